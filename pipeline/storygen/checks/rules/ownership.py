"""Ownership rules (OWN*): "I" not "we", "I" as the subject, a scope boundary, no hand-offs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from storygen.checks.rules.base import (
    TextHit,
    combine,
    found,
    listing,
    probe_strong_answers,
    quote,
    sentences,
    strong_examples,
    text_rule,
)
from storygen.core.findings import Severity
from storygen.core.text import TIME_LEADS, plain

_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’(?!\w)")
_PLURAL = re.compile(
    r"\b(?:we|we['’](?:ve|re|d|ll)|our|ours|ourselves|us|let['’]s)\b"
    r"|\b(?:the|my|our|their)\s+(?:[\w-]+\s+){0,2}?(?:team|teams|manager|lead|colleagues?"
    r"|teammates?|peers?|partner|group|squad|engineers?)\s+and\s+I\b"
    r"|^[A-Z][\w'’-]*\s+and\s+I\b",
    re.IGNORECASE,
)

_PLURAL_HINT = re.compile(r"\b(?:we|our|ours|ourselves|us|let|and\s+i)\b")


def without_quotes(text: str) -> str:
    """The text with quoted speech blanked out (same length, so offsets still hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def plural_words(sentence: str) -> list[str]:
    """First-person plural words of a sentence, outside quoted speech ("US" is a country)."""
    words = []
    for match in _PLURAL.finditer(without_quotes(sentence)):
        word = match.group()
        if word == "US":
            continue
        words.append(word if " " in word else word.lower())
    return words


@text_rule(
    "OWN001", "first-person-plural", Severity.ERROR,
    "first-person plural ('we', 'our', 'the team and I') in the Action strong example",
    fields=strong_examples("action"), sections=("action",),
    free_text=True,
    passing=["I pulled the webhook delivery logs and traced the failure to network timeouts.",
             'I told their lead, "we should add a dead letter queue," and I built it.'],
    failing=["We pulled the webhook delivery logs.",
             "The team and I traced the failure to our retry code."],
)
def own001(text: str, label: str) -> Iterator[TextHit]:
    """The Action is where the interviewer decides what *you* did. "We", "our", "us" and
    "the team and I" hide your part: a bar raiser hears them as "the candidate watched".
    Say what you did, with "I", and name others only as the people you worked with.
    Quoted speech is not checked.
    """
    if not _PLURAL_HINT.search(text.lower()):
        return
    for number, span in enumerate(sentences(text), 1):
        plural = plural_words(span.text)
        if plural:
            yield TextHit(span.start, f"{label} sentence {number} says {listing(plural)}: "
                                      f"say what you did, with 'I': {quote(span.text)}")


_TOKEN = re.compile(r"[^\W_][\w'’-]*")
_TIME_LEAD = re.compile(rf"(?:{TIME_LEADS}),?\s+I\b", re.IGNORECASE)
_I_WORD = re.compile(r"^I(?:['’](?:m|ve|d|ll))?$")
_CONNECTIVES = frozenset({
    "then", "so", "and", "but", "first", "next", "finally", "also", "later", "eventually",
    "afterwards", "afterward", "meanwhile", "immediately", "second", "third", "lastly",
    "instead", "still", "yet", "soon", "now", "personally", "separately", "together",
})
_SUBORDINATORS = frozenset({
    "after", "before", "when", "whenever", "once", "while", "since", "because", "as",
    "although", "though", "if", "unless", "until", "to", "in", "on", "at", "for", "with",
    "within", "without", "by", "over", "during", "from", "across", "through", "throughout",
    "despite", "given", "upon", "into", "under", "between", "via", "based", "where", "rather",
    "instead", "unlike", "beyond", "following", "like", "outside", "inside",
})
_DETERMINERS = frozenset({
    "the", "a", "an", "my", "our", "their", "his", "her", "its", "this", "that", "these",
    "those", "every", "each", "some", "another", "one", "no", "all", "both", "your",
})
_PRONOUNS = frozenset({
    "we", "they", "he", "she", "it", "you", "nobody", "someone", "everyone", "everybody",
    "somebody", "there", "this", "that", "us",
})
_AUX = frozenset({
    "was", "were", "is", "are", "had", "has", "have", "did", "does", "do", "will", "would",
    "could", "should", "can", "got", "gets", "get", "made", "took", "went", "saw", "found",
    "built", "wrote", "ran", "led", "sent", "kept", "began", "came", "became", "fell", "grew",
    "rose", "set", "put", "shipped", "fixed", "said", "told", "needed", "helped",
})


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def _skip_connectives(tokens: list[tuple[str, int]], start: int) -> int:
    i = start
    while i < len(tokens) and not _I_WORD.match(tokens[i][0]) and (
            tokens[i][0].lower() in _CONNECTIVES
            or (tokens[i][0].lower().endswith("ly") and len(tokens[i][0]) > 3)):
        i += 1
    return i


def _is_verb(word: str) -> bool:
    lower = word.lower()
    return lower in _AUX or (lower.endswith("ed") and len(lower) > 3)


def subject_of(clause: str) -> str | None:
    """The grammatical subject of a clause, roughly; None when it is "I" (or no words)."""
    tokens = _tokens(clause)
    i = _skip_connectives(tokens, 0)
    if i >= len(tokens):
        return None
    first = tokens[i][0]
    if _I_WORD.match(first):
        return None
    lower = first.lower()
    if lower in _DETERMINERS and lower not in ("this", "that") or (
            lower in ("this", "that") and i + 1 < len(tokens)
            and not _is_verb(tokens[i + 1][0])):
        words = [lower]
        comma = clause.find(",", tokens[i][1])
        for word, at in tokens[i + 1:i + 4]:
            if _is_verb(word) or _I_WORD.match(word) or 0 <= comma < at:
                break
            words.append(word)
        return " ".join(words)
    if lower in _PRONOUNS:
        return lower
    if _is_verb(first) and first[:1].isupper():
        return ""
    return first


_LABEL_THEN_I = re.compile(r"^[A-Z][\w'’/ -]{0,30}:\s+I\s")
_WHEN_LEAD = re.compile(
    r"(?:the |that |this |last |next )?(?:next |following |same |previous |first |second )?"
    r"(?:(?:\d{1,2}|two|three|four|few|couple of) )?"  # "First 3 wks I did the boring part"
    r"(?:days?|weeks?|wks?|weekend|morning|afternoon|evening|night|sprints?|months?|mos|quarter|"
    r"year|time|hours?|hrs?)",
    re.IGNORECASE)


def _led_into_i(text: str, tokens: list[tuple[str, int]], start: int) -> bool:
    """Whether a short lead with no verb of its own comes straight before "I", with no comma
    between: "At 09:30 I took command", "Before touching code I rode along", "The next week I
    inventoried the certs". Not "After I reported it, ..." (there "I" is the lead's own
    subject), nor "The team I worked with shipped it" (a lead that is no time nor phrase)."""
    comma = text.find(",")
    for k in range(start + 1, min(start + 7, len(tokens))):
        word, at = tokens[k]
        if 0 <= comma < at:
            return False
        if _I_WORD.match(word):
            lead = tokens[start:k]
            if any(_is_verb(w) or w.lower() in _PRONOUNS or w.lower() in ("and", "or")
                   for w, _ in lead):
                return False
            opener = lead[0][0].lower()
            if opener in _SUBORDINATORS:
                return k > start + 1
            return _WHEN_LEAD.fullmatch(text[lead[0][1]:at].strip()) is not None
    return False


def _main_clause(sentence: str) -> str | None:
    """The part of a sentence that carries its subject; None when "I" is clearly the subject."""
    text = without_quotes(sentence)
    if _TIME_LEAD.match(text):
        return None  # "First thing I pulled the logs", "Short term I turned it off"
    if _LABEL_THEN_I.match(text):
        return None  # "Decision: I argued for B": a label, then the writer's clause
    tokens = _tokens(text)
    i = _skip_connectives(tokens, 0)
    if i >= len(tokens) or _I_WORD.match(tokens[i][0]) or _led_into_i(text, tokens, i):
        return None
    lower = tokens[i][0].lower()
    leading = lower in _SUBORDINATORS or (lower.endswith("ing") and len(lower) > 4)
    comma = text.find(",")
    if comma < 0:
        return None if leading and any(_I_WORD.match(w) for w, _ in tokens) else text
    after = text[comma + 1:]
    if leading:
        return after
    intro_has_verb = any(_is_verb(w) for w, _ in _tokens(text[:comma]))
    if not intro_has_verb and subject_of(after) is None:
        return None  # "The next morning, I deployed it."
    return text


@text_rule(
    "OWN002", "subject-not-i", Severity.ERROR,
    "an Action sentence whose subject is not 'I'",
    fields=strong_examples("action"), sections=("action",),
    free_text=True,
    passing=["I reproduced the failure locally. After the fix shipped, I followed up daily.",
             "To confirm the root cause, I injected timeouts in a local build.",
             "Decision: I kept the old cache and added a TTL.",
             "At 09:30 I took incident command, split the services across 3 teams.",
             "The next week I inventoried every cert: found 11, 4 of them expiring.",
             "First 3 wks I did the boring part myself: pulled the vendor usage export."],
    failing=["I found the bug. The team deployed the fix.",
             "The team I worked with shipped the fix, and I watched.",
             "After I reported it, the Platform team added retries."],
)
def own002(text: str, label: str) -> Iterator[TextHit]:
    """Every Action sentence should have "I" as its subject: "I traced the failure",
    not "The failure was traced" or "The team deployed it". A sentence with another subject
    tells the interviewer about someone else's work, or hides who did it. A leading phrase
    is fine ("After the fix shipped, I followed up").
    """
    for number, span in enumerate(sentences(text), 1):
        clause = _main_clause(span.text)
        if clause is None:
            continue
        subject = subject_of(clause)
        if subject is None:
            continue
        what = f"has subject '{subject}', not 'I'" if subject else "has no subject; start with 'I'"
        yield TextHit(span.start, f"{label} sentence {number} {what}: {quote(span.text)}")


_BOUNDARY = re.compile(
    r"(?:\bnot|n['’]t) (?:mine|(?:my|our) (?:team|team's|teams|job|service|system|code|area"
    r"|responsibility|project|problem|remit|component|module|org|call|task|ticket|feature|week"
    r"|rotation|shift|bug|sprint))\b"
    r"|\boutside (?:of )?(?:my|our) (?:team'?s |own )?(?:scope|area|remit|team|ownership"
    r"|responsibilit\w*|org\w*|domain|lane)"
    r"|\bno (?:ticket|jira|backlog item|owner|one owned|one was (?:assigned|looking|responsible))"
    r"|\bnot (?:on|in) (?:my|our|anyone'?s|their) (?:roadmap|backlog|sprint|plan|queue)"
    r"|\b(?:nobody|no one) (?:had |has |ever )?(?:asked|owned|was assigned|was looking"
    r"|was responsible|noticed|had noticed|tracked|monitored)"
    r"|\bwithout (?:being asked|a ticket|an assignment|anyone asking)|\bunasked\b|\bunowned\b"
    r"|\bon my own initiative|\bmy own initiative|\bnot assigned to me|\bwasn'?t assigned"
    r"|\bwas not assigned|\banother team'?s\b|\b(?:belonged|belongs|belonging) to (?:another"
    r"|a different|the [\w-]+(?: [\w-]+)? team)|\bowned by (?:another|a different"
    r"|the [\w-]+(?: [\w-]+)? team)|\bvolunteered\b|\btook it (?:on|upon) myself"
    r"|\b(?:nobody|no one)'?s (?:job|problem|responsibility)|\bnot part of my (?:role|job)",
)
_ASSIGNED = re.compile(
    r"\b(?:(?:my |our |the )?(?:manager|lead|boss) (?:asked|assigned|told|gave|wanted)(?: me)?"
    r"|assigned (?:me|to me|it to me|the \w+ to me)|was assigned|asked me to|told me to"
    r"|was tasked|tasked me"
    r"|gave me (?:the|a|this) (?:ticket|task)|my (?:job|role|task) was to)",
)


@text_rule(
    "OWN003", "no-scope-boundary", Severity.ERROR,
    "a Task strong example with no scope boundary or ownership gap",
    fields=strong_examples("task"), sections=("task",),
    free_text="section",
    passing=["The service belonged to the Platform team, not my team.",
             "Nobody had asked me to look at it, and it was outside my team's scope."],
    failing=["My manager assigned me to fix the webhook drops.",
             "I needed to make the webhooks reliable."],
)
def own003(text: str, label: str) -> Iterator[TextHit]:
    """The Task proves initiative only when it says why the work was *not* yours:
    "not my team", "outside my team's scope", "no ticket", "nobody asked me",
    "on my own initiative". Without a scope boundary or an ownership gap the interviewer
    assumes the work was assigned, and an assigned task shows no ownership.
    """
    flat = plain(text)
    if _BOUNDARY.search(flat.lower()):
        return
    assigned = found(_ASSIGNED, flat)
    said = f" and says the work was assigned ('{assigned[0]}')" if assigned else ""
    yield TextHit(None, f"{label} names no scope boundary or ownership gap{said}: say why it "
                        "was not your job, e.g. 'not my team', 'no ticket', 'nobody asked me'")


_HANDOFF = re.compile(
    r"\bescalat\w* (?:it|this|that|the (?:issue|problem|bug|incident)|them|to)\b"
    r"|\bhand(?:ed|ing)?[- ](?:it |this |that )?(?:off|over)\b"
    r"|\bsent (?:them|him|her|the [\w-]+ team|their team|their lead) (?:a |an )?"
    r"(?:slack|email|message|ticket|note|dm|page)\b"
    r"|\bthey (?:fixed|handled|resolved|took care of|sorted|patched|deployed|picked up) "
    r"(?:it|this|that|the)\b"
    r"|\b(?:filed|raised|opened|logged|created) (?:a|an) (?:ticket|bug|jira|issue) "
    r"(?:for|with|to) (?:them|the [\w-]+ team|their team)\b"
    r"|\bleft it (?:to|with)\b|\bpassed (?:it|this|that) (?:on|along|to)\b"
    r"|\bassigned it to\b|\bwaited for (?:them|the [\w-]+ team|their team) to\b"
    r"|\blet (?:them|the [\w-]+ team) (?:fix|handle|deal with)\b",
)


def handoff_phrases(text: str) -> list[str]:
    """Hand-off phrases ("escalated it", "they fixed it") in a text, outside quoted speech."""
    return found(_HANDOFF, plain(without_quotes(text)))


@text_rule(
    "OWN004", "hand-off", Severity.WARNING,
    "hand-off language in the Action or in a probe's strong answer",
    fields=combine(strong_examples("action"), probe_strong_answers),
    sections=("action",),
    free_text=True,
    passing=["I submitted a ready-to-merge fix to the Platform team.",
             "I followed up until it was deployed."],
    failing=["I escalated it to the Platform team.",
             "I sent them a Slack message and they fixed it."],
)
def own004(text: str, label: str) -> Iterator[TextHit]:
    """Escalating, sending a message or filing a ticket and waiting routes the problem to
    someone else: it is a hand-off, not ownership. Tell what you did to solve it
    ("I brought them a tested fix") rather than who you told ("I escalated it",
    "they fixed it").
    """
    if not _HANDOFF.search(plain(text).lower()):
        return
    for number, span in enumerate(sentences(text), 1):
        phrases = handoff_phrases(span.text)
        if phrases:
            yield TextHit(span.start, f"{label} sentence {number} hands the work off "
                                      f"({listing(phrases)}): say what you did yourself: "
                                      f"{quote(span.text)}")

