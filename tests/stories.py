"""Reading composed stories in tests: the facts about a story's own area, and its copy as
one text."""

from __future__ import annotations

from typing import Any


def own(story: Any) -> dict[str, Any]:
    """The facts about the story's own area, by key (``change.patients``...)."""
    return {f.key: f for f in story.facts if f.subject.code == story.area_code}


def copy(story: Any) -> str:
    """Headline, standfirst and paragraphs, a line each."""
    return "\n".join([story.headline, story.standfirst, *story.paragraphs])
