"""``storygen eval``: draft every gold-annotated notes file in memory and score the drafts.

Per story and in total:

- ``placement``: share of gold facts found (case-insensitive) in the strong example of one of
  their gold cards, also as the drafter says the writer's "you" ("You read the flow" is "I read
  the flow") and, in the Action, "our" ("our CI" is "the CI", as OWN001 asks);
  ``misplaced``: facts found only in another card's strong example; ``dropped``: facts in no
  card's strong example.
- ``torn`` and ``invented`` count each figure once per field.
- ``invented``: figures in any text field of the story that the notes do not support (read
  by the number grammar and matched as GRD001 matches them, with the notes' wrapped lines
  joined; a card's coaching may name the card's own speaking budget, in seconds);
  ``torn``: an unsupported figure whose value is a digit run inside a notes figure, told as
  a figure of its own ("8" from "$8K", "30" from "12:30", "$8" from "$8-10K", "0" from
  "0.84"); a figure the grammar reads whole ("$8-10K", "12:30", "one week") is never torn.
- ``we_to_i``: a ``we_only`` phrase inside a sentence that starts with "I" (unless "we" or
  "the team" is the phrase's own doer there, as in "I wrote it and we ran it" or "I got the
  team to own the rest", or the sentence names who the writer had do it: "had Maria's leads
  spot check", "got Jonah to retest"; or the phrase names its own doers: "got others to write
  the rest", "deleted the old code w/ each team", or opens on their name, said with its capital:
  "Chen doing the mobile view").
- ``forbidden``: a forbidden string anywhere in the story.
- ``holes``: cards whose strong example is still a "[To fill in" placeholder.
- ``principle`` / ``level``: accuracy over the notes whose gold names one.
- ``errors``: error findings of the checks (schema and rules) on the draft.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from storygen.core.errors import InputError
from storygen.core.findings import Finding, Severity
from storygen.core.numbers import DURATION, Figure, Key, find_figures, keys_of, supports
from storygen.core.text import in_open_quote, split_sentences
from storygen.drafting.compose.sections import own
from storygen.drafting.extract.phrasing import MEASURE_STATES, OBJECT_BEFORE_AS, as_me, past_tense
from storygen.drafting.gold import Gold, find_cases, load_gold
from storygen.drafting.run import DraftOptions, draft_in_memory
from storygen.story import kb
from storygen.story.notes import read_notes, writer_named

CARDS = ("situation", "task", "action", "result", "reflection")
PLACEHOLDER = "[to fill in"

# metric name -> True when higher is better
METRICS: dict[str, bool] = {
    "placement": True, "misplaced": False, "dropped": False, "invented": False, "torn": False,
    "we_to_i": False, "forbidden": False, "holes": False, "principle": True, "level": True,
    "errors": False,
}
_NOT_PROSE = frozenset({"schema_version", "id", "company", "principle", "role", "level",
                        "provenance", "lint"})
_STARTS_WITH_I = re.compile(r"^\W*I(?:\b|['’])")
# The team named as the doer right before the phrase: "... and we ran it", "got the team to own
# the rest" keep the phrase the team's.
# A group of people named as a doer ("the payments team", "by the finance team")
_GROUP = r"(?:team|teams|folks|people|engineers|devs|ops|crew|squad|vendor|owners?|contractors?)"
_WE_BEFORE = re.compile(r"\b(?:we|we've|we'd|we'll|the team|our team|together we)(?:\s+to)?\s+$")
# Someone else the subject of the clause the phrase is in: "I showed Marcus, he didn't say
# anything mean but asked ...".
_THEY_BEFORE = re.compile(r"\b(?:he|she|they)\s+(?:[^,.;:]{0,60}?\s+(?:but|and|then)\s+)?$"
                          # "... the same day the payments team changed the field": a group
                          # named right before the phrase is its doer
                          r"|\b(?:the|their|our|his|her)\s+(?:[\w-]+\s+){0,2}"
                          + _GROUP + r"\s+$")
# Someone else made the doer by the writer: "had Maria's leads spot check", "got Jonah (QA) to
# retest", "asked Sam to review": the phrase is theirs, and the sentence says so.
_HAD_THEM = re.compile(r"\b(?:had|got|asked|let|made|helped|convinced|persuaded|needed|told|paid|"
                       r"hired|get|gets|ask|asks|lets|make|makes|help|helps|tell|tells)\s+"
                       r"(?P<who>(?:[\w'’+&-]+\s+){0,5}(?:\([^()]*\)\s+)?)(?:to\s+)?$")
# A we_only phrase that says who did it: "got others to write the rest", "deleted the old
# impls w/ each team", "reviewed by Ana from payments", "with help from Karim on infra".
_NAMES_ITS_DOER = re.compile(r"^(?:had|got|asked|let|made|convinced|persuaded|paid|hired|needed|"
                             r"handed|passed|gave)\s+"
                             r"(?:[\w'’+&(),-]+\s+){1,6}to\b|"
                             # "let him write the timeline", "the techs contributed half of it"
                             r"^(?:let|had|made|helped)\s+(?:him|her|them|(?-i:[A-Z][a-z]+)"
                             r"(?:\s*\([^()]{1,30}\))?|(?:\d+|two|three|four|a few|some)\s+"
                             r"(?:[\w-]+\s+){0,2}[\w-]+s)\s+[a-z]|"  # "let Yusuf (hub mgr) pick",
                             # "had 2 senior engs poke holes in it"
                             r"^the\s+[\w-]+s\s+(?:[a-z]+ed|did|wrote|ran|built|made|took|gave|sent)\b|\b(?:with|w/)\s+(?:the|each|every|our|"
                             r"their|both|all)\s+(?:[\w-]+\s+){0,2}teams?\b|"
                             # "she came around when I showed ...", "so did most of the squad",
                             # "dug in w/ Hao", "the editor (Ruth) was in the room", "design
                             # mgmt estimated", "he'd do the change in review": each says who
                             # did it
                             r"^(?:(?:which|who|that|and|but|so)\s+)?(?:he|she|they|we|someone|"
                             r"somebody|others|everyone|everybody|nobody|no one)"
                             r"(?:['’](?:d|ll|s|re|ve))?\s+[a-z]|"
                             # "their night team handles tier-1": a team named with its verb
                             r"^(?:their|the|his|her)\s+(?:[\w-]+\s+){0,2}(?:team|teams|crew|"
                             r"folks|people|engineers|devs|ops)\s+[a-z]+s\b|"
                             r"^so did\b|"  # "which she got approved"
                             # "his regexes": a thing said with its owner
                             r"^(?:his|her|their)\s+(?:[\w-]+\s+){0,2}[\w-]+$|"
                             # "that was Grace + finance": says who did it
                             r"^(?:that|this|it)\s+was\s+(?:all\s+)?(?-i:[A-Z])[a-z]+\b|"
                             r"\b(?:with|w/)\s+(?-i:[A-Z][a-zà-öø-ÿ]+)\b|"
                             r"^the\s+(?:[\w-]+\s+){0,2}[\w-]+\s*\((?-i:[A-Z])[^()]*\)|"
                             r"^(?:[\w-]+\s+)?(?:mgmt|management|leadership|finance|legal|ops|"
                             r"security|product|support|sales)\s+(?:[a-z]+ed|said|thought|"
                             r"wanted|agreed|approved)\b", re.IGNORECASE)
# A we_only phrase that opens on its doer's name, role or group ("Chen doing the mobile view",
# "EM still decided ...", "fraud analysts push ~40 times a day"), or names them with their verb
# inside it ("3 units Raj brought up from the lab"): said so, it is theirs, in any sentence.
_NAMED_DOER = re.compile(r"(?!I\b)(?-i:[A-Z][\w'’-]*)\b|.*?\b(?:by|with help from|helped by)\s+"
                         r"(?!I\b)(?-i:[A-Z][a-zà-öø-ÿ]+)|"
                         # "design from Kwame": a thing, and whom it came from
                         r"(?:[\w-]+\s+){1,2}from\s+(?!I\b)(?-i:[A-Z][a-zà-öø-ÿ]+)"
                         r"(?:\s+(?:in|on|at|from)\s+[\w-]+)?$|"
                         # "felix from the dev side got into it": a person, and where they sit
                         r"[a-z]+\s+from\s+(?:the\s+)?[\w-]+\s+(?:side|team|org|squad)\s+[a-z]|"
                         # "refunds handled manually by the finance team", "old ones burned down
                         # by teams": done by whom, said so
                         r".*?\bby\s+(?:(?:the|their|our|his|her|a|an|each|every|all|other)\s+)?"
                         r"(?:[\w-]+\s+){0,2}" + _GROUP + r"\b|"
                         # "producer (Gustavo) agreed", "recruiting (Ama) took it over": a role
                         # or a group, the person's name after it, then their verb
                         r"[a-z][\w-]*\s+\((?-i:[A-Z][a-zà-öø-ÿ]+)\)\s+[a-z]+|"
                         # "maintainer merged a fix": the phrase opens on its doer's role
                         r"(?:maintainers?|upstream|vendors?|reviewers?)\s+(?:[a-z]+ed|wrote|ran|"
                         r"built|made|did|took|gave|sent|found|shipped)\b|"
                         r".+?\s(?!I\b)(?-i:[A-Z][a-zà-öø-ÿ]+)\s+(?-i:[a-z]+ed|brought|built|wrote|ran|"
                         r"made|did|took|gave|sent|found|set)\b|(?:[\w'’-]+\s+)?(?:analysts|engineers|devs|"
                         r"developers|teams?|folks|people|users|customers|managers|leads|admins|"
                         r"operators|nurses|doctors|dispatchers|schedulers)\s+(?!I\b)[a-z]|"
                         # "the mobile team shipped a new SDK", "the PM signed off in writing":
                         # the phrase opens on its doer, a group or a role, with its verb
                         r"(?i:the|their|our|his|her)\s+(?:[\w-]+\s+){0,2}(?i:team|pm|em|lead|"
                         r"manager|director|vp|cto|owner|reviewer|vendor|sre|dba|qa|on-?call)\s+"
                         r"(?:[a-z]+ed|wrote|ran|built|made|did|took|gave|sent|found|set|said|"
                         r"went|kept|chose|got)\b")
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_RUN = re.compile(r"\d+")
_WRAP = re.compile(r"(?<=\S)[ \t]*\n[ \t]*(?=[A-Za-z0-9$€£(])")


# --- figures: the one place that says how figures are read and compared ----------------------


@dataclass(frozen=True, slots=True)
class StoryFigure:
    """A figure as written in a text and the value it is compared by."""

    text: str
    key: float
    figure: Figure
    start: int = 0
    end: int = 0


def figures_in(text: str) -> list[StoryFigure]:
    """The figures of ``text``, read the way GRD001 reads them (``key``: the bare value)."""
    return [StoryFigure(f.text, round(f.value, 6), f, *f.span) for f in find_figures(text)]


# --- the story --------------------------------------------------------------------------------


def prose_fields(data: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(JSON pointer, text) of every text field of a story except names and provenance."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if pointer == "" and key in _NOT_PROSE:
                continue
            yield from prose_fields(value, f"{pointer}/{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from prose_fields(value, f"{pointer}/{i}")
    elif isinstance(data, str):
        yield pointer, data


def all_text(data: Any) -> Iterator[str]:
    """Every string of a story, keys included."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield str(key)
            yield from all_text(value)
    elif isinstance(data, list):
        for value in data:
            yield from all_text(value)
    elif isinstance(data, str):
        yield data


