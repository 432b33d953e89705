"""A report as a Word document: the official template, filled in place.

The template is the blank 2021 form as distributed to offices (``official_template_2021.docx``,
shipped with the package): title, six section headings with ``（文字描述）`` placeholders, and
the three tables with their merged header cells. Writing a report fills it where it stands:

* the title paragraph becomes 《organ year年政府信息公开工作年度报告》;
* each placeholder becomes the section's narrative, one paragraph per line (none if the section
  has no text);
* a table of the 2021 layout gets its values written into its cells, keeping the template's
  fonts, borders and merged headers; a blank stays an empty cell;
* a table of another layout (the 2019 sections 二 and 三, or English labels) is built on the same
  principles from the catalog (:mod:`govinfo_report.render._layout`: the same caption rows,
  merged headers and nested row labels) and takes the template table's place.

All of this but the title, the narratives and the values is the same for every report of a pair
of format versions and a language: it is done once and kept as the bytes of a prepared template
(:func:`_prepared_template`). Writing a report opens that, sets those texts and saves, for about
what python-docx takes to open and save the template itself.

Needs python-docx (``pip install 'govinfo-report[write]'``).

>>> import io, docx
>>> from govinfo_report import Report
>>> data = render_docx(Report.blank("2019", organ="某某县人民政府", year=2020))
>>> document = docx.Document(io.BytesIO(data))
>>> document.paragraphs[1].text
'某某县人民政府2020年政府信息公开工作年度报告'
>>> [len(table.rows) for table in document.tables]
[18, 26, 4]
"""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Mapping
from html import escape
from importlib import resources
from typing import Any, NamedTuple

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion, SectionKind
from govinfo_report.model import Report
from govinfo_report.render._document import narrative_sections, title_text
from govinfo_report.render._layout import (
    CellRole,
    LayoutCell,
    LayoutTable,
    blank_layout,
    column_widths,
    label_text,
    placed,
    value_texts,
)

__all__ = ["TEMPLATE", "render_docx"]

TEMPLATE = "official_template_2021.docx"
"""The blank official template shipped in this package."""
_PLACEHOLDER = "（文字描述"
"""How the template's narrative placeholders begin."""
_TITLE_PARAGRAPH = 1
_P, _R, _RPR, _T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:t")
_TBL, _TR, _TC, _VAL = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:val")
_GRID_SPAN_PATH = f"{qn('w:tcPr')}/{qn('w:gridSpan')}"
_VALUE_TEXT_PATH = f"{_P}/{_R}/{_T}"
_ANY_VALUE = "0"
"""What a fillable table's value cells hold until a report's value replaces it."""


@functools.cache
def _template_bytes() -> bytes:
    return resources.files(__package__).joinpath(TEMPLATE).read_bytes()


def _grid(table: Any) -> list[list[Any]]:  # noqa: ANN401
    """Each row's ``w:tc`` elements by grid column (a spanned cell at each of its columns).

    Read from the XML directly: python-docx's ``row.cells`` resolves vertical merges with an
    XPath query per cell, which costs more than the whole rest of writing.
    """
    rows = []
    for tr in table.iterchildren(_TR):
        positions: list[Any] = []
        for tc in tr.iterchildren(_TC):
            span = tc.find(_GRID_SPAN_PATH)
            positions.extend([tc] * (1 if span is None else int(span.get(_VAL, "1"))))
        rows.append(positions)
    return rows


def _tc_text(tc: Any) -> str:  # noqa: ANN401
    return "".join("".join(t.text or "" for t in tc.iter(_T)).split())


def _matches(grid: list[list[Any]], layout: LayoutTable) -> bool:
    """Whether a template table has the layout's shape and header texts (so fill in place)."""
    if len(grid) != len(layout.rows) or any(len(row) != layout.width for row in grid):
        return False
    for tcs, cells in zip(grid, placed(layout), strict=True):
        for tc, cell in zip(tcs, cells, strict=True):
            if cell is None or cell.role is CellRole.VALUE:
                continue
            if _tc_text(tc) != "".join(cell.text.split()):
                return False
    return True


