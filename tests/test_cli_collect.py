"""``govinfo-report collect``, ``series`` and ``stats``, through the command line's group."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from cli_runner import SOURCES, error_line, invoke
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.cli.collect import _STORES, _progress
from govinfo_report.collection import OutputFormat

HONGZE = ("2023_huaian_hongze_district.txt", "2024_huaian_hongze_district.txt")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in (*HONGZE, "2024_huaian_city.txt", "2025_pingtan_zone.txt"):
        shutil.copy(SOURCES / name, reports / name)
    return reports


@pytest.fixture
def database(folder: Path, tmp_path: Path) -> Path:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("洪泽区人民政府,淮安市洪泽区人民政府\n", encoding="utf-8")
    output = tmp_path / "reports.duckdb"
    result = invoke("collect", str(folder), "-o", str(output), "--aliases", str(aliases))
    assert result.exit_code in {EXIT_OK, EXIT_FINDINGS}, result.output
    return output


def test_collect_ends_with_a_summary(folder: Path, tmp_path: Path) -> None:
    """The summary says what was read; a second run reads nothing."""
    output = tmp_path / "out.duckdb"
    first = invoke("collect", str(folder), "-o", str(output))
    assert first.exit_code == EXIT_FINDINGS  # the 2023 Hongze report breaks E4
    assert "4 file(s) found: 4 read, 0 unchanged" in first.output
    second = invoke("collect", str(folder), "-o", str(output), "--format", "json")
    summary = json.loads(second.output)
    assert (summary["read"], summary["unchanged"], summary["reports"]) == (0, 4, 4)


def test_collect_names_unreadable_files_and_goes_on(folder: Path, tmp_path: Path) -> None:
    """An unreadable file is one error line naming it, exit 2, and the rest is collected."""
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing here")
    output = tmp_path / "csv"
    result = invoke("collect", str(folder), "-o", str(output), "--to", "csv", "--format", "jsonl")
    assert result.exit_code == EXIT_UNREADABLE
    errors = [line for line in result.stderr.splitlines() if "broken.pdf" in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"govinfo-report: error: {folder / 'broken.pdf'}: ")
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["reports"] == 4
    assert summary["codes"] == {"C-UNREADABLE": 1}
    assert (output / "cells.csv").is_file()


def test_collect_refuses_a_bad_alias_file(folder: Path, tmp_path: Path) -> None:
    """A malformed alias table is a one-line error naming the file and line."""
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("a,b\nonly-one-column\n", encoding="utf-8")
    result = invoke("collect", str(folder), "--aliases", str(aliases))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.strip() == (
        f"govinfo-report: error: {aliases}: line 2: expected two columns (name, key)"
    )
    bad_json = tmp_path / "aliases.json"
    bad_json.write_text("[1, 2]", encoding="utf-8")
    result = invoke("collect", str(folder), "--aliases", str(bad_json))
    assert "expected a JSON object of names to keys" in result.stderr


def test_collect_reports_an_output_it_cannot_open(folder: Path, tmp_path: Path) -> None:
    """An output that is not a DuckDB database is a one-line error, exit 2."""
    output = tmp_path / "not.duckdb"
    output.write_text("text", encoding="utf-8")
    result = invoke("collect", str(folder), "-o", str(output))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.startswith(f"govinfo-report: error: {output}: ")


def test_series_checks_an_organ(database: Path) -> None:
    """Hongze 2023 → 2024 are consecutive: continuity is checked; sudden changes are listed."""
    result = invoke("series", "淮安市洪泽区人民政府", "--db", str(database), "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS
    assert "years 2023, 2024" in result.output
    assert "continuity checked: 2023→2024" in result.output
    assert "S-SUDDEN-CHANGE" in result.output
    as_json = invoke("series", "淮安市洪泽区人民政府", "--db", str(database), "--format", "json")
    document = json.loads(as_json.output)
    assert document["checked"] == [[2023, 2024]]
    assert all(finding["year"] == 2024 for finding in document["findings"])


def test_series_of_one_report_has_no_findings(database: Path) -> None:
    """One report: nothing to compare, exit 0."""
    result = invoke("series", "平潭综合实验区", "--db", str(database))
    assert result.exit_code == EXIT_OK
    assert "no consecutive years" in result.output
    assert "no findings" in result.output


def test_series_of_an_unknown_organ_names_the_known_ones(database: Path) -> None:
    """An organ with no report is an error that lists organs that have one."""
    result = invoke("series", "某某局", "--db", str(database))
    assert result.exit_code == EXIT_UNREADABLE
    assert "no counted report for organ '某某局'" in result.stderr
    assert "淮安市人民政府" in result.stderr


def test_stats_prints_percentiles_per_group(database: Path, tmp_path: Path) -> None:
    """Rates per year and group; jsonl gives one record per line."""
    groups = tmp_path / "groups.json"
    groups.write_text(
        json.dumps({"淮安市人民政府": "市", "淮安市洪泽区人民政府": "县"}, ensure_ascii=False),
        encoding="utf-8",
    )
    result = invoke("stats", "--db", str(database), "--groups", str(groups), "--year", "2024")
    assert result.exit_code == EXIT_OK
    assert "2024 市 公开率: n=1 blank=0" in result.output
    assert "2024 县 结转率" in result.output
    records = invoke("stats", "--db", str(database), "--measures", "all", "--format", "jsonl")
    lines = [json.loads(line) for line in records.output.splitlines()]
    assert {line["kind"] for line in lines} == {"cell", "rate"}


def test_stats_on_a_missing_database_is_an_error(tmp_path: Path) -> None:
    """No collection at --db: one line, exit 2."""
    missing = str(tmp_path / "none.duckdb")
    result = invoke("stats", "--db", missing)
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(missing, "no such file or folder")


def test_store_choices_are_the_output_formats() -> None:
    """The command line offers exactly the output formats the collection writes."""
    assert tuple(fmt.value for fmt in OutputFormat) == _STORES


@pytest.mark.parametrize(
    "args", [("collect", "x.txt"), ("series", "某局", "--db", "x"), ("stats", "--db", "x")]
)
def test_commands_say_which_extra_is_missing(
    args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the collection extra, one error line says what to install, status 2."""
    monkeypatch.setitem(sys.modules, "govinfo_report.collection", None)
    result = invoke(*args)
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(
        None,
        "this command needs the collection extra (govinfo_report.collection is missing): "
        "pip install 'govinfo-report[collection]'",
    )


