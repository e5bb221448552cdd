"""`storygen diff`: changes by JSON pointer, word marks inside text, findings introduced and fixed."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from storygen.review.diff import card_of
from storygen.review.worddiff import DELETE, EQUAL, INSERT
from storygen.story.canonical import dump
from storygen.story.loader import load_story_source

from ...conftest import REFERENCE

OLD_SENTENCE = "I reproduced the failure locally to confirm the root cause."
NEW_SENTENCE = "I reproduced the failure on a staging host to confirm the root cause."
ACTION = "/sections/action/strong_example"


def reference_data() -> dict:
    return copy.deepcopy(load_story_source(REFERENCE).data)


def write(path: Path, data: dict) -> Path:
    path.write_text(dump(data), encoding="utf-8")
    return path


def edited(tmp_path: Path, edit, name: str = "new.story.yaml") -> tuple[Path, Path]:
    old = write(tmp_path / "old.story.yaml", reference_data())
    data = reference_data()
    edit(data)
    return old, write(tmp_path / name, data)


def change_sentence(data: dict) -> None:
    action = data["sections"]["action"]
    assert OLD_SENTENCE in action["strong_example"]
    action["strong_example"] = action["strong_example"].replace(OLD_SENTENCE, NEW_SENTENCE)


def say_we(data: dict) -> None:
    action = data["sections"]["action"]
    action["strong_example"] = action["strong_example"].replace(
        "I pulled the webhook delivery logs", "We pulled the webhook delivery logs")


def test_one_sentence_change_marks_only_that_sentences_words(cli, tmp_path: Path) -> None:
    old, new = edited(tmp_path, change_sentence)
    result = cli("diff", old, new)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    at = lines.index(f"~ {ACTION}")
    assert lines[at + 1] == ("    I reproduced the failure [-locally-]{+on a staging host+} "
                             "to confirm the root cause.")
    assert not lines[at + 2].startswith("    ")
    assert re.findall(r"\[-(.*?)-\]|\{\+(.*?)\+\}", result.stdout) == [
        ("locally", ""), ("", "on a staging host")]
    assert lines[-1].startswith("1 change (0 added, 0 removed, 1 changed)")


def test_json_diff_gives_the_pointer_and_word_segments(cli, tmp_path: Path) -> None:
    old, new = edited(tmp_path, change_sentence)
    result = cli("diff", old, new, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["equal"] is False
    [change] = data["changes"]
    assert (change["op"], change["pointer"]) == ("changed", ACTION)
    marked = [(s["op"], s["text"]) for s in change["words"] if s["op"] != EQUAL]
    assert marked == [(DELETE, "locally"), (INSERT, "on a staging host")]
    kept = " ".join(s["text"] for s in change["words"] if s["op"] != INSERT)
    assert kept == " ".join(reference_data()["sections"]["action"]["strong_example"].split())


def test_saying_we_introduces_own001_and_undoing_it_fixes_it(cli, tmp_path: Path) -> None:
    old, new = edited(tmp_path, say_we)
    forward = json.loads(cli("diff", old, new, "-f", "json").stdout)
    introduced = {(f["code"], f["pointer"]) for f in forward["findings"]["introduced"]}
    assert ("OWN001", ACTION) in introduced
    assert forward["findings"]["fixed"] == []
    backward = json.loads(cli("diff", new, old, "-f", "json").stdout)
    assert ("OWN001", ACTION) in {(f["code"], f["pointer"]) for f in backward["findings"]["fixed"]}
    text = cli("diff", old, new).stdout
    assert re.search(r"^findings introduced:\n(  \+ .*\n)*  \+ OWN001 error " + ACTION, text, re.MULTILINE)


def test_equal_stories_exit_0_even_when_written_differently(cli, tmp_path: Path) -> None:
    old = write(tmp_path / "old.story.yaml", reference_data())
    json_copy = tmp_path / "same.story.json"
    json_copy.write_text(json.dumps(reference_data(), indent=1), encoding="utf-8")
    result = cli("diff", old, json_copy)
    assert result.exit_code == 0
    assert "no changes" in result.stdout


def test_list_items_are_added_and_removed_by_pointer(cli, tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["probes"].insert(1, copy.deepcopy(data["probes"][0]) | {"question": "Why now?"})
        del data["quizzes"][2]
        data["sections"]["action"]["target_seconds"] = 75

    old, new = edited(tmp_path, edit)
    result = cli("diff", old, new)
    assert result.exit_code == 1
    assert "+ /probes/1\n    /question: Why now?\n" in result.stdout
    assert "- /quizzes/2\n    /question: Which phrase is a disqualifier" in result.stdout
    assert "~ /sections/action/target_seconds: 90 -> 75" in result.stdout
    assert "/probes/2" not in result.stdout  # the probes after the insertion did not 'change'


def test_dev_null_stands_for_an_added_or_deleted_story(cli, tmp_path: Path) -> None:
    story = write(tmp_path / "s.story.yaml", reference_data())
    added = cli("diff", "/dev/null", story)
    assert added.exit_code == 1
    assert added.stdout.startswith("--- /dev/null\n+++ ")
    assert "+ /id: webhook-dlq-alerting" in added.stdout
    deleted = json.loads(cli("diff", story, "/dev/null", "-f", "json").stdout)
    assert {c["op"] for c in deleted["changes"]} == {"removed"}
    assert deleted["findings"]["introduced"] == []


def test_diff_needs_two_or_seven_arguments(cli, tmp_path: Path) -> None:
    result = cli("diff", REFERENCE, REFERENCE, REFERENCE)
    assert result.exit_code == 2
    assert "OLD NEW" in result.stderr


def test_unreadable_story_is_a_one_line_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.story.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = cli("diff", REFERENCE, bad)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "bad.story.yaml:" in result.stderr


@pytest.mark.parametrize("choice", ["always", "never"])
def test_colour_is_chosen_explicitly(cli, tmp_path: Path, choice: str) -> None:
    old, new = edited(tmp_path, change_sentence)
    out = cli("diff", old, new, "--color", choice).stdout
    assert ("\x1b[31mlocally\x1b[0m" in out) == (choice == "always")
    assert ("[-locally-]" in out) == (choice == "never")


def test_textconv_prints_one_pointer_per_value(cli) -> None:
    result = cli("diff", "--textconv", REFERENCE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "/sections/action/target_seconds: 90" in lines
    assert f"{ACTION}: {OLD_SENTENCE}" in lines  # each sentence line names its field
    action = [line for line in lines if line.startswith(f"{ACTION}: ")]
    assert len(action) > 3 and lines.index(action[0]) + len(action) - 1 == lines.index(action[-1])


def test_diff_and_bank_do_not_load_the_template_or_deck_libraries() -> None:
    import subprocess
    import sys

    probe = (
        "import runpy, sys, json\n"
        "for argv in (['storygen', 'diff', sys.argv[1], sys.argv[1]],\n"
        "             ['storygen', 'bank', sys.argv[1]]):\n"
        "    sys.argv = argv\n"
        "    try:\n"
        "        runpy.run_module('storygen', run_name='__main__')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'genanki'))\n"
        "print(json.dumps(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(REFERENCE)], check=False,
                            capture_output=True, text=True, timeout=60)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


SITUATION = "/sections/situation/strong_example"
REWRITE = "The p99 latency went from 900 ms to 120 ms after the change."


def rewrite_first_situation_sentence(data: dict, new: str = REWRITE) -> str:
    situation = data["sections"]["situation"]
    first = situation["strong_example"].split(". ")[0] + "."
    situation["strong_example"] = situation["strong_example"].replace(first, new, 1)
    return first


def test_a_rewritten_sentence_is_shown_removed_and_added_whole(cli, tmp_path: Path) -> None:
    old_first = rewrite_first_situation_sentence(reference_data())

    old, new = edited(tmp_path, rewrite_first_situation_sentence)
    lines = cli("diff", old, new).stdout.splitlines()
    at = lines.index(f"~ {SITUATION}")
    assert lines[at + 1:at + 3] == [f"    [-{old_first}-]", f"    {{+{REWRITE}+}}"]
    data = json.loads(cli("diff", old, new, "-f", "json").stdout)
    [change] = [c for c in data["changes"] if c["pointer"] == SITUATION]
    assert change["sentences"] == [{"kind": "rewritten", "old": old_first, "new": REWRITE}]
    assert [(s["op"], s["text"]) for s in change["words"] if s["op"] != EQUAL] == [
        (DELETE, old_first), (INSERT, REWRITE)]


def test_json_names_the_card_and_field_of_each_change(cli, tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        change_sentence(data)
        data["quizzes"][0]["options"][1] = "Something else entirely"

    old, new = edited(tmp_path, edit)
    data = json.loads(cli("diff", old, new, "-f", "json").stdout)
    found = {(c["pointer"], c["card"], c["field"], c["op"]) for c in data["changes"]}
    assert found == {(ACTION, "Action", ACTION, "changed"),
                     ("/quizzes/0/options/1", "Quizzes", "/quizzes/0/options", "changed")}
    [action] = [c for c in data["changes"] if c["pointer"] == ACTION]
    assert action["sentences"][0]["kind"] == "edited"
    assert data["counts"]["fields"] == 2 and data["counts"]["cards"] == 2


def test_summary_counts_fields_and_sentences_not_only_leaves(cli, tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["quizzes"][0]["options"] = [o + " (edited)" for o in data["quizzes"][0]["options"]]

    old, new = edited(tmp_path, edit)
    options = len(reference_data()["quizzes"][0]["options"])
    last = cli("diff", old, new).stdout.splitlines()[-1]
    assert last.startswith(f"{options} changes (0 added, 0 removed, {options} changed) "
                           f"in 1 field, {options} sentences, 1 card;")


def markdown_of(cli, tmp_path: Path, edit) -> str:
    old, new = edited(tmp_path, edit)
    result = cli("diff", old, new, "--format", "markdown")
    assert result.exit_code == 1
    return result.stdout


def test_markdown_groups_changes_by_card_in_story_order(cli, tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["quizzes"][0]["explanation"] += " Really."
        change_sentence(data)
        data["title"] = "A new title"

    out = markdown_of(cli, tmp_path, edit)
    headings = re.findall(r"^#### (.+)$", out, re.MULTILINE)
    assert headings == ["Overview", "Action", "Quizzes"]
    action = out[out.index("#### Action"):out.index("#### Quizzes")]
    assert f"- `{ACTION}` changed" in action
    overview = out[out.index("#### Overview"):out.index("#### Action")]
    assert "- `/title` changed\n  - removed: ~~Describe a Time" in overview
    assert "\n  - added: A new title\n" in overview


def test_markdown_word_marks_for_small_edits_whole_sentences_for_rewrites(cli,
                                                                           tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        change_sentence(data)
        rewrite_first_situation_sentence(data)

    out = markdown_of(cli, tmp_path, edit)
    assert ("  - edited: I reproduced the failure ~~locally~~ **on a staging host** "
            "to confirm the root cause." in out)
    situation = out[out.index("#### Situation"):out.index("#### Action")]
    removed = re.findall(r"^  - removed: ~~(.*)~~$", situation, re.MULTILINE)
    added = re.findall(r"^  - added: (.*)$", situation, re.MULTILINE)
    assert len(removed) == 1 and removed[0].startswith("While working as an SDE2")
    assert added == [REWRITE]
    assert "**" not in situation.split("\n", 2)[2]  # no word marks inside a rewrite


def test_markdown_lists_findings_with_codes(cli, tmp_path: Path) -> None:
    out = markdown_of(cli, tmp_path, say_we)
    introduced = out[out.index("#### Findings introduced"):]
    assert re.search(r"^- \*\*OWN001\*\* error `" + ACTION + "`: ", introduced, re.MULTILINE)
    assert "#### Findings fixed" not in out
    back = cli("diff", *reversed(edited(tmp_path, say_we)), "-f", "markdown").stdout
    assert re.search(r"^#### Findings fixed\n\n- \*\*OWN001\*\*", back, re.MULTILINE)


def test_markdown_escapes_story_text(cli, tmp_path: Path) -> None:
    hostile = "I shipped <img src=x onerror=alert(1)> | `rm` *now* [link](http://x) @team ~~x~~ $x$."

    def edit(data: dict) -> None:
        rewrite_first_situation_sentence(data, hostile)

    out = markdown_of(cli, tmp_path, edit)
    [line] = [x for x in out.splitlines() if x.startswith("  - added: ")]
    assert line == ("  - added: I shipped \\<img src=x onerror=alert(1)\\> \\| \\`rm\\` \\*now\\* "
                    "\\[link\\](http://x) \\@team \\~\\~x\\~\\~ \\$x\\$.")
    unescaped = re.sub(r"\\.", "", out)
    assert "<" not in unescaped and "|" not in unescaped


def test_markdown_code_spans_survive_backticks_in_keys(cli, tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["provenance"]["x`y"] = "z"

    out = markdown_of(cli, tmp_path, edit)
    assert "#### Other" in out
    assert "- ``/provenance/x`y`` added: **z**" in out


def test_equal_stories_in_markdown_say_no_changes(cli, tmp_path: Path) -> None:
    old = write(tmp_path / "old.story.yaml", reference_data())
    result = cli("diff", old, old, "-f", "markdown")
    assert result.exit_code == 0
    assert "No changes." in result.stdout


@pytest.mark.parametrize(("pointer", "card"), [
    ("/title", "Overview"), ("/overview/takeaways/0", "Overview"),
    ("/sections/situation/coaching", "Situation"), ("/sections/task/key_phrases/1", "Task"),
    ("/sections/action/strong_example", "Action"), ("/sections/result/target_seconds", "Result"),
    ("/sections/reflection/strong_example", "Reflection"), ("/reflections/senior", "Reflections"),
    ("/probes/2/strong/answer", "Probes"), ("/weak_answer/critique/0", "Weak answer"),
    ("/quizzes/1/options/3", "Quizzes"), ("/principle_variants/0/angle", "Principle variants"),
    ("/level_variants/0/time_limit_seconds/min", "Level variants"),
    ("/provenance/notes", "Other"), ("/lint/ignore/0", "Other"), ("/x-extra", "Other"),
])
def test_each_change_belongs_to_the_card_it_is_practised_on(pointer: str, card: str) -> None:
    assert card_of(pointer) == card
