"""Parts of the form that both format versions share (docs/format.md §2, §3.2, §3.3, §5.1 D8).

Labels are verbatim from the official form as reproduced in published reports: full-width
parentheses, ASCII digit plus ASCII full stop for sub-rows, curly quotes in “三安全一稳定”.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from govinfo_report.catalog._types import (
    Axis,
    Bound,
    Column,
    Continuity,
    Grid,
    Group,
    Identity,
    Label,
    Row,
    Section,
    SectionKind,
)

PROACTIVE_DISCLOSURE_ID = "proactive_disclosure"
"""The id of section 二, whose sub-tables differ between format versions."""
REQUESTS_ID = "requests"
"""The id of section 三 (and of its one table), which differs between format versions."""

REPORT_LABEL = Label(
    "政府信息公开工作年度报告", "Annual report on government information disclosure"
)
"""The name of the document itself, as in 《XX 20XX年政府信息公开工作年度报告》."""

METADATA_LABELS: Mapping[str, Label] = MappingProxyType(
    {
        "organ": Label("报告机关", "Reporting organ"),
        "year": Label("报告年度", "Reporting year"),
        "source": Label("来源", "Where the report was published or read from"),
        "source.title": Label("标题", "Title as published"),
        "source.url": Label("网址", "Web address"),
        "source.file": Label("文件", "File name"),
        "format": Label("格式版本", "Format version of the table"),
    }
)
"""Descriptive labels of the document fields that are not on the form (the form prints the organ
and year only in its title), keyed by their path in the JSON document; ``format`` is the tag of
every versioned table. Not official wording."""

TABLE_LAYOUT_LABELS: Mapping[str, Label] = MappingProxyType(
    {
        "item_header": Label("信息内容", "Information"),
        "applicants": Label("申请人情况", "Applicants"),
    }
)
"""Header cells of the printed tables that name no row or column: the corner of each 第二十条
sub-table of section 二 (``item_header``) and the band over table 三's applicant columns
(``applicants``). Writers print them; they carry no data."""

# Heading aliases are wordings seen in published reports (docs/format.md §A.12), without numerals.
OVERVIEW = Section("overview", Label("一、总体情况", "1. Overview"), SectionKind.NARRATIVE)
PROBLEMS_IMPROVEMENTS = Section(
    "problems_improvements",
    Label("五、存在的主要问题及改进情况", "5. Main problems and improvements"),
    SectionKind.NARRATIVE,
    aliases=(
        "政府信息公开工作存在的主要问题及改进情况",
        "存在问题及改进情况",
        "存在的主要问题和改进情况",
        "存在的主要问题及改进措施",
    ),
)
OTHER_MATTERS = Section(
    "other_matters",
    Label("六、其他需要报告的事项", "6. Other matters to report"),
    SectionKind.NARRATIVE,
)
PROACTIVE_DISCLOSURE_HEADING = Label(
    "二、主动公开政府信息情况", "2. Proactive disclosure of government information"
)
PROACTIVE_DISCLOSURE_ALIASES = ("主动公开政府信息的情况",)
REQUESTS_HEADING = Label(
    "三、收到和处理政府信息公开申请情况",
    "3. Requests for government information received and handled",
)
REQUESTS_ALIASES = ("收到和处理政府信息公开申请的情况",)

# --- Section 三: the request matrix -------------------------------------------------------

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", Label("自然人", "Natural persons")),
    Column("commercial_enterprise", Label("商业企业", "Commercial enterprises")),
    Column("research_institution", Label("科研机构", "Research institutions")),
    Column("public_interest_org", Label("社会公益组织", "Public-interest organisations")),
    Column("legal_service_org", Label("法律服务机构", "Legal service organisations")),
    Column("other_org", Label("其他", "Other organisations"), aliases=("其他组织",)),
)
REQUESTS_TOTAL_COLUMN = Column("total", Label("总计", "Total"), aliases=("合计",))
REQUESTS_COLUMNS = (*APPLICANT_COLUMNS, REQUESTS_TOTAL_COLUMN)
REQUESTS_COLUMN_GROUPS = (
    Group(
        "legal_person_or_other_org",
        Label("法人或其他组织", "Legal persons or other organisations"),
        tuple(column.id for column in APPLICANT_COLUMNS[1:]),
    ),
)
REQUESTS_NOTE = Label(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(In each column, item 1 plus item 2 equals item 3 plus item 4.)",
)

NEW_REQUESTS = Row(
    "new_requests",
    Label("一、本年新收政府信息公开申请数量", "I. New requests received this year"),
)
CARRIED_OVER = Row(
    "carried_over_from_last_year",
    Label("二、上年结转政府信息公开申请数量", "II. Requests carried over from last year"),
)
DISPOSITION_HEAD_ROWS: tuple[Row, ...] = (
    Row("granted", Label("（一）予以公开", "(1) Disclosed")),
    Row(
        "partially_granted",
        Label(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "(2) Partially disclosed (a request handled by separation counts here only)",
        ),
    ),
)
WITHHELD_ROWS: tuple[Row, ...] = (
    Row("withheld_state_secret", Label("1.属于国家秘密", "1. State secret")),
    Row(
        "withheld_law_prohibited",
        Label(
            "2.其他法律行政法规禁止公开", "2. Disclosure prohibited by other laws or regulations"
        ),
        aliases=("2.其他法律行政止公开",),
    ),
    Row(
        "withheld_security_stability",
        Label("3.危及“三安全一稳定”", "3. Endangers the 'three securities and one stability'"),
    ),
    Row(
        "withheld_third_party", Label("4.保护第三方合法权益", "4. Protects a third party's rights")
    ),
    Row(
        "withheld_internal_affairs",
        Label("5.属于三类内部事务信息", "5. One of three kinds of internal-affairs information"),
    ),
    Row(
        "withheld_process_info",
        Label("6.属于四类过程性信息", "6. One of four kinds of process information"),
    ),
    Row(
        "withheld_enforcement_file",
        Label("7.属于行政执法案卷", "7. Administrative enforcement file"),
    ),
    Row("withheld_query_matter", Label("8.属于行政查询事项", "8. Administrative enquiry matter")),
)
UNAVAILABLE_ROWS: tuple[Row, ...] = (
    Row(
        "unavailable_not_held",
        Label("1.本机关不掌握相关政府信息", "1. This organ does not hold the information"),
    ),
    Row(
        "unavailable_needs_creation",
        Label("2.没有现成信息需要另行制作", "2. No existing information; it would have to be made"),
    ),
    Row(
        "unavailable_still_unclear",
        Label("3.补正后申请内容仍不明确", "3. Request still unclear after correction"),
    ),
)
NOT_PROCESSED_ROWS: tuple[Row, ...] = (
    Row(
        "not_processed_complaint",
        Label("1.信访举报投诉类申请", "1. Petition, report or complaint"),
    ),
    Row("not_processed_duplicate", Label("2.重复申请", "2. Repeated request")),
    Row(
        "not_processed_publication",
        Label("3.要求提供公开出版物", "3. Asks for a published publication"),
    ),
    Row(
        "not_processed_excessive",
        Label("4.无正当理由大量反复申请", "4. Many repeated requests without good reason"),
    ),
    Row(
        "not_processed_confirmation",
        Label(
            "5.要求行政机关确认或重新出具已获取信息",
            "5. Asks the organ to confirm or reissue information already obtained",
        ),
    ),
)
TOTAL_HANDLED = Row(
    "total_handled",
    Label("（七）总计", "(7) Total handled"),
    aliases=("办理结果总计",),
)
CARRIED_TO_NEXT_YEAR = Row(
    "carried_to_next_year",
    Label("四、结转下年度继续办理", "IV. Carried over to next year"),
    aliases=("四、结转下一年度继续办理",),
)

RESULTS_LABEL = Label("三、本年度办理结果", "III. Results this year")
WITHHELD_LABEL = Label("（三）不予公开", "(3) Withheld")
UNAVAILABLE_LABEL = Label("（四）无法提供", "(4) Cannot be provided")
NOT_PROCESSED_LABEL = Label("（五）不予处理", "(5) Not processed")
OTHER_HANDLING_LABEL = Label("（六）其他处理", "(6) Other handling")


def requests_grid(other_handling_rows: tuple[Row, ...], *, other_handling_grouped: bool) -> Grid:
    """Build table 三 around a version's （六）其他处理 rows; everything else is shared."""
    dispositions = (
        *DISPOSITION_HEAD_ROWS,
        *WITHHELD_ROWS,
        *UNAVAILABLE_ROWS,
        *NOT_PROCESSED_ROWS,
        *other_handling_rows,
    )
    leaf_ids = tuple(row.id for row in dispositions)
    rows = (NEW_REQUESTS, CARRIED_OVER, *dispositions, TOTAL_HANDLED, CARRIED_TO_NEXT_YEAR)
    groups = [
        Group("results", RESULTS_LABEL, (*leaf_ids, TOTAL_HANDLED.id)),
        Group("withheld", WITHHELD_LABEL, tuple(row.id for row in WITHHELD_ROWS)),
        Group("unavailable", UNAVAILABLE_LABEL, tuple(row.id for row in UNAVAILABLE_ROWS)),
        Group("not_processed", NOT_PROCESSED_LABEL, tuple(row.id for row in NOT_PROCESSED_ROWS)),
    ]
    if other_handling_grouped:
        groups.append(
            Group("other_handling", OTHER_HANDLING_LABEL, tuple(r.id for r in other_handling_rows))
        )
    applicant_ids = tuple(column.id for column in APPLICANT_COLUMNS)
    return Grid(
        id=REQUESTS_ID,
        label=REQUESTS_HEADING,
        rows=rows,
        columns=REQUESTS_COLUMNS,
        row_groups=tuple(groups),
        column_groups=REQUESTS_COLUMN_GROUPS,
        note=REQUESTS_NOTE,
        identities=(
            Identity(
                "E1",
                Axis.ROWS,
                (NEW_REQUESTS.id, CARRIED_OVER.id),
                (TOTAL_HANDLED.id, CARRIED_TO_NEXT_YEAR.id),
                Label(
                    "本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理",
                    "new requests + carried over = total handled + carried to next year",
                ),
                # The carry-forward is the balancing item: what is left after handling.
                target=CARRIED_TO_NEXT_YEAR.id,
            ),
            Identity(
                "E2",
                Axis.ROWS,
                (TOTAL_HANDLED.id,),
                leaf_ids,
                Label(
                    "（七）总计 = 各项办理结果之和",
                    "total handled = sum of all dispositions",
                ),
            ),
            Identity(
                "E3",
                Axis.COLUMNS,
                (REQUESTS_TOTAL_COLUMN.id,),
                applicant_ids,
                Label("总计 = 各类申请人之和", "total = sum of the six applicant columns"),
            ),
        ),
        bounds=(
            # Implied by E1 with （七）总计 >= 0; still informative when （七） is blank.
            Bound(
                "P6",
                Axis.ROWS,
                (CARRIED_TO_NEXT_YEAR.id,),
                (NEW_REQUESTS.id, CARRIED_OVER.id),
                Label(
                    "结转下年度继续办理 ≤ 本年新收 + 上年结转",
                    "carried to next year <= new requests + carried over",
                ),
            ),
        ),
        continuities=(
            Continuity(
                rule_id="P1",
                axis=Axis.ROWS,
                target=CARRIED_OVER.id,
                previous=(CARRIED_TO_NEXT_YEAR.id,),
                description=Label(
                    "本年上年结转 = 上年报告结转下年度继续办理",
                    "carried over this year = carried to next year in last year's report",
                ),
                # docs/format.md §5.2: the carry-over rows mean the same in both versions.
                across_versions=True,
            ),
        ),
    )


