"""Share: an area's part of its region's, county's, country's or patch's total.

For each peer group (``level`` within ``within``) the share is the area's figure over the
group's total: the containing area's own figure for a geography level (they add up), or the
sum of the patch's areas at that level for a patch. Where the geography has populations the
fact also carries the area's share of the group's people (``population_share``), so a template
can say "6% of the region's cases from 2.7% of its people" (``over_represented`` is the ratio).
``one_in`` is the share as "one in N" (rounded).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.narrative import PATCH
from storygen.rules.base import Rule, RuleContext, register, require_keys
from storygen.rules.groups import label_peers


@register
class Share(Rule):
    kind = "share"
    example = "Swale accounted for 18.9% of Kent's cases, from 9.5% of its people."

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "peer_groups"}, self.kind)
        super().validate(context)
        for measure in context.measures():
            spec = context.narrative.measures[measure]
            if spec.ratio is not None or not spec.roll_up:
                raise ValueError(
                    f"measure {measure!r} does not add up across areas, so it has no shares; "
                    "use a count"
                )
        if not context.peer_groups():
            raise ValueError("share facts need peer_groups")

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        areas = context.panel.areas
        for measure in context.measures():
            now = context.at(measure, context.as_of)
            before = context.at(measure, context.previous)
            for group in context.peer_groups():
                members = context.members(group.level, group.within)
                members["value"] = now.reindex(members["area"]).to_numpy()
                members["previous"] = before.reindex(members["area"]).to_numpy()
                members = members.dropna(subset=["value"])
                if group.within == PATCH:
                    grouped = members.groupby("group")
                    total = grouped["value"].transform("sum")
                    total_before = grouped["previous"].transform("sum")
                else:
                    total = now.reindex(members["group"]).to_numpy()
                    total_before = before.reindex(members["group"]).to_numpy()
                members["total"] = total
                members["previous_total"] = total_before
                members["of"] = members.groupby("group")["area"].transform("size")
                if "population" in areas:
                    people = areas["population"]
                    own = people.reindex(members["area"]).to_numpy()
                    if group.within == PATCH:
                        everyone = members.assign(p=own).groupby("group")["p"].transform("sum")
                    else:
                        everyone = people.reindex(members["group"]).to_numpy()
                    members["population_share"] = own / np.asarray(everyone, dtype=float) * 100
                frames.append(_shares(members, measure, group.level, group.within))
        result = pd.concat(frames, ignore_index=True)
        result["source_from"] = context.as_of.date().isoformat()
        return result.drop_duplicates(["area", "key"]).reset_index(drop=True)

    def describe(self, fact: Any) -> str:
        v = fact.values
        text = f"{v['share']:.1f}% of {v['group_name']}'s {v['total']:,.0f}"
        if v.get("population_share") is not None and np.isfinite(v["population_share"]):
            text += f" (population share {v['population_share']:.1f}%)"
        return text

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"{row['measure']} {row['value']} / {row['group_name']} total {row['total']} "
            f"* 100 = {row['share']:.4f}%"
        )


def _shares(members: pd.DataFrame, measure: str, level: str, within: str) -> pd.DataFrame:
    members = members[members["total"] > 0].copy()
    members["share"] = members["value"] / members["total"] * 100
    with np.errstate(divide="ignore", invalid="ignore"):
        members["previous_share"] = np.where(
            members["previous_total"] > 0,
            members["previous"] / members["previous_total"] * 100,
            np.nan,
        )
        members["one_in"] = np.where(members["share"] > 0, np.round(100 / members["share"]), np.nan)
    if "population_share" in members:
        members["over_represented"] = members["share"] / members["population_share"]
    members = members[members["area"] != members["group"]]
    labelled = label_peers(members, "share", measure, level, within)
    labelled["key"] = labelled["key"].str.replace(
        f"share.{measure}.{level}-in-", f"share.{measure}.", regex=False
    )
    return labelled
