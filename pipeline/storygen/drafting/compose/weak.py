"""The weak answer (this story's own answer, degraded), its critique from the rules, and quizzes."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from storygen.checks.rules.text import findings_for_answer
from storygen.checks.settings import Settings
from storygen.core.figures import DELTA, FIGURE
from storygen.core.findings import Finding
from storygen.core.text import fold
from storygen.drafting.compose.slots import clause
from storygen.drafting.extract.facts import Facts, Sentence
from storygen.story import kb

_QUALIFIED = re.compile(rf"(?:\b(?:about|approximately|around|over|nearly|almost|roughly)\s+)?"
                        rf"(?:{FIGURE.pattern})(?:\s+(?:a|an|per)\s+\w+)?(?:\s+of\b)?",
                        re.IGNORECASE)
_WE = ((re.compile(r"\bI was\b"), "we were"), (re.compile(r"\bI am\b"), "we are"),
       (re.compile(r"\bI['’]m\b"), "we're"), (re.compile(r"\bI['’]ve\b"), "we've"),
       (re.compile(r"^I\b"), "We"), (re.compile(r"\bI\b"), "we"), (re.compile(r"\bmy\b"), "our"),
       (re.compile(r"\bMy\b"), "Our"), (re.compile(r"\bme\b"), "us"),
       (re.compile(r"\bmyself\b"), "ourselves"))
CRITIQUE_LINES = 5


def to_we(text: str) -> str:
    """"I" language turned into "we" language."""
    for pattern, repl in _WE:
        text = pattern.sub(repl, text)
    return text[:1].upper() + text[1:]


def _vague(match: re.Match[str]) -> str:
    """A figure as "some", except one that is part of a date, a time, a name or a compound
    ("6-week", "09:12", "March 3", "Q3"), which is kept as written."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[max(0, start - 12):start], text[end:end + 2]
    if re.search(r"[\w:/-]$", before) or re.match(r"[-:/]\w", after) or \
            re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$",
                      before, re.IGNORECASE) or re.match(r"\w", after):
        return match.group(0)
    unit = match.groupdict().get("unit") or ""
    following = re.match(r"\s*([A-Za-z]+)", text[end:])
    ends = following is None or following.group(1).lower() in kb.lexicon().function_words
    return "some " + (unit + " " if unit.isalpha() and len(unit) > 3 and ends else "")


