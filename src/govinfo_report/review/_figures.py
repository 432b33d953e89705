"""Figures quoted in the narrative, and rule P7: each one against the cells it counts.

The narrative sections are read as an examiner reads them: every number followed by a unit (件,
起, 条, 元, 万元 …) is a figure; the words around it say what it counts, through the vocabulary
(:mod:`govinfo_report.review._vocabulary`). A figure the vocabulary does not know is kept for
the page but never compared: a mismatch is only reported where the text says plainly what it
counts. A figure about another year (较上年增加 20 件) or an approximate one (7700 余条) is not
compared either.

A cell left blank is not read as 0. A total left blank is recomputed from its parts where the
form has an identity for it (总计 = the six applicant columns); when some parts are blank too,
the printed parts still give a lower bound, and a figure below it is a mismatch (counts are never
negative). Otherwise the comparison is not assessable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import Axis, FormatVersion, Grid, SectionKind
from govinfo_report.review._rules import Passage, ReviewFinding, make_finding
from govinfo_report.review._vocabulary import (
    APPROXIMATE_AFTER,
    APPROXIMATE_BEFORE,
    MONEY_UNITS,
    OTHER_YEAR,
    TERMS,
    Cells,
    Term,
)
from govinfo_report.rules import Status
from govinfo_report.rules.arithmetic import instances, read_blanks

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = [
    "NARRATIVE_SECTIONS",
    "NarrativeFigure",
    "compare_figures",
    "extract_figures",
    "narrative_sections",
]

NARRATIVE_SECTIONS: tuple[str, ...] = tuple(
    section.id
    for section in catalog.format_spec(FormatVersion.V2021).sections
    if section.kind is SectionKind.NARRATIVE
)
"""The narrative sections' ids (一, 五, 六), in order."""

_UNITS = "|".join(sorted({*MONEY_UNITS, *(u for term in TERMS for u in term.units)}, key=len)[::-1])
_FIGURE = re.compile(
    rf"(?<![\d.])(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<decimals>\d+))?"
    rf"(?P<approx>余|多)?(?P<unit>{_UNITS})"
)
_SENTENCE_END = "。!?"
_BOUNDARY = ",;:。!?"
_GAP = "[^,;。!?§#]{0,30}?"
_YEAR = re.compile(r"(\d{4})年")
_OTHER_YEAR = re.compile(OTHER_YEAR)


