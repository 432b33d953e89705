"""Figures verified around the cells OCR could not read (no OCR run: readings are made up).

The report read from the corpus text of 淮安市 2024 stands for a perfect OCR reading; cells are
then made unread (ink, but no number: a seal over them) or misread, as a scan would.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _scans import SOURCES
from govinfo_report.parse import Location, ParseResult, Verification, parse
from govinfo_report.parse._findings import OCR_UNREAD
from govinfo_report.parse._ocr_verify import verify

Readings = dict[Location, tuple[tuple[str, ...], ...]]

NEW_LEGAL = "$.requests.new_requests.legal_service_org"  # 61 in 淮安市 2024
NEW_PERSON = "$.requests.new_requests.natural_person"
HANDLED_LEGAL = "$.requests.total_handled.legal_service_org"
GRANTED_PUBLIC = "$.requests.granted.public_interest_org"
PUBLICATION_PUBLIC = "$.requests.not_processed_publication.public_interest_org"
GRANTED_PERSON = "$.requests.granted.natural_person"
PARTIAL_PUBLIC = "$.requests.partially_granted.public_interest_org"


HUAIAN = "2024_huaian_city.txt"
SHANGHAI = "2019_shanghai_gov_office.html"
"""A page leaving its zeros and most row totals blank."""


@cache
def _read(source: str = HUAIAN) -> ParseResult:
    """A corpus report, its cells located as a scan's are: in a table, by row and column."""
    result = parse(SOURCES / source)
    provenance = {
        path: attrs.evolve(
            source,
            location=Location(
                page=1, table=1, row=source.location.line, column=source.location.column
            ),
        )
        for path, source in result.provenance.items()
    }
    return attrs.evolve(result, provenance=provenance)


def _with_readings(readings: Readings, location: Location, texts: tuple[str, ...]) -> Readings:
    """``readings`` with the cell at ``location`` given ``texts``."""
    line = attrs.evolve(location, column=None)
    index = (location.column or 1) - 1
    cells = list(readings.get(line, ()))
    cells += [()] * (index + 1 - len(cells))
    cells[index] = texts
    return {**readings, line: tuple(cells)}


def _scanned(
    unread: Sequence[str] = (), misread: Mapping[str, int] | None = None, source: str = HUAIAN
) -> tuple[ParseResult, Readings]:
    """The corpus reading with cells left unread (their crops read no figure) or misread."""
    result = _read(source)
    values: dict[str, int | None] = {}
    provenance = dict(result.provenance)
    readings: Readings = {}
    for path in unread:
        values[path] = None
        provenance[path] = attrs.evolve(provenance[path], raw="")
        readings = _with_readings(readings, provenance[path].location, ("创", "制"))
    for path, value in (misread or {}).items():
        values[path] = value
        provenance[path] = attrs.evolve(provenance[path], raw=str(value))
    report = result.report
    for section in ("requests", "review_litigation"):
        cells = {
            (row, column): value
            for path, value in values.items()
            for _root, table, row, column in [path.split(".")]
            if table == section
        }
        table = getattr(report, section).with_cells(cells)
        report = attrs.evolve(report, **{section: table})
    return attrs.evolve(result, report=report, provenance=provenance), readings


def test_an_unread_cell_is_solved_and_its_row_and_column_verified_around_it() -> None:
    result, readings = _scanned(unread=[NEW_LEGAL])
    verified = verify(result, readings)
    values = verified.report.cell_values()
    assert values[NEW_LEGAL] is None  # solved, never placed
    for path in (NEW_PERSON, HANDLED_LEGAL, "$.requests.new_requests.total"):
        assert verified.provenance[path].verification is Verification.VERIFIED
        assert values[path] == _read().report.cell_values()[path]
    (finding,) = [f for f in verified.findings if f.path == NEW_LEGAL]
    assert finding.code == OCR_UNREAD.code
    assert "'创', '制'" in finding.message_en
    assert "give 61" in finding.message_en
    assert "应为61" in finding.message_zh


