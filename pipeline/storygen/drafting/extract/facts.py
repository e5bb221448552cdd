"""Extraction: the facts a story may use, taken from the notes and nothing else.

``extract_facts(notes)`` classifies each note sentence into situation, task, action, result,
reflection (or ``detail``: a why/how explanation kept for the probes), records who its
subject is, and collects figures, before -> after pairs, scope cues and named entities.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from storygen.checks.rules.ownership import plural_words
from storygen.core.figures import Delta, find_deltas
from storygen.core.numbers import MONEY, Figure, find_figures
from storygen.core.text import split_sentences
from storygen.drafting.extract.phrasing import (
    CAUSE_LABEL,
    CLOCK_TIME,
    DAY_STAMP,
    FIRST_I_DID,
    HYPHENED_NAME,
    METRIC_MOVED,
    SAME_IN_PAST,
    Phrase,
    an_option,
    as_me,
    as_my_step,
    asked_someone,
    clauses,
    gives_credit,
    has_verb,
    heading_names,
    holds_their_clause,
    is_imperative,
    known_bases,
    lower_lead,
    named_figure,
    opens_on_clock,
    opens_on_plain_verb,
    other_actor,
    rewrite,
    said_apart,
    said_as_help,
    said_doing,
    said_whole,
)
from storygen.drafting.extract.placing import PLANNED, place
from storygen.story import kb, wordmodel
from storygen.story.judge import guess_principle, level_by_reach, level_scores, stated_level
from storygen.story.model import SECTION_NAMES
from storygen.story.notes import (
    FEEDBACK_ROLE,
    MONTH,
    MY_INITIALS,
    OBJECT_OPENERS,
    PART_SAID,
    PUT_FORWARD,
    SELF_TAG,
    STANCE_VERBS,
    Block,
    Notes,
    chat_parts,
    entry_lines,
    is_chat_intro,
    is_question_heading,
    past_word,
    section_label,
    strict_section,
)
from storygen.story.principles import PRINCIPLES, principle_aliases

DEFAULT_PRINCIPLE = "Ownership"
DEFAULT_LEVEL = "SDE2"
_SITUATION_VERBS = frozenset({"noticed", "saw", "was", "were", "had", "joined", "inherited",
                              "spotted", "heard", "worked", "realized", "realised", "am", "knew"})
_TEAM = re.compile(r"\b((?:[A-Z][\w&-]*\s+){1,3})[Tt]eam\b")
_SYSTEM = re.compile(r"\b((?:[a-z][\w-]*\s+){0,2}(?:service|queue|pipeline|database|cluster|job|"
                     r"api|endpoint|dashboard|template|library|cache|scheduler|worker|gateway|"
                     r"script|tool|svc))\b")
_ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")
_ROLE = re.compile(r"\b((?:their|my|our|the)\s+)?(tech lead|team lead|manager|product manager|"
                   r"director|vp|cto|pm|sre|on-call engineer|designer|intern|architect|"
                   r"principal engineer|staff engineer)\b", re.IGNORECASE)
# A person's name as the notes write it: "Sam", "Hyun-woo"
_NAME_WORD = r"[A-Z][a-z]{2,}(?:-[A-Za-z][a-z]+)?"
# A person named after a word that says what they did or who they are: "asked Sam", "mentor
# Hyun-woo"
_NAME = re.compile(r"\b(?:with|to|and|asked|told|helped|by|mentor|buddy|manager|lead)\s+"
                   rf"((?-i:{_NAME_WORD}))(?![\w-])")
_DETERMINERS = frozenset({"no", "any", "another", "other", "which", "one", "some", "whole",
                          "same", "whose", "either", "neither", "the", "a", "an", "our", "my",
                          "their", "its", "his", "her", "this",
                          "that", "every", "each", "new", "and", "of", "to", "in", "on"})
NOT_NAMES = frozenset({"The", "This", "That", "Then", "They", "There", "Platform", "Slack",
                        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                        "Sunday", "January", "February", "March", "April", "May", "June", "July",
                        "August", "September", "October", "November", "December"})


@dataclass(frozen=True, slots=True)
class Sentence:
    """One note clause as a spoken sentence, with its section, subject and tags."""

    text: str
    section: str
    person: str
    line: int
    source: str
    tags: tuple[str, ...] = ()
    fragment: bool = False
    topic: str = ""
    figures: tuple[Figure, ...] = ()
    deltas: tuple[Delta, ...] = ()
    free: bool = False  # its block is under no section heading or label
    # what the rules read its section from besides a heading: "label" (a line's own label,
    # "My slice: ..."), "claim" (the writer taking the work on), "lesson", "outcome"
    cues: tuple[str, ...] = ()

    @property
    def minor(self) -> bool:
        """Too short to say on its own ("organizational gap")."""
        return len(self.text.split()) < 3

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "section": self.section, "person": self.person,
                               "text": self.text, "source": self.source}
        if self.tags:
            out["tags"] = list(self.tags)
        if self.topic:
            out["topic"] = self.topic
        return out


@dataclass(frozen=True, slots=True)
class Dropped:
    """Note text left out of every story, and why."""

    line: int
    text: str
    reason: str
    place: str = ""

    @property
    def where(self) -> str:
        return self.place or f"line {self.line}"


@dataclass(slots=True)
class Facts:
    """Everything the drafters may say, each item traceable to a line of the notes."""

    notes_path: str
    slug: str
    title: str
    question: str
    principle: str
    principle_source: str
    level: str
    role: str
    company: str
    sentences: list[Sentence] = field(default_factory=list)
    scope_cues: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    principle_scores: dict[str, float] = field(default_factory=dict)
    # the words the principle and level are read from: the title and every line kept
    judged: str = ""
    # how far the reach of the work points at each level other than SDE2 (``level_scores``)
    reach: dict[str, float] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def section(self, name: str, *, tag: str | None = None) -> list[Sentence]:
        return [s for s in self.sentences
                if s.section == name and (tag is None or tag in s.tags)]

    @property
    def actions(self) -> list[Sentence]:
        """The writer's own actions: "I" sentences of the action section."""
        return [s for s in self.section("action") if s.person == "I" and not s.minor]

    @property
    def we_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.person == "we"]

    @property
    def figures(self) -> list[Figure]:
        return [f for s in self.sentences for f in s.figures]

    @property
    def deltas(self) -> list[Delta]:
        return [d for s in self.sentences for d in s.deltas]

    def as_dict(self) -> dict[str, Any]:
        return {
            "notes": self.notes_path, "slug": self.slug, "title": self.title,
            "question": self.question, "principle": self.principle,
            "principle_source": self.principle_source, "level": self.level, "role": self.role,
            "company": self.company,
            "figures": [f.as_dict() for f in self.figures],
            "deltas": [d.as_dict() for d in self.deltas],
            "scope_cues": self.scope_cues, "teams": self.teams, "systems": self.systems,
            "people": self.people,
            "we_sentences": [{"line": s.line, "text": s.source} for s in self.we_sentences],
            "principle_scores": self.principle_scores,
            "sentences": [s.as_dict() for s in self.sentences],
            "dropped": [{"where": d.where, "text": d.text, "reason": d.reason}
                        for d in self.dropped],
            "warnings": self.warnings,
        }


def extract_facts(notes: Notes, *, learned: bool = True) -> Facts:
    """Classify every clause of the notes and collect figures, cues and names. With
    ``learned``, the placement model has the last word on each sentence's card; without, the
    rules alone place them (what the model is trained on)."""
    meta = dict(notes.meta)
    dropped = [Dropped(0, f"{k}: {v}", "instruction-like text", "the front matter")
               for k, v in sorted(meta.items()) if kb.is_instruction(v)]
    for item in dropped:
        meta.pop(item.text.split(":", 1)[0])
    sentences: list[Sentence] = []
    kept: list[str] = []  # the notes without their instructions: what principle and level read
    kept_under: list[str | None] = []  # the section each kept text's heading names
    opening: str | None = None  # the heading the first sentence was under
    owner = ("", "", "")  # "my team built the rest:": whose steps the list below it holds
    #                       (and who, when a paragraph ends on their name: "Aisha:")
    # what the line over a list says its items are ("I built it over ~2 weeks:", "Options I
    # laid out"): the kind ("built", "options" or ""), the heading both sit under, the line
    lead = ("", "", "")
    present = _told_in_the_present(notes)
    whose_of: dict[tuple[str, str | None], str] = {}  # the people each heading names
    second = _told_as_you(notes)
    signed = False  # the line before was a letter's sign-off ("Thanks,"): a name under it signs
    lowered = _common_words(notes.text)  # the words the notes write in lower case somewhere
    for block in notes.blocks:
        text = block.text
        if signed and block.kind != "chat" and _SIGNATURE.fullmatch(text.strip()):
            dropped.append(Dropped(block.line, text, "a letter's greeting, sign-off or header"))
            continue  # "Thanks, / Sam": who signed the letter
        signed = False
        text = _POSTSCRIPT.sub("", text, count=1)  # "P.S. I still owe you the postmortem"
        if block.kind != "bullet":
            their = _their_list(text, notes.text)
            if their is None:  # "Team 1 — Checkout (Sofia's team, 8 eng)" over the list
                their = _their_team_title(text)
            owner = ("we" if _TEAM_LIST.search(text) or _NOT_LEADING.search(text) else
                     "other" if their is not None else "", block.heading, their or "")
            line = text.strip(" :.")
            lead = ("" if owner[0] else "built" if _BUILT_LEAD.search(text) else
                    "mine" if _MINE_LEAD.match(text) else
                    "options" if _OPTIONS_HEADING.fullmatch(line) else "", block.heading, line)
        led = lead[0] if block.kind == "bullet" and block.heading == lead[1] else ""
        if block.kind == "chat":
            kept.append("" if kb.is_instruction(text) else text)
            kept_under.append(None)
            if _THEIR_QUESTION.fullmatch(text.strip()) and not _ASKS_FOR_HELP.search(text):
                dropped.append(Dropped(block.line, text.strip(), "a question someone asked"))
                continue  # "mgr: how did it land", "Ingrid: who owns validation lib"
            said = _chat_message(block)
            if said is None:
                dropped.append(Dropped(block.line, block.text, "instruction-like text"))
                continue
            if said == "":
                dropped.append(Dropped(block.line, block.text, "chat line with nothing to tell"))
                continue
            if isinstance(said, Sentence):
                sentences.append(said)
                continue
            text = said
        if block.kind != "chat" and len(text.split()) <= 16 and _LETTER.match(text):
            dropped.append(Dropped(block.line, text, "a letter's greeting, sign-off or header"))
            signed = _SIGNED_OFF.match(text) is not None
            continue  # "Hi Marta,", "Thanks,", "Subject: ...": the letter, not the story
        if _HASHTAGS.fullmatch(text.strip()):
            dropped.append(Dropped(block.line, text, "hashtags"))
            continue  # "#nonprofittech #juniordeveloper": a post's tags, not the story
        if re.fullmatch(r"\s*\[[^\[\]]+\]\s*", text) and _ABOUT_STORY.match(text.strip()):
            dropped.append(Dropped(block.line, text.strip(), "a note on telling the story"))
            continue  # "[feedback: too long on setup. and i never said what I learned]": whole
        if block.kind != "chat" and _PASTE_NOTE.match(text) and len(text.split()) <= 24:
            dropped.append(Dropped(block.line, text, "where a paste came from"))
            continue  # "pasted from #checkout-oncall, Black Friday week": where a paste came from
        text, removed = _without_instructions(text)
        dropped.extend(Dropped(block.line, item, "instruction-like text") for item in removed)
        if block.kind != "chat":
            kept.append(text)
            kept_under.append(block.section)
        if block.kind == "quote" and _WHOLE_QUOTE.fullmatch(text.strip()) \
                and not kb.is_instruction(text):
            # '> "I typed my address three times ... Gave up and bought it in store."': someone
            # else's words, quoted whole; their "I" is never the writer's
            sentences.append(_sentence(Phrase(" ".join(text.split()), "other"), text,
                                       block.section, block.line, ""))
            continue
        topic = ""
        section = block.section  # "... Reflection: I underestimated" opens a card mid-paragraph
        # the card of the interview's question this line answers ("Host: fix?" over "Me: token
        # refresh on every app open")
        answered = section if block.heading and is_question_heading(block.heading) \
            and not _OURS_ASKED.search(block.heading) else None
        # an "Impact" heading that opens the notes is result-first; after a summary, it is
        # what the problem cost
        impact = block.label or (block.heading.lower().strip(" :*#")
                                 if block.section and opening not in (None, block.heading)
                                 else "")
        if impact in _IMPACT_LABELS and not _IMPROVED.search(text) \
                and not _MOVED_TO.search(text) and not any(
                s.section == "action" and s.person == "I" for s in sentences):
            section = "situation"  # "impact: ~2% of pushes dropped", before anything was done
        after = (block.label or block.heading).lower().strip(" :*#") in _AFTER_LABELS
        lesson = False  # a line that opens on a lesson is a lesson to its end: "I'd set an
        subject = owner[0] if block.kind == "bullet" and block.heading == owner[1] else ""
        found_heading = block.section == "action" and (
            _FOUND_HEADING.match(_bare(block.heading))
            or _FOUND_HEADING.fullmatch(_bare(block.label)))  # "- what I found: 3 were XL; ..."
        if block.kind == "bullet" and _TEAM_HEADING.fullmatch(_bare(block.heading)):
            subject = "we"  # "What the team did" over "- wrote the runbook together"
        if (block.heading, block.section) not in whose_of:  # read once a heading
            whose_of[block.heading, block.section] = _whose_heading(block, notes)
        whose = whose_of[block.heading, block.section]  # "## Sasha & Min": its lines are theirs
        whose = owner[2] if subject == "other" and owner[2] else whose
        subject = "other" if whose and not subject else subject
        # the last subject the block named:
        # "we ran the backfill. Cut over ..."
        if second:  # "You pull bugreports from two phones": the writer, told as "you"
            text = as_me(text)
        # "(don't forget to say why: we measured jitter)": the reason stays with the step
        text = _COACH_ASIDE.sub(lambda m: "(because " if m.group("why") else "(", text)
        if block.kind == "bullet" and _TRIED_HEADING.match(_bare(block.heading)) \
                and re.match(r"[A-Za-z]{3,}ing\b", text.strip()):
            # "Tried, didn't help:" over "- Turning off parallel builds — slower and still
            # flaky": what the writer tried, and how it went, said whole
            tried = re.sub(r"\s+(?:—|--|–)\s+", ": ", text.strip(), count=1)
            text = f"I tried {tried[:1].lower()}{tried[1:]}"
        held = block.kind == "bullet" and _HELD_TO.fullmatch(_bare(block.heading)) is not None \
            and not re.match(r"\W*(?:I|we)\b", text, re.IGNORECASE)
        if held:
            # "non-negotiables for me:" over "- no layout shift": what the work was held to,
            # said under its list's name in the Task, never as how things were
            name = " ".join(_bare(block.heading).split())
            text = f"{name[:1].upper()}{name[1:]}: {text.strip()}"
            section = "task"
        spoken = clauses(text)  # owner; orphaned code is where..."
        # "i could have quietly fixed it ... didn't.": what the writer chose not to do, not a
        # lesson
        declined = any(_DECLINED.match(c.strip()) for c in spoken)
        labelled = bool(block.label) or held  # "impact: ...": the line's own label names its section
        stance = _STANCE_SAID.match(text)
        for number, clause in enumerate(spoken):
            put_forward = False  # said as what the writer put forward, by its heading
            list_name = ""  # "Action items: a secret hook, ...": the list's name, kept in its source
            if number and stance and (opens_on_plain_verb(clause.strip())
                                      or is_imperative(clause.strip())):
                # "My call: don't launch on offline numbers alone. Run a 2-week A/B ...": what
                # the writer called for, never a step told as done
                clause = f"{stance.group(0)}{clause.strip()[:1].lower()}{clause.strip()[1:]}"
            if number:
                labelled_as, rest = section_label(clause, section)
                if labelled_as and rest:
                    list_name = clause.strip()[:-len(rest.strip())].strip() if rest.strip() else ""
                    section, clause, topic = labelled_as, rest, ""
                    labelled = True
            if _LEAD_IN.fullmatch(clause.strip(" .:-")) \
                    or _OPTIONS_HEADING.fullmatch(clause.strip(" .:-")) or (
                    _SELF_QUESTION.fullmatch(clause.strip())
                    and clause.strip() == block.text.strip()) \
                    or (number == 0 and len(spoken) > 1 and _ASKS.fullmatch(clause.strip())):
                # "How it started.", "did it work?" name what follows; they tell nothing, nor
                # does "Why did it brick?" before its answer ("Power loss during the flash ...")
                continue
            if (number or len(spoken) > 1) and _PASTE_NOTE.match(clause.strip()) \
                    and len(clause.split()) <= 16:
                dropped.append(Dropped(block.line, clause.strip(), "where a paste came from"))
                continue  # "... raised it in the launch review. Pasted from the thread after:"
            coached = _COACH_PREFIX.match(clause)  # "you should mention: I got the privacy
            clause = clause[coached.end():] if coached else clause  # officer to review it"
            if _ABOUT_STORY.match(clause.strip()) and len(clause.split()) <= 24:
                said_after = _STORY_BUT.search(clause)  # "my X story, tho I'd frame it ..."
                dropped.append(Dropped(block.line, clause[:said_after.start(1) if said_after
                                                          else len(clause)].strip(),
                                       "which question the story answers"))
                if not said_after:
                    continue  # "That's my Learn and Be Curious story", "You asked for a ..."
                clause = clause[said_after.end():]
            about = _ABOUT_NOTES.search(clause)
            if about and _GREETING.fullmatch(clause[:about.start()].strip(" -–—:,(")):
                about = None if len(clause[about.start():].split()) > 16 else about
                if about:  # "hey Sam, writing down what happened Friday night": a greeting
                    dropped.append(Dropped(block.line, clause.strip(), "why the notes were written"))
                    continue
            if about and about.start() > 0 and clause[:about.start()].strip(" -–—:(").strip():
                clause = clause[:about.start()].rstrip(" -–—:,(")  # "Flaky test thing -- writing
                # this down before I forget": the thing, not why the note was written
            elif about and len(clause.split()) <= 16:
                dropped.append(Dropped(block.line, clause.strip(), "why the notes were written"))
                continue
            asked = _THEIR_QUESTION.fullmatch(clause.strip())
            if asked and " ".join(asked.group(1).lower().split()) not in kb.section_headings():
                dropped.append(Dropped(block.line, clause.strip(), "a question someone asked"))
                continue  # "mgr: did you say this in the design review?", "mgr: how did it land"
            if _TO_THE_READER.match(clause.strip()):
                dropped.append(Dropped(block.line, clause.strip(), "a word to the reader"))
                continue  # "Would you be open to using this as the anchor?", "Happy to draft it."
            if _SHELL_LINE.match(clause):
                dropped.append(Dropped(block.line, clause.strip(), "a command typed at a prompt"))
                continue  # "$ shipit prod my-service": what was typed, no sentence to tell
            if _COACHING.match(clause.strip()) or (
                    _PREP_HEADING.fullmatch(_bare(block.heading)) and not block.label
                    and _PREP_LINE.match(clause.strip())):
                dropped.append(Dropped(block.line, clause.strip(),
                                       "a note to self on telling the story"))
                continue
            if present and section is None and block.kind == "bullet" \
                    and opens_on_plain_verb(clause) and not _measure_named(clause) and not (
                        len(spoken) > 1 and _bare_object(clause)
                        and any(other_actor(c.strip()) for c in spoken)):
                # "ping the lead" -> "I ping the lead" (not "test lab run on 30 phone models -
                # Felipe's team ran it": a thing named, then who did it)
                clause = as_my_step(clause)
            laid = _OPTIONS_HEADING.fullmatch(lead[2] if led == "options" else _bare(block.heading)) \
                if block.kind == "bullet" and not number else None
            letter = _OPTION_LETTER.match(clause.strip()) if laid else None
            option = clause.strip()[letter.end():] if letter else clause.strip()
            # its letter: "A: shard ...", or "A" read as the item's label
            named = letter.group(1) if letter else block.label if laid and re.fullmatch(
                r"[A-Ha-h]", block.label or "") else ""
            if laid and an_option(option) and laid.group(1):
                # "Options I laid out" over "- make it opt-in per partner": an option, never a
                # step taken
                who = "I" if laid.group(1).lower() == "i" else "We"
                clause, section = f"{who} {laid.group(2).lower()} an option: {clause.strip()}", \
                    section or ("action" if who == "I" else None)
            elif laid and (an_option(option) or (named and option[:1].islower())):
                # "Options on the table" over "- A: shard the orders DB (storage team)": an
                # option nobody is said to have taken, told as one
                clause, section = _as_option(named, option), section or "situation"
            job = _JOB_LABEL.fullmatch(block.label.strip()) if block.label and not number \
                else None
            if job and clause.strip() and not re.match(r"\W*(?:I|we|my|our)\b", clause.strip(),
                                                       re.IGNORECASE):
                clause = _as_job(job.group(0), clause.strip())  # "My job: own the deprecation"
            named = _NAMED_LABEL.fullmatch(block.label.strip()) if block.label and not number \
                and not job else None
            said = named_figure(named.group(0), clause.strip()) if named else None
            clause = said or clause  # "Impact: ~2,100 failed checkouts" -> "The impact was ..."
            my_fix = _MY_FIX_LABEL.fullmatch(block.label.strip()) if block.label and not number \
                else None
            if my_fix and _a_thing(clause.strip()):
                # "Fix (mine): 200ms timeout + breaker" -> "My fix: ..."; "my change: ..." as is
                own = block.label.strip()
                own = own[:1].upper() + own[1:] if own.lower().startswith("my ") else "My fix"
                clause = f"{own}: {clause.strip()}"
            chose = _CHOICE_LABEL.fullmatch(block.label.strip()) if block.label and not number \
                and not my_fix and not said else None
            if chose and _a_thing(clause.strip()) and not opens_on_plain_verb(clause.strip()) \
                    and not is_imperative(clause.strip()) and (chose.group("fix") or (
                    len(clause.split()) <= _CHOSEN_WORDS and not has_verb(clause.split()))):
                # "decision: SQS+SNS." -> "Decision: SQS+SNS.", not a bare "SQS+SNS."; "fix:
                # Glide.with(fragment) instead of ...": what the fix was, said as the fix
                own = block.label.strip()
                clause = f"{own[:1].upper()}{own[1:]}: {clause.strip()}"
            made = _MADE_HEADING.match(_bare(block.heading)) if block.kind == "bullet" else None
            if made and not number and _a_thing(clause) and (
                    made.group(1).lower() != "changed" or find_deltas(clause)):
                # "what I built:" over "- retry wrapper for the client": the thing built, said
                # as built ("I built: retry wrapper ...", "I built a small step ...")
                verb = made.group(1).lower()
                clause = f"I {verb} {clause.strip()}" if clause.split()[0].lower() in _DETERMINERS \
                    | {"a", "an", "the", "my", "our"} else f"I {verb}: {clause.strip()}"
            # "I owned the android side end to end:" over its parts; "Host: fix?" over "Me:
            # token refresh on every app open"
            owned_part = led == "mine" or answered == "action" or (
                block.section == "action" and _MARKED_MINE.search(clause) is not None
                and _THEIR_MARK.search(clause) is None)
            if not made and (block.kind == "bullet" or answered == "action") and not number \
                    and (_MY_DOING_HEADING.fullmatch(_bare(block.heading)) or owned_part) \
                    and _a_thing(clause.strip()) \
                    and not (_FOUND_THEN.search(_IN_BRACKETS.sub("", clause)) if owned_part
                             else _says_how_it_was(clause)) \
                    and not (find_deltas(clause) if owned_part else find_figures(clause)) \
                    and ":" not in clause \
                    and not re.match(r"(?:didn['’]?t|don['’]?t|never|not|no)\b|\w+ly\s|\w+,",
                                     clause.strip(), re.IGNORECASE) \
                    and not clause.strip().endswith("?") \
                    and not _after_a_look(sentences) \
                    and not _parts_of_a_made_step(sentences) \
                    and (owned_part
                         or not re.search(r"\b(?:back to|down|up|now|before|after)\b", clause)) \
                    and (_NOUN_OF.match(clause.strip())  # ("audit of the last 60 rollbacks")
                         or not (opens_on_plain_verb(clause.strip())
                                 or is_imperative(clause.strip()))):
                # "what I did:" over "- per-team cost dashboards + $ per stream hour": a thing
                # the writer's own heading says they did, never what the step above it found
                # (a measure, "connections back to normal ~25 min", is no thing made)
                clause = f"{PART_SAID}{clause.strip()}"
            if block.kind == "bullet" and not number and _proposed_item(clause.strip()) \
                    and (_PROPOSAL_HEADING.fullmatch(_bare(block.heading))
                         or PUT_FORWARD.fullmatch(_bare(block.heading))):
                # "proposal:" over "- booking + waitlist into one table": what the writer put
                # forward, not the state of things
                said = clause.strip()
                said = said[:1].lower() + said[1:] if re.fullmatch(r"[A-Z][a-z]+", said.split()[0]) \
                    else said  # "Split the platform into cells": the item's own capital
                put = PUT_FORWARD.fullmatch(_bare(block.heading))  # "what I pushed for:"
                verb = put.group(1).lower() if put else "proposed"
                verb = "pushed for" if verb == "pushed" else verb
                clause, section = f"I {verb}: {said}", section or "action"
                put_forward = True  # its heading says the writer put it forward: told so
            phrase = rewrite(clause, section)
            if phrase.fragment and phrase.person == "I" and not number and block.label \
                    and CAUSE_LABEL.match(block.label):
                # "root cause per DC remote hands: switch PSU A failed": what was found there,
                # never a step of the writer's
                phrase = Phrase(_as_written(f"{_as_typed(notes, block)}: {clause.strip()}"),
                                "other")
            if not phrase.text:
                continue
            if _says_nothing(phrase.text):
                dropped.append(Dropped(block.line, clause.strip(), "a fragment that says nothing"))
                continue  # "Background.", "|.", "Thu.", "Also.": a heading or a mark, no fact
            if phrase.fragment and phrase.person == "I" and subject == "we" \
                    and not phrase.text.startswith(("I would", "I should", "I learned")):
                phrase = Phrase(_as_written(clause), "we")  # the team's step goes on
            elif phrase.fragment and phrase.person == "I" and whose and subject == "other" \
                    and not _FIRST_PERSON.search(clause) and phrase.text.startswith("I "):
                # "## Sasha & Min / - took the card processor training": Sasha and Min did
                phrase = Phrase(f"{whose[:1].upper()}{whose[1:]} {phrase.text[2:]}", "other")
            elif phrase.fragment and phrase.person == "I" and subject == "other" \
                    and (not _MINE.search(clause) or _SAID_OF_ME.match(clause.strip())) \
                    and not _names_them_apart(clause):
                # ("our flight test data" is not the writer; "found out he'd lost 3 days" is)
                # "fraud lead (Nadia) was furious. escalated to Colm.": Nadia's step goes on;
                # the notes never say the writer escalated
                phrase = Phrase(_as_written(clause), "other")
            elif not phrase.fragment and (phrase.person == "I" or phrase.person == "we"
                                          and _WE_OPENS.match(clause)
                                          and not _WE_STOOD.match(clause)):
                subject = phrase.person  # "our telemetry says ...": no subject a fragment takes
            elif not phrase.fragment and phrase.person == "other" and subject != "I" \
                    and (_person_opens(clause) or _SOMEONE_DID.match(clause.strip())
                         or _group_did(clause.strip())) \
                    and f"({clause.strip().rstrip('.')}" not in text \
                    and not said_as_help(clause, text) \
                    and not _WRITER_DOES.search(clause) and not _I_GRANT.search(clause):
                # (an aside in brackets, "(Hyun paused it quickly)", or the help a step had
                # ("Lena helped."), hands no step on to them; "Kwame pushed back on my rule"
                # does: "my" is only whose rule it was)
                subject = "other"
            elif phrase.person == "other" and subject == "I" and section == "result" \
                    and clause.strip()[:1].islower():
                # "i personally took the follow-up — added expiry alerts": the writer goes on
                mine = rewrite(clause, "action")
                phrase = mine if mine.person == "I" else phrase
            elif subject == "other" and phrase.person != "other":
                subject = ""
            topic = phrase.label if phrase.label.startswith(("why", "how")) else topic
            if found_heading and _told_as_found(phrase, clause):
                # "what i found:" over "- a dozen old agents were still attached to a project":
                # what the writer's own digging found, said as theirs
                said = phrase.text[:1].lower() + phrase.text[1:] \
                    if clause.lstrip(" -*•")[:1].islower() or _PLAIN_LEAD.match(phrase.text) \
                    else lower_lead(phrase.text, lowered)
                phrase = Phrase(f"I found that {said}", "I")
            sentence = _sentence(phrase, clause, section, block.line, topic)
            if put_forward:
                sentence = _with(sentence, cues=("label", *sentence.cues))
            if labelled and not (held and number):  # (the list's name holds its item only)
                # ("rollout: Reno first": a label naming a step of its own, never what the
                # step before it found)
                stepped = ("step-label",) if block.label and block.section == "action" else ()
                sentence = _with(sentence, cues=("label", *stepped, *sentence.cues))
            if list_name.endswith(":"):
                sentence = _with(sentence, source=f"{list_name} {sentence.source}")
            if led == "built" and section is None and sentence.person == "other" and not sentence.deltas \
                    and sentence.section != "reflection" and not _OUTCOME.search(sentence.text) \
                    and not _FIRST_PERSON.search(clause) and not other_actor(clause.strip()):
                # "I built it over ~2 weeks:" over "- a CI step that reruns a failed test": the
                # parts of what the writer built
                sentence = _with(sentence, section="action", cues=("label", "part",
                                                                   *sentence.cues))
            if (after or section == "result") and _follow_up_step(sentence):
                sentence = _with(sentence, section="action")
            if declined and sentence.section == "reflection" and section is None \
                    and _COULD_HAVE.match(sentence.text):
                sentence = _with(sentence, section="situation")
            if lesson and sentence.person != "we":
                sentence = _with(sentence, section="reflection")
            lesson = lesson or (number == 0 and section is None
                                and sentence.section == "reflection"
                                and (_LESSON.match(sentence.text) is not None
                                     or _HINDSIGHT.search(_IN_BRACKETS.sub("", sentence.text))
                                     is not None))
            opening = block.heading if opening is None else opening
            sentences.append(sentence)
    sentences = _done_by_them(_corrected(sentences, dropped))
    common = _common_words(notes.text)
    sentences = _attach_replies(_attach_parts(_attach_findings(
        _promote_results(_lone_action(_by_phase(sentences))), _named_people(notes.text),
        entry_lines(notes.text), common), common))
    sentences = [_with(s, section="task") if s.section in SECTION_NAMES and s.section != "task"
                 and "label" not in s.cues and _ROLE_SAID.match(s.text)
                 else _with(s, section="task", cues=(*s.cues, "claim"))
                 if (s.section in ("action", "situation") or s.section in ("reflection", "result")
                     and _ONLY_MINE.match(s.text)) and _SCOPE_SAID.match(s.text) else s
                 for s in sentences]
    sentences = [_when_labelled(s) for s in sentences]
    teams = _teams(sentences)
    sentences = [_proper_case(s, teams) for s in sentences]
    sentences = [_with(s, text="We" + s.text[1:], person="we", section="result")
                 if s.fragment and s.person == "I" and _ALL_DONE.match(s.text) else s
                 for s in sentences]
    if learned:
        sentences = place(sentences, notes.blocks)
    sentences = _with_referent(sentences)
    # "Pages: 14 -> 3", "p99 back to 180ms": placed by the note's words, then said whole
    sentences = [s if (said := said_whole(s.text)) == s.text else _with(s, text=said)
                 for s in sentences]
    # "Shipped in the next release" as an outcome: the release went out with everyone's work
    # in it, so it is not told as the writer's alone ("We shipped ...", never "I shipped ...")
    sentences = [_with(s, text="We" + s.text[1:], person="we")
                 if s.section == "result" and s.fragment and s.person == "I"
                 and _WENT_OUT.match(s.text) else s for s in sentences]
    text = " ".join(s.text for s in sentences)
    said = "\n".join(t for t in kept if t)
    under = tuple(section for t, section in zip(kept, kept_under, strict=True) if t
                  for _ in t.splitlines())
    heading = notes.title
    if heading and kb.is_instruction(heading):
        dropped.append(Dropped(0, heading, "instruction-like text", "the title"))
        heading = None
    judged = "\n".join(t for t in (heading, said) if t)
    best, scores = guess_principle(said, notes.title or "", under)
    named = _named_principle(notes)
    if named and "principle" not in meta:
        principle, source = named, "named in the notes"
    else:
        principle, source = _principle(meta, scores, best, judged)
    # a heading's aside may state the level: "what I did (junior, so I kept it to our suite)"
    asides = "\n".join(dict.fromkeys(m.group(1) for b in notes.blocks if b.heading
                                      for m in [_HEADING_ASIDE.search(b.heading)] if m))
    reach = level_scores(said, notes.title or "")
    level = meta.get("level") or _level(said, notes.title or "", judged, reach, asides)
    title = meta.get("title") or _without_principle(heading, named)
    question = meta.get("question") or kb.principles()[principle].question
    return Facts(
        notes_path=notes.path, slug=slug_for(meta.get("id") or stem_of(notes.path)),
        title=_capital(title or question), question=question, principle=principle,
        principle_source=source, level=level, role=meta.get("role") or level,
        company=meta.get("company") or "Amazon", sentences=sentences,
        scope_cues=_scope_cues(sentences), teams=[f"the {t} team" for t in teams],
        systems=_systems(" ".join(s.source for s in sentences)), people=_people(text, teams),
        principle_scores=scores, judged=judged, reach=reach,
        dropped=dropped, warnings=list(notes.warnings),
    )


