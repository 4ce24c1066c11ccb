"""SYNTHETIC data shaped like the real public downloads: every figure here is invented.

Two uses:

* ``demo()`` (and the ``demo_*`` functions it calls) makes small demo data for a handful of real
  places in South East England and beyond. Area codes and names (GSS codes, district names, NHS
  trust codes and names) are the public identifiers of real places; every figure (cases,
  populations, beds, admissions) is drawn from a random generator with a fixed seed. The curves
  are shaped so that stories have something to say (see "Designed story patterns" below).
  ``scripts/make_fixtures.py`` writes it to ``fixtures/demo/``.
* ``england(scale)`` makes England-sized data with invented places, for benchmarks.

Every frame has the columns, column order, dtypes and date format that ``pandas.read_csv`` gives
for the real file named in ``SHAPED_LIKE``; ``write_csv`` writes a frame the way the real files
are written (blank cells for suppressed values, counts without a decimal point).

Designed story patterns in ``demo()`` (the tests check them for the default seed):

* a national autumn wave peaking in early November and a larger wave after mid-December
  (North East earlier in autumn, London, Essex, Kent and Medway largest in winter);
* ``RISING_AGAINST_TREND``: districts whose 7-day cases rise in the week to ``RISING_WEEK_END``
  while most areas fall (Gravesham, Swale and Thanet in Kent; Medway; Runnymede in Surrey;
  Thurrock; Bexley);
* ``TIED_RATE_AREAS`` (Dover, Folkestone and Hythe): the same population and the same 7-day
  cases to ``TIED_RATE_DATE``, so the same 7-day rate;
* ``ZERO_RUN``: City of London has no cases on exactly these days (first, last) and some
  on the day either side; it has no rows at all for ``MISSING_DAYS`` (the real file has gaps
  too);
* ``MSOA_HOTSPOT``: a Swale neighbourhood with about two and a half times its district's rate;
* weekly (day-of-week) seasonality and Poisson noise throughout.

>>> sorted(demo())
['ltla_cases', 'ltla_lookup', 'msoa_weekly', 'nhs_beds', 'nhs_trusts']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20201125

DEMO_FILES = {
    "ltla_cases": "ltla_cases.csv",
    "ltla_lookup": "ltla_lookup.csv",
    "msoa_weekly": "msoa_weekly.csv",
    "nhs_beds": "nhs_beds.csv",
    "nhs_trusts": "nhs_trusts.csv",
}
"""File name of each demo frame in ``fixtures/demo/``."""

SHAPED_LIKE = {
    "ltla_cases": "england_ltla_cases_final.csv",
    "ltla_lookup": "england_ltla_lookup_lad19.csv",
    "msoa_weekly": "southeast_msoa_cases_weekly.csv",
    "nhs_beds": "nhs_trust_covid_beds_admissions_2020-08_2021-03.csv",
    "nhs_trusts": "nhs_trust_lookup.csv",
}
"""The real download each frame mirrors (same columns, order, dtypes and formats)."""

RISING_WEEK_END = "2020-11-25"
RISING_AGAINST_TREND = (
    "E06000034",  # Thurrock
    "E06000035",  # Medway
    "E07000109",  # Gravesham
    "E07000113",  # Swale
    "E07000114",  # Thanet
    "E07000212",  # Runnymede
    "E09000004",  # Bexley
)
TIED_RATE_DATE = "2020-11-25"
TIED_RATE_AREAS = ("E07000108", "E07000112")  # Dover, Folkestone and Hythe
ZERO_RUN = ("E09000001", "2020-09-07", "2020-09-20")  # City of London, first and last day
MISSING_DAYS = ("E09000001", ("2020-09-01", "2020-09-02", "2020-09-03"))
MSOA_HOTSPOT = "E02900050"  # Minster Marshes, Swale
FIRST_MSOA_CODE = 900001  # invented MSOA codes run E02900001 upwards, outside the real range

_EPOCH = np.datetime64("2020-01-01")
# the headers of the real downloads, which the synthetic files copy
CASE_COLUMNS = ["areaCode", "areaName", "date", "newCasesBySpecimenDate"]
LOOKUP_COLUMNS = [
    "lad19_cd",
    "lad19_nm",
    "utla19_cd",
    "utla19_nm",
    "rgn19_cd",
    "rgn19_nm",
    "population_mye2019",
]
_MSOA_COLUMNS = [
    "areaCode",
    "areaName",
    "date",
    "newCasesBySpecimenDateRollingSum",
    "newCasesBySpecimenDateRollingRate",
    *LOOKUP_COLUMNS[:-1],
]
_TRUST_COLUMNS = ["org_code", "org_name", "nhs_region", "type1_acute"]
_BEDS_COLUMNS = ["date", "org_code", "metric", "value"]
_COUNT_COLUMNS = ("newCasesBySpecimenDateRollingSum",)  # float when read, written as integers

# Day-of-week factors for cases by specimen date, Monday first (fewer swabs at weekends).
_WEEKDAY = np.array([1.17, 1.10, 1.04, 1.00, 0.97, 0.88, 0.84])
_WEEKDAY = _WEEKDAY / _WEEKDAY.mean()

# ---------------------------------------------------------------------------------------------
# Demo geography: real codes and names (public identifiers), invented populations.

_REGIONS = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}

_COUNTIES = {
    "E10000011": "East Sussex",
    "E10000012": "Essex",
    "E10000016": "Kent",
    "E10000030": "Surrey",
}

# (lad19_cd, lad19_nm, utla19_cd or "" for a unitary authority, rgn19_cd)
_DEMO_DISTRICTS = (
    ("E06000001", "Hartlepool", "", "E12000001"),
    ("E06000002", "Middlesbrough", "", "E12000001"),
    ("E06000022", "Bath and North East Somerset", "", "E12000009"),
    ("E06000023", "Bristol, City of", "", "E12000009"),
    ("E06000033", "Southend-on-Sea", "", "E12000006"),
    ("E06000034", "Thurrock", "", "E12000006"),
    ("E06000035", "Medway", "", "E12000008"),
    ("E06000043", "Brighton and Hove", "", "E12000008"),
    ("E06000044", "Portsmouth", "", "E12000008"),
    ("E06000045", "Southampton", "", "E12000008"),
    ("E07000061", "Eastbourne", "E10000011", "E12000008"),
    ("E07000062", "Hastings", "E10000011", "E12000008"),
    ("E07000063", "Lewes", "E10000011", "E12000008"),
    ("E07000064", "Rother", "E10000011", "E12000008"),
    ("E07000065", "Wealden", "E10000011", "E12000008"),
    ("E07000066", "Basildon", "E10000012", "E12000006"),
    ("E07000068", "Brentwood", "E10000012", "E12000006"),
    ("E07000069", "Castle Point", "E10000012", "E12000006"),
    ("E07000070", "Chelmsford", "E10000012", "E12000006"),
    ("E07000071", "Colchester", "E10000012", "E12000006"),
    ("E07000076", "Tendring", "E10000012", "E12000006"),
    ("E07000105", "Ashford", "E10000016", "E12000008"),
    ("E07000106", "Canterbury", "E10000016", "E12000008"),
    ("E07000107", "Dartford", "E10000016", "E12000008"),
    ("E07000108", "Dover", "E10000016", "E12000008"),
    ("E07000109", "Gravesham", "E10000016", "E12000008"),
    ("E07000110", "Maidstone", "E10000016", "E12000008"),
    ("E07000111", "Sevenoaks", "E10000016", "E12000008"),
    ("E07000112", "Folkestone and Hythe", "E10000016", "E12000008"),
    ("E07000113", "Swale", "E10000016", "E12000008"),
    ("E07000114", "Thanet", "E10000016", "E12000008"),
    ("E07000115", "Tonbridge and Malling", "E10000016", "E12000008"),
    ("E07000116", "Tunbridge Wells", "E10000016", "E12000008"),
    ("E07000207", "Elmbridge", "E10000030", "E12000008"),
    ("E07000208", "Epsom and Ewell", "E10000030", "E12000008"),
    ("E07000209", "Guildford", "E10000030", "E12000008"),
    ("E07000210", "Mole Valley", "E10000030", "E12000008"),
    ("E07000211", "Reigate and Banstead", "E10000030", "E12000008"),
    ("E07000212", "Runnymede", "E10000030", "E12000008"),
    ("E07000213", "Spelthorne", "E10000030", "E12000008"),
    ("E07000214", "Surrey Heath", "E10000030", "E12000008"),
    ("E07000215", "Tandridge", "E10000030", "E12000008"),
    ("E07000216", "Waverley", "E10000030", "E12000008"),
    ("E07000217", "Woking", "E10000030", "E12000008"),
    ("E08000021", "Newcastle upon Tyne", "", "E12000001"),
    ("E08000024", "Sunderland", "", "E12000001"),
    ("E09000001", "City of London", "", "E12000007"),
    ("E09000002", "Barking and Dagenham", "", "E12000007"),
    ("E09000004", "Bexley", "", "E12000007"),
    ("E09000006", "Bromley", "", "E12000007"),
    ("E09000008", "Croydon", "", "E12000007"),
    ("E09000011", "Greenwich", "", "E12000007"),
    ("E09000012", "Hackney", "", "E12000007"),
    ("E09000023", "Lewisham", "", "E12000007"),
)


def demo_geography(seed: int = SEED) -> pd.DataFrame:
    """Real districts with invented populations, shaped like ``england_ltla_lookup_lad19.csv``.

    Kent's 12 districts and Medway, Surrey's 11, East Sussex's 5, Brighton and Hove,
    Portsmouth, Southampton, 8 London boroughs (with City of London), 6 Essex districts with
    Southend-on-Sea and Thurrock, Bath and North East Somerset, Bristol and 4 North East
    unitaries. Populations are invented: 85,000-185,000 for shire districts, 150,000-390,000 for
    unitaries and boroughs, about 9,000 for City of London.

    >>> geo = demo_geography()
    >>> len(geo), geo.loc[geo["lad19_nm"] == "Medway", "utla19_nm"].item()
    (54, 'Medway')
    """
    rng = np.random.default_rng((seed, 1))
    table = np.array(_DEMO_DISTRICTS, dtype=object)
    codes, names, county, region = table.T
    unitary = county == ""
    utla_cd = np.where(unitary, codes, county)
    utla_nm = np.where(unitary, names, [_COUNTIES.get(c, "") for c in county])
    population = np.where(
        unitary,
        rng.integers(150_000, 390_000, len(codes)),
        rng.integers(85_000, 185_000, len(codes)),
    )
    population[codes == "E09000001"] = rng.integers(8_600, 9_400)
    tied = np.isin(codes, TIED_RATE_AREAS)
    population[tied] = population[tied][0]
    frame = pd.DataFrame(
        {
            "lad19_cd": codes.astype(str),
            "lad19_nm": names.astype(str),
            "utla19_cd": utla_cd.astype(str),
            "utla19_nm": utla_nm.astype(str),
            "rgn19_cd": region.astype(str),
            "rgn19_nm": [_REGIONS[r] for r in region],
            "population_mye2019": population.astype("int64"),
        }
    )
    return frame.sort_values("lad19_cd", ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Demo cases by district and day.

# Two waves per region: (autumn peak, daily cases per 100,000 at peak, width in days,
# winter peak, height, width).
_REGION_WAVES = {
    "E12000001": ("2020-10-24", 44.0, 18.0, "2021-01-06", 42.0, 14.0),
    "E12000006": ("2020-11-05", 30.0, 13.0, "2021-01-01", 80.0, 13.0),
    "E12000007": ("2020-11-05", 32.0, 13.0, "2021-01-01", 88.0, 13.0),
    "E12000008": ("2020-11-06", 28.0, 13.0, "2021-01-03", 62.0, 14.0),
    "E12000009": ("2020-11-04", 22.0, 13.0, "2021-01-05", 40.0, 14.0),
}
_DEFAULT_WAVES = ("2020-11-05", 28.0, 14.0, "2021-01-03", 60.0, 14.0)
_EARLY_WINTER_UTLAS = {  # the winter wave comes earlier and larger in Kent and Medway
    "E10000016": ("2020-12-30", 95.0, 15.0),
    "E06000035": ("2020-12-30", 95.0, 15.0),
}
_BASELINE_RATE = 2.5  # daily cases per 100,000 between waves
_LATE_SURGE = ("2020-11-26", 30.0, 7.0)  # the rising-against-trend districts' local outbreak


def demo_cases(
    geography: pd.DataFrame,
    start: str = "2020-09-01",
    end: str = "2021-01-31",
    seed: int = SEED,
) -> pd.DataFrame:
    """Invented daily cases per district, shaped like ``england_ltla_cases_final.csv``.

    Sorted by ``areaCode`` then ``date``; counts are non-negative integers. See the module
    docstring for the designed story patterns.

    >>> cases = demo_cases(demo_geography(), end="2020-09-30")
    >>> list(cases.columns)
    ['areaCode', 'areaName', 'date', 'newCasesBySpecimenDate']
    >>> cases["date"].min(), cases["date"].max()
    ('2020-09-01', '2020-09-30')
    """
    geo = geography.sort_values("lad19_cd", ignore_index=True)
    codes = geo["lad19_cd"].to_numpy(dtype=str)
    dates = pd.date_range(start, end, freq="D")
    day = _days(dates)
    rng = np.random.default_rng((seed, 2))

    waves = np.array([_REGION_WAVES.get(r, _DEFAULT_WAVES) for r in geo["rgn19_cd"]], dtype=object)
    for utla, (peak, height, width) in _EARLY_WINTER_UTLAS.items():
        waves[geo["utla19_cd"].to_numpy() == utla, 3:] = (peak, height, width)
    rate = (
        _BASELINE_RATE
        + _bump(day, _days(waves[:, 0]), waves[:, 1], waves[:, 2])
        + _bump(day, _days(waves[:, 3]), waves[:, 4], waves[:, 5])
    )
    surge_day, surge_height, surge_width = _LATE_SURGE
    rising = np.isin(codes, RISING_AGAINST_TREND).astype(float)
    rate += _bump(day, _days([surge_day]), rising * surge_height, surge_width)

    level = np.exp(rng.normal(0.0, 0.15, len(codes)))
    tied = np.flatnonzero(np.isin(codes, TIED_RATE_AREAS))
    if len(tied):
        level[tied] = level[tied[0]]
    population = geo["population_mye2019"].to_numpy(dtype=float)
    expected = rate * (level * population / 100_000)[:, None] * _WEEKDAY[dates.day_of_week]
    counts = rng.poisson(expected)

    iso = dates.strftime("%Y-%m-%d").to_numpy(dtype=str)
    area, first, last = ZERO_RUN
    counts[np.ix_(codes == area, (iso >= first) & (iso <= last))] = 0
    edges = (iso == str(np.datetime64(first) - 1)) | (iso == str(np.datetime64(last) + 1))
    counts[np.ix_(codes == area, edges)] = np.maximum(counts[np.ix_(codes == area, edges)], 1)
    _tie_weekly_sums(counts, codes, iso)

    frame = pd.DataFrame(
        {
            "areaCode": np.repeat(codes, len(iso)),
            "areaName": np.repeat(geo["lad19_nm"].to_numpy(dtype=str), len(iso)),
            "date": np.tile(iso, len(codes)),
            "newCasesBySpecimenDate": counts.ravel().astype("int64"),
        }
    )
    area, missing = MISSING_DAYS
    gap = (frame["areaCode"] == area) & frame["date"].isin(missing)
    return frame.loc[~gap].reset_index(drop=True)


def _tie_weekly_sums(counts: np.ndarray, codes: np.ndarray, iso: np.ndarray) -> None:
    """Raise the lower of the tied pair's last day so both have the same 7-day sum."""
    rows = np.flatnonzero(np.isin(codes, TIED_RATE_AREAS))
    end = np.flatnonzero(iso == TIED_RATE_DATE)
    if len(rows) != 2 or len(end) != 1 or end[0] < 6:
        return
    sums = counts[rows, end[0] - 6 : end[0] + 1].sum(axis=1)
    counts[rows[np.argmin(sums)], end[0]] += abs(sums[0] - sums[1])


