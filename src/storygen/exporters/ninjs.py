"""IPTC ninjs (News in JSON): ``ninjs`` is version 1.6, ``ninjs2`` is version 2.2.

ninjs 1.6 is the flat form Superdesk's ninjs ingest reads (``headline``, ``body_html``,
``description_text``, ``place``, ``subject``...). Its schema allows no other top-level
fields, so there is no ``guid`` (Superdesk makes one from ``uri``) and no ``keywords``
(patches go into ``subject`` under the ``urn:storygen:patch`` scheme, next to the
narrative and the kinds of fact reported); the story id is in
``altids``. ninjs 2.2 uses ``headlines[]``, ``bodies[]``, ``descriptions[]``, ``places[]``,
``subjects[]`` and ``by``.

ninjs has no batch form: a run's batch file is JSON Lines, one ninjs object a line.
"""

from __future__ import annotations

import json
from typing import Any

from storygen.chart import HEIGHT, WIDTH, chart_svg, data_uri
from storygen.exporters import Exporter, Join, RunInfo, StoryDict, indented_json, register
from storygen.exporters.markup import paragraphs_html
from storygen.exporters.metadata import (
    GSS_SCHEME,
    URGENCY,
    byline,
    concept_uri,
    copyright_notice,
    editors_note,
    generated_at,
    gss_uri,
    language,
    publishers,
    pubstatus,
    scheme_uri,
    story_uri,
    usage_terms,
)

NINJS_TIME = "%Y-%m-%dT%H:%M:%SZ"  # exactly what Superdesk parses: no fractions, Z
SCHEMA_1_6 = "http://www.iptc.org/std/ninjs/ninjs-schema_1.6.json"
SCHEMA_2_2 = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"


def _common(story: StoryDict, run: RunInfo) -> dict[str, Any]:
    """Fields ninjs 1.6 and 2.2 spell the same way."""
    stamp = generated_at(run).strftime(NINJS_TIME)
    return {
        "uri": story_uri(story),
        "type": "text",
        "version": "1",
        "firstcreated": stamp,
        "versioncreated": stamp,
        "pubstatus": pubstatus(story),
        "urgency": URGENCY,
        "language": language(story),
        "slugline": story["id"],
        "ednote": editors_note(story, run),
        "copyrightnotice": copyright_notice(story),
        "usageterms": usage_terms(story),
    }


def _is_organisation(story: StoryDict) -> bool:
    return story.get("area_type") == "trust"  # an NHS trust is an organisation, not a place


def ninjs_1_6(story: StoryDict, run: RunInfo) -> dict[str, Any]:
    """A story as a ninjs 1.6 object (a dict ready for ``json.dumps``)."""
    item = {
        "$standard": {"name": "ninjs", "version": "1.6", "schema": SCHEMA_1_6},
        **_common(story, run),
        "altids": {"storygen": story["id"]},
        "headline": story["headline"],
        "description_text": story["standfirst"],
        "body_html": paragraphs_html(story["paragraphs"]),
        "body_text": "\n\n".join(story["paragraphs"]),
        "byline": byline(run),
    }
    area = {"name": story["area_name"], "rel": "about"}
    if story.get("area_code"):
        area["code"] = story["area_code"]
        if gss_uri(story["area_code"]):
            area["scheme"] = GSS_SCHEME
    if story["area_name"]:
        item["organisation" if _is_organisation(story) else "place"] = [area]
    item["subject"] = _subjects_1_6(story)
    sources = publishers(story)
    if sources:
        item["infosource"] = [{"name": name, "rel": "source"} for name in sources]
    chart = _chart(story)
    if chart:
        item["associations"] = {
            "chart": {
                "uri": f"{story_uri(story)}:chart",
                "type": "graphic",
                "headline": chart["title"],
                "renditions": {
                    "original": {
                        "href": chart["href"],
                        "mimetype": "image/svg+xml",
                        "width": WIDTH,
                        "height": HEIGHT,
                    }
                },
            }
        }
    return item


def _chart(story: StoryDict) -> dict[str, str] | None:
    """The story's chart as a rendition: an SVG in a data URI, so the item stays one file."""
    svg = chart_svg(story.get("series") or {})
    if not svg:
        return None
    label = (story.get("series") or {}).get("label") or "Chart"
    return {"title": f"{label}: {story['area_name']}", "href": data_uri(svg)}


