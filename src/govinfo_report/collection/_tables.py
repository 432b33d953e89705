"""The tidy tables of a collection, built from file readings (declared in ``_schema``).

Every output (DuckDB, Parquet, CSV, pandas) is laid out from the declaration; the functions
here turn batches of readings into Arrow tables of those columns.
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
from govinfo_report.collection._schema import (
    CELL_LABELS,
    CELL_VALUES,
    CELLS,
    FINDING_ROWS,
    FINDING_TEXTS,
    FINDINGS,
    REPORTS,
    TEXT_COLUMNS,
    TEXT_FIELDS,
    VALUE_COLUMNS,
    TableSpec,
)

__all__ = [
    "Batch",
    "FindingTables",
    "FindingsRecord",
    "batch_tables",
    "cell_labels_table",
    "cells_table",
    "finding_tables",
    "findings_table",
    "layout_key",
    "organ_key",
]


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
            **{name: by_text[name] for name in TEXT_COLUMNS},
            **{name: rows[name] for name in ("file", *VALUE_COLUMNS)},
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
