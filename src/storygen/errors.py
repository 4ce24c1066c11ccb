"""Errors a user can act on. Each names the file, and where it can the row and column."""

from __future__ import annotations


class StorygenError(Exception):
    """Base class: a problem the user can fix (exit code 2 on the command line)."""

    exit_code = 2


class DataError(StorygenError):
    """Input data is not what the narrative expects.

    ``row`` is the 1-based line number in the file, counting the header as line 1,
    so that it matches what a text editor shows.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.message = message
        where = self.file
        if row is not None:
            where += f", line {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")


class NarrativeError(StorygenError):
    """A narrative, template or patch file is wrong."""

    def __init__(self, file: str, message: str) -> None:
        self.file = str(file)
        super().__init__(f"{file}: {message}")
