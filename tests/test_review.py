"""The review page: every draft listed strongest first, figures traced to their facts,
held drafts with their reasons, all data escaped, and nothing fetched from a network."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from storygen.cli import main
from storygen.exporters.read import read_run
from storygen.exporters.write import write_run
from storygen.review import review_page

HOSTILE = "Bath & <North> East"


def fact(kind, key, value, **values):
    code = "E06000022"
    return {
        "kind": kind,
        "subject": {"code": code, "name": HOSTILE, "type": "district"},
        "measure": "cases",
        "period_end": "2020-11-25",
        "value": value,
        "values": values,
        "peer_group": None,
        "rank": None,
        "score": 0.5,
        "provenance": {
            "source": "cases",
            "path": "/data/<cases>.csv",
            "areas": [code],
            "dates": ["2020-11-19", "2020-11-25"],
            "arithmetic": "sum of 7 days <to> the as-of date",
        },
        "id": f"{key}.{code}",
    }


def story(story_id, score, paragraphs, patches=("West <Country>",), **changes):
    item = {
        "id": story_id,
        "narrative": "covid-cases",
        "plan": "area",
        "kind": "area",
        "as_of": "2020-11-25",
        "area_code": "E06000022",
        "area_name": HOSTILE,
        "area_type": "district",
        "patches": list(patches),
        "headline": f"Cases in {HOSTILE} rose to 120 <script>alert('x')</script>",
        "standfirst": "There were 120 new cases, up from 100.",
        "paragraphs": paragraphs,
        "caveats": [],
        "score": score,
        "demo": False,
        "style": "pa",
        "facts": [
            fact(
                "change",
                "change.cases",
                120.0,
                previous=100.0,
                change=20.0,
                ratio=1.2,
                pct_change=20.0,
                direction="up",
                previous_date="2020-11-18",
            )
        ],  # fmt: skip
        "sources": [{"name": "cases", "title": "Cases & <tests>", "path": "x", "publisher": ""}],
        "series": {
            "measure": "cases",
            "label": "cases in seven days",
            "decimals": 0,
            "dates": ["2020-11-24", "2020-11-25"],
            "lines": [{"code": "E06000022", "name": HOSTILE, "values": [110, 120]}],
            "thresholds": [{"value": 150, "label": "<i>band</i>"}],
            "measures": {"cases": {"decimals": 0}},
        },
    }
    item.update(changes)
    return item


def copy_text(element) -> str:
    """The text a reader sees in the copy, without the hidden notes behind each figure."""
    element = copy.deepcopy(element)
    for note in element.find_class("source"):
        note.drop_tree()
    return element.text_content()


@pytest.fixture
def page(tmp_path):
    stories = [
        story("weaker", 0.2, ["The figure was 120 in the week."]),
        story("stronger", 0.9, ["There were 120 new cases, a rise of 20.0%."], ("Kent & Medway",)),
    ]
    held = [
        {"id": "held-one", "reason": "fact-check: <b>999</b> is not backed",
         "story": story("held-one", 0.5, ["A figure of 999 no fact backs."])},
        {"id": "held-two", "reason": "template error: <oops>"},
    ]  # fmt: skip
    skipped = [
        {"area_code": "E12000007", "area_name": "London <North>",
         "reason": "no story quotes its figures: its totals lack <b>Hackney</b>"},
        {"id": "cases-area-scilly", "area_code": "E06000053", "area_name": "Isles of Scilly",
         "reason": "no figures for Isles of Scilly in the period: the data has no rows for it"},
    ]  # fmt: skip
    out = tmp_path / "drafts"
    write_run(out, "2020-11-25", stories, held, ["json"], skipped)
    html = review_page(read_run(out))
    return html, lxml.html.document_fromstring(html)


def test_the_page_needs_no_network(page):
    html, doc = page
    [script] = doc.findall(".//script")
    assert script.get("src") is None
    assert doc.findall(".//link") == [] and doc.findall(".//img") == []
    assert not [e for e in doc.iter() if any(str(v).startswith(("http:", "https:", "//"))
                                             for k, v in e.attrib.items() if k in ("src", "href"))]  # fmt: skip
    policy = doc.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in policy


def test_every_piece_of_data_is_escaped(page):
    html, doc = page
    assert "<script>alert('x')</script>" not in html
    assert "<b>999</b>" not in html and "<i>band</i>" not in html and "<North>" not in html
    headline = doc.find(".//article[@id='draft-stronger']//h2")
    assert copy_text(headline) == f"Cases in {HOSTILE} rose to 120 <script>alert('x')</script>"
    assert "<i>band</i>" in doc.find(".//article[@id='draft-stronger']//svg").text_content()


def test_drafts_are_listed_strongest_first(page):
    _, doc = page
    drafts = doc.findall(".//ol[@class='stories']//article")
    assert [a.get("data-id") for a in drafts] == ["stronger", "weaker"]
    assert [json.loads(a.get("data-patches")) for a in drafts] == [
        ["Kent & Medway"],
        ["West <Country>"],
    ]
    assert json.loads(drafts[0].get("data-kinds")) == ["change"]  # the headline's fact
    options = [o.get("value") for o in doc.findall(".//select[@id='filter-patch']/option")]
    assert options == ["", "Kent & Medway", "West <Country>"]


def test_each_figure_shows_the_fact_behind_it(page):
    _, doc = page
    article = doc.find(".//article[@id='draft-stronger']")
    figures = article.find_class("fig")
    assert [f.text.strip() for f in figures] == ["120", "120", "100", "120", "20.0%"]
    source = figures[0].find_class("source")[0].text_content()
    assert f"change fact: {HOSTILE}" in source
    assert "value = 120.0" in source
    assert "sum of 7 days <to> the as-of date" in source
    assert "/data/<cases>.csv (2020-11-19 to 2020-11-25)" in source
    percent = [f for f in figures if f.text.strip() == "20.0%"][0]
    assert "values.pct_change = 20.0" in percent.find_class("source")[0].text_content()
    assert "all" in article.find_class("checked")[0].text_content()


def test_held_drafts_are_listed_with_their_reasons(page):
    _, doc = page
    held = doc.find(".//section[@id='held']")
    assert "Held back (2)" in held.find("h2").text_content()
    reasons = [p.text_content() for p in held.find_class("held-reason")]
    assert reasons == ["Held: fact-check: <b>999</b> is not backed", "Held: template error: <oops>"]
    draft = held.find(".//article[@id='held-held-one']")
    [unbacked] = draft.find_class("unbacked")
    assert unbacked.text.strip() == "999"
    assert "Not backed" in unbacked.text_content()


def test_areas_with_no_draft_are_listed_with_their_reasons(page):
    """An editor sees which areas have no draft and why: those the data gives no figures
    for, and totals no draft quotes (a region whose total lacks a borough)."""
    html, doc = page
    section = doc.find(".//section[@id='skipped']")
    assert "No draft (2)" in section.find("h2").text_content()
    assert [li.text_content() for li in section.findall(".//li")] == [
        "London <North>: no story quotes its figures: its totals lack <b>Hackney</b>",
        "Isles of Scilly: no figures for Isles of Scilly in the period: the data has no rows for it",
    ]
    assert "<b>Hackney</b>" not in html
    assert "2 held back; 2 with no draft." in doc.find(".//header").text_content()


def test_each_story_has_its_chart_with_thresholds(page):
    _, doc = page
    figure = doc.find(".//article[@id='draft-stronger']//figure")
    assert figure.find(".//svg") is not None
    assert figure.find_class("threshold")
    assert "thresholds in red" in figure.find("figcaption").text_content()


def test_review_command_writes_the_page(tmp_path):
    out = tmp_path / "drafts"
    write_run(out, "2020-11-25", [story("one", 0.5, ["The figure was 120."])], [], ["json"])
    result = CliRunner().invoke(main, ["review", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (out / "review.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    elsewhere = tmp_path / "pages" / "today.html"
    result = CliRunner().invoke(main, ["review", str(out), "--output", str(elsewhere)])
    assert result.exit_code == 0 and elsewhere.is_file()


def test_review_page_of_a_run_without_json_says_what_to_do(tmp_path):
    out = tmp_path / "drafts"
    write_run(out, "2020-11-25", [story("one", 0.5, ["x"])], [], ["md"])
    result = CliRunner().invoke(main, ["review", str(out)])
    assert result.exit_code == 2
    assert "rerun with --format including json" in result.output


def test_a_page_is_the_same_for_the_same_run(tmp_path):
    out = tmp_path / "drafts"
    write_run(out, "2020-11-25", [story("one", 0.5, ["The figure was 120."])], [], ["json"])
    assert review_page(read_run(out)) == review_page(read_run(out))


def test_the_page_is_written_where_asked_only(tmp_path):
    out = tmp_path / "drafts"
    write_run(out, "2020-11-25", [story("one", 0.5, ["The figure was 120."])], [], ["json"])
    before = sorted(p.name for p in Path(out).rglob("*"))
    CliRunner().invoke(main, ["review", str(out), "--output", str(tmp_path / "p.html")])
    assert sorted(p.name for p in Path(out).rglob("*")) == before
