"""Change: a measure now against the same measure a week earlier, for every area."""

from __future__ import annotations

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, register


@register
class Change(Rule):
    kind = "change"
    example = "Swale's rate rose from 437.5 to 527.3 in a week, a rise of 20.5%."

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        areas = context.panel.areas
        for measure in context.measures():
            now = context.at(measure, context.as_of)
            before = context.at(measure, context.previous)
            frame = pd.DataFrame(
                {
                    "area": areas.index,
                    "key": f"change.{measure}",
                    "measure": measure,
                    "value": now.to_numpy(),
                    "previous": before.to_numpy(),
                    "previous_date": context.previous.date().isoformat(),
                }
            ).dropna(subset=["value", "previous"])
            frame["change"] = frame["value"] - frame["previous"]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = frame["value"] / frame["previous"]
            frame["ratio"] = ratio.where(frame["previous"] > 0)
            frame["pct_change"] = (frame["ratio"] - 1) * 100
            frame["direction"] = np.sign(frame["change"]).map(
                {1.0: "up", -1.0: "down", 0.0: "same"}
            )
            national = _national_direction(context, frame)
            frame["against_trend"] = (frame["direction"] != national) & (
                frame["direction"] != "same"
            )
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)


def _national_direction(context: RuleContext, frame: pd.DataFrame) -> str:
    """Which way most areas at the most local level moved."""
    local = (
        context.panel.areas["level"].reindex(frame["area"]).to_numpy() == context.panel.levels[0]
    )
    directions = frame.loc[local, "direction"]
    if directions.empty:
        return "same"
    return str(directions.value_counts().idxmax())
