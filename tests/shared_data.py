"""Where the real public data is read from: ``../shared/data/real`` beside the repository,
as in CI. Tests read it there; none of it is copied into the project."""

from __future__ import annotations

from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"
