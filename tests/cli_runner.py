"""Run the command line in-process with click's test runner, streams kept apart."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from govinfo_report.cli import main

SOURCES = Path(__file__).parent / "corpus" / "sources"
WIDE = {"COLUMNS": "400"}
"""A terminal wide enough that no label or number wraps."""


def invoke(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    """``govinfo-report ARGS...``; a traceback fails the test instead of becoming a status."""
    return CliRunner().invoke(
        main, list(args), input=stdin, env=env or WIDE, catch_exceptions=False
    )


def error_line(where: str | None, what: str) -> str:
    """The line every command prints on standard error for one failure."""
    return (
        f"govinfo-report: error: {where}: {what}\n" if where else f"govinfo-report: error: {what}\n"
    )
