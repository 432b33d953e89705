"""How findings name cells and say what is wrong, in Chinese and in English.

Each check's messages are rendered once, when the check is compiled, as templates in which only
the values are left open: ``{reported}``, ``{computed}``, ``{difference}`` and
``{blank_cells}``. The rule catalogue exports these templates, so a program in another
language produces the same sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo_report import catalog

if TYPE_CHECKING:
    from govinfo_report.catalog import Grid, Label, Section

__all__ = ["Names", "Texts"]

Texts = tuple[str, str]
"""A text in Chinese and in English."""

# Kinds of check, by what their failure means.
IDENTITY = "identity"
BOUND = "bound"
CONTINUITY = "continuity"
BLANK = "blank"

_FAILED: dict[str, Texts] = {
    IDENTITY: (
        (
            "{table}，{line}：{formula} 不成立：{cell}填报 {reported}，"
            "按其余各项应为 {computed}，相差 {difference}。"
        ),
        (
            "{table}, {line}: [{formula}] does not hold: {cell} reports {reported}, "
            "the other operands give {computed} (difference {difference})."
        ),
    ),
    BOUND: (
        (
            "{table}，{line}：{formula} 不满足：{cell}填报 {reported}，"
            "超过上限 {computed}，超出 {difference}。"
        ),
        (
            "{table}, {line}: [{formula}] is not met: {cell} reports {reported}, "
            "above the limit {computed} by {difference}."
        ),
    ),
    CONTINUITY: (
        (
            "{table}，{line}：{formula} 不成立：本年{cell}填报 {reported}，"
            "按上年报告应为 {computed}，相差 {difference}。"
        ),
        (
            "{table}, {line}: [{formula}] does not hold: this year {cell} reports {reported}, "
            "last year's report gives {computed} (difference {difference})."
        ),
    ),
    BLANK: (
        "{table}：{cell}空白（未填报，不按 0 计）。",
        "{table}: {cell} is blank (not reported; not counted as 0).",
    ),
}
_NOT_ASSESSABLE: Texts = (
    "{table}，{line}：{formula} 无法核对，因为以下单元格空白：{blank_cells}。",
    "{table}, {line}: [{formula}] cannot be checked because these cells are blank: {blank_cells}.",
)
_PASSED: dict[str, Texts] = {
    IDENTITY: ("{table}，{line}：{formula} 成立。", "{table}, {line}: [{formula}] holds."),
    BOUND: ("{table}，{line}：{formula} 满足。", "{table}, {line}: [{formula}] is met."),
    CONTINUITY: ("{table}，{line}：{formula} 成立。", "{table}, {line}: [{formula}] holds."),
    BLANK: ("{table}：{cell}已填报。", "{table}: {cell} is filled in."),
}
PREVIOUS: Texts = ("上年报告", "last year's report: ")
"""Put before the name of a cell of the previous year's report."""
LIST_SEPARATOR: Texts = ("、", "; ")


def _escape(text: str) -> str:
    # Labels are substituted into templates that are formatted again later.
    return text.replace("{", "{{").replace("}", "}}")


def _fill(template: str, parts: dict[str, str]) -> str:
    for key, value in parts.items():
        template = template.replace("{" + key + "}", _escape(value))
    return template


class Names:
    """The names of a grid's table, lines and cells, as printed on the form."""

    def __init__(self, section: Section, grid: Grid) -> None:
        """Names for ``grid`` of ``section``."""
        self.grid = grid
        heading = section.heading
        if grid.id == section.id:
            self.table: Texts = (heading.zh, heading.en)
        else:
            self.table = (f"{heading.zh} {grid.label.zh}", f"{heading.en}, {grid.label.en}")

    def _row(self, row_id: str) -> Texts:
        return _with_group(self.grid.row(row_id).label, self.grid.row_groups, row_id)

    def _column(self, column_id: str) -> Texts:
        return _with_group(self.grid.column(column_id).label, self.grid.column_groups, column_id)

    def row_line(self, row_id: str) -> Texts:
        """The row an identity runs along: “行政复议”行."""
        zh, en = self._row(row_id)
        return f"“{zh}”行", f'row "{en}"'

    def column_line(self, column_id: str) -> Texts:
        """The column an identity runs down: “自然人”列."""
        zh, en = self._column(column_id)
        return f"“{zh}”列", f'column "{en}"'

    def cell(self, row_id: str, column_id: str) -> Texts:
        """One cell: “（七）总计”行“自然人”列."""
        row_zh, row_en = self._row(row_id)
        column_zh, column_en = self._column(column_id)
        return f"“{row_zh}”行“{column_zh}”列", f'row "{row_en}", column "{column_en}"'


def _with_group(label: Label, groups: tuple[catalog.Group, ...], member: str) -> Texts:
    """A label after the innermost group spanning it: （三）不予公开 1.属于国家秘密."""
    containing = [group for group in groups if member in group.members]
    if not containing:
        return label.zh, label.en
    group = min(containing, key=lambda group: len(group.members))
    return f"{group.label.zh} {label.zh}", f"{group.label.en} / {label.en}"


def templates(kind: str, parts: dict[str, Texts]) -> dict[str, Texts]:
    """The message templates of one check, by status value, with the names filled in."""
    by_status = {"failed": _FAILED[kind], "passed": _PASSED[kind]}
    if kind != BLANK:
        by_status["not_assessable"] = _NOT_ASSESSABLE
    return {
        status: (
            _fill(zh, {key: value[0] for key, value in parts.items()}),
            _fill(en, {key: value[1] for key, value in parts.items()}),
        )
        for status, (zh, en) in by_status.items()
    }
