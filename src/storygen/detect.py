"""Detect: run every rule a narrative asks for, score the results and make Fact records."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from storygen import newsworthiness
from storygen.errors import NarrativeError
from storygen.facts import Fact, from_frame
from storygen.narrative import Narrative
from storygen.rules import RULES, RuleContext
from storygen.series import Panel


def detect(narrative: Narrative, panel: Panel, as_of: pd.Timestamp) -> list[Fact]:
    """Every fact the narrative cares about, for every area, strongest first."""
    facts: list[Fact] = []
    sources = {name: (panel.inputs[name], panel.locations[name]) for name in panel.inputs}
    windows = {name: _window(narrative, name) for name in narrative.measures}
    for kind, config in narrative.facts.items():
        if kind not in RULES:
            known = ", ".join(sorted(RULES))
            raise NarrativeError(str(narrative.path), f"unknown fact kind {kind!r}; known: {known}")
        rule = RULES[kind]
        context = RuleContext(narrative, panel, as_of, config)
        try:
            rule.validate(context)
        except ValueError as error:
            raise NarrativeError(str(narrative.path), f"facts.{kind}: {error}") from error
        frame = rule.run(context)
        if frame.empty:
            continue
        frame = frame.assign(score=newsworthiness.score(kind, frame).to_numpy())
        facts += from_frame(
            kind,
            frame,
            areas=panel.areas,
            as_of=as_of.date().isoformat(),
            sources=sources,
            windows=windows,
        )
    facts.sort(key=lambda fact: (-fact.score, fact.id))
    return facts


def by_area(facts: list[Fact]) -> dict[str, dict[str, Fact]]:
    """Facts grouped by area code, then by key (``change.rate``, ``rank.rate.region``...)."""
    grouped: dict[str, dict[str, Fact]] = defaultdict(dict)
    for fact in facts:
        grouped[fact.subject.code][fact.id.rsplit(".", 1)[0]] = fact
    return grouped


def _window(narrative: Narrative, measure: str) -> int:
    spec = narrative.measures[measure]
    if spec.ratio is not None:
        return _window(narrative, spec.ratio)
    return spec.window
