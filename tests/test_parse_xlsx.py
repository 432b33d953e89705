"""Reading spreadsheets and CSV: own output, hand-made sheets, and bad input named by cell."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

from govinfo_report import Report
from govinfo_report.errors import ParseError
from govinfo_report.parse import _xlsx, parse
from govinfo_report.parse._csv import looks_like_csv, read_csv
from govinfo_report.parse._document import Location, SourceKind
from govinfo_report.parse._xlsx import MAX_CELLS, is_workbook, read_xlsx
from govinfo_report.render import render
from govinfo_report.render._document import narrative_sections, title_text
from govinfo_report.render._layout import flat_texts, layout_tables


def _report(version: str = "2021") -> Report:
    report = Report.blank(version, organ="某某县人民政府", year=2024)
    return attrs.evolve(
        report,
        requests=report.requests.with_cells(
            {("granted", "natural_person"): 3, ("granted", "total"): 3}
        ),
        review_litigation=report.review_litigation.with_cells({("review", "upheld"): 2}),
    )


def _flat_rows(report: Report) -> list[list[str]]:
    """The report as one sheet of plain rows, headings in column A: a clerk's own sheet."""
    tables = {table.section_id: table for table in layout_tables(report)}
    rows: list[list[str]] = [[title_text(report)]]
    for section, text in narrative_sections(report):
        rows.append([section.heading.zh])
        if section.id in tables:
            rows.extend(flat_texts(tables[section.id]))
        rows.extend([line] for line in (text or "").split("\n") if line)
    return rows


def _save(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _tables(report: Report) -> list[tuple[object, ...]]:
    return [table.values for table in report.tables()]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_hand_made_sheet_without_merges_reads_back(version: str) -> None:
    """One sheet, no merged cells, numbers typed as numbers: the official rows as a clerk types."""
    report = _report(version)
    book = openpyxl.Workbook()
    sheet = book.active
    for row in _flat_rows(report):
        sheet.append([int(text) if text.isdigit() else (text or None) for text in row])
    read = parse(_save(book), name="hand.xlsx").report
    assert (read.organ, read.year) == (report.organ, report.year)
    assert _tables(read) == _tables(report)


def test_csv_in_official_row_order_reads_back() -> None:
    report = _report()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_flat_rows(report))
    read = parse(buffer.getvalue().encode("utf-8"), name="report.csv").report
    assert _tables(read) == _tables(report)


def test_csv_with_row_ids_in_the_first_column() -> None:
    """Ids (or JSON paths) stand for the official labels."""
    report = _report()
    rows = _flat_rows(report)
    labels = {row.label.zh: row.id for row in report.requests.grid.rows}
    for row in rows:
        for index, text in enumerate(row):
            if text in labels:
                row[: index + 1] = [f"requests.{labels[text]}"]
                break
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    assert looks_like_csv(buffer.getvalue())
    read = parse(buffer.getvalue()).report
    assert _tables(read) == _tables(report)


def test_csv_row_with_a_wrong_count_is_named() -> None:
    text = "标题,,\n（一）予以公开,3,0,0,0,3\n"
    with pytest.raises(
        ParseError, match=r"report.csv: line 2: row （一）予以公开 .* has 7 columns"
    ):
        read_csv(text, name="report.csv")


def test_csv_that_is_not_csv() -> None:
    with pytest.raises(ParseError, match=r"line 1: not valid CSV"):
        read_csv('a,"b\n', name="x.csv")
    assert not looks_like_csv("本机关，认真贯彻。\n第二行")
    assert not looks_like_csv("a\tb,c,d")


def _rewrite(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == part else content)
    return buffer.getvalue()


def test_formula_where_a_number_belongs_names_sheet_and_cell() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), to="xlsx")))
    sheet = book.worksheets[2]
    sheet["J7"] = "=SUM(D7:I7)"
    # A saved cached value, as Excel and LibreOffice write it.
    data = _rewrite(
        _save(book),
        "xl/worksheets/sheet3.xml",
        lambda xml: xml.replace(b"<f>SUM(D7:I7)</f><v></v>", b"<f>SUM(D7:I7)</f><v>3</v>"),
    )
    with pytest.raises(
        ParseError, match=r"sheet '三、收到和处理政府信息公开申请情况', cell J7: a formula"
    ):
        parse(data, name="book.xlsx")


