"""``govinfo-report parse``: documents and reading records, names, formats, stdin, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_runner import SOURCES, error_line, invoke
from govinfo_report import from_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from test_parse_text import _flat_t3, report_text

BATCH = ("2019_shanghai_gov_office.html", "2024_huaian_city.pdf", "2024_huaian_city.txt")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in BATCH:
        shutil.copy(SOURCES / name, folder / name)
    (folder / "notes.txt").write_text("会议纪要：无关内容。\n", encoding="utf-8")
    (folder / "ignored.xlsx").write_bytes(b"PK\x03\x04")
    return folder


def test_example_prints_its_record() -> None:
    """--example reads the shipped report; the JSON record holds the report and its findings."""
    result = invoke("parse", "--example")
    assert result.exit_code == EXIT_OK
    (record,) = json.loads(result.stdout)["files"]
    report = from_json(json.dumps(record["report"]))
    assert (report.organ, report.year) == ("淮安市人民政府", 2024)
    assert record["check"]["ok"] is True
    assert record["provenance"]["$.requests.new_requests.total"]["raw"] == "3119"
    assert result.stderr.endswith("1 file(s): 1 read (0 with findings), 0 unreadable\n")


def test_folder_to_directory(batch: Path, tmp_path: Path) -> None:
    """Each report becomes <name>.json beside <name>.findings.json; x.pdf and x.txt both keep
    their whole names; the unreadable file is one error line and counted."""
    output = tmp_path / "json"
    result = invoke("parse", str(batch), "-o", str(output))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stdout == ""
    assert sorted(path.name for path in output.iterdir()) == sorted(
        [f"{name}.json" for name in BATCH] + [f"{name}.findings.json" for name in BATCH]
    )
    pdf = from_json((output / "2024_huaian_city.pdf.json").read_text(encoding="utf-8"))
    text = from_json((output / "2024_huaian_city.txt.json").read_text(encoding="utf-8"))
    assert pdf.requests == text.requests
    notes = batch / "notes.txt"
    assert f"govinfo-report: error: {notes}: no report found" in result.stderr
    assert result.stderr.endswith(
        "4 file(s): 3 read (1 with findings), 0 unreadable\n".replace(
            "0 unreadable", "1 unreadable"
        )
    )


def test_reading_record(tmp_path: Path) -> None:
    """The reading record: findings in both languages, provenance with raw text and location,
    undetermined cells with their candidates."""
    runs = dict.fromkeys(
        (
            "new_requests",
            "total_handled",
            "granted",
            "carried_over_from_last_year",
            "carried_to_next_year",
        ),
        "270020130",
    )
    source = tmp_path / "ambiguous.txt"
    source.write_text(report_text(t3=_flat_t3(runs)), encoding="utf-8")
    output = tmp_path / "out"
    assert invoke("parse", str(source), "-o", str(output)).exit_code == EXIT_OK
    record = json.loads((output / "ambiguous.txt.findings.json").read_text(encoding="utf-8"))
    path = "$.requests.granted.natural_person"
    assert sorted(record["undetermined"][path]) == [2, 27]
    (ambiguous,) = [
        f for f in record["findings"] if f["code"] == "R-AMBIGUOUS-SPLIT" and f["path"] == path
    ]
    assert set(ambiguous["message"]) == {"zh", "en"}
    total = record["provenance"]["$.requests.granted.total"]
    assert total["raw"] == "270020130"  # the digit run the cell was read from
    assert total["location"]["line"] >= 1
    assert record["file"] == str(source)
    assert record["check"]["counts"]["errors"] == 0


def test_same_names_in_different_folders(tmp_path: Path) -> None:
    """Two sources of one name never share an output: the folders that tell them apart stay."""
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(SOURCES / "2024_huaian_city.txt", tmp_path / "in" / folder / "report.txt")
    output = tmp_path / "out"
    assert invoke("parse", str(tmp_path / "in"), "-o", str(output)).exit_code == EXIT_OK
    assert sorted(str(p.relative_to(output)) for p in output.rglob("*.json")) == [
        "a/report.txt.findings.json",
        "a/report.txt.json",
        "b/report.txt.findings.json",
        "b/report.txt.json",
    ]
    two_arguments = tmp_path / "two"
    files = [str(tmp_path / "in" / folder / "report.txt") for folder in ("a", "b")]
    assert invoke("parse", *files, "-o", str(two_arguments)).exit_code == EXIT_OK
    assert (two_arguments / "a" / "report.txt.json").is_file()
    assert (two_arguments / "b" / "report.txt.json").is_file()


def test_jobs_give_the_same_files(batch: Path, tmp_path: Path) -> None:
    """--jobs 2 reads in worker processes and writes what one process writes."""
    one, two = tmp_path / "one", tmp_path / "two"
    assert (
        invoke("parse", str(batch), "-o", str(one)).exit_code
        == invoke("parse", str(batch), "-o", str(two), "--jobs", "2").exit_code
    )
    for path in one.iterdir():
        assert (two / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_are_refused(jobs: str) -> None:
    """--jobs 0 is a usage error: one line, status 2, nothing read."""
    result = invoke("parse", "--example", "--jobs", jobs)
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("govinfo-report: error: ")
    assert "--jobs" in result.stderr


def test_jsonl_is_one_record_per_line(batch: Path) -> None:
    """--format jsonl prints one record per input, each a line of JSON, as it is read."""
    result = invoke("parse", "--format", "jsonl", *(str(batch / name) for name in BATCH))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["file"] for record in records] == [str(batch / name) for name in BATCH]
    assert [record["report"]["organ"] for record in records] == ["上海市人民政府办公厅"] + [
        "淮安市人民政府"
    ] * 2
    assert all("findings" in record and "check" in record for record in records)


def test_output_dash_prints_documents(batch: Path) -> None:
    """-o - prints what -o DIR writes as <name>.json: documents, one per line when several."""
    result = invoke("parse", str(batch / BATCH[0]), "-o", "-")
    assert from_json(result.stdout).organ == "上海市人民政府办公厅"
    result = invoke("parse", *(str(batch / name) for name in BATCH), "-o", "-")
    assert [from_json(line).organ for line in result.stdout.splitlines()][1:] == [
        "淮安市人民政府"
    ] * 2


def test_stdin() -> None:
    """'-' reads standard input, named <stdin> in records and messages."""
    text = (SOURCES / "2024_huaian_city.txt").read_bytes()
    result = invoke("parse", "-", stdin=text)
    (record,) = json.loads(result.stdout)["files"]
    assert record["file"] == "<stdin>"
    assert record["report"]["organ"] == "淮安市人民政府"
    result = invoke("parse", "-", stdin=b"")
    assert result.exit_code == EXIT_UNREADABLE
    assert error_line("<stdin>", "the file is empty") in result.stderr


def test_stdin_to_a_folder(tmp_path: Path) -> None:
    """Standard input read into -o DIR is named stdin."""
    text = (SOURCES / "2024_huaian_city.txt").read_bytes()
    assert invoke("parse", "-", "-o", str(tmp_path), stdin=text).exit_code == EXIT_OK
    assert from_json((tmp_path / "stdin.json").read_bytes()).year == 2024
    assert (tmp_path / "stdin.findings.json").is_file()


def test_output_that_is_a_file(tmp_path: Path) -> None:
    """-o naming an existing file: one error line naming it, status 2, nothing read."""
    existing = tmp_path / "out"
    existing.write_text("", encoding="utf-8")
    result = invoke("parse", "--example", "-o", str(existing))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(str(existing), "exists and is not a folder")


def test_text_format_lists_findings_in_each_language() -> None:
    """--format text: each file, then its failed rules and reading findings, in --lang."""
    source = str(SOURCES / "2023_huaian_hongze_district.pdf")
    result = invoke("parse", "--format", "text", source)
    assert result.exit_code == EXIT_FINDINGS
    assert result.stdout.startswith(f"{source}: 洪泽区人民政府 2023\n")
    assert "错误  $.review_litigation.review.total: E4.review_litigation.review: " in result.stdout
    english = invoke("parse", "--format", "text", "--lang", "en", source).stdout
    assert "error  $.review_litigation.review.total: E4.review_litigation.review: " in english
    assert "相差" not in english


def test_quiet_and_verbose(batch: Path) -> None:
    """-q leaves only error lines on standard error; -v adds a line per file read."""
    paths = [str(batch / name) for name in BATCH]
    quiet = invoke("parse", "-q", *paths, str(batch / "notes.txt"))
    assert [line.split(": ")[1] for line in quiet.stderr.splitlines()] == ["error"]
    verbose = invoke("parse", "-v", *paths)
    for path in paths:
        assert f"{path}: " in verbose.stderr
    assert "finding(s)" in verbose.stderr


def test_progress_bar_on_a_terminal(batch: Path, tmp_path: Path) -> None:
    """A batch shows rich's progress bar on a terminal, and none when stderr is a file."""
    terminal = invoke(
        "parse",
        str(batch),
        "-o",
        str(tmp_path / "a"),
        env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"},
    )
    assert "4/4" in terminal.stderr
    plain = invoke("parse", str(batch), "-o", str(tmp_path / "b"))
    assert "4/4" not in plain.stderr
    assert "\x1b" not in plain.stderr


