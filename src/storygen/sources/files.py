"""Local files: CSV, gzipped CSV and Parquet, read as text cells.

A file of any size is streamed: CSV is parsed in chunks of ``CHUNK_ROWS`` rows and only the
columns a narrative uses are kept. Anything that is not what was expected fails with a
``DataError`` naming the file and, where there is one, the line and column:

- an empty file, or a header with no rows under it;
- a file that is not CSV text at all (binary data, a ZIP or Excel file, an HTML error page,
  JSON);
- a missing column (with the closest name in the header, in case it was renamed);
- a row with more fields than the header, or a last row cut short (a truncated download);
- a gzip file that ends early or whose data are corrupt;
- text that is not UTF-8.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

import pandas as pd

from storygen.errors import DataError
from storygen.validate import missing_column_message

CHUNK_ROWS = 250_000
SNIFF_BYTES = 4096
MAX_HEADER_BYTES = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"
_PARQUET_MAGIC = b"PAR1"
_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_file(
    path: Path, *, label: str | None = None, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Read ``path`` with every cell as text (blank cells as missing), rows numbered from 0.

    ``label`` is how errors name the file (the URL for a downloaded file). ``columns``, when
    given, are the columns the caller needs: each must be in the header, and only those
    are kept (in the header's order).
    """
    name = label or str(path)
    if not path.exists():
        raise DataError(name, "no such file; expected a CSV, .csv.gz or Parquet file")
    if path.is_dir():
        raise DataError(name, "a folder, not a file; expected a CSV, .csv.gz or Parquet file")
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(_PARQUET_MAGIC) or path.suffix == ".parquet":
        return _read_parquet(path, name, columns)
    compressed = head.startswith(_GZIP_MAGIC)
    if compressed:
        head = _gzip_head(path, name)
    _sniff(head, name, compressed)
    return _read_csv(path, name, columns, compressed)


def _gzip_head(path: Path, name: str) -> bytes:
    """The first bytes of a gzip file's text (empty when it holds nothing)."""
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except (OSError, zlib.error, EOFError) as error:  # gzip.BadGzipFile is an OSError
        raise _gzip_error(name, error, line=1) from error


def _sniff(head: bytes, name: str, compressed: bool) -> None:
    """Refuse what is plainly not CSV text, saying what it looks like instead."""
    inside = " inside the gzip file" if compressed else ""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not head:
        raise DataError(
            name, f"the file is empty{inside}; expected CSV text with a header row", row=1
        )
    if not text:
        raise DataError(name, f"the file holds only blank space{inside}; expected CSV text", row=1)
    looks_like = None
    if head.startswith(b"PK\x03\x04"):
        looks_like = "a ZIP archive or Excel workbook (export or unzip it as CSV)"
    elif b"\x00" in head:
        looks_like = "binary data"
    elif text[:1] == b"<":
        looks_like = "an HTML or XML page (a web server's error page?)"
    elif text[:1] in (b"{", b"["):
        looks_like = "JSON"
    if looks_like:
        raise DataError(name, f"{looks_like}{inside}, not CSV; expected CSV text", row=1)


def _read_parquet(path: Path, name: str, columns: Sequence[str] | None) -> pd.DataFrame:
    try:
        import pyarrow.parquet as pq

        header = list(pq.read_schema(path).names)
    except Exception as error:  # pyarrow raises several types for a bad file
        raise DataError(name, f"not a readable Parquet file ({error})") from error
    wanted = _check_header(header, columns, name)
    try:
        frame = pd.read_parquet(path, columns=wanted)
    except Exception as error:
        raise DataError(name, f"not a readable Parquet file ({error})") from error
    if frame.empty:
        raise DataError(name, "the Parquet file has no rows; expected rows of data", row=2)
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return frame.astype("string").reset_index(drop=True)


def _check_header(header: list[str], columns: Sequence[str] | None, name: str) -> list[str] | None:
    """The header names to keep; fails on a missing or repeated column the caller needs."""
    if columns is None:
        return None
    found = [column.strip() for column in header]
    for column in columns:
        if found.count(column) > 1:
            raise DataError(
                name,
                f"the header names column {column!r} twice; expected each column once",
                row=1,
                column=column,
            )
        if column not in found:
            message = missing_column_message(column, columns, found)
            raise DataError(name, message, row=1, column=column)
    return [raw for raw, clean in zip(header, found, strict=True) if clean in columns]


