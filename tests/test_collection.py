"""Building a collection: bad input, duplicates, conflicts, aliases, incremental re-runs."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path
from typing import Any

import attrs
import duckdb
import pytest

from govinfo_report import Report, to_json
from govinfo_report.collection import (
    NOTES,
    REPORT_SUFFIXES,
    TABLES,
    _collect,
    _read,
    _store,
    _tables,
    collect,
    find_files,
    read_bytes,
    read_file,
)
from govinfo_report.collection._collect import Summary
from govinfo_report.collection._store import OutputFormat, output_format
from govinfo_report.collection._tables import Batch

SOURCES = Path(__file__).parent / "corpus" / "sources"


def _copy(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SOURCES / name, folder / name)


def _codes(summary: Summary | None) -> dict[str, int]:
    assert summary is not None
    return dict(summary.codes)


def test_bad_input_is_reported_and_the_rest_collected(tmp_path: Path) -> None:
    """An unreadable file, a report with no year and two reports claiming one organ and year
    are findings and in the summary; every other file is still collected."""
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt", "2023_pingtan_zone.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "notes.txt").write_text("会议纪要，不是年度报告。", encoding="utf-8")
    text = (SOURCES / "2021_pingtan_zone.txt").read_text(encoding="utf-8")
    # Another copy of the same report (one character more): a duplicate, not a conflict.
    (folder / "z_other_2021.txt").write_text(text.replace("2021年", "2021年 ", 1), encoding="utf-8")
    report = Report.blank("2021", organ="某某街道办事处")
    (folder / "undated.json").write_text(to_json(report), encoding="utf-8")
    conflicting = attrs.evolve(
        read_report(folder / "2021_pingtan_zone.txt"),
        requests=Report.blank("2021").requests,
    )
    (folder / "z_conflict.json").write_text(to_json(conflicting), encoding="utf-8")

    collection = collect([folder])
    summary = collection.summary
    assert summary is not None
    codes = _codes(summary)
    assert codes["C-UNREADABLE"] == 2
    assert codes["C-NO-YEAR"] == 1
    assert codes["C-CONFLICT"] == 1
    assert codes["C-DUPLICATE-REPORT"] == 1
    assert summary.unreadable == 2
    assert summary.findings["error"] > 0
    rows = collection.sql(
        "SELECT file, counted, duplicate_of, read_error FROM reports ORDER BY file"
    ).fetchall()
    by_name = {Path(file).name: (counted, other, error) for file, counted, other, error in rows}
    assert by_name["broken.pdf"][0] is False
    assert "broken.pdf" in by_name["broken.pdf"][2]
    assert by_name["2021_pingtan_zone.txt"] == (True, None, None)
    assert by_name["z_conflict.json"][:2] == (False, str(folder / "2021_pingtan_zone.txt"))
    assert by_name["2023_pingtan_zone.txt"][0] is True
    assert by_name["undated.json"][0] is True
    message = collection.sql(
        "SELECT message_en FROM findings WHERE code = 'C-CONFLICT'"
    ).fetchall()[0][0]
    assert "2021_pingtan_zone.txt is also 平潭综合实验区's report for 2021" in message
    # Cells of the conflicting report are kept apart, not counted, not lost.
    assert collection.sql(
        "SELECT count(*) FROM uncounted_cells WHERE file LIKE '%z_conflict.json'"
    ).fetchall() == [(200,)]
    assert collection.sql("SELECT count(DISTINCT file) FROM cells").fetchall() == [(3,)]
    collection.close()


def read_report(path: Path) -> Report:
    reading = read_file(path)
    assert reading.document is not None
    from govinfo_report import from_json  # noqa: PLC0415

    return from_json(reading.document)


def test_byte_identical_files_are_counted_once(tmp_path: Path) -> None:
    """The same file under two names: one counted, the other a C-DUPLICATE-FILE."""
    _copy(tmp_path / "a", "2025_pingtan_zone.txt")
    _copy(tmp_path / "b", "2025_pingtan_zone.txt")
    collection = collect([tmp_path / "a", tmp_path / "b"])
    assert _codes(collection.summary) == {"C-DUPLICATE-FILE": 1}
    assert collection.sql("SELECT count(*) FROM cells").fetchall() == [(200,)]
    collection.close()


def test_rerun_reads_only_changed_files(tmp_path: Path) -> None:
    """A second run reads nothing; after one file changes, it reads that file alone."""
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt", "2023_pingtan_zone.txt", "2025_pingtan_zone.txt")
    database = tmp_path / "reports.duckdb"
    first = collect([folder], database)
    assert first.summary is not None
    assert (first.summary.read, first.summary.unchanged) == (3, 0)
    cells = first.sql("SELECT count(*) FROM cells").fetchall()
    findings = "SELECT origin, count(*), count(DISTINCT message_en) FROM findings GROUP BY ALL"
    first_findings = first.sql(findings).fetchall()
    first.close()

    second = collect([folder], database)
    assert second.summary is not None
    assert (second.summary.read, second.summary.unchanged) == (0, 3)
    assert second.sql("SELECT count(*) FROM cells").fetchall() == cells
    second.close()

    changed = folder / "2023_pingtan_zone.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：无。\n", encoding="utf-8")
    third = collect([folder], database)
    assert third.summary is not None
    assert (third.summary.read, third.summary.unchanged) == (1, 2)
    assert third.sql("SELECT count(*) FROM cells").fetchall() == cells
    assert third.sql("SELECT count(*) FROM reports").fetchall() == [(3,)]
    # The changed file's findings replaced its old ones; no text is left without a finding.
    assert third.sql(findings).fetchall() == first_findings
    unused = "SELECT count(*) FROM finding_texts WHERE id NOT IN (SELECT text FROM finding_rows)"
    assert third.sql(unused).fetchall() == [(0,)]
    third.close()


def test_parquet_rerun_updates_in_place(tmp_path: Path) -> None:
    """A Parquet folder is loaded, updated and written back."""
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt")
    output = tmp_path / "out"
    collect([folder], output).close()
    _copy(folder, "2023_pingtan_zone.txt")
    again = collect([folder], output)
    assert again.summary is not None
    assert (again.summary.read, again.summary.unchanged) == (1, 1)
    assert again.sql("SELECT count(*) FROM cells").fetchall() == [(400,)]
    # The findings loaded back from the folder are those of a collection made at once.
    query = "SELECT * FROM findings ORDER BY ALL"
    direct = collect([folder])
    assert again.sql(query).fetchall() == direct.sql(query).fetchall()
    again.close()
    direct.close()


def test_a_parquet_collection_is_worked_on_in_a_file_beside_it(tmp_path: Path) -> None:
    """Not in memory: a hidden database file next to the folder, removed on closing (or when
    the collection is dropped unclosed); DuckDB gets every core back after loading."""
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt")
    collection = collect([folder], tmp_path / "out")
    (scratch,) = tmp_path.glob(".out-*")
    databases = collection.sql("SELECT path FROM duckdb_databases() WHERE NOT internal")
    assert databases.fetchall() == [(str(scratch / "collection.duckdb"),)]
    threads = "SELECT current_setting('threads')"
    assert collection.sql(threads).fetchall() == duckdb.connect().execute(threads).fetchall()
    collection.close()
    assert not list(tmp_path.glob(".out-*"))
    assert (tmp_path / "out" / "cells").is_dir()
    dropped = collect([folder], tmp_path / "csv", format="csv")
    assert list(tmp_path.glob(".csv-*"))
    del dropped
    gc.collect()
    assert not list(tmp_path.glob(".csv-*"))


def test_aliases_key_one_organ_and_enable_its_series(tmp_path: Path) -> None:
    """Hongze prints its name two ways; the alias table makes one series of consecutive years."""
    folder = tmp_path / "in"
    _copy(folder, "2023_huaian_hongze_district.txt", "2024_huaian_hongze_district.txt")
    plain = collect([folder])
    assert len(plain.organs()) == 2
    plain.close()
    keyed = collect([folder], aliases={"洪泽区人民政府": "淮安市洪泽区人民政府"})
    assert keyed.organs() == ["淮安市洪泽区人民政府"]
    printed = keyed.sql("SELECT DISTINCT organ_printed FROM reports ORDER BY 1").fetchall()
    assert printed == [("洪泽区人民政府",), ("淮安市洪泽区人民政府",)]
    # 2023 → 2024 is consecutive: the continuity checks ran (P1 holds: no finding), no gap.
    gaps = keyed.sql("SELECT count(*) FROM findings WHERE code = 'S-GAP'").fetchall()
    assert gaps == [(0,)]
    keyed.close()


def test_parallel_reading_gives_the_same_tables(tmp_path: Path) -> None:
    """jobs=2 reads in processes; the tables are the same as read one by one."""
    folder = tmp_path / "in"
    _copy(folder, "2019_pingtan_zone.txt", "2021_pingtan_zone.txt", "2024_huaian_city.txt")
    calls: list[tuple[int, int]] = []
    one = collect([folder])
    two = collect([folder], jobs=2, progress=lambda done, total: calls.append((done, total)))
    query = "SELECT file, path, value FROM cells ORDER BY file, path"
    assert one.sql(query).fetchall() == two.sql(query).fetchall()
    assert calls[-1] == (3, 3)
    one.close()
    two.close()


def test_find_files_expands_folders_and_globs(tmp_path: Path) -> None:
    """Folders are searched for report files; globs match; a file found twice is listed once."""
    _copy(tmp_path, "2021_pingtan_zone.txt", "2024_huaian_city.pdf")
    (tmp_path / "archive.zip").write_bytes(b"PK")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")  # scans are reports too (read through OCR)
    found = find_files([tmp_path, str(tmp_path / "*.txt"), tmp_path / "2021_pingtan_zone.txt"])
    assert [path.name for path in found] == [
        "2021_pingtan_zone.txt",
        "2024_huaian_city.pdf",
        "scan.png",
    ]
    assert ".json" in REPORT_SUFFIXES
    assert find_files([tmp_path / "archive.zip"]) == [tmp_path / "archive.zip"]


def test_read_bytes_is_a_pure_function_of_the_bytes() -> None:
    """The same bytes give the same reading, whatever else happened."""
    data = (SOURCES / "2023_pingtan_zone.txt").read_bytes()
    first, second = read_bytes(data, "a.txt"), read_bytes(data, "a.txt")
    assert attrs.evolve(first, seconds=0) == attrs.evolve(second, seconds=0)
    assert first.kind == "text"
    assert first.year == 2023
    assert len(first.values) == len(first.raws) == len(first.locations) == 200


def test_a_missing_file_is_a_reading_with_an_error(tmp_path: Path) -> None:
    """A path that cannot be opened gives a reading naming it, not an exception."""
    reading = read_file(tmp_path / "gone.txt")
    assert reading.error is not None
    assert "gone.txt: cannot open the file" in reading.error


def test_output_format_is_told_from_the_path(tmp_path: Path) -> None:
    """*.duckdb is DuckDB, a folder with reports.csv is CSV, anything else Parquet."""
    assert output_format(tmp_path / "x.duckdb") is OutputFormat.DUCKDB
    assert output_format(tmp_path / "x") is OutputFormat.PARQUET
    assert output_format(tmp_path / "x", "csv") is OutputFormat.CSV


def test_every_note_has_both_languages() -> None:
    """Collection findings are declared once, with a code, a severity and two messages."""
    codes = [note.code for note in NOTES]
    assert len(codes) == len(set(codes))
    assert all(note.zh and note.en for note in NOTES)


def test_docs_list_every_column_of_every_table() -> None:
    """docs/collections.md documents each table column by column."""
    text = (Path(__file__).parents[1] / "docs" / "collections.md").read_text(encoding="utf-8")
    for spec in TABLES:
        for column in spec.columns:
            assert f"`{column.name}`" in text, (spec.name, column.name)


def test_batches_blanks_as_zero_and_processes_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small batches, two processes and blanks read as zero: every report, fewer blanks."""
    monkeypatch.setattr(_collect, "BATCH_SIZE", 2)
    folder = tmp_path / "in"
    _copy(folder, "2019_shanghai_gov_office.html", "2021_pingtan_zone.txt", "2023_pingtan_zone.txt")
    plain = collect([folder])
    zeros = collect([folder], jobs=2, blanks_as_zero=True)
    query = "SELECT count(*) FROM cells WHERE value IS NULL"
    # Blank printed cells become 0; only cells the reader found nowhere stay null.
    assert zeros.sql(query).fetchall()[0][0] < plain.sql(query).fetchall()[0][0]
    assert zeros.sql("SELECT count(*) FROM reports").fetchall() == [(3,)]
    plain.close()
    zeros.close()


