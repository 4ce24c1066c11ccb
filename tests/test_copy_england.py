"""Every narrative, every area of England on one date, real data: copy a sub-editor can pass.

Area stories are written for every district (or trust, or neighbourhood's district) the data
has; roundups for the Kent and Medway patch and for a patch made of each county's areas (each NHS
region's trusts), so that every area also appears in a patch story. No story may be held, and none may
have a sentence over 40 words, a sentence said twice or a value printed as "nan".
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from shared_data import REAL
from stories import copy, copy_problems, own

from storygen import narrative as narratives
from storygen.compose import StoryInputs, compose
from storygen.detect import by_area
from storygen.patches import Patch, load_all
from storygen.pipeline import RunOptions, fact_checked, prepare, run
from storygen.render import Renderer
from storygen.style.change import change_words
from storygen.style.dates import date_year
from storygen.style.grammar import short_name
from storygen.style.numbers import number, rate
from storygen.text import slug

RUNS = {  # narrative: (inputs, as-of date, the level whose areas make test patches)
    "covid-cases": (
        {"cases": "england_ltla_cases_final.csv", "areas": "england_ltla_lookup_lad19.csv"},
        "2020-11-25",
        "county",
    ),
    "covid-hotspots": ({"msoa": "southeast_msoa_cases_weekly.csv"}, "2020-11-14", "county"),
    "hospital-patients": (
        {
            "beds": "nhs_trust_covid_beds_admissions_2020-08_2021-03.csv",
            "trusts": "nhs_trust_lookup.csv",
        },
        "2020-12-23",
        "region",
    ),
}
SHIPPED = [name for name in RUNS if name in narratives.shipped_names()]


def real_files(name: str) -> dict[str, str]:
    """The real files the narrative ``name`` of ``RUNS`` reads, by input name."""
    return {k: str(REAL / v) for k, v in RUNS[name][0].items()}


def group_patches(areas, level: str) -> list[Patch]:
    """A patch for every area at ``level`` holding two or more areas below it."""
    patches = []
    for code in areas.index[areas[f"is_{level}"]]:
        inside = areas.index[(areas[f"{level}_code"] == code) & (areas.index != code)]
        if len(inside) > 1:
            name = str(areas.at[code, "name"])
            patches.append(Patch(name, slug(name), {c: str(areas.at[c, "name"]) for c in inside}))
    return patches


# more dates: the first weeks of the neighbourhood file (September 5, 2020 has no week
# before it, and Sevenoaks Town & Weald, not "Sevenoaks's", is Kent's hotspot), when most
# counts are suppressed and groups are small ("both", not "all two"); quiet spring weeks of 2021, when a county's rate
# can move less than 0.1 ("little changed at 13.2", not "rose from 13.2 to 13.2"), South
# Bucks goes against the trend (not "South Bucks bucks") and Medway's rate rises "to 26.9"
# (not "up to 26.9", which reads as "at most"); June 16, 2021, when Folkestone and Hythe
# shares the lowest rate in Kent ("joint lowest"); January 25, 2022, when the highest rate
# in England is in Peterborough, "in the East of England"; May 14, 2021, when most council
# areas' rates fell while England's rose (161 falls to 134 rises: no trend for a patch to buck);
# October 20, 2020, when Torridge, in Devon, fell below 25, the target set in Kent and Medway;
# May 20, 2021, when Lewes and Rother fell below 10, a band's edge (named, not counted)
MORE_DATES = {
    "covid-hotspots": ["2020-09-05", "2020-09-19"],
    "covid-cases": [
        "2020-10-20", "2021-04-15", "2021-05-14", "2021-05-20", "2021-05-31", "2021-06-16",
        "2022-01-25",
    ],
}  # fmt: skip


def prepared_on_real_files(name: str, as_of: str):
    """A narrative prepared on the real files for ``as_of``: its panel and facts."""
    return prepare(narratives.load(name), RunOptions([name], real_files(name), as_of), {})


def composed_with(prepared, patches: list[Patch]):
    """Stories of a prepared narrative for every area and for ``patches``, composed but not
    fact-checked."""
    narrative = prepared.narrative
    inputs = StoryInputs(
        narrative,
        prepared.panel,
        by_area(prepared.facts),
        prepared.as_of,
        [],
        False,
        patches,
        incomplete=prepared.incomplete,
    )
    return compose(inputs, Renderer(narrative.style))


def composed_everywhere(name: str, as_of: str):
    """A narrative prepared on the real files, and its stories for every area, the shipped
    patches and a patch for each area at the run's patch level (each county, each region),
    composed but not fact-checked."""
    prepared = prepared_on_real_files(name, as_of)
    patches = load_all() + group_patches(prepared.panel.areas, RUNS[name][2])
    return prepared, composed_with(prepared, patches)


def gave_no_figure(prepared, held: list[dict]) -> list[dict]:
    """The held stories of areas that gave no figure on the day (their ``missing`` facts),
    held by the template saying so: every other held story is a failure."""
    gone = {slug(f.subject.code) for f in prepared.facts if f.kind == "missing"}
    return [
        h
        for h in held
        if h["id"].rsplit("-", 1)[-1] in gone and " gave no figure for " in h["reason"]
    ]


def checked_everywhere(name: str, as_of: str):
    """``composed_everywhere``, fact-checked, with none held but those of areas that gave
    no figure on the day (asserted)."""
    prepared, composed = composed_everywhere(name, as_of)
    checked = fact_checked(composed)
    assert [h for h in checked.held if h not in gave_no_figure(prepared, checked.held)] == []
    return checked


@pytest.mark.parametrize(
    ("name", "as_of"),
    [(name, RUNS[name][1]) for name in SHIPPED]
    + [(name, as_of) for name, dates in MORE_DATES.items() for as_of in dates],
)
def test_every_area_of_england_reads_cleanly(name, as_of):
    inputs, _as_of, _level = RUNS[name]
    missing = [file for file in inputs.values() if not (REAL / file).exists()]
    if missing:
        pytest.skip(f"real data not found: {REAL / missing[0]}")
    prepared, composed = composed_everywhere(name, as_of)
    narrative, panel = prepared.narrative, prepared.panel
    # on a week with near as many rises as falls (May 14 and 20, 2021) there is no trend
    # for a patch to buck, and the against-the-trend stories are held saying so
    trendless = [
        h
        for h in composed.held
        if h["id"].startswith("covid-cases-against-trend-")
        and h["reason"].endswith("there is no national trend to go against")
    ]
    trendless += gave_no_figure(prepared, composed.held)  # a trust that skipped the day
    assert [h for h in composed.held if h not in trendless] == []
    # every story, each county's roundups too, passes the fact-check
    assert [h["reason"] for h in fact_checked(composed).held if h not in trendless] == []
    written = {story.area_code for story in composed.stories}
    with_facts = set(by_area(prepared.facts))
    # held saying it gave no figure on the day: its story is accounted for
    with_facts -= {f.subject.code for f in prepared.facts if f.kind == "missing"}
    for plan in narrative.plans.values():
        for level in plan.levels if plan.kind == "area" else ():
            at_level = set(panel.areas.index[panel.areas[f"is_{level}"]]) & with_facts
            assert at_level <= written, (
                f"{plan.name}: no story for {sorted(at_level - written)[:5]}"
            )
    assert copy_problems(composed.stories) == []
    assert len(composed.stories) > 50
    # a target set in Kent and Medway is not spoken of elsewhere
    elsewhere = [
        story.id
        for story in composed.stories
        if not set(story.patches) & {"Kent and Medway", "Kent", "Medway"}
        and "set in Kent and Medway" in copy(story)
    ]
    assert elsewhere == []


@pytest.fixture(scope="module")
def hospitals():
    """Every trust in England on one day, fact-checked."""
    inputs, as_of, _level = RUNS["hospital-patients"]
    missing = [file for file in inputs.values() if not (REAL / file).exists()]
    if missing:
        pytest.skip(f"real data not found: {REAL / missing[0]}")
    return run(RunOptions(["hospital-patients"], real_files("hospital-patients"), as_of))


def test_a_trust_with_no_patients_says_so_not_that_it_is_joint_lowest(hospitals):
    """Half the trusts in England's file (small and independent hospitals) had no Covid-19
    patient in December 2020. "Joint lowest number" would be shared with dozens: the copy
    says none, and how many other trusts of its region had none too."""
    assert not [h for h in hospitals.held if "fact-check" in h["reason"]]
    empty = []
    for story in hospitals.stories:
        facts = own(story)
        patients = facts.get("change.patients") or facts.get("rank.patients.trust-in-region")
        if story.kind == "area" and patients is not None and patients.value == 0:
            empty.append((story, facts))
    assert len(empty) > 50
    for story, facts in empty:
        text = copy(story)
        assert story.headline.startswith("No Covid-19 patients at "), story.headline
        assert "lowest number" not in text
        ranked = facts["rank.patients.trust-in-region"].values
        if ranked["tied"]:
            called = _called(ranked["tied_with"])
            assert re.search(
                rf"\b[Ll]ike {number(ranked['tied'])} other {called} in (the )?"
                rf"{ranked['group_name']}\b",
                text,
            )


def _nhs(name: str) -> bool:
    """An NHS body: NHS England's file also lists independent hospitals (Spire, Nuffield
    Health, Horton NHS Treatment Centre), whose names do not say "NHS ... Trust"."""
    return "NHS" in name and "TRUST" in name.upper()


def _called(names: list[str]) -> str:
    nhs = sum(map(_nhs, names))
    if nhs == len(names):
        return "NHS trusts"
    return "independent hospitals" if nhs == 0 else "NHS trusts and independent hospitals"


def test_an_independent_hospital_is_not_called_an_nhs_trust(hospitals):
    """NHS England's file lists 270-odd independent hospitals beside the NHS trusts. A
    story calls a provider "the trust" only if it is one, and names the providers a trust
    is ranked with, or shares none with, for what they are: "the 62 NHS trusts and
    independent hospitals in London", "like 43 other independent hospitals in the South
    East"."""
    inputs, as_of, _level = RUNS["hospital-patients"]
    beds = pd.read_csv(REAL / inputs["beds"], dtype=str)
    reported = beds[
        (beds["metric"] == "beds_occupied_covid_total")
        & (beds["date"] == as_of)
        & beds["value"].notna()
    ]["org_code"]
    lookup = pd.read_csv(REAL / inputs["trusts"], dtype=str)
    lookup = lookup[lookup["org_code"].isin(reported) & lookup["nhs_region"].notna()]
    # NHS region -> the providers with a figure that day, named as in the file (in capitals)
    ranked = {region: list(names) for region, names in lookup.groupby("nhs_region")["org_name"]}
    independent = ranks = 0
    for story in hospitals.stories:
        fact = own(story).get("rank.patients.trust-in-region")
        if story.kind != "area" or fact is None:
            continue
        text = copy(story)
        if not _nhs(story.area_name):
            independent += 1
            assert "the trust" not in text and "NHS trust" not in text.replace(
                "NHS trusts and independent hospitals", ""
            ), text
        peers = ranked[fact.values["group_name"]]
        assert len(peers) == fact.values["of"]
        found = re.search(rf"of the {number(fact.values['of'])} ([\w ]+?) in (the )?[A-Z]", text)
        if found:
            assert found.group(1) == _called(peers), found.group(0)
            ranks += 1
    assert independent > 100
    assert ranks > 50
    called = {_called(names) for names in ranked.values()}
    assert called == {"NHS trusts and independent hospitals"}  # every region has both


def test_a_name_published_in_capitals_keeps_its_initials_and_numerals(hospitals):
    """NHS England lists names in capitals: copy writes "East Coast Community Healthcare
    CIC" (not "C.i.c"), "KIMS Hospital" and "CSH Surrey" (a king's numeral, "King Edward
    VII's", is in ``series.title_case``'s examples: that hospital has no figures this day).
    A hospital's own name after its group's keeps its "The": "BMI - The Priory Hospital" and
    "BMI The Lancaster Hospital", not "BMI - the Priory Hospital"."""
    names = {s.area_code: s.area_name for s in hospitals.stories if s.kind == "area"}
    assert names["NAX"] == "East Coast Community Healthcare CIC"
    written = set(names.values())
    assert "KIMS Hospital (Newnham Court)" in written
    assert "CSH Surrey" in written
    everyone = " ".join(written)
    assert not re.search(r"\b(?:[A-Z]\.[a-z]|Kims|Vii|Csh|Tfhc)\b", everyone)
    assert "BMI - The Priory Hospital" in written and "BMI The Lancaster Hospital" in written
    assert not re.search(r"\bBMI (?:- )?the\b", everyone)
    story = next(s for s in hospitals.stories if s.area_code == "NAX")
    assert "East Coast Community Healthcare CIC" in copy(story)


