"""The Jinja2 environment shared by the markdown and HTML templates, and its filters.

Story text is untrusted: HTML templates autoescape everything, and markdown output
escapes the characters that would otherwise become HTML or markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from storygen.story.model import SECTION_LABELS as STORY_SECTION_LABELS
from storygen.story.model import SECTION_NAMES, Section, Story

if TYPE_CHECKING:
    import jinja2

SECTION_MARKS: dict[str, str] = {"situation": "S", "task": "T", "action": "A", "result": "R",
                                 "reflection": "💭"}
SECTION_LABELS: dict[str, tuple[str, str]] = {
    name: (SECTION_MARKS[name], label) for name, label in STORY_SECTION_LABELS.items()}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Card:
    """One S/T/A/R/reflection card as the templates show it."""

    name: str
    letter: str
    label: str
    section: Section


def cards(story: Story) -> list[Card]:
    """The five section cards in speaking order."""
    return [Card(name, *SECTION_LABELS[name], getattr(story.sections, name))
            for name in SECTION_NAMES]


def clock(seconds: int) -> str:
    """``90`` -> ``1:30``."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def minutes(seconds: int) -> str:
    """``150`` -> ``2.5``, ``120`` -> ``2``."""
    value = round(seconds / 60, 1)
    return str(int(value)) if value == int(value) else str(value)


def time_limit(low: int, high: int) -> str:
    """A level's time limit as the seed words it ("Keep to 2 minutes", "2.5-3 minutes")."""
    if low == high:
        return f"Keep to {minutes(high)} minutes."
    return f"{minutes(low)}–{minutes(high)} minutes."


def same_words(a: str, b: str) -> bool:
    """Whether two texts say the same words, ignoring case and punctuation: a title that only
    restates the question is not shown twice."""
    return _WORDS.findall(a.casefold()) == _WORDS.findall(b.casefold())


def option_letter(index: int) -> str:
    return "ABCDEFGHIJ"[index] if 0 <= index < 10 else str(index + 1)


def md_escape(text: Any) -> str:
    """Markdown-safe text: no raw HTML, no accidental emphasis, links or tables."""
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return "  \n".join(line.strip() for line in value.split("\n"))


def md_quote(text: Any) -> str:
    """A markdown block quote of ``text``, every line prefixed."""
    return "\n".join("> " + line if line else ">" for line in md_escape(text).split("\n"))


def static_text(name: str) -> str:
    """A stylesheet or script shipped beside the templates."""
    return (files("storygen") / "templates" / name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Nothing but the page's own inline script and style; no network, no injected code."""
    return ("default-src 'none'; " f"script-src {csp_hash(script)}; " f"style-src {csp_hash(style)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


@cache
def environment(autoescape: bool) -> jinja2.Environment:
    """The environment for HTML (autoescape on) or markdown (escaping by filter) templates."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storygen", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(clock=clock, minutes=minutes, letter=option_letter, md=md_escape,
                       quote=md_quote)
    env.globals.update(time_limit=time_limit, cards=cards, same_words=same_words)
    return env


def render_template(name: str, *, autoescape: bool, **context: Any) -> str:
    return environment(autoescape).get_template(name).render(**context)
