"""The report form as data: every format version, its sections, tables, rows, columns and labels.

Nothing else in the package types a label or an id list: the model, the rules, the schema and
the readers all read them from here. A new template year means a new module beside
:mod:`~govinfo_report.catalog.v2019` and :mod:`~govinfo_report.catalog.v2021`, declared with
:func:`declare_format` (see docs/model.md, "A new template year").

>>> from govinfo_report import catalog
>>> spec = catalog.format_spec("2021")
>>> spec.document_number
'国办公开办函〔2021〕30号'
>>> spec.size, catalog.format_spec("2019").size
(200, 198)
>>> spec.section("requests").grids[0].row("granted").label.zh
'（一）予以公开'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from govinfo_report.catalog import v2019, v2021
from govinfo_report.catalog._common import (
    METADATA_LABELS,
    OTHER_MATTERS,
    PROACTIVE_DISCLOSURE_ID,
    PROBLEMS_IMPROVEMENTS,
    REPORT_LABEL,
    REQUESTS_ID,
    REVIEW_LITIGATION,
    REVIEW_LITIGATION_GRID,
    TABLE_LAYOUT_LABELS,
)
from govinfo_report.catalog._types import (
    Axis,
    Bound,
    CellKind,
    Column,
    Continuity,
    FormatSpec,
    FormatVersion,
    Grid,
    Group,
    Identity,
    Label,
    Row,
    Section,
    SectionKind,
)
from govinfo_report.errors import UnknownVersionError

__all__ = [
    "FORMATS",
    "METADATA_LABELS",
    "OTHER_MATTERS",
    "PROACTIVE_DISCLOSURE_ID",
    "PROBLEMS_IMPROVEMENTS",
    "REPORT_LABEL",
    "REQUESTS_ID",
    "REVIEW_LITIGATION",
    "REVIEW_LITIGATION_GRID",
    "SECTION_IDS",
    "TABLE_LAYOUT_LABELS",
    "Axis",
    "Bound",
    "CellKind",
    "Column",
    "Continuity",
    "FormatSpec",
    "FormatVersion",
    "Grid",
    "Group",
    "Identity",
    "Label",
    "Row",
    "Section",
    "SectionKind",
    "cell_path",
    "cell_paths",
    "declare_format",
    "format_spec",
    "grid_path",
    "latest_version",
    "proactive_grids",
    "requests_grid",
    "withdraw_format",
]

_DECLARED: dict[FormatVersion, FormatSpec] = {}

FORMATS: Mapping[FormatVersion, FormatSpec] = MappingProxyType(_DECLARED)
"""Every declared format version, oldest first (a live view: see :func:`declare_format`)."""

_GRID_PATHS: dict[int, str] = {}


def declare_format(spec: FormatSpec) -> None:
    """Add a format version to the catalog: the model, rules, serializers and schema follow it.

    Versions are kept in the order of their first report year, so the last one is the latest.
    Declaring a version already declared replaces its spec.
    """
    _DECLARED[spec.version] = spec
    ordered = sorted(_DECLARED.values(), key=lambda declared: declared.first_report_year)
    _DECLARED.clear()
    _DECLARED.update((declared.version, declared) for declared in ordered)
    for section in spec.sections:
        for grid in section.grids:
            # A section with one table is addressed by the section id alone.
            prefix = section.id if grid.id == section.id else f"{section.id}.{grid.id}"
            _GRID_PATHS[id(grid)] = prefix


def withdraw_format(version: FormatVersion | str) -> None:
    """Remove a declared format version (for tests that declare a version of their own)."""
    del _DECLARED[format_spec(version).version]


for _spec in (v2019.SPEC, v2021.SPEC):
    declare_format(_spec)

SECTION_IDS: tuple[str, ...] = tuple(section.id for section in v2021.SPEC.sections)
"""The six section ids in official order (the same in every version)."""


def latest_version() -> FormatVersion:
    """The newest declared format version: what a report without version marks follows."""
    return next(reversed(_DECLARED))


def format_spec(version: FormatVersion | str) -> FormatSpec:
    """The declaration of a format version, given as a version or its value (``"2021"``)."""
    try:
        return _DECLARED[FormatVersion(version)]
    except (ValueError, KeyError):
        known = ", ".join(repr(v.value) for v in _DECLARED)
        msg = f"unknown format version {version!r}; known versions: {known}"
        raise UnknownVersionError(msg) from None


def grid_path(grid: Grid) -> str:
    """Where a grid sits in the JSON document, without ``$.``: ``proactive_disclosure.art20_1``."""
    return _GRID_PATHS[id(grid)]


def cell_path(grid: Grid, row_id: str, column_id: str) -> str:
    """The JSON path of a cell: ``$.requests.granted.natural_person``."""
    return f"$.{_GRID_PATHS[id(grid)]}.{row_id}.{column_id}"


@functools.cache
def cell_paths(grid: Grid) -> tuple[str, ...]:
    """The JSON path of every cell of ``grid``, in the order of its values (row by row)."""
    return tuple(cell_path(grid, row.id, column.id) for row, column in grid.cells())


def proactive_grids(version: FormatVersion | str) -> tuple[Grid, ...]:
    """The sub-tables of section 二 (one per 第二十条 item) of a format version."""
    return format_spec(version).section(PROACTIVE_DISCLOSURE_ID).grids


def requests_grid(version: FormatVersion | str) -> Grid:
    """Table 三 (the request matrix) of a format version."""
    return format_spec(version).section(REQUESTS_ID).grids[0]
