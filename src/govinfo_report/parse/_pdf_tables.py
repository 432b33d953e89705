"""Ruled tables on a PDF page: their cells rebuilt from the lines that draw them.

Word and WPS draw a table's borders as thin filled rectangles. Where a page has them, the
table's grid is rebuilt from them: column boundaries from the vertical rules, row boundaries from
the horizontal ones, and a cell merged across rows or columns wherever a rule is missing. Every
character inside the table then belongs to one cell, so a table row reads as a browser shows an
HTML row: one cell per drawn cell, a label wrapped over several lines whole, a blank cell kept as
an empty cell in its column, and a cell merged down several rows given once, in its first row.
Pages without rules are read line by line (:func:`govinfo_report.parse._pdf.lines_from_chars`).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import operator
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

__all__ = ["Rule", "Table", "find_tables", "page_rules", "table_rows"]

# A rule is thinner than this (points); a cell is wider and taller.
_THIN = 2.5
_MIN_LENGTH = 4.0
# Rules closer than this are the same boundary (double borders, rounding).
_SNAP = 2.0
_MAX_RULES = 5_000
_MAX_NESTING = 8
# Characters whose tops differ by less than this share a line (in units of type height).
_ONE_LINE = 0.3
_LEFT = operator.itemgetter(1)


class Rule(NamedTuple):
    """A thin line of a page, in points from the left and top edges."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def vertical(self) -> bool:
        return self.right - self.left <= _THIN


