"""Hypothesis strategies for reports, for this library's tests and for yours.

Fuzz your own tools with the same data we test with::

    from hypothesis import given
    from govinfo_report import strategies

    @given(strategies.consistent_reports("2021"))
    def test_my_exporter(report): ...

:func:`reports` draws any valid report: blanks anywhere, any counts, each versioned table in its
own format version unless one is given. :func:`consistent_reports` draws reports whose
identities E1–E4 hold by construction, with no blank in tables 三 and 四. Everything is laid out
from the catalog, so a new format version is covered as soon as it is declared there.

Hypothesis comes with the ``strategies`` extra (``pip install 'govinfo-report[strategies]'``);
importing this module without it raises :class:`ImportError`.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, Column, FormatVersion, Grid
from govinfo_report.model import (
    MAX_YEAR,
    MIN_YEAR,
    CellValue,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
)
from govinfo_report.rules.arithmetic import instances, lines, operand_cell

__all__ = [
    "amounts",
    "cell_values",
    "consistent_reports",
    "consistent_requests",
    "consistent_review_litigation",
    "count_lists",
    "counts",
    "format_versions",
    "proactive_disclosures",
    "reports",
    "requests_tables",
    "review_litigations",
]

MAX_COUNT = 10**7
"""Counts drawn stay below this (larger than any real report) so sums stay readable in failures."""


def format_versions() -> st.SearchStrategy[FormatVersion]:
    """Any declared format version."""
    return st.sampled_from(tuple(catalog.FORMATS))


def _versions(version: FormatVersion | str | None) -> st.SearchStrategy[FormatVersion]:
    return format_versions() if version is None else st.just(FormatVersion(version))


def counts(max_value: int = MAX_COUNT) -> st.SearchStrategy[int]:
    """Non-negative counts, small ones more often (as in real reports)."""
    return st.one_of(st.integers(0, 20), st.integers(0, max_value))


def amounts() -> st.SearchStrategy[Decimal]:
    """Non-negative money amounts with 0 to 4 decimal places (万元 are printed to 0.01 or finer)."""
    return st.tuples(st.integers(0, 10**13), st.integers(0, 4)).map(
        lambda drawn: Decimal(drawn[0]).scaleb(-drawn[1])
    )


def cell_values(column: Column, *, blanks: bool = True) -> st.SearchStrategy[CellValue]:
    """Values a cell of ``column`` may hold (``None`` included when ``blanks``)."""
    value: st.SearchStrategy[CellValue]
    if column.kind is CellKind.AMOUNT:
        value = amounts()
    elif column.kind is CellKind.SIGNED_COUNT:
        value = st.integers(-MAX_COUNT, MAX_COUNT)
    else:
        value = counts()
    return st.none() | value if blanks else value


_BYTES_PER_CELL = 3


def count_lists(size: int, max_value: int = MAX_COUNT) -> st.SearchStrategy[list[int]]:
    """``size`` counts from 0 to ``max_value``, drawn in one go.

    Tables have up to 175 cells; one byte string per table instead of one draw per cell makes
    generation about ten times faster, and still shrinks towards zeros. A drawn scale makes small
    tables (every cell under 10, as at a street office) as likely as large ones.
    """
    scales = st.sampled_from(sorted({min(9, max_value), min(999, max_value), max_value}))
    raw = st.binary(min_size=size * _BYTES_PER_CELL, max_size=size * _BYTES_PER_CELL)

    def decode(drawn: tuple[int, bytes]) -> list[int]:
        scale, data = drawn
        return [
            int.from_bytes(data[i : i + _BYTES_PER_CELL], "big") % (scale + 1)
            for i in range(0, len(data), _BYTES_PER_CELL)
        ]

    return st.tuples(scales, raw).map(decode)


def _blank_masks(size: int) -> st.SearchStrategy[list[bool]]:
    """Which of ``size`` cells are blank: none, a few, many, or all of them."""
    thresholds = st.sampled_from((0, 16, 128, 256))
    return st.tuples(thresholds, st.binary(min_size=size, max_size=size)).map(
        lambda drawn: [byte < drawn[0] for byte in drawn[1]]
    )


def _section_values(
    grids: tuple[Grid, ...], *, blanks: bool
) -> st.SearchStrategy[tuple[tuple[CellValue, ...], ...]]:
    """Cells for every grid of a section, drawn together (few draws, however many tables)."""
    columns = [column for grid in grids for _row, column in grid.cells()]
    size = len(columns)
    others = [i for i, column in enumerate(columns) if column.kind is not CellKind.COUNT]
    parts = st.tuples(
        count_lists(size),
        st.tuples(*(cell_values(columns[i], blanks=False) for i in others)),
        _blank_masks(size) if blanks else st.just([False] * size),
    )

    def combine(
        drawn: tuple[list[int], tuple[CellValue, ...], list[bool]],
    ) -> tuple[tuple[CellValue, ...], ...]:
        counts_drawn, other_values, blank_mask = drawn
        cells: list[CellValue] = list(counts_drawn)
        for index, value in zip(others, other_values, strict=True):
            cells[index] = value
        cells = [None if blank else value for value, blank in zip(cells, blank_mask, strict=True)]
        tables = []
        start = 0
        for grid in grids:
            tables.append(tuple(cells[start : start + grid.size]))
            start += grid.size
        return tuple(tables)

    return parts.map(combine)


def _grid_values(grid: Grid, *, blanks: bool) -> st.SearchStrategy[tuple[CellValue, ...]]:
    return _section_values((grid,), blanks=blanks).map(lambda tables: tables[0])


def proactive_disclosures(
    version: FormatVersion | str | None = None, *, blanks: bool = True
) -> st.SearchStrategy[ProactiveDisclosure]:
    """Section 二 of ``version`` (any version if None) with any valid cells."""

    def build(version: FormatVersion) -> st.SearchStrategy[ProactiveDisclosure]:
        grids = catalog.proactive_grids(version)
        return _section_values(grids, blanks=blanks).map(
            lambda tables: ProactiveDisclosure(
                version,
                tuple(Table(grid, values) for grid, values in zip(grids, tables, strict=True)),
            )
        )

    return _versions(version).flatmap(build)


def requests_tables(
    version: FormatVersion | str | None = None, *, blanks: bool = True
) -> st.SearchStrategy[Requests]:
    """Section 三 of ``version`` with any valid cells (identities need not hold)."""
    return _versions(version).flatmap(
        lambda v: st.builds(
            Requests, st.just(v), _grid_values(catalog.requests_grid(v), blanks=blanks)
        )
    )


def review_litigations(*, blanks: bool = True) -> st.SearchStrategy[ReviewLitigation]:
    """Section 四 with any valid cells (identities need not hold)."""
    return st.builds(ReviewLitigation, _grid_values(catalog.REVIEW_LITIGATION_GRID, blanks=blanks))


_texts = st.text(max_size=40)
_optional_texts = st.none() | _texts


def _reports(
    proactive: st.SearchStrategy[ProactiveDisclosure],
    requests: st.SearchStrategy[Requests],
    review: st.SearchStrategy[ReviewLitigation],
) -> st.SearchStrategy[Report]:
    return st.builds(
        Report,
        organ=_optional_texts,
        year=st.none() | st.integers(MIN_YEAR, MAX_YEAR),
        source=st.none()
        | st.builds(Source, title=_optional_texts, url=_optional_texts, file=_optional_texts),
        overview=_optional_texts,
        proactive_disclosure=proactive,
        requests=requests,
        review_litigation=review,
        problems_improvements=_optional_texts,
        other_matters=_optional_texts,
    )


def reports(version: FormatVersion | str | None = None) -> st.SearchStrategy[Report]:
    """Any valid report: blanks anywhere, identities not enforced.

    With ``version=None`` each versioned table draws its own version, so mixed reports (a 2021
    section 二 with a 2019 section 三, as real reports have) come up too.
    """
    return _reports(proactive_disclosures(version), requests_tables(version), review_litigations())


def _position(grid: Grid, row: str, column: str) -> int:
    return grid.row_index(row) * len(grid.columns) + grid.column_index(column)


def _complete(
    grid: Grid, identity: catalog.Identity, values: list[int | None], operand: str
) -> None:
    """Fill ``operand`` of ``identity`` in every line from the others (the rules' evaluator)."""
    for relation, line in zip(instances(grid, identity), lines(grid, identity.axis), strict=True):
        position = _position(grid, *operand_cell(identity.axis, operand, line))
        values[position] = relation.solve(values, position)


def consistent_requests(version: FormatVersion | str | None = None) -> st.SearchStrategy[Requests]:
    """Section 三 with no blank and E1, E2, E3 holding in every row and column."""

    def build(version: FormatVersion) -> st.SearchStrategy[Requests]:
        grid = catalog.requests_grid(version)
        identities = {identity.rule_id: identity for identity in grid.identities}
        e1, e2, e3 = identities["E1"], identities["E2"], identities["E3"]
        (total_handled,) = e2.left
        leaf_ids = e2.right
        new_requests, carried_over = e1.left
        _total_handled, carried_next = e1.right
        (total_column,) = e3.left
        applicant_columns = e3.right
        per_column = len(leaf_ids) + 2

        def assemble(drawn: list[int]) -> Requests:
            values: list[int | None] = [None] * grid.size
            overs = []
            for number, column_id in enumerate(applicant_columns):
                *leaves, next_year, over = drawn[number * per_column : (number + 1) * per_column]
                for row_id, leaf in zip(leaf_ids, leaves, strict=True):
                    values[_position(grid, row_id, column_id)] = leaf
                values[_position(grid, carried_next, column_id)] = next_year
                overs.append((next_year, over))
            # The totals come from their parts, as the identities define them.
            _complete(grid, e2, values, total_handled)
            for column_id, (next_year, over) in zip(applicant_columns, overs, strict=True):
                handled = values[_position(grid, total_handled, column_id)]
                assert handled is not None  # noqa: S101 - just filled, from drawn counts
                # E1 with no negative count: carried over can be at most handled + carried next.
                values[_position(grid, carried_over, column_id)] = over % (handled + next_year + 1)
            _complete(grid, e1, values, new_requests)
            _complete(grid, e3, values, total_column)
            return Requests(version, tuple(values))

        return count_lists(per_column * len(applicant_columns), 10**5).map(assemble)

    return _versions(version).flatmap(build)


def consistent_review_litigation() -> st.SearchStrategy[ReviewLitigation]:
    """Section 四 with no blank and E4 holding in every group."""
    grid = catalog.REVIEW_LITIGATION_GRID
    (e4,) = grid.identities
    (total_column,) = e4.left

    @st.composite
    def build(draw: st.DrawFn) -> ReviewLitigation:
        values: list[int | None] = [None] * grid.size
        drawn = iter(draw(count_lists(len(grid.rows) * len(e4.right), 10**4)))
        for row in grid.rows:
            for column_id in e4.right:
                values[_position(grid, row.id, column_id)] = next(drawn)
        _complete(grid, e4, values, total_column)
        return ReviewLitigation(tuple(values))

    return build()


def consistent_reports(version: FormatVersion | str | None = None) -> st.SearchStrategy[Report]:
    """Reports whose identities E1–E4 hold by construction, with no blank in 三 and 四.

    Section 二 takes any values without blanks (the form states no identity there).
    """
    return _reports(
        proactive_disclosures(version, blanks=False),
        consistent_requests(version),
        consistent_review_litigation(),
    )
