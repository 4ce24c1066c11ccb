"""The contract every rule keeps, and the registry rules are found in.

A rule first ``validate``s the narrative's settings for it, then ``run``s once over every
area at once and returns a frame with one row per fact. Required columns of that frame:
``area`` (code), ``key`` (how templates ask for the fact, e.g. ``change.rate``),
``measure``, ``value``; any other column becomes one of the fact's ``values``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from storygen.narrative import Narrative
from storygen.series import Panel

FACT_COLUMNS = ("area", "key", "measure", "value")


@dataclass
class RuleContext:
    """What every rule sees: the narrative, its panel and the period the stories cover."""

    narrative: Narrative
    panel: Panel
    as_of: pd.Timestamp
    config: dict[str, Any] = field(default_factory=dict)

    @property
    def previous(self) -> pd.Timestamp:
        return self.as_of - pd.Timedelta(days=self.narrative.compare_days)

    def at(self, measure: str, date: pd.Timestamp) -> pd.Series:
        """The measure on ``date`` for every area (NaN where there is no figure)."""
        matrix = self.panel.measures[measure]
        if date not in matrix.columns:
            return pd.Series(np.nan, index=matrix.index)
        return matrix[date]

    def shown(self, measure: str, values: pd.Series | np.ndarray) -> Any:
        """Values rounded as copy prints them, so that ranks and records agree with the copy."""
        return np.round(values, self.narrative.measures[measure].decimals)

    def measures(self, default: list[str] | None = None) -> list[str]:
        names = list(self.config.get("measures", default or list(self.narrative.measures)))
        unknown = [name for name in names if name not in self.narrative.measures]
        if unknown:
            raise ValueError(f"unknown measure(s) {', '.join(unknown)}")
        return names


class Rule:
    """Base class: subclasses set ``kind`` and ``example`` and implement ``run``."""

    kind: ClassVar[str]
    example: ClassVar[str]  # a sentence a template might write from this kind of fact

    def validate(self, context: RuleContext) -> None:
        context.measures()

    def run(self, context: RuleContext) -> pd.DataFrame:
        raise NotImplementedError


RULES: dict[str, Rule] = {}


def register(rule_class: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry under its ``kind``."""
    RULES[rule_class.kind] = rule_class()
    return rule_class


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: [] for column in [*FACT_COLUMNS, *columns]})
