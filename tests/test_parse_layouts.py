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


Transform = Callable[[SourceDocument], SourceDocument]
