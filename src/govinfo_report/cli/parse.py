"""``govinfo-report parse``: read published reports (text, HTML, PDF, Word) into JSON.

``parse PATH...`` reads files, folders of reports and ``-`` (standard input). With ``-o DIR`` it
writes, for each report, its document ``<name>.json`` beside its reading record
``<name>.findings.json`` (:func:`~govinfo_report.cli._reading.reading_record`); ``-o -`` prints
the documents. Without ``-o`` it prints each input's record, the report included, as
``--format json`` (default), ``jsonl`` or ``text``. A batch ends with a summary on standard error.

Output names keep each source's whole file name and the folders that tell sources apart:
``reports/a/x.pdf`` and ``reports/b/x.pdf`` become ``a/x.pdf.json`` and ``b/x.pdf.json``; ``x.pdf``
and ``x.txt`` become ``x.pdf.json`` and ``x.txt.json``. A source holding several reports (a
compendium, read by :func:`~govinfo_report.parse.parse_all`) gives ``x.txt.json``,
``x.txt.2.json``, ``x.txt.3.json``...; a number already taken (by a source named ``x.txt.2``)
takes one more (``x.txt.2.2.json``). Two reports never share an output.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePath
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from govinfo_report.cli import _common
from govinfo_report.cli._reading import (
    EXAMPLE,
    Outcome,
    example_path,
    finding_lines,
    full_record,
    read_all,
    report_name,
)

__all__ = [
    "EXAMPLE",
    "OutputNames",
    "example_path",
    "output_names",
    "parse_command",
    "reading_options",
]

F = TypeVar("F", bound=Callable[..., Any])
_STDIN_STEM = "stdin"


def reading_options(function: F) -> F:
    """``--example`` and ``--blanks-as-zero``, shared by the commands that read reports."""
    function = click.option(
        "--blanks-as-zero",
        is_flag=True,
        help="read blank cells (and -, —, /) as 0; only when the publisher leaves zeros blank",
    )(function)
    return click.option(
        "--example",
        is_flag=True,
        help=f"read the published report shipped with the package ({EXAMPLE})",
    )(function)


def report_inputs(paths: Sequence[str], example: bool) -> list[_common.Input]:
    """The inputs of a reading command; a usage error when there are none."""
    inputs = [_common.Input(str(example_path()), example_path())] if example else []
    inputs.extend(_common.expand_inputs(paths, _common.REPORT_SUFFIXES))
    if not inputs:
        msg = "no input: give files or folders, '-' for standard input, or --example"
        raise click.UsageError(msg)
    return inputs


def output_names(inputs: Sequence[_common.Input]) -> list[PurePath]:
    """The name each input's outputs take in ``-o DIR``, before ``.json``.

    The source's path relative to the deepest folder holding every source: whole file names
    (``x.pdf`` and ``x.txt`` differ) and the folders that tell equal names apart.
    """
    # abspath, not resolve: symbolic links keep the names the user sees, and ".." is folded
    # away so that no output lands outside DIR.
    absolute = [
        None if item.path is None else Path(os.path.abspath(item.path))  # noqa: PTH100
        for item in inputs
    ]
    parents = [str(path.parent) for path in absolute if path is not None]
    common = Path(os.path.commonpath(parents)) if parents else Path()
    return [
        PurePath(_STDIN_STEM) if path is None else path.relative_to(common) for path in absolute
    ]


class OutputNames:
    """The name each report read takes in an output folder, before its suffix (``.json``).

    A source's first report takes the source's :func:`output_names` name; its further reports
    are numbered (``x.txt.2``), a number already taken (by a source named ``x.txt.2``) taking
    one more (``x.txt.2.2``), so that two reports never share a name.
    """

    def __init__(self, inputs: Sequence[_common.Input]) -> None:
        self.names = dict(zip((item.name for item in inputs), output_names(inputs), strict=True))
        self.taken = set(self.names.values())
        """Names given out: every source's own, and each further report's."""

    def __call__(self, outcome: Outcome) -> PurePath:
        """The output name of one report read."""
        name = self.names[outcome.name]
        if outcome.index == 1:
            return name
        numbered = name
        while numbered == name or numbered in self.taken:
            numbered = numbered.with_name(report_name(numbered.name, outcome.index))
        self.taken.add(numbered)
        return numbered


def _progress(verbosity: int) -> Progress:
    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=verbosity == 0 or not console.is_terminal,
    )


@contextlib.contextmanager
def _page_bar(progress: Progress) -> Iterator[None]:
    """A bar of the pages read through OCR (seconds each), while reading in this process.

    Worker processes (``--jobs``) read whole files; their pages are not shown.
    """
    from govinfo_report.parse._pages import PAGE_READ  # noqa: PLC0415 - keep `--help` fast

    task: list[TaskID] = []

    def page_read(count: int) -> None:
        if not task:
            task.append(progress.add_task("OCR, pages read", total=None))
        progress.update(task[0], completed=count)

    token = PAGE_READ.set(None if progress.disable else page_read)
    try:
        yield
    finally:
        PAGE_READ.reset(token)


class _Writer:
    """Where each outcome goes: files in a folder, documents on stdout, or records on stdout."""

    def __init__(
        self, output: str | None, inputs: Sequence[_common.Input], output_format: str, lang: str
    ) -> None:
        self.folder = _common.output_path(output)
        self.to_stdout = output == "-"
        self.names = OutputNames(inputs)
        self.single = len(inputs) == 1
        self.format = output_format
        self.lang: Any = lang
        self.records: list[dict[str, Any]] = []

    def write(self, outcome: Outcome) -> int:
        """Send one outcome where it goes; :data:`EXIT_UNREADABLE` when it cannot be written."""
        if self.folder is not None:
            return self._write_files(outcome)
        self._print(outcome)
        return _common.EXIT_OK

    def _print(self, outcome: Outcome) -> None:
        if self.to_stdout:
            if outcome.document is not None:
                document = outcome.document
                single = self.single and not outcome.several
                click.echo(document if single else _common.json_line(document))
        elif self.format == "json":
            self.records.append(full_record(outcome))
        elif self.format == "jsonl":
            click.echo(_common.json_text(full_record(outcome), indent=None))
        elif outcome.record is not None:
            report = full_record(outcome)["report"]
            click.echo(f"{outcome.label}: {report['organ'] or '-'} {report['year'] or '-'}")
            click.echo(
                "".join(f"  {line}\n" for line in finding_lines(outcome.record, self.lang)),
                nl=False,
            )

    def _write_files(self, outcome: Outcome) -> int:
        if outcome.document is None:
            return _common.EXIT_OK
        assert self.folder is not None  # noqa: S101 - only called with a folder
        name = self.names(outcome)
        target = self.folder / name.parent
        document = target / f"{name.name}.json"
        try:
            target.mkdir(parents=True, exist_ok=True)
            document.write_text(outcome.document + "\n", encoding="utf-8")
            (target / f"{name.name}.findings.json").write_text(
                _common.json_text(outcome.record) + "\n", encoding="utf-8"
            )
        except OSError as problem:
            return _common.error(problem.filename or str(document), _common.os_error_text(problem))
        return _common.EXIT_OK

    def close(self) -> None:
        if self.format == "json" and self.folder is None and not self.to_stdout:
            click.echo(_common.json_text({"files": self.records}))


@click.command("parse", epilog=_common.EXIT_CODES)
@_common.inputs_argument(required=False)
@click.option(
    "-o",
    "--output",
    metavar="DIR",
    help="write <name>.json and <name>.findings.json per report into DIR; '-' prints the "
    "report documents (one per line when several)",
)
@_common.jobs_option()
@reading_options
@_common.format_option(
    "json",
    help_text="without -o: json, one document {files: [record...]}; jsonl, one record per "
    "line; text, findings for people. A record is the report and its reading record",
)
@_common.lang_option()
@_common.verbosity_options()
def parse_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    output: str | None,
    jobs: int,
    example: bool,
    blanks_as_zero: bool,
    output_format: str,
    lang: str,
    quiet: bool,
    verbose: bool,
) -> int:
    """Read published reports (text, HTML, PDF, Word) into JSON report documents.

    PATH is a file, a folder (read recursively: .txt .md .htm .html .shtml .pdf .docx) or '-'
    for standard input; the kind of each file is told from its content.
    """
    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    inputs = report_inputs(paths, example)
    folder = _common.output_path(output)
    if folder is not None and (problem := _common.output_folder(folder)) is not None:
        return _common.error(str(folder), problem)
    writer = _Writer(output, inputs, output_format, lang)
    statuses: list[int] = []
    read = reports = with_findings = 0
    with _progress(verbosity) as progress, _page_bar(progress):
        task = progress.add_task("reading", total=len(inputs), visible=len(inputs) > 1)
        for outcome in read_all(inputs, jobs=jobs, blanks_as_zero=blanks_as_zero):
            statuses.append(outcome.status)
            for where, what in outcome.errors:
                _common.error(where, what)
            if not outcome.errors:
                read += outcome.index == 1
                reports += 1
                with_findings += bool(outcome.finding_count)
                if verbosity == 2:
                    click.echo(f"{outcome.label}: {outcome.finding_count} finding(s)", err=True)
            statuses.append(writer.write(outcome))
            if outcome.index == 1:  # a compendium counts once
                progress.advance(task)
    writer.close()
    if verbosity:
        click.echo(_summary(len(inputs), read, reports, with_findings), err=True)
    return _common.worst(statuses)


def _summary(files: int, read: int, reports: int, with_findings: int) -> str:
    """The batch's last line: files read, and the reports they held when more than one each."""
    held = f"{reports} reports, " if reports != read else ""
    return (
        f"{files} file(s): {read} read ({held}{with_findings} with findings), "
        f"{files - read} unreadable"
    )
