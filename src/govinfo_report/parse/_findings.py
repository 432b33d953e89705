"""The registry of reading findings: every code the readers give, declared once.

Like the rules catalogue, each code has one severity, its messages in Chinese and English (as
templates: a code may word several situations), a one-line description and what a user does about
it. Front ends and the interpreter build their findings from here only, so a code never has two
severities and the documentation (``docs/reading.md``) is checked against this table.

>>> from govinfo_report.parse import reading_findings
>>> entry = reading_findings()["R-AMBIGUOUS-SPLIT"]
>>> entry["severity"]
'warning'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from govinfo_report.parse._document import Location, ReadingFinding, Severity

__all__ = [
    "POSSIBLE_VALUES",
    "READING_FINDINGS",
    "VALUE_PROBLEMS_ZH",
    "FindingKind",
    "Findings",
    "Message",
    "reading_findings",
    "reading_findings_json",
    "registry_table",
]


class Message(NamedTuple):
    """A finding's message in both languages (a template, or filled in)."""

    zh: str
    en: str

    def fill(self, **fields: object) -> Message:
        """The message with its ``{placeholders}`` filled in."""
        return Message(self.zh.format(**fields), self.en.format(**fields))

    def __add__(self, other: object) -> Message:
        if not isinstance(other, Message):
            return NotImplemented
        return Message(self.zh + other.zh, self.en + other.en)


@attrs.frozen
class FindingKind:
    """One reading finding code: its severity, messages, meaning and what to do about it."""

    code: str
    severity: Severity
    description: str
    """What the finding means, in one line."""
    action: str
    """What a user does about it."""
    messages: Mapping[str, Message]
    """The message templates by situation (``""`` is the usual one)."""

    def message(self, situation: str = "", /, **fields: object) -> Message:
        """The message of a situation, filled in."""
        return self.messages[situation].fill(**fields)

    def finding(
        self,
        message: Message,
        *,
        path: str | None = None,
        location: Location | None = None,
    ) -> ReadingFinding:
        """A finding of this kind with a filled-in message."""
        return ReadingFinding(
            code=self.code,
            severity=self.severity,
            message_zh=message.zh,
            message_en=message.en,
            path=path,
            location=location,
        )


class Findings:
    """The findings of one reading, in the order found."""

    def __init__(self) -> None:
        self.items: list[ReadingFinding] = []

    def add(
        self,
        kind: FindingKind,
        message: Message,
        *,
        path: str | None = None,
        location: Location | None = None,
    ) -> None:
        """Add a finding of ``kind``."""
        self.items.append(kind.finding(message, path=path, location=location))


_KINDS: dict[str, FindingKind] = {}


def _kind(
    code: str,
    severity: Severity,
    description: str,
    action: str,
    **messages: tuple[str, str],
) -> FindingKind:
    kind = FindingKind(
        code,
        severity,
        description,
        action,
        MappingProxyType(
            {name.replace("_", "-"): Message(*texts) for name, texts in messages.items()}
        ),
    )
    _KINDS[code] = kind
    return kind


def _one(zh: str, en: str) -> dict[str, tuple[str, str]]:
    return {"": (zh, en)}


_W, _I = Severity.WARNING, Severity.INFO

# --- front ends ---------------------------------------------------------------------------

UNDECODABLE_BYTES = _kind(
    "R-UNDECODABLE-BYTES",
    _W,
    "some bytes fit no encoding and were replaced; text there may be missing",
    "read the cells near the location in another copy",
    **_one(
        "文件中有无法解码的字节，已替换为“\ufffd”；相关文字可能缺失",
        "some bytes could not be decoded in any known encoding and were replaced by "
        "U+FFFD; text there may be missing",
    ),
)
HTML_TOO_DEEP = _kind(
    "R-HTML-TOO-DEEP",
    _W,
    "the page nests elements more than 256 deep; what follows was not read",
    "save the page again from a browser, or read its PDF",
    **_one(
        "网页元素嵌套超过256层，其后的内容未被读取",
        "the page nests elements more than 256 deep; what follows was not read",
    ),
)
PDF_PAGE_WITHOUT_TEXT = _kind(
    "R-PDF-PAGE-WITHOUT-TEXT",
    _W,
    "a page has no text layer (a scanned page); nothing was read there",
    "read the page by eye or with OCR",
    **_one(
        "第{pages}页没有文字层（可能是扫描图像），其内容未被读取",
        "page(s) {pages} hold no text layer (scanned images?); nothing was read there",
    ),
)
PDF_TOO_MANY_PAGES = _kind(
    "R-PDF-TOO-MANY-PAGES",
    _W,
    "only the first pages of a very long PDF were read",
    "split the file",
    **_one(
        "文件共{page_count}页，只读取了前{read}页",
        "the file has {page_count} pages; only the first {read} were read",
    ),
)

