"""The plain reference: the script a newsroom developer writes first.

For each area: filter the frame to its rows, compute its figures (seven-day cases and rate,
the week before, its rank in its region and in England, the last time its rate was as high
or as low), render its template, write its Markdown and JSON. It makes the same kinds of
story for the same areas as the benchmarked run, from the same files, with none of
storygen's machinery (no sandbox, no fact records, no style filters), so the time per
story of the two can be compared.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pandas as pd

TEMPLATE = """\
{% if record %}Covid-19 rate in {{ name }} at its {{ record.word }} level since {{ record.since }}
{% elif rank_region == 1 %}{{ name }} has the highest Covid-19 rate in {{ region }}
{% else %}Covid-19 cases in {{ name }} {{ "rise" if cases > cases_before else "fall" }} in a week
{% endif %}
The seven-day rate {{ "rose" if rate > rate_before else "fell" }} from {{ "%.1f"|format(rate_before) }} \
to {{ "%.1f"|format(rate) }} cases per 100,000 people in the week to {{ as_of }}.

There were {{ "{:,}".format(cases) }} new cases in the seven days to {{ as_of }}, \
{{ "up" if cases > cases_before else "down" }} from {{ "{:,}".format(cases_before) }} the week before.

{{ name }} has the {{ rank_region|ordinal }}-highest rate of the {{ of_region }} areas in {{ region }}, \
and the {{ rank_country|ordinal }}-highest of the {{ of_country }} in England.
"""


FIGURES = ["code", "name", "region", "record", "cases", "cases_before", "rate", "rate_before"]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def run(data: Path, out: Path, as_of: str, neighbourhoods: bool = True) -> int:
    """Write a story for every district, county and (with ``neighbourhoods``) MSOA."""
    out.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment()
    env.filters["ordinal"] = ordinal
    template = env.from_string(TEMPLATE)
    day = pd.Timestamp(as_of)

    cases = pd.read_csv(data / "ltla_cases.csv", parse_dates=["date"])
    lookup = pd.read_csv(data / "ltla_lookup.csv")
    figures = []
    for _, district in lookup.iterrows():
        rows = cases[cases["areaCode"] == district["lad19_cd"]]
        figures.append(
            daily_figures(rows, district["lad19_cd"], district["lad19_nm"], district, day)
        )
    for county, members in lookup.groupby("utla19_cd"):
        if len(members) > 1:  # a unitary authority is already a district
            rows = cases[cases["areaCode"].isin(members["lad19_cd"])]
            rows = rows.groupby("date", as_index=False)["newCasesBySpecimenDate"].sum()
            total = members.iloc[0].copy()
            total["population_mye2019"] = members["population_mye2019"].sum()
            figures.append(daily_figures(rows, county, total["utla19_nm"], total, day))
    written = write_stories(pd.DataFrame(figures), template, out, as_of)

    if neighbourhoods:
        msoa = pd.read_csv(data / "msoa_weekly.csv", parse_dates=["date"])
        figures = []
        for code in msoa["areaCode"].unique():
            rows = msoa[msoa["areaCode"] == code]
            figures.append(weekly_figures(rows, day))
        written += write_stories(pd.DataFrame(figures), template, out, as_of)
    return written


def daily_figures(rows, code, name, place, day) -> dict:
    """Seven-day figures for one area from its daily rows."""
    daily = rows.set_index("date")["newCasesBySpecimenDate"].asfreq("D", fill_value=0)
    weekly = daily.rolling(7).sum()
    rate = weekly / place["population_mye2019"] * 100_000
    return figures_for(code, name, place["rgn19_nm"], weekly, rate, day)


def weekly_figures(rows, day) -> dict:
    """Figures for one neighbourhood from its weekly rows (blank: fewer than three cases)."""
    first = rows.iloc[0]
    weekly = rows.set_index("date")["newCasesBySpecimenDateRollingSum"]
    rate = rows.set_index("date")["newCasesBySpecimenDateRollingRate"]
    return figures_for(first["areaCode"], first["areaName"], first["rgn19_nm"], weekly, rate, day)


def figures_for(code, name, region, weekly, rate, day) -> dict:
    week_before = day - pd.Timedelta(days=7)
    if day not in rate.index or week_before not in rate.index:
        return {"code": code}
    now = round(rate[day], 1)
    earlier = rate[:week_before].round(1)
    record = None
    higher = earlier[earlier >= now]
    lower = earlier[earlier <= now]
    if len(higher) and (day - higher.index[-1]).days >= 14:
        record = {"word": "highest", "since": higher.index[-1].strftime("%B %d")}
    elif len(lower) and (day - lower.index[-1]).days >= 14:
        record = {"word": "lowest", "since": lower.index[-1].strftime("%B %d")}
    return {
        "code": code,
        "name": name,
        "region": region,
        "cases": weekly[day],
        "cases_before": weekly[week_before],
        "rate": now,
        "rate_before": round(rate[week_before], 1),
        "record": record,
    }


def write_stories(figures: pd.DataFrame, template, out: Path, as_of: str) -> int:
    figures = figures.reindex(columns=[*FIGURES]).dropna(subset=FIGURES[4:])
    figures["rank_region"] = figures.groupby("region")["rate"].rank(ascending=False, method="min")
    figures["of_region"] = figures.groupby("region")["rate"].transform("size")
    figures["rank_country"] = figures["rate"].rank(ascending=False, method="min")
    figures["of_country"] = len(figures)
    for _, area in figures.iterrows():
        story = area.to_dict()
        for key in ("cases", "cases_before", "rank_region", "of_region", "rank_country"):
            story[key] = int(story[key])
        text = template.render(**story, as_of=as_of)
        (out / f"{area['code']}.md").write_text(text, encoding="utf-8")
        (out / f"{area['code']}.json").write_text(
            json.dumps({**story, "text": text}, indent=2, default=str), encoding="utf-8"
        )
    return len(figures)
