"""The fact-check reads copy as an editor does: "the neighbourhood" is the story's hotspot,
"its" the area the sentence before was about, "10 weeks running" a streak, "8.9%" a share,
"7.7% across England" England's figure. Each rule backs the right copy and no other.

The stories are synthetic (made-up figures shaped like real hotspot and trust stories).
"""

from __future__ import annotations

import copy

import pytest
from copyedits import edited, problems

from storygen.verify.figures import find

DOVER = ("E07000108", "Dover", "district")
DEAL = ("E02005050", "Deal Seafront", "neighbourhood")
SANDWICH = ("E02005051", "Sandwich Haven", "neighbourhood")
PERIOD = {"dates": ["2020-11-14", "2020-11-14"], "path": "msoa.csv", "source": "msoa"}


def fact(kind, key, subject, measure, value, **values):
    code, name, level = subject
    return {
        "kind": kind,
        "subject": {"code": code, "name": name, "type": level},
        "measure": measure,
        "period_end": "2020-11-14",
        "value": value,
        "values": values,
        "provenance": {**PERIOD, "areas": [code]},
        "id": f"{key}.{code}",
    }


HOTSPOT_FACTS = [
    fact(
        "hotspot", "hotspot.rate.neighbourhood", DOVER, "rate", 713.2,
        group_code=DOVER[0], group_name="Dover", hotspot_code=DEAL[0], hotspot_name=DEAL[1],
        second_name=SANDWICH[1], second_value=650.1, of=14, blank=1, hotspot_previous=531.9,
        hotspot_cases=59.0, previous_hotspot_code=SANDWICH[0],
        previous_hotspot_name=SANDWICH[1], same_as_before=False, overall_position=8.0,
        overall_of=1086, level="neighbourhood",
    ),
    fact(
        "threshold", "threshold.rate.band-neighbourhood-count", DOVER, "rate", 6,
        group_name="Dover", peer_level="neighbourhood", of=14,
        labels=["0-10", "11-50", "51-100", "101-200", "201-400", "over 400"],
    ),
    fact(
        "change", "change.rate", DEAL, "rate", 713.2, previous=531.9, change=181.3,
        direction="up", pct_change=34.08,
    ),
    fact(
        "threshold", "threshold.rate.band", DEAL, "rate", 713.2, band="over 400",
        labels=["0-10", "11-50", "51-100", "101-200", "201-400", "over 400"],
    ),
    fact(
        "rank", "rank.rate.neighbourhood-in-district", DEAL, "rate", 713.2,
        group_code=DOVER[0], group_name="Dover", position=1, position_from_bottom=14, of=14,
        tied=0, peer_level="neighbourhood", peer_within="district",
    ),
]  # fmt: skip

HOTSPOT_COPY = {
    "headline": "Deal Seafront has Dover's highest Covid-19 rate",
    "standfirst": "The neighbourhood recorded 59 cases in the week ending November 14, a rate "
    "of 713.2 per 100,000 people.",
    "paragraphs": [
        "Deal Seafront had the highest Covid-19 rate of the 14 neighbourhoods in Dover. "
        "Its rate rose by about a third in a week, from 531.9 to 713.2. "
        "That puts it in the top band of the rate map, over 400 per 100,000 people.",
        "A week earlier the highest rate in Dover was in Sandwich Haven.",
        "Across the South East, only seven neighbourhoods had a higher rate.",
        "Six neighbourhoods in Dover were in the top band.",
        "No figure is published for one neighbourhood, which had fewer than three cases.",
    ],
}


def hotspot_story(**changes):
    story = {
        "id": "covid-hotspots-area-dover-e07000108",
        "kind": "area",
        "as_of": "2020-11-14",
        "area_code": DOVER[0],
        "area_name": DOVER[1],
        "patches": [],
        "caveats": [],
        "facts": copy.deepcopy(HOTSPOT_FACTS),
        "series": {
            "measures": {
                "rate": {"decimals": 1, "per": 100000},
                "cases": {"decimals": 0, "suppressed_below": 3},
            }
        },
        **copy.deepcopy(HOTSPOT_COPY),
    }
    story.update(changes)
    return story


