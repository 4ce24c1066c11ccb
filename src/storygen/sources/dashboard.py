"""The UK coronavirus dashboard API: its v1 (JSON, paged) and v2 (CSV) shapes.

The service itself is retired; the client stays so that any service of the same shape (an
archive, a mirror, a successor) can be read. Every download goes through ``fetch``, so it is
cached, conditional and retried like any other source.

v2: ``/v2/data?areaType=ltla&metric=newCasesBySpecimenDate&format=csv`` answers a CSV with
columns ``areaCode,areaName,areaType,date,<metric>...``.

v1: ``/v1/data?filters=areaType=ltla;areaCode=E07000105&structure={"date":"date",...}``
answers ``{"data": [...], "pagination": {"next": "/v1/data?...&page=2", ...}}``, one page at a
time, and HTTP 204 (No Content) past the last page.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

import pandas as pd

from storygen.sources.http import Fetched, fetch

V2_ID_COLUMNS = ["areaCode", "areaName", "areaType", "date"]
MAX_PAGES = 1000  # a v1 query longer than this is taken to be a paging loop


def v2_url(
    base: str,
    area_type: str,
    metrics: Sequence[str],
    fmt: str = "csv",
    *,
    area_code: str | None = None,
) -> str:
    """The v2 download URL for ``metrics`` of every area of ``area_type`` (or one area).

    >>> v2_url("https://api.coronavirus.data.gov.uk", "ltla", ["newCasesBySpecimenDate"])
    'https://api.coronavirus.data.gov.uk/v2/data?areaType=ltla&metric=newCasesBySpecimenDate&format=csv'
    >>> v2_url("http://mirror.example/", "utla", ["cases", "deaths"], area_code="E10000016")
    'http://mirror.example/v2/data?areaType=utla&areaCode=E10000016&metric=cases&metric=deaths&format=csv'
    """
    if not metrics:
        raise ValueError("v2_url needs at least one metric, e.g. ['newCasesBySpecimenDate']")
    params = [("areaType", area_type)]
    if area_code is not None:
        params.append(("areaCode", area_code))
    params += [("metric", metric) for metric in metrics]
    params.append(("format", fmt))
    return f"{base.rstrip('/')}/v2/data?{urlencode(params)}"


def read_v2_csv(path: Path, metrics: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a v2 CSV download: ``areaCode,areaName,areaType,date`` then one column per metric.

    Area columns are text, ``date`` is datetime64, a metric is ``Int64`` when every value is
    a whole number and ``Float64`` otherwise (blank cells are missing). ``metrics``, when
    given, must all be present. Errors name the file, line and column.
    """
    path = Path(path)
    raw = _read_text_csv(path, label=str(path))
    missing = [c for c in [*V2_ID_COLUMNS, *(metrics or [])] if c not in raw.columns]
    if missing:
        raise ValueError(
            f"{path}: not the v2 dashboard CSV expected: no {', '.join(missing)} column; "
            f"its header is {','.join(raw.columns)}"
        )
    found = [column for column in raw.columns if column not in V2_ID_COLUMNS]
    if not found:
        raise ValueError(f"{path}: the v2 CSV has no metric column after {V2_ID_COLUMNS}")
    frame = raw[[*V2_ID_COLUMNS, *found]]
    frame["date"] = _dates(raw["date"], path)
    for metric in found:
        frame[metric] = _numbers(raw[metric], path, metric)
    return frame


def fetch_v2(
    base: str,
    area_type: str,
    metrics: Sequence[str],
    cache_dir: Path,
    *,
    area_code: str | None = None,
    **fetch_options: Any,
) -> tuple[pd.DataFrame, Fetched]:
    """Fetch and read a v2 CSV (see ``v2_url`` and ``read_v2_csv``)."""
    url = v2_url(base, area_type, metrics, "csv", area_code=area_code)
    fetched = fetch(url, cache_dir, **fetch_options)
    return read_v2_csv(fetched.path, metrics), fetched


