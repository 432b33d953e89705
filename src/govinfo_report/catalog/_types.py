"""Types of the catalog: the shape every format version is declared in.

Each format version of the 政府信息公开工作年度报告 is one value of :class:`FormatSpec`, built
from these pieces. Catalog objects are singletons compared by identity (``eq=False``): two grids
are the same grid only if they are the same declaration.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from functools import cached_property
from typing import ClassVar, final

import attrs

from govinfo_report.errors import UnknownIdError, UnknownVersionError


@final
class FormatVersion:
    """A version of the national report format, named by the year its notice applies from.

    Versions are values the catalog declares (:meth:`declare`), one instance per value, so they
    compare by identity like enum members: ``FormatVersion("2021") is FormatVersion.V2021``. A
    value never declared raises :class:`ValueError`, as an enum would. The set is open so that a
    new template year is a new catalog module, not an edit of this class.
    """

    __slots__ = ("value",)

    value: str
    V2019: ClassVar[FormatVersion]
    """《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号."""
    V2021: ClassVar[FormatVersion]
    """《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号."""

    _declared: ClassVar[dict[str, FormatVersion]] = {}

    def __new__(cls, value: object) -> FormatVersion:
        """The declared version with this value (or ``value`` itself if it is one)."""
        if isinstance(value, FormatVersion):
            return value
        found = cls._declared.get(value) if isinstance(value, str) else None
        if found is None:
            msg = f"{value!r} is not a declared FormatVersion"
            raise UnknownVersionError(msg)
        return found

    @classmethod
    def declare(cls, value: str) -> FormatVersion:
        """The version named ``value``, declared now if it was not (catalog modules only)."""
        found = cls._declared.get(value)
        if found is None:
            found = object.__new__(cls)
            object.__setattr__(found, "value", value)
            cls._declared[value] = found
        return found

    def __setattr__(self, name: str, value: object) -> None:
        msg = "FormatVersion is immutable"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[type[FormatVersion], tuple[str]]:
        return FormatVersion, (self.value,)

    def __repr__(self) -> str:
        return f"FormatVersion({self.value!r})"

    def __str__(self) -> str:
        return self.value


FormatVersion.V2019 = FormatVersion.declare("2019")
FormatVersion.V2021 = FormatVersion.declare("2021")


class CellKind(enum.Enum):
    """What a cell of a column holds."""

    COUNT = "count"
    """A non-negative whole number (件, items, cases)."""
    SIGNED_COUNT = "signed_count"
    """A whole number that may be negative (本年增/减)."""
    AMOUNT = "amount"
    """A non-negative decimal amount of money."""


class Axis(enum.Enum):
    """Which way an identity runs through a grid."""

    ROWS = "rows"
    """The identity relates rows, and holds separately in every column."""
    COLUMNS = "columns"
    """The identity relates columns, and holds separately in every row."""


class SectionKind(enum.Enum):
    """Whether a section of the report is free text or tables."""

    NARRATIVE = "narrative"
    TABLES = "tables"


@attrs.frozen(eq=False)
class Label:
    """A label of the form: the official Chinese text verbatim and an English rendering."""

    zh: str
    en: str


@attrs.frozen(eq=False)
class Group:
    """A label that spans several rows or columns and has no cells of its own."""

    id: str
    label: Label
    members: tuple[str, ...]


@attrs.frozen(eq=False)
class Column:
    """A data column of a grid."""

    id: str
    label: Label
    kind: CellKind = CellKind.COUNT
    unit: Label | None = None
    aliases: tuple[str, ...] = ()
    """Other spellings seen in published reports (typos, variants); used by readers only."""


@attrs.frozen(eq=False)
class Row:
    """A data row of a grid."""

    id: str
    label: Label
    aliases: tuple[str, ...] = ()
    """Other spellings seen in published reports (typos, variants); used by readers only."""


@attrs.frozen(eq=False)
class Identity:
    """An arithmetic identity (勾稽关系) between cells of a grid: sum(left) == sum(right).

    With ``axis=ROWS`` the operands are row ids and the identity holds in each column; with
    ``axis=COLUMNS`` they are column ids and it holds in each row.
    """

    rule_id: str
    axis: Axis
    left: tuple[str, ...]
    right: tuple[str, ...]
    description: Label
    target: str | None = None
    """The operand a violation is reported on (the value the identity recomputes); by default
    the only operand of ``left``."""

    @property
    def checked(self) -> str:
        """The operand a violation is reported on."""
        return self.left[0] if self.target is None else self.target


@attrs.frozen(eq=False)
class Bound:
    """A plausibility bound between cells of a grid: sum(left) <= sum(right).

    Not stated in the form, so a violation is a warning, never an error (docs/format.md §7.3).
    ``left`` has one operand, the cell a violation is reported on; ``axis`` as for
    :class:`Identity`.
    """

    rule_id: str
    axis: Axis
    left: tuple[str, ...]
    right: tuple[str, ...]
    description: Label


@attrs.frozen(eq=False, kw_only=True)
class Continuity:
    """A plausibility identity between two reports of one organ for consecutive years.

    ``target`` (this year) == sum(``previous``, last year) + sum(``added``, this year)
    - sum(``subtracted``, this year). Operands are row ids (``axis=ROWS``, in each column) or
    column ids (``axis=COLUMNS``, in each row). With ``across_versions`` the check also
    applies when last year's table is the same table of another format version (docs/format.md
    §5.2); otherwise both tables must be of this version.
    """

    rule_id: str
    axis: Axis
    target: str
    previous: tuple[str, ...]
    added: tuple[str, ...] = ()
    subtracted: tuple[str, ...] = ()
    description: Label
    across_versions: bool = False


@attrs.frozen(eq=False)
class Grid:
    """A table of the form: rows × columns of cells.

    Section 二 has several grids (one per 第二十条 item), sections 三 and 四 one each. Section
    四 is a grid whose rows are the three groups 行政复议 / 未经复议直接起诉 / 复议后起诉.
    """

    id: str
    label: Label
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    row_groups: tuple[Group, ...] = ()
    column_groups: tuple[Group, ...] = ()
    identities: tuple[Identity, ...] = ()
    note: Label | None = None
    bounds: tuple[Bound, ...] = ()
    """Single-report plausibility checks (warnings)."""
    continuities: tuple[Continuity, ...] = ()
    """Checks against the same table of the previous year's report (warnings)."""

    @cached_property
    def _row_index(self) -> dict[str, int]:
        return {row.id: index for index, row in enumerate(self.rows)}

    @cached_property
    def _column_index(self) -> dict[str, int]:
        return {column.id: index for index, column in enumerate(self.columns)}

    def row_index(self, row_id: str) -> int:
        """The position of a row, in official order; ``KeyError`` names an unknown id."""
        try:
            return self._row_index[row_id]
        except KeyError:
            msg = f"grid {self.id!r} has no row {row_id!r}"
            raise UnknownIdError(msg) from None

    def column_index(self, column_id: str) -> int:
        """The position of a column, in official order; ``KeyError`` names an unknown id."""
        try:
            return self._column_index[column_id]
        except KeyError:
            msg = f"grid {self.id!r} has no column {column_id!r}"
            raise UnknownIdError(msg) from None

    def row(self, row_id: str) -> Row:
        """The row declared with this id."""
        return self.rows[self.row_index(row_id)]

    def column(self, column_id: str) -> Column:
        """The column declared with this id."""
        return self.columns[self.column_index(column_id)]

    def row_group(self, group_id: str) -> Group:
        """The row group declared with this id."""
        for group in self.row_groups:
            if group.id == group_id:
                return group
        msg = f"grid {self.id!r} has no row group {group_id!r}"
        raise UnknownIdError(msg)

    @property
    def size(self) -> int:
        """The number of cells."""
        return len(self.rows) * len(self.columns)

    def cells(self) -> Iterator[tuple[Row, Column]]:
        """Every (row, column) pair in official order: row by row, left to right."""
        for row in self.rows:
            for column in self.columns:
                yield row, column


