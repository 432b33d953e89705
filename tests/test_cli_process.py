"""The command line as a shell runs it: real processes, pipes, signals and exit statuses."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import SOURCES
from govinfo_report import to_json
from govinfo_report.cli import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PIPE_CLOSED,
    EXIT_UNREADABLE,
)
from govinfo_report.parse import parse

COMMAND = [sys.executable, "-m", "govinfo_report.cli"]
_TIMEOUT = 60


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty copies of a published PDF: a batch that takes a few seconds to read."""
    folder = tmp_path_factory.mktemp("many")
    for index in range(60):
        shutil.copy(SOURCES / "2024_huaian_city.pdf", folder / f"report{index:02}.pdf")
    return folder


def test_closed_pipe(many_reports: Path) -> None:
    """`parse --format jsonl … | head -1`: the first record arrives, then a quiet exit 141."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [*COMMAND, "parse", "--format", "jsonl", str(many_reports)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # what `head -1` does once it has its line
    status = process.wait(timeout=_TIMEOUT)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert first.startswith(b'{"file":')
    assert status == EXIT_PIPE_CLOSED
    assert stderr == ""


def test_closed_pipe_in_a_shell_pipeline(tmp_path: Path) -> None:
    """Through a real shell pipe: head gets its line, the command's status is 141."""
    document = tmp_path / "report.json"
    document.write_text(to_json(parse(SOURCES / "2024_huaian_city.txt").report), encoding="utf-8")
    command = " ".join([*COMMAND, "rules", "2021"])
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        ["bash", "-c", f'{command} | head -1; echo "status ${{PIPESTATUS[0]}}" >&2'],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=True,
    )
    assert result.stdout == "{\n"
    # The catalogue fits the pipe's buffer: the command may finish before head closes it.
    assert result.stderr in {f"status {EXIT_PIPE_CLOSED}\n", f"status {EXIT_OK}\n"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c(many_reports: Path, tmp_path: Path, jobs: str) -> None:
    """Ctrl-C mid-batch (SIGINT to the whole process group, as a terminal sends it): exit 130,
    one line, no traceback from the command or its worker processes."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [*COMMAND, "parse", "-v", "--jobs", jobs, str(many_reports), "-o", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # one report read: the batch is under way
    os.killpg(process.pid, signal.SIGINT)
    status = process.wait(timeout=_TIMEOUT)
    rest = process.stderr.read().decode()
    process.stderr.close()
    assert b"finding(s)" in first
    assert status == EXIT_INTERRUPTED
    assert "Traceback" not in rest
    assert rest.endswith("govinfo-report: error: interrupted\n")
    assert len(list(tmp_path.glob("*.pdf.json"))) < 60


def test_exit_statuses(tmp_path: Path) -> None:
    """0 read with no error, 1 error findings, 2 unreadable input or bad usage."""
    good = tmp_path / "good.json"
    good.write_text(to_json(parse(SOURCES / "2024_huaian_city.txt").report), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(
        to_json(parse(SOURCES / "2023_huaian_hongze_district.txt").report), encoding="utf-8"
    )
    cases = [
        (EXIT_OK, ["check", str(good)]),
        (EXIT_FINDINGS, ["check", str(good), str(bad)]),
        (EXIT_UNREADABLE, ["check", str(bad), str(tmp_path / "missing")]),
        (EXIT_UNREADABLE, ["parse", "--jobs", "0", str(good)]),
    ]
    for expected, argv in cases:
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            [*COMMAND, *argv], capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
        assert (argv, result.returncode) == (argv, expected)
        assert "Traceback" not in result.stderr
