"""The fact-check: figures read from copy, and each one traced to a fact of its own story.

The story here is synthetic (made-up figures shaped like a real covid-cases story): the
copy that fits its facts passes, and each way copy can go wrong is caught and named.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from copyedits import edited, problems

from storygen.verify import check_story
from storygen.verify.figures import find

# -- reading figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, value, places",
    [
        ("846 new cases", "number", "846", 0),
        ("4,477 new cases", "number", "4477", 0),
        ("a rate of 1,964.0", "number", "1964.0", 1),
        ("a rate of 527.3", "number", "527.3", 1),
        ("six areas", "number", "6", 0),
        ("Forty-six areas", "number", "46", 0),
        ("One hundred and twelve areas", "number", "112", 0),
        ("1.2 million people", "number", "1200000", -5),
        ("a rise of 20.6%", "percent", "20.6", 1),
        ("a rise of 5 per cent", "percent", "5", 0),
        ("the 19th-highest rate", "ordinal", "19", 0),
        ("the second-lowest rate", "ordinal", "2", 0),
        ("the third lowest rate", "ordinal", "3", 0),
        ("the highest rate", "superlative", "1", 0),
        ("more than doubled", "multiple", "2", 0),
        ("almost trebled", "multiple", "3", 0),
        ("rose fivefold", "multiple", "5", 0),
        ("1.4 times the rate", "multiple", "1.4", 1),
        ("halved", "multiple", "0.5", 0),
        ("fell by almost a third", "fraction", "33.3", 1),
    ],
)
def test_each_form_of_figure_is_read(text, kind, value, places):
    figures = find(text)
    assert [(f.kind, f.value, f.places) for f in figures] == [(kind, Decimal(value), places)]


@pytest.mark.parametrize(
    "text, date",
    [
        ("since November 25", (None, 11, 25)),
        ("since Nov. 25", (None, 11, 25)),
        ("since Sept. 7", (None, 9, 7)),
        ("on 25 November 2020", (2020, 11, 25)),
        ("on November 25, 2020", (2020, 11, 25)),
    ],
)
def test_dates_in_either_house_style(text, date):
    assert [f.date for f in find(text)] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Covid-19 cases in E07000113",
        "one of the areas",
        "for the first time",
        "the rate may still rise",  # May is a month only before a day
        "the latest figures",
    ],
)
def test_words_that_are_not_figures(text):
    assert find(text) == []


def test_qualifiers_travel_with_their_figure():
    [figure] = find("almost 1,000 new cases")
    assert (figure.text, figure.qualifier, figure.value) == ("almost 1,000", "almost", 1000)
    [share] = find("more than a quarter of beds")
    assert (share.kind, share.qualifier) == ("share", "more than")


# -- a story and its facts -----------------------------------------------------------

PERIOD = {"dates": ["2020-11-19", "2020-11-25"], "path": "cases.csv", "source": "cases"}


def fact(kind, key, code, name, level, measure, value, **values):
    return {
        "kind": kind,
        "subject": {"code": code, "name": name, "type": level},
        "measure": measure,
        "period_end": "2020-11-25",
        "value": value,
        "values": values,
        "peer_group": None,
        "rank": values.get("position"),
        "score": 0.5,
        "provenance": {**PERIOD, "areas": [code], "arithmetic": f"{measure} for {name}"},
        "id": f"{key}.{code}",
    }


def change(key, code, name, level, measure, now, before):
    return fact(
        "change", key, code, name, level, measure, now,
        previous=before, previous_date="2020-11-18", change=now - before, ratio=now / before,
        pct_change=(now / before - 1) * 100, direction="up" if now > before else "down",
        against_trend=False,
    )  # fmt: skip


SWALE = ("E07000113", "Swale", "district")
KENT = ("E10000016", "Kent", "county")
ENGLAND = ("E92000001", "England", "country")

FACTS = [
    change("change.rate", *SWALE, "rate", 527.29, 437.18),
    change("change.cases", *SWALE, "cases", 790.0, 655.0),
    fact(
        "rank", "rank.rate.district-in-region", *SWALE, "rate", 527.3,
        group_code="E12000008", group_name="South East", position=2, position_from_bottom=66,
        of=67, tied=0, ahead_name="Thanet", ahead_value=601.2, leader_name="Thanet",
        leader_value=601.2, peer_level="district", peer_within="region",
    ),
    fact(
        "rank", "rank.rate.district-in-county", *SWALE, "rate", 527.3,
        group_code="E10000016", group_name="Kent", position=1, position_from_bottom=12, of=12,
        tied=0, ahead_name=None, ahead_value=None, leader_name="Swale", leader_value=527.3,
        peer_level="district", peer_within="county",
    ),
    fact(
        "record", "record.rate", *SWALE, "rate", 527.3, direction="high", since="2020-10-07",
        since_value=530.1, on_record=False, days=49, first_date="2020-09-07",
    ),
    change("change.rate", *KENT, "rate", 283.08, 132.79),
    change("change.cases", *KENT, "cases", 4477.0, 2100.0),
    change("change.rate", *ENGLAND, "rate", 170.6, 244.4),
]  # fmt: skip

COPY = {
    "headline": "Swale has the second-highest Covid-19 rate in the South East",
    "standfirst": "The seven-day rate rose from 437.2 to 527.3 cases per 100,000 people "
    "in the week to November 25.",
    "paragraphs": [
        "Swale has the second-highest rate of the 67 council areas in the South East, "
        "behind only Thanet (601.2), at 527.3 cases per 100,000 people.",
        "There were 790 new cases in the seven days to November 25, up from 655 the week "
        "before, a rise of 20.6%.",
        "The rate is at its highest level since October 7. It has the highest rate of the "
        "12 council areas in Kent.",
        "Across Kent as a whole cases more than doubled in a week to 4,477, taking the rate "
        "from 132.8 to 283.1.",
        "The rate for England fell from 244.4 to 170.6.",
    ],
}


def make_story(**copy_changes):
    story = {
        "id": "covid-cases-area-swale-e07000113",
        "narrative": "covid-cases",
        "plan": "area",
        "kind": "area",
        "as_of": "2020-11-25",
        "area_code": "E07000113",
        "area_name": "Swale",
        "area_type": "district",
        "patches": ["Kent and Medway"],
        "caveats": [],
        "score": 0.8,
        "demo": False,
        "style": "pa",
        "facts": copy.deepcopy(FACTS),
        "sources": [],
        "series": {"measures": {"rate": {"decimals": 1, "per": 100000}, "cases": {"decimals": 0}}},
        **copy.deepcopy(COPY),
    }
    story.update(copy_changes)
    return story


def test_copy_that_fits_its_facts_passes():
    result = check_story(make_story())
    assert result.problems == []
    texts = [figure.figure.text for figure in result.figures]
    for figure in ("second-highest", "437.2", "527.3", "100,000", "November 25", "67", "601.2"):
        assert figure in texts
    assert all(figure.evidence for figure in result.figures)


def test_every_figure_names_the_fact_behind_it():
    result = check_story(make_story())
    [previous] = [f for f in result.figures if f.figure.text == "437.2"]
    [evidence] = previous.evidence
    assert (evidence.fact, evidence.key) == (0, "values.previous")  # Swale's change.rate


def test_a_wrong_figure_is_named_with_its_sentence():
    found = problems(edited(make_story(), "paragraphs", "790 new cases", "791 new cases", 1))
    assert len(found) == 1
    assert '"791"' in found[0] and "There were 791 new cases" in found[0]
    assert "paragraph 2" in found[0]


@pytest.mark.parametrize(
    "old, new",
    [
        ("to 527.3 cases", "to 527.2 cases"),  # 527.29 rounds to 527.3
        ("to 527.3 cases", "to 527 cases"),  # a rate prints with its decimal place
        ("from 437.2 to", "from 437.20 to"),
    ],
)
def test_a_wrong_rounding_is_caught(old, new):
    found = problems(edited(make_story(), "standfirst", old, new))
    assert len(found) == 1 and "standfirst" in found[0]
    assert "prints as" in found[0] or "not backed" in found[0]


def test_a_wrong_rounding_says_how_the_fact_prints():
    [found] = problems(edited(make_story(), "standfirst", "to 527.3 cases", "to 527.2 cases"))
    assert "prints as 527.3" in found and "Swale" in found


def test_a_percentage_must_round_the_same_way():
    [found] = problems(edited(make_story(), "paragraphs", "20.6%", "20.5%", 1))
    assert '"20.5%"' in found


def test_a_figure_from_another_area_is_caught():
    story = edited(
        make_story(), "paragraphs", "fell from 244.4 to 170.6", "fell from 244.4 to 132.8", 4
    )
    [found] = problems(story)
    assert '"132.8" is a figure of Kent, not of England' in found


def test_a_neighbours_figure_in_the_areas_own_sentence_is_caught():
    story = edited(make_story(), "paragraphs", "at 527.3 cases", "at 601.2 cases", 0)
    [found] = problems(story)
    assert '"601.2" is a figure of Thanet, not of Swale' in found


def test_a_figure_no_fact_has_is_caught():
    [found] = problems(edited(make_story(), "paragraphs", "to 4,477", "to 5,120", 3))
    assert '"5,120"' in found and "not backed" in found


@pytest.mark.parametrize(
    "field, old, new, index",
    [
        ("standfirst", "rose from", "fell from", None),
        ("paragraphs", "up from 655", "down from 655", 1),
        ("paragraphs", "England fell from", "England rose from", 4),
    ],
)
def test_a_swapped_rise_and_fall_is_caught(field, old, new, index):
    found = problems(edited(make_story(), field, old, new, index))
    assert found
    word = new.split()[-2] if new.endswith("from") else new.split()[0]
    assert any(f'"{word}' in problem and "disagrees" in problem for problem in found), found


def test_rose_from_a_to_b_needs_b_above_a():
    found = problems(
        edited(
            make_story(), "paragraphs", "fell from 244.4 to 170.6", "rose from 170.6 to 244.4", 4
        )
    )
    assert any("the figures go the other way" in problem for problem in found) is False
    assert any("disagrees" in problem for problem in found)  # England's rate fell
    story = edited(
        make_story(), "standfirst", "rose from 437.2 to 527.3", "rose from 527.3 to 437.2"
    )
    assert any("the figures go the other way" in problem for problem in problems(story))


@pytest.mark.parametrize(
    "old, new",
    [
        ("more than doubled", "doubled"),
        ("more than doubled", "almost trebled"),
        ("more than doubled", "halved"),
    ],
)
def test_a_multiple_must_match_the_facts_ratio(old, new):
    [found] = problems(edited(make_story(), "paragraphs", old, new, 3))
    assert f'"{new}"' in found


@pytest.mark.parametrize(
    "field, old, new, index, figure",
    [
        ("headline", "second-highest", "third-highest", None, "third-highest"),
        ("paragraphs", "the highest rate of the 12", "the second-highest rate of the 12", 2,
         "second-highest"),
        ("paragraphs", "of the 67 council", "of the 12 council", 0, "12"),
        ("paragraphs", "since October 7", "since October 8", 2, "October 8"),
        ("paragraphs", "in the seven days", "in the eight days", 1, "eight"),
        ("paragraphs", "highest rate of the 12 council areas in Kent",
         "highest rate of the 12 council areas in England", 2, "highest"),
    ],
)  # fmt: skip
def test_rankings_dates_and_counts_are_checked(field, old, new, index, figure):
    found = problems(edited(make_story(), field, old, new, index))
    assert any(f'"{figure}"' in problem for problem in found), found


def test_joint_only_for_a_shared_place():
    found = problems(edited(make_story(), "headline", "second-highest", "joint second-highest"))
    assert any('"joint second-highest"' in problem for problem in found)


@pytest.mark.parametrize(
    "phrase, ok",
    [
        ("almost 800 new cases", True),
        ("about 790 new cases", True),
        ("more than 750 new cases", True),
        ("more than 800 new cases", False),
        ("almost 600 new cases", False),
    ],
)
def test_approximations_must_sit_on_the_side_they_say(phrase, ok):
    story = edited(make_story(), "paragraphs", "790 new cases", phrase, 1)
    assert (problems(story) == []) is ok


def test_house_style_variants_are_backed_alike():
    story = make_story(style="ap")
    story["paragraphs"][1] = story["paragraphs"][1].replace("November 25", "Nov. 25")
    story["paragraphs"][2] = story["paragraphs"][2].replace("October 7", "Oct. 7")
    assert problems(story) == []


def test_names_are_not_read_as_figures():
    story = make_story(area_name="Three Rivers")
    for item in story["facts"]:
        if item["subject"]["code"] == "E07000113":
            item["subject"]["name"] = "Three Rivers"
    story["headline"] = "Three Rivers has the second-highest Covid-19 rate in the South East"
    story["paragraphs"][0] = story["paragraphs"][0].replace("Swale", "Three Rivers")
    assert problems(story) == []


def test_the_demo_notice_and_caveats_are_not_copy_to_check():
    from storygen.compose import DEMO_NOTICE

    story = make_story(caveats=["Figures for the last 5 days may rise."])
    story["paragraphs"] = [
        DEMO_NOTICE,
        "Figures for the last 5 days may rise.",
        *story["paragraphs"],
    ]
    assert problems(story) == []


def test_the_held_reason_lists_the_first_problems():
    story = make_story()
    story["paragraphs"] = [p.replace("527.3", "527.4") for p in story["paragraphs"]]
    result = check_story(story)
    assert not result.ok
    assert result.reason().startswith('fact-check: paragraph 1: "527.4"')


@pytest.mark.parametrize(
    "ahead, ok",
    [
        ("Thanet", True),
        ("Dover", False),
        ("Swale", False),
        ("Thanet in the latest week", True),
        ("Thanet Central in the latest week", False),
    ],
)
def test_the_area_behind_only_is_the_one_the_ranking_has_ahead(ahead, ok):
    """A name the story knows from no fact (Dover), or from another (Swale), is not Thanet.
    The name ends at a word in lower case: "behind only Thanet in the latest week" names
    Thanet, and "Thanet Central" is another area."""
    story = make_story()
    story["paragraphs"][0] = story["paragraphs"][0].replace(
        "behind only Thanet (601.2), at", f"behind only {ahead}, at"
    )
    found = [str(p) for p in check_story(story).problems]
    assert (found == []) is ok, found
    if not ok:
        named = ahead.removesuffix(" in the latest week")
        assert (
            f'"{named}" is not the area ahead in that ranking (the facts have Thanet)' in found[0]
        )


@pytest.mark.parametrize(
    "name, written",
    [
        ('Bath & North "East" (Somerset)', 'Bath & North "East" (Somerset)'),
        ("Hull, City of", "Hull"),  # as readers know it (area_name)
        ("Yorkshire and The Humber", "Yorkshire and the Humber"),  # mid-sentence (place)
    ],
)
def test_a_name_ahead_is_read_whole_whatever_its_characters(name, written):
    story = make_story()
    story["facts"][2]["values"]["ahead_name"] = story["facts"][2]["values"]["leader_name"] = name
    story["paragraphs"][0] = story["paragraphs"][0].replace(
        "behind only Thanet (601.2), at", f"behind only {written}, at"
    )
    assert [str(p) for p in check_story(story).problems] == []
    story["paragraphs"][0] = story["paragraphs"][0].replace(written, "Thanet")
    assert check_story(story).problems


def test_the_figure_of_the_area_ahead_is_read_as_its_own_under_the_name_copy_uses():
    """ "behind only Kingston upon Hull (601.2)": the facts list the area as "Kingston upon
    Hull, City of", copy writes it as readers know it, and the figure in brackets is Hull's."""
    story = make_story()
    values = story["facts"][2]["values"]
    values["ahead_name"] = values["leader_name"] = "Kingston upon Hull, City of"
    story["paragraphs"][0] = story["paragraphs"][0].replace(
        "behind only Thanet (601.2), at", "behind only Kingston upon Hull (601.2), at"
    )
    assert [str(p) for p in check_story(story).problems] == []
    story["paragraphs"][0] = story["paragraphs"][0].replace("(601.2)", "(602.2)")
    assert check_story(story).problems


