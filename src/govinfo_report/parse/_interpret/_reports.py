"""Stage 0: a document that holds several reports (a compendium) cut into one per report.

Counties publish their departments' reports in one file, and pages carry the same report twice.
A new report starts where section 一's heading follows the headings of later sections, once the
report before has printed something under them: a table of contents lists the six headings one
after the other, so it stays with the report it introduces. The cut is made at the new report's
title when one of the lines just above its first heading is a title; else at the heading.

Linear in the document: each line is looked at once (whole-line headings only; a report run
into one line with the next cannot be cut).
"""

from __future__ import annotations

import itertools

from govinfo_report.parse._canon import canonical
from govinfo_report.parse._document import SourceDocument, SourceLine
from govinfo_report.parse._interpret._sections import line_heading
from govinfo_report.parse._interpret._title import title_parts
from govinfo_report.parse._vocabulary import heading_pattern, heading_section, section_numerals

__all__ = ["split_reports"]

_MIN_CONTENT = 5
"""Lines a report prints under its later headings before another may start (a contents list
prints its headings one after the other, with nothing under them)."""
_LONG_LINE = 500
"""A one-cell line this long may hold a whole report (the copies that lost every line break)."""
_TITLE_LINES = 12
"""How far above a report's first heading its title is looked for."""


def split_reports(document: SourceDocument) -> list[SourceDocument]:
    """The reports a document holds, in order: one document per report, lines as located."""
    lines = document.lines
    starts = [0]
    later_sections = False
    content = 0
    """Lines of content (not headings) since the report's later sections began."""
    last_heading = -1
    for index, line in enumerate(lines):
        section = line_heading(line.cells)
        if section is not None:
            if section == 0 and later_sections and content >= _MIN_CONTENT:
                starts.append(_title_start(lines, index, floor=last_heading + 1))
                later_sections = False
            elif section > 0 and not later_sections:
                later_sections = True
                content = 0
            last_heading = index
            continue
        inline = _inline_sections(line.cells)
        if inline:
            # A whole report run into one line (copies that lost every line break).
            if inline[0] == 0 and later_sections and content >= _MIN_CONTENT:
                starts.append(index)
            later_sections = any(section > 0 for section in inline)
            content = _MIN_CONTENT if later_sections else 0
            last_heading = index
            continue
        content += 1
    if len(starts) == 1:
        return [document]
    bounds = [*starts, len(lines)]
    return [
        SourceDocument(document.kind, lines[start:end], name=document.name)
        for start, end in itertools.pairwise(bounds)
    ]


def _inline_sections(cells: tuple[str, ...]) -> list[int]:
    """The sections whose numbered headings a long one-cell line holds, in order."""
    if len(cells) != 1 or len(cells[0]) < _LONG_LINE:
        return []
    canon = canonical(cells[0])
    found = []
    for match in heading_pattern().finditer(canon):
        section = heading_section(match.group("core"))
        if section is not None and match.group("numeral").endswith(section_numerals()[section]):
            found.append(section)
    return found


def _title_start(lines: tuple[SourceLine, ...], heading: int, *, floor: int) -> int:
    """Where a report whose first heading is at ``heading`` starts: its title, if one is near.

    A title may wrap (``2024 年某市政府信息公开工作`` / ``年度报告``) or print the organ on the
    line above the year: each line is tried with the two after it, from the heading upwards,
    and the title starts at the highest line that still adds to what is read.
    """
    start = heading
    organ_found = False
    for index in range(heading - 1, max(floor, heading - _TITLE_LINES) - 1, -1):
        window = "\n".join(" ".join(line.cells) for line in lines[index : min(index + 3, heading)])
        organ, year, _title = title_parts(window)
        if year is None:
            if start != heading:
                break
            continue
        if start != heading and (organ_found or organ is None):
            break
        start, organ_found = index, organ is not None
    return start
