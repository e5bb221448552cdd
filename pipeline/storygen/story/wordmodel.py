"""Word models: a story's principle and level read from all of its words at once.

Cue phrases (``storygen.story.judge``) name what a story is about when the notes use the words
the cue lists hold; notes written in other words slip past them. A word model weighs every word
and word pair of the notes against what the gold-annotated corpus (``tests/eval``) says stories
with those words are about: a linear classifier over TF-IDF features, trained by
``scripts/train_word_models.py`` and shipped as a text file in ``data/models/``. Reading it takes
no library: the features are counted here exactly as the training script counts them.

A model file is tab-separated: ``@classes`` and ``@intercept`` lines, then one line a feature:
the feature, its inverse document frequency and its weight for each class.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

# A word: letters and digits, with an inner apostrophe ("didn't"); a word holding a digit is
# read as its shape ("850ms" -> "0ms", "2024" -> "0"), so no figure is learnt as a word.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_DIGITS = re.compile(r"\d+")
_QUOTES = str.maketrans({"’": "'", "‘": "'"})


def words(text: str) -> list[str]:
    """The words of ``text``, lower case: two letters or more, or a number's shape."""
    out = []
    for word in _WORD.findall(text.translate(_QUOTES).lower()):
        if any(c.isdigit() for c in word):
            word = _DIGITS.sub("0", word)
        elif len(word) < 2:
            continue
        out.append(word)
    return out


def features(text: str) -> list[str]:
    """The words of ``text`` and every pair of neighbouring words, in order: what a model
    counts."""
    said = words(text)
    return said + [f"{a} {b}" for a, b in zip(said, said[1:], strict=False)]


@dataclass(frozen=True, slots=True)
class WordModel:
    """A linear classifier over sublinear TF-IDF features, L2-normalised. ``rows`` holds each
    feature's inverse document frequency and weights as the file gives them: a note uses a
    few hundred of the thousands of features, so only those are read as numbers."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    rows: dict[str, str]

    def row(self, feature: str) -> tuple[float, tuple[float, ...]]:
        """A feature's inverse document frequency and its weight for each class."""
        values = [float(v) for v in self.rows[feature].split("\t")]
        return values[0], tuple(values[1:])

    def knows(self, text: str) -> bool:
        """Whether ``text`` has any feature the model weighs."""
        return any(f in self.rows for f in features(text))

    def probabilities(self, text: str) -> dict[str, float]:
        """Each class -> its probability for ``text`` (they sum to 1)."""
        return self.weigh(features(text))

    def weigh(self, counted: Iterable[str]) -> dict[str, float]:
        """Each class -> its probability for a list of features (words, word pairs and any
        other feature the model was trained on), counted as the training script counts them."""
        counts = Counter(f for f in counted if f in self.rows)
        values = []
        for feature, n in counts.items():
            idf, weights = self.row(feature)
            values.append(((1.0 + math.log(n)) * idf, weights))
        norm = math.sqrt(sum(v * v for v, _ in values)) or 1.0
        scores = list(self.intercept)
        for value, weights in values:
            for index, weight in enumerate(weights):
                scores[index] += weight * value / norm
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps, strict=True)}


def parse_model(source: str) -> WordModel:
    """A model from the text of its file."""
    classes: tuple[str, ...] = ()
    intercept: tuple[float, ...] = ()
    rows: dict[str, str] = {}
    for line in source.splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition("\t")
        if head == "@classes":
            classes = tuple(rest.split("\t"))
        elif head == "@intercept":
            intercept = tuple(float(v) for v in rest.split("\t"))
        else:
            rows[head] = rest
    if not classes or len(intercept) != len(classes) or any(
            row.count("\t") != len(classes) for row in rows.values()):
        raise ValueError("a word model file needs classes, an intercept and a weight per class")
    return WordModel(classes, intercept, rows)


def build_model(classes: Sequence[str], intercept: Sequence[float],
                idf: Mapping[str, float], weights: Mapping[str, Sequence[float]]) -> WordModel:
    """A model from its numbers, rounded as its file holds them."""
    rows = {feature: "\t".join([f"{idf[feature]:.4f}", *(f"{w:.4f}" for w in weights[feature])])
            for feature in idf}
    return WordModel(tuple(classes), tuple(round(b, 4) for b in intercept), rows)


def format_model(model: WordModel) -> str:
    """The text of a model's file (features sorted, so a retrained model reads as a diff)."""
    lines = ["# storygen word model: see storygen/story/wordmodel.py",
             "@classes\t" + "\t".join(model.classes),
             "@intercept\t" + "\t".join(f"{v:.4f}" for v in model.intercept)]
    lines.extend(f"{feature}\t{model.rows[feature]}" for feature in sorted(model.rows))
    return "\n".join(lines) + "\n"


@cache
def load(name: str) -> WordModel | None:
    """The shipped model ``data/models/NAME.tsv`` (None before one is trained)."""
    path = resources.files("storygen") / "data" / "models" / f"{name}.tsv"
    if not path.is_file():
        return None
    return parse_model(path.read_text(encoding="utf-8"))