# --- the document -------------------------------------------------------------------------

MORE_REPORTS = _kind(
    "R-MORE-REPORTS",
    _I,
    "the document holds more reports after the one read (a compendium); parse() reads the first",
    "read them all with parse_all()",
    **_one(
        "文件中另有{count}份报告，未读取；请用 parse_all 读取全部报告",
        "the document holds {count} more report(s), not read here; parse_all reads every one",
    ),
)
SECTION_MISSING = _kind(
    "R-SECTION-MISSING",
    _W,
    "a table section's heading and tables were not found: its cells are None",
    "check the headings and tables",
    **_one(
        "未找到“{heading_zh}”部分，其表格各单元格为空",
        "section {heading_en!r} was not found; its cells are left blank",
    ),
)
NARRATIVE_MISSING = _kind(
    "R-NARRATIVE-MISSING",
    _I,
    "a narrative section's heading was not found: its text is None",
    "check the headings",
    **_one("未找到“{heading_zh}”部分", "section {heading_en!r} was not found"),
)
YEAR_FROM_BODY = _kind(
    "R-YEAR-FROM-BODY",
    _I,
    "no year in the title; it was read from the statistics period or the body",
    "check the year",
    **_one(
        "标题中未找到年份，按正文中的统计期限或首个年份读为{year}年",
        "no year in the title; {year} was read from the statistics period or body",
    ),
)
YEAR_MISSING = _kind(
    "R-YEAR-MISSING",
    _W,
    "the report year could not be read",
    "set `year`",
    **_one("未能读出报告年度", "the report year could not be read"),
)
ORGAN_FROM_BODY = _kind(
    "R-ORGAN-FROM-BODY",
    _I,
    "no organ in the title; it was read from the first sentence of the body",
    "check the organ",
    **_one(
        "标题中未找到机关名称，按正文读为“{organ}”",
        "no organ in the title; {organ!r} was read from the body",
    ),
)
ORGAN_MISSING = _kind(
    "R-ORGAN-MISSING",
    _I,
    "the report does not name its organ (`我乡`); `organ` is None",
    "set `organ` if you know it",
    **_one("未能读出报告机关名称", "the reporting organ is not named"),
)
FORMAT_GUESSED = _kind(
    "R-FORMAT-GUESSED",
    _W,
    "a table's format version could not be told from its labels; the other table's version, "
    "or the year, was used",
    "check the table's labels",
    **_one(
        "无法从表格标签判断格式版本，按{version}年格式读取",
        "the format version could not be told from the labels; read as the {version} format",
    ),
)
FORMAT_MIXED = _kind(
    "R-FORMAT-MIXED",
    _I,
    "section 二 and section 三 use different format versions",
    "none: real reports do",
    **_one(
        "第二部分表格为{proactive}年格式，第三部分表格为{requests}年格式",
        "section 二 uses the {proactive} format and section 三 the {requests} format",
    ),
)

# --- tables and rows ----------------------------------------------------------------------

TABLE_EMPTY = _kind(
    "R-TABLE-EMPTY",
    _I,
    "a table prints no values at all (all its cells are None, not 0)",
    "none",
    table=("本表格未印任何数值", "no values are printed in this table"),
    section=("本部分表格未印任何数值", "no values are printed in this section's tables"),
)
ROW_MISSING = _kind(
    "R-ROW-MISSING",
    _W,
    "a row of the form was not found in a table that has values",
    "check the table",
    **_one(
        "未找到“{label_zh}”行，其单元格为空",
        "row {label_en!r} was not found; its cells are left blank",
    ),
)
UNPLACED_ROWS = _kind(
    "R-UNPLACED-ROWS",
    _W,
    "rows of numbers without labels do not fit the places left between labelled rows; "
    "they were not used",
    "place them by hand",
    **_one(
        "有{printed}行数值没有行标签，而此处缺{missing}行，无法对应，未使用",
        "{printed} unlabelled value rows for {missing} missing rows here: they cannot be"
        " matched, so they were not used",
    ),
)
STRAY_VALUE = _kind(
    "R-STRAY-VALUE",
    _I,
    "numbers in a table area that belong to no cell (an annotation, a displaced cell)",
    "look whether a cell lost its value",
    **_one(
        "表格区域内的数值“{values}”不属于任何单元格，未使用",
        "the values {values!r} in the table area belong to no cell and were not used",
    ),
)
SUBTOTAL_ROW = _kind(
    "R-SUBTOTAL-ROW",
    _I,
    "a subtotal row for a group (`（三）不予公开`), not a cell of the form, was skipped",
    "none",
    **_one(
        "“{group}”小计行不是表格单元格，未使用",
        "the subtotal row of group {group!r} is not a cell of the form; not used",
    ),
)
CONFLICT = _kind(
    "R-CONFLICT",
    _W,
    "a row printed twice with different values; neither is used",
    "check the table",
    **_one(
        "本行印了两次且数值不同，未读取",
        "this row is printed twice with different values; left unread",
    ),
)
BLANK_AS_ZERO = _kind(
    "R-BLANK-AS-ZERO",
    _I,
    "printed blanks were read as 0, as asked",
    "none",
    **_one("按调用方要求，空白单元格读为0", "blank cells were read as 0, as the caller asked"),
)