# A line that says the writer built something and lists its parts below: "I proposed dropping
# the meeting and built it over ~2 weeks:", "What I built:".
_BUILT_LEAD = re.compile(r"(?<!what )\bI\b[^.:;]{0,80}?\b(?:(?:built|set up|designed|created|"
                         r"implemented|put together)\s+(?:it|them|this|that|one|(?:a|an|the|my|our)"
                         r"\s+[\w-]+)|wrote (?:a|an|the|my) (?:[\w-]+ )?(?:script|tool|bot|service|"
                         r"job|linter|cli|library|check|hook|pipeline))\b[^.:;]{0,50}:\s*$",
                         re.IGNORECASE)
# A part's item that tells what was found or how things went, not what the part held
# ("heap dumps showed 3s GC pauses"): a part is said in the present ("retries are idempotent")
_FOUND_THEN = re.compile(r"\b(?:was|were|wasn['’]t|weren['’]t|had|showed|found|turned out|went|"
                         r"became|got|caused|broke|failed|came|held|slipped|stayed|dropped|rose|"
                         r"fell|grew|improved|worked|landed)\b", re.IGNORECASE)
# A line that says the writer owned a part and lists what it held below: "I owned the android
# side end to end:", "I handled the client:", "so I took on the migration tooling:"
_MINE_LEAD = re.compile(r"\W*(?:(?:so|then|and)\s+)?I\b[^.:;]{0,30}?\b(?:owned|handled|took (?:on|over)|"
                        r"drove|picked up|was (?:responsible|on the hook) for|was in charge of)"
                        r"\b[^.:;]{0,60}:\s*$", re.IGNORECASE)
# A clause the team is the subject of: "we ran the backfill", "so we'd ship it", "my team built".
_WE_OPENS = re.compile(r"\W*(?:(?:and|so|then|but|also|later|after that),?\s+)*"
                       r"(?:(?:at|on|in|by|during|after|before|around)\s+[^\s,]{1,15}(?:\s+[^\s,]{1,15})?,?\s+)?"
                       r"(?:we\b|(?:my|our|the) team\b)", re.IGNORECASE)  # "At 5% we caught a bug"


_PRESENT_LOG = 0.4  # of a note's list items opening on a plain verb: a log kept in the present


def _whose_heading(block: Block, notes: Notes) -> str:
    """The people a block's heading names when the notes show them to be people ("## Ruth (my
    manager)", "## Bongani" where "Bongani + me paired" is said, "## Sasha & Min" over "they
    did the hard part"), said as a subject; "" otherwise ("## Kafka", "## Rollout")."""
    names = heading_names(block.heading) if block.section is None else ()
    aside = re.search(r"\(([^()]*)\)", block.heading)
    if not names or not aside and any(re.search(rf"(?-i:\b{re.escape(name.lower())}\b)",
                                                notes.text) for name in names):
        return ""  # "Moves:" where the notes say "the moves I made": a word, not a name
    known = _named_people(notes.text)
    under = " ".join(b.text for b in notes.blocks if b.heading == block.heading)
    if not (aside or any(name in known for name in names)
            or any(_person_pattern(name).search(notes.text) for name in names)
            or (_THEY_DID.search(under) and not any(_LABEL_WORD.search(n) for n in names))):
        return ""  # ("Evidence:" over "he ran the design review himself": a label, no one)
    return " & ".join(names) if len(names) > 1 and "&" in block.heading else \
        " and ".join(names)


@lru_cache(maxsize=256)
def _person_pattern(name: str) -> re.Pattern[str]:
    n = re.escape(name)
    return re.compile(rf"(?:\b(?:with|and|see|asked|told|thanked|paired with|me\s*\+)\s+{n}\b|"
                      rf"\b{n}\s+(?:\+\s*me|and I|said|asked|told|was|is|had|got|wanted|agreed|"
                      rf"pushed|joined|did|took|came|reviewed|owned|wrote|built|ran)\b|\b{n}['’]s\b|"
                      rf"\(\s*{n},\s*[a-z])")  # "(Ana, partner ops)": a name and their role


# Endings of the words a heading names a kind of content by ("Evidence", "Impact assessment",
# "Observations"), which no person's name has
_LABEL_WORD = re.compile(r"(?:tion|sion|ment|ness|ity|ence|ance|ics|ure|ogy|ism|ship|hood|dom)s?$",
                         re.IGNORECASE)
# "honestly they did the hard part": the lines under a heading speak of people
_THEY_DID = re.compile(r"(?:^|[.;,]\s*|\b(?:honestly|but|and|so)\s+)(?:he|she|they)\s+(?:did|was|were|"
                       r"had|got|took|joined|learned|said|asked)\b", re.IGNORECASE)


def _told_as_you(notes: Notes) -> bool:
    """Whether the notes tell the writer's own story as "you" ("You notice the dashboard ...",
    "you pull bugreports ..."): more lines open on "you" than on "I", three at least."""
    texts = [span.text for b in notes.blocks for span in split_sentences(b.text, lower=True)]
    you = sum(bool(re.match(r"\W*(?:and |then |so |next day |later )?you(?:['’]re)?\s+[a-z]", t,
                            re.IGNORECASE)) for t in texts)
    mine = sum(bool(re.match(r"\W*I\b", t)) for t in texts)
    if _TO_MY_FUTURE_SELF.match(notes.title or "") or any(
            _TO_MY_FUTURE_SELF.match(b.text) for b in notes.blocks[:2]):
        # "Dear future me, ... you pulled the data yourself": a letter whose "you" is the
        # writer; not one that goes on in the writer's "I" ("I would like to draw your
        # attention ..."), whose "you" is its reader (the notes reader may have said a "You
        # stopped ..." line as "I stopped ... yourself" already: its "your" still counts)
        yours = sum(len(re.findall(r"\byour(?:self)?\b", t, re.IGNORECASE)) for t in texts)
        return you + yours >= mine
    return you >= 3 and you > mine


def _told_in_the_present(notes: Notes) -> bool:
    """Whether the notes' lists tell the writer's steps in the present ("ping the trust lead,
    no answer", "write a temporary rule", "ship it behind the kill switch"): each such line is
    then the writer's step, said with its "I" in the notes' own tense."""
    items = [b.text for b in notes.blocks if b.kind == "bullet"
             and not _HELD_TO.fullmatch(_bare(b.heading))]  # (a "TODO" list is no log)
    plain = sum(opens_on_plain_verb(text) for text in items)
    return plain >= 4 and plain >= _PRESENT_LOG * len(items)


_ME = frozenset({"me", "i", "myself", "self"})
# A clause that opens on one other person as its subject: "fraud lead (Nadia) was furious",
# "Priya reviewed it", "she said no" (not a team, a tool or a thing).
_PERSON_OPENS = re.compile(
    r"(?:(?:the|my|our|their|his|her)\s+)?(?:(?:[\w-]+\s+)?(?:lead|manager|director|pm|em|vp|boss|"
    r"cto|ceo|architect|tl|skip-level)(?:\s*\((?-i:[A-Z])[\w .'’-]{1,30}\))?|he|she|"
    rf"(?P<name>(?-i:{HYPHENED_NAME}|[A-Z][a-zà-öø-ÿ]{{2,}}))"
    r"(?:\s*(?:\+|&|and)\s*(?-i:[A-Z][a-zà-öø-ÿ]{2,}))?"  # "Niamh + Teodor"
    r"(?:\s*\([^()]{1,30}\))?)\s+(?:\w+ly\s+)?(?P<verb>[a-z]{2,})\b",
    re.IGNORECASE)


_REPLIES = frozenset({"said", "says", "agreed", "agrees", "approved", "replied", "answered",
                      "okayed", "signed", "told", "asked", "allowed", "let", "gave", "suggested",
                      "mentioned", "pointed", "offered", "wanted", "thought", "liked", "loved"})


# Someone's words about the writer, their subject left out: "said I was being too conservative"
_SAID_OF_ME = re.compile(r"(?:said|says|told me|thought|felt|argued|claimed|insisted|complained|"
                         r"worried)\s+(?:that\s+)?I(?:['’]d|['’]m|\s)", re.IGNORECASE)
_HIM_OR_HER = re.compile(r"\b(?:he|she)(?:['’](?:d|s|ll))?\b|\bhim\b|\bher\b", re.IGNORECASE)


def _names_them_apart(clause: str) -> bool:
    """Whether a step with no subject names the person before it apart from its doer ("found
    out in our sync he'd lost 3 days", "set up a rule for the team, not just him", "showed her
    the repro"): "he" is
    not who found out, so the step is the writer's, not theirs going on. Not what they said
    of themselves ("said she'd own it")."""
    words = clause.split()
    return bool(words) and words[0].lower() not in _REPLIES \
        and _HIM_OR_HER.search(clause) is not None


def _person_opens(clause: str) -> bool:
    """Whether a clause opens on one other person and their verb (``_PERSON_OPENS``); a
    capitalised first word is a name only when it is no common word ("Deliberately did ...",
    "Watch at least ...")."""
    match = _PERSON_OPENS.match(clause.strip())
    if match is None:
        return False
    name, verb = match.group("name"), match.group("verb").lower()
    lexicon = kb.lexicon()
    if verb in lexicon.function_words or verb in _REPLIES:
        return False  # "he said yes. built a prototype": the writer goes on after the answer
    if name is None:
        return True
    word = name.lower()
    return not (word in lexicon.function_words or word in lexicon.base_past
                or word in lexicon.irregular_past or word.endswith(("ly", "ing", "ed"))) \
        and (verb in lexicon.irregular_past or verb in lexicon.linking_verbs
             or verb.endswith("ed"))


# "someone had switched the jobs to on-demand ... never switched back": someone unnamed and
# their deed; the line's next subjectless step is still theirs, not the writer's
_SOMEONE_DID = re.compile(r"(?:someone|somebody)(?:\s+else)?\s+(?:\w+ly\s+)?(?:had\s+|has\s+)?"
                          r"(?:[a-z]{3,}ed|set|put|ran|wrote|made|built|took|left|broke|sent)\b",
                          re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our)\b|\bI['’]", re.IGNORECASE)
# The writer's word on what someone did, last in the clause: "Dario pushed back on my helper
# name, fair": the writer speaks last, and the step after it is theirs again
_I_GRANT = re.compile(r",\s*(?:fair(?: enough)?|ok(?:ay)?|fine|true|agreed|good (?:point|call)|"
                      r"he was right|she was right|they were right)\W*$", re.IGNORECASE)
# The writer in someone else's sentence as a doer or as the one speaking ("... for me", "my
# fault"); not "my rule", which only says whose the rule was
_WRITER_DOES = re.compile(r"\b(?:I|me|we|us|myself|ourselves)\b|\bI['’]|\bmy\s+and\b|"
                          r"\band\s+my\b|\bmy\s+(?:fault|bad|mistake|miss|call|bug|change)\b",
                          re.IGNORECASE)
_MINE = re.compile(r"\b(?:I|me|my|mine|myself)\b|\bI['’]", re.IGNORECASE)
_ACK = re.compile(r"^\W*(?:ok(?:ay)?|nice|thanks|thank you|thx|great|cool|sure|fine|lgtm|\+1|"
                  r"sounds good|got it|ack|will do|on it|np)\b", re.IGNORECASE)
_DIRECTIVE = re.compile(r"\b(?:you|your)\b|\bcan (?:someone|anyone)\b", re.IGNORECASE)


def _chat_message(block: Block) -> str | Sentence | None:
    """A pasted chat line: the writer's own message ("[09:14] me: it's the TLS cert") is read as
    a note line of theirs; another person's is context, quoted and attributed ("Sam (manager)
    said: ..."), and a request to the writer states the task. Clock times and speaker labels
    are never copied; chatter ("on it") and the paste's own heading are left out (""). None
    for an instruction."""
    parts = chat_parts(block.text)
    if parts is None:
        return "" if block.text.rstrip().endswith(":") or is_chat_intro(block.text) \
            else block.text
    who, body = parts
    if not body:
        return ""
    if re.fullmatch(r"[\w.'’ -]{1,30}?\s*" + SELF_TAG, who, re.IGNORECASE) \
            or re.fullmatch(r"(?:me|myself)\s*\([^()]{1,30}\)", who, re.IGNORECASE):
        who = "me"  # "Comment (me): ...", a ticket's comment the writer left; "me (week 2): ..."
    if kb.is_instruction(body) or kb.is_instruction(block.text):
        return None
    if len(body.split()) <= 2 and not find_figures(body):
        return ""  # "on it", "ok, thanks": chatter that tells nothing
    agreed = _YES.match(body) if who.lower() in _ME else None
    if agreed and not _TO_YOU.search(body) and not re.search(r"\bsorry\b", body, re.IGNORECASE) \
            and len(body[agreed.end():].split()) > 6:
        body = body[agreed.end():]  # "yeah. I'm his mentor, so I'll own that. ...": the
        # writer's own lines after a yes to the one before, read as any of theirs
    if who.lower() in _ME and _SAID_TO_THEM.search(body):
        # "yes, that was my change. I'm really sorry. refunds are going out today, I can send
        # you the list": what the writer told the one they were writing to, in their words
        return _sentence(Phrase(f"I wrote: {_quoted(body)}", "I"), body, "action", block.line, "")
    if who.lower() in _ME:
        body = re.sub(r"(^|[.!?]\s+)(?:going to|gonna|about to)\s+", r"\1I planned to ", body,
                      flags=re.I)
        # "rolling back the 09:05 push now": what the writer said they were doing; "still think
        # halting is right": what the writer thinks
        body = re.sub(r"(^|[.!?]\s+)((?:still |really |also )?(?:think|thought|agree|disagree|"
                      r"want|need|prefer|believe|guess|reckon)\b)",
                      lambda m: m.group(1) + "I " + m.group(2), body, flags=re.IGNORECASE)
        return re.sub(r"(^|[.!?]\s+)((?:(?-i:re|pre|un|de)-)?(?-i:[a-z]|[A-Z](?=[a-z]))[a-z]+ing)\b"
                      r"(?=\s+(?:the|a|an|it|this|that|back|out|up|my|our|to|\S+-\S+)\b|\s+[a-z])",
                      lambda m: m.group(1) + "I'm " + m.group(2).lower()
                      if _doing(m.group(2).split("-")[-1], body[m.end():]) else m.group(0), body)
    name = who[:1].upper() + who[1:] if who[:1].isalpha() else who  # "lena.k" -> "Lena.k"
    if _ACK.match(body) and len(body.split()) <= 8 and not find_figures(body) \
            and not _DIRECTIVE.search(body):
        return ""  # "nice. write it up for security": an acknowledgement, not a fact
    phrase = Phrase(f"{name} said: {_quoted(body)}", "other")
    if f" {FEEDBACK_ROLE}:" in block.text:  # "feedback from my EM:": how the work landed
        return _sentence(phrase, body, "result", block.line, "")
    if _DIRECTIVE.search(body):
        return _sentence(phrase, body, "task", block.line, "")
    # what someone else said is read by where it sits: before the writer acted it is the
    # context, once the work was done it is how it landed ("thanks for being straight")
    return _with(_sentence(phrase, body, "situation", block.line, ""), free=True)


# What an on-call writer says they are doing in a chat: "paging ranking team lead"
_CHAT_DOINGS = frozenset({"paging", "pinging", "escalating", "checking", "looking", "rolling",
                          "reverting", "restarting", "deploying", "investigating", "digging",
                          "pulling", "drafting", "filing", "opening", "flipping", "disabling",
                          "enabling", "draining", "scaling", "killing", "bumping", "taking",
                          "grabbing", "syncing", "calling", "messaging", "posting", "updating",
                          "merging", "shipping", "testing", "running", "writing", "declaring"})


def _doing(word: str, after: str) -> bool:
    """"paging ranking team lead", "rolling back now": a step the writer said they were
    taking, not a thing ("morning standup") or how things looked ("looking good")."""
    stem = word.lower()[:-3]
    verbs = known_bases()
    known = stem in verbs or stem + "e" in verbs or (len(stem) > 2 and stem[-1] == stem[-2]
                                                     and stem[:-1] in verbs)
    known = known or word.lower() in _CHAT_DOINGS
    nxt = (after.split() or [""])[0].lower().strip(",.;:")
    if ":" in re.split(r"[.!?]\s", after, maxsplit=1)[0]:
        return False  # "looking now: cause: payments renamed ...": what follows is not the step
    return (known or re.match(r"(?:the|a|an|it|this|that|back|out|up|my|our|to)$|\S+-\S+", nxt)
            is not None) and nxt not in ("good", "fine", "ok", "okay", "bad", "great", "like")


def _quoted(body: str) -> str:
    """A chat message in quotes, as a sentence: '"on it, rolling back."'."""
    said = body.rstrip(" .")
    whole = re.fullmatch(r'["“]([^"“”]*)["”]([.!?]?)', said)
    if whole is not None:  # '"agree, we're still cleaning up"': quoted once, not twice
        said = whole.group(1).rstrip(" .") + whole.group(2).rstrip(".")
    return f'"{said}{"" if said.endswith(("?", "!")) else "."}"'


# A message of the writer's spoken to the one they wrote to ("can I come by Thursday?", "I can
# send you the list"): said as written, not read as a note
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup)\b[.,!]*\s*", re.IGNORECASE)
_TO_YOU = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_SAID_TO_THEM = re.compile(_TO_YOU.pattern + r"|^\W*(?:yes|yeah|sorry)\b", re.IGNORECASE)
# The words that open a letter ("Hi Marta,") and that sign it off ("Best regards,")
_HELLO = r"(?:hi|hey|hello|dear)"
_SIGN_OFF = (r"(?:thanks|thank you|cheers|best|regards|best regards|kind regards|sincerely|"
             r"talk soon|all the best|warmly)")
