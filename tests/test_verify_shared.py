"""The fact-check reads each fact once for every story citing it, and works out multiples
and fractions only for pairs of figures that could give the phrase printed: neither may
change a verdict or the evidence behind a figure."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen.pipeline import RunOptions, run
from storygen.style.change import denoised
from storygen.verify import check_story, forget
from storygen.verify.evidence import CHANGE_PAIRS, Backing, _phrase_keys, _round, could_say

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
MSOA = REAL / "southeast_msoa_cases_weekly.csv"


@pytest.fixture(scope="module")
def hotspot_stories() -> list[dict]:
    """Every story of a real hotspots run, held ones too, sharing their fact dicts."""
    if not MSOA.exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    result = run(RunOptions(["covid-hotspots"], {"msoa": str(MSOA)}, "2020-11-21"))
    made: dict = {}
    return [story.to_dict(made) for story in result.stories] + [
        held["story"] for held in result.held
    ]


def verdict(story: dict, shared: dict | None) -> tuple:
    result = check_story(story, shared)
    return (
        [str(problem) for problem in result.problems],
        [(f.where, f.figure.text, f.problem, f.evidence) for f in result.figures],
    )


def test_facts_read_for_another_story_back_the_same_figures(hotspot_stories):
    """A county's story cites the facts its districts' stories read first: read once and
    shared, they back exactly what they back when the story is checked on its own."""
    citing: dict = {}
    for story in hotspot_stories:
        for fact in story["facts"]:
            citing.setdefault(fact["id"], set()).add(story["id"])
    assert max(len(stories) for stories in citing.values()) > 2
    shared: dict = {}
    for story in hotspot_stories:
        assert verdict(story, shared) == verdict(story, None), story["id"]


def test_a_story_cites_the_neighbourhoods_it_names_and_no_others(hotspot_stories):
    """A county's story may name any of its neighbourhoods, but it carries the facts of those
    its copy names and of those its own facts point to (its hotspot, "the neighbourhood"),
    not of all of them."""
    kent = next(s for s in hotspot_stories if s["id"] == "covid-hotspots-area-kent-e10000016")
    copy = " ".join([kent["headline"], kent["standfirst"], *kent["paragraphs"]])
    own = [f for f in kent["facts"] if f["subject"]["code"] == "E10000016"]
    pointed = {v for f in own for k, v in f["values"].items() if k.endswith("_code")}
    inside = {
        f["subject"]["code"]: f["subject"]["name"]
        for f in kent["facts"]
        if f["subject"]["type"] == "neighbourhood"
    }
    assert inside and len(inside) < 10  # Kent has 220 neighbourhoods
    for code, name in inside.items():
        assert code in pointed or name in copy, name
    hotspot = next(f for f in own if f["kind"] == "hotspot")["values"]
    assert hotspot["hotspot_code"] in inside and hotspot["second_name"] in inside.values()
    assert verdict(kent, None)[0] == []  # and its figures are all backed


def test_a_fact_let_go_is_read_again(hotspot_stories):
    """``forget`` drops what was kept of a fact dict: a later story citing a dict at the same
    address (a new dict the memory was given to) is checked on its own figures, not on what
    the old one backed. Kept, the old reading would back the old figure."""
    story = copy.deepcopy(next(s for s in hotspot_stories if not verdict(s, None)[0]))
    fact = next(f for f in story["facts"] if f["subject"]["code"] == story["area_code"])
    shared: dict = {}
    assert verdict(story, shared)[0] == []
    printed = [f.figure.text for f in check_story(story).figures if f.evidence]
    fact["values"] = {key: value for key, value in fact["values"].items() if key == "tied"}
    fact["value"] = None  # the same dict now backs nothing: copy printing its figures fails
    stale = verdict(story, shared)[0]
    forget(shared, fact)
    fresh = verdict(story, shared)[0]
    assert fresh == verdict(story, None)[0]
    assert len(fresh) > len(stale), (printed, stale, fresh)


def test_every_phrase_of_a_real_pair_passes_its_ratio_test(hotspot_stories):
    pairs = {
        (*evidence.value, evidence.key in CHANGE_PAIRS)
        for story in hotspot_stories[:40]
        for evidence in Backing(story).of("pair")
    }
    assert len(pairs) > 1000
    for new, old, change in pairs:
        for kind, value, *_rest in _phrase_keys(new, old, change):
            assert could_say(kind, value, new, old), (new, old, kind, value)


figures = st.decimals(min_value="0.01", max_value="100000", places=2)


@settings(max_examples=3000, deadline=None)
@given(figures, figures, st.booleans())
def test_a_pair_gives_only_phrases_its_ratio_allows(new, old, change):
    for kind, value, *_rest in _phrase_keys(new, old, change):
        assert could_say(kind, value, new, old)


@pytest.mark.parametrize(
    "new, old, phrase",
    [
        ("1950", "1000", ("multiple", 2)),  # almost doubled
        ("1490", "1000", ("fraction", 50)),  # rose by almost half
        ("410", "1000", ("multiple", Decimal("0.5"))),  # more than halved
        ("222", "1000", ("fraction", 75)),  # fell by about three-quarters
        ("12850", "1000", ("multiple", 12)),  # rose more than 12-fold
    ],
)
def test_the_ratio_test_admits_the_edges_of_the_bands(new, old, phrase):
    new, old = Decimal(new), Decimal(old)
    keys = [key[:2] for key in _phrase_keys(new, old, True)]
    kind, value = phrase
    assert (kind, Decimal(value)) in keys
    assert could_say(kind, Decimal(value), new, old)


sizes = st.one_of(  # a coarse grid puts figures on the edges between two printed figures
    st.decimals(min_value="-3", max_value="3", places=2),
    st.decimals(min_value="-2000000", max_value="2000000", places=4),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(sizes, min_size=1, max_size=12), st.integers(-5, 4), st.data())
def test_a_printed_figure_is_backed_by_every_figure_that_rounds_to_it(values, places, data):
    """Whatever the places a figure is printed with, it is backed by exactly the facts'
    figures that round half-up to it: a figure and a percentage of each value, the way
    copy prints them (1,249,999 as "1.2 million", 527.25 as 527.3, 26.249999999999996% as
    26.3%)."""
    facts = [
        {"subject": {"code": f"E{n}"}, "kind": "change", "value": float(value),
         "measure": "share", "values": {"previous": float(value) / 3}}
        for n, value in enumerate(values)
    ]  # fmt: skip
    story = {"facts": facts, "series": {"measures": {"share": {"per": 100}}}}
    backing = Backing(story)
    every = [(kind, e) for kind in ("number", "percent") for e in backing.of(kind)]
    for kind, evidence in data.draw(st.lists(st.sampled_from(every), min_size=1, max_size=3)):
        size = abs(evidence.value)
        printed = _round(size, places)
        rounding = [
            e
            for e in backing.of(kind)
            if _round(abs(e.value), places) == printed
            or (kind == "percent" and _round(denoised(abs(e.value)), places) == printed)
        ]
        assert backing.rounded(kind, places, printed) == rounding
        assert evidence in rounding
    assert backing.rounded("number", 1, Decimal("527.25")) == []  # no figure printed to one place


@pytest.mark.parametrize(
    "places, printed, backing_it",
    [
        (1, "527.3", ["527.25", "527.3", "-527.3", "527.349"]),  # from half a unit below
        (0, "564", ["563.5", "564.4"]),
        (-5, "1.2E+6", ["1150000", "1249999"]),  # "1.2 million"
        (-1, "50", ["45", "54.9"]),
    ],
)
def test_a_printed_figure_is_backed_from_half_a_unit_below_to_under_half_above(
    places, printed, backing_it
):
    edges = ["527.249", "527.35", "563.49", "564.5", "1149999", "1250000", "44.9", "55"]
    values = [*backing_it, *edges]
    story = {
        "facts": [{"subject": {"code": f"E{n}"}, "value": float(v)} for n, v in enumerate(values)]
    }
    found = Backing(story).rounded("number", places, Decimal(printed))
    assert [abs(e.value) for e in found] == [abs(Decimal(v)) for v in backing_it]
