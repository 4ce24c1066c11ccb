"""Newsroom metadata the CMS formats share: status, language, credits, licences, editor's notes.

Each helper reads a story dict (``Story.to_dict()``) or the run info, so that ninjs, NITF,
WXR, HTML and text say the same thing about a story in their own syntax.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import quote

from storygen.exporters import RunInfo, StoryDict

DEFAULT_BYLINE = "storygen data desk"
LANGUAGES = {"pa": "en-GB", "ap": "en-US"}  # house style -> BCP 47 language tag
DEFAULT_LANGUAGE = "en-GB"
URGENCY = 5  # IPTC urgency 1 (highest) to 9: routine, data copy never outranks the desk's own
# ONS linked-data identifiers for GSS codes: <scheme><code> names the area.
GSS_SCHEME = "http://statistics.data.gov.uk/id/statistical-geography/"
_GSS_CODE = re.compile(r"[EJKLMNSW]\d{8}")


def generated_at(run: RunInfo) -> datetime:
    """The run's ``generated`` timestamp as an aware UTC datetime, whole seconds.

    A timestamp without a zone is taken as UTC.

    >>> generated_at({"generated": "2020-11-26T10:00:00.123456Z"}).isoformat()
    '2020-11-26T10:00:00+00:00'
    >>> generated_at({"generated": "2020-11-26T11:00:00+01:00"}).isoformat()
    '2020-11-26T10:00:00+00:00'
    """
    text = run.get("generated", "")
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(
            f"run info 'generated' is {text!r}: give an ISO UTC timestamp "
            "such as '2020-11-26T10:00:00Z'"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def byline(run: RunInfo) -> str:
    """The credit line for the run's stories.

    >>> byline({})
    'storygen data desk'
    """
    return run.get("byline") or DEFAULT_BYLINE


def byline_line(run: RunInfo) -> str:
    """The byline as printed above a story.

    >>> byline_line({}), byline_line({"byline": "By Jo Bloggs"})
    ('By storygen data desk', 'By Jo Bloggs')
    """
    credit = byline(run)
    return credit if credit.casefold().startswith("by ") else f"By {credit}"


def language(story: StoryDict) -> str:
    """The BCP 47 language of a story's house style.

    >>> language({"style": "ap"}), language({"style": "pa"})
    ('en-US', 'en-GB')
    """
    return LANGUAGES.get(story.get("style", "pa"), DEFAULT_LANGUAGE)


def pubstatus(story: StoryDict) -> str:
    """``"withheld"`` for a story marked withheld, else ``"usable"``."""
    return "withheld" if story.get("status") == "withheld" else "usable"


def story_uri(story: StoryDict) -> str:
    """A URN naming the story on its as-of date (the same story next week is a new item).

    >>> story_uri({"id": "covid-area-bath-north-east-somerset", "as_of": "2020-11-26"})
    'urn:storygen:2020-11-26:covid-area-bath-north-east-somerset'
    >>> story_uri({"id": "odd id/<x>", "as_of": "2020-11-26"})
    'urn:storygen:2020-11-26:odd%20id%2F%3Cx%3E'
    """
    return f"urn:storygen:{quote(story['as_of'], safe='-')}:{quote(story['id'], safe='-._~')}"


def concept_uri(scheme: str, code: str) -> str:
    """A URN for a storygen concept (narrative, fact kind, patch) in its scheme.

    >>> concept_uri("patch", "kent")
    'urn:storygen:patch:kent'
    """
    return f"{scheme_uri(scheme)}:{quote(code, safe='-._~')}"


def scheme_uri(scheme: str) -> str:
    """The URN of a storygen vocabulary.

    >>> scheme_uri("narrative")
    'urn:storygen:narrative'
    """
    return f"urn:storygen:{quote(scheme, safe='-')}"


def gss_uri(code: str | None) -> str | None:
    """The ONS identifier of a GSS area code, or None for other codes.

    >>> gss_uri("E07000113")
    'http://statistics.data.gov.uk/id/statistical-geography/E07000113'
    >>> gss_uri("RVV") is None
    True
    """
    return f"{GSS_SCHEME}{code}" if code and _GSS_CODE.fullmatch(code) else None


def keywords(story: StoryDict) -> list[str]:
    """Narrative, area name and patches, without repeats.

    >>> keywords({"narrative": "covid", "area_name": "Kent", "patches": ["Kent", "Medway"]})
    ['covid', 'Kent', 'Medway']
    """
    words = [story["narrative"], story["area_name"], *story.get("patches", [])]
    return list(dict.fromkeys(word for word in words if word))


def source_credit(story: StoryDict) -> str:
    """The credit line naming each source, its publisher and licence.

    >>> source_credit({"sources": [{"title": "Cases by specimen date",
    ...     "publisher": "UKHSA", "licence": "Open Government Licence v3.0"}]})
    'Source: Cases by specimen date (UKHSA, Open Government Licence v3.0).'
    """
    credits = []
    for source in story["sources"]:
        details = ", ".join(filter(None, (source.get("publisher"), source.get("licence"))))
        credits.append(f"{source['title']} ({details})" if details else source["title"])
    if not credits:
        return "Source: not recorded."
    return "Source: " + "; ".join(dict.fromkeys(credits)) + "."


def publishers(story: StoryDict) -> list[str]:
    """Publishers of the story's sources, without repeats."""
    return list(dict.fromkeys(s["publisher"] for s in story["sources"] if s.get("publisher")))


