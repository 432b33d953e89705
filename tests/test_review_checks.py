"""Quality checks (Q1–Q4, P8), copies from last year (C1, C2) and the review as a whole."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from govinfo_report import Report, Source
from govinfo_report.parse import parse
from govinfo_report.review import (
    REVIEW_RULES,
    check_copies,
    check_quality,
    extract_figures,
    review,
    review_rule_catalogue,
)
from govinfo_report.rules import Status

SOURCES = Path(__file__).parent / "corpus" / "sources"

_PROBLEMS = "一是公开质量有待提升。下一步，我们将进一步加强培训。"


def _report(**fields: object) -> Report:
    texts = {
        "overview": "本年度工作稳步推进。",
        "problems_improvements": _PROBLEMS,
        "other_matters": "本年度未收取信息处理费。",
    }
    texts.update(fields)  # type: ignore[arg-type]
    report = Report.blank("2021", year=2024, **texts)
    return attrs.evolve(
        report,
        requests=report.requests.with_cells(
            {("new_requests", column.id): 0 for column in report.requests.grid.columns}
        ),
    )


def _checks(report: Report) -> list[str]:
    return [finding.check for finding in check_quality(report, extract_figures(report))]


def test_only_the_blank_tables_are_reported() -> None:
    """Narrative complete, problems and measures named, fees consistent: only Q1 on tables."""
    assert _checks(_report()) == ["Q1.proactive_disclosure", "Q1.review_litigation"]


def test_missing_or_empty_sections() -> None:
    """Q1: a narrative section None or blank, a table section with every cell blank."""
    checks = _checks(_report(other_matters="  ", problems_improvements=None))
    assert "Q1.other_matters" in checks
    assert "Q1.problems_improvements" in checks
    assert "Q1.requests" not in checks  # one row of zeros printed: not empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们将进一步加强培训，完善制度。", ["Q2.problem"]),
        ("政府信息公开质量仍有不足。", ["Q2.measure"]),
        ("本年度工作顺利。", ["Q2.problem", "Q2.measure"]),
    ],
)
def test_section_five_names_problems_and_measures(text: str, expected: list[str]) -> None:
    """Q2: section 五 with no problem, no measure, or neither."""
    checks = [c for c in _checks(_report(problems_improvements=text)) if c.startswith("Q2")]
    assert checks == expected


def test_fees_quoted_while_section_six_says_none_were_collected() -> None:
    """Q3: 收取信息处理费 300 元 in 一 while 六 says 未收取信息处理费 (and the reverse)."""
    report = _report(overview="全年收取信息处理费300元。")
    (finding,) = [f for f in check_quality(report, extract_figures(report)) if f.rule == "Q3"]
    assert "未收取信息处理费" in finding.message_zh
    assert "300元" in finding.message_en
    reverse = _report(overview="本机关未收取信息处理费。", other_matters="收取信息处理费200元。")
    assert "Q3.information_fees" in _checks(reverse)
    # Zero collected and 未收取 agree (the Hongze reports print 0 元).
    assert "Q3.information_fees" not in _checks(_report(overview="收取信息处理费0元。"))


def test_title_year_against_the_statistics_period() -> None:
    """Q4: a 2024 title over statistics for 2023 (a report whose year was changed)."""
    period = "本报告数据统计期限为2023年1月1日至2023年12月31日。"
    report = attrs.evolve(
        _report(overview=period), source=Source(title="某区2024年政府信息公开工作年度报告")
    )
    (finding,) = [f for f in check_quality(report, ()) if f.rule == "Q4"]
    assert finding.values["title_year"] == 2024
    assert finding.values["period_year"] == "2023"
    same = attrs.evolve(report, overview=period.replace("2023", "2024"))
    assert not [f for f in check_quality(same, ()) if f.rule == "Q4"]


def test_table_three_blank_while_the_narrative_reports_requests() -> None:
    """P8: 受理申请 5 件 with table 三 all zeros, or all blank."""
    report = _report(overview="共受理政府信息公开申请5件。")
    assert "P8.requests" in _checks(report)
    blank = attrs.evolve(report, requests=Report.blank("2021").requests)
    (finding,) = [f for f in check_quality(blank, extract_figures(blank)) if f.rule == "P8"]
    assert "blank" in finding.message_en
    assert "P8.requests" not in _checks(_report(overview="共受理政府信息公开申请0件。"))


def _pingtan(year: int) -> Report:
    return parse(SOURCES / f"{year}_pingtan_zone.txt").report


def _copied_with_year_changed() -> Report:
    """The 2023 Pingtan report made into a 2024 one by changing its years only."""
    text = (SOURCES / "2023_pingtan_zone.txt").read_text(encoding="utf-8")
    copied = text.replace("2023", "2024").replace("2022", "2023")
    return parse(copied.encode(), name="copied.txt").report


def test_a_report_built_from_its_predecessor_is_flagged() -> None:
    """C1 (tables identical) and C2 (sections 一 and 五 repeated) on a year-changed copy."""
    copied = _copied_with_year_changed()
    assert copied.year == 2024
    findings = {f.check: f for f in check_copies(_pingtan(2023), copied)}
    assert {"C1.tables", "C2.overview", "C2.problems_improvements"} <= set(findings)
    non_zero = findings["C1.tables"].values["non_zero"]
    assert isinstance(non_zero, int)
    assert non_zero > 0
    overview = findings["C2.overview"]
    assert overview.values["share"] == 100
    assert len(overview.passages) == len(overview.previous) > 10
    assert overview.passages[0].text.replace("2024", "2023") == overview.previous[0].text


@pytest.mark.parametrize(("previous", "current"), [(2019, 2021), (2021, 2023), (2023, 2025)])
def test_the_real_pingtan_series_is_not_a_copy(previous: int, current: int) -> None:
    """Real reports of one organ share stock phrases, and are not flagged."""
    assert check_copies(_pingtan(previous), _pingtan(current)) == ()


def test_identical_all_zero_tables_are_no_evidence() -> None:
    """Two years with nothing received: tables equal, but not flagged as a copy."""
    report = _report()
    assert check_copies(report, attrs.evolve(report, year=2025)) == ()


def test_review_gathers_every_check() -> None:
    """review(): arithmetic, P7 comparisons, quality and copies, with counts for the index."""
    result = parse(SOURCES / "2024_huaian_hongze_district.txt")
    reviewed = review(result)
    assert [f.check for f in reviewed.findings] == ["P7.requests.received"]
    assert reviewed.counts() == {
        "errors": 0,
        "warnings": 0,
        "blanks": 0,
        "not_assessable": 0,
        "review": 1,
    }
    assert reviewed.report is result.report
    again = review(parse(SOURCES / "2023_pingtan_zone.txt"), previous=_pingtan(2023))
    assert {"C1", "C2"} <= {f.rule for f in again.findings}


def test_the_rule_catalogue_lists_every_rule_with_both_languages() -> None:
    """Each rule: id, severity, description and message template in zh and en."""
    rules = review_rule_catalogue()["rules"]
    assert [rule["id"] for rule in rules] == list(REVIEW_RULES)
    for rule in rules:
        assert rule["severity"] == "warning"
        assert rule["description"]["zh"]
        assert rule["description"]["en"]
        for placeholder in rule["placeholders"]:
            assert f"{{{placeholder}}}" in rule["messages"]["failed"]["zh"]
            assert f"{{{placeholder}}}" in rule["messages"]["failed"]["en"]
    assert Status.FAILED.value == "failed"