class _Lines(io.RawIOBase):
    """A byte stream that counts the lines passing through it and keeps the last one.

    Reading stops where a gzip stream fails, so ``lines + 1`` is the line it failed on.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.lines = 0
        self.tail = b""  # the bytes after the last newline seen (at most 1 MB of them)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read1(len(buffer))
        size = len(data)
        buffer[:size] = data
        newlines = data.count(b"\n")
        if newlines:
            self.lines += newlines
            self.tail = data[data.rindex(b"\n") + 1 :]
        else:
            self.tail = (self.tail + data)[-1_048_576:]
        return size


def _read_csv(
    path: Path, name: str, columns: Sequence[str] | None, compressed: bool
) -> pd.DataFrame:
    opener = gzip.open if compressed else open
    with opener(path, "rb") as raw:
        counted = _Lines(raw)
        stream = io.BufferedReader(counted, buffer_size=1 << 20)
        try:
            header = _header(stream, name)
            names = _unique(header)
            wanted = set(_check_header(header, columns, name) or names)
            chunks = pd.read_csv(
                stream,
                header=None,
                names=names,
                dtype="string",
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8",
                chunksize=CHUNK_ROWS,
                skip_blank_lines=False,
            )
            frame = _concat(chunks, names, wanted)
        except (gzip.BadGzipFile, zlib.error, EOFError) as error:
            raise _gzip_error(name, error, line=counted.lines + 1) from error
        except UnicodeDecodeError as error:
            raise DataError(
                name,
                f"text that is not UTF-8 ({error.reason}); expected a UTF-8 CSV file",
                row=_first_undecodable_line(path, compressed),
            ) from error
        except pd.errors.ParserError as error:
            raise _fields_error(name, error, header) from error
    _check_complete(counted, header, name)
    frame.columns = [column.strip() for column in frame.columns]
    if frame.empty:
        raise DataError(
            name, "the file has a header but no rows; expected rows of data after it", row=2
        )
    return frame


def _header(stream: io.BufferedReader, name: str) -> list[str]:
    line = stream.readline(MAX_HEADER_BYTES)
    if len(line) == MAX_HEADER_BYTES and not line.endswith(b"\n"):
        raise DataError(
            name,
            f"the first line runs past {MAX_HEADER_BYTES:,} bytes; expected a CSV header row",
            row=1,
        )
    try:
        header = next(csv.reader([line.decode("utf-8-sig")]), [])
    except UnicodeDecodeError as error:
        raise DataError(
            name, f"the header is not UTF-8 text ({error.reason}); expected a UTF-8 CSV", row=1
        ) from error
    except csv.Error as error:
        message = f"the header is not CSV ({error}); expected a header row"
        raise DataError(name, message, row=1) from error
    if not any(cell.strip() for cell in header):
        raise DataError(name, "the first line is blank; expected a header row", row=1)
    return header


def _unique(header: list[str]) -> list[str]:
    """Header names made unique for pandas: a repeated name gets ``.1``, ``.2``...

    >>> _unique(["date", "value", "date"])
    ['date', 'value', 'date.1']
    """
    seen: dict[str, int] = {}
    names = []
    for column in header:
        count = seen.get(column, 0)
        seen[column] = count + 1
        names.append(f"{column}.{count}" if count else column)
    return names


def _concat(chunks: Iterable[pd.DataFrame], names: list[str], wanted: set[str]) -> pd.DataFrame:
    """One frame from the chunks, less any blank lines at the end of the file."""
    keep = [column for column in names if column in wanted]
    try:  # every column is parsed, so a row with too many fields is caught; only ``keep`` stays
        parts = [chunk[keep] for chunk in chunks]
    except pd.errors.EmptyDataError:
        parts = []
    if not parts:
        return pd.DataFrame({column: pd.Series(dtype="string") for column in keep})
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    filled = frame.notna().any(axis=1).to_numpy()
    if len(filled) and not filled[-1]:
        last = len(filled) - int(filled[::-1].argmax()) if filled.any() else 0
        frame = frame.iloc[:last]
    return frame


def _check_complete(counted: _Lines, header: list[str], name: str) -> None:
    """A last line with no newline after it, and fewer fields than the header or a blank
    last field, was cut short."""
    tail = counted.tail.rstrip(b"\r")
    if not tail.strip():
        return
    try:
        fields = next(csv.reader([tail.decode("utf-8", "replace")]), [])
    except csv.Error:  # a field longer than the csv module reads: pandas read the row whole
        return
    if len(fields) < len(header) or not fields[-1].strip():
        raise DataError(
            name,
            f"the last line stops in field {len(fields)} of {len(header)} with no newline "
            "after it: the file looks cut short (an interrupted download?); expected a "
            "complete row ending in a newline",
            row=counted.lines + 1,
            column=header[min(len(fields), len(header)) - 1].strip(),
        )


def _fields_error(name: str, error: pd.errors.ParserError, header: list[str]) -> DataError:
    match = _FIELDS_ERROR.search(str(error))
    if match is None:
        return DataError(name, f"not a readable CSV file ({error}); expected CSV text")
    expected, line, saw = (int(group) for group in match.groups())
    line += 1  # pandas counts from the line after the header, which was read first
    return DataError(
        name,
        f"{saw} fields where the header has {expected} ({', '.join(h.strip() for h in header)})"
        "; expected one field per column (is a comma inside a value not quoted?)",
        row=line,
    )


def _gzip_error(name: str, error: BaseException, *, line: int) -> DataError:
    if isinstance(error, EOFError):
        problem = "the gzip file ends early (a truncated download?)"
    else:
        problem = f"the gzip data are corrupt ({error})"
    return DataError(name, f"{problem}; expected a complete gzip file: download it again", row=line)


def _first_undecodable_line(path: Path, compressed: bool) -> int | None:
    """The line holding the first bytes that are not UTF-8 (a second pass, on failure only)."""
    opener = gzip.open if compressed else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None
