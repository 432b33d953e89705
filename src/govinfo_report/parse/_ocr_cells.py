"""A table's cells read a second time, each from crops of its own ink.

The detector misses lone ``0`` and ``1`` and the recogniser misreads a figure now and then, so
the short cells of a ruled table are cropped around their ink, with the page's own pixels as
margins, and recognised alone (:func:`reread`); the crops of cells the page pass read as
figures are kept, to be read only when verification asks (:mod:`~govinfo_report.parse._ocr`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import cv2
import numpy as np

from govinfo_report.parse._document import Location, SourceLine
from govinfo_report.parse._ocr_engine import recognize
from govinfo_report.parse._pdf_tables import Table, _merged_cells
from govinfo_report.parse._values import BLANK_MARKS, UNITS

__all__ = ["INSET", "MIN_INK", "Rectangle", "recognized", "reread", "table_areas"]

_UNIT = f"(?:{'|'.join(UNITS)})?"
_VALUE = re.compile(rf"[\d.,，．\-—/]*{_UNIT}")
"""Figures, perhaps with their unit (``251000元``), or nothing (where the detector may have
missed a lone figure)."""
_SHORT = re.compile(rf"[^\u3400-\u9fff]{{0,12}}{_UNIT}")
"""A cell worth reading twice: short and without a Chinese character but its unit: figures,
or what a misread figure looks like (``o`` or ``。`` for 0, ``l`` for 1)."""
INSET = 3
"""Pixels kept off a cell's borders when it is cropped."""
_MARGINS = (4, 8)
"""Margins (pixels) of the two crops of a cell's ink: two different views of the same figure."""
_MISSED_MARGINS = (*_MARGINS, 12)
"""Margins of the crops of a cell the page pass found nothing in (a lone ``0``): a third view,
so that it has three readings as a cell the page pass read has (three agreeing readings place
a number against an identity the publisher's arithmetic breaks)."""
_INK_CONTRAST = 64
"""A pixel this much darker (0–255) than its cell's paper is ink when a cell is looked at: a
blurred page's thin figures are grey (a lone ``0`` about 150), not black, and sensor noise
(σ 12) stays well inside it."""
MIN_INK = 6
"""Dark pixels a cell needs to be worth reading again (a speck of noise has fewer)."""

Rectangle = tuple[float, float, float, float]
"""Left, top, right, bottom, in points."""


def recognized(engine: object, views: Sequence[Sequence[np.ndarray]]) -> list[tuple[str, ...]]:
    """Each cell's crops (grey) recognised in one engine call: their texts, unspaced."""
    crops = [cv2.cvtColor(crop, cv2.COLOR_GRAY2RGB) for cell in views for crop in cell]
    texts = iter(text for text, _score in recognize(engine, crops))
    return [tuple("".join(next(texts).split()) for _crop in cell) for cell in views]


def _cell_rectangles(table: Table) -> dict[int, list[tuple[float, float, float, float]]]:
    """For each row (1-based) of a table, its drawn cells' rectangles (points), left to right."""
    owner = _merged_cells(table)
    columns = len(table.xs) - 1
    extents: dict[int, list[int]] = {}
    for position, start in enumerate(owner):
        row, column = divmod(position, columns)
        extent = extents.setdefault(start, [row, column, row, column])
        extent[2], extent[3] = max(extent[2], row), max(extent[3], column)
    rows: dict[int, list[tuple[float, float, float, float]]] = {}
    for start, (top, left, bottom, right) in sorted(extents.items()):
        rectangle = (table.xs[left], table.ys[top], table.xs[right + 1], table.ys[bottom + 1])
        rows.setdefault(top + 1, []).append(rectangle)
        del start
    return rows


