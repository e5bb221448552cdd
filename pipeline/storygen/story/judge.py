"""What a story is about, read from the notes: its Leadership Principle and its level.

Used when the front matter names neither. ``guess_principle(text, title)`` weighs cue phrases
from ``data/judge.yaml``: a cue that gives the shape of the story ("nobody owned it", "pushed
back on the director's plan", "cut the bill") weighs much more than a topic word, and a word
found in any engineering story ("users", "paged") weighs little. Where a cue sits changes its
weight: the title and the closing lesson say what a story is about, a cue just after "not" or
"never" counts for little, and so does a sentence that calls its point a side effect. The
principle named outright ("my bias for action story") weighs most.

``guess_level(text, title)`` believes the writer's own statement of their level first ("as an
SDE1", "I was the senior on the rotation", "staff-level scope") and, only without one, weighs
the reach of the work: org-wide standards and multi-year plans, work across several teams and
design reviews with a director, or a first project under a lead.

Lines that read as instructions to a program ("ignore the notes above...") are not read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from storygen.story import kb

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
from storygen.story.notes import SELF_TAG
from storygen.story.principles import PRINCIPLES, Level, principle_aliases

DEFAULT_PRINCIPLE = "Ownership"
DEFAULT_LEVEL = Level.SDE2.value

_EDGE = r"(?<![\w$]){}(?!\w)"
_END = r"{}(?!\w)"  # a cue's start is checked by ``_matches``: a leading assertion is slow
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_LABEL = re.compile(r"^[\s\-*>•]*(?:\[[^\]]{1,12}\]\s*)?(?:[^\W\d][\w' ]{0,24}:\s+)?")
_BULLET = re.compile(r"^[\s\-*>•\d.)]*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_OWN_INTERNSHIP = re.compile(r"intern(?:ship\b| project\b)")
# A level word used as a noun's modifier at the head of a line: "intern thing, fernhill",
# "new grad stuff": the topic of the notes, not the writer's level.
_TOPIC_AFTER = re.compile(r"\s+(?:thing|things|stuff|story|saga|drama|situation|mess|issue)\b"
                          r"|\s*[-–—]{1,2}\s*(?:she|he|they|we)\s")  # "staff — she said ...": a topic
# A level said as a fragment of its own between commas: "first month after joining, new grad,".
_FRAGMENT_BEFORE = re.compile(r"(?:[,;]|\s-{1,2})\s*$")  # or after a dash: "... -- principal eng now,"
_FRAGMENT_AFTER = re.compile(r"\s*(?:(?:eng|engineer|dev|developer|person|member|one)\s+)?"
                             r"(?:(?:now|these days|at the time|back then|then)\b\s*)?(?:(?:out of|"
                             r"on|in|at|for|of|across)\s+[^,;.()]{1,30})?(?:[,;.)]|\s[-–—]\s|"
                             r"\s*\(|$)")
# "Priya, new grad, joined", "mentored Ana, junior on the team"
_NAME_BEFORE = re.compile(r"(?:^|[,;:(]\s*|\s)[A-Z][a-z]+\s*(?:,|-{1,2}|[\u2013\u2014])\s*$")
_BEFORE_PAREN = re.compile(r"(\w{1,40})\s{0,5}\(\s{0,5}$")
# A short label the level follows: "context for myself: senior SDE", "me/role: sde2".
_LABEL_BEFORE = re.compile(r"(?:^|[.;]\s+|\(\s*)([^.;:()]{1,30}):\s*$")
# The writer's own label, and a few words that describe them before the level: "Me: research
# software engineer, roughly SDE2 level".
_ME_LABEL_RUN = re.compile(r"(?:^|[.;]\s+|\(\s*)(?:me|myself|about me|my role|role|who i am|"
                           r"me/role)\s*:\s*([^.;:()]{1,40})$")
# A hedge between an opening bracket or a label and the level: "(basically junior, ...)".
_HEDGE = re.compile(r"(?:\b(?:basically|roughly|approx\.?|approximately|effectively|essentially|"
                    r"kind of|sort of|more or less|nominally|officially|technically|aka)|~)\s*$")
# A level that opens a sentence as a jotted fact about the writer: "SDE2, maintaining it
# about a year on top of my team work."
_OPENS_FACT = re.compile(r"\s*(?:level\s*)?,\s+(?:[a-z~]|\d)")
_MY_LABEL = re.compile(r"\b(?:me|myself|my|mine|i|about me|context|background|setup|who|role|"
                       r"intro|level)\b")
_THEIR_LABEL = re.compile(r"\b(?:mentor|manager|lead|boss|pm|em|buddy|peer|teammate|team|"
                          r"colleague|hire|intern|they|he|she|them|their)\b")
# No cue is a word of over 40 characters: a longer run (a pasted hash, a digit run) is read as
# a gap, so every cue scans the notes in time proportional to their length.
_LONG_TOKEN = re.compile(r"\S{41,}")
_PRINCIPAL, _SENIOR, _SDE1 = Level.PRINCIPAL.value, Level.SENIOR.value, Level.SDE1.value


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue: its weight, the patterns that must all match in one sentence, and those that must
    match somewhere in the notes."""

    weight: float
    parts: tuple[re.Pattern[str], ...]
    anywhere: tuple[re.Pattern[str], ...] = ()

    def possible(self, doc: _Doc) -> bool:
        """Whether every part that must match somewhere in the notes does."""
        return all(next(_matches(pattern, doc.text), None) for pattern in self.anywhere)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence of the notes, lower-cased, with the weight of the place it sits in."""

    text: str
    raw: str
    place: float
    line_start: bool


@dataclass(frozen=True, slots=True)
class _Doc:
    """The notes' sentences, and all of them joined by newlines for one scan per cue."""

    sentences: tuple[_Sentence, ...]
    text: str
    starts: tuple[int, ...]

    def at(self, offset: int) -> tuple[_Sentence, int]:
        """The sentence holding ``offset`` of ``text``, and where that sentence starts."""
        index = bisect_right(self.starts, offset) - 1
        return self.sentences[index], self.starts[index]