# --- values -------------------------------------------------------------------------------

BAD_VALUE = _kind(
    "R-BAD-VALUE",
    _W,
    "a cell's text is not a value of its column (decimals in a count, a negative count)",
    "read the printed text in the provenance",
    **_one(
        "单元格内容“{raw}”不是有效数值（{problem_zh}），未读取",
        "cell text {raw!r} is not a valid value ({problem}); left unread",
    ),
)
UNIT = _kind(
    "R-UNIT",
    _I,
    "a unit printed after a number (`元`) was kept out of the value",
    "check the unit matches the column's (万元 for fees)",
    **_one(
        "数值后印有单位“{unit}”，已从数值中去除",
        "the unit {unit!r} printed after the number was kept out of the value",
    ),
)
SHORT_ROW = _kind(
    "R-SHORT-ROW",
    _W,
    "fewer values than cells and no way to tell which are missing (blanks dropped by the "
    "copy); the row is None",
    "read the row in another copy",
    **_one(
        "只印有{printed}个数值，而本行有{size}个单元格，无法确定各数值所在的列",
        "only {printed} values printed for {size} cells: their columns cannot be told",
    ),
)
TOO_MANY_VALUES = _kind(
    "R-TOO-MANY-VALUES",
    _W,
    "more values than cells (an extra column?); the row is None",
    "check the table's columns",
    **_one(
        "印有{printed}个数值，而本行只有{size}个单元格",
        "{printed} values printed for {size} cells",
    ),
)
AMBIGUOUS_ALIGNMENT = _kind(
    "R-AMBIGUOUS-ALIGNMENT",
    _W,
    "surplus empty cells at both ends: the values align more than one way",
    "check the row",
    **_one(
        "印有{printed}个单元格，对应{size}个单元格的方式不止一种",
        "{printed} cells printed for {size}: they align in more than one way",
    ),
)
MERGED_CELLS = _kind(
    "R-MERGED-CELLS",
    _W,
    "a number printed across two cells was joined because only that join keeps the total",
    "check the row",
    **_one(
        "有数字被拆在两个单元格中，按勾稽关系合并",
        "a number printed across two cells was joined, as the identities require",
    ),
)
NO_SPLIT = _kind(
    "R-NO-SPLIT",
    _W,
    "a run of digits cannot be cut into the row's cells, or its only cut breaks the row's total",
    "check the row in another copy",
    none=(
        "连写的数字“{raw}”无法拆成{size}个单元格",
        "the run of digits {raw!r} cannot be split into {size} cells",
    ),
    total=(
        "连写的数字“{raw}”唯一的拆分方式不符合本行勾稽关系（总计不等于各项之和）",
        "the only split of the run of digits {raw!r} breaks the row's identity (total ≠ sum)",
    ),
    identities=(
        "连写的数字“{raw}”没有符合本行勾稽关系的拆分方式",
        "no split of the run of digits {raw!r} satisfies the row's identities",
    ),
)
AMBIGUOUS_SPLIT = _kind(
    "R-AMBIGUOUS-SPLIT",
    _W,
    "a run of digits splits in several ways the form allows; the cell is None, its possible "
    "values are listed (and in `undetermined`)",
    "read the cell in another copy (HTML page, PDF)",
    fitting=(
        "连写的数字“{raw}”有{count}种符合要求的拆分方式",
        "the run of digits {raw!r} splits in {count} ways that fit",
    ),
    many=(
        "连写的数字“{raw}”有很多种拆分方式，无法确定",
        "the run of digits {raw!r} splits in too many ways to tell",
    ),
    cell=(
        "连写的数字“{raw}”有{count}种符合要求的拆分方式，本单元格无法确定；可能的值：{values}",
        (
            "the run of digits {raw!r} splits in {count} ways that fit; this cell cannot be"
            " told; possible values: {values}"
        ),
    ),
    next_label=(
        "下一行“{label_zh}”的标签缺失，其数值可能与本行连写在一起",
        "the label of the next row ({label_en!r}) is missing: its values may run into this row's",
    ),
)
SPLIT_BY_IDENTITY = _kind(
    "R-SPLIT-BY-IDENTITY",
    _I,
    "a run split in several ways; the identities chose one",
    "none",
    row=(
        "连写的数字有多种拆分方式，按本行勾稽关系（总计等于各项之和）确定",
        "a run of digits split in several ways; the identity within the row (total = sum) decided",
    ),
    rows=(
        "连写的数字有多种拆分方式，按各行之间的勾稽关系确定",
        "a run of digits split in several ways; the identities between rows decided",
    ),
)

