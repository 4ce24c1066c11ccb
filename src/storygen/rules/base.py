"""The contract every rule keeps, and the registry rules are found in.

A rule first ``validate``s the narrative's settings for it, then ``run``s once over every
area at once and returns a frame with one row per fact (or a list of frames, one per shape
of fact, when it finds facts of different shapes, such as an area's band and a count of the
areas in each band). Required columns of each frame:
``area`` (code), ``key`` (how templates ask for the fact, e.g. ``change.rate``),
``measure``, ``value``; any other column becomes one of the fact's ``values``, except the
provenance columns ``source_areas`` (codes of every area whose rows the fact used, when
more than its own) and ``source_from`` (ISO date of the earliest row used).

A rule also says in words what one of its facts says (``describe``, for ``storygen facts``)
and how its figure was computed (``arithmetic``, for the fact's provenance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from storygen.narrative import PATCH, Narrative, PeerGroup
from storygen.patches import Patch
from storygen.series import Panel

FACT_COLUMNS = ("area", "key", "measure", "value")


@dataclass
class RuleContext:
    """What every rule sees: the narrative, its panel, the period the stories cover and the
    newsroom patches (for peer groups ``within: patch`` and patch totals)."""

    narrative: Narrative
    panel: Panel
    as_of: pd.Timestamp
    config: dict[str, Any] = field(default_factory=dict)
    patches: list[Patch] = field(default_factory=list)

    @property
    def previous(self) -> pd.Timestamp:
        return self.as_of - pd.Timedelta(days=self.narrative.compare_days)

    def at(self, measure: str, date: pd.Timestamp) -> pd.Series:
        """The measure on ``date`` for every area (NaN where there is no figure)."""
        matrix = self.panel.measures[measure]
        if date not in matrix.columns:
            return pd.Series(np.nan, index=matrix.index)
        return matrix[date]

    def shown(self, measure: str, values: Any) -> Any:
        """Values rounded as copy prints them, so that ranks and records agree with the copy."""
        return np.round(values, self.narrative.measures[measure].decimals)

    def history(self, measure: str, periods: int) -> pd.DataFrame:
        """The measure on the as-of date and the ``periods`` comparison dates before it, oldest
        first (columns at ``compare_days`` steps; a date outside the data is all NaN)."""
        step = pd.Timedelta(days=self.narrative.compare_days)
        dates = [self.as_of - step * n for n in range(periods, -1, -1)]
        matrix = self.panel.measures[measure]
        return matrix.reindex(columns=pd.DatetimeIndex(dates))

    def counts(self, measure: str) -> pd.DataFrame | None:
        """The whole-number counts the measure's figures rest on (areas x dates), or None
        (see ``Measure.count_measure``): they say how far a move could be chance."""
        count = self.narrative.measures[measure].count_measure(self.narrative.measures)
        return None if count is None else self.panel.measures[count]

    def surprise(self, measure: str) -> pd.Series:
        """``surprise`` of the move in the measure's count from the previous period to now,
        for every area (NaN where the measure rests on no count)."""
        counts = self.counts(measure)
        if counts is None:
            return pd.Series(np.nan, index=self.panel.areas.index)
        now = self.at_in(counts, self.as_of)
        before = self.at_in(counts, self.previous)
        return pd.Series(surprise(now, before), index=counts.index)

    @staticmethod
    def at_in(matrix: pd.DataFrame, date: pd.Timestamp) -> np.ndarray:
        """A matrix's column for ``date`` as floats, all NaN when the date is not in it."""
        if date not in matrix.columns:
            return np.full(len(matrix), np.nan)
        return matrix[date].to_numpy(dtype="float64")

    def measures(self, default: list[str] | None = None) -> list[str]:
        names = list(self.config.get("measures", default or list(self.narrative.measures)))
        unknown = [name for name in names if name not in self.narrative.measures]
        if unknown:
            raise ValueError(f"unknown measure(s) {', '.join(unknown)}")
        return names

    def peer_groups(self) -> list[PeerGroup]:
        """The groups this rule compares areas within: the rule's own ``peer_groups`` setting
        or the narrative's."""
        raw = self.config.get("peer_groups")
        if raw is None:
            return list(self.narrative.peer_groups)
        levels = self.panel.levels
        groups = []
        for spec in raw:
            if not isinstance(spec, dict) or set(spec) != {"level", "within"}:
                raise ValueError("each peer group needs exactly level and within")
            if spec["level"] not in levels or spec["within"] not in [*levels, PATCH]:
                raise ValueError(f"peer group {spec} names an unknown level")
            groups.append(PeerGroup(spec["level"], spec["within"]))
        return groups

    def count_groups(self, level: str) -> list[str]:
        """What areas at ``level`` are counted within, for facts about a whole group ("six of
        Kent's 12 districts rose"): each ``within`` of the peer groups at that level, and the
        newsroom patches."""
        withins = [group.within for group in self.peer_groups() if group.level == level]
        if self.patches and PATCH not in withins:
            withins.append(PATCH)
        return withins

    def count_levels(self) -> list[str]:
        """The levels whose areas group facts count: the rule's ``count_levels`` setting, or
        the most local level."""
        levels = list(self.config.get("count_levels", [self.panel.levels[0]]))
        unknown = [level for level in levels if level not in self.panel.levels]
        if unknown:
            raise ValueError(f"count_levels names unknown level(s) {', '.join(unknown)}")
        return levels

    def members(self, level: str, within: str) -> pd.DataFrame:
        """Who is compared with whom: one row per area at ``level`` and group it belongs to,
        with columns ``area``, ``name``, ``group`` (code), ``group_name``.

        ``within`` is a geography level (each area's containing area) or ``patch`` (each
        patch that lists the area or an area containing it, so a patch listing Kent holds
        Kent's neighbourhoods; an area in two patches has two rows). A group's own code is
        the containing area's code, or the patch's slug.
        """
        areas = self.panel.areas
        at_level = areas[areas[f"is_{level}"]]
        if within != PATCH:
            frame = pd.DataFrame(
                {
                    "area": at_level.index,
                    "name": at_level["name"].to_numpy(),
                    "group": at_level[f"{within}_code"].to_numpy(),
                    "group_name": at_level[f"{within}_name"].to_numpy(),
                }
            )
            return frame.dropna(subset=["group"]).reset_index(drop=True)
        frames = []
        for patch in self.patches:  # a handful of patches; each test is vectorised over areas
            chosen = at_level[self.panel.inside(patch.areas).reindex(at_level.index).to_numpy()]
            frames.append(
                pd.DataFrame(
                    {
                        "area": chosen.index,
                        "name": chosen["name"].to_numpy(),
                        "group": patch.slug,
                        "group_name": patch.name,
                    }
                )
            )
        if not frames:
            return pd.DataFrame(columns=["area", "name", "group", "group_name"])
        frame = pd.concat(frames, ignore_index=True)
        return frame


