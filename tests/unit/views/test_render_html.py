"""`storygen render --format html`: one self-contained page, three modes, story text inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from storygen.checks.stories import load_story
from storygen.views.html import render_html
from storygen.views.templating import csp_hash

from ...conftest import FIXTURES, REFERENCE
from .test_render_markdown import hostile_story

BANK = FIXTURES / "bank"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.inline else None

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inline[self._open].append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def reference_html() -> str:
    return render_html(load_story(REFERENCE).story)


def test_page_is_self_contained_and_its_policy_allows_only_its_own_code() -> None:
    html = reference_html()
    tags = parse(html)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "srcset", "poster"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), f"<{tag} {name}={value!r}> loads something"
    assert [t for t, _ in tags.tags].count("script") == 1
    assert [t for t, _ in tags.tags].count("style") == 1
    csp = next(a["content"] for t, a in tags.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    assert f"script-src {csp_hash(''.join(tags.inline['script']))}" in csp
    assert f"style-src {csp_hash(''.join(tags.inline['style']))}" in csp


def test_page_offers_three_modes_as_real_buttons() -> None:
    tags = parse(reference_html())
    modes = [a for t, a in tags.tags if t == "button" and a.get("data-action") == "mode"]
    assert [m["data-mode"] for m in modes] == ["read", "practice", "quiz"]
    assert [m["aria-pressed"] for m in modes] == ["true", "false", "false"]
    assert all(m["type"] == "button" and m["aria-controls"] for m in modes)
    panels = {a["id"]: a for t, a in tags.tags if t == "section" and "data-panel" in a}
    assert set(panels) == {"panel-read", "panel-practice", "panel-quiz"}
    assert "hidden" not in panels["panel-read"] and "hidden" in panels["panel-practice"]


def test_practice_cards_count_down_from_each_target() -> None:
    story = load_story(REFERENCE).story
    tags = parse(render_html(story))
    seconds = [int(a["data-seconds"]) for t, a in tags.tags if "data-seconds" in a]
    assert seconds == [story.sections.situation.target_seconds, story.sections.task.target_seconds,
                       story.sections.action.target_seconds, story.sections.result.target_seconds,
                       story.sections.reflection.target_seconds]
    reveals = [a for t, a in tags.tags if t == "button" and a.get("data-action") == "reveal"]
    assert len(reveals) == 5 + 2 * len(story.probes)
    assert all(a["aria-expanded"] == "false" for a in reveals)


def test_read_mode_follows_the_seed_order() -> None:
    html = reference_html()
    read = html[html.index('id="panel-read"'): html.index('id="panel-practice"')]
    marks = ["Scenario Overview", 'id="read-situation"', 'id="read-task"', 'id="read-action"',
             'id="read-result"', 'id="read-reflection"', "SDE2 Reflection", "Senior Reflection",
             "Follow-up probes", "Weak Answer", "Bar Raiser Thinks", "Quiz",
             "other principles", "other levels"]
    positions = [read.index(m) for m in marks]
    assert positions == sorted(positions)


def test_story_text_cannot_inject_markup(tmp_path: Path) -> None:
    html = render_html(load_story(hostile_story(tmp_path)).story)
    tags = parse(html)
    assert [t for t, _ in tags.tags].count("script") == 1
    assert not any(t == "img" for t, _ in tags.tags)
    assert not any(k.startswith("on") for _, a in tags.tags for k in a)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "__pwned" not in "".join(tags.inline["script"])


def test_render_html_writes_one_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = cli("render", REFERENCE, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>")
    assert re.search(r"<title>Describe a Time You Challenged.*Invent and Simplify</title>", text)


# emoji and pictographs, the symbol blocks that hold emoji (clocks, warning signs, check and
# cross marks, arrows such as U+2B07), the emoji variation selector and the zero-width joiner
PICTOGRAPHS = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2300-\u23FF\u2B00-\u2BFF"
                         "\uFE0F\u200D]")


def test_page_icons_need_no_emoji_font(tmp_path: Path) -> None:
    from storygen.views.site import SiteOptions, build_site

    html = reference_html()
    assert PICTOGRAPHS.findall(html) == []
    build_site(SiteOptions(paths=[BANK], out=tmp_path / "site"))
    for page in (tmp_path / "site").glob("*.html"):
        assert PICTOGRAPHS.findall(page.read_text(encoding="utf-8")) == [], page.name
    tags = parse(html)
    icons = [a for t, a in tags.tags if t == "svg"]
    assert len(icons) > 10 and all(a["aria-hidden"] == "true" for a in icons)
    mode_html = html[html.index('data-mode="practice"'): html.index("</button>", html.index(
        'data-mode="practice"'))]
    assert "<svg" in mode_html and mode_html.rstrip().endswith("Practice")


def text_of(html: str) -> str:
    """The page's visible words, without tags, script or style."""
    body = re.sub(r"<(script|style)>.*?</\1>", "", html[html.index("<body>"):], flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_a_title_that_restates_the_question_is_shown_once() -> None:
    story = load_story(REFERENCE).story
    assert story.title.lower().rstrip(".") == story.question.lower().rstrip(".")
    html = reference_html()
    assert [t for t, _ in parse(html).tags].count("h1") == 1
    visible = text_of(html).lower()
    assert visible.count("challenged the status quo and introduced something new") == 1


def test_a_question_worded_apart_from_the_title_is_shown_once_under_it() -> None:
    story = load_story(BANK / "cache-cost-cut.story.yaml").story
    html = render_html(story)
    assert [t for t, _ in parse(html).tags].count("h1") == 1
    visible = text_of(html)
    assert visible.count(story.title) == 1 and visible.count(story.question) == 1
    assert visible.index(story.title) < visible.index(story.question)


def test_practice_has_a_whole_story_timer_with_the_levels_limit() -> None:
    from storygen.story.levels import level_time_limit

    story = load_story(BANK / "cache-cost-cut.story.yaml").story  # a Senior SDE story
    low, high = level_time_limit("Senior SDE")
    timers = [a for t, a in parse(render_html(story)).tags if "data-story-timer" in a]
    assert [(int(a["data-min"]), int(a["data-max"])) for a in timers] == [(low, high)]
    assert f"Senior SDE limit: {low // 60}:{low % 60:02d}–{high // 60}:{high % 60:02d}" \
        in text_of(render_html(story))


def test_saved_quiz_answers_are_keyed_by_story_and_quiz_content(tmp_path: Path) -> None:
    def key(story) -> str:
        panel = next(a for t, a in parse(render_html(story)).tags if a.get("id") == "panel-quiz")
        return panel["data-storage-key"]

    story = load_story(REFERENCE).story
    assert key(story).startswith("storygen:quiz:webhook-dlq-alerting:")
    assert key(story) == key(load_story(REFERENCE).story)
    retitled = story.model_copy(update={"title": "Another title"})
    assert key(retitled) == key(story)
    quizzes = [story.quizzes[0].model_copy(update={"answer": 0}), *story.quizzes[1:]]
    assert key(story.model_copy(update={"quizzes": quizzes})) != key(story)
