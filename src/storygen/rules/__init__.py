"""Rules: one module per kind of newsworthy fact, each registered in ``RULES``."""

from storygen.rules import (  # noqa: F401  (registration)
    against_average,
    against_trend,
    change,
    earlier_peak,
    hotspot,
    missing,
    rank,
    record,
    share,
    threshold,
)
from storygen.rules.base import RULES, Rule, RuleContext, register

__all__ = ["RULES", "Rule", "RuleContext", "register"]
