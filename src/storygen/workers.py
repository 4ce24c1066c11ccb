"""Sharing a run's per-story work among the machine's cores.

Rendering and exporting are done story by story in Python, so one process uses one core.
``fork_map`` runs a function over a few work items in forked worker processes: a worker starts
as a copy of the run (its panel, facts, contexts and story dicts, shared with the parent until
written to), so nothing large goes through a pipe; only each item and its result do, and both
should be small (a range of story numbers, a file name).

``available()`` is the number of cores this process may use, or ``STORYGEN_WORKERS`` when set
(``STORYGEN_WORKERS=1`` runs everything in the one process). Where processes cannot be forked
(Windows, macOS) or there is a single core, the work runs in the calling process.

>>> fork_map(len, [["a"], ["b", "c"], []], workers=2)
[1, 2, 0]
>>> spans(10, 3)
[range(0, 3), range(3, 6), range(6, 10)]
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, Generic, TypeVar

from storygen.errors import StorygenError

Item = TypeVar("Item")
Result = TypeVar("Result")

_task: Callable[[Any], Any] | None = None  # the function the forked workers run
_in_worker = False  # a worker runs its share itself rather than forking again


BULK_THRESHOLDS = (50_000, 50, 1000)
"""The collector's thresholds while a run makes its stories (``few_collections``)."""


