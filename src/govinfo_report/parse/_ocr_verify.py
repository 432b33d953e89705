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

Where a number's identity fails and its two crops both read another whole number (a ``0`` the
page pass read ``6`` under a seal's ring), it is taken as its crops read it, and verified or not
as any other.

A cell OCR could not read (ink, but no reading took it for a number: a seal's star over it) or
read wrong (an identity through it fails, none holds) would leave every identity through it
uncomputable, and a dozen figures unverified beside it. Those cells are eliminated
(:mod:`~govinfo_report.parse._ocr_eliminate`): the identities are solved for them, and a
figure whose identities still check it so is verified. The unknowns themselves are never
placed: their finding (``R-OCR-UNREAD``, or ``R-OCR-UNVERIFIED`` for one read wrong) gives the
value the identities give them, solved, not read.

Blank cells are not solved from the identities: a cell the page pass missed is read again from
its own crop (:mod:`~govinfo_report.parse._ocr`), so every number placed was printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from typing import Any, NamedTuple

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Grid
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
    OCR_UNREAD,
)
from govinfo_report.parse._ocr_eliminate import Elimination, eliminate, sums_parts, unsummed
from govinfo_report.rules import Finding, Status, check
from govinfo_report.serialize import from_dict, to_dict

__all__ = ["verify"]

Readings = Mapping[Location, Sequence[Sequence[str]]]
"""A line's location → for each of its cells, its independent readings (empty: read once)."""

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


class _Checks(NamedTuple):
    """The identity checks that settle a number read."""

    findings: Sequence[Finding]
    once: bool = False
    """Whether one identity alone checks it where the form gives it two, the other silent (its
    total, or all its parts, left blank on the page): a second misreading in that one identity
    would go unseen, so two readings of the number must agree too."""


def _status(raw: str, checks: _Checks, readings: Sequence[str]) -> tuple[Verification, str]:
    """A cell's verification, and what is to be said about it (empty when nothing is)."""
    agreeing = [_digits(reading) for reading in readings].count(_digits(raw))
    findings = checks.findings
    failed = sorted({finding.rule for finding in findings if finding.status is Status.FAILED})
    if failed:
        names = ", ".join(failed)
        if agreeing == len(readings) >= _UNANIMOUS:
            # The page printed what OCR read: the publisher's arithmetic fails, and the rules
            # say so; dropping the numbers would hide it.
            return Verification.AGREED, f"identity {names} containing it does not hold as printed"
        return Verification.UNVERIFIED, f"identity {names} containing it does not hold"
    passed = bool(findings) and all(finding.status is Status.PASSED for finding in findings)
    if passed and (not checks.once or agreeing >= 2):
        return Verification.VERIFIED, ""
    if not findings and agreeing >= 2:
        return Verification.AGREED, ""
    return Verification.UNVERIFIED, _doubt(checks, passed, readings)


def _doubt(checks: _Checks, passed: bool, readings: Sequence[str]) -> str:
    """Why a number that no identity fails is not trusted."""
    read = ", ".join(repr(reading) for reading in readings) or "none"
    if passed:
        return (
            "one identity alone checks it, the other says nothing (its total or parts left "
            f"blank), and its readings do not agree (read: {read})"
        )
    if checks.findings:
        # Its identity cannot be computed (a blank operand): a reading in the wrong column
        # would agree with itself, so agreement is not enough where the form has an identity.
        return "an identity containing it cannot be computed"
    return f"no identity checks it, and its readings do not agree (read: {read})"


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


def _unread_finding(
    provenance: CellProvenance, readings: Sequence[str], solved: Mapping[str, int]
) -> ReadingFinding:
    """A cell with ink no reading took for a number, with the value its identities give."""
    shown = ", ".join(repr(reading) for reading in readings)
    value = solved.get(provenance.path)
    message = (
        OCR_UNREAD.message(readings=shown)
        if value is None
        else OCR_UNREAD.message("solved", readings=shown, value=value)
    )
    return OCR_UNREAD.finding(message, path=provenance.path, location=provenance.location)


