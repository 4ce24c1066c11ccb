"""The benchmark's data: England-sized SYNTHETIC files, and which narrative reads which file.

``write(folder, scale)`` writes the five files ``storygen.synthetic.england(scale)`` makes,
named as the demo fixtures are (``ltla_cases.csv``...). A narrative's inputs default to the
demo fixtures, so the file an input reads is found by the name of its default file: an input
whose default is ``fixtures/demo/msoa_weekly.csv`` reads the synthetic ``msoa_weekly.csv``.
A narrative whose inputs are not all among the synthetic files cannot be benchmarked and is
left out, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd

from storygen import synthetic
from storygen.narrative import Narrative

SIZES = ("1/8", "1/4", "1/2", "1")
"""The scales the benchmark runs by default, smallest first."""

OWN_NARRATIVES = Path(__file__).resolve().parent / "narratives"
"""The benchmark's own narratives (with their templates in ``templates/`` beside them)."""


def parse_size(text: str) -> Fraction:
    """A scale written as a fraction or a decimal.

    >>> parse_size("1/8"), parse_size("1"), parse_size("0.5")
    (Fraction(1, 8), Fraction(1, 1), Fraction(1, 2))
    """
    try:
        size = Fraction(text.strip())
    except ValueError:
        raise ValueError(f"size {text!r} is not a fraction such as 1/8 or 0.5") from None
    synthetic.england_sizes(float(size))  # raises with the allowed range
    return size


def write(folder: Path, scale: float, seed: int = synthetic.SEED) -> dict[str, Path]:
    """Write the synthetic England files for ``scale`` into ``folder``; file key -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for key, frame in synthetic.england(scale, seed).items():
        written[key] = folder / synthetic.DEMO_FILES[key]
        synthetic.write_csv(frame, written[key])
    return written


def as_of(folder: Path, files: list[str] | None = None) -> str:
    """The date a run covers: the week-ending date on which the most neighbourhoods have a
    published figure (the latest week may fall in a lull where most counts are suppressed),
    among the dates every one of ``files`` (file names; default: all five) reaches.
    """
    files = files or list(synthetic.DEMO_FILES.values())
    ends = [
        pd.read_csv(folder / name, usecols=["date"], dtype={"date": "string"})["date"].max()
        for name in files
        if name in DATED
    ]
    weekly = pd.read_csv(
        folder / synthetic.DEMO_FILES["msoa_weekly"],
        usecols=["date", "newCasesBySpecimenDateRollingSum"],
        dtype={"date": "string"},
    )
    weekly = weekly[weekly["date"] <= min(ends)]
    if weekly.empty:
        return str(min(ends))
    published = weekly.dropna().groupby("date").size()
    if published.empty:
        return str(weekly["date"].max())
    return str(published[published == published.max()].index.max())


DATED = {synthetic.DEMO_FILES[key] for key in ("ltla_cases", "msoa_weekly", "nhs_beds")}


@dataclass(frozen=True)
class Selected:
    """Narratives the synthetic files can feed, their --data pairs, and those left out."""

    narratives: list[Narrative]
    data: dict[str, str]  # input name -> synthetic file
    left_out: dict[str, str]  # narrative name -> why

    @property
    def files(self) -> list[str]:
        """The synthetic files the narratives read (file names)."""
        return sorted({Path(location).name for location in self.data.values()})


def feedable(narratives: list[Narrative], folder: Path) -> Selected:
    """The narratives whose every input defaults to a file the synthetic data has."""
    files = set(synthetic.DEMO_FILES.values())
    chosen, data, left_out = [], {}, {}
    for narrative in narratives:
        wanted = {name: Path(spec.default).name for name, spec in narrative.inputs.items()}
        missing = sorted(name for name, file in wanted.items() if file not in files)
        clash = sorted(
            name
            for name, file in wanted.items()
            if data.get(name, str(folder / file)) != str(folder / file)
        )
        if missing:
            left_out[narrative.name] = f"no synthetic file for input(s) {', '.join(missing)}"
        elif clash:
            left_out[narrative.name] = (
                f"input(s) {', '.join(clash)} name a different file in another narrative"
            )
        else:
            chosen.append(narrative)
            data.update({name: str(folder / file) for name, file in wanted.items()})
    return Selected(chosen, data, left_out)


def select(folder: Path, only_shipped: bool = False) -> Selected:
    """The shipped narratives, and unless ``only_shipped`` the benchmark's own, that the
    synthetic files in ``folder`` can feed."""
    from storygen import narrative as narratives

    loaded = [narratives.load(name) for name in narratives.shipped_names()]
    if not only_shipped:
        loaded += [narratives.load(str(path)) for path in sorted(OWN_NARRATIVES.glob("*.yaml"))]
    return feedable(loaded, folder)
