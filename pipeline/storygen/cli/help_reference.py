"""The CLI reference in README.md, generated from `--help` (a test keeps it current).

    python -m storygen.cli.help_reference --write README.md   # refresh the README block
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from storygen.cli.main import COMMANDS, app

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
WIDTH = 100


def _help(args: list[str]) -> str:
    from typer.testing import CliRunner


    result = CliRunner().invoke(app, [*args, "--help"], terminal_width=WIDTH, prog_name="storygen")
    return result.output.rstrip() + "\n"


def cli_reference() -> str:
    """Markdown: the top-level help, then each command's help, in the order they are listed."""
    parts = [START, "", "```text", "$ storygen --help", _help([]).rstrip(), "```"]
    for spec in COMMANDS:
        name = spec.name
        parts += ["", f"### `storygen {name}`", "", "```text",
                  f"$ storygen {name} --help", _help([name]).rstrip(), "```"]
    parts += ["", END]
    return "\n".join(parts)


def replace_block(readme: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"README has no {START} ... {END} block")
    return pattern.sub(lambda _: cli_reference(), readme)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--write":
        path = Path(argv[1])
        path.write_text(replace_block(path.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    sys.stdout.write(cli_reference() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
