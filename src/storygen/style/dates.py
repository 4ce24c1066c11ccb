"""Dates in copy: "November 26" (PA) or "Nov. 26" (AP), and the phrases built on them.

Each filter takes a ``datetime.date``, a ``datetime.datetime`` or pandas ``Timestamp``, a
numpy ``datetime64`` or an ISO date string ("2020-11-26", a time after it is ignored).
A date with its year is "November 26, 2020" in both built-in styles.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from jinja2 import Undefined

from storygen.style.house import PA, HouseStyle

AP_MONTHS = {  # AP abbreviates these months before a day; March to July stay in full
    1: "Jan.",
    2: "Feb.",
    8: "Aug.",
    9: "Sept.",
    10: "Oct.",
    11: "Nov.",
    12: "Dec.",
}
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?")


def as_date(value: object, filter_name: str) -> dt.date:
    """The calendar date ``value`` stands for; ValueError for None, NaT or unreadable text.

    >>> as_date("2020-11-26T00:00:00", "date")
    datetime.date(2020, 11, 26)
    >>> as_date("26/11/2020", "date")
    Traceback (most recent call last):
    ...
    ValueError: date: cannot read '26/11/2020' as a date; expected an ISO date such as 2020-11-26
    """
    if isinstance(value, dt.datetime):  # pandas Timestamp too
        if value == value:  # NaT is not equal to itself
            return value.date()
    elif isinstance(value, dt.date):
        return value
    elif isinstance(value, Undefined):
        raise ValueError(
            f"{filter_name}: the template passed an undefined value: "
            f"{value._undefined_message} (a misspelt variable, or a value the fact does not have?)"
        )
    elif value is not None:
        match = ISO_DATE.fullmatch(str(value).strip())
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
    raise ValueError(
        f"{filter_name}: cannot read {value!r} as a date; expected an ISO date such as 2020-11-26"
    )


def _day_month(value: object, filter_name: str, style: HouseStyle) -> str:
    if type(value) is str:  # as copy and charts pass them, a few dates thousands of times
        return _day_month_of_text(value, filter_name, style)
    return _month_day(as_date(value, filter_name), style)


@lru_cache(maxsize=4096)
def _day_month_of_text(text: str, filter_name: str, style: HouseStyle) -> str:
    return _month_day(as_date(text, filter_name), style)


def _month_day(day: dt.date, style: HouseStyle) -> str:
    if style.month_format == "ap":
        month = AP_MONTHS.get(day.month, f"{day:%B}")
    else:
        month = f"{day:%B}"
    return f"{month} {day.day}"


def date(value: object, *, style: HouseStyle = PA) -> str:
    """A day and month: "November 26" (PA) or "Nov. 26" (AP).

    Template: ``{{ "2020-11-26"|date }}`` -> ``November 26``

    >>> from storygen.style.house import AP
    >>> date("2020-11-26"), date("2020-11-26", style=AP), date("2020-06-03", style=AP)
    ('November 26', 'Nov. 26', 'June 3')
    >>> date(dt.date(2021, 9, 1), style=AP)
    'Sept. 1'
    """
    return _day_month(value, "date", style)


def date_year(value: object, *, style: HouseStyle = PA) -> str:
    """A day, month and year: "November 26, 2020" (a comma before the year in both styles).

    Template: ``{{ "2020-11-26"|date_year }}`` -> ``November 26, 2020``

    >>> from storygen.style.house import AP
    >>> date_year("2020-11-26"), date_year("2020-11-26", style=AP)
    ('November 26, 2020', 'Nov. 26, 2020')
    """
    return f"{_day_month(value, 'date_year', style)}, {as_date(value, 'date_year').year}"


def month_year(value: object) -> str:
    """A month and year, month in full in both styles: "November 2020".

    Template: ``since {{ "2020-11-26"|month_year }}`` -> ``since November 2020``

    >>> month_year("2021-01-10")
    'January 2021'
    """
    return f"{as_date(value, 'month_year'):%B %Y}"


def weekday(value: object) -> str:
    """The day of the week: "Thursday".

    Template: ``on {{ "2020-11-26"|weekday }}`` -> ``on Thursday``

    >>> weekday("2020-11-26")
    'Thursday'
    """
    return f"{as_date(value, 'weekday'):%A}"


def week_to(value: object, *, style: HouseStyle = PA) -> str:
    """The seven days up to and including a date: "the seven days to November 26".

    Template: ``in {{ "2020-11-26"|week_to }}`` -> ``in the seven days to November 26``

    >>> week_to("2020-11-26")
    'the seven days to November 26'
    """
    return f"the seven days to {_day_month(value, 'week_to', style)}"


def week_ending(value: object, *, style: HouseStyle = PA) -> str:
    """The week that ends on a date: "the week ending November 28".

    Template: ``in {{ "2020-11-28"|week_ending }}`` -> ``in the week ending November 28``

    >>> week_ending("2020-11-28")
    'the week ending November 28'
    """
    return f"the week ending {_day_month(value, 'week_ending', style)}"


def since(value: object, *, style: HouseStyle = PA) -> str:
    """Since a date in the same year as the story: "since October 7".

    Template: ``the highest {{ "2020-10-07"|since }}`` -> ``the highest since October 7``

    For a date in an earlier year write ``since {{ day|date_year }}`` or
    ``since {{ day|month_year }}``.

    >>> since("2020-10-07")
    'since October 7'
    """
    return f"since {_day_month(value, 'since', style)}"


def story_date(value: object, as_of: object, *, style: HouseStyle = PA) -> str:
    """A date as a story written on ``as_of`` gives it: the year only when it is another year.

    Template: ``since {{ "2020-09-29"|story_date("2021-03-03") }}`` -> ``since September 29, 2020``

    In a template the story's date is ``as_of``: ``{{ record.since|story_date(as_of) }}``.

    >>> story_date("2020-10-07", "2020-11-25"), story_date("2020-09-29", "2021-03-03")
    ('October 7', 'September 29, 2020')
    """
    day = as_date(value, "story_date")
    if day.year == as_date(as_of, "story_date").year:
        return _day_month(day, "story_date", style)
    return f"{_day_month(day, 'story_date', style)}, {day.year}"
