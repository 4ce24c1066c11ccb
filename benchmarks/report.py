"""How the benchmark prints what it measured."""

from __future__ import annotations

from benchmarks.stages import STAGES

MB = 1024 * 1024

TARGETS = {
    "stories_per_second": 1500,  # end to end, full size
    "wall": 5.0,  # seconds, the whole run at full size
    "memory": 1.5 * 1024 * MB,  # bytes, peak resident
    "ratio": 20,  # times faster per story than the plain reference
}


def stories(result: dict) -> int:
    return sum(result["pipeline"]["stories"].values())


def per_second(result: dict) -> float:
    """Stories a second, end to end: from starting the process to the last file written."""
    return stories(result) / result["pipeline"]["wall"]


def ratio(result: dict) -> float | None:
    """How many times less time a story takes than in the reference (end to end)."""
    reference = result.get("reference")
    if not reference or not reference["stories"] or not stories(result):
        return None
    return (reference["wall"] / reference["stories"]) / (
        result["pipeline"]["wall"] / stories(result)
    )


def memory(result: dict) -> int:
    """Peak memory of the run: what the main process and its workers held at once (the sum
    of their proportional set sizes, sampled while it ran), or where that was not measured,
    the upper bound ``rss_bound``."""
    peak = result["pipeline"]["memory"]
    return peak.get("run_pss") or rss_bound(result)


def rss_bound(result: dict) -> int:
    """The main process's peak resident set plus its largest worker's: an upper bound, as a
    forked worker's resident set counts the pages it still shares with the main process."""
    peak = result["pipeline"]["memory"]
    return peak["main"] + peak["largest_worker"]


def size_line(result: dict) -> str:
    """One line of progress, printed as each size finishes."""
    pipeline = result["pipeline"]
    line = (
        f"size {result['size']}: {stories(result):,} stories in {pipeline['wall']:.2f} s "
        f"({per_second(result):,.0f}/s), peak {memory(result) / MB:,.0f} MB"
    )
    if result.get("reference"):
        line += f"; reference {result['reference']['wall']:.2f} s, x{ratio(result):.1f}"
    return line


def table(results: list[dict]) -> str:
    """The measurements, one row per size, then the targets at full size."""
    header = ["size", "rows", "stories", "held", "wall s", "stories/s", "startup"]
    header += [*STAGES, "other", "peak MB", "rss MB", "ref s", "ref st/s", "x ref", "us/row"]
    rows = []
    for result in results:
        pipeline = result["pipeline"]
        reference = result.get("reference")
        total_rows = sum(result["rows"].values())
        seconds = pipeline["stages"]
        rows.append(
            [
                result["size"],
                f"{total_rows:,}",
                f"{stories(result):,}",
                f"{pipeline['held']:,}",
                f"{pipeline['wall']:.2f}",
                f"{per_second(result):,.0f}",
                f"{pipeline['startup']:.2f}",
                *(_seconds(seconds.get(stage)) for stage in STAGES),
                _seconds(pipeline.get("other")),
                f"{memory(result) / MB:,.0f}",
                f"{rss_bound(result) / MB:,.0f}",
                f"{reference['wall']:.2f}" if reference else "-",
                f"{reference['stories'] / reference['wall']:,.0f}" if reference else "-",
                f"{ratio(result):.1f}" if reference else "-",
                f"{pipeline['wall'] / total_rows * 1e6:.2f}",
            ]
        )
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "  ".join(str(cell).rjust(width) for cell, width in zip(line, widths, strict=True))
        for line in [header, *rows]
    ]
    notes = _notes(results)
    return "\n".join([*lines, *notes])


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _notes(results: list[dict]) -> list[str]:
    notes = [""]
    last = results[-1]
    narratives = ", ".join(
        f"{name} {count:,}" for name, count in last["pipeline"]["stories"].items()
    )
    notes.append(f"stories by narrative at size {last['size']}: {narratives}")
    for name, reason in last["pipeline"]["left_out"].items():
        notes.append(f"left out: {name} ({reason})")
    if last["pipeline"]["stages"].get("check") is None:
        notes.append("check: n/a (no fact-check in this checkout)")
    else:
        notes.append(
            "stages: the main process's wall time; where a narrative's stories are shared "
            "among workers, each worker checks its stories and the main process's wait for "
            "them is counted in render"
        )
    elsewhere = last["pipeline"].get("stages_elsewhere") or {}
    if elsewhere:
        spent = ", ".join(
            f"{stage} {elsewhere[stage]:.2f}" for stage in STAGES if elsewhere.get(stage)
        )
        notes.append(
            f"in forked processes at size {last['size']} (seconds summed over them; they run "
            f"beside the main process): {spent}"
        )
    full = [result for result in results if result["scale"] == 1]
    if full:
        notes += _targets(full[0])
    return notes


def _targets(result: dict) -> list[str]:
    measured = {
        "stories_per_second": per_second(result),
        "wall": result["pipeline"]["wall"],
        "memory": memory(result),
        "ratio": ratio(result),
    }
    checks = [
        ("stories a second, end to end", "stories_per_second", ">=", "{:,.0f}"),
        ("whole run, seconds", "wall", "<", "{:.2f}"),
        ("peak memory, MB", "memory", "<", None),
        ("times faster per story than the reference", "ratio", ">=", "{:.1f}"),
    ]
    lines = ["targets at full size:"]
    for label, key, op, shape in checks:
        value, target = measured[key], TARGETS[key]
        if value is None:
            lines.append(f"  {label}: not measured")
            continue
        met = value >= target if op == ">=" else value < target
        if key == "memory":
            shown, wanted = f"{value / MB:,.0f}", f"{target / MB:,.0f}"
        else:
            shown, wanted = shape.format(value), shape.format(target)
        lines.append(f"  {label}: {shown} (target {op} {wanted}) {'met' if met else 'NOT MET'}")
    return lines
