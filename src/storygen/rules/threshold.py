"""Threshold: bands and targets a narrative declares, who crossed them, and how many are where.

Bands (``bands: {rate: {edges: [10, 50, 100, 200, 400], labels: [...]}}``): each edge is the
top of a band, included in it, so 10.0 is in "0-10" and 10.1 in "11-50"; above the last edge
is the top band. A band fact says which band an area is in, which it was in a period
earlier, whether it crossed (``crossed``: up or down, ``bands_moved``) and since when it has
been in this band (``in_band_since``).

Targets (``targets: [{name: easing, measure: rate, value: 25, side: below}]``): ``side`` is
where an area should be; ``met`` says whether it is there now (strictly below or above),
``crossed`` whether it got there (``met``) or left (``missed``) since the period before. A
target set for some places only (a county's director of public health set it for the
county) names them in ``within`` (area codes): it is a target for those areas and the areas
inside them, and its counts are of groups whose every member is one of those.

Capacity shares ("Covid patients fill more than a quarter of beds") are bands on a share
measure: declare ``occupancy: {ratio: patients, denominator: beds, per: 100}`` and bands
with edges ``[25, 50]`` labelled "a quarter or less", "more than a quarter", "more than half".

For each group of areas (see ``count_levels``), count facts say how many are in each band
and how many meet each target, naming them when few ("only two areas are below the target").
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys
from storygen.rules.groups import count_by_group
from storygen.text import slug


@register
class Threshold(Rule):
    kind = "threshold"
    example = (
        "Medway's rate has been over 400 per 100,000 since November 19; only two areas of Kent "
        "and Medway are below the rate of 25 set for easing restrictions."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"bands", "targets", "count_levels", "peer_groups"}, self.kind)
        measures = context.narrative.measures
        bands = context.config.get("bands", {})
        targets = context.config.get("targets", [])
        if not bands and not targets:
            raise ValueError("threshold facts need bands or targets")
        if not isinstance(bands, dict) or not isinstance(targets, list):
            raise ValueError("bands maps a measure to its edges and labels; targets is a list")
        for measure, spec in bands.items():
            if measure not in measures:
                raise ValueError(f"bands for unknown measure {measure!r}")
            _edges_and_labels(spec, measure)
        names = set()
        for target in targets:
            _target(target, measures)
            if target["name"] in names:
                raise ValueError(f"two targets are named {target['name']!r}")
            names.add(target["name"])
        context.count_levels()

    def run(self, context: RuleContext) -> list[pd.DataFrame]:
        frames = []
        for measure, spec in context.config.get("bands", {}).items():
            edges, labels = _edges_and_labels(spec, measure)
            frames += _band_facts(context, measure, edges, labels)
        for raw in context.config.get("targets", []):
            frames += _target_facts(context, _target(raw, context.narrative.measures))
        return [frame for frame in frames if not frame.empty]

    def describe(self, fact: Any) -> str:
        v = fact.values
        if "count_met" in v:
            return f"{v['count_met']} of {v['of']} {v['side']} {figure(v['target'])} in {v['group_name']}"
        if "counts" in v:
            return f"{v['counts'][-1]} of {v['of']} in the top band ({v['labels'][-1]}) in {v['group_name']}"
        if "band" in v:
            moved = {"up": "up into", "down": "down into"}.get(v["crossed"] or "", "in")
            return (
                f"{figure(fact.value)}, {moved} band {v['band_label']} since {v['in_band_since']}"
            )
        status = "meets" if v["met"] else "misses"
        change = f" ({v['crossed']} this period)" if v["crossed"] else ""
        return (
            f"{figure(fact.value)} {status} the target of {v['side']} {figure(v['target'])}{change}"
        )

    def arithmetic(self, row: dict[str, Any]) -> str:
        if "count_met" in row:
            return (
                f"count of {row['of']} areas in {row['group_name']} whose {row['measure']} is "
                f"{row['side']} {row['target']}: {row['count_met']}"
            )
        if "counts" in row:
            return f"count of {row['of']} areas in {row['group_name']} by band: {row['counts']}"
        if "band" in row:
            upper = row["band_upper"]
            top = upper is None or upper != upper or upper == float("inf")  # the open top band
            return (
                f"{row['measure']} {row['value']} is above {row['band_lower']}"
                f"{'' if top else f' and at most {upper}'} (band {row['band_label']})"
            )
        return f"{row['measure']} {row['value']} compared with the target {row['target']}"


def _edges_and_labels(spec: Any, measure: str) -> tuple[np.ndarray, list[str]]:
    if not isinstance(spec, dict) or set(spec) - {"edges", "labels"} or "edges" not in spec:
        raise ValueError(f"bands.{measure} needs edges (and optionally labels)")
    edges = np.asarray(spec["edges"], dtype="float64")
    if edges.ndim != 1 or len(edges) == 0 or np.any(np.diff(edges) <= 0):
        raise ValueError(f"bands.{measure}.edges must be a rising list of numbers")
    labels = [str(label) for label in spec.get("labels", [])] or _default_labels(edges)
    if len(labels) != len(edges) + 1:
        raise ValueError(
            f"bands.{measure} has {len(edges)} edges so needs {len(edges) + 1} labels, "
            f"got {len(labels)}"
        )
    return edges, labels


def _default_labels(edges: np.ndarray) -> list[str]:
    """
    >>> _default_labels(np.array([10.0, 50.0]))
    ['up to 10', '10 to 50', 'over 50']
    """
    shown = [f"{edge:g}" for edge in edges]
    middle = [f"{low} to {high}" for low, high in zip(shown, shown[1:], strict=False)]
    return [f"up to {shown[0]}", *middle, f"over {shown[-1]}"]


def _scope(context: RuleContext, target: dict[str, Any]) -> pd.Series:
    """For every area, whether the target is one for it: every area, or those ``within``
    names and the areas inside them."""
    areas = context.panel.areas.index
    if target.get("within") is None:
        return pd.Series(True, index=areas)
    return context.panel.inside(target["within"])


def _target(raw: Any, measures: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError("each target is a mapping with name, measure, value and side")
    required = {"name", "measure", "value", "side"}
    missing = required - set(raw)
    unknown = set(raw) - required - {"label", "within"}
    if missing or unknown:
        raise ValueError(
            f"target {raw.get('name', '?')!r}: needs name, measure, value and side "
            f"(and optionally label and within); missing {sorted(missing)}, "
            f"unknown {sorted(unknown)}"
        )
    within = raw.get("within")
    if within is not None and (
        not isinstance(within, list)
        or not within
        or not all(isinstance(code, str) and code for code in within)
    ):
        raise ValueError(
            f"target {raw['name']!r}: within is a list of the area codes the target was set "
            f"for, got {within!r}"
        )
    if raw["measure"] not in measures:
        raise ValueError(f"target {raw['name']!r} names unknown measure {raw['measure']!r}")
    if raw["side"] not in {"below", "above"}:
        raise ValueError(f"target {raw['name']!r}: side must be below or above")
    if slug(str(raw["name"])) != str(raw["name"]):
        raise ValueError(f"target name {raw['name']!r} must be lower case with hyphens")
    return {**raw, "value": float(raw["value"]), "label": str(raw.get("label", ""))}


def _bands(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The band of each value (0 = lowest), -1 where there is no value.

    >>> _bands(np.array([0.0, 10.0, 10.1, 400.0, 400.1, np.nan]), np.array([10.0, 50, 400]))
    array([ 0,  0,  1,  2,  3, -1])
    """
    bands = np.searchsorted(edges, np.nan_to_num(values, nan=0.0), side="left")
    return np.where(np.isnan(values), -1, bands)


