r"""The CSV front end: comma-separated values in the official row order → lines of cells.

A CSV saved from a spreadsheet of the report, or written by hand, has one line per table row:
the official label (or the row's id: ``granted``, ``requests.granted``,
``proactive_disclosure.art20_1.regulations``) in the first column, then the numbers in official
column order; headings and captions are lines of their own. An id is replaced by its official
label, so the one interpreter reads both. A row whose label names a table row but holds a
number of values no version of that row has is refused, naming the line, the row and both
counts: a shifted row must not be read.

>>> document = read_csv("requests.granted,3,0,0,0,0,0,3\n")
>>> document.lines[0].cells[:2], str(document.lines[0].location)
(('（一）予以公开', '3'), 'row 1')
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache

from govinfo_report import catalog
from govinfo_report.errors import ParseError
from govinfo_report.parse._document import Location, SourceDocument, SourceKind, SourceLine

__all__ = ["looks_like_csv", "read_csv"]

_SAMPLE_LINES = 40
_MIN_FIELDS = 3
_MIN_LABELLED_ROWS = 3
"""Lines starting with a row label or id that make a text without a ``.csv`` name CSV."""
_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?|[-—/]")


def looks_like_csv(text: str, name: str | None = None) -> bool:
    """Whether a text source is CSV.

    It is when named ``.csv``, or when most of its first lines hold commas separating three or
    more fields (Chinese prose uses the full-width ，) and some of them start with a table row's
    label or id: prose typed with ASCII commas (a whole report on one line, say) is not CSV.
    """
    if name is not None and name.lower().endswith(".csv"):
        return True
    lines = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    if not lines or any("\t" in line for line in lines):
        return False
    fielded = [line for line in lines if line.count(",") >= _MIN_FIELDS - 1]
    if len(fielded) * 4 < len(lines) * 3:
        return False
    labels = _labels()
    labelled = sum(1 for line in fielded if line.split(",", 1)[0].strip(' "') in labels)
    return labelled >= _MIN_LABELLED_ROWS


@cache
def _labels() -> dict[str, tuple[str, frozenset[int]]]:
    """Row id, path or label → (official label, the value counts that row has in a version)."""
    labels: dict[str, str] = {}
    counts: dict[str, set[int]] = {}
    for spec in reversed(tuple(catalog.FORMATS.values())):  # the newest version's label wins
        for section in spec.sections:
            for grid in section.grids:
                prefix = catalog.grid_path(grid)
                for row in grid.rows:
                    keys = (row.id, f"{prefix}.{row.id}", f"$.{prefix}.{row.id}", row.label.zh)
                    for key in keys:
                        labels.setdefault(key, row.label.zh)
                        counts.setdefault(key, set()).add(len(grid.columns))
    return {key: (label, frozenset(counts[key])) for key, label in labels.items()}


def _line(fields: list[str], number: int, where: str) -> SourceLine | None:
    cells = [field.strip() for field in fields]
    if not any(cells):
        return None
    known = _labels().get(cells[0])
    if known is not None:
        label, counts = known
        _check_count(label, counts, cells, number, where)
        cells[0] = label
    return SourceLine(tuple(cells), Location(row=number))


def _check_count(
    label: str, counts: frozenset[int], cells: list[str], number: int, where: str
) -> None:
    """Refuse a row of numbers whose count no version of the row has."""
    values = cells[1:]
    # Trailing empty fields of a wider sheet are not values.
    while len(values) > max(counts) and not values[-1]:
        values.pop()
    if not any(values) or not all(_NUMBER.fullmatch(value) for value in values if value):
        return  # a header line that starts with a row's label (行政复议 over its columns)
    if len(values) not in counts:
        expected = " or ".join(str(count) for count in sorted(counts))
        raise ParseError(
            f"line {number}: row {label} ({cells[0]}) has {expected} columns; "
            f"{len(values)} values were given: {','.join(values)}",
            where=where,
        )


def read_csv(text: str, *, name: str | None = None) -> SourceDocument:
    """Read CSV text into lines of cells, ids in the first column replaced by labels."""
    where = name or "CSV"
    lines = []
    try:
        rows = csv.reader(io.StringIO(text.replace("\x00", "")), strict=True)
        for number, fields in enumerate(rows, start=1):
            line = _line(fields, number, where)
            if line is not None:
                lines.append(line)
    except csv.Error as error:
        raise ParseError(f"line {rows.line_num}: not valid CSV ({error})", where=where) from None
    return SourceDocument(SourceKind.CSV, tuple(lines), name)
