"""Extraction: the facts a story may use, taken from the notes and nothing else.

``extract_facts(notes)`` classifies each note sentence into situation, task, action, result,
reflection (or ``detail``: a why/how explanation kept for the probes), records who its
subject is, and collects figures, before -> after pairs, scope cues and named entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from storygen.core.figures import Delta, find_deltas
from storygen.core.numbers import MONEY, Figure, find_figures
from storygen.core.text import split_sentences
from storygen.drafting.extract.phrasing import Phrase, clauses, rewrite
from storygen.story import kb
from storygen.story.notes import Notes
from storygen.story.principles import PRINCIPLES, UnknownNameError, canonical_level, principle_aliases

DEFAULT_PRINCIPLE = "Ownership"
DEFAULT_LEVEL = "SDE2"
_SITUATION_VERBS = frozenset({"noticed", "saw", "was", "were", "had", "joined", "inherited",
                              "spotted", "heard", "worked", "realized", "realised", "am", "knew"})
_TEAM = re.compile(r"\b((?:[A-Z][\w&-]*\s+){1,3})[Tt]eam\b")
_SYSTEM = re.compile(r"\b((?:[a-z][\w-]*\s+){0,2}(?:service|queue|pipeline|database|cluster|job|"
                     r"api|endpoint|dashboard|template|library|cache|scheduler|worker|gateway|"
                     r"script|tool))\b")
_ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")
_ROLE = re.compile(r"\b((?:their|my|our|the)\s+)?(tech lead|team lead|manager|product manager|"
                   r"director|vp|cto|pm|sre|on-call engineer|designer|intern|architect|"
                   r"principal engineer|staff engineer)\b", re.IGNORECASE)
_NAME = re.compile(r"\b(?:with|to|and|asked|told|helped|by)\s+([A-Z][a-z]{2,})\b")
_LEVEL = re.compile(r"\b(SDE ?(?:III|II|I|[123])|Senior SDE|Principal SDE|L[4-7])\b")
_LEVEL_CUES = (
    (re.compile(r"\b(?:staff|principal)[- ](?:level|engineer|scope|sde)\b|\bas (?:the |a )?"
                r"(?:staff|principal)\b|\borg(?:anization|anisation)?[- ]wide scope\b", re.I),
     "Principal SDE"),
    (re.compile(r"\bas (?:the |a |one of the )?(?:senior|most senior|tech lead|team lead)\b|"
                r"\bsenior[- ](?:engineer|sde|level|dev(?:eloper)?)\b|\bi (?:was|am) "
                r"(?:the |a )?(?:senior|tech lead)\b", re.I), "Senior SDE"),
)
_DETERMINERS = frozenset({"no", "any", "another", "other", "which", "one", "some", "whole",
                          "same", "whose", "either", "neither", "the", "a", "an", "our", "my",
                          "their", "its", "his", "her", "this",
                          "that", "every", "each", "new", "and", "of", "to", "in", "on"})
_NOT_NAMES = frozenset({"The", "This", "That", "Then", "They", "There", "Platform", "Slack",
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
    principle_scores: dict[str, int] = field(default_factory=dict)
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


def extract_facts(notes: Notes) -> Facts:
    """Classify every clause of the notes and collect figures, cues and names."""
    meta = dict(notes.meta)
    dropped = [Dropped(0, f"{k}: {v}", "instruction-like text", "the front matter")
               for k, v in sorted(meta.items()) if kb.is_instruction(v)]
    for item in dropped:
        meta.pop(item.text.split(":", 1)[0])
    sentences: list[Sentence] = []
    for block in notes.blocks:
        if block.kind == "chat":
            dropped.append(Dropped(block.line, block.text, "pasted chat message (say what it "
                                                           "shows in your own words)"))
            continue
        text, removed = _without_instructions(block.text)
        dropped.extend(Dropped(block.line, item, "instruction-like text") for item in removed)
        topic = ""
        for clause in clauses(text):
            phrase = rewrite(clause, block.section)
            if not phrase.text:
                continue
            topic = phrase.label if phrase.label.startswith(("why", "how")) else topic
            sentences.append(_sentence(phrase, clause, block.section, block.line, topic))
    sentences = _promote_results(_late_we_context(sentences))
    teams = _teams(sentences)
    sentences = [_proper_case(s, teams) for s in sentences]
    text = " ".join(s.text for s in sentences)
    scores = _principle_scores(text)
    named = _named_principle(notes)
    if named and "principle" not in meta:
        principle, source = named, "named in the notes"
    else:
        principle, source = _principle(meta, scores)
    level = meta.get("level") or _level(" ".join([notes.title or "", text]))
    heading = notes.title
    if heading and kb.is_instruction(heading):
        dropped.append(Dropped(0, heading, "instruction-like text", "the title"))
        heading = None
    title = meta.get("title") or _without_principle(heading, named)
    question = meta.get("question") or kb.principles()[principle].question
    return Facts(
        notes_path=notes.path, slug=slug_for(meta.get("id") or stem_of(notes.path)),
        title=_capital(title or question), question=question, principle=principle,
        principle_source=source, level=level, role=meta.get("role") or level,
        company=meta.get("company") or "Amazon", sentences=sentences,
        scope_cues=_scope_cues(sentences), teams=[f"the {t} team" for t in teams],
        systems=_systems(text), people=_people(text, teams), principle_scores=scores,
        dropped=dropped, warnings=list(notes.warnings),
    )


def _without_instructions(text: str) -> tuple[str, list[str]]:
    """The block without its instruction-like sentences (all of it when they run together),
    and the sentences taken out."""
    if not kb.is_instruction(text):
        return text, []
    spans = [span.text for span in split_sentences(text)]
    removed = [span for span in spans if kb.is_instruction(span)]
    rest = " ".join(span for span in spans if span not in removed)
    if kb.is_instruction(rest) or not removed:
        return "", [text]
    return rest, removed


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
    if block_section is None and phrase.person == "we" and section == "situation":
        tags.append("we_context")
    return Sentence(phrase.text, section, phrase.person, line, " ".join(clause.split()),
                    tuple(sorted(set(tags))), phrase.fragment, topic, tuple(figures),
                    tuple(deltas))


_LESSON = re.compile(r"^(?:I (?:would|['’]d|should|could|will|now)\b|I['’]d\b|Next time\b|"
                     r"In hindsight\b|Looking back\b)")


def is_setting_change(phrase: Phrase, deltas: int, text: str) -> bool:
    """An action that changes a setting or stages a roll-out ("lowered batch size 500 -> 100",
    "ramped 5% -> 50% -> 100%"): the writer's step, not the outcome."""
    words = phrase.text.split()
    if phrase.person != "I" or len(words) < 2 or words[0] != "I":
        return False
    lexicon = kb.lexicon()
    verb = words[1].lower()
    staged = len(re.findall(r"->|-->|→|=>", text)) >= 2
    before = re.split(r"\bfrom\b|\d", phrase.text, maxsplit=1)[0].lower()
    named = any(noun in before.split() for noun in lexicon.setting_nouns)
    return bool(deltas) and (verb in lexicon.setting_verbs or staged
                             or (verb.endswith("ed") and named))


