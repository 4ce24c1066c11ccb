"""Rules: one module per kind of newsworthy fact, each registered in ``RULES``."""

from storygen.rules import change, rank, record  # noqa: F401  (registration)
from storygen.rules.base import RULES, Rule, RuleContext, register

__all__ = ["RULES", "Rule", "RuleContext", "register"]
