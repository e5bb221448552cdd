"""Reading rough notes: YAML front matter, then Markdown parsed into blocks under section headings.

The Markdown is read with markdown-it-py, so lists, emphasis, code and HTML comments are
understood the way a Markdown viewer shows them; each block keeps its line in the file.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from storygen.core.errors import InputError
from storygen.core.text import split_outside_brackets
from storygen.story import kb
from storygen.story.kb import section_for_heading
from storygen.story.loader import read_text
from storygen.story.principles import UnknownNameError, canonical_level, canonical_principle

MAX_NOTES_BYTES = 1024 * 1024
META_KEYS = ("question", "principle", "level", "role", "company", "title", "id")
# Other names people give the front matter keys ("lp: Dive Deep").
_META_ALIASES = {"lp": "principle", "leadership principle": "principle", "lp principle": "principle"}
_FENCE = re.compile(r"^---[ \t]*\r?$")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$")
_LABEL = re.compile(r"^\s*([A-Za-z][\w '’/&-]{0,40}?(?:\s*\([^()]{1,20}\))?)\s*:\s*(.*)$", re.DOTALL)
PUT_FORWARD = re.compile(r"what i (?:\w+ly )?(proposed|pitched|suggested|recommended|pushed for|"
                         r"argued for|championed|advocated for|pushed)"
                          r"(?: instead| then| in the end| first)?",
                          re.IGNORECASE)
# "my position: no charge computation on the edge boxes": what the writer argued for
_MY_STANCE = {"position": "argued", "stance": "argued", "argument": "argued", "case": "argued",
              "pitch": "pitched", "proposal": "proposed", "counter-proposal": "proposed",
              "counterproposal": "proposed", "recommendation": "recommended",
              "estimate": "estimated", "call": "decided", "decision": "decided"}
_MY_STANCE_LABEL = re.compile(r"my (" + "|".join(_MY_STANCE) + r")", re.IGNORECASE)
# The verbs such a label, or a PUT_FORWARD one, is said with: "My call: ..." -> "I decided: ..."
STANCE_VERBS = frozenset(_MY_STANCE.values()) | {"proposed", "pitched", "suggested", "recommended",
                                                   "pushed for", "argued for", "championed",
                                                   "advocated for", "pushed"}
# "Q: what did you personally build?": the answer names what the writer built
_MADE_PAST = {"build": "built", "ship": "shipped", "write": "wrote", "make": "made",
              "create": "created", "design": "designed", "add": "added", "own": "owned",
              "propose": "proposed", "suggest": "suggested", "pitch": "pitched",
              "recommend": "recommended"}
_YOU_MADE = re.compile(r"\bwhat did (?:you|i) (?:\w+ly )?(" + "|".join(_MADE_PAST) + r")\b",
                       re.IGNORECASE)
# What the writer put forward, not what they did: "run k6 against staging" answering "what
# did you propose" is the proposal ("I proposed: run k6 ..."), never "I ran k6"
_FORWARD_VERBS = frozenset({"propose", "suggest", "pitch", "recommend"})
_MADE = re.compile(r"what i (?:\w+ly )?(built|shipped|wrote|made|added|created|designed|"
                   r"prototyped|set up)(?: first| then| in the end)?", re.IGNORECASE)
# "what I noticed: every class has max ~40 spots": what the writer's own digging found
_NOTICED = re.compile(r"what i (?:\w+ly )?(noticed|found|spotted|realized|realised|"
                      r"discovered|figured out)(?: first| then| next| in the end)?", re.IGNORECASE)
_ASIDE_LABEL = re.compile(r"^\s*([A-Za-z][\w '’]{0,40}?)\s*\(((?:from|by|per|via)\s[^()]{3,200}|"
                          r"[^()]{21,200})\)\s*:\s+(\S.*)$", re.DOTALL)  # ("ask (from my lead): ...")
_DASH_LABEL = re.compile(r"^\s*([A-Za-z][\w '’/&]{0,40}?)\s+(?:-{1,2}|–|—)\s+(\S.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or list item of the notes, with the section its heading names."""

    text: str
    line: int
    kind: str  # "bullet", "paragraph" or "quote"
    heading: str = ""
    section: str | None = None
    label: str = ""  # the line's own label when it names the section ("impact: ...")


@dataclass(frozen=True, slots=True)
class Notes:
    """Parsed notes: front matter (canonical principle and level), the H1 title and the blocks."""

    path: str
    text: str
    sha256: str
    meta: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()


def read_notes(path: Path, *, max_bytes: int = MAX_NOTES_BYTES) -> Notes:
    """Read and parse a notes file; unreadable or empty notes raise a one-line InputError."""
    text = read_text(path, max_bytes=max_bytes, what="notes file")
    return parse_notes(text, str(path))


def parse_notes(text: str, path: str = "<notes>") -> Notes:
    """Parse notes text (front matter and Markdown) into a Notes object."""
    if not text.strip():
        raise InputError("the notes are empty: write a few lines about what happened", path=path,
                         line=1)
    meta, body, offset, warnings = _front_matter(text, path)
    steps = (_unhtml, _tabbed, _unfenced_logs, _unindented_prose, _unedited, _unstruck,
             _uncommented, _ruled, _ticked, _threaded, _colour_tags, _hashtags, _end_tags, _commits, _emailed,
             _quoted_words, _bracket_comments, _commented, _owned_items, _my_todos, _dashed_speakers, _self_named,
             _speaking_as_me, _outlined, _tldr_marks, _stand_ups, _spoken_stops, _starred_stops,
             _bracketed_stamps, _recording_offsets, _bracketed_labels, _footnotes, _moods,
             _only_me)
    for step in steps:  # each reads the body as the steps before it left it
        body = step(body)
    title, blocks = _blocks(body, offset)
    blocks = _mail_first(_told_forwards(_newest_last(_settle_parts(blocks))))
    if not blocks and not title:
        raise InputError("the notes hold no text besides the front matter", path=path,
                         line=offset + 1)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Notes(path, text, sha, meta, title, tuple(blocks), tuple(warnings))


# How the writer felt, tagged in brackets before a line or a sentence: "(annoyed) asked in
# #eng-help who owns it", "(relieved) I got the new key" (not who did it, "(me)", "(team)", nor
# where a step stood, "(done)", "(wip)", nor a figure or a name: "(2023)", "(Raj)")
_MOOD = (r"\((?!(?:me|not me|i|we|us|team|the team|them|mine|ours|theirs|done|wip|todo|est|"
         r"actual|guess|optional|maybe|later|edit|update|context|ctx|res|lesson|sic|not done|"
         r"skipped|partly|aside|note|s|t|a|r|l)\))[a-z][a-z'-]+(?:[ -][a-z]+){0,2}\)[ \t]+"
         r"(?=[A-Za-z])")
_LINE_OPEN = r"^[ \t]*(?:[-*+•][ \t]+|\d{1,2}[.)][ \t]+)?"
_MOOD_AT_LINE = re.compile(_LINE_OPEN + _MOOD, re.MULTILINE)
_MOOD_TAG = re.compile(rf"(?P<lead>{_LINE_OPEN}|(?<=[.!?])[ \t]+){_MOOD}", re.MULTILINE)


def _moods(body: str) -> str:
    """A writer who tags their lines with how they felt ("(nervous) told my mentor I wanted to
    pick it up", "(tired) Priyanka reviewed my PR"), twice at least: the lines without the
    tags, so a label after one ("(thoughtful) lesson — ...") still opens its line."""
    if len(_MOOD_AT_LINE.findall(body)) < 2:
        return body
    return _MOOD_TAG.sub(lambda m: m.group("lead"), body)


# A line's speaker label, as a chat pasted into the notes gives it: "me: ...", "[10:02] Sam: ..."
_SPEAKER_AT_LINE = re.compile(r"^[ \t]*(?:[-*+•][ \t]+)?(?:\[[^\]\n]{1,20}\][ \t]*)?"
                              r"(?P<who>[A-Za-z][\w.'’-]{0,20}(?: [A-Za-z][\w.'’-]{0,20})?)"
                              r"[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*:[ \t]+(?=\S)", re.MULTILINE)


def _only_me(body: str) -> str:
    """A chat pasted with only the writer's messages ("me: 43 steps. copy paste shell cmds",
    "me: so on my own time I wrote a python script"), three lines at least and no one else's
    label said twice: each line an item without its "me:", said in the writer's own voice. A
    dialogue ("Mgr: ..." / "Me: ...") keeps its speakers."""
    labels = Counter(m.group("who").lower() for m in _SPEAKER_AT_LINE.finditer(body))
    mine = labels.pop("me", 0)
    if mine < 3 or mine < 0.8 * (mine + labels.total()) or any(n > 1 for n in labels.values()):
        return body

    def item(match: re.Match[str]) -> str:  # each message an item of its own, as sent
        lead = match.group(0)[:match.start("who") - match.start()]
        return lead if re.search(r"[-*+•][ \t]", lead) else f"{lead}- "

    return _SPEAKER_AT_LINE.sub(lambda m: m.group(0) if m.group("who").lower() != "me"
                                else item(m), body)


# Tags of a page pasted from a wiki or a rich-text editor: "<p>", "<li>", "<br>", "<b>"
_PAGE_TAGS = (r"p|br|li|ul|ol|div|h[1-6]|b|strong|i|em|u|span|a|table|thead|tbody|tr|td|th|code|pre|"
              r"blockquote|font|hr")
_HTML_TAG = re.compile(r"</?(?:" + _PAGE_TAGS + r")\b[^<>]{0,300}?/?>", re.IGNORECASE)
_HTML_NEWLINE = re.compile(r"<br\s*/?>|</?(?:p|div|ul|ol|table|thead|tbody|tr|pre|blockquote)\b[^<>]*>|"
                           r"</li>|<hr\b[^<>]*>", re.IGNORECASE)
_HTML_HEADING = re.compile(r"<h([1-6])\b[^<>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_BOLD_LINE = re.compile(r"^[ \t]*<(b|strong)\b[^<>]*>([^<>\n]{1,80})</\1>[ \t]*(?:<br\s*/?>)?",
                             re.IGNORECASE | re.MULTILINE)
_HTML_ITEM = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_HTML_CELL = re.compile(r"</t[dh]>\s*<t[dh]\b[^<>]*>", re.IGNORECASE)


def _unhtml(body: str) -> str:
    """A page pasted with its HTML ("<p>On 14 March ...</p>", "<li>(me) wrote the runbook</li>",
    "&amp;") read as the text it shows: paragraphs and line breaks as lines, items as a list, a
    bold line or an "<h2>" as a heading, entities as their characters. Notes with a tag or two
    in their prose ("the <b>only</b> fix") keep their lines as they are, tags dropped."""
    if len(_HTML_TAG.findall(body)) < 2:
        return body
    import html

    # a table's row keeps its row: "| 17:40 | alert<br>paged |" is one row with a break in it
    body = "\n".join(_HTML_TAG.sub(" ", line) if line.lstrip().startswith("|") else line
                     for line in body.split("\n"))
    body = _HTML_HEADING.sub(lambda m: "\n" + "#" * int(m.group(1)) + " " + m.group(2).strip() + "\n",
                             body)
    body = re.sub(r"<p\b[^<>]*>", "\n", body, flags=re.IGNORECASE)
    body = _HTML_BOLD_LINE.sub(lambda m: "## " + m.group(2).strip() + "\n", body)
    body = _HTML_CELL.sub(" | ", body)
    body = _HTML_ITEM.sub("\n- ", body)
    body = _HTML_NEWLINE.sub("\n", body)
    body = _HTML_TAG.sub("", body)
    body = html.unescape(body).replace("\u00a0", " ")
    lines = [line.rstrip() for line in body.split("\n")]
    out: list[str] = []
    for line in lines:  # a list's items stay together; what follows a list is set off from it
        item = line.lstrip().startswith("- ")
        if out and out[-1].startswith("- ") and line and not item:
            out.append("")
        if not line and out and not out[-1]:
            continue
        if item and len(out) > 1 and not out[-1] and out[-2].startswith("- "):
            out.pop()  # "</li>\n<li>": the next item of the same list
        out.append(line.lstrip() if item else line)
    return "\n".join(out).strip("\n") + "\n"


_TAB_ROWS = 2  # lines in a row with the same tab-separated cells: rows pasted from a sheet


def _tabbed(body: str) -> str:
    """Rows pasted from a spreadsheet, their cells split by tabs ("alert<TAB>pages/wk
    before<TAB>what I did"), read as the table they are: a pipe table, its first row the
    header."""
    if "\t" not in body:
        return body
    lines = body.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        cells = lines[at].rstrip().count("\t") + 1  # a row of three cells at least
        end = at
        while cells >= 3 and end < len(lines) and lines[end].strip() \
                and not lines[end].lstrip().startswith(("-", "*", "#", ">")) \
                and abs(lines[end].rstrip().count("\t") + 1 - cells) <= 1 \
                and lines[end].count("\t") >= 2:
            end += 1
        if end - at < _TAB_ROWS:
            out.append(lines[at])
            at += 1
            continue
        if out and out[-1].strip():
            out.append("")
        width = max(len(line.split("\t")) for line in lines[at:end])
        for index, line in enumerate(lines[at:end]):
            row = [cell.strip() for cell in line.split("\t")]
            row += [""] * (width - len(row))
            out.append("| " + " | ".join(row) + " |")
            if index == 0:
                out.append("|" + "---|" * width)
        if end < len(lines) and lines[end].strip():
            out.append("")
        at = end
    return "\n".join(out)


_EDITED_MARK = re.compile(r"[ \t]*\((?:edited|bearbeitet|modifié|editado)\)[ \t]*$",
                          re.IGNORECASE | re.MULTILINE)


def _unedited(body: str) -> str:
    """A chat export's "(edited)" mark at a message's end: the app's, not the writer's words."""
    return _EDITED_MARK.sub("", body)


# A fence around a log ("```" over "18:04  error rate climbs to ~12%, page fires"): the lines
# are the writer's timeline, not code
_FENCE_LINE = re.compile(r"^[ \t]*(?:```|~~~)[ \t]*(?:text|txt|log|plain|plaintext|timeline)?[ \t]*$",
                         re.IGNORECASE)
_FENCE_CLOSE = re.compile(r"^[ \t]*(?:```|~~~)[ \t]*$")
_LOG_ENTRY = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?:\[?\s*(?:\d{4}-\d{2}-\d{2}[ T]+)?\d{1,2}:\d{2}|"
                        r"[TD]\s?[+-]\s?\d|\d{4}-\d{2}-\d{2}\b|\d{1,2}/\d{1,2}\b|"
                        r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)", re.IGNORECASE)
_LOG_SHARE = 0.6  # of a fence's lines opening on a time: a timeline


# A line of code, config or a trace: "def f(x):", "timeout: 30s", "at Foo.bar(Foo.java:12)"
_CODE_LINE = re.compile(r"[{};]|=>|==|\w\.\w+\(|\w+\.\w+\.\w+|\w(?:Exception|Error)\b|#{3,}|\.{4,}|"
                        r"^\s*(?:\$|>>>|#include)\s|^\s*(?:def|class|import|from|return|select|func|"
                        r"public|private|const|let|var|if|for|while)\b|"
                        r"^\s*[\w.-]+\s*[:=]\s*\S+\s*$|^\s*[+-]{1,3}\s*[\w.]+\s*[:=(]", re.IGNORECASE)
_PROSE_WORDS = 5  # a line of prose has at least this many words


def _prose(lines: list[str]) -> bool:
    """Whether a fence holds words, not code: a message pasted as it was sent ("- printer fw
    incident: rolled back cohort B at 01:15, printing recovered on 131/140 stores"), every
    line free of code and most of them full sentences."""
    if any(_CODE_LINE.search(line) for line in lines):
        return False
    worded = sum(len(re.findall(r"[A-Za-z]{2,}", line)) >= _PROSE_WORDS for line in lines)
    return worded >= _LOG_SHARE * len(lines)


def _unfenced_logs(body: str) -> str:
    """A timeline kept in a code fence, its fences made blank lines, so each entry is read as
    a line of the notes; a fence holding anything else (code, a stack trace) is left as it is."""
    lines = body.split("\n")
    at = 0
    while at < len(lines):
        if not _FENCE_LINE.match(lines[at]):
            at += 1
            continue
        end = next((i for i in range(at + 1, len(lines)) if _FENCE_CLOSE.match(lines[i])), None)
        if end is None:
            break
        inside = [line for line in lines[at + 1:end] if line.strip()]
        if len(inside) >= 2 and (sum(bool(_LOG_ENTRY.match(line)) for line in inside)
                                 >= _LOG_SHARE * len(inside) or _prose(inside)):
            lines[at] = lines[end] = ""
        at = end + 1
    return "\n".join(lines)


_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")


def _unindented_prose(body: str) -> str:
    """Prose pasted indented by four spaces after a blank line (a commit message's subject and
    body under the line that tells when it was written), which Markdown would keep as code:
    dedented, so its sentences are read as the notes' own; code, logs and a list item's
    continuation stay as they are."""
    lines = body.split("\n")
    at = 0
    while at < len(lines):
        if not (lines[at].strip() and _INDENTED.match(lines[at])
                and (at == 0 or not lines[at - 1].strip())):
            at += 1
            continue
        end = at
        while end < len(lines) and (not lines[end].strip() or _INDENTED.match(lines[end])):
            end += 1
        above = next((line for line in reversed(lines[:at]) if line.strip()), "")
        inside = [line for line in lines[at:end] if line.strip()]
        if not _LIST_ITEM.match(above) and not _INDENTED.match(above) and _prose(inside):
            for row in range(at, end):
                lines[row] = lines[row].strip()
        at = end
    return "\n".join(lines)


_COMMENT = re.compile(r"^#(?: |$)", re.MULTILINE)
_SLASHED = re.compile(r"^[ \t]*//+(?: |$)", re.MULTILINE)  # "// fix: Glide.with(fragment)"
_MIN_COMMENTED = 5  # lines
_COMMENTED_SHARE = 0.8


def _uncommented(body: str) -> str:
    """Notes written as shell or code comments ("# context: the gateway speaks SMPP", "# - read
    the spec", "// fix: ..."): when nearly every line opens on "# " (or "// "), the mark is the
    writer's margin, not a heading, and goes (each line stays where it was)."""
    lines = [line for line in body.split("\n") if line.strip()]
    for mark in (_COMMENT, _SLASHED):  # or as code comments ("// top crash: OutOfMemoryError")
        marked = sum(1 for line in lines if mark.match(line))
        if marked >= _MIN_COMMENTED and marked >= _COMMENTED_SHARE * len(lines):
            return mark.sub("", body)
    return body


# "--- what actually happened ---", "=== Impact ===": a heading typed between rules
_RULED = re.compile(r"^[ \t]*(?:-{2,}|={2,}|~{2,}|\*{3,}|#{3,})[ \t]*([A-Za-z][^\n]{0,60}?)[ \t]*"
                    r"(?:-{2,}|={2,}|~{2,}|\*{3,}|#{3,})[ \t]*$", re.MULTILINE)


def _ruled(body: str) -> str:
    """A line of words between rules ("--- what actually happened ---") is a heading."""
    return _RULED.sub(r"## \1", body)


# "[x] rewrote the expiry logic", "[ ] still open: ...": a checklist typed without list marks
_TICK_LINE = re.compile(r"^([ \t]*)(?=\[[ xX✓✔-]?\][ \t]+\S)", re.MULTILINE)
_MIN_TICKS = 2


_TICK = re.compile(r"^\[[ xX✓✔-]?\]\s+")
_OPEN_BOX = re.compile(r"^([ \t]*[-*+][ \t]+)\[[ \t]?\][ \t]+(?!(?:still open|open|todo|to do|"
                       r"not done|left|pending)\b)(?=\S)", re.MULTILINE | re.IGNORECASE)


def _ticked(body: str) -> str:
    """Lines opened by a check box and no list mark are the items of a checklist, each its
    own item, not lines of one paragraph."""
    if len(_TICK_LINE.findall(body)) >= _MIN_TICKS:
        body = _TICK_LINE.sub(r"\1- ", body)
    # "- todo: add index on user_id ✔": a to-do ticked at its end, as a box before it ticks it
    body = _DONE_AFTER.sub(_ticked_after, body)
    # "- [x] fix substitution screen": ticked, so done, the writer's step ("I fixed ...")
    body = _DONE_BOX.sub(lambda m: m.group(1) + _ticked_step(m.group(2)), body)
    # "- [ ] fix the cron role": not done, so never said as done
    return _OPEN_BOX.sub(r"\1still open: ", body)


# A list item ticked after its words ("- Todo: run a local 3-broker cluster ✔", "- add index on
# user_id ✅ -> p99 back under 200ms"), and what the item says it found after the mark
_DONE_AFTER = re.compile(r"^([ \t]*[-*+][ \t]+)(?:to[ -]?do\s*:\s*)?([^\n✔✓✅]{3,})(?:✔️?|✓|✅)"
                         r"[ \t]*(\S[^\n]*)?$", re.MULTILINE | re.IGNORECASE)


def _ticked_after(match: re.Match[str]) -> str:
    item, found = match.group(2).rstrip(" \t.:;,"), (match.group(3) or "").strip()
    # "... why consumers get kicked ✔ processing a batch took ~90s": what it found, after a colon
    tail = "" if not found else f" {found}" if found.startswith(("->", "→", "=>")) else f": {found}"
    return f"{match.group(1)}[x] {item}{tail}"


_DONE_BOX = re.compile(r"^([ \t]*[-*+][ \t]+)\[[xX✓✔]\][ \t]+(\S.*)$", re.MULTILINE)
# An item that names who did it: "(Raj)", "(not me)", "the data team ...", "they ..."
_SOMEONE_ELSES = re.compile(r"\((?:not me|not mine|not my part|(?-i:[A-Z])[a-z]+)|\bteams?\b|"
                            r"\b(?-i:[A-Z])[a-z]+['’]s\b", re.IGNORECASE)
_THEY_DID = re.compile(r"\b(?:he|she|they|we)\b", re.IGNORECASE)


def _plain_verb(word: str) -> bool:
    """Whether the lexicon knows a word as a verb in its plain form ("fix", "break")."""
    forms = kb.lexicon()
    return word in forms.base_past or word in forms.irregular_base


def _opens_on_plain_verb(item: str) -> bool:
    """Whether an item opens on a plain verb ("add an overlap check", "walk the partner leads
    through ..."): one the lexicon knows, or a word before its object."""
    words = [w.lower() for w in item.split()[:2]]
    forms = kb.lexicon()
    return bool(words) and (_plain_verb(words[0]) or (
        len(words) == 2 and re.fullmatch(r"[a-z]{3,}", words[0]) is not None
        and not words[0].endswith(("ed", "ing")) and words[0] not in forms.function_words
        and words[1] in OBJECT_OPENERS))


def _ticked_step(item: str) -> str:
    """A ticked item that opens on a plain verb, said as the writer's step, done ("fix the
    other 4 checkout screens" -> "I fixed the other 4 checkout screens"). Told as done already
    ("paused the rollout"), naming who did it ("(Raj)", "Felipe's team ran it") or no step
    ("perf on the slowest phone"), it is read as written."""
    words = item.split()
    first = words[0].lower() if words else ""
    plain = _opens_on_plain_verb(item) and (  # "batch the PBAP pulls"; never "logs the ..."
        not first.endswith("s") or _plain_verb(first))
    if not plain or _SOMEONE_ELSES.search(item) \
            or _THEY_DID.search(re.split(r"[.;—–]\s|\s[-–—]+\s", item, maxsplit=1)[0]):
        return "[x] " + item
    rest = _AND_THEN_DO.sub(lambda m: f"{m.group(1)}{kb.past_tense(m.group(2).lower())}"
                            if _plain_verb(m.group(2).lower()) else m.group(0), " ".join(words[1:]))
    return f"I {kb.past_tense(first)} {rest}".rstrip()


# A second plain verb in a ticked item, before its object: "run a local cluster and break it on
# purpose" -> "... and broke it on purpose", done as the first is
_AND_THEN_DO = re.compile(r"(\band\s+)([a-z]{3,})(?=\s+(?:it|them|the|a|an|my|our|this|that)\b)")


# "1/ interview prep, thread-style", "2/ me: senior eng ...": a post of a thread, numbered
_THREAD_POST = re.compile(r"^([ \t]*)(\d{1,2})/(?:\d{1,2})?[ \t]+(?=\S)", re.MULTILINE)
_MIN_POSTS = 3


def _threaded(body: str) -> str:
    """Notes written as a numbered thread ("1/ ...", "2/ ...", "3/12 ..."): the numbers go, so
    each post is read as the paragraph it is (its own label, "me:", "result:", still leads)."""
    numbers = [int(match.group(2)) for match in _THREAD_POST.finditer(body)]
    if len(numbers) < _MIN_POSTS or numbers[:_MIN_POSTS] != list(
            range(numbers[0], numbers[0] + _MIN_POSTS)):
        return body
    return _THREAD_POST.sub(r"\1", body)


# "#context edge team, video CDN", "#me wrote a 2-page doc", "#result p50 45s -> 4s": a tag
# glued to its "#" opens each line. Line after line, the tags are the writer's labels, not
# headings (a heading has a space after its "#") nor hashtags in a sentence.
_HASHTAG = re.compile(r"^([ \t]*(?:[-*+][ \t]+)?)#([A-Za-z][A-Za-z'’-]{0,24})[ \t]*[:-]?[ \t]+(?=\S)",
                      re.MULTILINE)
_MIN_HASHTAGS = 3  # lines


# "- wrote the reconciliation job #me", "- Bongani's squad shipped the card form #team": tags at
# the end of a line that say whose it is
_END_TAGS = re.compile(r"^(?P<line>[ \t]*[-*+][ \t]+.*?\S)(?P<tags>(?:[ \t]+#(?:me|mine|myself|team|us|"
                       r"we|mgr|manager|lead|pm|tl|em|boss|others?|them|they|ops|sre)\b)+)[ \t]*$",
                       re.IGNORECASE | re.MULTILINE)
_MIN_END_TAGS = 3
# Whom an end tag names, said as a label the reader knows for a doer ("#mgr": "my manager")
_TAGGED_AS = {"mgr": "my manager", "manager": "my manager", "boss": "my manager", "lead": "my lead",
              "tl": "the tech lead", "em": "my manager", "pm": "the PM", "us": "team", "we": "team",
              "them": "others", "they": "others", "other": "others", "ops": "ops team",
              "sre": "the SRE team"}


def _end_tags(body: str) -> str:
    """Lines tagged at their end with whose they are: the writer's ("#me", alone or with
    others') read as any line of theirs; anyone else's labelled with the tag ("team: Bongani's
    squad shipped ...", "mgr: leadership picked a new PSP"), so the writer's "I" never
    reaches them."""
    if len(_END_TAGS.findall(body)) < _MIN_END_TAGS:
        return body

    def said(match: re.Match[str]) -> str:
        tags = [t.lower() for t in re.findall(r"#(\w+)", match.group("tags"))]
        line = match.group("line")
        if any(t in _SELF | {"myself"} for t in tags):
            return line
        lead = re.match(r"[ \t]*[-*+][ \t]+", line)
        head = lead.group(0) if lead else ""
        words = line[len(head):].split()
        first = words[0] if words else ""
        if not (first[:1].islower() and past_word(first)) or len(words) > 2 and re.fullmatch(
                r"[a-z]{3,}s", words[1]) and past_word(words[2].strip(",.;:")):
            # ("saved cards migrated in Apr #team": a thing and what became of it)
            return line  # "on-sale night: ~180K orders in 3 hrs #team": no step to give anyone
        who = _TAGGED_AS.get(tags[0], tags[0])
        return f"{head}{who}: {line[len(head):]}"
    return _END_TAGS.sub(said, body)


