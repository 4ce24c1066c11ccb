"""Copy checks: what a sub-editor would strike out of a draft before reading it for sense.

Each check looks at one story's standfirst and body as sentences: a sentence over
``MAX_WORDS`` words, a sentence said twice, two sentences opening with the same words, a
sentence opening with a figure, and leftovers of a template gone wrong ("nan", "None",
"a rise of -3%", "in all two areas" for "in both", "rates rose in none and fell in one",
"Sevenoaks's Sevenoaks Town & Weald").
``storygen validate`` and the tests run them over every story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_WORDS = 40
OPENING_WORDS = 2  # sentences sharing this many first words open the same way

_BREAK = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[\"'‘“(]?[A-Z0-9£$])")
_ABBREVIATIONS = ("Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "St.", "No.")
_LEFTOVERS = (
    (re.compile(r"\b(nan|None|NaN|inf|Undefined)\b"), "a missing value printed as text"),
    (re.compile(r"\b(rise|increase|up|fall|down|drop) (of |by )?-\d"), "a signed change"),
    (re.compile(r"\(\s*\)"), "empty brackets"),
    (re.compile(r"\s[,.;:]"), "a space before punctuation"),
    (re.compile(r"[,;:]\s*[,.;:]"), "doubled punctuation"),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "a doubled full stop"),
    (re.compile(r"\b(\w+) \1\b", re.IGNORECASE), "a doubled word"),
    (re.compile(r"\ball (one|two)\b", re.IGNORECASE), '"all" of one or two'),
    (re.compile(r"\b([\w,]+) of the \1\b"), '"six of the six" for "all six"'),
    # "rose in none and fell in one" (but "fell in none of the 54 council areas" is said)
    (re.compile(r"\b(rose|fell|up|down) in none\b(?!\s+of\b)"), "a way no area moved"),
    # "Sevenoaks's Sevenoaks Town & Weald": the name says where it is already
    (re.compile(r"\b([A-Z][\w-]*)['\u2019]s? \1\b"), "a name after its own possessive"),
)


@dataclass(frozen=True)
class Problem:
    where: str  # "standfirst" or "paragraph 3"
    sentence: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}: {self.sentence!r}"


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, not split after a month abbreviation ("Nov. 26").

    >>> sentences("Cases rose. The rate (24.0) fell on Nov. 26. England's rate fell.")
    ['Cases rose.', 'The rate (24.0) fell on Nov. 26.', "England's rate fell."]
    """
    parts = _BREAK.split(text.strip())
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1].endswith(_ABBREVIATIONS):
            joined[-1] = f"{joined[-1]} {part}"
        elif part:
            joined.append(part)
    return joined


def word_count(sentence: str) -> int:
    """Words as a reader counts them: figures count as one word each.

    >>> word_count("Swale had 846 cases, a rate of 563.7 per 100,000 people.")
    11
    """
    return len(sentence.split())


def opening(sentence: str, words: int = OPENING_WORDS) -> str:
    """The first words of a sentence, lower-cased and without punctuation.

    >>> opening("The rate, at 24.0, fell."), opening("Rates fell.")
    ('the rate', 'rates fell')
    """
    return " ".join(re.sub(r"[^\w\s'-]", "", sentence).lower().split()[:words])


def check(standfirst: str, paragraphs: Iterable[str]) -> list[Problem]:
    """Every problem in a story's standfirst and body, in reading order.

    >>> for problem in check("Cases rose.", ["Cases rose in Kent. 12 people died.", "Cases rose."]):
    ...     print(problem)
    paragraph 1: opens like an earlier sentence ('cases rose'): 'Cases rose in Kent.'
    paragraph 1: opens with a figure: '12 people died.'
    paragraph 2: said twice: 'Cases rose.'
    """
    found: list[Problem] = []
    seen: set[str] = set()
    openings: set[str] = set()
    parts = [("standfirst", standfirst)] + [
        (f"paragraph {number}", text) for number, text in enumerate(paragraphs, 1)
    ]
    for where, text in parts:
        for sentence in sentences(text):
            key = sentence.lower()
            if key in seen:
                found.append(Problem(where, sentence, "said twice"))
                continue
            seen.add(key)
            start = opening(sentence)
            if start in openings:
                found.append(
                    Problem(where, sentence, f"opens like an earlier sentence ({start!r})")
                )
            openings.add(start)
            if word_count(sentence) > MAX_WORDS:
                found.append(
                    Problem(where, sentence, f"{word_count(sentence)} words, over {MAX_WORDS}")
                )
            if re.match(r"[\"'‘“(]?[\d£$]", sentence):
                found.append(Problem(where, sentence, "opens with a figure"))
            for pattern, message in _LEFTOVERS:
                if pattern.search(sentence):
                    found.append(Problem(where, sentence, message))
    return found


def check_story(story: dict) -> list[Problem]:
    """``check`` on a story's JSON form (its headline is checked for leftovers only)."""
    problems = check(story["standfirst"], story["paragraphs"])
    for pattern, message in _LEFTOVERS:
        if pattern.search(story["headline"]):
            problems.append(Problem("headline", story["headline"], message))
    return problems
