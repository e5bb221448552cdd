"""Whatever the input, validate, fmt, render, diff and draft end with a documented exit code
(0, 1 or 2) and never with an internal error or an uncaught exception."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storygen.cli.main import app
from tests.conftest import FIXTURES, REFERENCE

REF = REFERENCE.read_text(encoding="utf-8")
NOTES = (FIXTURES / "notes" / "figures.md").read_text(encoding="utf-8")
CONTROLS = "".join(map(chr, range(0x20))) + "\x7f\x85\x9b\u2028\u202e\ufeff"
YAMLISH = ":-?[]{},#&*!|>'\"%@` \n\t" + "abc019" + CONTROLS


def _mutated(base: str) -> st.SearchStrategy[str]:
    """``base`` with a slice replaced by YAML-ish text."""
    return st.tuples(st.integers(0, len(base)), st.integers(0, 200),
                     st.text(YAMLISH, max_size=60)).map(
        lambda t: base[:t[0]] + t[2] + base[t[0] + t[1]:])


def _deep(opening: str, closing: str) -> st.SearchStrategy[str]:
    return st.integers(50, 5000).map(lambda n: "a: " + opening * n + closing * n + "\n")


HOSTILE_TEXT = st.one_of(
    _mutated(REF),
    st.text(YAMLISH, max_size=300),
    _deep("[", "]"), _deep("{", "}"),
    st.integers(50, 3000).map(lambda n: "a:\n" + "".join(" " * i + "- \n" for i in range(n))),
    st.integers(4000, 9000).map(lambda n: REF.replace("target_seconds: 30",
                                                      f"target_seconds: {'7' * n}", 1)),
    st.text(st.sampled_from(CONTROLS), min_size=1, max_size=50).map(
        lambda c: REF.replace("company: Amazon", f"company: \"{c.encode('unicode_escape').decode()}\"", 1)),
)
HOSTILE_BYTES = st.one_of(st.binary(max_size=400), HOSTILE_TEXT.map(lambda t: t.encode("utf-8",
                                                                                      "replace")))
HOSTILE_NOTES = st.one_of(
    _mutated(NOTES), st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    st.integers(4000, 6000).map(lambda n: f"---\nid: {'1' * n}\n---\n{NOTES}"),
    st.integers(10, 3000).map(lambda n: "---\nprinciple: " + "[" * n + "]" * n + "\n---\n" + NOTES),
    st.text(YAMLISH, max_size=200).map(lambda t: "---\n" + t + "\n---\n" + NOTES),
)

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RUNNER = CliRunner()


def _invoke(*args: str | Path):
    result = RUNNER.invoke(app, [str(a) for a in args])
    output = result.stdout + result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {type(result.exception).__name__}: {result.exception}")
    assert "internal error" not in output and "Traceback" not in output, (args, output[-500:])
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, output[-500:])
    return result


def _in_workspace(check):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        here = os.getcwd()
        os.chdir(root)
        try:
            check(root)
        finally:
            os.chdir(here)


@FUZZ
@given(content=HOSTILE_BYTES)
def test_story_commands_survive_hostile_stories(content: bytes) -> None:
    def check(root: Path) -> None:
        story = root / "s.story.yaml"
        story.write_bytes(content)
        (root / "good.story.yaml").write_text(REF, encoding="utf-8")
        before = story.read_bytes()
        _invoke("validate", story)
        _invoke("validate", "--format", "json", story)
        _invoke("render", story)
        _invoke("render", "-f", "md", story)
        _invoke("diff", root / "good.story.yaml", story)
        _invoke("diff", "s.story.yaml", root / "good.story.yaml", "0" * 40, "100644", story,
                "1" * 40, "100644")
        result = _invoke("fmt", story)
        if result.exit_code != 0:
            assert story.read_bytes() == before  # nothing half-written

    _in_workspace(check)


@FUZZ
@given(text=HOSTILE_NOTES)
def test_draft_survives_hostile_notes(text: str) -> None:
    def check(root: Path) -> None:
        notes = root / "n.md"
        notes.write_text(text, encoding="utf-8", errors="surrogatepass")
        _invoke("draft", notes)
        _invoke("facts", notes)
        leftovers = [p.name for p in (root / "generated").glob(".*.tmp")] \
            if (root / "generated").is_dir() else []
        assert not leftovers

    _in_workspace(check)
