"""The typed model: construction, validation and access by catalog id."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import (
    CellValueError,
    FormatVersion,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
    catalog,
)
from govinfo_report import strategies as report_st
from govinfo_report.catalog import CellKind

VERSIONS = ("2019", "2021")


@pytest.mark.parametrize("version", VERSIONS)
def test_every_cell_is_addressable_by_id(version: str) -> None:
    """Each numeric cell of the catalog can be set and read back through the model by its ids."""
    report = Report.blank(version)
    spec = catalog.format_spec(version)
    seen = 0
    for grid in spec.section("proactive_disclosure").grids:
        for number, (row, column) in enumerate(grid.cells(), start=1):
            value = Decimal(number) if column.kind is CellKind.AMOUNT else number
            section = report.proactive_disclosure.with_cells({(grid.id, row.id, column.id): value})
            assert section.cell(grid.id, row.id, column.id) == value
            seen += 1
    whole_grids: tuple[Requests | ReviewLitigation, ...] = (
        report.requests,
        report.review_litigation,
    )
    for whole in whole_grids:
        for number, (row, column) in enumerate(whole.grid.cells(), start=1):
            changed = whole.with_cells({(row.id, column.id): number})
            assert changed.cell(row.id, column.id) == number
            assert sum(v is not None for v in changed.values) == 1
            seen += 1
    assert seen == spec.size


def test_rows_columns_and_iteration_follow_official_order() -> None:
    """row(), column() and iteration use catalog order and carry the official labels."""
    grid = catalog.requests_grid("2021")
    requests = Requests("2021", tuple(range(grid.size)))
    assert list(requests.row("granted")) == [c.id for c in grid.columns]
    assert requests.row("granted")["natural_person"] == 2 * len(grid.columns)
    assert list(requests.column("total")) == [r.id for r in grid.rows]
    cells = list(requests)
    assert [cell.value for cell in cells] == list(range(grid.size))
    assert cells[0].row.label.zh == "一、本年新收政府信息公开申请数量"
    assert cells[0].column.label.zh == "自然人"
    assert list(requests.rows()) == [r.id for r in grid.rows]


def test_subtotals_are_derived_and_blank_aware() -> None:
    """Group subtotals sum their member rows per column; a blank member makes no subtotal."""
    grid = catalog.requests_grid("2021")
    members = grid.row_group("withheld").members
    cells = {(row_id, "natural_person"): i for i, row_id in enumerate(members, start=1)}
    cells[members[0], "total"] = 5
    requests = Requests.blank("2021").with_cells(cells)
    subtotal = requests.subtotal("withheld")
    assert subtotal["natural_person"] == sum(range(1, len(members) + 1))
    assert subtotal["total"] is None
    assert set(requests.subtotals()) == {g.id for g in grid.row_groups}
    assert not hasattr(requests, "withheld_subtotal")  # derived on demand, never stored


def test_2019_has_no_other_handling_group_but_a_single_row() -> None:
    """The 2019 （六）其他处理 is one data row, not a group."""
    requests = Requests.blank("2019").with_cells({("other_handling", "total"): 4})
    assert requests.cell("other_handling", "total") == 4
    with pytest.raises(KeyError):
        requests.subtotal("other_handling")


def test_mixed_versions_per_table() -> None:
    """A 2021 section 二 with a 2019 section 三 (as real reports have) is one report."""
    report = Report(
        organ="洪泽区人民政府",
        year=2023,
        proactive_disclosure=ProactiveDisclosure.blank("2021"),
        requests=Requests.blank("2019"),
        review_litigation=ReviewLitigation.blank(),
    )
    assert report.formats == {
        "proactive_disclosure": FormatVersion.V2021,
        "requests": FormatVersion.V2019,
    }
    assert len(list(report.tables())) == 4 + 1 + 1


_BAD_COUNTS = st.one_of(
    st.integers(max_value=-1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.decimals(allow_nan=False),
)


@settings(max_examples=300)
@given(st.sampled_from(VERSIONS), st.data())
def test_construction_rejects_any_bad_cell_with_its_path(version: str, data: st.DataObject) -> None:
    """One bad value in any cell of 三 or 四 is rejected, naming the cell's JSON path and value."""
    section_class = data.draw(st.sampled_from((Requests, ReviewLitigation)))
    section = Requests.blank(version) if section_class is Requests else ReviewLitigation.blank()
    grid = section.grid
    index = data.draw(st.integers(0, grid.size - 1))
    row, column = list(grid.cells())[index]
    bad = data.draw(_BAD_COUNTS)
    values: list[object] = list(section.values)
    values[index] = bad
    with pytest.raises(CellValueError) as raised:
        attrs.evolve(section, values=tuple(values))  # type: ignore[arg-type]
    assert raised.value.paths == (catalog.cell_path(grid, row.id, column.id),)
    assert repr(bad) in str(raised.value)


