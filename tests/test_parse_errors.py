"""Bad input: every case is a ParseError that says what and where, in bounded time and memory."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from govinfo_report.errors import GovinfoReportError, ParseError
from govinfo_report.parse import SourceKind, parse, read_source
from govinfo_report.parse._sniff import decode_text, sniff

CORPUS = Path(__file__).parent / "corpus"
SRC = Path(__file__).parent.parent / "src"
# Generous: these run on a loaded 2-core machine; a hang would take far longer.
SECONDS = 5.0


def _raises(source: object, pattern: str, **kwargs: object) -> ParseError:
    started = time.perf_counter()
    with pytest.raises(ParseError, match=pattern) as raised:
        parse(source, **kwargs)  # type: ignore[arg-type]
    assert time.perf_counter() - started < SECONDS
    assert isinstance(raised.value, GovinfoReportError)
    assert isinstance(raised.value, ValueError)
    assert raised.value.__cause__ is None
    return raised.value


def test_empty_file(tmp_path: Path) -> None:
    """An empty file is named as such, with its path."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = _raises(path, "the file is empty")
    assert error.where == str(path)
    assert str(error) == f"{path}: the file is empty"


@pytest.mark.parametrize("source", [b"", b"   \n\t ", "  \n"], ids=["bytes", "blank", "text"])
def test_empty_bytes_and_text(source: bytes | str) -> None:
    """Empty or blank bytes and text are empty."""
    _raises(source, "empty")


def test_binary_junk() -> None:
    """Random binary data is not mistaken for text."""
    junk = bytes(range(256)) * 64
    _raises(junk, "not a report: binary data in no document format", name="junk.bin")


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Word"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a readable image"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
    ],
    ids=["doc", "png", "rtf"],
)
def test_other_formats_say_what_to_do(head: bytes, message: str) -> None:
    """Formats we do not read are named, with what to do instead."""
    _raises(head, message, name="file")


def test_html_page_that_is_not_a_report() -> None:
    """A web page without the form's headings and labels is not a report."""
    page = (
        "<html><head><title>政务公开 - 某市人民政府</title></head><body><div class=nav>首页</div>"
        "<p>关于开展2024年春季植树活动的通知</p><table><tr><td>序号</td><td>地点</td></tr>"
        "<tr><td>1</td><td>城东公园</td></tr></table></body></html>"
    )
    error = _raises(
        page.encode(), r"no report found: .* not a 政府信息公开工作年度报告", name="p.html"
    )
    assert error.where == "p.html"


def test_malformed_html_that_is_not_a_report() -> None:
    """Broken markup is read without a parser traceback, then refused as not a report."""
    page = b"<html><body><table><tr><td>" * 2000 + b"</b></i><<<>>>&&&;<p <p"
    _raises(page, "no report found", name="broken.html")


def test_truncated_report() -> None:
    """A report cut off after its title is refused as not (or no longer) a report."""
    text = "淮安市人民政府\n2024年政府信息公开工作年度报告\n\n本报告由淮安市人民政府办公室根据"
    _raises(text, "or it is cut short")


