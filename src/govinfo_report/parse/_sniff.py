"""Telling what a source is from its content, and reading it into a :class:`SourceDocument`.

The kind of a file is decided by its bytes (``%PDF``, a zip holding ``word/document.xml`` or
``xl/workbook.xml``, markup, commas in every line, else text), never by its name alone:
reports are often saved with the wrong extension (a ``.csv`` name does make a text CSV).
Markup, PDF and spreadsheet inputs are capped in size before they are read, so a huge file costs a
stat, not memory. Text is not capped: a compendium of many reports is read in time and memory
linear in its size, and the interpreter's work on any one line or table is bounded.
"""

from __future__ import annotations

import codecs
import importlib.util
import os
import re
from collections.abc import Sequence
from pathlib import Path

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import ReadingFinding, SourceDocument, SourceKind
from govinfo_report.parse._html import looks_like_html, read_html
from govinfo_report.parse._notes import UNDECODABLE_BYTES
from govinfo_report.parse._text import read_text

__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_MARKUP_BYTES",
    "ReportInput",
    "decode_text",
    "ocr_installed",
    "read_image_files",
    "read_source",
    "sniff",
]

ReportInput = str | bytes | os.PathLike[str]

MAX_MARKUP_BYTES = 32 * 1024 * 1024
"""The largest HTML or Word file read; Word's web pages with inline images run to a few MB."""
MAX_PDF_BYTES = 256 * 1024 * 1024
"""The largest PDF opened; PDFium reads pages on demand, so only the pages cost memory."""
MAX_IMAGE_BYTES = 128 * 1024 * 1024
"""The largest image file read through OCR; its pixels are capped separately, before decoding."""
_HEAD = 8192
_PATH_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".htm",
    ".html",
    ".shtml",
    ".xhtml",
    ".pdf",
    ".docx",
    ".xlsx",
    ".csv",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
)

_OTHER_FORMATS: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Word (.doc), WPS or Excel file; save it as .docx or PDF and read that",
    ),
    (b"{\\rtf", "an RTF file; save it as .docx or PDF and read that"),
    (b"GIF8", "a GIF image, not a report"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive; unpack it first"),
)
IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
"""The first bytes of the image formats read through OCR (WebP is told by its RIFF header)."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_TEXT_CODECS = ("utf-8", "gb18030")
"""Tried in order on text without a byte-order mark: UTF-8, then the superset of GBK."""


def decode_text(data: bytes) -> tuple[str, bool]:
    """Decode a text file: ``(text, whether bytes had to be replaced)``.

    A byte-order mark decides; else UTF-8, then GB18030 (the superset of GBK and GB2312 that
    older Chinese sites save in); a file neither decodes is read as UTF-8 with replacements.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), False
    for name in _TEXT_CODECS:
        try:
            return data.decode(name), False
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), True


def _decode_head(head: bytes) -> str:
    """The first bytes of a file decoded as :func:`decode_text` would, cut anywhere.

    The head may end inside a multi-byte character; an incremental decoder leaves that tail
    undecoded instead of failing, so a GB18030 file is not mistaken for undecodable bytes.
    """
    for name in _TEXT_CODECS:
        try:
            return codecs.getincrementaldecoder(name)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
    return head.decode("utf-8", errors="replace")


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    sample = _decode_head(head)
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 20)


