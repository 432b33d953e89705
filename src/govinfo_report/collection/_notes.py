"""The findings only a collection can make, declared once: code, severity, both languages.

``C-`` codes are about files and keys (what was read, what was counted); ``S-`` codes about an
organ's series of reports. Messages are templates filled with ``str.format``.
"""

from __future__ import annotations

import attrs

from govinfo_report.catalog import Label
from govinfo_report.errors import Severity

__all__ = [
    "CONFLICT",
    "DUPLICATE_FILE",
    "DUPLICATE_REPORT",
    "NOTES",
    "NO_ORGAN",
    "NO_YEAR",
    "SERIES_GAP",
    "SUDDEN_CHANGE",
    "UNREADABLE",
    "Note",
]


@attrs.frozen
class Note:
    """A kind of collection finding, with message templates in Chinese and English."""

    code: str
    severity: Severity
    zh: str
    en: str

    def messages(self, **values: object) -> tuple[str, str]:
        """The two messages with ``values`` filled in; a :class:`Label` in its own language."""
        zh = {key: value.zh if isinstance(value, Label) else value for key, value in values.items()}
        en = {key: value.en if isinstance(value, Label) else value for key, value in values.items()}
        return self.zh.format(**zh), self.en.format(**en)


UNREADABLE = Note(
    "C-UNREADABLE",
    Severity.ERROR,
    "文件无法读取为年度报告：{error}",
    "the file could not be read as a report: {error}",
)
NO_YEAR = Note(
    "C-NO-YEAR",
    Severity.ERROR,
    "报告未写明年度：保留其数据，但不参与年度序列和同级比较",
    "the report does not state its year: its data are kept, but it is left out of series "
    "and peer statistics",
)
NO_ORGAN = Note(
    "C-NO-ORGAN",
    Severity.WARNING,
    "报告未写明报告机关：不参与年度序列",
    "the report does not name its organ: it is left out of series",
)
DUPLICATE_FILE = Note(
    "C-DUPLICATE-FILE",
    Severity.INFO,
    "与 {other} 内容完全相同（同一文件）：不重复计数",
    "byte-identical to {other}: not counted twice",
)
DUPLICATE_REPORT = Note(
    "C-DUPLICATE-REPORT",
    Severity.INFO,
    "与 {other} 为同一机关同一年度的同一报告（数值相同）：不重复计数",
    "the same report (same organ, year and cells) as {other}: not counted twice",
)
CONFLICT = Note(
    "C-CONFLICT",
    Severity.ERROR,
    "{other} 也是{organ} {year}年度的报告，但数值不同：计入 {other}，本文件未计入",
    "{other} is also {organ}'s report for {year}, with different cells: {other} is counted, "
    "this file is not",
)
SERIES_GAP = Note(
    "S-GAP",
    Severity.INFO,
    "缺少 {missing} 年度报告：{previous}年与{year}年之间不做连续性检查，仅列出变化",
    "no report for {missing}: continuity between {previous} and {year} is not checked, "
    "only changes are listed",
)
SUDDEN_CHANGE = Note(
    "S-SUDDEN-CHANGE",
    Severity.WARNING,
    "{cell}：{previous}年为 {before}，{year}年为 {after}，变化超过 {factor} 倍",
    "{cell}: {before} in {previous}, {after} in {year}, a change of more than {factor}×",
)

NOTES: tuple[Note, ...] = (
    UNREADABLE,
    NO_YEAR,
    NO_ORGAN,
    DUPLICATE_FILE,
    DUPLICATE_REPORT,
    CONFLICT,
    SERIES_GAP,
    SUDDEN_CHANGE,
)
"""Every collection finding, for documentation and the findings table."""