def _run_start(states: np.ndarray, dates: pd.DatetimeIndex) -> np.ndarray:
    """The first date of the run of equal states that ends on the last column.

    >>> dates = pd.date_range("2020-11-01", periods=4)
    >>> _run_start(np.array([[0, 1, 1, 1], [2, 2, 2, 2], [1, 0, 1, 0]]), dates).tolist()
    ['2020-11-02', '2020-11-01', '2020-11-04']
    """
    different = states != states[:, -1:]
    has_break = different.any(axis=1)
    last_break = states.shape[1] - 1 - np.argmax(different[:, ::-1], axis=1)
    start = np.where(has_break, last_break + 1, 0)
    return dates[start].strftime("%Y-%m-%d").to_numpy()


def _history(context: RuleContext, measure: str) -> tuple[np.ndarray, pd.DataFrame]:
    matrix = context.panel.measures[measure].loc[:, : context.as_of]
    return context.shown(measure, matrix.to_numpy(dtype="float64")), matrix


def _band_facts(
    context: RuleContext, measure: str, edges: np.ndarray, labels: list[str]
) -> list[pd.DataFrame]:
    shown, matrix = _history(context, measure)
    if matrix.shape[1] == 0 or matrix.columns[-1] != context.as_of:
        return []
    states = _bands(shown, edges)
    now = states[:, -1]
    previous_date = context.previous
    if previous_date in matrix.columns:
        at = matrix.columns.get_loc(previous_date)
        before, then = states[:, at], shown[:, at]  # each area's band and figure a week before
    else:
        before, then = np.full(len(now), -1), np.full(len(now), np.nan)
    lowers = np.concatenate([[0.0], edges])
    uppers = np.concatenate([edges, [np.nan]])
    label_array = np.array(labels, dtype=object)
    frame = pd.DataFrame(
        {
            "area": matrix.index,
            "key": f"threshold.{measure}.band",
            "measure": measure,
            "value": shown[:, -1],
            "band": now,
            "band_label": label_array[np.maximum(now, 0)],
            "band_lower": lowers[np.maximum(now, 0)],
            "band_upper": uppers[np.maximum(now, 0)],
            "bands": len(labels),
            "top_band": now == len(labels) - 1,
            "previous_band": np.where(before >= 0, before, -1),
            "previous_band_label": np.where(before >= 0, label_array[np.maximum(before, 0)], None),
            "previous_date": previous_date.date().isoformat(),
            "crossed": np.select(
                [(before >= 0) & (now > before), (before >= 0) & (now < before)],
                ["up", "down"],
                default=None,
            ),
            "bands_moved": np.where(before >= 0, now - before, 0),
            "in_band_since": _run_start(states, matrix.columns),
        }
    )
    frame["days_in_band"] = (context.as_of - pd.to_datetime(frame["in_band_since"])).dt.days
    frame["surprise"] = context.surprise(measure).reindex(matrix.index).to_numpy()
    frame = frame[now >= 0]
    frames = [frame]
    banded = pd.Series(now, index=matrix.index)
    latest = pd.Series(shown[:, -1], index=matrix.index)
    earlier = pd.Series(then, index=matrix.index)
    for level in context.count_levels():
        counted: set[str] = set()  # a unitary area is its own county: count it once
        for within in context.count_groups(level):
            members = context.members(level, within)
            members["band"] = banded.reindex(members["area"]).to_numpy()
            members = members[members["band"] >= 0]
            counts = count_by_group(members, "band", range(len(labels)))
            counts = counts[(counts["of"] > 1) & ~counts["area"].isin(counted)]
            counts = counts.reset_index(drop=True)
            counted.update(counts["area"])
            if counts.empty:
                continue
            # "six of the seven areas had rates below 50": how many are under each edge; and
            # "seven areas rose above 400": how many crossed it since the week before
            value = latest.reindex(members["area"]).to_numpy()[:, None]
            week_before = earlier.reindex(members["area"]).to_numpy()[:, None]
            under = (
                pd.DataFrame(
                    np.hstack(
                        [
                            value < edges,
                            (week_before < edges) & (value >= edges),
                            (week_before >= edges) & (value < edges),
                        ]
                    ),
                    columns=[
                        _edge_key(name, edge)
                        for name in ("below", "rose_above", "fell_below")
                        for edge in edges
                    ],
                )
                .groupby(members["group"].to_numpy())
                .sum()
                .reindex(counts["area"])
            )
            group_facts = pd.DataFrame(
                {
                    **{key: under[key].to_numpy() for key in under.columns},
                    "area": counts["area"],
                    "key": f"threshold.{measure}.band-{level}-count",
                    "measure": measure,
                    "value": counts[f"count_{len(labels) - 1}"],
                    "group_name": counts["group_name"],
                    "peer_level": level,
                    "of": counts["of"],
                    "labels": [labels] * len(counts),
                    "counts": counts[[f"count_{i}" for i in range(len(labels))]].values.tolist(),
                    "top_band_names": counts[f"names_{len(labels) - 1}"],
                    "source_areas": counts["source_areas"],
                }
            )
            frames.append(group_facts)
    return frames