@pytest.mark.parametrize(
    "called", ["NHS trusts", "independent hospitals", "NHS trusts and independent hospitals"]
)
@pytest.mark.parametrize("count, ok", [("21", True), ("22", False)])
def test_a_count_of_hospitals_is_a_count_of_the_areas_ranked(called, count, ok):
    """NHS England's file lists independent hospitals beside NHS trusts: "like 21 other
    independent hospitals" counts the providers sharing a place, as "21 other NHS trusts"
    does."""
    winfield = ("NVC22", "Winfield Hospital", "trust")
    ranked = fact(
        "rank", "rank.patients.trust-in-region", *winfield, "patients", 0.0,
        group_code="SOUTH_WEST", group_name="South West", position=25, position_from_bottom=1,
        of=46, tied=21, ahead_name="Spire Bristol Hospital", ahead_value=1.0,
        leader_name="Royal Cornwall", leader_value=80.0, peer_level="trust",
        peer_within="region",
    )  # fmt: skip
    story = make_story(
        id="hospital-patients-area-winfield-hospital-nvc22",
        area_code="NVC22",
        area_name="Winfield Hospital",
        area_type="trust",
        facts=[ranked],
        headline="No Covid-19 patients at Winfield Hospital",
        standfirst="",
        paragraphs=[
            f"Winfield Hospital had no Covid-19 patients, like {count} other {called} in the "
            "South West."
        ],
    )
    result = check_story(story)
    assert result.ok is ok, result.reason()


