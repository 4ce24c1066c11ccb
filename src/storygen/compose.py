"""Compose: gather each story's facts into a template context and render it.

One ``area`` story per area at the plan's levels, one ``roundup`` per patch. A story that
cannot be rendered is held with the reason; the others go on.

What a template sees (every story):

- ``area``: the story's area (a roundup's is the patch) with ``name``, ``code``, ``level``
  (its most local level), ``levels`` (every level it is an area of: a unitary authority is
  a district and a county), ``within`` and ``within_names`` (level -> code and name of the
  area containing it),
  ``facts`` (key -> fact), each measure's latest value (``area.rate``), ``ranks``
  (measure -> within -> rank fact at the area's own level) and, for each fact kind whose key
  is ``kind.measure``, that fact by measure: ``area.change.rate``, ``area.record.rate``;
- ``parents``: the areas containing it by level (``parents.county``, ``parents.country``);
  for a roundup, those containing its patch and wider than it;
- ``every``: level -> every area at that level with facts, by name (``every.district``), for
  counting across the country ("19 of 315 areas");
- ``trend``: measure -> how the most local areas moved: ``of``, ``rising``, ``falling``,
  ``unchanged``, ``direction`` (the way most moved, where more than the ``against_trend``
  setting ``majority`` of them did, by default half; ``same`` where most held; ``mixed``
  where no way carried that share: no trend to go against) and ``against`` (the areas that
  moved the other way, biggest change first);
- ``lede``: the strongest fact allowed to lead (a roundup's is drawn from its members at the
  plan's levels) and ``lede_area``, the area it is about;
- ``members`` and ``patch`` (roundups): the patch's areas, and the patch with its ``totals``
  (measure -> a change-like fact summed over its most local areas); a roundup's ``area.facts``
  holds the facts whose subject is the patch itself (counts of its areas) and the totals;
- ``settings``: the narrative's ``facts:`` settings (targets, bands...); ``story``, ``as_of``,
  ``measures``, ``demo``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, overload

import pandas as pd

from storygen import newsworthiness, patch_totals
from storygen.facts import Fact, records
from storygen.narrative import Narrative, Plan
from storygen.patches import Patch
from storygen.render import Renderer, RenderError, Withheld
from storygen.rules.against_trend import majority, trend_way
from storygen.series import Panel
from storygen.story import Source, Story
from storygen.story_series import chart_measure, story_series
from storygen.style.grammar import area_name, names_in_copy
from storygen.style.house import HouseStyle
from storygen.text import slug

NAMED = ("group_name", "ahead_name", "leader_name", "name")  # fact values that name an area
TEMPLATE_HOLD = "held by its template"  # how the reason of a story a template holds begins
DEMO_NOTICE = (
    "Demonstration draft: written from synthetic demo data, so none of its figures are real."
)


@dataclass
class Composed:
    stories: list[Story] = field(default_factory=list)
    held: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # areas with nothing to report
    attempted: list[str] = field(default_factory=list)  # story ids, made or held, in order


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
    holds: dict[str, str] = field(default_factory=dict)  # area code -> why its stories are held
    # area code -> why its totals are too incomplete to quote (``plausibility.incomplete``):
    # its facts, and rankings and counts within it, are taken out of ``facts``
    incomplete: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.incomplete:
            self.facts = complete_only(self.facts, set(self.incomplete), self.patches)


def complete_only(
    facts: dict[str, dict[str, Fact]], incomplete: set[str], patches: list[Patch]
) -> dict[str, dict[str, Fact]]:
    """``facts`` without those no story may quote while the totals of ``incomplete`` areas
    lack some of their areas (``quotable``). An incomplete area keeps its place, with no
    facts, so that its own stories are held with the reason rather than left out unsaid.

    >>> from types import SimpleNamespace as Fact
    >>> london, camden = Fact(code="L"), Fact(code="C")
    >>> facts = {"L": {"change.rate": Fact(subject=london, values={})},
    ...     "C": {"change.rate": Fact(subject=camden, values={}),
    ...           "rank.rate.district-in-region": Fact(subject=camden,
    ...                                                values={"group_code": "L"}),
    ...           "against_average.rate.country": Fact(subject=camden,
    ...                                                values={"wider_code": "E"})}}
    >>> {code: sorted(kept) for code, kept in complete_only(facts, {"L"}, []).items()}
    {'L': [], 'C': ['against_average.rate.country', 'change.rate']}
    """
    groups = short_groups(incomplete, patches)
    return {
        code: {}
        if code in groups
        else {key: fact for key, fact in by_key.items() if quotable(fact, groups)}
        for code, by_key in facts.items()
    }


def short_groups(incomplete: set[str], patches: list[Patch]) -> set[str]:
    """The areas whose totals lack some of their areas, and the patches that list one."""
    return incomplete | {
        patch.slug for patch in patches if any(code in incomplete for code in patch.areas)
    }


def quotable(fact: Fact, groups: set[str]) -> bool:
    """Whether a story may quote ``fact`` while the totals of ``groups`` (``short_groups``)
    are short: not if it is about one of them, or ranks or counts an area within one, or
    sets an area against one (its ``group_code`` or ``wider_code``)."""
    return (
        fact.subject.code not in groups
        and fact.values.get("group_code") not in groups
        and fact.values.get("wider_code") not in groups
    )


class Shared:
    """What every story of a narrative draws on, made once: ``every`` and ``trend``, the
    narrative's ``settings`` and ``measures``, and the areas' template contexts. Made before
    stories are shared among forked workers, so that each worker starts with it. An area's
    context is built and made read-only when a story first reads it (``LazyAreas``): a
    worker builds only those its stories print."""

    def __init__(self, inputs: StoryInputs) -> None:
        narrative = inputs.narrative
        self.settings = read_only({kind: dict(config) for kind, config in narrative.facts.items()})
        self.measures = read_only(
            {m.name: {"label": m.label, "noun": m.noun} for m in narrative.measures.values()}
        )
        self.contexts = contexts = _AreaContexts(inputs)
        every = contexts.every_code()
        areas, levels = inputs.panel.areas, inputs.panel.levels
        national = areas.index[areas[f"is_{levels[-1]}"].to_numpy(dtype=bool)]
        trend = (  # the way the country's areas moved: none while its totals are incomplete
            {}
            if any(code in inputs.incomplete for code in national)
            else _trend(
                inputs.facts,
                every[levels[0]],
                levels[0],
                contexts,
                majority(narrative.facts.get("against_trend")),
            )
        )
        self.every = MappingProxyType(
            {level: LazyAreas(codes, contexts) for level, codes in every.items()}
        )
        self.trend = MappingProxyType(
            {
                measure: MappingProxyType(
                    {
                        key: LazyAreas(value, contexts) if key == "against" else read_only(value)
                        for key, value in moved.items()
                    }
                )
                for measure, moved in trend.items()
            }
        )


class LazyAreas(Sequence[Any]):
    """Areas' read-only template contexts in a fixed order, each built when first read.

    A template sees a sequence like any other: ``every.district|length``, a loop, an index.
    """

    __slots__ = ("_codes", "_contexts")

    def __init__(self, codes: list[str], contexts: _AreaContexts) -> None:
        self._codes = tuple(codes)
        self._contexts = contexts

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self._contexts.frozen(code) for code in self._codes[index])
        return self._contexts.frozen(self._codes[index])

    def __iter__(self) -> Iterator[Any]:
        return (self._contexts.frozen(code) for code in self._codes)

    def __repr__(self) -> str:
        return f"LazyAreas({len(self._codes)} areas)"


def compose(
    inputs: StoryInputs,
    renderer: Renderer,
    *,
    only_patch: Patch | None = None,
    share: tuple[int, int] = (0, 1),
    shared: Shared | None = None,
) -> Composed:
    """Every story of the narrative (or of one patch). With ``share=(index, count)``, only
    every ``count``-th story from the ``index``-th, and the silent areas only in share 0:
    ``count`` processes with one index each make every story once between them."""
    composed = Composed()
    shared = shared or Shared(inputs)
    turn = 0
    index, count = share
    for plan in inputs.narrative.plans.values():
        if plan.kind == "area":
            codes, silent = _area_codes(inputs, plan, only_patch)
            for code in codes:
                turn += 1
                if (turn - 1) % count == index:
                    _add(composed, renderer, inputs, plan, shared, code=code)
            for code in silent if index == 0 else ():
                name = inputs.panel.areas.at[code, "name"]
                composed.skipped.append(
                    {
                        "id": f"{inputs.narrative.name}-{plan.name}-{slug(name)}-{code.lower()}",
                        "area_code": code,
                        "area_name": name,
                        "reason": f"no figures for {name} in the period to "
                        f"{inputs.as_of:%Y-%m-%d}: the data has no rows for it",
                    }
                )
        else:
            for patch in [only_patch] if only_patch else inputs.patches:
                members = [code for code in patch.areas if code in inputs.facts]
                turn += 1 if members else 0
                if members and (turn - 1) % count == index:
                    _add(composed, renderer, inputs, plan, shared, patch=patch, members=members)
    said = {entry["area_code"] for entry in composed.skipped}  # no rows at all: said already
    for code, reason in inputs.incomplete.items() if index == 0 else ():
        if code in said:
            continue
        composed.skipped.append(  # no story of its own, perhaps: say why none quotes it
            {
                "area_code": code,
                "area_name": inputs.panel.areas.at[code, "name"],
                "reason": f"no story quotes its figures: {reason}",
            }
        )
    return composed


def _area_codes(
    inputs: StoryInputs, plan: Plan, patch: Patch | None
) -> tuple[list[str], list[str]]:
    """Areas at the plan's levels that have facts, and those with no figures at all."""
    areas = inputs.panel.areas
    wanted = areas[areas[[f"is_{level}" for level in plan.levels]].any(axis=1)].index
    if patch is not None:
        wanted = [code for code in wanted if code in patch]
    with_facts = [code for code in wanted if code in inputs.facts]
    silent = [code for code in wanted if code not in inputs.facts]
    return with_facts, silent