class Rule:
    """Base class: subclasses set ``kind`` and ``example`` and implement ``run``."""

    kind: ClassVar[str]
    example: ClassVar[str]  # a sentence a template might write from this kind of fact

    def validate(self, context: RuleContext) -> None:
        context.measures()

    def run(self, context: RuleContext) -> pd.DataFrame | list[pd.DataFrame]:
        raise NotImplementedError

    def describe(self, fact: Any) -> str:
        """What one fact says, in plain words for a reporter scanning ``storygen facts``."""
        return f"{fact.measure} {figure(fact.value)}"

    def arithmetic(self, row: dict[str, Any]) -> str:
        """How one fact's figures were computed, for its provenance."""
        return f"{row['measure']} {figure(row['value'])} on the as-of date"


RULES: dict[str, Rule] = {}


def register(rule_class: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry under its ``kind``."""
    RULES[rule_class.kind] = rule_class()
    return rule_class


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: [] for column in [*FACT_COLUMNS, *columns]})


def require_keys(config: dict[str, Any], allowed: set[str], kind: str) -> None:
    """Reject a setting the rule does not know (a typo would otherwise be ignored)."""
    unknown = set(config) - allowed
    if unknown:
        raise ValueError(
            f"unknown setting(s) {', '.join(sorted(unknown))}; "
            f"{kind} takes {', '.join(sorted(allowed))}"
        )


def surprise(count: Any, expected: Any) -> np.ndarray:
    """How far a count stands from another beyond chance: ``|a - b| / sqrt(a + b)``, the
    difference in standard deviations of two Poisson counts (0 where both are 0). 7 cases
    after 1 is 2.1; 549 after 414 is 4.4.

    >>> surprise([7, 549, 0, np.nan], [1, 414, 0, 3]).round(1).tolist()
    [2.1, 4.4, 0.0, nan]
    """
    a = np.asarray(count, dtype="float64")
    b = np.asarray(expected, dtype="float64")
    total = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            total > 0, np.abs(a - b) / np.sqrt(total), np.where(total == 0, 0.0, np.nan)
        )


def figure(value: Any) -> str:
    """A figure as the facts table prints it.

    >>> figure(527.33), figure(1871.0), figure(None)
    ('527.3', '1,871', '-')
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    value = float(value)
    return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"