@attrs.frozen(eq=False)
class Section:
    """One of the six sections of the report."""

    id: str
    heading: Label
    kind: SectionKind
    grids: tuple[Grid, ...] = ()
    versioned: bool = False
    """Whether the section's tables differ between format versions (a ``format`` tag is kept)."""
    aliases: tuple[str, ...] = ()
    """Other wordings of the heading seen in published reports; used by readers only."""

    def grid(self, grid_id: str) -> Grid:
        """The grid declared with this id."""
        for grid in self.grids:
            if grid.id == grid_id:
                return grid
        msg = f"section {self.id!r} has no table {grid_id!r}"
        raise UnknownIdError(msg)

    @property
    def size(self) -> int:
        """The number of cells in all its tables."""
        return sum(grid.size for grid in self.grids)


@attrs.frozen(eq=False)
class FormatSpec:
    """One version of the national report format, as data."""

    version: FormatVersion
    document_number: str
    title: Label
    first_report_year: int
    sections: tuple[Section, ...]
    markers: tuple[str, ...]
    """Label fragments found only in this version's tables (docs/format.md §5.3), for readers."""

    def section(self, section_id: str) -> Section:
        """The section declared with this id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        msg = f"format {self.version.value} has no section {section_id!r}"
        raise UnknownIdError(msg)

    @property
    def size(self) -> int:
        """The number of numeric cells in all tables."""
        return sum(section.size for section in self.sections)
