"""The OCR front end: scanned pages and screenshots → a :class:`SourceDocument`.

Each page image goes through the OCR engine (:mod:`~govinfo_report.parse._ocr_engine`); the text
boxes it finds are straightened and spread into characters, and the table borders are found in
the pixels (:mod:`~govinfo_report.parse._ocr_geometry`). From there the PDF reader's own line
building and grid rebuilding read the page, so the one interpreter sees a scan as it sees the
PDF it was printed from.

OCR is not trusted. A short cell of a ruled table that the page pass left empty but that holds
ink (the detector misses lone ``0`` and ``1``), or read as something other than figures, is
read again at once from two crops of its own ink, of different margins: recognition alone.
A cell the page pass read as figures keeps its crops (:attr:`OcrDocument.unread`); after
interpretation :mod:`~govinfo_report.parse._ocr_verify` reads only those its identities do not
verify (:meth:`OcrDocument.read_again`: table 二's, and those of a failing identity), and
uses every reading (:attr:`OcrDocument.readings`), and the form's identities, to verify each
number. Reading the crops of cells the arithmetic already verifies would cost as much again as
the page pass's recognition, for nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType
from typing import NamedTuple

import attrs
import cv2
import numpy as np

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import (
    Location,
    ReadingFinding,
    SourceDocument,
    SourceKind,
    SourceLine,
)
from govinfo_report.parse._ocr_borderless import borderless_tables
from govinfo_report.parse._ocr_cells import (
    INSET,
    MIN_INK,
    Rectangle,
    recognized,
    reread,
    table_areas,
)
from govinfo_report.parse._ocr_engine import Box, load_engine, read_boxes
from govinfo_report.parse._ocr_geometry import (
    box_chars,
    ink,
    rotate_boxes,
    skew_degrees,
    straighten,
    table_rules,
    without_rules,
    without_seal,
)
from govinfo_report.parse._ocr_images import PageImage, image_pages, pdf_pages
from govinfo_report.parse._pages import PAGE_READ
from govinfo_report.parse._pdf import (
    _MARGIN,
    Char,
    _bounds,
    _group_lines,
    _inside,
    _line,
    _with_tables,
    load_pdfium,
)
from govinfo_report.parse._pdf_tables import Table, find_tables

__all__ = [
    "OcrDocument",
    "PageLines",
    "read_images",
    "read_page",
    "read_pages",
    "read_scanned_pdf",
]

_INK_LEVEL = 128
"""A pixel darker than this (0–255) is ink when a page is looked at for content."""
_BAND = 1800
"""A tall screenshot is read in bands about this tall, cut where the page is emptiest."""
_BAND_SEARCH = 300


Readings = Mapping[Location, tuple[tuple[str, ...], ...]]
"""A line's location → for each of its cells, its independent readings: the page pass's (when
it found one) and those of the cell's own crops; empty for cells read once."""
Unread = Mapping[Location, Mapping[int, tuple[np.ndarray, ...]]]
"""A line's location → its cells (0-based) read as figures by the page pass → their crops."""


def _frozen(value: Readings) -> Readings:
    return MappingProxyType(dict(value))


@attrs.frozen
class OcrDocument(SourceDocument):
    """A document read through OCR, with the independent readings of its number cells."""

    readings: Readings = attrs.field(factory=dict, converter=_frozen)
    """The readings of the cells read again so far."""
    unread: Unread = attrs.field(factory=dict, eq=False, repr=False)
    """The crops of the cells the page pass read as figures, for :meth:`read_again`."""
    threads: int = attrs.field(default=1, eq=False)

    def read_again(self, locations: Iterable[Location]) -> Readings:
        """:attr:`readings` with those of the cells at ``locations`` (from their crops) added.

        A cell with no crops (blank, or outside a table) or already read again is left alone.
        """
        wanted = []
        for location in locations:
            line = attrs.evolve(location, column=None)
            index = (location.column or 1) - 1
            crops = self.unread.get(line, {}).get(index)
            if crops and not _readings_of(self.readings, line, index):
                wanted.append((line, index, crops))
        if not wanted:
            return self.readings
        cells = {line.location: line.cells for line in self.lines}
        texts = recognized(load_engine(self.threads), [views for *_place, views in wanted])
        readings = {line: list(cells) for line, cells in self.readings.items()}
        for (line, index, _views), crops_read in zip(wanted, texts, strict=True):
            printed = cells[line][index]
            row = readings.setdefault(line, [()] * len(cells[line]))
            row[index] = (printed, *crops_read)
        return _frozen({line: tuple(row) for line, row in readings.items()})


def _readings_of(readings: Readings, line: Location, index: int) -> tuple[str, ...]:
    cells = readings.get(line, ())
    return cells[index] if index < len(cells) else ()


