"""Narratives: a reporter's story plan, read from YAML.

A narrative declares its inputs, the geography that rolls areas up, the measures stories
talk about, the peer groups areas are ranked in, the facts it looks for and its story plans.
Reading is strict: an unknown key or a missing one is an error that names the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from storygen import paths
from storygen.errors import NarrativeError


@dataclass(frozen=True)
class Input:
    name: str
    default: str  # path (relative to the shipped root) or URL of the demo data
    columns: dict[str, str]  # role -> column: area, name, date, plus any the measures use
    title: str
    publisher: str = ""
    licence: str = ""
    filter: dict[str, str] = field(default_factory=dict)
    url: str = ""  # where fresh data is fetched from (storygen fetch, storygen morning)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> values to drop


@dataclass(frozen=True)
class Level:
    name: str  # district, county, region, country, neighbourhood, trust...
    code: str  # column holding the code, or a fixed code for a single top area
    label: str  # column holding the name, or the fixed name
    fixed: bool = False  # True when code/label are constants (e.g. England)
    code_from_label: bool = False  # the code is the name in capitals: "South East" -> SOUTH_EAST
    title_case: bool = (
        False  # names arrive in capitals: "MEDWAY NHS FOUNDATION TRUST" -> "Medway NHS..."
    )


@dataclass(frozen=True)
class Geography:
    input: str | None  # lookup input; None when the measure input carries the geography
    levels: tuple[Level, ...]  # most local first
    population: str | None = None


@dataclass(frozen=True)
class Measure:
    name: str
    input: str | None = None  # read from an input column...
    column: str | None = None
    filter: dict[str, str] = field(default_factory=dict)  # e.g. {metric: beds_occupied_covid_total}
    window: int = 1  # sum over this many days to each date
    ratio: str | None = None  # ...or computed: this measure per head of population
    denominator: str | None = None  # ...or per unit of another measure (ventilated per patient)
    per: int = 100_000
    decimals: int = 0
    integer: bool = False
    allow_blank: bool = False  # blank cells are suppressed values, not zeros
    suppressed_below: int | None = None  # a blank cell means fewer than this (MSOA: 3)
    rate_of: str | None = None  # this column is that measure per ``per`` people: check they agree
    roll_up: bool = True  # sum to higher levels
    noun: str = ""  # what is counted, singular ("case", "patient")
    label: str = ""  # how copy names the measure ("weekly case rate")
    counts: str | None = None  # the count behind a rate read as published (MSOA rate: cases)

    def count_measure(self, measures: dict[str, Measure]) -> str | None:
        """The whole-number count this measure's figures rest on, if any: itself, the count
        it is a rate of, or the one it names in ``counts``. Changes in small counts are
        judged against chance by it."""
        if self.counts is not None:
            return self.counts
        if self.ratio is not None:
            return self.ratio if measures[self.ratio].integer else None
        return self.name if self.integer else None


PATCH = "patch"  # a peer group ``within: patch`` ranks an area among its newsroom patch's areas


@dataclass(frozen=True)
class PeerGroup:
    level: str
    within: str  # a geography level, or ``patch``

    @property
    def name(self) -> str:
        return f"{self.level}@{self.within}"


@dataclass(frozen=True)
class Plan:
    name: str
    kind: str  # area or roundup
    template: str
    levels: tuple[str, ...] = ()
    lede: tuple[str, ...] = ()  # fact kinds allowed to lead, strongest first on a tie


@dataclass(frozen=True)
class Plausibility:
    """Limits past which figures look wrong: the stories they touch are held for an editor.

    A limit set to null (None) is not checked. See ``storygen.plausibility``.
    """

    max_weekly_factor: float | None = 10  # a count this many times up or down on a week before
    min_count: float = 10  # ...judged only where the larger of the two counts reaches this
    max_gap_days: float | None = 2  # the longest run of days an area may have no figures
    gap_lookback_days: int | None = 21  # how far before the as-of date gaps count (None: all);
    # three weeks covers the two weeks a story compares; records stop at older gaps
    zero_drop_share: float | None = 0.5  # this share of areas falling to zero at once
    # a total whose areas with gaps hold more than this share of its population is quoted in
    # no story, nor are rankings or counts among its areas (areas with populations only)
    max_missing_share: float | None = 0.01

    def __post_init__(self) -> None:
        if self.max_weekly_factor is not None and self.max_weekly_factor <= 1:
            raise ValueError("plausibility.max_weekly_factor must be above 1")
        if self.zero_drop_share is not None and not 0 < self.zero_drop_share <= 1:
            raise ValueError("plausibility.zero_drop_share must be above 0 and at most 1")
        if self.max_missing_share is not None and not 0 <= self.max_missing_share < 1:
            raise ValueError("plausibility.max_missing_share must be at least 0 and below 1")


@dataclass(frozen=True)
class Narrative:
    name: str
    title: str
    path: Path
    inputs: dict[str, Input]
    geography: Geography
    measures: dict[str, Measure]
    peer_groups: tuple[PeerGroup, ...]
    facts: dict[str, dict[str, Any]]
    plans: dict[str, Plan]
    compare_days: int = 7
    style: str = "pa"
    caveats: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    plausibility: Plausibility = field(default_factory=Plausibility)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def resolve_default(self, input_name: str) -> str:
        location = self.inputs[input_name].default
        if location.startswith(("http://", "https://")) or Path(location).is_absolute():
            return location
        return str(paths.ROOT / location)

    def resolve_source(self, input_name: str) -> str:
        """Where fresh data for the input comes from: its ``url``, else its ``default``."""
        return self.inputs[input_name].url or self.resolve_default(input_name)


def find(name_or_path: str) -> Path:
    """A shipped narrative by name (``covid-cases``) or a path to a YAML file."""
    candidate = Path(name_or_path)
    if candidate.suffix in {".yaml", ".yml"}:
        if not candidate.exists():
            raise NarrativeError(name_or_path, "no such narrative file")
        return candidate
    shipped = paths.NARRATIVES / f"{name_or_path}.yaml"
    if shipped.exists():
        return shipped
    known = ", ".join(shipped_names()) or "none"
    raise NarrativeError(name_or_path, f"no such narrative; shipped narratives: {known}")


def shipped_names() -> list[str]:
    return sorted(path.stem for path in paths.NARRATIVES.glob("*.yaml"))


def load(name_or_path: str) -> Narrative:
    path = find(name_or_path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise NarrativeError(str(path), f"not valid YAML ({error})") from error
    if not isinstance(raw, dict):
        raise NarrativeError(str(path), "a narrative must be a YAML mapping")
    try:
        return _build(raw, path)
    except (KeyError, TypeError, ValueError) as error:
        raise NarrativeError(str(path), f"malformed narrative: {error}") from error


def _take(raw: dict[str, Any], where: str, required: set[str], optional: set[str]) -> None:
    missing = required - raw.keys()
    if missing:
        raise ValueError(f"{where} needs {', '.join(sorted(missing))}")
    unknown = raw.keys() - required - optional
    if unknown:
        raise ValueError(f"{where} has unknown key(s) {', '.join(sorted(unknown))}")


def _exclusions(raw: Any, input_name: str) -> dict[str, tuple[str, ...]]:
    """``exclude: {column: [value, ...]}``: rows to drop, such as a publisher's total rows."""
    if not isinstance(raw, dict):
        raise ValueError(f"input {input_name!r}: exclude must map a column to a list of values")
    found = {}
    for column, values in raw.items():
        if isinstance(values, str | int | float):
            values = [values]
        if not isinstance(values, list):
            raise ValueError(f"input {input_name!r}: exclude.{column} must be a list of values")
        found[str(column)] = tuple(str(value) for value in values)
    return found


