"""IPTC NITF 3.6 XML: one document a story, no namespace (the DTD form wire systems read).

Content model followed (NITF 3.6 DTD): ``nitf = (head?, body)``; ``head = (title?, ...,
docdata?, pubdata*)``; ``body = (body.head?, body.content*, body.end?)``;
``body.head = (hedline?, ..., byline*, ..., abstract?)``; ``hedline = (hl1, hl2*)``.
Caveats, the source credit and the as-of date travel as ``docdata/ed-msg`` notes to the
desk; the source credit is also printed in ``body.end/tagline``.

NITF has no batch form and a home-made wrapper is something no CMS reads, so this format
writes one document per story and no batch file.
"""

from __future__ import annotations

from lxml import etree

from storygen.exporters import Exporter, RunInfo, StoryDict, register
from storygen.exporters.markup import check_xml_text
from storygen.exporters.metadata import (
    URGENCY,
    byline_line,
    editors_notes,
    generated_at,
    keywords,
    language,
    pubstatus,
    source_credit,
    story_uri,
)

NITF_VERSION = "-//IPTC//DTD NITF 3.6//EN"
NITF_TIME = "%Y%m%dT%H%M%SZ"  # ISO 8601 basic format, as date.issue@norm expects


def nitf_document(story: StoryDict, run: RunInfo) -> etree._Element:
    """A story as an NITF 3.6 ``<nitf>`` element tree."""

    def sub(parent, tag: str, text: str | None = None, attrib: dict[str, str] | None = None):
        where = f"story {story['id']!r}, NITF <{tag}>"
        attrib = {name: check_xml_text(value, where) for name, value in (attrib or {}).items()}
        element = etree.SubElement(parent, tag, attrib)
        if text is not None:
            element.text = check_xml_text(text, where)
        return element

    issued = generated_at(run).strftime(NITF_TIME)
    root = etree.Element("nitf", {"version": NITF_VERSION, "baselang": language(story)})
    head = sub(root, "head")
    sub(head, "title", story["headline"])
    docdata = sub(head, "docdata", attrib={"management-status": pubstatus(story)})
    sub(docdata, "doc-id", attrib={"id-string": story_uri(story), "regsrc": "storygen"})
    sub(docdata, "urgency", attrib={"ed-urg": str(URGENCY)})
    sub(docdata, "date.issue", attrib={"norm": issued})
    for kind, text in editors_notes(story, run):
        sub(docdata, "ed-msg", attrib={"msg-type": kind, "info": text})
    for source in story["sources"]:
        rights = {"owner": source.get("publisher") or source["title"]}
        if source.get("licence"):
            rights["limitations"] = source["licence"]
        sub(docdata, "doc.rights", attrib=rights)
    key_list = sub(docdata, "key-list")
    for word in keywords(story):
        sub(key_list, "keyword", attrib={"key": word})
    words = sum(len(paragraph.split()) for paragraph in story["paragraphs"])
    publication = {"type": "web", "date.publication": issued, "item-length": str(words)}
    sub(head, "pubdata", attrib={**publication, "unit-of-measure": "word"})

    body = sub(root, "body")
    body_head = sub(body, "body.head")
    sub(sub(body_head, "hedline"), "hl1", story["headline"])
    sub(body_head, "byline", byline_line(run))
    sub(sub(body_head, "abstract"), "p", story["standfirst"])
    content = sub(body, "body.content")
    for paragraph in story["paragraphs"]:
        sub(content, "p", paragraph)
    sub(sub(body, "body.end"), "tagline", source_credit(story))
    return root


def story_nitf(story: StoryDict, run: RunInfo) -> str:
    tree = nitf_document(story, run)
    etree.indent(tree)
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True).decode("utf-8") + "\n"


register(Exporter("nitf", ".nitf.xml", story_nitf, None))
