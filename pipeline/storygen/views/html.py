"""Self-contained HTML pages: inline CSS and JS, no network, a CSP that allows nothing else."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from storygen.story.levels import level_time_limit
from storygen.story.model import Story
from storygen.views.templating import content_security_policy, render_template, static_text

STYLE = "style.css"
SCRIPT = "story.js"


def render_page(template: str, *, script: bool, **context: Any) -> str:
    """Render a page template with the shared stylesheet and, when asked, the story script."""
    from markupsafe import Markup

    style_text = static_text(STYLE)
    script_text = static_text(SCRIPT) if script else ""
    csp = content_security_policy(script_text, style_text)
    return render_template(template, autoescape=True, csp=csp, style=Markup(style_text),
                           script=Markup(script_text), **context)


def quiz_hash(story: Story) -> str:
    """A short digest of the quizzes: the browser keeps answers under it, so answers saved for
    other questions or options are never shown against a changed quiz."""
    quizzes = [quiz.model_dump(mode="json") for quiz in story.quizzes]
    text = json.dumps(quizzes, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def render_html(story: Story, *, back_link: str | None = None) -> str:
    """One story's walkthrough with its Read, Practice and Quiz modes."""
    return render_page("story.html.j2", script=True, story=story, back_link=back_link,
                       limit=level_time_limit(story.level), quiz_hash=quiz_hash(story))
