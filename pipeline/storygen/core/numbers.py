"""Figures in text: the one number grammar of storygen.

The fact sheet, the drafters, GRD001 and every rule that asks "does this text have a
number" read figures here, so a figure means the same thing everywhere: a value and a unit.

``find_figures(text)`` returns each :class:`Figure` in order. A figure is

- digits with separators and decimals: ``8,000``, ``0.3``;
- with a currency (``$ € £ ¥ ₹`` before, or "dollars", "USD", "euros"... after, or
  "USD 8,000"): unit ``money``, the sign kept in ``currency``;
- with a scale: ``K``, ``M``, ``MM``, ``B``, ``bn`` glued on (``$8K``, ``2.5M``,
  ``$1.2bn``; a lower-case ``m``/``b`` is a scale only after a currency sign) or a word
  after ("8 thousand", "1.2 million");
- number words: "ten", "three hundred", "twenty-five", "two million", "a dozen";
  "doubled"/"twice" (2x), "tripled" (3x), "quadrupled" (4x), "halved"/"half" (0.5x).
  "one" and "zero" are figures only with a unit ("one week", "zero percent"), not in
  "no one", "one of us" or "drop to zero";
- a range, ``A-B`` or ``A–B``: ``$8-10K`` is 8000..10000 dollars, ``5-10%``, ``2-3x``,
  "2–3 days": the first end takes the second's currency, scale and unit;
- with a unit: ``percent`` (``%``, "percent", "per cent", "pct"), ``pp`` (``pp``,
  "percentage points"), ``multiplier`` (``4x``, ``×``, "3 times faster"), ``duration``
  (``850ms``, ``3s``, ``5 min``, "2 weeks", "5-minute"; in seconds, so ``2 min`` equals
  ``120s``; a month is 30 days, a year 365; a lower-case glued ``m`` is minutes),
  ``bytes`` (``KB``/``MB``/``GB``/``TB``/``PB`` in powers of 1000, ``KiB``... in powers of
  1024), ``rate`` (``rps``, ``qps``, ``tps``, "req/s", "requests per second"; per second,
  ``rpm`` divided by 60), ``clock`` (``05:00``, ``9:12``, ``5pm``; minutes after midnight,
  one figure), ``date`` (``2024-03-15``; a date only matches the same date), or ``count``
  (anything else, with the noun that follows kept in ``noun``);
- "~", "about", "around", "roughly", "approximately", "nearly", "almost" before a figure
  set ``approx``; the value is still the value written.

Identifiers are not figures: digits glued to letters before them (SDE2, S3, EC2, L6,
IPv4, p99, v1.2.3, COVID-19), to letters after them that are not a unit (2FA, 4xx, 3rd),
dotted runs (1.1.1.1, v1.2.3), ratios (24/7, 1:1). ``p99`` names a percentile, not an amount:
it is no figure, and neither is "99th".

Comparing: :func:`supports` says whether the figures of some notes hold a figure of a
story: same unit, same value (and same currency for money). A range in the notes holds
each end and the range itself. A story range is held by the same range or by both ends.

Every pattern here is linear in its input: a token is found by one greedy character
class, checked by a bounded parse (tokens over 64 characters are not figures), and words
are looked at only right after a figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

MONEY = "money"
PERCENT = "percent"
POINTS = "pp"
MULTIPLIER = "multiplier"
DURATION = "duration"
CLOCK = "clock"
DATE = "date"
BYTES = "bytes"
RATE = "rate"
COUNT = "count"
UNITS = (MONEY, PERCENT, POINTS, MULTIPLIER, DURATION, CLOCK, DATE, BYTES, RATE, COUNT)

_CURRENCY_SIGNS = "$€£¥₹"
_CURRENCY_WORDS = {"dollar": "$", "dollars": "$", "usd": "$", "bucks": "$", "euro": "€",
                   "euros": "€", "eur": "€", "pound": "£", "pounds": "£", "gbp": "£",
                   "yen": "¥", "jpy": "¥", "rupee": "₹", "rupees": "₹", "inr": "₹"}
_MINUTE, _HOUR, _DAY = 60.0, 3600.0, 86400.0
_DURATIONS = {
    "ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "msec": 1e-3, "msecs": 1e-3,
    "millisecond": 1e-3, "milliseconds": 1e-3, "s": 1.0, "sec": 1.0, "secs": 1.0,
    "second": 1.0, "seconds": 1.0, "m": _MINUTE, "min": _MINUTE, "mins": _MINUTE,
    "minute": _MINUTE, "minutes": _MINUTE, "h": _HOUR, "hr": _HOUR, "hrs": _HOUR,
    "hour": _HOUR, "hours": _HOUR, "d": _DAY, "day": _DAY, "days": _DAY, "w": 7 * _DAY,
    "wk": 7 * _DAY, "wks": 7 * _DAY, "week": 7 * _DAY, "weeks": 7 * _DAY, "mo": 30 * _DAY,
    "month": 30 * _DAY, "months": 30 * _DAY, "y": 365 * _DAY, "yr": 365 * _DAY,
    "yrs": 365 * _DAY, "year": 365 * _DAY, "years": 365 * _DAY,
}
_BYTES = {"b": 1.0, "byte": 1.0, "bytes": 1.0, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
          "pb": 1e15, "kib": 2.0 ** 10, "mib": 2.0 ** 20, "gib": 2.0 ** 30, "tib": 2.0 ** 40}
_RATES = {"rps": 1.0, "qps": 1.0, "tps": 1.0, "rpm": 1 / 60, "req/s": 1.0,
          "requests per second": 1.0, "queries per second": 1.0}
_PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct"})
_POINT_WORDS = frozenset({"pp", "percentage point", "percentage points"})
_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}

# A token: an optional currency sign, then a digit not glued to a word, a dot, a separator
# or a dash before it, then one greedy run of the characters a figure can hold.
# The first character is a currency sign before a digit, or a digit not glued to a word, a
# dot, a separator or a dash (a charset first, so the scan skips other text quickly).
_TOKEN = re.compile(r"(?:[$€£¥₹](?=[0-9])|[0-9](?<![\w.,:/\-–][0-9])(?<!\w\+[0-9]))"
                    r"[0-9A-Za-z.,:%\-–/$€£¥₹µμ×]*")
_MAX_TOKEN = 64
_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_SIDE = re.compile(rf"(?P<cur>[$€£¥₹])?(?P<num>{_NUM})(?P<suf>[A-Za-zµμ%×]*)")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?([AaPp][Mm])?")
_HOUR_CLOCK = re.compile(r"(1[0-2]|0?[1-9])([AaPp][Mm])")
_DATE = re.compile(r"([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
_PER = re.compile(r"/(?P<per>[A-Za-z]+)")
_TRAILING = ".,:;/-–"

_UNIT_WORD = (r"per cent|percent|pct|percentage points?|pp|dollars?|usd|bucks|euros?|eur"
              r"|pounds?|gbp|yen|jpy|rupees?|inr|milliseconds?|msecs?|ms|seconds?|secs?"
              r"|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|×"
              r"|times(?= (?:faster|slower|more|less|fewer|higher|lower|bigger|smaller"
              r"|cheaper|larger|over|as)\b)"
              r"|[kmgtp]i?b|bytes?|rps|qps|tps|rpm|req/s|requests per second"
              r"|queries per second")
_AFTER_SCALE = re.compile(r"[ \u00a0](?P<scale>hundred|thousand|million|billion)\b",
                          re.IGNORECASE)
_AFTER_UNIT = re.compile(rf"[ \u00a0]?(?P<unit>{_UNIT_WORD})(?![\w])", re.IGNORECASE)
_AFTER_UNIT_WORDS = re.compile(rf"[ \u00a0-]?(?P<unit>{_UNIT_WORD})(?![\w])", re.IGNORECASE)
_BEFORE_CODE = re.compile(r"(?:USD|EUR|GBP|INR|JPY)[ \u00a0]?$")
_APPROX_WORDS = frozenset({"about", "around", "roughly", "approximately", "approx", "approx.",
                           "nearly", "almost", "some", "circa", "ca."})
_COUNT_NOUN = re.compile(r"[ \u00a0]([a-z][a-z-]{2,})")
_NOT_NOUNS = frozenset({"to", "of", "and", "or", "in", "on", "at", "by", "for", "from", "the",
                        "a", "an", "per", "than", "more", "less", "after", "before", "with"})

_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_TIMES_WORDS = {"doubled": 2.0, "twice": 2.0, "tripled": 3.0, "trebled": 3.0, "thrice": 3.0,
                "quadrupled": 4.0, "halved": 0.5, "half": 0.5}
_NUMBER_WORDS = {**_ONES, **_TENS}
_WORD_START_PATTERN = r"\b(?:" + "|".join(
    sorted([*_NUMBER_WORDS, *_SCALE_WORDS, "dozen", *_TIMES_WORDS], key=len, reverse=True)) + r")\b"
_WORD_START = re.compile(_WORD_START_PATTERN)  # on lower-cased text: much faster than IGNORECASE
_WORD_START_ANY_CASE = re.compile(_WORD_START_PATTERN, re.IGNORECASE)
_WORD_NEXT = re.compile(r"(?:[ \u00a0]|-)(?:and )?([A-Za-z]+)\b")
_A_BEFORE = re.compile(r"\b(?:a|an|one)[ \u00a0]$", re.IGNORECASE)
_DIGIT_OR_WORD = re.compile(r"[0-9]")


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as written (``text``, ``span``) and what it means (``value``, ``unit``).

    ``value`` is normalised: ``$8K`` is 8000.0 ``money`` with ``currency`` "$", ``2 min``
    is 120.0 ``duration``, ``40%`` is 40.0 ``percent``, ``05:00`` is 300.0 ``clock``.
    A range has its low end in ``value`` and its high end in ``high``.
    """

    text: str
    value: float
    unit: str
    span: tuple[int, int] = (0, 0)
    currency: str = ""
    high: float | None = None
    approx: bool = False
    per: str = ""
    noun: str = ""
    spelled: bool = False

    @property
    def digits(self) -> bool:
        """Written with digits (not "ten", "doubled")."""
        return not self.spelled

    @property
    def key(self) -> Key:
        """What a story's figure is compared by: unit, currency and the value (or range)."""
        return _key(self.unit, self.currency, self.value,
                    self.value if self.high is None else self.high)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text, "value": self.value, "unit": self.unit}
        for name in ("currency", "high", "per", "noun"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.approx:
            out["approx"] = True
        return out


Key = tuple[str, str, float, float]


def _norm(value: float) -> float:
    return float(f"{value:.9g}")


def _key(unit: str, currency: str, low: float, high: float) -> Key:
    return (unit, currency, _norm(low), _norm(high))


def figure_keys(figure: Figure) -> tuple[Key, ...]:
    """The keys a notes figure holds: its value, or a range and each of its ends."""
    if figure.high is None:
        return (figure.key,)
    low = _key(figure.unit, figure.currency, figure.value, figure.value)
    high = _key(figure.unit, figure.currency, figure.high, figure.high)
    return (figure.key, low, high)


def keys_of(figures: Iterable[Figure]) -> frozenset[Key]:
    """Every key the figures of some notes hold."""
    return frozenset(k for figure in figures for k in figure_keys(figure))


def supports(keys: frozenset[Key], figure: Figure) -> bool:
    """Whether notes holding ``keys`` hold the story figure ``figure`` (value and unit)."""
    if figure.key in keys:
        return True
    if figure.high is None:
        return False
    unit, currency = figure.unit, figure.currency
    return (_key(unit, currency, figure.value, figure.value) in keys
            and _key(unit, currency, figure.high, figure.high) in keys)


# --- digits ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Side:
    currency: str
    value: float
    scale: float | None
    unit: str | None
    factor: float


def _suffix(suffix: str, currency: str) -> tuple[float | None, str | None, float] | None:
    """(scale, unit, factor) for the letters glued to a number; None for a name."""
    if not suffix:
        return None, None, 1.0
    if suffix in ("k", "K"):
        return 1e3, None, 1.0
    if suffix in ("M", "MM", "mn", "Mn") or (currency and suffix == "m"):
        return 1e6, None, 1.0
    if suffix in ("B", "bn", "Bn", "BN") or (currency and suffix == "b"):
        return 1e9, None, 1.0
    if suffix == "%":
        return None, PERCENT, 1.0
    if suffix in ("x", "X", "×"):
        return None, MULTIPLIER, 1.0
    if suffix == "pp":
        return None, POINTS, 1.0
    lower = suffix.lower()
    if suffix in _DURATIONS or (lower in _DURATIONS and len(lower) > 2):
        return None, DURATION, _DURATIONS[lower]
    if lower in _BYTES and lower != "b":
        return None, BYTES, _BYTES[lower]
    if lower in _RATES:
        return None, RATE, _RATES[lower]
    return None  # "2FA", "4xx", "3rd": a name or an ordinal, not a figure


def _side(text: str, currency: str) -> _Side | None:
    match = _SIDE.fullmatch(text)
    if match is None:
        return None
    currency = match.group("cur") or currency
    parsed = _suffix(match.group("suf"), currency)
    if parsed is None:
        return None
    scale, unit, factor = parsed
    return _Side(currency, float(match.group("num").replace(",", "")), scale, unit, factor)


def _word_unit(word: str) -> tuple[str, float, str]:
    """(unit, factor, currency) for a unit written after a figure ("percent", "weeks")."""
    lower = " ".join(word.lower().split())
    if lower in _PERCENT_WORDS:
        return PERCENT, 1.0, ""
    if lower in _POINT_WORDS:
        return POINTS, 1.0, ""
    if lower in _CURRENCY_WORDS:
        return MONEY, 1.0, _CURRENCY_WORDS[lower]
    if lower in _DURATIONS:
        return DURATION, _DURATIONS[lower], ""
    if lower in _BYTES:
        return BYTES, _BYTES[lower], ""
    if lower in _RATES:
        return RATE, _RATES[lower], ""
    return MULTIPLIER, 1.0, ""  # "×", "times faster"


def _tail(text: str, end: int, scale: float | None, unit: str | None,
          units: re.Pattern[str] = _AFTER_UNIT) -> tuple[int, float | None, tuple[str, float, str] | None]:
    """Scale and unit words right after a figure: "8 thousand dollars", "40 percent"."""
    limit = min(len(text), end + 48)
    if end + 1 >= limit or text[end] not in " \u00a0-" or not (
            text[end + 1].isalpha() or text[end + 1] == "×"):
        return end, scale, None
    if scale is None and unit is None:
        match = _AFTER_SCALE.match(text, end, limit)
        if match:
            scale, end = _SCALE_WORDS[match.group("scale").lower()], match.end()
    word = None
    if unit is None:
        match = units.match(text, end, limit)
        if match:
            word, end = _word_unit(match.group("unit")), match.end()
    return end, scale, word


def _noun(text: str, end: int) -> str:
    follow = _COUNT_NOUN.match(text, end, min(len(text), end + 48))
    if follow and follow.group(1) not in _NOT_NOUNS:
        return follow.group(1)
    return ""


def _approx(text: str, start: int) -> bool:
    before = text[max(0, start - 16):start]
    if not before:
        return False
    if before[-1] in "~≈":
        return True
    if not before[-1].isspace():
        return False
    words = before.split()
    return bool(words) and words[-1].lower().lstrip("([\"'“‘") in _APPROX_WORDS


def _special(token: str) -> tuple[float, str] | None:
    """A clock time or a date, read as one figure."""
    clock = _CLOCK.fullmatch(token)
    if clock:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        meridiem = (clock.group(4) or "").lower()
        if meridiem and not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem == "pm" else 0) if meridiem else hours
        return hours * 60.0 + minutes + int(clock.group(3) or 0) / 60.0, CLOCK
    hour = _HOUR_CLOCK.fullmatch(token)
    if hour:
        return (int(hour.group(1)) % 12 + (12 if hour.group(2).lower() == "pm" else 0)) * 60.0, \
            CLOCK
    date = _DATE.fullmatch(token)
    if date:
        return float(date.group(1) + date.group(2) + date.group(3)), DATE
    return None


