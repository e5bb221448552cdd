"""Grounding (GRD001): every figure a story claims must come from its notes."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from storygen.checks.rules.base import (
    SECTION_LABELS,
    Context,
    Example,
    Hit,
    NotesFigures,
    get,
    items,
    numbers,
    sentences,
    story_rule,
)
from storygen.core.figures import find_deltas
from storygen.core.findings import Severity
from storygen.core.numbers import COUNT, DURATION, MULTIPLIER, Figure, figure_keys, find_figures, keys_of, supports
from storygen.core.text import fold
from storygen.story import kb


@functools.lru_cache(maxsize=64)
def notes_figures(text: str, label: str) -> NotesFigures:
    """The figures of a notes text as value-and-unit keys ("$8K" and "8,000 dollars" are
    both 8000 dollars); a before -> after pair whose ratio is 2, 3, 4 or 0.5 also holds
    "doubled", "tripled", "quadrupled" or "halved"."""
    keys = set(keys_of(find_figures(text)))
    for delta in find_deltas(text):
        ratio = delta.ratio
        for times in (2.0, 3.0, 4.0, 0.5):
            if ratio is not None and abs(ratio - times) < 1e-9:
                keys.update(figure_keys(Figure(str(times), times, MULTIPLIER)))
    return NotesFigures(label, frozenset(keys), _words(text))


def claim_fields(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Pointer, label and text of every field that states facts (see the rules spec)."""
    for key in ("summary", "analysis"):
        yield "/overview/" + key, f"Overview {key}", get(data, "overview", key)
    for name, label in SECTION_LABELS.items():
        yield f"/sections/{name}/strong_example", label, get(data, "sections", name,
                                                             "strong_example")
        for i, phrase in items(data, "sections", name, "key_phrases"):
            yield f"/sections/{name}/key_phrases/{i}", f"{label} key phrase {i + 1}", phrase
    reflections = get(data, "reflections")
    if isinstance(reflections, Mapping):
        for key, text in reflections.items():
            name = {"sde2": "SDE2", "senior": "Senior"}.get(str(key), str(key))
            yield f"/reflections/{key}", f"{name} reflection", text
    for i, _ in items(data, "probes"):
        for part, field, label in (("weak", "answer", "weak answer"),
                                   ("strong", "answer", "strong answer"),
                                   ("strong", "key_quote", "key quote")):
            yield (f"/probes/{i}/{part}/{field}", f"Probe {i + 1} {label}",
                   get(data, "probes", i, part, field))
    yield "/weak_answer/text", "Weak answer", get(data, "weak_answer", "text")


