"""``govinfo-report review PATH... -o DIR``, through the command group."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import SOURCES, error_line, invoke
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE

HONGZE = SOURCES / "2024_huaian_hongze_district.txt"
HONGZE_2023 = SOURCES / "2023_huaian_hongze_district.txt"


def test_writes_a_page_per_report_in_both_languages_and_the_index(tmp_path: Path) -> None:
    """Two reports: four pages, two index pages, one summary line each (exit 0: no errors)."""
    out = tmp_path / "site"
    result = invoke("review", str(HONGZE), str(SOURCES / "2025_pingtan_zone.txt"), "-o", str(out))
    assert result.exit_code == EXIT_OK, result.output
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
    result = invoke(
        "review", str(HONGZE_2023), str(HONGZE), "-o", str(tmp_path), "--format", "json"
    )
    assert result.exit_code == EXIT_FINDINGS
    summaries = json.loads(result.stdout)["files"]
    assert [summary["counts"]["errors"] for summary in summaries] == [2, 0]
    assert summaries[1]["findings"][0]["check"] == "P7.requests.received"
    assert summaries[1]["page"].endswith("2024_huaian_hongze_district.txt.html")


def test_jsonl_and_standard_input(tmp_path: Path) -> None:
    """``-`` reads a report from standard input; jsonl prints one object per line."""
    result = invoke(
        "review", "-", "-o", str(tmp_path), "--format", "jsonl", stdin=HONGZE.read_bytes()
    )
    assert result.exit_code == EXIT_OK, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["file"] == "<stdin>"
    assert (tmp_path / "stdin.html").exists()


def test_unreadable_files_are_named_in_one_line_and_exit_2(tmp_path: Path) -> None:
    """A missing file and a file that is no report: one error line each; the rest is written."""
    not_a_report = tmp_path / "note.txt"
    not_a_report.write_text("这不是年度报告。", encoding="utf-8")
    missing = tmp_path / "missing.pdf"
    result = invoke(
        "review", str(missing), str(not_a_report), str(HONGZE), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == EXIT_UNREADABLE
    errors = result.stderr.splitlines(keepends=True)
    assert len(errors) == 2
    assert errors[0] == error_line(str(missing), "no such file or folder")
    assert errors[1].startswith(f"govinfo-report: error: {not_a_report}: no report found")
    assert (tmp_path / "o" / "2024_huaian_hongze_district.txt.html").exists()


def test_an_output_folder_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    """-o naming a file: one error line, exit 2."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = invoke("review", str(HONGZE), "-o", str(blocker / "sub"))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(str(blocker / "sub"), "not a directory")
    result = invoke("review", str(HONGZE), "-o", str(blocker))
    assert result.stderr == error_line(str(blocker), "exists and is not a folder")


def test_a_compendium_gets_a_page_per_report(tmp_path: Path) -> None:
    """Every report of a compendium is reviewed; -q prints only those breaking an identity."""
    book = tmp_path / "book.txt"
    book.write_bytes(HONGZE.read_bytes() + b"\n" + HONGZE_2023.read_bytes())
    result = invoke("review", "-q", "--lang", "en", str(book), "-o", str(tmp_path / "site"))
    assert result.exit_code == EXIT_FINDINGS
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{book}#2: 2 errors, 0 warnings")
    assert line.endswith(str(tmp_path / "site" / "book.txt.2.en.html"))
    assert (tmp_path / "site" / "book.txt.html").is_file()


def test_same_file_names_in_two_folders_get_two_pages(tmp_path: Path) -> None:
    """a/x.txt and b/x.txt: the folders join the page names, nothing is overwritten."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(HONGZE.read_bytes())
    result = invoke(
        "review", "-v", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == EXIT_OK
    assert {"a_x.txt.html", "b_x.txt.html"} <= {path.name for path in (tmp_path / "o").iterdir()}


def test_json_records_keep_the_order_of_the_inputs(tmp_path: Path) -> None:
    """An input that cannot be read has its error record in its place, between the others."""
    missing = tmp_path / "missing.txt"
    result = invoke(
        "review",
        str(HONGZE),
        str(missing),
        str(HONGZE_2023),
        "-o",
        str(tmp_path / "o"),
        "--format",
        "json",
    )
    assert result.exit_code == EXIT_UNREADABLE
    files = json.loads(result.stdout)["files"]
    assert [record["file"] for record in files] == [str(HONGZE), str(missing), str(HONGZE_2023)]
    assert files[1]["error"] == [{"where": str(missing), "message": "no such file or folder"}]


def test_a_page_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    """A folder in the way of a page: one error line naming it, status 2."""
    site = tmp_path / "site"
    (site / "index.html").mkdir(parents=True)
    result = invoke("review", str(HONGZE), "-o", str(site))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(str(site / "index.html"), "is a directory")
