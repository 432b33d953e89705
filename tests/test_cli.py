"""The conventions every command shares: errors, exit codes, help, version, completion."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import govinfo_report
from cli_runner import SOURCES, error_line, invoke
from govinfo_report.cli import (
    EXIT_INTERRUPTED,
    EXIT_PIPE_CLOSED,
    EXIT_UNREADABLE,
    _common,
    main,
    parse,
)

COMMANDS = sorted(main.commands)
READERS = ("parse", "show", "check", "validate")
"""The commands that read files and print what they read."""
WRITERS = {"render": ("--to", "md", "-o"), "review": ("-o",)}
"""The commands that read files and write others: the options before their output."""
COLLECTION = {"collect": (), "series": ("某局", "--db"), "stats": ("--db",)}
"""The commands of collections (the ``collection`` extra): the arguments before their path."""


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_lists_the_exit_codes(command: str) -> None:
    """`COMMAND --help` ends with the exit codes, the same everywhere."""
    result = invoke(command, "--help")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    codes = lines[lines.index("Exit status:") :]
    assert codes == [line.strip() for line in _common.EXIT_CODES.splitlines()[1:]]
    assert codes[1:4] == [
        "0  read (or valid), no error finding",
        "1  error findings (a report breaks an identity, a document is invalid)",
        "2  an input could not be read, or bad usage",
    ]


def test_group_help_and_version() -> None:
    """The group's help lists the exit codes too; --version is the installed version."""
    assert "Exit status:" in invoke("--help").stdout
    for option in ("--version", "-V"):
        assert invoke(option).stdout == f"govinfo-report, version {govinfo_report.__version__}\n"


def test_shell_completion_is_clicks() -> None:
    """_GOVINFO_REPORT_COMPLETE=bash_source prints click's completion script."""
    result = CliRunner().invoke(
        main, [], prog_name="govinfo-report", env={"_GOVINFO_REPORT_COMPLETE": "bash_source"}
    )
    assert result.exit_code == 0
    assert "_govinfo_report_completion" in result.stdout
    assert "complete -o nosort -F _govinfo_report_completion govinfo-report" in result.stdout


@pytest.mark.parametrize("command", READERS)
@pytest.mark.parametrize("name", ["report", "missing.pdf", "folder/missing"])
def test_a_missing_path_is_the_same_error_everywhere(
    command: str, name: str, tmp_path: Path
) -> None:
    """A path that does not exist, whatever its name: one line naming it, status 2.

    (A missing path without an extension used to be read as report text, "no report found".)
    """
    missing = str(tmp_path / name)
    result = invoke(command, missing)
    assert result.exit_code == EXIT_UNREADABLE
    # parse adds its summary of the batch after the error.
    assert result.stderr.splitlines(keepends=True)[0] == error_line(
        missing, "no such file or folder"
    )
    assert result.stderr.count("error") == 1


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_missing_path_is_the_same_error_for_writers(command: str, tmp_path: Path) -> None:
    """render and review name a missing path in the same line, status 2, nothing written."""
    missing = str(tmp_path / "missing.pdf")
    result = invoke(command, missing, *WRITERS[command], str(tmp_path / "out"))
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(missing, "no such file or folder")
    assert result.stdout == ""


@pytest.mark.parametrize("command", sorted(COLLECTION))
@pytest.mark.parametrize("name", ["reports", "missing.duckdb"])
def test_a_missing_path_is_the_same_error_for_collections(
    command: str, name: str, tmp_path: Path
) -> None:
    """collect, series and stats name a missing path in the same line, status 2."""
    missing = str(tmp_path / name)
    output = ("-o", str(tmp_path / "out.duckdb")) if command == "collect" else ()
    result = invoke(command, *COLLECTION[command], missing, *output)
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr == error_line(missing, "no such file or folder")
    assert result.stdout == ""
    assert not (tmp_path / "out.duckdb").exists()


@pytest.mark.parametrize("command", [*READERS, *WRITERS, *COLLECTION])
def test_usage_errors_are_one_line(command: str) -> None:
    """An unknown option: one line naming the command's help, status 2."""
    result = invoke(command, "--no-such-option", "x")
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("govinfo-report: error: No such option")
    assert line.endswith(f"(see 'govinfo-report {command} --help')")