def test_transactions_of_a_few_files_and_a_failure_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches are committed every COMMIT_FILES files; a failure while loading rolls back
    only what was not committed yet, and leaves the database usable."""
    monkeypatch.setattr(_collect, "BATCH_SIZE", 1)
    monkeypatch.setattr(_store, "COMMIT_FILES", 2)
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt", "2023_pingtan_zone.txt", "2024_huaian_city.txt")
    made, fail_at = 0, 3
    real_batch_tables = _tables.batch_tables

    def failing(*args: Any) -> Batch:
        nonlocal made
        made += 1
        if made == fail_at:
            raise RuntimeError("disk full")
        return real_batch_tables(*args)

    monkeypatch.setattr(_collect, "batch_tables", failing)
    committed = _store.Store(None)
    with pytest.raises(RuntimeError, match="disk full"):
        _collect.run(committed, [folder])
    assert committed.connection.execute("SELECT count(*) FROM reports").fetchall() == [(2,)]
    resumed = _collect.run(committed, [folder])  # reads only the file not committed
    assert (resumed.read, resumed.unchanged, resumed.reports) == (1, 2, 3)
    committed.close()
    made, fail_at = 0, 2
    monkeypatch.setattr(_store, "COMMIT_FILES", 10)
    store = _store.Store(None)
    with pytest.raises(RuntimeError, match="disk full"):
        _collect.run(store, [folder])
    assert store.connection.execute("SELECT count(*) FROM reports").fetchall() == [(0,)]
    summary = _collect.run(store, [folder])
    assert (summary.read, summary.reports) == (3, 3)
    store.close()


def test_small_bounds_give_the_same_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembering one place, fetching one series document at a time, a batch of unreadable
    files only: the same tables as with the usual bounds."""
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt", "2023_pingtan_zone.txt", "2025_pingtan_zone.txt")
    _copy(folder, "2024_huaian_city.txt")  # cells on many lines: places forgotten as read
    query = "SELECT file, code, path, location FROM findings ORDER BY ALL"
    cells = "SELECT file, path, location FROM cells ORDER BY ALL"
    usual = collect([folder])
    monkeypatch.setattr(_read, "_PLACES", {})
    monkeypatch.setattr(_read, "_PLACES_KEPT", 1)
    monkeypatch.setattr(_read, "_ROWS", {})
    monkeypatch.setattr(_read, "_ROWS_KEPT", 1)
    monkeypatch.setattr(_collect, "_REPORTS_AT_ONCE", 1)
    bounded = collect([folder])
    assert len(_read._PLACES) == 1  # forgotten and remembered again, place after place
    assert len(_read._ROWS) == 1  # so are the rows of findings made once by the rules
    assert bounded.sql(query).fetchall() == usual.sql(query).fetchall()
    assert bounded.sql(cells).fetchall() == usual.sql(cells).fetchall()
    assert bounded.sql("SELECT count(*) FROM findings WHERE origin = 'series'").fetchall()[0][0]
    usual.close()
    bounded.close()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    gone = _tables.batch_tables([read_file(tmp_path / "gone.txt")], {}, now)
    assert (gone.files, gone.cell_values.num_rows, gone.findings.num_rows) == (1, 0, 0)
    assert _tables.findings_table([]).num_rows == 0
    nothing = _tables.batch_tables([], {}, now)
    assert (nothing.files, nothing.found.num_rows, nothing.findings.num_rows) == (0, 0, 0)


