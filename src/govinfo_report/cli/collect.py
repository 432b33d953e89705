"""``govinfo-report collect``, ``series`` and ``stats``: many reports as one dataset.

``collect PATH... -o reports.duckdb`` builds or updates a collection (docs/collections.md) and
ends with a summary; ``series ORGAN --db reports.duckdb`` checks one organ across years;
``stats --db reports.duckdb`` prints the peer percentile tables. They need the ``collection``
extra (DuckDB, pyarrow, pandas), imported only when one of them runs.

Conventions are the other commands' (:mod:`govinfo_report.cli._common`): one error line per
failure, exit status 0 all well, 1 error findings (``series``: a finding across years), 2 an
input could not be read, or bad usage (wins over 1). ``collect`` reads files, so ``-`` (standard
input) is refused, as is ``-o -``: a collection is a database file or a folder.
"""

from __future__ import annotations

import csv
import glob
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs
import click

from govinfo_report.cli import _common
from govinfo_report.rules.rates import RATES

if TYPE_CHECKING:
    from types import ModuleType

    from govinfo_report.collection import Collection, Summary

__all__ = ["collect_command", "series_command", "stats_command"]

_STORES = ("duckdb", "parquet", "csv")
"""The values of :class:`govinfo_report.collection.OutputFormat` (the extra may be absent)."""
_NO_STDIN = "collect reads files and keeps them up to date: '-' (standard input) is not one"
_NO_STDOUT = "a collection is a DuckDB file or a folder: -o - (standard output) cannot hold one"
_NO_EXTRA = (
    "this command needs the collection extra ({missing} is missing): "
    "pip install 'govinfo-report[collection]'"
)


class _Refused(Exception):  # noqa: N818 - not an error of the library: a line to print
    """An input this command cannot use: where and what, printed as one error line."""

    def __init__(self, where: str | None, what: str) -> None:
        super().__init__(where, what)
        self.where = where
        self.what = what


def _collection_module() -> ModuleType:
    """:mod:`govinfo_report.collection`, or a refusal naming the extra when it is not installed.

    Imported when a command runs, not when the command line starts: the other commands work
    without DuckDB, pyarrow and pandas.
    """
    try:
        import govinfo_report.collection as module  # noqa: PLC0415 - see the docstring
    except ImportError as missing:
        raise _Refused(None, _NO_EXTRA.format(missing=missing.name)) from None
    return module


