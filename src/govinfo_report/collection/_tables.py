"""The tidy tables of a collection, declared column by column, and built from file readings.

Three tables, one row per fact (docs/collections.md prints this declaration):

* ``reports``: one row per file read (or not read), with its SHA-256;
* ``cells``: one row per cell of every counted report, with the official labels;
* ``findings``: one row per reading, rules, collection or series finding.

Columns are declared once here, with their Arrow type and meaning; every output (DuckDB,
Parquet, CSV, pandas) is laid out from this declaration.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import attrs
import pyarrow as pa

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion
from govinfo_report.collection._read import FileReading, FindingRow
from govinfo_report.model import Report

__all__ = [
    "CELLS",
    "FINDINGS",
    "REPORTS",
    "TABLES",
    "Column",
    "TableSpec",
    "cells_table",
    "findings_table",
    "reports_table",
]


@attrs.frozen
class Column:
    """A column of a tidy table: its name, Arrow type and meaning."""

    name: str
    type: pa.DataType
    description: str


@attrs.frozen
class TableSpec:
    """A tidy table: its name, what one row is, and its columns in order."""

    name: str
    row: str
    columns: tuple[Column, ...]

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of the table."""
        return pa.schema([(column.name, column.type) for column in self.columns])

    def empty(self) -> pa.Table:
        """The table with no rows."""
        return self.schema.empty_table()


_KEY = (
    Column("organ", pa.string(), "the organ: the alias table's key for it, else as printed"),
    Column("year", pa.int32(), "the reporting year (null: the report does not say)"),
)
_FILE = (
    Column("file", pa.string(), "the source file's path as given to the collection"),
    Column("sha256", pa.string(), "SHA-256 of the source file's bytes"),
)

REPORTS = TableSpec(
    "reports",
    "a file found by the collection, read or not",
    (
        *_KEY,
        Column("organ_printed", pa.string(), "the organ exactly as printed in the report"),
        Column("format_proactive", pa.string(), "format version of section 二 (2019 or 2021)"),
        Column("format_requests", pa.string(), "format version of section 三 (2019 or 2021)"),
        Column("title", pa.string(), "the title as published, when known"),
        *_FILE,
        Column("kind", pa.string(), "text, html, pdf, docx, or json (a report JSON document)"),
        Column("size", pa.int64(), "file size in bytes"),
        Column("read_at", pa.timestamp("s", tz="UTC"), "when the file was read"),
        Column("read_seconds", pa.float64(), "time spent reading and checking it"),
        Column("read_error", pa.string(), "why the file could not be read (null: it was)"),
        Column("errors", pa.int32(), "number of findings of severity error"),
        Column("warnings", pa.int32(), "number of findings of severity warning"),
        Column("infos", pa.int32(), "number of findings of severity info (blank cells)"),
        Column("blank_cells", pa.int32(), "number of blank cells"),
        Column(
            "content_hash", pa.string(), "hash of the cell values alone (same report, any form)"
        ),
        Column("counted", pa.bool_(), "false for a duplicate or a conflicting second report"),
        Column("duplicate_of", pa.string(), "the file counted instead, when not counted"),
        Column("document", pa.string(), "the report as a JSON document (docs/json-format.md)"),
    ),
)

CELLS = TableSpec(
    "cells",
    "a cell of a counted report",
    (
        *_KEY,
        Column("section", pa.string(), "section id (proactive_disclosure, requests, ...)"),
        Column("table", pa.string(), "table id (art20_1, ..., requests, review_litigation)"),
        Column("row", pa.string(), "row id of the catalog (granted, review, ...)"),
        Column("column", pa.string(), "column id of the catalog (total, corrected, ...)"),
        Column("format", pa.string(), "format version of the table"),
        Column("row_zh", pa.string(), "official row label"),
        Column("row_en", pa.string(), "English row label"),
        Column("column_zh", pa.string(), "official column label"),
        Column("column_en", pa.string(), "English column label"),
        Column("value", pa.float64(), "the value (null: the report left the cell blank)"),
        Column("raw", pa.string(), "the text the value was read from"),
        Column("location", pa.string(), "where it was read in the source (page, line, cell)"),
        Column("path", pa.string(), "JSON path of the cell ($.requests.granted.total)"),
        *_FILE,
    ),
)

FINDINGS = TableSpec(
    "findings",
    "a finding about a file, a report, or a pair of reports of one organ",
    (
        *_KEY,
        *_FILE,
        Column("origin", pa.string(), "reading, rules, collection or series"),
        Column("code", pa.string(), "reading code, rule check id, or C-/S- code"),
        Column("rule", pa.string(), "rule family (E1 … P6, B) of a rules or series finding"),
        Column("severity", pa.string(), "error, warning or info"),
        Column("status", pa.string(), "failed or not_assessable, for rules findings"),
        Column("path", pa.string(), "JSON path of the cell concerned"),
        Column("expected", pa.float64(), "the value the rule computes for the cell"),
        Column("actual", pa.float64(), "the value printed"),
        Column("difference", pa.float64(), "actual - expected"),
        Column("message_zh", pa.string(), "the finding in Chinese"),
        Column("message_en", pa.string(), "the finding in English"),
        Column("location", pa.string(), "where in the source, when known"),
        Column("previous_year", pa.int32(), "for series findings: the year compared with"),
    ),
)

