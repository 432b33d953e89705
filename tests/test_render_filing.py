"""The filing workbook: validated cells, live identity checks, and the report read back."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings

from _corpus import CORPUS, corpus_document
from govinfo_report import Report, catalog, check, from_dict, strategies
from govinfo_report.catalog import Axis, Bound, CellKind, Identity
from govinfo_report.parse import parse
from govinfo_report.render import render
from govinfo_report.render.filing import CHECK_MARKS, filing_workbook
from govinfo_report.render.xlsx import write_workbook

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; CI installs it (.ci/run)"
)


def _checks(book: openpyxl.Workbook) -> list[str]:
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=IF(")
    ]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_blank_workbook_reads_back_blank(version: str) -> None:
    result = parse(filing_workbook(version), name="filing.xlsx")
    blank = Report.blank(version)
    assert result.report.formats == blank.formats
    assert [t.values for t in result.report.tables()] == [t.values for t in blank.tables()]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_identity_and_bound_is_a_live_check(version: str) -> None:
    """One check formula per row or column each declared identity and bound holds in."""
    book = openpyxl.load_workbook(io.BytesIO(filing_workbook(version)))
    report = Report.blank(version)
    expected = 0
    for table in report.tables():
        grid = table.grid
        checks: tuple[Identity | Bound, ...] = (*grid.identities, *grid.bounds)
        for declared in checks:
            expected += len(grid.rows) if declared.axis is Axis.COLUMNS else len(grid.columns)
    formulas = _checks(book)
    assert len(formulas) == expected
    for identity in catalog.requests_grid(version).identities:
        assert sum(f'"{CHECK_MARKS["identity"]} {identity.rule_id} ' in f for f in formulas) > 0
    rules = sum(
        len(formatting.rules)
        for sheet in book.worksheets
        for formatting in sheet.conditional_formatting
    )
    assert rules == expected


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_value_cell_is_validated_by_its_kind(version: str) -> None:
    report = Report.blank(version)
    _book, placements = write_workbook(report)
    book = openpyxl.load_workbook(io.BytesIO(filing_workbook(version)))
    kinds = {CellKind.COUNT: "whole", CellKind.SIGNED_COUNT: "whole", CellKind.AMOUNT: "decimal"}
    for placement in placements:
        sheet = book[placement.sheet.title]
        validations = sheet.data_validations.dataValidation
        for table in report.tables():
            for row, column in table.grid.cells():
                path = catalog.cell_path(table.grid, row.id, column.id)
                if path not in placement.cells:
                    continue
                at = placement.cells[path]
                reference = f"{openpyxl.utils.get_column_letter(at[1])}{at[0]}"
                covering = [v for v in validations if reference in v.sqref]
                assert [v.type for v in covering] == [kinds[column.kind]], path
                if column.kind is not CellKind.SIGNED_COUNT:
                    assert covering[0].formula1 == "0"


@settings(max_examples=8)
@given(strategies.reports())
def test_a_filled_in_workbook_reads_back(report: Report) -> None:
    """A clerk's entries (typed into the blank workbook's cells) read back as the report."""
    version = report.requests.format
    report = attrs.evolve(report, organ=None, year=None, source=None)
    report = attrs.evolve(report, overview=None, problems_improvements=None, other_matters=None)
    if report.proactive_disclosure.format is not version:
        report = attrs.evolve(
            report, proactive_disclosure=Report.blank(version).proactive_disclosure
        )
    book = openpyxl.load_workbook(io.BytesIO(filing_workbook(version)))
    _book, placements = write_workbook(report)
    for placement in placements:
        sheet = book[placement.sheet.title]
        for table in report.tables():
            for cell in table:
                path = catalog.cell_path(table.grid, cell.row.id, cell.column.id)
                if path in placement.cells and cell.value is not None:
                    row, column = placement.cells[path]
                    sheet.cell(row, column).value = cell.value
    buffer = io.BytesIO()
    book.save(buffer)
    read = parse(buffer.getvalue(), name="filled.xlsx").report
    assert [t.values for t in read.tables()] == [t.values for t in report.tables()]


def _broken_report(version: str = "2021") -> Report:
    report = Report.blank(version, organ="某某县人民政府", year=2024)
    cells = {(row.id, column.id): 1 for row, column in report.requests.grid.cells()}
    requests = report.requests.with_cells(cells)
    return attrs.evolve(report, requests=requests)


def _soffice(arguments: list[str], cwd: Path) -> None:
    assert SOFFICE is not None
    profile = (cwd / "profile").as_uri()
    subprocess.run(  # noqa: S603 - a fixed program, arguments built here
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}", *arguments],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(cwd)},
    )


@needs_libreoffice
def test_libreoffice_shows_the_broken_identities(tmp_path: Path) -> None:
    """Evaluated by LibreOffice, the checks name exactly the identities the report breaks."""
    report = _broken_report()  # every cell 1: totals are 1, not 6 or 20 (E2, E3 broken; E1 holds)
    (tmp_path / "filing.xlsx").write_bytes(filing_workbook("2021", report=report))
    # Options: comma, quote, UTF-8, from line 1, ..., -1 = every sheet to its own file.
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    _soffice(["--convert-to", csv_filter, "--outdir", "out", "filing.xlsx"], tmp_path)
    shown = "\n".join(path.read_text("utf-8") for path in (tmp_path / "out").glob("*.csv"))
    rule_ids = {finding.rule for finding in check(report).errors}
    marked = {
        rule for rule in ("E1", "E2", "E3", "E4") if f"{CHECK_MARKS['identity']} {rule} " in shown
    }
    assert rule_ids == {"E2", "E3"}
    assert marked == rule_ids
    assert shown.count(f"{CHECK_MARKS['identity']} E3 ") == len(report.requests.grid.rows)


@needs_libreoffice
@pytest.mark.parametrize("stem", ["2024_huaian_city", "2019_shanghai_gov_office"])
def test_word_file_opens_in_libreoffice_and_its_pdf_reads_back(tmp_path: Path, stem: str) -> None:
    """A corpus report's Word file (the 2021 template filled in place; the 2019 tables built,
    with blanks) converts in LibreOffice, and the PDF reads back through the PDF reader to the
    same cells."""
    document = corpus_document(json.loads((CORPUS / f"{stem}.json").read_text("utf-8")))
    report = attrs.evolve(from_dict(document), overview="本机关认真贯彻落实条例。")
    (tmp_path / "report.docx").write_bytes(render(report, to="docx"))
    _soffice(["--convert-to", "pdf", "--outdir", "out", "report.docx"], tmp_path)
    read = parse(tmp_path / "out" / "report.pdf").report
    assert (read.organ, read.year) == (report.organ, report.year)
    assert [t.values for t in read.tables()] == [t.values for t in report.tables()]


@needs_libreoffice
def test_workbook_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    """Re-saved by another program (shared strings, cached check results), it reads the same."""
    report = _broken_report()
    (tmp_path / "filing.xlsx").write_bytes(filing_workbook("2021", report=report))
    _soffice(["--convert-to", "xlsx", "--outdir", "out", "filing.xlsx"], tmp_path)
    read = parse(tmp_path / "out" / "filing.xlsx").report
    assert [t.values for t in read.tables()] == [t.values for t in report.tables()]
    assert (read.organ, read.year) == (report.organ, report.year)
