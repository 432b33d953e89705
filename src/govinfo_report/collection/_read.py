"""Reading one file for a collection: a pure function of its bytes, in plain picklable data.

:func:`read_bytes` is what a worker process (or a Dask task, or a Spark UDF) runs: it takes
the file's bytes and a name, and returns a :class:`FileReading` holding everything the tables
need (the report as JSON, every cell value with the raw text and place it was read, every
finding) or the reason the file could not be read. It never raises for bad input, so one bad
file never stops a collection.
"""

from __future__ import annotations

import hashlib
import operator
import time
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path

import attrs

from govinfo_report.errors import GovinfoReportError
from govinfo_report.findings import Finding
from govinfo_report.model import CellValue, Report
from govinfo_report.parse import CellProvenance, Location, ParseResult, SourceKind, parse
from govinfo_report.parse._sniff import sniff
from govinfo_report.rules import check
from govinfo_report.serialize import from_json, to_json

__all__ = ["FileReading", "FindingRow", "read_bytes", "read_file"]

_HEAD = 8192
"""Bytes enough to tell the kind of source (as the reader's own dispatch looks at)."""

FindingRow = tuple[
    str,  # origin: reading | rules
    str,  # code: a reading finding code or a rule check id
    str | None,  # rule family (E1 … P6, B) for rules findings
    str,  # severity
    str | None,  # status (failed, not_assessable) for rules findings
    str | None,  # JSON path of the cell concerned
    str,  # message_zh
    str,  # message_en
    float | None,  # expected (the value the rule computes)
    float | None,  # actual (the value printed)
    float | None,  # difference (actual - expected)
    str | None,  # location in the source
]
"""One finding as a row of the ``findings`` table (without the report's own columns): first
its texts, which many findings repeat word for word, then the values of this finding alone."""


