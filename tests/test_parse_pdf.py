"""The PDF front end: characters on a page become lines of cells; bad PDFs are named as such."""

from __future__ import annotations

import gc
import io
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pypdf
import pytest

from govinfo_report.errors import ParseError
from govinfo_report.parse import _pdf, _pdf_tables, parse
from govinfo_report.parse._document import SourceLine
from govinfo_report.parse._pdf import Char, lines_from_chars, read_pdf
from govinfo_report.parse._pdf_tables import Rule, find_tables, table_rows

CORPUS = Path(__file__).parent / "corpus" / "sources"
PAGE_HEIGHT = 842.0
_T = TypeVar("_T")


def _word(text: str, left: float, top: float, *, size: float = 10.0) -> list[Char]:
    """Characters set side by side, each ``size`` points wide, as a PDF places them."""
    return [
        Char(char, left + index * size, left + (index + 1) * size, top, top + size * 1.2)
        for index, char in enumerate(text)
    ]


def _cells(chars: list[Char]) -> list[tuple[str, ...]]:
    return [line.cells for line in lines_from_chars(chars, page=1, page_height=PAGE_HEIGHT)]


def test_characters_on_one_baseline_form_a_line_split_at_column_gaps() -> None:
    """Wide gaps separate cells; characters that touch form one cell."""
    chars = (
        _word("规章", 80, 300) + _word("1", 250, 301) + _word("0", 330, 300) + _word("11", 410, 299)
    )
    assert _cells(chars) == [("规章", "1", "0", "11")]


def test_lines_come_top_to_bottom_whatever_the_drawing_order() -> None:
    """Content streams draw in any order; lines are read top to bottom, left to right."""
    chars = _word("总计", 300, 500) + _word("自然人", 80, 400) + _word("2", 80, 500)
    assert _cells(chars) == [("自然人",), ("2", "总计")]


def test_two_numbers_apart_are_never_one() -> None:
    """Figures with a space between are two cells even when the gap is narrow ("72 64")."""
    chars = _word("72", 80, 600) + _word("64", 103, 600)
    assert _cells(chars) == [("72", "64")]


def test_narrow_gap_in_words_is_a_space() -> None:
    """A word gap inside a cell is kept as one space, not a cell boundary."""
    chars = _word("2024", 80, 200) + _word("年", 124, 200)
    assert _cells(chars) == [("2024 年",)]


def test_page_numbers_in_the_margins_are_dropped() -> None:
    """'-4-' at the foot of a page is not a table value; the same figure mid-page is kept."""
    chars = _word("-4-", 280, 800) + _word("4", 300, 400) + _word("第3页", 280, 20)
    assert _cells(chars) == [("4",)]


def test_oversized_glyph_does_not_swallow_lines() -> None:
    """One tall character (a stretched rowspan label) does not merge the rows beside it."""
    tall = Char("果", 85, 95, 300, 500)
    chars = [tall, *_word("1.属于国家秘密", 180, 380), *_word("5", 320, 380), *_word("0", 180, 420)]
    cells = _cells(chars)
    assert ("1.属于国家秘密", "5") in cells
    assert ("0",) in cells


def test_corpus_pdf_rows() -> None:
    """The Huai'an 2024 PDF: table 三's first row and table 四's fifteen numbers, located."""
    document, findings = read_pdf(CORPUS / "2024_huaian_city.pdf")
    assert findings == ()
    by_label = {line.cells[0]: line for line in document.lines}
    first = by_label["一、本年新收政府信息公开申请数量"]
    assert first.cells[1:] == ("3001", "53", "0", "0", "61", "4", "3119")
    assert first.location.page == 4
    assert first.location.x is not None
    assert first.location.y is not None
    fifteen = ("72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20")
    assert by_label["72"].cells == fifteen
    assert not any(line.cells == ("-4-",) for line in document.lines)


def _blank_pdf(pages: int = 2, *, password: str | None = None) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password is not None:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_scan_without_text_layer_is_refused() -> None:
    """Pages with no text (a scan) raise 'no text layer', never an empty report."""
    with pytest.raises(ParseError, match=r"^scan\.pdf: no text layer: none of the 2 page"):
        read_pdf(_blank_pdf(), name="scan.pdf")


def test_encrypted_pdf_is_named() -> None:
    """A password-protected PDF says it is encrypted."""
    with pytest.raises(ParseError, match="encrypted and needs a password"):
        read_pdf(_blank_pdf(password="secret"), name="locked.pdf")  # noqa: S106 - a fixture


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"\x00garbage" * 100, (CORPUS / "2024_huaian_city.pdf").read_bytes()[:5000]],
    ids=["corrupt", "truncated"],
)
def test_corrupt_pdf_is_named(data: bytes) -> None:
    """Damaged or truncated PDFs are a ParseError in plain words, not a PDFium traceback."""
    with pytest.raises(ParseError, match="not a readable PDF: the file is damaged or truncated"):
        read_pdf(data, name="broken.pdf")


