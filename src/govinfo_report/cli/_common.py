"""What every ``govinfo-report`` command shares: exit codes, error lines, options, inputs.

A command is a :class:`click.Command` whose callback returns its exit status (an ``int``); the
group in :mod:`govinfo_report.cli` turns that into the process's status, and turns Ctrl-C, a
closed pipe and usage errors into one line on standard error. A new command is written like::

    import click
    from govinfo_report.cli import _common

    @click.command("export", epilog=_common.EXIT_CODES)
    @_common.inputs_argument()
    @click.option("-o", "--output", metavar="DIR")
    @_common.format_option()
    @_common.lang_option()
    @_common.verbosity_options()
    def export_command(*, paths, output, output_format, lang, quiet, verbose) -> int:
        verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
        folder = _common.output_path(output)  # None for "-": standard output
        if folder is not None and (problem := _common.output_folder(folder)):
            return _common.error(str(folder), problem)
        statuses = []
        for item in _common.expand_inputs(paths, _common.REPORT_SUFFIXES):
            if item.error is not None:  # a missing path, already worded
                statuses.append(_common.EXIT_UNREADABLE)
                _common.refuse(item.name, ((item.name, item.error),))
                continue
            data = item.read_bytes()  # standard input for "-"
            ...
        return _common.worst(statuses)

and wired in with ``main.add_command(export_command)``. The conventions it then follows:

- every error is one line, ``govinfo-report: error: <file>: <what>`` (:func:`error`), with the
  same words for the same failure in every command (:func:`os_error_text`, :data:`NOT_A_FOLDER`);
- exit status :data:`EXIT_OK` (0), :data:`EXIT_FINDINGS` (1), :data:`EXIT_UNREADABLE` (2),
  listed in every ``--help`` by ``epilog=EXIT_CODES``;
- ``-`` is standard input among the inputs and standard output for ``-o -``;
- ``--format text|json|jsonl``, ``--lang zh|en`` (default ``zh`` everywhere), ``-q`` / ``-v``.
- reports are read by :func:`govinfo_report.cli._reading.read_all` (report documents or any
  published form, by content; every report of a compendium, named ``x.txt#2`` in messages and
  ``x.txt.2`` in output folders by :class:`govinfo_report.cli.parse.OutputNames`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import click
import msgspec
from rich.console import Console

__all__ = [
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "EXIT_UNREADABLE",
    "JSON_SUFFIXES",
    "NOT_A_FOLDER",
    "NO_SUCH_PATH",
    "PROGRAM",
    "REPORT_SUFFIXES",
    "SEVERITY_NAMES",
    "STDIN_NAME",
    "Errors",
    "Input",
    "echo_rich",
    "error",
    "error_record",
    "expand_inputs",
    "format_option",
    "inputs_argument",
    "jobs_option",
    "json_text",
    "lang_option",
    "os_error_text",
    "output_folder",
    "print_records",
    "refuse",
    "verbosity_options",
]

PROGRAM = "govinfo-report"

EXIT_OK = 0
"""Everything was read (or is valid) and no error finding was made."""
EXIT_FINDINGS = 1
"""Everything was read, and some report has an error finding (or a document is invalid)."""
EXIT_UNREADABLE = 2
"""Some input could not be read, or the command line is wrong; wins over :data:`EXIT_FINDINGS`."""
EXIT_INTERRUPTED = 130
"""Ctrl-C, as a shell reports a process stopped by SIGINT."""
EXIT_PIPE_CLOSED = 141
"""The reader of standard output went away (``… | head -1``), as a shell reports SIGPIPE."""

EXIT_CODES = (
    "\b\nExit status:\n"
    "  0  read (or valid), no error finding\n"
    "  1  error findings (a report breaks an identity, a document is invalid)\n"
    "  2  an input could not be read, or bad usage\n"
    "  130 interrupted (Ctrl-C); 141 standard output closed"
)
"""The epilog of every command's ``--help``; ``\\b`` keeps click from rewrapping it."""

REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx"}
)
"""Files taken from a folder by commands that read published reports (any file named on the
command line is read whatever its name: the kind is told from the content)."""
JSON_SUFFIXES = frozenset({".json"})
"""Files taken from a folder by commands that read report documents."""
READING_RECORD_SUFFIX = ".findings.json"
"""The reading records ``parse -o`` writes beside each document: not report documents."""
STDIN_NAME = "<stdin>"
"""How standard input (``-``) is named in messages and records."""
NOT_A_FOLDER = "exists and is not a folder"
NO_SUCH_PATH = "no such file or folder"

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
"""A severity's name (its value in JSON) in each language."""

Format = Literal["text", "json", "jsonl"]
Lang = Literal["zh", "en"]
F = TypeVar("F", bound=Callable[..., Any])

_ENCODER = msgspec.json.Encoder(decimal_format="number")
_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def error(where: str | None, what: str) -> int:
    """Print one error line on standard error and return :data:`EXIT_UNREADABLE`."""
    place = f"{where}: " if where else ""
    click.echo(f"{PROGRAM}: error: {place}{what}", err=True)
    return EXIT_UNREADABLE


Errors = tuple[tuple[str, str], ...]
"""``(where, what)`` of each reason an input could not be read."""


def error_record(name: str, errors: Errors) -> dict[str, Any]:
    """The JSON record of an input that could not be read, in every command's output."""
    return {"file": name, "error": [{"where": where, "message": what} for where, what in errors]}


def refuse(name: str, errors: Errors) -> dict[str, Any]:
    """Print an unreadable input's error lines; its JSON record."""
    for where, what in errors:
        error(where, what)
    return error_record(name, errors)


