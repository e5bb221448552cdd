"""Prompt files: plain text with named ``{placeholders}``, one per section group, editable
without touching code. Their combined hash goes into the story's provenance.

Where they are read from: ``STORYGEN_PROMPTS_DIR`` when set, else ``prompts/`` of a checkout,
else the copy shipped inside the package (``storygen/data/prompts``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from storygen.core.errors import InputError
from storygen.core.fsutil import CHECKOUT_DIR, PACKAGE_DIR

PROMPT_NAMES: tuple[str, ...] = (
    "system", "core", "probes", "weak_answer", "quizzes", "principle_variants", "level_variants",
    "repair", "retry",
)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def prompts_dir() -> Path:
    """The folder the prompt files are read from."""
    override = os.environ.get("STORYGEN_PROMPTS_DIR")
    if override:
        return Path(override)
    checkout = CHECKOUT_DIR / "prompts"
    if (checkout / "system.txt").is_file():
        return checkout
    return PACKAGE_DIR / "data" / "prompts"


@dataclass(frozen=True, slots=True)
class Prompts:
    """The loaded prompt templates and their combined sha256."""

    folder: Path
    templates: dict[str, str]
    sha256: str

    def render(self, name: str, values: dict[str, str]) -> str:
        """Fill ``{name}`` placeholders; other braces (JSON examples) are left alone."""
        template = self.templates[name]

        def fill(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in values:
                raise InputError(f"unknown placeholder {{{key}}}; this prompt can use: "
                                 + ", ".join("{" + k + "}" for k in sorted(values)),
                                 path=self.folder / f"{name}.txt")
            return values[key]

        return _PLACEHOLDER.sub(fill, template)


def load_prompts(folder: Path | None = None) -> Prompts:
    """Read every prompt file; a missing one is a one-line error naming it."""
    folder = folder or prompts_dir()
    templates: dict[str, str] = {}
    digest = hashlib.sha256()
    for name in PROMPT_NAMES:
        path = folder / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read prompt file ({exc.strerror or exc}); restore it or "
                             "point STORYGEN_PROMPTS_DIR at a folder with all of: "
                             + ", ".join(f"{n}.txt" for n in PROMPT_NAMES), path=path) from None
        templates[name] = text
        digest.update(f"{name}.txt\0".encode())
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return Prompts(folder, templates, digest.hexdigest())


def fence(text: str, tag: str) -> str:
    """``text`` between ``<tag>`` lines, with any closing tag inside it defused."""
    body = re.sub(rf"</\s*{tag}\s*>", f"</ {tag}>", text, flags=re.IGNORECASE).strip("\n")
    return f"<{tag}>\n{body}\n</{tag}>"
