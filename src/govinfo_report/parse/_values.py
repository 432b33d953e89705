"""Values as printed in table cells: numbers, blanks, units, signs, and digit runs to split.

A cell prints a count (``3119``), a signed count (``+1036``, ``-8``), an amount (``96171.6``,
``251000元``) or a blank: an empty cell, ``-``, ``—``, ``--``, ``/``. A blank is ``None``, never 0.

Some copies lose the separators between cells, so a row of seven cells arrives as one run of
digits (``270020130``). :func:`split_runs` lists every way to cut the runs into cells that the
form allows: a number never starts with ``0`` unless it is ``0``, a count has no decimals, and
the row identities (e.g. 总计 = the sum of the six applicant columns) hold.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import attrs

from govinfo_report.catalog import CellKind
from govinfo_report.model import CellValue

__all__ = [
    "BLANK_MARKS",
    "MONEY_UNITS",
    "UNITS",
    "ParsedValue",
    "RowCheck",
    "RowTarget",
    "is_value_text",
    "parse_value",
    "sign_joined",
    "split_runs",
    "value_chunks",
]

BLANK_MARKS = frozenset({"", "-", "--", "---", "—", "——", "–", "―", "/", "\\", "－", "一"})
"""Texts printed for a blank cell (docs/format.md §A.6). ``一`` is a dash typed as the numeral."""

MONEY_UNITS = ("万元", "元")
"""Units of money a cell may print after its number (the longer first: ``万元`` ends in ``元``)."""
UNITS = (*MONEY_UNITS, "件", "个", "项", "条", "次", "人")
"""Units a table cell may print after its number (longest first where one ends another)."""
_UNIT = "|".join(UNITS)
# One printed number: optional sign, digits (thousands commas allowed), decimals, a unit.
_NUMBER = rf"[+\-]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:{_UNIT})?"
_BLANK = r"(?:-{1,3}|—{1,2}|–|―|/|\\|－)"
# A stray ``?`` or ``？`` before digits comes from a broken no-break space (§A.6).
_STRAY = r"[?？]?"
# Numbers are separated by spaces, or run together where a signed change follows its neighbour
# (``2648-18538``: a 2019 本年增/减 of -18 between 2648 and 538, docs/format.md §A.14).
_SEPARATOR = r"(?:\s+|(?=[+\-][1-9]))"
_VALUE_TEXT = re.compile(
    rf"\s*(?:{_STRAY}\s*{_NUMBER}(?:{_SEPARATOR}{_STRAY}\s*{_NUMBER})*|{_BLANK})\s*"
)
_SIGN_JOINED = re.compile(r"\d[+\-][1-9]")
_CHUNK = re.compile(rf"{_STRAY}\s*({_NUMBER})|({_BLANK})")
_SINGLE = re.compile(rf"([+\-]?)(\d+(?:,\d{{3}})*)(\.\d+)?({_UNIT})?")
_MAX_DIGITS = 13


def is_value_text(text: str) -> bool:
    """Whether ``text`` (full-width digits already folded) is only numbers or one blank mark."""
    return _VALUE_TEXT.fullmatch(text) is not None


def sign_joined(text: str) -> bool:
    """Whether a value text runs a signed number into the number before it (``2648-18538``)."""
    return _SIGN_JOINED.search(text) is not None


def value_chunks(text: str) -> list[str]:
    """The printed numbers (or the blank mark) of a value text, in order."""
    return [match.group(1) or match.group(2) for match in _CHUNK.finditer(text)]


@attrs.frozen
class ParsedValue:
    """One cell's text read for a column: the value, or why there is none."""

    value: CellValue
    blank: bool = False
    """The cell printed a blank (nothing, ``-``, ``/``…)."""
    unit: str | None = None
    """A unit printed after the number (``元``), kept out of the value."""
    problem: str | None = None
    """Why the text is not a valid value for the column (the value is then ``None``)."""


def parse_value(text: str, kind: CellKind) -> ParsedValue:
    """Read one cell's text (a single number or a blank mark) for a column of ``kind``."""
    # One cache per kind: keyed on the text alone, as hashing an enum member is slow.
    if kind is CellKind.AMOUNT:
        return _parse_amount(text)
    if kind is CellKind.SIGNED_COUNT:
        return _parse_signed_count(text)
    return _parse_count(text)


# Cells print the same few texts (0, -, small counts) over and over; the result is immutable.
@functools.lru_cache(maxsize=4096)
def _parse_amount(text: str) -> ParsedValue:
    return _parse_value(text, CellKind.AMOUNT)


@functools.lru_cache(maxsize=4096)
def _parse_signed_count(text: str) -> ParsedValue:
    return _parse_value(text, CellKind.SIGNED_COUNT)


@functools.lru_cache(maxsize=4096)
def _parse_count(text: str) -> ParsedValue:
    return _parse_value(text, CellKind.COUNT)


