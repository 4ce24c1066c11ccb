"""What the fact-check finds: each figure with its evidence, and the problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from storygen.verify.evidence import Evidence
from storygen.verify.figures import Figure


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
