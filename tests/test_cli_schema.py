"""The schema and validate commands: output, files written, exit status, problems with paths."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from cli_runner import error_line, invoke
from govinfo_report import Report, to_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.schema import SCHEMA_VERSIONS, published_files, schema_id, schema_text

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_schema_prints_the_published_schema(version: str) -> None:
    """`schema --version V` prints exactly the file published for V."""
    result = invoke("schema", "--version", version)
    assert result.exit_code == EXIT_OK
    assert result.stdout == schema_text(version)
    assert invoke("schema", "--version", version, "-o", "-").stdout == schema_text(version)


def test_schema_defaults_to_all_versions() -> None:
    """Without --version the combined schema is printed."""
    assert json.loads(invoke("schema").stdout)["$id"] == schema_id("all")


def test_schema_writes_a_file_and_every_file(tmp_path: Path) -> None:
    """-o writes one schema; --write-all regenerates every published file."""
    target = tmp_path / "report.json"
    assert invoke("schema", "--version", "2019", "-o", str(target)).exit_code == EXIT_OK
    assert target.read_text(encoding="utf-8") == schema_text("2019")
    result = invoke("schema", "--write-all", str(tmp_path / "all"))
    assert result.exit_code == EXIT_OK
    for name, text in published_files().items():
        assert (tmp_path / "all" / name).read_text(encoding="utf-8") == text
        assert name in result.stdout


def test_schema_cannot_write(tmp_path: Path) -> None:
    """Outputs that cannot be written: one error line naming them, status 2, no traceback."""
    missing = tmp_path / "missing" / "x.json"
    result = invoke("schema", "-o", str(missing))
    assert (result.exit_code, result.stderr) == (
        EXIT_UNREADABLE,
        error_line(str(missing), "no such file or directory"),
    )
    result = invoke("schema", "-o", str(tmp_path))
    assert result.stderr == error_line(str(tmp_path), "is a folder, not a file")
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    result = invoke("schema", "--write-all", str(afile))
    assert (result.exit_code, result.stderr) == (
        EXIT_UNREADABLE,
        error_line(str(afile), "exists and is not a folder"),
    )
    result = invoke("schema", "--write-all", str(afile / "sub"))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.startswith(f"govinfo-report: error: {afile / 'sub'}: ")
    result = invoke(
        "schema", "-o", str(target := tmp_path / "x.json"), "--write-all", str(tmp_path)
    )
    assert result.exit_code == EXIT_UNREADABLE
    assert not target.exists()


def test_validate_exit_status_and_problems(tmp_path: Path) -> None:
    """0 when all are valid, 1 when one is invalid (problems with paths), 2 when unreadable."""
    valid = tmp_path / "valid.json"
    valid.write_text(to_json(Report.blank("2021", year=2024)), encoding="utf-8")
    invalid = tmp_path / "invalid.json"
    invalid.write_text(
        to_json(Report.blank("2019")).replace('"year":null', '"year":1999'), encoding="utf-8"
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")

    result = invoke("validate", str(valid))
    assert (result.exit_code, result.stdout, result.stderr) == (EXIT_OK, f"{valid}: valid\n", "")
    assert invoke("validate", "-q", str(valid)).stdout == ""

    result = invoke("validate", str(valid), str(invalid))
    assert result.exit_code == EXIT_FINDINGS
    expected = f"{invalid}: 1 problem\n  $.year: expected a number >= 2008, got 1999\n"
    assert expected in result.stdout

    result = invoke("validate", str(invalid), str(broken), str(tmp_path / "none.json"))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.startswith(f"govinfo-report: error: {broken}: $: not valid JSON")
    assert error_line(str(tmp_path / "none.json"), "no such file or folder") in result.stderr
    assert f"{invalid}: 1 problem" in result.stdout


def test_validate_json_folders_and_stdin(tmp_path: Path) -> None:
    """--format json lists every file with its problems; folders and '-' are read too."""
    (tmp_path / "d").mkdir()
    valid = tmp_path / "d" / "valid.json"
    valid.write_text(to_json(Report.blank("2021", year=2024)), encoding="utf-8")
    text = to_json(Report.blank("2019")).replace('"year":null', '"year":1999')
    result = invoke("validate", "--format", "json", str(tmp_path / "d"), "-", stdin=text)
    assert result.exit_code == EXIT_FINDINGS
    files = json.loads(result.stdout)["files"]
    assert [(f["file"], f["valid"]) for f in files] == [(str(valid), True), ("<stdin>", False)]
    assert files[1]["problems"] == [
        {"path": "$.year", "message": "expected a number >= 2008", "value": 1999}
    ]
    line = invoke("validate", "--format", "jsonl", "-", stdin="{").stdout
    assert json.loads(line)["error"][0]["where"] == "<stdin>"


def test_validate_against_one_version_and_with_the_loader(tmp_path: Path) -> None:
    """--version holds documents to one format; --engine loader gives the same verdicts."""
    document = tmp_path / "report.json"
    document.write_text(to_json(Report.blank("2019")), encoding="utf-8")
    assert invoke("validate", "--version", "2019", str(document)).exit_code == EXIT_OK
    for engine in ("schema", "loader"):
        result = invoke("validate", "--version", "2021", "--engine", engine, str(document))
        assert result.exit_code == EXIT_FINDINGS
        assert "$.requests.format" in result.stdout


def test_validate_needs_a_file() -> None:
    """A command line without files is a usage error, status 2."""
    assert invoke("validate").exit_code == EXIT_UNREADABLE


def test_write_all_reports_the_file_it_cannot_write(tmp_path: Path) -> None:
    """--write-all names the file that could not be written."""
    name = next(iter(published_files()))
    (tmp_path / name).mkdir()
    result = invoke("schema", "--write-all", str(tmp_path))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(str(tmp_path / name), "is a directory")
