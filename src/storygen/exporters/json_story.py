"""The story JSON: the full record of a draft, its facts and sources."""

from __future__ import annotations

import json

from storygen.exporters import Exporter, RunInfo, StoryDict, register


def story_json(story: StoryDict, run: RunInfo) -> str:
    return json.dumps(story, indent=2, ensure_ascii=False) + "\n"


def batch_json(stories: list[StoryDict], run: RunInfo) -> str:
    return json.dumps({"as_of": run["as_of"], "stories": stories}, indent=2, ensure_ascii=False)


register(Exporter("json", ".json", story_json, batch_json))