# "[yellow] CONTEXT: ...", "[green] DID: ...": sticky notes typed off a wall, each opened on the
# colour of its note, a mark, no speaker and no words of the story
_COLOURS = r"yellow|green|blue|red|pink|orange|purple|white|grey|gray|teal|violet|brown|black|lilac|mint"
_COLOUR_TAG = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)[\[(][ \t]*(?:" + _COLOURS + r")"
                         r"(?:[ \t]+(?:note|sticky|post-?it))?[ \t]*[\])][ \t]*:?[ \t]*(?=\S)",
                         re.IGNORECASE | re.MULTILINE)
_MIN_COLOURS = 3
# "(blue = mine, yellow = Priyanka's group, pink = open questions)": what each colour stands for
_LEGEND = re.compile(r"\b(" + _COLOURS + r")\s*(?:=|:|is|means)\s*([^,;()\n]{2,40}?)\s*(?=[,;)\n]|$)",
                     re.IGNORECASE)


def _colour_tags(body: str) -> str:
    """Sticky notes' colour tags left out, so each note is read by its own words, as an item
    of a list; where the notes say whose each colour is ("blue = mine, yellow = Priyanka's
    group"), someone else's notes are labelled with whose they are."""
    if len(_COLOUR_TAG.findall(body)) < _MIN_COLOURS:
        return body
    legend = {m.group(1).lower(): m.group(2).strip() for m in _LEGEND.finditer(body)}

    def said(match: re.Match[str]) -> str:
        lead = match.group("lead") if match.group("lead").strip() else f"{match.group('lead')}- "
        colour = re.search(_COLOURS, match.group(0), re.IGNORECASE)
        whose = legend.get(colour.group(0).lower(), "") if colour else ""
        if not whose or re.fullmatch(r"(?:mine|me|my \w+|i)", whose, re.IGNORECASE):
            return lead  # (each note its own item, as the lines of a list are)
        return f"{lead}{whose}: "
    return _COLOUR_TAG.sub(said, body)


def _hashtags(body: str) -> str:
    """Lines labelled by a hashtag read as labelled lines: "#context ..." as "context: ...",
    and a tag saying whose the line is ("#me", "#team") as the bracketed whose-tag."""
    if len(_HASHTAG.findall(body)) < _MIN_HASHTAGS:
        return body

    def label(match: re.Match[str]) -> str:
        tag = match.group(2)
        if _WHOSE_WORDS.fullmatch(tag):
            return f"{match.group(1)}[{tag}] "
        return f"{match.group(1)}{tag.replace('-', ' ')}: "

    return _HASHTAG.sub(label, body)


# "4be07d1 test: replay 2k prod txns through offline + online scorer": a line of a pasted
# "git log --oneline", its hash first and a commit type ("fix:", "test:") often after it
# (or its commit type alone: "test(orders): replace fixed sleeps with polling")
_COMMIT_TYPE = (r"(?:fix|feat|test|tests|chore|refactor|docs|perf|ci|build|style|revert)"
                r"(?:\([^()]{1,30}\))?!?:[ \t]*")
_COMMIT = re.compile(r"^([ \t]*(?:[-*+][ \t]+)?(?P<quote>[\"\u201c`]?))"
                     r"(?:(?=[0-9a-f]{0,39}[a-f])(?=[0-9a-f]{0,39}\d)[0-9a-f]{7,40}[ \t]+(?:"
                     + _COMMIT_TYPE + r")?|" + _COMMIT_TYPE + r")(?=\S)",
                     re.MULTILINE)
_MINE_BEFORE = re.compile(r"\b(?:my|mine|i)\b", re.IGNORECASE)


def _commits(body: str) -> str:
    """A pasted commit log: each commit a list item, said as the writer's own commit when the
    line before the log says so ("git log, my commits:")."""
    out: list[str] = []
    commits, intro = 0, None
    kinds: set[str] = set()  # "fix", "feat", a hash, "fix(api)": what marks the lines as commits
    for line in body.split("\n"):
        commit = _COMMIT.match(line)
        if commit is None:
            out.append(line)
            continue
        commits += 1
        kinds.add(line[commit.end(1):commit.end()].strip().lower().rstrip(":!"))
        if intro is None:  # the line that introduces the log
            intro = next((before for before in reversed(out) if before.strip()), "")
        subject = line[commit.end():]
        if commit.group("quote"):  # '"fix: dedupe events by id"': the title, quoted
            subject = re.sub(r"[\"\u201d`][ \t]*$", "", subject)
        scope = re.match(r"([a-z][\w-]{1,15}):\s+(?=\S)", subject)  # "dashboard: drift alarm"
        if scope and _opens_on_verb(subject[scope.end():]):
            subject = subject[scope.end():]
        if not _MINE_BEFORE.search(intro):
            out.append(f"- commit: {subject}")
        elif _opens_on_verb(subject) and (step := _my_step(subject)).startswith("I "):
            out.append(f"- {step}")  # "cap retries at 3": the writer's step
        else:  # "exponential backoff with full jitter": the commit, in its own words
            out.append(f'- I committed "{subject.rstrip(".")}".')
    # "- fix: cache fx rates ..." twice is the writer's list of fixes, not a log: a log has
    # hashes, scopes ("fix(api):") or more than one kind of commit
    logged = len(kinds) > 1 or any(not re.fullmatch(r"[a-z]+", kind) for kind in kinds)
    return "\n".join(out) if commits >= 2 and logged else body


# A pasted e-mail thread: "From: Dev Patel" over a reply, the earlier mail quoted below it
_MAIL_FROM = re.compile(r"^[ \t]*(?P<quote>(?:>[ \t]?)*)(?:\*\*)?From(?:\*\*)?:[ \t]*(?:\*\*)?[ \t]*"
                        r"(?P<name>[A-Za-zÀ-ÿ][\w.'’-]*(?:[ \t]+[A-Za-zÀ-ÿ][\w.'’-]*){0,3})"
                        r"[ \t]*(?:<[^<>\s]+>)?[ \t]*$", re.IGNORECASE)
_MAIL_HEADER = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:sent|date|to|cc|bcc|subject|re|fwd?)[ \t]*:",
                          re.IGNORECASE)
MAIL_ROLE = "(e-mail)"  # marks the lines of someone else's mail as chat ("Sofia (e-mail): ...")
QUOTED_MAIL_ROLE = "(quoted e-mail)"  # and of a mail quoted below the reply to it


def _emailed(body: str) -> str:
    """A pasted e-mail thread. The writer is the sender of its first mail not quoted; the mails
    of anyone else are their words, each paragraph said as theirs ("Sofia (e-mail): ..."), so
    their "I" and "we" are never the writer's. A mail quoted below a reply ("> From: Dev
    Patel") is marked as quoted: it happened before the reply, and the notes reader moves it
    there. A sender's name alone on a line (a sign-off) goes, and so does a sender's name that
    opens a mail ("Sofia, I'm not comfortable ...")."""
    lines = body.split("\n")
    senders = [(at, m) for at, m in ((at, _MAIL_FROM.match(line)) for at, line in enumerate(lines))
               if m is not None]
    plain = [m for _, m in senders if not m.group("quote")]
    if not any(m.group("quote") for _, m in senders) and len({m.group("name") for m in plain}) < 2:
        return body
    writer = plain[0].group("name") if plain else ""
    names = {m.group("name").split()[0].lower() for m in plain} | {m.group("name").lower() for m in plain}
    out = list(lines)
    for at, line in enumerate(lines):
        if line.strip().lower().rstrip(",.") in names:
            out[at] = ""  # "Marta": a sign-off
        opening = re.match(r"^([ \t]*)([A-Za-zÀ-ÿ][\w'’-]*),[ \t]+(?=\S)", line)
        if opening and opening.group(2).lower() in names:
            out[at] = opening.group(1) + line[opening.end():]  # "Sofia, I'm not ..."
    for index, (at, sender) in enumerate(senders):
        quoted, name = bool(sender.group("quote")), sender.group("name")
        if not quoted and name == writer:
            continue
        out[at] = ""
        depth = sender.group("quote").count(">")
        ends = senders[index + 1][0] if index + 1 < len(senders) else len(lines)
        if quoted:
            _quote_as_chat(lines, out, at + 1, f"{name} {QUOTED_MAIL_ROLE}", depth, end=ends,
                           headers=True)
            continue
        row, opened = at + 1, -1  # opened: the row its paragraph is said on, joined
        while row < ends:
            if opened < 0 and _THEIR_MAIL_ENDS.match(out[row]):
                break  # "My notes after: ...": the writer again
            if _MAIL_HEADER.match(lines[row]) or lines[row].lstrip().startswith(">") \
                    or not out[row].strip():
                out[row], opened = "", -1  # its headers, a mail quoted inside it, a blank line
            elif opened < 0:
                out[row], opened = f"{name} {MAIL_ROLE}: {out[row].strip()}", row
            else:
                out[opened] += " " + out[row].strip()
                out[row] = ""
            row += 1
    return "\n".join(out)


def _quote_as_chat(lines: list[str], out: list[str], row: int, speaker: str, depth: int = 1, *,
                   end: int | None = None, headers: bool = False) -> None:
    """The quote that starts at ``row`` (``depth`` marks deep) and stops before ``end``, written
    into ``out`` as ``speaker``'s chat lines: a paragraph each, joined on its first row, every
    other row blank so line numbers hold. A quote inside it goes, and so do a mail's headers
    with ``headers``."""
    end = len(lines) if end is None else end
    opened = -1  # the row the paragraph is said on
    while row < end and lines[row].lstrip().startswith(">"):
        inner = re.sub(rf"^[ \t]*(?:>[ \t]?){{{depth}}}", "", lines[row]).strip()
        out[row] = ""
        if not inner or inner.startswith(">") or headers and _MAIL_HEADER.match(lines[row]):
            opened = -1
        elif opened < 0:
            out[row], opened = f"{speaker}: {inner}", row
        else:
            out[opened] += " " + inner
        row += 1


# After someone else's mail, the writer's own notes again ("My notes after: ...", "Outcome: ...")
_THEIR_MAIL_ENDS = re.compile(r"^\W*(?:my\s+(?:\w+\s+)?notes?|notes?\s+(?:after|later|to self)|"
                              r"outcome|result|results|reflection|lessons?|next time|later|after)\b",
                              re.IGNORECASE)


def _mail_first(blocks: list[Block]) -> list[Block]:
    """The mails a reply quotes happened before it: they are told first, the oldest first."""
    mails: list[Block] = []
    rest: list[Block] = []
    for block in blocks:
        (mails if block.kind == "chat" and f" {QUOTED_MAIL_ROLE}:" in block.text else rest).append(block)
    return sorted(mails, key=lambda b: -b.line) + rest


# "Feedback from my EM, copied from the review tool:", "Priya's comment on the doc:": a line that
# says whose words the quote below it holds
_WORDS_OF = re.compile(r"^\W*(?:(?:the\s+)?(?:feedback|review|comment|note|message|reply|words|quote)s?\s+"
                       r"(?:from|by|of)\s+(?P<who>(?:my|our|the)\s+(?:skip[- ]level\s+)?[\w-]+|"
                       r"(?-i:[A-Z][a-zà-öø-ÿ]+))"
                       r"|(?P<whose>(?:my|our|the)\s+(?:skip[- ]level\s+)?[\w-]+|(?-i:[A-Z][a-zà-öø-ÿ]+))"
                       r"['’]s\s+(?:feedback|review|comment|note|message|reply|words|answer|"
                       r"response|pushback|objection|take))\b[^\n]{0,100}:\s*$",
                       re.IGNORECASE)


def _quoted_words(body: str) -> str:
    """A quote under the line that says whose words it holds ("Feedback from my EM: / > You
    disagreed with ..."): their words, said as theirs ("My EM said: ..."), so the "you" and
    "I" in them are never read as the writer's."""
    lines = body.split("\n")
    out = list(lines)
    for at, line in enumerate(lines[:-1]):
        intro = _WORDS_OF.match(line)
        below = next((row for row in range(at + 1, len(lines)) if lines[row].strip()), None)
        if intro is None or below is None or below > at + 2 or not _QUOTE_LINE.match(lines[below]):
            continue  # (a blank line may stand between the intro and its quote)
        who = (intro.group("who") or intro.group("whose")).strip()
        role = FEEDBACK_ROLE if re.search(r"\b(?:feedback|review)", line, re.IGNORECASE) \
            else COMMENT_ROLE
        out[at] = ""
        _quote_as_chat(lines, out, below, f"{who} {role}")
    return "\n".join(out)


# A look into something, the writer's step: what a list under it holds, what follows its
# label or its arrow, is what it found ("I pulled 90 days of pages -> ~65% auto-resolved")
LOOKING_VERBS = ("pulled", "broke down", "looked", "checked", "profiled", "measured", "dug",
                 "traced", "analysed", "analyzed", "went through", "grepped", "sampled", "compared",
                 "diffed", "counted", "exported", "audited", "reviewed", "interviewed", "surveyed",
                 "investigated", "instrumented", "benchmarked", "read through", "graphed", "queried",
                 "plotted", "bisected", "debugged", "replayed", "reproduced")
_LOOKED_STEP = re.compile(r"^(?:I\s+)?(?:\w+ly\s+)?(?:" + "|".join(LOOKING_VERBS) + r")\b",
                          re.IGNORECASE)


# "**mpatel** commented on Apr 14", "jlin (EM) replied 3 days ago": who wrote the comment
# pasted under it, in a ticket or review thread
# ("**Chen Wei** 06:44", "Greta (Eng Mgr) 8:30 AM": a chat export's author and time)
_COMMENT_BY = re.compile(r"^[ \t]*[*_]{0,2}@?(?P<who>[A-Za-z][\w.-]{0,30}(?:[ \t](?-i:[A-Z])[\w.-]{0,30})?)"
                         r"[*_]{0,2}(?:[ \t]*\((?P<role>[^()\n]{1,20})\))?[*_]{0,2}[ \t]+"
                         r"(?:(?:commented|replied|responded|wrote|left a comment|reviewed|"
                         r"approved(?: these changes)?|requested changes)\b[^\n:]{0,40}:?|"
                         r"\[?(?P<clock>\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?)\]?|"
                         # "**mkowalczyk** · 2024-02-06": the author, a dot or dash, the date
                         r"[·•|—–-][ \t]*(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
                         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2}"
                         r"(?:,?[ \t]+\d{4})?|\d{1,2}[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                         r"dec)[a-z]*\.?(?:[ \t]+\d{4})?)(?:[ \t,]+\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?)?)"
                         r"[ \t]*$", re.IGNORECASE)
# "Comment — Dana Okafor — 2024-04-02", "Reply - Sam - Apr 4": a ticket's comment header, its
# author between dashes
_COMMENT_DASHED = re.compile(r"^[ \t]*[*_]{0,2}(?:comment|reply|response|update|note)[*_]{0,2}[ \t]*"
                             r"(?:#\d+[ \t]*)?[—–-]{1,2}[ \t]*(?P<who>me|(?-i:[A-Z])[\w.'-]{0,30}"
                             r"(?:[ \t](?-i:[A-Z])[\w.'-]{0,30})?)(?:[ \t]*\((?P<role>[^()\n]{1,20})\))?"
                             r"[ \t]*(?:[—–-]{1,2}[ \t]*[\w ,./:-]{1,30})?[ \t]*$", re.IGNORECASE)
# "--- [Support Eng — Ngozi]", "--- ME (later)": a ticket's comment header set off by a rule,
# the author (after their role) in brackets, or the writer as "ME"
_COMMENT_RULED = re.compile(r"^[ \t]*(?:-{2,}|={2,})[ \t]*(?:\[(?:(?P<role>[A-Za-z][\w .&/]{0,25}?)"
                            r"[ \t]*[—–-]{1,2}[ \t]*)?(?P<who>me|(?-i:[A-Z])[\w.'-]{0,30}"
                            r"(?:[ \t](?-i:[A-Z])[\w.'-]{0,30})?)\]|(?P<mine>me))"
                            r"(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*(?:-{2,})?[ \t]*$", re.IGNORECASE)
# The writer's own words in a comment: "I", "my", "myself"
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|d|ve|ll)|my|myself|me)\b")
# "Comment by Dana Whitlock, 04/Mar: Release train blocked again.": a ticket's comment, its
# author, when, and what they wrote, on one line
_COMMENT_INLINE = re.compile(r"^[ \t]*[*_]{0,2}(?:comment|reply|response|update|note)[ \t]+(?:by|from)[ \t]+"
                             r"@?(?P<who>[A-Za-z][\w.'-]{0,30}(?:[ \t](?-i:[A-Z])[\w.'-]{0,30})?)"
                             r"(?:[ \t]*\((?P<role>[^()\n]{1,20})\))?(?:,?[ \t]+(?:on[ \t]+)?[\w ./-]{1,20}?)?"
                             r"[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]+(?P<body>\S.*)$", re.IGNORECASE)
# A chat export's reactions under a message (":+1: 4  :tada: 6"): no words of anyone's
_REACTIONS = re.compile(r"^[ \t]*(?::[\w+-]+:[ \t]*\d*[ \t]*)+$")
COMMENT_ROLE = "(comment)"  # marks a pasted comment as a chat line ("mpatel (comment): ...")
FEEDBACK_ROLE = "(feedback)"  # and feedback on the work, given once it was done
_QUOTE_LINE = re.compile(r"^[ \t]*>[ \t]?")
_SELF = frozenset({"me", "i", "myself", "mine"})  # the writer, naming themself as a doer


# "[Comment - Kwame: confirmed on 3 devices in the lab]": a reviewer's comment left inside a
# shared doc, in brackets, on its own line or after the line it answers
_BRACKET_COMMENT = re.compile(r"[ \t]*\[[ \t]*(?:comment|reply|response|note|suggestion)[ \t]*"
                              r"(?:[-–—:]{1,2}|by|from)[ \t]*@?(?P<who>(?-i:[A-Z])[\w.'’-]{0,30}"
                              r"(?:[ \t](?-i:[A-Z])[\w.'’-]{0,30})?)(?:[ \t]*\([^()\]\n]{1,20}\))?"
                              r"[ \t]*:[ \t]*(?P<said>[^\[\]\n]*?\S)[ \t]*\][ \t]*", re.IGNORECASE)


def _bracket_comments(body: str) -> str:
    """Comments left in brackets inside a shared doc, said as their author's: a comment on a
    line of its own as their chat line ("Kwame (comment): confirmed on 3 devices"), one after
    the line it answers as what they said, never as the writer's."""
    if _BRACKET_COMMENT.search(body) is None:
        return body

    def apart(match: re.Match[str]) -> str:
        who = match.group("who")
        who = "me" if who.lower() in _SELF else who
        whole = match.start() == 0 or body[match.start() - 1] == "\n"
        if whole and body[match.end():match.end() + 1] in ("\n", ""):
            return f"{who} {COMMENT_ROLE}: {match.group('said')}"  # a line of its own
        # after the line it answers: said there, as theirs, so every line keeps its number
        return f"{'' if whole else '. '}{who[:1].upper()}{who[1:]} said: \"{match.group('said')}\" "
    return _BRACKET_COMMENT.sub(apart, body)


def _commented(body: str) -> str:
    """A pasted ticket or review thread: each comment under its "NAME commented on ..." line
    becomes that person's chat lines ("mpatel: The release is ready"), the writer's own ("me",
    "I") the writer's, so their words are never read as the writer's steps. A quote of an
    earlier comment inside one ("> > Fix is up") repeats it and goes."""
    lines = body.split("\n")

    def by(at: int) -> tuple[str, str | None] | None:
        """The comment's author and role when line ``at`` names them, else None."""
        ruled = _COMMENT_RULED.match(lines[at])
        if ruled is not None:
            return ruled.group("who") or ruled.group("mine"), ruled.group("role")
        header = _COMMENT_BY.match(lines[at]) or _COMMENT_DASHED.match(lines[at]) \
            or _COMMENT_INLINE.match(lines[at])
        if header is not None and not ((header.groupdict().get("clock")
                                        or header.groupdict().get("date")) and (
                header.group("who").split()[0].lower() in _DATED_NAMES | NOT_SPEAKERS)):
            return header.group("who"), header.group("role")  # (not "Mon 09:12": a day, a time)
        dated = _SPEAKER_HEAD.match(lines[at])  # "Priya (QA), Oct 12:" over "> Verified ..."
        if dated is None or not _speaks(dated) or at + 1 >= len(lines) or not (
                dated.group("when") or dated.group("verb") or _QUOTE_LINE.match(lines[at + 1])):
            return None
        aside = (dated.group("aside") or "").strip(" ()")
        return dated.group("name"), aside or None
    if sum(bool(by(at)) for at in range(len(lines))) < 2:
        return body
    writer = _thread_writer(lines, by)
    out: list[str] = []
    at = 0
    while at < len(lines):
        header = by(at)
        if header is None:
            out.append(lines[at])
            at += 1
            continue
        who, role = header
        who = "me" if who.lower() in _SELF or who == writer else who
        role = None if who == "me" else role
        who = f"{who} ({role})" if role else f"{who} {COMMENT_ROLE}"
        inline = _COMMENT_INLINE.match(lines[at])  # "Comment by Dana, 04/Mar: Release ..."
        out.append(f"{who}: {inline.group('body').strip()}" if inline else "")  # the header
        at += 1  # line keeps its place, so line numbers hold
        while inline and at < len(lines) and lines[at].strip() and not by(at):
            out.append(f"{who}: {lines[at].strip()}")  # its lines up to a blank one
            at += 1
        if inline:
            continue
        while at < len(lines) and not lines[at].strip():
            out.append("")
            at += 1
        quoted = at < len(lines) and _QUOTE_LINE.match(lines[at]) is not None
        while at < len(lines) and not by(at) and lines[at].strip() \
                and (not quoted or _QUOTE_LINE.match(lines[at])):
            said = _QUOTE_LINE.sub("", lines[at], count=1) if quoted else lines[at]
            out.append("" if _QUOTE_LINE.match(said) or not said.strip() or _REACTIONS.match(said)
                       else f"{who}: {said.strip()}")
            at += 1
    return "\n".join(out)


_THREAD_ENDS = re.compile(r"^[ \t]*(?:-{3,}|={3,}|\*{3,}|#{1,6}[ \t])")
# The writer saying who they are in a thread they pasted: "(i'm reuben)", "me = Owen"
_I_AM = re.compile(r"(?:^|[(\[,;:.]\s*)(?:i['’]?m|i am|me\s*(?:=|is))\s+@?([A-Za-z][\w.-]{2,30}?)\s*"
                   r"(?:[)\],;:]|\.?$|\.\s)|@?([A-Za-z][\w.-]{2,30})\s*\((?:me|that['’]?s me)\)|"
                   r"\bmy (?:comments|replies|messages|lines|posts|updates) (?:are|were) (?:the |all )?"
                   r"[\"'“‘]?@?([A-Za-z][\w.-]{2,30})(?:['’]s|\s+ones)?\b",
                   re.IGNORECASE | re.MULTILINE)


