"""Rank: where an area stands among its peers (districts in the region, counties in England,
areas of the patch...), and who had the biggest rise and the biggest fall.

Ties share a place ("joint third"): positions count the areas strictly ahead, plus one. A
rank fact names the area just ahead (``ahead_name``: "second only to Thanet"), the one just
behind, the leader and the last, and the areas it is tied with.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys
from storygen.rules.groups import label_peers


@register
class Rank(Rule):
    kind = "rank"
    example = "Medway has the second-highest rate in Kent and Medway, second only to Swale."

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "peer_groups"}, self.kind)
        super().validate(context)
        if not context.peer_groups():
            raise ValueError("rank facts need peer_groups in the narrative")

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        for measure in context.measures():
            now = context.at(measure, context.as_of)
            for group in context.peer_groups():
                members = context.members(group.level, group.within)
                members["value"] = context.shown(measure, now.reindex(members["area"])).to_numpy()
                ranked = rank_within(members.dropna(subset=["value"]))
                frames.append(label_peers(ranked, "rank", measure, group.level, group.within))
        return pd.concat(frames, ignore_index=True)

    def describe(self, fact: Any) -> str:
        v = fact.values
        joint = "joint " if v["tied"] else ""
        text = f"{joint}{_ordinal(v['position'])} of {v['of']} in {v['group_name']} ({figure(fact.value)})"
        if v["position"] == 2 and not v["tied"]:
            text += f", behind {v['ahead_name']}"
        return text

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"{row['measure']} {row['value']} ranked {row['position']} of {row['of']} "
            f"({row['peer_level']}s in {row['group_name']}), highest first, ties share a place"
        )


@register
class BiggestChange(Rule):
    kind = "biggest_change"
    example = (
        "Medway had the biggest rise in England, from 389.5 to 483.2; Kingston upon Hull the "
        "biggest fall."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "peer_groups"}, self.kind)
        super().validate(context)
        if not context.peer_groups():
            raise ValueError("biggest_change facts need peer_groups in the narrative")

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        for measure in context.measures():
            now = context.shown(measure, context.at(measure, context.as_of))
            before = context.shown(measure, context.at(measure, context.previous))
            for group in context.peer_groups():
                members = context.members(group.level, group.within)
                members["now"] = now.reindex(members["area"]).to_numpy()
                members["previous"] = before.reindex(members["area"]).to_numpy()
                members["change"] = members["now"] - members["previous"]
                members = members.dropna(subset=["change"])
                members["of_all"] = members.groupby("group")["area"].transform("size")
                for direction, sign in (("rise", 1.0), ("fall", -1.0)):
                    moved = members[np.sign(members["change"]) == sign].copy()
                    moved["value"] = moved["change"].abs()
                    ranked = rank_within(moved)
                    ranked["direction"] = direction
                    frames.append(
                        label_peers(ranked, "biggest_change", measure, group.level, group.within)
                    )
        result = pd.concat(frames, ignore_index=True)
        # the fact's value is the figure now; the size of the move is ``change``
        result["value"] = result.pop("now")
        result["source_from"] = context.previous.date().isoformat()
        return result.drop(columns=["ahead_value", "behind_value", "leader_value", "last_value"])

    def describe(self, fact: Any) -> str:
        v = fact.values
        joint = "joint " if v["tied"] else ""
        return (
            f"{joint}{'' if v['position'] == 1 else _ordinal(v['position']) + '-'}biggest "
            f"{v['direction']} of {v['of']} in "
            f"{v['group_name']}: {figure(v['previous'])} to {figure(fact.value)}"
        )

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"{row['measure']} {row['value']} minus {row['previous']} = {row['change']:+g}, "
            f"ranked {row['position']} of the {row['of']} {row['peer_level']}s in "
            f"{row['group_name']} whose figure moved that way (a {row['direction']})"
        )


def rank_within(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank every row among the rows of its ``group`` by ``value``, highest first and lowest
    first, with ties sharing a place; name the rows ahead, behind, first and last.

    >>> frame = pd.DataFrame({"area": list("abcd"), "name": list("ABCD"), "group": "g",
    ...                       "value": [5.0, 9.0, 5.0, 1.0]})
    >>> ranked = rank_within(frame)
    >>> columns = ["name", "position", "position_from_bottom", "tied", "ahead_name", "behind_name"]
    >>> ranked[columns].fillna("-").values.tolist()
    [['B', 1, 4, 0, '-', 'A'], ['A', 2, 2, 1, 'B', 'D'], ['C', 2, 2, 1, 'B', 'D'], ['D', 4, 1, 0, 'C', '-']]
    >>> ranked["tied_with"].tolist()
    [[], ['C'], ['A'], []]
    """
    frame = frame.sort_values(["group", "value", "name"], ascending=[True, False, True])
    frame = frame.reset_index(drop=True)
    grouped = frame.groupby("group", sort=False)["value"]
    frame["position"] = grouped.rank(ascending=False, method="min").astype(int)
    frame["position_from_bottom"] = grouped.rank(ascending=True, method="min").astype(int)
    frame["of"] = grouped.transform("size").astype(int)
    frame["tied"] = frame.groupby(["group", "value"])["value"].transform("size").astype(int) - 1
    start = (np.arange(len(frame)) - frame.groupby("group", sort=False).cumcount()).to_numpy()
    position = frame["position"].to_numpy()
    tied = frame["tied"].to_numpy()
    size = frame["of"].to_numpy()
    names = frame["name"].to_numpy(dtype=object)
    values = frame["value"].to_numpy()

    def pick(index: np.ndarray, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        safe = np.clip(index, 0, max(len(frame) - 1, 0))
        return (
            np.where(present, names[safe] if len(frame) else names, None),
            np.where(present, values[safe] if len(frame) else values, np.nan),
        )

    frame["ahead_name"], frame["ahead_value"] = pick(start + position - 2, position > 1)
    behind = start + position + tied
    frame["behind_name"], frame["behind_value"] = pick(behind, position + tied <= size - 1)
    frame["leader_name"], frame["leader_value"] = pick(start, np.ones(len(frame), dtype=bool))
    frame["last_name"], frame["last_value"] = pick(start + size - 1, np.ones(len(frame), bool))
    frame["tied_with"] = _tied_names(frame)
    return frame


def _tied_names(frame: pd.DataFrame) -> list[list[str]]:
    """For each row, the names of the other rows in its group with the same value."""
    result: list[list[str]] = [[] for _ in range(len(frame))]
    tied = frame[frame["tied"] > 0]
    if tied.empty:
        return result
    blocks = tied.groupby(["group", "value"])["name"].agg(list)
    together = blocks.reindex(pd.MultiIndex.from_frame(tied[["group", "value"]])).to_numpy()
    for position, name, names in zip(tied.index, tied["name"], together, strict=True):
        result[position] = [other for other in names if other != name]
    return result


def _ordinal(number: int) -> str:
    """
    >>> _ordinal(1), _ordinal(2), _ordinal(13), _ordinal(22)
    ('1st', '2nd', '13th', '22nd')
    """
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
