"""Verification of numbers read through OCR: the form's own arithmetic, not the engine's score.

OCR confidence does not tell a misread 6 from a 9 (both come at 0.97–1.00), but the form checks
most of its numbers twice: every cell of table 三 lies in a column identity (E1 or E2) and a row
identity (E3), every cell of table 四 in E4. So each number read through OCR gets a status
(:class:`~govinfo_report.parse._document.Verification`), after interpretation:

* **verified**: every identity of the form containing the cell can be computed, and holds;
* **agreed**: no identity contains it (table 二 has none), and two independent readings of it
  agree: the page pass and a crop of the cell, or two crops of different margins (a cell whose
  identity cannot be computed, for a blank operand, is not agreed but unverified: a figure
  read into the wrong column agrees with itself). A cell whose identity fails is agreed
  only when all three readings agree (the publisher's arithmetic is wrong as printed, and the
  rules report it), with a warning;
* **unverified**: anything else. The cell is left ``None`` with a finding quoting what OCR read
  and why it is not trusted; ``accept_unverified=True`` places it with a warning instead.

Blank cells are not solved from the identities: a cell the page pass missed is read again from
its own crop (:mod:`~govinfo_report.parse._ocr`), so every number placed was printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from typing import Any

import attrs

from govinfo_report import catalog
from govinfo_report.model import Report
from govinfo_report.parse._document import (
    CellProvenance,
    Location,
    ParseResult,
    ReadingFinding,
    Verification,
)
from govinfo_report.parse._findings import (
    OCR_AGREED_INCONSISTENT,
    OCR_NOT_PLACED,
    OCR_PLACED_UNVERIFIED,
)
from govinfo_report.rules import Finding, Status, check
from govinfo_report.serialize import from_dict, to_dict

__all__ = ["verify"]

_UNANIMOUS = 3
"""Readings (the page pass and two crops) that must all agree to place a number against a
failing identity."""


@cache
def _identity_rules() -> frozenset[str]:
    """The rule ids of the form's identities, from the catalog (E1–E4)."""
    return frozenset(
        identity.rule_id
        for spec in catalog.FORMATS.values()
        for section in spec.sections
        for grid in section.grids
        for identity in grid.identities
    )