# ---------------------------------------------------------------------------------------------
# Demo neighbourhoods (MSOAs) in Kent and Medway: invented names, codes and figures.

_MSOA_NAMES = {
    "E06000035": (
        "Chatham Dockside",
        "Gillingham Strand",
        "Hoo Marshes",
        "Lordswood Heights",
        "Rochester Castle Quarter",
        "Strood Riverside",
    ),
    "E07000105": (
        "Godinton Fields",
        "Kennington Brook",
        "Singleton Meadows",
        "Stour Bridge",
        "Willesborough Lees East",
    ),
    "E07000106": (
        "Blean Woodside",
        "Herne Bay Downs",
        "Sturry Road North",
        "Thanington Vale",
        "Whitstable Harbourside",
        "Wincheap Meadows",
    ),
    "E07000107": ("Darenth Riverside", "Stone Marshes", "Temple Hill East", "Wilmington Heath"),
    "E07000108": (
        "Aylesham Fields",
        "Castle Hill Heights",
        "Deal Seafront",
        "River Dour Valley",
        "Sandwich Haven",
    ),
    "E07000109": (
        "Chalk Marshes",
        "Istead Rise Woods",
        "Northfleet Riverside",
        "Windmill Hill Park",
    ),
    "E07000110": (
        "Allington Locks",
        "Bearsted Green West",
        "Headcorn Levels",
        "Len Valley Meadows",
        "Loose Stream Vale",
        "Shepway Orchards",
    ),
    "E07000111": ("Edenbridge Vale", "Kippington Woods", "Otford Water", "Swanley Parkside"),
    "E07000112": (
        "Cheriton Downs",
        "Harbour Arm",
        "Hythe Canal Side",
        "Romney Levels",
        "Sandgate Cliffs",
    ),
    "E07000113": (
        "Eastchurch Downs",
        "Faversham Abbey Fields",
        "Iwade Levels",
        "Milton Regis Wharf",
        "Minster Marshes",
        "Sittingbourne Creek",
    ),
    "E07000114": (
        "Broadstairs Bay",
        "Cliftonville Sands",
        "Margate Old Town",
        "Ramsgate Harbourside",
        "Westgate Gardens",
    ),
    "E07000115": (
        "Aylesford Priory Vale",
        "Kings Hill Orchards",
        "Snodland Riverside",
        "Tonbridge Castle Fields",
        "West Malling Abbey",
    ),
    "E07000116": (
        "Cranbrook Weald",
        "Paddock Wood Hop Gardens",
        "Pantiles and Calverley",
        "Southborough Common",
    ),
}
_MSOA_WEEKS = ("2020-09-05", "2020-12-26")  # first and last week-ending Saturday
_SUPPRESSED_BELOW = 3  # the dashboard blanks counts of 0, 1 and 2 (and their rates)