_QUOTES: dict[str, str | int | None] = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-",
                                        "—": "-", "→": "->"}
_PLAIN = str.maketrans(_QUOTES)


def plain_fold(text: str) -> str:
    """Text compared as said: quotes and dashes of one kind, spaces and case folded, and the
    Markdown marks a story does not keep ("the *filtered* count", "`WHERE`") left out."""
    return " ".join(_MARKS.sub("", text.translate(_PLAIN)).split()).casefold()


_MARKS = re.compile(r"\*+|`+")


def strong_examples(data: Mapping[str, Any]) -> dict[str, str]:
    sections = data.get("sections") if isinstance(data.get("sections"), Mapping) else {}
    out: dict[str, str] = {}
    for card in CARDS:
        section = sections.get(card) if isinstance(sections, Mapping) else None
        text = section.get("strong_example") if isinstance(section, Mapping) else None
        out[card] = text if isinstance(text, str) else ""
    return out


# --- scoring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class StoryScore:
    """The scores of one drafted story against its gold file."""

    name: str
    facts: int = 0
    placed: int = 0
    misplaced: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    torn: list[str] = field(default_factory=list)
    we_to_i: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    holes: list[str] = field(default_factory=list)
    principle: tuple[str, str] | None = None  # (gold, story) when the gold names one
    level: tuple[str, str] | None = None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "facts": self.facts, "placed": self.placed,
            "placement": _share(self.placed, self.facts),
            "misplaced": self.misplaced, "dropped": self.dropped, "invented": self.invented,
            "torn": self.torn, "we_to_i": self.we_to_i, "forbidden": self.forbidden,
            "holes": self.holes,
            "principle": None if self.principle is None else
            {"gold": self.principle[0], "story": self.principle[1]},
            "level": None if self.level is None else
            {"gold": self.level[0], "story": self.level[1]},
            "errors": self.errors,
        }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _as_done(phrase: str) -> str:
    """A to-do or commit line ("add contract test for parity") as the step done ("added
    contract test for parity"), the way the drafter tells the writer's steps in the past."""
    words = phrase.split(maxsplit=1)
    if not words or words[0] not in kb.lexicon().base_past:
        return phrase
    return " ".join([past_tense(words[0]), *words[1:]])


