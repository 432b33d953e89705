"""Any report laid out as the official form, in HTML or in the Word template, reads back exactly.

One contract for the HTML and Word front ends: write a report's tables the way publishers do
(labels from the catalog, blank cells left empty), parse the page or the file, and get every cell
back, blanks as ``None``.
"""

from __future__ import annotations

import html
import io
from decimal import Decimal
from pathlib import Path

import attrs
import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import catalog, strategies
from govinfo_report.catalog import Grid
from govinfo_report.model import CellValue, Report
from govinfo_report.parse import parse

TEMPLATE = Path(__file__).parent / "corpus" / "official_template_2021.docx"
ORGAN = "某某县人民政府办公室"


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _td(text: str, *, colspan: int = 1, rowspan: int = 1) -> str:
    spans = (f' colspan="{colspan}"' if colspan > 1 else "") + (
        f' rowspan="{rowspan}"' if rowspan > 1 else ""
    )
    return f"<td{spans}>{html.escape(text) or '&nbsp;'}</td>"


def _proactive_html(report: Report) -> str:
    rows = []
    for table in report.proactive_disclosure.tables:
        grid = table.grid
        width = len(grid.columns) + 1
        rows.append(f"<tr>{_td(grid.label.zh, colspan=width)}</tr>")
        header = "".join(_td(column.label.zh) for column in grid.columns)
        rows.append(f"<tr>{_td('信息内容')}{header}</tr>")
        for row in grid.rows:
            cells = "".join(_td(_text(value)) for value in table.row(row.id).values())
            rows.append(f"<tr>{_td(row.label.zh)}{cells}</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _requests_html(report: Report) -> str:
    grid: Grid = report.requests.grid
    (legal,) = grid.column_groups
    assert grid.note is not None
    header = (
        f"<tr>{_td(grid.note.zh, colspan=3, rowspan=3)}{_td('申请人情况', colspan=7)}</tr>"
        f"<tr>{_td(grid.columns[0].label.zh, rowspan=2)}{_td(legal.label.zh, colspan=5)}"
        f"{_td(grid.columns[-1].label.zh, rowspan=2)}</tr>"
        "<tr>" + "".join(_td(column.label.zh) for column in grid.columns[1:-1]) + "</tr>"
    )
    rows = []
    for row in grid.rows:
        groups = [group for group in grid.row_groups if row.id in group.members]
        opened = "".join(
            _td(group.label.zh, rowspan=len(group.members))
            for group in groups
            if group.members[0] == row.id
        )
        span = 3 - len(groups)
        values = "".join(_td(_text(value)) for value in report.requests.row(row.id).values())
        rows.append(f"<tr>{opened}{_td(row.label.zh, colspan=span)}{values}</tr>")
    return "<table>" + header + "".join(rows) + "</table>"


def _review_html(report: Report) -> str:
    grid = report.review_litigation.grid
    review, direct, after = grid.rows
    labels = [column.label.zh for column in grid.columns]
    header = (
        f"<tr>{_td(review.label.zh, colspan=5)}{_td('行政诉讼', colspan=10)}</tr>"
        "<tr>"
        + "".join(_td(label, rowspan=2) for label in labels)
        + _td(direct.label.zh, colspan=5)
        + _td(after.label.zh, colspan=5)
        + "</tr><tr>"
        + "".join(_td(label) for label in labels * 2)
        + "</tr>"
    )
    values = "".join(_td(_text(value)) for value in report.review_litigation.values)
    return f"<table>{header}<tr>{values}</tr></table>"


def _page(report: Report) -> str:
    spec = catalog.format_spec("2021")
    heading = {section.id: section.heading.zh for section in spec.sections}
    return (
        "<html><head><meta charset='utf-8'></head><body>"
        f"<p>{ORGAN}{report.year}年政府信息公开工作年度报告</p>"
        f"<p>{heading['overview']}</p><p>本机关认真贯彻《条例》。</p>"
        f"<p>{heading['proactive_disclosure']}</p>{_proactive_html(report)}"
        f"<p>{heading['requests']}</p>{_requests_html(report)}"
        f"<p>{heading['review_litigation']}</p>{_review_html(report)}"
        f"<p>{heading['problems_improvements']}</p><p>无。</p>"
        f"<p>{heading['other_matters']}</p><p>无。</p></body></html>"
    )


def _reports(version: str | None) -> st.SearchStrategy[Report]:
    return st.builds(
        Report,
        organ=st.just(ORGAN),
        year=st.integers(2019, 2025),
        proactive_disclosure=strategies.proactive_disclosures(version),
        requests=strategies.consistent_requests(version),
        review_litigation=strategies.review_litigations(),
    )


def _tables(report: Report) -> list[tuple[object, ...]]:
    return [(table.grid.id, table.values) for table in report.tables()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports(None))
def test_html_page_reads_back(report: Report) -> None:
    """Any report (either format, mixed versions, blanks) written as an HTML page reads back."""
    result = parse(_page(report).encode("utf-8"), name="page.html")
    assert (result.report.organ, result.report.year) == (ORGAN, report.year)
    assert result.report.formats == report.formats
    assert _tables(result.report) == _tables(report)


def _fill_template(report: Report) -> bytes:
    document = docx.Document(str(TEMPLATE))
    document.paragraphs[1].text = f"{ORGAN}{report.year}年政府信息公开工作年度报告"
    proactive, requests, review = document.tables
    template_rows = iter(proactive.rows)
    for table in report.proactive_disclosure.tables:
        next(template_rows)  # caption
        next(template_rows)  # header
        for row in table.grid.rows:
            cells = next(template_rows).cells
            for position, value in enumerate(table.row(row.id).values(), start=1):
                cells[position].text = _text(value)
    for offset, row in enumerate(report.requests.grid.rows):
        values = list(report.requests.row(row.id).values())
        for cell, value in zip(requests.rows[3 + offset].cells[-7:], values, strict=True):
            cell.text = _text(value)
    for cell, value in zip(review.rows[3].cells, report.review_litigation.values, strict=True):
        cell.text = _text(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports("2021"))
def test_filled_word_template_reads_back(report: Report) -> None:
    """Any 2021 report filled into the official Word template reads back cell for cell."""
    result = parse(_fill_template(report), name="report.docx")
    assert result.report.year == report.year
    assert _tables(result.report) == _tables(report)


def test_template_layout_matches_the_catalog() -> None:
    """The template's rows are the catalog's rows, in order, so the filling above is exact."""
    document = docx.Document(str(TEMPLATE))
    requests = document.tables[1]
    grid = catalog.requests_grid("2021")
    labels = [requests.rows[3 + i].cells[2].text for i in range(len(grid.rows))]
    assert labels == [row.label.zh for row in grid.rows]
    blank = attrs.evolve(Report.blank("2021"), year=2024, organ=ORGAN)
    assert _tables(parse(_fill_template(blank)).report) == _tables(blank)