def _thread_writer(lines: list[str],
                   by: Callable[[int], tuple[str, str | None] | None]) -> str | None:
    """The author of a pasted thread who is the writer: where no comment is signed "me", the
    one whose comments speak as "I" ("Assigning to myself since I own checkout CI") on at least
    two lines, twice as often as anyone else does. None when no one stands out."""
    named = {name.lower() for line in lines for match in _I_AM.finditer(line)
             for name in match.groups() if name}
    for at in range(len(lines)):  # "my own notes (i'm reuben)" under "@reuben-matz commented"
        header = by(at)
        if header is not None and named and any(
                part in named for part in re.split(r"[-_.\s]", header[0].lower())):
            return header[0]  # ("Dev Raghunathan (me)": signed by either name)
    mine: dict[str, int] = {}
    author: str | None = None
    for at, line in enumerate(lines):
        header = by(at)
        if header is not None:
            author = header[0]
            if author.lower() in _SELF:
                return None  # the writer signs as "me": the others are the others
            continue
        if _THREAD_ENDS.match(line):
            author = None  # "--- my notes after ---", "## What I did": the thread is over
        if author is not None and _FIRST_PERSON.search(_QUOTE_LINE.sub("", line)):
            mine[author] = mine.get(author, 0) + 1
    ranked = sorted(mine.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return ranked[0][0]


# "(copied from my notebook)", "(pasted from the doc)": where the list came from, not a step
_COPIED = re.compile(r"(?:copied|pasted|copy-pasted|exported|taken|lifted|excerpted|trimmed|edited)\b",
                     re.IGNORECASE)


# "- [x] adapter for the new API (me)", "- refunds routed to the old provider (Hugo)": a list
# of work with who did each item in brackets at its end
# ("(Kemal's team)", "(Dr. Okonkwo, pharmacy)", "(team)": others, by name or as a group)
_OWNER = (r"(?P<who>(?:me|mine|myself|(?:the[ \t]+)?team|"
          r"(?-i:(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?[ \t]+)?[A-Z][a-zà-öø-ÿ]+"
          r"(?:['’]s[ \t]+(?:team|group|squad|crew|org))?|[A-Z]{2,3}))"
          r"(?:[ \t]*(?:,|\+|&|and)[^()\[\]\n]{0,60})?)")
# ("- Re-ran recs for the 37 affected farms [Valentina]": a board's owner in square brackets)
_OWNER_TAG = re.compile(r"^(?P<lead>[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?)(?P<item>\S.*?)[ \t]*"
                        r"(?:\(" + _OWNER + r"\)|\[" + _OWNER.replace("?P<who>", "?P<who2>") + r"\])[ \t]*$",
                        re.IGNORECASE | re.MULTILINE)
# "- Parser for new probe payload [me] - shipped w/ 31 tests": the owner in square brackets
# before the item's last words, which are still its own
_OWNER_INSIDE = re.compile(r"^(?P<lead>[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?)(?P<item>[^\n\[\]]*?\S)"
                           r"[ \t]*(?P<tag>\[" + _OWNER.replace("?P<who>", "?:") + r"\])"
                           r"[ \t]+(?P<rest>(?:[-–—]|\()[^\n]*?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_MIN_OWNED = 2  # items with their doer at the end, one of them the writer's


# The same tag at the end of a line of prose: "backfilled 14 months of statements (me)",
# "finance handled the true-up payments (team)"
_LINE_TAG = re.compile(r"^(?P<lead>[ \t]*)(?P<item>[^\s\-*+|>#].*?)[ \t]*\((?P<who>me|myself|team|the team|"
                       r"us|(?-i:[A-Z][a-zà-öø-ÿ]+|[A-Z]{2,3}))\)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_MIN_TAGGED_LINES = 3  # lines of prose that end on their doer, one of them the writer's
_OPENS_ON_SUBJECT = re.compile(r"(?:I|we|he|she|they|it|(?-i:[A-Z][a-zà-öø-ÿ]+))\b[\w'’]*\s+\w")


def _tagged_lines(body: str) -> str:
    """Lines of prose each ended by who did it ("(me)", "(team)", "(Raj)"): the tag goes;
    a line of the writer's with no subject is said as their step, someone else's keeps or
    gets their name."""
    tags = list(_LINE_TAG.finditer(body))
    if len(tags) < _MIN_TAGGED_LINES or not any(t.group("who").lower() in _SELF for t in tags):
        return body

    def said(match: re.Match[str]) -> str:
        who, item, lead = match.group("who"), match.group("item").rstrip(), match.group("lead")
        stop = "" if re.search(r"[.!?;:,]$", item) else "."  # the line still ends where it did
        if _OPENS_ON_SUBJECT.match(item) and not _opens_on_verb(item) \
                or who.lower() in ("team", "the team", "us") \
                or re.match(r"[\w'’ -]{1,25}:\s", item):
            # "Raj pulled the logs (Raj)", "(team)", "fix: month boundary per tz (me)": said
            # as written, its label read as labels are
            return f"{lead}{item}{stop}"
        if who.lower() in _SELF:
            return f"{lead}{_my_step(item)}{stop}"
        return f"{lead}{who}: {item}{stop}"
    return _LINE_TAG.sub(said, body)


# A clause that tells what happened: "numbers looked great", "it was slow"
_TELLS = re.compile(r"\b(?:was|were|is|are|looked|went|came|got|had|stayed|seemed|turned)\b",
                    re.IGNORECASE)
# The writer's initials, given once: "me = JK", "JK = me", "(me = JK)"
MY_INITIALS = re.compile(r"^[ \t(]*(?:me|i)[ \t]*=[ \t]*(?-i:([A-Z]{2,3}))\b|"
                          r"^[ \t(]*(?-i:([A-Z]{2,3}))[ \t]*=[ \t]*me\b", re.IGNORECASE | re.MULTILINE)


def _owned_items(body: str) -> str:
    """Who did each item, said where the reader meets it: the writer's items are their steps
    ("I did this part: adapter for the new API", or the step as written when it opens on a
    verb); someone else's are labelled with their name ("Hugo: refunds routed ..."). Where
    the notes give the writer's initials ("me = JK"), "(JK)" is "(me)"."""
    initials = MY_INITIALS.search(body)
    if initials:
        mine = initials.group(1) or initials.group(2)
        # on a line of prose that says "I" already, the tag goes ("the plan was mine (JK)")
        body = re.sub(r"^(?![ \t]*[-*+][ \t])(.*\b(?:I|my|mine|me)\b.*?)[ \t]*\(" + mine
                      + r"\)[ \t]*$", r"\1", body, flags=re.MULTILINE)
        body = re.sub(r"\(" + mine + r"\)(?=[ \t]*$)", "(me)", body, flags=re.MULTILINE)
    if len(_OWNER_INSIDE.findall(body)) + len(_OWNER_TAG.findall(body)) >= _MIN_OWNED:
        body = _OWNER_INSIDE.sub(r"\g<lead>\g<item> \g<rest> \g<tag>", body)
    tags = list(_OWNER_TAG.finditer(body))
    mine = [t for t in tags if _first_owner(t.group("who") or t.group("who2")).lower() in _SELF]
    if len(tags) < _MIN_OWNED or not mine:
        return _tagged_lines(body)

    # the lines over the items, read once: whether each names a column of work not done
    lines_over = list(_OPEN_COLUMN.finditer(body))
    column_ends = [line.end() for line in lines_over]
    open_columns = [bool(line.group(1)) for line in lines_over]

    def said(match: re.Match[str]) -> str:
        who, item, lead = match.group("who") or match.group("who2"), match.group("item"), \
            match.group("lead")
        if _first_owner(who).lower() in _SELF:
            above = bisect.bisect_right(column_ends, match.start())  # the last line over it
            if above and open_columns[above - 1]:
                # "TO DO / - Write a how-to for adding probe vendors [me]": the writer's, not
                # done yet, never told as a step they took
                return f"{lead}{item} ({who})"
            if re.match(r"(?-i:[A-Z])[\w'’ -]{1,25}:\s", item):
                return f"{lead}{item}"  # "Audit query: ~4% of readings were ... [me]": a label
            step = _my_step(item)
            # "week 1 numbers looked great, 14% fewer meters walked (me)": what happened, as
            # written, not a part of the work
            return f"{lead}{item if step.startswith(PART_SAID) and _TELLS.search(item) else step}"
        name = _first_owner(who)
        if name.lower() in NOT_SPEAKERS or name.lower() in _PART_HEADINGS:
            return match.group(0)
        rest = who.strip()[len(name):].strip(" ,")
        if item.startswith(name + " "):  # "LM rebuilt the dashboard (LM)": named already
            return f"{lead}{item}" + (f" ({rest})" if rest else "")
        return f"{lead}{name}: {item}" + (f" ({rest})" if rest else "")
    return _OWNER_TAG.sub(said, body)


# A board's column of work not done yet ("TO DO", "Doing"), or any other line over a list (an
# empty match: the items under it are read as written)
_OPEN_COLUMN = re.compile(r"^[ \t]*(?:#+[ \t]*)?[*_]{0,2}(?:(to[ -]?do|backlog|up next|planned|"
                          r"not started|in progress|doing|wip|blocked)|[^-*+\s\n][^\n]*)[*_]{0,2}"
                          r"[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)


def _first_owner(who: str) -> str:
    """The first of an item's owners: "me" of "me, pairing w/ Oskar"."""
    return re.split(r"\s*(?:,|\+|&|\band\b)\s*", who)[0].strip()


# A retro's or postmortem's list of what is still to do, and an item of it given to the writer
_TODO_HEADING = re.compile(r"^[ \t]*(?:#+[ \t]*)?[*_]{0,2}(?:action items?|follow[- ]?ups?|next steps|"
                           r"to-?dos?|ais|open items|owners and actions)[*_]{0,2}[ \t]*:?[ \t]*$",
                           re.IGNORECASE)
_MY_TODO = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+|\d{1,2}[.)][ \t]+)?)(?P<box>\[[ xX]\][ \t]+|"
                      r"still open:[ \t]+)?(?:(?:me|myself|I)[ \t]*(?::|[-–—])|\[(?:me|myself)\])"
                      r"[ \t]+(?P<item>\S.*)$", re.IGNORECASE)
# "[me] max retries + poison queue — done, shipped Thu": an action item marked done
_DONE_MARK = re.compile(r"\s*(?:[—–]|--?)\s*done\b[,.;:]?\s*|\s*\(done\)\s*", re.IGNORECASE)


OBJECT_OPENERS = frozenset({"the", "a", "an", "our", "my", "their", "its", "this", "that", "these",
                             "those", "every", "all", "each", "up", "out", "it", "them", "back"})


def _under_todo_heading(lines: list[str]) -> list[bool]:
    """For each line, whether it sits under an "Action items" heading (until the next heading)."""
    flags: list[bool] = []
    under = False
    blank = False  # a blank line was just passed: a line that is no item after it ("next 1:1"
    # over "me: say it loudly the first time") starts something else
    for line in lines:
        heading = _TODO_HEADING.match(line) is not None
        if heading or under and (line.lstrip().startswith("#") or _bare_heading(line) is not None
                                 or blank and line.strip() and not _ITEM_MARK.match(line)
                                 and not _TICK_LINE.match(line)):
            under = heading
        flags.append(under and not heading)
        blank = not line.strip()
    return flags


def _my_todos(body: str) -> str:
    """"Me: add an overlap check" under "Action items": the writer's item still to do, said as
    theirs and not as done ("I took the action item to add an overlap check")."""
    lines = body.split("\n")
    for at, (line, under) in enumerate(zip(lines, _under_todo_heading(lines), strict=True)):
        mine = _MY_TODO.match(line)
        box = (mine.group("box") or "").strip().lower() if mine else ""
        done = _DONE_MARK.search(mine.group("item")) if mine is not None else None
        if mine is not None and box in ("[x]",):  # ticked: done, the writer's step
            lines[at] = mine.group("lead") + _my_step(mine.group("item"))
        elif mine is not None and done is not None and done.start() > 0:
            item = mine.group("item")  # "[me] contract tests in CI — done in 2 wks": done
            after = item[done.end():].strip()
            step = _my_step(item[:done.start()].strip())
            lines[at] = mine.group("lead") + step + (
                f". Done, {after}" if after and not re.match(r"in\b|by\b|on\b", after)
                else f", done {after}" if after else "")
        elif mine is not None and (under or box):
            item = mine.group("item")
            said = f"I took the action item to {item}" if _opens_on_plain_verb(item) \
                else f"My action item: {item}"
            if box:  # "still open": not done yet
                said = f"still open, my action item: {item}"
            lines[at] = mine.group("lead") + said
    return "\n".join(lines)


# "Anna (me) was the owner of the upload flow": the writer naming themself
SELF_TAG = r"\((?:me|that'?s me|= ?me|myself|i)\)"  # "(me)" after a name or a role: the writer
_SELF_NAMED = re.compile(r"\b(?-i:([A-Z][a-zà-öø-ÿ]+|[A-Z]\.))\s*" + SELF_TAG
                         # "(K. = me) writing this in 3rd person": an initial, or a name, said to be me
                         + r"|\(\s*(?-i:([A-Z][a-zà-öø-ÿ]+|[A-Z]\.?))\s*=\s*me\s*\)", re.IGNORECASE)
# "tl;dr" inside a line, after a sentence ("doc is up. tl;dr: ..."), or ending it before a
# list: a mark, no words of the story (where a line opens on it, ``_TLDR`` reads it)
_TLDR_MARK = re.compile(r"(?:(?<=[.!?:])[ \t]+tl[ \t]*;[ \t]*dr\b[ \t:.)\-–—*]*"
                        r"|(?<=\S)[ \t]+tl[ \t]*;[ \t]*dr[ \t]*:?[ \t]*$)",
                        re.IGNORECASE | re.MULTILINE)


def _tldr_marks(body: str) -> str:
    """A "tl;dr" mark inside a line left out, so it is never split into "tl" and "dr": "doc
    is up. tl;dr: we keep 99.95%" -> "doc is up. we keep 99.95%"."""
    return _TLDR_MARK.sub(lambda m: "" if body[m.end():m.end() + 1] in ("\n", "") else " ",
                          body)


# Dictated notes, their stops said as words: "offline first comma green tick right away full stop
# Bettina reviewed the design"
_SPOKEN_MARKS = (("full stop", ". "), ("comma", ", "), ("question mark", "? "),
                 ("exclamation mark", "! "), ("new paragraph", "\n\n"), ("new line", "\n"),
                 ("colon", ": "), ("semicolon", "; "))
_MIN_SPOKEN = 3


def _spoken_stops(body: str) -> str:
    """Dictated notes with their stops said as words ("comma", "full stop", "new line"), each
    word written as the mark it names, so the sentences end where the writer ended them."""
    said = sum(len(re.findall(rf"\b{word}\b", body, re.IGNORECASE)) for word, _ in _SPOKEN_MARKS[:2])
    if said < _MIN_SPOKEN:
        return body
    for word, mark in _SPOKEN_MARKS:
        body = re.sub(rf"[ \t]*\b{word}\b[ \t]*", mark, body, flags=re.IGNORECASE)
    return re.sub(r"([.,?!])\s*([.,?!])", r"\2", body)  # "... comma full stop": one mark


# Fragments jotted in a row with a spaced star between them, as sticky notes are pasted: "read
# the GTFS spec * made a glossary doc" (not "2 * 3", a product)
_STAR_STOP = re.compile(r"(?<=\S)[ \t]+[*•·][ \t]+(?=\S)")
_MIN_STARS = 3


def _starred_stops(body: str) -> str:
    """A line of fragments with a spaced star (or bullet dot) between them: each star ends a
    thought, written as a stop so each fragment is a sentence of its own (in notes written so,
    with three stars at least, not "a KEYS * call")."""
    if len(_STAR_STOP.findall(body)) < _MIN_STARS:
        return body

    def stopped(line: str) -> str:
        lead = re.match(r"[ \t]*(?:[-*+•][ \t]+)?", line)
        start = lead.end() if lead else 0
        rest = line[start:]
        if not _STAR_STOP.search(rest):
            return line

        def stop(found: re.Match[str]) -> str:
            before, after = rest[found.start() - 1], rest[found.end()]
            if before.isdigit() and after.isdigit():
                return found.group(0)  # "2 * 3": a product
            return " " if before in ".!?;:," else ". "
        said = _STAR_STOP.sub(stop, rest)
        # (ended too, so the next line is never read as this one wrapped)
        return line[:start] + said + ("" if said.rstrip()[-1:] in ".!?:;" else ".")
    return "\n".join(stopped(line) for line in body.split("\n"))


# A log's time stamp in brackets with its date: "[2023-11-24 09:14] decided to shift ...",
# "[2024-03-04 10:12] Priya: ...", "[03/04 10:12]"
_DATED_STAMP = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)\[\s*(?P<date>\d{4}-\d{2}-\d{2}|"
                          r"\d{1,2}/\d{1,2}(?:/\d{2,4})?)[ T]+(?P<clock>\d{1,2}:\d{2})(?::\d{2})?"
                          r"\s*(?:[A-Z]{2,4})?\s*\][ \t]*(?=\S)", re.MULTILINE)
_SPEAKER_NEXT = re.compile(r"(?:me|[A-Z][\w'-]{1,20}(?:\s+[A-Z][\w'-]{1,20})?)"
                           r"(?:\s*\([^()]{1,30}\))?\s*:\s")  # "Priya:", "Sam Lee (SRE):"


# "[result: shipped in 3.5 weeks]", "[to self: ...]": the writer's own note in brackets, under a
# label that names its card
_BRACKETED_LABEL = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)\[(?P<label>[A-Za-z][A-Za-z'’ ]{0,24}?)"
                              r"\s*:\s*(?P<said>[^\[\]]+?)\s*\][ \t]*$", re.MULTILINE)
_OWN_NOTE_LABELS = frozenset({"context", "after", "later", "afterwards", "to self", "note to self",
                              "note", "aside", "update", "then", "why"})


def _bracketed_labels(body: str) -> str:
    """A line that is the writer's note in brackets under a label ("[after: wrote the audit
    table design in 2 days]") read as the labelled line it stands for, without its brackets;
    a bracketed line addressed to anyone else (a coach, a program) keeps them."""
    def unbracketed(match: re.Match[str]) -> str:
        label = " ".join(match.group("label").lower().replace("’", "'").split())
        if label in _OWN_NOTE_LABELS or section_for_heading(label) is not None:
            return f"{match.group('lead')}{match.group('label').strip()}: {match.group('said')}"
        return match.group(0)
    return _BRACKETED_LABEL.sub(unbracketed, body)


# A footnote's mark in the text ("hit $84K/month[^1]") and the line that opens its text
_FOOTNOTE_MARK = re.compile(r"\[\^[\w-]{1,12}\](?!:)")
_FOOTNOTE_TEXT = re.compile(r"^(?P<lead>[ \t]*)\[\^[\w-]{1,12}\]:[ \t]*", re.MULTILINE)


def _footnotes(body: str) -> str:
    """Footnotes as the writer's asides: their marks go from the text ("hit $84K/month[^1]"),
    and each footnote's text ("[^1]: actual was $84.3K") is read as a line of its own."""
    return _FOOTNOTE_TEXT.sub(lambda m: m.group("lead"), _FOOTNOTE_MARK.sub("", body))


# "(0:42) my argument was basically ...": where a line falls in a recording
_OFFSET = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)\(\s*\d{1,2}:[0-5]\d(?::[0-5]\d)?\s*\)[ \t]*(?=\S)",
                     re.MULTILINE)
_MIN_OFFSETS = 2


def _recording_offsets(body: str) -> str:
    """A transcript's offsets into the recording ("(0:42)", "(1:05)") go: they say where a line
    falls in the memo, not when anything happened, and are never copied into a sentence."""
    if len(_OFFSET.findall(body)) < _MIN_OFFSETS:
        return body
    return _OFFSET.sub(lambda match: match.group("lead"), body)


def _bracketed_stamps(body: str) -> str:
    """A log's dated stamps in brackets ("[2023-11-24 09:14] decided to shift 50% ...") written
    the way a log line's date and time are ("2023-11-24 09:14 - decided ..."), so they are read
    as when each entry happened and never copied into a sentence; a stamp before a speaker
    ("[2023-11-24 09:14] Priya: ...") keeps only its clock, as a chat line's does."""
    def unstamped(match: re.Match[str]) -> str:
        rest = body[match.end():match.end() + 60]
        if _SPEAKER_NEXT.match(rest) and not re.match(r"(?:note|update|edit|nb|ps)\s*:", rest,
                                                       re.IGNORECASE):
            return f"{match.group('lead')}[{match.group('clock')}] "
        return f"{match.group('lead')}{match.group('date')} {match.group('clock')} - "
    return _DATED_STAMP.sub(unstamped, body)


# A stand-up's lines: "Y: got access", "T: repro locally", "B: none" (yesterday, today,
# blockers), or spelled out ("Yesterday:", "Today:", "Blockers:")
_STAND_UP = re.compile(r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)(?P<key>y|t|b|yesterday|today|blockers?|"
                       r"blocked(?: on| by)?)[ \t]*:[ \t]*(?P<said>.*)$", re.IGNORECASE | re.MULTILINE)
_NOTHING = re.compile(r"\W*(?:none|nothing|no|nope|n/?a|-+|—|–|nil|zero|clear|all clear)?\W*",
                      re.IGNORECASE)


def _mine_said(piece: str) -> str:
    """A stand-up's sentence that opens on a verb in the past ("Backfilled 4 nights"), said
    with the writer as its subject; anything else as written."""
    first = piece.split()[0] if piece.split() else ""
    if not first[:1].isalpha() or not past_word(first.lower()) \
            or re.match(r"\S+\s+by\b", piece):  # ("Reviewed by Joon-ho": not a step of theirs)
        return piece
    return f"I {first.lower() if not first[1:2].isupper() else first}{piece[len(first):]}"


def _stand_ups(body: str) -> str:
    """Stand-up notes, day after day: what was done yesterday is the writer's step as written,
    today's plan is said as planned ("T: repro locally" -> "I planned to repro locally"), a
    blocker is what stood in the way, and "B: none" says nothing. Never "T" for the Task."""
    keys = [m.group("key").lower()[:1] for m in _STAND_UP.finditer(body)]
    if min(keys.count("y"), keys.count("t")) < 2 or keys.count("b") < 1:
        return body

    def said(match: re.Match[str]) -> str:
        key, text = match.group("key").lower()[:1], match.group("said").strip()
        if _NOTHING.fullmatch(text):
            return ""
        if key == "b":  # "B: none. fyi 2 teachers say ...": no blocker, an aside; a blocker
            aside = re.sub(r"^(?:none|nothing|nope|n/?a|nil)\W+", "", text, flags=re.IGNORECASE)
            text = aside if aside != text else f"Blocker: {text}"  # is named, never what the
            # step before it found
        if key == "y":  # "Emeka confirmed the key. Backfilled 4 nights": the writer's
            # own stand-up, so a step with no subject after someone else's is still theirs
            pieces = re.split(r"(?<=[.!?])\s+", text)
            text = " ".join([pieces[0], *(_mine_said(piece) for piece in pieces[1:])])
        if key == "t":
            words = text.split()
            first = words[0].lower() if words else ""
            if first in kb.lexicon().base_past or first in kb.lexicon().irregular_base \
                    or first in ("repro", "finish", "ship", "merge", "start", "write", "run"):
                text = f"I planned to {text}"
        end = "" if re.search(r"[.!?:;,]$", text) else "."  # each line its own sentence
        return f"{match.group('lead')}{text}{end}"
    return _STAND_UP.sub(said, body)


# An outline: a short line at the margin over lines indented under it ("inventory" over
# "  I grepped every repo ..."), each such line the heading of what is indented below it.
# A field under a ticket's title ("  owner: me"): the title over it is no heading
_FIELD = re.compile(r"[ \t]+[\w ]{1,25}:\s")


def _outline_head(text: str, indent: int) -> bool:
    """Whether a line of an outline, with lines indented under it, is a head: a few words with
    no sentence end or colon ("dual write (Feb)", "write cutover, Mar 22", "others"). A card's
    name at the margin ("outcome") is read as a heading already."""
    return len(text.split()) <= 7 and not text.endswith(":") and not _SENTENCE_END.search(text) \
        and not _LIST_ITEM.match(text) and not re.match(r"\d{1,2}[.)]\s|[#>|`\[]", text) \
        and (":" not in text or re.search(r"\d:\d", text) is not None) \
        and not (indent == 0 and _bare_heading(text))


# A heading's aside that tells something of the writer: "(I own the Android release train)"
_MY_ASIDE = re.compile(r"\(\s*((?:I|I['’]m|I was|my)\s[^()]{8,160})\)\s*:?\s*$")


def _item_head(text: str) -> bool:
    """Whether a list item with items of its own under it names them, as a head does ("What
    I pushed for (I own the release train)", "The bar"), rather than being a step told with
    its details under it ("migrated the DB" over "took 3 days")."""
    bare = re.sub(r"\s*\([^()]*\)", "", text).strip()
    words = bare.split()
    if not words or len(words) > 5 or _SENTENCE_END.search(bare) or ":" in bare \
            or section_for_heading(bare) == "task":
        return False  # "My part" over steps: each item read for itself
    if _heading_words(bare) is not None or re.match(r"(?:what|where|how|why|who|when)\b", bare,
                                                     re.IGNORECASE):
        return True
    return len(words) <= 3 and words[0].lower() in ("the", "a", "an", "our", "my") \
        and not _opens_on_verb(" ".join(words[1:]))


_LEADING = re.compile(r"^[ \t]+")


def _outlined(body: str) -> str:
    """An outline's heads written as the headings they are ("inventory" over "  I grepped
    every repo ..." is "## inventory"), and the lines under each head moved to the margin, so
    they read as its list and never as code. The first line (the title) is no head; nor is a
    ticket's title over its fields; nothing inside a code fence is touched."""
    if "```" in body or "~~~" in body:
        return body
    # a tab at a line's start is a level of the outline, as four spaces are
    lines = [_LEADING.sub(lambda lead: lead.group(0).expandtabs(4), line)
             for line in body.split("\n")]
    out = list(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), -1)
    for at in range(len(lines) - 1):
        line, below = lines[at], lines[at + 1]
        indent = len(line) - len(line.lstrip())
        deeper = len(below) - len(below.lstrip())
        if at == first or not line.strip() or not below.strip() or deeper < indent + 2:
            continue
        named = indent == 0 and not _LIST_ITEM.match(line) \
            and _bare_heading(line.strip()) is not None  # "outcome" at the margin
        if not named and (_FIELD.match(below) or not _outline_head(line.strip(), indent)):
            continue
        out[at] = line if named else f"## {line.strip()}"
        under = at + 1
        while under < len(lines) and (not lines[under].strip()
                                      or len(lines[under]) - len(lines[under].lstrip()) >= deeper):
            out[under] = lines[under][deeper:] if lines[under].strip() else ""
            under += 1
        _itemised(out, at + 1, under)
    return "\n".join(out)


def _itemised(out: list[str], start: int, end: int) -> None:
    """The lines under an outline's head, each at the head's own depth and none of them wrapped
    onto the next ("found: the pool, not app hosts. no fleet multiplier fixes that" over
    "recommended 1.6x app hosts"), made items of its list, so that no two are read as one
    sentence. A line that runs long and goes on in lower case is prose wrapped: left as it is."""
    plain = [k for k in range(start, end) if out[k].strip() and out[k] == out[k].lstrip()
             and not _LIST_ITEM.match(out[k]) and not out[k].startswith(("#", "|", ">", "```"))]
    if len(plain) < 2 or len(plain) != sum(1 for k in range(start, end) if out[k].strip()):
        return
    for k, after in zip(plain, plain[1:], strict=False):
        if len(out[k]) >= 70 and not re.search(r"[.!?;:)]$", out[k].rstrip()) \
                and out[after][:1].islower() and after == k + 1 and len(out[after]) < 40:
            return  # wrapped prose: a long line, then a short one going on in lower case
    for k in plain:
        out[k] = f"- {out[k]}"


_AS_I = {"is": "am", "was": "was", "has": "have", "does": "do", "had": "had"}
_MODALS = frozenset({"would", "will", "can", "could", "should", "might", "must", "may"})
# Verbs a writer telling their story in the third person goes on with ("says so in writing,
# and then commits"), besides those the lexicon knows
_STANCE_VERBS = frozenset({"commit", "push", "agree", "argue", "decide", "propose", "insist",
                           "refuse", "object", "escalate", "disagree", "ask", "think", "try",
                           "reply", "apply", "carry", "copy", "fix", "watch", "catch", "check",
                           "test", "merge", "revert", "open", "close", "file", "own", "ping",
                           "page", "call", "flag", "measure", "profile", "rerun", "rewrite"})


@functools.cache
def _known_base() -> frozenset[str]:
    """Verbs in their base form the lexicon knows, and those a stance is told with."""
    lexicon = kb.lexicon()
    return frozenset(lexicon.base_past) | frozenset(lexicon.irregular_base) | _STANCE_VERBS


def _known_present(word: str) -> str | None:
    """The base of a verb said in the third person present ("commits" -> "commit", "tries" ->
    "try", "pushes" -> "push"), when it is a verb the lexicon knows; None otherwise."""
    word = word.lower()
    bases = [word[:-3] + "y"] if word.endswith("ies") else []
    bases += [word[:-2]] if word.endswith("es") else []
    return next((b for b in [*bases, word[:-1]] if b in _known_base()), None)


# Where the notes name their writer beside their own part: "--- my notes after (marta) ---",
# "my summary (dev.r):", "(me = marta)"
_WRITER_NAME = re.compile(r"\bmy (?:own )?(?:notes|summary|take|write-?up|side|part|recap)\b[^()\n]{0,20}"
                          r"\(\s*([a-z][\w.-]{1,20})\s*\)|\(\s*me\s*=\s*([a-z][\w.-]{1,20})\s*\)",
                          re.IGNORECASE)


def _speaking_as_me(body: str) -> str:
    """A pasted chat's lines by the writer, where the notes say which speaker they are ("my
    notes after (marta)" under "09:21 marta.k: I'm rolling back the CDN config"): told as the
    writer's own lines ("09:21 me: ..."), as any "me:" line is."""
    named = _WRITER_NAME.search(body)
    # ("I'm aoyelaran", 'my lines are "sofia"'; not "Actions (me):", a heading of theirs)
    names = [(named.group(1) or named.group(2)).lower()] if named else [
        name.lower() for match in _I_AM.finditer(body) for name in (match.group(1), match.group(3))
        if name and name.lower() not in NOT_SPEAKERS and _heading_words(name.lower()) is None]
    for name in names:
        if name not in ("me", "i", "myself"):
            body = _as_me(body, name)
    return body


def _as_me(body: str, name: str) -> str:
    """The chat lines of the speaker ``name`` told as the writer's ("me: ...")."""
    speaker = re.compile(r"^(?P<lead>[ \t]*(?:[-*][ \t]+)?(?:\[[^\]\n]{1,20}\][ \t]*|"
                         r"\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[ap]m)?[ \t]+)?)"
                         + re.escape(name) + r"(?:[.\w-]{0,12})?(?=[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*:)",
                         re.IGNORECASE | re.MULTILINE)
    return speaker.sub(lambda m: m.group("lead") + "me", body)


_STRUCK = re.compile(r"~~[^~\n]{1,80}~~[ \t]*")


def _unstruck(body: str) -> str:
    """What the writer struck out and wrote again ("~~40~~ 57 integrations", "~~2 weeks~~ 3
    weeks") read as written last: the struck words are taken back, so they are never told."""
    return _STRUCK.sub("", body) if "~~" in body and "~~~" not in body else body


# The writer saying their notes are about themself told as someone else would: "write it about
# myself like someone else wrote it", "self-rec", "in the third person"
_AS_SOMEONE_ELSE = re.compile(r"\bself[- ]?rec(?:ommendation)?\b|\b(?:write|wrote|written|writing) "
                              r"(?:it|this)(?: up)? about myself\b|\bin (?:the )?third person\b",
                              re.IGNORECASE)
_SUBJECT_NAME = re.compile(r"(?:^|(?<=[.!?;:]\s)|(?<=^[-*+]\s))\s*(?-i:([A-Z][a-zà-öø-ÿ]{2,}))\s+"
                           r"(?:[a-z]+ed|led|ran|wrote|built|set|took|made|drove|began)\b",
                           re.MULTILINE)
_SELF_TOLD = 2  # clauses a name opens, in notes about the writer told as someone else's
# Any clause a name opens with a verb in the past ("Daniela rewrote the loop"); with the name
# said more often than any other, once is enough
_NAME_DID = re.compile(r"(?:^|(?<=[.!?;:]\s)|(?<=^[-*+]\s))\s*(?-i:([A-Z][a-zà-öø-ÿ]{2,}))\s+"
                       r"(?:\w+ly\s+)?([a-z]+)\b", re.MULTILINE)
_NAME_SAID = re.compile(r"(?<![\w-])(?-i:[A-Z][a-zà-öø-ÿ]{2,})(?![\w-])")


def _named_as_other(body: str) -> str | None:
    """The name of a writer who tells their notes as someone else would ("draft for my promo
    packet, write it about myself ... Ifeoma led the shift ... Ifeoma argued ..."): the one
    name that opens clauses, at least twice; None when the notes say no such thing or name
    more than one such doer."""
    if not _AS_SOMEONE_ELSE.search(body):
        return None
    counts = Counter(found.group(1) for found in _SUBJECT_NAME.finditer(body)
                     if found.group(1).lower() not in NOT_SPEAKERS and found.group(1) != "The")
    named = [name for name, count in counts.items() if count >= _SELF_TOLD]
    if len(named) == 1:
        return named[0]
    if named:
        return None
    # the name said most, by a margin of two, that opens a clause of what was done
    said = Counter(found.group(0) for found in _NAME_SAID.finditer(body))
    ranked = said.most_common(2)
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and ranked[1][1] > ranked[0][1] - 2:
        return None
    name = ranked[0][0]
    did = any(found.group(1) == name and past_word(found.group(2))
              for found in _NAME_DID.finditer(body))
    return name if did else None


def writer_named(body: str) -> str | None:
    """The name the writer calls themself by in notes told of them as someone else ("Anna (me)
    was the owner", "(K. = me)", a promo letter "about myself" that says "Daniela rewrote ..."),
    or None."""
    return _writer_called(_SELF_NAMED.search(body), body)


