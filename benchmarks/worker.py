"""One measurement in a fresh process, so that its peak memory is its own.

    python -m benchmarks.worker pipeline DATA_FOLDER OUT_FOLDER AS_OF [--only-shipped]
    python -m benchmarks.worker reference DATA_FOLDER OUT_FOLDER AS_OF [--only-shipped]

prints one JSON object: seconds per stage, stories made, and peak resident memory.
``benchmarks.run`` starts one per size and kind.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before storygen and pandas are imported

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

FORMATS = ["md", "json", "ninjs"]


def peak_memory() -> dict[str, int]:
    """Peak resident memory in bytes: this process (VmHWM) and its largest finished child."""
    own = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            own = int(line.split()[1]) * 1024
    if not own:  # no /proc: getrusage counts kilobytes on Linux
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"main": own, "largest_worker": child}


class RunMemory:
    """The memory the run holds at once, sampled while it runs: the proportional set size
    (PSS) of this process and of every process it started, summed.

    A forked worker shares the main process's pages until it writes to them; PSS counts a
    page shared by n processes as 1/n in each, so the sum is the memory the whole run
    occupies, each page once. The sum of peak resident sets (``peak_memory``) counts shared
    pages in every process and is an upper bound. Sampled every ``every`` seconds, so a
    spike shorter than that can be missed; ``samples`` says how many were taken. A sample
    costs about 10 ms of processor time for each GB sampled (the kernel walks the page
    tables), so sampling more often would slow the run it measures.
    """

    def __init__(self, every: float = 1.0) -> None:
        self.every = every
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> RunMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        total = sum(_pss(pid) for pid in [os.getpid(), *_descendants(os.getpid())])
        if total:
            self.samples += 1
            self.peak = max(self.peak, total)


def _descendants(pid: int) -> list[int]:
    """Every process started by ``pid``, and by those, that is still running."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _pss(pid: int) -> int:
    """The proportional set size of a process, in bytes (0 when it is gone or unreadable)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds() -> float:
    """Processor time this process and its finished workers have used (user and system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pipeline(data: Path, out: Path, as_of: str, only_shipped: bool) -> dict:
    from benchmarks import stages
    from benchmarks.data import select
    from storygen.cli import main  # noqa: F401  (the command and everything it imports)

    imported = time.perf_counter()
    selected = select(data, only_shipped)
    paths = [str(narrative.path) for narrative in selected.narratives]
    begun = time.perf_counter()
    with RunMemory() as held:
        timed = stages.run(paths, selected.data, as_of, out, FORMATS)
    ended = time.perf_counter()
    return {
        "kind": "pipeline",
        "startup": imported - STARTED,
        "run": ended - begun,
        "stages": dict(timed.seconds),
        "stages_cpu": dict(timed.cpu),
        "stages_elsewhere": dict(timed.elsewhere),
        "calls": dict(timed.calls),
        "other": timed.other,
        "stories": timed.stories,
        "held": timed.held,
        "skipped": timed.skipped,
        "facts": timed.facts,
        "left_out": selected.left_out,
        "memory": peak_memory() | {"run_pss": held.peak, "samples": held.samples},
        "cpu": cpu_seconds(),
    }


def reference(data: Path, out: Path, as_of: str, only_shipped: bool) -> dict:
    from benchmarks import reference as plain

    imported = time.perf_counter()
    begun = time.perf_counter()
    stories = plain.run(data, out, as_of, neighbourhoods=not only_shipped)
    ended = time.perf_counter()
    return {
        "kind": "reference",
        "startup": imported - STARTED,
        "run": ended - begun,
        "stories": stories,
        "memory": peak_memory(),
        "cpu": cpu_seconds(),
    }


def main(argv: list[str]) -> None:
    kind, data, out, as_of, *flags = argv
    if kind == "pipeline":
        result = pipeline(Path(data), Path(out), as_of, "--only-shipped" in flags)
    elif kind == "reference":
        result = reference(Path(data), Path(out), as_of, "--only-shipped" in flags)
    else:
        raise SystemExit(f"unknown measurement {kind!r}: use pipeline or reference")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