def copyright_notice(story: StoryDict) -> str:
    """Who the figures belong to and under which licence.

    >>> copyright_notice({"sources": [{"title": "Cases", "publisher": "UKHSA",
    ...     "licence": "Open Government Licence v3.0"}]})
    'Contains data from UKHSA (Open Government Licence v3.0).'
    """
    owners = []
    for source in story["sources"]:
        owner = source.get("publisher") or source["title"]
        owners.append(f"{owner} ({source.get('licence') or 'licence not recorded'})")
    return "Contains data from " + "; ".join(dict.fromkeys(owners)) + "."


def usage_terms(story: StoryDict) -> str:
    """The data licences a publisher must honour.

    >>> usage_terms({"sources": [{"licence": "Open Government Licence v3.0"}]})
    'Figures used under the Open Government Licence v3.0.'
    >>> usage_terms({"sources": [{"licence": ""}]})
    'Data licence not recorded: check the source before publication.'
    """
    licences = list(dict.fromkeys(s["licence"] for s in story["sources"] if s.get("licence")))
    if not licences:
        return "Data licence not recorded: check the source before publication."
    return "Figures used under the " + " and the ".join(licences) + "."


def held_reason(story: StoryDict, run: RunInfo) -> str | None:
    """Why a withheld story was held, from the run's ``held`` list (None if not withheld)."""
    if pubstatus(story) != "withheld":
        return None
    reasons = [held["reason"] for held in run.get("held", []) if held.get("id") == story["id"]]
    return "; ".join(reasons) or "no reason recorded"


def editors_notes(story: StoryDict, run: RunInfo) -> list[tuple[str, str]]:
    """Notes for the desk, not for publication, as (kind, text) pairs.

    Kinds: ``withheld``, ``demo``, ``caveat``, ``source``, ``as-of``.

    >>> story = {"id": "s", "as_of": "2020-11-26", "caveats": ["Figures may be revised."],
    ...          "sources": [{"title": "Cases", "publisher": "", "licence": ""}]}
    >>> for kind, text in editors_notes(story, {}):
    ...     print(f"{kind}: {text}")
    caveat: Figures may be revised.
    source: Source: Cases.
    as-of: Figures as of 2020-11-26.
    """
    notes = []
    reason = held_reason(story, run)
    if reason:
        notes.append(("withheld", f"Withheld: {reason.rstrip('.')}."))
    if story.get("demo"):
        notes.append(("demo", "Made from synthetic demo data: not for publication."))
    notes += [("caveat", caveat) for caveat in story.get("caveats", [])]
    notes.append(("source", source_credit(story)))
    notes.append(("as-of", f"Figures as of {story['as_of']}."))
    return notes


def editors_note(story: StoryDict, run: RunInfo) -> str:
    """The editor's notes as one text, a note a line."""
    return "\n".join(text for _kind, text in editors_notes(story, run))
