"""Text helpers shared by the formatter, the rules and the drafters: sentences and words."""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no",
    "approx", "est", "dept", "inc", "ltd", "co", "corp", "fig", "cf", "al", "u.s", "a.m", "p.m",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

_CLOSERS = "\"'”’)]»"
_TERMINATORS = ".!?…"
# White space after a terminator (and closing quotes or brackets): where a sentence may end.
_AFTER_STOP_SPACE = re.compile(r"[.!?…][\"'”’)\]»]*( )(?=\S)")
_AFTER_STOP_RUN = re.compile(r"[.!?…][\"'”’)\]»]*(\s+)(?=\S)")
_WORD = re.compile(r"[\w][\w'’\-.%$€£/]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as a slice of the text it came from."""

    start: int
    end: int
    text: str


def _ends_sentence(text: str, space: int) -> bool:
    """Whether the space at ``space`` follows the end of a sentence."""
    j = space - 1
    while j >= 0 and text[j] in _CLOSERS:
        j -= 1
    if j < 0 or text[j] not in _TERMINATORS:
        return False
    if text[j] == ".":
        word_start = j
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:j].lower().lstrip("(\"'“‘")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    nxt = space + 1
    while nxt < len(text) and text[nxt] in "\"'“‘(":
        nxt += 1
    if nxt >= len(text):
        return False
    following = text[nxt]
    return following.isupper() or following.isdigit() or not following.isalpha()


def sentence_breaks(text: str) -> list[int]:
    """Indices of the single spaces that separate sentences in ``text``.

    Only a space that is alone (not doubled, not beside a newline) counts, so
    replacing each with a newline inside a folded YAML scalar keeps the value.
    """
    return [m.start(1) for m in _AFTER_STOP_SPACE.finditer(text)
            if _ends_sentence(text, m.start(1))]


def split_sentences(text: str) -> list[Span]:
    """Split prose into sentences, keeping offsets; newlines always end a sentence."""
    spans: list[Span] = []
    offset = 0
    for block in re.split(r"(\n+)", text):
        if block.startswith("\n") or not block:
            offset += len(block)
            continue
        start = 0
        for cut in [*(b for b in _all_breaks(block)), len(block)]:
            piece = block[start:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                s = offset + start + lead
                spans.append(Span(s, s + len(stripped), stripped))
            start = cut
        offset += len(block)
    return spans


def _all_breaks(block: str) -> list[int]:
    return [m.start(1) for m in _AFTER_STOP_RUN.finditer(block)
            if _ends_sentence(block, m.start(1))]


def clip(text: str, limit: int, *, marker: str = "…") -> str:
    """``text`` on one line (whitespace runs become one space), cut to ``limit`` characters
    with ``marker`` at the end when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - len(marker)].rstrip() + marker


def words(text: str) -> list[str]:
    """The words of a text, as a speaker would count them ("850ms" and "$8K" are one word)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def plain(text: str) -> str:
    """Typographic quotes and dashes made plain and white space collapsed; case kept."""
    return " ".join(text.translate(_PLAIN).split())


_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                        "‐": "-", "‑": "-"})