def _fill(table: Any, values: tuple[tuple[int, int], ...], texts: list[str]) -> None:  # noqa: ANN401
    """A prepared table's value cells given ``texts`` (by slot); a blank leaves its cell empty.

    ``values`` are :attr:`_PreparedTemplate.values`: each value's ``w:t`` found by its place,
    not by walking the table's grid again.
    """
    elements = list(table.iter(_T))
    for place, slot in values:
        element = elements[place]
        if texts[slot]:
            element.text = texts[slot]
        else:  # no run at all, as the template's empty cells
            run = element.getparent()
            run.getparent().remove(run)


def _set_cell_xml(tc: Any, text: str) -> None:  # noqa: ANN401
    """A template cell's text set in its XML (its first paragraph kept, the others removed)."""
    paragraphs = tc.findall(_P)
    for extra in paragraphs[1:]:
        tc.remove(extra)
    _set_paragraph_xml(paragraphs[0], text)


def _set_paragraph_xml(paragraph: Any, text: str) -> None:  # noqa: ANN401
    """A paragraph's text set in its XML: the first run (and its font) kept, or a new one.

    Empty text leaves the paragraph without a run: an empty cell, as the template has.
    """
    runs = paragraph.findall(_R)
    for extra in runs[1:]:
        paragraph.remove(extra)
    run = runs[0] if runs else None
    if not text:
        if run is not None:
            paragraph.remove(run)
        return
    if run is None:
        run = paragraph.makeelement(_R, {})
        paragraph.append(run)
    for child in list(run):
        if child.tag != _RPR:
            run.remove(child)
    run.append(run.makeelement(_T, {}))
    run[-1].text = text


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TABLE_WIDTH = 9740
"""The template tables' width in twentieths of a point; built tables take the same."""
_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _cell_xml(text: str, span: int, merge: str | None, *, right: bool) -> str:
    properties = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge is not None:
        properties += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    alignment = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    run = f"<w:r><w:t>{escape(text)}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{alignment}{run}</w:p></w:tc>"


def _build(layout: LayoutTable) -> Any:  # noqa: ANN401
    """A Word table in the official layout (merged headers, labels, values), as XML.

    Written as one string and parsed once: python-docx's cell-by-cell API looks every cell up
    again on each call, which takes seconds on table 三.
    """
    matrix = placed(layout)
    widths = column_widths(layout)
    grid = "".join(f'<w:gridCol w:w="{_TABLE_WIDTH * width // sum(widths)}"/>' for width in widths)
    origin: dict[tuple[int, int], LayoutCell] = {}
    for row_index, row in enumerate(matrix):
        for column_index, cell in enumerate(row):
            if cell is not None:
                for down in range(1, cell.rowspan):
                    origin[row_index + down, column_index] = cell
    rows = []
    for row_index, row in enumerate(matrix):
        header = "<w:trPr><w:tblHeader/></w:trPr>" if row_index < layout.header_rows else ""
        cells = []
        for column_index, cell in enumerate(row):
            if cell is not None:
                merge = "restart" if cell.rowspan > 1 else None
                right = cell.role is CellRole.VALUE
                cells.append(_cell_xml(cell.text, cell.colspan, merge, right=right))
            elif (row_index, column_index) in origin:
                above = origin[row_index, column_index]
                cells.append(_cell_xml("", above.colspan, "", right=False))
        rows.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
    return parse_xml(
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="{_TABLE_WIDTH}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"{''.join(rows)}</w:tbl>"
    )


def _write_narrative(placeholder: Any, text: str | None) -> None:  # noqa: ANN401
    """The placeholder paragraph becomes one paragraph per line, each formatted like it."""
    lines = [line for line in (text or "").split("\n") if line.strip()]
    if not lines:
        placeholder.getparent().remove(placeholder)
        return
    prototype = copy.deepcopy(placeholder)
    _set_paragraph_xml(placeholder, lines[0])
    previous = placeholder
    for line in lines[1:]:
        paragraph = copy.deepcopy(prototype)
        _set_paragraph_xml(paragraph, line)
        previous.addnext(paragraph)
        previous = paragraph