def sniff(head: bytes) -> SourceKind | str:  # noqa: PLR0911 - one answer per kind of source
    """The kind of a source from its first bytes, or why it is not one we read."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return SourceKind.PDF
    if stripped.startswith(b"PK\x03\x04"):
        return SourceKind.DOCX
    if head.startswith(tuple(magic for magic, _format in IMAGE_MAGIC)) or (
        head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    ):
        return SourceKind.IMAGE
    for magic, description in _OTHER_FORMATS:
        if stripped.startswith(magic):
            return description
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        markup = head.decode("utf-16", errors="replace").encode("utf-8")
        return SourceKind.HTML if looks_like_html(markup) else SourceKind.TEXT
    if not looks_like_html(head) and _looks_binary(head):
        return "binary data in no document format this library reads (text, HTML, PDF, .docx)"
    return SourceKind.HTML if looks_like_html(head) else SourceKind.TEXT


def _as_path(source: ReportInput) -> Path | None:
    """The file a source names, or None when the source is the document itself."""
    if isinstance(source, os.PathLike):
        return Path(source)
    if isinstance(source, bytes):
        return None
    if "\n" in source or len(source) > 1024:
        return None
    candidate = Path(source)
    try:
        if candidate.is_file():
            return candidate
    except (OSError, ValueError):  # a name too long, or with a NUL: text, not a path
        return None
    if source.lower().endswith(_PATH_SUFFIXES) or os.sep in source:
        raise ParseError("no such file", where=source)
    return None


def _limit(kind: SourceKind) -> int | None:
    if kind is SourceKind.PDF:
        return MAX_PDF_BYTES
    if kind is SourceKind.TEXT:
        return None
    if kind is SourceKind.IMAGE:
        return MAX_IMAGE_BYTES
    return MAX_MARKUP_BYTES


def _too_large(size: int, limit: int, kind: SourceKind, where: str | None) -> ParseError:
    return ParseError(
        f"the file is {size / 1_048_576:.1f} MB, over the {limit // 1_048_576} MB limit for "
        f"{kind.value} sources: a published report is far smaller, so it is not read",
        where=where,
    )


def read_source(
    source: ReportInput, *, name: str | None = None, jobs: int = 1
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    """Read any supported source into lines of cells, with the front end's reading notes.

    ``jobs``: pages read through OCR at a time (images, scanned PDFs).
    """
    path = _as_path(source)
    where = name or (str(path) if path is not None else None)
    if path is not None:
        try:
            size = path.stat().st_size
            with path.open("rb") as handle:
                head = handle.read(_HEAD)
        except OSError as error:
            raise ParseError(f"cannot open the file: {error.strerror}", where=where) from None
    elif isinstance(source, bytes):
        size, head = len(source), source[:_HEAD]
    else:
        # Text handed in as a string is already decoded: it can only be HTML or text.
        assert isinstance(source, str)  # noqa: S101 - narrowed by _as_path
        return _read_str(source, where)
    if size == 0 or not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ParseError("the file is empty", where=where)
    kind = sniff(head)
    if isinstance(kind, str):
        raise ParseError(f"not a report: {kind}", where=where)
    limit = _limit(kind)
    if limit is not None and size > limit:
        raise _too_large(size, limit, kind, where)
    if kind is SourceKind.PDF:
        return _read_pdf(path if path is not None else source, where, jobs)
    data = path.read_bytes() if path is not None else source
    assert isinstance(data, bytes)  # noqa: S101 - a path was read as bytes
    if kind is SourceKind.IMAGE:
        if not ocr_installed():
            raise ParseError(f"an image: {OCR_EXTRA}", where=where)
        from govinfo_report.parse._ocr import read_images  # noqa: PLC0415 - the [ocr] extra

        return read_images([(data, where or "image")], name=where, jobs=jobs), ()
    return _read_bytes(data, kind, where)


OCR_EXTRA = (
    "reading scanned reports and images needs the optional OCR engine: "
    "pip install 'govinfo-report[ocr]'"
)


def ocr_installed() -> bool:
    """Whether the optional OCR engine (``govinfo-report[ocr]``) can be imported."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def read_image_files(
    sources: Sequence[ReportInput], *, name: str | None = None, jobs: int = 1
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    """Image files read through OCR as the pages of one report, in the order given."""
    if not sources:
        raise ParseError("no image files given", where=name)
    images = []
    for source in sources:
        path = _as_path(source) if not isinstance(source, bytes) else None
        where = str(path) if path is not None else (name or "image")
        data = _image_bytes(source, path, where)
        if sniff(data[:_HEAD]) is not SourceKind.IMAGE:
            raise ParseError("not an image: a list of sources is read as page images", where=where)
        images.append((data, where))
    if not ocr_installed():
        raise ParseError(f"images: {OCR_EXTRA}", where=name)
    from govinfo_report.parse._ocr import read_images  # noqa: PLC0415 - the [ocr] extra

    return read_images(images, name=name, jobs=jobs), ()


def _image_bytes(source: ReportInput, path: Path | None, where: str) -> bytes:
    if path is None:
        if not isinstance(source, bytes):
            raise ParseError("not an image: text given where image files were expected")
        data = source
    else:
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                raise _too_large(path.stat().st_size, MAX_IMAGE_BYTES, SourceKind.IMAGE, where)
            data = path.read_bytes()
        except OSError as error:
            raise ParseError(f"cannot open the file: {error.strerror}", where=where) from None
    if len(data) > MAX_IMAGE_BYTES:
        raise _too_large(len(data), MAX_IMAGE_BYTES, SourceKind.IMAGE, where)
    return data


def _read_pdf(
    source: bytes | str | os.PathLike[str], where: str | None, jobs: int
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    from govinfo_report.parse._pdf import ScannedPdfError, read_pdf  # noqa: PLC0415 - [pdf]

    try:
        return read_pdf(source, name=where)
    except ScannedPdfError:
        if not ocr_installed():
            raise
        from govinfo_report.parse._ocr import read_scanned_pdf  # noqa: PLC0415 - [ocr]

        return read_scanned_pdf(source, name=where, jobs=jobs)


def _read_bytes(
    data: bytes, kind: SourceKind, where: str | None
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    if kind is SourceKind.DOCX:
        # Word and Excel files are both zip archives: the parts inside tell them apart.
        from govinfo_report.parse._xlsx import is_workbook, read_xlsx  # noqa: PLC0415

        if is_workbook(data):
            return read_xlsx(data, name=where), ()
        from govinfo_report.parse._docx import read_docx  # noqa: PLC0415

        return read_docx(data, name=where), ()
    if kind is SourceKind.HTML:
        return read_html(data, name=where)
    text, replaced = decode_text(data)
    from govinfo_report.parse._csv import looks_like_csv, read_csv  # noqa: PLC0415

    if looks_like_csv(text, where):
        return read_csv(text, name=where), _decoding_findings(replaced)
    return _read_text(text, where), _decoding_findings(replaced)


def _read_str(source: str, where: str | None) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    if not source.strip():
        raise ParseError("the text is empty", where=where)
    if looks_like_html(source[:_HEAD].encode("utf-8", errors="replace")):
        return read_html(source, name=where)
    from govinfo_report.parse._csv import looks_like_csv, read_csv  # noqa: PLC0415

    if looks_like_csv(source, where):
        return read_csv(source, name=where), ()
    return _read_text(source, where), ()


def _read_text(text: str, where: str | None) -> SourceDocument:
    return read_text(text, name=where)


def _decoding_findings(replaced: bool) -> tuple[ReadingFinding, ...]:
    return (UNDECODABLE_BYTES,) if replaced else ()
