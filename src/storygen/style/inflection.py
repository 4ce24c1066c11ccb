"""English plurals and articles from inflect, loaded once and remembered.

inflect decorates its engine with typeguard's ``@typechecked``, which re-reads and recompiles
inflect's source each time the module is imported (one to two seconds, longer than the rest
of a national run's start) and then checks the argument types of every call. storygen only
ever passes text, so it loads inflect with that decorator left out: the same functions,
undecorated. The answers for a word never change, so they are kept (the same few nouns and
phrases come back in every story).

>>> plural_noun("local authority"), plural_noun("person"), a("NHS trust")
('local authorities', 'people', 'an NHS trust')
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any


def _untyped(target: Any = None, **options: Any) -> Any:
    """Stands in for ``typeguard.typechecked``: gives back what it decorates, unchanged."""
    if target is None:
        return _untyped
    return target


def _load_engine() -> Any:
    if "inflect" in sys.modules:  # already imported elsewhere: use it as it is
        return sys.modules["inflect"].engine()
    stand_in = types.ModuleType("typeguard")
    stand_in.typechecked = _untyped  # type: ignore[attr-defined]
    real = sys.modules.get("typeguard")
    sys.modules["typeguard"] = stand_in
    try:
        import inflect
    finally:
        if real is None:
            del sys.modules["typeguard"]
        else:
            sys.modules["typeguard"] = real
    return inflect.engine()


_ENGINE = _load_engine()


@functools.lru_cache(maxsize=4096)
def plural_noun(noun: str) -> str:
    """The plural of ``noun`` (inflect's ``plural_noun``)."""
    return _ENGINE.plural_noun(noun)


@functools.lru_cache(maxsize=4096)
def a(phrase: str) -> str:
    """``phrase`` with "a" or "an" before it (inflect's ``a``)."""
    return _ENGINE.a(phrase)