def _section(phrase: Phrase, block_section: str | None, tags: set[str], topic: str) -> str:
    if topic:
        return "detail"
    if block_section != "reflection" and _LESSON.match(phrase.text):
        return "reflection"
    if "setting" in tags and block_section != "reflection":
        return "action"
    if "adoption" in tags and phrase.person == "other" and block_section in ("action", None):
        return "result"
    first_person = re.search(r"\b(?:I|my|me)\b", phrase.text) is not None
    if block_section is None:
        found = _guess(phrase, tags, first_person)
        return "situation" if found == "action" and phrase.person == "we" else found
    if block_section == "situation" and "scope" in tags and first_person:
        return "task"
    if block_section == "action" and phrase.person == "other":
        return "detail"
    return block_section


def _guess(phrase: Phrase, tags: set[str], first_person: bool) -> str:
    """The section of a sentence under no section heading, from its cue words."""
    text = phrase.text.lower()
    words = text.split()
    cues = kb.sections()

    def says(section: str) -> bool:
        return kb.phrase_pattern(cues.section(section).cues).search(text) is not None

    if says("reflection"):
        return "reflection"
    if "delta" in tags:
        return "result"
    if says("task"):
        return "task"
    acting = words[0] in ("i", "we") and len(words) > 1 and words[1] not in _SITUATION_VERBS
    if acting and phrase.fragment:
        return "result" if says("result") and "figure" in tags else "action"
    if "scope" in tags:
        return "task"
    if says("result") and ("figure" in tags or not acting):
        return "result"
    return "action" if acting else "situation"


