"""``storygen draft`` and ``storygen status`` as a user runs them: exit codes, safe writes, --ask."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from storygen.core.errors import ProviderError
from storygen.drafting import run
from storygen.drafting.llm.options import ModelDraft
from storygen.story.canonical import content_sha256, dump

from ...conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"


def story(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_clean_notes_exit_0_and_write_a_canonical_story_with_provenance(cli, tmp_path) -> None:
    result = cli("draft", ROOT / "raw_notes" / "webhook-dlq.md", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "webhook-dlq.story.yaml"
    assert f"wrote {path}" in result.stdout
    text = path.read_text(encoding="utf-8")
    data = story(path)
    assert dump(data) == text
    notes = (ROOT / "raw_notes" / "webhook-dlq.md").read_bytes()
    fields = data["provenance"].pop("fields")
    assert data["provenance"] == {
        "notes": os.path.relpath(ROOT / "raw_notes" / "webhook-dlq.md", tmp_path.resolve()),
        "notes_sha256": hashlib.sha256(notes).hexdigest(),
        "drafter": "offline", "schema_version": 1, "output_sha256": content_sha256(data)}
    example = data["sections"]["action"]["strong_example"]
    assert fields["/sections/action/strong_example"] == \
        hashlib.sha256(example.encode("utf-8")).hexdigest()[:12]
    assert fields["/sections/action/key_phrases"] and "/provenance/notes" not in fields
    assert "2 sentences say \"we\"" in result.stdout


def test_notes_that_lack_something_exit_1_and_still_write_the_story(cli, tmp_path) -> None:
    result = cli("draft", NOTES / "no-figures.md", "-o", tmp_path)
    assert result.exit_code == 1
    assert (tmp_path / "no-figures.story.yaml").is_file()
    assert "QNT001" in result.stdout
    assert "Your notes give no figure for the result: what changed, from what to what?" \
        in result.stdout


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00binary", b"", b"caf\xe9"])
def test_unreadable_notes_exit_2_with_one_line_and_write_nothing(cli, tmp_path, content) -> None:
    notes = tmp_path / "bad.md"
    if content is not None:
        notes.write_bytes(content)
    out = tmp_path / "out"
    result = cli("draft", notes, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("storygen: error: ")
    assert not out.exists()


def test_default_output_is_generated_at_the_repository_root(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "raw_notes").mkdir()
    shutil.copy(NOTES / "labels.md", tmp_path / "raw_notes" / "labels.md")
    monkeypatch.chdir(tmp_path / "raw_notes")
    result = cli("draft", "labels.md")
    assert result.exit_code == 0, result.output
    written = tmp_path / "generated" / "labels.story.yaml"
    assert story(written)["provenance"]["notes"] == "raw_notes/labels.md"


def test_a_story_not_written_by_the_drafter_is_not_replaced(cli, tmp_path) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "reference.story.yaml",
                tmp_path / "webhook-dlq.story.yaml")
    result = cli("draft", ROOT / "raw_notes" / "webhook-dlq.md", "-o", tmp_path)
    assert result.exit_code == 2 and "no provenance.output_sha256" in result.stderr


def test_a_crash_mid_write_leaves_the_old_file(cli, tmp_path, monkeypatch) -> None:
    notes = tmp_path / "labels.md"
    shutil.copy(NOTES / "labels.md", notes)
    cli("draft", notes, "-o", tmp_path)
    path = tmp_path / "labels.story.yaml"
    before = path.read_bytes()
    notes.write_text(notes.read_text("utf-8") + "\n- added a dashboard for sync lag\n", "utf-8")

    def crash(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = cli("draft", notes, "-o", tmp_path)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.md", "labels.story.yaml"]


def test_ask_appends_answers_under_answers_and_drafts_again(cli, tmp_path) -> None:
    notes = tmp_path / "onboarding.md"
    shutil.copy(NOTES / "no-figures.md", notes)
    answers = "nobody asked me to fix the onboarding doc\n" \
              "first changes shipped in 2 days instead of 10 days\n\n\n\n\n"
    result = cli("draft", notes, "-o", tmp_path, "--ask", input=answers)
    text = notes.read_text(encoding="utf-8")
    assert "\n## Answers\n\n### Task\n<!-- Your notes do not say why" in text
    assert "### Result\n<!-- Your notes give no figure" in text
    assert text.endswith("first changes shipped in 2 days instead of 10 days\n")
    drafted = story(tmp_path / "onboarding.story.yaml")
    assert "2 days" in drafted["sections"]["result"]["strong_example"]
    assert "Nobody asked me" in drafted["sections"]["task"]["strong_example"]
    assert "added 2 answers" in result.stdout
    assert drafted["provenance"]["notes_sha256"] == hashlib.sha256(
        text.encode("utf-8")).hexdigest()


def test_ask_works_where_the_click_distribution_is_not_installed(tmp_path) -> None:
    notes = tmp_path / "onboarding.md"
    shutil.copy(NOTES / "no-figures.md", notes)
    probe = ("import sys\n"
             "sys.modules['click'] = None  # as on an install without click\n"
             "from storygen.cli.main import main\n"
             "sys.argv = ['storygen', *sys.argv[1:]]\n"
             "main()\n")
    answers = "nobody asked me to fix the onboarding doc\n" \
              "first changes shipped in 2 days instead of 10 days\n\n\n\n\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "pipeline"), str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", probe, "draft", str(notes), "-o", str(tmp_path),
                             "--ask"], input=answers, capture_output=True, text=True, env=env,
                            cwd=tmp_path)
    assert "ModuleNotFoundError" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "Your notes do not say why" in result.stderr  # the question was asked
    assert result.returncode == 1
    assert "added 2 answers" in result.stdout
    text = notes.read_text(encoding="utf-8")
    assert text.endswith("first changes shipped in 2 days instead of 10 days\n")
    assert "2 days" in story(tmp_path / "onboarding.story.yaml")["sections"]["result"][
        "strong_example"]


def test_ask_with_no_answers_changes_nothing(cli, tmp_path) -> None:
    notes = tmp_path / "onboarding.md"
    shutil.copy(NOTES / "no-figures.md", notes)
    before = notes.read_bytes()
    result = cli("draft", notes, "-o", tmp_path, "--ask", input="")
    assert result.exit_code == 1 and notes.read_bytes() == before


def test_status_reports_each_state(cli, tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    for name in ("labels.md", "one-line.md", "figures.md"):
        shutil.copy(NOTES / name, tmp_path / name)
    out = tmp_path / "generated"
    cli("draft", tmp_path, "-o", out)
    assert cli("status", out).exit_code == 0
    (tmp_path / "one-line.md").write_text("moved the cron to a queue\n", encoding="utf-8")
    (tmp_path / "figures.md").unlink()
    result = cli("status", out)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (f"{out / 'figures.story.yaml'}: notes missing (figures.md): "
         f"not at {tmp_path / 'figures.md'} or {out / 'figures.md'}"),
        f"{out / 'labels.story.yaml'}: up to date",
        f"{out / 'one-line.story.yaml'}: notes changed since drafting (one-line.md)",
        "3 stories: 1 up to date, 2 not"]


def test_batch_drafts_a_folder_with_jobs_and_prints_one_summary(cli, tmp_path) -> None:
    for name in ("labels.md", "one-line.md", "figures.md"):
        shutil.copy(NOTES / name, tmp_path / name)
    out = tmp_path / "out"
    result = cli("draft", tmp_path, "-o", out, "--jobs", "2")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "figures.story.yaml", "labels.story.yaml", "one-line.story.yaml"]
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("story"))
    assert "principle" in lines[header] and "gap questions" in lines[header]
    assert lines[-1] == "3 notes: 3 written, 0 unchanged, 0 failed"
    again = cli("draft", tmp_path, "-o", out)
    assert again.stdout.splitlines()[-1] == "3 notes: 0 written, 3 unchanged, 0 failed"


def test_two_notes_drafting_to_one_story_are_refused(cli, tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(NOTES / "labels.md", tmp_path / folder / "same.md")
    result = cli("draft", tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "drafts to the same story" in result.stderr


def test_json_report_lists_findings_and_gap_questions(cli, tmp_path) -> None:
    result = cli("draft", NOTES / "one-line.md", "-o", tmp_path, "--report", "json")
    (entry,) = json.loads(result.stdout)
    assert entry["status"] == "written" and entry["drafter"] == "offline"
    assert {g["topic"] for g in entry["gap_questions"]} >= {"no_scope", "no_reflection"}
    assert any(f["code"] == "OWN003" for f in entry["findings"])


def fake_llm(monkeypatch: pytest.MonkeyPatch, behaviour: Any) -> list[Any]:
    calls: list[Any] = []
    def draft_with_model(notes: Any, facts: Any, offline: dict[str, Any], options: Any) -> Any:
        calls.append(options)
        return behaviour(offline)

    monkeypatch.setattr(run, "draft_with_model", draft_with_model)
    return calls


def test_a_model_draft_is_written_with_the_same_safe_writer(cli, tmp_path, monkeypatch) -> None:
    def reply(offline: dict[str, Any]) -> Any:
        data = dict(offline, title="Drafted by the model")
        return ModelDraft(
            data=data, drafter="fake:model", prompts_sha256="a" * 64, offline_parts=["quizzes"],
            usage={"fake:model": {"input_tokens": 10, "output_tokens": 5}}, calls=6,
            messages=["quizzes came from the offline draft"])

    calls = fake_llm(monkeypatch, reply)
    result = cli("draft", NOTES / "labels.md", "-o", tmp_path, "--model", "fake:model",
                 "--max-repairs", "1", "--no-cache", "--timeout", "9")
    assert result.exit_code == 0, result.output
    assert calls[0].model == "fake:model" and calls[0].max_repairs == 1
    assert calls[0].cache is False and calls[0].timeout == 9
    data = story(tmp_path / "labels.story.yaml")
    assert data["title"] == "Drafted by the model"
    assert data["provenance"]["drafter"] == "fake:model"
    assert data["provenance"]["prompts_sha256"] == "a" * 64
    assert data["provenance"]["offline_parts"] == ["quizzes"]
    assert data["provenance"]["output_sha256"] == content_sha256(data)
    assert "quizzes came from the offline draft" in result.stdout


def test_the_model_comes_from_the_environment(cli, tmp_path, monkeypatch) -> None:
    def reply(offline: dict[str, Any]) -> Any:
        return ModelDraft(data=offline, drafter="env:model", prompts_sha256="b" * 64,
                          offline_parts=[], usage={}, calls=6, messages=[])

    calls = fake_llm(monkeypatch, reply)
    monkeypatch.setenv("STORYGEN_MODEL", "env:model")
    assert cli("draft", NOTES / "labels.md", "-o", tmp_path).exit_code == 0
    assert calls[0].model == "env:model"


def test_a_provider_error_exits_3_and_writes_nothing(cli, tmp_path, monkeypatch) -> None:
    def fail(offline: dict[str, Any]) -> Any:
        raise ProviderError("the provider kept failing after 2 retries")

    fake_llm(monkeypatch, fail)
    result = cli("draft", NOTES / "labels.md", "-o", tmp_path / "out", "--model", "x:y")
    assert result.exit_code == 3 and "kept failing" in result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_option_values_are_usage_errors(cli, tmp_path) -> None:
    result = cli("draft", NOTES / "labels.md", "-o", tmp_path, "--model", "x:y",
                 "--structured-output", "xml")
    assert result.exit_code == 2 and "Invalid value for '--structured-output'" in result.stderr
    assert "'auto', 'json_schema', 'function_calling', 'json_mode'" in result.stderr
    assert not list(tmp_path.iterdir())
    result = cli("draft", NOTES / "labels.md", "--report", "yaml")
    assert result.exit_code == 2 and "'yaml' is not one of 'text', 'json'" in result.stderr
