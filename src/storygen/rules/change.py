"""Change: a measure now against the same measure a period earlier, for every area.

Besides the two figures, a change fact carries the numbers the words come from: the ratio
(``doubled`` is a ratio of 2, ``halved`` of 0.5; templates turn the pair of figures into
words with ``change_words``), the multiple either way (2.5 for a rise to 2.5 times or a fall
to two-fifths) and the streak: how many periods running the measure has moved this way
("rising for the fourth week running" is a streak of 4).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from storygen.rules.against_trend import majority, trend_way
from storygen.rules.base import Rule, RuleContext, figure, register, require_keys

STREAK_PERIODS = 26  # how far back a streak is followed


@register
class Change(Rule):
    kind = "change"
    example = (
        "Swale's rate fell from 652.3 to 563.7 in a week, a fall of 13.6%; "
        "Medway's has risen for the 10th week running."
    )

    def validate(self, context: RuleContext) -> None:
        require_keys(context.config, {"measures"}, self.kind)
        super().validate(context)

    def run(self, context: RuleContext) -> pd.DataFrame:
        frames = []
        areas = context.panel.areas
        for measure in context.measures():
            history = context.history(measure, STREAK_PERIODS)
            shown = context.shown(measure, history.to_numpy(dtype="float64"))
            now = history.iloc[:, -1]
            before = history.iloc[:, -2]
            streak, streak_from = _streaks(shown, history.columns)
            frame = pd.DataFrame(
                {
                    "area": areas.index,
                    "key": f"change.{measure}",
                    "measure": measure,
                    "value": now.reindex(areas.index).to_numpy(),
                    "previous": before.reindex(areas.index).to_numpy(),
                    "previous_date": context.previous.date().isoformat(),
                    "shown_change": shown[:, -1] - shown[:, -2],
                    "streak": streak,
                    "streak_from": streak_from,
                    "surprise": context.surprise(measure).reindex(areas.index).to_numpy(),
                }
            ).dropna(subset=["value", "previous"])
            frame["change"] = frame["value"] - frame["previous"]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = frame["value"] / frame["previous"]
            frame["ratio"] = ratio.where(frame["previous"] > 0)
            frame["multiple"] = np.maximum(frame["ratio"], 1 / frame["ratio"]).where(
                frame["value"] > 0
            )
            frame["pct_change"] = (frame["ratio"] - 1) * 100
            frame["direction"] = np.sign(frame.pop("shown_change")).map(
                {1.0: "up", -1.0: "down", 0.0: "same"}
            )
            national = _national_direction(context, frame)
            frame["against_trend"] = (
                (national is not None)
                & (frame["direction"] != national)
                & (frame["direction"] != "same")
            )
            frame["source_from"] = context.previous.date().isoformat()
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def describe(self, fact: Any) -> str:
        v = fact.values
        moved = {"up": "up from", "down": "down from", "same": "unchanged from"}[v["direction"]]
        text = f"{figure(fact.value)}, {moved} {figure(v['previous'])}"
        if v.get("pct_change") is not None and np.isfinite(v["pct_change"]):
            text += f" ({v['pct_change']:+.1f}%)"
        if v["streak"] >= 2:
            text += f", {v['direction']} {v['streak']} periods running"
        return text

    def arithmetic(self, row: dict[str, Any]) -> str:
        return (
            f"{row['measure']} {row['value']:.4f} on the as-of date minus "
            f"{row['previous']:.4f} on {row['previous_date']} = {row['change']:.4f}; "
            f"ratio {row['value']:.4f} / {row['previous']:.4f}"
        )


def _streaks(shown: np.ndarray, dates: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """How many comparisons running, to the latest, moved the way the latest one did, and the
    date the run started from (an unchanged latest figure has no streak).

    >>> dates = pd.date_range("2020-11-04", periods=4, freq="7D")
    >>> streak, since = _streaks(np.array([[1.0, 2, 3, 4], [5, 4, 6, 7], [3, 3, 3, 3]]), dates)
    >>> streak.tolist(), since.tolist()
    ([3, 2, 0], ['2020-11-04', '2020-11-11', None])
    """
    with np.errstate(invalid="ignore"):
        moves = np.sign(np.diff(shown, axis=1))[:, ::-1]  # latest comparison first
    latest = moves[:, :1]
    same_way = (moves == latest) & (latest != 0)
    streak = np.where(same_way.all(axis=1), same_way.shape[1], same_way.argmin(axis=1))
    start = len(dates) - 1 - streak
    since = np.where(streak > 0, dates[start].strftime("%Y-%m-%d").to_numpy(), None)
    return streak.astype(int), since


def _national_direction(context: RuleContext, frame: pd.DataFrame) -> str | None:
    """Which way the areas at the most local level moved, up or down, where more than the
    narrative's ``against_trend`` majority (by default half) of those that moved did; None
    where no way carried it, so no area goes against a trend. Areas whose figure held take
    no part (many hospitals have no Covid-19 patients week after week)."""
    local = (
        context.panel.areas["level"].reindex(frame["area"]).to_numpy() == context.panel.levels[0]
    )
    directions = frame.loc[local, "direction"]
    up, down = int((directions == "up").sum()), int((directions == "down").sum())
    return trend_way(up, down, up + down, majority(context.narrative.facts.get("against_trend")))
