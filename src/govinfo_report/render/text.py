"""A report as plain text in a fixed-width layout that a terminal shows aligned.

Chinese characters take two terminal columns, so widths are measured in columns, not
characters. Cells are separated by at least two spaces; a blank value prints as ``—`` (never
as nothing, which would shift the numbers after it, nor as a zero). Headers that span several
columns stand over the first of them. Labels are printed in full (the terminal summary of
``show``, :func:`govinfo_report.render.render_report`, shortens them instead).

>>> from govinfo_report import Report
>>> text = render_text(Report.blank("2021", organ="某某县人民政府", year=2024))
>>> [line.split() for line in text.splitlines() if line.startswith("行政许可")]
[['行政许可', '—']]
"""

from __future__ import annotations

import functools

import attrs

from govinfo_report.catalog import FormatVersion
from govinfo_report.model import Report
from govinfo_report.render._document import document_blocks
from govinfo_report.render._layout import LayoutCell, LayoutTable, blank_layout, placed, value_texts
from govinfo_report.render._template import field, literal, slot_texts
from govinfo_report.render._text import BLANK, display_width

__all__ = ["render_table_text", "render_text"]

_GAP = "  "


@attrs.frozen
class _TextTable:
    """A printed table's lines, but for the widths of its columns, which its values set too.

    A column is as wide as its widest unspanned cell (a spanning header overhangs): the labels'
    widths are measured once, and a report's values (ASCII: a character is a column) widen a
    column only when one is wider than the labels over it, which few reports have.
    """

    matrix: list[list[LayoutCell | None]]
    label_widths: tuple[int, ...]
    value_slots: tuple[tuple[int, ...], ...]
    """Each column's unspanned values, by slot."""
    slots: tuple[int, ...]
    """All of them."""
    room: int
    """The narrowest label width over a column of values: no value as short widens a column."""

    @classmethod
    def of(cls, table: LayoutTable) -> _TextTable:
        matrix = placed(table)
        label_widths = [0] * table.width
        value_slots: list[list[int]] = [[] for _ in range(table.width)]
        for row in matrix:
            for index, cell in enumerate(row):
                if cell is None or cell.colspan > 1:
                    continue
                if cell.slot is None:
                    label_widths[index] = max(label_widths[index], display_width(cell.text))
                else:
                    value_slots[index].append(cell.slot)
        room = min(
            (width for width, slots in zip(label_widths, value_slots, strict=True) if slots),
            default=0,
        )
        slots = tuple(slot for column in value_slots for slot in column)
        return cls(matrix, tuple(label_widths), tuple(map(tuple, value_slots)), slots, room)

    def widths(self, lengths: list[int]) -> tuple[int, ...]:
        """Each column's width, given the lengths of the values' texts by slot."""
        if max(map(lengths.__getitem__, self.slots), default=0) <= self.room:
            return self.label_widths  # the common case, found at the cost of one pass
        return tuple(
            max([label_width, *map(lengths.__getitem__, slots)])
            for label_width, slots in zip(self.label_widths, self.value_slots, strict=True)
        )

    def template(self, widths: tuple[int, ...]) -> str:
        """The table's lines with these column widths, as a format string of the values."""
        return "\n".join(_line_template(row, widths) for row in self.matrix)

    def write(self, texts: list[str]) -> str:
        return self.template(self.widths(_lengths(texts))).format(*texts)


def _lengths(texts: list[str]) -> list[int]:
    """The widths of value texts: digits, sign, point and ``—``, each one column wide."""
    return [len(text) for text in texts]


def _line_template(row: list[LayoutCell | None], widths: tuple[int, ...]) -> str:
    out = ""
    for index, cell in enumerate(row):
        if cell is None:
            if not out.strip():  # nothing printed yet: keep the place of the empty column
                out += " " * (widths[index] + len(_GAP))
            continue
        width = sum(widths[index : index + cell.colspan]) + len(_GAP) * (cell.colspan - 1)
        if cell.slot is None:
            out += literal(cell.text + " " * max(0, width - display_width(cell.text))) + _GAP
        else:  # numbers right-aligned
            out += field(cell.slot, f">{width}") + _GAP
    return out.rstrip()


def render_table_text(table: LayoutTable) -> str:
    """One printed table as aligned lines; numbers are right-aligned in their columns."""
    return _TextTable.of(table).write(slot_texts(table, blank=BLANK))


@functools.cache
def _text_tables(
    proactive: FormatVersion, requests: FormatVersion, lang: str
) -> tuple[tuple[str, _TextTable], ...]:
    tables = blank_layout(proactive, requests, lang)
    return tuple((table.section_id, _TextTable.of(table)) for table in tables)


@functools.lru_cache(maxsize=256)
def _template(
    proactive: FormatVersion,
    requests: FormatVersion,
    lang: str,
    index: int,
    widths: tuple[int, ...],
) -> str:
    """A table's lines with these widths, as a format string.

    Most reports of a version share the widths their labels set: written once, not per report.
    """
    return _text_tables(proactive, requests, lang)[index][1].template(widths)


def render_text(report: Report, *, lang: str = "zh") -> str:
    """The whole report: title, section headings, paragraphs and aligned tables."""
    versions = (report.proactive_disclosure.format, report.requests.format)
    texts = value_texts(report, blank=BLANK)
    lengths = _lengths(texts)
    tables = {
        section_id: _template(*versions, lang, index, table.widths(lengths)).format(*texts)
        for index, (section_id, table) in enumerate(_text_tables(*versions, lang))
    }
    return "\n\n".join(document_blocks(report, lang, tables)) + "\n"
