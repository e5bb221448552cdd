"""Before -> after pairs in note text, read with the number grammar of ``core.numbers``.

"850ms -> 210ms", "from 12 to 3 alerts", "0.3% → 0" and "~$8K/week" are found by shape here;
what each side means (value and unit) is always read by ``core.numbers.parse_figure``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from storygen.core.numbers import BYTES, CLOCK, COUNT, DATE, DURATION, RATE, Figure, find_figures, parse_figure

__all__ = ["DELTA", "FIGURE", "Delta", "Figure", "find_deltas", "find_figures"]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_UNIT_SHAPES = (
    "%", "percent", "pct", "pp", "ms", "milliseconds", "millisecond", "s", "sec", "secs",
    "second", "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "x", "kb", "mb", "gb",
    "tb", "rps", "qps", "req/s",
)
_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNIT_SHAPES), key=len, reverse=True))
# The shape of a figure, for finding and rewriting text around figures ("from A to B");
# what a match means is read by core.numbers, never from these groups.
FIGURE = re.compile(
    rf"(?<![\w.,/+])(?:[$€£])?\s?(?:{_NUM})"
    rf"(?:(?:[kKmM]|bn|mm|MM|\s?(?:thousand|million|billion))(?![A-Za-z]))?"
    rf"(?:\s?(?:{_UNIT_RE})(?![A-Za-z]))?"
    rf"(?:\s?(?:usd|dollars|eur|euros)\b)?"
    rf"(?:\s?/\s?(?:week|wk|day|month|mo|year|yr|hour|hr|request|user))?",
    re.IGNORECASE,
)
# Units whose value is scaled when read ("850ms" is 0.85 s): a bare "210" is not in them.
_SCALED = frozenset({DURATION, BYTES, RATE, CLOCK, DATE})
_ZERO = r"zero|none|nothing"
_ARROW = r"\s*(?:->|-->|→|=>|⇒|➜)\s*"
_TARGET = rf"(?:{FIGURE.pattern}|\b(?:{_ZERO})\b)"
DELTA = re.compile(
    rf"(?:\bfrom\s+(?P<a1>{FIGURE.pattern})(?:\s+(?:a|an|per)\s+[a-z]+)?\s+(?:down\s+|up\s+)?"
    rf"to\s+(?P<b1>{_TARGET}))"
    rf"|(?:(?P<a2>{FIGURE.pattern}){_ARROW}(?P<b2>{_TARGET}))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Delta:
    """A before -> after pair, with the words naming what changed ("drop rate")."""

    text: str
    before: Figure
    after: Figure
    metric: str = ""

    @property
    def ratio(self) -> float | None:
        """after / before when both are the same unit and before is not zero."""
        if self.before.unit != self.after.unit or not self.before.value:
            return None
        return self.after.value / self.before.value

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "before": self.before.as_dict(),
                "after": self.after.as_dict(), "metric": self.metric}


def _target(raw: str) -> Figure:
    text = raw.strip()
    if re.fullmatch(_ZERO, text, re.IGNORECASE):
        return Figure(text, 0.0, COUNT, (0, len(text)))
    figure = parse_figure(text)
    if figure is None:
        return Figure(text, 0.0, COUNT, (0, len(text)))
    return replace(figure, text=text) if figure.span == (0, len(text)) else figure


_METRIC_SKIP = frozenset({"went", "fell", "dropped", "rose", "grew", "cut", "reduced", "was",
                          "is", "were", "are", "improved", "increased", "decreased", "down",
                          "up", "the", "a", "an", "our", "my", "their", "its", "it", "and",
                          "from", "by", "brought", "took", "got"})


_DETERMINER = re.compile(r"\b(?:the|our|my|their|its)\s+", re.IGNORECASE)
_CLAUSE_MARKS = ",;:.()-–—>"


_FIGURE_TOKEN = re.compile(r"(?<![\w.])[~$€£]?\d[\w.,%$]*(?:/[A-Za-z]+)?")


def _metric(text: str, start: int) -> str:
    """The words naming what changed: "After the rollout the p99 went" -> "p99"."""
    window = max(0, start - 200)  # the metric is named just before its figures
    cut = max(window - 1, *(text.rfind(mark, window, start) for mark in _CLAUSE_MARKS))
    head = text[cut + 1:start]
    # "~120/wk -> ~15/wk / rating 2.9 -> 3.8": the words after the last figure, never a figure
    head = _FIGURE_TOKEN.split(head)[-1]
    determiners = list(_DETERMINER.finditer(head))
    if determiners:
        head = head[determiners[-1].end():]
    words = [w for w in re.findall(r"[\w'’-]+", head) if w.lower() not in _METRIC_SKIP]
    return " ".join(words[-3:])


def find_deltas(text: str) -> list[Delta]:
    """Before -> after pairs: "from A to B", "A -> B", "A → zero"."""
    deltas = []
    for match in DELTA.finditer(text):
        a = match.group("a1") or match.group("a2")
        b = match.group("b1") or match.group("b2")
        before, after = _target(a), _target(b)
        if after.unit == COUNT and before.unit != COUNT and (
                after.value == 0 or before.unit not in _SCALED):
            after = replace(after, unit=before.unit, currency=before.currency, per=before.per,
                            noun=before.noun)
        deltas.append(Delta(match.group(0).strip(), before, after, _metric(text, match.start())))
    return deltas