OCR_NOT_PLACED = _kind(
    "R-OCR-UNVERIFIED",
    _W,
    "a number read through OCR is not placed: no identity or second reading backs it",
    "look at the page; pass accept_unverified=True to place such numbers with a warning",
    **_one(
        "OCR识别为“{raw}”，未经核验，未采用：{reason}",
        "OCR read {raw!r}, not placed since it is not verified: {reason}",
    ),
)
OCR_PLACED_UNVERIFIED = _kind(
    "R-OCR-UNVERIFIED-PLACED",
    _W,
    "a number read through OCR is placed though not verified, as the caller asked",
    "check the number against the page",
    **_one(
        "OCR识别为“{raw}”，未经核验（{reason}），按要求照录",
        "OCR read {raw!r}, placed though not verified ({reason})",
    ),
)
OCR_AGREED_INCONSISTENT = _kind(
    "R-OCR-AGREED-INCONSISTENT",
    _W,
    "every OCR reading of a number agrees, but an identity containing it fails as printed",
    "the publisher's arithmetic is wrong (see the rules' findings), or the page is misprinted",
    **_one(
        "OCR识别为“{raw}”，各次识别一致，照录；但{reason}",
        "OCR read {raw!r} the same every time, so it is placed; but {reason}",
    ),
)
OCR_UNREAD = _kind(
    "R-OCR-UNREAD",
    _W,
    "a table cell holds ink that OCR could not read as a number; it is left blank",
    "look at the page; where the form's identities give the cell's value, the message says it",
    **_one(
        "该格有字迹，OCR未能识别为数字（识别为：{readings}），留空",
        "the cell holds ink OCR could not read as a number (read: {readings}); left blank",
    ),
    solved=(
        (
            "该格有字迹，OCR未能识别为数字（识别为：{readings}），留空；按表内勾稽关系应为{value}，"
            "此值为推算，未作为印刷数字采用"
        ),
        (
            "the cell holds ink OCR could not read as a number (read: {readings}); left blank. The "
            "form's identities give {value}, solved, not read, so not placed"
        ),
    ),
)

POSSIBLE_VALUES = Message("；可能的值：{values}", "; possible values: {values}")
"""Added to a finding on a cell left undetermined: the values it could have."""

VALUE_PROBLEMS_ZH = MappingProxyType(
    {
        "not a number": "不是数字",
        "a number cannot start with 0": "数字不能以0开头",
        "an amount cannot be negative": "金额不能为负",
        "a count has no decimals": "件数不能有小数",
        "a count cannot be negative": "件数不能为负",
    }
)
"""The reasons a value is refused (:func:`parse_value`'s ``problem``), in Chinese."""

READING_FINDINGS: Mapping[str, FindingKind] = MappingProxyType(dict(_KINDS))
"""Every reading finding code, in the order declared."""


def reading_findings() -> dict[str, dict[str, Any]]:
    """The registry as a JSON-ready document: code → severity, description, action, messages."""
    return {
        code: {
            "severity": kind.severity.value,
            "description": kind.description,
            "action": kind.action,
            "messages": {
                situation or "default": {"zh": message.zh, "en": message.en}
                for situation, message in kind.messages.items()
            },
        }
        for code, kind in READING_FINDINGS.items()
    }


def reading_findings_json(*, indent: int | None = 2) -> str:
    """The registry as JSON text (UTF-8, Chinese unescaped)."""
    return json.dumps(reading_findings(), ensure_ascii=False, indent=indent)


def registry_table() -> str:
    """The registry as the Markdown table of ``docs/reading.md``."""
    lines = ["| code | severity | meaning | what to do |", "|---|---|---|---|"]
    lines += [
        f"| `{kind.code}` | {kind.severity.value} | {kind.description} | {kind.action} |"
        for kind in READING_FINDINGS.values()
    ]
    return "\n".join(lines)