_FOLD = str.maketrans({"\"": None, "'": None, "“": None, "”": None, "‘": None, "’": None,
                       "`": None, "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Case, quotes and white space folded, for phrase matching."""
    return " ".join(text.lower().translate(_FOLD).split())


# --- numbers ---------------------------------------------------------------------------------

_MULTIPLIER_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_UNIT_WORDS = {"percent": "%", "per cent": "%", "dollar": "$", "dollars": "$", "usd": "$",
               "euro": "€", "euros": "€", "eur": "€", "pound": "£", "pounds": "£", "gbp": "£"}
# Attached suffixes that make a figure ("850ms", "3x"); any other letters make an identifier.
_UNITS = frozenset({
    "%", "ms", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "d", "w", "wk", "wks",
    "x", "ns", "us", "µs", "μs", "kb", "mb", "gb", "tb", "pb", "rps", "qps", "tps", "rpm",
    "pp", "bps", "m", "y", "yr", "yrs", "mo",
})
_NUMBER = re.compile(
    r"(?<![\w.])(?<![^\W\d_]-)"              # not inside SDE2, IPv4, v1.2 or COVID-19
    r"(?P<currency>[$€£¥₹])?"
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?P<suffix>%|[^\W\d_]+)?"
    r"(?![\w])(?!\.[0-9])"
    r"(?:\s?(?P<word>(?i:percent|per cent|thousand|million|billion|dollars?|usd|euros?|eur"
    r"|pounds?|gbp))\b)?"
)
_DIGIT = re.compile(r"[0-9]")
_RANGE_GAP = re.compile(r"\s*(?:[-–—]|to)\s*$")


@dataclass(frozen=True, slots=True)
class Number:
    """A figure found in text: ``$8K`` is value 8000.0, unit ``$``; ``40%`` is 40.0, ``%``.

    Thousands separators, currency signs, ``k``/``K``/``M`` and ``percent`` are folded
    into ``value`` and ``unit``, so ``$8K``, ``$8,000`` and ``8000 dollars`` compare equal.
    """

    value: float
    unit: str
    span: tuple[int, int]
    text: str

    @property
    def key(self) -> float:
        """The figure as compared between a story and its notes (the unit is ignored)."""
        return round(self.value, 6)


def _multiplier(suffix: str, currency: str) -> float | None:
    if suffix in ("k", "K"):
        return 1e3
    if suffix in ("M", "MM", "mm", "mn") or (currency and suffix == "m"):
        return 1e6
    if suffix in ("B", "bn") or (currency and suffix == "b"):
        return 1e9
    return None


def _parse_number(match: re.Match[str]) -> tuple[Number, float] | None:
    """The Number for one match and the multiplier it carried (1.0 for none); None for names."""
    currency = match.group("currency") or ""
    suffix = match.group("suffix") or ""
    word = (match.group("word") or "").lower()
    multiplier = _multiplier(suffix, currency)
    unit = currency
    if multiplier is None and suffix:
        if suffix.lower() not in _UNITS:
            return None  # "2FA", "4xx", "3rd": a name or an ordinal, not a figure
        unit = unit or suffix.lower()
    if word in _MULTIPLIER_WORDS and multiplier is None:
        multiplier = _MULTIPLIER_WORDS[word]
    elif word:
        unit = _UNIT_WORDS.get(" ".join(word.split()), unit)
    factor = multiplier or 1.0
    value = float(match.group("digits").replace(",", "")) * factor
    end = match.end() if word else match.end("suffix") if suffix else match.end("digits")
    return Number(value, unit, (match.start(), end), match.string[match.start():end]), factor


def find_numbers(text: str) -> list[Number]:
    """Every figure in ``text``, written with digits, in order.

    Digits inside identifiers (SDE2, S3, EC2, L6, IPv4, v1.2.3) are not figures, nor are
    number words ("zero"). In a range such as ``$8-10K`` or ``5-10%`` the first figure takes
    the second's multiplier and percent sign.
    """
    found: list[tuple[Number, float]] = []
    if not _DIGIT.search(text):
        return []
    for match in _NUMBER.finditer(text):
        parsed = _parse_number(match)
        if parsed is not None:
            found.append(parsed)
    numbers = [n for n, _ in found]
    for i in range(len(found) - 1):
        (first, first_factor), (second, second_factor) = found[i], found[i + 1]
        if not _RANGE_GAP.match(text[first.span[1]:second.span[0]]):
            continue
        value, unit = first.value, first.unit
        if first_factor == 1.0 and second_factor != 1.0:
            value *= second_factor
        if not unit and second.unit == "%":
            unit = "%"
        numbers[i] = Number(value, unit, first.span, first.text)
    return numbers
