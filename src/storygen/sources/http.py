"""Fetch a URL into an on-disk cache, robustly enough for an unattended morning run.

The run must not fail because a source hiccups, nor quietly print old figures. ``fetch``:

- keeps each URL's last good body in ``cache_dir``; the file name is a hash of the URL plus a
  readable slug, and ``<name>.meta.json`` beside it holds the URL, ETag, Last-Modified, the
  status, the size, when the body was fetched and when the source last confirmed it;
- asks with If-None-Match / If-Modified-Since, so an unchanged source answers 304 with no body;
- retries 429 (honouring Retry-After, capped), 408, 5xx, connection errors, timeouts and
  truncated bodies, waiting ``backoff * 2**n`` seconds between tries;
- streams the body to a temporary file in ``cache_dir`` and renames it into place only once
  it is complete, so a cut-short download is never cached;
- when the source stays down, returns the cached copy with ``stale=True`` and a warning that
  says how old it is, or raises ``FetchError`` when there is no copy.

A 4xx answer other than 408 and 429 is not retried and is raised even when a cached copy
exists: it means the request is wrong (a moved or retired URL), which retrying or old
figures will not fix.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from storygen import __version__
from storygen.errors import StorygenError

USER_AGENT = f"storygen/{__version__}"
MAX_WAIT = 60.0  # seconds: the longest pause between tries, Retry-After included
CHUNK_SIZE = 64 * 1024
META_SUFFIX = ".meta.json"

log = logging.getLogger(__name__)


class FetchError(StorygenError):
    """A URL could not be fetched and no cached copy could stand in for it.

    ``status`` is the last HTTP status the source answered (None for a network error). On
    the command line it is reported like any other problem the user can act on.
    """

    def __init__(self, url: str, problem: str, advice: str, *, status: int | None = None):
        self.url = url
        self.problem = problem
        self.status = status
        super().__init__(f"could not fetch {url}: {problem}. {advice}")


@dataclass
class Fetched:
    """A URL's body on disk, and how fresh it is.

    ``status`` is what the source answered in this call: 200 (or another 2xx) for a new
    body, 304 when it confirmed the cached copy. When no answer was used (a copy younger
    than ``max_age``, or a stale copy because the source was down) it is the status the
    copy was stored with. ``age_seconds`` counts from when the source last confirmed the
    copy (0 for a body just downloaded).
    """

    path: Path
    url: str
    from_cache: bool
    stale: bool
    age_seconds: float | None
    etag: str | None
    last_modified: str | None
    status: int


def cache_name(url: str) -> str:
    """The cache file name for ``url``: 16 hex digits of its SHA-256, then a readable slug.

    The slug keeps the end of the URL (at most 80 characters), so a file's extension survives.

    >>> cache_name("https://example.org/data/cases.csv.gz")
    '40ab7e7ac0994519-example.org-data-cases.csv.gz'
    >>> cache_name("https://example.org/v2/data?areaType=ltla&format=csv")[17:]
    'example.org-v2-data-areaType-ltla-format-csv'
    """
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    parts = urlsplit(url)
    readable = parts.netloc + parts.path + ("?" + parts.query if parts.query else "")
    slug = re.sub(r"[^A-Za-z0-9._]+", "-", readable)[-80:].strip("-.")
    return f"{digest}-{slug}" if slug else digest


def cache_paths(url: str, cache_dir: Path) -> tuple[Path, Path]:
    """Where ``url``'s cached body and its metadata JSON live in ``cache_dir``."""
    body = Path(cache_dir) / cache_name(url)
    return body, body.with_name(body.name + META_SUFFIX)


