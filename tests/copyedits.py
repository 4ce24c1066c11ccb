"""Copy edited by hand for the fact-check tests: a story with one phrase changed, and the
problems the check finds in it."""

from __future__ import annotations

from typing import Any

from storygen.verify import check_story


def problems(story: dict[str, Any]) -> list[str]:
    """What the fact-check says of ``story``, one line a problem."""
    return [str(problem) for problem in check_story(story).problems]


def edited(
    story: dict[str, Any], field: str, old: str, new: str, index: int | None = None
) -> dict[str, Any]:
    """``story`` with ``old`` replaced by ``new`` once in one field (a paragraph by index);
    ``old`` must be there, so that a test never checks copy it did not change."""
    if index is None:
        assert old in story[field]
        story[field] = story[field].replace(old, new, 1)
    else:
        assert old in story[field][index]
        story[field][index] = story[field][index].replace(old, new, 1)
    return story
