"""The PDF front end: a text-layer PDF → a :class:`SourceDocument`.

Reports are published as PDFs exported from Word or WPS, often with every character placed on
its own, so the reader works from character positions rather than the library's text runs:
characters whose boxes share a baseline form a line, and a line splits into cells wherever the
gap between two characters is wider than the type (table columns). A line is located by page and
by the position of its first character (points from the page's left and top edges). Page numbers
in the top and bottom margins (``-4-``, ``— 4 —``, ``第4页``) are dropped: in a table that runs
over a page break they would otherwise sit between two rows of numbers.

The character source is pypdfium2 (PDFium), a dependency of the package (a light wheel);
``docs/reading.md`` compares it with pdfplumber and pypdf on the corpus. A PDF whose pages hold
no text (a scan) is refused with "no text layer", never read as an empty report.
"""

from __future__ import annotations

import array
import ctypes
import itertools
import math
import operator
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import (
    Location,
    ReadingFinding,
    SourceDocument,
    SourceKind,
    SourceLine,
)
from govinfo_report.parse._findings import PDF_PAGE_WITHOUT_TEXT, PDF_TOO_MANY_PAGES
from govinfo_report.parse._pdf_tables import Table, find_tables, page_rules, table_rows

__all__ = [
    "MAX_PAGES",
    "Char",
    "ScannedPdfError",
    "damaged_page",
    "lines_from_chars",
    "load_pdfium",
    "page_chars",
    "read_pdf",
]

MAX_PAGES = 500
"""Pages read at most; a report runs to a few dozen."""
_MAX_CHARS = 2_000_000
_TAIL = 65_536

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


class ScannedPdfError(ParseError):
    """A PDF none of whose pages holds text: a scan, for the OCR front end to read."""


class Char(NamedTuple):
    """One character of a page, its box in points from the page's left and top edges."""

    text: str
    left: float
    right: float
    top: float
    bottom: float


def load_pdfium(where: str | None = None) -> Any:  # noqa: ANN401 - the module has no types
    """pypdfium2, or a ParseError saying how to install it (in an environment missing it)."""
    try:
        import pypdfium2  # noqa: PLC0415 - imported when a PDF comes: `--help` stays fast
    except ImportError:
        raise ParseError(
            "reading PDF files needs pypdfium2, a dependency of govinfo-report missing here: "
            "pip install pypdfium2",
            where=where,
        ) from None
    return pypdfium2