def _digit_figure(text: str, match: re.Match[str]) -> Figure | None:
    start = match.start()
    raw = match.group(0)
    token = raw.rstrip(_TRAILING)
    if len(token) > _MAX_TOKEN:
        return None
    end = start + len(token)
    currency = token[0] if token[0] in _CURRENCY_SIGNS else ""
    body = token[1:] if currency else token
    code = _BEFORE_CODE.search(text, start - 4, start) if start >= 3 and \
        text[start - 1] in " \u00a0DRPY" else None
    if code and not currency:
        currency = _CURRENCY_WORDS[code.group(0).strip().lower()]
        start = code.start()
    special = _special(body) if ":" in body or body[-1] in "mM" or body.count("-") == 2 else None
    if special is not None and not currency:
        return Figure(text[start:end], special[0], special[1], (start, end),
                      approx=_approx(text, start))
    per = ""
    slash = body.rfind("/")
    if slash > 0:
        per_match = _PER.fullmatch(body, slash)
        if per_match is None:
            return None  # "24/7", "3/5": a ratio or a name
        per, body = per_match.group("per").lower(), body[:slash]
    noun = ""
    dash = max(body.find("-"), body.find("–"))
    if dash > 0:
        left, right = body[:dash], body[dash + 1:]
        first = _side(left, currency)
        if first is None:
            return None
        if right.isalpha():  # "5-minute", "3-person"
            lower = right.lower()
            if first.unit is None and first.scale is None and lower in _DURATIONS and len(lower) > 2:
                first = _Side(first.currency, first.value, None, DURATION, _DURATIONS[lower])
            else:
                noun = lower
            second = None
        else:
            second = _side(right, currency)
            if second is None:
                return None
    else:
        first = _side(body, currency)
        if first is None:
            return None
        second = None
    last = second or first
    end, word_scale, word = _tail(text, end, last.scale, last.unit)
    scale = last.scale or word_scale
    unit: str | None = last.unit
    factor = last.factor
    currency = last.currency or first.currency
    if word is not None:
        unit, factor = word[0], word[1]
        currency = currency or word[2]
    if currency:
        unit = MONEY if unit is None else unit
    if unit is None:
        unit = COUNT
        noun = noun or _noun(text, end)
    value = first.value * (first.scale or scale or 1.0) * (first.factor if first.unit else factor)
    high = None
    if second is not None:
        high = second.value * (second.scale or scale or 1.0) * factor
    if unit != MONEY:
        currency = ""
    return Figure(text[start:end], _norm(value), unit, (start, end), currency,
                  None if high is None else _norm(high), _approx(text, start), per, noun)