def _hotspots(inputs: StoryInputs, members: list[str]) -> list[str]:
    """The areas the members' hotspot facts name, whose figures a roundup prints."""
    found = []
    for member in members:
        for fact in inputs.facts.get(member, {}).values():
            code = fact.values.get("hotspot_code") if fact.kind == "hotspot" else None
            if isinstance(code, str) and code not in found:
                found.append(code)
    return found


class _AreaContexts:
    """Template contexts for areas, built once per area and shared by every story."""

    def __init__(self, inputs: StoryInputs) -> None:
        self.inputs = inputs
        self.cache: dict[str, dict[str, Any]] = {}
        self.frozen_cache: dict[str, Any] = {}
        self.name_cache: dict[str, tuple[str, ...]] = {}
        self.within: dict[str, dict[str, list[str]]] = {}  # level column -> code -> inside
        self.hidden: dict[str, tuple[set[str], dict[str, Any], dict[str, Any]]] | None = None
        areas = inputs.panel.areas  # one dict per area (.loc is slow), made a column at a time
        self.rows = dict(zip(areas.index.tolist(), records(areas), strict=True))

    def get(self, code: str) -> dict[str, Any]:
        if code not in self.cache:
            self.cache[code] = self._build(code)
        return self.cache[code]

    def inside(self, code: str) -> list[str]:
        """The areas ``code`` contains (a county's districts), whose figures its copy may
        name, in the order of the panel's areas."""
        column = f"{self.rows[code]['level']}_code"
        if column not in self.inputs.panel.areas:
            return []
        if column not in self.within:  # every area's, by the area containing it, at once
            found: dict[str, list[str]] = {}
            for inner, outer in self.inputs.panel.areas[column].items():
                if isinstance(outer, str) and inner != outer:
                    found.setdefault(outer, []).append(inner)
            self.within[column] = found
        return self.within[column].get(code, [])

    def names(self, code: str) -> tuple[str, ...]:
        """The ways copy may name an area: as listed, as readers know it, and as copy
        shortens an NHS trust's name after the first mention."""
        if code not in self.name_cache:
            self.name_cache[code] = names_in_copy(self.rows[code]["name"])
        return self.name_cache[code]

    def frozen(self, code: str) -> Any:
        """``read_only(get(code))``, made once an area: many stories print its figures."""
        if code not in self.frozen_cache:
            self.frozen_cache[code] = read_only(self.get(code))
        return self.frozen_cache[code]

    def _build(self, code: str) -> dict[str, Any]:
        row = self.rows[code]
        facts = self.inputs.facts.get(code, {})
        context: dict[str, Any] = {
            "code": code,
            "name": area_name(row["name"]),
            "level": row["level"],
            "facts": {key: fact_context(fact) for key, fact in facts.items()},
            "patches": [p.name for p in self.inputs.patches if code in p],
            "within": {  # the code of the area containing it at each level (itself at its own)
                level: row[f"{level}_code"]
                for level in self.inputs.panel.levels
                if isinstance(row.get(f"{level}_code"), str)
            },
            "within_names": {
                level: area_name(row[f"{level}_name"])
                for level in self.inputs.panel.levels
                if isinstance(row.get(f"{level}_name"), str)
            },
            "levels": [lv for lv in self.inputs.panel.levels if bool(row.get(f"is_{lv}"))],
        }
        by_kind: dict[str, dict[str, Any]] = {}  # area.change.rate, area.record.rate
        for key, fact_ctx in context["facts"].items():
            kind, _, measure = key.partition(".")
            if measure and "." not in measure:
                by_kind.setdefault(kind, {})[measure] = fact_ctx
        for kind, by_measure in by_kind.items():
            context.setdefault(kind, by_measure)
        if "population" in row and pd.notna(row["population"]):
            context["population"] = int(row["population"])
        for measure in self.inputs.narrative.measures:
            change = facts.get(f"change.{measure}")
            if change is not None:
                context[measure] = change.value
            else:  # no comparison (a week missing): the latest figure from any fact about it
                latest = [f for f in facts.values() if f.measure == measure and f.kind == "rank"]
                if latest:
                    context[measure] = latest[0].value
        ranks: dict[str, dict[str, Any]] = {}
        for fact in facts.values():  # its own level's rankings: ranks.rate.region
            if fact.kind == "rank" and fact.values["peer_level"] == row["level"]:
                ranks.setdefault(fact.measure, {})[fact.values["peer_within"]] = context["facts"][
                    fact.id.rsplit(".", 1)[0]
                ]
        context["ranks"] = ranks
        context["suppressed"] = self._suppressed(code)
        return context

    def _suppressed(self, code: str) -> dict[str, dict[str, Any]]:
        """Per measure, whether its latest and previous figures were withheld (blank cells,
        such as counts under three): ``area.suppressed.cases.latest``, ``.previous``, ``.below``.
        """
        if self.hidden is None:  # each measure's two columns, read once for every area
            previous = self.inputs.as_of - pd.Timedelta(days=self.inputs.narrative.compare_days)
            self.hidden = {
                measure: (
                    set(hidden.index),
                    _column(hidden, self.inputs.as_of),
                    _column(hidden, previous),
                )
                for measure, hidden in self.inputs.panel.suppressed.items()
            }
        flags = {}
        for measure, (known, latest, previous) in self.hidden.items():
            if code not in known:
                raise KeyError(code)
            flags[measure] = {
                "latest": bool(latest.get(code, False)),
                "previous": bool(previous.get(code, False)),
                "below": self.inputs.narrative.measures[measure].suppressed_below,
            }
        return flags

    def every_code(self) -> dict[str, list[str]]:
        """Every area with facts, by level, each level in the order of the areas' names."""
        areas = self.inputs.panel.areas
        found: dict[str, list[str]] = {}
        for level in self.inputs.panel.levels:
            codes = [
                code for code in areas.index[areas[f"is_{level}"]] if code in self.inputs.facts
            ]
            found[level] = sorted(codes, key=lambda code: area_name(self.rows[code]["name"]))
        return found

    def parents(self, code: str) -> dict[str, dict[str, Any]]:
        """The areas containing ``code``, by level (its county, region, country...)."""
        row = self.rows[code]
        found = {}
        for level in self.inputs.panel.levels:
            parent = row.get(f"{level}_code")
            if isinstance(parent, str) and parent != code and parent in self.rows:
                found[level] = self.get(parent)
        return found


