"""The ``govinfo-report`` command line: a thin click group over the library's functions.

Each command is a :class:`click.Command` in its own module of this package, registered below with
``main.add_command``; what they share (exit codes, error lines, ``--format``, ``--lang``,
``-q``/``-v``, inputs from files, folders and ``-``) is in :mod:`govinfo_report.cli._common`,
whose docstring shows how to write one. A command's callback returns its exit status.

The group makes the process behave as shell users expect: a usage error is one line and exit
status 2; Ctrl-C stops with status 130 and no traceback (worker processes ignore SIGINT and are
cancelled); a closed standard output (``… | head -1``) ends quietly with status 141.

Shell completion is click's own: ``eval "$(_GOVINFO_REPORT_COMPLETE=bash_source govinfo-report)"``
in ``~/.bashrc`` (``zsh_source``, ``fish_source`` for those shells).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

import govinfo_report
from govinfo_report.cli import _common
from govinfo_report.cli._common import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PIPE_CLOSED,
    EXIT_UNREADABLE,
    PROGRAM,
)

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "EXIT_UNREADABLE",
    "main",
]


class _Group(click.Group):
    """A click group whose failures are one line each and whose exit codes are the project's."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,  # noqa: ANN401 - passed through to click.Context
    ) -> int:
        try:
            status = super().main(
                args, prog_name or PROGRAM, complete_var, standalone_mode=False, **extra
            )
        except click.UsageError as problem:
            command = problem.ctx.command_path if problem.ctx else PROGRAM
            _common.error(None, f"{problem.format_message()} (see '{command} --help')")
            status = problem.exit_code
        except click.ClickException as problem:
            _common.error(None, problem.format_message())
            status = problem.exit_code
        except click.Abort:  # Ctrl-C while click itself was reading the command line
            status = _interrupted()
        status = EXIT_OK if status is None else int(status)
        if standalone_mode:
            sys.exit(status)
        return status

    def invoke(self, ctx: click.Context) -> Any:  # noqa: ANN401 - whatever the command returns
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            return _interrupted()
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_PIPE_CLOSED


def _interrupted() -> int:
    _common.error(None, "interrupted")
    return EXIT_INTERRUPTED


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush does not fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@click.group(
    PROGRAM,
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_common.EXIT_CODES,
)
@click.version_option(govinfo_report.__version__, "-V", "--version", prog_name=PROGRAM)
def main() -> None:
    """Read, check and exchange 政府信息公开工作年度报告 (disclosure annual reports).

    Shell completion: eval "$(_GOVINFO_REPORT_COMPLETE=bash_source govinfo-report)".
    """


def _register() -> None:
    from govinfo_report.cli.check import check_command, rules_command  # noqa: PLC0415
    from govinfo_report.cli.collect import (  # noqa: PLC0415
        collect_command,
        series_command,
        stats_command,
    )
    from govinfo_report.cli.findings import findings_command  # noqa: PLC0415
    from govinfo_report.cli.parse import parse_command  # noqa: PLC0415
    from govinfo_report.cli.render import render_command, template_command  # noqa: PLC0415
    from govinfo_report.cli.review import review_command  # noqa: PLC0415
    from govinfo_report.cli.schema import schema_command, validate_command  # noqa: PLC0415
    from govinfo_report.cli.show import show_command  # noqa: PLC0415

    for command in (
        parse_command,
        show_command,
        check_command,
        rules_command,
        findings_command,
        schema_command,
        validate_command,
        render_command,
        template_command,
        review_command,
        collect_command,
        series_command,
        stats_command,
    ):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