def test_truncated_pdf() -> None:
    """A PDF cut short in transfer is named as damaged or truncated."""
    data = (CORPUS / "sources" / "2024_huaian_city.pdf").read_bytes()
    _raises(data[: len(data) // 3], "damaged or truncated", name="cut.pdf")


def test_truncated_docx() -> None:
    """A Word file cut short is named as damaged or truncated."""
    data = (CORPUS / "official_template_2021.docx").read_bytes()
    _raises(data[: len(data) // 2], "damaged or truncated", name="cut.docx")


def test_corrupt_pdf() -> None:
    """Bytes that start like a PDF but are not one."""
    _raises(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnonsense" * 50, "not a readable PDF")


def test_encrypted_pdf() -> None:
    """A password-protected PDF (made with pypdf's writer) says so."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    _raises(buffer.getvalue(), "encrypted", name="locked.pdf")


def test_scanned_pdf() -> None:
    """A PDF with pages but no text says 'no text layer'."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    _raises(buffer.getvalue(), "no text layer")


def test_zip_that_is_not_a_word_file() -> None:
    """A zip archive without word/document.xml (nor xl/workbook.xml) is not a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    _raises(buffer.getvalue(), "not a Word document", name="book.odt")
    # A workbook with no sheets is read as one, and holds no report.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    _raises(buffer.getvalue(), "no report found: the source holds no text", name="book.xlsx")


def test_docx_zip_bomb() -> None:
    """A .docx whose document.xml would unpack to gigabytes is refused before unpacking."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        chunk = b"<w:p/>" * 100_000
        for _ in range(200):
            part.write(chunk)
    _raises(buffer.getvalue(), "zip bomb", name="bomb.docx")


def test_missing_file() -> None:
    """A path that does not exist is named."""
    _raises("no/such/report.pdf", "no such file")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda size: b"x" * size, "no report found"),
        (lambda size: b"<html><body>" + b"<p>a</p>" * (size // 8), "over the 32 MB limit for html"),
        (lambda size: b"%PDF-1.7\n" + b"\x00" * size, "not a readable PDF"),
        (lambda size: b"PK\x03\x04" + b"\x00" * size, "over the 32 MB limit for docx"),
    ],
    ids=["text", "html", "pdf", "zip"],
)
def test_fifty_megabyte_files(tmp_path: Path, make: Callable[[int], bytes], message: str) -> None:
    """A 50 MB file of each kind that is no report is refused quickly: markup and PDF from their
    size, text (which may be a compendium of reports) from its first megabytes."""
    path = tmp_path / "big"
    path.write_bytes(make(50 * 1024 * 1024))
    _raises(path, message)


def _report_with_attachment(size: int) -> bytes:
    """A real published PDF carrying a ``size``-byte attachment (as scans are often attached)."""
    writer = pypdf.PdfWriter(
        clone_from=pypdf.PdfReader(CORPUS / "sources" / "2024_huaian_city.pdf")
    )
    writer.add_attachment("scan.bin", os.urandom(size))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_fifty_megabytes_peak_memory(tmp_path: Path) -> None:
    """50 MB inputs of every kind, a real 50 MB PDF report among them, stay under 500 MB."""
    size = 50 * 1024 * 1024
    files = {
        "big.txt": "一".encode() * (size // 3),
        "big.html": b"<table>" + b"<tr><td>1</td></tr>" * (size // 19),
        "big.pdf": b"%PDF-1.7\n" + b"0 0 obj\n" * (size // 8),
        "report.pdf": _report_with_attachment(size),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    script = (
        "import json, sys\n"
        "from govinfo_report.parse import parse, ParseError\n"
        "outcomes = []\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        outcomes.append(parse(name).report.requests.cell('new_requests', 'total'))\n"
        "    except ParseError as error:\n"
        "        outcomes.append(str(error))\n"
        # VmHWM, unlike ru_maxrss, starts afresh at exec: the test process's pages do not count.
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "peak = int(hwm.split()[1]) * 1024\n"
        "print(json.dumps({'peak': peak, 'outcomes': outcomes}))\n"
    )
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, *(str(tmp_path / name) for name in files)],
        capture_output=True,
        check=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(SRC)},
    )
    assert time.perf_counter() - started < 30
    outcome = json.loads(completed.stdout)
    refused, read = outcome["outcomes"][:3], outcome["outcomes"][3]
    assert [message.split(": ", 1)[1][:40] for message in refused] == [
        "no report found: the source holds 0 of t",
        "the file is 50.0 MB, over the 32 MB limi",
        "not a readable PDF: the file is damaged ",
    ]
    assert read == 3119
    assert outcome["peak"] < 500 * 1024 * 1024


def test_bytes_over_the_limit_are_refused_without_decoding() -> None:
    """Bytes handed in directly obey the same limits as files."""
    _raises(b"<html><p>" + b"a" * (33 * 1024 * 1024), "over the 32 MB limit")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", SourceKind.PDF),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", SourceKind.HTML),
        ("一、总体情况\n本年新收\t1\n".encode("gbk"), SourceKind.TEXT),
        ("<p>一</p>".encode("utf-16"), SourceKind.HTML),
        ("一、总体情况".encode("utf-16"), SourceKind.TEXT),
    ],
    ids=["pdf", "html-bom", "gbk-text", "utf16-html", "utf16-text"],
)
def test_kind_is_told_from_content(head: bytes, kind: SourceKind) -> None:
    """The reader is chosen from the bytes, whatever the file is called."""
    assert sniff(head) is kind


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
@pytest.mark.parametrize("shift", range(4))
def test_head_cut_inside_a_character_is_still_text(encoding: str, shift: int) -> None:
    """The kind is told from the first 8 KB, which may end inside a multi-byte character: a
    long one-line report saved as GB18030 or UTF-8 is text wherever the cut falls."""
    text = "x" * shift + "政府信息公开工作年度报告，行政复议与行政诉讼情况。" * 800
    data = text.encode(encoding)
    assert sniff(data[:8192]) is SourceKind.TEXT
    document, _ = read_source(data)
    assert document.lines[0].cells[0].startswith("x" * shift + "政府信息公开")


def test_wrong_extension_does_not_matter(tmp_path: Path) -> None:
    """A Word file saved as .pdf is read as Word."""
    path = tmp_path / "report.pdf"
    path.write_bytes((CORPUS / "official_template_2021.docx").read_bytes())
    document, _ = read_source(path)
    assert document.kind is SourceKind.DOCX


def test_decode_text_fallbacks() -> None:
    """Text files: BOMs, UTF-8, GB18030, and replacement as the last resort."""
    assert decode_text("总计".encode("utf-16")) == ("总计", False)
    assert decode_text("总计".encode("gb18030")) == ("总计", False)
    assert decode_text(b"\x80\xff\xfe abc") == ("\ufffd\ufffd\ufffd abc", True)


def test_directory_path_cannot_be_opened(tmp_path: Path) -> None:
    """A folder given where a file is expected is named."""
    _raises(tmp_path, "cannot open the file")


def test_text_with_a_nul_is_text_not_a_path() -> None:
    """A string that cannot be a path is read as the report's text."""
    _raises("一、总体情况\x00", "no report found")


def test_long_text_is_read_not_refused() -> None:
    """Text has no size limit (a compendium may be large): a long text without a report is
    refused for what it holds."""
    _raises("一" * (9 * 1024 * 1024), "no report found")


def test_undecodable_bytes_are_a_reading_finding() -> None:
    """A report page with bytes valid in no encoding is read, with a finding that says so."""
    data = (CORPUS / "sources" / "2019_shanghai_gov_office.html").read_bytes()
    result = parse(data + b"<p>\x80\xff</p>", name="page.html")
    assert result.findings[0].code == "R-UNDECODABLE-BYTES"
    assert result.report.requests.cell("new_requests", "total") == 859


def test_html_text_is_read_as_html() -> None:
    """A page handed in as a string is recognised as markup."""
    text = (CORPUS / "sources" / "2019_shanghai_gov_office.html").read_text(encoding="utf-8")
    assert parse(text).report.requests.cell("new_requests", "total") == 859
