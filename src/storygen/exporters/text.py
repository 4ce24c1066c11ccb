"""Plain text: headline, standfirst and paragraphs, one a line with blank lines between,
then the notes for the desk (caveats, source, as-of date). Lines are not wrapped, so a
CMS or an email client can reflow them.
"""

from __future__ import annotations

from storygen.exporters import Exporter, RunInfo, StoryDict, register
from storygen.exporters.metadata import editors_notes

STORY_SEPARATOR = "* * *"


def story_text(story: StoryDict, run: RunInfo) -> str:
    blocks = [story["headline"], story["standfirst"], *story["paragraphs"]]
    notes = [
        f"Note: {text}" if kind == "caveat" else text for kind, text in editors_notes(story, run)
    ]
    return "\n\n".join(blocks) + "\n\n" + "\n".join(notes) + "\n"


def batch_text(stories: list[StoryDict], run: RunInfo) -> str:
    return f"\n{STORY_SEPARATOR}\n\n".join(story_text(story, run) for story in stories)


register(Exporter("txt", ".txt", story_text, batch_text))