@dataclass(frozen=True, slots=True)
class _Rules:
    places: Mapping[str, float]
    principles: Mapping[str, tuple[_Cue, ...]]
    background: Mapping[str, re.Pattern[str]]
    named: tuple[tuple[str, _Cue], ...]
    lesson: re.Pattern[str]
    incidental: re.Pattern[str]
    negated: re.Pattern[str]
    negator: re.Pattern[str]
    explicit: Mapping[str, tuple[_Cue, ...]]
    self_before: re.Pattern[str]
    other_before: re.Pattern[str]
    not_level_after: re.Pattern[str]
    scope: Mapping[str, tuple[_Cue, ...]]
    thresholds: Mapping[str, float]


def _load() -> Any:
    text = resources.files("storygen").joinpath("data", "judge.yaml").read_text("utf-8")
    return yaml.load(text, Loader=_Loader)


def _any(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


_WORD_LIST = re.compile(r"\{([a-z_]+)\}")


def _cue(source: str, weight: float, words: Mapping[str, str] | None = None) -> _Cue:
    """A cue from its pattern; ``{name}`` stands for the word list ``name`` of the file."""
    if words:
        source = _WORD_LIST.sub(lambda m: f"(?:{words[m.group(1)]})" if m.group(1) in words
                                else m.group(0), source)
    here, *elsewhere = source.split("&&&")
    parts = tuple(_compile(part) for part in here.split("&&"))
    anywhere = tuple(_compile(part) for part in elsewhere)
    return _Cue(weight, parts, anywhere)


def _compile(part: str) -> re.Pattern[str]:
    return re.compile(_END.format(f"(?:{part.strip()})"))


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of a cue pattern in ``text`` that start on a word edge (not inside a word,
    nor just after a dollar sign)."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_$"):
            at = start + 1
            continue
        yield match
        at = max(match.end(), start + 1)


def _cues(tiers: Mapping[Any, list[str]], words: Mapping[str, str]) -> tuple[_Cue, ...]:
    return tuple(_cue(source, float(weight), words) for weight, sources in tiers.items()
                 for source in sources)


