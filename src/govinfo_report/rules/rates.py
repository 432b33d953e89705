"""The rates reviewers compute from a report, declared once as data beside the rules.

Transparency indexes and provincial reviews do not compare raw counts across organs of very
different sizes; they compare rates. Each rate is a quotient of two sums of cells, named by
their JSON paths (the same paths as in findings and in ``govinfo_report.collection``'s
``cells`` table), so the declaration can be exported as JSON like the rule catalogue and read
by other tools. Every operand path exists in every format version (a test checks it).

A rate is ``None`` (not computable) when an operand is blank or the denominator is zero: a
blank is never read as zero.

>>> from govinfo_report import Report
>>> report = Report.blank("2021")
>>> rates = {rate.id: rate.value(report) for rate in RATES}
>>> rates["disclosure_rate"] is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Label
from govinfo_report.model import CellValue, Report

__all__ = ["RATES", "Rate", "rate_catalogue"]


@attrs.frozen
class Rate:
    """A rate: sum(``numerator``) / sum(``denominator``), operands given as cell JSON paths."""

    id: str
    label: Label
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]

    def value(self, report: Report) -> float | None:
        """The rate in ``report``, or ``None`` when an operand is blank or the denominator is 0."""
        cells = report.cell_values()
        return self.value_of(cells)

    def value_of(self, cells: dict[str, CellValue]) -> float | None:
        """The rate from cell values by path (as :func:`cell_values` gives them)."""
        numerator = _sum(cells, self.numerator)
        denominator = _sum(cells, self.denominator)
        if numerator is None or denominator is None or denominator == 0:
            return None
        return float(numerator) / float(denominator)

    def to_dict(self) -> dict[str, Any]:
        """The declaration as a JSON-ready dict."""
        return {
            "id": self.id,
            "label": {"zh": self.label.zh, "en": self.label.en},
            "numerator": list(self.numerator),
            "denominator": list(self.denominator),
            "formula": f"({' + '.join(self.numerator)}) / ({' + '.join(self.denominator)})",
        }


def _sum(cells: dict[str, CellValue], paths: Iterable[str]) -> int | Decimal | None:
    total: int | Decimal = 0
    for path in paths:
        value = cells[path]
        if value is None:
            return None
        total += value
    return total


_REVIEW_LITIGATION = catalog.REVIEW_LITIGATION_GRID


def _litigation_group() -> catalog.Group:
    """The row group of table 四 that sums both kinds of litigation (行政诉讼)."""
    (group,) = _REVIEW_LITIGATION.row_groups
    return group


def _correction_rate(counted: Label) -> Label:
    """The name reviewers give the share of corrected cases among ``counted`` (…纠错率)."""
    return Label(
        f"{counted.zh}纠错率", f"Correction rate in {counted.en[0].lower()}{counted.en[1:]}"
    )


RATES: tuple[Rate, ...] = (
    Rate(
        "disclosure_rate",
        Label("公开率", "Disclosure rate"),
        numerator=("$.requests.granted.total", "$.requests.partially_granted.total"),
        denominator=("$.requests.total_handled.total",),
    ),
    Rate(
        "review_correction_rate",
        _correction_rate(_REVIEW_LITIGATION.row("review").label),
        numerator=("$.review_litigation.review.corrected",),
        denominator=("$.review_litigation.review.total",),
    ),
    Rate(
        "litigation_correction_rate",
        _correction_rate(_litigation_group().label),
        numerator=(
            "$.review_litigation.litigation_direct.corrected",
            "$.review_litigation.litigation_after_review.corrected",
        ),
        denominator=(
            "$.review_litigation.litigation_direct.total",
            "$.review_litigation.litigation_after_review.total",
        ),
    ),
    Rate(
        "carry_forward_rate",
        Label("结转率", "Carry-forward rate"),
        numerator=("$.requests.carried_to_next_year.total",),
        denominator=(
            "$.requests.new_requests.total",
            "$.requests.carried_over_from_last_year.total",
        ),
    ),
)
"""The rates peer statistics report: (granted + partially granted) / total handled;
corrected / total in reconsideration and in litigation (both kinds of suit together);
carried to next year / (new + carried over). Not official definitions: the ones reviewers use."""


def rate_catalogue() -> list[dict[str, Any]]:
    """Every rate as a JSON-ready dict, in declaration order."""
    return [rate.to_dict() for rate in RATES]