def test_hotspot_copy_that_fits_its_facts_passes():
    assert problems(hotspot_story()) == []


def test_the_neighbourhood_is_the_hotspot_and_its_figures_must_be_its_own():
    found = problems(edited(hotspot_story(), "standfirst", "59 cases", "58 cases"))
    assert len(found) == 1 and '"58"' in found[0]


def test_a_count_of_cases_in_a_rate_fact_backs_cases_of_its_area():
    # the hotspot's cases come only from the rate fact about Dover that names it
    story = hotspot_story()
    story["series"]["measures"]["cases"]["noun"] = "case"
    assert problems(story) == []
    found = problems(edited(story, "standfirst", "59 cases", "58 cases"))
    assert len(found) == 1 and '"58"' in found[0]


def test_its_is_the_area_the_sentence_before_named():
    assert problems(edited(hotspot_story(), "paragraphs", "from 531.9", "from 531.8", 0))
    # without the hotspot named before, "its" is Dover's: the hotspot's figures are not backed
    story = edited(hotspot_story(), "paragraphs", "Deal Seafront had", "Dover had", 0)
    assert any('"531.9"' in problem for problem in problems(story))


def test_a_possessive_names_where_a_ranking_is_counted():
    story = hotspot_story()
    for fact in (story["facts"][0], story["facts"][4]):  # the hotspot of somewhere else
        fact["values"].update(group_code="E10000016", group_name="Kent")
    assert any('"highest"' in problem and "headline" in problem for problem in problems(story))


def test_a_hotspot_is_counted_in_the_group_its_fact_names():
    """With no ranking that gives the district's code (one neighbourhood with a figure), the
    hotspot fact's group name says where "Dover's highest" is counted."""
    story = hotspot_story()
    del story["facts"][0]["values"]["group_code"]
    story["facts"] = [f for f in story["facts"] if f["kind"] != "rank"]
    assert problems(story) == []
    story["facts"][0]["values"]["group_name"] = "Deal"  # the hotspot of somewhere else
    assert any('"highest"' in problem and "headline" in problem for problem in problems(story))


def test_a_ranking_before_any_name_is_about_the_area_after_it():
    story = edited(hotspot_story(), "paragraphs", "in Sandwich Haven", "in Deal Seafront", 1)
    assert problems(story) == []  # Deal's place this week backs it (the week is not checked)
    story = hotspot_story()
    story["facts"][0]["values"]["previous_hotspot_name"] = "Aylesham Fields"
    story["facts"][0]["values"]["previous_hotspot_code"] = "E02005052"
    assert any('"highest"' in problem for problem in problems(story))


def test_areas_ahead_of_a_place_are_counted():
    assert problems(edited(hotspot_story(), "paragraphs", "only seven", "only nine", 2))


def test_a_count_of_areas_is_backed_by_a_fact_that_counts_them():
    assert problems(
        edited(hotspot_story(), "paragraphs", "Six neighbourhoods", "Five neighbourhoods", 3)
    )


def test_band_labels_back_their_figures_and_no_others():
    assert problems(edited(hotspot_story(), "paragraphs", "over 400 per", "over 300 per", 0))


def test_per_100000_is_backed_only_when_the_measure_says_so():
    story = hotspot_story()
    del story["series"]["measures"]["rate"]["per"]
    assert any('"100,000"' in problem for problem in problems(story))


def test_fewer_than_three_is_backed_only_when_the_measure_is_suppressed_below_three():
    story = hotspot_story()
    del story["series"]["measures"]["cases"]["suppressed_below"]
    assert any('"fewer than three"' in problem for problem in problems(story))