def _named(weight: float) -> tuple[tuple[str, _Cue], ...]:
    """Each principle's own name and its common short forms ("bias for action")."""
    names = sorted(((alias, name) for alias, name in principle_aliases().items()
                    if len(alias.split()) >= 2), key=lambda pair: -len(pair[0]))
    return tuple((name, _cue(r"\W*".join(re.escape(word) for word in
                                         alias.replace(" s ", "'s ").split()), weight))
                 for alias, name in names)


def _words_before(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?:^|\W)" + _any(words) + r"\s*$")


@cache
def _rules() -> _Rules:
    data = _load()
    levels = data["levels"]
    unknown = set(data["principles"]) ^ set(PRINCIPLES)
    if unknown:
        raise ValueError(f"judge.yaml: the principles are not the 16 known ones: {unknown}")
    places = {key: float(value) for key, value in data["places"].items()}
    words = {name: str(value) for name, value in data.get("words", {}).items()}
    negators = _EDGE.format(_any(data["negators"]))
    return _Rules(
        places=places,
        principles={name: _cues(data["principles"][name], words) for name in PRINCIPLES},
        background={name: _compile(re.sub(r"\s*\|\s*", "|", data["background"][name]))
                    for name in PRINCIPLES},
        named=_named(places["named"]),
        lesson=re.compile(_any(data["lesson_starts"]) + r"(?!\w)"),
        incidental=re.compile(_EDGE.format(_any(data["incidental"]))),
        negated=re.compile(negators),
        negator=re.compile(negators + r"(?:\W+[\w'$%.-]+){0,2}\W*$"),
        explicit={level: _cues({1: patterns}, words)
                  for level, patterns in levels["explicit"].items()},
        self_before=_words_before(levels["self"]),
        other_before=_words_before(levels["other"]),
        not_level_after=re.compile(r"^\W*" + _any(levels["not_level_after"]) + r"(?!\w)"),
        scope={level: _cues(tiers, words) for level, tiers in levels["scope"].items()},
        thresholds={key: float(value) for key, value in levels["thresholds"].items()},
    )


@cache
def _any_instruction() -> re.Pattern[str]:
    """The knowledge base's instruction patterns, tried on every line at once: where this finds
    nothing, no line reads as an instruction (``kb.is_instruction``)."""
    return re.compile("|".join(f"(?:{p})" for p in kb.filters().instructions),
                      re.IGNORECASE | re.MULTILINE)


def _normal(text: str) -> str:
    return " ".join(_LONG_TOKEN.sub(" ", text.translate(_QUOTES)).split())


@lru_cache(maxsize=64)
def _doc(text: str, title: str, under: tuple[str | None, ...] = ()) -> _Doc:
    """The notes' sentences, each with the weight of its place: the title, the opening line, a
    lesson, the closing line, or a sentence that calls itself a side effect."""
    rules = _rules()
    places = rules.places
    # the section each line sits under, where the notes' headings say it: context and outcomes
    # say less about what the writer did than their steps and lessons do
    weights = [places.get(f"under_{section}", 1.0) if section else 1.0 for section in under]
    lines, line_weights = [], []
    for at, raw in enumerate(text.splitlines()):
        line = _normal(raw)
        if line:
            lines.append(line)
            line_weights.append(weights[at] if at < len(weights) else 1.0)
    if _any_instruction().search("\n".join(lines)):
        line_weights = [w for line, w in zip(lines, line_weights, strict=True)
                        if not kb.is_instruction(line)]
        lines = [line for line in lines if not kb.is_instruction(line)]
    head = _normal(title)
    if head and lines and lines[0].lower() == head.lower():
        lines, line_weights = lines[1:], line_weights[1:]
    sentences: list[_Sentence] = []
    if head and not kb.is_instruction(head):
        sentences.extend(_Sentence(part.lower(), part, places["title"], index == 0)
                         for index, part in enumerate(_SPLIT.split(head)))
    for number, line in enumerate(lines):
        lesson = False
        for index, part in enumerate(_SPLIT.split(line)):
            lower = part.lower()
            lesson = lesson or any(rules.lesson.match(pattern.sub("", lower, count=1))
                                   for pattern in (_LABEL, _BULLET))
            place = places["lesson"] if lesson else 1.0
            if not lesson and number == 0:
                place = places["opening"]
            elif not lesson and number == len(lines) - 1 and len(lines) > 2:
                place = places["closing"]
            if rules.incidental.search(lower):
                place *= places["incidental"]
            place *= line_weights[number]
            sentences.append(_Sentence(lower, part, place, index == 0))
    starts, offset = [], 0
    for sentence in sentences:
        starts.append(offset)
        offset += len(sentence.text) + 1
    return _Doc(tuple(sentences), "\n".join(s.text for s in sentences), tuple(starts))


