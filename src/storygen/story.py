"""The Story: one draft article, as rendered from a narrative's plan and its facts.

Its JSON form is the contract between rendering, the fact-check and every exporter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from storygen.facts import Fact, _plain


@dataclass
class Source:
    """A data source credited in the story."""

    name: str  # input name in the narrative
    title: str  # e.g. "UK coronavirus dashboard, cases by specimen date"
    path: str  # file or URL read
    publisher: str = ""
    licence: str = ""


@dataclass
class Story:
    id: str  # unique, slug-safe: "<narrative>-<plan>-<area slug>"
    narrative: str
    plan: str  # the story plan within the narrative, e.g. "area", "roundup"
    kind: str  # "area" or "roundup"
    as_of: str  # ISO date
    area_code: str | None
    area_name: str
    area_type: str
    headline: str
    standfirst: str
    paragraphs: list[str]
    facts: list[Fact]
    sources: list[Source]
    patches: list[str] = field(default_factory=list)  # names of patches the story belongs to
    caveats: list[str] = field(default_factory=list)
    score: float = 0.0
    demo: bool = False  # made from the synthetic demo fixtures
    style: str = "pa"
    series: dict[str, Any] = field(default_factory=dict)  # measure over time, for charts

    def to_dict(self, made: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
        """The story as JSON-ready data. ``made`` keeps the facts already made plain (by
        ``id``), for stories that share facts: see ``StoryDicts``."""
        story = _plain(
            {
                "id": self.id,
                "narrative": self.narrative,
                "plan": self.plan,
                "kind": self.kind,
                "as_of": self.as_of,
                "area_code": self.area_code,
                "area_name": self.area_name,
                "area_type": self.area_type,
                "patches": self.patches,
                "headline": self.headline,
                "standfirst": self.standfirst,
                "paragraphs": self.paragraphs,
                "caveats": self.caveats,
                "score": self.score,
                "demo": self.demo,
                "style": self.style,
                "facts": [],
                "sources": [vars(s) for s in self.sources],
                "series": self.series,
            }
        )
        if made is None:
            story["facts"] = [fact.to_dict() for fact in self.facts]  # plain already
        else:
            story["facts"] = [
                made[id(fact)] if id(fact) in made else made.setdefault(id(fact), fact.to_dict())
                for fact in self.facts
            ]
        return story


class StoryDicts(Sequence[dict[str, Any]]):
    """Stories as JSON-ready dicts, each made when first asked for and then kept: a worker
    exporting a share of a run makes only its share's (see ``exporters.write``). A fact
    shared between stories (a county's facts are in each of its districts' stories) is made
    plain once a process, and its dict shared: treat the dicts as read-only.

    >>> from storygen.facts import Subject
    >>> fact = Fact("change", Subject("E1", "Dover", "district"), "rate", "2020-11-25", 2.0)
    >>> story = Story("s", "n", "area", "area", "2020-11-25", "E1", "Dover", "district",
    ...               "Headline", "Standfirst", ["Body."], [fact], [])
    >>> drafts = StoryDicts([story, story])
    >>> len(drafts), drafts[1]["id"], [d["headline"] for d in drafts[:1]]
    (2, 's', ['Headline'])
    >>> drafts[0] == story.to_dict() and drafts[0]["facts"][0] is drafts[1]["facts"][0]
    True
    """

    def __init__(self, stories: list[Story], facts: dict[int, dict[str, Any]] | None = None):
        self.stories = stories
        self._made: dict[int, dict[str, Any]] = {}
        self._facts: dict[int, dict[str, Any]] = {} if facts is None else facts

    def __len__(self) -> int:
        return len(self.stories)

    def ids(self) -> list[str]:
        """Every story's id, without making its dict."""
        return [story.id for story in self.stories]

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.stories)))]
        position = range(len(self.stories))[index]  # IndexError as a list gives it
        if position not in self._made:
            self._made[position] = self.stories[position].to_dict(self._facts)
        return self._made[position]