def moved_in_dover(up, down, same):
    """Dover's count of neighbourhoods whose rate rose and fell on the week before."""
    return fact(
        "against_trend", "against_trend.rate.neighbourhood-count", DOVER, "rate", up,
        group_name="Dover", peer_level="neighbourhood", of=up + down + same, up=up, down=down,
        same=same, names_up=[], names_down=[],
        majority="up" if up * 2 > up + down + same else "down" if down * 2 > up + down + same else None,
    )  # fmt: skip


@pytest.mark.parametrize(
    "moved, sentence, ok",
    [
        # each word of direction counts the figure after it, up to the next such word
        ((1, 12, 0), "Rates rose in one of the 13 neighbourhoods with figures for both weeks "
         "and fell in 12.", True),
        ((1, 12, 0), "Rates fell in one of the 13 neighbourhoods with figures for both weeks "
         "and rose in 12.", False),
        ((1, 12, 0), "Rates rose in one of the 13 neighbourhoods with figures for both weeks "
         "and fell in 11.", False),
        # the 13 counted in says nothing of which way, though inner areas' facts say 13 fell
        ((1, 12, 0), "Rates rose in one of the 13 neighbourhoods in Dover and fell in 12.", True),
        # "the 13" after "12 of" is the group counted, though no noun follows it
        ((0, 12, 1), "No neighbourhood's rate rose on the week before; it fell in 12 of the "
         "13 with figures for both weeks.", True),
        ((0, 12, 1), "No neighbourhood's rate rose on the week before; it fell in 12 of the "
         "14 with figures for both weeks.", False),
        ((0, 12, 1), "No neighbourhood's rate rose on the week before; it rose in 12 of the "
         "13 with figures for both weeks.", False),
        # "one of the 13" is a count, though "one of the highest" is not a figure
        ((12, 1, 0), "Rates fell in only one of the 13 neighbourhoods in Dover.", True),
        ((1, 12, 0), "Rates fell in only one of the 13 neighbourhoods in Dover.", False),
        ((1, 12, 0), "Rates fell in only one of the 14 neighbourhoods in Dover.", False),
        # a clause "including ..." goes on the same way: its count is of areas that rose too
        ((10, 2, 1), "Across Dover, rates rose in 10 of the 13 neighbourhoods, including 10 "
         "of the 13 neighbourhoods with figures for both weeks.", True),
        ((10, 2, 1), "Across Dover, rates rose in 10 of the 13 neighbourhoods, including two "
         "of the 13 neighbourhoods with figures for both weeks.", False),
        # each count after the word is of areas that went that way: six is the top band's
        # count (of 14), not a count of rises, though "one" after "including" is
        ((1, 12, 0), "Across Dover, rates rose in six of the 14 neighbourhoods, including one "
         "of the 13 neighbourhoods with figures for both weeks.", False),
        # every way counted, the unchanged too
        ((10, 2, 1), "Rates rose in 10 of the 13 neighbourhoods with figures for both weeks, "
         "fell in two and were unchanged in one.", True),
        ((10, 1, 2), "Rates rose in 10 of the 13 neighbourhoods with figures for both weeks, "
         "fell in two and were unchanged in one.", False),
        # those "with figures for both weeks" are the areas a change is counted in: 14 is how
        # many Dover has with a figure this week (its hotspot's ranking), not both
        ((1, 12, 0), "Of the 13 neighbourhoods with figures for both weeks, rates fell in 12.",
         True),
        ((1, 12, 0), "Of the 14 neighbourhoods with figures for both weeks, rates fell in 12.",
         False),
        ((1, 12, 0), "Rates fell in 12 of the 14 neighbourhoods with figures for both weeks.",
         False),
        # after "all", how many went that way too
        ((13, 0, 0), "Rates rose in all 13 neighbourhoods with figures for both weeks.", True),
        ((13, 0, 0), "Rates rose in all 14 neighbourhoods with figures for both weeks.", False),
        ((12, 1, 0), "Rates rose in all 13 neighbourhoods with figures for both weeks.", False),
        # "Not one of the 13" is none of them, not one
        ((0, 12, 1), "Not one of the 13 neighbourhoods with figures for both weeks had more "
         "cases than a week earlier.", True),
        ((1, 11, 1), "Not one of the 13 neighbourhoods with figures for both weeks had more "
         "cases than a week earlier.", False),
        # "had more ... than a week earlier" says which way, as "rose" does: the count is of
        # those that rose, and its group the one that count is of, not the 14 Deal Seafront
        # is ranked among (with none tied: another nought)
        ((0, 12, 1), "Not one of the 13 neighbourhoods in Dover had more cases than a week "
         "earlier.", True),
        ((0, 12, 1), "Not one of the 14 neighbourhoods in Dover had more cases than a week "
         "earlier.", False),
        ((0, 12, 1), "Not one of the 13 neighbourhoods in Dover had fewer cases than a week "
         "earlier.", False),
        ((12, 0, 1), "Not one of the 13 neighbourhoods in Dover had fewer cases than the week "
         "before.", True),
    ],
)  # fmt: skip
def test_counts_of_neighbourhoods_that_rose_and_fell(moved, sentence, ok):
    story = hotspot_story()
    story["facts"].append(moved_in_dover(*moved))
    story["paragraphs"].append(sentence)
    assert (problems(story) == []) is ok, problems(story)


