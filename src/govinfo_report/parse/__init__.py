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

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import (
    CellProvenance,
    Location,
    ReadingFinding,
    Severity,
    SourceDocument,
    SourceKind,
    SourceLine,
)
from govinfo_report.parse._sniff import Source, read_source

__all__ = [
    "CellProvenance",
    "Location",
    "ParseError",
    "ReadingFinding",
    "Severity",
    "Source",
    "SourceDocument",
    "SourceKind",
    "SourceLine",
    "parse",
    "read_source",
]
