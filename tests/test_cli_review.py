"""``govinfo-report review FILE... -o DIR``, through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from govinfo_report.cli.review import review_command

SOURCES = Path(__file__).parent / "corpus" / "sources"
HONGZE = SOURCES / "2024_huaian_hongze_district.txt"
HONGZE_2023 = SOURCES / "2023_huaian_hongze_district.txt"


def test_writes_a_page_per_report_in_both_languages_and_the_index(tmp_path: Path) -> None:
    """Two reports: four pages, two index pages, one summary line each (exit 0: no errors)."""
    out = tmp_path / "site"
    result = CliRunner().invoke(
        review_command, [str(HONGZE), str(SOURCES / "2025_pingtan_zone.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == [
        "2024_huaian_hongze_district.txt.en.html",
        "2024_huaian_hongze_district.txt.html",
        "2025_pingtan_zone.txt.en.html",
        "2025_pingtan_zone.txt.html",
        "index.en.html",
        "index.html",
    ]
    lines = result.output.splitlines()
    assert "0 个错误，0 个警告，1 项审阅发现" in lines[0]
    assert lines[-1] == f"索引：{out / 'index.html'}"
    page = (out / "2024_huaian_hongze_district.txt.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in page
    assert 'href="2024_huaian_hongze_district.txt.en.html"' in page


def test_json_summary_and_errors_of_the_form_exit_1(tmp_path: Path) -> None:
    """Hongze 2023 breaks E4 twice: exit 1; the JSON lists each report's counts and findings."""
    result = CliRunner().invoke(
        review_command,
        [str(HONGZE_2023), str(HONGZE), "-o", str(tmp_path), "--format", "json", "--lang", "en"],
    )
    assert result.exit_code == 1
    summaries = json.loads(result.output)
    assert [summary["counts"]["errors"] for summary in summaries] == [2, 0]
    assert summaries[1]["findings"][0]["check"] == "P7.requests.received"
    assert summaries[1]["page"].endswith("2024_huaian_hongze_district.txt.en.html")


def test_jsonl_and_standard_input(tmp_path: Path) -> None:
    """``-`` reads a report from standard input; jsonl prints one object per line."""
    result = CliRunner().invoke(
        review_command,
        ["-", "-o", str(tmp_path), "--format", "jsonl"],
        input=HONGZE.read_bytes(),
    )
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert json.loads(line)["file"] == "stdin"
    assert (tmp_path / "stdin.html").exists()


def test_unreadable_files_are_named_in_one_line_and_exit_2(tmp_path: Path) -> None:
    """A missing file and a file that is no report: one error line each; the rest is written."""
    not_a_report = tmp_path / "note.txt"
    not_a_report.write_text("这不是年度报告。", encoding="utf-8")
    missing = tmp_path / "missing.pdf"
    result = CliRunner().invoke(
        review_command, [str(missing), str(not_a_report), str(HONGZE), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"govinfo-report: error: {missing}: ")
    assert errors[1].startswith(f"govinfo-report: error: {not_a_report}: no report found")
    assert (tmp_path / "o" / "2024_huaian_hongze_district.txt.html").exists()


def test_an_output_folder_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    """-o naming a file: one error line, exit 2."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(review_command, [str(HONGZE), "-o", str(blocker / "sub")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"govinfo-report: error: {blocker / 'sub'}: ")
