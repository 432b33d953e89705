"""The 2019 trial format: 《中华人民共和国政府信息公开工作年度报告格式（试行）》.

Issued with 国办公开办函〔2019〕60号 (published on 中国政府网 2019-11-27); it applies to reports
for 2019 and 2020. Tables: section 二 has five sub-tables (22 cells), section 三 has 23 rows × 7
columns (161 cells, a single （六）其他处理 row), section 四 has 15 cells; 198 numeric cells in
all (docs/format.md §4).
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

_PRIOR_YEAR_ITEMS = Column("prior_year_items", Label("上一年项目数量", "Items last year"))
_CHANGE = Column(
    "change",
    Label("本年增/减", "Change this year"),
    kind=CellKind.SIGNED_COUNT,
)
_DECISIONS = Column("decisions", Label("处理决定数量", "Decisions"))
# docs/format.md §7.3 P4: the items of a catalogue roll forward by the year's change.
_ITEM_CONTINUITY = Continuity(
    rule_id="P4",
    axis=Axis.COLUMNS,
    target=_PRIOR_YEAR_ITEMS.id,
    previous=(_PRIOR_YEAR_ITEMS.id, _CHANGE.id),
    description=Label(
        "上一年项目数量 = 上年报告上一年项目数量 + 上年报告本年增/减",
        "items last year = last year's report: items last year + change",
    ),
)

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
                    Label("规范性文件", "Normative documents"),
                    aliases=("行政规范性文件",),
                ),
            ),
            columns=(
                Column("made", Label("本年新制作数量", "Made this year"), unit=common.PIECES),
                Column(
                    "published",
                    Label("本年新公开数量", "Newly published this year"),
                    unit=common.PIECES,
                ),
                Column(
                    "published_total",
                    Label("对外公开总数量", "Published in all"),
                    unit=common.PIECES,
                ),
            ),
            # docs/format.md §7.3 P5. The weaker "usually published <= made" is not checked: what
            # 本年新公开 counts is loosely defined, and documents made earlier are published too.
            bounds=(
                Bound(
                    "P5",
                    Axis.COLUMNS,
                    ("published",),
                    ("published_total",),
                    Label(
                        "本年新公开数量 ≤ 对外公开总数量",
                        "newly published this year <= published in all",
                    ),
                ),
            ),
        ),
        Grid(
            "art20_5",
            common.ITEM_CAPTIONS[5],
            rows=(
                Row("admin_licensing", common.ADMIN_LICENSING_LABEL),
                Row(
                    "other_external_services",
                    Label("其他对外管理服务事项", "Other external services"),
                ),
            ),
            columns=(_PRIOR_YEAR_ITEMS, _CHANGE, _DECISIONS),
            continuities=(_ITEM_CONTINUITY,),
        ),
        Grid(
            "art20_6",
            common.ITEM_CAPTIONS[6],
            rows=(
                Row("admin_penalty", common.ADMIN_PENALTY_LABEL),
                Row("admin_coercion", common.ADMIN_COERCION_LABEL),
            ),
            columns=(_PRIOR_YEAR_ITEMS, _CHANGE, _DECISIONS),
            continuities=(_ITEM_CONTINUITY,),
        ),
        Grid(
            "art20_8",
            common.ITEM_CAPTIONS[8],
            rows=(Row("admin_fees", common.ADMIN_FEES_LABEL),),
            columns=(_PRIOR_YEAR_ITEMS, _CHANGE),
            continuities=(_ITEM_CONTINUITY,),
        ),
        Grid(
            "art20_9",
            common.ITEM_CAPTIONS[9],
            rows=(
                Row("central_procurement", Label("政府集中采购", "Central government procurement")),
            ),
            columns=(
                Column("procurement_items", Label("采购项目数量", "Procurement items")),
                # The form prints no unit; reports write 元 or nothing, so the value is kept as
                # printed and its unit is not asserted here.
                Column(
                    "procurement_amount",
                    Label("采购总金额", "Total procurement amount"),
                    kind=CellKind.AMOUNT,
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
            (Row("other_handling", common.OTHER_HANDLING_LABEL),),
            other_handling_grouped=False,
        ),
    ),
)

SPEC = FormatSpec(
    version=FormatVersion.V2019,
    document_number="国办公开办函〔2019〕60号",
    title=Label(
        "中华人民共和国政府信息公开工作年度报告格式（试行）",
        "Format of the annual report on government information disclosure of the PRC (trial)",
    ),
    first_report_year=2019,
    sections=(
        common.OVERVIEW,
        PROACTIVE_DISCLOSURE,
        REQUESTS,
        common.REVIEW_LITIGATION,
        common.PROBLEMS_IMPROVEMENTS,
        common.OTHER_MATTERS,
    ),
    markers=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "第二十条第（九）项",
        "政府集中采购",
        "其他对外管理服务事项",
    ),
)