def _paragraph_text(paragraph: Any) -> str:  # noqa: ANN401
    return "".join("".join(t.text or "" for t in paragraph.iter(_T)).split())


class _PreparedTemplate(NamedTuple):
    """The template made ready for every report of some format versions and language."""

    data: bytes
    """The .docx: headings in the language, the layout's tables, a run in each value cell."""
    placeholders: Mapping[str, int]
    """Each narrative section's placeholder, by its place among the body's paragraphs."""
    values: tuple[tuple[tuple[int, int], ...], ...]
    """For each table, where each value goes: (the place of its ``w:t`` among the table's, its
    slot in :func:`~govinfo_report.render._layout.value_texts`)."""


def _prepare_table(table: Any, layout: LayoutTable) -> tuple[tuple[int, int], ...]:  # noqa: ANN401
    """Give each value cell of ``table`` (laid out as ``layout``) its run; where values go."""
    slots = {}
    for tcs, cells in zip(_grid(table), placed(layout), strict=True):
        for tc, cell in zip(tcs, cells, strict=True):
            if cell is not None and cell.role is CellRole.VALUE:
                assert cell.slot is not None  # noqa: S101 - every value cell has its slot
                _set_cell_xml(tc, _ANY_VALUE)
                slots[tc.find(_VALUE_TEXT_PATH)] = cell.slot
    return tuple((place, slots[t]) for place, t in enumerate(table.iter(_T)) if t in slots)


@functools.cache
def _prepared_template(
    proactive: FormatVersion, requests: FormatVersion, lang: str
) -> _PreparedTemplate:
    """The template as every report of these versions and language starts, made once.

    Everything that does not depend on a report's values is done here: headings in ``lang``,
    each template table kept (if it has the layout's shape and headers) or replaced by one built
    in the layout (:func:`_build`), every value cell given its one run. A report then only sets
    texts; finding cells in the template's grid and tidying them cost more than the rest of
    filling it.
    """
    document = docx.Document(io.BytesIO(_template_bytes()))
    body = document.element.body
    paragraphs = body.findall(_P)
    headings = {_paragraph_text(p): p for p in paragraphs}
    placeholders = {}
    for section in catalog.format_spec(proactive).sections:
        heading = headings[section.heading.zh]
        if lang != "zh":
            _set_paragraph_xml(heading, label_text(section.heading, lang))
        following = heading.getnext()
        if section.kind is SectionKind.NARRATIVE and _paragraph_text(following).startswith(
            _PLACEHOLDER
        ):
            placeholders[section.id] = paragraphs.index(following)
    values = []
    for template_table, layout in zip(
        body.findall(_TBL), blank_layout(proactive, requests, lang), strict=True
    ):
        table = template_table
        if not _matches(_grid(template_table), layout):
            table = _build(layout)
            body.replace(template_table, table)
        values.append(_prepare_table(table, layout))
    buffer = io.BytesIO()
    document.save(buffer)
    return _PreparedTemplate(buffer.getvalue(), placeholders, tuple(values))


def render_docx(report: Report, *, lang: str = "zh") -> bytes:
    """The report as the bytes of a .docx file (the official template, filled)."""
    prepared = _prepared_template(report.proactive_disclosure.format, report.requests.format, lang)
    document = docx.Document(io.BytesIO(prepared.data))
    body = document.element.body
    paragraphs = body.findall(_P)
    _set_paragraph_xml(paragraphs[_TITLE_PARAGRAPH], title_text(report, lang))
    for section, text in narrative_sections(report):
        if section.id in prepared.placeholders:
            _write_narrative(paragraphs[prepared.placeholders[section.id]], text)
    texts = value_texts(report)
    for table, values in zip(body.findall(_TBL), prepared.values, strict=True):
        _fill(table, values, texts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