def test_missing_pdfium_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """In an environment missing pypdfium2 (a dependency), the error says how to install it."""
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(ParseError, match=r"^x\.pdf: reading PDF .*: pip install pypdfium2$"):
        read_pdf(b"%PDF-1.7\n", name="x.pdf")


def _with_pages(blank_pages: int) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(CORPUS / "2024_huaian_city.pdf"))
    for _ in range(blank_pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pages_without_text_are_a_finding() -> None:
    """A scanned page among text pages is read as nothing, and said so."""
    document, findings = read_pdf(_with_pages(1), name="mixed.pdf")
    assert document.lines
    assert [finding.code for finding in findings] == ["R-PDF-PAGE-WITHOUT-TEXT"]
    assert findings[0].location is not None
    assert findings[0].location.page == 7


def test_page_and_character_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the page cap the rest is not read (a finding); past the character cap, an error."""
    monkeypatch.setattr(_pdf, "MAX_PAGES", 2)
    document, findings = read_pdf(CORPUS / "2024_huaian_city.pdf")
    assert {line.location.page for line in document.lines} == {1, 2}
    assert [finding.code for finding in findings] == ["R-PDF-TOO-MANY-PAGES"]
    monkeypatch.setattr(_pdf, "_MAX_CHARS", 100)
    with pytest.raises(ParseError, match="more than 100 characters"):
        read_pdf(CORPUS / "2024_huaian_city.pdf")


def test_unopenable_path_is_named(tmp_path: Path) -> None:
    """A path that cannot be opened is a ParseError naming it."""
    with pytest.raises(ParseError, match="cannot open the file"):
        read_pdf(tmp_path / "missing.pdf")


def _grid_rules(xs: list[float], ys: list[float], *, open_bottom: bool = False) -> list[Rule]:
    """The rules of a plain grid, as Word draws them: a thin rectangle per border."""
    bottom = ys[-1] + (30 if open_bottom else 0)
    verticals = [Rule(x - 0.5, ys[0], x + 0.5, bottom) for x in xs]
    horizontals = [Rule(xs[0], y - 0.5, xs[-1], y + 0.5) for y in ys]
    return verticals + horizontals


def _rows(rules: list[Rule], chars: list[Char]) -> list[tuple[str, ...]]:
    (table,) = find_tables(rules)
    return [row[3] for row in table_rows(table, chars, _pdf._group_lines, _pdf._cells)]


def test_ruled_table_keeps_blank_cells_in_their_columns() -> None:
    """An empty drawn cell is an empty cell, so the numbers after it stay in their columns."""
    rules = _grid_rules([50, 200, 250, 300, 350], [100, 130, 160])
    chars = _word("规章", 60, 110) + _word("1", 210, 110) + _word("11", 310, 110)
    chars += _word("行政规范性文件", 60, 140) + _word("8", 210, 140)
    assert _rows(rules, chars) == [("规章", "1", "", "11"), ("行政规范性文件", "8", "", "")]


def test_merged_cells_read_once_and_wrapped_labels_whole() -> None:
    """A cell without the rule between two rows or columns is one cell, given in its first row;
    a label wrapped over two lines in its cell reads whole."""
    xs, ys = [50, 100, 200, 250], [100, 140, 180]
    rules = [
        Rule(49.5, 100, 50.5, 180),  # left edge
        Rule(99.5, 100, 100.5, 180),  # after the rowspan column
        Rule(199.5, 100, 200.5, 180),
        Rule(249.5, 100, 250.5, 180),
        Rule(50, 99.5, 250, 100.5),  # top
        Rule(100, 139.5, 250, 140.5),  # between the rows, not across the rowspan column
        Rule(50, 179.5, 250, 180.5),  # bottom
    ]
    assert (find_tables(rules)[0].xs, find_tables(rules)[0].ys) == (tuple(xs), tuple(ys))
    chars = _word("三、", 55, 150) + _word("（二）部分公开", 105, 103) + _word("情形", 105, 118)
    chars += _word("4", 210, 110) + _word("1.属于国家秘密", 105, 150) + _word("2", 210, 150)
    assert _rows(rules, chars) == [
        ("三、", "（二）部分公开情形", "4"),
        ("1.属于国家秘密", "2"),
    ]


def test_table_cut_by_a_page_break_ends_with_its_columns() -> None:
    """Without a closing border, the last row still belongs to the table."""
    rules = _grid_rules([50, 200, 250], [100, 130], open_bottom=True)
    chars = _word("规章", 60, 110) + _word("1", 210, 110) + _word("行政规范性文件", 60, 140)
    chars += _word("8", 210, 140)
    assert _rows(rules, chars) == [("规章", "1"), ("行政规范性文件", "8")]


def test_blank_cell_in_a_published_pdf_stays_in_its_column() -> None:
    """Remove the printed 53 (商业企业, new requests) from the Huai'an PDF: that cell reads as
    blank and every other cell of the row keeps its value."""
    pdfium = _pdf.load_pdfium()
    document = pdfium.PdfDocument(CORPUS / "2024_huaian_city.pdf")
    page = document[3]
    height = page.get_size()[1]
    for item in list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_TEXT])):
        left, bottom, right, top = item.get_bounds()
        if 285 < (left + right) / 2 < 321 and 457 < height - (bottom + top) / 2 < 480:
            page.remove_obj(item)
            item.close()
    page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    page.close()
    document.close()
    row = parse(buffer.getvalue(), name="blank.pdf").report.requests.row("new_requests")
    assert row == {
        "natural_person": 3001,
        "commercial_enterprise": None,
        "research_institution": 0,
        "public_interest_org": 0,
        "legal_service_org": 61,
        "other_org": 4,
        "total": 3119,
    }


def test_table_without_top_border_and_latin_wrapping() -> None:
    """Columns' rules start the table when its top border is missing; Latin lines wrap with a
    space, Chinese ones without."""
    verticals = [Rule(x - 0.5, 70, x + 0.5, 130) for x in (50, 200, 250)]
    horizontals = [Rule(50, y - 0.5, 250, y + 0.5) for y in (100, 130)]
    chars = _word("PDF", 60, 75) + _word("file", 60, 88) + _word("1", 210, 80)
    chars += _word("规章", 60, 110) + _word("2", 210, 110)
    assert _rows(verticals + horizontals, chars) == [("PDF file", "1"), ("规章", "2")]


def test_empty_ruled_box_is_not_a_table() -> None:
    """A ruled frame with no text in it adds no table; the text around it reads as lines."""
    rules = _grid_rules([50, 200, 250], [100, 130])
    lines = lines_from_chars(_word("总计", 60, 300), page=1, page_height=842)
    page_lines, tables = _pdf._with_tables(_word("总计", 60, 300), find_tables(rules), lines, 1, 0)
    assert ([line.cells for line in page_lines], tables) == ([("总计",)], 0)


def test_pages_drawn_with_too_many_rules_read_line_by_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page whose paths are a drawing (more rules than any table) is read line by line."""
    monkeypatch.setattr(_pdf_tables, "_MAX_RULES", 5)
    document, _ = read_pdf(CORPUS / "2024_huaian_city.pdf")
    assert all(line.location.table is None for line in document.lines)
    rows = [line.cells for line in document.lines if line.cells[0].startswith("一、本年新收")]
    assert rows == [("一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119")]


@pytest.fixture
def huaian_lines() -> tuple[SourceLine, ...]:
    return read_pdf(CORPUS / "2024_huaian_city.pdf")[0].lines


def _collecting(function: Callable[..., _T], collections: list[int]) -> Callable[..., _T]:
    def collect_first(*arguments: object) -> _T:
        collections.append(gc.collect())
        return function(*arguments)

    return collect_first


def test_garbage_collected_while_handles_are_in_use(
    monkeypatch: pytest.MonkeyPatch, huaian_lines: tuple[SourceLine, ...]
) -> None:
    """PDFium handles stay valid through the bulk calls: collecting garbage before each (page
    objects' handles taken, their bounds not yet read) changes nothing in what is read."""
    collections: list[int] = []
    monkeypatch.setattr(_pdf, "_loose_boxes", _collecting(_pdf._loose_boxes, collections))
    monkeypatch.setattr(_pdf_tables, "_objects", _collecting(_pdf_tables._objects, collections))
    monkeypatch.setattr(_pdf_tables, "_bounds", _collecting(_pdf_tables._bounds, collections))
    assert read_pdf(CORPUS / "2024_huaian_city.pdf")[0].lines == huaian_lines
    # Boxes on each of the 6 pages; objects and their bounds on each of the 3 with tables.
    assert len(collections) >= 6 + 2 * 3


def test_characters_from_boxes_note_their_extremes_and_inverted_boxes() -> None:
    """Boxes come from the page's bottom edge; the extremes noted skip nothing, and an inverted
    or NaN box is flagged, so that the reader drops it rather than trust the extremes."""
    boxes = [0.0, 100.0, 10.0, 88.0, 10.0, 100.0, 30.0, 70.0]
    chars, lowest, tallest, widest, improper = _pdf._chars("ab", boxes, PAGE_HEIGHT)
    assert chars == [("a", 0.0, 10.0, 742.0, 754.0), ("b", 10.0, 30.0, 742.0, 772.0)]
    assert (lowest, tallest, widest, improper) == (12.0, 30.0, 20.0, False)
    assert _pdf._chars("a", [10.0, 100.0, 0.0, 88.0], PAGE_HEIGHT)[4]
    assert _pdf._chars("a", [0.0, math.nan, 10.0, 88.0], PAGE_HEIGHT)[4]
