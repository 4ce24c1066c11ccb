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
# "Gravesham's highest", "Kent's second-highest": the possessive names where it is counted
_POSSESSIVE_RANKING = re.compile(
    r"['\u2019]s?\s+(?:joint\s+)?(?:[\w]+[-\s])?(?:highest|lowest|largest|smallest|biggest)\b"
)
_POSSESSIVE_BEFORE = re.compile(r"^['\u2019]s?\s+$")
# "Cliftonville Sands in Thanet", "Hull, in Yorkshire and the Humber,": a name that only
# locates the name before it
_LOCATOR = re.compile(r"^,?\s+in\s+(?:the\s+)?$")
# "compares with 7.7% across England": a figure of the area named right after it
_ACROSS = re.compile(r"^\s+across\s+(?:the\s+)?$")
_EACH = re.compile(r"\beach\b", re.IGNORECASE)  # "in each district of Kent": counted in each
_PRONOUN = re.compile(r"\b(?:it|its)\b", re.IGNORECASE)
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
        self,
        backing: Backing,
        story: dict[str, Any],
        masked: str,
        text: str,
        offset: int,
        carried: frozenset[str] | None = None,
    ) -> None:
        self.backing = backing
        self.story = story
        self.masked = masked
        self.text = text
        self.offset = offset
        self.carried = carried  # the area the sentence before was about, for "it" and "its"
        self.last: frozenset[str] | None = None  # the area this sentence is about
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
            for position, m in enumerate(mentions)
            if m.codes
            and not (m.group and self._is_group(m))
            and not self._locates(mentions[position - 1] if position else None, m)
        ]
        if (
            not [m for m in subjects if not m.passing]
            and self.carried
            and _PRONOUN.search(self.masked)
        ):  # "Its rate more than doubled": the area the sentence before was about
            default = self.carried
        self.subjects, self.default = subjects, default
        named = [m for m in subjects if not m.passing]
        self.last = named[0].codes if named else default  # its subject: the first named
        for figure in find(self.masked):
            scope = self.scope(subjects, figure) or self._named_after(subjects, figure) or default
            scope = scope | self._across(mentions, figure)
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

    def _named_after(self, subjects: list[Mention], figure: Figure) -> frozenset[str] | None:
        """A ranking with no area named before it is about the area named after it: "the
        highest rate in Medway was in Rainham South West"."""
        if figure.kind not in ("ordinal", "superlative") or ALL in self.default:
            return None
        after = [m for m in subjects if m.start - self.offset >= figure.end]
        return after[0].codes if after else None

    def _across(self, mentions: list[Mention], figure: Figure) -> frozenset[str]:
        """ "compares with 7.7% across England": England's figure is in scope."""
        for mention in mentions:
            start = mention.start - self.offset
            if start >= figure.end and mention.codes:
                if _ACROSS.match(self.masked[figure.end : start]):
                    return mention.codes
                break
        return frozenset()

    def _locates(self, before: Mention | None, mention: Mention) -> bool:
        """Whether ``mention`` only says where the name before it is ("Cliftonville Sands,
        in Thanet, had the highest rate")."""
        if before is None or not before.codes or before.passing:
            return False
        between = self.masked[before.end - self.offset : mention.start - self.offset]
        return bool(_LOCATOR.match(between))

    def problem(self, text: str, reason: str) -> None:
        self.problems.append(Problem(self.where, self.text.strip(), text, reason))

    def _is_group(self, mention: Mention) -> bool:
        """A name where a ranking is counted: "of the 12 council areas in Kent", "Gravesham's
        highest"."""
        start = mention.start - self.offset
        if _POSSESSIVE_RANKING.match(self.masked, mention.end - self.offset):
            return True
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
            group = (
                next(
                    (
                        m
                        for m in mentions
                        if end <= m.start - self.offset < stop
                        and m.codes
                        and _GROUP_PREPOSITION.search(self.masked[: m.start - self.offset])
                        and not _VERB.search(self.masked[end : m.start - self.offset])
                        and not _EACH.search(self.masked[end : m.start - self.offset])
                    ),
                    None,
                )
                or next(  # "Gravesham's highest": counted in Gravesham
                    (
                        m
                        for m in mentions
                        if m.group
                        and m.end - self.offset <= figure.start
                        and _POSSESSIVE_BEFORE.match(
                            self.masked[m.end - self.offset : figure.start]
                        )
                    ),
                    None,
                )
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
