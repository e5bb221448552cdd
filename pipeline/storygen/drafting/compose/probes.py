"""Follow-up probes: the knowledge base's templates, answered with this story's own sentences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storygen.core.text import word_count
from storygen.drafting.compose.sections import own
from storygen.drafting.compose.slots import clause, other_team
from storygen.drafting.extract.facts import Facts, Sentence
from storygen.story import kb
from storygen.story.kb_models import ProbeTemplate

MAX_PROBES = 4
MIN_PROBES = 2
ANSWER_WORDS = 70
QUOTE_WORDS = 16


def _influence(facts: Facts) -> list[Sentence]:
    acts = [s for s in facts.actions if "influence" in s.tags]
    reasons = [s for s in facts.section("detail") if not s.topic and "figure" not in s.tags]
    return acts + reasons[:1] if acts else []


def _topic(facts: Facts, prefix: str, tag: str) -> list[Sentence]:
    """The notes' own "why ...:" / "how ...:" explanation, else the writer's own action or
    explanation that shows ``tag`` (never a lesson, an outcome or a "we" line)."""
    found = [s for s in facts.sentences if s.topic.startswith(prefix)]
    return found or [s for s in facts.sentences if tag in s.tags
                     and s.section in ("action", "detail", "task")
                     and s.person != "we" and not s.minor]


def _next_time(facts: Facts) -> list[Sentence]:
    rows = [s for s in facts.section("reflection") if not s.minor
            and ("next_time" in s.tags or "systemic" in s.tags)
            and not kb.is_generic_reflection(s.text)]
    return sorted(rows, key=lambda s: "next_time" not in s.tags)


SELECTORS: dict[str, Callable[[Facts], list[Sentence]]] = {
    "influence": _influence,
    "tradeoff": lambda f: _topic(f, "why", "tradeoff"),
    "measure": lambda f: _topic(f, "how", "measure"),
    "investigation": lambda f: [s for s in f.actions if "investigation" in s.tags],
    "next_time": _next_time,
    "actions": lambda f: f.actions,
    "outcome": lambda f: [s for s in f.section("result") if not s.minor],
    "other_team": lambda f: [Sentence(t, "", "other", 0, t) for t in f.teams],
    "figure": lambda f: [s for s in f.section("result") if s.figures],
}


def _answer(sentences: list[Sentence]) -> list[str]:
    out: list[str] = []
    for sentence in sentences:
        text = own(sentence.text) if sentence.person == "I" else sentence.text
        if out and word_count(" ".join(out)) + word_count(text) > ANSWER_WORDS:
            break
        out.append(text)
    return out


def _key_quote(answer: list[str]) -> str:
    mine = [t for t in answer if t.startswith("I ")] or answer
    quote = min(mine, key=lambda t: (word_count(t), answer.index(t)))
    return clause(quote) if word_count(quote) > QUOTE_WORDS else quote


def _probe(template: ProbeTemplate, slots: dict[str, str], answer: list[str]) -> dict[str, Any]:
    return {
        "question": template.question.format(**slots),
        "probes": template.probes,
        "weak": {"answer": template.weak.format(**slots), "why": template.why.strip()},
        "strong": {"answer": " ".join(answer), "key_quote": _key_quote(answer)},
    }


def build_probes(facts: Facts, slots: dict[str, str]) -> list[dict[str, Any]]:
    """Two to four probes, the principle's favourites first, each answered from the notes."""
    table = kb.probes()
    order = [*kb.principles()[facts.principle].probes, *table.order]
    probes: list[dict[str, Any]] = []
    used: list[str] = []
    for name in dict.fromkeys(order):
        template = table.template(name)
        if len(probes) >= MAX_PROBES or not all(SELECTORS[n](facts) for n in template.needs):
            continue
        answer = _answer(SELECTORS[template.strong](facts))
        if answer and not any(a in used for a in answer):
            probes.append(_probe(template, slots, answer))
            used.extend(answer)
    missing = kb.sections().missing.probe
    for name in ("steps", "outcome", "differently"):
        if len(probes) >= MIN_PROBES:
            break
        if not any(p["question"] == table.template(name).question for p in probes):
            probes.append(_probe(table.template(name), slots, [missing]))
    if other_team(facts) is None:
        for probe in probes:
            probe["weak"]["answer"] = probe["weak"]["answer"].replace("the other team", "them")
    return probes