# -- a trust ----------------------------------------------------------------------------

TRUST = ("RAX", "Kingston Hospital NHS Foundation Trust", "trust")
LONDON = ("LONDON", "London", "region")


def trust_story(**changes):
    facts = [
        fact(
            "change", "change.patients", TRUST, "patients", 101.0, previous=80.0,
            previous_date="2020-11-07", streak=3, streak_from="2020-10-24", change=21.0,
            pct_change=26.25, direction="up",
        ),
        fact(
            "against_average", "against_average.ventilated_share.country", TRUST,
            "ventilated_share", 8.9, compared_with="country", wider_code="ENGLAND",
            wider_name="England", wider_value=7.7, side="above",
        ),
        fact(
            "against_average", "against_average.ventilated_share.country", LONDON,
            "ventilated_share", 11.5, compared_with="country", wider_code="ENGLAND",
            wider_name="England", wider_value=7.7, side="above",
        ),
    ]  # fmt: skip
    story = {
        "id": "hospital-patients-area-kingston-rax",
        "kind": "area",
        "as_of": "2020-11-14",
        "area_code": TRUST[0],
        "area_name": TRUST[1],
        "patches": [],
        "caveats": [],
        "facts": facts,
        "series": {
            "measures": {
                "patients": {"decimals": 0},
                "ventilated_share": {"decimals": 1, "per": 100},
            }
        },
        "headline": "Covid-19 patients at Kingston trust rise by 26.3% in a week",
        "standfirst": "Covid-19 patients occupied 101 beds at the trust on November 14, "
        "against 80 a week earlier.",
        "paragraphs": [
            "The number has risen for three weeks running.",
            "The share on ventilators, 8.9%, compares with 7.7% across England.",
        ],
    }
    story.update(changes)
    return story


def test_trust_copy_that_fits_its_facts_passes():
    assert problems(trust_story()) == []


def test_a_streak_counts_weeks_and_only_its_own():
    found = problems(edited(trust_story(), "paragraphs", "three weeks", "four weeks", 0))
    assert len(found) == 1 and '"four"' in found[0]
    assert problems(edited(trust_story(), "paragraphs", "three weeks", "three days", 0))