def test_a_region_roundup_headline_names_its_largest_trust_as_a_trust():
    """On September 2, 2020 the North West's roundup led "Covid-19 patients at Manchester rise
    from 22 to 26 in a week", which reads as the city (it now leads on the region's total). A
    roundup's headline names its largest trust as the trust's own story does: "Manchester
    trust". On November 30, 2020 three regions' roundups lead on their largest trust, as a
    provider new to the figures had patients, and each calls it a trust."""
    composed = fact_checked(composed_everywhere("hospital-patients", "2020-09-02")[1])
    own_story = next(s for s in composed.stories if s.area_name.startswith("Manchester University"))
    assert own_story.headline.startswith("Manchester trust has ")
    composed = fact_checked(composed_everywhere("hospital-patients", "2020-11-30")[1])
    roundups = {s.id: s for s in composed.stories if s.kind != "area"}
    assert roundups["hospital-patients-roundup-midlands"].headline == (
        "Covid-19 patients at University Hospitals Birmingham trust fall from 405 to 383 in a week"
    )
    led = [s for s in roundups.values() if s.headline.startswith("Covid-19 patients at ")]
    assert len(led) >= 3
    for story in led:
        called = re.match(
            r"Covid-19 patients at (.+?) (?:rise|fall|unchanged|little|more)", story.headline
        )
        assert called and called.group(1).endswith(" trust"), story.headline
    assert copy_problems(led) == []


def test_a_week_of_patients_is_told_in_figures_unless_the_change_has_a_name(hospitals):
    """ "rise from 221 to 253 in a week", not "rise by 14.5%"; "rise by about a third" stays.
    The standfirst then says by how much: "a rise of 14.5% on a week earlier". A change has
    a name when the house style's words for it are not a percentage ("more than double",
    "rise fivefold")."""
    told = named = from_none = 0
    for story in hospitals.stories:
        change = own(story).get("change.patients")
        if story.kind != "area" or change is None or not story.headline.endswith(" in a week"):
            continue
        before, now = change.values["previous"], change.value
        if before == 0 and now > 0:  # not "up from none a week ago", which leaves out the figure
            assert story.headline.endswith(f" rise from none to {number(now)} in a week")
            from_none += 1
        if now == before or before == 0:
            continue
        larger = max(now, before)
        if larger < 100 or (larger < 1000 and "%" in change_words(now, before)):
            way = "rise" if now > before else "fall"
            assert story.headline.endswith(
                f" {way} from {number(before)} to {number(now)} in a week"
            )
            # the standfirst gives the size of the change, not the headline's figures again
            assert f"against {number(before)} a week earlier" not in story.standfirst
            if larger < 100 or abs(now - before) < 10:  # "one more", not "a rise of 0.6%"
                more = "more" if now > before else "fewer"
                assert (
                    f", {number(abs(now - before))} {more} than a week earlier." in story.standfirst
                )
            else:
                assert story.standfirst.endswith(" on a week earlier.")
            told += 1
        elif larger < 1000:  # "rise by about half in a week"
            assert story.headline.endswith(f" {change_words(now, before, 'present')} in a week")
            named += 1
        assert "%" not in story.headline or larger >= 1000, story.headline
    assert told > 20
    assert named > 0
    assert from_none > 0


def test_an_unchanged_number_is_called_unchanged(hospitals):
    """Not "occupied four beds on December 23, against four a week earlier"."""
    unchanged = [
        story
        for story in hospitals.stories
        if story.kind == "area"
        and (change := own(story).get("change.patients")) is not None
        and change.value == change.values["previous"] > 0
    ]
    assert len(unchanged) > 3
    for story in unchanged:
        assert story.standfirst.endswith(", unchanged from a week earlier."), story.standfirst


def test_the_standfirst_gives_the_size_of_the_change_and_the_story_the_week_before(hospitals):
    """Whatever the headline leads on, the standfirst gives how much the number moved
    ("a rise of 54.0% on a week earlier", "six more", and "one fewer" from 157, not "a fall
    of 0.6%") and the first paragraph the figure a week earlier ("up from 113"): not
    "against 113 a week earlier" and then "up from 113"."""
    sized = from_none = to_none = 0
    for story in hospitals.stories:
        change = own(story).get("change.patients")
        if story.kind != "area" or change is None:
            continue
        before, now = change.values["previous"], change.value
        if before == 0 and now > 0:  # "rise from none to two": no size to give
            assert "a week earlier" not in story.standfirst, story.standfirst
            assert "up from none a week earlier" in story.paragraphs[0]
            from_none += 1
        if now == 0 and before > 0:  # to none: the headline and the story say from what
            assert "a week earlier" not in story.standfirst, story.standfirst
            assert f"down from {number(before)} a week earlier" in story.paragraphs[0]
            to_none += 1
        if before == 0 or now in (0, before):  # none, or unchanged: said in other words
            continue
        assert f"from {number(before)} a week earlier" in story.paragraphs[0], story.paragraphs[0]
        assert f"{number(before)} a week earlier" not in story.standfirst, story.standfirst
        if max(now, before) < 100 or abs(now - before) < 10:  # "one fewer", not "0.6%"
            more = "more" if now > before else "fewer"
            assert f", {number(abs(now - before))} {more} than a week earlier." in story.standfirst
        else:
            way = "rise" if now > before else "fall"
            assert re.search(rf", an? {way} of [\d.]+% on a week earlier\.$", story.standfirst)
        sized += 1
    assert sized > 100 and from_none > 3 and to_none > 1, (sized, from_none, to_none)


@pytest.mark.parametrize("as_of", ["2020-11-24", "2020-12-23"])
def test_a_roundup_standfirst_gives_the_size_of_its_totals_change(as_of):
    """ "occupied 467 beds at the four NHS trusts in Kent and Medway on November 24, a rise
    of 50.2% on a week earlier", then "against 311 a week earlier": where every trust has
    both weeks' figures, the standfirst says how much the total moved, not the story's
    first sentence again; where some have not, it gives no change of unlike totals."""
    composed = checked_everywhere("hospital-patients", as_of)
    sized = unsized = 0
    for story in (s for s in composed.stories if s.kind == "roundup"):
        compared = re.search(r", against ([\d,]+) a week earlier\.$", story.paragraphs[0])
        if compared is None:  # a trust without last week's figure: no total to compare
            assert "a week earlier" not in story.standfirst, story.standfirst
            unsized += 1
            continue
        assert f"{compared.group(1)} a week earlier" not in story.standfirst, story.standfirst
        assert re.search(
            r", (?:an? (?:rise|fall) of [\d.]+% on|\w+ (?:more|fewer) than) a week earlier\.$",
            story.standfirst,
        ), story.standfirst
        sized += 1
    assert sized >= 2 and unsized >= 1, (sized, unsized)


@pytest.mark.parametrize(("as_of", "like_for_like"), [("2020-11-20", True), ("2020-12-23", False)])
def test_a_region_roundup_does_not_give_its_own_total_again_as_the_regions(as_of, like_for_like):
    """The Midlands' trusts had "3,329 Covid-19 patients in their beds ..., against 3,026 a
    week earlier", then "Across the Midlands there were 3,329 ..., against 3,039": a patch
    that is a whole region has no wider region to compare with, while Kent and Medway's
    trusts, a part of the South East, still give the South East's total where it compares
    like for like. On December 23, 2020 it does not: its 2,195 a week earlier counts 20
    patients of providers that gave no figure on the day (the providers with both weeks'
    figures had 2,175), so Kent and Medway's roundup leaves it out."""
    prepared, composed = composed_everywhere("hospital-patients", as_of)
    areas = prepared.panel.areas
    regions = {"roundup-" + slug(name) for name in areas.loc[areas["is_region"], "name"]}
    roundups = {s.id.split("-", 2)[-1]: s for s in composed.stories if s.kind == "roundup"}
    assert regions <= set(roundups), sorted(regions - set(roundups))
    for key in regions:
        story = roundups[key]
        assert not any(p.startswith("Across ") for p in story.paragraphs), story.paragraphs
    kent = roundups["roundup-kent-and-medway"].paragraphs
    compared = re.fullmatch(
        r"Across the South East, hospitals had [\d,]+ Covid-19 patients, "
        r"against [\d,]+ a week earlier\.",
        kent[-1],
    )
    assert bool(compared) == like_for_like, kent
    assert like_for_like or not any("Across the South East" in p for p in kent)


def test_a_trust_whose_name_begins_with_the_reads_as_copy_inside_a_sentence():
    """ "Covid-19 patients at The Royal Wolverhampton trust rise", "Then came The Rotherham
    (151, up from 135)", "The Queen Elizabeth Hospital, King's Lynn, (39, up from 31)": a
    name's own "The" is a small "the" inside a sentence, a trust's short name goes without
    it, as the other trusts' do ("Medway trust"), and loses the comma before "NHS". A "The"
    inside a name, after its group's initials, stays: "BMI The Edgbaston Hospital". A
    headline names a hospital and its town as readers do: "Queen Elizabeth Hospital in King's
    Lynn", not "Queen Elizabeth Hospital, King's Lynn trust"."""
    composed = checked_everywhere("hospital-patients", "2020-11-20")
    inside = [
        m.group()
        for s in composed.stories
        for m in re.finditer(r"\b(?![A-Z]+ )\w+[,;]? The [A-Z]\S*", copy(s))
    ]
    assert any("BMI The Edgbaston Hospital" in copy(s) for s in composed.stories)
    assert inside == []
    by_id = {s.id: s for s in composed.stories}
    wolverhampton = by_id["hospital-patients-area-the-royal-wolverhampton-nhs-trust-rl4"]
    assert wolverhampton.headline.startswith("Covid-19 patients at Royal Wolverhampton trust ")
    assert wolverhampton.paragraphs[0].startswith("The Royal Wolverhampton NHS Trust had 157 ")
    midlands = copy(by_id["hospital-patients-roundup-midlands"])
    assert "Then came Royal Wolverhampton (157, up from 106), Dudley Group (141, " in midlands
    east = copy(by_id["hospital-patients-roundup-east-of-england"])
    assert "; Queen Elizabeth Hospital, King's Lynn (39, up from 31); " in east
    # a hospital and its town, as readers say it; a list of places stays a trust's name
    kings_lynn = (
        "hospital-patients-area-the-queen-elizabeth-hospital-king-s-lynn-nhs-foundation-trust-rcx"
    )
    assert by_id[kings_lynn].headline == (
        "Covid-19 patients at Queen Elizabeth Hospital in King's Lynn rise from 31 to 39 in a week"
    )
    barking = (
        "hospital-patients-area-barking-havering-and-redbridge-university-hospitals-nhs-trust-rf4"
    )
    assert by_id[barking].headline.startswith("Barking, Havering and Redbridge trust has ")
    assert ", the New Victoria Hospital, " in copy(by_id["hospital-patients-roundup-london"])