def demo_msoa(
    geography: pd.DataFrame, seed: int = SEED, cases: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Invented weekly neighbourhood cases, shaped like ``southeast_msoa_cases_weekly.csv``.

    4-6 invented neighbourhoods (codes E02900001 upwards) in each Kent and Medway district of
    ``geography``, weeks ending Saturday 2020-09-05 to 2020-12-26. Each week the district's
    cases (``cases``, by default ``demo_cases(geography, seed=seed)``) are shared out between
    its neighbourhoods and the rest of the district, in proportion to population times an
    invented relative risk, so the neighbourhoods never add up to more than their district.
    The first week holds only the days ``cases`` has (from 1 September by default). Counts
    under 3 are blank, with their rate; rate = count / population * 100,000 to 1 decimal place.

    >>> msoa = demo_msoa(demo_geography())
    >>> msoa["date"].min(), msoa["date"].max(), msoa["areaCode"].min()
    ('2020-09-05', '2020-12-26', 'E02900001')
    """
    if cases is None:
        cases = demo_cases(geography, seed=seed)
    geo = geography[geography["lad19_cd"].isin(_MSOA_NAMES)].sort_values(
        "lad19_cd", ignore_index=True
    )
    rng = np.random.default_rng((seed, 3))
    weeks = pd.date_range(*_MSOA_WEEKS, freq="7D")
    per_district = [len(_MSOA_NAMES[c]) for c in geo["lad19_cd"]]
    district = np.repeat(np.arange(len(geo)), per_district)
    names = np.concatenate([_MSOA_NAMES[c] for c in geo["lad19_cd"]]).astype(str)
    codes = _msoa_codes(len(names))

    population = rng.integers(5_400, 11_800, len(names))
    risk = np.exp(rng.normal(0.0, 0.3, len(names)))
    risk[codes == MSOA_HOTSPOT] = 2.6
    totals = _weekly_totals(cases, geo["lad19_cd"], weeks)
    share = population / geo["population_mye2019"].to_numpy(dtype=float)[district] * risk
    counts = _share_out(rng, totals, district, share, whole=False)
    return _msoa_frame(codes, names, population, counts, weeks, geo.iloc[district])


def _msoa_codes(n: int) -> np.ndarray:
    return np.char.add("E02", (FIRST_MSOA_CODE + np.arange(n)).astype(str))


def _weekly_totals(cases: pd.DataFrame, districts: pd.Series, weeks: pd.DatetimeIndex):
    """Cases per district (rows, in ``districts`` order) and week ending Saturday (columns)."""
    date = pd.to_datetime(cases["date"])
    week_end = date + pd.to_timedelta((5 - date.dt.day_of_week) % 7, unit="D")
    table = (
        cases.assign(week=week_end)
        .pivot_table(
            index="areaCode", columns="week", values="newCasesBySpecimenDate", aggfunc="sum"
        )
        .reindex(index=districts.to_numpy(), columns=weeks, fill_value=0)
    )
    return table.fillna(0).to_numpy(dtype="int64")


def _share_out(
    rng: np.random.Generator,
    totals: np.ndarray,
    district: np.ndarray,
    share: np.ndarray,
    whole: bool,
) -> np.ndarray:
    """Split each district's weekly total between its MSOAs and the rest (multinomial).

    ``district`` (sorted) gives each MSOA's row in ``totals``; ``share`` is its expected share
    of the district, wobbling a little from week to week. With ``whole`` the MSOAs make up the
    whole district and take every case; otherwise they take at most 95% and the rest of the
    district the remainder. Returns counts per MSOA (rows) and week (columns).
    """
    n_districts, n_weeks = totals.shape
    position = np.arange(len(district)) - np.searchsorted(district, district)
    widest = position.max() + 1
    weekly = share[:, None] * np.exp(rng.normal(0.0, 0.15, (len(district), n_weeks)))
    pvals = np.zeros((n_districts, n_weeks, widest + 1))
    pvals[district, :, position] = weekly
    shown = pvals.sum(axis=2, keepdims=True)
    pvals *= 1.0 / shown if whole else np.minimum(1.0, 0.95 / shown)
    pvals[..., widest] = np.maximum(0.0, 1.0 - pvals[..., :widest].sum(axis=2))
    drawn = rng.multinomial(totals, pvals)
    return drawn[district, :, position]


def _msoa_frame(codes, names, population, counts, weeks, districts) -> pd.DataFrame:
    """Long weekly MSOA frame with suppression, sorted by code then week."""
    n_weeks = len(weeks)
    count = counts.ravel().astype(float)
    rate = np.round(count / np.repeat(population, n_weeks) * 100_000, 1)
    hidden = count < _SUPPRESSED_BELOW
    count[hidden] = np.nan
    rate[hidden] = np.nan
    rows = np.repeat(np.arange(len(codes)), n_weeks)
    data = {
        "areaCode": _take(codes, rows),
        "areaName": _take(names, rows),
        "date": _take(
            weeks.strftime("%Y-%m-%d").to_numpy(dtype=str), np.tile(np.arange(n_weeks), len(codes))
        ),
        "newCasesBySpecimenDateRollingSum": count,
        "newCasesBySpecimenDateRollingRate": rate,
    }
    for column in _MSOA_COLUMNS[5:]:
        data[column] = _take(districts[column].to_numpy(dtype=str), rows)
    return pd.DataFrame(data, columns=_MSOA_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Demo NHS trusts: real codes and names (public identifiers), invented figures.

_NHS_REGIONS = (
    "East of England",
    "London",
    "Midlands",
    "North East and Yorkshire",
    "North West",
    "South East",
    "South West",
)


def region_code(nhs_region: str) -> str:
    """The pseudo ``org_code`` the hospital files give an NHS region's total.

    >>> region_code("North East and Yorkshire")
    'NORTH_EAST_AND_YORKSHIRE'
    """
    return nhs_region.upper().replace(" ", "_")


_TOTAL_CODES = ("ENGLAND", *(region_code(r) for r in _NHS_REGIONS))

_DEMO_TRUSTS = (  # org_code, org_name, nhs_region, type1_acute
    ("RAJ", "MID AND SOUTH ESSEX NHS FOUNDATION TRUST", "East of England", "Yes"),
    ("RJZ", "KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST", "London", "Yes"),
    ("RX1", "NOTTINGHAM UNIVERSITY HOSPITALS NHS TRUST", "Midlands", "Yes"),
    (
        "RTD",
        "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST",
        "North East and Yorkshire",
        "Yes",
    ),
    ("R0A", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST", "North West", "Yes"),
    ("RHU", "PORTSMOUTH HOSPITALS NHS TRUST", "South East", "Yes"),
    ("RN7", "DARTFORD AND GRAVESHAM NHS TRUST", "South East", "Yes"),
    ("RPA", "MEDWAY NHS FOUNDATION TRUST", "South East", "Yes"),
    ("RTP", "SURREY AND SUSSEX HEALTHCARE NHS TRUST", "South East", "Yes"),
    ("RVV", "EAST KENT HOSPITALS UNIVERSITY NHS FOUNDATION TRUST", "South East", "Yes"),
    ("RWF", "MAIDSTONE AND TUNBRIDGE WELLS NHS TRUST", "South East", "Yes"),
    ("RXH", "BRIGHTON AND SUSSEX UNIVERSITY HOSPITALS NHS TRUST", "South East", "Yes"),
    ("RYY", "KENT COMMUNITY HEALTH NHS FOUNDATION TRUST", "South East", "No"),
    ("RA7", "UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST", "South West", "Yes"),
)


def demo_trusts() -> pd.DataFrame:
    """A trust lookup shaped like ``nhs_trust_lookup.csv``: ENGLAND, the 7 NHS regions, trusts.

    The pseudo-rows come first with blank region and type; trusts follow by region, then code.
    Kent's four acute trusts are RVV, RPA, RWF and RN7.

    >>> trusts = demo_trusts()
    >>> trusts["org_code"].head(3).tolist()
    ['ENGLAND', 'EAST_OF_ENGLAND', 'LONDON']
    """
    return _trust_lookup(np.array(_DEMO_TRUSTS, dtype=str))


def _trust_lookup(table: np.ndarray) -> pd.DataFrame:
    pseudo = pd.DataFrame(
        {
            "org_code": list(_TOTAL_CODES),
            "org_name": ["ENGLAND", *_NHS_REGIONS],
            "nhs_region": pd.Series([None] * 8, dtype="str"),
            "type1_acute": pd.Series([None] * 8, dtype="str"),
        }
    )
    trusts = pd.DataFrame(table, columns=_TRUST_COLUMNS).sort_values(["nhs_region", "org_code"])
    return pd.concat([pseudo, trusts], ignore_index=True)


# Hospital waves: autumn peak (relative to the winter peak) and winter peak day, per region.
_HOSPITAL_WAVES = {
    "East of England": (0.20, "2021-01-12"),
    "London": (0.25, "2021-01-10"),
    "Midlands": (0.55, "2021-01-17"),
    "North East and Yorkshire": (0.80, "2021-01-19"),
    "North West": (0.85, "2021-01-18"),
    "South East": (0.22, "2021-01-12"),
    "South West": (0.30, "2021-01-18"),
}
# Invented peak beds of the trusts a demo lookup leaves out, so region rows look regional.
_OTHER_TRUSTS_PEAK = {
    "East of England": 2_300,
    "London": 6_800,
    "Midlands": 4_400,
    "North East and Yorkshire": 3_100,
    "North West": 3_500,
    "South East": 3_600,
    "South West": 1_500,
}
_BEDS_DATES = ("2020-08-01", "2021-03-23")
_ADMISSIONS_LAST = "2021-03-21"  # the admissions sheet stops two days before the bed sheets
_DROPPED_BLOCK = ("RTP", "beds_occupied_covid_mv", "2020-10-05", "2020-10-11")
_DROPPED_SHARE = 0.004  # share of other trust rows left blank (dropped) at random


def demo_beds(trusts: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Invented daily beds and admissions per trust, shaped like the NHS hospital-activity file.

    Long form ``date, org_code, metric, value`` sorted by org_code, metric and date, with the
    metrics ``admissions_and_diagnoses``, ``beds_occupied_covid_mv`` and
    ``beds_occupied_covid_total``. Beds run 2020-08-01..2021-03-23, admissions to 2021-03-21.
    A small autumn wave (larger in the North) and a winter wave peaking in mid-January;
    ventilation beds are 7-13% of COVID beds. ENGLAND and the region rows are totals: a region
    row is its listed trusts plus invented figures for the trusts the lookup leaves out, and
    ENGLAND the sum of the regions. Like the real file, blank cells are dropped: a week of
    RTP's ventilation beds and about 0.4% of other trust rows.

    >>> beds = demo_beds(demo_trusts())
    >>> sorted(beds["metric"].unique())
    ['admissions_and_diagnoses', 'beds_occupied_covid_mv', 'beds_occupied_covid_total']
    """
    rng = np.random.default_rng((seed, 4))
    listed = trusts[trusts["type1_acute"].notna()]
    regions = np.concatenate([listed["nhs_region"].to_numpy(dtype=str), _NHS_REGIONS])
    acute = np.concatenate([listed["type1_acute"].to_numpy(dtype=str) == "Yes", [True] * 7])
    peak = np.where(acute, rng.integers(140, 480, len(regions)), rng.integers(5, 18, len(regions)))
    peak[len(listed) :] = [_OTHER_TRUSTS_PEAK[r] for r in _NHS_REGIONS]
    dates = pd.date_range(*_BEDS_DATES, freq="D")
    series = _hospital_series(rng, regions, peak, acute, dates)
    codes = listed["org_code"].to_numpy(dtype=str)
    frame = _beds_frame(series, codes, regions, dates, shown=len(codes))
    frame = frame[
        (frame["metric"] != "admissions_and_diagnoses") | (frame["date"] <= _ADMISSIONS_LAST)
    ]
    return _drop_blanks(rng, frame, _DROPPED_SHARE, _DROPPED_BLOCK)


def _hospital_series(rng, regions, peak, acute, dates) -> dict[str, np.ndarray]:
    """Beds (total, mv) and admissions per organisation (rows) and day (columns)."""
    day = _days(dates)
    autumn, winter = np.array([_HOSPITAL_WAVES[r] for r in regions], dtype=object).T
    shift = rng.normal(0.0, 3.0, len(regions))
    curve = (
        0.03
        + _bump(day, _days(["2020-11-14"]) + shift, autumn.astype(float), 18.0)
        + _bump(day, _days(winter) + shift, 1.0, 20.0)
    )
    wobble = np.exp(0.05 * _smoothed_noise(rng, curve.shape, 5))
    total = np.rint(peak[:, None] * curve * wobble).astype("int64")
    ventilated = np.where(acute, rng.uniform(0.07, 0.13, len(regions)), 0.0)
    mv = rng.binomial(total, ventilated[:, None])
    lead = _bump(day + 6, _days(winter) + shift, 1.0, 20.0) + _bump(
        day + 6, _days(["2020-11-14"]) + shift, autumn.astype(float), 18.0
    )
    admissions = rng.poisson(
        peak[:, None] * (0.03 + lead) * rng.uniform(0.08, 0.11, (len(regions), 1))
    )
    return {
        "admissions_and_diagnoses": admissions,
        "beds_occupied_covid_mv": mv,
        "beds_occupied_covid_total": total,
    }


def _beds_frame(series, codes, regions, dates, shown) -> pd.DataFrame:
    """Long beds frame: the first ``shown`` organisations, region totals and ENGLAND."""
    region_index = np.searchsorted(_NHS_REGIONS, regions)
    all_codes = np.concatenate([codes, _TOTAL_CODES[1:], _TOTAL_CODES[:1]]).astype(str)
    iso = dates.strftime("%Y-%m-%d").to_numpy(dtype=str)
    blocks = []
    for metric, values in series.items():  # three metrics, not rows
        by_region = np.zeros((len(_NHS_REGIONS), values.shape[1]), dtype="int64")
        np.add.at(by_region, region_index, values)
        stacked = np.vstack([values[:shown], by_region, by_region.sum(axis=0, keepdims=True)])
        blocks.append((metric, stacked))
    n_org, n_day = len(all_codes), len(iso)
    metric_index = np.repeat(np.arange(len(blocks)), n_org * n_day)
    org_index = np.tile(np.repeat(np.arange(n_org), n_day), len(blocks))
    frame = pd.DataFrame(
        {
            "date": _take(iso, np.tile(np.arange(n_day), n_org * len(blocks))),
            "org_code": _take(all_codes, org_index),
            "metric": _take(np.array([m for m, _ in blocks], dtype=str), metric_index),
            "value": np.concatenate([b.ravel() for _, b in blocks]).astype("int64"),
        }
    )
    return frame.sort_values(["org_code", "metric", "date"], ignore_index=True, kind="stable")


def _drop_blanks(rng, frame, share, block=None) -> pd.DataFrame:
    """Drop a random share of trust rows (never ENGLAND or region totals), and a block."""
    totals = frame["org_code"].isin(_TOTAL_CODES)
    dropped = (rng.random(len(frame)) < share) & ~totals
    if block is not None:
        code, metric, first, last = block
        dropped |= (
            (frame["org_code"] == code)
            & (frame["metric"] == metric)
            & frame["date"].between(first, last)
        )
    return frame.loc[~dropped].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The demo set, and writing frames the way the real files are written.


def demo(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every demo frame, keyed like ``DEMO_FILES``."""
    geography = demo_geography(seed)
    cases = demo_cases(geography, seed=seed)
    trusts = demo_trusts()
    return {
        "ltla_cases": cases,
        "ltla_lookup": geography,
        "msoa_weekly": demo_msoa(geography, seed=seed, cases=cases),
        "nhs_beds": demo_beds(trusts, seed=seed),
        "nhs_trusts": trusts,
    }


def write_csv(frame: pd.DataFrame, path) -> None:
    """Write ``frame`` as the real downloads are written: no index, ``\\n`` line ends, blank
    cells for missing values, and count columns without a decimal point.

    >>> import io, pandas as pd
    >>> frame = pd.DataFrame({"newCasesBySpecimenDateRollingSum": [3.0, None], "x": [1.5, 2.0]})
    >>> buffer = io.StringIO(); _ = write_csv(frame, buffer); print(buffer.getvalue(), end="")
    newCasesBySpecimenDateRollingSum,x
    3,1.5
    ,2.0
    """
    counts = {c: "Int64" for c in _COUNT_COLUMNS if c in frame.columns}
    frame.astype(counts).to_csv(path, index=False, lineterminator="\n")


def write_demo(directory: str | Path, seed: int = SEED) -> list[Path]:
    """Write the demo files into ``directory`` (created if need be); return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, frame in demo(seed).items():  # five files
        paths.append(directory / DEMO_FILES[key])
        write_csv(frame, paths[-1])
    return paths


# ---------------------------------------------------------------------------------------------
# England-sized invented data for benchmarks.

_FULL_SIZES = {
    "districts": 316,
    "utlas": 150,
    "days": 730,
    "msoas": 6_791,
    "weeks": 104,
    "trusts": 140,
    "trust_days": 365,
}
_ENGLAND_CASES_START = "2020-08-30"  # a Sunday, so week k ends on day 7k + 6 (a Saturday)
_ENGLAND_BEDS_START = "2020-08-01"
_ENGLAND_WAVES = (  # peak, daily cases per 100,000 at peak, width in days
    ("2020-10-28", 30.0, 16.0),
    ("2021-01-03", 62.0, 14.0),
    ("2021-07-18", 45.0, 14.0),
    ("2021-10-20", 55.0, 25.0),
    ("2022-01-04", 190.0, 12.0),
    ("2022-03-25", 120.0, 16.0),
    ("2022-07-08", 45.0, 12.0),
)
_ENGLAND_GAPS = 0.005  # share of district-day rows missing
_ENGLAND_BLANKS = 0.003  # share of trust rows missing

_STEM_STARTS = (
    "Ask", "Bram", "Carl", "Dun", "Eld", "Fen", "Gar", "Hol", "Ing", "Kel", "Lang", "Mar",
    "Nor", "Oak", "Pen", "Rad", "Sull", "Thorn", "Ul", "Wex", "Wil", "Yar", "Brid", "Chur",
    "Don", "Hart", "Kings", "Lox", "Mox", "Nether", "Over", "Pim", "Ross", "Stom", "Tad",
    "Whit", "Ald", "Bix", "Cran", "Eas",
)  # fmt: skip
_STEM_ENDS = (
    "ford", "ham", "ton", "bury", "wick", "ley", "field", "combe", "stead", "worth", "by",
    "thorpe", "mouth", "bridge", "well", "den", "hurst", "minster", "borough", "dale",
)  # fmt: skip
_NEIGHBOURHOOD_WORDS = (
    "North", "South", "East", "West", "Central", "Park", "Village", "Green", "Heath",
    "Common", "Vale", "Fields", "Marsh", "Hill", "Moor",
)  # fmt: skip
_TRUST_PATTERNS = (
    "{a} HOSPITALS NHS TRUST",
    "{a} AND {b} HOSPITALS NHS FOUNDATION TRUST",
    "{a} UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
    "{a} HEALTHCARE NHS TRUST",
)


def england_sizes(scale: float = 1.0) -> dict[str, int]:
    """How many areas and periods ``england(scale)`` makes.

    Each full-scale count is multiplied by ``scale`` and rounded half up; regions stay 9 and
    NHS regions 7. ``utlas`` are upper-tier areas (counties and unitary authorities).

    ==========  =========  =====  ====  =====  =====  ======  ==========
    scale       districts  utlas  days  msoas  weeks  trusts  trust_days
    ==========  =========  =====  ====  =====  =====  ======  ==========
    1             316       150    730   6791   104     140      365
    1/2           158        75    365   3396    52      70      183
    1/4            79        38    183   1698    26      35       91
    1/8            40        19     91    849    13      18       46
    ==========  =========  =====  ====  =====  =====  ======  ==========

    >>> list(england_sizes(1/8).values())
    [40, 19, 91, 849, 13, 18, 46]
    >>> list(england_sizes(1/2).values())
    [158, 75, 365, 3396, 52, 70, 183]
    """
    if not 1 / 16 <= scale <= 1:
        raise ValueError(
            f"scale {scale!r} is out of range: use a fraction from 1/16 to 1 "
            "(e.g. 1/8, 1/4, 1/2 or 1)"
        )
    return {key: int(np.floor(full * scale + 0.5)) for key, full in _FULL_SIZES.items()}


def england(scale: float = 1.0, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """England-sized invented data for benchmarks, keyed like ``DEMO_FILES``.

    Sizes come from ``england_sizes(scale)`` (areas AND periods shrink together):

    * ``ltla_lookup``: one row per district; about 16% of upper-tier areas are two-tier
      counties (invented codes E10900001...) holding the districts E07900001...; the rest are
      unitary authorities (E06900001...) that are their own upper tier; the 9 real regions.
    * ``ltla_cases``: districts x days from 2020-08-30, with about 0.5% of rows missing.
    * ``msoa_weekly``: MSOAs (E02900001..., at least 5 per district) x weeks ending Saturday
      from 2020-09-05, every row present, counts under 3 blank; each week's MSOA counts add
      up to their district's cases for that week (before blanking).
    * ``nhs_trusts``: ENGLAND, 7 NHS regions and the trusts (invented codes X01...).
    * ``nhs_beds``: trusts, regions and ENGLAND x trust days from 2020-08-01, metrics
      ``beds_occupied_covid_mv`` and ``beds_occupied_covid_total``; about 0.3% of trust rows
      missing (region and ENGLAND rows are the sums over all trusts).

    Names are invented from syllables ("Askcombe", "Askcombe North", "ASKCOMBE HOSPITALS NHS
    TRUST"). Full scale takes a few seconds.

    >>> data = england(1/8)
    >>> len(data["ltla_lookup"]), data["ltla_cases"]["date"].nunique(), len(data["msoa_weekly"])
    (40, 91, 11037)
    """
    sizes = england_sizes(scale)
    rng = np.random.default_rng((seed, 5))
    stems = rng.permutation(np.char.add(*np.meshgrid(_STEM_STARTS, _STEM_ENDS)).ravel())
    lookup = _england_lookup(rng, sizes, stems)
    daily = _england_daily(rng, lookup, max(sizes["days"], 7 * sizes["weeks"]))
    cases_start = np.datetime64(_ENGLAND_CASES_START)
    dates = pd.date_range(cases_start, periods=sizes["days"], freq="D")
    cases = _england_cases(rng, lookup, daily[:, : sizes["days"]], dates)
    weeks = pd.date_range(cases_start + 6, periods=sizes["weeks"], freq="7D")
    weekly = daily[:, : 7 * sizes["weeks"]].reshape(len(lookup), sizes["weeks"], 7).sum(axis=2)
    msoa = _england_msoa(rng, lookup, weekly, weeks, sizes["msoas"], stems)
    trusts = _england_trusts(rng, sizes["trusts"], stems)
    beds = _england_beds(rng, trusts, sizes["trust_days"])
    return {
        "ltla_cases": cases,
        "ltla_lookup": lookup,
        "msoa_weekly": msoa,
        "nhs_beds": beds,
        "nhs_trusts": trusts,
    }


def _england_lookup(rng, sizes, stems) -> pd.DataFrame:
    n_lad, n_utla = sizes["districts"], sizes["utlas"]
    n_county = max(1, int(np.floor(n_utla * 24 / 150 + 0.5)))
    n_unitary = n_utla - n_county
    n_shire = n_lad - n_unitary
    if n_shire < 2 * n_county:
        raise ValueError(f"too few districts ({n_lad}) for {n_utla} upper-tier areas")
    per_county = 2 + rng.multinomial(n_shire - 2 * n_county, np.full(n_county, 1 / n_county))
    county_names = stems[:n_county]
    district_names = stems[n_county : n_county + n_lad]
    unitary_cd = np.char.add("E069", np.char.zfill((1 + np.arange(n_unitary)).astype(str), 5))
    county_cd = np.char.add("E109", np.char.zfill((1 + np.arange(n_county)).astype(str), 5))
    shire_cd = np.char.add("E079", np.char.zfill((1 + np.arange(n_shire)).astype(str), 5))
    utla_region = np.concatenate([np.arange(9), rng.integers(0, 9, n_utla - 9)])
    utla_region = rng.permutation(utla_region)
    shire_county = np.repeat(np.arange(n_county), per_county)
    region_codes = np.array(list(_REGIONS), dtype=str)
    region_names = np.array(list(_REGIONS.values()), dtype=str)
    lad_cd = np.concatenate([unitary_cd, shire_cd])
    utla_cd = np.concatenate([unitary_cd, county_cd[shire_county]])
    utla_nm = np.concatenate([district_names[:n_unitary], county_names[shire_county]])
    region = np.concatenate([utla_region[:n_unitary], utla_region[n_unitary:][shire_county]])
    population = np.exp(rng.normal(np.log(145_000), 0.45, n_lad))
    population[:n_unitary] *= 1.4
    frame = pd.DataFrame(
        {
            "lad19_cd": lad_cd,
            "lad19_nm": district_names,
            "utla19_cd": utla_cd,
            "utla19_nm": utla_nm,
            "rgn19_cd": region_codes[region],
            "rgn19_nm": region_names[region],
            "population_mye2019": np.clip(population, 60_000, 1_100_000).astype("int64"),
        }
    )
    return frame.sort_values("lad19_cd", ignore_index=True)


def _england_daily(rng, lookup, n_days) -> np.ndarray:
    """Expected-shaped Poisson daily cases per district (rows) from 2020-08-30 (columns)."""
    dates = pd.date_range(_ENGLAND_CASES_START, periods=n_days, freq="D")
    day = _days(dates)
    peaks, heights, widths = (np.array(v) for v in zip(*_ENGLAND_WAVES, strict=True))
    n = len(lookup)
    peak = _days(peaks)[None, :] + rng.normal(0.0, 7.0, (n, len(peaks)))
    height = heights[None, :] * np.exp(rng.normal(0.0, 0.25, (n, len(peaks))))
    width = widths.astype(float)[None, :]
    offset = (day[None, None, :] - peak[:, :, None]) / width[:, :, None]
    rate = 1.5 + (height[:, :, None] * np.exp(-0.5 * offset**2)).sum(axis=1)
    population = lookup["population_mye2019"].to_numpy(dtype=float)
    return rng.poisson(rate * (population / 100_000)[:, None] * _WEEKDAY[dates.day_of_week])


def _england_cases(rng, lookup, counts, dates) -> pd.DataFrame:
    n_lad, n_day = counts.shape
    rows = np.repeat(np.arange(n_lad), n_day)
    frame = pd.DataFrame(
        {
            "areaCode": _take(lookup["lad19_cd"].to_numpy(dtype=str), rows),
            "areaName": _take(lookup["lad19_nm"].to_numpy(dtype=str), rows),
            "date": _take(
                dates.strftime("%Y-%m-%d").to_numpy(dtype=str), np.tile(np.arange(n_day), n_lad)
            ),
            "newCasesBySpecimenDate": counts.ravel().astype("int64"),
        }
    )
    return frame.loc[rng.random(len(frame)) >= _ENGLAND_GAPS].reset_index(drop=True)


def _england_msoa(rng, lookup, weekly, weeks, n_msoa, stems) -> pd.DataFrame:
    n_lad = len(lookup)
    population = lookup["population_mye2019"].to_numpy(dtype=float)
    if n_msoa < 5 * n_lad:
        raise ValueError(f"{n_msoa} MSOAs are too few for {n_lad} districts (5 each)")
    per_district = 5 + rng.multinomial(n_msoa - 5 * n_lad, population / population.sum())
    district = np.repeat(np.arange(n_lad), per_district)
    weight = rng.gamma(20.0, 1.0, n_msoa)
    share = weight / np.bincount(district, weight)[district]
    first = np.concatenate([[0], np.cumsum(per_district)[:-1]])
    upto = np.cumsum(share) - (np.cumsum(share) - share)[first][district]
    # Cumulative rounding, so each district's MSOA populations add up to its population.
    reached = np.rint(upto * population[district])
    before = np.concatenate([[0.0], reached[:-1]])
    before[first] = 0.0
    counts = _share_out(rng, weekly, district, share, whole=True)
    names = _unique_names(rng, n_msoa, stems)
    return _msoa_frame(
        _msoa_codes(n_msoa),
        names,
        (reached - before).astype("int64"),
        counts,
        weeks,
        lookup.iloc[district],
    )


def _unique_names(rng, n, stems) -> np.ndarray:
    """``n`` distinct neighbourhood names such as "Askcombe North"."""
    words = np.array(_NEIGHBOURHOOD_WORDS, dtype=str)
    every = np.char.add(np.char.add(np.repeat(stems, len(words)), " "), np.tile(words, len(stems)))
    return rng.permutation(every)[:n]


def _england_trusts(rng, n_trusts, stems) -> pd.DataFrame:
    region = rng.permutation(
        np.concatenate([np.arange(7), rng.integers(0, 7, max(0, n_trusts - 7))])
    )[:n_trusts]
    upper = np.char.upper(rng.permutation(stems))
    pattern = rng.integers(0, len(_TRUST_PATTERNS), n_trusts)
    acute = rng.random(n_trusts) < 0.8
    names = [  # one name per trust: at most 140
        f"{upper[i]} COMMUNITY HEALTH NHS TRUST"
        if not acute[i]
        else _TRUST_PATTERNS[pattern[i]].format(a=upper[i], b=upper[-1 - i])
        for i in range(n_trusts)
    ]
    digits = np.array(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    index = 1 + np.arange(n_trusts)  # X01, X02, ... (no real trust code starts with X)
    codes = np.char.add(np.char.add("X", digits[index // 36 % 36]), digits[index % 36])
    table = np.column_stack(
        [codes, names, np.array(_NHS_REGIONS)[region], np.where(acute, "Yes", "No")]
    )
    return _trust_lookup(table.astype(str))


def _england_beds(rng, trusts, n_days) -> pd.DataFrame:
    listed = trusts[trusts["type1_acute"].notna()]
    regions = listed["nhs_region"].to_numpy(dtype=str)
    acute = listed["type1_acute"].to_numpy(dtype=str) == "Yes"
    peak = np.where(acute, rng.integers(60, 900, len(listed)), rng.integers(2, 30, len(listed)))
    dates = pd.date_range(_ENGLAND_BEDS_START, periods=n_days, freq="D")
    series = _hospital_series(rng, regions, peak, acute, dates)
    del series["admissions_and_diagnoses"]
    codes = listed["org_code"].to_numpy(dtype=str)
    frame = _beds_frame(series, codes, regions, dates, shown=len(codes))
    return _drop_blanks(rng, frame, _ENGLAND_BLANKS)


# ---------------------------------------------------------------------------------------------
# Small array helpers.


def _days(dates) -> np.ndarray:
    """Days since 2020-01-01 of ISO dates or timestamps, as floats."""
    return (np.asarray(dates, dtype="datetime64[D]") - _EPOCH).astype(float)


def _bump(day: np.ndarray, peak, height, width) -> np.ndarray:
    """Gaussian bumps: one row per area (``peak``, ``height``, ``width`` per area or shared)."""
    peak, height, width = (np.asarray(v, dtype=float).reshape(-1, 1) for v in (peak, height, width))
    return height * np.exp(-0.5 * ((day[None, :] - peak) / width) ** 2)


def _smoothed_noise(rng, shape, window: int) -> np.ndarray:
    """Standard-normal noise averaged over ``window`` days along each row (autocorrelated)."""
    raw = rng.normal(0.0, 1.0, (shape[0], shape[1] + window - 1))
    summed = np.cumsum(raw, axis=1)
    summed = np.concatenate([np.zeros((shape[0], 1)), summed], axis=1)
    return (summed[:, window:] - summed[:, :-window]) / np.sqrt(window)


def _take(values: np.ndarray, index: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A string column of ``values[index]``, built without per-row Python strings."""
    return pd.array(values, dtype="str").take(index)
