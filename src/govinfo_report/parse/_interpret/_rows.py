"""Stage 6: a printed row's values resolved into cells: alignment, joins and digit runs."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Concatenate, NamedTuple, ParamSpec

from govinfo_report.catalog import CellKind, Grid
from govinfo_report.model import (
    CellValue,
)
from govinfo_report.parse._document import (
    Location,
)
from govinfo_report.parse._findings import (
    AMBIGUOUS_ALIGNMENT,
    AMBIGUOUS_SPLIT,
    BAD_VALUE,
    MERGED_CELLS,
    NO_SPLIT,
    SHORT_ROW,
    TOO_MANY_VALUES,
    UNIT,
    VALUE_PROBLEMS_ZH,
    FindingKind,
    Findings,
    Message,
)
from govinfo_report.parse._interpret._identities import row_check, row_fits, row_target
from govinfo_report.parse._interpret._pieces import locate
from govinfo_report.parse._interpret._tokens import Item
from govinfo_report.parse._values import (
    MONEY_UNITS,
    ParsedValue,
    RowCheck,
    TooManySplits,
    parse_value,
    split_runs,
)


class Cell(NamedTuple):
    value: CellValue
    raw: str
    location: Location
    blank: bool = False


class Resolved(NamedTuple):
    """A printed row read into cells, or the reasons it could not be."""

    cells: tuple[Cell | None, ...]
    """Each cell read; ``None`` where it could not be determined."""
    raw: str = ""
    """The row's values as printed."""
    candidates: tuple[tuple[CellValue, ...], ...] = ()
    """When several readings fit: all of them (the undetermined cells differ between them)."""
    kind: FindingKind | None = None
    """Why the row (or some of its cells) could not be read."""
    message: Message = Message("", "")
    by_identity: bool = False
    """A digit run was split with the help of the row's identities."""


def _parse_cells(
    items: Sequence[Item], kinds: Sequence[CellKind], findings: Findings, paths: Sequence[str]
) -> tuple[Cell | None, ...]:
    cells: list[Cell | None] = []
    for item, kind, path in zip(items, kinds, paths, strict=True):
        parsed: ParsedValue = parse_value(item.raw, kind)
        location = locate(item.base, item.column)
        if parsed.problem is not None:
            problem_zh = VALUE_PROBLEMS_ZH.get(parsed.problem, parsed.problem)
            findings.add(
                BAD_VALUE,
                BAD_VALUE.message(raw=item.raw, problem=parsed.problem, problem_zh=problem_zh),
                path=path,
                location=location,
            )
            cells.append(None)
            continue
        if parsed.unit is not None:
            findings.add(
                UNIT,
                UNIT.message(unit=parsed.unit),
                path=path,
                location=location,
            )
        cells.append(Cell(parsed.value, item.raw, location, parsed.blank))
    return tuple(cells)


_P = ParamSpec("_P")

_MAX_SURPLUS = 32
"""The most surplus empty cells a row may print around its cells (merged cells, spacing)."""


def _alignments(items: Sequence[Item], size: int) -> list[list[Item]]:
    """Ways to drop surplus empty cells from the ends of ``items`` to leave ``size`` cells.

    A row printing more surplus cells than the form has is not a row of the form: it is not
    aligned at all (the work stays bounded whatever a line holds).
    """
    extra = len(items) - size
    if extra > _MAX_SURPLUS:
        return []
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


def run_text(item: Item) -> str | None:
    """The digits of a printed value as a run to split, or None if it is not one."""
    text = item.raw.strip().lstrip("?？").strip()
    for unit in MONEY_UNITS:
        text = text.removesuffix(unit)
    if not text or not _RUN.fullmatch(text):
        return None
    return text


def _quoting_the_row(
    read: Callable[Concatenate[Sequence[Item], _P], Resolved],
) -> Callable[Concatenate[Sequence[Item], _P], Resolved]:
    """A row reader whose result quotes the row's values as printed."""

    def quoted(items: Sequence[Item], /, *args: _P.args, **kwargs: _P.kwargs) -> Resolved:
        resolved = read(items, *args, **kwargs)
        return resolved._replace(raw=" ".join([item.raw for item in items if not item.empty]))

    return quoted


