"""Hotspot: the smaller area with the highest figure inside each larger one (the
neighbourhood with the highest rate in each district, the trust with most Covid patients in
each NHS region).

``level`` is the smaller areas' level (default: the most local); ``within`` the larger
areas' levels (default: every level between it and the top). The fact's subject is the
larger area; it names the hotspot and its figure, the runner-up, any areas tied with it,
whether it was the hotspot a period earlier too, its figures for the narrative's other
measures (``hotspot_<measure>``), and where it stands among every area at its level
(``overall_position`` of ``overall_of``). Blank (suppressed) figures take no part; ``blank``
counts them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys


@register
class Hotspot(Rule):
    kind = "hotspot"
    example = (
        "The neighbourhood with the highest rate in Swale is Sheppey East, where 162 people "
        "tested positive, a rate of 1,871.5 per 100,000."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "level", "within"}, self.kind)
        super().validate(context)
        level, withins = _levels(context)
        levels = list(context.panel.levels)
        if level not in levels:
            raise ValueError(f"level {level!r} is not a geography level")
        for within in withins:
            if within not in levels or levels.index(within) <= levels.index(level):
                raise ValueError(f"within {within!r} must be a level above {level!r}")

    def run(self, context: RuleContext) -> pd.DataFrame:
        level, withins = _levels(context)
        frames = []
        for measure in context.measures():
            now = context.shown(measure, context.at(measure, context.as_of))
            before = context.shown(measure, context.at(measure, context.previous))
            everywhere = now[context.panel.areas[f"is_{level}"]].dropna()
            overall = everywhere.rank(ascending=False, method="min")
            for within in withins:
                members = context.members(level, within)
                members["value"] = now.reindex(members["area"]).to_numpy()
                frame = _hotspots(members)
                if frame.empty:
                    continue
                previous = members.assign(value=before.reindex(members["area"]).to_numpy())
                earlier = _hotspots(previous).set_index("area")["hotspot_name"]
                frame["previous_hotspot_name"] = earlier.reindex(frame["area"]).to_numpy()
                frame["same_as_before"] = (
                    frame["previous_hotspot_name"] == frame["hotspot_name"]
                ).to_numpy()
                frame["hotspot_previous"] = before.reindex(frame["hotspot_code"]).to_numpy()
                # a blank week before is a figure withheld, unless the file has no such week
                frame["week_before"] = context.previous in context.panel.measures[measure]
                frame["area_value"] = now.reindex(frame["area"]).to_numpy()
                with np.errstate(divide="ignore", invalid="ignore"):
                    frame["times_area"] = frame["value"] / frame["area_value"].where(
                        frame["area_value"] > 0
                    )
                for other in context.narrative.measures:
                    if other != measure:
                        shown = context.shown(other, context.at(other, context.as_of))
                        frame[f"hotspot_{other}"] = shown.reindex(frame["hotspot_code"]).to_numpy()
                frame["overall_position"] = overall.reindex(frame["hotspot_code"]).to_numpy()
                frame["overall_of"] = len(everywhere)
                frame["level"] = level
                frame["key"] = f"hotspot.{measure}.{level}"
                frame["measure"] = measure
                frames.append(frame)
        frames = [frame for frame in frames if not frame.empty]
        if not frames:
            return pd.DataFrame()
        return pd.concat(frames, ignore_index=True).drop_duplicates(["area", "key"])

    def describe(self, fact: Any) -> str:
        v = fact.values
        joint = f" (joint with {', '.join(v['tied_with'])})" if v["tied_with"] else ""
        return (
            f"{v['hotspot_name']} {figure(fact.value)}{joint}, "
            f"ahead of {v['second_name'] or 'no other'} ({figure(v['second_value'])}); "
            f"{v['of']} {v['level']}s with a figure"
        )

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"the highest {row['measure']} of the {row['of']} {row['level']}s in "
            f"{row['group_name']} with a figure ({row['blank']} blank): "
            f"{row['hotspot_name']} {row['value']}"
        )


def _levels(context: RuleContext) -> tuple[str, list[str]]:
    levels = list(context.panel.levels)
    level = context.config.get("level", levels[0])
    if level not in levels:
        return level, []
    default = levels[levels.index(level) + 1 : -1] or levels[-1:]
    return level, list(context.config.get("within", default))


def _hotspots(members: pd.DataFrame) -> pd.DataFrame:
    """The member with the highest value in each group, with the runner-up and ties.

    >>> members = pd.DataFrame({"area": list("abcd"), "name": ["Ash", "Bly", "Cray", "Dun"],
    ...     "group": ["K", "K", "K", "M"], "group_name": ["Kent"] * 3 + ["Medway"],
    ...     "value": [5.0, 9.0, np.nan, 2.0]})
    >>> found = _hotspots(members)
    >>> found[["area", "hotspot_name", "value", "second_name", "of", "blank"]].fillna("-").values.tolist()
    [['K', 'Bly', 9.0, 'Ash', 2, 1], ['M', 'Dun', 2.0, '-', 1, 0]]

    With no figure at all (the week before a file's first), none, with the same columns:

    >>> none = _hotspots(members.assign(value=np.nan))
    >>> len(none), list(none.columns) == list(found.columns)
    (0, True)
    """
    blank = members["value"].isna().groupby(members["group"]).sum()
    members = members.dropna(subset=["value"])
    ordered = members.sort_values(["group", "value", "name"], ascending=[True, False, True])
    place = ordered.groupby("group").cumcount()
    top = ordered[place == 0].set_index("group")
    second = ordered[place == 1].set_index("group")
    best = ordered["group"].map(top["value"])
    tied = ordered[(ordered["value"] == best) & (place > 0)].groupby("group")["name"].agg(list)
    frame = pd.DataFrame(
        {
            "area": top.index,
            "value": top["value"].to_numpy(),
            "group_name": top["group_name"].to_numpy(),
            "hotspot_code": top["area"].to_numpy(),
            "hotspot_name": top["name"].to_numpy(),
            "second_name": second["name"].reindex(top.index).to_numpy(),
            "second_value": second["value"].reindex(top.index).to_numpy(),
            "of": ordered.groupby("group").size().reindex(top.index).to_numpy(),
            "blank": blank.reindex(top.index).fillna(0).astype(int).to_numpy(),
        }
    )
    frame["tied_with"] = [
        [str(name) for name in found] if isinstance(found, list | np.ndarray) else []
        for found in tied.reindex(top.index)
    ]
    codes = ordered.groupby("group")["area"].agg(list).reindex(top.index)
    frame["source_areas"] = [[str(code) for code in found] for found in codes]
    return frame
