"""``govinfo-report parse`` and ``show``: JSON per report, findings, summary, exit status."""

from __future__ import annotations

import io
import json
import runpy
import shutil
from pathlib import Path

import pytest

from govinfo_report import from_json
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, run

SOURCES = Path(__file__).parent / "corpus" / "sources"
BATCH = ("2019_shanghai_gov_office.html", "2024_huaian_city.pdf", "2024_huaian_city.txt")


class _Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


def _run(*argv: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), stderr or io.StringIO()
    status = run(argv, stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in BATCH:
        shutil.copy(SOURCES / name, folder / name)
    (folder / "notes.txt").write_text("会议纪要：无关内容。\n", encoding="utf-8")
    (folder / "ignored.xlsx").write_bytes(b"PK\x03\x04")
    return folder


def test_example_prints_a_report() -> None:
    """--example reads the shipped report and prints its JSON document."""
    status, out, err = _run("parse", "--example")
    assert status == EXIT_OK
    report = from_json(out)
    assert (report.organ, report.year) == ("淮安市人民政府", 2024)
    assert report.requests.cell("new_requests", "total") == 3119
    assert err.endswith("1 file(s): 1 read (0 with findings), 0 unreadable\n")


def test_folder_to_directory(batch: Path, tmp_path: Path) -> None:
    """A folder's reports each become a JSON file; the unreadable one is counted and named."""
    output = tmp_path / "json"
    status, out, err = _run("parse", str(batch), "-o", str(output))
    assert status == EXIT_UNREADABLE
    assert out == ""
    assert sorted(path.name for path in output.iterdir()) == [
        "2019_shanghai_gov_office.json",
        "2024_huaian_city.json",
        "2024_huaian_city.txt.json",
    ]
    pdf = from_json((output / "2024_huaian_city.json").read_text(encoding="utf-8"))
    text = from_json((output / "2024_huaian_city.txt.json").read_text(encoding="utf-8"))
    assert pdf.requests == text.requests
    assert "unreadable: " in err
    assert "notes.txt: no report found" in err
    assert "R-UNIT" in err
    assert err.endswith("4 file(s): 3 read (1 with findings), 1 unreadable\n")


def test_jobs_give_the_same_documents(batch: Path, tmp_path: Path) -> None:
    """--jobs 2 reads in worker processes and writes what one process writes."""
    one, two = tmp_path / "one", tmp_path / "two"
    assert (
        _run("parse", str(batch), "-o", str(one))[0]
        == _run("parse", str(batch), "-o", str(two), "--jobs", "2")[0]
    )
    for path in one.iterdir():
        assert (two / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_several_reports_print_as_json_lines(batch: Path) -> None:
    """Without -o, several reports print one JSON document per line."""
    _status, out, _err = _run("parse", *(str(batch / name) for name in BATCH))
    documents = [json.loads(line) for line in out.splitlines()]
    assert [document["organ"] for document in documents] == ["上海市人民政府办公厅"] + [
        "淮安市人民政府"
    ] * 2


def test_progress_bar_only_on_a_terminal(batch: Path, tmp_path: Path) -> None:
    """A batch shows a progress bar on a terminal and none when standard error is a file."""
    terminal = _Terminal()
    _run("parse", str(batch), "-o", str(tmp_path / "a"), stderr=terminal)
    assert "\r[" in terminal.getvalue()
    assert "4/4" in terminal.getvalue()
    _status, _out, err = _run("parse", str(batch), "-o", str(tmp_path / "b"))
    assert "\r" not in err


def test_show_prints_tables_and_findings() -> None:
    """show prints organ, year, every table with official labels, and the findings."""
    status, out, _err = _run("show", str(SOURCES / "2019_shanghai_gov_office.html"))
    assert status == EXIT_OK
    assert out.startswith("上海市人民政府办公厅 2019\n")
    assert "三、收到和处理政府信息公开申请情况" in out
    assert "（七）总计" in out
    assert "Findings (1):" in out
    assert "R-UNIT" in out


def test_show_example() -> None:
    """The README's first command: the shipped report's tables, readable."""
    status, out, _err = _run("show", "--example")
    assert status == EXIT_OK
    assert out.startswith("淮安市人民政府 2024\n")
    assert "3119" in out


@pytest.mark.parametrize("command", ["parse", "show"])
def test_no_input_is_a_usage_error(command: str) -> None:
    """Nothing to read exits 2 with a hint."""
    status, _out, err = _run(command)
    assert status == EXIT_UNREADABLE
    assert "--example" in err


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    """A file that cannot be read exits 2 and says why."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    status, _out, err = _run("show", str(path))
    assert status == EXIT_UNREADABLE
    assert f"{path}: the file is empty" in err


def test_examples_module_runs_show(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m govinfo_report.examples``, the README's first command, shows the example."""
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("govinfo_report.examples", run_name="__main__")
    assert exited.value.code == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("淮安市人民政府 2024\n")
    assert "Findings (" in out


def test_rule_errors_exit_1() -> None:
    """A report read whole whose own totals are wrong exits 1 and shows the failed checks.

    Hongze 2023 prints table 四 totals that do not add up (E4 fails twice).
    """
    source = str(SOURCES / "2023_huaian_hongze_district.pdf")
    status, _out, err = _run("parse", source)
    assert status == EXIT_FINDINGS
    assert f"{source}: error: $.review_litigation." in err
    assert ": E4.review_litigation." in err
    status, out, _err = _run("show", source)
    assert status == EXIT_FINDINGS
    assert "error   $.review_litigation." in out
