"""Sources: read an input named by a narrative (local file or URL) into a frame of text cells.

Cells are read as text so that ``validate`` can name the exact row and column of a bad
value instead of pandas guessing types silently. Whatever goes wrong while reading is a
``DataError`` naming the file or URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from storygen.errors import DataError
from storygen.sources.files import read_file


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def read_table(
    location: str, *, cache_dir: Path | None = None, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Read a CSV (also .csv.gz) or Parquet file, or an http(s) URL, as a frame of strings.

    ``columns`` are the columns the caller needs: a file without one of them fails, and
    only those are kept, so a large file costs memory for what is used alone.
    """
    if is_url(location):
        from storygen.sources.http import FetchError, fetch  # only needed for URLs

        cache = cache_dir or Path.home() / ".cache" / "storygen"
        try:
            fetched = fetch(location, cache)
        except FetchError as error:
            raise DataError(location, str(error)) from error
        return read_file(fetched.path, label=location, columns=columns)
    return read_file(Path(location), label=location, columns=columns)
