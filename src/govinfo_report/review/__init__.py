"""Review a report as an examiner does: figures in the text against the tables, quality checks,
copies from last year, and a page to look at."""

from __future__ import annotations

from govinfo_report.review._figures import (
    NARRATIVE_SECTIONS,
    NarrativeFigure,
    compare_figures,
    extract_figures,
)
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
    "ReviewFinding",
    "ReviewRule",
    "compare_figures",
    "extract_figures",
    "review_rule_catalogue",
]
