"""The names of a story's areas in its copy: which area a sentence speaks of.

Names come from the story's facts (each subject, and the areas their values name: the
group a ranking is counted in, the area ahead, the leader), the story's own area and, for a
roundup, its patch. They are found whole-word and case-sensitively, a longer name winning
over one inside it ("Kent and Medway" over "Kent").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storygen.verify.evidence import Backing
from storygen.verify.match import ALL


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
        with_facts = {e.area for items in backing.items.values() for e in items if e.area}
        codes: dict[str, set[str]] = {}

        def add(name: Any, code: str) -> None:
            if isinstance(name, str) and name.strip():
                for variant in {name, name.replace(" and The ", " and the ")}:
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
        self.groups = {ALL} | {  # areas rankings are counted in
            (fact.get("values") or {}).get("group_code") for fact in backing.facts
        }
        subjects = {(fact.get("subject") or {}).get("code") for fact in backing.facts} | {ALL}
        # a name the story knows only from another area's figures ("behind only Thanet")
        self.passing = {name for name, found in self.codes.items() if not found & subjects}
        self.ordered = sorted(self.codes, key=len, reverse=True)

    def find(self, text: str) -> list[Mention]:
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
                    found.append(Mention(start, end, name, codes, name in self.passing, group))
                start = text.find(name, start + 1)
        return sorted(found, key=lambda mention: mention.start)


def whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )
