"""Markdown drafts: headline, standfirst, paragraphs, then sources and caveats."""

from __future__ import annotations

from storygen.exporters import Exporter, Join, RunInfo, StoryDict, register


def story_markdown(story: StoryDict, run: RunInfo) -> str:
    lines = [f"# {story['headline']}", "", f"*{story['standfirst']}*", ""]
    for paragraph in story["paragraphs"]:
        lines += [paragraph, ""]
    if story["caveats"]:
        lines += ["---", ""] + [f"> {caveat}" for caveat in story["caveats"]] + [""]
    credits = "; ".join(source["title"] for source in story["sources"])
    lines += [f"Source: {credits}.", ""]
    return "\n".join(lines)


def batch_markdown(stories: list[StoryDict], run: RunInfo) -> str:
    """Every story, one blank line between.

    >>> JOIN_MARKDOWN.text(["# A\\n", "# B\\n"], {})
    '# A\\n\\n# B\\n'
    """
    return JOIN_MARKDOWN.text((story_markdown(story, run) for story in stories), run)


JOIN_MARKDOWN = Join(lambda text, first: text if first else "\n" + text)
register(Exporter("md", ".md", story_markdown, batch_markdown, join=JOIN_MARKDOWN))