def _edge_key(name: str, edge: float) -> str:
    """The name of a count of a group's areas against a band's edge: under it (``below``),
    or gone above it or below it since the week before (``rose_above``, ``fell_below``).

    >>> _edge_key("below", 50.0), _edge_key("rose_above", 400.0), _edge_key("fell_below", 12.5)
    ('below_50', 'rose_above_400', 'fell_below_12_5')
    """
    return f"{name}_{edge:g}".replace(".", "_")


def _target_facts(context: RuleContext, target: dict[str, Any]) -> list[pd.DataFrame]:
    measure = target["measure"]
    shown, matrix = _history(context, measure)
    if matrix.shape[1] == 0 or matrix.columns[-1] != context.as_of:
        return []
    below = target["side"] == "below"
    with np.errstate(invalid="ignore"):
        met = shown < target["value"] if below else shown > target["value"]
    scope = _scope(context, target).reindex(matrix.index, fill_value=False)
    states = np.where(np.isnan(shown) | ~scope.to_numpy()[:, None], -1, met.astype(int))
    previous = (
        states[:, matrix.columns.get_loc(context.previous)]
        if context.previous in matrix.columns
        else np.full(len(states), -1)
    )
    now = states[:, -1]
    key = f"threshold.{measure}.target-{target['name']}"
    frame = pd.DataFrame(
        {
            "area": matrix.index,
            "key": key,
            "measure": measure,
            "value": shown[:, -1],
            "target": target["value"],
            "target_label": target["label"],
            "side": target["side"],
            "met": now == 1,
            "previous_met": np.where(previous >= 0, previous == 1, None),
            "crossed": np.select(
                [(previous == 0) & (now == 1), (previous == 1) & (now == 0)],
                ["met", "missed"],
                default=None,
            ),
            "status_since": _run_start(states, matrix.columns),
            "gap": shown[:, -1] - target["value"],
            "times": shown[:, -1] / target["value"] if target["value"] else np.nan,
        }
    )
    frame["days_in_status"] = (context.as_of - pd.to_datetime(frame["status_since"])).dt.days
    frames = [frame[now >= 0]]
    status = pd.Series(now, index=matrix.index)
    before = pd.Series(previous, index=matrix.index)
    for level in context.count_levels():
        counted: set[str] = set()  # a unitary area is its own county: count it once
        for within in context.count_groups(level):
            members = context.members(level, within)
            outside = members.loc[~scope.reindex(members["area"], fill_value=False).to_numpy()]
            members = members[~members["group"].isin(outside["group"])]  # the target's groups
            members["met"] = status.reindex(members["area"]).to_numpy()
            members["met_before"] = before.reindex(members["area"]).to_numpy()
            members = members[members["met"] >= 0]
            counts = count_by_group(members, "met", [1, 0])
            counts = counts[(counts["of"] > 1) & ~counts["area"].isin(counted)]
            counts = counts.reset_index(drop=True)
            counted.update(counts["area"])
            if counts.empty:
                continue
            # a week before, and since then ("three areas fell below 25 in the latest week")
            week = (
                pd.DataFrame(
                    {
                        "before": members["met_before"] == 1,
                        "met": (members["met_before"] == 0) & (members["met"] == 1),
                        "missed": (members["met_before"] == 1) & (members["met"] == 0),
                    }
                )
                .groupby(members["group"].to_numpy())
                .sum()
                .reindex(counts["area"], fill_value=0)
            )
            frames.append(
                pd.DataFrame(
                    {
                        "area": counts["area"],
                        "key": f"{key}-{level}-count",
                        "measure": measure,
                        "value": counts["count_1"],
                        "group_name": counts["group_name"],
                        "peer_level": level,
                        "of": counts["of"],
                        "target": target["value"],
                        "target_label": target["label"],
                        "side": target["side"],
                        "count_met": counts["count_1"],
                        "count_missed": counts["count_0"],
                        "met_names": counts["names_1"],
                        "missed_names": counts["names_0"],
                        "previous_count_met": week["before"].astype(int).to_numpy(),
                        "count_newly_met": week["met"].to_numpy(),
                        "count_newly_missed": week["missed"].to_numpy(),
                        "source_areas": counts["source_areas"],
                    }
                )
            )
    return frames