def v1_url(
    base: str,
    filters: Mapping[str, str],
    structure: Mapping[str, str],
    page: int | None = None,
) -> str:
    """The v1 URL: ``filters`` as ``key=value;...``, ``structure`` as URL-encoded JSON.

    >>> v1_url("https://api.coronavirus.data.gov.uk", {"areaType": "ltla"},
    ...        {"code": "areaCode", "cases": "newCasesBySpecimenDate"}, page=2)
    'https://api.coronavirus.data.gov.uk/v1/data?filters=areaType=ltla&structure=%7B%22code%22%3A%22areaCode%22%2C%22cases%22%3A%22newCasesBySpecimenDate%22%7D&page=2'
    """
    for key, value in filters.items():
        if any(mark in f"{key}{value}" for mark in "=;&"):
            raise ValueError(f"v1 filter {key}={value!r}: '=', ';' and '&' cannot be filtered on")
    if not structure:
        raise ValueError("v1_url needs a structure, e.g. {'date': 'date', 'code': 'areaCode'}")
    clauses = ";".join(f"{key}={value}" for key, value in filters.items())
    url = (
        f"{base.rstrip('/')}/v1/data?filters={quote(clauses, safe='=;')}"
        f"&structure={quote(json.dumps(dict(structure), separators=(',', ':')), safe='')}"
    )
    return url if page is None else f"{url}&page={page}"


def fetch_v1(
    base: str,
    filters: Mapping[str, str],
    structure: Mapping[str, str],
    cache_dir: Path,
    **fetch_options: Any,
) -> pd.DataFrame:
    """Every page of a v1 query, in order, as one frame with ``structure``'s names as columns.

    Pages are fetched one by one (each cached and conditional) from page 1, following
    ``pagination.next`` until it is null or the service answers 204 (No Content). Values keep
    their JSON types (nullable Int64/Float64/string columns). ``fetch_options`` go to ``fetch``.
    """
    rows, _ = _v1_rows(v1_url(base, filters, structure, page=1), cache_dir, **fetch_options)
    frame = pd.DataFrame.from_records(rows, columns=list(structure))
    return frame.convert_dtypes()


def is_v1_url(url: str) -> bool:
    """Whether ``url`` is a v1 query (``.../v1/data?...``), which answers JSON pages.

    >>> is_v1_url("https://api.coronavirus.data.gov.uk/v1/data?filters=areaType=ltla&structure=%7B%7D")
    True
    >>> is_v1_url("https://api.coronavirus.data.gov.uk/v2/data?areaType=ltla&format=csv")
    False
    """
    return urlsplit(url).path.rstrip("/").endswith("/v1/data")


def read_v1_url(
    url: str, cache_dir: Path, **fetch_options: Any
) -> tuple[pd.DataFrame, list[Fetched]]:
    """Every page of the v1 query ``url``, as one frame with every cell as text.

    This is how a narrative input whose URL is a v1 query is read: the columns are the
    names in the URL's ``structure``, numbers are written as the JSON had them and nulls are
    missing, so that validation types the cells and names any bad one. Returns the frame
    and each page's ``Fetched``.
    """
    query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    try:
        structure = json.loads(query["structure"])
    except (KeyError, json.JSONDecodeError):
        raise ValueError(
            f"{url}: a v1 URL needs structure={{...}} (JSON naming the fields to return), "
            'e.g. structure={"date":"date","areaCode":"areaCode","cases":"newCasesBySpecimenDate"}'
        ) from None
    if not isinstance(structure, dict) or not structure:
        raise ValueError(f"{url}: the v1 structure must be a JSON object of name: field")
    rows, pages = _v1_rows(url, cache_dir, **fetch_options)
    frame = pd.DataFrame.from_records(rows, columns=list(structure))
    for column in frame.columns:
        frame[column] = pd.array(
            [None if value is None else str(value) for value in frame[column]], dtype="string"
        )
    return frame, pages


