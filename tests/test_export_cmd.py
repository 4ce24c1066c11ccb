"""`storygen export` and `storygen check` on an earlier real run, and the exported files
checked against the ninjs schemas and the NITF and WXR structure the CMSs read."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree
from shared_data import REAL

from storygen.cli import main

CASES = REAL / "england_ltla_cases_final.csv"
LOOKUP = REAL / "england_ltla_lookup_lad19.csv"
NINJS = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "ninjs"
PATCH = "Kent and Medway"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    """A real run for Kent and Medway (its 14 area stories and its roundup), JSON only."""
    if not CASES.exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    out = tmp_path_factory.mktemp("run") / "drafts"
    result = cli(
        "run", "covid-cases", "--data", f"cases={CASES}", "--data", f"areas={LOOKUP}",
        "--as-of", "2020-11-25", "--patch", PATCH, "--out", out, "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def exported(first_run, tmp_path_factory) -> Path:
    """The run exported again, in place, as every CMS format."""
    out = tmp_path_factory.mktemp("export") / "drafts"
    out.mkdir()
    for path in first_run.rglob("*"):
        if path.is_file():
            target = out / path.relative_to(first_run)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    result = cli("export", out, "--format", "ninjs,ninjs2,nitf,wxr,html,txt,md")
    assert result.exit_code == 0, result.output
    return out


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


# -- export -----------------------------------------------------------------------------


def test_export_adds_formats_and_keeps_the_run(first_run, exported):
    before, after = manifest(first_run), manifest(exported)
    assert after["formats"] == ["json", "ninjs", "ninjs2", "nitf", "wxr", "html", "txt", "md"]
    assert after["generated"] == before["generated"]  # the same run, not a new one
    assert [s["id"] for s in after["stories"]] == [s["id"] for s in before["stories"]]
    assert len(after["stories"]) == 17
    for entry in after["stories"]:
        assert set(entry["files"]) == set(after["formats"])
        for relative in entry["files"].values():
            assert (exported / relative).is_file()
    assert after["batches"]["ninjs"] == "all.ninjs.jsonl"  # JSON Lines, named as such
    assert after["batches"]["ninjs2"] == "all.ninjs2.jsonl"
    assert "nitf" not in after["batches"]
    story_json = json.loads((exported / after["stories"][0]["files"]["json"]).read_text())
    assert story_json == json.loads((first_run / before["stories"][0]["files"]["json"]).read_text())


# RFC 3986 absolute URI: jsonschema checks "uri" only when rfc3987 is installed.
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
)
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def validator(version: str):
    path = NINJS / f"ninjs-schema_{version}.json"
    if not path.exists():
        pytest.skip(f"ninjs schema not found at {path}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    kind = {"1.6": jsonschema.Draft7Validator, "2.2": jsonschema.Draft202012Validator}[version]
    return kind(schema, format_checker=FORMATS)


def errors(check, item) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(item)]


@pytest.mark.parametrize("name, version", [("ninjs", "1.6"), ("ninjs2", "2.2")])
def test_every_ninjs_file_of_a_real_run_validates(exported, name, version):
    check = validator(version)
    entries = manifest(exported)["stories"]
    for entry in entries:
        item = json.loads((exported / entry["files"][name]).read_text(encoding="utf-8"))
        assert errors(check, item) == [], entry["id"]
        assert item["uri"].startswith("urn:storygen:2020-11-25:")
        assert datetime.strptime(item["versioncreated"], "%Y-%m-%dT%H:%M:%SZ")
    lines = (exported / f"all.{name}.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(entries)
    for line in lines:
        assert errors(check, json.loads(line)) == []


def chart_rendition(item: dict, version: str) -> dict:
    if version == "1.6":
        return item["associations"]["chart"]["renditions"]["original"]
    [association] = item["associations"]
    [rendition] = association["renditions"]
    return rendition


@pytest.mark.parametrize("name, version", [("ninjs", "1.6"), ("ninjs2", "2.2")])
def test_ninjs_carries_the_chart_as_an_svg_rendition(exported, name, version):
    entry = manifest(exported)["stories"][0]
    item = json.loads((exported / entry["files"][name]).read_text(encoding="utf-8"))
    rendition = chart_rendition(item, version)
    assert rendition.get("mimetype", rendition.get("contenttype")) == "image/svg+xml"
    prefix = "data:image/svg+xml;base64,"
    assert rendition["href"].startswith(prefix)
    svg = etree.fromstring(base64.b64decode(rendition["href"][len(prefix) :]))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.findall(".//{http://www.w3.org/2000/svg}path")  # the lines drawn


def test_nitf_and_wxr_files_keep_the_copy(exported):
    entries = manifest(exported)["stories"]
    wxr = etree.parse(str(exported / "all.wxr.xml")).getroot()
    titles = [item.findtext("title") for item in wxr.findall("channel/item")]
    for entry in entries:
        story = json.loads((exported / entry["files"]["json"]).read_text(encoding="utf-8"))
        nitf = etree.parse(str(exported / entry["files"]["nitf"])).getroot()
        assert nitf.findtext("body/body.head/hedline/hl1") == story["headline"]
        assert [p.text for p in nitf.findall("body/body.content/p")] == story["paragraphs"]
        assert story["headline"] in titles


def test_html_prints_the_as_of_date_in_house_style_and_draws_the_chart(exported):
    entry = manifest(exported)["stories"][0]
    page = lxml.html.parse(str(exported / entry["files"]["html"])).getroot()
    assert page.find(".//p[@class='as-of']/time").text_content() == "November 25, 2020"
    assert page.find(".//p[@class='as-of']/time").get("datetime") == "2020-11-25"
    figure = page.find(".//figure[@class='chart']")
    assert figure is not None and figure.find(".//svg") is not None
    assert "England dashed" in figure.find("figcaption").text_content()


def test_export_to_another_folder_writes_only_what_was_asked(first_run, tmp_path):
    target = tmp_path / "cms"
    result = cli("export", first_run, "--format", "ninjs", "--to", target)
    assert result.exit_code == 0, result.output
    written = manifest(target)
    assert written["formats"] == ["ninjs", "json"]
    assert sorted(p.name for p in target.iterdir()) == [
        "all.json",
        "all.ninjs.jsonl",
        "manifest.json",
        "stories",
    ]
    assert manifest(first_run)["formats"] == ["json"]  # the earlier run is untouched


def copy_of(run: Path, tmp_path: Path) -> Path:
    out = tmp_path / "drafts"
    for path in run.rglob("*"):
        if path.is_file():
            target = out / path.relative_to(run)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return out


def edit_first_story(out: Path) -> tuple[str, str]:
    """Change the first figure of the first story's first paragraph; (story id, new sentence)."""
    for entry in manifest(out)["stories"]:
        path = out / entry["files"]["json"]
        story = json.loads(path.read_text(encoding="utf-8"))
        paragraph = story["paragraphs"][0]
        match = re.search(r"\d+\.\d", paragraph)
        if match:
            break
    wrong = f"{float(match.group()) + 0.1:.1f}"
    story["paragraphs"][0] = paragraph[: match.start()] + wrong + paragraph[match.end() :]
    path.write_text(json.dumps(story), encoding="utf-8")
    return entry["id"], wrong


