"""``govinfo-report review PATH... -o DIR``: review pages for published reports.

Each report read (published forms or report documents, told apart by content; every report of
a compendium) is checked and reviewed (:mod:`govinfo_report.review`); DIR receives a page per
report in Chinese (``<name>.html``) and English (``<name>.en.html``) and the index pages
``index.html`` and ``index.en.html``. Reports of one organ among the inputs are compared with
their previous year (copy checks C1, C2). A summary is printed: text (``--lang zh|en``), ``json``
(``{"files": [...]}``) or ``jsonl``.

Conventions are the other commands' (:mod:`govinfo_report.cli._common`): exit status 0 when no
report breaks an identity of the form, 1 when one does, 2 when an input cannot be read or DIR
cannot be written (that wins over 1). Review findings are warnings and do not change the status.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from govinfo_report.cli import _common
from govinfo_report.cli._reading import Outcome, read_all
from govinfo_report.cli.parse import OutputNames, reading_options, report_inputs

if TYPE_CHECKING:
    from govinfo_report.review import Review

__all__ = ["review_command"]

_SUMMARY = {
    "zh": "{name}：{errors} 个错误，{warnings} 个警告，{review} 项审阅发现 → {page}",
    "en": "{name}: {errors} errors, {warnings} warnings, {review} review findings → {page}",
}
_INDEX_LINE = {"zh": "索引：{path}", "en": "index: {path}"}


def _summary(reviewed: Review, outcome: Outcome, page: Path) -> dict[str, Any]:
    """One report's record: its source, page, counts and review findings."""
    index = {"index": outcome.index} if outcome.several else {}
    return {
        "file": outcome.name,
        **index,
        "page": str(page),
        "counts": reviewed.counts(),
        "findings": [finding.to_dict() for finding in reviewed.findings],
    }


def _page_names(inputs: list[_common.Input], read: list[Outcome]) -> list[str]:
    """The name of each report's pages: its file name (numbered after a compendium's first).

    Folders join the name of sources with the same file name (``a_x.pdf``, ``b_x.pdf``).
    """
    names = OutputNames(inputs)
    whole = [names(outcome) for outcome in read]
    short = [name.name for name in whole]
    return [name.name if short.count(name.name) == 1 else "_".join(name.parts) for name in whole]


def _write_pages(
    inputs: list[_common.Input], read: list[Outcome], directory: Path
) -> list[tuple[Review, str]]:
    """Review the reports read, write their pages; each review with its pages' name."""
    from govinfo_report.review import review_series, write_site  # noqa: PLC0415

    page_names = _page_names(inputs, read)
    reviews = review_series([outcome.result for outcome in read if outcome.result is not None])
    if read:  # nothing to review: no empty index either
        write_site(reviews, page_names, directory)
    return list(zip(reviews, page_names, strict=True))


@click.command("review", epilog=_common.EXIT_CODES)
@_common.inputs_argument(required=False)
@click.option(
    "-o",
    "--output",
    metavar="DIR",
    required=True,
    help="the folder to write the pages into (created if missing)",
)
@reading_options
@_common.format_option(
    "text",
    help_text="the summary: text, a line per report; json, one document {files: [...]}; "
    "jsonl, one record per line",
)
@_common.lang_option()
@_common.verbosity_options()
def review_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    output: str,
    example: bool,
    blanks_as_zero: bool,
    output_format: str,
    lang: str,
    quiet: bool,
    verbose: bool,
) -> int:
    """Write a review page per report, and an index, into a folder.

    PATH is a file, a folder of published reports or '-' for standard input. -q prints only
    the reports that break an identity of the form.
    """
    from govinfo_report.review import INDEX, page_name  # noqa: PLC0415 - keep `--help` fast

    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    inputs = report_inputs(paths, example)
    directory = Path(output)
    if problem := _common.output_folder(directory):
        return _common.error(output, problem)
    outcomes = list(read_all(inputs, jobs=1, blanks_as_zero=blanks_as_zero))
    read = [outcome for outcome in outcomes if not outcome.errors]
    try:
        reviewed_pages = iter(_write_pages(inputs, read, directory))
    except OSError as unwritable:
        return _common.error(unwritable.filename or output, _common.os_error_text(unwritable))
    statuses: list[int] = []
    records: list[dict[str, Any]] = []
    lines: list[str] = []
    for outcome in outcomes:  # in the order of the inputs
        statuses.append(outcome.status)
        if outcome.errors:
            records.append(_common.refuse(outcome.name, outcome.errors))
            continue
        reviewed, name = next(reviewed_pages)
        record = _summary(reviewed, outcome, directory / page_name(name, lang))
        records.append(record)
        breaks = bool(reviewed.checks.errors)
        statuses.append(_common.EXIT_FINDINGS if breaks else _common.EXIT_OK)
        if verbosity or breaks:  # -q: only the reports with errors
            counts = record["counts"]
            lines.append(_SUMMARY[lang].format(name=outcome.label, page=record["page"], **counts))
    if output_format == "text":
        if verbosity and read:
            lines.append(_INDEX_LINE[lang].format(path=directory / INDEX[lang]))
        click.echo("".join(f"{line}\n" for line in lines), nl=False)
    _common.print_records(records, output_format)
    return _common.worst(statuses)