def test_a_share_measure_prints_as_a_percentage_of_its_own_area():
    assert problems(edited(trust_story(), "paragraphs", "8.9%", "9.0%", 1))
    # the region's 11.5% is not the trust's
    assert problems(edited(trust_story(), "paragraphs", "8.9%", "11.5%", 1))


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("It had 101 patients in all.", True),  # read as ventilated only, it was held
        ("Nine patients were on ventilators, up from seven.", True),
        ("It had 102 patients in all.", False),
        ("It had 12 patients on ventilators.", False),
    ],
)
def test_a_noun_two_measures_share_counts_either(sentence, ok):
    """Patients and those on ventilators are both counted in patients: a figure before
    "patients" is one of either measure, not only of the measure named last."""
    story = trust_story()
    story["facts"].append(
        fact("change", "change.ventilated", TRUST, "ventilated", 9.0, previous=7.0,
             previous_date="2020-11-07", change=2.0, pct_change=28.6, direction="up")
    )  # fmt: skip
    story["series"]["measures"]["patients"]["noun"] = "patient"
    story["series"]["measures"]["ventilated"] = {"decimals": 0, "noun": "patient"}
    story["paragraphs"].append(sentence)
    assert (problems(story) == []) is ok


def no_one_ventilated(trust_share, region_down):
    """A trust whose share on ventilators is ``trust_share`` (no count of them), in a story
    that also counts the region's trusts whose patients fell (``region_down``)."""
    story = trust_story()
    story["facts"][1]["value"] = trust_share
    story["facts"].append(
        fact(
            "against_trend", "against_trend.patients.trust-count", LONDON, "patients", 18.0,
            of=18, up=18.0, down=region_down, same=0.0,
        )
    )  # fmt: skip
    story["paragraphs"][1] = (
        "Not one of its Covid-19 patients was on mechanical ventilation, against 7.7% across "
        "England."
    )
    return story


@pytest.mark.parametrize(
    "trust_share, region_down, ok",
    [
        (0.0, 0.0, True),  # a share of none: not one of its patients
        (0.0, 2.0, True),  # backed by its own share, not by the region's count
        (8.9, 0.0, False),  # 8.9% on ventilators is not none, whatever the region counts
        (0.4, 0.0, False),  # nor is a share that prints as 0.4%
    ],
)
def test_a_share_of_none_backs_not_one_of_its_patients(trust_share, region_down, ok):
    found = problems(no_one_ventilated(trust_share, region_down))
    assert (found == []) is ok, found
    if not ok:  # the region's nought is no figure of the trust's
        assert "Not one" in found[0]


def test_across_england_brings_only_englands_figure_into_scope():
    assert problems(trust_story()) == []
    story = edited(trust_story(), "paragraphs", "7.7% across England", "7.7% at the trust", 1)
    assert any('"7.7%"' in problem for problem in problems(story))
    assert problems(edited(trust_story(), "paragraphs", "7.7% across", "7.8% across", 1))


def test_beds_at_the_trust_are_not_a_count_of_trusts():
    (figure,) = [f for f in find("occupied 16 beds at the trust") if f.kind == "number"]
    assert figure.unit == ""
    assert [f.unit for f in find("six of the 13 trusts")] == ["areas", "areas"]


@pytest.mark.parametrize(
    ("comparison", "ok"),
    [("21 more than a week earlier", True), ("21 fewer than a week earlier", False)],
)
def test_more_or_fewer_than_a_week_earlier_is_the_way_the_figure_went(comparison, ok):
    story = edited(trust_story(), "standfirst", "against 80 a week earlier", comparison)
    assert (problems(story) == []) is ok, problems(story)


@pytest.mark.parametrize(
    "sentence, ok",
    [
        ("The number rose at none of the four trusts.", True),
        ("The number fell at none of the four trusts.", False),
    ],
)
def test_none_of_is_a_count_of_nought(sentence, ok):
    story = trust_story()
    story["kind"] = "roundup"
    story["area_code"] = None
    story["facts"].append(
        fact(
            "against_trend", "against_trend.patients.trust-count", ("kent", "Kent", "patch"),
            "patients", 0, of=4, up=0, down=3, same=1,
        )
    )  # fmt: skip
    story["paragraphs"] = [sentence]
    assert (problems(story) == []) is ok