def _agreed_finding(provenance: CellProvenance, reason: str) -> ReadingFinding:
    return OCR_AGREED_INCONSISTENT.finding(
        OCR_AGREED_INCONSISTENT.message(raw=provenance.raw, reason=reason),
        path=provenance.path,
        location=provenance.location,
    )


def _checks(
    printed: Sequence[Finding], with_zeros: Sequence[Finding], blanks: AbstractSet[str]
) -> _Checks:
    """A cell's identity checks: as printed, or with the printed blanks read as 0.

    With the blanks read as 0, an identity summing parts into a total says nothing where the
    page left its total blank (many a page prints no total where the row is not summed), or
    all its parts (a column of row totals not printed, under a grand total that is); the
    others must all hold, and one at least. An identity that fails so is no sign of the
    publisher's arithmetic (a figure read into the wrong column fails it too): the checks as
    printed then stand, and the cell is not verified.
    """
    if any(finding.status is Status.FAILED for finding in printed):
        return _Checks(printed)
    telling = [
        finding
        for finding in with_zeros
        if not (finding.status is Status.FAILED and _unsummed(finding, blanks))
    ]
    if telling and all(finding.status is Status.PASSED for finding in telling):
        return _Checks(telling, once=len(telling) < min(len(with_zeros), 2))
    return _Checks(printed)


def _unsummed(identity: Finding, blanks: AbstractSet[str]) -> bool:
    """Whether an identity check says nothing with the page's blanks read as 0."""
    total = identity.path if _sums(identity.grid, identity.rule) else None
    return unsummed(total, identity.operands, blanks)


@cache
def _sums(grid: Grid, rule: str) -> bool:
    """Whether the identity ``rule`` of ``grid`` is a total = the sum of its parts."""
    return any(identity.rule_id == rule and sums_parts(identity) for identity in grid.identities)


def _printed_blanks(provenance: Mapping[str, CellProvenance], readings: Readings) -> set[str]:
    """The table cells the page left blank: read as nothing, and their crops held no ink.

    A cell with ink the page pass missed was read again from its own crops
    (:mod:`~govinfo_report.parse._ocr`), so it has readings, though none of them figures (a
    seal's star over a ``61`` reads ``创``): that cell is not blank, but unread.
    """
    return {
        path
        for path, source in provenance.items()
        if source.raw == ""
        and source.location.table is not None
        and not _readings(readings, source.location)
    }


def _blanks_as_zero(report: Report, blanks: AbstractSet[str]) -> Report:
    """The report with the given blank cells read as 0, for checking only."""
    return _with_cells(report, dict.fromkeys(blanks, 0))


def _wants_readings(checks: _Checks) -> bool:
    """Whether more readings of a cell could settle it.

    So they can where no identity checks it, where one fails, and where one alone checks it
    though the form gives it two.
    """
    findings = checks.findings
    return (
        not findings or checks.once or any(finding.status is Status.FAILED for finding in findings)
    )


def _eliminated(
    report: Report, blanks: AbstractSet[str], checks: Mapping[str, _Checks]
) -> Elimination:
    """The identities with the cells not read, and those read wrong, eliminated.

    A figure is taken as read wrong when an identity through it fails and none holds.
    """
    statuses = {
        path: {finding.status for finding in found.findings} for path, found in checks.items()
    }
    suspects = {
        path
        for path, found in statuses.items()
        if Status.FAILED in found and Status.PASSED not in found
    }
    return eliminate(report, blanks, suspects)


def _cell_checks(
    report: Report, provenance: Mapping[str, CellProvenance], blanks: AbstractSet[str]
) -> dict[str, _Checks]:
    """Each number read → the identity checks that settle it (see :func:`_checks`)."""
    by_cell = _identities_by_cell(check(report, passed=True).findings)
    # A web page's table (and many a printed one) leaves its zeros blank: read as 0, the
    # figures printed beside them are checked against each other.
    with_zeros = _identities_by_cell(check(_blanks_as_zero(report, blanks), passed=True).findings)
    values = report.cell_values()
    return {
        path: _checks(by_cell.get(path, ()), with_zeros.get(path, ()), blanks)
        for path in provenance
        if values.get(path) is not None
    }


