"""Columns of a table drawn without borders (a web page's, on a screenshot), from positions.

Without rules, a blank cell leaves no trace in a line of text boxes, and the interpreter cannot
tell which columns a row's figures belong to. In a run of lines of several cells, the cells'
left edges fall into a few columns; each line is then spread over those columns, with an empty
cell wherever it has nothing, as the PDF reader gives a ruled table's blank cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report.parse._document import Location, SourceLine

__all__ = ["align_columns"]

Rectangle = tuple[float, float, float, float]

_MIN_ROWS = 3
"""Lines of three cells or more in a run, for the run to be read as a table."""
_MIN_CELLS = 3
_SUPPORT = 2
"""Cells starting at a column's edge for the column to count."""
_NOWHERE: Rectangle = (0.0, 0.0, 0.0, 0.0)


def _runs(lines: Sequence[SourceLine]) -> list[list[int]]:
    """Indexes of runs of lines of several cells (lines of one cell inside a run stay out)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.location.table is not None:
            runs.append(current)
            current = []
        elif len(line.cells) > 1:
            current.append(index)
    runs.append(current)
    return [run for run in runs if sum(len(lines[i].cells) >= _MIN_CELLS for i in run) >= _MIN_ROWS]


def _columns(lefts: Sequence[float], tolerance: float) -> list[float]:
    """Column edges: the left edges of cells, clustered; clusters of one cell are dropped."""
    edges: list[list[float]] = []
    for left in sorted(lefts):
        if edges and left - edges[-1][-1] <= tolerance:
            edges[-1].append(left)
        else:
            edges.append([left])
    return [min(cluster) for cluster in edges if len(cluster) >= _SUPPORT]


def _column_of(left: float, columns: Sequence[float], tolerance: float) -> int | None:
    best = min(range(len(columns)), key=lambda index: abs(columns[index] - left))
    return best if abs(columns[best] - left) <= tolerance else None


def align_columns(
    lines: list[SourceLine], areas: dict[Location, list[Rectangle]], em: float
) -> None:
    """Spread the lines of each borderless table over its columns.

    ``lines`` and ``areas`` are updated in place; ``em`` is the type height, in points.
    """
    for run in _runs(lines):
        lefts = [area[0] for index in run for area in areas.get(lines[index].location, ())]
        columns = _columns(lefts, em)
        if len(columns) < _MIN_CELLS:
            continue
        for index in run:
            line = lines[index]
            line_areas = areas.get(line.location, [])
            spread = [""] * len(columns)
            placed = [_NOWHERE] * len(columns)
            places = [_column_of(area[0], columns, em) for area in line_areas]
            # A line whose cells do not fall one to a column is left as it was read.
            if None in places or len(set(places)) != len(places):
                continue
            columns_taken = [place for place in places if place is not None]
            for place, text, area in zip(columns_taken, line.cells, line_areas, strict=True):
                spread[place], placed[place] = text, area
            # Leading columns a line leaves empty are those of labels in a wider column.
            first = min(columns_taken)
            lines[index] = SourceLine(tuple(spread[first:]), line.location)
            areas[line.location] = placed[first:]
