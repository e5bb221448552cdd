"""Whole-process time of ``storygen draft`` offline: one note, and 100 notes in one command.

Run: .venv/bin/python bench/draft_offline.py [--repeat 5]

Each figure is the best and the median of several runs of a fresh ``storygen`` process, so
start-up (imports) is included, as a user feels it. Goals: one note under 0.5 s, 100 notes
under 10 s.

Python's bytecode cache is on for these runs, as it is for an installed package (the installer
writes it). Where the environment turns it off (PYTHONDONTWRITEBYTECODE), every run would
compile the package's source again; the first, warm-up run writes the cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_notes"
GOALS = {"1 note": 0.5, "100 notes": 10.0}


def storygen() -> list[str]:
    script = Path(sys.executable).with_name("storygen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "storygen"]


def timed(args: list[str]) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"storygen failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def hundred_notes(folder: Path) -> Path:
    """100 notes: the examples copied under new names until there are 100."""
    notes = folder / "notes"
    notes.mkdir()
    examples = sorted(RAW.glob("*.md"))
    for i in range(100):
        source = examples[i % len(examples)]
        shutil.copy(source, notes / f"{i:03d}-{source.name}")
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for the 100-note run")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch = hundred_notes(folder)
        runs = {
            "1 note": storygen() + ["draft", str(RAW / "webhook-dlq.md"), "--out",
                                    str(folder / "one")],
            "100 notes": storygen() + ["draft", str(batch), "--out", str(folder / "many"),
                                       "--jobs", str(options.jobs)],
        }
        timed(runs["1 note"])  # warm the file cache and the bytecode cache once
        print(f"storygen draft (offline), whole process, {options.repeat} runs each")
        for name, args in runs.items():
            times = []
            for _ in range(options.repeat):
                shutil.rmtree(folder / "one", ignore_errors=True)
                shutil.rmtree(folder / "many", ignore_errors=True)
                times.append(timed(args))
            best, median = min(times), statistics.median(times)
            verdict = "ok" if median < GOALS[name] else "over goal"
            print(f"  {name:>9}: best {best:.3f} s, median {median:.3f} s "
                  f"(goal < {GOALS[name]:.1f} s: {verdict})")


if __name__ == "__main__":
    main()
