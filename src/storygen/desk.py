"""A desk's configuration for the morning run, read from YAML (see desk.example.yaml).

A desk names the narratives it runs each morning and, for each, its patches, formats,
house style, output folder and any data locations that replace the narrative's own. Paths
in the file are relative to the file. Reading is strict: an unknown key, a format or style
that does not exist or two narratives writing to one folder is an error naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from storygen.errors import StorygenError
from storygen.sources import default_cache_dir, is_url

DEFAULT_FILE = "desk.yaml"
DEFAULT_FORMATS = ("md", "json")
DEFAULT_OUT = "{out}/{as_of}/{narrative}"
STYLES = ("pa", "ap")


class DeskError(StorygenError):
    """The desk configuration is wrong; the message names the file and the setting."""

    def __init__(self, file: Path | str, message: str) -> None:
        self.file = str(file)
        super().__init__(f"{file}: {message}")


@dataclass(frozen=True)
class FetchSettings:
    """How hard to try a source: seconds to wait for it, tries after the first, backoff."""

    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0

    def options(self) -> dict[str, float | int]:
        return {"timeout": self.timeout, "retries": self.retries, "backoff": self.backoff}


@dataclass(frozen=True)
class DeskNarrative:
    """One narrative as the desk runs it."""

    narrative: str  # a shipped narrative's name or a path to its YAML file
    patches: tuple[str, ...] = ()  # empty: every area and every patch
    formats: tuple[str, ...] = DEFAULT_FORMATS
    style: str | None = None  # None: the narrative's own
    out: str = DEFAULT_OUT  # with {out}, {as_of} and {narrative} filled in
    data: dict[str, str] = field(default_factory=dict)  # input name -> file or URL
    name: str = ""  # the narrative's own name, from its file


@dataclass(frozen=True)
class Desk:
    name: str
    path: Path  # the configuration file
    out: Path  # the root output folder
    archive: Path
    cache: Path
    narratives: tuple[DeskNarrative, ...]
    patches_dir: Path | None = None  # None: the shipped patches
    stale_after_days: int | None = 3  # None: data of any age will do
    repeat_within_days: int = 7
    repeat_weight: float = 0.5
    fetch: FetchSettings = FetchSettings()

    def out_for(self, entry: DeskNarrative, as_of: str) -> Path:
        """The folder a narrative's drafts for ``as_of`` go to."""
        folder = entry.out.format(out=self.out, as_of=as_of, narrative=entry.name)
        return _under(self.path.parent, folder)


TOP = {
    "desk", "out", "archive", "cache", "patches_dir", "style", "formats", "stale_after_days",
    "repeat_within_days", "repeat_weight", "fetch", "narratives",
}  # fmt: skip
PER_NARRATIVE = {"narrative", "patches", "formats", "style", "out", "data"}


def load(path: Path) -> Desk:
    """Read a desk configuration file."""
    path = Path(path).absolute()
    if not path.exists():
        raise DeskError(
            path,
            "no such desk configuration; copy desk.example.yaml from the repository and edit it",
        )
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DeskError(path, f"not valid YAML ({error})") from error
    if not isinstance(raw, dict):
        raise DeskError(path, "a desk configuration must be a YAML mapping")
    try:
        return _build(raw, path)
    except (KeyError, TypeError, ValueError) as error:
        raise DeskError(path, str(error).strip("'\"")) from error


def _build(raw: dict[str, Any], path: Path) -> Desk:
    _known(raw, TOP, "the desk")
    if not raw.get("narratives"):
        raise ValueError("narratives: list at least one, e.g. - narrative: covid-cases")
    home = path.parent
    out = _under(home, str(raw.get("out", "drafts")))
    style = _style(raw.get("style"), "style")
    formats = _formats(raw.get("formats", list(DEFAULT_FORMATS)), "formats")
    entries = [_entry(spec, i, home, style, formats) for i, spec in enumerate(raw["narratives"])]
    patches_dir = _under(home, str(raw["patches_dir"])) if raw.get("patches_dir") else None
    desk = Desk(
        name=str(raw.get("desk") or path.stem),
        path=path,
        out=out,
        archive=_under(home, str(raw["archive"])) if raw.get("archive") else out / "archive.sqlite",
        cache=_under(home, str(raw["cache"])) if raw.get("cache") else default_cache_dir(),
        narratives=_checked(entries, patches_dir),
        patches_dir=patches_dir,
        stale_after_days=_whole(raw.get("stale_after_days", 3), "stale_after_days", none=True),
        repeat_within_days=_whole(raw.get("repeat_within_days", 7), "repeat_within_days"),
        repeat_weight=_weight(raw.get("repeat_weight", 0.5)),
        fetch=_fetch(raw.get("fetch") or {}),
    )
    folders: dict[Path, str] = {}
    for entry in desk.narratives:
        folder = desk.out_for(entry, "{as_of}")
        if folder in folders:
            raise ValueError(
                f"narratives {folders[folder]!r} and {entry.narrative!r} would both write to "
                f"{folder}; give one its own out: (it may use {{as_of}} and {{narrative}})"
            )
        folders[folder] = entry.narrative
    return desk


