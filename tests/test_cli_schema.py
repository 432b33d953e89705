"""The schema and validate commands: output, files written, exit status, problems with paths."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pytest

from govinfo_report import Report, to_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, run
from govinfo_report.schema import SCHEMA_VERSIONS, published_files, schema_id, schema_text

if TYPE_CHECKING:
    from pathlib import Path


def _run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_schema_prints_the_published_schema(version: str) -> None:
    """`schema --version V` prints exactly the file published for V."""
    status, out, _err = _run("schema", "--version", version)
    assert status == EXIT_OK
    assert out == schema_text(version)


def test_schema_defaults_to_all_versions() -> None:
    """Without --version the combined schema is printed."""
    _status, out, _err = _run("schema")
    assert json.loads(out)["$id"] == schema_id("all")


def test_schema_writes_a_file_and_every_file(tmp_path: Path) -> None:
    """-o writes one schema; --write-all regenerates every published file."""
    target = tmp_path / "report.json"
    assert _run("schema", "--version", "2019", "-o", str(target))[0] == EXIT_OK
    assert target.read_text(encoding="utf-8") == schema_text("2019")
    status, out, _err = _run("schema", "--write-all", str(tmp_path / "all"))
    assert status == EXIT_OK
    for name, text in published_files().items():
        assert (tmp_path / "all" / name).read_text(encoding="utf-8") == text
        assert name in out


def test_schema_cannot_write(tmp_path: Path) -> None:
    """An output path that cannot be written is exit status 2 with a message, no traceback."""
    status, _out, err = _run("schema", "-o", str(tmp_path / "missing" / "x.json"))
    assert status == EXIT_UNREADABLE
    assert "cannot write" in err


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

    assert _run("validate", str(valid)) == (EXIT_OK, f"{valid}: valid\n", "")

    status, out, _err = _run("validate", str(valid), str(invalid))
    assert status == EXIT_FINDINGS
    assert f"{invalid}: 1 problem\n  $.year: expected a number >= 2008, got 1999\n" in out

    status, out, err = _run("validate", str(invalid), str(broken), str(tmp_path / "none.json"))
    assert status == EXIT_UNREADABLE
    assert f"{broken}: cannot read" in err
    assert "none.json: cannot read" in err
    assert f"{invalid}: 1 problem" in out


def test_validate_against_one_version_and_with_the_loader(tmp_path: Path) -> None:
    """--version holds documents to one format; --engine loader gives the same verdicts."""
    document = tmp_path / "report.json"
    document.write_text(to_json(Report.blank("2019")), encoding="utf-8")
    assert _run("validate", "--version", "2019", str(document))[0] == EXIT_OK
    for engine in ("schema", "loader"):
        status, out, _err = _run("validate", "--version", "2021", "--engine", engine, str(document))
        assert status == EXIT_FINDINGS
        assert "$.requests.format" in out


def test_validate_needs_a_file() -> None:
    """A command line without files is a usage error, status 2."""
    assert _run("validate")[0] == EXIT_UNREADABLE