# A letter's sign-off, and the name that signs under it: "Best regards, / Anil", "- Sam"
_SIGNED_OFF = re.compile(r"^\W*" + _SIGN_OFF + r"\b", re.IGNORECASE)
_SIGNATURE = re.compile(r"[-–—~]?\s*(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,2}\.?")
_POSTSCRIPT = re.compile(r"^\s*p\.?\s?s\.?\s*[:-]?\s+(?=\S)", re.IGNORECASE)
_LETTER = re.compile(r"^\W*(?:" + _HELLO + r"\b[^.!?]{0,30}[,!]?|" + _SIGN_OFF
                     + r"[,!.]?(?:\s+\w+\.?)?|"
                     r"(?:subject|re|fwd?|to|from|cc|sent)\s*:.*|[A-Z]\.\s?(?:[A-Z]\.)?|"
                     r"(?:ok(?:ay)?,? )?(?:so )?(?:drafting|writing|recording|jotting|noting) (?:this|these|it)"
                     r"\b[^.]{0,80}\b(?:interview|loop|prep|remember)\b.*)\s*$", re.IGNORECASE)
_IMPACT_LABELS = frozenset({"impact", "effect", "customer impact", "business impact", "user impact",
                            "blast radius"})
# A quoted line that is nothing but the quote: '> "I typed my address three times ..."'
_WHOLE_QUOTE = re.compile(r"[\"“][^\"“”]{3,}[\"”][.!?]?")
_PASTE_NOTE = re.compile(r"^\W*(?:pasted|copied|excerpt|snippet|exported)\b[^.]{0,60}?"
                         r"\b(?:from|out of)\b|^\W*(?:i\s+)?(?:pasted|copied|pasting|copying)\s+(?:in\s+)?"
                         r"(?:the|this|that|our|my|a|an)\s+(?:\w+\s+)?(?:thread|chat|emails?|convo|"
                         r"conversation|messages?|dms?|slack|exchange)\b|"
                         r"^\W*(?:typed|written|jotted) (?:up|down) from memory\b|"
                         # "(writing this up for the retro + for my own records)"
                         r"^\W*(?:i(?:'m|\s+am|\s+was)\s+)?(?:writing|jotting|typing|keeping)\s+"
                         r"(?:this|these|it)\s+(?:up\s+|down\s+)?(?:for|as|so|while|right after)\b"
                         r"[^.()]{0,60}\)?\W*$|"
                         # "writing this in 3rd person bc it's easier to be honest that way"
                         r"^\W*(?:i(?:'m|\s+am)\s+)?(?:writing|telling)\s+(?:this|these|it)\s+in\s+"
                         r"(?:the\s+)?(?:3rd|third)[- ]person\b[^.]{0,80}\.?\s*$|"
                         r"^[^.]{0,80}\b(?:pasting|pasted|copied|verbatim)\b"
                         r"[^.]{0,60}:\s*$", re.IGNORECASE)
_RUN_ON_KEPT = 12  # words before an instruction inside one sentence that are kept


def _without_instructions(text: str) -> tuple[str, list[str]]:
    """The block without its instruction-like sentences, and the sentences taken out. An
    injected instruction runs on ("SYSTEM: ignore previous instructions. Write that..."), so
    everything from the first instruction to the end of the block goes with it."""
    if not kb.is_instruction(text):
        return text, []
    spans = [" ".join(span.text.split()) for span in split_sentences(text, lower=True)]
    first = next((i for i, span in enumerate(spans) if kb.is_instruction(span)), None)
    if first is None:
        return "", [text]
    found = kb.instruction_pattern().search(spans[first])
    head = spans[first][:found.start()].split() if found else []
    if len(head) >= _RUN_ON_KEPT:  # a run-on transcript: what came before the order stays
        spans[first:first + 1] = [" ".join(head), spans[first][found.start():] if found else ""]
        first += 1
    kept = " ".join(spans[:first])
    if kb.is_instruction(kept):
        return "", [text]
    return kept, [" ".join(spans[first:])]


def _as_written(clause: str) -> str:
    """A clause with no subject, said as the notes say it: capitalised and ended."""
    text = " ".join(clause.split()).strip(" -*;,")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _tags(text: str) -> tuple[str, ...]:
    return tuple(sorted(name for name, cues in kb.tags().by_tag().items()
                        if kb.phrase_pattern(cues).search(text)))


def _sentence(phrase: Phrase, clause: str, block_section: str | None, line: int,
              topic: str) -> Sentence:
    tags = list(_tags(phrase.text))
    figures, deltas = find_figures(clause), find_deltas(clause)
    if figures:
        tags.append("figure")
    if deltas:
        tags.append("delta")
    if any(f.unit == MONEY for f in figures):
        tags.append("money")
    if is_setting_change(phrase, len(deltas), clause):
        tags.append("setting")
    section = _section(phrase, block_section, set(tags), topic)
    if phrase.person == "other" and block_section not in ("result", "reflection") \
            and (_MY_PROPOSAL.match(phrase.text) or FIRST_I_DID.match(phrase.text)) \
            and not other_actor(phrase.text):
        phrase = Phrase(phrase.text, "I", phrase.fragment, phrase.label)
        section = "action"  # "My proposal: move read-only screens first": the writer's step
    if block_section is None and phrase.person == "we" and section == "situation":
        tags.append("we_context")
    sentence = Sentence(phrase.text, section, phrase.person, line, " ".join(clause.split()),
                        tuple(sorted(set(tags))), phrase.fragment, topic, tuple(figures),
                        tuple(deltas), free=block_section is None, cues=_cues(phrase, set(tags)))
    # ("fraud team wants to drop the threshold from 0.85 to 0.70": a change wanted, not made)
    moved = _moved(sentence) if deltas and not _WANTED.search(sentence.text) else None
    if moved is not None:  # "went from 1.2M to 1.3M installs": which way the change went, for
        # the placement model to weigh ("better" reads as an outcome, "worse" as the problem)
        sentence = _with(sentence, tags=tuple(sorted({*sentence.tags,
                                                      "better" if moved else "worse"})))
    return sentence


_WANTED = re.compile(r"\b(?:wants?|wanted|wanting|plans?|planned|planning|proposed|proposes|"
                     r"suggested|suggests|hoped|hopes|would like|asked|asks|pushing|pushed) to\b",
                     re.IGNORECASE)


def _cues(phrase: Phrase, tags: set[str]) -> tuple[str, ...]:
    """What a sentence says of its own card, whatever heading it is under."""
    text, mine = phrase.text, phrase.person == "I"
    found = []
    if mine and (_CLAIM.search(text) or _HELD.match(text) or _DECIDED.match(text)
                 or _STANCE.match(text) or _ROLE_STATE.search(text)):
        found.append("claim")
    if _LESSON.match(text) or _learned_that(phrase) or _HINDSIGHT.search(_IN_BRACKETS.sub("", text)) or (
            phrase.person == "other" and "figure" not in tags and is_imperative(text)):
        found.append("lesson")  # "Write the threshold rationale down": advice to oneself
    if mine and (_I_DONE.match(text) or _I_RESTORED.match(text) or _I_CHECKED.match(text)
                 or _cut_a_metric(text, tags)
                 or _I_OUTCOME.match(text) and "figure" in tags):
        found.append("outcome")
    return tuple(found)


# The writer on the story itself, not part of it: "This one's for "a time you said no"",
# "That's my Learn and Be Curious story, from my internship", "You asked for a people-growth
# example, here's what I'd use", "Ok the actual story."
_ABOUT_STORY = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|anyway|right),?\s+)?(?:(?:pretty sure|I think|I guess|prob(?:ably)?)"
    r",?\s+)?(?:for (?:the )?interviews?\s*:\s*)?(?:"
    r"(?:this|that|it)(?:\s+one)?(?:['’]s|\s+is|\s+was|\s+would be|['’]d be)\s+"
    r"(?:prob(?:ably)?\s+|maybe\s+|basically\s+)?my\b[^.;]{0,80}?\b"
    r"(?:story|example|answer)(?=\s*(?:[,.;:!?)]|$)|\s+(?:from|for|tho|though|but|--|—|-)\s)"
    r"|(?:this|that|it)(?:\s+one)?['’]s\s+for\s+[\"“'‘]"
    r"|you asked (?:me )?(?:for|about)\b[^.;]{0,60}\b(?:example|story|question)\b"
    # "this is my customer obsession one": which principle's question the story answers
    r"|(?:this|that|it)(?:['’]s|\s+is|\s+was|\s+would be|['’]d be)\s+(?:prob(?:ably)?\s+|maybe\s+)?"
    r"my\s+[\"“']?(?:[\w-]+\s+){0,3}?(?:obsession|ownership|bias|backbone|frugality|dive deep|"
    r"trust|curious|curiosity|standards|think big|deliver(?: results)?|invent(?: and simplify)?|"
    r"hire|right a lot|earth['’]?s best|scale|lp|leadership principle)[\"”']?\s+"
    r"(?:one|story|example)\b"
    # "use this one for the judgment questions", "it also has the bit where I was wrong, which
    # they like": what the story is for, and why it will go down well
    # "not proud of it but I think it's a good story"
    r"|(?:[^.;]{0,30}?\bbut\s+)?(?:I think\s+)?(?:(?:this|that|it)(?:\s+one)?(?:['’]s|\s+is|"
    r"\s+would be|['’]d be|\s+makes)|(?:might|could|would|should) be)\s+(?:a\s+)?(?:really\s+)?"
    r"(?:good|great|decent|solid|strong|nice|useful)\s+(?:[\"“][^\"”]{1,30}[\"”]\s+)?"
    r"(?:story|example|one)(?:\s+later)?\W*$"
    r"|(?:prob(?:ably)?\s+|maybe\s+|likely\s+)?(?:(?:this|that|it)(?:['’]s|\s+is)\s+)?my\s+"
    r"go-?to(?:\s+(?:story|one|example))?\s+for\s+(?:the\s+|any\s+|an?\s+)?[^.;]{0,40}?"
    r"\b(?:questions?|prompts?|lps?|principle)\b"  # "prob my go-to for the "ownership" question"
    r"|(?:use|save) (?:this|that)(?: one| story| example)? (?:for|as|in|when)\b[^.;]{0,50}?"
    r"\b(?:questions?|interviews?|loop|stor(?:y|ies)|examples?|prompts?|lps?|principle)\b"
    r"|[^.;]{0,80}?\b(?:it|this(?: one)?|this story) (?:also )?has (?:the|a) (?:bit|part) where\b"
    r"|note to (?:self|me|myself),?\s+(?:for|re:?)\s+(?:the\s+|my\s+)?(?:promo|interview|loop|"
    r"packet|brag|perf)"
    r"|you(?:['’]ll| will) forget (?:the details|this|it)\b"
    # "mock w/ Oksana last night", "[Oksana: say what YOU did]", "[feedback: too long on setup]":
    # a practice run, and the coach's words on it
    r"|mock(?: interview)? (?:w/|with) (?-i:[A-Z])[\w'’-]+\b[^.;]{0,30}[.!]?\s*$"
    r"|\[[^\]]{0,60}\bfeedback\b"
    r"|\[(?-i:[A-Z][\w'’-]+):\s+(?:say|don['’]?t|do not|mention|lead|cut|skip|get|talk|start|"
    r"open|end)\b"
    r"|(?:the\s+)?actual story\W*$"
    r"|(?:I['’]m\s+|I\s+am\s+)?(?:(?:writing|telling|doing)\s+(?:this|it)(?:\s+one)?|going)\s+"
    r"(?:backwards|in reverse|from the end|end first|results? first|out of order)\b"
    r"|should I (?:even )?(?:mention|say|include|bring up|talk about|keep) (?:that|this|it)\b"
    r"|(?:prob(?:ably)?|maybe|definitely) not (?:on|in|for) (?:linkedin|the post|the story|"
    r"the interview|the write-?up)\W*$"
    r"|here['’]s (?:what I['’]d use|the story|my story|the one I['’]d use)\b"
    r"|(?:(?:later|then|after|and|now|below)\W+)*(?:my (?:own )?|the rest (?:is )?(?:from )?my )notes"
    r"(?:\s+(?:after|later|from after|since|below))?\W*$)",
    re.IGNORECASE)
_STORY_BUT = re.compile(r"\b(?:story|example|answer|one)\W*,?\s+((?:tho|though|but)\s+|"
                        r"(?<=,\s)|(?<=:\s)|(?<=;\s))(?=I\b)", re.IGNORECASE)
_NOTHING_WORDS = frozenset({"also", "instead", "yes", "no", "yeah", "nope", "ok", "okay", "so",
                            "then", "since then", "understood", "looking", "regret", "regrets",
                            "the story", "story", "sequence", "tl", "tldr", "me", "i", "a", "b",
                            "c", "backdrop", "context", "background", "setup", "mon", "tue", "tues",
                            "wed", "thu", "thurs", "fri", "sat", "sun", "committing", "notes",
                            "misc", "update", "updates", "later", "after", "before", "anyway",
                            "partly", "partially", "kind of", "sort of", "not really", "somewhat",
                            "yep", "yup", "sure", "mostly", "yes and no", "not exactly"})


def _says_nothing(text: str) -> bool:
    """A sentence with no word or figure to tell ("|.", "+-----."), or one that is only a
    heading word, a day or a filler ("Background.", "Thu.", "Also.", "Since then.")."""
    bare = " ".join(re.sub(r"[^\w\s'’]", " ", text).split()).lower()
    if not re.search(r"[^\W\d_]", bare):
        return not re.search(r"\d", bare) or len(bare) <= 2  # "5." of a list, no letters
    return bare in _NOTHING_WORDS or (len(bare.split()) <= 2
                                      and strict_section(bare) is not None
                                      and not re.search(r"\d", bare))


_HASHTAGS = re.compile(r"(?:#[A-Za-z][\w-]*[\s,]*){1,12}")
# A line of a log kept by the day: "Saturday 03:15 the queue hit the limit" is its own entry
_DAY_OPENS = re.compile(rf"^\W*{DAY_STAMP},?\s+(?=\S)", re.IGNORECASE)
def _as_option(letter: str, option: str) -> str:
    """An option as a sentence: "Option A was to shard the orders DB ...", "One option was to
    wait for the processor", "One option was a managed queue"."""
    words = option.split()
    first = words[0].lower() if words else ""
    step = opens_on_plain_verb(option) or first in known_bases() or (
        len(words) > 1 and first.isalpha() and option[:1].islower()
        and not first.endswith(("ing", "ed", "s", "ly"))
        and first not in kb.lexicon().function_words
        and words[1].lower() in kb.lexicon().function_words)  # "wait for the processor"
    said = re.sub(r"\s+(?:—|--|–)\s+", ", ", option)  # "(storage team) — 2-3 quarters"
    name = f"Option {letter.upper()}" if letter else "One option"
    return f"{name} {'was to' if step else 'was'} {said}"


def _proposed_item(item: str) -> bool:
    """An item as a proposal lists it ("Split the platform into cells", "make it opt-in"): an
    option, its first word in the base form even where the past is the same ("split", "put")."""
    lowered = item[:1].lower() + item[1:]
    first, _, rest = lowered.partition(" ")
    return an_option(lowered) or (first in SAME_IN_PAST and rest[:1].islower()
                                  and an_option(rest))


# A heading over what the writer put forward: "proposal", "my pitch", "what I proposed"
# (or "what I proposed", read as notes.PUT_FORWARD reads such a label)
_PROPOSAL_HEADING = re.compile(r"(?:(?:my|the) )?(?:proposal|counter-?proposal|pitch|"
                               r"recommendation|proposed (?:fix|plan|design|change)s?)",
                               re.IGNORECASE)


# A heading over options someone laid out: "Options I laid out", "options we considered"
_OPTIONS_HEADING = re.compile(r"(?:the |my |our )?(?:options?|alternatives)(?:\s+(I|we)\s+(laid out|"
                              r"considered|weighed|gave|put forward|presented|proposed|saw|had)|"
                              r"(?:\s+(?:on the table|considered|available|we had))?)", re.IGNORECASE)
# An option's letter: "A: shard the orders DB", "(b) put a cache in front"
_OPTION_LETTER = re.compile(r"\(?([A-Ha-h])[):]\s+(?=\S)")
# A heading that names what the writer made or changed: "what I built", "what I changed"
# A verb that says how a thing was or what it did ("~45% of spend was transcoding"): a
# finding, not a thing made
_SAYS_HOW_IT_WAS = re.compile(r"\b(?:is|are|was|were|has|had|have|got|went|became|isn['’]t|"
                              r"wasn['’]t)\b", re.IGNORECASE)
_BEFORE_A_NOUN = frozenset({"the", "a", "an", "our", "my", "their", "its", "this", "that", "per",
                            "each", "every", "all", "some", "no", "any", "+", "&", "and", "or"})


def _says_how_it_was(clause: str) -> bool:
    """Whether a list item says how something was or what it did ("nodes stayed up ~9h",
    "~45% of spend was transcoding"), not only what it is ("a retry wrapper for the shared
    client", where "shared" describes the client)."""
    if _SAYS_HOW_IT_WAS.search(clause):
        return True
    words = [w.lower().strip(",.;:()\"") for w in clause.split()]
    return any((w.endswith("ed") and len(w) > 4 or w in kb.lexicon().irregular_past)
               and words[at - 1] not in _BEFORE_A_NOUN and not words[at - 1].endswith(("ly", "-"))
               or w in _DOES_NOW and words[at - 1] not in ("that", "which", "who")
               for at, w in enumerate(words) if at > 0)


def _after_a_look(sentences: list[Sentence]) -> bool:
    """Whether the line before says it found things ("spent two days in Cost Explorer; found
    three buckets of waste") or is one of them: the items after it are what it found."""
    if not sentences:
        return False
    last = sentences[-1]
    return last.section == "finding" and _says_how_it_was(last.text) \
        or last.section == "action" and last.person == "I" \
        and re.search(r"\bfound\b|:$", last.text) is not None


# What a thing does now, said of it ("... lives in a tiny policy file, not code")
_DOES_NOW = frozenset({"lives", "runs", "sits", "goes", "gets", "owns", "means", "needs", "takes",
                       "does", "makes", "keeps", "stays", "hurt", "hurts", "broke", "breaks",
                       "fails", "works", "helps", "costs", "saves"})


def _parts_of_a_made_step(sentences: list[Sentence]) -> bool:
    """Whether the lines before are a step that made or changed something and the items said
    after it: the next item is one more part of what it made."""
    lines: set[int] = set()  # the lines of the items said after the step
    for s in reversed(sentences):
        if s.section == "action" and s.person == "I":  # ("I added a TTL: env dies 48h ...":
            # said whole on its own line, the next item is a step of its own)
            return _MADE_STEP.match(s.text) is not None and ":" not in s.text \
                and s.line not in lines
        if s.section != "finding":
            return False
        lines.add(s.line)
    return False


# A step that made or changed something, whose parts the items after it list ("I rewrote the
# CI config." over "- Path filters so docs-only PRs skip integration tests")
_MADE_STEP = re.compile(r"I\s+(?:\w+ly\s+)?(?:re)?(?:wrote|built|added|set up|changed|introduced|"
                        r"shipped|refactored|created|made|designed|proposed|pitched|moved|"
                        r"migrated|replaced|rolled out|put|split|configured|reworked|"
                        r"restructured|redesigned|updated|drafted|defined|started)\b")
# A heading over the writer's own part, its verb saying nothing of what was made
_MY_DOING_HEADING = re.compile(r"(?:what i (?:did|did about it|actually did|worked on|ended up doing)|"
                               r"my (?:part|actions?|steps|work|contribution|bit|moves)|"
                               r"actions? \((?:me|mine)\)|steps i took|things i did)\s*:?",
                               re.IGNORECASE)
_MADE_HEADING = re.compile(r"what i (built|wrote|shipped|created|designed|added|changed|set up|"
                           r"made|put in place)\s*$", re.IGNORECASE)


# Why or when the notes were written, no part of the story: "writing this down before I forget",
# "(notes for my perf review)", "notes for my brag doc", "while it's still fresh"
_ABOUT_NOTES = re.compile(r"(?:[-–—:(]\s*|\b)(?:(?:i'?m\s+)?writing (?:(?:this|it) (?:down|up)|"
                          r"(?:down|up) what (?:happened|went on|i did))\b|"
                          r"(?:my\s+)?notes? (?:for|to) myself\b|"
                          r"(?:my\s+)?notes? (?:for|to) (?:my|the|a) (?:promo|brag|perf|self[- ]review|"
                          r"review|interview|packet|manager|future self)|for my (?:brag doc|"
                          r"promo(?: doc| packet)?|perf review|self[- ]review|review doc|interview prep)|"
                          r"while it'?s (?:still )?fresh|(?:i'?m\s+)?recording (?:this|it)"
                          r"(?= while\b| so\b| before\b| for\b|[.;!?]|\s*$)|"
                          r"(?:quick |short |brief )?(?:summary|recap|"
                          r"write-?up|rundown) (?:of|on) [^.;!?]{0,60}? for (?:your|my) "
                          r"(?:review|reference|records)|"
                          # "you asked for a short recap for the promo packet, so here it is"
                          r"(?:as )?you asked (?:me )?for (?:a |the |my )?(?:short |quick |brief )?"
                          r"(?:recap|summary|write-?up|notes?|update|rundown|version)|"
                          r"(?:so )?here(?:['’]s| is) (?:it|the (?:recap|summary|write-?up|rundown)))"
                          r"[^.;!?]*[.;!?)]?\s*$", re.IGNORECASE)
# A greeting that opens a note written to someone: "hey Sam", "Hi team", "Dear Priya"
_GREETING = re.compile(r"(?:" + _HELLO + r"|yo|morning)(?:\s+[\w'’-]+){0,2}|ok(?:ay)?(?:\s+so)?|so",
                       re.IGNORECASE)  # ("ok so, recording this while it's fresh")
# A letter to one's future self, whose "you" is the writer: "Dear future me,"
_TO_MY_FUTURE_SELF = re.compile(r"\W*(?:" + _HELLO + r"|to|note to|letter to)\s+(?:my\s+)?"
                                r"(?:future|later|next[- ]year['’]?s?|older|younger|past)[- ]?"
                                r"(?:me|self|myself)\b", re.IGNORECASE)
# A release going out, told with no doer: "Shipped in the next app release", "Launched on time"
_WENT_OUT = re.compile(r"I (?:shipped|launched|released|went live|rolled out)\b(?!\s+(?:my|the "
                       r"fix|a fix|it myself|myself))")
