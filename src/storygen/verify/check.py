"""The fact-check of one story: every figure in its copy must be backed by one of its facts.

Rules, in the order a sub-editor applies them:

1. **Which area a figure is about.** Names of the story's areas are found in each sentence
   (and masked, so "Three Rivers" is no figure). A figure is about the nearest area named
   before it in its sentence, unless that name is where a ranking is counted ("the 12 council
   areas in Kent", "the highest rate in England") or names an area the story has no facts
   for ("behind only Thanet"); with no such name it is about the story's own area (a
   roundup: any area of its patch). Naming the patch means any area of it.
2. **Backed and rounded the same way.** A number must equal a figure of one of that area's
   facts, or a figure the story derives from its facts, rounded half-up to the places it is
   printed with ("527.3" backs 527.25 and 527.29, not 527.36; "564" backs 563.7). A
   percentage must equal a percentage of the fact the same way; an ordinal or superlative a
   rank position counted from the end it names ("joint" only for a shared place); a date one
   of the fact's dates; "doubled", "fell by almost a third" or "1.4 times" the phrase the
   house style gives for the fact's two figures. Approximations ("almost 1,000", "more than
   400") must be close to a backed figure on the side they say.
3. **Directions agree.** A word of direction ("rose", "fell", "up", "down", "unchanged")
   must agree with the fact behind the figures of its clause (or the figure before it), and
   "rose from A to B" must have B above A.

A figure is named with its sentence and the reason when it fails: not backed at all, backed
only by another area's facts, or rounded differently from the nearest figure of the fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from storygen.compose import DEMO_NOTICE
from storygen.verify.evidence import Backing, Evidence, phrase_key
from storygen.verify.figures import Figure, find, mask, sentences

ALL = "*"  # a scope meaning any area of the story
FIELDS = ("headline", "standfirst", "paragraphs")
_GROUP_PREPOSITION = re.compile(r"\b(?:in|of|among|within)\s+(?:the\s+)?$", re.IGNORECASE)
_RANKING_CUE = re.compile(
    r"\b(?:highest|lowest|largest|smallest|biggest|\d+(?:st|nd|rd|th)|first|second|third|"
    r"any|areas?|regions?|authorit(?:y|ies)|trusts?|count(?:y|ies)|districts?|"
    r"neighbourhoods?|councils?|ranked|ranks?)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_PASSING_BREAK = re.compile(r"[,;:\u2013\u2014]|\s-\s")
DIRECTION_WORDS = {
    "up": "rose rise rises rising risen up increased increase increases increasing climbed "
    "climb climbs grew grow grows jumped jump jumps",
    "down": "fell fall falls falling fallen down decreased decrease decreases decreasing "
    "dropped drop drops declined decline declines",
    "same": "unchanged",
}
_DIRECTION = {word: way for way, words in DIRECTION_WORDS.items() for word in words.split()}
_DIRECTION_WORD = re.compile(
    r"\b(" + "|".join(sorted(_DIRECTION, key=len, reverse=True)) + r")\b(?!\s+to\b)",
    re.IGNORECASE,
)
# figures counting areas: a ranking's group size, the story's areas, how many rose or fell
_AREA_COUNT_KEY = re.compile(
    r"(?:^|[._])(?:of|of_all|areas|count|members|up|down|same|rising|falling|unchanged|above|"
    r"below|met|missed)(?:$|[._])"
)
_SPAN_KEY = re.compile(r"provenance\.dates|window|day|streak")  # figures counting days
# a verb between a superlative and a place: "the highest rates remain in Dover" names
# where the figures are, not the group a ranking is counted in
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|remain|remains|remained|came|come|comes|stay|stays|"
    r"stayed|sit|sits|sat|lie|lies|lay)\b",
    re.IGNORECASE,
)
_AGAINST = re.compile(
    r"\b(?:buck|bucks|bucked|bucking|against|despite|defy|defies|defied|defying|amid)"
    r"(?:\s+[\w'-]+){0,3}\s+$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)
# figures a change is measured from: the week before, the start of a span, an earlier record
_BEFORE_KEY = re.compile(r"previous|before|since|earlier|prior|first|start|old")
_FROM_TO = re.compile(r"^\s+to\s+$")
CLOSE = {  # how far an approximation may be from the figure it rounds (share of the figure)
    "almost": Decimal("0.10"),
    "about": Decimal("0.05"),
    "more than": Decimal("0.25"),
    "at least": Decimal("0.25"),
    "less than": Decimal("0.25"),
    "at most": Decimal("0.25"),
}


@dataclass
class CheckedFigure:
    """A figure of the copy with what backs it, or why nothing does."""

    where: str  # "headline", "standfirst", "paragraph 2"
    field: str  # "headline", "standfirst" or "paragraphs"
    index: int | None  # paragraph index
    start: int  # span in the field's text
    end: int
    figure: Figure
    evidence: list[Evidence] = field(default_factory=list)
    problem: str | None = None


@dataclass(frozen=True)
class Problem:
    """A figure (or word of direction) the facts do not back."""

    where: str
    sentence: str
    text: str
    reason: str

    def __str__(self) -> str:
        return f'{self.where}: "{self.text}" {self.reason} (in "{self.sentence}")'


@dataclass
class StoryCheck:
    story_id: str
    figures: list[CheckedFigure]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def reason(self) -> str:
        """Why the story is held, for the manifest: the first problems, and how many more."""
        shown = "; ".join(str(problem) for problem in self.problems[:3])
        more = len(self.problems) - 3
        return f"fact-check: {shown}" + (f"; and {more} more" if more > 0 else "")


def check_story(story: dict[str, Any]) -> StoryCheck:
    """Check every figure of a story dict (``Story.to_dict()``) against its facts."""
    backing = Backing(story)
    names = _Names(story, backing)
    skipped = {DEMO_NOTICE, *story.get("caveats", [])}
    figures: list[CheckedFigure] = []
    problems: list[Problem] = []
    for field_name, index, where, text in _texts(story):
        if text in skipped:
            continue
        mentions = names.find(text)
        masked = mask(text, [(m.start, m.end) for m in mentions])
        for start, end in sentences(masked):
            checker = _Sentence(backing, story, masked[start:end], text[start:end], start)
            checker.run([m for m in mentions if start <= m.start < end], field_name, index, where)
            figures += checker.figures
            problems += checker.problems
    return StoryCheck(story.get("id", ""), figures, problems)


def _texts(story: dict[str, Any]):
    yield "headline", None, "headline", story.get("headline") or ""
    yield "standfirst", None, "standfirst", story.get("standfirst") or ""
    for index, paragraph in enumerate(story.get("paragraphs") or []):
        yield "paragraphs", index, f"paragraph {index + 1}", paragraph


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    codes: frozenset[str]  # the areas it names; ALL for the patch; empty: no facts here
    passing: bool = False  # named only in passing: its figures follow in the same clause
    group: bool = False  # an area rankings are counted in ("of the 12 council areas in Kent")


class _Names:
    """The names of a story's areas, found case-sensitively, longest first."""

    def __init__(self, story: dict[str, Any], backing: Backing) -> None:
        with_facts = {e.area for items in backing.items.values() for e in items if e.area}
        codes: dict[str, set[str]] = {}

        def add(name: Any, code: str) -> None:
            if isinstance(name, str) and name.strip():
                for variant in {name, name.replace(" and The ", " and the ")}:
                    codes.setdefault(variant, set())
                    if code == ALL or code in with_facts:
                        codes[variant].add(code)

        for fact in backing.facts:
            subject = fact.get("subject") or {}
            add(subject.get("name"), subject.get("code") or "")
            if subject.get("type") == "patch":
                add(subject.get("name"), ALL)
            values = fact.get("values") or {}
            for key, value in values.items():
                if key.endswith("_name"):
                    prefix = key[: -len("_name")]
                    add(value, values.get(f"{prefix}_code") or f"name:{value}")
        for patch in story.get("patches") or []:
            if story.get("kind") != "area":
                add(patch, ALL)
        if story.get("kind") == "area":
            add(story.get("area_name"), story.get("area_code") or "")
        else:
            add(story.get("area_name"), ALL)
        self.codes = {name: frozenset(found) for name, found in codes.items()}
        self.groups = {ALL} | {  # areas rankings are counted in
            (fact.get("values") or {}).get("group_code") for fact in backing.facts
        }
        subjects = {(fact.get("subject") or {}).get("code") for fact in backing.facts} | {ALL}
        # a name the story knows only from another area's figures ("behind only Thanet")
        self.passing = {name for name, found in self.codes.items() if not found & subjects}
        self.ordered = sorted(self.codes, key=len, reverse=True)

    def find(self, text: str) -> list[Mention]:
        """Every name in ``text``, whole words only, a longer name winning over one inside it."""
        taken = bytearray(len(text))
        found = []
        for name in self.ordered:
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(taken[start:end]) and _whole_word(text, start, end):
                    taken[start:end] = b"\x01" * len(name)
                    codes = self.codes[name]
                    group = bool(codes & self.groups)
                    found.append(Mention(start, end, name, codes, name in self.passing, group))
                start = text.find(name, start + 1)
        return sorted(found, key=lambda mention: mention.start)


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )


class _Sentence:
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
            scope = self._scope(subjects, figure) or default
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
                self._problem(checked.figure.text, checked.problem)
        self._check_directions()

    def _scope(self, subjects: list[Mention], figure: Figure) -> frozenset[str] | None:
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

    def _problem(self, text: str, reason: str) -> None:
        self.problems.append(Problem(self.where, self.text.strip(), text, reason))

    def _is_group(self, start: int) -> bool:
        """A name where a ranking is counted: "of the 12 council areas in Kent"."""
        before = self.masked[:start]
        clause = _CLAUSE_BREAK.split(before)[-1]
        return bool(_GROUP_PREPOSITION.search(before)) and bool(_RANKING_CUE.search(clause))

    # -- backing ----------------------------------------------------------------------

    def _back(self, figure: Figure, scope: frozenset[str]) -> tuple[list[Evidence], str | None]:
        if figure.unit == "areas":  # "295 of the 315 council areas": a group's count, any fact's
            scope = frozenset({ALL})
        candidates = self._candidates(figure)
        inside = [e for e in candidates if e.area is None or ALL in scope or e.area in scope]
        if inside:
            return inside, None
        if candidates:
            owners = sorted({self.backing.area_name(e.area) for e in candidates})
            wanted = " or ".join(sorted({self.backing.area_name(c) for c in scope}))
            return [], f"is a figure of {', '.join(owners)}, not of {wanted}"
        return [], self._unbacked(figure, scope)

    def _candidates(self, figure: Figure) -> list[Evidence]:
        backing = self.backing
        if figure.kind in ("number", "percent") and figure.unit in ("day", "week"):
            return self._span(figure)
        if figure.kind == "number" and figure.unit == "areas":  # "the 12 council areas"
            return [e for e in self._numbers(figure) if _AREA_COUNT_KEY.search(e.key)]
        if figure.kind in ("number", "percent"):
            return self._numbers(figure)
        if figure.kind == "share":
            return [e for e in backing.of("percent") if _near(figure, abs(e.value), share=True)]
        if figure.kind == "ordinal":
            found = [
                e
                for e in backing.of("rank")
                if e.value == figure.value
                and (not figure.extreme or e.extreme == figure.extreme)
                and e.tied == (figure.qualifier == "joint")
            ]
            if not figure.extreme and not figure.qualifier:  # "the fourth week running"
                found += backing.rounded("number", 0).get(figure.value, [])
            return found
        if figure.kind == "superlative":  # a record's "its lowest level since" or a ranking's
            record = figure.unit == "record"
            return [
                e
                for e in backing.of("superlative")
                if e.extreme == figure.extreme
                and (e.key == "values.direction") == record
                and (record or e.tied == (figure.qualifier == "joint"))
            ]
        if figure.kind == "date":
            year, month, day = figure.date or (None, 0, None)
            return [
                e
                for e in backing.of("date")
                if e.value[1] == month
                and (day is None or e.value[2] == day)
                and (year is None or e.value[0] == year)
            ]
        if figure.kind in ("multiple", "fraction"):
            if figure.kind == "multiple" and figure.direction == "up" and figure.value < 2:
                return self._times(figure)
            key = phrase_key(figure)
            return [
                evidence
                for found, evidence in backing.phrases
                if found[:3] == key[:3] and (not key[3] or found[3] == key[3])
            ]
        return []

    def _numbers(self, figure: Figure) -> list[Evidence]:
        assert figure.value is not None
        kind = figure.kind
        if not figure.qualifier:
            found = [
                evidence
                for evidence in self.backing.rounded(kind, figure.places).get(figure.value, [])
                if evidence.places is None or figure.places < 0 or evidence.places == figure.places
            ]
            if kind == "number" and figure.places == 0 and 1900 <= figure.value <= 2100:
                found += [e for e in self.backing.of("date") if e.value[0] == figure.value]
            return found
        exact = self.backing.rounded(kind, figure.places).get(figure.value, [])
        return list(exact) + [e for e in self.backing.of(kind) if _near(figure, abs(e.value))]

    def _span(self, figure: Figure) -> list[Evidence]:
        """ "seven days", "14-day", "two weeks": a span of time the facts cover or count."""
        assert figure.value is not None
        found = []
        for evidence in self.backing.of("number"):
            if "week" in evidence.key:
                length = evidence.value
            elif _SPAN_KEY.search(evidence.key):
                length = evidence.value / 7 if figure.unit == "week" else evidence.value
            else:
                continue
            if length == figure.value if not figure.qualifier else _near(figure, length):
                found.append(evidence)
        return found

    def _times(self, figure: Figure) -> list[Evidence]:
        """ "1.4 times": the ratio of a fact's two figures, printed to one decimal place."""
        found = []
        for evidence in self.backing.of("pair"):
            new, old = evidence.value
            big, small = max(new, old), min(new, old)
            if small > 0:
                ratio = Decimal(big) / Decimal(small)
                shown = ratio.quantize(Decimal(1).scaleb(-max(figure.places, 1)))
                if shown == figure.value:
                    found.append(evidence)
        return found

    def _unbacked(self, figure: Figure, scope: frozenset[str]) -> str:
        whose = (
            "any fact of the story"
            if ALL in scope
            else "a fact of " + " or ".join(sorted({self.backing.area_name(c) for c in scope}))
        )
        if figure.kind in ("number", "percent") and not figure.qualifier:
            nearest = self._nearest(figure, scope)
            if nearest is not None:
                evidence, shown = nearest
                return (
                    f"does not match {whose}: the nearest, {_describe(self.backing, evidence)}, "
                    f"prints as {shown}"
                )
        return f"is not backed by {whose}"

    def _nearest(self, figure: Figure, scope: frozenset[str]) -> tuple[Evidence, str] | None:
        assert figure.value is not None
        best = None
        for evidence in self.backing.of(figure.kind):
            if evidence.area is not None and ALL not in scope and evidence.area not in scope:
                continue
            if figure.kind == "number" and evidence.places is None and figure.places > 0:
                continue  # a count is no near miss for a figure with decimals
            distance = abs(abs(evidence.value) - figure.value)
            if distance <= max(Decimal(1), figure.value * Decimal("0.02")) and (
                best is None or distance < best[0]
            ):
                best = (distance, evidence)
        if best is None:
            return None
        places = best[1].places if best[1].places is not None else max(figure.places, 0)
        shown = abs(best[1].value).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
        return best[1], f"{shown:,f}"

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

    def _check_directions(self) -> None:
        clauses = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(self.masked)] + [len(self.masked)]
        for match in _DIRECTION_WORD.finditer(self.masked):
            if _AGAINST.search(self.masked, 0, match.start()):
                continue  # "buck the national fall": the trend's direction, not the figures'
            way = _DIRECTION[match.group(1).lower()]
            start, end = _clause(clauses, match.start())
            own = [
                f
                for f in self.figures
                if start <= f.start - self.offset < end and f.start - self.offset > match.start()
            ] or [
                f
                for f in self.figures
                if start <= f.start - self.offset < end and f.figure.kind != "date"
            ]
            if not own:
                earlier = [f for f in self.figures if f.end - self.offset <= match.start()]
                own = earlier[-1:]
            if not own:  # "Gravesham was the only area where the rate rose": its area's facts
                self._area_agrees(match, way)
                continue
            self._direction_agrees(match.group(1), way, own)
            self._from_to(match, way, own)
            self._changed_from(match)

    def _area_agrees(self, match: re.Match[str], way: str) -> None:
        """A word of direction with no figure near it speaks of the area named before it (or
        the story's own area): that area's changes must have gone that way."""
        fake = Figure("word", match.group(1), match.start(), match.end())
        scope = self._scope(self.subjects, fake) or self.default
        if ALL in scope:
            return
        changes = [
            e.direction
            for e in self.backing.of("number")
            if e.area in scope and e.key == "value" and e.direction
        ]
        if changes and way not in changes:
            names = " or ".join(sorted({self.backing.area_name(c) for c in scope}))
            self._problem(match.group(1), f"disagrees with the way {names} went ({changes[0]})")

    def _direction_agrees(self, word: str, way: str, figures: list[CheckedFigure]) -> None:
        directed = []
        for figure in figures:  # a count of areas that rose or fell is the reading that counts
            counts = [e for e in figure.evidence if e.direction and e.fact is None]
            directed += counts or [e for e in figure.evidence if e.direction]
        counts = [f for f in figures if f.figure.unit == "areas"]
        if len(counts) == 1 and not any(e.direction == way for e in counts[0].evidence):
            self._problem(  # "they fell in the other 13": 13 must be how many fell
                f"{word} ... {counts[0].figure.text}",
                f"is not backed as a number of areas that went {way}",
            )
            return
        if directed and not any(e.direction == way for e in directed):
            facts = sorted({_describe(self.backing, e) for e in directed})[:2]
            self._problem(word, f"disagrees with the facts behind its figures: {'; '.join(facts)}")

    def _changed_from(self, match: re.Match[str]) -> None:
        """ "up from 655": the figure after "from" is the one the fact changed from."""
        after = _FROM.match(self.masked, match.end())
        if after is None:
            return
        start = after.end() + self.offset
        figure = next((f for f in self.figures if f.start == start), None)
        if figure is None or not figure.evidence or figure.figure.kind != "number":
            return
        if not any(_BEFORE_KEY.search(e.key) for e in figure.evidence):
            self._problem(
                f"{match.group(1)} from {figure.figure.text}",
                "is not a figure the facts say it changed from",
            )

    def _from_to(self, match: re.Match[str], way: str, figures: list[CheckedFigure]) -> None:
        """ "rose from A to B" needs B above A; "fell from A to B" B below A."""
        numbers = [f for f in figures if f.figure.kind == "number"]
        for first, second in zip(numbers, numbers[1:], strict=False):
            between = self.masked[first.end - self.offset : second.start - self.offset]
            lead = self.masked[match.end() : first.start - self.offset]
            if not _FROM_TO.match(between) or not lead.rstrip().endswith("from"):
                continue
            a, b = first.figure.value, second.figure.value
            assert a is not None and b is not None
            if (way == "up" and not b > a) or (way == "down" and not b < a):
                text = self.text[match.start() : second.end - self.offset]
                self._problem(text, f"says {match.group(1)!r} but the figures go the other way")


