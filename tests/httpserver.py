"""A real HTTP server on 127.0.0.1 for tests, with routes a test programs.

    with RouteServer() as server:
        url = server.route("/cases.csv", Resource(b"a,b\\n1,2\\n"))
        fetch(url, tmp_path)
        assert server.received_at("/cases.csv")[0].status == 200

Each route is a callable that takes the ``Received`` request and returns a ``Reply``.
Builders here cover what a flaky source does: ``Resource`` (ETag, Last-Modified, 304 on
conditional requests, ``update`` to change the body and its ETag), ``fails`` (N bad answers,
then a good one), ``always``, ``slow``, ``truncated``, ``V2Api`` (the v2 dashboard CSV) and
``V1Api`` (the v1 dashboard API, paged, with 204 past the last page). Every request is
recorded with its method, path, headers, the status answered and how many body bytes were sent.

The server answers HTTP/1.0 (one request per connection), and on exit it wakes any slow
reply, stops serving and waits for its threads, so a test never leaves it running.

Pages are built from the real LTLA case file in shared/data/real (``ltla_cases``); tests that
need it are skipped, with the reason, where it is absent.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pytest
from shared_data import REAL as REAL_DATA

LTLA_CASES = REAL_DATA / "england_ltla_cases_final.csv"
LAST_MODIFIED = "Tue, 01 Dec 2020 16:00:00 GMT"


@dataclass
class Reply:
    """What the server answers.

    ``delay`` seconds pass before the answer (cut short when the server stops); ``cut_short``
    bytes of the body are held back although Content-Length counts them.
    """

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    cut_short: int = 0


@dataclass
class Received:
    """A request the server received; ``headers`` has lower-case names."""

    method: str
    path: str
    headers: dict[str, str]
    status: int | None = None  # what the server answered (None: no answer)
    body_sent: int = 0  # body bytes written

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)


Route = Callable[[Received], Reply]


class RouteServer:
    """A threaded HTTP server on 127.0.0.1 (a free port), serving programmed routes."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.received: list[Received] = []
        self.errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the server is not running: use it as a context manager")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Route) -> str:
        """Serve ``path`` (without its query) with ``handler``; returns its URL."""
        self.routes[path] = handler
        return self.url(path)

    def received_at(self, path: str) -> list[Received]:
        """The requests for ``path`` (its query ignored), in the order they came."""
        with self._lock:
            return [r for r in self.received if urlsplit(r.path).path == path]

    def __enter__(self) -> RouteServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        assert self._httpd is not None and self._thread is not None
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()  # waits for the request threads
        self._thread.join(timeout=5)
        if self.errors and kind is None:
            raise AssertionError(f"a route failed: {self.errors[0]!r}") from self.errors[0]

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        received = Received(
            method=request.command,
            path=request.path,
            headers={name.lower(): value for name, value in request.headers.items()},
        )
        with self._lock:
            self.received.append(received)
        handler = self.routes.get(urlsplit(request.path).path)
        try:
            reply = handler(received) if handler else Reply(404, b"no such route\n")
        except Exception as error:  # a broken route shows up at exit, not as a hang
            self.errors.append(error)
            reply = Reply(500, f"route failed: {error!r}\n".encode())
        if reply.delay and self._stopping.wait(reply.delay):
            return  # stopping: close the connection unanswered
        body = b"" if reply.status in (204, 304) else reply.body
        sent = body[: len(body) - reply.cut_short]
        received.status = reply.status  # recorded first: the client may read the answer at once
        received.body_sent = len(sent)
        try:
            request.send_response(reply.status)
            for name, value in reply.headers.items():
                request.send_header(name, value)
            if reply.status not in (204, 304):
                request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(sent)
            request.wfile.flush()
        except OSError:  # the client gave up (a timeout test)
            received.status, received.body_sent = None, 0