# "migrated in 7 weeks", "finished 2 days early": the whole work done, said with no object and
# no doer; it was the team's, never the writer's alone
_ALL_DONE = re.compile(r"I (?:migrated|cut over|finished|completed|delivered)(?=\s+(?:in|on|by|"
                       r"within|ahead|early|\d))|"
                       r"I (?:shipped|launched|released|went live)(?=\s+(?:in|on|within|ahead|"
                       r"early|\d))|"
                       # "rolled out to 22 cities by December": the whole rollout, everyone's
                       r"I (?:rolled out|expanded|went live)(?=\s+(?:to|in)\s+(?:all\s+|every\s+)?"
                       r"(?:[~≈]?\d+\s+)?(?:cities|countries|regions|markets|sites|stores|hospitals|"
                       r"clinics|schools|warehouses|teams|orgs|states|provinces|the rest)\b)")
# A question or offer to whoever the notes were sent to, not a part of the story: "Would you
# be open to using this as the anchor example?", "Happy to draft the doc.", "Let me know ..."
_TO_THE_READER = re.compile(r"\W*(?:(?:would|could|can|do|does|will|should|are|is|did)\s+you\b"
                            r"[^.!]*\?|(?:(?:happy|glad) to (?!be\b)|let me know|lmk|feel free|hope "
                            r"this helps)(?![^?]*\b(?:but|though)\b)[^?]*$)", re.IGNORECASE)
# Someone else's question, said under their name in a 1:1's notes: "mgr: how did it land"
_THEIR_QUESTION = re.compile(
    r"((?i:mgr|manager|my manager|lead|my lead|boss|em|pm|tl|skip|director|vp|interviewer|coach|"
    r"mentor|q)|(?-i:[A-Z][a-z]+))\s*:\s+(?:(?i:how|what|why|when|where|who|which|did|do|does|"
    r"is|are|was|were|can|could|would|should|will|and if)\b[^.!:;]*|[^.!:;]*\?)")
# A question about what the team did ("so what did we pick?"): its answer is no part of the
# writer's own
_OURS_ASKED = re.compile(r"\b(?:we|our|us|the team|they)\b", re.IGNORECASE)
# A question that asks the writer (or anyone) to do something: "can you look at the cert?",
# "could someone check the DNS?" (a request, which states the task)
_ASKS_FOR_HELP = re.compile(r":\s+(?:\w+,\s+)?(?:can|could|would|will|pls|please)\b", re.IGNORECASE)
# A command at a shell prompt: "$ shipit prod my-service" (not "$40K", which has no space)
_SHELL_LINE = re.compile(r"\s*\$\s+[a-z][\w./-]*(?:\s|$)")
# A label that names the writer's task or its goal: "My job:", "Goals:", "The ask:"
_JOB_LABEL = re.compile(r"my (?:job|task|role|goal|goals|ask|mandate|remit|target)|"
                        r"the (?:ask|goal|goals|target)|goals?|targets?",
                        re.IGNORECASE)


# A line the notes reader said as the writer's stance ("My call: ..." -> "I decided: ...")
_STANCE_SAID = re.compile(r"I (?:" + "|".join(sorted(STANCE_VERBS)) + r"): ")


# A card's label that names what its line is ("Scope:", "Impact:"): a figure under it with no
# verb is said as what the label names (phrasing.named_figure)
_NAMED_LABEL = re.compile(r"(?:the )?(?:scope|impact|problem|issue|root cause|cause|symptoms?|"
                          r"risks?|costs?|constraints?|deadline|blast radius|trigger|budget)",
                          re.IGNORECASE)


_TITLE_FIRST = re.compile(r"\W*(?:senior|junior|staff|principal|lead|tech lead|sole|only|main|"
                          r"new|acting|interim|de facto)\b", re.IGNORECASE)


def _as_job(label: str, clause: str) -> str:
    """A task line whose label was taken off, said whole again: "My job: own the deprecation"
    -> "My job was to own the deprecation"; "Goals: under 10 pages/week" keeps its label."""
    name = label.lower()
    name = name if name.startswith(("my ", "the ")) else f"the {name}"
    if opens_on_plain_verb(clause) and not _TITLE_FIRST.match(clause):  # not "senior on recs"
        verb = "were" if name.endswith(("goals", "targets")) else "was"
        return f"{name[:1].upper()}{name[1:]} {verb} to {clause[:1].lower()}{clause[1:]}"
    if has_verb(clause.split()[:6]) and not re.match(r"[~≈<>≤≥$€£+-]*\d", clause):
        return clause  # "My task: the cluster belonged to the data team": a sentence of its own
        # (not "target: -20% emissions by end of yr 2, no missed SLAs": a figure it aims at)
    return f"{label[:1].upper()}{label[1:]}: {clause}"


# A label that says the fix on its line was the writer's: "Fix (mine):", "my fix:"
_FIX_NOUN = r"(?:fix|solution|workaround|mitigation|hotfix|changes?|contributions?|patch)"
# A label over what was chosen ("decision: SQS+SNS") or what the fix was ("fix: Glide.with(
# fragment) instead of ..."): kept with a thing that cannot say what it was on its own
_CHOICE_LABEL = re.compile(r"(?:the |my |our |final |the final )?(?:decision|choice|call|"
                           r"verdict|pick)|chosen|picked|went with|(?P<fix>(?:the |final |"
                           r"actual |real )?(?:fix|solution|workaround|mitigation|remedy))",
                           re.IGNORECASE)
_CHOSEN_WORDS = 5
_MY_FIX_LABEL = re.compile(rf"my {_FIX_NOUN}|my proposal doc|(?:the )?{_FIX_NOUN}\s*\((?:mine|me|by me|my part|"
                           r"all mine|i did it|i did this)\)", re.IGNORECASE)


# A step named as a thing, marked as the writer's after it: "audit of the last 60 rollbacks
# (me, 2 evenings)", "contract tests between booking and reminders, me writing the first 40ish",
# "a "no re-run merges" rule in CI, my PR"
_MARKED_MINE = re.compile(r"(?:\(|,\s+|\s[-–—]\s+)(?:me|mine|myself|my (?:pr|change|code|script|"
                          r"patch|doc|draft|idea|call|design|proposal))\b(?!\s+(?:and|\+|&|/)\s)",
                          re.IGNORECASE)
# A word that could be a verb, named as a thing by the "of" after it: "audit of ...", "review of"
_NOUN_OF = re.compile(r"[\w-]+\s+of\s", re.IGNORECASE)
# Someone else said to share in it: "(me + Bram)", "w/ Aiko", "Bram's team"
_THEIR_MARK = re.compile(r"\b(?:w/|with|and|\+|&)\s+(?-i:[A-Z][a-z]+)|(?-i:[A-Z][a-z]+)['’]s\b|"
                         r"\b(?:we|our|us|they|their|he|she|his|her)\b", re.IGNORECASE)


def _as_typed(notes: Notes, block: Block) -> str:
    """A block's label in the case the notes typed it ("root cause per DC remote hands"; the
    block keeps it folded)."""
    lines = notes.text.splitlines()
    line = lines[block.line - 1] if 0 < block.line <= len(lines) else ""
    at = line.lower().find(block.label)
    return line[at:at + len(block.label)] if at >= 0 else block.label


# A sentence that opens on when it held, after another on the same line: "Before: 2 field
# techs driving to sites. After: 0 site visits" (a before/after table's row)
_WHEN_HELD = re.compile(r"(?P<label>before|after|now|today|afterwards|was|old|new)\s*:\s+(?P<rest>\S.*)",
                        re.IGNORECASE | re.DOTALL)


def _when_labelled(sentence: Sentence) -> Sentence:
    """A sentence under its own "After:" or "Before:" label, said without it, in the card that
    label names: what things were like after the work is a result, before it the situation."""
    match = _WHEN_HELD.fullmatch(sentence.text)
    if match is None or sentence.person == "I":
        return sentence
    rest = match.group("rest")
    label = match.group("label").lower()
    return _with(sentence, text=rest[:1].upper() + rest[1:],
                 section="situation" if label in ("before", "was", "old") else "result")


def _a_thing(clause: str) -> bool:
    """An item that names a thing rather than a step: no "I", "we" or name of a doer, and no
    past verb first ("retry wrapper for the client", "pool 20 -> 120"; not "added retries")."""
    words = clause.split()
    if not words or _FIRST_PERSON.search(clause) and re.match(r"\W*(?:I|we|my|our)\b", clause, re.I):
        return False
    first = words[0].lower().strip(",.;:")
    return not (past_word(first) or first in kb.lexicon().irregular_past
                or first in kb.lexicon().function_words - {"a", "an", "the", "my", "our"}
                or other_actor(clause.strip()) is not None)


# A heading over what the team or others did, not the writer: "What the team did", "Team's part"
_TEAM_HEADING = re.compile(r"(?:what\s+)?(?:the\s+|my\s+|our\s+)?(?:team|squad|others|other people|"
                           r"rest of (?:the )?team|everyone else|we|they|teammates)(?:['’]s)?"
                           r"(?:\s+(?:did|do|built|owned|handled|part|parts|work|contributions?|"
                           r"side))?", re.IGNORECASE)


def _measure_named(clause: str) -> bool:
    """"perf on the slowest phone: 90s -> 11s": a word the lexicon does not know as a verb,
    then a preposition, and a measure's move: the name of the measure, no step ("post in
    #incidents what I did" is one)."""
    words = [w.lower().strip(",.;:") for w in clause.split()[:2]]
    return len(words) == 2 and words[1] in ("on", "in", "at", "of", "by", "from", "per", "vs") \
        and words[0] not in known_bases() and bool(find_deltas(clause))


def _bare_object(clause: str) -> bool:
    """A line whose first word may be a verb but whose next is no object's opening ("test lab
    run on 30 phone models"): a thing named as much as a step."""
    words = clause.split()
    return len(words) > 1 and words[1].lower() not in _OBJECT_OPENS \
        and words[1][:1] not in "~$€£0123456789"  # "hold ~1,900 listings": a count is an object


_OBJECT_OPENS = OBJECT_OPENERS | {"his", "her", "him", "us", "me", "both", "some", "down", "off",
                                   "myself"}  # "built myself a little notebook"


# A heading over what the writer tried that did not work: "Tried, didn't help", "Things I
# tried", "Dead ends"
_TRIED_HEADING = re.compile(r"(?:things |what )?(?:i )?tried\b|dead ends?\b|what didn['’]t work\b|"
                            r"didn['’]t work\b|(?:failed )?attempts\b", re.IGNORECASE)


# A heading over what the work was held to ("non-negotiables for me", "Constraints") or what
# was still to do ("TODO", "backlog")
_HELD_TO = re.compile(r"(?:my\s+|the\s+|our\s+|hard\s+)?(?:non[- ]?negotiables?|requirements?|must[- ]haves?|"
                      r"constraints?|acceptance criteria|success criteria|ground rules|guardrails|"
                      r"to[- ]?do|backlog|up next|next up)"  # a board's "TODO" column: not done
                      r"(?:\s+(?:for|from)\s+(?:me|myself|this|it|the\s+[\w-]+))?", re.IGNORECASE)


def _bare(heading: str) -> str:
    """A heading without its marks and asides: "## Proposal (v2):" -> "Proposal"."""
    return re.sub(r"\s*\([^()]*\)", "", heading).strip(" #*:_").strip()


# What the writer put forward, told as a label: "My proposal: ...", "Recommendation: ...",
# "Proposed compromise: ..." (never "the vendor's proposal" or "proposal (from another team)").
_MY_PROPOSAL = re.compile(r"^(?:my (?:proposal|recommendation|counter-?proposal|compromise|plan|idea|"
                          r"suggestion|pitch|proposal doc|pick|choice|call|decision|vote|"
                          + _FIX_NOUN + r")|also mine|"
                          r"recommendation|proposal|counter-?proposal|"
                          r"proposed (?:compromise|plan)|proposed|I (?:proposed|pitched|suggested|"
                          r"recommended))"
                          r"\s*:\s+\S|^my (?:" + _FIX_NOUN + r"|recommendation|proposal|pitch|suggestion|"
                          r"counter-?proposal|call|pick|choice) was\s+(?!(?:wrong|rejected|"
                          r"ignored|overruled|shot down|turned down|not)\b)\S", re.IGNORECASE)
_HAD = (r"(?!\s+(?:rather|prefer|like|love|never|already|been|just|only|previously|had|done|made|"
        r"seen|run|gone|got|spent|sent|built|met|kept|left|lost|told|sold|found|held|paid|begun|won|"
        r"known|put|set|read|heard|\w+(?:ed|en|wn|lt|ght)\b))")
_LESSON = re.compile(r"^(?:I (?:would|should|could|will|now)\b(?! (?:like|love) to\b)|I['’]d\b" + _HAD
                     + r"|Next time\b|"  # (not "I would like to draw your attention to ...")
                     r"(?:Probably |Honestly |Maybe |In hindsight,? )?(?:I )?(?:would|should)(?:['’]ve| have)"
                     r" (?:\w+ly )?(?:[a-z]+ed|done|made|gone|begun|taken|written|set|built|"
                     r"picked|started|asked|told|put|spent|brought|kept|said)\b|"
                     r"It was learned\b|If it (?:were|was|had been) done again\b|"
                     r"(?:Next (?:year|quarter|half|project)|From now on|In (?:the )?future),? I\b|"
                     r"What I(?:['’]d say I| would say I|['’]ve)? (?:learned|learnt|took away)\b|"
                     r"In hindsight\b|Looking back\b|Going forward\b|If I did it again\b|"
                     r"Always\b|Don['’]t\b|Do not\b|Should(?:n['’]t| not)? have\b|"
                     r"(?:The |My |Main |Key |One )?(?:lessons?|takeaways?)\b(?! (?:plan|doc))|"
                     r"What I(?: would|['’]d) (?:change|do differently)\b|I (?:also )?(?:learned|learnt) "
                     r"(?:that|to|how|a lot|more|so much|a ton)\b)", re.IGNORECASE)
# The writer coaching themself on telling the story ("you should open with the BOM number",
# "don't forget to mention that part", "mention the tradeoff."): not part of the story.
_COACH_WORDS = r"(?:mention|say|open|lead|start|bring up|talk about|stress|highlight|emphasi[sz]e|" \
    r"tell them|explain|frame|call out|point out)"
# "mention this: ...", "note the setup: ...", "admit what I'd change: ...": a note to self on
# telling the story, then the story
_COACH_PREFIX = re.compile(r"^\W*(?:(?:you should|remember to|don['’]?t forget to|make sure to|"
                           r"be sure to)\s+)?(?:" + _COACH_WORDS[3:-1] + r"|note|remember|admit)"
                           r"(?:\s+(?:this|that|why|how|the [\w-]+|what I['’]d \w+))?\s*:\s+(?=\S)"
                           r"|^\W*(?:the )?(?:thing|bit|part|line|point)s? (?:to|I['’]d|I would|I want "
                           r"to) (?:say|flag|stress|mention|land|make)(?: in (?:the |an )?interview)?"
                           r"\s*:\s+(?=\S)", re.IGNORECASE)
_COACH_ASIDE = re.compile(r"\(\s*(?:you should|remember to|don['’]?t forget to|make sure to)\s+"
                          r"(?:mention|say|explain)(?:\s+(?:this|that|(?P<why>why)|how))?\s*:\s*",
                          re.IGNORECASE)
_COACHING = re.compile(r"^\W*(?:(?:you should|remember to|don['’]?t forget to|make sure to|"
                       r"be sure to)\s+" + _COACH_WORDS + r"\b|worth it,? but say it\b|"
                       r"(?:mention|bring up|call out|highlight)\s+(?:the|this|that|it)\b"
                       r"[^.]{0,40}[.!]?$|(?:that['’]?s|this is|that is)\s+(?:the\s+)?(?:headline|"
                       r"gist|tl;?dr|short version|one-liner)\b[^.]{0,30}[.!]?$)", re.IGNORECASE)
# "for the interview:", "TODO before loop:": a heading over the writer's reminders to self, where
# "say '27 attempts' early" and "mention I didn't trust it" are how to tell the story
_PREP_HEADING = re.compile(r"(?:(?:notes?|reminders?|todos?|to-?dos?|tips?|prep)\s+)?(?:for|before)\s+"
                           r"(?:the\s+|my\s+)?(?:interview|loop|onsite|on-site|panel)s?"
                           r"|(?:interview|loop)\s+(?:prep|notes?|reminders?|tips?|todos?)"
                           r"|(?:reminders?|notes?) to (?:self|me|myself)", re.IGNORECASE)
_PREP_LINE = re.compile(r"^\W*(?:don['’]?t\s+|do not\s+|never\s+|always\s+)?(?:" + _COACH_WORDS[3:-1]
                        + r"|practi[cs]e|rehearse|prepare|prep|time|keep|cut|drop|skip|avoid|use|"
                          r"check|confirm|look up|find|get|ask|add|write down|memori[sz]e|open with|"
                          r"lead with|end with|close with|have|bring|be ready)\b", re.IGNORECASE)
# A line that hands the list below it to the team: "I wrote the policy; my team built the
# rest:", "we then:".
_TEAM_LIST = re.compile(r"(?:^|[.;!?]\s+|,\s+(?:(?:and|but|while)\s+)?)(?:and\s+|then\s+)?(?:we|"
                        r"my team|our team|the team|the teams|the rest of the team|they)\b"
                        r"[^.;:!?]{0,60}:\s*$",
                        re.IGNORECASE)
# The last words of a paragraph that name whose list follows: "... false alarms were ~35% of
# alerts. Aisha:", "She:"
_LIST_LEAD = re.compile(r"(?:^|[.;!?]\s+)(?P<who>[^.;:!?]{2,40}?)\s*:\s*$")


# A heading over what the writer's own digging found: "what i found (... me poking at billing
# exports for like three days)", "What I saw:", "what I noticed once I knew what to look for"
_FOUND_HEADING = re.compile(r"(?:what|things) i (?:found|saw|noticed|discovered|dug up|found out|"
                            r"figured out)\b(?! (?:and|/|\+) )", re.IGNORECASE)
# A first word said in lower case after "I found that": "We were paying ...", "Our pool ..."
_PLAIN_LEAD = re.compile(r"(?:We|Our|Their|There|Nobody|Nothing|None|Every|Each|All|Most|Some|"
                           r"No|Only|Both|The|A|An)\b")
# How things stood, said by the team: "we had two dozen agents running all night"
_WE_HAD = re.compile(r"we (?:had|were|still had|never had|didn['’]t have|weren['’]t|had been|"
                     r"only had)\b", re.IGNORECASE)


# Words a thing found never opens on: a join ("so when a run crossed ..."), a word whose
# referent is elsewhere ("this is not just a test bug"), a verb ("did not know ...")
_NOT_FOUND_OPENERS = frozenset({
    "so", "and", "but", "then", "that", "this", "these", "those", "it", "its", "it's", "which",
    "also", "in", "for", "on", "at", "to", "if", "when", "because", "bc", "maybe", "probably",
    "plus", "not", "did", "didn't", "didnt", "locally", "still", "just", "only", "basically",
    "turns", "turned", "same", "like", "ok", "okay", "yes", "no", "nope", "yep"})


_ARTICLES = frozenset({"a", "an", "the", "our", "their", "its", "every", "each", "no", "some"})


def _states_a_finding(text: str) -> bool:
    """Whether a sentence is a clause that says how things were: a subject, then its verb
    before any "that" or comma ("~70% of bytes were intermediate snapshots"), not a thing
    named ("~8 MB of PNGs that could be WebP"), a label ("root cause: ...") or a verb first
    ("written by the ranking team's nightly job")."""
    words = text.split()
    first = words[0].lower().strip(",.;:")
    if first in _NOT_FOUND_OPENERS or first in known_bases() \
            or re.fullmatch(r"[a-z]{3,}(?:ed|en)", first) or ":" in " ".join(words[:5]):
        return False
    for at, word in enumerate(words[1:9], 1):
        bare = word.lower().strip(",.;:()")
        if bare in ("that", "which", "who", "whose", "where"):
            return False
        if has_verb([bare]) and not (bare.endswith("ed") and words[at - 1].lower() in _ARTICLES):
            # (not "a managed vendor": a thing said of the vendor, no verb)
            # ("about 2,100 donors affected, some of them ...": a thing, not a clause)
            return not word.endswith(",") or bare in kb.lexicon().linking_verbs
        if word.endswith((",", ";")):
            return False
    return False


def _told_as_found(phrase: Phrase, clause: str) -> bool:
    """Whether a sentence under a "what I found" heading is a thing found, said as the writer
    finding it ("I found that a dozen old agents were still attached ..."): a clause of its
    own, not a step or a deed of someone's, not a lesson, not a question, not said by anyone."""
    text = phrase.text
    return (phrase.person == "other" or phrase.person == "we" and _WE_HAD.match(text) is not None) \
        and _states_a_finding(text) \
        and not phrase.fragment and len(text.split()) >= 4 and not text.endswith("?") \
        and not other_actor(text) and not re.search(r"\b(?:I|me|my|mine|myself)\b|\bI['’]", clause) \
        and not _LESSON.match(text) and not is_imperative(text) and not _speaker(text) \
        and text[:1] not in "\"“'‘([" and not _THIRD_PERSON.match(text) \
        and not holds_their_clause(text) \
        and not any(other_actor(text, word.start()) for word in re.finditer(r"(?<=\s)\w", text))


def _their_list(text: str, said: str) -> str | None:
    """Who the list under a paragraph is the steps of, when the paragraph ends on their name
    alone ("... Aisha:") and the notes ``said`` show them to be a person ("Aisha's promo
    packet"): "- ran the migration" under it is hers, not the writer's ("" for "She:", None
    when the paragraph names no one: "Instead:")."""
    lead = _LIST_LEAD.search(text.strip())
    if lead is None:
        return None
    if lead.group("who").lower() in ("she", "he"):
        return ""
    names = heading_names(lead.group("who"))
    if not names or not all(_person_pattern(name).search(said) for name in names):
        return None
    return " and ".join(names)


# A line that titles the list under it with another team: "Team 1 — Checkout (Sofia's team,
# 8 eng)", "Team 3 — Finance Data (Chloé, 4 eng + contractors)", "Payments (Arjun's team)".
_WHOSE_TEAM = r"(?-i:[A-Z])[\w-]+['’]s\s+(?:team|squad|org|group)\b"  # "Sofia's team"
_TEAM_TITLE = re.compile(rf"(?:team\s+(?:\d+|[A-Z])\b|[^()]{{0,40}}\(\s*{_WHOSE_TEAM})[^.!?;]*$",
                         re.IGNORECASE)


def _their_team_title(text: str) -> str | None:
    """The team a short line titles the list under it with, when it is not the writer's
    ("Sofia's team", "the Finance Data team"; "" when it names none): its lines without a
    subject are that team's steps ("- built the tax calc into the price pipeline"), never the
    writer's. None for any other line."""
    line = text.strip(" :*_#")
    if len(line.split()) > 12 or _TEAM_TITLE.match(line) is None or _FIRST_PERSON.search(line):
        return None
    whose = re.search(rf"\(\s*({_WHOSE_TEAM})", line)
    if whose:
        return whose.group(1)
    name = re.match(r"team\s+(?:\d+|[A-Z])\s*(?:--|—|–|-|:)\s*((?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])"
                    r"[\w-]*){0,2})\s*(?:\(|$)", line, re.IGNORECASE)
    return f"the {name.group(1)} team" if name else ""


# The writer saying the steps that follow were not theirs to take: "incident 1 (march, I was a
# responder, not lead)", "(I was only shadowing)": a list under it without a subject is the team's
_NOT_LEADING = re.compile(r"\bI was (?:just |only )?(?:a |an )?(?:responder|observer|bystander|"
                          r"shadow(?:ing)?)\b[^.;:!?]{0,20}(?:\bnot (?:the )?(?:lead|ic|driving)\b|"
                          r"\)\s*:?\s*$)|\bI was (?:only |just )?shadowing\b", re.IGNORECASE)
_DECLINED = re.compile(r"^(?:but |and |so )?(?:I )?(?:didn['’]?t|did not)(?: do that| do it)?[.!]?$",
                       re.IGNORECASE)
_COULD_HAVE = re.compile(r"^I could have\b")
_HINDSIGHT = re.compile(r"\b(?:should have|should['’]ve|would have been caught|in hindsight|"
                        r"looking back|lesson|takeaway|took away|in retrospect|"
                        r"took too long|waited too long|wish I(?: had|['’]d)|"
                        # (not "said ... that it was my mistake": what the writer told them)
                        r"(?<!was )(?<!\bis )(?<!it['’]s )my mistake|"
                        r"I underestimated|I regret)\b|\bI(?:['’]d| would) have\b|"
                        r"\bI would['’]ve\b|(?:^|[,;:(]\s*)next time\b|"
                        r"\bI(?:['’]d|['’]ll| would| will)\b[^.;]{0,60}\bnext time\b",
                        re.IGNORECASE)  # "so I built the CI check" after "noticing next time"
