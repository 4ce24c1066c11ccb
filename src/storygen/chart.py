"""A story's chart: its measure over time as a small inline SVG, thresholds marked.

``chart_svg(series)`` draws ``Story.series``: the story's areas as solid lines (a roundup's
first area, its strongest, drawn darkest), a reference line (England) dashed in grey, each
threshold the narrative declares as a labelled dashed rule, and the latest value of the first
line labelled. The SVG is self-contained (no fonts, scripts or links to fetch), every text
in it escaped, and the same series always gives the same bytes. ``data_uri`` wraps it for a
format that links a rendition (ninjs).
"""

from __future__ import annotations

import base64
import math
from html import escape
from typing import Any

from storygen.style.dates import date as house_date
from storygen.style.house import PA, HouseStyle

WIDTH, HEIGHT = 480, 200
MARGIN = {"left": 48, "right": 72, "top": 16, "bottom": 28}
LABEL_GAP = 10  # pixels between threshold labels
LABEL_CHARS = 12  # a threshold's label in the right margin; its full note is its tooltip
COLOURS = {"line": "#1d5f8a", "other": "#8fb3cc", "reference": "#777777", "threshold": "#c0392b"}


def chart_svg(
    series: dict[str, Any],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    style: HouseStyle = PA,
) -> str:
    """The chart as an ``<svg>`` element, or "" when the series has nothing to draw.

    >>> series = {"label": "rate", "decimals": 1, "dates": ["2020-11-24", "2020-11-25"],
    ...           "lines": [{"name": "Swale & Co", "values": [500.0, 563.7]}],
    ...           "thresholds": [{"value": 400, "label": "<b>tier</b>"}]}
    >>> svg = chart_svg(series)
    >>> svg.startswith("<svg") and "563.7" in svg and "&lt;b&gt;tier&lt;/b&gt;" in svg
    True
    >>> "Swale &amp; Co" in svg, "<b>" in svg
    (True, False)
    >>> chart_svg({"dates": [], "lines": []})
    ''
    """
    dates = list(series.get("dates") or [])
    lines = [line for line in series.get("lines") or [] if _points(line.get("values"))]
    if not dates or not lines:
        return ""
    thresholds = [t for t in series.get("thresholds") or [] if _finite(t.get("value"))]
    decimals = int(series.get("decimals") or 0)
    values = [v for line in lines for v in line["values"] if _finite(v)]
    values += [float(t["value"]) for t in thresholds]
    top = _nice_top(max(max(values), 0.0))
    bottom = min(0.0, min(values))
    plot_w = width - MARGIN["left"] - MARGIN["right"]
    plot_h = height - MARGIN["top"] - MARGIN["bottom"]

    left, upper = MARGIN["left"], MARGIN["top"]  # looked up once: x and y run for every point
    last_date = len(dates) - 1
    span = (top - bottom) or 1

    def x(index: int) -> float:
        return left + (plot_w * index / last_date if last_date else plot_w)

    def y(value: float) -> float:
        return upper + plot_h * (1 - (value - bottom) / span)

    label = str(series.get("label") or series.get("measure") or "")
    names = ", ".join(str(line.get("name", "")) for line in lines if not line.get("reference"))
    period = f"{house_date(dates[0], style=style)} to {house_date(dates[-1], style=style)}"
    title = f"{label}: {names}, {period}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="10">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_describe(lines, thresholds, decimals))}</desc>",
    ]
    for tick in _ticks(bottom, top):
        parts.append(
            f'<line x1="{MARGIN["left"]}" x2="{width - MARGIN["right"]}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="#e3e3e3"/>'
            f'<text x="{MARGIN["left"] - 4}" y="{y(tick) + 3:.1f}" text-anchor="end" '
            f'fill="#555">{escape(_figure(tick, 0))}</text>'
        )
    for index, anchor in ((0, "start"), (len(dates) - 1, "end")):
        parts.append(
            f'<text x="{x(index):.1f}" y="{height - 8}" text-anchor="{anchor}" fill="#555">'
            f"{escape(house_date(dates[index], style=style))}</text>"
        )
    labelled: list[float] = []  # heights of threshold labels drawn, so none overlap
    named_first = sorted(thresholds, key=lambda t: (t.get("note") == "band edge", t["value"]))
    for threshold in named_first:  # a named target keeps its label over a band's edge
        level = float(threshold["value"])
        text = str(threshold.get("label") or "") or _figure(
            level, 0 if level.is_integer() else decimals
        )
        note = str(threshold.get("note") or text)
        if len(text) > LABEL_CHARS:
            text = text[: LABEL_CHARS - 1] + "\u2026"
        if any(abs(y(level) - other) < LABEL_GAP for other in labelled):
            text = ""  # too close to another label: the line and its tooltip say it
        else:
            labelled.append(y(level))
        parts.append(
            f'<g class="threshold"><title>{escape(note)}</title>'
            f'<line x1="{MARGIN["left"]}" x2="{width - MARGIN["right"]}" '
            f'y1="{y(level):.1f}" y2="{y(level):.1f}" stroke="{COLOURS["threshold"]}" '
            f'stroke-dasharray="4 3"/><text x="{width - MARGIN["right"] + 4}" '
            f'y="{y(level) + 3:.1f}" fill="{COLOURS["threshold"]}">{escape(text)}</text></g>'
        )
    ordered = sorted(enumerate(lines), key=lambda item: (not item[1].get("reference"), -item[0]))
    points = max(len(dates), *(len(line["values"]) for line in lines))
    across = [f"{x(index):.1f}" for index in range(points)]  # each point's x, for every line
    for index, line in ordered:  # reference first, then the others, the first line on top
        colour = (
            COLOURS["reference"]
            if line.get("reference")
            else COLOURS["line"]
            if index == 0
            else COLOURS["other"]
        )
        dash = ' stroke-dasharray="5 3"' if line.get("reference") else ""
        width_px = 2 if index == 0 else 1.2
        parts.append(
            f'<path class="line" d="{_path(line["values"], across, y)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width_px}"{dash}><title>{escape(str(line.get("name", "")))}</title>'
            "</path>"
        )
    first = lines[0]
    last = next(i for i in reversed(range(len(first["values"]))) if _finite(first["values"][i]))
    value = float(first["values"][last])
    parts.append(
        f'<circle cx="{x(last):.1f}" cy="{y(value):.1f}" r="3" fill="{COLOURS["line"]}"/>'
        f'<text class="latest" x="{x(last) + 6:.1f}" y="{y(value) - 6:.1f}" '
        f'fill="{COLOURS["line"]}" font-weight="bold">{escape(_figure(value, decimals))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def chart_caption(series: dict[str, Any]) -> str:
    """What the chart shows, in words, for its caption.

    >>> chart_caption({"label": "seven-day case rate per 100,000 people", "lines": [
    ...     {"name": "Swale"}, {"name": "England", "reference": True}],
    ...     "thresholds": [{"value": 400}]})
    'Seven-day case rate per 100,000 people: Swale; England dashed; thresholds in red.'
    """
    label = str(series.get("label") or series.get("measure") or "")
    lines = series.get("lines") or []
    own = [str(line.get("name", "")) for line in lines if not line.get("reference")]
    shown = own[0] if len(own) == 1 else f"{own[0]} (darkest) and {len(own) - 1} other areas"
    parts = [f"{label[:1].upper()}{label[1:]}: {shown}" if own else label]
    parts += [f"{line.get('name', '')} dashed" for line in lines if line.get("reference")]
    if series.get("thresholds"):
        parts.append("thresholds in red")
    return "; ".join(parts) + "."


def data_uri(svg: str) -> str:
    """An SVG as a ``data:`` URI, for a rendition's ``href``.

    >>> data_uri("<svg/>")
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _finite(value: Any) -> bool:
    kind = type(value)  # a float or None, told first: called on every point of every line
    if kind is float:
        return math.isfinite(value)
    if value is None:
        return False
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _points(values: Any) -> bool:
    return isinstance(values, list) and any(_finite(v) for v in values)


def _path(values: list[Any], across: list[str], y: Any) -> str:
    """Line segments through the finite values; a gap (None) lifts the pen. ``across`` is
    each point's x as printed."""
    commands, pen = [], "M"
    for value, at in zip(values, across, strict=False):  # across may be the longer
        if not (math.isfinite(value) if type(value) is float else _finite(value)):
            pen = "M"
            continue
        commands.append(f"{pen}{at},{y(float(value)):.1f}")
        pen = "L"
    return " ".join(commands)


def _nice_top(value: float) -> float:
    """The next "round" number at or above ``value``: 563.7 -> 600, 0 -> 1.

    >>> _nice_top(563.7), _nice_top(0), _nice_top(82.5), _nice_top(1964), _nice_top(663)
    (600.0, 1.0, 100.0, 2000.0, 800.0)
    """
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _ticks(bottom: float, top: float) -> list[float]:
    return [bottom + (top - bottom) * share for share in (0, 0.5, 1)]


def _figure(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _describe(lines: list[dict[str, Any]], thresholds: list[dict[str, Any]], decimals: int) -> str:
    latest = []
    for line in lines:
        finite = [v for v in line["values"] if _finite(v)]
        latest.append(f"{line.get('name', '')} {_figure(float(finite[-1]), decimals)}")
    text = "Latest: " + "; ".join(latest) + "."
    if thresholds:
        marks = ", ".join(_figure(float(t["value"]), decimals) for t in thresholds)
        text += f" Thresholds marked at {marks}."
    return text
