"""Every text copy of a real published report in tests/corpus reads to its hand-checked values.

``tests/corpus`` copies ``shared/corpus``: ``sources/<stem>.txt`` and ``expected/<stem>.json``.
Each expected cell must be read exactly (``None`` where the report printed a blank), except the
cells the expected file lists as ``uncertain_cells``. The one allowance: a cell the report prints
as a run of digits that splits in several ways the form allows, with nothing in the report to
choose between them, is left ``None`` with a finding, and its true value must be among the
candidates the reader lists. A number in the wrong cell fails the test, always.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from govinfo_report import catalog
from govinfo_report.parse import parse
from govinfo_report.parse._canon import fold, traditional_pairs
from govinfo_report.parse._document import ParseResult, Severity
from govinfo_report.parse._interpret import interpret
from govinfo_report.parse._text import read_text
from report_text import cells_of, same_value

if TYPE_CHECKING:
    from govinfo_report.model import CellValue

CORPUS = Path(__file__).parent / "corpus"
SOURCES = sorted((CORPUS / "sources").glob("*.txt"))
UNDECIDABLE = {"R-AMBIGUOUS-SPLIT", "R-SHORT-ROW"}
"""Findings under which a cell may stay undetermined (several readings fit, none is chosen)."""


def _expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "expected" / f"{stem}.json").read_text("utf-8"))
    return data


def _expected_cells(expected: dict[str, Any]) -> dict[str, CellValue]:
    """The expected cells by JSON path; keys that are not cells of the form are left out."""
    cells: dict[str, CellValue] = {}
    known = {
        catalog.cell_path(grid, row.id, column.id)
        for spec in catalog.FORMATS.values()
        for section in spec.sections
        for grid in section.grids
        for row, column in grid.cells()
    }
    for section_id in catalog.SECTION_IDS:
        for path, value in _flatten(expected.get(section_id), f"$.{section_id}"):
            if path in known:
                cells[path] = Decimal(str(value)) if isinstance(value, float) else value
    return cells


def _flatten(node: object, prefix: str) -> list[tuple[str, Any]]:
    if not isinstance(node, dict):
        return [(prefix, node)]
    return [pair for key, value in node.items() for pair in _flatten(value, f"{prefix}.{key}")]


@pytest.fixture(scope="module", params=SOURCES, ids=lambda path: path.stem)
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], ParseResult]:
    source: Path = request.param
    document = read_text(source.read_text(encoding="utf-8"), name=source.name)
    return _expected(source.stem), interpret(document)


def test_corpus_is_present() -> None:
    """The corpus was copied: a text source and an expected file for each report."""
    assert len(SOURCES) >= 10
    for source in SOURCES:
        assert (CORPUS / "expected" / f"{source.stem}.json").is_file()


def test_no_cell_is_wrong(case: tuple[dict[str, Any], ParseResult]) -> None:
    """No cell holds a number other than the one printed there."""
    expected, result = case
    unsure = {f"$.{path}" for path in expected.get("uncertain_cells", [])}
    read = cells_of(result.report)
    wrong = {
        path: (value, read[path])
        for path, value in _expected_cells(expected).items()
        if path not in unsure and read[path] is not None and not same_value(read[path], value)
    }
    assert wrong == {}


def test_every_cell_is_read(case: tuple[dict[str, Any], ParseResult]) -> None:
    """Every cell is read as printed (blanks as None), or left None only where the report's
    digits split in several ways and the true value is among the listed candidates."""
    expected, result = case
    unsure = {f"$.{path}" for path in expected.get("uncertain_cells", [])}
    read = cells_of(result.report)
    flagged = {
        finding.path for finding in result.findings if finding.code in UNDECIDABLE and finding.path
    }
    missed = {}
    for path, value in _expected_cells(expected).items():
        if path in unsure or same_value(read[path], value):
            continue
        candidates = result.undetermined.get(path, ())
        allowed = (
            read[path] is None
            and path in flagged
            and any(same_value(candidate, value) for candidate in candidates)
        )
        if not allowed:
            missed[path] = (value, read[path], candidates)
    assert missed == {}


def test_title_and_formats(case: tuple[dict[str, Any], ParseResult]) -> None:
    """Year and each table's format version as expected; the organ as printed.

    An expected organ of null means the report names none: the reader must not invent one.
    Otherwise the organ read must be the expected name or one containing it or contained in it
    (the title may print 洪泽区人民政府 where the body says 淮安市洪泽区人民政府).
    """
    expected, result = case
    report = result.report
    assert report.year == expected["year"]
    assert {key: value.value for key, value in report.formats.items()} == expected["formats"]
    if expected["organ"] is None:
        assert report.organ is None
    else:
        assert report.organ is not None
        assert expected["organ"] in report.organ or report.organ in expected["organ"]


def test_provenance_quotes_the_source(case: tuple[dict[str, Any], ParseResult]) -> None:
    """Every cell read has provenance: a line of the source and raw text found on that line."""
    _expected_data, result = case
    assert result.report.source is not None
    source = CORPUS / "sources" / str(result.report.source.file)
    lines = dict(enumerate(source.read_text(encoding="utf-8").split("\n"), start=1))
    for path, value in cells_of(result.report).items():
        if value is None:
            continue
        provenance = result.provenance[path]
        assert provenance.path == path
        assert provenance.location.line is not None
        line = lines[provenance.location.line]
        assert all(part in line for part in provenance.raw.split())


def test_errors_are_only_for_undetermined_cells(case: tuple[dict[str, Any], ParseResult]) -> None:
    """Reading findings are never errors: the reader reports what it could not read as warnings."""
    _expected_data, result = case
    assert all(finding.severity is not Severity.ERROR for finding in result.findings)
    for finding in result.findings:
        assert finding.code.startswith("R-")
        assert finding.message_zh
        assert finding.message_en


def test_report_with_wrong_arithmetic_loads() -> None:
    """洪泽区 2023 prints table-四 totals that do not add up: read as printed, flagged by rules."""
    source = CORPUS / "sources" / "2023_huaian_hongze_district.txt"
    result = interpret(read_text(source.read_text(encoding="utf-8")))
    review = result.report.review_litigation.row("review")
    assert review["total"] == 0
    assert review["upheld"] == 10
    failed = {finding.path for finding in result.check().errors}
    assert failed == {
        "$.review_litigation.review.total",
        "$.review_litigation.litigation_after_review.total",
    }


def test_rules_fail_only_on_cells_read(case: tuple[dict[str, Any], ParseResult]) -> None:
    """The rules engine checks every report read, and an identity fails only on printed cells:
    a cell the reader left undetermined makes an identity not assessable, never failed."""
    _expected_data, result = case
    for finding in result.check().errors:
        assert all(path in result.provenance for path in finding.operands)
        assert not set(finding.operands) & set(result.undetermined)


_PAGE = (
    '<html><head><meta charset="utf-8"><title>年度报告</title></head><body>'
    '<div class="nav">首页 &gt; 政务公开</div><pre>{}</pre><div>版权所有</div></body></html>'
)
"""A web page showing the report as preformatted text."""


_FULL_WIDTH_DIGITS = {ord(digit): ord(digit) + 0xFEE0 for digit in "0123456789"}


def _traditional(text: str) -> str:
    simplified_to_traditional = {simple: full for full, simple in traditional_pairs()}
    return "".join(simplified_to_traditional.get(char, char) for char in text)


DRESSES: dict[str, Callable[[str], bytes]] = {
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16": lambda text: text.encode("utf-16"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "traditional": lambda text: _traditional(text).encode(),
    "ascii-parentheses": lambda text: text.replace("（", "(").replace("）", ")").encode(),
    "no-break-spaces": lambda text: text.replace(" ", "\xa0").encode(),
    "html-pre": lambda text: _PAGE.format(html.escape(text)).encode(),
    "full-width-digits": lambda text: text.translate(_FULL_WIDTH_DIGITS).encode(),
}
"""The same report as mirror sites and other tools save it (docs/format.md §A.2, §A.6, §A.15)."""


@pytest.mark.parametrize("dress", DRESSES)
@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_the_same_report_in_another_dress_reads_the_same(source: Path, dress: str) -> None:
    """Another encoding, line ending, traditional characters, full-width digits, ASCII
    parentheses, no-break spaces or a web page showing the text as is change no cell, no table's
    format, and neither the year nor the organ (quoted as printed)."""
    text = source.read_text(encoding="utf-8")
    plain = parse(text.encode(), name=source.name)
    dressed = parse(DRESSES[dress](text), name=source.name)
    assert dressed.report.formats == plain.report.formats
    assert cells_of(dressed.report) == cells_of(plain.report)
    assert dressed.report.year == plain.report.year
    organ = dressed.report.organ
    assert (fold(organ) if organ is not None else None) == plain.report.organ
