"""What the narrative's figures count, declared as data beside the catalog (rule P7).

A report's sections 一, 五 and 六 quote figures: 受理政府信息公开申请 17 件, 办结 148 件, 结转
6 件, 行政复议 36 起, 行政诉讼 9 起, 收取信息处理费 0 元. Each :class:`Term` below says how a
figure is recognised (a pattern on the words just before it, and sometimes just after) and which
cells of the form it counts, by catalog ids, in each format version: one cell, a row group (不予
公开 = the eight rows of （三）), or several rows (行政诉讼 = 未经复议直接起诉 + 复议后起诉).

Patterns are regular expressions over the clause that holds the figure, spaces removed and full
width forms folded (NFKC): ``#`` stands for the figure, ``…`` for a short stretch of words inside
the clause, ``§`` for an earlier figure (a pattern never reaches across one). Where several terms
fit, the longest match wins (予以公开及部分公开 over 部分公开). ``context`` must also be found
in the sentence before the figure (the verb governing a list: 主动公开规章 22 件、行政规范性文件
34 件; 申请 for 办结 148 件). A term without cells is recognised (so the page can show it, and
the quality rules can use it) but compared with nothing. Words in ``unless`` must not occur in
the match.
"""

from __future__ import annotations

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion

__all__ = ["COUNT_UNITS", "MONEY_UNITS", "TERMS", "Cells", "Term"]

COUNT_UNITS = ("件", "起", "宗", "个", "条", "项", "份")
"""Units of counted things; a figure in one of these is a count."""
MONEY_UNITS = {"元": 1, "万元": 10_000}
"""Units of money, by their value in yuan: figures are converted before they are compared."""

_BOTH = (FormatVersion.V2019, FormatVersion.V2021)


@attrs.frozen(kw_only=True)
class Cells:
    """Cells of the form, summed: ``rows`` (row ids, or row-group ids) in ``column``.

    ``section`` and ``grid`` are catalog ids (section 三's grid is ``requests``, section 四's
    ``review_litigation``, section 二's the 第二十条 item such as ``art20_8``). ``versions`` are
    the format versions of the table in which these ids hold.
    """

    section: str
    grid: str
    rows: tuple[str, ...]
    column: str
    versions: tuple[FormatVersion, ...] = _BOTH


@attrs.frozen(kw_only=True)
class Term:
    """One thing the narrative counts: how it is worded, and the cells it counts."""

    id: str
    label: tuple[str, str]
    """What is counted, in Chinese and English (used in messages)."""
    patterns: tuple[str, ...]
    cells: tuple[Cells, ...] = ()
    """The cells in each format version (the first whose versions hold applies)."""
    units: tuple[str, ...] = COUNT_UNITS
    context: str | None = None
    unless: tuple[str, ...] = ()
    """Words that must not occur in the figure's own stretch of its clause."""
    next_year: bool = False
    """The figure counts what goes on to next year: a mention of next year is not another
    year's figure."""


def _requests(*rows: str) -> tuple[Cells, ...]:
    return (
        Cells(section=catalog.REQUESTS_ID, grid=catalog.REQUESTS_ID, rows=rows, column="total"),
    )


def _review(*rows: str) -> tuple[Cells, ...]:
    section = catalog.REVIEW_LITIGATION.id
    return (Cells(section=section, grid=section, rows=rows, column="total"),)


def _documents(row: str, v2021_column: str, v2019_column: str | None = None) -> tuple[Cells, ...]:
    cells = [
        Cells(
            section=catalog.PROACTIVE_DISCLOSURE_ID,
            grid="art20_1",
            rows=(row,),
            column=v2021_column,
            versions=(FormatVersion.V2021,),
        )
    ]
    if v2019_column is not None:
        cells.append(
            Cells(
                section=catalog.PROACTIVE_DISCLOSURE_ID,
                grid="art20_1",
                rows=(row,),
                column=v2019_column,
                versions=(FormatVersion.V2019,),
            )
        )
    return tuple(cells)


_RECEIVE = "(?:收到|新收|受理|接收|收悉)"
_ISSUE = "(?:制发|印发|出台|制定|发布|主动公开)"
_NOT_ISSUED = ("现行有效", "废止", "清理", "审核", "备案", "解读", "修订", "修改", "失效")
_NOT_REQUESTS = (
    "复议",
    "诉讼",
    "信访",
    "投诉",
    "举报",
    "诉求",
    "咨询",
    "留言",
    "来电",
    "热线",
    "建议",
    "提案",
)