def _spans(cue: _Cue, doc: _Doc, rules: _Rules, *, places: bool = True) \
        -> Iterator[tuple[float, tuple[int, int]]]:
    """Each place ``cue`` is found, with its weight and the span of text it covers."""
    if not cue.possible(doc):
        return
    first, rest = cue.parts[0], cue.parts[1:]
    for match in _matches(first, doc.text):
        sentence, start = doc.at(match.start())
        if rest and not all(next(_matches(part, sentence.text), None) for part in rest):
            continue
        weight = cue.weight * (sentence.place if places else 1.0)
        before = doc.text[max(start, match.start() - 40):match.start()]
        if rules.negator.search(before) and not rules.negated.search(match.group(0)):
            weight *= rules.places["negated"]
        yield weight, match.span()


_OVERLAP = 0.5


def _scope_score(cues: Iterable[_Cue], doc: _Doc, rules: _Rules) -> float:
    """A level's scope cues wherever they are found, wherever the notes' sentence sits; where
    cues overlap, the strongest counts in full and the others by half: "my lead said ok" is
    one sign, not two."""
    return _score(cues, doc, rules, places=False)


def _score(cues: Iterable[_Cue], doc: _Doc, rules: _Rules, *, places: bool = True) -> float:
    """The cues' hits; where cues overlap, the strongest counts in full and the others by half:
    "security patch" is one sign, not three ("security patch", "security" and "patch")."""
    repeat = rules.places["repeat"]
    hits = sorted(((weight, span, index) for index, cue in enumerate(cues)
                   for weight, span in _spans(cue, doc, rules, places=places)),
                  key=lambda hit: (-hit[0], hit[1]))
    taken = bytearray(len(doc.text))  # the characters a stronger cue already read
    found: dict[int, list[float]] = {}
    for weight, (start, end), index in hits:
        if any(taken[start:end]):
            weight *= _OVERLAP
        taken[start:end] = b"\x01" * (end - start)
        found.setdefault(index, []).append(weight)
    return sum(weight * repeat ** rank for weights in found.values()
               for rank, weight in enumerate(weights))


def _background(pattern: re.Pattern[str], doc: _Doc, rules: _Rules) -> float:
    """Each different background word found, by the weight of its place; a word found again
    counts less each time."""
    found: dict[str, list[float]] = {}
    for match in _matches(pattern, doc.text):
        sentence, _ = doc.at(match.start())
        found.setdefault(match.group(0).rstrip("s"), []).append(sentence.place)
    repeat = rules.places["repeat"]
    return rules.places["background"] * sum(
        weight * repeat ** index for places in found.values()
        for index, weight in enumerate(sorted(places, reverse=True)))


