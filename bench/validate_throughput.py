"""Whole-process time of `storygen validate` (schema + rules) against `check-jsonschema`
(schema only) on the same 1,000 story files. Prints both medians and their ratio.

    python bench/validate_throughput.py [--files 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "fixtures" / "reference.story.yaml"
SCHEMA = ROOT / "schemas" / "story.schema.json"


def make_workspace(folder: Path, count: int) -> list[Path]:
    """A stories repo: raw_notes/ for GRD001, storygen.toml as its root, N stories."""
    (folder / "raw_notes").mkdir(parents=True)
    shutil.copy(ROOT / "raw_notes" / "webhook-dlq.md", folder / "raw_notes" / "webhook-dlq.md")
    (folder / "storygen.toml").write_text("")
    text = REFERENCE.read_text(encoding="utf-8")
    stories = folder / "generated"
    stories.mkdir()
    paths = []
    for i in range(count):
        path = stories / f"story-{i:04d}.story.yaml"
        path.write_text(text.replace("id: webhook-dlq-alerting", f"id: story-{i:04d}", 1),
                        encoding="utf-8")
        paths.append(path)
    return paths


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    storygen = [str(bindir / "storygen"), "validate", "generated"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_workspace(folder, args.files)
        checker = [str(bindir / "check-jsonschema"), "--schemafile", str(SCHEMA),
                   *(str(p.relative_to(folder)) for p in paths)]
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(timed(storygen, folder))
            theirs.append(timed(checker, folder))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"files: {args.files}, runs: {args.runs}")
    print(f"storygen validate (schema + rules): median {a:.3f} s  "
          f"({a / args.files * 1000:.2f} ms/file)")
    print(f"check-jsonschema (schema only):     median {b:.3f} s  "
          f"({b / args.files * 1000:.2f} ms/file)")
    print(f"ratio storygen/check-jsonschema: {a / b:.2f} (goal: below 1.0)")


if __name__ == "__main__":
    main()
