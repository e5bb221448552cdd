"""`storygen diff --git A..B`: every story changed between two revisions, each side judged
against the notes of its own revision."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from storygen.story.canonical import dump

from ...conftest import ROOT
from .test_render_diff import reference_data
from .test_render_diff_git import STORYGEN, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
STORY = "stories/webhook.story.yaml"
NOTES = "raw_notes/webhook-dlq.md"
RESULT = "/sections/result/strong_example"


def story_with(sentence: str | None) -> str:
    data = reference_data()
    assert data["provenance"]["notes"] == NOTES
    if sentence:
        data["sections"]["result"]["strong_example"] += " " + sentence
    return dump(data)


def commit(repo: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", message).returncode == 0


@pytest.fixture()
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three commits. The second adds '18%' to the notes and the story (and '42%' to the
    story only); the third corrects '18%' to '17%' in both. The working tree is the third."""
    repo = tmp_path / "repo"
    repo.mkdir()
    assert git(repo, "init", "-q").returncode == 0
    notes = (ROOT / NOTES).read_text(encoding="utf-8")
    commit(repo, {NOTES: notes, STORY: story_with(None)}, "first")
    commit(repo, {NOTES: notes + "- paging volume fell 18%\n",
                  STORY: story_with("Paging volume fell 18% and on-call load fell 42%.")},
           "second")
    commit(repo, {NOTES: notes + "- paging volume fell 17%\n",
                  STORY: story_with("Paging volume fell 17% and on-call load fell 42%.")},
           "third")
    monkeypatch.chdir(repo)
    return repo


def grd001(findings: list[dict]) -> list[str]:
    return [f["message"].split("'")[1] for f in findings if f["code"] == "GRD001"]