def test_a_trust_with_none_on_ventilators_and_no_week_before_says_none_not_a_share():
    """Salisbury's three Covid-19 patients on October 21, 2020: none on a ventilator, and no
    ventilator figure a week earlier, so no change to give. "The share on ventilators, 0.0%,
    compares with 9.1% across England" said it as a percentage of three; the copy says there
    were none, and sets none of three against no share of England's."""
    composed = checked_everywhere("hospital-patients", "2020-10-21")
    assert not [s.id for s in composed.stories if "ventilators, 0.0%" in copy(s)]
    salisbury = next(
        s for s in composed.stories if s.id.endswith("salisbury-nhs-foundation-trust-rnz")
    )
    assert own(salisbury)["change.patients"].value == 3
    assert salisbury.paragraphs[-1] == (
        "Not one of its Covid-19 patients was on mechanical ventilation."
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (
            "2020-08-20",
            {
                "rhm": "Its two Covid-19 patients were both on mechanical ventilation, as were "
                "two a week earlier.",
                "r1k": "One of its five Covid-19 patients was on mechanical ventilation, as was "
                "one a week earlier.",
                "rbn": "Its only Covid-19 patient was on mechanical ventilation, against none a "
                "week earlier.",
            },
        ),
        (
            "2020-11-09",
            {
                "rt3": "Twelve of its 13 Covid-19 patients were on mechanical ventilation, "
                "against eight a week earlier.",
            },
        ),
    ],
)
def test_a_trust_with_a_handful_of_patients_counts_them_and_gives_no_share(as_of, expected):
    """Under 20 Covid-19 patients, one patient moves a trust's share on ventilators by more
    than five points: "The share on ventilators, 100.0%, compares with 11.6% across England"
    for a trust with two. The copy counts them ("One of its five") and gives no share; from
    20 patients on it still does."""
    composed = checked_everywhere("hospital-patients", as_of)
    last = {s.id.rsplit("-", 1)[-1]: s.paragraphs[-1] for s in composed.stories}
    for code, sentence in expected.items():
        assert last[code] == sentence
    few = many = 0
    for story in composed.stories:
        facts = own(story)
        patients = getattr(facts.get("change.patients"), "value", None)
        if patients is None or "against_average.ventilated_share.country" not in facts:
            continue
        if patients < 20:
            few += 1
            assert "share on ventilators" not in copy(story), story.id
            assert "across England" not in story.paragraphs[-1], story.id
        elif getattr(facts.get("change.ventilated"), "value", 0) > 0:
            many += 1
            assert "The share on ventilators, " in story.paragraphs[-1], story.id
    assert few >= len(expected) and many > 0


def test_a_trust_with_none_on_ventilators_after_some_says_how_many_there_were():
    """On August 20, 2020 no Covid-19 patient at Oxford, North Tees and Hartlepool or North
    West Anglia was on a ventilator, where a week earlier some were. "Its Covid-19 patient
    was not on mechanical ventilation, down from one" read as a fall from "not"; and "not
    one of its" two patients is "neither"."""
    composed = checked_everywhere("hospital-patients", "2020-08-20")
    last = {s.id.rsplit("-", 1)[-1]: s.paragraphs[-1] for s in composed.stories}
    assert last["rth"] == (
        "Its Covid-19 patient was not on mechanical ventilation; a week earlier, one was."
    )
    assert last["rvw"] == (
        "Neither of its Covid-19 patients was on mechanical ventilation; a week earlier, one was."
    )
    assert last["rgn"] == (
        "Not one of its Covid-19 patients was on mechanical ventilation; a week earlier, two were."
    )
    assert not [s.id for s in composed.stories if "ventilation, down from" in copy(s)]


def test_a_region_before_hospitals_in_a_headline_takes_no_the():
    """ "Covid-19 patients in the South East hospitals fall by 28.2% in a week": a region's
    name standing before "hospitals" takes no "the" ("in South East hospitals"), while the
    standfirst keeps it ("in the South East")."""
    composed = composed_everywhere("hospital-patients", "2021-02-24")[1]
    roundups = [s for s in composed.stories if s.kind == "roundup"]
    headlines = [s.headline for s in roundups if " hospitals " in s.headline]
    assert "Covid-19 patients in South East hospitals fall by 28.2% in a week" in headlines
    assert [h for h in headlines if " in the " in h] == []
    south_east = next(s for s in roundups if s.id.endswith("roundup-south-east"))
    assert " in the South East on February 24" in south_east.standfirst


def composed_for(name: str, as_of: str, patch_name: str):
    """A narrative's stories on the real files for one test patch (a county, a region),
    composed but not fact-checked."""
    prepared = prepared_on_real_files(name, as_of)
    patches = group_patches(prepared.panel.areas, RUNS[name][2])
    return composed_with(prepared, [p for p in patches if p.name == patch_name])


def checked_story(name: str, as_of: str, patch_name: str, story_id: str):
    """One fact-checked story of ``composed_for`` (StopIteration if it was held)."""
    composed = fact_checked(composed_for(name, as_of, patch_name))
    return next(s for s in composed.stories if s.id == story_id)


def fact_about(story, key: str, subject_name: str):
    """The story's fact of ``key`` about the area named ``subject_name``."""
    return next(f for f in story.facts if f.key == key and f.subject.name == subject_name)


def district_changes(story) -> list:
    """The story's week-on-week rate changes of its districts."""
    return [f for f in story.facts if f.key == "change.rate" and f.subject.type == "district"]


# the totals the October 2020 gap leaves short (London, the South East, the East Midlands,
# England), and the share of their people it leaves out
SHORT_TOTALS = {"E12000007": "3.1%", "E12000008": "5.9%", "E12000004": "15.6%", "E92000001": "2.8%"}


@pytest.mark.parametrize(
    ("as_of", "week", "london"),
    [
        ("2020-10-15", "October 15", "Hackney (3.1%"),
        ("2020-11-04", "November 4", "City of London, Hackney (3.2%"),
    ],
)
def test_no_story_quotes_a_total_that_lacks_some_of_its_areas(as_of, week, london):
    """The district file has no rows for Hackney, Buckinghamshire's four districts or
    Northamptonshire's seven from October 1 to 31, 2020 (nor for the City of London from
    November 1). In the weeks to October 15 and to November 4 (whose week before ends on
    October 28), London's, the South East's, the East Midlands' and England's sums lack areas
    with 3.1%, 5.9%, 15.6% and 2.8% of their people (London 3.2% in the week to November 4,
    the City of London's rows gone too). No story gives their figures, ranks an
    area among theirs or counts their areas (it read "the 31 council areas in London" and
    "England's rate rose from 225.7 to 243.3"); every area's story is still written from its
    own figures, and the East of England, whole, is still quoted. The against-the-trend
    stories, which count England's areas, are held saying why."""
    prepared, composed = composed_everywhere("covid-cases", as_of)
    assert set(prepared.incomplete) == {*SHORT_TOTALS, "E10000002", "E10000021"}  # the counties
    for code, share in SHORT_TOTALS.items():
        if code != "E12000007":
            assert prepared.incomplete[code].endswith(f" ({share} of its population)")
    assert prepared.incomplete["E12000007"].endswith(f" lack {london} of its population)")
    skipped = {entry["area_name"]: entry["reason"] for entry in composed.skipped}
    assert skipped["London"] == f"no story quotes its figures: {prepared.incomplete['E12000007']}"
    checked = fact_checked(composed)
    assert {h["id"].split("-")[2] for h in checked.held} == {"against"}
    assert {h["reason"] for h in checked.held} == {
        f"held by its template: England's total for the seven days to {week} lacks some of "
        "its areas, so there is no national trend to go against"
    }
    for story in checked.stories:
        for fact in story.facts:
            assert fact.subject.code not in SHORT_TOTALS, (story.id, fact.id)
            assert fact.values.get("group_code") not in SHORT_TOTALS, (story.id, fact.id)
            assert fact.values.get("wider_code") not in SHORT_TOTALS, (story.id, fact.id)
        assert not re.search(r"(?<!East of )England|council areas in London", copy(story))
    written = {story.id for story in checked.stories}
    assert {"covid-cases-area-camden-e09000007", "covid-cases-area-leicester-e06000016"} <= written
    east = [s for s in checked.stories if "in the East of England" in copy(s)]
    assert len(east) > 10


def test_a_total_that_lacks_only_a_sliver_of_its_people_is_still_quoted():
    """From November 1, 2020 the file has no rows for the City of London, whose cases the
    dashboard counts with Hackney's: 0.1% of London's people, under the 1% a total may lack.
    England's and London's figures are quoted as before."""
    prepared = prepared_on_real_files("covid-cases", "2020-11-24")
    assert prepared.incomplete == {}
    story = kent_and_medway_story("covid-cases", "2020-11-24", "covid-cases-area-ashford-e07000105")
    england = fact_about(story, "change.rate", "England")
    assert england.values["direction"] == "down"
    assert f"England's rate fell from {england.values['previous']:.1f} to {england.value:.1f}." in (
        copy(story)
    )


def test_a_patch_with_no_change_to_report_is_held_with_the_reason():
    """On November 7, 2020 the file has no rows for Buckinghamshire's districts in the week
    before: its roundups are held saying so, where their templates failed."""
    composed = composed_for("covid-cases", "2020-11-07", "Buckinghamshire")
    roundups = {h["id"]: h["reason"] for h in composed.held if h["id"].endswith("-buckinghamshire")}
    assert len(roundups) == 3, roundups
    for reason in roundups.values():
        assert reason == (
            "held by its template: Buckinghamshire has no seven-day figures for the week before "
            "November 7, so there is no change to report"
        )


def test_ap_style_spells_covid_19_and_its_phrases_its_own_way():
    """The AP Stylebook writes "COVID-19": every AP draft of the trusts' day says so, in its
    copy and its chart's title, and the fact-check reads it as it reads "Covid-19"; PA drafts
    keep "Covid-19". AP copy is American too: "a rise of 12.5% from a week earlier", "for
    three weeks in a row", where PA copy has "on a week earlier" and "weeks running"."""
    as_of = RUNS["hospital-patients"][1]
    files = real_files("hospital-patients")
    ap = run(RunOptions(["hospital-patients"], files, as_of, style="ap"))
    pa = run(RunOptions(["hospital-patients"], files, as_of))
    assert not [h for h in ap.held if "fact-check" in h["reason"]]
    assert len(ap.stories) == len(pa.stories) > 400
    for story in ap.stories:
        assert "Covid-19" not in copy(story) and "COVID-19" in copy(story), story.id
        assert "Covid" not in story.series["label"], story.series["label"]
    assert any("COVID-19" in story.series["label"] for story in ap.stories)
    assert all("COVID-19" not in copy(story) for story in pa.stories)
    british = ("on a week earlier", "weeks running", "on the week")
    for ap_story, pa_story in zip(ap.stories, pa.stories, strict=True):
        assert ap_story.id == pa_story.id
        assert not any(phrase in copy(ap_story) for phrase in british), copy(ap_story)
        for pa_phrase, ap_phrase in [
            ("on a week earlier", "from a week earlier"),
            ("weeks running", "weeks in a row"),
        ]:
            said = copy(pa_story).count(pa_phrase) + copy(pa_story).count(ap_phrase)
            assert copy(ap_story).count(ap_phrase) == said, (ap_story.id, ap_phrase)
    assert sum("on a week earlier" in copy(s) for s in pa.stories) > 50
    assert sum("weeks running" in copy(s) for s in pa.stories) > 10
    assert copy_problems(ap.stories) == []


@pytest.mark.parametrize("as_of", ["2020-10-24", "2020-11-14"])
def test_ap_style_spells_neighborhood_and_tripled_the_american_way(as_of):
    """AP copy of the hotspots says "neighborhood" and "more than tripled", where PA copy says
    "neighbourhood" and "trebled", and the fact-check reads both: "the neighborhood" is still
    the story's hotspot and "16 of the 17 neighborhoods" still a count of areas."""
    files = real_files("covid-hotspots")
    ap = run(RunOptions(["covid-hotspots"], files, as_of, style="ap"))
    pa = run(RunOptions(["covid-hotspots"], files, as_of))
    assert [h["id"] for h in ap.held] == [h["id"] for h in pa.held]
    assert len(ap.stories) == len(pa.stories) > 50
    ap_copy = "\n".join(copy(s) for s in ap.stories)
    pa_copy = "\n".join(copy(s) for s in pa.stories)
    assert "neighbourhood" not in ap_copy.lower() and "trebled" not in ap_copy
    assert ap_copy.count("neighborhood") == pa_copy.count("neighbourhood") > 100
    assert ap_copy.count("tripled") == pa_copy.count("trebled")
    assert "The neighborhood recorded " in ap_copy