@pytest.mark.parametrize("figure", ["five", "six", "12", "three"])
def test_a_bands_place_on_the_map_backs_no_figure(figure):
    """A band fact's place on the map (band 5 of 6), its days in the band and its multiple
    of a target are never printed as plain numbers: copy names the band. Before, any "five"
    or "six" in a story with such a fact was backed by chance."""
    band = fact(
        "threshold", "threshold.rate.band", *SWALE, "rate", 527.3, band=5, band_label="400+",
        band_lower=400.0, band_upper=None, bands=6, top_band=True, previous_band=3,
        bands_moved=2, days_in_band=12, times=3.0,
    )  # fmt: skip
    story = make_story(facts=[*copy.deepcopy(FACTS), band])
    story["paragraphs"].append(f"Swale had {figure} mobile testing units in the week.")
    result = check_story(story)
    assert not result.ok, f"{figure!r} passed: {result.figures[-1]}"


@pytest.mark.parametrize(("printed", "ok"), [("26.3%", True), ("26.4%", False)])
def test_a_percentage_worked_out_in_floats_backs_the_house_styles_rounding(printed, ok):
    """505 cases against 400 is a rise of 26.25%, which the house style rounds up (26.3%);
    the rule's float arithmetic records 26.249999999999996, which alone would round down."""
    new, old = 505.0, 400.0
    cases = fact(
        "change", "change.cases", *SWALE, "cases", new, previous=old,
        previous_date="2020-11-18", change=new - old, ratio=new / old,
        pct_change=(new / old - 1) * 100, direction="up", against_trend=False,
    )  # fmt: skip
    assert cases["values"]["pct_change"] < 26.25  # the float is below the half
    story = make_story(facts=[copy.deepcopy(FACTS[0]), cases, *copy.deepcopy(FACTS[2:])])
    story["paragraphs"] = [f"Swale had 505 new cases in the week, up {printed} on the week before."]
    result = check_story(story)
    assert result.ok is ok, result.reason()


