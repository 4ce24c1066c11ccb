"""The CMS formats: ninjs 1.6 and 2.2, NITF 3.6, WXR 1.2, HTML and plain text.

Every output is parsed back and compared with the story it came from, using stories whose
names and copy are hostile to markup (ampersands, tags, quotes, CDATA terminators).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from storygen.exporters import EXPORTERS, get
from storygen.exporters.markup import slug
from storygen.exporters.ninjs import ninjs_1_6, ninjs_2_2

SHARED = Path(__file__).resolve().parents[2] / "shared"
NINJS_SCHEMAS = SHARED / "schemas" / "ninjs"
NITF_SAMPLE = SHARED / "schemas" / "nitf" / "examples" / "NTB_nitf-3.6_sample.xml"

WP = "http://wordpress.org/export/1.2/"
WXR_NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": WP,
}

OGL = "Open Government Licence v3.0"
SOURCE = {
    "name": "cases",
    "title": "UK coronavirus dashboard, cases by specimen date",
    "path": "cases.csv",
    "publisher": "UK Health Security Agency",
    "licence": OGL,
}
RUN = {
    "as_of": "2020-11-26",
    "generated": "2020-11-26T10:00:00Z",
    "held": [{"id": "covid-area-swale", "reason": "figure 557 not backed by a fact"}],
}


def make_story(**changes):
    story = {
        "id": "covid-area-bath-north-east-somerset",
        "narrative": "covid-cases",
        "plan": "area",
        "kind": "area",
        "as_of": "2020-11-26",
        "area_code": "E06000022",
        "area_name": "Bath & North East Somerset",
        "area_type": "district",
        "patches": ["<b>x</b>", "West ]]> Country"],
        "headline": "Covid rate rises in Bath & North East Somerset <script>alert(1)</script>",
        "standfirst": 'The "weekly" rate is up ]]> and <b>x</b> & rising',
        "paragraphs": [
            "Bath & North East Somerset recorded 120 cases in the week to 26 November.",
            '<b>x</b> said it\'s "worrying" & ]]> unusual.',
            "a]]>b]]>c",
        ],
        "caveats": ["Figures for recent days are incomplete & may be revised."],
        "score": 2.5,
        "demo": False,
        "style": "pa",
        "facts": [{"kind": "record"}, {"kind": "rank"}, {"kind": "record"}],
        "sources": [SOURCE],
        "series": {},
    }
    story.update(changes)
    return story


STORIES = {
    "area": make_story(),
    "roundup": make_story(
        id="covid-roundup-england",
        plan="roundup",
        kind="roundup",
        area_code=None,
        area_name="England",
        area_type="country",
        patches=[],
        style="ap",
        demo=True,
        caveats=[],
    ),
    "trust": make_story(
        id="beds-area-rvv",
        narrative="hospital-beds",
        area_code="RVV",
        area_name="East Kent Hospitals University NHS Foundation Trust",
        area_type="trust",
        sources=[SOURCE, {**SOURCE, "title": "COVID-19 Hospital Activity", "licence": ""}],
    ),
    "withheld": make_story(id="covid-area-swale", area_name="Swale", status="withheld"),
}
story_params = pytest.mark.parametrize("story", STORIES.values(), ids=STORIES.keys())


def html_paragraphs(fragment: str) -> list[str]:
    """Text of each <p> in an HTML fragment."""
    return [p.text_content() for p in lxml.html.fragments_fromstring(fragment)]


# -- registry --------------------------------------------------------------------------


def test_every_format_is_registered_with_its_own_file_ending():
    names = {"ninjs", "ninjs2", "nitf", "wxr", "html", "txt"}
    assert names <= set(EXPORTERS)
    endings = [exporter.extension for exporter in EXPORTERS.values()]
    assert len(endings) == len(set(endings)), "two formats would write the same file names"
    assert get("nitf").batch is None  # NITF has no batch form


# -- ninjs -----------------------------------------------------------------------------

# RFC 3986 absolute URI: jsonschema checks "uri" only when rfc3987 is installed.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*:"  # scheme
    r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
)
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def ninjs_validator(version: str):
    path = NINJS_SCHEMAS / f"ninjs-schema_{version}.json"
    if not path.exists():
        pytest.skip(f"ninjs schema not found at {path}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    validator = {"1.6": jsonschema.Draft7Validator, "2.2": jsonschema.Draft202012Validator}
    return validator[version](schema, format_checker=FORMATS)


def schema_errors(validator, item) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(item)]


def test_the_uri_check_rejects_what_is_not_a_uri():
    validator = ninjs_validator("1.6")
    assert schema_errors(validator, {"uri": "urn:storygen:has space"})
    assert schema_errors(validator, {"uri": "no scheme"})
    assert not schema_errors(validator, {"uri": "urn:storygen:2020-11-26:a-b"})


@story_params
def test_ninjs_1_6_is_valid_and_superdesk_readable(story):
    item = json.loads(get("ninjs").story(story, RUN))
    assert schema_errors(ninjs_validator("1.6"), item) == []
    for field in ("versioncreated", "firstcreated"):  # the one format Superdesk parses
        assert datetime.strptime(item[field], "%Y-%m-%dT%H:%M:%SZ")
    assert item["uri"].startswith("urn:storygen:2020-11-26:")
    assert item["type"] == "text"
    assert item["headline"] == story["headline"]
    assert item["description_text"] == story["standfirst"]
    assert item["body_text"].split("\n\n") == story["paragraphs"]
    assert html_paragraphs(item["body_html"]) == story["paragraphs"]
    assert item["byline"] == "storygen data desk"
    assert item["slugline"] == story["id"]
    assert 1 <= item["urgency"] <= 9


def test_ninjs_1_6_metadata():
    area = ninjs_1_6(STORIES["area"], RUN)
    assert area["language"] == "en-GB"
    assert area["pubstatus"] == "usable"
    assert area["place"] == [
        {
            "name": "Bath & North East Somerset",
            "rel": "about",
            "code": "E06000022",
            "scheme": "http://statistics.data.gov.uk/id/statistical-geography/",
        }
    ]
    subjects = {(s["scheme"], s["name"]) for s in area["subject"]}
    assert subjects == {
        ("urn:storygen:narrative", "covid-cases"),
        ("urn:storygen:fact-kind", "record"),
        ("urn:storygen:fact-kind", "rank"),
        ("urn:storygen:patch", "<b>x</b>"),
        ("urn:storygen:patch", "West ]]> Country"),
    }
    assert area["ednote"].splitlines() == [
        "Figures for recent days are incomplete & may be revised.",
        f"Source: {SOURCE['title']} (UK Health Security Agency, {OGL}).",
        "Figures as of 2020-11-26.",
    ]
    assert OGL in area["copyrightnotice"] and "UK Health Security Agency" in area["copyrightnotice"]
    assert OGL in area["usageterms"]


def test_ninjs_language_status_and_areas_follow_the_story():
    roundup = ninjs_1_6(STORIES["roundup"], RUN)
    assert roundup["language"] == "en-US"  # AP style
    assert roundup["place"] == [{"name": "England", "rel": "about"}]
    assert roundup["ednote"].startswith("Made from synthetic demo data")
    trust = ninjs_1_6(STORIES["trust"], RUN)
    assert "place" not in trust
    assert trust["organisation"][0]["code"] == "RVV"
    assert "scheme" not in trust["organisation"][0]  # not a GSS code
    assert "licence not recorded" in trust["copyrightnotice"]
    withheld = ninjs_1_6(STORIES["withheld"], RUN)
    assert withheld["pubstatus"] == "withheld"
    assert withheld["ednote"].startswith("Withheld: figure 557 not backed by a fact.")


@story_params
def test_ninjs_2_2_is_valid(story):
    item = json.loads(get("ninjs2").story(story, RUN))
    assert schema_errors(ninjs_validator("2.2"), item) == []
    assert item["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": story["headline"]}
    ]
    assert item["descriptions"][0]["value"] == story["standfirst"]
    bodies = {body["contenttype"]: body["value"] for body in item["bodies"]}
    assert html_paragraphs(bodies["text/html"]) == story["paragraphs"]
    assert bodies["text/plain"].split("\n\n") == story["paragraphs"]
    assert item["by"] == "storygen data desk"
    assert item["pubstatus"] == ("withheld" if story.get("status") else "usable")
    assert item["versioncreated"] == "2020-11-26T10:00:00Z"


def test_ninjs_2_2_places_name_the_gss_area():
    item = ninjs_2_2(STORIES["area"], RUN)
    assert item["places"] == [
        {
            "name": "Bath & North East Somerset",
            "rel": "about",
            "literal": "E06000022",
            "uri": "http://statistics.data.gov.uk/id/statistical-geography/E06000022",
        }
    ]
    assert {"name": "West ]]> Country", "uri": "urn:storygen:patch:West%20%5D%5D%3E%20Country"} in (
        item["subjects"]
    )


@pytest.mark.parametrize("name, version", [("ninjs", "1.6"), ("ninjs2", "2.2")])
def test_ninjs_batch_is_json_lines(name, version):
    stories = list(STORIES.values())
    lines = get(name).batch(stories, RUN).splitlines()
    assert len(lines) == len(stories)
    items = [json.loads(line) for line in lines]
    validator = ninjs_validator(version)
    assert [schema_errors(validator, item) for item in items] == [[]] * len(stories)
    assert len({item["uri"] for item in items}) == len(stories)


@pytest.mark.parametrize(
    "generated",
    ["2020-11-26T10:00:00.123456Z", "2020-11-26T10:00:00+00:00", "2020-11-26T11:00:00+01:00"],
)
def test_ninjs_times_are_whole_seconds_in_utc(generated):
    item = ninjs_1_6(STORIES["area"], {**RUN, "generated": generated})
    assert item["versioncreated"] == "2020-11-26T10:00:00Z"


def test_a_bad_generated_time_says_what_to_give():
    with pytest.raises(ValueError, match="'generated' is '26/11/2020'.*2020-11-26T10:00:00Z"):
        ninjs_1_6(STORIES["area"], {**RUN, "generated": "26/11/2020"})


# -- NITF ------------------------------------------------------------------------------

# The NITF 3.6 DTD content model for the elements storygen writes, with the DTD's other
# elements (meta, tobject, distributor, media...) allowed where the DTD puts them.
NITF_RNG = """\
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="nitf"/></start>
  <define name="nitf">
    <element name="nitf">
      <attribute name="version"><value>-//IPTC//DTD NITF 3.6//EN</value></attribute>
      <optional><attribute name="baselang"/></optional>
      <optional><ref name="head"/></optional>
      <ref name="body"/>
    </element>
  </define>
  <define name="head">
    <element name="head">
      <optional><element name="title"><text/></element></optional>
      <zeroOrMore><element name="meta"><ref name="anything"/></element></zeroOrMore>
      <optional><element name="tobject"><ref name="anything"/></element></optional>
      <optional><ref name="docdata"/></optional>
      <zeroOrMore><ref name="pubdata"/></zeroOrMore>
    </element>
  </define>
  <define name="docdata">
    <element name="docdata">
      <optional><attribute name="management-status">
        <choice><value>usable</value><value>embargoed</value><value>withheld</value>
          <value>canceled</value></choice>
      </attribute></optional>
      <zeroOrMore><choice>
        <element name="doc-id">
          <attribute name="id-string"/><optional><attribute name="regsrc"/></optional>
        </element>
        <element name="urgency"><attribute name="ed-urg">
          <data type="integer"><param name="minInclusive">1</param>
            <param name="maxInclusive">9</param></data></attribute></element>
        <element name="date.issue"><attribute name="norm"/></element>
        <element name="ed-msg">
          <optional><attribute name="msg-type"/></optional>
          <optional><attribute name="info"/></optional>
        </element>
        <element name="doc.rights">
          <optional><attribute name="owner"/></optional>
          <optional><attribute name="limitations"/></optional>
        </element>
        <element name="key-list">
          <zeroOrMore><element name="keyword"><attribute name="key"/></element></zeroOrMore>
        </element>
        <element name="du-key"><ref name="anything"/></element>
        <element name="evloc"><ref name="anything"/></element>
      </choice></zeroOrMore>
    </element>
  </define>
  <define name="pubdata">
    <element name="pubdata">
      <optional><attribute name="type">
        <choice><value>print</value><value>audio</value><value>video</value><value>web</value>
          <value>appliance</value><value>other</value></choice>
      </attribute></optional>
      <optional><attribute name="date.publication"/></optional>
      <optional><attribute name="item-length"><data type="nonNegativeInteger"/></attribute>
      </optional>
      <optional><attribute name="unit-of-measure">
        <choice><value>word</value><value>character</value><value>byte</value>
          <value>inch</value><value>pica</value><value>cm</value><value>page</value>
          <value>other</value></choice>
      </attribute></optional>
    </element>
  </define>
  <define name="body">
    <element name="body">
      <optional><ref name="body.head"/></optional>
      <zeroOrMore><ref name="body.content"/></zeroOrMore>
      <optional><ref name="body.end"/></optional>
    </element>
  </define>
  <define name="body.head">
    <element name="body.head">
      <optional>
        <element name="hedline">
          <element name="hl1"><text/></element>
          <zeroOrMore><element name="hl2"><text/></element></zeroOrMore>
        </element>
      </optional>
      <zeroOrMore><element name="byline"><text/></element></zeroOrMore>
      <optional><element name="distributor"><ref name="anything"/></element></optional>
      <zeroOrMore><element name="dateline"><text/></element></zeroOrMore>
      <optional><element name="abstract"><zeroOrMore><ref name="p"/></zeroOrMore></element>
      </optional>
    </element>
  </define>
  <define name="body.content">
    <element name="body.content">
      <zeroOrMore><choice>
        <ref name="p"/>
        <element name="hl2"><text/></element>
        <element name="media"><ref name="anything"/></element>
      </choice></zeroOrMore>
    </element>
  </define>
  <define name="body.end">
    <element name="body.end">
      <optional><element name="tagline"><ref name="anything"/></element></optional>
    </element>
  </define>
  <define name="p">
    <element name="p">
      <zeroOrMore><attribute><anyName/></attribute></zeroOrMore>
      <text/>
    </element>
  </define>
  <define name="anything">
    <zeroOrMore><choice>
      <attribute><anyName/></attribute><text/>
      <element><anyName/><ref name="anything"/></element>
    </choice></zeroOrMore>
  </define>
