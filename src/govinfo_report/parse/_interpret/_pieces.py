"""Stage 1: the document's cells as pieces, located; page numbers told apart."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import attrs

from govinfo_report.parse._document import (
    Location,
)

_FOLD = str.maketrans({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {0x3000: " "})


_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*"
)


@functools.lru_cache(maxsize=2048)
def locate(base: Location, column: int | None) -> Location:
    """The location of a cell: its line's location with the cell's position (built on demand)."""
    if column is None:
        return base
    # Every other field of the line's place (page, sheet, table, row, position) is kept.
    return attrs.evolve(base, column=column)


class Piece(NamedTuple):
    """A cell of the source, or part of one when a heading sits inside it."""

    line: int
    raw: str
    base: Location
    column: int | None
    split: bool = False
    """Cut out of a longer cell (a whole report on one line)."""

    @property
    def location(self) -> Location:
        return locate(self.base, self.column)


def fold_value(text: str) -> str:
    return text if text.isascii() else text.translate(_FOLD)


def is_page_number(text: str) -> bool:
    return len(text) <= 16 and _PAGE_NUMBER.fullmatch(fold_value(text)) is not None
