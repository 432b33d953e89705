"""The kinds of compiled check, and where a report's tables sit in its flat values.

A report's tables are laid out by the catalog grids of their format versions (a :data:`Layout`
of :class:`Slot`); each check of the catalog, applied along one line of one table, becomes a
record of one of the kinds below with its operands as indexes into the report's flat values
(:func:`flatten`) and its messages rendered once, as templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import FormatSpec, FormatVersion, Grid, Section, SectionKind
from govinfo_report.errors import Severity
from govinfo_report.findings import Finding, Status
from govinfo_report.rules import _text as text
from govinfo_report.rules.arithmetic import Relation

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "BLANK_RULE",
    "BlankCheck",
    "BoundCheck",
    "Check",
    "IdentityCheck",
    "Layout",
    "RelationCheck",
    "Slot",
    "Values",
    "flatten",
    "layout",
    "report_layout",
    "version_layout",
]

BLANK_RULE = "B"
"""The rule id of the blank-cell check: a blank is reported, never read as 0."""

Values = Sequence[Any]


_UNASSESSABLE_KEPT = 64
"""Not-assessable findings kept per check (bounded: a collection of any size keeps a few)."""


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
    def arithmetic(self) -> Relation:
        """The check as the evaluator takes it, by position in the report's :func:`flatten`."""
        indexes = self.operand_indexes
        return Relation(indexes[: self.split], indexes[self.split :], bound=self.relation == "<=")

    @property
    def sign(self) -> int:
        """+1 when the reported cell is on the left side, -1 when on the right."""
        return 1 if self.target < self.split else -1

    _unassessable_made: dict[tuple[tuple[bool, ...], int | None], Finding] = attrs.field(
        init=False, factory=dict
    )
    """Not-assessable findings made, by (which operands are blank, reported value): reports
    leave the same cells blank again and again. Decimals are not kept (``1.0 == 1``)."""

    def not_assessable(self, values: Values) -> Finding:
        """The finding for a report's values some of whose operands are blank."""
        reported = values[self.operand_indexes[self.target]]
        blank = tuple(values[index] is None for index in self.operand_indexes)
        kept = reported is None or type(reported) is int
        key = (blank, reported if kept else None)
        made = self._unassessable_made.get(key) if kept else None
        if made is None:
            blanks = [
                (path, name)
                for path, name, is_blank in zip(
                    self.operands, self.operand_names, blank, strict=True
                )
                if is_blank
            ]
            made = self._unassessable(reported, blanks)
            if kept and len(self._unassessable_made) < _UNASSESSABLE_KEPT:
                self._unassessable_made[key] = made
        return made


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
    blank: Finding = attrs.field(init=False)
    """The finding for the cell left blank: it depends on nothing but the check, so it is made
    once (a collection reports millions of blank cells)."""

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        object.__setattr__(self, "blank", self.finding(Status.FAILED, None, None, (self.path,)))