def _late_we_context(sentences: list[Sentence]) -> list[Sentence]:
    """A loose "we" sentence before the writer's first action sets the scene ("We moved the
    service to a new cluster"); one after it is the team's action, kept out of the Action."""
    first = next((i for i, s in enumerate(sentences)
                  if s.section == "action" and s.person == "I"), None)
    if first is None:
        return sentences
    return [_with(s, section="action") if "we_context" in s.tags and i > first else s
            for i, s in enumerate(sentences)]


def _promote_results(sentences: list[Sentence]) -> list[Sentence]:
    """With no figure in the result, an action's before -> after pair is the result."""
    if any(s.section == "result" and s.figures for s in sentences):
        return sentences
    movable = [s for s in sentences if s.section in ("action", "situation") and s.deltas
               and "setting" not in s.tags]
    actions = [s for s in sentences if s.section == "action" and s.person == "I"]
    if not movable or (len(actions) <= len([s for s in movable if s in actions])):
        return sentences
    return [_with(s, section="result") if s in movable else s for s in sentences]


def _with(sentence: Sentence, **changes: Any) -> Sentence:
    return replace(sentence, **changes)


def _teams(sentences: list[Sentence]) -> list[str]:
    names: list[str] = []
    for s in sentences:
        for match in _TEAM.finditer(s.text):
            words = [w for w in match.group(1).split() if w.lower() not in _DETERMINERS]
            name = " ".join(w for w in words if w[:1].isupper())
            if name and name not in ("My", "Our", "The") and name not in names:
                names.append(name)
    return names


def _proper_case(sentence: Sentence, teams: list[str]) -> Sentence:
    text = sentence.text
    for team in teams:
        text = re.sub(rf"\b{re.escape(team.lower())}\b", team, text)
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
        if name not in _NOT_NAMES and name not in teams and name not in found:
            found.append(name)
    return found


def _principle_scores(text: str) -> dict[str, int]:
    scores = {}
    for name in PRINCIPLES:
        cues = kb.principles()[name].cues
        hits = {m.group(0).lower() for m in kb.phrase_pattern(cues).finditer(text)}
        if hits:
            scores[name] = len(hits)
    return scores


def _principle(meta: dict[str, str], scores: dict[str, int]) -> tuple[str, str]:
    if "principle" in meta:
        return meta["principle"], "front matter"
    if scores:
        best = max(scores.values())
        return next(p for p in PRINCIPLES if scores.get(p) == best), "cue words"
    return DEFAULT_PRINCIPLE, "default"


def _named_principle(notes: Notes) -> str | None:
    """A principle the notes name as the story's own ("my bias for action story",
    "customer obsession -- ..."): in the title, a short line, or followed by "story"."""
    lines = [notes.title or ""] + [b.text for b in notes.blocks]
    for index, line in enumerate(lines):
        folded = " ".join(re.sub(r"[^a-z0-9']+", " ", line.lower()).split())
        for alias, name in _principle_names():
            at = f" {folded} ".find(f" {alias} ")
            if at < 0:
                continue
            tail = line.lower()[at + len(alias):].lstrip()
            short = len(folded.split()) <= 8 and (index == 0 or index == 1)
            if short or tail.startswith(("story", "--", "-", ":", "—", "–", "example")):
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


def _level(text: str) -> str:
    for pattern, level in _LEVEL_CUES:
        if pattern.search(text):
            return level
    match = _LEVEL.search(text)
    if match:
        try:
            return canonical_level(match.group(1)).value
        except UnknownNameError:
            pass
    return DEFAULT_LEVEL


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
