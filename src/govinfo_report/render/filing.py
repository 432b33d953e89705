"""The filing workbook's live checks: data validation and the form's identities as formulas.

Nothing is typed by hand: each table's catalog grid declares its identities (E1–E4,
:class:`~govinfo_report.catalog.Identity`) and plausibility bounds
(:class:`~govinfo_report.catalog.Bound`), and every one becomes, for each row or column it holds
in,

* a formula cell beside the table (to the right of the row for an identity across columns,
  under the column for one across rows) that shows ``✗ E3 总计 = 各类申请人之和（一、本年新收…）``
  while the identity is broken and nothing otherwise, and
* a conditional format that colours the checked cell (red for an identity, amber for a bound).

As for the rules engine, a blank operand makes a check not assessable: it shows nothing until
every operand is filled in. The check cells hold formulas whose results are text, which the
workbook reader leaves out, so a filled workbook reads back as the report.

Every value cell takes only what its column declares: whole numbers ≥ 0 for counts, whole
numbers for 本年增/减, decimals ≥ 0 for amounts.

The checks and validations depend only on the layout: they are worked out, and openpyxl's
objects for them made, once per pair of format versions and language, and every filing
workbook takes the same objects (openpyxl only reads them when it saves the workbook).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from openpyxl.formatting.formatting import ConditionalFormatting
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from govinfo_report import catalog
from govinfo_report.catalog import Axis, Bound, CellKind, FormatVersion, Grid, Identity
from govinfo_report.model import ProactiveDisclosure, Report, Requests, ReviewLitigation
from govinfo_report.render._layout import label_text
from govinfo_report.render.xlsx import (
    TABLE_TOP,
    CellStyles,
    SheetTable,
    TablePlacement,
    save_workbook,
    sheet_tables,
    write_workbook,
)

__all__ = ["CHECK_MARKS", "filing_workbook"]

CHECK_MARKS = {"identity": "✗", "bound": "⚠"}
"""What a broken check's message starts with."""
_FILLS = {
    "identity": PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE"),
    "bound": PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C"),
}
_FONTS = {"identity": Font(color="9C0006", bold=True), "bound": Font(color="9C5700")}
_VALIDATION = {
    CellKind.COUNT: (
        {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
        {"zh": "请填写大于或等于0的整数。", "en": "Enter a whole number of 0 or more."},
    ),
    CellKind.SIGNED_COUNT: (
        {
            "type": "whole",
            "operator": "between",
            "formula1": "-1000000000",
            "formula2": "1000000000",
        },
        {
            "zh": "请填写整数（减少填负数）。",
            "en": "Enter a whole number (negative for a decrease).",
        },
    ),
    CellKind.AMOUNT: (
        {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"},
        {"zh": "请填写大于或等于0的金额。", "en": "Enter an amount of 0 or more."},
    ),
}


def _reference(cell: tuple[int, int]) -> str:
    return f"${get_column_letter(cell[1])}${cell[0]}"


def _ranges(cells: Iterable[tuple[int, int]]) -> list[str]:
    """The fewest rectangles (``D5:J20``) covering ``cells`` that a column-by-column pass finds.

    A data validation lists its cells as ranges; openpyxl builds an object per range, so a table
    of a few hundred cells given as a handful of rectangles costs a handful of objects.
    """
    runs: dict[int, list[list[int]]] = {}
    for row, column in sorted(cells, key=lambda cell: (cell[1], cell[0])):
        column_runs = runs.setdefault(column, [])
        if column_runs and column_runs[-1][1] == row - 1:
            column_runs[-1][1] = row
        else:
            column_runs.append([row, row])
    rectangles: list[list[int]] = []  # [top, bottom, left, right]
    open_by_rows: dict[tuple[int, int], list[int]] = {}
    for column in sorted(runs):
        for top, bottom in runs[column]:
            rectangle = open_by_rows.get((top, bottom))
            if rectangle is not None and rectangle[3] == column - 1:
                rectangle[3] = column
            else:
                rectangle = [top, bottom, column, column]
                rectangles.append(rectangle)
                open_by_rows[top, bottom] = rectangle
    return [
        f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
        for top, bottom, left, right in rectangles
    ]


def _sum(cells: Sequence[tuple[int, int]]) -> str:
    return "SUM(" + ",".join(_reference(cell) for cell in cells) + ")"


def _instances(
    grid: Grid, check: Identity | Bound
) -> Iterable[tuple[str, list[tuple[str, str]], list[tuple[str, str]], tuple[str, str]]]:
    """Each place a check holds.

    Yields (the row or column it runs along, left cells, right cells, the checked cell), cells
    as (row id, column id).
    """
    checked = check.checked if isinstance(check, Identity) else check.left[0]
    if check.axis is Axis.COLUMNS:
        for row in grid.rows:
            yield (
                row.id,
                [(row.id, column) for column in check.left],
                [(row.id, column) for column in check.right],
                (row.id, checked),
            )
    else:
        for column in grid.columns:
            yield (
                column.id,
                [(row, column.id) for row in check.left],
                [(row, column.id) for row in check.right],
                (checked, column.id),
            )


def _where(grid: Grid, check: Identity | Bound, along: str, lang: str) -> str:
    member = grid.row(along) if check.axis is Axis.COLUMNS else grid.column(along)
    return label_text(member.label, lang)


class _Check(NamedTuple):
    """One place a check holds: its message cell beside the table and the cell it colours."""

    kind: str
    row: int
    column: int
    formula: str
    """The message cell's formula: the message while the check is broken, else nothing."""
    highlight: ConditionalFormatting
    """The checked cell, coloured while the check is broken."""
    rule: Rule
    """When the check is broken, as the conditional format's rule."""


class _GridChecks(NamedTuple):
    """The validations and checks of one grid, on its table's sheet."""

    section_id: str
    validations: tuple[DataValidation, ...]
    checks: tuple[_Check, ...]


class _CheckPlanner:
    """Works out the checks of the tables of one workbook.

    Remembers the next free check cell beside each row and under each column of every table.
    """

    def __init__(self, lang: str, highlights: Mapping[str, int]) -> None:
        self._lang = lang
        self._highlights = highlights
        self._used: dict[str, Counter[tuple[str, int]]] = {}

    def checks(self, grid: Grid, table: SheetTable) -> Iterable[_Check]:
        """A check for every place each identity and bound of ``grid`` holds."""
        declared: list[tuple[str, Identity | Bound]] = [
            *(("identity", identity) for identity in grid.identities),
            *(("bound", bound) for bound in grid.bounds),
        ]
        for kind, check in declared:
            for along, left, right, checked in _instances(grid, check):

                def at(cell: tuple[str, str]) -> tuple[int, int]:
                    return table.positions[catalog.cell_path(grid, *cell)]

                left_cells = [at(cell) for cell in left]
                right_cells = [at(cell) for cell in right]
                operands = left_cells + right_cells
                comparison = "<>" if kind == "identity" else ">"
                broken = (
                    f"AND(COUNT({','.join(map(_reference, operands))})={len(operands)},"
                    f"{_sum(left_cells)}{comparison}{_sum(right_cells)})"
                )
                message = (
                    f"{CHECK_MARKS[kind]} {check.rule_id} "
                    f"{label_text(check.description, self._lang)}"
                    f"（{_where(grid, check, along, self._lang)}）"
                )
                target = at(checked)
                row, column = self._free_cell(table, check.axis, target)
                yield _Check(
                    kind,
                    row,
                    column,
                    f'=IF({broken},"{message}","")',
                    ConditionalFormatting(_reference(target).replace("$", "")),
                    Rule(type="expression", formula=[broken], dxfId=self._highlights[kind]),
                )

    def _free_cell(self, table: SheetTable, axis: Axis, target: tuple[int, int]) -> tuple[int, int]:
        """The next free cell right of ``target``'s row or under its column, past the table."""
        used = self._used.setdefault(table.layout.section_id, Counter())
        if axis is Axis.COLUMNS:
            row = target[0]
            used["row", row] += 1
            return row, table.layout.width + 1 + used["row", row]
        column = target[1]
        used["column", column] += 1
        return TABLE_TOP + len(table.layout.rows) + used["column", column], column


def _validations(grid: Grid, table: SheetTable, lang: str) -> Iterable[DataValidation]:
    for kind, (rule, message) in _VALIDATION.items():
        cells = [
            table.positions[catalog.cell_path(grid, row.id, column.id)]
            for row, column in grid.cells()
            if column.kind is kind
        ]
        if cells:
            yield DataValidation(
                **rule,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=check_title(lang),
                error=message[lang],
                # One range list given whole: adding cells one by one re-checks every range so far.
                sqref=" ".join(_ranges(cells)),
            )


@functools.cache
def _planned(
    proactive: FormatVersion,
    requests: FormatVersion,
    lang: str,
    highlights: tuple[tuple[str, int], ...],
) -> tuple[_GridChecks, ...]:
    """Every grid's validations and checks, made once per version pair and language.

    Where each check goes and what it says depend only on the layout, and openpyxl's objects
    for them are only read when a workbook is saved: the same ones go into every workbook
    (``highlights`` are the indexes of the two highlights in a new workbook). Working the
    checks out and making their objects for each workbook cost about 15 % of writing it.
    """
    tables = sheet_tables(proactive, requests, lang)
    blank = Report(
        proactive_disclosure=ProactiveDisclosure.blank(proactive),
        requests=Requests.blank(requests),
        review_litigation=ReviewLitigation.blank(),
    )
    planner = _CheckPlanner(lang, dict(highlights))
    planned = []
    for grid in (table.grid for table in blank.tables()):
        first = catalog.cell_path(grid, grid.rows[0].id, grid.columns[0].id)
        table = next(table for table in tables if first in table.positions)
        validations = tuple(_validations(grid, table, lang))
        checks = tuple(planner.checks(grid, table))
        planned.append(_GridChecks(table.layout.section_id, validations, checks))
    return tuple(planned)


def check_title(lang: str) -> str:
    """The title of the message a rejected entry shows."""
    return "数值不符合填报要求" if lang == "zh" else "Not a valid entry"


def _add_checks(report: Report, placements: Sequence[TablePlacement], lang: str) -> None:
    """Add validation and live identity checks to the written tables of ``report``.

    Only for a workbook that is saved and dropped, as :func:`filing_workbook`'s: the checks'
    openpyxl objects are shared with every other such workbook (:func:`_planned`). The
    highlights are registered once in the workbook and named by index in every rule (a rule
    carrying its own style has it compared and hashed again for each rule).
    """
    book = placements[0].sheet.parent
    highlights = tuple(
        (kind, book._differential_styles.add(DifferentialStyle(fill=fill)))  # noqa: SLF001
        for kind, fill in _FILLS.items()
    )
    styles = CellStyles()
    sheets = {placement.table.section_id: placement.sheet for placement in placements}
    formats = (report.proactive_disclosure.format, report.requests.format)
    for grid_checks in _planned(*formats, lang, highlights):
        sheet = sheets[grid_checks.section_id]
        for validation in grid_checks.validations:
            sheet.add_data_validation(validation)
        for check in grid_checks.checks:
            cell = sheet.cell(check.row, check.column, check.formula)
            styles.apply(cell, check.kind, {"font": _FONTS[check.kind]})
            sheet.conditional_formatting.add(check.highlight, check.rule)


def filing_workbook(
    version: FormatVersion | str, *, lang: str = "zh", report: Report | None = None
) -> bytes:
    """The workbook a clerk fills in for ``version``, blank (or holding ``report``'s values).

    Every value cell is validated and the form's identities are checked live beside the
    tables.
    """
    filled = report if report is not None else Report.blank(version)
    book, placements = write_workbook(filled, lang)
    _add_checks(filled, placements, lang)
    return save_workbook(book)
