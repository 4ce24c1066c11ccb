"""The check of one sentence: which area each figure is about, what backs it, and whether
its rankings are counted where and among as many areas as the copy says.

A figure is about the nearest area named before it in its sentence, unless that name is
where a ranking is counted ("the 12 council areas in Kent", "the highest rate in England")
or an area named in passing whose figure follows in its own clause ("behind only Thanet
(472.1)"); with no such name it is about the story's own area (a roundup: any area of its
patch). A count of areas ("295 of the 315 council areas") may come from any fact, but both
figures of such a pair from the same one: the group it counts (and, when the copy names it,
"in England", that group), and any later count of the sentence ("and rose in only 19") too.
The area named after a place ("the second-highest ..., behind only Thanet") must be the one its
ranking has ahead of it.
"""

from __future__ import annotations

import re
from typing import Any

from storygen.style.grammar import names_in_copy
from storygen.verify.directions import (
    CLAUSE_BREAK,
    check_directions,
    check_earlier,
    clause_of,
    ways_said,
)
from storygen.verify.evidence import Backing, Evidence, counts_areas, key_way
from storygen.verify.figures import Figure, find
from storygen.verify.match import ALL, AREA_COUNT_KEY, candidates, lines, unbacked
from storygen.verify.names import AHEAD, Mention
from storygen.verify.results import CheckedFigure, Problem

# "of the 14 neighbourhoods in Dover", "on the Isle of Wight": the group a count is of
_GROUP_PREPOSITION = re.compile(r"\b(?:in|on|of|among|within)\s+(?:the\s+)?$", re.IGNORECASE)
_RANKING_CUE = re.compile(
    r"\b(?:highest|lowest|largest|smallest|biggest|\d+(?:st|nd|rd|th)|first|second|third|"
    r"any|areas?|regions?|authorit(?:y|ies)|trusts?|hospitals?|count(?:y|ies)|districts?|"
    r"neighbou?rhoods?|councils?|ranked|ranks?)\b",
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
_LOCATOR = re.compile(r"^,?\s+(?:in|on)\s+(?:the\s+)?$")
# "the seven days to November 25", "the week to": a window figures are summed over
_WINDOW_AFTER = re.compile(r"[-\s](?:days?|weeks?)\s+(?:to|ending)\b", re.IGNORECASE)
_WINDOW_KEY = re.compile(r"window|provenance\.dates")
# "only seven neighbourhoods had a higher rate": how many are ahead of a place, counted in
# the area named after "Across" where there is one ("Across the South East, only seven ...")
_HIGHER_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}?had\s+(?:a\s+)?higher\b")
_ACROSS_BEFORE = re.compile(r"\bacross\s+(?:the\s+)?$", re.IGNORECASE)
# "the three trusts with figures for both weeks": the areas a week's change is counted in;
# after "all" ("rose in all four ..."), also how many went that way
_ALL_BEFORE = re.compile(r"\ball\s+$", re.IGNORECASE)
_BOTH_WEEKS_AFTER = re.compile(
    r"\s+(?:(?!of\b)[A-Za-z-]+\s+){0,4}?with\s+figures\s+for\s+both\s+weeks\b"
)
# "compares with 7.7% across England": a figure of the area named right after it
_ACROSS = re.compile(r"^\s+across\s+(?:the\s+)?$")
_EACH = re.compile(r"\beach\b", re.IGNORECASE)  # "in each district of Kent": counted in each
# "295 of the 315 council areas": a count and the size of the group it is counted in
_COUNT_OF = re.compile(r"^\s+of\s+(?:the\s+)?$")
# "of the 315 council areas in England": where the group is
_GROUP_AFTER = re.compile(r"^[\w\s-]*?\bin\s+(?:the\s+)?$")
# "the third-highest rate of the 19 counties": the size of the ranking's group
_RANK_OF = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?of\s+(?:the\s+)?$")
_GROUP_SIZE_KEY = re.compile(r"^values\.(?:of|of_all)$|^areas\.[^.]+$")
_NOUN_AFTER = re.compile(
    r"\s+(?:new\s+)?([a-z]+)\b(?!\s+per\b)"
)  # "24 new cases", not "24 cases per"
_FOR_BEFORE = re.compile(r"\bfor\s+$")  # "lowest for at least 19 weeks"
_IN_BEFORE = re.compile(r"\bin\s+(?:only\s+|just\s+)?$")  # "and rose in only 19"
_OF_THE = re.compile(r"\bof\s+the\s+$")  # "one of the 13": the group a count is of
# "it fell in 12 of the 13 with figures": the group a count is of, with no noun after it
_OF_A_COUNT = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|none)\s+of\s+the\s+$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:it|its)\b", re.IGNORECASE)
# a verb between a superlative and a place: "the highest rates remain in Dover" names
# where the figures are, not the group a ranking is counted in
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|remain|remains|remained|came|come|comes|stay|stays|"
    r"stayed|sit|sits|sat|lie|lies|lay)\b",
    re.IGNORECASE,
)