def prose_fields(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """Pointer, label, text and own-structure figures of every prose field of a story.

    The last item is text holding the figures the story itself sets for that field (a
    section's ``target_seconds`` in that section's coaching, a level variant's time limit in
    its own focus and bar): those figures are the story's structure, not claims.
    """
    for key in ("summary", "analysis"):
        yield "/overview/" + key, f"Overview {key}", get(data, "overview", key), ""
    for i, text in items(data, "overview", "takeaways"):
        yield f"/overview/takeaways/{i}", f"Takeaway {i + 1}", text, ""
    for name, label in SECTION_LABELS.items():
        seconds = get(data, "sections", name, "target_seconds")
        own = f"{seconds} seconds" if isinstance(seconds, int) else ""
        yield f"/sections/{name}/strong_example", label, get(data, "sections", name,
                                                             "strong_example"), ""
        for i, phrase in items(data, "sections", name, "key_phrases"):
            yield f"/sections/{name}/key_phrases/{i}", f"{label} key phrase {i + 1}", phrase, ""
        for key, what in (("coaching", "coaching"), ("common_mistake", "common mistake")):
            yield (f"/sections/{name}/{key}", f"{label} {what}",
                   get(data, "sections", name, key), own)
    reflections = get(data, "reflections")
    if isinstance(reflections, Mapping):
        for key, text in reflections.items():
            name = {"sde2": "SDE2", "senior": "Senior"}.get(str(key), str(key))
            yield f"/reflections/{key}", f"{name} reflection", text, ""
    for i, _ in items(data, "probes"):
        for part, field, label in (("question", None, "question"),
                                   ("probes", None, "probes"),
                                   ("weak", "answer", "weak answer"),
                                   ("weak", "why", "weak answer why"),
                                   ("strong", "answer", "strong answer"),
                                   ("strong", "key_quote", "key quote")):
            path = (part,) if field is None else (part, field)
            yield (f"/probes/{i}/" + "/".join(path), f"Probe {i + 1} {label}",
                   get(data, "probes", i, *path), "")
    yield "/weak_answer/text", "Weak answer", get(data, "weak_answer", "text"), ""
    for i, text in items(data, "weak_answer", "critique"):
        yield f"/weak_answer/critique/{i}", f"Critique {i + 1}", text, ""
    yield "/weak_answer/bar_raiser", "Bar raiser verdict", get(data, "weak_answer",
                                                               "bar_raiser"), ""
    for i, _ in items(data, "quizzes"):
        yield f"/quizzes/{i}/question", f"Quiz {i + 1} question", get(data, "quizzes", i,
                                                                       "question"), ""
        for j, text in items(get(data, "quizzes", i), "options"):
            yield f"/quizzes/{i}/options/{j}", f"Quiz {i + 1} option {j + 1}", text, ""
        yield (f"/quizzes/{i}/explanation", f"Quiz {i + 1} explanation",
               get(data, "quizzes", i, "explanation"), "")
    for i, _ in items(data, "principle_variants"):
        for key in ("angle", "emphasize", "downplay"):
            yield (f"/principle_variants/{i}/{key}", f"Principle variant {i + 1} {key}",
                   get(data, "principle_variants", i, key), "")
    for i, _ in items(data, "level_variants"):
        limit = get(data, "level_variants", i, "time_limit_seconds")
        own = ""
        if isinstance(limit, Mapping):
            low, high = limit.get("min"), limit.get("max")
            if isinstance(low, int) and isinstance(high, int):
                own = (f"{low} seconds; {high} seconds; {low}-{high} seconds; "
                       f"{low / 60:g}-{high / 60:g} minutes")
        for key in ("focus", "reflection", "bar"):
            yield (f"/level_variants/{i}/{key}", f"Level variant {i + 1} {key}",
                   get(data, "level_variants", i, key), own)


@functools.cache
def kb_sentences() -> frozenset[str]:
    """Every sentence of the shipped knowledge base, folded: text the drafter takes from
    the knowledge base verbatim (rubrics, coaching, time limits) is not a claim."""
    found: set[str] = set()
    for text in kb.all_texts():
        found.add(fold(text))
        found.update(fold(text[span.start:span.end]) for span in sentences(text))
    return frozenset(found)


@functools.cache
def _kb_templates() -> re.Pattern[str] | None:
    """The knowledge base's sentence templates ("Aim for {seconds} seconds at most."), each
    slot matching a short stretch, as one pattern over folded sentences."""
    patterns = {re.sub(r"\\\{[a-z_]+\\\}", ".{1,40}?", re.escape(sentence))
                for sentence in kb_sentences() if re.search(r"\{[a-z_]+\}", sentence)}
    return re.compile("|".join(sorted(patterns))) if patterns else None


@functools.lru_cache(maxsize=4096)
def from_kb(sentence: str) -> bool:
    """Whether a sentence is the knowledge base's own text (verbatim, or a filled template)."""
    folded = fold(sentence)
    if folded in kb_sentences():
        return True
    templates = _kb_templates()
    return templates is not None and templates.fullmatch(folded) is not None


_ANSWER_NOUNS = frozenset({"", "sentence", "sentences", "word", "words", "example", "examples",
                           "point", "points", "metric", "metrics", "question", "questions",
                           "detail", "details", "number", "numbers", "figure", "figures",
                           "step", "steps", "story", "stories", "times", "things"})


def _advice(figure: Figure) -> bool:
    """A figure about the answer itself (speaking time, how many sentences or examples)."""
    if figure.unit == DURATION:
        return True
    return figure.unit == COUNT and figure.value <= 10 and figure.noun in _ANSWER_NOUNS


def ungrounded(text: str, known: frozenset[Any], own: str = "",
               advice: bool = False) -> Iterator[tuple[Figure, int]]:
    """Each figure of ``text`` (first of its value) the notes do not hold, with the offset
    of its sentence. Exempt: figures in a sentence that is the knowledge base's own text,
    figures equal to the story's own structural figures (``own``), and, in an advice field
    (``advice``: coaching, a common mistake, a level's focus or bar), figures about the
    answer itself (a speaking time, "three 'I' sentences")."""
    allowed = known | keys_of(find_figures(own)) if own else known
    seen: set[object] = set()
    spans = sentences(text)
    for figure in numbers(text):
        if figure.key in seen or supports(allowed, figure) or (advice and _advice(figure)):
            continue
        span = next((s for s in spans if s.start <= figure.span[0] < s.end), None)
        if span is not None and from_kb(text[span.start:span.end]):
            continue
        if from_kb(text):
            continue
        seen.add(figure.key)
        yield figure, span.start if span is not None else figure.span[0]


ADVICE = re.compile(r"/(coaching|common_mistake|focus|bar)$")
"""Pointers of the advice fields: they speak about the answer, not about what happened."""


def _where(text: str, offset: int, label: str) -> tuple[int | None, str]:
    spans = sentences(text)
    for number, span in enumerate(spans, 1):
        if span.start <= offset < span.end:
            return span.start, f"{label} sentence {number}" if len(spans) > 1 else label
    return None, label


@story_rule(
    "GRD001", "figure-not-in-notes", Severity.ERROR,
    "a number in a prose field that the story's notes do not contain",
    passing=[Example({"sections": {"result": {"strong_example":
                                              "It recovered $8,000 a week, a 0.3% gain."}}},
                     notes="- ~$8K/week recovered\n- drop rate 0.3 percent"),
             Example({"sections": {"result": {"strong_example":
                                              "It saved two million dollars in ten days."}}},
                     notes="- saved $2M\n- took 10 days"),
             Example({"sections": {"result": {"strong_example": "Throughput doubled."}}},
                     notes="- throughput 400 rps -> 800 rps"),
             Example({"overview": {"summary": "As an SDE2 I moved our S3 data to EC2."}},
                     notes="no figures here"),
             Example({"sections": {"result": {"target_seconds": 45,
                                              "coaching": "Aim for 45 seconds at most."}}},
                     notes="no figures here")],
    failing=[Example({"sections": {"result": {"strong_example": "It recovered $9,000 a week."}}},
                     notes="- ~$8K/week recovered"),
             Example({"sections": {"result": {"strong_example": "Errors fell by 40%."}}},
                     notes="- errors on 40 hosts"),
             Example({"sections": {"result": {"strong_example": "Builds got 4x faster."}}},
                     notes="- builds 4% faster"),
             Example({"sections": {"result": {"strong_example": "It saved two million dollars."}}},
                     notes="- 2 hosts retired"),
             Example({"weak_answer": {"bar_raiser": "No Hire: it hides the 7 outages."}},
                     notes="- no outages named"),
             Example({"quizzes": [{"options": ["I cut latency by 250ms."]}]},
                     notes="- latency went down")],
)
def grd001(ctx: Context) -> Iterator[Hit]:
    """A story must not invent numbers. Every figure in a prose field (the overview's summary,
    analysis and takeaways; each card's strong example, key phrases, coaching and common
    mistake; the reflections; each probe's question, what it probes, both answers, why the
    weak one is weak and the key quote; the weak answer, its critique and bar-raiser verdict;
    the quizzes' questions, options and explanations; the principle and level variants) must
    appear in the story's notes: the file named by
    `provenance.notes`, or the one given with `--notes`. A figure matches by value and
    unit: "$8K", "$8,000", "8000 dollars" and "eight thousand dollars" are the same
    figure; "2 min" is "120s"; "two million dollars" is "$2M". A different unit is a
    different figure: "40%" is not held by "40 hosts", nor "4x" by "4%". Number words
    count ("ten days", "a dozen", "doubled"; "doubled" is held by "2x" or by a before ->
    after pair that doubles). A range in the notes ("$8-10K") holds each end and itself.
    Digits inside names (SDE2, S3, EC2, IPv4, p99, COVID-19, 2FA) are not figures. Text is
    exempt by where it comes from: a sentence that is the knowledge base's own text (a
    rubric, a coaching line, a level's time limit), the story's own structure (a section's
    target_seconds in its coaching, a level variant's time limit in its focus and bar), and
    in the advice fields (coaching, common mistake, a level's focus and bar) figures about
    the answer itself ("90 seconds", "three 'I' sentences"). Without notes the rule is
    skipped, and the run says so.
    """
    if ctx.notes is None:
        return
    known = ctx.notes.keys
    for pointer, label, text, own in prose_fields(ctx.data):
        if not isinstance(text, str):
            continue
        for figure, offset in ungrounded(text, known, own, bool(ADVICE.search(pointer))):
            _, where = _where(text, offset, label)
            yield Hit(pointer, f"figure '{figure.text}' in {where} is not in the notes "
                               f"({ctx.notes.label}): use only figures from the notes or add "
                               "it there", offset)


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_NAME = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*")
_STOP_TEXT = """
i i'm i've i'd i'll we a an the my our it this that these those then so but and or if
when while after before as at by for from in of on to with what why how who where which
one two amazon aws monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december english ok
okay yes no not q1 q2 q3 q4 h1 h2 p50 p90 p95 p99 p999 slo sla sli kpi okr api apis ui
ux ci cd qa pr prs pm pms sde sde1 sde2 sde3 vp l4 l5 l6 l7 ceo cto eng dev ops devops
oncall on-call ai ml us eu uk usa json yaml html css sql http https url urls id ids db
dbs tl dr tl;dr star lp lps
"""
_STOP = frozenset(_STOP_TEXT.split())
"""Common capitalised words that name nothing from a story."""


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _WORD.findall(text))


