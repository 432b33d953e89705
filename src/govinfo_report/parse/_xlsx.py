"""The spreadsheet front end: an ``.xlsx`` workbook → lines of cells, sheet by sheet.

It reads the library's own workbooks (:func:`govinfo_report.render.render`, the filing workbook)
and official-layout sheets made by hand: every sheet row becomes one line of cell texts, located
by sheet, row and column. A merged range is one cell, as in the HTML and Word readers: the
positions it covers are left out (a ``rowspan``) so the interpreter sees the shapes it knows.
Empty cells inside a table's width are kept, because they are blank values.

Numbers are read as the file stores them, digit for digit (the ``<v>`` text): no float ever
rounds an amount. A formula is not a number the clerk typed: formulas whose result is text (the
filing workbook's checks) are left out, and a formula where a number belongs is refused with its
sheet and cell, so a total computed by ``=SUM()`` is never taken for a reported one.

Like the Word reader it needs no dependency (:mod:`zipfile` and expat) and caps every size, so
a zip bomb stops at the cap and a DTD is refused.
"""

from __future__ import annotations

import bisect
import functools
import io
import posixpath
import re
import zipfile
from typing import BinaryIO, NamedTuple

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import Location, SourceDocument, SourceKind, SourceLine
from govinfo_report.parse._docx import _read_capped, parse_part, read_zip

__all__ = ["MAX_CELLS", "is_workbook", "read_xlsx"]

MAX_CELLS = 1_000_000
"""The most cells with a value read from a workbook; a report's workbook has under two thousand.

Empty cells cost no memory, and the size cap of each part bounds the time they take."""
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_RELATIONSHIP_ID = re.compile(r"(?:^| )\S*relationships id$")
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0\u3000]+")
_CHUNK = 1 << 16
_DIGITS = re.compile(r"[^0-9]")
_NUMBER_TEXT = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?")
_BLANK_MARKS = frozenset({"-", "—", "–", "－", "/", "／", "——"})
_DOUBLE_DIGITS = 15
"""Significant digits a spreadsheet number (a binary double) holds exactly."""
WORKBOOK_PART = "xl/workbook.xml"


def is_workbook(data: bytes | BinaryIO) -> bool:
    """Whether a zip archive is a spreadsheet (it holds ``xl/workbook.xml``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            return WORKBOOK_PART in archive.NameToInfo
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


_LOCAL_NAMES = {
    f"{namespace}{local}": local
    for namespace in (f"{_MAIN} ", f"{_STRICT_MAIN} ", "")
    for local in ("si", "rPh", "t", "sheet", "c", "v", "f", "mergeCell")
}
"""The elements the readers act on, by expanded name; one lookup sends every other away."""


def _local(name: str) -> str:
    return _LOCAL_NAMES.get(name, "")


def _parse(xml: bytes, handler: _Handler, where: str) -> None:
    parse_part(xml, handler, where, "the workbook's XML")


class _Handler:
    """Expat callbacks; each reader overrides the ones it needs."""

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """An element opens."""

    def end(self, name: str) -> None:
        """An element closes."""

    def data(self, text: str) -> None:
        """Text inside an element."""


class _Strings(_Handler):
    """The shared strings: each ``<si>``'s text (its runs joined; phonetic hints left out)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._text: list[str] = []
        self._in_text = False
        self._phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:  # noqa: ARG002
        local = _local(name)
        if local == "si":
            self._text = []
        elif local == "rPh":
            self._phonetic += 1
        elif local == "t":
            self._in_text = not self._phonetic

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "si":
            self.items.append("".join(self._text))
        elif local == "rPh":
            self._phonetic -= 1
        elif local == "t":
            self._in_text = False

    def data(self, text: str) -> None:
        if self._in_text:
            self._text.append(text)


class _Sheets(_Handler):
    """The workbook's sheets in tab order: (name, relationship id, hidden)."""

    def __init__(self) -> None:
        self.sheets: list[tuple[str, str, bool]] = []

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if _local(name) == "sheet":
            relationship = next(
                (v for k, v in attributes.items() if _RELATIONSHIP_ID.search(k)), ""
            )
            hidden = attributes.get("state", "visible") != "visible"
            self.sheets.append((attributes.get("name", ""), relationship, hidden))


class _Cell(NamedTuple):
    row: int
    column: int
    text: str
    formula: bool
    number: bool


@functools.lru_cache(maxsize=1 << 14)
def _position(reference: str) -> tuple[int, int] | None:
    """(row, column) of a cell reference such as ``B12``; ``None`` if it is not one."""
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        return None
    return int(match.group(2)), _column_number(match.group(1))


