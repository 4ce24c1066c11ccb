"""Write a run's drafts: every story in every format, batch files and the manifest.

Everything is written into a temporary folder beside the output and moved into place at
the end, so a run that fails or is killed leaves the previous run's output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storygen.exporters import get

STORIES = "stories"
HELD = "held"  # drafts held back (fact-check failures), as story JSON for the review page only
BATCH = "all"


def write_run(
    out: Path,
    as_of: str,
    stories: list[dict[str, Any]],
    held: list[dict[str, Any]],
    formats: list[str],
    *,
    generated: str | None = None,
) -> dict[str, Any]:
    """Write drafts to ``out`` (replacing an earlier run there) and return the manifest.

    A held entry (``id``, ``reason``) that carries its draft under ``story`` has the draft
    written to ``held/<id>.json`` for the editors' review, in no export format; its manifest
    entry names the file. ``generated`` keeps an earlier run's timestamp when re-exporting.
    """
    exporters = [get(name) for name in formats]
    drafts = {entry["id"]: entry["story"] for entry in held if entry.get("story") is not None}
    held = [
        {key: value for key, value in entry.items() if key != "story"}
        | ({"file": f"{HELD}/{entry['id']}.json"} if entry["id"] in drafts else {})
        for entry in held
    ]
    run = {
        "as_of": as_of,
        "generated": generated or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "held": held,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (staging / STORIES).mkdir()
        if drafts:
            (staging / HELD).mkdir()
        for story_id, draft in drafts.items():
            text = json.dumps({**draft, "status": "withheld"}, indent=2, ensure_ascii=False)
            (staging / HELD / f"{story_id}.json").write_text(text + "\n", encoding="utf-8")
        entries = []
        for story in stories:
            files = {}
            for exporter in exporters:
                relative = f"{STORIES}/{story['id']}{exporter.extension}"
                (staging / relative).write_text(exporter.story(story, run), encoding="utf-8")
                files[exporter.name] = relative
            entries.append(
                {
                    "id": story["id"],
                    "narrative": story["narrative"],
                    "kind": story["kind"],
                    "area_code": story["area_code"],
                    "area_name": story["area_name"],
                    "patch": story["patches"][0] if story["patches"] else None,
                    "patches": story["patches"],
                    "headline": story["headline"],
                    "score": story["score"],
                    "files": files,
                }
            )
        batches = {}
        for exporter in exporters:
            if exporter.batch is not None:
                relative = f"{BATCH}{exporter.batch_extension or exporter.extension}"
                (staging / relative).write_text(exporter.batch(stories, run), encoding="utf-8")
                batches[exporter.name] = relative
        manifest = {
            "as_of": as_of,
            "generated": run["generated"],
            "formats": formats,
            "stories": entries,
            "held": held,
            "batches": batches,
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _swap_into_place(staging: Path, out: Path) -> None:
    if out.exists():
        retired = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out)