def _column(frame: pd.DataFrame, date: pd.Timestamp) -> dict[str, Any]:
    """A date's column of a suppressed-figures frame, by area; empty if the date is not in it."""
    return frame[date].to_dict() if date in frame.columns else {}


def fact_context(fact: Fact) -> dict[str, Any]:
    """A fact as templates see it: its figures as plain attributes."""
    context = dict(fact.values)
    for key in NAMED:  # names as readers know them: "Bristol", not "Bristol, City of"
        if isinstance(context.get(key), str):
            context[key] = area_name(context[key])
    context.update(
        key=fact.id.rsplit(".", 1)[0],
        id=fact.id,
        kind=fact.kind,
        measure=fact.measure,
        value=fact.value,
        score=fact.score,
        area=area_name(fact.subject.name),
        code=fact.subject.code,
    )
    return context


def _add(
    composed: Composed,
    renderer: Renderer,
    inputs: StoryInputs,
    plan: Plan,
    shared: Shared,
    *,
    code: str | None = None,
    patch: Patch | None = None,
    members: list[str] | None = None,
) -> None:
    narrative = inputs.narrative
    contexts = shared.contexts
    as_of = inputs.as_of.date().isoformat()
    if code is not None:
        area = contexts.get(code)
        parents = contexts.parents(code)
        story_id = slug(f"{narrative.name}-{plan.name}-{slug(area['name'])}-{code}")
        used = [inputs.facts[code], *(inputs.facts.get(p["code"], {}) for p in parents.values())]
        inner = [c for c in contexts.inside(code) if c in inputs.facts]  # see _cited_inside
        own_level = {  # a ranking among another level's areas does not lead (a unitary
            # authority is both a district and a county, so either of its rankings may)
            key: fact
            for key, fact in inputs.facts[code].items()
            if fact.kind != "rank" or fact.values["peer_level"] in area["levels"]
        }
        lede_key = newsworthiness.choose_lede(own_level, plan.lede)
        lede_code = code
        member_contexts: list[dict[str, Any]] = []
        name, area_type = area["name"], area["level"]
    else:
        assert patch is not None and members is not None
        story_id = slug(f"{narrative.name}-{plan.name}-{patch.slug}")
        member_contexts = [contexts.get(member) for member in members]
        own = inputs.facts.get(patch.slug, {})  # facts about the patch as a whole
        totals = patch_totals.totals(
            narrative,
            inputs.panel.areas,
            inputs.panel.levels[0],
            members,
            inputs.facts,
            patch_name=patch.name,
            patch_slug=patch.slug,
            as_of=as_of,
        )
        area = {
            "code": None,
            "name": patch.name,
            "level": "patch",
            "facts": {  # facts about the patch as a group, and its totals
                **{key: fact_context(fact) for key, fact in own.items()},
                **{f"total.{fact.measure}": fact_context(fact) for fact in totals},
            },
        }
        top = {level: contexts.parents(members[0]).get(level) for level in inputs.panel.levels}
        parents = {level: ctx for level, ctx in top.items() if ctx and ctx["code"] not in patch}
        used = [own, *(inputs.facts[m] for m in members)] + [
            inputs.facts.get(p["code"], {}) for p in parents.values()
        ]
        parents = {  # an area the patch wholly covers is no wider area to compare it with
            level: ctx
            for level, ctx in parents.items()
            if not _covers(contexts, patch, ctx["code"])
        }
        used.append({f"total.{fact.measure}": fact for fact in totals})
        used += [inputs.facts[h] for h in _hotspots(inputs, members) if h in inputs.facts]
        lede_key, lede_code = _roundup_lede(inputs, plan, contexts, members)
        name, area_type = patch.name, "patch"
        inner = []
    # areas' contexts as templates see them: read-only, made so once an area (see frozen)
    seen_area = contexts.frozen(code) if code is not None else read_only(area)
    lede_area = contexts.frozen(lede_code) if lede_key and lede_code else None
    context = {
        "story": {"id": story_id, "as_of": inputs.as_of, "narrative": narrative.title},
        "as_of": inputs.as_of,
        "area": seen_area,
        "parents": {level: contexts.frozen(p["code"]) for level, p in parents.items()},
        "members": [contexts.frozen(member["code"]) for member in member_contexts],
        "patch": _patch_context(patch, area) if patch else None,
        "every": shared.every,
        "trend": shared.trend,
        "facts": seen_area["facts"],
        "lede": lede_area["facts"][lede_key] if lede_area is not None else None,
        "lede_area": lede_area,
        "settings": shared.settings,
        "measures": shared.measures,
        "demo": inputs.demo,
    }
    composed.attempted.append(story_id)
    held = [code] if code is not None else (members or [])
    reasons = [f"implausible data: {inputs.holds[c]}" for c in held if c in inputs.holds]
    reasons += [f"incomplete data: {inputs.incomplete[c]}" for c in held if c in inputs.incomplete]
    if reasons:
        composed.held.append({"id": story_id, "reason": reasons[0]})
        return
    try:
        frozen = ("every", "trend", "settings", "measures")  # read-only already
        copy = renderer.render(
            plan.template,
            {key: v if key in frozen else read_only(v) for key, v in context.items()},
        )
    except Withheld as why:
        composed.held.append({"id": story_id, "reason": f"{TEMPLATE_HOLD}: {why}"})
        return
    except RenderError as error:
        composed.held.append({"id": story_id, "reason": f"template error: {error}"})
        return
    except Exception as error:  # a template may fail in ways Jinja does not wrap: hold the story
        reason = f"template error: {plan.template}: {type(error).__name__}: {error}"
        composed.held.append({"id": story_id, "reason": reason})
        return
    if len(copy["paragraphs"]) == 0 or not copy["headline"]:
        composed.held.append({"id": story_id, "reason": "the template wrote no headline or body"})
        return
    if inner and code is not None:
        used += [inputs.facts[c] for c in _cited_inside(copy, inputs.facts[code], inner, contexts)]
    story_facts = _unique([fact for group in used for fact in group.values()])
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
    if code is None:  # a patch story is as strong as the fact it leads with
        lede_fact = inputs.facts.get(lede_code or "", {}).get(lede_key or "")
        score = (
            lede_fact.score
            if lede_fact is not None
            else max((fact.score for fact in story_facts), default=0.0)
        )
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
            series=_spelled(
                story_series(
                    narrative,
                    inputs.panel,
                    inputs.as_of,
                    charted,
                    chart_measure(narrative, lede_measure),
                ),
                renderer.style,
            ),
        )
    )


