"""``storygen eval`` as a user runs it: gold files, output formats, baselines and thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygen.core.errors import InputError
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.gold import load_gold
from storygen.drafting.llm import drafter
from storygen.story.notes import read_notes
from tests.fakes.chat_model import FakeChatModel, replies_from_story

NOTES = """I profiled the order service with async-profiler and found 850ms GC pauses.
We moved the jobs to AWS Batch.
The p99 went from 850ms to 210ms.
"""
GOLD = """principle: Dive Deep
level: SDE2
facts:
  - {text: "async-profiler", sections: [action]}
  - {text: "from 850ms to 210ms", sections: [result]}
figures: ["850ms", "210ms"]
we_only: ["moved the jobs to AWS Batch"]
forbidden: []
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "latency.md").write_text(NOTES, encoding="utf-8")
    (folder / "latency.gold.yaml").write_text(GOLD, encoding="utf-8")
    (folder / "no-gold.md").write_text("I did a thing.\n", encoding="utf-8")
    return folder


def run_json(cli, *args: object) -> tuple[int, dict]:
    result = cli("eval", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_json_report_scores_only_notes_with_a_gold_file_and_writes_nothing(cli, corpus) -> None:
    before = sorted(p.name for p in corpus.iterdir())
    code, report = run_json(cli, corpus)
    assert code == 0
    assert [s["name"] for s in report["stories"]] == ["latency"]
    summary = report["summary"]
    assert summary["notes"] == 1 and summary["facts"] == 2
    assert summary["invented"] == 0 and summary["forbidden"] == 0 and summary["we_to_i"] == 0
    assert report["drafter"] == "offline"
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_text_report_is_a_table_and_a_summary_line(cli, corpus) -> None:
    result = cli("eval", corpus)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["notes", "placed", "mis"]
    assert lines[1].startswith("latency ")
    assert lines[-1].startswith("1 note, placement ")
    assert "invented 0" in lines[-1] and "we->I 0" in lines[-1]


def test_save_then_baseline_passes_and_a_worse_metric_exits_1(cli, corpus, tmp_path) -> None:
    saved = tmp_path / "metrics.json"
    assert cli("eval", corpus, "--save", saved).exit_code == 0
    assert json.loads(saved.read_text())["summary"]["notes"] == 1
    same = cli("eval", corpus, "--baseline", saved)
    assert same.exit_code == 0, same.output
    assert "baseline placement:" in same.stdout and "WORSE" not in same.stdout
    better = json.loads(saved.read_text())
    better["summary"]["placement"] = 1.5
    better["summary"]["dropped"] = -1
    saved.write_text(json.dumps(better))
    worse = cli("eval", corpus, "--baseline", saved)
    assert worse.exit_code == 1
    assert "baseline placement:" in worse.stdout and "WORSE" in worse.stdout
    code, report = run_json(cli, corpus, "--baseline", saved)
    assert code == 1
    assert report["baseline"]["placement"]["worse"] is True
    assert report["baseline"]["invented"]["worse"] is False


def test_require_thresholds_exit_1_when_one_is_not_met(cli, corpus) -> None:
    assert cli("eval", corpus, "--require", "invented<=0", "--require",
               "placement>=0").exit_code == 0
    failed = cli("eval", corpus, "--require", "placement>=1.01")
    assert failed.exit_code == 1
    assert "not met: placement>=1.01" in failed.stdout


def test_fail_under_reads_each_metric_in_its_own_direction(cli, corpus) -> None:
    """placement=VALUE needs at least VALUE; invented=VALUE needs at most VALUE."""
    assert cli("eval", corpus, "--fail-under", "placement=0",
               "--fail-under", "invented=0").exit_code == 0
    failed = cli("eval", corpus, "--fail-under", "placement=1.01")
    assert failed.exit_code == 1
    assert "not met: placement>=1.01" in failed.stdout
    failed = cli("eval", corpus, "--fail-under", "errors=-1")
    assert failed.exit_code == 1
    assert "not met: errors<=-1" in failed.stdout


@pytest.mark.parametrize("text", ["speed=3", "placement", "placement=high", "placement=nan"])
def test_a_bad_fail_under_is_a_usage_error(cli, corpus, text: str) -> None:
    result = cli("eval", corpus, "--fail-under", text)
    assert result.exit_code == 2
    assert "METRIC=VALUE" in result.stderr


def test_a_bad_requirement_is_a_usage_error(cli, corpus) -> None:
    result = cli("eval", corpus, "--require", "speed>=3")
    assert result.exit_code == 2
    assert "METRIC>=VALUE" in result.stderr


@pytest.mark.parametrize(("gold", "line", "message"), [
    (GOLD.replace("figures:", "figurez:"), 6, "figurez: Extra inputs are not permitted"),
    (GOLD.replace("sections: [result]", "sections: [outcome]"), 5, "facts.1.sections.0"),
    (GOLD.replace("principle: Dive Deep", "principle: Deep Diving"), 1,
     "unknown Leadership Principle"),
    (GOLD.replace('"from 850ms to 210ms"', '"from 900ms to 210ms"'), 5, "is not in the notes"),
    (GOLD.replace("level: SDE2\n", "level: [SDE2\n"), None, "not valid YAML"),
])
def test_a_bad_gold_file_exits_2_naming_the_file_and_line(cli, corpus, gold, line,
                                                          message) -> None:
    path = corpus / "latency.gold.yaml"
    path.write_text(gold, encoding="utf-8")
    result = cli("eval", corpus)
    assert result.exit_code == 2
    assert result.stdout == ""
    error = result.stderr.strip()
    assert len(error.splitlines()) == 1
    assert error.startswith(f"storygen: error: {path}:")
    if line is not None:
        assert error.startswith(f"storygen: error: {path}:{line}: ")
    assert message in error


def test_gold_without_the_principle_key_is_rejected(tmp_path) -> None:
    path = tmp_path / "x.gold.yaml"
    path.write_text("facts: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="principle: Field required"):
        load_gold(path)


def test_a_folder_without_gold_files_exits_2(cli, tmp_path) -> None:
    (tmp_path / "a.md").write_text("I did a thing.\n", encoding="utf-8")
    result = cli("eval", tmp_path)
    assert result.exit_code == 2
    assert "no NAME.md with a NAME.gold.yaml" in result.stderr


def test_an_unreadable_baseline_exits_2(cli, corpus, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = cli("eval", corpus, "--baseline", bad)
    assert result.exit_code == 2
    assert "not a metrics file" in result.stderr


def test_model_drafts_are_scored_the_same_way(cli, corpus, monkeypatch, tmp_path) -> None:
    notes = read_notes(corpus / "latency.md")
    model = FakeChatModel(defaults=replies_from_story(draft_offline(notes, extract_facts(notes))),
                          rejects=["json_schema"])

    def build(options: object, cache: object = None) -> FakeChatModel:
        model.cache = cache if cache is not None else False
        return model

    monkeypatch.setattr(drafter, "build_chat_model", build)
    monkeypatch.setenv("STORYGEN_CACHE_DIR", str(tmp_path / "cache"))
    before = sorted(p.name for p in corpus.iterdir())
    code, report = run_json(cli, corpus, "--model", "openai:fake", "--no-cache")
    assert code == 0
    assert report["drafter"] == "openai:fake"
    assert model.history, "the model was never asked"
    assert report["summary"]["notes"] == 1 and report["summary"]["invented"] == 0
    assert sorted(p.name for p in corpus.iterdir()) == before
