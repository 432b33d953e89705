"""Findings about a report, and the result of checking one: shared by the rules and the readers.

This module sits just above the catalog and the exceptions, so that the rules engine that makes
findings and the readers that hand them on both import it without reaching up into each other.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion, Grid, Label, Section
from govinfo_report.errors import FieldTypeError, FieldValueError, RuleError, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "CheckResult",
    "Finding",
    "Status",
    "in_language",
]


def in_language(zh: str, en: str, lang: str) -> str:
    """``zh`` or ``en`` as ``lang`` (``"zh"`` or ``"en"``) asks: findings speak both."""
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    msg = f"unknown language {lang!r}; use 'zh' or 'en'"
    raise FieldValueError(msg)


class Status(enum.Enum):
    """The outcome of one check."""

    FAILED = "failed"
    """The rule does not hold (for rule ``B``: the cell is blank)."""
    NOT_ASSESSABLE = "not_assessable"
    """An operand is blank, so the rule can be neither confirmed nor refuted."""
    PASSED = "passed"
    """The rule holds (reported only when passes are asked for)."""


def _number(value: object) -> int | Decimal | None:
    if value is None or isinstance(value, Decimal) or (type(value) is int):
        return value
    msg = f"expected a whole number, a Decimal or None, got {value!r}"
    raise FieldTypeError(msg)


def _version(value: object) -> FormatVersion | None:
    return None if value is None else FormatVersion(value)


def _section(version: FormatVersion | None, section_id: str) -> Section:
    # A table that is the same in every version (section 四) has no version of its own.
    return catalog.format_spec(version or catalog.latest_version()).section(section_id)


def _label_dict(label: Label) -> dict[str, str]:
    return {"zh": label.zh, "en": label.en}


@attrs.frozen(kw_only=True)
class Finding:
    """What one check found about one cell, located for a clerk and for a program.

    ``rule`` is the rule family (``E1`` … ``E4``, ``P1`` … ``P6``, ``B``) and ``check`` the
    stable id of the check, the same in every release (see ``docs/rules.md``). The cell is
    given by its JSON ``path`` and by its catalog ids (``section``, ``table``, ``row``,
    ``column``), from which the official labels are looked up (:attr:`row_label` …).
    ``difference`` is ``reported - computed``; all three are ``None`` where they cannot be
    known (a blank operand).
    """

    rule: str
    check: str
    severity: Severity
    status: Status
    path: str
    format: FormatVersion | None
    """The format version of the table the cell is in (``None`` for section 四, the same in
    every version)."""
    section: str
    table: str
    row: str
    column: str
    reported: int | Decimal | None
    """The value printed in the cell (``None``: blank)."""
    computed: int | Decimal | None
    """The value the rule gives the cell from its other operands (for a bound: the limit)."""
    difference: int | Decimal | None
    """``reported - computed``."""
    operands: tuple[str, ...]
    """JSON paths of every operand in the report checked, the cell itself included."""
    blank_operands: tuple[str, ...] = ()
    """The operands left blank (in the previous report for those of ``previous_operands``)."""
    previous_operands: tuple[str, ...] = ()
    """For continuity checks: JSON paths of the operands in the previous year's report."""
    message_zh: str
    message_en: str

    @property
    def grid(self) -> Grid:
        """The catalog table the cell belongs to."""
        return _section(self.format, self.section).grid(self.table)

    @property
    def section_label(self) -> Label:
        """The heading of the section (``三、收到和处理政府信息公开申请情况``)."""
        return _section(self.format, self.section).heading

    @property
    def table_label(self) -> Label:
        """The caption of the table (for section 二 the 第二十条 item, else the heading)."""
        return self.grid.label

    @property
    def row_label(self) -> Label:
        """The official label of the cell's row."""
        return self.grid.row(self.row).label

    @property
    def column_label(self) -> Label:
        """The official label of the cell's column."""
        return self.grid.column(self.column).label

    def message(self, lang: str = "zh") -> str:
        """The message in Chinese (``"zh"``) or English (``"en"``)."""
        return in_language(self.message_zh, self.message_en, lang)

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict (official labels included for readers)."""
        return {
            "rule": self.rule,
            "check": self.check,
            "severity": self.severity.value,
            "status": self.status.value,
            "path": self.path,
            "format": None if self.format is None else self.format.value,
            "section": self.section,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "labels": {
                "section": _label_dict(self.section_label),
                "table": _label_dict(self.table_label),
                "row": _label_dict(self.row_label),
                "column": _label_dict(self.column_label),
            },
            "reported": self.reported,
            "computed": self.computed,
            "difference": self.difference,
            "operands": list(self.operands),
            "blank_operands": list(self.blank_operands),
            "previous_operands": list(self.previous_operands),
            "message": {"zh": self.message_zh, "en": self.message_en},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """The finding :meth:`to_dict` gave (labels are looked up again, not read)."""
        return cls(
            rule=data["rule"],
            check=data["check"],
            severity=Severity(data["severity"]),
            status=Status(data["status"]),
            path=data["path"],
            format=_version(data["format"]),
            section=data["section"],
            table=data["table"],
            row=data["row"],
            column=data["column"],
            reported=_number(data["reported"]),
            computed=_number(data["computed"]),
            difference=_number(data["difference"]),
            operands=tuple(data["operands"]),
            blank_operands=tuple(data["blank_operands"]),
            previous_operands=tuple(data["previous_operands"]),
            message_zh=data["message"]["zh"],
            message_en=data["message"]["en"],
        )


def _select(
    findings: tuple[Finding, ...], status: Status, severity: Severity | None = None
) -> tuple[Finding, ...]:
    return tuple(
        finding
        for finding in findings
        if finding.status is status and (severity is None or finding.severity is severity)
    )


@attrs.frozen
class CheckResult:
    """Every finding about one report (or one pair of reports), in a stable order."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Failed identities of the form (E1–E4): the report contradicts itself."""
        return _select(self.findings, Status.FAILED, Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Failed plausibility checks (P1–P6): worth a look, not necessarily wrong."""
        return _select(self.findings, Status.FAILED, Severity.WARNING)

    @property
    def blanks(self) -> tuple[Finding, ...]:
        """Cells left blank (rule ``B``, severity info)."""
        return _select(self.findings, Status.FAILED, Severity.INFO)

    @property
    def not_assessable(self) -> tuple[Finding, ...]:
        """Checks that could not be made because an operand is blank."""
        return _select(self.findings, Status.NOT_ASSESSABLE)

    @property
    def passed(self) -> tuple[Finding, ...]:
        """Checks that hold (present only when passes were asked for)."""
        return _select(self.findings, Status.PASSED)

    @property
    def ok(self) -> bool:
        """True when no identity of the form fails (warnings and blanks do not count)."""
        return not any(
            finding.status is Status.FAILED and finding.severity is Severity.ERROR
            for finding in self.findings
        )

    def raise_for_errors(self) -> None:
        """Raise :class:`~govinfo_report.errors.RuleError` listing every error, if any."""
        errors = self.errors
        if errors:
            raise RuleError(errors)

    def __iter__(self) -> Iterator[Finding]:
        """Every finding, in order."""
        return iter(self.findings)

    def __len__(self) -> int:
        """The number of findings."""
        return len(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict."""
        return {
            "ok": self.ok,
            "counts": {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "blanks": len(self.blanks),
                "not_assessable": len(self.not_assessable),
                "passed": len(self.passed),
            },
            "findings": [finding.to_dict() for finding in self.findings],
        }