def test_text_in_a_number_cell_names_sheet_and_cell() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), to="xlsx")))
    book.worksheets[2]["E7"] = "三件"
    with pytest.raises(ParseError, match=r"cell E7: '三件' where a number belongs"):
        parse(_save(book), name="book.xlsx")


def test_merged_cell_out_of_place_names_the_cells() -> None:
    """A number merged over cells that hold numbers of their own is refused; the official
    merge of a last value across the rest of its row is not."""
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), to="xlsx")))
    book.worksheets[2].merge_cells("D7:E7")
    with pytest.raises(ParseError, match=r"cells D7:E7: merged around one number"):
        parse(_save(book), name="book.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), to="xlsx")))
    book.worksheets[3].merge_cells("A5:A6")
    with pytest.raises(ParseError, match=r"cells A5:A6"):
        parse(_save(book), name="book.xlsx")


def test_extra_and_hidden_sheets() -> None:
    """An extra sheet after the report is read as more text; a hidden sheet is left out."""
    book = openpyxl.load_workbook(io.BytesIO(render(_report(), to="xlsx")))
    book.create_sheet("说明")["A1"] = "本表由某某县人民政府办公室填报。"
    hidden = book.create_sheet("计算")
    hidden["A1"], hidden["B1"] = "草稿", 99
    hidden.sheet_state = "hidden"
    document = read_xlsx(_save(book), name="book.xlsx")
    assert document.kind is SourceKind.XLSX
    assert document.lines[-1].location == Location(sheet="说明", table=7, row=1)
    assert all(line.location.sheet != "计算" for line in document.lines)
    read = parse(_save(book)).report
    assert _tables(read) == _tables(_report())


def test_amounts_keep_every_digit() -> None:
    """An amount a double cannot hold is written as text and read back exactly."""
    report = _report()
    for amount in (Decimal("96171.6"), Decimal("12345678901234.5678"), Decimal("0.0001")):
        with_amount = attrs.evolve(
            report,
            proactive_disclosure=report.proactive_disclosure.with_cells(
                {("art20_8", "admin_fees", "fee_amount"): amount}
            ),
        )
        read = parse(render(with_amount, to="xlsx")).report
        assert read.proactive_disclosure.cell("art20_8", "admin_fees", "fee_amount") == amount


def test_huge_spreadsheet_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ParseError, match=r"50.0 MB, over the 32 MB limit"):
        parse(path)


def _workbook_zip(sheet_xml: bytes, *, workbook: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            workbook
            or b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def test_zip_bomb_stops_at_the_cap() -> None:
    started = time.perf_counter()
    bomb = _workbook_zip(b"<worksheet>" + b" " * (65 * 1024 * 1024) + b"</worksheet>")
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ParseError, match=r"would unpack to .* over the limit .* zip bomb"):
        parse(bomb, name="bomb.xlsx")
    assert time.perf_counter() - started < 30


def test_too_many_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_xlsx, "MAX_CELLS", 2)
    cells = b"".join(b'<c r="A%d"><v>1</v></c>' % row for row in range(1, 4))
    sheet = b"<worksheet><sheetData><row>" + cells + b"</row></sheetData></worksheet>"
    with pytest.raises(ParseError, match=r"over 2 cells"):
        read_xlsx(_workbook_zip(sheet), name="many.xlsx")
    assert MAX_CELLS >= 1_000_000


