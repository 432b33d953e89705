"""One report reviewed: every examiner's check together, as the page and the CLI show it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govinfo_report.review._copies import check_copies
from govinfo_report.review._figures import NarrativeFigure, compare_figures, extract_figures
from govinfo_report.review._quality import check_quality
from govinfo_report.review._rules import ReviewFinding
from govinfo_report.rules import CheckResult, Status, check

if TYPE_CHECKING:
    from govinfo_report.model import Report
    from govinfo_report.parse import ParseResult

__all__ = ["Review", "review"]


@attrs.frozen(kw_only=True)
class Review:
    """A report as an examiner sees it: its arithmetic, its figures, its quality, its copies."""

    result: ParseResult
    checks: CheckResult
    """The arithmetic rules' findings (E1–E4, P3–P6, B), not-assessable ones included."""
    figures: tuple[NarrativeFigure, ...]
    """Every figure quoted in the narrative, understood or not."""
    comparisons: tuple[ReviewFinding, ...]
    """Rule P7 on every figure compared with cells: passed, failed or not assessable."""
    findings: tuple[ReviewFinding, ...]
    """The review's failed checks: P7 mismatches, P8, Q1–Q4, C1–C2."""

    @property
    def report(self) -> Report:
        """The report reviewed."""
        return self.result.report

    def counts(self) -> dict[str, int]:
        """How many errors, warnings, blanks and review findings: the index page's columns."""
        return {
            "errors": len(self.checks.errors),
            "warnings": len(self.checks.warnings),
            "blanks": len(self.checks.blanks),
            "not_assessable": len(self.checks.not_assessable),
            "review": len(self.findings),
        }


def review(result: ParseResult, previous: Report | None = None) -> Review:
    """Review a report read by :func:`govinfo_report.parse.parse`.

    ``previous`` is the same organ's previous report, for the copy checks (C1, C2); without it
    they are not made.
    """
    report = result.report
    figures = extract_figures(report)
    comparisons = compare_figures(report, figures)
    findings = [finding for finding in comparisons if finding.status is Status.FAILED]
    findings.extend(check_quality(report, figures))
    if previous is not None:
        findings.extend(check_copies(previous, report))
    return Review(
        result=result,
        checks=check(report),
        figures=figures,
        comparisons=comparisons,
        findings=tuple(findings),
    )
