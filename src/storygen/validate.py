"""Checks on input frames, each failing with the file, line and column of the first bad cell.

Line numbers count the header as line 1, so they match what an editor shows for a CSV.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from storygen.errors import DataError


def _line(frame: pd.DataFrame, mask: pd.Series) -> int:
    """The file line of the first row where ``mask`` is true."""
    position = int(mask.to_numpy().argmax())
    return position + 2


def require_columns(frame: pd.DataFrame, columns: Sequence[str], file: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        found = ", ".join(frame.columns) or "none"
        raise DataError(
            file,
            f"missing column {missing[0]!r} (expected {', '.join(columns)}; found {found})",
            row=1,
            column=missing[0],
        )


def parse_dates(frame: pd.DataFrame, column: str, file: str) -> pd.Series:
    """ISO dates (YYYY-MM-DD) as datetime64; a blank or malformed cell is an error."""
    text = frame[column]
    parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    bad = parsed.isna()
    if bad.any():
        line = _line(frame, bad)
        value = text.iloc[line - 2]
        shown = "a blank cell" if pd.isna(value) else repr(value)
        raise DataError(
            file, f"{shown} is not a date; expected YYYY-MM-DD", row=line, column=column
        )
    return parsed


def parse_numbers(
    frame: pd.DataFrame,
    column: str,
    file: str,
    *,
    integer: bool = False,
    allow_blank: bool = False,
    minimum: float | None = 0,
) -> pd.Series:
    """Numbers as float64 (blank cells as NaN where allowed)."""
    text = frame[column]
    values = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce").astype(
        "float64"
    )
    blank = text.isna() | (text.str.strip() == "")
    unreadable = values.isna() & ~blank
    if unreadable.any():
        line = _line(frame, unreadable)
        raise DataError(
            file,
            f"{text.iloc[line - 2]!r} is not a number",
            row=line,
            column=column,
        )
    if not allow_blank and blank.any():
        raise DataError(
            file, "blank cell; expected a number", row=_line(frame, blank), column=column
        )
    if integer:
        fractional = values.notna() & (values % 1 != 0)
        if fractional.any():
            line = _line(frame, fractional)
            raise DataError(
                file, f"{text.iloc[line - 2]!r} is not a whole number", row=line, column=column
            )
    if minimum is not None:
        low = values < minimum
        if low.any():
            line = _line(frame, low)
            raise DataError(
                file,
                f"{text.iloc[line - 2]} is below {minimum:g}; counts cannot be negative",
                row=line,
                column=column,
            )
    return values


def unique_rows(frame: pd.DataFrame, keys: Sequence[str], file: str) -> None:
    """No two rows may share the same key (for example the same area and date)."""
    duplicated = frame.duplicated(subset=list(keys), keep="first")
    if duplicated.any():
        line = _line(frame, duplicated)
        row = frame.iloc[line - 2]
        key = ", ".join(f"{k}={row[k]}" for k in keys)
        raise DataError(
            file,
            f"duplicate row for {key}; each {' and '.join(keys)} may appear once",
            row=line,
            column=keys[0],
        )
