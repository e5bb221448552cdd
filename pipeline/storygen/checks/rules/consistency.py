"""Consistency rules (CON*): quizzes, principle variants and the weak answer hold together."""

from __future__ import annotations

from collections.abc import Iterator

from storygen.checks.rules.base import Context, Hit, get, has_digits, items, story_rule
from storygen.checks.rules.ownership import handoff_phrases, plural_words
from storygen.core.findings import Severity


def _quiz_options(quiz: object) -> list[object]:
    options = get(quiz, "options")
    return options if isinstance(options, list) else []


@story_rule(
    "CON001", "quiz-answer-out-of-range", Severity.ERROR,
    "a quiz whose answer is not an index of its options",
    passing=[{"quizzes": [{"options": ["a", "b", "c"], "answer": 2}]}],
    failing=[{"quizzes": [{"options": ["a", "b", "c"], "answer": 3}]}],
)
def con001(ctx: Context) -> Iterator[Hit]:
    """A quiz's `answer` is the 0-based index of the correct option: with three options it
    is 0, 1 or 2. An index past the end means the quiz has no correct answer.
    """
    for i, quiz in items(ctx.data, "quizzes"):
        options, answer = _quiz_options(quiz), get(quiz, "answer")
        if not options or not isinstance(answer, int) or isinstance(answer, bool):
            continue
        if not 0 <= answer < len(options):
            yield Hit(f"/quizzes/{i}/answer",
                      f"quiz {i + 1} answer is {answer}, but it has {len(options)} options "
                      f"(0-{len(options) - 1}): set answer to the index of the correct option")


@story_rule(
    "CON002", "quiz-duplicate-options", Severity.ERROR,
    "a quiz with two options that are the same after folding case and white space",
    passing=[{"quizzes": [{"options": ["I escalated it.", "I fixed it."], "answer": 1}]}],
    failing=[{"quizzes": [{"options": ["I escalated it.", "i  escalated it."], "answer": 1}]}],
)
def con002(ctx: Context) -> Iterator[Hit]:
    """Two options that differ only in case or spacing are the same answer twice: the
    quiz becomes easier, or has two correct answers. Make every option different.
    """
    for i, quiz in items(ctx.data, "quizzes"):
        seen: dict[str, int] = {}
        for j, option in enumerate(_quiz_options(quiz)):
            if not isinstance(option, str):
                continue
            key = " ".join(option.casefold().split())
            if key in seen:
                yield Hit(f"/quizzes/{i}/options/{j}",
                          f"quiz {i + 1} options {seen[key] + 1} and {j + 1} are the same after "
                          f"folding case and white space: make every option different")
            else:
                seen[key] = j


@story_rule(
    "CON003", "repeated-principle-variant", Severity.ERROR,
    "a principle variant that repeats the story's own principle or another variant's",
    passing=[{"principle": "Ownership", "principle_variants": [{"principle": "Dive Deep"},
                                                                 {"principle": "Frugality"}]}],
    failing=[{"principle": "Ownership", "principle_variants": [{"principle": "Ownership"}]},
             {"principle": "Ownership", "principle_variants": [{"principle": "Dive Deep"},
                                                                 {"principle": "Dive Deep"}]}],
)
def con003(ctx: Context) -> Iterator[Hit]:
    """Principle variants show how to retell the story for *other* Leadership Principles.
    A variant for the story's own principle, or two variants for the same one, adds
    nothing: pick a different principle.
    """
    own = get(ctx.data, "principle")
    seen: dict[str, int] = {}
    for i, variant in items(ctx.data, "principle_variants"):
        name = get(variant, "principle")
        if not isinstance(name, str):
            continue
        pointer = f"/principle_variants/{i}/principle"
        if name == own:
            yield Hit(pointer, f"principle variant {i + 1} repeats the story's own principle "
                               f"'{name}': pick another Leadership Principle")
        elif name in seen:
            yield Hit(pointer, f"principle variant {i + 1} repeats variant {seen[name] + 1} "
                               f"('{name}'): pick another Leadership Principle")
        seen.setdefault(name, i)


@story_rule(
    "CON004", "weak-answer-not-weak", Severity.WARNING,
    "a weak answer with no 'we', no hand-off, and numbers: none of the usual weaknesses",
    passing=[{"weak_answer": {"text": "We noticed drops, so I escalated it and they fixed it."}},
             {"weak_answer": {"text": "I fixed the webhooks and things got better."}}],
    failing=[{"weak_answer": {"text": "I fixed the webhooks and the drop rate fell from "
                                      "0.3% to zero."}}],
)
def con004(ctx: Context) -> Iterator[Hit]:
    """The weak answer is there to be critiqued: it should show the weaknesses its critique
    names, such as "we" language, a hand-off ("I escalated it", "they fixed it") or no
    numbers. One with none of these reads as a strong answer and teaches nothing.
    """
    text = get(ctx.data, "weak_answer", "text")
    if not isinstance(text, str) or not text.strip():
        return
    if plural_words(text) or handoff_phrases(text) or not has_digits(text):
        return
    yield Hit("/weak_answer/text", "the weak answer shows none of the weaknesses its critique "
                                   "names: it has no 'we', no hand-off, and it has numbers; "
                                   "make it weak the way the critique says")

