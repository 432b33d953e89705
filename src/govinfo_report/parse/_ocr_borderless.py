"""Tables drawn without borders, rebuilt from where their text stands.

A web page's table, or a Word table whose borders were turned off, leaves no rule on a
screenshot: its columns are only the blank streams running down between the cells. This module
finds those streams among a page's characters and draws the grid they imply, as
:class:`~govinfo_report.parse._pdf_tables.Table` objects, so the PDF reader's grid rebuilding
places every figure in its column, blank cells kept (a row ``258 12 · · 1 1 ·`` is seven cells,
not four figures).

A *block* is a run of lines close together, several of them holding three or more separate
pieces of text (*runs*). Its columns part where few of those lines have ink and at least two
lines hold a run on each side; a header or a label spanning two columns crosses the stream in
its own row only, and there the two cells are one drawn cell (as a merged cell of a ruled
table). Each line is a row.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from typing import NamedTuple

from govinfo_report.parse._pdf import Char, _group_lines
from govinfo_report.parse._pdf_tables import Rule, Table

__all__ = ["borderless_tables"]

_RUN_GAP = 0.15
"""Characters this far apart (share of their height) or closer belong to one run."""
_BLOCK_GAP = 1.0
"""Lines further apart than this (share of the type's height) are not of one table."""
_RUN_LINES = 3
"""A line of this many runs or more holds a table's cells; a block needs this many of them."""
_SIDES = 1
"""Lines holding a run on each side of a stream, for it to part two columns."""
_MARGIN = 1.0
"""Points around a block's text: its outer borders."""


class _Line(NamedTuple):
    top: float
    bottom: float
    runs: list[tuple[float, float]]
    """Left and right of each run of characters (points), left to right."""


def _runs(group: Sequence[Char]) -> list[tuple[float, float]]:
    height = statistics.median(c[4] - c[3] for c in group)
    runs: list[tuple[float, float]] = []
    for char in group:
        if runs and char[1] - runs[-1][1] <= _RUN_GAP * height:
            runs[-1] = (runs[-1][0], max(runs[-1][1], char[2]))
        else:
            runs.append((char[1], char[2]))
    return runs


def _blocks(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Runs of lines close together, trimmed of lines of one run at either end."""
    blocks: list[list[_Line]] = []
    for line in lines:
        height = line.bottom - line.top
        if blocks and line.top - blocks[-1][-1].bottom <= _BLOCK_GAP * height:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    trimmed = []
    for block in blocks:
        cells = [index for index, line in enumerate(block) if len(line.runs) > 1]
        if sum(len(line.runs) >= _RUN_LINES for line in block) >= _RUN_LINES:
            trimmed.append(block[cells[0] : cells[-1] + 1])
    return trimmed


def _boundaries(block: Sequence[_Line]) -> list[float]:
    """Where the block's columns part (points), left to right."""
    cell_lines = [line for line in block if len(line.runs) >= _RUN_LINES]
    left = min(run[0] for line in block for run in line.runs)
    right = max(run[1] for line in block for run in line.runs)
    steps = int(right - left) + 1
    crossed = [0] * steps
    sides = [0] * steps
    for line in cell_lines:
        for start, end in line.runs:
            for x in range(max(int(start - left) + 1, 0), min(int(end - left), steps)):
                crossed[x] += 1
    for line in block:
        for (_start, end), (start, _end) in zip(line.runs, line.runs[1:], strict=False):
            for x in range(int(end - left) + 1, min(int(start - left) + 1, steps)):
                sides[x] += 1
    boundaries: list[float] = []
    x = 0
    while x < steps:
        if crossed[x] or sides[x] < _SIDES:
            x += 1
            continue
        stream_start = x
        while x < steps and not crossed[x] and sides[x] >= _SIDES:
            x += 1
        boundaries.append(left + (stream_start + x) / 2)
    return boundaries


def _rows(block: Sequence[_Line], first: float) -> list[_Line]:
    """The block's lines as rows: figures standing beside a wrapped label join its lines.

    A line with text right of the first column only (``first``) that overlaps a line with
    text left of it only is the middle of one row, whose label wraps over the lines around it.
    """
    rows: list[_Line] = []
    previous = ""
    for line in block:
        kind = (
            "values"
            if all(start >= first for start, _end in line.runs)
            else "labels"
            if all(end <= first for _start, end in line.runs)
            else ""
        )
        if rows and line.top < rows[-1].bottom and {kind, previous} == {"values", "labels"}:
            above = rows[-1]
            rows[-1] = _Line(above.top, max(above.bottom, line.bottom), above.runs + line.runs)
        else:
            rows.append(line)
        previous = kind
    return rows


def _table(block: Sequence[_Line], boundaries: Sequence[float]) -> Table:
    left = min(run[0] for line in block for run in line.runs) - _MARGIN
    right = max(run[1] for line in block for run in line.runs) + _MARGIN
    rows = _rows(block, boundaries[0])
    ys = [rows[0].top - _MARGIN]
    for above, below in itertools.pairwise(rows):
        if above.bottom <= below.top:
            ys.append((above.bottom + below.top) / 2)
        else:
            # A label centred beside two rows overlaps them: part at the middles.
            ys.append((above.top + above.bottom + below.top + below.bottom) / 4)
    ys.append(rows[-1].bottom + _MARGIN)
    xs = (left, *boundaries, right)
    horizontals = tuple(Rule(left, y, right, y) for y in ys)
    verticals = [Rule(x, ys[0], x, ys[-1]) for x in (left, right)]
    for row, top, bottom in zip(rows, ys, ys[1:], strict=False):
        # A run across the stream is one cell spanning both columns, in its row only.
        verticals.extend(
            Rule(x, top, x, bottom)
            for x in boundaries
            if not any(start < x < end for start, end in row.runs)
        )
    return Table(xs, tuple(ys), tuple(verticals), horizontals)


def borderless_tables(chars: Sequence[Char], ruled: Sequence[Table]) -> list[Table]:
    """The tables drawn without borders among a page's characters (outside ``ruled`` tables)."""
    outside = [
        c
        for c in chars
        if not any(
            table.xs[0] <= (c[1] + c[2]) / 2 <= table.xs[-1]
            and table.ys[0] <= (c[3] + c[4]) / 2 <= table.ys[-1]
            for table in ruled
        )
    ]
    lines = [
        _Line(min(c[3] for c in group), max(c[4] for c in group), _runs(group))
        for group in _group_lines(outside)
    ]
    tables = []
    for block in _blocks(lines):
        boundaries = _boundaries(block)
        if len(boundaries) >= _RUN_LINES - 1:
            tables.append(_table(block, boundaries))
    return tables