def _writer_called(match: re.Match[str] | None, body: str) -> str | None:
    """writer_named, given the search of _SELF_NAMED in the body."""
    name = (match.group(1) or match.group(2)) if match else _named_as_other(body)
    if name is None or name.lower() in NOT_SPEAKERS or _heading_words(name.lower()) is not None:
        return None
    return name


def _self_named(body: str) -> str:
    """The writer who names themself ("Anna (me) was the owner ...", then "Anna picked up a
    ticket") told as "I": "I was the owner ...", "I picked up a ticket"."""
    match = _SELF_NAMED.search(body)
    name = _writer_called(match, body)
    if name is None:
        return body

    def as_i(found: re.Match[str]) -> str:
        verb = found.group("verb")
        low = verb.lower()
        lead = found.group("lead")
        if told_now:  # "K. still thinks", "Next time, K. would bring"
            adverb = found.group("adverb") or ""
            if low in _MODALS:
                return f"{lead}I {adverb}{low}"
            lead = f"{lead}I {adverb}"
            if low in _AS_I:
                return f"{lead}{_AS_I[low]}"
            if past_word(low):
                return f"{lead}{verb}"
            if re.fullmatch(r"[a-z]{2,}[^su's]s", low):  # "K. writes the rollback": "I write"
                return lead + (re.sub(r"ies$", "y", low) if low.endswith("ies") else
                               low[:-2] if re.search(r"(?:sh|ch|x|z|o)es$", low) else low[:-1])
            return found.group(0)
        if low in _AS_I:
            return f"{found.group('lead')}I {_AS_I[low]}"
        if re.fullmatch(r"[a-z]+ed|[a-z]+", low) and (not low.endswith("s") or low.endswith("ss")) \
                and past_word(low):
            return f"{found.group('lead')}I {verb}"
        return found.group(0)
    told_now = match is not None and bool(match.group(2) or name.endswith("."))  # told in the
    # third person on purpose ("(K. = me)"), in the present as often as not
    if told_now:
        if match is not None and match.group(2):  # "(K. = me) writing this in 3rd person":
            body = body.replace(match.group(0), "", 1)  # said once, no word of the story
        body = re.sub(re.escape(name) + r"\s*" + SELF_TAG, name, body, flags=re.IGNORECASE)
        body = re.sub(r"(?:^|(?<=[.!?;:]\s)|(?<=^[-*+]\s))" + re.escape(name) + r"['’]s\b", "My",
                      body, flags=re.MULTILINE)  # "K.'s replay of last year's traffic"
        body = re.sub(r"(?<=\s)" + re.escape(name) + r"['’]s\b", "my", body)
        anywhere = re.compile(r"(?P<lead>(?<![\w.])(?=\w))" + re.escape(name)
                              + r"\s+(?P<adverb>(?:still|just|also|then|never|always|only|even|"
                              r"already|[a-z]+ly)\s+)?(?P<verb>[A-Za-z]+)\b")
        body = anywhere.sub(as_i, body)
        # "I still think 6 days is too tight, says so in writing, and then commits": the verbs
        # that go on from the writer's, said as theirs ("say", "commit")
        chained = re.compile(r"(?P<sep>,\s+(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?)"
                             r"(?P<word>[a-z]{3,}s)\b")

        def go_on(found: re.Match[str]) -> str:
            base = _known_present(found.group("word"))
            return found.group(0) if base is None else found.group("sep") + base

        # "- writes the automated rollback", "says it in the planning mtg": a step with no
        # subject, in the present the story is told in, is the writer's ("I write ...")
        opened = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=^[-*+]\s))(?P<word>[a-z]{3,}s)\b(?=\s)",
                            re.MULTILINE)

        def mine_now(found: re.Match[str]) -> str:
            base = _known_present(found.group("word"))
            return found.group(0) if base is None else f"I {base}"

        body = opened.sub(mine_now, body)
        body = re.sub(r"(?<![\w.])I [^.!?;\n]+", lambda mine: chained.sub(go_on, mine.group(0)), body)
        return body
    subject = re.compile(r"(?P<lead>(?:^|(?<=[.!?;:]\s)|(?<=^[-*+]\s)|\band\s)\s*)"
                         + re.escape(name) + rf"(?:\s*{SELF_TAG})?"
                         r"\s+(?P<verb>[A-Za-z]+)\b", re.MULTILINE | re.IGNORECASE)
    return subject.sub(as_i, body)


# "Mon: me - pulled the gateway logs. Ana - refunds issued manually.": a stand-up log where each
# person's part opens on their name and a dash
_DASHED = re.compile(r"(?:^|(?<=[.;!?)])|(?<=^[ \t][-*+] )|(?<=:))(?P<gap>[ \t]*)"
                     r"(?P<who>(?i:me|myself)|[A-Z][a-z]+(?:[ \t]*\([^()\n]{1,20}\))?"
                     r"(?:[ \t]*(?:\+|&|,|and)[ \t]*[A-Z][a-z]+)*)[ \t]+[-–—][ \t]+(?=\S)",
                     re.MULTILINE)
# Names that are also months and days: "Jun - countered" stays as written, as no label of a date
# may turn into someone's name
_DATED_NAMES = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "june", "jul", "july", "aug",
                          "sep", "sept", "oct", "nov", "dec", "april", "march", "august", "mon",
                          "tue", "wed", "thu", "fri", "sat", "sun"})
_MIN_DASHED = 2  # parts opened on a name and a dash, one of them the writer's


def _dashed_speakers(body: str) -> str:
    """The writer's parts of a stand-up log said as their steps ("me - pulled the gateway logs"
    as "I pulled the gateway logs"); anyone else's part stays on their name and dash, which the
    reader keeps as theirs."""
    def who(match: re.Match[str]) -> str:
        return re.split(r"[ \t(+&,]", match.group("who").lower())[0]
    parts = [m for m in _DASHED.finditer(body) if who(m) in _SELF or who(m) not in NOT_SPEAKERS
             and who(m) not in _PART_HEADINGS and who(m) not in _DATED_NAMES
             and _heading_words(who(m)) is None]
    if len(parts) < _MIN_DASHED or not any(who(m) in _SELF for m in parts):
        return body
    opens = [m.start() for m in parts]
    line_opens = set(opens)
    out, at = [], 0
    for match in parts:
        end = body.find("\n", match.end())
        end = len(body) if end < 0 else end
        following = bisect.bisect_left(opens, match.end())
        ahead = following < len(opens) and opens[following] < end
        stop = opens[following] if ahead else end
        text = body[match.end():stop]
        if not ahead and end + 1 in line_opens \
                and re.search(r"[\w)%]$", body[match.end():stop].rstrip()):
            stop = match.end() + len(body[match.end():stop].rstrip())  # a part opens each line:
            text = body[match.end():stop] + "."  # "... nobody expected much" ends its sentence
        out.append(body[at:match.start()] + match.group("gap"))
        if who(match) in _SELF:
            cut = re.search(r"[.;!?]", text)
            first, rest = (text[:cut.start()], text[cut.start():]) if cut else (text, "")
            out.append(_my_step(first.rstrip()) + first[len(first.rstrip()):] + rest)
        else:
            out.append(body[match.start() + len(match.group("gap")):match.end()] + text)
        at = stop
    out.append(body[at:])
    return "".join(out)


# A thing of the writer's, said as their part of the work: "I did this part: adapter for the
# new API" (the item names no verb that could be said in the past)
PART_SAID = "I did this part: "


def _my_step(item: str) -> str:
    """An item of the writer's, said as their step: "ramp 1% -> 100%" as "I ramped 1% ->
    100%", "rewrote the client" as "I rewrote the client", a thing as "I did this part: ..."."""
    words = item.split()
    lexicon = kb.lexicon()
    first = words[0].lower().rstrip(",.;:") if words else ""
    two = " ".join(w.lower() for w in words[:2])
    if two in lexicon.base_past:
        return f"I {lexicon.base_past[two]} {' '.join(words[2:])}".rstrip()
    if not first[:1].isalpha() or len(words) > 1 and (
            _participle(words[1]) or words[1].lower() in lexicon.linking_verbs):
        return item  # "50%", "cutover went fine Sat": how things stood, not a step of theirs
    past = {**lexicon.base_past, **lexicon.irregular_base}
    alone = re.match(r"(left|kept)\s+(alone|as is|as-is|untouched|in place)\b", item, re.I)
    if alone:  # "left alone, moved to archive tier": left it alone
        return f"I {alone.group(1).lower()} it {item[alone.start(2):]}"
    if first in past:  # "make the job fail loudly, add an alert": each step in the past
        rest = re.sub(r"(,\s+|\band\s+)([a-z]+)(?=\s+(?:a|an|the|my|our|it|them)\b)",
                      lambda m: m.group(1) + past.get(m.group(2), m.group(2)),
                      " ".join(words[1:]))
        return f"I {past[first]} {rest}".rstrip()
    if _opens_on_verb(item) or _opens_on_verb(first.split("-", 1)[-1]) and "-" in first:
        return f"I {first} {' '.join(words[1:])}".rstrip()  # "re-ran the eval"
    if not first or first in lexicon.function_words or first.endswith("ly") or first in _NO_PART:
        return item  # "still think it was right": a thought, not a part of the work
    return f"{PART_SAID}{item}"


def _participle(word: str) -> bool:
    """A word that tells what was done to the thing before it ("fix deployed", "keys rotated")."""
    word = word.lower().strip(",.;:")
    lexicon = kb.lexicon()
    return word in lexicon.irregular_past or word in lexicon.base_past.values() \
        or word.endswith("ed") and (word[:-2] in lexicon.base_past or word[:-1] in lexicon.base_past)


_NO_PART = frozenset({"still", "also", "just", "then", "think", "thought", "felt", "feel", "was",
                      "not", "never", "probably", "maybe", "prob", "honestly", "lol", "ok", "okay",
                      "yes", "no", "yeah", "pretty", "kinda", "sort", "really", "very"})


_PART_HEADINGS = frozenset({"my part", "mi parte", "mein teil", "ma part", "my piece"})
_MY_SHARE = frozenset({"my part", "my piece", "my bit", "my share", "my contribution"})


BEFORE_THAT = "before that"  # the label of a part of notes told backwards


