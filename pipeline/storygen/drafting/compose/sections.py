"""The five S/T/A/R/reflection cards, built from the notes' own sentences within a time budget."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from storygen.core.figures import DELTA
from storygen.core.text import fold, word_count
from storygen.drafting.compose.spans import mend
from storygen.drafting.extract.facts import NOT_NAMES, Facts, Sentence, finding_of
from storygen.story import kb

KEY_PHRASES = 4
# TIM001 allows a card 20% over its speaking target; a draft uses nearly all of it.
_TOLERANCE = 1.19
_ADVERBS = frozenset({"just", "then", "also", "first", "finally", "really", "personally"})
_MAKING = re.compile(r"(?:build|building|built|write|writing|wrote|roll|rolling|rolled|make|"
                     r"making|made|run|running|ran|host|hosting|hosted|create|creating|created|"
                     r"develop|developing|developed|maintain|maintaining|maintained)\s+$")


def _in_house(match: re.Match[str]) -> str:
    """"our own" said as "in-house": "an in-house token format" after "building", "the
    in-house spec" elsewhere, no article before a plural ("building in-house tools")."""
    before = match.string[:match.start()]
    noun = re.sub(r"\W+$", "", (match.string[match.end():].split() or [""])[0])
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    article = "" if plural else "an " if _MAKING.search(before) else "the "
    said = f"{article}in-house" + (" " if match.group(0).endswith(" ") else "")
    return said[:1].upper() + said[1:] if match.group(1) == "O" else said


_PLURAL_OWN = ((re.compile(r"\b(is|was|were|are|been|be)((?:\s+(?:entirely|partly|all|really|"
                           r"just|only|also|still|on))?)\s+our\b"), r"\1\2 my team's"),
               (re.compile(r"\bour own team['’]s\b"), "my own team's"),
               (re.compile(r"\bOur own team['’]s\b"), "My own team's"),
               # "over building our own token format": in-house, whoever "we" were (the team,
               # the company); made anew after a verb of making, else the one there is
               (re.compile(r"\b([Oo])ur own\b ?"), _in_house),
               # "on our side", "at our end": the writer's team's, not "on the side"
               (re.compile(r"\b(on|from|at) our (side|end)\b"), r"\1 my team's \2"),
               # "in our team review": the team's review ("our team lead" is a role: "my team lead")
               (re.compile(r"\b([Oo])ur team(?=\s+(?!(?:and|or|but|to|in|on|at|for|with|was|is|"
                           r"were|are|had|has|did|of|about|that|which|who|when|so|because|lead|"
                           r"leads|member|members|manager|managers|mates|itself|as|by|from|"
                           r"[a-z]+ed|[a-z]+ly)\b)[a-z])"), lambda m: ("m" if m.group(1) == "o" else "M")
                + "y team's"),
               (re.compile(r"\bour team\b"), "my team"), (re.compile(r"\bOur team\b"), "My team"),
               (re.compile(r"\bour\b"), "the"), (re.compile(r"\bOur\b"), "The"),
               # "built a dual-write path so we could cut over safely": the team's purpose
               (re.compile(r"\b(so(?: that)?) we (could|can|would|might)\b"), r"\1 the team \2"))
_ADOPTION = re.compile(r"\b(?:adopted|reused|rolled out|became the standard|standardi[sz]ed)\b"
                       r"(?:\s+[\w'’/-]+){0,4}", re.IGNORECASE)
_LED_TO = re.compile(r"\bled to\s+([^,.;:()]+)")


_QUOTE = re.compile(r"(\"[^\"]*\"|“[^”]*”)")


def own(text: str) -> str:
    """An "I" sentence without "our": "I pulled our logs" -> "I pulled the logs"; "our team" is
    the writer's own team ("my team", "my team's review"), not just any team; "our own token
    format" is "an in-house token format"; "so we could" is "so the team could".
    Words in quotation marks are the notes' own and stay as written ("kept the line \"our status
    page was wrong\" in")."""
    parts = _QUOTE.split(text)
    for index in range(0, len(parts), 2):
        for pattern, repl in _PLURAL_OWN:
            parts[index] = pattern.sub(repl, parts[index])
    return "".join(parts)