class PageLines(NamedTuple):
    """One page read: its lines, the cells' readings and crops, and the tables numbered."""

    lines: list[SourceLine]
    readings: dict[Location, tuple[tuple[str, ...], ...]]
    tables: int
    unread: dict[Location, dict[int, tuple[np.ndarray, ...]]]


def _bands(height: int, channel: np.ndarray) -> list[tuple[int, int]]:
    """Rows [start, end) to read one at a time: the emptiest row near each cut is chosen."""
    if height <= _BAND * 1.2:
        return [(0, height)]
    darkness = (channel < _INK_LEVEL).sum(axis=1)
    bands, start = [], 0
    while height - start > _BAND * 1.2:
        window = darkness[start + _BAND - _BAND_SEARCH : start + _BAND]
        cut = start + _BAND - _BAND_SEARCH + int(np.argmin(window))
        bands.append((start, cut))
        start = cut
    bands.append((start, height))
    return bands


def _page_boxes(
    engine: object, grey: np.ndarray, *, check_orientation: bool = True
) -> tuple[list[Box], np.ndarray]:
    """The text boxes of a page, read band by band when the page is tall; and the page.

    A page whose text stands upside down is turned before it is read, and returned turned.
    """
    boxes: list[Box] = []
    rgb = cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB)
    for start, end in _bands(grey.shape[0], grey):
        check = check_orientation and start == 0
        found = read_boxes(engine, rgb[start:end], check_orientation=check)
        if found is None:
            turned = np.ascontiguousarray(grey[::-1, ::-1])
            return _page_boxes(engine, turned, check_orientation=False)
        boxes.extend(_shifted(box, start) for box in found)
    return boxes, grey


def _shifted(box: Box, down: int) -> Box:
    return box._replace(corners=tuple((x, y + down) for x, y in box.corners))


def read_page(engine: object, image: PageImage) -> PageLines:
    """One page image read into located lines of cells, with its number cells read again.

    The page's tables are numbered from 1; :func:`read_pages` numbers them across pages.
    """
    grey = ink(image.pixels)
    if np.count_nonzero(grey < _INK_LEVEL) < MIN_INK:
        # A blank page (or a blank side of a scanned sheet): nothing for the engine to find.
        return PageLines([], {}, 0, {})
    unsealed = without_seal(image.pixels, grey)
    page = grey
    boxes, grey = _page_boxes(engine, grey)
    if unsealed is not None and grey is not page:
        # The page was read upside down and turned: its crops are taken turned too.
        unsealed = np.ascontiguousarray(unsealed[::-1, ::-1])
    height, width = grey.shape
    degrees = skew_degrees(boxes)
    grey = straighten(grey, degrees)
    boxes = rotate_boxes(boxes, degrees, width, height)
    scale = 72 / image.dpi
    chars = box_chars(boxes, scale, grey)
    ruled = find_tables(table_rules(grey, scale))
    tables = sorted([*ruled, *borderless_tables(chars, ruled)], key=lambda table: table.ys[0])
    lines, areas = _plain_lines(chars, tables, image.number, height * scale, 2 * INSET * scale)
    count = 0
    if tables:
        lines, count = _with_tables(chars, tables, lines, image.number, 0)
        # Tables with no text are not numbered by the PDF reader: only those it numbered count.
        read = [table for table in tables if _holds_text(table, chars)]
        areas.update(table_areas(lines, read))
    # A seal's red ink is taken out of the cells' crops (None: the page holds no red ink).
    cells = grey if unsealed is None else straighten(unsealed, degrees)
    lines, readings, unread = reread(engine, without_rules(cells, scale), lines, areas, scale)
    return PageLines(lines, readings, count, unread)


def _holds_text(table: Table, chars: Sequence[Char]) -> bool:
    left, right, top, bottom = table.xs[0], table.xs[-1], table.ys[0], table.ys[-1]
    return any(
        left <= (c[1] + c[2]) / 2 <= right and top <= (c[3] + c[4]) / 2 <= bottom for c in chars
    )


def _plain_lines(
    chars: list[Char], tables: Sequence[Table], page: int, height: float, margin: float
) -> tuple[list[SourceLine], dict[Location, list[Rectangle]]]:
    """The page's lines that start outside its tables, as the PDF reader builds them.

    Beside them, each line's cells' rectangles, a margin wider than their characters (cells
    of a table drawn without borders, such as a web page's, are read again from those).
    """
    top_margin, bottom_margin = _MARGIN * height, (1 - _MARGIN) * height
    bounds = _bounds(tables)
    lines = []
    areas: dict[Location, list[Rectangle]] = {}
    for group in _group_lines(chars):
        top = min(c[3] for c in group)
        if _inside(bounds, round(group[0][1], 1) + 1, round(top, 1) + 1) >= 0:
            continue
        line = _line(group, top, page, top_margin, bottom_margin)
        if line is not None:
            lines.append(line)
            areas[line.location] = _cell_areas(group, line.cells, margin)
    return lines, areas


