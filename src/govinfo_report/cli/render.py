"""``govinfo-report render`` and ``govinfo-report template``: reports out in the official layout.

``render PATH... --to docx|xlsx|html|md|txt [-o OUT]`` writes reports (report JSON documents, or
any published form the readers take, told apart by content) as Word, Excel, HTML, Markdown or
text. One report: text formats go to standard output unless ``-o`` names a file; Word and Excel
need ``-o FILE`` (``-o -`` writes the bytes to standard output). Several reports (several
inputs, a folder, a compendium): ``-o DIR`` receives ``<name>.<format>`` per report, named as
``parse -o`` names its documents. ``template --to xlsx [--version 2021|2019] -o OUT`` writes the
filing workbook a clerk fills in.

Conventions are the other commands' (:mod:`govinfo_report.cli._common`): one error line per
failure, exit status 0 written, 1 written but a report breaks an identity of the form, 2 an
input could not be read or written, or bad usage.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import click

from govinfo_report import catalog
from govinfo_report.cli import _common
from govinfo_report.cli._reading import Outcome, read_all
from govinfo_report.cli.parse import OutputNames, reading_options, report_inputs
from govinfo_report.render import FORMATS, Language, render

__all__ = ["render_command", "template_command"]

_BINARY = frozenset({"docx", "xlsx"})
_NEEDS_A_FILE = "--to {to} writes a binary file: name it with -o FILE (or -o - for standard output)"
_NEEDS_A_FOLDER = "several reports to write: name a folder with -o DIR"


def _write(data: str | bytes, target: Path | None) -> int:
    """Write one rendered report to a file, or standard output for ``None``; the status."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    if target is None:
        sys.stdout.flush()  # what was printed before goes first
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return _common.EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    except OSError as problem:
        # The path the system names: a file in the way of a folder is that file.
        return _common.error(problem.filename or str(target), _common.os_error_text(problem))
    return _common.EXIT_OK


def _lang(lang: str) -> Language:
    return "en" if lang == "en" else "zh"


@click.command("render", epilog=_common.EXIT_CODES)
@_common.inputs_argument(required=False)
@click.option("--to", "to", type=click.Choice(FORMATS), required=True, help="the format to write")
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="one report: the file to write ('-' for standard output, where text formats go "
    "without -o); several: the folder to write <name>.<format> into",
)
@reading_options
@_common.lang_option()
@_common.verbosity_options()
def render_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    to: str,
    output: str | None,
    example: bool,
    blanks_as_zero: bool,
    lang: str,
    quiet: bool,
    verbose: bool,
) -> int:
    """Write reports in the official layout: Word, Excel, HTML, Markdown or text.

    PATH is a report document (JSON), a published report (text, HTML, PDF, Word, workbook), a
    folder of published reports, or '-' for standard input; the kind is told from the content.
    Labels are the catalog's, Chinese by default (read back by the readers).
    """
    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    inputs = report_inputs(paths, example)
    target = _common.output_path(output)
    into_folder = len(inputs) > 1 or (target is not None and target.is_dir())
    if into_folder and target is None:
        raise click.UsageError(_NEEDS_A_FOLDER)
    if not into_folder and output is None and to in _BINARY:
        raise click.UsageError(_NEEDS_A_FILE.format(to=to))
    outcomes = read_all(inputs, jobs=1, blanks_as_zero=blanks_as_zero)
    if not into_folder:
        # One input may hold several reports (a compendium): its first report says so.
        first = next(outcomes)
        outcomes = itertools.chain((first,), outcomes)
        into_folder = first.several
        if into_folder and target is None:
            raise click.UsageError(_NEEDS_A_FOLDER)
    if into_folder and target is not None and (problem := _common.output_folder(target)):
        return _common.error(str(target), problem)
    names = OutputNames(inputs)
    statuses: list[int] = []
    for outcome in outcomes:
        statuses.append(outcome.status)
        for where, what in outcome.errors:
            _common.error(where, what)
        if outcome.report is None:
            continue
        path = target
        if into_folder:
            assert target is not None  # noqa: S101 - checked above
            name = names(outcome)
            path = target / name.parent / f"{name.name}.{to}"
        statuses.append(_render_one(outcome, to, _lang(lang), path, verbosity))
    return _common.worst(statuses)


def _render_one(
    outcome: Outcome, to: str, lang: Language, path: Path | None, verbosity: int
) -> int:
    assert outcome.report is not None  # noqa: S101 - only called with a report
    status = _write(render(outcome.report, to=to, lang=lang), path)
    if status == _common.EXIT_OK and verbosity == 2:
        click.echo(f"{outcome.label} → {path or '-'}", err=True)
    return status


@click.command("template", epilog=_common.EXIT_CODES)
@click.option(
    "--to", "to", type=click.Choice(("xlsx",)), default="xlsx", show_default=True, help="format"
)
@click.option(
    "--version",
    "version",
    type=click.Choice([version.value for version in catalog.FORMATS]),
    default=max(version.value for version in catalog.FORMATS),
    show_default=True,
    help="format version of the tables",
)
@click.option(
    "-o", "--output", metavar="FILE", required=True, help="the file to write ('-' for stdout)"
)
@_common.lang_option()
def template_command(*, to: str, version: str, output: str, lang: str) -> int:
    """Write the filing workbook a clerk fills in.

    The official tables with every value cell validated (whole numbers ≥ 0) and the form's
    identities checked live beside them; reading the filled workbook back gives the report.
    """
    from govinfo_report.render.filing import filing_workbook  # noqa: PLC0415 - needs [write]

    assert to == "xlsx"  # noqa: S101 - the only choice click allows
    return _write(filing_workbook(version, lang=lang), _common.output_path(output))
