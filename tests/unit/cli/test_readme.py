"""The README opens with the two commands, and its CLI reference matches `--help`."""

from __future__ import annotations

import re

from storygen.cli.help_reference import END, START, cli_reference

from ...conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_cli_reference_is_current() -> None:
    block = README[README.index(START): README.index(END) + len(END)]
    assert block == cli_reference(), "run: python -m storygen.cli.help_reference --write README.md"


def test_readme_opens_with_the_install_and_test_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.DOTALL)
    first, second = blocks[0].strip(), blocks[1].strip()
    assert "pip install -e ." in first and "storygen draft raw_notes/" in first
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text()
    assert second in ci, ".ci/run must run exactly the README's test command"


REPO_PATH = re.compile(r"(?<![\w./-])((?:raw_notes|generated|tests|schemas|\.ci)/[\w./-]*)")


def _fenced_blocks(text: str) -> list[str]:
    """The code blocks outside the generated CLI reference, and the inline commands
    (`storygen ...`) of the prose."""
    body = text[:text.index(START)] + text[text.index(END):]
    blocks = re.findall(r"```[a-z]*\n(.*?)```", body, re.DOTALL)
    prose = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    return blocks + re.findall(r"`(storygen [^`]*)`", prose)


def test_every_repository_path_a_readme_command_names_exists() -> None:
    named = {match.rstrip(".") for block in _fenced_blocks(README)
             for match in REPO_PATH.findall(block)}
    assert "raw_notes/webhook-dlq.md" in named  # the check reads the blocks at all
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert missing == [], f"README commands name files that do not exist: {missing}"
