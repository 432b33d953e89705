"""Helpers shared by the benchmark scripts: a realistic report and a median timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from govinfo_report import Report, catalog
from govinfo_report.catalog import CellKind
from govinfo_report.model import ProactiveDisclosure, Requests, ReviewLitigation, Table

T = TypeVar("T")


def realistic_report(version: str = "2021", seed: int = 1) -> Report:
    """A consistent report with non-zero values everywhere, as a large city's would be."""
    section = catalog.format_spec(version).section("proactive_disclosure")
    tables = []
    for grid_number, grid in enumerate(section.grids):
        values: list[int | Decimal | None] = []
        for cell_number, (_row, column) in enumerate(grid.cells()):
            base = 17 * (grid_number + 1) + 5 * cell_number + seed
            values.append(
                Decimal(base) + Decimal("0.28") if column.kind is CellKind.AMOUNT else base
            )
        tables.append(Table(grid, tuple(values)))
    grid = catalog.requests_grid(version)
    identities = {identity.rule_id: identity for identity in grid.identities}
    leaves = identities["E2"].right
    cells: dict[tuple[str, str], int] = {}
    for column_number, column_id in enumerate(identities["E3"].right):
        leaf_values = {
            leaf: (3 * i + column_number + seed) % 40 + 1 for i, leaf in enumerate(leaves)
        }
        total = sum(leaf_values.values())
        cells.update({(leaf, column_id): value for leaf, value in leaf_values.items()})
        cells["total_handled", column_id] = total
        cells["carried_to_next_year", column_id] = 7 + column_number
        cells["carried_over_from_last_year", column_id] = 5 + column_number
        cells["new_requests", column_id] = total + 7 + column_number - (5 + column_number)
    for row in grid.rows:
        cells[row.id, "total"] = sum(cells[row.id, c] for c in identities["E3"].right)
    requests = Requests.blank(version).with_cells(dict[tuple[str, str], int | None](cells))
    review: dict[tuple[str, str], int | None] = {}
    for row_number, row in enumerate(catalog.REVIEW_LITIGATION_GRID.rows):
        parts = {
            c: 10 * row_number + i + 1
            for i, c in enumerate(("upheld", "corrected", "other", "pending"))
        }
        review.update({(row.id, c): v for c, v in parts.items()})
        review[row.id, "total"] = sum(parts.values())
    return Report(
        organ="淮安市人民政府",
        year=2024,
        overview="一、总体情况\n2024年，我市坚持……" * 20,
        proactive_disclosure=ProactiveDisclosure(version, tuple(tables)),
        requests=requests,
        review_litigation=ReviewLitigation.blank().with_cells(review),
        problems_improvements="存在的主要问题……" * 10,
        other_matters="本年度未收取信息处理费。",
    )


def median_us(function: Callable[[], object], *, repeat: int = 15, number: int = 200) -> float:
    """The median over ``repeat`` runs of the time of one call, in microseconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        timings.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(timings)


def paired_median_us(
    ours: Callable[[], object],
    theirs: Callable[[], object],
    *,
    repeat: int = 31,
    number: int = 200,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Median µs per call of two functions timed in alternating rounds.

    Alternating puts both under the same load and clock speed of a shared machine, so their
    ratio means something even when the absolute figures drift. ``clock=time.process_time``
    counts only the CPU time of this process (one core), not the time other programs take.
    """
    ours_timings: list[float] = []
    theirs_timings: list[float] = []
    for _ in range(repeat):
        for function, timings in ((ours, ours_timings), (theirs, theirs_timings)):
            start = clock()
            for _ in range(number):
                function()
            timings.append((clock() - start) / number * 1e6)
    return statistics.median(ours_timings), statistics.median(theirs_timings)


def paired_median_cpu_ms(
    ours: Callable[[], object], theirs: Callable[[], object], *, repeat: int = 15
) -> tuple[float, float]:
    """Median CPU ms per call of two functions, called alternately, each warmed up once.

    CPU time leaves out the time a process waits for a core on a loaded machine, which wall time
    (:func:`paired_median_us`) would count against whichever call happened to wait.
    """
    ours()
    theirs()
    ours_times: list[float] = []
    theirs_times: list[float] = []
    for _ in range(repeat):
        for function, times in ((ours, ours_times), (theirs, theirs_times)):
            start = time.process_time()
            function()
            times.append(time.process_time() - start)
    return statistics.median(ours_times) * 1000, statistics.median(theirs_times) * 1000


def batch_seconds(
    function: Callable[[T], object],
    items: list[T],
    size: int,
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """The best of three times, in seconds, of ``function`` over ``size`` items (cycled)."""
    batch = [items[i % len(items)] for i in range(size)]
    best = float("inf")
    for _ in range(3):
        start = clock()
        for item in batch:
            function(item)
        best = min(best, clock() - start)
    return best
