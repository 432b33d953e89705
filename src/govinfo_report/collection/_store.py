"""Where a collection lives: a DuckDB database, and its export to Parquet or CSV.

A collection is always worked on in DuckDB: a database file (the default output), or, for a
Parquet or CSV folder, a working database file beside it (in a hidden temporary folder, removed
on closing), loaded from what the folder holds and written back to it with DuckDB's ``COPY``.
Either way memory stays bounded (:data:`MEMORY_LIMIT`) whatever the size of the collection.
Cells of reports that are not counted (a second copy, a conflicting report) are in
``uncounted_cells``, so ``cells`` never counts a report twice and nothing read is lost.
"""

from __future__ import annotations

import contextlib
import enum
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute

from govinfo_report.collection._schema import (
    CELL_LABELS,
    CELL_VALUES,
    CELLS,
    FINDING_ROWS,
    FINDING_TEXTS,
    FINDINGS,
    REPORTS,
    TABLES,
    TableSpec,
)
from govinfo_report.collection._tables import Batch, FindingTables, cell_labels_table
from govinfo_report.errors import GovinfoReportError

__all__ = ["CollectionError", "OutputFormat", "Store", "output_format"]

UNCOUNTED_CELLS = "uncounted_cells"
MEMORY_LIMIT = "128MB"
"""The memory DuckDB may use for a collection (queries larger than that spill to disk)."""
COMMIT_FILES = 1000
"""Files stored in one transaction. DuckDB writes a large transaction's rows straight into the
file, compressed, in whole row groups; small ones go through its log and each checkpoint
rewrites the last, partly filled row group again, a cost that grows with the collection."""


class CollectionError(GovinfoReportError, ValueError):
    """A collection's database or folder cannot be opened, read or written."""

    default_message = "the collection cannot be opened"


class OutputFormat(enum.Enum):
    """How a collection is written."""

    DUCKDB = "duckdb"
    """One DuckDB database file (``reports.duckdb``)."""
    PARQUET = "parquet"
    """A folder with one Parquet dataset per table, partitioned by year (``year=2024/``)."""
    CSV = "csv"
    """A folder with one CSV file per table (UTF-8, header row)."""


_DUCKDB_SUFFIXES = (".duckdb", ".db", ".ddb")


def output_format(path: Path, requested: OutputFormat | str | None = None) -> OutputFormat:
    """The format asked for, or the one a path implies.

    ``*.duckdb`` (``.db``, ``.ddb``) is DuckDB; a folder holding ``reports.csv`` is CSV; any
    other path a Parquet folder.
    """
    if requested is not None:
        return OutputFormat(requested)
    if path.suffix.lower() in _DUCKDB_SUFFIXES:
        return OutputFormat.DUCKDB
    if (path / "reports.csv").is_file():
        return OutputFormat.CSV
    return OutputFormat.PARQUET


_SQL_TYPES = {
    pa.string(): "VARCHAR",
    pa.int16(): "SMALLINT",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.timestamp("s"): "TIMESTAMP",
}
"""The DuckDB type of each Arrow type the tables declare."""


def _sql_type(data_type: pa.DataType) -> str:
    return _SQL_TYPES[data_type]


def _columns_sql(spec: TableSpec) -> str:
    return ", ".join(f'"{column.name}" {_sql_type(column.type)}' for column in spec.columns)


def _create_sql(name: str, spec: TableSpec) -> str:
    return f"CREATE TABLE IF NOT EXISTS {name} ({_columns_sql(spec)})"


def _cells_view(name: str, counted: str) -> str:
    labels = ", ".join(
        f'l."{column.name}"'
        if column.name in _FROM_LABELS
        else f'{_SOURCE[column.name]}."{column.name}"'
        for column in CELLS.columns
    )
    return (
        f"CREATE OR REPLACE VIEW {name} AS SELECT {labels} FROM cell_values v "
        "JOIN reports r ON r.file = v.file "
        "JOIN cell_labels l ON l.layout = r.format_proactive || '/' || r.format_requests "
        f"AND l.cell = v.cell WHERE {counted}"
    )


