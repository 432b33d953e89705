"""Read published 政府信息公开工作年度报告 — text, HTML, PDF and Word — into the model.

:func:`parse` takes a path, the file's bytes or its text, tells the kind of source from its
content (``%PDF``, a zip holding ``word/document.xml``, markup, else text), reads it into lines
of cells with one front end per kind, and hands those to one form interpreter. The result holds
the report, the findings (the rules' and the reader's) and where every cell was read.

Bad input raises :class:`~govinfo_report.errors.ParseError`, naming what is wrong and where:

>>> from govinfo_report.parse import parse, ParseError
>>> try:
...     parse(b"")
... except ParseError as error:
...     print(error)
the file is empty
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import cache

import attrs

from govinfo_report import catalog
from govinfo_report.errors import ParseError
from govinfo_report.parse._canon import canonical, canonical_text, strip_numbering
from govinfo_report.parse._document import (
    CellProvenance,
    Location,
    ParseResult,
    ReadingFinding,
    Severity,
    SourceDocument,
    SourceKind,
    SourceLine,
    Verification,
)
from govinfo_report.parse._findings import MORE_REPORTS, reading_findings, reading_findings_json
from govinfo_report.parse._interpret import interpret, split_reports
from govinfo_report.parse._sniff import ReportInput, read_image_files, read_source
from govinfo_report.parse._text import read_text

__all__ = [
    "CellProvenance",
    "Location",
    "ParseError",
    "ParseResult",
    "ReadingFinding",
    "ReportInput",
    "Severity",
    "SourceDocument",
    "SourceKind",
    "SourceLine",
    "Verification",
    "interpret",
    "parse",
    "parse_all",
    "read_source",
    "read_text",
    "reading_findings",
    "reading_findings_json",
]

_MIN_MARKERS = 3
_SCANNED_CHARACTERS = 2_000_000


@cache
def _report_markers() -> frozenset[str]:
    """Headings and table labels of every format version, without their numbering."""
    labels: set[str] = set()
    for spec in catalog.FORMATS.values():
        for section in spec.sections:
            labels.add(section.heading.zh)
            for grid in section.grids:
                labels.update(row.label.zh for row in grid.rows)
                labels.update(column.label.zh for column in grid.columns)
                labels.update(group.label.zh for group in grid.row_groups + grid.column_groups)
    stripped = {strip_numbering(canonical(label)) for label in labels}
    # Short labels (规章, 其他, 总计) occur in any text: only distinctive ones count.
    return frozenset(label for label in stripped if len(label) >= 4)


def _require_report(document: SourceDocument) -> None:
    """Refuse a source that carries too little of the form to be a report (or is cut short)."""
    text = "".join("".join(line.cells) for line in document.lines)[: 2 * _SCANNED_CHARACTERS]
    # Compared as the interpreter compares labels: traditional characters, full-width forms
    # and spaces inside words must not make a report look like something else.
    text = canonical_text(text)[:_SCANNED_CHARACTERS]
    found = _markers_in(text)
    if found < _MIN_MARKERS:
        what = "no text at all" if not text else f"{found} of the form's headings and labels"
        raise ParseError(
            f"no report found: the source holds {what}; it is not a 政府信息公开工作年度报告 "
            "(government information disclosure annual report), or it is cut short",
            where=document.name,
        )


def _markers_in(text: str) -> int:
    """How many of the form's markers ``text`` holds, counted up to the number needed."""
    found = 0
    for marker in _report_markers():
        if marker in text:
            found += 1
            if found == _MIN_MARKERS:
                break
    return found


def parse(
    source: ReportInput | Sequence[ReportInput],
    *,
    blanks_as_zero: bool = False,
    name: str | None = None,
    accept_unverified: bool = False,
    jobs: int = 1,
) -> ParseResult:
    """Read a published report: a path, the file's bytes, or its text.

    The kind of source (text, HTML, PDF, Word, image) is told from the content. ``blanks_as_zero``
    reads blank cells (and ``-``, ``—``, ``/``) as 0 instead of ``None``; only ask for it when
    the publisher is known to leave zeros blank. ``name`` names the source in messages when
    bytes or text are given.

    Images, and PDFs whose pages hold no text, are read through OCR (the ``[ocr]`` extra); a
    list of image files is read as the pages of one report, in order. Every number OCR reads is
    verified by the form's identities or by a second reading; an unverified one is left
    ``None`` with a finding, unless ``accept_unverified`` places it with a warning. ``jobs``
    pages are read through OCR at a time.

    Raises :class:`ParseError` when the source cannot be read as a report at all: empty, an
    unknown binary format, a damaged or encrypted PDF, an image too large, a page that is not a
    report.
    A source holding several reports gives the first, with an ``R-MORE-REPORTS`` finding
    saying how many more :func:`parse_all` would read.
    """
    document, notes = _read(source, name, jobs)
    reports = split_reports(document)
    result = interpret(reports[0], blanks_as_zero=blanks_as_zero)
    more = len(reports) - 1
    if more:
        finding = MORE_REPORTS.finding(MORE_REPORTS.message(count=more))
        result = attrs.evolve(result, findings=(*result.findings, finding))
    return _finish(result, document, notes, accept_unverified=accept_unverified)


def parse_all(
    source: ReportInput | Sequence[ReportInput],
    *,
    blanks_as_zero: bool = False,
    name: str | None = None,
    accept_unverified: bool = False,
    jobs: int = 1,
) -> Iterator[ParseResult]:
    """Read every report a source holds, in order.

    A compendium of departments' reports, or a page that carries the same report twice, gives
    one result per report, each with its own findings (the front end's first, as for
    :func:`parse`) and provenance, located in the whole source. A source read through OCR is
    one report: its numbers are verified against the readings of the whole document.

    Reports are read one at a time, as the caller iterates. Raises :class:`ParseError` as
    :func:`parse` does, before the first report is yielded.
    """
    document, notes = _read(source, name, jobs)
    reports = [document] if document.kind is SourceKind.IMAGE else split_reports(document)
    return (
        _finish(
            interpret(report, blanks_as_zero=blanks_as_zero),
            document,
            notes,
            accept_unverified=accept_unverified,
        )
        for report in reports
    )


def _read(
    source: ReportInput | Sequence[ReportInput], name: str | None, jobs: int
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    """The source as lines of cells, checked to hold a report (image files: one report's pages)."""
    if isinstance(source, (str, bytes, os.PathLike)):
        document, notes = read_source(source, name=name, jobs=jobs)
    else:
        document, notes = read_image_files(source, name=name, jobs=jobs)
    _require_report(document)
    return document, notes


def _finish(
    result: ParseResult,
    document: SourceDocument,
    notes: tuple[ReadingFinding, ...],
    *,
    accept_unverified: bool,
) -> ParseResult:
    """The front end's notes before the interpreter's findings; OCR numbers verified."""
    if notes:
        result = attrs.evolve(result, findings=notes + result.findings)
    if document.kind is SourceKind.IMAGE:
        from govinfo_report.parse._ocr_verify import verify  # noqa: PLC0415 - OCR sources only

        result = verify(
            result,
            getattr(document, "readings", {}),
            accept_unverified=accept_unverified,
            read_again=getattr(document, "read_again", None),
        )
    return result
