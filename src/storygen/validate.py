"""Checks on input frames, each failing with the file, line and column of the first bad cell
and what was expected there.

Frames come from ``storygen.sources`` numbered from 0 in file order, so a row labelled ``i``
is on line ``i + 2`` of its CSV (the header is line 1), as an editor shows it. Frames that
were filtered keep their labels, so lines stay right.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from storygen.errors import DataError


def line_of(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> int:
    """The file line of the first row where ``mask`` is true.

    >>> frame = pd.DataFrame({"a": ["1", "x", "y"]}, index=[0, 5, 9])
    >>> line_of(frame, frame["a"] == "y")
    11
    """
    position = int(np.asarray(mask).argmax())
    return int(frame.index[position]) + 2


def _cell(frame: pd.DataFrame, mask: pd.Series | np.ndarray, column: str) -> tuple[int, str]:
    """The line of the first row where ``mask`` is true, and its cell in ``column`` as shown."""
    position = int(np.asarray(mask).argmax())
    value = frame[column].iloc[position]
    shown = "a blank cell" if pd.isna(value) or not str(value).strip() else repr(value)
    return int(frame.index[position]) + 2, shown


def each_distinct(text: pd.Series, parse: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``parse(text)``, parsing each distinct cell once (a date or a count repeats on many
    rows); a missing cell gives what ``parse`` gives a missing cell.

    >>> text = pd.Series(["2020-11-25", None, "2020-11-25", "x"], dtype="string")
    >>> parse = lambda t: pd.to_datetime(t, format="%Y-%m-%d", errors="coerce")
    >>> each_distinct(text, parse).equals(parse(text))
    True
    """
    codes, distinct = pd.factorize(text)  # a missing cell is -1
    parsed = parse(pd.Series(distinct, dtype=text.dtype)).to_numpy()
    missing = parse(pd.Series([pd.NA], dtype=text.dtype)).to_numpy()
    values = np.concatenate([parsed, missing]).take(np.where(codes < 0, len(parsed), codes))
    return pd.Series(values, index=text.index, name=text.name)


def missing_column_message(column: str, columns: Sequence[str], found: Sequence[str]) -> str:
    """What a missing column's error says, with the header's nearest name if any.

    >>> missing_column_message("date", ["areaCode", "date"], ["areaCode", "Date"])
    "no column 'date'; expected columns areaCode, date (found areaCode, Date; was 'date' renamed 'Date'?)"
    """
    shown = (", ".join(found[:12]) + (", ..." if len(found) > 12 else "")) if found else "none"
    lower = {name.lower(): name for name in found if name not in columns}
    wanted = column.lower()
    close = [name for name in lower if name and (name in wanted or wanted in name)]
    close = close or difflib.get_close_matches(wanted, list(lower), n=1, cutoff=0.6)
    hint = f"; was {column!r} renamed {lower[close[0]]!r}?" if close else ""
    return f"no column {column!r}; expected columns {', '.join(columns)} (found {shown}{hint})"


