"""Read an earlier run's folder back: its manifest, its story JSON and its held drafts.

The story JSON (``stories/<id>.json``, written by the ``json`` format) is the full record
of a draft; ``storygen check``, ``export`` and ``review`` work from it alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storygen.errors import DataError, StorygenError
from storygen.exporters.write import STORIES

REQUIRED = ("id", "headline", "standfirst", "paragraphs", "facts")


@dataclass
class RunFolder:
    """An earlier run as written to its folder."""

    path: Path
    manifest: dict[str, Any]
    stories: list[dict[str, Any]]  # in the manifest's order (strongest first)
    held: list[dict[str, Any]] = field(default_factory=list)  # id, reason, file; "story" if kept

    @property
    def as_of(self) -> str:
        return str(self.manifest.get("as_of", ""))


def read_run(out: Path) -> RunFolder:
    """The manifest, stories and held drafts of the run written to ``out``."""
    manifest_path = out / "manifest.json"
    if not manifest_path.is_file():
        raise StorygenError(
            f"{out}: no manifest.json here; give the folder a `storygen run --out` wrote"
        )
    manifest = _json(manifest_path)
    entries = manifest.get("stories", [])
    paths = []
    for entry in entries:
        relative = (entry.get("files") or {}).get("json")
        if relative is None:
            raise StorygenError(
                f"{manifest_path}: story {entry.get('id')!r} has no story JSON (the run's formats "
                f"were {', '.join(manifest.get('formats', []))}); rerun with --format including json"
            )
        paths.append(out / relative)
    if not entries:  # a manifest without entries: take whatever story JSON is there
        paths = sorted(
            path for path in (out / STORIES).glob("*.json") if not path.name.endswith(".ninjs.json")
        )
    stories = [_story(path) for path in paths]
    held = []
    for entry in manifest.get("held", []):
        entry = dict(entry)
        if entry.get("file") and (out / entry["file"]).is_file():
            entry["story"] = _story(out / entry["file"])
        held.append(entry)
    return RunFolder(out, manifest, stories, held)


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(str(path), "file missing; the run folder is incomplete") from None
    except json.JSONDecodeError as error:
        raise DataError(
            str(path), f"not valid JSON ({error.msg} at character {error.colno})", row=error.lineno
        ) from None


def _story(path: Path) -> dict[str, Any]:
    story = _json(path)
    if not isinstance(story, dict):
        raise DataError(str(path), "a story JSON file must hold one object")
    missing = [key for key in REQUIRED if key not in story]
    if missing:
        raise DataError(str(path), f"not a story: it has no {', '.join(missing)}")
    return story
