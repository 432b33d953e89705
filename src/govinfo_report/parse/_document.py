"""What every reader hands to the form interpreter, and what parsing returns.

Each input kind (text, HTML, PDF, Word) has a front end that turns the file into a
:class:`SourceDocument`: lines of cell texts with their locations. One interpreter reads the
form out of that, whatever the input kind was, so every layout trick learnt on one kind helps
the others.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from govinfo_report import rules
from govinfo_report.errors import Severity
from govinfo_report.findings import CheckResult
from govinfo_report.model import CellValue, Report

__all__ = [
    "CellProvenance",
    "Location",
    "ParseResult",
    "ReadingFinding",
    "Severity",
    "SourceDocument",
    "SourceKind",
    "SourceLine",
    "Verification",
]


class SourceKind(enum.Enum):
    """The kind of input a document was read from."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    CSV = "csv"
    IMAGE = "image"
    """Page images read through OCR: image files, and PDF pages that hold no text."""


class Verification(enum.Enum):
    """How far a number read through OCR is to be trusted (docs/reading.md)."""

    VERIFIED = "verified"
    """Every identity of the form containing the cell can be computed, and holds; or, beside
    cells OCR could not read, the identities with those cells solved for still check it
    (docs/reading.md)."""
    AGREED = "agreed"
    """No identity checks the cell, but two independent readings of it agree."""
    UNVERIFIED = "unverified"
    """Neither: the number is not placed unless the caller accepts unverified numbers."""


@attrs.frozen(kw_only=True, cache_hash=True)
class Location:
    """Where something was read in the source; only the fields that apply are set (1-based)."""

    sheet: str | None = None
    """Sheet of a workbook (by name)."""
    line: int | None = None
    """Line of a text source."""
    page: int | None = None
    """Page of a PDF."""
    table: int | None = None
    """Table of an HTML page or Word document (sheet number of a workbook)."""
    row: int | None = None
    """Row within that table (sheet row of a workbook, line of a CSV file)."""
    column: int | None = None
    """Cell within that row (or within a text line split into cells)."""
    x: float | None = None
    """Horizontal position on a PDF page (points from the left)."""
    y: float | None = None
    """Vertical position on a PDF page (points from the top)."""

    def __str__(self) -> str:
        parts = [
            f"{name} {value:g}" if isinstance(value, float) else f"{name} {value}"
            for name, value in attrs.asdict(self).items()
            if value is not None
        ]
        return ", ".join(parts) or "unknown place"


@attrs.frozen
class SourceLine:
    """One line of the source as cell texts: a table row, or a text line split at separators."""

    cells: tuple[str, ...]
    location: Location


@attrs.frozen
class SourceDocument:
    """A source reduced to lines of cells, in reading order."""

    kind: SourceKind
    lines: tuple[SourceLine, ...]
    name: str | None = None
    """The file name, when read from a file."""


@attrs.frozen(kw_only=True)
class ReadingFinding:
    """Something the reader could not read with certainty, or noticed while reading."""

    code: str
    """A stable id of the kind of finding (e.g. ``R-AMBIGUOUS-SPLIT``), documented in docs."""
    severity: Severity
    message_zh: str
    message_en: str
    path: str | None = None
    """The JSON path of the cell concerned, if any."""
    location: Location | None = None


@attrs.frozen(kw_only=True)
class CellProvenance:
    """Where one cell's value was read, and the raw text found there."""

    path: str
    location: Location
    raw: str
    verification: Verification | None = None
    """For a cell read through OCR, how its number was checked; None for text sources."""


def _frozen_mapping(value: Mapping[str, object]) -> Mapping[str, object]:
    return value if isinstance(value, MappingProxyType) else MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class ParseResult:
    """A report read from a source, with what the reader noticed and where each cell came from."""

    report: Report
    findings: tuple[ReadingFinding, ...] = ()
    """Reading findings, in the order found (the rules' findings come from :meth:`check`)."""
    provenance: Mapping[str, CellProvenance] = attrs.field(factory=dict, converter=_frozen_mapping)
    """Cell path (``$.requests.granted.total``) → where it was read and the raw text."""
    undetermined: Mapping[str, tuple[CellValue, ...]] = attrs.field(
        factory=dict, converter=_frozen_mapping
    )
    """Cell path → the values it could have, for cells left ``None`` because several readings
    fit (e.g. a run of digits that splits in more than one way)."""

    def check(self) -> CheckResult:
        """The rules engine's result on the report (:func:`govinfo_report.rules.check`)."""
        return rules.check(self.report)
