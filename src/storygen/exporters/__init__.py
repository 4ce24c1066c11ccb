"""Exporters: one module per output format, found through the ``EXPORTERS`` registry.

An exporter turns story dicts (``Story.to_dict()``) into files. Each exporter writes one file
per story and, where the format allows, one batch file for the whole run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

StoryDict = dict[str, Any]
RunInfo = dict[
    str, Any
]  # {"as_of": ..., "generated": ISO timestamp, "stories": [...], "held": [...]}


@dataclass(frozen=True)
class Exporter:
    """A file format for drafts.

    ``story`` renders one story; ``batch`` renders every story of a run into one file
    (None where the format has no batch form of its own), named with ``batch_extension``
    where it differs from a story file's (JSON Lines: ``.ninjs.jsonl``). ``join``, where
    given, makes the same batch file, in pieces, from the stories' own texts (read one at a
    time), which costs far less than rendering every story again; ``write_run`` then uses
    it instead of ``batch``.
    """

    name: str  # the --format name, e.g. "md"
    extension: str  # file name ending, e.g. ".md"
    story: Callable[[StoryDict, RunInfo], str]
    batch: Callable[[list[StoryDict], RunInfo], str] | None = None
    batch_extension: str | None = None
    join: Callable[[Iterable[str], RunInfo], Iterable[str]] | None = None


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add an exporter to the registry (storygen's own register the same way)."""
    EXPORTERS[exporter.name] = exporter
    return exporter


def get(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise KeyError(f"unknown format {name!r}; choose from {known}") from None


from storygen.exporters import html, json_story, markdown, ninjs, nitf, text, wxr  # noqa: E402,F401