@pytest.mark.parametrize("as_of", ["2020-12-14", "2021-01-19", "2021-02-06"])
def test_above_the_autumn_peak_leads_only_where_it_is_news(as_of):
    """In the second wave most trusts stayed above their autumn peak for weeks: "Covid-19
    patients at Imperial College Healthcare trust above autumn peak" led a story in which the
    number had fallen for five weeks running. The peak heads a trust's story only where the
    number went above it in the week ("rise above") or stays above it without falling
    ("still above"); falling, the fall is the headline and the peak follows in the copy. A
    trust at its most since the figures began leads on that. Just above the peak, a trust
    that was above it a week earlier "remains above" it: falling from 272 to 261, it was not
    "put above" its autumn high of 234."""
    composed = run(RunOptions(["hospital-patients"], real_files("hospital-patients"), as_of))
    assert not [h for h in composed.held if "fact-check" in h["reason"]]
    fell_from_above = said = records = remains = 0
    for story in composed.stories:
        facts = own(story)
        peak, change = facts.get("earlier_peak.patients.autumn-2020"), facts.get("change.patients")
        if story.kind != "area" or peak is None or change is None or not peak.values["above"]:
            continue
        previous, high = change.values["previous"], peak.values["peak"]
        record = facts.get("record.patients")
        all_time = record and record.values["on_record"] and record.values["direction"] == "high"
        if "autumn peak" in story.headline:
            said += 1
            assert not all_time, story.headline
            if story.headline.endswith("rise above autumn peak"):
                assert previous <= high < change.value, story.id
            else:
                assert story.headline.endswith("still above autumn peak"), story.headline
                assert previous > high and change.value >= previous, story.id
        if change.value < previous and previous > high and not peak.values["on_edge"]:
            fell_from_above += 1
            assert "autumn peak" not in story.headline, story.headline
            assert "the autumn peak of " in copy(story), story.id
        records += bool(all_time) and story.headline.endswith(
            " at highest level since figures began"
        )
        if high < change.value < 1.5 * high:  # above it, not a multiple of it: above it a
            # week earlier too, it "remains" there, as it falls or rises; else it was put there
            said_above = "It remains above" if previous > high else "That puts it above"
            assert any(p.startswith(said_above) for p in story.paragraphs), story.id
            remains += previous > high
    assert remains > 5
    assert said > 5 and (as_of == "2020-12-14" or fell_from_above > 20)
    assert as_of == "2021-02-06" or records > 5
    assert copy_problems(composed.stories) == []


def test_trusts_with_no_patients_either_week_are_named_together_in_a_roundup():
    """On January 1, 2021 17 of the North West's providers had no Covid-19 patient in either
    week. The region's roundup no longer lists each as "(zero, unchanged)": it names a few
    together after the list, and one that gave no figure a week earlier "had one Covid-19
    patient", not "had one"."""
    story = checked_story(
        "hospital-patients", "2021-01-01", "North West", "hospital-patients-roundup-north-west"
    )
    text = copy(story)
    assert "zero" not in text and "(none, unchanged)" not in text
    assert "and others had no Covid-19 patients on either day." in text
    assert "which gave no figure for a week earlier, had one Covid-19 patient." in text
    assert copy_problems([story]) == []


def test_a_region_roundup_names_its_ten_largest_trusts_and_bounds_the_rest():
    """On January 12, 2021 72 South East providers had figures for both weeks. The roundup
    named every one with patients, some 25 in a row; it now names the 10 with the most and
    gives the largest figure among the rest ("243 Covid-19 patients or fewer each"), worked
    out here from the trusts' own facts. Providers without a week-before figure and at none
    are named together."""
    story = checked_story(
        "hospital-patients", "2021-01-12", "South East", "hospital-patients-roundup-south-east"
    )
    changes = sorted(
        (f for f in story.facts if f.key == "change.patients" and f.subject.type == "trust"),
        key=lambda f: -f.value,
    )
    assert len(changes) == 72
    text = copy(story)
    named = [f for f in changes if f"{short_name(f.subject.name)} (" in text]
    assert [f.value for f in named] == [f.value for f in changes[1:10]]
    bound = changes[10].value
    assert bound == 243 and all(f.value <= bound for f in changes[10:])
    assert (
        "The other trusts and independent hospitals with figures for both weeks had 243"
        " Covid-19 patients or fewer each." in text
    )
    assert copy_problems([story]) == []

    london = checked_story(
        "hospital-patients", "2021-01-12", "London", "hospital-patients-roundup-london"
    )
    assert (
        "NHS Nightingale Hospital London Trust, BMI - The Clementine Churchill Hospital and"
        " BMI - The Sloane Hospital, which gave no figures for a week earlier, had no Covid-19"
        " patients." in copy(london)
    )
    assert copy_problems([london]) == []


def kent_and_medway_run(name: str, as_of: str):
    """``storygen run NAME --patch "Kent and Medway"`` on the real files for ``as_of``."""
    return run(RunOptions([name], real_files(name), as_of, patch="Kent and Medway"))


def kent_and_medway_story(name: str, as_of: str, story_id: str):
    """One story of that run, by id (StopIteration if it was held)."""
    return next(s for s in kent_and_medway_run(name, as_of).stories if s.id == story_id)


@pytest.mark.parametrize(
    ("as_of", "lede_county", "patch_leads"),
    [
        ("2020-09-25", "Medway", True),  # Medway more than doubled; the patch doubled too
        ("2021-02-12", "Kent", True),  # Kent fell by 44.7%, the patch by 44.3%
        ("2021-05-23", "Medway", False),  # Medway doubled; the patch rose by 41.7% (175 to 248)
    ],
)
def test_a_patch_roundup_leads_on_the_patch_where_its_cases_moved_with_the_lede(
    as_of, lede_county, patch_leads
):
    """Kent and Medway's roundup led on one county's week ("Covid-19 cases in Medway more than
    double in a week") where the patch as a whole had moved as far the same way, and gave the
    patch's own figures three paragraphs down. A paper covering both leads on both, then
    says which moved most; a county that moved far more than the patch still leads."""
    story = kent_and_medway_story("covid-cases", as_of, "covid-cases-roundup-kent-and-medway")
    total = fact_about(story, "total.cases", "Kent and Medway")
    county = fact_about(story, "change.cases", lede_county)
    assert total.values["direction"] == county.values["direction"]
    patch_change = total.value / total.values["previous"] - 1
    county_change = county.value / county.values["previous"] - 1
    assert (patch_change / county_change >= 0.5) is patch_leads  # the rule, on these figures
    lead = total if patch_leads else county
    where = "Kent and Medway" if patch_leads else lede_county
    size = change_words(lead.value, lead.values["previous"], "present")
    assert story.headline == f"Covid-19 cases in {where} {size} in a week"
    week = f"in the seven days to {date_year(as_of).rsplit(',', 1)[0]}"
    way = "up" if total.values["direction"] == "up" else "down"
    patch_figures = f"{number(total.value)} cases"
    if patch_leads:
        assert story.paragraphs[0].startswith(
            f"Kent and Medway recorded {patch_figures} {week}, {way} from "
            f"{number(total.values['previous'])} the week before, and its rate "
        )
        assert story.paragraphs[1].startswith(f"Cases in {lede_county} ")
    else:
        assert story.paragraphs[0].startswith(f"Covid-19 cases in {lede_county} ")
        assert week in story.paragraphs[0]
    # the patch's figures are given once, wherever they stand
    assert sum(patch_figures in paragraph for paragraph in story.paragraphs) == 1


def test_a_roundup_may_lead_on_a_ranking_that_repeats_one_at_a_level_it_does_not_draw_from():
    """On December 14, 2020 Medway, a unitary authority, had the highest rate of the South
    East's 19 counties and unitary authorities, which repeats its highest rate of the
    region's 67 districts. An area story leads on the districts' ranking; the Kent and
    Medway roundup draws on counties only, so it leads on the counties' ranking, not on
    Medway's weaker 40.5% rise."""
    story = kent_and_medway_story(
        "covid-cases", "2020-12-14", "covid-cases-roundup-kent-and-medway"
    )
    ranking = fact_about(story, "rank.rate.county-in-region", "Medway")
    assert ranking.values["position"] == 1 and ranking.repeats
    assert story.headline == (
        "Medway has the highest Covid-19 rate of any county or unitary authority in the South East"
    )


def test_england_rising_while_most_of_its_areas_fall_is_said_so():
    """On September 16, 2020 rates fell in 192 of the 315 council areas while England's own
    rate rose (on May 14, 2021 too, but 161 falls against 134 rises is no trend). The Kent
    and Medway against-the-trend story says "most of England", not "England", and gives
    England's rise beside the count, not a "national fall"."""
    story = kent_and_medway_story(
        "covid-cases", "2020-09-16", "covid-cases-against-trend-kent-and-medway"
    )
    england = next(f for f in story.facts if f.subject.type == "country" and f.key == "change.rate")
    assert england.values["direction"] == "up"
    text = copy(story)
    assert "national fall" not in text and "in line with England" not in text
    assert "in line with most of England" in text or "as most of England did" in text
    assert (
        f"council areas, but England's overall rate rose from "
        f"{england.values['previous']:.1f} to {england.value:.1f}."
    ) in text
    assert copy_problems([story]) == []


def test_areas_that_rose_above_a_mark_lead_the_targets_story_when_more_rose_than_fell():
    """On July 4, 2021 five Kent and Medway areas rose above 100 and none fell below it. The
    targets story leads on the five (not on the two "still below 100"), names each once with
    its rate, sets no contrast (nothing moved the other way), and says which were already
    above and which are still below."""
    story = kent_and_medway_story(
        "covid-cases", "2021-07-04", "covid-cases-targets-kent-and-medway"
    )
    text = copy(story)
    assert (
        story.headline == "Five areas of Kent and Medway rise above 100 Covid-19 cases per 100,000"
    )
    climbers = "Dartford (155.4), Swale (142.6), Medway (123.9), Ashford (114.6), and Folkestone and Hythe (106.2)"
    assert story.paragraphs[0].startswith(
        "In the seven days to July 4, five of the 13 council areas in Kent and Medway rose above"
        f" 100 cases per 100,000 people. They were {climbers}. That takes Kent and Medway as a whole above"
        " 100 too, at 155.5."
    )
    assert all(text.count(area) == 1 for area in climbers.replace(", and ", ", ").split(", "))
    assert "By contrast" not in text and "Moving the other way" not in text
    assert "Sevenoaks (183.0), and Tonbridge and Malling (164.2) were already above 100." in text
    assert "Dover (98.2) and Thanet (64.8) are still below 100." in text
    assert "Rates rose in all 13 areas, most sharply in " in text
    assert copy_problems([story]) == []


def test_the_targets_story_names_the_areas_already_below_that_its_lede_only_counted():
    """On November 21, 2020 four of Kent and Medway's 13 areas were below 200: Sevenoaks had
    just fallen below it, and three were below it a week earlier too. The lede counts the
    four; the sentence on Sevenoaks names the other three, so a reader is not left asking
    which they are. On March 24, 2021 three fell below 25 and joined Folkestone and Hythe the same way."""
    story = kent_and_medway_story(
        "covid-cases", "2020-11-21", "covid-cases-targets-kent-and-medway"
    )
    text = copy(story)
    assert "four of the 13 council areas in Kent and Medway had rates below 200" in text
    assert (
        "Sevenoaks fell below 200 in the latest week, from 200.4 to 158.2, joining Folkestone"
        " and Hythe (184.1), Ashford (130.7) and Tunbridge Wells (115.4)."
    ) in text
    assert copy_problems([story]) == []
    story = kent_and_medway_story(
        "covid-cases", "2021-03-24", "covid-cases-targets-kent-and-medway"
    )
    text = copy(story)
    assert "four of the 13 council areas in Kent and Medway had rates below 25" in text
    assert (
        "Dover (22.0), Gravesham (19.6) and Sevenoaks (16.6) fell below 25 in the latest week,"
        " joining Folkestone and Hythe (18.6)."
    ) in text
    assert copy_problems([story]) == []


def test_seven_areas_rising_above_400_are_counted_in_the_headline():
    """On July 21, 2021 seven of the 13 Kent and Medway areas rose above 400; Dartford was
    above it already, and five were still below. The headline counts the seven, a figure the
    patch's band count backs (``rose_above_400``)."""
    story = kent_and_medway_story(
        "covid-cases", "2021-07-21", "covid-cases-targets-kent-and-medway"
    )
    count = fact_about(story, "threshold.rate.band-district-count", "Kent and Medway")
    assert count.values["rose_above_400"] == 7 and count.values["below_400"] == 5
    assert (
        story.headline == "Seven areas of Kent and Medway rise above 400 Covid-19 cases per 100,000"
    )
    text = copy(story)
    assert "Dartford (608.3) was already above 400. Five areas are still below 400." in text
    assert "still below 400 Covid-19" not in story.headline
    assert copy_problems([story]) == []