def test_a_reader_failure_is_a_reading_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception inside the reader becomes this file's error, named."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(_read, "parse", broken)
    reading = read_bytes(b"some text", "odd.txt")
    assert reading.error == "odd.txt: could not be read (RuntimeError: boom)"
    assert reading.sha256


def test_finding_texts_are_stored_once_a_batch(tmp_path: Path) -> None:
    """The findings view gives every stored finding with its texts and its report's key; a
    text many findings share is stored once; a batch's findings expand to the same rows."""
    folder = tmp_path / "in"
    _copy(folder, "2021_pingtan_zone.txt", "2023_pingtan_zone.txt", "2024_huaian_city.txt")
    collection = collect([folder])
    stored, texts, shown = collection.sql(
        "SELECT (SELECT count(*) FROM finding_rows), (SELECT count(*) FROM finding_texts), "
        "(SELECT count(*) FROM findings)"
    ).fetchall()[0]
    assert stored == shown > texts > 0
    keyed = collection.sql(
        "SELECT count(*) FROM findings f JOIN reports r ON r.file = f.file "
        "WHERE f.organ IS NOT DISTINCT FROM r.organ AND f.year IS NOT DISTINCT FROM r.year "
        "AND f.sha256 = r.sha256"
    ).fetchall()
    assert keyed == [(shown,)]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    readings = [read_file(path) for path in sorted(folder.iterdir())]
    batch = _tables.batch_tables(readings, {}, now)
    assert batch.found.texts.num_rows < batch.found.num_rows == batch.findings.num_rows
    columns = ("file", "origin", "code", "path", "expected", "message_zh", "location")
    expanded = sorted(zip(*(batch.findings[name].to_pylist() for name in columns), strict=True))
    query = (
        "SELECT file, origin, code, path, expected, message_zh, location FROM findings "
        "WHERE origin IN ('reading', 'rules')"
    )
    assert expanded == sorted(collection.sql(query).fetchall())
    collection.close()
