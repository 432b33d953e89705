"""Tests of ``govinfo-report check`` and ``govinfo-report rules``."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest

from govinfo_report import catalog, to_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, run
from govinfo_report.rules import check, rule_catalogue
from test_rules_corpus import load_expected


def _run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def _write(tmp_path: Path, stem: str) -> str:
    report, _data = load_expected(stem)
    path = tmp_path / f"{stem}.json"
    path.write_text(to_json(report), encoding="utf-8")
    return str(path)


@pytest.fixture
def consistent(tmp_path: Path) -> str:
    return _write(tmp_path, "2024_huaian_city")


@pytest.fixture
def slips(tmp_path: Path) -> str:
    return _write(tmp_path, "2023_huaian_hongze_district")


def test_consistent_report_exits_0(consistent: str) -> None:
    """No error: exit status 0 and a summary line."""
    status, out, err = _run("check", consistent)
    assert status == EXIT_OK
    assert out.startswith(f"{consistent}: 0 个错误")
    assert err == ""


def test_errors_exit_1_with_chinese_labels(slips: str) -> None:
    """Errors: exit status 1, each check listed with the official labels and its message."""
    status, out, _err = _run("check", slips)
    assert status == EXIT_FINDINGS
    grid = catalog.REVIEW_LITIGATION_GRID
    assert grid.label.zh in out
    assert f"{grid.row('review').label.zh} / {grid.column('total').label.zh}" in out
    assert "E4.review_litigation.review " in out
    assert "E4.review_litigation.litigation_after_review " in out
    for finding in check(load_expected("2023_huaian_hongze_district")[0]).errors:
        assert finding.message_zh in out


def test_english_labels(slips: str) -> None:
    """--lang en prints English labels and messages."""
    _status, out, _err = _run("check", "--lang", "en", slips)
    grid = catalog.REVIEW_LITIGATION_GRID
    assert "2 errors" in out
    assert grid.label.en in out
    assert grid.label.zh not in out


def test_json_output_is_the_findings(consistent: str, slips: str) -> None:
    """--format json gives each file's result as the library's dicts."""
    status, out, _err = _run("check", "--format", "json", consistent, slips)
    assert status == EXIT_FINDINGS
    document = msgspec.json.Decoder(float_hook=Decimal).decode(out)
    assert [entry["file"] for entry in document["files"]] == [consistent, slips]
    expected = check(load_expected("2023_huaian_hongze_district")[0]).to_dict()
    assert document["files"][1] == {"file": slips, **expected}
    assert document["files"][0]["ok"] is True


def test_min_severity_hides_lesser_findings(tmp_path: Path) -> None:
    """--min-severity error leaves blanks and warnings out of the table."""
    path = _write(tmp_path, "2024_shanghai_kewei")
    _status, everything, _err = _run("check", path)
    _status, errors_only, _err = _run("check", "--min-severity", "error", path)
    assert "B.requests.carried_to_next_year.total" in everything
    assert "B.requests.carried_to_next_year.total" not in errors_only
    assert "E1.requests.total" in errors_only


def test_passed_lists_checks_that_hold(consistent: str) -> None:
    """--passed adds the checks that hold."""
    _status, out, _err = _run("check", "--passed", "--min-severity", "error", consistent)
    assert "E2.requests.natural_person" in out
    assert "成立" in out


def test_unreadable_files_exit_2(tmp_path: Path, slips: str) -> None:
    """A missing file or a document that is not a report: exit status 2, named on stderr."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"organ": 1}', encoding="utf-8")
    missing = tmp_path / "missing.json"
    status, out, err = _run("check", slips, str(broken), str(missing))
    assert status == EXIT_UNREADABLE
    assert f"{broken}: not a valid report document" in err
    assert "$.organ" in err
    assert f"{missing}: cannot read" in err
    assert f"{slips}: 2 个错误" in out


def test_unreadable_files_in_json(tmp_path: Path) -> None:
    """In JSON, an unreadable file has an error entry with every problem's path."""
    broken = tmp_path / "broken.json"
    broken.write_text("not json", encoding="utf-8")
    status, out, _err = _run("check", "--format", "json", str(broken))
    assert status == EXIT_UNREADABLE
    (entry,) = json.loads(out)["files"]
    assert entry["file"] == str(broken)
    assert [problem["path"] for problem in entry["error"]["problems"]] == ["$"]


@pytest.mark.parametrize("version", [v.value for v in catalog.FORMATS])
def test_rules_prints_the_catalogue(version: str) -> None:
    """`rules VERSION` prints the catalogue as JSON."""
    status, out, _err = _run("rules", version)
    assert status == EXIT_OK
    assert json.loads(out) == rule_catalogue(version)


def test_rules_text_lists_each_rule() -> None:
    """`rules --format text` lists each rule with its description and number of checks."""
    status, out, _err = _run("rules", "2019", "--format", "text", "--lang", "en")
    assert status == EXIT_OK
    for rule in rule_catalogue("2019")["rules"]:
        assert rule["description"]["en"] in out
        assert f"{rule['id']} " in out
