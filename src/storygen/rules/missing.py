"""Missing: an area that gave a figure in the days before the as-of date and none on it.

A hospital trust that skips a day leaves a hole in every total it belongs to: its region's
sum is taken over those with a figure, and a patch's total of the rest would read as the
patch's. The fact says so, so that a roundup names the area rather than leave it out in
silence, a patch's total is not made without it (``patch_totals``) and the area's own story
is held with the reason.

Only areas at the most local level (a larger area's figure is a sum over those with one),
and only those whose last figure was not zero: an area with none then adds nothing to a
total, and small providers that report now and then would otherwise be named day after
day. A blank cell is a figure withheld (``allow_blank``), not missing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys


@register
class Missing(Rule):
    kind = "missing"
    example = (
        "East Kent Hospitals University NHS Foundation Trust gave no figure for January 21; "
        "it had 353 Covid-19 patients the day before."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "days"}, self.kind)
        super().validate(context)
        days = context.config.get("days", context.narrative.compare_days)
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError(f"days must be a whole number of days, 1 or more (got {days!r})")

    def run(self, context: RuleContext) -> pd.DataFrame:
        days = int(context.config.get("days", context.narrative.compare_days))
        areas = context.panel.areas
        local = areas.index[areas[f"is_{context.panel.levels[0]}"].to_numpy(dtype=bool)]
        frames = []
        for measure in context.measures():
            frame = _missing(context, measure, local, days)
            if not frame.empty:
                frames.append(frame)
        if not frames:
            return pd.DataFrame()
        return pd.concat(frames, ignore_index=True)

    def describe(self, fact: Any) -> str:
        v = fact.values
        return f"no figure on {fact.period_end}; {figure(fact.value)} on {v['last_date']}"

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"no {row['measure']} on the as-of date; the latest before it, "
            f"{row['value']} on {row['last_date']}"
        )


def _missing(context: RuleContext, measure: str, local: pd.Index, days: int) -> pd.DataFrame:
    """The areas of ``local`` with no figure of ``measure`` on the as-of date whose latest
    figure in the ``days`` days before it was not zero."""
    matrix = context.panel.measures[measure].reindex(local)
    before = pd.date_range(end=context.as_of - pd.Timedelta(days=1), periods=days, freq="D")
    window = matrix.reindex(columns=before).to_numpy(dtype="float64")
    now = context.at_in(matrix, context.as_of)
    withheld = context.panel.suppressed.get(measure)
    blank = (
        np.zeros(len(local), dtype=bool)
        if withheld is None
        else context.at_in(withheld.reindex(local), context.as_of) == 1
    )
    # the latest day with a figure (where none has one, a day whose figure is NaN)
    latest = days - 1 - np.argmax(~np.isnan(window[:, ::-1]), axis=1)
    last = window[np.arange(len(local)), latest]
    chosen = np.isnan(now) & ~blank & ~np.isnan(last) & (last != 0)
    picked = latest[chosen]
    last_dates = before[picked].strftime("%Y-%m-%d").to_numpy()
    return pd.DataFrame(
        {
            "area": local[chosen],
            "key": f"missing.{measure}",
            "measure": measure,
            "value": context.shown(measure, last[chosen]),
            "last_date": last_dates,
            "days": (days - picked).astype(int),  # days from that figure to the as-of date
            "source_from": last_dates,
        }
    )
