"""docs/templates.md keeps up with the code: every filter, every story plan, every context name."""

from __future__ import annotations

from pathlib import Path

import pytest

from storygen import narrative as narratives
from storygen.style import FILTER_FUNCTIONS

DOC = (Path(__file__).resolve().parents[1] / "docs" / "templates.md").read_text(encoding="utf-8")
CONTEXT = ["area", "parents", "members", "patch", "every", "trend", "lede", "lede_area",
           "settings", "story", "as_of", "demo", "measures"]  # fmt: skip


@pytest.mark.parametrize("name", sorted(FILTER_FUNCTIONS))
def test_every_filter_is_in_the_template_guide(name):
    assert f"`{name}`" in DOC


@pytest.mark.parametrize("name", narratives.shipped_names())
def test_every_story_plan_is_in_the_template_guide(name):
    for plan in narratives.load(name).plans:
        assert f"| `{name}` | `{plan}`" in DOC or f"`{plan}`" in DOC.split(f"| `{name}` |", 1)[1]


@pytest.mark.parametrize("name", CONTEXT)
def test_every_context_name_is_in_the_template_guide(name):
    assert f"`{name}`" in DOC


def test_the_commands_for_checking_copy_are_in_the_template_guide():
    assert "storygen variants" in DOC
    assert "storygen validate" in DOC
