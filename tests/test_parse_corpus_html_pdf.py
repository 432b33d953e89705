"""Corpus: every published HTML page and PDF reads to the values printed in it, cell for cell."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import catalog
from govinfo_report.parse import parse

CORPUS = Path(__file__).parent / "corpus"
SOURCES = sorted(
    path for path in (CORPUS / "sources").iterdir() if path.suffix in {".html", ".pdf"}
)


def _expected(source: Path) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads(
        (CORPUS / "expected" / f"{source.stem}.json").read_text(encoding="utf-8")
    )
    return expected


def _cells(expected: dict[str, Any]) -> dict[str, Any]:
    """Every cell of the report's tables (catalog order) → its expected value."""
    spec = {
        "proactive_disclosure": catalog.format_spec(expected["formats"]["proactive_disclosure"]),
        "requests": catalog.format_spec(expected["formats"]["requests"]),
        "review_litigation": catalog.format_spec("2021"),
    }
    cells = {}
    for section_id, format_spec in spec.items():
        for grid in format_spec.section(section_id).grids:
            table = expected[section_id]
            if grid.id != section_id:
                table = table[grid.id]
            for row, column in grid.cells():
                cells[catalog.cell_path(grid, row.id, column.id)] = table[row.id][column.id]
    return cells


def _value(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


@pytest.mark.parametrize("source", SOURCES, ids=[path.name for path in SOURCES])
def test_every_cell_is_read(source: Path) -> None:
    """Organ, year, table versions and every cell (None for a blank) equal the expected values."""
    expected = _expected(source)
    result = parse(source)
    report = result.report
    assert (report.organ, report.year) == (expected["organ"], expected["year"])
    assert {key: str(value) for key, value in report.formats.items()} == expected["formats"]
    uncertain = set(expected.get("uncertain_cells") or ())
    cells = _cells(expected)
    read = {
        catalog.cell_path(table.grid, cell.row.id, cell.column.id): _value(cell.value)
        for table in report.tables()
        for cell in table
    }
    wrong = {
        path: (value, read.get(path))
        for path, value in cells.items()
        if path not in uncertain and read.get(path) != value
    }
    assert wrong == {}
    assert len(cells) == len(read)


@pytest.mark.parametrize("source", SOURCES, ids=[path.name for path in SOURCES])
def test_every_number_has_its_provenance(source: Path) -> None:
    """Each cell read from the source says where it was read, and its raw text shows the value."""
    result = parse(source)
    for table in result.report.tables():
        for cell in table:
            if cell.value is None:
                continue
            path = catalog.cell_path(table.grid, cell.row.id, cell.column.id)
            provenance = result.provenance[path]
            digits = str(cell.value).replace(".", "")
            assert digits in provenance.raw.replace(".", "").replace(",", "")
            assert provenance.location.table is not None or provenance.location.page is not None


def test_units_printed_in_cells_are_kept_in_the_raw_text() -> None:
    """Shanghai 2019 prints 251000元: the number is the cell, the unit stays in the raw text."""
    source = CORPUS / "sources" / "2019_shanghai_gov_office.html"
    expected = _expected(source)["proactive_disclosure"]["art20_9"]["central_procurement"]
    result = parse(source)
    path = "$.proactive_disclosure.art20_9.central_procurement.procurement_amount"
    assert result.provenance[path].raw.endswith(expected["procurement_amount_unit"])
