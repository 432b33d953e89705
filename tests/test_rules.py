"""Tests of the rules engine: identities, bounds, blanks, continuity, catalogue."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import Report, catalog, from_json, to_json
from govinfo_report.catalog import Axis, CellKind, FormatVersion, Grid
from govinfo_report.errors import ContinuityError, GovinfoReportError, RuleError, Severity
from govinfo_report.model import Requests, Table
from govinfo_report.rules import (
    BLANK_RULE,
    CheckResult,
    Finding,
    Status,
    check,
    check_continuity,
    iter_continuity,
    iter_findings,
    rule_catalogue,
)
from govinfo_report.rules.arithmetic import _Side, _tuple_getter
from govinfo_report.strategies import consistent_reports, reports

VERSIONS = tuple(catalog.FORMATS)
PROPERTY = settings(max_examples=500)


def _identity(grid: Grid, rule_id: str) -> catalog.Identity:
    (identity,) = (i for i in grid.identities if i.rule_id == rule_id)
    return identity


def _tables(report: Report) -> tuple[Any, ...]:
    """The report's tables, section 二's sub-tables first (typed loosely: tests index them)."""
    return tuple(report.tables())


def _replace(report: Report, table_index: int, cell_index: int, value: object) -> Report:
    """``report`` with one cell of its ``table_index``-th table replaced."""
    table = _tables(report)[table_index]
    values = list(table.values)
    values[cell_index] = value
    changed = attrs.evolve(table, values=tuple(values))
    if isinstance(changed, Table):
        tables = list(report.proactive_disclosure.tables)
        tables[table_index] = changed
        return attrs.evolve(
            report,
            proactive_disclosure=attrs.evolve(report.proactive_disclosure, tables=tuple(tables)),
        )
    if isinstance(changed, Requests):
        return attrs.evolve(report, requests=changed)
    return attrs.evolve(report, review_litigation=changed)


@st.composite
def cells_of(draw: st.DrawFn, report: Report) -> tuple[int, int]:
    """(table index, cell index) of any cell of ``report``."""
    tables = _tables(report)
    table_index = draw(st.integers(0, len(tables) - 1))
    return table_index, draw(st.integers(0, len(tables[table_index].values) - 1))


@st.composite
def reports_with_slips(draw: st.DrawFn) -> Report:
    """Consistent reports with some cells blanked or changed: findings of every status."""
    report = draw(consistent_reports())
    for _ in range(draw(st.integers(0, 6))):
        table_index, cell_index = draw(cells_of(report))
        column = list(_tables(report)[table_index].grid.cells())[cell_index][1]
        if draw(st.booleans()):
            value: object = None
        elif column.kind is CellKind.AMOUNT:
            value = Decimal(draw(st.integers(0, 10**6))) / 10
        else:
            value = draw(st.integers(0 if column.kind is CellKind.COUNT else -9, 99))
        report = _replace(report, table_index, cell_index, value)
    return report


any_reports = st.one_of(reports(), reports_with_slips())
"""Reports with anything in them: arbitrary values, or consistent ones with a few slips."""


# --- An independent oracle: the declarations evaluated naively through the model ----------


@attrs.frozen
class Expected:
    check: str
    status: Status
    reported: Any
    computed: Any
    difference: Any
    operands: tuple[str, ...]
    blank_operands: tuple[str, ...]


def _line_ids(grid: Grid, axis: Axis) -> list[str]:
    return [c.id for c in grid.columns] if axis is Axis.ROWS else [r.id for r in grid.rows]


def _at(axis: Axis, operand: str, line: str) -> tuple[str, str]:
    return (operand, line) if axis is Axis.ROWS else (line, operand)


def oracle(report: Report) -> dict[str, Expected]:
    """Every identity and bound check of the report, evaluated from the catalog and the model."""
    expected: dict[str, Expected] = {}
    for table in _tables(report):
        grid = table.grid
        declarations: list[tuple[Any, str, str]] = [(d, d.checked, "==") for d in grid.identities]
        declarations += [(d, d.left[0], "<=") for d in grid.bounds]
        for declaration, target, relation in declarations:
            for line in _line_ids(grid, declaration.axis):
                left = [_at(declaration.axis, o, line) for o in declaration.left]
                right = [_at(declaration.axis, o, line) for o in declaration.right]
                cells = left + right
                paths = tuple(catalog.cell_path(grid, r, c) for r, c in cells)
                values: list[Any] = [table.cell(r, c) for r, c in cells]
                target_cell = _at(declaration.axis, target, line)
                reported: Any = table.cell(*target_cell)
                check_id = f"{declaration.rule_id}.{grid.id}.{line}"
                if None in values:
                    blank = tuple(p for p, v in zip(paths, values, strict=True) if v is None)
                    expected[check_id] = Expected(
                        check_id, Status.NOT_ASSESSABLE, reported, None, None, paths, blank
                    )
                    continue
                left_sum = sum(values[: len(left)])
                right_sum = sum(values[len(left) :])
                if target_cell in left:
                    computed = right_sum - (left_sum - reported)
                else:
                    computed = left_sum - (right_sum - reported)
                holds = left_sum == right_sum if relation == "==" else left_sum <= right_sum
                status = Status.PASSED if holds else Status.FAILED
                expected[check_id] = Expected(
                    check_id, status, reported, computed, reported - computed, paths, ()
                )
    return expected


def _as_expected(finding: Finding) -> Expected:
    return Expected(
        finding.check,
        finding.status,
        finding.reported,
        finding.computed,
        finding.difference,
        finding.operands,
        finding.blank_operands,
    )


def _blank_paths(report: Report) -> set[str]:
    return {
        catalog.cell_path(table.grid, cell.row.id, cell.column.id)
        for table in report.tables()
        for cell in table
        if cell.value is None
    }


# --- Properties -------------------------------------------------------------------------


def _by_check(result: CheckResult) -> dict[str, Finding]:
    return {finding.check: finding for finding in result}


# Each example of the lead's report strategies costs tens of milliseconds to draw, and every
# property must see 500 of them: so the properties that start from the same kind of report share
# one test, each stated by its own helper below.


def assert_consistent_report_has_no_error(result: CheckResult) -> None:
    """A report whose identities hold has no error; at most a section 二 bound warns."""
    assert result.ok
    assert result.errors == ()
    assert result.not_assessable == ()
    assert result.blanks == ()
    assert all(f.section == "proactive_disclosure" for f in result.warnings)


def _changed_by(data: st.DataObject, column: catalog.Column, old: Any) -> Any:
    """A non-zero change of a cell holding ``old`` that keeps it a valid value."""
    if column.kind is CellKind.AMOUNT:
        delta = Decimal(data.draw(st.integers(1, 10**6))) / 100
        return delta if data.draw(st.booleans()) or delta > old else -delta
    low = -old if column.kind is CellKind.COUNT else -(10**6)
    return data.draw(st.integers(low, 10**6).filter(bool))


@PROPERTY
@given(st.data())
def test_consistent_reports_pass_and_one_changed_cell_fails_exactly_its_rules(
    data: st.DataObject,
) -> None:
    """Consistent reports have no error, and changing one cell by any non-zero amount fails
    exactly the identities it is part of.

    Each failure has the right reported value, computed value and difference; the cell's
    bounds fail exactly when the changed values break them; nothing else changes.
    """
    report = data.draw(consistent_reports())
    table_index, cell_index = data.draw(cells_of(report))
    table = _tables(report)[table_index]
    row, column = list(table.grid.cells())[cell_index]
    old = table.values[cell_index]
    delta = _changed_by(data, column, old)
    changed = _replace(report, table_index, cell_index, old + delta)
    path = catalog.cell_path(table.grid, row.id, column.id)

    baseline = check(report)
    assert_consistent_report_has_no_error(baseline)
    before = _by_check(baseline)
    result = check(changed)
    after = _by_check(result)
    expected = oracle(changed)
    involved = {key for key, e in expected.items() if path in e.operands}
    identities = {key for key in involved if _identity_rule(table.grid, key)}
    assert {finding.check for finding in result.errors} == identities
    for key in identities:
        finding = after[key]
        split = len(_identity(table.grid, finding.rule).left)
        target_on_left = finding.operands.index(finding.path) < split
        changed_on_left = finding.operands.index(path) < split
        assert finding.difference == (delta if target_on_left == changed_on_left else -delta)
        assert finding.reported == _tables(changed)[table_index].cell(finding.row, finding.column)
        assert finding.computed == finding.reported - finding.difference
    for key in involved:
        if expected[key].status is Status.PASSED:
            assert key not in after
        else:
            assert _as_expected(after[key]) == expected[key]
    assert {k: f for k, f in after.items() if k not in involved} == {
        k: f for k, f in before.items() if k not in involved
    }


def _identity_rule(grid: Grid, check_id: str) -> bool:
    return check_id.split(".", maxsplit=1)[0] in {identity.rule_id for identity in grid.identities}


@PROPERTY
@given(st.data())
def test_one_blank_cell_makes_exactly_its_rules_not_assessable(data: st.DataObject) -> None:
    """Blanking one cell makes its rules not assessable and is reported as a blank; no more."""
    report = data.draw(consistent_reports())
    table_index, cell_index = data.draw(cells_of(report))
    table = _tables(report)[table_index]
    row, column = list(table.grid.cells())[cell_index]
    path = catalog.cell_path(table.grid, row.id, column.id)
    blanked = _replace(report, table_index, cell_index, None)

    baseline = check(report)
    assert_consistent_report_has_no_error(baseline)
    before = _by_check(baseline)
    result = check(blanked)
    after = _by_check(result)
    involved = {key for key, e in oracle(report).items() if path in e.operands}
    assert {finding.check for finding in result.not_assessable} == involved
    for key in involved:
        assert after[key].blank_operands == (path,)
        assert after[key].computed is None
        assert after[key].difference is None
    assert [(f.rule, f.path, f.severity) for f in result.blanks] == [
        (BLANK_RULE, path, Severity.INFO)
    ]
    unchanged = {k: f for k, f in after.items() if k not in involved and f.rule != BLANK_RULE}
    assert unchanged == {k: f for k, f in before.items() if k not in involved}
    assert result.errors == ()


@PROPERTY
@given(any_reports)
def test_findings_agree_with_the_declarations_and_survive_json(report: Report) -> None:
    """On any report the findings are the declared rules evaluated naively, and JSON keeps them."""
    assert_findings_agree_with_the_declarations(report)
    assert_findings_survive_a_json_round_trip(report)


def assert_findings_agree_with_the_declarations(report: Report) -> None:
    """Every finding is the naive evaluation of a declared rule, passes included."""
    result = check(report, passed=True)
    rules = {f.check: _as_expected(f) for f in result.findings if f.rule != BLANK_RULE}
    assert rules == oracle(report)
    blanks = {f.path for f in result.findings if f.rule == BLANK_RULE and f.status is Status.FAILED}
    assert blanks == _blank_paths(report)
    assert result.ok == all(
        e.status is not Status.FAILED or e.check.startswith("P") for e in rules.values()
    )
    assert check(report).findings == tuple(
        f for f in result.findings if f.status is not Status.PASSED
    )


def assert_findings_survive_a_json_round_trip(report: Report) -> None:
    """The report's JSON gives the same findings, and each finding's JSON gives it back."""
    result = check(report)
    assert check(from_json(to_json(report))) == result
    document = json.loads(json.dumps([f.to_dict() for f in result], default=str))
    restored = tuple(
        Finding.from_dict(_decimals(item, finding))
        for item, finding in zip(document, result, strict=True)
    )
    assert restored == result.findings


def _decimals(item: dict[str, Any], finding: Finding) -> dict[str, Any]:
    # json.dumps(default=str) writes Decimal as a string; a real reader uses a Decimal hook.
    for key in ("reported", "computed", "difference"):
        if isinstance(getattr(finding, key), Decimal):
            item[key] = Decimal(item[key])
    return item


# --- Examples -----------------------------------------------------------------------------


@pytest.fixture
def hongze() -> Report:
    """A v2021 report whose table 四 is consistent, built on a blank report."""
    report = Report.blank("2021", organ="某区人民政府", year=2023)
    review = report.review_litigation.with_cells(
        {
            ("review", "upheld"): 10,
            ("review", "corrected"): 1,
            ("review", "other"): 0,
            ("review", "pending"): 0,
            ("review", "total"): 0,
        }
    )
    return attrs.evolve(report, review_litigation=review)


def test_finding_locates_the_cell_in_both_languages(hongze: Report) -> None:
    """A failed E4 names its cell by JSON path, ids and official labels."""
    (finding,) = check(hongze).errors
    assert finding.rule == "E4"
    assert finding.check == "E4.review_litigation.review"
    assert finding.severity is Severity.ERROR
    assert finding.status is Status.FAILED
    assert finding.path == "$.review_litigation.review.total"
    assert (finding.section, finding.table, finding.row, finding.column) == (
        "review_litigation",
        "review_litigation",
        "review",
        "total",
    )
    grid = catalog.REVIEW_LITIGATION_GRID
    assert finding.row_label is grid.row("review").label
    assert finding.column_label is grid.column("total").label
    assert finding.table_label is grid.label
    assert (finding.reported, finding.computed, finding.difference) == (0, 11, -11)
    assert finding.operands == tuple(
        catalog.cell_path(grid, "review", c)
        for c in ("total", "upheld", "corrected", "other", "pending")
    )
    assert grid.row("review").label.zh in finding.message_zh
    assert "11" in finding.message_zh
    assert "reports 0" in finding.message_en
    assert finding.message("en") == finding.message_en
    with pytest.raises(ValueError, match="unknown language"):
        finding.message("fr")


def test_raise_for_errors_lists_every_error(hongze: Report) -> None:
    """raise_for_errors raises a GovinfoReportError naming each failing check."""
    columns = [column.id for column in hongze.review_litigation.grid.columns]
    review = hongze.review_litigation.with_cells(
        {("litigation_direct", column): 0 for column in columns}
        | {("litigation_direct", "total"): 3}
    )
    result = check(attrs.evolve(hongze, review_litigation=review))
    assert not result.ok
    with pytest.raises(RuleError) as raised:
        result.raise_for_errors()
    assert isinstance(raised.value, GovinfoReportError)
    assert raised.value.findings == result.errors
    message = str(raised.value)
    assert "2 errors" in message
    assert "E4.review_litigation.review " in message
    assert "E4.review_litigation.litigation_direct " in message


def test_blank_report_raises_nothing() -> None:
    """A report with every cell blank has no error: nothing can be assessed."""
    result = check(Report.blank("2019"))
    result.raise_for_errors()
    assert result.ok
    assert len(result.blanks) == catalog.format_spec("2019").size
    assert all(f.status is Status.NOT_ASSESSABLE for f in result.not_assessable)
    assert result.warnings == ()


def test_iter_findings_is_lazy_and_ordered(hongze: Report) -> None:
    """iter_findings yields what check collects, in the same order: identities first."""
    iterator = iter_findings(hongze)
    first = next(iterator)
    assert (first.rule, first.status) == ("E1", Status.NOT_ASSESSABLE)
    rest = tuple(iterator)
    assert (first, *rest) == check(hongze).findings
    rules = [finding.rule for finding in rest]
    assert rules.index("E4") < rules.index("P6") < rules.index(BLANK_RULE)


def test_check_result_counts(hongze: Report) -> None:
    """CheckResult.to_dict counts each kind of finding."""
    result = check(hongze, passed=True)
    counts = result.to_dict()["counts"]
    assert counts["errors"] == len(result.errors) == 1
    assert counts["passed"] == len(result.passed) > 0
    assert sum(counts.values()) == len(result)
    assert list(result) == list(result.findings)


def test_check_ids_are_unique_and_follow_the_documented_pattern() -> None:
    """Check ids are <rule>.<table>.<row or column>, and B.<table>.<row>.<column>."""
    for version in VERSIONS:
        document = rule_catalogue(version)
        ids = [c["id"] for rule in document["rules"] for c in rule["checks"]]
        assert len(ids) == len(set(ids))
        for rule in document["rules"]:
            for entry in rule["checks"]:
                parts = entry["id"].split(".")
                assert parts[0] == rule["id"]
                assert parts[1] == entry["table"]
                if rule["id"] == BLANK_RULE:
                    assert parts[2:] == [entry["row"], entry["column"]]
                else:
                    assert parts[2] in (entry["row"], entry["column"])


# --- Continuity ---------------------------------------------------------------------------


def _with_request_cells(report: Report, cells: dict[tuple[str, str], int | None]) -> Report:
    return attrs.evolve(report, requests=report.requests.with_cells(cells))


def _carry_forward(previous: Report, current: Report) -> Report:
    """``current`` with 上年结转 equal to last year's 结转下年度, column by column."""
    columns = [c.id for c in current.requests.grid.columns]
    return _with_request_cells(
        current,
        {
            ("carried_over_from_last_year", c): previous.requests.cell("carried_to_next_year", c)
            for c in columns
        },
    )


