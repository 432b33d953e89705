"""Figures quoted in the narrative against the tables (rule P7), on the corpus and on cases."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from _corpus import corpus_document
from govinfo_report import Report, from_dict
from govinfo_report.errors import FieldValueError
from govinfo_report.parse import parse
from govinfo_report.review import ReviewFinding, compare_figures, extract_figures
from govinfo_report.rules import Status

CORPUS = Path(__file__).parent / "corpus"


def _source(stem: str) -> Path:
    return next(path for path in (CORPUS / "sources").glob(f"{stem}.*") if path.suffix != ".pdf")


def _with_expected_tables(stem: str) -> Report:
    """The narrative as read from the source, the tables as hand-verified in the corpus."""
    expected = json.loads((CORPUS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    tables = from_dict(corpus_document(expected))
    read = parse(_source(stem)).report
    return attrs.evolve(
        tables,
        overview=read.overview,
        problems_improvements=read.problems_improvements,
        other_matters=read.other_matters,
    )


def _by_check(findings: tuple[ReviewFinding, ...]) -> dict[str, list[ReviewFinding]]:
    found: dict[str, list[ReviewFinding]] = {}
    for finding in findings:
        found.setdefault(finding.check, []).append(finding)
    return found


def _failed(findings: tuple[ReviewFinding, ...]) -> dict[str, ReviewFinding]:
    return {f.check: f for f in findings if f.status is Status.FAILED}


def test_hongze_2024_narrative_17_received_against_95_new_requests() -> None:
    """The corpus note: 受理 17 件 in the overview, 95 new requests in table 三."""
    findings = compare_figures(parse(_source("2024_huaian_hongze_district")).report)
    failed = _failed(findings)
    assert list(failed) == ["P7.requests.received"]
    finding = failed["P7.requests.received"]
    assert finding.paths == ("$.requests.new_requests.total",)
    assert finding.passages[0].text == "17 件"
    assert finding.values["value"] == "95"
    assert "受理政府信息公开申请 17 件" in finding.message_zh.replace("\n", "")
    assert "95" in finding.message_en
    assert finding.severity.value == "warning"


def test_shanghai_2019_258_granted_against_272_and_3_with_blank_totals() -> None:
    """予以公开及部分公开 258 件; the table prints 272 granted, 3 partly granted, totals blank."""
    failed = _failed(compare_figures(_with_expected_tables("2019_shanghai_gov_office")))
    finding = failed["P7.requests.granted_or_partially"]
    assert finding.paths == (
        "$.requests.granted.total",
        "$.requests.partially_granted.total",
    )
    assert finding.values["value"] == "≥ 275"
    assert finding.values["figure"] == "258件"


def test_shanghai_2019_silent_where_the_narrative_agrees() -> None:
    """859 received, 805 answered, 18 carried over, 72 carried on, 7 reconsiderations agree."""
    checks = _by_check(compare_figures(_with_expected_tables("2019_shanghai_gov_office")))
    for check in (
        "P7.requests.received",
        "P7.requests.handled",
        "P7.requests.carried_over",
        "P7.requests.carried_to_next_year",
        "P7.review.total",
    ):
        assert [f.status for f in checks[check]] == [Status.PASSED], check
    # 不予公开 35: the printed parts add up to 35 but many cells are blank: not assessable.
    assert [f.status for f in checks["P7.requests.withheld"]] == [Status.NOT_ASSESSABLE]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (
            "2023_pingtan_zone",
            {
                "P7.requests.received": "81",
                "P7.requests.handled": "81",
                "P7.review.total": "2",
                "P7.litigation.total": "7",
            },
        ),
        (
            "2025_pingtan_zone",
            {
                "P7.requests.received": "154",
                "P7.requests.handled": "148",
                "P7.requests.carried_to_next_year": "6",
                "P7.review.total": "36",
                "P7.litigation.total": "9",
            },
        ),
        (
            "2021_pingtan_zone",
            {
                "P7.requests.received": "70",
                "P7.requests.handled": "69",
                "P7.requests.carried_to_next_year": "1",
            },
        ),
    ],
)
def test_pingtan_figures_agree_with_the_tables(stem: str, expected: dict[str, str]) -> None:
    """收到, 办结, 结转, 行政复议 and 行政诉讼 (the sum of two rows) pass, from the source alone."""
    checks = _by_check(compare_figures(parse(_source(stem)).report))
    for check, value in expected.items():
        (finding,) = checks[check]
        assert finding.status is Status.PASSED, finding.message_en
        assert finding.values["value"] == value
    assert not _failed(compare_figures(parse(_source(stem)).report))


def test_litigation_is_the_sum_of_two_rows() -> None:
    """行政诉讼 counts 未经复议直接起诉 and 复议后起诉 together (Pingtan 2023: 5 + 2)."""
    (finding,) = _by_check(compare_figures(parse(_source("2023_pingtan_zone")).report))[
        "P7.litigation.total"
    ]
    assert finding.paths == (
        "$.review_litigation.litigation_direct.total",
        "$.review_litigation.litigation_after_review.total",
    )


def test_pingtan_2023_documents_in_force_393_against_470() -> None:
    """The corpus note: 现行有效行政规范性文件 393 件 while table 二 has 470 in force."""
    failed = _failed(compare_figures(_with_expected_tables("2023_pingtan_zone")))
    assert list(failed) == ["P7.documents.normative_in_force"]
    assert failed["P7.documents.normative_in_force"].values["value"] == "470"


@pytest.mark.parametrize(
    "stem", ["2024_huaian_city", "2023_huaian_hongze_district", "2025_shanghai_gov_office"]
)
def test_reports_whose_narrative_agrees_are_silent(stem: str) -> None:
    """No mismatch where the corpus notes say the narrative matches the tables."""
    findings = compare_figures(_with_expected_tables(stem))
    assert findings
    assert not _failed(findings)


def _report(text: str, *, year: int = 2024, **cells: object) -> Report:
    report = Report.blank("2021", year=year, overview=text)
    requests = {("new_requests", "total"): cells.get("received", 10)}
    fee = {("art20_8", "admin_fees", "fee_amount"): cells.get("fee", Decimal("5949.088667"))}
    return attrs.evolve(
        report,
        requests=report.requests.with_cells(requests),  # type: ignore[arg-type]
        proactive_disclosure=report.proactive_disclosure.with_cells(fee),  # type: ignore[arg-type]
    )


def test_figures_about_other_years_are_not_compared() -> None:
    """较上年增加 and an earlier year's figures are kept as figures but never compared."""
    report = _report("2024年受理政府信息公开申请10件，较上年增加20件。2023年受理申请50件。")
    figures = extract_figures(report)
    assert [(f.value, f.other_year) for f in figures] == [
        (Decimal(10), False),
        (Decimal(20), True),
        (Decimal(50), True),
    ]
    assert [f.status for f in compare_figures(report)] == [Status.PASSED]