def require_columns(frame: pd.DataFrame, columns: Sequence[str], file: str) -> None:
    """Every one of ``columns`` is in the frame (the header is line 1)."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        message = missing_column_message(missing[0], columns, [str(c) for c in frame.columns])
        raise DataError(file, message, row=1, column=missing[0])


def parse_dates(
    frame: pd.DataFrame, column: str, file: str, *, today: pd.Timestamp | None = None
) -> pd.Series:
    """ISO dates (YYYY-MM-DD) as datetime64; a blank, malformed or future cell is an error.

    Figures are counted after the day they describe, so a date after ``today`` (by default
    the day the run is made) is a fault in the feed.
    """
    text = frame[column]
    parsed = each_distinct(text, lambda t: pd.to_datetime(t, format="%Y-%m-%d", errors="coerce"))
    bad = parsed.isna()
    if bad.any():
        line, shown = _cell(frame, bad, column)
        raise DataError(
            file, f"{shown} is not a date; expected YYYY-MM-DD", row=line, column=column
        )
    today = pd.Timestamp.today().normalize() if today is None else today
    future = parsed > today
    if future.any():
        line, shown = _cell(frame, future, column)
        raise DataError(
            file,
            f"{shown} is after today ({today:%Y-%m-%d}); expected dates on or before today "
            "(is the feed's date column wrong?)",
            row=line,
            column=column,
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
    """Numbers as float64 (blank cells as NaN where allowed; thousands commas are read)."""
    text = frame[column]
    what = "a whole number" if integer else "a number"
    if minimum is not None:
        what += f" of {minimum:g} or more"
    values = each_distinct(
        text,
        lambda t: pd.to_numeric(t.str.replace(",", "", regex=False), errors="coerce").astype(
            "float64"
        ),
    )
    blank = (text.isna() | (text.str.strip() == "")).to_numpy(dtype=bool)
    unreadable = (np.isnan(values.to_numpy()) | np.isinf(values.to_numpy())) & ~blank
    if unreadable.any():
        line, shown = _cell(frame, unreadable, column)
        raise DataError(file, f"{shown} is not a number; expected {what}", row=line, column=column)
    if not allow_blank and blank.any():
        line = line_of(frame, blank)
        raise DataError(
            file,
            f"a blank cell; expected {what} (the narrative does not allow blanks here)",
            row=line,
            column=column,
        )
    if integer:
        fractional = values.notna() & (values % 1 != 0)
        if fractional.any():
            line, shown = _cell(frame, fractional, column)
            raise DataError(
                file, f"{shown} is not a whole number; expected {what}", row=line, column=column
            )
    if minimum is not None:
        low = values < minimum
        if low.any():
            line, shown = _cell(frame, low, column)
            raise DataError(
                file,
                f"{shown} is below {minimum:g}; expected {what} (counts cannot be negative)",
                row=line,
                column=column,
            )
    return values


def unique_rows(frame: pd.DataFrame, keys: Sequence[str], file: str) -> None:
    """No two rows may share the same key (for example the same area and date)."""
    duplicated = frame.duplicated(subset=list(keys), keep=False)
    if not duplicated.any():
        return
    repeats = frame[duplicated.to_numpy()]
    later = repeats.duplicated(subset=list(keys), keep="first")
    row = repeats[later.to_numpy()].iloc[0]
    first = repeats.index[(repeats[list(keys)] == row[list(keys)]).all(axis=1).to_numpy()][0]
    key = ", ".join(f"{k} {row[k]}" for k in keys)
    raise DataError(
        file,
        f"a second row for {key} (the first is line {int(first) + 2}); "
        f"expected each {' and '.join(keys)} once",
        row=line_of(repeats, later),
        column=keys[-1],
    )


def no_blanks(frame: pd.DataFrame, columns: Sequence[str], file: str, what: str) -> None:
    """Every cell of ``columns`` is filled in; ``what`` says what a cell should hold."""
    for column in columns:
        blank = frame[column].isna() | (frame[column].str.strip() == "")
        if blank.any():
            raise DataError(
                file,
                f"a blank cell; expected {what} in every row",
                row=line_of(frame, blank),
                column=column,
            )


def known_codes(
    frame: pd.DataFrame,
    column: str,
    known: pd.Index,
    file: str,
    *,
    lookup: str,
    lookup_column: str,
) -> None:
    """Every area code in ``column`` is one of the ``known`` codes of the lookup file."""
    codes = frame[column].str.strip()
    no_blanks(frame, [column], file, "an area code")
    unknown = ~codes.isin(known)
    if unknown.any():
        line, shown = _cell(frame, unknown, column)
        others = codes[unknown].nunique() - 1
        also = f" ({others} other unknown code{'s' if others != 1 else ''} too)" if others else ""
        raise DataError(
            file,
            f"area code {shown} is not in the lookup {lookup} (column {lookup_column!r}){also}; "
            f"expected one of its {len(known)} codes: correct the code or add the area there",
            row=line,
            column=column,
        )


def rates_match(
    frame: pd.DataFrame,
    *,
    areas: pd.Series,
    counts: pd.Series,
    rates: pd.Series,
    count_column: str,
    rate_column: str,
    per: float,
    file: str,
    population: pd.Series | None = None,
) -> None:
    """A rate column agrees with its count column, per ``per`` people, to the rate's rounding.

    ``areas``, ``counts`` and ``rates`` are aligned with ``frame``. ``population`` maps area
    codes to people. Where it is not given, each area's population is worked out from its
    row with the largest count (the most precise), and its other rows must agree within
    both rows' rounding; when most of them disagree, that row is the one reported. An area
    whose counts are all zero or blank is checked only for zero rates. Blanks must pair up:
    a suppressed count has a blank rate.
    """
    count_blank = counts.isna().to_numpy()
    rate_blank = rates.isna().to_numpy()
    uneven = count_blank != rate_blank
    if uneven.any():
        position = int(uneven.argmax())
        column = count_column if count_blank[position] else rate_column
        other = rate_column if count_blank[position] else count_column
        raise DataError(
            file,
            f"a blank cell where {other!r} is {frame[other].iloc[position]!r}; expected both "
            "blank (a suppressed figure) or both filled in",
            row=int(frame.index[position]) + 2,
            column=column,
        )
    count = counts.to_numpy(dtype="float64")
    rate = rates.to_numpy(dtype="float64")
    code = areas.to_numpy()
    decimals = frame[rate_column].str.extract(r"\.(\d+)\s*$")[0].str.len().max()
    digits = 0 if pd.isna(decimals) else int(decimals)
    half = 0.5 * 10.0**-digits
    both = ~count_blank & ~rate_blank

    def refuse(position: int, expected: float, margin: float, basis: str) -> None:
        raise DataError(
            file,
            f"the rate {frame[rate_column].iloc[position]!r} does not match the count "
            f"{frame[count_column].iloc[position]!r} in {count_column!r}; expected "
            f"{expected:,.{digits}f} (give or take {margin:.2g}), from "
            f"{count[position]:,.0f} per {per:,.0f} of {basis}",
            row=int(frame.index[position]) + 2,
            column=rate_column,
        )

    zero_mismatch = both & ((count == 0) != (rate == 0))
    if population is not None:
        people = pd.Series(code).map(population).to_numpy(dtype="float64")
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = count * per / people
        off = (both & (np.abs(expected - rate) > half * 1.001 + 1e-9 * rate)) | zero_mismatch
        if off.any():
            at = int(off.argmax())
            refuse(at, expected[at], half, f"a population of {people[at]:,.0f}")
        return
    usable = both & (count > 0) & (rate > 0)
    order = pd.DataFrame(
        {"area": code[usable], "count": count[usable], "at": np.flatnonzero(usable)}
    )
    best = order.sort_values(["count", "at"], ascending=[False, True]).drop_duplicates("area")
    reference = pd.Series(code).map(best.set_index("area")["at"]).to_numpy(dtype="float64")
    known = ~np.isnan(reference)
    ref = np.where(known, reference, 0).astype(int)
    people = np.where(known, count[ref] * per / rate[ref], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = count * per / people
        margin = half * (1 + rate / rate[ref]) * 1.001 + 1e-9 * rate
    off = (both & known & (np.abs(expected - rate) > margin)) | zero_mismatch
    if not off.any():
        return
    at = int(off.argmax())
    if not known[at] or zero_mismatch[at]:
        raise DataError(
            file,
            f"the rate {frame[rate_column].iloc[at]!r} does not match the count "
            f"{frame[count_column].iloc[at]!r} in {count_column!r}; expected a zero rate for "
            "a zero count and a rate above zero for any other",
            row=int(frame.index[at]) + 2,
            column=rate_column,
        )
    same = usable & (code == code[at])
    if off[same].sum() * 2 > same.sum() - 1:  # most rows disagree with the reference row
        others = same.copy()
        others[ref[at]] = False
        estimate = float(np.median(count[others] * per / rate[others]))
        at = ref[at]
        refuse(
            at, count[at] * per / estimate, half, f"about {estimate:,.0f} (the area's other rows)"
        )
    line = int(frame.index[ref[at]]) + 2
    refuse(
        at,
        expected[at],
        margin[at],
        f"a population of {people[at]:,.0f} (worked out from line {line})",
    )


def as_of_in_range(as_of: pd.Timestamp, frame: pd.DataFrame, column: str, file: str) -> None:
    """The as-of date falls within the dates of ``column`` (already checked as dates)."""
    dates = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    first, last = dates.min(), dates.max()
    for outside, edge, where, side in (
        (as_of > last, last, "after the data ends: the latest date is", "on or before"),
        (as_of < first, first, "before the data begin: the first date is", "on or after"),
    ):
        if outside:
            raise DataError(
                file,
                f"the as-of date {as_of:%Y-%m-%d} is {where} {edge:%Y-%m-%d}; "
                f"expected --as-of {side} it",
                row=line_of(frame, dates == edge),
                column=column,
            )
