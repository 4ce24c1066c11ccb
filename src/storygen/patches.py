"""Patches: the areas a newsroom covers, as data files in ``patches/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from storygen import paths
from storygen.errors import NarrativeError
from storygen.text import slug


@dataclass(frozen=True)
class Patch:
    name: str
    slug: str
    areas: dict[str, str]  # code -> name as the newsroom writes it (for reading the file)

    def __contains__(self, code: object) -> bool:
        return code in self.areas


def load_all(folder: Path | None = None) -> list[Patch]:
    folder = folder or paths.PATCHES
    return [_load(path) for path in sorted(folder.glob("*.yaml"))]


def _load(path: Path) -> Patch:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise NarrativeError(str(path), f"not valid YAML ({error})") from error
    if not isinstance(raw, dict) or "name" not in raw or not isinstance(raw.get("areas"), dict):
        raise NarrativeError(str(path), "a patch needs a name and an areas mapping of code: name")
    return Patch(
        str(raw["name"]), slug(str(raw["name"])), {str(k): str(v) for k, v in raw["areas"].items()}
    )


def select(patches: list[Patch], wanted: str | None) -> list[Patch]:
    """All patches, or the one named (by name or slug, any case)."""
    if wanted is None:
        return patches
    for patch in patches:
        if wanted.lower() in {patch.name.lower(), patch.slug}:
            return [patch]
    known = ", ".join(repr(patch.name) for patch in patches) or "none"
    raise NarrativeError(str(paths.PATCHES), f"no patch named {wanted!r}; patches: {known}")