def fit(candidates: list[Sentence], budget: float, score: Callable[[Sentence], float]) \
        -> list[Sentence]:
    """The best-scoring sentences that fit in ``budget`` words, in the notes' order."""
    chosen: set[int] = set()
    used = 0
    ranked = sorted(range(len(candidates)), key=lambda i: (-score(candidates[i]), i))
    for index in ranked:
        words = word_count(candidates[index].text)
        if used + words <= budget or not chosen:
            chosen.add(index)
            used += words
    return [candidates[i] for i in sorted(chosen)]


def situation_score(s: Sentence) -> float:
    value = 0.0
    if s.text.startswith("I noticed") or s.text.startswith("I saw"):
        value += 3
    value += 2 * ("figure" in s.tags) + 2 * ("scope" in s.tags)
    value += ("customer" in s.tags) + ("business" in s.tags) + s.text.startswith("I was")
    return value + _HEADED * (not s.free)


def _result_score(s: Sentence) -> float:
    """What an outcome shows (a before -> after pair, money, adoption), a little less for a
    long sentence: within the budget, more outcomes are said."""
    return (3 * ("delta" in s.tags) + 2 * ("money" in s.tags) + 2 * ("adoption" in s.tags)
            + ("figure" in s.tags) + ("business" in s.tags) - 2 * (s.person == "we")
            - 0.015 * word_count(s.text) + _HEADED * (not s.free))


def _reflection_score(s: Sentence) -> float:
    return (3 * ("systemic" in s.tags) + 2 * ("next_time" in s.tags)
            - ("technical" in s.tags and not s.tags.count("systemic")) + _HEADED * (not s.free))


# A sentence under the notes' own heading for the card ("Result", "Lesson:") outranks one the
# drafter placed there by where it sits.
_HEADED = 1.0


def _phrase_after(text: str, start: int, words: int = 2) -> str:
    function_words = kb.lexicon().function_words
    tail = re.split(r"[,.;:()]", text[start:])[0].split()[:words]
    while tail and tail[-1].lower() in function_words:
        tail.pop()
    return " ".join(tail)


def _figure_phrases(sentences: list[Sentence]) -> list[str]:
    phrases: list[str] = []
    for s in sentences:
        for match in DELTA.finditer(s.text):
            phrases.append(match.group(0).rstrip(".,"))
        for figure in s.figures:
            token = figure.text.split("/")[0]
            at = s.text.find(token)
            if at >= 0 and not any(token in p for p in phrases):
                phrases.append(" ".join([token, _phrase_after(s.text, at + len(token))])
                               .strip().rstrip(" -–—:;,"))  # "11 minutes --": not the dash
    return phrases


def _openers(sentences: list[Sentence]) -> list[str]:
    """ "I pulled", "I then traced": the subject and its verb as said."""
    out = []
    for s in sentences:
        words = s.text.split()
        if s.person != "I" or len(words) < 2 or words[0] != "I":
            continue
        end = 1
        while end < min(len(words) - 1, 3) and (words[end].lower() in _ADVERBS
                                                 or words[end].lower().endswith("ly")):
            end += 1
        out.append(" ".join(words[:end + 1]).strip(",.;:"))
    return out


def _cue_phrases(sentences: list[Sentence], tag: str) -> list[str]:
    """Cue phrases as said; one that ends in "the" or "to" runs on to the words it needs."""
    pattern = kb.phrase_pattern(kb.tags().cues(tag))
    function_words = kb.lexicon().function_words
    found = []
    for s in sentences:
        for match in pattern.finditer(s.text):
            phrase = match.group(0)
            if phrase.split()[-1].lower() in function_words:
                phrase += " " + _phrase_after(s.text, match.end(), 3)
            found.append(phrase.strip())
    return found


def _unique(phrases: list[str], text: str, limit: int = KEY_PHRASES) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    folded = fold(text)
    for phrase in phrases:
        phrase = mend(phrase, text)
        key = fold(phrase)
        if key and key not in seen and key in folded and len(out) < limit:
            seen.add(key)
            out.append(phrase)
    return out


