"""The catalog's rules compiled into index arithmetic over each table's flat tuple of values.

A report's tables are laid out by the catalog grids of their format versions; the checks for a
combination of versions are compiled once (cached) into operand indexes, so checking a report
is a loop of tuple look-ups and integer sums. Finding objects are built only for what is worth
reporting: failures, blanks, not-assessable checks, and passes when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from itertools import accumulate, chain
from operator import itemgetter, sub
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, FormatSpec, FormatVersion, Grid, Section, SectionKind
from govinfo_report.errors import ContinuityError, Severity
from govinfo_report.findings import Finding, Status
from govinfo_report.rules import _text as text

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "BLANK_RULE",
    "BlankCheck",
    "BoundCheck",
    "Check",
    "ContinuityCheck",
    "IdentityCheck",
    "Layout",
    "RelationCheck",
    "continuity_checks",
    "iter_continuity_findings",
    "iter_report_findings",
    "layout",
    "single_report_checks",
]

BLANK_RULE = "B"
"""The rule id of the blank-cell check: a blank is reported, never read as 0."""

Values = Sequence[Any]
Getter = Callable[[Values], tuple[Any, ...]]


def _show(value: int | Decimal | None) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@attrs.frozen(eq=False)
class Slot:
    """One table of a report: its position in :meth:`Report.tables`, section, grid, version."""

    index: int
    section: Section
    grid: Grid
    format: FormatVersion | None
    offset: int
    """Where the table's cells start in the report's :func:`flatten` values."""

    def cell_index(self, row_id: str, column_id: str) -> int:
        """The position of a cell in the report's :func:`flatten` values."""
        grid = self.grid
        return (
            self.offset + grid.row_index(row_id) * len(grid.columns) + grid.column_index(column_id)
        )

    def path(self, row_id: str, column_id: str) -> str:
        """The JSON path of a cell."""
        return catalog.cell_path(self.grid, row_id, column_id)


Layout = tuple[Slot, ...]


def layout(formats: tuple[tuple[str, FormatVersion], ...]) -> Layout:
    """The tables of a report whose versioned sections have these ``(section, version)`` pairs."""
    return _layout(formats, tuple(catalog.FORMATS.values()))


@cache
def _layout(
    formats: tuple[tuple[str, FormatVersion], ...], specs: tuple[FormatSpec, ...]
) -> Layout:
    # Cached per set of declared specs, so that a version declared later gets its own grids.
    versions = dict(formats)
    latest = specs[-1].version
    slots: list[Slot] = []
    offset = 0
    for section_id in catalog.SECTION_IDS:
        version = versions.get(section_id)
        section = catalog.format_spec(version or latest).section(section_id)
        if section.kind is not SectionKind.TABLES:
            continue
        for grid in section.grids:
            table_format = version if section.versioned else None
            slots.append(Slot(len(slots), section, grid, table_format, offset))
            offset += grid.size
    return tuple(slots)


def flatten(report: Report) -> tuple[Any, ...]:
    """Every cell of ``report`` in one tuple, table after table, then a final 0.

    The 0 pads one-operand sides: ``itemgetter(i, pad)`` always gives a tuple to ``sum``.
    """
    return (*chain.from_iterable(table.values for table in report.tables()), 0)


def version_layout(version: FormatVersion) -> Layout:
    """The tables of a report whose versioned sections all follow ``version``."""
    spec = catalog.format_spec(version)
    return layout(tuple((s.id, version) for s in spec.sections if s.versioned))


def report_layout(report: Report) -> Layout:
    """The tables of ``report``, in the order of :meth:`Report.tables`."""
    return layout(tuple(report.formats.items()))


@attrs.frozen(eq=False, kw_only=True)
class Check:
    """What every kind of compiled check has: the cell it reports on, its operands, its texts."""

    kind: ClassVar[str]
    """Which message templates the check uses (:mod:`~govinfo_report.rules._text`)."""
    severity: ClassVar[Severity]

    id: str
    rule: str
    slot: Slot
    row: str
    column: str
    path: str
    operands: tuple[str, ...]
    """JSON paths of the operands in the report checked, the reported cell among them."""
    operand_indexes: tuple[int, ...]
    operand_names: tuple[text.Texts, ...]
    templates: dict[str, text.Texts]
    _fixed: dict[str, Any] = attrs.field(init=False)
    """The fields every finding of this check shares."""

    def __attrs_post_init__(self) -> None:
        fixed = {
            "rule": self.rule,
            "check": self.id,
            "severity": self.severity,
            "path": self.path,
            "format": self.slot.format,
            "section": self.slot.section.id,
            "table": self.slot.grid.id,
            "row": self.row,
            "column": self.column,
            "operands": self.operands,
            "previous_operands": self.previous_operands,
        }
        object.__setattr__(self, "_fixed", fixed)

    @property
    def previous_operands(self) -> tuple[str, ...]:
        """JSON paths of the operands read in the previous year's report (continuity only)."""
        return ()

    def finding(
        self,
        status: Status,
        reported: int | Decimal | None,
        difference: int | Decimal | None = None,
        blank_operands: tuple[str, ...] = (),
        blank_cells: text.Texts = ("", ""),
    ) -> Finding:
        """A finding of this check with these values; messages from the check's templates."""
        computed = None if difference is None or reported is None else reported - difference
        zh, en = self.templates[status.value]
        values = {
            "reported": _show(reported),
            "computed": _show(computed),
            "difference": _show(difference),
        }
        return Finding(
            status=status,
            reported=reported,
            computed=computed,
            difference=difference,
            blank_operands=blank_operands,
            message_zh=zh.format(blank_cells=blank_cells[0], **values),
            message_en=en.format(blank_cells=blank_cells[1], **values),
            **self._fixed,
        )

    def _unassessable(
        self, reported: int | Decimal | None, blanks: list[tuple[str, text.Texts]]
    ) -> Finding:
        """The finding for a check whose operands ``blanks`` (path, name) are blank."""
        listed = (
            text.LIST_SEPARATOR[0].join(name[0] for _path, name in blanks),
            text.LIST_SEPARATOR[1].join(name[1] for _path, name in blanks),
        )
        paths = tuple(path for path, _name in blanks)
        return self.finding(Status.NOT_ASSESSABLE, reported, None, paths, listed)


