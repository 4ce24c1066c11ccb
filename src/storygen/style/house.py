"""House styles: the settings that decide how a figure, a date or a list is printed.

UK PA style is the default; AP style is the other built-in choice. Where the two agree
(numbers one to nine in words, ``%`` after figures, no serial comma, ``November 26, 2020``
for a date with its year), they share a setting; a newsroom with its own rules makes its
own with ``dataclasses.replace(PA, percent=" per cent")``.
"""

from __future__ import annotations

from dataclasses import dataclass

MONTH_FORMATS = {"full", "ap"}


@dataclass(frozen=True)
class HouseStyle:
    """One newsroom's rules for printing figures, dates and lists."""

    name: str  # "pa" or "ap", or a newsroom's own
    percent: str = "%"  # written after a percentage: "%" -> "2.6%", " per cent" -> "2.6 per cent"
    oxford_comma: bool = False  # True -> "Ashford, Dover, and Medway"
    month_format: str = "full"  # "full" -> "November 26"; "ap" -> "Nov. 26" (March to July in full)
    words_up_to: int = 9  # whole numbers from zero to this are words, larger ones figures
    million_words: bool = True  # True -> "three million"; False -> "3 million" (AP)
    possessive_s: str = "'s"  # ending after a name ending in s: "'s" -> "Wales's"; "'" -> "Wales'"
    # words the house spells its own way: (as templates write it, as the house prints it)
    spellings: tuple[tuple[str, str], ...] = ()

    def spell(self, text: str) -> str:
        """``text`` with the house's own spellings.

        >>> AP.spell("Covid-19 rates rise"), PA.spell("Covid-19 rates rise")
        ('COVID-19 rates rise', 'Covid-19 rates rise')
        >>> PA.spell("Rates in St. Helens"), AP.spell("Rates in St. Helens")
        ('Rates in St Helens', 'Rates in St. Helens')
        >>> AP.spell("It rose for three weeks running, up 4.1% on a week earlier.")
        'It rose for three weeks in a row, up 4.1% from a week earlier.'
        """
        for written, printed in self.spellings:
            text = text.replace(written, printed)
        return text

    def __post_init__(self) -> None:
        if self.month_format not in MONTH_FORMATS:
            choices = ", ".join(sorted(MONTH_FORMATS))
            raise ValueError(
                f"house style {self.name!r}: month_format {self.month_format!r} is not one of "
                f"{choices}"
            )
        if self.possessive_s not in ("'s", "'"):
            raise ValueError(
                f'house style {self.name!r}: possessive_s must be "\'s" or "\'", '
                f"got {self.possessive_s!r}"
            )
        if self.words_up_to < 0:
            raise ValueError(f"house style {self.name!r}: words_up_to must be 0 or more")


PA = HouseStyle(
    name="pa",
    spellings=(("St. ", "St "),),  # no full points in abbreviations: "St Helens"
)
AP = HouseStyle(
    name="ap",
    month_format="ap",
    million_words=False,
    possessive_s="'",
    spellings=(
        ("Covid-19", "COVID-19"),  # the AP Stylebook's spelling
        # American usage for British turns of phrase: "up 4.1% from a week earlier", "for
        # three weeks in a row", where British copy has "on a week earlier", "weeks running"
        ("on a week earlier", "from a week earlier"),
        ("on the week before", "from the week before"),
        ("% on the week", "% from the week before"),
        ("weeks running", "weeks in a row"),
        ("days running", "days in a row"),
        # and American spelling: "neighborhood", "tripled"
        ("neighbourhood", "neighborhood"),
        ("Neighbourhood", "Neighborhood"),
        ("trebled", "tripled"),
    ),
)

HOUSE_STYLES: dict[str, HouseStyle] = {"pa": PA, "ap": AP}


def house_style(name: str) -> HouseStyle:
    """The built-in house style called ``name`` (case does not matter).

    >>> house_style("PA").percent
    '%'
    >>> house_style("ap").month_format
    'ap'
    >>> house_style("times")
    Traceback (most recent call last):
    ...
    ValueError: unknown house style 'times'; choose from ap, pa
    """
    try:
        return HOUSE_STYLES[name.lower()]
    except KeyError:
        choices = ", ".join(sorted(HOUSE_STYLES))
        raise ValueError(f"unknown house style {name!r}; choose from {choices}") from None