def test_approximate_and_unknown_figures_are_not_compared() -> None:
    """约 / 余 make a figure approximate; words the vocabulary lacks make it unmapped."""
    report = _report("共受理政府信息公开申请约30件。受理各类群众诉求259起。发布信息7700余条。")
    figures = extract_figures(report)
    assert [f.approximate for f in figures] == [True, False, True]
    assert figures[1].term is None
    assert compare_figures(report) == ()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("收取行政事业性收费59490886.67元。", Status.PASSED),
        ("行政事业性收费5949万元。", Status.PASSED),
        ("行政事业性收费5949.09万元。", Status.PASSED),
        ("行政事业性收费6000万元。", Status.FAILED),
        ("行政事业性收费59490000元。", Status.FAILED),
    ],
)
def test_units_are_converted_before_comparing(text: str, status: Status) -> None:
    """元 and 万元: the cell (万元) in the figure's unit, to the figure's printed precision."""
    (finding,) = compare_figures(_report(text))
    assert finding.status is status
    assert finding.paths == ("$.proactive_disclosure.art20_8.admin_fees.fee_amount",)


def test_a_blank_cell_is_not_assessable() -> None:
    """A figure against a blank cell is neither a pass nor a mismatch, and says 'blank'."""
    (finding,) = compare_figures(_report("受理政府信息公开申请12件。", received=None))
    assert finding.status is Status.NOT_ASSESSABLE
    assert "blank" in finding.message_en
    assert "空白" in finding.message_zh


def test_the_nearest_words_decide_what_a_figure_counts() -> None:
    """同意公开答复 9 件 counts grants, not answers; 予以公开及部分公开 counts both rows."""
    report = _report("办结的申请中同意公开答复9件，予以公开及部分公开12件，部分公开3件。")
    assert [f.term for f in extract_figures(report)] == [
        "requests.granted",
        "requests.granted_or_partially",
        "requests.partially_granted",
    ]


def test_the_2019_format_maps_documents_to_its_own_columns() -> None:
    """主动公开规章 13 件 is 本年新公开数量 in a 2019 table 二 (Shanghai 2019 passes)."""
    checks = _by_check(compare_figures(_with_expected_tables("2019_shanghai_gov_office")))
    (finding,) = checks["P7.documents.regulations_issued"]
    assert finding.status is Status.PASSED
    assert finding.paths == ("$.proactive_disclosure.art20_1.regulations.published",)


def test_findings_serialise() -> None:
    """A P7 finding as JSON: rule, check, paths, passages, values and both messages."""
    (finding,) = compare_figures(_report("受理政府信息公开申请12件。"))
    document = finding.to_dict()
    assert document["rule"] == "P7"
    assert document["status"] == "failed"
    assert document["passages"][0]["text"] == "12件"
    assert document["values"]["figure"] == "12件"
    assert set(document["message"]) == {"zh", "en"}
    assert finding.message("en") == finding.message_en
    with pytest.raises(FieldValueError, match="unknown language"):
        finding.message("fr")


def test_terms_hold_only_in_their_format_versions() -> None:
    """行政事业性收费 is an amount in the 2021 table 二 only: a 2019 report has no such cell."""
    report = Report.blank("2019", year=2020, overview="行政事业性收费100万元。")
    assert [f.term for f in extract_figures(report)] == ["fees.admin_fees"]
    assert compare_figures(report) == ()


def test_without_a_year_only_the_words_say_another_year() -> None:
    """A report whose year is unknown: 2023年 proves nothing, 较上年 still does."""
    report = Report.blank("2021", overview="2023年受理申请5件，较上年增加申请2件。")
    assert [f.other_year for f in extract_figures(report)] == [False, True]