def _spelled(series: dict[str, Any], style: HouseStyle) -> dict[str, Any]:
    """A story's chart data with its title in the house's spelling ("beds occupied by COVID-19
    patients" in AP style)."""
    if style.spellings and "label" in series:
        series["label"] = style.spell(series["label"])
    return series


def read_only(value: Any) -> Any:
    """Template data no template can change (dicts become read-only mappings, lists tuples),
    so that one story's template cannot alter what its sibling stories print.

    >>> data = read_only({"facts": {"change.rate": {"value": 24.0}}, "patches": ["Kent"]})
    >>> data["facts"]["change.rate"]["value"], data["patches"]
    (24.0, ('Kent',))
    >>> data["facts"]["change.rate"]["value"] = 99
    Traceback (most recent call last):
    TypeError: 'mappingproxy' object does not support item assignment
    """
    return _read_only(value, {})


def _read_only(value: Any, made: dict[int, Any]) -> Any:
    """``read_only``; a dict met twice (an area's fact under ``facts``, ``change`` and
    ``ranks``) is made read-only once, and the same mapping is seen from each place."""
    if isinstance(value, dict):
        if id(value) not in made:
            made[id(value)] = MappingProxyType(
                {
                    key: item if type(item) in _SCALARS else _read_only(item, made)
                    for key, item in value.items()
                }
            )
        return made[id(value)]
    if isinstance(value, list | tuple):
        return tuple([item if type(item) in _SCALARS else _read_only(item, made) for item in value])
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})  # read-only as they are