def test_a_missing_path_is_named_and_the_rest_collected(folder: Path, tmp_path: Path) -> None:
    """A missing path or a glob matching nothing: one line each, status 2, the rest collected."""
    missing = str(tmp_path / "missing")
    pattern = str(tmp_path / "nothing" / "*.pdf")
    output = tmp_path / "out.duckdb"
    result = invoke("collect", missing, str(folder), pattern, "-o", str(output), "-q")
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(missing, "no such file or folder") + error_line(
        pattern, "no such file or folder"
    )
    assert result.stdout == ""  # -q: no text summary
    as_json = invoke("collect", str(folder / "*.txt"), "-o", str(output), "--format", "json")
    assert json.loads(as_json.stdout)["found"] == 4  # a glob the shell left to the command


def test_only_missing_paths_write_nothing(tmp_path: Path) -> None:
    """Nothing to collect: the error lines, status 2, and no collection created."""
    output = tmp_path / "out.duckdb"
    result = invoke("collect", str(tmp_path / "missing.pdf"), "-o", str(output))
    assert result.exit_code == EXIT_UNREADABLE
    assert not output.exists()


def test_reading_records_in_a_folder_are_left_out(folder: Path, tmp_path: Path) -> None:
    """A folder written by `parse -o` holds reading records: they are not report documents."""
    (folder / "x.txt.findings.json").write_text("{}", encoding="utf-8")
    result = invoke("collect", str(folder), "-o", str(tmp_path / "out"), "--format", "json")
    assert json.loads(result.stdout)["found"] == 4
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-",), "'-' (standard input) is not one"),
        (("x.txt", "-o", "-"), "-o - (standard output) cannot hold one"),
        (("x.txt", "--jobs", "0"), "Invalid value for '-j' / '--jobs': 0 is not in the range"),
    ],
)
def test_usage_errors_of_collect(args: tuple[str, ...], words: str) -> None:
    """Standard input and output cannot hold a collection; --jobs below 1: one line, status 2."""
    result = invoke("collect", *args)
    assert result.exit_code == EXIT_UNREADABLE
    (line,) = result.stderr.splitlines()
    assert line.startswith("govinfo-report: error: ")
    assert words in line
    assert line.endswith("(see 'govinfo-report collect --help')")


def test_verbose_names_each_file_read(folder: Path, tmp_path: Path) -> None:
    """-v: a line per file read on standard error; nothing on a re-run that reads nothing."""
    output = str(tmp_path / "out.duckdb")
    result = invoke("collect", str(folder), "-o", output, "-v")
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert f"{folder / '2024_huaian_city.txt'}: 淮安市人民政府 2024, 0 error(s)" in lines[1]
    assert invoke("collect", str(folder), "-o", output, "-v").stderr == ""


@pytest.mark.parametrize("option", ["--aliases", "--groups"])
def test_a_missing_mapping_file_is_named(option: str, database: Path, tmp_path: Path) -> None:
    """An alias or group table that does not exist: the same line as any missing path."""
    missing = str(tmp_path / "missing.csv")
    args = ("collect", str(tmp_path)) if option == "--aliases" else ("stats", "--db", str(database))
    result = invoke(*args, option, missing)
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(missing, "no such file or folder")


def test_progress_shows_only_on_a_terminal() -> None:
    """A rich bar on a terminal; nothing when standard error is a file or a pipe."""
    update, stop = _progress(io.StringIO(), 1)
    assert update is None
    stop()

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    update, stop = _progress(Terminal(), 1)
    assert update is not None
    update(1, 2)
    update(2, 2)
    stop()
