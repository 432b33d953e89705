"""Layouts that used to lose cells, made from every corpus report by transforming it.

Each test changes how a report is printed, never what it prints, and requires the same cells:
headings deleted, mistyped or glued to the line before; tables cut into pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import attrs
import pytest

from govinfo_report import catalog
from govinfo_report.parse import SourceDocument, SourceLine, interpret, read_source
from govinfo_report.parse._interpret._sections import line_heading
from report_text import cells_of

SOURCES = sorted(
    path
    for path in (Path(__file__).parent / "corpus" / "sources").iterdir()
    if path.suffix in {".txt", ".html", ".pdf"}
)


@cache
def _document(path: Path) -> SourceDocument:
    return read_source(path)[0]


@cache
def _cells(path: Path) -> dict[str, object]:
    return dict(cells_of(interpret(_document(path)).report))


def _with_lines(document: SourceDocument, lines: list[SourceLine]) -> SourceDocument:
    return attrs.evolve(document, lines=tuple(lines))


def _mistyped(line: SourceLine) -> SourceLine:
    """The heading with one character of its words changed (the third from the end)."""
    text = "".join(line.cells)
    position = len(text) - 3
    wrong = "某" if text[position] != "某" else "甲"
    return attrs.evolve(line, cells=(text[:position] + wrong + text[position + 1 :],))


def _glued(previous: SourceLine, line: SourceLine) -> SourceLine:
    """The heading run into the end of the line before (a copy that lost the line break): into
    its last cell's text, or after a last cell that is blank (a blank cell is kept)."""
    heading = "".join(line.cells)
    if previous.cells[-1].strip():
        cells = (*previous.cells[:-1], previous.cells[-1] + heading)
    else:
        cells = (*previous.cells, heading)
    return attrs.evolve(previous, cells=cells)


def _mutations(document: SourceDocument) -> Iterator[tuple[str, SourceDocument]]:
    lines = list(document.lines)
    for index, line in enumerate(lines):
        section = line_heading(line.cells)
        if section is None:
            continue
        yield f"delete {section}", _with_lines(document, lines[:index] + lines[index + 1 :])
        yield (
            f"mistype {section}",
            _with_lines(document, [*lines[:index], _mistyped(line), *lines[index + 1 :]]),
        )
        if index:
            glued = _glued(lines[index - 1], line)
            yield (
                f"glue {section}",
                _with_lines(document, [*lines[: index - 1], glued, *lines[index + 1 :]]),
            )


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_headings_deleted_mistyped_or_glued(source: Path) -> None:
    """Every heading of the report deleted, mistyped or glued to the line before, one at a
    time: the tables are found by their own labels and every cell reads the same."""
    document = _document(source)
    expected = _cells(source)
    changed = {
        name: sorted(
            path
            for path, value in cells_of(interpret(mutated).report).items()
            if expected.get(path) != value
        )
        for name, mutated in _mutations(document)
    }
    assert {name: paths for name, paths in changed.items() if paths} == {}


def test_every_kind_of_source_has_headings_to_mutate() -> None:
    """The mutations reach text, HTML and PDF reports alike."""
    kinds = {
        path.suffix for path in SOURCES if any(True for _mutation in _mutations(_document(path)))
    }
    assert kinds == {".txt", ".html", ".pdf"}


def _value_lines(document: SourceDocument, section: int) -> list[int]:
    """Indices of the lines printing numbers in one section (by its whole-line heading)."""
    start = next(
        (i for i, line in enumerate(document.lines) if line_heading(line.cells) == section), None
    )
    if start is None:
        return []
    found = []
    for index in range(start + 1, len(document.lines)):
        cells = document.lines[index].cells
        if line_heading(cells) is not None:
            break
        if sum(cell.strip().isdigit() for cell in cells) >= 3:
            found.append(index)
    return found


def _header_lines(document: SourceDocument, section: int) -> list[SourceLine]:
    """The lines between a section's heading and its first line of numbers (column labels)."""
    values = _value_lines(document, section)
    if not values:
        return []
    start = next(i for i, line in enumerate(document.lines) if line_heading(line.cells) == section)
    return list(document.lines[start + 1 : values[0]])


def _page_break(document: SourceDocument, _section: int) -> list[SourceLine]:
    """A page number and the report's running title between two rows of the table."""
    location = document.lines[0].location
    return [
        SourceLine(("- 7 -",), location),
        SourceLine(("政府信息公开工作年度报告",), location),
    ]


def _repeated_header(document: SourceDocument, section: int) -> list[SourceLine]:
    """The table's header rows printed again (a new table on the next page)."""
    return _header_lines(document, section)


def _cut(
    document: SourceDocument,
    section: int,
    insert: Callable[[SourceDocument, int], list[SourceLine]],
) -> SourceDocument | None:
    values = _value_lines(document, section)
    if len(values) < 2:
        return None
    cut = values[len(values) // 2]
    lines = list(document.lines)
    return _with_lines(document, [*lines[:cut], *insert(document, section), *lines[cut:]])


CUTS = {"page-break": _page_break, "repeated-header": _repeated_header}


@pytest.mark.parametrize("cut", CUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_tables_cut_into_pieces(source: Path, cut: str) -> None:
    """Tables 二 and 三 cut in the middle by a page break or a repeated header read the same."""
    document = _document(source)
    expected = _cells(source)
    changed = {}
    for section in (1, 2):
        pieces = _cut(document, section, CUTS[cut])
        if pieces is None:
            continue
        read = cells_of(interpret(pieces).report)
        changed[section] = sorted(
            path for path, value in read.items() if expected.get(path) != value
        )
    assert {section: paths for section, paths in changed.items() if paths} == {}


def _review_in_groups(document: SourceDocument) -> SourceDocument | None:
    """Table 四 as OCR tools print it: one small table per group (行政复议, 未经复议直接起诉,
    复议后起诉), each with its own header row, instead of one row of fifteen numbers."""
    values = _value_lines(document, 3)
    if len(values) != 1:
        return None
    line = document.lines[values[0]]
    numbers = [cell for cell in line.cells if cell.strip()]
    grid = catalog.REVIEW_LITIGATION_GRID
    width = len(grid.columns)
    if len(numbers) != grid.size:
        return None
    header = tuple(column.label.zh for column in grid.columns)
    pieces = []
    for index, row in enumerate(grid.rows):
        pieces += [
            SourceLine((row.label.zh,), line.location),
            SourceLine(header, line.location),
            SourceLine(tuple(numbers[index * width : (index + 1) * width]), line.location),
        ]
    lines = list(document.lines)
    return _with_lines(document, [*lines[: values[0]], *pieces, *lines[values[0] + 1 :]])


def test_review_table_in_groups() -> None:
    """Table 四 printed as three small tables with their own headers reads the same, in every
    corpus report that prints it as one row of fifteen numbers."""
    changed = {}
    for source in SOURCES:
        grouped = _review_in_groups(_document(source))
        if grouped is None:
            continue  # a one-line copy, or a report that prints no numbers in 四
        expected = _cells(source)
        read = cells_of(interpret(grouped).report)
        changed[source.name] = sorted(p for p, value in read.items() if expected.get(p) != value)
    assert len(changed) >= 8
    assert {name: paths for name, paths in changed.items() if paths} == {}