def _clause(bounds: list[int], position: int) -> tuple[int, int]:
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start <= position < end:
            return start, end
    return bounds[-2], bounds[-1]


def _near(figure: Figure, value: Decimal, *, share: bool = False) -> bool:
    """Whether ``value`` is what an approximation such as "almost 1,000" may stand for."""
    printed = figure.value
    assert printed is not None
    qualifier = figure.qualifier or "about"
    margin = CLOSE.get(qualifier, Decimal(0)) * printed
    if share:  # "more than a quarter of beds": percentages of a whole, in points
        margin = Decimal(8) if qualifier != "about" else Decimal("2.5")
    if qualifier == "almost":
        return printed - margin <= value < printed
    if qualifier == "about":
        return abs(value - printed) <= margin
    if qualifier == "more than":
        return printed < value <= printed + margin
    if qualifier == "at least":
        return printed <= value <= printed + margin
    if qualifier == "less than":
        return value < printed and (printed <= 1 or value >= printed - margin)
    if qualifier == "at most":
        return printed - margin <= value <= printed
    return False


def _describe(backing: Backing, evidence: Evidence) -> str:
    """ "Swale's change.rate values.previous 652.31 (down)"."""
    if evidence.fact is None:
        return evidence.note or evidence.key
    fact = backing.facts[evidence.fact]
    key = fact.get("id", "").rsplit(".", 1)[0] or fact.get("kind", "")
    name = (fact.get("subject") or {}).get("name", "")
    value = evidence.value
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -4:
            value = value.quantize(Decimal("0.0001"))
        value = f"{value:f}"
    elif isinstance(value, tuple) and evidence.kind == "date":
        value = "-".join(f"{part:02d}" for part in value)
    direction = f", {evidence.direction}" if evidence.direction else ""
    return f"{name}'s {key} {evidence.key} {value}{direction}"