def _trend(
    facts: dict[str, dict[str, Fact]],
    local: list[str],
    level: str,
    contexts: _AreaContexts,
    share: float,
) -> dict[str, dict[str, Any]]:
    """Which way each measure moved across the most local areas: how many rose, fell or held,
    the way more than ``share`` of them moved ("mixed" where neither way did and most did
    not hold), and the areas that moved against it (codes), biggest change first."""
    found: dict[str, dict[str, Any]] = {}
    changes: dict[str, list[tuple[str, Fact]]] = {}
    for code in local:
        for key, fact in facts[code].items():
            kind, _, measure = key.partition(".")
            if kind == "change" and measure and "." not in measure:
                changes.setdefault(measure, []).append((code, fact))
    for measure in sorted(changes):
        moved = changes[measure]
        counts = {"up": 0, "down": 0, "same": 0}
        for _code, fact in moved:
            counts[fact.values["direction"]] += 1
        direction = trend_way(counts["up"], counts["down"], len(moved), share)
        if direction is None:
            held = counts["same"] > max(counts["up"], counts["down"])
            direction = "same" if held else "mixed"
        against = [
            (code, fact)
            for code, fact in moved
            if direction != "mixed" and fact.values["direction"] not in (direction, "same")
        ]
        against.sort(
            key=lambda pair: (
                -_size(pair[1].values["pct_change"]),
                area_name(contexts.rows[pair[0]]["name"]),
            )
        )
        found[measure] = {
            "level": level,
            "of": len(moved),
            "rising": counts["up"],
            "falling": counts["down"],
            "unchanged": counts["same"],
            "direction": direction,
            "against": [code for code, _fact in against],
        }
    return found