@_quoting_the_row
def resolve(  # noqa: PLR0911, PLR0913 - one outcome per way a row can be printed
    items: Sequence[Item],
    grid: Grid,
    kinds: Sequence[CellKind],
    paths: Sequence[str],
    findings: Findings,
    *,
    splittable: bool,
) -> Resolved:
    """Read a printed row (or rows, for 四) into ``len(kinds)`` cells of ``grid``."""
    size = len(kinds)
    width = len(grid.columns)
    check = row_check(grid)
    if len(items) > size:
        options = _alignments(items, size)
        if len(options) == 1:
            return Resolved(_parse_cells(options[0], kinds, findings, paths))
        if len(options) > 1:
            parsed = [_parse_cells(option, kinds, Findings(), paths) for option in options]
            fitting = [cells for cells in parsed if check is None or _fits(cells, check, width)]
            if len(fitting) == 1:
                return Resolved(
                    _parse_cells(options[parsed.index(fitting[0])], kinds, findings, paths)
                )
            return Resolved(
                (None,) * size,
                kind=AMBIGUOUS_ALIGNMENT,
                message=AMBIGUOUS_ALIGNMENT.message(printed=len(items), size=size),
            )
        merged = _merge_split_numbers(items, size, kinds, width, check)
        if merged is not None:
            return merged
        return Resolved(
            (None,) * size,
            kind=TOO_MANY_VALUES,
            message=TOO_MANY_VALUES.message(printed=sum(not i.empty for i in items), size=size),
        )
    if len(items) == size:
        return Resolved(_parse_cells(items, kinds, findings, paths))
    runs = [run_text(item) for item in items]
    if splittable and items and all(run is not None for run in runs):
        return _split(items, [run for run in runs if run is not None], grid, kinds, check)
    placements = _placements(items, kinds)
    return (
        Resolved(
            (None,) * size,
            candidates=placements,
            kind=SHORT_ROW,
            message=SHORT_ROW.message(printed=len(items), size=size),
        )
        if items
        else Resolved((None,) * size)
    )


def _fits(cells: Sequence[Cell | None], check: RowCheck, width: int) -> bool:
    return row_fits([cell.value if cell is not None else None for cell in cells], check, width)


def _placements(
    items: Sequence[Item], kinds: Sequence[CellKind]
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
    items: Sequence[Item],
    size: int,
    kinds: Sequence[CellKind],
    width: int,
    check: RowCheck | None,
) -> Resolved | None:
    """Join a number printed across two cells (``1`` ``2`` for ``12``, docs/format.md §A.14).

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
        if row_fits(row, check, width):
            fitting.append((positions, row, merged))
    if len(fitting) != 1:
        return None
    positions, row, merged = fitting[0]
    location = items[0].location
    cells = tuple(Cell(value, text, location) for value, text in zip(row, merged, strict=True))
    return Resolved(cells, kind=MERGED_CELLS, message=MERGED_CELLS.message())


def _split(  # noqa: PLR0911 - one outcome per way a run can split
    items: Sequence[Item],
    runs: list[str],
    grid: Grid,
    kinds: Sequence[CellKind],
    check: RowCheck | None,
) -> Resolved:
    """Split runs of digits into cells (docs/format.md §A.14; the Pingtan reports)."""
    size = len(kinds)
    width = len(grid.columns)
    raw = " ".join(item.raw for item in items)
    location = items[0].location

    def cells_of(row: Sequence[CellValue]) -> tuple[Cell, ...]:
        return tuple(Cell(value, raw, location) for value in row)

    try:
        every: list[tuple[CellValue, ...]] | None = split_runs(runs, kinds, width=width, limit=200)
    except TooManySplits:
        every = None
    if every is not None and len(every) == 1:
        if check is not None and not row_fits(every[0], check, width):
            # The digits can be cut only one way, yet the total disagrees: a run that lost or
            # gained digits is likelier than a report whose sums are wrong.
            return Resolved(
                (None,) * size,
                kind=NO_SPLIT,
                message=NO_SPLIT.message("total", raw=raw),
            )
        return Resolved(cells_of(every[0]))
    if every is not None and not every:
        return Resolved(
            (None,) * size,
            kind=NO_SPLIT,
            message=NO_SPLIT.message("none", raw=raw, size=size),
        )
    if every is not None:
        fitting = [row for row in every if check is None or row_fits(row, check, width)]
    else:
        try:
            fitting = split_runs(
                runs, kinds, width=width, check=check, target=row_target(grid), limit=200
            )
        except TooManySplits:
            return Resolved(
                (None,) * size,
                kind=AMBIGUOUS_SPLIT,
                message=AMBIGUOUS_SPLIT.message("many", raw=raw),
            )
    if len(fitting) == 1:
        return Resolved(cells_of(fitting[0]), by_identity=True)
    if not fitting:
        return Resolved(
            (None,) * size,
            kind=NO_SPLIT,
            message=NO_SPLIT.message("identities", raw=raw),
        )
    return Resolved(
        (None,) * size,
        candidates=tuple(fitting),
        kind=AMBIGUOUS_SPLIT,
        message=AMBIGUOUS_SPLIT.message("fitting", raw=raw, count=len(fitting)),
    )
