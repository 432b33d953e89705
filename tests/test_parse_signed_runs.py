"""Signed changes run into their neighbours (``2648-18538``): read, or left None with candidates.

The 2019 format's 本年增/减 column prints signed changes; copies that lose the separators run
``-18`` into the numbers beside it. The corpus's 2019 reports are printed with every change
made negative and run into its neighbours, in two ways: joined to the number before
(``2648-18`` ``538``) and to both (``2648-18538``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

from _corpus import CORPUS, corpus_document
from govinfo_report import catalog, from_dict
from govinfo_report.catalog import CellKind
from govinfo_report.model import CellValue, Report
from govinfo_report.parse import parse
from report_text import cells_of, render


def _load(path: Path) -> Report:
    return from_dict(corpus_document(json.loads(path.read_text(encoding="utf-8"))))


def _prints_numbers_beside_changes(report: Report) -> bool:
    return any(
        report.proactive_disclosure.table(table.grid.id).row(row.id)["prior_year_items"] is not None
        for table in report.proactive_disclosure.tables
        if "prior_year_items" in {column.id for column in table.grid.columns}
        for row in table.grid.rows
    )


REPORTS_2019 = sorted(
    path
    for path in CORPUS.glob("*.json")
    if _load(path).proactive_disclosure.format.value == "2019"
    and _prints_numbers_beside_changes(_load(path))
)


def _negative_changes(report: Report) -> Report:
    """The report with every signed change printed as a negative number."""
    changes: dict[tuple[str, str, str], CellValue] = {}
    for table in report.proactive_disclosure.tables:
        for row in table.grid.rows:
            for column in table.grid.columns:
                if column.kind is CellKind.SIGNED_COUNT:
                    printed = table.row(row.id)[column.id]
                    magnitude = abs(printed) if isinstance(printed, int) else 0
                    changes[(table.grid.id, row.id, column.id)] = -(magnitude + 18)

    return attrs.evolve(
        report, proactive_disclosure=report.proactive_disclosure.with_cells(changes)
    )


def _run_together(text: str, *, both: bool) -> str:
    """Tabs before a negative number dropped (and after it, with ``both``)."""
    text = re.sub(r"(\d)\t(-\d+)", r"\1\2", text)
    if both:
        text = re.sub(r"(\d-\d+)\t(\d)", r"\1\2", text)
    return text


@pytest.mark.parametrize("both", [False, True], ids=["before", "both-sides"])
@pytest.mark.parametrize("path", REPORTS_2019, ids=lambda path: path.stem)
def test_signed_runs(path: Path, both: bool) -> None:
    """No row is lost and no number is wrong: each cell is read, or it is None and its true value
    is among the candidates listed."""
    report = _negative_changes(
        from_dict(corpus_document(json.loads(path.read_text(encoding="utf-8"))))
    )
    text = _run_together(render(report, "tab"), both=both)
    assert re.search(r"\d-\d", text)
    result = parse(text, name=path.name)
    truth = cells_of(report)
    read = cells_of(result.report)
    for grid in catalog.format_spec("2019").section("proactive_disclosure").grids:
        for row, column in grid.cells():
            cell = catalog.cell_path(grid, row.id, column.id)
            if read[cell] is None and truth[cell] is not None:
                assert truth[cell] in result.undetermined.get(cell, ()), cell
            else:
                assert read[cell] == truth[cell], cell
    missing = {f.path for f in result.findings if f.code == "R-ROW-MISSING"}
    assert not {p for p in missing if p and p.startswith("$.proactive_disclosure")}