# "behind only Thanet", "second only to the South East": the area ahead of a place follows
_AHEAD_OF = re.compile(r"\b(?:behind only|second only to)\s+(?:the\s+)?")
# where a name in copy ends: at punctuation, the end of the sentence, or a word in lower case
# ("behind only Thanet in the week ending January 9")
_NAME_END = re.compile(r"\s*(?:[,;:()]|\.?$)|\s+(?=[a-z])")


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
        self._check_ahead()
        self._check_counts(mentions)
        self._check_record_spans()
        self._check_sides()
        for checked in self.figures:
            if checked.problem:
                self.problem(checked.figure.text, checked.problem)
        check_directions(self)
        check_earlier(self)

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
        after = [  # not the area ahead: "the second-highest ..., behind only Swale"
            m
            for m in subjects
            if m.start - self.offset >= figure.end
            and not AHEAD.search(self.masked, 0, m.start - self.offset)
        ]
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
        in Thanet, had the highest rate"), a name in passing too ("Kingston upon Hull, in
        Yorkshire and the Humber, has the highest rate in England" in a North Yorkshire
        story)."""
        if before is None or not before.codes:
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
        crossed = lines(figure, found)
        if crossed:  # "Carlisle and South Lakeland remain above 100": any area's band edge
            return crossed, None
        if figure.unit in ("day", "week") and _WINDOW_AFTER.match(self.masked, figure.end):
            # "the seven days to November 25" is the window a figure is summed over, not how
            # long an area has been in a band or rising ("days_in_band", "streak_days")
            found = [e for e in found if _WINDOW_KEY.search(e.key)]
        if figure.kind == "number" and _HIGHER_AFTER.match(self.masked, figure.end):
            found = [e for e in found if e.key.endswith(".above")]
            across = self._across_before(figure)  # "Across the South East, only eight ..."
            if across is not None:
                found = [e for e in found if self._ranked_in(e, across)]
        if figure.kind == "number" and _BOTH_WEEKS_AFTER.match(self.masked, figure.end):
            every = _ALL_BEFORE.search(self.masked, 0, figure.start)  # "rose in all four": a tally
            found = [e for e in found if self._compared(e) or (every and key_way(e.key))]
        if figure.kind == "number" and not figure.unit and not self.is_count(figure):
            found = [  # not a count of areas
                e for e in found if e.key.startswith("series.") or not AREA_COUNT_KEY.search(e.key)
            ]
        counted = self._counted(figure)
        if counted:  # "24 new cases": a figure of the measure of cases
            found = [
                e
                for e in found
                if (e.fact is not None and self.backing.facts[e.fact].get("measure") in counted)
                or any(
                    e.key.endswith(f"_{measure}")  # a rate fact's ``hotspot_cases``
                    or e.key.startswith(f"series.measures.{measure}.")  # "fewer than three cases"
                    for measure in counted
                )
            ]
        inside = [e for e in found if e.area is None or ALL in scope or e.area in scope]
        if inside:
            return inside, None
        if found:
            owners = sorted({self.backing.area_name(e.area) for e in found})
            wanted = " or ".join(sorted({self.backing.area_name(c) for c in scope}))
            return [], f"is a figure of {', '.join(owners)}, not of {wanted}"
        return [], unbacked(self.backing, figure, scope)

    def _across_before(self, figure: Figure) -> frozenset[str] | None:
        """The areas of "Across the South East," before ``figure``: where it is counted."""
        for mention in reversed(self.subjects):
            start = mention.start - self.offset
            if start < figure.start and _ACROSS_BEFORE.search(self.masked, 0, start):
                return mention.codes
        return None

    def _ranked_in(self, evidence: Evidence, group: frozenset[str]) -> bool:
        """Whether a place's ``evidence`` is counted among the areas of ``group``: a ranking
        of that group's, or a hotspot's place among every area of its file."""
        if evidence.key == "values.overall_position.above" or ALL in group:
            return True
        if evidence.fact is None:
            return False
        values = self.backing.facts[evidence.fact].get("values") or {}
        return values.get("group_code") in group

    def _compared(self, evidence: Evidence) -> bool:
        """Whether ``evidence`` counts the areas with a week's change: the story's own
        (``areas.<level>.<measure>.compared``) or those a count of rises and falls is of."""
        if evidence.key.endswith(".compared"):
            return True
        return (
            evidence.key == "values.of"
            and evidence.fact is not None
            and self.backing.facts[evidence.fact].get("kind") == "against_trend"
        )

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
                size = other.figure.unit == "areas" and _RANK_OF.match(
                    self.masked[figure.end : other.start - self.offset]
                )  # "the third-highest of the 19 counties": 19 is the ranking's group
                if (size or groups) and not groups & facts:
                    other.problem = f"is not the number of areas {figure.text!r} is counted among"
                    other.evidence = []

    def _check_ahead(self) -> None:
        """ "the second-highest ..., behind only Thanet": the area named must be the one the
        ranking's fact has ahead of it, whether or not the story knows its name otherwise."""
        for match in _AHEAD_OF.finditer(self.text):
            before = [
                c
                for c in self.figures
                if c.end - self.offset <= match.start()
                and c.figure.kind in ("ordinal", "superlative")
                and c.evidence
            ]
            if not before:
                continue
            facts = {e.fact for e in before[-1].evidence}
            if None in facts:
                continue  # a place among the story's own areas: no fact names the one ahead
            ahead = {
                name
                for n in facts
                for name in _names_of((self.backing.facts[n].get("values") or {}).get("ahead_name"))
            }
            rest = self.text[match.end() :]
            if any(rest.startswith(name) and _NAME_END.match(rest, len(name)) for name in ahead):
                continue
            end = _NAME_END.search(rest)
            named = rest[: end.start() if end else len(rest)].strip()
            shown = " or ".join(sorted(ahead)) or "no area"
            self.problems.append(
                Problem(
                    self.where,
                    self.text.strip(),
                    named,
                    f"is not the area ahead in that ranking (the facts have {shown})",
                )
            )

    def _check_counts(self, mentions: list[Mention]) -> None:
        """ "295 of the 315 council areas in England": both figures from one fact's counts
        (or both from the story's own areas), of the group named after them; a later count
        of the sentence ("and rose in only 19") from that fact too."""
        for checked in self.figures:  # "the 13 council areas in Kent and Medway"
            group = self._group_after(mentions, checked) if checked.evidence else None
            if checked.figure.unit == "areas" and group is not None:
                checked.evidence = [
                    e for e in checked.evidence if self._source_in(_source(e), group)
                ]
                if not checked.evidence:
                    checked.problem = f"is not a count of areas in {group.name}"
        counts = [c for c in self.figures if self.is_count(c.figure) and c.evidence]
        pairs = [
            (part, whole)
            for part, whole in zip(counts, counts[1:], strict=False)
            if _COUNT_OF.match(self.masked[part.end - self.offset : whole.start - self.offset])
        ]
        if not pairs:
            return
        sources: set[Any] = set()
        paired = set()
        for part, whole in pairs:
            paired |= {id(part), id(whole)}
            tallies = [e for e in part.evidence if key_way(e.key)]
            if tallies and self._says_a_way(part):  # "rose in 19 of the 67": 19 rose
                part.evidence = tallies
            common = {_source(e) for e in part.evidence} & {
                _source(e) for e in whole.evidence if _GROUP_SIZE_KEY.match(e.key)
            }
            group = self._group_after(mentions, whole)
            if group is not None:
                common = {s for s in common if self._source_in(s, group)}
            if not common:
                where = f" in {group.name}" if group is not None else ""
                text = self.text[part.start - self.offset : whole.end - self.offset]
                self.problem(text, f"is not a count the facts give of one group{where}")
                part.evidence = whole.evidence = []
                continue
            part.evidence = [e for e in part.evidence if _source(e) in common]
            whole.evidence = [e for e in whole.evidence if _source(e) in common]
            sources |= common
        for checked in self.figures:
            if not self.is_count(checked.figure) or not checked.evidence:
                continue
            if id(checked) in paired or checked.start < pairs[0][0].start:
                continue
            kept = [e for e in checked.evidence if _source(e) in sources]
            if not kept:
                checked.problem = "is not a count of the group the sentence counts"
            checked.evidence = kept

    def _says_a_way(self, checked: CheckedFigure) -> bool:
        """Whether the clause of ``checked`` says which way figures went ("rose", "had more
        ... than a week earlier"): a count in it is of the areas that went that way."""
        return bool(ways_said(self.masked, *clause_of(self.masked, checked.start - self.offset)))

    def _counted(self, figure: Figure) -> tuple[str, ...]:
        """The measures a number followed by their noun may count: "24 new cases" counts
        cases; none where no noun follows."""
        if figure.kind != "number" or figure.unit or not self.backing.nouns:
            return ()
        after = _NOUN_AFTER.match(self.masked, figure.end)
        if after is None:
            return ()
        word = after.group(1).lower()
        for noun, measures in self.backing.nouns.items():
            if word in (noun, noun + "s", noun + "es"):
                return measures
        return ()

    def _check_record_spans(self) -> None:
        """ "at their lowest for at least 19 weeks": a span after a record is how long the
        record reaches back, not any span of the facts (a streak, a window)."""
        record = False
        for checked in self.figures:
            figure = checked.figure
            if figure.kind == "superlative" and figure.unit == "record":
                record = True
            elif (
                record
                and figure.unit in ("day", "week")
                and checked.evidence
                and _FOR_BEFORE.search(self.masked, 0, figure.start)
            ):
                checked.evidence = [
                    e
                    for e in checked.evidence
                    if e.fact is not None and self.backing.facts[e.fact].get("kind") == "record"
                ]
                if not checked.evidence:
                    checked.problem = "is not how far back a record of the facts reaches"

    def _check_sides(self) -> None:
        """ "Preston (142.5) and South Ribble (116.4) remain above 100": in a sentence that
        puts areas above or below a line (a target, a band's edge), each area's figure of
        the line's measure is on that side of it (or on it)."""
        for line in self.figures:
            mark = line.figure.value
            if mark is None or not lines(line.figure, line.evidence):
                continue
            above = line.figure.qualifier in ("more than", "at least")
            measures = {self._measure(e) for e in line.evidence}
            for checked in self.figures:
                figure = checked.figure
                if (
                    checked is line
                    or checked.problem
                    or figure.kind != "number"
                    or figure.qualifier
                    or figure.value is None
                    or self.is_count(figure)
                    or not any(
                        self._current(e) and self._measure(e) in measures for e in checked.evidence
                    )
                ):
                    continue
                if figure.value < mark if above else figure.value > mark:
                    side = "above" if above else "below"
                    checked.problem = (
                        f"is not {side} {line.figure.text.split()[-1]}, as its sentence says"
                    )

    def _current(self, evidence: Evidence) -> bool:
        """Whether ``evidence`` is an area's own figure for the fact's date, not a count of
        areas (a band count's value is how many are in the top band)."""
        if evidence.key != "value" or evidence.fact is None:
            return False
        return not counts_areas(self.backing.facts[evidence.fact])

    def _measure(self, evidence: Evidence) -> Any:
        return None if evidence.fact is None else self.backing.facts[evidence.fact].get("measure")

    def is_count(self, figure: Figure) -> bool:
        """Whether a figure counts areas: "12 council areas", "rose in only 19" after one,
        or "the 13" a count is of ("fell in 12 of the 13 with figures")."""
        if figure.unit == "areas":
            return True
        return (
            figure.kind == "number"
            and not figure.unit
            and figure.places == 0
            and bool(
                _IN_BEFORE.search(self.masked, 0, figure.start)
                or _OF_A_COUNT.search(self.masked, 0, figure.start)
            )
        )

    def is_group_size(self, figure: Figure) -> bool:
        """Whether a figure is the size of the group a count is of: "the 13" in "one of the
        13 neighbourhoods" or "12 of the 13"."""
        return self.is_count(figure) and bool(_OF_THE.search(self.masked, 0, figure.start))

    def _group_after(self, mentions: list[Mention], whole: CheckedFigure) -> Mention | None:
        end = whole.end - self.offset
        for mention in mentions:
            start = mention.start - self.offset
            if start < end or not mention.codes:
                continue
            between = self.masked[end:start]
            if CLAUSE_BREAK.search(between) or not _GROUP_AFTER.match(between):
                return None
            return mention
        return None

    def _source_in(self, source: Any, group: Mention) -> bool:
        """Whether a count's source counts the areas of ``group``: its group is the one
        named, or, for a fact with no group, the fact is about that area."""
        if self._in_group(source, group):
            return True
        if not isinstance(source, int):
            return False
        fact = self.backing.facts[source]
        values = fact.get("values") or {}
        return (
            not values.get("group_code") and (fact.get("subject") or {}).get("code") in group.codes
        )

    def _counted_in(self, evidence: Evidence, group: Mention) -> bool:
        return self._in_group(_source(evidence), group)

    def _in_group(self, source: Any, group: Mention) -> bool:
        """Whether the fact ``source`` (or the story's own areas) is counted in ``group``."""
        if not isinstance(source, int):  # the story's own areas: its patch
            return ALL in group.codes
        values = self.backing.facts[source].get("values") or {}
        return values.get("group_code") in group.codes or values.get("group_name") == group.name

    # -- directions -------------------------------------------------------------------


def _names_of(name: Any) -> tuple[str, ...]:
    """The ways copy may write an area's name ("Bristol, City of" as "Bristol")."""
    return names_in_copy(name) if isinstance(name, str) and name else ()


def _source(evidence: Evidence) -> Any:
    """Which fact a count comes from; for the story's own areas, the level it counts."""
    if evidence.fact is not None:
        return evidence.fact
    return ("areas", evidence.key.split(".")[1] if evidence.key.startswith("areas.") else "")
