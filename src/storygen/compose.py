"""Compose: gather each story's facts into a template context and render it.

One ``area`` story per area at the plan's levels, one ``roundup`` per patch. A story that
cannot be rendered is held with the reason; the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from storygen import newsworthiness
from storygen.facts import Fact
from storygen.narrative import Narrative, Plan
from storygen.patches import Patch
from storygen.render import Renderer, RenderError
from storygen.series import Panel
from storygen.story import Source, Story
from storygen.story_series import chart_measure, story_series
from storygen.text import slug

DEMO_NOTICE = (
    "Demonstration draft: written from synthetic demo data, so none of its figures are real."
)


@dataclass
class Composed:
    stories: list[Story] = field(default_factory=list)
    held: list[dict[str, str]] = field(default_factory=list)


@dataclass
class StoryInputs:
    """Everything a narrative's stories draw on for one run."""

    narrative: Narrative
    panel: Panel
    facts: dict[str, dict[str, Fact]]  # area code -> key -> fact
    as_of: pd.Timestamp
    sources: list[Source]
    demo: bool
    patches: list[Patch]


def compose(
    inputs: StoryInputs, renderer: Renderer, *, only_patch: Patch | None = None
) -> Composed:
    composed = Composed()
    contexts = _AreaContexts(inputs)
    for plan in inputs.narrative.plans.values():
        if plan.kind == "area":
            for code in _area_codes(inputs, plan, only_patch):
                _add(composed, renderer, inputs, plan, contexts, code=code)
        else:
            for patch in [only_patch] if only_patch else inputs.patches:
                members = [code for code in patch.areas if code in inputs.facts]
                if members:
                    _add(composed, renderer, inputs, plan, contexts, patch=patch, members=members)
    return composed


def _area_codes(inputs: StoryInputs, plan: Plan, patch: Patch | None) -> list[str]:
    areas = inputs.panel.areas
    wanted = areas[areas[[f"is_{level}" for level in plan.levels]].any(axis=1)].index
    codes = [code for code in wanted if code in inputs.facts]
    if patch is not None:
        codes = [code for code in codes if code in patch]
    return codes


class _AreaContexts:
    """Template contexts for areas, built once per area and shared by every story."""

    def __init__(self, inputs: StoryInputs) -> None:
        self.inputs = inputs
        self.cache: dict[str, dict[str, Any]] = {}

    def get(self, code: str) -> dict[str, Any]:
        if code not in self.cache:
            self.cache[code] = self._build(code)
        return self.cache[code]

    def _build(self, code: str) -> dict[str, Any]:
        row = self.inputs.panel.areas.loc[code]
        facts = self.inputs.facts.get(code, {})
        context: dict[str, Any] = {
            "code": code,
            "name": row["name"],
            "level": row["level"],
            "facts": {key: fact_context(fact) for key, fact in facts.items()},
            "patches": [p.name for p in self.inputs.patches if code in p],
        }
        if "population" in row and pd.notna(row["population"]):
            context["population"] = int(row["population"])
        for measure in self.inputs.narrative.measures:
            change = facts.get(f"change.{measure}")
            if change is not None:
                context[measure] = change.value
        ranks: dict[str, dict[str, Any]] = {}
        for fact in facts.values():  # its own level's rankings: ranks.rate.region
            if fact.kind == "rank" and fact.values["peer_level"] == row["level"]:
                ranks.setdefault(fact.measure, {})[fact.values["peer_within"]] = context["facts"][
                    fact.id.rsplit(".", 1)[0]
                ]
        context["ranks"] = ranks
        return context

    def parents(self, code: str) -> dict[str, dict[str, Any]]:
        """The areas containing ``code``, by level (its county, region, country...)."""
        row = self.inputs.panel.areas.loc[code]
        found = {}
        for level in self.inputs.panel.levels:
            parent = row.get(f"{level}_code")
            if (
                isinstance(parent, str)
                and parent != code
                and parent in self.inputs.panel.areas.index
            ):
                found[level] = self.get(parent)
        return found


def fact_context(fact: Fact) -> dict[str, Any]:
    """A fact as templates see it: its figures as plain attributes."""
    context = dict(fact.values)
    context.update(
        key=fact.id.rsplit(".", 1)[0],
        id=fact.id,
        kind=fact.kind,
        measure=fact.measure,
        value=fact.value,
        score=fact.score,
        area=fact.subject.name,
        code=fact.subject.code,
    )
    return context


