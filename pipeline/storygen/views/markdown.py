"""The whole walkthrough as markdown that reads well on GitHub."""

from __future__ import annotations

import re

from storygen.core.terminal import printable
from storygen.story.model import Story
from storygen.views.templating import render_template


def render_markdown(story: Story) -> str:
    """The seed's walkthrough, in its order, as GitHub-flavoured markdown."""
    text = render_template("story.md.j2", autoescape=False, story=story)
    return printable(re.sub(r"\n{3,}", "\n\n", text).rstrip("\n")) + "\n"
