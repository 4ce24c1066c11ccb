"""The fact-check: every figure in a story's copy must be backed by one of its facts.

``check_story(story)`` checks one story dict (``Story.to_dict()``, or a story JSON file
read back) and returns a ``StoryCheck``: each figure found with the evidence behind it, and
a ``Problem`` for each figure its facts do not back. ``storygen run`` holds a story that
fails; ``storygen check OUT`` checks an earlier run. See ``check`` for the rules, ``figures``
for how figures are read from copy and ``evidence`` for what a story's facts back.
"""

from __future__ import annotations

from typing import Any

from storygen.verify.check import check_story
from storygen.verify.evidence import Backing, Evidence, forget
from storygen.verify.figures import Figure
from storygen.verify.results import CheckedFigure, Problem, StoryCheck


def check_stories(stories: list[dict[str, Any]]) -> dict[str, StoryCheck]:
    """Check every story; results by story id."""
    return {story["id"]: check_story(story) for story in stories}


__all__ = [
    "Backing",
    "CheckedFigure",
    "Evidence",
    "Figure",
    "Problem",
    "StoryCheck",
    "check_stories",
    "check_story",
    "forget",
]