@attrs.frozen(kw_only=True)
class NarrativeFigure:
    """A number the narrative prints with a unit, what it counts, and where it stands."""

    section: str
    sentence: Passage
    """The sentence holding the figure."""
    start: int
    """Offsets of the figure (number and unit) in the section's text."""
    end: int
    text: str
    """The figure as printed (``17 件``)."""
    value: Decimal
    unit: str
    term: str | None
    """The vocabulary term it counts (``requests.received``), or ``None``: not understood."""
    other_year: bool = False
    approximate: bool = False


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` without spaces, NFKC-folded, and the source offset of each character."""
    folded: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        if character.isspace():
            continue
        for piece in unicodedata.normalize("NFKC", character):
            if not piece.isspace():
                folded.append(piece)
                origin.append(index)
    origin.append(len(text))
    return "".join(folded), origin


@cache
def _patterns(term: Term) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern.replace("…", _GAP)) for pattern in term.patterns)


_REACH = 80
"""How far before a figure its term's words may start (the gaps of the patterns are short)."""


def _closest_match(pattern: re.Pattern[str], segment: str) -> re.Match[str] | None:
    """The match that starts nearest the figure (``#``): its own words, not a distant verb."""
    figure = segment.index("#")
    for start in range(figure, max(-1, figure - _REACH), -1):
        match = pattern.match(segment, start)
        if match is not None:
            return match
    return None


def _term_for(segment: str, sentence: str, unit: str) -> Term | None:
    """The term whose words stand nearest the figure; of those, the longest match.

    同意公开答复 9 件 counts grants (not 办结 earlier in the sentence); 予以公开及部分公开 42
    件 counts both rows (not 部分公开 alone).
    """
    own = segment[: segment.index("#")].rsplit("§", 1)[-1]
    best: tuple[int, Term] | None = None
    for term in TERMS:
        if unit not in term.units or any(word in own for word in term.unless):
            continue
        if term.context is not None and re.search(term.context, sentence) is None:
            continue
        for pattern in _patterns(term):
            match = _closest_match(pattern, segment)
            if match is None or any(word in match.group(0) for word in term.unless):
                continue
            length = len(match.group(0))
            if best is None or length > best[0]:
                best = (length, term)
    return None if best is None else best[1]


def _is_other_year(own: str, term: Term | None, year: int | None) -> bool:
    if _OTHER_YEAR.search(own):
        return True
    if year is None:
        return False
    allowed = {year, year + 1} if term is not None and term.next_year else {year}
    return any(int(found) not in allowed for found in _YEAR.findall(own))


def _section_figures(section: str, text: str, year: int | None) -> Iterator[NarrativeFigure]:
    folded, origin = _fold(text)
    matches = list(_FIGURE.finditer(folded))
    for index, match in enumerate(matches):
        start, end = match.span()
        sentence_start = max(folded.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
        sentence_end = min(
            (p for p in (folded.find(mark, end) for mark in _SENTENCE_END) if p >= 0),
            default=len(folded),
        )
        next_start = matches[index + 1].start() if index + 1 < len(matches) else len(folded)
        before = _masked(folded, matches, sentence_start, start)
        after = folded[end : min(sentence_end, next_start)]
        unit = match.group("unit")
        segment = f"{before}#{unit}{after}"
        term = _term_for(segment, before, unit)
        clause_start = max(before.rfind(mark) for mark in (*_BOUNDARY, "§")) + 1
        own = before[clause_start:]
        approximate = bool(
            match.group("approx")
            or re.search(APPROXIMATE_BEFORE, own)
            or re.search(APPROXIMATE_AFTER, after)
        )
        number = match.group("number").replace(",", "")
        decimals = match.group("decimals")
        source_start, source_end = origin[sentence_start], origin[sentence_end]
        yield NarrativeFigure(
            section=section,
            sentence=Passage(
                section=section,
                start=source_start,
                end=min(source_end + 1, len(text)),
                line=text.count("\n", 0, source_start) + 1,
                text=text[source_start : min(source_end + 1, len(text))].strip(),
            ),
            start=origin[start],
            end=origin[end - 1] + 1,
            text=text[origin[start] : origin[end - 1] + 1],
            value=Decimal(f"{number}.{decimals}" if decimals else number),
            unit=unit,
            term=None if term is None else term.id,
            other_year=_is_other_year(own, term, year),
            approximate=approximate,
        )


def _masked(folded: str, matches: list[re.Match[str]], start: int, end: int) -> str:
    """``folded[start:end]`` with every earlier figure replaced by ``§``."""
    pieces: list[str] = []
    position = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(folded[position : match.start()])
        pieces.append("§")
        position = match.end()
    pieces.append(folded[position:end])
    return "".join(pieces)


def narrative_sections(report: Report) -> dict[str, str]:
    """The narrative sections' texts by section id (absent ones left out)."""
    texts = {section: getattr(report, section) for section in NARRATIVE_SECTIONS}
    return {section: text for section, text in texts.items() if text}


def extract_figures(report: Report) -> tuple[NarrativeFigure, ...]:
    """Every figure the narrative sections quote, in reading order.

    >>> from govinfo_report import Report
    >>> report = Report.blank("2021", year=2024, overview="2024年，共受理政府信息公开申请 17 件。")
    >>> [(f.text, f.term, f.value) for f in extract_figures(report)]
    [('17 件', 'requests.received', Decimal('17'))]
    """
    return tuple(
        figure
        for section, text in narrative_sections(report).items()
        for figure in _section_figures(section, text, report.year)
    )


_TERMS = {term.id: term for term in TERMS}


def _grid_of(report: Report, cells: Cells) -> tuple[Grid, object] | None:
    """The table ``cells`` lie in, when the report's table is of a version they hold in."""
    if cells.section == catalog.REVIEW_LITIGATION.id:  # one version only
        return report.review_litigation.grid, report.review_litigation
    if report.formats[cells.section] not in cells.versions:
        return None
    if cells.section == catalog.REQUESTS_ID:
        return report.requests.grid, report.requests
    table = report.proactive_disclosure.table(cells.grid)
    return table.grid, table


def _rows(grid: Grid, row_or_group: str) -> tuple[str, ...]:
    if any(row.id == row_or_group for row in grid.rows):
        return (row_or_group,)
    return grid.row_group(row_or_group).members


@attrs.frozen
class _Value:
    """A sum of cells: its value (or lower bound) and whether every part was printed."""

    low: Decimal
    exact: bool
    known: bool
    """Whether any part was printed at all."""
    paths: tuple[str, ...]


def _cell_value(grid: Grid, table: object, row: str, column: str) -> tuple[Decimal, bool, bool]:
    """(value or lower bound, exact, anything printed) of one cell."""
    value = table.cell(row, column)  # type: ignore[attr-defined]
    if value is not None:
        return Decimal(value), True, True
    # A blank total: from its parts, where an identity of the form defines it in each row. With
    # blank parts read as 0, what the identity gives is a lower bound (counts are never negative).
    for identity in grid.identities:
        if identity.axis is Axis.COLUMNS and identity.checked == column:
            relation = instances(grid, identity)[grid.row_index(row)]
            position = grid.row_index(row) * len(grid.columns) + grid.column_index(column)
            parts = {*relation.left, *relation.right} - {position}
            values: tuple[int | Decimal | None, ...] = table.values  # type: ignore[attr-defined]
            zeroed, blank = read_blanks(values)
            printed = any(values[part] is not None for part in parts)
            low = Decimal(relation.solve(zeroed, position))
            return low, parts.isdisjoint(blank), printed
    return Decimal(0), False, False


def _table_value(report: Report, term: Term) -> tuple[Grid, Cells, _Value] | None:
    for cells in term.cells:
        found = _grid_of(report, cells)
        if found is None:
            continue
        grid, table = found
        low, exact, known, paths = Decimal(0), True, False, []
        for row_or_group in cells.rows:
            for row in _rows(grid, row_or_group):
                value, whole, printed = _cell_value(grid, table, row, cells.column)
                low += value
                exact = exact and whole
                known = known or printed
                paths.append(catalog.cell_path(grid, row, cells.column))
        return grid, cells, _Value(low, exact, known, tuple(paths))
    return None


def _in_unit(figure: NarrativeFigure, grid: Grid, column: str) -> tuple[Decimal, Decimal]:
    """(figure, the factor turning cell values into the figure's unit)."""
    unit = grid.column(column).unit
    if figure.unit in MONEY_UNITS and unit is not None and unit.zh in MONEY_UNITS:
        return figure.value, Decimal(MONEY_UNITS[unit.zh]) / MONEY_UNITS[figure.unit]
    return figure.value, Decimal(1)


def _cells_name(grid: Grid, cells: Cells) -> tuple[str, str]:
    labels = []
    for row_or_group in cells.rows:
        if any(row.id == row_or_group for row in grid.rows):
            labels.append(grid.row(row_or_group).label)
        else:
            labels.append(grid.row_group(row_or_group).label)
    column = grid.column(cells.column).label
    zh = "+".join(f"“{label.zh}”" for label in labels) + f"（{column.zh}）"
    en = " + ".join(f"'{label.en}'" for label in labels) + f" ({column.en})"
    return f"“{grid.label.zh}”{zh}", f"{grid.label.en}: {en}"


def _section_heading(section: str) -> tuple[str, str]:
    heading = catalog.format_spec(FormatVersion.V2021).section(section).heading
    return heading.zh, heading.en


def _shorten(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s*\n\s*", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compare_figures(
    report: Report, figures: tuple[NarrativeFigure, ...] | None = None
) -> tuple[ReviewFinding, ...]:
    """Rule P7 on every figure the vocabulary maps to cells: passed, failed or not assessable.

    Figures about other years, approximate figures and figures counting nothing in the form are
    left out. ``figures`` defaults to :func:`extract_figures` of ``report``.
    """
    findings = []
    for figure in extract_figures(report) if figures is None else figures:
        if figure.term is None or figure.other_year or figure.approximate:
            continue
        term = _TERMS[figure.term]
        found = _table_value(report, term)
        if found is None:
            continue
        grid, cells, value = found
        number, factor = _in_unit(figure, grid, cells.column)
        places = -number.as_tuple().exponent  # type: ignore[operator]
        table = (value.low * factor).quantize(Decimal(1).scaleb(-places))
        unit = "" if factor == 1 else figure.unit
        shown: tuple[str, str] | str
        if value.exact:
            status = Status.PASSED if table == number else Status.FAILED
            shown = f"{table.normalize():f}{unit}"
        elif not value.known:
            status, shown = Status.NOT_ASSESSABLE, ("空白", "blank")
        else:
            status = Status.FAILED if number < table else Status.NOT_ASSESSABLE
            shown = f"≥ {table.normalize():f}{unit}"
        findings.append(
            make_finding(
                "P7",
                f"P7.{term.id}",
                status=status,
                fill={
                    "section": _section_heading(figure.section),
                    "line": figure.sentence.line,
                    "sentence": _shorten(figure.sentence.text),
                    "term": term.label,
                    "figure": figure.text,
                    "cells": _cells_name(grid, cells),
                    "value": shown,
                },
                paths=value.paths,
                passages=(
                    attrs.evolve(
                        figure.sentence,
                        start=figure.start,
                        end=figure.end,
                        text=figure.text,
                    ),
                ),
            )
        )
    return tuple(findings)
