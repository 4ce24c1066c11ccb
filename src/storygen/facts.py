"""The Fact record: one newsworthy thing the data says, with where it came from.

A rule finds facts for every area at once; each fact carries enough for a template to
write a sentence about it and for the fact-check to trace every figure back to data.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Subject:
    """The area a fact is about."""

    code: str
    name: str
    type: str  # district, county, region, country, neighbourhood, trust, patch


@dataclass(frozen=True)
class Provenance:
    """Where a fact's figures came from: source rows and the arithmetic on them."""

    source: str  # input name, e.g. "cases"
    path: str  # file or URL the input was read from
    areas: tuple[str, ...]  # area codes whose rows were used
    dates: tuple[str, str]  # first and last date of the rows used (ISO)
    arithmetic: str  # how the value was computed, e.g. "sum(cases, 2020-11-19..2020-11-25) / 110,003 * 100,000"


@dataclass
class Fact:
    """A newsworthy fact about one subject on one period.

    ``values`` holds every figure a sentence about the fact may print (the value itself,
    the value it is compared with, the change, a rank position, a date...), so that the
    fact-check can find each printed figure among them.
    """

    kind: str  # change, rank, record, threshold, ...
    subject: Subject
    measure: str  # measure name from the narrative, e.g. "rate"
    period_end: str  # ISO date the period ends on (the as-of date)
    value: float
    values: dict[str, Any] = field(default_factory=dict)
    peer_group: str | None = None  # e.g. "region:E12000008", "england:district"
    rank: int | None = None
    score: float = 0.0
    provenance: Provenance | None = None
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (NaN and numpy scalars made plain)."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


STANDARD = {"area", "key", "measure", "value", "score", "peer_group", "rank"}


def from_frame(
    kind: str,
    frame: Any,
    *,
    areas: Any,
    as_of: str,
    sources: dict[str, tuple[str, str]],
    windows: dict[str, int],
) -> list[Fact]:
    """Fact records from one rule's scored output frame.

    ``sources`` maps a measure to (input name, file or URL); ``windows`` maps a measure to
    the number of days each figure sums, for the provenance of every fact.
    """
    if frame is None or len(frame) == 0:
        return []
    subjects = areas.reindex(frame["area"])
    names = subjects["name"].to_numpy()
    levels = subjects["level"].to_numpy()
    extra = [column for column in frame.columns if column not in STANDARD]
    facts = []
    for i, row in enumerate(frame.to_dict("records")):
        measure = row["measure"]
        source, path = sources[measure]
        window = windows.get(measure, 1)
        start = _days_before(as_of, window - 1)
        facts.append(
            Fact(
                kind=kind,
                subject=Subject(row["area"], names[i], levels[i]),
                measure=measure,
                period_end=as_of,
                value=row["value"],
                values={column: row[column] for column in extra},
                peer_group=row.get("peer_group"),
                rank=row.get("position"),
                score=float(row["score"]),
                provenance=Provenance(
                    source=source,
                    path=path,
                    areas=(row["area"],),
                    dates=(start, as_of),
                    arithmetic=_arithmetic(kind, row, window),
                ),
                id=f"{row['key']}.{row['area']}",
            )
        )
    return facts


def _days_before(iso: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) - timedelta(days=days)).isoformat()


def _arithmetic(kind: str, row: dict[str, Any], window: int) -> str:
    measure = row["measure"]
    span = f"sum of {window} days" if window > 1 else "value on the day"
    if kind == "change":
        return (
            f"{measure} {row['value']:.4f} ({span} to the as-of date) minus "
            f"{row['previous']:.4f} (to {row['previous_date']}) = {row['change']:.4f}"
        )
    if kind == "rank":
        return (
            f"{measure} {row['value']} ranked {row['position']} of {row['of']} "
            f"({row['peer_level']}s in {row['group_name']}), highest first, ties share a place"
        )
    if kind == "record":
        word = "highest" if row["direction"] == "high" else "lowest"
        return f"{measure} {row['value']} is the {word} since {row['since']} ({row['days']} days)"
    return f"{measure} {row['value']}"
