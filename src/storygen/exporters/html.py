"""Standalone HTML: a semantic ``<article>`` page per story, and one page for the run.

Built from an autoescaping Jinja2 template, so every piece of data is escaped. Notes for
the desk (why a story is withheld, demo data, caveats) sit in an ``<aside>``; the source
credit in the article's ``<footer>``. The as-of date is printed in the story's house style.
A story with a series carries its chart as an inline SVG ``<figure>`` (see ``storygen.chart``).
The run page also lists stories held back.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from storygen.chart import chart_caption, chart_svg
from storygen.exporters import Exporter, RunInfo, StoryDict, register
from storygen.exporters.markup import slug
from storygen.exporters.metadata import (
    DEFAULT_LANGUAGE,
    byline_line,
    editors_notes,
    language,
    pubstatus,
    source_credit,
)
from storygen.style.dates import date_year
from storygen.style.house import HOUSE_STYLES, PA, HouseStyle

PAGE = """\
<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
</head>
<body>
<main>
{% if heading %}
<h1>{{ heading }}</h1>
{% endif %}
{% for article in articles %}
<article id="story-{{ article.anchor }}" lang="{{ article.lang }}" \
data-story-id="{{ article.id }}" data-pubstatus="{{ article.status }}">
<header>
<h{{ level }}>{{ article.headline }}</h{{ level }}>
<p class="standfirst">{{ article.standfirst }}</p>
<p class="byline">{{ article.byline }}</p>
<p class="as-of">Figures as of <time datetime="{{ article.as_of }}">{{ article.as_of_text }}</time></p>
</header>
{% for paragraph in article.paragraphs %}
<p>{{ paragraph }}</p>
{% endfor %}
{% if article.chart %}
<figure class="chart">
{{ article.chart }}
<figcaption>{{ article.chart_caption }}</figcaption>
</figure>
{% endif %}
{% if article.notes %}
<aside class="notes">
<h{{ level + 1 }}>Notes for the desk</h{{ level + 1 }}>
<ul>
{% for note in article.notes %}
<li class="{{ note.kind }}">{{ note.text }}</li>
{% endfor %}
</ul>
</aside>
{% endif %}
<footer>
<p class="source">{{ article.credit }}</p>
</footer>
</article>
{% endfor %}
{% if held %}
<section class="held">
<h2>Held back</h2>
<ul>
{% for story in held %}
<li><code>{{ story.id }}</code>: {{ story.reason }}</li>
{% endfor %}
</ul>
</section>
{% endif %}
</main>
</body>
</html>
"""

_TEMPLATE = jinja2.Environment(
    autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
).from_string(PAGE)
_DESK_NOTES = ("withheld", "demo", "caveat")  # the source and as-of date are printed apart


def _style(story: StoryDict) -> HouseStyle:
    return HOUSE_STYLES.get(story.get("style", "pa"), PA)


def _house_date(story: StoryDict) -> str:
    """The as-of date as copy prints it: "November 25, 2020" (or the ISO date if unreadable)."""
    try:
        return date_year(story["as_of"], style=_style(story))
    except ValueError:
        return str(story["as_of"])


def _article(story: StoryDict, run: RunInfo) -> dict[str, Any]:
    series = story.get("series") or {}
    notes = [
        {"kind": kind, "text": text}
        for kind, text in editors_notes(story, run)
        if kind in _DESK_NOTES
    ]
    return {
        "id": story["id"],
        "anchor": slug(story["id"]),
        "lang": language(story),
        "status": pubstatus(story),
        "headline": story["headline"],
        "standfirst": story["standfirst"],
        "byline": byline_line(run),
        "as_of": story["as_of"],
        "as_of_text": _house_date(story),
        "paragraphs": story["paragraphs"],
        "chart": Markup(chart_svg(series, style=_style(story))) if series else "",
        "chart_caption": chart_caption(series) if series else "",
        "notes": notes,
        "credit": source_credit(story),
    }


def story_html(story: StoryDict, run: RunInfo) -> str:
    return _TEMPLATE.render(
        lang=language(story),
        title=story["headline"],
        heading=None,
        level=1,
        articles=[_article(story, run)],
        held=[],
    )


def batch_html(stories: list[StoryDict], run: RunInfo) -> str:
    title = f"Drafts as of {run.get('as_of', '')}"
    return _TEMPLATE.render(
        lang=language(stories[0]) if stories else DEFAULT_LANGUAGE,
        title=title,
        heading=title,
        level=2,
        articles=[_article(story, run) for story in stories],
        held=run.get("held", []),
    )


register(Exporter("html", ".html", story_html, batch_html))