def key_phrases(name: str, sentences: list[Sentence]) -> list[str]:
    """Phrases that must be said, quoted verbatim from the section's own text."""
    text = " ".join(s.text for s in sentences)
    if name == "situation":
        found = [p for p in _openers(sentences) if p in ("I noticed", "I saw")]
        found += _figure_phrases(sentences) + _cue_phrases(sentences, "scope")
    elif name == "task":
        found = _cue_phrases(sentences, "scope") + _openers(sentences)
    elif name == "action":
        found = _openers(sentences)
        return _unique(found, text, limit=6) or _fallback_phrase(text)
    elif name == "result":
        found = _figure_phrases(sentences)
        found += [m.group(0) for s in sentences for m in _ADOPTION.finditer(s.text)]
        found += [m.group(1).strip() for s in sentences for m in _LED_TO.finditer(s.text)]
    else:
        return _talking_points(sentences)
    return _unique(found, text) or _fallback_phrase(text)


def _end_focus(text: str, words: int = 4) -> str:
    """The last words of a sentence's first real clause, where the new information sits."""
    function_words = kb.lexicon().function_words
    for part in re.split(r"[,;:()]\s*", text.rstrip(".")):
        tail = part.split()[-words:]
        while tail and tail[0].lower() in function_words:
            tail = tail[1:]
        if len(part.split()) >= 3 and len(tail) >= 2:
            return " ".join(tail)
    return ""


def _talking_points(sentences: list[Sentence]) -> list[str]:
    points = [s.text.rstrip(".") for s in sentences if s.minor]
    points += [p for p in (_end_focus(s.text) for s in sentences if not s.minor) if p]
    points += _cue_phrases(sentences, "systemic") + _cue_phrases(sentences, "technical")
    said = " ".join(s.text for s in sentences)
    seen: set[str] = set()
    out: list[str] = []
    for point in (mend(p, said) for p in points):
        if fold(point) not in seen and len(out) < KEY_PHRASES:
            seen.add(fold(point))
            out.append(point[:1].lower() + point[1:] if not point[:2].isupper() else point)
    return out or _fallback_phrase(" ".join(s.text for s in sentences))


def _fallback_phrase(text: str) -> list[str]:
    if text.startswith("["):
        return [kb.sections().missing_key_phrase]
    first = re.split(r"(?<=[.!?])\s", text)[0]
    return [_end_focus(first) or " ".join(first.split()[:4]).rstrip(".,;:")]


def choose(facts: Facts, budgets: dict[str, float]) -> dict[str, list[Sentence]]:
    """The sentences each section says, within its word budget."""
    # "We were decoding the full-size image on the main thread": how the team's things stood,
    # said among the steps; the Action tells only the writer's, so it is context
    stood = [s for s in facts.section("action") if s.person == "we" and not s.minor
             and _TEAM_STATE.match(s.text)]
    situation = sorted([*(s for s in facts.section("situation") if not s.minor), *stood],
                       key=lambda s: s.line)
    task = [s for s in facts.section("task") if not s.minor]
    # "Nobody owned the cost.": the gap is the Situation's context and the Task's boundary (not
    # when the writer put it under a Task heading or label of their own)
    situation = sorted([*situation, *(s for s in task if s.person == "other" and s.free
                                      and "label" not in s.cues and _NO_OWNER.search(s.text))],
                       key=lambda s: s.line)
    actions = [s for s in facts.actions if s.person != "we"]
    results = [s for s in facts.section("result") if not s.minor or s.person != "we"]
    reflection = [s for s in facts.section("reflection") if not s.minor
                  and not kb.is_generic_reflection(s.text)]
    if not any("scope" in s.tags for s in task):
        borrowed = _borrowed_task(situation, actions)
        task = sorted([*task, *borrowed], key=lambda s: s.line)
        situation = [s for s in situation if s not in borrowed or _NO_OWNER.search(s.text)]
    if not situation:
        situation = [s for s in task if "scope" not in s.tags and s.person == "other"
                     and not re.search(r"\b(?:I|my|me)\b", s.text)]
        task = [s for s in task if s not in situation]
    found = [e for e in (finding_of(s) for s in actions) if e is not None
             and not any(fold(e.text) in fold(s.text) for s in situation)]
    situation = sorted([*situation, *found], key=lambda s: s.line)
    chosen = {
        "situation": fit(situation, budgets["situation"],
                         lambda s: situation_score(s) - 0.5 * (s in found)),
        "task": fit(task, budgets["task"], lambda s: 2 * ("scope" in s.tags)),
        "action": fit(actions, budgets["action"], lambda s: 0),
        "result": fit(results, budgets["result"], _result_score),
        "reflection": fit(reflection, budgets["reflection"], _reflection_score),
    }
    _introduce_in_situation(chosen)
    said: list[Sentence] = []
    for name, rows in chosen.items():
        # named first: "He wrote the list of headers" opens a card on no one until it is said
        # as "Tariq wrote ...", and only then is a sentence whose "he" names no one left out
        chosen[name] = with_referents(named_referents(rows, facts.sentences, said), said)
        said.extend(chosen[name])
    return chosen