def test_areas_that_have_just_gone_above_a_mark_do_not_remain_above_it():
    """On October 20, 2020 Gravesham, Thanet and Canterbury were among six areas that rose
    above 50 in Kent and Medway: the targets story names them as rising above it, and the
    areas above it before as "already" above it; none of the six "remain" above 50."""
    story = kent_and_medway_story(
        "covid-cases", "2020-10-20", "covid-cases-targets-kent-and-medway"
    )
    text = copy(story)
    assert (
        "six of the 13 council areas in Kent and Medway rose above 50 cases per 100,000 people."
        " They were Gravesham (84.2), Thanet (63.4), Canterbury (62.3)"
    ) in text
    assert "Swale (114.6), Dartford (74.6) and Sevenoaks (52.2) were already above 50." in text
    assert "remain" not in text


def test_an_area_that_has_just_gone_above_a_mark_is_not_said_twice_to_be_above_it():
    """On May 20, 2021 Canterbury was the only Kent and Medway area above 25, and had just
    gone above it: the targets story says it rose above 25, not that as well as "Canterbury
    (33.3) is above 25"."""
    story = kent_and_medway_story(
        "covid-cases", "2021-05-20", "covid-cases-targets-kent-and-medway"
    )
    text = copy(story)
    assert "Canterbury (33.3) rose above 25 in the latest week." in text
    assert text.count("Canterbury (33.3)") == 1
    assert copy_problems([story]) == []


def test_a_single_neighbourhood_in_the_top_band_had_a_rate_not_rates():
    """On October 24, 2020 one Kent and Medway neighbourhood, Sheppey East, was over 400: the
    hotspots roundup says it "had a rate" over 400, not "had rates"."""
    story = kent_and_medway_story(
        "covid-hotspots", "2020-10-24", "covid-hotspots-roundup-kent-and-medway"
    )
    text = copy(story)
    assert "had a rate over 400 per 100,000 people." in text
    assert "had rates over" not in text
    assert copy_problems([story]) == []


@pytest.mark.parametrize(("as_of", "withheld"), [("2020-09-05", False), ("2020-09-12", True)])
def test_a_hotspot_withheld_a_week_earlier_only_where_the_file_has_that_week(as_of, withheld):
    """ "A week earlier it had too few cases for a figure to be published" is said of a blank
    the week before, not of the file's first week, which has no week before."""
    result = kent_and_medway_run("covid-hotspots", as_of)
    said = [s.id for s in result.stories if "too few cases for a figure" in copy(s)]
    assert bool(said) is withheld, said


def test_a_roundup_with_one_published_neighbourhood_says_it_is_the_only_one():
    """Portsmouth's neighbourhoods in the week ending September 5, 2020: one had a published
    rate, the rest too few cases. Its roundup said Cosham South "had the highest Covid-19 rate
    of the one neighbourhoods"; it is the only one with a figure, and the copy says so."""
    story = checked_story(
        "covid-hotspots", "2020-09-05", "Portsmouth", "covid-hotspots-roundup-portsmouth"
    )
    assert story.headline == "Cosham South has Portsmouth's only published Covid-19 rate"
    assert story.standfirst == (
        "The other neighbourhoods of Portsmouth had too few cases in the week ending "
        "September 5 for a published figure."
    )
    assert story.paragraphs == [
        "Cosham South was the only neighbourhood in Portsmouth with a published figure in the "
        "week ending September 5, a rate of 36.1 cases per 100,000 people."
    ]
    assert copy_problems([story]) == []


def test_a_roundup_of_neighbourhoods_gives_the_next_highest_as_well_as_the_two_ends():
    """ "How the 38 neighbourhoods of Medway with a published figure compare" was followed by
    the highest and the lowest alone; the next four highest come between, as the file has
    them."""
    story = checked_story("covid-hotspots", "2020-11-14", "Medway", "covid-hotspots-roundup-medway")
    week = pd.read_csv(REAL / RUNS["covid-hotspots"][0]["msoa"])
    week = week[(week["utla19_nm"] == "Medway") & (week["date"] == "2020-11-14")]
    week = week.dropna(subset=["newCasesBySpecimenDateRollingRate"]).sort_values(
        "newCasesBySpecimenDateRollingRate", ascending=False
    )
    names = week["areaName"].tolist()
    rates = [rate(r) for r in week["newCasesBySpecimenDateRollingRate"]]
    assert story.standfirst.startswith(f"How the {len(names)} neighbourhoods of Medway ")
    assert story.paragraphs[0].startswith(f"{names[0]} had the highest Covid-19 rate ")
    listed = [f"{n} ({r})" for n, r in zip(names[1:5], rates[1:5], strict=True)]
    assert story.paragraphs[1] == (
        f"Next came {', '.join(listed[:3])} and {listed[3]}. "
        f"{names[-1]} had the lowest, at {rates[-1]}."
    )
    assert copy_problems([story]) == []


def test_a_hotspots_band_follows_a_sentence_that_gives_its_rate():
    """ "A week earlier it had too few cases for a figure to be published. That puts it in the
    101-200 band": "That" pointed at the missing figure. Where no sentence before gives the
    rate, the band's sentence gives it; of two neighbourhoods, one has the higher rate, the
    other is not "next", and one rose "and the other" fell."""
    medway = checked_story(
        "covid-hotspots", "2020-10-03", "no patch", "covid-hotspots-area-medway-e06000035"
    )
    assert medway.paragraphs[0].endswith(
        "A week earlier it had too few cases for a figure to be published. Its rate of 100.7 "
        "puts it in the 101-200 band of the rate map."
    )
    ditton = checked_story(
        "covid-hotspots",
        "2020-09-05",
        "no patch",
        "covid-hotspots-area-tonbridge-and-malling-e07000115",
    )
    assert ditton.paragraphs[0].endswith(
        " Its rate of 31.2 puts it in the 11-50 band of the rate map."
    )
    wealden = checked_story(
        "covid-hotspots", "2020-09-12", "no patch", "covid-hotspots-area-wealden-e07000065"
    )
    assert wealden.paragraphs[0].startswith(
        "Forest Row & Coleman's Hatch had the higher Covid-19 rate of the two neighbourhoods in "
        "Wealden with a published figure"
    )
    assert wealden.paragraphs[0].endswith(
        "from 43.4 to 72.3. That puts it in the 51-100 band of the rate map."
    )
    assert (  # not "rose in one of the two neighbourhoods ... and fell in one"
        "Of the two neighbourhoods with figures for both weeks, the rate rose in one and fell "
        "in the other." in wealden.paragraphs
    )
    # of two, the other is not "Next came" nor "the second-highest"
    assert "Five Ash Down, Horsted & Chiddingly had a rate of 42.8." in wealden.paragraphs
    assert copy_problems([medway, ditton, wealden]) == []


def test_a_rate_that_moved_under_one_per_cent_is_little_changed_not_bucking_a_trend():
    """On July 21, 2021 Manchester's rate went from 541.4 to 540.8 (2,993 cases to 2,990)
    while rates rose in most of England. A fall of 0.1% is no headline fall and bucks no
    trend: its story says the rate was little changed, and gives the national count as
    context."""
    story = checked_story(
        "covid-cases", "2021-07-21", "no patch", "covid-cases-area-manchester-e08000003"
    )
    change = own(story)["change.rate"]
    assert abs(change.values["pct_change"]) < 1 and change.values["direction"] == "down"
    assert story.headline == "Covid-19 rate in Manchester little changed in a week"
    text = copy(story)
    assert "bucks" not in text and "goes against the trend" not in text
    assert "fell by 0.1%" not in text
    assert story.paragraphs[0] == (
        "The Covid-19 rate in Manchester was little changed in the seven days to July 21, at"
        " 540.8 cases per 100,000 people."
    )
    assert "Rates rose in 272 of the 315 council areas in England over the same week." in text
    assert copy_problems([story]) == []


def test_with_near_as_many_rises_as_falls_no_area_bucks_a_national_trend():
    """On March 24, 2021 rates fell in 158 council areas and rose in 151. Hammersmith and
    Fulham's story led "Hammersmith and Fulham bucks national trend as Covid-19 rate rises",
    against "the trend" of 158 falls; and Kent and Medway's story had ten areas "buck national
    fall". No area bucks a trend that is no trend: Hammersmith and Fulham's rise leads as a
    rise, and the patch's story is held saying why."""
    composed = fact_checked(composed_for("covid-cases", "2021-03-24", "Kent"))
    hammersmith = next(s for s in composed.stories if s.id.endswith("-e09000013"))
    assert hammersmith.headline == (
        "Covid-19 cases in Hammersmith and Fulham rise by almost a third in a week"
    )
    assert "trend" not in copy(hammersmith)
    assert not [s.id for s in composed.stories if "trend" in copy(s)]
    (kent,) = [h for h in composed.held if h["id"] == "covid-cases-against-trend-kent"]
    assert kent["reason"] == (
        "held by its template: rates rose in 151 and fell in 158 of the 315 council areas in"
        " England in the seven days to March 24: there is no national trend to go against"
    )
    assert copy_problems(composed.stories) == []


def test_a_patch_area_whose_rate_moved_under_one_per_cent_does_not_buck_the_trend():
    """On December 9, 2020 rates rose in most of England and in 12 of Kent's council areas;
    Thanet's went from 429.1 to 428.4. Kent's against-the-trend story led "Thanet bucks the
    national trend as its Covid-19 rate falls" on a fall of 0.2%: as in an area's story, a
    move under 1% is little changed, and the story says so."""
    story = checked_story("covid-cases", "2020-12-09", "Kent", "covid-cases-against-trend-kent")
    thanet = next(
        f for f in story.facts if f.id.startswith("change.rate.") and f.subject.name == "Thanet"
    )
    assert abs(thanet.values["pct_change"]) < 1 and thanet.values["direction"] == "down"
    assert story.headline == "Covid-19 rates in Kent follow the national trend"
    text = copy(story)
    assert "bucks" not in text and "fell by 0.2%" not in text
    assert story.paragraphs[0].startswith(
        "Covid-19 rates rose in 11 of the 12 council areas in Kent in the seven days to "
        "December 9, in line with most of England. The rate in Thanet was little changed, at "
        "428.4. "
    )
    assert copy_problems([story]) == []


def test_when_all_of_a_patch_bucks_the_trend_the_headline_says_all():
    """On May 5, 2021 rates fell in most of England and rose in all four council areas of
    Somerset: "Four areas of Somerset buck" read as four of more; the headline says all four.
    In Derbyshire three of eight rose, and are counted as before."""
    somerset = checked_story(
        "covid-cases", "2021-05-05", "Somerset", "covid-cases-against-trend-somerset"
    )
    rising = [f for f in district_changes(somerset) if f.values["direction"] == "up"]
    assert len(rising) == len(district_changes(somerset)) == 4
    assert somerset.headline == "All four areas of Somerset buck national fall in Covid-19 rates"
    derbyshire = checked_story(
        "covid-cases", "2021-05-05", "Derbyshire", "covid-cases-against-trend-derbyshire"
    )
    assert derbyshire.headline == "Three areas of Derbyshire buck national fall in Covid-19 rates"
    assert copy_problems([somerset, derbyshire]) == []


def test_a_roundup_standfirst_sets_the_lowest_apart_from_the_patch_name():
    """ "Mid Devon had the highest Covid-19 rate of the eight council areas in Devon and North
    Devon the lowest" reads at first as "Devon and North Devon": a comma sets the lowest
    apart, in both ways the standfirst is written."""
    _prepared, composed = composed_everywhere("covid-cases", "2021-04-14")
    standfirsts = [s.standfirst for s in composed.stories if s.kind == "roundup"]
    ranked = [t for t in standfirsts if t.endswith(" the lowest.")]
    assert sum(t.startswith("In the seven days") for t in ranked) >= 5, ranked
    assert sum(not t.startswith("In the seven days") for t in ranked) >= 5, ranked
    assert [t for t in ranked if not re.search(r", and [^,]+ the lowest\.$", t)] == []


def test_pa_style_writes_saint_without_a_full_point_and_ap_style_with_one():
    """The official list names "St. Helens"; PA style writes abbreviations without full
    points ("St Helens"), AP style keeps it ("St. Helens"). Both pass the fact-check, which
    knows the area by either spelling."""
    files = real_files("covid-cases")
    story_id = "covid-cases-area-st-helens-e08000013"
    for style, spelled, other in [(None, "St Helens", "St. "), ("ap", "St. Helens", "St Helens")]:
        result = run(RunOptions(["covid-cases"], files, "2021-05-26", style=style))
        assert not [h for h in result.held if "fact-check" in h["reason"]], style
        story = next(s for s in result.stories if s.id == story_id)
        assert story.headline.startswith(f"{spelled} "), story.headline
        assert other not in "\n".join(copy(s) for s in result.stories), style


