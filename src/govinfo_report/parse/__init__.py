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
from collections.abc import Sequence
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
from govinfo_report.parse._interpret import interpret
from govinfo_report.parse._sniff import Source, read_image_files, read_source
from govinfo_report.parse._text import read_text

__all__ = [
    "CellProvenance",
    "Location",
    "ParseError",
    "ParseResult",
    "ReadingFinding",
    "Severity",
    "Source",
    "SourceDocument",
    "SourceKind",
    "SourceLine",
    "Verification",
    "interpret",
    "parse",
    "read_source",
    "read_text",
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
    source: Source | Sequence[Source],
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
    """
    if isinstance(source, (str, bytes, os.PathLike)):
        document, notes = read_source(source, name=name, jobs=jobs)
    else:
        document, notes = read_image_files(source, name=name, jobs=jobs)
    _require_report(document)
    result = interpret(document, blanks_as_zero=blanks_as_zero)
    if notes:
        result = attrs.evolve(result, findings=notes + result.findings)
    if document.kind is SourceKind.IMAGE:
        from govinfo_report.parse._ocr_verify import verify  # noqa: PLC0415 - OCR sources only

        result = verify(
            result, getattr(document, "readings", {}), accept_unverified=accept_unverified
        )
    return result
