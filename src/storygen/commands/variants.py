"""storygen variants: every alternative wording of every sentence, for QA.

Reads a narrative's templates (and those they import) and lists each ``pick(...)`` call with
its options, and each ``{% set NAME = [...] %}`` list of phrasings that a template rotates
through. Figures and names that the story fills in are shown in braces: ``{as_of|date}``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import click
from jinja2 import nodes

from storygen.cli import reports_errors
from storygen.errors import NarrativeError
from storygen.narrative import load
from storygen.render import Renderer, RenderError


@dataclass
class Variant:
    template: str
    line: int
    slot: str  # pick's slot name, or the list's variable name
    options: list[str]


def templates_of(renderer: Renderer, names: list[str]) -> list[str]:
    """``names`` and every template they import or include, each once, in reading order."""
    seen: list[str] = []
    queue = list(names)
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.append(name)
        ast = renderer.parse(name)
        for node in ast.find_all((nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)):
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
                queue.append(node.template.value)
    return seen


def variants(renderer: Renderer, name: str) -> list[Variant]:
    """Every ``pick`` call and rotated list of phrasings in one template, in line order."""
    ast = renderer.parse(name)
    found = []
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "pick" and len(call.args) > 2:
            found.append(
                Variant(
                    name,
                    call.lineno,
                    _text(call.args[1]).strip("{}"),
                    [_text(arg) for arg in call.args[2:]],
                )
            )
    for assign in ast.find_all(nodes.Assign):
        value = assign.node
        if (
            isinstance(assign.target, nodes.Name)
            and isinstance(value, nodes.List)
            and len(value.items) > 1
            and all(_is_wording(item) for item in value.items)
        ):
            found.append(
                Variant(name, assign.lineno, assign.target.name, [_text(i) for i in value.items])
            )
    return sorted(found, key=lambda variant: variant.line)


def _is_wording(node: nodes.Node) -> bool:
    """Whether a list item is a phrase (text, or text joined with figures), not a setting."""
    if isinstance(node, nodes.Const):
        return isinstance(node.value, str) and " " in node.value
    return isinstance(node, nodes.Concat)


def _text(node: nodes.Node) -> str:
    """A template expression as a reader of the variant list needs it: text as text, the
    rest in braces.

    >>> from jinja2 import Environment
    >>> expr = Environment().parse('{{ "Cases in " ~ area.name ~ " rose " ~ (x|rate) }}')
    >>> _text(expr.body[0].nodes[0])
    'Cases in {area.name} rose {x|rate}'
    """
    if isinstance(node, nodes.Const):
        return str(node.value)
    if isinstance(node, nodes.Concat):
        return "".join(_text(part) for part in node.nodes)
    return "{" + _source(node) + "}"


def _source(node: nodes.Node) -> str:
    """A compact source form of an expression."""
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_source(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_source(node.node)}[{_source(node.arg)}]"
    if isinstance(node, nodes.Filter):
        args = ", ".join(_source(arg) for arg in node.args)
        base = _source(node.node) if node.node is not None else ""
        return f"{base}|{node.name}" + (f"({args})" if args else "")
    if isinstance(node, nodes.Call):
        args = ", ".join(_source(arg) for arg in node.args)
        return f"{_source(node.node)}({args})"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(_source(part) for part in node.nodes)
    if isinstance(node, nodes.CondExpr):
        otherwise = _source(node.expr2) if node.expr2 is not None else "''"
        return f"{_source(node.expr1)} if {_source(node.test)} else {otherwise}"
    if isinstance(node, nodes.BinExpr):
        return f"{_source(node.left)} {node.operator} {_source(node.right)}"
    return type(node).__name__.lower()


@click.command("variants")
@click.argument("narrative")
@click.option("--json", "as_json", is_flag=True, help="Print the variants as JSON.")
@reports_errors
def command(narrative: str, as_json: bool) -> None:
    """List every variant of every sentence in a narrative's templates, for QA.

    Each pick(...) call chooses one of its options by the story's id; each list of phrasings
    is rotated through. Braces mark what the story fills in.

    \b
    Example:
      storygen variants covid-cases
    """  # fmt: skip
    loaded = load(narrative)
    renderer = Renderer(loaded.style, search=[loaded.path.parent.parent / "templates"])
    try:
        names = templates_of(renderer, [plan.template for plan in loaded.plans.values()])
        found = [variant for name in names for variant in variants(renderer, name)]
    except RenderError as error:
        raise NarrativeError(str(loaded.path), str(error)) from error
    if as_json:
        click.echo(json.dumps([asdict(variant) for variant in found], indent=2))
        return
    total = sum(len(variant.options) for variant in found)
    click.echo(f"{len(found)} sentence(s) with {total} variants in {len(names)} template(s).")
    for variant in found:
        click.echo(f"\n{variant.template}, line {variant.line} ({variant.slot}):")
        for number, option in enumerate(variant.options, 1):
            click.echo(f"  {number}. {option}")
