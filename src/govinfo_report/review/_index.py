"""The index page of a folder of reviewed reports: one sortable row per report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import attrs

from govinfo_report.review._assets import INDEX_SCRIPT, STYLE

__all__ = ["IndexRow", "render_index"]

_COLUMNS = ("organ", "year", "errors", "warnings", "review", "blanks", "not_assessable")
_NUMERIC = frozenset(_COLUMNS[1:])
_WORDS: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "title": "政府信息公开工作年度报告审阅",
        "report": "报告",
        "organ": "机关",
        "year": "年度",
        "errors": "错误",
        "warnings": "警告",
        "review": "审阅发现",
        "blanks": "空白单元格",
        "not_assessable": "无法核对",
        "hint": "点击表头排序。",
        "other": "English",
    },
    "en": {
        "title": "Review of government information disclosure annual reports",
        "report": "Report",
        "organ": "Organ",
        "year": "Year",
        "errors": "Errors",
        "warnings": "Warnings",
        "review": "Review findings",
        "blanks": "Blank cells",
        "not_assessable": "Not assessable",
        "hint": "Click a column header to sort.",
        "other": "中文",
    },
}


@attrs.frozen(kw_only=True)
class IndexRow:
    """One reviewed report: its page, its name and its counts."""

    href: str
    name: str
    organ: str | None
    year: int | None
    counts: Mapping[str, int]


def _cell(row: IndexRow, column: str) -> str:
    if column == "organ":
        return f"<td>{escape(row.organ or '—')}</td>"
    if column == "year":
        year = "" if row.year is None else str(row.year)
        return f'<td class="num" data-sort="{year or 0}">{year or "—"}</td>'
    count = row.counts[column]
    return f'<td class="num" data-sort="{count}">{count}</td>'


def render_index(rows: Sequence[IndexRow], *, lang: str = "zh", other: str | None = None) -> str:
    """The index page: every report with its counts, most review findings first.

    ``other`` is the address of the index in the other language.
    """
    words = _WORDS[lang]
    ordered = sorted(rows, key=lambda row: (-row.counts["review"], -row.counts["errors"], row.name))
    heads = "".join(
        f'<th scope="col" class="{"num" if column in _NUMERIC else ""}"'
        + (' aria-sort="descending"' if column == "review" else "")
        + f">{words[column]}</th>"
        for column in _COLUMNS
    )
    body = "".join(
        f'<tr><td><a href="{escape(row.href)}">{escape(row.name)}</a></td>'
        + "".join(_cell(row, column) for column in _COLUMNS)
        + "</tr>"
        for row in ordered
    )
    nav = f'<nav><a href="{escape(other)}">{words["other"]}</a></nav>' if other else ""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{words['title']}</title>",
            f"<style>\n{STYLE}</style></head><body>",
            (
                f'<header class="top"><h1>{words["title"]}</h1>{nav}'
                f'<p class="meta">{words["hint"]}</p></header>'
            ),
            (
                '<main style="display:block"><table class="index"><thead><tr>'
                f'<th scope="col">{words["report"]}</th>{heads}</tr></thead>'
            ),
            f"<tbody>{body}</tbody></table></main>",
            f"<script>\n{INDEX_SCRIPT}</script>",
            "</body></html>",
        ]
    )
