"""Shared test fixtures: the real data beside the repository, and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import REAL


@pytest.fixture(scope="session")
def real_data() -> Path:
    """The folder of real public data (../shared/data/real); tests skip where it is absent.

    CI's .ci/run refuses to start without it, so there these tests always run.
    """
    if not (REAL / "england_ltla_cases_final.csv").exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    return REAL


@pytest.fixture
def cli():
    """Run ``storygen`` in-process: ``cli("run", "--out", ...)`` -> click Result."""
    from storygen.cli import main

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke
