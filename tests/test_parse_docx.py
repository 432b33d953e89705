"""The Word front end: the official template, filled in, reads back cell for cell."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import docx
import pytest

from govinfo_report import catalog
from govinfo_report.errors import ParseError
from govinfo_report.parse._document import Location, SourceKind
from govinfo_report.parse._docx import MAX_PART_SIZE, read_docx

TEMPLATE = Path(__file__).parent / "corpus" / "official_template_2021.docx"
REQUESTS = catalog.requests_grid("2021")


def _filled_template() -> tuple[bytes, dict[int, tuple[str, ...]]]:
    """The template with a distinct number in every cell of table 三, and the rows expected."""
    document = docx.Document(str(TEMPLATE))
    requests = document.tables[1]
    expected: dict[int, tuple[str, ...]] = {}
    # The three header rows come first; then one template row per catalog row.
    for offset, _row in enumerate(REQUESTS.rows):
        values = tuple(str(1000 + offset * 10 + column) for column in range(len(REQUESTS.columns)))
        cells = requests.rows[3 + offset].cells[-len(values) :]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
        expected[4 + offset] = values
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), expected


def test_template_reads_in_document_order() -> None:
    """Headings, tables and paragraphs come out in the order of the document."""
    document = read_docx(TEMPLATE.read_bytes())
    assert document.kind is SourceKind.DOCX
    texts = [line.cells[0] for line in document.lines]
    headings = [section.heading.zh for section in catalog.format_spec("2021").sections]
    positions = [texts.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert texts.index("第二十条第（一）项") < texts.index(headings[2])


def test_merged_cells_read_once() -> None:
    """A horizontal merge is one cell; a vertical merge's continuation is left out."""
    lines = {line.location: line.cells for line in read_docx(TEMPLATE.read_bytes()).lines}
    assert lines[Location(table=1, row=7)] == ("行政许可", "")
    assert lines[Location(table=2, row=6)][:2] == ("三、本年度办理结果", "（一）予以公开")
    assert lines[Location(table=2, row=9)][0] == "2.其他法律行政法规禁止公开"
    assert len(lines[Location(table=2, row=9)]) == 8


def test_every_filled_cell_reads_back() -> None:
    """Every value written into table 三 is read back in its row, in column order."""
    data, expected = _filled_template()
    lines = {line.location: line.cells for line in read_docx(data).lines}
    for row, values in expected.items():
        assert lines[Location(table=2, row=row)][-len(values) :] == values


def test_review_litigation_row_and_fee_amount() -> None:
    """Table 四's fifteen numbers and a decimal fee amount keep their text exactly."""
    document = docx.Document(str(TEMPLATE))
    values = [str(value) for value in range(15)]
    for cell, value in zip(document.tables[2].rows[3].cells, values, strict=True):
        cell.text = value
    document.tables[0].rows[13].cells[1].text = "96171.6"
    buffer = io.BytesIO()
    document.save(buffer)
    lines = {line.location: line.cells for line in read_docx(buffer.getvalue()).lines}
    assert lines[Location(table=3, row=4)] == tuple(values)
    assert lines[Location(table=1, row=14)] == ("行政事业性收费", "96171.6")