def _identities_by_cell(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Each cell path → the identity checks it is an operand of."""
    rules = _identity_rules()
    by_cell: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.rule in rules:
            for path in {finding.path, *finding.operands}:
                by_cell.setdefault(path, []).append(finding)
    return by_cell


def _digits(text: str) -> str:
    return "".join(text.split()).replace(",", "").replace("，", "")


def _readings(
    readings: Mapping[Location, Sequence[Sequence[str]]], location: Location
) -> list[str]:
    """The independent readings of the cell at ``location`` (empty when it was read once)."""
    cells = readings.get(attrs.evolve(location, column=None), ())
    index = (location.column or 1) - 1
    return list(cells[index]) if index < len(cells) else []


def _status(
    raw: str, checks: Sequence[Finding], readings: Sequence[str]
) -> tuple[Verification, str]:
    """A cell's verification, and what is to be said about it (empty when nothing is)."""
    agreeing = [_digits(reading) for reading in readings].count(_digits(raw))
    failed = sorted({finding.rule for finding in checks if finding.status is Status.FAILED})
    if failed:
        names = ", ".join(failed)
        if agreeing == len(readings) >= _UNANIMOUS:
            # The page printed what OCR read: the publisher's arithmetic fails, and the rules
            # say so; dropping the numbers would hide it.
            return Verification.AGREED, f"identity {names} containing it does not hold as printed"
        return Verification.UNVERIFIED, f"identity {names} containing it does not hold"
    if checks and all(finding.status is Status.PASSED for finding in checks):
        return Verification.VERIFIED, ""
    if checks:
        # Its identity cannot be computed (a blank operand): a reading in the wrong column
        # would agree with itself, so agreement is not enough where the form has an identity.
        return Verification.UNVERIFIED, "an identity containing it cannot be computed"
    if agreeing >= 2:
        return Verification.AGREED, ""
    others = ", ".join(repr(reading) for reading in readings) or "none"
    return Verification.UNVERIFIED, (
        f"no identity checks it, and its readings do not agree (read: {others})"
    )


def _set(report_dict: dict[str, Any], path: str, value: int | None) -> None:
    """Set the cell at ``path`` ($.a.b.c) to ``value`` in a report's JSON form."""
    *parents, key = path.removeprefix("$.").split(".")
    node = report_dict
    for part in parents:
        node = node[part]
    node[key] = value


def _finding(provenance: CellProvenance, reason: str, placed: bool) -> ReadingFinding:
    kind = OCR_PLACED_UNVERIFIED if placed else OCR_NOT_PLACED
    return kind.finding(
        kind.message(raw=provenance.raw, reason=reason),
        path=provenance.path,
        location=provenance.location,
    )


def _agreed_finding(provenance: CellProvenance, reason: str) -> ReadingFinding:
    return OCR_AGREED_INCONSISTENT.finding(
        OCR_AGREED_INCONSISTENT.message(raw=provenance.raw, reason=reason),
        path=provenance.path,
        location=provenance.location,
    )


def _checks(
    printed: Sequence[Finding], with_zeros: Sequence[Finding], blanks: AbstractSet[str]
) -> Sequence[Finding]:
    """A cell's identity checks: as printed, or with the printed blanks read as 0.

    With the blanks read as 0, an identity whose total the page left blank says nothing (many
    a page prints no total where the row is not summed); the others must all hold, and one at
    least. An identity that fails so is no sign of the publisher's arithmetic (a figure read
    into the wrong column fails it too): the checks as printed then stand, and the cell is
    not verified.
    """
    if any(finding.status is Status.FAILED for finding in printed):
        return printed
    telling = [
        finding
        for finding in with_zeros
        if not (finding.status is Status.FAILED and finding.path in blanks)
    ]
    if telling and all(finding.status is Status.PASSED for finding in telling):
        return telling
    return printed


def _printed_blanks(provenance: Mapping[str, CellProvenance]) -> set[str]:
    """The table cells the page left blank.

    Their crops held no ink: a cell with ink the page pass missed was read again from its own
    crop (:mod:`~govinfo_report.parse._ocr`).
    """
    return {
        path
        for path, source in provenance.items()
        if source.raw == "" and source.location.table is not None
    }


def _blanks_as_zero(report: Report, blanks: AbstractSet[str]) -> Report:
    """The report with the given blank cells read as 0, for checking only."""
    if not blanks:
        return report
    data = to_dict(report)
    for path in blanks:
        _set(data, path, 0)
    return from_dict(data)


Readings = Mapping[Location, Sequence[Sequence[str]]]


def _wants_readings(checks: Sequence[Finding]) -> bool:
    """Whether more readings of a cell could settle it: no identity, or a failing one."""
    return not checks or any(finding.status is Status.FAILED for finding in checks)


def verify(
    result: ParseResult,
    readings: Readings,
    *,
    accept_unverified: bool = False,
    read_again: Callable[[Iterable[Location]], Readings] | None = None,
) -> ParseResult:
    """The result with each OCR number's verification in provenance, unverified ones removed.

    ``read_again``: the readings with those of the given cells added (read from their crops),
    asked for the cells the identities cannot verify by themselves, which agreement may.
    """
    report = result.report
    by_cell = _identities_by_cell(check(report, passed=True).findings)
    # A web page's table (and many a printed one) leaves its zeros blank: read as 0, the
    # figures printed beside them are checked against each other.
    blanks = _printed_blanks(result.provenance)
    with_zeros = _identities_by_cell(check(_blanks_as_zero(report, blanks), passed=True).findings)
    values = report.cell_values()
    checks = {
        path: _checks(by_cell.get(path, ()), with_zeros.get(path, ()), blanks)
        for path in result.provenance
        if values.get(path) is not None
    }
    if read_again is not None:
        readings = read_again(
            result.provenance[path].location
            for path, cell_checks in checks.items()
            if _wants_readings(cell_checks)
        )
    provenance: dict[str, CellProvenance] = {}
    findings: list[ReadingFinding] = []
    cleared: list[str] = []
    for path, source in result.provenance.items():
        if values.get(path) is None:
            provenance[path] = source
            continue
        status, reason = _status(source.raw, checks[path], _readings(readings, source.location))
        provenance[path] = attrs.evolve(source, verification=status)
        if status is Verification.AGREED and reason:
            findings.append(_agreed_finding(source, reason))
        if status is Verification.UNVERIFIED:
            findings.append(_finding(source, reason, accept_unverified))
            if not accept_unverified:
                cleared.append(path)
    if cleared:
        data = to_dict(report)
        for path in cleared:
            _set(data, path, None)
        report = from_dict(data)
    return attrs.evolve(
        result, report=report, provenance=provenance, findings=(*result.findings, *findings)
    )