def drop_figures(text: str) -> str:
    """The sentence with its figures taken out ("dropping about 0.3% of deliveries" -> "dropping
    some deliveries")."""
    text = DELTA.sub("", text)
    text = _QUALIFIED.sub(_vague, text)
    text = re.sub(r"\b(?:the|a|an)\s+some\b", "some", text, flags=re.IGNORECASE)
    text = re.sub(r"(?:~|\babout\s+|\baround\s+|\bapprox\.?\s+)some\b", "some", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\(\s*[^()]*\bsome\b[^()]*\)", "", text)
    text = re.sub(r"\s+([,.;:])", r"\1", " ".join(text.split()))
    text = re.sub(r"\bsome\s*(?=[,.;:]|$)", "", text)
    text = re.sub(r"\s+(?:to|at|by|of|from|with|in|on|for)\s*(?=[,.;:]|$)", "", text)
    return re.sub(r"\s+([,.;:])", r"\1", text)


def weak_text(facts: Facts, chosen: dict[str, list[Sentence]], slots: dict[str, str]) \
        -> tuple[list[str], set[str]]:
    """The weak telling, sentence by sentence, and which degradations it shows."""
    table = kb.weak()
    changes = {"handoff"}
    out: list[str] = []
    noticed = sorted(chosen["situation"], key=lambda s: not s.text.startswith(("I noticed",
                                                                              "I saw")))
    for sentence in (noticed[:1] + chosen["action"][:1]):
        text = drop_figures(to_we(clause(sentence.text)))
        changes.add("we") if text != clause(sentence.text) else None
        if sentence.figures:
            changes.add("figures")
        out.append(text)
    target = _owning_team(facts) or "the team that owned it"
    out.append(table.handoff.format(other_team=target))
    out.append(table.handoff_after)
    if slots["metric"] != "result":
        out.append(table.vague_result.format(metric=slots["metric"]))
    else:
        out.append(table.vague_result_plain)
    if facts.figures:
        changes.add("figures")
    if facts.scope_cues:
        changes.add("scope")
    return out, changes


def _owning_team(facts: Facts) -> str | None:
    """The team the notes say owned the problem ("owned by the Platform team"), if any; never
    just the first team named, which may be the one that was harmed."""
    for sentence in facts.sentences:
        if "scope" not in sentence.tags:
            continue
        for team in facts.teams:
            if team.removeprefix("the ").removesuffix(" team").lower() in sentence.text.lower():
                return team
    return None


def critique(weak: str, changes: set[str], settings: Settings | None = None) -> list[str]:
    """What the rules find wrong with the weak answer, told as critique lines.

    The sentence-level rules run on the weak text; each rule that fires gives its critique
    line. When no rule fires (rules switched off by configuration), the degradations the weak
    answer was made with are named instead.
    """
    table = kb.weak()
    codes = {f.code for f in _findings(weak, settings)}
    found = [text for code, text in table.critique_by_code.items() if code in codes]
    if not found:
        found = [text for key, text in table.critique_by_change.items() if key in changes]
    return list(dict.fromkeys(found))[:CRITIQUE_LINES]


def _findings(text: str, settings: Settings | None) -> list[Finding]:
    return list(findings_for_answer(text, None, settings=settings))


def weak_answer(facts: Facts, chosen: dict[str, list[Sentence]], slots: dict[str, str],
                settings: Settings | None = None) -> dict[str, Any]:
    sentences, changes = weak_text(facts, chosen, slots)
    text = " ".join(sentences)
    return {
        "text": text,
        "critique": critique(text, changes, settings),
        "bar_raiser": kb.weak().bar_raiser.format(principle=facts.principle).strip(),
    }


def _options(correct: str, distractors: Sequence[str], seed: str, limit: int = 4) \
        -> tuple[list[str], int]:
    seen = {fold(correct)}
    options = [correct]
    for item in distractors:
        if fold(item) not in seen and len(options) < limit:
            seen.add(fold(item))
            options.append(item)
    rng = random.Random(seed)
    order = list(range(len(options)))
    rng.shuffle(order)
    shuffled = [options[i] for i in order]
    return shuffled, shuffled.index(correct)


def quizzes(facts: Facts, chosen: dict[str, list[Sentence]], weak: list[str], seed: str) \
        -> list[dict[str, Any]]:
    """Three quizzes from the story's key sentences, with the weak answer's as distractors."""
    table = kb.weak().quizzes
    actions = chosen["action"]
    pick = next((s for s in actions if {"investigation", "invention"} & set(s.tags)), None)
    ownership = clause(pick.text) if pick else (clause(actions[0].text) if actions else
                                               'A sentence that starts with "I" and names a '
                                               "concrete action.")
    handoff, after, vague = weak[-3], weak[-2], weak[-1]
    we_lines = [s for s in weak[:-3] if s.startswith("We ")]
    options, answer = _options(ownership, [*we_lines, clause(handoff), after,
                                           "We figured out the root cause together."],
                               f"{seed}:ownership")
    out = [{"question": table.ownership.question, "options": options, "answer": answer,
            "explanation": table.ownership.explanation.strip()}]
    missing = table.missing
    options, answer = _options(missing.correct, missing.distractors, f"{seed}:missing")
    out.append({"question": missing.question.format(vague=vague.rstrip(".")),
                "options": options, "answer": answer,
                "explanation": missing.explanation.strip()})
    strong = [clause(s.text) for s in actions[:3]] + [clause(s.text) for s in chosen["result"][:1]]
    if len(strong) < 2:
        strong += [clause(s.text) for s in chosen["situation"][:2]]
    options, answer = _options(clause(handoff), strong, f"{seed}:disqualifier")
    if len(options) >= 2:
        dq = table.disqualifier
        out.append({"question": dq.question.format(principle=facts.principle),
                    "options": options, "answer": answer,
                    "explanation": dq.explanation.strip()})
    return out
