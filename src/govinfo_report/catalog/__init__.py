"""The report form as data: every format version, its sections, tables, rows, columns and labels.

Nothing else in the package types a label or an id list: the model, the rules, the schema and
the readers all read them from here. A new template year means a new module beside
:mod:`~govinfo_report.catalog.v2019` and :mod:`~govinfo_report.catalog.v2021`, registered in
:data:`FORMATS`.

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

from collections.abc import Mapping
from types import MappingProxyType

from govinfo_report.catalog import v2019, v2021
from govinfo_report.catalog._common import (
    METADATA_LABELS,
    REPORT_LABEL,
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

__all__ = [
    "FORMATS",
    "METADATA_LABELS",
    "REPORT_LABEL",
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
    "format_spec",
    "grid_path",
    "requests_grid",
]

FORMATS: Mapping[FormatVersion, FormatSpec] = MappingProxyType(
    {FormatVersion.V2019: v2019.SPEC, FormatVersion.V2021: v2021.SPEC}
)
"""Every format version, oldest first."""

SECTION_IDS: tuple[str, ...] = tuple(section.id for section in v2021.SPEC.sections)
"""The six section ids in official order (the same in every version)."""


def format_spec(version: FormatVersion | str) -> FormatSpec:
    """The declaration of a format version, given as the enum or its value (``"2021"``)."""
    if isinstance(version, FormatVersion):
        return FORMATS[version]
    try:
        return FORMATS[FormatVersion(version)]
    except ValueError:
        known = ", ".join(repr(v.value) for v in FORMATS)
        msg = f"unknown format version {version!r}; known versions: {known}"
        raise ValueError(msg) from None


def _grid_paths() -> dict[int, str]:
    paths: dict[int, str] = {}
    for spec in FORMATS.values():
        for section in spec.sections:
            for grid in section.grids:
                # A section with one table is addressed by the section id alone.
                prefix = section.id if grid.id == section.id else f"{section.id}.{grid.id}"
                paths[id(grid)] = prefix
    return paths


_GRID_PATHS = _grid_paths()


def grid_path(grid: Grid) -> str:
    """Where a grid sits in the JSON document, without ``$.``: ``proactive_disclosure.art20_1``."""
    return _GRID_PATHS[id(grid)]


def cell_path(grid: Grid, row_id: str, column_id: str) -> str:
    """The JSON path of a cell: ``$.requests.granted.natural_person``."""
    return f"$.{_GRID_PATHS[id(grid)]}.{row_id}.{column_id}"


def requests_grid(version: FormatVersion | str) -> Grid:
    """Table 三 (the request matrix) of a format version."""
    return format_spec(version).section("requests").grids[0]
