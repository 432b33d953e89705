"""Stage 2b: tables whose section heading is missing, found by their own labels.

A heading is a hint, not a requirement: copies drop a heading, mistype it (a wrong or extra
character, a garbled word) or glue it into a sentence. A table section whose heading was not
found is looked for in the region of the section found before it (where its lines would have
been taken): it starts at the first line printing, as a whole cell, a label that only that
section's tables have (``第二十条第（一）项``, ``本年新收政府信息公开申请数量``, ``结果维持``),
and runs to the end of that region. So the table is read, and its numbers never flow into the
neighbouring table's last row.
"""

from __future__ import annotations

import functools

from govinfo_report import catalog
from govinfo_report.parse._canon import canonical, strip_numbering
from govinfo_report.parse._interpret._pieces import Piece
from govinfo_report.parse._vocabulary import TABLE_SECTIONS, vocabulary

__all__ = ["place_unheaded_tables"]

_MIN_LABEL = 4
"""Shorter labels (``其他``, ``总计``) are shared by every table."""
_MAX_LABEL_CELL = 80
"""A longer cell is prose, not a table's label."""
_MAX_LABEL_CELL = 80
"""A longer cell is prose, not a table's label."""


@functools.cache
def _own_labels(section_id: str) -> frozenset[str]:
    """Labels (canonical, without numbering) printed by this table section's tables only."""
    own = {strip_numbering(text) for text in vocabulary(section_id).terms}
    others = {
        strip_numbering(text)
        for other in TABLE_SECTIONS
        if other != section_id
        for text in vocabulary(other).terms
    }
    return frozenset(text for text in own - others if len(text) >= _MIN_LABEL)


def _is_own_label(text: str, section_id: str) -> bool:
    """Whether a cell prints only labels of the section, one of them its own.

    Converters glue neighbouring header cells (``行政复议行政诉讼``): a cell made of labels
    end to end counts as well as a cell holding one.
    """
    canon = strip_numbering(canonical(text))
    labels = _own_labels(section_id)
    if canon in labels:
        return True
    cursor = 0
    own = False
    for match in vocabulary(section_id).pattern.finditer(canon):
        if match.start() != cursor:
            return False
        cursor = match.end()
        own = own or strip_numbering(match.group()) in labels
    return own and cursor == len(canon)


def _table_start(pieces: list[Piece], section_id: str) -> int | None:
    """The index of the first piece of the first line printing one of the section's labels."""
    line_start = 0
    for index, piece in enumerate(pieces):
        if index and piece.line != pieces[index - 1].line:
            line_start = index
        if len(piece.raw) > _MAX_LABEL_CELL or not piece.raw.strip():
            continue
        if _is_own_label(piece.raw, section_id):
            return line_start
    return None


def place_unheaded_tables(regions: dict[str, list[Piece]], preamble: list[Piece]) -> None:
    """Give each table section whose heading was not found the lines its labels start."""
    order = catalog.SECTION_IDS
    for section_id in TABLE_SECTIONS:
        if section_id in regions:
            continue
        found_before = [other for other in order[: order.index(section_id)] if other in regions]
        host = regions[found_before[-1]] if found_before else preamble
        start = _table_start(host, section_id)
        if start is None:
            continue
        regions[section_id] = host[start:]
        del host[start:]
