"""Turning note fragments into spoken sentences without changing who did what.

"pulled delivery logs" becomes "I pulled delivery logs."; "drop rate 0.3% -> zero" becomes
"Drop rate 0.3% -> zero."; a "we" sentence keeps its "we". The notes' own words, shorthand,
figures and arrows are kept as written: no figure is added or removed, and the only words put
between them are those a row or a before -> after pair of one measure left out ("p99 1.9s ->
240ms" is said "p99 went from 1.9s to 240ms"; "2.5x -> ~$340K" keeps its arrow).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storygen.core.figures import DELTA, find_deltas
from storygen.core.numbers import find_figures
from storygen.core.text import (
    ABBREVIATIONS,
    TIME_LEADS,
    in_open_quote,
    split_outside_brackets,
    split_sentences,
)
from storygen.story import kb
from storygen.story.kb import past_tense
from storygen.story.notes import (
    LOOKING_VERBS,
    MONTH,
    NOT_SPEAKERS,
    THINGS_FOUND,
    section_label,
    strict_section,
)

_SINGULAR = frozenset({"i", "i'm", "i've", "i'd", "i'll", "i’m", "i’ve", "i’d"})
_PLURAL_SUBJECT = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "ourselves",
                             "let's", "we’re", "we’ve"})
_PLURAL_WORD = re.compile(r"\b(?:we|we're|we've|we'd|we'll|us|ourselves|let's)\b", re.IGNORECASE)
_PAIR_SUBJECT = re.compile(r"^(?:(?:the|my) team and i|[\w-]+ and i|me and [\w-]+)\b",
                           re.IGNORECASE)
_ADJECTIVE_ED = frozenset({"failed", "typed", "untyped", "signed", "unsigned", "versioned",
                           "delayed", "limited", "related", "unrelated", "detailed",
                           "experienced", "advanced", "mixed", "supposed", "based", "shared",
                           "hundred", "tired", "skilled", "dedicated", "distributed",
                           "nested", "cached", "expected", "unexpected", "unplanned",
                           "increased", "reduced", "decreased", "improved", "missed", "dropped",
                           "repeated", "manual", "outdated", "broken", "lost",
                           "red", "bed", "sacred", "naked", "wicked", "beloved", "crowded",
                           "expired", "deprecated", "unused", "abandoned", "hardcoded",
                           "misconfigured", "unowned", "undocumented", "untested", "unpatched"})
_SEEING = frozenset({"noticed", "saw", "found", "realised", "realized", "discovered", "spotted",
                     "heard", "joined", "inherited", "started", "took", "owned", "led", "decided",
                     "wanted", "needed", "had", "volunteered", "offered", "learned", "learnt",
                     "asked", "proposed", "picked", "chose", "spent", "tried", "worked", "was",
                     "recovered", "saved", "cut", "reduced", "eliminated", "shipped", "launched",
                     "delivered"})
# Labels that name what was found, never a plan: "the real cause: read about ..." is how the
# writer found it, not "the cause was to read".
_FOUND_LABELS = frozenset({"cause", "symptom", "problem", "issue", "bug", "culprit", "reason"})
# "root cause: picker returns null URI when the user revokes ...": words that make what follows
# a label a clause, so it is said after the label, never as "the root cause was picker returns"
_CLAUSE_WORDS = frozenset({"when", "whenever", "if", "because", "after", "before", "so", "while",
                           "until", "unless", "since"})
_NOUN_LABELS = frozenset({"effect", "impact", "problem", "issue", "cause", "symptom", "goal",
                          "context", "constraint", "risk", "trade-off", "tradeoff", "lesson",
                          "takeaway", "blocker", "deadline", "scope", "stakes", "cost", "timeline",
                          "fix", "solution", "idea", "plan", "approach", "outcome", "result",
                          "gap", "bug", "catch", "reason", "concern", "challenge", "insight"})
_LESSON_LABELS = frozenset({"lesson", "takeaway", "insight", "fix", "solution", "plan", "approach",
                            "idea", "outcome", "result", "impact", "effect"})
_ME_LABELS = frozenset({"me", "role", "i", "who", "my role", "about me"})
_LABEL = re.compile(r"^([A-Za-z][\w '’$/&-]{0,60}?(?:\s*\([^()]{1,40}\))?|(?:19|20)\d{2}(?:-\d{2})?)"
                    r"\s*:\s+(\S.*)$")  # (a year, "2021: wrote the doc", is when, as "Q3" is)
# Bullet marks, check marks and emoji before a note ("- ", "* ", "✅ ", "🔹 "); an arrow that opens
# a line ("-> ...") is kept: it says what followed.
_BULLET = re.compile(r"^(?:[\s*•·▪▫◦►▶✓✔✅☑✗✘❌⭐★☆]|[\U0001F300-\U0001FAFF\u2600-\u26FF\uFE0F]"
                     r"|-(?![>\d.])|\[[ xX✓✔-]?\](?=\s))+")  # "[x] paused the rollout": a ticked item


@dataclass(frozen=True, slots=True)
class Phrase:
    """A note clause as a sentence: who its subject is, and whether "I" was supplied."""

    text: str
    person: str  # "I", "we" or "other"
    fragment: bool = False
    label: str = ""  # a leading "why ...:" / "how ...:" label, or "led_to" for "-> ..."


# A clock time as a log line gives it: "14:00", "2:15pm", "9:20 PM PST"
CLOCK_TIME = r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|(?-i:[A-Z]{1,3}T)))?"
# A clock time that opens a log line or sentence ("14:45 I found...", "09:15 PT paged").
# "[10:09] pulled gateway logs myself": a chat or log stamp in brackets opens the line as well
_CLOCK = re.compile(r"^(?:at\s+)?(?:\[(?=[^\]]+\])|\((?=[^)]+\)))?(" + CLOCK_TIME + r")[\])]?\s+"
                    r"(?=[A-Za-z@])", re.IGNORECASE)
# A log line's stamp, with the day and date it may carry: "Fri 3/8 16:52: Priya ...", "16:52 - ..."
_LOG_CLOCK = re.compile(r"^(?:at\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
                        r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?\s+|\d{4}-\d{2}-\d{2}[ T])?"
                        r"(?:\[(?=[^\]]+\])|\((?=[^)]+\)))?(" + CLOCK_TIME + r")[\])]?"
                        r"(?:\s*[:\-–—])?\s+(?=[A-Za-z@])", re.IGNORECASE)


_LAUGHS = frozenset({"lol", "lmao", "haha", "ha", "heh", "rofl", "jk", "tbh", "lolol"})  # "no lol"

def opens_on_clock(text: str) -> bool:
    """Whether a note clause opens on a clock time, as the lines of a log do."""
    return _LOG_CLOCK.match(text) is not None


_RUN_ON_WORDS = 35  # a sentence this long with hardly a comma was spoken, not written
_FILLER = re.compile(r"(?<!\S)(?:um+|uh+|erm|uhm|you know|i mean|so yeah|ok(?:ay)? so|"
                     r"ok(?:ay)? anyway|anyway|(?:so )?what i did was|ok(?:ay)? end|i guess|"
                     r"what i'?d say)(?:,)?(?=\s|$)", re.IGNORECASE)
_SPOKEN_LESSON = re.compile(r"(?:\b(?:and then|and|so|but)\s+)?\b(?:what |the (?:\w+ )?(?:thing|lesson|"
                            r"takeaway) )?I (?:learned|learnt|took away) (?:is|was)\b",
                            re.IGNORECASE)
# "... and then on monday | we added ...": the time said before a new thought opens it
_TIME_BEFORE = re.compile(r"\s+(?:and\s+)?then\s+(?P<when>(?:on|at|by|around|after|next|this|that|"
                          r"later|last)\b[\w:~'’ -]{0,25}?)\s*$", re.IGNORECASE)
# Where a spoken run-on starts a new thought: "... so I just jumped in I looked at the log and
# there was ..." -> "so I just jumped in" / "I looked at the log" / "there was ...".
_SPOKEN_BREAK = re.compile(r"\s+(?:(?:and|so|but|and then)\s+)?(?=(?:then\s+)?(?:I|we)(?:['’]"
                           r"(?:m|d|ve|ll)\b|\s+(?!(?:and|or|to|the|a)\b)[a-z'’]+\b))|"
                           r"\s+(?:and then|and|so|but)\s+(?=(?:it|they|he|she|this|the|our|their|"
                           r"these|those)\s)|\s+(?=(?:it|they|he|she)\s)")
# The second half of a hyphenated adjective ("cell-based", "customer-facing"); "right-sized"
# and "load-tested" stay verbs.
_ADJECTIVE_PARTS = frozenset({"based", "driven", "related", "facing", "powered", "backed",
                              "oriented", "shaped", "focused", "owned", "hosted", "managed",
                              "generated", "enabled", "bound", "named", "aged",
                              "minded", "headed", "sided", "coded", "tailed", "grained"})
_EVENT_VERBS = frozenset({"started", "began", "happened", "spiked", "broke", "failed", "crashed",
                          "stalled", "hung", "died", "jumped", "went", "kicked", "peaked",
                          "recurred", "resurfaced", "regressed", "leaked", "errored", "flapped",
                          "degraded", "lagged", "overflowed", "drifted", "expired", "stuck"})
# A measure's move told in the present: "catalog p99 goes from 90ms to 14s"
_MOVES_NOW = frozenset({"goes", "go", "drops", "jumps", "rises", "falls", "climbs", "grows",
                        "moves", "shrinks", "spikes"})
_CLOSED = frozenset({"closed", "merged", "resolved", "completed", "landed", "finished"})
# How a measure or a thing stood or moved: "stayed there til 16:00", "went to 100% at 11:42".
# Where a thing reached, with no object of a step before it: "out to all ~1,800 clinics".
_REACHED_ALL = re.compile(r"(?:out\s+)?(?:to|across)\s+(?:all|every|each|everyone|everybody|"
                          r"the (?:full|whole|entire|rest of the)\s)")
# The writer telling someone: "told the recs lead (Hannah) I thought ...", "told the team"
_TOLD_SOMEONE = re.compile(r"told (?:the|a|an) (?:[\w-]+ ){0,2}(?:lead|leads|team|manager|pm|em|"
                           r"director|vp|cto|ceo|owners?|customers?|client|partners?|on-?call|sre|"
                           r"engineers?|group|channel|room|founders?|support|people|folks|rest|"
                           r"reviewers?|analysts?|author)\b|told (?:the|a|an) [\w -]{1,30}\(\s*[A-Z]",
                           re.IGNORECASE)
# A title: a few words, a dash, and what the notes are ("leaked key — my timeline (sunday)")
_TITLED = re.compile(r"\S+(?:\s+\S+){0,3}\s+(?:—|--|–)\s+(?:(?:my|the|a|some|quick)\s+)?"
                     r"(?:timeline|notes?|story|write-?up|recap|summary|log|diary|version|take|"
                     r"braindump|brain dump|retro)\b", re.IGNORECASE)
# Verbs of how a thing seemed ("felt slow at the time", "looked fine", "seemed off")
_FELT = frozenset({"felt", "seemed", "sounded"})
_LOOKED_WHERE = frozenset({"at", "into", "for", "through", "up", "over", "around", "back", "again",
                           "closer", "deeper", "in", "under", "across", "the", "a", "an", "it",
                           "them", "this", "that", "every", "each", "all", "both", "my", "our",
                           "their", "his", "her", "more", "further", "carefully", "properly",
                           "myself", "", "harder", "after", "from", "to", "on"})
# Verbs whose object a note leaves out when it tells where it was done ("fixed in the script")
# What a cause does to a thing: "blocked by missing the deadline" says what blocked it
_CAUSED = frozenset({"blocked", "affected", "impacted", "hit", "caused", "driven", "triggered",
                     "slowed", "delayed", "hurt", "killed", "broken", "stalled", "held"})
_DONE_TO = frozenset({"fixed", "handled", "solved", "addressed", "caught", "resolved", "patched",
                      "covered", "tracked", "done", "implemented", "enforced", "configured"})
_STATE_MOVES = frozenset({"stayed", "remained", "went", "rose", "fell", "hovered", "ended", "held",
                          "settled", "plateaued", "leveled", "levelled", "bottomed", "topped"})
_STOOD_WORDS = frozenset({"there", "flat", "stable", "steady", "green", "red", "high", "low"})
_STOOD_AT = frozenset({"to", "at", "under", "below", "above", "around", "near", "up", "down"})
# What a thing did, never a person's step: "existed as a config flag from an old test".
# An -ed word, a plural and a present verb: "bored people leave", "migrated tables need a reindex"
# (never a word that ends in "ss" or "us": "added freshness check" is a step, not "freshness"
# that checks)
_SUBJECT_CLAUSE = re.compile(r"[a-z]+ed\s+(?:[a-z]{2,}[a-rtv-z]s|people|folks|staff)\s+[a-z]+\b(?![-'’])")
_PRESENT = frozenset({"leave", "need", "stay", "quit", "fail", "want", "like", "complain", "churn",
                      "wait", "learn", "grow", "ask", "work", "stop", "start", "notice", "care",
                      "expect", "hate", "love", "skip", "ignore", "block", "retry", "time", "crash"})
_CAUSATIVE = frozenset({"made", "let", "helped", "had", "got", "watched", "saw", "heard",
                        "asked", "told", "forced", "pushed", "encouraged"})
# Participles that name the state of things before a noun ("queued backlog", "failed jobs")
_STATE_PARTICIPLES = frozenset({"queued", "failed", "stuck", "affected", "delayed", "expired",
                                "corrupted", "duplicated", "orphaned", "stranded", "missed",
                                "impacted", "pending", "backlogged", "throttled", "rejected"})
_STATE_NOUNS = frozenset({"backlog", "messages", "events", "jobs", "requests", "orders",
                             "webhooks", "payments", "records", "rows", "items", "entries",
                             "tasks", "deliveries", "builds", "tests", "calls", "transactions",
                             "notifications", "emails", "deploys", "deployments", "pods", "nodes",
                             "hosts", "users", "customers", "accounts", "devices", "units",
                             "batches", "uploads", "downloads", "sessions", "checkouts", "refunds",
                             "invoices", "tickets", "partners", "merchants", "shipments"})
_NO_ONES_STEP = frozenset({"existed", "seemed", "belonged", "lasted", "happened", "occurred",
                           "appeared", "recurred", "resurfaced"})
_NOW_AND_THEN = frozenset({"intermittently", "randomly", "sometimes", "occasionally", "silently",
                           "roughly", "sporadically", "repeatedly", "constantly", "nightly"})
_WHEN_WORDS = frozenset({"right", "just", "after", "before", "at", "around", "when", "on", "during",
                         "since", "about", "again", "yesterday", "overnight", "this", "last",
                         "every", "twice", "once", "immediately", "within", "mid"})
_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they", "it", "this", "that", "there"})
_CLAUSE_OPENERS = frozenset({"where", "when", "that", "which", "who", "because", "if", "until",
                             "while", "as", "than", "what", "how", "why", "once", "after",
                             "before"})


def _opens_clause(rest: str) -> bool:
    """Whether ``rest`` opens a clause of its own: "I"/"we" and a word, or another subject
    and a verb within four words ("the fraud analysts wanted to ...", "it caught ...")."""
    words = [w.lower().strip(",.") for w in rest[:120].split()[:6]]
    if not words or words[0] in ("i", "we", "then") or words[0].startswith(("i'", "i’", "we'")):
        return True
    irregular = kb.lexicon().irregular_past

    def verb(word: str) -> bool:
        return word in irregular or word in ("was", "were", "is", "are", "had", "has") \
            or (len(word) > 3 and word.endswith("ed"))

    if words[0] in ("it", "they", "he", "she"):  # "... turning it on | it caught 94%"
        return len(words) > 1 and verb(words[1])
    if words[0] not in kb.lexicon().function_words and len(words) > 2 \
            and _says_present(words[1:2]) and words[2] not in kb.lexicon().function_words:
        return True  # "..., runbook says secondary can flip flags": a thing and what it says
    return any(verb(w) for w in words[1:5])


# Words a spoken thought goes on after: "the thing I keep thinking is | I made the call", "but
# also | I should have posted": no new thought starts right after them
_GOES_ON = frozenset({"is", "was", "are", "were", "be", "been", "also", "but", "and", "like",
                      "that", "think", "thinking", "thought", "guess", "mean", "said", "know",
                      "felt", "feel", "realized", "realised", "because", "bc", "cause", "so"})
# "which wasnt something | I would have known": the thing the clause right after it tells
_TOLD_THING = frozenset({"something", "anything", "nothing", "everything", "thing", "stuff"})


def _run_on(text: str) -> list[str]:
    """A transcribed run-on sentence cut at the writer's new thoughts, its fillers dropped;
    punctuated prose is returned whole."""
    words = text.split()
    if len(words) < _RUN_ON_WORDS or len(re.findall(r"[,;:.!?](?!\S)", text)) * 20 > len(words):
        return [text]
    plain = " ".join(_SPOKEN_LESSON.sub("I learned that", _FILLER.sub(" ", text)).split())
    parts: list[str] = []
    start = 0
    for match in _SPOKEN_BREAK.finditer(plain):
        window = plain[max(start, match.start() - 200):match.start()]  # linear on long text
        before = window.split()
        lead_in = re.split(r"[,;:]", window)[-1].split()
        if len(before) >= 3 and before[-1].lower() not in _CLAUSE_OPENERS \
                and before[-1].lower() not in _GOES_ON \
                and not (before[-1].lower() in _TOLD_THING and not match.group(0).strip()) \
                and (not lead_in or len(lead_in) >= 3) and _opens_clause(plain[match.end():]) \
                and not (not match.group(0).strip() and plain.startswith("we ", match.end())
                         and _named_last(window)):
            # ("the cursor pagination we use in the sync api": a thing, then what is said of it)
            when = _TIME_BEFORE.search(plain, start, match.start())
            if when is not None and when.start() > start:  # "and then next time | I'd write"
                parts.append(plain[start:when.start()])
                start = when.start("when")
                continue
            parts.append(plain[start:match.start()])
            start = match.end()
    parts.append(plain[start:])
    parts = [re.sub(r"(?:\s+(?:and|so|but))?(?:\s+then)?\s*$", "", p) if i < len(parts) - 1 else p
             for i, p in enumerate(parts)]  # "... got nothing and then | I decided"
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


# A thing named last, with its determiner: "the cursor pagination" before "we use": the
# clause after it says what is done with it, no new thought
_NAMED_LAST = re.compile(r"\b(?:the|a|an|our|their|this|that|these|those|any|every|each|some)\s+"
                         r"(?:[\w'’-]+\s+){0,2}[a-z][\w'’-]*$", re.IGNORECASE)


def _named_last(text: str) -> bool:
    """Whether words end on a thing named with its determiner ("... at the cursor pagination"),
    not on a word that opens a clause ("... the attack traffic what")."""
    last = text.split()[-1].lower() if text.split() else ""
    return _NAMED_LAST.search(text) is not None and last not in kb.lexicon().function_words \
        and last not in _CLAUSE_OPENERS


_LONG_SENTENCE = 40  # words: past this, a sentence strung together with commas is cut
_COMMA = re.compile(r",\s+(?:and\s+(?!then\b|so\b))?")  # "so I started": its "so" stays


_PAIR_DID = re.compile(r",\s+(?:and\s+|then\s+)?(?=([A-Za-z][\w'’-]+)\s*(?:\+|&|and)\s*([A-Za-z][\w'’-]+)"
                       r"\s+([a-z]+)\b)")


def _pair_did(match: re.Match[str]) -> bool:
    """Whether the words after a comma are two people (not the writer) and a deed done."""
    lexicon = kb.lexicon()
    one, two, verb = match.group(1).lower(), match.group(2).lower(), match.group(3)
    people = all(w not in lexicon.function_words and w not in ("i", "me", "we", "us", "my")
                 and w not in lexicon.base_past and w not in lexicon.irregular_base
                 and not w.endswith(("ed", "ing", "ly")) for w in (one, two)) \
        and not (one.endswith("s") and two.endswith("s"))  # ("dashboards and alerts shipped")
    before = match.string[:match.start()].split()
    listed = bool(before) and before[-1][:1].isupper() and match.group(1)[:1].isupper()
    # ("... when Keziah, Anselm and Wren joined in Sept": the last of a list of names)
    return people and not listed and _past_form(verb)


def _listed(before: str) -> bool:
    """Whether a comma follows an item of a list a colon opened ("a charter: no alert survives
    2 weeks, anyone paged ..."), not a label ("story: back in the spring the cluster ...")."""
    colon = [m.start() for m in re.finditer(r"(?<!\d):|:(?!\d)", before)]  # not "~07:10"
    return bool(colon) and len(before[colon[-1] + 1:].split(",")[-1].split()) <= 10


# A clause that says how a thing stands, in the present ("runbook says secondary can flip
# flags"): no doer of the step with no subject after it ("..., paged the IC"); nor is "he" the
# doer of a step done to him ("he wasn't ready yet, gave him 2 more weeks")
_STATED = re.compile(r"\s*(?:the\s+|our\s+)?[a-z][\w-]*\s+(?:says|states|needs|requires|"
                     r"allows|lets|shows|is|are|has)\b")


def _comma_spliced(text: str) -> list[str]:
    """A long sentence strung together with commas ("I pulled the snapshots, then I looked at
    the table and it had 40% dead tuples, Priya reviewed the thresholds and we rolled it out,
    p99 went back to 130ms") cut where a clause with a subject of its own starts. A clause
    without a subject ("then wrote it up") stays with the one before: its subject is there."""
    pair = next((m for m in _PAIR_DID.finditer(text) if _pair_did(m)), None)
    if pair is not None:  # "i wrote the migration guide, priya + jonas ported the other 5
        # carriers": a pair of others and their deed, never the writer's to go on with
        return [*_comma_spliced(text[:pair.start()]), *_comma_spliced(text[pair.end():])]
    words = text.split()
    if len(words) <= _LONG_SENTENCE:
        return [text]
    parts: list[str] = []
    start = depth = 0
    quoted = False
    cuts: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in "\"“”":
            quoted = not quoted if char == "\"" else char == "“"
        elif char == "," and not depth and not quoted:
            match = _COMMA.match(text, index)
            if match is not None:
                cuts.append((index, match.end()))
    for comma, after in cuts:
        linked = re.match(r"(?:(?:and )?(?:so|but|then)\s+)+", text[after:], re.IGNORECASE)
        rest = text[after + (linked.end() if linked else 0):]  # "so I started", "then I looked"
        head = [w.lower().strip(",.") for w in rest.split()[:2]]
        before = text[start:comma].split()
        if not head or len(before) < 6 or len(rest.split()) < 5 \
                or _SUBORDINATE_START.match(text, start) or _listed(text[start:comma]):
            continue  # "After the package was hijacked, I did the math": one sentence
        my_step = (_STATED.match(text[start:comma]) is not None or (
            re.match(r"\s*(?:he|she)\b", text[start:comma], re.IGNORECASE)
            and re.search(r"\b(?:him|her)\b", " ".join(rest.split()[1:3]), re.IGNORECASE))) \
            and not linked and _verb_kind(head[0], rest.lower().split(), "action") == "past"
        if my_step:
            parts.append(text[start:comma])
            start = after
            continue
        if head[0] in kb.lexicon().irregular_past or head[0].endswith("ed") \
                or linked and head[0] not in ("i", "we") \
                and not re.match(r"(?-i:[A-Z][a-z]+) (?:and|\+|&) (?:I|me)\b", rest):
            continue  # "then wrote it up", "found 160 rolled out": the same subject goes on
        if linked and "so" in linked.group(0).lower().split() and len(head) > 1 \
                and head[1] in ("could", "can", "would", "might"):
            continue  # "..., so we could give them aggregates": what it was for
        lesson = re.match(r"what I(?:['’]d| would) (?:do|change)\b", rest) is not None
        if not lesson and (head[0] in _CLAUSE_OPENERS or head[0] in ("which", "who", "including",
                                                                    "like")
                           or not _opens_clause(re.split(r"[,;:]", rest, maxsplit=1)[0])):
            continue
        parts.append(text[start:comma])
        start = after
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


# A card's label spliced into a run-on paragraph after a comma: "..., so I took it on, what I
# did: I pulled 12 months of pager data, ..., result after ~18 months: pages ~28 -> ~7"
_SPLICED_LABEL = re.compile(r"[,;]\s+([A-Za-z])(?=([\w '’~-]{1,40}?)\s*:\s+\S)")


def _label_spliced(match: re.Match[str]) -> str:
    """A comma before a label that names a card ends the sentence there, and the label opens
    the next; any other comma stays."""
    label = match.group(1) + match.group(2)
    before = re.split(r"[.!?:\n]", match.string[:match.start()])[-1]
    # ("my call, my mistake: I'd treated ..." is one label said twice, not a sentence and a card)
    # (", then the fix: ..." goes on with the step before it)
    return f". {match.group(1).upper()}" if len(before.split()) >= 4 \
        and label.split()[0].lower() not in _LABEL_GOES_ON \
        and section_label(f"{label}: x", None)[0] is not None else match.group(0)


# Words a card label goes on from, after a comma: ", then the fix: ..." is no new sentence
_LABEL_GOES_ON = frozenset({"then", "and", "so", "but", "also", "plus", "or", "after", "before"})


def clauses(text: str) -> list[str]:
    """Sentences of a note block, with ";" clauses and "verb ..., metric A -> B" split apart."""
    out: list[str] = []
    lower = not _capitalised(text)
    text = _LOWER_I.sub("I", text)  # "so i rolled the flag back": split as "so I rolled ..."
    text = _CLEFT.sub(_cleft_said, text)  # "what I actually did was write the menu"
    text = _unfilled(text)
    text = _SPLICED_LABEL.sub(_label_spliced, text)
    text = _TURNED_OUT.sub(r"\1 ", text)  # "Turned out: the key had the timestamp" is no label
    # "... the real issue so before deciding I:" over a list of the writer's steps: the list
    # says what the writer did, the dangling "I" is cut with the words that lead to it
    text = _DANGLING_I.sub(".", text)
    text = _TLDR_INSIDE.sub(" ", text)  # "we shipped it. TL;DR: it worked": the label says nothing
    text = _LOOKED_THEN.sub(r"\1: ", text)  # "I pulled 90 days of data → ~65% were noise"
    text = _FELT_OFF_THEN.sub(r"\1. ", text)  # "something felt off, sliced the eval by city"
    text = _arrow_steps(text)
    # the writer correcting their own "we": "We, or honestly I, killed the idea", "We looked at
    # it, well I looked at the access logs": what follows the correction is theirs to tell
    text = _WE_OR_I.sub(lambda m: m.group(1) + "I ", text)
    text = _WE_WELL_I.sub(lambda m: m.group(1), text)
    spans = [part for span in _quotes_whole(_asides_whole(
                 [s.text for s in split_sentences(text, lower=lower)]))
             for unbracketed in _others_aside(span)
             for stopped in ([unbracketed] if lower else _subjectless_steps(unbracketed))
             for stop in _split_hyphens(stopped)
             for spoken in _run_on(stop) for part in _comma_spliced(spoken)]
    proposal = False
    for span_text in (item for span in spans for item in _enumerated(span)):
        if proposal and out and _goes_on_proposing(span_text):
            out[-1] = out[-1].rstrip(" .;") + "; " + lower_lead(span_text.strip())
            continue  # "wrote the proposal: stop pre-tiling. store each scene once": proposed
        proposal = _proposal_label(span_text)
        if _OPTIONS_SAID.search(span_text):  # "I proposed: (a) send it to one client, others
            out.append(span_text)             # get an event, (b) backoff": one proposal
            continue
        for part in (p for semi in _outside_quotes(split_outside_brackets(span_text, ";"), ";")
                     for cut in _split_dashes(semi)
                     # ("I argued cells first — our last 7 sev1s were bad deploys (I pulled 2
                     # yrs of COEs myself)": the aside after the dash is the writer's step)
                     for dashed in (_others_aside(cut) if cut != semi else [cut])
                     for p in _colon_then_i(dashed)):
            for piece in _split_verb_label(part):
                for person_part in (c for p in _split_persons(piece) for c in _foreign_apart(p)):
                    for outcome_part in _split_outcome(person_part):
                        out.extend(_split_result_tail(outcome_part))
    return [c for c in (_BULLET.sub("", c).strip(" \t;,") for c in out) if c]


# Words that open or join a clause in the languages notes most often switch into mid-sentence
# and that English has no use for: "e ele revisa tudo", "y ella lo revisó", "und er hat"
_FOREIGN_WORDS = frozenset({
    "e", "y", "et", "und", "que", "para", "com", "con", "el", "ele", "ela", "eles", "elas",
    "ella", "ellos", "ist", "não", "nao", "pas", "nicht", "mais", "mas", "pero", "porque",
    "quando", "cuando", "tudo", "todo", "muito", "muy", "sie", "er", "wir", "ich", "nous",
    "je", "il", "elle", "ils", "oder", "aber", "weil", "è", "sono", "che", "perché", "non",
    "het", "een", "niet", "maar", "omdat", "hij", "zij", "wij", "nós", "nunca", "antes",
    "depois", "después", "também", "también", "aussi", "auch", "dann", "então", "entonces",
    "uma", "una", "des", "les", "du", "der", "das", "dem", "ein", "eine", "los", "las", "da",
    "dos", "del", "en", "já", "déjà", "schon", "noch", "todavía", "ainda", "foi", "fue", "fez",
    "hizo", "disse", "dijo", "estava", "estaba", "tinha", "tenía", "gente", "boa", "bom", "buena",
    "bueno", "très", "bien", "sehr", "molto", "était", "avait", "hatte", "war", "fatto"})
# "he", "she", "they" in those languages: the foreign clause is someone else's
_THEIR_PRONOUNS = frozenset({"ele", "ela", "eles", "elas", "ella", "ellos", "ellas", "él", "er",
                             "sie", "il", "elle", "ils", "elles", "hij", "zij", "lui", "lei",
                             "loro"})
_ENGLISH_ONLY = frozenset({"the", "and", "i", "we", "he", "she", "they", "it", "was", "were",
                           "is", "are", "to", "of", "for", "with", "that", "this", "my", "our",
                           "but", "so", "have", "had", "on", "at", "by", "from", "his", "her"})


def _foreign(clause: str) -> bool:
    """Whether a clause is in another language: it opens on a word of ``_FOREIGN_WORDS``,
    holds another, and no word only English has."""
    words = [w.lower().strip(".,;:!?\"'()") for w in clause.split()]
    return len(words) >= 3 and words[0] in _FOREIGN_WORDS \
        and sum(w in _FOREIGN_WORDS for w in words) >= 2 \
        and not any(w in _ENGLISH_ONLY for w in words)


def _foreign_apart(text: str) -> list[str]:
    """A clause in another language after a comma of the writer's English sentence ("Started a
    monthly email, written with Rodrigo, e ele revisa tudo antes de sair"): said apart, so the
    writer's "I" never reaches a deed that clause gives someone else (not "mas fiquei curioso",
    the writer's own)."""
    parts = text.split(", ")
    for at in range(1, len(parts)):
        tail = ", ".join(parts[at:])
        # ("..., ela foi super gente boa, explained why ...": what follows her clause is hers)
        if (_foreign(tail) or _foreign(parts[at])) \
                and any(w.lower() in _THEIR_PRONOUNS for w in tail.split()[:4]):
            return [", ".join(parts[:at]).rstrip(" ,") + ".", tail[:1].upper() + tail[1:]]
    return [text]


# "I decide to actually track it: I add a tag to every rerun": the writer's clause, a colon,
# then another clause of theirs with its own "I" and verb
_COLON_THEN_I = re.compile(r"^((?:so |then |and )?I\s[^:()\"“]{10,}?):\s+(I\s+(?:\w+ly\s+)?[a-z]{2,}\b.*)$")


# 'I got asked "why now", my answer was the churn data': the writer's clause, then after its
# comma a clause with a subject and verb of its own ("my answer was")
_COMMA_THEN_MINE = re.compile(r"^((?:I\s|[a-z]+\s)[^,]{8,}?),\s+((?:my|our)\s+(?:[\w-]+\s+){0,2}?"
                              r"(?:was|were|is|are)\s+\S.*)$")


def _colon_then_i(text: str) -> list[str]:
    """A clause of the writer's and, after its colon, the next one with its own "I": two
    sentences, each said whole. The same after a comma for a clause on the writer's own
    thing ("..., my answer was ...")."""
    mine = _COMMA_THEN_MINE.match(text)
    if mine and mine.group(1).count("(") == mine.group(1).count(")"):
        return [mine.group(1), mine.group(2)]
    match = _COLON_THEN_I.match(text)
    if match is not None and re.search(r"\b(?:things?|steps?|parts?|changes?|moves?|this|these|"
                                       r"following|ways?|calls?|options?)$", match.group(1)):
        return [text]  # "I did two things: I wrote ...": what comes after the colon is the list
    if match is None or not has_verb(match.group(2).split()[1:3]) \
            and not _verb_kind(match.group(2).split()[1].lower(),
                               match.group(2).lower().split()[1:], "action"):
        return [text]
    return [match.group(1), match.group(2)]


# "what I actually did was write the project menu, pair each intern with a buddy": the
# writer's steps, said as a cleft sentence
_CLEFT = re.compile(r"\b[Ww]hat I (?:\w+ly )?did was (?:to )?(?:basically |just |really |actually |"
                    r"mostly |simply )?([a-z]+)\b([^.;!?]*)")


def _cleft_said(match: re.Match[str]) -> str:
    """A cleft sentence of the writer's steps said plainly: "what I actually did was write the
    menu, pair each intern with a buddy" -> "I wrote the menu, paired each intern with a
    buddy"; the later steps of its list are put in the past too."""
    verb, rest = match.group(1), match.group(2)
    words = rest.split()
    bases = known_bases()
    if verb in kb.lexicon().function_words or verb.endswith(("ing", "ed", "ly")) or not (
            verb in bases or words and words[0].lower() in _OBJECT_LEADS):
        return match.group(0)  # "what I did was nothing", "... was wrong"

    def later(step: re.Match[str]) -> str:
        word, nxt = step.group(2), step.group(3)
        return f"{step.group(1)}{past_tense(word)} {nxt}" if (word in bases or nxt.lower() in (
            _OBJECT_LEADS)) and word not in kb.lexicon().function_words \
            and not word.endswith(("ing", "ed", "ly", "s")) else step.group(0)

    rest = re.sub(r"(,\s+(?:and\s+)?)([a-z]+)\s+(\w+)", later, rest)
    return f"I {past_tense(verb)}{rest}"


def _outside_quotes(parts: list[str], separator: str) -> list[str]:
    """Parts cut at ``separator`` joined again where the cut fell inside quotation marks:
    'me: "later never comes; can we require an id?"' is one thing said."""
    out: list[str] = []
    for part in parts:
        if out and in_open_quote(out[-1]):
            out[-1] += separator + part
        else:
            out.append(part)
    return out


_ASIDE_AT_END = re.compile(r"\s*\(([^()]{3,200})\)([.!?]?)\s*$")
# Verbs whose past is their present: "the rest of the team split the remainder"
SAME_IN_PAST = frozenset({"split", "put", "set", "cut", "spread", "hit", "shut", "let", "read",
                          "quit", "shed", "upset"})
_ASIDE_INSIDE = re.compile(r"\s*\(([^()]{3,80})\)(?=\s+[a-z])")
# A bracket that only names who did it: "(sec team)", "(infra team)", "(Ruth + Omar)"
# Groups named by what they do ("legal", "support"), never by who is in them
_FUNCTIONS = r"QA|legal|finance|HR|IT|security|infra|ops|platform|support"
_DOER_ONLY = re.compile(r"(?:the\s+)?(?:[\w-]+\s+){0,2}(?:team|squad|SREs?|on-?call|DBAs?|"
                        + _FUNCTIONS + ")", re.IGNORECASE)
# Steps that reach someone ("paged the on-call (infra team)"): the bracket says who was reached
_REACHING = frozenset({"paged", "pinged", "called", "asked", "told", "emailed", "messaged",
                       "escalated", "looped", "cc'd", "contacted", "notified", "alerted", "met",
                       "phoned", "texted", "dm'd", "tagged", "synced", "briefed", "showed"})
# A group's role, not its deed: "(platform lead)", "(support manager)"
_ROLE_NOUNS = frozenset({"lead", "leads", "manager", "owner", "engineer", "eng", "pm", "em",
                         "person", "rep", "contact", "director", "head", "liaison", "architect"})


def _says_a_deed(text: str) -> bool:
    """"support set it up", "Mei ran the drill": a bracket that says what someone did, not
    only who they are ("platform lead")."""
    words = text.split()
    return len(words) >= 2 and (has_verb(words) or _says_present(words)
                                or any(w.lower() in SAME_IN_PAST for w in words[1:]))


def _doer_then_deed(text: str) -> bool:
    """"support set it up", "infra team ran it": a doer a bracket names, then their deed."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and _DOER_ONLY.fullmatch(" ".join(words[:size])) \
                and words[size].lower().strip(",.;:") not in _ROLE_NOUNS \
                and (_finite_verb(words[size]) or words[size].lower() in SAME_IN_PAST):
            return True
    return False


_CONJUNCT = re.compile(r"^[\w-]+\s*(?:[+&]|and)\s*(?=\w)", re.IGNORECASE)


# A name set off by dashes or commas after its group: "support team - Rashid - helped"
_APPOSED = re.compile(r"\s*(?:\s[-–—]|,)\s+(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s*(?:[-–—]\s|,)\s*")


def _others_aside(sentence: str) -> list[str]:
    """"I pushed for comp time (mgr + HR approved it, I just made the case)": what someone else
    did, said in brackets at the end of the writer's sentence, is a sentence of its own after
    it, so the writer's "I" never reaches their deed; so is the writer's own step in brackets
    after a line with no "I" ("shadow mode: compare for 2 weeks (I built the comparison job)")."""
    parts = re.split(r"(?<=\))\s*;\s+", sentence)
    if len(parts) > 1:  # "rotated that cred (sec team); but how many more?": each part on its own
        told = [_others_aside(part) for part in parts]
        if any(said != [part] for said, part in zip(told, parts, strict=True)):
            return [sentence for said in told for sentence in said]
    match = _ASIDE_AT_END.search(sentence)
    if match is None:
        inside = _ASIDE_INSIDE.search(sentence)
        if inside is not None and inside.start() > 0 and not re.match(r"\W*I\b", inside.group(1)) \
                and (other_actor(inside.group(1).strip()) and _says_a_deed(inside.group(1))
                     or _doer_then_deed(inside.group(1))):
            # "called 3 users (support set it up) to check the fix": their deed, said after
            inner = inside.group(1).strip()
            rest = sentence[:inside.start()] + sentence[inside.end():]
            end = rest.rstrip()[-1:] if rest.rstrip()[-1:] in (".", "!", "?") else "."
            return [rest.rstrip(), _said_alone(inner, end)]
        return [sentence]
    if match.start() == 0:
        return [sentence]
    inner = match.group(1).strip()
    head = sentence[:match.start()].rstrip(" ,;:")
    first = (head.split() or [""])[0]
    if _DOER_ONLY.fullmatch(inner) and first[:1].islower() and _finite_verb(first) \
            and first.lower() not in _REACHING and not _PERSON_ROLE.search(head) \
            and not re.search(r"\b(?:on-?call|owners?|teams?|people|folks|users?|customers?)\W*$",
                              head, re.IGNORECASE) \
            and not re.search(r"\b(?:with|to|for|from|by|via|w/)\b", head) \
            and not re.search(r"\b(?:I|me|my|we|us|our)\b", head):
        # "rotated that cred same day (sec team)": the bracket names who did it
        who = inner if inner.lower().startswith("the ") or not re.search(
            r"\b(?:team|squad|on-?call|SREs?|DBAs?)$", inner, re.IGNORECASE) else f"the {inner}"
        return [who[:1].upper() + who[1:] + " " + head + (match.group(2) or ".")]
    mine = re.match(r"I\s+(?:\w+ly\s+)?(\w+)", inner)  # "shadow mode: ... (I built the job)"
    mine_step = mine is not None and not re.match(r"\W*I\b", sentence) \
        and _finite_verb(mine.group(1)) and mine.group(1).lower() not in kb.lexicon().linking_verbs \
        and mine.group(1).lower() not in ("think", "thought", "guess", "believe", "mean", "had") \
        and all(re.match(r"(?:I|and|then|so|but|also)\b", part) or _finite_verb(part.split()[0])
                for part in (p.strip() for p in re.split(r"[,;]", inner)[1:]) if part)
    # (not "I drafted it, the privacy office owns it": theirs is said with the writer's)
    if not (mine_step or other_actor(inner) or other_actor(_CONJUNCT.sub("", inner))
            or other_actor(_APPOSED.sub(" ", inner)) or _THEIR_THING_DID.match(inner)):
        return [sentence]
    return [head + (match.group(2) or "."), _said_alone(inner, match.group(2) or ".")]


# "(their promo engine beat ours)": what someone else's thing did, said of it in brackets
_THEIR_THING_DID = re.compile(r"(?:their|his|her)\s+(?:[\w-]+\s+){1,3}?(?:[a-z]{2,}ed|beat|won|ran|"
                              r"broke|went|did|caught|found|took|made|held|kept|got)\b")


def _said_alone(aside: str, end: str) -> str:
    """An aside taken out of its brackets as a sentence of its own, ended once."""
    return aside[:1].upper() + aside[1:] + ("" if aside[-1:] in ".!?" else end)


# A look into something, an arrow, then what it showed: the arrow says "which showed", not "led to"
# ("traced it to timeouts -> silent drops" is a chain of causes: no "to" before the arrow)
# "half broken at any time → wrote a single ingestor → onboarding 3 days → ~2 hrs": a note
# told as problem -> approach -> impact, the arrows between its parts (not "3 days → ~2 hrs")
_CHAIN_ARROW = re.compile(r"(?<=[^\d\s%~])\s+(?:→|->|=>)\s+(?=(\S+)(\s+\S+)?)")
_FIGURE_ARROW = re.compile(r"\d\S*(?:\s+[a-z]{1,8}\.?)?\s*(?:→|->|=>)\s*[~$€£]?\d")


# "didn't do: distill to a smaller model", "not doing: a rewrite": a step the writer left out
_NOT_DONE_LABEL = re.compile(r"^(?:I\s+)?(didn['’]?t|did not|chose not to|decided not to)\s+"
                             r"(?:do|doing)?\s*:\s*(\S.*)$", re.IGNORECASE)


# A thing that did something, said before an arrow: "consumer blew past max.poll.interval"
# (not "slow queries were the issue", how things stood, nor "I profiled it")
_THING_ACTED = re.compile(r"\s*(?:the\s+|our\s+|a\s+|an\s+|its\s+|their\s+)?(?!I\b)[A-Za-z][\w.-]*"
                          r"(?:\s+[a-z][\w.-]*)?\s+(?:blew|crashed|hit|timed out|fell|ran out|"
                          r"exceeded|overflowed|died|hung|stalled|spiked|retried|restarted|"
                          r"leaked|broke|failed|dropped|choked|tripped|overran|panicked)\b")


def _arrow_steps(text: str) -> str:
    """Each part of a problem -> approach -> impact chain said as a sentence of its own: the
    part that opens on a step ("wrote a single ingestor"), and the impact that moves a figure
    ("onboarding 3 days → ~2 hrs"), after a part that says something whole (three words or
    more)."""
    out, at = [], 0
    for match in _CHAIN_ARROW.finditer(text):
        before = text[at:match.start()]
        head = re.split(r"[.;!?]\s", before)[-1]
        word = match.group(1).lower().strip(",.;:")
        nxt = (match.group(2) or "").strip().lower()
        tail = re.split(r"\s(?:→|->|=>)\s(?=[A-Za-z])|[.;!?]\s", text[match.end():])[0]
        step = (word in kb.lexicon().irregular_past or len(word) > 3 and word.endswith("ed")) \
            and word not in kb.lexicon().linking_verbs and word not in _PARTICIPLE_LABELS \
            and not re.match(r"[~$€£]?\d|to\b|from\b|by\b|only\b", nxt)
        impact = not step and bool(_FIGURE_ARROW.search(tail)) and word.isalpha() \
            and has_verb(head.split())
        asked = re.search(r"\b(?:asked|told|had|got|pinged|waited for|let)\s+(?:(?-i:[A-Z])|"
                          r"(?:the|our|my|their)\s+\w+\s+(?:team|lead|owner|vendor))", head)
        if step and _THING_ACTED.match(re.split(r"[:,;]\s|\s(?:->|→|=>)\s", head)[-1]):
            step = False  # "consumer blew past max.poll.interval -> kicked out of group": the
            # thing's own chain of events goes on, no step of the writer's
        if len(head.split()) >= 3 and (step and not asked or impact):  # (not "asked Tomasz to
            # run LISTCAT -> confirmed": what Tomasz found)
            out.append(text[at:match.start()].rstrip(" ,") + ". ")
            at = match.end()
    out.append(text[at:])
    return "".join(out)


_LOOKED_THEN = re.compile(r"^(\W*(?:I\s+)?(?:\w+ly\s+)?(?:"
                          + "|".join(v for v in LOOKING_VERBS if v != "traced")
                          + r")\b(?:(?!\bto\b)[^→>.;]){3,140}?[^\d\s%])\s*(?:→|->|=>)\s*(?=\S)",
                          re.IGNORECASE)
# A hunch, then the step it set off: "something felt off, sliced the eval by city tier",
# "numbers looked wrong so pulled the raw logs": two sentences, the step the writer's own
_FELT_OFF_THEN = re.compile(r"((?:^|(?<=[.;!?]\s))\W*(?:something|it|this|that|things|the \w+|\w+)\s+"
                            r"(?:felt|looked|seemed|smelled|sounded)\s+(?:off|wrong|weird|fishy|odd|"
                            r"strange|suspicious|too good(?: to be true)?|broken|bad))"
                            r"(?:,|\s+so|\s*[-–—])\s+(?=(?:then\s+)?[a-z]{3,}ed\s)", re.IGNORECASE)
_WE_OR_I = re.compile(r"(^|[.;!?]\s+)we,?\s+or\s+(?:(?:more\s+)?honestly|really|actually|rather|"
                      r"more like|to be honest|to be fair|in fact)?,?\s*I,?\s+(?=[a-z])", re.IGNORECASE)
_WE_WELL_I = re.compile(r"(^|[.;!?]\s+)(?:so\s+|and\s+)?we\s+[^,.;:!?]{2,40},\s*(?:well|actually|"
                        r"or rather|i mean|ok|okay)\s*,?\s+(?=I\b)", re.IGNORECASE)
_MY_SHARE_WAS = re.compile(r"My (?:part|piece|bit|share|contribution) was\s+(?!(?:small|big|tiny|minor|"
                           r"huge|large|limited|smaller|bigger|easy|hard|simple|mostly|pretty|quite|"
                           r"very|really|honestly|just|only|not|less|more|bigger|clear)\b)")
# What the writer made, and what it showed: "A sampling job I ran across the pipeline found
# emails in logs", "Load test I ran showed p99 at 1.9s": the finding of the writer's own digging
_MADE_BY_ME = re.compile(
    r"(?!I\b)(?P<thing>(?:[\w/.-]+\s+){1,4})(?:that\s+)?I\s+(?:had\s+|just\s+)?(?:ran|run|wrote|"
    r"built|set up|added|made|put together|pulled|did|created|threw together|hacked together|"
    r"spun up|kicked off|drafted|scripted|wired up|deployed)\b[^.!?;]*?\b(?:showed|shows|found|finds|revealed|"
    r"returned|confirmed|flagged|caught|surfaced|proved|turned up|came back|pointed|traced|"
    r"matched|reproduced|counted|listed|gave)\b", re.IGNORECASE)
_TLDR_INSIDE = re.compile(r"(?<=[.!?])\s+tl\s*;\s*dr\s*[:\-–—]*\s+(?=\w)", re.IGNORECASE)
_DANGLING_I = re.compile(r"(?<=[\w)])(?:(?:,?\s+(?:so|and|then|but)\b[^.;:!?()]{0,40}?)?\s+I"
                         r"(?:\s+(?:also|then|just|basically|had to))?|"
                         r",?\s+(?:and(?: then)?|then|plus))\s*:\s*$")
_TURNED_OUT = re.compile(r"\b((?:it\s+)?turn(?:ed|s)\s+out)\s*[:\-–—]+\s+(?=\S)", re.IGNORECASE)


def _proposal_label(text: str) -> bool:
    """"wrote the proposal: stop pre-tiling": a label naming a proposal, its content after it."""
    match = _LABEL.match(_BULLET.sub("", text).strip())
    return match is not None and len(match.group(1).split()) <= 5 \
        and _PROPOSES.search(match.group(1)) is not None


# Words in "-ing" that name a thing, not a doing: "no monitoring on the queue" is "There was no
# monitoring ...", while "no blaming individual teams" is said as written
_ING_NOUNS = frozenset({"thing", "nothing", "something", "string", "ring", "king", "wing",
                        "ceiling", "warning", "meeting", "building", "pricing", "logging",
                        "tracing", "monitoring", "alerting", "testing", "tooling", "onboarding",
                        "funding", "staffing"})
_NO_THING_WORDS = 4  # "no DSL", "no new deps": what a proposal leaves out, said in a few words


def _goes_on_proposing(text: str) -> bool:
    """A sentence after a proposal's label that opens on a plain verb in lower case ("store
    each scene once as a COG"): more of what was proposed, not a step taken."""
    words = text.split()
    lexicon = kb.lexicon()
    if len(words) <= _NO_THING_WORDS and words and words[0] == "no":
        return True  # "proposed: plain YAML + a validator. no DSL.": what it left out
    return bool(words) and words[0][:1].islower() and not words[0].endswith("ed") \
        and words[0] not in lexicon.irregular_past and words[0] not in lexicon.linking_verbs \
        and _verb_kind(words[0], [w.lower() for w in words[:8]], "action") == "base"


# "... at our volume. wrote a 2-page doc": a stop, then a step in lower case with no subject
_STOP_THEN_WORD = re.compile(r"(?<=[A-Za-z0-9%)\]])[.!?]\s+(?=[a-z])")


def _subjectless_steps(text: str) -> list[str]:
    """In notes that mostly start sentences with capitals, a stop followed by a past-tense verb
    in lower case still ends a sentence: the writer dropped the "I", not the stop."""
    parts, start = [], 0
    for stop in _STOP_THEN_WORD.finditer(text):
        before = text[start:stop.start()].split()
        word = before[-1].lower().strip("(\"'“‘") if before else ""
        if not word or word in ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"v\d+", word):
            continue
        rest = text[stop.end():].split()
        if _verb_kind(rest[0], [w.lower() for w in rest[:8]], None) == "past":
            parts.append(text[start:stop.start() + 1])
            start = stop.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _open_quotes(text: str) -> int:
    return text.count('"') % 2 + text.count("“") - text.count("”")


