"""The tidy tables of a collection, declared column by column, and built from file readings.

Three tables, one row per fact (docs/collections.md prints this declaration):

* ``reports``: one row per file read (or not read), with its SHA-256;
* ``cells``: one row per cell of every counted report, with the official labels;
* ``findings``: one row per reading, rules, collection or series finding.

Columns are declared once here, with their Arrow type and meaning; every output (DuckDB,
Parquet, CSV, pandas) is laid out from this declaration.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from functools import cache

import attrs
import pyarrow as pa
import pyarrow.compute

from govinfo_report import catalog
from govinfo_report.collection._read import FileReading, FindingRow

__all__ = [
    "CELLS",
    "CELL_LABELS",
    "CELL_VALUES",
    "FINDINGS",
    "FINDING_ROWS",
    "FINDING_TEXTS",
    "REPORTS",
    "TABLES",
    "Batch",
    "Column",
    "FindingTables",
    "FindingsRecord",
    "TableSpec",
    "batch_tables",
    "cell_labels_table",
    "cells_table",
    "finding_tables",
    "findings_table",
    "layout_key",
    "organ_key",
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


_TEXT_COLUMNS = ("origin", "code", "rule", "severity", "status", "path", "message_zh", "message_en")
_VALUE_COLUMNS = ("expected", "actual", "difference", "location", "previous_year")
TEXT_FIELDS = len(_TEXT_COLUMNS)
"""The first fields of a :data:`FindingRow`: its texts, stored once per batch."""
FINDING_TEXTS = TableSpec(
    "finding_texts",
    "the texts of findings, each distinct one once per batch of files stored",
    (
        Column("id", pa.int64(), "the texts' id in the collection"),
        *(column for column in FINDINGS.columns if column.name in _TEXT_COLUMNS),
    ),
)
FINDING_ROWS = TableSpec(
    "finding_rows",
    "a finding as stored: its texts by id, the values of this finding alone",
    (
        Column("file", pa.string(), "the source file"),
        Column("text", pa.int64(), "the finding's texts (finding_texts.id)"),
        *(column for column in FINDINGS.columns if column.name in _VALUE_COLUMNS),
    ),
)
"""How findings are stored in DuckDB: a finding's messages are long and repeated (a blank
cell, an operand not assessable, a reading note, a failed identity of a common layout), so
each distinct text is stored once a batch; the ``findings`` view joins them back, with the key
from ``reports``."""


def layout_key(formats: tuple[str, str]) -> str:
    """The ``layout`` of a report whose sections 二 and 三 have these format versions."""
    return "/".join(formats)


def cell_labels_table() -> pa.Table:
    """The labels of every cell of every layout, from the catalog."""
    columns: dict[str, list[object]] = {column.name: [] for column in CELL_LABELS.columns}
    for proactive_version, requests_version in itertools.product(catalog.FORMATS, repeat=2):
        proactive = catalog.format_spec(proactive_version).section(catalog.PROACTIVE_DISCLOSURE_ID)
        grids: list[tuple[catalog.Grid, str | None]] = [
            (grid, proactive_version.value) for grid in proactive.grids
        ]
        grids.append((catalog.requests_grid(requests_version), requests_version.value))
        # Section 四 is the same in every version: it has no format of its own.
        grids.append((catalog.REVIEW_LITIGATION_GRID, None))
        layout = layout_key((proactive_version.value, requests_version.value))
        cell = 0
        for grid, version in grids:
            section = catalog.grid_path(grid).split(".")[0]
            for row, column in grid.cells():
                values = (
                    layout,
                    cell,
                    section,
                    grid.id,
                    row.id,
                    column.id,
                    version,
                    row.label.zh,
                    row.label.en,
                    column.label.zh,
                    column.label.en,
                    catalog.cell_path(grid, row.id, column.id),
                )
                for name, value in zip(columns, values, strict=True):
                    columns[name].append(value)
                cell += 1
    return pa.Table.from_pydict(columns, schema=CELL_LABELS.schema)


def organ_key(printed: str | None, aliases: Mapping[str, str]) -> str | None:
    """The key of an organ: the alias table's entry for the name as printed, else the name."""
    if printed is None:
        return None
    return aliases.get(printed, printed)


