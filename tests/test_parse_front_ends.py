"""One contract for every front end: the same report, in each form, gives lines of located cells
that the one interpreter reads into the same cells.

The report is the corpus's Huai'an 2024 report: printed as text (tab-separated, as web pages are
copied), laid out as an HTML page and in the official Word template the way publishers do, and
the PDF as published.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from _corpus import CORPUS, corpus_document
from govinfo_report import from_dict
from govinfo_report.model import Report
from govinfo_report.parse import Location, SourceDocument, SourceKind, SourceLine, interpret
from govinfo_report.parse._sniff import read_source
from report_text import cells_of, render
from test_parse_roundtrip import _fill_template, _page

SOURCES = Path(__file__).parent / "corpus" / "sources"


def _report() -> Report:
    expected = json.loads((CORPUS / "2024_huaian_city.json").read_text(encoding="utf-8"))
    return from_dict(corpus_document(expected))


FORMS: dict[str, tuple[SourceKind, Callable[[Report], bytes]]] = {
    "text": (SourceKind.TEXT, lambda report: render(report, "tab").encode()),
    "html": (SourceKind.HTML, lambda report: _page(report).encode()),
    "docx": (SourceKind.DOCX, _fill_template),
    "pdf": (SourceKind.PDF, lambda _report: (SOURCES / "2024_huaian_city.pdf").read_bytes()),
}


@pytest.mark.parametrize("form", FORMS)
def test_every_front_end_keeps_the_contract(form: str) -> None:
    """Each front end gives a SourceDocument of its kind, lines of text cells each located, and
    the interpreter reads every cell of the report from it."""
    kind, write = FORMS[form]
    report = _report()
    document, notes = read_source(write(report), name=f"report.{form}")
    assert isinstance(document, SourceDocument)
    assert document.kind is kind
    assert document.name == f"report.{form}"
    assert notes == ()
    assert document.lines
    for line in document.lines:
        assert isinstance(line, SourceLine)
        assert isinstance(line.location, Location)
        assert isinstance(line.cells, tuple)
        assert all(isinstance(cell, str) for cell in line.cells)
    assert cells_of(interpret(document).report) == cells_of(report)