def _with_object(phrase: str) -> str:
    """A step whose object the notes left out, with the "it" the drafter says it with:
    "traced to a timezone bug" as "traced it to ...", "framed as a 3-year arc" as "framed it
    as ..."."""
    before_to = frozenset(kb.lexicon().object_before_to)
    return re.sub(r"\b([\w-]+)\s+(to|as)\b",
                  lambda m: f"{m.group(1)} it {m.group(2)}"
                  if (m.group(2) == "to" and m.group(1).lower() in before_to)
                  or (m.group(2) == "as" and m.group(1).lower() in OBJECT_BEFORE_AS) else m.group(0),
                  phrase, count=1)


@lru_cache(maxsize=4096)
def _said_as_sentence(fact: str) -> re.Pattern[str] | None:
    """A folded fact that holds a row's colon, a before -> after arrow or a measure's state,
    as a sentence may say it: "ingestion: ~$6.8k" as "ingestion was ~$6.8k", "45ms -> 28ms"
    as "from 45ms to 28ms", "p99 back to 180ms" as "p99 was back to 180ms". None for any
    other fact."""
    if ": " not in fact and "->" not in fact and not _STATE.search(fact) \
            and not _VALUED.search(fact):
        return None
    said = []
    for part in re.split(rf"(\s*->\s*|:(?=\s)|\s(?={MEASURE_STATES}\b)|"
                         r"(?<=[a-z0-9])\s(?=[~≈]?[$€£]?\d\S*(?:\s[a-z%]{1,8})?\s*->)|"
                         r"(?<=[a-z0-9])\s(?=" + _VALUE_LEAD + r"[$€£]?\d))", fact):
        if "->" in part:
            said.append(r"(?:\s*->\s*|\s+to\s+)")
        elif part == ":":
            said.append(r"(?::|\s+(?:was|were|is|are|went(?:\s+from)?))")
        elif part == " ":  # "p99 back to 180ms" said as "p99 was back to 180ms", "deploy time
            said.append(r"\s+(?:(?:was|were|is|are|went from|from)\s+)?")  # ~47 min -> ~6 min" as
            # "deploy time went from ~47 min to ~6 min"
        else:
            said.append(re.escape(part))
    return re.compile("".join(said))