# The writer describing themself as junior ("first month after joining, new grad, on-call
# shadowing", "my onboarding buddy was out"): their level, not evidence that they develop people.
_OWN_JUNIOR = re.compile(
    r"\b(?:as an?|i was an?|i'm an?|i am an?|i was the|as the|i'm the|i am the)\s+"
    r"(?:new grad(?:uate)?|intern|junior(?: engineer| dev| developer| sde)?|newest \w+)\b|"
    r"(?:^|(?<=[,;(]))\s*(?:a\s+)?(?:new grad(?:uate)?|intern|junior)(?=\s*(?:[,;.)]|$))|"
    r"\bmy (?:onboarding )?(?:buddy|mentor)\b|\bmy onboarding (?:ticket|task|project|doc|week)\b|"
    r"\b(?:i was|i'm|i am|while|was) (?:still )?"
    r"(?:on-?call )?shadowing\b|\bon-?call shadowing\b|"
    # ... and their own interview: "my writeup for interview prep", "a story for my loop"
    r"\b(?:for|my|an?|the)\s+(?:\w+\s+)?(?:interview|loop)(?:\s+(?:prep|story|stories|answers?|"
    r"notes?))?\b|\binterview (?:prep|story|stories|answers?)\b|\bbehaviou?ral interviews?\b",
    re.IGNORECASE | re.MULTILINE)


def principle_scores(text: str, title: str = "",
                     under: tuple[str | None, ...] = ()) -> dict[str, float]:
    """Each principle the notes give evidence of -> how much (principles with none left out).
    ``under`` is the section each line of ``text`` sits under, where a heading names one."""
    rules = _rules()
    doc = _doc(_OWN_JUNIOR.sub(" ", text), title, under)
    scores = {name: _score(rules.principles[name], doc, rules) for name in PRINCIPLES}
    for name, cue in rules.named:
        scores[name] += _score((cue,), doc, rules)
    for name, pattern in rules.background.items():
        scores[name] += _background(pattern, doc, rules)
    return {name: round(score, 3) for name, score in scores.items() if score > 0}


def guess_principle(text: str, title: str = "",
                    under: tuple[str | None, ...] = ()) -> tuple[str, dict[str, float]]:
    """The principle the notes are most about, and every principle's score. Ties go to the
    principle listed first in ``PRINCIPLES``; with no evidence at all, Ownership."""
    scores = principle_scores(text, title, under)
    if not scores:
        return DEFAULT_PRINCIPLE, scores
    best = max(scores.values())
    return next(name for name in PRINCIPLES if scores.get(name) == best), scores


_STARTERS = frozenset({"the", "my", "our", "this", "that", "after", "when", "in", "on", "at",
                       "for", "during", "last", "first", "then", "so", "and", "but", "a", "an",
                       "it", "there", "by", "from", "with", "before", "since", "while"})


# "joined the search infra team as SDE1": a line that opens on the joining, with no subject, is
# the writer's own
_JOINED = re.compile(r"(?:(?:re)?joined|moved|came|started|transferred|switched|got hired|was hired|"
                     r"returned)\b")


# How long the writer had been somewhere, said before "as ...": "~11 months at Dinerly as
# SDE1", "context: 2 yrs in as the only senior" (no one else's tenure is told bare)
_TENURE = re.compile(r"(?:^|:\s*)(?:about |around |almost |nearly |~)?\d+(?:\.\d+)?\+?\s*(?:months?|mos?|"
                     r"yrs?|years?|weeks?|wks?)\b(?:\s+(?:in|at|into|on)\b[^,.;:]{0,30})?$")


def _someone_first(sentence: _Sentence, prefix: str) -> bool:
    """Whether the clause opens on someone else: "Sam joined my team as a new grad", "she
    moved to my team as a junior"."""
    first = prefix.lstrip("([ ").split(" ", 1)[0]
    if first in ("he", "she", "they") or first.endswith(("'s", "’s")):
        return True
    raw = sentence.raw.lstrip("-*•([ ")
    word = raw.split(" ", 1)[0] if len(sentence.raw) == len(sentence.text) else ""
    return word.istitle() and word.isalpha() and word.lower() == first \
        and first not in _STARTERS


_QUESTION_MARK = re.compile(r"\s*\?")
# "Mehmet and Chiamaka (other principals)", "my fellow principals": the writer is one of them;
# not "Raj and his fellow seniors", where Raj is ("the other seniors rotated pairing" says too
# little of whom they are other than)
_PEERS_BEFORE = re.compile(r"(?:\(\s*(?:the\s+)?other|(?:^|\W)(?<!his )(?<!her )(?<!their )"
                           r"(?<!its )fellow)\s+$")