def test_a_change_in_a_few_cases_is_told_in_figures():
    """Guildford's cases went from 10 to 17 in the seven days to May 26, 2021: "Covid-19 cases
    in Guildford rise by 70.0% in a week" put a precise percentage on a handful of cases. As
    for a trust's patients, under 100 the headline gives the two figures and the story by how
    many they moved, then the counts; words such as "more than double" stay, and so does a
    percentage from 100 cases up."""
    guildford = checked_story(
        "covid-cases", "2021-05-26", "no patch", "covid-cases-area-guildford-e07000209"
    )
    assert guildford.headline == "Covid-19 cases in Guildford rise from 10 to 17 in a week"
    assert "%" not in copy(guildford)
    assert guildford.paragraphs[0].endswith(
        " in Guildford rose by seven in a week, taking the rate to 11.4 per 100,000 people."
    )
    assert guildford.paragraphs[1] in (
        "There were 17 new cases, up from 10 the week before.",
        "A total of 17 people tested positive, compared with 10 the week before.",
    )
    composed = fact_checked(composed_for("covid-cases", "2021-05-26", "no patch"))
    assert composed.held == []
    in_figures = in_words = 0
    for story in (s for s in composed.stories if s.kind == "area"):
        cases = own(story)["change.cases"]
        now, before = cases.value, cases.values["previous"]
        if not story.headline.endswith(" in a week") or " cases in " not in story.headline:
            continue
        if before and max(now, before) < 100 and "%" in change_words(now, before):
            assert story.headline.endswith(f" from {number(before)} to {number(now)} in a week")
            in_figures += 1
        else:
            assert not re.search(r" from [\d,]+ to [\d,]+ in a week$", story.headline)
            in_words += 1
    assert in_figures > 5 and in_words > 5, (in_figures, in_words)
    assert copy_problems([guildford]) == []


def test_a_patch_story_gives_the_figures_of_a_rate_that_moved_on_a_few_cases():
    """In the seven days to September 16, 2020, Lancashire's list of rising areas put "up 58.3%"
    on Fylde's 47.0, from 29.7: 24 cases against 38. As in a district's own story, an area
    whose cases were under 100 in both weeks is given its two rates; Hyndburn, with over 100
    cases, keeps its percentage."""
    story = checked_story(
        "covid-cases", "2020-09-16", "Lancashire", "covid-cases-against-trend-lancashire"
    )
    fylde = fact_about(story, "change.cases", "Fylde")
    hyndburn = fact_about(story, "change.cases", "Hyndburn")
    assert max(fylde.value, fylde.values["previous"]) < 100 <= hyndburn.value
    text = copy(story)
    assert "Fylde (up from 29.7 to 47.0)" in text and "Hyndburn (up 74.4% to 176.4)" in text
    assert copy_problems([story]) == []


def test_the_sharpest_move_on_a_few_cases_is_told_in_figures():
    """On May 26, 2021 East Hampshire's rate fell from 9.8 to 5.7, on a handful of cases:
    Hampshire's story said "fell by 41.7%". It now gives the two rates, and the areas listed
    after it theirs too; a move the house style puts in words ("halved") keeps its words."""
    story = checked_story(
        "covid-cases", "2021-05-26", "Hampshire", "covid-cases-against-trend-hampshire"
    )
    cases = fact_about(story, "change.cases", "East Hampshire")
    assert max(cases.value, cases.values["previous"]) < 100
    assert (
        "The sharpest drop came in East Hampshire, where the rate fell from 9.8 to 5.7. Rates "
        "also fell in Eastleigh (down from 9.0 to 5.2) and New Forest (down from 8.9 to 6.1)."
    ) in story.paragraphs[1]
    assert "%" not in story.paragraphs[1]
    devon = checked_story("covid-cases", "2021-05-26", "Devon", "covid-cases-against-trend-devon")
    assert "where the rate halved, from 7.2 to 3.6" in copy(devon)
    assert copy_problems([story, devon]) == []


def test_two_areas_at_their_lowest_since_the_same_day_are_named_plainly():
    """On February 10, 2021 South Cambridgeshire's and East Cambridgeshire's rates were both
    at their lowest since December 11, 2020. Cambridgeshire's targets story said "South
    Cambridgeshire's and East Cambridgeshire's are the lowest since", two possessives with no
    noun; it now says "Rates in ... are at their lowest since"."""
    story = checked_story(
        "covid-cases", "2021-02-10", "Cambridgeshire", "covid-cases-targets-cambridgeshire"
    )
    for name in ("South Cambridgeshire", "East Cambridgeshire"):
        assert fact_about(story, "record.rate", name).values["since"] == "2020-12-11"
    text = copy(story)
    assert (
        "Rates in South Cambridgeshire and East Cambridgeshire are at their lowest since "
        "December 11, 2020. Huntingdonshire's is also the lowest since December 20, 2020."
    ) in text
    assert "Cambridgeshire's and" not in text
    assert copy_problems([story]) == []


def test_one_case_is_not_a_total():
    """Eden had one case in the seven days to May 26, 2021, against three: "A total of one
    person tested positive" is no way to say it. A count under two is told as "There was one
    new case"."""
    eden = checked_story("covid-cases", "2021-05-26", "Cumbria", "covid-cases-area-eden-e07000030")
    assert own(eden)["change.cases"].value == 1
    assert "There was one new case in the week, down from three the week before." in copy(eden)
    assert "A total of" not in copy(eden)
    assert copy_problems([eden]) == []


@pytest.mark.parametrize("as_of", ["2020-10-14", "2020-10-21"])
def test_the_city_of_london_takes_the_wherever_it_stands(as_of):
    """The City of London has rows only in October 2020. Copy once said "is in City of
    London, in London" and "behind only City of London"; like an island, it takes "the", and
    where it is goes without saying. (That month London's and England's totals lack Hackney,
    so no story ranks the City among them: it is named in its own story.)"""
    city = checked_story(
        "covid-cases", as_of, "no patch", "covid-cases-area-city-of-london-e09000001"
    )
    text = copy(city)
    assert city.headline.startswith("Covid-19 ") and " in the City of London " in city.headline
    assert text.count("the City of London") >= 2
    assert not re.search(r"(?<![Tt]he )City of London", text)
    assert "City of London, in London" not in text
    assert copy_problems([city]) == []


def test_two_patch_areas_that_moved_under_one_per_cent_are_named_as_little_changed():
    """On November 18, 2020 rates fell in most of England and in six of Staffordshire's eight
    council areas. The other two rose, each by under 1%: they are named together as little
    changed, with no figure for either, and neither bucks the trend."""
    story = checked_story(
        "covid-cases", "2020-11-18", "Staffordshire", "covid-cases-against-trend-staffordshire"
    )
    rose = sorted(
        (f.subject.name, f.values["pct_change"])
        for f in district_changes(story)
        if f.values["direction"] == "up"
    )
    assert [name for name, _ in rose] == ["East Staffordshire", "Newcastle-under-Lyme"]
    assert all(0 < pct < 1 for _, pct in rose)
    assert story.headline == "Covid-19 rates in Staffordshire follow the national trend"
    assert story.paragraphs[0].startswith(
        "Covid-19 rates fell in six of the eight council areas in Staffordshire in the seven "
        "days to November 18, in line with most of England. Rates in Newcastle-under-Lyme and "
        "East Staffordshire were little changed. "
    )
    assert "bucks" not in copy(story) and "rose by 0." not in copy(story)
    assert copy_problems([story]) == []


def test_a_region_roundup_compares_its_totals_when_those_new_to_the_figures_have_no_patients():
    """On January 4, 2021 four South East providers gave no figure for the week before, and
    none of them had a Covid-19 patient: they add nothing to either week. The roundup had
    led on Frimley Health's rise for want of a like-for-like total; it now leads on the
    region's, a third up, and says the total is that of the 70 with figures for both weeks.
    Its patch total adds up those 70 and says so."""
    story = checked_story(
        "hospital-patients", "2021-01-04", "South East", "hospital-patients-roundup-south-east"
    )
    assert (
        story.headline
        == "Covid-19 patients in South East hospitals rise by about a third in a week"
    )
    assert story.standfirst.endswith(
        "at the 74 NHS trusts and independent hospitals in the South East on January 4,"
        " a rise of 33.5% on a week earlier."
    )
    assert story.paragraphs[0] == (
        "The 70 trusts and independent hospitals in the South East with figures for both weeks"
        " had 4,730 Covid-19 patients in their beds on January 4, against 3,544 a week earlier."
    )
    assert story.paragraphs[1].startswith("Frimley Health NHS Foundation Trust had the most, 578")
    assert "which gave no figures for a week earlier, had no Covid-19 patients." in copy(story)
    total = next(f for f in story.facts if f.kind == "total" and f.measure == "patients")
    assert (total.value, total.values["previous"]) == (4730, 3544)
    assert "4 more with none now" in total.provenance.arithmetic
    assert copy_problems([story]) == []


def test_a_region_total_of_thousands_that_barely_moved_is_little_changed():
    """On November 30, 2020 London's providers had 1,677 Covid-19 patients against 1,675 a
    week earlier: the headline had said they "rise by 0.1%"; it now says "little changed",
    and the standfirst gives the two more."""
    story = checked_story(
        "hospital-patients", "2020-11-30", "London", "hospital-patients-roundup-london"
    )
    assert story.headline == "Covid-19 patients in London hospitals little changed in a week"
    assert story.standfirst.endswith("on November 30, two more than a week earlier.")
    assert copy_problems([story]) == []


def test_a_quiet_weeks_providers_with_one_patient_each_are_bounded_not_listed():
    """On September 14, 2020 the South West's roundup listed six providers as "(one, up from
    none)" or "(one, unchanged)" in a row. It now names those with more than one and says
    the rest had "one Covid-19 patient or fewer each"."""
    story = checked_story(
        "hospital-patients", "2020-09-14", "South West", "hospital-patients-roundup-south-west"
    )
    text = copy(story)
    assert "(one, " not in text
    assert (
        "It was followed by Great Western (three, unchanged) and University Hospitals Plymouth"
        " (two, up from none). The other trusts and independent hospitals had one Covid-19"
        " patient or fewer each."
    ) in text
    assert copy_problems([story]) == []


def test_two_neighbourhoods_closed_by_their_rates_need_no_semicolon():
    """On November 28, 2020 the last two of Kent's district hotspots were listed "Highfield &
    Willesborough in Ashford (332.2); and Cranbrook, ..." because a name had commas; the
    bracketed rate already shows where a name ends, so two take a plain "and"."""
    story = checked_story("covid-hotspots", "2020-11-28", "Kent", "covid-hotspots-roundup-kent")
    assert (
        "After them came Highfield & Willesborough in Ashford (332.2) and Cranbrook,"
        " Sissinghurst & Frittenden in Tunbridge Wells (169.3)."
    ) in copy(story)
    assert copy_problems([story]) == []


def test_a_patch_roundup_gives_its_regions_change_only_like_for_like():
    """On February 3, 2021 London North West University Healthcare gave no figure for the
    week before and had 273 Covid-19 patients: London's total against a week earlier counts
    them in one week only. A roundup for a patch of two London trusts leaves the region's
    comparison out; Kent and Medway's, whose region's providers compare like for like, keeps
    the South East's."""
    prepared = prepared_on_real_files("hospital-patients", "2021-02-03")
    areas, facts = prepared.panel.areas, by_area(prepared.facts)
    trusts = ["Barts Health NHS Trust", "King's College Hospital NHS Foundation Trust"]
    inside = areas.index[areas["name"].isin(trusts)]
    assert len(inside) == 2
    patch = Patch(
        "Two London trusts", "two-london-trusts", {c: areas.at[c, "name"] for c in inside}
    )
    stories = {s.id: s for s in fact_checked(composed_with(prepared, [patch, *load_all()])).stories}
    london = stories["hospital-patients-roundup-two-london-trusts"]
    region = fact_about(london, "change.patients", "London")
    (code,) = areas.index[areas["name"] == "London North West University Healthcare NHS Trust"]
    new_to_the_figures = facts[code]
    assert "change.patients" not in new_to_the_figures
    assert new_to_the_figures["rank.patients.trust-in-region"].value == 273
    changes = [
        facts[c]["change.patients"]
        for c in areas.index[(areas["region_code"] == region.subject.code) & areas["is_trust"]]
        if "change.patients" in facts.get(c, {})
    ]
    assert region.value - sum(f.value for f in changes) == 273  # the new provider's patients
    assert "Across London" not in copy(london)
    assert copy_problems([london]) == []
    kent = stories["hospital-patients-roundup-kent-and-medway"]
    assert kent.paragraphs[-1].endswith(
        "Across the South East, hospitals had 3,836 Covid-19 patients, against 4,811 a week"
        " earlier."
    )


