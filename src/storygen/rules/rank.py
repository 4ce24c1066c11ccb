"""Rank: where an area stands among its peers (districts in the region, counties in England...)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, register


@register
class Rank(Rule):
    kind = "rank"
    example = "Swale has the second-highest rate in the South East, second only to Thanet."

    def validate(self, context: RuleContext) -> None:
        super().validate(context)
        if not context.narrative.peer_groups:
            raise ValueError("rank facts need peer_groups in the narrative")

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        areas = context.panel.areas
        for measure in context.measures():
            now = context.at(measure, context.as_of)
            for group in context.narrative.peer_groups:
                members = areas[areas[f"is_{group.level}"]]
                frame = pd.DataFrame(
                    {
                        "area": members.index,
                        "name": members["name"].to_numpy(),
                        "group": members[f"{group.within}_code"].to_numpy(),
                        "group_name": members[f"{group.within}_name"].to_numpy(),
                        "value": context.shown(measure, now.reindex(members.index)).to_numpy(),
                    }
                ).dropna(subset=["value", "group"])
                frames.append(_rank_within(frame, measure, group.level, group.within))
        return pd.concat(frames, ignore_index=True)


def _rank_within(frame: pd.DataFrame, measure: str, level: str, within: str) -> pd.DataFrame:
    """Rank every row among the rows of its group, highest first and lowest first, with ties."""
    frame = frame.sort_values(["group", "value"], ascending=[True, False], kind="stable")
    frame = frame.reset_index(drop=True)
    grouped = frame.groupby("group", sort=False)["value"]
    frame["position"] = grouped.rank(ascending=False, method="min").astype(int)
    frame["position_from_bottom"] = grouped.rank(ascending=True, method="min").astype(int)
    frame["of"] = grouped.transform("size").astype(int)
    frame["tied"] = frame.groupby(["group", "value"])["value"].transform("size").astype(int) - 1
    start = frame.groupby("group", sort=False).cumcount().rsub(np.arange(len(frame)))
    ahead = (start + frame["position"] - 2).to_numpy()
    has_ahead = frame["position"].to_numpy() > 1
    names = frame["name"].to_numpy()
    values = frame["value"].to_numpy()
    frame["ahead_name"] = np.where(has_ahead, names[np.maximum(ahead, 0)], None)
    frame["ahead_value"] = np.where(has_ahead, values[np.maximum(ahead, 0)], np.nan)
    frame["leader_name"] = names[start.to_numpy()]
    frame["leader_value"] = values[start.to_numpy()]
    frame["peer_level"] = level
    frame["peer_within"] = within
    frame["measure"] = measure
    frame["key"] = f"rank.{measure}.{level}-in-{within}"
    frame["peer_group"] = frame["group"].map(lambda code: f"{level}s in {code}")
    frame = frame[frame["of"] > 1]
    return frame.drop(columns=["name"]).rename(columns={"group": "group_code"})
