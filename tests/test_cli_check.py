"""Tests of ``govinfo-report check`` and ``govinfo-report rules``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest

from cli_runner import error_line, invoke
from govinfo_report import Report, catalog, to_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.rules import check, rule_catalogue
from test_rules_corpus import load_expected


def _write(folder: Path, stem: str) -> str:
    report, _data = load_expected(stem)
    path = folder / f"{stem}.json"
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
    result = invoke("check", consistent)
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith(f"{consistent}: 0 个错误")
    assert result.stderr == ""


def test_errors_exit_1_with_chinese_labels(slips: str) -> None:
    """Errors: exit status 1, each check listed with the official labels and its message."""
    result = invoke("check", slips)
    assert result.exit_code == EXIT_FINDINGS
    out = result.stdout
    grid = catalog.REVIEW_LITIGATION_GRID
    assert grid.label.zh in out
    assert f"{grid.row('review').label.zh} / {grid.column('total').label.zh}" in out
    assert "E4.review_litigation.review " in out
    assert "E4.review_litigation.litigation_after_review " in out
    for finding in check(load_expected("2023_huaian_hongze_district")[0]).errors:
        assert finding.message_zh in out


def test_same_language_default_everywhere(slips: str) -> None:
    """Without --lang, check speaks Chinese, as show and parse do."""
    assert invoke("check", slips).stdout == invoke("check", "--lang", "zh", slips).stdout


def test_english_labels(slips: str) -> None:
    """--lang en prints English labels and messages."""
    out = invoke("check", "--lang", "en", slips).stdout
    grid = catalog.REVIEW_LITIGATION_GRID
    assert "2 errors" in out
    assert grid.label.en in out
    assert grid.label.zh not in out


def test_json_output_is_the_findings(consistent: str, slips: str) -> None:
    """--format json gives each file's result as the library's dicts."""
    result = invoke("check", "--format", "json", consistent, slips)
    assert result.exit_code == EXIT_FINDINGS
    document = msgspec.json.Decoder(float_hook=Decimal).decode(result.stdout)
    assert [entry["file"] for entry in document["files"]] == [consistent, slips]
    expected = check(load_expected("2023_huaian_hongze_district")[0]).to_dict()
    assert document["files"][1] == {"file": slips, **expected}
    assert document["files"][0]["ok"] is True


def test_jsonl_output(consistent: str, slips: str) -> None:
    """--format jsonl: one result per line, in the order given."""
    lines = invoke("check", "--format", "jsonl", consistent, slips).stdout.splitlines()
    assert [json.loads(line)["ok"] for line in lines] == [True, False]


def test_folders_and_stdin(tmp_path: Path, slips: str) -> None:
    """A folder gives its *.json documents (not parse's reading records); '-' is stdin."""
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    inner = _write(folder / "sub", "2024_huaian_city")
    (folder / "sub" / "2024_huaian_city.json.findings.json").write_text("{}", encoding="utf-8")
    (folder / "notes.txt").write_text("not a document", encoding="utf-8")
    result = invoke("check", "--format", "jsonl", str(folder))
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [inner]
    piped = invoke("check", "-", stdin=Path(slips).read_bytes())
    assert piped.exit_code == EXIT_FINDINGS
    assert piped.stdout.startswith("<stdin>: 2 个错误")


def test_min_severity_hides_lesser_findings(tmp_path: Path) -> None:
    """--min-severity error leaves blanks and warnings out of the table."""
    path = _write(tmp_path, "2024_shanghai_kewei")
    everything = invoke("check", path).stdout
    errors_only = invoke("check", "--min-severity", "error", path).stdout
    assert "B.requests.carried_to_next_year.total" in everything
    assert "B.requests.carried_to_next_year.total" not in errors_only
    assert "E1.requests.total" in errors_only


def test_passed_lists_checks_that_hold(consistent: str) -> None:
    """--passed adds the checks that hold."""
    out = invoke("check", "--passed", "--min-severity", "error", consistent).stdout
    assert "E2.requests.natural_person" in out
    assert "成立" in out


def test_quiet_prints_only_reports_with_errors(consistent: str, slips: str) -> None:
    """-q: only the reports with error findings are printed."""
    out = invoke("check", "-q", consistent, slips).stdout
    assert consistent not in out
    assert f"{slips}: 2 个错误" in out


def test_unreadable_files_exit_2(tmp_path: Path, slips: str) -> None:
    """A missing file or a document that is not a report: exit 2, one error line per problem."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"organ": 1}', encoding="utf-8")
    missing = tmp_path / "missing"
    result = invoke("check", slips, str(broken), str(missing))
    assert result.exit_code == EXIT_UNREADABLE
    assert error_line(str(broken), "$.organ: expected a string or null, got 1") in result.stderr
    assert error_line(str(missing), "no such file or folder") in result.stderr
    assert all(line.startswith("govinfo-report: error: ") for line in result.stderr.splitlines())
    assert f"{slips}: 2 个错误" in result.stdout


def test_unreadable_files_in_json(tmp_path: Path) -> None:
    """In JSON, an unreadable file has an error entry with every problem."""
    broken = tmp_path / "broken.json"
    broken.write_text("not json", encoding="utf-8")
    result = invoke("check", "--format", "json", str(broken))
    assert result.exit_code == EXIT_UNREADABLE
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["file"] == str(broken)
    assert [problem["message"][:16] for problem in entry["error"]] == ["$: not valid JSO"]


@pytest.mark.parametrize("version", [v.value for v in catalog.FORMATS])
def test_rules_prints_the_catalogue(version: str) -> None:
    """`rules VERSION` prints the catalogue as JSON."""
    result = invoke("rules", version)
    assert result.exit_code == EXIT_OK
    assert json.loads(result.stdout) == rule_catalogue(version)


def test_rules_text_lists_each_rule() -> None:
    """`rules --format text` lists each rule with its description and number of checks."""
    result = invoke("rules", "2019", "--format", "text", "--lang", "en")
    assert result.exit_code == EXIT_OK
    for rule in rule_catalogue("2019")["rules"]:
        assert rule["description"]["en"] in result.stdout
        assert f"{rule['id']} " in result.stdout


def test_findings_of_section_two_name_their_table(tmp_path: Path) -> None:
    """A finding in a table of section 二 names the section and the table."""
    path = tmp_path / "blank.json"
    path.write_text(to_json(Report.blank("2021")), encoding="utf-8")
    out = invoke("check", str(path)).stdout
    spec = catalog.format_spec("2021").section("proactive_disclosure")
    assert f"{spec.heading.zh} {spec.grids[0].label.zh}" in out