# Who a quote is from, named before it: "COO:", "Priya (PM):", "the VP wrote:", "Sam said".
_QUOTED_BY = re.compile(r"^\W*(?:(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*))?(?:\s*\([^()]{1,30}\))?\s*:"
                        r"|(?:the|our|my|their)\s+(?:[\w-]+\s+){0,2}(?:vp|cto|ceo|coo|cfo|director|"
                        r"manager|lead|pm|customer|client)\s+(?:said|wrote|replied|asked)\s*:?"
                        r"|(?-i:[A-Z][a-z]+)\s+(?:said|wrote|replied|asked)\s*:?)\s*$", re.IGNORECASE)
_SAID_BY = re.compile(r"\s*[—–]\s*([A-Za-z][\w .'’()-]{0,40}?)[.\s]*")


_ASIDE_SENTENCES = 4  # at most, inside one pair of brackets
_ASIDE_CHARS = 400
# "notes to self - don't put in post:": what opens an aside the writer wrote to themselves
_SELF_NOTE = re.compile(r"^\s*(?:(?:later |side )?notes? to (?:self|me|myself)|context for (?:future )?me|"
                        r"nb|fyi|for me)\b[^:.]{0,40}:\s*", re.IGNORECASE)


_PLAIN_STARTS = frozenset({"the", "this", "that", "these", "those", "there", "it", "if", "when",
                           "so", "but", "and", "then", "also", "no", "not", "nothing", "nobody",
                           "small", "easy", "simple", "one", "two", "three", "some", "most",
                           "each", "every", "all", "only", "just", "still", "which", "what"})


def lower_lead(text: str, common: frozenset[str] = frozenset()) -> str:
    """A clause said after a semicolon, its first word in lower case unless it is a name:
    "...; if the customer can edit it" ("If" is no name; "Harald" and "API" stay). ``common``:
    more words known to be no name (those the notes write in lower case elsewhere)."""
    first = (text.split() or [""])[0].strip(",.:;")
    plain = first.lower() in _PLAIN_STARTS or first.lower() in kb.lexicon().function_words \
        or (first.isalpha() and first.lower() in common)
    return text[:1].lower() + text[1:] if plain and first.istitle() and first != "I" else text


def _asides_whole(sentences: list[str]) -> list[str]:
    """Sentences inside one pair of brackets kept as one: "(context for future me: ~3 yrs at
    the bank. Marcus is TL, I don't lead anyone.)" is one aside, never cut at its full stop."""
    out: list[str] = []
    at = 0
    while at < len(sentences):
        sentence, end = sentences[at], at
        if sentence.startswith("(") and sentence.count("(") > sentence.count(")"):
            # "(notes to self: the parallel run was Deb's idea. the cron is fragile)": an aside
            # of whole sentences is read sentence by sentence, without its brackets
            inner = sentences[at:at + _ASIDE_SENTENCES]
            close = next((i for i, later in enumerate(inner) if i and later.count(")")
                          > later.count("(")), 0)
            if close:
                first = _SELF_NOTE.sub("", sentence[1:]).strip()
                last = re.sub(r"\)([.!?]?)\s*$", r"\1", inner[close]).strip()
                out.extend(part for part in (first, *inner[1:close], last) if part.strip())
                at += close + 1
                continue
        if sentence.count("(") > sentence.count(")"):
            joined = sentence
            for later in range(at + 1, min(len(sentences), at + _ASIDE_SENTENCES)):
                joined = f"{joined} {sentences[later]}"
                if joined.count("(") <= joined.count(")"):
                    if joined.count("(") == joined.count(")") and len(joined) <= _ASIDE_CHARS:
                        sentence, end = joined, later
                    break
        out.append(sentence)
        at = end + 1
    return out


def _quotes_whole(sentences: list[str]) -> list[str]:
    """Sentences with someone else's quote of several sentences kept as one: 'COO: "We were
    within our rules. That is not the bar. I need a plan by Friday."' is the COO's, every word
    of it (its "I" is not the writer's). A quote of the writer's own message ("posted in
    #finance: "That's my bug - I renamed ...") is split as before: its steps are theirs."""
    out: list[str] = []
    at = 0
    while at < len(sentences):
        sentence = sentences[at]
        end = at
        first = min((i for i in (sentence.find('"'), sentence.find("“")) if i >= 0), default=-1)
        if first >= 0 and _open_quotes(sentence) > 0:
            joined = sentence
            for later in range(at + 1, min(len(sentences), at + 8)):
                joined = f"{joined} {sentences[later]}"
                if _open_quotes(joined) <= 0:
                    said_by = _SAID_BY.fullmatch(sentences[later + 1]) \
                        if later + 1 < len(sentences) else None
                    if len(joined) <= 700 and (_QUOTED_BY.match(sentence[:first]) and not re.search(
                            r"\b(?:I|me|my)\b", sentence[:first]) or said_by and not
                            sentence[:first].strip()):
                        sentence, end = joined, later
                        if said_by and not sentence[:first].strip():  # '"..." — COO'
                            sentence, end = f"{said_by.group(1)}: {sentence}", later + 1
                    break
        elif first >= 0 and not sentence[:first].strip() and at + 1 < len(sentences) \
                and (said_by := _SAID_BY.fullmatch(sentences[at + 1])) is not None:
            sentence, end = f"{said_by.group(1)}: {sentence}", at + 1  # a quote read whole
        out.append(sentence)
        at = end + 1
    return out


_ENUMERATOR = re.compile(r"(?:^|\s)\(?([a-h]|[1-9]|i{1,3}|iv)\)\s+(?=\S)")


_OPTIONS_SAID = re.compile(r"^[^()]{3,80}:\s\((?:a|1|i)\)\s[^()]+,\s\((?:b|2|ii)\)\s")


def _enumerated(text: str) -> list[str]:
    """"(a) I changed the OTA agent (b) bootloader now falls back": each lettered or numbered
    item said on its own, without its letter."""
    marks = list(_ENUMERATOR.finditer(text))
    intro = text[:marks[0].start()].rstrip() if marks else ""
    if len(marks) >= 2 and re.search(r"\bI (?:\w+ly )?(?:proposed|suggested|recommended|pitched)$",
                                      intro):
        intro += ":"  # "I proposed a) send it to one client; b) backoff": what was proposed
    if len(marks) >= 2 and intro.endswith(":") and _PROPOSES.search(intro):
        items = [text[m.end():n.start() if n else len(text)].strip(" ,;")
                 for m, n in zip(marks, [*marks[1:], None], strict=True)]
        if all(an_option(item) for item in items):
            # "gave my manager two options: (1) delay launch a week (2) ship without the
            # export": options, not steps taken; said together, letters kept for "went with (b)"
            mine = _OPTIONS_I.match(intro)  # "options I laid out:" -> "I laid out these options:"
            verb = mine.group(2).split()[0].lower() if mine else ""
            if mine is not None and (verb.endswith("ed") or verb in kb.lexicon().irregular_past):
                intro = f"I {mine.group(2)} these {mine.group(1)}:"
            return [intro + " " + ", ".join(f"({m.group(1)}) {item.rstrip('.')}"
                                            for m, item in zip(marks, items, strict=True))]
    if marks and len(marks) >= 2 and intro.endswith(":"):
        # "fix, two parts, we split it: (a) I changed the print call (b) desktop eng pushed a
        # GPO": what the list is, then each item on its own
        return [intro.rstrip(":").strip() + ".", *_enumerated(text[marks[0].start():].strip())]
    if not marks or marks[0].start() != 0:
        return [text]  # "in (1) prod and (2) staging": the letters are inside one sentence
    cuts = [m.start() for m in marks if m.start() > 0]
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return [_ENUMERATOR.sub(" ", piece, count=1).strip() for piece in pieces if piece.strip()]


_OPTIONS_I = re.compile(r"^(?:the\s+)?([a-z]+s)\s+I\s+([a-z]+(?:\s+(?:out|up|over))?)\s*:$",
                        re.IGNORECASE)


def an_option(item: str) -> bool:
    """"delay launch a week", "do nothing", "store-and-forward": an option as a list gives it,
    in lower case, with no step told in the past ("desktop eng pushed a GPO")."""
    words = [w.lower().strip(",.;:()") for w in item.split()[:5]]
    irregular = kb.lexicon().irregular_past
    return bool(words) and item[:1].islower() and words[0] not in _PRONOUNS \
        and not any(w.endswith("ed") and len(w) > 4 or w in irregular for w in words)


_ANY_FILLER = re.compile(r"\b(?:um+|uh+|erm|uhm|like|you know|I mean|what I did was)\b",
                         re.IGNORECASE)
_SELF_REPAIR = re.compile(r"\b(\w+(?:['’]\w+)?)(?:,?\s+(?:um+|uh+|erm|uhm),?|,\s*(?:like|you know|I mean),)"
                          r"\s+\1\b", re.IGNORECASE)  # "she's, like, she's worried"
_INLINE_FILLER = re.compile(r",\s*like\s*,\s*|(?:(?<=\bbecause)|(?<=\band)|"
                            r"(?<=\bbut)|(?<=\bthat)|(?<=\bwhich)),\s*(?:you know|I mean)\s*,\s*",
                            re.IGNORECASE)
_ASIDE_FILLER = re.compile(r",\s*(?:you know|I mean|um+|uh+|erm|uhm)\s*,\s*", re.IGNORECASE)
_BARE_FILLER = re.compile(r"(?<![\w'’-])(?:um+|uh+|erm|uhm)\b,?\s*", re.IGNORECASE)
_WHAT_I_DID = re.compile(r"(^|[.!?]\s+)(?:so |and )?what I did was(?:,\s*|\s+(?=(?:I|we|so|then|"
                         r"um+|uh+|like)\b))(?=\S)", re.IGNORECASE)  # not "... was wrong"


# "First thing I did was categorize 6 months of pages": the writer's step, in their words.
FIRST_I_DID = re.compile(r"^(?:so |and )?(?:the )?(?:first|next|only) (?:thing|step) I did was\b",
                         re.IGNORECASE)


def _unfilled(text: str) -> str:
    """Spoken fillers left out: "a, um, a login count" -> "a login count", "which, like,
    people" -> "which people", "so what I did was, I went" -> "I went"."""
    if not _ANY_FILLER.search(text):
        return text
    text = _SELF_REPAIR.sub(r"\1", text)
    text = _INLINE_FILLER.sub(lambda m: ", " if re.match(  # "I built it, like, three days?"
        r"(?:~|\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten|twenty|a few)",
        text[m.end():m.end() + 7], re.IGNORECASE) else " ", text)
    text = _ASIDE_FILLER.sub(lambda m: " " if re.search(  # "is to, um, sign off": no pause
        r"\b(?:to|the|a|an|of|is|was|gonna|wanna|my|our|their|and|on|in|for|with)$",
        text[:m.start()], re.IGNORECASE) else ", ", text)
    text = _BARE_FILLER.sub("", text)
    return _WHAT_I_DID.sub(r"\1", text)


def _capitalised(text: str) -> bool:
    """Whether the writer starts sentences with capitals: then "v2. fixed" is not two."""
    starts = re.findall(r"[.!?]\s+([A-Za-z])", text)
    return bool(starts) and sum(c.isupper() for c in starts) * 2 > len(starts)


# (not a purpose: "built a dual-write path so we could cut over safely" is one thought)
# A clause on the object of the writer's step, inside commas, before the step goes on
_WHICH_WE_THEN = re.compile(r",\s+which\s+we\b[^,;.]{3,60},\s+(?:to|into|onto|from|via|on|in|at|for|"
                            r"with|behind|under|rather)\b", re.IGNORECASE)
# ("collected evidence as we went": when, not a step of the team's)
_I_THEN_WE = re.compile(r",?\s+(?:(?:and|but|then|and then|while|and yeah|because|since|"
                        r"as(?!\s+we\s+(?:went|go|going|progressed|did|grew)\b)|"
                        r"where|when|after|once|which)\s+(?=we\b(?!['’]d\b)(?!\s+(?:could|would|might)\b)"
                        r"|we['’](?![dD]\b))|(?:so|so that)\s+"
                        r"(?=we\b(?!['’])(?!\s+(?:could|can|would|might)\b)|we['’](?![dD]\b)))|"
                        r"[,;]\s+(?=we\s+[a-z])|"
                        # "..., the other we replaced at its contract end": the team's step, its
                        # object said first
                        r"[,;]\s+(?:and\s+)?(?=(?:the other|the others|the rest|one|both|some)"
                        r"(?:\s+\w+)?\s+we\s+[a-z])", re.IGNORECASE)
# "The first wave hit OOMs, so I lowered the batch size": the context, then the writer's step.
# "..., so at 09:36 I flipped it off": a time between the joining word and the writer's step
_AT_TIME = r"(?:(?:at|by|around|about|after|before|until)\s+~?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?,?\s+|" \
    r"(?:" + TIME_LEADS + r"),?\s+)?"
_CONTEXT_THEN_I = re.compile(r"\s*(?:,|;|--|—|–)\s*(?=(?:but|so|and|and so|and then|then)\s+" + _AT_TIME
                             + r"I\s+[a-z])|\s+(?=(?:so|and so|and then)\s+" + _AT_TIME
                             + r"I\s+(?!(?:can|could|would|might|may|will|won['’]t|can['’]t|"
                             r"don['’]t|dont|do not|wouldn['’]t|wouldnt|lose|forget|remember|know|"
                             r"have|get|keep)\b)[a-z])|\s*(?:->|-->|→|=>)\s*(?=I\s+[a-z])")
_WE_THEN_I = re.compile(r",?\s+(?=(?:and|but|so|then|and then|while)\s+I\b)|[,;]\s+(?=I\s+[a-z])")


_MEASURING = frozenset({"measured", "counted", "timed", "benchmarked", "sampled", "profiled",
                        "estimated", "calculated", "sized", "priced", "costed", "tallied"})


# A label that names a proposal: what follows it is what was proposed, not a step taken.
_PROPOSES = re.compile(r"\b(?:propos\w*|suggest\w*|recommend\w*|pitch\w*|rfc|doc|design doc|"
                       r"(?:one|two|three|four|five|six|\d{1,2})-?pager|spec|write-?up|narrative|"
                       r"pr-?faq|memo|adr|plan|options?|ideas?|asks?|request\w*|alternatives?|"
                       r"offer\w*|counter-?\w*)\b",
                       re.IGNORECASE)


# The fields of an incident report or ticket: when or by whom, never a step of the writer's.
_REPORT_FIELDS = frozenset({"detected", "reported", "mitigated", "resolved", "acknowledged",
                            "acked", "started", "ended", "escalated", "opened", "closed",
                            "created", "updated", "assigned", "triaged", "confirmed"})


# A look named by its verb alone, before what it found: "checked: ...", "measured: ..."
_LOOKED_ALONE = frozenset({"checked", "measured", "counted", "verified", "confirmed", "tested",
                           "profiled", "traced", "queried", "grepped", "sampled", "compared",
                           "diffed", "audited", "benchmarked", "looked", "dug", "investigated"})


def _split_verb_label(text: str) -> list[str]:
    """"shipped the fix: moved the export to a replica" -> the label is itself an action ("shipped
    the fix"), kept with its verb, and the rest is said on its own."""
    plain = _BULLET.sub("", text).strip()
    clock = _CLOCK.match(plain)  # "14:00 pulled the feature logs: a tenure feature was null"
    stamp = plain[:clock.end()] if clock else ""
    match = _LABEL.match(plain[len(stamp):])
    if not match or len(match.group(1).split()) > 5 or _NOT_DONE_LABEL.match(plain):
        return [text]
    words = match.group(1).lower().split()
    if " ".join(words).replace("’", "'") in kb.section_headings():
        return [text]  # "went well: the rollback was fast": a heading, not a step
    if re.search(r"\bfor (?:later|next time|the future|the retro|the interview|self|me)$",
                 " ".join(words)):
        return [text]  # "thought for later: ...": a note's label, no step
    if len(words) >= 3 and words[0] in ("what", "how") and words[1] == "i" \
            and _verb_kind(words[2], words[2:], "action") == "past" \
            and words[2] not in _NOT_STEPS and not match.group(2)[:1].isupper():
        return [match.group(2)]  # "what I cut: only built the 14 schedules": the step itself
    if _verb_kind(words[0], words, "action") != "past" or words[0] in _SINGULAR \
            or "(" in match.group(1) or (words[0] in _PARTICIPLE_LABELS and len(words) <= 2):
        return [text]  # "proposed fix (from another team): ...": a name for what follows
    if len(words) == 1 and (words[0] in _REPORT_FIELDS or _CLOCK.match(match.group(2))
                            or re.match(r"(?:mon|tue|wed|thu|fri|sat|sun)\w*\b|by\s",
                                        match.group(2), re.IGNORECASE)):
        return [text]  # "Detected: Sat 09:12 by Lena", "Mitigated: 10:40": a report's field
    if _DESCRIBES.search(match.group(2)):
        return [text]  # "wrote a doc: hosted fields are the only things that see a card"
    if len(words) == 1 and words[0] in _LOOKED_ALONE and not find_deltas(match.group(2)) \
            and not re.search(r"\b(?:went|dropped|fell|rose|grew|climbed|improved|down|up) "
                              r"(?:from|to|by)\b", match.group(2)) \
            and _verb_kind(match.group(2).split()[0].lower(), match.group(2).lower().split(),
                           "action") is None:
        return [text]  # "checked: 41 clinics in AZ, 17 had Denver set": what the look found
    if _judged_option(words, match.group(2).split()):
        return [text]  # "sharded pg: more work for us upfront, but ...": an option and what it
        #                costs, beside "vendor db: p99 writes ~3x worse", no step taken
    if re.search(r"\s(?:vs\.?|versus)\s", match.group(2), re.IGNORECASE):
        return [text]  # "ran a 3 week A/B: retrain every 3 days vs every night": what was
        #                compared, never a step of its own
    if words[0] in _FINDING_VERBS and len(words) <= 3 and (len(words) == 1 or words[1] in (
            "it", "the", "that", "this", "out")) and not _PLURAL_WORD.search(match.group(2)) \
            and not re.match(r"I\b", match.group(2)) \
            and _verb_kind(match.group(2).split()[0].lower(),
                           [w.lower() for w in match.group(2).split()], "action") != "past":
        return [text]  # "Found it: a config deploy pointed ... at a stale cache": what was found
    if _PROPOSES.search(match.group(1)):
        return [text]  # "wrote the proposal: strip location by default": what it proposed
    rest = match.group(2).split()
    if rest and rest[0].lower() in ("mostly", "mainly", "largely", "partly", "all", "both"):
        return [text]  # "fixed 9 of them myself: mostly shared fixture state": what they were
    if words[-1] in _MADE_THINGS and rest and (
            rest[0] in kb.lexicon().base_past or rest[0] in _TOOL_VERBS
            or re.fullmatch(r"[a-z]{3,}", rest[0]) and rest[0] not in kb.lexicon().function_words
            and not rest[0].endswith(("ed", "ing", "ly")) and not has_verb(rest[1:6])):
        return [text]  # "wrote script: list unattached volumes ...", "added test: scroll 50
        #                pages, assert heap < 120MB": what the thing does
    if re.match(r"[~≈$]?\d[^:]*?(?:->|→|=>)", match.group(2)) or _TABLE_ROW.match(match.group(2)):
        return [text]  # "missed inspections: 11 in Q3 -> 0 since", a table's "missed excursions:
        #                before 7, after 1": a measure and its move
    rest = match.group(2).split()
    if rest and words[0] in _MEASURING and not has_verb(rest[:12]):
        return [text]  # "measured it: ~180 bytes/object avg": the figure is what the step found
    if rest and rest[0][:1].islower() and _verb_kind(rest[0].lower(), [w.lower() for w in rest],
                                                     "action") is None \
            and not has_verb(rest[:12]) and not find_figures(match.group(2)):
        return [text]  # "fixed both sides: idempotent write-then-ack in their service": what
    return [stamp + match.group(1), match.group(2)]  # the step was, said with it


def _judged_option(label: list[str], body: list[str]) -> bool:
    """Whether "sharded pg: more work for us upfront" names an option and what it is worth (a
    participle and a bare noun), not a step the writer took."""
    return len(label) == 2 and label[1].lower() not in kb.lexicon().function_words \
        and bool(body) and body[0].lower().strip(",.;:") in _JUDGED


# Words that open what an option is worth ("more work for us upfront", "cheaper but slower")
_JUDGED = frozenset({"more", "less", "fewer", "cheaper", "costlier", "faster", "slower", "better",
                     "worse", "higher", "lower", "simpler", "harder", "easier", "safer",
                     "riskier", "pros", "pro", "cons", "con", "+", "-", "no", "not", "too",
                     "expensive", "cheap", "risky", "slow", "fast", "complex", "overkill"})
# Things a step makes, whose label a line goes on to say the work of ("wrote script: list ...")
_MADE_THINGS = frozenset({"script", "scripts", "tool", "job", "cron", "lambda", "bot", "check",
                          "checks", "query", "queries", "alert", "alerts", "test", "tests", "hook",
                          "linter", "lint", "rule", "rules", "workflow", "action", "cli", "helper",
                          "wrapper", "runbook", "playbook", "dashboard", "step", "pipeline"})
# A thing named by a verb's word and a made thing's ("backfill script", "cleanup job"); verbs
# that make or run such a thing take it as their object ("wrote script for it" stays a step)
_COMPOUND_HEADS = _MADE_THINGS - {"test", "check", "alert", "action", "step", "lint", "rule"}
_COMPOUND_TAILS = frozenset({"for", "to", "that", "which", "in", "on", "from", "over", "with",
                             "(", "+", "&", "-", "--", "—", "–", ":", "and", "was", "is", "ran",
                             "runs", "took", "takes"})
_MAKING = frozenset({"write", "wrote", "build", "built", "run", "ran", "add", "added", "make",
                     "made", "create", "created", "ship", "shipped", "fix", "fixed", "use", "used",
                     "deploy", "deployed", "kill", "killed", "delete", "deleted", "remove",
                     "removed", "update", "updated", "rewrite", "rewrote", "drop", "dropped",
                     "set", "schedule", "scheduled", "disable", "disabled", "enable", "enabled",
                     "own", "owned", "test", "tested", "debug", "debugged", "patch", "patched"})
# What a tool does, said in the base form after its label ("bot: flag any test that fails twice")
_TOOL_VERBS = frozenset({"list", "lists", "tag", "tags", "scan", "scans", "flag", "flags", "post",
                         "posts", "fail", "fails", "ping", "pings", "page", "pages", "file", "files",
                         "mark", "marks", "warn", "warns", "block", "blocks", "skip", "skips",
                         "diff", "diffs", "count", "counts", "email", "emails", "alert", "alerts"})
# A table's row as the notes reader says it: "failed updates: before 22%, after 1.5%"
_TABLE_ROW = re.compile(r"\s*before\b.*\bafter\b", re.IGNORECASE)


# A look into something, said as a label before what it showed ("profiled: ~70% is lookups")
_LOOKED_INTO = frozenset(v for v in LOOKING_VERBS if " " not in v)
# A step that names what the writer put forward, its content after the colon
_PROPOSING = frozenset({"proposed", "suggested", "pitched", "recommended", "drafted", "designed",
                        "wrote", "built", "added", "introduced", "set", "picked", "chose"})


# A name that ends like a past verb, then the team the person sits on: "Ahmed on infra team",
# "Mohammed from the data team" (their deed follows).
_NAME_OF_A_TEAM = re.compile(r"(?-i:[A-Z][a-z]+ed)\s+(?:on|from|in|at|of|with)\s+(?:the\s+|our\s+|"
                             r"their\s+)?(?:[\w-]+\s+){0,3}?(?:team|squad|group|org)\b")
# What a thing ran on, or how often: "ran on 40 nodes", "ran nightly" (not "ran the backfill")
_RAN_ON = frozenset({"on", "in", "every", "nightly", "hourly", "daily", "weekly", "monthly",
                     "once", "fine", "ok", "okay", "hot", "slow", "slower", "faster", "fast",
                     "out", "at", "under", "over", "inside", "as"})


_GIVEN_TO = frozenset({"assigned", "given", "handed", "passed", "routed", "escalated", "forwarded",
                       "sent", "reassigned", "delegated", "tossed", "dumped"})
# How often, then the thing run: "weekly 30-min one-on-ones", "daily standups" (not "nightly
# on 40 nodes", "weekly.", "daily at 2am")
_RAN_WHAT = re.compile(r"(?:nightly|hourly|daily|weekly|monthly)\s+(?![\d:]+\s*(?:am|pm)\b|[\d:]+$)"
                       r"(?!(?:on|in|at|for|from|until|til|till|via|with|and|but|so|since|"
                       r"during|over|under|by|as|to|the|a|an|without)\b)[\w$~][\w:/+-]*")


def _put_forward(label: str) -> bool:
    """"Proposed delta screening", among the writer's steps: what they put forward, not the
    name of someone's proposal ("proposed fix (from another team)")."""
    words = label.lower().split()
    return len(words) >= 3 and words[0] in ("proposed", "suggested", "recommended") \
        and "(" not in label and words[1] not in _NOT_STEPS


def _steps_label(label: str) -> bool:
    """A label that is itself the writer's step: "Wrote a 6-page doc (...)"."""
    words = re.sub(r"\s*\([^()]*\)", "", label).lower().split()
    return len(words) >= 2 and (words[0] not in _PARTICIPLE_LABELS or words[1] in (
        "a", "an", "the", "my", "our", "two", "three", "that", "this", "to")) \
        and words[0] not in _NOT_STEPS and words[0] not in _SINGULAR \
        and _verb_kind(words[0], words, "action") == "past"


# What follows a step's colon says how things are, with its own subject: "hosted card fields in
# an iframe are the only things that see a card".
_DESCRIBES = re.compile(r"^(?!(?:is|are|was|were)\b)[^,;:]{3,80}?\s(?:is|are|was|were)\s"
                        r"(?!(?:\w+ed|by)\b)", re.IGNORECASE)