def _group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped by baseline, top to bottom; each group sorted left to right."""
    # Sorted by their middles (twice: no need to halve), a list lookup as the key: no Python
    # function called per character.
    middles = [c[3] + c[4] for c in chars]
    groups: list[list[Char]] = []
    group: list[Char] = []
    center = height = 0.0
    size = 0
    for index in sorted(range(len(chars)), key=middles.__getitem__):
        char = chars[index]
        top, bottom = char[3], char[4]
        char_center = (top + bottom) / 2
        char_height = bottom - top
        if size and char_center == center and char_height >= 0 and height >= 0:
            # Offset 0, within any limit that is not negative: the character joins, and the
            # running mean stays where it is (most characters of a line share its middle).
            group.append(char)
            size += 1
            continue
        # The smaller height decides, so one oversized glyph cannot swallow neighbouring lines.
        limit = _SAME_LINE * (char_height if char_height < height else height)  # noqa: FURB136 - hot loop
        offset = char_center - center
        if size and -limit <= offset <= limit:
            group.append(char)
            size += 1
            # A running mean keeps a line's centre steady against small punctuation.
            center += offset / size
        else:
            group = [char]
            groups.append(group)
            size = 1
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


def _visible(chars: Iterable[Char]) -> list[Char]:
    return [c for c in chars if c[2] >= c[1] and c[4] >= c[3] and not c[0].isspace()]


def _line(
    group: Sequence[Char], top: float, page: int, top_margin: float, bottom_margin: float
) -> SourceLine | None:
    """A group's line of cells (``top``: its highest top); None for a margin's page number."""
    cells = _cells(group)
    # A line ends above the top margin only if it starts there.
    in_margin = top > bottom_margin or (
        top < top_margin and max([c[4] for c in group]) < top_margin
    )
    if in_margin and _PAGE_NUMBER.match("".join(cells)):
        return None
    return SourceLine(tuple(cells), Location(page=page, x=round(group[0][1], 1), y=round(top, 1)))


def lines_from_chars(chars: Iterable[Char], *, page: int, page_height: float) -> list[SourceLine]:
    """The lines of cells on one page, from its characters (whitespace is ignored)."""
    top_margin, bottom_margin = _MARGIN * page_height, (1 - _MARGIN) * page_height
    lines = []
    for group in _group_lines(_visible(chars)):
        line = _line(group, min([c[3] for c in group]), page, top_margin, bottom_margin)
        if line is not None:
            lines.append(line)
    return lines


def page_chars(pdfium: Any, page: Any, height: float) -> list[Char]:  # noqa: ANN401
    """The characters of a page with their loose boxes, in points from the left and top."""
    return _page_chars(pdfium, page, height)[0]


def _chars(
    texts: str, boxes: Sequence[float], height: float
) -> tuple[list[Char], float, float, float, bool]:
    """Characters, from their texts and boxes, and the extremes of their box sizes.

    ``boxes`` holds left, top, right, bottom of each character, from the page's bottom edge.
    Returned beside the characters: the least height, the greatest height and width (exact when
    no box is inverted or NaN), and whether one is. One plain loop: the fastest way measured.
    """
    # Plain tuples in Char's layout: a NamedTuple built per character costs twice as much.
    chars: list[Char] = []
    append = chars.append
    lowest = math.inf
    tallest = widest = 0.0
    improper = False
    for text, left, box_top, right, box_bottom in zip(
        texts, boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4], strict=True
    ):
        top, bottom = height - box_top, height - box_bottom
        append((text, left, right, top, bottom))  # type: ignore[arg-type]
        tall, wide = bottom - top, right - left
        # False for an inverted box, and for NaN.
        if not (tall >= 0 and wide >= 0):
            improper = True
        if tall < lowest:  # noqa: PLR1730 - no call per character
            lowest = tall
        if tall > tallest:  # noqa: PLR1730
            tallest = tall
        if wide > widest:  # noqa: PLR1730
            widest = wide
    return chars, lowest, tallest, widest, improper


def _loose_boxes(pdfium: Any, textpage: Any, indexes: Sequence[int]) -> list[float]:  # noqa: ANN401
    """The loose boxes of characters: left, top, right, bottom for each, in one list.

    One call per character, made by ``map`` with pypdfium2's own declaration of the function
    into one array of boxes (so no Python loop runs per character); ``textpage`` stays open
    while its handle is used.
    """
    count = len(indexes)
    boxes = (pdfium.raw.FS_RECTF * count)()
    get_box = pdfium.raw.FPDFText_GetLooseCharBox
    for _ in map(get_box, itertools.repeat(textpage.raw, count), indexes, boxes):
        pass
    return array.array("f", bytes(boxes)).tolist()


def _page_chars(pdfium: Any, page: Any, height: float) -> tuple[list[Char], bool]:  # noqa: ANN401
    """The characters of a page, and whether none has an inverted (empty) box."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != count:
            # Characters outside the BMP take two UTF-16 units: ask for each one instead.
            text = "".join(chr(pdfium.raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        # The visible characters and their indexes (str.split and str.isspace agree on what
        # whitespace is).
        visible = "".join(text.split())
        indexes = [index for index, char in enumerate(text) if not char.isspace()]
        # Loose boxes span the advance width: digits of one number touch, so "11" never reads
        # as "1 1", whatever the glyph shapes.
        values = _loose_boxes(pdfium, textpage, indexes)
        chars, lowest, tallest, widest, improper = _chars(visible, values, height)
        if not chars:
            return chars, True
        # No box over _OVERSIZED times the least height is over that times the median: the
        # usual page needs no median, hence no sort. (With every size a number and none
        # negative, the least and greatest noted are exact.)
        bound = _OVERSIZED * lowest
        if not improper and tallest <= bound and widest <= bound:
            return chars, True
        heights = sorted(c[4] - c[3] for c in chars)
        limit = _OVERSIZED * heights[len(heights) // 2]
        if heights[-1] <= limit and all(c[2] - c[1] <= limit for c in chars):
            return chars, not improper
        return _repair_boxes(pdfium, textpage, indexes, chars, height, limit), False
    finally:
        textpage.close()


def _repair_boxes(  # noqa: PLR0913, PLR0917 - the page's characters and how to ask for more
    pdfium: Any,  # noqa: ANN401
    textpage: Any,  # noqa: ANN401
    indexes: Sequence[int],
    chars: list[Char],
    height: float,
    limit: float,
) -> list[Char]:
    """Replace boxes over ``limit`` wide or tall (stretched glyphs) by the glyph's own box."""
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


def _bounds(tables: Sequence[Table]) -> list[tuple[float, float, float, float]]:
    return [(table.xs[0], table.xs[-1], table.ys[0], table.ys[-1]) for table in tables]


def _inside(bounds: Sequence[tuple[float, float, float, float]], x: float, y: float) -> int:
    """The index of the first table holding the point (x, y), or -1."""
    for number, (left, right, top, bottom) in enumerate(bounds):
        if left <= x <= right and top <= y <= bottom:
            return number
    return -1


def _read_page(  # noqa: PLR0913, PLR0917 - a page, its characters and where it stands
    pdfium: Any,  # noqa: ANN401
    page: Any,  # noqa: ANN401
    chars: list[Char],
    height: float,
    number: int,
    tables_before: int,
    *,
    proper: bool = False,
) -> tuple[list[SourceLine], int]:
    """A page's lines, its ruled tables row by row, top to bottom; and the tables read so far.

    ``chars`` come from :func:`_page_chars`, ``proper`` as it says.
    """
    top_margin, bottom_margin = _MARGIN * height, (1 - _MARGIN) * height
    lines: list[SourceLine] = []
    # page_chars leaves whitespace out already: only inverted boxes remain to be dropped.
    visible = chars if proper else [c for c in chars if c[2] >= c[1] and c[4] >= c[3]]
    groups = iter(_group_lines(visible))
    # Only a page with a line of several cells can hold a table worth rebuilding: the page's
    # rules are fetched once such a line is read.
    for group in groups:
        line = _line(group, min([c[3] for c in group]), number, top_margin, bottom_margin)
        if line is not None:
            lines.append(line)
            if len(line.cells) >= _TABLE_CELLS:
                break
    else:
        return lines, tables_before
    tables = find_tables(page_rules(pdfium, page, height))
    bounds = _bounds(tables)
    # A line starting inside a table is read again from the table's cells: lines read so far
    # are dropped, the others not split at all.
    lines = [line for line in lines if _inside(bounds, *_corner(line)) < 0]
    for group in groups:
        top = min([c[3] for c in group])
        if _inside(bounds, round(group[0][1], 1) + 1, round(top, 1) + 1) < 0:
            line = _line(group, top, number, top_margin, bottom_margin)
            if line is not None:
                lines.append(line)
    if not tables:
        return lines, tables_before
    return _with_tables(chars, tables, lines, number, tables_before)


def _corner(line: SourceLine) -> tuple[float, float]:
    # Just inside the line's first character: a line on a table's border lies outside it.
    return (line.location.x or 0.0) + 1, (line.location.y or 0.0) + 1


def _disjoint(boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    """Whether no two boxes (left, right, top, bottom) share a point."""
    return all(
        first[1] < second[0] or second[1] < first[0] or first[3] < second[2] or second[3] < first[2]
        for number, first in enumerate(boxes)
        for second in boxes[number + 1 :]
    )


def _with_tables(
    chars: list[Char], tables: list[Table], lines: list[SourceLine], page: int, tables_before: int
) -> tuple[list[SourceLine], int]:
    """``lines`` (those outside the tables) with the rows of ``tables``, top to bottom."""
    # Doubled middles against doubled edges: the same comparisons without a division.
    edges = [
        (2 * table.xs[0], 2 * table.xs[-1], 2 * table.ys[0], 2 * table.ys[-1]) for table in tables
    ]
    if _disjoint(edges):
        # Each character lies in one table at most: a filter per table.
        in_table = [
            [c for c in chars if top <= c[3] + c[4] <= bottom and left <= c[1] + c[2] <= right]
            for left, right, top, bottom in edges
        ]
    else:
        # A character belongs to the first table holding it.
        in_table = [[] for _ in tables]
        for char in chars:
            x, y = char[1] + char[2], char[3] + char[4]
            for members, (left, right, top, bottom) in zip(in_table, edges, strict=True):
                if left <= x <= right and top <= y <= bottom:
                    members.append(char)
                    break
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
                chars, proper = _page_chars(pdfium, page, height)
                total += len(chars)
                if total > _MAX_CHARS:
                    raise ParseError(
                        f"the PDF holds more than {_MAX_CHARS:,} characters: not a report",
                        where=where,
                    )
                page_lines, tables = _read_page(
                    pdfium, page, chars, height, index + 1, tables, proper=proper
                )
            except pdfium.PdfiumError:
                raise damaged_page(where, index + 1) from None
            finally:
                page.close()
            if not chars:
                blank_pages.append(index + 1)
            lines.extend(page_lines)
    finally:
        document.close()
    if not lines:
        raise ScannedPdfError(
            f"no text layer: none of the {page_count} page(s) holds text (a scanned PDF?); "
            "reading it through OCR needs the optional extra: pip install 'govinfo-report[ocr]'",
            where=where,
        )
    if blank_pages:
        findings.append(_pages_without_text(blank_pages))
    return SourceDocument(SourceKind.PDF, tuple(lines), name), tuple(findings)


def damaged_page(where: str, number: int) -> ParseError:
    """The error of a page PDFium cannot read."""
    return ParseError("not a readable PDF: a page is damaged", where=f"{where}, page {number}")


def _pages_without_text(pages: Sequence[int]) -> ReadingFinding:
    listed = ", ".join(str(page) for page in pages)
    return PDF_PAGE_WITHOUT_TEXT.finding(
        PDF_PAGE_WITHOUT_TEXT.message(pages=listed), location=Location(page=pages[0])
    )


def _truncated_finding(page_count: int) -> ReadingFinding:
    return PDF_TOO_MANY_PAGES.finding(
        PDF_TOO_MANY_PAGES.message(page_count=page_count, read=MAX_PAGES)
    )