@attrs.frozen(eq=False, kw_only=True)
class RelationCheck(Check):
    """sum(left) compared with sum(right) along one line (row or column) of one table."""

    relation: ClassVar[str]
    split: int
    """How many of the operands are on the left side."""
    target: int
    """Position of the reported cell among the operands."""

    @property
    def left(self) -> tuple[str, ...]:
        """JSON paths of the left side."""
        return self.operands[: self.split]

    @property
    def right(self) -> tuple[str, ...]:
        """JSON paths of the right side."""
        return self.operands[self.split :]

    @property
    def sign(self) -> int:
        """+1 when the reported cell is on the left side, -1 when on the right."""
        return 1 if self.target < self.split else -1

    def not_assessable(self, values: Values) -> Finding:
        """The finding for a report's values some of whose operands are blank."""
        blanks = [
            (path, name)
            for path, name, index in zip(
                self.operands, self.operand_names, self.operand_indexes, strict=True
            )
            if values[index] is None
        ]
        return self._unassessable(values[self.operand_indexes[self.target]], blanks)


@attrs.frozen(eq=False, kw_only=True)
class IdentityCheck(RelationCheck):
    """An identity of the form (E1–E4): sum(left) == sum(right); a violation is an error."""

    kind: ClassVar[str] = text.IDENTITY
    severity: ClassVar[Severity] = Severity.ERROR
    relation: ClassVar[str] = "=="


@attrs.frozen(eq=False, kw_only=True)
class BoundCheck(RelationCheck):
    """A plausibility bound (P3, P5, P6): the cell alone <= sum(right); else a warning."""

    kind: ClassVar[str] = text.BOUND
    severity: ClassVar[Severity] = Severity.WARNING
    relation: ClassVar[str] = "<="


@attrs.frozen(eq=False, kw_only=True)
class BlankCheck(Check):
    """Rule ``B``: one cell is filled in (a blank is reported, never read as 0)."""

    kind: ClassVar[str] = text.BLANK
    severity: ClassVar[Severity] = Severity.INFO


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

    def evaluate(self, current: Values, previous: Values) -> int | Decimal | None:
        """``reported - computed`` for these two reports' values; None when a cell is blank."""
        try:
            before = sum(previous[index] for index in self.previous_indexes)
            now = [current[index] for index in self.operand_indexes]
            added_end = 1 + self.added
            difference: int | Decimal = now[0] - (
                before + sum(now[1:added_end]) - sum(now[added_end:])
            )
        except TypeError:  # a blank (None) operand
            return None
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


def _tuple_getter(indexes: Sequence[int]) -> Getter:
    """A function taking a sequence to the tuple of its items at ``indexes`` (C speed)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)
    if indexes:
        (index,) = indexes
        return lambda values: (values[index],)
    return lambda _values: ()


def _runs(indexes: Sequence[int]) -> list[slice]:
    """``indexes`` as slices, each a run with one step (a row's cells, a column's cells)."""
    runs: list[slice] = []
    start = 0
    while start < len(indexes):
        stop = start + 1
        step = indexes[stop] - indexes[start] if stop < len(indexes) else 1
        if step <= 0:  # a slice cannot go backwards: the operand stands alone
            step, stop = 1, start + 1
        else:
            while stop < len(indexes) and indexes[stop] - indexes[stop - 1] == step:
                stop += 1
        runs.append(slice(indexes[start], indexes[stop - 1] + 1, step))
        start = stop
    return runs


@attrs.frozen(eq=False)
class _Side:
    """One side (left or right) of every check of a :class:`Relations`, summed at C speed.

    The operands of a side are runs of cells with one step (a row's cells, or a column's, in
    the flat values), so each side is one slice or a few: their sums come from ``map`` and
    ``sum`` over slices. Where a side has several runs, the run sums are added up per check.
    """

    runs: tuple[slice, ...]
    ends: Getter | None
    """Where each check's runs end among ``runs`` (None when every side is one run)."""
    starts: Getter | None

    @classmethod
    def of(cls, sides: Sequence[tuple[int, ...]]) -> _Side:
        """The side whose operand indexes, check by check, are ``sides``."""
        per_check = [_runs(side) for side in sides]
        runs = tuple(chain.from_iterable(per_check))
        if len(runs) == len(sides):
            return cls(runs, None, None)
        ends = list(accumulate(len(check_runs) for check_runs in per_check))
        starts = [end - len(check_runs) for end, check_runs in zip(ends, per_check, strict=True)]
        return cls(runs, _tuple_getter(ends), _tuple_getter(starts))

    def sums(self, values: Values) -> Iterator[Any]:
        """The sum of this side of each check, in check order."""
        run_sums = map(sum, map(values.__getitem__, self.runs))
        if self.ends is None or self.starts is None:
            return run_sums
        totals = tuple(accumulate(run_sums, initial=0))
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