def test_export_checks_again_and_holds_an_edited_story(first_run, tmp_path):
    out = copy_of(first_run, tmp_path)
    story_id, wrong = edit_first_story(out)
    result = cli("export", out, "--format", "ninjs")
    assert result.exit_code == 1
    assert f"held {story_id}: fact-check" in result.output
    written = manifest(out)
    assert story_id not in [entry["id"] for entry in written["stories"]]
    [held] = written["held"]
    assert held["id"] == story_id and f'"{wrong}"' in held["reason"]
    assert not (out / "stories" / f"{story_id}.ninjs.json").exists()
    assert (out / "held" / f"{story_id}.json").is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        (("--format", "pdf"), "unknown format 'pdf'"),
        (("--format", ""), "no format given"),
    ],
)
def test_export_refuses_a_bad_format(first_run, args, message):
    result = cli("export", first_run, *args)
    assert result.exit_code == 2 and message in result.output


def test_commands_name_a_folder_that_is_no_run(tmp_path):
    for command in (["check"], ["export", "--format", "ninjs"], ["review"]):
        result = cli(command[0], tmp_path, *command[1:])
        assert result.exit_code == 2
        assert "no manifest.json here" in result.output


def test_a_broken_story_file_is_named_with_its_line(first_run, tmp_path):
    out = copy_of(first_run, tmp_path)
    entry = manifest(out)["stories"][0]
    (out / entry["files"]["json"]).write_text('{\n  "id": "x",\n  oops\n}', encoding="utf-8")
    result = cli("check", out)
    assert result.exit_code == 2
    assert f"{entry['files']['json']}, line 3: not valid JSON" in result.output


# -- check ------------------------------------------------------------------------------


def test_check_passes_a_real_run(first_run):
    result = cli("check", first_run)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"Checked \d+ figures in 17 draft\(s\): every figure backed\.\n", result.output
    )


def test_check_names_an_unbacked_figure_with_its_sentence(first_run, tmp_path):
    out = copy_of(first_run, tmp_path)
    story_id, wrong = edit_first_story(out)
    result = cli("check", out)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{story_id}:"
    assert lines[1].startswith(f'  paragraph 1: "{wrong}" ')
    assert f"{wrong} " in lines[1].split("(in ", 1)[1]  # the sentence, with the figure in it
    assert lines[-1].endswith("1 with unbacked figures.")
    report = json.loads(cli("check", out, "--json").output)
    assert report["checked"] == 17
    [failed] = report["failed"]
    assert failed["id"] == story_id and failed["problems"][0]["text"] == wrong