_NAME_AND_THE = re.compile(r"[A-Z][a-z]+\s+and\s+(?:the\s+)?(?:other|fellow)\s+$")
_SELF_AFTER = re.compile(r"\s*" + SELF_TAG, re.IGNORECASE)
# Someone named right after the level: "staff eng (Raj) proposed", "staff eng (Raj Patel)".
_NAMED_AFTER = re.compile(r"\s*(?:(?:eng|engineer|dev|developer|sde|swe)\s*)?\(\s*([A-Z][a-z]+)"
                          r"(?:\s+[A-Z][a-z]+)?\s*\)")
# Someone named right after the level, then their verb: "team lead Aurelio Santangelo was ..."
_NAME_THEN_VERB = re.compile(r"\s+([A-Z][a-z]+)(?:\s+[A-Z][a-z'-]+)?\s+(?:was|is|had|has|did|"
                             r"[a-z]{2,}ed)\b")
# The person an internship belongs to, set off after it: "Intern project, summer: Noor, ...",
# "intern summer — Jonas (lift pass team)", "intern: Femi, came in from a bootcamp".
_INTERN_NAMED = re.compile(r"[^.;:\u2013\u2014]{0,20}?(?::|\s[\u2013\u2014-]{1,2})\s*([A-Z][a-z]+)"
                           r"\s*(?:[,(:\u2013\u2014-]|$)", re.MULTILINE)
# A level that names the people someone works with, not the writer's: "an intern mentor",
# "new grad hiring", "the intern program"
_LEVEL_OF_OTHERS = re.compile(r"\s+(?:mentor\w*|buddy|buddies|host\w*|cohorts?|programs?|"
                              r"programmes?|class(?:es)?|hiring|interviews?|loops?|candidates?|"
                              r"pipeline|onboarding|recruit\w*)\b")


def _someone(word: str) -> bool:
    """Whether a capitalised word beside a level names someone ("Raj", "Noor"), not the
    writer ("I", "Me") or a word that opens a sentence ("The", "After")."""
    return (word.istitle() or word.isupper() and word.isalpha() and len(word) >= 3) \
        and word.lower() not in ("i", "me", "my", "mine") and word.lower() not in _STARTERS


