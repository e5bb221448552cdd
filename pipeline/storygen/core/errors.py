"""User-facing errors and exit codes: each error names the file, the line and the fix."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from storygen.core.terminal import printable


class ExitStatus(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    PROVIDER = 3


class StorygenError(Exception):
    """An error the user can act on; printed as one line, no traceback."""

    exit_status: ExitStatus = ExitStatus.USAGE

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def one_line(self) -> str:
        """``path:line:col: message`` on a single line."""
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return printable((where + self.message).replace("\n", " "), keep="")


class InputError(StorygenError):
    """A file that could not be read or parsed."""


class UsageError(StorygenError):
    """Options or arguments that do not fit together."""


class ProviderError(StorygenError):
    """The model provider kept failing; nothing was written."""

    exit_status = ExitStatus.PROVIDER
