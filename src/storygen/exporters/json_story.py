"""The story JSON: the full record of a draft, its facts and sources."""

from __future__ import annotations

from storygen.exporters import Exporter, Join, RunInfo, StoryDict, indented_json, register


def story_json(story: StoryDict, run: RunInfo) -> str:
    return indented_json.dumps(story) + "\n"


def batch_json(stories: list[StoryDict], run: RunInfo) -> str:
    """``{"as_of": ..., "stories": [...]}`` indented as the story files are.

    >>> import json
    >>> stories = [{"id": "a", "n": [1]}, {"id": "b", "n": {}}]
    >>> run = {"as_of": "2020-11-25"}
    >>> batch = {"as_of": "2020-11-25", "stories": stories}
    >>> batch_json(stories, run) == json.dumps(batch, indent=2, ensure_ascii=False)
    True
    >>> batch_json([], run) == json.dumps({**batch, "stories": []}, indent=2)
    True
    """
    return JOIN_JSON.text((story_json(story, run) for story in stories), run)


def _head(run: RunInfo) -> str:
    return f'{{\n  "as_of": {indented_json.dumps(run["as_of"])},\n  "stories": '


def _piece(text: str, first: bool) -> str:
    """A story file's text as an item of the batch's list: indented two levels deeper, the
    same text as indenting the whole batch at once."""
    return ("[\n    " if first else ",\n    ") + text.rstrip("\n").replace("\n", "\n    ")


def _tail(count: int, run: RunInfo) -> str:
    return "\n  ]\n}" if count else "[]\n}"


JOIN_JSON = Join(_piece, _head, _tail)
register(Exporter("json", ".json", story_json, batch_json, join=JOIN_JSON))
