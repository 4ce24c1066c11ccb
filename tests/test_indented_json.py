"""The story JSON encoder writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` does,
but for NaN and infinities, which it writes as null; by orjson or by its own encoder, the same."""

from __future__ import annotations

import json
import math
from datetime import date

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
    plain = _finite(value)
    text = json.dumps(plain, indent=2, ensure_ascii=False)
    assert indented_json.dumps(value) == text
    assert indented_json.in_python(value) == text
    assert indented_json.dumps(value, ensure_ascii=True) == json.dumps(plain, indent=2)


@pytest.mark.parametrize(
    "value",
    [1e16, 1.5e300, 1e-05, 5e-324, -2.5e-7, 0.0001, 10.00001, {"figure": [123456.0e17, 0.00003]}],
)
def test_floats_spelled_as_the_standard_library_spells_them(value):
    assert indented_json.dumps(value) == json.dumps(value, indent=2)


def test_not_a_number_is_null():
    value = {"ratio": float("nan"), "rises": [float("inf"), -float("inf"), 1.5]}
    assert json.loads(indented_json.dumps(value)) == {"ratio": None, "rises": [None, None, 1.5]}
    assert indented_json.dumps(value) == indented_json.in_python(value)
    assert indented_json.dumps(value, ensure_ascii=True) == indented_json.in_python(value)


def _finite(value):
    """``value`` with NaN and infinities as None, as JSON has them."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


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


@pytest.mark.parametrize(
    "value",
    [
        {1, 2},
        {"when": object()},
        [b"bytes"],
        {"on": date(2020, 11, 25)},
        [Subject("E06000035", "Medway", "district")],
    ],
)
def test_what_json_refuses_it_refuses(value):
    with pytest.raises(TypeError):
        json.dumps(value)
    with pytest.raises(TypeError):
        indented_json.dumps(value)
    with pytest.raises(TypeError):
        indented_json.in_python(value)
