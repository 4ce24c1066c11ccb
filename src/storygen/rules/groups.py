"""Group facts: counting the areas of each peer group by what they have in common.

"Only two of Kent's 12 districts are below the target", "six of the 19 areas where rates
rose are in Kent and Medway": such a fact's subject is the group itself (a county, a region,
England or a newsroom patch), and it is built from one frame of memberships at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from storygen.narrative import PATCH

NAME_LIMIT = 10  # list the members by name when no more than this many share a value


def count_by_group(
    members: pd.DataFrame, column: str, categories: Sequence[object]
) -> pd.DataFrame:
    """One row per group: ``of`` (members with a value), ``count_<c>`` and ``names_<c>``
    (names, when no more than NAME_LIMIT, else an empty list) for each category ``c``, and
    ``source_areas`` (every member's code).

    ``members`` has columns ``area``, ``name``, ``group``, ``group_name`` and ``column``.

    >>> members = pd.DataFrame({"area": list("abc"), "name": ["Ash", "Bly", "Cray"],
    ...     "group": "K", "group_name": "Kent", "way": ["up", "down", "up"]})
    >>> row = count_by_group(members, "way", ["up", "down"]).iloc[0]
    >>> int(row["of"]), int(row["count_up"]), row["names_up"], int(row["count_down"]), row["names_down"]
    (3, 2, ['Ash', 'Cray'], 1, ['Bly'])
    """
    members = members.dropna(subset=[column])
    groups = members.groupby("group", sort=True)
    result = pd.DataFrame(
        {
            "group_name": groups["group_name"].first(),
            "of": groups.size(),
        }
    )
    # each group's rows, in the frame's order: one sort for every group at once
    rows = [groups.indices[group] for group in result.index]
    codes = members["area"].astype(str).to_numpy(dtype=object)
    names = members["name"].astype(str).to_numpy(dtype=object)
    result["source_areas"] = [codes[at].tolist() for at in rows]
    for category in categories:
        chosen = (members[column] == category).to_numpy(dtype=bool)
        picked = [at[chosen[at]] for at in rows]
        result[f"count_{category}"] = [len(at) for at in picked]
        result[f"names_{category}"] = [
            sorted(names[at].tolist()) if len(at) <= NAME_LIMIT else [] for at in picked
        ]
    result.index.name = "area"
    return result.reset_index()


def label_peers(
    frame: pd.DataFrame, kind: str, measure: str, level: str, within: str
) -> pd.DataFrame:
    """Keys and peer-group labels for ranked rows; groups of one are dropped."""
    frame = frame[frame["of"] > 1].copy()
    label = within if within != PATCH else None
    frame["peer_level"] = level
    frame["peer_within"] = label if label else frame["group"]
    frame["measure"] = measure
    suffix = frame["group"] if label is None else pd.Series(label, index=frame.index)
    frame["key"] = f"{kind}.{measure}.{level}-in-" + suffix
    frame["peer_group"] = f"{level}s in " + frame["group"].astype(str)
    return frame.drop(columns=["name"]).rename(columns={"group": "group_code"})
