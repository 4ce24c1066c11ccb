"""Render: turn a story plan's template and a story's facts into copy, safely.

Templates run in Jinja2's sandbox with ``StrictUndefined``: a template cannot reach Python
internals, files or the network, and a missing value stops the story with an error naming
the template and line instead of leaving an empty slot in the copy.

A story template defines three blocks: ``headline``, ``standfirst`` and ``body``. The body's
paragraphs are separated by blank lines; white space inside a paragraph is folded.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from storygen import paths
from storygen.errors import StorygenError
from storygen.style import filters, house_style, numbers
from storygen.style.grammar import places_with_the, the_inside_sentences

BLOCKS = ("headline", "standfirst", "body")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")


class RenderError(StorygenError):
    """A template failed for one story; the story is held with this reason."""


class Withheld(StorygenError):
    """A template's own decision not to write a story: ``{{ hold("why") }}``. The story is
    held with the reason, as one whose data could be wrong is."""


def hold(reason: str) -> NoReturn:
    """Template global: stop this story and hold it with ``reason``, for a story the data
    cannot support (no week before to compare with) that a reporter should know about.

    Template: ``{% if not rate %}{{ hold(name ~ " has no rate for the week before") }}{% endif %}``

    >>> hold("Dover has no rate for the week before")
    Traceback (most recent call last):
    storygen.render.Withheld: Dover has no rate for the week before
    """
    raise Withheld(str(reason))


_MAPPING_NAMES = frozenset(dir(MappingProxyType))  # get, items, keys, values, __class__...
MAX_BITS = 100_000  # the largest whole number a template may raise to a power (about 30,000 digits)
MAX_LENGTH = 100_000  # the longest text or list a template may make by repeating one


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, reading ``fact.value`` from template data (read-only mappings,
    ``compose.read_only``) by its key at once, where the sandbox would first look for an
    attribute and fail: the same value, without an exception for every figure a template
    prints. A name a mapping has as an attribute (``get``, ``items``, ``values``) is looked
    up as before, attribute first.

    >>> data = MappingProxyType({"value": 24.0, "values": {"previous": 19.5}})
    >>> sandbox = _Sandbox(undefined=jinja2.StrictUndefined)
    >>> sandbox.from_string("{{ d.value }} {{ d.get('value') }} {{ d['values'].previous }}").render(d=data)
    '24.0 24.0 19.5'
    >>> sandbox.from_string("{{ d.missing }}").render(d=data)
    Traceback (most recent call last):
    jinja2.exceptions.UndefinedError: 'mappingproxy object' has no attribute 'missing'
    """

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``**`` and ``*`` as Python has them, but for a power or a repetition too large to
        finish (``10 ** 1000000``, ``"x" * 10 ** 9``), refused at once, so that the story is
        held with the reason rather than the run left to run out of time or memory.

        >>> sandbox = _Sandbox()
        >>> sandbox.from_string("{{ 2 ** 10 }} {{ '-' * 3 }} {{ 1.5 * 2 }}").render()
        '1024 --- 3.0'
        >>> sandbox.from_string("{{ 10 ** 1000000 }}").render()
        Traceback (most recent call last):
        jinja2.exceptions.SecurityError: 10 ** 1000000 is too large a number to work out
        """
        if operator == "**" and _huge_power(left, right):
            raise jinja2.sandbox.SecurityError(
                f"{left} ** {right} is too large a number to work out"
            )
        if operator == "*" and (repeated := _repetition(left, right)) is not None:
            sequence, count = repeated
            if len(sequence) * count > MAX_LENGTH:
                raise jinja2.sandbox.SecurityError(
                    f"repeating a text or list {count} times makes it longer than {MAX_LENGTH:,}"
                )
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is MappingProxyType and attribute not in _MAPPING_NAMES:
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                pass  # the sandbox says what is missing, as it always has
        return super().getattr(obj, attribute)


def _huge_power(base: Any, power: Any) -> bool:
    """Whether ``base ** power`` is a whole number of more than ``MAX_BITS`` bits.

    >>> _huge_power(10, 1000), _huge_power(10, 10**6), _huge_power(1, 10**9), _huge_power(2.0, 10**6)
    (False, True, False, False)
    """
    if type(base) is not int or type(power) is not int or power <= 0:
        return False  # a float overflows at once; a fraction is small
    return abs(base) > 1 and power * (abs(base).bit_length() - 1) > MAX_BITS


def _repetition(left: Any, right: Any) -> tuple[Sequence[Any], int] | None:
    """The text or list ``left * right`` repeats and how many times; None for arithmetic.

    >>> _repetition("-", 40), _repetition(3, [0]), _repetition(2, 10**9)
    (('-', 40), ([0], 3), None)
    """
    sequence, count = (left, right) if isinstance(left, str | list | tuple) else (right, left)
    if not isinstance(sequence, str | list | tuple) or type(count) is not int:
        return None
    return sequence, count


class Renderer:
    """A sandboxed Jinja2 environment with the house style's filters, built once per run."""

    def __init__(self, style: str = "pa", search: Sequence[Path] = ()) -> None:
        self.style = house_style(style)
        loader = jinja2.FileSystemLoader([*map(str, search), str(paths.TEMPLATES)])
        self.env = _Sandbox(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
            auto_reload=False,  # a run's templates do not change: no look at their files per story
        )
        self.env.filters.update(filters(self.style))
        self.env.globals["pick"] = pick
        self.env.globals["hold"] = hold
        self.env.tests["contains"] = contains
        self.env.tests["rate_below"] = numbers.rate_below
        self.env.tests["rate_at"] = numbers.rate_at

    def template(self, name: str) -> jinja2.Template:
        """The compiled template (Jinja2 keeps it, and with ``auto_reload`` off does not look
        at its file again for every story)."""
        with _loading(name):
            return self.env.get_template(name)

    def parse(self, name: str) -> jinja2.nodes.Template:
        """The syntax tree of a template, for tools that read templates (``storygen variants``)."""
        with _loading(name):
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            return self.env.parse(source, name, filename)

    def render(self, name: str, context: dict[str, Any]) -> dict[str, Any]:
        """Headline, standfirst and paragraphs of one story. A template may extend another
        (``{% extends "common/layout.j2" %}``): each block is the nearest one defined, and
        ``{{ super() }}`` gives the one it replaces."""
        template = self.template(name)
        parts: dict[str, str] = {}
        jinja_context = template.new_context(context)
        for block in BLOCKS:  # capture each block's text as the template renders it once
            stack = jinja_context.blocks.get(block, [])
            jinja_context.blocks[block] = _Captured(block, parts, stack)
        try:
            for _ in template.root_render_func(jinja_context):
                pass  # text outside the blocks is layout only
        except jinja2.TemplateError as error:
            raise RenderError(f"{_template_line(name)}: {error}") from error
        except (ValueError, TypeError, ZeroDivisionError, KeyError, AttributeError) as error:
            raise RenderError(f"{_template_line(name)}: {error}") from error
        for block in BLOCKS:
            if block not in parts:
                defined = len(jinja_context.blocks[block]) > 0
                raise RenderError(
                    f"{name}: the template never renders its {{% block {block} %}}"
                    if defined
                    else f"{name}: the template has no {{% block {block} %}}"
                )
        spell = self.style.spell
        body = _PARAGRAPH_BREAK.split(parts["body"].strip())
        paragraphs = [spell(_fold(text)) for text in body]
        return {
            "headline": spell(_fold(parts["headline"])),
            "standfirst": spell(_fold(parts["standfirst"])),
            "paragraphs": [text for text in paragraphs if text],
        }


