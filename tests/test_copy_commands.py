"""storygen variants and storygen validate, as a reporter runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from storygen import narrative as narratives
from storygen import paths
from storygen.cli import main


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_variants_lists_every_option_of_every_pick():
    result = invoke("variants", "covid-cases")
    assert result.exit_code == 0, result.output
    assert "covid-cases/area.j2, line" in result.output
    assert "(standfirst):" in result.output
    assert "  1. The seven-day rate {say.movement(rate)} cases per 100,000 people" in result.output
    assert "  2. In the seven days to {as_of|date} the rate" in result.output


def test_variants_as_json_has_two_or_more_options_each():
    result = invoke("variants", "covid-cases", "--json")
    found = json.loads(result.output)
    assert found
    assert all(len(variant["options"]) >= 2 for variant in found)
    templates = {variant["template"] for variant in found}
    assert {"covid-cases/area.j2", "covid-cases/roundup.j2"} <= templates


@pytest.mark.parametrize("name", narratives.shipped_names())
def test_validate_passes_every_shipped_narrative(name):
    result = invoke("validate", name)
    assert result.exit_code == 0, result.output
    assert "OK: 0 error(s)" in result.output


def copy_narrative(tmp_path: Path, template: str, text: str) -> Path:
    """covid-cases as a narrative of our own, with one template replaced by ``text``."""
    (tmp_path / "narratives").mkdir()
    source = (paths.NARRATIVES / "covid-cases.yaml").read_text(encoding="utf-8")
    narrative = tmp_path / "narratives" / "broken-cases.yaml"
    narrative.write_text(source.replace("name: covid-cases", "name: broken-cases"))
    target = tmp_path / "templates" / template
    target.parent.mkdir(parents=True)
    shutil.copy(paths.TEMPLATES / "covid-cases" / "phrases.j2", target.parent / "phrases.j2")
    target.write_text(text, encoding="utf-8")
    return narrative


def test_validate_names_the_template_and_line_of_a_missing_variable(tmp_path):
    good = (paths.TEMPLATES / "covid-cases" / "targets.j2").read_text(encoding="utf-8")
    lines = good.splitlines()
    broken_at = next(n for n, line in enumerate(lines, 1) if line.startswith("{% block body %}"))
    lines.insert(broken_at, "{{ area.no_such_figure|rate }}")
    narrative = copy_narrative(tmp_path, "covid-cases/targets.j2", "\n".join(lines))
    result = invoke("validate", str(narrative))
    assert result.exit_code == 1
    assert f"covid-cases/targets.j2, line {broken_at + 1}" in result.output
    assert "no_such_figure" in result.output
    assert "FAILED" in result.output


def test_validate_names_the_line_of_a_syntax_error(tmp_path):
    narrative = copy_narrative(
        tmp_path,
        "covid-cases/area.j2",
        "{% block headline %}Cases{% endblock %}\n{% block standfirst %}\n{% if %}\n",
    )
    result = invoke("validate", str(narrative))
    assert result.exit_code == 1
    assert "covid-cases/area.j2, line 3" in result.output


def test_validate_reports_an_unknown_narrative():
    result = invoke("validate", "no-such-narrative")
    assert result.exit_code == 2
    assert "no such narrative" in result.output
