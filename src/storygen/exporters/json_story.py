"""The story JSON: the full record of a draft, its facts and sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storygen.exporters import Exporter, RunInfo, StoryDict, indented_json, register


def story_json(story: StoryDict, run: RunInfo) -> str:
    return indented_json.dumps(story) + "\n"


def batch_json(stories: list[StoryDict], run: RunInfo) -> str:
    """``{"as_of": ..., "stories": [...]}`` indented as the story files are."""
    return "".join(join_json((story_json(story, run) for story in stories), run))


def join_json(texts: Iterable[str], run: RunInfo) -> Iterator[str]:
    """The batch file, in pieces, from the stories' own files, each indented two levels
    deeper: the same text as indenting the whole batch at once.

    >>> import json
    >>> stories = [{"id": "a", "n": [1]}, {"id": "b", "n": {}}]
    >>> run = {"as_of": "2020-11-25"}
    >>> batch = {"as_of": "2020-11-25", "stories": stories}
    >>> batch_json(stories, run) == json.dumps(batch, indent=2, ensure_ascii=False)
    True
    >>> batch_json([], run) == json.dumps({**batch, "stories": []}, indent=2)
    True
    """
    yield f'{{\n  "as_of": {indented_json.dumps(run["as_of"])},\n  "stories": '
    between = "[\n    "
    for text in texts:
        yield between
        yield text.rstrip("\n").replace("\n", "\n    ")
        between = ",\n    "
    yield "[]\n}" if between.startswith("[") else "\n  ]\n}"


register(Exporter("json", ".json", story_json, batch_json, join=join_json))