@contextmanager
def few_collections() -> Iterator[None]:
    """Run with the cyclic garbage collector waking far less often, then as before.

    A run makes millions of small objects that live until its end (facts, the evidence the
    fact-check reads from them, story dicts) and almost no cycles. With the default
    thresholds the collector wakes every 700 new objects and again and again walks every
    object kept so far: measured on a national run, it took a third of the fact-check's time.
    Usable as a decorator; nested uses restore the thresholds they found.

    >>> with few_collections():
    ...     gc.get_threshold() == BULK_THRESHOLDS
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(*BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def available() -> int:
    """How many worker processes to use: ``STORYGEN_WORKERS``, else the usable cores."""
    setting = os.environ.get("STORYGEN_WORKERS", "").strip()
    if setting:
        try:
            return max(1, int(setting))
        except ValueError:
            raise StorygenError(
                f"STORYGEN_WORKERS={setting!r} is not a whole number of processes; "
                "set it to 1 to run in one process, or unset it to use every core"
            ) from None
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not _in_worker


def spans(count: int, parts: int) -> list[range]:
    """``range(count)`` cut into ``parts`` consecutive spans of nearly equal length."""
    parts = max(1, min(parts, count))
    edges = [count * part // parts for part in range(parts + 1)]
    return [range(start, stop) for start, stop in zip(edges, edges[1:], strict=False)]


def fork_map(
    function: Callable[[Item], Result], items: Iterable[Item], *, workers: int | None = None
) -> list[Result]:
    """``[function(item) for item in items]``, shared among forked workers, in order.

    ``function`` may be any callable (a closure over the run's data is the usual case): the
    workers inherit it. Items and results are sent through pipes, so keep them small. An
    exception in a worker is raised here.
    """
    return fork_start(function, items, workers=workers).results()


class Forked(Generic[Result]):
    """Work ``fork_start`` has handed to forked workers: ``results()`` waits for it."""

    def __init__(self, pool: Any = None, pending: Any = None, done: list[Result] | None = None):
        self._pool = pool
        self._pending = pending
        self._done = done

    def results(self) -> list[Result]:
        """The results in the order of the items; a worker's exception is raised here."""
        if self._done is None:
            try:
                outcomes = self._pending.get()
            finally:
                self._pool.terminate()  # every worker has finished, or one failed
                self._pool.join()
            done = []
            for failed, value in outcomes:
                if failed:
                    raise value
                done.append(value)
            self._done = done
        return self._done

    def cancel(self) -> None:
        """Stop the workers if they are still running (the run failed elsewhere)."""
        if self._done is None and self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def fork_start(
    function: Callable[[Item], Result], items: Iterable[Item], *, workers: int | None = None
) -> Forked[Result]:
    """Start ``fork_map``'s work and return at once, so that this process can do other work
    (prepare the next narrative) while the workers run; ``results()`` waits for them. Where
    there is no fork, or one worker, the work is done here before returning.

    >>> started = fork_start(len, [["a"], ["b", "c"]], workers=2)
    >>> started.results()
    [1, 2]
    """
    items = list(items)
    count = min(workers or available(), len(items))
    if count <= 1 or not can_fork():
        return Forked(done=[function(item) for item in items])
    return _forked(function, items, count)


def fork_aside(function: Callable[[], Result]) -> Forked[Result]:
    """``function()`` started in one forked process beside this one, which goes on with its
    own work; ``results()[0]`` waits for it. Where there is no fork it runs here at once.

    >>> fork_aside(lambda: 6 * 7).results()
    [42]
    """
    if not can_fork():
        return Forked(done=[function()])
    return _forked(lambda _item: function(), [None], 1)


def _forked(function: Callable[[Item], Result], items: list[Item], count: int) -> Forked[Result]:
    global _task
    _task = function
    gc.freeze()  # the collector in a worker would touch, and so copy, every inherited object
    try:
        context = multiprocessing.get_context("fork")
        with warnings.catch_warnings():  # Python 3.12+ warns about forking with threads
            warnings.simplefilter("ignore", DeprecationWarning)
            pool = context.Pool(count, initializer=_become_worker)  # the workers fork here
    finally:
        _task = None
        gc.unfreeze()
    pending = pool.map_async(_run, items, chunksize=1)
    pool.close()  # each worker leaves when no item is left, and its memory with it
    return Forked(pool, pending)


def _become_worker() -> None:
    global _in_worker
    _in_worker = True


def _run(item: Any) -> tuple[bool, Any]:
    """Run the task on one item; an exception comes back as a value, picklable or not."""
    assert _task is not None
    try:
        return False, _task(item)
    except Exception as error:  # sent back to be raised in the parent
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:
            error = RuntimeError(f"{type(error).__name__}: {error}")
        return True, error


class Ends:
    """The positions ``0`` to ``count - 1`` of a list of work, taken one at a time from the
    front by one process and from the back by another, each position by one of them only.
    The back takes no position below ``back_from``, and nothing once the front closes it
    (``close_back``); the front takes the rest. ``shared`` (made before forking) lets a
    forked process take from the same list.

    >>> ends = Ends(5, back_from=2)
    >>> ends.front(), ends.back(), ends.front(), ends.back(), ends.back()
    (0, 4, 1, 3, 2)
    >>> ends.back(), ends.front()
    (None, None)
    >>> ends = Ends(4)
    >>> ends.back(), ends.close_back(), ends.back(), ends.front(), ends.front()
    (3, None, None, 0, 1)
    """

    def __init__(self, count: int, *, back_from: int = 0, shared: bool = False) -> None:
        state = [0, count, back_from]  # the next front, the back (exclusive), the back's floor
        if shared:
            self._next: Any = multiprocessing.get_context("fork").Array("i", state)
            self._lock: Any = self._next.get_lock()
        else:
            self._next, self._lock = state, nullcontext()

    def front(self) -> int | None:
        """The first position nobody has taken yet, now taken; None when all are."""
        with self._lock:
            front, back = self._next[0], self._next[1]
            if front >= back:
                return None
            self._next[0] = front + 1
            return front

    def back(self) -> int | None:
        """The last position nobody has taken yet, now taken; None when all are, or when it
        is below the back's floor."""
        with self._lock:
            front, back, floor = self._next[0], self._next[1], self._next[2]
            if back - 1 < max(front, floor):
                return None
            self._next[1] = back - 1
            return back - 1

    def close_back(self) -> None:
        """Take nothing more from the back: what is left is the front's."""
        with self._lock:
            self._next[2] = self._next[1]
