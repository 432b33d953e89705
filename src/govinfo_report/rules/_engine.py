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
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, FormatVersion, Grid, Section, SectionKind
from govinfo_report.errors import ContinuityError, Severity
from govinfo_report.rules import _text as text
from govinfo_report.rules._findings import Finding, Status

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
    return itemgetter(*indexes)  # type: ignore[return-value]


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

    def cell_index(self, row_id: str, column_id: str) -> int:
        """The position of a cell in the table's flat values."""
        return self.grid.row_index(row_id) * len(self.grid.columns) + self.grid.column_index(column_id)

    def path(self, row_id: str, column_id: str) -> str:
        """The JSON path of a cell."""
        return catalog.cell_path(self.grid, row_id, column_id)


Layout = tuple[Slot, ...]


@cache
def layout(formats: tuple[tuple[str, FormatVersion], ...]) -> Layout:
    """The tables of a report whose versioned sections have these ``(section, version)`` pairs."""
    versions = dict(formats)
    slots: list[Slot] = []
    for section_id in catalog.SECTION_IDS:
        version = versions.get(section_id)
        section = catalog.format_spec(version or _LATEST).section(section_id)
        if section.kind is not SectionKind.TABLES:
            continue
        for grid in section.grids:
            slots.append(Slot(len(slots), section, grid, version if section.versioned else None))
    return tuple(slots)


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


@attrs.frozen(eq=False)
class Program:
    """The compiled single-report checks for one layout of tables."""

    layout: Layout
    identities: tuple[Check, ...]
    bounds: tuple[Check, ...]
    blanks: tuple[tuple[Check, ...], ...]
    """Per table, the blank check of every cell in official order."""


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
    slot: Slot,
    names: text.Names,
    rule: str,
    axis: Axis,
    line: str,
    left: tuple[str, ...],
    right: tuple[str, ...],
    checked: str,
    description: catalog.Label,
    *,
    bound: bool,
) -> Check:
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
    blanks: list[tuple[Check, ...]] = []
    for slot in slots:
        names = text.Names(slot.section, slot.grid)
        for identity in slot.grid.identities:
            identities.extend(
                _relation_check(
                    slot, names, identity.rule_id, identity.axis, line, identity.left,
                    identity.right, identity.checked, identity.description, bound=False,
                )
                for line in _lines(slot.grid, identity.axis)
            )
        for bound in slot.grid.bounds:
            bounds.extend(
                _relation_check(
                    slot, names, bound.rule_id, bound.axis, line, bound.left, bound.right,
                    bound.left[0], bound.description, bound=True,
                )
                for line in _lines(slot.grid, bound.axis)
            )
        blanks.append(
            tuple(_blank_check(slot, names, row.id, column.id) for row, column in slot.grid.cells())
        )
    return Program(slots, tuple(identities), tuple(bounds), tuple(blanks))


def single_report_checks(slots: Layout) -> Program:
    """The compiled single-report checks of a layout (cached)."""
    return _program(slots)


def iter_report_findings(report: Report, *, passed: bool = False) -> Iterator[Finding]:
    """The findings of every single-report check on ``report``, in a stable order."""
    program = _program(report_layout(report))
    tables = [table.values for table in report.tables()]
    for check in program.identities:
        operands = check.getter(tables[check.slot.index])
        split = check.split
        try:
            balance = sum(operands[:split]) - sum(operands[split:])
        except TypeError:  # a blank operand: None does not add
            yield check.not_assessable(operands)
            continue
        if balance:
            yield check.finding(Status.FAILED, operands[check.target], balance * check.sign)
        elif passed:
            yield check.finding(Status.PASSED, operands[check.target], balance)
    for check in program.bounds:
        operands = check.getter(tables[check.slot.index])
        split = check.split
        try:
            excess = sum(operands[:split]) - sum(operands[split:])
        except TypeError:
            yield check.not_assessable(operands)
            continue
        if excess > 0:
            yield check.finding(Status.FAILED, operands[check.target], excess)
        elif passed:
            yield check.finding(Status.PASSED, operands[check.target], excess)
    for values, checks in zip(tables, program.blanks, strict=True):
        if passed or None in values:
            for check, value in zip(checks, values, strict=True):
                if value is None:
                    yield check.finding(Status.FAILED, None, None, (check.path,))
                elif passed:
                    yield check.finding(Status.PASSED, value)


# --- Continuity: two reports of one organ, consecutive years ------------------------------


def _continuity_check(  # noqa: PLR0913 - the two tables and the rule's line
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
    """Whether last year's table can stand in ``continuity`` (FORMAT.md §5.2)."""
    if previous is current:
        return True
    if not continuity.across_versions:
        return False
    if continuity.axis is Axis.ROWS:
        needed_rows, needed_columns = set(continuity.previous), set(_lines(current, continuity.axis))
    else:
        needed_rows, needed_columns = set(_lines(current, continuity.axis)), set(continuity.previous)
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
    current_tables = [table.values for table in current.tables()]
    previous_tables = [table.values for table in previous.tables()]
    for check in checks:
        assert check.previous_slot is not None  # noqa: S101 - set on every continuity check
        now = check.getter(current_tables[check.slot.index])
        before = check.previous_getter(previous_tables[check.previous_slot.index])
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