_GIVEN = r"(?-i:[A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)?)"
# A person the notes name, known to be one by how they are named: "paired with Tariq", "got Ama
# from our guild", "Joris wanted 1h", "Leilani (senior dev)", "with Hui Min's help"
_PERSON_NAMED = re.compile(
    rf"\b(?:with|w/|asked|told|showed|pinged|got|pulled in|mentor|manager|lead|pm|em|paired with|"
    rf"help from|thanks to|talked to|ask from|spoke to|spoke with)\s+(?P<a>{_GIVEN})\b(?!['’]s)"
    rf"|\b(?P<b>{_GIVEN})(?:\s*\([^()]{{1,30}}\))?\s+(?:said|says|wanted|agreed|asked|pushed|"
    rf"suggested|pointed|disagreed|approved|signed|reviewed|thought|felt|helped|ok['’]?d|okayed|"
    rf"backed|offered|replied|liked|insisted|argued|objected|pinged|mentioned|proposed|grumbled|"
    rf"presented|paired|told|gave|worried|came round|came around|was skeptical|joined)\b"
    rf"|\b(?P<c>{_GIVEN})['’]s\s+(?:help|review|idea|call|feedback|suggestion|pushback)\b"
    rf"|\b(?P<d>{_GIVEN})\s*\((?=[^()]*\b(?:dev|eng|engineer|pm|em|lead|manager|mentor|senior|"
    rf"junior|intern|designer|qa|sre|director|vp|cto|analyst|new grad|my)\b)[^()]{{1,30}}\)"
    rf"|\b(?:support|ops|qa|legal|finance|security|design|product|recruiting|hr|pm|em|sre|"
    rf"infra|platform|data)\s+\((?P<e>{_GIVEN})\)",
    re.IGNORECASE)
_NOT_PEOPLE = NOT_NAMES | frozenset({
    "Also", "Finally", "Later", "After", "Before", "When", "Once", "And", "But", "She", "Her",
    "His", "Him", "Our", "You", "Its", "Their", "Them", "Director", "Manager", "Lead", "Engineer",
    "Product", "Support", "Finance", "Legal", "Security", "Ops", "Team", "Customer", "User",
    "Users", "Sales", "Design", "Data", "Infra", "Eng"})
# "He wrote the list of headers", "She was skeptical": a sentence that opens on its doer, unnamed
_HE_SHE = re.compile(r"^(?:He|She)\b(?!['’])")


def _people_in(text: str) -> list[str]:
    """The people a sentence names, as the notes name them."""
    found: list[str] = []
    for match in _PERSON_NAMED.finditer(text):
        name = next(group for group in match.groups() if group)
        if name.split()[0] not in _NOT_PEOPLE and name not in found:
            found.append(name)
    return found


def _named(text: str, name: str) -> str:
    """``text`` with the "He" or "She" it opens on said as ``name``."""
    return _HE_SHE.sub(name, text, count=1)