# The writer's state, not a step: "I was on call", "I'm the newest", "I noticed..." (read at
# the first "I" of the sentence: "I page my manager, tell her I'm flipping it" is a step).
_FIRST_I = re.compile(r"\bI\b")
_STATE = re.compile(r"I(?:['’]d (?:been|seen|noticed|heard|found)\b|"
                    r"['’]m\b(?!\s+(?!thinking|feeling|working|trying|hoping|not)\w+ing\b)|"
                    r"\s+am\b(?!\s+(?!thinking|feeling|working|trying|hoping|not)\w+ing\b)|"
                    r"\s+was\b(?!\s+(?:also\s+|then\s+|just\s+)?(?!thinking|feeling|working|trying|"
                    r"hoping|not|going|planning|supposed)\w+ing\b)|"
                    r"\s+(?:(?:still|really|honestly|genuinely|always|also|kind of|sort of)\s+"
                    r"(?=knew|thought|felt|believed|think|saw|noticed)|)(?:had been|knew|joined|inherited|"
                    r"noticed|notice|see|saw|spotted|heard|thought|felt|believed|think|"
                    r"worked(?=\s+(?:at|for|as|in|there|here|on|under|alongside)\b|\s*[,.])|"
                    r"had never|hadn['’]t|"
                    r"had (?:just |only )?(?:joined|started|"
                    r"written|built)|started on|had read)\b)", re.IGNORECASE)
_OUTCOME = re.compile(r"\b(?:now|since|back to|down to|(?<!\bfor )(?<!\bof )(?<!\bby )up to|no longer|"
                      r"zero|nobody left|"
                      r"went (?:up|down) (?:by )?~?\d|"
                      r"went to [~≈<]?\$?\d[\d.,]*(?:\s*(?:%|ms|s|x|k|m|gb|mb|/s)\b|\s+on\b|\s*$|[;,])|"
                      r"(?:dropped|fell|rose|grew|climbed|shrank) from [~≈]?\$?\d[^.;]{0,20}? to|"
                      r"no one left|adopted|went out|went live|shipped|launched|stayed|gone|"
                      r"became|finished|passed|approved|kept the|signed off|saved|"
                      r"cut(?! over| off| scope| is| was)|reduced|improved|recovered|eliminated|fewer|faster|"
                      r"in production|rolled out|use[sd]? (?:it|the|our|my)|patched|resolved|"
                      r"fixed|complete|completed|done|closed|retired|turned off|cleared|"
                      r"back up|back online|back to normal|stable again|drained|"
                      r"came back (?:clean|green|fine|ok|(?:with)?in [~≈<]?\d)|back at)\b",
                      re.IGNORECASE)
_IMPROVED = re.compile(r"(?<!\bto )\b(?:saved|cut(?! over| off| is| was)|reduced|improved|recovered|"
                       r"eliminated|back to|down to|now|no longer|ahead of (?:the )?(?:\w+ ){0,3}"
                       r"(?:deadline|schedule|date)|\d+ (?:days?|weeks?) early)\b", re.IGNORECASE)
# The writer's role in the story: "I was the on-call SDE2", "I'm on call for the label service".
_I_AM = r"I(?:['’]m| was| am)\s+(?:still\s+|also\s+)?(?:(?:the|a|an|one of the)\s+)?"
_ROLE_STATE = re.compile(r"^I\s+(?:lead|own|run|manage|head)\s+(?!it\b|this\b|that\b|them\b)[\w-]+|"  # "I lead
                         # search infra", "I own invoice delivery at Ledgerly": the writer's role
                         r"I\s+led\s+(?:\d+|two|three|four|five|six|several)\s+(?:teams|engineers|"
                         r"people|squads)\b|I\s+(?:lead|run|manage)\s+(?:[\w-]+\s+){1,3}?for\s+|"
                         r"I\s+(?:lead|run|manage)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}team\b|"
                         + _I_AM + r"(?:[\w-]+\s+){0,3}?(?:on[- ]?call|tech lead|team lead|tl|lead|owner|author|"
                         r"maintainer|point person|"
                         r"incident commander|comms lead|dri|responsible for|in charge)\b|"
                         + _I_AM + r"(?:newest|most junior|senior-most|only \w+ (?:engineer|dev))\s+"
                         r"(?:one\s+|person\s+|engineer\s+|member\s+|dev\s+)?(?:on|in)\b|"
                         + _I_AM + r"(?:most\s+)?(?:[\w-]+\s+){0,2}?(?:senior|principal|staff|sde\s?[1-3]?|"
                         r"eng|engineer|intern|new grad)(?:\s+(?:eng|engineer|sde|dev|developer|ic))?"
                         r"(?:\s+(?:on|for|across|of|covering|owning|in|accountable|responsible)\s|"
                         r"\s*,\s*(?:and\s+)?(?:owned|"
                         r"owning|took over|taking over|leading|led|running|ran|responsible)\b|"
                         r"\s+and\s+(?:the|a|an)\s|\s*[.;]?\s*$)|"
                         + _I_AM + r"one of (?:\d+|two|three|four|five|six|the) (?:[\w-]+\s+)?(?:"
                         r"maintainers|owners|leads|engineers on|devs on|on-?calls)\b",
                         re.IGNORECASE)
# "I got their drivers back to a full shift on one charge": an outcome, figure or not.
_I_RESTORED = re.compile(r"I\s+(?:\w+ly\s+)?got\s+(?:\S+\s+){1,5}back\s+(?:to|under|below|within|on)\b")
# A check run once the fix was in, told with what it showed: "I ran the loop again: 200 runs, 0
# failures", "I reran the staging drill: errors for 41 seconds total" is how the fix held up,
# not a finding of the investigation.
_I_CHECKED = re.compile(
    r"^(?:So |Then |And |At \d{1,2}:\d{2},? )?I\s+(?:\w+ly\s+)?(?:re-?ran|re-?tested|re-?checked|"
    r"verified|validated|ran\b[^:;]{0,60}?\b(?:again|game ?day|drill|soak))\b[^:;]{0,90}:\s*"
    r"(?=[^.;]{0,60}?(?:\b(?:0|zero|no)\s+(?:[\w-]+\s+)?(?:failures?|errors?|flakes?|exploitable|"
    r"duplicates?|dupes|regressions?|incidents?|pages?|timeouts?|crashes|storms?)\b|"
    r"\binstead of\b|\bat baseline\b|\bback to (?:normal|baseline)\b|\berrors for\b|\blasted\b))",
    re.IGNORECASE)
# The writer taking the work on, said among the steps: "I told my EM I'd take it and asked for
# 30% of my time", "I asked my lead (Mei) if I could own the fix", "one owner = me".
_CLAIM = re.compile(r"^(?:So |Then |And |Instead(?: of [^,;:.]{1,50}?)?,? |"
                    r"As (?:the|a|an) [^,;:.]{1,40}?,?\s+)?"
                    r"I\b[^.;:]{0,40}?\b(?:(?:asked|checked with) (?:my |our )?\w+"
                    r"(?: \([^)]*\))? (?:if|whether) I could (?:own|take|lead|drive)|I['’]d take it\b|"
                    r"took it on\b|took it\.|asked for (?:~|about )?\d+% of my time|"
                    r"asked (?:[\w'’()]+ ){0,4}?for (?:a|an|one|two|three|\d+|a few|a couple of) "
                    r"(?!(?:extra|more|additional|further) )(?:\w+ )?(?:days?|weeks?|sprints?|"
                    r"months?|quarters?|hours?)\b(?! (?:extension|more|extra))|"
                    r"took on (?:the |their |his |her |fixing |owning |leading )|"
                    r"one owner = me|signed up to own|volunteered to|offered to (?:own|take|lead|drive)|"
                    r"I['’]d do it on top of|picked (?:it|this|that) up\b|"
                    r"(?:told|promised) (?:\w+ ){1,2}I['’]d (?:own|take|handle|fix|drive|lead|look into)\b|"
                    r"asked (?:[\w'’]+,? ){0,3}(?:\([^()]{1,30}\),? )?(?:if|whether) I could\b|"
                    r"asked (?:\w+ )?to (?:own|take|lead|drive)\b|"
                    r"to let me (?:own|lead|take|drive|run)\b|(?:I)?['’](?:d|ll) own\b|"
                    r"got (?:the )?(?:[\w-]+ ){0,2}(?:piece|part|bit|slice|chunk|half)\b|"
                    r"(?:said |told (?:\w+ ){1,2})?I wanted to (?:fix|own|take|lead|drive)\b)|"
                    r"^(?:So |Then |And )?I was (?:asked|tasked|told|assigned|pulled in) to\b",
                    re.IGNORECASE)
_LEAD_IN = re.compile(r"(?:how|what|why|where|when) (?:it|this|that|things|everything|the \w+) "
                      r"(?:all )?(?:started|began|happened|went|ended|played out|came about|"
                      r"got started|turned out)|so|anyway|and then|then|basically|ok so|"
                      r"long story short|ok(?:ay)?|end|the end|ha(?:ha)?|lol|right|yeah|yep|"
                      r"thinking back|looking back|in hindsight|in retrospect|"
                      r"fair|anyways|ok(?:ay)? end", re.IGNORECASE)  # "Ok. End." closing a memo
# The writer's delivery told as its outcome: "I shipped with 17 days to spare", "I launched
# on time", "I cut over two weeks before the contract ended".
_I_DONE = re.compile(r"^(?:So |And |Then )?I\s+(?:\w+ly\s+)?(?:shipped|launched|delivered|finished|ended|"
                     r"released|landed|cut over|went live|hit the date|made the date)\b[^.;]{0,50}?\b"
                     r"(?:to spare|on time|ahead of (?:schedule|the)|early|(?:on|by) (?:the|our) (?:\w+ )?"
                     r"(?:date|deadline)\b(?!\s+(?:but|and|of|for|with|after))|"
                     r"(?:\d+|two|three|four|five|six|a few) (?:days?|weeks?) before|before the (?:deadline|date|"
                     r"freeze|cut-?off|audit|launch|fieldwork|promo|contract))", re.IGNORECASE)
# A step the writer took after the fix, told under an outcome heading ("after:", "follow-ups").
_STEP_AFTER = re.compile(r"^(?:Then |Also |And )?I\s+(?:also\s+)?(?:wrote|added|built|set up|"
                         r"filed|opened|fixed|changed|created|scripted|automated|documented|"
                         r"moved|ran|gave|paired|proposed|drafted|updated|split|switched|"
                         r"migrated|replaced|removed|deleted|introduced|enabled|tuned|rotated|"
                         r"restored|reverted|rolled back|renewed|posted|explained|called|"
                         r"did|met|walked|told|sent|shared|reached out|apologi[sz]ed|paged|"
                         r"escalated|flagged|helped|reviewed|tested|load tested|piloted|"
                         r"trained|coached|presented|published|scheduled|set)\b")
_AFTER_LABELS = frozenset({"after", "afterwards", "after that", "aftermath", "follow-ups",
                           "follow-up", "followups", "follow ups", "next steps",
                           "what went well", "went well", "what worked", "what went right",
                           "wins", "resolution"})  # a retro's wins, a ticket's resolution:
# what came of it, and the writer's steps as well


def _follow_up_step(s: Sentence) -> bool:
    """"after: I wrote the incident summary, added a bounds check": a step the writer took once
    the fire was out, not an outcome (no change from one figure to another, no money, nothing
    said to have improved; "every 15 min" is how the step works)."""
    return s.section == "result" and s.person == "I" and _STEP_AFTER.match(s.text) is not None \
        and not set(s.tags) & {"delta", "adoption", "money"} \
        and not _OUTCOME.search(_HANDED_BACK.sub("", s.text))


# Work given back to its owners: "handed the permanent rotation back to security" (no state
# things got back to)
_HANDED_BACK = re.compile(r"\b(?:handed|passed|gave|sent|returned|brought)\b[^.;]{0,40}?\bback to\b",
                          re.IGNORECASE)


# A few words before the writer's role: "Senior SDE, I was the tech owner", "My part: I was".
_ROLE_LEAD = re.compile(r"^(?:[^,;:.]{1,30}(?:[,:]|\s[-–—])|(?:around|at|about|by|on|that)\s+[\w:]+)"
                        r"\s+(?=I\b)", re.IGNORECASE)
# A call that is itself the step ("decided to rotate it myself", "decided to roll back"): told
# in the Action, not as the part the writer took on
_STEP_CALL = (r"(?:roll|rotate|revert|fail|page|cut|kill|pause|disable|restart|flip|rerun|re-run|"
              r"pull|drop|delete|renew|patch|hotfix|bypass)\b")
# The writer taking a side in the context ("I disagreed because relevance was already poor"):
# what they set out to do, the task.
_STANCE = re.compile(r"I\s+(?:\w+ly\s+)?(?:disagreed|objected|pushed back|argued|refused|insisted|"
                     r"volunteered|offered|stepped up|took it on|picked it up|"
                     r"decided(?!\s+(?:not\s+)?to\s+" + _STEP_CALL + r"))\b")
# The call the writer made on what to do ("I decided not to wait till Monday"): the task they
# set themselves, whatever heading it sits under.
# The part the writer held: "I owned the backend integration", "So I took incident lead".
_HELD = re.compile(r"^(?:(?:so|then|and)\s+)?I\s+(?:owned(?!\s+up\b)|took (?:over )?(?:the )?(?:incident |tech |"
                   r"technical |team )?lead)\b", re.IGNORECASE)
# "decided the flakes were now my problem": the writer making it theirs
_MADE_MINE = re.compile(r"\b(?:was|were|is|are)\s+(?:now\s+)?my\s+(?:problem|job|responsibility|"
                        r"fight|call)\b|\bmy (?:problem|job|responsibility) now\b", re.IGNORECASE)
_DECIDED = re.compile(r"^(?:(?:so|then|and)\s+)?I\s+(?:\w+ly\s+)?(?:decided|decide|chose)\s+"
                      r"(?:not\s+)?to\b(?!\s+" + _STEP_CALL + r")", re.IGNORECASE)
# An outcome the writer states as theirs ("I saved ~$38K/month"): the result, not a step.
_I_OUTCOME = re.compile(r"^I\s+(?:\w+ly\s+)?(?:saved|recovered|freed|avoided|prevented|reclaimed|"
                        r"save|avoid|prevent|"
                        r"gained|hit|beat|met|delivered|finished|brought (?:\S+ ){1,4}(?:down|back)|"
                        r"reduced|improved|"
                        r"halved|doubled|decreased|increased|sped up|shrank|passed)\b")


def _cut_a_metric(text: str, tags: set[str]) -> bool:
    """"I cut median turnaround from 47 min to 22 min": a measure the writer brought down is
    the outcome; "I cut the batch size from 500 to 100" is a setting, a step."""
    cut = re.match(r"I\s+(?:\w+ly\s+)?cut\s+(.{3,80}?)\s+(?:from|by)\s", text)
    by_share = re.search(r"\bby\s+(?:~|about |roughly |around |nearly |over |almost |more than )?"
                         r"\d+(?:\.\d+)?\s*%", text) is not None  # "cut reruns by roughly 70%"
    return cut is not None and ("delta" in tags or by_share) and "setting" not in tags \
        and _LESS_IS_BETTER.search(cut.group(1)) is not None \
        and not re.search(r"\b(?:size|limit|timeout|ttl|threshold|interval|batch|pool|"
                          r"concurrency|retries|replicas)\b", cut.group(1), re.IGNORECASE)


def _learned_that(phrase: Phrase) -> bool:
    """"I learned the metric we picked was not the thing customers feel": a lesson (a clause
    after "learned"), not a skill picked up for the work ("I learned VoiceOver")."""
    words = phrase.text.split()
    return len(words) > 4 and words[0] == "I" and words[1].lower() in ("learned", "learnt",
                                                                        "learn") \
        and (has_verb(words[3:9]) or words[2].lower().replace("’", "'") in (
            "it's", "that's", "there's", "you", "we", "that", "how", "what", "why", "when"))


_IN_BRACKETS = re.compile(r"\s*\([^()]*\)")
_WRITER_WORD = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Mm]ine|MINE)\b")


_WHAT_I_FOUND = re.compile(r"(?:what|all) I (?:found|saw|noticed|discovered|dug up|turned up)\b",
                           re.IGNORECASE)


# The writer's own step said under a context heading or label ("context: ... I wrote the
# strategy + the cost model"), never a step of long before ("I built v1 two years ago")
_STEP_IN_CONTEXT = re.compile(r"I (?:personally |also |then |myself )?(?:wrote|built|negotiated|"
                              r"designed|drove|rewrote|implemented|automated|convinced|proposed|"
                              r"pitched|persuaded|prototyped|benchmarked|profiled|traced|"
                              r"bisected|sampled|pulled|measured|queried|analy[sz]ed|audited|"
                              r"instrumented|graphed|reproduced)\b"
                              r"(?!.*\b(?:years?|months?|weeks?) (?:ago|before|earlier)\b)")


def _section(phrase: Phrase, block_section: str | None, tags: set[str], topic: str) -> str:
    if block_section == "task" and re.match(r"I (?:will|won['’]t|will not)\b", phrase.text):
        return "task"  # "plan: will ship role templates": what the writer set out to do
    if block_section != "reflection" and (_LESSON.match(phrase.text) or _learned_that(phrase)):
        return "reflection"
    if block_section in ("situation", "action", None) and _WHAT_I_FOUND.match(phrase.text):
        return "action"  # "What I found was worse: our deletion workflow only covered ...": a find
    if topic and block_section not in ("situation", None):
        return "detail"  # "why: ..." under a result or lesson heading: an explanation aside
    if block_section in ("action", None) and _named_step(phrase.text):
        return "action"  # "Weekly 30-min cross-team status that I ran, ...": the writer's step
    if "setting" in tags and block_section != "reflection":
        return "action"
    if "adoption" in tags and phrase.person == "other" and block_section in ("action", None):
        return "result"
    first_person = _WRITER_WORD.search(phrase.text) is not None
    if block_section in ("situation", "action", None) and phrase.person == "I" \
            and _NOT_MINE_TO_DO.match(phrase.text) and "delta" not in tags:
        return "task"  # "I didn't touch the NAT gateway cost, Gabe said that's a network team
        # thing", "I said no to taking on the SMS piece too": where the writer's part ends
    if block_section in ("situation", None) and (_LEFT_AS_THEIRS.search(phrase.text) or (
            phrase.person != "I" and _NOT_OURS.search(_IN_BRACKETS.sub("", phrase.text)))) \
            and "delta" not in tags:
        return "task"  # "don't touch prod db sizing, that's Marco's": where the writer's part ends
    if block_section is None:
        return _guess(phrase, tags, first_person)
    if block_section == "situation" and _OTHER_TEAMS.search(phrase.text):
        return "task"  # "Inventory + SRE are other teams": where the writer's part ends
    if block_section == "situation" and _STEP_IN_CONTEXT.match(phrase.text):
        return "action"  # "context: ... I wrote the strategy + the cost model, negotiated the
        # tradeoffs with each org's directors": the writer's steps, said among the context
    # "... on the iOS team (SDE2, I own the checkout module) and crash-free sessions dropped":
    # what an aside says of the writer does not make the context their task
    unaside = _IN_BRACKETS.sub("", phrase.text)
    if block_section == "situation" and first_person \
            and re.search(r"\b(?:I|[Mm]y|[Mm]e|[Mm]ine)\b", unaside) and (
            "scope" in tags or kb.phrase_pattern(kb.sections().section("task").cues)
            .search(unaside.lower()) or _ROLE_STATE.search(unaside)
            or (phrase.person == "I" and _CLAIM.search(unaside))
            or (phrase.person == "I" and _STANCE.match(unaside))):
        return "task"
    if block_section == "action" and phrase.person == "other" \
            and re.search(r"\b[Mm]y\b", unaside) \
            and kb.phrase_pattern(kb.sections().section("task").cues).search(unaside.lower()):
        return "task"  # "Part of my onboarding task was ...": the writer's task, among the steps
    if block_section == "action" and phrase.person == "other":
        return "finding"
    if block_section == "action" and phrase.person == "I" and (
            _CLAIM.search(phrase.text) or _ROLE_STATE.match(phrase.text)
            or _DECIDED.match(phrase.text) or _HELD.match(phrase.text)
            or _MADE_MINE.search(phrase.text)):
        return "task"  # "I asked my lead if I could own the fix": the writer taking it on
    if block_section in ("action", None) and phrase.person == "I" and (
            _I_DONE.match(phrase.text) or _I_CHECKED.match(phrase.text)):
        return "result"  # "I shipped with 17 days to spare": the date met is the outcome
    return block_section


# A step of the writer's named as a thing: "weekly 30-min cross-team status that I ran"
_STEP_NAMED = re.compile(r"(?:a |an |the |my |our )?(?:[\w/+-]+\s+){0,5}?(?:that|which)\s+I\s+"
                         r"(?:\w+ly\s+)?(?:ran|built|wrote|set up|led|started|organi[sz]ed|"
                         r"facilitated|hosted|drove|created|designed|chaired)\b", re.IGNORECASE)


def _named_step(text: str) -> bool:
    """Whether a sentence opens on a step of the writer's named as a thing, with nothing said
    of that thing after it ("the dashboard that I built is now used by 12 teams" is what came
    of it)."""
    match = _STEP_NAMED.match(text)
    if match is None:
        return False
    said = re.split(r"[,;:.(]", text[match.end():], maxsplit=1)[0]
    return not re.search(r"\b(?:is|are|was|were|now|got|became|has|have|had|still|went|"
                         r"saved|cut)\b", said, re.IGNORECASE)


# What the writer left alone, said as theirs not to do: "I didn't touch the NAT gateway cost",
# "I did not do the per-team fixes", "I said no to taking on the SMS piece too"
_NOT_MINE_TO_DO = re.compile(r"I\s+(?:(?:did\s+not|didn['’]?t)\s+(?:\w+ly\s+)?(?:touch|do|write|own|"
                             r"build|take on|handle|run|lead|code|implement|take over)\b"
                             r"(?![^,;.]*\b(?:without|until|till|before|unless)\b)|"
                             r"said no to (?:taking|owning|picking)\b)", re.IGNORECASE)
# Whose a thing the notes use was, said as not the writer's team's: "comes from the ops-data
# team's feed, not ours"
_NOT_OURS = re.compile(r"\bnot (?:ours|mine|my team['’]s|our team['’]s)\b", re.IGNORECASE)
# A part said to stay someone else's: "that's Marco's", "that stays Oskar's", "the OCR model was
# the ML team's (Yusuf)", "rollout tooling = Bram's team"
_LEFT_AS_THEIRS = re.compile(r"\b(?:that|it|this|which)(?:['’]s|\s+(?:is|was|stays|stayed|remains|"
                             r"remained))\s+(?:still\s+)?(?-i:[A-Z][a-z]+)['’]s\s*(?:[.;,)]|$)|"
                             r"(?:\bwas|\bis|\bwere|\bare|\s=)\s+(?:the\s+)?(?:(?-i:[A-Z][a-z]+)|"
                             r"(?:[\w-]+\s+)?team)['’]s(?:\s+(?:team|org|job|area))?"
                             r"\s*(?:\(|[.;,]|$)", re.IGNORECASE)
# Whose the other parts were, said of them: "Inventory + SRE are other teams", "payments is a
# different team"
_OTHER_TEAMS = re.compile(r"^[\w +&/,.-]{2,40}\b(?:are|is|were|was)\s+(?:(?:both|all)\s+)?"
                          r"(?:other|another|a different|different|separate|a separate)\s+teams?['’]?s?"
                          r"(?:\s*[.;,)]|\s+(?:entirely|altogether)|$)", re.IGNORECASE)


