"""Review a report as an examiner does: figures against tables, quality, copies, a page.

* :func:`extract_figures` and :func:`compare_figures`: the figures the narrative quotes, and rule
  P7 on each one the vocabulary maps to cells (:mod:`govinfo_report.review._vocabulary`);
* :func:`check_quality`: P8 and Q1–Q4; :func:`check_copies`: C1 and C2 against last year;
* :func:`review`: all of them and the arithmetic rules on one report;
* :func:`render_page`, :func:`render_index`, :func:`write_site`: the pages (docs/review.md).

The rules are listed, with both languages' messages, by :func:`review_rule_catalogue`.
"""

from __future__ import annotations

from govinfo_report.review._copies import check_copies
from govinfo_report.review._figures import (
    NARRATIVE_SECTIONS,
    NarrativeFigure,
    compare_figures,
    extract_figures,
)
from govinfo_report.review._index import IndexRow, render_index
from govinfo_report.review._page import cell_id, render_page
from govinfo_report.review._quality import check_quality
from govinfo_report.review._review import Review, review
from govinfo_report.review._rules import (
    REVIEW_RULES,
    Passage,
    ReviewFinding,
    ReviewRule,
    review_rule_catalogue,
)
from govinfo_report.review._site import INDEX, page_name, review_series, write_site

__all__ = [
    "INDEX",
    "NARRATIVE_SECTIONS",
    "REVIEW_RULES",
    "IndexRow",
    "NarrativeFigure",
    "Passage",
    "Review",
    "ReviewFinding",
    "ReviewRule",
    "cell_id",
    "check_copies",
    "check_quality",
    "compare_figures",
    "extract_figures",
    "page_name",
    "render_index",
    "render_page",
    "review",
    "review_rule_catalogue",
    "review_series",
    "write_site",
]
