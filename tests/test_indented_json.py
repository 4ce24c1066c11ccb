"""The story JSON encoder writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` does."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storygen.exporters import indented_json
from storygen.facts import Fact, Provenance, Subject
from storygen.story import Source, Story

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text() | st.integers() | st.booleans() | st.none(), inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(
    max_examples=400, database=None, suppress_health_check=[HealthCheck.too_slow], deadline=None
)
@given(documents)
def test_the_same_text_as_the_standard_library(value):
    assert indented_json.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert indented_json.dumps(value, ensure_ascii=True) == json.dumps(value, indent=2)


def test_a_story_file_is_unchanged():
    fact = Fact(
        kind="change",
        subject=Subject("E06000035", "Medway", "district"),
        measure="rate",
        period_end="2020-11-25",
        value=477.8,
        values={"previous": 383.0, "direction": "up", "pct_change": float("nan")},
        score=0.61,
        provenance=Provenance(
            "cases", "cases.csv", ("E06000035",), ("2020-11-19", "2020-11-25"), "sum"
        ),
        id="change.rate.E06000035",
    )
    story = Story(
        id="covid-cases-area-medway-e06000035",
        narrative="covid-cases",
        plan="area",
        kind="area",
        as_of="2020-11-25",
        area_code="E06000035",
        area_name="Medway",
        area_type="district",
        headline="Covid-19 cases in Medway up by a quarter in a week",
        standfirst="The rate rose from 383.0 to 477.8 — “up”.",
        paragraphs=["Façade of the first.", "Second\twith a tab."],
        facts=[fact],
        sources=[Source("cases", "Cases", "cases.csv")],
    ).to_dict()
    assert indented_json.dumps(story) == json.dumps(story, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", [{1, 2}, {"when": object()}, [b"bytes"]])
def test_what_json_refuses_it_refuses(value):
    with pytest.raises(TypeError):
        json.dumps(value)
    with pytest.raises(TypeError):
        indented_json.dumps(value)