def _parse_value(text: str, kind: CellKind) -> ParsedValue:  # noqa: PLR0911 - one return per way a cell can be misprinted
    stripped = text.strip().lstrip("?？").strip()
    if stripped in BLANK_MARKS:
        return ParsedValue(None, blank=True)
    match = _SINGLE.fullmatch(stripped)
    if match is None:
        return ParsedValue(None, problem="not a number")
    sign, digits, decimals, unit = match.groups()
    digits = digits.replace(",", "")
    if len(digits) > 1 and digits.startswith("0"):
        return ParsedValue(None, unit=unit, problem="a number cannot start with 0")
    if kind is CellKind.AMOUNT:
        try:
            amount = Decimal(f"{sign}{digits}{decimals or ''}")
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return ParsedValue(None, unit=unit, problem="not a number")
        if amount < 0:
            return ParsedValue(None, unit=unit, problem="an amount cannot be negative")
        return ParsedValue(amount, unit=unit)
    if decimals:
        return ParsedValue(None, unit=unit, problem="a count has no decimals")
    number = int(digits)
    if sign == "-":
        if kind is CellKind.COUNT and number != 0:
            return ParsedValue(None, unit=unit, problem="a count cannot be negative")
        number = -number
    return ParsedValue(number, unit=unit)


RowCheck = Callable[[Sequence[CellValue]], bool]
"""Whether a complete row of cells satisfies the identities within the row."""
RowTarget = Callable[[Sequence[CellValue]], CellValue]
"""Given the first cells of a row, the value the next cell must have (a total), or None."""
_NODES_PER_CELL = 400
"""Search budget for splitting runs: real rows need a few dozen steps; past this, give up."""


def _max_digits(kind: CellKind) -> int:
    # Counts in real reports stay below 10^10; amounts carry decimals.
    return _MAX_DIGITS if kind is CellKind.AMOUNT else 10


_COUNT_PIECE = re.compile(r"0|[1-9]\d*")
_SIGNED_PIECE = re.compile(r"[+\-]?(?:0|[1-9]\d*)")
_AMOUNT_PIECE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _piece_value(piece: str, kind: CellKind, *, capped: bool = True) -> CellValue:
    """The value of a piece of a run, or None if the form does not allow it in this column."""
    if capped and len(piece) > _MAX_DIGITS:
        return None
    if kind is CellKind.AMOUNT:
        return Decimal(piece) if _AMOUNT_PIECE.fullmatch(piece) else None
    if kind is CellKind.SIGNED_COUNT:
        return int(piece) if _SIGNED_PIECE.fullmatch(piece) else None
    return int(piece) if _COUNT_PIECE.fullmatch(piece) else None


class TooManySplits(Exception):  # noqa: N818 - a signal, not an error shown to anyone
    """More splits fit than are worth listing: the run says nothing certain."""


def split_runs(  # noqa: PLR0913 - a bounded search with its constraints
    runs: Sequence[str],
    kinds: Sequence[CellKind],
    *,
    width: int,
    check: RowCheck | None = None,
    target: RowTarget | None = None,
    limit: int = 200,
) -> list[tuple[CellValue, ...]]:
    """Every way to cut ``runs`` (in order) into ``len(kinds)`` cells the form allows.

    Each run gives at least one cell; a cell never spans two runs. ``check`` is called on each
    complete row of ``width`` cells; ``target``, given the cells of the row so far, may name the
    only value the next cell can take (a total). Raises :class:`TooManySplits` past ``limit``
    results or when the search grows too long to be worth finishing.

    >>> split_runs(["270020130"], [CellKind.COUNT] * 7, width=7,
    ...            check=lambda row: row[6] == sum(row[:6]))
    [(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)]
    """
    total = len(kinds)
    if sum(len(run) for run in runs) == total:
        # One digit per cell: the only possible split.
        row = tuple(
            _piece_value(char, kind) for char, kind in zip("".join(runs), kinds, strict=True)
        )
        if any(value is None for value in row) or (
            check is not None and not all(check(row[i : i + width]) for i in range(0, total, width))
        ):
            return []
        return [row]
    known: dict[tuple[int, int, int], _Subtree] = {}
    found = _search(
        runs, kinds, width=width, check=check, target=target, limit=limit, capped=True, known=known
    )
    if found.cut_short and found.splits:
        # The length caps keep the search small, but a split they hid may be the true one: a
        # split that looks unique is only trusted if it stays unique without them. What the
        # caps did not touch comes out the same without them.
        untouched = {key: subtree for key, subtree in known.items() if not subtree.cut_short}
        found = _search(
            runs,
            kinds,
            width=width,
            check=check,
            target=target,
            limit=limit,
            capped=False,
            known=untouched,
        )
    return _splits(found)


class _Subtree(NamedTuple):
    """What the search finds below one of its steps (a cell to cut next at a place in the runs)."""

    steps: int
    """Steps of a plain depth-first search below, this one included: the budget counts them."""
    splits: int
    """Complete splits below."""
    cut_short: bool
    """A length cap left a longer piece untried below."""
    branches: tuple[tuple[CellValue, _Subtree], ...]
    """The values this cell can take that lead to a complete split, in the order tried."""