# --- Section 四: administrative reconsideration and litigation --------------------------

REVIEW_LITIGATION_COLUMNS: tuple[Column, ...] = (
    Column("upheld", Label("结果维持", "Upheld")),
    Column("corrected", Label("结果纠正", "Corrected")),
    Column("other", Label("其他结果", "Other result")),
    Column("pending", Label("尚未审结", "Pending")),
    Column("total", Label("总计", "Total"), aliases=("合计",)),
)
REVIEW_LITIGATION_GRID = Grid(
    id="review_litigation",
    label=Label(
        "四、政府信息公开行政复议、行政诉讼情况",
        "4. Administrative reconsideration and litigation",
    ),
    rows=(
        Row("review", Label("行政复议", "Administrative reconsideration")),
        Row(
            "litigation_direct",
            Label("未经复议直接起诉", "Litigation without prior reconsideration"),
        ),
        Row("litigation_after_review", Label("复议后起诉", "Litigation after reconsideration")),
    ),
    columns=REVIEW_LITIGATION_COLUMNS,
    row_groups=(
        Group(
            "litigation",
            Label("行政诉讼", "Administrative litigation"),
            ("litigation_direct", "litigation_after_review"),
        ),
    ),
    identities=(
        Identity(
            "E4",
            Axis.COLUMNS,
            ("total",),
            ("upheld", "corrected", "other", "pending"),
            Label(
                "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                "total = upheld + corrected + other + pending",
            ),
        ),
    ),
)
REVIEW_LITIGATION = Section(
    "review_litigation",
    REVIEW_LITIGATION_GRID.label,
    SectionKind.TABLES,
    grids=(REVIEW_LITIGATION_GRID,),
    aliases=(
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "因政府信息公开申请提起行政复议、行政诉讼的情况",
        "政府信息公开行政复议和行政诉讼情况",
    ),
)

ITEM_CAPTIONS = {
    item: Label(f"第二十条第（{numeral}）项", f"Article 20, item ({item})")
    for item, numeral in ((1, "一"), (5, "五"), (6, "六"), (8, "八"), (9, "九"))
}
"""Captions of the section 二 sub-tables, by 条例第二十条 item number."""

REGULATIONS_LABEL = Label("规章", "Regulations")
ADMIN_LICENSING_LABEL = Label("行政许可", "Administrative licensing")
ADMIN_PENALTY_LABEL = Label("行政处罚", "Administrative penalties")
ADMIN_COERCION_LABEL = Label("行政强制", "Administrative coercion")
ADMIN_FEES_LABEL = Label("行政事业性收费", "Administrative fees")
PIECES = Label("件", "documents")