@settings(max_examples=50)
@given(consistent_reports(), consistent_reports(), st.integers(1, 9))
def test_carry_over_continuity(previous: Report, current: Report, delta: int) -> None:
    """P1 holds when the carry-over is carried, and fails by the difference when it is not."""
    current = attrs.evolve(_carry_forward(previous, current), year=None)
    passes = [f for f in check_continuity(previous, current, passed=True) if f.rule == "P1"]
    assert len(passes) == len(current.requests.grid.columns)
    assert all(f.status is Status.PASSED for f in passes)
    value = current.requests.cell("carried_over_from_last_year", "other_org")
    assert value is not None
    current = _with_request_cells(
        current, {("carried_over_from_last_year", "other_org"): value + delta}
    )
    (failed,) = [f for f in check_continuity(previous, current).warnings if f.rule == "P1"]
    assert failed.check == "P1.requests.other_org"
    assert failed.path == "$.requests.carried_over_from_last_year.other_org"
    assert failed.previous_operands == ("$.requests.carried_to_next_year.other_org",)
    assert (failed.reported, failed.computed, failed.difference) == (value + delta, value, delta)


def _p_rules(previous: Report, current: Report) -> set[str]:
    return {f.rule for f in check_continuity(previous, current, passed=True)}


@pytest.mark.parametrize(
    ("previous_version", "current_version", "rules"),
    [
        ("2019", "2019", {"P1", "P4"}),
        ("2019", "2021", {"P1"}),
        ("2021", "2021", {"P1", "P2"}),
        ("2021", "2019", {"P1"}),
    ],
)
def test_continuity_applies_where_format_md_says(
    previous_version: str, current_version: str, rules: set[str]
) -> None:
    """P1 crosses the version boundary; P2 needs two 2021 tables, P4 two 2019 tables."""
    previous = Report.blank(previous_version, year=2020)
    current = Report.blank(current_version, year=2021)
    assert _p_rules(previous, current) == rules


