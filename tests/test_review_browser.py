"""The review pages in a real browser: Debian's Chromium driven by Playwright.

CI installs Chromium with apt-get (``.ci/run``); where it is absent these tests are skipped and
say so. ``playwright install`` is never run: the browser is the system's, started with a fresh
profile and without any network service. A screenshot of a corpus report's page is kept in
``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from _chromium import CHROMIUM, FLAGS
from govinfo_report.parse import parse
from govinfo_report.review import INDEX, cell_id, page_name, review_series, write_site

SOURCES = Path(__file__).parent / "corpus" / "sources"
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
REPORTS = (
    "2024_huaian_hongze_district.pdf",
    "2019_shanghai_gov_office.html",
    "2023_pingtan_zone.txt",
    "2025_pingtan_zone.txt",
)
HONGZE = REPORTS[0]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no Chromium at /usr/bin/chromium (CI installs it with apt-get): "
    "the review pages' browser tests did not run",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("site")
    results = [parse(SOURCES / name) for name in REPORTS]
    write_site(review_series(results), list(REPORTS), directory)
    return directory


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=list(FLAGS),
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()


class _Watched:
    """A page whose console errors, uncaught exceptions and requests are recorded."""

    def __init__(self, context: BrowserContext) -> None:
        self.page: Page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: object) -> None:
        if getattr(message, "type", None) == "error":
            self.errors.append(getattr(message, "text", ""))


@pytest.fixture
def watched(browser: BrowserContext) -> Iterator[_Watched]:
    page = _Watched(browser)
    yield page
    page.page.close()


def _open(watched: _Watched, path: Path) -> Page:
    watched.page.goto(path.as_uri())
    return watched.page


def _in_view(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(selector) => {
                const box = document.querySelector(selector).getBoundingClientRect();
                return box.top >= 0 && box.bottom <= window.innerHeight;
            }""",
            selector,
        )
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_load_without_console_errors_and_fetch_nothing(
    site: Path, watched: _Watched, lang: str
) -> None:
    """Every page and the index load cleanly, offline: no request leaves the file system."""
    for name in [*(page_name(report, lang) for report in REPORTS), INDEX[lang]]:
        page = _open(watched, site / name)
        assert page.locator("h1").inner_text()
    assert watched.errors == []
    assert watched.requests
    assert all(url.startswith("file://") for url in watched.requests)


def test_clicking_a_finding_scrolls_to_and_highlights_its_cell(
    site: Path, watched: _Watched
) -> None:
    """The P7 finding on Hongze 2024 leads to the 95 of table 三, which shows where it was read."""
    page = _open(watched, site / page_name(HONGZE, "zh"))
    cell = "#" + cell_id("$.requests.new_requests.total")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert not _in_view(page, cell)
    page.locator("#findings > ol > li").first.locator("a.goto").first.click()
    page.wait_for_function(f"document.querySelector('{cell}').classList.contains('hl')")
    assert _in_view(page, cell)
    assert "st-failed" in (page.locator(cell).get_attribute("class") or "")
    panel = page.locator("#cell-panel")
    assert panel.is_visible()
    assert "$.requests.new_requests.total" in panel.inner_text()
    assert "第3页" in panel.inner_text()  # the place in the PDF the 95 was read
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-2024_huaian_hongze_district.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert watched.errors == []


def test_clicking_a_cell_highlights_its_findings(site: Path, watched: _Watched) -> None:
    """From the cell back to the finding: the panel links it and the list highlights it."""
    page = _open(watched, site / page_name(HONGZE, "en"))
    page.locator("#" + cell_id("$.requests.new_requests.total")).click()
    finding = page.locator("#findings li.hl")
    assert finding.count() == 1
    assert "P7" in finding.inner_text()
    page.locator("#cell-panel a.to-finding").first.click()
    assert _in_view(page, "#findings li.hl")


def test_clicking_a_quoted_figure_highlights_its_cells(site: Path, watched: _Watched) -> None:
    """行政诉讼 7 件 in the 2023 Pingtan overview lights up the two rows it is the sum of."""
    page = _open(watched, site / page_name("2023_pingtan_zone.txt", "zh"))
    mark = page.locator("mark.fig.passed", has_text="7件").last
    mark.click()
    lit = page.locator("td.hl")
    assert sorted(lit.evaluate_all("cells => cells.map(cell => cell.id)")) == [
        cell_id("$.review_litigation.litigation_after_review.total"),
        cell_id("$.review_litigation.litigation_direct.total"),
    ]


def test_the_index_sorts(site: Path, watched: _Watched) -> None:
    """Clicking a header sorts the reports by it, then the other way round."""
    page = _open(watched, site / INDEX["en"])

    def years() -> list[str]:
        return page.locator("table.index tbody tr td:nth-child(3)").all_inner_texts()

    assert page.locator("table.index tbody tr").count() == len(REPORTS)
    first = page.locator("table.index tbody tr td:nth-child(5)").all_inner_texts()
    assert first == sorted(first, key=int, reverse=True)  # most review findings first
    page.locator("table.index thead th", has_text="Year").click()
    assert years() == sorted(years())
    page.locator("table.index thead th", has_text="Year").click()
    assert years() == sorted(years(), reverse=True)
    page.locator("table.index tbody a", has_text=HONGZE).click()
    assert page.url.endswith(page_name(HONGZE, "en"))


def test_full_page_screenshot_of_a_corpus_report(site: Path, watched: _Watched) -> None:
    """The Shanghai 2019 page whole (blank totals, two narrative mismatches), kept as artifact."""
    page = _open(watched, site / page_name("2019_shanghai_gov_office.html", "en"))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-2019_shanghai_gov_office-full.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    assert page.locator("td.st-blank").count() > 100
    assert page.locator("mark.fig.failed").count() == 2
