"""Print how often ``storygen.story.judge`` names the gold principle and level of a corpus.

    python bench/judge_accuracy.py [FOLDER] [-v]      # default: tests/eval

Each note ``NAME.md`` sits next to ``NAME.gold.yaml``; a gold ``principle`` or ``level`` of null
means the front matter states it, so that note is left out of that figure. The front matter is
never shown to the judge: it reads the title and the note blocks only. ``-v`` lists every note
with its guesses and the top principle scores.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from storygen.story.judge import guess_level, guess_principle
from storygen.story.notes import parse_notes

ROOT = Path(__file__).resolve().parents[1]


def note_text(path: Path) -> tuple[str, str]:
    """The note's title and its text (title and blocks, one a line), without front matter."""
    notes = parse_notes(path.read_text(encoding="utf-8"), str(path))
    title = notes.title or ""
    return title, "\n".join([title, *(b.text for b in notes.blocks)])


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folder = Path(args[0]) if args else ROOT / "tests" / "eval"
    golds = sorted(folder.glob("*.gold.yaml"))
    if not golds:
        print(f"no *.gold.yaml files in {folder}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    guess_principle("")  # loads and compiles the knowledge file once
    loaded = time.perf_counter() - started
    right = {"principle": 0, "level": 0}
    total = {"principle": 0, "level": 0}
    elapsed = 0.0
    calls = 0
    for gold_path in golds:
        name = gold_path.name.removesuffix(".gold.yaml")
        note = folder / f"{name}.md"
        if not note.exists():
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        title, text = note_text(note)
        started = time.perf_counter()
        principle, scores = guess_principle(text, title)
        level = guess_level(text, title)
        elapsed += time.perf_counter() - started
        calls += 1
        marks = []
        for key, guess in (("principle", principle), ("level", level)):
            expected = gold.get(key)
            if expected is None:
                marks.append(f"{key}: -")
                continue
            total[key] += 1
            ok = guess == expected
            right[key] += ok
            marks.append(f"{key}: {'ok' if ok else 'MISS'} {guess!r}"
                         + ("" if ok else f" (gold {expected!r})"))
        if verbose:
            top = sorted(scores.items(), key=lambda item: -item[1])[:3]
            shown = ", ".join(f"{p} {s:.1f}" for p, s in top)
            print(f"{name:32} {' | '.join(marks)}\n{'':32} [{shown}]")
    for key in ("principle", "level"):
        share = right[key] / total[key] if total[key] else 0.0
        print(f"{key}: {right[key]}/{total[key]} right ({share:.0%})")
    if calls:
        print(f"time: {elapsed / calls * 1000:.2f} ms per note ({calls} notes), "
              f"{loaded * 1000:.0f} ms to load the cues once")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
