"""Short phrases from this story's facts that fill the knowledge base's templates."""

from __future__ import annotations

import re

from storygen.core.figures import DELTA
from storygen.drafting.compose.spans import mend, widen
from storygen.drafting.extract.facts import Facts, Sentence

_MADE = re.compile(r"^I (?:invented|built|created|designed|introduced|wrote|automated|"
                   r"prototyped|proposed|set up) (.+?)(?:[:,.;(]| to | that | which |$)")
_PARTICLES = frozenset({"up", "down", "out", "off", "back", "over", "in", "on", "it", "them"})
_GROUPS = ("customers", "users", "clients", "merchants", "shoppers", "patients", "sellers")


_CLAUSE_BREAK = re.compile(r",\s+(?=(?:and|but|so|then|which|who|leading|while|because|after|"
                           r"before|until|with|without|inherited|not)\b)|[;(]|:\s|\s[-–—]\s")


def clause(text: str) -> str:
    """The first clause of a sentence, as a sentence ("I traced it to X, leading to Y." -> "I
    traced it to X.")."""
    head = _CLAUSE_BREAK.split(text, maxsplit=1)[0].strip().rstrip(".,")
    return head + "."


def other_team(facts: Facts) -> str | None:
    return facts.teams[0] if facts.teams else None


def invention(facts: Facts) -> str | None:
    for sentence in facts.actions:
        match = _MADE.match(sentence.text)
        particle = match.group(1).split()[0].lower() if match else ""
        if match and len(match.group(1).split()) <= 8 and particle not in _PARTICLES:
            return mend(match.group(1).strip(), sentence.text)
    return None


def outcome(sentences: list[Sentence]) -> str | None:
    """The first before -> after phrase said in the result ("from 0.3% to zero")."""
    for sentence in sentences:
        match = DELTA.search(sentence.text)
        if match:
            return widen(sentence.text, match.start(), match.end()).rstrip(".,")
    return None


def money_or_figure(sentences: list[Sentence]) -> str | None:
    """The result's money figure as said ("$8K a week"), else its first figure; of a before ->
    after pair, the after figure (what the work reached)."""
    ranked = sorted(sentences, key=lambda s: "money" not in s.tags)
    for sentence in ranked:
        befores = {d.before.text for d in sentence.deltas}
        for figure in sorted(sentence.figures, key=lambda f: f.text in befores):
            token = figure.text.split("/")[0]
            at = sentence.text.find(token)
            if at < 0:
                continue
            rest = sentence.text[at + len(token):]
            per = re.match(r"\s(?:a|an|per)\s\w+", rest)
            return mend(token + (per.group(0) if per else ""), sentence.text)
    return None


def metric(facts: Facts, result: list[Sentence] | None = None) -> str | None:
    """What the result's first before -> after pair measures (never a setting the writer
    changed), lower case unless it is an acronym."""
    rows = [*(result or []), *facts.section("result")]
    for delta in (d for s in rows if "setting" not in s.tags for d in s.deltas):
        if delta.metric:
            return " ".join(w if w[1:2].isupper() or w.isupper() else w.lower()
                            for w in delta.metric.split())
    return None


def affected(facts: Facts) -> str | None:
    text = " ".join(s.text.lower() for s in facts.sentences)
    return next((g for g in _GROUPS if re.search(rf"\b{g}\b", text)), None)


def adopters(facts: Facts) -> str | None:
    for sentence in facts.section("result", tag="adoption"):
        for team in facts.teams:
            if team.removeprefix("the ").removesuffix(" team").lower() in sentence.text.lower():
                return team
    return None


def fill(facts: Facts, result: list[Sentence]) -> dict[str, str]:
    """Every slot with this story's phrase, or a neutral stand-in when the notes give none."""
    found_metric = metric(facts, result)
    found_outcome = outcome(result)
    scope = " ".join(facts.scope_cues).lower()
    group = affected(facts)
    return {
        "other_team": other_team(facts) or "the other team",
        "invention": invention(facts) or "this approach",
        "figure": money_or_figure(result) or "that result",
        "metric": found_metric or "result",
        "problem": f"the {found_metric}" if found_metric else "the problem",
        "customer_effect": f"the problem for {group}" if group else "the problem",
        "scope_gap": "a problem outside your team, with nobody assigning it to you"
        if "team" in scope else "a problem nobody had assigned to you",
        "outcome": f"the result ({found_outcome})" if found_outcome else "the result",
        "adopters": adopters(facts) or "other teams",
        "other_teams": other_team(facts) or "other teams",
        "people": "your colleagues",
        "principle": facts.principle,
    }
