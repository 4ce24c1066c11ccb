"""Write a run's drafts: every story in every format, batch files and the manifest.

Everything is written into a staging folder beside the output (``.<out>.staging-<pid>-*``)
and swapped into place in one step at the end, so a run that fails or is killed at any
point leaves the previous run's output exactly as it was:

- on Linux the swap is ``renameat2(RENAME_EXCHANGE)``, which exchanges the two folders
  atomically; the old output, now under the staging name, is then deleted;
- elsewhere the old output is renamed aside and the new one renamed into place, leaving a
  moment in which the folder is absent (a kill then leaves the old output beside it as
  ``.<out>.staging-*``).

Staging folders left by a killed run are removed by the next run that writes beside them.
File names are slugs of the story ids, so no story can write outside the output folder, and
a folder that holds anything but an earlier run's output is never replaced.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from storygen import workers
from storygen.errors import StorygenError
from storygen.exporters import Exporter, Join, get, indented_json
from storygen.story import StoryDicts
from storygen.text import slug

STORIES = "stories"
HELD = "held"  # drafts held back (fact-check failures), as story JSON for the review page only
BATCH = "all"
MANIFEST = "manifest.json"
PARTS = ".parts"  # the workers' parts of the batch files, while the run is written
_COPY_CHUNK = 1 << 20
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
FORK_FROM_STORIES = 200  # a run with fewer stories writes them in the calling process


@workers.few_collections()
def write_run(
    out: Path,
    as_of: str,
    stories: Sequence[dict[str, Any]],
    held: list[dict[str, Any]],
    formats: list[str],
    skipped: list[dict[str, str]] | None = None,
    *,
    generated: str | None = None,
) -> dict[str, Any]:
    """Write drafts to ``out`` (replacing an earlier run there) and return the manifest.

    A held entry (``id``, ``reason``) that carries its draft under ``story`` has the draft
    written to ``held/<id>.json`` for the editors' review, in no export format; its manifest
    entry names the file. ``generated`` keeps an earlier run's timestamp when re-exporting.

    ``stories`` may be a ``story.StoryDicts``, whose dicts are then made by the worker that
    writes them. The stories' files are written by forked workers, a span of stories each
    (``storygen.workers``). Where its exporter can (``Exporter.join``), a batch file is made
    from the stories' own texts: each worker writes its span's part of it beside the story
    files, and the parts are put together in the run's order.
    """
    exporters = [get(name) for name in formats]
    drafts = {entry["id"]: entry["story"] for entry in held if entry.get("story") is not None}
    held = [
        {key: value for key, value in entry.items() if key != "story"}
        | ({"file": f"{HELD}/{slug(entry['id'])}.json"} if entry["id"] in drafts else {})
        for entry in held
    ]
    run = {
        "as_of": as_of,
        "generated": generated or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "held": held,
    }
    out = Path(os.path.abspath(out))  # "." and ".." name real folders from here on
    _check_replaceable(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(out)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(out), dir=out.parent))
    except OSError as error:
        raise StorygenError(f"cannot write the drafts beside {out}: {error}") from error
    try:
        (staging / STORIES).mkdir()
        ids = stories.ids() if isinstance(stories, StoryDicts) else [s["id"] for s in stories]
        names = file_names(ids)
        for story_id, draft in drafts.items():
            text = indented_json.dumps({**draft, "status": "withheld"})
            _write(staging, f"{HELD}/{slug(story_id)}.json", text + "\n")
        with_batch = [i for i, exporter in enumerate(exporters) if exporter.batch is not None]
        joins = {i: join for i in with_batch if (join := exporters[i].join) is not None}
        rendered = [i for i in with_batch if i not in joins]
        folder = staging / STORIES
        parts = staging / PARTS
        parts.mkdir()

        def write(task: tuple[str, Any]) -> Any:  # a batch file, or the files of some stories
            kind, what = task
            if kind == "batch":
                exporter = exporters[what]
                relative = f"{BATCH}{exporter.batch_extension or exporter.extension}"
                _write(staging, relative, exporter.batch(list(stories), run))
                return []
            number, span = what
            entries = []
            with ExitStack() as stack:
                pieces = {
                    i: (
                        join,
                        stack.enter_context(open(parts / f"{i}-{number}", "w", encoding="utf-8")),
                    )
                    for i, join in joins.items()
                }
                for position in span:
                    story = stories[position]
                    name = names[story["id"]]
                    entry = _write_story(folder, name, story, exporters, run, pieces, position)
                    entries.append(entry)
            return entries

        share = workers.available() if len(stories) >= FORK_FROM_STORIES else 1
        spans = workers.spans(len(stories), 4 * share)  # small spans keep every core busy
        tasks = [("batch", i) for i in rendered] + [("stories", n) for n in enumerate(spans)]
        done = workers.fork_map(write, tasks, workers=share)[len(rendered) :]
        entries = [entry for part in done for entry in part]
        for i, join in joins.items():  # the workers' parts, in the run's order
            exporter = exporters[i]
            relative = f"{BATCH}{exporter.batch_extension or exporter.extension}"
            with open(staging / relative, "w", encoding="utf-8") as handle:
                handle.write(join.head(run))
                handle.flush()
                for number in range(len(spans)):
                    with open(parts / f"{i}-{number}", "rb") as part:
                        shutil.copyfileobj(part, handle.buffer, _COPY_CHUNK)
                handle.write(join.tail(len(stories), run))
        shutil.rmtree(parts)
        batches = {
            exporter.name: f"{BATCH}{exporter.batch_extension or exporter.extension}"
            for exporter in exporters
            if exporter.batch is not None
        }
        manifest = {
            "as_of": as_of,
            "generated": run["generated"],
            "formats": formats,
            "stories": entries,
            "held": held,
            "skipped": skipped or [],
            "batches": batches,
        }
        _write(staging, MANIFEST, indented_json.dumps(manifest, ensure_ascii=True) + "\n")
        _swap_into_place(staging, out)
    except OSError as error:  # a full disk, a permission: the previous output stays
        shutil.rmtree(staging, ignore_errors=True)
        raise StorygenError(
            f"could not write the drafts to {out} ({error}); its previous contents are unchanged"
        ) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def file_names(ids: list[str]) -> dict[str, str]:
    """A safe, unique file name (without extension) for each story id.

    >>> file_names(["covid-cases-area-swale-e07000113", "../../etc/passwd", "Etc Passwd"])
    {'covid-cases-area-swale-e07000113': 'covid-cases-area-swale-e07000113', '../../etc/passwd': 'etc-passwd', 'Etc Passwd': 'etc-passwd-2'}
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for story_id in ids:
        if story_id in names:
            continue
        base = name = slug(story_id)
        number = 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        names[story_id] = name
    return names