def named_referents(rows: list[Sentence], notes_order: list[Sentence],
                    said: Sequence[Sentence] = ()) -> list[Sentence]:
    """A card's sentences, "he" or "she" said by name where the sentence just before it in the
    notes names one person only and the story, as told so far (``said``, then the card), last
    named someone else or no one: "he wrote the list of headers" after "paired with Tariq" says
    "Tariq wrote the list of headers" when the card before it last named Elodie."""
    out: list[Sentence] = []
    for sentence in rows:
        if not _HE_SHE.search(sentence.text) or _people_in(sentence.text):
            out.append(sentence)
            continue
        last = next((found[-1] for found in (_people_in(s.text) for s in reversed([*said, *out]))
                     if found), None)  # whom the story named last: "she" would be read as them
        at = next((i for i, s in enumerate(notes_order) if s is sentence), None)
        if at is None:
            at = next((i for i, s in enumerate(notes_order)
                       if s.line == sentence.line and s.text == sentence.text), None)
        before = [s for s in notes_order[:at] if sentence.line - 1 <= s.line <= sentence.line] \
            if at is not None else []
        # only the sentence said just before it: a person named further back may not be whom
        # the "she" means
        people = _people_in(before[-1].source if before[-1].line != sentence.line
                            else before[-1].text) if before else []
        if len(people) == 1 and people[0] != last and people[0] not in sentence.text:
            sentence = replace(sentence, text=_named(sentence.text, people[0]))
        out.append(sentence)
    return out


# "It cut the time" needs what "it" is; "This was staff-level scope" describes the story itself,
# and "It wasn't my task" says whose it was.
_THING_PRONOUN = re.compile(r"^(?:It|Those|These|This|That|Them)\b"
                            r"(?!\s+(?:was|is|wasn['’]t|isn['’]t|was not|is not)\b)")
_PERSON_PRONOUN = re.compile(r"^(?:He|She|They|His|Her|Their)\b")
_PERSON_WORD = re.compile(r"\b(?:intern|interns|engineer|engineers|manager|lead|hire|hires|"
                          r"colleague|colleagues|customer|customers|users?|team|teams|he|she|"
                          r"they|[A-Z][a-z]{2,})\b")


_TEAM_STATE = re.compile(r"(?:We|Our [\w-]+(?: [\w-]+)?) (?:were|was|had|hadn't|had no|didn't have|"
                         r"did not have|weren't|wasn't)\b")


def _introduce_in_situation(chosen: dict[str, list[Sentence]]) -> None:
    """"His early PRs were huge" needs "Amir joined our team ...": when the situation opens on
    a person it never names and the task holds the sentence before it that does, that sentence
    is told first, in the situation (the task keeps at least one sentence)."""
    situation, task = chosen["situation"], chosen["task"]
    if not situation or len(task) < 2 or not _PERSON_PRONOUN.match(situation[0].text):
        return
    first = situation[0].line
    named = [t for t in task if t.line <= first and t.person != "I"
             and _PERSON_WORD.search(t.text[1:])]
    if named:
        chosen["situation"] = [named[0], *situation]
        chosen["task"] = [t for t in task if t is not named[0]]


def with_referents(rows: list[Sentence], said: list[Sentence]) -> list[Sentence]:
    """The sentences without those that open on a pronoun whose referent is not said before
    it: "It cut..." needs the sentence just before it in the card, "They merged..." needs a
    person named earlier in the story."""
    out: list[Sentence] = []
    for sentence in rows:
        previous = out[-1] if out else None
        adjacent = previous is not None and sentence.line - 2 <= previous.line <= sentence.line
        if _THING_PRONOUN.match(sentence.text) and not adjacent \
                and not sentence.text.startswith("This led"):
            continue
        if _PERSON_PRONOUN.match(sentence.text):
            earlier = [s.text for s in [*said, *out]]
            if not any(_PERSON_WORD.search(text[1:]) for text in earlier):
                continue
        out.append(sentence)
    return out


_NO_OWNER = re.compile(r"\b(?:nobody|no one|no team)\b[^.;]{0,20}\bown(?:ed|s)\b", re.IGNORECASE)


def _borrowed_task(situation: list[Sentence], actions: list[Sentence]) -> list[Sentence]:
    """With no task sentence, the first sentence naming the scope boundary states the task."""
    return [s for s in [*situation, *actions] if "scope" in s.tags][:1]


