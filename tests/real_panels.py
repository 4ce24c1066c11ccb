"""The three real datasets beside the repository, read once per test session for the rules
tests, and a plain-csv reader to check their figures by hand without storygen's code."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from shared_data import REAL

from storygen import narrative as narratives
from storygen import series
from storygen.detect import detect
from storygen.patches import load_all
from storygen.rules import RULES, RuleContext
from storygen.sources import read_table

FILES = {
    "covid-cases": {
        "cases": "england_ltla_cases_final.csv",
        "areas": "england_ltla_lookup_lad19.csv",
    },
    "covid-hotspots": {"msoa": "southeast_msoa_cases_weekly.csv"},
    "hospital-patients": {
        "beds": "nhs_trust_covid_beds_admissions_2020-08_2021-03.csv",
        "trusts": "nhs_trust_lookup.csv",
    },
}


def need_real_data() -> Path:
    if not (REAL / "england_ltla_cases_final.csv").exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    return REAL


def data_args(name: str) -> list[str]:
    """``--data`` options for the command line."""
    return [arg for input_name, file in FILES[name].items()
            for arg in ("--data", f"{input_name}={REAL / file}")]  # fmt: skip


@cache
def panel(name: str) -> tuple[narratives.Narrative, series.Panel]:
    need_real_data()
    narrative = narratives.load(name)
    loaded = {
        input_name: (read_table(str(REAL / file)), str(REAL / file))
        for input_name, file in FILES[name].items()
    }
    return narrative, series.build(narrative, loaded)


def run_rule(name: str, kind: str, as_of: str, **config) -> list[pd.DataFrame]:
    """One rule's output frames, with the narrative's settings for it (or ``config``)."""
    narrative, built = panel(name)
    context = RuleContext(
        narrative, built, pd.Timestamp(as_of), config or narrative.facts[kind], load_all()
    )
    RULES[kind].validate(context)
    found = RULES[kind].run(context)
    return found if isinstance(found, list) else [found]


def rule_frame(name: str, kind: str, as_of: str, **config) -> pd.DataFrame:
    return pd.concat(run_rule(name, kind, as_of, **config), ignore_index=True)


@cache
def facts(name: str, as_of: str) -> dict:
    """Every fact of a narrative on a date, by id."""
    narrative, built = panel(name)
    return {fact.id: fact for fact in detect(narrative, built, pd.Timestamp(as_of))}


# Hand checks: the CSV files read with the csv module alone ----------------------------------


@cache
def _daily_cases() -> dict[str, dict[str, int]]:
    need_real_data()
    found: dict[str, dict[str, int]] = defaultdict(dict)
    with (REAL / "england_ltla_cases_final.csv").open() as handle:
        for row in csv.DictReader(handle):
            found[row["areaCode"]][row["date"]] = int(row["newCasesBySpecimenDate"])
    return found


@cache
def populations() -> dict[str, int]:
    with (REAL / "england_ltla_lookup_lad19.csv").open() as handle:
        return {r["lad19_cd"]: int(r["population_mye2019"]) for r in csv.DictReader(handle)}


@cache
def lookup() -> list[dict[str, str]]:
    with (REAL / "england_ltla_lookup_lad19.csv").open() as handle:
        return list(csv.DictReader(handle))


def week_cases(code: str, end: str) -> int | None:
    """Cases in the seven days to ``end`` for one district (None if a day is missing)."""
    days = _daily_cases()[code]
    last = date.fromisoformat(end)
    wanted = [(last - timedelta(days=n)).isoformat() for n in range(7)]
    if not all(day in days for day in wanted):
        return None
    return sum(days[day] for day in wanted)


def week_rate(code: str, end: str) -> float | None:
    cases = week_cases(code, end)
    return None if cases is None else cases / populations()[code] * 100_000


def districts_with_cases() -> list[str]:
    return sorted(_daily_cases())


@cache
def msoa_rows() -> list[dict[str, str]]:
    need_real_data()
    with (REAL / "southeast_msoa_cases_weekly.csv").open() as handle:
        return list(csv.DictReader(handle))


@cache
def beds(metric: str = "beds_occupied_covid_total") -> dict[tuple[str, str], int]:
    """(org code, date) -> value for one metric of the hospital file."""
    need_real_data()
    found = {}
    path = REAL / "nhs_trust_covid_beds_admissions_2020-08_2021-03.csv"
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["metric"] == metric:
                found[row["org_code"], row["date"]] = int(row["value"])
    return found
