"""Headless Chromium (the system package, never a downloaded browser) driven by Playwright.

Without Chromium the browser tests skip, unless CI is set: then they fail, because CI installs it.
Every page is opened with all traffic that is not file: or data: aborted and recorded, and
every test leaves a screenshot under tests/browser/screenshots/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from storygen.checks.stories import load_story
from storygen.story.canonical import dump
from storygen.story.loader import load_story_source
from storygen.views.html import render_html
from storygen.views.site import SiteOptions, build_site

from ..conftest import FIXTURES, REFERENCE

CHROMIUM = Path(os.environ.get("STORYGEN_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCAL = ("file:", "data:", "about:")
HOSTILE = '<script>window.__pwned = 1</script><img src="https://example.com/x.png" ' \
          'onerror="window.__pwned = 2">'


def _unavailable(reason: str) -> None:
    if "CI" in os.environ:
        pytest.fail(f"{reason}; CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(f"{reason} (install it with: apt-get install chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Traffic:
    """Every request a page made, and the ones aborted because they were not local."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_offline(self) -> None:
        assert self.blocked == [], f"the page tried the network: {self.blocked}"
        assert all(url.startswith(LOCAL) for url in self.requests), self.requests
        assert self.errors == [], f"script errors or policy violations: {self.errors}"


def _open(browser: Any, viewport: dict[str, int]) -> tuple[Any, Any, Traffic]:
    context = browser.new_context(viewport=viewport)
    traffic = Traffic()

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            traffic.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(5_000)
    page.on("request", lambda req: traffic.requests.append(req.url))
    page.on("pageerror", lambda exc: traffic.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and traffic.errors.append(msg.text))
    return context, page, traffic


def _screenshot_name(request: pytest.FixtureRequest, suffix: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    name = request.node.name.replace("[", "-").replace("]", "")
    return SCREENSHOTS / f"{name}{suffix}.png"


@pytest.fixture()
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A desktop-sized page; its traffic is checked and a screenshot taken when the test ends."""
    context, page, traffic = _open(browser, DESKTOP)
    page.traffic = traffic
    yield page
    page.screenshot(path=_screenshot_name(request, ""), full_page=False)
    context.close()
    traffic.assert_offline()


@pytest.fixture()
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A phone-sized page, checked like ``page``."""
    context, page, traffic = _open(browser, PHONE)
    page.traffic = traffic
    yield page
    page.screenshot(path=_screenshot_name(request, "-phone"), full_page=False)
    context.close()
    traffic.assert_offline()


@pytest.fixture()
def shot(request: pytest.FixtureRequest):
    """Save a named screenshot of a page in the middle of a test."""

    def take(page: Any, label: str, full_page: bool = False) -> None:
        page.screenshot(path=_screenshot_name(request, f"-{label}"), full_page=full_page)

    return take


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """file: URLs of the rendered reference story, a hostile story and a site."""
    root = tmp_path_factory.mktemp("pages")
    reference = root / "reference.html"
    reference.write_text(render_html(load_story(REFERENCE).story), encoding="utf-8")
    data = load_story_source(REFERENCE).data
    data["title"] = "Hostile " + HOSTILE
    data["sections"]["situation"]["strong_example"] += " " + HOSTILE
    data["quizzes"][0]["options"][0] = HOSTILE
    hostile_story = root / "hostile.story.yaml"
    hostile_story.write_text(dump(data), encoding="utf-8")
    hostile = root / "hostile.html"
    hostile.write_text(render_html(load_story(hostile_story).story), encoding="utf-8")
    build_site(SiteOptions(paths=[FIXTURES / "bank"], out=root / "site"))
    return {"reference": reference.as_uri(), "hostile": hostile.as_uri(),
            "site": (root / "site" / "index.html").as_uri()}
