"""The review page's HTML, read without a browser: self-contained, marked, linked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
from lxml import html

from govinfo_report import Report
from govinfo_report.parse import ParseResult, parse
from govinfo_report.review import (
    IndexRow,
    cell_id,
    extract_figures,
    render_index,
    render_page,
    review,
)

SOURCES = Path(__file__).parent / "corpus" / "sources"


def test_the_page_fetches_nothing_and_every_cell_is_addressable() -> None:
    """No external address anywhere; each value cell has a unique id and its data."""
    reviewed = review(parse(SOURCES / "2019_shanghai_gov_office.html"))
    page = render_page(reviewed, lang="en")
    tree = html.fromstring(page)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert not tree.xpath("//link | //img | //script[@src] | //iframe")
    ids = [cell.get("id") for cell in tree.xpath("//td[@data-path]")]
    assert len(ids) == len(set(ids)) == 198
    data = json.loads(tree.get_element_by_id("cell-data").text)
    granted = data["$.requests.granted.natural_person"]
    assert granted["raw"] == "258"
    assert granted["where"].startswith("table ")
    assert tree.get("lang") == "en"


def test_cells_are_marked_by_status() -> None:
    """Failed, not assessable, blank, settled and agreeing cells carry their classes."""
    reviewed = review(parse(SOURCES / "2019_shanghai_gov_office.html"))
    settled = {"$.requests.other_handling.total": "P1 with the 2018 report"}
    tree = html.fromstring(render_page(reviewed, settled=settled))

    def classes(path: str) -> set[str]:
        return set(tree.get_element_by_id(cell_id(path)).get("class").split())

    assert {"st-failed", "st-blank"} <= classes("$.requests.granted.total")
    assert "st-na" in classes("$.requests.withheld_state_secret.total")
    assert "st-settled" in classes("$.requests.other_handling.total")
    assert "st-agrees" in classes("$.requests.new_requests.total")
    assert classes("$.requests.new_requests.natural_person") == {"value"}


def test_findings_and_figures_link_to_their_cells_and_back() -> None:
    """A P7 finding names its cells; the cells name the finding; the figure names both."""
    reviewed = review(parse(SOURCES / "2024_huaian_hongze_district.txt"))
    tree = html.fromstring(render_page(reviewed))
    (item,) = tree.xpath('//section[@id="findings"]/ol/li')
    target = cell_id("$.requests.new_requests.total")
    assert item.xpath('.//a[@class="goto"]/@data-cells')[0] == target
    cell = tree.get_element_by_id(target)
    assert item.get("id") in cell.get("data-findings").split()
    (mark,) = tree.xpath('//mark[contains(@class, "failed")]')
    assert mark.text == "17 件"
    assert mark.get("data-cells") == target
    assert item.xpath('.//a[@class="goto"]/@href')[1] == "#" + mark.get("id")


def test_figures_the_vocabulary_does_not_map_are_shown_not_compared() -> None:
    """Unmapped, other-year and approximate figures are marked, with the reason in the title."""
    report = Report.blank(
        "2021",
        year=2024,
        overview="主动公开政府信息7700余条。较上年增加申请20件。受理群众诉求259起。",
    )
    reviewed = review(ParseResult(report=report))
    tree = html.fromstring(render_page(reviewed, lang="zh"))
    titles = [mark.get("title") for mark in tree.xpath("//mark")]
    assert titles == ["主动公开政府信息数：约数", "其他年度", "未对应表格"]
    assert extract_figures(report)[0].term == "proactive.items"


def test_copy_findings_quote_the_passages_beside_last_years() -> None:
    """C2 on the page: each repeated sentence over last year's."""
    result = parse(SOURCES / "2025_pingtan_zone.txt")
    previous = attrs.evolve(result.report, year=2024)
    tree = html.fromstring(render_page(review(result, previous=previous), lang="en"))
    quotes = tree.xpath('//section[@id="findings"]//blockquote[@class="previous"]')
    assert quotes
    assert tree.xpath('//section[@id="findings"]//span[@class="rule"][text()="C1"]')


def test_the_index_lists_reports_most_findings_first() -> None:
    """Rows sorted by review findings, with numeric sort keys for the script."""
    counts = {"errors": 0, "warnings": 0, "review": 0, "blanks": 3, "not_assessable": 1}
    rows = [
        IndexRow(href="a.html", name="a.txt", organ=None, year=None, counts=counts),
        IndexRow(
            href="b.html", name="b.txt", organ="某区", year=2024, counts={**counts, "review": 2}
        ),
    ]
    tree = html.fromstring(render_index(rows, lang="en", other="index.html"))
    assert tree.xpath("//tbody/tr/td[1]/a/text()") == ["b.txt", "a.txt"]
    assert tree.xpath("//tbody/tr[2]/td[3]/@data-sort") == ["0"]
    assert tree.xpath("//tbody/tr[2]/td[2]/text()") == ["—"]
    assert tree.xpath("//nav/a/@href") == ["index.html"]


def test_undetermined_cells_show_their_candidates() -> None:
    """Pingtan 2023: the 行政规范性文件 digit run '77132470' leaves cells blank, with candidates."""
    reviewed = review(parse(SOURCES / "2023_pingtan_zone.txt"))
    tree = html.fromstring(render_page(reviewed))
    data = json.loads(tree.get_element_by_id("cell-data").text)
    in_force = data["$.proactive_disclosure.art20_1.normative_documents.in_force"]
    assert "470" in in_force["candidates"].split(" / ")
    assert data["$.requests.new_requests.total"]["candidates"] is None
