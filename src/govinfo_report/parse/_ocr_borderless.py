"""Tables drawn without borders, rebuilt from where their text stands.

A web page's table, or a Word table whose borders were turned off, leaves no rule on a
screenshot: its columns are only the blank streams running down between the cells. This module
finds those streams among a page's characters and draws the grid they imply, as
:class:`~govinfo_report.parse._pdf_tables.Table` objects, so the PDF reader's grid rebuilding
places every figure in its column, blank cells kept (a row ``258 12 · · 1 1 ·`` is seven cells,
not four figures).

A *block* is a run of lines close together, three or more of them (its *cell lines*) holding
three or more separate pieces of text (*runs*). Its columns part along the streams no cell
line crosses and some line has a run on each side of; then, one crossing more at a time up to
a quarter of the cell lines, along streams two lines part (a sub-table of fewer columns). A
header or a label spanning two columns crosses the stream in its own row only, and there the
two cells are one drawn cell (as a merged cell of a ruled table). The columns without figures
on the left are one, the labels'. Each line is a row, but for a label wrapped over lines.
"""

from __future__ import annotations

import bisect
import itertools
import re
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
_CROSSINGS = 0.25
"""A stream between columns may be crossed by at most this share of the block's cell lines."""
_FIGURE = re.compile(r"[\d.,，\-]+")
"""A run of figures: where a column of figures starts, the labels' columns end."""
_WRAP_GAP = 0.6
_WRAP_REACH = 1.5
"""A label line goes on the label above it when it stands at most _WRAP_GAP of its height
below it, and that label ends at most _WRAP_REACH of its height short of its column's end."""
_BEFORE = 2
"""Points between a column's boundary and its leftmost text."""
_MARGIN = 1.0
"""Points around a block's text: its outer borders."""


class _Run(NamedTuple):
    """Characters standing together on a line: their left and right (points), their text."""

    left: float
    right: float
    text: str


class _Line(NamedTuple):
    top: float
    bottom: float
    runs: list[_Run]
    """Left to right."""


def _runs(group: Sequence[Char]) -> list[_Run]:
    height = statistics.median(c[4] - c[3] for c in group)
    runs: list[_Run] = []
    for char in group:
        if runs and char[1] - runs[-1].right <= _RUN_GAP * height:
            last = runs[-1]
            runs[-1] = _Run(last.left, max(last.right, char[2]), last.text + char[0])
        else:
            runs.append(_Run(char[1], char[2], char[0]))
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
    """Where the block's columns part (points), left to right.

    Streams no cell line crosses are taken first; then, one crossing more at a time up to
    :data:`_CROSSINGS` of them, streams holding no boundary yet (a sub-table of fewer columns,
    or a long label, crosses a stream in a few rows).
    """
    cell_lines = [line for line in block if len(line.runs) >= _RUN_LINES]
    left = min(run.left for line in block for run in line.runs)
    right = max(run.right for line in block for run in line.runs)
    steps = int(right - left) + 1
    crossed = [0] * steps
    sides = [0] * steps
    for line in cell_lines:
        for run in line.runs:
            for x in range(max(int(run.left - left) + 1, 0), min(int(run.right - left), steps)):
                crossed[x] += 1
    for line in block:
        for before, after in itertools.pairwise(line.runs):
            for x in range(int(before.right - left) + 1, min(int(after.left - left) + 1, steps)):
                sides[x] += 1
    found: list[int] = []
    for level in range(int(_CROSSINGS * len(cell_lines)) + 1):
        # A stream some line crosses must part two runs on more lines than one: a gap inside
        # a spanning header is not a column.
        least = _SIDES if level == 0 else _SIDES + 1
        open_x = [sides[x] >= least and crossed[x] <= level for x in range(steps)]
        for start, end in _stretches(open_x):
            if not any(start <= at < end for at in found):
                # Just before the column's text: a label wrapped to fill its column reaches
                # further right than those of the rows with figures.
                found.append(max(start, end - _BEFORE))
    return [left + at for at in sorted(found)]


def _stretches(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """The [start, end) stretches where ``flags`` hold."""
    stretches = []
    start = None
    for at, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = at
        elif not flag and start is not None:
            stretches.append((start, at))
            start = None
    return stretches


def _kind(line: _Line, first: float) -> str:
    """``values`` for a line right of the labels' column only, ``labels`` left of it only."""
    if all(run.left >= first for run in line.runs):
        return "values"
    if all(run.right <= first for run in line.runs):
        return "labels"
    return ""


def _rows(block: Sequence[_Line], first: float) -> list[_Line]:
    """The block's lines as rows, a label wrapped over several lines one row.

    ``first``: where the labels' column ends. A line of figures alone that overlaps a line of
    labels alone is the middle of one row whose label wraps over the lines around it; a line
    of labels alone under a row without figures whose label fills its column goes on that
    label.
    """
    rows: list[_Line] = [block[0]]
    for above, line in itertools.pairwise(block):
        if _continues(above, line, first):
            row = rows[-1]
            rows[-1] = _Line(row.top, max(row.bottom, line.bottom), row.runs + line.runs)
        else:
            rows.append(line)
    return rows


def _continues(above: _Line, line: _Line, first: float) -> bool:
    """Whether ``line`` goes on the row of the line ``above`` it."""
    kinds = {_kind(above, first), _kind(line, first)}
    height = line.bottom - line.top
    if kinds == {"values", "labels"}:
        return line.top < above.bottom
    return (
        kinds == {"labels"}
        and line.top - above.bottom < _WRAP_GAP * height
        and first - max(run.right for run in above.runs) < _WRAP_REACH * height
    )


def _label_columns(block: Sequence[_Line], boundaries: Sequence[float]) -> int:
    """How many columns, from the left, hold no figure in any row (the labels' columns)."""
    figures = [
        bisect.bisect(boundaries, (run.left + run.right) / 2)
        for line in block
        for run in line.runs
        if _FIGURE.fullmatch(run.text)
    ]
    return min(figures, default=0)


def _table(block: Sequence[_Line], boundaries: Sequence[float]) -> Table:
    left = min(run.left for line in block for run in line.runs) - _MARGIN
    right = max(run.right for line in block for run in line.runs) + _MARGIN
    # The labels' columns are one: a label's levels (三、 … （四）… 1. …) and the gaps inside a
    # wrapped or spaced label do not part columns the figures can be told by.
    labels = _label_columns(block, boundaries)
    boundaries = boundaries[max(labels - 1, 0) :]
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
        verticals.extend(
            Rule(x, top, x, bottom)
            for x in boundaries
            # A run across the stream is one cell spanning both columns, in its row only.
            if not any(run.left < x < run.right for run in row.runs)
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
