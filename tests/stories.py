"""Reading composed stories in tests: the facts about a story's own area, and its copy as
one text."""

from __future__ import annotations

from typing import Any

from storygen import copycheck


def own(story: Any) -> dict[str, Any]:
    """The facts about the story's own area, by key (``change.patients``...)."""
    return {f.key: f for f in story.facts if f.subject.code == story.area_code}


def copy(story: Any) -> str:
    """Headline, standfirst and paragraphs, a line each."""
    return "\n".join([story.headline, story.standfirst, *story.paragraphs])


def copy_problems(stories: Any) -> list[str]:
    """What the copy checks find in composed stories, as "story id: problem", leaving out
    sentences that open alike (a note on style, which a national run has by the hundred)."""
    return [
        f"{story.id}: {problem}"
        for story in stories
        for problem in copycheck.check_story(story.to_dict())
        if not problem.message.startswith("opens like")
    ]