def test_stock_continuity() -> None:
    """P2: 现行有效件数 = last year's + 本年制发 − 本年废止, per row."""
    previous = Report.blank("2021", year=2022)
    previous = attrs.evolve(
        previous,
        proactive_disclosure=previous.proactive_disclosure.with_cells(
            {("art20_1", "regulations", "in_force"): 10}
        ),
    )
    current = Report.blank("2021", year=2023)
    cells = {("art20_1", "regulations", "issued"): 3, ("art20_1", "regulations", "repealed"): 1}
    holds = attrs.evolve(
        current,
        proactive_disclosure=current.proactive_disclosure.with_cells(
            {**cells, ("art20_1", "regulations", "in_force"): 12}
        ),
    )
    fails = attrs.evolve(
        current,
        proactive_disclosure=current.proactive_disclosure.with_cells(
            {**cells, ("art20_1", "regulations", "in_force"): 15}
        ),
    )
    assert [
        f.check for f in check_continuity(previous, holds, passed=True).passed if f.rule == "P2"
    ] == ["P2.art20_1.regulations"]
    (failed,) = check_continuity(previous, fails).warnings
    assert (failed.reported, failed.computed, failed.difference) == (15, 12, 3)
    assert failed.operands == (
        "$.proactive_disclosure.art20_1.regulations.in_force",
        "$.proactive_disclosure.art20_1.regulations.issued",
        "$.proactive_disclosure.art20_1.regulations.repealed",
    )


