"""The render and template commands, invoked as click commands."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from govinfo_report import Report, to_json
from govinfo_report.cli.render import render_command, template_command

EXAMPLE = Path(__file__).parents[1] / "src" / "govinfo_report" / "examples" / "2024_huaian_city.txt"

REPORT = Report.blank("2021", organ="某某县人民政府", year=2024)


def test_render_json_to_markdown_on_stdout(tmp_path: Path) -> None:
    source = tmp_path / "report.json"
    source.write_text(to_json(REPORT), encoding="utf-8")
    result = CliRunner().invoke(render_command, [str(source), "--to", "md"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# 某某县人民政府2024年政府信息公开工作年度报告")


def test_render_a_published_report_to_word(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(render_command, [str(EXAMPLE), "--to", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_render_from_stdin_to_stdout_bytes() -> None:
    result = CliRunner().invoke(
        render_command, ["-", "--to", "xlsx", "-o", "-"], input=to_json(REPORT)
    )
    assert result.exit_code == 0
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert len(book.sheetnames) == 6


def test_render_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(render_command, [str(tmp_path / "none.json"), "--to", "md"])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("govinfo-report: error: ")
    assert "cannot read the file" in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"organ": 3}', encoding="utf-8")
    invalid = runner.invoke(render_command, [str(bad), "--to", "html"])
    assert invalid.exit_code == 2
    assert invalid.stderr.count("\n") == 1
    assert f"{bad}: not a valid report document" in invalid.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    unreadable = runner.invoke(render_command, [str(empty), "--to", "txt"])
    assert unreadable.exit_code == 2
    assert unreadable.stderr == f"govinfo-report: error: {empty}: the file is empty\n"
    binary = runner.invoke(render_command, ["-", "--to", "docx"], input=to_json(REPORT))
    assert binary.exit_code == 2
    assert "name a file with -o" in binary.stderr
    unwritable = runner.invoke(
        render_command,
        ["-", "--to", "txt", "-o", str(tmp_path / "no" / "x.txt")],
        input=to_json(REPORT),
    )
    assert unwritable.exit_code == 2
    assert "cannot write the file" in unwritable.stderr


def test_template_writes_the_filing_workbook(tmp_path: Path) -> None:
    out = tmp_path / "filing.xlsx"
    result = CliRunner().invoke(template_command, ["--version", "2019", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.worksheets[1]["B3"].value == "本年新制作数量"
    usage = CliRunner().invoke(template_command, ["--version", "2018", "-o", str(out)])
    assert usage.exit_code == 2
