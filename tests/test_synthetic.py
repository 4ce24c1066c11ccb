"""The synthetic demo data: deterministic, shaped like the real files, and with its stories."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from storygen import synthetic

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "demo"
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
KENT, SURREY = "E10000016", "E10000030"


def real_file(key: str) -> Path:
    path = REAL / synthetic.SHAPED_LIKE[key]
    if not path.exists():
        pytest.skip(f"real download {path} is absent; nothing to compare the shape with")
    return path


def fixture(key: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / synthetic.DEMO_FILES[key])


def weekly_sums(cases: pd.DataFrame) -> pd.DataFrame:
    """7-day case sums by date (rows) and area (columns); days without a row count as none,
    as do the days before the first date (so the first week ending 2020-09-05 holds 1-5 Sept).
    """
    daily = cases.pivot(index="date", columns="areaCode", values="newCasesBySpecimenDate")
    daily.index = pd.to_datetime(daily.index)
    return daily.fillna(0).rolling(7, min_periods=1).sum()


# --- the files are made by the script, deterministically -------------------------------------


def test_script_output_is_deterministic(tmp_path):
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_fixtures.py"), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert sorted(outputs[0]) == sorted(synthetic.DEMO_FILES.values())
    assert outputs[0] == outputs[1]


def test_script_dry_run_writes_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_fixtures.py"), "--out", str(tmp_path / "x")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "wrote" in result.stdout
    dry = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "make_fixtures.py"),
            "--out",
            str(tmp_path / "y"),
            "--dry-run",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "would write" in dry.stdout and "ltla_cases.csv" in dry.stdout
    assert not (tmp_path / "y").exists()


def test_committed_fixtures_equal_a_fresh_generation(tmp_path):
    for path in synthetic.write_demo(tmp_path):
        committed = FIXTURES / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} differs from what the generator makes; do not edit it by hand, "
            "run `python scripts/make_fixtures.py` and commit the result"
        )


def test_fixtures_are_small():
    total = sum(p.stat().st_size for p in FIXTURES.glob("*.csv"))
    assert total < 1_200_000


def test_the_readme_labels_the_data_synthetic():
    readme = (ROOT / "fixtures" / "README.md").read_text()
    assert "SYNTHETIC" in readme
    assert str(synthetic.SEED) in readme
    assert "scripts/make_fixtures.py" in readme


# --- shaped exactly like the real downloads ---------------------------------------------------


@pytest.mark.parametrize("key", sorted(synthetic.DEMO_FILES))
def test_header_equals_the_real_files_header(key):
    with real_file(key).open() as real:
        real_header = real.readline()
    with (FIXTURES / synthetic.DEMO_FILES[key]).open() as demo:
        assert demo.readline() == real_header


@pytest.mark.parametrize("key", sorted(synthetic.DEMO_FILES))
def test_dtypes_equal_the_real_files(key):
    real = pd.read_csv(real_file(key), nrows=20_000)
    assert fixture(key).dtypes.to_dict() == real.dtypes.to_dict()


@pytest.mark.parametrize("key", sorted(synthetic.DEMO_FILES))
def test_frames_read_back_unchanged(key):
    pd.testing.assert_frame_equal(fixture(key), synthetic.demo()[key])


@pytest.mark.parametrize("key", ["ltla_cases", "msoa_weekly", "nhs_beds"])
def test_dates_are_iso(key):
    assert fixture(key)["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_rows_are_sorted_like_the_real_files():
    cases = fixture("ltla_cases")
    assert list(zip(cases["areaCode"], cases["date"], strict=True)) == sorted(
        zip(cases["areaCode"], cases["date"], strict=True)
    )
    beds = fixture("nhs_beds")
    keys = list(zip(beds["org_code"], beds["metric"], beds["date"], strict=True))
    assert keys == sorted(keys)
    assert fixture("ltla_lookup")["lad19_cd"].is_monotonic_increasing
    trusts = fixture("nhs_trusts")
    assert trusts["org_code"].iloc[0] == "ENGLAND"
    assert trusts["type1_acute"].iloc[:8].isna().all()


def test_text_layout_matches_the_real_files():
    msoa = (FIXTURES / "msoa_weekly.csv").read_text()
    assert "\r" not in msoa and msoa.endswith("\n")
    assert ",,," in msoa  # suppressed count and rate are blank cells
    assert not re.search(r",20\d\d-\d\d-\d\d,\d+\.\d+,", msoa)  # counts have no decimal point
    assert re.search(r"^E029\d{5},[^,]+,2020-\d\d-\d\d,\d+,\d+\.\d,", msoa, re.M)
    lookup = (FIXTURES / "ltla_lookup.csv").read_text()
    assert '"Bristol, City of"' in lookup  # names with commas are quoted


# --- figures: invented, plausible and well-formed ---------------------------------------------


def test_counts_are_non_negative_integers():
    cases = fixture("ltla_cases")["newCasesBySpecimenDate"]
    assert cases.dtype == "int64" and (cases >= 0).all()
    beds = fixture("nhs_beds")["value"]
    assert beds.dtype == "int64" and (beds >= 0).all()
    msoa = fixture("msoa_weekly")["newCasesBySpecimenDateRollingSum"].dropna()
    assert (msoa == msoa.round()).all() and (msoa >= 0).all()


def test_populations_are_plausible():
    lookup = fixture("ltla_lookup").set_index("lad19_nm")["population_mye2019"]
    city = lookup.pop("City of London")
    assert 8_000 <= city <= 10_000
    assert lookup.between(80_000, 400_000).all()


def test_codes_and_names_are_the_real_identifiers():
    real = pd.read_csv(real_file("ltla_lookup")).set_index("lad19_cd")
    demo = fixture("ltla_lookup").set_index("lad19_cd")
    columns = ["lad19_nm", "utla19_cd", "utla19_nm", "rgn19_cd", "rgn19_nm"]
    pd.testing.assert_frame_equal(demo[columns], real.loc[demo.index, columns])
    counts = demo.groupby("utla19_nm").size()
    assert counts["Kent"] == 12 and counts["Surrey"] == 11 and counts["East Sussex"] == 5
    assert demo.loc["E06000035", "utla19_cd"] == "E06000035"
    real_trusts = pd.read_csv(real_file("nhs_trusts")).set_index("org_code")
    trusts = fixture("nhs_trusts").set_index("org_code")
    pd.testing.assert_frame_equal(trusts, real_trusts.loc[trusts.index])
    assert {"RVV", "RPA", "RWF", "RN7"} <= set(trusts.index)


def test_figures_are_not_the_real_ones():
    real = pd.read_csv(real_file("ltla_lookup")).set_index("lad19_cd")["population_mye2019"]
    demo = fixture("ltla_lookup").set_index("lad19_cd")["population_mye2019"]
    assert not (demo == real.loc[demo.index]).any()
    real_msoa = pd.read_csv(real_file("msoa_weekly"), usecols=["areaCode", "areaName"])
    msoa = fixture("msoa_weekly")
    assert not set(msoa["areaCode"]) & set(real_msoa["areaCode"])
    assert not set(msoa["areaName"]) & set(real_msoa["areaName"])
    assert (msoa["areaCode"] >= "E02900001").all()


def test_msoa_suppression_rule():
    msoa = fixture("msoa_weekly")
    count = msoa["newCasesBySpecimenDateRollingSum"]
    rate = msoa["newCasesBySpecimenDateRollingRate"]
    assert not count.isin([0, 1, 2]).any()
    assert (count.isna() == rate.isna()).all()  # blanks come in pairs
    assert count.isna().any() and count.notna().any()


def test_msoa_rates_are_per_100000_to_one_decimal_place():
    msoa = fixture("msoa_weekly").dropna()
    rate = msoa["newCasesBySpecimenDateRollingRate"]
    assert (rate == rate.round(1)).all()
    implied = msoa["newCasesBySpecimenDateRollingSum"] / rate * 100_000
    spread = implied.groupby(msoa["areaCode"]).agg(lambda p: p.max() / p.min())
    assert (spread < 1.01).all()  # one population per neighbourhood
    assert implied.between(4_000, 13_000).all()


def test_msoa_weeks_end_on_saturdays_and_fit_within_their_district():
    msoa = fixture("msoa_weekly")
    weeks = pd.to_datetime(msoa["date"])
    assert (weeks.dt.day_of_week == 5).all()
    assert msoa["date"].min() == "2020-09-05" and msoa["date"].max() == "2020-12-26"
    assert set(msoa["utla19_cd"]) == {KENT, "E06000035"}
    per_district = msoa.groupby("lad19_cd")["areaCode"].nunique()
    assert per_district.between(4, 8).all() and len(per_district) == 13
    shown = msoa.groupby(["lad19_cd", "date"])["newCasesBySpecimenDateRollingSum"].sum()
    district = weekly_sums(fixture("ltla_cases"))
    for (code, week), value in shown.items():
        assert value <= district.loc[week, code]


def test_msoa_hotspot_has_the_highest_rate_in_late_november():
    msoa = fixture("msoa_weekly")
    week = msoa[msoa["date"] == "2020-11-21"]
    top = week.loc[week["newCasesBySpecimenDateRollingRate"].idxmax()]
    assert top["areaCode"] == synthetic.MSOA_HOTSPOT
    assert top["areaName"] == "Minster Marshes" and top["lad19_nm"] == "Swale"


# --- the designed story patterns --------------------------------------------------------------


def test_areas_rising_against_the_trend_in_the_week_to_25_november():
    cases = fixture("ltla_cases")
    lookup = fixture("ltla_lookup").set_index("lad19_cd")
    sums = weekly_sums(cases)
    change = sums.loc["2020-11-25"] - sums.loc["2020-11-18"]
    rising = sorted(change.index[change > 0])
    assert rising == sorted(synthetic.RISING_AGAINST_TREND)
    assert (lookup.loc[rising, "utla19_cd"] == KENT).sum() >= 2
    assert (lookup.loc[rising, "utla19_cd"] == SURREY).sum() >= 1
    assert (change < 0).mean() > 0.75  # most areas fall


def test_tied_rate():
    lookup = fixture("ltla_lookup").set_index("lad19_cd")["population_mye2019"]
    sums = weekly_sums(fixture("ltla_cases")).loc[synthetic.TIED_RATE_DATE]
    first, second = synthetic.TIED_RATE_AREAS
    assert lookup[first] == lookup[second]
    assert sums[first] / lookup[first] == sums[second] / lookup[second]


def test_zero_run_and_missing_days():
    area, first, last = synthetic.ZERO_RUN
    series = fixture("ltla_cases").query("areaCode == @area").set_index("date")
    cases = series["newCasesBySpecimenDate"]
    assert (cases.loc[first:last] == 0).all()
    assert len(cases.loc[first:last]) == 14
    before = str(np.datetime64(first) - 1)
    after = str(np.datetime64(last) + 1)
    assert cases[before] > 0 and cases[after] > 0
    code, missing = synthetic.MISSING_DAYS
    assert code == area and not set(missing) & set(series.index)


def test_national_waves():
    cases = fixture("ltla_cases")
    population = fixture("ltla_lookup")["population_mye2019"].sum()
    rate = weekly_sums(cases).sum(axis=1) / population * 100_000
    autumn = rate.loc[:"2020-12-01"]
    assert pd.Timestamp("2020-11-01") <= autumn.idxmax() <= pd.Timestamp("2020-11-14")
    winter = rate.loc["2020-12-15":]
    assert winter.max() > 1.5 * autumn.max()
    assert rate.loc["2020-12-01"] < 0.75 * autumn.max()  # a real dip between the waves


def test_weekday_seasonality():
    cases = fixture("ltla_cases")
    weekday = pd.to_datetime(cases["date"]).dt.day_of_week
    by_day = cases.groupby(weekday)["newCasesBySpecimenDate"].sum()
    assert by_day[0] > 1.15 * by_day[6]  # more Monday swabs than Sunday ones


def test_beds_shape_and_totals():
    beds = fixture("nhs_beds")
    trusts = fixture("nhs_trusts")
    wide = beds.pivot_table(index=["metric", "date"], columns="org_code", values="value")
    regions = trusts["org_code"].iloc[1:8].tolist()
    assert (wide[regions].sum(axis=1) == wide["ENGLAND"]).all()
    for region, codes in trusts.iloc[8:].groupby("nhs_region")["org_code"]:
        code = synthetic.region_code(region)
        assert (wide[list(codes)].fillna(0).sum(axis=1) <= wide[code]).all()
    mv = wide.loc["beds_occupied_covid_mv"]
    total = wide.loc["beds_occupied_covid_total"]
    assert (mv.fillna(0) <= total.reindex(mv.index).fillna(np.inf)).all().all()
    peak = total["ENGLAND"].idxmax()
    assert "2021-01-05" <= peak <= "2021-01-25"
    dates = beds.groupby("metric")["date"].agg(["min", "max"])
    assert dates.loc["beds_occupied_covid_total"].tolist() == ["2020-08-01", "2021-03-23"]
    assert dates.loc["admissions_and_diagnoses", "max"] == "2021-03-21"
    rows = beds.groupby(["org_code", "metric"]).size()
    assert rows.loc["ENGLAND"].max() == rows.max()
    assert (rows < rows.max()).sum() >= 5  # blank cells dropped, as in the real file


# --- England-sized data for benchmarks --------------------------------------------------------


@pytest.fixture(scope="module")
def eighth():
    return synthetic.england(1 / 8)


def test_england_eighth_has_the_documented_sizes(eighth):
    sizes = synthetic.england_sizes(1 / 8)
    assert sizes == {
        "districts": 40,
        "utlas": 19,
        "days": 91,
        "msoas": 849,
        "weeks": 13,
        "trusts": 18,
        "trust_days": 46,
    }
    lookup = eighth["ltla_lookup"]
    assert len(lookup) == 40
    assert lookup["utla19_cd"].nunique() == 19 and lookup["rgn19_cd"].nunique() == 9
    cases = eighth["ltla_cases"]
    assert cases["areaCode"].nunique() == 40 and cases["date"].nunique() == 91
    assert 0.98 * 40 * 91 <= len(cases) < 40 * 91  # some missing dates
    msoa = eighth["msoa_weekly"]
    assert msoa["areaCode"].nunique() == 849 and msoa["date"].nunique() == 13
    assert len(msoa) == 849 * 13
    assert msoa["newCasesBySpecimenDateRollingSum"].isna().any()
    assert (pd.to_datetime(msoa["date"]).dt.day_of_week == 5).all()
    trusts = eighth["nhs_trusts"]
    assert len(trusts) == 8 + 18
    beds = eighth["nhs_beds"]
    assert set(beds["metric"]) == {"beds_occupied_covid_total", "beds_occupied_covid_mv"}
    assert beds["date"].nunique() == 46 and beds["org_code"].nunique() == 26
    assert 0.98 * 26 * 46 * 2 <= len(beds) < 26 * 46 * 2


def test_england_frames_have_the_demo_columns_and_dtypes(eighth):
    demo = synthetic.demo()
    for key, frame in eighth.items():
        assert frame.dtypes.to_dict() == demo[key].dtypes.to_dict(), key


def test_england_names_are_invented_and_unique(eighth):
    lookup = eighth["ltla_lookup"]
    assert lookup["lad19_nm"].is_unique
    assert lookup["lad19_cd"].str.match(r"E0[67]9\d{5}").all()
    msoa = eighth["msoa_weekly"].drop_duplicates("areaCode")
    assert msoa["areaName"].is_unique
    real = REAL / synthetic.SHAPED_LIKE["ltla_lookup"]
    if real.exists():
        assert not set(lookup["lad19_nm"]) & set(pd.read_csv(real)["lad19_nm"])


def test_england_msoas_add_up_to_their_districts(eighth):
    """Shown counts never exceed the district's week; with blanks (0-2 each) they can reach it."""
    msoa = eighth["msoa_weekly"]
    cases = eighth["ltla_cases"]
    count = msoa["newCasesBySpecimenDateRollingSum"]
    grouped = msoa.assign(blank=count.isna()).groupby(["lad19_cd", "date"])
    shown = grouped["newCasesBySpecimenDateRollingSum"].sum()
    blanks = grouped["blank"].sum()
    days = cases.groupby("areaCode").size()
    complete = days.index[days == 91]  # districts with no missing dates
    district = weekly_sums(cases[cases["areaCode"].isin(complete)])
    checked = 0
    for (code, week), value in shown.items():
        if code in district.columns and pd.Timestamp(week) in district.index:
            total = district.loc[week, code]
            assert value <= total <= value + 2 * blanks[(code, week)]
            checked += 1
    assert checked > 100


def test_england_is_deterministic_and_depends_on_the_seed(eighth):
    again = synthetic.england(1 / 8)
    other = synthetic.england(1 / 8, seed=1)
    for key in eighth:
        pd.testing.assert_frame_equal(again[key], eighth[key])
    assert not other["ltla_cases"].equals(eighth["ltla_cases"])


@pytest.mark.parametrize("scale", [0, 1 / 32, 2])
def test_england_rejects_scales_out_of_range(scale):
    with pytest.raises(ValueError, match="1/16 to 1"):
        synthetic.england_sizes(scale)