def _ink_crops(
    grey: np.ndarray, rectangle: Sequence[float], scale: float, margins: Sequence[int]
) -> list[np.ndarray]:
    """Views of a cell's ink (grey), one per margin (pixels); none when blank.

    The margins are the page's own pixels around the ink (within the cell): a white frame
    drawn around a noisy scan's crop makes a lone ``0`` look like a box to the recogniser.
    """
    left, top, right, bottom = (round(value / scale) for value in rectangle)
    inner = grey[top + INSET : bottom - INSET, left + INSET : right - INSET]
    if inner.size == 0:
        return []
    # The cell's paper is its median: most of a cell is paper, shaded or white.
    dark = (inner < np.median(inner) - _INK_CONTRAST).astype(np.uint8)
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(dark, connectivity=8)
    # A figure's strokes hold together; specks (noise on a seal's pale ring) do not, and would
    # stretch the crop over the ring.
    strokes = [stat for stat in stats[1:count].tolist() if stat[4] >= MIN_INK]
    if not strokes:
        return []
    x0 = min(left for left, _top, _wide, _tall, _area in strokes)
    y0 = min(top for _left, top, _wide, _tall, _area in strokes)
    x1 = max(left + wide - 1 for left, _top, wide, _tall, _area in strokes)
    y1 = max(top + tall - 1 for _left, top, _wide, tall, _area in strokes)
    return [
        np.ascontiguousarray(
            inner[max(y0 - margin, 0) : y1 + 1 + margin, max(x0 - margin, 0) : x1 + 1 + margin]
        )
        for margin in margins
    ]


def table_areas(
    lines: Sequence[SourceLine], tables: Sequence[Table]
) -> dict[Location, list[Rectangle]]:
    """Each table line's drawn cells (``tables``: the page's, numbered 1, 2, … in its lines)."""
    rectangles = {number: _cell_rectangles(table) for number, table in enumerate(tables, 1)}
    return {
        line.location: rectangles.get(line.location.table, {}).get(line.location.row, [])
        for line in lines
        if line.location.table is not None and line.location.row is not None
    }


def reread(
    engine: object,
    grey: np.ndarray,
    lines: list[SourceLine],
    areas: Mapping[Location, Sequence[Rectangle]],
    scale: float,
) -> tuple[
    list[SourceLine],
    dict[Location, tuple[tuple[str, ...], ...]],
    dict[Location, dict[int, tuple[np.ndarray, ...]]],
]:
    """Lines with the cells the page pass missed or misread read again from their crops.

    ``areas``: a line's location → its cells' rectangles. Returns the lines, the readings of
    the cells read again, and the crops of the cells read as figures (read only if needed).
    """
    wanted: list[tuple[int, int, list[np.ndarray]]] = []
    unread: dict[Location, dict[int, tuple[np.ndarray, ...]]] = {}
    for line_index, line in enumerate(lines):
        drawn = areas.get(line.location, ())
        for cell_index, (text, rectangle) in enumerate(zip(line.cells, drawn, strict=False)):
            # A dash typed as the numeral 一 marks a blank, and is what a thin 1 reads as.
            if _SHORT.fullmatch(text) is None and text not in BLANK_MARKS:
                continue
            crops = _ink_crops(grey, rectangle, scale, _MARGINS if text else _MISSED_MARGINS)
            if not crops:
                continue
            if text and _VALUE.fullmatch(text):
                unread.setdefault(line.location, {})[cell_index] = tuple(crops)
            else:
                wanted.append((line_index, cell_index, crops))
    read = recognized(engine, [views for *_place, views in wanted])
    readings: dict[int, list[tuple[str, ...]]] = {}
    for (line_index, cell_index, _views), crops_read in zip(wanted, read, strict=True):
        printed = lines[line_index].cells[cell_index]
        # The page pass's reading counts as one more when it found the figure at all.
        independent = (printed, *crops_read) if printed else crops_read
        readings.setdefault(line_index, [()] * len(lines[line_index].cells))[cell_index] = (
            independent
        )
    found: dict[Location, tuple[tuple[str, ...], ...]] = {}
    for line_index, cell_readings in readings.items():
        line = lines[line_index]
        texts_now = list(line.cells)
        for cell_index, independent in enumerate(cell_readings):
            texts_now[cell_index] = _best(texts_now[cell_index], independent)
        lines[line_index] = SourceLine(tuple(texts_now), line.location)
        found[line.location] = tuple(cell_readings)
    return lines, found, unread


def _best(printed: str, readings: Sequence[str]) -> str:
    """A cell's text: the page pass's figures, else what its own crops read (found or fixed).

    A cell the page pass left empty takes the first crop's figures; one it read as something
    other than figures (``o`` for ``0``) takes the crops' figures when both crops agree.
    """
    if not readings or _VALUE.fullmatch(printed):
        return printed if printed or not readings else _figures(readings[0])
    crops = readings[-len(_MARGINS) :]
    if len(set(crops)) == 1 and _VALUE.fullmatch(crops[0]):
        return crops[0]
    return printed


def _figures(text: str) -> str:
    return text if _VALUE.fullmatch(text) else ""