def test_a_roundup_leads_on_its_largest_trust_not_on_one_without_a_week_before():
    """On February 10, 2021 Cygnet Hospital Taunton gave no figure for the week before, so
    the South West's total has no like-for-like comparison. The roundup opens with the
    trusts that have figures for both weeks, the largest first, and names Cygnet after the
    list; in a long list only the sentence right after the largest says "It was followed by"
    (the trust with the most); later ones do not say "It"."""
    story = checked_story(
        "hospital-patients", "2021-02-10", "South West", "hospital-patients-roundup-south-west"
    )
    assert story.paragraphs[0].startswith(
        "Of the 45 trusts and independent hospitals with figures for both weeks, University"
        " Hospitals Bristol and Weston NHS Foundation Trust had the most, 174, down from 188."
        " It was followed by University Hospitals Dorset (173, down from 263)"
    )
    text = copy(story)
    missing = "Cygnet Hospital Taunton, which gave no figure for a week earlier, had one"
    assert missing in story.paragraphs[-1]
    assert text.count("It was followed by") == 1
    assert copy_problems([story]) == []


@pytest.mark.parametrize(
    ("patch_name", "as_of", "sentence", "fell"),
    [
        (
            "Gloucestershire",
            "2020-09-23",
            "Moving the other way, Forest of Dean (8.1) fell below it, joining Cotswold (4.5).",
            "Forest of Dean",
        ),
        (
            "Hampshire",
            "2021-04-28",
            "Moving the other way, Havant (9.5) fell below it, the only area of Hampshire now"
            " below 10.",
            "Havant (9.5)",
        ),
    ],
)
def test_an_area_that_fell_below_the_mark_while_more_rose_above_it_is_named_once(
    patch_name, as_of, sentence, fell
):
    """When more areas rose above the mark than fell below it, the targets story names the
    one that fell below it once, with the areas already below it (or as the only one), not
    again in a list of the areas below."""
    story = checked_story(
        "covid-cases", as_of, patch_name, f"covid-cases-targets-{slug(patch_name)}"
    )
    text = copy(story)
    assert sentence in text
    assert text.count(fell) == 1
    assert copy_problems([story]) == []


def test_the_targets_story_takes_the_band_edge_most_areas_crossed_in_the_week():
    """On June 30, 2021 four Kent districts rose above 50 but six rose above 100 (and five
    were still below it): the story is about 100, the edge the band counts say most areas
    crossed, not about the lowest edge any area is below."""
    story = checked_story("covid-cases", "2021-06-30", "Kent", "covid-cases-targets-kent")
    count = fact_about(story, "threshold.rate.band-district-count", "Kent")
    crossed = {
        edge: count.values[f"rose_above_{edge}"] + count.values[f"fell_below_{edge}"]
        for edge in (10, 50, 100, 200, 400)
    }
    assert max(crossed, key=crossed.get) == 100 and crossed[100] == 6 and crossed[50] == 4
    assert story.headline == "Six areas of Kent rise above 100 Covid-19 cases per 100,000"
    assert copy_problems([story]) == []


@pytest.mark.parametrize(
    ("as_of", "county", "sentence"),
    [
        (
            "2021-05-23",
            "Somerset",
            "Three of the four council areas in Somerset had rates below 10 cases per 100,000"
            " people in the seven days to May 23: Mendip, Somerset West and Taunton, and South"
            " Somerset.",
        ),
        (
            "2020-09-25",
            "Oxfordshire",
            "Only two of the five council areas in Oxfordshire had rates below 10 cases per"
            " 100,000 people in the seven days to September 25: South Oxfordshire and West"
            " Oxfordshire.",
        ),
    ],
)
def test_the_few_areas_below_a_mark_are_named_after_a_colon_and_only_a_minority_is_only(
    as_of, county, sentence
):
    """ "Only three of the four council areas in Somerset, Mendip, Somerset West and Taunton,
    and South Somerset, had rates below 10": three of four is no "only", and names between
    commas run into the county's. The names follow a colon; "only" is for fewer than half."""
    story = checked_story("covid-cases", as_of, county, f"covid-cases-targets-{slug(county)}")
    assert sentence in story.paragraphs
    assert copy_problems([story]) == []


@pytest.mark.parametrize(
    ("as_of", "area", "sentence"),
    [
        (
            "2021-11-03",
            "Sevenoaks",
            "Tunbridge Wells (451.5), Dartford (450.2), Maidstone (421.4), Gravesham (419.9)"
            " and Sevenoaks (400.0) remain at or above 400.",
        ),
        (
            "2021-09-22",
            "Folkestone and Hythe",
            "Tunbridge Wells (423.7), Sevenoaks (365.2), Tonbridge and Malling (353.4),"
            " Dartford (301.0), Gravesham (215.1), and Folkestone and Hythe (200.0) were"
            " already at or above 200.",
        ),
    ],
)
def test_an_area_whose_rate_is_printed_as_the_mark_is_at_or_above_it(as_of, area, sentence):
    """Sevenoaks's rate on November 3, 2021 prints as 400.0, and Folkestone and Hythe's on
    September 22, 2021 as 200.0: the targets story puts them "at or above" the mark, never
    "above" it, and the rest of its copy keeps each area on the side its printed rate is."""
    story = kent_and_medway_story("covid-cases", as_of, "covid-cases-targets-kent-and-medway")
    mark = int(re.search(r"(\d+)\.$", sentence).group(1))
    assert rate(fact_about(story, "change.rate", area).value) == f"{mark}.0"
    text = copy(story)
    assert sentence in text
    assert not re.search(
        rf"\({mark}\.0\)[^.]* (above|below) {mark}\b", text.replace("at or above", "")
    )
    assert copy_problems([story]) == []


def test_a_patch_whose_rate_rose_to_the_mark_itself_is_brought_up_to_it():
    """On May 12, 2021 Gloucestershire's rate rose to one printed as 10.0, the mark: it is
    "brought up to 10.0", not taken "to 10 too, at 10.0" nor "above 10"."""
    story = checked_story(
        "covid-cases", "2021-05-12", "Gloucestershire", "covid-cases-targets-gloucestershire"
    )
    assert story.standfirst.startswith("Gloucestershire's overall rate rose from")
    assert story.standfirst.split(" to ")[1].startswith("10.0 ")
    text = copy(story)
    assert "That brings Gloucestershire as a whole up to 10.0 too." in text
    assert "above 10 too" not in text and "to 10 too" not in text
    assert copy_problems([story]) == []


def test_an_area_that_rose_above_the_mark_is_not_listed_again_among_those_above_it():
    """On March 10, 2021 Ribble Valley rose above 100 while three Lancashire areas fell
    below it: it is named rising above 100, and the areas that stayed above it "remain"
    there, without it."""
    story = checked_story(
        "covid-cases", "2021-03-10", "Lancashire", "covid-cases-targets-lancashire"
    )
    text = copy(story)
    assert "Moving the other way, Ribble Valley (106.8) rose above it." in text
    assert "Preston (142.5) and South Ribble (116.4) remain above 100." in text
    assert text.count("Ribble Valley (106.8)") == 1
    assert copy_problems([story]) == []


def test_a_week_every_area_fell_but_stayed_above_the_mark_says_so_beside_the_fall_story():
    """On September 15, 2021 every Essex area was above 200, as a week earlier, and the rate
    fell in all 12. The targets story says they are still above it despite the falls, not
    "rates of 200 or more in every area" again, and does not take the against-trend story's
    headline ("Covid-19 rates fall in every area"); it ends with the four sharpest falls,
    worked out here from the change facts."""
    composed = fact_checked(composed_for("covid-cases", "2021-09-15", "Essex"))
    stories = {s.id: s for s in composed.stories}
    story = stories["covid-cases-targets-essex"]
    changes = district_changes(story)
    assert len(changes) == 12
    assert all(f.values["direction"] == "down" and f.values["previous"] >= 200 for f in changes)
    assert 200 <= min(f.value for f in changes) and max(f.value for f in changes) < 400
    assert story.headline == (
        "Every area of Essex still has a Covid-19 rate of 200 or more despite falls"
    )
    against = stories["covid-cases-against-trend-essex"]
    assert against.headline == "Covid-19 rates fall in every area of Essex"
    assert story.paragraphs[0].startswith(
        "Every one of the 12 council areas in Essex still had a rate of 200 or more cases per"
        " 100,000 people in the seven days to September 15, although rates fell in all of them."
    )
    sharpest = sorted(changes, key=lambda f: f.values["ratio"])[:4]
    assert [f.subject.name for f in sharpest] == ["Harlow", "Brentwood", "Uttlesford", "Tendring"]
    assert story.paragraphs[-1] == (
        "The sharpest falls were in Harlow (down 32.5% to 221.7), Brentwood (down 29.9% to"
        " 212.9), Uttlesford (down 24.3% to 222.4) and Tendring (down 21.8% to 217.7)."
    )
    assert copy_problems([story]) == []


def test_the_targets_story_follows_areas_over_800_and_1600_in_the_omicron_weeks():
    """On January 5, 2022 every Kent and Medway area was over 400, most over 1,600. The story
    used to say "Every area of Kent and Medway still has a Covid-19 rate of 400 or more",
    eight weeks running; the bands above 400 let it count the five that went over 1,600 that
    week, a figure the patch's band count backs (and the fact-check passes)."""
    story = kent_and_medway_story(
        "covid-cases", "2022-01-05", "covid-cases-targets-kent-and-medway"
    )
    count = fact_about(story, "threshold.rate.band-district-count", "Kent and Medway")
    assert count.values["below_400"] == 0 and count.values["rose_above_1600"] == 5
    assert story.headline == (
        "Five areas of Kent and Medway rise above 1,600 Covid-19 cases per 100,000"
    )
    assert story.paragraphs[0].startswith(
        "In the seven days to January 5, five of the 13 council areas in Kent and Medway rose"
        " above 1,600 cases per 100,000 people."
    )
    assert "400" not in copy(story)
    assert copy_problems([story]) == []


def test_every_area_in_one_band_is_held_to_the_edge_it_is_nearer():
    """On January 26, 2022 every Kent and Medway area was between 800 and 1,600, none having
    crossed either in the week: the story takes the edge the rates are nearer (the lowest
    against 800, the highest against 1,600), "still has a Covid-19 rate of 800 or more",
    not "below 1,600" while rates rose in 11 of the 13."""
    story = kent_and_medway_story(
        "covid-cases", "2022-01-26", "covid-cases-targets-kent-and-medway"
    )
    changes = district_changes(story)
    rates = [f.value for f in changes]
    assert len(rates) == 13 and 800 <= min(rates) and max(rates) < 1600
    assert all(800 <= f.values["previous"] < 1600 for f in changes)
    assert min(rates) / 800 < 1600 / max(rates)
    assert story.headline == (
        "Every area of Kent and Medway still has a Covid-19 rate of 800 or more"
    )
    assert "1,600" not in copy(story)
    assert copy_problems([story]) == []


def test_as_many_areas_below_the_mark_as_a_week_earlier_are_still_below_it():
    """On December 30, 2020 Swale came under 800 and Maidstone went over it: eight Kent and
    Medway areas were below 800, as a week earlier, so the headline says "still", not "now"."""
    story = kent_and_medway_story(
        "covid-cases", "2020-12-30", "covid-cases-targets-kent-and-medway"
    )
    count = fact_about(story, "threshold.rate.band-district-count", "Kent and Medway")
    assert count.values["fell_below_800"] == count.values["rose_above_800"] == 1
    assert number(count.values["below_800"]) == "eight"
    assert (
        story.headline
        == "Eight areas of Kent and Medway still below 800 Covid-19 cases per 100,000"
    )
    assert "Swale fell below 800 in the latest week, from 823.5 to 734.9." in copy(story)
    assert copy_problems([story]) == []