def _whose(sentence: _Sentence, at: int, rules: _Rules, end: int = -1) -> str:
    """Whether a level word at ``at`` of ``sentence`` is the writer's own ("self"), someone
    else's ("other"), or cannot be told ("")."""
    begin = max(0, at - 40)
    before = sentence.text[begin:at]
    same = len(sentence.raw) == len(sentence.text)  # the raw text lines up with the lowered
    if _PEERS_BEFORE.search(before) and sentence.text[at:end].endswith("s") and not (
            same and _NAME_AND_THE.search(sentence.raw[begin:at])):
        return "self"  # "Mehmet and Chiamaka (other principals)": the writer is one of them
    if end > at and same:
        named = _NAMED_AFTER.match(sentence.raw, end) or _NAME_THEN_VERB.match(sentence.raw, end)
        if named and _someone(named.group(1)):
            return "other"  # "staff eng (Raj) proposed ...", "team lead Aurelio Santangelo was
            #                 on a flight": about Raj, about Aurelio
    if end > at and _LEVEL_OF_OTHERS.match(sentence.text, end):
        return "other"  # "first time as an intern mentor": the writer mentors the intern
    if end > at and same and not _OWN_INTERNSHIP.match(sentence.text, at):
        named = _INTERN_NAMED.match(sentence.raw, end)
        if named and _someone(named.group(1)):
            return "other"  # "intern summer — Jonas (lift pass team)": Jonas's internship
    if _OWN_INTERNSHIP.match(sentence.text, at):
        if re.search(r"\b(?:no|his|her|their|its|our|[a-z]+'s)\s+(?:\S+\s+)?$", before):
            return "other"  # "for his 12-week internship", "the team had no intern project"
        named = _INTERN_NAMED.match(sentence.raw, at + 6) if same else None
        if named and _someone(named.group(1)):
            return "other"  # "Intern project, summer: Noor, ...": Noor's internship
        opener = sentence.raw.lstrip("-*•([ ").split(" ", 1)[0] if same else ""
        if opener.isalpha() and _someone(opener) and not re.search(
                r"\b(?:i|my|me)\b", sentence.text[:at]):
            return "other"  # "Priya joined our team for a 12-week internship": hers
        return "self"  # "intern project", "end of internship": the writer's own internship
    aside = sentence.text.rfind("(", 0, at)
    if aside >= 0 and ")" not in sentence.text[aside:at] and same:
        named = _BEFORE_PAREN.search(sentence.raw[:aside + 1])
        if named and _someone(named.group(1)):
            return "other"  # "Wenjie (my mentor, senior on the team)": about Wenjie
    hedged = _HEDGE.search(before)
    if hedged and hedged.start() > 0:  # "(basically junior, ...)": the hedge is no word of its own
        before = before[:hedged.start()]
        at = begin + hedged.start()
    label = _LABEL_BEFORE.search(_BULLET.sub("", sentence.text[:at]))
    if label and _MY_LABEL.search(label.group(1)) and not _THEIR_LABEL.search(label.group(1)):
        return "self"  # "context for myself: senior SDE, I lead the fleet-ops backend"
    run = _ME_LABEL_RUN.search(_BULLET.sub("", sentence.text[:at]))
    if run and not rules.other_before.search(before) and not re.search(
            r"\b(?:with|and|by|for|to|from)\b", run.group(1)) and (
            not same or not re.search(r"[A-Z][a-z]", sentence.raw[at - len(run.group(1)):at])):
        return "self"  # "Me: research software engineer, roughly SDE2 level"
    mine = rules.self_before.search(before)
    if mine:
        said = mine.group(0).lstrip(" (")
        # "as a new grad" is the writer's own only when the writer is the subject: "As the
        # senior on the team I offered", not "Jules joined the team as a new grad".
        prefix = _BULLET.sub("", sentence.text[:begin + mine.start()]).strip(" ,;:-")
        after = sentence.text[at:at + 60]
        if said.startswith("as") and prefix and not re.search(r"\b(?:i|i'm|me)\b", prefix) \
                and not _JOINED.match(prefix) and not _TENURE.search(prefix) \
                and (_someone_first(sentence, prefix) or not re.search(r"\bmy\b", prefix)
                     and not re.match(r"[^,.;:]{0,40}?\bi\b", after)):
            return "other"
        return "self"
    if end > at and _SELF_AFTER.match(sentence.text, end):
        return "self"  # "the junior on the team (me) pushed the change"
    if sentence.line_start and not _BULLET.sub("", before) and not (
            end > at and _TOPIC_AFTER.match(sentence.text, end)):
        return "self"  # "SDE1, log team"; not a title that names the topic ("intern thing")
    if end > at and not _BULLET.sub("", before).strip() and _OPENS_FACT.match(sentence.text, end) \
            and not (same and _OPENS_FACT.match(sentence.raw, end) is None):
        return "self"  # "SDE2, maintaining it about a year": a jotted fact opens the sentence
    if end > at and not before.strip() and at == 0 and _FRAGMENT_AFTER.match(sentence.text, end) \
            and re.match(r"\s*(?:(?:eng|engineer|dev|developer)\s+)?(?:(?:on|in|at|for|across)\s|"
                         r",\s*(?:~|about |approx\.? |almost |over )?\d+\+?\s*(?:yrs?|years?|months?|"
                         r"mos?)\b)", sentence.text[end:]):
        return "self"  # "FY23. principal on the data platform, I set ...", "Principal eng, ~6 yrs
        # there": a jotted fact
    if end > at and _FRAGMENT_BEFORE.search(before) and _FRAGMENT_AFTER.match(sentence.text, end) \
            and not (same and _NAME_BEFORE.search(sentence.raw[begin:at])):
        return "self"  # "second project on the team, junior, ~8 months in": a jotted fact
    if before.rstrip().endswith("("):
        raw = sentence.raw[:at] if same else ""
        word = _BEFORE_PAREN.search(raw)
        if word and word.start() > 0 and word.group(1).istitle() and word.group(1) != "I":
            return "other"  # "mentoring Ana (new grad)", not "Engineer I (basically junior)"
        return "self"  # "I was on the data team (SDE2)"
    if rules.other_before.search(before):
        return "other"
    return ""