def test_rule_errors_exit_1() -> None:
    """A report read whole whose own totals are wrong exits 1; its record holds the errors."""
    source = str(SOURCES / "2023_huaian_hongze_district.pdf")
    result = invoke("parse", source)
    assert result.exit_code == EXIT_FINDINGS
    (record,) = json.loads(result.stdout)["files"]
    assert record["check"]["counts"]["errors"] == 2
    assert {f["check"] for f in record["check"]["findings"] if f["severity"] == "error"} == {
        "E4.review_litigation.review",
        "E4.review_litigation.litigation_after_review",
    }


def test_no_input_is_a_usage_error() -> None:
    """Nothing to read: one line with a hint, status 2."""
    result = invoke("parse")
    assert result.exit_code == EXIT_UNREADABLE
    assert "--example" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_an_output_that_cannot_be_written(tmp_path: Path) -> None:
    """A file in the way of an output folder: one error line naming it, status 2, the rest
    written."""
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(SOURCES / "2024_huaian_city.txt", tmp_path / "in" / folder / "report.txt")
    output = tmp_path / "out"
    output.mkdir()
    (output / "a").write_text("", encoding="utf-8")
    result = invoke("parse", "-q", str(tmp_path / "in"), "-o", str(output))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.startswith(f"govinfo-report: error: {output / 'a'}: ")
    assert len(result.stderr.splitlines()) == 1
    assert (output / "b" / "report.txt.json").is_file()