_STEP = 5  # seconds: targets move in steps a speaker can feel


def fitted_targets(facts: Facts, targets: dict[str, int], wpm: float, limit: int) -> dict[str, int]:
    """The level's speaking targets, moved to where the notes have something to say: the cards
    whose sentences would not fit get the level's unused time (up to ``limit`` seconds in all),
    then time the other cards would not use, so a result or a lesson is not cut while the task
    has time to spare. A card gives no more than it would leave unsaid, and at most half its
    target; with nothing cut, the targets stay the level's."""
    per_second = wpm / 60 * _TOLERANCE
    everything = choose(facts, dict.fromkeys(targets, float("inf")))
    need = {name: math.ceil(sum(word_count(s.text) for s in rows) / per_second / _STEP) * _STEP
            for name, rows in everything.items()}
    short = {name: need[name] - seconds for name, seconds in targets.items()
             if need[name] > seconds}
    fitted = dict(targets)
    spare = {name: min(seconds - need[name], seconds // 2 // _STEP * _STEP)
             for name, seconds in targets.items() if need[name] and need[name] < seconds}
    free = limit - sum(targets.values())
    while short:
        if free >= _STEP:
            free -= _STEP
        else:
            donor = max(spare, key=lambda n: spare[n], default=None)
            if donor is None or spare[donor] < _STEP:
                break
            spare[donor] -= _STEP
            fitted[donor] -= _STEP
        taker = max(short, key=lambda n: short[n])  # the card with the most left unsaid
        fitted[taker] += _STEP
        short[taker] -= _STEP
        if short[taker] <= 0:
            del short[taker]
    return fitted


_JOINING_WORD = re.compile(r"(?:But|And|Also|Plus|So),?\s+(?=[\w\"“(])")  # "And then I ...": "Then I ..."
# Words that join a sentence to the one it was told after: "So I cut scope early" said after
# another sentence than its own first half leans on nothing
_LEANING_WORD = re.compile(r"(?:And|So),?\s+(?=[\w\"“(])")


def _unjoined(text: str, joining: re.Pattern[str] = _JOINING_WORD) -> str:
    """A card's first sentence without the word that joined it to one told before it ("But I
    own the OTA delivery service" opens a card as "I own the OTA delivery service")."""
    joined = joining.match(text)
    if joined is None or len(text[joined.end():].split()) < 3:
        return text
    rest = text[joined.end():]
    first = rest.split()[0]
    if first.islower() and not re.search(r"[_./]", first):  # "so nobody ..." (not "e.g.")
        rest = rest[:1].upper() + rest[1:]
    return rest if rest[:1].isupper() or rest[:1] in "\"“(" else text


def build_sections(facts: Facts, targets: dict[str, int], wpm: float) \
        -> tuple[dict[str, Any], dict[str, list[Sentence]]]:
    """The five section cards, and the sentences chosen for each."""
    budgets = {name: seconds * wpm / 60 * _TOLERANCE for name, seconds in targets.items()}
    chosen = choose(facts, budgets)
    cards: dict[str, Any] = {}
    entries = kb.sections()
    for name in ("situation", "task", "action", "result", "reflection"):
        sentences = chosen[name]
        texts = [own(s.text) if name == "action" else s.text for s in sentences]
        if texts:
            texts[0] = _unjoined(texts[0])
        for at in range(1, len(texts)):  # "So I took it." after a sentence of another line
            if not sentences[at - 1].line <= sentences[at].line <= sentences[at - 1].line + 1:
                texts[at] = _unjoined(texts[at], _LEANING_WORD)
        text = " ".join(texts) or entries.missing.for_section(name)
        entry = entries.section(name)
        phrases = [p for p in key_phrases(name, sentences) if p.lower() in text.lower()] \
            if sentences else []
        cards[name] = {
            "target_seconds": targets[name],
            "strong_example": text,
            "key_phrases": phrases or _fallback_phrase(text),
            "coaching": entry.coaching.format(seconds=targets[name]).strip(),
            "common_mistake": entry.common_mistake.strip(),
        }
    return cards, chosen