def _docx_with(document_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document_xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bomb_is_refused_quickly() -> None:
    """A document.xml that would unpack past the cap is refused before it is unpacked."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        chunk = b" " * (1 << 20)
        for _ in range(MAX_PART_SIZE // len(chunk) + 8):
            part.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1_000_000
    started = time.perf_counter()
    with pytest.raises(ParseError, match="zip bomb"):
        read_docx(data, name="bomb.docx")
    assert time.perf_counter() - started < 5


def test_dtd_and_entities_are_refused() -> None:
    """A crafted document with entity declarations (billion laughs, XXE) is not expanded."""
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(ParseError, match="DTD") as raised:
        read_docx(_docx_with(xml), name="evil.docx")
    assert str(raised.value).startswith("evil.docx: ")


def test_damaged_xml_names_the_problem() -> None:
    """A document.xml cut short is a ParseError that says so, not an expat traceback."""
    data = TEMPLATE.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    with pytest.raises(ParseError, match="damaged"):
        read_docx(_docx_with(xml[: len(xml) // 2]), name="cut.docx")


def test_truncated_file_is_a_parse_error() -> None:
    """A .docx cut short in transfer is a ParseError naming the file."""
    data = TEMPLATE.read_bytes()
    with pytest.raises(ParseError, match=r"^cut\.docx: .*damaged or truncated"):
        read_docx(data[: len(data) // 2], name="cut.docx")


def test_text_boxes_are_read_once() -> None:
    """Markup-compatibility fallbacks repeat a text box's text for old readers: read it once."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    xml = (
        f'<w:document xmlns:w="{w}" xmlns:mc="{mc}"><w:body><w:p><w:r><mc:AlternateContent>'
        "<mc:Choice><w:t>一、总体情况</w:t></mc:Choice>"
        "<mc:Fallback><w:t>一、总体情况</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>正文</w:t></w:r></w:p>"
        "</w:body></w:document>"
    ).encode()
    lines = read_docx(_docx_with(xml)).lines
    assert [line.cells for line in lines] == [("一、总体情况",), ("正文",)]


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(inner: str) -> bytes:
    return f'<w:document xmlns:w="{_W}"><w:body>{inner}</w:body></w:document>'.encode()


def test_main_part_found_through_relationships() -> None:
    """The main part is the one _rels/.rels names, whatever it is called."""
    rels = (
        b'<Relationships><Relationship Id="rId1" Target="word/main.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/main.xml", _body("<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"))
    assert [line.cells for line in read_docx(buffer.getvalue()).lines] == [("一、总体情况",)]


def test_relationships_without_a_main_part_fall_back() -> None:
    """Relationships that name no document: word/document.xml is read."""
    data = _docx_with(
        _body("<w:p><w:r><w:t>总计</w:t></w:r></w:p>"),
        extra={"_rels/.rels": b"<Relationships/>"},
    )
    assert [line.cells for line in read_docx(data).lines] == [("总计",)]


def test_zip_without_document_is_not_word() -> None:
    """A zip with no document part is named as not a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(ParseError, match=r"^x\.odt: a zip file without word/document\.xml"):
        read_docx(buffer.getvalue(), name="x.odt")


@pytest.mark.parametrize(
    ("entries", "message"), [(20_000, "lists 20,000 entries"), (0xFFFF, "ZIP64")]
)
def test_zip_listing_too_many_entries(entries: int, message: str) -> None:
    """The end-of-directory count is checked before zipfile reads the directory."""
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, entries, entries, 0, 0, 0)
    with pytest.raises(ParseError, match=message):
        read_docx(b"PK\x03\x04" + b"\x00" * 100 + end, name="many.docx")


def test_encrypted_entries_are_named() -> None:
    """A zip whose entries are encrypted says so."""
    data = bytearray(_docx_with(_body("<w:p/>")))
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01  # the "encrypted" flag of the central directory entry
    with pytest.raises(ParseError, match="encrypted"):
        read_docx(bytes(data), name="locked.docx")


def test_nested_tables_and_hidden_runs() -> None:
    """A table inside a cell joins the outer cell's text; runs hidden with vanish are dropped,
    runs with vanish switched off are kept; tabs and breaks separate words."""
    cell = (
        "<w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t>"
        "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>"
    )
    hidden = (
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>显</w:t></w:r>'
        "<w:r><w:tab/><w:t>示</w:t><w:br/><w:t>文</w:t></w:r></w:p>"
    )
    lines = read_docx(_docx_with(_body(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>{hidden}"))).lines
    assert [line.cells for line in lines] == [("外 内1 内2",), ("显 示 文",)]
