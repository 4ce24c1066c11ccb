"""Newsworthiness: how strongly each fact deserves a place in a story, from 0 to 1.

Each kind of fact has a scorer in ``SCORERS``, vectorised over the frame a rule returns. A
score multiplies a handful of ingredients, each documented with worked examples in
docs/newsworthiness.md:

- **magnitude or outlierness** of the fact itself: the size of a move on a doubling scale
  (``|log2(now / before)|``), how far an area stands from the wider figure or from the
  runner-up, how few of its peers share its direction;
- **rank**, decaying with position from whichever end is nearer (``1 / position``) and
  weighted by the size of the peer group (first of 315 beats first of 12): ``rank_weight``;
- **rarity**: a record since a long time ago beats one since last week (``rarity``, on a
  logarithmic scale of days, capped at a year); a long streak beats a short one;
- **recency**: a state that began long ago (a band entered a month ago) is older news than
  one that began this period (``recency``, halving every fortnight);
- **the baseline**: a local rise that only follows the national trend, or a local record
  set while the country sets one too, scores lower than one that goes against it;
- a **kind weight** (``KIND_WEIGHTS``), the editorial judgement of how much each kind of
  fact is worth at full strength.

``mark_repeats`` flags facts that say the same thing as a stronger one, and ``choose_lede``
picks the strongest fact a story plan allows to lead, skipping those.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from storygen.claims import claim
from storygen.facts import Fact

Scorer = Callable[[pd.DataFrame], pd.Series]
SCORERS: dict[str, Scorer] = {}

KIND_WEIGHTS = {
    "record": 1.0,
    "threshold": 1.0,
    "earlier_peak": 1.0,
    "against_trend": 1.0,
    "change": 1.0,
    "rank": 1.0,
    "biggest_change": 0.85,
    "hotspot": 0.85,
    "against_average": 0.7,
    "share": 0.5,
    "missing": 0.0,  # a figure not given is a note for the copy, never news in itself
}
NEVER_LEADS = frozenset({"missing"})  # kinds that say what the data lacks
BASELINE_AGAINST = 1.0  # a move against the way most areas moved, or on its own
BASELINE_FOLLOWS = 0.6  # a move with the crowd, or a record set while the country sets one
RECENCY_HALF_LIFE = 14  # days: a state this old is worth half a fresh one


def scorer(kind: str) -> Callable[[Scorer], Scorer]:
    def add(function: Scorer) -> Scorer:
        SCORERS[kind] = function
        return function

    return add


def score(kind: str, frame: pd.DataFrame) -> pd.Series:
    """The score of every fact in ``frame`` (one of a rule's output frames for ``kind``)."""
    if frame.empty:
        return pd.Series(dtype="float64")
    raw = SCORERS[kind](frame) * KIND_WEIGHTS.get(kind, 1.0)
    return (
        pd.Series(np.asarray(raw, dtype="float64"), index=frame.index).clip(0, 1).fillna(0).round(4)
    )


# Ingredients -------------------------------------------------------------------------------


def rank_weight(position: Any, size: Any) -> np.ndarray:
    """``1 / position`` times a weight for the size of the peer group.

    >>> rank_weight([1, 1, 2, 5], [300, 12, 12, 12]).round(3).tolist()
    [1.0, 0.661, 0.331, 0.132]
    """
    position = np.maximum(np.asarray(position, dtype="float64"), 1)
    return (1.0 / position) * size_weight(size)


def size_weight(size: Any) -> np.ndarray:
    """0.4 for a pair, rising on a log scale to 1 for a group of 300 or more.

    >>> size_weight([2, 12, 300]).round(3).tolist()
    [0.473, 0.661, 1.0]
    """
    size = np.maximum(np.asarray(size, dtype="float64"), 1)
    return 0.4 + 0.6 * np.minimum(1.0, np.log2(size) / np.log2(300))


def rarity(days: Any) -> np.ndarray:
    """How rare a "since" is: ``log(1 + days) / log(1 + 365)``, capped at 1.

    >>> rarity([7, 14, 90, 365, 700]).round(3).tolist()
    [0.352, 0.459, 0.764, 1.0, 1.0]
    """
    days = np.maximum(np.asarray(days, dtype="float64"), 0)
    return np.minimum(1.0, np.log1p(days) / np.log1p(365))


def recency(age_days: Any) -> np.ndarray:
    """How fresh a state is: 1 when it began this period, halving every fortnight.

    >>> recency([0, 14, 28]).tolist()
    [1.0, 0.5, 0.25]
    """
    age = np.maximum(np.asarray(age_days, dtype="float64"), 0)
    return 0.5 ** (age / RECENCY_HALF_LIFE)


def doublings(ratio: Any) -> np.ndarray:
    """The size of a ratio on a doubling scale, capped at 1: a doubling or a halving is 1.

    >>> doublings([2.0, 0.5, 1.1, 1.0, np.nan]).round(3).tolist()
    [1.0, 1.0, 0.138, 0.0, nan]
    """
    ratio = np.asarray(ratio, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.minimum(1.0, np.abs(np.log2(np.where(ratio > 0, ratio, np.nan))))


def certainty(surprise: Any) -> np.ndarray:
    """How sure a move is more than chance: ``surprise / 3`` capped at 1 (three standard
    deviations of a Poisson count is sure); 1 where the measure rests on no count.

    >>> certainty([2.1, 4.4, 0.0, np.nan]).round(2).tolist()
    [0.7, 1.0, 0.0, 1.0]
    """
    surprise = np.asarray(surprise, dtype="float64")
    return np.where(np.isnan(surprise), 1.0, np.minimum(1.0, surprise / 3))


def sharing(tied: Any) -> np.ndarray:
    """A place shared with others is less remarkable: ``1 / sqrt(1 + others)``. Joint first
    with one other is 0.71; the joint lowest of 220 trusts with no Covid patients is 0.07.

    >>> sharing([0, 1, 219]).round(2).tolist()
    [1.0, 0.71, 0.07]
    """
    return 1 / np.sqrt(1 + np.asarray(tied, dtype="float64"))


def _column(frame: pd.DataFrame, name: str, default: Any) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(default, index=frame.index)


# Scorers -------------------------------------------------------------------------------------


# Scorers return raw strengths; ``score`` clips them to 0..1.


@scorer("change")
def change_score(frame: pd.DataFrame) -> pd.Series:
    """Size of the move, plus 0.06 for each period of a streak after the first (at most 0.5),
    times the baseline, times the certainty that the move is more than chance.

    >>> frame = pd.DataFrame({"ratio": [2.0, 1.1, 0.5, 1.1, 7.0], "streak": [1, 1, 1, 4, 1],
    ...     "against_trend": [True, False, False, True, False],
    ...     "surprise": [np.nan, np.nan, np.nan, np.nan, 2.1]})
    >>> change_score(frame).round(3).tolist()
    [1.0, 0.083, 0.6, 0.318, 0.42]
    """
    streak = _column(frame, "streak", 1).astype("float64").clip(lower=1)
    run = np.minimum(0.5, 0.06 * (streak - 1))
    magnitude = np.minimum(1.0, np.nan_to_num(doublings(frame["ratio"])) + run)
    baseline = np.where(frame["against_trend"].astype(bool), BASELINE_AGAINST, BASELINE_FOLLOWS)
    sure = certainty(_column(frame, "surprise", np.nan))
    return pd.Series(magnitude * baseline * sure, index=frame.index)


@scorer("rank")
def rank_score(frame: pd.DataFrame) -> pd.Series:
    """Rank weight from the nearer end, less for a place shared (``sharing``).

    >>> frame = pd.DataFrame({"position": [1, 2, 5, 1], "position_from_bottom": [12, 11, 8, 12],
    ...                       "of": [300, 12, 12, 12], "tied": [0, 0, 0, 1]})
    >>> rank_score(frame).round(3).tolist()
    [1.0, 0.331, 0.132, 0.468]
    """
    best = np.minimum(frame["position"], frame["position_from_bottom"])
    shared = sharing(_column(frame, "tied", 0))
    return pd.Series(rank_weight(best, frame["of"]) * shared, index=frame.index)


@scorer("biggest_change")
def biggest_change_score(frame: pd.DataFrame) -> pd.Series:
    """Rank weight among the areas that moved the same way, weighted by the whole group.

    >>> frame = pd.DataFrame({"position": [1, 3], "of": [6, 40], "of_all": [67, 67],
    ...                       "tied": [0, 0]})
    >>> biggest_change_score(frame).round(3).tolist()
    [0.842, 0.281]
    """
    shared = sharing(_column(frame, "tied", 0))
    return pd.Series(rank_weight(frame["position"], frame["of_all"]) * shared, index=frame.index)


@scorer("record")
def record_score(frame: pd.DataFrame) -> pd.Series:
    """Rarity of the "since", a tenth more on record, times the baseline when a wider area
    (the region, England) sets one too.

    >>> frame = pd.DataFrame({"days": [14, 365, 50, 50], "on_record": [False, False, True, True],
    ...     "wider_record": [False, False, False, True]})
    >>> record_score(frame).round(3).tolist()
    [0.459, 1.0, 0.733, 0.44]
    """
    boost = np.where(frame["on_record"].astype(bool), 1.1, 1.0)
    baseline = np.where(_column(frame, "wider_record", False).astype(bool), BASELINE_FOLLOWS, 1.0)
    strength = np.minimum(1.0, rarity(frame["days"]) * boost)
    return pd.Series(strength * baseline, index=frame.index)


@scorer("threshold")
def threshold_score(frame: pd.DataFrame) -> pd.Series:
    """Crossings score high, settled states low and fading with age, counts by rarity.

    Bands: a crossing is ``0.5 + 0.15`` per band moved (``+ 0.15`` up into the top band), times
    the certainty of the move; staying
    put is ``0.3 * band / top band * recency``. Targets: meeting one is 0.9, missing it again
    0.8, a settled state ``0.2 * recency``. Counts: the fewer on the smaller side, the more
    striking ("only two areas are below the target"): ``(1 - few / of) * 0.8 * size``, but
    ``0.25 * size`` when none is on the smaller side (every area misses: context); a band
    count is ``0.3 + 0.4 * top-band share`` when any area is in the top band.
    """
    index = frame.index
    if "count_met" in frame:
        few = np.minimum(frame["count_met"], frame["count_missed"]).astype("float64")
        of = frame["of"].astype("float64")
        striking = np.where(few > 0, (1 - few / of) * 0.8, 0.25)  # "none" is context, not news
        return pd.Series(striking * size_weight(of), index=index)
    if "counts" in frame:
        top = frame["value"].astype("float64")
        share = top / frame["of"].astype("float64")
        return pd.Series(np.where(top > 0, 0.3 + 0.4 * share, 0.1), index=index)
    if "band" in frame:
        moved = np.abs(frame["bands_moved"].astype("float64"))
        crossed = frame["crossed"].notna().to_numpy()
        top = frame["top_band"].astype(bool).to_numpy()
        up = (frame["crossed"] == "up").to_numpy()
        sure = certainty(_column(frame, "surprise", np.nan))
        fresh = recency(frame["days_in_band"])
        settled = 0.3 * frame["band"] / np.maximum(frame["bands"] - 1, 1) * fresh
        return pd.Series(
            np.where(
                crossed, np.minimum(1.0, 0.5 + 0.15 * moved + 0.15 * (top & up)) * sure, settled
            ),
            index=index,
        )
    fresh = recency(frame["days_in_status"])
    crossed = frame["crossed"]
    return pd.Series(
        np.select([crossed == "met", crossed == "missed"], [0.9, 0.8], 0.2 * fresh), index=index
    )


@scorer("against_trend")
def against_trend_score(frame: pd.DataFrame) -> pd.Series:
    """Areas: how few peers moved the same way, times the size of the move and its certainty.
    Groups: how far the group's share of risers stands from the country's.

    >>> areas = pd.DataFrame({"direction": ["up", "up"], "up": [1, 6], "down": [66, 61],
    ...     "of": [67, 67], "value": [120.0, 300.0], "previous": [100.0, 290.0]})
    >>> against_trend_score(areas).round(3).tolist()
    [0.842, 0.426]
    >>> groups = pd.DataFrame({"up": [6, 19], "of": [13, 315], "wider_up": [19, 19],
    ...     "wider_of": [315, 315], "wider_name": "England", "direction": None})
    >>> against_trend_score(groups).round(3).tolist()
    [0.43, 0.0]
    """
    index = frame.index
    if "wider_up" in frame:
        share = frame["up"] / frame["of"]
        wider = frame["wider_up"] / frame["wider_of"]
        gap = np.minimum(1.0, 2 * np.abs(share - wider))
        return pd.Series(gap * size_weight(frame["of"]) * 0.8, index=index)
    same_way = np.where(frame["direction"] == "up", frame["up"], frame["down"]).astype("float64")
    lonely = 1 - (same_way - 1) / np.maximum(frame["of"] - 1, 1)
    move = np.minimum(1.0, 0.4 + 3 * np.nan_to_num(doublings(frame["value"] / frame["previous"])))
    sure = certainty(_column(frame, "surprise", np.nan))
    return pd.Series(lonely * move * sure * size_weight(frame["of"]), index=index)


@scorer("earlier_peak")
def earlier_peak_score(frame: pd.DataFrame) -> pd.Series:
    """Above the peak: from 0.5 just over it to 1 at twice it; at or near it (90% or more):
    0.4; further below: 0.1. Half that when the "peak" is the period's first or last day;
    times the baseline (the country above its own peak too) and the certainty.

    >>> frame = pd.DataFrame({"ratio": [2.0, 1.0, 1.4, 0.95, 0.5, 2.0],
    ...                       "on_edge": [False] * 5 + [True]})
    >>> earlier_peak_score(frame).round(3).tolist()
    [1.0, 0.4, 0.985, 0.4, 0.1, 0.5]
    """
    ratio = frame["ratio"].astype("float64")
    above = np.minimum(1.0, 0.5 + np.log2(ratio.where(ratio > 1, 1.0)))
    edge = np.where(_column(frame, "on_edge", False).astype(bool), 0.5, 1.0)
    baseline = np.where(_column(frame, "wider_above", False).astype(bool), BASELINE_FOLLOWS, 1.0)
    sure = certainty(_column(frame, "surprise", np.nan))
    strength = np.select([ratio > 1, ratio >= 0.9], [above, 0.4], 0.1)
    return pd.Series(strength * edge * baseline * sure, index=frame.index)


@scorer("against_average")
def against_average_score(frame: pd.DataFrame) -> pd.Series:
    """Areas: distance from the wider figure on a doubling scale (four times or a quarter of it
    scores 1), times its certainty (the
    area's count against the count the wider figure would give it). Groups: "every area" or
    "every area except one or two" scores by the size of the group; a split group little.

    >>> areas = pd.DataFrame({"ratio": [4.0, 2.0, 1.2]})
    >>> against_average_score(areas).round(3).tolist()
    [1.0, 0.5, 0.132]
    >>> groups = pd.DataFrame({"count_above": [12, 6], "count_below": [1, 6], "of": [13, 12]})
    >>> against_average_score(groups).round(3).tolist()
    [0.723, 0.2]
    """
    if "count_above" in frame:
        few = np.minimum(frame["count_above"], frame["count_below"])
        striking = (few <= 2) & (few * 2 < frame["of"]) & (frame["of"] >= 4)
        return pd.Series(
            np.where(striking, (1.0 - 0.1 * few) * size_weight(frame["of"]) * 1.2, 0.2),
            index=frame.index,
        )
    sure = certainty(_column(frame, "surprise", np.nan))
    apart = np.nan_to_num(doublings(np.sqrt(frame["ratio"].astype("float64"))))
    return pd.Series(apart * sure, index=frame.index)


@scorer("hotspot")
def hotspot_score(frame: pd.DataFrame) -> pd.Series:
    """How far the hotspot stands above the runner-up (``0.3 + 0.5 * doublings``), or its rank
    weight among every area at its level, whichever is higher; a fifth less when it was the
    hotspot a period earlier too, and when it shares the place.

    >>> frame = pd.DataFrame({"value": [1871.5, 300.0], "second_value": [650.0, 290.0],
    ...     "overall_position": [1, 40], "overall_of": [1108, 1108],
    ...     "same_as_before": [False, True], "tied_with": [[], []]})
    >>> hotspot_score(frame).round(3).tolist()
    [1.0, 0.26]
    """
    ahead = frame["value"] / frame["second_value"]
    apart = 0.3 + 0.5 * np.nan_to_num(doublings(ahead), nan=1.0)
    standing = rank_weight(frame["overall_position"].fillna(np.inf), frame["overall_of"])
    strength = np.minimum(1.0, np.maximum(apart, np.nan_to_num(standing)))
    again = np.where(frame["same_as_before"].astype(bool), 0.8, 1.0)
    shared = sharing(frame["tied_with"].map(len))
    return pd.Series(strength * again * shared, index=frame.index)


@scorer("share")
def share_score(frame: pd.DataFrame) -> pd.Series:
    """Over- or under-representation against the area's share of people (doubling scale),
    else the size of the share (half the total scores 1).

    >>> frame = pd.DataFrame({"share": [6.1, 40.0], "over_represented": [2.26, np.nan]})
    >>> share_score(frame).round(3).tolist()
    [1.0, 0.8]
    """
    plain = np.minimum(1.0, frame["share"].astype("float64") / 50)
    if "over_represented" not in frame:
        return pd.Series(plain, index=frame.index)
    represented = doublings(frame["over_represented"])
    return pd.Series(np.where(np.isnan(represented), plain, represented), index=frame.index)


@scorer("missing")
def missing_score(frame: pd.DataFrame) -> pd.Series:
    """Nothing: an area that gave no figure today is a note for the copy (a roundup names
    it, its own story is held), never a story's lede.

    >>> missing_score(pd.DataFrame({"value": [353.0]})).tolist()
    [0.0]
    """
    return pd.Series(0.0, index=frame.index)


# Choosing ------------------------------------------------------------------------------------

SAME_STORY_KINDS = ("change", "record", "earlier_peak", "threshold")  # an area against itself


def mark_repeats(facts: Iterable[Any], per_head: dict[str, str]) -> None:
    """Flag (``fact.repeats = stronger.id``) facts that say the same thing as a stronger one.

    - A rate per head moves exactly as its count does (the population is fixed), so a
      change, record or earlier peak of cases repeats the same fact about the rate:
      ``per_head`` maps each per-head measure to its count (``{"rate": "cases"}``).
    - First (or last) in a wider group implies first (or last) in every group inside it:
      "the highest rate in England" makes "the highest in the South East" a repeat.
    - The same place among the same areas says the same thing: a London borough is both a
      district and a county, so its rank among London's districts repeats its rank among
      London's counties; the ranking at the area's own level is kept. Likewise a unitary
      authority rising against England's districts and against England's counties.

    >>> from types import SimpleNamespace as F
    >>> def fact(id, kind, measure, score, **values):
    ...     return F(id=id, key=id.rsplit(".", 1)[0], kind=kind, measure=measure, score=score,
    ...              subject=F(code=id.rsplit(".", 1)[1]), values=values, repeats=None)
    >>> facts = [fact("change.rate.A", "change", "rate", 0.6),
    ...          fact("change.cases.A", "change", "cases", 0.6),
    ...          fact("rank.rate.district-in-country.A", "rank", "rate", 1.0,
    ...               position=1, position_from_bottom=315, of=315),
    ...          fact("rank.rate.district-in-region.A", "rank", "rate", 0.7,
    ...               position=1, position_from_bottom=67, of=67)]
    >>> mark_repeats(facts, {"rate": "cases"})
    >>> [f.repeats for f in facts]
    [None, 'change.rate.A', None, 'rank.rate.district-in-country.A']
    """
    base_of = {count: rate for rate, count in per_head.items()}
    by_subject: dict[str, list[Any]] = {}
    for fact in facts:
        by_subject.setdefault(fact.subject.code, []).append(fact)
    for group in by_subject.values():
        keyed = {fact.key: fact for fact in group}
        for fact in group:
            rate = base_of.get(fact.measure)
            if fact.kind in SAME_STORY_KINDS and rate is not None:
                twin = keyed.get(fact.key.replace(f".{fact.measure}", f".{rate}", 1))
                if twin is not None and twin.score >= fact.score:
                    fact.repeats = twin.id
        ranked = [fact for fact in group if fact.kind in ("rank", "biggest_change")]
        _same_place(ranked)
        _same_crowd(
            [
                fact
                for fact in group
                if fact.kind == "against_trend"
                and "majority" in fact.values
                and "wider_up" not in fact.values
            ]
        )
        for end in ("position", "position_from_bottom"):
            firsts = [fact for fact in ranked if fact.values.get(end) == 1 and not fact.repeats]
            for fact in firsts:
                wider = [
                    other
                    for other in firsts
                    if other is not fact
                    and other.kind == fact.kind
                    and other.measure == fact.measure
                    and other.values.get("direction") == fact.values.get("direction")
                    and other.values.get("of", 0) > fact.values.get("of", 0)
                ]
                if wider:
                    fact.repeats = max(wider, key=lambda other: other.values["of"]).id


def _same_crowd(against: list[Any]) -> None:
    """An area that is a district and a county at once (a unitary authority) rises against
    the same country twice; keep the comparison at its own level."""
    crowds: dict[tuple, list[Any]] = {}
    for fact in against:
        crowd = (fact.measure, fact.values.get("group_code"), fact.values.get("direction"))
        crowds.setdefault(crowd, []).append(fact)
    _keep_own_level(crowds.values())


def _same_place(ranked: list[Any]) -> None:
    """Among rankings of one area that hold the same place among the same group of areas,
    keep the one at the area's own level (or the first) and mark the others."""
    places: dict[tuple, list[Any]] = {}
    for fact in ranked:
        v = fact.values
        place = (fact.kind, fact.measure, v.get("group_code"), v.get("of"), v.get("position"),
                 v.get("direction"))  # fmt: skip
        places.setdefault(place, []).append(fact)
    _keep_own_level(places.values())


def _keep_own_level(groups: Iterable[list[Any]]) -> None:
    """In each group of facts that say the same thing, keep the one counted at its area's own
    level (or the first by id) and mark the others as repeating it."""
    for same in groups:
        if len(same) > 1:
            same.sort(
                key=lambda fact: (fact.values.get("peer_level") != fact.subject.type, fact.id)
            )
            for fact in same[1:]:
                fact.repeats = same[0].id


def choose_lede(facts: dict, allowed: tuple[str, ...] = ()) -> str | None:
    """The key of the strongest fact allowed to lead; on equal scores, the earlier kind wins.
    A fact that repeats another never leads, nor one of a kind in ``NEVER_LEADS``.

    ``facts`` maps keys to objects with ``kind`` and ``score`` (and optionally ``repeats``).

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
        if (not allowed or fact.kind in order)
        and not getattr(fact, "repeats", None)
        and fact.kind not in NEVER_LEADS
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