# --- words -----------------------------------------------------------------------------------

def _word_figure(text: str, match: re.Match[str]) -> Figure | None:
    first = match.group(0).lower()
    start, end = match.start(), match.end()
    if first in _TIMES_WORDS:
        return Figure(text[start:end], _TIMES_WORDS[first], MULTIPLIER, (start, end),
                      approx=_approx(text, start), spelled=True)
    total, current, words = 0.0, 0.0, [first]
    word, pos = first, end
    while True:
        if word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word == "dozen":
            current = (current or 1.0) * 12
        else:
            total += (current or 1.0) * _SCALE_WORDS[word]
            current = 0.0
        nxt = _WORD_NEXT.match(text, pos, min(len(text), pos + 24))
        if nxt is None:
            break
        candidate = nxt.group(1).lower()
        if candidate not in _NUMBER_WORDS and candidate not in _SCALE_WORDS \
                and candidate != "dozen":
            break
        if nxt.group(0).startswith((" and", "\u00a0and", "-and")) and candidate in _SCALE_WORDS:
            break
        word, pos = candidate, nxt.end()
        words.append(word)
    end = pos
    value = total + current
    if first in _SCALE_WORDS or first == "dozen":
        before = _A_BEFORE.search(text, max(0, start - 4), start)
        if before is None:
            if len(words) == 1:
                return None  # "hundreds", "thousand-strong": no amount given
        else:
            start = before.start()
    end, _, word_unit = _tail(text, end, 1.0, None, _AFTER_UNIT_WORDS)
    if word_unit is None and len(words) == 1 and first in ("one", "zero"):
        return None  # "no one", "one of us": only "one week", "zero percent" are figures
    unit, currency, noun = COUNT, "", ""
    if word_unit is not None:
        unit, factor, currency = word_unit
        value *= factor
    else:
        noun = _noun(text, end)
    return Figure(text[start:end], _norm(value), unit, (start, end), currency,
                  approx=_approx(text, start), noun=noun, spelled=True)


