"""Splitting runs of digits into cells: the shared-subtree search gives what a plain search gives.

:func:`split_runs` explores each place in the runs once and reuses what it found there; the
plain depth-first search it replaced is kept below as the reference. On any runs, kinds, row
identities and limits, both must list the same splits in the same order, and give up
(:class:`TooManySplits`) in exactly the same cases, since a finding depends on which happens.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report.catalog import CellKind
from govinfo_report.parse._values import TooManySplits, split_runs

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from govinfo_report.model import CellValue
    from govinfo_report.parse._values import RowCheck, RowTarget


# --- the reference: the plain depth-first search, as it was before ----------------------------

_MAX_DIGITS = 13
_NODES_PER_CELL = 400
_COUNT_PIECE = re.compile(r"0|[1-9]\d*")
_SIGNED_PIECE = re.compile(r"[+\-]?(?:0|[1-9]\d*)")
_AMOUNT_PIECE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _max_digits(kind: CellKind) -> int:
    return _MAX_DIGITS if kind is CellKind.AMOUNT else 10


def _piece_value(piece: str, kind: CellKind, *, capped: bool = True) -> CellValue:
    if capped and len(piece) > _MAX_DIGITS:
        return None
    if kind is CellKind.AMOUNT:
        return Decimal(piece) if _AMOUNT_PIECE.fullmatch(piece) else None
    if kind is CellKind.SIGNED_COUNT:
        return int(piece) if _SIGNED_PIECE.fullmatch(piece) else None
    return int(piece) if _COUNT_PIECE.fullmatch(piece) else None


def reference_split_runs(
    runs: Sequence[str],
    kinds: Sequence[CellKind],
    *,
    width: int,
    check: RowCheck | None = None,
    target: RowTarget | None = None,
    limit: int = 200,
) -> list[tuple[CellValue, ...]]:
    total = len(kinds)
    if sum(len(run) for run in runs) == total:
        row = tuple(
            _piece_value(char, kind) for char, kind in zip("".join(runs), kinds, strict=True)
        )
        if any(value is None for value in row) or (
            check is not None and not all(check(row[i : i + width]) for i in range(0, total, width))
        ):
            return []
        return [row]
    results, cut_short = _reference_search(
        runs, kinds, width=width, check=check, target=target, limit=limit, capped=True
    )
    if cut_short and results:
        results, _cut_short = _reference_search(
            runs, kinds, width=width, check=check, target=target, limit=limit, capped=False
        )
    return results


def _reference_search(  # noqa: C901 - kept as it was
    runs: Sequence[str],
    kinds: Sequence[CellKind],
    *,
    width: int,
    check: RowCheck | None,
    target: RowTarget | None,
    limit: int,
    capped: bool,
) -> tuple[list[tuple[CellValue, ...]], bool]:
    total = len(kinds)
    results: list[tuple[CellValue, ...]] = []
    cut_short = [False]
    lengths = [len(run) for run in runs]
    suffix = [0] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        suffix[index] = suffix[index + 1] + lengths[index]
    cells: list[CellValue] = []
    budget = [_NODES_PER_CELL * max(1, total)]

    def walk(run: int, offset: int) -> None:  # noqa: C901, PLR0912 - kept as it was
        budget[0] -= 1
        if budget[0] < 0:
            raise TooManySplits
        cell = len(cells)
        if cell == total:
            if run == len(runs):
                results.append(tuple(cells))
                if len(results) > limit:
                    raise TooManySplits
            return
        if run == len(runs):
            return
        cells_left = total - cell
        chars_left = suffix[run] - offset
        runs_left = len(runs) - run
        if cells_left < runs_left or cells_left > chars_left:
            return
        text = runs[run]
        kind = kinds[cell]
        column = cell % width
        expected = target(cells[cell - column : cell]) if target is not None else None
        if expected is not None:
            wanted = str(expected)
            ends: Iterable[int] = (offset + len(wanted),) if text.startswith(wanted, offset) else ()
        else:
            longest = len(text) - offset
            if capped and longest > _max_digits(kind):
                longest = _max_digits(kind)
                cut_short[0] = cut_short[0] or kind is CellKind.AMOUNT or text[offset] != "0"
            ends = range(offset + 1, offset + longest + 1)
        for end in ends:
            piece = text[offset:end]
            value = _piece_value(piece, kind, capped=capped)
            if value is not None:
                cells.append(value)
                row_done = (cell + 1) % width == 0
                if not row_done or check is None or check(cells[cell + 1 - width : cell + 1]):
                    if end == len(text):
                        walk(run + 1, 0)
                    else:
                        walk(run, end)
                cells.pop()
            if kind is not CellKind.AMOUNT and piece.lstrip("+-") == "0":
                break

    walk(0, 0)
    return results, cut_short[0]


# --- identities as the interpreter builds them ------------------------------------------------


def _total_last(row: Sequence[CellValue]) -> bool:
    """总计 = the sum of the other columns (E3, E4)."""
    if any(value is None for value in row):
        return True
    return row[-1] == sum(row[:-1])  # type: ignore[arg-type]


def _total_first(row: Sequence[CellValue]) -> bool:
    """A total printed before its parts."""
    if any(value is None for value in row):
        return True
    return row[0] == sum(row[1:])  # type: ignore[arg-type]


def _target_of(width: int) -> RowTarget:
    def target(row: Sequence[CellValue]) -> CellValue:
        if len(row) != width - 1 or any(value is None for value in row):
            return None
        return sum(row)  # type: ignore[arg-type]

    return target


def _outcome(
    search: object, runs: list[str], kinds: list[CellKind], **options: object
) -> list[str] | str:
    """The splits as printed (so 1.0 and 1.00 differ), or that the search gave up."""
    try:
        found = search(runs, kinds, **options)  # type: ignore[operator]
    except TooManySplits:
        return "too many splits"
    return [repr(row) for row in found]


_PRINTED = {
    CellKind.COUNT: st.one_of(st.integers(0, 3), st.integers(0, 3000)).map(str),
    CellKind.SIGNED_COUNT: st.integers(-300, 300).map(lambda n: f"+{n}" if n > 0 else str(n)),
    CellKind.AMOUNT: st.one_of(
        st.integers(0, 100).map(str),
        st.tuples(st.integers(0, 100), st.integers(0, 99)).map(lambda d: f"{d[0]}.{d[1]}"),
    ),
}


@st.composite
def _searches(draw: st.DrawFn) -> tuple[list[str], list[CellKind], dict[str, object]]:
    """Rows printed as runs (cells glued, cut into a few runs), sometimes with a digit lost or
    gained; row identities and a target for the last column, or none."""
    width = draw(st.integers(1, 7))
    rows = draw(st.integers(1, 3))
    check = draw(st.sampled_from([None, _total_last, _total_first]))
    if check is None and draw(st.booleans()):
        kinds = draw(st.lists(st.sampled_from(CellKind), min_size=width, max_size=width)) * rows
    else:
        kinds = [CellKind.COUNT] * (width * rows)
    printed = [draw(_PRINTED[kind]) for kind in kinds]
    if check is not None and draw(st.integers(0, 3)):
        for start in range(0, len(printed), width):
            parts = [int(text) for text in printed[start : start + width]]
            if check is _total_last:
                printed[start + width - 1] = str(sum(parts[:-1]))
            else:
                printed[start] = str(sum(parts[1:]))
    text = "".join(printed)
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=2)))
    runs = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if a < b]
    damage = draw(st.sampled_from(["none", "none", "none", "drop", "add"]))
    index = draw(st.integers(0, len(runs) - 1))
    if damage == "drop" and len(runs[index]) > 1:
        runs[index] = runs[index][1:]
    elif damage == "add":
        runs[index] += draw(st.sampled_from("019"))
    target = draw(st.sampled_from([None, _target_of(width)]))
    limit = draw(st.sampled_from([0, 1, 3, 50, 200, 200, 200]))
    return runs, kinds, {"width": width, "check": check, "target": target, "limit": limit}


@settings(max_examples=300, deadline=None)
@given(_searches())
def test_split_runs_agrees_with_the_plain_search(
    search: tuple[list[str], list[CellKind], dict[str, object]],
) -> None:
    """Same splits, same order, and giving up in the same cases, on any runs and identities."""
    runs, kinds, options = search
    expected = _outcome(reference_split_runs, runs, kinds, **options)
    assert expected == _outcome(split_runs, runs, kinds, **options)


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet="0000000111123", min_size=15, max_size=30),
    st.sampled_from([5, 7, 15]),
    st.sampled_from([None, _total_last]),
)
def test_long_runs_give_up_as_the_plain_search_does(
    run: str, width: int, check: RowCheck | None
) -> None:
    """Runs of many small digits, where the budget of steps is what stops the search."""
    kinds = [CellKind.COUNT] * 15 if width != 7 else [CellKind.COUNT] * 7
    options: dict[str, object] = {"width": width, "check": check, "limit": 200}
    expected = _outcome(reference_split_runs, [run], kinds, **options)
    assert expected == _outcome(split_runs, [run], kinds, **options)


def test_the_budget_and_the_limit_are_both_reached_in_these_tests() -> None:
    """The properties above would prove little if the search never gave up."""
    kinds = [CellKind.COUNT] * 15
    assert _outcome(split_runs, ["1" * 40], kinds, width=15, limit=200) == "too many splits"
    assert _outcome(split_runs, ["10" * 10], kinds, width=5, limit=3) == "too many splits"
    assert _outcome(split_runs, ["25380363300630003"], kinds, width=5, limit=200) != (
        "too many splits"
    )
