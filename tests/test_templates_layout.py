"""A reporter's template may extend a shared layout (``{% extends %}``): blocks it leaves out
come from the layout, ``super()`` gives the layout's block, and a block that is nowhere, or
never rendered, holds the story with a reason that names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casedata import covid_inputs, data_args, narrative_with_template
from click.testing import CliRunner

from storygen.cli import main
from storygen.render import Renderer, RenderError
from storygen.style.dates import date
from storygen.style.numbers import rate

LAYOUT = """\
{% set week = "the seven days to " ~ (as_of|date) %}
{% block headline %}Covid-19 figures for {{ area.name }}{% endblock %}
{% block standfirst %}{{ area.name }} had {{ area.facts["change.rate"].value|rate }} cases
per 100,000 people in {{ week }}.{% endblock %}
{% block body %}
The rate in {{ area.name }} was {{ area.facts["change.rate"].value|rate }} in {{ week }}.
{% endblock %}
"""

AREA = """\
{% extends "custom/layout.j2" %}
{% block headline %}Covid-19 rate in {{ area.name }} for {{ as_of|date }}{% endblock %}
{% block body %}
{{ super() }}

A week earlier it was {{ area.facts["change.rate"].previous|rate }}.
{% endblock %}
"""


def run_drafts(folder: Path, area: str, layout: str) -> tuple[int, dict]:
    """``storygen run`` of covid-cases with ``area`` as its area template, extending
    ``layout``: the exit code and the manifest."""
    inputs = covid_inputs(folder)
    narrative = narrative_with_template(folder, area)
    (folder / "templates" / "custom" / "layout.j2").write_text(layout, encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(
        main,
        ["run", str(narrative), *data_args(inputs), "--out", str(out), "--format", "json"],
        catch_exceptions=False,
    )
    return result.exit_code, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_a_template_extending_a_layout_writes_whole_checked_drafts(tmp_path):
    code, manifest = run_drafts(tmp_path, AREA, LAYOUT)
    areas = [entry for entry in manifest["stories"] if entry["kind"] == "area"]
    assert code == 0, manifest["held"]
    assert manifest["held"] == []
    assert len(areas) == 9  # every area story, each fact-checked
    for entry in areas:
        draft = json.loads((tmp_path / "out" / entry["files"]["json"]).read_text())
        change = next(f for f in draft["facts"] if f["id"] == f"change.rate.{draft['area_code']}")
        name, when = draft["area_name"], date(draft["as_of"])
        now, before = rate(change["value"]), rate(change["values"]["previous"])
        assert draft["headline"] == f"Covid-19 rate in {name} for {when}"  # its own block
        assert draft["standfirst"] == (  # the layout's block, with the layout's ``week``
            f"{name} had {now} cases per 100,000 people in the seven days to {when}."
        )
        assert draft["paragraphs"] == [  # the layout's body by super(), then its own
            f"The rate in {name} was {now} in the seven days to {when}.",
            f"A week earlier it was {before}.",
        ]


def test_a_block_missing_from_a_template_and_its_layout_holds_the_story(tmp_path):
    layout = LAYOUT.split("{% block body %}")[0]  # a layout with no body
    area = '{% extends "custom/layout.j2" %}\n{% block headline %}Figures{% endblock %}\n'
    code, manifest = run_drafts(tmp_path, area, layout)
    held = [entry for entry in manifest["held"] if "-area-" in entry["id"]]
    assert code == 1
    assert len(held) == 9  # every area story
    for entry in held:
        assert entry["reason"] == (
            "template error: custom/area.j2: the template has no {% block body %}"
        )


@pytest.fixture
def renderer(tmp_path):
    return Renderer(search=[tmp_path])


def test_a_block_the_template_never_renders_is_named(tmp_path, renderer):
    (tmp_path / "hidden.j2").write_text(
        "{% block headline %}Figures{% endblock %}\n"
        "{% if false %}{% block standfirst %}Never{% endblock %}{% endif %}\n"
        "{% block body %}Body.{% endblock %}\n"
    )
    with pytest.raises(RenderError, match=r"^hidden.j2: the template never renders its "):
        renderer.render("hidden.j2", {})


def test_a_block_may_repeat_another_by_self(tmp_path, renderer):
    """``self.headline()`` in the body prints the headline again, and the headline stays."""
    (tmp_path / "base.j2").write_text(
        "{% block headline %}Rates rise in {{ place }}{% endblock %}\n"
        "{% block standfirst %}Figures for {{ place }}.{% endblock %}\n"
        "{% block body %}{% endblock %}\n"
    )
    (tmp_path / "child.j2").write_text(
        '{% extends "base.j2" %}\n'
        "{% block body %}As the headline says: {{ self.headline()|lower }}.{% endblock %}\n"
    )
    assert renderer.render("child.j2", {"place": "Swale"}) == {
        "headline": "Rates rise in Swale",
        "standfirst": "Figures for Swale.",
        "paragraphs": ["As the headline says: rates rise in swale."],
    }