def _clause_after_comma(text: str) -> bool:
    """Whether a clause with its own verb follows the first comma: "..., anyone could"."""
    rest = text.split(",", 1)[1].split()[:8] if "," in text else []
    if not rest or has_verb(rest[:1]) or rest[0].lower() in ("and", "then", "but"):
        return False  # "paired with her on the code, let her write the doc": steps go on
    return has_verb(rest) or any(w.lower() in ("could", "can", "would", "will", "might", "may",
                                                "should", "must") for w in rest)


_TOOK_TIME = re.compile(r"(?:~|about |around |roughly |almost |nearly |over |under |just )?"
                        r"(?:\d[\d.]*|a|an|one|two|three|four|five|six|a few|a couple of)\s*"
                        r"(?:-\s*\d+\s*)?(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|wks?|months?|"
                        r"sprints?|quarters?|years?)\b", re.IGNORECASE)
_PARTICIPLE_OPENERS = frozenset({"combined", "compared", "coupled", "based",
                                 "added", "weighed", "measured", "set", "taken", "put"})
_NOT_STEPS = frozenset({"learned", "learnt", "got", "felt", "thought", "knew", "saw", "noticed",
                        "found", "missed", "wished", "was", "had", "did", "took", "said"})
_PARTICIPLE_LABELS = frozenset({"proposed", "suggested", "recommended", "expected", "planned",
                                "agreed", "estimated", "updated", "revised", "required",
                                "desired", "intended", "affected", "related", "detailed",
                                "staged", "phased", "signed", "shared", "managed", "hosted"})
# Words that say what a thing is, after it: "launched isnt done", "shipped = done"
_IS_WORDS = frozenset({"is", "isnt", "isn't", "isn’t", "was", "wasnt", "wasn't", "wasn’t", "are",
                       "means", "=", "≠", "!=", "==", "vs", "vs."})
_FEW = frozenset({"a", "an", "two", "three", "four", "five", "six", "several", "many", "few",
                  "some", "another"})
# What a piece of work took: "took 3 meetings", "took two weeks"
_EFFORTS = frozenset({"meetings", "meeting", "weeks", "week", "days", "day", "hours", "hour",
                      "months", "month", "tries", "attempts", "rounds", "sprints", "sprint",
                      "iterations", "calls", "reviews", "emails", "quarters", "wks", "hrs",
                      "mins", "minutes", "years", "yrs"})


# Someone other than the writer, as the subject of a clause: "Ben", "Ana + Tomas", "Dana's
# team", "Jonah (QA)", "the infra team", "my manager", "they".
# A name written with a hyphen: short syllables ("Dae-jung", "Jae-won", "Ka-wai") or two
# capitalised parts ("Jean-Luc"), never a word that opens on a prefix ("Re-run", "Per-team")
HYPHENED_NAME = (r"(?!(?:Re|Pre|Post|Co|Non|Sub|Per|Pro|Top|Low|Mid|Off|On|In|Out|Up|Dry|Hot|Set|"
                 r"Add|Opt|Log|Two|One|Day|End|Key|Raw|Big|New|Old|Low|All|Bad|Cut|Run|Fix|Go|"
                 r"No|Ad|De|Un|Ex|Bi|Tri|Auto|Self|Semi|Anti|Over|Half|Full|Long|Real|Well|"
                 r"Back|Hand|Kick|Load|Roll|Sign|Cross)-)"
                 r"[A-Z](?:[a-zà-öø-ÿ]{1,3}-[a-zà-öø-ÿ]{2,4}|[a-zà-öø-ÿ]+-[A-Z][a-zà-öø-ÿ]+)\b")
_OTHER_SUBJECT = re.compile(
    r"(?:(?:this|that|the other|one|some)\s+(?:guy|gal|dude|person|lady|man|woman|folks|team|"
    r"people|engineer|dev)\b"  # "this guy said no", "that team owns it": people left unnamed
    r"|(?:the|my|our|his|her|their|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}|"
    r"several|both)\s+(?:[\w-]+\s+){0,2}(?:team|teams|lead|leads|manager|"
    r"director|pm|vp|owners?|folks|sre|qa|on-call|primary|secondary|reviewers?|engineers?|"
    r"customers?|users?|"
    r"ems?|pms|tls|sres|devs?|developers?|students?|interns?|analysts?|scientists?|"
    r"researchers?|nurses?|doctors?|clinicians?|agents?|designers?|admins?|operators?|"
    r"testers?|partners?|vendors?|contractors?|execs|seniors|juniors|hires?|teammates?|peers?|"
    r"colleagues?|mentees?|architects?|people|office|board|committee|council|department|"
    r"callers)"
    r"(?:\s+(?-i:[A-Z][a-z]+)|\s*\((?-i:[A-Z])[^()]{0,40}\))?"  # "their on-call Yuki", "the intern (Noor)"
    r"|(?:each|every|all)\s+(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+)?(?:team|teams|lead|leads|tls?|ems?|"
    r"managers?|owners?|pms?|squads?|regions?|countries|country|sites?|stores?|markets?|"
    r"orgs?|groups?|tribes?|units?|hospitals?|clinics?|plants?|warehouses?|schools?)\b"
    # "each team's TL owned their own cleanup", "each region did its own"
    r"|(?-i:[A-Za-z][a-z]+)\s+from\s+(?:the\s+)?[\w-]+(?:\s+team)?(?=\s+(?:\w+ly\s+)?[a-z]+ed\b)"
    r"|[\w-]+['’]s\s+(?:[\w-]+\s+)?(?:engineers|devs|developers|folks|people|analysts|designers)"
    r"|the\s+(?-i:[a-z]+(?:ers|ists|ians))(?=\s+(?:had|have|were|got|did|said|asked|wanted|"
    r"re-?\w+ed|lost|missed|complained|noticed|called|came)\b)"  # "the astronomers had to ..."
    r"|(?:[\w-]+\s+){0,2}teams?|(?:the\s+)?(?:[\w-]+\s+)?(?:directors|managers|leads|execs|leadership|"
    r"stakeholders|reviewers|owners|teams|vps|security|legal|finance|compliance|privacy|"
    r"procurement|hr|management|support|ops|secops|devops|sre|infra|qa|ux|dbas?|netops|it|eng|"
    r"engineering|dispatch|scheduling|sales|marketing|accounting|billing|payroll|facilities|"
    r"logistics|operations|analytics)(?:\s*\([^()]{1,40}\))?"
    r"(?=\s+(?:\w+ly\s+)?(?:had\s+(?:already\s+)?[a-z]+(?:ed|en)\b|signed|approved|agreed|asked|said|wanted|refused|rejected|pushed|"
    r"insisted|ran|owns|owned|took|reviewed|confirmed|found|objected|blocked|decided|accepted|"
    r"came back|did|fixed|built|wrote|handled|rotated|renewed|shipped|deployed|made|set up|"
    r"helped|let|allowed|gave|sent|edited|signed|overrode|escalated|reported|complained|"
    r"flagged|noticed|caught|paged|could|would|might|will|can|re-?(?:ran|did|wrote|built|sent|"
    r"[a-z]+ed)))"
    # "payments-core agreed to own it": a team named like a service, with a deed only people do
    r"|[a-z]+(?:-[a-z]+)+(?=\s+(?:agreed|refused|declined|promised|committed|volunteered|"
    r"objected|signed off)\b)"
    r"|(?:\d+|two|three|four|five|six|several|a few|a couple of)\s+(?:other\s+)?(?:[\w-]+\s+)?"
    r"(?:engineers|devs|developers|people|folks|teams|testers|reviewers|contractors|institutions|"
    r"orgs|organi[sz]ations|companies|cos|firms|startups|partners|customers|clients|hospitals|"
    r"schools|charities|"
    r"museums|banks|vendors|universities|councils|agencies|departments|squads|groups)"
    r"|(?-i:[A-Z]{2,4})\s*(?:\+|&)\s*(?-i:[A-Z]{2,4}|[A-Z][a-z]+)"  # "HR + VP approved"
    r"|(?-i:[A-Z][a-zà-öø-ÿ]+)\s*(?:\+|&|and)\s*(?:the|my|our|their)\s+(?:[\w-]+\s+){0,3}"
    r"(?:lead|manager|director|pm|owner|engineer|team)(?:\s*\([^()]{1,30}\))?"
    r"|(?-i:" + HYPHENED_NAME + r"|[A-Z][a-zà-öø-ÿ]+)"  # "Dae-jung", "Jean-Luc"
    r"(?:['’]s\s+(?:[\w-]+\s+)?(?:team|leads?|manager|folks|org|group))?"
    r"(?:\s*(?:\+|&|and)\s*(?-i:[A-Z][a-zà-öø-ÿ]+))?(?:\s+(?:on|from|in) (?:my|our|the|their|his|her)"
    r"(?:\s+[\w-]+)?\s+team)?"
    r"|he|she|they|someone|somebody|nobody|no one|others|(?:he|she|they)['’](?:d|ve|re|ll)"
    r"|(?:he|she)['’]s"
    r"|(?:their|his|her)\s+(?:[\w-]+\s+)?[\w-]+(?=\s+(?:\w+ly\s+)?[a-z]+ed\b))"  # "their svc landed"
    r"(?:\s+\([^()]{1,40}\))?(?=\s)", re.IGNORECASE)
_PEOPLE_WORDS = frozenset({"managers", "directors", "leads", "execs", "leadership", "stakeholders",
                           "reviewers", "owners", "vps", "engineers", "developers", "devs",
                           "customers", "users", "nurses", "doctors", "agents", "analysts"})
# A named subject with one of these is a thing's state ("Memory was fine", "Latency stayed
# flat"), not a person's step.
_STATE_VERBS = frozenset({"was", "were", "is", "are", "had", "has", "became", "stayed", "seemed",
                          "looked", "felt", "have", "becomes", "seems", "'s", "isn't",
                          "wasn't", "aren't", "weren't"})
_NOT_ADVERBS = frozenset({"only", "early", "daily", "weekly", "monthly", "yearly", "hourly",
                          "nightly", "quarterly", "family", "supply", "reply", "apply", "assembly",
                          "anomaly", "rally", "july", "italy", "holly", "emily", "kelly"})
_ADVERBS = frozenset({"still", "later", "then", "also", "quickly", "eventually", "finally",
                      "already", "just", "now", "actually", "immediately", "instead"})
_NOT_NAMES = frozenset({"i", "it", "this", "that", "the", "a", "an", "then", "so", "and", "but",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "today", "yesterday", "after", "before", "when", "once",
                        "if", "while", "until", "since", "because", "also", "now", "later",
                        "in", "on", "at", "by", "for", "with", "no", "not", "my", "our",
                        "we", "me", "ok", "okay", "yes", "pr", "prod", "staging", "ci"})


# "procurement could have renewed it": what someone else could have done (with "have")
_COULD = frozenset({"could", "would", "might", "will", "can", "should"})


_VERB_PREFIXES = frozenset({"re", "co", "pre", "un", "over", "under", "mis", "double", "back",
                            "hand", "cross", "auto", "hot", "self"})


def _finite_verb(word: str) -> bool:
    """A word that can follow a subject as its verb ("built", "saw", "runs", "was",
    "re-sent")."""
    word = word.lower().strip(",.;:")
    prefix, _, stem = word.rpartition("-")
    if prefix in _VERB_PREFIXES and stem:  # "ops re-sent corrected docs"
        return _finite_verb(stem)
    lexicon = kb.lexicon()
    if word in lexicon.irregular_past or word in lexicon.linking_verbs:
        return True
    if len(word) > 3 and word.endswith("ed") and word not in ("need", "speed", "seed", "feed"):
        return True
    stem = word[:-2] if word.endswith("es") else word[:-1] if word.endswith("s") else ""
    return word in lexicon.base_past or bool(stem) and (
        stem in lexicon.base_past or word[:-1] in lexicon.base_past)


_SAYS = frozenset({"says", "disagrees", "agrees", "confirms", "decides", "makes", "wants", "asks",
                   "thinks", "pushes", "approves", "signs", "replies", "objects", "insists",
                   "suggests", "proposes", "argues", "points", "reviews", "calls", "tells",
                   "owns", "leads", "offers", "refuses", "accepts", "rejects", "escalates"})
# A counted group of people: "2 engineers helping", "3 other engineers now pick".
_GROUP = re.compile(r"(?:\d+|two|three|four|five|six|several|a few|a couple of)\s", re.IGNORECASE)


_PERSON_ROLE = re.compile(r"\b(?:manager|lead|director|em|pm|vp|intern|engineer|dev|analyst|"
                          r"designer|architect|cto|ceo|boss|mentor|mentee)\b", re.IGNORECASE)


# "their secondary didn't pick up": a negated verb after someone else
# (not "wouldn't" or "can't": "so the vendor wouldn't rate-limit us" says no deed)
# Past participles that are no past tense: "never written Rust" is "I had never written Rust".
_PARTICIPLE_ONLY = frozenset({"written", "done", "seen", "been", "gone", "taken", "given", "known",
                          "spoken", "broken", "chosen", "driven", "shown", "grown", "thrown",
                          "drawn", "forgotten", "begun", "eaten", "ridden", "flown", "worn"})
_NEGATED = frozenset({"didn't", "wasn't", "weren't", "hadn't", "never", "doesn't", "don't"})


@lru_cache(maxsize=1)
def _people_counted() -> re.Pattern[str]:
    """People counted, then their deed: "~40 engineers across 12 teams did the migration", "3
    devs from payments built it" (the subject, up to its verb)."""
    past = "|".join(sorted(kb.lexicon().irregular_past, key=lambda w: (-len(w), w)))
    return re.compile(r"(?:~|≈|about |around |roughly |over |some )?\d[\d,]*\+?\s+(?:[\w-]+\s+)?"
                      r"(?:engineers?|engs?|devs?|developers?|people|folks|teams?|squads?|sres?|"
                      r"analysts?|designers?|volunteers?|interns?|contractors?|reviewers?|"
                      r"testers?|pms?|agents?|nurses?|drivers?)"
                      r"(?:\s+(?:across|from|on|in|at|over)\s+[^\s,;:]+(?:\s+[^\s,;:]+){0,3}?)?"
                      r"(?=\s+(?:also\s+|then\s+|all\s+)?(?:[a-z]{2,}ed|" + past + r")\b)",
                      re.IGNORECASE)


# What was done to a subject and by whom, after it: "... handed out by the same ISP"
_DONE_TO_THEM = r"[a-z]+(?:ed|en|wn|ut)\s+(?:(?:out|up|off|in|over|down|back)\s+)?by\b"
_DONE_TO_SUBJECT = re.compile(r"\s+" + _DONE_TO_THEM + r"\s+\S", re.IGNORECASE)


def other_actor(text: str, at: int = 0) -> re.Match[str] | None:
    """The subject of a clause at ``at`` when it is someone other than the writer and a verb
    follows it ("Ben saw my post", "infra team still runs it", "Ana + Tomas built ...")."""
    counted = _people_counted().match(text, at)
    if counted is not None:
        return counted  # "~40 engineers across 12 teams did the migration"
    match = _OTHER_SUBJECT.match(text, at)
    if match is None:
        return None
    words = match.group(0).split()
    first = re.sub(r"['’](?:s|d|ve|re|ll)$", "", words[0].lower())
    if len(words) == 1 and first in _NOT_NAMES or first in _SINGULAR or first in _PLURAL_SUBJECT:
        return None
    if _DONE_TO_SUBJECT.match(text, match.end()):
        return None  # "both handed out by the same ISP": what was done to them, not their deed
    rest = text[match.end():].split()
    while rest and (rest[0].lower() in _ADVERBS or re.fullmatch(r"[a-z]{4,}ly", rest[0])
                    and rest[0] not in _NOT_ADVERBS and len(words) > 1):
        rest = rest[1:]  # "platform team (Siobhan's) officially took it" (not "Job silently
        # skipped": a capitalised first word may be a thing)
    if len(words) == 1 and re.fullmatch(r"(?-i:[A-Z][a-zà-öø-ÿ]+)", words[0]) \
            and first not in _NOT_NAMES and len(rest) > 2 \
            and rest[0].lower() in ("from", "at", "on", "in", "of") \
            and any(rest[at][:1].isupper() for at in (1, 2) if at < len(rest)):
        # "Rashid from IT set them up": a person, where they sit, then their deed
        after = next((w for w in rest[2:5] if _finite_verb(w) or w.lower() in SAME_IN_PAST), None)
        if after is not None:
            return match
    if re.search(r"\bteams?$", match.group(0), re.IGNORECASE) and len(rest) > 2 \
            and rest[0].lower() in ("under", "from", "at", "in", "of", "led", "run") \
            and (rest[1][:1].isupper() or rest[1].lower() == "by"):
        # "the platform team under Oyelaran built the Kafka infra": a team, whose it is, then
        # its deed
        after = next((w for w in rest[2:5] if _finite_verb(w) or w.lower() in SAME_IN_PAST), None)
        if after is not None:
            return match
    pronoun = first in ("he", "she", "they", "someone", "somebody", "nobody", "others") \
        or match.group(0).lower() == "no one" \
        or _GROUP.match(match.group(0)) is not None
    if not pronoun and re.fullmatch(r"(?-i:[A-Z][a-zà-öø-ÿ]+)", match.group(0)) and rest \
            and rest[0].rstrip(",.;:") in _SAYS:
        return match  # "Lena disagrees: ...", "Marco confirms": a person's verb in the present
    group = re.search(r"\bteams?\b", match.group(0), re.IGNORECASE) is not None \
        and re.match(r"(?:a|an|any|each|every|no|one)\s", match.group(0), re.IGNORECASE) is None
    if rest and group and re.fullmatch(r"[a-z]{3,}s[,.;:]?", rest[0]) \
            and not rest[0].rstrip(",.;:").endswith(("ss", "us", "is")) \
            and rest[0].rstrip(",.;:") not in kb.lexicon().function_words:
        return match  # "trust team confirms ~95% were fraud": a team's verb in the present
    if not rest or not (_finite_verb(rest[0]) or rest[0].lower() in SAME_IN_PAST
                        or (rest[0].lower().replace("’", "'") in _NEGATED
                            and first not in ("he", "she", "they"))
                        or (rest[0].lower() in _COULD and rest[1:2] == ["have"]) or (
            pronoun and re.fullmatch(r"[a-z]{3,}", rest[0])
            and rest[0] not in kb.lexicon().function_words)):  # "they reran it"
        return None
    verb = rest[0].lower().strip(",.;:")
    named = match.group(0)[:1].isupper() and not re.search(r"team|\+|&| and ", match.group(0),
                                                           re.IGNORECASE) \
        and first not in _PEOPLE_WORDS and first not in ("my", "our", "their", "his", "her") \
        and not (first == "the" and _PERSON_ROLE.search(match.group(0)))
    # "Managers had wanted it", "My EM Priscila was unhappy": people, not a thing
    if named and len(words) == 1 and verb in kb.lexicon().base_past \
            and verb not in kb.lexicon().irregular_past and not pronoun:
        return None  # "the MySQL -> Postgres move": a name, then a noun, not someone's step
    if named and (verb in _OUTCOME_MOVES or verb in _STATE_VERBS or verb in _SYSTEM_STATES):
        return None  # "Latency dropped to 20ms", "Memory was fine", "Workers blocked on a
    return match     # synchronized block": a thing, not a person


# What a running system did, not a person: "workers blocked on a lock", "pods crashed"
_SYSTEM_STATES = frozenset({"blocked", "stalled", "hung", "deadlocked", "starved", "queued",
                            "idled", "leaked", "thrashed", "looped", "froze", "choked",
                            "crashed", "restarted", "spun", "piled", "timed", "retried"})


# Where a clause of someone else's may start inside the writer's sentence.
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:+]|\s--|\s—|\s–|\s-|\s->|\s→)\s+(?:(?:and|but|so|then|while|and then)\s+)?"
                           r"|\s+(?:and|but|so|while|until|after|once|when|then|where)\s+")


# Someone's help with the writer's step: "with help from Lena on the hardware team", "with
# Raj's help", "with some help from the SRE team"
_HELP_FROM = re.compile(r",?\s+with (?:some |a lot of |lots of |a little )?(?:help from (?P<who>"
                        r"(?-i:[A-Z])[\w'’-]+(?:\s+(?:on|from|in) (?:the |our )?[\w-]+(?: team)?)?|"
                        r"(?:the|our|my) [\w-]+(?: [\w-]+)?(?: team)?)|(?P<whose>(?-i:[A-Z])[\w-]+)['’]s "
                        r"help)(?=[\s,.;:)]|$)", re.IGNORECASE)


_HELPED = " helped."  # how that help is said: "Lena on the hardware team helped."
# People from another team the writer did a step with: "I built the first version w/ 2 engs
# from the platform team (Dev + Rosa)": their help, said as theirs after the writer's step
_BUILT_WITH = re.compile(r",?\s+(?:with|w/)\s+(?P<who>(?:\d{1,2}|two|three|four|five|a few|a couple of)"
                         r"\s+(?:engs?|engineers?|devs?|developers?|people|folks|SREs?)\s+(?:from|on)\s+"
                         r"(?:the\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?\s+team(?:\s*\([^()]{1,40}\))?)"
                         r"(?=[\s,.;:]|$)", re.IGNORECASE)
# Another team's gain the writer's step was for: "I took the JPY/KRW rework myself so the
# payouts team could stay on the EUR launch": the writer's step, then the team's, said apart
_SO_THEY_COULD = re.compile(r",?\s+so\s+(?:that\s+)?(?=(?:the|their|his|her|(?-i:[A-Z][\w-]+['’]s))\s+"
                            r"(?:[\w-]+\s+){0,2}(?:team|folks|squad|group|org)\s+(?:could|can|would|"
                            r"was able|were able)\b)", re.IGNORECASE)
# An aside that says the step meant work for another team: "(extra work for Dev's team, ~1 wk)"
_WORK_FOR_THEM = re.compile(r"(?:extra |more |additional |some )?(?:work|effort|toil|load)\s+for\s+"
                            r"(?:the\s+|their\s+)?(?:(?-i:[A-Z])[\w-]+['’]s|[\w-]+)\s+(?:team|folks|squad|org)\b",
                            re.IGNORECASE)


def said_apart(text: str) -> bool:
    """Whether a sentence is what ``_split_other`` said apart from the writer's step, others'
    part of it ("2 engs from the platform team helped.", "That way the payouts team could ...",
    "Extra work for Dev's team, ~1 wk.", "Support team - Rashid - helped ...", a clause in
    another language): never what the step found, joined back to it."""
    return text.rstrip().endswith(_HELPED) or text.startswith("That way ") \
        or _WORK_FOR_THEM.match(text) is not None \
        or other_actor(_APPOSED.sub(" ", text)) is not None and _APPOSED.search(text) is not None \
        or _foreign(text)


def said_as_help(clause: str, text: str) -> bool:
    """Whether ``clause`` is the help a step of the writer's had, said apart from it ("Lena
    helped.", from "... with help from Lena"): no subject for the writer's next steps."""
    return clause.rstrip().endswith(_HELPED) \
        and any(pattern.search(text) for pattern in (_HELP_FROM, _BUILT_WITH)) \
        and _HELPED.rstrip(".") not in text


# A quotation, then who said it: '"I haven't slept through a night" (Joy, in her skip-level)',
# '"we should drop it" - Priya, my lead': their words, whatever person they are told in
_QUOTED_SAYING = re.compile(r"^[\"“][^\"”]{3,400}[\"”][.,!?]?\s*(?:\(\s*|[-–—~]+\s*)"
                            r"(?!(?:me|myself|mine|I)\b)(?-i:[A-Z])[\w'’-]*\b", re.IGNORECASE)


_THEN_ADVERB = re.compile(r"(?:now|later|eventually|since then|afterwards|by then),?\s+",
                          re.IGNORECASE)


# A clause with a thing as its subject after the writer's: "I built the sidebar, and the
# ranking was just a lookup table Dana's team maintained".
_AND_PASSED = re.compile(r"(?:,?\s+(?:and|so)|,)\s+(?=(?:it|this|that|the (?:plan|proposal|change|pr|"
                         r"doc|budget|request|rotation|fix|scope|contract|deadline|timeline|"
                         r"roadmap))\s+(?:got|was|were)\s+(?:\w+ly\s+)?"
                         r"(?:approved|accepted|funded|merged|signed off|greenlit|adopted|staffed|"
                         r"rejected|shelved|deprioriti[sz]ed|re-?cut|cut|re-?scoped|extended|"
                         r"renegotiated|moved|pushed)\b)", re.IGNORECASE)
_AND_STATE = re.compile(r"[,;]\s+(?:and|but)\s+(?=(?:the|this|that|its|their|our|his|her)\s+"
                        r"(?:[\w'’-]+\s+){0,3}(?:was|were|is|are|had been|has been)\s)",
                        re.IGNORECASE)


_BY_ME = re.compile(r"\b(?:by|from) me\b", re.IGNORECASE)
# Credit to someone else inside an aside: "(the bake-off was Ravi's idea)", "(Hector from ops
# was the champion there)", "(Marco on UX suggested wording)".
_CREDIT = re.compile(r"(?-i:[A-Z][a-z]+)(?:['’]s (?:idea|call|suggestion|work|doing|design|"
                     r"numbers|data|code|fix)\b|\s+(?:from|on|in) (?:the )?[\w-]+(?:\s+team)?\s+"
                     r"(?:was|were|did|had|ran|built|wrote|suggested|proposed|found|owned|drove|"
                     r"led|made|came up)\b)")
# Whose idea or call something was: "his call", "Lou's idea"
_WHOSE = r"his|her|their|(?-i:[A-Z][a-z]+)['’]s"
_IDEA = r"idea|call|suggestion"
# Whose call a thing of the step was, said in its aside: "(his call on batch size)"
_CALL_ON = re.compile(rf"(?P<whose>{_WHOSE}) (?P<what>{_IDEA}) (?:on|for|about) (?:the )?"
                      r"(?P<thing>[\w /+-]{3,40}?)[.!]?", re.IGNORECASE)
# Last words of a clause that name no thing: "..., which was Lou's idea" after "I agreed"
_NAMES_NO_THING = frozenset({"it", "this", "that", "them", "too", "also", "again", "first", "later",
                             "then", "now", "here", "there", "anyway", "instead", "myself"})