def _concepts(story: StoryDict) -> list[tuple[str, str]]:
    """(scheme, code) of what the story is about: its narrative, the kinds of
    fact it reports (record, rank, threshold...) and the patches it belongs to."""
    kinds = dict.fromkeys(fact["kind"] for fact in story.get("facts", []))
    return (
        [("narrative", story["narrative"])]
        + [("fact-kind", kind) for kind in kinds]
        + [("patch", patch) for patch in story.get("patches", [])]
    )


def _subjects_1_6(story: StoryDict) -> list[dict[str, str]]:
    return [
        {"name": code, "code": code, "scheme": scheme_uri(scheme)}
        for scheme, code in _concepts(story)
    ]


def ninjs_2_2(story: StoryDict, run: RunInfo) -> dict[str, Any]:
    """A story as a ninjs 2.2 object (a dict ready for ``json.dumps``)."""
    item = {
        "standard": {"name": "ninjs", "version": "2.2", "schema": SCHEMA_2_2},
        **_common(story, run),
        "altids": [{"role": "storygen", "value": story["id"]}],
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": story["headline"]}],
        "descriptions": [
            {"role": "summary", "contenttype": "text/plain", "value": story["standfirst"]}
        ],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": paragraphs_html(story["paragraphs"]),
            },
            {
                "role": "main",
                "contenttype": "text/plain",
                "value": "\n\n".join(story["paragraphs"]),
            },
        ],
        "by": byline(run),
    }
    area: dict[str, str] = {"name": story["area_name"], "rel": "about"}
    if story.get("area_code"):
        area["literal"] = story["area_code"]
        if gss_uri(story["area_code"]):
            area["uri"] = gss_uri(story["area_code"])
    if story["area_name"]:
        item["organisations" if _is_organisation(story) else "places"] = [area]
    item["subjects"] = [
        {"name": code, "uri": concept_uri(scheme, code)} for scheme, code in _concepts(story)
    ]
    sources = publishers(story)
    if sources:
        item["infosources"] = [{"name": name} for name in sources]
    chart = _chart(story)
    if chart:
        item["associations"] = [
            {
                "name": "chart",
                "uri": f"{story_uri(story)}:chart",
                "type": "graphic",
                "headlines": [
                    {"role": "main", "contenttype": "text/plain", "value": chart["title"]}
                ],
                "renditions": [
                    {
                        "name": "original",
                        "href": chart["href"],
                        "contenttype": "image/svg+xml",
                        "width": WIDTH,
                        "height": HEIGHT,
                    }
                ],
            }
        ]
    return item


def story_ninjs(story: StoryDict, run: RunInfo) -> str:
    return indented_json.dumps(ninjs_1_6(story, run)) + "\n"


def story_ninjs2(story: StoryDict, run: RunInfo) -> str:
    return indented_json.dumps(ninjs_2_2(story, run)) + "\n"


def batch_ninjs(stories: list[StoryDict], run: RunInfo) -> str:
    """JSON Lines: one ninjs 1.6 object a line."""
    return "".join(json.dumps(ninjs_1_6(s, run), ensure_ascii=False) + "\n" for s in stories)


def _line(text: str, first: bool) -> str:
    """A story's ninjs file as a line of the batch's JSON Lines: the object read back and
    written on one line, which gives the same text for less work than making it again.

    >>> story = {"id": "a", "headline": "Café", "n": [1, 2.5, None]}
    >>> _line(indented_json.dumps(story) + "\\n", True) == json.dumps(
    ...     story, ensure_ascii=False) + "\\n"
    True
    """
    return json.dumps(json.loads(text), ensure_ascii=False) + "\n"


JOIN_LINES = Join(_line)


def batch_ninjs2(stories: list[StoryDict], run: RunInfo) -> str:
    """JSON Lines: one ninjs 2.2 object a line."""
    return "".join(json.dumps(ninjs_2_2(s, run), ensure_ascii=False) + "\n" for s in stories)


register(Exporter("ninjs", ".ninjs.json", story_ninjs, batch_ninjs, ".ninjs.jsonl", JOIN_LINES))
register(
    Exporter("ninjs2", ".ninjs2.json", story_ninjs2, batch_ninjs2, ".ninjs2.jsonl", JOIN_LINES)
)
