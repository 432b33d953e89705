"""``govinfo-report parse`` and ``govinfo-report show``: read published reports from the shell.

``parse PATH...`` reads files and folders of reports (text, HTML, PDF, Word) and writes one JSON
document per report into ``-o DIR``, or prints it; findings go to standard error; a batch ends
with a summary. ``show FILE`` prints a report's tables and findings for a person to read.
``--example`` reads the published report that ships with the package.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import attrs

from govinfo_report import serialize
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.errors import GovinfoReportError
from govinfo_report.parse._document import ParseResult
from govinfo_report.render import render_report

__all__ = ["EXAMPLE", "register"]

EXAMPLE = "2024_huaian_city.txt"
"""The published report shipped in ``govinfo_report/examples`` (淮安市人民政府, 2024)."""
_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx"}
)
_BAR_WIDTH = 30


def register(subparsers: Any) -> None:  # noqa: ANN401 - argparse's sub-parser action is private
    """Add the ``parse`` and ``show`` commands."""
    parse_parser = subparsers.add_parser(
        "parse",
        help="read published reports (text, HTML, PDF, Word) into JSON",
        description="Read reports into JSON documents: one per report, into -o DIR or printed. "
        "Findings go to standard error. Exit status 0: all read, no errors; 1: read, with "
        "errors found; 2: some input could not be read.",
    )
    parse_parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders"
    )
    parse_parser.add_argument("-o", "--output", type=Path, metavar="DIR", help="write JSON here")
    parse_parser.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="read N files at a time"
    )
    _common_options(parse_parser)
    parse_parser.set_defaults(handler=_run_parse)

    show_parser = subparsers.add_parser(
        "show",
        help="print a report's tables and findings",
        description="Read one report and print its tables and findings.",
    )
    show_parser.add_argument("paths", nargs="*", type=Path, metavar="FILE", help="a report file")
    _common_options(show_parser)
    show_parser.set_defaults(handler=_run_show)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--example",
        action="store_true",
        help=f"read the published report shipped with the package ({EXAMPLE})",
    )
    parser.add_argument(
        "--blanks-as-zero",
        action="store_true",
        help="read blank cells (and -, —, /) as 0; only when the publisher leaves zeros blank",
    )


def example_path() -> Path:
    """The shipped example report, as a file on disk."""
    return Path(str(resources.files("govinfo_report.examples").joinpath(EXAMPLE)))


def _inputs(args: argparse.Namespace) -> list[Path]:
    paths: list[Path] = [example_path()] if args.example else []
    for path in args.paths:
        if path.is_dir():
            paths.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
            )
        else:
            paths.append(path)
    return paths


@attrs.frozen
class _Outcome:
    """What reading one file gave, in plain data that crosses process boundaries."""

    path: str
    document: str | None = None
    findings: tuple[tuple[str, str, str], ...] = ()
    """(severity, where, message) of each finding."""
    error: str | None = None
    tables: str = ""


def _rule_findings(result: ParseResult) -> tuple[Any, ...]:
    """The rules that fail on the report (errors, then warnings), when the engine is present.

    Blank cells and rules that cannot be assessed are not listed: a reader of a batch wants
    what is wrong, and the JSON document keeps every blank as null.
    """
    try:
        importlib.import_module("govinfo_report.rules")
    except ImportError:
        return ()
    checked = result.check()
    return (*getattr(checked, "errors", ()), *getattr(checked, "warnings", ()))


def _finding_rows(result: ParseResult) -> tuple[tuple[str, str, str], ...]:
    rows = []
    for finding in (*result.findings, *_rule_findings(result)):
        severity = getattr(finding.severity, "value", str(finding.severity))
        location = getattr(finding, "location", None)
        where = getattr(finding, "path", None) or (str(location) if location else "")
        code = getattr(finding, "code", None) or getattr(finding, "check", "")
        message = getattr(finding, "message_en", None) or getattr(finding, "message", str(finding))
        rows.append((str(severity), str(where), f"{code}: {message}"))
    return tuple(rows)


def _read_one(path: str, blanks_as_zero: bool, with_tables: bool, indent: int | None) -> _Outcome:
    from govinfo_report.parse import parse  # noqa: PLC0415 - keep `--help` fast

    try:
        result = parse(path, blanks_as_zero=blanks_as_zero)
    except GovinfoReportError as error:
        return _Outcome(path, error=str(error))
    document = serialize.to_json(result.report, indent=indent)
    tables = render_report(result.report) if with_tables else ""
    return _Outcome(path, document, _finding_rows(result), tables=tables)


def _outcomes(
    paths: Sequence[Path], args: argparse.Namespace, *, tables: bool
) -> Iterator[_Outcome]:
    names = [str(path) for path in paths]
    # One report printed reads best indented; several printed are JSON Lines.
    indent = 1 if len(names) == 1 or getattr(args, "output", None) is not None else None
    jobs = max(1, min(getattr(args, "jobs", 1), len(names)))
    if jobs == 1:
        for name in names:
            yield _read_one(name, args.blanks_as_zero, tables, indent)
        return
    count = len(names)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(
            _read_one,
            names,
            [args.blanks_as_zero] * count,
            [tables] * count,
            [indent] * count,
            chunksize=max(1, min(8, count // (jobs * 4))),
        )


class _Progress:
    """A one-line progress bar on a terminal; silent when standard error is not one."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self._stream = stream
        self._total = total
        self._shown = total > 1 and stream.isatty()

    def update(self, done: int) -> None:
        if self._shown:
            filled = _BAR_WIDTH * done // self._total
            bar = "#" * filled + "." * (_BAR_WIDTH - filled)
            self._stream.write(f"\r[{bar}] {done}/{self._total}")
            self._stream.flush()

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r" + " " * (_BAR_WIDTH + 24) + "\r")


