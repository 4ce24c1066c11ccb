"""Fake inputs shaped like a narrative's: a small made-up geography and series for every input,
so that ``storygen validate`` can run a narrative's rules and templates without real data.

The geography has two top-level groups, each holding a two-tier area of three or four local
areas and a single-tier one (a "unitary authority", its own parent), with names that test the
copy ("Hythe and Vale", "Portbury, City of"). The series take every shape a story must handle:
rising, falling, flat, doubling, a spike, a fall to zero and, where the narrative allows blank
cells, suppressed values. Everything is seeded, so a run is repeatable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from storygen.narrative import Level, Narrative

DAYS = 140
LAST_DAY = pd.Timestamp("2021-02-27")  # a Saturday, so weekly data end on a week's last day
# (name, parent index): two groups, each a two-tier area with local areas and a single-tier one
GROUPS = (
    ("Northmoor", (("Ashdown", ("Hythe and Vale", "Ashdown", "Kelsey", "Marbury")),
                   ("Portbury, City of", ()))),
    ("Southmoor", (("Westfold", ("Dunmere", "Ely Cross", "Ravensby")),
                   ("Brayport", ()))),
)  # fmt: skip
SHAPES = ("rising", "falling", "flat", "doubling", "spike", "to_zero", "halving", "rising")


@dataclass
class FakeArea:
    """One most-local area and the areas above it, by level position (1 = its parent)."""

    codes: list[str]
    names: list[str]
    population: int
    shape: str


def areas(narrative: Narrative) -> list[FakeArea]:
    """The made-up most-local areas, with codes and names at every non-fixed level."""
    levels = narrative.geography.levels
    depth = len([level for level in levels if not level.fixed])
    rng = np.random.default_rng(7)
    found = []
    serial = 0
    for g, (group, children) in enumerate(GROUPS, 1):
        for c, (middle, locals_) in enumerate(children, 1):
            single = not locals_ and depth < 4  # deeper geographies keep every tier apart
            singles = (middle,) if single else (f"{middle.split(',')[0]} Central", "Old Quay")
            for name in locals_ or singles:
                serial += 1
                chain = [
                    (f"L{serial:04d}", name),
                    (f"M{g}{c:03d}", middle) if not single else (f"L{serial:04d}", name),
                    (f"G{g:04d}", group),
                ]
                while len(chain) < depth:  # deeper geographies: a group above the groups
                    chain.append((f"T{len(chain):04d}", f"Upper {len(chain)}"))
                if depth == 2:  # two levels (trusts in regions): skip the middle tier
                    chain = [chain[0], chain[2]]
                chain = chain[:depth]
                found.append(
                    FakeArea(
                        codes=[code for code, _ in chain],
                        names=[label for _, label in chain],
                        population=int(rng.integers(60_000, 320_000)),
                        shape=SHAPES[serial % len(SHAPES)],
                    )
                )
    return found


def _series(shape: str, base: float, rng: np.random.Generator) -> np.ndarray:
    t = np.linspace(0, 1, DAYS)
    curve = {
        "rising": 0.5 + 1.5 * t,
        "falling": 2.0 - 1.6 * t,
        "flat": np.ones(DAYS),
        "doubling": np.where(t > 0.9, 2.0, 1.0),
        "spike": 1 + 3 * np.exp(-(((t - 0.7) / 0.05) ** 2)),
        "to_zero": np.where(t > 0.93, 0.0, 1.2 - t),
        "halving": np.where(t > 0.9, 0.5, 1.0),
    }[shape]
    return rng.poisson(np.maximum(base * curve, 0)).astype(float)


def write_inputs(narrative: Narrative, folder: Path, *, seed: int = 11) -> dict[str, str]:
    """Write a CSV for every input of ``narrative`` into ``folder``; input name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    fake = areas(narrative)
    geo = narrative.geography
    columns_of = _level_columns(geo.levels)
    dates = pd.date_range(end=LAST_DAY, periods=DAYS, freq="D")
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in narrative.inputs}

    if geo.input is not None:
        for area in fake:
            row = _geography_row(area, columns_of)
            if geo.population:
                row[geo.population] = area.population
            tables[geo.input].append(row)

    read = [m for m in narrative.measures.values() if m.input is not None and m.column]
    for area in fake:
        base = rng.uniform(5, 60)
        shared = _series(area.shape, base, rng)
        for position, day in enumerate(dates):
            by_input: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, object]] = {}
            for measure in read:
                assert measure.input is not None and measure.column is not None
                spec = narrative.inputs[measure.input]
                filters = {**spec.filter, **measure.filter}
                key = (measure.input, tuple(sorted(filters.items())))
                row = by_input.setdefault(key, _measure_row(narrative, measure.input, area, day))
                row.update(filters)
                value = shared[position] * (0.1 if _is_second(measure.name, read) else 1.0)
                if not measure.integer:  # a rate the publisher computed
                    value = value / area.population * 100_000
                row[measure.column] = _cell(value, measure.integer, measure.allow_blank)
                if geo.input is None:
                    row.update(_geography_row(area, columns_of))
            for (input_name, _), row in by_input.items():
                tables[input_name].append(row)

    written = {}
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        pd.DataFrame(rows).to_csv(path, index=False)
        written[name] = str(path)
    return written


def patch_codes(narrative: Narrative) -> dict[str, str]:
    """A newsroom patch over the fake geography: the first group and everything in it."""
    fake = areas(narrative)
    top = fake[0].codes[-1]
    chosen: dict[str, str] = {}
    for area in fake:
        if area.codes[-1] == top:
            for code, name in zip(area.codes[:-1], area.names[:-1], strict=True):
                chosen.setdefault(code, name)
    return chosen


def _is_second(name: str, read: list) -> bool:
    """Whether a measure is a smaller count read beside another (ventilated beside patients)."""
    return any(m.name == name for m in read[1:]) and all(m.integer for m in read)


def _cell(value: float, integer: bool, allow_blank: bool) -> object:
    if allow_blank and value < 3:
        return ""  # suppressed, as publishers blank small counts
    return int(round(value)) if integer else round(value, 1)


def _level_columns(levels: tuple[Level, ...]) -> list[tuple[int, Level]]:
    return [(position, level) for position, level in enumerate(levels) if not level.fixed]


def _geography_row(area: FakeArea, columns_of: list[tuple[int, Level]]) -> dict[str, object]:
    row: dict[str, object] = {}
    for position, level in columns_of:
        code, name = area.codes[position], area.names[position]
        if level.code == level.label:  # one column holds both: the code is made from the name
            row[level.code] = name
        else:
            row[level.code] = code
            row[level.label] = name
    return row


def _measure_row(
    narrative: Narrative, input_name: str, area: FakeArea, day: pd.Timestamp
) -> dict[str, object]:
    spec = narrative.inputs[input_name]
    row: dict[str, object] = {
        spec.columns.get("area", "areaCode"): area.codes[0],
        spec.columns.get("date", "date"): day.date().isoformat(),
    }
    if "name" in spec.columns:
        row[spec.columns["name"]] = area.names[0]
    return row
