"""The review page: one self-contained HTML file per report, in Chinese or English.

The official tables (laid out by :mod:`govinfo_report.render.html`) with every cell marked by its
status: failed (a rule or a quoted figure contradicts it), not assessable (a rule could not be
made because of a blank), blank, settled (determined from the organ's series, when the caller
says so) or agreeing with the narrative. The findings are listed beside the report, each linked
to its cells and its sentence; each cell links back to its findings and shows the text printed
there and the place it was read (:attr:`ParseResult.provenance`). The narrative shows every
figure it quotes, coloured by the outcome of its comparison and linked to the cells.

No server, nothing fetched: the stylesheet, the script and the data are inside the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape
from typing import TYPE_CHECKING

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Label, SectionKind
from govinfo_report.errors import Severity
from govinfo_report.render._document import narrative_sections, title_text
from govinfo_report.render._layout import LayoutCell, label_text, layout_tables
from govinfo_report.render.html import render_table_html
from govinfo_report.review._assets import PAGE_SCRIPT, STYLE
from govinfo_report.review._rules import ReviewFinding
from govinfo_report.review._vocabulary import TERMS
from govinfo_report.rules import Finding, Status

if TYPE_CHECKING:
    from govinfo_report.model import Report
    from govinfo_report.parse import Location
    from govinfo_report.review._figures import NarrativeFigure
    from govinfo_report.review._review import Review
    from govinfo_report.review._rules import Passage

__all__ = ["UI", "cell_id", "render_page"]

UI: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "findings": "发现的问题",
        "none": "未发现问题。",
        "figures": "正文数字与表格一致或无法核对",
        "not_assessable": "因空白无法核对的规则",
        "cells": "单元格",
        "sentence": "正文",
        "empty": "（本部分为空）",
        "path": "路径",
        "value": "数值",
        "raw": "原文",
        "where": "读取位置",
        "candidates": "可能的值（无法确定）",
        "close": "关闭",
        "errors": "错误",
        "warnings": "警告",
        "review": "审阅发现",
        "blanks": "空白单元格",
        "legend": "图例：",
        "failed": "不成立",
        "na": "无法核对",
        "blank": "空白",
        "settled": "依系列确定",
        "agrees": "与正文一致",
        "index": "索引",
        "other": "English",
        "file": "文件",
        "previous": "上年报告",
        "unmapped": "未对应表格",
        "other_year": "其他年度",
        "approximate": "约数",
    },
    "en": {
        "findings": "Findings",
        "none": "Nothing found.",
        "figures": "Narrative figures that agree or cannot be checked",
        "not_assessable": "Rules not assessable because of blanks",
        "cells": "cells",
        "sentence": "text",
        "empty": "(this section is empty)",
        "path": "Path",
        "value": "Value",
        "raw": "Printed text",
        "where": "Read at",
        "candidates": "Possible values (undetermined)",
        "close": "Close",
        "errors": "errors",
        "warnings": "warnings",
        "review": "review findings",
        "blanks": "blank cells",
        "legend": "Legend:",
        "failed": "failed",
        "na": "not assessable",
        "blank": "blank",
        "settled": "settled by the series",
        "agrees": "agrees with the text",
        "index": "Index",
        "other": "中文",
        "file": "file",
        "previous": "last year's report",
        "unmapped": "not a table figure",
        "other_year": "another year",
        "approximate": "approximate",
    },
}
"""The page's own words in each language (labels come from the catalog)."""

_PLACES = {
    "page": ("第{}页", "page {}"),
    "table": ("表{}", "table {}"),
    "line": ("第{}行", "line {}"),
    "row": ("第{}行", "row {}"),
    "column": ("第{}格", "cell {}"),
}
_LEGEND = ("failed", "na", "blank", "settled", "agrees")
_LEGEND_CLASSES = {"failed": "st-failed", "na": "st-na", "blank": "st-blank"}
_LEGEND_CLASSES |= {"settled": "st-settled", "agrees": "st-agrees"}
_QUOTED = 5
"""How many repeated passages a copy finding quotes on the page."""
_TERM_LABELS = {term.id: term.label for term in TERMS}