def _findings_view() -> str:
    columns = ", ".join(
        f'{_FINDING_SOURCE.get(column.name, "t")}."{column.name}"' for column in FINDINGS.columns
    )
    return (
        f"CREATE OR REPLACE VIEW findings AS SELECT {columns} FROM finding_rows f "
        "JOIN finding_texts t ON t.id = f.text JOIN reports r ON r.file = f.file"
    )


_FINDING_SOURCE = {
    "organ": "r",
    "year": "r",
    "sha256": "r",
    **{column.name: "f" for column in FINDING_ROWS.columns},
}
"""Where each column of the findings view comes from, other than the texts."""

_FROM_LABELS = frozenset(column.name for column in CELL_LABELS.columns)
_SOURCE = {
    "organ": "r",
    "year": "r",
    "sha256": "r",
    "value": "v",
    "raw": "v",
    "location": "v",
    "file": "v",
}
"""Where each column of the cells view comes from, other than the labels."""


class Store:
    """The DuckDB database a collection is worked on, and where it is written when done.

    ``reports`` is a table; cells are stored slim in ``cell_values`` (file, position, value,
    raw text, location) and read through the views ``cells`` (counted reports) and
    ``uncounted_cells``, which join in the key from ``reports`` and the labels from
    ``cell_labels``; findings are stored in ``finding_rows`` with their texts once a batch in
    ``finding_texts``, and read through the view ``findings``.
    """

    def __init__(self, path: Path | None, fmt: OutputFormat = OutputFormat.DUCKDB) -> None:
        self.path = path
        self.format = fmt
        self._scratch: weakref.finalize[[str], Store] | None = None
        self._uncommitted = 0
        """Files added since the last commit."""
        self._next_text = 0
        """The id the next finding text stored gets."""
        if path is None:
            database = ":memory:"
        elif fmt is OutputFormat.DUCKDB:
            path.parent.mkdir(parents=True, exist_ok=True)
            database = str(path)
        else:
            # A Parquet or CSV collection is worked on in a database file beside it, not in
            # memory: a collection of any size then needs no more memory than a small one.
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = tempfile.mkdtemp(prefix=f".{path.name}-", dir=path.parent)
            # Removed on closing, or when the store is dropped unclosed, or at exit.
            self._scratch = weakref.finalize(self, _remove_folder, scratch)
            database = str(Path(scratch) / "collection.duckdb")
        try:
            # DuckDB would keep up to 80 % of the machine's memory as cache; a bound keeps a
            # large collection flat (it spills to disk beyond it).
            self.connection = duckdb.connect(database, config={"memory_limit": MEMORY_LIMIT})
            earlier = self._earlier_layout()
            if earlier:
                self.close()
                raise CollectionError(f"{path}: {earlier}")
            self._create()
            if self._scratch is not None and path is not None and path.exists():
                self._load_folder(path)
        except duckdb.Error as error:
            self.close()
            message = f"{path}: cannot open the collection ({fmt.value}): {error}"
            raise CollectionError(message) from None

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """While batches are added (:meth:`add`): DuckDB in one thread, beside the reading.

        Its inserts then take no core from the readers; queries afterwards use every core. One
        transaction holds :data:`COMMIT_FILES` files; the last is committed at the end, or
        rolled back when an exception ends the loading.
        """
        self.connection.execute("SET threads = 1")
        try:
            yield
        except BaseException:
            if self._uncommitted:
                self.connection.execute("ROLLBACK")
            raise
        else:
            if self._uncommitted:
                self.connection.execute("COMMIT")
        finally:
            self._uncommitted = 0
            self.connection.execute("RESET threads")

    def _earlier_layout(self) -> str:
        """Why the database was laid out by an earlier version, or nothing when it was not.

        The tidy tables were stored as tables before some of them became views; DuckDB would
        only say that a view cannot replace a table.
        """
        views = (CELLS.name, UNCOUNTED_CELLS, FINDINGS.name)
        stored = self.connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_name IN (?, ?, ?) ORDER BY table_name",
            views,
        ).fetchall()
        if not stored:
            return ""
        return (
            f"laid out by an earlier version of govinfo_report ({stored[0][0]} is a table here, "
            "a view now): collect into a new database, or delete this one to build it again"
        )

    def _create(self) -> None:
        connection = self.connection
        for spec in (REPORTS, FINDING_TEXTS, FINDING_ROWS, CELL_VALUES):
            connection.execute(_create_sql(spec.name, spec))
        connection.execute(f"CREATE OR REPLACE TABLE cell_labels ({_columns_sql(CELL_LABELS)})")
        connection.register("labels", cell_labels_table())
        connection.execute("INSERT INTO cell_labels SELECT * FROM labels")
        connection.unregister("labels")
        connection.execute(_cells_view(CELLS.name, "r.counted"))
        connection.execute(_cells_view(UNCOUNTED_CELLS, "NOT r.counted"))
        connection.execute(_findings_view())
        self._next_text = connection.execute(
            "SELECT coalesce(max(id) + 1, 0) FROM finding_texts"
        ).fetchall()[0][0]

    def _load_folder(self, folder: Path) -> None:
        """Load a Parquet or CSV collection written before."""
        source = self._folder_source(folder, REPORTS.name, REPORTS)
        if source is not None:
            columns = ", ".join(f'"{column.name}"' for column in REPORTS.columns)
            self.connection.execute(f"INSERT INTO reports SELECT {columns} FROM {source}")
        source = self._folder_source(folder, FINDINGS.name, FINDINGS)
        if source is not None:
            self._load_findings(source)
        for name in (CELLS.name, UNCOUNTED_CELLS):
            source = self._folder_source(folder, name, CELLS)
            if source is not None:
                self.connection.execute(
                    "INSERT INTO cell_values SELECT c.file, l.cell, c.value, c.raw, c.location "
                    f"FROM {source} c JOIN reports r ON r.file = c.file JOIN cell_labels l "
                    "ON l.layout = r.format_proactive || '/' || r.format_requests "
                    "AND l.path = c.path"
                )

    def _load_findings(self, source: str) -> None:
        """Load ``findings`` rows, each distinct text once."""
        texts = ", ".join(f'"{column.name}"' for column in FINDING_TEXTS.columns[1:])
        same = " AND ".join(
            f'w."{column.name}" IS NOT DISTINCT FROM t."{column.name}"'
            for column in FINDING_TEXTS.columns[1:]
        )
        values = ", ".join(f'w."{column.name}"' for column in FINDING_ROWS.columns[2:])
        connection = self.connection
        connection.execute(f"CREATE TEMP TABLE wide_findings AS SELECT * FROM {source}")
        connection.execute(
            f"INSERT INTO finding_texts SELECT {self._next_text} + row_number() OVER () - 1, "
            f"{texts} FROM (SELECT DISTINCT {texts} FROM wide_findings)"
        )
        connection.execute(
            f"INSERT INTO finding_rows SELECT w.file, t.id, {values} "
            f"FROM wide_findings w JOIN finding_texts t ON {same}"
        )
        connection.execute("DROP TABLE wide_findings")
        self._next_text = connection.execute(
            "SELECT coalesce(max(id) + 1, 0) FROM finding_texts"
        ).fetchall()[0][0]

    def _folder_source(self, folder: Path, name: str, spec: TableSpec) -> str | None:
        if self.format is OutputFormat.CSV:
            file = folder / f"{name}.csv"
            if not file.exists():
                return None
            types = ", ".join(
                f"'{column.name}': '{_sql_type(column.type)}'" for column in spec.columns
            )
            return f"read_csv('{_quoted(file)}', header = true, columns = {{{types}}})"
        dataset = folder / name
        if not any(dataset.rglob("*.parquet")):
            return None
        pattern = _quoted(dataset / "**" / "*.parquet")
        return f"read_parquet('{pattern}', hive_partitioning = true, union_by_name = true)"

    def known_files(self) -> dict[str, str]:
        """File path → SHA-256 of every file already in the collection."""
        rows = self.connection.execute("SELECT file, sha256 FROM reports").fetchall()
        return dict(rows)

    def add(self, batch: Batch, *, replacing: bool) -> None:
        """Store a batch of readings (inside :meth:`loading`).

        With ``replacing``, what the same files gave before is dropped first.
        """
        connection = self.connection
        if not self._uncommitted:
            connection.execute("BEGIN TRANSACTION")
        self._uncommitted += batch.files
        if replacing:
            connection.register("batch_files", batch.reports.select(["file"]))
            for name in ("reports", "cell_values", "finding_rows"):
                connection.execute(
                    f"DELETE FROM {name} WHERE file IN (SELECT file FROM batch_files)"
                )
            connection.unregister("batch_files")
        self._insert("reports", batch.reports)
        self._insert("cell_values", batch.cell_values)
        self.add_findings(batch.found)
        if self._uncommitted >= COMMIT_FILES:
            connection.execute("COMMIT")
            self._uncommitted = 0

    def add_findings(self, found: FindingTables) -> None:
        """Store findings, their texts under ids of their own."""
        texts = found.texts.set_column(
            0, "id", pa.compute.add(found.texts["id"], pa.scalar(self._next_text, pa.int64()))
        )
        rows = found.rows.set_column(
            1, "text", pa.compute.add(found.rows["text"], pa.scalar(self._next_text, pa.int64()))
        )
        self._insert("finding_texts", texts)
        self._insert("finding_rows", rows)
        self._next_text += texts.num_rows

    def remove_findings(self, origin: str) -> None:
        """Drop the findings of one origin (``collection``, ``series``), texts and all."""
        self.connection.execute(
            "DELETE FROM finding_rows WHERE text IN "
            "(SELECT id FROM finding_texts WHERE origin = $origin)",
            {"origin": origin},
        )
        self.connection.execute(
            "DELETE FROM finding_texts WHERE origin = $origin", {"origin": origin}
        )

    def remove_unused_texts(self) -> None:
        """Drop the texts no finding uses any more (after files were read again)."""
        self.connection.execute(
            "DELETE FROM finding_texts WHERE id NOT IN (SELECT text FROM finding_rows)"
        )

    def _insert(self, name: str, table: pa.Table) -> None:
        if table.num_rows:
            self.connection.register("batch", table)
            self.connection.execute(f"INSERT INTO {name} SELECT * FROM batch")
            self.connection.unregister("batch")

    def table(self, name: str) -> pa.Table:
        """A whole table (or view) as Arrow."""
        return self.connection.sql(f"SELECT * FROM {name}").to_arrow_table()

    def write(self) -> None:
        """Write a Parquet or CSV collection back to its folder (a database file is written)."""
        if self.path is None or self.format is OutputFormat.DUCKDB:
            self.connection.execute("CHECKPOINT")
            return
        self.path.mkdir(parents=True, exist_ok=True)
        for name in (*(spec.name for spec in TABLES), UNCOUNTED_CELLS):
            if self.format is OutputFormat.CSV:
                target = _quoted(self.path / f"{name}.csv")
                self.connection.execute(
                    f"COPY (SELECT * FROM {name}) TO '{target}' (HEADER, DELIMITER ',')"
                )
            else:
                # A rewrite, not an update: a year no longer present must not linger.
                shutil.rmtree(self.path / name, ignore_errors=True)
                target = _quoted(self.path / name)
                self.connection.execute(
                    f"COPY (SELECT * FROM {name}) TO '{target}' "
                    "(FORMAT PARQUET, PARTITION_BY (year), FILENAME_PATTERN 'part-{i}')"
                )

    def close(self) -> None:
        """Close the database (and remove the working copy of a Parquet or CSV collection)."""
        if hasattr(self, "connection"):
            self.connection.close()
        if self._scratch is not None:
            self._scratch()


def _remove_folder(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