def _write_story(
    folder: Path,
    name: str,
    story: dict[str, Any],
    exporters: list[Exporter],
    run: dict[str, Any],
    pieces: dict[int, tuple[Join, TextIO]],
    position: int,
) -> dict[str, Any]:
    """Write one story in every format into ``folder`` (``name`` is from ``file_names``, so
    a plain file name), and its piece of each batch file made from the stories' texts to
    ``pieces`` (by exporter; the story is the run's ``position``-th); its manifest entry."""
    files = {}
    for i, exporter in enumerate(exporters):
        text = exporter.story(story, run)
        with open(folder / f"{name}{exporter.extension}", "w", encoding="utf-8") as handle:
            handle.write(text)
        if i in pieces:
            join, part = pieces[i]
            part.write(join.piece(text, position == 0))
        files[exporter.name] = f"{STORIES}/{name}{exporter.extension}"
    return {
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


def _write(folder: Path, relative: str, text: str) -> None:
    path = folder / relative
    if not path.resolve().is_relative_to(folder.resolve()):  # file_names makes this impossible
        raise StorygenError(f"refusing to write {relative!r} outside the output folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _check_replaceable(out: Path) -> None:
    """Only an earlier run's output (or an empty folder) may be replaced."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise StorygenError(f"{out} is a file, not a folder; choose a folder for the drafts")
    if (out / MANIFEST).is_file() or not any(out.iterdir()):
        return
    raise StorygenError(
        f"{out} holds files but no {MANIFEST}, so it is not an earlier run's output; a run "
        "replaces its output folder whole, so choose a new or empty folder"
    )


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-{os.getpid()}-"


def _remove_abandoned(out: Path) -> None:
    """Delete staging folders beside ``out`` whose run is no longer alive."""
    marker = f".{out.name}.staging-"
    for folder in out.parent.glob(f"{marker}*"):
        pid_text = folder.name[len(marker) :].split("-", 1)[0]
        if pid_text.isdigit() and not _alive(int(pid_text)) and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_into_place(staging: Path, out: Path) -> None:
    if not out.exists() and not out.is_symlink():
        staging.rename(out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous output
        return
    retired = Path(tempfile.mkdtemp(prefix=_staging_prefix(out), dir=out.parent))
    out.rename(retired / "previous")
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