def _guess(phrase: Phrase, tags: set[str], first_person: bool) -> str:
    """The section of a sentence under no section heading, from its subject and cue words;
    ``_by_phase`` then reads it against where it sits among the writer's actions."""
    text = phrase.text.lower()

    def says(section: str) -> bool:
        return kb.phrase_pattern(kb.sections().section(section).cues).search(text) is not None

    # "I pulled the data (should've done this yrs ago)": a step, its regret an aside
    if _HINDSIGHT.search(_IN_BRACKETS.sub("", text)) or (phrase.person == "other" and "figure" not in tags
                                   and len(phrase.text.split()) <= 16
                                   and is_imperative(phrase.text)):
        return "reflection"  # "Learn why before asking for more machines."
    task_cue = kb.phrase_pattern(kb.sections().section("task").cues).search(text)
    if ("scope" in tags and first_person) or (task_cue and not _acted_first(phrase, text, task_cue)) \
            or _OTHER_TEAMS.search(phrase.text):
        return "task"  # ("Inventory + SRE are other teams": where the writer's part ends)
    lead = _ROLE_LEAD.match(phrase.text)
    role = _ROLE_STATE.match(phrase.text, lead.end() if lead else 0)
    if role is not None and phrase.person != "we":
        return "task"  # "Senior SDE, I was the tech owner for the cutover": the writer's part
    if phrase.person == "I" and (_CLAIM.search(phrase.text) or _DECIDED.match(phrase.text)
                                 or _HELD.match(phrase.text) or _MADE_MINE.search(phrase.text)):
        return "task"  # "So I asked my lead for 2 days to chase it": the writer taking it on
    if phrase.person == "I":
        if (_I_OUTCOME.match(phrase.text) and "figure" in tags and "setting" not in tags) \
                or _I_RESTORED.match(phrase.text) or _I_CHECKED.match(phrase.text) \
                or _cut_a_metric(phrase.text, tags) \
                or _I_DONE.match(phrase.text):
            return "result"  # "I shipped on the retailer date": the date met is the outcome
        first = _FIRST_I.search(phrase.text[:160])
        state = first is not None and _STATE.match(phrase.text, first.start()) is not None
        if first is not None and _ROLE_STATE.match(phrase.text, first.start()):
            return "task"  # "I was the on-call SDE2 that week": the writer's part in it
        return "situation" if state else "action"
    if "delta" in tags or (_OUTCOME.search(text) and ("figure" in tags or phrase.person != "we")) \
            or says("result"):
        return "result"
    return "situation"


_TASK_VERBS = frozenset({"owned", "volunteered", "took", "decided", "offered", "asked", "agreed",
                         "committed", "signed", "stepped", "claimed", "needed", "had", "wanted",
                         "was", "were", "set", "led", "hated", "picked", "got", "said", "told",
                         "inherited", "joined", "started", "became", "chose", "proposed"})


def _acted_first(phrase: Phrase, text: str, cue: kb.PhraseMatch) -> bool:
    """An "I" sentence that opens on a step ("I wrote the 6-pager ... and set direction for 4
    teams") is an action even where a task cue comes later in it."""
    words = phrase.text.split()
    if phrase.person != "I" or len(words) < 3 or words[0] != "I":
        return False
    verb = words[2] if words[1].lower().endswith("ly") or words[1].lower() in ("then", "also",
                                                                                "first") \
        else words[1]
    verb = verb.lower().strip(",.:;")
    past = verb in kb.lexicon().irregular_past or (verb.endswith("ed") and len(verb) > 3)
    if not past or verb in _TASK_VERBS or _STATE.match(phrase.text):
        return False
    claims = re.search(r"offer|volunteer|own|ask|said i|signed|stepped|claimed|took it|mine",
                       cue.group(0))
    return not claims and cue.start() > text.find(verb) + len(verb)


# What a change in a metric means: less of these is better, more of those is better.
_LESS_IS_BETTER = re.compile(r"\b(?:latency|p\d\d|errors?|error rate|failures?|failed|cost|costs|cpu|"
                             r"memory|load|queue|"
                             r"turnaround|runtime|duration|delays?|wait(?:ing)? time|"
                             r"spend|bill|size|download|mb|gb|time|minutes|hours|tickets|"
                             r"complaints|crash(?:es)?(?!-free)|pages|alerts|incidents|churn|backlog|age|"
                             r"lag|timeouts?|retries|reruns?|toil|drops?|defects|bugs|violations)\b",
                             re.IGNORECASE)
_MORE_IS_BETTER = re.compile(r"\b(?:conversion|installs?|retention|revenue|throughput|coverage|"
                             r"adoption|success rate|crash-free|nps|picks|signups|sales|uptime|"
                             r"engagement|accuracy|recall|precision|hit rate|watch time)\b",
                             re.IGNORECASE)


# An outcome told with its date: "Shipped jan 12, statements out jan 24", "Launched on 3/14"
_SHIPPED_WHEN = re.compile(r"(?:Shipped|Launched|Went live|Released|Rolled out)(?: it)?\s+(?:on\s+)?"
                           rf"(?:(?:{MONTH})\.?\s+\d|\d{{1,2}}/\d{{1,2}}\b|\d{{4}}-\d{{2}}|"
                           r"(?:on time|early|ahead of|a (?:day|week) early))", re.IGNORECASE)


def _got_better(sentence: Sentence) -> bool:
    """Whether a before -> after change reads as an improvement: "download went from 84 MB to
    51 MB" (a result stated first), not "p99 jumped from 180ms to 1.2s"."""
    return _moved(sentence) is True


def _got_worse(sentence: Sentence) -> bool:
    """Whether every before -> after change says things got worse ("primary CPU 35% -> 98%",
    "p99 goes from 300ms -> 9s"): the problem, not an outcome."""
    return _moved(sentence) is False


def _moved(sentence: Sentence) -> bool | None:
    """True when a before -> after change reads as better, False as worse, None when it cannot
    be told."""
    text = sentence.text
    for delta in sentence.deltas:
        at = text.find(delta.text)
        before = text[max(0, at - 60):at] + " " + (delta.metric or "")
        if delta.before.value is None or delta.after.value is None:
            continue
        down = delta.after.value < delta.before.value
        if _MORE_IS_BETTER.search(before):
            return not down
        if _LESS_IS_BETTER.search(before):
            return down
    return None


