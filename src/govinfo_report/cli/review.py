"""``govinfo-report review FILE... -o DIR``: review pages for published reports.

Each FILE (a report as published: text, HTML, PDF or Word; ``-`` reads standard input) is read,
checked and reviewed (:mod:`govinfo_report.review`); DIR receives a page per report in Chinese
(``<file>.html``) and English (``<file>.en.html``) and the index pages ``index.html`` and
``index.en.html``. Reports of one organ among the FILEs are compared with their previous year
(copy checks C1, C2). A summary is printed: text (``--lang zh|en``), ``json`` or ``jsonl``.

Exit status: 0 when no report breaks an identity of the form, 1 when one does, 2 when a file
cannot be read or the command line is wrong (that wins over 1). Review findings are warnings and
do not change the status.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from govinfo_report.errors import ParseError
from govinfo_report.parse import ParseResult, parse
from govinfo_report.review import INDEX, Review, page_name, review_series, write_site

__all__ = ["review_command"]

_EXIT_OK, _EXIT_FINDINGS, _EXIT_UNREADABLE = 0, 1, 2
_SUMMARY = {
    "zh": "{name}：{errors} 个错误，{warnings} 个警告，{review} 项审阅发现 → {page}",
    "en": "{name}: {errors} errors, {warnings} warnings, {review} review findings → {page}",
}
_INDEX_LINE = {"zh": "索引：{path}", "en": "index: {path}"}


def _error(name: str, what: str) -> None:
    click.echo(f"govinfo-report: error: {name}: {what}", err=True)


def _read(name: str, blanks_as_zero: bool) -> ParseResult | None:
    try:
        if name == "-":
            return parse(sys.stdin.buffer.read(), blanks_as_zero=blanks_as_zero, name="stdin")
        return parse(Path(name), blanks_as_zero=blanks_as_zero)
    except ParseError as error:
        _error(name, error.what)
    except OSError as error:
        _error(name, error.strerror or str(error))
    return None


def _summary(reviewed: Review, name: str, page: Path) -> dict[str, Any]:
    return {
        "file": name,
        "page": str(page),
        "counts": reviewed.counts(),
        "findings": [finding.to_dict() for finding in reviewed.findings],
    }


@click.command("review")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the pages into (created if missing).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="How to print the summary.",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--blanks-as-zero", is_flag=True, help="Read blank cells as 0 (only when known).")
def review_command(
    files: tuple[str, ...], directory: Path, output_format: str, lang: str, blanks_as_zero: bool
) -> None:
    """Write a review page per report, and an index, into a folder."""
    names: list[str] = []
    results: list[ParseResult] = []
    unreadable = False
    for name in files:
        result = _read(name, blanks_as_zero)
        if result is None:
            unreadable = True
            continue
        names.append("stdin" if name == "-" else name)
        results.append(result)
    reviews = review_series(results)
    try:
        write_site(reviews, names, directory)
    except OSError as error:
        _error(str(directory), error.strerror or str(error))
        sys.exit(_EXIT_UNREADABLE)
    summaries = [
        _summary(reviewed, name, directory / page_name(name, lang))
        for reviewed, name in zip(reviews, names, strict=True)
    ]
    if output_format == "json":
        click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
    elif output_format == "jsonl":
        for summary in summaries:
            click.echo(json.dumps(summary, ensure_ascii=False))
    else:
        for summary in summaries:
            click.echo(
                _SUMMARY[lang].format(
                    name=summary["file"], page=summary["page"], **summary["counts"]
                )
            )
        click.echo(_INDEX_LINE[lang].format(path=directory / INDEX[lang]))
    if unreadable:
        sys.exit(_EXIT_UNREADABLE)
    if any(reviewed.checks.errors for reviewed in reviews):
        sys.exit(_EXIT_FINDINGS)
