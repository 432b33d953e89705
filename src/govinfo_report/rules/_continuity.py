"""Continuity checks: one organ's reports for two consecutive years against each other."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, ClassVar

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, Grid
from govinfo_report.errors import ContinuityError, Severity
from govinfo_report.findings import Finding, Status
from govinfo_report.rules import _text as text
from govinfo_report.rules._checks import Check, Layout, Slot, Values, flatten, report_layout
from govinfo_report.rules._engine import line_fields
from govinfo_report.rules.arithmetic import Relation, lines, operand_cell

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = ["ContinuityCheck", "continuity_checks", "iter_continuity_findings"]


@attrs.frozen(eq=False, kw_only=True)
class ContinuityCheck(Check):
    """This year's cell == last year's operands + this year's added - subtracted (P1, P2, P4).

    ``operands`` are this year's: the reported cell, then the added, then the subtracted ones.
    """

    kind: ClassVar[str] = text.CONTINUITY
    severity: ClassVar[Severity] = Severity.WARNING
    added: int
    """How many of the operands after the reported cell are added (the rest are subtracted)."""
    previous_slot: Slot
    previous_paths: tuple[str, ...]
    previous_indexes: tuple[int, ...]
    previous_names: tuple[text.Texts, ...]

    @property
    def previous_operands(self) -> tuple[str, ...]:
        """JSON paths of the operands read in the previous year's report."""
        return self.previous_paths

    def arithmetic(self, offset: int) -> Relation:
        """The check as the evaluator takes it: cell + subtracted == previous + added.

        Positions are in this year's values followed by last year's, which start at ``offset``.
        """
        target, *rest = self.operand_indexes
        added, subtracted = rest[: self.added], rest[self.added :]
        previous = (offset + index for index in self.previous_indexes)
        return Relation((target, *subtracted), (*previous, *added))

    def evaluate(self, both: Values, offset: int) -> int | Decimal | None:
        """``reported - computed`` on this year's values then last year's (from ``offset``).

        None when an operand is blank.
        """
        difference: int | Decimal | None = self.arithmetic(offset).balance(both)
        return difference

    def not_assessable(self, current: Values, previous: Values) -> Finding:
        """The finding for two reports' values some of whose operands are blank."""
        blanks = [
            (path, name)
            for path, name, index in zip(
                self.operands, self.operand_names, self.operand_indexes, strict=True
            )
            if current[index] is None
        ] + [
            (path, name)
            for path, name, index in zip(
                self.previous_paths, self.previous_names, self.previous_indexes, strict=True
            )
            if previous[index] is None
        ]
        return self._unassessable(current[self.operand_indexes[0]], blanks)


def _continuity_check(
    slot: Slot,
    previous_slot: Slot,
    names: text.Names,
    continuity: catalog.Continuity,
    line: str,
) -> ContinuityCheck:
    current_ids = (continuity.target, *continuity.added, *continuity.subtracted)
    previous = [operand_cell(continuity.axis, operand, line) for operand in continuity.previous]
    previous_names = text.Names(previous_slot.section, previous_slot.grid)
    return ContinuityCheck(
        **line_fields(
            ContinuityCheck.kind, slot, names, continuity, line, operand_ids=current_ids, target=0
        ),
        added=len(continuity.added),
        previous_slot=previous_slot,
        previous_paths=tuple(previous_slot.path(r, c) for r, c in previous),
        previous_indexes=tuple(previous_slot.cell_index(r, c) for r, c in previous),
        previous_names=tuple(
            (text.PREVIOUS[0] + zh, text.PREVIOUS[1] + en)
            for zh, en in (previous_names.cell(r, c) for r, c in previous)
        ),
    )


def _comparable(continuity: catalog.Continuity, current: Grid, previous: Grid) -> bool:
    """Whether last year's table can stand in ``continuity`` (docs/format.md §5.2)."""
    if previous is current:
        return True
    if not continuity.across_versions:
        return False
    if continuity.axis is Axis.ROWS:
        needed_rows, needed_columns = (
            set(continuity.previous),
            set(lines(current, continuity.axis)),
        )
    else:
        needed_rows, needed_columns = (
            set(lines(current, continuity.axis)),
            set(continuity.previous),
        )
    return needed_rows <= {row.id for row in previous.rows} and needed_columns <= {
        column.id for column in previous.columns
    }


@cache
def continuity_checks(previous: Layout, current: Layout) -> tuple[ContinuityCheck, ...]:
    """The compiled continuity checks from a report laid out as ``previous`` to ``current``."""
    previous_by_table = {(slot.section.id, slot.grid.id): slot for slot in previous}
    checks: list[ContinuityCheck] = []
    for slot in current:
        previous_slot = previous_by_table.get((slot.section.id, slot.grid.id))
        if previous_slot is None:
            continue
        names = text.Names(slot.section, slot.grid)
        for continuity in slot.grid.continuities:
            if _comparable(continuity, slot.grid, previous_slot.grid):
                checks.extend(
                    _continuity_check(slot, previous_slot, names, continuity, line)
                    for line in lines(slot.grid, continuity.axis)
                )
    return tuple(checks)


def iter_continuity_findings(
    previous: Report, current: Report, *, passed: bool = False
) -> Iterator[Finding]:
    """The findings of every continuity check from ``previous`` to ``current``."""
    if previous.year is not None and current.year is not None and current.year != previous.year + 1:
        msg = (
            "continuity checks compare reports of consecutive years; got "
            f"{previous.year} then {current.year}"
        )
        raise ContinuityError(msg)
    checks = continuity_checks(report_layout(previous), report_layout(current))
    current_values = flatten(current)
    previous_values = flatten(previous)
    both = (*current_values, *previous_values)
    for check in checks:
        difference = check.evaluate(both, len(current_values))
        reported = current_values[check.operand_indexes[0]]
        if difference is None:
            yield check.not_assessable(current_values, previous_values)
        elif difference:
            yield check.finding(Status.FAILED, reported, difference)
        elif passed:
            yield check.finding(Status.PASSED, reported, difference)