def _told_forwards(blocks: list[Block]) -> list[Block]:
    """Notes told backwards ("END: one engine instead of three. / BEFORE THAT: the migration. /
    BEFORE THAT: the proposal."), read in the order things happened: the parts reversed, the
    end last. Lines after the last part that name a card of their own ("if I did it again:
    ...") stay at the end."""
    starts = [i for i, b in enumerate(blocks) if b.label == BEFORE_THAT]
    if len(starts) < 2:
        return blocks
    tail = len(blocks)
    while tail > starts[-1] + 1 and blocks[tail - 1].section is not None \
            and blocks[tail - 1].section != blocks[starts[-1]].section:
        tail -= 1
    bounds = [0, *starts, tail]
    parts = [blocks[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return [b for part in reversed(parts) for b in part] + blocks[tail:]


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# When a log's line happened, as it opens the line: "wed 10:31", "thu am", "fri", "10:52",
# "2024-03-14", "14 Mar", "Mar 14", "day 3", "wk 2"
_LOG_STAMP = re.compile(
    r"^\W{0,3}(?:(?P<day>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?(?:\s+(?P<part>am|pm|morning|"
    r"afternoon|evening|night)\b)?(?:\s+(?P<dh>\d{1,2}):(?P<dm>\d{2}))?(?=\s|,|:|$)"
    r"|(?P<h>\d{1,2}):(?P<m>\d{2})\b"
    r"|(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b"
    r"|(?P<d2>\d{1,2})\s+(?P<mo2>" + "|".join(_MONTHS) + r")[a-z]*\.?(?=\s|,|:|$)"
    r"|(?P<mo3>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?(?=\s|,|:|$)"
    r"|(?P<unit>day|week|wk|sprint)\s*(?P<n>\d{1,2})\b)", re.IGNORECASE)
_PARTS = {"am": 540, "morning": 540, "pm": 900, "afternoon": 900, "evening": 1140, "night": 1320}


def _stamp(block: Block) -> tuple[str, int, int | None] | None:
    """When a log's line says it happened, as a kind of stamp, a coarse order (the day) and,
    when said, the minute of that day."""
    found = _LOG_STAMP.match(block.text)
    if found is None:
        return None
    if found.group("day"):
        day = _WEEKDAYS.index(found.group("day").lower()[:3])
        minute = int(found.group("dh")) * 60 + int(found.group("dm")) if found.group("dh") \
            else _PARTS.get((found.group("part") or "").lower())
        return "weekday", day, minute
    if found.group("h"):
        return "clock", 0, int(found.group("h")) * 60 + int(found.group("m"))
    if found.group("y"):
        return "date", int(found.group("y")) * 400 + int(found.group("mo")) * 32 \
            + int(found.group("d")), None
    if found.group("d2") or found.group("d3"):
        month = _MONTHS.index((found.group("mo2") or found.group("mo3")).lower()[:3])
        return "date", month * 32 + int(found.group("d2") or found.group("d3")), None
    return "count", int(found.group("n")), None


_NEWEST_FIRST = 3  # stamped lines in a row, each earlier than the one before: a log told backwards


def _newest_last(blocks: list[Block]) -> list[Block]:
    """A log written newest first ("wed 11:05 all clear / wed 10:52 I rolled the pods / wed
    10:14 paged"), read in the order things happened: its stamped lines reversed in place. A
    week's days told backwards may wrap once ("mon" after "fri" is the week after)."""
    run = [i for i, b in enumerate(blocks) if b.section is None and b.kind != "chat"
           and _stamp(b) is not None]
    if len(run) < _NEWEST_FIRST or any(
            blocks[i].section is not None or blocks[i].kind == "chat"
            for i in range(run[0], run[-1])) or run[-1] - run[0] + 1 > len(run) * 3 // 2:
        return blocks  # (a line whose stamp went with its label may sit among them)
    stamps = [stamp for i in run if (stamp := _stamp(blocks[i])) is not None]
    if len({kind for kind, _, _ in stamps}) != 1:
        return blocks
    earlier = later = 0
    for (_, day, minute), (_, next_day, next_minute) in zip(stamps, stamps[1:], strict=False):
        if day == next_day and (minute is None or next_minute is None or minute == next_minute):
            continue
        if (day, minute or 0) > (next_day, next_minute or 0):
            earlier += 1
        else:
            later += 1
    if earlier < 2 or later > (1 if stamps[0][0] == "weekday" else 0):
        return blocks
    out = list(blocks)
    out[run[0]:run[-1] + 1] = reversed(blocks[run[0]:run[-1] + 1])
    return out


def _settle_parts(blocks: list[Block]) -> list[Block]:
    """"My part" is what the writer did, unless another heading holds the actions: then it is
    the writer's role in the work (the task)."""
    def part(block: Block) -> bool:
        return " ".join(block.heading.lower().split()) in _PART_HEADINGS

    if not any(part(b) for b in blocks) or not any(
            b.section == "action" and not part(b) and b.heading
            and not _QUESTION.match(b.heading) for b in blocks):  # an FAQ after the story
        return blocks
    return [replace(b, section="task") if part(b) and b.section == "action" else b
            for b in blocks]


def _front_matter(text: str, path: str) -> tuple[dict[str, str], str, int, list[str]]:
    """Split off ``---`` front matter; return (meta, body, body line offset, warnings)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return {}, text, 0, []
    end = next((i for i in range(1, len(lines)) if _FENCE_END.match(lines[i])), None)
    if end is None:
        raise InputError("front matter opened with '---' is never closed", path=path, line=1)
    raw = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"front matter: {problem}", path=path, line=line) from None
    except RecursionError:
        raise InputError("front matter: nested too deeply", path=path, line=2) from None
    except ValueError:  # Python refuses to convert integers over 4,300 digits
        raise InputError("front matter: number too long (over 4,300 digits)", path=path,
                         line=2) from None
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys such as principle: and level:",
                         path=path, line=2)
    meta, warnings = _meta(data, lines[1:end], path)
    return meta, "\n".join(lines[end + 1:]), end + 1, warnings


def _meta(data: dict[Any, Any], lines: list[str], path: str) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    warnings: list[str] = []
    for key in sorted(data, key=str):
        name = str(key).strip().lower()
        name = _META_ALIASES.get(name.replace("_", " ").replace("-", " "), name)
        value = data[key]
        if name not in META_KEYS:
            warnings.append(f"front matter key {key!r} is not used (known keys: "
                            + ", ".join(META_KEYS) + ")")
            continue
        if value is None or isinstance(value, (dict, list)):
            warnings.append(f"front matter key {key!r} needs a single value; it is ignored")
            continue
        meta[name] = " ".join(str(value).split())
    line = _key_line(lines, "principle")
    if "principle" in meta:
        try:
            meta["principle"] = canonical_principle(meta["principle"])
        except UnknownNameError as exc:
            raise InputError(f"front matter: {exc}", path=path, line=line) from None
    if "level" in meta:
        try:
            meta["level"] = canonical_level(meta["level"]).value
        except UnknownNameError as exc:
            raise InputError(f"front matter: {exc}", path=path, line=_key_line(lines, "level")) \
                from None
    return meta, warnings


def _key_line(lines: list[str], key: str) -> int:
    for index, line in enumerate(lines):
        if line.lower().lstrip().startswith(key + ":"):
            return index + 2
    return 1


_PROMPT_TAG = re.compile(r"<\s*/?\s*(?:system|assistant|user|instructions?|prompt|inst)\b", re.I)


def _inline_text(token: Any) -> str:
    """The plain text of an inline token: emphasis and links dropped, code kept."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "html_inline" and _PROMPT_TAG.match(child.content):
            parts.append(child.content)  # "<system>...</system>": kept so it is seen and dropped
        elif child.type == "html_inline" and _NAMED_THING.fullmatch(child.content):
            parts.append(child.content)  # "seat map is a big <canvas>", "our <PaymentField>":
            # a thing the notes name, not markup
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n")).strip()


# An element or component named in a sentence ("a big <canvas>", "<PaymentField>"), never a tag
# of markup, which has a closing tag or attributes, or is one of the page's own
_NAMED_THING = re.compile(r"<(?!(?:" + _PAGE_TAGS + r"|s|details|summary|sup|sub|kbd|mark|small|del|"
                          r"ins|img|center|tt|big|strike|wbr|nobr|abbr|cite|q|dl|dt|dd)>)"
                          r"[A-Za-z][\w.-]{0,40}/?>", re.IGNORECASE)


# A chat line with its time after the speaker ("> **me** 01:55: win rate fell"), written the
# usual way round ("> [01:55] me: win rate fell") so the reader tells speaker from message.
_SPEAKER_THEN_TIME = re.compile(
    r"^([ \t]*(?:>[ \t]*)?(?:[-*][ \t]+)?)(\*\*)?"
    r"(?!(?:mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|day|night)[a-z]*\.?[ \t])"
    r"([A-Za-z][\w.'-]{0,20}(?:\s*\([^()\n]{1,30}\))?)(\*\*)?"
    r"[ \t]+(?:at[ \t]+)?(\d{1,2}:\d{2}(?:\s*[ap]m)?)(?:[ \t]+in[ \t]+#[\w-]+)?[ \t]*:[ \t]+",
    re.MULTILINE | re.IGNORECASE)  # "me at 2:04am in #inc-dispatch: ..." the same way round
# A chat message pasted in quotes after its time and speaker ('[2:04am] me: "not us. upstream
# ..."'): the message, without the quotes around it all
_QUOTED_MESSAGE = re.compile(r"^([ \t]*(?:>[ \t]*)?(?:[-*][ \t]+)?\[\d{1,2}:\d{2}(?:\s*[ap]m)?\][ \t]+"
                             r"[^:\n]{1,40}:[ \t]+)[\"“]([^\"“”\n]+)[\"”][ \t]*$", re.MULTILINE | re.IGNORECASE)
# A line that opens on a check mark, emoji or ">>" as its bullet ("✅ merged", "🔍 ran
# wireshark"): a note of its own, never the rest of the line above.
_MARK_BULLET = re.compile(r"^\s*(?:(?:[✓✔✅☑✗✘❌⭐★☆►▶➡→•▪◦]|[\U0001F300-\U0001FAFF\u2600-\u27BF])"
                          r"\uFE0F?\s*|>>\s*)")
# A line marked as the writer's own in a pasted board or doc: "(me) caught it", "(me, done)
# added the gate", "[me, done] ...": read as the writer's "[me]" line.
_MINE_MARK = re.compile(r"^([ \t]*(?:>[ \t]*)?(?:[-*+][ \t]+|\d{1,2}[.)][ \t]+)?)[(\[]\s*(?:me|mine)"
                        r"(?:\s*[,;/]\s*[\w ]{1,12})?\s*[)\]][ \t]+(?=\S)",
                        re.MULTILINE | re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cells(line: str, outer: bool = True) -> list[str]:
    """A table row's cells; without outer pipes ("A. offline | works | slow"), a line that
    opens on a pipe has an empty first cell."""
    text = line.strip().strip("|") if outer else line.strip().rstrip("|")
    return [cell.strip() for cell in text.split("|")]


def _untable(body: str) -> str:
    """A pipe table as the list it stands for, a row a line: "| wk2 | found 3 tables |" is the
    entry "- wk2: found 3 tables"; with more columns, each cell after the first is named by its
    header ("- p99: before 850ms, after 210ms"). The header and rule lines go blank, so every
    row keeps its line number."""
    lines = body.split("\n")
    out = list(lines)
    for at in range(1, len(lines)):
        if not _TABLE_RULE.match(lines[at]) or "|" not in lines[at - 1]:
            continue
        outer = lines[at - 1].strip().startswith("|")
        header = _cells(lines[at - 1], outer)
        out[at - 1] = out[at] = ""
        row, last = at + 1, 0
        held: list[str] = []
        while row < len(lines) and "|" in lines[row] and lines[row].strip():
            cells = _cells(lines[row], outer)
            if last and len(cells) == len(held) and (not cells[0] or cells[0].startswith("(")):
                # a cell wrapped onto the next line ("A. full offline-first | ..." over
                # "(local sqlite + CRDT sync) | ..."): the row goes on
                cells = [" ".join(f"{a} {b}".split()) for a, b in zip(held, cells, strict=True)]
                out[row] = ""
            else:
                last = row
            held = cells
            cells, effect = _outcome_cell(header, cells)
            header_now = header[:len(cells)]
            text = _table_row(header_now, cells)
            column = header[-1].strip()
            if effect and past_word(effect.split()[0]) and effect[:1].islower():
                # "| 16:52 | Priya | on a flight | blocked on paper |": no subject to give it
                text = f"{text} ({column} {effect})" if text else f"{column}: {effect}"
            elif effect:  # "| 17:06 | me | flipped the flag | new rejects stopped |": what came
                # of the row, said after it under its column's name, never in the writer's step
                text = f"{text.rstrip()}{'' if text.rstrip().endswith(('.', '!', '?')) else '.'} " \
                    f"{column}: {effect}" if text else f"{column}: {effect}"
            out[last] = f"- {text}" if text else ""
            row += 1
    return "\n".join(out)


# The last column of a log that says what came of each row: "| Date | Who | What | Impact |"
_OUTCOME_COLUMNS = frozenset({"impact", "result", "results", "outcome", "outcomes", "effect",
                              "effects", "so what", "what came of it", "consequence", "payoff",
                              "what changed after"})


def _outcome_cell(header: list[str], cells: list[str]) -> tuple[list[str], str]:
    """A row's cells without its last one when that column says what came of the row (in a
    table of four columns or more), and that cell."""
    if len(header) < 4 or len(cells) != len(header) \
            or " ".join(header[-1].strip().lower().split()) not in _OUTCOME_COLUMNS:
        return cells, ""
    return cells[:-1], cells[-1].strip().rstrip(".")


def _table_row(header: list[str], cells: list[str]) -> str:
    """One row of a pipe table said as a line (see ``_untable``)."""
    label, rest = cells[0], cells[1:]
    done = _before_and_after(header, cells) or _decided_row(header, cells) \
        or _who_first(header, cells) \
        or _deed_first(header, cells) \
        or _mine_and_theirs(header, cells) or _beside_deed(header, cells) \
        or _person_first(header, cells)
    if done is None and (done := _whose_row(header, cells)) is not None:
        done = f"{label}: {done}" if label else done
    if done is not None:
        return done
    if len(rest) <= 1:
        return ": ".join(c for c in (label, *rest) if c)
    named = [f"{h} {c}" if h and len(header) == len(cells)
             and " ".join(h.lower().split()) not in _PLAIN_COLUMNS else c
             for h, c in zip(header[1:], rest, strict=False) if c]
    return f"{label}: " + ", ".join(named) if label else ", ".join(named)


# column names with any "(...)" taken out ("Before (old)" is "before")
_BEFORE_COLUMNS = frozenset({"before", "was", "old", "then", "old way", "the old way"})
_AFTER_COLUMNS = frozenset({"after", "now", "new", "today", "new way", "the new way"})


def _before_and_after(header: list[str], cells: list[str]) -> str | None:
    """A row of a "| Before | After |" table: how things were, then how they are, each said
    under its column's name ("Before: 2 field techs driving to sites. After: 0 site visits")."""
    names = [re.sub(r"\s*\([^()]*\)", "", h).strip().lower() for h in header]
    if len(names) != 2 or len(cells) != 2 or names[0] not in _BEFORE_COLUMNS \
            or names[1] not in _AFTER_COLUMNS or not all(c.strip() for c in cells):
        return None
    return f"Before: {cells[0].strip().rstrip('.')}. After: {cells[1].strip().rstrip('.')}."


# Headers that name no measure, only that a cell tells something: "| date | what happened |
# notes |" rows read "I ran a load test ..., app tier fine", not "what happened I ran ..."
_PLAIN_COLUMNS = frozenset({"what happened", "what", "event", "events", "description", "details",
                            "detail", "notes", "note", "comment", "comments", "summary", "entry",
                            "what i did", "action", "actions", "step", "steps", "update",
                            "happened", "log", "context", "remarks"})
_WHO_COLUMNS = frozenset({"who", "owner", "owners", "by", "whom", "done by", "who did it", "people"})


def _whose_row(header: list[str], cells: list[str]) -> str | None:
    """A row of a table with a "who" column beside one of what happened ("| Oct 9 | re-ran the
    eval | me |"): the event said as the writer's step when it was theirs alone ("I re-ran the
    eval"), with its doers' name first when it was someone else's ("Sana: new GBM live"), and
    with its doers after it when shared ("shadow run (infra team, me)")."""
    names = [h.strip().lower() for h in header]
    if len(names) != len(cells) or len(cells) < 3:
        return None
    step = _my_column(header, cells)
    if step is not None:
        return step
    if len(cells) > 3:
        return _doer_cell(header, cells)
    who_at = next((i for i in (1, 2) if names[i] in _WHO_COLUMNS), None)
    if who_at is None:
        return None
    what, who = cells[3 - who_at].strip(), cells[who_at].strip()
    if not what:
        return None
    return _said_by(what, who)


def _names_me(who: str) -> bool:
    """Whether a table's "who" cell names the writer: "me", or "me (primary oncall)" with the
    role they held then."""
    return re.sub(r"\s*\([^()]*\)$", "", who).lower() in _SELF


def _who_first(header: list[str], cells: list[str]) -> str | None:
    """A row of an incident's "| who | what | when |" table: the deed said by its doer, the
    writer's as their step ("08:09: I issued a cert ..."), someone else's with their name as
    its subject ("08:06: Gunnar (secondary) opened vendor ticket"), never as their words."""
    names = [" ".join(h.strip().lower().split()) for h in header]
    if len(cells) != 3 or names[0] not in _PEOPLE_COLUMNS | _WHO_COLUMNS \
            or names[1] not in _DEED_COLUMNS | _PLAIN_COLUMNS | _THEIR_DEEDS \
            or names[2] not in _WHEN_COLUMNS:
        return None
    who, what, when = (cell.strip() for cell in cells)
    if not who or not what:
        return None
    if _names_me(who):
        said = _my_step(what)
        first = what.split()[0].lower().rstrip(",.;:")
        past = kb.lexicon().base_past.get(first)
        stepped = said.startswith("I ") and not said.startswith(PART_SAID)
        if re.match(r"(?:didn'?t|did not|never|couldn'?t|had to)\b", what, re.IGNORECASE):
            said = f"I {what}"  # "didn't wait. issued a cert ...": "I didn't wait. ..."
        elif not stepped and past and first != what.split()[0].lower():
            said = f"I {past}{what[len(first):]}"  # "ack, checked dashboards": "I acked, ..."
        elif not stepped:
            said = what  # "cert expired at 07:50": what the writer saw, no step
        role = re.search(r"\(([^()]{2,30})\)$", who)  # "me (primary oncall)": their role then
        if role and said.startswith("I "):
            said = f"As {role.group(1).strip()}, {said}"
    else:
        said = _person_first(["person", "did"], [who, what]) or what
    return f"{when}: {said}" if when else said


# A first column that names people: "| Person | Did |", "| Who | What they did |"
_PEOPLE_COLUMNS = frozenset({"person", "who", "name", "people", "owner", "teammate", "whom"})
_THEIR_DEEDS = frozenset({"did", "what", "what they did", "what i did", "contribution", "part",
                          "role", "work", "what did", "deed", "deeds", "did what"})


def _person_first(header: list[str], cells: list[str]) -> str | None:
    """A row of a "| Person | Did |" table: the writer's row said as their step ("I did this
    part: weekly 1:1 on the doc, ..."), someone else's with their name as its subject ("Wei
    (security) reviewed key mgmt") or as its label, never as words someone said."""
    names = [" ".join(h.strip().lower().split()) for h in header]
    if len(cells) != 2 or len(names) != 2 or names[0] not in _PEOPLE_COLUMNS \
            or names[1] not in _THEIR_DEEDS or not cells[0].strip() or not cells[1].strip():
        return None
    who, what = cells[0].strip(), cells[1].strip()
    if _names_me(who):
        return _said_by(what, "me", part=True)
    first = what.split()[0].lower().rstrip(",.;:")
    if not (first in kb.lexicon().irregular_past or first.endswith("ed")):
        return f"{who}: {what}"  # "Tamsin: design doc, migration plan, ...": what was theirs
    # "Wei (security) reviewed key mgmt": their step, said whole ("Changed the shared client"
    # opens on a verb, not a name)
    return f"{who} {what[:1].lower()}{what[1:]}" if re.match(r"[A-Z][a-z]+\b", what) \
        else f"{who} {what}"


def _said_by(what: str, who: str, part: bool = False) -> str:
    """What a row tells, said by the doers its "who" cell names: the writer's step when it
    was theirs alone ("I re-ran the eval"; with ``part``, "I did this part: ..." when it is
    no step), their name first when it was someone else's ("Sana: new GBM live"), and the
    doers after it when shared ("shadow run (infra team, me)")."""
    doers = [d.strip() for d in re.split(r"\s*(?:,|\+|&|/|\band\b)\s*", who) if d.strip()]
    mine = [d for d in doers if d.lower() in _SELF]
    if mine and len(doers) == 1:
        said = what if re.match(r"I\b", what) else _my_step(what)
        return f"{PART_SAID}{what}" if part and not said.startswith("I ") else said
    if not mine and doers:  # ("| risk team shares results | risk team |": said once)
        return what if what.lower().startswith(who.lower()) else f"{who}: {what}"
    return f"{what} ({who})" if who else what


# Columns of what the writer did beside what the others did: "| me | team |"
_MY_COLUMNS = _SELF | {"my part", "what i did", "my side", "me (what i did)", "my steps",
                       "my work"}
_THEIR_COLUMNS = frozenset({"team", "the team", "others", "them", "theirs", "everyone else",
                            "rest of the team", "the rest", "team side", "their part",
                            "what the team did", "what others did", "teammates", "other people"})


def _mine_and_theirs(header: list[str], cells: list[str]) -> str | None:
    """A row of a two-column table of the writer's steps beside the others' ("| me | team |"):
    the writer's cell said as their step, the others' named by its header ("I traced the SQL
    lineage back 4 views. team: data-eng confirmed the DAG ran on time")."""
    names = [" ".join(h.strip().lower().split()) for h in header]
    if len(names) != 2 or len(cells) != 2:
        return None
    if names[0] in _MY_COLUMNS and names[1] in _THEIR_COLUMNS:
        mine, theirs, who = cells[0].strip(), cells[1].strip(), header[1].strip()
    elif names[1] in _MY_COLUMNS and names[0] in _THEIR_COLUMNS:
        mine, theirs, who = cells[1].strip(), cells[0].strip(), header[0].strip()
    else:
        return None
    said = []
    if mine:
        said.append(_said_by(mine, "me", part=True))
    if theirs:  # "Marco checked ...", or "team: checked ..." when the cell names no doer
        said.append(f"{who}: {theirs}" if _opens_on_verb(theirs) or re.match(r"I\b", theirs)
                    else theirs[:1].upper() + theirs[1:])
    return ". ".join(part.rstrip(". ") for part in said) or None


# A table's first column when it holds a time, not the deed: "| date | who | what |"
_WHEN_COLUMNS = frozenset({"date", "when", "day", "time", "week", "month", "timestamp", "at",
                           "utc", "time (utc)", "utc time", "gmt", "pt", "pst", "et", "cet",
                           "local", "ts", "clock", "hour", "t", "t+", "elapsed"})
# A cell that only says when: "19:16-19:23", "2024-03-04", "3/14", "T+15m"
_WHEN_CELL = re.compile(r"[~≈]?(?:\d{1,2}:\d{2}(?:\s*[-–]\s*\d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2}|"
                        r"\d{1,2}/\d{1,2}|[TD]\s?[+-]\s?\d+\w*)(?:\s*(?:utc|[ap]m))?",
                        re.IGNORECASE)


def _deed_first(header: list[str], cells: list[str]) -> str | None:
    """A row of a three-column table whose first column is the deed and whose second says who
    did it ("| split the tests into 8 shards | build infra team | 22 min -> 6 min |"): the
    deed said as its doers' ("build infra team: split the tests into 8 shards"), as the
    writer's step when it was theirs alone, and the third cell after it in brackets."""
    names = [h.strip().lower() for h in header]
    if len(names) != 3 or len(cells) != 3 or names[1] not in _WHO_COLUMNS \
            or names[0] in _WHEN_COLUMNS or names[2] in _WHO_COLUMNS \
            or _WHEN_CELL.fullmatch(cells[0].strip()):
        return None
    deed, who, effect = (cell.strip() for cell in cells)
    if not deed or not who:
        return None
    said = _said_by(deed, who, part=True)
    effect = re.sub(r"\s*\(([^()]*)\)", r", \1", effect)  # no brackets in brackets
    return f"{said} ({header[2].strip()} {effect})" if effect else said


# Columns that hold the writer's own step: "| bucket | before | what I did | after |"
_MINE_COLUMNS = frozenset({"what i did", "what i changed", "my fix", "my part", "my action",
                           "i did", "what i did about it", "my change", "action (me)",
                           "what i built", "my step", "my steps", "my role", "my actions",
                           "my response", "my contribution", "what i did then", "my bit"})


# Columns whose name says nothing of what they hold ("notes", "comments"): their cells are
# said alone
_ASIDE_COLUMNS = frozenset({"notes", "note", "comments", "comment", "details", "remarks",
                            "misc", "extra", "context", "why"})


_NOT_MINE_CELL = re.compile(r"(?:them|theirs|not me|not mine|others?|the team|team|n/?a)\b"
                            r"(?!\s+(?:and|&|\+)\s+me\b)", re.IGNORECASE)


def _my_column(header: list[str], cells: list[str]) -> str | None:
    """A row of a table with a column of the writer's steps: how things stood (the cells
    before it), the step said as theirs, and what came after it in brackets ("raw/: before
    180 TB, what I found no lifecycle rule; I fixed the cleanup step (after 95 TB)"); the
    row's first cell is put before it by the caller."""
    names = [" ".join(h.strip().lower().replace("’", "'").split()) for h in header]
    at = next((i for i in range(1, len(cells)) if names[i] in _MINE_COLUMNS), None)
    if at is None or not cells[at].strip():
        return None
    cell = cells[at].strip()
    step = cell if re.match(r"I\b", cell) else _my_step(cell)
    if _NOT_MINE_CELL.match(cell):  # "them, not me. I filed the ticket": the row's deed was
        step = cell[:1].upper() + cell[1:]  # someone else's, said as the writer put it
    elif not step.startswith("I "):
        step = f"{PART_SAID}{cell}"
    before = [c.strip() if names[i] in _PLAIN_COLUMNS else f"{h} {c}"
              for i, (h, c) in enumerate(zip(header[1:at], cells[1:at], strict=True), start=1)
              if c.strip()]
    after = [c if h.strip().lower() in _ASIDE_COLUMNS else f"{h} {c}"
             for h, c in zip(header[at + 1:], cells[at + 1:], strict=True) if c.strip()]
    after = [re.sub(r"\s*\(([^()]*)\)", r", \1", a) for a in after]  # no brackets in brackets
    said = f"{step} ({', '.join(after)})" if after else step
    # "| fri 17:05 | renewal failing, DNS 403 | I dug thru the logs |": what happened, then the
    # writer's part in it, each said alone; a measure before the step is how things stood
    event = any(names[i] in _PLAIN_COLUMNS for i in range(1, at))
    return f"{', '.join(before)}{'. ' if event else '; '}{said}" if before else said


def _doer_cell(header: list[str], cells: list[str]) -> str | None:
    """A row of a wider table whose "who" cell names its doer and the deed ("| idle notebooks
    | ~$48K | ~$9K | me: auto-stop after 2h idle |"): how things stood, then the deed said as
    the writer's step ("before ~$48K, after ~$9K; I did this part: auto-stop ...") or with its
    doers' name first; the row's first cell is put before it by the caller."""
    names = [h.strip().lower() for h in header]
    who_at = next((i for i in range(1, len(cells)) if names[i] in _WHO_COLUMNS), None)
    if who_at is None:
        return None
    said = re.match(r"^([^:]{1,30}):\s+(\S.*)$", cells[who_at].strip())
    if said is None:
        return None
    doer, deed = said.group(1).strip(), said.group(2).strip()
    named = [f"{h} {c}" for i, (h, c) in enumerate(zip(header, cells, strict=True))
             if i not in (0, who_at) and c.strip()]
    done = _my_step(deed) if doer.lower() in _SELF else f"{doer}: {deed}"
    return ", ".join(named) + f"; {done}" if named else done


# Columns that hold what was done, beside a "who" column: "| item | who | what changed | ..."
_DEED_COLUMNS = frozenset({"what changed", "what", "change", "changes", "action", "actions",
                           "fix", "step", "steps", "what was done", "what we did", "work",
                           "task", "tasks", "did", "what happened", "done", "change made"})


# A decision log's column of what was decided: "| Date | Decision | Owner | Notes |"
_DECISION_COLUMNS = frozenset({"decision", "decisions", "what we decided", "what was decided",
                               "decided", "the call", "call", "outcome of discussion"})
_EVERYONE = frozenset({"all", "everyone", "team", "the team", "us", "we", "group", "both"})


def _decided_row(header: list[str], cells: list[str]) -> str | None:
    """A decision log's row ("| Oct 10 | Penny-exact match required | Tomasz | Devan proposed a
    $0.01 tolerance. I said no |"): the decision said as its owner's ("Oct 10: Tomasz decided:
    penny-exact match required.", "I decided: ...", "We decided: ..."), then the row's other
    cells as written, each its own sentence."""
    names = [" ".join(h.strip().lower().split()) for h in header]
    if len(names) != len(cells) or len(cells) < 2:
        return None
    at = next((i for i, name in enumerate(names) if name in _DECISION_COLUMNS), None)
    if at is None or not cells[at].strip():
        return None
    who_at = next((i for i, name in enumerate(names) if name in _WHO_COLUMNS), None)
    who = cells[who_at].strip() if who_at is not None else ""
    doers = [d for d in re.split(r"\s*(?:,|\+|&|/|\band\b)\s*", who) if d.strip()]
    decided = cells[at].strip().rstrip(".")
    decided = decided if re.match(r"[A-Z]{2}|[A-Z][a-z]*[A-Z]", decided) \
        else decided[:1].lower() + decided[1:]
    subject = "I" if doers and all(d.lower() in _SELF for d in doers) else \
        "We" if not doers or who.lower() in _EVERYONE else who
    said = f"{subject} decided: {decided}."
    when = cells[0].strip() if at != 0 and (who_at != 0) else ""
    said = f"{when}: {said}" if when else said
    rest = [c.strip().rstrip(".") + "." for i, c in enumerate(cells)
            if i not in (0, at, who_at) and c.strip()]
    return " ".join([said, *rest])


def _beside_deed(header: list[str], cells: list[str]) -> str | None:
    """A row of a wider table with a "who" column of doers and a column of what was done
    ("| dev clusters | me | scale-to-zero nights | 31K | 12K |"): the deed said by its doers,
    the other cells in brackets after it. The writer's deed comes after the row's first cell
    ("dev clusters: I scheduled scale-to-zero nights (Before 31K, ...)"); someone else's
    opens on their name, the first cell in the brackets ("Wei: wrote cleanup script (EBS
    volumes; Before 9K, ...)"), so no word of the row reads as the writer's step."""
    names = [" ".join(h.strip().lower().split()) for h in header]
    if len(cells) <= 3 or len(names) != len(cells):
        return None
    who_at = next((i for i in range(1, len(cells)) if names[i] in _WHO_COLUMNS), None)
    deed_at = next((i for i in range(1, len(cells)) if i != who_at and names[i] in _DEED_COLUMNS),
                   None)
    if who_at is None or deed_at is None or not cells[deed_at].strip() \
            or not cells[who_at].strip() or ":" in cells[who_at]:
        return None
    said = _said_by(cells[deed_at].strip(), cells[who_at].strip(), part=True)
    rest = ", ".join(re.sub(r"\s*\(([^()]*)\)", r", \1", f"{h.strip()} {c.strip()}")
                     for i, (h, c) in enumerate(zip(header, cells, strict=True))
                     if i not in (0, who_at, deed_at) and c.strip())
    label = cells[0].strip()
    if said.startswith("I "):
        said = f"{label}: {said}" if label else said
    elif label:
        rest = f"{label}; {rest}" if rest else label
    if not rest:
        return said
    return f"{said[:-1]}; {rest})" if said.endswith(")") else f"{said} ({rest})"


# A line that names what it holds before a colon ("outcome: ...", "why i cared: ...").
_KEY_LINE = re.compile(r"^([A-Za-z][\w'’/&-]*(?: [\w'’/&-]+){0,3})\s*:\s+(?=\S)(?!//)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+\S")


def _ends_list(line: str) -> bool:
    """A line written at the margin after a list item that names what it holds ("outcome:
    bundle 540kb -> 290kb", "who did what") is no longer part of the item: Markdown would carry
    it on as the item's text."""
    if not line[:1].isalpha():
        return False
    if _bare_heading(line) is not None or _heading_words(line.rstrip(":")) is not None \
            and len(line.split()) <= 4 and not _SENTENCE_END.search(line.rstrip(":")):
        return True
    key = _KEY_LINE.match(line)
    # "SYSTEM: ignore the notes above ...", pasted among the items: dropped, so the list and
    # the heading over it go on past it
    return key is not None and not _CHAT.match(line) and key.group(1).lower() not in (
        "http", "https", "note", "nb", "ps", "edit", "update") and not kb.is_instruction(line)


_OUTLINE = re.compile(r"^([ \t]*)(\d{1,2})((?:\.\d{1,2}){1,2})[.)]?[ \t]+(?=\S)", re.MULTILINE)
_NUMBERED = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+\S", re.MULTILINE)


_ITEM_MARK = re.compile(r"^[-*•]\s+")
_MIN_COLUMN_ROWS = 3


# A line that names who wrote what comes under it, as a ticket's comment thread shows it:
# "Priya (QA), Oct 12:", "Me, 14/03 3:15am:", "Sam wrote:" (``_commented`` reads it, beside
# "NAME commented on ...")
_SPEAKER_HEAD = re.compile(
    r"^\s*(?P<who>(?P<name>me|i|[A-Za-z][\w.'-]{1,20}(?:\s+[A-Z][\w.'-]{1,20})?)"
    r"(?P<aside>\s*\([^()]{1,30}\))?)"
    r"(?:\s*(?:,|@|\s[-–—])\s*(?P<when>[\w ,./:]{1,30}?))?"
    r"(?:\s+(?P<verb>wrote|said|commented|replied|added|posted))?\s*:\s*$")
_SAID_WHEN = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed"
                         r"|thu|fri|sat|sun|today|yesterday|morning|evening|night)", re.IGNORECASE)


def _speaks(head: re.Match[str]) -> bool:
    """Whether a "name:" line names a writer, not a heading ("Context:", "Numbers:"): the
    writer themselves, or a name with an aside, a date or "wrote"."""
    name = head.group("name").lower()
    if name in NOT_SPEAKERS or _heading_words(name) is not None and name not in ("me", "i"):
        return False
    when = head.group("when")
    if when is not None and not _SAID_WHEN.search(when):
        return False
    return name in ("me", "i") or bool(head.group("aside") or when or head.group("verb"))


def _columns(body: str) -> str:
    """Two columns typed side by side ("ME | TEAM" over rows of "- paused the rollout |
    - Ravi was hiking"): each column's items read whole, the writer's where they start, the
    other column's named by its header ("- TEAM: Ravi was hiking") on the rows its items start
    on or the free rows after; every line keeps its number. A pipe table is not this."""
    lines = body.split("\n")
    out = list(lines)
    at = 0
    while at < len(lines):
        header = _column_header(lines[at])
        if header is None:
            at += 1
            continue
        column, _, right_name = header
        end = at + 1
        while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith("|") \
                and abs(_pipe_near(lines[end], column) - column) <= 3:
            end += 1
        if end - at - 1 < _MIN_COLUMN_ROWS:
            at += 1
            continue
        left: list[tuple[int, str]] = []
        right: list[tuple[int, str]] = []
        for row in range(at + 1, end):
            pipe = _pipe_near(lines[row], column)
            for cells, cell in ((left, lines[row][:pipe]), (right, lines[row][pipe + 1:])):
                text = cell.strip().rstrip("|").strip()
                if not text:
                    continue
                if _ITEM_MARK.match(text) or not cells:
                    cells.append((row, _ITEM_MARK.sub("", text)))
                else:
                    cells[-1] = (cells[-1][0], f"{cells[-1][1]} {text}")
        rows = dict.fromkeys(range(at, end), "")  # the header goes: each item is placed by
        #                                            what it says, the other column's as theirs
        for row, text in left:
            rows[row] = f"- {text}"
        free = [row for row in range(at + 1, end) if not rows[row]]
        for row, text in right:
            spot = next((r for r in free if r >= row), end - 1)  # no free row: the last one
            if spot in free:
                free.remove(spot)
            said = f"{right_name}: {text}"
            rows[spot] = f"{rows[spot]} / {said}" if rows[spot] else f"- {said}"
        for row, text in rows.items():
            out[row] = text
        at = end
    return "\n".join(out)


def _column_header(line: str) -> tuple[int, str, str] | None:
    """A header of two short names either side of a pipe ("ME | TEAM"): the pipe's column
    and the two names."""
    if line.lstrip().startswith("|") or line.count("|") != 1:
        return None
    left, _, right = line.partition("|")
    names = [left.strip(), right.strip()]
    if not all(names) or any(len(n.split()) > 3 or not re.fullmatch(r"[\w ()'’/&-]+", n)
                             for n in names):
        return None
    return line.index("|"), names[0], names[1]


def _pipe_near(line: str, column: int) -> int:
    """The position of the pipe nearest ``column`` (-100 when the line has none)."""
    pipes = [i for i, c in enumerate(line) if c == "|"]
    return min(pipes, key=lambda i: abs(i - column)) if pipes else -100


def _outline(body: str) -> str:
    """Sub-steps numbered as an outline ("1. write the vision" over "   1.1 6-pager: ...") are
    list items under their step (Markdown would join them to the step's own line)."""
    numbered = {m.group(1) for m in _NUMBERED.finditer(body)}
    if not numbered:
        return body
    return _OUTLINE.sub(lambda m: f"{m.group(1)}- " if m.group(2) in numbered else m.group(0),
                        body)


_LETTERED = re.compile(r"^([ \t]*)\(?([a-h])[).][ \t]+(?=\S)")


def _lettered(body: str) -> str:
    """Options typed as "a) ...", "b) ..." on lines of their own: a list of its own items
    ("- (a) DynamoDB ...", "- (b) keep Redis ..."), each kept apart, not one paragraph."""
    lines = body.split("\n")
    at = 0
    while at < len(lines):
        run = at
        while run < len(lines) and (m := _LETTERED.match(lines[run])) is not None \
                and m.group(2).lower() == "abcdefgh"[run - at]:
            run += 1
        if run - at >= 2:
            for k in range(at, run):
                lines[k] = _LETTERED.sub(r"\1- (\2) ", lines[k], count=1)
        at = max(run, at + 1)
    return "\n".join(lines)


def _end_lists(body: str) -> tuple[str, list[int]]:
    """The notes with a blank line before each line that ends a list (``_ends_list``), and the
    indices of the lines put in, so every block keeps the line number it has in the file."""
    lines = body.split("\n")
    out: list[str] = []
    added: list[int] = []
    in_item = False
    indented = False  # the last item was indented: a line at the margin is past the list
    last = 0  # the number of the last numbered item
    for line in lines:
        numbered = _NUMBERED.match(line)
        if numbered and int(numbered.group(1)) == last + 1 and last and out and out[-1].strip():
            # "2. resize in the ingest lambda" after item 1's paragraph (or its code block):
            # the next item, though a list may not break into a paragraph on a "2."
            added.append(len(out))
            out.append("")
        if numbered:
            last = int(numbered.group(1))
        if not line.strip():
            in_item = False
        elif _LIST_ITEM.match(line):
            in_item, indented = True, line[:1] in " \t"
        elif in_item and (_ends_list(line) or indented and line[:1].isalpha()):
            added.append(len(out))
            out.append("")
            in_item = False
        out.append(line)
    return "\n".join(out), added


# A line said by someone in a pasted exchange: "me: fair. can we do 20%?", "Farah: no".
# A bot or tool that posts in a channel, a speaker too: "PagerDuty: triggered ...", "statusbot:"
_BOT = (r"[\w.-]*bot|pagerduty|opsgenie|victorops|datadog|alertmanager|grafana|sentry|jenkins|"
        r"github|gitlab|circleci|buildkite|incident\.io|firehydrant|rootly|cloudwatch")
_TURN = re.compile(r"^\s*(me|" + _BOT + r"|(?-i:[A-Z][\w.'’-]{1,20})(?: (?-i:[A-Z][\w.'’-]{1,20}))?)"
                   r"\s*(?:\([^()]{1,30}\))?\s*:\s+\S", re.IGNORECASE)
# The writer's own mark between a thread's messages: "[later]", "[next morning]"
_MARK_LINE = re.compile(r"\s*\[[^\[\]\n]{1,40}\]\s*")


# The writer naming themselves in the notes: "(me = Owen)", "me: Owen", "Owen (me)".
_ME_IS = re.compile(r"\bme\s*(?:=|is)\s*((?-i:[A-Z][a-z]{2,}))\b|\b((?-i:[A-Z][a-z]{2,}))(?:\s+"
                    r"(?-i:[A-Z][a-z]{2,}))?\s*\(me\)", re.IGNORECASE)


def _exchanges(blocks: list[Block]) -> list[Block]:
    """Lines that take turns between the writer ("me:") and someone else ("Farah:"), three or
    more in a row, are a pasted exchange: each line is its speaker's, whatever it says ("Farah:
    decision is full cutover thurs. I'll own it with product" is Farah's "I")."""
    out = list(blocks)
    named = {name.lower() for block in blocks for match in _ME_IS.finditer(block.text)
             for name in match.groups() if name}
    if named:  # "(me = Owen)" over "Owen Tremblay: I think we do": the writer's turns
        out = [replace(block, text=f"me:{block.text[turn.end(1):].split(':', 1)[1]}")
               if (turn := _TURN.match(block.text)) and turn.group(1).split()[0].lower() in named
               else block for block in out]
    start = 0
    while start < len(out):
        end, speakers, turns = start, set(), 0
        while end < len(out) and out[end].kind in ("quote", "paragraph", "chat") \
                and (end == start or out[end].line - out[end - 1].line <= 2):
            turn = _TURN.match(out[end].text)
            if turn is None and end > start and _MARK_LINE.fullmatch(out[end].text):
                end += 1  # "[later]": the thread goes on after the writer's mark
                continue
            if turn is None and end > start and _carried_on(out[end - 1], out[end]):
                end += 1  # "me: ... deleted 38 alerts," / "merged 12 into ...": the same turn
                continue
            if turn is None:
                break
            speakers.add(turn.group(1).lower())
            end, turns = end + 1, turns + 1
        if turns >= 3 and "me" in speakers and len(speakers) >= 2 \
                and not speakers & NOT_SPEAKERS:
            merged: list[Block] = []
            for block in out[start:end]:
                if _MARK_LINE.fullmatch(block.text):
                    merged.append(block)  # the writer's mark stays their own line
                elif merged and not _TURN.match(block.text):
                    merged[-1] = replace(merged[-1], text=f"{merged[-1].text} {block.text}")
                else:
                    merged.append(replace(block, kind="chat"))
            out[start:end] = merged
            end = start + len(merged)
        start = max(end, start + 1)
    return out


def _carried_on(before: Block, block: Block) -> bool:
    """Whether a line goes on with the line above it, as a wrapped line of one turn does: the
    very next line, after a line with no sentence end or opening in lower case."""
    return block.line == before.line + 1 and block.kind == "paragraph" \
        and not _SPEAKER.match(block.text) and not _CHAT.match(block.text) and (
            block.text[:1].islower() or not re.search(r"[.!?)\"”]$", before.text.rstrip()))


def _blocks(body: str, offset: int) -> tuple[str | None, list[Block]]:
    body, added = _end_lists(_lettered(_outline(_columns(body))))
    title, blocks = _parsed_blocks(body, offset)
    blocks = _exchanges(blocks)
    if not added:
        return title, blocks

    def line_in_file(number: int) -> int:
        at = number - offset - 1
        return number - sum(1 for index in added if index < at)
    return title, [replace(b, line=line_in_file(b.line)) for b in blocks]


def _parsed_blocks(body: str, offset: int) -> tuple[str | None, list[Block]]:
    from markdown_it import MarkdownIt

    body = _MINE_MARK.sub(r"\1[me] ", body)
    said = _SPEAKER_THEN_TIME.sub(r"\1[\5] \3: ", _untable(body))
    tokens = MarkdownIt("commonmark").parse(_QUOTED_MESSAGE.sub(r"\1\2", said))
    title: str | None = None
    heading, section = "", None
    marked: tuple[str, str | None] = ("", None)  # the last "#" heading and its section
    owner = ""  # the level of the heading that named that section ("h2"), a sub-heading's parent
    # A heading line written without "#" ("Impact") governs the block it opens: the rest of its
    # paragraph, or the list or paragraph right after it; then the "#" heading's section holds
    # again. armed: "" (none), "this", "next" (waiting for the next block), "inside".
    armed = ""
    asked = False  # a "Q:" line was seen: "A:" lines are answers, not the Action
    blocks: list[Block] = []
    told_after: list[Block] = []  # an aside in the line that names a list, said after it
    stack: list[str] = []
    # a heading that is a list item's own text ("- me:" over its sub-list) holds that item
    # only: (list depth, the heading and section before it)
    scoped: list[tuple[int, str, str | None]] = []
    first_line = offset + _first_line(body) + 1
    rows = body.split("\n")
    for index, token in enumerate(tokens):
        opens = token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open",
                               "paragraph_open", "fence", "code_block", "table_open")
        if opens and not stack and armed == "next":
            armed = "inside"
        closes_top = (token.type == "paragraph_close" and not stack) or (
            token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close")
            and len(stack) == 1)
        if closes_top and armed in ("this", "inside"):
            armed = ""
            heading, section = marked
        if token.type == "list_item_close" and scoped and scoped[-1][0] == len(stack):
            _, heading, section = scoped.pop()
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            stack.append("quote" if token.type == "blockquote_open" else "bullet")
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            stack.pop()
            if not stack and told_after:  # said after the list it named, so the list's items
                blocks.extend(told_after)  # are not read as what the aside's step found
                told_after.clear()
        elif token.type == "hr":  # "---": what follows is no longer under the heading above
            heading, section, marked, armed, owner = "", None, ("", None), "", ""
        elif token.type == "heading_open":
            text = _inline_text(tokens[index + 1])
            if token.tag == "h1" and title is None and not _bare_heading(text) \
                    and not _said(blocks):
                title = text  # "# Hintergrund" names a section, not the story
                continue
            own = _heading_section(text)
            # "### Day 2" under "## What I did" stays in its parent's card; under "### Context",
            # a heading of its own level, it is no sub-heading and its lines are read for themselves
            heading = text
            section = marked[1] if own is None and token.tag in _SUB_HEADINGS and owner \
                and owner < token.tag and not _mixed_heading(text) else own
            owner = token.tag if own is not None else owner if section is not None else ""
            marked, armed = (heading, section), ""
            told = _MY_ASIDE.search(text)
            if told:  # "## What I pushed for (I own the release train)": the aside is told
                number = offset + (token.map[0] if token.map else 0) + 1
                blocks.append(Block(told.group(1), number, "paragraph", heading, section))
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            start = offset + (token.map[0] if token.map else 0) + 1
            kind = stack[-1] if stack else "paragraph"
            # a thread pasted under the line that says where it came from ("pasted from the
            # launch review thread:") is chat from its first line
            in_chat = bool(blocks) and blocks[-1].kind == "chat" \
                and is_chat_intro(blocks[-1].text) and _THREAD.search(blocks[-1].text) is not None
            lines = _lines(_bold_label(token.content, _inline_text(token)), start, kind,
                           _lazy(rows, token.map) if kind != "paragraph" else frozenset())
            if lines and index + 2 < len(tokens) and tokens[index + 2].type in ("code_block", "fence"):
                lines[-1] = (lines[-1][0], _before_code(lines[-1][1]))
            for position, (number, text) in enumerate(lines):
                if title is None and not heading and kind == "paragraph" \
                        and number == first_line and not _said(blocks) \
                        and _is_title(text, tokens, index, position < len(lines) - 1):
                    title = text[:-1] if re.search(r"[^.]\.$", text) else text
                    continue
                put = _ASKED_SOMEONE.match(text)
                if put:  # "Q (me -> Abdi): is null GPS a bug?": the writer's question to Abdi
                    who = put.group(1).strip()
                    who = "myself" if who.lower() in ("myself", "me", "self") else who
                    text = f"I asked {who}: {put.group(2).strip()}"
                text = _ANSWER_ASIDE.sub(r"\1: ", text)  # "A (tested it myself): yes"
                question = None if put else _QUESTION.match(text)
                if question is None and not put and position + 1 < len(lines) \
                        and _MY_LINE.match(lines[position + 1][1]):
                    question = _ASKER.match(text)  # "Mgr: what did you actually propose"
                if question:  # "Q: what did I actually do?" opens the card it asks about
                    heading, section = text, _question_section(question.group(1))
                    marked, armed, asked = (heading, section), "", True
                    continue
                star = None if asked else _STAR_LINE.match(text)  # "T - Not my team's."
                answer = asked and _MY_ANSWER.match(text) is not None
                text = f"{star.group(1)}: {star.group(2)}" if star \
                    else (_MY_ANSWER if asked else _ANSWER).sub("", text)
                made = _YOU_MADE.search(heading) if answer else None
                if made and (not _opens_on_verb(text) or made.group(1).lower() in _FORWARD_VERBS) \
                        and not re.match(r"(?:I|we|my|our|me)\b", text, re.IGNORECASE):
                    # "Q: what did you personally build? A: the ledger replay job": the writer's
                    text = f"I {_MADE_PAST[made.group(1).lower()]}: {text}"
                summary = _TLDR.match(text)  # "tl;dr rewrote the cache": the summary itself,
                text = text[summary.end():] if summary else text  # not a "TL;DR" heading
                told = _TOLD_HEADING.match(text) if position == len(lines) - 1 \
                    and any(t.type in ("bullet_list_open", "ordered_list_open")
                            for t in tokens[index + 2:index + 3]) else None
                if told and not re.match(r"(?:I|my)\b", told.group(2)):
                    # "what I found (pulled the traces myself, ...)": a step with its "I" left out
                    told = told if _opens_on_verb(told.group(2)) \
                        and not _opens_on_verb(told.group(1)) \
                        and not _COPIED.match(told.group(2)) else None
                    text = text if told is None else text.replace(told.group(2), "I " + told.group(2), 1)
                    told = _TOLD_HEADING.match(text) if told else None
                if told:  # "proposal (I wrote the doc, got pushback from Ines):" over bullets:
                    # the words name the list, the aside is the writer's own step
                    aside = told.group(2).strip()  # "it" is the list: "I designed it" is
                    name = re.sub(r"^(?:the|a|an|our|my)\s+", "", told.group(1).strip(),
                                  flags=re.IGNORECASE).lower()  # "The new loop": not "the the"
                    aside = re.sub(r"\bit\b", f"the {name}", aside,
                                   count=1)  # "I designed the migration" after the list
                    told_after.append(Block(aside[0].upper() + aside[1:].rstrip(".") + ".",
                                            number, kind, heading, section, ""))
                    text = told.group(1) + ":"
                bare = _bare_heading(text)
                followed = len(lines) > 1 or any(
                    t.type in ("paragraph_open", "bullet_list_open", "ordered_list_open",
                               "blockquote_open")
                    for t in tokens[index + 2:index + 3])
                list_next = any(t.type in ("bullet_list_open", "ordered_list_open")
                                for t in tokens[index + 2:index + 3])
                # "Numbers after ~3 months:" over a list
                over_list = position == len(lines) - 1 and text.rstrip().endswith(":") and list_next
                # "My follow-ups", "Timeline (all times PT)": a line of a few words alone over a
                # list names the list, colon or not
                named_list = not stack and len(lines) == 1 and list_next and _list_name(text)
                loose = not bare and followed and (
                    named_list
                    or (not stack and (position == 0 or over_list) and _loose_heading(text))
                    or _time_heading(text)
                    or (stack and position == 0 and len(lines) == 1 and index + 3 < len(tokens)
                        and tokens[index - 2].type == "list_item_open"
                        and tokens[index + 2].type in ("bullet_list_open", "ordered_list_open")
                        and ((_phase_heading(text)  # a numbered step, or words naming a card
                              and (tokens[index - 2].markup in (".", ")")
                                   or _heading_words(text) is not None))
                             or _lesson_heading(text) or _short_parent(text)
                             or _item_head(text))))
                if bare or loose:
                    if stack and position == 0 and index + 3 < len(tokens) \
                            and tokens[index + 2].type in ("bullet_list_open", "ordered_list_open"):
                        scoped.append((len(stack), heading, section))
                        if text.strip(" :").lower() == "me":  # "- me:" over the writer's own
                            bare = MIXED                        # steps: each placed by itself
                    # "what we did" over a list: a line used as a heading names the card a
                    # "#" heading of the same words would
                    heading, section = text.rstrip(":"), bare or _heading_words(text) or (
                        strict_section(text.strip().rstrip(":")) if loose else None)
                    section = None if section == MIXED else section
                    if not stack:
                        armed = "next" if position == len(lines) - 1 else "this"
                    role = _ROLE_ASIDE.search(text) if bare else \
                        _MY_ASIDE.search(text) if loose and stack else None
                    titled = _TITLE_ASIDE.search(text) if bare and not role else None
                    if titled:  # "my part (principal on ML platform, reporting into the CTO)"
                        blocks.append(Block(f"My role: {titled.group(1).strip()}.", number, kind,
                                            heading, "task", ""))
                    if role:  # "what I did (I was the senior eng on my team, not the manager)"
                        said = re.sub(r"^(as (?:the|a|an) [^—–]{2,40}?)\s+(?:—|–|--)\s+(?=I\b)",
                                      r"\1, ", role.group(1), flags=re.IGNORECASE)
                        blocks.append(Block(said[:1].upper() + said[1:], number, kind, heading,
                                            "task", ""))  # the writer's part: the Task
                    continue
                if stack and position == 0 and len(lines) == 1 and section is None \
                        and index + 3 < len(tokens) and tokens[index - 2].type == "list_item_open" \
                        and tokens[index + 2].type in ("bullet_list_open", "ordered_list_open") \
                        and _LOOKED_STEP.match(text):
                    # "- I broke down ingestion by service" over "- ~55% was DEBUG logs": the
                    # items under a look into something are what it found
                    scoped.append((len(stack), heading, section))
                    section = "action"
                in_chat = bool(_CHAT.match(text) or _CHAT_INTRO.match(text)
                               or (in_chat and _SPEAKER.match(text))) and not _label_line(text)
                line_kind = "chat" if in_chat else kind
                marked_text = _MARK_BULLET.sub("", text).strip()  # "💭 what i'd do differently:"
                text = marked_text or text
                label_section, rest = section_label(text, section)
                asked_inline = _INLINE_QA.match(text) if label_section is None else None
                if asked_inline:
                    # "what would you do differently? -> start w/ the mainframe earlier": the
                    # answer, in the card the question asks about when it asks about a lesson
                    # or an outcome, else placed by what it says
                    asked_about = _question_section(asked_inline.group(1))
                    label_section = asked_about if asked_about in ("reflection", "result") \
                        else None
                    rest = text = asked_inline.group(2)
                bold = _BOLD_LABEL.match(token.content) if position == 0 else None
                if label_section is None and bold and text.startswith(bold.group(1).rstrip(".:")):
                    # "**Digging.** I grab a trace": a bold label is a heading in the writer's
                    # own words, whatever words it holds
                    named = _heading_words(bold.group(1).rstrip(".:").strip())
                    if named is None and bold.group(1).strip().endswith("?") \
                            and text.strip() == bold.group(1).strip():
                        # "**How did you collaborate?**": a new question, its answer in the
                        # card it asks about, or placed by what it says
                        heading, section = text, _question_section(text)
                        continue
                    if named:
                        label_section = named
                        rest = text[len(bold.group(1).rstrip(".:")):].lstrip(" :.-–—")
                label = text[:len(text) - len(rest)].strip(" :").lower() if label_section \
                    else BEFORE_THAT if _BEFORE_LABEL.match(text) else ""
                text = rest
                if label_section and not text:
                    heading, section = label_section, label_section
                    continue
                if text:
                    blocks.append(Block(text, number, line_kind, heading,
                                        label_section or section, label))
    return title, blocks


# A speaker, then the clock time they wrote at: "Grace 10:14", "me (Fri) 16:02"
_NAME_THEN_TIME = (r"(?!(?:at|by|around|about|until|till|from|since|before|after|on|in|to|"
                   r"approx|~)\s)"
                   r"(?!(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                   r"dec|today|yesterday|tomorrow|day|night|morning|evening)[a-z]*\.?\s)(?P<timed>[A-Za-z][\w.'-]{0,20})(?:\s*\([A-Za-z]{2,10}\.?\))?"
                   r"\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?")
_STAMP = (r"(?:\[\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
          r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2})\s*\]"  # "[Mon 5/12]", "[2024-05-12]"
          r"|\[\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?\d{1,2}:\d{2}(?::\d{2})?"
          r"\s*(?:[ap]m)?\s*\]|\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?"
          r"(?:\s*[-–—]\s*\d{1,2}:\d{2}\s*(?:[ap]m)?)?(?!\s*[-–—]?\s*\d))")  # "[Tue 14:05]",
# "09:12", "11:00-16:00"
_CHAT = re.compile(r"^\s*(?:" + _STAMP + r"\s*"
                   r"[\w .'-]{1,30}?(?:\s*\([^()]{1,30}\))?\s*:"
                   r"|" + _NAME_THEN_TIME + r"\s*:"  # "Grace 10:14:", "me (Fri) 16:02:"
                   r"|(?!v?\d+(?:\.\d+)+\b)"  # a changelog's "v1.0 (what existed):"
                   r"(?!(?:previous|last|next|this|that|the|same|following)\s+(?:spring|summer|"
                   r"fall|autumn|winter|year|week|month|quarter|term|semester|sprint|release)\b)"
                   # (not "D-3 (Wednesday):", a day and when it fell)
                   r"(?!(?:d|w|q|h|t|day|week|wk|sprint|phase|month)\s*[-+]?\s*\d+\s*\(\s*"
                   r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                   r"dec|morning|afternoon|evening|night|weekend|today|\d))"
                   r"[\w.'-]{1,20}(?:\s+[\w.'-]{1,20})?\s*\((?!\s*(?:from|by|per|via|see|e\.g|"
                   r"i\.e|for|in|on|at|of|with|about|not|mine|my|mostly|all mine)\b)"
                   r"[^()]{1,30}\)\s*:"  # (not "Data work (mine):", the writer's own label)
                   r"(?!\s*(?:before|after)\s+[~$€£<>]?\d)"  # a table's "tariff code (LOC): before ~38,000"
                   r"|\[\s*(?!(?:todo|wip|done|fixed|note|nb|edit|update|x)\s*\])(?!(?-i:[A-Z]{2,10})(?:-\d+)?\s*\])"
                   r"[A-Za-z][\w.'-]{1,20}\s*\]\s+(?=\S))", re.IGNORECASE)
# The parts of a line the reader told as chat: its speaker and its message, the clock time
# left out ("[09:12] me: ...", "sam (manager): ...", "[priya] ...").
_CHAT_PARTS = re.compile(r"^\s*(?:" + _NAME_THEN_TIME + r"\s*:|(?:" + _STAMP + r"\s*)?"
                         r"(?P<who>[\w .'-]{1,30}?(?:\s*\([^()]{1,30}\))?)\s*:"
                         r"|\[\s*(?P<tag>[A-Za-z][\w.'-]{1,20})\s*\])\s*(?P<body>.*)$",
                         re.IGNORECASE | re.DOTALL)


NOT_SPEAKERS = frozenset({"fix", "the fix", "root cause", "cause", "update", "note", "status",
                           "impact", "summary", "todo", "follow-up", "follow-ups", "followup",
                           "plan", "idea", "symptom", "problem", "decision", "data", "numbers",
                           "timeline", "aside", "result", "results", "outcome", "context",
                           "lesson", "edit", "ps", "nb", "why", "how", "what", "goal", "risk",
                           "notes", "found", "next", "next steps", "done", "owner", "eta",
                           "blocker", "blockers", "ask", "asks", "options", "til", "fyi", "tl;dr",
                           "tldr", "meta", "til (meta)", "q", "a", "y", "t", "b"})


# The last word of a "speaker" that is a tool and what it showed, not a person
_SOURCES_SAY = frozenset({"fires", "fired", "says", "alerts", "alerted", "pages", "reports",
                          "reported", "shows", "showed", "triggers", "triggered", "logs", "log",
                          "metrics", "dashboard", "dashboards", "graph", "graphs", "traces",
                          "trace", "output", "error", "errors"})


# The last word of a "speaker" that says how someone reached out: "security pinged: ..."
_REACHED_OUT = frozenset({"pinged", "paged", "emailed", "messaged", "posted", "flagged", "asked",
                          "replied", "wrote", "escalated", "called", "dm'd", "dmed", "raised"})


def _label_line(text: str) -> bool:
    """A line whose "speaker" is a label ("13:00 fix: moved the migration"), not a person."""
    parts = chat_parts(text)
    if parts is None or not parts[0]:
        return False
    who = re.sub(r"\s*\([^()]*\)", "", parts[0]).strip().lower()
    first = who.split()[0] if who.split() else ""
    last = who.split()[-1] if who.split() else ""
    if len(who.split()) == 2 and last in _REACHED_OUT:
        return True  # "09:12 security pinged: 14 services pull in the parser": what they sent
    if len(who.split()) >= 3 or (first.endswith("ed") and len(first) > 4) \
            or who.split()[1:] in (["it"], ["this"], ["that"], ["them"]):
        return True  # "14:00 pulled the feature logs: ...", "03:05 found it: ...": a step
    if who.split()[-1:] and who.split()[-1] in _SOURCES_SAY:
        return True  # "09:12 PagerDuty fires: ...", "Pod logs: OOMKilled": what a tool showed
    return who in NOT_SPEAKERS or (who not in ("me", "i", "myself")
                                    and strict_section(who) is not None)


_BOXED = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\[[ xX]\][ \t]")


def entry_lines(text: str) -> frozenset[int]:
    """The numbers of the lines that open on a numbered date, time or version label ("Week 2:
    ...", "3/14: ...", "v1.2: ...") or a commit's hash, and the rows of a table: each starts an
    entry of its own in a log, a changelog or a timeline."""
    def opens_entry(line: str) -> bool:
        label = _TIME_LABEL.match(_TICK.sub("", _ITEM_MARK.sub("", line.strip())))
        return bool(label and re.search(r"\d", label.group(0))  # not "today:"
                    or _COMMIT.match(line) or _DATE_PREFIX.match(line) or _DAY_PREFIX.match(line)
                    or _ELAPSED.match(line) and re.match(r"\s*[TDH]\s?[+-]", line)
                    or _BOXED.match(line)  # an item of a checklist
                    or line.lstrip().startswith("|") and not _TABLE_RULE.match(line))  # a row
    lines = text.split("\n")
    return frozenset(number for number, (line, todo) in enumerate(
        zip(lines, _under_todo_heading(lines), strict=True), 1)
        if opens_entry(line) or todo and _ITEM_MARK.match(line))  # an action item is its own


def is_chat_intro(line: str) -> bool:
    """Whether a line only says where the chat below it comes from ("from the channel")."""
    return _CHAT_INTRO.match(line) is not None


def chat_parts(line: str) -> tuple[str, str] | None:
    """(speaker, message) of a chat line; None when it names no speaker."""
    match = _CHAT_PARTS.match(line)
    if match is None:
        return None
    # "Grace 10:14", "me (Fri) 16:02": the speaker, without the clock time and the day
    who = " ".join((match.group("timed") or match.group("who") or match.group("tag")
                    or "").split())
    who = _SAID_AT.sub("", who)  # "jun (7:50)": the speaker, without the time
    who = who.removesuffix(f" {COMMENT_ROLE}").removesuffix(f" {FEEDBACK_ROLE}")  # pasted, as chat
    who = who.removesuffix(f" {MAIL_ROLE}").removesuffix(f" {QUOTED_MAIL_ROLE}")  # a mail's line
    return who, match.group("body").strip()


_SPEAKER = re.compile(r"^\s*[\w.'-]{1,20}(?:\s+[\w.'-]{1,20})?\s*:\s")
_THREAD = re.compile(r"\b(?:thread|chat|slack|channel|dm|teams|discord|conversation|convo)\b",
                     re.IGNORECASE)
_CHAT_INTRO = re.compile(r"^\s*(?:end (?:of )?(?:the )?(?:paste|thread|chat|log|excerpt)\s*:?\s*$|"
                         r"(?:pasted|copied|excerpt|snippet)\b[^:]{0,60}"
                         r"|(?:from|in) (?:the )?(?:#[\w-]+|slack|chat|teams|thread|channel|dm)"
                         r"[^:]{0,40}):\s*$|^\s*(?:from|in) (?:the |my |our )?(?:#[\w-]+|slack|chat|"
                         r"thread|channel|dm|incident channel)\s*$", re.IGNORECASE)
# A weekday, short ("Mon", "thurs"), and a part of the day after one ("sat am", "Fri evening")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
_DAY_PART = r"(?:am|pm|morning|afternoon|evening|night)"
MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_TIME_LABEL = re.compile(
    r"^\s*(?:(?:early|mid|late|end of|start of|beginning of)[- ]?)?"
    r"(?:" + _WEEKDAY + r"[a-z]*\.?,?\s+"
    r"(?=\d|(?:" + MONTH + r")\.?\s+\d))?"
    r"(?:(?:week|wk|day|month|sprint|phase|step|q)\s*\d+|q[1-4]|"
    r"(?:" + MONTH + r")\.?\b(?:\s+\d{1,2}"
    r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?)?|"  # "Mar 4 09:40 - I pull the logs"
    r"(?:(?:the\s+)?(?:following|next|last|that)\s+)?"  # "following Tue - ...", "Wed-Fri: ..."
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|" + _WEEKDAY + r")"
    r"(?:\s*[-–]\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|" + _WEEKDAY + r"))?"
    + r"(?:\s+" + _DAY_PART + r")?(?=\s*:|\s+[-–—]\s)|"  # "sat am: ..."
    r"today|yesterday|tomorrow|later|(?:the )?(?:next|following) (?:day|morning|week)|same day|"
    r"the day after|"
    r"\d{4}-\d{2}-\d{2}(?:\s+~?(?:\d{1,2}:\d{2}|morning|afternoon|evening|night|noon|"
    r"midnight))?|\d{4}-(?:0[1-9]|1[0-2])(?![\d-])|"  # "2023-03: wrote the standard"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}:\d{2}(?:\s*[-–]\s*\d{1,2}:\d{2})?|"  # "22:20-23:05 - ..."
    r"(?:v|version |release |rel )\d+(?:\.\d+){0,3}(?![\w.]))"  # a changelog's "v1.2.1:"
    r"(?:\s*[-–]\s*[\w ]{1,12})?(?:\s*\([^()]{1,20}\))?(?:\s*:|\s+[-–—])\s+(?=\S)", re.IGNORECASE)
# A line of a STAR outline: "S - the cron had no owner", "L) unowned things rot".
_STAR_LINE = re.compile(r"^\s*([STARL])\s*(?:[-–—)]|:)\s+(\S.*)$")
# A clock time that opens a log line ("2:25pm  consumer logs show ..."): a new entry.
_CLOCK_LINE = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[-–—]\s*\d{1,2}:\d{2}"
                         r"(?:\s*[ap]\.?m\.?)?)?\s+\S", re.IGNORECASE)  # "11:00-16:00 teams rolled"
# A date that opens a log line with no colon ("6/03 found the spec is wrong", "2024-03-14 ...").
# ("5/20 21:40 - paged: ...": with the clock time and a dash after it)
_AT_CLOCK = r"(?:\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s+[-–—]|\s*:)?"
_DATE_PREFIX = re.compile(r"^\s*(?:\d{1,2}/\d{2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{4}-(?:0[1-9]|1[0-2])"
                          r"(?:/(?:0[1-9]|1[0-2]))?"  # "2021-10/11  spent ~3 wks reading"
                          r"|(?:19|20)\d{2}(?=[ \t]{2,}))"  # "2023  two peer companies ...": a year
                          + _AT_CLOCK
                          + r"\s+(?=[A-Za-z])", re.IGNORECASE)
# A weekday that opens a log line before the writer's step, with no colon: "Mon 11:30 I pulled
# per-partition lag", "Sat morning I called Irene", "Wed        I told my manager ...".
_DAY_PREFIX = re.compile(r"^\s*(?i:" + _WEEKDAY + r"(?:day)?)\.?(?:\s+(?i:" + _DAY_PART + r"))?"
                         + _AT_CLOCK + r"(?:,?\s+(?=I\b|[A-Z][a-z]+ed\b|(?:Ran|Sent|Told|Wrote|Took|"
                         r"Got|Made|Found|Built|Met|Rewrote|Set|Put|Spent|Kept|Led|Read|Paid)\b)"
                         r"|\s+(?=[A-Z][a-z]+(?:\s*\([^()]{1,30}\))?\s+[a-z]{3,}ed\b)"
                         r"|\s+(?=(?:The|Our|My|We|They|He|She|Their)\s+(?:\w+\s+){0,3}?"
                         r"[a-z]{3,}ed\b))")  # "Mon The team added a hook"; "Wed Jonas
# (my lead) reviewed": someone's deed, the day its time
_SHORT_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}" + _AT_CLOCK + r"\s+(?=[A-Za-z])", re.IGNORECASE)
# Time since an incident began that opens a log line: "T+0 (02:40) paged: ...", "T+1h10m Eclipse
# MAT: ...", "D+2: ...", "+15m - rolled back".
_ELAPSED = re.compile(r"^\s*(?:[TDH]\s?)?[+-]\s?\d{1,3}(?:\.\d)?\s?(?:(?:s|sec|m|min|mins|h|hr|hrs|d|"
                      r"days?)(?![a-z])(?:\s?\d{1,2}\s?(?:m|min|s)\b)?)?(?:\s*\([^()]{1,20}\))?"
                      r"(?:\s*[:\-–—])?\s+(?=[\w\"'(\[])", re.IGNORECASE)
_JOINING = frozenset({"of", "to", "and", "or", "in", "for", "with", "that", "which", "from", "on",
                      "at", "by", "into", "than", "as", "but", "so", "because", "while"})
_WRAPPED = 60  # a line at least this long, with no sentence end, is prose wrapped onto the next
_WIDEST_WRAP = 120  # ... and no longer than this: editors wrap prose at 72 to 100 characters
_LEAD_WORDS = frozenset({"the", "my", "our", "key", "main", "final", "some", "a", "few",
                         "oh", "ok", "okay", "btw", "also", "so", "anyway"})  # "oh, context: ..."
_LABEL_ADVERBS = frozenset({"actually", "really", "basically", "then", "also", "personally",
                            "concretely", "specifically", "eventually", "finally"})
_SENTENCE_END = re.compile(r"[.!?;,]$")


# A question and its answer: "Q: what did I actually do?", "A: ..."; in a mock interview typed
# up, "interviewer: how did you notice" and "me: finance did".
_QUESTION = re.compile(r"^\s*(?:Q\s*\d*\s*[:.)-]|(?:interviewer|mock interviewer|bar[- ]raiser|host|"
                       r"front)\s*(?:\([^()]{1,30}\))?\s*:)\s*(.+)$", re.IGNORECASE)
# In a 1:1 typed up as a dialogue, the other side's line over the writer's "Me:" is the
# question the answer is to: "Mgr: so walk me through why you blocked the launch", never a
# request ("mentor: can you write it up?"), which states the task
_ASKER = re.compile(r"^\s*(?:mgr|manager|my manager|boss|mentor|skip|skip-level|coach|em|"
                    r"prep buddy|buddy|friend)\s*(?:\([^()]{1,30}\))?\s*:\s*"
                    r"(?!(?:\w+,\s+)?(?:can|could|would|will|pls|please)\b)(.+)$", re.IGNORECASE)
_MY_LINE = re.compile(r"^\s*me\s*(?:\([^()]{1,30}\))?\s*:", re.IGNORECASE)
_ANSWER = re.compile(r"^\s*(?:A\s*\d*|back)\s*[:)-]\s*", re.IGNORECASE)
# "Q (me -> field support, Lena): where are the tractors?", "Q (me, to myself): what's
# different?": a question the writer put to someone while working it out, not an interview's
_ASKED_SOMEONE = re.compile(r"^\s*Q\s*\d*\s*\(\s*(?:me|i)\s*(?:->|→|=>|to\b|,\s*to\b)\s*"
                            r"([^()]{1,40})\)\s*[:.)-]\s*(\S.*)$", re.IGNORECASE)
# "A (tested this myself, borrowed a bench unit): yes": an answer whose aside says how
_ANSWER_ASIDE = re.compile(r"^\s*A\s*\d*\s*\(([^()]{8,160})\)\s*:\s*", re.IGNORECASE)
_MY_ANSWER = re.compile(r"^\s*(?:A\s*\d*\s*[:)-]|(?:me|back)\s*:)\s*", re.IGNORECASE)
_QUESTION_SECTIONS = (
    # "how did you notice?": what the writer first saw is the situation
    ("situation", re.compile(r"\b(?:notice|spot|find out|hear about|discover|come up|first see)\b", re.I)),
    # (not "what did I actually change", "what's the company again")
    ("reflection", re.compile(r"different(?:ly)?\b|\bdiff\b|learn|lesson|takeaway|hindsight|"
                              r"next time|(?:would|'d|’d|should)\s+(?:i|you|we)\s+(?:do|try)\b|"
                              r"(?:do|did|happen)\w* (?:it |that |this )?again|"
                              r"(?:would|'d|’d|should)\b[\w ]{0,20}\bchange", re.I)),
    # "how bad?", "how many users?": the size of the problem
    ("situation", re.compile(r"^\W*how (?:bad|big|much|many|often|widespread|serious)\b", re.I)),
    ("result", re.compile(r"happen|result|outcome|impact|end(?:ed)?\b|after|number|turn(?:ed|s)? out|"
                          r"^\W*what(?:['’]s| has| is)? (?:changed|different now)\b|"
                          r"how did (?:it|that|things) (?:go|land)\b|"
                          r"\b(?:did|does) it (?:work|help|hold|stick)\b", re.I)),
    # "why so many?", "why did it break?": answered by what the writer found out, which is
    # read from the answer itself, not from the question
    ("", re.compile(r"^\W*why\b(?!.*\b(?:matter|care|important|problem)\b)", re.I)),
    ("action", re.compile(r"^\W*(?:the )?(?:fix|solution|approach)\b|\bwhat (?:fixed|helped)\b|"
                          r"\b(?:pick|picked|choose|chose|decide|decided|propose|proposed|"
                          r"suggest|suggested|go with|went with)\b", re.I)),
    ("task", re.compile(r"\bmine\b|my (?:role|job|part|responsib)|own(?:ed|er)?\b|why me|scope|"
                        r"ask(?:ed)? (?:of )?me|goal", re.I)),
    ("action", re.compile(r"\bdid (?:i|you)\b|\b(?:i|you) did\b|\bdo\b|steps|how did", re.I)),
    ("situation", re.compile(r"going on|context|background|problem|situation|wrong|why", re.I)),
)


