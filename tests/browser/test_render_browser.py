"""The story page in headless Chromium: modes, reveals, countdowns, quizzes, phones, no network."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def visible(page: Any, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


def test_mode_buttons_switch_panels_by_mouse_and_keyboard(page: Any, pages: dict, shot) -> None:
    page.goto(pages["reference"])
    assert visible(page, "#panel-read") and not visible(page, "#panel-practice")
    assert page.get_attribute("[data-mode=read]", "aria-pressed") == "true"
    shot(page, "read")

    page.click("[data-mode=practice]")
    assert visible(page, "#panel-practice") and not visible(page, "#panel-read")
    assert page.get_attribute("[data-mode=practice]", "aria-pressed") == "true"
    assert page.get_attribute("[data-mode=read]", "aria-pressed") == "false"
    assert page.evaluate("location.hash") == "#practice"

    for _ in range(10):  # keyboard only: Tab to the Quiz button, then Space
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.mode") == "quiz":
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button has no visible focus ring"
    shot(page, "focus-ring")
    page.keyboard.press("Space")
    assert visible(page, "#panel-quiz") and not visible(page, "#panel-practice")

    page.reload()  # the mode is kept in the address
    assert visible(page, "#panel-quiz")


def test_revealing_a_strong_example_then_moving_to_the_next_card(page: Any, pages: dict,
                                                                  shot) -> None:
    page.goto(pages["reference"] + "#practice")
    card = page.locator(".practice-card").nth(0)
    example = card.locator(".strong-example")
    assert card.is_visible() and not example.is_visible()
    assert not card.locator(".coaching").is_visible()
    button = card.locator("button.reveal")
    assert button.inner_text() == "Reveal strong example"
    button.click()
    assert example.is_visible()
    assert "0.3% webhook drop rate" in example.inner_text()
    assert card.locator(".coaching").is_visible() and card.locator(".phrases").is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert button.inner_text() == "Hide strong example"
    shot(page, "revealed")

    page.get_by_role("button", name="Next →").click()
    task = page.locator(".practice-card").nth(1)
    assert task.is_visible() and not card.is_visible()
    assert not task.locator(".strong-example").is_visible()
    assert page.inner_text("#practice-progress") == "Card 2 of 5"
    page.keyboard.press("ArrowRight")
    assert page.inner_text("#practice-progress") == "Card 3 of 5"


def test_countdown_runs_pauses_overruns_and_resets(page: Any, pages: dict, shot) -> None:
    page.clock.install()
    page.goto(pages["reference"] + "#practice")
    card = page.locator(".practice-card").nth(0)
    clock = card.locator("[data-clock]")
    assert clock.inner_text() == "0:30"
    card.get_by_role("button", name="Start").click()
    page.clock.run_for(5_000)
    assert clock.inner_text() == "0:25"
    shot(page, "running")
    card.get_by_role("button", name="Pause").click()
    page.clock.run_for(10_000)
    assert clock.inner_text() == "0:25"
    card.get_by_role("button", name="Resume").click()
    page.clock.run_for(27_000)
    assert clock.inner_text() == "+0:02 over"
    assert "over" in (clock.get_attribute("class") or "")
    assert card.locator("[data-timeup]").inner_text() == "Time is up."
    shot(page, "overtime")
    card.get_by_role("button", name="Reset").click()
    assert clock.inner_text() == "0:30"


def test_countdown_moves_in_real_time(page: Any, pages: dict) -> None:
    from playwright.sync_api import expect

    page.goto(pages["reference"] + "#practice")
    card = page.locator(".practice-card").nth(0)
    card.get_by_role("button", name="Start").click()
    expect(card.locator("[data-clock]")).not_to_have_text("0:30", timeout=5_000)
    assert card.locator("[data-clock]").inner_text() in ("0:29", "0:28")


def test_quiz_answers_get_right_and_wrong_feedback(page: Any, pages: dict, shot) -> None:
    page.goto(pages["reference"])
    page.click("[data-mode=quiz]")
    first, second = page.locator("[data-quiz]").nth(0), page.locator("[data-quiz]").nth(1)
    assert not first.locator("[data-explanation]").is_visible()

    first.get_by_role("button", name="B. I traced the failure").click()
    assert first.locator("[data-feedback]").inner_text() == "Right!"
    assert first.locator("[data-explanation]").is_visible()
    assert "first-person" in first.locator("[data-explanation]").inner_text()

    second.get_by_role("button", name="B. A description of the system architecture.").click()
    feedback = second.locator("[data-feedback]").inner_text()
    assert feedback.startswith("Not quite. The answer is A. Quantified impact")
    assert "wrong" in second.locator(".option").nth(1).get_attribute("class")
    assert "right" in second.locator(".option").nth(0).get_attribute("class")
    assert page.inner_text("#quiz-score") == "2 of 3 answered, 1 right"
    shot(page, "answered", full_page=True)

    second.get_by_role("button", name="Try again").click()
    assert second.locator("[data-feedback]").inner_text() == ""
    assert page.inner_text("#quiz-score") == "1 of 3 answered, 1 right"


def test_whole_story_timer_runs_against_the_level_limit(page: Any, pages: dict, shot) -> None:
    page.clock.install()
    page.goto(pages["reference"] + "#practice")
    box = page.locator("[data-story-timer]")
    clock, status = box.locator("[data-story-clock]"), box.locator("[data-story-status]")
    assert "SDE2 limit: 2:00–3:00" in box.inner_text()  # the knowledge base's SDE2 limit
    assert clock.inner_text() == "0:00" and status.inner_text().startswith("Start the clock")
    box.get_by_role("button", name="Start").click()
    page.clock.run_for(65_000)
    assert clock.inner_text() == "1:05"
    assert status.inner_text() == "Under the 2:00 minimum."
    box.get_by_role("button", name="Stop").click()
    page.clock.run_for(30_000)
    assert clock.inner_text() == "1:05"
    box.get_by_role("button", name="Resume").click()
    page.clock.run_for(60_000)
    assert clock.inner_text() == "2:05" and status.inner_text() == "Within the limit."
    assert "over" not in (clock.get_attribute("class") or "")
    page.clock.run_for(60_000)
    assert clock.inner_text() == "3:05"
    assert "over" in (clock.get_attribute("class") or "")
    assert status.inner_text() == "Over the 3:00 limit by 0:05."
    assert "width: 100%" in (box.locator("[data-story-fill]").get_attribute("style") or "")
    assert page.locator(".practice-card").nth(0).locator("[data-clock]").inner_text() == "0:30"
    shot(page, "over-limit")
    box.get_by_role("button", name="Reset").click()
    assert clock.inner_text() == "0:00" and status.inner_text().startswith("Start the clock")
    assert "over" not in (clock.get_attribute("class") or "")
    assert box.get_by_role("button", name="Start").is_visible()


def test_whole_story_timer_pauses_when_leaving_practice(page: Any, pages: dict) -> None:
    page.clock.install()
    page.goto(pages["reference"] + "#practice")
    box = page.locator("[data-story-timer]")
    box.get_by_role("button", name="Start").click()
    page.clock.run_for(10_000)
    page.click("[data-mode=read]")
    page.clock.run_for(50_000)
    page.click("[data-mode=practice]")
    assert box.locator("[data-story-clock]").inner_text() == "0:10"
    assert box.get_by_role("button", name="Resume").is_visible()


def answer_first_two(page: Any) -> None:
    first, second = page.locator("[data-quiz]").nth(0), page.locator("[data-quiz]").nth(1)
    first.get_by_role("button", name="B. I traced the failure").click()
    second.get_by_role("button", name="B. A description of the system architecture.").click()
    assert page.inner_text("#quiz-score") == "2 of 3 answered, 1 right"


def test_quiz_answers_survive_a_reload_until_reset(page: Any, pages: dict, shot) -> None:
    page.goto(pages["reference"] + "#quiz")
    answer_first_two(page)
    page.reload()
    first, second = page.locator("[data-quiz]").nth(0), page.locator("[data-quiz]").nth(1)
    assert page.inner_text("#quiz-score") == "2 of 3 answered, 1 right"
    assert first.locator("[data-feedback]").inner_text() == "Right!"
    assert second.locator("[data-feedback]").inner_text().startswith("Not quite. The answer is A.")
    assert "wrong" in (second.locator(".option").nth(1).get_attribute("class") or "")
    assert second.locator("[data-explanation]").is_visible()
    shot(page, "restored", full_page=True)

    second.get_by_role("button", name="Try again").click()  # a retried quiz stays open
    page.reload()
    assert page.inner_text("#quiz-score") == "1 of 3 answered, 1 right"
    page.get_by_role("button", name="Reset answers").click()
    assert page.inner_text("#quiz-score") == "0 of 3 answered, 0 right"
    assert page.locator("[data-quiz]").nth(0).locator("[data-feedback]").inner_text() == ""
    page.reload()
    assert page.inner_text("#quiz-score") == "0 of 3 answered, 0 right"
    assert page.evaluate("window.localStorage.length") == 0


def test_answers_to_a_changed_quiz_are_not_restored(page: Any, pages: dict,
                                                    tmp_path: Any) -> None:
    from storygen.checks.stories import load_story
    from storygen.story.canonical import dump
    from storygen.story.loader import load_story_source
    from storygen.views.html import render_html

    from ..conftest import REFERENCE

    data = load_story_source(REFERENCE).data
    data["quizzes"][0]["answer"] = 2  # the same story id, a different quiz
    changed = tmp_path / "changed.story.yaml"
    changed.write_text(dump(data), encoding="utf-8")
    changed_page = tmp_path / "changed.html"
    changed_page.write_text(render_html(load_story(changed).story), encoding="utf-8")

    page.goto(pages["reference"] + "#quiz")
    answer_first_two(page)
    page.goto(changed_page.as_uri() + "#quiz")
    assert page.inner_text("#quiz-score") == "0 of 3 answered, 0 right"
    page.locator("[data-quiz]").nth(2).locator(".option").nth(0).click()
    page.goto(pages["reference"] + "#quiz")  # the old version's answers were dropped
    assert page.inner_text("#quiz-score") == "0 of 3 answered, 0 right"


def test_quiz_works_when_the_browser_refuses_storage(page: Any, pages: dict) -> None:
    page.add_init_script("""Object.defineProperty(window, "localStorage", {
        get: function () { throw new DOMException("denied", "SecurityError"); } });""")
    page.goto(pages["reference"] + "#quiz")
    answer_first_two(page)
    page.get_by_role("button", name="Reset answers").click()
    assert page.inner_text("#quiz-score") == "0 of 3 answered, 0 right"
    answer_first_two(page)
    page.reload()
    assert page.inner_text("#quiz-score") == "0 of 3 answered, 0 right"


def test_probe_answers_are_revealed_on_demand(page: Any, pages: dict, shot) -> None:
    page.goto(pages["reference"] + "#quiz")
    probe = page.locator("#panel-quiz .probe").nth(0)
    assert not probe.locator(".weak").is_visible() and not probe.locator(".strong").is_visible()
    probe.get_by_role("button", name="Show strong answer").click()
    assert probe.locator(".strong").is_visible() and not probe.locator(".weak").is_visible()
    assert "I brought them a solution, not a problem." in probe.locator(".strong").inner_text()
    probe.get_by_role("button", name="Show weak answer").click()
    assert probe.locator(".weak").is_visible()
    probe.scroll_into_view_if_needed()
    shot(page, "probe")


def test_story_text_with_markup_renders_as_text(page: Any, pages: dict) -> None:
    page.goto(pages["hostile"])
    page.click("[data-mode=quiz]")
    page.locator("[data-quiz]").nth(0).locator(".option").nth(0).click()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.inner_text("h1")


@pytest.mark.parametrize("mode", ["read", "practice", "quiz"])
def test_every_mode_fits_a_phone_screen(phone: Any, pages: dict, mode: str, shot) -> None:
    phone.goto(pages["reference"] + f"#{mode}")
    if mode == "practice":
        phone.get_by_role("button", name="Reveal strong example").first.click()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{mode} scrolls sideways by {overflow}px"
    boxes = [phone.locator(f"[data-mode={m}]").bounding_box() for m in ("read", "practice", "quiz")]
    assert len({round(b["y"]) for b in boxes}) == 1, "mode buttons should share one row"
    assert all(b["height"] >= 44 for b in boxes), "touch targets are at least 44px tall"
    shot(phone, "full", full_page=True)


def test_site_index_links_to_story_pages(page: Any, phone: Any, pages: dict, shot) -> None:
    page.goto(pages["site"])
    assert page.locator("tbody tr").count() == 4 + 16
    page.get_by_role("link", name="Describe a Time You Earned the Trust of Another Team").click()
    assert page.inner_text("h1") == "Describe a Time You Earned the Trust of Another Team"
    page.get_by_role("link", name="← All stories").click()
    assert page.inner_text("h1") == "Interview stories"
    phone.goto(pages["site"])
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot(phone, "index-phone", full_page=True)


def test_the_page_makes_no_network_request(page: Any, pages: dict) -> None:
    page.goto(pages["reference"])
    for mode in ("practice", "quiz", "read"):
        page.click(f"[data-mode={mode}]")
    for button in page.locator("[data-action=reveal]").all():
        if button.is_visible():
            button.click()
    page.traffic.assert_offline()
    assert page.traffic.requests and page.traffic.requests[0].startswith("file:")


def test_the_network_guard_catches_a_page_that_loads_something(browser: Any,
                                                                tmp_path: Any) -> None:
    from .conftest import DESKTOP, _open

    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!doctype html><img src="https://example.com/pixel.png">', encoding="utf-8")
    context, page, traffic = _open(browser, DESKTOP)
    try:
        page.goto(leaky.as_uri())
        page.wait_for_load_state("load")
    finally:
        context.close()
    assert traffic.blocked == ["https://example.com/pixel.png"]
    with pytest.raises(AssertionError, match="tried the network"):
        traffic.assert_offline()