TABLES: tuple[TableSpec, ...] = (REPORTS, CELLS, FINDINGS)
"""The tables in the order they are written."""


@attrs.frozen
class Keyed:
    """A file reading with the collection's decisions about it."""

    reading: FileReading
    organ: str | None
    """The organ key (after the alias table)."""
    read_at: int
    """When it was read, in seconds since the epoch."""
    counted: bool = True
    duplicate_of: str | None = None


def reports_table(rows: Sequence[Keyed]) -> pa.Table:
    """The ``reports`` rows of these readings."""
    columns: dict[str, list[object]] = {column.name: [] for column in REPORTS.columns}
    for keyed in rows:
        reading = keyed.reading
        counts = reading.severity_counts()
        formats = reading.formats or (None, None)
        record = {
            "organ": keyed.organ,
            "year": reading.year,
            "organ_printed": reading.organ,
            "format_proactive": formats[0],
            "format_requests": formats[1],
            "title": reading.title,
            "file": reading.path,
            "sha256": reading.sha256,
            "kind": reading.kind,
            "size": reading.size,
            "read_at": keyed.read_at,
            "read_seconds": reading.seconds,
            "read_error": reading.error,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "blank_cells": reading.blank_count if reading.error is None else None,
            "content_hash": reading.content_hash,
            "counted": keyed.counted,
            "duplicate_of": keyed.duplicate_of,
            "document": reading.document,
        }
        for name, value in record.items():
            columns[name].append(value)
    return pa.Table.from_pydict(columns, schema=REPORTS.schema)


@cache
def _layout(formats: tuple[str, str]) -> pa.Table:
    """The constant columns of ``cells`` for a report of these formats, one row per cell."""
    report = Report.blank(FormatVersion(formats[1]))
    proactive = catalog.format_spec(formats[0]).section("proactive_disclosure")
    grids = (*proactive.grids, report.requests.grid, report.review_litigation.grid)
    columns: dict[str, list[str | None]] = {
        name: []
        for name in (
            "section",
            "table",
            "row",
            "column",
            "format",
            "row_zh",
            "row_en",
            "column_zh",
            "column_en",
            "path",
        )
    }
    for index, grid in enumerate(grids):
        section = catalog.grid_path(grid).split(".")[0]
        version = formats[0] if index < len(proactive.grids) else formats[1]
        # Section 四 is the same in every version: it has no format of its own.
        table_format = None if grid is catalog.REVIEW_LITIGATION_GRID else version
        for row, column in grid.cells():
            values = (
                section,
                grid.id,
                row.id,
                column.id,
                table_format,
                row.label.zh,
                row.label.en,
                column.label.zh,
                column.label.en,
                catalog.cell_path(grid, row.id, column.id),
            )
            for name, value in zip(columns, values, strict=True):
                columns[name].append(value)
    return pa.Table.from_pydict(
        columns, schema=pa.schema([(name, pa.string()) for name in columns])
    )


def cells_table(rows: Sequence[Keyed]) -> pa.Table:
    """The ``cells`` rows of the counted, read reports among ``rows``."""
    parts = []
    for keyed in rows:
        reading = keyed.reading
        if not keyed.counted or reading.formats is None:
            continue
        layout = _layout(reading.formats)
        size = layout.num_rows
        parts.append(
            pa.table(
                {
                    "organ": pa.repeat(pa.scalar(keyed.organ, pa.string()), size),
                    "year": pa.repeat(pa.scalar(reading.year, pa.int32()), size),
                    **{name: layout[name] for name in layout.column_names if name != "path"},
                    "value": pa.array(
                        [None if value is None else float(value) for value in reading.values],
                        pa.float64(),
                    ),
                    "raw": pa.array(reading.raws, pa.string()),
                    "location": pa.array(reading.locations, pa.string()),
                    "path": layout["path"],
                    "file": pa.repeat(pa.scalar(reading.path, pa.string()), size),
                    "sha256": pa.repeat(pa.scalar(reading.sha256, pa.string()), size),
                }
            )
        )
    if not parts:
        return CELLS.empty()
    return pa.concat_tables(parts).cast(CELLS.schema)


def findings_table(
    rows: Sequence[tuple[str | None, int | None, str, str, FindingRow, int | None]],
) -> pa.Table:
    """``findings`` rows from (organ, year, file, sha256, finding, previous year) tuples."""
    names = [column.name for column in FINDINGS.columns]
    columns: dict[str, list[object]] = {name: [] for name in names}
    for organ, year, file, sha256, finding, previous_year in rows:
        for name, value in zip(
            names, (organ, year, file, sha256, *finding, previous_year), strict=True
        ):
            columns[name].append(value)
    return pa.Table.from_pydict(columns, schema=FINDINGS.schema)


def reading_findings(
    keyed: Keyed,
) -> list[tuple[str | None, int | None, str, str, FindingRow, None]]:
    """The findings rows of one reading (reading and rules findings)."""
    reading = keyed.reading
    return [
        (keyed.organ, reading.year, reading.path, reading.sha256, finding, None)
        for finding in reading.findings
    ]
