"""Train the word models (principle and level) on a gold-annotated corpus and write them to
``pipeline/storygen/data/models/``.

    pip install -e '.[train]'
    python scripts/train_word_models.py [CORPUS ...] [--check]

CORPUS defaults to ``tests/eval``. Each ``NAME.md`` with a ``NAME.gold.yaml`` beside it is one
example: the words the drafter judges (``Facts.judged``: the title and every line it keeps, so
an injected instruction is never learnt) labelled with the gold principle or level; a gold value
of null (stated in the front matter) leaves the note out. Before writing, the script prints each
model's 5-fold cross-validated accuracy: how often it names the gold label of notes it was not
trained on, the honest figure for notes nobody has seen. ``--check`` writes nothing and exits 1
when a shipped model differs from the one the corpus trains.

Training is deterministic (the solver is, and so is the order of the notes), so a retrained
model file differs from the shipped one only where the corpus changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from storygen.drafting.extract.facts import extract_facts
from storygen.story.notes import read_notes
from storygen.story.wordmodel import WordModel, build_model, features, format_model

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "pipeline" / "storygen" / "data" / "models"
# Words and word pairs kept: the most frequent over the corpus; a feature must be in two notes.
MAX_FEATURES = 5000
MIN_NOTES = 2
C = 30.0  # inverse regularisation strength of the logistic regression


def examples(corpora: list[Path], key: str) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for corpus in corpora:
        for gold_path in sorted(corpus.glob("*.gold.yaml")):
            note = gold_path.with_name(gold_path.name.removesuffix(".gold.yaml") + ".md")
            gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
            if not note.exists() or not gold.get(key):
                continue
            texts.append(extract_facts(read_notes(note)).judged)
            labels.append(str(gold[key]))
    return texts, labels


def _fit(texts: list[str], labels: list[str]):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=features, min_df=MIN_NOTES, max_features=MAX_FEATURES,
                                 sublinear_tf=True)
    classifier = LogisticRegression(C=C, max_iter=5000)
    classifier.fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, classifier


def cross_validated(texts: list[str], labels: list[str], folds: int = 5) -> float:
    """The share of notes whose label a model trained on the other folds names."""
    right = 0
    for fold in range(folds):
        train = [i for i in range(len(texts)) if i % folds != fold]
        test = [i for i in range(len(texts)) if i % folds == fold]
        vectorizer, classifier = _fit([texts[i] for i in train], [labels[i] for i in train])
        guesses = classifier.predict(vectorizer.transform([texts[i] for i in test]))
        right += sum(guess == labels[i] for guess, i in zip(guesses, test, strict=True))
    return right / len(texts)


def train(texts: list[str], labels: list[str]) -> WordModel:
    vectorizer, classifier = _fit(texts, labels)
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
    for key in ("principle", "level"):
        texts, labels = examples(args.corpus, key)
        accuracy = cross_validated(texts, labels)
        print(f"{key}: {len(texts)} notes, {len(set(labels))} labels, "
              f"5-fold cross-validated accuracy {accuracy:.3f}")
        text = format_model(train(texts, labels))
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