def test_continuity_blank_in_previous_report_is_not_assessable() -> None:
    """A blank in last year's report makes the check not assessable, naming that cell."""
    previous = Report.blank("2019", year=2020)
    current = _with_request_cells(
        Report.blank("2021", year=2021), {("carried_over_from_last_year", "total"): 4}
    )
    result = check_continuity(previous, current)
    (finding,) = [f for f in result.not_assessable if f.check == "P1.requests.total"]
    assert finding.blank_operands == ("$.requests.carried_to_next_year.total",)
    assert finding.reported == 4
    assert "上年报告" in finding.message_zh


def test_continuity_needs_consecutive_years() -> None:
    """Reports two years apart are refused with a ContinuityError."""
    with pytest.raises(ContinuityError, match="2019 then 2021"):
        check_continuity(Report.blank("2019", year=2019), Report.blank("2021", year=2021))
    assert list(iter_continuity(Report.blank("2021"), Report.blank("2021", year=2024)))


# --- Catalogue ----------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_catalogue_is_deterministic_json(version: FormatVersion) -> None:
    """The catalogue is plain JSON and the same on every call."""
    document = rule_catalogue(version)
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document
    assert rule_catalogue(version.value) == document
    assert document["format"] == version.value


@pytest.mark.parametrize("version", VERSIONS)
def test_catalogue_lists_every_check_run(version: FormatVersion) -> None:
    """Each check run on a report of the version is in the catalogue with the same operands."""
    document = rule_catalogue(version)
    entries = {c["id"]: (rule, c) for rule in document["rules"] for c in rule["checks"]}
    result = check(Report.blank(version), passed=True)
    assert {f.check for f in result} == {
        key for key, (rule, _entry) in entries.items() if rule["kind"] != "continuity"
    }
    for finding in result:
        rule, entry = entries[finding.check]
        assert rule["severity"] == finding.severity.value
        assert entry["cell"] == finding.path
        if "left" in entry:
            assert tuple(entry["left"] + entry["right"]) == finding.operands
        template = entry["messages"][finding.status.value]
        assert (
            template["zh"].format(reported="", computed="", difference="", blank_cells="")
            in (finding.message_zh)
            or finding.status is not Status.FAILED
        )


