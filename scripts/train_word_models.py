"""Train the word models (principle, level and placement) on a gold-annotated corpus and write
them to ``pipeline/storygen/data/models/``.

    pip install -e '.[train]'
    python scripts/train_word_models.py [CORPUS ...] [--check]

CORPUS defaults to ``tests/eval``. Each ``NAME.md`` with a ``NAME.gold.yaml`` beside it is one
example: the words the drafter judges (``Facts.judged``: the title and every line it keeps, so
an injected instruction is never learnt) labelled with the gold principle or level; a gold value
of null takes the one the note's front matter states (the words below it are learnt, never the
front matter itself); the level model also weighs the reach
of the work (``facts.level_features``). For placement, each sentence the
rules place (``extract_facts(..., learned=False)``) that holds a gold fact is one example: its
features (``storygen.drafting.extract.placing.features``) labelled with the card the gold puts
the fact in (the rules' card when the gold allows it). Before writing, the script prints each
model's 5-fold cross-validated accuracy: how often it names the gold label of notes it was not
trained on, the honest figure for notes nobody has seen; for placement, beside the share of
sentences the rules alone place right. ``--check`` writes nothing and exits 1
when a shipped model differs from the one the corpus trains.

Training is deterministic (the solver is, and so is the order of the notes), so a retrained
model file differs from the shipped one only where the corpus changed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.drafting.evaluate import plain_fold
from storygen.drafting.extract import placing
from storygen.drafting.extract.facts import extract_facts, level_features
from storygen.drafting.gold import find_cases, load_gold
from storygen.story.notes import read_notes
from storygen.story.wordmodel import WordModel, build_model, features, format_model

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "pipeline" / "storygen" / "data" / "models"
# Words and word pairs kept: the most frequent over the corpus; a feature must be in two notes.
MAX_FEATURES = 5000
# The placement model's: its sentences are many more than the notes, and cross-validated by batch
# of writers it reads notes it has not seen better with more of their words (0.937 against 0.933)
PLACEMENT_FEATURES = 20000
MIN_NOTES = 2
C = 30.0  # inverse regularisation strength of the logistic regression
PLACEMENT_C = 10.0  # the placement model's: many more examples, each a single sentence


@dataclass(slots=True)
class Corpus:
    """What the models learn from: for principle and level, each note's judged words and its
    gold label; for placement, each sentence holding a gold fact, its features, the cards the
    gold allows and the card the rules chose."""

    judged: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)
    sentences: list[tuple[list[str], frozenset[str], str, str]] = field(default_factory=list)


def read_corpus(corpora: list[Path]) -> Corpus:
    corpus = Corpus({"principle": [], "level": []})
    for root in corpora:
        for name, note, gold_path in find_cases(root):
            notes = read_notes(note)
            gold = load_gold(gold_path, notes.text)
            facts = extract_facts(notes, learned=False)
            blocks = {block.line: block for block in notes.blocks}
            steps = placing.writers_steps(facts.sentences)
            # a label the front matter states (the gold is null then) is the notes' own
            principle = str(gold.principle or "") or notes.meta.get("principle")
            level = str(gold.level or "") or notes.meta.get("level")
            if principle:
                corpus.judged["principle"].append((facts.judged, principle))
            if level:  # the level model also weighs the reach of the work
                corpus.judged["level"].append((level_features(facts.judged, facts.reach),
                                               level))
            for index, sentence in enumerate(facts.sentences):
                said = {plain_fold(sentence.source), plain_fold(sentence.text)}
                cards = [frozenset(c.value for c in fact.sections) for fact in gold.facts
                         if any(plain_fold(fact.text) in text for text in said)]
                if cards:  # the cards every gold fact it holds allows; a step joined with
                    # what it found ("I pulled the logs: 62% were retries") is in either
                    allowed = frozenset.intersection(*cards) or frozenset.union(*cards)
                    corpus.sentences.append((placing.features(facts.sentences, index, blocks,
                                                              steps),
                                             allowed,
                                             sentence.section, f"{root}/{name}"))
    return corpus


def _fit(docs: Sequence[Any], labels: Sequence[str], analyzer: Any = features,  # type: ignore[no-untyped-def]
         c: float = C, max_features: int = MAX_FEATURES):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=analyzer, min_df=MIN_NOTES, max_features=max_features,
                                 sublinear_tf=True)
    classifier = LogisticRegression(C=c, max_iter=5000)
    classifier.fit(vectorizer.fit_transform(docs), labels)
    return vectorizer, classifier


def cross_validated(texts: list[Any], labels: list[str], folds: int = 5,
                    analyzer: Any = features) -> float:
    """The share of notes whose label a model trained on the other folds names."""
    right = 0
    for fold in range(folds):
        train = [i for i in range(len(texts)) if i % folds != fold]
        test = [i for i in range(len(texts)) if i % folds == fold]
        vectorizer, classifier = _fit([texts[i] for i in train], [labels[i] for i in train],
                                      analyzer)
        guesses = classifier.predict(vectorizer.transform([texts[i] for i in test]))
        right += sum(guess == labels[i] for guess, i in zip(guesses, test, strict=True))
    return right / len(texts)


def _target(allowed: frozenset[str], rule: str) -> str:
    """The card a sentence is taught: the rules' card when the gold allows it, else the first
    the gold allows."""
    return rule if rule in allowed else sorted(allowed)[0]


def placement_cross_validated(corpus: Corpus, folds: int = 5) -> tuple[float, float]:
    """The share of sentences the rules alone, and the model trained on other notes' sentences,
    put in a card their gold allows (folds split by batch of notes, so a note, or a note by the
    same writer, is never in both)."""
    rows = corpus.sentences
    batches = sorted({_batch(row[3]) for row in rows})
    fold_of = {batch: i % folds for i, batch in enumerate(batches)}
    right = 0
    for fold in range(folds):
        train = [row for row in rows if fold_of[_batch(row[3])] != fold]
        test = [row for row in rows if fold_of[_batch(row[3])] == fold]
        vectorizer, classifier = _fit([row[0] for row in train],
                                      [_target(row[1], row[2]) for row in train], _as_is, PLACEMENT_C,
                                      PLACEMENT_FEATURES)
        guesses = classifier.predict(vectorizer.transform([row[0] for row in test]))
        right += sum(guess in row[1] for guess, row in zip(guesses, test, strict=True))
    rules = sum(row[2] in row[1] for row in rows)
    return rules / len(rows), right / len(rows)


def _batch(note: str) -> str:
    """The batch a note was written in: notes that one writer wrote together share the first
    word of their names ("bhx-..."), and are kept in one fold, so the score is that of notes
    from writers the model has not read."""
    name = note.rsplit("/", 1)[-1]
    match = re.match(r"(b[a-z]{2})-", name)
    return match.group(1) if match else name


def _as_is(doc: list[str]) -> list[str]:
    return doc


def train(docs: Sequence[Any], labels: Sequence[str], analyzer: Any = features,
          c: float = C, max_features: int = MAX_FEATURES) -> WordModel:
    vectorizer, classifier = _fit(docs, labels, analyzer, c, max_features)
    vocabulary = vectorizer.vocabulary_
    idf = {feature: float(vectorizer.idf_[index]) for feature, index in vocabulary.items()}
    weights = {feature: [float(w) for w in classifier.coef_[:, index]]
               for feature, index in vocabulary.items()}
    return build_model([str(c) for c in classifier.classes_],
                       [float(b) for b in classifier.intercept_], idf, weights)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[ROOT / "tests" / "eval"])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a shipped model is not the one trained")
    args = parser.parse_args(argv)
    stale = []
    corpus = read_corpus(args.corpus)
    models = {}
    for key in ("principle", "level"):
        texts, labels = [t for t, _ in corpus.judged[key]], [v for _, v in corpus.judged[key]]
        analyzer = _as_is if key == "level" else features  # level: words and reach, listed
        accuracy = cross_validated(texts, labels, analyzer=analyzer)
        print(f"{key}: {len(texts)} notes, {len(set(labels))} labels, "
              f"5-fold cross-validated accuracy {accuracy:.3f}")
        models[key] = train(texts, labels, analyzer)
    rules, learned = placement_cross_validated(corpus)
    rows = corpus.sentences
    print(f"placement: {len(rows)} sentences holding a gold fact, right by the rules alone "
          f"{rules:.3f}, by the model 5-fold cross-validated {learned:.3f}")
    models[placing.MODEL] = train([row[0] for row in rows],
                                  [_target(row[1], row[2]) for row in rows], _as_is, PLACEMENT_C,
                                  PLACEMENT_FEATURES)
    for key, model in models.items():
        text = format_model(model)
        path = MODELS / f"{key}.tsv"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        MODELS.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"  wrote {path.relative_to(ROOT)} ({len(text.encode()) // 1024} KiB)")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is not the model the corpus trains: retrain it",
              file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