@attrs.frozen
class FileReading:
    """What reading one file gave: the report and its rows, or why it could not be read."""

    path: str
    sha256: str
    size: int
    seconds: float
    """Time spent reading and checking the file."""
    error: str | None = None
    """Why the file could not be read as a report (``None`` when it was read)."""
    kind: str | None = None
    """The kind of source: text, html, pdf, docx or json (a report JSON document)."""
    document: str | None = None
    """The report as a JSON document (``govinfo_report.to_json``)."""
    organ: str | None = None
    """The organ as printed in the report."""
    year: int | None = None
    title: str | None = None
    formats: tuple[str, str] | None = None
    """Format versions of section 二 and section 三."""
    values: tuple[CellValue, ...] = ()
    """Every cell value in official order (section 二's tables, 三, 四)."""
    raws: tuple[str | None, ...] = ()
    """The raw text each cell was read from (``None``: not found in the source)."""
    locations: tuple[str | None, ...] = ()
    """Where each cell was read in the source."""
    findings: tuple[FindingRow, ...] = ()
    content_hash: str | None = None
    """A hash of the cell values alone: two files of one report (its PDF and its text copy)
    have the same content hash."""
    blank_count: int = 0

    def severity_counts(self) -> dict[str, int]:
        """The number of findings of each severity."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding[3]] += 1
        return counts


def _number(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


def _findings(result: ParseResult | None, report: Report) -> Iterator[FindingRow]:
    if result is not None:
        for note in result.findings:
            yield (
                "reading",
                note.code,
                None,
                note.severity.value,
                None,
                note.path,
                note.message_zh,
                note.message_en,
                None,
                None,
                None,
                None if note.location is None else _place(note.location),
            )
    for finding in check(report).findings:
        made = _ROWS.get(id(finding))
        # The finding kept is compared, not its id alone: an id is reused once freed.
        if made is not None and made[0] is finding:
            yield made[1]
            continue
        row: FindingRow = (
            "rules",
            finding.check,
            finding.rule,
            finding.severity.value,
            finding.status.value,
            finding.path,
            finding.message_zh,
            finding.message_en,
            _number(finding.computed),
            _number(finding.reported),
            _number(finding.difference),
            None,
        )
        if finding.difference is None:
            if len(_ROWS) >= _ROWS_KEPT:
                _ROWS.clear()  # bounded, as the places are
            _ROWS[id(finding)] = (finding, row)
        yield row


_ROWS: dict[int, tuple[Finding, FindingRow]] = {}
_ROWS_KEPT = 4096
"""Rows of rules findings remembered, by the finding. The rules make a blank cell's finding,
and a not-assessable one, once per check and give that same finding again report after report
(those without a difference are remembered: a failed one is new each time)."""


def _is_json_document(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def read_bytes(data: bytes, name: str, *, blanks_as_zero: bool = False) -> FileReading:
    """Read a report from a file's bytes; ``name`` (its path) names it in the results."""
    started = time.perf_counter()
    sha256 = hashlib.sha256(data).hexdigest()
    result: ParseResult | None = None
    try:
        if _is_json_document(data):
            report, kind = from_json(data), "json"
        else:
            result = parse(data, blanks_as_zero=blanks_as_zero, name=name)
            report = result.report
            sniffed = sniff(data[:_HEAD])
            kind = sniffed.value if isinstance(sniffed, SourceKind) else str(sniffed)
    except GovinfoReportError as error:
        return FileReading(name, sha256, len(data), time.perf_counter() - started, str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug on one file must not stop the rest
        message = f"{name}: could not be read ({type(error).__name__}: {error})"
        return FileReading(name, sha256, len(data), time.perf_counter() - started, message)
    cells = report.cell_values()
    values = tuple(cells.values())
    raws, locations = _sources(cells, {} if result is None else result.provenance)
    findings = tuple(_findings(result, report))
    return FileReading(
        name,
        sha256,
        len(data),
        time.perf_counter() - started,
        kind=kind,
        document=to_json(report),
        organ=report.organ,
        year=report.year,
        title=None if report.source is None else report.source.title,
        formats=(report.proactive_disclosure.format.value, report.requests.format.value),
        values=values,
        raws=raws,
        locations=locations,
        findings=findings,
        content_hash=_content_hash(report, values),
        blank_count=values.count(None),
    )


_place_fields = operator.attrgetter(*(field.name for field in attrs.fields(Location)))
_PLACES: dict[tuple[object, ...], str] = {}
_PLACES_KEPT = 4096
"""Places remembered: reports of one layout print their cells at the same lines and cells."""


def _place(location: Location) -> str:
    """``str(location)``, remembered by its fields (a collection formats millions of places)."""
    fields = _place_fields(location)
    place = _PLACES.get(fields)
    if place is None:
        if len(_PLACES) >= _PLACES_KEPT:
            _PLACES.clear()  # bounded: a collection of any size keeps a few thousand
        place = _PLACES[fields] = str(location)
    return place


def _sources(
    cells: Mapping[str, CellValue], provenance: Mapping[str, CellProvenance]
) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
    """The raw text and the place of each cell (``None``: not found in the source).

    The places are looked up in line: a collection goes through millions of cells.
    """
    found = [provenance.get(path) for path in cells]
    raws = tuple([None if cell is None else cell.raw for cell in found])
    places = tuple(
        [
            None
            if cell is None
            else _PLACES.get(_place_fields(cell.location)) or _place(cell.location)
            for cell in found
        ]
    )
    return raws, places


def _content_hash(report: Report, values: tuple[CellValue, ...]) -> str:
    # repr of ints, Decimals and None is exact and stable, and made at C speed.
    formats = tuple(version.value for version in report.formats.values())
    return hashlib.sha256(repr((formats, values)).encode()).hexdigest()


def read_file(path: str | Path, *, blanks_as_zero: bool = False) -> FileReading:
    """Read one file (see :func:`read_bytes`); a file that cannot be opened is a reading too."""
    name = str(path)
    started = time.perf_counter()
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        message = f"{name}: cannot open the file ({error.strerror or error})"
        return FileReading(name, "", 0, time.perf_counter() - started, message)
    return read_bytes(data, name, blanks_as_zero=blanks_as_zero)
