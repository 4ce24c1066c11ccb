"""WordPress eXtended RSS (WXR 1.2): drafts for the WordPress importer, status "pending".

The batch file is one WXR channel with an item per story; the per-story file is the
same with a single item. Data text goes in CDATA sections, as WordPress's own exporter
writes it (its fallback regex parser reads CDATA but decodes no entities); a "]]>" inside
the text is split across two sections, ``]]]]><![CDATA[>``, the way WordPress does.

The item's ``content:encoded`` holds the paragraphs and the source credit; caveats and the
other notes to the desk go into post meta (``storygen_editors_note``), not the post.
Post dates are the run's UTC time in both ``wp:post_date`` and ``wp:post_date_gmt``.
The channel link is the run info's optional ``site_url`` (default ``http://localhost/``).
"""

from __future__ import annotations

from email.utils import format_datetime
from xml.dom import minidom

from storygen.exporters import Exporter, RunInfo, StoryDict, register
from storygen.exporters.markup import check_xml_text, paragraphs_html, slug
from storygen.exporters.metadata import (
    DEFAULT_LANGUAGE,
    byline,
    editors_note,
    generated_at,
    language,
    source_credit,
    story_uri,
)

NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
WXR_VERSION = "1.2"
WXR_TIME = "%Y-%m-%d %H:%M:%S"
POST_STATUS = "pending"  # drafts wait for an editor's review


def cdata_sections(text: str) -> list[str]:
    """Split text so that no CDATA section holds "]]>" (WordPress's ``wxr_cdata`` split).

    >>> cdata_sections("a]]>b")
    ['a]]', '>b']
    >>> cdata_sections("plain")
    ['plain']
    >>> cdata_sections("]]>]]>")
    [']]', '>]]', '>']
    """
    parts = text.split("]]>")
    sections = [parts[0]] + [">" + part for part in parts[1:]]
    return [section + "]]" for section in sections[:-1]] + sections[-1:]


class _Builder:
    """Builds a WXR DOM; every text passes through XML checks naming the story and tag."""

    def __init__(self) -> None:
        self.doc = minidom.Document()

    def add(
        self,
        parent,
        tag: str,
        text: str | None = None,
        *,
        cdata: str | None = None,
        attrib: dict[str, str] | None = None,
        where: str = "WXR",
    ):
        element = self.doc.createElement(tag)
        for name, value in (attrib or {}).items():
            element.setAttribute(name, check_xml_text(value, f"{where} <{tag}>"))
        if text is not None:
            element.appendChild(self.doc.createTextNode(check_xml_text(text, f"{where} <{tag}>")))
        if cdata is not None:
            check_xml_text(cdata, f"{where} <{tag}>")
            for section in cdata_sections(cdata):
                element.appendChild(self.doc.createCDATASection(section))
        parent.appendChild(element)
        return element


def _channel(builder: _Builder, stories: list[StoryDict], run: RunInfo):
    rss = builder.add(builder.doc, "rss", attrib={"version": "2.0"})
    for prefix, uri in NAMESPACES.items():
        rss.setAttribute(f"xmlns:{prefix}", uri)
    channel = builder.add(rss, "channel")
    as_of = run.get("as_of", "")
    builder.add(channel, "title", cdata=f"storygen drafts as of {as_of}")
    builder.add(channel, "link", run.get("site_url", "http://localhost/"))
    builder.add(channel, "description", cdata=f"Draft stories for review, figures as of {as_of}.")
    builder.add(channel, "pubDate", format_datetime(generated_at(run), usegmt=True))
    builder.add(channel, "language", language(stories[0]) if stories else DEFAULT_LANGUAGE)
    builder.add(channel, "wp:wxr_version", WXR_VERSION)
    author = builder.add(channel, "wp:author")
    builder.add(author, "wp:author_id", "1")
    builder.add(author, "wp:author_login", cdata=slug(byline(run)))
    builder.add(author, "wp:author_email", cdata="")
    builder.add(author, "wp:author_display_name", cdata=byline(run))
    return channel


def _item(builder: _Builder, channel, story: StoryDict, post_id: int, run: RunInfo) -> None:
    where = f"story {story['id']!r}, WXR"
    stamp = generated_at(run).strftime(WXR_TIME)
    item = builder.add(channel, "item")

    def add(tag: str, text: str | None = None, **kwargs):
        return builder.add(item, tag, text, where=where, **kwargs)

    add("title", cdata=story["headline"])
    add("pubDate", format_datetime(generated_at(run), usegmt=True))
    add("dc:creator", cdata=slug(byline(run)))
    add("guid", story_uri(story), attrib={"isPermaLink": "false"})
    add("description", "")
    body = paragraphs_html(story["paragraphs"] + [source_credit(story)])
    add("content:encoded", cdata=body)
    add("excerpt:encoded", cdata=story["standfirst"])
    add("wp:post_id", str(post_id))
    add("wp:post_date", cdata=stamp)
    add("wp:post_date_gmt", cdata=stamp)
    add("wp:comment_status", cdata="closed")
    add("wp:ping_status", cdata="closed")
    add("wp:post_name", cdata=slug(story["headline"]))
    add("wp:status", cdata=POST_STATUS)
    add("wp:post_parent", "0")
    add("wp:menu_order", "0")
    add("wp:post_type", cdata="post")
    add("wp:post_password", cdata="")
    add("wp:is_sticky", "0")
    narrative = story["narrative"]
    add("category", cdata=narrative, attrib={"domain": "category", "nicename": slug(narrative)})
    tags = dict.fromkeys(t for t in [story["area_name"], *story.get("patches", [])] if t)
    for tag in tags:
        add("category", cdata=tag, attrib={"domain": "post_tag", "nicename": slug(tag)})
    meta = {"storygen_id": story["id"], "storygen_as_of": story["as_of"]}
    meta["storygen_editors_note"] = editors_note(story, run)
    for key, value in meta.items():
        postmeta = add("wp:postmeta")
        builder.add(postmeta, "wp:meta_key", cdata=key, where=where)
        builder.add(postmeta, "wp:meta_value", cdata=value, where=where)


def _indent(node, level: int = 0) -> None:
    """Indent element-only content (text and CDATA content is left as it is)."""
    children = list(node.childNodes)
    if not children or any(child.nodeType != child.ELEMENT_NODE for child in children):
        return
    for child in children:
        node.insertBefore(node.ownerDocument.createTextNode("\n" + "  " * (level + 1)), child)
        _indent(child, level + 1)
    node.appendChild(node.ownerDocument.createTextNode("\n" + "  " * level))


def wxr_document(stories: list[StoryDict], run: RunInfo) -> str:
    """A WXR 1.2 file with one item per story, post ids 1, 2, ... in story order."""
    builder = _Builder()
    channel = _channel(builder, stories, run)
    for post_id, story in enumerate(stories, start=1):
        _item(builder, channel, story, post_id, run)
    _indent(builder.doc.documentElement)
    rss = builder.doc.documentElement.toxml()
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{rss}\n'


def story_wxr(story: StoryDict, run: RunInfo) -> str:
    return wxr_document([story], run)


register(Exporter("wxr", ".wxr.xml", story_wxr, wxr_document))
