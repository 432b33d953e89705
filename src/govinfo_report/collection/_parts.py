"""Readings written straight to a Parquet folder, by any engine that maps ``read_file``.

At the national scale (10⁵–10⁶ reports a year) reading runs on an existing engine: Dask,
Spark, Ray. Each task maps :func:`~govinfo_report.collection.read_file` over its share of the
files and hands the readings to :func:`write_parquet_part`, which writes the same tables as
:func:`~govinfo_report.collection.collect` (Parquet, partitioned by year) under names of its
own, so parts never overwrite each other. Reports are written undecided (``counted`` null):
duplicates, conflicts and series are collection-wide, and ``collect([], folder)`` decides
them afterwards, in DuckDB, without reading a file again (docs/collections.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow.parquet as pq

from govinfo_report.collection._read import FileReading
from govinfo_report.collection._schema import CELLS, FINDINGS, REPORTS
from govinfo_report.collection._tables import batch_tables, cells_table, organ_key

__all__ = ["write_parquet_part"]


def write_parquet_part(
    readings: Iterable[FileReading],
    folder: str | Path,
    *,
    aliases: Mapping[str, str] | None = None,
    read_at: dt.datetime | None = None,
) -> int:
    """Write ``readings`` into the Parquet collection at ``folder``; the number written.

    ``read_at`` (a ``datetime``, UTC) stamps the reports; by default, now.
    """
    stamp = read_at or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    readings = list(readings)
    if not readings:
        return 0
    aliases = aliases or {}
    batch = batch_tables(readings, aliases, stamp)
    organs = [organ_key(reading.organ, aliases) for reading in readings]
    name = f"part-{uuid.uuid4().hex}-{{i}}.parquet"
    tables = (
        (REPORTS.name, batch.reports),
        (CELLS.name, cells_table(readings, organs)),
        (FINDINGS.name, batch.findings),
    )
    for table_name, table in tables:
        if table.num_rows:
            pq.write_to_dataset(
                table,
                str(Path(folder) / table_name),
                partition_cols=["year"],
                basename_template=name,
            )
    return len(readings)