def _build(raw: dict[str, Any], path: Path) -> Narrative:
    _take(
        raw,
        "the narrative",
        {"name", "title", "inputs", "geography", "measures", "stories"},
        {"peer_groups", "facts", "compare_days", "style", "caveats", "description", "subjects",
         "plausibility"},
    )  # fmt: skip
    inputs = {}
    for name, spec in raw["inputs"].items():
        _take(
            spec,
            f"input {name!r}",
            {"default", "title"},
            {"columns", "publisher", "licence", "filter", "url", "exclude"},
        )
        if spec.get("url") and not str(spec["url"]).startswith(("http://", "https://")):
            raise ValueError(f"input {name!r}: url must be an http(s) URL, not {spec['url']!r}")
        inputs[name] = Input(
            name=name,
            default=spec["default"],
            columns=dict(spec.get("columns", {})),
            title=spec["title"],
            publisher=spec.get("publisher", ""),
            licence=spec.get("licence", ""),
            filter={str(k): str(v) for k, v in spec.get("filter", {}).items()},
            url=str(spec.get("url") or ""),
            exclude=_exclusions(spec.get("exclude", {}), name),
        )
    geo = raw["geography"]
    _take(geo, "geography", {"levels"}, {"input", "population"})
    levels = []
    for spec in geo["levels"]:
        _take(
            spec,
            "a geography level",
            {"name", "code", "label"},
            {"fixed", "code_from_label", "title_case"},
        )
        levels.append(
            Level(
                spec["name"],
                spec["code"],
                spec["label"],
                fixed=bool(spec.get("fixed")),
                code_from_label=bool(spec.get("code_from_label")),
                title_case=bool(spec.get("title_case")),
            )
        )
    if len({level.name for level in levels}) != len(levels) or PATCH in {lv.name for lv in levels}:
        raise ValueError(f"geography level names must be unique and not {PATCH!r}")
    if geo.get("input") and geo["input"] not in inputs:
        raise ValueError(f"geography input {geo['input']!r} is not declared under inputs")
    geography = Geography(geo.get("input"), tuple(levels), geo.get("population"))
    level_names = [level.name for level in levels]

    measures = {}
    for name, spec in raw["measures"].items():
        _take(
            spec,
            f"measure {name!r}",
            set(),
            {
                "input", "column", "filter", "window", "ratio", "denominator", "per", "decimals",
                "integer", "allow_blank", "roll_up", "noun", "label", "counts",
                "suppressed_below", "rate_of",
            },
        )  # fmt: skip
        measure = Measure(name=name, **{k: v for k, v in spec.items() if k != "filter"},
                          filter={str(k): str(v) for k, v in spec.get("filter", {}).items()})  # fmt: skip
        if measure.ratio is None and (measure.input is None or measure.column is None):
            raise ValueError(f"measure {name!r} needs input and column, or ratio")
        if measure.denominator is not None and measure.ratio is None:
            raise ValueError(f"measure {name!r} has a denominator but no ratio to divide")
        if measure.input is not None and measure.input not in inputs:
            raise ValueError(f"measure {name!r} reads undeclared input {measure.input!r}")
        if measure.ratio is not None and measure.denominator is None and not geography.population:
            raise ValueError(
                f"measure {name!r} is a ratio per head but geography has no population; "
                "give geography a population column or the measure a denominator"
            )
        measures[name] = measure
    for measure in measures.values():
        if measure.counts is not None and measure.counts not in measures:
            raise ValueError(f"measure {measure.name!r} counts unknown measure {measure.counts!r}")
        for part in (measure.ratio, measure.denominator):
            if part is not None and part not in measures:
                raise ValueError(f"measure {measure.name!r} divides unknown measure {part!r}")
            if part is not None and measures[part].ratio is not None:
                raise ValueError(
                    f"measure {measure.name!r} divides {part!r}, itself a ratio; "
                    "divide the measures read from inputs"
                )
        if measure.rate_of is not None and (
            measure.rate_of not in measures or measures[measure.rate_of].input != measure.input
        ):
            raise ValueError(
                f"measure {measure.name!r}: rate_of must name a measure read from the same input"
            )
    plausibility = raw.get("plausibility") or {}
    _take(plausibility, "plausibility", set(), set(Plausibility.__dataclass_fields__))

    peer_groups = []
    for spec in raw.get("peer_groups", []):
        _take(spec, "a peer group", {"level", "within"}, set())
        if spec["level"] not in level_names:
            raise ValueError(f"peer group level {spec['level']!r} is not a geography level")
        if spec["within"] not in [*level_names, PATCH]:
            raise ValueError(
                f"peer group within {spec['within']!r} is not a geography level or {PATCH!r}"
            )
        peer_groups.append(PeerGroup(spec["level"], spec["within"]))

    plans = {}
    for name, spec in raw["stories"].items():
        _take(spec, f"story plan {name!r}", {"kind", "template"}, {"levels", "lede"})
        if spec["kind"] not in {"area", "roundup"}:
            raise ValueError(f"story plan {name!r}: kind must be area or roundup")
        plans[name] = Plan(
            name=name,
            kind=spec["kind"],
            template=spec["template"],
            levels=tuple(spec.get("levels", ())),
            lede=tuple(spec.get("lede", ())),
        )
    return Narrative(
        name=raw["name"],
        title=raw["title"],
        path=path,
        inputs=inputs,
        geography=geography,
        measures=measures,
        peer_groups=tuple(peer_groups),
        facts={k: dict(v or {}) for k, v in raw.get("facts", {}).items()},
        plans=plans,
        compare_days=int(raw.get("compare_days", 7)),
        style=raw.get("style", "pa"),
        caveats=tuple(raw.get("caveats", ())),
        subjects=tuple(raw.get("subjects", ())),
        plausibility=Plausibility(**plausibility),
        raw=raw,
    )
