"""The console entry point: the table of commands, in listing order, and ``main``.

The table names each command's module and function as data; ``LazyGroup`` imports a module
(``importlib.import_module``) only when one of its commands runs or shows its help, so
``storygen --help`` and ``storygen validate`` (run by pre-commit on every commit) do not load
drafting, model and view code. ``tests/unit/cli/test_command_table.py`` checks every row.
"""

from __future__ import annotations

import os
import sys

import typer
from typer._click.exceptions import ClickException  # the click copy Typer bundles and raises

from storygen.cli.app import APP_SETTINGS, CommandSpec, LazyGroup, debug_enabled, fail, root
from storygen.core import regex_cache
from storygen.core.errors import ExitStatus, StorygenError

# name, module, function, one-line help: in the order ``storygen --help`` lists them (the order
# a user meets them). The help is the first paragraph of the function's docstring.
COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("draft", "storygen.cli.draft", "draft_command",
                "Draft stories from notes: offline by default, with a model when one is configured."),
    CommandSpec("facts", "storygen.cli.draft", "facts_command",
                "Print what the drafter extracts from notes: sentences by section, figures, "
                "before -> after pairs, scope cues, names, and what was left out."),
    CommandSpec("status", "storygen.cli.draft", "status_command",
                "Say for each drafted story whether it is up to date, its notes changed, it was "
                "edited by hand (or both), or its notes are missing. Exit 0 when every story is "
                "up to date, else 1."),
    CommandSpec("eval", "storygen.cli.evaluate", "eval_command",
                "Draft every NAME.md of CORPUS that has a NAME.gold.yaml (in memory: nothing is "
                "written) and score each draft against its gold file."),
    CommandSpec("validate", "storygen.cli.commands", "validate_command",
                "Check stories against the schema and the rules; exit 0 clean, 1 findings, "
                "2 unreadable."),
    CommandSpec("fmt", "storygen.cli.commands", "fmt_command",
                "Rewrite stories in the canonical form (key order, block scalars, one sentence "
                "a line)."),
    CommandSpec("rules", "storygen.cli.rules", "rules_command",
                "List every rule (code, severity, summary), or explain one rule with its "
                "examples."),
    CommandSpec("config", "storygen.cli.rules", "config_command",
                "Print the merged configuration and where each value came from."),
    CommandSpec("render", "storygen.cli.views", "render_command",
                "Render a story as markdown or as one self-contained HTML page (Read, Practice, "
                "Quiz)."),
    CommandSpec("site", "storygen.cli.views", "site_command",
                "Write an index page (findings, principle coverage) and a self-contained page "
                "per story."),
    CommandSpec("diff", "storygen.cli.views", "diff_command",
                "Compare two stories by JSON pointer and word; list findings introduced and "
                "fixed."),
    CommandSpec("bank", "storygen.cli.views", "bank_command",
                "Show which of the 16 principles and which levels the stories cover, and the "
                "gaps."),
    CommandSpec("export", "storygen.cli.views", "export_command",
                "Export stories as an Anki deck: a card per STAR section, probe and quiz."),
    CommandSpec("schema", "storygen.cli.commands", "schema_command",
                "Print the story JSON Schema (2020-12) generated from the models."),
    CommandSpec("init", "storygen.cli.commands", "init_command",
                "Scaffold a stories workspace: raw_notes/, generated/, storygen.toml, "
                ".gitattributes, pre-commit and CI."),
)


class StorygenGroup(LazyGroup):
    table = COMMANDS


app = typer.Typer(cls=StorygenGroup, **APP_SETTINGS)
app.callback()(root)


def main() -> None:
    """Console entry point: only here is ``sys.exit`` called."""
    regex_cache.enable()  # patterns compiled by earlier runs are read, not compiled again
    try:
        status = app(standalone_mode=False)
        sys.stdout.flush()
    except StorygenError as exc:  # raised outside a command body
        if debug_enabled():
            raise
        raise SystemExit(fail(exc).exit_code) from None
    except OSError as exc:  # stdout closed (broken pipe) or full: say so once, no traceback
        if debug_enabled():
            raise
        _silence_stdout()
        print(f"storygen: error: cannot write to standard output: {exc.strerror or exc}",
              file=sys.stderr)
        raise SystemExit(ExitStatus.USAGE) from None
    except KeyboardInterrupt:
        print("storygen: interrupted", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("storygen: aborted", file=sys.stderr)
        sys.exit(1)
    except ClickException as exc:  # found by the parser: unknown option, bad value, ...
        if debug_enabled():
            raise
        exc.show()
        sys.exit(ExitStatus.USAGE)
    except Exception as exc:
        if debug_enabled():
            raise
        print(f"storygen: internal error: {type(exc).__name__}: {exc} "
              "(set STORYGEN_DEBUG=1 for the traceback)", file=sys.stderr)
        sys.exit(70)
    sys.exit(status if isinstance(status, int) else 0)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = ["COMMANDS", "StorygenGroup", "app", "main"]
