"""The one evaluator of the form's arithmetic, and the reader and the rules agreeing through it."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import Report, catalog
from govinfo_report.catalog import Axis, Grid
from govinfo_report.findings import Status
from govinfo_report.parse._interpret._identities import column_identities, row_check, row_target
from govinfo_report.rules import check
from govinfo_report.rules.arithmetic import Relation, Relations, instances, read_blanks

PROPERTY = settings(max_examples=200, deadline=None)

_values = st.lists(st.one_of(st.none(), st.integers(0, 30)), min_size=8, max_size=8)
_positions = st.lists(st.integers(0, 7), min_size=1, max_size=4, unique=True)


@st.composite
def _relations(draw: st.DrawFn, *, bound: bool = False) -> Relation:
    left = draw(_positions)
    right = draw(st.lists(st.integers(0, 7).filter(lambda i: i not in left), max_size=4))
    return Relation(tuple(left), tuple(right), bound=bound)


def test_a_relation_holds_fails_or_is_not_assessable() -> None:
    """sum(left) == sum(right); a blank operand makes it neither hold nor fail."""
    total = Relation((3,), (0, 1, 2))
    assert total.holds([1, 2, 3, 6]) is True
    assert total.holds([1, 2, 3, 7]) is False
    assert total.holds([1, None, 3, 6]) is None
    assert total.balance([1, 2, 3, 7]) == 1
    assert total.holds([Decimal("1.5"), 2, 0, Decimal("3.5")]) is True


def test_a_bound_holds_up_to_its_limit() -> None:
    """A bound fails only past its limit: sum(left) <= sum(right)."""
    limit = Relation((0,), (1, 2), bound=True)
    assert limit.holds([3, 1, 2]) is True
    assert limit.holds([2, 1, 2]) is True
    assert limit.holds([4, 1, 2]) is False
    assert limit.solve([None, 1, 2], 0) == 3


def test_solving_gives_the_value_that_makes_the_identity_hold() -> None:
    """The operand solved for is never read; another blank operand leaves it unknown."""
    e1 = Relation((0, 1), (2, 3))  # new + carried over == handled + carried to next year
    assert e1.solve([5, 2, 4], 3) == 3  # position 3 is past the end: never read
    assert e1.solve([None, 2, 4, 3], 0) == 5
    assert e1.solve([5, None, 4, 3], 0) is None
    with pytest.raises(ValueError, match="not an operand"):
        e1.solve([1, 2, 3, 4, 5], 4)


@PROPERTY
@given(_values, _relations())
def test_solving_then_checking_holds(values: list[int | None], relation: Relation) -> None:
    """Whatever operand is solved for, the identity holds with the value found (or is blank)."""
    for position in (*relation.left, *relation.right):
        solved = relation.solve(values, position)
        filled = list(values)
        filled[position] = solved
        if solved is None:
            others = [i for i in (*relation.left, *relation.right) if i != position]
            assert any(values[i] is None for i in others)
        elif (*relation.left, *relation.right).count(position) == 1:
            assert relation.holds(filled) is True


@PROPERTY
@given(_values, st.lists(_relations(), min_size=1, max_size=6), st.booleans())
def test_compiled_relations_give_each_relation_s_verdict(
    values: list[int | None], relations: list[Relation], bound: bool
) -> None:
    """The fast evaluation of many relations at once equals each relation evaluated alone."""
    relations = [attrs.evolve(relation, bound=bound) for relation in relations]
    compiled = Relations(tuple(relations), len(values))
    expected = [relation.holds(values) for relation in relations]
    assert compiled.verdicts(values) == expected
    assert compiled.refuted(values) == (False in expected)
    zeroed, blank = read_blanks(values)
    assert [values[i] for i in blank] == [None] * len(blank)
    assert None not in zeroed


def test_identities_and_bounds_are_compiled_apart() -> None:
    """One compiled set holds one kind: its failing test depends on it."""
    with pytest.raises(ValueError, match="apart"):
        Relations((Relation((0,), (1,)), Relation((0,), (1,), bound=True)), 2)


def test_instances_place_a_declaration_in_every_line() -> None:
    """E4 holds in each group of table 四: one relation per row, positions in the grid."""
    grid = catalog.REVIEW_LITIGATION_GRID
    (e4,) = grid.identities
    found = instances(grid, e4)
    width = len(grid.columns)
    assert len(found) == len(grid.rows)
    total = grid.column_index(e4.left[0])
    assert [relation.left for relation in found] == [
        (row * width + total,) for row in range(len(grid.rows))
    ]


# The reader and the rules agree: they ask the same evaluator.


def _requests_with_row(version: str, row_id: str, row: tuple[int | None, ...]) -> Report:
    report = Report.blank(version)
    grid = report.requests.grid
    requests = report.requests.with_cells(
        {(row_id, column.id): value for column, value in zip(grid.columns, row, strict=True)}
    )
    return attrs.evolve(report, requests=requests)


def _row_verdict(report: Report, rule: str, row_id: str) -> Status:
    (finding,) = (
        finding
        for finding in check(report, passed=True)
        if finding.rule == rule and finding.check.endswith(f".{row_id}")
    )
    return finding.status


_rows = st.lists(st.one_of(st.none(), st.integers(0, 9)), min_size=7, max_size=7)


@PROPERTY
@given(st.sampled_from(tuple(catalog.FORMATS)), _rows)
def test_the_reader_s_row_check_is_the_rules_verdict(
    version: catalog.FormatVersion, values: list[int | None]
) -> None:
    """A row the reader's check refuses is one E3 fails on, and only such a row."""
    grid = catalog.requests_grid(version)
    row_id = grid.rows[0].id
    report = _requests_with_row(str(version), row_id, tuple(values))
    status = _row_verdict(report, "E3", row_id)
    reader_check = row_check(grid)
    assert reader_check is not None
    assert reader_check(values) == (status is not Status.FAILED)


