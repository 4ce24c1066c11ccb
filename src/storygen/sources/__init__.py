"""Sources: read an input named by a narrative (local file or URL) into a frame of text cells.

Cells are read as text so that ``validate`` can name the exact row and column of a bad
value instead of pandas guessing types silently.

A URL is fetched through the on-disk cache (``sources.http``): a v1 dashboard query
(``.../v1/data?filters=...&structure=...``) is read page by page from its JSON; any other
URL (a v2 dashboard ``format=csv`` query, a plain CSV or .csv.gz) is read as a CSV file.
Whatever goes wrong while reading is a ``DataError`` naming the file or URL.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from storygen.errors import DataError
from storygen.sources.files import read_file

if TYPE_CHECKING:
    from storygen.sources.http import Fetched


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def default_cache_dir() -> Path:
    """Where downloads are cached unless told otherwise: ``$XDG_CACHE_HOME/storygen``."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "storygen"


@dataclass
class Table:
    """An input read as text, with how each of its downloads went (none for a local file)."""

    frame: pd.DataFrame
    location: str
    fetched: list[Fetched] = field(default_factory=list)  # one per request

    @property
    def stale(self) -> bool:
        """True when a cached copy stood in for a source that could not be reached."""
        return any(page.stale for page in self.fetched)


def fetch_table(
    location: str,
    *,
    cache_dir: Path | None = None,
    warn: Callable[[str], Any] | None = None,
    columns: Sequence[str] | None = None,
    **fetch_options: Any,
) -> Table:
    """Read ``location`` (a file or an http(s) URL) as text, saying how any download went.

    ``warn`` receives the warning when a cached copy stands in for a source that is down;
    ``fetch_options`` (timeout, retries, backoff...) go to ``sources.http.fetch``. A source
    that is down with no cached copy raises ``FetchError``; an answer that is not the data
    expected raises ``DataError`` naming the URL. ``columns`` are the columns the caller
    needs: a file without one of them fails, and only those are kept.
    """
    if not is_url(location):
        return Table(read_file(Path(location), label=location, columns=columns), location)
    from storygen.sources import dashboard, http  # only needed for URLs

    cache = cache_dir or default_cache_dir()
    if warn is not None:
        fetch_options["warn"] = warn
    if dashboard.is_v1_url(location):
        try:
            frame, pages = dashboard.read_v1_url(location, cache, **fetch_options)
        except ValueError as error:
            message = str(error).removeprefix(f"{location}: ")
            raise DataError(location, message) from error
        return Table(frame, location, pages)
    fetched = http.fetch(location, cache, **fetch_options)
    return Table(read_file(fetched.path, label=location, columns=columns), location, [fetched])


def read_table(
    location: str, *, cache_dir: Path | None = None, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Read a CSV (also .csv.gz) or Parquet file, or an http(s) URL, as a frame of strings."""
    return fetch_table(location, cache_dir=cache_dir, columns=columns).frame
