"""Plausibility: figures that pass every check on the file yet look wrong, held for an editor.

A feed can be well formed and still be broken: a district's count multiplied by a stray
digit, a week of rows that never arrived, a day on which most areas fall to zero because
the latest file was only half filled. None of these is certain to be a fault, so the data
are not refused; instead every story about an affected area is held, with the reason, for
an editor to look at. The limits come from the narrative's ``plausibility`` key::

    plausibility: {max_weekly_factor: 10, min_count: 10, max_gap_days: 2, zero_drop_share: 0.5}

Checks, each over every area at once:

- **weekly jump**: a count (a measure read from an input, through its window) on the as-of
  date more than ``max_weekly_factor`` times its value ``compare_days`` earlier, or less
  than that fraction of it, where the larger of the two reaches ``min_count`` (small counts
  jump legitimately: 1 case to 12). A fall to zero from ``min_count`` or more is a jump.
- **gap in dates**: an area with no rows for more than ``max_gap_days`` days in a row after
  its first figure, up to the as-of date (within ``gap_lookback_days`` of it when set).
  A blank (suppressed) cell is a figure withheld, not a gap. Totals are incomplete where a
  member has a gap, so the county, region and country containing the area are held too.
- **drop to zero**: on the as-of date, ``zero_drop_share`` or more of the most local areas
  that had ``min_count`` or more at the previous date have exactly zero (a fall to none from
  a few is ordinary). Every story is held: the feed, not the areas, is suspect.

``check`` returns area code -> reason; ``compose`` holds an area's story when its code has
a reason, and a roundup when any of its areas has one.

``incomplete`` goes further where the areas have populations: a total that lacks areas
holding more than ``max_missing_share`` of its population, in either of the two figures a
story compares, is quoted in no story at all, nor is any ranking or count among its areas.
In October 2020 the dashboard's district file has no rows for Hackney, 3.1% of London's
people: London's sum without it, over London's whole population, would be a rate too low,
and "the 32 council areas in London" one too few. An area that never has rows adds nothing
missing (the Isles of Scilly, counted with Cornwall), and one that lacks a sliver is quoted
as before (the City of London, 0.1% of London, folded into Hackney from November 2020).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from storygen.narrative import Narrative
from storygen.series import Panel


def check(narrative: Narrative, panel: Panel, as_of: pd.Timestamp) -> dict[str, str]:
    """Area code -> why stories about the area are held (empty when all looks plausible)."""
    limits = narrative.plausibility
    found: list[pd.Series] = []
    for name in _counts(narrative, panel):
        label = narrative.measures[name].label or name
        if limits.max_weekly_factor is not None:
            found.append(
                weekly_jumps(
                    panel.measures[name],
                    panel.areas,
                    as_of,
                    days=narrative.compare_days,
                    factor=limits.max_weekly_factor,
                    min_count=limits.min_count,
                    label=label,
                )
            )
        if limits.max_gap_days is not None:
            found.append(
                gaps(
                    panel,
                    name,
                    as_of,
                    max_days=limits.max_gap_days,
                    lookback_days=limits.gap_lookback_days,
                )
            )
        if limits.zero_drop_share is not None:
            found.append(
                zero_drop(
                    panel,
                    name,
                    as_of,
                    share=limits.zero_drop_share,
                    min_count=limits.min_count or 1,
                )
            )
    found = [series for series in found if len(series)]
    if not found:
        return {}
    reasons = pd.concat(found)
    return (
        reasons.groupby(level=0, sort=True)
        .agg(lambda found: "; ".join(dict.fromkeys(found)))  # one measure's gap is all measures'
        .to_dict()
    )


def _counts(narrative: Narrative, panel: Panel) -> list[str]:
    """The measures read from an input as counts (not ratios of others)."""
    return [
        name
        for name, measure in narrative.measures.items()
        if measure.ratio is None and measure.rate_of is None and name in panel.readings
    ]


def incomplete(narrative: Narrative, panel: Panel, as_of: pd.Timestamp) -> dict[str, str]:
    """Area code -> why no story may quote its totals: on ``as_of`` or the date a story
    compares it with, areas inside it with no figure that day (but figures on others, and
    other areas with one that day) hold more than ``max_missing_share`` of its population.
    Empty where the areas have no populations or the narrative sets no limit.

    >>> from types import SimpleNamespace
    >>> days = pd.date_range("2020-10-01", periods=8)
    >>> cases = pd.DataFrame([[5.0] * 8, [5.0] + [np.nan] * 7, [5.0] * 8, [np.nan] * 8],
    ...                      index=["H", "C", "I", "S"], columns=days)
    >>> areas = pd.DataFrame({"name": ["Hackney", "City", "Islington", "Scilly", "London"],
    ...     "region_code": "L", "population": [281_120, 9_721, 242_467, 2_224, 535_532],
    ...     "is_district": [True, True, True, True, False]},
    ...     index=["H", "C", "I", "S", "L"])
    >>> panel = SimpleNamespace(readings={"cases": cases}, measures={"cases": cases},
    ...     suppressed={}, levels=["district", "region"], areas=areas)
    >>> limits = SimpleNamespace(max_missing_share=0.01)
    >>> narrative = SimpleNamespace(plausibility=limits, compare_days=7,
    ...     measures={"cases": SimpleNamespace(ratio=None, rate_of=None)})
    >>> incomplete(narrative, panel, days[-1])
    {'L': 'its totals on 2020-10-01 or 2020-10-08 lack City (1.8% of its population)'}
    >>> incomplete(narrative, panel, days[0])  # the week before is before the file: none has it
    {}
    >>> limits.max_missing_share = 0.02
    >>> incomplete(narrative, panel, days[-1])
    {}
    """
    share = narrative.plausibility.max_missing_share
    areas = panel.areas
    if share is None or "population" not in areas:
        return {}
    dates = pd.DatetimeIndex([as_of - pd.Timedelta(days=narrative.compare_days), as_of])
    local = areas.index[areas[f"is_{panel.levels[0]}"].to_numpy(dtype=bool)]
    lacking = np.zeros(len(local), dtype=bool)
    for name in _counts(narrative, panel):
        figures = panel.measures[name].reindex(index=local, columns=dates).to_numpy("float64")
        # missing where other areas have a figure that day (not before the file's first week)
        gone = np.isnan(figures) & ~np.isnan(figures).all(axis=0)
        withheld = panel.suppressed.get(name)
        if withheld is not None:  # a blank cell is a figure withheld, not a figure missing
            gone &= ~withheld.reindex(index=local, columns=dates, fill_value=False).to_numpy(bool)
        reports = panel.readings[name].reindex(local).notna().any(axis=1).to_numpy()
        lacking |= gone.any(axis=1) & reports
    if not lacking.any():
        return {}
    codes = local[lacking]
    population = areas["population"].astype("float64")
    span = " or ".join(f"{date:%Y-%m-%d}" for date in dates)
    found: dict[str, str] = {}
    for level in panel.levels[1:]:
        parents = areas[f"{level}_code"].reindex(codes)
        inside = parents.notna().to_numpy() & (parents.to_numpy() != codes.to_numpy())
        by_parent = pd.Series(codes[inside], index=parents[inside].to_numpy())
        missing = population.reindex(by_parent.to_numpy()).groupby(by_parent.index).sum()
        parts = missing / population.reindex(missing.index)
        for parent in parts.index[parts.to_numpy() > share]:
            names = ", ".join(areas["name"].reindex(by_parent[[parent]].to_numpy()))
            found[parent] = (
                f"its totals on {span} lack {names} ({parts[parent]:.1%} of its population)"
            )
    return found


def weekly_jumps(
    matrix: pd.DataFrame,
    areas: pd.DataFrame,
    as_of: pd.Timestamp,
    *,
    days: int,
    factor: float,
    min_count: float,
    label: str,
) -> pd.Series:
    """Areas whose figure on ``as_of`` is more than ``factor`` times up or down on ``days``
    earlier (where the larger figure reaches ``min_count``), with the reason.

    >>> dates = pd.date_range("2020-11-01", periods=8)
    >>> matrix = pd.DataFrame([[4] + [0] * 6 + [40], [20] + [0] * 6 + [500], [50] + [0] * 6 + [0]],
    ...                       index=["A", "B", "C"], columns=dates, dtype=float)
    >>> areas = pd.DataFrame({"name": ["Ayton", "Beeton", "Ceeton"]}, index=["A", "B", "C"])
    >>> for code, reason in weekly_jumps(matrix, areas, dates[-1], days=7, factor=10,
    ...                                  min_count=10, label="cases").items():
    ...     print(code, reason)
    B cases in Beeton went from 20 to 500 in 7 days (25 times; the narrative holds any change of more than 10 times)
    C cases in Ceeton went from 50 to 0 in 7 days (to none; the narrative holds any change of more than 10 times)
    """
    before = as_of - pd.Timedelta(days=days)
    if as_of not in matrix.columns or before not in matrix.columns:
        return pd.Series(dtype=str)
    now = matrix[as_of].to_numpy(dtype="float64")
    then = matrix[before].to_numpy(dtype="float64")
    high, low = np.fmax(now, then), np.fmin(now, then)
    with np.errstate(invalid="ignore"):
        jump = (high >= min_count) & (high > factor * low)
    codes = matrix.index[jump]
    if not len(codes):
        return pd.Series(dtype=str)
    names = areas["name"].reindex(codes).to_numpy()
    reasons = []
    for name, old, new in zip(names, then[jump], now[jump], strict=True):
        reasons.append(
            f"{label} in {name} went from {old:,.0f} to {new:,.0f} in {days} days "
            f"({how_far(old, new)}; "
            f"the narrative holds any change of more than {factor:g} times)"
        )
    return pd.Series(reasons, index=codes, dtype=str)


def how_far(old: float, new: float) -> str:
    """How far a figure moved, as a multiple of the smaller figure.

    >>> how_far(20, 500), how_far(500, 20), how_far(50, 0), how_far(0, 12)
    ('25 times', '25 times', 'to none', 'from none')
    """
    if old == 0:
        return "from none"
    if new == 0:
        return "to none"
    return f"{max(old, new) / min(old, new):,.0f} times"


def gaps(
    panel: Panel,
    measure: str,
    as_of: pd.Timestamp,
    *,
    max_days: float,
    lookback_days: int | None = None,
) -> pd.Series:
    """Areas with a run of dates and no rows longer than ``max_days``, up to ``as_of``, and
    the areas containing them (their totals miss those figures)."""
    readings = panel.readings[measure].loc[:, :as_of]
    if readings.shape[1] < 2:
        return pd.Series(dtype=str)
    blanks = panel.blanks[measure].reindex_like(readings).fillna(False).to_numpy(dtype=bool)
    values = readings.to_numpy(dtype="float64")
    missing = np.isnan(values) & ~blanks
    started = np.maximum.accumulate(~missing, axis=1)  # after the area's first figure
    gap = missing & started
    dates = readings.columns
    if lookback_days is not None:
        gap &= np.asarray(dates > as_of - pd.Timedelta(days=lookback_days))[None, :]
    running = np.cumsum(gap, axis=1)
    restart = np.maximum.accumulate(np.where(gap, 0, running), axis=1)
    length = running - restart  # how many missing dates in a row end at each cell
    longest = length.max(axis=1)
    step = (dates[1] - dates[0]).days
    flagged = longest * step > max_days
    if not flagged.any():
        return pd.Series(dtype=str)
    end = length[flagged].argmax(axis=1)
    start = end - longest[flagged] + 1
    codes = readings.index[flagged]
    names = panel.areas["name"].reindex(codes)
    spans = [
        f"from {dates[first]:%Y-%m-%d} to {dates[last]:%Y-%m-%d} ({count * step} days)"
        for first, last, count in zip(start, end, longest[flagged], strict=True)
    ]
    found = [
        pd.Series(
            [
                f"no figures for {name} {span}; the narrative allows gaps of {max_days:g} days"
                for name, span in zip(names, spans, strict=True)
            ],
            index=codes,
            dtype=str,
        )
    ]
    members = pd.DataFrame({"name": names.to_numpy(), "span": spans}, index=codes)
    for level in panel.levels[1:]:
        members["parent"] = panel.areas[f"{level}_code"].reindex(codes).to_numpy()
        members_elsewhere = members[~members["parent"].isin(codes)]
        by_span = members_elsewhere.groupby(["parent", "span"], sort=True)["name"].agg(", ".join)
        lines = by_span.index.get_level_values("span")
        missing = (by_span + " " + lines).groupby(level="parent").agg("; ".join)
        found.append("its total lacks figures for " + missing + " (no rows for those dates)")
    return pd.concat(found)


def zero_drop(
    panel: Panel, measure: str, as_of: pd.Timestamp, *, share: float, min_count: float = 1
) -> pd.Series:
    """Every area, when ``share`` or more of the most local areas with ``min_count`` or more
    at the date before ``as_of`` have exactly zero on it. A fall to none from a few is
    ordinary (two patients on ventilators one day, none the next, at five trusts of nine in
    a quiet week); a feed that lost half its rows empties areas whatever their size.

    >>> from types import SimpleNamespace
    >>> days = pd.to_datetime(["2020-09-17", "2020-09-18"])
    >>> quiet = pd.DataFrame([[2, 0]] * 5 + [[3, 3]] * 4, columns=days, dtype=float)
    >>> panel = SimpleNamespace(readings={"ventilated": quiet}, levels=["trust"],
    ...                         areas=pd.DataFrame(index=range(9)))
    >>> len(zero_drop(panel, "ventilated", days[1], share=0.5, min_count=10))
    0
    >>> print(zero_drop(panel, "ventilated", days[1], share=0.5)[0])
    5 of the 9 trusts with ventilated on 2020-09-17 have none on 2020-09-18: a fault in the feed? (the narrative holds every story when 50% or more fall to zero at once)
    """
    readings = panel.readings[measure]
    position = readings.columns.get_indexer([as_of])[0]
    if position < 1:
        return pd.Series(dtype=str)
    now = readings.iloc[:, position].to_numpy(dtype="float64")
    then = readings.iloc[:, position - 1].to_numpy(dtype="float64")
    had = (then > 0) & (then >= min_count)
    fell = had & (now == 0)
    if not had.any() or fell.sum() / had.sum() < share:
        return pd.Series(dtype=str)
    before = readings.columns[position - 1]
    many = f" {min_count:,g} or more" if min_count > 1 else ""
    reason = (
        f"{fell.sum():,} of the {had.sum():,} {panel.levels[0]}s with{many} {measure} on "
        f"{before:%Y-%m-%d} have none on {as_of:%Y-%m-%d}: a fault in the feed? (the "
        f"narrative holds every story when {share:.0%} or more fall to zero at once)"
    )
    return pd.Series(reason, index=panel.areas.index, dtype=str)