def _checked(entries: list[DeskNarrative], patches_dir: Path | None) -> tuple[DeskNarrative, ...]:
    """Load each narrative (recording its name) and check its data names and patches."""
    from storygen import narrative, patches

    known_patches = patches.load_all(patches_dir)
    named = []
    for index, entry in enumerate(entries):
        try:
            loaded = narrative.load(entry.narrative)
        except StorygenError as error:
            raise ValueError(f"narratives[{index}]: {error}") from None
        unknown = sorted(set(entry.data) - set(loaded.inputs))
        if unknown:
            raise ValueError(
                f"narratives[{index}].data: {loaded.name} has no input {unknown[0]!r} "
                f"(its inputs: {', '.join(loaded.inputs)})"
            )
        for patch in entry.patches:
            try:
                patches.select(known_patches, patch)
            except StorygenError as error:
                raise ValueError(f"narratives[{index}].patches: {error}") from None
        if loaded.name in [other.name for other in named]:
            raise ValueError(
                f"narratives[{index}]: {loaded.name} is listed twice; list it once, with all "
                "the patches it should cover"
            )
        named.append(replace(entry, name=loaded.name))
    return tuple(named)


def _entry(
    spec: Any, index: int, home: Path, style: str | None, formats: tuple[str, ...]
) -> DeskNarrative:
    where = f"narratives[{index}]"
    if isinstance(spec, str):
        spec = {"narrative": spec}
    if not isinstance(spec, dict) or "narrative" not in spec:
        raise ValueError(f"{where} needs narrative: (a shipped narrative's name or a YAML path)")
    _known(spec, PER_NARRATIVE, where)
    name = str(spec["narrative"])
    if name.endswith((".yaml", ".yml")):
        name = str(_under(home, name))
    patches = spec.get("patches") or ()
    if isinstance(patches, str):
        patches = (patches,)
    data = spec.get("data") or {}
    if not isinstance(data, dict):
        raise ValueError(f"{where}.data must map input names to files or URLs")
    out = str(spec.get("out") or DEFAULT_OUT)
    try:
        out.format(out="", as_of="", narrative="")
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(
            f"{where}.out {out!r}: only {{out}}, {{as_of}} and {{narrative}} may be filled in "
            f"({error})"
        ) from None
    return DeskNarrative(
        narrative=name,
        patches=tuple(str(p) for p in patches),
        formats=_formats(spec["formats"], f"{where}.formats") if "formats" in spec else formats,
        style=_style(spec.get("style"), f"{where}.style") or style,
        out=out,
        data={
            str(k): str(v) if is_url(str(v)) else str(_under(home, str(v))) for k, v in data.items()
        },
    )


def _known(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(
            f"{where} has unknown setting(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(allowed))}"
        )


def _under(home: Path, location: str) -> Path:
    """``location`` with ~ expanded, relative to ``home`` unless absolute.

    >>> _under(Path("/desk"), "drafts"), _under(Path("/desk"), "/srv/drafts")
    (PosixPath('/desk/drafts'), PosixPath('/srv/drafts'))
    """
    path = Path(location).expanduser()
    return path if path.is_absolute() else home / path


def _formats(value: Any, where: str) -> tuple[str, ...]:
    from storygen.exporters import EXPORTERS

    names = [value] if isinstance(value, str) else list(value or [])
    unknown = [name for name in names if name not in EXPORTERS]
    if not names or unknown:
        raise ValueError(
            f"{where}: {', '.join(map(repr, unknown)) or 'none given'}; "
            f"choose from {', '.join(sorted(EXPORTERS))}"
        )
    return tuple(names)


def _style(value: Any, where: str) -> str | None:
    if value is not None and value not in STYLES:
        raise ValueError(
            f"{where}: {value!r} is not a house style; choose from {', '.join(STYLES)}"
        )
    return value


def _whole(value: Any, where: str, *, none: bool = False) -> Any:
    if value is None and none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        allowed = " (or null for no limit)" if none else ""
        raise ValueError(f"{where}: {value!r} is not a whole number of days{allowed}")
    return value


def _weight(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"repeat_weight: {value!r} is not a number from 0 to 1")
    return float(value)


def _fetch(raw: Any) -> FetchSettings:
    if not isinstance(raw, dict):
        raise ValueError("fetch: must be a mapping of timeout, retries and backoff")
    _known(raw, {"timeout", "retries", "backoff"}, "fetch")
    settings = FetchSettings(
        timeout=float(raw.get("timeout", 30)),
        retries=int(raw.get("retries", 4)),
        backoff=float(raw.get("backoff", 1)),
    )
    if settings.timeout <= 0 or settings.retries < 0 or settings.backoff < 0:
        raise ValueError(f"fetch: {raw} (timeout must be above 0, retries and backoff 0 or more)")
    return settings
