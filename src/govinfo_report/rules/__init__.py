"""The rules engine: every identity and plausibility check of the form, with located findings.

The checks are compiled from the catalog (:mod:`govinfo_report.catalog`), never typed here:

* ``E1``–``E4`` (errors): the identities of the form (docs/format.md §7.1). E1 and E2 hold in each
  column of table 三, E3 in each of its rows, E4 in each group of table 四.
* ``P3``, ``P5``, ``P6`` (warnings): single-report plausibility bounds (§7.3).
* ``B`` (info): a blank cell. A blank is reported, never read as 0; a rule with a blank operand
  is *not assessable*, neither failed nor passed.
* ``P1``, ``P2``, ``P4`` (warnings): continuity between two consecutive years' reports, see
  :func:`check_continuity`.

The arithmetic itself (does a relation hold, what value does a total take from its parts) is
done in one place, :mod:`govinfo_report.rules.arithmetic`, which the readers ask too.

>>> from govinfo_report import Report
>>> from govinfo_report.rules import check
>>> report = Report.blank("2021")
>>> review = report.review_litigation.with_cells(
...     {("review", column.id): 1 for column in report.review_litigation.grid.columns}
... )
>>> import attrs
>>> result = check(attrs.evolve(report, review_litigation=review))
>>> [(finding.check, finding.reported, finding.computed) for finding in result.errors]
[('E4.review_litigation.review', 1, 4)]
>>> result.errors[0].path
'$.review_litigation.review.total'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from govinfo_report.errors import ContinuityError, RuleError, Severity
from govinfo_report.findings import CheckResult, Finding, Status
from govinfo_report.rules._catalogue import CATALOGUE_VERSION, rule_catalogue
from govinfo_report.rules._checks import BLANK_RULE
from govinfo_report.rules._continuity import iter_continuity_findings
from govinfo_report.rules._engine import iter_report_findings

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "BLANK_RULE",
    "CATALOGUE_VERSION",
    "CheckResult",
    "ContinuityError",
    "Finding",
    "RuleError",
    "Severity",
    "Status",
    "check",
    "check_continuity",
    "iter_continuity",
    "iter_findings",
    "rule_catalogue",
]


def iter_findings(report: Report, *, passed: bool = False) -> Iterator[Finding]:
    """Yield the findings of every single-report check on ``report``, in a stable order.

    Identities first (E1–E4, table by table), then plausibility bounds, then blank cells.
    Checks that hold are yielded too when ``passed`` is true.
    """
    return iter_report_findings(report, passed=passed)


def check(report: Report, *, passed: bool = False) -> CheckResult:
    """Check every single-report rule on ``report``: an immutable :class:`CheckResult`."""
    return CheckResult(tuple(iter_report_findings(report, passed=passed)))


def iter_continuity(
    previous: Report, current: Report, *, passed: bool = False
) -> Iterator[Finding]:
    """Yield the findings of every continuity check from ``previous`` to ``current``."""
    return iter_continuity_findings(previous, current, passed=passed)


def check_continuity(previous: Report, current: Report, *, passed: bool = False) -> CheckResult:
    """Check one organ's reports for two consecutive years against each other.

    P1 (carry-over: 上年结转 this year = 结转下年度 last year) also applies across the
    2019 → 2021 format change; P2 (stock of documents in force) only when both years' section
    二 follow the 2021 format; P4 (catalogue items) only when both follow 2019 (docs/format.md §5.2,
    §7.3). Findings are warnings located in ``current``; the operands read in ``previous`` are
    in ``previous_operands``. Raises :class:`ContinuityError` when both years are known and
    not consecutive. Organ names are not compared (reports print them in several ways).
    """
    return CheckResult(tuple(iter_continuity_findings(previous, current, passed=passed)))