def _word_figures(text: str) -> list[Figure]:
    found: list[Figure] = []
    pos = 0
    lowered = text.lower()
    pattern = _WORD_START
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would move
        lowered, pattern = text, _WORD_START_ANY_CASE
    while True:
        match = pattern.search(lowered, pos)
        if match is None:
            return found
        figure = _word_figure(text, match)
        if figure is None:
            pos = match.end()
            continue
        found.append(figure)
        pos = max(figure.span[1], match.end())


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order (see the module docstring for the grammar)."""
    found: list[Figure] = []
    if _DIGIT_OR_WORD.search(text):
        for match in _TOKEN.finditer(text):
            figure = _digit_figure(text, match)
            if figure is not None:
                found.append(figure)
    words = _word_figures(text)
    if not words:
        return found
    starts = [f.span[0] for f in found]
    kept = []
    for word in words:
        i = bisect.bisect_right(starts, word.span[0]) - 1
        if i >= 0 and found[i].span[1] > word.span[0]:
            continue  # "thousand" in "8 thousand": already read with its digits
        if i + 1 < len(found) and found[i + 1].span[0] < word.span[1]:
            continue
        kept.append(word)
    return sorted([*found, *kept], key=lambda f: f.span[0])  # two sorted runs: one merge


def parse_figure(text: str) -> Figure | None:
    """The first figure of ``text`` (``"$8K/week"`` -> 8000.0 money), or None."""
    figures = find_figures(text)
    return figures[0] if figures else None
