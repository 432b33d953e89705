"""The corpus collected into DuckDB, Parquet and CSV: every table queried, cells as expected."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from govinfo_report import catalog
from govinfo_report.collection import (
    TABLES,
    Collection,
    CollectionError,
    OutputFormat,
    collect,
    open_collection,
)
from govinfo_report.errors import UnknownIdError

CORPUS = Path(__file__).parent / "corpus"
SOURCES = CORPUS / "sources"
UNDECIDABLE = {"R-AMBIGUOUS-SPLIT", "R-SHORT-ROW"}
"""Reading findings under which a cell may stay blank (several readings fit; see the corpus
test of the readers)."""
ALIASES = {"洪泽区人民政府": "淮安市洪泽区人民政府"}
"""The 2023 Hongze report prints its organ without the city."""


def _expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "expected" / f"{stem}.json").read_text("utf-8"))
    return data


def _expected_cells(expected: dict[str, Any]) -> dict[str, Any]:
    cells: dict[str, Any] = {}

    def walk(node: object, prefix: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{prefix}.{key}")
        else:
            cells[prefix] = node

    for section_id in catalog.SECTION_IDS:
        walk(expected.get(section_id), f"$.{section_id}")
    return cells


@pytest.fixture(scope="module", params=list(OutputFormat), ids=lambda fmt: fmt.value)
def collection(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Collection:
    fmt: OutputFormat = request.param
    folder = tmp_path_factory.mktemp(fmt.value)
    output = folder / ("reports.duckdb" if fmt is OutputFormat.DUCKDB else "out")
    collect([SOURCES], output, format=fmt, aliases=ALIASES).close()
    # Read back from what was written, not from the working database.
    return open_collection(output)


def test_every_file_has_a_report_row(collection: Collection) -> None:
    """One row per source file; the pdf and text copies of one report are counted once."""
    rows = collection.sql(
        "SELECT file, organ, year, counted, duplicate_of, read_error, sha256 FROM reports"
    ).fetchall()
    files = {Path(file).name for file, *_ in rows}
    assert files == {path.name for path in SOURCES.iterdir()}
    assert all(error is None for *_, error, _sha in rows)
    assert all(len(sha) == 64 for *_, sha in rows)
    counted = [(organ, year) for _file, organ, year, is_counted, *_ in rows if is_counted]
    assert len(counted) == len({(organ, year) for organ, year in counted}) == 12
    not_counted = {Path(file).name for file, _o, _y, is_counted, *_ in rows if not is_counted}
    # Same cells as the copy counted in their place: a duplicate, not a conflict.
    assert len(not_counted) == 3
    codes = collection.sql(
        "SELECT code, count(*) FROM findings WHERE origin = 'collection' GROUP BY code"
    ).fetchall()
    assert dict(codes) == {"C-DUPLICATE-REPORT": 3, "C-NO-ORGAN": 1}


def test_cells_equal_the_expected_values(collection: Collection) -> None:
    """Every cell of every counted report is the corpus value (or blank where undecidable)."""
    reports = collection.sql("SELECT file FROM reports WHERE counted").fetchall()
    assert len(reports) == 12
    for (file,) in reports:
        expected = _expected(Path(file).stem)
        expected_cells = _expected_cells(expected)
        uncertain = set(expected.get("uncertain_cells", ()))
        rows = collection.sql(
            "SELECT path, value, organ, year FROM cells WHERE file = ?", [file]
        ).fetchall()
        undecidable = {
            path
            for (path,) in collection.sql(
                "SELECT path FROM findings WHERE file = ? AND code IN ?", [file, list(UNDECIDABLE)]
            ).fetchall()
        }
        assert rows, file
        assert {year for *_, year in rows} == {expected["year"]}
        for path, value, _organ, _year in rows:
            if path in uncertain or path.endswith("_unit"):
                continue
            want = expected_cells[path]
            if value is None and want is not None:
                assert path in undecidable, (file, path)
                continue
            assert (None if want is None else Decimal(str(want))) == (
                None if value is None else Decimal(str(value))
            ), (file, path)


def test_cells_carry_labels_raw_text_and_location(collection: Collection) -> None:
    """The headline query works as written, with official labels and where it was read."""
    rows = collection.sql(
        "SELECT organ, value, row_zh, column_en, raw, location FROM cells "
        "WHERE row = 'granted' AND \"column\" = 'total' AND year = 2024 ORDER BY organ"
    ).fetchall()
    stems = ("2024_shanghai_kewei", "2024_huaian_city", "2024_huaian_hongze_district")
    assert [(organ, value) for organ, value, *_ in rows] == [
        (ALIASES.get(organ, organ), float(_expected(stem)["requests"]["granted"]["total"]))
        for stem in stems
        for organ in [_expected(stem)["organ"]]
    ]
    grid = catalog.requests_grid("2021")
    assert {row[2] for row in rows} == {grid.row("granted").label.zh}
    assert {row[3] for row in rows} == {grid.column("total").label.en}
    huaian = rows[1]
    assert huaian[4] == str(_expected(stems[1])["requests"]["granted"]["total"])
    assert huaian[5]


def test_findings_hold_rules_and_reading_findings(collection: Collection) -> None:
    """The 2023 Hongze report's table 四 totals are wrong: two E4 errors, with the numbers."""
    rows = collection.sql(
        "SELECT code, severity, expected, actual, difference, message_zh, message_en "
        "FROM findings WHERE origin = 'rules' AND rule = 'E4' AND status = 'failed' "
        "AND year = 2023 AND organ = '淮安市洪泽区人民政府' AND file LIKE '%.pdf'"
    ).fetchall()
    assert len(rows) == 2
    for _code, severity, expected, actual, difference, zh, en in rows:
        assert severity == "error"
        assert actual - expected == difference
        assert zh
        assert en
    origins = {
        origin for (origin,) in collection.sql("SELECT DISTINCT origin FROM findings").fetchall()
    }
    assert origins == {"reading", "rules", "collection", "series"}


