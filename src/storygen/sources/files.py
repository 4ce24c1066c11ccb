"""Local files: CSV, gzipped CSV and Parquet."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pandas as pd

from storygen.errors import DataError


def read_file(path: Path, *, label: str | None = None) -> pd.DataFrame:
    """Read ``path`` with every cell as text (blank cells as missing).

    ``label`` is how errors name the file (the URL for a downloaded file).
    """
    name = label or str(path)
    if not path.exists():
        raise DataError(name, "no such file")
    if path.suffix == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except Exception as error:  # pyarrow raises several types for a bad file
            raise DataError(name, f"not a readable Parquet file ({error})") from error
        return frame.astype("string")
    try:
        frame = pd.read_csv(
            path,
            dtype="string",
            keep_default_na=False,
            na_values=[""],
            compression="gzip" if _is_gzip(path) else None,
        )
    except pd.errors.EmptyDataError:
        raise DataError(name, "the file is empty; expected a CSV with a header row") from None
    except (gzip.BadGzipFile, zlib.error, EOFError) as error:
        raise DataError(name, f"the gzip file is corrupt or truncated ({error})") from error
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataError(name, f"not a readable CSV file ({error})") from error
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"
