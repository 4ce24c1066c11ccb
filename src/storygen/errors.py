"""Errors a user can act on. Each names the file, and where it can the row and column.

These are the only errors a run raises on bad input: whatever the data, a narrative or a
template, storygen either stops with one of them or writes drafts. On the command line:

- exit code 2: a ``StorygenError`` (the message says what to fix); nothing is written and
  the output folder is left as it was;
- exit code 1: drafts were written, but some stories were held for an editor (a template
  that failed, or implausible data), each listed under ``held`` in the manifest with the
  reason;
- exit code 0: every story was written.
"""

from __future__ import annotations

from typing import Any


class StorygenError(Exception):
    """Base class: a problem the user can fix (exit code 2 on the command line).

    It survives pickling as it is, message and fields, so that an error met in a forked
    worker is the one the user sees (the default pickling calls ``__init__`` again with the
    finished message, which a subclass taking a file and a message cannot take).

    >>> import pickle
    >>> error = pickle.loads(pickle.dumps(DataError("cases.csv", "no rows", row=2)))
    >>> type(error).__name__, str(error), error.row
    ('DataError', 'cases.csv, line 2: no rows', 2)
    """

    exit_code = 2

    def __reduce__(self) -> tuple[Any, ...]:
        return _remade, (type(self), self.args, self.__dict__)


def _remade(kind: type[StorygenError], args: tuple[Any, ...], fields: dict[str, Any]) -> Any:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(fields)
    return error


class DataError(StorygenError):
    """Input data is not what the narrative expects.

    ``row`` is the 1-based line number in the file, counting the header as line 1,
    so that it matches what a text editor shows. The message says what was found and
    what was expected there.

    >>> str(DataError("cases.csv", "'-3' is below 0; expected a whole number of 0 or more",
    ...               row=20, column="newCasesBySpecimenDate"))
    "cases.csv, line 20, column 'newCasesBySpecimenDate': '-3' is below 0; expected a whole number of 0 or more"
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