@attrs.frozen
class FindingTables:
    """Findings as stored: their distinct texts, and one row per finding (:data:`FINDING_ROWS`).

    Text ids count from 0 in each set; the store moves them past the ids it holds.
    """

    texts: pa.Table
    rows: pa.Table

    @property
    def num_rows(self) -> int:
        """The number of findings."""
        return int(self.rows.num_rows)


@attrs.frozen
class Batch:
    """The rows a batch of file readings adds to a collection, as Arrow tables.

    This is all a reading process sends back to the one writing the collection: Arrow
    tables pickle as a few buffers, where the readings would pickle as millions of objects.
    """

    reports: pa.Table
    """``reports`` rows, not yet decided (``counted`` is null)."""
    cell_values: pa.Table
    """``cell_values`` rows (:data:`CELL_VALUES`) of the readings that were read."""
    found: FindingTables
    """Reading and rules findings."""

    @property
    def files(self) -> int:
        """The number of files in the batch."""
        return int(self.reports.num_rows)

    @property
    def findings(self) -> pa.Table:
        """The ``findings`` rows, every column (:data:`FINDINGS`), as a Parquet part holds."""
        rows, texts, reports = self.found.rows, self.found.texts, self.reports
        if not rows.num_rows:
            return FINDINGS.empty()
        by_text = texts.take(rows["text"])
        by_file = reports.take(pa.compute.index_in(rows["file"], reports["file"]))
        columns = {
            **{name: by_file[name] for name in ("organ", "year", "sha256")},
            **{name: by_text[name] for name in _TEXT_COLUMNS},
            **{name: rows[name] for name in ("file", *_VALUE_COLUMNS)},
        }
        return pa.Table.from_arrays(
            [columns[column.name] for column in FINDINGS.columns], schema=FINDINGS.schema
        )


def batch_tables(
    readings: Sequence[FileReading], aliases: Mapping[str, str], read_at: dt.datetime
) -> Batch:
    """The tables of a batch of readings, keyed through ``aliases`` and stamped ``read_at``."""
    organs = [organ_key(reading.organ, aliases) for reading in readings]
    return Batch(
        _reports(readings, organs, read_at),
        _cell_values(readings),
        finding_tables(
            [reading.path for reading in readings],
            [len(reading.findings) for reading in readings],
            [finding for reading in readings for finding in reading.findings],
        ),
    )


def _reports(
    readings: Sequence[FileReading], organs: Sequence[str | None], read_at: dt.datetime
) -> pa.Table:
    records = []
    for reading, organ in zip(readings, organs, strict=True):
        counts = reading.severity_counts()
        formats = reading.formats or (None, None)
        records.append(
            (
                organ,
                reading.year,
                reading.organ,
                formats[0],
                formats[1],
                reading.title,
                reading.path,
                reading.sha256,
                reading.kind,
                reading.size,
                read_at,
                reading.seconds,
                reading.error,
                counts["error"],
                counts["warning"],
                counts["info"],
                reading.blank_count if reading.error is None else None,
                reading.content_hash,
                None,
                None,
                reading.document,
            )
        )
    return _from_rows(REPORTS, records)


def _from_rows(spec: TableSpec, records: Sequence[tuple[object, ...]]) -> pa.Table:
    if not records:
        return spec.empty()
    return _from_columns(spec, list(zip(*records, strict=True)))


def _from_columns(spec: TableSpec, columns: Sequence[Sequence[object]]) -> pa.Table:
    return pa.Table.from_arrays(
        [
            pa.array(values, column.type)
            for values, column in zip(columns, spec.columns, strict=True)
        ],
        schema=spec.schema,
    )


def _repeated(values: Sequence[object], counts: Sequence[int], data_type: pa.DataType) -> pa.Array:
    """Each value repeated ``counts`` times, by Arrow (a run-end encoded array, decoded)."""
    runs = [(value, count) for value, count in zip(values, counts, strict=True) if count]
    if not runs:
        return pa.array([], data_type)
    ends = pa.array(itertools.accumulate(count for _value, count in runs), pa.int32())
    encoded = pa.RunEndEncodedArray.from_arrays(ends, pa.array([v for v, _c in runs], data_type))
    return pa.compute.run_end_decode(encoded)


