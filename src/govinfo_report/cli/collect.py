"""``govinfo-report collect``, ``series`` and ``stats``: many reports as one dataset.

``collect PATH... -o reports.duckdb`` builds or updates a collection (docs/collections.md) and
ends with a summary; ``series ORGAN --db reports.duckdb`` checks one organ across years;
``stats --db reports.duckdb`` prints the peer percentile tables. Exit status: 0 all well,
1 error findings, 2 unreadable input or bad usage.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs
import click

from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.rules.rates import RATES

if TYPE_CHECKING:
    from types import ModuleType

    from govinfo_report.collection import Collection, Summary

_STORES = ("duckdb", "parquet", "csv")
"""The values of :class:`govinfo_report.collection.OutputFormat` (the extra may be absent)."""


def _collection_module() -> ModuleType:
    """:mod:`govinfo_report.collection`, or a one-line error when its extra is not installed.

    Imported when a command runs, not when the command line starts: the other commands work
    without DuckDB, pyarrow and pandas.
    """
    try:
        import govinfo_report.collection as module  # noqa: PLC0415 - see the docstring
    except ImportError as error:
        _error(
            PROGRAM,
            f"this command needs the collection extra ({error.name} is missing): "
            "pip install 'govinfo-report[collection]'",
        )
        raise SystemExit(EXIT_UNREADABLE) from None
    return module


__all__ = ["collect_command", "series_command", "stats_command"]

PROGRAM = "govinfo-report"
_FORMATS = click.Choice(["text", "json", "jsonl"])
_LANGS = click.Choice(["zh", "en"])


def _error(where: str, what: str) -> None:
    click.echo(f"{PROGRAM}: error: {where}: {what}", err=True)


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
    rows = [row for row in csv.reader(text.splitlines()) if row]
    bad = [number for number, row in enumerate(rows, start=1) if len(row) != 2]
    if bad:
        msg = f"line {bad[0]}: expected two columns (name, key)"
        raise ValueError(msg)
    return {name.strip(): key.strip() for name, key in rows}


def _load_mapping(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        return _mapping_file(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        _error(str(path), str(error))
        raise SystemExit(EXIT_UNREADABLE) from None


def _progress(stream: TextIO) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """A rich progress bar on a terminal; nothing when standard error is not one."""
    if not stream.isatty():
        return None, lambda: None
    # Imported only on a terminal: rich is not needed to collect.
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


def _emit(document: Any, lines: list[str], fmt: str) -> None:  # noqa: ANN401 - any JSON value
    if fmt == "text":
        click.echo("\n".join(lines))
    elif fmt == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
    else:
        items = document if isinstance(document, list) else [document]
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))


@click.command("collect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("reports.duckdb"),
    show_default=True,
    help="a DuckDB file (*.duckdb), or a folder for Parquet or CSV",
)
@click.option(
    "--to",
    "store",
    type=click.Choice(_STORES),
    help="how to write the collection (default: DuckDB for *.duckdb, else Parquet)",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, help="read N files at a time")
@click.option(
    "--aliases",
    type=click.Path(path_type=Path),
    help="a CSV (name,key) or JSON file mapping ways an organ is printed to one key",
)
@click.option("--blanks-as-zero", is_flag=True, help="read blank cells as 0")
@click.option("--format", "fmt", type=_FORMATS, default="text", help="format of the summary")
def collect_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[Path, ...],
    output: Path,
    store: str | None,
    jobs: int,
    aliases: Path | None,
    blanks_as_zero: bool,
    fmt: str,
) -> None:
    """Build or update a collection of reports from files, folders and globs.

    Only files whose content changed since the last run are read again. Ends with a summary.
    """
    collection_module = _collection_module()
    alias_table = _load_mapping(aliases)
    update, stop = _progress(sys.stderr)
    try:
        collection = collection_module.collect(
            [str(path) for path in paths],
            output,
            format=store,
            jobs=jobs,
            aliases=alias_table,
            blanks_as_zero=blanks_as_zero,
            progress=update,
        )
    except (OSError, collection_module.CollectionError) as error:
        stop()
        _error(str(output), str(error))
        raise SystemExit(EXIT_UNREADABLE) from None
    stop()
    summary = collection.summary
    assert summary is not None  # noqa: S101 - collect always sets it
    unreadable = collection.sql(
        "SELECT file, read_error FROM reports WHERE read_error IS NOT NULL ORDER BY file"
    ).fetchall()
    collection.close()
    for file, reason in unreadable:
        _error(file, reason.removeprefix(f"{file}: "))
    _emit(_summary_document(summary), summary.lines(), fmt)
    if unreadable:
        raise SystemExit(EXIT_UNREADABLE)
    raise SystemExit(EXIT_FINDINGS if summary.findings["error"] else EXIT_OK)


def _open(database: Path) -> Collection:
    module = _collection_module()
    try:
        collection: Collection = module.open_collection(database)
    except (OSError, module.CollectionError) as error:
        _error(str(database), str(error))
        raise SystemExit(EXIT_UNREADABLE) from None
    return collection


_FORMAT = click.option("--format", "fmt", type=_FORMATS, default="text", help="output format")
_LANG = click.option("--lang", type=_LANGS, default="zh", help="language of messages and labels")
_DATABASE = click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=Path("reports.duckdb"),
    show_default=True,
    help="the collection: a DuckDB file, or a Parquet or CSV folder",
)


@click.command("series")
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
@_FORMAT
@_LANG
def series_command(  # noqa: PLR0913 - one parameter per option
    *, organ: str, database: Path, factor: float, min_base: float, fmt: str, lang: str
) -> None:
    """Check one organ's reports across years: continuity, gaps, sudden changes."""
    collection = _open(database)
    reports = collection.reports(organ=organ)
    known = collection.organs()
    collection.close()
    if not reports:
        hint = f"; organs in the collection: {', '.join(known[:10])}" if known else ""
        _error(str(database), f"no counted report for organ {organ!r}{hint}")
        raise SystemExit(EXIT_UNREADABLE)
    result = _collection_module().series(reports, factor=factor, min_base=min_base)
    findings = [attrs.asdict(finding) for finding in result.findings]
    lines = [
        f"{organ}: {len(result.years)} report(s), years {', '.join(map(str, result.years))}",
        "continuity checked: "
        + (", ".join(f"{a}→{b}" for a, b in result.checked) or "no consecutive years"),
    ]
    lines.extend(
        f"  {finding.severity:<7} {finding.year} {finding.code}: "
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
    _emit(findings if fmt == "jsonl" else document, lines, fmt)
    warned = any(finding.severity == "warning" for finding in result.findings)
    raise SystemExit(EXIT_FINDINGS if warned else EXIT_OK)


@click.command("stats")
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
@_FORMAT
@_LANG
def stats_command(  # noqa: PLR0913 - one parameter per option
    *, database: Path, groups: Path | None, year: int | None, measures: str, fmt: str, lang: str
) -> None:
    """Print the peer percentile tables (P25, P50, P75) per year and group, and outliers."""
    grouping = _load_mapping(groups)
    collection = _open(database)
    reports = collection.reports(year=year)
    collection.close()
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
    _emit(records if fmt == "jsonl" else {"statistics": records, "outliers": outliers}, lines, fmt)
    raise SystemExit(EXIT_OK)


def _show(value: float | None) -> str:
    return "blank" if value is None else f"{value:.4g}"