_ATTRIBUTION = re.compile(r"[\"']\s*[-~]{1,2}\s*$")  # a quotation's closing mark and dash
# Someone's name or handle, then the bracket their level opens: "**rkowalczyk** (staff)",
# "Kiran (SDE2, my mentee)": their level, not the writer's
_THEIR_BRACKET = re.compile(r"(?:\*\*[\w.@-]+\*\*|(?<![\w'’])(?!(?:Me|Myself|My|Mine|Role|Level|Title|Context|"
                            r"Background|Position|Team|Situation|Task|Author|Writer|Note|Notes|Who|"
                            r"About|Status|Owner|Lead|Scope|Setup|Summary)\b)[A-Z][a-z]{2,}"
                            r"(?:\s+[A-Z][a-z]+)?)\s*\(\s*$")


def stated_level(text: str, title: str = "") -> str | None:
    """The level the writer states as their own ("as an SDE1", "I was the senior on the
    team"), or None. With several, the one stated most often, then the first stated."""
    rules = _rules()
    doc = _doc(text, title)
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for level, cues in rules.explicit.items():
        for cue in cues:
            if not cue.possible(doc):
                continue
            for match in _matches(cue.parts[0], doc.text):
                if rules.not_level_after.match(doc.text[match.end():]):
                    continue
                if _QUESTION_MARK.match(doc.text, match.end()):
                    continue  # "me: what's next / staff?": a level asked about, not held
                if _ATTRIBUTION.search(doc.text, max(0, match.start() - 8), match.start()):
                    continue  # '"he owned the adapter for us" - SDE2, Fulfilment': who said it
                if _THEIR_BRACKET.search(doc.text[max(0, match.start() - 40):match.start()]):
                    continue  # "**rkowalczyk** (staff): not comfortable ...": their level
                sentence, start = doc.at(match.start())
                if _whose(sentence, match.start() - start, rules,
                          match.end() - start) == "self":
                    counts[level] = counts.get(level, 0) + 1
                    first[level] = min(first.get(level, match.start()), match.start())
    if not counts:
        return None
    return max(counts, key=lambda level: (counts[level], -first[level]))


def level_scores(text: str, title: str = "") -> dict[str, float]:
    """How far the reach of the work points at each level other than SDE2."""
    rules = _rules()
    doc = _doc(text, title)
    return {level: round(_scope_score(cues, doc, rules), 3)
            for level, cues in rules.scope.items()}


def guess_level(text: str, title: str = "") -> str:
    """The level the notes are pitched at: the writer's own statement when there is one, else
    the reach of the work; SDE2 when nothing points elsewhere."""
    stated = stated_level(text, title)
    return stated if stated is not None else level_by_reach(level_scores(text, title))


def level_by_reach(scores: Mapping[str, float]) -> str:
    """The level the reach of the work points at (``level_scores``); SDE2 when nothing points
    elsewhere."""
    rules = _rules()
    principal, senior = scores.get(_PRINCIPAL, 0.0), scores.get(_SENIOR, 0.0)
    junior = scores.get(_SDE1, 0.0)
    if principal >= rules.thresholds[_PRINCIPAL] or (
            principal >= rules.thresholds[_PRINCIPAL] * 2 / 3
            and senior >= 1.5 * rules.thresholds[_SENIOR]):
        return _PRINCIPAL  # or some Principal reach on top of 1.5 times the Senior evidence
    if senior + principal / 2 >= rules.thresholds[_SENIOR]:
        return _SENIOR
    if junior >= rules.thresholds[_SDE1] and senior < junior:
        return _SDE1
    return DEFAULT_LEVEL
