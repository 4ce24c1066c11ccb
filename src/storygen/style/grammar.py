"""Grammar around figures: counts with their nouns, agreement, articles, lists, possessives."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sized
from decimal import Decimal

from num2words import num2words

from storygen.style import inflection
from storygen.style.house import PA, HouseStyle
from storygen.style.numbers import as_decimal, number, number_start

LEADING_FIGURE = re.compile(r"[£$€]?(-?[\d,]*\.?\d+)")  # a figure that opens a phrase: "11%", "£8m"


def _how_many(n: object, filter_name: str) -> object:
    """A number as given, or the length of a collection (a list of areas counts its areas)."""
    if isinstance(n, Sized) and not isinstance(n, str):
        return len(n)
    as_decimal(n, filter_name)  # refuses None, nan and text
    return n


def _is_one(n: object, filter_name: str) -> bool:
    return as_decimal(_how_many(n, filter_name), filter_name) == 1


def plural(noun: str, n: object) -> str:
    """The form of ``noun`` that agrees with ``n``: singular for one, plural otherwise.

    Template: ``{{ "case"|plural(3) }}`` -> ``cases``

    ``n`` may be a number or a collection (its length counts).

    >>> plural("case", 1), plural("case", 0), plural("local authority", 2), plural("person", 7)
    ('case', 'cases', 'local authorities', 'people')
    >>> plural("patient in hospital", 2), plural("area", ["Dover"])
    ('patients in hospital', 'area')
    """
    return noun if _is_one(n, "plural") else inflection.plural_noun(noun)


def count(n: object, noun: str, *, style: HouseStyle = PA) -> str:
    """A number and its noun in agreement: "one case", "six areas", "1,234 cases".

    Template: ``{{ 6|count("area") }}`` -> ``six areas``

    Zero is "no": "no cases". ``n`` may be a collection: its length counts.

    >>> count(1, "case"), count(6, "area"), count(12, "area"), count(1234, "case")
    ('one case', 'six areas', '12 areas', '1,234 cases')
    >>> count(0, "death"), count(["Dover", "Kent"], "district")
    ('no deaths', 'two districts')
    """
    how_many = _how_many(n, "count")
    figure = "no" if as_decimal(how_many, "count") == 0 else number(how_many, style=style)
    return f"{figure} {plural(noun, how_many)}"


def of_total(n: object, total: object, *, style: HouseStyle = PA) -> str:
    """How many of a group, as copy says it: "six of the 12", or "all 54" for the whole group.

    Two of two are "both", and nought of five "none of the five". A group of one has no
    "of the" ("one of the one"), and a part larger than its group is a mistake in the plan:
    both are refused, so the story is held.

    Template: ``rates fell in {{ 54|of_total(54) }} council areas`` -> ``rates fell in all 54 council areas``

    >>> of_total(6, 12), of_total(54, 54), of_total(2, 2), of_total(0, 5)
    ('six of the 12', 'all 54', 'both', 'none of the five')
    >>> of_total(1, 1)
    Traceback (most recent call last):
    ...
    ValueError: of_total: a group of 1 has no 'of the'; say it another way, e.g. 'the only one'
    """
    how_many = _how_many(n, "of_total")
    whole = _how_many(total, "of_total")
    part, group = as_decimal(how_many, "of_total"), as_decimal(whole, "of_total")
    if group < 2:
        raise ValueError(
            f"of_total: a group of {whole} has no 'of the'; say it another way, e.g. 'the only one'"
        )
    if not 0 <= part <= group:
        raise ValueError(f"of_total: {how_many} is not part of a group of {whole}")
    if part == group:
        return "both" if group == 2 else f"all {number(whole, style=style)}"
    if part == 0:
        return f"none of the {number(whole, style=style)}"
    return f"{number(how_many, style=style)} of the {number(whole, style=style)}"


def count_start(n: object, noun: str) -> str:
    """A number and its noun to open a sentence, in words and capitalised: "Six areas".

    Template: ``{{ 46|count_start("area") }} saw a rise.`` -> ``Forty-six areas saw a rise.``

    >>> count_start(6, "area"), count_start(1, "trust"), count_start(0, "death")
    ('Six areas', 'One trust', 'No deaths')
    """
    how_many = _how_many(n, "count_start")
    figure = "No" if as_decimal(how_many, "count_start") == 0 else number_start(how_many)
    return f"{figure} {plural(noun, how_many)}"


def is_are(n: object) -> str:
    """The verb "to be" agreeing with ``n`` (a number or a collection): "is" for one, else "are".

    Template: ``{{ 3|count("area") }} {{ 3|is_are }}`` -> ``three areas are``

    >>> is_are(1), is_are(0), is_are(["Dover", "Kent"])
    ('is', 'are', 'are')
    """
    return "is" if _is_one(n, "is_are") else "are"


def was_were(n: object) -> str:
    """Past "to be" agreeing with ``n``: "was" for one, else "were".

    Template: ``{{ 2|count("case") }} {{ 2|was_were }}`` -> ``two cases were``

    >>> was_were(1), was_were(2)
    ('was', 'were')
    """
    return "was" if _is_one(n, "was_were") else "were"


def has_have(n: object) -> str:
    """The verb "to have" agreeing with ``n``: "has" for one, else "have".

    Template: ``{{ 1|count("trust") }} {{ 1|has_have }}`` -> ``one trust has``

    >>> has_have(1), has_have(14)
    ('has', 'have')
    """
    return "has" if _is_one(n, "has_have") else "have"


def _spoken(figure: Decimal) -> str:
    whole = figure == figure.to_integral_value()
    return num2words(int(figure) if whole else figure, lang="en")


def a_an(phrase: object) -> str:
    """``phrase`` with "a" or "an" before it, as it is said aloud: "an 11% rise".

    Template: ``{{ "11% rise"|a_an }}`` -> ``an 11% rise``

    A figure is judged by its spoken words ("an 8", "a 1,000", "an £8m" - eight million).

    >>> a_an("area"), a_an("rise"), a_an("NHS trust"), a_an("11% rise"), a_an("18-year-old")
    ('an area', 'a rise', 'an NHS trust', 'an 11% rise', 'an 18-year-old')
    >>> a_an("1,000-fold rise"), a_an(8), a_an("£8m fund"), a_an("one-off")
    ('a 1,000-fold rise', 'an 8', 'an £8m fund', 'a one-off')
    """
    text = str(phrase).strip()
    if not text:
        raise ValueError("a_an: needs a word or phrase, got an empty one")
    figure = LEADING_FIGURE.match(text)
    spoken = _spoken(Decimal(figure[1].replace(",", ""))) if figure else text
    article = inflection.a(spoken).split(" ", 1)[0]
    return f"{article} {text}"


_BRACKETED = re.compile(r"\([^()]*\)")  # "(261, down from 272)": a figure's own words


def list_of(items: Iterable[object], *, style: HouseStyle = PA) -> str:
    """Items as an English list: "Ashford, Dover and Medway" (serial comma if the house uses it).

    Template: ``{{ ["Ashford", "Dover", "Medway"]|list_of }}`` -> ``Ashford, Dover and Medway``

    Where either of the last two items has an "and" of its own ("Folkestone and Hythe"), a
    comma goes before the final "and", so a reader can tell where one name ends and the next
    begins; an "and" further back is already parted by commas and needs none.

    >>> list_of(["Ashford", "Dover", "Medway"]), list_of(["Kent", "Medway"]), list_of(["Kent"])
    ('Ashford, Dover and Medway', 'Kent and Medway', 'Kent')
    >>> from dataclasses import replace
    >>> list_of(["Ashford", "Dover", "Medway"], style=replace(PA, oxford_comma=True))
    'Ashford, Dover, and Medway'
    >>> list_of(["Dover", "Tonbridge and Malling", "Ashford"])
    'Dover, Tonbridge and Malling, and Ashford'
    >>> list_of(["Ashford", "Folkestone and Hythe"])
    'Ashford, and Folkestone and Hythe'
    >>> list_of(["Tonbridge and Malling (30.3)", "Tunbridge Wells (28.6)", "Dover (22.0)"])
    'Tonbridge and Malling (30.3), Tunbridge Wells (28.6) and Dover (22.0)'

    Items with commas of their own are parted by semicolons, but for two whose commas are
    all in names closed by a bracketed figure: the bracket shows where the name ends. A
    comma inside brackets parts nothing, as the brackets close round it:

    >>> list_of(["Dumpton (646.5)", "Hoath, Hersden & Littlebourne (583.7)", "Ditton (333.3)"])
    'Dumpton (646.5); Hoath, Hersden & Littlebourne (583.7); and Ditton (333.3)'
    >>> list_of(["Ditton (333.3)", "Hoath, Hersden & Littlebourne (583.7)"])
    'Ditton (333.3) and Hoath, Hersden & Littlebourne (583.7)'
    >>> list_of(["Cygnet Lodge Brighouse", "Nuffield Health, Newcastle upon Tyne Hospital"])
    'Cygnet Lodge Brighouse; and Nuffield Health, Newcastle upon Tyne Hospital'
    >>> list_of(["Medway (261, down from 272)", "Dartford and Gravesham (246, down from 268)"])
    'Medway (261, down from 272), and Dartford and Gravesham (246, down from 268)'
    >>> list_of(["Swale (301, up from 250)", "Dover (120, down from 130)"])
    'Swale (301, up from 250) and Dover (120, down from 130)'
    """
    if isinstance(items, str):
        raise ValueError(f"list_of: needs a list of items, got the text {items!r}")
    names = [str(item) for item in items]
    if not names:
        raise ValueError("list_of: needs at least one item, got an empty list")
    if len(names) == 1:
        return names[0]
    commas = [name for name in names if "," in _BRACKETED.sub("", name)]
    if commas and (len(names) > 2 or not all(name.endswith(")") for name in commas)):
        return f"{'; '.join(names[:-1])}; and {names[-1]}"
    has_and = any(" and " in _BRACKETED.sub("", name) for name in names[-2:])
    if len(names) == 2 and not has_and:
        return " and ".join(names)
    last_comma = "," if style.oxford_comma or has_and else ""
    return f"{', '.join(names[:-1])}{last_comma} and {names[-1]}"


def capfirst(text: str) -> str:
    """``text`` with its first letter capitalised and the rest untouched.

    Template: ``{{ "more than doubled in Kent"|capfirst }}`` -> ``More than doubled in Kent``

    >>> capfirst("the NHS in Kent"), capfirst("")
    ('The NHS in Kent', '')
    """
    return str(text)[:1].upper() + str(text)[1:]


# Last words that make a place name plural ("the East Midlands", "Three Rivers", "Derbyshire
# Dales"): its possessive takes the apostrophe alone in every style, as a plural noun does
_PLURAL_LAST_WORDS = frozenset({
    "Midlands", "Netherlands", "Hamlets", "Rivers", "Dales", "Moorlands", "Hills", "Hams",
    "Wells", "Sands", "Marshes", "Fields", "Meadows", "Woods", "Cliffs", "Heights", "Bridges",
    "Lanes", "Leys", "Downs", "Meads", "Lakes", "Broads", "Gardens", "Wolds", "Fens", "Vales",
})  # fmt: skip


def possessive(name: str, *, style: HouseStyle = PA) -> str:
    """The possessive of a name: "Kent's"; "Wales's" (PA) or "Wales'" (AP); "Three Rivers'".

    A plural name takes the apostrophe alone in both styles ("the East Midlands' counties").

    Template: ``{{ "Kent"|possessive }} rate`` -> ``Kent's rate``

    An abbreviation in capitals takes "'s" in both styles ("the NHS's").

    >>> from storygen.style.house import AP
    >>> possessive("Kent"), possessive("Wales"), possessive("Wales", style=AP), possessive("NHS")
    ("Kent's", "Wales's", "Wales'", "NHS's")
    >>> possessive("East Midlands"), possessive("Derbyshire Dales"), possessive("Milton Keynes")
    ("East Midlands'", "Derbyshire Dales'", "Milton Keynes's")
    """
    text = str(name).strip()
    if not text:
        raise ValueError("possessive: needs a name, got an empty one")
    if text.rsplit(" ", 1)[-1] in _PLURAL_LAST_WORDS:
        return text + "'"
    if text.endswith("s"):
        return text + style.possessive_s
    return text + "'s"


# Islands, which take "the" wherever they stand ("cases on the Isle of Wight")
_ISLANDS = ("Isle of Wight", "Isles of Scilly")
# Places whose name takes "the" wherever it stands: the islands, and "the City of London"
_WITH_THE = (*_ISLANDS, "City of London")
# English regions and NHS regions, which take "the"; counties such as West Sussex do not
_TAKES_THE = frozenset({
    "North East", "North West", "South East", "South West", "East Midlands", "West Midlands",
    "East of England", "Midlands", "North East and Yorkshire", *_WITH_THE,
})  # fmt: skip


def place(name: str) -> str:
    """A place name as it stands mid-sentence, with "the" where English needs it.

    Template: ``in {{ "South East"|place }}`` -> ``in the South East``

    >>> place("South East"), place("East of England"), place("London"), place("Kent")
    ('the South East', 'the East of England', 'London', 'Kent')
    >>> place("Yorkshire and The Humber"), place("England"), place("West Sussex")
    ('Yorkshire and the Humber', 'England', 'West Sussex')
    """
    name = name.replace(" and The ", " and the ")
    if name in _TAKES_THE:
        return f"the {name}"
    return name


# A name that takes "the" printed bare ("the Isle of Wight's rate" once "the" is added), but
# not in a trust's own name ("Isle of Wight NHS Trust"); and "the" before one starting a
# sentence
_BARE = re.compile(rf"(?<![Tt]he )\b({'|'.join(_WITH_THE)})\b(?! NHS)")
_THE_STARTS = re.compile(rf"(^|[.?!]\s+)the (?=(?:{'|'.join(_WITH_THE)})\b)")
# "cases on the Isle of Wight", not "in": the island itself, not its trust's hospitals ("in
# the Isle of Wight NHS Trust") nor what is the island's ("in the Isle of Wight's hospitals")
_IN_ISLAND = re.compile(rf"\b([Ii])n the (?=(?:{'|'.join(_ISLANDS)})\b(?!['\u2019]s\b| NHS))")


def places_with_the(text: str) -> str:
    """Copy with "the" before an island's name, or the City of London's, a template printed
    bare, capitalised where it starts a sentence, and "on" the island where a template said
    "in"; a renderer's last pass over each story.

    >>> places_with_the("Isle of Wight has the lowest rate. Cases in Isle of Wight rose.")
    'The Isle of Wight has the lowest rate. Cases on the Isle of Wight rose.'
    >>> places_with_the("It is the Isle of Wight's rate. Isle of Wight NHS Trust had 66.")
    "It is the Isle of Wight's rate. Isle of Wight NHS Trust had 66."
    >>> places_with_the("In the Isles of Scilly, none. Beds in the Isle of Wight's hospitals.")
    "On the Isles of Scilly, none. Beds in the Isle of Wight's hospitals."
    >>> places_with_the("The highest rate, 3,816.5, is in City of London. City of London led.")
    'The highest rate, 3,816.5, is in the City of London. The City of London led.'
    """
    if not any(name in text for name in _WITH_THE):
        return text
    text = _BARE.sub(r"the \1", text)
    text = _IN_ISLAND.sub(lambda m: ("O" if m.group(1) == "I" else "o") + "n the ", text)
    return _THE_STARTS.sub(lambda m: m.group(1) + "The ", text)


# "at the Royal Wolverhampton trust", "Then came the Dudley Group": the "The" that begins a
# name is a small "the" inside a sentence, after a word, a comma or a semicolon
_THE_INSIDE = re.compile(r"(?<=[a-z,;] )The (?=[A-Z])")


def the_inside_sentences(text: str) -> str:
    """Copy with a name's own "The" in lower case where the name stands inside a sentence; a
    renderer's last pass over each story.

    >>> the_inside_sentences("Patients at The Royal Wolverhampton trust rose. The Dudley Group had 141.")
    'Patients at the Royal Wolverhampton trust rose. The Dudley Group had 141.'
    >>> the_inside_sentences("Next came Kingston (88); The Rotherham (151), and The Christie (3).")
    'Next came Kingston (88); the Rotherham (151), and the Christie (3).'
    >>> the_inside_sentences("Borden & The Meads had the highest rate. The rate rose.")
    'Borden & The Meads had the highest rate. The rate rose.'
    """
    return _THE_INSIDE.sub("the ", text) if "The " in text else text


_OFFICIAL_SUFFIX = re.compile(r",\s*(City|County|Borough) of$")


def area_name(name: str) -> str:
    """An area's name as a reader knows it, without an official list's inverted suffix.

    Template: ``{{ "Bristol, City of"|area_name }}`` -> ``Bristol``

    >>> area_name("Kingston upon Hull, City of"), area_name("Herefordshire, County of")
    ('Kingston upon Hull', 'Herefordshire')
    >>> area_name("Folkestone and Hythe")
    'Folkestone and Hythe'
    """
    return _OFFICIAL_SUFFIX.sub("", str(name).strip())


_TRUST_WORDS = re.compile(
    r",?\s+(University\s+)?(Hospitals?\s+)?(University\s+)?NHS(\s+Foundation)?\s+Trust$"
)


def short_name(name: str) -> str:
    """An NHS trust's name as copy uses it after the first mention: the place, not the title.

    Template: ``{{ "Medway NHS Foundation Trust"|short_name }} trust`` -> ``Medway trust``

    Other names are left alone.

    >>> short_name("East Kent Hospitals University NHS Foundation Trust")
    'East Kent'
    >>> short_name("Maidstone and Tunbridge Wells NHS Trust"), short_name("Kent")
    ('Maidstone and Tunbridge Wells', 'Kent')
    >>> short_name("The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust")
    "Queen Elizabeth Hospital, King's Lynn"
    >>> short_name("The Rotherham NHS Foundation Trust"), short_name("The New Victoria Hospital")
    ('Rotherham', 'The New Victoria Hospital')
    """
    text = str(name).strip()
    shorter = _TRUST_WORDS.sub("", text)
    if shorter == text or not shorter:
        return text
    return shorter.removeprefix("The ")  # "Rotherham (151)", "at Royal Wolverhampton trust"


@functools.lru_cache(maxsize=65536)  # the fact-check asks for every name of every story
def names_in_copy(name: str) -> tuple[str, ...]:
    """Every way copy may write an area's name: as listed, as readers know it
    (``area_name``), as it stands mid-sentence (``place``, without "the"), as shortened
    after the first mention (``short_name``) and without full points ("St Helens", as PA
    style spells it).

    >>> sorted(names_in_copy("Bristol, City of"))
    ['Bristol', 'Bristol, City of']
    >>> names_in_copy("Yorkshire and The Humber")
    ('Yorkshire and The Humber', 'Yorkshire and the Humber')
    >>> names_in_copy("Kent"), names_in_copy("St. Helens")
    (('Kent',), ('St. Helens', 'St Helens'))
    >>> names_in_copy("The Dudley Group NHS Foundation Trust")[1:]
    ('Dudley Group', 'the Dudley Group NHS Foundation Trust')
    >>> names_in_copy("Hackney and City of London")
    ('Hackney and City of London', 'Hackney and the City of London')
    """
    listed = str(name)
    known = area_name(listed)
    found = (listed, known, place(known).removeprefix("the "), short_name(listed))
    inside = (f"the {n[4:]}" for n in found if n.startswith("The "))  # the_inside_sentences
    within = (places_with_the(n) for n in found)  # "Hackney and the City of London"
    named = (*found, *inside, *(n for n in within if not n.lower().startswith("the ")))
    return tuple(dict.fromkeys((*named, *(n.replace("St. ", "St ") for n in named))))
