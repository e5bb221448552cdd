"""The offline drafter: a complete story from the notes' own sentences and the knowledge base.

No model, no network, no randomness beyond a seed taken from the notes' hash: the same notes
always give the same story.
"""

from __future__ import annotations

import re
from typing import Any

from storygen.checks.settings import Settings
from storygen.core.text import split_sentences
from storygen.drafting.compose.probes import build_probes
from storygen.drafting.compose.sections import build_sections, fitted_targets, key_phrases, situation_score
from storygen.drafting.compose.slots import fill
from storygen.drafting.compose.variants import level_variants, principle_variants, reflection
from storygen.drafting.compose.weak import quizzes, weak_answer
from storygen.drafting.extract.facts import Facts, Sentence
from storygen.story import kb
from storygen.story.model import SCHEMA_VERSION, WORDS_PER_MINUTE
from storygen.story.notes import Notes

_VERBS_SHOWN = 6


def draft_offline(notes: Notes, facts: Facts, *, settings: Settings | None = None) -> dict[str, Any]:
    """The story data (every part of the format) drafted from ``facts``; no provenance.

    ``settings`` (storygen.checks.config.Settings) gives the speaking rate and the rules that run
    on the weak answer.
    """
    level = kb.levels()[facts.level]
    wpm = float(settings.speaking_rate_wpm if settings is not None else WORDS_PER_MINUTE)
    targets = fitted_targets(facts, level.targets.as_dict(), wpm, level.time_limit.max)
    cards, chosen = build_sections(facts, targets, wpm)
    slots = fill(facts, chosen["result"])
    missing = kb.sections().missing
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": facts.slug,
        "title": facts.title,
        "company": facts.company,
        "principle": facts.principle,
        "question": facts.question,
        "role": facts.role,
        "level": facts.level,
        "overview": overview(facts, chosen),
        "sections": cards,
        "reflections": {
            "sde2": reflection(facts, "technical") or reflection(facts, "systemic")
            or missing.reflection,
            "senior": reflection(facts, "systemic") or missing.senior,
        },
        "probes": build_probes(facts, slots),
    }
    weak = weak_answer(facts, chosen, slots, settings)
    data["weak_answer"] = weak
    weak_sentences = _sentences_of(weak["text"])
    data["quizzes"] = quizzes(facts, chosen, weak_sentences, notes.sha256)
    data["principle_variants"] = principle_variants(facts, slots)
    data["level_variants"] = level_variants(facts)
    return data


def _sentences_of(text: str) -> list[str]:
    return [span.text for span in split_sentences(text)]


# A sentence that leans on one before it: it opens on a pronoun or a joining word ("She
# committed.", "So I took it.", but not "It was not my team": the scope, said of the story's
# own thing), names someone only by a pronoun ("I pinged him.") or opens on a step done to
# "it" ("I took it.", "I saw it in the support channel")
# "It was not my team": the scope, said of the story's own thing
_SCOPE = r"it\s+(?:was|is|wasn['’]t|isn['’]t)(?:\s+not)?\s+(?:my|our|mine)\b"
_SCOPE_SAID = re.compile(_SCOPE, re.IGNORECASE)
_LEANS_BACK = re.compile(r"^(?:(?!" + _SCOPE + r")it|this|"
                         r"that|these|those|so|but|and|also|then)\b(?!['’]s\b)"
                         r"|^I\s+(?:\w+\s+)?\w+\s+it\b", re.IGNORECASE)
# "... who read from it", "~40 of 45 are on it now", "I posted that in the channel": a thing
# named only in a sentence left out (not "It was not my team, ... nobody asked me to look at
# it": the scope, said of the story's own thing)
_POINTS_AT = re.compile(r"\b(?:from|to|on|onto|into|about|with|of|for|in|at|behind|after|[a-z]+ed)"
                        r"\s+(?:it|them|that)\b(?!['’]|\s+(?:is|was|are|were|the|a|an|my|our|I|we|they|"
                        r"it)\b)", re.IGNORECASE)
# Someone named only by a pronoun: fine once the summary has named a person before it
_SOMEONE = re.compile(r"(?<!\bof )\b(?:him|them|they|he|she|her)\b", re.IGNORECASE)
_A_PERSON = re.compile(r"\b(?:intern|engineer|lead|manager|mentor|hire|grad|director|vp|owner|"
                       r"customer|partner|teammate|colleague|developer|dev|pm|em|architect|"
                       r"analyst|designer|team|people|folks|everyone)s?\b|(?<=\w )(?-i:[A-Z][a-z]+)\b",
                       re.IGNORECASE)


def _leans_back(text: str, before: str = "") -> bool:
    """Whether ``text`` leans on a sentence the summary left out: it opens on "It"/"So"/"But",
    or names someone by a pronoun when nobody is named in ``before``."""
    someone = _SOMEONE.search(text)
    if _POINTS_AT.search(text) and not _SCOPE_SAID.match(text):
        return True
    return _LEANS_BACK.search(text) is not None or (
        someone is not None and _A_PERSON.search(f"{before} {text[:someone.start()]}") is None)


def _first_whole(sentences: list[Sentence], before: list[Sentence]) -> list[Sentence]:
    """The first of a card's sentences that a summary can say after ``before`` without the one
    told before it in its card (none when each leans back on another: "She committed." says
    nothing out of its card)."""
    said = " ".join(s.text for s in before)
    return [s for s in sentences if not _leans_back(s.text, said)][:1]


def overview(facts: Facts, chosen: dict[str, list[Sentence]]) -> dict[str, Any]:
    """Summary from the story's own sentences; analysis and takeaways from what it shows."""
    situation = chosen["situation"]
    intro = [s for s in situation[:1] if s.text.startswith("I was")]
    ranked = sorted(situation, key=lambda s: -situation_score(s))
    intro_text = " ".join(s.text for s in intro)
    best = [s for s in ranked if not _leans_back(s.text, intro_text)][:1] or ranked[:1]
    picks = intro + [s for s in best if s not in intro]
    invented = [s for s in chosen["action"][1:] if "invention" in s.tags]
    for card in (chosen["task"], chosen["action"], invented, chosen["result"]):
        picks += _first_whole(card, picks)
    said = list(dict.fromkeys(s.text for s in picks))
    # a finding told as the problem and again with the step that found it is said once, with
    # the step: "I found the cause in 2 hours: pagination used OFFSET ..."
    said = [text for text in said if not any(
        text != other and text.rstrip(".").lower() in other.lower() for other in said)]
    summary = " ".join(said) or kb.sections().missing.situation
    return {"summary": summary, **_analysis(facts, chosen)}


def _verb(sentence: str) -> str:
    """The verb after "I" ("I then quickly wrote" -> "wrote")."""
    skip = kb.lexicon().function_words | {"just", "really"}
    words = sentence.split()
    at = next((i for i, w in enumerate(words) if w == "I"), None)
    if at is None:
        return ""
    for word in words[at + 1:at + 4]:
        word = word.strip(",.:;").lower()
        if word.isalpha() and word not in skip and not word.endswith("ly"):
            return word
    return ""


def _analysis(facts: Facts, chosen: dict[str, list[Sentence]]) -> dict[str, Any]:
    table = kb.overview()
    lines, shows = table.analysis, table.takeaways
    text: list[str] = []
    takeaways: list[str] = []
    scoped = [s for s in chosen["task"] if "scope" in s.tags]
    scope = key_phrases("task", scoped) if scoped else []
    if scope:
        text.append(lines.scope.format(scope=scope[0]))
        takeaways.append(shows.scope)
    else:
        text.append(lines.no_scope)
    verbs = list(dict.fromkeys(v for v in (_verb(s.text) for s in chosen["action"]) if v))
    verbs = verbs[:_VERBS_SHOWN]
    if verbs:
        text.append(lines.actions.format(verbs=", ".join(verbs)))
        takeaways.append(shows.actions)
    else:
        text.append(lines.no_actions)
    figures = [p.rstrip(" -–—:;,") for p in key_phrases("result", chosen["result"])
               if any(ch.isdigit() for ch in p)] if chosen["result"] else []
    if figures:
        text.append(lines.figures.format(figures="; ".join(figures)))
        takeaways.append(shows.figures)
    elif facts.figures:
        elsewhere = list(dict.fromkeys(f.text for f in facts.figures))[:3]
        text.append(" ".join(lines.figures_elsewhere.format(figures=", ".join(elsewhere)).split()))
    else:
        text.append(lines.no_figures)
    adoption = [s for s in chosen["result"] if "adoption" in s.tags]
    if adoption:
        text.append(lines.adoption.format(adoption=adoption[0].text.rstrip(".")))
        takeaways.append(shows.adoption)
    if any("systemic" in s.tags for s in chosen["reflection"]):
        text.append(lines.systemic)
        takeaways.append(shows.systemic)
    text.append(lines.principle.format(principle=facts.principle))
    if len(takeaways) < 3:
        takeaways.append(shows.gaps)
    return {"analysis": " ".join(text), "takeaways": takeaways}