@PROPERTY
@given(st.sampled_from(tuple(catalog.FORMATS)), _rows)
def test_the_reader_s_total_is_the_one_the_rules_accept(
    version: catalog.FormatVersion, values: list[int | None]
) -> None:
    """The total the reader expects after a row's parts passes E3; with a blank part, none."""
    grid = catalog.requests_grid(version)
    target = row_target(grid)
    assert target is not None
    (e3,) = (i for i in grid.identities if i.rule_id == "E3")
    total = grid.column_index(e3.left[0])
    expected = target(values[:total])
    row_id = grid.rows[0].id
    if expected is None:
        assert None in values[:total]
        return
    assert isinstance(expected, int)
    row = (*values[:total], expected, *values[total + 1 :])
    assert _row_verdict(_requests_with_row(str(version), row_id, row), "E3", row_id) is (
        Status.PASSED
    )


def _column_statuses(report: Report, grid: Grid) -> list[bool | None]:
    verdict = {Status.PASSED: True, Status.FAILED: False, Status.NOT_ASSESSABLE: None}
    by_check = {f.check: verdict[f.status] for f in check(report, passed=True)}
    return [
        by_check[f"{identity.rule_id}.{grid.id}.{column.id}"]
        for identity in grid.identities
        if identity.axis is Axis.ROWS
        for column in grid.columns
    ]


@PROPERTY
@given(st.sampled_from(tuple(catalog.FORMATS)), st.data())
def test_the_reader_s_column_verdicts_are_the_rules(
    version: catalog.FormatVersion, data: st.DataObject
) -> None:
    """Choosing between readings with E1 and E2, the reader sees what the rules report."""
    grid = catalog.requests_grid(version)
    values = data.draw(
        st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=grid.size, max_size=grid.size)
    )
    report = Report.blank(str(version))
    report = attrs.evolve(report, requests=attrs.evolve(report.requests, values=tuple(values)))
    assert column_identities(grid).verdicts(values) == _column_statuses(report, grid)


def test_the_reader_expects_a_total_only_after_its_parts() -> None:
    """A total printed before its parts, or an identity of several totals, gives no target."""
    grid = catalog.REVIEW_LITIGATION_GRID
    first, second, *rest = (column.id for column in grid.columns)
    label = grid.identities[0].description
    reordered = attrs.evolve(
        grid,
        identities=(
            catalog.Identity("X1", Axis.COLUMNS, (first,), (second, *rest), label),
            catalog.Identity("X2", Axis.COLUMNS, (first, second), tuple(rest), label),
        ),
    )
    assert row_target(reordered) is None
    target = row_target(grid)
    assert target is not None
    assert target([1, 2]) is None  # the next cell is not a total
    assert target([1, 2, 3, 4]) == 10
    proactive = catalog.format_spec("2021").sections[1].grids[0]  # table 二: no identity
    assert row_target(proactive) is None
    assert row_check(proactive) is None
