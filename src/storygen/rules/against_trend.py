"""Against the trend: an area moving one way while most of its peers move the other, and how
many areas of each group moved each way.

An area fact (``against_trend.<measure>.<level>-in-<within>``) is found only where more than
half of the group (or the share set as ``majority``) moved one way and the area moved the
other ("one of only three districts in the South East where the rate rose"). A group fact (``against_trend.<measure>.<level>-count``,
about a county, region, England or a patch) counts the areas that rose, fell and held, and
the same counts for the whole country, so a template can write "six of the 19 areas where
rates rose are in Kent and Medway".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys
from storygen.rules.groups import count_by_group, label_peers

WAYS = ("up", "down", "same")
MAJORITY = 0.5  # a trend: more than this share of a group's areas moved one way


def trend_way(up: Any, down: Any, of: Any, majority: float = MAJORITY) -> Any:
    """The way a group's areas moved, where more than ``majority`` of them moved it; else
    None: no trend to go against. Counts or columns of counts.

    >>> trend_way(100, 200, 315), trend_way(151, 158, 315), trend_way(151, 158, 315, 0.65)
    ('down', 'down', None)
    """
    ways = np.select([up > majority * of, down > majority * of], ["up", "down"], default=None)
    return ways[()]  # a count's way as itself, a column's as an array


def majority(settings: Mapping[str, Any] | None) -> float:
    """The share that makes a trend, from a narrative's ``against_trend`` settings (which
    the change facts and the stories' ``trend`` read too)."""
    return (settings or {}).get("majority", MAJORITY)


@register
class AgainstTrend(Rule):
    kind = "against_trend"
    example = (
        "Medway's rate rose while it fell in 59 of the South East's 67 districts; "
        "six of the 19 areas where rates rose are in Kent and Medway."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(
            context.config, {"measures", "peer_groups", "count_levels", "majority"}, self.kind
        )
        super().validate(context)
        share = majority(context.config)
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0.5 <= share < 1:
            raise ValueError(f"majority must be a share between 0.5 and 1, got {share!r}")
        if not context.peer_groups():
            raise ValueError("against_trend facts need peer_groups in the narrative")
        context.count_levels()

    def run(self, context: RuleContext) -> list[pd.DataFrame]:
        frames = []
        for measure in context.measures():
            now = context.shown(measure, context.at(measure, context.as_of))
            before = context.shown(measure, context.at(measure, context.previous))
            way = pd.Series(
                np.select([now > before, now < before, now == before], WAYS, default=None),
                index=now.index,
            ).where(now.notna() & before.notna())
            for group in context.peer_groups():
                frames.append(_against(context, measure, group.level, group.within, way, now))
            for level in context.count_levels():
                frames.append(_counts(context, measure, level, way, now))
        source_from = context.previous.date().isoformat()
        return [frame.assign(source_from=source_from) for frame in frames if not frame.empty]

    def describe(self, fact: Any) -> str:
        v = fact.values
        if "wider_up" in v:
            return (
                f"{v['up']} of {v['of']} rose, {v['down']} fell in {v['group_name']} "
                f"({v['wider_up']} of {v['wider_of']} rose in {v['wider_name']})"
            )
        return (
            f"{'rose' if v['direction'] == 'up' else 'fell'} to {figure(fact.value)} while "
            f"{v[v['majority']]} of {v['of']} in {v['group_name']} "
            f"{'rose' if v['majority'] == 'up' else 'fell'}"
        )

    def arithmetic(self, row: dict[str, Any]) -> str:
        if "wider_up" in row:
            return (
                f"count of the {row['of']} {row['peer_level']}s in {row['group_name']} whose "
                f"{row['measure']} rose ({row['up']}), fell ({row['down']}) or held "
                f"({row['same']}) since {row['source_from']}"
            )
        return (
            f"{row['measure']} {row['value']} against {row['previous']}: {row['direction']}; "
            f"{row[row['majority']]} of {row['of']} {row['peer_level']}s in {row['group_name']} "
            f"went {row['majority']}"
        )


def _against(
    context: RuleContext, measure: str, level: str, within: str, way: pd.Series, now: pd.Series
) -> pd.DataFrame:
    members = context.members(level, within)
    members["direction"] = way.reindex(members["area"]).to_numpy()
    members = members.dropna(subset=["direction"])
    counts = count_by_group(members, "direction", WAYS).set_index("area")
    members = members.join(counts[["of", *(f"count_{w}" for w in WAYS)]], on="group")
    members = members.rename(columns={f"count_{w}": w for w in WAYS})
    members["majority"] = trend_way(
        members["up"], members["down"], members["of"], majority(context.config)
    )
    against = members["majority"].notna() & (members["direction"] != "same")
    against &= members["direction"] != members["majority"]
    members = members[against].copy()
    members["value"] = now.reindex(members["area"]).to_numpy()
    previous = context.shown(measure, context.at(measure, context.previous))
    members["previous"] = previous.reindex(members["area"]).to_numpy()
    members["surprise"] = context.surprise(measure).reindex(members["area"]).to_numpy()
    return label_peers(members, "against_trend", measure, level, within)


def _counts(
    context: RuleContext, measure: str, level: str, way: pd.Series, now: pd.Series
) -> pd.DataFrame:
    top = context.panel.levels[-1]
    frames = []
    for within in context.count_groups(level):
        members = context.members(level, within)
        members["direction"] = way.reindex(members["area"]).to_numpy()
        frames.append(count_by_group(members, "direction", WAYS))
    counts = pd.concat(frames, ignore_index=True).drop_duplicates("area")
    counts = counts[counts["of"] > 1].reset_index(drop=True)
    if counts.empty:
        return counts
    whole = context.members(level, top)
    whole["direction"] = way.reindex(whole["area"]).to_numpy()
    national = count_by_group(whole, "direction", WAYS)
    frame = pd.DataFrame(
        {
            "area": counts["area"],
            "key": f"against_trend.{measure}.{level}-count",
            "measure": measure,
            "value": counts["count_up"],
            "group_name": counts["group_name"],
            "peer_level": level,
            "of": counts["of"],
            **{w: counts[f"count_{w}"] for w in WAYS},
            **{f"names_{w}": counts[f"names_{w}"] for w in ("up", "down")},
            "majority": trend_way(
                counts["count_up"],
                counts["count_down"],
                counts["of"],
                majority(context.config),
            ),
            "source_areas": counts["source_areas"],
        }
    )
    if not national.empty:
        row = national.iloc[0]
        frame["wider_name"] = row["group_name"]
        frame["wider_of"] = int(row["of"])
        for w in WAYS:
            frame[f"wider_{w}"] = int(row[f"count_{w}"])
    return frame