</grammar>
"""
NITF_MODEL = etree.RelaxNG(etree.fromstring(NITF_RNG))


def parse_xml(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def test_the_nitf_model_accepts_a_real_wire_story_and_rejects_a_broken_one():
    if not NITF_SAMPLE.exists():
        pytest.skip(f"NITF sample not found at {NITF_SAMPLE}")
    assert NITF_MODEL.validate(etree.parse(str(NITF_SAMPLE))), NITF_MODEL.error_log
    broken = parse_xml(get("nitf").story(STORIES["area"], RUN))
    broken.find("body/body.head/hedline").remove(broken.find("body/body.head/hedline/hl1"))
    assert not NITF_MODEL.validate(broken)


@story_params
def test_nitf_follows_the_content_model_and_keeps_the_text(story):
    root = parse_xml(get("nitf").story(story, RUN))
    assert NITF_MODEL.validate(root), NITF_MODEL.error_log
    assert root.get("version") == "-//IPTC//DTD NITF 3.6//EN"
    assert root.get("baselang") == ("en-US" if story["style"] == "ap" else "en-GB")
    assert root.findtext("head/title") == story["headline"]
    assert root.findtext("body/body.head/hedline/hl1") == story["headline"]
    assert root.findtext("body/body.head/byline") == "By storygen data desk"
    assert root.findtext("body/body.head/abstract/p") == story["standfirst"]
    assert [p.text for p in root.findall("body/body.content/p")] == story["paragraphs"]
    assert root.findtext("body/body.end/tagline").startswith(f"Source: {SOURCE['title']}")
    docdata = root.find("head/docdata")
    assert docdata.get("management-status") == ("withheld" if story.get("status") else "usable")
    assert docdata.find("doc-id").get("id-string") == f"urn:storygen:2020-11-26:{story['id']}"
    assert docdata.find("date.issue").get("norm") == "20201126T100000Z"
    notes = {(m.get("msg-type"), m.get("info")) for m in docdata.findall("ed-msg")}
    assert {("caveat", caveat) for caveat in story["caveats"]} <= notes
    assert ("as-of", "Figures as of 2020-11-26.") in notes
    keys = [k.get("key") for k in docdata.findall("key-list/keyword")]
    assert keys[:2] == [story["narrative"], story["area_name"]]
    assert set(story["patches"]) <= set(keys)


def test_nitf_names_each_source_licence():
    docdata = parse_xml(get("nitf").story(STORIES["trust"], RUN)).find("head/docdata")
    rights = [(r.get("owner"), r.get("limitations")) for r in docdata.findall("doc.rights")]
    assert rights == [("UK Health Security Agency", OGL), ("UK Health Security Agency", None)]


# -- WXR -------------------------------------------------------------------------------


def wordpress_regex_text(xml: str, tag: str) -> list[str]:
    """Each ``tag``'s text as WordPress's fallback regex parser reads it: the CDATA
    sections joined, with no entity decoding."""
    contents = re.findall(rf"<{tag}>(.*?)</{tag}>", xml, re.S)
    return ["".join(re.findall(r"<!\[CDATA\[(.*?)\]\]>", content, re.S)) for content in contents]


def test_wxr_channel():
    stories = list(STORIES.values())
    text = get("wxr").batch(stories, RUN)
    rss = parse_xml(text)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    assert rss.nsmap == WXR_NAMESPACES
    channel = rss.find("channel")
    for tag in ("title", "link", "description", "language"):
        assert channel.findtext(tag), f"channel has no {tag}"
    assert channel.findtext(f"{{{WP}}}wxr_version") == "1.2"
    author = channel.find(f"{{{WP}}}author")
    assert author.findtext(f"{{{WP}}}author_display_name") == "storygen data desk"
    login = author.findtext(f"{{{WP}}}author_login")
    items = channel.findall("item")
    assert [item.findtext(f"{{{WP}}}post_id") for item in items] == ["1", "2", "3", "4"]
    for item in items:
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == login
        assert item.findtext(f"{{{WP}}}status") == "pending"
        assert item.findtext(f"{{{WP}}}post_type") == "post"
        for tag in ("post_date", "post_date_gmt"):
            assert item.findtext(f"{{{WP}}}{tag}") == "2020-11-26 10:00:00"
    assert len({item.findtext("guid") for item in items}) == len(stories)


@story_params
def test_wxr_item_keeps_the_text_through_cdata(story):
    text = get("wxr").story(story, RUN)
    item = parse_xml(text).find("channel/item")
    assert item.findtext("title") == story["headline"]
    content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert html_paragraphs(content)[: len(story["paragraphs"])] == story["paragraphs"]
    assert html_paragraphs(content)[-1].startswith(f"Source: {SOURCE['title']}")
    assert item.findtext("{http://wordpress.org/export/1.2/excerpt/}encoded") == story["standfirst"]
    # The same text for WordPress's regex parser, which only joins CDATA sections.
    assert wordpress_regex_text(text, "content:encoded") == [content]
    assert wordpress_regex_text(text, "excerpt:encoded") == [story["standfirst"]]
    assert wordpress_regex_text(text, "title")[1] == story["headline"]  # [0] is the channel's
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item.findtext(f"{{{WP}}}post_name"))


def test_wxr_categories_and_tags():
    item = parse_xml(get("wxr").story(STORIES["area"], RUN)).find("channel/item")
    categories = [(c.get("domain"), c.get("nicename"), c.text) for c in item.findall("category")]
    assert categories == [
        ("category", "covid-cases", "covid-cases"),
        ("post_tag", "bath-north-east-somerset", "Bath & North East Somerset"),
        ("post_tag", "b-x-b", "<b>x</b>"),
        ("post_tag", "west-country", "West ]]> Country"),
    ]
    meta = {
        m.findtext(f"{{{WP}}}meta_key"): m.findtext(f"{{{WP}}}meta_value")
        for m in item.findall(f"{{{WP}}}postmeta")
    }
    assert meta["storygen_id"] == STORIES["area"]["id"]
    assert meta["storygen_editors_note"].startswith("Figures for recent days are incomplete &")


def test_wxr_batch_of_no_stories_is_an_empty_channel():
    rss = parse_xml(get("wxr").batch([], RUN))
    assert rss.find("channel/item") is None
    assert rss.findtext(f"channel/{{{WP}}}wxr_version") == "1.2"


@pytest.mark.parametrize("name", ["nitf", "wxr"])
def test_xml_formats_name_a_character_xml_cannot_hold(name):
    story = make_story(paragraphs=["Bell\x07 rings"])
    with pytest.raises(ValueError, match=r"covid-area-bath-north-east-somerset.*U\+0007"):
        get(name).story(story, RUN)


# -- HTML ------------------------------------------------------------------------------


@story_params
def test_html_article_keeps_the_text_and_runs_no_data_as_markup(story):
    page = get("html").story(story, RUN)
    doc = lxml.html.document_fromstring(page)
    assert doc.get("lang") == ("en-US" if story["style"] == "ap" else "en-GB")
    assert doc.findtext("head/title") == story["headline"]
    article = doc.find("body/main/article")
    assert article.get("data-story-id") == story["id"]
    assert article.get("data-pubstatus") == ("withheld" if story.get("status") else "usable")
    assert article.find("header/h1").text_content() == story["headline"]
    assert article.find("header/p[@class='standfirst']").text_content() == story["standfirst"]
    assert [p.text_content() for p in article.findall("p")] == story["paragraphs"]
    notes = [li.text_content() for li in article.findall("aside/ul/li")]
    assert set(story["caveats"]) <= set(notes)
    assert article.find("footer/p").text_content().startswith(f"Source: {SOURCE['title']}")
    assert doc.findall(".//script") == [] and doc.findall(".//b") == []
    assert "<script>" not in page and "<b>" not in page


def test_html_batch_page_holds_every_story_and_the_held_list():
    stories = list(STORIES.values())
    doc = lxml.html.document_fromstring(get("html").batch(stories, RUN))
    articles = doc.findall("body/main/article")
    assert [a.find("header/h2").text_content() for a in articles] == [
        s["headline"] for s in stories
    ]
    assert len(doc.findall(".//h1")) == 1
    held = [li.text_content() for li in doc.findall(".//section[@class='held']/ul/li")]
    assert held == ["covid-area-swale: figure 557 not backed by a fact"]


# -- plain text ------------------------------------------------------------------------


@story_params
def test_text_is_one_paragraph_a_line(story):
    text = get("txt").story(story, RUN)
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[: 2 + len(story["paragraphs"])] == [
        story["headline"],
        story["standfirst"],
        *story["paragraphs"],
    ]
    notes = blocks[-1].splitlines()
    assert [f"Note: {caveat}" for caveat in story["caveats"]] == [
        line for line in notes if line.startswith("Note: ")
    ]
    assert any(line.startswith(f"Source: {SOURCE['title']}") for line in notes)
    assert notes[-1] == "Figures as of 2020-11-26."


def test_text_batch_separates_stories():
    stories = list(STORIES.values())
    text = get("txt").batch(stories, RUN)
    assert text.count("\n* * *\n") == len(stories) - 1
    assert [part.lstrip("\n").split("\n", 1)[0] for part in text.split("* * *")] == [
        s["headline"] for s in stories
    ]


# -- any text survives every format -----------------------------------------------------

# Printable text: no control characters, surrogates or unassigned code points.
copy_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1)


@settings(max_examples=40, deadline=None, database=None)
@given(
    headline=copy_text,
    standfirst=copy_text,
    paragraphs=st.lists(copy_text, min_size=1, max_size=3),
    area_name=copy_text,
)
def test_any_copy_round_trips_through_every_markup_format(
    headline, standfirst, paragraphs, area_name
):
    story = make_story(
        headline=headline,
        standfirst=standfirst,
        paragraphs=paragraphs,
        area_name=area_name,
        patches=[],
        caveats=[],
    )
    item = json.loads(get("ninjs").story(story, RUN))
    assert (item["headline"], item["description_text"]) == (headline, standfirst)
    assert [p.text_content() for p in lxml.html.fragments_fromstring(item["body_html"])] == (
        paragraphs
    )

    nitf = parse_xml(get("nitf").story(story, RUN))
    assert NITF_MODEL.validate(nitf)
    assert nitf.findtext("body/body.head/hedline/hl1") == headline
    assert nitf.findtext("body/body.head/abstract/p") == standfirst
    assert [p.text for p in nitf.findall("body/body.content/p")] == paragraphs

    wxr = get("wxr").story(story, RUN)
    item = parse_xml(wxr).find("channel/item")
    assert item.findtext("title") == headline
    assert wordpress_regex_text(wxr, "excerpt:encoded") == [standfirst]
    tag = item.find("category[@domain='post_tag']")
    assert (tag.text, tag.get("nicename")) == (area_name, slug(area_name))

    article = lxml.html.document_fromstring(get("html").story(story, RUN)).find(".//article")
    assert article.find("header/h1").text_content() == headline
    assert [p.text_content() for p in article.findall("p")] == paragraphs
