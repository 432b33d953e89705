"""The single-report checks compiled from the catalog and evaluated over a report's values.

The checks for a combination of versions are compiled once (cached) into operand indexes, so
checking a report is a few sums over slices of its flat values. Finding objects are built only
for what is worth reporting: failures, blanks, not-assessable checks, and passes when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate, chain
from operator import itemgetter, sub
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, Grid
from govinfo_report.findings import Finding, Status
from govinfo_report.rules import _text as text
from govinfo_report.rules._checks import (
    BLANK_RULE,
    BlankCheck,
    BoundCheck,
    Check,
    Getter,
    IdentityCheck,
    Layout,
    RelationCheck,
    Slot,
    Values,
    flatten,
    report_layout,
)

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "Program",
    "Relations",
    "iter_report_findings",
    "line_fields",
    "line_name",
    "lines",
    "operand_cell",
    "single_report_checks",
]


def _tuple_getter(indexes: Sequence[int]) -> Getter:
    """A function taking a sequence to the tuple of its items at ``indexes`` (C speed)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)
    if indexes:
        (index,) = indexes
        return lambda values: (values[index],)
    return lambda _values: ()


def _terms(indexes: Sequence[int]) -> list[int | slice]:
    """``indexes`` as the terms of a sum: runs with one step as slices, lone cells as indexes.

    A run is a row's or a column's cells in the flat values. A sum does not depend on the
    order of its terms, so the indexes are sorted first.
    """
    ordered = sorted(indexes)
    terms: list[int | slice] = []
    start = 0
    while start < len(ordered):
        stop = start + 1
        step = ordered[stop] - ordered[start] if stop < len(ordered) else 0
        if step > 0:
            while stop < len(ordered) and ordered[stop] - ordered[stop - 1] == step:
                stop += 1
            terms.append(slice(ordered[start], ordered[stop - 1] + 1, step))
        else:  # the last cell, or a cell counted twice
            terms.append(ordered[start])
        start = stop
    return terms


def _identity_or(order: list[int]) -> Getter | None:
    return None if order == list(range(len(order))) else _tuple_getter(order)


@attrs.frozen(eq=False)
class _Side:
    """One side (left or right) of every check of a :class:`Relations`, summed at C speed.

    The operands of a side are lone cells or runs of cells with one step (a row's, a column's),
    so a side is a few terms: the lone cells' values come from one ``itemgetter``, the runs'
    sums from ``map`` and ``sum`` over slices. ``order`` puts those terms back in check order,
    and where a check has several terms, their running totals give its sum.
    """

    cells: Getter
    runs: tuple[slice, ...]
    order: Getter | None
    """From (lone cells, then runs) to the terms in check order (None: already in order)."""
    ends: Getter | None
    """Where each check's terms end among the terms (None when every check has one term)."""
    starts: Getter | None

    @classmethod
    def of(cls, sides: Sequence[tuple[int, ...]]) -> _Side:
        """The side whose operand indexes, check by check, are ``sides``."""
        per_check = [_terms(side) for side in sides]
        terms = list(chain.from_iterable(per_check))
        cells = [term for term in terms if isinstance(term, int)]
        runs = tuple(term for term in terms if isinstance(term, slice))
        cell_positions = iter(range(len(cells)))
        run_positions = iter(range(len(cells), len(terms)))
        order = [next(cell_positions if isinstance(term, int) else run_positions) for term in terms]
        if len(terms) == len(sides):
            return cls(_tuple_getter(cells), runs, _identity_or(order), None, None)
        ends = list(accumulate(len(check_terms) for check_terms in per_check))
        starts = [end - len(own) for end, own in zip(ends, per_check, strict=True)]
        return cls(
            _tuple_getter(cells),
            runs,
            _identity_or(order),
            _tuple_getter(ends),
            _tuple_getter(starts),
        )

    def sums(self, values: Values) -> Iterable[Any]:
        """The sum of this side of each check, in check order."""
        terms = (*self.cells(values), *map(sum, map(values.__getitem__, self.runs)))
        if self.order is not None:
            terms = self.order(terms)
        if self.ends is None or self.starts is None:
            return terms
        totals = tuple(accumulate(terms, initial=0))
        return map(sub, self.ends(totals), self.starts(totals))