_VALUE_LEAD = r"(?:under |over |below |above |around |about |roughly |nearly |almost |<\s?|>\s?|~|≈)?"
# A word and the figure right after it, which a sentence may say with its verb: "total spend
# ~$4K" as "total spend was ~$4K"
_VALUED = re.compile(r"[a-z0-9]\s" + _VALUE_LEAD + r"[$€£]?\d")
# A measure and where it stood, which a sentence says with its verb: "p99 back to 180ms"
_STATE = re.compile(rf"\w\s{MEASURE_STATES}\b")


_JOINED_FACT = re.compile(r"^(?:so|and),?\s+")


def _place_facts(score: StoryScore, gold: Gold, cards: dict[str, str],
                 writer: str | None) -> None:
    folded = {card: plain_fold(text) for card, text in cards.items()}
    for fact in gold.facts:
        raw = fact.text  # "Daniela rewrote the loop" in notes Daniela wrote of herself: "I rewrote"
        if writer:
            raw = re.sub(rf"(?<![\w-]){re.escape(writer)}\s+(?=[a-z])", "I ", raw)
        text = plain_fold(raw)
        # "so I took it": a card says it without the word that joined it to the line before
        unjoined = _JOINED_FACT.sub("", text)
        text = unjoined if len(unjoined.split()) >= 2 else text
        said = plain_fold(as_me(raw))  # "You read the whole flow", as the writer's "I"
        mine = plain_fold(own(as_me(raw)))
        done = plain_fold(_as_done(raw))  # "add a contract test", told as "added ..."
        whole = plain_fold(_with_object(raw))  # "framed as a 3-year arc", told as "framed
        # it as ..."
        cells = [cell for cell in (c.strip() for c in text.split("|")) if cell]
        loose = _said_as_sentence(text)
        where = [card for card in CARDS if text in folded[card] or said in folded[card]
                 or loose is not None and loose.search(folded[card]) is not None
                 or card == "action" and (mine in folded[card] or done in folded[card]
                                          or whole in folded[card])
                 or len(cells) > 1 and all(cell in folded[card] for cell in cells)]
        score.facts += 1
        if any(card.value in where for card in fact.sections):
            score.placed += 1
        elif where:
            score.misplaced.append(f"{fact.text!r} in {', '.join(where)}, not "
                                   f"{', '.join(c.value for c in fact.sections)}")
        else:
            score.dropped.append(fact.text)