def fetch(
    url: str,
    cache_dir: Path,
    *,
    timeout: float = 30,
    retries: int = 4,
    backoff: float = 0.5,
    session: requests.Session | None = None,
    max_age: float | None = None,
    warn: Callable[[str], Any] = log.warning,
) -> Fetched:
    """Fetch ``url`` into ``cache_dir`` and say where the body is and how fresh it is.

    ``timeout`` (seconds) bounds the connection and each wait for data; ``retries`` is the
    number of tries after the first; ``max_age`` (seconds) lets a copy the source confirmed
    that recently be used without asking again. ``warn`` receives the message when a stale
    copy stands in for a source that is down.
    """
    if retries < 0 or timeout <= 0 or backoff < 0:
        raise ValueError(
            f"fetch({url!r}): retries and backoff must be 0 or more and timeout above 0 "
            f"(got retries={retries}, backoff={backoff}, timeout={timeout})"
        )
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    body_path, meta_path = cache_paths(url, cache_dir)
    cached = _read_cache(url, body_path, meta_path)
    if cached is not None and max_age is not None and _age(cached) <= max_age:
        return _from_cache(url, body_path, cached, stale=False)

    own_session = session is None
    active = session if session is not None else requests.Session()
    try:
        failure: _Retry | None = None
        for attempt in range(retries + 1):
            if failure is not None:
                wait = failure.retry_after
                if wait is None:
                    wait = backoff * 2 ** (attempt - 1)
                time.sleep(min(wait, MAX_WAIT))
            try:
                return _try_once(active, url, body_path, meta_path, cached, timeout)
            except _Retry as retry:
                failure = retry
    finally:
        if own_session:
            active.close()

    assert failure is not None
    tries = f"{retries + 1} tries" if retries else "1 try"
    if cached is not None:
        hours = _age(cached) / 3600
        when = _parse_time(cached["checked_at"]).strftime("%Y-%m-%d %H:%M UTC")
        warn(
            f"{url} could not be fetched ({failure.problem}, {tries}); "
            f"using the cached copy from {when}, {hours:.1f} hours old"
        )
        return _from_cache(url, body_path, cached, stale=True)
    raise FetchError(
        url,
        f"{failure.problem} ({tries})",
        f"The source may be down or unreachable: check the network and try again later. "
        f"There is no cached copy in {cache_dir} to fall back on.",
        status=failure.status,
    )


