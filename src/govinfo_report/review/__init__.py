"""Review a report as an examiner does: figures in the text against the tables, quality checks,
copies from last year, and a page to look at."""

from __future__ import annotations

from govinfo_report.review._figures import (
    NARRATIVE_SECTIONS,
    NarrativeFigure,
    compare_figures,
    extract_figures,
)
from govinfo_report.review._copies import check_copies
from govinfo_report.review._quality import check_quality
from govinfo_report.review._review import Review, review
from govinfo_report.review._rules import (
    REVIEW_RULES,
    Passage,
    ReviewFinding,
    ReviewRule,
    review_rule_catalogue,
)

__all__ = [
    "NARRATIVE_SECTIONS",
    "REVIEW_RULES",
    "NarrativeFigure",
    "Passage",
    "Review",
    "ReviewFinding",
    "ReviewRule",
    "check_copies",
    "check_quality",
    "compare_figures",
    "extract_figures",
    "review",
    "review_rule_catalogue",
]
