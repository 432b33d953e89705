"""What each writer produces: the official layout, labels from the catalog, blanks left blank."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import attrs
import docx
import openpyxl
import pytest
from lxml import html as lxml_html

from govinfo_report import Report, catalog
from govinfo_report.paste import PasteError, find_row, paste_row
from govinfo_report.render import render
from govinfo_report.render._layout import CellRole, layout_tables, placed
from govinfo_report.render._text import display_width
from govinfo_report.render.docx import _template_bytes
from govinfo_report.render.html import render_html
from govinfo_report.render.markdown import render_markdown
from govinfo_report.render.text import render_table_text, render_text


def _report(version: str = "2021") -> Report:
    report = Report.blank(version, organ="淮安市人民政府", year=2024)
    proactive = report.proactive_disclosure
    amount_table = proactive.tables[-1].grid
    amount_column = next(c for c in amount_table.columns if c.kind is catalog.CellKind.AMOUNT)
    return attrs.evolve(
        report,
        overview="第一段。\n第二段。",
        proactive_disclosure=proactive.with_cells(
            {(amount_table.id, amount_table.rows[0].id, amount_column.id): Decimal("96171.6")}
        ),
        requests=report.requests.with_cells({("granted", "natural_person"): 12}),
    )


def test_html_page_is_standalone_with_header_cells_and_spans() -> None:
    page = render_html(_report())
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "zh-CN"
    assert not re.search(r"<(script|link|img)\b|https?://", page)
    assert "@page { size: A4" in page
    requests = tree.xpath("//table[@data-section='requests']")[0]
    corner = requests.xpath(".//thead/tr[1]/th[1]")[0]
    assert (corner.get("colspan"), corner.get("rowspan"), corner.get("scope")) == (
        "3",
        "3",
        "colgroup",
    )
    groups = [th.text for th in requests.xpath(".//th[@scope='rowgroup']")]
    assert groups[:2] == ["三、本年度办理结果", "（三）不予公开"]
    values = requests.xpath(".//td[@data-path]")
    assert len(values) == catalog.requests_grid("2021").size
    assert requests.xpath(".//td[@data-path='$.requests.granted.natural_person']")[0].text == "12"
    assert requests.xpath(".//td[@data-path='$.requests.granted.total']")[0].text is None
    assert [p.text for p in tree.xpath("//p")][:2] == ["第一段。", "第二段。"]


def test_html_decoration_hook_marks_cells_by_path() -> None:
    seen: list[str] = []

    def decorate(cell: object) -> dict[str, str]:
        path = getattr(cell, "path", "")
        seen.append(path)
        if path.endswith(".granted.total"):
            return {"class": "flagged", "title": 'E3 "总计"', "data-rule": "E3"}
        return {}

    page = render_html(_report(), decorate=decorate, extra_css=".flagged{color:red}")
    assert len(seen) == sum(1 for _ in _report().tables() for _ in _) or len(seen) == 200
    cell = lxml_html.fromstring(page).xpath("//td[@data-rule='E3']")[0]
    assert cell.get("class") == "value flagged"
    assert cell.get("title") == 'E3 "总计"'
    assert ".flagged{color:red}" in page


def test_word_fills_the_template_in_place() -> None:
    """The 2021 tables keep the template's merged cells; values land in their cells."""
    written = docx.Document(io.BytesIO(render(_report(), to="docx")))
    template = docx.Document(io.BytesIO(_template_bytes()))
    assert written.paragraphs[1].text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert not any("文字描述" in p.text for p in written.paragraphs)
    assert "第二段。" in [p.text for p in written.paragraphs]
    for ours, theirs in zip(written.tables, template.tables, strict=True):
        assert len(ours.rows) == len(theirs.rows)
        for our_row, their_row in zip(ours.rows, theirs.rows, strict=True):
            spans = [c._tc.grid_span for c in our_row.cells]
            assert spans == [c._tc.grid_span for c in their_row.cells]
    requests = written.tables[1]
    assert requests.rows[5].cells[3].text == "12"
    assert requests.rows[5].cells[9].text == ""


def test_word_2019_and_english_build_the_tables() -> None:
    written = docx.Document(io.BytesIO(render(_report("2019"), to="docx", lang="en")))
    assert written.paragraphs[1].text == (
        "淮安市人民政府 2024: Annual report on government information disclosure"
    )
    headers = [cell.text for cell in written.tables[0].rows[1].cells]
    assert headers == [
        "Information",
        "Made this year",
        "Newly published this year",
        "Published in all",
    ]
    review = written.tables[2]
    assert review.rows[0].cells[0].text == "Administrative reconsideration"
    assert review.rows[0].cells[0]._tc.grid_span == 5


def test_excel_sheets_merges_numbers_and_units() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), to="xlsx")))
    assert len(book.sheetnames) == 6
    assert book.worksheets[0]["A1"].value == "淮安市人民政府2024年政府信息公开工作年度报告"
    requests = book.worksheets[2]
    assert "A2:C4" in {str(r) for r in requests.merged_cells.ranges}
    assert requests["D7"].value == 12
    assert requests["J7"].value is None
    proactive = book.worksheets[1]
    amount = next(
        cell
        for row in proactive.iter_rows()
        for cell in row
        if cell.value == Decimal("96171.6") or cell.value == 96171.6
    )
    assert amount.number_format == 'General" 万元"'


