"""Every template filter is documented: a one-line summary, a template line, doctest examples."""

from __future__ import annotations

import doctest
import inspect
import re

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from storygen.style import FILTER_FUNCTIONS, PA, filters

TEMPLATE_LINE = re.compile(r"^\s*Template: ``(?P<template>.+)`` -> ``(?P<output>.*)``$", re.M)


@pytest.mark.parametrize("name", sorted(FILTER_FUNCTIONS))
def test_filter_has_a_one_line_summary(name):
    doc = inspect.getdoc(FILTER_FUNCTIONS[name])
    assert doc, f"filter {name!r} has no docstring"
    summary, _, rest = doc.partition("\n")
    assert summary.strip().endswith("."), f"filter {name!r}: summary should be one sentence"
    assert rest == "" or rest.startswith("\n"), f"filter {name!r}: summary runs over one line"


@pytest.mark.parametrize("name", sorted(FILTER_FUNCTIONS))
def test_filter_doctests_exist_and_pass(name):
    function = FILTER_FUNCTIONS[name]
    finder = doctest.DocTestFinder(recurse=False)
    (test,) = finder.find(function, name, globs=vars(inspect.getmodule(function)).copy())
    calls = [example for example in test.examples if f"{function.__name__}(" in example.source]
    assert calls, f"filter {name!r} has no doctest example calling {function.__name__}()"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=lambda text: None)
    assert result.failed == 0, f"filter {name!r}: {result.failed} doctest example(s) failed"


@pytest.mark.parametrize("name", sorted(FILTER_FUNCTIONS))
def test_filter_template_line_renders_as_documented(name):
    doc = inspect.getdoc(FILTER_FUNCTIONS[name])
    lines = TEMPLATE_LINE.findall(doc)
    assert lines, f"filter {name!r} has no 'Template: ``{{{{ ... }}}}`` -> ``...``' line"
    environment = SandboxedEnvironment(undefined=StrictUndefined)
    environment.filters.update(filters(PA))
    for template, output in lines:
        assert f"|{name}" in template, f"filter {name!r}: template line does not use the filter"
        assert environment.from_string(template).render() == output