# A question and its answer on one line: "what would you do differently? -> start earlier"
_INLINE_QA = re.compile(r"^\s*((?:what|how|why|would|did|do|was|were|is|any|biggest|if)\b[^?]{4,100}\?)"
                        r"\s*(?:->|-->|→|=>|:|-|–|—)\s*(\S.*)$", re.IGNORECASE)


def is_question_heading(heading: str) -> bool:
    """Whether a block's heading is an interview's question ("Q: what did you do?", "Host:
    fix?", "Front: result?"), whose answer is the lines under it."""
    return _QUESTION.match(heading) is not None


def _question_section(question: str) -> str | None:
    """The card a self-interview question asks about ("what was going on?" -> situation)."""
    for section, pattern in _QUESTION_SECTIONS:
        if pattern.search(question):
            return section or None
    return section_for_heading(question)


def _first_line(body: str) -> int:
    """The index of the first non-blank line of ``body`` that is not an order to a program."""
    for index, line in enumerate(body.split("\n")):
        if line.strip() and not kb.is_instruction(line):
            return index
    return 0


def _said(blocks: list[Block]) -> bool:
    """Whether any note text came before, not counting an order to a program."""
    return any(not kb.is_instruction(block.text) for block in blocks)


# "[my bit] took the ticket", "[their bit] Gabe reviewed": a tag in brackets that says whose the
# line is. The writer's lines are read as any line is (a line with no subject is the writer's
# step); the others' keep their tag as a label ("their bit: Gabe reviewed").
_WHOSE = r"(?:my|mine|me|their|theirs|them|team|our|us|we|others?|his|her)(?:[ '’-][a-z]+){0,2}"
_WHOSE_WORDS = re.compile(_WHOSE, re.IGNORECASE)
_WHOSE_TAG = re.compile(r"^(?:\[(" + _WHOSE + r")\]|\((" + _WHOSE + r")\))\s*[:-]?\s*(?=\S)",
                        re.IGNORECASE)


# "[context] main was red ~30% of the time", "[result] red time 30% -> ~4%": a tag in brackets
# that names the line's card, read as the label it is ("result: ...")
_CARD_TAG = re.compile(r"^\[([A-Za-z][\w '’-]{0,24})\]\s*[:-]?\s*(?=\S)")


def _whose_tag(line: str) -> str:
    tag = _WHOSE_TAG.match(line)
    if tag is None:
        card = _CARD_TAG.match(line)
        if card is not None and section_for_heading(card.group(1)) is not None:
            return f"{card.group(1)}: {line[card.end():]}"
        return line
    whose = tag.group(1) or tag.group(2)
    if whose.lower().startswith(("my", "mine", "me")):
        # "(me) runbook for the kill switch": the writer's, a thing said as their part
        rest = line[tag.end():]
        return rest if _opens_on_verb(rest) or not rest[:1].islower() else _my_step(rest)
    return f"{whose}: {line[tag.end():]}"


def _lazy(rows: list[str], span: list[int] | None) -> frozenset[int]:
    """The lines of a list item written back at its marker's margin or left of it (a lazy
    continuation), by their offset in the item: "- turned on caching / Kasia set up the
    autoscaling" is a new sentence there, where an indented line carries the item on."""
    if not span or span[1] - span[0] < 2 or span[0] >= len(rows):
        return frozenset()
    first = rows[span[0]]
    margin = len(first) - len(first.lstrip())
    return frozenset(at - span[0] for at in range(span[0] + 1, min(span[1], len(rows)))
                     if rows[at].strip() and len(rows[at]) - len(rows[at].lstrip()) <= margin)