class _Retry(Exception):
    """One try failed in a way that another try may fix."""

    def __init__(self, problem: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(problem)
        self.problem = problem
        self.status = status
        self.retry_after = retry_after


def _try_once(
    session: requests.Session,
    url: str,
    body_path: Path,
    meta_path: Path,
    cached: dict[str, Any] | None,
    timeout: float,
) -> Fetched:
    headers = {}
    if session.headers.get("User-Agent", "").startswith("python-requests"):
        headers["User-Agent"] = USER_AGENT
    if cached is not None:
        if cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
    try:
        with session.get(url, headers=headers, timeout=timeout, stream=True) as response:
            status = response.status_code
            answer = f"HTTP {status} {response.reason or ''}".rstrip()
            if status == 304 and cached is not None:
                return _confirmed(url, body_path, meta_path, cached, response)
            if status in (408, 429) or status >= 500:
                retry_after = _retry_after(response.headers.get("Retry-After"))
                raise _Retry(f"the server answered {answer}", status, retry_after)
            if not 200 <= status < 300:
                raise FetchError(
                    url,
                    f"the server answered {answer}",
                    "Check the URL: the source may have moved or been retired; "
                    "trying again will not change this answer.",
                    status=status,
                )
            return _download(url, body_path, meta_path, response)
    except (requests.Timeout, requests.ConnectionError) as error:
        raise _Retry(_network_problem(error, timeout)) from error
    except requests.exceptions.ChunkedEncodingError as error:
        raise _Retry(f"the download was cut short ({_innermost(error)})") from error
    except requests.exceptions.ContentDecodingError as error:
        raise _Retry(f"the body could not be decoded ({_innermost(error)})") from error
    except requests.RequestException as error:  # a malformed URL, too many redirects...
        raise FetchError(url, str(error), "Check the URL.") from error


def _download(url: str, body_path: Path, meta_path: Path, response: requests.Response) -> Fetched:
    """Stream the body to a temporary file beside the cache, then rename it into place."""
    handle, temporary = tempfile.mkstemp(
        dir=body_path.parent, prefix=body_path.name[:40] + ".", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in response.iter_content(CHUNK_SIZE):
                out.write(chunk)
        declared = response.headers.get("Content-Length", "")
        received = response.raw.tell()  # bytes off the wire, before any gzip decoding
        if declared.isdigit() and received != int(declared):
            raise _Retry(f"the download was cut short: {received} of {declared} bytes arrived")
        os.replace(temporary, body_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    now = _now()
    meta = {
        "url": url,
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
        "status": response.status_code,
        "content_type": response.headers.get("Content-Type"),
        "size": body_path.stat().st_size,
        "fetched_at": now,
        "checked_at": now,
    }
    _write_meta(meta_path, meta)
    return Fetched(
        path=body_path,
        url=url,
        from_cache=False,
        stale=False,
        age_seconds=0.0,
        etag=meta["etag"],
        last_modified=meta["last_modified"],
        status=response.status_code,
    )


def _confirmed(
    url: str,
    body_path: Path,
    meta_path: Path,
    cached: dict[str, Any],
    response: requests.Response,
) -> Fetched:
    """The source answered 304: the cached copy is current as of now."""
    meta = dict(cached, checked_at=_now())
    for key, header in (("etag", "ETag"), ("last_modified", "Last-Modified")):
        if response.headers.get(header):
            meta[key] = response.headers[header]
    _write_meta(meta_path, meta)
    fetched = _from_cache(url, body_path, meta, stale=False)
    fetched.status = 304
    return fetched


def _from_cache(url: str, body_path: Path, meta: dict[str, Any], *, stale: bool) -> Fetched:
    return Fetched(
        path=body_path,
        url=url,
        from_cache=True,
        stale=stale,
        age_seconds=_age(meta),
        etag=meta.get("etag"),
        last_modified=meta.get("last_modified"),
        status=int(meta.get("status") or 200),
    )


def _read_cache(url: str, body_path: Path, meta_path: Path) -> dict[str, Any] | None:
    """The metadata of a usable cached copy of ``url``, or None.

    A copy is unusable when its metadata is missing or unreadable, names another URL, or
    disagrees with the body's size (an interrupted update).
    """
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        size = body_path.stat().st_size
        _parse_time(meta["checked_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(meta, dict) or meta.get("url") != url or meta.get("size") != size:
        return None
    return meta


def _write_meta(meta_path: Path, meta: dict[str, Any]) -> None:
    temporary = meta_path.with_name(f"{meta_path.name}.{os.getpid()}.part")
    temporary.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, meta_path)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date).

    >>> _retry_after("3")
    3.0
    >>> _retry_after("Wed, 21 Oct 2015 07:28:00 GMT")  # long past
    0.0
    >>> _retry_after("soon") is None
    True
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _network_problem(error: requests.RequestException, timeout: float) -> str:
    if isinstance(error, requests.Timeout) or "timed out" in str(error).lower():
        return f"no answer within the {timeout:g} s timeout"
    reason = error.args[0] if error.args else error
    reason = getattr(reason, "reason", reason)  # urllib3 wraps the cause in MaxRetryError
    text = str(reason)
    if text.startswith(("HTTPConnection", "HTTPSConnection", "<urllib3")):
        text = text.split(": ", 1)[-1]  # drop the connection object's description
    return f"network error ({text})"


def _innermost(error: BaseException) -> str:
    """The message of the error that ``error`` wraps (requests nests urllib3's in ``args``)."""
    detail: object = error
    while isinstance(detail, BaseException) and detail.args:
        detail = detail.args[0]
    return str(detail)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _parse_time(text: str) -> datetime:
    when = datetime.fromisoformat(text)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _age(meta: dict[str, Any]) -> float:
    """Seconds since the source last confirmed the cached copy."""
    return max(0.0, (datetime.now(UTC) - _parse_time(meta["checked_at"])).total_seconds())
