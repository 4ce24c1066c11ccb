"""The rules documentation keeps up with the code: every registered rule is documented with
its example sentence, and every shipped narrative asks only for rules that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storygen import narrative as narratives
from storygen.rules import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def folded(text: str) -> str:
    """Markdown text with quote marks and line breaks folded away."""
    return re.sub(r"\s+", " ", re.sub(r"^> ?", "", text, flags=re.MULTILINE))


@pytest.mark.parametrize("kind", sorted(RULES))
def test_every_rule_is_documented_with_its_example(kind):
    text = (DOCS / "rules.md").read_text()
    assert re.search(rf"^## .*: `{kind}`$", text, re.MULTILINE), f"no section for {kind}"
    assert RULES[kind].example in folded(text)


def test_every_rule_has_its_scorer_documented():
    text = (DOCS / "newsworthiness.md").read_text()
    for kind in RULES:
        assert re.search(rf"^\| `{kind}`", text, re.MULTILINE), kind


@pytest.mark.parametrize("name", narratives.shipped_names())
def test_shipped_narratives_ask_for_known_rules(name):
    narrative = narratives.load(name)
    assert set(narrative.facts) <= set(RULES)
