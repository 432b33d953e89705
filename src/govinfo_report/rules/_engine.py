"""The single-report checks compiled from the catalog and evaluated over a report's values.

The checks for a combination of versions are compiled once (cached) into operand indexes, so
checking a report is a few sums over slices of its flat values. Finding objects are built only
for what is worth reporting: failures, blanks, not-assessable checks, and passes when asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis
from govinfo_report.findings import Finding, Status
from govinfo_report.rules import _text as text
from govinfo_report.rules._checks import (
    BLANK_RULE,
    BlankCheck,
    BoundCheck,
    IdentityCheck,
    Layout,
    RelationCheck,
    Slot,
    Values,
    flatten,
    report_layout,
)
from govinfo_report.rules.arithmetic import Relations, lines, operand_cell, read_blanks

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "CompiledChecks",
    "Program",
    "iter_report_findings",
    "line_fields",
    "line_name",
    "single_report_checks",
]


@attrs.frozen(eq=False)
class CompiledChecks:
    """Identity or bound checks and their relations, compiled to be evaluated at once."""

    checks: tuple[RelationCheck, ...]
    relations: Relations = attrs.field(init=False)

    size: int = attrs.field(kw_only=True)
    """The number of cells of the layout."""

    def __attrs_post_init__(self) -> None:
        relations = Relations(tuple(check.arithmetic for check in self.checks), self.size)
        object.__setattr__(self, "relations", relations)


@attrs.frozen(eq=False)
class Program:
    """The compiled single-report checks for one layout of tables."""

    layout: Layout
    identities: CompiledChecks
    bounds: CompiledChecks
    blanks: tuple[BlankCheck, ...]
    """The blank check of every cell, in the order of :func:`flatten`."""


def line_name(names: text.Names, axis: Axis, line: str) -> text.Texts:
    return names.column_line(line) if axis is Axis.ROWS else names.row_line(line)


def line_fields(  # noqa: PLR0913 - the parts of a check along a line, named
    kind: str,
    slot: Slot,
    names: text.Names,
    declaration: catalog.Identity | catalog.Bound | catalog.Continuity,
    line: str,
    *,
    operand_ids: tuple[str, ...],
    target: int,
) -> dict[str, Any]:
    """The fields every check along one line has: its cell, its operands, its message texts."""
    axis = declaration.axis
    cells = [operand_cell(axis, operand, line) for operand in operand_ids]
    row, column = cells[target]
    description = declaration.description
    texts = {
        "table": names.table,
        "line": line_name(names, axis, line),
        "formula": (description.zh, description.en),
        "cell": names.cell(row, column),
    }
    return {
        "id": f"{declaration.rule_id}.{slot.grid.id}.{line}",
        "rule": declaration.rule_id,
        "slot": slot,
        "row": row,
        "column": column,
        "path": slot.path(row, column),
        "operands": tuple(slot.path(r, c) for r, c in cells),
        "operand_indexes": tuple(slot.cell_index(r, c) for r, c in cells),
        "operand_names": tuple(names.cell(r, c) for r, c in cells),
        "templates": text.templates(kind, texts),
    }


def _relation_check(
    kind: type[IdentityCheck | BoundCheck],
    slot: Slot,
    names: text.Names,
    declaration: catalog.Identity | catalog.Bound,
    line: str,
) -> IdentityCheck | BoundCheck:
    operand_ids = (*declaration.left, *declaration.right)
    # A bound is reported on its one left operand; an identity on the operand it recomputes.
    checked = declaration.checked if isinstance(declaration, catalog.Identity) else operand_ids[0]
    target = operand_ids.index(checked)
    return kind(
        split=len(declaration.left),
        target=target,
        **line_fields(
            kind.kind, slot, names, declaration, line, operand_ids=operand_ids, target=target
        ),
    )


def _blank_check(slot: Slot, names: text.Names, row: str, column: str) -> BlankCheck:
    path = slot.path(row, column)
    cell = names.cell(row, column)
    return BlankCheck(
        id=f"{BLANK_RULE}.{slot.grid.id}.{row}.{column}",
        rule=BLANK_RULE,
        slot=slot,
        row=row,
        column=column,
        path=path,
        operands=(path,),
        operand_indexes=(slot.cell_index(row, column),),
        operand_names=(cell,),
        templates=text.templates(BlankCheck.kind, {"table": names.table, "cell": cell}),
    )


@cache
def _program(slots: Layout) -> Program:
    identities: list[RelationCheck] = []
    bounds: list[RelationCheck] = []
    blanks: list[BlankCheck] = []
    for slot in slots:
        names = text.Names(slot.section, slot.grid)
        for identity in slot.grid.identities:
            identities.extend(
                _relation_check(IdentityCheck, slot, names, identity, line)
                for line in lines(slot.grid, identity.axis)
            )
        for bound in slot.grid.bounds:
            bounds.extend(
                _relation_check(BoundCheck, slot, names, bound, line)
                for line in lines(slot.grid, bound.axis)
            )
        blanks.extend(
            _blank_check(slot, names, row.id, column.id) for row, column in slot.grid.cells()
        )
    size = len(blanks)
    return Program(
        slots,
        CompiledChecks(tuple(identities), size=size),
        CompiledChecks(tuple(bounds), size=size),
        tuple(blanks),
    )


def single_report_checks(slots: Layout) -> Program:
    """The compiled single-report checks of a layout (cached)."""
    return _program(slots)


def _evaluate(
    compiled: CompiledChecks,
    flat: Values,
    zeroed: Values,
    blank: list[int],
    *,
    passed: bool,
) -> Iterator[Finding]:
    """The findings of compiled identities or bounds on a report's values.

    ``zeroed`` and ``blank`` are ``flat`` read by
    :func:`~govinfo_report.rules.arithmetic.read_blanks` (once for both kinds of check); the
    relations give every verdict, the checks the findings.
    """
    relations = compiled.relations
    balances = relations.balances(zeroed)
    failing = relations.failing(balances)
    unassessable = relations.unassessable(blank)
    if not (passed or unassessable or any(failing)):
        return
    checks = compiled.checks
    for position, (check, balance, fails) in enumerate(zip(checks, balances, failing, strict=True)):
        if position in unassessable:
            yield check.not_assessable(flat)
        elif fails:
            reported = flat[check.operand_indexes[check.target]]
            yield check.finding(Status.FAILED, reported, balance * check.sign)
        elif passed:
            yield check.finding(Status.PASSED, flat[check.operand_indexes[check.target]], balance)


def iter_report_findings(report: Report, *, passed: bool = False) -> Iterator[Finding]:
    """The findings of every single-report check on ``report``, in a stable order."""
    program = _program(report_layout(report))
    flat = flatten(report)
    zeroed, blank = read_blanks(flat)
    yield from _evaluate(program.identities, flat, zeroed, blank, passed=passed)
    yield from _evaluate(program.bounds, flat, zeroed, blank, passed=passed)
    if passed:
        for check, value in zip(program.blanks, flat, strict=False):  # flat ends with the pad
            if value is None:
                yield check.blank
            else:
                yield check.finding(Status.PASSED, value)
    else:
        for index in blank:
            check = program.blanks[index]
            yield check.blank