def _lines(text: str, start: int, kind: str,
           lazy: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """A paragraph's lines as blocks. A line starts a new block when it is a heading, a date or
    chat label, or follows a short line (notes jotted one per line); a line that continues a
    wrapped one (a long line, a list item, or one ending in "the", "to"...) is joined to it. A
    list item's line written back at the margin (``lazy``) that opens in capitals, or follows
    a short line, starts a sentence of its own unless the line before was left hanging."""
    out: list[tuple[int, str]] = []
    rows = [_whose_tag(line.strip()) for line in text.split("\n")]
    lengths = [len(row) for row in rows if row]
    widest = max(lengths, default=0)
    # Hard-wrapped prose: every line but the last comes close to the widest. Lines of any length
    # without a sentence end are notes written one a line, each its own block.
    # (lines that stop sentences inside them and run on into the next in lower case are
    # prose, however ragged its right edge: "... and at the start he was" / "nervous about")
    flowing = sum(bool(re.search(r"\w[.!?]\s+[A-Z]", row)) for row in rows) >= 2 \
        and sum(bool(row) and not _SENTENCE_END.search(row) and bool(after[:1].islower())
                for row, after in zip(rows, rows[1:], strict=False)) >= max(2, len(lengths) // 3)
    ragged = len(lengths) >= 3 and kind == "paragraph" and not flowing and \
        sum(length < 0.75 * widest for length in lengths[:-1]) >= 2
    # Lines with no full stop anywhere ("checked the deploy log only thing changed was ...")
    # are thoughts jotted one a line, however long each is.
    bare = len(lengths) >= 2 and kind == "paragraph" \
        and sum(len(row.split()) for row in rows) >= 30 \
        and not any(re.search(r"[.!?;](?:\s|$)", row) for row in rows)
    # Lines that open on dates ("Week 1: ...", "Day 3 - ...") are a log, one entry a line.
    log = sum(bool(_TIME_LABEL.match(row)) for row in rows) >= 2
    # "09:12 security pinged ...", "09:30 I took incident commander": a log kept by the clock
    clocked = sum(bool(_CLOCK_LINE.match(row)) for row in rows) >= 3
    # "3/5 asked to own it", "3/6 pulled the logs": dates that open line after line, not the
    # fractions one line may open on ("2/3 failed")
    dated = sum(bool(_SHORT_DATE.match(row)) for row in rows) >= 2
    # "T+0 (02:40) paged ...", "T+5m I bumped the heap": a timeline kept from the first page
    elapsed = sum(bool(_ELAPSED.match(row)) for row in rows) >= 2
    # "project: ...", "me: ...", "problem: ...", "why i cared: ...": a line a key, however long
    keyed = sum(bool(_KEY_LINE.match(row)) for row in rows) >= 3
    # "me: ~2.5 yrs in / complaint: app shows the bus then it vanishes / vendor said no": notes
    # jotted as fragments between spaced slashes, each a line of its own
    # (a slash inside brackets, "(submitted / in review / approved)", is one aside's)
    slashed = len(split_outside_brackets(text, " / ")) > 3 or bool(rows) and _slash_heading(rows[0])
    # "what i did | weekly pairing w/ Amara | gave her the cache bug": fragments between spaced
    # bars, each its own (a table's row opens on its bar)
    barred = not slashed and sum(len(split_outside_brackets(row, " | ")) - 1 for row in rows
                                 if not row.startswith("|")) >= 3
    cut = " / " if slashed else " | "
    slashed = slashed or barred
    numbered = [(offset, part.strip()) for offset, line in enumerate(rows)
                for part in (split_outside_brackets(line, cut) if slashed else [line])]
    if barred:  # "hiring | our loop was ...": a row's first few words name what follows
        named: list[tuple[int, str]] = []
        for offset, part in numbered:
            opens = not named or named[-1][0] != offset
            if named and named[-1][1].endswith(":") and named[-1][0] == offset:
                named[-1] = (offset, f"{named[-1][1]} {part}")
            else:
                named.append((offset, f"{part}:" if opens and len(part.split()) <= 3
                              and not re.search(r"[\d:.!?]", part) else part))
        numbered = named
    row = ""  # the line before, as written
    for offset, line in numbered:
        if not line:
            continue
        if out and (slashed or keyed and _KEY_LINE.match(line) and not _CHAT.match(line)):
            out.append((start + offset, line))
        elif out and not (offset in lazy and (line[:1].isupper() or _PRONOUN_DEED.match(line)
                                              or len(row) < _SHORT_ITEM)
                          and not _hanging(out[-1][1])) \
                and _joins(out[-1][1], line, kind, widest, ragged=ragged,
                           log=log or dated or elapsed,
                           bare=bare, clocked=clocked, row=row):
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
        else:
            out.append((start + offset, line))
        row = line
    out = [(number, _ENUM.sub("", _NOTES_LABEL.sub("", _FORGOT.sub("", line, count=1), count=1)))
           for number, line in out]
    return [(number, line if _SPEAKER_AT.match(line) else
             _DAY_PREFIX.sub("", _DATE_PREFIX.sub("", _TIME_LABEL.sub(
                 "", _SHORT_DATE.sub("", line, count=1) if dated else
                 _ELAPSED.sub("", line, count=1) if elapsed else line, count=1), count=1),
                 count=1))
            for number, line in out]


# A list item's line shorter than this, with a line back at the margin after it, was jotted one
# a line ("- she wrote the rollback plan, not me" / "stuck orders cleared ~9:30pm"), not wrapped
_SHORT_ITEM = 50
# A line that opens on a person and what they did: "she asked for me on the next migration".
_PRONOUN_DEED = re.compile(r"(?:i|we|he|she|they)\s+(?:\w+ly\s+)?(?:[a-z]{2,}ed|was|were|had|did|"
                           r"said|told|took|got|made|came|went|asked|kept)\b")


_ENDS_ON_ITS_OWN = frozenset({"too", "though", "anyway", "apiece", "either", "again", "instead"})


def _hanging(line: str) -> bool:
    """A line left hanging: it ends on a comma or on a word that needs the next ("of", "the")."""
    words = line.split()
    if len(words) > 1 and (words[-1].lower() in _ENDS_ON_ITS_OWN or (
            words[-1].lower() in ("each", "both", "all") and re.search(r"[\d%]$", words[-2]))):
        return False  # "bumps were 2-4% each", "I did the reviews too": nothing left to say
    if len(words) > 1 and words[-1].lower() in ("me", "him", "them", "us", "it") \
            and words[-2].lower() in ("not", "by", "for", "to", "with", "than", "from", "about"):
        return False  # "she wrote the rollback plan, not me": the person ends it
    return not words or line.rstrip().endswith((",", "-", "+", "&")) \
        or words[-1].lower() in _JOINING or words[-1].lower() in kb.lexicon().function_words \
        or _AUXILIARY_TAIL.search(line.rstrip()) is not None


# "ops had already" / "swapped 2 printers": a helping verb and its adverb wait for the verb
_AUXILIARY_TAIL = re.compile(r"\b(?:had|has|have|was|were|is|are|will|would|could|should|did|"
                             r"do|does)\s+(?:already|just|also|never|not|still|then|finally|"
                             r"actually|even|\w+ly)$", re.IGNORECASE)


def _slash_heading(row: str) -> bool:
    """"next time / should have flagged it in standup": a heading of a few words, then its line
    after a spaced slash (not "The ask / why me: nobody asked", a heading named twice)."""
    head, slash, rest = row.partition(" / ")
    return bool(slash) and len(head.split()) <= 4 and len(rest.split()) >= 5 \
        and ":" not in " ".join(rest.split()[:5]) \
        and bool(_bare_heading(head) or _heading_words(head))


# "edit: forgot - finance later told us ...", "ps forgot to mention: I also wrote the runbook":
# the writer adding to their notes, not a step of the story
_FORGOT = re.compile(r"^\W*(?:(?:edit|update|upd|ps|p\.s\.|nb|oh|also|and)\s*[:,]?\s*)?(?:I\s+)?forgot"
                     r"(?:\s+(?:to\s+(?:say|mention|add|write|note)(?:\s+(?:this|that|it))?|one thing|this|"
                     r"that|(?:the|a)\s+[\w /-]{1,30}?\s+(?:part|bit|detail|thing)))?\s*(?:[-–—:,]+|\.\.\.)\s*"
                     r"(?=\S)", re.IGNORECASE)

# "My follow-up notes: in the two weeks after ...": the writer's notes on their notes, no fact;
# "added 6 wks later, for the story: flake rate 14% -> 1.8%": when the line was written
_NOTES_LABEL = re.compile(r"^\W*(?:added\s+(?:[\w~]+\s+){0,3}?(?:later|after(?:wards)?)\b[^:\n]{0,30}:"
                          r"\s*(?=\S)|"
                          r"(?:my\s+(?:(?:follow-?up|later|own|side|extra)\s+)?|(?:follow-?up|later|"
                          r"side|extra|after-?the-?fact)\s+)notes?(?:\s+(?:after|afterwards|later|"
                          r"since))?\s*:\s*(?=\S))", re.IGNORECASE)

# "(4) wrote the write-up": a number in brackets that opens a line numbers it, like "4."
_ENUM = re.compile(r"^\(\d{1,2}\)\s+(?=\S)")


# A speaker and the time they said it ("jun (7:50): good call"): a chat line, even where the
# name is also a month's.
_AT_TIME = r"\(\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*\)"
_SAID_AT = re.compile(r"\s*" + _AT_TIME, re.IGNORECASE)
_SPEAKER_AT = re.compile(r"^\s*[A-Za-z][\w.'-]{1,20}\s*" + _AT_TIME + r"\s*:", re.IGNORECASE)


def _joins(previous: str, line: str, kind: str, widest: int, *, ragged: bool,
           log: bool, bare: bool = False, clocked: bool = False, row: str = "") -> bool:
    """Whether ``line`` is joined to the line before it. In a log, a line that opens in
    capitals starts a new entry; in notes written one a line, only a line the one before left
    hanging ("... and", "... of the", "... ,") carries on. In lines with no full stop anywhere
    ("checked the deploy log only thing changed was ..."), each line is a thought of its own
    unless it was left hanging."""
    last = previous.split()[-1].lower()
    dangling = last in _JOINING
    if len(row) > _WIDEST_WRAP and not dangling and not row.endswith(",") \
            and not _SENTENCE_END.search(row):
        return False  # no editor wraps a line this long (``row``, the line before): the
        # writer ended it there
    named = _LINE_LABEL.match(line)
    if named and not dangling and not previous.rstrip().endswith(",") \
            and strict_section(named.group(1)) is not None:
        return False  # "result: ... closed the escalation" / "diff next time: check the logs":
        # a line that opens on its card's name starts that card, whatever ended the one before
    if _ARROW_ITEM.match(line) and (_ARROW_ITEM.match(previous) or not _hanging(previous)):
        return False  # "-> rolled to 100%": lines that open on an arrow are a list's items
    if _subject_then_deed(previous, line):
        return True  # "the data platform team (Sung-min's)" / "built the hourly rollup"
    mine = re.match(r"I\s+(?:\w+ly\s+)?(\w+)", line)
    if mine and last in ("this", "that", "it", "them", "him", "her", "these", "those") \
            and past_word(mine.group(1)):
        return False  # "... to the checklist after this" / "I added point-in-time joins"
    if not dangling and not _hanging(previous) and _ends_on_clause(previous) \
            and _opens_own_clause(line):
        return False  # "Declan wanted it out before the freeze" / "I owned the eval pipeline":
        # a line that says all it needs, then one that opens a clause of its own
    if bare and not dangling and not previous.endswith(",") \
            and line.split()[0].lower() not in _JOINING and not _bare_heading(line):
        return False
    if log and not (line[:1].islower() or dangling):
        return False
    said = line.split()
    if (log or clocked) and not dangling and not previous.endswith(",") and len(said) > 2 \
            and said[0].isalpha() and said[0].lower() not in kb.lexicon().function_words \
            and not past_word(said[0]) and past_word(said[1].strip(",.;:")):
        return False  # "mgr asked if we should wait": someone's entry of its own, in a log
    if ragged and not dangling and last not in kb.lexicon().function_words \
            and not previous.endswith(",") and line.split()[0].lower() not in _JOINING:
        return False
    return _continues(previous, line, kind, widest)


_ARROW_ITEM = re.compile(r"^\s*(?:->|=>|→|⇒|>>)\s")
_LINE_LABEL = re.compile(r"([A-Za-z][\w'’ -]{1,30}?)\s*:\s+\S")  # "diff next time: check ..."
_SUBJECT_START = re.compile(r"(?:the|our|my|their|his|her|a|an|(?-i:[A-Z][a-z]+))\b", re.IGNORECASE)
_AND_THEN = re.compile(r"(?:and|then|but|and then)\s+(\w+)", re.IGNORECASE)


def past_word(word: str) -> bool:
    """"built", "migrated": a past form (not "red")."""
    word = word.lower()
    return (len(word) > 3 and word.endswith("ed")) or word in kb.lexicon().irregular_past


def _subject_then_deed(previous: str, line: str) -> bool:
    """A sentence broken over lines, the way a poem is: a line that is only its subject ("the
    data platform team (Sung-min's)") and the next that says what it did ("built the hourly
    rollup"), or a step and the line that goes on with "and ran ...", are one sentence."""
    if _SENTENCE_END.search(previous) or previous.rstrip().endswith(":") or not line.split():
        return False
    words = previous.split()
    first = line.split()[0]
    if line[:1].islower() and past_word(first) and _SUBJECT_START.match(previous) \
            and not re.search(r"[\d*_#]", previous) and not _TIME_LABEL.match(previous) \
            and not _time_heading(previous) \
            and not _bare_heading(previous) and not _loose_heading(previous) \
            and len(words) <= 6 and not any(past_word(w) or w.lower() in kb.lexicon().linking_verbs
                                            for w in words):
        return True
    carried = _AND_THEN.match(line)
    return carried is not None and line[:1].islower() and past_word(carried.group(1)) \
        and re.match(r"I\s+\w+", previous) is not None


_CLAUSE_CUT = re.compile(r"[.!?;:,()]\s|\s(?:and|but|so|or|because|while|when|until|that|which|"
                         r"who|then|if)\s", re.IGNORECASE)


_AWAITING = frozenset({"is", "are", "was", "were", "be", "been", "being", "had", "has", "have",
                       "got", "get", "getting", "became", "become", "would", "will", "could",
                       "should", "can", "must", "did", "does", "do", "to", "not", "never"})


def _ends_on_clause(previous: str) -> bool:
    """Whether the line's last clause has its verb ("6 are the usual suspects", "upstream merged
    my patch ~6 weeks later"), not only its subject ("and Priya eventually")."""
    words = _CLAUSE_CUT.split(previous)[-1].split()
    lexicon = kb.lexicon()
    if words and words[-1].lower().strip(",.;:") in _AWAITING:
        return False  # "Ravi's team had" / "shipped the deploy": the verb goes on below
    return len(words) >= 2 and any(  # (not "need", "speed": "-eed" is no past form)
        past_word(word.strip(",.;:()")) or word.lower() in lexicon.linking_verbs
        for word in words if not word.lower().strip(",.;:()").endswith("eed"))


def _opens_own_clause(line: str) -> bool:
    """Whether the line opens a clause of its own: "I owned ...", "also added ...", "customer
    bought ...", "Tomasz from platform added ..."."""
    words = line.split()
    if len(words) < 2:
        return False
    pronoun = re.match(r"(?:I|he|she|they|we)\s+(?:had |have |also |then |just |finally )?(\S+)",
                       line)
    if pronoun:
        return past_word(pronoun.group(1).strip(",.;:"))
    lead = re.match(r"(?:(?:also|then|and then|finally|eventually|later)\s+)(\S+)", line,
                    re.IGNORECASE)
    if lead:
        return past_word(lead.group(1).strip(",.;:"))
    function = kb.lexicon().function_words
    first = words[0].lower().strip(",.;:")
    if not words[0][:1].isalpha():
        return False
    if past_word(first):  # "asked in the web-qa channel": the writer's step, "I" left out
        return words[1].lower() not in ("by", "as", "to")  # not "used by 3 teams"
    if first in function or not first.isalpha():
        return False
    # a subject of a word or a name "from" its team, then what it did
    subject = 1
    if len(words) > 3 and words[1].lower() in ("from", "on", "in") and words[0][:1].isupper():
        subject = 3
    return len(words) > subject + 1 and past_word(words[subject].strip(",.;:")) \
        and words[subject].lower() not in kb.lexicon().linking_verbs


def _continues(previous: str, line: str, kind: str, widest: int = 0) -> bool:
    """Whether ``line`` carries on the sentence of the line before it. A hard-wrapped line
    comes close to the paragraph's widest line; one well short of it ended where the writer
    ended it (one note a line)."""
    if _bare_heading(line) or _CHAT.match(line) or _TIME_LABEL.match(line) or _ENUM.match(line) \
            or _DATE_PREFIX.match(line) \
            or _MARK_BULLET.match(line) \
            or _CLOCK_LINE.match(line) or _STAR_LINE.match(line) \
            or kb.is_instruction(line) or kb.is_instruction(previous) \
            or _bare_heading(previous) or _CHAT.match(previous) \
            or (_loose_heading(previous) and line[:1].isupper()) \
            or _CHAT_INTRO.match(previous):
        return False
    if _SENTENCE_END.search(previous):
        return False
    last = previous.split()[-1].lower() if previous.split() else ""
    long = len(previous) >= _WRAPPED and len(previous) >= 0.8 * widest
    wrapped = long or kind not in ("paragraph", "quote") or last in kb.lexicon().function_words
    label = _LABEL.match(line)
    short_label = label is not None and (len(line.split(":")[0].split()) <= 2
                                         or strict_section(label.group(1)) is not None)
    # ("what I'd change: ..." opens a card of its own after "... as you do it")
    return wrapped and not (len(previous) < _WRAPPED and _LABEL.match(line)) \
        and not short_label and not _QUESTION.match(line) and not _ANSWER.match(line)


_BEFORE_THAT = re.compile(r"(?:(?:and|even|just) )?(?:before|prior to) (?:all )?(?:of )?(?:that|this|then|it)|"
                          r"(?:even )?earlier(?: still| on)?")


_BEFORE_LABEL = re.compile(r"^\s*(?:" + _BEFORE_THAT.pattern + r")\s*:\s*(?:[\w'’ -]{1,25}\.\s+)?(\S.*)$",
                           re.IGNORECASE | re.DOTALL)


# A label naming things found, never steps: "same few causes: fixed sleeps, shared test data",
# "root causes: hardcoded timeouts"
THINGS_FOUND = frozenset({"causes", "culprits", "reasons", "suspects", "symptoms", "offenders",
                          "findings", "issues", "problems", "bugs", "patterns", "themes",
                          "smells", "gaps"})
_SAID_OF_LABEL = re.compile(r"\s+(?:as i (?:remember|recall) it|from memory|for (?:future|later) me|"
                            r"for (?:my )?future self|for later|for context|roughly|in short|"
                            r"in brief|in a nutshell|tl;?dr)$", re.IGNORECASE)


# "what I wrote", "what I pushed for": a heading over the writer's own steps
_WHAT_I_DID = re.compile(r"what i (?:then |also |finally )?([a-z]+)(?: (?:up|out|on|for|with|in|"
                         r"through|about it|next|instead|first))?")
# What the writer knew, found or felt, or what was done to them, never a step
_NOT_DOING = frozenset({
    "learned", "learnt", "found", "noticed", "saw", "realised", "realized", "missed", "knew",
    "thought", "felt", "expected", "assumed", "heard", "owned", "inherited", "was", "were", "had",
    "wanted", "needed", "got", "liked", "loved", "hated", "enjoyed", "regretted", "wished",
    "believed", "guessed", "suspected", "feared", "worried", "meant", "forgot", "overlooked",
    "underestimated", "overestimated", "misjudged", "discovered", "observed", "understood",
    "signed", "took", "agreed", "promised", "committed", "said", "told", "asked",
})


# "Slide 5 - What I'd do differently", "Part 2: what I did": a deck's or document's numbered
# part, then the card it holds
_NUMBERED_PART = re.compile(r"^\s*(?:slide|page|part|section|chapter)\s+\d{1,2}\s*[-–—:.)]\s*",
                            re.IGNORECASE)


def strict_section(label: str) -> str | None:
    """The section a whole label names ("Impact", "What I'd change"), or None when the label is
    content that merely holds a section word ("shipped the fix")."""
    # "Situation as I remember it", "context for future me": the card named, and a word on it
    label = _SAID_OF_LABEL.sub("", _NUMBERED_PART.sub("", label.strip(), count=1))
    parts = [part for part in re.split(r"\s+/\s+|\s*\+\s*|\s+&\s+", label) if part.strip()]
    if len(parts) > 1:  # "Learnings / what I'd change": one section named twice
        named = {strict_section(part) for part in parts}
        return named.pop() if len(named) == 1 else None
    words = [word for word in re.sub(r"[^\w\s'’]", " ", label.lower()).replace("’", "'").split()
             if word not in _LABEL_ADVERBS]  # "what I actually did" is "what I did"
    if " ".join(words) in kb.section_headings():  # "my bit", "the mess": listed whole
        return section_for_heading(" ".join(words))
    while words and words[0] in _LEAD_WORDS:
        words = words[1:]
    if not words or len(words) > 7:
        return None
    folded = " ".join(words)
    if folded in ("end", "ending", "at the end"):  # "END: one routing engine instead of three"
        return "result"
    if _BEFORE_THAT.fullmatch(folded):  # "BEFORE THAT: the proposal": notes told backwards, each
        return None                     # part placed by what it says, not as the before-state
    heads = kb.section_headings()
    opens = any(" ".join(words[:size]) in heads for size in range(2, len(words)))
    first = len(words) > 1 and words[0] in heads and words[1] in ("first", "up", "summary")
    if len(words) > 5 and not opens and not first:
        return None  # "what I did week to week" opens on a heading; a long label otherwise not
    if first:  # "Result first because I always bury it": the card, said first
        return section_for_heading(words[0])
    if words[0] in ("stuff", "things", "bits") and len(words) > 2 \
            and " ".join(["what", *words[1:]]) in heads:
        return section_for_heading(" ".join(["what", *words[1:]]))  # "stuff I got wrong"
    found = section_for_heading(folded)
    if found is None:
        done = _WHAT_I_DID.fullmatch(folded)
        verb = done.group(1) if done else ""
        if verb and verb not in _NOT_DOING and past_word(verb):
            return "action"  # "what I set up", "what I wrote": the writer's steps, however said
        return None
    return found if folded in heads or (len(words) <= 2 and words[0] in heads) or opens \
        or len(words) == 1 and len(folded) <= 4 else None


# The writer's role said in a heading's aside: "(I was the senior eng on my team)".
# A heading's aside that is the writer's title: "my part (principal on ML platform, ...)"
_TITLE_ASIDE = re.compile(r"\(((?:the\s+|a\s+|an\s+)?(?:senior|sr\.?|junior|jr\.?|staff|principal|"
                          r"lead|tech lead|tl|new grad|intern|sde\s?[1-3i]+|em|eng manager|"
                          r"engineering manager|only senior|on-?call|ic)\b[^()]{0,120})\)\s*:?\s*$",
                          re.IGNORECASE)
_ROLE_ASIDE = re.compile(r"\(((?:I was|I'm|I am|as (?:the|a|an)) [^()]{3,120})\)\s*:?\s*$",
                         re.IGNORECASE)


# The columns of a retro board ("Went well", "Didn't go well", "Try next", "Good / Bad / Ugly"):
# each holds steps, findings and outcomes alike, so each line under one is placed by what it
# says, not by the column.
_MIXED_HEADING = re.compile(
    r"(?:(?:what|things that|stuff that)\s+)?(?:went (?:well|ok|okay|badly|wrong|poorly)|"
    r"didn['’]?t go (?:well|so well)|did not go well|didn['’]?t)|(?:things\s+)?to try|"
    r"try next(?: time)?|puzzles|liked|lacked|"  # a "Liked / Learned / Lacked" retro
    r"(?:the\s+)?(?:good|bad|ugly)(?:\s+(?:stuff|parts?|bits?))?", re.IGNORECASE)
MIXED = "mixed"  # a heading's section when it is a retro column


def _mixed_heading(text: str) -> bool:
    return _MIXED_HEADING.fullmatch(text.strip().rstrip(":").strip()) is not None


_TLDR = re.compile(r"^\W*tl\s*;?\s*dr\b[\s:.)\-–—*]*(?=\w)", re.IGNORECASE)


def _bare_heading(line: str) -> str | None:
    """A line that is only a section heading written without "#" ("outcome", "Impact:"), or a
    retro board's column (``MIXED``)."""
    text = _NUMBERED_PART.sub("", line.strip().rstrip(":").strip(), count=1)
    if _mixed_heading(text):
        return MIXED
    # "Situation (writing it last bc I keep forgetting)": a heading with an aside after it
    text = re.sub(r"^(\w[\w' ]{1,30}?)\s*\([^()]{1,120}\)$", r"\1", text)
    if not text or _SENTENCE_END.search(text) or len(text.split()) > 5:
        return None
    if text.lower() == "me":
        return "task"  # "Me" on its own line: the writer's role follows
    if _NOW_HEADING.fullmatch(text):
        return "result"  # "Now (2023)" on its own line: how things are since
    return strict_section(text)


_LOOSE_HEADING = re.compile(r"^(?:how|what|why|where|when|who|timeline|background|details|notes|misc|"
                            r"extra|other|side notes?|the story|story|more|later|afterwards)\b",
                            re.IGNORECASE)


_DAY = (r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|\.)?|(?:wednes|satur)day|"
        r"today|tonight|yesterday|tomorrow")
_PART_OF_DAY = r"(?:(?:early|late|mid)[- ]?)?(?:morning|afternoon|evening|night|midday|noon|later)"
_TIME_HEADING = re.compile(
    r"(?:(?:the\s+)?(?:next|following|same)\s+(?:day|morning|afternoon|evening|night|week|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:" + _DAY + r")(?:,?\s+" + _PART_OF_DAY + r")?|" + _PART_OF_DAY +
    r"|(?:week|wk|day|sprint|phase|month)\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
    r"|(?:release|launch|crunch|cutover|migration|incident|go-live|first|last|final|that|"
    r"this|the)\s+(?:week|day|night|weekend|morning)"
    r"|after|afterwards|later|then|before|aftermath|after that"
    # a date: "Jun 17", "March 3rd", "3 Mar", "3/14", "2024-03-14", "Mon Jun 3"
    r"|(?:(?:" + _DAY + r"),?\s+)?(?:(?:" + MONTH + r")\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\s+(?:"
    + MONTH + r"))(?:,?\s+\d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE)


def _time_heading(line: str) -> bool:
    """A line that only says when ("sat morning", "fri, later", "Day 3", "the next week"): a
    heading for the entries under it, never a step ("sat" is no verb here)."""
    text = line.strip().rstrip(":").strip()
    bare = re.sub(r"\s*\([^()]{1,25}\)$", "", text)  # "Day 1 (Tue)": the day, and its weekday
    return _TIME_HEADING.fullmatch(text) is not None or (
        bare != text and _TIME_HEADING.fullmatch(bare) is not None)


_LESSON_WORDS = re.compile(r"\b(?:learn\w*|lessons?|takeaways?|take (?:from|away)|"
                           r"(?:would|i'?d|i'?ll|to) do (?:it |things )?(?:differently|diff)|"
                           r"next time|hindsight|regrets?|would change|i'?d change|notes? to self|"
                           r"questions? (?:to|for) (?:self|myself)|open questions|what stuck|"
                           r"what sticks|sticks with me|stuck with me|"
                           r"(?:would|i'?d) do (?:it |that )?again|do again\b.{0,12}\bnot)\b")
_HEADING_WORDS = (
    ("action", re.compile(r"\b(?:what i (?:did|do|built|changed|drove|shipped|tried)|how i (?:did|fixed|"
                          r"handled|got|went)|how (?:it|we) got there|my steps|digging|dug in|"
                          r"investigat\w*)\b")),
    ("reflection", _LESSON_WORDS),
    ("result", re.compile(r"\b(?:results?|outcomes?|impact|how it (?:ended|landed|went|played out|turned out)|"
                          r"where it (?:landed|stands|ended)|numbers|payoff|end state|final state|"
                          r"where (?:it|we|things) ended up)\b")),
    ("task", re.compile(r"\b(?:my (?:role|job|part in it|remit)|the ask|why me|why it was mine|why i cared?|"
                        r"(?:the|my|our) plan|plan as|what i planned|about me)\b")),
    ("situation", re.compile(r"\b(?:context|background|the problem|what was wrong|setup|backstory)\b")),
)


def _heading_words(line: str) -> str | None:
    """The section a heading in the writer's own words names by a word it holds ("what I'd take
    from it", "how it landed"), or None."""
    text = line.lower().replace("’", "'")
    return next((name for name, words in _HEADING_WORDS if words.search(text)), None)


_HEADING_ASIDE = re.compile(r"\s*\((?![^()]*(?:\d|\bI\b|\bI['’]m\b|\bas an?\b|senior|lead|"
                            r"junior|sde|\beng\b|engineer|principal|staff|intern|new grad))"
                            r"[^()]{1,60}\)", re.IGNORECASE)


_NAMED_HEADING_WORDS = 10
# A few words naming the list below, with the writer's own words in an aside before the colon.
_TOLD_HEADING = re.compile(r"^\s*([A-Za-z][\w'’ -]{1,30}?)\s*\("
                           r"((?:I|I['’]ve|I['’]d|my|[a-z]+ed|(?-i:[a-z]+))\s[^()]{8,200})\)"
                           r"\s*:?\s*$")


def _loose_heading(line: str) -> bool:
    """A short first line that names what follows without naming a section ("How we got
    there", "What I did differently this time", "my notes after:"): a heading, not a sentence
    of the story."""
    # "plan as I wrote it in March (copying from my own doc):" is a heading; an aside that
    # says who the writer was or how much ("(I was tech lead, 7 engineers)") is content
    text = _HEADING_ASIDE.sub("", line.strip().rstrip(":")).strip()
    parted = _NUMBERED_PART.match(text)
    if parted and 0 < len(text[parted.end():].split()) <= 6 \
            and not _SENTENCE_END.search(text) and not re.search(r"[.!?;]\s", text):
        return True  # "Slide 2 - The bet": a deck's part by its name
    named = line.strip().endswith(":") and _heading_words(text) is not None
    asked = line.strip().endswith(":") and len(text.split()) <= 12 and not re.search(r"[\d.!?;]", text) \
        and re.match(r"(?:what|how|why|where|when|things|stuff)\s+(?:I|you|we|they|it|the|that|"
                     r"went|[a-z]+ed)\b", text, re.IGNORECASE) is not None \
        and not re.search(r"\b(?:by|via|using|through|from|with)\b", text, re.IGNORECASE)
    if asked:
        return True  # "What you actually did, so you remember it worked:" over its list
    if not text or len(text.split()) > (_NAMED_HEADING_WORDS if named else 7) \
            or _SENTENCE_END.search(text) or re.search(r"\d", text) \
            and not (line.strip().endswith(":") and _NAMED_SPAN.fullmatch(text)):
        return False  # "End state first b/c thats how I remember it:" names what follows
    colon = line.strip().endswith(":") and not _CHAT.match(line) and (
        len(text.split()) <= 4 or _heading_words(text) is not None)  # "plan as I wrote it:"
    named = len(text.split()) <= 3 and text[:1].isupper() and line.strip() == text \
        and not _opens_on_verb(text) and not re.match(r"(?:I|We|My|Our)\b", text) \
        and (all(re.fullmatch(r"[A-Za-z][a-z'’-]*", word) for word in text.split())
             or all(re.fullmatch(r"[A-Z][A-Z'’-]+", word) for word in text.split()))  # "OTHERS"
    return colon or named or _LOOSE_HEADING.match(text) is not None  # "Growth areas"


_NOT_PHASE = frozenset({"i", "i'm", "i've", "we", "we're", "my", "our", "me", "he", "she", "they",
                        "it", "the", "a", "an", "this", "that", "then", "and", "but", "so"})


_FINITE = frozenset({"was", "were", "is", "are", "am", "had", "has", "have", "did", "does", "do",
                     "will", "would", "could", "should", "can", "been", "isn't", "wasn't", "won't"})


def _short_parent(line: str) -> bool:
    """"landing", "de-risked" over their own sub-lists: a word or two naming the items below,
    no fact of their own."""
    words = line.strip().rstrip(":").split()
    return 0 < len(words) <= 2 and all(re.fullmatch(r"[A-Za-z][a-z]*(?:-[a-z]+)*", w) for w in words) \
        and words[0].lower() not in _NOT_PHASE


def _lesson_heading(line: str) -> bool:
    """"would do again / not" over its own sub-list: a few words naming the lessons below."""
    text = line.strip().rstrip(":").strip()
    return len(text.split()) <= 6 and not _SENTENCE_END.search(text) \
        and _LESSON_WORDS.search(text.lower()) is not None


def _phase_heading(line: str) -> bool:
    """A numbered list item over its own sub-list that names a phase in a few words of a plan
    ("1. figure out if the bigger idea was real", "3. get it funded"): the heading of the steps
    under it. A step done ("wrote the migration script" over its details) is not."""
    text = line.strip().rstrip(":").strip()
    words = text.lower().split()
    if not words or len(words) > 8 or _SENTENCE_END.search(text) or re.search(r"[\d,;(]", text):
        return False
    first = words[0]
    lexicon = kb.lexicon()
    if any(w in _FINITE or w in lexicon.linking_verbs for w in words):
        return False  # "teams were each patching their own scripts": a sentence
    return first not in _NOT_PHASE and not first.endswith("ed") \
        and first not in lexicon.irregular_past and first.isalpha()


# Words that name a page of notes: a first line holding one in its first words says what the
# notes are ("On-call log, notif-dispatch queue, Thu night"), not what happened
_NOTES_TITLE = re.compile(r"\b(?:notes?|retro|retrospective|log|q&a|catch-?up|recap|journal|diary|"
                          r"write-?up|brain ?dump|post-?mortem|debrief)\b(?![-/])", re.IGNORECASE)


_STOPS = ",.;:()"


def _tells_a_deed(words: list[str]) -> bool:
    """Whether a past or finite verb is among ``words`` ("wrote", "wasn't", "is"): a line that
    tells what happened, not one that names a part of the notes."""
    return any(past_word(w.strip(_STOPS)) or w.lower().strip(_STOPS) in _FINITE for w in words)


def _list_name(text: str) -> bool:
    """A few words that name the list under them ("My follow-ups", "Timeline (all times PT,
    Tue Oct 8)", "Impact"): no verb, no figure outside brackets, no sentence end."""
    bare = re.sub(r"\s*\([^()]*\)", "", text).strip().rstrip(":")
    words = bare.split()
    asides = " ".join(re.findall(r"\(([^()]*)\)", text))
    return 0 < len(words) <= 4 and not re.search(r"[\d.!?;,]", bare) \
        and not re.search(r"\b(?:not|no|never|nobody|none)\b", bare, re.IGNORECASE) \
        and not any(past_word(w.strip(_STOPS)) for w in asides.split()) \
        and not re.search(r"\d(?!\d*\s*(?:am|pm)\b)[^,]*\b(?:ahead|before|after|deadline)", asides) \
        and not re.match(r"I\b", bare) and not _opens_on_verb(bare) and not _tells_a_deed(words)


# A first line that names a topic, then a dash and what it was: "Security patch - XML parser
# CVE", "Holiday capacity call - why I pushed back on the forecast"
_DASH_TITLE = re.compile(r"^(?P<topic>[^.!?:–—]{3,50}?)\s+(?:-{1,2}|–|—)\s+(?P<rest>[^.!?;]{3,100})\.?$")
# "Flaky test thing.", "Okay so, the deletion thing": a topic said the way one starts talking
_THING_TITLE = re.compile(r"^(?:ok(?:ay)?,?\s+|so,?\s+)*(?:the\s+|that\s+)?[\w -]{2,40}\s+thing\.?$",
                          re.IGNORECASE)


def _is_title(text: str, tokens: list[Any], index: int, more: bool = False) -> bool:
    """A short first line with no sentence ending, followed by more notes, is the title
    (``more``: lines of its own paragraph follow it)."""
    if _bare_heading(text):
        return False
    words = text.split()
    dashed = _DASH_TITLE.match(text)
    rest = re.sub(r"\b(?:why|how|what|when) (?:I|we)\b.*$", "", dashed.group("rest")) if dashed else ""
    if _THING_TITLE.match(text) or dashed and len(dashed.group("topic").split()) <= 6 \
            and not re.search(r"\d|\bI\b|\bI['’]|n['’]t\b", rest) and not _tells_a_deed(rest.split()) \
            and len(words) <= 20 and not _tells_a_deed(dashed.group("topic").split()) \
            and not re.match(r"(?:I|we)\b", dashed.group("topic"), re.IGNORECASE):
        # "Security patch - XML parser CVE", "Flaky test thing": what the notes are about
        return more or any(t.type == "inline" for t in tokens[index + 1:])
    opening = " ".join(words[:6])
    notes_word = _NOTES_TITLE.search(opening)
    if len(words) <= 20 and notes_word and not re.search(r"[.!?;]\s+\S|\bI\b|\bI['’]", text) \
            and not _tells_a_deed(opening[:notes_word.start()].split()):  # not "wrote the write-up"
        # "Fraud scoring drift -- retro (my own notes, not the team doc)", "Notes from my
        # catch-up with Dana (my manager), plus what happened after": what the notes are
        return more or any(t.type == "inline" for t in tokens[index + 1:])
    if _SENTENCE_END.search(text) or len(words) > 9 or ":" in text:
        # "Checkout redesign launch, spring.", "Backfills: before -> after": a few words and
        # no verb, on a line of their own, still name the story
        named = text.rstrip(".").rstrip()
        if len(words) > 6 or _SENTENCE_END.search(named) or named.count(":") > 1 \
                or named.endswith(":") or re.match(r"(?:to|from|cc|bcc|date|sent)\s*:", named,
                                                   re.IGNORECASE) \
                or any(past_word(w.strip(",.:;")) or w.lower().strip(",.:;") in _FINITE
                       for w in words) \
                or re.search(r"\b(?:I|I['’]m|we|my|our)\b", named) or re.search(r"\d", named):
            return False
    return any(t.type == "inline" for t in tokens[index + 1:])


def _before_code(line: str) -> str:
    """A line that hands over to the code below it ("... on every new connection, and our pool
    has:") ends where its own words end: the clause cut short by the code is left out."""
    cut = re.search(r"(?:,\s+(?:and|but|so|where|which)\s+|;\s+)[^,;.]{1,60}:\s*$", line)
    return line[:cut.start()].rstrip() + "." if cut else line


_BOLD_LABEL = re.compile(r"\s*\*\*([^*\n]{1,50}?)\*\*")


def _bold_label(raw: str, text: str) -> str:
    """"**What I learned.** trust the segment", "**Result** - losses down": a bold label ended by
    a stop or a dash is a label."""
    bold = re.match(r"\s*\*\*([^*\n]{1,50}?)\*\*", raw)
    if bold is None:
        return text
    label = bold.group(1).strip()
    if label.endswith(".") and text.startswith(label):
        return label[:-1] + ":" + text[len(label):]
    dash = re.match(re.escape(label) + r"\s+[-–—]\s+(?=\S)", text)
    if dash and not label.endswith((":", "-")):  # "**Result** - losses down to ~$9K"
        return label + ": " + text[dash.end():]
    return text


# A heading of its own that says how things are now, after the notes' "Then" ("Now (2023)",
# "Where we are today"); as a line's label ("Now: I wrote a validator"), a pair's half
_NOW_HEADING = re.compile(r"(?:now|where we are today|as of today)(?:\s*\([^()]{1,20}\))?",
                          re.IGNORECASE)


_SUB_HEADINGS = frozenset({"h3", "h4", "h5", "h6"})  # a card's sub-headings: "### Day 2"


def _heading_section(text: str) -> str | None:
    """The card a "#" heading names, if any."""
    if _mixed_heading(text):
        return None  # "## what went well": a retro column, each line placed by what it says
    # a long heading names a card only when it opens on one ("What I did and why"), not when
    # one is somewhere in it ("Postmortem: ranking model v14 rollback (my part)")
    # ("would change": a card named in the writer's own words)
    found = (section_for_heading(text) or _heading_words(text)) if len(text.split()) <= 4 \
        else strict_section(text)
    if found is None and _NOW_HEADING.fullmatch(text.strip(" #*:")):
        found = "result"  # "Now (2023)" over the lines of how things are since: the outcome
    if found is None and text.rstrip().endswith("?") and len(text.split()) <= 10:
        found = _question_section(text)  # a self-review form's "How did you collaborate?"
    return found


# Words that open a lesson in a label, besides the lesson words a heading holds: "what i'd
# tell myself:", "The bit I keep coming back to:", "If redoing it:".
_LESSON_LABEL = re.compile(
    r"\b(?:reflect\w*|looking back|in retrospect|tell myself|(?:keep )?coming back to|"
    r"took (?:from|away)|redo(?:ing)?(?: it)?|(?:do|doing|did) it (?:again|over)|do-?over|"
    r"(?:do|done) (?:it )?(?:differently|diff))\b|"
    r"^(?:the |my )?(?:miss|misses|mistakes?)(?: on my side| i made)?$|"
    r"^what i (?:got wrong|messed up|missed|dropped)$|^where i (?:messed up|went wrong|slipped)$")


_STAR = frozenset({"situation", "task", "action", "actions", "result", "results", "reflection"})


# A label naming the part of the work that was the writer's: "follow up I owned:", "the bits I
# did myself:", "stuff i personally fixed:"
_MY_PART_LABEL = re.compile(
    r"(?:the\s+|my\s+)?(?:follow[- ]?ups?|parts?|bits?|stuff|things?|work|fix(?:es)?|pieces?|steps?|"
    r"changes?)\s+(?:that\s+)?i\s+(?:\w+\s+)?(?:owned|did|built|drove|led|handled|wrote|shipped|"
    r"fixed|ran|made|changed|took on)(?:\s+myself)?|my (?:commit|pr|patch)")


def _opens_on_verb(text: str) -> bool:
    """Whether a phrase opens on a verb ("wrote a parser", "add a cache"), not on a thing."""
    first = text.split()[0].lower().strip(",.;:") if text.split() else ""
    lexicon = kb.lexicon()
    return first.endswith("ed") or first in lexicon.irregular_past or first in lexicon.base_past


_SPAN = (r"(?:~|about |approx\.? |roughly )?(?:a|an|one|two|three|four|five|six|a few|a couple(?: of)?|"
         r"several|\d+(?:\.\d+)?|\d+\s*-\s*\d+)\s*(?:-\s*)?"
         r"(?:yrs?|years?|mos?|months?|wks?|weeks?|days?|d|w|m|y|h|hrs?|hours?|quarters?|sprints?)")
_SPAN_LABEL = re.compile(rf"^\s*(after {_SPAN}(?: later)?|within {_SPAN}|{_SPAN} (?:later|on|after))"
                         r"\s*:\s+(\S.*)$", re.IGNORECASE | re.DOTALL)


# "after ~2 months:" over a list: when what the list holds was seen, naming it like "a year later:"
_SPAN_HEADING = re.compile(rf"(?:after {_SPAN}(?: later)?|within {_SPAN}|{_SPAN} (?:later|on|after))",
                           re.IGNORECASE)
# A card's own word and a span: "result after ~18 months: ...", "impact 6 weeks later: ..."
_HEAD_SPAN_LABEL = re.compile(rf"^\s*([A-Za-z]+)\s+({_SPAN_HEADING.pattern})\s*:\s+(\S.*)$",
                              re.IGNORECASE | re.DOTALL)
# A few words and a span: "Numbers after ~3 months", "where it stood 6 weeks later"
_NAMED_SPAN = re.compile(rf"(?:[A-Za-z][\w'’-]*\s+){{0,3}}{_SPAN_HEADING.pattern}", re.IGNORECASE)


# The outcome, told first: "result up top", "outcome first (it's what people ask)"
_FIRST_SAID = re.compile(r"(?:the |end )?(?:results?|outcomes?|impact)\s+(?:first|up top|up front|"
                         r"upfront|at the top)\b")


_ARROW_LABEL = re.compile(r"^\s*([A-Za-z][\w '’/&]{0,40}?)\s*(?:->|=>|→)\s+(\S.*)$", re.DOTALL)
_OTHERS_WORDS = frozenset({"others", "other people", "the others", "team", "the team", "them",
                           "everyone else", "not me", "their part", "theirs"})


# When a line happened, said before its arrow: "Feb -> mapped every ingestion path", "Q3 2024
# ->", "W14 ->", "Day 3 ->", "2021 ->"
_WHEN_WORDS = re.compile(r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
                         r"|q[1-4]|h[12])(?:\s+'?\d{2,4})?|(?:19|20)\d{2}|w\d{1,2}|"
                         r"(?:day|week|wk|month|sprint|phase)\s*\d{1,3}|d\s*[-+]\s*\d{1,3}")


def _arrow_label(label: str) -> bool:
    """Whether the words before a line's first arrow name a part of the notes ("Outcome",
    "What I'd do differently", "Others"), not a thing that led to another ("heap dumps")."""
    said = " ".join(label.lower().replace("’", "'").split())
    return said in kb.section_headings() or strict_section(said) is not None \
        or _WHEN_WORDS.fullmatch(said) is not None \
        or said in _OTHERS_WORDS or _LESSON_LABEL.search(said) is not None \
        or said.startswith(("why it mattered", "why it matters", "why i cared", "what i'd"))


# A word said before a label, with its comma: "oh, context: ...", "ok so, lessons: ..."
_INTERJECTED = re.compile(r"^\s*(?:oh|ok|okay|btw|anyway|right|also|and)(?:\s+so)?,\s+"
                          r"(?=[A-Za-z][\w '’/&-]{0,30}:)", re.IGNORECASE)


def _opened_by_span(span: str, rest: str) -> str:
    """A line labelled by when it came ("after ~18 months: pages ~28 -> ~7"): the span is part
    of what the line says, so it stays as the line's opening words."""
    return f"{span[0].upper()}{span[1:]}, {rest.strip()}"


# The scope the writer agreed, as a line's label: "scope I agreed w/ her", "agreed scope"
_AGREED_SCOPE = re.compile(r"(?:the |my |our )?(?:agreed |final )?scope(?: (?:i|we) agreed| agreed)?"
                           r"(?: (?:on|w/|with) [\w'’. -]{1,25})?")


def section_label(text: str, current: str | None) -> tuple[str | None, str]:
    """A leading ``Result:``-style label that names a section: (section, rest of the text).

    Under a heading that already names a section, only the STAR words themselves count, so
    "effect: ..." in a Context list stays part of the context.
    """
    before = _BEFORE_LABEL.match(text)
    if before:  # "BEFORE THAT: the proposal. I wrote a 6-pager": told backwards, the label and
        return None, before.group(1)  # the part's name say nothing of their own
    headed = _HEAD_SPAN_LABEL.match(text)
    named = strict_section(headed.group(1)) if headed else None
    if headed and named in ("result", "reflection"):
        # "result after ~18 months: median pages ~28 -> ~7": the card named, and when
        return named, _opened_by_span(headed.group(2), headed.group(3))
    span = _SPAN_LABEL.match(text)
    if span:  # "after 1yr: both still here", "6 months later: nobody paged"
        return ("result" if span.group(1).lower().startswith("after")
                and current in (None, "result") else None), \
            _opened_by_span(span.group(1), span.group(2))
    aside = _ASIDE_LABEL.match(text)
    if aside and strict_section(aside.group(1)) is not None:
        # "What I proposed (after a morning with the schedulers): skip the marketplace": the
        # aside is said after what the label opens
        body = aside.group(3).strip()
        end = re.search(r"[.!?](?=\s|$)", body)
        at = end.start() if end else len(body)
        text = f"{aside.group(1)}: {body[:at]} ({aside.group(2).strip()}){body[at:]}"
    arrow = _ARROW_LABEL.match(text)
    if arrow and _arrow_label(arrow.group(1)):
        # "Outcome -> precise location collection down ~95%", "Others -> SDK team built ...":
        # a heading's own words, then an arrow, said as a label
        text = f"{arrow.group(1).strip()}: {arrow.group(2)}"
    text = _INTERJECTED.sub("", text)  # "oh, context: ...", "ok so, result: ..."
    match = _LABEL.match(text)
    if not match:  # "What I did - built the prototype": a heading's own words, then a dash
        match = _DASH_LABEL.match(text)
        if match and " ".join(match.group(1).lower().replace("’", "'").split()) \
                not in kb.section_headings():
            match = None
    if match and len(match.group(1).split()) <= 12 and current in (None, "result") \
            and _FIRST_SAID.match(match.group(1).strip().lower()):
        return "result", match.group(2).strip()  # "result up top bc that's what I remember: ..."
    if not match or len(match.group(1).split()) > 7:
        return None, text
    label = match.group(1).strip().lower()
    letter = match.group(1).strip()
    letter = letter if len(letter) == 1 and letter in "STARL" else ""  # "A: ..." of an outline
    section = kb.STAR_LETTERS.get(letter.lower()) if letter else strict_section(label)
    lesson = label.replace("’", "'")
    if section is None and not letter and (_LESSON_WORDS.search(lesson)
                                           or _LESSON_LABEL.search(lesson)):
        section = "reflection"  # "what i'd tell myself:", "change next time:"
    if section == "reflection" and re.match(r"i (?:was|am|were|had been|'m)\s+\S+\s+(?:on|about|to|"
                                            r"that|in)\s+\S", lesson):
        return section, text  # "I was wrong on typo tolerance: thought trigram would be
        # enough": the writer's own sentence, its lesson said whole
    bare = re.sub(r"\s*\([^()]*\)", "", label)  # "what i proposed (and fought for)"
    if section is None and _AGREED_SCOPE.fullmatch(bare):
        section = "task"  # "Scope I agreed w/ her: get every reader off by the renewal date"
    if section is None and _MY_PART_LABEL.fullmatch(lesson):
        section = "action"  # "follow up I owned: changed the cache to store ids only"
    stance = _MY_STANCE_LABEL.fullmatch(bare)
    rest = match.group(2).strip()
    first = rest.split()[0].lower().strip(",.;:") if rest.split() else ""
    done = _opens_on_verb(rest) and (first.endswith("ed") or first in kb.lexicon().irregular_past)
    if stance and rest and not done and not re.match(r"I\b", rest):
        # "my call: flip the notifier to SMS" -> "I decided: flip ...": what the writer called
        # for, never an order; "my call: rolled back" is a step told as done
        return "action", f"I {_MY_STANCE[stance.group(1).lower()]}: {rest}"
    put = PUT_FORWARD.fullmatch(bare)
    if put and section == "action":  # "What I proposed: skip the marketplace": a proposal,
        return section, f"I {put.group(1)}: {match.group(2).strip()}"  # not a step done
    made = _MADE.fullmatch(bare)
    if made and section == "action" and rest and not _opens_on_verb(rest):
        # "what I built: small pre-processing step before OCR": the thing, said as built
        return section, f"I {made.group(1)}: {rest}"
    if section == "action" and bare in _MY_SHARE and rest and rest[:1].islower() \
            and first in kb.lexicon().irregular_base and len(rest.split()) > 1:
        # "my part: get it fixed, and make it right w/ the people it hurt": what it was to be
        return "task", f"My {bare.split()[-1]} was to {rest}"
    if section == "action" and bare in _MY_SHARE and rest and rest[:1].islower() \
            and not _opens_on_verb(rest):  # "My part: the design, the propagation spec"
        return section, f"My {bare.split()[-1]} was {rest}"
    noticed = _NOTICED.fullmatch(bare)
    if noticed and section is None and current in (None, "situation", "action") and rest:
        return "action", f"I {noticed.group(1).lower()}: {rest}"
    if section is None or (current is not None and label not in _STAR and not letter
                           and section != "reflection"):
        return None, text
    if section == "action" and not letter and bare.split() and bare.split()[-1] in THINGS_FOUND \
            and not re.match(r"I\b", rest):
        return section, text  # "root causes: hardcoded timeouts, shared fixtures": things the
        # writer found, said under their label, never "I hardcoded timeouts"
    if section == "situation" and not letter and first in kb.lexicon().base_past:
        return section, text  # "Question on the table: replace the session store": what was
        # asked, never an order of the writer's own
    return section, match.group(2).strip()