_SPLIT_DONE = _Subtree(steps=1, splits=1, cut_short=False, branches=())
_DEAD_END = _Subtree(steps=1, splits=0, cut_short=False, branches=())


def _search(  # noqa: C901, PLR0913, PLR0915 - the bounded search of split_runs
    runs: Sequence[str],
    kinds: Sequence[CellKind],
    *,
    width: int,
    check: RowCheck | None,
    target: RowTarget | None,
    limit: int,
    capped: bool,
    known: dict[tuple[int, int, int], _Subtree],
) -> _Subtree:
    """What the search of split_runs finds from the start of the runs.

    The outcome is that of a plain depth-first search that gives up (TooManySplits) past a
    budget of steps or ``limit`` splits. Below a step, that search depends on the cells before it
    only through the row being filled, which ``check`` and ``target`` look at: so a step that
    starts a row (or any step, when there is neither) is explored once, and its count of steps
    and splits reused wherever it is reached again. A long run that splits a few ways thus costs
    a few hundred steps instead of thousands, and the budget still gives up exactly when the
    plain search would. ``known`` holds the steps explored so far, by (run, offset, cell).
    """
    total = len(kinds)
    lengths = [len(run) for run in runs]
    suffix = [0] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        suffix[index] = suffix[index + 1] + lengths[index]
    cells: list[CellValue] = []
    budget = _NODES_PER_CELL * max(1, total)
    explored = [0]
    independent = check is None and target is None
    # A piece of a run is read for many cells of the same kind: read it once per kind.
    read_by_kind: dict[CellKind, dict[str, CellValue]] = {kind: {} for kind in set(kinds)}
    read_by_cell = [read_by_kind[kind] for kind in kinds]

    def within_limits(subtree: _Subtree) -> _Subtree:
        # The plain search takes at least the steps and finds at least the splits of any part.
        if subtree.steps > budget or subtree.splits > limit:
            raise TooManySplits
        return subtree

    def walk(run: int, offset: int) -> _Subtree:
        cell = len(cells)
        # The ends of the search are a step each: nothing to explore or remember.
        if cell == total:
            return _SPLIT_DONE if run == len(runs) else _DEAD_END
        cells_left = total - cell
        if run == len(runs) or cells_left < len(runs) - run or cells_left > suffix[run] - offset:
            return _DEAD_END
        key = (run, offset, cell)
        shared = independent or cell % width == 0
        if shared and (subtree := known.get(key)) is not None:
            return subtree
        # Exploring never takes more steps than the plain search, so past the budget it would
        # have given up too.
        explored[0] += 1
        if explored[0] > budget:
            raise TooManySplits
        subtree = within_limits(explore(run, offset, cell))
        if shared:
            known[key] = subtree
        return subtree

    def explore(run: int, offset: int, cell: int) -> _Subtree:
        text = runs[run]
        kind = kinds[cell]
        column = cell % width
        cut_short = False
        expected = target(cells[cell - column : cell]) if target is not None else None
        if expected is not None:
            wanted = str(expected)
            ends: Iterable[int] = (offset + len(wanted),) if text.startswith(wanted, offset) else ()
        else:
            longest = len(text) - offset
            if capped and longest > _max_digits(kind):
                longest = _max_digits(kind)
                cut_short = kind is CellKind.AMOUNT or text[offset] != "0"
            ends = range(offset + 1, offset + longest + 1)
        steps = 1
        splits = 0
        branches: list[tuple[CellValue, _Subtree]] = []
        read = read_by_cell[cell]
        row_check = check if (cell + 1) % width == 0 else None
        zero_alone = kind is not CellKind.AMOUNT
        for end in ends:
            piece = text[offset:end]
            if piece not in read:
                read[piece] = _piece_value(piece, kind, capped=capped)
            value = read[piece]
            if value is not None:
                cells.append(value)
                if row_check is None or row_check(cells[cell + 1 - width : cell + 1]):
                    below = walk(run + 1, 0) if end == len(text) else walk(run, end)
                    steps += below.steps
                    splits += below.splits
                    cut_short = cut_short or below.cut_short
                    if below.splits:
                        branches.append((value, below))
                cells.pop()
            if zero_alone and piece.lstrip("+-") == "0":
                # A zero is a cell of its own: nothing longer starting here is a number.
                break
        return _Subtree(steps, splits, cut_short, tuple(branches))

    return within_limits(walk(0, 0))


def _splits(found: _Subtree) -> list[tuple[CellValue, ...]]:
    """Every split below ``found``, in the order the search tried them."""
    results: list[tuple[CellValue, ...]] = []
    cells: list[CellValue] = []

    def collect(subtree: _Subtree) -> None:
        if not subtree.branches:
            results.append(tuple(cells))
            return
        for value, below in subtree.branches:
            cells.append(value)
            collect(below)
            cells.pop()

    if found.splits:
        collect(found)
    return results
