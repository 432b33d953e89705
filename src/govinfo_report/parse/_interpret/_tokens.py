"""Stage 4: a table section's pieces as tokens (labels, text, values) and units (printed rows)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import attrs

from govinfo_report.parse._canon import (
    canonical,
    canonical_with_map,
)
from govinfo_report.parse._document import (
    Location,
)
from govinfo_report.parse._interpret._pieces import Piece, fold_value, is_page_number, locate
from govinfo_report.parse._values import (
    is_value_text,
    sign_joined,
    value_chunks,
)
from govinfo_report.parse._vocabulary import (
    Term,
    vocabulary,
)

# Every character a printed value may contain: a quick test before the exact one.
_VALUE_CHARS = re.compile(
    r"[\d\uff10-\uff19+\-\uff0d—–―/\\.,\uff0e\uff0c\s?\uff1f元万件个项条次人]+"
)


class Kind:
    LABEL = 0
    TEXT = 1
    VALUE = 2
    EMPTY = 3


class Token(NamedTuple):
    kind: int
    canon: str
    raw: str
    line: int
    base: Location
    column: int | None
    terms: tuple[Term, ...] = ()
    chunks: tuple[str, ...] = ()
    glued: bool = False
    """Values found inside a cell next to a label: separators may have been lost."""


class Item(NamedTuple):
    """One printed value (or an empty cell) of a unit, as printed."""

    raw: str
    base: Location
    column: int | None
    empty: bool = False

    @property
    def location(self) -> Location:
        return locate(self.base, self.column)


@attrs.define
class Unit:
    """Labels followed by values on one line: a table row as printed (or a label alone)."""

    labels: list[Token]
    items: list[Item]
    line: int
    glued: bool = False

    def has_values(self) -> bool:
        return any(not item.empty for item in self.items)


class _ValueCell(NamedTuple):
    """What a cell's text says as a value."""

    page_number: bool
    text: str | None
    """The values printed (full-width folded, stripped), or None if the text is not only values."""
    chunks: tuple[str, ...]
    joined: bool = False
    """Numbers run together without a separator (a signed change after its neighbour)."""


_NOT_VALUE = _ValueCell(page_number=False, text=None, chunks=())


# Tables print the same few texts (0, -, small counts) in many cells.
@functools.lru_cache(maxsize=4096)
def value_cell(raw: str) -> _ValueCell:
    folded = fold_value(raw) if _VALUE_CHARS.fullmatch(raw) else ""
    if not folded:
        return _NOT_VALUE
    if is_value_text(folded):
        return _ValueCell(
            is_page_number(folded),
            folded.strip(),
            tuple(value_chunks(folded)),
            joined=sign_joined(folded),
        )
    return _ValueCell(is_page_number(folded), None, ())


def section_tokens(pieces: Sequence[Piece], section_id: str) -> list[Token]:
    words = vocabulary(section_id)
    pattern = words.pattern
    terms = words.terms
    tokens: list[Token] = []
    for piece in pieces:
        raw = piece.raw
        if not raw or raw.isspace():
            tokens.append(Token(Kind.EMPTY, "", "", piece.line, piece.base, piece.column))
            continue
        value = value_cell(raw)
        if value.page_number:
            continue
        if value.text is not None:
            # Positional: a table prints hundreds of values, and keywords cost a little each.
            tokens.append(
                Token(
                    Kind.VALUE,
                    value.text,
                    raw,
                    piece.line,
                    piece.base,
                    piece.column,
                    (),
                    value.chunks,
                    glued=value.joined,
                )
            )
            continue
        canon = canonical(raw)
        if pattern.search(canon) is None:
            tokens.append(Token(Kind.TEXT, canon, raw, piece.line, piece.base, piece.column))
            continue
        canon, index = canonical_with_map(raw)
        cursor = 0
        found = False
        for match in pattern.finditer(canon):
            found = True
            if match.start() > cursor:
                tokens.append(_gap_token(raw, canon, index, cursor, match.start(), piece))
            start, end = index[match.start()], index[match.end() - 1] + 1
            tokens.append(
                Token(
                    Kind.LABEL,
                    match.group(),
                    raw[start:end],
                    piece.line,
                    piece.base,
                    piece.column,
                    terms=terms[match.group()],
                )
            )
            cursor = match.end()
        if not found:
            tokens.append(Token(Kind.TEXT, canon, raw, piece.line, piece.base, piece.column))
        elif cursor < len(canon):
            tokens.append(_gap_token(raw, canon, index, cursor, len(canon), piece))
    return tokens


def _gap_token(  # noqa: PLR0913, PLR0917 - the parts of a row being resolved
    raw: str, canon: str, index: Sequence[int], start: int, end: int, piece: Piece
) -> Token:
    raw_gap = raw[index[start] : index[end - 1] + 1]
    value = value_cell(raw_gap)
    if value.text is not None:
        return Token(
            Kind.VALUE,
            value.text,
            raw_gap,
            piece.line,
            piece.base,
            piece.column,
            chunks=value.chunks,
            glued=True,
        )
    return Token(Kind.TEXT, canon[start:end], raw_gap, piece.line, piece.base, piece.column)


def printed_units(tokens: Sequence[Token]) -> list[Unit]:
    """Group tokens into units: the labels of a row as printed, then its values."""
    units: list[Unit] = []
    labels: list[Token] = []
    items: list[Item] = []
    glued = False
    line = -1

    def flush() -> None:
        nonlocal labels, items, glued
        if labels or any(not item.empty for item in items):
            units.append(Unit(labels, items, line, glued))
        labels, items, glued = [], [], False

    for token in tokens:
        if token.line != line:
            flush()
            line = token.line
        if token.kind in (Kind.LABEL, Kind.TEXT):
            if items:
                if labels or any(not item.empty for item in items):
                    flush()
                else:
                    items = []  # leading empty cells of merged columns
            labels.append(token)
        elif token.kind == Kind.EMPTY:
            items.append(Item("", token.base, token.column, empty=True))
        else:
            glued = glued or token.glued
            base, column = token.base, token.column
            items += [Item(chunk, base, column) for chunk in token.chunks]
    flush()
    return units


def one_item_per_line(units: list[Unit]) -> list[Unit]:
    """Join one-value lines of "one item per line" copies into rows, under their label line."""
    if any(len(unit.items) > 1 for unit in units):
        return units
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            unit.items
            and not unit.labels
            and previous is not None
            and previous.items
            and previous.line >= 0
        ):
            previous.items.extend(unit.items)
            continue
        if unit.items and not unit.labels and previous is not None and not previous.items:
            previous.items.extend(unit.items)
            continue
        joined.append(Unit(list(unit.labels), list(unit.items), unit.line, unit.glued))
    return joined


def item_texts(unit: Unit) -> tuple[str, ...]:
    return tuple(item.raw for item in unit.items)


def splittable(unit: Unit) -> bool:
    """Whether a unit's values may be runs of several cells.

    So they may when glued to a label, or printed with a leading zero no single number has.
    """
    if unit.glued:
        return True
    for item in unit.items:
        text = item.raw.strip()
        if len(text) > 1 and text.startswith("0") and "." not in text:
            return True
    return False


def table_units(
    regions: Mapping[str, list[Piece]], section_id: str
) -> tuple[list[Token], list[Unit]]:
    """The tokens and printed rows of a table section (none if it was not found)."""
    pieces = regions.get(section_id)
    if pieces is None:
        return [], []
    tokens = section_tokens(pieces, section_id)
    units = printed_units(tokens)
    return tokens, one_item_per_line(units)