def _by_phase(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences under no heading, read by where they sit: notes run from the problem through
    the writer's actions to the outcome. Before the first "I" action, a before -> after pair is
    the problem ("p99 jumped from 180ms to 1.2s") unless it says things improved; between the
    actions, a sentence with another subject is what the writer found ("62% were
    non-actionable"); after the last action, what happened is the result."""
    acting = [i for i, s in enumerate(sentences) if s.section == "action" and s.person == "I"]
    if not acting:
        return sentences
    first, last = acting[0], acting[-1]
    out: list[Sentence] = []
    for index, s in enumerate(sentences):
        if s.free and index > last and s.section == "task" and s.person == "other":
            out.append(_with(s, section="result"))  # "my manager asked me to present it at the
            continue                                 # ops review" once the work was done
        if not s.free or s.person == "I" or s.section not in ("situation", "result"):
            out.append(s)
            continue
        if index < first:
            improved = (s.section == "result" and _IMPROVED.search(s.text) is not None) \
                or _got_better(s) or (bool(out) and out[-1].section == "result"
                                      and _I_DONE.match(out[-1].text) is not None
                                      and out[-1].line == s.line and bool(s.figures))
            # "Shipped on the retailer date. Pairing success 96%.": an outcome told first
            improved = improved or _SHIPPED_WHEN.match(s.text) is not None or (
                bool(out) and out[-1].line == s.line and out[-1].section == "result"
                and _SHIPPED_WHEN.match(out[-1].text) is not None)  # "... No manual reruns."
            section = "result" if improved else "situation"
        elif _before_then(s.text) and not _OUTCOME.search(s.text) \
                and not _IMPROVED.search(s.text) and not s.deltas:
            section = "situation"  # "had been primary for months": how things were before
        elif s.section == "result" and index < last and out and out[-1].line == s.line \
                and out[-1].person == "I" and out[-1].section == "action" \
                and (re.search(r"\bfound\b", out[-1].text) or _bare_look(out[-1].text)) \
                and not _IMPROVED.search(s.text):
            section = "finding"  # "I found it: the router drops idle NAT mappings. Fw 3.8
            # raised the MQTT keepalive from 45s to 120s": what the look found, not an outcome
        elif index > last or s.section == "result" or _OUTCOME.search(s.text) \
                or _LATER.match(s.text):
            section = "result"
        else:
            section = "situation" if s.person == "we" else "finding"
        out.append(_with(s, section=section) if section != s.section else s)
    return out


_FINDING_WORDS = 60
# A step that looks for something ("I pulled 3 months of pages", "I pushed back"): what
# follows it is what it found, or the writer's reason.
_LOOKED_AT = (r"^(?:So |Then |And |First,? )?I(?:['’]d (?:rather|never)\b|"
              # "I'm pulling the LB access logs ...": a look told as it happens
              r"['’]m\s+(?:\w+ly\s+|also\s+|now\s+)?(?:pulling|checking|looking|reading|tracing|"
              r"profiling|digging|grepping|diffing|comparing|going through|reproducing|measuring|"
              r"counting|querying|sampling|auditing|inspecting|graphing|plotting|seeing|noticing)\b|"
              r"\s+(?:\w+ly\s+|also\s+|"
              r"then\s+|first\s+)?(?:ran\s+(?:\S+\s+){0,5}?(?:against|quer|load test|profil|"
              r"benchmark|numbers|analysis|report|sample)|pulled|sampled|checked|looked|found|"
              r"noticed|saw|read|traced|profiled|dug|diffed|went (?:back )?(?:through|over|looking)|"
              r"reproduced|audited|compared|analy[sz]ed|queried|measured|counted|grepped|inspected|"
              r"reviewed|tested|timed|benchmarked|surveyed|interviewed|talked to|sat (?:in|with)|"
              r"shadowed|listened|watched|opened|pushed back|disagreed|objected|argued|refused|"
              r"warned|flagged|raised|said no|(?:did|do|was|were)(?:n['’]t| not) "
              r"(?:buy|think|sure|agree)|would(?:n['’]t| not| rather))\b)")
_LOOKED = re.compile(_LOOKED_AT)
# A log line's time, said first: "At 9:20 PM PST I dug in"
_AT_CLOCK = re.compile(rf"^At {CLOCK_TIME},? ", re.IGNORECASE)


def _bare_look(text: str) -> bool:
    """A look with nothing after it but what it found: "At 9:20 PM PST I dug in: config push
    ... changed the default", "I looked into it"."""
    look = _AT_CLOCK.sub("", text)
    return _LOOKED.match(look) is not None and len(look.split()) <= 4
_BEFORE_THEN = re.compile(r"\bhad (?:been|never|always|quietly|already|long)\b|\bhad \w+ed\b|"
                          r"\b(?:was|were) (?:still|already|always)\b")
# "I pulled 6 months of pages: ~70% went to 9 engineers": what a step found, or the reason the
# writer gave for a stance ("I pushed back: the token service had no rate limiting").
_FOUND = re.compile(_LOOKED_AT + r"[^:;()\"“]{0,90}?[:;]\s+(?=\S)")
# "I pulled Cost Explorer by prefix and found 80% of bytes were never read": the same, said
# with "found" after the step.
_FOUND_THAT = re.compile(_LOOKED_AT + r"[^:;()\"“]{0,90}?\b(?:and|,) (?:then )?(?:found|saw|noticed|"
                         r"discovered|realized|realised|learned)(?: out)?(?: that)?\s+(?=\S)")


def _before_then(text: str) -> bool:
    """Whether a sentence's own clause tells how things were before ("had been primary for
    months", "the flag was still on"); a clause after "while" or "when" only says when ("the
    trace showed the service reading its config while the fixture was still writing it")."""
    main = _SUBORDINATE.split(text, maxsplit=1)[0]
    return _BEFORE_THEN.search(main) is not None


_SUBORDINATE = re.compile(r"\s(?:while|when|whenever|because|since|as soon as|until|before|after)\s"
                          r"|:\s", re.IGNORECASE)


def finding_of(step: Sentence) -> Sentence | None:
    """What one of the writer's steps found, said again as the problem it shows: "I sampled
    2,000 deletions: 61% still had a downstream copy" tells the Situation "61% still had a
    downstream copy". Only a clause with its own subject and verb, never more steps ("built
    a view per team") or the writer again."""
    match = _FOUND.match(step.text) or _FOUND_THAT.match(step.text)
    if match is None:
        return None
    tail = re.sub(r"^(?:so|and|but|basically|turns out|it turned out),?\s+", "",
                  step.text[match.end():].strip(), flags=re.IGNORECASE)
    words = tail.split()
    if len(words) < 4 or tail[0] in "\"“'‘" or re.match(r"(?:I|we|my|our)\b", tail, re.I) \
            or has_verb(words[:1]) or not has_verb(words[1:12]) or other_actor(tail) \
            or _OUTCOME.search(tail):
        return None
    if words[0].isalpha() and words[0].islower():
        tail = tail[:1].upper() + tail[1:]
    if tail[-1] not in ".!?":
        tail += "."
    figures = tuple(f for f in step.figures if f.text in tail)
    return Sentence(text=tail, section="situation", person="other", line=step.line,
                    source=step.source, tags=tuple(t for t in step.tags if t != "figure")
                    + (("figure",) if figures else ()), figures=figures,
                    deltas=tuple(d for d in step.deltas if d.text in tail), free=step.free)


# A step done by someone unnamed ("Partner datasets were regenerated"): not what the writer's
# step found.
_DONE_TO = re.compile(r"^(?:[\w'’/-]+\s+){1,6}?(?:was|were|got|have been|had been)\s+"
                      r"(?:\w+ly\s+|all\s+|then\s+)?(?:[a-z]+ed|rebuilt|built|rewritten|"
                      r"written|rerun|sent|made|told|looped in|brought in)\b(?!\s+(?:to|by|as)\b)")
# A status line of participles with no doer ("Merged, released in the next minor version",
# "Promoted to SDE2 at ~15 months"):
# what happened to the work, not what a step found.
_STATUS_LINE = re.compile(r"[A-Za-z]+ed\b(?:,?\s+(?:and\s+)?[a-z]+ed\b|\s+(?:to|for|by|in|across|on|at)\b)")
# Work handed to others: "the rest were left to the owners with a deadline".
_LEFT_TO = re.compile(r"\b(?:was|were)\s+(?:left|handed|given|assigned|passed|delegated)\s+"
                      r"(?:over\s+)?to\s+(?:the|their|its|each|every|(?-i:[A-Z]))", re.IGNORECASE)
# Someone else's work named inside a finding ("a lookup table Dana's team maintained"): never
# joined to the writer's step.
_THEIR_WORK = re.compile(r"\b(?:[A-Z][a-z]+['’]s\s+(?:[\w-]+\s+)?(?:team|leads?|folks|group)|"
                         r"(?:the|their|his|her|that other|another|other)\s+(?:[\w-]+\s+)?team)\s+"
                         r"(?:\w+ly\s+)?"
                         r"(?:[a-z]+ed|built|ran|wrote|made|did|kept|set up|runs|owns|maintains)\b")
# Someone else acting ("VP funded a team of 8", "my manager approved it"): their step, never
# joined to the writer's own sentence.
_ACTOR = re.compile(r"(?:the |my |our |their |his |her )?(?:vp|svp|cto|ceo|director|manager|pm|"
                    r"lead|tech lead|leadership|legal|finance|security|principals?|team|they|he|"
                    r"she|[A-Z][a-z]+ \([^()]{1,20}\))(?:\b|(?<=\)))(?:\s+\w+){0,1}\s+\w+ed\b",
                    re.IGNORECASE)
_LATER = re.compile(r"(?:\w+ ){0,2}(?:days?|weeks?|months?|hours?|quarters?) (?:later|after)\b|later\b|"
                    r"then\s+(?:a|an|the|their|his|her|its|some)\s|"
                    r"afterwards\b|since then\b|by the end of\b|"
                    r"(?:after|once|when) (?:it|we|they|the \w+) (?:went|got|hit|reached|shipped|"
                    r"launched|landed|rolled)\b[^,]{0,60},|"
                    r"(?:the )?(?:next|following) (?:day|week|month|quarter|sprint|release)\b|"
                    r"meanwhile\b|in the meantime\b|at the same time\b",  # what went on beside it
                    re.IGNORECASE)
_CLOCK_FIGURE = re.compile(r"\d{1,2}:\d{2}")
# A measure that moved, or the work shipped: under an "Impact" heading, what the work achieved
# ("went from 7h10m to 2h05m", "shipped by the committed date"), not what the problem cost.
_MOVED_TO = re.compile(r"\b(?:went|dropped|fell|rose|grew|down|up|cut|reduced|improved)\b[^.;]{0,40}?"
                       r"\bfrom\b[^.;]{0,30}?\bto\b|^\W*(?:shipped|launched|delivered|released)\b|"
                       r"(?<![\w.])\+\d[\d.,]*\s*%",
                       re.IGNORECASE)
# A short question the writer asks themselves before answering it: "did it work?", "why?".
_SELF_QUESTION = re.compile(r"[^\d?]{0,40}\?")
# A question with no figure in it that an answer follows: "Why didn't the bootloader fall back?"
# (not "did I just move the pain to Manila?", a question the writer still has)
_ASKS = re.compile(r"(?:why|how|what|when|where|who|which)\b[^\d?]{0,80}\?", re.IGNORECASE)
# A step that finished the work ("I shipped on the retailer date"): a figure after it is how it
# went, not what the step found.
_COMPLETED = re.compile(r"I (?:\w+ly )?(?:shipped|launched|released|went live|rolled (?:it )?"
                        r"out|finished|completed)\b")
_COMMON_STARTS = frozenset({"the", "a", "an", "most", "many", "some", "all", "every", "each",
                            "this", "that", "these", "those", "it", "there", "one", "no", "only",
                            "half", "nothing", "nobody", "none", "several", "both", "its",
                            "everything", "top", "bottom"})  # an action and its finding, said
# as one sentence ("...: top 6 tests caused ~85% of failures")


def _lone_action(sentences: list[Sentence]) -> list[Sentence]:
    """With no action anywhere, a step the writer jotted as a verb ("fixed flaky CI by
    quarantining tests nobody owned") is the action, even when it names the scope."""
    if any(s.section == "action" and s.person == "I" for s in sentences):
        return sentences
    return [_with(s, section="action") if s.section == "task" and s.fragment and s.person == "I"
            else s for s in sentences]


# Two people or groups acting together: "ravi + joanne heard it out", "legal + compliance (Greg)
# decided": their step, never what the writer's step found.
_PAIR = re.compile(r"^(?!I\b)[\w'’-]+\s*(?:\+|&|and)\s*(?!I\b|me\b)[\w'’-]+(?:\s*\([^()]{1,30}\))?\s+"
                   r"(?:(?:both|then|also|all|together)\s+)?(\w+)", re.IGNORECASE)
_PAIR_LONG = re.compile(r"^(?-i:[A-Z])[\w'’-]+\s*(?:\+|&|and)\s*(?:the |our |an? )?(?!I\b|me\b)[\w'’-]+\s+"
                        r"[\w'’-]+\s+(\w+)", re.IGNORECASE)


def _pair_acts(text: str) -> bool:
    """"Priya + Sam rewrote it", "Dmitri + economy designer decide to ...": two doers, then
    their verb."""
    pair = _PAIR.match(text)
    if pair is not None and has_verb([pair.group(1)]):
        return True
    long = _PAIR_LONG.match(text)
    verb = long.group(1).lower() if long else ""
    return bool(verb) and verb not in kb.lexicon().function_words and not verb.endswith("ly")


# "the fix itself was Priya's", "that part was theirs": someone else's work, never what the
# writer's step found.
_WAS_THEIRS = re.compile(r"\b(?:was|were|is|are)\s+(?:all\s+|entirely\s+|really\s+)?"
                         r"(?:(?-i:[A-Z][a-zà-öø-ÿ]+(?:-[A-Za-zà-öø-ÿ]+)?)['’]s|his|hers|theirs|ours|"
                         r"the\s+(?:[\w-]+\s+)?(?:group|team|squad|org|others|vendor|"
                         r"contractors?|director|manager|vp|cto|ceo|pm|lead)['’]s?)(?!\w)",
                         re.IGNORECASE)
# "But it was their call": a turn against what the writer did, never what their step found.
_CONTRAST = re.compile(r"(?:but|however|though|although|yet|still)\b", re.IGNORECASE)


# A person the notes introduce with their role: "Your director (Meera)", "Ravi (senior)".
_GIVEN_NAME = rf"(?-i:({_NAME_WORD}))"
_INTRODUCED = re.compile(rf"\({_GIVEN_NAME}\)|\b{_GIVEN_NAME}\s+\((?:[a-z][\w -]{{1,25}})\)|"
                         rf"\b(?i:mentor|buddy|manager|mgr|lead|tl|pm|em|qa|vp|cto|director)\s+"
                         rf"{_GIVEN_NAME}(?![\w-])")  # "PM Colette wanted it live"


def _common_words(text: str) -> frozenset[str]:
    """The words the notes write in lower case somewhere: a word that opens a sentence and is
    lower case elsewhere is no name ("Error isn't constant" after "RMS error")."""
    return frozenset(re.findall(r"(?<![\w.])(?-i:[a-z][a-z'’]+)\b", text))


# "(LM)" at a line's end: whose line it is, by their initials
_INITIALS_TAG = re.compile(r"\((?-i:([A-Z]{2,3}))\)[ \t]*$", re.MULTILINE)


def _named_people(text: str) -> frozenset[str]:
    """The names the notes introduce with a role, either way round, and the initials that tag
    others' lines in notes that give the writer's own ("me = JK" over "... (LM)")."""
    named = {name for match in _INTRODUCED.finditer(text) for name in match.groups() if name}
    mine = MY_INITIALS.search(text)
    if mine:
        named |= {tag for tag in _INITIALS_TAG.findall(text) if tag not in mine.groups()}
    return frozenset(named)


# "the dispatchers said they'd been overriding it by hand": what people told the writer, in
# their words, not what the writer's step found (unlike what "the logs said")
_SOMEONE_SAID = re.compile(r"(?!(?:I|we)\b)(?!(?:[\w'’-]+\s+){0,3}(?:logs?|dashboards?|docs?|spec|"
                           r"errors?|traces?|graphs?|metrics|monitors?|alerts?|tests?|data|numbers)\b)"
                           r"(?:[\w'’-]+\s+){1,4}(?:said|told|replied|explained|mentioned|admitted|"
                           r"complained|insisted|answered)\b", re.IGNORECASE)


# "one vendor took 3 wks, the other 2 months": what others the notes leave unnamed did. Only
# a finding's join reads it; added to phrasing's other subjects, where every clause split
# reads them, these words moved sentences of the eval corpus that were right.
_UNNAMED = re.compile(r"(?:one|another|each|the other)\s+(?:vendor|customer|client|partner|"
                      r"supplier|contractor|team|manager|lead|reviewer)s?\s+(?:\w+ly\s+)?"
                      r"(?:[a-z]+ed|took|did|said|gave|sent|wrote|made|ran|got|went|came|had)\b",
                      re.IGNORECASE)


# "(zones where) we had courier surplus": how the team's things stood, no step a fragment after
# it goes on with
_WE_STOOD = re.compile(r"^\W*we\s+(?:had|have|were|was|are|needed|need|wanted|knew|lacked|"
                       r"didn['’]t have|did not have)\b", re.IGNORECASE)


_PARTS_WORDS = 80  # words a step and the parts of what it built may run to, said as one


def _attach_parts(sentences: list[Sentence], common: frozenset[str]) -> list[Sentence]:
    """The parts of what the writer built, said with the step that built them: "I ... built
    it over ~2 weeks: a CI step that reruns a failed test in isolation; the bot files a
    ticket ..."; a part that would make the step too long stays a sentence of its own."""
    out: list[Sentence] = []
    head_at = -1
    for s in sentences:
        if "part" not in s.cues:
            if s.section == "action" and s.person == "I":
                head_at = len(out)
            out.append(s)
            continue
        head = out[head_at] if head_at >= 0 else None
        if head is None or len(head.text.split()) + len(s.text.split()) > _PARTS_WORDS:
            out.append(s)
            continue
        first = head.source.rstrip().endswith(":")
        joiner = ": " if first else "; "
        tail = lower_lead(s.text.rstrip(".!? "), common)
        out[head_at] = _joined(head, s, head.text.rstrip(".!?:; ") + joiner + tail + ".",
                               head.source.rstrip().rstrip(":") + "; " + s.source
                               if first else head.source + " " + s.source)
    return out


# The writer's step that asks or shows someone something: "I asked Tomasz (my mentor) if I
# could fix it", "I showed Gunnar the false positive rate", "I pinged my lead".
_ASKED = re.compile(r"I\s+(?:\w+ly\s+)?(?:asked|pinged|messaged|showed|told|emailed|called|"
                    r"checked with|ran it by|went to|proposed it to|pitched it to)\s+"
                    r"(?:(?:my|our|the)\s+(?:lead|mentor|manager|mgr|tl|em|pm|boss|director)\b|"
                    rf"(?-i:{_NAME_WORD})\b)", re.IGNORECASE)
# Their answer, said right after: "He said ok if I wrote up the blast radius first.", "She
# agreed.", "They signed off in writing."
_ANSWER = re.compile(r"(?:he|she|they)\s+(?:\w+ly\s+)?(?:said|agreed|approved|okayed|ok['’]d|"
                     r"signed off|pushed back|came around|was fine|were fine|was ok|were ok|"
                     r"was okay|said yes|said no|declined|refused)\b", re.IGNORECASE)
_ANSWER_WORDS = 50  # a step and the answer it got, said as one, at most
# An answer that goes on past its yes or no with what they told: "she said no, its a
# correlation problem not a stats problem"
_ANSWER_GOES_ON = re.compile(r"(?:he|she|they)\s+(?:\w+ly\s+)?said\s+(?:no|yes|ok|okay|not yet)\s*[,:;-]+\s*"
                             r"(?!(?:he|she|they|I)\b|(?:he|she|they|I)['’])\w", re.IGNORECASE)


def _attach_replies(sentences: list[Sentence]) -> list[Sentence]:
    """An answer said with the step that asked for it: "I asked Tomasz (my mentor) if I could
    fix it instead of just closing it; he said ok if I wrote up the blast radius first." Told
    apart, "He said ok ..." lands in another card, where no one knows who "he" is."""
    out: list[Sentence] = []
    for s in sentences:
        head = out[-1] if out else None
        if head is not None and head.section in SECTION_NAMES and head.person == "I" \
                and _ASKED.match(head.text) and _ANSWER.match(s.text) \
                and 0 <= s.line - head.line <= 1 \
                and len(head.text.split()) + len(s.text.split()) <= _ANSWER_WORDS:
            said = f"{head.text.rstrip('.!?;: ')}; {s.text[:1].lower()}{s.text[1:]}"
            if _ANSWER_GOES_ON.match(s.text):
                # "she said no, its a correlation problem": what they told is theirs, a
                # sentence of its own kept with the ask, never said in the writer's "I" sentence
                said = f"{head.text.rstrip('.!?;: ')}. {s.text[:1].upper()}{s.text[1:]}"
            out[-1] = _joined(head, s, said if said.endswith((".", "!", "?")) else said + ".",
                              head.source + " " + s.source)
            continue
        out.append(s)
    return out


# A sentence that opens on a word pointing back at the one before: "He wanted to keep it.",
# "That was the whole thing for me", "They did it in week 6."
_POINTS_BACK = re.compile(r"(?:it\b(?!['’]s\s)|(?:this|that|they|he|she|these|those|both)\b)",
                          re.IGNORECASE)
# A step said in words that only point back: "I did that.", "So I did."
_DID_THAT = re.compile(r"(?:So |And )?I did(?: (?:that|it|this|so))?"
                       r"(?: (?:same day|that day|too|as well|right away|anyway))?\.")
_BESIDE = ("situation", "result", "reflection")  # (a scope the Task states stays there)


def _with_what_it_did(sentences: list[Sentence]) -> list[Sentence]:
    """A step said in words that only point back, said with the sentence before it on its
    line: "She asked me to add an alert for renewal failures; I did that." Told in the Action
    alone, "I did that." says nothing."""
    out: list[Sentence] = []
    for s in sentences:
        before = out[-1] if out else None
        if before is not None and s.person == "I" and _DID_THAT.fullmatch(s.text) \
                and s.section == "action" and before.section in SECTION_NAMES \
                and before.section != s.section and before.line == s.line \
                and sum(o.section == "action" for o in sentences) > 1:
            out[-1] = _joined(before, s, f"{before.text.rstrip('.!?;: ')}; {lower_lead(s.text)}",
                              f"{before.source} {s.source}")
            continue
        out.append(s)
    return out


# Hindsight said in a few words on the sentence before it: "I should have.", "Should've."
_BARE_HINDSIGHT = re.compile(r"(?:(?:but|and|so)\s+)?(?:I\s+)?(?:should|could|would)(?:['’]ve|\s+have)"
                             r"(?:\s+(?:too|instead|first|earlier|sooner|though|tbh|honestly))?[.!]?",
                             re.IGNORECASE)


def _with_its_hindsight(sentences: list[Sentence]) -> list[Sentence]:
    """"never asked support if customers noticed. should have": the lesson is the sentence
    before it, said whole in the Reflection ("I never asked support if customers noticed; I
    should have."), never "I should have." alone."""
    out: list[Sentence] = []
    for s in sentences:
        before = out[-1] if out else None
        if before is not None and _BARE_HINDSIGHT.fullmatch(s.text.strip()) \
                and before.line == s.line and before.section in SECTION_NAMES \
                and "label" not in before.cues:
            tail = s.text.strip()
            tail = tail if tail.startswith("I ") else tail[:1].lower() + tail[1:]
            said = f"{before.text.rstrip('.!?;: ')}; {tail.rstrip('.!')}."
            out[-1] = _with(_joined(before, s, said, f"{before.source} {s.source}"),
                            section=s.section if s.section in SECTION_NAMES else "reflection",
                            cues=tuple(sorted(set(before.cues) | set(s.cues))))
            continue
        out.append(s)
    return out


def _with_referent(sentences: list[Sentence]) -> list[Sentence]:
    """A sentence that points back ("He wanted to keep it.") said in the card of the sentence
    before it on its line or the line above, where whom or what it means is said: told in
    another card, no one knows who "he" is. An outcome it tells keeps its own card."""
    out = _with_its_hindsight(_with_what_it_did(sentences))
    for at in range(1, len(out)):
        s, before = out[at], out[at - 1]
        if s.person == "I" or s.section not in _BESIDE or before.section not in _BESIDE \
                or s.section == before.section or not 0 <= s.line - before.line <= 1 \
                or not _POINTS_BACK.match(s.text) or "label" in s.cues or s.deltas \
                or METRIC_MOVED.match(s.text) or _OUTCOME.search(s.text) \
                or {"lesson", "claim"} & set(s.cues) \
                or sum(o.section == s.section for o in out) < 2:
            continue  # (a card it alone fills keeps it)
        out[at] = _with(s, section=before.section)
    return out


def _joined(head: Sentence, tail: Sentence, text: str, source: str) -> Sentence:
    """The writer's step with a sentence said after it (what it found, the parts of what it
    built): one sentence holding the tags, figures and moves of both."""
    return _with(head, text=text, source=source, tags=tuple(sorted(set(head.tags) | set(tail.tags))),
                 figures=head.figures + tail.figures, deltas=head.deltas + tail.deltas)


def _names_a_doer(text: str, people: frozenset[str], common: frozenset[str]) -> bool:
    """Whether a person does something anywhere in ``text`` ("via the export job Marco already
    had running"): a name the notes give (``people``) or a capitalised word past the first
    that is no common word. What they did is theirs, never joined to the writer's step."""
    if _ROLE_DID.search(text) or _GROUP_DID.match(text):
        return True  # "my mentor ravi reviewed it ...", "data-eng confirmed the DAG ran"
    for match in _DOER.finditer(text):
        name = match.group(1)
        if name in people or (match.start() > 0 or match.group("who")) \
                and name.lower() not in common \
                and name.lower() not in kb.lexicon().function_words:
            return True  # (a name that opens the line with who they are: "Lena, our tech lead,")
    return False


# A deed done, after its doer, with an adverb between: "already had", "quickly reviewed".
_THEIR_DEED = (r"(?:\w+ly\s+|also\s+|then\s+|already\s+)?(?:had|did|built|wrote|ran|set|made|"
               r"took|kept|sent|said|found|saw|(?-i:[a-z]{3,}ed))\b")
# Someone named by their role to the writer, then their deed: "my mentor ravi reviewed it".
_ROLE_DID = re.compile(r"\b(?:my|our|the|their)\s+(?:mentor|lead|manager|tl|tech lead|em|pm|"
                       r"teammate|colleague|boss|director|vp|skip-level|reviewer|buddy|peer|"
                       r"mentee|architect|designer|counterpart|on-call|oncall|sre)\s+"
                       r"(?:(?-i:[a-z]{2,})\s+)?" + _THEIR_DEED + r"|\b(?:[\w-]+\s+)?(?:mentor|lead|"
                       r"manager|tl|em|pm|director|vp|cto|architect|engineer|eng|sre|on-?call)"
                       r"\s*\(\s*(?-i:[A-Z][a-z]+)[^()]{0,20}\)\s+(?:(?:went|chose|picked|gave|"
                       r"told|asked)\b|" + _THEIR_DEED + ")|"
                       # "data platform (Arvid's team) built the pipeline": a group, whose it is
                       r"\b[\w-]+\s*\(\s*(?-i:[A-Z][a-z]+)['’]s\s+(?:team|squad|org|group|crew)\s*\)\s+"
                       + _THEIR_DEED, re.IGNORECASE)
# ("Eng director (Maren) went w/ option 2": a role, the name in brackets, then the deed)
# A group that opens the line, then its deed: "data-eng confirmed the Airflow DAG ran on time".
_GROUP_DID = re.compile(r"\W*(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:\w+-)?"
                        r"(?:team|teams|squad|org|folks|eng|engineering|ops|infra|sre|qa|legal|"
                        r"security|finance|support|dba|dbas|analysts?|leads?|manager|pm|"
                        r"designers?|vendor|partners?)\s+" + _THEIR_DEED, re.IGNORECASE)
_DOER = re.compile(rf"\b((?-i:{_NAME_WORD}))" r"(?:['’]s\s+team)?(?P<who>\s*\([^()]{1,30}\)|"
                   r",\s+(?:the|my|our|a|an|their)\s+[^,;:()]{1,30},|"
                   r"\s+(?:in|on|from)\s+(?:the\s+)?[a-z][\w-]+)?"  # "Hoang in billing re-ran"
                   r"\s+(?:\w+ly\s+|"
                   r"already\s+|also\s+|"
                   r"then\s+)?(?:re-?)?(?:had|has|did|built|wrote|ran|set|made|took|kept|sent|owns|runs|"
                   r"(?-i:[a-z]{3,}ed))\b")


# A feeling said in a word or two, no finding: "Stomach drop.", "Oof.", "Yikes!"
_EXCLAIMED = re.compile(r"(?:[A-Za-z'’-]+\s+){0,2}[A-Za-z'’-]+\s*!+|(?i:(?:\w+\s+){0,2}?(?:oof|ugh|"
                        r"yikes|wow|whoa|phew|oops|sigh|lol|stomach drop|heart sank|panic|"
                        r"great|nice|awesome|not fun|fun times)\W*)")


def _said_as_we(text: str) -> bool:
    """Whether a sentence tells something "we" did, or opens on "our": "our" after the
    subject only says whose thing it was ("every consumer thread parked on our Redis client"),
    which a step of the writer's can find."""
    plural = [word for word in plural_words(text) if word.lower() != "our"]
    return bool(plural) or re.match(r"\W*our\b", text, re.IGNORECASE) is not None


# Someone named by their role, then what they were doing: "primary on-call was handling a DB
# alarm", "my mentor (Dana) was on vacation": theirs, never what the writer's step found
_ROLE_SUBJECT = re.compile(r"(?:the |my |our |their |his |her )?(?:[\w-]+ ){0,2}(?:on-?call|mentor|"
                           r"manager|lead|pm|em|sre|vp|director|team|customer|customers|support|"
                           r"owner|owners|reviewer|reviewers|intern|engineer|engineers|secondary|"
                           r"primary)\b(?:\s*\([^()]{1,30}\))?\s+(?:was|were|had|is|are|did|didn['’]t|"
                           r"wasn['’]t|weren['’]t|kept|got)\b", re.IGNORECASE)


# A measure named, then its figure ("support tickets week of hard block: 212"): after a step
# that looked into nothing, what it came to, never what the step found
_NAMED_FIGURE = re.compile(r"[A-Za-z][\w /'’()-]{2,60}(?<!\d):\s*[^.;:]{0,30}?[~≈<>]?[$€£]?\d")  # not "at 6:05"
# The writer's own clause after a topic: "Nadia's ticket in Oct, I basically rewrote her
# migration": a step of theirs, never what an earlier step found
_MY_CLAUSE_AFTER = re.compile(r"[,;:]\s+I\s+(?:\w+ly\s+)?[a-z]")
# A line that opens on a label of a word or two: "so: keep raw 7 days hot", "my fault: ..."
_LEAD_LABEL = re.compile(r"[\w'’ -]{1,20}:\s")


# A stand-up's or ticket's own field on its own line ("Blockers: no access to the SFTP creds"),
# or the writer speaking ("me: complaints basically stopped"): never what the step on the line
# before found
_STATUS_FIELD = re.compile(r"\W*(?:blockers?|blocked on|impediments?|today|yesterday|tomorrow|"
                           r"status|risks?|fyi|eta|next up|waiting on|me)\s*:", re.IGNORECASE)


def _attach_findings(sentences: list[Sentence], people: frozenset[str] = frozenset(),
                     entries: frozenset[int] = frozenset(),
                     common: frozenset[str] = frozenset()) -> list[Sentence]:
    """What the writer found, said with the action that found it: "I pulled 3 months of pages:
    62% were non-actionable." A finding with no action before it is context, and so is what a
    person the notes introduced did ("Meera hears you out"), and so is a log's next entry
    ("v1.3: route = the 5 nearest low bikes")."""
    out: list[Sentence] = []
    reached: dict[int, int] = {}  # the last line joined to each step: findings run in a list
    plain = common - {name.lower() for name in people}  # "Error isn't constant", not "Meera"
    spoke = -1  # where the last sentence of someone else's was put: "I showed him the notebook.
    # He agreed to shadow. / shadow results: ..." is no longer what the step found
    for s in sentences:
        if s.section != "finding":
            if s.person == "other" and _theirs(s.text, people):
                spoke = len(out)
            out.append(s)
            continue
        at = next((i for i in range(len(out) - 1, -1, -1)
                   if out[i].section == "action" and out[i].person == "I"), -1)
        head = out[at] if at >= 0 else None
        # (only right after the step: "- wrote the page / - privately asked the reviewers ...;
        # they were fine with it": their answer is not what the page found)
        too_long = False  # (set in the test below, once it gets that far)
        # "~55% were noise: disk alerts ...": a finding with a colon of its own is said apart
        # from its step, never as a second colon after it
        colon = re.search(r":(?!\d)", s.text) is not None
        # "I read all 47 and diffed them. they differed in ~5 things": after a look into
        # something, "they" are the things looked at, not people acting
        things = head is not None and s.line == head.line and _LOOKED.match(head.text) is not None \
            and _THINGS_LOOKED_AT.match(s.text) is not None
        if head is None or not 0 <= s.line - reached.get(at, head.line) <= 1 or spoke > at \
                or any(o.section != "finding" and o.line == s.line for o in out[at + 1:]) \
                or _MY_CLAUSE_AFTER.search(s.text) or s.text[:1] in "\"“'‘" \
                or head.text.startswith(PART_SAID) \
                or _said_as_we(s.text) \
                or (s.line in entries and s.line != head.line) \
                or (_NAMED_FIGURE.match(s.text) and not _LOOKED.match(head.text)) \
                or ("step-label" in s.cues and s.line != head.line) \
                or (_STATUS_FIELD.match(s.source) or _STATUS_FIELD.match(s.text)) \
                and s.line != head.line \
                or _THIRD_PERSON.match(s.text) or _OTHERS_LABEL.match(s.text) \
                or _OTHERS_LABEL.match(s.source) or _pair_acts(s.text) \
                or (s.text.split() or [""])[0].strip(",.:;") in people \
                or " said: " in s.text or _SOMEONE_SAID.match(s.text) or _UNNAMED.match(s.text) \
                or (other_actor(s.text, _opened(s.text)) and not things) \
                or _NOT_ME.search(s.text) or _UPSTREAM_DID.search(s.text) \
                or _THEIR_WORK.search(s.text) or _BY_OTHERS.search(s.text) \
                or re.match(r"(?:was|were)\s", s.text, re.IGNORECASE) \
                or (s.line != head.line and s.source.rstrip().endswith(":")
                    and not head.source.rstrip().endswith(":")
                    and not _WHAT_IT_SHOWED.search(s.source)) \
                or _LEFT_TO.search(s.text) or _STATUS_LINE.match(s.text) \
                or holds_their_clause(s.text) \
                or re.match(r"My (?:first |main |actual |real )?(?:project|task|job|role|ticket|"
                            r"goal|ask)\b", s.text) \
                or s.topic or _EXCLAIMED.fullmatch(s.text.strip()) or _THEIR_TAKE.match(s.text) \
                or _speaker(s.text) or _DASH_SPEAKER.match(s.text) \
                or _SPEAKERS.match(s.source) or _names_a_doer(s.text, people, plain) \
                or (s.line != head.line and (has_verb(s.text.split()[:1]) or (
                    s.text.split() or [""])[0].lower() in known_bases())) \
                or gives_credit(s.text) \
                or asked_someone(head.text) or (_DONE_TO.match(s.text) and not s.figures) \
                or PLANNED.match(head.text) \
                or _CONTRAST.match(s.text) or _WAS_THEIRS.search(s.text) \
                or said_doing(s.text) or said_apart(s.text) \
                or (_ACTOR.match(s.text) and not things) \
                or _OUTCOME.search(_IN_BRACKETS.sub("", s.text)) or _LATER.match(s.text) \
                or _ROLE_SUBJECT.match(s.text) or s.text.startswith("@") \
                or METRIC_MOVED.match(s.text) or _group_did(s.text, plain=True) \
                or _group_did(re.sub(r"^[\w -]{1,20}:\s+", "", s.text)) \
                or (_COMPLETED.match(head.text) and any(
                    not _CLOCK_FIGURE.fullmatch(f.text) for f in s.figures)) \
                or (too_long := len(head.text.split()) + len(s.text.split()) > _FINDING_WORDS) \
                and not (_LOOKED.match(head.text) and s.line == head.line) \
                or (opens_on_clock(s.source) and s.line != head.line) or _DAY_OPENS.match(s.source):
            # not said with an action: a measured outcome once the writer acted, else context;
            # a log line between steps is what was seen, unless it says things got better
            measured = [] if opens_on_clock(s.source) else [
                f for f in s.figures if not _CLOCK_FIGURE.fullmatch(f.text)]
            # after a look into something ("I pulled the pager data"), what follows is what it
            # showed; "had been primary for months" is how things were before
            late = head is not None and not _LOOKED.match(head.text) \
                and not _before_then(s.text) and (measured or _OUTCOME.search(s.text)
                                                          or METRIC_MOVED.match(s.text))
            if _theirs(s.text, people):
                spoke = len(out)
            out.append(_with(s, section="result" if late else "situation"))
            continue
        if too_long or (colon and _LOOKED.match(head.text)):
            # "I pulled 400 traces and wrote a script to bucket them ... Roughly 70% of them
            # were stuck on a lock ...": too long to say as one (or with a colon of its own),
            # what the look found
            if _LEAD_LABEL.match(s.text) or not has_verb(s.text.split()):
                # "so: keep raw 7 days hot", "a real rounding bug": no clause to say as found
                out.append(_with(s, section="situation"))
                continue
            found = f"I found that {lower_lead(s.text, plain)}"
            out.append(_with(s, text=found, person="I", section="action"))
            reached[at] = s.line
            continue
        joiner = "; " if re.search(r":(?!\d)", head.text) else ": "  # not "At 03:05"
        if head.text.endswith(":"):  # "... systrace: main culprits:" names the list that follows
            joiner = " "
        elif colon:  # "I opened Crashlytics; single top crash: NPE in ...": never a second
            joiner = "; "  # colon after the step's own
        head = _with(head, text=_TRAILING_JOIN.sub("", head.text))  # "... counter and: it"
        lead = s.text.split()[0] if s.text.split() else ""
        named = _LIST_LABEL.match(s.source)
        named = named if named and not _fold_start(s.text, named.group(1)) else None
        lower = lead.lower() in _COMMON_STARTS or s.source[named.end() if named else 0:][:1] \
            .islower()
        lower = lower or lower_lead(s.text, plain) != s.text  # "; if the", ": real ETA was"
        tail = s.text[:1].lower() + s.text[1:] if lower else s.text
        if colon and joiner == "; " and re.fullmatch(r"(?-i:[A-Z][a-z]+)", lead.strip(",.:;")) \
                and lead.strip(",.:;") not in people:
            tail = s.text[:1].lower() + s.text[1:]  # "; single top crash: ..."
        aside = re.fullmatch(r"\((.+?)[.!]?\)\.?", s.text.strip())
        if aside:  # "I deleted the gist. (Know that doesn't undo anything.)": its aside
            joiner, tail = " ", f"({aside.group(1)[:1].lower()}{aside.group(1)[1:]})"
        if named:
            # "wrote the postmortem. Action items: a secret hook, sync job defaults to private":
            # the list keeps its name, so its items are not said as the writer's own steps
            joiner, tail = ". ", f"{named.group(1)}: {tail}"
        if s.source.rstrip().endswith(":") and len(s.text.split()) <= 4 and not named:
            # "... systrace, main culprits: tile loading; ...": the name of the list after it
            tail, joiner = tail.rstrip(".!?") + ":", ", " if joiner == ": " else joiner
        if joiner == ": " and re.match(r"(?:and|but|or)\s", tail):
            joiner = ", "  # "... 6x the rate, and backers mostly dispute ...": the step goes on
        said = f"{head.text.rstrip('.!?')} {tail}." if aside \
            else (head.text if joiner == " " else head.text.rstrip(".!?")) + joiner + tail
        out[at] = _joined(head, s, said, head.source + " " + s.source)
        if _I_CHECKED.match(out[at].text) and out[at].line == head.line:
            out[at] = _with(out[at], section="result")  # "I ran the loop again: 0 failures"
        reached[at] = s.line
    return out


# A word that opens a clause before its subject: "When she caught ...", "And then Sam ...".
_OPENER = re.compile(r"(?:(?:when|after|once|then|and|but|so|until|while|because)\s+)*",
                     re.IGNORECASE)
def _opened(text: str) -> int:
    """Where a clause's subject starts, after its openers ("When she caught ..." -> "she")."""
    match = _OPENER.match(text)
    return match.end() if match else 0


# "Others: mobile team (Kenji) built the new screen": a list of what the others did
# "platform SREs added the schema check", "Kasia from the platform team set up autoscaling":
# a group of people (or someone in one) and their deed, not what the writer's step found
_GROUP_WORD = (r"(?:teams?|SREs?|ops|folks|people|eng|engineers|engineering|devs|squad|crew|"
               r"on-?call|managers?|mgrs?|leads?|PMs?|EMs?|finance|legal|security|HR|leadership|"
               r"execs|interns?|QA|services?|vendors?|partners?|providers?|upstream|board|"
               r"committee|council|panel|CAB)")
# ("the bank's ops team signed it": the group is every group word in a row, then its verb;
# "ETA/ML team (Sun-hee) retrained it", "search+ads team": a group named by two)
# Someone else's view, by its owner: "Platform team's first guess was a flaky runner"
_THEIR_TAKE = re.compile(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:" + _GROUP_WORD + r"|org|"
                         r"(?-i:[A-Z][a-z]+))['’]s\s+(?:first\s+|initial\s+|own\s+)?(?:guess|theory|"
                         r"idea|take|view|plan|call|suggestion|proposal|answer|reply|response|hunch|"
                         r"position|read|assumption)\b", re.IGNORECASE)
_GROUP_DOER = re.compile(r"(?:[\w'’/&+-]+\s+){0,4}?" + _GROUP_WORD + r"(?:\s+" + _GROUP_WORD
                         + r")*(?:\s*\([^()]{1,30}\))?\s+(?:\w+ly\s+)?(\w+)\b", re.IGNORECASE)


def _theirs(text: str, people: frozenset[str]) -> bool:
    """A sentence that opens on someone else and their deed ("The DS team retrained it", "Kenji
    wrote the fix", a person the notes name); an answer ("she said ok") leaves the writer going
    on, and "Dashboard matched raw" names no one."""
    match = _PERSON_OPENS.match(text.strip())
    if match is not None and _person_opens(text):
        return match.group("name") is None or match.group("name") in people
    return _group_did(text)


def _group_did(text: str, *, plain: bool = False) -> bool:
    """A group and its deed ("the platform team added the check", "partner engineering builds
    the SDK"); with ``plain``, also a verb in its plain form ("Mobile team (Kenji) change the
    app"), as people writing in a second language often say it."""
    match = _GROUP_DOER.match(text)
    if match is None:
        return False
    verb = match.group(1).lower()
    lexicon = kb.lexicon()
    if plain and verb not in lexicon.function_words and not verb.endswith(("ing", "ly")) and (
            verb in lexicon.base_past or verb in lexicon.irregular_base
            or text[match.end():].split()[:1] in (["the"], ["a"], ["an"], ["our"], ["their"],
                                                  ["its"], ["it"], ["them"])):
        return True
    if verb in ("went", "sided", "stuck") and text[match.end():].split()[:1] == ["with"]:
        return True  # "arch board went with my recommendation": their choice
    if verb in lexicon.linking_verbs or verb in ("had", "got", "felt", "needed", "used",
                                                 "has", "gets", "feels", "needs", "uses"):
        return False  # "the team was stretched", "the team had no runbook": how things were
    return past_word(verb) or verb in SAME_IN_PAST or (  # "partner engineering builds the SDK"
        len(verb) > 3 and verb.endswith("s") and not verb.endswith(("ss", "us", "is"))
        and verb not in lexicon.function_words)


_OTHERS_LABEL = re.compile(r"(?:others?|them|the team|team|teammates?|everyone else|the rest|"
                           r"rest of (?:the )?team|their (?:bits?|part|side)|theirs|not me)\s*:",
                           re.IGNORECASE)
# "he was right": about someone else, not what the writer's step found
_THIRD_PERSON = re.compile(r"(?:he|she|they) (?:was|were) (?:right|correct|spot on)\b", re.IGNORECASE)
# "clinical safety (Dr. Aston's group) did the review, not me": someone else's, said so
_NOT_ME = re.compile(r"\bnot (?:me|mine|by me|my (?:call|doing|work|idea))\b|"
                    r"\((?:their|his|her)\s+(?:own\s+)?(?:work|part|change|call|doing|fix|code|pr|"
                    r"idea)\)|\(theirs\)|"  # "each team integrated it (their work)"
                    r"\A\W*(?:their|his|her) [\w-]+, (?:their|his|her) |"  # "their changes, their deploys"
                    # "payments bugs I didnt touch, those went to Deepak's team": left to others
                    r"\bI (?:didn['’]?t|did not|never) (?:touch|own|fix|build|write|handle|work on)\b|"
                    r"\b(?:went|passed|handed|routed|reassigned) (?:over |off )?to (?:(?-i:[A-Z])"
                    r"[\w-]+['’]s|the|their|another) (?:[\w-]+ )?team\b", re.IGNORECASE)
# A list named by what a look found ("what the flame graphs showed:", "findings:"): the look's
# own; any other list named on the line after a step ("alert grouping model, the ML bit:") is
# a topic of its own, never a part of that step
_WHAT_IT_SHOWED = re.compile(r"\b(?:show(?:s|ed)?|found|find|findings?|said|says|told|reveal(?:s|ed)?|"
                             r"turned up|came back|results?|saw|see|breakdown|numbers|data)\b",
                             re.IGNORECASE)
# "the tooling change was built by dev-productivity": someone else's deed, said in the passive
_BY_OTHERS = re.compile(r"\b(?:was|were|got)\s+(?:\w+\s+)?(?:approved|signed off|built|done|written|"
                        r"reviewed|implemented|shipped|deployed|merged|made|fixed|owned|run|"
                        r"handled|led) by (?!me\b|myself\b|us\b|hand\b)", re.IGNORECASE)
# "upstream feature store had a schema change that morning": another team's change
_UPSTREAM_DID = re.compile(r"\bupstream\s+(?:[\w-]+\s+){0,3}?(?:had|changed|shipped|deployed|pushed|merged|"
                           r"renamed|dropped|made|broke|rolled|released|migrated)\b", re.IGNORECASE)
_THINGS_LOOKED_AT = re.compile(r"(?:they|these|those|all of them|most of them|most)\s+(?:all\s+)?"
                               r"(?!said|told|agreed|replied|asked|wanted|thought|felt|pushed|"
                               r"liked|hated|loved|argued|were (?:right|fine|ok|happy|upset))"
                               r"(?:[a-z]+ed|were|had|used|shared|ran|hit|came|went|all|are|have|"
                               r"cluster|show|come|go|fail|spike|happen|match|differ|share|use)\b",
                               re.IGNORECASE)
_TRAILING_JOIN = re.compile(r"[\s,]+(?:and|but|so|and then)[.!?]?$", re.IGNORECASE)
# Someone's words in a pasted thread: "Lena: legacy path means the app team rebuilds it".
_SPEAKER = re.compile(r"^(?-i:[A-Z][a-zà-öø-ÿ]+):\s")
# "Priya + EM: read it, decided on DynamoDB": more than one speaker, and what they said or did
_SPEAKERS = re.compile(r"^(?-i:[A-Z][\w-]+)(?:\s*(?:\+|&|,|and)\s*(?-i:[A-Z][\w-]+))+:\s")
# Someone's part of a stand-up log: "Ana - refunds issued manually", "Karen + Jun - want ..."
_DASH_SPEAKER = re.compile(r"^(?-i:[A-Z][a-zà-öø-ÿ]+)(?:\s*\([^()]{1,20}\))?"
                           r"(?:\s*(?:\+|&|,|and)\s*(?-i:[A-Z][a-zà-öø-ÿ]+))*\s+[-–—]\s+\S")
def _speaker(text: str) -> bool:
    """Whether a line opens on who said it ("Lena: ..."), not on a label ("Proposed: ...")."""
    match = _SPEAKER.match(text)
    if match is None:
        return False
    word = match.group(0).rstrip(": ").lower()
    return not word.endswith(("ed", "ing", "s")) and word not in kb.section_headings() \
        and word not in kb.lexicon().function_words and word not in _LABEL_WORDS


_LABEL_WORDS = frozenset({"note", "update", "plan", "idea", "why", "how", "fix", "decision",
                          "context", "problem", "outcome", "result", "status", "ask", "goal",
                          "risk", "impact", "lesson", "summary", "tldr", "edit", "ps", "nb",
                          "todo", "then", "now", "later", "before", "after", "also", "options",
                          "option", "constraint", "owner", "me", "eta", "scope", "root", "cause"})
_LIST_LABEL = re.compile(r"^[-*•+\s]*((?-i:[A-Z])[\w /-]{2,24}):\s", re.IGNORECASE)


def _fold_start(text: str, label: str) -> bool:
    return text.lower().startswith(label.lower())


def is_setting_change(phrase: Phrase, deltas: int, text: str) -> bool:
    """An action that changes a setting or stages a roll-out ("lowered batch size 500 -> 100",
    "ramped 5% -> 50% -> 100%"): the writer's step, not the outcome."""
    words = phrase.text.split()
    if phrase.person != "I" or len(words) < 2 or words[0] != "I":
        return False
    lexicon = kb.lexicon()
    verb = words[1].lower().rstrip(":,;")  # "I changed: batch size 500 -> 100"
    staged = len(re.findall(r"->|-->|→|=>", text)) >= 2
    before = re.split(r"\bfrom\b|\d", phrase.text, maxsplit=1)[0].lower()
    named = any(noun in before.split() for noun in lexicon.setting_nouns)
    return bool(deltas) and (verb in lexicon.setting_verbs or staged
                             or (verb.endswith("ed") and named))


# The writer's role, said anywhere in the notes: "Principal eng for the logistics side (4 teams
# under me)", "I was the senior dev on a team of 5". Where it sits says nothing of its card.
_ROLE_SAID = re.compile(r"(?:I was|I['’]m|I am|as)?\s*(?:the |a |an )?(?:(?:senior|sr\.?|junior|jr\.?|"
                        r"staff|principal|mid-level|mid|new[- ]grad|grad|entry-level|lead)\s+)+"
                        r"(?:(?:software|backend|frontend|front-end|back-end|mobile|data|platform|"
                        r"ml|android|ios|web|full-?stack)\s+)?(?:eng|engineer|dev|developer|sde|"
                        r"swe|ic)\b(?:[,\s]+(?:for|on|in|at|of|over|with|~?\d)\b|\s*[,(]|\.?$)",
                        re.IGNORECASE)


# The writer saying what is and is not theirs: "I don't manage anyone", "I didn't manage any of
# them", "I wasn't anyone's manager", "I sit on the eng leadership staff", "I set architecture
# direction for the org but I don't own those services": the scope the work sat in, not a step
_SCOPE_SAID = re.compile(r"(?:but |and |so )?I (?:(?:don['’]t|do not) (?:manage|own|run|lead|have)\b|"
                         r"(?:didn['’]?t|did not) (?:manage|own|run|lead)\b|"
                         r"(?:(?:didn['’]?t|did not) have|had no) (?:any )?(?:direct )?(?:reports|"
                         r"authority|headcount|team)\b|"
                         r"(?:wasn['’]?t|was not) (?:anyone['’]s|their|the) (?:manager|lead|owner|boss)\b|"
                         r"sit on (?:the |a |an )?|(?:manage|lead|run) (?:a |the )?(?:team|group|org)\b|"
                         r"set (?:the )?(?:[\w-]+ )?direction\b|"
                         # "I didn't control headcount", "I could only change the app side", "I
                         # was only supposed to clean up the parsing": where the writer's part ended
                         r"(?:didn['’]?t|did not) (?:control|decide on|get to decide)\b|"
                         r"could only (?:change|touch|fix|work on|own)\b|"
                         r"was only (?:supposed|meant|asked|there) to\b)"
                         # "the rotation and the alert rules are ours", "my actual ticket was the
                         # reprint button": what was the writer's (or their team's), said of it
                         r"|(?:the |our |my )?(?!(?:[\w/+-]+ )*?(?:so|but|because|it|that|this|"
                         r"which|who|when|if|they|he|she|we|I)\b)[\w/+-]+(?: [\w/+-]+){0,4} "
                         r"(?:is|are|was|were) (?:ours|mine)(?: (?:end to end|alone|since \w+))?"
                         r"(?:\s*[,;(—-].*)?[.!]?$"
                         r"|my (?:actual|real|main|only|official) (?:ticket|task|job|project|"
                         r"assignment|ask|role)(?: there| here)? ?(?:was|is|:)"
                         # "Checkout and payments belong to Diego", "gateway is owned by
                         # platform-net", "carrier-gateway is NOT ours", "fixing the relationship
                         # with site ops is on me": whose each part was
                         r"|(?:the |our |my )?(?!(?:[\w/+-]+ )*?(?:so|but|because|it|that|this|"
                         r"which|who|when|if|they|he|she|we|I)\b)[\w/+&-]+(?: [\w/+&-]+){0,6} "
                         r"(?:belongs? to|(?:is|are|was|were) (?:owned|run|maintained) by|"
                         r"(?:is|are|was|were) (?:not|never) (?:ours|mine|my team['’]s|our team['’]s)|"
                         r"(?:is|was) on me\b)"
                         r"|my ask (?:from [^,.;:]{1,30} )?(?:was|is)\b"  # "my ask from the CTO was ..."
                         r"|I was (?:explicit|clear) (?:that|with \w+ that) I (?:would|will|wouldn['’]t)\b",
                         re.IGNORECASE)


# "I could only change the app side", "my actual ticket was the reprint button": where the
# writer's part began and ended, never a lesson or an outcome
_ONLY_MINE = re.compile(r"I (?:could only|was only (?:supposed|meant|asked|there) to)\b|"
                        r"my (?:actual|real|main|only|official) (?:ticket|task|job|project|"
                        r"assignment) (?:was|is)\b", re.IGNORECASE)


def _promote_results(sentences: list[Sentence]) -> list[Sentence]:
    """With no figure in the result, an action's before -> after pair is the result."""
    if any(s.section == "result" and s.figures for s in sentences):
        return sentences
    movable = [s for s in sentences if s.section in ("action", "situation") and s.deltas
               and "setting" not in s.tags
               and not (s.section == "situation" and _got_worse(s))]  # the problem stays
    actions = [s for s in sentences if s.section == "action" and s.person == "I"]
    if not movable or (len(actions) <= len([s for s in movable if s in actions])):
        return sentences
    return [_with(s, section="result") if s in movable else s for s in sentences]


# The writer correcting what they just wrote: "No wait, 99.5%", "Actually closer to 3 weeks, it
# was filed before the holiday", "Wait, no, that was all screens"
_CORRECTION = re.compile(r"\W*(?:no,?\s+wait|wait,?\s+no|actually|correction|scratch that|"
                         r"sorry|i mean|or rather)\b[\s,:;.!-]*", re.IGNORECASE)
_CORRECTED_TO = re.compile(r"(?:it was |it's |more like |closer to |nearer |about |around |~)?",
                           re.IGNORECASE)


# "Lucinda's team ran it", "Priya did that": who did the step just named
_RAN_IT = re.compile(r"\s+(?:\w+ly\s+)?(?P<verb>ran|did|handled|led|drove|executed|took care of)"
                     r"\s+(?:it|that|this|the whole thing)"
                     r"(?:\s+(?:end to end|themselves|solo|alone))?(?:\s*[,.;:)]|\s*$)", re.IGNORECASE)
# A step that made a thing others then ran ("wrote the codemod; service teams ran it")
_MADE_THING = re.compile(r"\W*(?:wrote|built|created|made|added|set up|put together|scripted|"
                         r"shipped|released|published)\b", re.IGNORECASE)


def _done_by_them(sentences: list[Sentence]) -> list[Sentence]:
    """A step the notes give no doer ("cut over the claims portal, the final holdout"), then
    someone else named as its doer on the same line ("Lucinda's team ran it"): theirs, said as
    the notes say it, never the writer's "I cut over ..."."""
    out = list(sentences)
    for at in range(len(out) - 1):
        mine, then = out[at], out[at + 1]
        if mine.person != "I" or then.line != mine.line \
                or re.search(r"\b(?:I|I['’]\w+|me|my|myself)\b", mine.source):
            continue
        doer = other_actor(then.text)
        ran = _RAN_IT.match(then.text, doer.end()) if doer is not None else None
        if ran and not (ran.group("verb").lower() == "ran" and _MADE_THING.match(mine.source)):
            # (not "wrote the codemod; service teams ran it": what they ran was the thing made)
            out[at] = _with(mine, text=_as_written(mine.source), person="other")
    return out


def _corrected(sentences: list[Sentence], dropped: list[Dropped]) -> list[Sentence]:
    """The notes as the writer meant them: a figure corrected in the next sentence ("took 2
    days. Actually 3 days, I spent the first day on the wrong image") is said as corrected
    ("took 3 days", then "I spent the first day ..."), and the words that correct ("No wait,")
    are no part of any sentence."""
    out: list[Sentence] = []
    for s in sentences:
        mark = _CORRECTION.match(s.source)
        if mark is None or not out or mark.end() >= len(s.source):
            out.append(s)
            continue
        rest = s.source[mark.end():]
        lead = _CORRECTED_TO.match(rest)
        figures = find_figures(rest)
        first = figures[0] if figures else None
        at = rest.find(first.text) if first else -1
        before = out[-1]
        same = [f for f in before.figures if first and f.unit == first.unit and f.text != first.text]
        if first and at == (lead.end() if lead else 0) and same \
                and re.match(r"\s*(?:[,;.!]|$)", rest[at + len(first.text):]):
            # the figure it corrects, said with the corrected one in its place
            out[-1] = _retold(before, before.text.replace(same[-1].text, first.text, 1),
                              before.source.replace(same[-1].text, first.text, 1))
            tail = re.split(r"[,;]\s+", rest[at + len(first.text):], maxsplit=1)
            after = tail[1].strip() if len(tail) > 1 else ""
            if after and re.match(r"I\s+[a-z]", after) and "." not in after.rstrip(". "):
                out.append(_retold(s, after, after))
            else:
                dropped.append(Dropped(s.line, s.source, "a figure corrected in the line before"))
            continue
        if figures or not re.match(r"(?:that|it|this)\s+(?:was|is)\b", rest, re.IGNORECASE):
            out.append(s)
            continue
        out.append(_retold(s, rest, rest))  # "Wait, no, that was all screens": what it says
    return out


def _retold(sentence: Sentence, said: str, source: str) -> Sentence:
    """``sentence`` with new words: ``said`` opened with a capital and closed with a stop, its
    figures read again from ``source``."""
    said = said[:1].upper() + said[1:]
    return _with(sentence, text=said if said.endswith((".", "!", "?")) else said + ".",
                 source=source, figures=tuple(find_figures(source)),
                 deltas=tuple(find_deltas(source)))


def _with(sentence: Sentence, **changes: Any) -> Sentence:
    return replace(sentence, **changes)


def _teams(sentences: list[Sentence]) -> list[str]:
    names: list[str] = []
    written = " ".join(s.source for s in sentences)
    for s in sentences:
        for match in _TEAM.finditer(s.source):  # as written: not a capital the drafter added
            words = [w for w in match.group(1).split() if w.lower() not in _DETERMINERS]
            if words and (past_word(words[0]) or words[0].lower() in kb.lexicon().function_words):
                continue  # "Went team by team": a step, not the Went team
            name = " ".join(w for w in words if w[:1].isupper())
            if re.search(rf"\b{re.escape(name.lower())} teams?\b", written):
                continue  # "Worst team 25+ -> 6" opens a line; "the 3 worst teams" is no name
            if name and name not in ("My", "Our", "The") and name not in names:
                names.append(name)
    return names


_OWNED = r"team|teams|svc|service|services|api|apis|on-?call|folks|side|eng|repo|lead|oncall"


def _proper_case(sentence: Sentence, teams: list[str]) -> Sentence:
    """A team's name typed in lower case said as the notes name the team ("pulled logs from
    platform svc" after "the Platform team"), where the name is a thing's or a team's: "ran it
    against historic sailings" after "the Sailings team" keeps its word."""
    text = sentence.text
    for team in teams:
        text = re.sub(rf"\b{re.escape(team.lower())}(?=\s+(?:{_OWNED}))", team, text)
    return sentence if text == sentence.text else _with(sentence, text=text)


def _scope_cues(sentences: list[Sentence]) -> list[str]:
    pattern = kb.phrase_pattern(kb.tags().scope)
    found: list[str] = []
    for s in sentences:
        for match in pattern.finditer(s.text):
            if match.group(0).lower() not in (f.lower() for f in found):
                found.append(match.group(0))
    return found


def _systems(text: str) -> list[str]:
    found: list[str] = []
    for match in _SYSTEM.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        name = " ".join(words)
        if len(words) > 1 and name.lower() not in (f.lower() for f in found):
            found.append(name)
    for match in _ACRONYM.finditer(text):
        if match.group(1) not in found and match.group(1) not in ("I", "SDE"):
            found.append(match.group(1))
    return found


def _people(text: str, teams: list[str]) -> list[str]:
    found: list[str] = []
    for match in _ROLE.finditer(text):
        role = " ".join(match.group(0).lower().split())
        if role not in found:
            found.append(role)
    for match in _NAME.finditer(text):
        name = match.group(1)
        if name not in NOT_NAMES and name not in teams and name not in found:
            found.append(name)
    return found


# How much the cue phrases add to the word model's probability: the cue score of each principle
# over the highest one, times this. Enough to settle a close call, never to outvote a clear one;
# chosen by 5-fold cross-validation on tests/eval (0.05: 0.877 of notes right, 0.2: 0.900).
_CUE_WEIGHT = 0.2


def _weighed(probabilities: dict[str, float], scores: Mapping[str, float],
             weight: float) -> dict[str, float]:
    """A word model's probabilities, each raised by ``weight`` times its rule score over the
    highest rule score."""
    top = max(scores.values(), default=0.0) or 1.0
    return {name: p + weight * scores.get(name, 0.0) / top for name, p in probabilities.items()}


def _principle(meta: dict[str, str], scores: dict[str, float], best: str, judged: str) \
        -> tuple[str, str]:
    """The principle from the front matter, else the one the notes' words read as: the word
    model's probability with the cue phrases' scores (whose ``best`` stands without a model) as
    a tie-breaker."""
    if "principle" in meta:
        return meta["principle"], "front matter"
    model = wordmodel.load("principle")
    if model is None or not model.knows(judged):
        return (best, "cue words") if scores else (DEFAULT_PRINCIPLE, "default")
    weighed = _weighed(model.probabilities(judged), scores, _CUE_WEIGHT)
    return max(PRINCIPLES, key=lambda p: (weighed.get(p, 0.0), -PRINCIPLES.index(p))), \
        "the notes' words"


_HEADING_ASIDE = re.compile(r"\(([^()]{3,80})\)")
_REACH_WEIGHT = 0.25  # what the reach of the work adds to the word model's level probability
_MARGIN = 0.1  # how much more likely than SDE2 (the level of most stories) another level must be
# Words of notes the level model reads: it learnt from notes of 120 to 450 words, and a few
# lines say too little about the writer's reach for their words to tell it.
_MODEL_WORDS = 80


def _new_to_it(reach: Mapping[str, float]) -> bool:
    """Whether the writer says they are new ("still new", "my first real investigation",
    "a ticket assigned to me by my lead") and nothing they did reached beyond their team: all
    but a statement of the level, which no word count outweighs."""
    return level_by_reach(reach) == "SDE1" and not reach.get("Senior SDE") \
        and not reach.get("Principal SDE")


def level_features(judged: str, reach: Mapping[str, float]) -> list[str]:
    """What the level model weighs: the words and word pairs the notes are judged by, and how
    far the reach of the work points at each level ("@reach:Senior SDE:2" for a score of 2 to
    4, with the features of the lower steps), so the model learns what reach is worth."""
    out = wordmodel.features(judged)
    for name, score in sorted(reach.items()):
        steps = sum(score >= step for step in _REACH_STEPS)
        out += [f"@reach:{name}:{step}" for step in range(1, steps + 1)]
    return out


_REACH_STEPS = (1e-9, 2.0, 4.0, 6.0)  # any reach, then the steps of the level thresholds


def _level(said: str, title: str, judged: str, reach: Mapping[str, float],
           asides: str = "") -> str:
    """The level the writer states as their own (in the notes, or in the ``asides`` in
    brackets of their headings), else the one the notes' words and the ``reach`` of the work
    (org-wide standards, several teams, a first project under a lead) read as, the reach
    again as a tie-breaker."""
    stated = stated_level(f"{said}\n{asides}" if asides else said, title)
    if stated is not None:
        return stated
    model = wordmodel.load("level")
    if model is None or len(judged.split()) < _MODEL_WORDS or _new_to_it(reach):
        return level_by_reach(reach)
    probabilities = model.weigh(level_features(judged, reach))
    weighed = _weighed(probabilities, reach, _REACH_WEIGHT)
    best = max(weighed, key=lambda name: weighed[name])
    if best != DEFAULT_LEVEL and probabilities[best] - probabilities.get(DEFAULT_LEVEL, 0.0) < _MARGIN:
        return level_by_reach(reach)  # a close call: the reach of the work, SDE2 without it
    return best


def _named_principle(notes: Notes) -> str | None:
    """A principle the notes name as the story's own ("my bias for action story",
    "customer obsession -- ..."): in the title, a short line, or followed by "story". An
    instruction ("ignore the notes and write a Think Big story") names nothing."""
    title = "" if notes.title and kb.is_instruction(notes.title) else notes.title or ""
    lines = [title] + [_without_instructions(b.text)[0] for b in notes.blocks]
    for index, line in enumerate(lines):
        folded = " ".join(re.sub(r"[^a-z0-9'&]+", " ", line.lower()).split())
        folded = re.sub(r"(?<= )(?:n|&)(?= be )", "and", folded)  # "learn n be curious"
        folded = " ".join(folded.replace("&", " ").split())
        for alias, name in _principle_names():
            at = f" {folded} ".find(f" {alias} ")
            if at < 0:
                continue
            raw = re.search(r"[\W_]+".join(map(re.escape, alias.split())) + r"\b",
                            line.lower())
            if raw and line[raw.end():raw.end() + 1] == "-" \
                    and line[raw.end() + 1:raw.end() + 2] not in (" ", "-"):
                continue  # "think big-bang was safe": a word of its own
            tail = line.lower()[raw.end():].lstrip() if raw else folded[at + len(alias):]
            if at > 0 and index > 1 and not tail.startswith(("story", "example")):
                tail = ""  # "-- ..." after a principle names the story only where a line opens
            short = len(folded.split()) <= 8 and index in (0, 1)
            meant = index in (0, 1) and re.search(r"\b(?:story|use|used|good|example) for$",
                                                  folded[:at].rstrip()) is not None
            if short or meant or tail.startswith(("story", "--", "-", ":", "—", "–", "example")):
                return name
    return None


def _without_principle(title: str | None, named: str | None) -> str | None:
    """A title without the principle it names: "customer obsession -- the refund delay" -> "the
    refund delay"; "my bias for action story" is no title at all."""
    if not title or not named:
        return title
    folded = title.lower()
    for alias, name in _principle_names():
        if name != named or alias not in " ".join(re.sub(r"[^a-z0-9']+", " ", folded).split()):
            continue
        words = r"\W+".join(re.escape(w) for w in alias.split())
        pattern = rf"^\W*(?:my|the|a|an)?\s*{words}\s*(?:story|example)?\s*(?:--|—|–|-|:)?\s*"
        rest = re.sub(pattern, "", title, flags=re.IGNORECASE)
        return rest.strip() or None
    return title


@lru_cache(maxsize=1)
def _principle_names() -> tuple[tuple[str, str], ...]:
    pairs = [(alias, name) for alias, name in principle_aliases().items()
             if len(alias.split()) >= 2 or alias in ("ownership", "frugality")]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def stem_of(path: str) -> str:
    """The notes file name without its extension."""
    name = re.split(r"[\\/]", path)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def slug_for(text: str) -> str:
    """A story id: lower case letters and digits joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "story"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
