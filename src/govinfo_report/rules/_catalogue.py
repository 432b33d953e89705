"""The rule catalogue as a JSON document, so partners can run the same checks elsewhere."""

from __future__ import annotations

from typing import Any

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion
from govinfo_report.errors import Severity
from govinfo_report.rules import _text as text
from govinfo_report.rules._checks import (
    BLANK_RULE,
    BlankCheck,
    Check,
    RelationCheck,
    version_layout,
)
from govinfo_report.rules._continuity import ContinuityCheck, continuity_checks
from govinfo_report.rules._engine import single_report_checks

__all__ = ["CATALOGUE_VERSION", "rule_catalogue"]

CATALOGUE_VERSION = 1
"""The version of the catalogue document's own shape (bumped if its keys change)."""

_BLANK_DESCRIPTION = (
    "单元格空白：报告未填报该单元格（不按 0 计）",
    "blank cell: the report leaves the cell empty (it is not read as 0)",
)
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

_CONVENTIONS = {
    "relations": {
        "==": "sum(left) == sum(right); the cell is the operand named by 'cell'",
        "<=": "sum(left) <= sum(right); left is the cell alone, right gives its limit",
        "not_blank": "the cell is not null",
        "continuity": (
            "cell (this year's report) == sum(previous, in last year's report) "
            "+ sum(added) - sum(subtracted) (this year's report)"
        ),
    },
    "statuses": {
        "failed": "the relation does not hold (rule B: the cell is null)",
        "not_assessable": "an operand is null: neither failed nor passed",
        "passed": "the relation holds",
    },
    "values": {
        "reported": "the value of the cell",
        "computed": "the value the relation gives the cell from its other operands "
        "(for '<=': the limit)",
        "difference": "reported - computed",
    },
    "placeholders": {
        "{reported}": "reported value",
        "{computed}": "computed value",
        "{difference}": "difference",
        "{blank_cells}": "names of the null operands, joined by '、' (zh) or '; ' (en)",
    },
    "check_ids": "<rule>.<table>.<row or column the rule holds in>; "
    "for B: B.<table>.<row>.<column>. Stable across releases.",
}


def _messages(check: Check) -> dict[str, dict[str, str]]:
    return {status: {"zh": zh, "en": en} for status, (zh, en) in check.templates.items()}


def _entry(check: Check) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": check.id,
        "cell": check.path,
        "table": check.slot.grid.id,
        "row": check.row,
        "column": check.column,
    }
    if isinstance(check, ContinuityCheck):
        entry["relation"] = "continuity"
        entry["previous"] = list(check.previous_operands)
        entry["added"] = list(check.operands[1 : 1 + check.added])
        entry["subtracted"] = list(check.operands[1 + check.added :])
        terms = [f"previous({path})" for path in check.previous_operands]
        terms += [f"+ {path}" for path in entry["added"]]
        terms += [f"- {path}" for path in entry["subtracted"]]
        entry["formula"] = f"{check.path} == " + " ".join(
            [" + ".join(t for t in terms if t.startswith("previous"))]
            + [t for t in terms if not t.startswith("previous")]
        )
    elif isinstance(check, BlankCheck):
        entry["relation"] = "not_blank"
        entry["formula"] = f"{check.path} != null"
    elif isinstance(check, RelationCheck):
        entry["relation"] = check.relation
        entry["left"] = list(check.left)
        entry["right"] = list(check.right)
        entry["formula"] = f"{' + '.join(check.left)} {check.relation} {' + '.join(check.right)}"
    entry["messages"] = _messages(check)
    return entry


def _descriptions(version: FormatVersion) -> dict[str, tuple[str, str, str, bool]]:
    """(zh, en, kind, across versions) of every rule declared for ``version``'s tables."""
    found: dict[str, tuple[str, str, str, bool]] = {}
    for slot in version_layout(version):
        grid = slot.grid
        for identity in grid.identities:
            found.setdefault(
                identity.rule_id,
                (identity.description.zh, identity.description.en, text.IDENTITY, False),
            )
        for bound in grid.bounds:
            found.setdefault(
                bound.rule_id, (bound.description.zh, bound.description.en, text.BOUND, False)
            )
        for continuity in grid.continuities:
            found.setdefault(
                continuity.rule_id,
                (
                    continuity.description.zh,
                    continuity.description.en,
                    text.CONTINUITY,
                    continuity.across_versions,
                ),
            )
    found[BLANK_RULE] = (*_BLANK_DESCRIPTION, text.BLANK, False)
    return found


def rule_catalogue(version: FormatVersion | str) -> dict[str, Any]:
    """Every rule for reports of one format version, as a JSON-ready dict.

    Deterministic (rules by severity then id, checks in table order), so it can be committed as
    ``schemas/rules-<version>.json`` and compared. Each rule lists its checks: the cell it
    reports on, the operands as JSON paths, a formula over those paths and the message
    templates in Chinese and English. Continuity rules (P1, P2, P4) are listed for two reports
    of this version; ``across_versions`` says whether they also apply across a version change.

    >>> from govinfo_report.rules import rule_catalogue
    >>> document = rule_catalogue("2021")
    >>> [rule["id"] for rule in document["rules"]]
    ['E1', 'E2', 'E3', 'E4', 'P1', 'P2', 'P3', 'P6', 'B']
    >>> e4 = document["rules"][3]["checks"][0]
    >>> e4["id"], e4["cell"], e4["relation"]
    ('E4.review_litigation.review', '$.review_litigation.review.total', '==')
    >>> e4["right"][0]
    '$.review_litigation.review.upheld'
    """
    spec = catalog.format_spec(version)
    slots = version_layout(spec.version)
    program = single_report_checks(slots)
    checks: list[Check] = [*program.identities.checks, *program.bounds.checks]
    checks.extend(continuity_checks(slots, slots))
    checks.extend(program.blanks)
    by_rule: dict[str, list[dict[str, Any]]] = {}
    severity: dict[str, Severity] = {}
    for check in checks:
        by_rule.setdefault(check.rule, []).append(_entry(check))
        severity[check.rule] = check.severity
    descriptions = _descriptions(spec.version)
    order = sorted(by_rule, key=lambda rule: (_SEVERITY_ORDER[severity[rule]], rule))
    rules = []
    for rule in order:
        zh, en, kind, across_versions = descriptions[rule]
        entry: dict[str, Any] = {
            "id": rule,
            "severity": severity[rule].value,
            "kind": kind,
            "description": {"zh": zh, "en": en},
        }
        if kind == text.CONTINUITY:
            entry["across_versions"] = across_versions
        entry["checks"] = by_rule[rule]
        rules.append(entry)
    return {
        "catalogue_version": CATALOGUE_VERSION,
        "format": spec.version.value,
        "document_number": spec.document_number,
        "conventions": _CONVENTIONS,
        "rules": rules,
    }