def test_an_old_commit_is_judged_against_its_own_notes(cli, history: Path) -> None:
    result = cli("diff", "--git", "HEAD~2..HEAD~1", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    [story] = data["stories"]
    assert (story["old"], story["new"]) == (f"HEAD~2:{STORY}", f"HEAD~1:{STORY}")
    assert [(c["pointer"], c["card"]) for c in story["changes"]] == [(RESULT, "Result")]
    # '18%' was in that commit's notes (today's notes say 17%): only '42%' is ungrounded.
    assert grd001(story["findings"]["introduced"]) == ["42%"]
    assert story["findings"]["fixed"] == []


def test_correcting_a_figure_in_notes_and_story_together_is_no_finding(cli, history: Path) -> None:
    data = json.loads(cli("diff", "--git", "HEAD~1..HEAD", "-f", "json").stdout)
    [story] = data["stories"]
    assert grd001(story["findings"]["introduced"]) == []
    assert grd001(story["findings"]["fixed"]) == []


def test_git_show_ext_diff_on_an_old_commit_uses_that_commits_notes(history: Path) -> None:
    (history / ".gitattributes").write_text("*.story.yaml diff=storygen\n", encoding="utf-8")
    git(history, "config", "diff.storygen.command", f"{STORYGEN} diff")
    result = git(history, "show", "--ext-diff", "--format=", "HEAD~1", "--", STORY)
    assert result.returncode == 0, result.stderr
    introduced = result.stdout.split("findings introduced:\n", 1)[1]
    assert "GRD001" in introduced and "'42%'" in introduced
    assert "'18%'" not in result.stdout


def test_added_and_deleted_stories_are_changes_from_and_to_nothing(cli, history: Path) -> None:
    second = dump(reference_data() | {"id": "second-story"})
    commit(history, {"stories/second.story.yaml": second}, "add")
    (history / STORY).unlink()
    commit(history, {}, "delete")
    added = cli("diff", "--git", "HEAD~2..HEAD~1")
    assert added.exit_code == 1
    assert added.stdout.startswith("--- /dev/null\n+++ HEAD~1:stories/second.story.yaml\n")
    deleted = cli("diff", "--git", "HEAD~1..HEAD", "-f", "markdown")
    assert deleted.exit_code == 1
    assert deleted.stdout.startswith("## Story changes in `HEAD~1..HEAD`\n\n1 story changed.\n")
    assert f"### `HEAD~1:{STORY}` → `/dev/null`" in deleted.stdout


def test_a_revision_alone_compares_with_the_working_tree(cli, history: Path) -> None:
    path = history / STORY
    path.write_text(path.read_text(encoding="utf-8").replace("17%", "19%"), encoding="utf-8")
    result = cli("diff", "--git", "HEAD")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- HEAD:{STORY}\n+++ {STORY}\n")
    assert "[-17%-]{+19%+}" in result.stdout
    introduced = result.stdout.split("findings introduced:\n", 1)[1]
    # '42%' was ungrounded on both sides already: only the new figure is introduced.
    assert "GRD001" in introduced and "'19%'" in introduced and "'42%'" not in introduced


def test_no_story_changed_exits_0(cli, history: Path) -> None:
    commit(history, {"README.md": "hello\n"}, "docs")
    result = cli("diff", "--git", "HEAD~1..HEAD")
    assert result.exit_code == 0
    assert result.stdout == "no story changed in HEAD~1..HEAD\n"
    limited = cli("diff", "--git", "HEAD~3..HEAD", "raw_notes")
    assert limited.exit_code == 0


@pytest.mark.parametrize("spec", ["nope..HEAD", "HEAD..nope", "nope"])
def test_a_bad_revision_is_a_one_line_error(cli, history: Path, spec: str) -> None:
    result = cli("diff", "--git", spec)
    assert result.exit_code == 2
    assert result.stderr == "storygen: error: git: unknown revision 'nope'\n"
    assert result.stdout == ""


def test_paths_limit_the_range_and_work_from_a_subfolder(cli, history: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(history / "stories")
    here = cli("diff", "--git", "HEAD~2..HEAD~1", ".", "-f", "json")
    assert here.exit_code == 1
    assert [s["new"] for s in json.loads(here.stdout)["stories"]] == [f"HEAD~1:{STORY}"]
    elsewhere = cli("diff", "--git", "HEAD~2..HEAD~1", "../raw_notes")
    assert elsewhere.exit_code == 0


def test_three_dots_start_from_the_merge_base(cli, history: Path) -> None:
    git(history, "checkout", "-q", "-b", "side", "HEAD~1")
    commit(history, {"stories/side.story.yaml": dump(reference_data() | {"id": "side"})}, "side")
    git(history, "checkout", "-q", "-")
    two = json.loads(cli("diff", "--git", "side..HEAD", "-f", "json").stdout)
    assert sorted(s["old"] for s in two["stories"]) == ["side:stories/side.story.yaml",
                                                        f"side:{STORY}"]
    three = json.loads(cli("diff", "--git", "side...HEAD", "-f", "json").stdout)
    assert [s["new"] for s in three["stories"]] == [f"HEAD:{STORY}"]


def test_git_diff_cached_judges_the_staged_story_against_the_staged_notes(history: Path) -> None:
    (history / ".gitattributes").write_text("*.story.yaml diff=storygen\n", encoding="utf-8")
    git(history, "config", "diff.storygen.command", f"{STORYGEN} diff")
    notes = (history / NOTES).read_text(encoding="utf-8")
    commit(history, {NOTES: notes + "- 55% fewer pages\n",
                     STORY: story_with("Paging volume fell 55%.")}, "staged")
    git(history, "reset", "-q", "--soft", "HEAD~1")
    (history / NOTES).write_text(notes, encoding="utf-8")  # the working tree lost the figure
    result = git(history, "diff", "--cached", "--", STORY)
    assert result.returncode == 0, result.stderr
    assert "{+Paging volume fell 55%.+}" in result.stdout
    assert "'55%'" not in result.stdout


def test_a_story_unreadable_at_a_revision_is_named_not_fatal(cli, history: Path) -> None:
    commit(history, {STORY: "id: [unclosed\n"}, "broken")
    result = cli("diff", "--git", "HEAD~1..HEAD")
    assert result.exit_code == 1
    assert f"storygen: cannot compare: HEAD:{STORY}:2:1: YAML syntax error" in result.stdout
    data = json.loads(cli("diff", "--git", "HEAD~1..HEAD", "-f", "json").stdout)
    assert data["stories"][0]["error"].startswith(f"HEAD:{STORY}:2:1: ")