class Table(NamedTuple):
    """A ruled table: its boundaries, and which boundaries are drawn where."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    verticals: tuple[Rule, ...]
    horizontals: tuple[Rule, ...]


def _objects(count: int, get: Any, parent: Any, object_type: Any) -> tuple[list[Any], list[int]]:  # noqa: ANN401
    """The objects of a page or form object and their types (``map``: no Python loop each)."""
    items = list(map(get, itertools.repeat(parent, count), range(count)))
    return items, list(map(object_type, items))


def _bounds(raw: Any, items: Sequence[Any]) -> list[float | None]:  # noqa: ANN401
    """Left, bottom, right, top of each page object, in one list.

    ``None`` four times for an object PDFium gives no bounds. Each side is written by ``map``
    into one array, through pypdfium2's own declaration of the function.
    """
    count = len(items)
    edges = (ctypes.c_float * (4 * count))()
    sides = [
        map(
            ctypes.c_float.from_buffer,
            itertools.repeat(edges, count),
            range(offset, 16 * count, 16),
        )
        for offset in (0, 4, 8, 12)
    ]
    found = list(map(raw.FPDFPageObj_GetBounds, items, *sides))
    values: list[float | None] = list(edges)
    for index, success in enumerate(found):
        if not success:
            values[4 * index : 4 * index + 4] = [None] * 4
    return values


def page_rules(pdfium: Any, page: Any, height: float) -> list[Rule]:  # noqa: ANN401
    """The thin horizontal and vertical path objects of a page (borders of table cells)."""
    raw = pdfium.raw
    path, form = pdfium.raw.FPDF_PAGEOBJ_PATH, pdfium.raw.FPDF_PAGEOBJ_FORM
    rules: list[Rule] = []
    # The objects' handles are borrowed from ``page``, which the caller closes only after this
    # returns. Most objects of a report's page are text, one per character: only paths are
    # looked at one by one, then the objects of form objects nested in the page.
    pending = [
        _objects(
            raw.FPDFPage_CountObjects(page.raw),
            raw.FPDFPage_GetObject,
            page.raw,
            raw.FPDFPageObj_GetType,
        )
    ]
    while pending:
        items, kinds = pending.pop()
        if form in kinds:
            for item, kind in zip(items, kinds, strict=True):
                if kind == form and len(pending) < _MAX_NESTING:
                    pending.append(
                        _objects(
                            raw.FPDFFormObj_CountObjects(item),
                            raw.FPDFFormObj_GetObject,
                            item,
                            raw.FPDFPageObj_GetType,
                        )
                    )
        edges = _bounds(raw, list(itertools.compress(items, map(path.__eq__, kinds))))
        for index in range(0, len(edges), 4):
            left, bottom, right, top = edges[index : index + 4]
            if left is None or bottom is None or right is None or top is None:
                continue
            width, tall = right - left, top - bottom
            thin_across = tall <= _THIN and width >= _MIN_LENGTH
            thin_down = width <= _THIN and tall >= _MIN_LENGTH
            if thin_across or thin_down:
                rules.append(Rule(left, height - top, right, height - bottom))
                if len(rules) > _MAX_RULES:
                    # A drawing, not a table: the page is read line by line.
                    return []
    return rules


def _snap(values: Iterable[float]) -> tuple[float, ...]:
    snapped: list[float] = []
    for value in sorted(values):
        if not snapped or value - snapped[-1] > _SNAP:
            snapped.append(value)
    return tuple(snapped)


def _touching_groups(rules: Sequence[Rule]) -> list[list[Rule]]:
    """The rules in groups that touch one another (each group one drawing, often a table)."""
    parent = list(range(len(rules)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    ordered = sorted(range(len(rules)), key=lambda i: rules[i].top)
    for position, first in enumerate(ordered):
        left, top, right, bottom = rules[first]
        reach = bottom + _SNAP
        # The root of the first rule's group, kept up to date as the group joins others.
        first_root = root(first)
        for second in itertools.islice(ordered, position + 1, None):
            other = rules[second]
            if other[1] > reach:
                break
            # The two rules touch (within _SNAP) across and down; down is half tested above.
            if left <= other[2] + _SNAP and other[0] <= right + _SNAP and top <= other[3] + _SNAP:
                second_root = root(second)
                if second_root != first_root:
                    parent[first_root] = second_root
                    first_root = second_root
    groups: dict[int, list[Rule]] = {}
    for index, rule in enumerate(rules):
        groups.setdefault(root(index), []).append(rule)
    return list(groups.values())


def _table(members: Sequence[Rule]) -> Table | None:
    verticals = tuple(rule for rule in members if rule.vertical)
    horizontals = tuple(rule for rule in members if not rule.vertical)
    xs = _snap((rule.left + rule.right) / 2 for rule in verticals)
    ys = _snap((rule.top + rule.bottom) / 2 for rule in horizontals)
    if verticals and ys:
        # A table cut by a page break has no closing border: its columns' rules end it.
        top, bottom = min(rule.top for rule in verticals), max(r.bottom for r in verticals)
        ys = ((top,) if top < ys[0] - _SNAP else ()) + ys
        ys += (bottom,) if bottom > ys[-1] + _SNAP else ()
    if len(xs) < 2 or len(ys) < 2:
        return None
    return Table(xs, ys, verticals, horizontals)


def find_tables(rules: Sequence[Rule]) -> list[Table]:
    """The ruled tables among a page's rules: groups of touching rules forming a grid."""
    tables = [table for group in _touching_groups(rules) if (table := _table(group)) is not None]
    return sorted(tables, key=lambda table: table.ys[0])


def _spans(
    rules: Iterable[Rule], boundaries: Sequence[float], *, vertical: bool
) -> list[list[tuple[float, float]]]:
    """For each boundary, the extents (along it) of the rules drawn on it."""
    spans: list[list[tuple[float, float]]] = [[] for _ in boundaries]
    for rule in rules:
        at = (rule.left + rule.right) / 2 if vertical else (rule.top + rule.bottom) / 2
        index = bisect.bisect_left(boundaries, at - _SNAP)
        if index < len(boundaries) and abs(boundaries[index] - at) <= _SNAP:
            spans[index].append((rule.top, rule.bottom) if vertical else (rule.left, rule.right))
    return spans


def _covered(spans: Iterable[tuple[float, float]], middles: Sequence[float]) -> list[bool]:
    """For each of the ascending ``middles``, whether a span (start, end) holds it strictly."""
    covered = [False] * len(middles)
    for start, end in spans:
        # The middles above start and below end, found by bisection rather than span by span.
        for index in range(bisect.bisect_right(middles, start), bisect.bisect_left(middles, end)):
            covered[index] = True
    return covered


