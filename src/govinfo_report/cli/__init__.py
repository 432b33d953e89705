"""The ``govinfo-report`` command line: a thin layer over the library's functions.

Each command lives in its own module of this package with a ``register(subparsers)`` function
that adds its sub-parser and sets ``handler``: a function ``(args, stdout, stderr) -> int``.
:func:`run` takes injectable streams so tests call it with :class:`io.StringIO`.

Exit status, for every command: 0 success, 1 the input was read and has errors, 2 an input could
not be read or the command line is wrong.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_UNREADABLE", "build_parser", "main", "run"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

# One module per command group; each adds its own sub-commands.
_COMMAND_MODULES: tuple[str, ...] = ("check", "schema")


class _ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose usage errors exit with :data:`EXIT_UNREADABLE`."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = _ArgumentParser(
        prog="govinfo-report",
        description="Read, check and exchange 政府信息公开工作年度报告 (government information "
        "disclosure annual reports).",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"govinfo_report.cli.{name}")
        module.register(subparsers)
    return parser


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run one command with the given arguments and streams; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    handler = args.handler
    return int(handler(args, stdout, stderr))


def main(argv: Sequence[str] | None = None) -> int:
    """The console entry point."""
    return run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