@pytest.mark.parametrize(
    ("column_id", "bad", "message"),
    [
        ("fee_amount", 5, "expected a Decimal amount"),
        ("fee_amount", Decimal(-1), "expected an amount >= 0"),
        ("fee_amount", Decimal("NaN"), "expected a finite amount"),
        ("decisions", -3, "expected a count >= 0"),
    ],
)
def test_section_two_cells_are_checked_by_kind(column_id: str, bad: object, message: str) -> None:
    """Amounts must be non-negative finite Decimals; counts non-negative ints."""
    grid = next(
        g
        for g in catalog.format_spec("2021").section("proactive_disclosure").grids
        if g.columns[0].id == column_id
    )
    with pytest.raises(CellValueError, match=message):
        Table(grid, (bad,) * grid.size)  # type: ignore[arg-type]


def test_signed_change_may_be_negative() -> None:
    """2019 本年增/减 takes negative whole numbers, but not fractions."""
    grid = catalog.format_spec("2019").section("proactive_disclosure").grid("art20_8")
    assert Table(grid, (10, -8)).cell("admin_fees", "change") == -8
    with pytest.raises(CellValueError, match="expected a whole number"):
        Table(grid, (10, 1.5))  # type: ignore[arg-type]


def test_wrong_shapes_are_rejected() -> None:
    """A values tuple of the wrong length, or not a tuple, names the table."""
    with pytest.raises(CellValueError, match="expected 175 cell values"):
        Requests("2021", (0,) * 161)
    with pytest.raises(CellValueError, match="expected a tuple"):
        ReviewLitigation([0] * 15)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown format version"):
        Requests("2020", ())
    with pytest.raises(ValueError, match="needs one Table per grid"):
        ProactiveDisclosure("2021", ProactiveDisclosure.blank("2019").tables)
    with pytest.raises(KeyError, match="no table 'art20_9'"):
        ProactiveDisclosure.blank("2021").table("art20_9")


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("year", 1999, "expected a year from 2008"),
        ("year", True, "expected a year"),
        ("organ", 7, "organ: expected a string or None"),
        ("overview", b"x", "overview: expected a string"),
    ],
)
def test_metadata_is_validated(field: str, bad: object, message: str) -> None:
    """Report metadata and narrative fields reject wrong types by field name."""
    with pytest.raises((TypeError, ValueError), match=message):
        Report.blank("2021", **{field: bad})


def test_source_fields_are_text() -> None:
    """Provenance of the document is optional text."""
    source = Source(url="https://www.example.gov.cn/report.html")
    assert Report.blank("2021", source=source).source == source
    with pytest.raises(TypeError, match="url: expected a string"):
        Source(url=3)  # type: ignore[arg-type]


@settings(max_examples=100)
@given(report_st.reports())
def test_reports_are_immutable_values(report: Report) -> None:
    """Reports are frozen, hashable only by value, and equal to a field-for-field copy."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.organ = "x"  # type: ignore[misc]
    assert attrs.evolve(report) == report


def test_cell_values_are_every_cell_by_path() -> None:
    """``Report.cell_values()`` names every cell of the form by JSON path, blanks as None."""
    report = Report.blank("2021")
    report = attrs.evolve(
        report, requests=report.requests.with_cells({("granted", "natural_person"): 3})
    )
    values = report.cell_values()
    assert len(values) == 200
    assert values["$.requests.granted.natural_person"] == 3
    assert values["$.requests.granted.total"] is None
    assert len(Report.blank("2019").cell_values()) == 198