def _pieces(figure: str) -> set[float]:
    """The bare values of the digit runs inside a notes figure as written: "8" and "10" of
    "$8-10K", "12" and "30" of "12:30", "0" and "84" of "0.84"."""
    runs = _DIGITS.findall(figure) + _RUN.findall(figure)
    return {round(float(d.replace(",", "")), 6) for d in runs}


def _speaking_budgets(data: Mapping[str, Any]) -> dict[str, float]:
    """``/sections/CARD/coaching`` -> the card's target_seconds: coaching may name its own
    speaking budget ("Aim for 30 seconds at most"), which is not a claim about the work."""
    sections = data.get("sections")
    out: dict[str, float] = {}
    if isinstance(sections, Mapping):
        for card, section in sections.items():
            seconds = section.get("target_seconds") if isinstance(section, Mapping) else None
            if isinstance(seconds, int | float):
                out[f"/sections/{card}/coaching"] = round(float(seconds), 6)
    return out


def _unwrapped(text: str) -> str:
    """Notes with hard-wrapped lines joined ("90\ndays notice" is "90 days notice"); a line
    that starts a bullet, a heading or a chat line is kept on its own."""
    return _WRAP.sub(" ", text)


def notes_keys(notes_text: str) -> frozenset[Key]:
    """What the notes hold, read as written and with their wrapped lines joined."""
    return keys_of(find_figures(notes_text)) | keys_of(find_figures(_unwrapped(notes_text)))


