"""The run: narratives in, drafts out. Each stage is a module; this file only sequences them.

sources -> series -> rules (detect) -> compose (render) -> verify (fact-check) -> exporters.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from storygen import narrative as narratives
from storygen import paths, plausibility, series, validate, verify, workers
from storygen.compose import Composed, Shared, StoryInputs, compose
from storygen.detect import by_area, detect
from storygen.errors import StorygenError
from storygen.facts import Fact
from storygen.narrative import Narrative
from storygen.patches import Patch, load_all, select
from storygen.render import Renderer, RenderError
from storygen.sources import read_table
from storygen.story import Source, Story
from storygen.workers import can_fork, fork_start

FORK_FROM_AREAS = 200  # a narrative with fewer areas with facts is composed in one process


@dataclass
class RunOptions:
    narratives: list[str] = field(default_factory=list)  # names or paths; empty = every shipped one
    data: dict[str, str] = field(default_factory=dict)  # input name -> path or URL
    as_of: str | None = None  # YYYY-MM-DD; default: the latest date in the data
    patch: str | None = None
    style: str | None = None  # house style; default: the narrative's
    cache_dir: Path | None = None


@dataclass
class Prepared:
    """One narrative with its data read, measures derived and facts found."""

    narrative: Narrative
    panel: series.Panel
    as_of: pd.Timestamp
    facts: list[Fact]
    locations: dict[str, str]  # input name -> file or URL
    holds: dict[str, str] = field(default_factory=dict)  # area code -> why its stories are held
    incomplete: dict[str, str] = field(default_factory=dict)  # area code -> why no story quotes it

    @property
    def demo(self) -> bool:
        demo_folder = str(paths.FIXTURES / "demo")
        return any(location.startswith(demo_folder) for location in self.locations.values())


@dataclass
class RunResult:
    as_of: str
    stories: list[Story]
    held: list[dict[str, Any]]  # id, reason; "story": the draft as a dict when it was written
    skipped: list[dict[str, str]] = field(default_factory=list)


def load_narratives(options: RunOptions) -> list[Narrative]:
    names = options.narratives or narratives.shipped_names()
    loaded = [narratives.load(name) for name in names]
    declared = {name for n in loaded for name in n.inputs}
    unknown = sorted(set(options.data) - declared)
    if unknown:
        raise StorygenError(
            f"--data {unknown[0]}=...: no selected narrative has an input named {unknown[0]!r} "
            f"(inputs: {', '.join(sorted(declared))})"
        )
    return loaded


def _largest_first(selected: list[Narrative], options: RunOptions) -> list[int]:
    """The order to prepare the narratives in: the one with the most data to read first (by
    the size of its files; a URL counts as none), so that its workers write its stories while
    the others are prepared. Reading and finding facts is one process's work; writing the
    stories is shared among every core."""

    def size(narrative: Narrative) -> int:
        total = 0
        for location in _locations(narrative, options).values():
            try:
                total += os.path.getsize(location)
            except (OSError, ValueError):
                pass  # a URL, or a file that is not there (``prepare`` says so)
        return total

    sizes = [size(narrative) for narrative in selected]
    return sorted(range(len(selected)), key=lambda number: -sizes[number])


def _locations(narrative: Narrative, options: RunOptions) -> dict[str, str]:
    """Where each of the narrative's inputs is read from: ``--data``, else its default."""
    return {
        name: options.data.get(name) or narrative.resolve_default(name) for name in narrative.inputs
    }


def prepare(narrative: Narrative, options: RunOptions, cache: dict[Any, pd.DataFrame]) -> Prepared:
    """Read the narrative's inputs (each file once per run), derive its measures, find facts."""
    locations = _locations(narrative, options)
    loaded = {}
    for name, location in locations.items():
        columns = series.columns_needed(narrative, name)
        if location in cache:  # a whole table read earlier (the morning run fetches first)
            validate.require_columns(cache[location], columns, location)
            loaded[name] = (cache[location][columns], location)
            continue
        key = (location, tuple(columns))
        if key not in cache:
            cache[key] = read_table(location, cache_dir=options.cache_dir, columns=columns)
        loaded[name] = (cache[key], location)
    panel = series.build(narrative, loaded)
    as_of = pd.Timestamp(options.as_of) if options.as_of else panel.last_date()
    series.check_as_of(narrative, panel, loaded, as_of)
    holds = plausibility.check(narrative, panel, as_of)
    incomplete = plausibility.incomplete(narrative, panel, as_of)
    facts = detect(narrative, panel, as_of)
    return Prepared(narrative, panel, as_of, facts, locations, holds, incomplete)


def compose_prepared(
    prepared: Prepared, options: RunOptions, patches: list[Patch], only: Patch | None = None
) -> Composed:
    """Render a prepared narrative's stories (every area and patch, or only one patch's) and
    fact-check them: a story with a figure its facts do not back is held with the reason."""
    return finish_composing(start_composing(prepared, options, patches, only))


def start_composing(
    prepared: Prepared, options: RunOptions, patches: list[Patch], only: Patch | None = None
) -> Composing:
    """``compose_prepared`` begun: a narrative with many areas is handed to forked workers at
    once, so that the run can prepare the next narrative while they write; a smaller one is
    composed here when ``finish_composing`` asks for it."""
    narrative = prepared.narrative
    renderer = Renderer(
        options.style or narrative.style, search=[narrative.path.parent.parent / "templates"]
    )
    sources = [
        Source(
            name=name,
            title=spec.title,
            path=prepared.locations[name],
            publisher=spec.publisher,
            licence=spec.licence,
        )
        for name, spec in narrative.inputs.items()
    ]
    inputs = StoryInputs(
        narrative=narrative,
        panel=prepared.panel,
        facts=by_area(prepared.facts),
        as_of=prepared.as_of,
        sources=sources,
        demo=prepared.demo,
        patches=patches,
        holds=prepared.holds,
        incomplete=prepared.incomplete,
    )
    return start_shared(inputs, renderer, only_patch=only, workers=workers.available())


@dataclass
class Composing:
    """A narrative's stories being composed: ``finish`` waits for its workers and puts their
    parts together, or composes the stories here; ``cancel`` stops workers still running."""

    finish: Callable[[], Composed]
    cancel: Callable[[], None] = lambda: None
    in_workers: bool = False  # its stories are being written by forked workers already


def finish_composing(composing: Composing) -> Composed:
    """The stories ``start_composing`` began, composed and fact-checked (waiting for them)."""
    return composing.finish()


def start_shared(
    inputs: StoryInputs, renderer: Renderer, *, only_patch: Patch | None = None, workers: int = 1
) -> Composing:
    """Compose and fact-check every story, shared among ``workers`` forked processes: what
    one process gives, in the same order (stories, then held stories as ``fact_checked``
    lists them).

    Each worker composes and checks every ``workers``-th story. The stories come back with
    the numbers of their facts rather than the facts, which the parent has already:
    unpickling thousands of fact records would cost more than rendering them.
    """
    shared = Shared(inputs)  # made once, before forking
    small = len(inputs.facts) < FORK_FROM_AREAS or only_patch is not None
    if workers <= 1 or small or not can_fork():
        return Composing(
            lambda: fact_checked(compose(inputs, renderer, only_patch=only_patch, shared=shared))
        )
    for plan in inputs.narrative.plans.values():
        try:
            renderer.template(plan.template)  # compiled once, here, for every worker
        except RenderError:
            pass  # each story using it is held with the reason, as in ``compose``
    facts = [fact for group in inputs.facts.values() for fact in group.values()]
    number = {id(fact): n for n, fact in enumerate(facts)}

    def share(index: int) -> tuple[Composed, int]:
        part = compose(inputs, renderer, share=(index, workers), shared=shared)
        unchecked = len(part.held)
        part = fact_checked(part)
        for story in part.stories:
            story.facts = [number.get(id(fact), fact) for fact in story.facts]  # type: ignore[misc]
        return part, unchecked

    forked = fork_start(share, range(workers), workers=workers)
    return Composing(lambda: _merged(forked.results(), facts, workers), forked.cancel, True)


