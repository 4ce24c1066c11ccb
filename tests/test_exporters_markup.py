"""File-name slugs and the text checks the exporters share."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storygen.exporters.markup import check_xml_text, slug

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bath & North East Somerset", "bath-north-east-somerset"),
        ("Brighton and Hove", "brighton-and-hove"),
        ("King's Lynn and West Norfolk", "kings-lynn-and-west-norfolk"),
        ("Newcastle-upon-Tyne", "newcastle-upon-tyne"),
        ("Ynys Môn", "ynys-mon"),
        ("Rhondda Cynon Taf / Rhondda Cynon Taf", "rhondda-cynon-taf-rhondda-cynon-taf"),
        ("Œuvre Ærø Straße", "oeuvre-aero-strasse"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        (".env", "env"),
        ("<b>x</b>", "b-x-b"),
        ("]]>", "untitled-56fa24fe"),
        ("CON", "con-1"),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


@settings(database=None)
@given(st.text())
def test_slug_is_always_a_safe_file_name(text):
    name = slug(text)
    assert SLUG.fullmatch(name), name
    assert 0 < len(name) <= 80
    assert slug(text) == name  # stable from run to run


@settings(database=None)
@given(st.text(st.sampled_from("ab -")), st.integers(min_value=1, max_value=20))
def test_slug_respects_its_length_limit(text, max_length):
    assert len(slug(text, max_length=max_length)) <= max(max_length, len("untitled-12345678"))


def test_xml_check_names_the_field_and_character():
    text = "tab\tand newline\n are fine"
    assert check_xml_text(text, "headline") == text
    with pytest.raises(ValueError, match=r"story 'x' headline: character U\+FFFE at position 2"):
        check_xml_text("ab\ufffe", "story 'x' headline")
