"""The PDF front end: a text-layer PDF → a :class:`SourceDocument`.

Reports are published as PDFs exported from Word or WPS, often with every character placed on
its own, so the reader works from character positions rather than the library's text runs:
characters whose boxes share a baseline form a line, and a line splits into cells wherever the
gap between two characters is wider than the type (table columns). A line is located by page and
by the position of its first character (points from the page's left and top edges). Page numbers
in the top and bottom margins (``-4-``, ``— 4 —``, ``第4页``) are dropped: in a table that runs
over a page break they would otherwise sit between two rows of numbers.

The character source is pypdfium2 (PDFium), the optional extra ``govinfo-report[pdf]``;
``docs/reading.md`` compares it with pdfplumber and pypdf on the corpus. A PDF whose pages hold
no text (a scan) is refused with "no text layer", never read as an empty report.
"""

from __future__ import annotations

import ctypes
import operator
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import (
    Location,
    ReadingFinding,
    Severity,
    SourceDocument,
    SourceKind,
    SourceLine,
)
from govinfo_report.parse._pdf_tables import Rule, find_tables, page_rules, table_rows

__all__ = ["MAX_PAGES", "Char", "lines_from_chars", "load_pdfium", "page_chars", "read_pdf"]

MAX_PAGES = 500
"""Pages read at most; a report runs to a few dozen."""
_MAX_CHARS = 2_000_000
_TAIL = 65_536
_VISIBLE = re.compile(r"\S")

# Gaps and tolerances in units of the line's type height (a loose box is about 1.2 em tall).
_CELL_GAP = 0.6
_WORD_GAP = 0.2
_SAME_LINE = 0.5
_MARGIN = 0.12
# A loose box this many times the page's typical type height belongs to a stretched glyph.
_OVERSIZED = 3.0
_TABLE_CELLS = 3
_PAGE_NUMBER = re.compile(
    r"^[-—–－_ ]*(第)?\s*\d{1,4}\s*(页)?\s*(/\s*\d{1,4}|共\s*\d{1,4}\s*页)?[-—–－_ ]*$"
)


class Char(NamedTuple):
    """One character of a page, its box in points from the page's left and top edges."""

    text: str
    left: float
    right: float
    top: float
    bottom: float


def load_pdfium(where: str | None = None) -> Any:  # noqa: ANN401 - the module has no types
    """pypdfium2, or a ParseError naming the extra that installs it."""
    try:
        import pypdfium2  # noqa: PLC0415 - an optional dependency, imported when a PDF comes
    except ImportError:
        raise ParseError(
            "reading PDF files needs the optional dependency pypdfium2: "
            "pip install 'govinfo-report[pdf]'",
            where=where,
        ) from None
    return pypdfium2