# The credit for the thing the writer's step made, said after it: "..., which was Lou's idea"
_WHICH_CREDIT = re.compile(rf",\s+which was (?=(?:{_WHOSE}) (?:{_IDEA})\b)", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\(([^()]{8,120})\)")


_WHO_DID = re.compile(r"\b((?-i:[A-Z][a-z]+)|the [\w-]+ team|their [\w-]+|the [\w-]+s|"
                      # "handed it to platform (Yuki's team) who productionised it"
                      r"[\w-]+(?=\s*\((?-i:[A-Z])[\w-]+['’]s (?:team|org|group|squad)\))|"
                      r"(?:the|my|our|their) (?:[\w'’-]+ ){0,3}(?:lead|manager|owner|director|pm|em|"
                      r"vp|mentor|architect|engineer|on-?call))"
                      r"(\s*\([^()]{1,30}\))?(?(2)\s*,?|\s*,)\s+who\s+(?=(?:\w+ly\s+)?[a-z]+ed\b|(?:\w+ly\s+)?(?:took|ran|wrote|built|"
                      r"made|did|found|got|gave|said|told|had|was)\b)", re.IGNORECASE)


def gives_credit(text: str) -> bool:
    """Whether a clause credits someone else ("the bake-off was Ravi's idea", "Hector from ops
    was the champion there")."""
    return _CREDIT.search(text) is not None


# "cost approved over slack by the director": a step someone else took, told in the passive
_DONE_BY = re.compile(r"\b(?:approved|signed off|okayed|ok['’]d|authori[sz]ed|granted|reviewed|"
                      r"decided|green-?lit|vetoed|rejected)\b[^()]{0,30}?\bby\s+(?:(?:the|my|our|"
                      r"their)\s+[a-z][\w-]+|(?-i:[A-Z][a-z]+)\b(?<!Monday)(?<!Friday)"
                      r"(?<!Tuesday)(?<!Wednesday)(?<!Thursday)(?<!Saturday)(?<!Sunday)(?<!EOD))",
                      re.IGNORECASE)


# "(region failover, we caught it 20 min late)": the team's step, told in an aside
_WE_ASIDE = re.compile(r"(?:^|[,;:]\s*)we\s+([a-z]{3,})", re.IGNORECASE)
_BACK = re.compile(r"\s+(?:this|that|it)\b(?!\s+(?:was|is)\b)", re.IGNORECASE)


def _we_did(aside: str) -> bool:
    """Whether an aside tells a step the team took ("we caught it 20 min late"), not how
    things are ("we vendor it")."""
    match = _WE_ASIDE.search(aside)
    verb = match.group(1).lower() if match else ""
    if match is not None and verb == "did" and _BACK.match(aside, match.end()):
        return False  # "(we did this after)": the whole step was the team's, said as theirs
    return bool(verb) and (verb in kb.lexicon().irregular_past or verb.endswith("ed"))


# "I went to both vendors, one gave in": one of the things or people the writer named, acting
# A thing the writer's step pointed to, then where it went: "..., that headcount went to an
# analytics eng instead"
_THAT_THING_WENT = re.compile(r"(?:that|this|those|these)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
                              r"(?:went|moved|got|was|were|ended up|stayed)\b")
# A thing that did something of its own before the writer came to it: "..., backend already
# supported it", "..., the SDK also retried"
_THING_ALREADY = re.compile(r"(?:(?:the|our|their|its)\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
                            r"(?:already|also|still)\s+([a-z]+)\b")


def _thing_already(text: str, at: int) -> bool:
    """Whether ``text`` at ``at`` opens on a thing and what it already did ("backend already
    supported it"), a clause that is never the writer's step."""
    match = _THING_ALREADY.match(text, at)
    if match is None or match.group(0).split()[0] in ("i", "we", "it", "they", "he", "she"):
        return False
    verb = match.group(1)
    return verb in kb.lexicon().irregular_past or verb in ("was", "were", "had", "did") \
        or (len(verb) > 4 and verb.endswith("ed"))


_COUNTED_SUBJECT = re.compile(r"(?:one|the other|the others|neither|either|both|the rest|"
                              r"(?:most|all|some|half|many|few|several|none|two|three|four|\d+)"
                              r"(?= of (?:them|those|these)))"
                              r"(?: of (?:them|those|these))?\s+([\w'’-]+)", re.IGNORECASE)


# "... the message that support sent out": a relative clause whose subject is someone else
_THAT_THEY_DID = re.compile(r"\s+that\s+(?=(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
                            r"(?:had\s+|has\s+|have\s+)?"
                            r"(?:[a-z]+ed|sent|ran|wrote|took|put|set|made|built|shipped|used)\b)")
_PARTICLES = frozenset({"out", "up", "off", "over", "back", "down", "on", "in", "through"})
# A thing someone else made, named last without "that": "via a query Leo (my mentor) helped
# me write", "with a script Ana had written"
_THEY_DID_LAST = re.compile(r"\b(?:a|an|the|this)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+"
                            r"(?P<who>(?-i:[A-Z][a-z]{2,})(?:\s*\([^()]{1,30}\))?)\s+"
                            r"(?P<deed>had (?:written|built|made|run|set up|[a-z]+ed)|"
                            r"helped me (?:to\s+)?[a-z]+|[a-z]+ed(?: for me)?|"
                            r"wrote|built|made|gave me|sent me|ran|set up)\s*[.!?]?\s*$")


# A group named by what it does, then its deed: "(support set it up)", "(legal signed off)"
_GROUP_DID = re.compile(r"(?:the\s+)?(?:" + _FUNCTIONS + r"|sales|marketing|design|product|"
                        r"procurement|compliance)(?:\s+team)?\s+"
                        r"(?:[a-z]{3,}ed|set|ran|did|made|built|wrote|sent|took|got|found|gave|put|"
                        r"signed)\b", re.IGNORECASE)


# "(her change, she did it in 2 days)": whose a piece of the work was
# "(the rollout was the teams' work)", "(not the index - reindexing was search team's call)"
_THEIRS_NAMED = re.compile(r"(?:(?:[^()]*?\s)?(?:was|were)\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                           r"(?!my\b)(?:[\w-]+['’]s?|their|his|her)\s+|(?:their|his|her)\s+)"
                           r"(?:own\s+)?(?:work|part|change|call|doing|fix|code|pr|idea|commit|patch|"
                           r"diff|design|decision|job|area|side)\b", re.IGNORECASE)
# "I did NOT do the refund stuff, that was finance + legal decision", "... myself: the build was
# Hyun-woo's team": whose it was instead, said apart from what the writer did (or did not do)
_THAT_WAS_THEIRS = re.compile(r"(?:[,;:]|\s(?:--|—|–))\s+(?=(?:that|those|this|it|the\s+[\w-]+)\s+"
                              r"(?:was|were)\s+(?:all\s+)?"
                              r"(?!my\b|mine\b|me\b|on me\b|I\b)(?:[\w+&'’-]+\s+){0,4}?"
                              r"(?:call|decision|job|work|side|area|domain|responsibility|"
                              r"problem|stuff|team|teams)\b)", re.IGNORECASE)


def _writers(text: str) -> bool:
    """Whether a clause is the writer's own: it opens on "I", or is a step with its "I" left out."""
    return re.match(r"\W*I\b", text) is not None or _own_step(text)


def _my_aside(text: str) -> re.Match[str] | None:
    """The writer's own step in brackets, inside a sentence about something else: "60-70% was
    debug lines nobody queried (I sampled 2 wks of query logs, ~0.5% were ever read)"."""
    if _writers(text):
        return None
    for mine in _ASIDE.finditer(text):
        step = re.match(r"I\s+(?:\w+ly\s+|also\s+|then\s+)?([a-z]+)\b", mine.group(1))
        if mine.start() >= 8 and step is not None and _past_form(step.group(1)) \
                and len(mine.group(1).split()) >= 8 \
                and not re.search(r"[,;]\s+(?:the|their|his|her|they|he|she|(?-i:[A-Z](?!\b)))",
                                  mine.group(1)):  # ("I drafted it, the privacy office owns it")
            return mine
    return None


def _their_aside(text: str) -> re.Match[str] | None:
    """An aside in brackets that tells someone else's step: "(someone renewed it, nobody
    deployed it)", "(Karan helped set up the runner)"."""
    for aside in _ASIDE.finditer(text):
        if re.match(r"(?:they|it|those|these)\s+(?:were|was|are|is)\b", aside.group(1), re.I):
            continue  # "(they were mixed)": how the thing named before it stood, no one's step
        if aside.start() >= 8 and (other_actor(aside.group(1)) is not None
                                   or (_THEIRS_NAMED.match(aside.group(1))
                                       and _writers(text))
                                   or _GROUP_DID.match(aside.group(1))
                                   or _CREDIT.search(aside.group(1))
                                   or _CALL_ON.fullmatch(aside.group(1).strip())
                                   or _DONE_BY.search(aside.group(1))
                                   or _we_did(aside.group(1))
                                   or _WORK_FOR_THEM.match(aside.group(1))):
            return aside
    return None


_SAID_NO = re.compile(r"\b(?:said (?:no|yes)|disagreed|pushed back|objected|refused|declined|"
                      r"held firm|held the line|said not yet)$", re.IGNORECASE)
_SHORT_WHEN_WORDS = 4  # "when he landed", "after they signed off": said with what it times
# When something began, said right after "started": "~Mar 4", "around 2am", "last week"
_WHEN_IT_BEGAN = re.compile(rf"(?:~|about\s+|around\s+|roughly\s+|on\s+|in\s+|mid[- ]|early\s+|"
                            rf"late\s+)?(?:(?:{MONTH})\.?\b|\d{{1,2}}/\d{{1,2}}|\d{{4}}-\d\d|"
                            rf"\d{{1,2}}(?::\d\d|\s?[ap]m\b)|last\s+(?:week|month|night|year|"
                            rf"quarter|sprint)|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
                            re.IGNORECASE)
# A list of people named one after another: "Keziah, Anselm and Wren joined"
_A_NAME = r"(?-i:[A-Z][a-zà-öø-ÿ]+)"
_NAMES_LISTED = re.compile(rf"(?:^|[\s(]){_A_NAME}$")
_NAMES_BEFORE = re.compile(rf"(?:\b(?:when|after|before|until|while|because|since|as|once|if)\s+"
                           rf"|{_A_NAME},\s+){_A_NAME}$")
_NAMES_GO_ON = re.compile(rf"{_A_NAME}(?:,\s+{_A_NAME})*\s+(?:and|&|\+)\s+{_A_NAME}\b")


# "..., approved by security (Oleg)": what others did with the writer's work, said apart from the
# writer's step
_OTHERS_TOOK = re.compile(r"(?:,|;|\s+--|\s+—)\s+(?=(?:then\s+)?(?:(?:the|that|this|its)\s+(?:[\w-]+\s+){0,3}?"
                          r"(?:was|were|got)\s+)?(?:approved|signed off|okayed|ok['’]d|blessed|built|"
                          r"done|written|implemented|shipped|deployed|merged) by "
                          r"(?!\w+ing\b|me\b|myself\b))", re.IGNORECASE)
# "... — their changes, their deploys": whose the work was, said apart from the writer's step
_THEIRS_LISTED = re.compile(r"\s+(?:--|—|–|;)\s+(?=(?:their|his|her)\s+[\w-]+,\s+(?:their|his|her)\s)",
                            re.IGNORECASE)
# Things, then what was done to them and by whom: "both handed out by the same ISP"
_THINGS_DONE_BY = re.compile(r"(?:both|all|each|some|most|many|none|several|\w+)\s+" + _DONE_TO_THEM,
                             re.IGNORECASE)


# Someone named, with whose they are or a bracket: "infra's Karina", "Sam and Ana", "Jess (sre)"
_NAMED_DOER = (r"(?:(?:[\w-]+['’]s|the)\s+)?(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?"
               r"(?:\s+(?:and|\+|&)\s+(?-i:[A-Z][a-z]+))?(?:\s+\([^()]{1,30}\))?")
# Someone else doing a part beside the writer's step, said without a verb of its own: "patched
# both VMs, infra's Karina doing the actual OS upgrade window", "..., Sam and Ana handling comms"
_OTHER_DOING = re.compile(rf",\s+(?P<who>{_NAMED_DOER})\s+(?P<doing>[a-z]{{2,}}ing)\s+(?=\S)")
# The same part said as a sentence of its own: "Infra's Karina was doing the actual OS upgrade"
_SAID_DOING = re.compile(rf"(?P<who>{_NAMED_DOER})\s+(?:was|were)\s+(?P<doing>[a-z]{{2,}}ing)\b")
_DOING = frozenset({"doing", "handling", "covering", "managing", "owning", "running", "taking",
                    "writing", "driving", "leading", "building", "fixing", "making", "reviewing",
                    "testing", "coordinating", "shipping", "deploying", "migrating", "pairing",
                    "watching", "monitoring", "updating", "talking", "working", "sending",
                    "babysitting", "wrangling", "chasing", "drafting", "approving", "signing"})
# Capitalised words that open a clause without naming anyone, beyond the lexicon's function words
_NO_DOER = _NOT_NAMES | {"plus", "mostly", "meanwhile", "somebody", "he", "she", "they"}


def _doer(match: re.Match[str] | None) -> bool:
    """Whether a match of ``_OTHER_DOING`` or ``_SAID_DOING`` is a named person doing a part of
    the work ("Monday morning", "It was crashing" are not)."""
    if match is None or match.group("doing") not in _DOING:
        return False
    bare = re.sub(r"^(?:[\w-]+['’]s|the)\s+", "", match.group("who")).split()[0].lower()
    return bare not in kb.lexicon().function_words and bare not in _NO_DOER


def said_doing(text: str) -> bool:
    """"Infra's Karina was doing the actual OS upgrade window": someone named, doing a part of
    the work beside the writer's step, never what that step found."""
    return _doer(_SAID_DOING.match(text))


def _other_doing(text: str) -> list[str] | None:
    """"I patched both VMs, infra's Karina doing the actual OS upgrade window" -> the writer's
    step, then "Infra's Karina was doing the actual OS upgrade window.": another person's part,
    never inside a sentence that opens on "I"."""
    match = _OTHER_DOING.search(text)
    if match is None or not _doer(match) or match.start() < 8 or not _writers(text) \
            or text[:match.start()].count("(") != text[:match.start()].count(")"):
        return None
    who = match.group("who")
    many = re.search(r"\s(?:and|\+|&)\s", who) is not None
    rest = text[match.end("who"):].lstrip()
    return [text[:match.start()], f"{who[:1].upper()}{who[1:]} {'were' if many else 'was'} {rest}"]


def _split_other(text: str) -> list[str]:
    """"I wrote the compiler core myself, Ana + Tomas built the backfill runner" -> the
    writer's clause and theirs, so nobody else's work is said in a sentence that opens on "I";
    an aside in brackets that is someone else's step ("(Karan helped set up the runner)") is
    said after the writer's sentence."""
    mine = _my_aside(text)
    if mine is not None:
        rest = (text[:mine.start()] + text[mine.end():]).strip()
        return [*_split_other(rest), *_split_other(mine.group(1))]
    aside = _their_aside(text)
    if aside is not None:
        rest = (text[:aside.start()] + text[aside.end():]).strip()
        call = _CALL_ON.fullmatch(aside.group(1).strip())
        if call is not None:  # "(his call on batch size)" -> "Batch size was Tomas's call."
            thing, whose = call.group("thing"), call.group("whose")
            if whose.lower() in ("his", "her", "their"):
                # the one person the writer's sentence names, or no sentence of theirs at all:
                # said in another card, "his" would name nobody
                named = {w for w in re.findall(r"(?<=\s)(?-i:[A-Z][a-z]{2,})\b", rest)
                         if _names_a_person(w)}
                if len(named) != 1:
                    return _split_other(rest)
                whose = f"{named.pop()}'s"
            return [*_split_other(rest),
                    f"{thing[:1].upper()}{thing[1:]} was {whose} {call.group('what')}"]
        if _THEIRS_NAMED.match(aside.group(1)):  # "(her change, she did it in 2 days)": kept whole
            return [*_split_other(rest), aside.group(1)[:1].upper() + aside.group(1)[1:]]
        return [*_split_other(rest), *_split_other(aside.group(1))]
    credit = _WHICH_CREDIT.search(text)
    if credit is not None and credit.start() >= 8 \
            and text[:credit.start()].count("(") == text[:credit.start()].count(")"):
        # "I built a "not synced yet" badge, which was Lou's idea": whose idea the badge was,
        # said apart
        thing = re.search(r"\b([a-z][a-z-]{2,})[\"”']?$", text[:credit.start()])
        if thing is not None and thing.group(1) not in _NAMES_NO_THING:
            return [text[:credit.start()], f"The {thing.group(1)} was {text[credit.end():]}"]
    for helped in (_HELP_FROM.search(text), _BUILT_WITH.search(text)):
        if helped is not None and helped.start() >= 8 and _writers(text) \
                and not re.match(r"\s*,?\s*who\b", text[helped.end():]) \
                and text[:helped.start()].count("(") == text[:helped.start()].count(")"):
            # "I hooked a unit to a debugger with help from Lena on the hardware team", "I built
            # the first version w/ 2 engs from the platform team": their help, said as theirs
            # after the writer's step
            who = helped.group("who") or helped.groupdict().get("whose") or ""
            rest = (text[:helped.start()] + text[helped.end():]).strip()
            return [*_split_other(rest), f"{who[:1].upper()}{who[1:]}{_HELPED}"]
    purpose = _SO_THEY_COULD.search(text)
    if purpose is not None and purpose.start() >= 8 and _writers(text) \
            and text[:purpose.start()].count("(") == text[:purpose.start()].count(")"):
        return [text[:purpose.start()], f"That way {text[purpose.end():]}"]
    passed = _AND_PASSED.search(text)
    if passed is not None and passed.start() >= 8:  # "I came back with the cost and it got
        return [text[:passed.start()], text[passed.end():]]  # approved": not the writer's deed
    doing = _other_doing(text)
    if doing is not None:
        return [*_split_other(doing[0]), doing[1]]
    took = _OTHERS_TOOK.search(text) or _THEIRS_LISTED.search(text) or _THAT_WAS_THEIRS.search(text)
    if took is not None and took.start() >= 8 \
            and text[:took.start()].count("(") == text[:took.start()].count(")"):
        rest = text[took.end():]
        return [text[:took.start()], rest[:1].upper() + rest[1:]]
    state = _AND_STATE.search(text)
    if state is not None and state.start() >= 8 \
            and text[:state.start()].count("(") == text[:state.start()].count(")"):
        return [text[:state.start()], text[state.end():]]
    contact = _THEY_DID_LAST.search(text)
    if contact is not None and contact.start() >= 8 \
            and other_actor(text, contact.start("who")) is not None \
            and text[:contact.start()].count("(") == text[:contact.start()].count(")"):
        # "I found ~3,100 series via a query Leo (my mentor) helped me write": Leo's help,
        # said as his, after the writer's step
        said = f"{contact.group('who')} {contact.group('deed')} it."
        return [text[:contact.start("who")].rstrip() + ".", said]
    that = _THAT_THEY_DID.search(text)
    actor = other_actor(text, that.end()) if that is not None and that.start() >= 8 else None
    if that is not None and actor is not None \
            and text[:that.start()].count("(") == text[:that.start()].count(")"):
        # "I drafted the apology message that support sent out": what support did, said as theirs
        deed, *after = text[actor.end():].split() or [""]
        if deed.lower() in ("had", "has", "have") and after and _finite_verb(after[0]):
            deed = f"{deed} {after.pop(0)}"  # "that the analysts had tightened that morning"
        stop = re.search(r"[.!?;,]+$", deed)
        if stop is not None:  # "the streaming rewrite that the marketplace team proposed.":
            deed, after = deed[:stop.start()], [stop.group(0), *after]  # "... proposed it."
        if _finite_verb(deed.split()[-1]) and (not after or after[0].lower().strip(",.;:") not in ("it", "them")):
            particle = [after.pop(0)] if after and after[0].lower().strip(",.;:") in _PARTICLES \
                else []
            noun = (text[:that.start()].split() or [""])[-1].lower()
            thing = "them" if re.fullmatch(r"[a-z]{3,}[^su]s", noun) else "it"  # "4 pipelines
            said = " ".join([actor.group(0), deed, thing, *particle, *after]).strip()  # ... that
            # nobody had listed": "Nobody had listed them."
            said = re.sub(r"\s+([.!?;,]+)", r"\1", said)
            return [text[:that.start()], said[:1].upper() + said[1:]]
    who = _WHO_DID.search(text)
    if who is not None and who.start() >= 8 \
            and text[:who.start()].count("(") == text[:who.start()].count(")"):
        # "took it to Olu, who confirmed it and fixed the mapping": what Olu did, said as Olu's
        head, theirs = text[:who.end(2) if who.group(2) else who.end(1)], text[who.end():]
        back = re.search(r",\s+(to\s+[a-z]+\b.*)$", theirs)  # "asked Raj, who wrote it, to review"
        if back is not None:
            head, theirs = f"{head} {back.group(1)}", theirs[:back.start()]
        subject = who.group(1)
        if who.group(2) and subject[:1].islower() and not subject.lower().startswith(("the ", "their ")):
            subject += " " + who.group(2).strip()  # "platform (Yuki's team)": the bracket names them
        return [head, subject[:1].upper() + subject[1:] + " " + theirs]
    for brk in _CLAUSE_BREAK.finditer(text):
        adverb = _THEN_ADVERB.match(text, brk.end())
        at = adverb.end() if adverb else brk.end()
        counted = _COUNTED_SUBJECT.match(text, at)
        if brk.start() < 8 or (other_actor(text, at) is None
                               and _CREDIT.match(text, at) is None
                               and not (counted and _finite_verb(counted.group(1)))
                               and not (brk.group(0).strip() == "," and (_THAT_THING_WENT.match(
                                   text, at) or _thing_already(text, at)))):
            continue
        if text[:brk.start()].count("(") != text[:brk.start()].count(")"):
            continue  # inside brackets: "(wrote the first version with Noor)"
        if _THINGS_DONE_BY.match(text, at):
            continue  # "..., both handed out by the same ISP": what was done to them
        if brk.group(0).strip() == "," and _NAMES_LISTED.search(text[:brk.start()]) \
                and _NAMES_GO_ON.match(text, brk.end()):
            continue  # "when Keziah, Anselm and Wren joined": one list of people, not two clauses
        if brk.group(0).strip() in ("and", "&", "+") and _NAMES_BEFORE.search(text[:brk.start()]):
            continue  # "... when Keziah, Anselm and Wren joined": the list's last name
        if brk.group(0).strip() == ":" and _SAID_NO.search(text[:brk.start()]) \
                and other_actor(text, at) is None:
            continue  # "I said no: 6 of them are the only coverage": why, said with the no
        if re.fullmatch(r"\s+until\s+", brk.group(0)) and _own_step(text) \
                and re.match(r"(?:he|she|they)\s", text[brk.end():], re.IGNORECASE):
            continue  # "held it until they were ready": who, said by the pronoun itself
        if re.fullmatch(r"\s+so\s+", brk.group(0)) and _own_step(text):
            continue  # "I built it as a library so teams didn't each write their own": what
            #           the writer's step was for, which a full stop would tear from it
        if re.fullmatch(r"\s+(?:after|once)\s+", brk.group(0)) and _own_step(text) \
                and not re.search(r"[,;:()]", text[:brk.start()]):
            # "purged the logs after legal signed off": what they did first, said first, so
            # the sentence that opens on the writer's step holds only the writer's deed
            step = text[:brk.start()].strip()
            step = step if re.match(r"\W*I\s", step) else as_my_step(step)
            when = brk.group(0).strip()
            return [f"{when[:1].upper()}{when[1:]} {text[brk.end():].strip().rstrip('.')}, "
                    f"{step[:1].lower() if step[:2] != 'I ' else step[:1]}{step[1:]}"]
        if re.fullmatch(r"\s+(?:once|when|whenever|until|after|before|while)\s+", brk.group(0)) \
                and len(text[brk.end():].split()) <= _SHORT_WHEN_WORDS:
            continue  # "... had the full picture when he landed": when, too short to stand alone
        if re.fullmatch(r"\s+(?:once|when|until|after|while)\s+", brk.group(0)) and re.search(
                r"\b(?:would|could|will|might|should|can)\b|['’]d\b", text[:brk.start()]):
            continue  # "would get revised once they saw sims": if, not that they did
        if re.fullmatch(r"\s+(?:when|whenever|until|unless|if)\s+", brk.group(0)) and re.match(
                r"(?:someone|somebody|anyone|anybody|no one|nobody|everyone|people)\b",
                text[at:], re.IGNORECASE):
            continue  # "only spoke when someone asked me": nobody's deed, the writer's when
        actor = other_actor(text, at)
        if re.fullmatch(r"\s+so\s+", brk.group(0)) and actor is not None and (re.match(
                r"(?:['’]d|\s+(?:could|can|would|might|will))\b",
                text[actor.end():]) or re.search(r"['’]d$", actor.group(0))):
            continue  # "-> list to the managers so they could call ppl", "so she'd own it"
        return [text[:brk.start()], text[brk.end():]]
    return [text]


def _own_step(text: str) -> bool:
    """Whether a clause opens on the writer's past step: "I purged ...", or "purged ..." in a
    bullet that leaves its "I" out."""
    words = [w.lower().strip(",.;:") for w in _BULLET.sub("", text).split()]
    if words[:1] == ["i"]:  # "I post a timeline as I go", "I pitched: ...": the writer's deed
        deed = words[2:3] if len(words) > 2 and words[1].endswith("ly") else words[1:2]
        return bool(deed) and deed[0].isalpha() and deed[0] not in _STATE_WORDS \
            and deed[0] not in _MODAL_LEADS and deed[0] not in ("will", "can", "had", "have")
    return bool(words) and _verb_kind(words[0], words, "action") == "past"


def holds_their_clause(text: str) -> bool:
    """Whether a clause goes on to someone else's deed ("4 came on board, and the ads lead
    pushed back hard"): said after the writer's step, it would be told after their "I"."""
    return len(_split_other(text)) > 1


_COMMA_I = re.compile(r"[,;]\s+(?:(?:so|and|then|and then|and so|but)\s+)?"
                      r"(?:(?:instead|finally|eventually)\s*,?\s+)?"
                      r"(?=[Ii]\s+(?:(?:\w+ly|just|only|also|then|even)\s+)?([a-z]+)\b)")
_SUBORDINATE_START = re.compile(r"\s*(?:when|whenever|if|after|as|once|since|because|before|"
                                r"while|until|although|though|unless|whether|whereas|even|"
                                r"by the time|at the time)\b", re.IGNORECASE)


def _comma_then_i(text: str) -> list[str]:
    """"Lukas was not happy about the delay, I explained with examples": someone else's clause,
    then the writer's step, each said on its own (a clause that opens on "when" or "if" is not
    a sentence of its own)."""
    if _SUBORDINATE_START.match(text):
        return [text]
    whose = _WHOSE_WORK.match(text)
    if whose:  # "Their work, I just wrote the migration guide": whose the work was, then the
        # writer's own part of it
        said = whose.group(1)
        said = said[:1].lower() + said[1:] if said.split()[0].lower() in (
            "their", "his", "her", "the", "not") else said  # "It was Deb's idea."
        return [f"It was {said}.",
                text[whose.end():].strip()]
    for match in _COMMA_I.finditer(text):
        verb = match.group(1).lower()
        head = text[:match.start()]
        if (len(head.split()) >= 3 or other_actor(head) is not None) \
                and (has_verb(head.split()) or re.search(r"(?:->|→)\s*\S", head)
                     or re.search(r"\b(?:leads|owns|runs|manages|heads)\s", head)) \
                and _verb_kind(verb, [verb], "action") is not None and verb not in _STATE_WORDS:
            # ("online rollout: shadow 4 wks -> 10% -> all, I ran the go/no-go reviews": a
            # roll-out's stages, then the writer's step in it)
            tail = text[match.end():]
            if head.count("(") > head.count(")") and tail.count(")") > tail.count("("):
                # "(Bao's team built it, I did the design review)": each clause said whole,
                # its bracket closed where the writer's step begins
                at = tail.rfind(")")
                return [head + ")", *_split_persons((tail[:at] + tail[at + 1:]).strip())]
            return [head, tail]
    return [text]


# Whose the work was, before the writer's own part: "Their work, I just ...", "Not mine, I only"
_WHOSE_WORK = re.compile(r"\W*((?:their|his|her|the team['’]s|(?-i:[A-Z][a-z]+)['’]s)\s+(?:work|idea|call|"
                         r"doing|fix|code|project|change|design|effort|patch|decision)|not (?:mine|my "
                         r"(?:work|idea|call|code|change|fix|project|design|decision|job|area|"
                         r"service|svc|system|bug|ticket|team['’]s [\w-]+)))\s*[,;]\s+(?=I\s)",
                         re.IGNORECASE)


_STATE_WORDS = frozenset({"was", "am", "think", "thought", "guess", "believe", "mean", "know",
                          "knew", "felt", "feel", "hope", "assume", "assumed", "suppose"})


def _split_outside_brackets(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` cut at the first match of ``pattern`` that is not inside brackets: "(Tomás
    reviewed, pushed back a bit, we kept it behind a flag)" is one aside."""
    for match in pattern.finditer(text):
        if _ELLIPSIS.match(text, match.end()):
            continue  # "Nobody on the team knew Rust, and I didn't either": one thought
        if in_open_quote(text[:match.start()]):
            continue  # '"I stopped trusting the number so I went back ..."': someone's words
        if text[:match.start()].count("(") == text[:match.start()].count(")"):
            return [text[:match.start()], text[match.end():]]
    return [text]


# A clause that only says the same went for the writer: "and I didn't either", "so did I"
_ELLIPSIS = re.compile(r"(?:(?:and|but|so|then)\s+)?I\s+(?:\w+['’]t|did|do|was|am|had|have|could|"
                       r"would|can)\s+(?:either|too|neither|as well)\b", re.IGNORECASE)


# What the writer argued, said with "we": "a doc arguing we don't need 3 solvers, we need 1"
_ARGUED_WE = re.compile(r"\b(?:arguing|argued|saying|said|explaining|explained|claiming|claimed|"
                        r"suggesting|suggested|proposing|proposed|pitching|pitched)\s+(?:that\s+)?"
                        r"we\b", re.IGNORECASE)
_WE_ARGUED = re.compile(r"\s*we\s+(?:(?:really|just|only|actually)\s+)?(?:need|needed|should|"
                        r"shouldn['’]t|can|could|can['’]t|must|don['’]t|didn['’]t need|have to|"
                        r"had to|ought)\b|\s*we['’]d\b", re.IGNORECASE)
_HINDSIGHT_WHEN = re.compile(r"(?:I\s+)?(?:should|would|could)(?:['’]ve|\s+have)\b|I['’]d\s+have\b|"
                             r"I\s+wish\b", re.IGNORECASE)


# A condition after a colon, up to the comma the team's clause follows: "...: if we have
# another outage over 1 min" (then ", we revisit DynamoDB")
_CONDITION_AFTER = re.compile(r"[:;]\s*(?:if|unless|whenever|in case|as soon as)\b[^:;,()]*$",
                              re.IGNORECASE)


def _split_persons(text: str) -> list[str]:
    """"I wrote the script and we ran it" -> the writer's clause and the team's clause, so the
    "I" action is kept and the "we" part stays context."""
    clock = _CLOCK.match(text.strip())
    lead = text.strip()[clock.end():] if clock else text.strip()
    when = _SHORT_LABEL.match(lead)
    if when and not clock:  # "same day: wrote to the parent myself (support let me), ..."
        body = lead[when.end():].split()
        if body and _verb_kind(body[0].lower(), [w.lower() for w in body], None) == "past":
            parts = _split_persons(lead[when.end():])
            return [when.group(0) + parts[0], *parts[1:]]
    first = lead.split()[0].lower() if lead else ""
    lowered = [w.lower() for w in lead.split()]
    if (first.rstrip(",") in _LEAD_ADVERBS or _WEEKDAY.fullmatch(first.rstrip(","))) \
            and len(lowered) > 1:  # "also used the experience", "Sunday wrote the doc, ..."
        first, lowered = lowered[1], lowered[1:]
    if first in _SINGULAR or first in _MODAL_LEADS or _late_i(lead) or (
            lowered and _verb_kind(first, lowered, None) == "past") \
            or first in ("didn't", "didn’t", "never"):  # "estimated 3 weeks, we...", "didn't
        # need the hire, that headcount went to ..."
        parts = _split_outside_brackets(_I_THEN_WE, text)
        if len(parts) == 2 and _DANGLING.search(parts[0]):
            parts = [text]  # "a narrative describing where we'd be in 3 years": one thought
        elif len(parts) == 2 and (condition := _CONDITION_AFTER.search(parts[0])):
            # "put a tripwire in the doc: if we have another outage, we revisit it": the
            # condition and its "we" said whole, after the writer's step, never torn at its comma
            cut = condition.start() + 1
            said = text[cut:].strip()
            parts = [text[:cut - 1].rstrip(" :;-–—"), said[:1].upper() + said[1:]]
        elif len(parts) == 2 and _WHICH_WE_THEN.search(text):
            parts = [text]  # "moved audit logs, which we must keep for 7 years, to cold
            #                storage": the step goes on after what the team must do with them
        elif len(parts) == 2 and _ARGUED_WE.search(parts[0]) and _WE_ARGUED.match(parts[1]):
            parts = [text]  # "arguing we don't need 3 solvers, we need 1": what was argued
        elif len(parts) == 2 and _HINDSIGHT_WHEN.match(lead) and re.match(
                r"\s*(?:when|once|after|while|because|since|as|where)\s*$",
                text[len(parts[0]):len(text) - len(parts[1])], re.IGNORECASE):
            parts = [text]  # "should have called it in Nov when we first slipped": when it was
        elif len(parts) == 2:  # "showed Tomás, he reviewed it, we shipped it": three clauses
            parts = [*_split_other(parts[0]), parts[1]]
        if len(parts) == 1:
            parts = _split_other(text)
            if len(parts) == 2:  # "proposed it -> Olu approved, I snapshotted it first"
                parts = [parts[0], *_comma_then_i(parts[1])]
        if len(parts) == 1:
            asked = _ASKED_THEM.match(text)  # "I asked Nadia's team for a holdout test: model
            if asked:                        # trained on 80% of users": what they did
                parts = [text[:asked.end()].rstrip(": "), text[asked.end():]]
        if len(parts) == 1 and (_I_STATE.match(lead) or _SO_I.search(text)):  # "I was the
            parts = _split_outside_brackets(_CONTEXT_THEN_I, text)  # principal on call, so I took ..."
        if len(parts) == 1 and first == "i" and parts[0] == text:
            parts = _then_my_step(text)
        if len(parts) == 2:  # "... sessions where we scored a mock interview, and paired each
            back = _BACK_TO_ME.search(parts[1])  # new interviewer": the writer's step again
            if back and _verb_kind(back.group(1).lower(), [back.group(1).lower()], None) == "past":
                parts = [parts[0], parts[1][:back.start()],  # the sentence's own subject
                         "I " + parts[1][back.end() - len(back.group(1)):]]
    elif first in _PLURAL_SUBJECT:
        parts = _split_outside_brackets(_WE_THEN_I, text)
    else:
        parts = _split_outside_brackets(_CONTEXT_THEN_I, text)
        if len(parts) == 2 and len(parts[0].split()) < 2:
            return [text]
        if len(parts) == 1:
            parts = _comma_then_i(text)
        if len(parts) == 1 and _BY_ME.search(text):  # "a check was prototyped by me, then
            parts = _split_other(text)               # the platform team productionised it"
        if len(parts) == 1 and (_their_aside(text) or _my_aside(text)  # "the renewed cert was
                                or _WHICH_CREDIT.search(text)):  # in secrets manager (someone
            parts = _split_other(text)  # renewed it, nobody deployed it)", "..., which was Lou's idea"
        if len(parts) == 1:
            parts = _fragment_then_step(text)
            if len(parts) == 2:  # the step may hold the team's clause: "..., which we now log"
                parts = [parts[0], *_split_persons(parts[1])]
    if len(parts) > 1:  # "Marco reviewed it, I wrote most of the code, Jess did the rest":
        parts = [piece for part in parts  # each clause may hold another person's clause
                 for piece in (_split_other(part) if part.strip() != text.strip()
                               and re.match(r"\s*(?:and\s+(?:then\s+)?)?I\s", part, re.I)
                               else [part])]
    # "..., and I committed to it": the writer's clause said on its own, without its "and"
    return [re.sub(r"^(?:and|and then)\s+(?=I\b)", "", p.strip(), flags=re.IGNORECASE) if at
            else p for at, p in enumerate(parts) if p.strip()]


# A message's opening on the one it is written to, before what the writer did: "Carla - I've
# deactivated the key", "hi Sam, I rolled it back" (not "Lesson, I guess, ...")
_VOCATIVE = re.compile(r"^(?:(?:hi|hey|hello)\s+)?((?-i:[A-Z][a-z]{2,15}))\s*(?:[-–—]|,)\s+"
                       r"(?=(?-i:I)(?:['’]ve|\s+(?:have|had|just|already)|\s+[a-z]+ed)\b)",
                       re.IGNORECASE)
# Words that open a line before a comma or dash and name nobody ("Honestly, I rolled it back"),
# besides those a list label never names (``_names_a_person``)
_NOT_ADDRESSED = frozenset({"january", "february", "march", "april", "june", "july", "august",
                            "september", "october", "november", "december", "honestly", "so",
                            "and", "but", "anyway", "afterwards", "ok", "okay", "well", "yes", "no",
                            "sure", "thanks", "sorry", "looking", "overall", "still", "eventually",
                            "now", "again", "instead", "mostly", "basically", "meanwhile",
                            "luckily", "sadly"})
# A label over what was found, not done: "root cause per DC remote hands", "Finding", "Symptoms"
CAUSE_LABEL = re.compile(r"(?:the\s+|real\s+|actual\s+)*(?:root[- ]causes?|causes?|rca|findings?|"
                          r"symptoms?|diagnosis|culprit)\b", re.IGNORECASE)
# A past participle that opens a phrase, not a step: "based on the inventory sheet", "compared
# to last year", "due to the freeze"
_PREPOSITION_LEAD = re.compile(r"(?:based|depending|compared|related|according|due|owing)\s+"
                               r"(?:on|upon|to|with)\b", re.IGNORECASE)
# "could have been hours if we waited", "would've been a disaster": how bad it might have got
_COULD_HAVE_BEEN = re.compile(
    r"^(?:would|could|might)(?:\s+(?:easily|well)|\s+have|['’]ve)+\s+been\s+(?:(?:a|an|even|way|much|"
    r"far|easily|about|maybe|another|second|third|\d+(?:st|nd|rd|th)|real|full|big|huge|major)"
    r"\s+)*(?:[~$€£]?\d|hours|days|weeks|minutes|months|worse|bad|"
    r"catastrophic|disaster|outage|mess|nightmare|ugly|expensive|costly|easier|cheaper|faster|"
    r"slower|simpler|harder|quicker|safer|riskier|backwards|wrong|pointless|useless|overkill)\b|"
    # "would cost ~2 months of our team's time", "would take a quarter": what an option costs
    r"^(?:would|could|might)\s+(?:(?:easily|probably|likely|only|also)\s+)?(?:cost|take|need|"
    r"require|add|break|mean|save)\s+(?:(?:us|them|the team|about|maybe|another|at least|like)\s+)*"
    r"(?:[~$€£]?\d|an?\b|one|two|three|four|five|six|half|a few|weeks|months|days|hours|"
    r"quarters?|everything|the|our|their)", re.IGNORECASE)
_LOSS_VERBS = frozenset({"lost", "wasted", "burned", "burnt"})
_LOSS = re.compile(r"(?:about |around |roughly |nearly |almost |~|over |maybe )?[~$€£]?\d|"
                   r"(?:an?|one|two|three|four|five|half an?|a full|a whole) "
                   r"(?:hours?|days?|weeks?|months?|sprints?|afternoon|evening|night|weekend)",
                   re.IGNORECASE)
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
# A few words naming when, before a step: "same day: ", "later that week: ".
_SHORT_LABEL = re.compile(r"^(?:[a-z]+ ){0,2}(?:day|days|week|weeks|night|morning|evening|"
                          r"afternoon|month|later|after|then|next|first|finally):\s+",
                          re.IGNORECASE)
# What a thing should have done or been, no lesson of a person's: "Should have existed already",
# "would have happened anyway", "should've been caught by CI"
_NO_ONES_DOING = re.compile(r"\W*(?:should|would|could|will)(?:n['’]t)?(?:\s+(?:never|not))?"
                            r"(?:\s+have|['’]ve)\s+"
                            r"(?:existed|happened|occurred|mattered|been\s+\w+ed|been\s+(?:caught|found|seen|done|"
                            r"written|taken|spotted|known|given|run|built|shown|told|"
                            r"thrown|split|set|put|cut|shut|kept|made|paid)\b|been\s+there|"
                            r"gone\s+off|fired|triggered|alerted|broken)\b|"
                            # "should be an alert on crash-free by screen": a thing there should be
                            r"\W*(?:should|could|would|must)(?:\s+(?:also|really|probably))?\s+be\s+"
                            r"(?:a|an|one|some)\s+(?:[\w-]+\s+){0,2}?(?:alert|check|test|dashboard|"
                            r"runbook|rule|metric|gate|limit|owner|process|doc|review|step|budget|"
                            r"slo|cap|timeout|flag|kill switch|page|ticket|report)s?\b|"
                            # "should be like 3", "should be ~0 now": what a count should be
                            r"\W*(?:should|would|could|must)\s+be\s+(?:like\s+|about\s+|around\s+|"
                            r"roughly\s+|under\s+|below\s+|at most\s+|at least\s+|zero\b|"
                            r"none\b|fine\b|ok\b|okay\b)*(?:[~<>≈$€£]?\s?\d|zero|none|fine|ok|okay|"
                            r"one|two|three|four|five|ten)\b|\W*(?:didn['’]t|did not|"
                            r"never)\s+(?:help|work|matter|fix\s+(?:it|anything)|change\s+anything|"
                            r"move\s+the\s+needle|make\s+a\s+difference)\b", re.IGNORECASE)
# A lesson with its "I" left out: "should have migrated the hardest team first, we learned ...".
_MODAL_LEADS = frozenset({"should", "should've", "shouldve", "would", "would've", "wouldve",
                          "could", "could've", "shouldn't", "wouldn't"})


_ARROW_STEP = re.compile(r"\s*(?:->|-->|→|=>)\s*(?=([a-z]+)\b)")
_THOUGHT_THEN = re.compile(r"^I\s+(?:thought|felt|figured|noticed|saw|knew|believed|suspected)\b"
                           r"[^,;]{3,80}?,\s+(?=([a-z]+)\b)")


def _then_my_step(text: str) -> list[str]:
    """The writer's next step with its "I" left out: "I noticed her PRs sat as drafts ->
    switched to daily pairing", "I thought it was a detour, let her spike it anyway"."""
    for pattern in (_ARROW_STEP, _THOUGHT_THEN):
        match = pattern.search(text)
        if match is None:
            continue
        words = [w.lower() for w in text[match.end():].split()]
        if match.group(1) in _ADJECTIVE_ED or _verb_kind(match.group(1), words, None) != "past" \
                or _noun_subject(text[match.end():].split()):
            continue
        head = text[:match.end()].rstrip(" ,") if pattern is _THOUGHT_THEN \
            else text[:match.start()]
        return [head, text[match.end():]]
    return [text]


# The writer handing work to someone: "asked Nadia's data science team for a holdout test".
_ASKED = (r"^(?:So |Then )?(?:I\s+)?(?:asked|got|had|needed)\s+(?!me\b|myself\b)"
          r"(?:[\w'’()-]+\s+){1,5}?(?:for|to)\b[^:;]{0,60}")
_ASKED_THEM = re.compile(_ASKED + r":\s+(?=\S)")  # ...: what they did, after the colon
_ASKED_SOMEONE = re.compile(_ASKED + r"$")


def asked_someone(text: str) -> bool:
    """Whether the writer's sentence hands the work to someone ("I asked Nadia's team for a
    holdout test"): what follows is theirs, never joined to it."""
    return _ASKED_SOMEONE.match(text.rstrip(".")) is not None


_DANGLING = re.compile(r"\b(?:describing|showing|explaining|saying|asking|about|of|on|for|to|with|"
                       r"how|what|why|imagining|picturing|outlining|sketching|even|only|just|"
                       r"except|especially|particularly|right|exactly)$", re.IGNORECASE)
_I_STATE = re.compile(r"I(?:['’]m| was| am| had been)\b")
_SO_I = re.compile(r"[,;]\s+so\s+I\s+(?:\w+ly\s+)?[a-z]+ed\b|[,;]\s+so\s+I\s+(?:built|wrote|made|ran|"
                   r"took|set|put|got|sent|brought|led|found|cut|split|shut|drove|began|dug)\b")
_BACK_TO_ME = re.compile(r",\s+and\s+(?:then\s+)?([a-z]+)\b")
_AND_THEN_OUTCOME = re.compile(r"(?:,\s*|\s+)(?:and|so)\s+(?=[a-z])|,\s+(?=[a-z])")
# Words after a participle that say what became of the thing it names: "(squashed)
# thumbnail complaints basically stopped", "(failed) logins dropped to ~0"
_NOUN_THEN_MOVE = re.compile(r"(?:[a-z][\w-]*\s+){1,2}(?:[a-z]+ly\s+|just\s+|mostly\s+|all\s+)?"
                             r"(?:stopped|dropped|fell|halved|doubled|vanished|disappeared|"
                             r"ceased|shrank|plummeted|went away|died down|dried up)"
                             r"(?:\s+(?:to|from|by|off|away|down|overnight|completely|entirely)\b.*"
                             r"|\s+[~≈<>]?\d.*)?[.!]?")
# Steps whose object is a clause: "checked alerts still fired", "found stats were stale"
_LOOK_VERBS = frozenset({"checked", "verified", "confirmed", "found", "noticed", "saw", "ensured",
                         "tested", "validated", "realized", "realised", "learned", "learnt",
                         "discovered", "showed", "proved", "made", "heard", "felt", "knew",
                         "thought", "figured", "assumed", "guessed", "said", "told"})
# What things did, said after the participle and the plural noun that name them
_THINGS_WENT = frozenset({"passed", "failed", "ran", "fired", "worked", "broke", "crashed",
                          "hung", "stalled", "kept", "continued", "looked", "showed", "missed",
                          "succeeded", "were", "weren't", "didn't", "timed"})
_OUTCOME_MOVES = frozenset({"dropped", "fell", "went", "came", "recovered", "improved", "rose",
                            "decreased", "increased", "stayed", "halved", "doubled", "shrank",
                            "grew", "cleared", "drained", "caught", "resumed", "stabilised",
                            "stabilized"})
# What happened once the step was taken, said without a figure: "jobs caught up on their own",
# "renewal went through", "no customer invoices were late".
_SETTLED = re.compile(r"[\w-]+\s+(?:[\w-]+\s+)?(?:went through|caught up|recovered|resumed|"
                      r"came back|cleared|drained|stabili[sz]ed)\b", re.IGNORECASE)
# A metric and its new value after a bare comma: "hit rate -> ~85%", "revenue up ~4% YoY".
METRIC_MOVED = re.compile(r"(?=[A-Za-z])(?:[\w/%-]+\s+){1,5}?(?:(?:up|down|->|→|=>)\s*(?:to\s+|by\s+)?"
                          r"[~≈]?\$?\d|[+−-]~?\d[\d.,]*\s*(?:%|pp\b|x\b|ms\b))", re.IGNORECASE)
# ("watch time -7%": a metric and its signed change)
_SETTING_WORDS = re.compile(r"\b(?:size|limit|timeout|threshold|batch|ttl|interval|pool|replicas|"
                            r"workers|concurrency|retries|ramp|rollout|traffic|flag|percent|"
                            r"version|v\d)\b", re.IGNORECASE)
_NOW_STATE = re.compile(r"now (?:it['’]s|it is|that['’]s|they['’]re|it['’]s part of|everyone|every "
                        r"team|all \w+ teams)\b", re.IGNORECASE)
_NO_HARM = re.compile(r"no (?:[\w-]+\s+){0,3}(?:were|was|got)\s+(?:\w+ly\s+)?(?:late|lost|"
                      r"affected|charged|dropped|missed|harmed|impacted|corrupted|paged)\b",
                      re.IGNORECASE)


def _split_outcome(text: str) -> list[str]:
    """"I rolled back the flag and errors dropped back under 0.3% by 18:55" -> the step and
    what it did: a later clause with another subject, a verb of change and a figure."""
    lead = text.strip().split()[:1]
    if not lead or not (lead[0] == "I" or _verb_kind(lead[0].lower(), [lead[0].lower()], None)
                        == "past"):  # the writer's step, with or without its "I"
        return [text]
    for match in _AND_THEN_OUTCOME.finditer(text):
        head, tail = text[:match.start()], text[match.end():]
        if head.count("(") != head.count(")"):
            continue  # "(the podcast carousel, offline +4%, online flat)": inside an aside
        near = tail[:240]  # a clause's verb and figure come early: linear on a long line
        words = [w.lower() for w in near.split()[:5]]
        bare = "and" not in match.group(0) and "so" not in match.group(0)
        if bare and (_NO_HARM.match(near) or _NOW_STATE.match(near)
                     or (METRIC_MOVED.match(near) and not _SETTING_WORDS.search(
                         near[:METRIC_MOVED.match(near).end()])  # type: ignore[union-attr]
                         and words and (_verb_kind(words[0], words, None) is None
                                        or words[1:2] in (["rate"], ["ratio"], ["count"]))
                         and len(head.split()) >= 4)):
            return [head, tail]  # "restored it, no invoices were late", "..., now it's policy",
            # "fixed the cache keys, hit rate -> ~85%"
        if not words or words[0] in _SUBJECTS or words[0] in ("i", "we", "then", "also") \
                or not any(w in _OUTCOME_MOVES for w in words[1:5]):
            continue
        if bare and (len(words) < 2 or words[1] not in _OUTCOME_MOVES
                     or _verb_kind(words[0], words, None) is not None):
            continue  # after a bare comma: "<thing> <moved>" only ("renewal went through")
        if bare and _SETTLED.match(near):  # "jobs caught up on their own": no figure needed
            return [head, tail]
        if len(head[-200:].split()) >= 5 and find_figures(near):
            return [head, tail]
    return [text]


_QUANTITY_OPENERS = frozenset({"some", "lots", "lot", "plenty", "little", "much", "more", "less",
                               "heavy", "strong", "mild", "zero", "several", "many", "few",
                               "tons", "bit"})


def _fragment_then_step(text: str) -> list[str]:
    """"Some pushback from 2 senior devs, held the line and paired with them": a noun phrase
    with no verb, then the writer's step with none of its own subject."""
    comma = text.find(", ")
    if comma < 0:
        return [text]
    head, tail = text[:comma].split(), text[comma + 2:].split()
    if len(head) < 2 or not tail or has_verb(head) or head[0].lower() not in _QUANTITY_OPENERS \
            and not re.fullmatch(r"[~$]?\d[\d,.%]*", head[0]):
        return [text]  # only a plain quantity of something ("Some pushback from 2 devs")
    verb = tail[0].lower()
    if verb in _ADJECTIVE_ED or _verb_kind(verb, [w.lower() for w in tail], None) != "past" \
            or _QUALIFIES.match(text, comma + 2):
        return [text]
    return [text[:comma], text[comma + 2:]]


# How a figure was reckoned, after it: "~19 GWh/yr -> ~13.5 GWh/yr, adjusted for traffic growth"
# ("measured over a week", "averaged across regions"): part of the figure, no one's step
_QUALIFIES = re.compile(r"(?:adjusted|normali[sz]ed|corrected|controlled|weighted|averaged|measured|"
                        r"annuali[sz]ed|rounded|sampled|extrapolated|calculated|computed)\s+"
                        r"(?:for|over|by|across|per|at|on|from|up|down)\b", re.IGNORECASE)


_DASH = re.compile(r"\s+(?:--|—|–)\s+")
_HYPHEN = re.compile(r"(?<![\d~])\s+-\s+(?![\d~])")


def _split_dashes(text: str) -> list[str]:
    """"shipped it 9 days early -- 3.4 million cards moved with zero failed charges": a dash
    between two clauses, each said on its own; a dash before a fragment, or inside brackets
    ("(after a morning with the schedulers — Jo and Ravi)"), stays."""
    named = _DASH.search(text)
    if named and _their_step(text[:named.start()].strip(" -*•"), text[named.end():]):
        # "Amara (new grad) — wrote the checksum tool": Amara's step, not the writer's
        text = f"{text[:named.start()].rstrip()} {text[named.end():]}"
    parts, start = [], 0
    for dash in _DASH.finditer(text):
        before = text[:dash.start()]
        if before.count("(") == before.count(")"):
            parts.append(text[start:dash.start()])
            start = dash.end()
    parts.append(text[start:])
    if len(parts) == 1:
        return [text]
    out = [parts[0]]
    for part in parts[1:]:
        words = part.split()
        said = out[-1].split()
        again = bool(said) and bool(words) and words[0].lower().strip(",.") == said[-1].lower().strip(",.")
        # ("99% delivered — delivered to the provider, not the inbox": the word said again, to
        # say what it meant, is no new clause and no step of the writer's)
        if len(words) >= 3 and (has_verb(words) or find_figures(part)) and not again:
            out.append(part)
        else:
            out[-1] = f"{out[-1]} -- {part}"
    return out


def _split_hyphens(text: str) -> list[str]:
    """"context - our platform runs ci for 300 engineers - runners were a fixed fleet - ...":
    in notes whose only stop is a spaced hyphen, each hyphen ends a thought."""
    if text.count(" - ") < 2 or re.search(r"[.!?;,]\s", text):
        return [text]
    return [part for part in _HYPHEN.split(text) if part.strip()]


def _split_result_tail(text: str) -> list[str]:
    """Split "fixed X by Y, build time 40min -> 12min" into the action and the result."""
    deltas = list(DELTA.finditer(text))
    if not deltas:
        return _tail_said_apart(text)
    comma = text.rfind(", ", 0, deltas[0].start())
    if comma <= 0 or find_figures(text[:comma]):
        return [text]
    if re.match(r"\s*[~]?\d+(?:\.\d+)?%(?:" + _ANY_ARROW + r"[~]?\d+(?:\.\d+)?%){2,}",
                text[comma + 2:]):
        return [text]  # "did the migration behind a flag, 5% -> 25% -> 100%": a staged roll-out
    head = text[:comma].split()
    if head and _verb_kind(head[0].lower(), head, "action") is None and \
            head[0].lower() not in _SINGULAR:
        return [text]
    return [text[:comma], text[comma + 2:]]


# A measure where it stood after the step, last after a comma: "..., errors back to baseline in
# ~2 min", "..., p99 down to 210ms" (its name in up to three words, no verb of its own)
_LEVEL_TAIL = re.compile(r",\s+((?:[a-z][\w/-]*\s+){1,3}(?:back\s+)?(?:to|under|below|down to|"
                         r"at|within)\s+(?:[~≈<>]?\$?\d|(?:zero|normal|baseline)\b)[^,;]*)$")


# What happened after the step, with its own subject, last after a comma: "..., deal closed
# (sales credit, not mine)", "..., errors stopped 23:30"
_EVENT_TAIL = re.compile(r",\s+((?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:closed|shipped|launched|"
                         r"landed|stopped|recovered|passed|cleared|drained|stabili[sz]ed|resolved|"
                         r"renewed|churned|signed|went\s+(?:live|out|green))\b(?:[^,;()]|\([^()]*\))*)$")


def _tail_said_apart(text: str) -> list[str]:
    """Split "flipped the flag to 0% at 10:09, errors back to baseline in ~2 min" into the
    step and where the measure stood after it ("..., deal closed": what happened after it);
    a step that opens on its verb or on "I" only."""
    level = _LEVEL_TAIL.search(text)
    tail = level or _EVENT_TAIL.search(text)
    if tail is None:
        return [text]
    head = text[:tail.start()].split()
    name = tail.group(1).split()
    if not head or name[0] in kb.lexicon().function_words or name[0] in _PRONOUNS \
            or text[:tail.start()].count("(") != text[:tail.start()].count(")") \
            or level and any(_finite_verb(word) for word in name[:-1]) or (
                not re.match(r"(?:(?:so|then|and)\s+)?I\s", text, re.IGNORECASE)
                and _verb_kind(head[0].lower(), head, "action") != "past"):
        return [text]
    return [text[:tail.start()], tail.group(1)]


_ANY_ARROW = r"\s*(?:->|-->|→|=>|⇒|➜)\s*"
# Any "A -> B" between values the number grammar may not read ("1.2PB -> 300TB").
_ANY_PAIR = re.compile(rf"(?<!\S)[~$€£]?\d[\w.,%/$]*{_ANY_ARROW}[~$€£]?\d")


_UNITS = frozenset({"ms", "s", "sec", "secs", "seconds", "min", "mins", "minutes", "hours", "hrs",
                    "h", "days", "weeks", "gb", "mb", "kb", "tb", "pb", "x", "percent", "pts",
                    "points", "bps", "rps", "qps", "k", "m"})


_METRIC_NOUNS = frozenset({"cost", "costs", "time", "times", "latency", "volume", "throughput",
                           "path", "paths", "traffic", "amplification", "ops", "iops", "qps",
                           "speed", "speeds", "errors", "failures", "load", "size", "spend"})


# Where a measure stands after its name: "lag back under 10K", "cpu down to 40%" (no step)
_LEVEL_NOW = re.compile(r"(?:back\s+)?(?:under|below|above|over|down|up|at|to|near|around)\s+"
                        r"(?:to\s+|at\s+)?(?:[~≈<>]?\$?\d|(?:zero|normal|baseline|nothing|"
                        r"green)\b)", re.IGNORECASE)
_D_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "that", "who", "there", "what",
                         "this", "where", "how", "why", "when"})


_IO_NOUNS = frozenset({"path", "paths", "side", "traffic", "load", "replica", "replicas", "cutover",
                       "cut-over", "volume", "latency", "latencies", "throughput", "amplification",
                       "heavy", "endpoint", "endpoints", "api", "apis", "requests", "ops",
                       "queries", "model", "pressure", "capacity", "errors", "timeouts", "lock",
                       "locks", "quorum", "units", "barrier"})


# The first word of a step said in two ("load tested", "hand patched", "smoke tested")
_TEST_KINDS = frozenset({"load", "stress", "smoke", "soak", "fuzz", "unit", "canary", "dry",
                         "hand", "sanity", "chaos", "pen", "spot", "perf",
                         "regression", "manually", "double", "beta", "field", "bench"})
_TESTED = frozenset({"tested", "checked", "ran", "patched", "fixed", "edited", "verified",
                     "timed", "coded", "rolled", "marked", "benchmarked", "wrote"})


def _past_form(word: str) -> bool:
    """Whether ``word`` is a past form ("wrote", "migrated", "agreed"), not "need" nor a word
    made of an -ed one ("self-hosted", "well-tested")."""
    return word in kb.lexicon().irregular_past or (
        len(word) > 3 and word.endswith("ed")
        and (not word.endswith("eed") or word in ("agreed", "disagreed", "freed"))
        and not ("-" in word and word.split("-", 1)[0] not in _VERB_PREFIXES
                 and word.rsplit("-", 1)[-1] in _ADJECTIVE_PARTS))


# Words that name what a system did as often as a step, before where or when it happened
_EVENT_NOUNS = frozenset({"crash", "crashes", "spike", "spikes", "drop", "drops", "leak", "leaks",
                          "dip", "dips", "jump", "jumps", "surge", "stall", "stalls", "hang",
                          "hangs", "lag", "delay", "delays", "slowdown", "timeout", "timeouts",
                          "error", "errors", "outage", "regression", "increase", "decrease",
                          "rise", "fall", "bump", "blip", "flap", "break", "failure", "failures"})
_EVENT_PLACES = frozenset({"in", "on", "at", "during", "after", "across", "for", "from", "of",
                           "since", "when", "while"})


def _verb_kind(word: str, words: list[str], section: str | None) -> str | None:
    """"past" when ``word`` opens an action fragment, "base" for a to-do verb, else None."""
    if word in _TEST_KINDS and len(words) > 2 and words[1].strip(",.;:") in _TESTED \
            and words[2].strip(",.;:") not in _IS_WORDS:
        return "past"  # "load tested SQS at 10x peak", "smoke tested it": a step in two words
    if len(words) > 1 and words[1].strip(",.;:") in _COMPOUND_HEADS \
            and not words[1].endswith("s") and word not in _MAKING and not word.endswith("ed") \
            and word not in kb.lexicon().irregular_past \
            and (len(words) == 2 or words[2].strip("(") in _COMPOUND_TAILS):
        return None  # "backfill script for future appts", "cleanup job (nightly)": a thing
    if len(words) > 1 and words[1] in ("=", "==", "->", "→", "=>", "|", "vs", "vs."):
        return None  # "rollback = flip the flag", "rollback -> 4 min": a thing and what it is
    if word in ("read", "write") and len(words) > 1 and words[1].strip(",.;:") in _IO_NOUNS:
        return None  # "read cutover team by team", "write path": a kind of traffic, no step
    if word in ("time", "comp", "paid") and len(words) > 1 and words[1].strip(",.;:") in ("off", "day",
                                                                                        "time"):
        return None  # "time off in lieu after a rough night": a thing given, no step
    if word in _EVENT_NOUNS and len(words) > 1 and words[1].strip(",.;:") in _EVENT_PLACES:
        return None  # "spike in 5xx errors", "crash on old tablets": what the system did
    lexicon = kb.lexicon()
    irregular, function_words = lexicon.irregular_past, lexicon.function_words
    base_past = lexicon.base_past
    if section == "action" and word not in irregular and word not in _PARTICIPLE_ONLY and (
            word in base_past or (_plain_verb(word, words) and section == "action")) \
            and not _SUBJECT_THEN_VERB.match(" ".join(words[1:4])) \
            and not (word not in base_past and _LEVEL_NOW.match(" ".join(words[1:5]))):
        return "base"  # not "rollback alone didn't fix it": a noun, and what it did
    prefix, _, stem = word.partition("-")
    if prefix == "self" and stem in _ADJECTIVE_PARTS:
        return None  # "self-managed MySQL primary", "self-hosted runners": what a thing is
    if prefix == "auto" and (len(words) < 2 or words[1].strip(",.;:") not in _OBJECT_LEADS):
        return None  # "auto-resolved within 5 min": what happened by itself, not a step
    if prefix in _VERB_PREFIXES and stem and "-" not in stem \
            and (stem in irregular or stem.endswith("ed") and len(stem) > 3):
        word = stem  # "re-ran the eval", "re-sent the receipts": a step, its verb prefixed
    if re.fullmatch(r"[a-z]{2,}['’]d", word) and word[:-2] not in _D_PRONOUNS:
        stem = word[:-2]  # "strace'd a failing sim", "cc'd my lead": a verb made of a name
        word = stem + ("d" if stem.endswith("e") else "ed")
    if not _past_form(word) or word in _NO_ONES_STEP:
        return None
    nxt = words[1].lower() if len(words) > 1 else ""
    after = words[2].lower().strip(",.;:") if len(words) > 2 else ""
    if nxt.strip(",.;:") in _IS_WORDS:
        return None  # "launched isnt done": a thing said of "launched", no step
    if word in ("started", "began") and nxt == "as":
        return None  # "started as a side thing": how the work began, not the writer's step
    if word in ("started", "began") and len(words) > 1 and _WHEN_IT_BEGAN.match(" ".join(words[1:3])):
        return None  # "started ~Mar 4. lag alerts every night": when the trouble began
    if word == "took" and (nxt[:1].isdigit() or nxt in _FEW) and after in _EFFORTS:
        return None  # "took 3 meetings and a spreadsheet": what it took
    if _SUBJECT_CLAUSE.match(" ".join(words[:4])) and word not in _CAUSATIVE \
            and nxt not in function_words and (words[2] in base_past or words[2] in _PRESENT
                                               or words[2] in lexicon.irregular_base):
        return None  # "bored people leave": a kind of people, and what they do
    if nxt.strip(",.;:") in ("rate", "rates", "ratio", "count", "counts"):
        return None  # "hit rate -> ~85%", "read count": a metric, not a step
    if nxt.strip(",.;:") in _METRIC_NOUNS and any(
            w.lower().strip(",.;:") in _OUTCOME_MOVES or w.lower() in _SUBJECT_VERBS
            for w in words[2:8]):
        return None  # "read cost on the table dropped ~35%": a metric and how it moved
    if word in ("sat", "wed") and (nxt[:1].isdigit() or nxt.strip(",.;:") in (
            "morning", "night", "afternoon", "evening", "am", "pm", "early", "late")):
        return None  # "Sat 02:10 pager: ...", "Sat morning a partner emailed": a day
    if word == "came" and nxt in ("in", "up", "back") \
            and after in ("via", "through", "from", "as", "with", "on", "over", "again"):
        return None  # "came in via support": a report came in, not the writer
    if word in ("showed", "popped", "cropped") and nxt.strip(",.;:") == "up":
        return None  # "only showed up on their newer USB hubs": where a bug showed, no step
    if section in ("result", "situation") and word in _CLOSED and nxt in ("in", "within") \
            and len(words) > 2 and re.match(r"[~≈]?\d", words[2]):
        return None  # "Resolution: ... closed in 3 weeks": the ticket closed, not the writer
    if word in ("worked", "ran", "performed", "behaved", "held", "looked") and nxt.strip(
            ",.;:!") in ("great", "well", "fine", "perfectly", "beautifully", "flawlessly", "ok",
                         "okay", "smoothly", "as", "good", "normal", "healthy", "clean", "right"):
        return None  # "worked great in the Iowa pilot": how the thing did, not a step
    if _NOUN_THEN_MOVE.fullmatch(" ".join(w.lower() for w in words[1:7])) \
            and not any(w.strip(",.;:") in function_words for w in words[1:3]):
        return None  # "squashed thumbnail complaints basically stopped": a kind of thing
        # and how it moved, no step of the writer's
    if len(words) > 2 and re.fullmatch(r"[a-z]{3,}s", nxt) and nxt not in function_words \
            and word not in _LOOK_VERBS and _past_form(word) \
            and not nxt.endswith("ss") and (words[2].lower().strip(",.;:") in _THINGS_WENT or (
                _past_form(words[2].lower()) and (len(words) == 3 or words[3].lower() not in (
                    "by", "with", "for", "to", "from", "as", "into", "via", "at", "over", "across",
                    "the", "a", "an", "it", "them", "my", "our", "their")))):
        # ("saved cards migrated in Apr"; not "fixed bugs reported by users")
        return None  # "Automated checks passed because ...": a kind of thing and what it did
    if word in _STATE_PARTICIPLES and nxt.strip(",.;:") in _STATE_NOUNS:
        return None  # "queued backlog of ~18K webhooks fully processed", "affected users
        # notified": a kind of thing, no step of the writer's
    if word == "let" and nxt.strip(",.;:") in ("me", "us"):
        return None  # "let me bring data instead of just a no": an offer, not a step done
    if _TITLED.match(" ".join(words[:8])):
        return None  # "leaked key — my timeline (sunday)": what the notes are, a title
    if word in ("projected", "expected", "forecasted") and re.match(r"[~≈$€£]{0,2}\d", nxt):
        return None  # "projected ~$5K/month saved": what a figure was projected to be
    if nxt.strip(",.;:") == "me" and word not in ("got", "had"):
        return None  # "took me 20+ min", "cost me a day": what it did to the writer ("built
        # myself a little notebook", "timed myself on my turn" are steps)
    if word in _FELT and nxt not in ("like", "that", "it", "the", "a", "bad", "good") or (
            word == "looked" and nxt.strip(",.;:") not in _LOOKED_WHERE):
        return None  # "felt slow at the time", "looked harmless": how a thing seemed, no step
    if word in _DONE_TO and nxt.strip(",.;:") in ("in", "by", "via", "inside", "upstream",
                                                  "downstream", "there", "here"):
        return None  # "fixed in the migration script, not in the old service": where it was
        # fixed, with its object left out, no step said whole
    if word == "went" and nxt.strip(",.;:") in ("live", "ga", "out") or (
            word in ("rolled", "launched", "released", "deployed", "shipped")
            and _REACHED_ALL.match(" ".join(words[1:5]).lower())):
        return None  # "Went live at all 6 sites", "Rolled out to all ~1,800 clinics": it did
    if word in _STATE_MOVES and (nxt.strip(",.;:") in _STOOD_WORDS or (
            nxt in _STOOD_AT and not (word == "ended" and nxt == "up") and len(words) > 2
            and re.match(r"[~≈<>]?\d", words[2]))):
        return None  # "went to 100% at 11:42. stayed there til 16:00": where a thing stood
    if word in _EVENT_VERBS and (nxt in _WHEN_WORDS or section not in ("action", None) or (
            word not in ("started", "began", "kicked", "went")
            and (re.match(r"[~≈<>]?\d", nxt) or nxt in _NOW_AND_THEN))):
        # "failed ~1 in 15 CI runs", "crashed intermittently": a thing failing, not a step
        return None  # "started right after the 18:30 deploy", "before fix: leaked in 61 of
        # them": what happened, not a step
    if word == "dropped" and nxt not in function_words and not re.match(r"[~≈<>]?\$?\d", nxt) \
            and not has_verb(" ".join(words[1:]).split(",")[0].split()[:6]) \
            and not re.search(r"\b(?:to|by|from|under|below)\s+[~≈<>]?\$?\d", " ".join(words[:10])) \
            and len(words) > 2:
        return "past"  # "dropped seasonal pre-slotting, told Ruth": a thing the writer dropped
    if word in _ADJECTIVE_ED and section != "action" and nxt not in function_words \
            and not (re.fullmatch(r"~?\d[\d,]*", nxt) and len(words) > 2
                     and re.fullmatch(r"[a-z-]+", words[2].strip(",.;:"))
                     and words[2].strip(",.;:") not in _UNITS):
        return None  # "dropped 21 families" is a step: a count of things follows
    if section in ("action", "task", None) or word in _SEEING or nxt in function_words \
            or (word == "said" and nxt.strip(",.;:!") in ("yes", "no", "sure", "ok", "okay")):
        return "past"  # "said yes, maybe too fast": the writer's answer
    if re.fullmatch(r"`?[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+`?[,.;:]?", nxt) or (
            len(words) > 2 and words[2] in ("=", ":=", "to") and "_" in nxt):
        return "past"  # "set idle_in_transaction_session_timeout = 15s": a setting the writer set
    return None


# "-ed" words that name a group or a kind with the word after them ("applied sci retrained").
# "staged rollout, 10 sites then all": a kind of roll-out, not the writer staging it
_ROLLOUT_KINDS = ("rollout", "rollouts", "roll-out", "release", "releases", "deploy", "deploys",
                  "deployment", "maintenance", "outage", "downtime", "launch", "cutover", "ramp")
_COMPOUND_AFTER: dict[str, tuple[str, ...]] = {
    "applied": ("sci", "science", "scientist", "scientists", "ml", "research"),
    "distributed": ("systems", "tracing"), "managed": ("service", "services"),
    "embedded": ("systems", "team"),
    **dict.fromkeys(("staged", "phased", "planned", "scheduled", "staggered", "gated",
                     "unplanned"), _ROLLOUT_KINDS)}


_NOUN_THEN_VERB = frozenset({"went", "dropped", "fell", "rose", "grew", "stayed", "doubled",
                             "halved", "is", "was", "were", "are"})


def _metric_phrase(words: list[str]) -> bool:
    """An -ed word that names a metric ("flagged services 73 -> 0", "failed jobs 40 -> 2"): a
    before -> after pair within three words, and not a verb that changes a setting."""
    first = words[0].lower()
    if first not in _SEEING and first not in _CLAUSE_VERBS \
            and any(w.lower() in _NOUN_THEN_VERB for w in words[1:4]):
        return True  # "throttled writes went from ~0.8% to zero": the -ed word names a metric
    joined = " ".join(words[1:])
    if ":" in joined[:41] and _TABLE_ROW.match(joined.split(":", 1)[1]):
        return True  # a table's row: "failed updates: before 22%, after 1.5%"
    if first in kb.lexicon().setting_verbs or first in kb.lexicon().irregular_past:
        return False
    rest = " ".join(words[1:4])
    pair = DELTA.search(" ".join(words[1:])) or _ANY_PAIR.search(" ".join(words[1:]))
    return pair is not None and pair.start() <= len(rest) and \
        not any(w.lower() in ("the", "a", "an", "my", "our") for w in words[1:2])


# What follows a noun that opens a line, when the line says what the noun did: "rollback alone
# didn't fix it", "failover then took 40s"
_SUBJECT_THEN_VERB = re.compile(r"(?:(?:alone|itself|only|also|then|still|just)\s+)?(?:didn['’]t|did not|"
                                r"wasn['’]t|was|were|is|isn['’]t|doesn['’]t|does|took|failed|worked|"
                                r"helped|fixed|broke)\b", re.IGNORECASE)


_OBJECT_LEADS = frozenset({"the", "a", "an", "our", "my", "their", "its", "it", "them", "every",
                           "each", "all", "both"})
# Words that open what a thing in the notes acts on: "scanner in CI flags new violations".
_THING_LEADS = frozenset({"new", "old", "any", "no", "more", "fewer", "only", "most", "stale"})


def _plain_verb(word: str, words: list[str]) -> bool:
    """Under an action heading, a to-do line opens on a plain verb ("load the map once"): a
    lower-case word, not a function word or an -ed/-ing/-ly form, with an object after it (and
    a vowel: "db back to ~40%" opens on a name)."""
    nxt = words[1] if len(words) > 1 else ""
    later = [w.lower() for w in _own_clause(words[2:10])]
    if nxt in ("in", "on", "to", "over", "at") and (_says_present(later) or any(
            re.fullmatch(r"[a-z]{3,}[^s]s", w) and later[at + 1] in _OBJECT_LEADS | _THING_LEADS
            and later[at - 1] not in kb.lexicon().function_words
            for at, w in enumerate(later[1:-1], 1))):
        return False  # "musl in our alpine image fires the ...", "scanner in CI flags new
        # violations": a thing, and what it does
    return bool(re.fullmatch(r"[a-z]*[aeiouy][a-z]*", word)) and len(word) >= 2 \
        and word not in kb.lexicon().function_words \
        and not word.endswith(("ed", "ing", "ly", "s")) and not has_verb(_own_clause(words[1:8])) \
        and nxt in ("the", "a", "an", "our", "my", "their", "its", "it", "them", "every", "each",
                    "all", "up", "out", "off", "in", "on", "to", "over", "back", "down")


_CLAUSE_OPENS = frozenset({"what", "that", "which", "who", "i", "we", "he", "she", "they", "when",
                           "if", "because", "so", "and", "but", "how", "why", "where", "while"})


def _own_clause(words: list[str]) -> list[str]:
    """The words up to where another clause opens: in "post in #incidents what I did", "did"
    is the verb of "what I did", not the line's own (as "reviewed" is in "Kenji on the
    platform team reviewed the Terraform")."""
    for at, word in enumerate(words):
        if word.lower().strip(",.;:") in _CLAUSE_OPENS:
            return words[:at]
        if word.endswith((",", ";", ":")):
            return words[:at + 1]  # "Kenji, on the team, reviewed": the clause ends at its stop
    return words


_NAMED_THEN_SAID = re.compile(r"^\W*[a-z][\w-]*(?:\s+(?:on|in|of|for|at)\s+[\w -]{1,30})?:\s*[~$€£]?\d")


_TITLED_CARD = re.compile(r"[\w/+-]+(?:\s+[\w/+-]+){0,3}\s+(?:—|–|--|->|→)\s+\S")


def opens_on_plain_verb(text: str) -> bool:
    """Whether a note line opens on a plain verb, the way a log kept in the present does
    ("ping the trust lead, no answer", "write a temporary rule", "decide not to wait")."""
    words = _BULLET.sub("", text).split()[:6]
    if not words:
        return False
    first = words[0]
    lowered = [w.lower() for w in words]
    nxt = lowered[1] if len(lowered) > 1 else ""
    if _NAMED_THEN_SAID.match(text) or (nxt and not re.match(r"[\w~$€£(\"'“]", nxt)):
        return False  # "rollback = flip the flag", "backfill on staging: 14,212 rows diffed": a
        # thing named, and what it is or came to
    if first in kb.lexicon().irregular_past or first.endswith("ed"):
        return False  # "wrote a one-pager", "read the logs": told in the past already
    if _TITLED_CARD.match(_BULLET.sub("", text)):
        return False  # "retry removal — ripping out the retries", "quarantine list -> zero": a
        # card's title, then what it holds
    if nxt.strip(",.;:") in ("is", "was", "are", "were", "isn't", "wasn't", "means", "meant"):
        return False  # "rollback is just flipping weights back": a thing, and what it is
    third = lowered[2].strip(",.;:") if len(lowered) > 2 else ""
    if (nxt.endswith("ed") and len(nxt) > 4 or nxt in kb.lexicon().irregular_past) \
            and (not third or third in kb.lexicon().function_words or third[:1].isdigit()
                 or third in ("on", "in", "at", "by", "after", "before", "again", "twice")):
        return False  # "test failed on CI", "plan changed after review": a thing, and what
        # happened to it (not "rerun failed jobs")
    objects = ("him", "her", "them", "us", "me")
    if re.fullmatch(r"[a-z]{3,}", first) and first not in kb.lexicon().function_words \
            and not first.endswith(("ing", "ly")) and (
                nxt in objects or nxt in ("with", "for") and len(lowered) > 2
                and lowered[2].strip(",.;:") in objects):
        return True  # "let him drive", "watch him ship it", "pair with him 1h a day"
    return first in kb.lexicon().base_past or _plain_verb(first, lowered) or (
        re.fullmatch(r"[a-z]{3,}(?:-[a-z]{2,})?", first) is not None
        and first not in kb.lexicon().function_words
        and not first.endswith(("ed", "ing", "ly", "s"))
        and (nxt in ("not", "that", "what", "how", "why", "who") or nxt[:1] in "~$"
             or nxt[:1].isdigit() or re.fullmatch(r"[a-z]+['’]s", nxt) is not None
             or _plain_verb(first.replace("-", ""), lowered)
             or "-" in first and nxt in ("the", "a", "an", "our", "my", "their", "it", "every")))




_OTHERS_DO = re.compile(r"((?:the |their |our |my )?(?:[A-Za-z]+['’]s\s+)?(?:[\w-]+\s+)?"
                        r"(?:team|teams|[A-Z][a-z]+|he|she|they)\s+)([a-z]{3,})\b")


def as_my_step(clause: str) -> str:
    """A step logged in the present, said with its "I" and in the notes' own tense: "ping
    the trust lead, no answer" -> "I ping the trust lead, no answer"; "watch marco's team
    replace my rule" is Marco's team's step ("marco's team replaces my rule")."""
    plain = _BULLET.sub("", clause)
    verb = plain.split()[0]
    after = plain[len(verb):].lstrip()
    actor = _OTHERS_DO.match(after) if verb in ("watch", "see", "let", "help") else None
    if actor:
        return actor.group(1) + _third_person(actor.group(2)) + after[actor.end():]
    if re.search(r"\(\s*we\b", clause, re.IGNORECASE):  # "add a line to the runbook (we did
        return "we " + plain                              # this after)": the team's step
    return "I " + plain


def _third_person(verb: str) -> str:
    """"replace" -> "replaces", "fix" -> "fixes", "carry" -> "carries"."""
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")


_YOU_STEP = re.compile(r"((?:(?:^|[.!?;:,—–]\s+)(?:(?:so|and|then|but|instead|also|later|eventually|"
                       r"next day|the next day|next morning|"
                       r"finally|now|still|just|[a-z]+ly),?\s+)?|\s-{1,2}\s+|,?\s(?:and|then|so|"
                       r"because|bc|cuz|coz|but|when|where|while|once|after|before|until|since|if|as|"
                       r"that|which|than|like)\s|"
                       # "you noticed you wanted to be proven right": the writer, in a clause
                       r"\b(?:noticed|realized|realised|knew|know|thought|felt|saw|decided|"
                       r"admitted|guess|hope|wish)\s+(?:that\s+)?)\W*)you\s+(?:(don['’]?t|do not|"
                       r"didn['’]?t|did not|can['’]?t|cannot|couldn['’]?t)\s+)?"
                       # (not "you will want to skip the argument part": advice; "you
                       # should have" is a regret of the writer's)
                       r"(?!(?:are|were)\b|(?:will|would|should|could|can)\b(?!\s+have\b))"
                       r"([a-z]{2,})\b",
                       re.IGNORECASE)
# "you get Ravi to write adapters": the writer getting someone to do it (not "you get paged")
_YOU_GET = re.compile(r"\byou\s+(get|got)\s+(?=(?-i:[A-Z])[a-z]+\b[^.;]{0,50}?\bto\s+[a-z])",
                      re.IGNORECASE)
_YOU_ARE = {"you're": "I'm", "you’re": "I'm", "you are": "I am", "you were": "I was",
            "you'd": "I'd", "you’d": "I'd", "you've": "I've", "you’ve": "I've",
            "yourself": "myself", "your": "my"}
_YOU_BE = re.compile(r"\b(?:you['’]re|you are|you were|you['’]d|you['’]ve|yourself|your)\b",
                     re.IGNORECASE)


_TO_YOU = re.compile(r"\b(gives|gave|asks|asked|tells|told|hands|handed|sends|sent|pings|pinged|"
                     r"assigns|assigned|lets|shows|showed|pulls|pulled|calls|called|thanks|"
                     r"thanked|messages|messaged|emails|emailed)\s+you\b", re.IGNORECASE)


_AFTER_YOU = re.compile(r"\b(for|to|with|at|on|from|by|about|without)\s+you\b(?!['’])",
                        re.IGNORECASE)


def as_me(clause: str) -> str:
    """A "you" sentence of such notes said as the writer's, in the notes' own tense: "You pull
    bugreports" -> "I pull bugreports", "you don't trust the average" -> "I don't trust"."""
    def step(match: re.Match[str]) -> str:
        negated, verb = match.group(2), match.group(3)
        return f"{match.group(1)}I {negated + ' ' if negated else ''}{verb}"

    def mine(part: str) -> str:
        part = re.sub(r"\b(you)\s*\((?:I|me)\)", r"\1", part, flags=re.IGNORECASE)  # "You (I) were"
        part = _TO_YOU.sub(r"\1 me", part)  # "Your lead Dami gives you the ticket"
        part = _AFTER_YOU.sub(r"\1 me", part)  # "Olu swapped two shifts with you"
        said = _YOU_STEP.sub(step, _YOU_STEP.sub(step, part))  # (twice: "you noticed you
        said = _YOU_GET.sub(r"I \1 ", said)                     # wanted" holds two)
        return _YOU_BE.sub(lambda m: _YOU_ARE[m.group(0).lower()], said)
    # someone else's quoted words stay theirs: 'asks for you by name, "because you were
    # straight with us"'
    pieces = re.split(r'("[^"]*"|“[^”]*”)', clause)
    return "".join(piece if index % 2 else mine(piece) for index, piece in enumerate(pieces))


def _complete_action(words: list[str]) -> list[str]:
    """After "I <verb>": "it" before "to" where an object is missing ("traced to timeouts")."""
    object_before_to = kb.lexicon().object_before_to
    verb_end = 2
    while verb_end + 1 < len(words) and words[verb_end].lower() == "and" and \
            words[verb_end + 1].lower().endswith("ed"):
        verb_end += 2
    if verb_end >= len(words):
        return words
    nxt = words[verb_end]
    bare = nxt.strip("(\"'").lower()
    then = words[verb_end + 1].lower().strip(",.;:") if verb_end + 1 < len(words) else ""
    if bare == "to" and words[verb_end - 1].lower() in object_before_to \
            and then not in kb.lexicon().base_past \
            and then not in kb.lexicon().irregular_base:  # "pushed to send reports"
        return [*words[:verb_end], "it", *words[verb_end:]]
    if bare == "as" and words[verb_end - 1].lower() in OBJECT_BEFORE_AS:
        return [*words[:verb_end], "it", *words[verb_end:]]  # "framed as a 3-year arc"
    return words


# Verbs that need their object before "as": "framed as a 3-year arc" is "framed it as ...".
OBJECT_BEFORE_AS = frozenset({"framed", "pitched", "positioned", "sold", "presented", "described",
                               "filed", "pitch", "frame"})


def _label(text: str) -> tuple[str, str]:
    match = _LABEL.match(text) or _WHERE_LABEL.match(text)
    if not match:
        return "", text
    limit = 10 if match.group(1).lower().startswith(("why", "how")) else 4
    core = re.sub(r"\s*\([^()]*\)", "", match.group(1))  # "proposed fix (from another team)"
    if (len(core.split()) > limit or len(core) > 30 * (limit // 4)) \
            and not _BARE_LABEL.fullmatch(" ".join(core.lower().split())):
        return "", text
    label = match.group(1).strip()
    if re.fullmatch(r"[A-Za-z]+(?:_[A-Za-z]+)+", label):
        label = label.replace("_", " ")  # "blast_radius: ...": a field's name, said in words
    return label, match.group(2).strip()


# "Where it landed, 18 months in: ...": a label with a comma, the time it was written
_WHERE_LABEL = re.compile(r"^(where [\w ]{3,30}, [\w~ -]{2,24})\s*:\s+(\S.*)$", re.IGNORECASE)


def _article(word: str) -> str:
    first = word[:1]
    if word[:2].isupper() or re.match(r"[A-Z]{1,4}\d", word):
        return "an" if first in "AEFHILMNORSX" else "a"
    return "an" if first.lower() in "aeiou" else "a"


_ROLE_WORDS = re.compile(r"\b(?:sde\s?\d|senior|junior|staff|principal|engineer|eng|dev|"
                        r"developer|lead|intern|new grad|on-?call|owner|manager|tl|ic|"
                        r"scientist|analyst|sre|architect|mentor|level|l\d)\b", re.IGNORECASE)
# A role said without its article: "grad engineer", "senior FE eng", "tech lead for 3 ppl"
# (not "on the payments team", "new to the team", "3 yrs in").
_ROLE_NOUN = re.compile(r"(?!(?:on|in|at|for|from|with|new to|the|a|an|my|our)\b)(?:[a-z][\w-]*\s+){0,2}"
                        r"(?:engineer|eng|dev|developer|lead|intern|grad|hire|manager|sre|architect|"
                        r"scientist|analyst|swe|sde|ic|member|person|owner|mentor)\b", re.IGNORECASE)
# A person named as a list label: "Amara (new grad)", "Tomás", "Sam (QA)".
_PERSON_LABEL = re.compile(r"(?-i:[A-Z][a-zà-öø-ÿ]+)(?:\s+(?-i:[A-Z][a-zà-öø-ÿ]+))?(?:\s*\([^()]{1,30}\))?")
# Label words that name no person: those the notes reader never reads as a speaker, and words
# of time, order and the cards.
_NOT_PEOPLE = NOT_SPEAKERS | frozenset({
    "results", "later", "then", "after", "before", "first", "second", "third", "finally", "also",
    "step", "steps", "action", "actions", "task", "situation", "reflection", "learned",
    "learnings", "mitigation", "workaround", "solution", "approach", "remediation", "today",
    "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "week",
    "month", "quarter", "phase", "milestone", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "week one",
    "week two", "me", "myself", "mine", "team", "we", "us", "all", "everyone", "both", "proposal",
    "recommendation", "change", "changes", "q1", "q2", "q3", "q4", "jan", "feb", "mar", "apr",
    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "where", "when", "who", "bonus",
    "extra", "tl;dr", "tldr", "good", "bad", "ugly", "pros", "cons", "win", "wins", "miss",
    "misses", "hotfix", "rollback", "rollout", "launch", "background", "setup", "scope", "role",
    "why me", "constraint", "constraints", "blocker",
    # the parts of a trial: "Hypothesis: ... / Test: bumped the cap / Result: ~650ms"
    "test", "tests", "testing", "experiment", "experiments", "trial", "attempt", "try", "tried",
    "check", "probe", "hypothesis", "theory", "guess", "observation", "finding", "findings",
    "verdict", "conclusion", "measurement", "repro", "spike", "outcome"})


# A label naming someone by their role: "my manager", "mgr", "the PM", "skip-level"
_ROLE_LABEL = re.compile(r"(?:(?:my|our|the|their)\s+)?(?:manager|mgr|eng manager|em|lead|tech lead|tl|"
                         r"pm|director|vp|boss|cto|ceo|mentor|skip|skip-level|reviewer|sre|"
                         r"on-?call|product|design|qa|legal|finance)", re.IGNORECASE)


def _their_step(label: str, body: str) -> bool:
    """Whether a label names a person and what follows is their step: "Sam: wrote the
    runbook", "Amara (new grad) — wrote the checksum tool"."""
    words = body.split()
    whose = _WHOSE_WAY.fullmatch(label.strip())
    person = whose is not None and whose.group(1).lower() not in _NOT_PEOPLE \
        or _PERSON_LABEL.fullmatch(label) is not None and _names_a_person(label) \
        or _people_label(label) \
        or _group_label(label) \
        or _ROLE_LABEL.fullmatch(label.strip()) is not None  # "team: shipped fw 3.8.1", "build
    # infra team: split ...", "my manager: approved the budget"
    if words and words[0].lower() in _THEN_WORDS and len(words) > 1:
        words = words[1:]  # "Sasha: later made the queue permanent": her step, said after when
    return bool(words) and person and (words[0][:1].islower() or _capital_step(words[0])) \
        and _verb_kind(words[0].lower(), [w.lower() for w in words], None) == "past"


def _people_label(label: str) -> bool:
    """Whether a label names people by name, each perhaps with where they sit: "Aroha (Sydney)
    + Ciarán (Dublin)", "**Mei** & **Tom**", "Aroha (Sydney)"."""
    parts = re.split(r"\s*(?:\+|&|,|\band\b)\s*", re.sub(r"[*_]{1,2}", "", label).strip())
    if not 1 <= len(parts) <= 4 or not all(_PERSON_LABEL.fullmatch(p) for p in parts):
        return False
    for part in parts:
        bare = re.sub(r"\s*\([^()]*\)", "", part).strip().lower()
        aside = re.search(r"\(([^()]*)\)", part)
        if bare in _NOT_PEOPLE or bare in kb.section_headings() or _time_word(bare) or (
                len(parts) == 1 and not (aside and re.fullmatch(
                    r"(?-i:[A-Z][a-zà-öø-ÿ]+)(?: (?-i:[A-Z][a-zà-öø-ÿ]+))?", aside.group(1)))):
            return False  # one name alone is a person only with where they sit: "Aroha (Sydney)"
    return True


def _capital_step(word: str) -> bool:
    """A past verb that opens a table cell in capitals ("| Priya | Wrote the backfill |"), not a
    name ("Ted")."""
    return re.fullmatch(r"[A-Z][a-z]+", word) is not None \
        and (len(word) > 4 or word.lower() in kb.lexicon().irregular_past)


_THEN_WORDS = frozenset({"later", "then", "also", "eventually", "afterwards", "afterward",
                         "separately", "immediately", "finally", "quickly", "meanwhile"})


# A label naming the others: what follows is theirs ("team: shipped fw 3.8.1").
_GROUP_LABELS = frozenset({"team", "the team", "my team", "our team", "others", "other people",
                           "them", "everyone else", "the rest", "rest of the team", "teammates",
                           "they", "we", "us", "team side", "the others", "their bit",
                           "their part", "their side", "theirs", "not me", "their bits"})
# A label that names a group of others by what they are: "build infra team", "the SRE folks".
_GROUP_NAMED = re.compile(r"(?:the\s+|our\s+|their\s+)?(?!(?:i|me|my|mine|myself)\b)"
                          r"(?:[\w/&'’-]+\s+){0,3}(?:team|teams|squad|squads|org|folks|crew|guild|"
                          r"sre|sres|devops|qa)", re.IGNORECASE)


def _group_label(label: str) -> bool:
    """Whether a label names the others as a group: "team", "the others", "build infra
    team", "SRE folks"."""
    folded = " ".join(label.lower().split())
    return folded in _GROUP_LABELS or _GROUP_NAMED.fullmatch(folded) is not None


# "Gareth's way: took the design back": how someone else went about it, their steps.
_WHOSE_WAY = re.compile(r"(?-i:([A-Z][a-zà-öø-ÿ]+))['’]s\s+(?:way|approach|version|side|take|plan|"
                        r"call|part|bit|fix|response|move|moves|steps|group|team|squad|crew|org|"
                        r"folks|people)", re.IGNORECASE)  # ("Priyanka's group: tried a shared lib")


def heading_names(heading: str) -> tuple[str, ...]:
    """The people a heading names ("Sasha & Min", "Ruth (my manager)"), or () when it names
    anything else ("Me", "After", "Week 2")."""
    bare = re.sub(r"\s*\([^()]*\)", "", heading).strip(" #*:")
    parts = tuple(p for p in re.split(r"\s*(?:&|\+|,|\band\b)\s*", bare) if p)
    if not parts or len(parts) > 4 or not _names_a_person(heading) or not all(
            re.fullmatch(r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_A-Z]+", p) and _names_a_person(p) for p in parts):
        return ()
    return parts


def _names_a_person(label: str) -> bool:
    """Whether a list label is a person ("Amara (new grad)", "Tomás"), not a label word
    ("Fix", "Later", "Impact") or a section heading."""
    bare = re.sub(r"\s*\([^()]*\)", "", label).strip().lower()
    if bare in _NOT_PEOPLE or bare in kb.section_headings() or _time_word(bare):
        return False
    aside = re.search(r"\(([^()]*)\)", label)
    return aside is None or re.search(r"\b(?:new grad|intern|junior|senior|sde\s?\d|eng|engineer|"
                                      r"pm|qa|sre|lead|manager|em|designer|analyst|dev|"
                                      r"contractor|mentee|hire|ops|dba|mid-level|mid|staff|"
                                      r"principal|l\d|ic\d?|on-?call|primary|secondary|"
                                      r"commander|support|security|infra|platform|finance|"
                                      r"legal|data|ml|mobile|backend|frontend|product|mgr|"
                                      r"boss|skip|director|vp|cto|ceo|tl|teammate|colleague|"
                                      r"coworker|mentor|buddy|my\s+[\w-]+)s?\b|"
                                      r"(?-i:[A-Z])\w+['’]s\s",  # "Ops (Jakub's shift leads)"
                                      aside.group(1),
                                      re.IGNORECASE) is not None


# A label that says when, not who: "week 2", "W1", "W4-W6", "D+2", "D-day", "Q3", "H2", "T+5m"
_WHEN_CODE = re.compile(
    r"(?:weeks?|days?|sprints?|phases?|months?|wks?|w|d|q|h|t|iter(?:ation)?|rounds?|stages?|"
    r"milestones?|m)\s*[-+]?\s*\d{1,3}[a-z]{0,3}(?:\s*(?:-|–|to|/)\s*(?:[a-z]{1,6}\s*)?[-+]?"
    r"\d{1,3}[a-z]{0,3})?|d-?day|\d.*")


def _time_word(word: str) -> bool:
    return _WHEN_CODE.fullmatch(word) is not None


_FIX_LABELS = frozenset({"fix", "solution", "approach", "mitigation", "workaround", "remediation"})


# "Beyond the fix: ...", "after the fix: ...": where the sentence sits, not what it names.
_LABEL_PREPOSITIONS = frozenset({"beyond", "besides", "after", "before", "apart", "on", "for",
                                 "with", "outside", "other", "plus", "post", "pre", "during"})


# What comes before the writer's step in a "me:" line: "with Dan's ok, scaled ..."
_ME_LEAD = re.compile(r"((?:with|after|once|per|on|at|by|before|following|given|over|around)\b"
                      r"[^,:;]{1,40}),\s+([a-z]+)\b")


# A line of the writer's that states how things were, in their words: "our rotation is ..."
_STATEMENT = re.compile(r"(?:our|the|my|it|this|that|there|we|everyone|nobody|no one)\b",
                        re.IGNORECASE)


def _my_line(label: str, body: str) -> str:
    """A "me:" line that tells no step: a statement said without its label ("me: our on-call
    rotation is burning people out"), anything else with it, as a chat line is."""
    return body[:1].upper() + body[1:] if _STATEMENT.match(body) else f"{label}: {body}"


# A date right after "launched": "Launched May 20", "shipped on 3/14", "released Friday"
_LAUNCH_DATE = re.compile(rf"(?:on\s+)?(?:(?:{MONTH})\.?\s+\d|\d{{1,2}}/\d{{1,2}}\b|\d{{4}}-\d{{2}}|"
                          rf"{_WEEKDAY.pattern}\b)", re.IGNORECASE)


# What follows "next" in a label that says when a step was taken ("Next day: rolled back")
_NEXT_WHEN = re.compile(rf"(?:\d+\s+|two\s+|few\s+)?(?:day|days|morning|afternoon|evening|night|"
                        rf"week|weeks|hour|hours|sprint|shift|{_WEEKDAY.pattern})", re.IGNORECASE)


# Labels that only join a line to the one before: what follows is said without them
_NO_NAME_LABELS = frozenset({"also", "plus", "oh and", "and", "btw", "fyi", "side note", "ps",
                             "p.s", "nb", "n.b", "note for myself", "note to myself",
                             "note to self", "notes to self", "reminder to self", "to self",
                             "to myself", "for myself", "self"})


# Labels that only mark where a line sits in the notes ("Step:", "Team:", "What others did:",
# "Where it landed, 18 months in:"): before a clause of its own, the clause is said without them
# (and a time the label gives opens it).
_BARE_LABEL = re.compile(
    r"what (?:[\w'’-]+ ){0,3}(?:did|does|do|changed|shipped|built|owned)|"
    r"where (?:it|things|we|this|that|the \w+) (?:is|are|was|were|landed|ended up|stands|stand|"
    r"ended|got to)(?:,? (?P<when>[\w~ -]{1,24}\b(?:in|on|later|after|since)))?|"
    r"still open|status|step(?: \d{1,2})?|next step|team|owned|follow-?up|update|after that|"
    r"meanwhile|in parallel|separately|elsewhere|side effect|bonus|others|other people|the others|"
    r"everyone else|not me")
# A clause's first words that are said in lower case after a time: "14 months in, the ..."
_LOWER_LEADS = frozenset({"the", "a", "an", "our", "my", "their", "his", "her", "its", "we",
                          "they", "he", "she", "it", "this", "that", "these", "those", "most",
                          "all", "both", "each", "every", "some", "no", "none", "nobody"})


def _clause(body: str) -> bool:
    """Whether ``body`` is a clause of its own: a subject, then its verb within a few words
    ("Joel's team added ...", "I rotated ...", "Owen is reviewing ..."), not a fragment
    ("~85% of services on the new path")."""
    words = [w.strip(",.;:()") for w in body.split()]
    if len(words) < 3 or not re.match(r"[A-Za-z]", words[0]):
        return False
    if re.fullmatch(r"(?:I|we|they|he|she|it)(?:['’][a-z]{1,2})?", words[0], re.IGNORECASE) \
            or "I" in words[1:8] and words[0].lower() in ("as", "after", "once", "when", "since"):
        return True  # "as the senior engineer I felt ...": a clause with its lead
    if words[0][:1].islower() and words[0].lower() not in _LOWER_LEADS \
            and not re.search(r"[-_]", words[0]):
        return False  # "rotated the certs": a step with no subject, read as the label says
    return has_verb(words[1:5])


# A step's label with when it was taken in brackets: "fix 1 (same day)", "Step 2 (next day)"
_TIMED_LABEL = re.compile(r"([\w#-]+(?:\s+[\w#-]+){0,2})\s*\(((?:same|next|following|that|the next)\s+"
                          r"(?:day|night|morning|week|afternoon|evening)|day\s+\d+|"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|[a-z]{3}\s+\d{1,2}|"
                          r"\d{1,2}\s+[a-z]{3}|\d{1,2}/\d{1,2})\)", re.IGNORECASE)


def _open(label: str, body: str) -> tuple[str, str]:
    """Rewrite a leading label; returns (label kind, text)."""
    lowered = label.lower()
    if lowered.split() and lowered.split()[-1] in THINGS_FOUND and not re.match(r"I\b", body):
        return "", f"{label[:1].upper()}{label[1:]}: {body}"  # the things, never "I fixed sleeps"
    if lowered in _NO_NAME_LABELS and body[:1].isalpha():
        return "", body[:1].upper() + body[1:]  # "also: don't stop at the first cause"
    if lowered in _ME_LABELS and re.match(r"I(?:['’]\w+)?\s", body):
        return "", body  # "Me: I wrote in the incident channel ...": the writer, in their words
    said = body.split()
    if lowered in _ME_LABELS and len(said) > 1 and said[0].islower() and said[0].endswith("ly") \
            and _verb_kind(said[1].lower(), [w.lower() for w in said[1:]], None) == "past":
        return "", f"I {body}"  # "I: personally went to each of the 11 team leads"
    led = _ME_LEAD.match(body) if lowered in _ME_LABELS else None
    if led and _verb_kind(led.group(2), [w.lower() for w in body[led.start(2):].split()],
                          None) == "past":  # "me: with Dan's ok, scaled the consumers"
        return "", f"{led.group(1)[:1].upper()}{led.group(1)[1:]}, I {body[led.start(2):]}"
    if lowered in _ME_LABELS and len(said) > 1 and _capital_step(said[0]) \
            and _verb_kind(said[0].lower(), [w.lower() for w in said], None) == "past":
        return "", f"I {said[0].lower()} {' '.join(said[1:])}"  # "| Me | Traced it to ... |"
    if lowered in _ME_LABELS and re.fullmatch(r"(?:no|nope|yes|yep|agreed)[.!]*", body.strip(),
                                              re.IGNORECASE):
        return "", f"I said {body.strip().rstrip('.!').lower()}"  # "me: no.": the writer's answer
    if lowered in _ME_LABELS and re.fullmatch(r'["“][^"“”]{3,}["”][.!?]?', body.strip()):
        return "", f"I said: {body.strip()}"  # 'me: "later never comes"': the writer's words
    if lowered in _ME_LABELS and not _ROLE_WORDS.search(body) and not (
            body[:1].islower() and _verb_kind(body.split()[0], [w.lower() for w in body.split()],
                                              None) == "past"):
        return "", _my_line(label, body)  # "me: Blocking on this one, sorry": a chat line
    if lowered in _ME_LABELS and body.split() and body.split()[0].islower() \
            and _verb_kind(body.split()[0], [w.lower() for w in body.split()], None) is None \
            and has_verb(body.split()[1:6]) and not re.match(
                r"(?:[a-z][\w-]*\s+){0,2}(?:lead|engineer|eng|dev|owner|manager|sre|architect|"
                r"intern|grad|ic)\s+(?:for|of|on|in|at)\b", body):
        return "", _my_line(label, body)  # "me: lead was on a plane": what the writer said
    if lowered in _ME_LABELS and re.match(r"(?:me|myself|I)\b", body, re.IGNORECASE):
        return "", f"{label}: {body}"  # "Who: me (AppSec, SDE2) + dev-productivity team"
    if lowered in _ME_LABELS:
        first = body.split()[0] if body.split() else ""
        if first.islower() and _verb_kind(first, [w.lower() for w in said], None) == "past":
            return "", f"I {body}"  # "me: rolled back the flag": what the writer did
        if other_actor(body) is not None or re.match(
                r"[^.;:,]{1,40}?\b(?:asked|told|gave|assigned|handed|put|pulled|pinged|paged)\s+me\b",
                body):
            return "", body  # "ME: CEO (Mireille) asked me to lead ...": said to the writer
        if first[:1].isupper() or _ROLE_NOUN.match(body):  # "me: grad engineer, 10 months in"
            return "", f"I was {_article(first)} {body}"
        if re.fullmatch(r"[a-z]{3,}s", first) and {first[:-1], first[:-2]} & known_bases():
            return "", _my_line(label, body)  # "me: takes like 90 min if someone senior
            # babysits": a thing said in the present, never "I was takes"
        return "", f"I was {body}"
    if lowered.startswith(("why", "how")):
        return lowered, body[:1].upper() + body[1:]
    bare = _BARE_LABEL.fullmatch(" ".join(lowered.split()))
    if bare and _clause(body) and not _their_step(label, body):  # "What Payments did: Joel's
        # team added ...", "Step: I rotated ...": the label says nothing the clause does (not
        # "team: Logged 0 incidents since", the team's step)
        when = (bare.group("when") or "").strip()
        lead = f"{when[:1].upper()}{when[1:]}, " if when else ""
        return "", lead + (body[:1].lower() + body[1:] if lead and not re.match(
            r"I\b|[A-Z][a-z]*[A-Z]|[A-Z]{2}|(?-i:[A-Z][a-zà-öø-ÿ]+)\b(?!\s+(?:team|org)\b)", body)
            and body[:1].isupper() and body.split()[0].lower() in _LOWER_LEADS
            else body[:1].upper() + body[1:] if not lead else body)
    theirs = _their_step(label, body)
    if theirs and _capital_step(body.split()[0]):
        body = body[:1].lower() + body[1:]  # "| Priya | Wrote the backfill |": Priya's step
    if theirs and lowered in ("team", "the team", "my team", "our team"):
        team = "The team" if lowered in ("team", "the team") else label[:1].upper() + label[1:]
        return "", f"{team} {body}"  # "team: added a priority field": the team's step, said whole
    if theirs:  # "Sam: wrote the runbook": Sam's step, not the writer's;
        joint = ": " if _WHOSE_WAY.fullmatch(label.strip()) \
            or _group_label(label) else " "  # "Gareth's way: took ..."
        return "", f"{label}{joint}{body}"
    words = lowered.split()
    said = body.split()
    if len(words) >= 2 and words[0] in ("i", "we") and has_verb(words[1:3]):
        return "", f"{label}: {body}"  # "I rebuilt it: grouped by risk": a step, then how
    step = bool(said) and said[0].islower() and not _metric_phrase(said) and \
        _verb_kind(said[0], [w.lower() for w in said], None) == "past"
    if step and words[-1] in _FIX_LABELS:
        return "", body  # "fix: moved the migration to WorkManager": the step itself
    if words[-1] in _NOUN_LABELS and len(words) <= 3 and not has_verb(words) \
            and words[0] not in _PRONOUNS and words[0] not in _LABEL_PREPOSITIONS \
            and words[0] not in ("not", "out", "in", "no", "non"):  # "not in scope: billing"
        # is no thing to say "the ... was" of
        if re.match(r"^(?:I|I['’]\w+|we|we['’]\w+)\b", body) and words[-1] in _LESSON_LABELS:
            return "", body  # "lesson: I'd rather..." says it already
        lead = said[0] if said else ""
        if words[-1] in _FOUND_LABELS and step and lead.lower() in kb.lexicon().irregular_past:
            return "", body  # "the real cause: read about USB selective suspend": the step
        to = "to " if lead in kb.lexicon().base_past or lead in _LESSON_VERBS \
            or lead in kb.lexicon().irregular_base or _plain_verb(lead, said) else ""
        past = lead.lower() in kb.lexicon().irregular_past or lead.lower().endswith("ed")
        if not to and (past or has_verb(said[1:8]) or words[-1] in _FOUND_LABELS and len(said) > 6 and any(
                w.lower() in _CLAUSE_WORDS for w in said) or any(
                _finite_verb(w) and w.endswith("s") and not w.endswith("ss")
                for w in said[1:6] if w.islower())):
            return "", f"{label}: {body}"  # "symptom: failed jobs piled up" is a sentence
        if len(said) > 1 and re.fullmatch(r"(?:it|i|we|they|he|she|there|this|that)(?:['’]\w+)?",
                                          said[0].lower()):
            return "", f"{label}: {body}"  # "My part: it wasn't my week ...": a clause follows
        if words[0] in ("my", "our", "their", "his", "her", "the") \
                or label[:1].isupper() and re.match(r"[\w-]+['’]s$", words[0]):  # "my idea: one
            # drop zone", "Alicia's plan: ..." (a name's; "the vendor's plan" takes "the")
            return "", f"{label[:1].upper()}{label[1:]} was {to}{body}"
        return "", f"The {lowered} was {to}{body}"
    if words[0] in ("next", "upcoming", "planned", "future") and len(words) <= 3 \
            and not _NEXT_WHEN.fullmatch(" ".join(words[1:])):
        return "", f"{label}: {body}"  # "Next region: templated from Frankfurt": a plan
    if len(words) <= 3 and step:
        return "", body  # "follow-up: wrote a wiki page on heap dumps": the step itself
    timed = _TIMED_LABEL.fullmatch(label.strip())
    if timed and step and len(timed.group(1).split()) <= 3:
        # "fix 1 (same day): added a WHERE ...": the step itself, said with when it was taken
        when = timed.group(2).strip()
        return "", f"{when[:1].upper()}{when[1:]}, I {body}"
    if len(words) == 1 and words[0] in _LOOKED_INTO and label[:1].islower():
        return "", f"I {lowered}: {body}"  # "profiled: ~70% of latency is feature lookups"
    if _steps_label(label) and words[-1] not in ("well", "badly", "wrong", "right") \
            and not _TABLE_ROW.match(body) and not _judged_option(words, said) \
            and (label[:1].islower() and len(words) <= 3 or (
                len(words) <= 5 and words[0] in _PROPOSING)):  # "Proposed a tiered setup: ..."
        return "", f"I {label}: {body}"  # "traced it: receiver acked before the write": the
    return "", f"{label}: {body}"         # writer's step, then what it found


# The head of a label that names a measure, read as the subject of its row's figure:
# "CloudWatch Logs ingestion for pricing-api alone: ~$6.8K last month"
_MEASURES = frozenset({
    "cost", "costs", "bill", "spend", "spending", "ingestion", "latency", "p50", "p90", "p95",
    "p99", "p999", "time", "duration", "rate", "size", "volume", "count", "usage", "throughput",
    "revenue", "budget", "load", "traffic", "memory", "cpu", "lag", "backlog", "storage", "price",
    "total", "runtime", "uptime", "availability", "coverage", "score", "accuracy", "recall",
    "precision", "churn", "conversion", "ttfb", "mttr", "mttd", "headcount", "footprint",
    "overhead", "share", "ratio", "savings", "baseline", "peak", "median", "average", "spike",
    "growth", "utilization", "utilisation", "hours", "minutes", "days", "downtime", "delay",
})
# A label's head that counts things: "Stuck-dashboard incidents from forgotten unpause: 0 ..."
_COUNTED_THINGS = frozenset({
    "incidents", "pages", "tickets", "alerts", "errors", "failures", "outages", "crashes",
    "complaints", "rollbacks", "escalations", "timeouts", "bugs", "defects", "regressions",
    "sev2s", "sev1s", "p0s", "p1s", "reopens", "retries", "flakes", "reruns",
})
_LABEL_TAIL = re.compile(r"\s+(?:for|after|before|from|in|on|at|of|per|with|across|during|since|"
                         r"over|under|by|to|alone|only|now|today|then)\b.*$", re.IGNORECASE)
_ROW_VALUE = re.compile(r"(?:~|≈|about |around |roughly |approx\.? |approximately |under |over |"
                        r"nearly |almost |up to |at least |only |just |still )?[$€£]?\d",
                        re.IGNORECASE)
_ROW_PAIR = re.compile(r"((?:~|≈)?[$€£]?\d[\w.,%/$€£]*\+?(?:\s?[a-z%]{1,8}(?:/[a-z]{1,6})?)?)\s*"
                       r"(?:->|-->|→|=>)\s*((?:~|≈)?[$€£]?\d[\w.,%/$€£]*(?:\s?[a-z%]{1,8}"
                       r"(?:/[a-z]{1,6})?)?)(?=$|[\s,.;(])")


def said_whole(text: str) -> str:
    """A finished sentence that is a note's row or a measure's state with no verb, given the
    verb it lacks and nothing more (see ``_row_said`` and ``_as_state``); any other sentence as
    it is. Said after the sentence is placed: its card is read from the note's own words."""
    row = _LABEL.match(text)
    if row and len(row.group(1).split()) <= 7:
        said = _row_said(row.group(1).strip(), row.group(2).strip()) \
            or _before_after_said(row.group(1).strip(), row.group(2).strip())
        if said:
            return _finish(said)
    words = text.split()
    stated = _as_state(words)
    said = (_done_to_said(text) or text) if stated is words else _finish(" ".join(stated))

    def pair(match: re.Match[str]) -> str:
        before = said[:match.start()].split()
        if not _same_measure(match.group("was"), match.group("now")) \
                or _APPROXIMATE_BEFORE.search(said[:match.start()]):
            return match.group(0)
        went = "went " if 0 < len(before) <= 6 \
            and not has_verb([w for w in before if w.lower() not in _MEASURES]) \
            and not any(":" in w or w.lower() in _PRONOUNS | _SUBJECTS for w in before) \
            and before[-1].lower() not in kb.lexicon().function_words else ""
        return f"{went}from {match.group('was')} to {match.group('now')}"
    return _PAIR_SAID.sub(pair, said)


_APPROXIMATE_BEFORE = re.compile(r"\b(?:roughly|about|around|approx\.?|approximately|maybe|like|"
                                 r"nearly|almost)\s+$", re.IGNORECASE)
_UNIT_KINDS = (frozenset({"ms", "s", "sec", "secs", "min", "mins", "m", "h", "hr", "hrs", "hours",
                          "hour", "d", "day", "days", "wk", "wks", "weeks", "week", "minutes",
                          "seconds"}),
               frozenset({"b", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib"}))


def _same_measure(was: str, now: str) -> bool:
    """Whether two figures of a before -> after pair measure one thing: "1.9s" and "240ms",
    "$31K/mo" and "$4K/mo", "500" and "100"; not "2.5x" and "$340K" (a cause and its cost)."""
    def unit(figure: str) -> tuple[str, str]:
        money = "$" if re.search(r"[$€£]", figure) else ""
        tail = re.sub(r"^[^\d]*[\d.,\-]*\d", "", figure.strip()).strip().lower()
        tail = re.sub(r"^[km](?=$|/)", "", tail) if money else tail  # "$31K/mo": thousands
        for number, kind in enumerate(_UNIT_KINDS):  # "1.9s" and "240ms": one kind of unit
            if tail.split("/")[0] in kind:
                return money, f"{number}/" + "/".join(tail.split("/")[1:])
        return money, tail
    a, b = unit(was), unit(now)
    return a == b or a[0] == b[0] and (not a[1] or not b[1])


def _done_to_said(text: str) -> str | None:
    """A thing and what was done to it, with the "was" it left out: "Legacy job decommissioned,
    ~$4k/mo in hosting gone" -> "Legacy job was decommissioned, ..."; None for anything else."""
    done = _DONE_TO_THING.match(text)
    thing = done.group("thing").split() if done else []
    if not done or len(thing) < 2 or thing[-1].lower() in _DOERS \
            or any(w.lower() in _NOT_A_THING for w in thing):
        return None
    return f"{done.group('thing')} {copula(thing[-1])} {text[done.end('thing') + 1:]}"


# A thing and what was done to it, its "was" left out: "Old host decommissioned Jun 28",
# "Shared role deleted after ~11 weeks" (never "Mei rotated the cert": a doer and their object)
_DONE_TO_THING = re.compile(
    r"(?P<thing>(?:(?-i:[A-Z])[a-z-]+|[a-z][\w-]*)(?: [a-z][\w-]*){1,3}) (?:decommissioned|deleted|"
    r"purged|archived|deprecated|revoked|retired|disabled|removed|renamed|backfilled|"
    r"rotated|patched|reverted|approved|rejected|fixed)(?=\s+(?:on|at|after|in|by|within|via|"
    r"for|from|before|across|as)\b|\s*[,.;]|\s+\d|\s+(?i:" + MONTH + r")\.?\s+\d|$)")
_NOT_A_THING = frozenset({"was", "were", "is", "are", "got", "get", "gets", "been", "be", "being",
                          "has", "have", "had", "just", "also", "then", "finally", "now", "not",
                          "never", "i", "we", "they", "he", "she", "it", "and", "or", "but", "so",
                          "who", "that", "which", "all", "both", "already", "quickly"})
_DOERS = frozenset({"team", "teams", "folks", "people", "lead", "leads", "manager", "engineer",
                    "engineers", "eng", "owner", "owners", "sre", "ops", "security", "legal",
                    "finance", "support", "qa", "pm", "em", "vp", "director", "customer",
                    "customers", "vendor", "partner", "partners", "intern", "mentor", "reviewer",
                    "reviewers", "on-call", "oncall", "everyone", "nobody", "someone", "they"})


# A table's before/after row: "before 71%, after (~6 weeks) 96%"
_FIGURE_ONLY = (r"(?:~|≈|<|>|under |over |about )?[$€£]?\d(?:[\w%/$€£]|[.,](?=\d))*\+?"
                r"(?:\s?[A-Za-z%]{1,6}(?:/[a-z]{1,6})?)?")
_BEFORE_AFTER = re.compile(rf"before:?\s+(?P<was>{_FIGURE_ONLY}),?\s+(?:and\s+)?after"
                           rf"(?P<when>\s*\([^()]{{1,30}}\))?:?\s+(?P<now>{_FIGURE_ONLY})\.?$",
                           re.IGNORECASE)


def _before_after_said(label: str, body: str) -> str | None:
    """"Main branch green rate: before 71%, after (~6 weeks) 96%" -> "Main branch green rate
    was 71% before and 96% after (~6 weeks)". None for any other row."""
    row = _BEFORE_AFTER.match(body)
    if row is None or not find_figures(row.group("was")) or not find_figures(row.group("now")) \
            or label.split()[0].lower() in _PRONOUNS | _SUBJECTS \
            or has_verb([w for w in re.sub(r"\([^()]*\)", "", label).split()
                         if w.lower() not in _MEASURES]):  # "storage cost" names a measure
        return None
    bare = _LABEL_TAIL.sub("", re.sub(r"\s*\([^()]*\)", "", label)).split() or label.split()
    when = row.group("when") or ""
    return f"{_as_subject(label)} {copula(bare[-1])} {row.group('was').strip()} before and " \
           f"{row.group('now').strip()} after{when}"


def _as_subject(label: str) -> str:
    """A row's label said as its sentence's subject: "p99 latency" -> "P99 latency";
    "CloudWatch ingestion", "iOS crash rate" keep their own capitals."""
    return label if re.match(r"[A-Z]{2}|[a-z]+[A-Z]", label) else label[:1].upper() + label[1:]


def copula(head: str, now: bool = False) -> str:
    """The verb that says a measure's value after its head word: "was", "were" ("pages",
    "incidents"), "is" or "are" when the line says now; "ms", "rps" are units, not plurals."""
    head = head.lower().strip("'’")
    plural = head in _COUNTED_THINGS or len(head) > 2 and head.endswith("s") \
        and not head.endswith(("ss", "us", "is")) and head not in _NOT_PLURAL
    return ("are" if plural else "is") if now else ("were" if plural else "was")


# A verb of its own in a row: "the job runs ... and can't", "customers couldn't pay"
_AUXILIARY = re.compile(r"\b(?:can|could|would|will|should|must|might|has|have|had|is|are|do|"
                        r"does)(?:n['’]t)?\b|n['’]t\b", re.IGNORECASE)


def named_figure(label: str, clause: str) -> str | None:
    """A figure with no verb under a label that names what it is, said as that: "~2,100 failed
    checkouts" under "Impact:" -> "The impact was ~2,100 failed checkouts"; "~$4K" under
    "Costs:" -> "The costs were ~$4K". None when the clause is not such a figure."""
    if not _ROW_VALUE.match(clause) or re.search(r"->|→|=>", clause) \
            or has_verb(clause.split()[:8]) or _AUXILIARY.search(clause):
        return None
    name = label.lower()
    name = name if name.startswith("the ") else f"the {name}"
    lead = clause if re.match(r"[A-Z]{2}|[A-Z][a-z]*[A-Z]", clause) else clause[:1].lower() + clause[1:]
    return f"{name[:1].upper()}{name[1:]} {copula(name.split()[-1])} {lead}"


def _row_said(label: str, body: str) -> str | None:
    """A "label: figure" row with no verb, said as a sentence when its label names a measure:
    "~$6.8K" after "CloudWatch Logs ingestion:" -> "CloudWatch Logs ingestion was ~$6.8K";
    "~$210/day -> ~$45/day" after "Ingestion after 1 week:" -> "... went from ~$210/day to
    ~$45/day"; "0 in the 5 months since" after "Stuck-dashboard incidents:" -> "Stuck-dashboard
    incidents ... were 0 in the 5 months since". None when the row is not one."""
    said = body.split()
    if not said or not _ROW_VALUE.match(body) or "(" in label or has_verb(said) \
            or any(w.lower() in _COULD for w in said):
        return None
    head_words = _LABEL_TAIL.sub("", label).split()
    if not head_words or len(label.split()) > 7 or head_words[0].lower() in _PRONOUNS | {"i", "we"} \
            or _verb_kind(head_words[0].lower(), [w.lower() for w in label.split()], None) \
            == "past" or len(head_words) > 1 and head_words[1].lower() in _ARTICLE_WORDS:
        return None  # "pulled the top crashes from Crashlytics: 5 signatures": a step, then
    # what it found
    head = head_words[-1].lower().strip("'’")
    if head not in _COUNTED_THINGS and head not in _MEASURES:
        return None
    when = re.search(r"\s+(now|today|currently)$", label, re.IGNORECASE)
    if when:  # "p99 latency now: 180ms" -> "P99 latency is now 180ms"
        label, body = label[:when.start()], f"{when.group(1)} {body}"
    subject = _as_subject(label)
    pair = _ROW_PAIR.match(body)
    if pair:
        return f"{subject} went from {pair.group(1)} to {pair.group(2)}{body[pair.end():]}"
    if re.search(_ANY_ARROW, body):
        return None  # "p99 850ms (SLO 300ms), p50 fine ~90ms -> tail problem": a chain of thought
    now = re.search(r"\b(?:now|today|currently)\b", f"{label} {body}", re.IGNORECASE)
    return f"{subject} {copula(head, now is not None)} {body}"


_SUBJECT_VERBS = frozenset({"did", "does", "didn't", "didn’t", "doesn't", "doesn’t", "got", "gets",
                            "was", "were", "is", "are", "went", "took", "dropped", "fell", "rose",
                            "grew", "stayed", "doubled", "halved", "shipped", "landed", "failed",
                            "broke", "caused", "crashed", "timed", "became", "started",
                            "finished", "ran", "takes", "goes", "needs", "needed"})
_OBJECT_STARTS = frozenset({"what", "whatever", "everything", "anything", "both",
                            "the", "a", "an", "my", "our", "their", "his", "her", "its", "it",
                            "them", "this", "that", "these", "those", "to", "for", "in", "on",
                            "at", "with", "by", "from", "into", "onto", "so", "and", "which",
                            "up", "out", "down", "off", "back", "over", "all", "every", "each"})


_BY_STEPS = frozenset({"stood", "stopped", "dropped", "stepped", "passed", "swung", "came",
                       "went", "got", "walked", "abided", "swore", "popped",  # "stood by it"
                       # "rekeyed by courier_id", "sliced it by city tier": by what, not whom
                       "rekeyed", "keyed", "sorted", "grouped", "partitioned", "sharded",
                       "bucketed", "ordered", "indexed", "filtered", "ranked", "clustered",
                       "segmented", "sliced", "broke", "bucketized", "split", "resharded",
                       "repartitioned"})


def _noun_subject(words: list[str]) -> bool:
    """Whether an opening word that could be a verb is the head of the sentence's subject:
    "split of invoices into ... shipped", "build cache hit rate was ~20%", "test suite took 40
    min" (a verb of its own follows before any object could start)."""
    lowered = [w.lower().strip(";:()\"'") for w in words[:7]]
    if len(lowered) > 1 and lowered[1] == "of" and lowered[0] not in _VERBS_OF:
        return True
    if len(lowered) > 3 and re.fullmatch(r"[a-z]{3,}s", lowered[1]) \
            and lowered[1] not in kb.lexicon().function_words and lowered[2].endswith("ed") \
            and lowered[3].strip(",") in ("so", "and", "but", "because", "which", "overnight"):
        return True  # "fed rules changed so past months had to be recounted": what changed
    for at, word in enumerate(lowered[2:6], start=2):
        if word in ("now", "still", "always", "never", "correctly", "properly") \
                and at + 1 < len(lowered) and re.fullmatch(r"[a-z]{3,}", lowered[at + 1]) \
                and not lowered[at + 1].endswith(("ed", "ing", "ly")) \
                and lowered[at + 1] not in kb.lexicon().function_words \
                and not any(w in ("the", "a", "an", "my", "our", "it", "them", "so", "and", "but",
                                  "because", "which", "that", "then", "until") for w in lowered[1:at]):
            return True  # "rotated photos from Samsung cameras now respect EXIF": a thing, and
            # what it does now
    if len(lowered) > 2 and lowered[0].endswith("ed") and lowered[1].endswith("ed") \
            and lowered[2].isalpha() and lowered[2] not in kb.lexicon().function_words:
        return False  # "pulled failed promo attempts by locale": a past verb, then its object
        # opening on a participle ("failed" says which attempts, it is no verb of a subject)
    for word in lowered[1:6]:
        if word in _OBJECT_STARTS or word in _PRONOUNS or not word.isalpha():
            return False  # an object starts, or a clause ends ("ran load tests, they failed")
        if word in _SUBJECT_VERBS:
            return True
    return False


_VERBS_OF = frozenset({"thought", "heard", "took", "got", "ran", "made", "consisted", "spoke",
                       "approved", "disposed", "let", "dreamed", "dreamt", "knew", "learned",
                       "learnt", "read", "told", "warned", "asked", "cleared"})


_PART_OF_DAY = r"(?:morning|night|evening|afternoon)"
# A day said short is a day only where a part of it, a clock time or a log's gap follows ("thu am",
# "wed 10:31", "fri  shipped"): "sat with them" is a step
_WEEKDAY_SHORT = (r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?(?=\s+(?:am|pm|a\.m\.|p\.m\.|"
                  rf"{_PART_OF_DAY}|\d{{1,2}}:\d{{2}})\b|[ \t]{{2,}}|\t|\s*,)")
_ON_WEEKDAY = rf"(?:on\s+)?(?:{_WEEKDAY.pattern}|{_WEEKDAY_SHORT})"
# A day, and maybe its part or its clock time, that opens a log's line: "friday 17:00", "Monday"
DAY_STAMP = rf"{_ON_WEEKDAY}(?:\s+(?:{_PART_OF_DAY}|am\b|pm\b|\d{{1,2}}:\d{{2}}))?"
# When a step happened, before the step itself: "next 2 days fixed dedup key", "same day wrote
# to Fatima", "over the weekend migrated the last 3 tables".
_WHEN_OPENER = re.compile(
    r"^(?:(?:the |over the |in the |within the )?(?:next|same|following|first|last)\s+"
    r"(?:\d+\s+|two\s+|three\s+|few\s+|couple(?: of)?\s+)?(?:days?|weeks?|wks?|morning|night|evening|"
    r"afternoon|sprint|months?|hours?|hrs?)|over the weekend|that (?:night|evening|morning|weekend|week)"
    rf"|{DAY_STAMP}"
    r"|(?:day|week|wk)\s*\d+"
    r"|(?:in|during|at|after|before|on)\s+(?:the|a|an|that|our|my|this)\s+[\w-]+(?:\s+[\w-]+)?(?=,)"
    # "instead of pushing the date, ran the backfill", "to prove it, ran the suite 50x", "once
    # Dana signed off, flipped the flag": why or when, then the step
    r"|instead of\s+[\w-]+ing(?:\s+[\w'’~$%.-]+){0,5}(?=,)"
    r"|to\s+(?:prove|test|check|confirm|verify|show|double-check|rule out|make sure|be safe|"
    r"be sure|unblock|de-?risk|speed up|catch up|get ahead of)(?:\s+[\w'’~$%.-]+){0,5}(?=,)"
    r"|(?:once|as soon as|right after)\s+(?-i:[A-Z][\w'’-]+|(?:the|our|my|it|that|this)\b)"
    r"(?:\s+[\w'’~$%.-]+){1,6}(?=,)"
    r")\s*,?\s+(?=[a-z])", re.IGNORECASE)  # "In the meeting, said I'd commit"


# A clause with its own subject and a would-have after a participle: "(if) pitched as one
# giant project, it would've died".
_IF_DONE = re.compile(r"\b(?:it|this|that|they|we|he|she|nobody|no one)\s+(?:would|could|might)"
                      r"(?:['’]ve|\s+have|\s+not|n['’]t)?\b|\b(?:it|this|that)['’]d\b",
                      re.IGNORECASE)


_NOW_I = re.compile(r"(?:now|these days|nowadays|since then),?\s+(?=I\s+(?:always\s+|also\s+)?[a-z]+\b)",
                    re.IGNORECASE)
_THING_I_DID = re.compile(r"^(?P<thing>[A-Za-z0-9~][\w~ +/-]{2,60}?),\s+(?:I\s+(?:\w+ly\s+)?)?"
                          r"(?P<verb>ran|owned|led|wrote|built|drove|chaired|organi[sz]ed|hosted|"
                          r"set up|started|facilitated|designed|did)\s+(?:it|that|this|them)"
                          r"(?P<myself>\s+myself)?(?P<rest>,?\s+[a-z/][^.;:]*)?\W*$")
_ARTICLE_WORDS = frozenset({"the", "a", "an", "my", "our", "their", "his", "her", "its", "this",
                            "that", "these", "those", "every", "each", "one", "two", "three",
                            "some", "all", "both"})


def _opened_step(text: str, at: int, section: str | None, joiner: str) -> Phrase | None:
    """The clause after its opening words (``text[:at]``: "next 2 days", "Now") said as the
    writer's step, the opening kept before it; None when what follows is not the writer's."""
    after = rewrite(text[at:], section)
    if after.person != "I" or not after.text.startswith("I "):
        return None
    opener = text[:at].strip(" ,")
    return Phrase(f"{opener[0].upper()}{opener[1:]}{joiner}{after.text}", "I", after.fragment,
                  after.label)


# "What I saw: ...", "What I found, roughly: ...": a label that says the writer found or did
# what follows
_WHAT_I_LABEL = re.compile(
    r"^(?:what|the (?:thing|bit|part)s?|(?:other|more|the other|the rest of the|extra) (?:stuff|things|"
    r"bits|work))\s+I\s+(?:also\s+)?(?P<verb>(?:saw|found|noticed|spotted|did|made|"
    r"built|wrote|changed|measured|checked|learned|learnt|proposed|pitched|pushed for|tried|"
    r"fixed|shipped|suggested|recommended|argued)(?:\s*(?:\+|and)\s*did)?)"
    r"(?P<hedge>,\s*(?:roughly|basically|in short|mostly))?\s*:\s+(?P<body>\S.*)$",
    re.IGNORECASE | re.DOTALL)
# "Decision I made: ...", "Hypothesis I pitched: ...": the writer's decision, said as theirs
_THING_I_DID_LABEL = re.compile(
    r"^(?:the\s+|my\s+)?(?P<noun>decision|hypothesis|proposal|call|recommendation|pitch|idea|bet|"
    r"plan|fix|argument|case|compromise|trade-?off|(?:[a-z][\w-]*\s+)?(?:standard|policy|rule|rfc|"
    r"design|runbook|guide|charter|checklist|script|dashboard|"  # "org standard I wrote: ..."
    r"doc))\s+I\s+(?P<verb>made|pitched|proposed|"
    r"pushed for|went with|landed on|chose|took|wrote|suggested|argued for|recommended|shipped|"
    r"picked|drafted|settled on)\s*:\s+(?P<body>\S.*)$", re.IGNORECASE | re.DOTALL)


# A thing named first, a dash, then the writer's clause on it: "Those 6 - I dug in."
_TOPIC_THEN_I = re.compile(r"^((?-i:[A-Z])[\w'’/+ ]{1,28}?)\s+(?:-|--|–|—)\s+(I\s+(?:\w+ly\s+)?"
                           r"[a-z]{2,}\b.*)$")


# What a thing does or fails to do: "didnt work", "couldnt scale", "wouldnt load"
_THINGS_DO = frozenset({"work", "help", "matter", "happen", "fire", "scale", "fit", "change",
                        "load", "run", "stick", "last", "start", "stop", "finish", "build",
                        "compile", "pass", "fail", "reproduce", "show", "render", "connect",
                        "hold", "survive", "apply", "exist", "move", "budge", "improve"})
# "We added a keys table (this was me, plus the migration)": a "we" the writer marks as theirs
_WE_MARKED_MINE = re.compile(r"^[Ww]e\s+(?P<step>(?:also\s+|then\s+)?(?P<verb>[a-z]+)\b[^()]*?)\s*\((?:this|that|"
                             r"it)\s+(?:part\s+|bit\s+|one\s+)?(?:was|is)\s+(?:all\s+)?(?:me|mine)"
                             r"(?:\s*[,;]\s*(?P<more>[^()]+))?\)(?P<tail>[^()]*)$")


# A measure named by a past form and a noun, then its figures: "dropped rows: ~3% -> 0"
_MEASURE_LABEL = re.compile(r"(?:dropped|failed|rejected|missed|skipped|blocked|lost|delayed|"
                            r"duplicated|abandoned|stuck|corrupted|orphaned|throttled|crashed|"
                            r"errored|bounced|stalled|retried|queued|cancell?ed|refunded|returned|"
                            r"disputed|flagged|escalated|dead-lettered)\s+"
                            r"(?!(?:it|them|this|that|those|these|by|to|in|on|at|for|first)\b)"
                            r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?:\s+[~≈<>]?[$€£]?\d")
_CC = frozenset({"cc'd", "cc’d", "cced", "bcc'd", "bcc’d", "ccd"})
_DRAWN_IN = frozenset({"looped", "roped", "dragged", "pulled", "brought", "drafted"})


# A time or place before the writer's clause, never the thing their "it" stands for: "On the 5th
# of February, I did it by hand", "Last week, I ran it"
_WHEN_THING = re.compile(r"\s*(?:on|in|at|by|after|before|during|around|since|until|over|last|next|"
                         r"this|that|early|late|mid|yesterday|today|tonight)\b", re.IGNORECASE)


# A step's label numbered with "#": "Fix #2: ...", "attempt #3 (tue): ..." (never "PR #4412")
_NUMBERED_STEP = re.compile(r"^((?:fix|step|attempt|try|round|phase|change|experiment|test|"
                            r"item|idea|option|hypothesis|action)\s*)#(\d{1,2})(?=\s*(?:\([^()]{1,40}\))?\s*:\s)",
                            re.IGNORECASE)


def rewrite(clause: str, section: str | None) -> Phrase:
    """One note clause as a sentence; ``section`` is what its heading says (or None)."""
    text = _BULLET.sub("", clause).strip(" \t;,")
    text = _NUMBERED_STEP.sub(r"\1\2", text)  # "Fix #2 (next day): moved ...", as "Fix 2"
    if _MEASURE_LABEL.match(text):  # "dropped rows: ~3% -> 0": a measure's name and its
        return Phrase(_finish(text[:1].upper() + text[1:]), "other")  # figures, no step
    if section not in ("action", None) and re.search(r"\bmyself\b", text) \
            and text[:1].islower() and _past_form(text.split()[0]) \
            and not _ADJECTIVE_PARTS.intersection(text.split()[:1]):
        # "pulled 6 months of substitution data myself": the writer's own step, wherever said
        return rewrite(text, "action")
    if re.match(r"was\s+(?:on|in|at|asked|told|given|assigned|tasked|put|paged|responsible|new|still)\s",
                text) and re.search(r"\b(?:my|me|myself)\b", text):
        # "was on support rotation in march and a third of my queue was ...": the writer, by
        # their own "my", said with the subject the fragment leaves out
        return Phrase(_finish(f"I {text}"), "I")
    marked = _WE_MARKED_MINE.match(text)
    if marked and _past_form(marked.group("verb")):
        more = f" ({marked.group('more').strip()})" if marked.group("more") else ""
        said = _finish(f"I {marked.group('step')}{more}{marked.group('tail').rstrip()}")
        return Phrase(said, "I", fragment=False)
    topic = _TOPIC_THEN_I.match(text)
    if topic and not has_verb(topic.group(1).split()) and not _CLOCK.match(text) \
            and topic.group(1).split()[0].lower() not in kb.lexicon().function_words - {
                "those", "these", "that", "this", "the"}:
        text = f"{topic.group(1)}: {topic.group(2)}"  # "Those 6 - I dug in": the thing, then
        #                                               the writer's clause on it
    clock = _CLOCK.match(text)
    if clock:  # a log line: "2:15pm ask Sam in chat" is the writer's step, told as done
        after = rewrite(text[clock.end():], section or "action")
        body = after.text
        if body and not re.match(r"I\b|[A-Z]{2}|[A-Z][a-z]+[A-Z]", body) \
                and text[clock.end()].islower():
            body = body[0].lower() + body[1:]
        return Phrase(f"At {clock.group(1)} {body}" if body else "", after.person,
                      after.fragment, after.label)
    when = _WHEN_OPENER.match(text)
    if when and not re.match(r"\s*(?:I|we)\b", text[when.end():], re.IGNORECASE):
        step = _opened_step(text, when.end(), section or "action", ", ")
        if step is not None:  # "next 2 days fixed dedup key"
            return step
    now = _NOW_I.match(text)
    if now:  # "Now I ask for a number first": what the writer does since, said as theirs
        step = _opened_step(text, now.end(), section, " ")
        if step is not None:
            return step
    did = _THING_I_DID.match(text)
    if did and not re.search(r",\s+I\s", did.group(0)) and not did.group("myself"):
        did = None  # "..., did it myself w/ grep": the writer, said so; "..., ran it" no one
    if did and not has_verb(did.group("thing").split()) \
            and not _finite_verb(did.group("thing").split()[0]) \
            and not _WHEN_THING.match(did.group("thing")):  # "On March 4, I did it": when
        # "daily 15-min cutover standup, I ran it": the thing first, then the writer's step
        thing = did.group("thing").strip()
        article = "" if thing.split()[0].lower() in _ARTICLE_WORDS else "the "
        thing = thing if re.match(r"[A-Z]{2}|[A-Z][a-z]+[A-Z]", thing) \
            else thing[0].lower() + thing[1:]
        myself = " myself" if did.group("myself") else ""
        return Phrase(_finish(f"I {did.group('verb')} {article}{thing}{myself}"
                              f"{did.group('rest') or ''}"),
                      "I")
    mine = _WHAT_I_LABEL.match(text) or _THING_I_DID_LABEL.match(text)
    if mine and not kb.is_instruction(text):
        # "What I saw: the gain came from head queries", "Decision I made: active-passive":
        # the label says it is the writer's; said as theirs, in the label's own words
        body = mine.group("body").strip()
        step = rewrite(body, "action")
        if mine.re is _WHAT_I_LABEL and step.person == "I" and step.text.startswith("I ") \
                and not re.match(r"I\b", body):
            return step  # "What I pushed for + did: wrote the case ..."
        acted = " ".join(mine.group("verb").split())
        if mine.re is _THING_I_DID_LABEL:
            noun = mine.group("noun").lower()
            article = "an" if noun[0] in "aeiou" else "a"
            return Phrase(_finish(f"I {acted} {article} {noun}: {body}"), "I")
        hedge = mine.group("hedge") or ""
        return Phrase(_finish(f"I {acted}{hedge}: {body}"), "I")
    called = _VOCATIVE.match(text)
    if called and called.group(1).lower() not in _NOT_ADDRESSED and _names_a_person(called.group(1)):
        text = text[called.end():]  # "Carla - I've deactivated the key": said to Carla
    kind = ""
    if re.match(r"^(?:->|-->|→|=>)", text):
        text, kind = re.sub(r"^(?:->|-->|→|=>)\s*", "", text), "led_to"
    label, body = _label(text)
    if label and re.match(r"(?:instead of|rather than)\s+\S", label, re.IGNORECASE):
        step = rewrite(body, section or "action")
        if step.person == "I" and step.text.startswith("I "):
            # "instead of bigger runners: wrote a small script": the step, and what it replaced
            return Phrase(_finish(f"{label[:1].upper()}{label[1:]}, {step.text}"), "I",
                          step.fragment)
    if label:
        kind, text = _open(label, body) if not kind else (kind, text)
    kept_label = bool(label) and text.startswith(f"{label}:")  # "proposed fix (...): widen"
    if kept_label and label.lower() in ("recommended", "proposed", "suggested", "pitched") \
            and section in ("action", "situation", None) and (
                opens_on_plain_verb(body.strip()) or is_imperative(body.strip())
                or section in ("action", None) and not re.match(r"(?:I|we|they|he|she)\b|[A-Z][a-z]+ "
                                                        r"[a-z]+ed\b", body.strip())):
        # "Recommended: stay on Postgres, shard by tenant": what the writer called for
        return Phrase(_finish(f"I {label.lower()}: {body.strip()}"), "I")
    if kept_label and (_steps_label(label)
                       or section in ("action", None) and _put_forward(label)) \
            and not _TABLE_ROW.match(body) and not _judged_option(label.split(), body.split()):
        kept_label = False  # "Wrote a 6-page doc ("Payments without PANs"): ...": a step
    label_words = label.lower().split()
    if kept_label and len(label_words) <= 3 and label_words[0] in _FINDING_VERBS \
            and (len(label_words) == 1 or label_words[1] in _PRONOUNS | {"the"}):
        # "found it: intermediate cert expired": the writer's finding, said as theirs
        return Phrase(_finish(f"I {label[0].lower()}{label[1:]}: {body.strip()}"), "I")
    if kept_label and CAUSE_LABEL.match(label):
        # "root cause per DC remote hands: switch PSU A failed": what was found, never a step
        return Phrase(_finish(text[:1].upper() + text[1:]), "other")
    words = text.split()
    if not words:
        return Phrase("", "other")
    whole = re.fullmatch(r"\((I\s[^()]+)\)\.?", text)
    if whole:  # "(I own ranking serving; the ramp call was mine.)": the writer's own words
        return rewrite(whole.group(1), section)
    skipped = _NOT_DONE_LABEL.match(text)
    if skipped and opens_on_plain_verb(skipped.group(2)):
        # "didn't do: distill to a smaller model": what the writer chose not to do
        return Phrase(_finish(f"I {skipped.group(1).lower()} {skipped.group(2)}"), "I")
    named = re.fullmatch(r"\(([^():]{2,40}):\s*([^()]+?[^().!?][.!?]?)\)\.?", text)
    named = named if named and not re.search(r"[.!?]\s", named.group(2)) else None
    if named and strict_section(named.group(1)) is not None:
        return rewrite(named.group(2), section)  # "(context for future me: i was on ...)"
    if text.startswith("("):
        return Phrase(_finish(text), "other")  # "(exported from Notes, 14 Feb)": an aside
    if _PREPOSITION_LEAD.match(text):  # "based on the inventory sheet: 12 stored procs": no step
        return Phrase(_finish(text[:1].upper() + text[1:]), "other")
    if _QUOTED_SAYING.match(text):
        return Phrase(_finish(text), "other")  # '"I haven't slept in months" (Joy)': hers
    first = words[0].lower().strip("(\"'“")
    person, fragment = "other", False
    if kind == "led_to" and (has_verb(words) or _finite_verb(words[0]) or len(words) <= 2 or re.match(
            r"(?:I|we|they|he|she|you)(?:['’][a-z]{1,2})?$", words[0], re.IGNORECASE) or any(
            w.rstrip(".,;:!?") in ("so", "because", "but") for w in words)
            or re.search(r"\b(?:back|down|up|now|from)\s+(?:to\s+|at\s+)?[~≈<>]?\$?\d",
                         " ".join(words[1:]))):  # "-> crash-free users back to 99.6%": a state
        kind = ""  # "-> the slow ones were all one carrier", "-> first thing.": a note on what
    if kind == "led_to":  # came before, said as written, not a consequence of it
        words = ["This", "led", "to", *words]
    elif first in _SINGULAR or _MY_SHARE_WAS.match(text):
        person = "I"  # "My part was the design": the writer's own, said as theirs
    elif (made := _MADE_BY_ME.match(text)) and not has_verb(made.group("thing").split()):
        person = "I"  # "Load test I ran showed ...": what the writer's own work found
    elif kept_label and re.match(r"I\s+(?:\w+ly\s+)?[a-z]", body) \
            and re.fullmatch(r"[A-Z][\w'’/ -]{0,30}", label) and (
                not _names_a_person(label) or re.search(r"(?:tion|ment|ness|ing|ity|ance|ence|sis|"
                                                        r"ure|ship)$", label)):
        person = "I"  # "Decision: I argued for B": a label, then the writer's own clause
    elif first in _PLURAL_SUBJECT or _PAIR_SUBJECT.match(text):
        person = "we"
    elif first in _PRONOUNS and _pronoun_change(words):
        words = _pronoun_change(words)
    elif first == "asked" and section == "action" and len(words) > 2 \
            and words[1].lower() == "to" and words[0] == "asked" \
            and not re.search(r"\bby\s+(?:my|the|our|his|her|(?-i:[A-Z]))", " ".join(words)):
        # "what I did: ... asked to hold the small-farm segment out": the writer's request
        words, person, fragment = ["I", *words], "I", True
    elif first in _GIVEN_TO and len(words) > 2 and words[1].lower() == "to" \
            and words[2].lower().strip(",.;:") in ("me", "myself"):
        # "assigned to me as a starter bug": what was handed to the writer, never the writer
        # assigning it ("I assigned to me ...")
        words = ["It", "was", first, *words[1:]]
    elif (first == "told" and len(words) > 2 and words[1].lower() in ("the", "that", "a", "an")
          and not _TOLD_SOMEONE.match(" ".join(words))) \
            or (first in ("asked", "told", "tasked") and len(words) > 2
                and words[1].lower() == "to"):
        # "told the legacy service gets decommissioned", "asked to build it": said to the writer
        words, person, fragment = ["I", "was", first, *words[1:]], "I", True
    elif first in ("was", "got") and len(words) > 3 and words[0] in ("was", "Was", "got", "Got") \
            and words[1].lower() in ("asked", "told", "tasked", "assigned", "pulled", "brought",
                                     "given", "handed", "paged"):
        # "was asked to add request logging to pricing-api": said to the writer
        words, person, fragment = ["I", words[0].lower(), *words[1:]], "I", True
    elif first == "not" and len(words) > 2 and " ".join(words[1:3]).lower().rstrip(".,;:") in (
            "on call", "on-call") or first == "not" and len(words) > 1 \
            and words[1].lower().rstrip(".,;:") in ("oncall", "on-call"):
        words, person = ["I", "was", words[0].lower(), *words[1:]], "I"  # "not on call": the
        #                                                                  writer's state
    elif first == "not" and words[0][:1] not in "\"'“‘" and len(words) > 1 and (words[1].lower() in (
            "a", "an", "the", "my", "our", "their", "his", "her", "its", "part", "on", "in")
                                                or re.fullmatch(r"[a-z]+(?:ed|en)", words[1])):
        words = ["It", "was", words[0].lower(), *words[1:]]
    elif first.rstrip(":;,.") in ("paged", "alerted", "woken") and (
            len(words) == 1 or words[0].endswith((":", ";", ",")) or words[1].lower() in _PAGED_BY):
        # "paged at 3am", "08:40 paged: boot loops": the writer was paged, paged nobody
        words, person, fragment = ["I", "was", words[0].lower(), *words[1:]], "I", True
    elif (first in _CC and len(words) > 1 and words[1].lower() in ("on", "in")) or (
            first in _DRAWN_IN and len(words) > 1 and words[1].lower() in ("into", "onto")):
        # "cc'd on the client escalation thread", "looped into the incident": done to the writer
        words, person, fragment = ["I", "was", first, *words[1:]], "I", True
    elif first in ("paged", "alerted", "woken") and len(words) > 1 \
            and re.fullmatch(r"~?\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?[,.;:]?|~?\d{1,2}[ap]m[,.;:]?",
                             words[1].lower()):
        # "paged 06:40, lag at 380k": when the writer was paged, not whom they paged
        words, person, fragment = ["I", "was", first, "at", *words[1:]], "I", True
    elif first in ("turned", "turns") and len(words) > 2 and words[1].lower() == "out":
        # "turned out every publish invalidated ...": what the writer's digging found
        rest = words[3:] if words[2].lower() == "that" else words[2:]
        if rest[0].lower() == "to" and len(rest) > 1 and rest[1].lower() == "be":
            rest = ["it", "was", *rest[2:]]
        words, person, fragment = ["I", "found", "that", *rest], "I", True
    elif first == "took" and (_TOOK_TIME.match(" ".join(words[1:4])) or re.match(
            r"(?:some|a lot of|a bit of|a while|a few rounds of|weeks of|months of)\s*"
            r"(?:convincing|persuading|persuasion|work|effort|time|back-and-forth)?\b",
            " ".join(words[1:5]).lower()) or (
            len(words) > 2 and words[1].lower() in ("me", "us", "him", "her", "them")
            and _TOOK_TIME.match(" ".join(words[2:5])))):
        words = ["It", *words]  # "took (me) ~2 days": how long it took, not something taken
    elif first in ("no", "nothing", "none") and not has_verb(words[1:5]) \
            and not (len(words) > 1 and re.fullmatch(r"[a-z]{3,}ing", words[1].lower())
                     and words[1].lower() not in _ING_NOUNS) \
            and not re.search(r"\b(?:was|were|is|are|got|has been|have been)\s+\w+",
                              " ".join(words[1:12]).lower()) and (
            first != "no" or len(words) > 1
            and words[1].lower().strip(".,!;:") not in _LAUGHS) \
            and not _says_present(words[2:5] if first == "no" else words[1:4]):
        # (not "no single team owns on-call health", "nothing changes for users")
        plural = first == "no" and _plural_noun(words[1:6])
        words = ["There", "were" if plural else "was", words[0].lower(), *words[1:]]
    elif first == "next" and len(words) > 2 and words[1].lower().rstrip(",") == "time":
        rest = words[2:]
        own_subject = rest and (rest[0].lower() in kb.lexicon().function_words
                                or rest[0].lower() in _PRONOUNS or has_verb(rest[1:5])
                                or (len(rest) > 1 and rest[0].lower().endswith("s")
                                    and not rest[0].lower().endswith("ss")
                                    and rest[1].lower() in known_bases()))  # "guardrails go"
        if own_subject and rest[0].lower() not in _SINGULAR | _PLURAL_SUBJECT:
            words = ["Next", "time", *rest]  # "next time the question comes up it takes a day"
        else:
            if rest and rest[0].lower() not in _SINGULAR | _PLURAL_SUBJECT:
                rest = ["I", "would", *rest]
            words, person = ["Next", "time,", *rest], "I"
    elif section == "reflection" and first in ("how", "that", "to", "why", "what") and not (
            first == "that" and len(words) > 1 and (_finite_verb(words[1])
                                                    or words[1].lower() in _STATE_VERBS)):
        # "that small tests beat big ones"; "that cost me a week of goodwill" says what it did
        words, person, fragment = ["I", "learned", *words], "I", True
    elif _COULD_HAVE_BEEN.match(text):
        words = ["It", words[0].lower(), *words[1:]]  # "could have been hours": how bad it was
    elif first in ("didnt", "couldnt", "wouldnt", "shouldnt") and len(words) > 1 \
            and re.fullmatch(r"[a-z]{2,}", words[1]) is not None \
            and words[1] not in kb.lexicon().function_words and words[1] not in _THINGS_DO \
            and section != "result" \
            and not text.rstrip().endswith("?") and not _NO_ONES_DOING.match(text):
        # "didnt wait for a full RCA": the writer's step not taken, spelt as written
        words, person, fragment = ["I", first, *words[1:]], "I", True
    elif first in ("would", "should", "could", "will", "didn't", "didn’t", "never", "couldn't",
                   "should've", "would've", "could've", "shouldve", "wouldve", "couldve",
                   "should’ve", "would’ve", "could’ve") \
            and section != "result" and not text.rstrip().endswith("?") \
            and not (len(words) > 1 and words[1].lower() in _SUBJECTS) \
            and not _NO_ONES_DOING.match(text):
        lead = ["I", "had"] if first == "never" and len(words) > 1 \
            and words[1].lower() in _PARTICIPLE_ONLY else ["I"]  # "never written Rust before"
        words, person, fragment = [*lead, words[0].lower(), *words[1:]], "I", True
    elif first == "had" and len(words) > 3 and (
            words[1].lower() in ("him", "her", "them") or re.fullmatch(r"(?-i:[A-Z][a-zà-ÿ]+)", words[1])
            and _names_a_person(words[1])) and (
            words[2] in known_bases() or words[2] in _LET_THEM_DO):
        # "had her present the root cause at our eng sync": the writer had someone do it
        words, person, fragment = ["I", *words], "I", True
    elif (first.rstrip(",") in _LEAD_ADVERBS or _HOW_ADVERB.fullmatch(first.rstrip(","))) \
            and len(words) > 2 and \
            _verb_kind(words[1].lower(), [w.lower() for w in words[1:]], section) == "past":
        # "privately asked the reviewers ...": the writer's step, said how
        opener = first.rstrip(",")  # "Meanwhile, I ...", "Afterwards I ...", "I later ..."
        words, person, fragment = (["Meanwhile,", "I", *words[1:]] if opener == "meanwhile"
                                   else ["Afterwards", "I", *words[1:]] if opener == "afterwards"
                                   else ["I", opener, *words[1:]]), "I", True
    elif first.rstrip(",") in ("so", "anyway", "anyways") and len(words) > 2 \
            and _verb_kind(words[1].lower(), [w.lower() for w in words[1:]], section) == "past" \
            and (words[1].lower() not in ("did", "was", "were", "had", "got")
                 or words[2].lower() in ("a", "an", "my", "it", "some", "this")
                 or words[2][:1].isdigit()):  # not "so did the team": they did too
        # "so rolled back the flag", "anyway did a 15 min brown bag": the writer's next step,
        # said after the word that leads to it
        opening = "So" if first.rstrip(",") == "so" else "Anyway,"
        words, person, fragment = [opening, "I", *words[1:]], "I", True
    elif section == "reflection" and _imperative(words) and _steps_done_after(words):
        # "read it end to end, moved trigger to ..., asked Hana ...": what the writer did
        # about a mistake, told in the past with the steps after it, never what they would do
        words, person, fragment = ["I", past_tense(words[0].lower()), *words[1:]], "I", True
    elif section == "reflection" and _imperative(words):
        words, person, fragment = ["I", "would", words[0].lower(), *words[1:]], "I", True
    elif section == "reflection" and len(words) > 2 and first in ("also", "plus") \
            and _imperative(words[1:]):
        # "also set clearer milestones": one more thing the writer would do
        words, person, fragment = ["I", "would", "also", words[1].lower(), *words[2:]], "I", True
    elif section in ("result", None) and _passive_figure(words):
        words = _passive_figure(words)
    else:
        # a quoted word opens a name, not a step: '"charged twice" tickets from ~60/week'
        quoted = words[0][:1] in "\"'“‘"
        opened = first.rstrip(",") if len(words) > 1 and (
            words[1].lower() in ("and", "then") or first.endswith(",") and first[:-1].endswith("ed")
            and _verb_kind(words[1].lower(), [w.lower() for w in words[1:]], section) == "past"
            and len(words) > 2 and words[2].lower() in _OBJECT_LEADS | {"that", "out", "some"}) \
            else first  # "proposed, and got our manager to approve, ...", "profiled, found the
        #                 lib was shipping 300 KB": the verb goes on (not "merged, released in
        #                 the next version": what became of the work)
        verb = None if quoted or kept_label else _verb_kind(
            opened, [w.lower() for w in words], section)
        if verb is not None and re.search(r"\b(?:himself|herself)\b", text, re.I) \
                and not re.search(r"\b(?:I|me|my|myself)\b", text) \
                and not re.search(r"\b(?:let|had|have|got|get|asked|helped|made|encouraged|told|"
                                  r"pushed|wanted)\s+(?:him|her)\b", text, re.I):
            verb = None  # "rewrote the core himself": his step ("let her write it herself" is
            #              the writer's)
        if verb == "base" and len(words) > 1 and re.fullmatch(r"\([A-Z][\w.'’ -]{0,25}\)[,.;:]?",
                                                         words[1]):
            verb = None  # "lead (Awa) ok, 2 days timeboxed": a role and who holds it, no step
        if verb == "past" and re.fullmatch(r"[a-z]+ed(?:\s*(?:\+|&|and|,|/)\s*[a-z]+ed)+[.!]?",
                                           " ".join(words).lower()):
            verb = None  # "charged + locked": how the customers were left, no step of anyone's
        if verb == "base" and re.search(r"[a-z][A-Z]|^[A-Z]{2}", words[0]) \
                and first not in kb.lexicon().base_past:
            verb = None  # "LeakCanary on a debug build": a tool's name, never a verb made of it
        if verb == "past" and first in ("ran", "runs", "run") and len(words) > 1 \
                and words[1].lower().strip(",.;:") in _RAN_ON and not _RAN_WHAT.match(
                    " ".join(words[1:3]).lower()):
            verb = None  # "Ran on a dedicated Spark cluster": how the job ran, no step (but
            #              "ran weekly 1:1s with each intern" is what the writer ran)
        if verb is not None and text.rstrip().endswith("?") and (
                first in _QUESTION_OPENERS or len(words) <= 20):
            verb = None  # "did it work?", "got a sec to check my story?": a question, no step
        if verb == "past" and len(words) > 2 and first.endswith("ed") \
                and re.fullmatch(r"[a-z]{3,}", words[1]) is not None \
                and words[1] not in kb.lexicon().function_words \
                and words[2].rstrip(",.;:") in ("going", "coming", "heading", "landing",
                                                 "arriving", "shipping", "pending", "due"):
            verb = None  # "Corrected file going to Gloria today": a thing described, not a step
        if verb == "past" and len(words) > 1 and re.fullmatch(r"[A-Z][a-z]+", words[0]) \
                and not {first[:-1], first[:-2]} & set(kb.lexicon().base_past) \
                and (len(words) == 2 or words[2].lower() in kb.lexicon().function_words
                     or words[2].lower() in _PRONOUNS) \
                and other_actor(" ".join(words)) is not None \
                and _verb_kind(words[1].lower().rstrip(",.;:"), [w.lower() for w in words[1:]],
                               None) == "past":
            verb = None  # "Ahmed reviewed it", "Fred signed off": a name, then their step
        if verb == "past" and re.fullmatch(r"[A-Z][a-z]+", words[0]) and len(words) > 2 \
                and words[1].startswith("(") and not {first[:-1], first[:-2]} \
                & set(kb.lexicon().base_past):
            shut = next((i for i, w in enumerate(words[1:6], 1) if w.rstrip(",.;:").endswith(")")),
                        None)
            beyond = words[shut + 1:] if shut is not None else []
            nxt = beyond[0].lower().strip(",.;:") if beyond else ""
            if nxt and (_verb_kind(nxt, [w.lower() for w in beyond], None) == "past"
                        or nxt in kb.lexicon().linking_verbs):
                verb = None  # "Ahmed (SDE2) took over the sessions": a name, its aside, a deed
        if verb == "past" and _NAME_OF_A_TEAM.match(text.strip()) \
                and not {first[:-1], first[:-2]} & set(kb.lexicon().base_past):
            verb = None  # "Ahmed on infra team set up the policy": a name, where they sit, a deed
        if verb == "past" and re.fullmatch(r"[A-Z][a-z]+ed", words[0]) and len(words) > 3 \
                and words[1] in ("in", "from", "at", "of") and words[2][:1].isupper() \
                and not {first[:-1], first[:-2], first[:-3]} & set(kb.lexicon().base_past) \
                and other_actor(" ".join(words)) is not None:
            verb = None  # "Ahmed in CX set it up": a name no verb is made of, then a deed
        if verb == "base" and len(words) > 1 and words[0][:1].isupper() \
                and re.fullmatch(r"(?-i:[A-Z][a-z]+)[,.;:]?", words[1]) is not None:
            verb = None  # "Build Infra (remote execution)", "Release Eng": a team's name
        if verb is not None and first not in _SEEING and first not in _CLAUSE_VERBS \
                and (has_verb(words[1:4], linking_only=True) or _noun_subject(words)):
            verb = None  # "orphaned code is where this starts": a noun phrase, not an action
        if verb is not None and len(words) > 1 and first in _PARTICIPLE_OPENERS \
                and words[1].lower() in ("with", "to", "on", "against", "together") \
                and "," in " ".join(words[:10]) \
                and _clause_after_comma(" ".join(words)):
            verb = None  # "combined with our yield maps, anyone could ...": not a step
        if verb is not None and len(words) > 2 and words[1].lower() in ("as", "like") \
                and _IF_DONE.search(" ".join(words[2:16])):
            verb = None  # "pitched as one giant project it would've died": if it had been
        if verb is not None and len(words) > 1 and (
                first == "promoted" and words[1].lower() in ("to", "next", "this", "last", "in",
                                                              "at", "after", "within", "the")
                or first == "used" and words[1].lower() in ("for", "in", "across", "on")
                or first == "throttled" and words[1].lower() in ("on", "by", "at")
                or first == "paid" and re.match(r"(?:on-?call|comp|leave|time|overtime|stipends?|"
                                                r"holidays?|sick|parental|family)\b",
                                                words[1].lower())):
            # "promoted to SDE2 at ~15 months", "promoted next cycle", "used for ~600 bulk
            # copies", "throttled on the old cluster's reads", "paid on-call stipend": who is
            # not said, or a kind of thing
            verb = None
        if verb is not None and len(words) > 1 and words[1].lower().rstrip(":") == "by" \
                and first not in _BY_STEPS \
                and not (len(words) > 2 and words[2].lower().strip(",.;:") in ("hand", "myself")) \
                and not (len(words) > 3 and re.fullmatch(r"[a-z]{3,}ing", words[2])
                         and words[3].lower() in _OBJECT_LEADS and first not in _CAUSED) and not (
                    first in ("shipped", "launched", "delivered", "released", "finished")
                    and re.match(r"(?:the|our|its) (?:\w+ )?(?:date|deadline)\b|end of\b",
                                 " ".join(words[2:5]).lower())):
            verb = None  # "rejected by app review": done to the work, not by the writer ("confirmed
            #              by replaying a day of logs", "reran by hand" is how the writer did it)
        if verb is not None and first == "stayed" and len(words) > 2 \
                and words[1].lower() in ("on", "with") \
                and words[2].lower().strip(",.") not in kb.lexicon().function_words \
                and words[2].lower().strip(",.") not in ("call", "site", "late", "shift", "top",
                                                          "rotation", "pager", "it", "them"):
            verb = None  # "stayed on postgres, sharded by agency": what the system stayed on
        if verb is not None and re.search(r"\b(?:or|and|\+|&)\s+me\b|\bme\s+(?:or|and|\+|&)\s",
                                          " ".join(words[1:8])):
            verb = None  # "needed Halvard or me": the writer is who it needed, not who needed
        if verb is not None and first not in _BY_STEPS and _BY_SOMEONE.match(" ".join(words[1:7])):
            verb = None  # "caught in staging by Mateo, not by me": done by someone else
        if verb is not None and len(words) > 2 and words[1] in ("+", "&", "/") \
                and _verb_kind(words[2].lower(), [w.lower() for w in words[2:]], section) \
                != "past":
            verb = None  # "fix + a test matrix": a list of things; "wrote + tested" is a step
        if verb == "past" and first in ("launched", "shipped", "released", "landed") \
                and len(words) > 1 and _LAUNCH_DATE.match(" ".join(words[1:4])):
            verb = None  # "Launched May 20, two weeks late": what launched, not who launched it
        if verb == "past" and first in ("estimated", "expected", "projected", "budgeted",
                                        "quoted", "scoped", "forecast", "planned") \
                and len(words) > 1 and re.match(r"[~$€£]?\d|(?:about|around|roughly|approx|"
                                                r"maybe|at|for)\b", words[1].lower()):
            verb = None  # "estimated 9 months", after someone's plan: what it was put at
        if verb == "past" and first in ("won", "placed", "finished") and len(words) > 1 \
                and re.match(r"(?:\d+(?:st|nd|rd|th)?|first|second|third|runner|best|top|an? award|"
                             r"the (?:prize|award|hackathon|hackday|top)|(?:a )?prize)\b",
                             " ".join(words[1:4]).lower()):
            verb = None  # "won 2nd place": what the entry won, never the writer alone
        if verb == "past" and first in _LOSS_VERBS and _LOSS.match(" ".join(words[1:5])):
            verb = None  # "lost about 35 min of bad matchmaking": what it cost, not who lost it
        if verb == "past" and (_metric_phrase(words) or (
                len(words) > 1 and words[1].lower().strip(",") in _COMPOUND_AFTER.get(first, ()))):
            verb = None  # "flagged services 73 -> 0": what was measured, not who flagged
        if verb is not None:
            past = past_tense(first) if verb == "base" else words[0].lower()
            words = [past, *words[1:]]
            words = _complete_action(["I", *words])
            words = re.sub(r"\s*\((?:me|by me|mine|myself)\)", "", " ".join(words),
                           flags=re.IGNORECASE).split()  # "Rolled back (me)": said as "I"
            person, fragment = "I", True
        elif section == "result" and _passive(words):
            words = _passive(words)
        else:
            words = _noun_start(words)
    spoken_by = kept_label and re.fullmatch(r"(?-i:[A-Z][a-zà-öø-ÿ]+)(?:\s*\([^()]{1,30}\))?", label) \
        is not None and label.lower() not in _ME_LABELS  # "Lena: I hear you": Lena's "I"
    if person == "other" and not spoken_by and _late_i(" ".join(words)):
        person = "I"
    elif person == "other" and _THING_I_DID_WAS.match(" ".join(words)):
        person = "I"  # "The thing I did that ended up mattering was writing a small job"
    elif person == "other" and _DONE_BY_ME.search(" ".join(words)):
        person = "I"  # "a CI check was prototyped by me": the writer's step, in the passive
        active = _active_by_me(" ".join(words))
        words = active.split() if active else words
    elif person == "other" and _DONE_WITH_ME.search(" ".join(words)):
        person = "we"  # "shipped first, by me and Carla": done together
    elif person == "other" and _PLURAL_WORD.search(" ".join(words[1:])):
        person = "we"
    return Phrase(_finish(" ".join(words)), person, fragment, kind)


# "in staging by Mateo", "on tuesday by the on-call": the one who did a step told in the passive
_BY_SOMEONE = re.compile(r"(?:[\w~$€£.,-]+\s+){1,3}by\s+(?:(?-i:[A-Z][a-z]+)\b(?<!Monday)(?<!Friday)"
                         r"(?<!Tuesday)(?<!Wednesday)(?<!Thursday)(?<!Saturday)(?<!Sunday)"
                         r"(?<!January)(?<!March)(?<!April)(?<!May)(?<!June)(?<!July)(?<!August)"
                         r"(?!\s+\d)|(?:someone|somebody|a contractor|an ex-employee|a former\s+\w+)\b|"
                         r"(?:the|my|our|their|a|an)\s+(?:[\w-]+\s+)?(?:team|lead|manager|"
                         r"pm|qa|reviewer|director|vp|cto|ceo|customer|vendor|ops|support|sre|"
                         r"on-?call|tester|auditor|user|client|partner|engineer)s?\b|"
                         # "burned before by an API that changed": by a thing, not a share
                         r"(?:a|an)\s+(?!(?:third|half|quarter|lot|bit|factor|margin|mile|day|week|"
                         r"month|year|few|couple|hair|nose|wide|long|small|large|big|huge|tiny|"
                         r"fraction|percent|point|order|hand|script|flag|mile)\b)[a-z][\w-]+\s+"
                         r"(?:that|which|who)\b)",
                         re.IGNORECASE)
_DONE_BY_ME = re.compile(r"\b(?:was|were|got|been|being)\s+(?:\w+ly\s+|first\s+|then\s+|all\s+)?"
                        r"(?:[a-z]+(?:ed|en|wn|ne|t)|run|led|read|set|put|cut|split|spun)\b"
                        r"[^.;:]{0,40}?\bby me\b"
                        r"(?!\s*(?:(?:and|with|\+|&)\s*\w|,\s*(?-i:[A-Z])))", re.IGNORECASE)
_DONE_WITH_ME = re.compile(r"\bby me\s*(?:and|with|\+|&)\s*\w", re.IGNORECASE)


_BY_ME_VERB = re.compile(r"\s+(?:was|were|got)\s+((?:first|then|also|quickly)\s+)?([a-z]+)"
                        r"((?:\s+(?:up|out|down|off|together|back|client-side|server-side|"
                        r"in-house))?)\s+(\(by me\)|\(by me,\s*|by me\b)")
_NP_START = re.compile(r"(?:an?|the|this|that|these|those|our|my|its|\d[\w,.~%]*|~\d\S*)\b",
                       re.IGNORECASE)
_PARTICIPLES = {"written": "wrote", "drawn": "drew", "done": "did", "taken": "took",
                "shown": "showed", "given": "gave", "chosen": "chose", "driven": "drove",
                "begun": "began", "run": "ran", "rewritten": "rewrote", "undertaken": "undertook",
                "broken": "broke", "thrown": "threw", "overseen": "oversaw", "known": "knew",
                "seen": "saw", "spoken": "spoke", "grown": "grew", "drawn up": "drew up"}


def _active_by_me(text: str) -> str:
    """"A CI check was prototyped by me over ~3 weeks" -> "I prototyped a CI check over ~3
    weeks": the writer's step said with its "I"; "" when the sentence is not that plain."""
    match = _BY_ME_VERB.search(text)
    if match is None:
        return ""
    head, verb = text[:match.start()], match.group(2)
    comma = head.find(", ")
    lead = ""
    joined = list(re.finditer(r",\s+(?:so|and so|and then|then)\s+|;\s+", head))
    if joined and _NP_START.match(head, joined[-1].end()):
        # "Unit tests weren't enough for me, so the parser was run by me against ...": the
        # clause after "so" is the writer's step
        lead, head = head[:joined[-1].end()], head[joined[-1].end():]
    elif 0 <= comma <= 45 and _NP_START.match(head, comma + 2):
        lead, head = head[:comma + 2], head[comma + 2:]
    elif re.match(r"(?:So|Then|And|Also)\s+", head):
        lead, head = head.split(" ", 1)[0] + " ", head.split(" ", 1)[1]
    lexicon = kb.lexicon()
    past = _PARTICIPLES.get(verb) or (verb if verb.endswith("ed") or verb in lexicon.irregular_past
                                      else "")
    if not past or not _NP_START.match(head) or len(head.split()) > 14 or "(" in head:
        return ""
    first = head.split()[0]
    head = head if len(first) > 1 and first.isupper() else head[:1].lower() + head[1:]
    rest = text[match.end():]
    opener = "(" if match.group(4).startswith("(by me,") else ""
    adverb = match.group(1) or ""
    particle = match.group(3)
    if particle.strip() in ("client-side", "server-side", "in-house", "together"):
        head, particle = head + particle, ""  # "built the export client-side"
    return (f"{lead}I {adverb}{past}{particle} {head}"
            + (f" ({rest}" if opener else (" " + rest.lstrip() if rest.strip() else ""))
            ).rstrip()


# "I" as the subject after an opening phrase: "Then I wrote...", "When the customer called, I
# gave...", "As the senior on the team I owned...", "The hard part was saying no: I cut...".
_OPENER = (r"(?:then|so|and|but|plus|also|first|finally|next|later|afterwards|after that|eventually|"
           r"luckily|fortunately|unfortunately|honestly|basically|anyway|"
           r"mostly|instead|meanwhile|still|so then|and then|in the end|that week|that night|"
           # "Monday I told Grainne", "friday 17:00 I handed off to Sunil"
           rf"{DAY_STAMP}|(?:the\s+)?next (?:day|morning)|yesterday|today|tonight|"
           rf"{TIME_LEADS})")
_SUBORDINATE = (r"(?:when|after|as|once|since|because|before|while|if|on|in|by|during|within|at|"
                r"over|for|with|to|given|despite|although|though|until|from|that|this|with|"
                r"instead|rather than|without|unlike|like)")
# "By the time I picked this up, the company had secrets in 5 places": the "I" is the subject
# of the opening clause only; the sentence is about what follows the comma.
_I_IN_OPENER = re.compile(r"^(?:by the time|when|after|once|since|as soon as|before|while|until|"
                          r"if|because|as)\s+I\b[^,;:]{0,80},\s+(?!(?:so |then |and )?I\b)"
                          r"(?:the|a|an|our|my|their|every|each|it|this|that|there|(?-i:[A-Z][a-z]+))\b",
                          re.IGNORECASE)


_THING_I_DID_WAS = re.compile(r"(?:the|one|what)\s+(?:\w+\s+)?(?:thing|step|part|move|bit|fix)\s+I\s+"
                              r"(?:did|took|made|tried|built|wrote)\b[^.;:]{0,60}?\b(?:was|is)\s+"
                              r"(?:\w+ing|to)\b", re.IGNORECASE)


def _late_i(text: str) -> bool:
    """Whether a sentence that does not open on "I" is still the writer's ("Then I ...",
    "When the deploy failed, I rolled back"), not one whose "I" sits in its opening clause."""
    if _LATE_I.match(text) is not None and _I_IN_OPENER.match(text) is None \
            and _HAD_BEFORE.match(text) is None:
        return True
    fronted = _FRONTED_I.match(text)  # "Nadia's ticket in Oct, I basically rewrote her
    # migration", "Last Tuesday, I rewrote it": a topic or a time with no verb, then the step
    return fronted is not None and not has_verb(fronted.group(1).split()) \
        and not re.search(r"\b(?:I|me|my|we|our|us)\b", fronted.group(1), re.IGNORECASE) \
        and _verb_kind(fronted.group(2).lower(), [fronted.group(2).lower()], "action") == "past"


_FRONTED_I = re.compile(r"^((?:[^.;:!?,()\"“]{3,40},\s+)?[^.;:!?,()\"“]{3,40}),\s+I\s+(?:\w+ly\s+)?"
                        r"([a-z]+)\b")  # ("~2 wks later, building the phase 2 plan, I noticed")


# "Two days earlier I'd shipped a change": what the writer had done before, the background
_HAD_BEFORE = re.compile(r"^[^.;:!?]{0,40}\b(?:earlier|before|ago|prior)\b,?\s+I['’]d\s", re.IGNORECASE)


_LATE_I = re.compile(rf"^(?:(?:{_OPENER}),?\s+)+I\b|"
                     rf"^(?:(?:{_OPENER}),?\s+)?{_SUBORDINATE}\b(?:[^.;:!?]|(?<=\d)[:.](?=\d))"
                     r"{0,90}?(?<!\band)[, ]\s*I\b"
                     r"(?:['’]d(?=\s+(?:seen|been|noticed|found|already|just)\b)|(?!['’]d\b)(?=\s+[a-z]))"
                     r"|^[^.;!?]{3,60}:\s+I\b(?=\s+[a-z])"
                     r"|^(?:the\s+|that\s+|this\s+)?(?:[\w-]+\s+){0,3}(?:day|days|week|weeks|wks?|morning|night|"
                     r"evening|afternoon|month|months|mos|hours?|hrs?|minutes?|mins|weekend|sprint|quarter)"
                     r"(?:\s+(?:before|after|later|earlier|"
                     r"in|of)\b[^.;:!?,]{0,25})?,?\s+I\b(?=\s+[a-z]|['’]d\s+[a-z]+ed\b)"
                     # "back at work I profiled startup", "at the offsite I pitched it"
                     r"|^(?:back\s+(?:at|in|home|on)|at|during|over|after)\s+(?:the\s+|my\s+|our\s+|"
                     r"that\s+)?[\w-]+(?:\s+[\w-]+)?,?\s+I\s+(?=[a-z]+ed\b|(?:ran|wrote|took|made|"
                     r"built|found|saw|met|told|sent|went|did|got|gave|kept|led|put|set)\b)",
                     re.IGNORECASE)
# A label that is the writer's finding: "found it: ...", "noticed: ..."
_FINDING_VERBS = frozenset({"found", "noticed", "spotted", "saw", "confirmed", "traced",
                            "narrowed", "reproduced", "nailed"})
# Verbs that take a clause ("found ~70% of storage was raw clickstream").
_CLAUSE_VERBS = frozenset({"showed", "proved", "confirmed", "measured", "checked", "verified",
                           "argued", "explained", "said", "told", "wrote", "figured", "guessed",
                           "estimated", "calculated", "demonstrated", "suspected", "assumed"})
# An adverb of manner before a step ("privately asked", "deliberately kept"); not a word that
# only ends like one ("daily", "family", "early")
_HOW_ADVERB = re.compile(r"(?!(?:daily|weekly|monthly|yearly|hourly|nightly|early|only|family|italy|"
                         r"july|rally|ally|supply|apply|reply|assembly|friendly|likely|lonely)$)"
                         r"[a-z]{3,}ly")
# What the writer had someone do ("had her present ...", "had Kwame demo ..."), beyond the
# lexicon's verbs
_LET_THEM_DO = frozenset({"present", "pair", "demo", "shadow", "fill", "handle", "drive", "lead",
                          "own", "run", "write", "review", "take", "try", "do", "walk", "pick"})
_LEAD_ADVERBS = frozenset({"also", "then", "later", "finally", "eventually", "quickly", "first",
                           "next", "afterwards", "personally", "immediately", "separately",
                           "meanwhile", "instead", "only", "just", "manually", "quietly"})
_PRONOUNS = frozenset({"it", "this", "that", "those", "these", "he", "she", "they"})
_CHANGE_VERBS = frozenset({"cut", "reduced", "brought", "dropped", "took", "moved", "improved",
                           "lowered", "raised", "increased", "decreased", "pushed", "got"})


def _pronoun_change(words: list[str]) -> list[str]:
    """"it cut the time to offer from 30 days to 12 days" -> "The time to offer went from 30
    days to 12 days": the change, without a pronoun whose referent the story may not say."""
    text = " ".join(words)
    if len(words) < 4 or words[1].lower() not in _CHANGE_VERBS or not find_deltas(text):
        return []
    cut = text.find(" from ")
    metric = text[len(words[0]) + len(words[1]) + 2:cut].split() if cut > 0 else []
    if not metric or len(metric) > 5:
        return []
    if metric[0].lower() in ("the", "our", "my", "their"):
        metric = metric[1:]
    return ["The", *metric, "went", *text[cut:].split()]


_PASSIVE_OBJECT = re.compile(r"^(?:(?:the|all|both|every|each|about)\s+)?(?:\d(?:[\w%]|[.,](?=\d))*"
                             r"(?:\s+of\s+(?:the\s+)?\d(?:[\w%]|[.,](?=\d))*)?|the)"
                             r"(?:\s+[a-z][\w-]*){0,3}$", re.IGNORECASE)  # (not "2, both ramped")


_WHEN_DONE = re.compile(r"(?:about\s+|~)?\d[\d.,]*\s*(?:mins?|minutes?|hrs?|hours?|days?|wks?|weeks?|"
                        r"months?|mos?|yrs?|years?|sprints?|quarters?)\b", re.IGNORECASE)
_PAGED_BY = frozenset({"at", "by", "around", "in", "on", "for", "about", "re", "again", "twice",
                       "overnight", "mid", "from", "via", "up", "after", "before", "during"})
_OUTCOME_VERBS = frozenset({"saved", "recovered", "freed", "avoided", "prevented", "reclaimed",
                            "gained"})
_FIGURE_OBJECT = re.compile(r"^((?:about|approximately|around|over|nearly|almost|roughly)?\s*"
                            r"[$€£]?\d[\w.,%$]*(?:\s+[a-z][\w-]*){0,2}?"
                            r"(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?(?:\s+(?:a|an|per)\s+\w+)?)"
                            r"(\s+(?:across|in|on|for|by|at|after|over|during|within|from)\b.*)?$")


def _plural_noun(words: list[str]) -> bool:
    """Whether the noun phrase ``words`` open on is plural, read at its last word before a
    preposition or a break: "no major identity outages in 2024" yes, "no process across teams"
    no (its noun is "process")."""
    function_words = kb.lexicon().function_words
    last = ""
    for word in words:
        bare = word.lower().strip(",.;:()")
        if bare in function_words or bare in ("across", "since", "so", "after", "before"):
            break
        last = bare
        if word.endswith((",", ";", ":", ".")):
            break
    return re.fullmatch(r"[a-z-]{2,}[^s']s", last) is not None


def _passive_figure(words: list[str]) -> list[str]:
    """An outcome fragment that opens on its verb and a figure ("saved about 6 hours a week
    across the rotation") in the passive, so no "I" is supplied for an outcome."""
    if len(words) < 2 or words[0].lower() not in _OUTCOME_VERBS:
        return []
    match = _FIGURE_OBJECT.match(" ".join(words[1:]).rstrip("."))
    if not match:
        return []
    head = match.group(1).split()
    rest = (match.group(2) or "").split()
    return [*head, "was", words[0].lower(), *rest]


def _passive(words: list[str]) -> list[str]:
    """An outcome fragment that never says who ("hired 6 of 8") in the passive ("6 of 8 were
    hired"), so no subject is supplied."""
    first = words[0].lower()
    irregular = kb.lexicon().irregular_past
    if len(words) < 2 or not (first in irregular or (first.endswith("ed") and len(first) > 3)):
        return []
    rest = " ".join(words[1:]).rstrip(".")
    if not _PASSIVE_OBJECT.match(rest) or _WHEN_DONE.match(rest):
        return []  # "merged 2 days before freeze" says when, not what was merged
    lead = rest.split()[0].lower()
    plural = re.match(r"\d", lead) and lead not in ("1", "one") or rest.lower().startswith(
        ("all ", "both ")) or rest.split()[-1].lower().endswith("s")
    return [*rest.split(), "were" if plural else "was", first]


@lru_cache(maxsize=1)
def _past_only() -> frozenset[str]:
    """Past forms that are no plain verb too ("moved", "asked", not "read", "put")."""
    lexicon = kb.lexicon()
    return frozenset(word for word in lexicon.irregular_past if word not in lexicon.irregular_base)


def _steps_done_after(words: list[str]) -> bool:
    """Whether a clause that opens on a plain verb goes on to two or more steps told in the
    past, each after a comma ("read it end to end, moved trigger to ..., asked Hana ..."), not
    a lesson with an aside ("ask earlier for access, lost a day waiting on that")."""
    past = _past_only()
    return sum(before.endswith(",") and (word.lower() in past or re.fullmatch(r"[a-z]{3,}ed", word)
                                         is not None and word.lower() not in ("need", "feed", "seed"))
               for before, word in zip(words, words[1:], strict=False)) >= 2


def _imperative(words: list[str]) -> bool:
    """A lesson written as an instruction to oneself ("talk to finance earlier", "ask for the
    audit at design time"): a plain verb first, no verb of its own after it."""
    first = words[0]
    if not re.fullmatch(r"[a-z]+", first) or first in kb.lexicon().function_words \
            or first.endswith(("ed", "ing", "ly")) or has_verb(words[1:5], linking_only=True):
        return False
    if len(words) > 1 and words[1].lower() in kb.lexicon().irregular_past \
            and words[1].lower() not in ("read", "set", "put", "cut", "let", "hit"):
        return False  # "trust came back from showing up": a noun and its verb, no instruction
    if len(words) > 1 and words[1].lower() in ("comes", "goes", "does", "is", "has", "was",
                                                "gets", "takes", "makes", "needs", "wins",
                                                "beats", "matters", "helps", "works", "scales"):
        return False  # "trust comes back through small kept promises": the same, said now
    if len(words) > 1 and words[1].lower().strip(",.:;") in _MEETINGS:
        return False  # "design review for the new filter": a meeting, no instruction
    return first in kb.lexicon().base_past or first in _LESSON_VERBS


_MEETINGS = frozenset({"review", "reviews", "meeting", "meetings", "session", "sessions", "sync",
                       "retro", "kickoff", "standup", "doc", "docs", "call", "calls", "day"})
_QUESTION_OPENERS = frozenset({"did", "does", "do", "was", "were", "is", "are", "could", "would",
                               "should", "can", "will", "has", "have", "had"})
_LESSON_VERBS = frozenset({"ask", "talk", "check", "start", "get", "write", "involve", "bring",
                           "push", "set", "make", "keep", "put", "loop", "share", "publish",
                           "measure", "run", "add", "plan", "build", "test", "read", "look",
                           "trust", "do", "spend", "say", "tell", "give", "take", "try",
                           "budget", "escalate", "flag", "rehearse", "timebox", "pair",
                           "learn", "assume", "verify", "question", "document", "avoid", "stop",
                           "prefer", "default", "instrument", "argue", "raise", "go"})


def is_imperative(text: str) -> bool:
    """Whether a sentence is an instruction to oneself ("Learn why before asking for more
    machines", "Talk to finance earlier"): advice, as a lesson is given."""
    words = text.rstrip(".!").split()
    return len(words) >= 2 and not has_verb(words[1:5]) and words[1].lower() not in _REPORTING \
        and _imperative([words[0].lower(), *words[1:]])


_REPORTING = frozenset({"says", "thinks", "wants", "asks", "tells", "agrees", "knows", "feels",
                        "needs", "owns", "uses", "runs", "keeps", "gets", "makes"})


_COPULAS = frozenset({"is", "are", "was", "were", "has", "have", "had", "becomes", "became",
                      "seems", "seemed", "'s", "isn't", "wasn't", "aren't", "weren't"})


@lru_cache(maxsize=1)
def known_bases() -> frozenset[str]:
    """The verbs the lexicon knows in their plain form ("fix", "find"), read once."""
    return frozenset(kb.lexicon().base_past) | frozenset(kb.lexicon().irregular_base)


def _says_present(words: list[str]) -> bool:
    """Whether a verb in the present with its -s ("owns", "fixes") is among ``words``."""
    base = _present_bases()
    said = [word.lower().strip(",.;:") for word in words]
    return any((len(w) > 3 and (w.endswith("s") and w[:-1] in base
                                or w.endswith("es") and w[:-2] in base)
                or w in ("has", "does", "goes"))
               and (at == 0 or said[at - 1] not in ("or", "and", "&", "of", "the"))
               and not words[at - 1 if at else 0].endswith(",")
               for at, w in enumerate(said))


@lru_cache(maxsize=1)
def _present_bases() -> frozenset[str]:
    return known_bases() | _PRESENT_BASES


# Verbs a "no one ..." clause says in the present ("nothing changes", "no team owns it")
_PRESENT_BASES = frozenset({"change", "own", "know", "work", "break", "need", "use", "read",
                            "call", "check", "cover", "handle", "touch", "see", "get", "make",
                            "take", "want", "care", "page", "alert", "block", "fail", "catch",
                            "track", "monitor", "watch", "look", "stop", "happen", "matter",
                            "help", "test", "review", "answer", "respond", "notice", "follow"})


def has_verb(words: list[str], *, linking_only: bool = False) -> bool:
    """Whether a past-tense or linking verb is among ``words`` ("no team owned it");
    ``linking_only``: only a linking verb ("is", "was", "had") counts."""
    lexicon = kb.lexicon()
    for word in (w.lower().strip(",.;:") for w in words):
        if linking_only:
            if word in _COPULAS:
                return True
            continue
        if word in lexicon.irregular_past or word in lexicon.linking_verbs or \
                (len(word) > 3 and word.endswith("ed") and word not in _ADJECTIVE_ED):
            return True
    return False


def _noun_start(words: list[str]) -> list[str]:
    """"drop rate from A to B" -> "The drop rate went from A to B" ("35% -> 4%" stays as
    written); "$8K a week recovered" -> "$8K a week was recovered"."""
    lexicon = kb.lexicon()
    irregular, linking = lexicon.irregular_past, lexicon.linking_verbs
    text = " ".join(words)
    pair = DELTA.search(text) or _ANY_PAIR.search(text)
    if pair:
        cut = pair.start() - 1
        head = text[:cut].lower().split() if cut > 0 else []
        verbs = [w for i, w in enumerate(head)
                 if w in linking or w in irregular or w in _MOVES_NOW
                 or (i > 0 and len(w) > 3 and w.endswith("ed") and w not in _ADJECTIVE_ED)]
        if head and not verbs and head not in (["up"], ["down"]) \
                and text[cut:].lstrip().startswith("from ") \
                and not _PERSON_DOES.search(text[:cut]) \
                and not has_verb(text[pair.end():].split()[:6]):  # not "... to 3.5x took ~25 min"
            before = text[:cut].split()
            way = [before.pop()] if len(before) > 1 and head[-1] in ("up", "down") else []
            # "renewal rate up from 71% to 78%" -> "Renewal rate went up from 71% to 78%"
            words = [*before, "went", *way, *text[cut:].split()]
    match = re.match(r"^((?:about |approximately |over |nearly |almost )?[$€£]?\d[\w.,$%]*"
                     r"(?: (?:a|an|per) \w+)?) (\w+ed)\b(\s*$|\s+(?:in|by|on|at|across|over|"
                     r"within|after|before|during|per|from|for|with|since)\b.*)$", text)
    if match:
        count = re.fullmatch(r"(?:about |approximately |over |nearly |almost )?([\d,]+)",
                             match.group(1))  # "38 confirmed": 38 things; "$8K ...": an amount
        verb = "were" if count and count.group(1) not in ("1", "01") else "was"
        return f"{match.group(1)} {verb} {match.group(2)}{match.group(3)}".split()
    return words


# Where a measure stood, told without a verb: "p99 back to 180ms", "pages down to ~8/week",
# "idle node-hours down from ~3,300 to under 200" (the eval reads these too)
MEASURE_STATES = r"(?:back|down|up|flat|steady|stable|unchanged)"
_STATE_CLAUSE = re.compile(r"^(?P<np>(?:[A-Za-z~][\w/.+'’-]*\s+){0,4}?[A-Za-z][\w/.+-]*)\s+"
                           rf"(?P<state>{MEASURE_STATES})\b(?![:/-])"
                           r"(?P<rest>.*)$", re.DOTALL)
# A measure and its value with no verb: "Total spend ~$4K", "backlog under 1K by 23:58"
_VALUE_CLAUSE = re.compile(r"^(?!.*(?:->|→|=>))(?P<np>(?:[A-Za-z][\w/.+'’-]*\s+){0,3}?[A-Za-z][\w/.+-]*)\s+"
                           r"(?P<value>(?:under |over |below |above |around |about |~|≈|<\s?|>\s?)?"
                           r"[$€£]?\d[\w.,%/$€£]*)(?P<rest>(?=$|[\s,.;(])(?!\s*(?:->|→|=>|-\s*\d)).*)$",
                           re.DOTALL)


def _measure_head(np: str) -> str | None:
    """The word of a noun phrase that names a measure or things counted ("spend" of "total
    spend", "backlog", "p99"), or None when it names none."""
    words = [w.lower().strip("~") for w in np.split()]
    head = words[-1] if words else ""
    return head if head in _MEASURES or head in _COUNTED_THINGS \
        or re.fullmatch(r"p\d{2,3}", head) or head in ("wait", "lag", "backlog", "queue") \
        else None


_PAIR_FIGURE = (r"(?:~|≈|under |over |below |above |<\s?)?[$€£]?\d(?:[\w%/$€£]|[.,-](?=\d))*\+?"
                r"(?:\s(?:ms|s|sec|secs|seconds|min|mins|minutes|h|hr|hrs|hours?|days?|weeks?|"
                r"months?|[KMGTP]B|[KMG]iB|k|K|M|x|rps|qps|req/s|users|nodes|hosts|pods)\b"
                r"(?:/[a-z]{1,6})?)?")
_MOVED_CLAUSE = re.compile(r"^(?P<np>(?:[A-Za-z][\w/.+'’-]*\s+){0,4}?[A-Za-z][\w/.+-]*)\s+"
                           rf"(?P<was>{_PAIR_FIGURE})\s*(?:->|-->|→|=>)\s*"
                           rf"(?P<now>{_PAIR_FIGURE})(?P<rest>(?=$|[\s,.;(]).*)$",
                           re.DOTALL)
# A before -> after pair after the words it belongs to, not one step of a chain: "lowered batch
# size 500 -> 100", "p99 dropped 1.9s -> 240ms" (not "5% -> 50% -> 100%", not "from 3 -> 5")
_PAIR_SAID = re.compile(rf"(?<=[A-Za-z0-9%)] )(?<!\bfrom )(?<!-> )(?<!→ )(?P<was>{_PAIR_FIGURE})"
                        rf"\s*(?:->|-->|→|=>)\s*(?P<now>{_PAIR_FIGURE})(?=$|[\s,.;)])"
                        r"(?!\s*(?:->|-->|→|=>))")


def _measure_words(np: list[str]) -> bool:
    """Whether a clause's opening words name a measure ("max nightly lag", "deploy time"): no
    pronoun, verb or function word at either end, no figure inside."""
    lowered = [w.lower() for w in np]
    return bool(lowered) and not any(
        w in _NOT_IN_A_MEASURE or w in _PRONOUNS or w in _SUBJECTS or w in _COULD
        or w.endswith(("'s", "’s")) or re.search(r"\d", w) and not re.fullmatch(r"[a-z]{1,3}\d{1,3}", w)
        for w in lowered) and lowered[0] not in kb.lexicon().function_words \
        and lowered[-1] not in kb.lexicon().function_words \
        and _verb_kind(lowered[0], lowered, None) != "past" and lowered[-1] not in _MOVES


_NOT_IN_A_MEASURE = frozenset({"always", "still", "just", "way", "then", "also", "only", "and",
                               "but", "so", "all", "not", "no", "never", "pr", "prs", "me", "i",
                               "we", "you", "they", "he", "she", "it", "things", "everything",
                               "nothing", "stuff", "signed", "set", "spun", "ramped", "follow"})
_MOVES = frozenset({"goes", "comes", "stays", "keeps", "gets", "runs", "falls", "drops", "rises",
                    "shuts", "slows", "winds", "breaks", "backs", "powers", "ramps", "scales",
                    "spins", "steps", "calms", "cools", "settles", "moves", "trends", "ticks",
                    "creeps", "climbs", "jumps", "shows", "went", "came"})  # "VIES goes down"
# Words ending in "s" that are units, not plurals: "p99 in ms", "~2k rps"
_NOT_PLURAL = frozenset({"ms", "rps", "bps", "qps", "fps", "ops", "us", "hrs", "mins", "secs", "s"})


# A person, then what they do: "Priyanka scales refill-api", "Sam (SRE) bumps the pool"
_PERSON_DOES = re.compile(rf"{_A_NAME}(?:\s*\([^()]{{1,30}}\))?\s+[a-z]{{3,}}s\b")


def _as_state(words: list[str]) -> list[str]:
    """Each comma clause that names a measure and where it stood with no verb gets its verb:
    "P99 back to 180ms, no spikes" -> "P99 was back to 180ms, no spikes"; "Pages down to
    ~8/week" -> "Pages were down to ~8/week". Anything else is left as written."""
    text = " ".join(words)
    if not text or has_verb(words) or "(" in text and ")" not in text \
            or re.search(r"\b(?:if|says?|I|we|you|they|there['’]s|it['’]s)\b", text):
        return words  # "the runbook says if there's a deploy, roll back first": it has its verb
    label = re.match(r"[^:]{1,40}:\s+(?=\S)", text)
    head_text, body = (text[:label.end()], text[label.end():]) if label else ("", text)
    clocked = re.match(r"(?:at|by)\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?,?\s+(?=[A-Za-z~])", body,
                       re.IGNORECASE) if not head_text else None
    if clocked:  # "At 23:58 backlog under 1K": when, then the measure's state
        head_text, body = body[:clocked.end()], body[clocked.end():]
    clauses_said = re.split(r"(,\s+|;\s+)", body)
    changed = 0
    depth = 0
    for at in range(0, len(clauses_said), 2):
        clause = clauses_said[at]
        inside, depth = depth > 0, depth + clause.count("(") - clause.count(")")
        moved = _MOVED_CLAUSE.match(clause)
        if moved and not inside and depth <= 0 and _measure_words(moved.group("np").split()) \
                and not _PERSON_DOES.match(moved.group("np")):  # not "Priyanka scales pods"
            clauses_said[at] = f"{moved.group('np')} went from {moved.group('was')} to " \
                               f"{moved.group('now')}{moved.group('rest')}"
            changed += 1  # "Deploy time ~47 min -> ~6 min" -> "... went from ~47 min to ~6 min"
            continue
        valued = _VALUE_CLAUSE.match(clause)
        measured = _measure_head(valued.group("np")) if valued else None
        if valued and measured and not inside and at == 0 and (not label or clocked) \
                and (len(clauses_said) == 1 or depth > 0) \
                and _measure_words(valued.group("np").split()):
            verb = copula(measured, re.search(r"\bnow\b", clause, re.IGNORECASE) is not None)
            clauses_said[at] = f"{valued.group('np')} {verb} {valued.group('value')}" \
                               f"{valued.group('rest')}"
            changed += 1  # "Total spend ~$4K (cables, SSDs)" -> "Total spend was ~$4K (...)"
            continue
        match = _STATE_CLAUSE.match(clause)
        if not match or inside or depth > 0:
            continue  # "TTL cache (fast, wrong prices up to 5 min)": an aside's words stay
        np = match.group("np").split()
        lowered = [w.lower().strip("~") for w in np]
        if not _measure_words(lowered) \
                or any("'" in w or "’" in w or w.endswith(("ing", "ly")) and len(w) > 4
                       for w in lowered) \
                or len(lowered) > 1 and lowered[-1] in known_bases() \
                and lowered[-1] not in _MEASURES | {"queue", "rate", "score", "spend"} \
                or lowered[0] in known_bases() and (
                len(lowered) > 1 or not lowered[0].endswith("s")):
            continue  # "roll back first", "scale Postgres up two sizes": a step, not a state
        head = lowered[-1]
        for number, word in enumerate(lowered[1:], 1):
            if word in kb.lexicon().function_words:
                head = lowered[number - 1]
                break
        else:  # "night pages org-wide down ~75%": the pages, wherever they were counted
            for word in reversed(lowered[:-1]):
                if not (head.endswith("-wide") or head in ("overall", "total", "globally")):
                    break
                head = word
        if head not in _MEASURES and head not in _COUNTED_THINGS and not re.search(
                r"\d|\b(?:normal|baseline|zero|green|usual|forecast|target|budget|sla|slo|"
                r"pre-\w+)\b", match.group("rest"), re.IGNORECASE):
            continue  # "reverse replication back to the old primary": no measure said
        verb = copula(head, re.search(r"\bnow\b", clause, re.IGNORECASE) is not None)
        clauses_said[at] = f"{match.group('np')} {verb} {match.group('state')}{match.group('rest')}"
        changed += 1
    if not changed:
        return words
    if head_text and _WHEN_LABEL.match(head_text):
        head_text = f"{head_text.rstrip()[:-1]}, "  # "Next month: GPU spend was back ..."
    if len(clauses_said) == 3 and changed == 2 and clauses_said[1].startswith(",") \
            and not clauses_said[2].lower().startswith(("and ", "but ", "or ")):
        clauses_said[1] = ", and "  # "..., idle node-hours were down ...": two states, one line
    return f"{head_text}{''.join(clauses_said)}".split()


# A label that says when: "Next month:", "After 2 months:", "Week 3:", "By March:"
_WHEN_LABEL = re.compile(r"(?:(?:the\s+)?(?:next|following|same|first|last)\s+(?:\w+\s+)?"
                         r"(?:day|week|month|quarter|year|sprint|release)s?|(?:after|within|by|in|"
                         r"over)\s+(?:~|about\s+)?(?:\d+|a|one|two|three|four|six|a few)\s+"
                         r"(?:days?|weeks?|months?|quarters?|years?|sprints?|wks?|mos?)|"
                         r"(?:day|week|month|wk|year)\s*\d+|year one)\s*:\s", re.IGNORECASE)


_MODALS = frozenset({"should", "would", "could", "will", "can", "must", "might", "had", "have",
                     "was", "am", "did", "do", "then", "also", "never", "now", "still"})


def _lower_after_i(match: re.Match[str]) -> str:
    word = match.group(1)
    lowered = word.lower()
    lexicon = kb.lexicon()
    common = lowered in _MODALS or lowered in lexicon.irregular_past or \
        lowered in lexicon.base_past.values() or lowered.endswith("ed")
    return f"I {lowered}" if common else match.group(0)


_SENTENCE_START = re.compile(r"(?<=\S)(?<!\.\.)([.!?]) ([a-z])")  # ("PSU B was... not plugged in")
_ABBREVIATED = frozenset({"vs", "etc", "e.g", "i.e", "eg", "ie", "approx", "est", "incl", "cf"})


def _capital_starts(text: str) -> str:
    """Sentences the notes started in lower case, capitalised ("done. rolling to the rest" ->
    "done. Rolling to the rest"); not after "vs." or "e.g."."""
    out: list[str] = []
    last = 0
    for match in _SENTENCE_START.finditer(text):
        end, letter = match.groups()
        word = text[text.rfind(" ", 0, match.start()) + 1:match.start()]
        if end == "." and word.lower().strip("(") in _ABBREVIATED:
            continue
        out.append(text[last:match.start()] + f"{end} {letter.upper()}")
        last = match.end()
    return "".join(out) + text[last:]


_LOWER_I = re.compile(r"(?<![\w.(/\\-])i(?=(?:['’](?:m|d|ve|ll))?\s+[a-z])")


# Days and months typed in lower case ("shipped it on a thursday"), not "may" or "march",
# which are words too, and not inside a code name ("friday-deploys", "#april_freeze")
_CALENDAR = re.compile(r"(?<![\w#@/`._-])(?-i:monday|tuesday|wednesday|thursday|friday|saturday|"
                       r"sunday|january|february|april|june|july|august|september|october|"
                       r"november|december)(?![\w/`._-])")


_OWN_CASE = re.compile(r"[a-z]{1,2}[A-Z][A-Za-z]*\b(?![-'’])")


def _finish(text: str) -> str:
    text = _LOWER_I.sub("I", text)  # "so i pushed for yaml": the writer's "I", typed in a hurry
    text = re.sub(r"\bI ([A-Z][a-z]+)\b", _lower_after_i, text)
    text = re.sub(r"\b(until|once|when|before) (deployed|merged|fixed|shipped|released|done)\b",
                  r"\1 it was \2", text)
    text = re.sub(r"\s+([,.;:!?])(?=\s|$|[)\"”’'])", r"\1", text)  # not ".env", ".NET"
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"(?<=[.!?])\s*(?:->|-->|→|=>)\s*$", "", text)  # "... Hana's team wrote. ->"
    text = re.sub(r"(?<![.])([!?.])\s*\.(?![.\w])", r"\1", text)  # no "wrote..", "year!!."
    text = " ".join(text.split()).strip(" ,;:")
    if len(text.split()) > 3 and not re.search(r"\b(?:or|and|just|even|more|less|think|thought|"
                                               r"hope|hoped|guess|said|says|believe|suppose|"
                                               r"told (?:\w+ )?)\s+so$", text, re.I):
        # "I wanted to understand why it flaked, so:" over a list (not "every quarter or so",
        # "yeah, I think so")
        text = re.sub(r",?\s+(?:so|and|and then|but|then|because)$", "", text, flags=re.IGNORECASE)
    if not text:
        return text
    # "iOS crashes ...", "eBPF showed ...": a name written in its own case
    text = text if _OWN_CASE.match(text) else text[0].upper() + text[1:]
    if re.match(r'["“][a-z]+\b[^"”]{0,60}["”]\s+\w', text):  # '"no owner" is a bug'
        text = text[0] + text[1].upper() + text[2:]
    text = _capital_starts(text)
    text = _CALENDAR.sub(lambda m: m.group(0).capitalize(), text)  # "on a thursday", "in april"
    if text[-1] not in ".!?" and (not re.search(r"[.!?][\"”’')]$", text)  # '... an id?"' ends
                                   or text.endswith(")") and "(" in text):  # "(nervous!!)" not
        text += "."
    return text
