"""``govinfo-report render`` and ``template``, through the command group."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from cli_runner import SOURCES, error_line, invoke
from govinfo_report import Report, from_json, to_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE

REPORT = Report.blank("2021", organ="某某县人民政府", year=2024)
HUAIAN = SOURCES / "2024_huaian_city.txt"
HONGZE_2023 = SOURCES / "2023_huaian_hongze_district.txt"


def test_render_json_to_markdown_on_stdout(tmp_path: Path) -> None:
    source = tmp_path / "report.json"
    source.write_text(to_json(REPORT), encoding="utf-8")
    result = invoke("render", str(source), "--to", "md")
    assert result.exit_code == EXIT_OK, result.output
    assert result.stdout.startswith("# 某某县人民政府2024年政府信息公开工作年度报告")
    assert result.stderr == ""
    example = invoke("render", "--example", "--to", "md")
    assert example.stdout.startswith("# 淮安市人民政府2024年政府信息公开工作年度报告")
    nothing = invoke("render", "--to", "md")
    assert nothing.exit_code == EXIT_UNREADABLE
    assert "--example" in nothing.stderr


def test_render_a_published_report_to_word(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = invoke("render", str(HUAIAN), "--to", "docx", "-o", str(out), "-v")
    assert result.exit_code == EXIT_OK, result.output
    assert out.read_bytes().startswith(b"PK")
    assert result.stderr == f"{HUAIAN} → {out}\n"


def test_render_from_stdin_to_stdout_bytes() -> None:
    result = invoke("render", "-", "--to", "xlsx", "-o", "-", stdin=to_json(REPORT))
    assert result.exit_code == EXIT_OK
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert len(book.sheetnames) == 6


def test_render_exits_1_when_a_report_breaks_an_identity(tmp_path: Path) -> None:
    """The file is written either way; the status says the report is wrong, as check does."""
    out = tmp_path / "hongze.txt"
    result = invoke("render", str(HONGZE_2023), "--to", "txt", "-o", str(out))
    assert result.exit_code == EXIT_FINDINGS
    assert "洪泽区人民政府" in out.read_text(encoding="utf-8")


def test_several_reports_go_into_a_folder_named_as_parse_names_them(tmp_path: Path) -> None:
    """A folder and a compendium: <name>.<format> per report, numbered after the first."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HUAIAN, folder / "huaian.txt")
    compendium = folder / "book.txt"
    compendium.write_bytes(HUAIAN.read_bytes() + b"\n" + HONGZE_2023.read_bytes())
    result = invoke("render", str(folder), "--to", "html", "-o", str(tmp_path / "out"))
    assert result.exit_code == EXIT_FINDINGS  # the Hongze report breaks E4
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "book.txt.2.html",
        "book.txt.html",
        "huaian.txt.html",
    ]
    assert "洪泽区人民政府" in (tmp_path / "out" / "book.txt.2.html").read_text(encoding="utf-8")
    # One compendium and no folder named: usage error, nothing written.
    alone = invoke("render", str(compendium), "--to", "md")
    assert alone.exit_code == EXIT_UNREADABLE
    assert alone.stdout == ""
    assert alone.stderr.startswith("govinfo-report: error: several reports to write: ")
    # A file in the way of the folder: one line naming it.
    blocked = invoke("render", str(folder), "--to", "md", "-o", str(compendium))
    assert blocked.stderr == error_line(str(compendium), "exists and is not a folder")
    # An existing folder as -o takes even one report, under its name.
    invoke("render", str(HUAIAN), "--to", "md", "-o", str(tmp_path / "out"))
    assert (tmp_path / "out" / "2024_huaian_city.txt.md").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "docx"), "--to docx writes a binary file: name it with -o FILE"),
        (("--to", "md", "a.txt", "b.txt"), "several reports to write: name a folder with -o DIR"),
    ],
)
def test_usage_errors_before_reading(args: tuple[str, ...], message: str) -> None:
    result = invoke("render", "-", *args, stdin=to_json(REPORT))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.startswith(f"govinfo-report: error: {message}")
    assert result.stderr.endswith("(see 'govinfo-report render --help')\n")


def test_render_errors_are_the_other_commands(tmp_path: Path) -> None:
    """A document that is not a report, an empty file, an unwritable output: one line each,
    the same words as parse and show."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"organ": 3}', encoding="utf-8")
    invalid = invoke("render", str(bad), "--to", "html")
    assert invalid.exit_code == EXIT_UNREADABLE
    assert error_line(str(bad), "$.organ: expected a string or null, got 3") in invalid.stderr
    assert invoke("show", str(bad)).stderr == invalid.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    unreadable = invoke("render", str(empty), "--to", "txt")
    assert unreadable.exit_code == EXIT_UNREADABLE
    assert unreadable.stderr == error_line(str(empty), "the file is empty")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "x.txt"
    unwritable = invoke("render", "-", "--to", "txt", "-o", str(target), stdin=to_json(REPORT))
    assert unwritable.exit_code == EXIT_UNREADABLE
    assert unwritable.stderr == error_line(str(blocker), "file exists")


def test_template_writes_the_filing_workbook(tmp_path: Path) -> None:
    out = tmp_path / "filing.xlsx"
    result = invoke("template", "--version", "2019", "-o", str(out))
    assert result.exit_code == EXIT_OK, result.output
    book = openpyxl.load_workbook(out)
    assert book.worksheets[1]["B3"].value == "本年新制作数量"
    to_stdout = invoke("template", "-o", "-")
    assert openpyxl.load_workbook(io.BytesIO(to_stdout.stdout_bytes)).sheetnames
    usage = invoke("template", "--version", "2018", "-o", str(out))
    assert usage.exit_code == EXIT_UNREADABLE
    assert len(usage.stderr.splitlines()) == 1
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    unwritable = invoke("template", "-o", str(blocker / "x.xlsx"))
    assert unwritable.exit_code == EXIT_UNREADABLE
    assert unwritable.stderr == error_line(str(blocker), "file exists")


def test_render_round_trips_through_the_readers(tmp_path: Path) -> None:
    """What render writes as text, parse reads back to the same tables."""
    out = tmp_path / "report.txt"
    assert invoke("render", str(HUAIAN), "--to", "txt", "-o", str(out)).exit_code == EXIT_OK
    document = invoke("parse", "-q", "-o", "-", str(out)).stdout
    original = invoke("parse", "-q", "-o", "-", str(HUAIAN)).stdout
    assert from_json(document).requests == from_json(original).requests
