r"""Many reports as one dataset: tidy tables, a database, series, totals and peer statistics.

``pip install govinfo-report[collection]`` (DuckDB, pyarrow, pandas). A folder of downloaded
reports becomes three tidy tables (``reports``, ``cells``, ``findings``; see
docs/collections.md) in a DuckDB database file, a Parquet folder partitioned by year, or CSV:

>>> import tempfile, pathlib
>>> from govinfo_report.cli.parse import example_path
>>> from govinfo_report.collection import collect
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> collection = collect([example_path()], folder / "reports.duckdb")
>>> collection.summary.reports
1
>>> collection.sql(
...     "SELECT organ, value, raw FROM cells WHERE path = '$.requests.new_requests.total'"
... ).fetchall()
[('淮安市人民政府', 3119.0, '3119')]
>>> collection.close()

Re-running on the same folder re-reads only the files whose SHA-256 changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Self

import duckdb
import pandas as pd
import pyarrow as pa

from govinfo_report.collection._aggregate import Aggregate, AggregateError, aggregate
from govinfo_report.collection._collect import (
    REPORT_SUFFIXES,
    Progress,
    Summary,
    find_files,
    organ_key,
    run,
)
from govinfo_report.collection._notes import NOTES, Note
from govinfo_report.collection._parts import write_parquet_part
from govinfo_report.collection._peers import PeerStatistics, peer_statistics
from govinfo_report.collection._read import FileReading, read_bytes, read_file
from govinfo_report.collection._schema import TABLES, TableSpec
from govinfo_report.collection._series import Change, Series, SeriesFinding, series
from govinfo_report.collection._store import CollectionError, OutputFormat, Store, output_format
from govinfo_report.errors import UnknownIdError
from govinfo_report.model import Report
from govinfo_report.serialize import from_json

__all__ = [
    "NOTES",
    "REPORT_SUFFIXES",
    "TABLES",
    "Aggregate",
    "AggregateError",
    "Change",
    "Collection",
    "CollectionError",
    "FileReading",
    "Note",
    "OutputFormat",
    "PeerStatistics",
    "Series",
    "SeriesFinding",
    "Summary",
    "TableSpec",
    "aggregate",
    "collect",
    "find_files",
    "open_collection",
    "organ_key",
    "peer_statistics",
    "read_bytes",
    "read_file",
    "series",
    "write_parquet_part",
]


class Collection:
    """A collection of reports, open in DuckDB: its tables, its reports, and the last summary."""

    def __init__(self, store: Store, summary: Summary | None = None) -> None:
        self._store = store
        self.summary = summary
        """What the last :func:`collect` run did (``None`` when only opened)."""

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for any SQL query."""
        return self._store.connection

    def sql(self, query: str, parameters: list[object] | None = None) -> duckdb.DuckDBPyConnection:
        """Run a query on a cursor of its own; ``.fetchall()``, ``.fetchone()`` or ``.df()`` it.

        Each query has its own cursor, so a result left half-read never blocks the next one.
        """
        return self.connection.cursor().execute(query, parameters)

    def table(self, name: str) -> pa.Table:
        """A tidy table (``reports``, ``cells``, ``findings``) as Arrow."""
        if name not in {spec.name for spec in TABLES}:
            known = ", ".join(spec.name for spec in TABLES)
            msg = f"no table {name!r}; the tables are {known}"
            raise UnknownIdError(msg)
        return self._store.table(name)

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        """Every tidy table as a pandas DataFrame, by name."""
        return {spec.name: self.table(spec.name).to_pandas() for spec in TABLES}

    def reports(self, *, organ: str | None = None, year: int | None = None) -> list[Report]:
        """The counted reports (of one organ, of one year), named by their organ key."""
        rows = self.sql(
            "SELECT organ, document FROM reports WHERE counted "
            "AND ($organ IS NULL OR organ = $organ) AND ($year IS NULL OR year = $year) "
            "ORDER BY organ, year, file",
            {"organ": organ, "year": year},  # type: ignore[arg-type]
        ).fetchall()
        return [_keyed(from_json(document), key) for key, document in rows]

    def organs(self) -> list[str]:
        """Every organ key with a counted report."""
        rows = self.sql(
            "SELECT DISTINCT organ FROM reports WHERE counted AND organ IS NOT NULL ORDER BY organ"
        ).fetchall()
        return [organ for (organ,) in rows]

    def close(self) -> None:
        """Close the database (a Parquet or CSV collection was written when collected)."""
        self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _keyed(report: Report, organ: str | None) -> Report:
    if report.organ == organ:
        return report
    import attrs  # noqa: PLC0415 - only when an alias renames an organ

    return attrs.evolve(report, organ=organ)


def collect(  # noqa: PLR0913 - the options of a collection run
    paths: Iterable[str | Path],
    output: str | Path | None = None,
    *,
    format: OutputFormat | str | None = None,
    jobs: int = 1,
    aliases: Mapping[str, str] | None = None,
    blanks_as_zero: bool = False,
    progress: Progress | None = None,
) -> Collection:
    """Build or update a collection from files, folders and glob patterns.

    ``output`` is a DuckDB file (``*.duckdb``), a folder for Parquet (partitioned by year) or,
    with ``format="csv"``, for CSV; ``None`` keeps the collection in memory. An existing
    output is updated: only files whose SHA-256 changed are read again. ``aliases`` maps ways
    an organ is printed to one key (``{"淮安市政府": "淮安市人民政府"}``). ``jobs`` reads files
    in that many processes; ``progress(done, total)`` is called as files are read.
    """
    path = None if output is None else Path(output)
    fmt = OutputFormat.DUCKDB if path is None else output_format(path, format)
    store = Store(path, fmt)
    summary = run(
        store,
        paths,
        jobs=jobs,
        aliases=aliases,
        blanks_as_zero=blanks_as_zero,
        progress=progress,
    )
    return Collection(store, summary)


def open_collection(path: str | Path, *, format: OutputFormat | str | None = None) -> Collection:
    """Open a collection written by :func:`collect` (DuckDB file, Parquet or CSV folder)."""
    location = Path(path)
    if not location.exists():
        msg = f"{location}: no collection here (the file or folder does not exist)"
        raise FileNotFoundError(msg)
    return Collection(Store(location, output_format(location, format)))
