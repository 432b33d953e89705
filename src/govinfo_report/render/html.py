r"""A report as one standalone HTML page in the official layout.

The page needs nothing else: no script, no stylesheet or font to fetch; ``lang="zh-CN"``; the
tables have real header cells (``<th scope="col|colgroup|row|rowgroup">``) with the official
``colspan``/``rowspan``; a print stylesheet fits the tables on A4 paper and repeats the header
rows on each page. Labels come from the catalog (:mod:`govinfo_report.render._layout`).

**Decorating cells.** :func:`render_html` and :func:`render_table_html` take ``decorate``, a
function called with every value cell (a :class:`~govinfo_report.render._layout.LayoutCell`
whose ``path`` is the cell's JSON path, e.g. ``$.requests.granted.total``, and whose ``value``
is the model value). It returns extra attributes for that ``<td>`` as a mapping: ``class`` is
added to the cell's own classes, every other key (``title``, ``data-*``, ``id``, ``aria-*``) is
set as given (values are escaped here). Return an empty mapping to leave a cell alone.
``extra_css`` adds rules to the page's stylesheet for the classes a decorator uses. A review
page, for instance, marks the cells a finding names:

>>> from govinfo_report import Report
>>> report = Report.blank("2021", organ="某某县人民政府", year=2024)
>>> def flag(cell):
...     if cell.path == "$.requests.granted.total":
...         return {"class": "finding error", "title": "E3 总计 ≠ 各类申请人之和"}
...     return {}
>>> page = render_html(report, decorate=flag, extra_css=".error { background: #fdd; }")
>>> '<td class="value finding error" data-path="$.requests.granted.total"' in page
True
>>> page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
True

Every value cell carries ``data-path`` with its JSON path, so scripts can find it too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from html import escape

from govinfo_report.model import Report
from govinfo_report.render._document import narrative_sections, title_text
from govinfo_report.render._layout import (
    CellRole,
    LayoutCell,
    LayoutTable,
    label_text,
    layout_tables,
)
from govinfo_report.render._template import field, literal, slot_texts, written_tables

__all__ = ["Decorate", "render_html", "render_table_html"]

Decorate = Callable[[LayoutCell], Mapping[str, str]]
"""Extra attributes of a value cell's ``<td>``, from the cell (see the module docstring)."""

STYLE = """\
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; margin: 2em auto;
  max-width: 60em; line-height: 1.6; color: #000; }
h1 { font-size: 1.5em; text-align: center; }
h2 { font-size: 1.15em; margin-top: 1.5em; }
p { text-indent: 2em; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.85em; }
th, td { border: 1px solid #000; padding: 0.2em 0.35em; }
th { font-weight: normal; text-align: center; vertical-align: middle; }
th[scope="row"], th[scope="rowgroup"] { text-align: left; }
th.caption { font-weight: bold; }
td.value { text-align: right; min-width: 2.5em; font-variant-numeric: tabular-nums; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  table { page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _attributes(attributes: Mapping[str, str]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())


def _spans(colspan: int, rowspan: int) -> dict[str, str]:
    spans = {}
    if colspan > 1:
        spans["colspan"] = str(colspan)
    if rowspan > 1:
        spans["rowspan"] = str(rowspan)
    return spans


@functools.lru_cache(maxsize=4096)
def _header_html(text: str, role: CellRole, colspan: int, rowspan: int) -> str:
    """A header cell's markup; the same few hundred labels recur in every page."""
    if role is CellRole.ROW_HEADER:
        scope = "rowgroup" if rowspan > 1 else "row"
    else:
        scope = "colgroup" if colspan > 1 else "col"
    attributes = {"scope": scope, **_spans(colspan, rowspan)}
    if role is CellRole.CAPTION:
        attributes = {"class": "caption", **attributes}
    return f"<th{_attributes(attributes)}>{escape(text)}</th>"


def _cell_template(cell: LayoutCell, decorate: Decorate | None) -> str:
    """A cell's markup as a format string: a value's text is the field of its slot."""
    if cell.slot is None:
        return literal(_header_html(cell.text, cell.role, cell.colspan, cell.rowspan))
    spans = _attributes(_spans(cell.colspan, cell.rowspan)) if cell.colspan > 1 else ""
    path = escape(cell.path or "")
    extra = {} if decorate is None else dict(decorate(cell))
    classes = " ".join(["value", extra.pop("class")]) if "class" in extra else "value"
    start = f'<td class="{escape(classes)}" data-path="{path}"{spans}{_attributes(extra)}>'
    return f"{literal(start)}{field(cell.slot)}</td>"


def _table_template(table: LayoutTable, decorate: Decorate | None = None) -> str:
    """One printed table as a ``<table>`` element (header rows in ``<thead>``), a format string."""
    rows = [
        "<tr>" + "".join(_cell_template(cell, decorate) for cell in row) + "</tr>"
        for row in table.rows
    ]
    head = "".join(rows[: table.header_rows])
    body = "".join(rows[table.header_rows :])
    thead = f"<thead>{head}</thead>" if head else ""
    return f'<table data-section="{table.section_id}">{thead}<tbody>{body}</tbody></table>'


def render_table_html(table: LayoutTable, *, decorate: Decorate | None = None) -> str:
    """One printed table as a ``<table>`` element (header rows in ``<thead>``)."""
    return _table_template(table, decorate).format(*slot_texts(table))


def render_html(
    report: Report,
    *,
    lang: str = "zh",
    decorate: Decorate | None = None,
    extra_css: str = "",
) -> str:
    """The whole report as a standalone page: title, six sections, tables in official layout."""
    title = escape(title_text(report, lang))
    if decorate is None:  # the same markup around every report's values: written once
        tables = written_tables(report, lang, _table_template)
    else:
        tables = {
            table.section_id: render_table_html(table, decorate=decorate)
            for table in layout_tables(report, lang)
        }
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{STYLE}{extra_css}</style></head>",
        f"<body>\n<h1>{title}</h1>",
    ]
    for section, text in narrative_sections(report):
        parts.append(f"<h2>{escape(label_text(section.heading, lang))}</h2>")
        if section.id in tables:
            parts.append(tables[section.id])
        parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in _paragraphs(text))
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _paragraphs(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]
