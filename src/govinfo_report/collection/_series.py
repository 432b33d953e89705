"""One organ across years: continuity checks, year-over-year changes, sudden changes.

What "consecutive" means here: the continuity checks P1, P2 and P4 of the format reference
(FORMAT.md §7.3) relate a report to the one of the year just before (上年结转 this year is
结转下年度 last year), so they run only on truly consecutive years. Where a year is missing
(Pingtan publishes 2019, 2021, 2023, 2025 in our corpus), the pair is not checked, an ``S-GAP``
finding says so, and only the changes between the two reports are listed, with their gap in
years: comparing 2021's 上年结转 with 2019's 结转下年度 would flag a difference that the
missing 2020 report explains.

Sudden changes: a cell whose value grows or shrinks more than ``factor`` times (5 by default)
against a previous value of at least ``min_base`` (10), in a count or amount column, is
flagged as a warning with both years' values. Blank cells are never compared.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, Label
from govinfo_report.collection._notes import SERIES_GAP, SUDDEN_CHANGE, Note
from govinfo_report.errors import FieldValueError
from govinfo_report.model import Report
from govinfo_report.rules import check_continuity

__all__ = ["Change", "Series", "SeriesFinding", "series"]

DEFAULT_FACTOR = 5.0
DEFAULT_MIN_BASE = 10


@attrs.frozen(kw_only=True)
class SeriesFinding:
    """A finding about two reports of one organ, located in the later one."""

    code: str
    """A continuity check id (``P1.requests.total``) or ``S-GAP`` / ``S-SUDDEN-CHANGE``."""
    rule: str | None
    severity: str
    path: str | None
    organ: str | None
    year: int
    previous_year: int
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    message_zh: str
    message_en: str


@attrs.frozen
class Change:
    """One cell from one report of an organ to its next report."""

    path: str
    previous_year: int
    year: int
    before: int | Decimal
    after: int | Decimal

    @property
    def difference(self) -> int | Decimal:
        """``after - before``."""
        return self.after - self.before


@attrs.frozen
class Series:
    """An organ's reports in year order, and what comparing them found."""

    organ: str | None
    years: tuple[int, ...]
    findings: tuple[SeriesFinding, ...]
    changes: tuple[Change, ...]
    checked: tuple[tuple[int, int], ...]
    """The pairs of consecutive years the continuity checks ran on."""


def _number(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


def _cells(
    report: Report,
) -> dict[str, tuple[catalog.Grid, catalog.Row, catalog.Column, int | Decimal | None]]:
    cells: dict[str, tuple[catalog.Grid, catalog.Row, catalog.Column, int | Decimal | None]] = {}
    for table in report.tables():
        for cell in table:
            path = catalog.cell_path(table.grid, cell.row.id, cell.column.id)
            cells[path] = (table.grid, cell.row, cell.column, cell.value)
    return cells


def _label(grid: catalog.Grid, row: catalog.Row, column: catalog.Column) -> Label:
    return Label(
        f"{grid.label.zh} {row.label.zh} {column.label.zh}",
        f"{grid.label.en}, {row.label.en}, {column.label.en}",
    )


def _continuity(previous: Report, current: Report, organ: str | None) -> Iterator[SeriesFinding]:
    assert previous.year is not None  # noqa: S101 - only dated reports are compared
    assert current.year is not None  # noqa: S101
    for finding in check_continuity(previous, current).findings:
        yield SeriesFinding(
            code=finding.check,
            rule=finding.rule,
            severity=finding.severity.value,
            path=finding.path,
            organ=organ,
            year=current.year,
            previous_year=previous.year,
            expected=_number(finding.computed),
            actual=_number(finding.reported),
            difference=_number(finding.difference),
            message_zh=finding.message_zh,
            message_en=finding.message_en,
        )


def _compare(
    previous: Report, current: Report, organ: str | None, factor: float, min_base: float
) -> tuple[list[Change], list[SeriesFinding]]:
    assert previous.year is not None  # noqa: S101 - only dated reports are compared
    assert current.year is not None  # noqa: S101
    before_cells = _cells(previous)
    changes: list[Change] = []
    findings: list[SeriesFinding] = []
    for path, (grid, row, column, after) in _cells(current).items():
        earlier = before_cells.get(path)
        if earlier is None or earlier[3] is None or after is None:
            continue  # not the same cell in both formats, or a blank
        before = earlier[3]
        assert isinstance(before, int | Decimal)  # noqa: S101 - cells hold numbers or None
        assert isinstance(after, int | Decimal)  # noqa: S101
        changes.append(Change(path, previous.year, current.year, before, after))
        if column.kind is CellKind.SIGNED_COUNT or before < min_base:
            continue
        if after > before * Decimal(factor) or after * Decimal(factor) < before:
            finding = _noted(
                SUDDEN_CHANGE,
                organ,
                (previous.year, current.year),
                path=path,
                values=(before, after),
                cell=_label(grid, row, column),
                before=before,
                after=after,
                factor=f"{factor:g}",
            )
            findings.append(finding)
    return changes, findings


def _noted(
    note: Note,
    organ: str | None,
    years: tuple[int, int],
    *,
    path: str | None = None,
    values: tuple[int | Decimal, int | Decimal] | None = None,
    **message: object,
) -> SeriesFinding:
    """A series finding of a declared kind, between the reports of ``years``."""
    zh, en = note.messages(previous=years[0], year=years[1], **message)
    before, after = (None, None) if values is None else values
    return SeriesFinding(
        code=note.code,
        rule=None,
        severity=note.severity.value,
        path=path,
        organ=organ,
        year=years[1],
        previous_year=years[0],
        expected=_number(before),
        actual=_number(after),
        difference=None if values is None else float(values[1] - values[0]),
        message_zh=zh,
        message_en=en,
    )


def series(
    reports: Iterable[Report],
    *,
    factor: float = DEFAULT_FACTOR,
    min_base: float = DEFAULT_MIN_BASE,
) -> Series:
    """Compare one organ's reports year after year (reports without a year are left out).

    Raises :class:`ValueError` when two reports claim the same year: a collection keeps one
    report per organ and year (``C-DUPLICATE-REPORT``, ``C-CONFLICT``).
    """
    dated = sorted((report for report in reports if report.year is not None), key=_year)
    years = tuple(_year(report) for report in dated)
    if len(set(years)) != len(years):
        msg = f"two reports for the same year in one series: years {list(years)}"
        raise FieldValueError(msg)
    organ = dated[0].organ if dated else None
    findings: list[SeriesFinding] = []
    changes: list[Change] = []
    checked: list[tuple[int, int]] = []
    for previous, current in itertools.pairwise(dated):
        before, after = _year(previous), _year(current)
        if after == before + 1:
            checked.append((before, after))
            findings.extend(_continuity(previous, current, organ))
        else:
            missing = ", ".join(str(year) for year in range(before + 1, after))
            findings.append(_noted(SERIES_GAP, organ, (before, after), missing=missing))
        pair_changes, sudden = _compare(previous, current, organ, factor, min_base)
        changes.extend(pair_changes)
        findings.extend(sudden)
    return Series(organ, years, tuple(findings), tuple(changes), tuple(checked))


def _year(report: Report) -> int:
    assert report.year is not None  # noqa: S101 - filtered before
    return report.year
