"""The form interpreter: a :class:`SourceDocument` of any input kind → the report it prints.

Every front end (text, HTML, PDF, Word) reduces its input to lines of cells; this module reads
the form out of those, so every layout trick learnt on one kind helps the others. In order:

1. **Sections** are found by their headings (一、总体情况 … 六、其他需要报告的事项), in the
   wordings of the catalog, anywhere in a cell (a whole report may sit on one line).
2. **Title**: organ and year from the title, else from the body (with a finding).
3. **Tables**: the labels of each table section are found in its cells (whole cells, or inside a
   long cell where separators were lost); the text between labels that is only numbers is a run
   of values. Each table's format version is told from its own labels (FORMAT.md §5.3).

   * Section 二: every row is found by its label, in any order.
   * Section 三: rows are found by label; rows whose label was lost or cut (PDF converters)
     take the places left between labelled rows, in order, when the count fits exactly.
   * Section 四: one run of 15 values.

   Values align from the right; a row of digits with no separators is split using the form's
   identities (E3 within a row, E4 within 四, E1/E2 across the rows of 三), and when several
   splits still fit, the cells concerned stay ``None`` with the candidates in a finding.

A cell that cannot be determined is ``None`` with a :class:`ReadingFinding` naming it: the
reader never guesses a number.
"""

from __future__ import annotations

