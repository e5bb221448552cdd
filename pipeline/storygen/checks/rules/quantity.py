"""Quantity rules (QNT*): a Result has numbers, a delta, a business impact and a lasting effect."""

from __future__ import annotations

import re
from collections.abc import Iterator

from storygen.checks.rules.base import TextHit, has_digits, strong_examples, text_rule
from storygen.core.findings import Severity

RESULT = strong_examples("result")

_IN = r"(?:[^.;:!?\n]|[.:,](?=\d))"  # within one clause; "0.3" and "8,000" do not end it
_DELTA = re.compile(
    rf"\bfrom\s{_IN}{{0,40}}?\d{_IN}{{0,40}}?\bto\b"
    rf"|\bfrom\s{_IN}{{0,40}}?\bto\s{_IN}{{0,20}}?\d"
    r"|\b(?:cut|reduc\w*|drop\w*|fell|fall\w*|decreas\w*|increas\w*|improv\w*|gr[eo]w\w*"
    r"|r[io]se|rising|lower\w*|rais\w*|boost\w*|slash\w*|shr[aiu]nk\w*|sped|speed\w*|trimm\w*"
    r"|saved|saving|went up|went down|jump\w*|climb\w*|shorten\w*|down|up)\b"
    rf"{_IN}{{0,40}}?\bby\s+(?:about |around |roughly |nearly |over |~)?[$€£]?\d"
    r"|\d(?:\.\d+)?\s?(?:%|percent|x|×)\s+(?:faster|slower|fewer|less|lower|higher|more"
    r"|cheaper|smaller|larger|bigger|reduction|decrease|increase|improvement|drop|gain"
    r"|speed-?up|cut)\b"
    r"|\b(?:halved|doubled|tripled|quadrupled)\b"
    rf"|\b(?:down|up) from\s{_IN}{{0,20}}?\d"
)
_ARROW = re.compile(r"->|→|⟶|=>|—>|–>")
_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")


def _has_arrow_delta(text: str) -> bool:
    r"""A figure, then an arrow, then something: "850ms -> 210ms", "v1->v2 3→4".

    The same as the pattern ``\d\S*\s*ARROW\s*\S``, but one pass over the words: that
    pattern, tried from every digit of a long digit run, takes time proportional to the
    square of the run's length.
    """
    previous_has_digit = False
    tokens = list(_TOKEN.finditer(text))
    for index, match in enumerate(tokens):
        token = match.group()
        more_after = index + 1 < len(tokens)
        arrow = _ARROW.match(token)
        if previous_has_digit and arrow and (arrow.end() < len(token) or more_after):
            return True
        digit = _DIGIT.search(token)
        if digit is not None:
            arrow = _ARROW.search(token, digit.end())
            if arrow is not None and (arrow.end() < len(token) or more_after):
                return True
        previous_has_digit = digit is not None
    return False


_IMPACT = re.compile(
    r"[$€£¥₹]\s?\d"
    r"|\b(?:revenue|costs?|costing|spend|spending|savings?|saved|profit|sales|budget|money"
    r"|dollars?|euros?|pounds|margin|churn|customers?|clients?|users?|merchants?|sellers?"
    r"|buyers?|shoppers?|subscribers?|hours?|days?|weeks?|minutes?|time saved|on-?call"
    r"|pages|tickets|incidents?|sla|conversion|orders?|bookings|gmv|arr|mrr|outages?)\b"
    r"|\d\s?(?:min|mins|hrs?|h)\b"
    r"|\b(?:abandonment|retention|nps|csat|satisfaction|sign-?ups|renewals?)\b"
)
_SECOND_ORDER = re.compile(
    r"\b(?:adopt\w*|reus\w*|re-us\w*|standard\w*|default|rolled out|roll(?:ing)? out"
    r"|other teams|across (?:the )?(?:org\w*|company|teams|services)|company-?wide|org-?wide"
    r"|template|playbook|runbook|replicat\w*|copied|extended to|scaled to|now used|used by"
    r"|future \w+|recurr\w*|mechanism|best practice|onboard\w*|shared (?:library|pattern|tool)"
    r"|spread to|became (?:the|a|an|our|their|part of)|mandatory|required for"
    r"|for (?:all |every )?new|(?:every|all|other) (?:team|teams|service|services)|polic(?:y|ies))\b"
)


@text_rule(
    "QNT001", "result-without-numbers", Severity.ERROR,
    "a Result strong example with no number at all",
    fields=RESULT, sections=("result",),
    free_text=True,
    passing=["The webhook drop rate fell from 0.3% to zero."],
    failing=["The webhook drops stopped and the team was happy."],
)
def qnt001(text: str, label: str) -> Iterator[TextHit]:
    """A Result without a number cannot be checked or remembered. Give at least one figure,
    written with digits: the metric that moved, what it was worth, how many teams adopted
    the change.
    """
    if not has_digits(text):
        yield TextHit(None, f"{label} has no number: add the metric that moved "
                            "(e.g. 'from 0.3% to zero') and what it was worth")


@text_rule(
    "QNT002", "result-without-delta", Severity.WARNING,
    "a Result with no before-and-after delta",
    fields=RESULT, sections=("result",),
    free_text=True,
    passing=["Latency fell from 850 ms to 210 ms.", "p99 latency: 850ms -> 210ms.",
             "I cut the error rate by 40%."],
    failing=["The error rate is now 0.1%."],
)
def qnt002(text: str, label: str) -> Iterator[TextHit]:
    """A number on its own ("the error rate is 0.1%") does not show a change. Give the
    before and the after ("from 0.3% to zero", "850 ms -> 210 ms") or the size of the
    change ("cut by 40%", "3x faster").
    """
    lowered = text.lower()
    if not _DELTA.search(lowered) and not _has_arrow_delta(lowered):
        yield TextHit(None, f"{label} has no before-and-after delta: give the old and the new "
                            "value ('from 0.3% to zero', '850 ms -> 210 ms') or the change "
                            "('cut by 40%')")


@text_rule(
    "QNT003", "result-without-business-impact", Severity.WARNING,
    "a Result with no business impact (money, revenue, cost, customers, time saved)",
    fields=RESULT, sections=("result",),
    free_text=True,
    passing=["The fix recovered about $8,000 in weekly revenue.",
             "It saved the on-call engineer 6 hours a week."],
    failing=["The drop rate fell from 0.3% to zero."],
)
def qnt003(text: str, label: str) -> Iterator[TextHit]:
    """A technical metric says what changed in the system; the business impact says why
    anyone should care. Name money (revenue, cost), customers or time saved.
    """
    if not _IMPACT.search(text.lower()):
        yield TextHit(None, f"{label} names no business impact: say what the change was worth "
                            "in money, customers or time (e.g. '$8,000 in weekly revenue')")


@text_rule(
    "QNT004", "result-without-second-order-effect", Severity.WARNING,
    "a Result with no second-order effect (adopted, reused, became the standard)",
    fields=RESULT, sections=("result",),
    free_text=True,
    passing=["The Platform team adopted my alert as a standard in their template."],
    failing=["The drop rate fell from 0.3% to zero, recovering $8,000 a week."],
)
def qnt004(text: str, label: str) -> Iterator[TextHit]:
    """The strongest Results outlive the fix: other teams adopted it, it became the
    standard, it was reused or rolled out further, or it prevents future failures. Say what
    lasted or spread.
    """
    if not _SECOND_ORDER.search(text.lower()):
        yield TextHit(None, f"{label} names no second-order effect: say what lasted or spread "
                            "(adopted by other teams, became the standard, reused)")