TERMS: tuple[Term, ...] = (
    Term(
        id="requests.received",
        label=("收到申请数", "requests received"),
        patterns=(f"{_RECEIVE}…申请…#", f"{_RECEIVE}…#件…申请"),
        cells=_requests("new_requests"),
        unless=_NOT_REQUESTS,
    ),
    Term(
        id="requests.carried_over",
        label=("上年结转申请数", "requests carried over from last year"),
        patterns=("上一?年度?结转…#",),
        cells=_requests("carried_over_from_last_year"),
    ),
    Term(
        id="requests.handled",
        label=("办结申请数", "requests handled"),
        patterns=("(?:办结|答复|办理完毕|处理完毕)…#",),
        cells=_requests("total_handled"),
        context="申请",
        unless=_NOT_REQUESTS,
    ),
    Term(
        id="requests.carried_to_next_year",
        label=("结转下年度办理数", "requests carried to next year"),
        patterns=(
            r"(?:结转|转入?|顺延)(?:至|到)?(?:下一?年度?|\d{4}年)…#",
            "#件…(?:结转|顺延)(?:至|到)?下一?年度?",
        ),
        cells=_requests("carried_to_next_year"),
        next_year=True,
    ),
    Term(
        id="requests.granted",
        label=("予以公开数", "requests granted"),
        patterns=("(?:予以|同意)公开…#",),
        cells=_requests("granted"),
        unless=("部分",),
    ),
    Term(
        id="requests.granted_or_partially",
        label=("予以公开及部分公开数", "requests granted in full or in part"),
        patterns=("(?:予以|同意)?(?:全部)?公开(?:及|和|与|、|或)部分公开…#",),
        cells=_requests("granted", "partially_granted"),
    ),
    Term(
        id="requests.partially_granted",
        label=("部分公开数", "requests partly granted"),
        patterns=("部分公开…#",),
        cells=_requests("partially_granted"),
    ),
    Term(
        id="requests.withheld",
        label=("不予公开数", "requests withheld"),
        patterns=("不予公开…#",),
        cells=_requests("withheld"),
    ),
    Term(
        id="requests.unavailable",
        label=("无法提供数", "information unavailable"),
        patterns=("无法提供…#",),
        cells=_requests("unavailable"),
    ),
    Term(
        id="requests.not_processed",
        label=("不予处理数", "requests not processed"),
        patterns=("不予处理…#",),
        cells=_requests("not_processed"),
    ),
    Term(
        id="requests.other_handling",
        label=("其他处理数", "requests otherwise handled"),
        patterns=("其他处理…#",),
        cells=_requests("other_handling"),
    ),
    Term(
        id="review.total",
        label=("行政复议案件数", "administrative reconsiderations"),
        patterns=("行政复议…#",),
        cells=_review("review"),
        unless=("诉讼", "起诉"),
    ),
    Term(
        id="litigation.total",
        label=("行政诉讼案件数", "administrative lawsuits"),
        patterns=("诉讼…#",),
        cells=_review("litigation_direct", "litigation_after_review"),
        unless=("复议", "败诉", "胜诉"),
    ),
    Term(
        id="review_litigation.total",
        label=("行政复议和行政诉讼案件数", "reconsiderations and lawsuits"),
        patterns=("复议(?:和|及|与|、)…诉讼…#",),
        cells=_review("review", "litigation_direct", "litigation_after_review"),
    ),
    Term(
        id="litigation.direct",
        label=("未经复议直接起诉案件数", "lawsuits without prior reconsideration"),
        patterns=("直接(?:起诉|提起…诉讼)…#",),
        cells=_review("litigation_direct"),
    ),
    Term(
        id="litigation.after_review",
        label=("复议后起诉案件数", "lawsuits after reconsideration"),
        patterns=("复议后(?:起诉|提起…诉讼)…#",),
        cells=_review("litigation_after_review"),
    ),
    Term(
        id="documents.regulations_issued",
        label=("本年制发规章数", "regulations issued this year"),
        patterns=("(?<!行政)规章…#",),
        cells=_documents("regulations", "issued", "published"),
        context=_ISSUE,
        unless=_NOT_ISSUED,
    ),
    Term(
        id="documents.normative_issued",
        label=("本年制发行政规范性文件数", "normative documents issued this year"),
        patterns=("规范性文件…#",),
        cells=_documents("normative_documents", "issued", "published"),
        context=_ISSUE,
        unless=(*_NOT_ISSUED, "部门规范性文件"),
    ),
    Term(
        id="documents.normative_in_force",
        label=("现行有效行政规范性文件数", "normative documents in force"),
        patterns=("现行有效…规范性文件…#",),
        cells=_documents("normative_documents", "in_force"),
    ),
    Term(
        id="documents.normative_repealed",
        label=("本年废止行政规范性文件数", "normative documents repealed this year"),
        patterns=("废止…规范性文件…#",),
        cells=_documents("normative_documents", "repealed"),
    ),
    Term(
        id="fees.admin_fees",
        label=("行政事业性收费金额", "administrative fees collected"),
        patterns=("行政事业性收费…#",),
        cells=(
            Cells(
                section=catalog.PROACTIVE_DISCLOSURE_ID,
                grid="art20_8",
                rows=("admin_fees",),
                column="fee_amount",
                versions=(FormatVersion.V2021,),
            ),
        ),
        units=tuple(MONEY_UNITS),
    ),
    Term(
        # Not a cell of the form: the fee for answering requests (国办函〔2020〕109号), which
        # section 六 reports; the quality rule Q3 reads it.
        id="fees.information_processing",
        label=("信息处理费", "information processing fees"),
        patterns=("(?:信息)?处理费…#",),
        units=tuple(MONEY_UNITS),
    ),
    Term(
        # Not a cell of the form either (table 二 counts documents, not every item published).
        id="proactive.items",
        label=("主动公开政府信息数", "items of information published"),
        patterns=("主动公开…政府信息…#", "公开政府信息…#"),
    ),
)
"""Every term the narrative is searched for, most general first (ties go to the first)."""

OTHER_YEAR = (
    r"较上年|比上年|较去年|比去年|同比|上年同期|去年同期|(?:较|比)\d{4}年"
    r"|(?:上一?年度?|去年)(?!度?结转)"
)
"""Words that put a figure in another year (较上年增长 …): such figures are not compared.
上年结转 (carried over from last year) is this year's cell, not another year's figure."""

APPROXIMATE_BEFORE = "(?:约|近|逾|超过|大约|将近)$"
APPROXIMATE_AFTER = "^(?:余|多|左右)"
"""Words that make a figure approximate (约 300 件, 7700 余条): it is shown, not compared."""