def _handler_for(server: RouteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"
        timeout = 10  # seconds a silent client may hold a connection

        def do_GET(self) -> None:
            server._answer(self)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the test reads ``received`` instead

    return Handler


class Resource:
    """A body with an ETag and Last-Modified; answers 304 to a matching conditional request.

    ``update(body)`` publishes a new version with a new ETag. ``etag=None`` or
    ``last_modified=None`` leaves that validator out.
    """

    def __init__(
        self,
        body: bytes,
        *,
        etag: str | None = '"v1"',
        last_modified: str | None = LAST_MODIFIED,
        content_type: str = "text/csv; charset=utf-8",
        gzip_encoded: bool = False,
    ) -> None:
        self.body = body
        self.etag = etag
        self.last_modified = last_modified
        self.content_type = content_type
        self.gzip_encoded = gzip_encoded
        self.version = 1

    def update(self, body: bytes, *, last_modified: str | None = None) -> None:
        self.body = body
        self.version += 1
        if self.etag is not None:
            self.etag = f'"v{self.version}"'
        if last_modified is not None:
            self.last_modified = last_modified

    def __call__(self, request: Received) -> Reply:
        headers = {"Content-Type": self.content_type}
        if self.etag is not None:
            headers["ETag"] = self.etag
        if self.last_modified is not None:
            headers["Last-Modified"] = self.last_modified
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            if self.etag is not None and self.etag in [t.strip() for t in if_none_match.split(",")]:
                return Reply(304, headers=headers)
        elif self.last_modified is not None and (
            request.headers.get("if-modified-since") == self.last_modified
        ):
            return Reply(304, headers=headers)
        body = self.body
        if self.gzip_encoded:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return Reply(200, body, headers)


def fails(status: int, times: int, then: Route, *, headers: dict[str, str] | None = None) -> Route:
    """Answer ``status`` (with ``headers``, e.g. Retry-After) ``times`` times, then ``then``."""
    left = [times]
    lock = threading.Lock()

    def route(request: Received) -> Reply:
        with lock:
            failing = left[0] > 0
            left[0] -= 1
        if failing:
            return Reply(status, f"error {status}\n".encode(), dict(headers or {}))
        return then(request)

    return route


def always(status: int) -> Route:
    """Answer ``status`` every time."""
    return fails(status, 1_000_000, lambda request: Reply(200))


def slow(delay: float, then: Route) -> Route:
    """Answer as ``then`` does, but only after ``delay`` seconds."""

    def route(request: Received) -> Reply:
        reply = then(request)
        reply.delay = delay
        return reply

    return route


def truncated(body: bytes, missing: int) -> Route:
    """Declare ``body``'s full length but send it without its last ``missing`` bytes."""
    return lambda request: Reply(200, body, {"Content-Type": "text/csv"}, cut_short=missing)


class V2Api:
    """The v2 dashboard API at /v2/data over a frame with an ``areaType`` column.

    Answers ``areaType`` (and ``areaCode`` if given) rows with the ``metric`` columns asked
    for, as CSV (``format=csv``), newest date first; 400 for a metric the frame lacks.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __call__(self, request: Received) -> Reply:
        query = request.query
        metrics = query.get("metric", [])
        unknown = [metric for metric in metrics if metric not in self.frame.columns]
        if not metrics or unknown or query.get("format") != ["csv"]:
            return Reply(400, f"bad request: metrics {metrics}, unknown {unknown}\n".encode())
        rows = self.frame[self.frame["areaType"] == query["areaType"][0]]
        if "areaCode" in query:
            rows = rows[rows["areaCode"] == query["areaCode"][0]]
        return Reply(200, v2_csv(rows, metrics), {"Content-Type": "text/csv", "ETag": '"v2"'})


class V1Api:
    """The v1 dashboard API at /v1/data over a frame with an ``areaType`` column.

    ``filters`` (``key=value;key=value``) select rows by equality, ``structure`` (JSON) names
    the output fields, ``page`` (from 1) picks ``page_size`` rows. Past the last page it
    answers 204. ``next_on_last`` makes the last page's ``pagination.next`` point past the end
    (so a client meets the 204); otherwise it is null there, as the live API's was.
    """

    def __init__(self, frame: pd.DataFrame, page_size: int, *, next_on_last: bool = True):
        self.frame = frame
        self.page_size = page_size
        self.next_on_last = next_on_last
        self.pages_served = 0

    def __call__(self, request: Received) -> Reply:
        query = request.query
        rows = self.frame
        for clause in query["filters"][0].split(";"):
            key, _, value = clause.partition("=")
            rows = rows[rows[key].astype(str) == value]
        structure: dict[str, str] = json.loads(query["structure"][0])
        page = int(query.get("page", ["1"])[0])
        start = (page - 1) * self.page_size
        chunk = rows.iloc[start : start + self.page_size]
        if chunk.empty:
            return Reply(204)
        self.pages_served += 1
        last_page = max(1, -(-len(rows) // self.page_size))

        def link(number: int) -> str:
            params = {"filters": query["filters"][0], "structure": query["structure"][0]}
            return "/v1/data?" + urlencode(params) + f"&page={number}"

        has_next = page < last_page or self.next_on_last
        data = [
            {name: _plain(record[column]) for name, column in structure.items()}
            for record in chunk.to_dict("records")
        ]
        payload = {
            "length": len(data),
            "maxPageLimit": self.page_size,
            "totalRecords": len(rows),
            "data": data,
            "requestPayload": {"structure": structure, "filters": query["filters"][0]},
            "pagination": {
                "current": link(page),
                "next": link(page + 1) if has_next else None,
                "previous": link(page - 1) if page > 1 else None,
                "first": link(1),
                "last": link(last_page),
            },
        }
        body = json.dumps(payload).encode("utf-8")
        etag = f'"p{page}-{len(rows)}"'
        if request.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(200, body, {"Content-Type": "application/json", "ETag": etag})


def _plain(value: object) -> object:
    """A JSON-ready value: numpy integers to int, missing to None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()  # type: ignore[union-attr]
    return value


@cache
def _read_ltla_cases() -> pd.DataFrame:
    frame = pd.read_csv(LTLA_CASES, dtype={"areaCode": "string", "areaName": "string"})
    return frame.assign(areaType="ltla")


def ltla_cases() -> pd.DataFrame:
    """The real LTLA daily cases, with ``areaType`` = "ltla"; skips the test if absent."""
    if not LTLA_CASES.exists():
        pytest.skip(f"real data not found: {LTLA_CASES} (shared/data/real beside the repo)")
    return _read_ltla_cases()


def v2_csv(frame: pd.DataFrame, metrics: Sequence[str]) -> bytes:
    """A v2 API CSV of ``frame``: areaCode,areaName,areaType,date,<metrics>, newest first."""
    columns = ["areaCode", "areaName", "areaType", "date", *metrics]
    ordered = frame.sort_values(["date", "areaCode"], ascending=[False, True])
    return ordered[columns].to_csv(index=False, lineterminator="\n").encode("utf-8")
