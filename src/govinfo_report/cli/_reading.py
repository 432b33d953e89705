"""Reading inputs for every command that reads reports: published forms or report documents.

What an input holds is told from its content: a report document (JSON) or a published report
(text, HTML, PDF, Word, workbook). :func:`read_input` reads one input into an :class:`Outcome` per
report it holds (a compendium of departments' reports gives several, read by
:func:`~govinfo_report.parse.parse_all`), of plain data that crosses process boundaries for
``--jobs``: the report, its record for JSON output, and the errors that stopped it.
:func:`read_all` reads many, in worker processes when asked, stopping cleanly on Ctrl-C.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report import GovinfoReportError, LoadError, Report, from_json, to_json
from govinfo_report.cli import _common
from govinfo_report.errors import Severity

if TYPE_CHECKING:
    from govinfo_report.parse import ParseResult

__all__ = [
    "EXAMPLE",
    "Outcome",
    "document_errors",
    "example_path",
    "finding_lines",
    "full_record",
    "load_report",
    "read_all",
    "read_input",
    "reading_record",
    "report_name",
]

EXAMPLE = "2024_huaian_city.txt"
"""The published report shipped in ``govinfo_report/examples`` (淮安市人民政府, 2024)."""


def example_path() -> Path:
    """The shipped example report, as a file on disk."""
    return Path(str(resources.files("govinfo_report.examples").joinpath(EXAMPLE)))


@attrs.frozen
class Outcome:
    """What reading one input gave."""

    name: str
    document: str | None = None
    """The report document (``to_json``, indented), when the input was read."""
    report: Report | None = None
    """The report itself, when read in this process."""
    result: ParseResult | None = None
    """What the reader gave (the report with its provenance), when read in this process; a
    report document gives a result without findings or provenance."""
    record: dict[str, Any] | None = None
    """The reading record (:func:`reading_record`), without the report."""
    errors: _common.Errors = ()
    """``(where, what)`` of each reason the input could not be read."""
    has_error_findings: bool = False
    finding_count: int = 0
    """Reading findings plus failed rules (errors and warnings)."""
    index: int = 1
    """The report's place among those its source holds, from 1."""
    several: bool = False
    """Its source holds several reports (a compendium)."""

    @property
    def label(self) -> str:
        """The report's name in messages: the source's, with ``#2`` for its second report."""
        return report_name(self.name, self.index, separator="#")

    @property
    def status(self) -> int:
        """This input's exit status."""
        if self.errors:
            return _common.EXIT_UNREADABLE
        return _common.EXIT_FINDINGS if self.has_error_findings else _common.EXIT_OK


def document_errors(name: str, problem: LoadError) -> _common.Errors:
    """One error per problem of a document that is not a report: ``(file, "$.path: what")``."""
    return tuple((name, str(each)) for each in problem.problems)


def load_report(item: _common.Input) -> Report | _common.Errors:
    """A report document read strictly, or the errors that stopped it (``(where, what)``)."""
    try:
        return from_json(item.read_bytes())
    except OSError as problem:
        return ((item.name, _common.os_error_text(problem)),)
    except LoadError as problem:
        return document_errors(item.name, problem)


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _location(location: object) -> dict[str, Any] | None:
    if location is None:
        return None
    return {key: value for key, value in attrs.asdict(location).items() if value is not None}  # type: ignore[arg-type]


def reading_record(name: str, result: Any) -> dict[str, Any]:  # noqa: ANN401 - a ParseResult
    """What the reader noticed about one source, for ``<name>.findings.json``.

    Findings in both languages, the rules' result on the report, where every cell was read
    (raw text and location), and the candidates of every cell left undetermined.
    """
    return {
        "file": name,
        "findings": [
            {
                "code": finding.code,
                "severity": finding.severity.value,
                "path": finding.path,
                "location": _location(finding.location),
                "message": {"zh": finding.message_zh, "en": finding.message_en},
            }
            for finding in result.findings
        ],
        "check": result.check().to_dict(),
        "provenance": {
            path: {"raw": cell.raw, "location": _location(cell.location)}
            for path, cell in result.provenance.items()
        },
        "undetermined": {path: list(values) for path, values in result.undetermined.items()},
    }


def report_name(name: str, index: int, *, separator: str = ".") -> str:
    """A source's name for its ``index``-th report: ``name``, then ``name.2``, ``name.3``, ...

    ``separator`` goes between the name and the number.
    """
    return name if index == 1 else f"{name}{separator}{index}"


def read_input(item: _common.Input, data: bytes | None, blanks_as_zero: bool) -> Iterator[Outcome]:
    """Read one input: a report document if its content is JSON, else a published source.

    One :class:`Outcome` per report the source holds, as each is read (a compendium is not held
    whole); then one with the errors when the source, or the rest of it, cannot be read.
    """
    pending: ParseResult | None = None  # one report ahead, to know whether there are several
    index = 0
    errors: _common.Errors = ()
    try:
        for result in _results(item, data, blanks_as_zero):
            if pending is not None:
                index += 1
                yield _outcome(item.name, pending, index, several=True)
            pending = result
    except (OSError, GovinfoReportError) as problem:
        errors = _errors(item.name, problem)
    if pending is not None:
        index += 1
        yield _outcome(item.name, pending, index, several=index > 1)
    if errors:  # in the place of the report that could not be read
        yield Outcome(item.name, errors=errors, index=index + 1, several=index > 0)


