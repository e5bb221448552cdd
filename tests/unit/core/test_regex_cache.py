"""The on-disk regex cache: a second run reads the patterns a first run compiled, matches
exactly as Python's own compile does, and a torn, foreign or unwritable cache changes nothing
but speed. Each case runs in a fresh interpreter, so the hook never reaches the test process."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

from ...conftest import ROOT

PROBE = r"""
import json, os, re, sys
from pathlib import Path
from storygen.core import regex_cache
regex_cache.MAX_ENTRIES = int(os.environ.get("PROBE_MAX_ENTRIES", regex_cache.MAX_ENTRIES))
cache = regex_cache.enable(Path(sys.argv[1]))
patterns = [
    (r"(?P<verb>[a-z]+ed)\s+(?P<what>the \w+)", 0, "I rolled back the flag"),
    (r"p99\s*(?:was\s+)?(\d+)\s*ms", re.IGNORECASE, "P99 was 850 ms, now 210ms"),
    (r"(?:café|naïve)\b", 0, "a naïve café"),
]
out = []
for pattern, flags, text in patterns:
    compiled = re.compile(pattern, flags)
    found = compiled.search(text)
    out.append([compiled.groupindex.get("verb"), compiled.groups, compiled.flags,
                found.group(0) if found else None, compiled.findall(text)])
# drafting a note compiles its ~1,500 patterns through the cache
from storygen.story.notes import parse_notes
from storygen.drafting.extract.facts import extract_facts
facts = extract_facts(parse_notes("## What I did\n- profiled the endpoint, found an N+1 query\n"))
print(json.dumps({"out": out, "hits": cache.hits if cache else -1,
                  "misses": cache.misses if cache else -1,
                  "action": [s.text for s in facts.sentences if s.section == "action"]}))
"""


def run(cache: Path, **env: str) -> dict:
    environ = {key: value for key, value in os.environ.items()
               if key != "STORYGEN_NO_REGEX_CACHE"}
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "pipeline"),
                                             os.environ.get("PYTHONPATH", "")])
    environ.update(env)
    done = subprocess.run([sys.executable, "-c", PROBE, str(cache)], capture_output=True,
                          text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_a_second_run_reads_every_pattern_the_first_compiled(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "regex.bin"
    first = run(cache)
    assert cache.is_file() and first["misses"] > 1000  # the drafter's patterns, compiled once
    second = run(cache)
    # (a few patterns other libraries build from sets come in a new order each run)
    assert second["misses"] <= 3 and second["hits"] >= first["misses"] - 3
    # the same matches, groups and flags either way, and the same draft
    assert second["out"] == first["out"]
    assert second["action"] == first["action"] == ["I profiled the endpoint, found an N+1 query."]


def test_patterns_match_as_without_the_cache(tmp_path: Path) -> None:
    cached = run(tmp_path / "regex.bin")
    cached = run(tmp_path / "regex.bin")  # now read from the file
    plain = run(tmp_path / "other.bin", STORYGEN_NO_REGEX_CACHE="1")
    assert plain["hits"] == -1  # turned off: Python compiles every pattern itself
    assert not (tmp_path / "other.bin").exists()
    assert cached["out"] == plain["out"]
    assert cached["action"] == plain["action"]


def test_a_torn_or_foreign_cache_is_ignored_and_written_again(tmp_path: Path) -> None:
    cache = tmp_path / "regex.bin"
    run(cache)
    whole = cache.read_bytes()
    for bad in (whole[: len(whole) // 2], b"not a cache at all", b"",
                whole[:40] + bytes([whole[40] ^ 0xFF]) + whole[41:]):
        cache.write_bytes(bad)
        again = run(cache)
        assert again["misses"] > 1000  # nothing read from it: every pattern compiled again
        assert again["action"] == ["I profiled the endpoint, found an N+1 query."]
        assert cache.read_bytes() != bad  # rewritten whole, never left torn
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left beside it


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    result = run(blocker / "regex.bin")
    assert result["action"] == ["I profiled the endpoint, found an N+1 query."]
    assert blocker.read_text(encoding="utf-8") == "a file where the cache folder would go"


def test_the_cli_keeps_its_cache_in_the_user_cache_folder(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("## What I did\n- profiled the endpoint, found an N+1 query\n",
                     encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "pipeline"), os.environ.get("PYTHONPATH", "")])}
    env.pop("STORYGEN_NO_REGEX_CACHE", None)
    probe = "import sys; from storygen.cli.main import main; sys.argv[0] = 'storygen'; main()"
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", probe, "draft", str(notes), "-o", "-"],
                              capture_output=True, text=True, env=env, check=False, cwd=tmp_path)
        assert "Traceback" not in done.stderr
        assert "I profiled the endpoint" in done.stdout
    kept = list((tmp_path / "xdg" / "storygen").glob("regex-*.bin"))
    assert len(kept) == 1 and kept[0].stat().st_size > 100_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "xdg"]  # nothing else


def test_the_cache_keeps_at_most_its_bound_first_used_first(tmp_path: Path) -> None:
    cache = tmp_path / "regex.bin"
    first = run(cache)
    held = len(marshal.loads(cache.read_bytes()[30:]))
    assert held >= first["misses"] > 1000
    run(cache, PROBE_MAX_ENTRIES="300")  # a run that finds more than it may keep trims it
    kept = marshal.loads(cache.read_bytes()[30:])
    assert len(kept) == 300
    # what the drafter compiles first on every run stays: the next run reads those
    again = run(cache)
    assert again["hits"] >= 300 and again["action"] == first["action"]