def _size(pct_change: Any) -> float:
    """The size of a percentage change for sorting; a change from zero (no percentage) first."""
    if pct_change is None or pct_change != pct_change:
        return float("inf")
    return abs(float(pct_change))


def _roundup_lede(
    inputs: StoryInputs, plan: Plan, contexts: _AreaContexts, members: list[str]
) -> tuple[str | None, str | None]:
    """The strongest fact allowed to lead a roundup, among its members at the plan's levels.

    Unlike ``newsworthiness.choose_lede``, a fact that repeats another may lead here: the
    fact it repeats can be at a level the roundup does not draw from. Medway, a unitary
    authority, had the highest rate of the South East's counties on December 14, 2020,
    which repeats its highest rate of the region's districts; Kent and Medway's roundup
    (levels: county) leads on it rather than on Medway's 40.5% rise."""
    best: tuple[float, int, str, str] | None = None
    order = {kind: position for position, kind in enumerate(plan.lede)}
    for member in members:
        levels = [lv for lv in contexts.get(member)["levels"] if lv in (plan.levels or [lv])]
        if not levels:
            continue
        for key, fact in inputs.facts.get(member, {}).items():
            if (plan.lede and fact.kind not in order) or fact.kind in newsworthiness.NEVER_LEADS:
                continue
            if fact.kind == "rank" and fact.values["peer_level"] not in levels:
                continue
            candidate = (fact.score, -order.get(fact.kind, len(order)), key, member)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return (best[2], best[3]) if best else (None, None)


