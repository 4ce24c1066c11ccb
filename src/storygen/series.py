"""Series: the measures stories talk about, for every area and date at once.

A ``Panel`` holds one matrix per measure (areas down, dates across) for every level of the
geography: the most local areas as read, then sums rolled up to each higher level, then
ratios such as rates per 100,000. Rules read these matrices; nothing here loops over areas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from storygen import validate
from storygen.errors import DataError
from storygen.narrative import Geography, Measure, Narrative

Loaded = dict[str, tuple[pd.DataFrame, str]]  # input name -> (frame of text cells, location)


@dataclass
class Panel:
    """Every measure for every area, plus who each area is.

    ``areas`` is indexed by area code with columns ``name``, ``level`` (its most local
    level), ``population``, ``is_<level>`` for each level it belongs to and ``<level>_code``
    / ``<level>_name`` for the area containing it at each level (itself at its own level).
    """

    areas: pd.DataFrame
    measures: dict[str, pd.DataFrame]
    levels: tuple[str, ...]
    locations: dict[str, str] = field(default_factory=dict)  # measure -> file or URL it came from
    inputs: dict[str, str] = field(default_factory=dict)  # measure -> input name
    # Measures read from inputs, as read (most local areas, before windows and roll-ups), and
    # where their cells were blank; checked by ``storygen.plausibility``.
    readings: dict[str, pd.DataFrame] = field(default_factory=dict)
    blanks: dict[str, pd.DataFrame] = field(default_factory=dict)
    # Measures that allow blanks: True where a figure is unknown because a blank (suppressed)
    # cell went into it. Such a figure is NaN, never a sum that treated the blank as zero.
    suppressed: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def dates(self) -> pd.DatetimeIndex:
        return next(iter(self.measures.values())).columns

    def last_date(self) -> pd.Timestamp:
        """The latest date on which any area has a value."""
        latest = [m.columns[m.notna().any(axis=0).to_numpy()].max() for m in self.measures.values()]
        found = [date for date in latest if pd.notna(date)]
        if not found:
            raise DataError(
                next(iter(self.locations.values()), "the data"),
                "no area has a figure on any date (a figure summed over several days needs "
                "a row for each of them); expected rows for consecutive dates",
            )
        return max(found)

    def members(self, level: str) -> pd.DataFrame:
        return self.areas[self.areas[f"is_{level}"]]

    def inside(self, codes: object) -> pd.Series:
        """For every area, whether it is one of ``codes`` or lies inside one of them (a patch
        listing Kent holds Kent's districts and neighbourhoods)."""
        wanted = list(codes)  # type: ignore[call-overload]
        found = pd.Series(self.areas.index.isin(wanted), index=self.areas.index)
        for level in self.levels:
            found |= self.areas[f"{level}_code"].isin(wanted).to_numpy()
        return found


def build(narrative: Narrative, loaded: Loaded) -> Panel:
    """Read, check and derive every measure of ``narrative`` from its loaded inputs."""
    local_level = narrative.geography.levels[0].name
    geography = _geography(narrative, loaded)
    lookup = loaded[narrative.geography.input][1] if narrative.geography.input else None
    base: dict[str, pd.DataFrame] = {}
    blanks: dict[str, pd.DataFrame] = {}
    locations: dict[str, str] = {}
    inputs: dict[str, str] = {}
    for measure in narrative.measures.values():
        if measure.ratio is None:
            assert measure.input is not None
            frame, location = loaded[measure.input]
            base[measure.name], blanks[measure.name] = _read_measure(
                narrative, measure, frame, location, geography, lookup
            )
            locations[measure.name] = location
            inputs[measure.name] = measure.input
    if not base:
        raise DataError(str(narrative.path), "no measure reads an input")
    dates = _date_axis(base.values())
    for measure in narrative.measures.values():
        if measure.name in base and measure.window > len(dates):
            assert measure.input is not None
            raise DataError(
                locations[measure.name],
                f"the data cover {len(dates)} date(s), but measure {measure.name!r} sums "
                f"{measure.window} days; expected at least {measure.window} dates",
                column=narrative.inputs[measure.input].columns.get("date", "date"),
            )
    base = {name: matrix.reindex(columns=dates) for name, matrix in base.items()}
    blanks = {
        name: blank.reindex(columns=dates, fill_value=False) for name, blank in blanks.items()
    }
    readings = dict(base)
    hidden: dict[str, pd.DataFrame] = {}  # blank cells, through each measure's window
    for measure in narrative.measures.values():
        if measure.name in base and measure.window > 1:
            base[measure.name] = _rolling_sum(base[measure.name], measure.window)
        if measure.name in blanks and measure.allow_blank:
            hidden[measure.name] = (
                _rolling_sum(blanks[measure.name].astype(float), measure.window) > 0
            )

    areas = _area_table(narrative.geography, geography)
    population = areas["population"] if "population" in areas else None
    measures: dict[str, pd.DataFrame] = {}
    suppressed: dict[str, pd.DataFrame] = {}
    for name, matrix in base.items():
        spec = narrative.measures[name]
        matrix = matrix.reindex(geography.index)
        if spec.roll_up:
            measures[name] = _roll_up(matrix, narrative.geography, geography, areas.index)
        else:
            measures[name] = matrix.reindex(areas.index)
        if name in hidden:  # a total with a suppressed part is unknown, not a smaller total
            flags = hidden[name].reindex(geography.index, fill_value=False).astype(float)
            if spec.roll_up:
                flags = _roll_up(flags, narrative.geography, geography, areas.index)
            suppressed[name] = flags.reindex(areas.index).fillna(0) > 0
            measures[name] = measures[name].mask(suppressed[name])
    for measure in narrative.measures.values():
        if measure.ratio is not None:
            measures[measure.name] = _ratio(measure, measures, population)
            locations[measure.name] = locations[measure.ratio]
            inputs[measure.name] = inputs[measure.ratio]
            if measure.ratio in suppressed:
                suppressed[measure.name] = suppressed[measure.ratio]
    levels = tuple(level.name for level in narrative.geography.levels)
    assert levels[0] == local_level
    return Panel(areas, measures, levels, locations, inputs, readings, blanks, suppressed)


def columns_needed(narrative: Narrative, input_name: str) -> list[str]:
    """The columns ``build`` reads from one of the narrative's inputs."""
    geo = narrative.geography
    spec = narrative.inputs[input_name]
    needed: list[str] = []
    readers = [m for m in narrative.measures.values() if m.input == input_name]
    first_reader = next((m for m in narrative.measures.values() if m.input is not None), None)
    if geo.input == input_name or (geo.input is None and first_reader in readers):
        needed += [c for level in geo.levels if not level.fixed for c in (level.code, level.label)]
        if geo.population and geo.input == input_name:
            needed.append(geo.population)
    if readers:
        needed += [spec.columns.get("area", "areaCode"), spec.columns.get("date", "date")]
        needed += list(spec.filter)
        for measure in readers:
            needed += [measure.column or "", *measure.filter]
    if needed:
        needed += list(spec.exclude)
    return [column for column in dict.fromkeys(needed) if column]


def check_as_of(narrative: Narrative, panel: Panel, loaded: Loaded, as_of: pd.Timestamp) -> None:
    """The as-of date lies within the data; if not, the error names the input's last line,
    and the narrative, which a run of several narratives can leave out."""
    if panel.dates[0] <= as_of <= panel.last_date():
        return
    for name in dict.fromkeys(panel.inputs.values()):
        frame, location = loaded[name]
        try:
            validate.as_of_in_range(
                as_of, frame, narrative.inputs[name].columns.get("date", "date"), location
            )
        except DataError as error:
            raise DataError(
                error.file,
                f"{error.message}, or a run without narrative {narrative.name!r}",
                row=error.row,
                column=error.column,
            ) from None
    raise DataError(
        next(iter(panel.locations.values())),
        f"the as-of date {as_of:%Y-%m-%d} has no figures; expected a date from "
        f"{panel.dates[0]:%Y-%m-%d} to {panel.last_date():%Y-%m-%d}",
    )


def _ratio(
    measure: Measure, measures: dict[str, pd.DataFrame], population: pd.Series | None
) -> pd.DataFrame:
    """``ratio`` per head of population, or per unit of its ``denominator`` measure, times ``per``.

    Computed at every level from that level's own sums, so a region's rate is its cases over
    its people, not an average of its districts' rates. Dividing by zero gives no figure.
    """
    assert measure.ratio is not None
    source = measures[measure.ratio]
    if measure.denominator is None:
        assert population is not None
        return source.div(population, axis=0) * measure.per
    denominator = measures[measure.denominator]
    return source.div(denominator.where(denominator > 0)) * measure.per


def _without_excluded(narrative: Narrative, input_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The input's rows less those its ``exclude`` names (a publisher's own total rows)."""
    drop = np.zeros(len(frame), dtype=bool)
    for column, values in narrative.inputs[input_name].exclude.items():
        if column in frame.columns:
            drop |= frame[column].str.strip().isin(values).fillna(False).to_numpy()
    return frame[~drop]


def code_from_label(labels: pd.Series) -> pd.Series:
    """Codes made from names, as NHS England spells its regions' total rows.

    >>> code_from_label(pd.Series(["South East", "North East and Yorkshire"])).tolist()
    ['SOUTH_EAST', 'NORTH_EAST_AND_YORKSHIRE']
    """
    return labels.str.upper().str.replace(r"[^A-Z0-9]+", "_", regex=True).str.strip("_")


KEEP_CAPITALS = frozenset(
    {
        "NHS",
        "UK",
        "CIC",
        "ACE",
        "UCL",
        "UCLH",
        "BMI",
        "HCA",
        "CNWL",
        "ELFT",
        "CSH",
        "KIMS",
        "LOC",
        "TFHC",
    }
)
SMALL_WORDS = frozenset({"and", "of", "the", "upon", "on", "in", "at", "for", "with"})


def title_case(name: str) -> str:
    """A name published in capitals, as copy writes it; a name in mixed case is left alone.

    >>> title_case("EAST KENT HOSPITALS UNIVERSITY NHS FOUNDATION TRUST")
    'East Kent Hospitals University NHS Foundation Trust'
    >>> title_case("THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST")
    'The Newcastle upon Tyne Hospitals NHS Foundation Trust'
    >>> title_case("KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST"), title_case("Medway")
    ("King's College Hospital NHS Foundation Trust", 'Medway')

    Initials are written as the house style writes them, without points:

    >>> title_case("EAST COAST COMMUNITY HEALTHCARE C.I.C"), title_case("SPIRE (U.K.) LTD.")
    ('East Coast Community Healthcare CIC', 'Spire (UK) Ltd.')

    So is a king's numeral:

    >>> title_case("KING EDWARD VII'S HOSPITAL"), title_case("LEADERS ON ONCOLOGY (LOC)")
    ("King Edward VII's Hospital", 'Leaders on Oncology (LOC)')

    A small word that begins a hospital's own name, after its group's, keeps its capital:

    >>> title_case("BMI - THE PRINCESS MARGARET HOSPITAL"), title_case("BMI THE CAVELL HOSPITAL")
    ('BMI - The Princess Margaret Hospital', 'BMI The Cavell Hospital')
    >>> title_case("NHS NIGHTINGALE HOSPITAL YORKSHIRE AND THE HUMBER TRUST")
    'NHS Nightingale Hospital Yorkshire and the Humber Trust'
    """
    if name != name.upper():
        return name
    words: list[str] = []
    for position, word in enumerate(name.split()):
        core = word.strip("()[],.")
        # the start of a hospital's own name, after its group's: "BMI - The", "BMI The"
        begins = words[-1:] in (["-"], ["\u2013"]) or (position == 1 and words[0] in KEEP_CAPITALS)
        if core.replace(".", "") in KEEP_CAPITALS:
            words.append(_INITIALS.sub(lambda initials: initials.group().replace(".", ""), word))
        elif _NUMERAL.fullmatch(word):
            words.append(word.replace("'S", "'s"))
        elif position > 0 and word.lower() in SMALL_WORDS and not begins:
            words.append(word.lower())
        else:
            words.append(re.sub(r"(^|[-(/])([a-z])", _capital, word.lower()))
    return " ".join(words)


_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+\.?")  # "C.I.C", "U.K."
_NUMERAL = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)(?:'S)?,?")  # "EDWARD VII'S"


def _capital(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).upper()


def _geography(narrative: Narrative, loaded: Loaded) -> pd.DataFrame:
    """One row per most-local area: its code, name and containing areas, and its population."""
    geo = narrative.geography
    if geo.input is not None:
        frame, location = loaded[geo.input]
        frame = _without_excluded(narrative, geo.input, frame)
    else:
        first = next(m for m in narrative.measures.values() if m.input is not None)
        assert first.input is not None
        frame, location = loaded[first.input]
        frame = _without_excluded(narrative, first.input, frame)
    columns = [c for level in geo.levels if not level.fixed for c in (level.code, level.label)]
    if geo.population and geo.input is not None:
        columns.append(geo.population)
    validate.require_columns(frame, columns, location)
    local = geo.levels[0]
    rows = frame
    if geo.input is None:  # the measure's rows name each area once a date: its first row is
        rows = frame.drop_duplicates(subset=list({local.code, local.label}))  # the one kept
    table = pd.DataFrame(index=rows.index)
    for level in geo.levels:
        if level.fixed:
            table[f"{level.name}_code"] = level.code
            table[f"{level.name}_name"] = level.label
        else:
            names = rows[level.label].str.strip()
            if level.title_case:
                names = names.map(title_case, na_action="ignore")
            codes = code_from_label(names) if level.code_from_label else rows[level.code]
            table[f"{level.name}_code"] = codes.str.strip()
            table[f"{level.name}_name"] = names
    for level in geo.levels:  # an area missing from the lookup's higher levels
        if not level.fixed:
            validate.no_blanks(frame, [level.code], location, f"a {level.name} code")
            validate.no_blanks(frame, [level.label], location, f"a {level.name} name")
    if geo.input is not None:
        validate.unique_rows(frame, [local.code], location)
        if geo.population:
            population = validate.parse_numbers(frame, geo.population, location)
            zero = population <= 0
            if zero.any():
                raise DataError(
                    location,
                    f"{frame[geo.population].iloc[int(zero.to_numpy().argmax())]!r} people; "
                    "expected a population above zero (it divides every rate)",
                    row=validate.line_of(frame, zero),
                    column=geo.population,
                )
            table["population"] = population
    else:
        table = table.drop_duplicates(subset=f"{local.name}_code")
    return table.set_index(table[f"{local.name}_code"].rename("code"))


def _read_measure(
    narrative: Narrative,
    measure: Measure,
    frame: pd.DataFrame,
    location: str,
    geography: pd.DataFrame,
    lookup: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One measure's cells as an area x date matrix of floats (blank = NaN), and where the
    cells were blank."""
    assert measure.input is not None and measure.column is not None
    spec = narrative.inputs[measure.input]
    area_col = spec.columns.get("area", "areaCode")
    date_col = spec.columns.get("date", "date")
    filters = {**spec.filter, **measure.filter}
    validate.require_columns(frame, [area_col, date_col, measure.column, *filters], location)
    frame = _without_excluded(narrative, measure.input, frame)
    if filters:
        keep = np.ones(len(frame), dtype=bool)
        for column, wanted in filters.items():
            keep &= (frame[column] == wanted).fillna(False).to_numpy()
        frame = frame[keep]
    if frame.empty:
        raise DataError(location, f"no rows for measure {measure.name!r} (filter {filters})")
    if lookup is not None:  # the geography comes from a lookup file, not from this input
        local = narrative.geography.levels[0]
        validate.known_codes(
            frame, area_col, geography.index, location, lookup=lookup, lookup_column=local.code
        )
    areas = frame[area_col].str.strip()
    dates = validate.parse_dates(frame, date_col, location)
    values = validate.parse_numbers(
        frame, measure.column, location, integer=measure.integer, allow_blank=measure.allow_blank
    )
    keys = pd.DataFrame({area_col: areas, date_col: frame[date_col].str.strip()}, index=frame.index)
    validate.unique_rows(keys, [area_col, date_col], location)
    if measure.rate_of is not None:
        count = narrative.measures[measure.rate_of]
        assert count.column is not None
        validate.rates_match(
            frame,
            areas=areas,
            counts=validate.parse_numbers(frame, count.column, location, allow_blank=True),
            rates=values,
            count_column=count.column,
            rate_column=measure.column,
            per=measure.per,
            file=location,
            population=geography["population"] if "population" in geography else None,
        )
    tidy = pd.DataFrame(
        {"area": areas, "date": dates, "value": values, "blank": values.isna()}
    ).reset_index(drop=True)
    matrix = tidy.pivot(index="area", columns="date", values="value")
    blank = tidy.pivot(index="area", columns="date", values="blank").fillna(False).astype(bool)
    return matrix, blank


def _date_axis(matrices) -> pd.DatetimeIndex:
    """Every date from the first to the last, at the data's own step (daily or weekly)."""
    dates = pd.DatetimeIndex(sorted(set().union(*(m.columns for m in matrices))))
    if len(dates) < 2:
        return dates
    step = pd.Series(dates).diff().dropna().min()
    return pd.date_range(dates[0], dates[-1], freq=step)


def _rolling_sum(matrix: pd.DataFrame, window: int) -> pd.DataFrame:
    """Sum over ``window`` consecutive dates to each date; NaN where any day is missing."""
    values = matrix.to_numpy(dtype="float64")
    cumulative = np.nancumsum(values, axis=1)
    missing = np.cumsum(np.isnan(values), axis=1)
    shifted = np.full_like(cumulative, np.nan)
    shifted[:, window:] = cumulative[:, :-window]
    shifted[:, window - 1] = 0.0
    missing_before = np.zeros_like(missing)
    missing_before[:, window:] = missing[:, :-window]
    sums = cumulative - shifted
    gaps = (missing - missing_before) > 0
    sums[gaps] = np.nan
    return pd.DataFrame(sums, index=matrix.index, columns=matrix.columns)


def _area_table(geo: Geography, geography: pd.DataFrame) -> pd.DataFrame:
    """One row per area at every level, unique by code (a unitary authority is one row)."""
    frames = []
    for position, level in enumerate(geo.levels):
        code_col = f"{level.name}_code"
        parents = [f"{lv.name}_{part}" for lv in geo.levels[position:] for part in ("code", "name")]
        rows = geography.groupby(code_col, sort=True)[parents].first()
        rows["name"] = rows[f"{level.name}_name"]
        rows["level"] = level.name
        if "population" in geography:
            rows["population"] = geography.groupby(code_col)["population"].sum()
        rows.index.name = "code"
        frames.append(rows)
    areas = pd.concat(frames)
    for level in geo.levels:
        members = set(areas.loc[areas["level"] == level.name].index)
        areas[f"is_{level.name}"] = areas.index.isin(members)
    areas = areas[~areas.index.duplicated(keep="first")].copy()
    for level in geo.levels:  # a unitary authority is its own county: fill its parent columns
        own = areas[f"is_{level.name}"]
        areas.loc[own, f"{level.name}_code"] = areas.index[own]
        areas.loc[own, f"{level.name}_name"] = areas.loc[own, "name"]
    return areas


def _roll_up(
    matrix: pd.DataFrame, geo: Geography, geography: pd.DataFrame, codes: pd.Index
) -> pd.DataFrame:
    """Sums at every level, over the areas with a figure on each date.

    An area with no rows for a date has reported nothing separately that day (the dashboard
    folds the City of London into Hackney, for instance), so it adds nothing; an aggregate is
    NaN only where none of its areas has a figure. Populations stay whole, as the publisher's do.
    """
    parts = [matrix]
    for level in geo.levels[1:]:
        key = geography[f"{level.name}_code"].reindex(matrix.index).to_numpy()
        parts.append(matrix.groupby(key).sum(min_count=1))
    combined = pd.concat(parts)
    combined = combined[~combined.index.duplicated(keep="first")]
    return combined.reindex(codes)
