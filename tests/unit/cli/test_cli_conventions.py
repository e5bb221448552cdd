"""The conventions every command follows: '-' for stdin and stdout, -q/-v, --out and --format
everywhere (old names still accepted), colour only where it can be seen, shell completion."""

from __future__ import annotations

import io
import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from storygen.core.terminal import use_color

from ...conftest import REFERENCE, ROOT

NOTES = ROOT / "tests" / "fixtures" / "notes"
STORY_TEXT = REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name in ("GIT_DIFF_PATH_COUNTER", "GIT_DIFF_PATH_TOTAL"):
        monkeypatch.delenv(name, raising=False)


# -- '-' for stdin ------------------------------------------------------------------------------

def test_validate_reads_a_story_from_stdin_labelled_stdin(cli) -> None:
    clean = cli("validate", "-", input=STORY_TEXT)
    assert clean.exit_code == 0, clean.output
    assert "1 file checked: 0 errors" in clean.stdout
    broken = cli("validate", "-", input="id: only-an-id\n")
    assert broken.exit_code == 1
    assert "<stdin>:1:1: SCH001 missing required field 'title'" in broken.stdout


def test_validate_stdin_that_is_not_a_story_is_unreadable(cli) -> None:
    result = cli("validate", "-", input="- a list\n")
    assert result.exit_code == 2
    assert result.stdout.startswith("<stdin>:1: the top level is a list")


