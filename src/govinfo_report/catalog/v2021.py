"""The 2021 format: 《中华人民共和国政府信息公开工作年度报告格式》.

Issued by 国务院办公厅政府信息与政务公开办公室 with 国办公开办函〔2021〕30号 (成文 2021-09-26,
发布 2021-09-29); it applies to reports for 2021 and later years. Tables: section 二 has four
sub-tables (10 cells), section 三 has 25 rows × 7 columns (175 cells), section 四 has 15 cells;
200 numeric cells in all (docs/format.md §3).
"""

from __future__ import annotations

from govinfo_report.catalog import _common as common
from govinfo_report.catalog._types import (
    Axis,
    Bound,
    CellKind,
    Column,
    Continuity,
    FormatSpec,
    FormatVersion,
    Grid,
    Label,
    Row,
    Section,
    SectionKind,
)

_DECISIONS = Column("decisions", Label("本年处理决定数量", "Decisions this year"))

PROACTIVE_DISCLOSURE = Section(
    common.PROACTIVE_DISCLOSURE_ID,
    common.PROACTIVE_DISCLOSURE_HEADING,
    SectionKind.TABLES,
    versioned=True,
    aliases=common.PROACTIVE_DISCLOSURE_ALIASES,
    grids=(
        Grid(
            "art20_1",
            common.ITEM_CAPTIONS[1],
            rows=(
                Row("regulations", common.REGULATIONS_LABEL),
                Row(
                    "normative_documents",
                    Label("行政规范性文件", "Administrative normative documents"),
                    # 上海市科委 2024 prints the 2019 label in a 2021 table.
                    aliases=("规范性文件",),
                ),
            ),
            columns=(
                Column(
                    "issued",
                    Label("本年制发件数", "Issued this year"),
                    unit=common.PIECES,
                ),
                Column(
                    "repealed",
                    Label("本年废止件数", "Repealed this year"),
                    unit=common.PIECES,
                    aliases=("本年度止件数",),
                ),
                Column(
                    "in_force",
                    Label("现行有效件数", "In force"),
                    unit=common.PIECES,
                ),
            ),
            bounds=(
                Bound(
                    "P3",
                    Axis.COLUMNS,
                    ("issued",),
                    ("in_force", "repealed"),
                    Label(
                        "本年制发件数 ≤ 现行有效件数 + 本年废止件数",
                        "issued this year <= in force + repealed this year",
                    ),
                ),
            ),
            continuities=(
                Continuity(
                    rule_id="P2",
                    axis=Axis.COLUMNS,
                    target="in_force",
                    previous=("in_force",),
                    added=("issued",),
                    subtracted=("repealed",),
                    description=Label(
                        "现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
                        "in force = in force last year + issued this year - repealed this year",
                    ),
                ),
            ),
        ),
        Grid(
            "art20_5",
            common.ITEM_CAPTIONS[5],
            rows=(Row("admin_licensing", common.ADMIN_LICENSING_LABEL),),
            columns=(_DECISIONS,),
        ),
        Grid(
            "art20_6",
            common.ITEM_CAPTIONS[6],
            rows=(
                Row("admin_penalty", common.ADMIN_PENALTY_LABEL),
                Row("admin_coercion", common.ADMIN_COERCION_LABEL),
            ),
            columns=(_DECISIONS,),
        ),
        Grid(
            "art20_8",
            common.ITEM_CAPTIONS[8],
            rows=(Row("admin_fees", common.ADMIN_FEES_LABEL),),
            columns=(
                Column(
                    "fee_amount",
                    Label("本年收费金额（单位：万元）", "Fees collected this year (10,000 yuan)"),
                    kind=CellKind.AMOUNT,
                    unit=Label("万元", "10,000 yuan"),
                ),
            ),
        ),
    ),
)

REQUESTS = Section(
    common.REQUESTS_ID,
    common.REQUESTS_HEADING,
    SectionKind.TABLES,
    versioned=True,
    aliases=common.REQUESTS_ALIASES,
    grids=(
        common.requests_grid(
            (
                Row(
                    "other_no_correction",
                    Label(
                        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                        "1. Applicant did not correct the request in time without good reason",
                    ),
                ),
                Row(
                    "other_fee_unpaid",
                    Label(
                        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                        "2. Applicant did not pay the fee notified in time",
                    ),
                ),
                Row("other_misc", Label("3.其他", "3. Other")),
            ),
            other_handling_grouped=True,
        ),
    ),
)

SPEC = FormatSpec(
    version=FormatVersion.V2021,
    document_number="国办公开办函〔2021〕30号",
    title=Label(
        "中华人民共和国政府信息公开工作年度报告格式",
        "Format of the annual report on government information disclosure of the PRC",
    ),
    first_report_year=2021,
    sections=(
        common.OVERVIEW,
        PROACTIVE_DISCLOSURE,
        REQUESTS,
        common.REVIEW_LITIGATION,
        common.PROBLEMS_IMPROVEMENTS,
        common.OTHER_MATTERS,
    ),
    markers=(
        "本年制发件数",
        "本年废止件数",
        "本年度止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "逾期不补正",
        "收费通知",
    ),
)