def _figures(score: StoryScore, gold: Gold, notes_text: str,
             fields: list[tuple[str, str]], budgets: Mapping[str, float]) -> None:
    """A story figure is fine when the notes (or a gold figure) hold it as read by the number
    grammar: "$8-10K", "12:30" and "one week" are each one figure. Otherwise it is torn when
    its value is a digit run inside a notes figure ("8" or "$8" of "$8-10K", "30" of "12:30",
    "0" of "0.84"), else invented."""
    supported = notes_keys(notes_text) | keys_of(f for g in gold.figures for f in find_figures(g))
    torn_of: dict[float, list[str]] = {}
    for written_figure in gold.figures:
        for piece in _pieces(written_figure):
            torn_of.setdefault(piece, []).append(repr(written_figure))
    for pointer, text in fields:
        written = _written(text, gold.figures)
        seen: set[tuple[str, Key]] = set()
        for found in figures_in(text):
            figure = found.figure
            if figure.unit == DURATION and budgets.get(pointer) == round(figure.value, 6):
                continue
            if supports(supported, figure):
                continue
            inside = any(start <= found.start and found.end <= end for start, end in written)
            if inside:
                continue
            kind = "torn" if figure.digits and found.key in torn_of else "invented"
            if (kind, figure.key) in seen:
                continue
            seen.add((kind, figure.key))
            if kind == "torn":
                score.torn.append(f"{found.text!r} (of {' or '.join(torn_of[found.key])}) "
                                  f"at {pointer}")
            else:
                score.invented.append(f"{found.text!r} at {pointer}")


def _written(text: str, figures: list[str]) -> list[tuple[int, int]]:
    """Where the notes figures are written whole in ``text``."""
    lowered = text.casefold()
    spans = []
    for figure in figures:
        needle = figure.casefold()
        start = lowered.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = lowered.find(needle, start + 1)
    return spans


def _we_to_i(score: StoryScore, gold: Gold, fields: list[tuple[str, str]]) -> None:
    for pointer, text in fields:
        for span in split_sentences(text):
            sentence = text[span.start:span.end]
            if not _STARTS_WITH_I.match(sentence) or _quoted(text, span.start):
                continue  # 'Farah said: "... decision is full cutover. I'll own it."': hers
            folded = plain_fold(sentence)
            for phrase in gold.we_only:
                if _NAMES_ITS_DOER.search(phrase):
                    continue  # "dug in w/ Hao", "she came around": says who did it
                if _NAMED_DOER.match(phrase) and phrase.translate(_PLAIN) in \
                        sentence.translate(_PLAIN):
                    continue  # "I built it with Chen doing the mobile view": Chen's, as said
                if _told_as_i(folded, plain_fold(phrase)) \
                        and not _named_subject_before(sentence, phrase):
                    score.we_to_i.append(f"{phrase!r} at {pointer}: {sentence.strip()}")


# The clause a phrase is in opens on someone named: "..., Halima + design (Roisin) said it
# tested worse", "..., and Bettina pointed me at the key": theirs, as said
_NAMED_CLAUSE = re.compile(r"(?:^|[,;:]\s+|\b(?:and|but|then|so|while)\s+)(?!I\b)"
                           r"(?-i:[A-Z][\w'’-]+)(?:\s+(?:\([^()]{1,30}\)|\+|&|and|from|on|in|"
                           r"(?-i:[A-Z][\w'’-]+)|[a-z]+(?=\s+\())){0,6}\s*$")


