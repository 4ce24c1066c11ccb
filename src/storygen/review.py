"""The review page: one self-contained HTML file for an editor to triage a run's drafts.

Drafts are listed strongest first (by newsworthiness score) with filters by patch,
narrative and lead fact (the kind of fact the headline rests on) and a search by area. Each
figure in the copy is highlighted; hovering over it or clicking it shows the fact behind it
(kind, area, value, the arithmetic that produced it, the source file and dates), and a figure
the fact-check could not back is marked with the reason. Each story shows its chart (an
inline SVG with its thresholds marked). Held drafts are listed with their reasons.

Everything is inline (CSS, script, SVG): the page needs no network. Every piece of data goes
through Jinja2's autoescaping; the filter values travel as JSON in data attributes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from storygen.chart import chart_caption, chart_svg
from storygen.exporters.read import RunFolder, read_run
from storygen.style.dates import date_year
from storygen.style.house import HOUSE_STYLES, PA
from storygen.verify import CheckedFigure, Evidence, StoryCheck, check_story

MAX_EVIDENCE = 3  # facts shown behind one figure

STYLE = """
:root { --ink: #1b1b1b; --muted: #5c5c5c; --line: #d9d9d9; --accent: #1d5f8a;
        --ok: #e6f1f8; --bad: #fde2e0; --badink: #a4281b; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink);
       background: #f6f6f4; }
header.page, nav.filters, main { max-width: 860px; margin: 0 auto; padding: 0 16px; }
header.page h1 { font: bold 1.5rem/1.2 sans-serif; margin: 24px 0 4px; }
header.page p { color: var(--muted); margin: 0 0 12px; font-family: sans-serif; }
nav.filters { position: sticky; top: 0; z-index: 5; background: #f6f6f4; padding: 10px 16px;
              border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 10px;
              align-items: end; font: 14px sans-serif; }
nav.filters label { display: flex; flex-direction: column; gap: 2px; color: var(--muted); }
nav.filters select, nav.filters input { font: 14px sans-serif; padding: 3px 4px; }
#shown { margin-left: auto; color: var(--muted); }
ol.stories { list-style: none; padding: 0; margin: 16px 0; }
article.story { background: #fff; border: 1px solid var(--line); border-radius: 6px;
                padding: 14px 18px; margin: 0 0 16px; }
article.story[hidden] { display: none; }
.meta { font: 13px sans-serif; color: var(--muted); display: flex; gap: 12px; flex-wrap: wrap; }
.score { font-weight: bold; color: var(--accent); }
article.story h2 { font-size: 1.3rem; line-height: 1.25; margin: 6px 0; }
p.standfirst { font-style: italic; }
.checked { font: 13px sans-serif; margin: 8px 0 0; }
.checked.ok { color: #2e6b32; }
.checked.failed { color: var(--badink); }
.checked ul { margin: 4px 0 0 18px; padding: 0; }
.fig { position: relative; background: var(--ok); border-bottom: 2px solid var(--accent);
       cursor: pointer; border-radius: 2px; padding: 0 1px; }
.fig.unbacked { background: var(--bad); border-bottom-color: var(--badink); }
.fig:focus { outline: 2px solid var(--accent); }
.fig .source { display: none; position: absolute; left: 0; top: 1.6em; z-index: 10;
               width: min(440px, 80vw); background: #fff; color: var(--ink);
               border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px;
               box-shadow: 0 4px 14px rgba(0,0,0,.18); font: 13px/1.4 sans-serif;
               cursor: auto; }
.fig:hover .source, .fig.open .source { display: block; }
.source .item + .item { border-top: 1px solid var(--line); margin-top: 6px; padding-top: 6px; }
.source .kind { font-weight: bold; color: var(--accent); }
.source .reason { color: var(--badink); font-weight: bold; }
.source code { font-size: 12px; word-break: break-all; }
figure.chart { margin: 12px 0 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font: 12px sans-serif; color: var(--muted); }
section.held { border-top: 3px solid var(--badink); margin-top: 24px; }
section.held > h2 { font: bold 1.2rem sans-serif; color: var(--badink); }
.held-reason { font: 14px sans-serif; color: var(--badink); }
footer.sources { font: 12px sans-serif; color: var(--muted); margin-top: 8px; }
"""

SCRIPT = """
(function () {
  var stories = Array.prototype.slice.call(document.querySelectorAll("[data-filterable]"));
  var patch = document.getElementById("filter-patch");
  var narrative = document.getElementById("filter-narrative");
  var kind = document.getElementById("filter-kind");
  var search = document.getElementById("filter-search");
  var shown = document.getElementById("shown");
  function matches(story) {
    var patches = JSON.parse(story.getAttribute("data-patches"));
    var kinds = JSON.parse(story.getAttribute("data-kinds"));
    var area = story.getAttribute("data-area").toLowerCase();
    var words = search.value.trim().toLowerCase();
    return (!patch.value || patches.indexOf(patch.value) >= 0) &&
      (!narrative.value || story.getAttribute("data-narrative") === narrative.value) &&
      (!kind.value || kinds.indexOf(kind.value) >= 0) &&
      (!words || area.indexOf(words) >= 0);
  }
  function apply() {
    var count = 0, drafts = 0;
    stories.forEach(function (story) {
      var show = matches(story);
      story.hidden = !show;
      if (story.classList.contains("draft")) { drafts += 1; if (show) { count += 1; } }
    });
    shown.textContent = "Showing " + count + " of " + drafts + " drafts";
  }
  [patch, narrative, kind].forEach(function (el) { el.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  function close(except) {
    document.querySelectorAll(".fig.open").forEach(function (fig) {
      if (fig !== except) { fig.classList.remove("open"); fig.setAttribute("aria-expanded", "false"); }
    });
  }
  function toggle(fig) {
    close(fig);
    var open = fig.classList.toggle("open");
    fig.setAttribute("aria-expanded", open ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    var fig = event.target.closest(".fig");
    if (fig && event.target.closest(".source")) { return; }
    if (fig) { toggle(fig); } else { close(null); }
  });
  document.addEventListener("keydown", function (event) {
    var fig = event.target.closest && event.target.closest(".fig");
    if (fig && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); toggle(fig); }
    if (event.key === "Escape") { close(null); }
  });
  apply();
})();
"""

PAGE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Drafts for review, {{ as_of_text }}</title>
<style>{{ style }}</style>
</head>
<body>
<header class="page">
<h1>Drafts for review: figures to {{ as_of_text }}</h1>
<p>{{ stories|length }} draft{{ "" if stories|length == 1 else "s" }}, strongest first;
{{ held|length }} held back{% if skipped %}; {{ skipped|length }} with no draft{% endif %}.
Generated {{ generated }}. Hover over or click a highlighted figure to see the fact behind
it.</p>
</header>
<nav class="filters" aria-label="Filters">
<label>Patch <select id="filter-patch"><option value="">All patches</option>
{% for name in patches %}<option value="{{ name }}">{{ name }}</option>{% endfor %}
</select></label>
<label>Narrative <select id="filter-narrative"><option value="">All narratives</option>
{% for name in narratives %}<option value="{{ name }}">{{ name }}</option>{% endfor %}
</select></label>
<label>Lead fact <select id="filter-kind"><option value="">Any kind</option>
{% for name in kinds %}<option value="{{ name }}">{{ name }}</option>{% endfor %}
</select></label>
<label>Area <input id="filter-search" type="search" placeholder="Name of an area"></label>
<span id="shown" aria-live="polite"></span>
</nav>
<main>
<ol class="stories">
{% for story in stories %}
<li>{{ article(story, "draft") }}</li>
{% endfor %}
</ol>
<section class="held" id="held">
<h2>Held back ({{ held|length }})</h2>
{% if not held %}<p>No draft was held.</p>{% endif %}
{% for entry in held %}
{% if entry.story %}
{{ article(entry.story, "held", entry.reason) }}
{% else %}
<article class="story held-only"><p class="meta"><code>{{ entry.id }}</code></p>
<p class="held-reason">Held: {{ entry.reason }}</p></article>
{% endif %}
{% endfor %}
</section>
{% if skipped %}
<section class="held" id="skipped">
<h2>No draft ({{ skipped|length }})</h2>
<p>Areas the data gives no figures for, and totals no draft quotes, with the reason.</p>
<ul>
{% for entry in skipped %}
<li><strong>{{ entry.area_name }}</strong>: <span class="held-reason">{{ entry.reason }}</span></li>
{% endfor %}
</ul>
</section>
{% endif %}
</main>
<script>{{ script }}</script>
</body>
</html>
"""

ARTICLE = """\
{% macro article(story, role, reason="") %}
<article class="story {{ role }}" id="{{ role }}-{{ story.id }}" data-filterable
 data-id="{{ story.id }}" data-patches="{{ story.patches_json }}"
 data-narrative="{{ story.narrative }}" data-kinds="{{ story.kinds_json }}"
 data-area="{{ story.area_name }}" data-score="{{ story.score }}">
<p class="meta">{% if role == "draft" %}<span class="rank">#{{ story.rank }}</span>
<span class="score" title="Newsworthiness score">score {{ story.score }}</span>{% endif %}
<span class="area">{{ story.area_name }} ({{ story.area_type }})</span>
<span class="narrative">{{ story.narrative }}</span>
{% if story.patches %}<span class="patches">{{ story.patches|join(", ") }}</span>{% endif %}
{% if story.kinds %}<span class="kinds">lead: {{ story.kinds|join(", ") }}</span>{% endif %}</p>
{% if reason %}<p class="held-reason">Held: {{ reason }}</p>{% endif %}
<h2>{{ copy(story.headline) }}</h2>
<p class="standfirst">{{ copy(story.standfirst) }}</p>
{% for paragraph in story.paragraphs %}<p>{{ copy(paragraph) }}</p>
{% endfor %}
{% if story.chart %}<figure class="chart">{{ story.chart }}
<figcaption>{{ story.chart_caption }}</figcaption></figure>{% endif %}
{% if story.problems %}
<div class="checked failed"><strong>Fact-check: {{ story.problems|length }} problem{{ "" if story.problems|length == 1 else "s" }}</strong>
<ul>{% for problem in story.problems %}<li>{{ problem }}</li>{% endfor %}</ul></div>
{% else %}
<p class="checked ok">Fact-check: all {{ story.figure_count }} figures backed by the story's facts.</p>
{% endif %}
<footer class="sources">{{ story.credit }}</footer>
</article>
{% endmacro %}
{% macro copy(segments) %}{% for segment in segments %}{% if segment.figure %}<span class="fig{{ ' unbacked' if segment.figure.problem }}" tabindex="0" role="button" aria-expanded="false" data-kind="{{ segment.figure.kind }}">{{ segment.text }}<span class="source" role="tooltip">
{% if segment.figure.problem %}<span class="item reason">Not backed: {{ segment.figure.problem }}</span>{% endif %}
{% for item in segment.figure.sources %}<span class="item" style="display:block">
<span class="kind">{{ item.title }}</span><br>
{{ item.value }}{% if item.arithmetic %}<br>{{ item.arithmetic }}{% endif %}
{% if item.source %}<br>Source: <code>{{ item.source }}</code>{% endif %}</span>
{% endfor %}{% if segment.figure.more %}<span class="item" style="display:block">and {{ segment.figure.more }} more</span>{% endif %}
</span></span>{% else %}{{ segment.text }}{% endif %}{% endfor %}{% endmacro %}
"""

_ENV = jinja2.Environment(
    autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
)
_TEMPLATE = _ENV.from_string(ARTICLE + PAGE)


PAGE = "review.html"


def write_review(out: Path, output: Path | None = None) -> Path:
    """Write the review page for the run in ``out`` (to ``out/review.html`` unless told
    otherwise), replacing any earlier page only once the new one is whole."""
    run = read_run(out)
    target = output or out / PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(review_page(run), encoding="utf-8")
    partial.replace(target)
    return target


def review_page(run: RunFolder) -> str:
    """The review page for a run read back from its folder."""
    stories = sorted(run.stories, key=lambda story: (-float(story.get("score") or 0), story["id"]))
    drafts = [_story_view(story, rank) for rank, story in enumerate(stories, start=1)]
    held = [
        {
            "id": entry.get("id", ""),
            "reason": entry.get("reason", ""),
            "story": _story_view(entry["story"], 0) if entry.get("story") else None,
        }
        for entry in run.held
    ]
    views = drafts + [entry["story"] for entry in held if entry["story"]]
    return _TEMPLATE.render(
        style=Markup(STYLE),
        script=Markup(SCRIPT),
        as_of_text=_house_date(run.as_of),
        generated=run.manifest.get("generated", ""),
        stories=drafts,
        held=held,
        skipped=run.manifest.get("skipped") or [],
        patches=sorted({p for view in views for p in view["patches"]}),
        narratives=sorted({view["narrative"] for view in views}),
        kinds=sorted({k for view in views for k in view["kinds"]}),
    )


def _house_date(iso: str) -> str:
    try:
        return date_year(iso)
    except ValueError:
        return iso


def _story_view(story: dict[str, Any], rank: int) -> dict[str, Any]:
    """What the page shows of one story: its copy cut into text and figures."""
    check = check_story(story)
    by_field: dict[tuple[str, int | None], list[CheckedFigure]] = {}
    for figure in check.figures:
        by_field.setdefault((figure.field, figure.index), []).append(figure)
    facts = story.get("facts") or []
    series = story.get("series") or {}
    style = HOUSE_STYLES.get(story.get("style", "pa"), PA)
    kinds = _lead_kinds(check, facts)
    return {
        "id": story["id"],
        "rank": rank,
        "score": story.get("score", 0),
        "narrative": story.get("narrative", ""),
        "area_name": story.get("area_name", ""),
        "area_type": story.get("area_type", ""),
        "patches": list(story.get("patches") or []),
        "patches_json": json.dumps(list(story.get("patches") or [])),
        "kinds": kinds,
        "kinds_json": json.dumps(kinds),
        "headline": _segments(story.get("headline", ""), by_field.get(("headline", None)), facts),
        "standfirst": _segments(
            story.get("standfirst", ""), by_field.get(("standfirst", None)), facts
        ),
        "paragraphs": [
            _segments(text, by_field.get(("paragraphs", index)), facts)
            for index, text in enumerate(story.get("paragraphs") or [])
        ],
        "chart": Markup(chart_svg(series, style=style)) if series else "",
        "chart_caption": chart_caption(series) if series else "",
        "problems": [str(problem) for problem in check.problems],
        "figure_count": len(check.figures),
        "credit": "Sources: "
        + "; ".join(s.get("title", "") for s in story.get("sources") or [])
        + ".",
    }


def _lead_kinds(check: StoryCheck, facts: list[dict[str, Any]]) -> list[str]:
    """The kinds of fact the headline's figures rest on (else any figure's, else the story's)."""
    for where in ("headline", None):
        kinds = {
            facts[e.fact].get("kind", "")
            for figure in check.figures
            if where is None or figure.where == where
            for e in figure.evidence
            if e.fact is not None and e.fact < len(facts)
        }
        if kinds:
            return sorted(kinds)
    return sorted({fact.get("kind", "") for fact in facts})


def _segments(
    text: str, figures: list[CheckedFigure] | None, facts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``text`` cut into plain runs and figures, each figure with the facts behind it."""
    segments: list[dict[str, Any]] = []
    position = 0
    for figure in sorted(figures or [], key=lambda f: f.start):
        if figure.start < position:
            continue
        if figure.start > position:
            segments.append({"text": text[position : figure.start], "figure": None})
        items = list(_evidence_items(_first_the_sums(figure.evidence, facts), facts))
        segments.append(
            {
                "text": text[figure.start : figure.end],
                "figure": {
                    "kind": figure.figure.kind,
                    "problem": figure.problem,
                    "sources": items[:MAX_EVIDENCE],
                    "more": max(0, len(items) - MAX_EVIDENCE),
                },
            }
        )
        position = figure.end
    if position < len(text):
        segments.append({"text": text[position:], "figure": None})
    return segments


def _first_the_sums(evidence: list[Evidence], facts: list[dict[str, Any]]) -> list[Evidence]:
    """Evidence in the order an editor checks it: the change facts first (their values are
    the unrounded sums from the source), then other facts, then figures worked out."""

    def order(item: Evidence) -> tuple[int, int]:
        if item.fact is None or item.fact >= len(facts):
            return (2, 0)
        return (0 if facts[item.fact].get("kind") == "change" else 1, item.fact)

    return sorted(evidence, key=order)


def _evidence_items(
    evidence: list[Evidence], facts: list[dict[str, Any]]
) -> Iterable[dict[str, str]]:
    seen = set()
    for item in evidence:
        key = (item.fact, item.key, item.note)
        if key in seen:
            continue
        seen.add(key)
        if item.fact is None or item.fact >= len(facts):
            yield {
                "title": "Worked out from the story's facts",
                "value": item.note or item.key,
                "arithmetic": "",
                "source": "",
            }
            continue
        fact = facts[item.fact]
        subject = fact.get("subject") or {}
        provenance = fact.get("provenance") or {}
        dates = provenance.get("dates") or []
        source = provenance.get("path", "")
        if source and len(dates) == 2:
            source = f"{source} ({dates[0]} to {dates[1]})"
        raw = _raw(fact, item.key)
        yield {
            "title": f"{fact.get('kind', '')} fact: {subject.get('name', '')} · "
            f"{fact.get('id', '').rsplit('.', 1)[0]}",
            "value": f"{item.key} = {raw}",
            "arithmetic": provenance.get("arithmetic", ""),
            "source": source,
        }


def _raw(fact: dict[str, Any], key: str) -> str:
    """The fact's own figure behind ``key`` ("values.previous"), as stored."""
    if key == "value":
        value = fact.get("value")
    elif key.startswith("values."):
        value = (fact.get("values") or {}).get(key[len("values.") :])
    elif key.startswith("value / values."):
        other = (fact.get("values") or {}).get(key[len("value / values.") :])
        return f"{fact.get('value')} against {other}"
    else:
        value = fact.get(key)
    if isinstance(value, float | Decimal):
        return f"{value:,}"
    return str(value)
