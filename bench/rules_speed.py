"""Time of the rules on one story, in-process, and the whole-process validate throughput.

    python bench/rules_speed.py [--runs 2000] [--throughput-files 1000]

Prints the median time to run all rules on the reference story (parsed once, notes read
once, as in a validate run over many files), then runs bench/validate_throughput.py.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "fixtures" / "reference.story.yaml"


def time_rules(runs: int) -> tuple[float, float, int]:
    """Median and 95th percentile (ms) of check_story on the reference, and its finding count."""
    from storygen.checks.rules.base import numbers, sentences
    from storygen.checks.rules.engine import check_story
    from storygen.story.loader import load_story_source
    from storygen.story.schema_check import schema_findings

    source = load_story_source(REFERENCE)
    _, story = schema_findings(source)
    findings, _ = check_story(source, story)
    samples = []
    for _ in range(runs):
        sentences.cache_clear()  # measure the text work too, not only cache hits
        numbers.cache_clear()
        start = time.perf_counter()
        check_story(source, story)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)], len(findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--throughput-files", type=int, default=1000)
    parser.add_argument("--throughput-runs", type=int, default=3)
    args = parser.parse_args()
    median, p95, count = time_rules(args.runs)
    print(f"rules on one story (in-process, {args.runs} runs, {count} findings): "
          f"median {median:.3f} ms, p95 {p95:.3f} ms (goal: under 2 ms)")
    throughput = ROOT / "bench" / "validate_throughput.py"
    if not throughput.exists():
        print("bench/validate_throughput.py not found: whole-process figures skipped")
        return
    print("whole process (bench/validate_throughput.py, rules on):", flush=True)
    subprocess.run([sys.executable, str(throughput), "--files", str(args.throughput_files),
                    "--runs", str(args.throughput_runs)], check=True)


if __name__ == "__main__":
    main()
