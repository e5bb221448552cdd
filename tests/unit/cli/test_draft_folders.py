"""Drafting a folder: only notes are drafted, the run says what is left to fix, and --ask goes
through every notes file; plus init's next step and the defaults ``config`` shows."""

from __future__ import annotations

import shutil
from pathlib import Path

from storygen.drafting import report
from storygen.drafting.run import DraftOptions, draft_paths

from ...conftest import ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in names:
        shutil.copy(NOTES / name, folder / name)
    return folder


def test_a_folder_run_lists_error_findings_and_gap_questions_per_story(cli, tmp_path) -> None:
    folder = _folder(tmp_path, "one-line.md", "figures.md")
    result = cli("draft", folder, "-o", tmp_path / "out")
    assert result.exit_code == 1
    fix = result.stdout[result.stdout.index("What to fix:"):]
    assert "out/one-line.story.yaml (from " in fix
    assert ": GAP001 " in fix and "  gap: " in fix
    assert "(warning)" not in fix  # only error findings are listed
    assert result.stdout.splitlines()[-1] == "2 notes: 2 written, 0 unchanged, 0 failed"


def test_quiet_folder_run_keeps_what_to_fix_and_drops_the_rest(cli, tmp_path) -> None:
    folder = _folder(tmp_path, "one-line.md", "figures.md")
    result = cli("-q", "draft", folder, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stdout.startswith("What to fix:\n")
    assert "wrote " not in result.stdout and "2 notes:" not in result.stdout


def test_many_things_to_fix_become_one_line_a_story_and_the_commands(tmp_path) -> None:
    folder = _folder(tmp_path, "one-line.md", "labels.md")
    out = tmp_path / "generated"
    results = draft_paths(DraftOptions(paths=[folder], out_dir=out))
    lines = report.fix_lines(results, limit=3)
    assert lines[0] == "What to fix: 2 of 2 stories:"
    assert any(line.startswith(f"  {results[0].story}: ") and "gap question" in line
               for line in lines)
    assert lines[-2] == f"List the findings: storygen validate {Path(results[0].story).parent}/"
    assert lines[-1] == f"Answer the gap questions: storygen draft {folder}/ --ask"


def test_ask_goes_through_each_notes_file_in_a_folder(cli, tmp_path) -> None:
    folder = _folder(tmp_path, "one-line.md", "labels.md")
    result = cli("draft", folder, "-o", tmp_path / "out", "--ask",
                 input="nobody asked me to do it\n" * 40)
    assert "(1 of 2)" in result.stderr and "(2 of 2)" in result.stderr
    for name in ("one-line.md", "labels.md"):
        assert "\n## Answers\n" in (folder / name).read_text(encoding="utf-8")


def test_readme_and_todo_files_in_a_folder_are_not_drafted(cli, tmp_path) -> None:
    folder = _folder(tmp_path, "figures.md")
    shutil.copy(NOTES / "labels.md", folder / "README.md")
    shutil.copy(NOTES / "labels.md", folder / "TODO.txt")
    shutil.copy(NOTES / "labels.md", folder / "CHANGELOG.md")
    out = tmp_path / "out"
    result = cli("draft", folder, "-o", out)
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["figures.story.yaml"]
    named = cli("draft", folder / "README.md", "-o", out)
    assert named.exit_code == 0
    assert (out / "readme.story.yaml").is_file()


def test_exclude_globs_come_from_the_configuration(cli, tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, "figures.md", "labels.md")
    (folder / "drafts").mkdir()
    shutil.copy(NOTES / "one-line.md", folder / "drafts" / "one-line.md")
    (tmp_path / "storygen.toml").write_text('exclude = ["labels*", "drafts/*"]\n',
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert cli("draft", "notes", "-o", out).exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["figures.story.yaml"]
    shown = cli("config")
    assert 'exclude = ["labels*", "drafts/*"]' in shown.stdout
    (tmp_path / "storygen.toml").write_text('exclude = "README*"\n', encoding="utf-8")
    bad = cli("config")
    assert bad.exit_code == 2 and "exclude must be a list of file-name globs" in bad.stderr


def test_config_shows_every_drafter_default(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = cli("config").stdout.splitlines()
    for expected in ("max_repairs = 2", "max_retries = 2", "timeout = 120",
                     'structured_output = "auto"', "cache = true",
                     'exclude = ["README*", "CHANGELOG*", "TODO*", "todo*"]'):
        line = next(line for line in lines if line.startswith(expected + " "))
        assert line.endswith("# default")


def test_init_next_hint_says_cd_into_the_new_folder(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    elsewhere = cli("init", "my stories")
    assert elsewhere.exit_code == 0
    assert elsewhere.stdout.splitlines()[-1] == (
        "next: cd 'my stories' && storygen draft raw_notes/ && storygen validate generated/")
    monkeypatch.chdir(tmp_path / "my stories")
    here = cli("init", ".")
    assert here.stdout.splitlines()[-1] == (
        "next: storygen draft raw_notes/ && storygen validate generated/")