def test_overlapping_merges_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Merged ranges are clipped to the cells a sheet has, and what they cover is capped."""
    monkeypatch.setattr(_xlsx, "MAX_CELLS", 10)
    cells = b"".join(
        b'<c r="%s1" t="inlineStr"><is><t>x</t></is></c>' % c for c in (b"A", b"B", b"C", b"D")
    )
    merges = b"".join(b'<mergeCell ref="A1:XFD1048576"/>' for _ in range(4))
    sheet = b"<worksheet><sheetData><row>" + cells + b"</row></sheetData><mergeCells>"
    sheet += merges + b"</mergeCells></worksheet>"
    with pytest.raises(ParseError, match=r"merged ranges cover over 10 cells"):
        read_xlsx(_workbook_zip(sheet), name="merged.xlsx")
    (line,) = read_xlsx(_workbook_zip(sheet.replace(merges, merges[: len(merges) // 4]))).lines
    assert line.cells == ("x",)


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        pytest.param(
            b'<c r="A1" t="inlineStr"><is><r><t>\xe8\xa7\x84</t></r><r><t>\xe7\xab\xa0</t></r>'
            b'<rPh sb="0" eb="1"><t>gui</t></rPh></is></c><c r="B1"><v> 3 </v></c>',
            ("规章", "3"),
            id="phonetic hints of an inline string left out",
        ),
        pytest.param(
            b'<c><v>5</v></c><c r="A1" t="inlineStr"><is><t>x</t></is><sheet/></c>'
            b'<c r="B1"><v> </v></c><c r="C1"><v>1.2345678901234567.8</v></c>',
            ("x", "", "1.2345678901234567.8"),
            id="a cell without a place, one of white space, a number that is not one",
        ),
    ],
)
def test_one_row_of_cells(row: bytes, cells: tuple[str, ...]) -> None:
    sheet = b"<worksheet><sheetData><row>" + row + b"</row></sheetData></worksheet>"
    (line,) = read_xlsx(_workbook_zip(sheet)).lines
    assert line.cells == cells


def test_damaged_workbooks() -> None:
    with pytest.raises(ParseError, match=r"damaged or truncated"):
        read_xlsx(b"PK\x03\x04broken", name="bad.xlsx")
    with pytest.raises(ParseError, match=r"XML is damaged"):
        read_xlsx(_workbook_zip(b"<worksheet><sheetData>"), name="bad.xlsx")
    with pytest.raises(ParseError, match=r"shared string '7'"):
        read_xlsx(_workbook_zip(b'<worksheet><c r="A1" t="s"><v>7</v></c></worksheet>'))
    with pytest.raises(ParseError, match=r"DTD"):
        read_xlsx(_workbook_zip(b'<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'))
    assert not is_workbook(b"not a zip")


def test_sheet_found_by_position_when_relationships_are_missing() -> None:
    sheet = b'<worksheet><sheetData><row><c r="B2" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet += b'<mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="bad"/></mergeCells>'
    sheet += b"</sheetData></worksheet>"
    document = read_xlsx(_workbook_zip(sheet))
    assert [line.cells for line in document.lines] == [("", "x")]


def test_shared_strings_and_relationships_as_excel_writes_them() -> None:
    """Shared strings (rich runs joined, phonetic hints left out) and absolute part targets."""
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>\xe8\xa7\x84\xe7\xab\xa0</t></si>"
        b"<si><r><t>\xe8\xa1\x8c\xe6\x94\xbf</t></r><r><t>\xe8\xae\xb8\xe5\x8f\xaf</t></r>"
        b"<rPh><t>xingzheng</t></rPh></si></sst>"
    )
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>96171.60000000001</v>'
        b'</c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c>'
        b"</row></sheetData>"
        b"</worksheet>"
    )
    workbook = (
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="T" sheetId="1" r:id="rId7"/></sheets></workbook>'
    )
    rels = (
        b'<Relationships><Relationship Id="rId7" Type="x/worksheet" '
        b'Target="/xl/worksheets/data.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/worksheets/data.xml", sheet)
    document = read_xlsx(buffer.getvalue(), name="excel.xlsx")
    assert [line.cells for line in document.lines] == [("规章", "96171.6"), ("行政许可", "#N/A")]
    assert str(document.lines[0].location) == "sheet T, table 1, row 1"


def test_sheets_and_cells_at_the_edges() -> None:
    """A sheet of formulas only, a merge over the whole sheet, big whole numbers kept as
    written, an empty CSV line, a zip that is a Word file."""
    formulas = b'<worksheet><sheetData><row><c r="A1" t="str"><f>A2</f><v>x</v></c></row>'
    formulas += b"</sheetData></worksheet>"
    assert read_xlsx(_workbook_zip(formulas)).lines == ()
    sheet = (
        b'<worksheet><sheetData><row><c r="A1"><v>12345678901234567890</v></c>'
        b'<c r="B1"><v>0.1000000000000000055511151231257827</v></c></row></sheetData>'
        b'<mergeCells><mergeCell ref="C1:XFD1048576"/></mergeCells></worksheet>'
    )
    (line,) = read_xlsx(_workbook_zip(sheet)).lines
    assert line.cells == ("12345678901234567890", "0.1")
    assert [line.cells for line in read_csv("\n,,\n规章,1,0,11\n").lines] == [
        ("规章", "1", "0", "11")
    ]
    with pytest.raises(ParseError, match=r"without xl/workbook.xml"):
        read_xlsx(render(_report(), to="docx"), name="report.docx")


def test_provenance_names_the_sheet_a_cell_was_read_from() -> None:
    """A cell read from a workbook is located by its sheet, not only by its row and position."""
    report = _report()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "年报"
    for row in _flat_rows(report):
        sheet.append([int(text) if text.isdigit() else (text or None) for text in row])
    result = parse(_save(book), name="hand.xlsx")
    where = result.provenance["$.requests.granted.natural_person"].location
    assert where.sheet == "年报"
    assert where.row is not None


def test_prose_with_ascii_commas_is_not_csv() -> None:
    """A report typed with ASCII commas (here all on one line) is text: its lines name no row."""
    prose = "2019年,本机关完善工作机制,细化职责分工,拓宽公开渠道,规范操作流程。"
    assert not looks_like_csv(prose)
    assert not looks_like_csv("\n".join([prose] * 10))
    rows = "\n".join(
        f"{row},1,0,1" for row in ("new_requests", "granted", "partially_granted", "x")
    )
    assert looks_like_csv(rows)


def _pretty(xml: bytes) -> bytes:
    """The same part indented, as some writers save it: white space between every element."""
    from lxml import etree  # noqa: PLC0415 - only this helper needs it

    tree = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return bytes(etree.tostring(tree, pretty_print=True, xml_declaration=True, encoding="UTF-8"))


def _indented(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [name for name in archive.namelist() if name.endswith(".xml")]
    for name in names:
        data = _rewrite(data, name, _pretty)
    return data


def test_indented_parts_read_as_the_compact_ones() -> None:
    """White space between elements is not a value: every part indented gives the same lines,
    rich text runs with their properties included (a space kept inside a ``<t>``)."""
    data = render(_report(), to="xlsx")
    assert _indented(data) != data
    assert read_xlsx(_indented(data)) == read_xlsx(data)
    assert parse(_indented(data)).report == parse(data).report
    runs = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        b'<r><rPr><b/></rPr><t>\xe8\xa7\x84</t></r><r><t xml:space="preserve"> </t></r>'
        b'<r><rPr><i/></rPr><t>\xe7\xab\xa0</t></r><rPh sb="0" eb="1"><t>gui</t></rPh>'
        b'<phoneticPr fontId="1"/></is></c><c r="B1"><v>3</v></c></row></sheetData></worksheet>'
    )
    for book in (_workbook_zip(runs), _indented(_workbook_zip(runs))):
        (line,) = read_xlsx(book).lines
        assert line.cells == ("规 章", "3")


def test_formula_cells_whose_result_is_text_are_left_out() -> None:
    sheet = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
        b'<c r="B1" t="str"><f>IF(1,"ok","")</f><v>ok</v></c><c r="C1"><v>2</v></c></row>'
        b"</sheetData></worksheet>"
    )
    (line,) = read_xlsx(_workbook_zip(sheet)).lines
    assert line.cells == ("x", "", "2")