def _merged_cells(table: Table) -> list[int]:
    """For each grid position (row by row), the position of the drawn cell's top-left corner."""
    xs, ys = table.xs, table.ys
    columns, rows = len(xs) - 1, len(ys) - 1
    middles_x = [(xs[column] + xs[column + 1]) / 2 for column in range(columns)]
    middles_y = [(ys[row] + ys[row + 1]) / 2 for row in range(rows)]
    # Whether the rule above each row is drawn across each column's middle, and the rule left of
    # each column down each row's middle.
    across = _spans(table.horizontals, ys, vertical=False)
    down = _spans(table.verticals, xs, vertical=True)
    drawn_across = [_covered(spans, middles_x) for spans in across]
    drawn_down = [_covered(spans, middles_y) for spans in down]
    owner: list[int] = []
    for row in range(rows):
        above = drawn_across[row]
        for column in range(columns):
            if row > 0 and not above[column]:
                owner.append(owner[-columns])
            elif column > 0 and not drawn_down[column][row]:
                owner.append(owner[-1])
            else:
                owner.append(len(owner))
    return owner


def _is_wide(text: str) -> bool:
    return "\u2e80" <= text <= "\U0002ffff" or "\uff00" <= text <= "\uffef"


def _join(lines: Sequence[str]) -> str:
    """A cell's lines as one text: Chinese wraps without a space, other text with one."""
    joined = ""
    for line in lines:
        if joined and not (_is_wide(joined[-1]) or _is_wide(line[0])):
            joined += " "
        joined += line
    return joined


def _cell(
    chars: list[tuple[str, float, float, float, float]],
    group_lines: Any,  # noqa: ANN401
    cell_text: Any,  # noqa: ANN401
) -> str:
    """The text of one drawn cell of several characters: its lines, each split at gaps, joined."""
    tops = [char[3] for char in chars]
    # Most cells hold one line (a number): no need to group characters into lines.
    if max(tops) - min(tops) < _ONE_LINE * (chars[0][4] - chars[0][3]):
        chars.sort(key=_LEFT)
        return " ".join(cell_text(chars))
    return _join([" ".join(cell_text(line)) for line in group_lines(chars)])


def table_rows(
    table: Table,
    chars: Iterable[tuple[str, float, float, float, float]],
    group_lines: Any,  # noqa: ANN401 - the line grouper of the PDF reader
    cell_text: Any,  # noqa: ANN401 - and its line-to-text function
) -> list[tuple[int, float, float, tuple[str, ...]]]:
    """The rows of a table: (row number, left, top, cell texts), one entry per drawn cell.

    A drawn cell's text is given in the row where the cell starts; an empty cell is ``""``.
    """
    owner = _merged_cells(table)
    columns, rows = len(table.xs) - 1, len(table.ys) - 1
    # One list per drawn cell, shared by the grid positions it covers: a character goes to its
    # cell through one list index.
    contents: list[list[tuple[str, float, float, float, float]]] = [[] for _ in owner]
    cell_at = [contents[start] for start in owner]
    # Boundaries doubled, so that a character's doubled middle needs no division (both exact).
    xs, ys = [2 * x for x in table.xs], [2 * y for y in table.ys]
    last_column, last_row = columns - 1, rows - 1
    find = bisect.bisect
    for char in chars:
        # Inside the table (the caller checked), so only the far edges need clamping.
        column = find(xs, char[1] + char[2]) - 1
        row = find(ys, char[3] + char[4]) - 1
        cell_at[
            (row if row <= last_row else last_row) * columns  # noqa: FURB136 - hot loop
            + (column if column <= last_column else last_column)  # noqa: FURB136 - hot loop
        ].append(char)
    found = []
    for row in range(rows):
        first = row * columns
        starts = [column for column in range(columns) if owner[first + column] == first + column]
        if not starts:
            continue
        texts = tuple(
            (
                (members[0][0] if len(members) == 1 else _cell(members, group_lines, cell_text))
                if (members := contents[first + column])
                else ""
            )
            for column in starts
        )
        if any(texts):
            found.append((row + 1, table.xs[starts[0]], table.ys[row], texts))
    return found
