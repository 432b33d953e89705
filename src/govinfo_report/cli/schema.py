"""``govinfo-report schema`` and ``govinfo-report validate``: the JSON Schema from the shell.

``schema`` prints (or writes) the published schema of a format version; ``--write-all DIR``
regenerates every published file, as ``schemas/`` holds them. ``validate`` checks report
documents (files, folders of ``*.json``, ``-``) against the schema and prints every problem
with its JSON path.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec

from govinfo_report import LoadError, from_json
from govinfo_report.cli import _common
from govinfo_report.cli._reading import document_errors
from govinfo_report.schema import (
    ALL_VERSIONS,
    SCHEMA_VERSIONS,
    schema_text,
    validate_document,
    write_schemas,
)

__all__ = ["schema_command", "validate_command"]

# Non-integral numbers as exact decimals, as the loader reads them; msgspec refuses NaN and
# Infinity, which are not JSON.
_DECODER = msgspec.json.Decoder(float_hook=Decimal)
F = TypeVar("F", bound=Callable[..., Any])


def _version_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--version",
        type=click.Choice(SCHEMA_VERSIONS),
        default=ALL_VERSIONS,
        show_default=True,
        help=help_text,
    )


@click.command("schema", epilog=_common.EXIT_CODES)
@_version_option("format version; 'all' accepts either in each versioned table")
@click.option("-o", "--output", metavar="FILE", help="write to FILE ('-': standard output)")
@click.option(
    "--write-all",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="write every published file (as in schemas/) into DIR",
)
def schema_command(version: str, output: str | None, write_all: Path | None) -> int:
    """Print the JSON Schema (draft 2020-12) of a report document."""
    if output is not None and write_all is not None:
        msg = "give -o FILE or --write-all DIR, not both"
        raise click.UsageError(msg)
    if write_all is not None:
        if (problem := _common.output_folder(write_all)) is not None:
            return _common.error(str(write_all), problem)
        try:
            written = write_schemas(write_all)
        except OSError as error:
            return _common.error(error.filename or str(write_all), _common.os_error_text(error))
        for path in written:
            click.echo(f"wrote {path}")
        return _common.EXIT_OK
    target = _common.output_path(output)
    if target is not None and target.is_dir():
        return _common.error(str(target), "is a folder, not a file")
    try:
        _common.write_text(target, schema_text(version))
    except OSError as error:
        return _common.error(str(target), _common.os_error_text(error))
    return _common.EXIT_OK


def _decode(item: _common.Input) -> Any | _common.Errors:  # noqa: ANN401 - JSON
    try:
        data = item.read_bytes()
    except OSError as error:
        return ((item.name, _common.os_error_text(error)),)
    try:
        return _DECODER.decode(data)
    except (msgspec.DecodeError, InvalidOperation):
        # Not JSON: the loader says so in the words every command uses for it.
        try:
            from_json(data)
        except LoadError as error:
            return document_errors(item.name, error)
        raise  # pragma: no cover - what msgspec refuses the loader refuses too


@click.command("validate", epilog=_common.EXIT_CODES)
@_common.inputs_argument()
@_version_option("format version the documents must have")
@click.option(
    "--engine",
    type=click.Choice(("schema", "loader")),
    default="schema",
    show_default=True,
    help="'loader' gives the same verdict 6 to 40 times faster",
)
@_common.format_option()
@_common.verbosity_options()
def validate_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    version: str,
    engine: str,
    output_format: str,
    quiet: bool,
    verbose: bool,
) -> int:
    """Validate report documents against the JSON Schema; print every problem with its path.

    PATH is a report document (JSON), a folder of them (*.json, read recursively) or '-' for
    standard input.
    """
    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    statuses: list[int] = []
    records: list[dict[str, Any]] = []
    for item in _common.expand_inputs(paths, _common.JSON_SUFFIXES):
        document = _decode(item) if item.error is None else ((item.name, item.error),)
        if isinstance(document, tuple):
            statuses.append(_common.EXIT_UNREADABLE)
            record: dict[str, Any] = _common.refuse(item.name, document)
        else:
            problems = validate_document(document, version=version, engine=engine)
            statuses.append(_common.EXIT_FINDINGS if problems else _common.EXIT_OK)
            record = {
                "file": item.name,
                "valid": not problems,
                "problems": [_problem(problem) for problem in problems],
            }
            if output_format == "text" and (problems or verbosity):
                _print_problems(item.name, [str(problem) for problem in problems])
        if output_format == "jsonl":
            click.echo(_common.json_text(record, indent=None))
        records.append(record)
    if output_format == "json":
        click.echo(_common.json_text({"files": records}))
    return _common.worst(statuses)


def _problem(problem: Any) -> dict[str, Any]:  # noqa: ANN401 - a Problem
    document = {"path": problem.path, "message": problem.message}
    if problem.has_value:
        document["value"] = problem.value
    return document


def _print_problems(name: str, problems: list[str]) -> None:
    if not problems:
        click.echo(f"{name}: valid")
        return
    count = len(problems)
    click.echo(f"{name}: {count} problem{'s' if count != 1 else ''}")
    click.echo("".join(f"  {problem}\n" for problem in problems), nl=False)