def test_a_cell_the_page_left_blank_is_not_solved() -> None:
    """No readings: the crops held no ink, so the cell is a printed blank, read as 0."""
    result, _readings = _scanned(unread=[NEW_LEGAL])
    verified = verify(result, {})
    assert verified.provenance[NEW_PERSON].verification is Verification.UNVERIFIED
    assert verified.report.cell_values()[NEW_PERSON] is None
    assert not [f for f in verified.findings if f.code == OCR_UNREAD.code]


def test_two_unread_cells_of_one_column_leave_their_rows_unverified() -> None:
    """Two misread figures of their rows, opposite, would hide in the rectangle they make."""
    result, readings = _scanned(unread=[GRANTED_PUBLIC, PUBLICATION_PUBLIC])
    verified = verify(result, readings)
    assert verified.provenance[GRANTED_PERSON].verification is Verification.UNVERIFIED
    assert verified.report.cell_values()[GRANTED_PERSON] is None
    # The rest of their column has rows of its own, read whole.
    assert verified.provenance[PARTIAL_PUBLIC].verification is Verification.VERIFIED


def test_a_figure_whose_crops_read_otherwise_is_taken_as_they_read_it() -> None:
    result, readings = _scanned(unread=[GRANTED_PUBLIC], misread={PUBLICATION_PUBLIC: 6})
    location = result.provenance[PUBLICATION_PUBLIC].location
    readings = _with_readings(readings, location, ("6", "0", "0"))
    verified = verify(result, readings)
    assert verified.report.cell_values()[PUBLICATION_PUBLIC] == 0
    assert verified.provenance[PUBLICATION_PUBLIC].raw == "0"
    assert verified.provenance[PUBLICATION_PUBLIC].verification is Verification.VERIFIED
    # With it read right, one unknown is left in the column: the rows around it verify.
    assert verified.provenance[GRANTED_PERSON].verification is Verification.VERIFIED
    # Crops that disagree change nothing: the figure stays unplaced.
    readings = _with_readings(readings, location, ("6", "0", "8"))
    assert verify(result, readings).report.cell_values()[PUBLICATION_PUBLIC] is None


def test_a_second_misreading_beside_an_unread_cell_is_not_placed() -> None:
    # 3001 read 3004: its column fails, and its row holds the unread cell. Both are unknowns,
    # solved from their columns and checked by their row: neither is placed, both are told.
    result, readings = _scanned(unread=[NEW_LEGAL], misread={NEW_PERSON: 3004})
    verified = verify(result, readings)
    assert verified.report.cell_values()[NEW_PERSON] is None
    assert verified.provenance[NEW_PERSON].verification is Verification.UNVERIFIED
    told = {f.path: f.message_en for f in verified.findings}
    assert "'3004'" in told[NEW_PERSON]
    assert "the form's identities give 3001" in told[NEW_PERSON]
    assert "give 61" in told[NEW_LEGAL]
    assert verified.provenance[HANDLED_LEGAL].verification is Verification.VERIFIED


def _table_cells(source: str) -> list[str]:
    return sorted(
        path
        for path, value in _read(source).report.cell_values().items()
        if path.startswith(("$.requests.", "$.review_litigation.")) and value is not None
    )


@pytest.mark.parametrize("source", [HUAIAN, SHANGHAI])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_wrong_figure_is_placed_with_unread_cells_and_two_misread(
    source: str, data: st.DataObject
) -> None:
    """The guard of verification: up to two misread figures never get a wrong one placed.

    Beside up to three cells not read, in a table printed whole or with its zeros blank.
    """
    cells = _table_cells(source)
    unread = data.draw(st.lists(st.sampled_from(cells), max_size=3, unique=True))
    misread = data.draw(
        st.dictionaries(
            st.sampled_from(cells), st.integers(min_value=0, max_value=4000), max_size=2
        )
    )
    truth = _read(source).report.cell_values()
    misread = {path: value for path, value in misread.items() if path not in unread}
    result, readings = _scanned(unread=unread, misread=misread, source=source)
    placed = verify(result, readings).report.cell_values()
    for path in cells:
        assert placed[path] is None or placed[path] == truth[path], path