class _SheetReader(_Handler):
    """One worksheet's cells (values as stored) and merged ranges.

    Expat calls back for every element of the sheet, most of them styled empty cells of a
    bordered table, so the callbacks do as little as they can: a cell is looked at only when
    it closes with a value.
    """

    def __init__(self, strings: list[str], where: str, budget: list[int]) -> None:
        self.cells: list[_Cell] = []
        self.merges: list[str] = []
        """The merged ranges as written (``A1:C1``)."""
        self._strings = strings
        self._where = where
        self._budget = budget
        self._attributes: dict[str, str] = {}
        self._formula = False
        self._value = ""
        self._in_value = False
        self._phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = _LOCAL_NAMES.get(name)
        if local is None:
            return
        if local == "c":
            self._attributes = attributes
            self._formula = False
            self._value = ""
        elif local in {"v", "t"}:
            self._in_value = not self._phonetic
        elif local == "f":
            self._formula = True
        elif local == "rPh":
            self._phonetic += 1
        elif local == "mergeCell":
            self.merges.append(attributes.get("ref", ""))

    def end(self, name: str) -> None:
        local = _LOCAL_NAMES.get(name)
        if local == "c":
            if self._value:
                self._finish_cell()
        elif local in {"v", "t"}:
            self._in_value = False
        elif local == "rPh":
            self._phonetic -= 1

    def data(self, text: str) -> None:
        if self._in_value:
            self._value += text

    def _finish_cell(self) -> None:
        raw = self._value.strip()
        reference = self._attributes.get("r", "")
        position = _position(reference)
        if not raw or position is None:
            return  # a cell of white space only, or one the file does not place
        kind = self._attributes.get("t", "n")
        text = raw
        if kind == "s":
            try:
                text = self._strings[int(raw)]
            except (ValueError, IndexError):
                raise ParseError(
                    f"sheet cell {reference} points at shared string {raw!r}, which the "
                    "workbook does not have; the file is damaged",
                    where=self._where,
                ) from None
        self._budget[0] -= 1
        if self._budget[0] < 0:
            raise ParseError(
                f"the workbook has over {MAX_CELLS:,} cells: not a report's workbook",
                where=self._where,
            )
        number = kind == "n"
        if not number:
            text = _SPACES.sub(" ", text).strip()
        elif "." in raw and _noisy(raw):
            text = _shortest(raw)
        self.cells.append(_Cell(*position, text, self._formula, number))


def _noisy(raw: str) -> bool:
    """Whether a stored number has more significant digits than a double holds.

    Such a fraction was written with the binary's noise digits; a whole number is kept as
    written.
    """
    mantissa = raw.partition("E")[0].partition("e")[0]
    return "." in mantissa and len(_DIGITS.sub("", mantissa).strip("0")) > _DOUBLE_DIGITS


def _shortest(raw: str) -> str:
    """A stored double as the decimal a person typed: the shortest text that is the same double.

    Writers store a double with up to 17 digits (``96171.60000000001`` for 96171.6); the noise
    digits are the binary's, not the report's.
    """
    try:
        shortest = repr(float(raw))
    except ValueError:
        return raw
    return shortest.removesuffix(".0")


def _sheet_parts(archive: zipfile.ZipFile, where: str) -> list[tuple[str, str, bool]]:
    """(sheet name, part name, hidden) for every worksheet, in tab order."""
    sheets = _Sheets()
    _parse(_read_capped(archive, WORKBOOK_PART, where), sheets, where)
    targets: dict[str, str] = {}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in archive.NameToInfo:
        for match in re.finditer(rb"<Relationship\b[^>]*>", _read_capped(archive, rels, where)):
            tag = match.group(0).decode("utf-8", errors="replace")
            identifier = re.search(r'\bId="([^"]+)"', tag)
            target = re.search(r'\bTarget="([^"]+)"', tag)
            if identifier and target:
                path = target.group(1)
                path = path.lstrip("/") if path.startswith("/") else posixpath.join("xl", path)
                targets[identifier.group(1)] = posixpath.normpath(path)
    parts = []
    for index, (name, relationship, hidden) in enumerate(sheets.sheets, start=1):
        part = targets.get(relationship, f"xl/worksheets/sheet{index}.xml")
        if part in archive.NameToInfo:
            parts.append((name, part, hidden))
    return parts


def _cell_name(cell: _Cell) -> str:
    letters = ""
    number = cell.column
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{cell.row}"


def _refuse_text_among_numbers(sheet: str, cells: list[_Cell], where: str) -> None:
    """Refuse a number cell holding text (``五``, ``3件``): a word after a number on a row.

    Reading the row without it would shift every number after it, so it is named by cell.
    """
    numbers_seen: set[int] = set()
    for cell in sorted(cells):
        if cell.number or _NUMBER_TEXT.fullmatch(cell.text):
            numbers_seen.add(cell.row)
        elif cell.row in numbers_seen and cell.text not in _BLANK_MARKS:
            raise ParseError(
                f"sheet {sheet!r}, cell {_cell_name(cell)}: {cell.text[:40]!r} where a number "
                "belongs; type the number (or leave the cell empty for a blank)",
                where=where,
            )