def test_pingtan_series_is_not_compared_across_gaps(collection: Collection) -> None:
    """Pingtan publishes 2019, 2021, 2023, 2025: no pair is consecutive, each gap is noted."""
    rows = collection.sql(
        "SELECT year, previous_year, code, severity FROM findings "
        "WHERE origin = 'series' AND organ = '平潭综合实验区' AND code = 'S-GAP' ORDER BY year"
    ).fetchall()
    assert rows == [
        (2021, 2019, "S-GAP", "info"),
        (2023, 2021, "S-GAP", "info"),
        (2025, 2023, "S-GAP", "info"),
    ]
    continuity = collection.sql(
        "SELECT count(*) FROM findings WHERE origin = 'series' AND organ = '平潭综合实验区' "
        "AND rule IN ('P1', 'P2', 'P4')"
    ).fetchone()
    assert continuity == (0,)


def test_tables_follow_their_declaration(collection: Collection) -> None:
    """Each table has the declared columns in the declared order."""
    for spec in TABLES:
        table = collection.table(spec.name)
        assert table.column_names == [column.name for column in spec.columns]
        assert table.num_rows > 0
    frames = collection.to_pandas()
    assert set(frames) == {spec.name for spec in TABLES}
    assert len(frames["cells"]) == collection.sql("SELECT count(*) FROM cells").fetchone()[0]  # type: ignore[index]
    with pytest.raises(UnknownIdError, match="the tables are reports, cells, findings"):
        collection.table("nothing")


def test_reports_come_back_as_models(collection: Collection) -> None:
    """Counted reports load back from the reports table, named by their organ key."""
    hongze = collection.reports(organ="淮安市洪泽区人民政府")
    assert [report.year for report in hongze] == [2023, 2024]
    assert {report.organ for report in hongze} == {"淮安市洪泽区人民政府"}
    assert "平潭综合实验区" in collection.organs()
    assert len(collection.reports(year=2024)) == 3


def test_parquet_is_partitioned_by_year(tmp_path: Path) -> None:
    """The Parquet folder has one year= partition per year; DuckDB reads it directly."""
    output = tmp_path / "out"
    collect([SOURCES / "2019_pingtan_zone.txt", SOURCES / "2021_pingtan_zone.txt"], output).close()
    partitions = sorted(path.name for path in (output / "cells").iterdir())
    assert partitions == ["year=2019", "year=2021"]
    pattern = str(output / "cells" / "**" / "*.parquet")
    relation = duckdb.sql(
        "SELECT count(*) FROM read_parquet(?, hive_partitioning = 1)", params=[pattern]
    )
    assert relation is not None
    count = relation.fetchall()
    assert count == [(catalog.format_spec("2019").size + catalog.format_spec("2021").size,)]


def test_open_refuses_what_is_not_a_collection(tmp_path: Path) -> None:
    """A missing path, or a file that is not a DuckDB database, is a clear error."""
    with pytest.raises(FileNotFoundError, match="no collection here"):
        open_collection(tmp_path / "missing.duckdb")
    fake = tmp_path / "fake.duckdb"
    fake.write_text("not a database", encoding="utf-8")
    with pytest.raises(CollectionError, match=r"fake\.duckdb: cannot open the collection"):
        open_collection(fake)


def test_a_database_laid_out_by_an_earlier_version_is_refused_by_name(tmp_path: Path) -> None:
    """Findings were once a stored table; such a database is named, not left to DuckDB."""
    earlier = tmp_path / "earlier.duckdb"
    with duckdb.connect(str(earlier)) as connection:
        connection.execute("CREATE TABLE findings (code VARCHAR)")
    refused = r"earlier\.duckdb: laid out by an earlier "
    with pytest.raises(CollectionError, match=refused):
        open_collection(earlier)
    with pytest.raises(CollectionError, match=refused):
        collect([], earlier)
    with duckdb.connect(str(earlier)) as connection:
        assert connection.execute("SELECT count(*) FROM findings").fetchall() == [(0,)]


def test_csv_output_is_detected_on_open(tmp_path: Path) -> None:
    """A CSV folder opens without saying it is CSV, and updates in place."""
    output = tmp_path / "csv"
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SOURCES / "2021_pingtan_zone.txt", source)
    collect([source], output, format="csv").close()
    assert (output / "reports.csv").is_file()
    with open_collection(output) as opened, collect([source]) as direct:
        assert opened.sql("SELECT count(*) FROM cells").fetchone() == (200,)
        # Findings come back from findings.csv as they were stored, texts and values alike.
        query = "SELECT * FROM findings ORDER BY ALL"
        assert opened.sql(query).fetchall() == direct.sql(query).fetchall()
    again = collect([source], output)
    assert again.summary is not None
    assert (again.summary.read, again.summary.unchanged) == (0, 1)
    again.close()
