"""Sources: read an input named by a narrative (local file or URL) into a frame of text cells.

Cells are read as text so that ``validate`` can name the exact row and column of a bad
value instead of pandas guessing types silently.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from storygen.sources.files import read_file


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def read_table(location: str, *, cache_dir: Path | None = None) -> pd.DataFrame:
    """Read a CSV (also .csv.gz) or Parquet file, or an http(s) URL, as a frame of strings."""
    if is_url(location):
        from storygen.sources.http import fetch  # only needed for URLs

        cache = cache_dir or Path.home() / ".cache" / "storygen"
        fetched = fetch(location, cache)
        return read_file(fetched.path, label=location)
    return read_file(Path(location), label=location)