def _users(checks: Sequence[Check], size: int) -> tuple[frozenset[int], ...]:
    """For each of ``size`` cells, the positions of the checks using it."""
    users: list[set[int]] = [set() for _ in range(size)]
    for position, check in enumerate(checks):
        for index in check.operand_indexes:
            users[index].add(position)
    return tuple(frozenset(found) for found in users)


@attrs.frozen(eq=False)
class Relations:
    """Compiled identities or bounds of a layout, ready to evaluate at once."""

    checks: tuple[RelationCheck, ...]
    size: int
    """The number of cells of the layout (the pad's index in :func:`flatten` values)."""
    bound: bool
    """True for bounds (failing when sum(left) > sum(right)), false for identities."""
    left: _Side = attrs.field(init=False)
    right: _Side = attrs.field(init=False)
    users: tuple[frozenset[int], ...] = attrs.field(init=False)
    """For each cell, the positions in ``checks`` of the checks it is an operand of."""

    def __attrs_post_init__(self) -> None:
        indexes = [check.operand_indexes for check in self.checks]
        splits = [check.split for check in self.checks]
        left = _Side.of([op[:split] for op, split in zip(indexes, splits, strict=True)])
        right = _Side.of([op[split:] for op, split in zip(indexes, splits, strict=True)])
        object.__setattr__(self, "left", left)
        object.__setattr__(self, "right", right)
        object.__setattr__(self, "users", _users(self.checks, self.size))

    def balances(self, values: Values) -> list[Any]:
        """sum(left) - sum(right) of every check, in order, for a report's values."""
        return list(map(sub, self.left.sums(values), self.right.sums(values)))


@attrs.frozen(eq=False)
class Program:
    """The compiled single-report checks for one layout of tables."""

    layout: Layout
    identities: Relations
    bounds: Relations
    blanks: tuple[BlankCheck, ...]
    """The blank check of every cell, in the order of :func:`flatten`."""


def lines(grid: Grid, axis: Axis) -> tuple[str, ...]:
    """The ids of the lines a rule with ``axis`` holds in separately."""
    if axis is Axis.ROWS:
        return tuple(column.id for column in grid.columns)
    return tuple(row.id for row in grid.rows)


def operand_cell(axis: Axis, operand: str, line: str) -> tuple[str, str]:
    """(row id, column id) of an operand of a rule along ``axis`` in ``line``."""
    return (operand, line) if axis is Axis.ROWS else (line, operand)


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
        Relations(tuple(identities), size, bound=False),
        Relations(tuple(bounds), size, bound=True),
        tuple(blanks),
    )


def single_report_checks(slots: Layout) -> Program:
    """The compiled single-report checks of a layout (cached)."""
    return _program(slots)


def _evaluate(
    relations: Relations,
    flat: Values,
    zeroed: Values,
    blank: list[int],
    *,
    passed: bool,
) -> Iterator[Finding]:
    """The findings of compiled identities or bounds on a report's values.

    ``zeroed`` is ``flat`` with blanks read as 0, so every balance is computed in C; the checks
    that use a blank cell (the ``users`` of the ``blank`` positions) are then not assessable.
    """
    balances = relations.balances(zeroed)
    failing: list[Any] = [balance > 0 for balance in balances] if relations.bound else balances
    unassessable: set[int] = set().union(*(relations.users[i] for i in blank))
    if not (passed or unassessable or any(failing)):
        return
    checks = relations.checks
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
    if None in flat:
        blank = [i for i, value in enumerate(flat) if value is None]
        zeroed: Values = [0 if value is None else value for value in flat]
    else:  # the usual case: nothing left blank
        blank, zeroed = [], flat
    yield from _evaluate(program.identities, flat, zeroed, blank, passed=passed)
    yield from _evaluate(program.bounds, flat, zeroed, blank, passed=passed)
    if passed:
        for check, value in zip(program.blanks, flat, strict=False):  # flat ends with the pad
            if value is None:
                yield check.finding(Status.FAILED, None, None, (check.path,))
            else:
                yield check.finding(Status.PASSED, value)
    else:
        for index in blank:
            check = program.blanks[index]
            yield check.finding(Status.FAILED, None, None, (check.path,))
