"""Text helpers shared by the formatter, the rules and the drafters: sentences and words."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no",
    "approx", "est", "incl", "excl", "avg", "resp", "dept", "inc", "ltd", "co", "corp", "fig",
    "cf", "al", "u.s", "a.m", "p.m",
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


# Words a clause cannot end on: after them an ellipsis is a pause ("it was... fine").
_UNFINISHED = frozenset({"is", "was", "are", "were", "be", "been", "the", "a", "an", "to", "and",
                         "but", "or", "of", "just", "like", "so", "then", "very", "really",
                         "kinda", "pretty", "not", "felt", "seemed", "looked"})


def _ends_sentence(text: str, space: int, *, lower: bool = False) -> bool:
    """Whether the space at ``space`` follows the end of a sentence; with ``lower``, a sentence
    may also start in lower case, as notes typed without capitals do ("ran a bakeoff. it won")."""
    j = space - 1
    while j >= 0 and text[j] in _CLOSERS:
        j -= 1
    if j < 0 or text[j] not in _TERMINATORS:
        return False
    dots = text[:j + 1].rstrip(".…")
    if len(dots) <= j - 1 or text[j] == "…":  # "that is... bad": a pause in an unfinished clause
        before = dots.split()[-1].lower() if dots.split() else ""
        if before in _UNFINISHED and text[space + 1:space + 2].islower():
            return False
        if re.search(r"\b[A-Z]{2,}\s*$", dots) and re.match(r"\s[A-Z]{2,}\b", text[space:]):
            return False  # "SELECT ... FOR UPDATE": code with a part left out
    if text[j] == ".":
        word_start = j
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:j].lower().lstrip("(\"'“‘")
        numbered = word == "no" and not text[space + 1:space + 2].isdigit()  # "said no. ran"
        mine = re.match(r"\s+I\s+[a-z]", text[space:space + 6]) is not None
        if (word in ABBREVIATIONS and not (numbered and lower)) or (
                len(word) == 1 and word.isalpha() and not mine):  # "wanted A. I argued for B"
            return False
    nxt = space + 1
    while nxt < len(text) and text[nxt] in "\"'“‘(":
        nxt += 1
    if nxt >= len(text):
        return False
    following = text[nxt]
    if lower and following.islower() and text[j] in "?!" and j + 1 < space \
            and text[j + 1] in "\"”'’":
        return False  # a 'time for a break?' screen: a question quoted inside the sentence
    return following.isupper() or following.isdigit() or not following.isalpha() or lower


def sentence_breaks(text: str) -> list[int]:
    """Indices of the single spaces that separate sentences in ``text``.

    Only a space that is alone (not doubled, not beside a newline) counts, so
    replacing each with a newline inside a folded YAML scalar keeps the value.
    """
    return [m.start(1) for m in _AFTER_STOP_SPACE.finditer(text)
            if _ends_sentence(text, m.start(1))]


def split_sentences(text: str, *, lower: bool = False) -> list[Span]:
    """Split prose into sentences, keeping offsets; newlines always end a sentence. With
    ``lower``, a stop before a lower-case word ends a sentence too (notes typed in lower case)."""
    spans: list[Span] = []
    offset = 0
    for block in re.split(r"(\n+)", text):
        if block.startswith("\n") or not block:
            offset += len(block)
            continue
        start = 0
        for cut in [*(b for b in _all_breaks(block, lower)), len(block)]:
            piece = block[start:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                s = offset + start + lead
                spans.append(Span(s, s + len(stripped), stripped))
            start = cut
        offset += len(block)
    return spans


_ASIDE_CHARS = 120  # an aside in brackets runs this far at most


def _all_breaks(block: str, lower: bool = False) -> list[int]:
    """Where sentences end in a block; never inside a short aside in brackets ("(me: SDE1,
    ~7 months at the company. mentor = Aisha, senior)"), which is said whole."""
    opens = [m.start() for m in re.finditer(r"\(", block)]
    closes = [m.start() for m in re.finditer(r"\)", block)]
    breaks = []
    for m in _AFTER_STOP_RUN.finditer(block):
        at = m.start(1)
        opened, shut = bisect.bisect(opens, at), bisect.bisect(closes, at)
        if opened > shut and shut < len(closes) and closes[shut] - opens[opened - 1] \
                <= _ASIDE_CHARS:
            continue  # inside a short aside
        if _in_quote(block, at):
            continue  # inside a short quotation: 'emailed us: "We found a key. Is it live?"'
        if re.search(r"(?:\.\.\.|…)[\"”]\s*$", block[:at]) and re.match(r"\s*[a-z]", block[at:]):
            continue  # 'explicit "we'd be wrong if..." conditions': an ellipsis the words go on after
        if re.search(r"[.!?…]+\)$", block[:at].rstrip()) and re.match(r"\s*[a-z]", block[at:]):
            continue  # "got a warning email (not a page!) that 14 certs expire": the aside's own
            # stop, and the sentence goes on after it
        if _ends_sentence(block, at, lower=lower):
            breaks.append(at)
    return breaks


_QUOTE_CHARS = 300  # a quotation said whole runs this far at most


def in_open_quote(before: str) -> bool:
    """Whether a quotation opened in ``before`` (the text up to some point) is still open
    there: an odd number of straight double quotes, or more curly openers than closers."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _in_quote(block: str, at: int) -> bool:
    """Whether ``at`` is inside a quotation in double quotes that closes within the block."""
    before = block[:at]
    if not in_open_quote(before):
        return False
    if before.count("“") > before.count("”"):
        opened, closes = before.rfind("“"), block.find("”", at)
    else:
        opened, closes = before.rfind('"'), block.find('"', at)
    # a closing mark ends a word ('... exposed?" she asked'), not opens one ('"sensor inaccurate"')
    shut = closes != -1 and block[closes - 1:closes].strip() != "" \
        and re.match(r"$|[\s.,;:!?)\]—–-]", block[closes + 1:closes + 2]) is not None
    return shut and closes - opened <= _QUOTE_CHARS


# A few words saying when or in what order a step came, before the "I" that did it: "first
# thing I pulled the logs", "short term I turned it off", "day one I paged the owner".
TIME_LEADS = (r"first thing|first off|short[- ]term|long(?:er)?[- ]term|right away|straight away|"
              r"immediately|in parallel|in the meantime|at first|at the same time|personally|"
              r"separately|quietly|(?:on )?(?:day|week|wk|sprint) ?(?:one|two|three|\d{1,2})")


def split_outside_brackets(text: str, separator: str) -> list[str]:
    """``text`` cut at every ``separator`` that is not inside round brackets: "a; b (c; d)"
    -> ["a", " b (c; d)"]."""
    parts: list[str] = []
    depth = start = 0
    for at, char in enumerate(text):
        depth += char == "("
        depth -= char == ")" and depth > 0
        if depth == 0 and at >= start and text.startswith(separator, at):
            parts.append(text[start:at])
            start = at + len(separator)
    return [*parts, text[start:]]


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