@pytest.fixture
def compendium(tmp_path: Path) -> Path:
    """Two corpus reports in one text file, as counties publish their departments' reports."""
    book = tmp_path / "in" / "book.txt"
    book.parent.mkdir()
    first = (SOURCES / "2024_huaian_city.txt").read_bytes()
    book.write_bytes(first + b"\n" + (SOURCES / "2023_huaian_hongze_district.txt").read_bytes())
    return book


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_compendium_writes_every_report(compendium: Path, tmp_path: Path, jobs: str) -> None:
    """-o DIR: <name>.json, then <name>.2.json..., each beside its reading record; a source
    that is itself named like a further report (book.txt.2) keeps its name: no collision."""
    clash = compendium.with_name("book.txt.2")
    shutil.copy(SOURCES / "2025_pingtan_zone.txt", clash)
    output = tmp_path / "out"
    result = invoke("parse", "-j", jobs, str(compendium), str(clash), "-o", str(output))
    assert result.exit_code == EXIT_FINDINGS  # the Hongze report breaks E4
    assert result.stderr.endswith("2 file(s): 2 read (3 reports, 2 with findings), 0 unreadable\n")
    assert sorted(path.name for path in output.iterdir()) == [
        "book.txt.2.2.findings.json",
        "book.txt.2.2.json",
        "book.txt.2.findings.json",
        "book.txt.2.json",
        "book.txt.findings.json",
        "book.txt.json",
    ]
    organs = {
        name: from_json((output / f"{name}.json").read_bytes()).organ
        for name in ("book.txt", "book.txt.2.2", "book.txt.2")
    }
    assert organs == {
        "book.txt": "淮安市人民政府",
        "book.txt.2.2": "洪泽区人民政府",
        "book.txt.2": from_json(invoke("parse", "-q", "-o", "-", str(clash)).stdout).organ,
    }
    record = json.loads((output / "book.txt.2.2.findings.json").read_text(encoding="utf-8"))
    assert (record["file"], record["index"]) == (str(compendium), 2)
    assert record["check"]["counts"]["errors"] == 2


def test_a_compendium_lists_every_report_in_each_format(compendium: Path) -> None:
    """json and jsonl: a record per report, numbered; text: a heading per report; -o -: a
    document per line."""
    (first, second) = json.loads(invoke("parse", str(compendium)).stdout)["files"]
    assert [first["index"], second["index"]] == [1, 2]
    assert [first["report"]["year"], second["report"]["year"]] == [2024, 2023]
    lines = invoke("parse", "--format", "jsonl", str(compendium)).stdout.splitlines()
    assert [json.loads(line)["report"]["organ"] for line in lines] == [
        "淮安市人民政府",
        "洪泽区人民政府",
    ]
    text = invoke("parse", "--format", "text", str(compendium)).stdout
    assert f"{compendium}: 淮安市人民政府 2024\n{compendium}#2: 洪泽区人民政府 2023\n" in text
    documents = invoke("parse", "-o", "-", str(compendium)).stdout.splitlines()
    assert [from_json(line).year for line in documents] == [2024, 2023]
    shown = invoke("show", "-v", str(compendium))
    assert shown.stdout.count("format proactive_disclosure") == 2
    assert f"{compendium}#2: " in shown.stderr
