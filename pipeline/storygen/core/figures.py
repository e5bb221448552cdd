"""Figures in note text: numbers with their units, and before -> after pairs.

"850ms -> 210ms", "from 12 to 3 alerts", "0.3% → 0" and "~$8K/week" are read as the
writer wrote them; the value is normalised (K, M, thousands separators) for comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_UNITS = {
    "%": "%", "percent": "%", "pct": "%", "pp": "pp",
    "ms": "ms", "milliseconds": "ms", "millisecond": "ms",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years",
    "x": "x", "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB",
    "rps": "rps", "qps": "qps", "req/s": "rps",
}
_SCALES = {"k": 1e3, "m": 1e6, "mm": 1e6, "bn": 1e9, "b": 1e9, "thousand": 1e3,
           "million": 1e6, "billion": 1e9}
_CURRENCY = {"$": "$", "€": "€", "£": "£", "usd": "$", "dollars": "$", "eur": "€",
             "euros": "€"}
_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\w.,/+])(?P<cur>[$€£])?\s?(?P<num>{_NUM})"
    rf"(?:(?P<scale>[kKmM]|bn|mm|MM|\s?(?:thousand|million|billion))(?![A-Za-z]))?"
    rf"(?:\s?(?P<unit>{_UNIT_RE})(?![A-Za-z]))?"
    rf"(?:\s?(?P<cur2>usd|dollars|eur|euros)\b)?"
    rf"(?:\s?/\s?(?P<per>week|wk|day|month|mo|year|yr|hour|hr|request|user))?",
    re.IGNORECASE,
)
_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", FIGURE.pattern)
_ZERO = r"zero|none|nothing"
_ARROW = r"\s*(?:->|-->|→|=>|⇒|➜)\s*"
_TARGET = rf"(?:{_PLAIN}|\b(?:{_ZERO})\b)"
DELTA = re.compile(
    rf"(?:\bfrom\s+(?P<a1>{_PLAIN})(?:\s+(?:a|an|per)\s+[a-z]+)?\s+(?:down\s+|up\s+)?to\s+"
    rf"(?P<b1>{_TARGET}))"
    rf"|(?:(?P<a2>{_PLAIN}){_ARROW}(?P<b2>{_TARGET}))",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(r"\s+([a-z][a-z-]{2,})")
_NOT_NOUNS = frozenset({"to", "of", "and", "or", "in", "on", "at", "by", "for", "from", "the",
                        "a", "an", "per", "than", "more", "less", "after", "before", "with"})


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written ("$8K/week"), its value (8000.0) and unit ("$", "ms", "count")."""

    text: str
    value: float
    unit: str
    per: str = ""
    noun: str = ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text, "value": self.value, "unit": self.unit}
        if self.per:
            out["per"] = self.per
        if self.noun:
            out["noun"] = self.noun
        return out


@dataclass(frozen=True, slots=True)
class Delta:
    """A before -> after pair, with the words naming what changed ("drop rate")."""

    text: str
    before: Figure
    after: Figure
    metric: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "before": self.before.as_dict(),
                "after": self.after.as_dict(), "metric": self.metric}


_ID_AFTER = re.compile(r"^[A-Za-z0-9_]")


def _figure(match: re.Match[str], text: str) -> Figure | None:
    groups = match.groupdict()
    raw = match.group(0).strip()
    number = groups.get("num")
    if number is None:
        return None
    value = float(number.replace(",", ""))
    scale = (groups.get("scale") or "").strip().lower()
    value *= _SCALES.get(scale, 1.0)
    currency = groups.get("cur") or _CURRENCY.get((groups.get("cur2") or "").lower(), "")
    unit = currency or _UNITS.get((groups.get("unit") or "").lower(), "")
    per = (groups.get("per") or "").lower()
    noun = ""
    if not unit:
        follow = _COUNT_NOUN.match(text, match.end())
        if follow and follow.group(1) not in _NOT_NOUNS:
            noun = follow.group(1)
        unit = "count"
    return Figure(raw, value, unit, per, noun)


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` in order; numbers glued to letters (SDE2, p99, v2) are names."""
    found = []
    for match in FIGURE.finditer(text):
        end = match.end()
        if end < len(text) and _ID_AFTER.match(text[end]) and not match.group("unit"):
            continue
        figure = _figure(match, text)
        if figure is not None:
            found.append(figure)
    return found


def _target(raw: str) -> Figure:
    if re.fullmatch(_ZERO, raw.strip(), re.IGNORECASE):
        return Figure(raw.strip(), 0.0, "")
    match = FIGURE.search(raw)
    figure = _figure(match, raw) if match else None
    return figure or Figure(raw.strip(), 0.0, "")


_METRIC_SKIP = frozenset({"went", "fell", "dropped", "rose", "grew", "cut", "reduced", "was",
                          "is", "were", "are", "improved", "increased", "decreased", "down",
                          "up", "the", "a", "an", "our", "my", "their", "its", "it", "and",
                          "from", "by", "brought", "took", "got"})


_DETERMINER = re.compile(r"\b(?:the|our|my|their|its)\s+", re.IGNORECASE)


def _metric(text: str, start: int) -> str:
    """The words naming what changed: "After the rollout the p99 went" -> "p99"."""
    head = re.split(r"[,;:.()\-–—>]", text[:start])[-1]
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
        if after.unit in ("", "count") and before.unit not in ("count", ""):
            after = Figure(after.text, after.value, before.unit, before.per, before.noun)
        deltas.append(Delta(match.group(0).strip(), before, after, _metric(text, match.start())))
    return deltas
