r"""Set a table row from numbers pasted out of a web page or a spreadsheet.

A clerk copying a row from a published page or from Excel gets the numbers separated by tabs
(``"3\t0\t0\t0\t0\t0\t3"``) or spaces (``"3 0 0 0 0 0 3"``). :func:`paste_row` sets that row of
a report, one number per column in official order; a wrong count is refused, naming the row and
both counts, so a number is never silently shifted into the wrong column.

>>> from govinfo_report import Report
>>> report = paste_row(Report.blank("2021"), "requests.granted", "3\t0\t0\t0\t0\t0\t3")
>>> list(report.requests.row("granted").values())
[3, 0, 0, 0, 0, 0, 3]
>>> try:
...     paste_row(report, "requests.granted", "3 0 0 3")
... except PasteError as error:
...     print(error)
row requests.granted (（一）予以公开) has 7 columns; 4 numbers were pasted: 3 0 0 3

Blanks: an empty field between tabs, ``-``, ``—`` or ``/`` leaves the cell blank (``None``);
thousands separators (``1,234``) and full-width digits are read as numbers.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, Grid, Row
from govinfo_report.errors import GovinfoReportError
from govinfo_report.model import CellValue, ProactiveDisclosure, Report

__all__ = ["PasteError", "find_row", "paste_row", "split_pasted"]

_BLANKS = frozenset({"", "-", "—", "–", "－", "/", "／"})
_COUNT = re.compile(r"[+-]?\d+")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")


class PasteError(GovinfoReportError, ValueError):
    """Pasted numbers that cannot be set: a wrong count, a text that is no number, no such row."""


def split_pasted(text: str) -> list[str]:
    r"""The fields of a pasted row.

    Tabs separate when there are any (an empty field is a blank cell), else runs of spaces.

    >>> split_pasted("3\t\t0"), split_pasted(" 1,234  5 ")
    (['3', '', '0'], ['1,234', '5'])
    """
    text = text.strip("\r\n")
    if "\t" in text:
        return [field.strip() for field in text.split("\t")]
    return text.split()


def _value(field: str, kind: CellKind, where: str) -> CellValue:
    text = unicodedata.normalize("NFKC", field).replace(",", "").strip()
    if text in _BLANKS:
        return None
    if kind is CellKind.AMOUNT:
        if _AMOUNT.fullmatch(text):
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                pass
        raise PasteError(f"{where}: {field!r} is not an amount >= 0")
    if not _COUNT.fullmatch(text) or (kind is CellKind.COUNT and text.startswith("-")):
        expected = "a whole number" if kind is CellKind.SIGNED_COUNT else "a count >= 0"
        raise PasteError(f"{where}: {field!r} is not {expected}")
    return int(text)


def find_row(report: Report, row_path: str) -> tuple[Grid, Row]:
    """The grid and row a path names.

    Paths as in the JSON document: ``requests.granted``,
    ``proactive_disclosure.art20_1.regulations``, ``review_litigation.review``; a leading ``$.``
    is allowed.
    """
    path = row_path.removeprefix("$.")
    for table in report.tables():
        grid = table.grid
        prefix = catalog.grid_path(grid)
        if path.startswith(prefix + "."):
            row_id = path[len(prefix) + 1 :]
            try:
                return grid, grid.row(row_id)
            except KeyError:
                break
    raise PasteError(f"no row {row_path!r} in this report (e.g. 'requests.granted')")


def paste_row(report: Report, row_path: str, pasted: str) -> Report:
    """A copy of ``report`` with the row ``row_path`` set from ``pasted`` numbers."""
    grid, row = find_row(report, row_path)
    fields = split_pasted(pasted)
    where = f"row {row_path.removeprefix('$.')} ({row.label.zh})"
    if len(fields) != len(grid.columns):
        raise PasteError(
            f"{where} has {len(grid.columns)} columns; {len(fields)} numbers were pasted: "
            + " ".join(fields)
        )
    values = {
        column.id: _value(field, column.kind, f"{where}, {column.label.zh}")
        for column, field in zip(grid.columns, fields, strict=True)
    }
    if grid is report.requests.grid:
        cells = {(row.id, column): value for column, value in values.items()}
        return attrs.evolve(report, requests=report.requests.with_cells(cells))  # type: ignore[arg-type]
    if grid is report.review_litigation.grid:
        cells = {(row.id, column): value for column, value in values.items()}
        return attrs.evolve(
            report,
            review_litigation=report.review_litigation.with_cells(cells),  # type: ignore[arg-type]
        )
    proactive: ProactiveDisclosure = report.proactive_disclosure.with_cells(
        {(grid.id, row.id, column): value for column, value in values.items()}
    )
    return attrs.evolve(report, proactive_disclosure=proactive)
