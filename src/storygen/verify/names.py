"""The names of a story's areas in its copy: which area a sentence speaks of.

Names come from the story's facts (each subject, and the areas their values name: the
group a ranking is counted in, the area ahead, the leader), the story's own area and, for a
roundup, its patch, each also as readers know it ("Kingston upon Hull" for "Kingston upon
Hull, City of") and as copy shortens it after the first mention ("East Kent" for its NHS
trust). They are found whole-word and case-sensitively, a longer name winning
over one inside it ("Kent and Medway" over "Kent").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storygen.style.grammar import names_in_copy
from storygen.verify.evidence import Backing
from storygen.verify.match import ALL

# "behind only Thanet", "second only to Surrey": the area ahead, named in passing
AHEAD = re.compile(r"\b(?:behind only|second only to|only to)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    codes: frozenset[str]  # the areas it names; ALL for the patch; empty: no facts here
    passing: bool = False  # named only in passing: its figures follow in the same clause
    group: bool = False  # an area rankings are counted in ("of the 12 council areas in Kent")


class Names:
    """The names of a story's areas, found case-sensitively, longest first."""

    def __init__(self, story: dict[str, Any], backing: Backing) -> None:
        with_facts = backing.areas
        codes: dict[str, set[str]] = {}

        def add(name: Any, code: str) -> None:
            if isinstance(name, str) and name.strip():  # as listed, as copy writes it
                for variant in names_in_copy(name):
                    codes.setdefault(variant, set())
                    if code == ALL or code in with_facts:
                        codes[variant].add(code)

        for fact in backing.facts:
            subject = fact.get("subject") or {}
            add(subject.get("name"), subject.get("code") or "")
            if subject.get("type") == "patch":
                add(subject.get("name"), ALL)
            values = fact.get("values") or {}
            for key, value in values.items():
                if key.endswith("_name"):
                    prefix = key[: -len("_name")]
                    add(value, values.get(f"{prefix}_code") or f"name:{value}")
        for patch in story.get("patches") or []:
            if story.get("kind") != "area":
                add(patch, ALL)
        if story.get("kind") == "area":
            add(story.get("area_name"), story.get("area_code") or "")
        else:
            add(story.get("area_name"), ALL)
        self.codes = {name: frozenset(found) for name, found in codes.items()}
        values = [fact.get("values") or {} for fact in backing.facts]
        self.groups = {ALL} | {v.get("group_code") for v in values}  # where rankings are counted
        for name in {v.get("group_name") for v in values if not v.get("group_code")}:
            self.groups |= self.codes.get(name, frozenset())  # a hotspot's group, by name
        subjects = {(fact.get("subject") or {}).get("code") for fact in backing.facts} | {ALL}
        # a name the story knows only from another area's figures ("behind only Thanet")
        self.passing = {name for name, found in self.codes.items() if not found & subjects}
        self.ordered = sorted(self.codes, key=len, reverse=True)
        self.hotspot = _hotspot_reference(story, backing)

    def find(self, text: str) -> list[Mention]:
        """Every name in ``text`` (see ``names``), and "the neighbourhood" where it means the
        story's hotspot."""
        found = self._names(text)
        if self.hotspot is not None:
            pattern, codes = self.hotspot
            taken = [(m.start, m.end) for m in found]
            for match in pattern.finditer(text):
                if not any(a < match.end() and match.start() < b for a, b in taken):
                    found.append(Mention(match.start(), match.end(), match.group(), codes))
        return sorted(found, key=lambda mention: mention.start)

    def _names(self, text: str) -> list[Mention]:
        """Every name in ``text``, whole words only, a longer name winning over one inside it."""
        taken = bytearray(len(text))
        found = []
        for name in self.ordered:
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(taken[start:end]) and whole_word(text, start, end):
                    taken[start:end] = b"\x01" * len(name)
                    codes = self.codes[name]
                    group = bool(codes & self.groups)
                    passing = name in self.passing or bool(AHEAD.search(text, 0, start))
                    found.append(Mention(start, end, name, codes, passing, group))
                start = text.find(name, start + 1)
        return sorted(found, key=lambda mention: mention.start)


def whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )


def _hotspot_reference(
    story: dict[str, Any], backing: Backing
) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """In a story about an area's hotspot, "the neighbourhood" (or "the same neighbourhood")
    is the hotspot: the area named by the hotspot fact about the story's own area.

    >>> story = {"kind": "area", "area_code": "D1", "facts": [{"kind": "hotspot",
    ...     "subject": {"code": "D1", "name": "Dover"}, "value": 9.5, "values": {
    ...     "hotspot_code": "N1", "hotspot_name": "Deal", "level": "neighbourhood"}}]}
    >>> pattern, codes = _hotspot_reference(story, Backing(story))
    >>> pattern.search("Its rate fell. The same neighbourhood led.").group(), sorted(codes)
    ('The same neighbourhood', ['N1'])
    >>> pattern.search("The neighborhood led.").group()
    'The neighborhood'
    """
    if story.get("kind") != "area":
        return None
    for fact in backing.facts:
        values = fact.get("values") or {}
        level = values.get("level")
        if (
            fact.get("kind") == "hotspot"
            and (fact.get("subject") or {}).get("code") == story.get("area_code")
            and isinstance(level, str)
            and level
            and values.get("hotspot_name")
        ):
            code = values.get("hotspot_code") or f"name:{values['hotspot_name']}"
            said = re.escape(level).replace("our", "ou?r")  # "neighborhood" in AP style
            pattern = re.compile(rf"\b[Tt]he\s+(?:same\s+)?{said}\b")
            return pattern, frozenset({code})
    return None
