"""Against the average: each area's figure against the figure for an area containing it
(England, its region...), and how many areas of each group are above or below it.

``compare_with: [country, region]`` names the levels to compare with (default: the top
level). An area fact (``against_average.<measure>.<level>``) carries the wider figure, the
difference, the ratio and the side. A group fact (``against_average.<measure>.<level>-vs-<with>``
about a county, region, England or a patch) counts its areas above and below the wider figure
and names the exceptions when at most two areas are on the other side: "every district in
Kent except Tunbridge Wells is above the England average".

Only measures that compare fairly between areas of different sizes qualify: rates and
shares (``ratio``), or figures read at every level rather than added up (``roll_up: false``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.narrative import PATCH
from storygen.rules.base import Rule, RuleContext, figure, register, require_keys, surprise
from storygen.rules.groups import count_by_group

SIDES = ("above", "below", "level")
EXCEPTIONS = 2  # name the areas on the other side when there are at most this many


@register
class AgainstAverage(Rule):
    kind = "against_average"
    example = "Every district in Kent except Gravesham has a rate below England's 68.1."

    def validate(self, context: RuleContext) -> None:
        require_keys(
            context.config,
            {"measures", "compare_with", "count_levels", "peer_groups"},
            self.kind,
        )
        super().validate(context)
        for measure in context.measures():
            spec = context.narrative.measures[measure]
            if spec.ratio is None and spec.roll_up:
                raise ValueError(
                    f"measure {measure!r} is a total added up from smaller areas, so a larger "
                    "area's figure is no average; compare a rate or share instead"
                )
        unknown = [lv for lv in _compare_levels(context) if lv not in context.panel.levels]
        if unknown:
            raise ValueError(f"compare_with names unknown level(s) {', '.join(unknown)}")
        context.count_levels()

    def run(self, context: RuleContext) -> list[pd.DataFrame]:
        frames = []
        areas = context.panel.areas
        levels = list(context.panel.levels)
        for measure in context.measures():
            now = context.shown(measure, context.at(measure, context.as_of))
            for wider in _compare_levels(context):
                parent = areas[f"{wider}_code"]
                frame = pd.DataFrame(
                    {
                        "area": areas.index,
                        "key": f"against_average.{measure}.{wider}",
                        "measure": measure,
                        "value": now.reindex(areas.index).to_numpy(),
                        "compared_with": wider,
                        "wider_code": parent.to_numpy(),
                        "wider_name": areas[f"{wider}_name"].to_numpy(),
                        "wider_value": now.reindex(parent).to_numpy(),
                    }
                )
                below_wider = areas["level"].map(levels.index).to_numpy() < levels.index(wider)
                frame = frame[below_wider & (frame["area"] != frame["wider_code"]).to_numpy()]
                frame = frame.dropna(subset=["value", "wider_value"])
                frame["difference"] = frame["value"] - frame["wider_value"]
                with np.errstate(divide="ignore", invalid="ignore"):
                    ratio = frame["value"] / frame["wider_value"]
                frame["ratio"] = ratio.where(frame["wider_value"] > 0)
                frame["multiple"] = np.maximum(frame["ratio"], 1 / frame["ratio"]).where(
                    frame["value"] > 0
                )
                frame["side"] = np.select(
                    [frame["difference"] > 0, frame["difference"] < 0], SIDES[:2], SIDES[2]
                )
                counts = context.counts(measure)
                if counts is not None:  # the count against the count the wider figure implies
                    own = context.at_in(counts.reindex(frame["area"]), context.as_of)
                    with np.errstate(divide="ignore", invalid="ignore"):
                        expected = own / frame["ratio"].to_numpy()
                    frame["surprise"] = surprise(own, expected)
                frame["source_areas"] = [
                    [a, b] for a, b in zip(frame["area"], frame["wider_code"], strict=True)
                ]
                frames.append(frame)
                frames.append(_counts(context, measure, wider, frame))
        return [frame for frame in frames if not frame.empty]

    def describe(self, fact: Any) -> str:
        v = fact.values
        if "count_above" in v:
            text = f"{v['count_above']} of {v['of']} in {v['group_name']} above {v['wider_name']}"
            if v["exceptions"]:
                text += f" (except {', '.join(v['exceptions'])})"
            return text
        return f"{figure(fact.value)}, {v['side']} {v['wider_name']} ({figure(v['wider_value'])})"

    def arithmetic(self, row: dict[str, Any]) -> str:
        if "count_above" in row:
            return (
                f"count of the {row['of']} {row['peer_level']}s in {row['group_name']} whose "
                f"{row['measure']} is above {row['wider_name']}'s {row['wider_value']}: "
                f"{row['count_above']}"
            )
        return (
            f"{row['measure']} {row['value']} minus {row['wider_name']}'s {row['wider_value']} "
            f"= {row['difference']:+g}"
        )


def _compare_levels(context: RuleContext) -> list[str]:
    return list(context.config.get("compare_with", [context.panel.levels[-1]]))


def _counts(context: RuleContext, measure: str, wider: str, frame: pd.DataFrame) -> pd.DataFrame:
    """For each group at or inside ``wider``, its areas above and below the wider figure."""
    levels = list(context.panel.levels)
    side = frame.set_index("area")["side"]
    results = []
    for level in context.count_levels():
        counted: set[str] = set()  # a unitary area is its own county: count it once
        for within in context.count_groups(level):
            if within != PATCH and levels.index(within) > levels.index(wider):
                continue  # a region's districts span no single county figure
            members = context.members(level, within)
            members["side"] = side.reindex(members["area"]).to_numpy()
            counts = count_by_group(members, "side", SIDES)
            counts = counts[(counts["of"] > 1) & ~counts["area"].isin(counted)]
            counts = counts.reset_index(drop=True)
            counted.update(counts["area"])
            if counts.empty:
                continue
            # the wider area every member shares (a patch may span two regions: then none)
            wider_of = frame.drop_duplicates("area").set_index("area")["wider_code"]
            shared = members.assign(wider=wider_of.reindex(members["area"]).to_numpy())
            shared = shared.groupby("group")["wider"].nunique() == 1
            counts = counts[shared.reindex(counts["area"]).fillna(False).to_numpy()]
            counts = counts.reset_index(drop=True)
            if counts.empty:
                continue
            # the wider area through a member with a figure (the City of London has none)
            compared = members[members["area"].isin(wider_of.index)]
            first = compared.drop_duplicates("group").set_index("group")["area"]
            wider_code = wider_of.reindex(first.reindex(counts["area"])).to_numpy()
            lookup = frame.drop_duplicates("area").set_index("area")
            minority = np.where(counts["count_above"] >= counts["count_below"], "below", "above")
            few = np.where(minority == "below", counts["count_below"], counts["count_above"])
            # "every district except X": a few areas, fewer than those on the other side
            exceptional = (few <= EXCEPTIONS) & (few * 2 < counts["of"].to_numpy())
            names = [
                below if side == "below" else above
                for side, below, above in zip(
                    minority, counts["names_below"], counts["names_above"], strict=True
                )
            ]
            results.append(
                pd.DataFrame(
                    {
                        "area": counts["area"],
                        "key": f"against_average.{measure}.{level}-vs-{wider}",
                        "measure": measure,
                        "value": counts["count_above"],
                        "group_name": counts["group_name"],
                        "peer_level": level,
                        "compared_with": wider,
                        "wider_code": wider_code,
                        "wider_name": lookup["wider_name"]
                        .reindex(first.reindex(counts["area"]))
                        .to_numpy(),
                        "wider_value": lookup["wider_value"]
                        .reindex(first.reindex(counts["area"]))
                        .to_numpy(),
                        "of": counts["of"],
                        **{f"count_{s}": counts[f"count_{s}"] for s in SIDES},
                        "exception_side": np.where(exceptional, minority, None),
                        "exceptions": [
                            list(n) if chosen else []
                            for n, chosen in zip(names, exceptional, strict=True)
                        ],
                        "source_areas": counts["source_areas"],
                    }
                )
            )
    return pd.concat(results, ignore_index=True) if results else pd.DataFrame()
