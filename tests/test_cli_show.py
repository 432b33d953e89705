"""``govinfo-report show``: tables with their group rows and whole labels, any input kind."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from cli_runner import SOURCES, error_line, invoke
from govinfo_report import Report, catalog, to_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.parse import parse
from govinfo_report.render import BLANK

REQUESTS_2021 = catalog.format_spec("2021").section("requests").grids[0]


def test_show_prints_tables_and_findings() -> None:
    """show prints organ, year, every table with official labels, and the findings."""
    result = invoke("show", str(SOURCES / "2019_shanghai_gov_office.html"))
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith("上海市人民政府办公厅 2019\n")
    assert "三、收到和处理政府信息公开申请情况" in result.stdout
    assert "（七）总计" in result.stdout
    assert "问题（1）：" in result.stdout
    assert "R-UNIT" in result.stdout


def test_group_rows_and_whole_labels() -> None:
    """Table 三 shows each row group as a heading row over its indented members, every label
    whole (the longest is 36 characters), and column groups over their columns."""
    out = invoke("show", "--example").stdout
    lines = out.splitlines()
    withheld = REQUESTS_2021.row_group("withheld")
    heading = next(i for i, line in enumerate(lines) if line.strip() == withheld.label.zh)
    members = [REQUESTS_2021.row(member).label.zh for member in withheld.members]
    for offset, label in enumerate(members, start=1):
        assert lines[heading + offset].startswith(f"    {label} ")
    for row in REQUESTS_2021.rows:
        assert row.label.zh in out
    for group in REQUESTS_2021.row_groups + REQUESTS_2021.column_groups:
        assert group.label.zh in out
    assert "…" not in out


def test_wrapped_to_the_terminal_not_cut() -> None:
    """On an 80-column terminal long labels wrap; no line is wider and no number is lost."""
    out = invoke("show", "--example", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out
    report = parse(SOURCES / "2024_huaian_city.txt").report
    longest = max((row.label.zh for row in REQUESTS_2021.rows), key=len)
    assert longest not in out  # wrapped over several lines ...
    assert longest[:8] in out  # ... and begun, not dropped
    for row in REQUESTS_2021.rows:
        total = report.requests.cell(row.id, "total")
        assert any(line.endswith(f" {total}") for line in out.splitlines())


def test_show_reads_report_documents(tmp_path: Path) -> None:
    """A report document is told from a published report by its content, not its name."""
    report = parse(SOURCES / "2023_huaian_hongze_district.pdf").report
    document = tmp_path / "hongze.txt"
    document.write_text(to_json(report), encoding="utf-8")
    result = invoke("show", str(document))
    assert result.exit_code == EXIT_FINDINGS
    assert result.stdout.startswith("洪泽区人民政府 2023\n")
    assert "E4.review_litigation.review" in result.stdout
    piped = invoke("show", "-", stdin=to_json(report))
    assert piped.stdout == result.stdout


def test_show_json_is_the_parse_record() -> None:
    """--format json and jsonl print the records parse prints."""
    source = str(SOURCES / "2024_huaian_city.txt")
    shown = json.loads(invoke("show", "--format", "json", source).stdout)
    parsed = json.loads(invoke("parse", source).stdout)
    assert shown == parsed
    line = invoke("show", "--format", "jsonl", source).stdout
    assert json.loads(line) == shown["files"][0]


def test_english() -> None:
    """--lang en: English labels and messages."""
    out = invoke("show", "--example", "--lang", "en").stdout
    assert REQUESTS_2021.row_group("withheld").label.en in out
    assert "Findings (0):" in out
    assert REQUESTS_2021.row_group("withheld").label.zh not in out


def test_blank_cells_print_as_a_dash(tmp_path: Path) -> None:
    """A blank cell is —, never 0."""
    document = tmp_path / "blank.json"
    document.write_text(to_json(Report.blank("2021")), encoding="utf-8")
    out = invoke("show", str(document)).stdout
    assert f" {BLANK}" in out


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    """A file that cannot be read: one error line, status 2."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    result = invoke("show", str(path))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(str(path), "the file is empty")


def test_examples_module_runs_show(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m govinfo_report.examples``, the README's first command, shows the example."""
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("govinfo_report.examples", run_name="__main__")
    assert exited.value.code == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("淮安市人民政府 2024\n")
    assert "问题（0）：" in out


def test_quiet_and_verbose() -> None:
    """-q: the tables without the findings; -v: a line per report on standard error."""
    quiet = invoke("show", "-q", "--example")
    assert "问题" not in quiet.stdout
    assert "（七）总计" in quiet.stdout
    verbose = invoke("show", "-v", "--example")
    assert verbose.stderr.endswith("2024_huaian_city.txt: 0 finding(s)\n")
