"""Earlier peak: the figure now against the highest it reached in an earlier period the
narrative names (a wave, a lockdown), for every area.

``periods: [{name: autumn-2020, label: the autumn peak, start: 2020-09-01, end: 2020-11-30}]``.
A period counts only once it has ended before the as-of date. The fact carries the peak, its
date and the ratio of now to it (``on_edge`` when the highest figure fell on the period's first
or last day, so that it is the highest in the period rather than a turning point); ``multiple`` is the larger figure over the smaller, so a
template writes "almost twice the peak of 1,140 on April 10" with ``value|multiple(peak)``.
``wider_above`` says the country is above its own peak too, so the area only follows it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.base import Rule, RuleContext, figure, register, require_keys, surprise
from storygen.text import slug


@register
class EarlierPeak(Rule):
    kind = "earlier_peak"
    example = (
        "East Kent Hospitals has 364 Covid patients, more than twice the autumn's highest, "
        "173 on November 30."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures", "periods"}, self.kind)
        super().validate(context)
        periods = context.config.get("periods")
        if not isinstance(periods, list) or not periods:
            raise ValueError("earlier_peak facts need periods: [{name, start, end, label}]")
        for period in periods:
            _period(period)

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        for raw in context.config["periods"]:
            period = _period(raw)
            if period["end"] >= context.as_of:
                continue  # not over yet: its peak may still be to come
            for measure in context.measures():
                frames.append(_against_peak(context, measure, period))
        frames = [frame for frame in frames if not frame.empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def describe(self, fact: Any) -> str:
        v = fact.values
        way = "above" if v["above"] else "below"
        return (
            f"{figure(fact.value)}, {v['ratio']:.2f} times {v['period_label']} "
            f"({figure(v['peak'])} on {v['peak_date']}), {way} it"
        )

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"{row['measure']} {row['value']} divided by the highest value from "
            f"{row['period_start']} to {row['period_end']}, {row['peak']} on {row['peak_date']}"
        )


def _period(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not {"name", "start", "end"} <= set(raw):
        raise ValueError("each period needs name, start and end (and optionally label)")
    unknown = set(raw) - {"name", "start", "end", "label"}
    if unknown:
        raise ValueError(f"period {raw['name']!r} has unknown key(s) {sorted(unknown)}")
    if slug(str(raw["name"])) != str(raw["name"]):
        raise ValueError(f"period name {raw['name']!r} must be lower case with hyphens")
    try:
        start = pd.Timestamp(date.fromisoformat(str(raw["start"])))
        end = pd.Timestamp(date.fromisoformat(str(raw["end"])))
    except ValueError as error:
        raise ValueError(f"period {raw['name']!r}: dates must be YYYY-MM-DD ({error})") from None
    if end < start:
        raise ValueError(f"period {raw['name']!r} ends before it starts")
    return {
        "name": raw["name"],
        "label": str(raw.get("label", f"the peak of {raw['name']}")),
        "start": start,
        "end": end,
    }


def _against_peak(context: RuleContext, measure: str, period: dict[str, Any]) -> pd.DataFrame:
    matrix = context.panel.measures[measure]
    window = matrix.loc[:, period["start"] : period["end"]]
    if window.shape[1] == 0:
        return pd.DataFrame()
    values = context.shown(measure, window.to_numpy(dtype="float64"))
    seen = ~np.isnan(values).all(axis=1)
    best = np.argmax(np.where(np.isnan(values), -np.inf, values), axis=1)
    peak = values[np.arange(len(values)), best]
    now = context.shown(measure, context.at(measure, context.as_of)).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(peak > 0, now / peak, np.nan)
        multiple = np.where(ratio > 0, np.maximum(ratio, 1 / ratio), np.nan)
    frame = pd.DataFrame(
        {
            "area": matrix.index,
            "key": f"earlier_peak.{measure}.{period['name']}",
            "measure": measure,
            "value": now,
            "peak": peak,
            "peak_date": window.columns[best].strftime("%Y-%m-%d"),
            "ratio": ratio,
            "multiple": multiple,
            "above": now > peak,
            # highest on the period's first or last day: the period cut a rise or fall short,
            # so it is the highest in the period rather than a peak
            "on_edge": (best == 0) | (best == window.shape[1] - 1),
            "period": period["name"],
            "period_label": period["label"],
            "period_start": period["start"].date().isoformat(),
            "period_end": period["end"].date().isoformat(),
            "source_from": period["start"].date().isoformat(),
        }
    )
    counts = context.counts(measure)
    if counts is not None:  # the count now against the count on the peak day
        in_window = counts.reindex(index=matrix.index, columns=window.columns).to_numpy()
        at_peak = in_window[np.arange(len(best)), best]
        frame["surprise"] = surprise(
            context.at_in(counts.reindex(matrix.index), context.as_of), at_peak
        )
    top = context.panel.levels[-1]
    parent = context.panel.areas[f"{top}_code"].reindex(matrix.index).to_numpy()
    above = pd.Series(frame["above"].to_numpy(), index=matrix.index)
    frame["wider_above"] = above.reindex(parent).fillna(False).to_numpy(dtype=bool) & (
        parent != matrix.index.to_numpy()
    )
    return frame[seen & ~np.isnan(now) & (peak > 0)]