def test_catalogue_formulas_evaluate_like_the_engine() -> None:
    """Evaluating each catalogue formula over a report's JSON gives the engine's statuses."""
    report = Report.blank("2021")
    review = report.review_litigation.with_cells(
        {("review", c.id): 2 for c in report.review_litigation.grid.columns}
    )
    report = attrs.evolve(report, review_litigation=review)
    document = json.loads(to_json(report))

    def value(path: str) -> Any:
        node: Any = document
        for key in path.removeprefix("$.").split("."):
            node = node[key]
        return node

    statuses = {f.check: f.status for f in check(report, passed=True)}
    for rule in rule_catalogue("2021")["rules"]:
        if rule["kind"] not in ("identity", "bound"):
            continue
        for entry in rule["checks"]:
            values = [value(p) for p in entry["left"] + entry["right"]]
            if None in values:
                status = Status.NOT_ASSESSABLE
            else:
                left = sum(value(p) for p in entry["left"])
                right = sum(value(p) for p in entry["right"])
                holds = left == right if entry["relation"] == "==" else left <= right
                status = Status.PASSED if holds else Status.FAILED
            assert statuses[entry["id"]] is status


def test_unknown_version_is_refused() -> None:
    """rule_catalogue names the known versions when given an unknown one."""
    with pytest.raises(ValueError, match="known versions"):
        rule_catalogue("2030")