def test_markdown_rows_are_no_wider_than_their_table() -> None:
    """Every row fits under the header row; a row may end early where its last value spans to
    the edge (GitHub-flavoured Markdown pads it), but never holds positions the table lacks."""
    text = render_markdown(_report())
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if lines:
            widths = [len(re.findall(r"(?<!\\)\|", line)) for line in lines]
            assert max(widths) == widths[0]


def test_text_columns_line_up_in_terminal_columns() -> None:
    """Every value of a table-三 column ends in the same terminal column (CJK counts two)."""
    assert "—" in render_text(_report())
    requests = render_table_text(layout_tables(_report())[1]).splitlines()
    values = requests[3:]
    assert len(values) == len(catalog.requests_grid("2021").rows)
    assert len({display_width(line) for line in values}) == 1
    granted = next(line for line in values if "予以公开" in line)
    assert granted.split()[-7:] == ["12", "—", "—", "—", "—", "—", "—"]


@pytest.mark.parametrize("granted", [12, 123456789])
def test_text_columns_widen_for_values_longer_than_their_labels(granted: int) -> None:
    """自然人 is six columns wide: nine digits widen its column by three, every line alike."""
    report = _report()
    report = attrs.evolve(
        report, requests=report.requests.with_cells({("granted", "natural_person"): granted})
    )
    table = render_table_text(layout_tables(report)[1])
    assert table in render_text(report)
    values = table.splitlines()[3:]
    assert {display_width(line) for line in values} == {
        display_width(render_table_text(layout_tables(_report())[1]).splitlines()[3])
        + max(0, len(str(granted)) - display_width("自然人"))
    }


def test_decorations_are_printed_as_given() -> None:
    """Attributes from ``decorate`` are escaped, braces and all, never read as placeholders."""
    page = render_html(_report(), decorate=lambda _cell: {"title": "{0} <总计>", "data-n": "{}"})
    assert 'title="{0} &lt;总计&gt;" data-n="{}">12</td>' in page


def test_layout_matrix_is_dense() -> None:
    for table in layout_tables(_report("2019")):
        matrix = placed(table)
        covered = sum(1 for row in matrix for cell in row if cell is None)
        spanned = sum(cell.colspan * cell.rowspan - 1 for row in table.rows for cell in row)
        assert covered == spanned
        assert all(
            cell.path is not None
            for row in table.rows
            for cell in row
            if cell.role is CellRole.VALUE
        )


def test_paste_row_sets_a_row_and_refuses_a_wrong_count() -> None:
    report = Report.blank("2019")
    report = paste_row(report, "$.review_litigation.review", "1\t2\t\t0\t3")
    assert list(report.review_litigation.row("review").values()) == [1, 2, None, 0, 3]
    report = paste_row(report, "proactive_disclosure.art20_5.admin_licensing", "１,２００ -3 ７")
    assert list(report.proactive_disclosure.table("art20_5").row("admin_licensing").values()) == [
        1200,
        -3,
        7,
    ]
    report = paste_row(report, "proactive_disclosure.art20_9.central_procurement", "2 251000.5")
    assert report.proactive_disclosure.cell(
        "art20_9", "central_procurement", "procurement_amount"
    ) == Decimal("251000.5")
    with pytest.raises(PasteError, match=r"has 5 columns; 3 numbers were pasted: 1 2 3"):
        paste_row(report, "review_litigation.review", "1 2 3")
    with pytest.raises(PasteError, match=r"结果维持: '三' is not a count >= 0"):
        paste_row(report, "review_litigation.review", "三 0 0 0 0")
    with pytest.raises(PasteError, match=r"'-1' is not a count >= 0"):
        paste_row(report, "review_litigation.review", "-1 0 0 0 0")
    with pytest.raises(PasteError, match=r"'x' is not a whole number"):
        paste_row(report, "proactive_disclosure.art20_5.admin_licensing", "1 x 3")
    with pytest.raises(PasteError, match=r"is not an amount >= 0"):
        paste_row(report, "proactive_disclosure.art20_9.central_procurement", "1 -5")
    with pytest.raises(PasteError, match=r"no row 'requests.nothing'"):
        find_row(report, "requests.nothing")


def test_word_cell_text_replaces_every_paragraph_and_run() -> None:
    """A template cell holding several paragraphs and runs ends with one run of the value."""
    from docx.oxml import parse_xml  # noqa: PLC0415 - python-docx's element factory

    from govinfo_report.render.docx import _set_cell_xml  # noqa: PLC0415

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    tc = parse_xml(
        f'<w:tc xmlns:w="{w}"><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r>'
        "<w:r><w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc>"
    )
    _set_cell_xml(tc, "42")
    assert [t.text for t in tc.iter(f"{{{w}}}t")] == ["42"]
    assert len(tc.findall(f"{{{w}}}p")) == 1
    assert tc.find(f".//{{{w}}}b") is not None
    _set_cell_xml(tc, "")
    assert list(tc.iter(f"{{{w}}}t")) == []
    _set_cell_xml(tc, "")  # a cell already empty stays so
    assert list(tc.iter(f"{{{w}}}r")) == []