import functools
import itertools
import re
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, cast

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, CellKind, FormatVersion, Grid
from govinfo_report.model import (
    MAX_YEAR,
    MIN_YEAR,
    CellValue,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
)
from govinfo_report.parse._canon import (
    canonical,
    canonical_with_map,
    fold,
    strip_numbering,
    traditional_pairs,
)
from govinfo_report.parse._document import (
    CellProvenance,
    Location,
    ParseResult,
    ReadingFinding,
    Severity,
    SourceDocument,
)
from govinfo_report.parse._values import (
    ParsedValue,
    RowCheck,
    RowTarget,
    TooManySplits,
    is_value_text,
    parse_value,
    split_runs,
    value_chunks,
)
from govinfo_report.parse._vocabulary import (
    Term,
    TermKind,
    heading_cores,
    heading_pattern,
    heading_section,
    markers,
    section_numerals,
    vocabulary,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["interpret"]

_OVERVIEW, _PROACTIVE, _REQUESTS, _REVIEW, _PROBLEMS, _OTHER = catalog.SECTION_IDS
_NARRATIVES = (_OVERVIEW, _PROBLEMS, _OTHER)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*"
)
# A value with its unit (``251000元``) may end just before a heading on a one-line report.
_VALUE_END = re.compile(r"\d\s*(?:万元|元)$")
# Every character a printed value may contain: a quick test before the exact one.
_VALUE_CHARS = re.compile(
    r"[\d\uff10-\uff19+\-\uff0d—–―/\\.,\uff0e\uff0c\s?\uff1f元万件个项条次人]+"
)
_FOLD = str.maketrans({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {0x3000: " "})
_MAX_COMBINATIONS = 4096
_CANDIDATES_SHOWN = 6


# --- findings ---------------------------------------------------------------------------


class _Findings:
    """Collects reading findings; one place builds them so codes and wording stay uniform."""

    def __init__(self) -> None:
        self.items: list[ReadingFinding] = []

    def add(  # noqa: PLR0913 - a finding has that many parts
        self,
        code: str,
        severity: Severity,
        zh: str,
        en: str,
        *,
        path: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.items.append(
            ReadingFinding(
                code=code,
                severity=severity,
                message_zh=zh,
                message_en=en,
                path=path,
                location=location,
            )
        )


# --- pieces, tokens and units -----------------------------------------------------------


@functools.lru_cache(maxsize=2048)
def _locate(base: Location, column: int | None) -> Location:
    """The location of a cell: its line's location with the cell's position (built on demand)."""
    if column is None:
        return base
    return Location(
        line=base.line,
        page=base.page,
        table=base.table,
        row=base.row,
        column=column,
        x=base.x,
        y=base.y,
    )


class _Piece(NamedTuple):
    """A cell of the source, or part of one when a heading sits inside it."""

    line: int
    raw: str
    base: Location
    column: int | None
    split: bool = False
    """Cut out of a longer cell (a whole report on one line)."""

    @property
    def location(self) -> Location:
        return _locate(self.base, self.column)


class _Heading(NamedTuple):
    position: int
    """Index of the first piece after the heading."""
    start: int
    """Index of the heading's own piece."""
    section: int


class _Kind:
    LABEL = 0
    TEXT = 1
    VALUE = 2
    EMPTY = 3


class _Token(NamedTuple):
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


class _Item(NamedTuple):
    """One printed value (or an empty cell) of a unit, as printed."""

    raw: str
    base: Location
    column: int | None
    empty: bool = False

    @property
    def location(self) -> Location:
        return _locate(self.base, self.column)


@attrs.define
class _Unit:
    """Labels followed by values on one line: a table row as printed (or a label alone)."""

    labels: list[_Token]
    items: list[_Item]
    line: int
    glued: bool = False

    def has_values(self) -> bool:
        return any(not item.empty for item in self.items)


def _pieces(document: SourceDocument) -> list[_Piece]:
    pieces = []
    for number, line in enumerate(document.lines):
        cells = line.cells
        if 1 < len(cells) <= _MAX_HEADING_CELLS and _spread_heading(cells):
            # A heading printed with wide spacing falls apart into cells: put it back together.
            pieces.append(_Piece(number, " ".join(cells), line.location, None))
            continue
        many = len(cells) > 1
        for index, cell in enumerate(cells):
            pieces.append(_Piece(number, cell, line.location, index + 1 if many else None))
    return pieces


_MAX_HEADING_CELLS = 4
# Sections are numbered 一、 to 六、; a parenthesised （一） numbers a sub-heading, not a section.
_SECTION_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,2}[、.]?")


def _spread_heading(cells: Sequence[str]) -> bool:
    if _HEADING_HINT.search(cells[-1]) is None:
        return False
    joined = canonical("".join(cells))
    return heading_section(_SECTION_NUMERAL.sub("", joined, count=1)) is not None and all(
        heading_section(_SECTION_NUMERAL.sub("", canonical(cell), count=1)) is None
        for cell in cells
    )


def _fold_value(text: str) -> str:
    return text if text.isascii() else text.translate(_FOLD)


def _is_page_number(text: str) -> bool:
    return len(text) <= 16 and _PAGE_NUMBER.fullmatch(_fold_value(text)) is not None


def _heading_hint() -> re.Pattern[str]:
    """Characters every heading ends with: a cell without one of them holds no heading."""
    finals = {core[-1] for cores in heading_cores() for core in cores}
    finals |= {source for source, target in traditional_pairs() if target in finals}
    return re.compile("[" + "".join(sorted(finals)) + "]")


_HEADING_HINT = _heading_hint()


# --- sections ---------------------------------------------------------------------------


def _split_headings(pieces: list[_Piece]) -> tuple[list[_Piece], list[_Heading]]:  # noqa: C901 - whole-cell, spread and in-line headings
    """Cut pieces at section headings; list every heading found (candidates, unordered)."""
    pattern = heading_pattern()
    out: list[_Piece] = []
    headings: list[_Heading] = []
    for piece in pieces:
        if not piece.raw or _HEADING_HINT.search(piece.raw) is None:
            out.append(piece)
            continue
        canon = canonical(piece.raw)
        exact = heading_section(canon)
        if exact is None and piece.column is None:
            exact = heading_section(_SECTION_NUMERAL.sub("", canon, count=1))
        if exact is not None:
            headings.append(_Heading(len(out) + 1, len(out), exact))
            out.append(piece)
            continue
        if pattern.search(canon) is None:
            out.append(piece)
            continue
        canon, index = canonical_with_map(piece.raw)
        cursor = 0
        cut = False
        for match in pattern.finditer(canon):
            section = heading_section(match.group("core"))
            if section is None:  # pragma: no cover - the pattern only finds known headings
                continue
            start = index[match.start()]
            if (
                start > 0
                and _CJK.match(piece.raw[start - 1])
                and not _VALUE_END.search(piece.raw, 0, start)
            ):
                glued = _glued_heading_start(match, section)
                if glued is None:
                    continue  # inside a sentence: a mention, not a heading
                start = index[glued]
            end = index[match.end() - 1] + 1
            before = piece.raw[cursor:start]
            if before.strip():
                out.append(piece._replace(raw=before.strip(), split=True))
            headings.append(_Heading(len(out) + 1, len(out), section))
            out.append(piece._replace(raw=piece.raw[start:end], split=True))
            cursor = end
            cut = True
        if not cut:
            out.append(piece)
            continue
        rest = piece.raw[cursor:]
        if rest.strip():
            out.append(piece._replace(raw=rest.strip(), split=True))
    return out, headings


def _glued_heading_start(match: re.Match[str], section: int) -> int | None:
    """Where a heading glued to the text before it starts (canonical index), if it is one.

    A copy that lost a line break glues ``二、主动公开政府信息情况`` to the sentence before it; a
    mention inside a sentence rarely carries the section's own numeral and its enumeration
    comma, so only a heading printed exactly so is taken. The numeral pattern may have taken a
    numeral of the text before (``统一二、``): the heading starts at its own numeral.
    """
    numeral = match.group("numeral")
    own = section_numerals()[section]
    comma = match.string[match.end("numeral") : match.end("numeral") + 1]
    if not numeral.endswith(own) or comma not in {"、", "."}:
        return None
    return match.start("numeral") + len(numeral) - len(own)


def _choose_headings(candidates: list[_Heading]) -> list[_Heading]:
    """The longest run of headings in official order (a later copy wins a tie)."""
    if not candidates:
        return []
    best = [1] * len(candidates)
    previous = [-1] * len(candidates)
    for i, heading in enumerate(candidates):
        for j in range(i):
            if candidates[j].section < heading.section and best[j] + 1 >= best[i]:
                best[i] = best[j] + 1
                previous[i] = j
    end = max(range(len(candidates)), key=lambda i: (best[i], i))
    chosen = []
    while end != -1:
        chosen.append(candidates[end])
        end = previous[end]
    return chosen[::-1]


# --- tokens of table regions ------------------------------------------------------------


class _ValueCell(NamedTuple):
    """What a cell's text says as a value."""

    page_number: bool
    text: str | None
    """The values printed (full-width folded, stripped), or None if the text is not only values."""
    chunks: tuple[str, ...]


_NOT_VALUE = _ValueCell(page_number=False, text=None, chunks=())


# Tables print the same few texts (0, -, small counts) in many cells.
@functools.lru_cache(maxsize=4096)
def _value_cell(raw: str) -> _ValueCell:
    folded = _fold_value(raw) if _VALUE_CHARS.fullmatch(raw) else ""
    if not folded:
        return _NOT_VALUE
    if is_value_text(folded):
        return _ValueCell(_is_page_number(folded), folded.strip(), tuple(value_chunks(folded)))
    return _ValueCell(_is_page_number(folded), None, ())


def _tokens(pieces: Sequence[_Piece], section_id: str) -> list[_Token]:
    words = vocabulary(section_id)
    pattern = words.pattern
    terms = words.terms
    tokens: list[_Token] = []
    for piece in pieces:
        raw = piece.raw
        if not raw or raw.isspace():
            tokens.append(_Token(_Kind.EMPTY, "", "", piece.line, piece.base, piece.column))
            continue
        value = _value_cell(raw)
        if value.page_number:
            continue
        if value.text is not None:
            # Positional: a table prints hundreds of values, and keywords cost a little each.
            tokens.append(
                _Token(
                    _Kind.VALUE,
                    value.text,
                    raw,
                    piece.line,
                    piece.base,
                    piece.column,
                    (),
                    value.chunks,
                )
            )
            continue
        canon = canonical(raw)
        if pattern.search(canon) is None:
            tokens.append(_Token(_Kind.TEXT, canon, raw, piece.line, piece.base, piece.column))
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
                _Token(
                    _Kind.LABEL,
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
            tokens.append(_Token(_Kind.TEXT, canon, raw, piece.line, piece.base, piece.column))
        elif cursor < len(canon):
            tokens.append(_gap_token(raw, canon, index, cursor, len(canon), piece))
    return tokens


def _gap_token(  # noqa: PLR0913, PLR0917 - the parts of a row being resolved
    raw: str, canon: str, index: Sequence[int], start: int, end: int, piece: _Piece
) -> _Token:
    raw_gap = raw[index[start] : index[end - 1] + 1]
    value = _value_cell(raw_gap)
    if value.text is not None:
        return _Token(
            _Kind.VALUE,
            value.text,
            raw_gap,
            piece.line,
            piece.base,
            piece.column,
            chunks=value.chunks,
            glued=True,
        )
    return _Token(_Kind.TEXT, canon[start:end], raw_gap, piece.line, piece.base, piece.column)


def _units(tokens: Sequence[_Token]) -> list[_Unit]:
    """Group tokens into units: the labels of a row as printed, then its values."""
    units: list[_Unit] = []
    labels: list[_Token] = []
    items: list[_Item] = []
    glued = False
    line = -1

    def flush() -> None:
        nonlocal labels, items, glued
        if labels or any(not item.empty for item in items):
            units.append(_Unit(labels, items, line, glued))
        labels, items, glued = [], [], False

    for token in tokens:
        if token.line != line:
            flush()
            line = token.line
        if token.kind in (_Kind.LABEL, _Kind.TEXT):
            if items:
                if labels or any(not item.empty for item in items):
                    flush()
                else:
                    items = []  # leading empty cells of merged columns
            labels.append(token)
        elif token.kind == _Kind.EMPTY:
            items.append(_Item("", token.base, token.column, empty=True))
        else:
            glued = glued or token.glued
            base, column = token.base, token.column
            items += [_Item(chunk, base, column) for chunk in token.chunks]
    flush()
    return units


# --- resolving a row's values -----------------------------------------------------------


class _Cell(NamedTuple):
    value: CellValue
    raw: str
    location: Location
    blank: bool = False


class _Resolved(NamedTuple):
    """A printed row read into cells, or the reasons it could not be."""

    cells: tuple[_Cell | None, ...]
    """Each cell read; ``None`` where it could not be determined."""
    raw: str = ""
    """The row's values as printed."""
    candidates: tuple[tuple[CellValue, ...], ...] = ()
    """When several readings fit: all of them (the undetermined cells differ between them)."""
    code: str | None = None
    zh: str = ""
    en: str = ""
    by_identity: bool = False
    """A digit run was split with the help of the row's identities."""


@functools.cache
def _row_checks(grid: Grid) -> RowCheck | None:
    """The identities within a row of ``grid`` (E3, E4), as one check on a full row."""
    positions = [
        (
            [grid.column_index(column) for column in identity.left],
            [grid.column_index(column) for column in identity.right],
        )
        for identity in grid.identities
        if identity.axis is Axis.COLUMNS
    ]
    if not positions:
        return None

    sides = [(left, right, (*left, *right)) for left, right in positions]

    def check(row: Sequence[CellValue]) -> bool:
        for left, right, both in sides:
            if any(row[i] is None for i in both):
                continue
            if sum(row[i] for i in left) != sum(row[i] for i in right):  # type: ignore[misc]
                return False
        return True

    return check


@functools.cache
def _row_target(grid: Grid) -> RowTarget | None:
    """For a total printed after its parts (总计 in 三 and 四), its value from the parts."""
    totals: dict[int, tuple[int, ...]] = {}
    for identity in grid.identities:
        if identity.axis is not Axis.COLUMNS or len(identity.left) != 1:
            continue
        total = grid.column_index(identity.left[0])
        parts = tuple(grid.column_index(column) for column in identity.right)
        if all(part < total for part in parts):
            totals[total] = parts
    if not totals:
        return None

    def target(row: Sequence[CellValue]) -> CellValue:
        parts = totals.get(len(row))
        if parts is None or any(row[part] is None for part in parts):
            return None
        return sum(row[part] for part in parts)  # type: ignore[misc]

    return target


def _parse_cells(
    items: Sequence[_Item], kinds: Sequence[CellKind], findings: _Findings, paths: Sequence[str]
) -> tuple[_Cell | None, ...]:
    cells: list[_Cell | None] = []
    for item, kind, path in zip(items, kinds, paths, strict=True):
        parsed: ParsedValue = parse_value(item.raw, kind)
        location = _locate(item.base, item.column)
        if parsed.problem is not None:
            findings.add(
                "R-BAD-VALUE",
                Severity.WARNING,
                f"单元格内容“{item.raw}”不是有效数值"
                f"（{_PROBLEMS_ZH.get(parsed.problem, parsed.problem)}），未读取",
                f"cell text {item.raw!r} is not a valid value ({parsed.problem}); left unread",
                path=path,
                location=location,
            )
            cells.append(None)
            continue
        if parsed.unit is not None:
            findings.add(
                "R-UNIT",
                Severity.INFO,
                f"数值后印有单位“{parsed.unit}”，已从数值中去除",
                f"the unit {parsed.unit!r} printed after the number was kept out of the value",
                path=path,
                location=location,
            )
        cells.append(_Cell(parsed.value, item.raw, location, parsed.blank))
    return tuple(cells)


_PROBLEMS_ZH = {
    "not a number": "不是数字",
    "a number cannot start with 0": "数字不能以0开头",
    "an amount cannot be negative": "金额不能为负",
    "a count has no decimals": "件数不能有小数",
    "a count cannot be negative": "件数不能为负",
}


def _alignments(items: Sequence[_Item], size: int) -> list[list[_Item]]:
    """Ways to drop surplus empty cells from the ends of ``items`` to leave ``size`` cells."""
    extra = len(items) - size
    options = []
    for lead in range(extra + 1):
        trail = extra - lead
        dropped = [*items[:lead], *items[len(items) - trail :]]
        if all(item.empty for item in dropped):
            options.append(list(items[lead : len(items) - trail]))
    distinct = []
    seen = set()
    for option in options:
        key = tuple((item.raw, item.empty) for item in option)
        if key not in seen:
            seen.add(key)
            distinct.append(option)
    return distinct


_RUN = re.compile(r"[+\-]?\d+(?:\.\d+)?")


def _run_text(item: _Item) -> str | None:
    """The digits of a printed value as a run to split, or None if it is not one."""
    text = item.raw.strip().lstrip("?？").strip()
    for unit in ("万元", "元"):
        text = text.removesuffix(unit)
    if not text or not _RUN.fullmatch(text):
        return None
    return text


def _resolve(  # noqa: PLR0913 - the parts of a row being resolved
    items: Sequence[_Item],
    grid: Grid,
    kinds: Sequence[CellKind],
    paths: Sequence[str],
    findings: _Findings,
    *,
    splittable: bool,
) -> _Resolved:
    """Read a printed row (or rows, for 四) into ``len(kinds)`` cells of ``grid``."""
    resolved = _resolve_cells(items, grid, kinds, paths, findings, splittable=splittable)
    return resolved._replace(raw=" ".join([item.raw for item in items if not item.empty]))


def _resolve_cells(  # noqa: PLR0911, PLR0913 - one outcome per way a row can be printed
    items: Sequence[_Item],
    grid: Grid,
    kinds: Sequence[CellKind],
    paths: Sequence[str],
    findings: _Findings,
    *,
    splittable: bool,
) -> _Resolved:
    size = len(kinds)
    width = len(grid.columns)
    check = _row_checks(grid)
    if len(items) > size:
        options = _alignments(items, size)
        if len(options) == 1:
            return _Resolved(_parse_cells(options[0], kinds, findings, paths))
        if len(options) > 1:
            parsed = [_parse_cells(option, kinds, _Findings(), paths) for option in options]
            fitting = [cells for cells in parsed if check is None or _fits(cells, check, width)]
            if len(fitting) == 1:
                return _Resolved(
                    _parse_cells(options[parsed.index(fitting[0])], kinds, findings, paths)
                )
            return _Resolved(
                (None,) * size,
                code="R-AMBIGUOUS-ALIGNMENT",
                zh=f"印有{len(items)}个单元格，对应{size}个单元格的方式不止一种",
                en=f"{len(items)} cells printed for {size}: they align in more than one way",
            )
        merged = _merge_split_numbers(items, size, kinds, width, check)
        if merged is not None:
            return merged
        return _Resolved(
            (None,) * size,
            code="R-TOO-MANY-VALUES",
            zh=f"印有{sum(not i.empty for i in items)}个数值，而本行只有{size}个单元格",
            en=f"{sum(not i.empty for i in items)} values printed for {size} cells",
        )
    if len(items) == size:
        return _Resolved(_parse_cells(items, kinds, findings, paths))
    runs = [_run_text(item) for item in items]
    if splittable and items and all(run is not None for run in runs):
        return _split(items, [run for run in runs if run is not None], grid, kinds, check)
    placements = _placements(items, kinds)
    return (
        _Resolved(
            (None,) * size,
            candidates=placements,
            code="R-SHORT-ROW",
            zh=f"只印有{len(items)}个数值，而本行有{size}个单元格，无法确定各数值所在的列",
            en=f"only {len(items)} values printed for {size} cells: their columns cannot be told",
        )
        if items
        else _Resolved((None,) * size)
    )


def _row_fits(row: Sequence[CellValue], check: RowCheck, width: int) -> bool:
    return all(check(row[i : i + width]) for i in range(0, len(row), width))


def _fits(cells: Sequence[_Cell | None], check: RowCheck, width: int) -> bool:
    values = [cell.value if cell is not None else None for cell in cells]
    return all(check(values[i : i + width]) for i in range(0, len(values), width))


def _placements(
    items: Sequence[_Item], kinds: Sequence[CellKind]
) -> tuple[tuple[CellValue, ...], ...]:
    """The ways a short row's values could sit in its cells (for the finding), if few."""
    size = len(kinds)
    if not items or len(items) > size or _binomial(size, len(items)) > 60:
        return ()
    options = []
    for columns in itertools.combinations(range(size), len(items)):
        row: list[CellValue] = [None] * size
        for item, column in zip(items, columns, strict=True):
            row[column] = parse_value(item.raw, kinds[column]).value
        options.append(tuple(row))
    return tuple(options)


def _binomial(n: int, k: int) -> int:
    from math import comb  # noqa: PLC0415 - used on the rare short-row path only

    return comb(n, k)


def _merge_split_numbers(  # noqa: C901 - one pass over the ways to join neighbours
    items: Sequence[_Item],
    size: int,
    kinds: Sequence[CellKind],
    width: int,
    check: RowCheck | None,
) -> _Resolved | None:
    """Join a number printed across two cells (``1`` ``2`` for ``12``, FORMAT.md §A.14).

    Only when the identities single out exactly one way to join neighbours.
    """
    if check is None or any(item.empty for item in items) or len(items) - size > 2:
        return None
    texts = [item.raw.strip() for item in items]
    if not all(text.isdigit() for text in texts):
        return None
    joins = len(items) - size
    fitting = []
    for positions in itertools.combinations(range(len(items) - 1), joins):
        if any(b - a < 2 for a, b in itertools.pairwise(positions)):
            continue
        merged: list[str] = []
        skip = False
        for index, text in enumerate(texts):
            if skip:
                skip = False
                continue
            if index in positions:
                merged.append(text + texts[index + 1])
                skip = True
            else:
                merged.append(text)
        values = [parse_value(text, kind) for text, kind in zip(merged, kinds, strict=True)]
        if any(v.problem is not None for v in values):
            continue
        row = [v.value for v in values]
        if all(check(row[i : i + width]) for i in range(0, size, width)):
            fitting.append((positions, row, merged))
    if len(fitting) != 1:
        return None
    positions, row, merged = fitting[0]
    location = items[0].location
    cells = tuple(_Cell(value, text, location) for value, text in zip(row, merged, strict=True))
    return _Resolved(
        cells,
        code="R-MERGED-CELLS",
        zh="有数字被拆在两个单元格中，按勾稽关系合并",
        en="a number printed across two cells was joined, as the identities require",
    )


def _split(  # noqa: PLR0911 - one outcome per way a run can split
    items: Sequence[_Item],
    runs: list[str],
    grid: Grid,
    kinds: Sequence[CellKind],
    check: RowCheck | None,
) -> _Resolved:
    """Split runs of digits into cells (FORMAT.md §A.14; the Pingtan reports)."""
    size = len(kinds)
    width = len(grid.columns)
    raw = " ".join(item.raw for item in items)
    location = items[0].location

    def cells_of(row: Sequence[CellValue]) -> tuple[_Cell, ...]:
        return tuple(_Cell(value, raw, location) for value in row)

    try:
        every: list[tuple[CellValue, ...]] | None = split_runs(runs, kinds, width=width, limit=200)
    except TooManySplits:
        every = None
    if every is not None and len(every) == 1:
        if check is not None and not _row_fits(every[0], check, width):
            # The digits can be cut only one way, yet the total disagrees: a run that lost or
            # gained digits is likelier than a report whose sums are wrong.
            return _Resolved(
                (None,) * size,
                code="R-NO-SPLIT",
                zh=f"连写的数字“{raw}”唯一的拆分方式不符合本行勾稽关系（总计不等于各项之和）",
                en=f"the only split of the run of digits {raw!r} breaks the row's identity"
                " (total ≠ sum)",
            )
        return _Resolved(cells_of(every[0]))
    if every is not None and not every:
        return _Resolved(
            (None,) * size,
            code="R-NO-SPLIT",
            zh=f"连写的数字“{raw}”无法拆成{size}个单元格",
            en=f"the run of digits {raw!r} cannot be split into {size} cells",
        )
    if every is not None:
        fitting = [row for row in every if check is None or _row_fits(row, check, width)]
    else:
        try:
            fitting = split_runs(
                runs, kinds, width=width, check=check, target=_row_target(grid), limit=200
            )
        except TooManySplits:
            return _Resolved(
                (None,) * size,
                code="R-AMBIGUOUS-SPLIT",
                zh=f"连写的数字“{raw}”有很多种拆分方式，无法确定",
                en=f"the run of digits {raw!r} splits in too many ways to tell",
            )
    if len(fitting) == 1:
        return _Resolved(cells_of(fitting[0]), by_identity=True)
    if not fitting:
        return _Resolved(
            (None,) * size,
            code="R-NO-SPLIT",
            zh=f"连写的数字“{raw}”没有符合本行勾稽关系的拆分方式",
            en=f"no split of the run of digits {raw!r} satisfies the row's identities",
        )
    return _Resolved(
        (None,) * size,
        candidates=tuple(fitting),
        code="R-AMBIGUOUS-SPLIT",
        zh=f"连写的数字“{raw}”有{len(fitting)}种符合要求的拆分方式",
        en=f"the run of digits {raw!r} splits in {len(fitting)} ways that fit",
    )


# --- a table being read -----------------------------------------------------------------


@attrs.define
class _TableRead:
    """The cells of one grid as they are being read."""

    grid: Grid
    paths: list[str]
    cells: list[_Cell | None]
    pending: dict[int, tuple[tuple[CellValue, ...], ...]] = attrs.Factory(dict)
    """Row index → the splits of its digit run that fit, while other rows may still decide."""
    possible: dict[int, tuple[CellValue, ...]] = attrs.Factory(dict)
    """Cell index → the values an undetermined cell could have."""
    located: dict[int, Location] = attrs.Factory(dict)
    """Row index → where the row was printed."""
    raws: dict[int, str] = attrs.Factory(dict)
    """Row index → the row's values as printed."""

    @classmethod
    def of(cls, grid: Grid) -> _TableRead:
        return cls(grid, list(_cell_paths(grid)), [None] * grid.size)

    def row_slice(self, row_index: int) -> slice:
        width = len(self.grid.columns)
        return slice(row_index * width, (row_index + 1) * width)

    def kinds(self) -> list[CellKind]:
        return [column.kind for column in self.grid.columns]

    def row_path(self, row_index: int) -> str:
        return f"$.{catalog.grid_path(self.grid)}.{self.grid.rows[row_index].id}"


@functools.cache
def _cell_paths(grid: Grid) -> tuple[str, ...]:
    """The path of every cell of ``grid``, in official order."""
    return tuple(catalog.cell_path(grid, row.id, column.id) for row, column in grid.cells())


def _possible_values(rows: Iterable[Sequence[CellValue]], offset: int) -> tuple[CellValue, ...]:
    return tuple(sorted({row[offset] for row in rows if row[offset] is not None}, key=_sort_key))


def _apply(
    table: _TableRead,
    start: int,
    resolved: _Resolved,
    findings: _Findings,
    location: Location | None,
) -> None:
    """Store a resolved row (or run of rows) from cell ``start``, reporting what was not read."""
    size = len(resolved.cells)
    table.cells[start : start + size] = list(resolved.cells)
    width = len(table.grid.columns)
    if location is not None:
        table.located[start // width] = location
        table.raws[start // width] = resolved.raw
    if resolved.code == "R-AMBIGUOUS-SPLIT" and resolved.candidates and size == width:
        table.pending[start // width] = resolved.candidates
        return  # reported once the other rows are known: they may decide
    if resolved.code == "R-MERGED-CELLS":
        findings.add(
            resolved.code,
            Severity.WARNING,
            resolved.zh,
            resolved.en,
            path=table.paths[start],
            location=location,
        )
    elif resolved.code is not None:
        for offset in range(size):
            values = _possible_values(resolved.candidates, offset)
            if (
                resolved.code == "R-AMBIGUOUS-SPLIT"
                and len(values) == 1
                and all(row[offset] is not None for row in resolved.candidates)
            ):
                table.cells[start + offset] = _Cell(values[0], resolved.raw, location or Location())
                continue
            if values:
                table.possible[start + offset] = values
            hint_zh = f"；可能的值：{_listing(values)}" if values else ""
            hint_en = f"; possible values: {_listing(values)}" if values else ""
            findings.add(
                resolved.code,
                Severity.WARNING,
                resolved.zh + hint_zh,
                resolved.en + hint_en,
                path=table.paths[start + offset],
                location=location,
            )
    if resolved.by_identity:
        findings.add(
            "R-SPLIT-BY-IDENTITY",
            Severity.INFO,
            "连写的数字有多种拆分方式，按本行勾稽关系（总计等于各项之和）确定",
            "a run of digits split in several ways; the identity within the row"
            " (total = sum) decided",
            path=table.row_path(start // width)
            if size == width
            else f"$.{catalog.grid_path(table.grid)}",
            location=location,
        )


def _sort_key(value: CellValue) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


def _listing(values: Iterable[CellValue]) -> str:
    values = list(values)
    shown = ", ".join(str(value) for value in values[:_CANDIDATES_SHOWN])
    return shown + (" …" if len(values) > _CANDIDATES_SHOWN else "")


def _settle_ambiguous(table: _TableRead, findings: _Findings, *, use_columns: bool) -> None:
    """Choose among the splits of digit runs with the identities across rows (E1, E2).

    The identity instances that hold for some choices and fail for others must all hold. Cells
    on which every remaining choice agrees are read; the others stay undetermined.
    """
    ambiguous = sorted(table.pending)
    if not ambiguous:
        return
    grid = table.grid
    width = len(grid.columns)
    options = [table.pending[index] for index in ambiguous]
    surviving: list[tuple[tuple[CellValue, ...], ...]] = []
    if use_columns and _product_size(options) <= _MAX_COMBINATIONS:
        instances = [
            _cell_sums(grid, identity, column)
            for identity in grid.identities
            if identity.axis is Axis.ROWS
            for column in range(width)
        ]
        combos = list(itertools.product(*options))
        base = [cell.value if cell is not None else None for cell in table.cells]
        outcomes = []
        for combo in combos:
            values = list(base)
            for index, row in zip(ambiguous, combo, strict=True):
                values[index * width : (index + 1) * width] = row
            outcomes.append([_holds(left, right, values) for left, right in instances])
        deciding = [
            position
            for position in range(len(instances))
            if any(o[position] is True for o in outcomes)
            and any(o[position] is False for o in outcomes)
        ]
        if deciding:
            surviving = [
                combo
                for combo, outcome in zip(combos, outcomes, strict=True)
                if all(outcome[position] is True for position in deciding)
            ]
    for offset, index in enumerate(ambiguous):
        rows = {combo[offset] for combo in surviving} if surviving else set(options[offset])
        start = index * width
        location = table.located.get(index) or Location()
        raw = table.raws.get(index, "")
        if len(rows) == 1:
            (row,) = rows
            table.cells[start : start + width] = [_Cell(value, raw, location) for value in row]
            findings.add(
                "R-SPLIT-BY-IDENTITY",
                Severity.INFO,
                "连写的数字有多种拆分方式，按各行之间的勾稽关系确定",
                "a run of digits split in several ways; the identities between rows decided",
                path=table.row_path(index),
                location=location,
            )
            continue
        for column in range(width):
            possible = _possible_values(rows, column)
            if len(possible) == 1 and all(row[column] is not None for row in rows):
                table.cells[start + column] = _Cell(possible[0], raw, location)
                continue
            table.possible[start + column] = possible
            findings.add(
                "R-AMBIGUOUS-SPLIT",
                Severity.WARNING,
                f"连写的数字“{raw}”有{len(rows)}种符合要求的拆分方式，本单元格无法确定；"
                f"可能的值：{_listing(possible)}",
                f"the run of digits {raw!r} splits in {len(rows)} ways that fit; this cell cannot"
                f" be told; possible values: {_listing(possible)}",
                path=table.paths[start + column],
                location=location,
            )
    table.pending.clear()


def _product_size(options: Sequence[Sequence[object]]) -> int:
    size = 1
    for option in options:
        size *= len(option)
    return size


def _cell_sums(
    grid: Grid, identity: catalog.Identity, column: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The cell indices of both sides of a row identity, in one column."""
    width = len(grid.columns)
    return (
        tuple(grid.row_index(row) * width + column for row in identity.left),
        tuple(grid.row_index(row) * width + column for row in identity.right),
    )


def _holds(left: Sequence[int], right: Sequence[int], values: list[CellValue]) -> bool | None:
    left_values = [values[index] for index in left]
    right_values = [values[index] for index in right]
    if any(value is None for value in (*left_values, *right_values)):
        return None
    return sum(left_values) == sum(right_values)  # type: ignore[arg-type]


# --- row labels -------------------------------------------------------------------------


_TRAILING_NOISE = re.compile(r"[\W_]*|\(?(?:单位:?)?(?:件|个|项|条|万元|元)\)?")


def _row_term(
    unit: _Unit, version: FormatVersion, grids: Sequence[Grid]
) -> tuple[Term | None, bool]:
    """The row (or group) named by the label printed last before a unit's values.

    Only the last label counts: text or another label between a row label and the values means
    the row's own values were lost on the way (a cut label, a glued run of digits).
    """
    grid_ids = {id(grid) for grid in grids}
    for token in reversed(unit.labels):
        if token.kind == _Kind.TEXT and _TRAILING_NOISE.fullmatch(token.canon):
            continue
        if token.kind != _Kind.LABEL:
            return None, False
        for term in token.terms:
            if term.version is not version or id(term.grid) not in grid_ids:
                continue
            if term.kind is TermKind.ROW:
                return term, True
            if term.kind is TermKind.GROUP and len(grids) == 1 and term.grid is grids[0]:
                return term, True
        return None, False
    return None, False


@functools.cache
def _row_labels(grid: Grid) -> tuple[tuple[int, str], ...]:
    return tuple(
        (row_index, strip_numbering(canonical(text)))
        for row_index, row in enumerate(grid.rows)
        for text in (row.label.zh, *row.aliases)
    )


def _fuzzy_row(unit: _Unit, grid: Grid) -> int | None:
    """A row named by a cut label (a fragment printed on the value line), if only one fits."""
    labels = _row_labels(grid)
    for token in reversed(unit.labels):
        fragment = strip_numbering(token.canon)
        if len(fragment) < 4:
            continue
        matches = {
            row_index
            for row_index, label in labels
            if (label.startswith(fragment) or (len(label) >= 4 and fragment.startswith(label)))
            or (len(fragment) >= 5 and fragment in label)
        }
        if len(matches) == 1:
            return next(iter(matches))
    return None


# --- format versions --------------------------------------------------------------------


def _marker_votes(tokens: Sequence[_Token]) -> dict[FormatVersion, int]:
    text = "".join(token.canon for token in tokens)
    return {
        version: sum(marker in text for marker in found) for version, found in markers().items()
    }


def _requests_structure(tokens: Sequence[_Token]) -> FormatVersion | None:
    """2019 if （六）其他处理 is followed directly by （七）总计 or carries values itself."""
    labelled = [t for t in tokens if t.kind in (_Kind.LABEL, _Kind.VALUE)]
    for position, token in enumerate(labelled):
        if token.kind != _Kind.LABEL:
            continue
        ids = {(term.kind, term.item_id) for term in token.terms}
        other = any(kind is TermKind.ROW and item == "other_handling" for kind, item in ids)
        if not other:
            continue
        following = labelled[position + 1 : position + 2]
        if following and following[0].kind == _Kind.VALUE:
            return FormatVersion.V2019
        if following and any(
            term.kind is TermKind.ROW and term.item_id == catalog.requests_grid("2019").rows[-2].id
            for term in following[0].terms
        ):
            return FormatVersion.V2019
    return None


# --- the interpreter --------------------------------------------------------------------


class _Reader:
    def __init__(self, document: SourceDocument, *, blanks_as_zero: bool) -> None:
        self.document = document
        self.blanks_as_zero = blanks_as_zero
        self.findings = _Findings()
        self.provenance: dict[str, CellProvenance] = {}
        self.undetermined: dict[str, tuple[CellValue, ...]] = {}

    # sections

    def sections(self) -> tuple[list[_Piece], dict[str, list[_Piece]], list[_Piece]]:
        pieces, candidates = _split_headings(_pieces(self.document))
        chosen = _choose_headings(candidates)
        regions: dict[str, list[_Piece]] = {}
        for heading, following in itertools.zip_longest(chosen, chosen[1:]):
            end = following.start if following is not None else len(pieces)
            regions[catalog.SECTION_IDS[heading.section]] = pieces[heading.position : end]
        preamble = pieces[: chosen[0].start] if chosen else pieces
        return pieces, regions, preamble

    # narrative

    @staticmethod
    def narrative(pieces: Sequence[_Piece]) -> str | None:
        lines: list[str] = []
        current = -1
        for piece in pieces:
            text = piece.raw.strip()
            if not text or _is_page_number(text):
                continue
            if piece.line != current:
                lines.append(text)
                current = piece.line
            else:
                lines[-1] += ("" if piece.split else " ") + text
        joined = "\n".join(lines).strip()
        return joined or None

    # title

    def title(
        self, preamble: Sequence[_Piece], regions: Mapping[str, list[_Piece]]
    ) -> tuple[str | None, int | None, str | None]:
        text = _title_text(preamble)
        organ, year, title = _title_parts(text)
        if year is None:
            year = _period_year(text) or _period_year(
                self.narrative(regions.get(_OVERVIEW, [])) or ""
            )
            if year is not None:
                self.findings.add(
                    "R-YEAR-FROM-BODY",
                    Severity.INFO,
                    f"标题中未找到年份，按正文中的统计期限或首个年份读为{year}年",
                    f"no year in the title; {year} was read from the statistics period or body",
                    path="$.year",
                )
            else:
                self.findings.add(
                    "R-YEAR-MISSING",
                    Severity.WARNING,
                    "未能读出报告年度",
                    "the report year could not be read",
                    path="$.year",
                )
        if organ is None:
            organ = _body_organ(self.narrative(regions.get(_OVERVIEW, [])) or "")
            if organ is not None:
                self.findings.add(
                    "R-ORGAN-FROM-BODY",
                    Severity.INFO,
                    f"标题中未找到机关名称，按正文读为“{organ}”",
                    f"no organ in the title; {organ!r} was read from the body",
                    path="$.organ",
                )
            else:
                self.findings.add(
                    "R-ORGAN-MISSING",
                    Severity.INFO,
                    "未能读出报告机关名称",
                    "the reporting organ is not named",
                    path="$.organ",
                )
        return organ, year, title

    # tables

    def table_units(
        self, regions: Mapping[str, list[_Piece]], section_id: str
    ) -> tuple[list[_Token], list[_Unit]]:
        pieces = regions.get(section_id)
        if pieces is None:
            return [], []
        tokens = _tokens(pieces, section_id)
        units = _units(tokens)
        return tokens, _one_item_per_line(units)

    def record(self, table: _TableRead) -> tuple[CellValue, ...]:
        """Final values of a table; provenance and undetermined cells recorded."""
        values: list[CellValue] = []
        converted = False
        for index, (cell, path) in enumerate(zip(table.cells, table.paths, strict=True)):
            if cell is None:
                values.append(None)
                if index in table.possible:
                    self.undetermined[path] = table.possible[index]
                row = index // len(table.grid.columns)
                if row in table.located:
                    self.provenance[path] = CellProvenance(
                        path=path, location=table.located[row], raw=table.raws.get(row, "")
                    )
                continue
            self.provenance[path] = CellProvenance(path=path, location=cell.location, raw=cell.raw)
            value = cell.value
            if cell.blank and self.blanks_as_zero:
                kind = table.grid.columns[index % len(table.grid.columns)].kind
                value = Decimal(0) if kind is CellKind.AMOUNT else 0
                converted = True
            values.append(value)
        if converted:
            self.findings.add(
                "R-BLANK-AS-ZERO",
                Severity.INFO,
                "按调用方要求，空白单元格读为0",
                "blank cells were read as 0, as the caller asked",
                path=f"$.{catalog.grid_path(table.grid)}",
            )
        return tuple(values)

    def missing_table(self, section_id: str) -> None:
        heading = catalog.format_spec(FormatVersion.V2021).section(section_id).heading
        self.findings.add(
            "R-SECTION-MISSING",
            Severity.WARNING,
            f"未找到“{heading.zh}”部分，其表格各单元格为空",
            f"section {heading.en!r} was not found; its cells are left blank",
            path=f"$.{section_id}",
        )


def _one_item_per_line(units: list[_Unit]) -> list[_Unit]:
    """Join one-value lines of "one item per line" copies into rows, under their label line."""
    if any(len(unit.items) > 1 for unit in units):
        return units
    joined: list[_Unit] = []
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
        joined.append(_Unit(list(unit.labels), list(unit.items), unit.line, unit.glued))
    return joined


# The organ-first title tries up to 40 characters of organ at every place of the opening text:
# it is only tried when what must follow the organ is there at all.
_AFTER_ORGAN = (
    r"(?P<year>20\d{2}|2100)\s*年\s*度?\s*"
    r"(?:的\s*)?政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?(?:报\s*告|年\s*报)"
)
_TITLE_AFTER_ORGAN = re.compile(_AFTER_ORGAN)
_TITLE_ORGAN_FIRST = re.compile(
    r"(?P<organ>[^\s，,。：:；;|《》〈〉“”\"()（）]{2,40}?)\s*" + _AFTER_ORGAN
)
_TITLE_YEAR_FIRST = re.compile(
    r"(?P<year>20\d{2}|2100)\s*年\s*度?\s*(?P<organ>[^\s，,。：:；;|《》〈〉“”\"()（）]{2,40}?)\s*"
    r"政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?(?:报\s*告|年\s*报)"
)
_TITLE_YEAR_ONLY = re.compile(
    r"(?P<year>20\d{2}|2100)\s*年\s*度?\s*政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?年\s*度\s*报\s*告"
)
_NOT_ORGAN = re.compile(r"关于|印发|通知|条例|办法|规定|编制|公布|格式|根据|本报告|^[我本该]")
_PERIOD = re.compile(r"统计(?:期限|周期|时限|时间|区间)[^。\n]{0,12}?(20\d{2}|2100)\s*年")
_FIRST_YEAR = re.compile(r"(20\d{2}|2100)\s*年")
_BODY_ORGAN = re.compile(
    r"(?:20\d{2}|2100)\s*年度?\s*[，,]\s*(?P<organ>[\u4e00-\u9fff]{2,24}?"
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管委会|实验区|新区|开发区|办事处|街道|局|委|区|市|县|州|盟|旗|镇|乡))"
    r"(?=坚持|认真|深入|全面|严格|紧紧|紧密|以|在|按照|围绕|持续|进一步|高度|始终|不断|积极|扎实|切实)"
)


def _title_text(preamble: Sequence[_Piece]) -> str:
    """The opening text where a title is looked for: the first lines, joined by newlines."""
    lines: list[str] = []
    current = -1
    size = 0
    for piece in preamble:
        if piece.line != current:
            if len(lines) >= 8 or size > 600:
                break
            lines.append(piece.raw)
            current = piece.line
        else:
            lines[-1] += " " + piece.raw
        size += len(piece.raw)
    return "\n".join(lines)[:1500]


def _title_parts(text: str) -> tuple[str | None, int | None, str | None]:
    # Matched in folded form (full-width digits, traditional characters of mirror sites), quoted
    # as printed: folding keeps every character in its place.
    folded = fold(text)
    for pattern in (_TITLE_ORGAN_FIRST, _TITLE_YEAR_FIRST):
        if pattern is _TITLE_ORGAN_FIRST and _TITLE_AFTER_ORGAN.search(folded) is None:
            continue
        for match in pattern.finditer(folded):
            if _NOT_ORGAN.search(match.group("organ")):
                continue
            organ = text[match.start("organ") : match.end("organ")]
            title = re.sub(r"\s+", "", text[match.start() : match.end()])
            return organ, _year(match.group("year")), title
    year_only = _TITLE_YEAR_ONLY.search(folded)
    if year_only is not None:
        title = re.sub(r"\s+", "", text[year_only.start() : year_only.end()])
        return None, _year(year_only.group("year")), title
    return None, None, None


def _year(text: str) -> int | None:
    """A report year the model accepts (2008, the first year of reports, onwards)."""
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _period_year(text: str) -> int | None:
    folded = fold(text)
    match = _PERIOD.search(folded) or _FIRST_YEAR.search(folded[:300])
    return _year(match.group(1)) if match is not None else None


def _body_organ(text: str) -> str | None:
    match = _BODY_ORGAN.search(fold(text[:400]))
    if match is None or _NOT_ORGAN.search(match.group("organ")):
        return None
    return text[match.start("organ") : match.end("organ")]


# --- section 二 -------------------------------------------------------------------------


def _read_proactive(  # noqa: C901 - rows, duplicates, glued runs: one decision list
    reader: _Reader, units: Sequence[_Unit], version: FormatVersion
) -> tuple[Table, ...]:
    grids = catalog.format_spec(version).section(_PROACTIVE).grids
    tables = {grid.id: _TableRead.of(grid) for grid in grids}
    found: dict[tuple[str, str], list[_Unit]] = {}
    previous: _Unit | None = None
    for unit in units:
        term, _exact = _row_term(unit, version, grids)
        if term is None and unit.items and previous is not None and not previous.items:
            # One item per line, or a label on the line above its values.
            term, _exact = _row_term(previous, version, grids)
        if term is not None and term.kind is TermKind.ROW and unit.items:
            found.setdefault((term.grid.id, term.item_id), []).append(unit)
        elif unit.has_values():
            _stray(reader, unit, f"$.{_PROACTIVE}")
        previous = unit
    any_values = any(unit.has_values() for printed in found.values() for unit in printed)
    order = [(grid, row) for grid in grids for row in grid.rows]
    for position, (grid, row) in enumerate(order):
        table = tables[grid.id]
        row_index = grid.row_index(row.id)
        span = table.row_slice(row_index)
        printed = found.get((grid.id, row.id), [])
        if not printed:
            if any_values:
                reader.findings.add(
                    "R-ROW-MISSING",
                    Severity.WARNING,
                    f"未找到“{row.label.zh}”行，其单元格为空",
                    f"row {row.label.en!r} was not found; its cells are left blank",
                    path=f"$.{catalog.grid_path(grid)}.{row.id}",
                )
            continue
        unit = printed[0]
        location = unit.items[0].location if unit.items else None
        if len(printed) > 1 and any(_item_texts(u) != _item_texts(unit) for u in printed[1:]):
            for path in table.paths[span]:
                reader.findings.add(
                    "R-CONFLICT",
                    Severity.WARNING,
                    "本行印了两次且数值不同，未读取",
                    "this row is printed twice with different values; left unread",
                    path=path,
                    location=location,
                )
            continue
        resolved = _resolve(
            unit.items,
            grid,
            table.kinds(),
            table.paths[span],
            reader.findings,
            splittable=_splittable(unit),
        )
        following = order[position + 1] if position + 1 < len(order) else None
        if unit.glued and following is not None and (following[0].id, following[1].id) not in found:
            resolved = _absorbed(unit, resolved, grid, following)
        _apply(table, span.start, resolved, reader.findings, location)
    for grid in grids:
        _settle_ambiguous(tables[grid.id], reader.findings, use_columns=False)
    if not any_values:
        reader.findings.add(
            "R-TABLE-EMPTY",
            Severity.INFO,
            "本部分表格未印任何数值",
            "no values are printed in this section's tables",
            path=f"$.{_PROACTIVE}",
        )
    return tuple(Table(grid, reader.record(tables[grid.id])) for grid in grids)


def _absorbed(
    unit: _Unit, resolved: _Resolved, grid: Grid, following: tuple[Grid, catalog.Row]
) -> _Resolved:
    """Doubt a run glued to its label when the next row's label is missing.

    The run may hold that row's values too (a one-line report that lost a label): then this
    row cannot be told either.
    """
    runs = [_run_text(item) for item in unit.items]
    if any(run is None for run in runs):
        return resolved
    next_grid, _next_row = following
    kinds = [column.kind for column in (*grid.columns, *next_grid.columns)]
    try:
        combined = split_runs(
            [run for run in runs if run is not None], kinds, width=len(kinds), limit=50
        )
    except TooManySplits:
        combined = []
    if not combined:
        return resolved
    width = len(grid.columns)
    own = resolved.candidates or (
        (tuple(cell.value if cell is not None else None for cell in resolved.cells),)
        if all(cell is not None for cell in resolved.cells)
        else ()
    )
    readings = tuple(dict.fromkeys((*own, *(row[:width] for row in combined))))
    next_label = following[1].label.zh
    return resolved._replace(
        cells=(None,) * width,
        candidates=readings,
        code="R-AMBIGUOUS-SPLIT",
        zh=f"下一行“{next_label}”的标签缺失，其数值可能与本行连写在一起",
        en=f"the label of the next row ({following[1].label.en!r}) is missing: its values may run"
        " into this row's",
    )


def _item_texts(unit: _Unit) -> tuple[str, ...]:
    return tuple(item.raw for item in unit.items)


def _splittable(unit: _Unit) -> bool:
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


def _stray(reader: _Reader, unit: _Unit, path: str) -> None:
    values = " ".join(item.raw for item in unit.items if not item.empty)
    reader.findings.add(
        "R-STRAY-VALUE",
        Severity.INFO,
        f"表格区域内的数值“{values}”不属于任何单元格，未使用",
        f"the values {values!r} in the table area belong to no cell and were not used",
        path=path,
        location=unit.items[0].location if unit.items else None,
    )


# --- section 三 -------------------------------------------------------------------------


@attrs.frozen
class _RowUnit:
    unit: _Unit
    row: int | None
    exact: bool


def _read_requests(  # noqa: C901, PLR0912 - one decision list per kind of printed row
    reader: _Reader, units: Sequence[_Unit], version: FormatVersion
) -> tuple[CellValue, ...]:
    grid = catalog.requests_grid(version)
    table = _TableRead.of(grid)
    width = len(grid.columns)
    candidates: list[_RowUnit] = []
    for unit in units:
        if not unit.items:
            continue
        term, _exact = _row_term(unit, version, (grid,))
        if term is not None and term.kind is TermKind.GROUP:
            if unit.has_values():
                reader.findings.add(
                    "R-SUBTOTAL-ROW",
                    Severity.INFO,
                    f"“{term.item_id}”小计行不是表格单元格，未使用",
                    f"the subtotal row of group {term.item_id!r} is not a cell of the form;"
                    " not used",
                    path=f"$.{_REQUESTS}",
                    location=unit.items[0].location,
                )
            continue
        if term is not None:
            candidates.append(_RowUnit(unit, grid.row_index(term.item_id), term.exact))
            continue
        if not unit.has_values():
            continue
        digits = sum(len(item.raw) for item in unit.items if not item.empty)
        if len(unit.items) >= width or (_splittable(unit) and digits >= width):
            fuzzy = _fuzzy_row(unit, grid)
            candidates.append(_RowUnit(unit, fuzzy, exact=False))
        else:
            _stray(reader, unit, f"$.{_REQUESTS}")
    if not any(c.unit.has_values() for c in candidates):
        if candidates or units:
            reader.findings.add(
                "R-TABLE-EMPTY",
                Severity.INFO,
                "本表格未印任何数值",
                "no values are printed in this table",
                path=f"$.{_REQUESTS}",
            )
        return reader.record(table)
    placed = _place_rows(reader, candidates, len(grid.rows))
    for row_index, unit in placed.items():
        resolved = _resolve(
            unit.items,
            grid,
            table.kinds(),
            table.paths[table.row_slice(row_index)],
            reader.findings,
            splittable=_splittable(unit),
        )
        _apply(table, row_index * width, resolved, reader.findings, unit.items[0].location)
    for row_index, row in enumerate(grid.rows):
        if row_index not in placed:
            reader.findings.add(
                "R-ROW-MISSING",
                Severity.WARNING,
                f"未找到“{row.label.zh}”行，其单元格为空",
                f"row {row.label.en!r} was not found; its cells are left blank",
                path=f"$.{_REQUESTS}.{row.id}",
            )
    _settle_ambiguous(table, reader.findings, use_columns=True)
    return reader.record(table)


def _place_rows(reader: _Reader, candidates: list[_RowUnit], size: int) -> dict[int, _Unit]:
    """Place value rows: by label where labels are exact, else in the places between.

    Rows without a label fill the places between labelled rows, in order, when their number
    fits exactly (PDF converters detach numbers from labels).
    """
    anchored = [
        (position, c.row) for position, c in enumerate(candidates) if c.exact and c.row is not None
    ]
    keep = _increasing(anchored)
    placed: dict[int, _Unit] = {}
    anchors = [
        (-1, -1),
        *[(position, row) for position, row in anchored if (position, row) in keep],
        (len(candidates), size),
    ]
    for (start_position, start_row), (end_position, end_row) in itertools.pairwise(anchors):
        if start_row >= 0:
            placed[start_row] = candidates[start_position].unit
        between = candidates[start_position + 1 : end_position]
        between = [c for c in between if not (c.exact and c.row is not None)] + [
            c
            for c in between
            if c.exact and c.row is not None and (candidates.index(c), c.row) not in keep
        ]
        between.sort(key=candidates.index)
        rows = list(range(start_row + 1, end_row))
        dropped = [c for c in between if c.exact]
        for c in dropped:
            _stray(reader, c.unit, f"$.{_REQUESTS}")
        between = [c for c in between if not c.exact]
        _fill_gap(reader, between, rows, placed)
    return placed


def _fill_gap(
    reader: _Reader, between: list[_RowUnit], rows: list[int], placed: dict[int, _Unit]
) -> None:
    if not between:
        return
    if len(between) == len(rows) and all(
        c.row is None or c.row == row for c, row in zip(between, rows, strict=True)
    ):
        for c, row in zip(between, rows, strict=True):
            placed[row] = c.unit
        return
    # Cut labels on the value lines, if they agree with the order, split the gap further.
    labelled = [(i, c.row) for i, c in enumerate(between) if c.row is not None and c.row in rows]
    keep = _increasing(labelled)
    if keep and len(keep) < len(between):
        bounds = [(-1, rows[0] - 1), *sorted(keep), (len(between), rows[-1] + 1)]
        if all(b - a == rb - ra for (a, ra), (b, rb) in itertools.pairwise(bounds)):
            for (a, ra), (_b, rb) in itertools.pairwise(bounds):
                if a >= 0:
                    placed[ra] = between[a].unit
                for offset, row in enumerate(range(ra + 1, rb)):
                    placed[row] = between[a + 1 + offset].unit
            return
    for c in between:
        reader.findings.add(
            "R-UNPLACED-ROWS",
            Severity.WARNING,
            f"有{len(between)}行数值没有行标签，而此处缺{len(rows)}行，无法对应，未使用",
            f"{len(between)} unlabelled value rows for {len(rows)} missing rows here: they cannot"
            " be"
            " matched, so they were not used",
            path=f"$.{_REQUESTS}",
            location=c.unit.items[0].location if c.unit.items else None,
        )


def _increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest subsequence of (position, row) pairs whose rows strictly increase."""
    if not pairs:
        return set()
    best = [1] * len(pairs)
    previous = [-1] * len(pairs)
    for i in range(len(pairs)):
        for j in range(i):
            if pairs[j][1] < pairs[i][1] and best[j] + 1 > best[i]:
                best[i] = best[j] + 1
                previous[i] = j
    end = max(range(len(pairs)), key=lambda i: best[i])
    keep = set()
    while end != -1:
        keep.add(pairs[end])
        end = previous[end]
    return keep


# --- section 四 -------------------------------------------------------------------------


def _read_review(reader: _Reader, units: Sequence[_Unit]) -> tuple[CellValue, ...]:
    grid = catalog.REVIEW_LITIGATION_GRID
    table = _TableRead.of(grid)
    items: list[_Item] = []
    glued = False
    chosen: list[_Unit] = []
    for unit in units:
        if not unit.has_values():
            if chosen:
                break
            continue
        chosen.append(unit)
        items.extend(unit.items)
        glued = glued or _splittable(unit)
        if sum(not item.empty for item in items) >= grid.size or len(items) >= grid.size:
            break
    if not items:
        reader.findings.add(
            "R-TABLE-EMPTY",
            Severity.INFO,
            "本表格未印任何数值",
            "no values are printed in this table",
            path=f"$.{_REVIEW}",
        )
        return reader.record(table)
    kinds = [column.kind for _row, column in grid.cells()]
    resolved = _resolve(items, grid, kinds, table.paths, reader.findings, splittable=glued)
    _apply(table, 0, resolved, reader.findings, items[0].location)
    return reader.record(table)


# --- entry point ------------------------------------------------------------------------


def _versions(
    reader: _Reader,
    proactive_tokens: Sequence[_Token],
    requests_tokens: Sequence[_Token],
    year: int | None,
) -> tuple[FormatVersion, FormatVersion]:
    def by_markers(tokens: Sequence[_Token]) -> FormatVersion | None:
        votes = _marker_votes(tokens)
        ranked = sorted(votes.items(), key=lambda pair: pair[1], reverse=True)
        if ranked[0][1] == 0:
            return None
        if ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    requests_version = by_markers(requests_tokens) or _requests_structure(requests_tokens)
    proactive_version = by_markers(proactive_tokens)
    fallback = requests_version or proactive_version
    if fallback is None:
        fallback = (
            FormatVersion.V2021
            if year is None or year >= catalog.format_spec("2021").first_report_year
            else FormatVersion.V2019
        )
    for section_id, version, tokens in (
        (_PROACTIVE, proactive_version, proactive_tokens),
        (_REQUESTS, requests_version, requests_tokens),
    ):
        if version is None and tokens:
            reader.findings.add(
                "R-FORMAT-GUESSED",
                Severity.WARNING,
                f"无法从表格标签判断格式版本，按{fallback.value}年格式读取",
                "the format version could not be told from the labels;"
                f" read as the {fallback.value} format",
                path=f"$.{section_id}",
            )
    proactive = proactive_version or fallback
    requests = requests_version or fallback
    if proactive is not requests:
        reader.findings.add(
            "R-FORMAT-MIXED",
            Severity.INFO,
            f"第二部分表格为{proactive.value}年格式，第三部分表格为{requests.value}年格式",
            f"section 二 uses the {proactive.value} format"
            f" and section 三 the {requests.value} format",
            path=f"$.{_REQUESTS}",
        )
    return proactive, requests


def _counts(values: tuple[CellValue, ...]) -> tuple[int | None, ...]:
    # Tables 三 and 四 hold counts only: their columns are all of kind COUNT.
    return cast("tuple[int | None, ...]", values)


def interpret(document: SourceDocument, *, blanks_as_zero: bool = False) -> ParseResult:
    """Read the report a document prints: sections, title, tables, with findings and provenance.

    ``blanks_as_zero`` reads printed blanks (empty, ``-``, ``/``…) as 0 instead of ``None``;
    cells that could not be read stay ``None`` either way.
    """
    reader = _Reader(document, blanks_as_zero=blanks_as_zero)
    _pieces_all, regions, preamble = reader.sections()
    organ, year, title = reader.title(preamble, regions)
    proactive_tokens, proactive_units = reader.table_units(regions, _PROACTIVE)
    requests_tokens, requests_units = reader.table_units(regions, _REQUESTS)
    _review_tokens, review_units = reader.table_units(regions, _REVIEW)
    proactive_version, requests_version = _versions(reader, proactive_tokens, requests_tokens, year)

    if _PROACTIVE in regions:
        tables = _read_proactive(reader, proactive_units, proactive_version)
        proactive = ProactiveDisclosure(proactive_version, tables)
    else:
        reader.missing_table(_PROACTIVE)
        proactive = ProactiveDisclosure.blank(proactive_version)
    if _REQUESTS in regions:
        requests = Requests(
            requests_version, _counts(_read_requests(reader, requests_units, requests_version))
        )
    else:
        reader.missing_table(_REQUESTS)
        requests = Requests.blank(requests_version)
    if _REVIEW in regions:
        review = ReviewLitigation(_counts(_read_review(reader, review_units)))
    else:
        reader.missing_table(_REVIEW)
        review = ReviewLitigation.blank()

    narratives: dict[str, str | None] = {}
    for section_id in _NARRATIVES:
        if section_id in regions:
            narratives[section_id] = reader.narrative(regions[section_id])
        else:
            narratives[section_id] = None
            heading = catalog.format_spec(FormatVersion.V2021).section(section_id).heading
            reader.findings.add(
                "R-SECTION-MISSING",
                Severity.INFO,
                f"未找到“{heading.zh}”部分",
                f"section {heading.en!r} was not found",
                path=f"$.{section_id}",
            )
    report = Report(
        organ=organ,
        year=year,
        source=Source(title=title, file=document.name),
        proactive_disclosure=proactive,
        requests=requests,
        review_litigation=review,
        **narratives,
    )
    return ParseResult(
        report=report,
        findings=tuple(reader.findings.items),
        provenance=MappingProxyType(dict(reader.provenance)),
        undetermined=MappingProxyType(dict(reader.undetermined)),
    )