def cell_id(path: str) -> str:
    """The HTML id of a cell's ``<td>``: ``$.requests.granted.total`` → ``cell-requests-…``."""
    return "cell-" + path.removeprefix("$.").replace(".", "-")


def _where(location: Location, lang: str) -> str:
    parts = []
    for name, (zh, en) in _PLACES.items():
        value = getattr(location, name)
        if value is not None:
            parts.append((zh if lang == "zh" else en).format(value))
    return ("，" if lang == "zh" else ", ").join(parts)


@attrs.frozen(kw_only=True)
class _Entry:
    """One item of the findings list."""

    id: str
    rule: str
    severity: Severity
    status: Status
    message: str
    paths: tuple[str, ...]
    passages: tuple[Passage, ...] = ()
    previous: tuple[Passage, ...] = ()


def _entry(finding: Finding | ReviewFinding, lang: str) -> _Entry:
    if isinstance(finding, ReviewFinding):
        paths, passages, previous = finding.paths, finding.passages, finding.previous
    else:
        paths, passages, previous = (finding.path,), (), ()
    return _Entry(
        id="",
        rule=finding.rule,
        severity=finding.severity,
        status=finding.status,
        message=finding.message(lang),
        paths=paths,
        passages=passages,
        previous=previous,
    )


def _entries(review: Review, lang: str) -> tuple[list[_Entry], list[_Entry], list[_Entry]]:
    """(the findings, the figures that agree or cannot be checked, the rules not assessable)."""
    # Blank cells (rule B, info) are shown by the cells themselves, not listed.
    checks = [finding for finding in review.checks if finding.severity is not Severity.INFO]
    listed = [_entry(f, lang) for f in checks if f.status is Status.FAILED]
    listed += [_entry(f, lang) for f in review.findings]
    figures = [_entry(f, lang) for f in review.comparisons if f.status is not Status.FAILED]
    not_assessable = [_entry(f, lang) for f in checks if f.status is not Status.FAILED]
    groups: list[list[_Entry]] = [listed, figures, not_assessable]
    number = 0
    for group in groups:
        for index, entry in enumerate(group):
            number += 1
            group[index] = attrs.evolve(entry, id=f"f-{number}")
    return listed, figures, not_assessable