def _group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped by baseline, top to bottom; each group sorted left to right."""
    ordered = sorted(chars, key=lambda c: c[3] + c[4])
    groups: list[list[Char]] = []
    group: list[Char] = []
    center = height = 0.0
    for char in ordered:
        top, bottom = char[3], char[4]
        char_center = (top + bottom) / 2
        char_height = bottom - top
        # The smaller height decides, so one oversized glyph cannot swallow neighbouring lines.
        limit = _SAME_LINE * (char_height if char_height < height else height)  # noqa: FURB136 - hot loop
        offset = char_center - center
        if group and -limit <= offset <= limit:
            group.append(char)
            # A running mean keeps a line's centre steady against small punctuation.
            center += offset / len(group)
        else:
            group = [char]
            groups.append(group)
            center, height = char_center, char_height
    by_left = operator.itemgetter(1)
    for members in groups:
        members.sort(key=by_left)
    return groups


def _type_height(group: Sequence[Char]) -> float:
    # The median ignores small punctuation (，、。) whose boxes are a fraction of the type.
    heights = [c[4] - c[3] for c in group]
    heights.sort()
    return max(heights[len(heights) // 2], 1.0)


def _cells(group: Sequence[Char]) -> list[str]:
    em = _type_height(group)
    cell_gap, word_gap = _CELL_GAP * em, _WORD_GAP * em
    cells: list[str] = []
    current = [group[0][0]]
    previous_text, previous_right = group[0][0], group[0][2]
    for text, left, right, _top, _bottom in group[1:]:
        gap = left - previous_right
        # Two figures apart are two numbers: a space never groups digits in these reports.
        if gap > cell_gap or (gap > word_gap and previous_text.isdigit() and text.isdigit()):
            cells.append("".join(current))
            current = [text]
        else:
            if gap > word_gap:
                current.append(" ")
            current.append(text)
        previous_text, previous_right = text, right
    cells.append("".join(current))
    return cells


def lines_from_chars(chars: Iterable[Char], *, page: int, page_height: float) -> list[SourceLine]:
    """The lines of cells on one page, from its characters (whitespace is ignored)."""
    visible = [c for c in chars if c[2] >= c[1] and c[4] >= c[3] and not c[0].isspace()]
    lines: list[SourceLine] = []
    top_margin, bottom_margin = _MARGIN * page_height, (1 - _MARGIN) * page_height
    for group in _group_lines(visible):
        cells = _cells(group)
        top = min([c[3] for c in group])
        in_margin = top > bottom_margin or max([c[4] for c in group]) < top_margin
        if in_margin and _PAGE_NUMBER.match("".join(cells)):
            continue
        location = Location(page=page, x=round(group[0][1], 1), y=round(top, 1))
        lines.append(SourceLine(tuple(cells), location))
    return lines


def page_chars(pdfium: Any, page: Any, height: float) -> list[Char]:  # noqa: ANN401
    """The characters of a page with their loose boxes, in points from the left and top."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != count:
            # Characters outside the BMP take two UTF-16 units: ask for each one instead.
            text = "".join(chr(pdfium.raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        box = pdfium.raw.FS_RECTF()
        box_reference = ctypes.byref(box)
        get_box = pdfium.raw.FPDFText_GetLooseCharBox
        handle = textpage.raw
        chars: list[Char] = []
        append = chars.append
        indexes = [match.start() for match in _VISIBLE.finditer(text)]
        for index in indexes:
            # Loose boxes span the advance width: digits of one number touch, so "11" never
            # reads as "1 1", whatever the glyph shapes.
            get_box(handle, index, box_reference)
            # Plain tuples in Char's layout: a NamedTuple built per character costs twice as much.
            append((text[index], box.left, box.right, height - box.top, height - box.bottom))  # type: ignore[arg-type]
        return _repair_boxes(pdfium, textpage, indexes, chars, height)
    finally:
        textpage.close()


def _repair_boxes(
    pdfium: Any,  # noqa: ANN401
    textpage: Any,  # noqa: ANN401
    indexes: Sequence[int],
    chars: list[Char],
    height: float,
) -> list[Char]:
    """Replace implausible loose boxes (stretched or rotated glyphs) by the glyph's own box."""
    if not chars:
        return chars
    heights = sorted(c[4] - c[3] for c in chars)
    limit = _OVERSIZED * heights[len(heights) // 2]
    if heights[-1] <= limit and all(c[2] - c[1] <= limit for c in chars):
        return chars
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    repaired = []
    for index, char in zip(indexes, chars, strict=True):
        if char[4] - char[3] > limit or char[2] - char[1] > limit:
            pdfium.raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
            char = Char(char[0], left.value, right.value, height - top.value, height - bottom.value)  # noqa: PLW2901
        repaired.append(char)
    return repaired


def _tail(source: bytes | str | os.PathLike[str], where: str) -> bytes:
    if isinstance(source, bytes):
        return source[-_TAIL:]
    try:
        with open(source, "rb") as handle:  # noqa: PTH123 - str or PathLike alike
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - _TAIL))
            return handle.read()
    except OSError as error:
        raise ParseError(f"cannot open the file: {error.strerror}", where=where) from None


def _open(pdfium: Any, source: bytes | str | os.PathLike[str], where: str) -> Any:  # noqa: ANN401
    # Without the cross-reference pointer at its end, PDFium would rebuild the file object by
    # object: slow on a large damaged file, and what it rebuilds is a guess anyway.
    if b"startxref" not in _tail(source, where):
        raise ParseError(
            "not a readable PDF: the file is damaged or truncated (no cross-reference table at "
            "its end)",
            where=where,
        )
    try:
        return pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in {pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY}:
            raise ParseError(
                "the PDF is encrypted and needs a password to open; "
                "save an unprotected copy and read that",
                where=where,
            ) from None
        raise ParseError(
            "not a readable PDF: the file is damaged or truncated (PDFium: data format error)",
            where=where,
        ) from None


def _page_lines(
    chars: list[Char], rules: list[Rule], lines: list[SourceLine], page: int, tables_before: int
) -> tuple[list[SourceLine], int]:
    """A page's lines: ruled tables row by row, the other ``lines`` as they are, top to bottom."""
    tables = find_tables(rules)
    if not tables:
        return lines, tables_before
    in_table: list[list[Char]] = [[] for _ in tables]
    for char in chars:
        x, y = (char[1] + char[2]) / 2, (char[3] + char[4]) / 2
        for number, table in enumerate(tables):
            if table.contains(x, y):
                in_table[number].append(char)
                break
    # A line read before tables were found is kept when it starts outside every table.
    lines = [
        line
        for line in lines
        if not any(
            table.contains((line.location.x or 0.0) + 1, (line.location.y or 0.0) + 1)
            for table in tables
        )
    ]
    number = tables_before
    for table, members in zip(tables, in_table, strict=True):
        rows = table_rows(table, members, _group_lines, _cells)
        if not rows:
            continue
        number += 1
        lines.extend(
            SourceLine(
                texts,
                Location(page=page, table=number, row=row, x=round(left, 1), y=round(top, 1)),
            )
            for row, left, top, texts in rows
        )
    # Python's sort is stable: the rows of a table keep their order.
    lines.sort(key=lambda line: line.location.y or 0.0)
    return lines, number


def read_pdf(
    source: bytes | str | os.PathLike[str], *, name: str | None = None
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    """Read a text-layer PDF (its bytes or its path) into lines of cells, and reading notes."""
    where = name or (os.fspath(source) if not isinstance(source, bytes) else "PDF")
    pdfium = load_pdfium(where)
    document = _open(pdfium, source, where)
    findings: list[ReadingFinding] = []
    lines: list[SourceLine] = []
    try:
        page_count = len(document)
        if page_count > MAX_PAGES:
            findings.append(_truncated_finding(page_count))
        blank_pages: list[int] = []
        total = 0
        tables = 0
        for index in range(min(page_count, MAX_PAGES)):
            page = document[index]
            try:
                _width, height = page.get_size()
                chars = page_chars(pdfium, page, height)
                lines_only = lines_from_chars(chars, page=index + 1, page_height=height)
                # Only a page with a line of several cells can hold a table worth rebuilding.
                rules = (
                    page_rules(pdfium, page, height)
                    if any(len(line.cells) >= _TABLE_CELLS for line in lines_only)
                    else []
                )
            except pdfium.PdfiumError:
                raise ParseError(
                    "not a readable PDF: a page is damaged", where=f"{where}, page {index + 1}"
                ) from None
            finally:
                page.close()
            if not chars:
                blank_pages.append(index + 1)
            total += len(chars)
            if total > _MAX_CHARS:
                raise ParseError(
                    f"the PDF holds more than {_MAX_CHARS:,} characters: not a report", where=where
                )
            page_lines, tables = _page_lines(chars, rules, lines_only, index + 1, tables)
            lines.extend(page_lines)
    finally:
        document.close()
    if not lines:
        raise ParseError(
            f"no text layer: none of the {page_count} page(s) holds text (a scanned PDF?); "
            "run OCR on it first, then read the result",
            where=where,
        )
    if blank_pages:
        findings.append(_pages_without_text(blank_pages))
    return SourceDocument(SourceKind.PDF, tuple(lines), name), tuple(findings)


def _pages_without_text(pages: Sequence[int]) -> ReadingFinding:
    listed = ", ".join(str(page) for page in pages)
    return ReadingFinding(
        code="R-PDF-PAGE-WITHOUT-TEXT",
        severity=Severity.WARNING,
        message_zh=f"第{listed}页没有文字层（可能是扫描图像），其内容未被读取",
        message_en=f"page(s) {listed} hold no text layer (scanned images?); nothing was read there",
        location=Location(page=pages[0]),
    )


def _truncated_finding(page_count: int) -> ReadingFinding:
    return ReadingFinding(
        code="R-PDF-TOO-MANY-PAGES",
        severity=Severity.WARNING,
        message_zh=f"文件共{page_count}页，只读取了前{MAX_PAGES}页",
        message_en=f"the file has {page_count} pages; only the first {MAX_PAGES} were read",
    )
