"""The Fact record: one newsworthy thing the data says, with where it came from.

A rule finds facts for every area at once; each fact carries enough for a template to
write a sentence about it and for the fact-check to trace every figure back to data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, timedelta
from math import isfinite
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Subject:
    """The area a fact is about."""

    code: str
    name: str
    type: str  # its level (district, county, region, country, neighbourhood, trust) or patch


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

    kind: str  # change, rank, record, threshold, ... (a key of storygen.rules.RULES)
    subject: Subject
    measure: str  # measure name from the narrative, e.g. "rate"
    period_end: str  # ISO date the period ends on (the as-of date)
    value: float
    values: dict[str, Any] = field(default_factory=dict)
    peer_group: str | None = None  # e.g. "region:E12000008", "england:district"
    rank: int | None = None
    score: float = 0.0
    provenance: Provenance | None = None
    id: str = ""  # "<key>.<subject code>", unique in a run
    repeats: str | None = None  # id of a stronger fact that says the same thing

    @property
    def key(self) -> str:
        """How templates ask for the fact: ``change.rate``, ``rank.rate.district-in-region``."""
        return self.id.rsplit(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (NaN and numpy scalars made plain), the fields in their order.

        The same as ``_plain(dataclasses.asdict(fact))``, without the deep copy of every
        value that ``asdict`` makes first, which costs more than the rest of exporting.

        >>> from dataclasses import asdict
        >>> fact = Fact("rank", Subject("E07000113", "Swale", "district"), "rate",
        ...             "2020-11-25", float("nan"), {"of": 12, "tied": (1, 2)})
        >>> fact.to_dict() == _plain(asdict(fact))
        True
        >>> fact.provenance = Provenance("cases", "cases.csv", ("E07000113",),
        ...                              ("2020-11-19", "2020-11-25"), "sum")
        >>> fact.to_dict() == _plain(asdict(fact))
        True
        >>> list(fact.to_dict()) == list(asdict(fact))  # every field, in the same order
        True
        """
        # written out field by field, text taken as it is: every story's every fact passes
        # here twice a run (for the fact-check and for export)
        subject, provenance = self.subject, self.provenance
        return {
            "kind": _text(self.kind),
            "subject": {
                "code": _text(subject.code),
                "name": _text(subject.name),
                "type": _text(subject.type),
            },
            "measure": _text(self.measure),
            "period_end": _text(self.period_end),
            "value": _plain(self.value),
            "values": _plain(self.values),
            "peer_group": _text(self.peer_group),
            "rank": _plain(self.rank),
            "score": _plain(self.score),
            "provenance": None if provenance is None else _provenance(provenance),
            "id": _text(self.id),
            "repeats": _text(self.repeats),
        }


def _text(value: Any) -> Any:
    return value if type(value) is str else _plain(value)


def _provenance(provenance: Provenance) -> dict[str, Any]:
    areas, dates = provenance.areas, provenance.dates
    return {
        "source": _text(provenance.source),
        "path": _text(provenance.path),
        "areas": list(areas) if all(type(a) is str for a in areas) else _plain(areas),
        "dates": list(dates) if all(type(d) is str for d in dates) else _plain(dates),
        "arithmetic": _text(provenance.arithmetic),
    }


def _record(value: Any) -> dict[str, Any]:
    """A dataclass instance as a plain dict, field by field (nested records too)."""
    return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}


@functools.cache
def _field_names(record: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(record))


_PLAIN = frozenset({str, int, bool, type(None)})  # already JSON-ready as they are


