"""Share facts: an area's part of its county's, region's or patch's total."""

from __future__ import annotations

import real_panels as real

SWALE, KENT = "E07000113", "E10000016"


def test_swales_share_of_kent_cases():
    kent = [r["lad19_cd"] for r in real.lookup() if r["utla19_cd"] == KENT]
    total = sum(real.week_cases(code, "2020-11-25") for code in kent)
    swale = real.week_cases(SWALE, "2020-11-25")
    assert (swale, total) == (846, 4477)
    fact = real.facts("covid-cases", "2020-11-25")[f"share.cases.county.{SWALE}"]
    assert (fact.value, fact.values["total"]) == (846, 4477)
    assert fact.values["share"] == 846 / 4477 * 100
    people = real.populations()
    kent_people = sum(people[code] for code in kent)
    assert fact.values["population_share"] == people[SWALE] / kent_people * 100
    assert round(fact.values["over_represented"], 2) == 1.99  # about twice its share of people
    assert fact.values["one_in"] == 5


def test_trust_shares_of_the_patch_add_up():
    facts = real.facts("hospital-patients", "2020-12-23")
    shares = {
        code: facts[f"share.patients.kent-and-medway.{code}"]
        for code in ("RVV", "RPA", "RWF", "RN7")
    }
    assert {f.values["total"] for f in shares.values()} == {364 + 227 + 253 + 168}
    assert round(sum(f.values["share"] for f in shares.values()), 9) == 100
    region = facts["share.patients.region.RVV"]
    assert region.values["total"] == 2868  # NHS England's own South East row for December 23