def _cell_statuses(
    entries: Iterable[_Entry], settled: Mapping[str, str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(classes, finding ids) of every cell some finding names."""
    classes: dict[str, list[str]] = {path: ["st-settled"] for path in settled}
    ids: dict[str, list[str]] = {}
    status_class = {Status.FAILED: "st-failed", Status.NOT_ASSESSABLE: "st-na"}
    for entry in entries:
        for path in entry.paths:
            if not path.startswith("$.") or path.count(".") < 3:
                continue
            ids.setdefault(path, []).append(entry.id)
            kind = status_class.get(entry.status, "st-agrees")
            if kind not in classes.setdefault(path, []):
                classes[path].append(kind)
    return classes, ids


def _figure_entries(entries: Iterable[_Entry]) -> dict[tuple[str, int], _Entry]:
    return {
        (entry.passages[0].section, entry.passages[0].start): entry
        for entry in entries
        if entry.rule == "P7" and entry.passages
    }


def _figure_mark(figure: NarrativeFigure, entry: _Entry | None, number: int, lang: str) -> str:
    label = _TERM_LABELS.get(figure.term or "")
    words = UI[lang]
    if entry is not None:
        status = entry.status.value
        note = entry.message
        cells = " ".join(cell_id(path) for path in entry.paths)
        extra = f' data-cells="{cells}" data-finding="{entry.id}"'
    else:
        status = "other"
        reason = (
            words["other_year"]
            if figure.other_year
            else words["approximate"]
            if figure.approximate
            else words["unmapped"]
        )
        note = f"{label[0 if lang == 'zh' else 1]}：{reason}" if label else reason
        extra = ""
    return (
        f'<mark id="fig-{number}" class="fig {status}" title="{escape(note)}"{extra}>'
        f"{escape(figure.text)}</mark>"
    )


def _narrative(
    section: str, text: str, review: Review, marks: dict[tuple[str, int], _Entry], lang: str
) -> str:
    pieces: list[str] = []
    position = 0
    for number, figure in enumerate(review.figures, start=1):
        if figure.section != section:
            continue
        pieces.append(escape(text[position : figure.start]))
        pieces.append(_figure_mark(figure, marks.get((section, figure.start)), number, lang))
        position = figure.end
    pieces.append(escape(text[position:]))
    return f'<div class="narrative" data-section="{section}">{"".join(pieces).strip()}</div>'


def _entry_html(entry: _Entry, figure_ids: Mapping[tuple[str, int], str], lang: str) -> str:
    words = UI[lang]
    links = []
    cells = [path for path in entry.paths if path.count(".") >= 3]
    if cells:
        targets = " ".join(cell_id(path) for path in cells)
        links.append(
            f'<a class="goto" href="#{cell_id(cells[0])}" data-cells="{targets}">'
            f"→ {words['cells']}</a>"
        )
    for passage in entry.passages[:1]:
        figure = figure_ids.get((passage.section, passage.start))
        if figure is not None:
            links.append(f'<a class="goto" href="#{figure}">→ {words["sentence"]}</a>')
    quotes = "".join(
        f"<blockquote>{escape(new.text)}</blockquote>"
        f'<blockquote class="previous" title="{words["previous"]}">{escape(old.text)}</blockquote>'
        for new, old in list(zip(entry.passages, entry.previous, strict=False))[:_QUOTED]
    )
    return (
        f'<li id="{entry.id}" class="sev-{entry.severity.value} {entry.status.value}" '
        f'data-paths="{" ".join(entry.paths)}"><span class="rule">{entry.rule}</span>'
        f"{escape(entry.message)} {' '.join(links)}{quotes}</li>"
    )


def _cell_info(review: Review, cell: LayoutCell, lang: str) -> dict[str, str | None]:
    """What the panel shows about a cell: labels, value, printed text, place read.

    For a cell the reader left blank because several readings fit, the values it could have.
    """
    assert cell.path is not None  # noqa: S101 - value cells have paths
    provenance = review.result.provenance.get(cell.path)
    candidates = review.result.undetermined.get(cell.path)
    return {
        "label": _cell_label(review.report, cell.path, lang),
        "value": cell.text or UI[lang]["blank"],
        "raw": None if provenance is None else provenance.raw,
        "where": None if provenance is None else _where(provenance.location, lang),
        "candidates": None if not candidates else " / ".join(map(str, candidates)),
    }


def _header(review: Review, lang: str, links: Mapping[str, str]) -> str:
    words = UI[lang]
    report = review.report
    counts = review.counts()
    summary = "".join(
        f'<li class="{"bad" if counts[key] and key != "blanks" else ""}">'
        f"{counts[key]} {words[key]}</li>"
        for key in ("errors", "warnings", "review", "blanks")
    )
    legend = "".join(
        f'<span class="swatch {_LEGEND_CLASSES[key]}"></span>{words[key]}' for key in _LEGEND
    )
    source = report.source.file if report.source is not None and report.source.file else ""
    versions = ", ".join(f"{key} {value.value}" for key, value in report.formats.items())
    nav = "".join(f'<a href="{escape(href)}">{words[name]}</a>' for name, href in links.items())
    return (
        f'<header class="top"><h1>{escape(title_text(report, lang))}</h1>'
        f'<p class="meta">{escape(words["file"])}: {escape(source)} · {escape(versions)}</p>'
        f"<nav>{nav}</nav>"
        f'<ul class="summary">{summary}</ul><p class="legend">{words["legend"]}{legend}</p>'
        "</header>"
    )


def render_page(
    review: Review,
    *,
    lang: str = "zh",
    links: Mapping[str, str] | None = None,
    settled: Mapping[str, str] | None = None,
) -> str:
    """The review page of one report, as a complete HTML document.

    ``links`` adds navigation links by name (``index``, ``other`` for the page in the other
    language) to their addresses. ``settled`` names cells determined from the organ's series
    (path → how), marked as such.
    """
    words = UI[lang]
    listed, figures, not_assessable = _entries(review, lang)
    every = [*listed, *figures, *not_assessable]
    classes, ids = _cell_statuses(every, settled or {})
    value_cells: list[LayoutCell] = []

    def decorate(cell: LayoutCell) -> dict[str, str]:
        assert cell.path is not None  # noqa: S101 - only value cells are decorated
        value_cells.append(cell)
        own = list(classes.get(cell.path, []))
        if cell.value is None:
            own.insert(0, "st-blank")
        attributes = {"id": cell_id(cell.path), "tabindex": "0"}
        provenance = review.result.provenance.get(cell.path)
        if provenance is not None:
            attributes["title"] = f"{provenance.raw} — {_where(provenance.location, lang)}"
        if own:
            attributes["class"] = " ".join(own)
        if cell.path in ids:
            attributes["data-findings"] = " ".join(ids[cell.path])
        return attributes

    marks = _figure_entries(every)
    figure_ids = {
        (figure.section, figure.start): f"fig-{number}"
        for number, figure in enumerate(review.figures, start=1)
    }
    tables = {table.section_id: table for table in layout_tables(review.report, lang)}
    body: list[str] = []
    for section, text in narrative_sections(review.report):
        body.append(
            f'<h2 id="section-{section.id}">{escape(label_text(section.heading, lang))}</h2>'
        )
        if section.kind is SectionKind.NARRATIVE:
            if text:
                body.append(_narrative(section.id, text, review, marks, lang))
            else:
                body.append(f'<p class="empty">{words["empty"]}</p>')
        elif section.id in tables:
            body.append(render_table_html(tables[section.id], decorate=decorate))
    findings = "".join(_entry_html(entry, figure_ids, lang) for entry in listed)
    groups = "".join(
        f"<details><summary>{words[key]} ({len(group)})</summary><ol>"
        + "".join(_entry_html(entry, figure_ids, lang) for entry in group)
        + "</ol></details>"
        for key, group in (("figures", figures), ("not_assessable", not_assessable))
        if group
    )
    cells = {cell.path: _cell_info(review, cell, lang) for cell in value_cells}
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title_text(review.report, lang))}</title>",
            f"<style>\n{STYLE}</style></head><body>",
            _header(review, lang, links or {}),
            f'<main><section id="findings"><h2>{words["findings"]}</h2>',
            f"<ol>{findings}</ol>" if findings else f"<p>{words['none']}</p>",
            groups,
            "</section><article>",
            *body,
            "</article></main>",
            '<aside id="cell-panel" hidden></aside>',
            f'<script type="application/json" id="cell-data">{_json(cells)}</script>',
            f'<script type="application/json" id="ui-texts">{_json(words)}</script>',
            f"<script>\n{PAGE_SCRIPT}</script>",
            "</body></html>",
        ]
    )


def _cell_label(report: Report, path: str, lang: str) -> str:
    parts = path.removeprefix("$.").split(".")
    if parts[0] == catalog.PROACTIVE_DISCLOSURE_ID:
        grid = report.proactive_disclosure.table(parts[1]).grid
        row, column = parts[2], parts[3]
    elif parts[0] == catalog.REQUESTS_ID:
        grid, row, column = report.requests.grid, parts[1], parts[2]
    else:
        grid, row, column = report.review_litigation.grid, parts[1], parts[2]
    labels: tuple[Label, ...] = (grid.label, grid.row(row).label, grid.column(column).label)
    return " · ".join(label_text(label, lang) for label in labels)


def _json(data: object) -> str:
    # Inside <script>: "</" would end the element.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
