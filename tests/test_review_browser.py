"""The review page of a real run, opened in a real headless Chromium (Debian's chromium and
chromium-driver), driven with Selenium: the drafts are listed, a filter hides the others, and a
highlighted figure shows the fact and source behind it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import REAL

from storygen.cli import main

CASES = REAL / "england_ltla_cases_final.csv"
LOOKUP = REAL / "england_ltla_lookup_lad19.csv"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> Path:
    if not CASES.exists():
        pytest.skip(f"real data not found at {REAL} (it lives beside the repository)")
    out = tmp_path_factory.mktemp("run") / "drafts"
    run = CliRunner().invoke(
        main,
        [
            "run", "covid-cases", "--data", f"cases={CASES}", "--data", f"areas={LOOKUP}",
            "--as-of", "2020-11-25", "--out", str(out), "--format", "json",
        ],
        catch_exceptions=False,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    page = CliRunner().invoke(main, ["review", str(out)], catch_exceptions=False)
    assert page.exit_code == 0, page.output
    return out / "review.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(
            "headless Chromium not installed: apt-get install -y chromium chromium-driver "
            "(CI's .ci/run installs them)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={profile}", "--window-size=1200,1400",
    ):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def shown(driver) -> list[str]:
    """Ids of the drafts the page shows."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('article.story.draft'))"
        ".filter(a => a.offsetParent !== null).map(a => a.dataset.id);"
    )


def test_review_page_in_a_real_browser(review, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(review.as_uri())
    assert browser.title == "Drafts for review, November 25, 2020"

    # every draft is listed, strongest first
    everything = shown(browser)
    assert len(everything) == 344
    manifest = json.loads((review.parent / "manifest.json").read_text(encoding="utf-8"))
    ranked = sorted(manifest["stories"], key=lambda entry: (-entry["score"], entry["id"]))
    assert everything == [entry["id"] for entry in ranked]
    assert browser.find_element(By.ID, "shown").text == "Showing 344 of 344 drafts"

    # a filter hides the others
    Select(browser.find_element(By.ID, "filter-patch")).select_by_visible_text("Kent and Medway")
    kent = shown(browser)
    assert len(kent) == 17 and "covid-cases-roundup-kent-and-medway" in kent
    assert all(
        "kent" in story_id or story_id.endswith(CODES_IN_KENT_AND_MEDWAY) for story_id in kent
    )
    assert browser.find_element(By.ID, "shown").text == "Showing 17 of 344 drafts"
    Select(browser.find_element(By.ID, "filter-kind")).select_by_visible_text("record")
    records = shown(browser)
    assert 0 < len(records) < len(kent)
    Select(browser.find_element(By.ID, "filter-kind")).select_by_index(0)
    assert shown(browser) == kent

    # a highlighted figure shows the fact and source behind it, on click...
    swale = browser.find_element(By.ID, "draft-covid-cases-area-swale-e07000113")
    figures = swale.find_elements(By.CSS_SELECTOR, "p.standfirst .fig")
    rate = next(figure for figure in figures if figure.text.startswith("563.7"))
    note = rate.find_element(By.CSS_SELECTOR, ".source")
    assert not note.is_displayed()
    rate.click()
    assert note.is_displayed()
    assert "fact: Swale" in note.text
    assert "england_ltla_cases_final.csv (2020-11-19 to 2020-11-25)" in note.text
    assert "563.69" in note.text  # the unrounded value behind the printed 563.7
    browser.save_screenshot(str(tmp_path / "review-click.png"))
    browser.find_element(By.TAG_NAME, "h1").click()  # a click elsewhere closes it
    assert not note.is_displayed()

    # ...and on hover
    previous = next(figure for figure in figures if figure.text.startswith("652.3"))
    ActionChains(browser).move_to_element(previous).perform()
    hover = previous.find_element(By.CSS_SELECTOR, ".source")
    assert hover.is_displayed() and "values.previous" in hover.text

    # each story draws its chart
    assert swale.find_element(By.CSS_SELECTOR, "figure.chart svg path.line").is_displayed()

    # areas with no draft are listed at the foot, with why
    skipped = browser.find_element(By.ID, "skipped")
    skipped.location_once_scrolled_into_view  # noqa: B018 (scrolls it into view)
    assert skipped.is_displayed()
    assert skipped.find_element(By.TAG_NAME, "h2").text == "No draft (2)"
    listed = {li.text for li in skipped.find_elements(By.TAG_NAME, "li")}
    assert {line.split(":", 1)[0] for line in listed} == {"City of London", "Isles of Scilly"}
    assert all("the data has no rows for it" in line for line in listed)

    screenshot = tmp_path / "review.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 10_000


CODES_IN_KENT_AND_MEDWAY = tuple(
    code.lower()
    for code in (
        "E10000016 E07000105 E07000106 E07000107 E07000108 E07000112 E07000109 E07000110 "
        "E07000111 E07000113 E07000114 E07000115 E07000116 E06000035"
    ).split()
)
