"""The check of one sentence: which area each figure is about, what backs it, and whether
its rankings are counted where and among as many areas as the copy says.

A figure is about the nearest area named before it in its sentence, unless that name is
where a ranking is counted ("the 12 council areas in Kent", "the highest rate in England")
or an area named in passing whose figure follows in its own clause ("behind only Thanet
(472.1)"); with no such name it is about the story's own area (a roundup: any area of its
patch). A count of areas ("295 of the 315 council areas") may come from any fact.
"""

from __future__ import annotations

import re
from typing import Any

from storygen.verify.directions import CLAUSE_BREAK, check_directions
from storygen.verify.evidence import Backing, Evidence
from storygen.verify.figures import Figure, find
from storygen.verify.match import ALL, candidates, unbacked
from storygen.verify.names import Mention
from storygen.verify.results import CheckedFigure, Problem

_GROUP_PREPOSITION = re.compile(r"\b(?:in|of|among|within)\s+(?:the\s+)?$", re.IGNORECASE)
_RANKING_CUE = re.compile(
    r"\b(?:highest|lowest|largest|smallest|biggest|\d+(?:st|nd|rd|th)|first|second|third|"
    r"any|areas?|regions?|authorit(?:y|ies)|trusts?|count(?:y|ies)|districts?|"
    r"neighbourhoods?|councils?|ranked|ranks?)\b",
    re.IGNORECASE,
)
_PASSING_BREAK = re.compile(r"[,;:\u2013\u2014]|\s-\s")
# a verb between a superlative and a place: "the highest rates remain in Dover" names
# where the figures are, not the group a ranking is counted in
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|remain|remains|remained|came|come|comes|stay|stays|"
    r"stayed|sit|sits|sat|lie|lies|lay)\b",
    re.IGNORECASE,
)


class Sentence:
    """Checks the figures of one sentence."""

    def __init__(
        self, backing: Backing, story: dict[str, Any], masked: str, text: str, offset: int
    ) -> None:
        self.backing = backing
        self.story = story
        self.masked = masked
        self.text = text
        self.offset = offset
        self.figures: list[CheckedFigure] = []
        self.problems: list[Problem] = []

    def run(self, mentions: list[Mention], field_name: str, index: int | None, where: str) -> None:
        self.where = where
        default = (
            frozenset({self.story["area_code"]})
            if self.story.get("kind") == "area" and self.story.get("area_code")
            else frozenset({ALL})
        )
        subjects = [
            m
            for m in mentions
            if m.codes and not (m.group and self._is_group(m.start - self.offset))
        ]
        self.subjects, self.default = subjects, default
        for figure in find(self.masked):
            scope = self.scope(subjects, figure) or default
            checked = CheckedFigure(
                where,
                field_name,
                index,
                figure.start + self.offset,
                figure.end + self.offset,
                figure,
            )
            checked.evidence, checked.problem = self._back(figure, scope)
            self.figures.append(checked)
        self._check_rankings(mentions)
        for checked in self.figures:
            if checked.problem:
                self.problem(checked.figure.text, checked.problem)
        check_directions(self)

    def scope(self, subjects: list[Mention], figure: Figure) -> frozenset[str] | None:
        """The areas named last before ``figure``; a name in passing reaches to the end of
        its clause only ("behind only Thanet (472.1), and ...")."""
        for mention in reversed(subjects):
            end = mention.end - self.offset
            if end > figure.start:
                continue
            if mention.passing and _PASSING_BREAK.search(self.masked[end : figure.start]):
                continue
            return mention.codes
        return None

    def problem(self, text: str, reason: str) -> None:
        self.problems.append(Problem(self.where, self.text.strip(), text, reason))

    def _is_group(self, start: int) -> bool:
        """A name where a ranking is counted: "of the 12 council areas in Kent"."""
        before = self.masked[:start]
        clause = CLAUSE_BREAK.split(before)[-1]
        return bool(_GROUP_PREPOSITION.search(before)) and bool(_RANKING_CUE.search(clause))

    # -- backing ----------------------------------------------------------------------

    def _back(self, figure: Figure, scope: frozenset[str]) -> tuple[list[Evidence], str | None]:
        if figure.unit == "areas":  # "295 of the 315 council areas": a group's count, any fact's
            scope = frozenset({ALL})
        found = candidates(self.backing, figure)
        inside = [e for e in found if e.area is None or ALL in scope or e.area in scope]
        if inside:
            return inside, None
        if found:
            owners = sorted({self.backing.area_name(e.area) for e in found})
            wanted = " or ".join(sorted({self.backing.area_name(c) for c in scope}))
            return [], f"is a figure of {', '.join(owners)}, not of {wanted}"
        return [], unbacked(self.backing, figure, scope)

    # -- rankings ---------------------------------------------------------------------

    def _check_rankings(self, mentions: list[Mention]) -> None:
        """A place in a ranking must be counted where the copy says ("the third-highest ...
        in the South East") and among as many areas as it says ("of the 67 council areas")."""
        for position, checked in enumerate(self.figures):
            figure = checked.figure
            ranking = figure.kind == "ordinal" or (
                figure.kind == "superlative" and figure.unit != "record"
            )
            if not ranking or not checked.evidence:
                continue
            end = figure.end
            limit = _PASSING_BREAK.search(self.masked, end)
            stop = limit.start() if limit else len(self.masked)
            group = next(
                (
                    m
                    for m in mentions
                    if end <= m.start - self.offset < stop
                    and m.codes
                    and _GROUP_PREPOSITION.search(self.masked[: m.start - self.offset])
                    and not _VERB.search(self.masked[end : m.start - self.offset])
                ),
                None,
            )
            if group is not None:
                kept = [e for e in checked.evidence if group.group and self._counted_in(e, group)]
                if not kept:
                    checked.problem = f"is not a place counted in {group.name}"
                    checked.evidence = []
                    continue
                checked.evidence = kept
            facts = {e.fact for e in checked.evidence}
            if None in facts:
                continue
            for other in self.figures[position + 1 :]:
                if other.start - self.offset >= stop:
                    break
                groups = {e.fact for e in other.evidence if e.key == "values.of"}
                if groups and not groups & facts:
                    other.problem = f"is not the number of areas {figure.text!r} is counted among"
                    other.evidence = []

    def _counted_in(self, evidence: Evidence, group: Mention) -> bool:
        if evidence.fact is None:  # a place among the story's own areas: its patch
            return ALL in group.codes
        values = self.backing.facts[evidence.fact].get("values") or {}
        return values.get("group_code") in group.codes or values.get("group_name") == group.name

    # -- directions -------------------------------------------------------------------
