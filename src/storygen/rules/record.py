"""Record: the highest or lowest value since a date, or on record, for every area.

"The highest since October 7" means October 7 was the last time the figure was at least this
high (``since``, with that day's figure as ``since_value``); a figure beyond every earlier
one is on record (``on_record``), and beats ``previous_record`` set on ``previous_record_date``.
``wider_record`` says an area containing it (its region, the country) is at a record the
same way, so the local record only follows a wider one.

Where a measure's blanks are suppressed small counts (``allow_blank``), a blank after the
series began counts as lower than any published figure: it can break a "lowest since" run
but never a "highest since" one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys


@register
class Record(Rule):
    kind = "record"
    example = (
        "Boston's rate is the highest since the figures began on September 7; Medway NHS "
        "Foundation Trust has the most Covid patients since November 30."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "min_days"}, self.kind)
        super().validate(context)
        if int(context.config.get("min_days", 14)) < 1:
            raise ValueError("min_days must be 1 or more")

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        min_days = int(context.config.get("min_days", 14))
        for measure in context.measures():
            matrix = context.panel.measures[measure].loc[:, : context.as_of]
            if matrix.shape[1] < 2 or matrix.columns[-1] != context.as_of:
                continue
            values = context.shown(measure, matrix.to_numpy(dtype="float64"))
            blanks_low = context.narrative.measures[measure].allow_blank
            for direction in ("high", "low"):
                frame = _records(values, matrix, direction, blanks_low=blanks_low)
                frame = frame[frame["days"] >= min_days]
                frame["measure"] = measure
                frame["key"] = f"record.{measure}"
                frames.append(frame)
        if not frames:
            return pd.DataFrame()
        result = pd.concat(frames, ignore_index=True)
        # an area can only be at a high or a low; keep the longer-standing one
        result = result.sort_values("days", ascending=False, kind="stable")
        result = result.drop_duplicates(["area", "measure"]).reset_index(drop=True)
        result["wider_record"] = _wider_record(context, result)
        return result

    def describe(self, fact: Any) -> str:
        v = fact.values
        word = "highest" if v["direction"] == "high" else "lowest"
        if v["on_record"]:
            return f"{figure(fact.value)}, {word} since the figures began on {v['first_date']}"
        return f"{figure(fact.value)}, {word} since {v['since']} ({figure(v['since_value'])})"

    def arithmetic(self, row: dict[str, Any]) -> str:
        word = "highest" if row["direction"] == "high" else "lowest"
        if row["on_record"]:
            return (
                f"{row['measure']} {row['value']} is the {word} of every value from "
                f"{row['first_date']} ({row['days']} days)"
            )
        return (
            f"{row['measure']} {row['value']} is the {word} since {row['since']}, when it was "
            f"{row['since_value']} ({row['days']} days)"
        )


def _records(
    values: np.ndarray, matrix: pd.DataFrame, direction: str, *, blanks_low: bool = False
) -> pd.DataFrame:
    """For each area, the last earlier date whose value was at least as extreme as today's."""
    current = values[:, -1]
    earlier = values[:, :-1]
    seen = ~np.isnan(earlier)
    first_seen = np.argmax(seen, axis=1)
    with np.errstate(invalid="ignore"):
        beyond = earlier >= current[:, None] if direction == "high" else earlier <= current[:, None]
    if blanks_low and direction == "low":
        started = np.arange(earlier.shape[1])[None, :] >= first_seen[:, None]
        beyond |= ~seen & started
    has_since = beyond.any(axis=1)
    last = earlier.shape[1] - 1 - np.argmax(beyond[:, ::-1], axis=1)
    dates = matrix.columns
    rows = np.arange(len(current))
    since_index = np.where(has_since, last, first_seen)
    since_value = np.where(has_since, earlier[rows, last], np.nan)
    filled = np.where(seen, earlier, -np.inf if direction == "high" else np.inf)
    best = np.argmax(filled, axis=1) if direction == "high" else np.argmin(filled, axis=1)
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
            "previous_record": np.where(has_since, np.nan, earlier[rows, best]),
            "previous_record_date": np.where(
                has_since, None, dates[best].strftime("%Y-%m-%d").to_numpy()
            ),
        }
    )
    frame["source_from"] = frame["first_date"]
    valid = ~np.isnan(current) & seen.any(axis=1)
    return frame[valid]


def _wider_record(context: RuleContext, result: pd.DataFrame) -> np.ndarray:
    """Whether an area containing each area (its region, its country...) is at a record of the
    same measure the same way: then the local record only follows a wider one."""
    areas = context.panel.areas.reindex(result["area"])
    records = result[["area", "measure", "direction"]].rename(
        columns={"area": "parent", "direction": "parent_direction"}
    )
    follows = np.zeros(len(result), dtype=bool)
    for level in context.panel.levels[1:]:
        parent = areas[f"{level}_code"].fillna("").to_numpy(dtype=object)
        joined = pd.DataFrame({"parent": parent, "measure": result["measure"].to_numpy()})
        joined = joined.merge(records, on=["parent", "measure"], how="left")
        follows |= (joined["parent_direction"].to_numpy() == result["direction"].to_numpy()) & (
            parent != result["area"].to_numpy()
        )
    return follows
