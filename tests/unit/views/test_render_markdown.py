"""`storygen render --format md`: the whole walkthrough, in the seed's order, with story text inert."""

from __future__ import annotations

import copy
from pathlib import Path

from storygen.checks.stories import load_story
from storygen.story.canonical import dump
from storygen.story.loader import load_story_source
from storygen.views.markdown import render_markdown
from storygen.views.templating import time_limit

from ...conftest import REFERENCE

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def reference_data() -> dict:
    return copy.deepcopy(load_story_source(REFERENCE).data)


def hostile_story(tmp_path: Path) -> Path:
    data = reference_data()
    data["title"] = "Title " + HOSTILE
    data["sections"]["action"]["strong_example"] += " " + HOSTILE
    data["quizzes"][0]["options"][0] = "[link](javascript:alert(1)) " + HOSTILE
    data["probes"][0]["question"] = HOSTILE
    path = tmp_path / "hostile.story.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def test_markdown_holds_every_part_of_the_walkthrough_in_the_seed_order() -> None:
    story = load_story(REFERENCE).story
    text = render_markdown(story)
    headings = ["Scenario Overview", "· Situation", "· Task", "· Action", "· Result",
                "· Reflection", "SDE2 reflection", "Senior reflection", "Follow-up probes",
                "## Weak answer", "Bar Raiser thinks", "## 🧠 Quiz", "other principles",
                "other levels"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    for probe in story.probes:
        assert probe.strong.key_quote in text
    for quiz in story.quizzes:
        assert quiz.question in text
    assert "⏱ Target: 90s" in text
    assert "“I pulled” · “I traced”" in text
    assert text.count("<details>") == len(story.quizzes)
    assert "**B. I traced the failure to intermittent network timeouts.**" in text


def test_level_time_limits_read_like_the_seed() -> None:
    assert time_limit(90, 120) == "1.5–2 minutes."
    assert time_limit(150, 180) == "2.5–3 minutes."
    assert time_limit(120, 120) == "Keep to 2 minutes."


def test_story_html_in_markdown_stays_text(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    text = render_markdown(load_story(hostile_story(tmp_path)).story)
    rendered = MarkdownIt("commonmark").render(text)  # raw HTML allowed, as on a lenient host
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in rendered
    assert 'href="javascript' not in rendered


def test_render_md_prints_or_writes_a_file(cli, tmp_path: Path) -> None:
    printed = cli("render", REFERENCE, "--format", "md")
    assert printed.exit_code == 0
    assert printed.stdout.startswith("# Describe a Time You Challenged the Status Quo")
    out = tmp_path / "story.md"
    written = cli("render", REFERENCE, "-f", "md", "-o", out)
    assert written.exit_code == 0
    assert out.read_text(encoding="utf-8") == printed.stdout


def test_render_refuses_an_invalid_story_with_one_line_and_writes_nothing(
        cli, tmp_path: Path) -> None:
    data = reference_data()
    del data["sections"]["task"]["coaching"]
    bad = tmp_path / "bad.story.yaml"
    bad.write_text(dump(data), encoding="utf-8")
    out = tmp_path / "out.md"
    result = cli("render", bad, "-f", "md", "-o", out)
    assert result.exit_code == 2
    assert not out.exists()
    line = result.stderr.strip()
    assert "\n" not in line and "bad.story.yaml:" in line and "coaching" in line


def test_render_rejects_an_unknown_format(cli) -> None:
    result = cli("render", REFERENCE, "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'md', 'html'" in result.stderr