def pick(story_id: str, slot: str, *options: str) -> str:
    """One of ``options``, chosen by the story's id: the same story always gets the same words,
    sibling stories get different ones.

    >>> pick("covid-cases-area-swale", "opening", "a", "b", "c")
    'b'
    >>> pick("covid-cases-area-swale", "opening", "a", "b", "c") == pick(
    ...     "covid-cases-area-swale", "opening", "a", "b", "c")
    True
    """
    if not options:
        raise ValueError(f"pick({slot!r}) needs at least one option")
    digest = hashlib.sha256(f"{story_id}/{slot}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def contains(collection: Any, item: Any) -> bool:
    """Template test: whether a list holds an item, for ``selectattr``.

    Template: ``members|selectattr("levels", "contains", "county")`` -> the members that are
    counties.

    >>> contains(["district", "county"], "county"), contains([], "county")
    (True, False)
    """
    return item in collection


def _fold(text: str) -> str:
    return the_inside_sentences(places_with_the(_SPACE.sub(" ", text).strip()))


class _Captured(list[Any]):
    """The definitions of one of a story's blocks, nearest first: the template's own, then
    those of the templates it extends, as Jinja adds them while rendering. The first one,
    the one rendered, also writes its text into ``parts``; ``super()`` finds the others by
    position, as it does in a plain list."""

    def __init__(self, name: str, parts: dict[str, str], stack: list[Any]) -> None:
        super().__init__(stack)
        self.name = name
        self.parts = parts

    def __getitem__(self, index: Any) -> Any:
        block = super().__getitem__(index)
        if index != 0:
            return block

        def render_block(context: Any) -> Any:
            text = "".join(block(context))
            self.parts[self.name] = text
            yield text  # the layout around the blocks is not kept; ``self.body()`` gets it

        return render_block


def _template_line(name: str) -> str:
    """Where in the templates the error was raised: "covid-cases/area.j2, line 12"."""
    tb = sys.exc_info()[2]
    where = f"{name}, line ?"
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = template.get_corresponding_lineno(tb.tb_lineno)
            where = f"{template.name or name}, line {line}"
        tb = tb.tb_next
    return where


@contextmanager
def _loading(name: str) -> Iterator[None]:
    """A template that does not parse or is not there is a ``RenderError`` naming it."""
    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(
            f"{error.filename or name}, line {error.lineno}: {error.message}"
        ) from error
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"template {error.name!r} not found under {paths.TEMPLATES}") from error