@pytest.mark.parametrize(
    "word, majority, ok",
    [
        ("fell", "down", True),  # most of Dover's neighbourhoods fell, though its own rate rose
        ("rose", "down", False),
        ("rose", "up", True),
        ("fell", "up", False),
    ],
)
def test_most_of_an_area_is_the_way_most_of_its_areas_went(word, majority, ok):
    """ "While rates fell across most of England" speaks of England's council areas, not of
    England's own rate: the word must be the way most of them went (its count fact's
    majority), whichever way the area's own figures went (May 14, 2021: most districts
    fell, England's rate rose)."""
    story = hotspot_story()
    own = fact(
        "change", "change.rate", DOVER, "rate", 301.2, previous=280.5, change=20.7,
        direction="up", pct_change=7.38,
    )  # fmt: skip
    counts = moved_in_dover(1, 12, 0) if majority == "down" else moved_in_dover(12, 1, 0)
    story["facts"] += [own, counts]
    story["paragraphs"].append(
        f"While rates {word} across most of Dover in the week ending November 14, Deal "
        "Seafront's went the other way."
    )
    assert (problems(story) == []) is ok, problems(story)


def test_the_areas_with_a_higher_rate_are_those_ahead_of_a_place():
    """ "only seven neighbourhoods had a higher rate" is eighth place: a count of six, which
    the top band's count gives, is not backed by it."""
    assert problems(hotspot_story()) == []
    found = problems(edited(hotspot_story(), "paragraphs", "only seven", "only six", 2))
    assert any('"six"' in problem for problem in found), found


@pytest.mark.parametrize(("ahead", "ok"), [("seven", True), ("six", False)])
def test_the_areas_with_a_higher_rate_are_counted_where_the_copy_says(ahead, ok):
    """ "Across Dover, only six neighbourhoods had a higher rate" is not backed by seventh
    place in Kent: the place must be counted in the area named."""
    story = hotspot_story()
    story["facts"].append(
        fact(
            "rank", "rank.rate.neighbourhood-in-county", DEAL, "rate", 713.2,
            group_code="E10000016", group_name="Kent", position=7, position_from_bottom=90,
            of=96, tied=0, peer_level="neighbourhood", peer_within="county",
        )
    )  # fmt: skip
    story["paragraphs"].append(f"Across Dover, only {ahead} neighbourhoods had a higher rate.")
    assert (problems(story) == []) is ok, problems(story)


LEWES = ("E07000063", "Lewes", "district")
ROTHER = ("E07000064", "Rother", "district")


def east_sussex_roundup(sentence, *facts):
    """A county roundup whose body is ``sentence``, backed by ``facts``."""
    story = trust_story()
    story.update(kind="roundup", area_code=None, area_name="East Sussex", headline="Rates")
    story["standfirst"] = "Rates in East Sussex."
    story["series"] = {"measures": {"rate": {"decimals": 1}, "cases": {"decimals": 0}}}
    story["facts"] = list(facts)
    story["paragraphs"] = [sentence]
    return story


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("Lewes (5.8) and Rother (4.2) fell below 10 in the latest week.", True),
        # 10 is the band's edge they crossed, not a figure that moved: the word is theirs
        ("Lewes (5.8) and Rother (4.2) rose above 10 in the latest week.", False),
    ],
)  # fmt: skip
def test_a_line_crossed_is_no_figure_that_moved(sentence, ok):
    """ "fell below 10": 10 is a band's edge. A figure that rose (Rother's 9 cases, up from 8,
    which "below 10" could stand for) says nothing of the areas that crossed it; their own
    figures do (East Sussex, May 20, 2021)."""
    story = east_sussex_roundup(
        sentence,
        fact("change", "change.rate", LEWES, "rate", 5.8, previous=11.3, direction="down"),
        fact("change", "change.rate", ROTHER, "rate", 4.2, previous=10.8, direction="down"),
        fact("change", "change.cases", ROTHER, "cases", 9.0, previous=8.0, direction="up"),
        *(
            fact(
                "threshold", "threshold.rate.band", area, "rate", value, band_label="0-10",
                band_lower=0.0, band_upper=10.0, crossed="down",
            )
            for area, value in ((LEWES, 5.8), (ROTHER, 4.2))
        ),
    )  # fmt: skip
    assert (problems(story) == []) is ok, problems(story)


