"""The fact-check of one story: every figure in its copy must be backed by one of its facts.

Rules, in the order a sub-editor applies them:

1. **Which area a figure is about.** Names of the story's areas are found in each sentence
   (and masked, so "Three Rivers" is no figure). A figure is about the nearest area named
   before it in its sentence, unless that name is where a ranking is counted ("the 12 council
   areas in Kent", "the highest rate in England") or names an area the story has no facts
   for ("behind only Thanet"); with no such name it is about the story's own area (a
   roundup: any area of its patch). Naming the patch means any area of it. A sentence that
   names no area but says "it" or "its" is about the area the sentence before it was about
   (the first it names);
   in a story about an area's hotspot, "the neighbourhood" is the hotspot. A name that only
   locates the one before it ("Cliftonville Sands, in Thanet,") is not what the figures are
   about; a possessive before a ranking ("Gravesham's highest") is where it is counted; a
   ranking with no area before it is about the area named after it ("the highest rate in
   Medway was in Rainham South West"); a figure "across England" may be England's.
2. **Backed and rounded the same way.** A number must equal a figure of one of that area's
   facts, or a figure the story derives from its facts, rounded half-up to the places it is
   printed with ("527.3" backs 527.25 and 527.29, not 527.36; "564" backs 563.7). A
   percentage must equal a percentage of the fact the same way; an ordinal or superlative a
   rank position counted from the end it names ("joint" only for a shared place); a date one
   of the fact's dates; "doubled", "fell by almost a third" or "1.4 times" the phrase the
   house style gives for the fact's two figures. Approximations ("almost 1,000", "more than
   400") must be close to a backed figure on the side they say.
3. **Directions agree.** A word of direction ("rose", "fell", "up", "down", "unchanged",
   "more" or "fewer ... than a week earlier") must agree with the fact behind the figures of
   its clause (or the figure before it); a count of areas in its clause counts those that
   went that way ("Not one of the three trusts had more patients"), and
   "rose from A to B" must have B above A. A figure "a week earlier" or "the week before"
   must be one the facts had then. In a sentence that puts areas above or below a line (a
   target or a band's edge: "remain above 100"), each area's current figure of the line's
   measure must be on that side of it.

A figure is named with its sentence and the reason when it fails: not backed at all, backed
only by another area's facts, or rounded differently from the nearest figure of the fact.

Where each rule lives: ``figures`` reads figures from copy, ``evidence`` lists what a
story's facts back, ``names`` finds its areas, ``sentence`` decides which area a figure is
about and checks rankings, ``match`` decides what backs a figure, ``directions`` checks
words of direction.
"""

from __future__ import annotations

from typing import Any

from storygen.compose import DEMO_NOTICE
from storygen.verify.evidence import Backing
from storygen.verify.figures import mask, sentences
from storygen.verify.names import Names
from storygen.verify.results import CheckedFigure, Problem, StoryCheck
from storygen.verify.sentence import Sentence

FIELDS = ("headline", "standfirst", "paragraphs")


def check_story(story: dict[str, Any], shared: dict[Any, Any] | None = None) -> StoryCheck:
    """Check every figure of a story dict (``Story.to_dict()``) against its facts.

    ``shared`` (an empty dict, passed to every call of a run) keeps what each fact backs
    for the next story citing the same fact dict: see ``Backing``."""
    backing = Backing(story, shared)
    names = Names(story, backing)
    skipped = {DEMO_NOTICE, *story.get("caveats", [])}
    figures: list[CheckedFigure] = []
    problems: list[Problem] = []
    for field_name, index, where, text in _texts(story):
        if text in skipped:
            continue
        mentions = names.find(text)
        masked = mask(text, [(m.start, m.end) for m in mentions])
        carried = None  # the area the last sentence was about, for "it" in the next
        for start, end in sentences(masked):
            checker = Sentence(backing, story, masked[start:end], text[start:end], start, carried)
            checker.run([m for m in mentions if start <= m.start < end], field_name, index, where)
            carried = checker.last
            figures += checker.figures
            problems += checker.problems
    return StoryCheck(story.get("id", ""), figures, problems)


def _texts(story: dict[str, Any]):
    yield "headline", None, "headline", story.get("headline") or ""
    yield "standfirst", None, "standfirst", story.get("standfirst") or ""
    for index, paragraph in enumerate(story.get("paragraphs") or []):
        yield "paragraphs", index, f"paragraph {index + 1}", paragraph
