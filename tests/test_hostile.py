"""Hostile or careless narratives: templates are sandboxed, YAML is read safely, nothing is
written outside the output folder, and data text is escaped in HTML and XML outputs."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
from casedata import (
    CASES_HEADER,
    LOOKUP_HEADER,
    case_rows,
    covid_inputs,
    data_args,
    lookup_rows,
    narrative_with_template,
    run_with_template,
    snapshot,
    write_csv,
)
from click.testing import CliRunner
from lxml import etree
from lxml import html as lxml_html

from storygen.cli import main
from storygen.errors import NarrativeError
from storygen.exporters import EXPORTERS
from storygen.patches import load_all
from storygen.pipeline import RunOptions, run


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def template_with(attack: str) -> str:
    """A working area template with ``attack`` in its body."""
    return (
        "{% block headline %}{{ area.name }} figures{% endblock %}\n"
        "{% block standfirst %}In the week to {{ as_of|date }}.{% endblock %}\n"
        "{% block body %}\n"
        f"{attack}\n"
        "The rate was {{ area.facts['change.rate'].value|rate }}.\n"
        "{% endblock %}\n"
    )


ATTACKS = {
    "class hierarchy": ("{{ ''.__class__.__mro__ }}", "'__class__' of 'str' object is unsafe"),
    "subclasses": (
        "{{ area.__class__.__base__.__subclasses__() }}",
        "'__class__' of 'mappingproxy' object is unsafe",
    ),
    "cycler globals": (
        "{{ cycler.__init__.__globals__ }}",
        "'__init__' of 'type' object is unsafe",
    ),
    "helper globals": (
        "{{ pick.__globals__['hashlib'] }}",
        "'__globals__' of 'function' object is unsafe",
    ),
    "lipsum os": (
        "{{ lipsum.__globals__.os.popen('id').read() }}",
        "'__globals__' of 'function' object is unsafe",
    ),
    "attr filter": ("{{ area|attr('__class__') }}", "'__class__' of 'mappingproxy'"),
    "format string": ("{{ '{0.__class__.__mro__}'.format(area.name) }}", "is unsafe"),
    "template self": ("{{ self.__init__.__globals__ }}", "'__init__' of 'TemplateReference'"),
    "bound method owner": ("{{ area.items.__self__ }}", "'__self__' of"),
    "include passwd": ("{% include '/etc/passwd' %}", "/etc/passwd"),
    "include parent folders": ("{% include '../../../../../../etc/passwd' %}", "etc/passwd"),
    "import a narrative": (
        "{% import '../narratives/covid-cases.yaml' as stolen %}",
        "covid-cases.yaml",
    ),
    "huge range": ("{{ range(100000000)|list|length }}", "OverflowError: Range too big"),
    "huge power": ("{{ 7 ** 10000000 }}", "7 ** 10000000 is too large a number to work out"),
    "huge text": ("{{ ('x' * 1000) * 1000000 }}", "makes it longer than 100,000"),
    "huge list": ("{{ ([0] * 10) * 10 ** 9 }}", "makes it longer than 100,000"),
    "endless recursion": (
        "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}",
        "RecursionError",
    ),
    "changing shared data": (
        "{% do parents.country.facts.clear() %}",
        "'mappingproxy object' has no attribute 'clear'",
    ),
}


TOP_LEVEL = {  # attacks that must stand outside the blocks
    "extends a system file": ("{% extends '/etc/hostname' %}", "/etc/hostname"),
    "extends parent folders": ("{% extends '../../../etc/hostname' %}", "etc/hostname"),
}


@pytest.mark.parametrize("attack", [*ATTACKS, *TOP_LEVEL])
def test_template_attacks_are_held_not_run(tmp_path, attack):
    if attack in TOP_LEVEL:
        code, reason = TOP_LEVEL[attack]
        template = code + "\n" + template_with("")
    else:
        code, reason = ATTACKS[attack]
        template = template_with(code)
    out = tmp_path / "out"
    result, manifest = run_with_template(tmp_path, template)
    assert result.exit_code == 1, result.output
    assert manifest["stories"] == []
    assert len(manifest["held"]) == 9  # every area story, each with the sandbox's reason
    for held in manifest["held"]:
        assert held["reason"].startswith("template error: custom/area.j2"), held
        assert reason in held["reason"], held["reason"]
    written = "\n".join(text.decode() for text in snapshot(out).values())
    for leak in ("root:", "<class", "<module", "<function", "hashlib", "uid="):
        assert leak not in written


def test_a_template_cannot_change_what_other_stories_print(tmp_path):
    """One story's template clearing shared data leaves its siblings' copy whole."""
    attack = "{% if area.name == 'District A' %}{% do area.facts.clear() %}{% endif %}"
    tmp_path / "out"
    result, manifest = run_with_template(tmp_path, template_with(attack))
    assert result.exit_code == 1
    assert [h["id"] for h in manifest["held"]] == ["covid-cases-area-district-a-e07000000"]
    assert len(manifest["stories"]) == 8  # County A's story still has District A's facts


@pytest.mark.parametrize("path", ["/etc/passwd", "../../../../../../etc/passwd", "../narratives"])
def test_a_plan_cannot_name_a_template_outside_the_templates(tmp_path, path):
    inputs = covid_inputs(tmp_path)
    narrative = narrative_with_template(
        tmp_path,
        template_with(""),
        yaml_edit=lambda text: text.replace("template: custom/area.j2", f"template: {path}"),
    )
    out = tmp_path / "out"
    result = invoke("run", str(narrative), *data_args(inputs), "--out", str(out))
    assert result.exit_code == 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["stories"] == []
    assert {h["reason"] for h in manifest["held"]} == {
        f"template error: template {path!r} not found under "
        f"{Path(__file__).resolve().parents[1] / 'templates'}"
    }
    assert "root:" not in "".join(t.decode() for t in snapshot(out).values())


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secret")

    def log_message(self, *args) -> None:
        pass


def test_templates_have_no_way_to_the_network(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/"
    attempts = [
        f"{{{{ urlopen('{url}') }}}}",
        f"{{{{ lipsum.__globals__.__builtins__.__import__('urllib.request').urlopen('{url}') }}}}",
        f"{{% include '{url}' %}}",
        f"{{% import '{url}' as remote %}}",
    ]
    try:
        inputs = covid_inputs(tmp_path)
        for number, attempt in enumerate(attempts):
            folder = tmp_path / f"try{number}"
            narrative = narrative_with_template(folder, template_with(attempt))
            out = folder / "out"
            result = invoke("run", str(narrative), *data_args(inputs), "--out", str(out))
            assert result.exit_code == 1
            manifest = json.loads((out / "manifest.json").read_text())
            assert manifest["stories"] == [] and len(manifest["held"]) == 9
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.requests == []


PYTHON_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
]


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_a_narrative_with_python_tags_is_refused(tmp_path, tag):
    marker = tmp_path / "pwned"
    inputs = covid_inputs(tmp_path)
    narrative = narrative_with_template(
        tmp_path,
        template_with(""),
        yaml_edit=lambda text: text.replace(
            "title: Covid-19 case rates", f"title: {tag.format(marker=marker)}"
        ),
    )
    result = invoke("run", str(narrative), *data_args(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"{narrative}: not valid YAML" in result.stderr
    assert "python/" in result.stderr
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_a_patch_with_python_tags_is_refused(tmp_path, tag):
    marker = tmp_path / "pwned"
    patch = tmp_path / "evil.yaml"
    patch.write_text(f"name: {tag.format(marker=marker)}\nareas:\n  E07000113: Swale\n")
    with pytest.raises(NarrativeError, match="not valid YAML"):
        load_all(tmp_path)
    assert not marker.exists()


def escaping_inputs(folder: Path, names: list[str], codes: list[str] | None = None):
    """The synthetic inputs with the districts renamed (and recoded) as given."""
    lookup = lookup_rows(len(names))
    for row, name in zip(lookup, names, strict=False):
        row[1] = name
    for row, code in zip(lookup, codes or [], strict=False):
        row[0] = code
    return {
        "cases": write_csv(folder / "cases.csv", CASES_HEADER, case_rows(lookup)),
        "areas": write_csv(folder / "lookup.csv", LOOKUP_HEADER, lookup),
    }


def test_nothing_is_written_outside_the_output_folder(tmp_path):
    """Path-like narrative, plan and area names and codes all stay inside OUT."""
    names = ["../../etc", "..", "/etc/passwd", "a/../../b", "~root", "C:\\Windows"]
    codes = ["../../E07000000", "/tmp/x", "..", "E07000003", "E07000004", "E07000005"]
    (tmp_path / "data").mkdir()
    inputs = escaping_inputs(tmp_path / "data", names, codes)
    narrative = narrative_with_template(
        tmp_path / "n",
        template_with(""),
        yaml_edit=lambda text: text.replace("name: covid-cases", "name: ../../../escape").replace(
            "  area:\n    kind: area", "  ../../plan:\n    kind: area"
        ),
    )
    before = {p for p in tmp_path.rglob("*")}
    out = tmp_path / "deep" / "out"
    result = invoke("run", str(narrative), *data_args(inputs), "--out", str(out))
    # codes with dots in them lose their facts (a fact's key ends at its last dot), so
    # those stories are held: the rest are written, and all of it inside OUT
    assert result.exit_code == 1, result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(p == out.parent or out in [p, *p.parents] for p in created)
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["stories"]:
        for name in entry["files"].values():
            assert (out / name).resolve().parent == (out / "stories").resolve()
    ids = {entry["id"] for entry in manifest["stories"] + manifest["held"]}
    assert "escape-plan-etc-e07000000" in ids  # slugs of the hostile names
    assert len(manifest["stories"]) >= 4
    assert all("/" not in story_id and ".." not in story_id for story_id in ids)


HOSTILE_NAMES = [
    '<script>alert("x")</script>',
    "Bath & North East Somerset",
    'King\'s "Lynn" <b>',
    "]]><evil/>",
    "Here & <amp>",
    "&amp; &lt;",
]


@pytest.fixture(scope="module")
def hostile_stories(tmp_path_factory) -> tuple[list[dict], dict]:
    folder = tmp_path_factory.mktemp("names")
    inputs = escaping_inputs(folder, HOSTILE_NAMES)
    result = run(RunOptions(["covid-cases"], {name: str(p) for name, p in inputs.items()}))
    stories = [story.to_dict() for story in result.stories]
    names = {story["area_name"] for story in stories}
    assert {"Bath & North East Somerset", '<script>alert("x")</script>'} <= names
    info = {"as_of": result.as_of, "generated": "2020-10-29T07:00:00Z", "held": result.held}
    return stories, info


def exporter(name: str):
    if name not in EXPORTERS:
        pytest.skip(f"the {name!r} exporter is not registered yet (exporters branch not merged)")
    return EXPORTERS[name]


def district_stories(stories):
    return [s for s in stories if s["area_name"] in HOSTILE_NAMES]


def test_area_names_are_escaped_in_html(hostile_stories):
    html_exporter = exporter("html")
    stories, info = hostile_stories
    pages = [html_exporter.story(story, info) for story in district_stories(stories)]
    if html_exporter.batch is not None:
        pages.append(html_exporter.batch(stories, info))
    for page in pages:
        tree = lxml_html.document_fromstring(page)
        assert tree.xpath("//script") == []
        assert tree.xpath("//evil | //amp | //b") == []
        assert not any(bad in page for bad in ('<script>alert("x")', "<amp>", "<evil/>"))
    for story in district_stories(stories):
        tree = lxml_html.document_fromstring(html_exporter.story(story, info))
        assert story["area_name"] in tree.text_content()
        assert story["headline"] in " ".join(tree.text_content().split())


@pytest.mark.parametrize("name", ["nitf", "wxr"])
def test_area_names_are_escaped_in_xml(hostile_stories, name):
    xml_exporter = exporter(name)
    stories, info = hostile_stories
    documents = [xml_exporter.story(story, info) for story in district_stories(stories)]
    if xml_exporter.batch is not None:
        documents.append(xml_exporter.batch(stories, info))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for document in documents:
        root = etree.fromstring(document.encode("utf-8"), parser)  # well formed, or it raises
        assert root.xpath("//script | //evil | //amp | //b") == []
    for story in district_stories(stories):
        root = etree.fromstring(xml_exporter.story(story, info).encode("utf-8"), parser)
        text = " ".join("".join(root.itertext()).split())
        assert " ".join(story["headline"].split()) in text


def test_markdown_and_json_keep_names_as_written(hostile_stories):
    stories, info = hostile_stories
    for story in district_stories(stories):
        assert json.loads(EXPORTERS["json"].story(story, info))["area_name"] == story["area_name"]
        assert story["area_name"] in EXPORTERS["md"].story(story, info)