def test_a_patch_taken_across_the_mark_too_follows_the_areas_that_took_it():
    """On January 6, 2021 Ashford went under 800 and took Kent and Medway's rate with it
    (802.0 to 796.0). "That takes Kent and Medway as a whole below 800 too" follows Ashford
    in the same paragraph, not the areas that stayed above 800."""
    story = kent_and_medway_story(
        "covid-cases", "2021-01-06", "covid-cases-targets-kent-and-medway"
    )
    total = fact_about(story, "total.rate", "Kent and Medway")
    assert total.value < 800 <= total.values["previous"]
    assert (
        "Ashford fell below 800 in the latest week, from 842.9 to 779.8. That takes Kent and"
        " Medway as a whole below 800 too, at 796.0."
    ) in story.paragraphs
    assert story.paragraphs[-1].startswith("Rates rose in seven areas")
    assert copy_problems([story]) == []


def test_a_patch_that_crossed_the_mark_while_none_of_its_areas_did_is_not_taken_there_too():
    """On December 30, 2020 Hertfordshire's rate went over 800 (656.1 to 813.0) while none of
    its areas crossed it: "That takes Hertfordshire as a whole above 800 too" followed areas
    that had stayed where they were; it is now "the rate is now above that level"."""
    story = checked_story(
        "covid-cases", "2020-12-30", "Hertfordshire", "covid-cases-targets-hertfordshire"
    )
    count = fact_about(story, "threshold.rate.band-district-count", "Hertfordshire")
    assert count.values["fell_below_800"] == count.values["rose_above_800"] == 0
    total = fact_about(story, "change.rate", "Hertfordshire")
    assert total.values["previous"] < 800 <= total.value
    assert "Across Hertfordshire as a whole the rate is now above that level, at 813.0." in (
        story.paragraphs
    )
    assert " too" not in copy(story)
    assert copy_problems([story]) == []


def test_every_area_now_at_or_above_an_edge_two_crossed_is_the_news():
    """On July 14, 2021 South Kesteven rose above 200 and South Holland's rate went from 82.1
    to a rate printed as 200.0, so every Lincolnshire area was at 200 or more. The story said
    South Holland was "the only area with a rate below 200, at 200.0"; it now says every
    area is at 200 or more, South Holland "at least" 200, not above it."""
    story = checked_story(
        "covid-cases", "2021-07-14", "Lincolnshire", "covid-cases-targets-lincolnshire"
    )
    holland = fact_about(story, "change.rate", "South Holland")
    assert rate(holland.value) == "200.0" and holland.values["previous"] < 200
    assert story.headline == "Every area of Lincolnshire now has a Covid-19 rate of 200 or more"
    assert (
        "South Kesteven (261.9) and South Holland (200.0) rose to at least 200 in the latest week."
        in story.paragraphs
    )
    assert "below 200" not in copy(story)
    assert copy_problems([story]) == []


@pytest.mark.parametrize(
    ("as_of", "patch_name", "sentence"),
    [
        (
            "2021-01-27",
            "Somerset",
            "Somerset West and Taunton, and South Somerset are also at their lowest since"
            " December 26, 2020.",
        ),
        (
            "2022-01-12",
            "Hertfordshire",
            "Rates in St Albans and North Hertfordshire are at their lowest since December 13,"
            " 2021.",
        ),
    ],
)
def test_areas_at_their_lowest_since_the_same_day_are_named_together(as_of, patch_name, sentence):
    """On January 27, 2021 two Somerset areas were at their lowest since December 26, 2020,
    and on January 12, 2022 two Hertfordshire areas since December 13, 2021: the targets
    story names each group in one sentence with its date, and gives no date twice (it said
    "Sedgemoor's, and Somerset West and Taunton's are the lowest since December 28, 2021.
    South Somerset's is also the lowest since December 28, 2021")."""
    story = checked_story(
        "covid-cases", as_of, patch_name, f"covid-cases-targets-{slug(patch_name)}"
    )
    lows = [f for f in story.facts if f.key == "record.rate" and f.values["direction"] == "low"]
    text = copy(story)
    assert sentence in text
    dates = {date_year(f.values["since"]) for f in lows}
    assert len(dates) < len(lows)  # some areas share a day
    for said in dates:
        assert text.count(said) <= 1, said
    assert copy_problems([story]) == []


@pytest.mark.parametrize(
    ("name", "as_of", "story_id", "headline"),
    [
        (
            "covid-cases",
            "2020-09-30",
            "covid-cases-area-isle-of-wight-e06000046",
            "The Isle of Wight has the lowest Covid-19 rate in England",
        ),
        (
            "covid-hotspots",
            "2020-11-21",
            "covid-hotspots-area-isle-of-wight-e06000046",
            "East Cowes & Osborne has the Isle of Wight's highest Covid-19 rate",
        ),
    ],
)
def test_the_isle_of_wight_takes_the(name, as_of, story_id, headline):
    """The Isle of Wight is "the Isle of Wight" wherever its stories name it ("Isle of Wight
    has the lowest Covid-19 rate in England" was the headline), "The" at a sentence's start,
    and its trust keeps its own name ("Isle of Wight NHS Trust")."""
    story = checked_story(name, as_of, "Hampshire", story_id)
    assert story.headline == headline
    text = copy(story)
    assert "Isle of Wight" in text
    assert not re.search(r"(?<!the )(?<!The )Isle of Wight(?! NHS)", text)
    assert copy_problems([story]) == []


def test_figures_are_on_the_isle_of_wight_not_in_it():
    """ "Of the 14 neighbourhoods in the Isle of Wight" (November 21, 2020) reads "on the Isle
    of Wight", as a reporter writes it, and the fact-check still reads the 14 as the count of
    the island's neighbourhoods: the story is not held."""
    story = checked_story(
        "covid-hotspots", "2020-11-21", "Hampshire", "covid-hotspots-area-isle-of-wight-e06000046"
    )
    hotspot = fact_about(story, "hotspot.rate.neighbourhood", "Isle of Wight")
    assert hotspot.values["of"] == 14
    text = copy(story)
    assert story.paragraphs[0].startswith(
        "Of the 14 neighbourhoods on the Isle of Wight with a published figure in the week"
        " ending November 21, East Cowes & Osborne had the highest Covid-19 rate."
    )
    assert "A week earlier the highest rate on the Isle of Wight was in " in text
    assert not re.search(r"\b[Ii]n the Isle of Wight\b(?!'s| NHS)", text)
    assert copy_problems([story]) == []


def test_a_rate_that_more_than_doubled_is_given_by_its_two_figures_in_a_list():
    """On June 30, 2021 Swale's rate went from 26.7 to 91.3. In the list of the sharpest
    rises it is "Swale (up from 26.7 to 91.3)", not "(up 242.5% to 91.3)"; a rise of less
    than double keeps its percentage."""
    story = kent_and_medway_story(
        "covid-cases", "2021-06-30", "covid-cases-targets-kent-and-medway"
    )
    text = copy(story)
    assert "most sharply in Swale (up from 26.7 to 91.3), Sevenoaks (up from 51.3 to 152.4)" in text
    assert not re.search(r"\(up \d{3,}\.\d%", text)
    assert copy_problems([story]) == []
    later = kent_and_medway_story(
        "covid-cases", "2021-07-21", "covid-cases-targets-kent-and-medway"
    )
    assert "most sharply in Thanet (up 86.1% to 207.2)" in copy(later)


def test_a_little_changed_rate_under_a_ranking_lede_is_said_to_be_so():
    """On August 21, 2021 Redditch's rate went from 296.7 to 294.4 while rates rose in most
    of England; its story leads on its ranking in Worcestershire, so the national count
    comes with what its own rate did: "Its rate edged down, while rates rose in 212 of the
    315 council areas in England", not a bare count after its ranking."""
    story = checked_story(
        "covid-cases", "2021-08-21", "Worcestershire", "covid-cases-area-redditch-e07000236"
    )
    assert story.headline == "Redditch has the second-highest Covid-19 rate in Worcestershire"
    text = copy(story)
    assert (
        "Its rate edged down, while rates rose in 212 of the 315 council areas in England." in text
    )
    assert "over the same week" not in text
    assert copy_problems([story]) == []


def test_a_roundup_names_a_trust_that_gave_no_figure_and_makes_no_total_without_it():
    """On January 21, 2021 East Kent Hospitals gave no figure; it had 353 Covid-19 patients
    the day before. Kent and Medway's roundup had led on "Kent and Medway hospitals fall
    from 752 to 689", the three others' sum: it now makes no patch total, says the three
    "gave figures", names East Kent with its last figure, and leads on the three's falls.
    London's missing trust (Central London Community Healthcare, 96) is under 5% of its
    7,332: its total stands, counted as those "with figures for both weeks". East Kent's own
    story is held with the reason."""
    prepared = prepared_on_real_files("hospital-patients", "2021-01-21")
    london = [
        p for p in group_patches(prepared.panel.areas, RUNS["hospital-patients"][2])
        if p.name == "London"
    ]  # fmt: skip
    composed = composed_with(prepared, [*load_all(), *london])
    checked = fact_checked(composed)
    stories = {s.id: s for s in checked.stories}
    kent = stories["hospital-patients-roundup-kent-and-medway"]
    assert "total.patients" not in {f.key for f in kent.facts}
    assert kent.headline == (
        "Covid-19 patients fall at all three Kent and Medway trusts with figures for both weeks"
    )
    assert kent.standfirst == (
        "Covid-19 patients occupied 689 beds at the three NHS trusts in Kent and Medway that"
        " gave figures for January 21."
    )
    assert kent.paragraphs[0].startswith("Of the three trusts with figures for both weeks, ")
    assert (
        "East Kent Hospitals University NHS Foundation Trust gave no figure for January 21; it"
        " had 353 Covid-19 patients the day before." in kent.paragraphs
    )
    assert "752" not in copy(kent)
    assert copy_problems([kent]) == []
    region = stories["hospital-patients-roundup-london"]
    total = fact_about(region, "total.patients", "London")
    assert (total.value, total.values["previous"]) == (7332, 7756)
    assert "1 more gave no figure on the day; their last figures, 96 in all" in (
        total.provenance.arithmetic
    )
    assert region.headline == "Covid-19 patients in London hospitals fall by 5.5% in a week"
    assert region.paragraphs[0].startswith(
        "The 64 trusts and independent hospitals in London with figures for both weeks had"
        " 7,332 Covid-19 patients"
    )
    assert region.paragraphs[-1] == (
        "Central London Community Healthcare NHS Trust gave no figure for January 21; it had"
        " 96 Covid-19 patients the day before."
    )
    held = {h["id"]: h["reason"] for h in composed.held}
    assert held[
        "hospital-patients-area-east-kent-hospitals-university-nhs-foundation-trust-rvv"
    ] == (
        "held by its template: East Kent Hospitals University NHS Foundation Trust gave no"
        " figure for Covid-19 patients on January 21 (its last, 353, was on January 20), so"
        " there is nothing to report"
    )


def test_trusts_that_gave_no_figure_are_listed_largest_first_with_their_last_figures():
    """On February 3, 2021 two London providers gave no figure: Royal Brompton & Harefield
    (76 patients on January 31) and Cygnet Hospital Beckton (11 the day before)."""
    story = checked_story(
        "hospital-patients", "2021-02-03", "London", "hospital-patients-roundup-london"
    )
    assert story.paragraphs[-1] == (
        "Royal Brompton & Harefield NHS Foundation Trust (76 Covid-19 patients on January 31)"
        " and Cygnet Hospital Beckton (11 the day before) gave no figures for February 3."
    )
    assert copy_problems([story]) == []


@pytest.mark.parametrize(
    ("as_of", "headline"),
    [
        ("2021-01-05", "rise at all three Kent and Medway trusts with figures for both weeks"),
        ("2021-01-28", "fall at all three Kent and Medway trusts with figures for both weeks"),
    ],
)
def test_a_patch_without_a_like_for_like_total_leads_on_its_trusts_all_moving_one_way(
    as_of, headline
):
    """East Kent gave no figure on January 5, 2021, nor on January 21, a week before January
    28: Kent and Medway has no total to compare, and its three other trusts all moved the
    same way. The headline says so, where it led on the largest trust's move alone."""
    story = kent_and_medway_story(
        "hospital-patients", as_of, "hospital-patients-roundup-kent-and-medway"
    )
    assert "total.patients" not in {f.key for f in story.facts}
    assert story.headline == f"Covid-19 patients {headline}"
    assert copy_problems([story]) == []