def _lines(grid: Grid, axis: Axis) -> tuple[str, ...]:
    """The ids of the lines a rule with ``axis`` holds in separately."""
    if axis is Axis.ROWS:
        return tuple(column.id for column in grid.columns)
    return tuple(row.id for row in grid.rows)


def _coordinates(axis: Axis, operand: str, line: str) -> tuple[str, str]:
    """(row id, column id) of an operand of a rule along ``axis`` in ``line``."""
    return (operand, line) if axis is Axis.ROWS else (line, operand)


def _line_name(names: text.Names, axis: Axis, line: str) -> text.Texts:
    return names.column_line(line) if axis is Axis.ROWS else names.row_line(line)


def _relation_check(
    kind: type[IdentityCheck | BoundCheck],
    slot: Slot,
    names: text.Names,
    declaration: catalog.Identity | catalog.Bound,
    line: str,
) -> IdentityCheck | BoundCheck:
    rule, axis, description = declaration.rule_id, declaration.axis, declaration.description
    operand_ids = (*declaration.left, *declaration.right)
    coordinates = [_coordinates(axis, operand, line) for operand in operand_ids]
    # A bound is reported on its one left operand; an identity on the operand it recomputes.
    checked = declaration.checked if isinstance(declaration, catalog.Identity) else operand_ids[0]
    target = operand_ids.index(checked)
    row, column = coordinates[target]
    templates = text.templates(
        kind.kind,
        {
            "table": names.table,
            "line": _line_name(names, axis, line),
            "formula": (description.zh, description.en),
            "cell": names.cell(row, column),
        },
    )
    return kind(
        id=f"{rule}.{slot.grid.id}.{line}",
        rule=rule,
        slot=slot,
        row=row,
        column=column,
        path=slot.path(row, column),
        operands=tuple(slot.path(r, c) for r, c in coordinates),
        operand_indexes=tuple(slot.cell_index(r, c) for r, c in coordinates),
        operand_names=tuple(names.cell(r, c) for r, c in coordinates),
        split=len(declaration.left),
        target=target,
        templates=templates,
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
                for line in _lines(slot.grid, identity.axis)
            )
        for bound in slot.grid.bounds:
            bounds.extend(
                _relation_check(BoundCheck, slot, names, bound, line)
                for line in _lines(slot.grid, bound.axis)
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


# --- Continuity: two reports of one organ, consecutive years ------------------------------


def _continuity_check(
    slot: Slot,
    previous_slot: Slot,
    names: text.Names,
    continuity: catalog.Continuity,
    line: str,
) -> ContinuityCheck:
    axis = continuity.axis
    current_ids = (continuity.target, *continuity.added, *continuity.subtracted)
    current = [_coordinates(axis, operand, line) for operand in current_ids]
    previous = [_coordinates(axis, operand, line) for operand in continuity.previous]
    row, column = current[0]
    previous_names = text.Names(previous_slot.section, previous_slot.grid)
    templates = text.templates(
        ContinuityCheck.kind,
        {
            "table": names.table,
            "line": _line_name(names, axis, line),
            "formula": (continuity.description.zh, continuity.description.en),
            "cell": names.cell(row, column),
        },
    )
    return ContinuityCheck(
        id=f"{continuity.rule_id}.{slot.grid.id}.{line}",
        rule=continuity.rule_id,
        slot=slot,
        row=row,
        column=column,
        path=slot.path(row, column),
        operands=tuple(slot.path(r, c) for r, c in current),
        operand_indexes=tuple(slot.cell_index(r, c) for r, c in current),
        operand_names=tuple(names.cell(r, c) for r, c in current),
        templates=templates,
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
            set(_lines(current, continuity.axis)),
        )
    else:
        needed_rows, needed_columns = (
            set(_lines(current, continuity.axis)),
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
                    for line in _lines(slot.grid, continuity.axis)
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
    for check in checks:
        difference = check.evaluate(current_values, previous_values)
        reported = current_values[check.operand_indexes[0]]
        if difference is None:
            yield check.not_assessable(current_values, previous_values)
        elif difference:
            yield check.finding(Status.FAILED, reported, difference)
        elif passed:
            yield check.finding(Status.PASSED, reported, difference)