def _v1_rows(
    url: str | None, cache_dir: Path, **fetch_options: Any
) -> tuple[list[dict[str, Any]], list[Fetched]]:
    """The rows of every page from ``url`` on, and each page's ``Fetched``."""
    rows: list[dict[str, Any]] = []
    pages: list[Fetched] = []
    seen: set[str] = set()
    while url is not None:
        if url in seen or len(seen) >= MAX_PAGES:
            raise ValueError(
                f"{url}: the v1 paging does not end (page already read, or over {MAX_PAGES} "
                "pages); check pagination.next in the service's answers"
            )
        seen.add(url)
        fetched = fetch(url, cache_dir, **fetch_options)
        pages.append(fetched)
        if fetched.status == 204 or fetched.path.stat().st_size == 0:
            break
        page = _read_v1_page(fetched)
        rows += page["data"]
        url = _next_page(url, page)
    return rows, pages


def read_csv_url(url: str, cache_dir: Path, **fetch_options: Any) -> tuple[pd.DataFrame, Fetched]:
    """Fetch a CSV (also gzipped, ``.csv.gz``) and read it with every cell as text.

    Blank cells are missing; types are left for validation to check, so that it can name
    the row and column of a bad value. ``fetch_options`` go to ``fetch``.
    """
    fetched = fetch(url, cache_dir, **fetch_options)
    return _read_text_csv(fetched.path, label=f"{url} (cached as {fetched.path})"), fetched


def _read_v1_page(fetched: Fetched) -> dict[str, Any]:
    text = fetched.path.read_text(encoding="utf-8", errors="replace")
    try:
        page = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{fetched.url}: the answer is not JSON ({error}; it starts {text[:60]!r}); "
            "the service may be sending an error page"
        ) from None
    if not isinstance(page, dict) or not isinstance(page.get("data"), list):
        raise ValueError(f"{fetched.url}: the answer has no 'data' list; is this a v1 API?")
    return page


def _next_page(url: str, page: dict[str, Any]) -> str | None:
    """The URL of the page after ``url``: ``pagination.next``, or ``page=N+1`` without one.

    >>> _next_page("http://x/v1/data?filters=a=b&page=1", {"pagination": {"next": None}}) is None
    True
    >>> _next_page("http://x/v1/data?filters=a=b&page=1",
    ...            {"pagination": {"next": "/v1/data?filters=a=b&page=2"}})
    'http://x/v1/data?filters=a=b&page=2'
    >>> _next_page("http://x/v1/data?filters=a=b&page=1", {"data": []})
    'http://x/v1/data?filters=a%3Db&page=2'
    """
    pagination = page.get("pagination")
    if isinstance(pagination, dict):
        following = pagination.get("next")
        return urljoin(url, following) if following else None
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    number = int(dict(query).get("page", "1")) + 1
    query = [(key, value) for key, value in query if key != "page"] + [("page", str(number))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _read_text_csv(path: Path, *, label: str) -> pd.DataFrame:
    """Read a CSV or gzipped CSV with every cell as text and blank cells as missing."""
    with path.open("rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    try:
        frame = pd.read_csv(
            path,
            dtype="string",
            keep_default_na=False,
            na_values=[""],
            compression="gzip" if gzipped else None,
        )
    except pd.errors.EmptyDataError:
        raise ValueError(f"{label}: the file is empty; expected a CSV with a header row") from None
    except (gzip.BadGzipFile, zlib.error, EOFError) as error:
        raise ValueError(f"{label}: the gzip file is corrupt or truncated ({error})") from error
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ValueError(f"{label}: not a readable CSV file ({error})") from error
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def _first_bad(bad: pd.Series, raw: pd.Series, path: Path, column: str, expected: str) -> None:
    if bad.any():
        position = int(bad.to_numpy().argmax())
        value = raw.iloc[position]
        shown = "a blank" if pd.isna(value) else repr(value)
        raise ValueError(
            f"{path}, line {position + 2}, column {column!r}: {shown} is not {expected}"
        )


def _dates(raw: pd.Series, path: Path) -> pd.Series:
    dates = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    _first_bad(dates.isna(), raw, path, "date", "a date (YYYY-MM-DD)")
    return dates


def _numbers(raw: pd.Series, path: Path, column: str) -> pd.Series:
    numbers = pd.to_numeric(raw, errors="coerce").astype("Float64")
    _first_bad(numbers.isna() & raw.notna(), raw, path, column, "a number")
    whole = numbers.dropna()
    if (whole == whole.round()).all():
        return numbers.astype("Int64")
    return numbers