def _add(
    composed: Composed,
    renderer: Renderer,
    inputs: StoryInputs,
    plan: Plan,
    contexts: _AreaContexts,
    *,
    code: str | None = None,
    patch: Patch | None = None,
    members: list[str] | None = None,
) -> None:
    narrative = inputs.narrative
    as_of = inputs.as_of.date().isoformat()
    if code is not None:
        area = contexts.get(code)
        parents = contexts.parents(code)
        story_id = f"{narrative.name}-{plan.name}-{slug(area['name'])}-{code.lower()}"
        used = [inputs.facts[code], *(inputs.facts.get(p["code"], {}) for p in parents.values())]
        own_level = {  # a ranking among another level's areas does not lead
            key: fact
            for key, fact in inputs.facts[code].items()
            if fact.kind != "rank" or fact.values["peer_level"] == area["level"]
        }
        lede_key = newsworthiness.choose_lede(own_level, plan.lede)
        member_contexts: list[dict[str, Any]] = []
        name, area_type = area["name"], area["level"]
    else:
        assert patch is not None and members is not None
        story_id = f"{narrative.name}-{plan.name}-{patch.slug}"
        member_contexts = [contexts.get(member) for member in members]
        area = {"code": None, "name": patch.name, "level": "patch", "facts": {}}
        top = {level: contexts.parents(members[0]).get(level) for level in inputs.panel.levels}
        parents = {level: ctx for level, ctx in top.items() if ctx and ctx["code"] not in patch}
        used = [inputs.facts[m] for m in members] + [
            inputs.facts.get(p["code"], {}) for p in parents.values()
        ]
        lede_key = None
        name, area_type = patch.name, "patch"
    story_facts = _unique([fact for group in used for fact in group.values()])
    context = {
        "story": {"id": story_id, "as_of": inputs.as_of, "narrative": narrative.title},
        "as_of": inputs.as_of,
        "area": area,
        "parents": parents,
        "members": member_contexts,
        "patch": {"name": patch.name, "slug": patch.slug} if patch else None,
        "facts": area["facts"],
        "lede": area["facts"][lede_key] if lede_key else None,
        "measures": {
            m.name: {"label": m.label, "noun": m.noun} for m in narrative.measures.values()
        },
        "demo": inputs.demo,
    }
    try:
        copy = renderer.render(plan.template, context)
    except RenderError as error:
        composed.held.append({"id": story_id, "reason": f"template error: {error}"})
        return
    if len(copy["paragraphs"]) == 0 or not copy["headline"]:
        composed.held.append({"id": story_id, "reason": "the template wrote no headline or body"})
        return
    caveats = list(narrative.caveats)
    if inputs.demo:
        copy["paragraphs"].insert(0, DEMO_NOTICE)
        caveats.insert(0, DEMO_NOTICE)
    own = inputs.facts.get(code, {}) if code else {}
    lede_measure = own[lede_key].measure if lede_key in own else None
    local = [
        m for m in members or [] if inputs.panel.areas.at[m, "level"] == inputs.panel.levels[0]
    ]
    charted = [code] if code else local or list(members or [])
    score = max((fact.score for fact in own.values()), default=0.0)
    if code is None:
        score = max((fact.score for fact in story_facts), default=0.0)
    composed.stories.append(
        Story(
            id=story_id,
            narrative=narrative.name,
            plan=plan.name,
            kind=plan.kind,
            as_of=as_of,
            area_code=code,
            area_name=name,
            area_type=area_type,
            headline=copy["headline"],
            standfirst=copy["standfirst"],
            paragraphs=copy["paragraphs"],
            facts=story_facts,
            sources=inputs.sources,
            patches=[patch.name] if patch else area.get("patches", []),
            caveats=caveats,
            score=round(score, 4),
            demo=inputs.demo,
            style=renderer.style.name,
            series=story_series(
                narrative,
                inputs.panel,
                inputs.as_of,
                charted,
                chart_measure(narrative, lede_measure),
            ),
        )
    )


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.id, fact)
    return sorted(seen.values(), key=lambda fact: (-fact.score, fact.id))