def _covers(contexts: _AreaContexts, patch: Patch, code: str) -> bool:
    """Whether ``patch`` holds every area inside ``code`` at its members' levels: a roundup
    of the Midlands' trusts is the Midlands' own story, and its copy should not go on to
    give the region's figures "across the Midlands" as if for a wider area."""
    rows = contexts.rows
    kinds = {rows[member]["level"] for member in patch.areas if member in rows}
    inside = [area for area in contexts.inside(code) if rows[area]["level"] in kinds]
    return bool(inside) and all(area in patch for area in inside)


def _patch_context(patch: Patch, area: dict[str, Any]) -> dict[str, Any]:
    totals = {key.split(".", 1)[1]: fact for key, fact in area["facts"].items()}
    return {"name": patch.name, "slug": patch.slug, "totals": totals}


def _cited_inside(
    copy: dict[str, Any], own: dict[str, Fact], inner: list[str], contexts: _AreaContexts
) -> list[str]:
    """The areas inside a story's area whose facts it cites: those its copy names, and
    those its own facts point to (a district's hotspot, which the copy may call "the
    neighbourhood"). A county's story may name any of its neighbourhoods, but carrying the
    facts of all of them (hundreds, each with its own) would bury the few it prints."""
    text = "\n".join([copy["headline"], copy["standfirst"], *copy["paragraphs"]])
    pointed = {
        value
        for fact in own.values()
        for key, value in fact.values.items()
        if key.endswith("_code") and isinstance(value, str)
    }
    return [c for c in inner if c in pointed or any(n in text for n in contexts.names(c))]


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.id, fact)
    return sorted(seen.values(), key=lambda fact: (-fact.score, fact.id))