def _merged_ranges(references: list[str]) -> list[tuple[int, int, int, int]]:
    """(top, left, bottom, right) of every merged range written as ``A1:C2``; others left out."""
    ranges = []
    for reference in references:
        first, _, last = reference.partition(":")
        start, end = _position(first), _position(last or first)
        if start is not None and end is not None:
            ranges.append((*start, *end))
    return ranges


def _refuse_merged_numbers(
    sheet: str, cells: list[_Cell], merges: list[tuple[int, int, int, int]], where: str
) -> None:
    """Refuse a merged range holding a number where one number per cell is needed.

    The official layout merges a value only across the rest of its row (a table with fewer
    columns than the widest); a number merged over several rows, or with more numbers after it,
    would take the place of cells that are then lost.
    """
    numbers = {(cell.row, cell.column) for cell in cells if cell.number}
    last_number: dict[int, int] = {}
    for row, column in numbers:
        last_number[row] = max(column, last_number.get(row, column))
    for top, left, bottom, right in merges:
        if (top, left) in numbers and (bottom > top or last_number[top] > right):
            first = _cell_name(_Cell(top, left, "", formula=False, number=True))
            last = _cell_name(_Cell(bottom, right, "", formula=False, number=True))
            raise ParseError(
                f"sheet {sheet!r}, cells {first}:{last}: merged around one number where each "
                "number needs its own cell; unmerge them",
                where=where,
            )


def _covered(
    merges: list[tuple[int, int, int, int]], rows: list[int], width: int, where: str
) -> dict[int, set[int]]:
    """The columns, on each row that has cells, that merged ranges cover past their first cell.

    ``rows`` is sorted. A range is clipped to the rows and ``width`` that hold cells, so a
    range over the whole sheet costs no more than the cells; ranges that overlap to cover over
    :data:`MAX_CELLS` in all are refused.
    """
    covered: dict[int, set[int]] = {}
    budget = MAX_CELLS
    for top, left, bottom, right in merges:
        columns = range(left, min(right, width) + 1)
        for row in rows[bisect.bisect_left(rows, top) : bisect.bisect_right(rows, bottom)]:
            budget -= len(columns)
            if budget < 0:
                raise ParseError(
                    f"the merged ranges cover over {MAX_CELLS:,} cells: not a report's workbook",
                    where=where,
                )
            first_row = row == top
            covered.setdefault(row, set()).update(
                column for column in columns if not first_row or column != left
            )
    return covered


def _sheet_lines(name: str, number: int, reader: _SheetReader, where: str) -> list[SourceLine]:
    for cell in reader.cells:
        if cell.formula and cell.number:
            raise ParseError(
                f"sheet {name!r}, cell {_cell_name(cell)}: a formula where a number belongs; "
                "type the number the report states (a computed total is not a reported one)",
                where=where,
            )
    data = [cell for cell in reader.cells if not cell.formula]
    _refuse_text_among_numbers(name, data, where)
    if not data:
        return []
    merges = _merged_ranges(reader.merges)
    _refuse_merged_numbers(name, data, merges, where)
    width = max(cell.column for cell in data)
    by_row: dict[int, list[str]] = {}
    for cell in data:
        texts = by_row.get(cell.row)
        if texts is None:
            texts = by_row[cell.row] = [""] * width
        texts[cell.column - 1] = cell.text
    rows = sorted(by_row)
    covered = _covered(merges, rows, width, where)
    lines = []
    for row in rows:
        texts = by_row[row]
        skipped = covered.get(row)
        if skipped:
            texts = [text for column, text in enumerate(texts, start=1) if column not in skipped]
        lines.append(SourceLine(tuple(texts), Location(sheet=name, table=number, row=row)))
    return lines


def read_xlsx(source: bytes | BinaryIO, *, name: str | None = None) -> SourceDocument:
    """Read an ``.xlsx`` workbook (its bytes or an open binary file) into lines of cells."""
    where = name or "workbook"
    lines = read_zip(source, where, "workbook", lambda archive: _read_archive(archive, where))
    return SourceDocument(SourceKind.XLSX, tuple(lines), name)


def _read_archive(archive: zipfile.ZipFile, where: str) -> list[SourceLine]:
    if WORKBOOK_PART not in archive.NameToInfo:
        raise ParseError("a zip file without xl/workbook.xml: not a workbook", where=where)
    strings = _Strings()
    if "xl/sharedStrings.xml" in archive.NameToInfo:
        _parse(_read_capped(archive, "xl/sharedStrings.xml", where), strings, where)
    budget = [MAX_CELLS]
    lines: list[SourceLine] = []
    for number, (sheet, part, hidden) in enumerate(_sheet_parts(archive, where), start=1):
        if hidden:
            continue  # a hidden sheet holds lookups or scratch, not what the report states
        reader = _SheetReader(strings.items, where, budget)
        _parse(_read_capped(archive, part, where), reader, where)
        lines.extend(_sheet_lines(sheet, number, reader, where))
    return lines
