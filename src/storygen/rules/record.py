"""Record: the highest or lowest value since a date, or on record, for every area."""

from __future__ import annotations

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, register


@register
class Record(Rule):
    kind = "record"
    example = "Ashford's rate is the lowest since October 7."

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        min_days = int(context.config.get("min_days", 14))
        for measure in context.measures():
            matrix = context.panel.measures[measure].loc[:, : context.as_of]
            if matrix.shape[1] < 2 or matrix.columns[-1] != context.as_of:
                continue
            values = context.shown(measure, matrix.to_numpy(dtype="float64"))
            for direction in ("high", "low"):
                frame = _records(values, matrix, direction)
                frame = frame[frame["days"] >= min_days]
                frame["measure"] = measure
                frame["key"] = f"record.{measure}"
                frames.append(frame)
        if not frames:
            return pd.DataFrame()
        result = pd.concat(frames, ignore_index=True)
        # an area can only be at a high or a low; keep the longer-standing one
        result = result.sort_values("days", ascending=False).drop_duplicates(["area", "measure"])
        return result.reset_index(drop=True)


def _records(values: np.ndarray, matrix: pd.DataFrame, direction: str) -> pd.DataFrame:
    """For each area, the last earlier date whose value was at least as extreme as today's."""
    current = values[:, -1]
    earlier = values[:, :-1]
    with np.errstate(invalid="ignore"):
        beyond = earlier >= current[:, None] if direction == "high" else earlier <= current[:, None]
    seen = ~np.isnan(earlier)
    has_since = beyond.any(axis=1)
    last = earlier.shape[1] - 1 - np.argmax(beyond[:, ::-1], axis=1)
    first_seen = np.argmax(seen, axis=1)
    dates = matrix.columns
    since_index = np.where(has_since, last, first_seen)
    since_value = np.where(has_since, earlier[np.arange(len(current)), last], np.nan)
    frame = pd.DataFrame(
        {
            "area": matrix.index,
            "value": current,
            "direction": direction,
            "since": dates[since_index].strftime("%Y-%m-%d"),
            "since_value": since_value,
            "on_record": ~has_since,
            "days": (dates[-1] - dates[since_index]).days,
            "first_date": dates[first_seen].strftime("%Y-%m-%d"),
        }
    )
    valid = ~np.isnan(current) & seen.any(axis=1)
    return frame[valid]