def _crops_reading(provenance: CellProvenance, checks: _Checks, readings: Readings) -> str | None:
    """The whole number a cell's two crops both read, where the page pass read another.

    Only for a cell an identity through which fails (a ``0`` read ``6`` under a seal's ring).
    """
    if not any(finding.status is Status.FAILED for finding in checks.findings):
        return None
    crops = [_digits(reading) for reading in _readings(readings, provenance.location)[-2:]]
    if len(crops) == 2 and crops[0] == crops[1] and crops[0].isdigit():
        return crops[0] if crops[0] != _digits(provenance.raw) else None
    return None


def _as_crops_read(
    report: Report,
    sources: dict[str, CellProvenance],
    checks: Mapping[str, _Checks],
    readings: Readings,
) -> Report:
    """The report with each number its crops read otherwise taken as they read it.

    ``sources`` is updated in place: such a cell's raw text becomes its crops' reading.
    """
    corrected = {
        path: text
        for path, cell_checks in checks.items()
        if (text := _crops_reading(sources[path], cell_checks, readings)) is not None
    }
    for path, text in corrected.items():
        sources[path] = attrs.evolve(sources[path], raw=text)
    return _with_cells(report, {path: int(text) for path, text in corrected.items()})


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

    A number whose identity fails, and whose two crops read another number alike, is taken as
    its crops read it; the identities then verify it, or not, as any other.
    """
    report = result.report
    sources = dict(result.provenance)
    blanks = _printed_blanks(sources, readings)
    checks = _cell_checks(report, sources, blanks)
    if read_again is not None:
        readings = read_again(
            sources[path].location
            for path, cell_checks in checks.items()
            if _wants_readings(cell_checks)
        )
    taken = _as_crops_read(report, sources, checks, readings)
    if taken is not report:
        report, checks = taken, _cell_checks(taken, sources, blanks)
    elimination = _eliminated(report, blanks, checks)
    values = report.cell_values()
    provenance: dict[str, CellProvenance] = {}
    findings: list[ReadingFinding] = []
    cleared: list[str] = []
    for path, source in sources.items():
        cell_readings = _readings(readings, source.location)
        if values.get(path) is None:
            provenance[path] = source
            if path not in blanks and source.location.table is not None and cell_readings:
                findings.append(_unread_finding(source, cell_readings, elimination.solved))
            continue
        status, reason = _settled(source, checks[path], cell_readings, elimination)
        provenance[path] = attrs.evolve(source, verification=status)
        if status is Verification.AGREED and reason:
            findings.append(_agreed_finding(source, reason))
        if status is Verification.UNVERIFIED:
            findings.append(_finding(source, reason, accept_unverified))
            if not accept_unverified:
                cleared.append(path)
    return attrs.evolve(
        result,
        report=_with_cells(report, dict.fromkeys(cleared)),
        provenance=provenance,
        findings=(*result.findings, *findings),
    )


def _settled(
    source: CellProvenance,
    checks: _Checks,
    readings: Sequence[str],
    elimination: Elimination,
) -> tuple[Verification, str]:
    """A number's verification, by its own identities or with the unknowns eliminated."""
    if source.path in elimination.verified:
        return Verification.VERIFIED, ""
    status, reason = _status(source.raw, checks, readings)
    if status is Verification.UNVERIFIED and source.path in elimination.solved:
        reason += f"; the form's identities give {elimination.solved[source.path]}"
    return status, reason


def _with_cells(report: Report, values: Mapping[str, int | None]) -> Report:
    """The report with the cells at the given paths set to the given values."""
    if not values:
        return report
    data = to_dict(report)
    for path, value in values.items():
        _set(data, path, value)
    return from_dict(data)
