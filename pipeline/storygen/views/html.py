"""Self-contained HTML pages: inline CSS and JS, no network, a CSP that allows nothing else."""

from __future__ import annotations

from typing import Any

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


def render_html(story: Story, *, back_link: str | None = None) -> str:
    """One story's walkthrough with its Read, Practice and Quiz modes."""
    return render_page("story.html.j2", script=True, story=story, back_link=back_link)
