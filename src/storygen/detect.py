"""Detect: run every rule a narrative asks for, score the results and make Fact records."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from storygen import newsworthiness
from storygen.errors import NarrativeError
from storygen.facts import Fact, from_frame
from storygen.narrative import Narrative
from storygen.patches import Patch, load_all
from storygen.rules import RULES, RuleContext
from storygen.series import Panel


def detect(
    narrative: Narrative,
    panel: Panel,
    as_of: pd.Timestamp,
    patches: list[Patch] | None = None,
) -> list[Fact]:
    """Every fact the narrative cares about, for every area and patch, strongest first.

    ``patches`` are the newsroom patches facts may be about ("six of the 19 areas where
    rates rose are in Kent and Medway"); by default the shipped ones. Facts that say the same
    thing as a stronger one are kept (templates may ask for them) but marked ``repeats``.
    """
    if patches is None:
        patches = load_all()
    patches = [patch for patch in patches if any(code in panel.areas.index for code in patch.areas)]
    subjects = _subjects(panel, patches)
    facts: list[Fact] = []
    sources = {name: (panel.inputs[name], panel.locations[name]) for name in panel.inputs}
    windows = {name: _window(narrative, name) for name in narrative.measures}
    for kind, config in narrative.facts.items():
        if kind not in RULES:
            known = ", ".join(sorted(RULES))
            raise NarrativeError(str(narrative.path), f"unknown fact kind {kind!r}; known: {known}")
        rule = RULES[kind]
        context = RuleContext(narrative, panel, as_of, config, patches)
        try:
            rule.validate(context)
        except ValueError as error:
            raise NarrativeError(str(narrative.path), f"facts.{kind}: {error}") from error
        found = rule.run(context)
        for frame in found if isinstance(found, list) else [found]:
            if frame.empty:
                continue
            frame = frame.assign(score=newsworthiness.score(kind, frame).to_numpy())
            facts += from_frame(
                kind,
                frame,
                subjects=subjects,
                as_of=as_of.date().isoformat(),
                sources=sources,
                windows=windows,
                arithmetic=rule.arithmetic,
            )
    newsworthiness.mark_repeats(facts, per_head(narrative))
    facts.sort(key=lambda fact: (-fact.score, fact.id))
    return facts


def by_area(facts: list[Fact]) -> dict[str, dict[str, Fact]]:
    """Facts grouped by subject code (an area's code or a patch's slug), then by key
    (``change.rate``, ``rank.rate.district-in-region``...)."""
    grouped: dict[str, dict[str, Fact]] = defaultdict(dict)
    for fact in facts:
        grouped[fact.subject.code][fact.key] = fact
    return grouped


def strongest(facts: list[Fact]) -> list[Fact]:
    """The facts worth reading, strongest first: those that repeat a stronger one left out."""
    return [fact for fact in facts if fact.repeats is None]


def describe(fact: Fact) -> str:
    """What a fact says, in the plain words of the rule that found it (``storygen facts``)."""
    return RULES[fact.kind].describe(fact)


def per_head(narrative: Narrative) -> dict[str, str]:
    """Measures that are a count per head of population, mapped to the count: rates computed
    here (``ratio`` without a ``denominator``) and rates read as published (``counts``)."""
    found = {}
    for measure in narrative.measures.values():
        if measure.ratio is not None and measure.denominator is None:
            found[measure.name] = measure.ratio
        elif measure.ratio is None and measure.counts is not None:
            found[measure.name] = measure.counts
    return found


def _subjects(panel: Panel, patches: list[Patch]) -> pd.DataFrame:
    """Everything a fact may be about: the panel's areas, and the patches by slug."""
    own = panel.areas[["name", "level"]]
    extra = pd.DataFrame(
        {"name": [patch.name for patch in patches], "level": "patch"},
        index=pd.Index([patch.slug for patch in patches], name=own.index.name),
    )
    return pd.concat([own, extra[~extra.index.isin(own.index)]])


def _window(narrative: Narrative, measure: str) -> int:
    spec = narrative.measures[measure]
    if spec.ratio is not None:
        return _window(narrative, spec.ratio)
    return spec.window