EAST_SUSSEX = ("E10000011", "East Sussex", "county")


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("Three of the five council areas in East Sussex rose above 1,600.", True),
        ("Three areas of East Sussex rise above 1,600", True),
        # three is how many went up over the edge, not how many came down under it
        ("Three of the five council areas in East Sussex fell below 1,600.", False),
        ("Two of the five council areas in East Sussex rose above 1,600.", False),
    ],
)  # fmt: skip
def test_a_count_of_areas_that_crossed_a_bands_edge_went_the_way_it_crossed(sentence, ok):
    """ "Eight areas of Essex rise above 1,600" (December 22, 2021): the county's band count
    says how many areas went over each edge (``rose_above_1600``) and how many came under it
    (``fell_below_1600``); a count said to have risen over one must be the first, even where
    it is also how many are in the top band."""
    count = fact(
        "threshold", "threshold.rate.band-district-count", EAST_SUSSEX, "rate", 3,
        of=5, below_1600=2, rose_above_1600=3, fell_below_1600=0, rose_above_800=0,
        counts=[0, 2, 3], labels=["0-800", "801-1,600", "over 1,600"],
        group_name="East Sussex", peer_level="district",
    )  # fmt: skip
    bands = [
        fact(
            "threshold", "threshold.rate.band", area, "rate", value, band_label="over 1,600",
            band_lower=1600.0, band_upper=None, crossed="up",
        )
        for area, value in ((LEWES, 1702.1), (ROTHER, 1652.5))
    ]  # fmt: skip
    story = east_sussex_roundup(sentence, count, *bands)
    assert (problems(story) == []) is ok, problems(story)


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("Rother (205.5) remains above 100.", True),
        ("Rother (205.5) remains above 300.", False),  # no line of the facts
    ],
)
def test_a_bands_edge_is_a_line_for_every_area(sentence, ok):
    """ "Carlisle and South Lakeland remain above 100" (Cumbria, November 23, 2020): 100 is
    the edge of a band, given by the band fact of an area in that band; the areas above it
    are in other bands, whose facts give other edges."""
    story = rother_and_lewes_banded(sentence)
    assert (problems(story) == []) is ok, problems(story)


def rother_and_lewes_banded(sentence, *facts):
    """An East Sussex roundup whose body is ``sentence``: Rother at 205.5 (up from 180.2) in
    the band 201-400, Lewes at 95.0 in the band 51-100, and ``facts``."""
    return east_sussex_roundup(
        sentence,
        fact("change", "change.rate", ROTHER, "rate", 205.5, previous=180.2, direction="up"),
        fact(
            "threshold", "threshold.rate.band", ROTHER, "rate", 205.5, band_label="201-400",
            band_lower=200.0, band_upper=400.0,
        ),
        fact(
            "threshold", "threshold.rate.band", LEWES, "rate", 95.0, band_label="51-100",
            band_lower=50.0, band_upper=100.0,
        ),
        *facts,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("Rother (205.5) remains above 100.", True),
        ("Lewes (95.0) is still below 100.", True),
        ("Rother (205.5) and Lewes (95.0) remain above 100.", False),
        ("Rother (205.5) is still below 100.", False),
        ("Lewes fell below 100 in the latest week, from 101.2 to 95.0.", True),
    ],
)
def test_an_area_said_to_be_above_or_below_a_line_is_on_that_side_of_it(sentence, ok):
    """ "Preston (142.5) and South Ribble (116.4) remain above 100": each area's figure in a
    sentence that puts areas above or below a target or a band's edge must be on that side
    of it; the figure an area had a week earlier may be on the other."""
    story = rother_and_lewes_banded(
        sentence,
        fact("change", "change.rate", LEWES, "rate", 95.0, previous=101.2, direction="down"),
    )
    assert (problems(story) == []) is ok, problems(story)