def test_an_unknown_command_is_a_usage_error() -> None:
    """`govinfo-report nosuch` exits 2 with one line."""
    result = invoke("nosuch")
    assert result.exit_code == EXIT_UNREADABLE
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", [*READERS, "review"])
def test_every_reader_takes_format_and_verbosity(command: str) -> None:
    """--format text|json|jsonl and -q / -v are accepted by every command that reads files."""
    for option in ("--format", "-q", "-v"):
        assert option in invoke(command, "--help").stdout


@pytest.mark.parametrize("problem", [KeyboardInterrupt, BrokenPipeError])
def test_interrupt_and_closed_pipe_in_process(
    problem: type[BaseException], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C: status 130 and one line; a closed pipe: status 141 and silence. No traceback."""

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise problem

    monkeypatch.setattr(parse, "read_all", stopped)
    result = invoke("parse", "--example")
    if problem is KeyboardInterrupt:
        assert (result.exit_code, result.stderr) == (
            EXIT_INTERRUPTED,
            "govinfo-report: error: interrupted\n",
        )
    else:
        assert (result.exit_code, result.stderr) == (EXIT_PIPE_CLOSED, "")


def test_other_click_errors_are_one_line() -> None:
    """A click error that is not a usage error is one line too, with its status."""

    @click.command("boom")
    def boom() -> None:
        raise click.FileError("x.json", "cannot open")

    main.add_command(boom)
    try:
        result = invoke("boom")
    finally:
        del main.commands["boom"]
    assert result.exit_code == 1
    assert result.stderr == "govinfo-report: error: Could not open file 'x.json': cannot open\n"


def test_non_standalone_returns_the_status() -> None:
    """main(..., standalone_mode=False) returns the status instead of exiting."""
    assert main.main(["rules"], standalone_mode=False) == 0


def test_inputs_expand_folders_in_order(tmp_path: Path) -> None:
    """Folders give their files of the suffixes asked for, sorted; '-' is stdin."""
    (tmp_path / "b").mkdir()
    for name in ("b/2.pdf", "1.TXT", "3.xlsx", "x.pdf.findings.json", "y.json"):
        (tmp_path / name).write_bytes(b"")
    inputs = _common.expand_inputs([str(tmp_path), "-"], _common.REPORT_SUFFIXES)
    assert [item.name for item in inputs] == [
        str(tmp_path / "1.TXT"),
        str(tmp_path / "b" / "2.pdf"),
        "<stdin>",
    ]
    documents = _common.expand_inputs([str(tmp_path)], _common.JSON_SUFFIXES)
    assert [Path(item.name).name for item in documents] == ["y.json"]


def test_example_is_shipped() -> None:
    """The example the README reads is in the package."""
    assert parse.example_path().read_bytes() == (SOURCES / "2024_huaian_city.txt").read_bytes()


@pytest.mark.parametrize("command", [*READERS, *WRITERS])
def test_an_unreadable_file_is_the_same_error_everywhere(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the system refuses to read: the same words in every command."""
    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")

    def refused(_self: _common.Input) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_common.Input, "read_bytes", refused)
    output = (*WRITERS[command], str(tmp_path / "out")) if command in WRITERS else ()
    result = invoke(command, str(path), *output)
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stderr.splitlines(keepends=True)[0] == error_line(str(path), "permission denied")


def test_abort_is_an_interruption() -> None:
    """click.Abort (Ctrl-C while click prompts) ends like Ctrl-C: status 130, one line."""

    @click.command("stop")
    def stop() -> None:
        raise click.Abort

    main.add_command(stop)
    try:
        result = invoke("stop")
    finally:
        del main.commands["stop"]
    assert (result.exit_code, result.stderr) == (
        EXIT_INTERRUPTED,
        "govinfo-report: error: interrupted\n",
    )


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m govinfo_report.cli` and `python -m govinfo_report` are the command line."""
    for module in ("govinfo_report.cli", "govinfo_report"):
        monkeypatch.setattr(sys, "argv", [module, "--version"])
        with pytest.raises(SystemExit) as exited:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        assert exited.value.code == 0
        assert capsys.readouterr().out == f"govinfo-report, version {govinfo_report.__version__}\n"