def _mapping_file(path: Path) -> dict[str, str]:
    """A two-column mapping (name → key) from a JSON object or a CSV file with two columns."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        if not isinstance(data, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in data.items()
        ):
            msg = "expected a JSON object of names to keys"
            raise ValueError(msg)
        return data
    rows = [(number, row) for number, row in enumerate(csv.reader(text.splitlines()), 1) if row]
    bad = [number for number, row in rows if len(row) != 2]
    if bad:
        msg = f"line {bad[0]}: expected two columns (name, key)"
        raise ValueError(msg)
    return {name.strip(): key.strip() for _, (name, key) in rows}


def _load_mapping(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    if not path.exists():
        raise _Refused(str(path), _common.NO_SUCH_PATH)
    try:
        return _mapping_file(path)
    except OSError as problem:
        raise _Refused(str(path), _common.os_error_text(problem)) from None
    except (ValueError, UnicodeDecodeError) as problem:
        raise _Refused(str(path), str(problem)) from None


def _collect_paths(paths: Sequence[str]) -> tuple[list[str], int]:
    """The files, folders and glob patterns to collect; the status of the paths left out.

    Files and folders are expanded as every command expands them (a folder's report files,
    leaving out the reading records ``parse -o`` writes); a glob pattern is the collection's
    to expand. A path that does not exist, or a pattern that matches no report file, is one
    error line.
    """
    from govinfo_report.collection import REPORT_SUFFIXES, find_files  # noqa: PLC0415 - extra

    if "-" in paths:
        raise click.UsageError(_NO_STDIN)
    given: list[str] = []
    status = _common.EXIT_OK
    for path in paths:
        if not Path(path).exists() and glob.has_magic(path):
            if find_files([path]):
                given.append(path)
                continue
            inputs = [_common.Input(path, Path(path), error=_common.NO_SUCH_PATH)]
        else:
            inputs = _common.expand_inputs([path], REPORT_SUFFIXES)
        for item in inputs:
            if item.error is not None:
                status = _common.error(item.name, item.error)
            else:
                given.append(item.name)
    return given, status


def _progress(
    stream: TextIO, verbosity: int
) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """A rich progress bar on a terminal; nothing when standard error is not one, or with -q."""
    if verbosity == 0 or not stream.isatty():
        return None, lambda: None
    from rich.progress import Progress  # noqa: PLC0415 - only on a terminal

    bar = Progress(transient=True)
    bar.start()
    task = bar.add_task("reading", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop


def _summary_document(summary: Summary) -> dict[str, Any]:
    document = attrs.asdict(summary)
    document["findings"] = dict(summary.findings)
    document["codes"] = dict(summary.codes)
    return document


def _emit(document: object, lines: Sequence[str], output_format: str) -> None:
    """Text lines, one JSON document, or (jsonl) a line per item of a list document."""
    if output_format == "text":
        click.echo("".join(f"{line}\n" for line in lines), nl=False)
    elif output_format == "json":
        click.echo(_common.json_text(document))
    else:
        for item in document if isinstance(document, list) else [document]:
            click.echo(_common.json_text(item, indent=None))


def _collect_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        (
            click.option(
                "-o",
                "--output",
                metavar="OUT",
                default="reports.duckdb",
                show_default=True,
                help="a DuckDB file (*.duckdb), or a folder for Parquet or CSV",
            ),
            click.option(
                "--to",
                "store",
                type=click.Choice(_STORES),
                help="how to write the collection (default: DuckDB for *.duckdb, else Parquet)",
            ),
            _common.jobs_option(),
            click.option(
                "--aliases",
                type=click.Path(path_type=Path),
                help="a CSV (name,key) or JSON file mapping ways an organ is printed to one key",
            ),
            click.option(
                "--blanks-as-zero",
                is_flag=True,
                help="read blank cells (and -, —, /) as 0; only when the publisher leaves zeros "
                "blank",
            ),
        )
    ):
        function = option(function)
    return function


@click.command("collect", epilog=_common.EXIT_CODES)
@_common.inputs_argument()
@_collect_options
@_common.format_option(
    help_text="the summary: text for people; json, one document; jsonl, one line"
)
@_common.verbosity_options()
def collect_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    output: str,
    store: str | None,
    jobs: int,
    aliases: Path | None,
    blanks_as_zero: bool,
    output_format: str,
    quiet: bool,
    verbose: bool,
) -> int:
    """Build or update a collection of reports from files, folders and glob patterns.

    Only files whose content changed since the last run are read again. Ends with a summary
    (-q: only with --format json or jsonl); -v adds a line per file read on standard error.
    """
    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    target = _common.output_path(output)
    if target is None:
        raise click.UsageError(_NO_STDOUT)
    try:
        module = _collection_module()
        alias_table = _load_mapping(aliases)
    except _Refused as refused:
        return _common.error(refused.where, refused.what)
    given, status = _collect_paths(paths)
    if not given:  # every path named was missing: nothing to write
        return status
    update, stop = _progress(sys.stderr, verbosity)
    try:
        collection = module.collect(
            given,
            target,
            format=store,
            jobs=jobs,
            aliases=alias_table,
            blanks_as_zero=blanks_as_zero,
            progress=update,
        )
    except (OSError, module.CollectionError) as problem:
        return _common.error(str(target), str(problem).removeprefix(f"{target}: "))
    finally:
        stop()
    with collection:
        summary = collection.summary
        assert summary is not None  # noqa: S101 - collect always sets it
        unreadable = collection.sql(
            "SELECT file, read_error FROM reports WHERE read_error IS NOT NULL ORDER BY file"
        ).fetchall()
        read_now = collection.sql(
            "SELECT file, organ, year, errors, warnings FROM reports WHERE read_error IS NULL "
            "AND read_at = (SELECT max(read_at) FROM reports) ORDER BY file"
        ).fetchall()
    for file, reason in unreadable:
        status = _common.error(file, reason.removeprefix(f"{file}: "))
    if verbosity == 2 and summary.read:
        for file, organ, year, errors, warnings in read_now:
            click.echo(
                f"{file}: {organ} {year}, {errors} error(s), {warnings} warning(s)",
                err=True,
            )
    if verbosity or output_format != "text":
        _emit(_summary_document(summary), summary.lines(), output_format)
    found_errors = _common.EXIT_FINDINGS if summary.findings["error"] else _common.EXIT_OK
    return _common.worst([status, found_errors])


def _open(database: Path) -> Collection:
    module = _collection_module()
    if not database.exists():
        raise _Refused(str(database), _common.NO_SUCH_PATH)
    try:
        collection: Collection = module.open_collection(database)
    except (OSError, module.CollectionError) as problem:
        raise _Refused(str(database), str(problem).removeprefix(f"{database}: ")) from None
    return collection


_DATABASE = click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=Path("reports.duckdb"),
    show_default=True,
    help="the collection: a DuckDB file, or a Parquet or CSV folder",
)


@click.command("series", epilog=_common.EXIT_CODES)
@click.argument("organ")
@_DATABASE
@click.option(
    "--factor",
    type=click.FloatRange(min=1),
    default=5.0,
    show_default=True,
    help="flag a change of more than this many times",
)
@click.option(
    "--min-base",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="only against a previous value at least this large",
)
@_common.format_option(help_text="text for people; json, one document; jsonl, a finding a line")
@_common.lang_option()
def series_command(  # noqa: PLR0913 - one parameter per option
    *, organ: str, database: Path, factor: float, min_base: float, output_format: str, lang: str
) -> int:
    """Check one organ's reports across years: continuity, gaps, sudden changes.

    ORGAN is the organ's key in the collection (its alias key, else the name as printed).
    The status is 1 when a finding is made.
    """
    try:
        collection = _open(database)
    except _Refused as refused:
        return _common.error(refused.where, refused.what)
    with collection:
        reports = collection.reports(organ=organ)
        known = collection.organs()
    if not reports:
        hint = f"; organs in the collection: {', '.join(known[:10])}" if known else ""
        return _common.error(str(database), f"no counted report for organ {organ!r}{hint}")
    result = _collection_module().series(reports, factor=factor, min_base=min_base)
    findings = [attrs.asdict(finding) for finding in result.findings]
    lines = [
        f"{organ}: {len(result.years)} report(s), years {', '.join(map(str, result.years))}",
        "continuity checked: "
        + (", ".join(f"{a}→{b}" for a, b in result.checked) or "no consecutive years"),
    ]
    lines.extend(
        f"  {_common.SEVERITY_NAMES[lang][finding.severity]} {finding.year} {finding.code}: "
        f"{finding.message_zh if lang == 'zh' else finding.message_en}"
        for finding in result.findings
    )
    if not result.findings:
        lines.append("  no findings")
    document = {
        "organ": organ,
        "years": list(result.years),
        "checked": [list(pair) for pair in result.checked],
        "findings": findings,
    }
    _emit(findings if output_format == "jsonl" else document, lines, output_format)
    warned = any(finding.severity == "warning" for finding in result.findings)
    return _common.EXIT_FINDINGS if warned else _common.EXIT_OK


@click.command("stats", epilog=_common.EXIT_CODES)
@_DATABASE
@click.option(
    "--groups",
    type=click.Path(path_type=Path),
    help="a CSV (organ,group) or JSON file putting organs in peer groups",
)
@click.option("--year", type=int, help="only this year")
@click.option(
    "--measures",
    type=click.Choice(["rates", "cells", "all"]),
    default="rates",
    show_default=True,
    help="the rates, every cell, or both",
)
@_common.format_option(
    help_text="text for people; json, one document {statistics, outliers}; jsonl, a row a line"
)
@_common.lang_option()
def stats_command(  # noqa: PLR0913 - one parameter per option
    *,
    database: Path,
    groups: Path | None,
    year: int | None,
    measures: str,
    output_format: str,
    lang: str,
) -> int:
    """Print the peer percentile tables (P25, P50, P75) per year and group, and outliers."""
    try:
        grouping = _load_mapping(groups)
        collection = _open(database)
    except _Refused as refused:
        return _common.error(refused.where, refused.what)
    with collection:
        reports = collection.reports(year=year)
    statistics = _collection_module().peer_statistics(reports, group=grouping)
    table = statistics.table
    if measures != "all":
        table = table[table["kind"] == measures.removesuffix("s")]
    labels = {rate.id: getattr(rate.label, lang) for rate in RATES}
    records = json.loads(table.to_json(orient="records", force_ascii=False))
    outliers = json.loads(statistics.outliers.to_json(orient="records", force_ascii=False))
    lines = [
        f"{row['year']} {row['group']} {labels.get(row['measure'], row['measure'])}: "
        f"n={row['n']} blank={row['blank']} P25={_show(row['p25'])} P50={_show(row['p50'])} "
        f"P75={_show(row['p75'])}"
        for row in records
    ]
    lines.extend(
        f"outlier: {row['year']} {row['group']} {row['organ']} "
        f"{labels.get(row['measure'], row['measure'])} = {_show(row['value'])} "
        f"(peers {_show(row['low'])} to {_show(row['high'])})"
        for row in outliers
    )
    document = {"statistics": records, "outliers": outliers}
    _emit(records if output_format == "jsonl" else document, lines, output_format)
    return _common.EXIT_OK


def _show(value: float | None) -> str:
    return "blank" if value is None else f"{value:.4g}"