@pytest.mark.parametrize(("days", "ok"), [("seven", True), ("eight", False)])
def test_the_days_a_figure_is_summed_over_are_its_window(days, ok):
    """ "in the eight days to November 25" is the window a figure is summed over: a band
    fact's eight days in its band (or a streak's days) does not back it."""
    band = fact(
        "threshold", "threshold.rate.band", *SWALE, "rate", 527.3, band=5, band_label="400+",
        band_lower=400.0, band_upper=None, bands=6, top_band=True, previous_band=3,
        bands_moved=2, in_band_since="2020-11-17", days_in_band=8,
    )  # fmt: skip
    story = make_story(facts=[*copy.deepcopy(FACTS), band])
    story["paragraphs"][1] = story["paragraphs"][1].replace("seven days", f"{days} days")
    result = check_story(story)
    assert result.ok is ok, result.reason()


@pytest.mark.parametrize(("before", "ok"), [("655", True), ("790", False)])
def test_a_figure_of_a_week_earlier_is_one_the_facts_had_then(before, ok):
    """ "against 22 a week earlier" must be the fact's previous figure, not the figure now
    (the copy's 23 in the same sentence backed a mistyped 23 before)."""
    story = make_story()
    story["paragraphs"][1] = (
        f"Swale had 790 new cases in the seven days to November 25, against {before} a week "
        "earlier."
    )
    result = check_story(story)
    assert result.ok is ok, result.reason()


@pytest.mark.parametrize("text", ["Not one of the three trusts", "None of the three trusts"])
def test_not_one_of_is_a_count_of_nought(text):
    assert [(f.value, f.unit) for f in find(text)] == [(Decimal(0), "areas"), (3, "areas")]
