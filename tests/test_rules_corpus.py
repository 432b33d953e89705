"""The rules on real published reports: exactly their own arithmetic slips are found.

The expected values in ``tests/corpus/expected/`` are copies of ``corpus/expected/`` (the values
printed in each report, slips kept). What each report gets wrong, or leaves blank, is taken from
its ``notes``; the tables below quote them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import Report, catalog, from_dict
from govinfo_report.errors import Severity
from govinfo_report.rules import BLANK_RULE, Status, check, check_continuity

EXPECTED = Path(__file__).parent / "corpus" / "expected"
STEMS = sorted(path.stem for path in EXPECTED.glob("*.json"))

# "Table 4 is wrong in the report itself and kept as printed: 行政复议 10/1/0/0 with 总计 0,
# 复议后起诉 结果维持 5 with 总计 0 … — E4 fails for review and litigation_after_review."
KNOWN_ERRORS: dict[str, dict[str, tuple[str, int, int]]] = {
    "2023_huaian_hongze_district": {
        "E4.review_litigation.review": ("$.review_litigation.review.total", 0, 11),
        "E4.review_litigation.litigation_after_review": (
            "$.review_litigation.litigation_after_review.total",
            0,
            5,
        ),
    },
}


def _identity_checks(version: str, rule: str) -> set[str]:
    """Every check id of identity ``rule`` on a report of ``version``."""
    checks: set[str] = set()
    for slot_grid in (catalog.requests_grid(version), catalog.REVIEW_LITIGATION_GRID):
        for identity in slot_grid.identities:
            if identity.rule_id != rule:
                continue
            lines = slot_grid.columns if identity.axis is catalog.Axis.ROWS else slot_grid.rows
            checks.update(f"{rule}.{slot_grid.id}.{line.id}" for line in lines)
    return checks


def _shanghai_2019() -> set[str]:
    # "E3 (all 23 rows), E2 (all 7 columns), E4 (all 3 groups) and E1 for the five 法人 columns
    # are not assessable; the two checks that can be made hold (E1 自然人 …, 总计 …)."
    grid = catalog.requests_grid("2019")
    legal_persons = grid_group_members(grid, "legal_person_or_other_org")
    return (
        _identity_checks("2019", "E3")
        | _identity_checks("2019", "E2")
        | _identity_checks("2019", "E4")
        | {f"E1.requests.{column}" for column in legal_persons}
    )


def grid_group_members(grid: catalog.Grid, group_id: str) -> tuple[str, ...]:
    (group,) = (group for group in grid.column_groups if group.id == group_id)
    return group.members


KNOWN_NOT_ASSESSABLE: dict[str, set[str]] = {
    "2019_shanghai_gov_office": _shanghai_2019(),
    # "Tables 3 and 4 are entirely blank … every identity is not assessable."
    "2019_xiongxian_township": set().union(
        *(_identity_checks("2019", rule) for rule in ("E1", "E2", "E3", "E4"))
    ),
    # "The carry-forward 总计 cell is empty (null), so E1 on the total column and E3 on that row
    # are not assessable."
    "2024_shanghai_kewei": {"E1.requests.total", "E3.requests.carried_to_next_year"},
}


def _document(data: Any) -> Any:
    # The corpus records a unit printed beside an amount (procurement_amount_unit: "元"); the
    # report model keeps amounts as printed, without units, so those notes are dropped here.
    if isinstance(data, dict):
        return {key: _document(value) for key, value in data.items() if not key.endswith("_unit")}
    return data


def load_expected(stem: str) -> tuple[Report, dict[str, Any]]:
    """The report of a corpus file, and the file's contents."""
    data = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    formats = data["formats"]
    document = {
        "organ": data["organ"],
        "year": data["year"],
        "source": None,
        "overview": None,
        "proactive_disclosure": {
            "format": formats["proactive_disclosure"],
            **data["proactive_disclosure"],
        },
        "requests": {"format": formats["requests"], **data["requests"]},
        "review_litigation": data["review_litigation"],
        "problems_improvements": None,
        "other_matters": None,
    }
    return from_dict(_document(document)), data


def _null_paths(data: Any, prefix: str = "$") -> set[str]:
    if isinstance(data, dict):
        return set().union(*(_null_paths(value, f"{prefix}.{key}") for key, value in data.items()))
    return {prefix} if data is None else set()


def _cell_paths(data: dict[str, Any]) -> set[str]:
    return {
        path
        for section in ("proactive_disclosure", "requests", "review_litigation")
        for path in _null_paths(data[section], f"$.{section}")
    }


@pytest.mark.parametrize("stem", STEMS)
def test_exactly_the_known_slips_are_found(stem: str) -> None:
    """Errors are exactly the slips the notes describe, with the printed and computed values."""
    report, data = load_expected(stem)
    result = check(report)
    uncertain = {f"$.{path}" for path in data.get("uncertain_cells") or ()}
    scored = [f for f in result if not uncertain.intersection(f.operands)]
    errors = {
        f.check: (f.path, f.reported, f.computed)
        for f in scored
        if f.severity is Severity.ERROR and f.status is Status.FAILED
    }
    assert errors == KNOWN_ERRORS.get(stem, {})
    assert result.ok == (stem not in KNOWN_ERRORS)
    # No plausibility check fails on these reports (checked by hand against their values).
    assert [
        f.check for f in scored if f.status is Status.FAILED and f.severity is Severity.WARNING
    ] == []


@pytest.mark.parametrize("stem", STEMS)
def test_blanks_are_reported_and_never_read_as_zero(stem: str) -> None:
    """Every blank cell is one B finding; identities with a blank are not assessable."""
    report, data = load_expected(stem)
    result = check(report)
    nulls = _cell_paths(data)
    assert {f.path for f in result.blanks} == nulls
    assert all(f.rule == BLANK_RULE for f in result.blanks)
    identities = {f.check for f in result.not_assessable if f.severity is Severity.ERROR}
    assert identities == KNOWN_NOT_ASSESSABLE.get(stem, set())
    for finding in result.not_assessable:
        assert finding.blank_operands
        assert set(finding.blank_operands) <= nulls


def test_hongze_continuity_2023_to_2024() -> None:
    """Hongze 2023 → 2024: carry-over 0 → 0, and 行政规范性文件 in force 5 + 3 − 0 = 8."""
    previous, _ = load_expected("2023_huaian_hongze_district")
    current, _ = load_expected("2024_huaian_hongze_district")
    result = check_continuity(previous, current, passed=True)
    assert {f.rule for f in result} == {"P1", "P2"}
    assert all(f.status is Status.PASSED for f in result)
    (stock,) = (f for f in result if f.check == "P2.art20_1.normative_documents")
    assert (stock.reported, stock.computed) == (8, 8)