def _cell_areas(group: Sequence[Char], cells: Sequence[str], margin: float) -> list[Rectangle]:
    """The rectangles of a line's cells, ``margin`` points wider than their characters."""
    areas = []
    start = 0
    for cell in cells:
        taken = group[start : start + len(cell) - cell.count(" ")]
        start += len(taken)
        areas.append(
            (
                min(c[1] for c in taken) - margin,
                min(c[3] for c in taken) - margin,
                max(c[2] for c in taken) + margin,
                max(c[4] for c in taken) + margin,
            )
        )
    return areas


def read_pages(
    pages: Iterable[PageImage],
    *,
    name: str | None,
    jobs: int = 1,
    threads: int = 1,
) -> OcrDocument:
    """Pages read through OCR into one document, ``jobs`` pages at a time."""
    where = name or "image"

    def one(image: PageImage) -> PageLines:
        # One engine per thread, loaded when the thread reads its first page.
        return read_page(load_engine(threads, where), image)

    lines: list[SourceLine] = []
    readings: dict[Location, tuple[tuple[str, ...], ...]] = {}
    unread: dict[Location, dict[int, tuple[np.ndarray, ...]]] = {}
    tables = 0
    page_read = PAGE_READ.get()
    for count, page in enumerate(_in_order(pages, one, jobs), start=1):
        if page_read is not None:
            page_read(count)
        # Tables are numbered across the document: renumber this page's after the last page's.
        shift = tables
        for line in page.lines:
            location = line.location
            if location.table is not None:
                table = location.table + shift
                location = attrs.evolve(location, table=table)
                tables = max(tables, table)
            lines.append(SourceLine(line.cells, location))
        for location, cells in page.readings.items():
            readings[_moved(location, shift)] = cells
        for location, crops in page.unread.items():
            unread[_moved(location, shift)] = crops
    return OcrDocument(
        SourceKind.IMAGE, tuple(lines), name, readings=readings, unread=unread, threads=threads
    )


def _moved(location: Location, shift: int) -> Location:
    """A page's location with its table numbered after the previous pages' tables."""
    return attrs.evolve(location, table=None if location.table is None else location.table + shift)


def _in_order(
    pages: Iterable[PageImage], read: Callable[[PageImage], PageLines], jobs: int
) -> Iterator[PageLines]:
    """Each page read, in page order, up to ``jobs`` at a time (at most ``jobs`` held decoded)."""
    if jobs <= 1:
        yield from map(read, pages)
        return
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        pending = []
        for page in pages:
            pending.append(pool.submit(read, page))
            if len(pending) >= jobs:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _checked(document: OcrDocument, pages: int, where: str | None) -> OcrDocument:
    if not document.lines:
        raise ParseError(
            f"no text layer, and OCR found no text on the {pages} page(s): a blank scan, or a "
            "picture that holds no report",
            where=where,
        )
    return document


def read_images(
    images: Sequence[tuple[bytes, str]], *, name: str | None, jobs: int = 1
) -> OcrDocument:
    """Image files (bytes and the name each is known by), the pages of one report in order."""
    counted = [0]

    def pages() -> Iterator[PageImage]:
        for data, where in images:
            for page in image_pages(data, where, first=counted[0] + 1):
                counted[0] += 1
                yield page

    document = read_pages(pages(), name=name, jobs=jobs, threads=_threads(jobs))
    return _checked(document, counted[0], name)


def read_scanned_pdf(
    source: bytes | str | os.PathLike[str], *, name: str | None, jobs: int = 1
) -> tuple[OcrDocument, tuple[ReadingFinding, ...]]:
    """A PDF whose pages hold no text, read through OCR page by page."""
    where = name or (os.fspath(source) if not isinstance(source, bytes) else "PDF")
    pdfium = load_pdfium(where)
    counted = [0]

    def pages() -> Iterator[PageImage]:
        for page in pdf_pages(pdfium, source, where):
            counted[0] += 1
            yield page

    document = read_pages(pages(), name=name, jobs=jobs, threads=_threads(jobs))
    return _checked(document, counted[0], where), ()


def _threads(jobs: int) -> int:
    """Engine threads per page: the machine's cores shared among the pages read at a time."""
    return max(1, min(os.cpu_count() or 1, 2) // max(jobs, 1))
