"""Patch totals: a newsroom's patch added up as one area, for the stories about the patch.

A patch is not an area of the geography, so no rule sees it; its totals are summed here from
the change facts of its most local areas (districts), so that an area counted at two levels
(Kent and its districts) is counted once. A ratio measure (a rate per 100,000) is recomputed
from the summed counts and populations, as the publisher computes it for any area. Each total
is a ``total`` fact, so the fact-check can trace its figures like any other.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from storygen.facts import Fact, Provenance, Subject
from storygen.narrative import Narrative

# An area that gave no figure today (a ``missing`` fact) is left out of a count's total only
# while its last figure is under this share of the total: a community trust's 96 patients
# beside London's 7,332, not East Kent's 353 beside Kent and Medway's 689.
MISSING_SHARE = 0.05


def totals(
    narrative: Narrative,
    areas: pd.DataFrame,
    local_level: str,
    codes: list[str],
    facts: dict[str, dict[str, Fact]],
    *,
    patch_name: str,
    patch_slug: str,
    as_of: str,
) -> list[Fact]:
    """One ``total`` fact per measure for the patch's areas at ``local_level``.

    A measure is left out when any of those areas lacks its change fact (a total of part of a
    patch would mislead) or, for a ratio, when a population is missing. An area with no
    figure a week earlier and none now (a hospital that began reporting with no Covid-19
    patients) adds nothing to either week, so it does not stop a count's total; it does stop
    a ratio's, whose population would count it in one week and not the other. An area that
    gave no figure today (its ``missing`` fact) stops a count's total unless its last figure
    is under ``MISSING_SHARE`` of it; under that, the total is of the others (like for like,
    both weeks without it) and its arithmetic says how many it leaves out. It always stops
    a ratio's.
    """
    local = [code for code in codes if code in areas.index and areas.at[code, f"is_{local_level}"]]
    if not local:
        return []
    sums: dict[str, tuple[float, float]] = {}
    read: dict[str, Provenance | None] = {}  # the rows each sum was read from (its first area's)
    summed: dict[str, int] = {}  # how many areas each sum adds up
    gaps: dict[str, list[Fact]] = {}  # the areas with no figure today each sum leaves out
    for name, measure in narrative.measures.items():
        if measure.ratio is not None:
            continue
        changes = [facts.get(code, {}).get(f"change.{name}") for code in local]
        missing = [facts.get(code, {}).get(f"missing.{name}") for code in local]
        if any(
            change is None and gap is None and not _none_now(facts.get(code, {}), name)
            for code, change, gap in zip(local, changes, missing, strict=True)
        ):
            continue
        added = [change for change in changes if change is not None]
        if not added:
            continue
        now = float(sum(change.value for change in added))
        left_out = [gap for gap in missing if gap is not None]
        if left_out and sum(gap.value for gap in left_out) >= MISSING_SHARE * now:
            continue  # too large a part of the patch to leave out of its total
        summed[name] = len(added)
        gaps[name] = left_out
        read[name] = added[0].provenance
        sums[name] = (now, float(sum(change.values["previous"] for change in added)))
    population = areas.reindex(local).get("population")
    people = float(population.sum()) if population is not None and population.notna().all() else 0
    subject = Subject(f"patch:{patch_slug}", patch_name, "patch")
    found = []
    for name, measure in narrative.measures.items():
        if measure.ratio is None and name in sums:
            source = read[name]
            now, before = sums[name]
            arithmetic = f"sum of {name} over {summed[name]} {local_level} areas"
            silent = len(gaps[name])
            if summed[name] + silent < len(local):
                arithmetic += (
                    f" ({len(local) - summed[name] - silent} more with none now and no figure"
                    " a week earlier add nothing)"
                )
            if silent:
                last = sum(gap.value for gap in gaps[name])
                arithmetic += (
                    f" ({silent} more gave no figure on the day; their last figures, {last:,.0f}"
                    f" in all, under {MISSING_SHARE:.0%} of the sum, are left out of both weeks)"
                )
        elif (
            measure.ratio in sums
            and people > 0
            and summed[measure.ratio] == len(local)
            and not gaps[measure.ratio]
        ):
            source = read[measure.ratio]
            counts = sums[measure.ratio]
            now, before = (round(count / people * measure.per, 6) for count in counts)
            arithmetic = (
                f"sum of {measure.ratio} over {len(local)} {local_level} areas "
                f"/ {people:,.0f} people * {measure.per:,}"
            )
        else:
            continue
        found.append(
            Fact(
                kind="total",
                subject=subject,
                measure=name,
                period_end=as_of,
                value=now,
                values=_change_values(now, before, len(local), people),
                provenance=Provenance(
                    source=source.source if source else narrative.name,
                    path=source.path if source else "",
                    areas=tuple(local),
                    dates=source.dates if source else (as_of, as_of),
                    arithmetic=arithmetic,
                ),
                id=f"total.{name}.patch:{patch_slug}",
            )
        )
    return found


def _none_now(area_facts: dict[str, Fact], measure: str) -> bool:
    """Whether an area's facts give ``measure`` a figure of zero now, and only that.

    >>> rank = Fact("rank", Subject("X1", "Spire Dunedin", "trust"), "patients", "2021-01-04", 0.0)
    >>> _none_now({"rank.patients": rank}, "patients"), _none_now({}, "patients")
    (True, False)
    """
    values = {fact.value for fact in area_facts.values() if fact.measure == measure}
    return values == {0}


def _change_values(now: float, before: float, areas: int, people: float) -> dict[str, Any]:
    """The same figures a change fact carries, so templates treat both alike.

    >>> _change_values(757.0, 1000.0, 13, 1_860_111)["direction"]
    'down'
    """
    direction = "up" if now > before else "down" if now < before else "same"
    ratio = now / before if before > 0 else None
    return {
        "previous": before,
        "change": now - before,
        "direction": direction,
        "ratio": ratio,
        "pct_change": (ratio - 1) * 100 if ratio is not None else None,
        "areas": areas,
        "population": int(people) if people else None,
    }