@functools.cache
def kb_words() -> frozenset[str]:
    """Every word of the shipped knowledge base, folded: its principles, levels, section
    names and STAR words are the drafter's vocabulary, not names from a story."""
    return frozenset(word for text in kb.all_texts() for word in _words(text))


def _is_name(token: str, initial: bool) -> bool:
    inner = token[1:]
    if any(ch.isupper() for ch in inner) or any(ch.isdigit() for ch in token):
        return True  # CamelCase, ALLCAPS, S3-like: a name wherever it stands
    return token[0].isupper() and not initial


def names(text: str) -> Iterator[tuple[str, int]]:
    """Each word of ``text`` shaped like a name (CamelCase, capitals, digits inside, or a
    capitalised word that does not open a sentence), with its offset."""
    for span in sentences(text):
        part = text[span.start:span.end]
        first = True
        for match in _NAME.finditer(part):
            token = match.group()
            if _is_name(token, first) and len(token) != 1:
                yield token, span.start + match.start()
            first = part[match.end():match.end() + 2].startswith((": ", '"'))


def unknown_names(text: str, notes_words: frozenset[str],
                  story_words: frozenset[str] = frozenset()) -> Iterator[tuple[str, int]]:
    """Each name in ``text`` (first of its spelling) that the notes never mention and that is
    no word of the knowledge base, of the stop list, or of ``story_words``."""
    seen: set[str] = set()
    for token, offset in names(text):
        parts = [word.lower() for word in _WORD.findall(token)]
        if not parts or token.lower() in seen:
            continue
        if all(word in notes_words or word in _STOP or word in kb_words()
               or word in story_words for word in parts):
            continue
        if any(not any(ch.isalpha() for ch in word) for word in parts):
            continue
        seen.add(token.lower())
        yield token, offset