def _errors(name: str, problem: OSError | GovinfoReportError) -> _common.Errors:
    """Why a source could not be read, in the words every command uses."""
    if isinstance(problem, OSError):
        return ((name, _common.os_error_text(problem)),)
    if isinstance(problem, LoadError):
        return document_errors(name, problem)
    where = getattr(problem, "where", None) or name
    what = getattr(problem, "what", None) or str(problem)
    return ((where, what),)


def _results(
    item: _common.Input, data: bytes | None, blanks_as_zero: bool
) -> Iterator[ParseResult]:
    """The reports of one input, read as they are asked for."""
    from govinfo_report.parse import ParseResult, parse_all  # noqa: PLC0415 - `--help` fast

    if data is None:
        data = item.read_bytes()
    if _looks_like_json(data):
        return iter((ParseResult(report=from_json(data)),))
    # A path when there is one, so that large PDFs are not held twice in memory.
    source = data if item.path is None else item.path
    return parse_all(source, blanks_as_zero=blanks_as_zero, name=item.name)


def _outcome(name: str, result: ParseResult, index: int, *, several: bool) -> Outcome:
    # A report document's record has no reading findings, provenance or candidates.
    record = reading_record(name, result)
    counts = record["check"]["counts"]
    reading_errors = sum(f["severity"] == Severity.ERROR.value for f in record["findings"])
    return Outcome(
        name,
        to_json(result.report, indent=1),
        result.report,
        result,
        # A compendium's records say which of its reports each is.
        {"file": name, "index": index, **record} if several else record,
        has_error_findings=bool(counts["errors"] or reading_errors),
        finding_count=len(record["findings"]) + counts["errors"] + counts["warnings"],
        index=index,
        several=several,
    )


def full_record(outcome: Outcome) -> dict[str, Any]:
    """The record printed by ``--format json|jsonl``: the reading record with the report."""
    if outcome.errors:
        return _common.error_record(outcome.name, outcome.errors)
    assert outcome.document is not None  # noqa: S101 - an outcome without errors has one
    assert outcome.record is not None  # noqa: S101
    report = _common.json_value(outcome.document)
    return {"file": outcome.name, "report": report, **outcome.record}


def _ignore_interrupts() -> None:
    """In worker processes: Ctrl-C is the parent's to handle (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_all(
    inputs: Sequence[_common.Input], *, jobs: int, blanks_as_zero: bool
) -> Iterator[Outcome]:
    """Read every input in order, ``jobs`` at a time; Ctrl-C cancels what is not started."""
    # Standard input is read here: worker processes do not share it.
    stdin = {item.name: item.read_bytes() for item in inputs if item.path is None}
    work = [item for item in inputs if item.error is None]
    jobs = max(1, min(jobs, len(work)))
    if jobs == 1:
        for item in inputs:
            yield from _read_or_refuse(item, stdin.get(item.name), blanks_as_zero)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        # One file per task: a report takes tens of milliseconds, far more than sending it, and
        # Ctrl-C then waits for one file per worker, not for a chunk of them.
        for outcomes in pool.map(
            _read_in_worker,
            inputs,
            [stdin.get(item.name) for item in inputs],
            [blanks_as_zero] * len(inputs),
        ):
            yield from outcomes
    finally:
        # On Ctrl-C or a closed pipe, work not yet started is dropped instead of awaited.
        pool.shutdown(wait=True, cancel_futures=True)


def _read_or_refuse(
    item: _common.Input, data: bytes | None, blanks_as_zero: bool
) -> Iterator[Outcome]:
    if item.error is not None:
        return iter((Outcome(item.name, errors=((item.name, item.error),)),))
    return read_input(item, data, blanks_as_zero)


def finding_lines(record: dict[str, Any], lang: _common.Lang) -> list[str]:
    """One line per reading finding and per failed rule (errors and warnings) of a record.

    Blank cells and rules that cannot be assessed are left out: a reader wants what is wrong,
    and the JSON keeps every blank as null.
    """
    names = _common.SEVERITY_NAMES[lang]
    lines = []
    for finding in record["findings"]:
        where = finding["path"] or _place(finding["location"])
        lines.append(
            f"{names[finding['severity']]}  {where}: {finding['code']}: {finding['message'][lang]}"
        )
    lines.extend(
        f"{names[finding['severity']]}  {finding['path']}: {finding['check']}: "
        f"{finding['message'][lang]}"
        for finding in record["check"]["findings"]
        if finding["status"] == "failed" and finding["severity"] != "info"
    )
    return lines


def _place(location: dict[str, Any] | None) -> str:
    from govinfo_report.parse import Location  # noqa: PLC0415 - keep `--help` fast

    return str(Location(**location)) if location else "-"


def _read_in_worker(item: _common.Input, data: bytes | None, blanks_as_zero: bool) -> list[Outcome]:
    # The report stays behind: its document is what crosses, and a report rebuilt by pickle
    # would hold copies of the catalog's grids instead of the catalog's own.
    return [
        attrs.evolve(outcome, report=None, result=None)
        for outcome in _read_or_refuse(item, data, blanks_as_zero)
    ]
