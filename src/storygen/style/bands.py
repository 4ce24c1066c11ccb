"""Bands: which of a narrative's bands a figure falls in ("201-400", "over 400")."""

from __future__ import annotations

from collections.abc import Sequence

from storygen.style.numbers import as_decimal


def band(value: object, edges: Sequence[object], labels: Sequence[str]) -> str:
    """The label of the band ``value`` is in; each edge is the top of its band, included in it.

    Template: ``{{ 394|band([50, 400], ["low", "201-400", "over 400"]) }}`` -> ``201-400``

    ``labels`` has one more item than ``edges``: the last is the band above the top edge. In a
    template the narrative's bands are in ``settings.threshold.bands``.

    >>> labels = ["0-10", "11-50", "51-100", "101-200", "201-400", "over 400"]
    >>> band(394, [10, 50, 100, 200, 400], labels), band(400, [10, 50, 100, 200, 400], labels)
    ('201-400', '201-400')
    >>> band(400.1, [10, 50, 100, 200, 400], labels), band(0, [10, 50, 100, 200, 400], labels)
    ('over 400', '0-10')
    >>> band(5, [10], ["low"])
    Traceback (most recent call last):
    ...
    ValueError: band: needs one label more than edges, got 1 edges and 1 labels
    """
    if len(labels) != len(edges) + 1:
        raise ValueError(
            f"band: needs one label more than edges, got {len(edges)} edges and {len(labels)} labels"
        )
    figure = as_decimal(value, "band")
    for edge, label in zip(edges, labels, strict=False):
        if figure <= as_decimal(edge, "band"):
            return str(label)
    return str(labels[-1])
