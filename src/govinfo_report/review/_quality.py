"""Quality checks an examiner makes beyond the arithmetic (rules P8 and Q1–Q4).

* Q1: each of the six sections is there and not empty (a table section is empty when every one
  of its cells is blank).
* Q2: section 五 names at least one problem and at least one measure.
* Q3: the information processing fees quoted agree with what section 六 says was collected.
* Q4: the year in the title is the year the statistics cover.
* P8: the narrative reports requests while table 三 is entirely blank or zero (docs/format.md §7.3).

The words each check looks for are declared below, as data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion, SectionKind
from govinfo_report.review._figures import NarrativeFigure, narrative_sections
from govinfo_report.review._rules import Passage, ReviewFinding, make_finding

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = ["MEASURE_WORDS", "NO_FEE", "PERIOD", "PROBLEM_WORDS", "check_quality"]

PROBLEM_WORDS = re.compile(
    r"问题|不足|短板|差距|薄弱|欠缺|不够|有待|仍需|尚需|不到位|不平衡|不充分|不规范|滞后|不高|较少|不强"
)
"""Words by which section 五 names a problem."""
MEASURE_WORDS = re.compile(
    r"改进|整改|下一步|将进一步|加强|强化|完善|提升|推进|健全|规范|落实|优化|加大|严格"
)
"""Words by which section 五 names a measure."""
NO_FEE = re.compile(
    r"(?:未|无|不|没有|免)(?:收取|收|予收取|发生)[^。；;]{0,12}(?:信息)?(?:处理|公开)?费"
    r"|(?:信息)?处理费[^。；;]{0,8}(?:为零|为0元|未收取|无)"
)
"""How a report says no information processing fee was collected."""
PERIOD = re.compile(
    r"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—|－)\s*(\d{4})\s*年\s*12\s*月\s*31\s*日"
    r"|截至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日"
)
"""The statistics period as reports print it."""
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年")
_INFORMATION_FEES = "fees.information_processing"
_RECEIVED = "requests.received"


def _heading(section: str) -> tuple[str, str]:
    heading = catalog.format_spec(FormatVersion.V2021).section(section).heading
    return heading.zh, heading.en


def _blank_sections(report: Report) -> Iterator[str]:
    texts = narrative_sections(report)
    values: dict[str, tuple[object, ...]] = {
        catalog.PROACTIVE_DISCLOSURE_ID: tuple(
            value for table in report.proactive_disclosure.tables for value in table.values
        ),
        catalog.REQUESTS_ID: report.requests.values,
        catalog.REVIEW_LITIGATION.id: report.review_litigation.values,
    }
    for section in catalog.format_spec(FormatVersion.V2021).sections:
        if section.kind is SectionKind.NARRATIVE:
            if not texts.get(section.id, "").strip():
                yield section.id
        elif all(value is None for value in values[section.id]):
            yield section.id


def _problems_and_measures(report: Report) -> Iterator[ReviewFinding]:
    text = report.problems_improvements
    if not text or not text.strip():
        return  # Q1 has said so
    heading = _heading(catalog.PROBLEMS_IMPROVEMENTS.id)
    for words, what in (
        (PROBLEM_WORDS, ("指出存在的问题", "problem")),
        (MEASURE_WORDS, ("说明改进措施", "measure")),
    ):
        if words.search(text) is None:
            yield make_finding(
                "Q2",
                f"Q2.{what[1]}",
                fill={"heading": heading, "what": what},
                passages=(_whole(report, catalog.PROBLEMS_IMPROVEMENTS.id),),
            )


def _whole(report: Report, section: str) -> Passage:
    text = getattr(report, section) or ""
    return Passage(section=section, start=0, end=len(text), line=1, text=text)


def _statement(report: Report, section: str, match: re.Match[str]) -> Passage:
    text = getattr(report, section)
    return Passage(
        section=section,
        start=match.start(),
        end=match.end(),
        line=text.count("\n", 0, match.start()) + 1,
        text=match.group(0),
    )


def _fees(report: Report, figures: tuple[NarrativeFigure, ...]) -> Iterator[ReviewFinding]:
    fees = [f for f in figures if f.term == _INFORMATION_FEES and not f.other_year]
    paid = [f for f in fees if f.value > 0]
    texts = narrative_sections(report)
    none_said = [
        (section, match) for section, text in texts.items() for match in NO_FEE.finditer(text)
    ]
    heading = _heading(catalog.OTHER_MATTERS.id)
    for section, match in none_said:
        for figure in paid:
            if catalog.OTHER_MATTERS.id not in {section, figure.section}:
                continue
            statement = _statement(report, section, match)
            yield make_finding(
                "Q3",
                "Q3.information_fees",
                fill={
                    "heading": heading,
                    "statement": (f"“{match.group(0)}”", f"\u201c{match.group(0)}\u201d"),
                    "sentence": re.sub(r"\s+", "", figure.sentence.text)[:60],
                    "figure": figure.text,
                },
                passages=(statement, figure.sentence),
            )
            return


def _year(report: Report) -> Iterator[ReviewFinding]:
    title = report.source.title if report.source is not None else None
    found = _TITLE_YEAR.search(title or "")
    if found is None:
        return
    title_year = int(found.group(1))
    for section, text in narrative_sections(report).items():
        period = PERIOD.search(text)
        if period is None:
            continue
        years = {int(year) for year in period.groups() if year is not None}
        if years != {title_year}:
            yield make_finding(
                "Q4",
                "Q4.year",
                fill={
                    "title_year": title_year,
                    "period_year": "/".join(str(year) for year in sorted(years)),
                    "sentence": re.sub(r"\s+", "", period.group(0)),
                },
                passages=(_statement(report, section, period),),
            )
        return


def _requests_blank(
    report: Report, figures: tuple[NarrativeFigure, ...]
) -> Iterator[ReviewFinding]:
    values = report.requests.values
    if all(value is None for value in values):
        state = ("全部空白", "is entirely blank")
    elif all(not value for value in values):
        state = ("全部为 0", "is all zeros")
    else:
        return
    for figure in figures:
        if figure.term == _RECEIVED and not figure.other_year and figure.value > 0:
            yield make_finding(
                "P8",
                "P8.requests",
                fill={
                    "term": ("收到申请数", "requests received"),
                    "figure": figure.text,
                    "state": state,
                },
                passages=(figure.sentence,),
            )
            return


def check_quality(
    report: Report, figures: tuple[NarrativeFigure, ...]
) -> tuple[ReviewFinding, ...]:
    """Q1–Q4 and P8 on ``report``, whose narrative figures are ``figures``."""
    findings = [
        make_finding(
            "Q1", f"Q1.{section}", fill={"heading": _heading(section)}, paths=(f"$.{section}",)
        )
        for section in _blank_sections(report)
    ]
    findings.extend(_problems_and_measures(report))
    findings.extend(_fees(report, figures))
    findings.extend(_year(report))
    findings.extend(_requests_blank(report, figures))
    return tuple(findings)
