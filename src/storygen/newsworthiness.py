"""Newsworthiness: how strongly each fact deserves a place in a story, from 0 to 1.

Each kind of fact has a scorer in ``SCORERS``, vectorised over the frame a rule returns.
The scores follow the ingredients automated-news systems use to rank facts (magnitude or
outlierness, position in a ranking, rarity, and whether a fact goes against the baseline):

- change: the size of the move on a doubling scale, ``min(1, |log2(now / before)|)``, times
  1.25 when the area moves against the way most areas moved and 0.75 when it only follows
  them (a local rise in a national rise is expected news);
- rank: ``1 / position`` from whichever end is nearer, weighted by the size of the peer group
  (first of 316 beats first of 12): ``0.4 + 0.6 * min(1, log2(n) / log2(300))``;
- record: rarity, ``log(1 + days) / log(1 + 365)`` for "the highest since" a date that many
  days ago, capped at 1; a record over the whole series scores a fifth more (a series
  that began last month holds no long-standing record).

See docs/newsworthiness.md for worked examples.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

import numpy as np
import pandas as pd

from storygen.claims import claim
from storygen.facts import Fact

Scorer = Callable[[pd.DataFrame], pd.Series]
SCORERS: dict[str, Scorer] = {}


def scorer(kind: str) -> Callable[[Scorer], Scorer]:
    def add(function: Scorer) -> Scorer:
        SCORERS[kind] = function
        return function

    return add


def score(kind: str, frame: pd.DataFrame) -> pd.Series:
    """The score of every fact in ``frame`` (a rule's output for ``kind``)."""
    if frame.empty:
        return pd.Series(dtype="float64")
    return SCORERS[kind](frame).clip(0, 1).fillna(0).round(4)


# Scorers return raw strengths; ``score`` clips them to 0..1.


@scorer("change")
def change_score(frame: pd.DataFrame) -> pd.Series:
    """
    >>> frame = pd.DataFrame({"ratio": [2.0, 1.1, 0.5], "against_trend": [True, False, False]})
    >>> change_score(frame).round(3).tolist()
    [1.25, 0.103, 0.75]
    """
    magnitude = np.minimum(1.0, np.abs(np.log2(frame["ratio"].astype("float64"))))
    baseline = np.where(frame["against_trend"].astype(bool), 1.25, 0.75)
    return pd.Series(magnitude * baseline, index=frame.index)


@scorer("rank")
def rank_score(frame: pd.DataFrame) -> pd.Series:
    """
    >>> frame = pd.DataFrame({"position": [1, 2, 5], "position_from_bottom": [12, 11, 8],
    ...                       "of": [300, 12, 12]})
    >>> rank_score(frame).round(3).tolist()
    [1.0, 0.331, 0.132]
    """
    best = np.minimum(frame["position"], frame["position_from_bottom"]).astype("float64")
    size = np.minimum(1.0, np.log2(frame["of"].astype("float64")) / np.log2(300))
    return (1.0 / best) * (0.4 + 0.6 * size)


@scorer("record")
def record_score(frame: pd.DataFrame) -> pd.Series:
    """
    >>> frame = pd.DataFrame({"days": [14, 365, 50], "on_record": [False, False, True]})
    >>> record_score(frame).round(3).tolist()
    [0.459, 1.0, 0.799]
    """
    rarity = np.log1p(frame["days"].astype("float64")) / np.log1p(365)
    boost = np.where(frame["on_record"].astype(bool), 1.2, 1.0)
    return pd.Series(np.minimum(1.0, rarity * boost), index=frame.index)


def choose_lede(facts: dict, allowed: tuple[str, ...] = ()) -> str | None:
    """The key of the strongest fact allowed to lead; on equal scores, the earlier kind wins.

    ``facts`` maps keys to objects with ``kind`` and ``score``.

    >>> from types import SimpleNamespace as F
    >>> facts = {"change.rate": F(kind="change", score=0.4), "rank.rate.region": F(kind="rank", score=0.4)}
    >>> choose_lede(facts, ("rank", "change"))
    'rank.rate.region'
    >>> choose_lede(facts, ("record",)) is None
    True
    """
    order = {kind: position for position, kind in enumerate(allowed)}
    candidates = [
        (fact.score, -order.get(fact.kind, len(order)), key)
        for key, fact in facts.items()
        if not allowed or fact.kind in order
    ]
    if not candidates:
        return None
    return max(candidates)[2]


# What is new: kept apart from the per-kind scorers above, which know nothing of earlier runs.

REPEAT_WEIGHT = 0.5  # a fact an earlier run already reported keeps half its score


def discount_reported(
    facts: list[Fact], reported: Collection[str], weight: float = REPEAT_WEIGHT
) -> list[Fact]:
    """The facts, strongest first, with those already reported scoring ``weight`` times less.

    ``reported`` holds the claims (``claims.claim``) earlier runs published; a fact making
    one of them is old news, so it sinks below fresh facts of similar strength and leads a
    story only when nothing new is strong enough. The facts are copied, not changed.

    >>> from storygen.facts import Subject
    >>> kent = Subject("E10000016", "Kent", "county")
    >>> old = Fact("change", kent, "rate", "2020-11-26", 1.0, {"direction": "down"},
    ...            score=0.6, id="change.rate.E10000016")
    >>> fresh = Fact("rank", kent, "rate", "2020-11-26", 1.0, {"position": 2},
    ...              score=0.4, id="rank.rate.county-in-region.E10000016")
    >>> [(f.id, f.score) for f in discount_reported([old, fresh], {claim(old)})]
    [('rank.rate.county-in-region.E10000016', 0.4), ('change.rate.E10000016', 0.3)]
    """
    if not 0 <= weight <= 1:
        raise ValueError(f"the weight of a repeated fact must be between 0 and 1, not {weight}")
    adjusted = [
        replace(fact, score=round(fact.score * weight, 4)) if claim(fact) in reported else fact
        for fact in facts
    ]
    adjusted.sort(key=lambda fact: (-fact.score, fact.id))
    return adjusted
