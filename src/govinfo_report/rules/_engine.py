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
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, FormatVersion, Grid, Section, SectionKind
from govinfo_report.errors import ContinuityError, Severity
from govinfo_report.findings import Finding, Status
from govinfo_report.rules import _text as text

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "BLANK_RULE",
    "Layout",
    "continuity_checks",
    "iter_continuity_findings",
    "iter_report_findings",
    "layout",
    "single_report_checks",
]

BLANK_RULE = "B"
"""The rule id of the blank-cell check: a blank is reported, never read as 0."""

_LATEST = max(catalog.FORMATS, key=lambda version: version.value)

Values = Sequence[Any]
Getter = Callable[[Values], tuple[Any, ...]]


def _getter(indexes: tuple[int, ...]) -> Getter:
    """A function taking a values tuple to the tuple of the values at ``indexes``."""
    if len(indexes) == 1:
        (index,) = indexes
        return lambda values: (values[index],)
    return itemgetter(*indexes)


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


@cache
def layout(formats: tuple[tuple[str, FormatVersion], ...]) -> Layout:
    """The tables of a report whose versioned sections have these ``(section, version)`` pairs."""
    versions = dict(formats)
    slots: list[Slot] = []
    offset = 0
    for section_id in catalog.SECTION_IDS:
        version = versions.get(section_id)
        section = catalog.format_spec(version or _LATEST).section(section_id)
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
    """One compiled check: a rule applied along one line (row or column) of one table."""

    id: str
    rule: str
    severity: Severity
    kind: str
    slot: Slot
    row: str
    column: str
    path: str
    operands: tuple[str, ...]
    """JSON paths: the cell first when it is the only left operand, else left then right."""
    operand_indexes: tuple[int, ...]
    operand_names: tuple[text.Texts, ...]
    split: int
    """How many of the operands are on the left side (for continuity: current-year ones)."""
    target: int
    """Position of the reported cell among the operands."""
    sign: int
    """+1 when the reported cell is on the left side, -1 when on the right."""
    relation: str
    templates: dict[str, text.Texts]
    getter: Getter = attrs.field(init=False)
    previous_operands: tuple[str, ...] = ()
    previous_indexes: tuple[int, ...] = ()
    previous_names: tuple[text.Texts, ...] = ()
    previous_slot: Slot | None = None
    added: int = 0
    """For continuity: how many of the current-year operands after the cell are added."""
    previous_getter: Getter = attrs.field(init=False)
    _fixed: dict[str, Any] = attrs.field(init=False)
    """The fields every finding of this check shares."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "getter", _getter(self.operand_indexes))
        if self.previous_indexes:
            object.__setattr__(self, "previous_getter", _getter(self.previous_indexes))
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
    def left(self) -> tuple[str, ...]:
        """JSON paths of the left side."""
        return self.operands[: self.split]

    @property
    def right(self) -> tuple[str, ...]:
        """JSON paths of the right side."""
        return self.operands[self.split :]

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

    def not_assessable(self, current: tuple[Any, ...], previous: tuple[Any, ...] = ()) -> Finding:
        """The finding for operand values some of which are blank."""
        blank = [i for i, value in enumerate(current) if value is None]
        blank_previous = [i for i, value in enumerate(previous) if value is None]
        paths = tuple(self.operands[i] for i in blank) + tuple(
            self.previous_operands[i] for i in blank_previous
        )
        names = [self.operand_names[i] for i in blank] + [
            self.previous_names[i] for i in blank_previous
        ]
        listed = (
            text.LIST_SEPARATOR[0].join(name[0] for name in names),
            text.LIST_SEPARATOR[1].join(name[1] for name in names),
        )
        return self.finding(Status.NOT_ASSESSABLE, current[self.target], None, paths, listed)


def _balance_function(checks: Sequence[Check]) -> Callable[[Values], list[Any]]:
    """One compiled function giving sum(left) - sum(right) of every check.

    The checks are fixed per layout, so their arithmetic is written out once as Python source
    (``(v[0]+v[7])-(v[161]+v[168])`` …) and compiled, as attrs does for ``__init__``: one call
    with plain indexing and additions, about three times faster than itemgetters and ``sum``.
    """
    terms = []
    for check in checks:
        left = check.operand_indexes[: check.split]
        right = check.operand_indexes[check.split :]
        left_sum = "+".join(f"v[{index}]" for index in left) or "0"
        right_sum = "+".join(f"v[{index}]" for index in right) or "0"
        terms.append(f"({left_sum})-({right_sum})")
    source = f"def balances(v):\n    return [{', '.join(terms)}]\n"
    namespace: dict[str, Any] = {}
    # The source holds only integer indexes generated above from the catalog, never input text.
    exec(compile(source, "<govinfo_report.rules compiled checks>", "exec"), namespace)  # noqa: S102
    function: Callable[[Values], list[Any]] = namespace["balances"]
    return function


def _users(checks: Sequence[Check], size: int) -> tuple[frozenset[int], ...]:
    """For each of ``size`` cells, the positions of the checks using it."""
    users: list[set[int]] = [set() for _ in range(size)]
    for position, check in enumerate(checks):
        for index in check.operand_indexes:
            users[index].add(position)
    return tuple(frozenset(found) for found in users)


@attrs.frozen(eq=False)
class Relations:
    """Compiled identities (``bound=False``) or bounds of a layout, ready to evaluate at once."""

    checks: tuple[Check, ...]
    size: int
    """The number of cells of the layout (the pad's index in :func:`flatten` values)."""
    bound: bool
    balances: Callable[[Values], list[Any]] = attrs.field(init=False)
    """sum(left) - sum(right) of every check, in order, for a report's values."""
    users: tuple[frozenset[int], ...] = attrs.field(init=False)
    """For each cell, the positions in ``checks`` of the checks it is an operand of."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "balances", _balance_function(self.checks))
        object.__setattr__(self, "users", _users(self.checks, self.size))


@attrs.frozen(eq=False)
class Program:
    """The compiled single-report checks for one layout of tables."""

    layout: Layout
    identities: Relations
    bounds: Relations
    blanks: tuple[Check, ...]
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


def _relation_check(  # noqa: PLR0913 - one place builds identity and bound checks alike
    *,
    slot: Slot,
    names: text.Names,
    declaration: catalog.Identity | catalog.Bound,
    line: str,
    checked: str,
    bound: bool,
) -> Check:
    rule, axis, description = declaration.rule_id, declaration.axis, declaration.description
    left, right = declaration.left, declaration.right
    operand_ids = (*left, *right)
    coordinates = [_coordinates(axis, operand, line) for operand in operand_ids]
    target = operand_ids.index(checked)
    row, column = coordinates[target]
    kind = text.BOUND if bound else text.IDENTITY
    templates = text.templates(
        kind,
        {
            "table": names.table,
            "line": _line_name(names, axis, line),
            "formula": (description.zh, description.en),
            "cell": names.cell(row, column),
        },
    )
    return Check(
        id=f"{rule}.{slot.grid.id}.{line}",
        rule=rule,
        severity=Severity.WARNING if bound else Severity.ERROR,
        kind=kind,
        slot=slot,
        row=row,
        column=column,
        path=slot.path(row, column),
        operands=tuple(slot.path(r, c) for r, c in coordinates),
        operand_indexes=tuple(slot.cell_index(r, c) for r, c in coordinates),
        operand_names=tuple(names.cell(r, c) for r, c in coordinates),
        split=len(left),
        target=target,
        sign=1 if target < len(left) else -1,
        relation="<=" if bound else "==",
        templates=templates,
    )


def _blank_check(slot: Slot, names: text.Names, row: str, column: str) -> Check:
    path = slot.path(row, column)
    cell = names.cell(row, column)
    return Check(
        id=f"{BLANK_RULE}.{slot.grid.id}.{row}.{column}",
        rule=BLANK_RULE,
        severity=Severity.INFO,
        kind=text.BLANK,
        slot=slot,
        row=row,
        column=column,
        path=path,
        operands=(path,),
        operand_indexes=(slot.cell_index(row, column),),
        operand_names=(cell,),
        split=1,
        target=0,
        sign=1,
        relation="not_blank",
        templates=text.templates(text.BLANK, {"table": names.table, "cell": cell}),
    )


@cache
def _program(slots: Layout) -> Program:
    identities: list[Check] = []
    bounds: list[Check] = []
    blanks: list[Check] = []
    for slot in slots:
        names = text.Names(slot.section, slot.grid)
        for identity in slot.grid.identities:
            identities.extend(
                _relation_check(
                    slot=slot,
                    names=names,
                    declaration=identity,
                    line=line,
                    checked=identity.checked,
                    bound=False,
                )
                for line in _lines(slot.grid, identity.axis)
            )
        for bound in slot.grid.bounds:
            bounds.extend(
                _relation_check(
                    slot=slot,
                    names=names,
                    declaration=bound,
                    line=line,
                    checked=bound.left[0],
                    bound=True,
                )
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
            yield check.not_assessable(check.getter(flat))
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
) -> Check:
    axis = continuity.axis
    current_ids = (continuity.target, *continuity.added, *continuity.subtracted)
    current = [_coordinates(axis, operand, line) for operand in current_ids]
    previous = [_coordinates(axis, operand, line) for operand in continuity.previous]
    row, column = current[0]
    previous_names = text.Names(previous_slot.section, previous_slot.grid)
    templates = text.templates(
        text.CONTINUITY,
        {
            "table": names.table,
            "line": _line_name(names, axis, line),
            "formula": (continuity.description.zh, continuity.description.en),
            "cell": names.cell(row, column),
        },
    )
    return Check(
        id=f"{continuity.rule_id}.{slot.grid.id}.{line}",
        rule=continuity.rule_id,
        severity=Severity.WARNING,
        kind=text.CONTINUITY,
        slot=slot,
        row=row,
        column=column,
        path=slot.path(row, column),
        operands=tuple(slot.path(r, c) for r, c in current),
        operand_indexes=tuple(slot.cell_index(r, c) for r, c in current),
        operand_names=tuple(names.cell(r, c) for r, c in current),
        split=len(current),
        target=0,
        sign=1,
        relation="==",
        templates=templates,
        previous_operands=tuple(previous_slot.path(r, c) for r, c in previous),
        previous_indexes=tuple(previous_slot.cell_index(r, c) for r, c in previous),
        previous_names=tuple(
            (text.PREVIOUS[0] + zh, text.PREVIOUS[1] + en)
            for zh, en in (previous_names.cell(r, c) for r, c in previous)
        ),
        previous_slot=previous_slot,
        added=len(continuity.added),
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
def continuity_checks(previous: Layout, current: Layout) -> tuple[Check, ...]:
    """The compiled continuity checks from a report laid out as ``previous`` to ``current``."""
    previous_by_table = {(slot.section.id, slot.grid.id): slot for slot in previous}
    checks: list[Check] = []
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
        now = check.getter(current_values)
        before = check.previous_getter(previous_values)
        added_end = 1 + check.added
        try:
            computed = sum(before) + sum(now[1:added_end]) - sum(now[added_end:])
            difference = now[0] - computed
        except TypeError:
            yield check.not_assessable(now, before)
            continue
        if difference:
            yield check.finding(Status.FAILED, now[0], difference)
        elif passed:
            yield check.finding(Status.PASSED, now[0], difference)