def _named_subject_before(sentence: str, phrase: str) -> bool:
    """Whether ``phrase`` in ``sentence`` follows its own named subject in the same clause."""
    at = sentence.casefold().find(phrase.casefold())
    return at > 0 and _NAMED_CLAUSE.search(sentence[:at]) is not None


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` is inside a quotation someone else's words are given in."""
    return in_open_quote(text[:at])


def _past(phrase: str) -> bool:
    """Whether a phrase opens on a past form ("refactored the code"): after "had" it is the
    writer's own past step, not someone the writer had do it."""
    first = phrase.split()[0] if phrase.split() else ""
    return first.endswith("ed") or first in kb.lexicon().irregular_past


def _told_as_i(sentence: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in an "I" sentence other than right after its own "we" ("I
    wrote the script and we ran it over the weekend" keeps "ran it over the weekend" the
    team's)."""
    if _NAMES_ITS_DOER.search(phrase):
        return False  # "got others to write the rest", "deleted the old code w/ each team"
    start = sentence.find(phrase)
    while start != -1:
        had = _HAD_THEM.search(sentence[:start])
        theirs = had is not None and (had.group("who").strip() != "" or not _past(phrase))
        if not _WE_BEFORE.search(sentence[:start]) and not _THEY_BEFORE.search(sentence[:start]) \
                and not theirs:
            return True
        start = sentence.find(phrase, start + 1)
    return False


def score_story(name: str, data: Mapping[str, Any], gold: Gold, *, notes_text: str,
                findings: list[Finding]) -> StoryScore:
    """Score one drafted story against its gold annotation."""
    score = StoryScore(name)
    cards = strong_examples(data)
    _place_facts(score, gold, cards, writer_named(notes_text))
    fields = list(prose_fields(data))
    _figures(score, gold, notes_text, fields, _speaking_budgets(data))
    _we_to_i(score, gold, fields)
    everything = plain_fold("\n".join(all_text(data)))
    score.forbidden = [text for text in gold.forbidden if plain_fold(text) in everything]
    score.holes = [card for card in CARDS if cards[card].lstrip().lower().startswith(PLACEHOLDER)]
    if gold.principle is not None:
        score.principle = (gold.principle, str(data.get("principle", "")))
    if gold.level is not None:
        score.level = (gold.level, str(data.get("level", "")))
    score.errors = [f"{f.code}: {f.message}" for f in findings if f.severity == Severity.ERROR]
    return score


def summarize(scores: list[StoryScore]) -> dict[str, Any]:
    """The corpus totals: every metric of METRICS, plus the counts behind the shares."""
    facts = sum(s.facts for s in scores)
    placed = sum(s.placed for s in scores)
    principles = [s.principle for s in scores if s.principle is not None]
    levels = [s.level for s in scores if s.level is not None]
    principle_right = sum(gold == story for gold, story in principles)
    level_right = sum(gold == story for gold, story in levels)
    return {
        "notes": len(scores), "facts": facts, "placed": placed,
        "placement": _share(placed, facts),
        "misplaced": sum(len(s.misplaced) for s in scores),
        "dropped": sum(len(s.dropped) for s in scores),
        "invented": sum(len(s.invented) for s in scores),
        "torn": sum(len(s.torn) for s in scores),
        "we_to_i": sum(len(s.we_to_i) for s in scores),
        "forbidden": sum(len(s.forbidden) for s in scores),
        "holes": sum(len(s.holes) for s in scores),
        "principle": _share(principle_right, len(principles)),
        "principle_right": principle_right, "principle_total": len(principles),
        "level": _share(level_right, len(levels)),
        "level_right": level_right, "level_total": len(levels),
        "errors": sum(len(s.errors) for s in scores),
    }


@dataclass(slots=True)
class EvalResult:
    corpus: str
    drafter: str
    scores: list[StoryScore]

    @property
    def summary(self) -> dict[str, Any]:
        return summarize(self.scores)

    def as_dict(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "drafter": self.drafter, "summary": self.summary,
                "stories": [s.as_dict() for s in self.scores]}


def evaluate(corpus: Path, options: DraftOptions,
             on_done: Callable[[StoryScore], None] | None = None) -> EvalResult:
    """Draft and score every gold-annotated notes file of ``corpus``; nothing is written.

    Every gold file is read and checked before the first draft, so a bad one fails fast.
    """
    cases = []
    for name, notes_path, gold_path in find_cases(corpus):
        notes = read_notes(notes_path, max_bytes=options.max_bytes)
        cases.append((name, notes_path, notes.text, load_gold(gold_path, notes.text)))
    scores = []
    for name, notes_path, notes_text, gold in cases:
        data, findings = draft_in_memory(notes_path, options)
        score = score_story(name, data, gold, notes_text=notes_text, findings=findings)
        scores.append(score)
        if on_done:
            on_done(score)
    drafter = options.model.model if options.model is not None else "offline"
    return EvalResult(str(corpus), drafter, scores)


# --- comparing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Requirement:
    """``METRIC>=VALUE`` or ``METRIC<=VALUE``."""

    metric: str
    op: str
    value: float

    def met(self, summary: Mapping[str, Any]) -> bool:
        actual = summary.get(self.metric)
        if actual is None:
            return True  # nothing to measure (no gold principle, say)
        return bool(actual >= self.value if self.op == ">=" else actual <= self.value)

    def __str__(self) -> str:
        return f"{self.metric}{self.op}{self.value:g}"


_REQUIREMENT = re.compile(r"^\s*([a-z_]+)\s*(>=|<=)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*$")


def parse_requirement(text: str) -> Requirement:
    """``placement>=0.8`` -> Requirement; ValueError naming the metrics otherwise."""
    match = _REQUIREMENT.match(text)
    if not match or match.group(1) not in METRICS:
        raise ValueError(f"--require {text!r}: write METRIC>=VALUE or METRIC<=VALUE with a "
                         f"metric of: {', '.join(METRICS)}")
    return Requirement(match.group(1), match.group(2), float(match.group(3)))


def parse_fail_under(text: str) -> Requirement:
    """``placement=0.85`` -> placement>=0.85; ``invented=0`` -> invented<=0: the metric must be
    at least as good as VALUE in its own direction. ValueError naming the metrics otherwise."""
    name, _, value = text.partition("=")
    name = name.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if name not in METRICS or number is None or not math.isfinite(number):
        raise ValueError(f"--fail-under {text!r}: write METRIC=VALUE with a metric of: "
                         f"{', '.join(METRICS)}")
    return Requirement(name, ">=" if METRICS[name] else "<=", number)


@dataclass(frozen=True, slots=True)
class Delta:
    metric: str
    before: float | None
    now: float | None

    @property
    def worse(self) -> bool:
        if self.before is None or self.now is None:
            return False
        if METRICS[self.metric]:
            return self.now < self.before - 1e-9
        return self.now > self.before + 1e-9

    @property
    def change(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return round(self.now - self.before, 4)


def compare(summary: Mapping[str, Any], baseline: Mapping[str, Any]) -> list[Delta]:
    """Per-metric deltas of ``summary`` against a baseline summary."""
    return [Delta(metric, baseline.get(metric), summary.get(metric)) for metric in METRICS
            if metric in baseline]


def baseline_summary(data: Any, path: Path) -> dict[str, Any]:
    """The summary of a saved metrics JSON (or a bare summary mapping)."""
    summary = data.get("summary", data) if isinstance(data, Mapping) else None
    if not isinstance(summary, Mapping) or not any(m in summary for m in METRICS):
        raise InputError("not a metrics file written by 'storygen eval --save'", path=path)
    return dict(summary)
