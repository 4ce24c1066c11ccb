"""The sub-editor's checks, and the patch totals the roundups print."""

from __future__ import annotations

import pandas as pd

from storygen import copycheck
from storygen import narrative as narratives
from storygen.facts import Fact, Subject
from storygen.patch_totals import totals


def test_a_long_sentence_is_caught_and_a_short_one_is_not():
    words = [f"w{n}" for n in range(41)]
    long = " ".join(words) + "."
    assert [p.message for p in copycheck.check("Fine.", [long])] == ["41 words, over 40"]
    assert copycheck.check("Fine.", [" ".join(words[:40]) + "."]) == []


def test_a_sentence_said_twice_and_alike_openings():
    problems = copycheck.check("Rates fell.", ["Rates fell.", "Rates fell in Kent too."])
    assert [p.message for p in problems] == [
        "said twice",
        "opens like an earlier sentence ('rates fell')",
    ]


def test_leftovers_of_a_template_gone_wrong():
    messages = [
        problem.message
        for text in ("The rate was nan.", "Cases showed a rise of -3%.", "It had () cases.")
        for problem in copycheck.check("", [text])
    ]
    assert messages == ["a missing value printed as text", "a signed change", "empty brackets"]


def test_counts_a_sub_editor_would_rewrite():
    """ "in all two" is "in both"; a way no area moved is left out, not counted as none."""
    messages = [
        problem.message
        for text in (
            "Rates fell in all two neighbourhoods with figures for both weeks.",
            "Of the two neighbourhoods, rates rose in none and fell in one.",
            "Rates fell in both neighbourhoods, and in all 12 council areas.",
            "Rates fell in 124 areas, including six of the six in Cumbria.",
            "Sevenoaks's Sevenoaks Town & Weald had the highest rate.",
            "Swale's Sheppey East had the highest rate, ahead of Sevenoaks Town.",
        )
        for problem in copycheck.check("", [text])
    ]
    assert messages == [
        '"all" of one or two',
        "a way no area moved",
        '"six of the six" for "all six"',
        "a name after its own possessive",
    ]


def test_ap_month_abbreviations_do_not_end_a_sentence():
    assert copycheck.sentences("Cases rose on Nov. 26. They fell on Dec. 3.") == [
        "Cases rose on Nov. 26.",
        "They fell on Dec. 3.",
    ]


def change(code: str, measure: str, now: float, before: float) -> Fact:
    return Fact(
        kind="change",
        subject=Subject(code, code, "district"),
        measure=measure,
        period_end="2021-03-03",
        value=now,
        values={"previous": before},
        id=f"change.{measure}.{code}",
    )


AREAS = pd.DataFrame(
    {"is_district": [True, True, False], "population": [100_000, 300_000, 400_000]},
    index=["A", "B", "K"],
)


def patch_totals(narrative, facts, codes: list[str]) -> dict[str, Fact]:
    """The totals of a patch of ``codes`` (among ``AREAS``), by measure."""
    found = totals(
        narrative,
        AREAS,
        "district",
        codes,
        facts,
        patch_name="Patch",
        patch_slug="patch",
        as_of="2021-03-03",
    )
    return {fact.measure: fact for fact in found}


def test_patch_totals_add_up_local_areas_and_recompute_the_rate():
    narrative = narratives.load("covid-cases")
    facts = {
        "A": {"change.cases": change("A", "cases", 50, 100)},
        "B": {"change.cases": change("B", "cases", 250, 200)},
        "K": {"change.cases": change("K", "cases", 300, 300)},  # the county: not counted twice
    }
    found = patch_totals(narrative, facts, ["A", "B", "K"])
    assert found["cases"].value == 300
    assert found["cases"].values["previous"] == 300
    assert found["cases"].values["direction"] == "same"
    assert found["rate"].value == 75.0  # 300 cases among 400,000 people
    assert found["rate"].provenance.areas == ("A", "B")


def test_a_patch_total_is_left_out_when_an_area_has_no_figure():
    narrative = narratives.load("covid-cases")
    facts = {"A": {"change.cases": change("A", "cases", 50, 100)}, "B": {}}  # B suppressed
    assert patch_totals(narrative, facts, ["A", "B"]) == {}


def test_an_area_with_no_figure_a_week_earlier_and_none_now_adds_nothing_to_a_count_total():
    """A hospital that began reporting with no Covid-19 patients adds nothing to either
    week's count, so the patch's total is the rest's; one that began with patients leaves
    the total out, as does any area in a rate, whose population would count it in one week
    and not the other."""
    narrative = narratives.load("covid-cases")

    def rank(code: str, value: float) -> Fact:
        return Fact("rank", Subject(code, code, "district"), "cases", "2021-03-03", value)

    began_with_none = {
        "A": {"change.cases": change("A", "cases", 50, 100)},
        "B": {"rank.cases": rank("B", 0)},
    }
    found = patch_totals(narrative, began_with_none, ["A", "B"])
    assert (found["cases"].value, found["cases"].values["previous"]) == (50, 100)
    assert "1 more with none now and no figure a week earlier add nothing" in (
        found["cases"].provenance.arithmetic
    )
    assert "rate" not in found
    began_with_some = {
        "A": {"change.cases": change("A", "cases", 50, 100)},
        "B": {"rank.cases": rank("B", 3)},
    }
    assert patch_totals(narrative, began_with_some, ["A", "B"]) == {}


def test_an_area_missing_today_leaves_a_count_total_only_while_it_is_small():
    """A trust that gave no figure today (a ``missing`` fact, its last figure as value) is
    left out of both weeks of a count's total while its last figure is under 5% of it, and
    the arithmetic says so; at 5% or more, the patch has no total; a rate never has one."""
    narrative = narratives.load("covid-cases")

    def gap(code: str, last: float) -> Fact:
        values = {"last_date": "2021-03-02", "days": 1}
        return Fact("missing", Subject(code, code, "district"), "cases", "2021-03-03", last,
                    values, id=f"missing.cases.{code}")  # fmt: skip

    reporting = {"change.cases": change("A", "cases", 1000, 1100)}
    small = patch_totals(
        narrative, {"A": reporting, "B": {"missing.cases": gap("B", 49)}}, ["A", "B"]
    )
    assert (small["cases"].value, small["cases"].values["previous"]) == (1000, 1100)
    assert small["cases"].provenance.areas == ("A", "B")
    assert "1 more gave no figure on the day; their last figures, 49 in all" in (
        small["cases"].provenance.arithmetic
    )
    assert "rate" not in small  # its population would count B in neither week's cases
    large = {"A": reporting, "B": {"missing.cases": gap("B", 50)}}  # 5% of 1,000
    assert patch_totals(narrative, large, ["A", "B"]) == {}