def _merged(parts: list[tuple[Composed, int]], facts: list[Fact], workers: int) -> Composed:
    """One narrative's composed stories from its workers' parts, in the order one process
    would give them; the facts the stories cite by number put back."""
    total = sum(len(part.attempted) for part, _ in parts)
    order = {parts[k % workers][0].attempted[k // workers]: k for k in range(total)}
    composed = Composed(skipped=parts[0][0].skipped, attempted=sorted(order, key=order.get))
    failed: list[dict[str, Any]] = []
    for part, unchecked in parts:
        for story in part.stories:
            story.facts = [facts[n] if isinstance(n, int) else n for n in story.facts]
        composed.stories += part.stories
        composed.held += part.held[:unchecked]
        failed += part.held[unchecked:]
    composed.stories.sort(key=lambda story: order[story.id])
    composed.held.sort(key=lambda held: order[held["id"]])
    failed.sort(key=lambda held: order[held["id"]])
    composed.held += failed
    return composed


def fact_checked(composed: Composed) -> Composed:
    """``composed`` with the stories the fact-check fails moved to its held stories, after
    those held already, with the reason and the draft."""
    checked: list[Story] = []
    made: dict[int, dict[str, Any]] = {}  # facts made plain, shared by the stories citing them
    backed: dict[Any, Any] = {}  # what each of those backs, read once
    cited = Counter(id(fact) for story in composed.stories for fact in story.facts)
    for story in composed.stories:
        draft = story.to_dict(made)
        result = verify.check_story(draft, backed)
        for fact in story.facts:  # let go of a fact no later story cites
            cited[id(fact)] -= 1
            if not cited[id(fact)]:
                verify.forget(backed, made.pop(id(fact)))
        if result.ok:
            checked.append(story)
        else:
            composed.held.append({"id": story.id, "reason": result.reason(), "story": draft})
    composed.stories = checked
    return composed


@workers.few_collections()
def run(options: RunOptions) -> RunResult:
    """Every story of every selected narrative (or of one patch).

    The narratives are prepared largest first. With more than one core, while this process
    reads the largest, a process forked beside it (``_from_the_back``) takes narratives from
    the other end of that order (those that read none of the largest one's files) and
    prepares and composes them there, so that the second core is not idle; once a
    narrative's stories are handed to workers, the rest are prepared here, each handed on in
    turn.
    What a run writes is the same either way, and so is its error: the first narrative in
    that order to fail stops the run with the error a run of it alone gives.
    """
    selected = load_narratives(options)
    patches = load_all()
    only: Patch | None = select(patches, options.patch)[0] if options.patch else None
    order = _largest_first(selected, options)
    beside_from = _beside_from([_locations(selected[number], options) for number in order])
    use_beside = beside_from < len(order) and workers.available() > 1 and can_fork()
    ends = workers.Ends(len(order), back_from=beside_from, shared=use_beside)
    cache: dict[Any, pd.DataFrame] = {}
    stories: list[Story] = []
    held: list[dict[str, str]] = []
    skipped: list[dict[str, str]] = []
    as_of_dates: list[pd.Timestamp] = []
    started: dict[int, Composing] = {}
    beside = None
    try:
        if use_beside:
            beside = _Beside(
                workers.fork_aside(
                    lambda: _from_the_back(ends, order, selected, options, patches, only, cache)
                )
            )
        while (position := ends.front()) is not None:
            # each narrative's workers write its stories while the next one is prepared
            number = order[position]
            prepared = prepare(selected[number], options, cache)
            as_of_dates.append(prepared.as_of)
            started[number] = start_composing(prepared, options, patches, only)
            del prepared
            if started[number].in_workers:  # they use the cores now: the rest are read here
                ends.close_back()
        for number in range(len(selected)):  # in the narratives' order
            if number not in started and beside is not None:
                started[number] = beside.composing(number)
            composed = finish_composing(started.pop(number))
            stories += composed.stories
            held += composed.held
            skipped += composed.skipped
    finally:
        for composing in started.values():  # a narrative failed: stop the others' workers
            composing.cancel()
        if beside is not None:
            beside.forked.cancel()
    if beside is not None:
        as_of_dates += beside.as_of_dates()
    as_of = max(as_of_dates).date().isoformat() if as_of_dates else ""
    stories.sort(key=lambda story: (-story.score, story.id))
    return RunResult(as_of, stories, held, skipped)


def _beside_from(locations: list[dict[str, str]]) -> int:
    """The first position in the order from which on the process beside the run may take
    narratives: none reads a file the first one reads (the run keeps that file, so it
    prepares them itself rather than have the file read twice).

    >>> _beside_from([{"msoa": "m.csv"}, {"msoa": "m.csv"}, {"cases": "c.csv"}])
    2
    >>> _beside_from([{"msoa": "m.csv"}])
    1
    """
    first = set(locations[0].values()) if locations else set()
    position = len(locations)
    while position > 1 and not first & set(locations[position - 1].values()):
        position -= 1
    return position


@dataclass
class _Beside:
    """The narratives the process beside the run composed (``_from_the_back``)."""

    forked: workers.Forked[list[tuple[int, pd.Timestamp, Composed]]]

    def composing(self, number: int) -> Composing:
        """Narrative ``number`` as the run finishes it: waiting for the process beside."""
        return Composing(lambda: self._done()[number][1], self.forked.cancel)

    def as_of_dates(self) -> list[pd.Timestamp]:
        return [as_of for as_of, _composed in self._done().values()]

    def _done(self) -> dict[int, tuple[pd.Timestamp, Composed]]:
        return {number: (as_of, composed) for number, as_of, composed in self.forked.results()[0]}


def _from_the_back(
    ends: workers.Ends,
    order: list[int],
    selected: list[Narrative],
    options: RunOptions,
    patches: list[Patch],
    only: Patch | None,
    cache: dict[Any, pd.DataFrame],
) -> list[tuple[int, pd.Timestamp, Composed]]:
    """In the process beside the run: narratives taken from the back of ``order``, each
    prepared, composed and fact-checked here, until none is left or one fails (raised)."""
    done = []
    while (position := ends.back()) is not None:
        number = order[position]
        prepared = prepare(selected[number], options, cache)
        done.append((number, prepared.as_of, compose_prepared(prepared, options, patches, only)))
    return done
