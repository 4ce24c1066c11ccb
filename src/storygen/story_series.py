"""A story's measure over time, for its chart: taken from the panel as the story is composed.

``Story.series`` holds one measure (the one the story leads on, else the narrative's first
rate) for the story's areas up to the as-of date, rounded as copy prints it, with the
England (or other top-level) line for comparison and any thresholds the narrative declares
for the measure (bands and targets in its ``facts:`` settings). The figures are the same
ones the facts were found in; the chart only draws them. ``measures`` says how copy prints
each of the narrative's measures (decimal places, "per 100,000"), which the fact-check reads.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from storygen.narrative import Narrative
from storygen.series import Panel

MAX_DAYS = 366  # a chart shows at most the year to the as-of date
THRESHOLD_KEYS = ("bands", "thresholds", "targets", "target", "levels")


def chart_measure(narrative: Narrative, lede_measure: str | None = None) -> str:
    """The measure a story's chart draws: the lede's, else the first rate, else the first."""
    if lede_measure in narrative.measures:
        return str(lede_measure)
    ratios = [name for name, spec in narrative.measures.items() if spec.ratio is not None]
    return (ratios or list(narrative.measures))[0]


def story_series(
    narrative: Narrative,
    panel: Panel,
    as_of: pd.Timestamp,
    codes: list[str],
    measure: str,
) -> dict[str, Any]:
    """The chart data of a story about ``codes`` (its area, or a roundup's members)."""
    spec = narrative.measures[measure]
    table = _table(panel, measure, as_of, spec.decimals)
    countries = [code for code in table.top if code not in codes][:1]
    drawn = [code for code in [*codes, *countries] if code in table.rows]
    block = table.values[[table.rows[code] for code in drawn]]
    shown = ~np.isnan(block)
    # drop the days before any area has a figure (a window still filling)
    first = int(shown.any(axis=0).argmax()) if shown.any() else 0
    cells = block[:, first:].astype(object)  # Python floats
    cells[~shown[:, first:]] = None
    values = cells.tolist()
    lines = [
        {
            "code": code,
            "name": str(table.names[code]),
            "reference": code in countries,
            "values": values[i],
        }
        for i, code in enumerate(drawn)
    ]
    if len(codes) > 1:  # a roundup: its strongest area first, the way the chart stresses it
        lines.sort(key=lambda line: (line["reference"], -_latest(line["values"])))
    series: dict[str, Any] = {
        "measure": measure,
        "label": spec.label or measure,
        "decimals": spec.decimals,
        "window": _window(narrative, measure),
        "dates": table.days[first:],
        "lines": lines,
        "thresholds": thresholds(narrative, measure),
    }
    if spec.ratio is not None:
        series["per"] = spec.per
    series["measures"] = {  # how copy prints each measure, for the fact-check
        name: {
            "decimals": m.decimals,
            "label": m.label,
            # a rate: computed, checked against its count, or read as published beside it
            **({"per": m.per} if m.ratio or m.rate_of or m.counts else {}),
            **({"suppressed_below": m.suppressed_below} if m.suppressed_below else {}),
            **({"noun": m.noun} if m.noun else {}),  # "24 new cases" is a figure of cases
        }
        for name, m in narrative.measures.items()
    }
    return series


@dataclass
class _Table:
    """A measure's matrix cut to the chart's days and rounded, shared by a run's stories."""

    matrix: weakref.ref[pd.DataFrame]
    as_of: pd.Timestamp
    days: list[str]  # the dates as ISO text
    values: np.ndarray
    rows: dict[str, int]
    names: dict[str, str]
    top: list[str]


_TABLES: dict[tuple[int, int], _Table] = {}


def _table(panel: Panel, measure: str, as_of: pd.Timestamp, decimals: int) -> _Table:
    matrix = panel.measures[measure]
    key = (id(matrix), decimals)
    table = _TABLES.get(key)
    if table is None or table.matrix() is not matrix or table.as_of != as_of:
        end = int(matrix.columns.searchsorted(as_of, side="right"))
        start = max(0, end - MAX_DAYS)
        names = panel.areas["name"].reindex(matrix.index).astype(str).to_numpy()
        table = _Table(
            matrix=weakref.ref(matrix),
            as_of=as_of,
            days=[day.date().isoformat() for day in matrix.columns[start:end]],
            values=np.round(matrix.to_numpy(dtype="float64")[:, start:end], decimals),
            rows={code: i for i, code in enumerate(matrix.index)},
            names=dict(zip(matrix.index, names, strict=True)),
            top=list(panel.members(panel.levels[-1]).index),
        )
        if len(_TABLES) > 8:
            _TABLES.clear()
        _TABLES[key] = table
    return table


def _latest(values: list[float | None]) -> float:
    finite = [v for v in values if v is not None]
    return finite[-1] if finite else float("-inf")


def _window(narrative: Narrative, measure: str) -> int:
    spec = narrative.measures[measure]
    return _window(narrative, spec.ratio) if spec.ratio else spec.window


def thresholds(narrative: Narrative, measure: str) -> list[dict[str, Any]]:
    """Levels the narrative declares for ``measure`` under any fact's settings: numbers,
    ``{value, name, label}`` targets or ``{edges: [...]}`` bands under ``bands``,
    ``thresholds``, ``targets`` or ``levels``, optionally keyed by measure or naming it.
    ``label`` is short (a target's name, else the figure); ``note`` says what it is.

    >>> from types import SimpleNamespace
    >>> n = SimpleNamespace(facts={"threshold": {
    ...     "bands": {"rate": {"edges": [100, 200], "labels": ["0-100", "101-200", "over 200"]}},
    ...     "targets": [{"name": "easing", "measure": "rate", "value": 25,
    ...                  "label": "the rate set for easing restrictions"},
    ...                 {"name": "beds", "measure": "patients", "value": 90}]}})
    >>> for level in thresholds(n, "rate"):
    ...     print(level)
    {'value': 25.0, 'label': 'easing', 'note': 'the rate set for easing restrictions'}
    {'value': 100.0, 'label': '100', 'note': 'band edge'}
    {'value': 200.0, 'label': '200', 'note': 'band edge'}
    >>> thresholds(n, "cases")
    []
    """
    found: dict[float, dict[str, Any]] = {}
    for config in narrative.facts.values():
        if not isinstance(config, dict):
            continue
        measures = config.get("measures")
        if measures and measure not in measures:
            continue
        for key in THRESHOLD_KEYS:
            for level in _levels(config.get(key), measure):
                found.setdefault(level["value"], level)
    return [found[value] for value in sorted(found)]


def _levels(raw: Any, measure: str) -> list[dict[str, Any]]:
    if isinstance(raw, dict) and measure in raw:
        return _levels(raw[measure], measure)
    if _number(raw):
        return [_level(raw, "", "")]
    if isinstance(raw, list):
        return [level for item in raw for level in _levels(item, measure)]
    if not isinstance(raw, dict) or raw.get("measure", measure) != measure:
        return []
    found = [_level(edge, "", "band edge") for edge in raw.get("edges") or [] if _number(edge)]
    if _number(raw.get("value")):
        name, label = str(raw.get("name") or ""), str(raw.get("label") or "")
        found.append(_level(raw["value"], name or label, label or name))
    for key in ("from", "to", "min", "max", "above", "below"):
        if _number(raw.get(key)):
            found.append(_level(raw[key], "", str(raw.get("label") or raw.get("name") or "")))
    return found


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _level(value: float, label: str, note: str) -> dict[str, Any]:
    figure = float(value)
    shown = f"{figure:,.0f}" if figure.is_integer() else f"{figure:,}"
    return {"value": figure, "label": label or shown, "note": note}
