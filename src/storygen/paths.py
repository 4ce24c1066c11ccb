"""Where storygen's shipped narratives, templates, patches and demo fixtures live.

In a source checkout they are the top-level folders of the repository; in an installed
wheel they are packed under ``storygen/_shipped``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped_root() -> Path:
    packed = _PACKAGE / "_shipped"
    if packed.is_dir():
        return packed
    return _PACKAGE.parents[1]  # src/storygen -> repository root


ROOT = _shipped_root()
NARRATIVES = ROOT / "narratives"
TEMPLATES = ROOT / "templates"
PATCHES = ROOT / "patches"
FIXTURES = ROOT / "fixtures"
