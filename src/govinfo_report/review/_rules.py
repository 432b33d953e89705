"""The examiner's rules, declared once as data, and the findings they produce.

Each rule has an id, a severity and its messages in Chinese and English, as the arithmetic rules
of :mod:`govinfo_report.rules` have; :func:`review_rule_catalogue` exports them as JSON in the
same shape as :func:`govinfo_report.rules.rule_catalogue`, so a program in another language can
produce the same sentences. Messages are templates: the placeholders named in ``placeholders``
are filled from the finding's values.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from govinfo_report.errors import Severity
from govinfo_report.findings import in_language
from govinfo_report.rules import Status

__all__ = [
    "REVIEW_RULES",
    "Passage",
    "ReviewFinding",
    "ReviewRule",
    "review_rule_catalogue",
]

Texts = tuple[str, str]
"""A text in Chinese and in English."""


@attrs.frozen(kw_only=True)
class ReviewRule:
    """One examiner's check: what it looks at, and how its findings read."""

    id: str
    severity: Severity
    description: Texts
    message: Texts
    """The message templates (Chinese, English) of a failed check."""
    placeholders: tuple[str, ...] = ()


REVIEW_RULES: Mapping[str, ReviewRule] = MappingProxyType(
    {
        rule.id: rule
        for rule in (
            ReviewRule(
                id="P7",
                severity=Severity.WARNING,
                description=(
                    "正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）引用的数字与表格一致",
                    (
                        "figures quoted in the narrative (sections 一, 五, 六) equal the table "
                        "cells they count"
                    ),
                ),
                message=(
                    "{section}第{line}段“{sentence}”：{term}为 {figure}，表格{cells}为 {value}。",
                    (
                        "{section}, paragraph {line} \u201c{sentence}\u201d: {term} is {figure} "
                        "in the text, the table's {cells} is {value}."
                    ),
                ),
                placeholders=(
                    "section",
                    "line",
                    "sentence",
                    "term",
                    "figure",
                    "cells",
                    "value",
                ),
            ),
            ReviewRule(
                id="P8",
                severity=Severity.WARNING,
                description=(
                    "正文报告收到申请，而表三全部空白或全部为 0",
                    "the narrative reports requests while table 三 is entirely blank or zero",
                ),
                message=(
                    "正文称{term}为 {figure}，而表三{state}。",
                    "the text gives {term} as {figure}, while table 三 {state}.",
                ),
                placeholders=("term", "figure", "state"),
            ),
            ReviewRule(
                id="Q1",
                severity=Severity.WARNING,
                description=(
                    "报告的六个部分都在且不为空",
                    "every one of the six sections is present and not empty",
                ),
                message=(
                    "缺少“{heading}”部分或该部分为空。",
                    "section {heading} is missing or empty.",
                ),
                placeholders=("heading",),
            ),
            ReviewRule(
                id="Q2",
                severity=Severity.WARNING,
                description=(
                    "“存在的主要问题及改进情况”既指出问题，也说明改进措施",
                    "section 五 names at least one problem and at least one measure",
                ),
                message=("“{heading}”未{what}。", "section {heading} names no {what}."),
                placeholders=("heading", "what"),
            ),
            ReviewRule(
                id="Q3",
                severity=Severity.WARNING,
                description=(
                    "信息处理费：收费金额与“其他需要报告的事项”的说法一致",
                    (
                        "information processing fees: the amounts quoted agree with what "
                        "section 六 says was collected"
                    ),
                ),
                message=(
                    "“{heading}”称{statement}，而正文另有“{sentence}”（{figure}）。",
                    (
                        "section {heading} says {statement}, while the text also says "
                        "\u201c{sentence}\u201d ({figure})."
                    ),
                ),
                placeholders=("heading", "statement", "sentence", "figure"),
            ),
            ReviewRule(
                id="Q4",
                severity=Severity.WARNING,
                description=(
                    "标题中的年度与统计期限的年度一致",
                    "the year in the title is the year the statistics cover",
                ),
                message=(
                    "标题年度为 {title_year}，统计期限为 {period_year} 年（“{sentence}”）。",
                    (
                        "the title says {title_year}, the statistics cover {period_year} "
                        "(\u201c{sentence}\u201d)."
                    ),
                ),
                placeholders=("title_year", "period_year", "sentence"),
            ),
            ReviewRule(
                id="C1",
                severity=Severity.WARNING,
                description=(
                    "表格与上年报告的表格逐格相同",
                    "the tables are identical to last year's report, cell for cell",
                ),
                message=(
                    (
                        "全部 {cells} 个单元格与 {previous_year} 年报告相同"
                        "（其中 {non_zero} 个不为 0）。"
                    ),
                    (
                        "all {cells} cells equal those of the {previous_year} report "
                        "({non_zero} of them not zero)."
                    ),
                ),
                placeholders=("cells", "non_zero", "previous_year"),
            ),
            ReviewRule(
                id="C2",
                severity=Severity.WARNING,
                description=(
                    "正文与上年报告大段雷同",
                    "a narrative section repeats last year's text beyond a threshold",
                ),
                message=(
                    (
                        "“{heading}”有 {share}% 的文字与 {previous_year} 年报告相同或几乎相同"
                        "（{passages} 段）。"
                    ),
                    (
                        "{share}% of section {heading} repeats the {previous_year} report word for "
                        "word or nearly ({passages} passages)."
                    ),
                ),
                placeholders=("heading", "share", "previous_year", "passages"),
            ),
        )
    }
)
"""Every review rule by id, in the order they are documented (docs/review.md)."""


