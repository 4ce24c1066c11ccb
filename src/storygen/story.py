"""The Story: one draft article, as rendered from a narrative's plan and its facts.

Its JSON form is the contract between rendering, the fact-check and every exporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        return _plain(
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
                "facts": [f.to_dict() for f in self.facts],
                "sources": [vars(s) for s in self.sources],
                "series": self.series,
            }
        )
