"""Verification of OCR numbers by the form's identities and by agreeing readings (no OCR run)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from _scans import SOURCES
from govinfo_report.parse import Location, ParseResult, Verification, parse
from govinfo_report.parse._findings import OCR_NOT_PLACED, OCR_PLACED_UNVERIFIED
from govinfo_report.parse._ocr_verify import verify

GRANTED = "$.requests.granted.natural_person"
ISSUED = "$.proactive_disclosure.art20_1.regulations.issued"


def _read() -> ParseResult:
    return parse(SOURCES / "2024_huaian_city.txt")


def _misread(result: ParseResult, path: str, value: int) -> ParseResult:
    """The result with one cell misread as ``value`` (as OCR might: 6 for 9)."""
    row, column = path.split(".")[2:4]
    data = result.report.requests.with_cells({(row, column): value})
    provenance = dict(result.provenance)
    provenance[path] = attrs.evolve(provenance[path], raw=str(value))
    return attrs.evolve(
        result, report=attrs.evolve(result.report, requests=data), provenance=provenance
    )


def _readings(
    result: ParseResult, path: str, *texts: str
) -> Mapping[Location, Sequence[Sequence[str]]]:
    """Readings giving the cell at ``path`` the independent readings ``texts``."""
    location = result.provenance[path].location
    index = (location.column or 1) - 1
    cells: list[tuple[str, ...]] = [()] * (index + 1)
    cells[index] = texts
    return {attrs.evolve(location, column=None): tuple(cells)}


def test_cells_whose_identities_hold_are_verified() -> None:
    verified = verify(_read(), {})
    assert verified.provenance[GRANTED].verification is Verification.VERIFIED
    assert verified.report.requests == _read().report.requests
    assert verified.report.review_litigation == _read().report.review_litigation


def test_a_misread_number_breaking_an_identity_is_not_placed() -> None:
    result = _misread(_read(), GRANTED, 1289)
    verified = verify(result, {})
    assert verified.report.requests.cell("granted", "natural_person") is None
    assert verified.provenance[GRANTED].verification is Verification.UNVERIFIED
    finding = next(f for f in verified.findings if f.path == GRANTED)
    assert finding.code == OCR_NOT_PLACED.code
    assert "'1289'" in finding.message_en
    assert "E2" in finding.message_en or "E3" in finding.message_en


def test_a_failing_identity_read_alike_three_times_is_placed_with_a_warning() -> None:
    result = _misread(_read(), GRANTED, 1289)
    verified = verify(result, _readings(result, GRANTED, "1289", "1289", "1289"))
    assert verified.report.requests.cell("granted", "natural_person") == 1289
    assert verified.provenance[GRANTED].verification is Verification.AGREED
    finding = next(f for f in verified.findings if f.path == GRANTED)
    assert "does not hold as printed" in finding.message_en
    twice = verify(result, _readings(result, GRANTED, "1289", "1289"))
    assert twice.provenance[GRANTED].verification is Verification.UNVERIFIED


def test_accept_unverified_places_it_with_a_warning() -> None:
    result = _misread(_read(), GRANTED, 1289)
    verified = verify(result, {}, accept_unverified=True)
    assert verified.report.requests.cell("granted", "natural_person") == 1289
    codes = {f.code for f in verified.findings if f.path == GRANTED}
    assert codes == {OCR_PLACED_UNVERIFIED.code}


def test_a_cell_no_identity_covers_needs_two_agreeing_readings() -> None:
    result = _read()
    agreed = verify(result, _readings(result, ISSUED, "1", "1"))
    assert agreed.provenance[ISSUED].verification is Verification.AGREED
    disputed = verify(result, _readings(result, ISSUED, "1", "7"))
    assert disputed.report.proactive_disclosure.cell("art20_1", "regulations", "issued") is None
    finding = next(f for f in disputed.findings if f.path == ISSUED)
    assert "'7'" in finding.message_en
    assert "no identity checks it" in finding.message_en


def test_a_cell_read_once_is_unverified_without_an_identity() -> None:
    verified = verify(_read(), {Location(page=1): ()})
    assert verified.provenance[ISSUED].verification is Verification.UNVERIFIED


HTML_PAGE = SOURCES / "2019_shanghai_gov_office.html"
"""Its table 三 leaves zeros blank, and most row totals too."""


def test_blanks_the_page_left_count_as_zero_for_checking_only() -> None:
    result = parse(HTML_PAGE)
    assert result.report.requests.cell("granted", "total") is None
    # Its column holds with the blanks read as 0; its row's total is blank, which says nothing.
    # One identity alone checks it, so two readings of it must agree too.
    alone = verify(result, {})
    assert alone.provenance[GRANTED].verification is Verification.UNVERIFIED
    assert "one identity alone checks it" in next(
        f.message_en for f in alone.findings if f.path == GRANTED
    )
    verified = verify(result, _readings(result, GRANTED, "258", "258"))
    assert verified.provenance[GRANTED].verification is Verification.VERIFIED
    assert verified.report.requests.cell("granted", "natural_person") == 258
    assert verified.report.requests.cell("granted", "research_institution") is None
    # The grand total's column of row totals is blank: that identity says nothing, and the
    # others through it (its row, E1 down its column) verify it.
    total = "$.requests.total_handled.total"
    assert verified.provenance[total].verification is Verification.VERIFIED
    assert verified.report.requests.cell("total_handled", "total") == 805
    misread = verify(_misread(result, total, 806), {})
    # Both its identities check it: no second reading is needed.
    assert verified.provenance[total].verification is Verification.VERIFIED
    assert misread.provenance[total].verification is Verification.UNVERIFIED
    assert misread.report.requests.cell("total_handled", "total") is None


def test_a_figure_read_into_a_blank_column_is_not_verified() -> None:
    result = parse(HTML_PAGE)
    moved = "$.requests.granted.research_institution"
    data = result.report.requests.with_cells(
        {("granted", "natural_person"): None, ("granted", "research_institution"): 258}
    )
    provenance = dict(result.provenance)
    provenance[GRANTED] = attrs.evolve(provenance[GRANTED], raw="")
    provenance[moved] = attrs.evolve(provenance[moved], raw="258")
    shifted = attrs.evolve(
        result, report=attrs.evolve(result.report, requests=data), provenance=provenance
    )
    verified = verify(shifted, {})
    # The row still sums, but both columns fail: the figure is not placed.
    assert verified.provenance[moved].verification is Verification.UNVERIFIED
    assert verified.report.requests.cell("granted", "research_institution") is None


def test_only_cells_the_identities_cannot_verify_are_read_again() -> None:
    """Second readings are asked for table 二's cells and a failing identity's, not the rest."""
    result = _misread(_read(), GRANTED, 1289)
    asked: list[Location] = []

    def read_again(locations: Iterable[Location]) -> Mapping[Location, Sequence[Sequence[str]]]:
        asked.extend(locations)
        return _readings(result, ISSUED, "1", "1", "1")

    verified = verify(result, {}, read_again=read_again)
    by_location = {source.location: path for path, source in result.provenance.items()}
    paths = {by_location[location] for location in asked}
    assert {ISSUED, GRANTED} <= paths
    # Table 四's cells are verified by E4 alone: never read again.
    assert not any(path.startswith("$.review_litigation.") for path in paths)
    assert verified.provenance[ISSUED].verification is Verification.AGREED


def test_two_misread_figures_of_one_column_under_blank_row_totals_are_not_placed() -> None:
    """Where the rows' totals are blank, a leaf's column alone checks it: two figures of that
    column misread by opposite amounts keep it holding, so their readings must agree too."""
    result = parse(HTML_PAGE)
    person = "$.requests.partially_granted.natural_person"  # 3
    misread = _misread(_misread(result, GRANTED, 259), person, 2)
    verified = verify(misread, {})
    assert verified.report.requests.cell("granted", "natural_person") is None
    assert verified.report.requests.cell("partially_granted", "natural_person") is None
    # E1 sums nothing: a blank carry-forward is a 0 there, so E1 still checks the total handled.
    handled = "$.requests.total_handled.other_org"  # 1, as its only leaf (granted)
    leaf = "$.requests.granted.other_org"
    both = verify(_misread(_misread(result, handled, 0), leaf, 0), {})
    assert both.report.requests.cell("total_handled", "other_org") is None
    assert both.report.requests.cell("granted", "other_org") is None