@story_rule(
    "GRD004", "name-not-in-notes", Severity.WARNING,
    "a named system, tool, service, team or person that the story's notes never mention",
    passing=[Example({"sections": {"action": {"strong_example":
                                              "I moved the Orders service to DynamoDB."}}},
                     notes="- moved orders service to dynamodb"),
             Example({"overview": {"summary": "I showed Ownership and Bias for Action."}},
                     notes="no names here")],
    failing=[Example({"sections": {"action": {"strong_example":
                                              "I moved the queue to Kubernetes."}}},
                     notes="- moved the queue to a new cluster"),
             Example({"sections": {"result": {"strong_example":
                                              "Then Priya from the Payments team agreed."}}},
                     notes="- the other team agreed")],
)
def grd004(ctx: Context) -> Iterator[Hit]:
    """A story must not invent names. A named system, tool, service, team or person in any
    prose field (a CamelCase or all-capitals word, a word with digits in it, or a
    capitalised word that does not open a sentence) must appear in the notes, in any case.
    The knowledge base's own words (principles, levels, STAR and section names, every word
    of its texts) and common capitalised words ("I", "Amazon", "Monday") are not names.
    Without notes the rule is skipped.
    """
    if ctx.notes is None or not ctx.notes.words:
        return
    story_words = frozenset(word for key in ("company", "role", "principle", "level")
                            if isinstance(ctx.data.get(key), str)
                            for word in _words(str(ctx.data.get(key))))
    for pointer, label, text, _own in prose_fields(ctx.data):
        if not isinstance(text, str):
            continue
        for token, offset in unknown_names(text, ctx.notes.words, story_words):
            start, where = _where(text, offset, label)
            yield Hit(pointer, f"name '{token}' in {where} is not in the notes "
                               f"({ctx.notes.label}): name only what the notes name, or add "
                               "it there", start)