def test_render_reads_stdin_and_writes_stdout_for_out_dash(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("render", "-", "-f", "md", input=STORY_TEXT)
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")
    to_stdout = cli("render", REFERENCE, "-f", "md", "-o", "-")
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == result.stdout
    assert not (tmp_path / "-").exists()
    assert list(tmp_path.iterdir()) == []


def test_facts_reads_notes_from_stdin(cli) -> None:
    text = (NOTES / "figures.md").read_text(encoding="utf-8")
    from_file = cli("facts", NOTES / "figures.md", "-f", "json")
    from_stdin = cli("facts", "-", "-f", "json", input=text)
    assert from_stdin.exit_code == 0
    assert json.loads(from_stdin.stdout)["figures"] == json.loads(from_file.stdout)["figures"]


def test_draft_from_stdin_prints_the_story_and_writes_nothing(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    notes = "---\nid: cache-latency\n---\n" + (NOTES / "figures.md").read_text(encoding="utf-8")
    result = cli("draft", "-", input=notes)
    assert result.exit_code == 1, result.stderr
    drafted = yaml.safe_load(result.stdout)
    assert drafted["id"] == "cache-latency"
    assert drafted["provenance"]["notes"] == "<stdin>"
    assert "printed <stdout>" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_draft_from_stdin_into_a_folder_is_a_usage_error(cli, tmp_path) -> None:
    result = cli("draft", "-", "--out", tmp_path / "out", input="I fixed the build.\n")
    assert result.exit_code == 2
    assert "save the notes to a file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_draft_out_dash_prints_every_story_as_a_yaml_document(cli, tmp_path,
                                                               monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("draft", NOTES / "figures.md", NOTES / "labels.md", "-o", "-")
    assert result.exit_code == 1
    documents = list(yaml.safe_load_all(result.stdout))
    assert [d["id"] for d in documents] == ["figures", "labels"]
    assert "What to fix:" in result.stderr
    assert list(tmp_path.iterdir()) == []
    json_report = cli("draft", NOTES / "figures.md", "-o", "-", "--format", "json")
    assert json_report.exit_code == 2 and "holds the stories" in json_report.stderr


# -- -q / -v ------------------------------------------------------------------------------------

def test_quiet_drops_the_wrote_line_and_verbose_adds_config_and_timing(cli, tmp_path,
                                                                        monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "storygen.toml").write_text("fail_on = \"error\"\n", encoding="utf-8")
    normal = cli("render", REFERENCE, "-o", tmp_path / "a.html")
    assert normal.exit_code == 0 and "wrote " in normal.stderr
    quiet = cli("-q", "render", REFERENCE, "-o", tmp_path / "b.html")
    assert quiet.exit_code == 0 and quiet.stderr == "" and (tmp_path / "b.html").is_file()
    verbose = cli("--verbose", "render", REFERENCE, "-o", tmp_path / "c.html")
    assert verbose.exit_code == 0
    assert f"storygen: configuration: {tmp_path.resolve() / 'storygen.toml'}" in verbose.stderr
    assert "storygen: render took " in verbose.stderr


def test_quiet_validate_prints_findings_but_no_summary(cli) -> None:
    result = cli("--quiet", "validate", "-", input="id: only-an-id\n")
    assert result.exit_code == 1
    assert "SCH001" in result.stdout and "checked" not in result.stdout


def test_quiet_and_verbose_together_are_a_usage_error(cli) -> None:
    result = cli("-q", "-v", "rules")
    assert result.exit_code == 2
    assert "--quiet and --verbose cannot be used together" in result.stderr


def test_shell_completion_options_exist(cli) -> None:
    result = cli("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


# -- one naming: --out and --format, old names hidden but working ------------------------------

def test_old_output_option_still_writes(cli, tmp_path) -> None:
    result = cli("render", REFERENCE, "--output", tmp_path / "page.html")
    assert result.exit_code == 0 and (tmp_path / "page.html").is_file()
    assert "--output" not in cli("render", "--help").stdout
    site = cli("site", REFERENCE, "--out", tmp_path / "site")
    assert site.exit_code == 0 and (tmp_path / "site" / "index.html").is_file()
    missing = cli("site", REFERENCE)
    assert missing.exit_code == 2 and "missing option '--out'" in missing.stderr
    to_stdout = cli("export", REFERENCE, "-o", "-")
    assert to_stdout.exit_code == 2 and "writes a binary .apkg file" in to_stdout.stderr


def test_draft_report_is_a_deprecated_name_of_format(cli, tmp_path) -> None:
    new = cli("draft", NOTES / "figures.md", "-o", tmp_path, "--format", "json")
    old = cli("draft", NOTES / "figures.md", "-o", tmp_path, "--report", "json")
    assert json.loads(new.stdout)[0]["story"] == json.loads(old.stdout)[0]["story"]
    assert "--report is deprecated; use --format" in old.stderr
    assert "--report" not in cli("draft", "--help").stdout


def test_config_format_json_and_the_hidden_json_flag_agree(cli) -> None:
    new = cli("config", "--format", "json")
    old = cli("config", "--json")
    assert new.exit_code == old.exit_code == 0
    assert json.loads(new.stdout) == json.loads(old.stdout)


# -- colour ----------------------------------------------------------------------------------

class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("env", "tty", "expected"), [
    ({}, True, True),
    ({}, False, False),
    ({"NO_COLOR": "1"}, True, False),
    ({"NO_COLOR": ""}, True, True),
    ({"FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": "0"}, False, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "yes"}, False, False),
    ({"TERM": "dumb"}, True, False),
])
def test_use_color(env: dict[str, str], tty: bool, expected: bool) -> None:
    stream = _Tty() if tty else io.StringIO()
    assert use_color(stream, env=env) is expected


def test_findings_and_rules_are_coloured_only_when_forced(cli, monkeypatch) -> None:
    plain = cli("validate", "-", input="id: only-an-id\n")
    assert "\x1b[" not in plain.stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = cli("validate", "-", input="id: only-an-id\n")
    assert "\x1b[1;31mSCH001\x1b[0m" in forced.stdout
    assert "\x1b[1mOWN001\x1b[0m" in cli("rules").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("rules").stdout


def test_diff_colour_follows_the_shared_decision(cli, tmp_path, monkeypatch) -> None:
    changed = tmp_path / "new.story.yaml"
    changed.write_text(STORY_TEXT.replace("title:", "title: Changed", 1), encoding="utf-8")
    assert "\x1b[" not in cli("diff", REFERENCE, changed).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cli("diff", REFERENCE, changed).stdout


# -- diff with one argument, rules and schema ---------------------------------------------------

def test_diff_with_one_file_is_a_usage_error_outside_git(cli, monkeypatch) -> None:
    result = cli("diff", REFERENCE)
    assert result.exit_code == 2
    assert "usage: storygen diff OLD NEW" in result.stderr
    monkeypatch.setenv("GIT_DIFF_PATH_COUNTER", "1")
    monkeypatch.setenv("GIT_DIFF_PATH_TOTAL", "1")
    unmerged = cli("diff", "stories/a.story.yaml")
    assert unmerged.exit_code == 0
    assert unmerged.stdout == "* Unmerged path stories/a.story.yaml\n"


def test_rules_format_json_lists_every_rule(cli) -> None:
    listing = cli("rules", "--format", "json")
    assert listing.exit_code == 0
    records = json.loads(listing.stdout)
    assert len(records) == len(cli("rules").stdout.splitlines())
    first = records[0]
    assert set(first) == {"code", "name", "severity", "summary", "free_text"}
    one = cli("rules", "OWN002", "-f", "json")
    assert one.exit_code == 0
    record = json.loads(one.stdout)
    assert record["code"] == "OWN002" and record["failing"] and record["passing"]
    assert cli("rules", "NOPE999", "-f", "json").exit_code == 2


def test_schema_check_uses_the_repository_root_and_fails_when_it_has_none(cli, tmp_path,
                                                                          monkeypatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    missing = cli("schema", "--check")
    assert missing.exit_code == 2
    assert "schemas/story.schema.json does not exist" in missing.stderr
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "story.schema.json").write_text(cli("schema").stdout,
                                                            encoding="utf-8")
    current = cli("schema", "--check")
    assert current.exit_code == 0 and "schema is up to date" in current.stdout
    (tmp_path / "schemas" / "story.schema.json").write_text("{}\n", encoding="utf-8")
    assert cli("schema", "--check").exit_code == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_calls_diff_with_one_argument_for_an_unmerged_path(tmp_path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_EXTERNAL_DIFF": f"{shlex.quote(sys.executable)} -m storygen diff"}

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "--no-pager", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60, check=False)

    story = tmp_path / "s.story.yaml"
    git("init", "-q")
    story.write_text("a: 1\n")
    git("add", ".")
    git("commit", "-qm", "one")
    git("checkout", "-qb", "other")
    story.write_text("a: 2\n")
    git("commit", "-qam", "two")
    git("checkout", "-q", "-")
    story.write_text("a: 3\n")
    git("commit", "-qam", "three")
    assert git("merge", "-q", "other").returncode == 1  # a conflict
    result = git("diff", "--cached")
    assert result.returncode == 0, result.stderr
    assert "* Unmerged path s.story.yaml" in result.stdout