@attrs.frozen(kw_only=True)
class Passage:
    """A stretch of narrative text: which section, where in it, and the text itself."""

    section: str
    """The section id (``overview``, ``problems_improvements``, ``other_matters``)."""
    start: int
    """Offset of the first character in the section's text."""
    end: int
    line: int
    """The line within the section's text (1-based) where the passage starts."""
    text: str


def _frozen(values: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(values))


def _value(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


@attrs.frozen(kw_only=True)
class ReviewFinding:
    """What one review check found: the rule, the outcome, the cells and text concerned.

    ``paths`` are the JSON paths of the table cells the finding is about (several for a figure
    compared with a sum of cells), ``passages`` the narrative text it is about (a quoted
    figure's sentence, a repeated paragraph), ``previous`` for a copy finding the matching
    passages of last year's report. ``values`` holds the numbers the message was filled with.
    """

    rule: str
    check: str
    """A stable id: ``<rule>.<what was checked>`` (e.g. ``P7.requests.received``)."""
    severity: Severity
    status: Status
    message_zh: str
    message_en: str
    paths: tuple[str, ...] = ()
    passages: tuple[Passage, ...] = ()
    previous: tuple[Passage, ...] = ()
    values: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen)

    def message(self, lang: str = "zh") -> str:
        """The message in Chinese (``"zh"``) or English (``"en"``)."""
        return in_language(self.message_zh, self.message_en, lang)

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict."""
        return {
            "rule": self.rule,
            "check": self.check,
            "severity": self.severity.value,
            "status": self.status.value,
            "paths": list(self.paths),
            "passages": [attrs.asdict(passage) for passage in self.passages],
            "previous": [attrs.asdict(passage) for passage in self.previous],
            "values": {key: _value(value) for key, value in self.values.items()},
            "message": {"zh": self.message_zh, "en": self.message_en},
        }


def make_finding(  # noqa: PLR0913 - every part of a finding is named at its call site
    rule_id: str,
    check: str,
    *,
    status: Status = Status.FAILED,
    fill: Mapping[str, Texts | object],
    paths: tuple[str, ...] = (),
    passages: tuple[Passage, ...] = (),
    previous: tuple[Passage, ...] = (),
) -> ReviewFinding:
    """A finding of ``rule_id``, its messages filled from ``fill``.

    A value of ``fill`` given as a (Chinese, English) pair fills each language with its own
    text; any other value is written the same in both.
    """
    rule = REVIEW_RULES[rule_id]
    zh = {key: value[0] if isinstance(value, tuple) else value for key, value in fill.items()}
    en = {key: value[1] if isinstance(value, tuple) else value for key, value in fill.items()}
    return ReviewFinding(
        rule=rule.id,
        check=check,
        severity=rule.severity,
        status=status,
        message_zh=rule.message[0].format(**zh),
        message_en=rule.message[1].format(**en),
        paths=paths,
        passages=passages,
        previous=previous,
        values={key: value for key, value in fill.items() if not isinstance(value, tuple)},
    )


def review_rule_catalogue() -> dict[str, Any]:
    """Every review rule as a JSON-ready dict, in the shape of the arithmetic rule catalogue.

    >>> from govinfo_report.review import review_rule_catalogue
    >>> [rule["id"] for rule in review_rule_catalogue()["rules"]]
    ['P7', 'P8', 'Q1', 'Q2', 'Q3', 'Q4', 'C1', 'C2']
    """
    return {
        "rules": [
            {
                "id": rule.id,
                "severity": rule.severity.value,
                "description": {"zh": rule.description[0], "en": rule.description[1]},
                "messages": {"failed": {"zh": rule.message[0], "en": rule.message[1]}},
                "placeholders": list(rule.placeholders),
            }
            for rule in REVIEW_RULES.values()
        ]
    }
