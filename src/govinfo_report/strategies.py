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

Hypothesis is a test dependency (``pip install govinfo-report[test]``); importing this module
without it raises :class:`ImportError`.
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

__all__ = [
    "amounts",
    "cell_values",
    "consistent_reports",
    "consistent_requests",
    "consistent_review_litigation",
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
    return st.integers(0, 4).flatmap(
        lambda places: st.decimals(
            min_value=0, max_value=10**9, places=places, allow_nan=False, allow_infinity=False
        )
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


def _grid_values(grid: Grid, *, blanks: bool) -> st.SearchStrategy[tuple[CellValue, ...]]:
    return st.tuples(*(cell_values(column, blanks=blanks) for _row, column in grid.cells()))


def proactive_disclosures(
    version: FormatVersion | str | None = None, *, blanks: bool = True
) -> st.SearchStrategy[ProactiveDisclosure]:
    """Section 二 of ``version`` (any version if None) with any valid cells."""

    def build(version: FormatVersion) -> st.SearchStrategy[ProactiveDisclosure]:
        grids = catalog.format_spec(version).section("proactive_disclosure").grids
        tables = st.tuples(
            *(st.builds(Table, st.just(grid), _grid_values(grid, blanks=blanks)) for grid in grids)
        )
        return st.builds(ProactiveDisclosure, st.just(version), tables)

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
    return st.builds(
        ReviewLitigation, _grid_values(catalog.REVIEW_LITIGATION_GRID, blanks=blanks)
    )


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


def _consistent_column(grid: Grid) -> st.SearchStrategy[dict[str, int]]:
    """One applicant column of table 三 with E1 and E2 holding: {row id: value}."""
    identities = {identity.rule_id: identity for identity in grid.identities}
    (total_id,) = identities["E2"].left
    leaf_ids = identities["E2"].right
    new_id, carried_over_id = identities["E1"].left
    _total_id, carried_next_id = identities["E1"].right

    @st.composite
    def column(draw: st.DrawFn) -> dict[str, int]:
        leaves = draw(st.lists(counts(10**5), min_size=len(leaf_ids), max_size=len(leaf_ids)))
        total = sum(leaves)
        carried_next = draw(counts(10**5))
        carried_over = draw(st.integers(0, total + carried_next))
        values = dict(zip(leaf_ids, leaves, strict=True))
        values[total_id] = total
        values[carried_next_id] = carried_next
        values[carried_over_id] = carried_over
        values[new_id] = total + carried_next - carried_over
        return values

    return column()


def consistent_requests(version: FormatVersion | str | None = None) -> st.SearchStrategy[Requests]:
    """Section 三 with no blank and E1, E2, E3 holding in every row and column."""

    @st.composite
    def build(draw: st.DrawFn, version: FormatVersion) -> Requests:
        grid = catalog.requests_grid(version)
        (e3,) = (i for i in grid.identities if i.axis is catalog.Axis.COLUMNS)
        (total_column,) = e3.left
        by_column = {column_id: draw(_consistent_column(grid)) for column_id in e3.right}
        values: list[int | None] = []
        for row in grid.rows:
            for column in grid.columns:
                if column.id == total_column:
                    values.append(sum(by_column[c][row.id] for c in e3.right))
                else:
                    values.append(by_column[column.id][row.id])
        return Requests(version, tuple(values))

    return _versions(version).flatmap(build)


def consistent_review_litigation() -> st.SearchStrategy[ReviewLitigation]:
    """Section 四 with no blank and E4 holding in every group."""
    grid = catalog.REVIEW_LITIGATION_GRID
    (e4,) = grid.identities
    (total_column,) = e4.left

    @st.composite
    def build(draw: st.DrawFn) -> ReviewLitigation:
        values: list[int | None] = []
        for _row in grid.rows:
            parts = {column_id: draw(counts(10**4)) for column_id in e4.right}
            values.extend(
                sum(parts.values()) if column.id == total_column else parts[column.id]
                for column in grid.columns
            )
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
