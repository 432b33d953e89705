"""The tidy tables of a collection, declared column by column.

Three tables, one row per fact (docs/collections.md prints this declaration):

* ``reports``: one row per file read (or not read), with its SHA-256;
* ``cells``: one row per cell of every counted report, with the official labels;
* ``findings``: one row per reading, rules, collection or series finding.

Columns are declared once here, with their Arrow type and meaning; every output (DuckDB,
Parquet, CSV, pandas) is laid out from this declaration. Below them, how a DuckDB collection
stores cells and findings (the tidy tables are its views).
"""

from __future__ import annotations

import attrs
import pyarrow as pa

__all__ = [
    "CELLS",
    "CELL_LABELS",
    "CELL_VALUES",
    "FINDINGS",
    "FINDING_ROWS",
    "FINDING_TEXTS",
    "REPORTS",
    "TABLES",
    "TEXT_COLUMNS",
    "TEXT_FIELDS",
    "VALUE_COLUMNS",
    "Column",
    "TableSpec",
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
        Column("read_at", pa.timestamp("s"), "when the file was read (UTC)"),
        Column("read_seconds", pa.float64(), "time spent reading and checking it"),
        Column("read_error", pa.string(), "why the file could not be read (null: it was)"),
        Column("errors", pa.int32(), "number of findings of severity error"),
        Column("warnings", pa.int32(), "number of findings of severity warning"),
        Column("infos", pa.int32(), "number of findings of severity info (blank cells)"),
        Column("blank_cells", pa.int32(), "number of blank cells"),
        Column(
            "content_hash", pa.string(), "hash of the cell values alone (same report, any form)"
        ),
        Column(
            "counted",
            pa.bool_(),
            "false for a duplicate, a conflicting second report or an unreadable file "
            "(null: not decided yet, in a folder written by an engine such as Dask)",
        ),
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


CELL_VALUES = TableSpec(
    "cell_values",
    "a cell of a report as stored: the labels are joined in by the cells view",
    (
        Column("file", pa.string(), "the source file"),
        Column("cell", pa.int16(), "the cell's position in the report's layout"),
        Column("value", pa.float64(), "the value (null: blank)"),
        Column("raw", pa.string(), "the text the value was read from"),
        Column("location", pa.string(), "where it was read in the source"),
    ),
)
"""How cells are stored in DuckDB: few columns, so a large collection inserts fast; the
``cells`` view adds the key, the labels and the path from ``reports`` and ``cell_labels``."""

_LABEL_COLUMNS = ("section", "table", "row", "column", "format")
_LABEL_TEXTS = ("row_zh", "row_en", "column_zh", "column_en", "path")
CELL_LABELS = TableSpec(
    "cell_labels",
    "a cell of a layout (the format versions of sections 二 and 三), with its labels",
    (
        Column("layout", pa.string(), "format of section 二 / format of section 三"),
        Column("cell", pa.int16(), "the cell's position in the layout"),
        *(column for column in CELLS.columns if column.name in _LABEL_COLUMNS + _LABEL_TEXTS),
    ),
)


TEXT_COLUMNS = ("origin", "code", "rule", "severity", "status", "path", "message_zh", "message_en")
VALUE_COLUMNS = ("expected", "actual", "difference", "location", "previous_year")
TEXT_FIELDS = len(TEXT_COLUMNS)
"""The first fields of a :data:`FindingRow`: its texts, stored once per batch."""
FINDING_TEXTS = TableSpec(
    "finding_texts",
    "the texts of findings, each distinct one once per batch of files stored",
    (
        Column("id", pa.int64(), "the texts' id in the collection"),
        *(column for column in FINDINGS.columns if column.name in TEXT_COLUMNS),
    ),
)
FINDING_ROWS = TableSpec(
    "finding_rows",
    "a finding as stored: its texts by id, the values of this finding alone",
    (
        Column("file", pa.string(), "the source file"),
        Column("text", pa.int64(), "the finding's texts (finding_texts.id)"),
        *(column for column in FINDINGS.columns if column.name in VALUE_COLUMNS),
    ),
)
"""How findings are stored in DuckDB: a finding's messages are long and repeated (a blank
cell, an operand not assessable, a reading note, a failed identity of a common layout), so
each distinct text is stored once a batch; the ``findings`` view joins them back, with the key
from ``reports``."""