def os_error_text(problem: OSError) -> str:
    """What went wrong with a file, in the same words whichever command met it."""
    reason = problem.strerror or str(problem)
    return reason[:1].lower() + reason[1:]


def json_text(document: object, *, indent: int | None = 2) -> str:
    """A JSON text: exact decimals, Chinese unescaped, keys in the order given."""
    data = _ENCODER.encode(document)
    if indent:
        data = msgspec.json.format(data, indent=indent)
    return data.decode("utf-8")


def json_line(text: str) -> str:
    """A JSON text on one line."""
    return msgspec.json.format(text, indent=0)


def json_value(text: str) -> Any:  # noqa: ANN401 - any JSON value
    """A JSON text decoded, non-integral numbers as exact decimals."""
    return _DECODER.decode(text)


@attrs.frozen
class Input:
    """One input named on the command line or found in a folder named there."""

    name: str
    """The name messages and records use: the path as given, or :data:`STDIN_NAME`."""
    path: Path | None
    """The file, or ``None`` for standard input."""
    error: str | None = None
    """Why it cannot be read (a missing path), found before reading it."""
    root: Path | None = None
    """The folder named on the command line that this file was found in."""

    def read_bytes(self) -> bytes:
        """The input's content: the file's, or all of standard input."""
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


def expand_inputs(paths: Iterable[str], suffixes: frozenset[str]) -> list[Input]:
    """Files named, files under folders named (with one of ``suffixes``), ``-`` for stdin.

    A path that does not exist is kept as an :class:`Input` with its error, in its place, so
    the command reports it and goes on with the others.
    """
    inputs: list[Input] = []
    for name in paths:
        if name == "-":
            inputs.append(Input(STDIN_NAME, None))
            continue
        path = Path(name)
        if path.is_dir():
            inputs.extend(
                Input(str(found), found, root=path) for found in _files_in(path, suffixes)
            )
        elif path.exists():
            inputs.append(Input(name, path))
        else:
            inputs.append(Input(name, path, error=NO_SUCH_PATH))
    return inputs


def _files_in(folder: Path, suffixes: frozenset[str]) -> list[Path]:
    found = (
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in suffixes
        and not path.name.endswith(READING_RECORD_SUFFIX)
        and path.is_file()
    )
    return sorted(found)


def print_records(records: Sequence[dict[str, Any]], output_format: str) -> None:
    """Print records all at once: ``{"files": [...]}`` for json, a line each for jsonl.

    Nothing for text, which commands print their own way.
    """
    if output_format == "json":
        click.echo(json_text({"files": list(records)}))
    elif output_format == "jsonl":
        for record in records:
            click.echo(json_text(record, indent=None))


def echo_rich(console: Console, *renderables: object) -> None:
    """Print rich renderables (tables, texts) on standard output without trailing spaces.

    rich pads every line to the table's width; the padding would end up in files and diffs.
    """
    with console.capture() as capture:
        console.print(*renderables)
    click.echo("\n".join(line.rstrip() for line in capture.get().splitlines()))


def output_folder(path: Path) -> str | None:
    """Make ``path`` a folder to write into; the error text when it cannot be one."""
    if path.exists() and not path.is_dir():
        return NOT_A_FOLDER
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as problem:
        return os_error_text(problem)
    return None


def write_text(path: Path | None, text: str) -> None:
    """Write ``text`` to a file, or to standard output when ``path`` is ``None`` (``-o -``)."""
    if path is None:
        click.echo(text, nl=False)
        return
    path.write_text(text, encoding="utf-8")


def output_path(value: str | None) -> Path | None:
    """The path an ``-o`` option names; ``None`` for ``-`` (standard output)."""
    return None if value in (None, "-") else Path(value)


def inputs_argument(*, required: bool = True) -> Callable[[F], F]:
    """``PATH...``: files, folders, or ``-`` for standard input."""
    return click.argument("paths", nargs=-1, required=required, metavar="PATH...")


def format_option(default: Format = "text", *, help_text: str | None = None) -> Callable[[F], F]:
    """``--format text|json|jsonl``."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(("text", "json", "jsonl")),
        default=default,
        show_default=True,
        help=help_text
        or "text for people; json: one document {files: [...]}; jsonl: one record per line",
    )


def jobs_option() -> Callable[[F], F]:
    """``-j`` / ``--jobs N``: files read at a time in worker processes; below 1 is refused."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="read N files at a time, in worker processes",
    )


def lang_option() -> Callable[[F], F]:
    """``--lang zh|en``: the language of labels and messages, Chinese by default."""
    return click.option(
        "--lang",
        type=click.Choice(("zh", "en")),
        default="zh",
        show_default=True,
        help="language of labels and messages",
    )


def verbosity_options() -> Callable[[F], F]:
    """``-q`` / ``-v``: one ``verbosity`` parameter, 0 quiet, 1 normal, 2 verbose."""

    def decorate(function: F) -> F:
        function = click.option(
            "-v",
            "--verbose",
            "verbose",
            is_flag=True,
            help="also say on standard error what each input gave",
        )(function)
        return click.option(
            "-q",
            "--quiet",
            "quiet",
            is_flag=True,
            help="no progress bar, summary or notes on standard error; errors only",
        )(function)

    return decorate


def verbosity(*, quiet: bool, verbose: bool) -> int:
    """0 quiet, 1 normal, 2 verbose (``-q`` wins)."""
    if quiet:
        return 0
    return 2 if verbose else 1


def worst(statuses: Sequence[int]) -> int:
    """The exit status of several results: unreadable wins over findings, findings over ok."""
    return max(statuses, default=EXIT_OK)