def _plain(value: Any) -> Any:
    """``value`` with NaN and infinities as None, numpy scalars as Python ones, tuples as
    lists, dict keys as text and records (dataclasses) as dicts, recursively.

    >>> import numpy as np
    >>> _plain({1: (np.float64(2.5), float("nan")), "n": [np.int64(3), "x", None, True]})
    {'1': [2.5, None], 'n': [3, 'x', None, True]}
    """
    kind = type(value)  # the common cases first: exports call this on every figure
    if kind in _PLAIN:
        return value
    if kind is float:
        return value if isfinite(value) else None
    # a container's plain items are taken as they are, without a call each: a chart's
    # figures are hundreds of floats a story
    if kind is dict:
        return {
            k if type(k) is str else str(k): v
            if type(v) in _PLAIN or (type(v) is float and isfinite(v))
            else _plain(v)
            for k, v in value.items()
        }
    if kind is list or kind is tuple:
        return [
            v if type(v) in _PLAIN or (type(v) is float and isfinite(v)) else _plain(v)
            for v in value
        ]
    if is_dataclass(value) and not isinstance(value, type):  # a Subject, a Provenance
        return _record(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and getattr(value, "ndim", 0) > 0:  # numpy array
        return [_plain(v) for v in value.tolist()]
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not isfinite(value):
        return None
    return value


STANDARD = {"area", "key", "measure", "value", "score", "peer_group", "rank"}
PROVENANCE = {"source_areas", "source_from"}  # columns that say which rows a fact used


def from_frame(
    kind: str,
    frame: Any,
    *,
    subjects: Any,
    as_of: str,
    sources: dict[str, tuple[str, str]],
    windows: dict[str, int],
    arithmetic: Callable[[dict[str, Any]], str],
) -> list[Fact]:
    """Fact records from one rule's scored output frame.

    ``subjects`` is indexed by code with columns ``name`` and ``level`` (the panel's areas
    and the patches); ``sources`` maps a measure to (input name, file or URL); ``windows``
    maps a measure to the number of days each figure sums, so that the provenance dates
    cover every row behind it; ``arithmetic`` says how a row's figures were computed.
    """
    if frame is None or len(frame) == 0:
        return []
    found = subjects.reindex(frame["area"])
    names = found["name"].to_numpy()
    levels = found["level"].to_numpy()
    extra = [column for column in frame.columns if column not in STANDARD | PROVENANCE]
    back = {measure: windows.get(measure, 1) - 1 for measure in sources}  # days before the end
    facts = []
    about: dict[str, Subject] = {}  # one Subject an area: a rule finds facts of each many times
    cells = _cells(frame)  # each column made plain once, for the rows and for the values
    values = _rows(cells, extra, len(frame))  # each fact's own dict of them
    for i, row in enumerate(_rows(cells, list(frame.columns), len(frame))):
        area, measure = row["area"], row["measure"]
        source, path = sources[measure]
        first = row.get("source_from")
        start = _days_before(first if isinstance(first, str) else as_of, back[measure])
        provenance = Provenance(
            source,
            path,
            _codes(row.get("source_areas")) or (area,),
            (start, as_of),
            arithmetic(row),
        )
        facts.append(
            Fact(
                kind,
                about.get(area) or about.setdefault(area, Subject(area, names[i], levels[i])),
                measure,
                as_of,
                row["value"],
                values[i],
                row.get("peer_group"),
                row.get("position"),
                float(row["score"]),
                provenance,
                f"{row['key']}.{area}",
            )
        )
    return facts


def records(frame: Any) -> list[dict[str, Any]]:
    """One dict per row, the same values as ``frame.to_dict("records")`` gives (plain Python
    scalars; missing text as pandas gives it), a column at a time rather than a cell at a
    time (``_cells``, ``_rows``).

    >>> import numpy as np
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"area": ["E1", None], "value": [1.5, float("nan")],
    ...                       "n": [1, 2], "up": [True, False], "name": ["a", np.int64(3)],
    ...                       "used": [np.array(["E1"]), None]})
    >>> str(records(frame)) == str(frame.to_dict("records"))
    True
    >>> text = pd.DataFrame({"name": pd.array(["Holbury", None], dtype="string")})
    >>> records(text) == text.to_dict("records") == [{"name": "Holbury"}, {"name": None}]
    True
    >>> _rows(_cells(frame), ["n", "up"], 2), _rows(_cells(frame), [], 2)
    ([{'n': 1, 'up': True}, {'n': 2, 'up': False}], [{}, {}])
    """
    return _rows(_cells(frame), list(frame.columns), len(frame))


def _cells(frame: Any) -> dict[str, list[Any]]:
    """Each column's cells as plain Python values (numpy scalars made plain, as pandas does)."""
    cells = {}
    for name, column in frame.items():
        values = column.to_numpy(dtype=object).tolist()
        if getattr(column.dtype, "na_value", None) is pd.NA:  # missing text, as pandas gives it
            values = [None if cell is pd.NA else cell for cell in values]
        elif column.dtype == object:  # may hold numpy scalars
            values = [cell.item() if isinstance(cell, np.generic) else cell for cell in values]
        cells[name] = values
    return cells


def _rows(cells: dict[str, list[Any]], names: list[str], count: int) -> list[dict[str, Any]]:
    """One dict a row of the columns ``names`` (there are ``count`` rows)."""
    if not names:
        return [{} for _ in range(count)]
    columns = [cells[name] for name in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _codes(used: Any) -> tuple[str, ...]:
    """Area codes from a ``source_areas`` cell (a list or array; anything else gives none).

    >>> _codes(["E1", "E2"]), _codes(float("nan"))
    (('E1', 'E2'), ())
    """
    if isinstance(used, str) or not hasattr(used, "__iter__"):
        return ()
    return tuple(str(code) for code in used)


@functools.lru_cache(maxsize=1024)  # a run's facts start on a few dozen days
def _days_before(iso: str, days: int) -> str:
    """
    >>> _days_before("2020-11-25", 6)
    '2020-11-19'
    """
    return (date.fromisoformat(iso) - timedelta(days=days)).isoformat()