def test_check_result_is_immutable(hongze: Report) -> None:
    """A CheckResult cannot be changed after the fact."""
    result = check(hongze)
    assert isinstance(result, CheckResult)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.findings = ()  # type: ignore[misc]


def test_operand_getters_return_tuples_for_any_count() -> None:
    """Taking the values of none, one or several operands gives a tuple every time."""
    values = (10, 20, 30)
    assert _tuple_getter([])(values) == ()
    assert _tuple_getter([2])(values) == (30,)
    assert _tuple_getter([2, 0])(values) == (30, 10)


def test_sides_of_several_runs_sum_each_check_apart() -> None:
    """A side made of several runs and lone cells sums to the same as adding its operands."""
    values = tuple(range(100, 130))
    sides = [(0, 5, 10, 11, 12, 29), (3,), (7, 9), (20, 22, 24, 1)]
    side = _Side.of(sides)
    assert list(side.sums(values)) == [sum(values[i] for i in indexes) for indexes in sides]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_not_assessable_findings_made_once_still_carry_each_reports_values(version: str) -> None:
    """The not-assessable findings a check keeps are those of the same blanks and value only.

    A few cells of the requests table of a blank report are filled in turn with more values
    than a check keeps: each result agrees with the oracle.
    """
    blank = Report.blank(version)
    requests = len(_tables(blank)) - 2
    grid = _tables(blank)[requests].grid
    cells = [(row.id, column.id) for row, column in grid.cells()]
    identity = grid.identities[0]
    checked = [
        _at(identity.axis, identity.checked, line) for line in _line_ids(grid, identity.axis)
    ]
    for cell_index in [cells.index(cell) for cell in checked[:3]]:
        for value in range(70):
            report = _replace(blank, requests, cell_index, value)
            found = _by_check(check(report))
            expected = oracle(report)
            assert {key: _as_expected(found[key]) for key in expected} == expected
