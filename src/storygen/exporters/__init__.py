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


def _nothing_before(run: RunInfo) -> str:
    return ""


def _nothing_after(count: int, run: RunInfo) -> str:
    return ""


@dataclass(frozen=True)
class Join:
    """How a batch file is made from the stories' own texts, which costs far less than
    rendering every story again: ``head``, then each story's ``piece`` in the run's order,
    then ``tail`` (given how many stories there were). A piece depends only on its story's
    text and whether the story is the run's first, so each worker makes the pieces of the
    stories it writes, and the main process only puts them together (``exporters.write``).

    >>> lines = Join(lambda text, first: ("" if first else ", ") + text.strip())
    >>> lines.text(["Dover\\n", "Thanet\\n"], {})
    'Dover, Thanet'
    """

    piece: Callable[[str, bool], str]  # a story's text, and whether it is the run's first
    head: Callable[[RunInfo], str] = _nothing_before
    tail: Callable[[int, RunInfo], str] = _nothing_after

    def text(self, texts: Iterable[str], run: RunInfo) -> str:
        """The whole batch file from every story's text, in one process."""
        pieces = [self.piece(story, number == 0) for number, story in enumerate(texts)]
        return self.head(run) + "".join(pieces) + self.tail(len(pieces), run)


@dataclass(frozen=True)
class Exporter:
    """A file format for drafts.

    ``story`` renders one story; ``batch`` renders every story of a run into one file
    (None where the format has no batch form of its own), named with ``batch_extension``
    where it differs from a story file's (JSON Lines: ``.ninjs.jsonl``). ``join``, where
    given, makes the same batch file from the stories' own texts (``Join``); ``write_run``
    then uses it instead of ``batch``.
    """

    name: str  # the --format name, e.g. "md"
    extension: str  # file name ending, e.g. ".md"
    story: Callable[[StoryDict, RunInfo], str]
    batch: Callable[[list[StoryDict], RunInfo], str] | None = None
    batch_extension: str | None = None
    join: Join | None = None


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
