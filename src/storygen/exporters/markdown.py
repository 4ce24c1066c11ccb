"""Markdown drafts: headline, standfirst, paragraphs, then sources and caveats."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storygen.exporters import Exporter, RunInfo, StoryDict, register


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
    return "".join(join_markdown((story_markdown(story, run) for story in stories), run))


def join_markdown(texts: Iterable[str], run: RunInfo) -> Iterator[str]:
    """The batch file, in pieces, from the stories' own Markdown: one blank line between.

    >>> "".join(join_markdown(["# A\\n", "# B\\n"], {}))
    '# A\\n\\n# B\\n'
    """
    first = True
    for text in texts:
        if not first:
            yield "\n"
        yield text
        first = False


register(Exporter("md", ".md", story_markdown, batch_markdown, join=join_markdown))