def _cell_values(readings: Sequence[FileReading]) -> pa.Table:
    read = [reading for reading in readings if reading.formats is not None]
    sizes = [len(reading.values) for reading in read]
    values = [None if value is None else float(value) for r in read for value in r.values]
    return pa.Table.from_arrays(
        [
            _repeated([reading.path for reading in read], sizes, pa.string()),
            pa.array(itertools.chain.from_iterable(map(range, sizes)), pa.int16()),
            pa.array(values, pa.float64()),
            pa.array([raw for reading in read for raw in reading.raws], pa.string()),
            pa.array([place for reading in read for place in reading.locations], pa.string()),
        ],
        schema=CELL_VALUES.schema,
    )


def finding_tables(
    files: Sequence[str],
    counts: Sequence[int],
    findings: Sequence[FindingRow],
    previous_years: Sequence[int | None] | None = None,
) -> FindingTables:
    """The findings of ``files`` (``counts`` of them each, in order) as stored.

    ``previous_years`` gives each finding's ``previous_year`` (series findings); else null.
    """
    texts: dict[tuple[object, ...], int] = {}
    # Each distinct text gets the next id; the key's strings hash once (Python keeps it).
    ids = [texts.setdefault(finding[:TEXT_FIELDS], len(texts)) for finding in findings]
    values = list(zip(*findings, strict=True))[TEXT_FIELDS:] if findings else [()] * 4
    text_spec, row_spec = FINDING_TEXTS.columns, FINDING_ROWS.columns
    text_columns = list(zip(*texts, strict=True)) if texts else [()] * TEXT_FIELDS
    return FindingTables(
        pa.Table.from_arrays(
            [
                pa.array(range(len(texts)), pa.int64()),
                *(
                    pa.array(column, spec.type)
                    for column, spec in zip(text_columns, text_spec[1:], strict=True)
                ),
            ],
            schema=FINDING_TEXTS.schema,
        ),
        pa.Table.from_arrays(
            [
                _repeated(files, counts, pa.string()),
                pa.array(ids, pa.int64()),
                *(
                    pa.array(column, spec.type)
                    for column, spec in zip(values, row_spec[2:-1], strict=True)
                ),
                pa.array(previous_years or [None] * len(findings), pa.int32()),
            ],
            schema=FINDING_ROWS.schema,
        ),
    )


def cells_table(readings: Sequence[FileReading], organs: Sequence[str | None]) -> pa.Table:
    """The ``cells`` rows, labels and all, of the readings that were read (keyed ``organs``)."""
    labels = _labels_by_layout()
    parts = []
    for reading, organ in zip(readings, organs, strict=True):
        if reading.formats is None:
            continue
        layout = labels[layout_key(reading.formats)]
        size = layout.num_rows
        columns = {
            "organ": pa.repeat(pa.scalar(organ, pa.string()), size),
            "year": pa.repeat(pa.scalar(reading.year, pa.int32()), size),
            "value": pa.array(
                [None if value is None else float(value) for value in reading.values], pa.float64()
            ),
            "raw": pa.array(reading.raws, pa.string()),
            "location": pa.array(reading.locations, pa.string()),
            "file": pa.repeat(pa.scalar(reading.path, pa.string()), size),
            "sha256": pa.repeat(pa.scalar(reading.sha256, pa.string()), size),
        }
        parts.append(
            pa.Table.from_arrays(
                [
                    columns[column.name] if column.name in columns else layout[column.name]
                    for column in CELLS.columns
                ],
                schema=CELLS.schema,
            )
        )
    return pa.concat_tables(parts) if parts else CELLS.empty()


@cache
def _labels_by_layout() -> dict[str, pa.Table]:
    labels = cell_labels_table()
    return {
        layout: labels.filter(pa.compute.equal(labels["layout"], layout))
        for layout in labels["layout"].unique().to_pylist()
    }


FindingsRecord = tuple[str, FindingRow, int | None]
"""(file, finding, previous year): one row of ``findings``, the key coming from ``reports``."""


def findings_table(records: Sequence[FindingsRecord]) -> FindingTables:
    """Findings as stored, from their records."""
    return finding_tables(
        [file for file, _finding, _previous in records],
        [1] * len(records),
        [finding for _file, finding, _previous in records],
        [previous for _file, _finding, previous in records],
    )