def _has_errors(outcome: _Outcome) -> bool:
    return any(severity == "error" for severity, _where, _message in outcome.findings)


def _run_parse(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    paths = _inputs(args)
    if not paths:
        stderr.write("govinfo-report parse: no input; give files or folders, or --example\n")
        return EXIT_UNREADABLE
    if args.output is not None:
        args.output.mkdir(parents=True, exist_ok=True)
    progress = _Progress(stderr, len(paths))
    read = with_findings = unreadable = 0
    status = EXIT_OK
    used_names: set[str] = set()
    for done, outcome in enumerate(_outcomes(paths, args, tables=False), start=1):
        progress.clear()
        if outcome.error is not None:
            unreadable += 1
            stderr.write(f"unreadable: {outcome.error}\n")
            status = EXIT_UNREADABLE
        else:
            read += 1
            with_findings += bool(outcome.findings)
            stderr.writelines(
                f"{outcome.path}: {severity}: {where}: {message}\n"
                for severity, where, message in outcome.findings
            )
            if _has_errors(outcome) and status == EXIT_OK:
                status = EXIT_FINDINGS
            _emit(outcome, args.output, used_names, stdout)
        progress.update(done)
    progress.clear()
    stderr.write(
        f"{len(paths)} file(s): {read} read ({with_findings} with findings), "
        f"{unreadable} unreadable\n"
    )
    return status


def _emit(outcome: _Outcome, output: Path | None, used_names: set[str], stdout: TextIO) -> None:
    assert outcome.document is not None  # noqa: S101 - only read outcomes are emitted
    if output is None:
        stdout.write(outcome.document + "\n")
        return
    source = Path(outcome.path)
    # report.pdf → report.json; beside a report.txt of the same stem, report.txt.json.
    name, counter = f"{source.stem}.json", 1
    if name in used_names:
        name = f"{source.name}.json"
    while name in used_names:
        counter += 1
        name = f"{source.name}-{counter}.json"
    used_names.add(name)
    (output / name).write_text(outcome.document + "\n", encoding="utf-8")


def _run_show(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    paths = _inputs(args)
    if not paths:
        stderr.write("govinfo-report show: give a report file, or --example\n")
        return EXIT_UNREADABLE
    status = EXIT_OK
    for outcome in _outcomes(paths, args, tables=True):
        if outcome.error is not None:
            stderr.write(f"unreadable: {outcome.error}\n")
            status = EXIT_UNREADABLE
            continue
        stdout.write(outcome.tables.rstrip("\n") + "\n")
        stdout.write(f"\nFindings ({len(outcome.findings)}):\n")
        stdout.writelines(
            f"  {severity:<7} {where}: {message}\n" for severity, where, message in outcome.findings
        )
        if not outcome.findings:
            stdout.write("  none\n")
        if _has_errors(outcome) and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status
