"""Text rendering of reports in the official layout."""

from __future__ import annotations

from decimal import Decimal

import attrs

from govinfo_report import Report, catalog
from govinfo_report.render import BLANK, MAX_LABEL_WIDTH, render_report, render_table
from govinfo_report.render._text import display_width as _width


def test_every_label_and_value_is_printed() -> None:
    """Each row label (possibly shortened) and each value appear, blanks as —."""
    report = Report.blank("2021", organ="淮安市人民政府", year=2024)
    requests = report.requests.with_cells({("granted", "natural_person"): 123456})
    text = render_table(requests)
    assert "123456" in text
    assert text.count(BLANK) == requests.grid.size - 1
    for row in requests.grid.rows:
        assert row.label.zh[:10] in text


def test_long_labels_are_shortened_to_the_terminal_width() -> None:
    """No printed row label is wider than the limit; cut ones end in an ellipsis."""
    text = render_table(Report.blank("2021").requests)
    for line in text.splitlines()[2:]:
        label = line.split("  ")[0]
        assert _width(label) <= MAX_LABEL_WIDTH
    assert "…" in text


def test_english_labels() -> None:
    """lang='en' prints the catalog's English labels."""
    text = render_table(Report.blank("2019").review_litigation, lang="en")
    for column in catalog.REVIEW_LITIGATION_GRID.columns:
        assert column.label.en in text


def test_whole_report() -> None:
    """The report prints organ, year, versions and every table, amounts exactly."""
    report = Report.blank("2021", organ="淮安市人民政府", year=2024)
    report = attrs.evolve(
        report,
        proactive_disclosure=report.proactive_disclosure.with_cells(
            {("art20_8", "admin_fees", "fee_amount"): Decimal("96171.6")}
        ),
    )
    text = render_report(report)
    assert text.startswith("淮安市人民政府 2024")
    assert "96171.6" in text
    assert "第二十条第（八）项" in text
    assert catalog.REVIEW_LITIGATION_GRID.label.zh in text
    unnamed = render_report(Report.blank("2019"), lang="en")
    assert unnamed.startswith(f"(organ not named) {BLANK}")
