"""``govinfo-report show``: a report's tables and findings, for a person to read.

Reads published reports and report documents alike (told apart by content). Tables are drawn
with rich in the official layout: row groups as heading rows over their indented members
(（三）不予公开 over its eight reasons), column groups over their columns, every label whole and
wrapped to the terminal's width, a blank cell as ``—``. Labels come from the catalog.
"""

from __future__ import annotations

import sys
from typing import Any

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from govinfo_report import Report, catalog
from govinfo_report.catalog import Grid, Label
from govinfo_report.cli import _common
from govinfo_report.cli._reading import finding_lines, full_record, read_all
from govinfo_report.cli.parse import reading_options, report_inputs
from govinfo_report.render import BLANK

__all__ = ["grid_table", "show_command"]

_FINDINGS_HEADING = {"zh": "问题（{}）：", "en": "Findings ({}):"}
_NONE = {"zh": "无", "en": "none"}
_INDENT = "  "
_LABEL_MIN_WIDTH = 22
"""Terminal columns the row labels keep on a narrow terminal; numbers and headers give way."""


def _label(label: Label, lang: str) -> str:
    return label.zh if lang == "zh" else label.en


def _depths(grid: Grid) -> dict[str, int]:
    """How many row groups hold each row: its indentation under their heading rows."""
    return {row.id: sum(row.id in group.members for group in grid.row_groups) for row in grid.rows}


def _opened_by(grid: Grid) -> dict[str, list[Any]]:
    """The row groups whose heading comes just before each row, outermost first."""
    opened: dict[str, list[Any]] = {}
    for group in sorted(grid.row_groups, key=lambda group: -len(group.members)):
        first = next(row.id for row in grid.rows if row.id in group.members)
        opened.setdefault(first, []).append(group)
    return opened


def _column_header(grid: Grid, column_index: int, lang: str) -> str:
    column = grid.columns[column_index]
    for group in grid.column_groups:
        if column.id in group.members:
            first = next(c.id for c in grid.columns if c.id in group.members)
            head = _label(group.label, lang) if column.id == first else ""
            return f"{head}\n{_label(column.label, lang)}"
    return _label(column.label, lang)


def _longest_word(text: str) -> int:
    """The widest word of an English header; 0 for Chinese, which wraps anywhere."""
    if " " not in text:
        return 0
    return max(cell_len(word) for word in text.split())


def grid_table(table: Any, lang: str, width: int) -> RichTable:  # noqa: ANN401 - a model table
    """One table of a report as a rich table ``width`` columns wide at most.

    Group heading rows, whole labels (wrapped, never cut), blanks as ``—``. On a narrow
    terminal the column headers wrap first, down to the width of the numbers; the row labels
    keep the rest.
    """
    grid: Grid = table.grid
    values = [
        [BLANK if value is None else str(value) for value in table.row(row.id).values()]
        for row in grid.rows
    ]
    number_widths = [max(len(row[index]) for row in values) for index in range(len(grid.columns))]
    # Each column takes 2 more for the gap; the labels keep _LABEL_MIN_WIDTH.
    share = (width - _LABEL_MIN_WIDTH) // len(grid.columns) - 2
    rich_table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    rich_table.add_column("", overflow="fold", ratio=1)
    for index in range(len(grid.columns)):
        header = _column_header(grid, index, lang)
        rich_table.add_column(
            Text(header),
            justify="right",
            overflow="fold",
            max_width=max(number_widths[index], share, _longest_word(header)),
        )
    depths, opened = _depths(grid), _opened_by(grid)
    for row in grid.rows:
        for group in opened.get(row.id, ()):
            depth = sum(group.members[0] in other.members for other in grid.row_groups) - 1
            rich_table.add_row(Text(_INDENT * depth + _label(group.label, lang)))
        cells = values[grid.row_index(row.id)]
        label = Text(_INDENT * depths[row.id] + _label(row.label, lang))
        rich_table.add_row(label, *(Text(cell) for cell in cells))
    return rich_table


def _tables(report: Report) -> list[tuple[Label | None, list[Any]]]:
    """Each section's heading (``None`` when its one table carries it) and its tables."""
    proactive = catalog.format_spec(report.proactive_disclosure.format).section(
        "proactive_disclosure"
    )
    return [
        (proactive.heading, list(report.proactive_disclosure.tables)),
        (None, [report.requests]),
        (None, [report.review_litigation]),
    ]


def _print_report(console: Console, report: Report, lang: str) -> None:
    organ = report.organ or ("（未注明）" if lang == "zh" else "(organ not named)")
    year = BLANK if report.year is None else str(report.year)
    _common.echo_rich(console, Text(f"{organ} {year}"))
    versions = ", ".join(f"{section}: {version}" for section, version in report.formats.items())
    _common.echo_rich(console, Text(f"format {versions}"))
    for heading, tables in _tables(report):
        if heading is not None:
            _common.echo_rich(console)
            _common.echo_rich(console, Text(_label(heading, lang)))
        for table in tables:
            _common.echo_rich(console)
            _common.echo_rich(console, Text(_label(table.grid.label, lang)))
            _common.echo_rich(console, grid_table(table, lang, console.width))


@click.command("show", epilog=_common.EXIT_CODES)
@_common.inputs_argument(required=False)
@reading_options
@_common.format_option("text")
@_common.lang_option()
@_common.verbosity_options()
def show_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    example: bool,
    blanks_as_zero: bool,
    output_format: str,
    lang: str,
    quiet: bool,
    verbose: bool,
) -> int:
    """Print reports' tables and findings: published files or report documents (JSON).

    PATH is a file, a folder or '-' for standard input; the kind is told from the content.
    """
    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    inputs = report_inputs(paths, example)
    console = Console(file=sys.stdout, highlight=False)
    statuses: list[int] = []
    records: list[dict[str, Any]] = []
    for outcome in read_all(inputs, jobs=1, blanks_as_zero=blanks_as_zero):
        statuses.append(outcome.status)
        for where, what in outcome.errors:
            _common.error(where, what)
        if verbosity == 2 and not outcome.errors:
            click.echo(f"{outcome.label}: {outcome.finding_count} finding(s)", err=True)
        if output_format == "json":
            records.append(full_record(outcome))
        elif output_format == "jsonl":
            click.echo(_common.json_text(full_record(outcome), indent=None))
        elif outcome.report is not None and outcome.record is not None:
            _print_report(console, outcome.report, lang)
            if not verbosity:  # -q: the tables only
                continue
            lines = finding_lines(outcome.record, lang)  # type: ignore[arg-type]
            _common.echo_rich(console)
            _common.echo_rich(console, Text(_FINDINGS_HEADING[lang].format(len(lines))))
            for line in lines or [_NONE[lang]]:
                _common.echo_rich(console, Text(_INDENT + line))
    if output_format == "json":
        click.echo(_common.json_text({"files": records}))
    return _common.worst(statuses)
