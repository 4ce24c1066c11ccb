"""The strongest facts for one date of each real dataset, pinned in golden files.

A change to a rule or to the scores shows up as a diff of tests/test_facts_golden/*.yml: read
it as the change in what storygen would lead on. Regenerate deliberately with
``python -m pytest tests/test_facts_golden.py --force-regen``.
"""

from __future__ import annotations

import pytest
import real_panels as real

from storygen.detect import describe

TOP = 30
CASES = [
    ("covid-cases", "2020-11-25", None),
    ("covid-cases", "2020-11-25", "Kent and Medway"),
    ("covid-hotspots", "2020-11-14", "Kent and Medway"),
    ("hospital-patients", "2020-12-23", None),
]


@pytest.mark.parametrize("name,as_of,patch", CASES, ids=lambda value: str(value))
def test_the_strongest_facts(name, as_of, patch, data_regression):
    from storygen.patches import load_all, select

    found = [fact for fact in real.facts(name, as_of).values() if fact.repeats is None]
    if patch:  # as storygen facts --patch: the patch, its areas and the areas inside them
        (chosen,) = select(load_all(), patch)
        inside = real.panel(name)[1].inside(chosen.areas)
        wanted = {*inside.index[inside.to_numpy()], chosen.slug}
        found = [fact for fact in found if fact.subject.code in wanted]
    found.sort(key=lambda fact: (-fact.score, fact.id))
    data_regression.check(
        [
            {
                "score": round(fact.score, 3),
                "id": fact.id,
                "subject": fact.subject.name,
                "says": describe(fact),
            }
            for fact in found[:TOP]
        ]
    )
