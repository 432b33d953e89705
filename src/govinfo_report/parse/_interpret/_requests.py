"""Section 三: the request matrix, rows placed by label or between labelled rows."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion
from govinfo_report.model import (
    CellValue,
)
from govinfo_report.parse._findings import ROW_MISSING, SUBTOTAL_ROW, TABLE_EMPTY, UNPLACED_ROWS
from govinfo_report.parse._interpret._labels import fuzzy_row, row_term
from govinfo_report.parse._interpret._tables import (
    Reading,
    TableRead,
    read_row,
    settle_ambiguous,
    stray,
)
from govinfo_report.parse._interpret._tokens import Unit, splittable
from govinfo_report.parse._vocabulary import (
    TermKind,
)

_REQUESTS = catalog.SECTION_IDS[2]


@attrs.frozen
class _RowUnit:
    unit: Unit
    row: int | None
    exact: bool


def read_requests(  # noqa: C901, PLR0912 - one decision list per kind of printed row
    reader: Reading, units: Sequence[Unit], version: FormatVersion
) -> tuple[CellValue, ...]:
    grid = catalog.requests_grid(version)
    table = TableRead.of(grid)
    width = len(grid.columns)
    candidates: list[_RowUnit] = []
    for unit in units:
        if not unit.items:
            continue
        term, _exact = row_term(unit, version, (grid,))
        if term is not None and term.kind is TermKind.GROUP:
            if unit.has_values():
                reader.findings.add(
                    SUBTOTAL_ROW,
                    SUBTOTAL_ROW.message(group=term.item_id),
                    path=f"$.{_REQUESTS}",
                    location=unit.items[0].location,
                )
            continue
        if term is not None:
            candidates.append(_RowUnit(unit, grid.row_index(term.item_id), term.exact))
            continue
        if not unit.has_values():
            continue
        digits = sum(len(item.raw) for item in unit.items if not item.empty)
        if len(unit.items) >= width or (splittable(unit) and digits >= width):
            fuzzy = fuzzy_row(unit, grid)
            candidates.append(_RowUnit(unit, fuzzy, exact=False))
        else:
            stray(reader, unit, f"$.{_REQUESTS}")
    if not any(c.unit.has_values() for c in candidates):
        if candidates or units:
            reader.findings.add(TABLE_EMPTY, TABLE_EMPTY.message("table"), path=f"$.{_REQUESTS}")
        return reader.record(table)
    placed = _place_rows(reader, candidates, len(grid.rows))
    for row_index, unit in placed.items():
        read_row(reader, table, row_index, unit)
    for row_index, row in enumerate(grid.rows):
        if row_index not in placed:
            reader.findings.add(
                ROW_MISSING,
                ROW_MISSING.message(label_zh=row.label.zh, label_en=row.label.en),
                path=f"$.{_REQUESTS}.{row.id}",
            )
    settle_ambiguous(table, reader.findings, use_columns=True)
    return reader.record(table)


def _place_rows(reader: Reading, candidates: list[_RowUnit], size: int) -> dict[int, Unit]:
    """Place value rows: by label where labels are exact, else in the places between.

    Rows without a label fill the places between labelled rows, in order, when their number
    fits exactly (PDF converters detach numbers from labels).
    """
    anchored = [
        (position, c.row) for position, c in enumerate(candidates) if c.exact and c.row is not None
    ]
    keep = _increasing(anchored)
    placed: dict[int, Unit] = {}
    anchors = [
        (-1, -1),
        *[(position, row) for position, row in anchored if (position, row) in keep],
        (len(candidates), size),
    ]
    for (start_position, start_row), (end_position, end_row) in itertools.pairwise(anchors):
        if start_row >= 0:
            placed[start_row] = candidates[start_position].unit
        between = candidates[start_position + 1 : end_position]
        between = [c for c in between if not (c.exact and c.row is not None)] + [
            c
            for c in between
            if c.exact and c.row is not None and (candidates.index(c), c.row) not in keep
        ]
        between.sort(key=candidates.index)
        rows = list(range(start_row + 1, end_row))
        dropped = [c for c in between if c.exact]
        for c in dropped:
            stray(reader, c.unit, f"$.{_REQUESTS}")
        between = [c for c in between if not c.exact]
        _fill_gap(reader, between, rows, placed)
    return placed


def _fill_gap(
    reader: Reading, between: list[_RowUnit], rows: list[int], placed: dict[int, Unit]
) -> None:
    if not between:
        return
    if len(between) == len(rows) and all(
        c.row is None or c.row == row for c, row in zip(between, rows, strict=True)
    ):
        for c, row in zip(between, rows, strict=True):
            placed[row] = c.unit
        return
    # Cut labels on the value lines, if they agree with the order, split the gap further.
    labelled = [(i, c.row) for i, c in enumerate(between) if c.row is not None and c.row in rows]
    keep = _increasing(labelled)
    if keep and len(keep) < len(between):
        bounds = [(-1, rows[0] - 1), *sorted(keep), (len(between), rows[-1] + 1)]
        if all(b - a == rb - ra for (a, ra), (b, rb) in itertools.pairwise(bounds)):
            for (a, ra), (_b, rb) in itertools.pairwise(bounds):
                if a >= 0:
                    placed[ra] = between[a].unit
                for offset, row in enumerate(range(ra + 1, rb)):
                    placed[row] = between[a + 1 + offset].unit
            return
    for c in between:
        reader.findings.add(
            UNPLACED_ROWS,
            UNPLACED_ROWS.message(printed=len(between), missing=len(rows)),
            path=f"$.{_REQUESTS}",
            location=c.unit.items[0].location if c.unit.items else None,
        )


def _increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest subsequence of (position, row) pairs whose rows strictly increase.

    Of equals, the one that ends first, through the earliest pairs. Linear in the number of
    pairs (a table has a few dozen rows): for each row, the longest subsequence ending in it
    so far and the first pair that ends it.
    """
    if not pairs:
        return set()
    best = [1] * len(pairs)
    previous = [-1] * len(pairs)
    ending: dict[int, tuple[int, int]] = {}
    """Row → (length of the longest subsequence ending in it, -index of its first end)."""
    for i, (_position, row) in enumerate(pairs):
        before = [ending[other] for other in ending if other < row]
        if before:
            length, negative_end = max(before)
            best[i] = length + 1
            previous[i] = -negative_end
        if best[i] > ending.get(row, (0, 0))[0]:
            ending[row] = (best[i], -i)
    end = max(range(len(pairs)), key=lambda i: best[i])
    keep = set()
    while end != -1:
        keep.add(pairs[end])
        end = previous[end]
    return keep
