"""Stage 2: sections found by their headings; narrative text of a section."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from govinfo_report import catalog
from govinfo_report.parse._canon import (
    canonical,
    canonical_with_map,
    traditional_pairs,
)
from govinfo_report.parse._document import (
    SourceDocument,
)
from govinfo_report.parse._interpret._pieces import Piece
from govinfo_report.parse._values import MONEY_UNITS
from govinfo_report.parse._vocabulary import (
    heading_cores,
    heading_pattern,
    heading_section,
    section_numerals,
)

_CJK = re.compile(r"[\u3400-\u9fff]")


# A value with its unit (``251000元``) may end just before a heading on a one-line report.
_VALUE_END = re.compile(rf"\d\s*(?:{'|'.join(MONEY_UNITS)})$")


_MAX_HEADING_CELLS = 4


# Sections are numbered 一、 to 六、; a parenthesised （一） numbers a sub-heading, not a section.
_SECTION_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,2}[、.]?")


class _Heading(NamedTuple):
    position: int
    """Index of the first piece after the heading."""
    start: int
    """Index of the heading's own piece."""
    section: int


def document_pieces(document: SourceDocument) -> list[Piece]:
    pieces = []
    for number, line in enumerate(document.lines):
        cells = line.cells
        if 1 < len(cells) <= _MAX_HEADING_CELLS and _spread_heading(cells):
            # A heading printed with wide spacing falls apart into cells: put it back together.
            pieces.append(Piece(number, " ".join(cells), line.location, None))
            continue
        many = len(cells) > 1
        for index, cell in enumerate(cells):
            pieces.append(Piece(number, cell, line.location, index + 1 if many else None))
    return pieces


def _spread_heading(cells: Sequence[str]) -> bool:
    if _HEADING_HINT.search(cells[-1]) is None:
        return False
    joined = canonical("".join(cells))
    return heading_section(_SECTION_NUMERAL.sub("", joined, count=1)) is not None and all(
        heading_section(_SECTION_NUMERAL.sub("", canonical(cell), count=1)) is None
        for cell in cells
    )


def _heading_hint() -> re.Pattern[str]:
    """Characters every heading ends with: a cell without one of them holds no heading."""
    finals = {core[-1] for cores in heading_cores() for core in cores}
    finals |= {source for source, target in traditional_pairs() if target in finals}
    return re.compile("[" + "".join(sorted(finals)) + "]")


_HEADING_HINT = _heading_hint()


def split_headings(pieces: list[Piece]) -> tuple[list[Piece], list[_Heading]]:  # noqa: C901 - whole-cell, spread and in-line headings
    """Cut pieces at section headings; list every heading found (candidates, unordered)."""
    pattern = heading_pattern()
    out: list[Piece] = []
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


def choose_headings(candidates: list[_Heading]) -> list[_Heading]:
    """The longest run of headings in official order (a later copy wins a tie).

    Linear in the number of candidates: for each section, the longest run ending in it so far
    and where that run ends (the latest of equals), so a document of many copies costs no more
    per heading than a report.
    """
    if not candidates:
        return []
    best = [1] * len(candidates)
    previous = [-1] * len(candidates)
    ending: dict[int, tuple[int, int]] = {}
    """Section → (length of the longest run ending in it, index of its latest end)."""
    for i, heading in enumerate(candidates):
        before = [ending[section] for section in ending if section < heading.section]
        if before:
            length, end = max(before)
            best[i] = length + 1
            previous[i] = end
        if best[i] >= ending.get(heading.section, (0, -1))[0]:
            ending[heading.section] = (best[i], i)
    end = max(range(len(candidates)), key=lambda i: (best[i], i))
    chosen = []
    while end != -1:
        chosen.append(candidates[end])
        end = previous[end]
    return chosen[::-1]


def line_heading(cells: Sequence[str]) -> int | None:
    """The section whose heading a whole line is (one cell, or spread over a few), if any."""
    if not cells or len(cells) > _MAX_HEADING_CELLS:
        return None
    text = "".join(cells)
    if _HEADING_HINT.search(text) is None:
        return None
    canon = canonical(text)
    section = heading_section(canon)
    if section is None:
        section = heading_section(_SECTION_NUMERAL.sub("", canon, count=1))
    return section


def find_sections(
    document: SourceDocument,
) -> tuple[dict[str, list[Piece]], list[Piece]]:
    """The pieces of each section found (by section id), and the preamble before the first."""
    pieces, candidates = split_headings(document_pieces(document))
    chosen = choose_headings(candidates)
    regions: dict[str, list[Piece]] = {}
    for heading, following in itertools.zip_longest(chosen, chosen[1:]):
        end = following.start if following is not None else len(pieces)
        regions[catalog.SECTION_IDS[heading.section]] = pieces[heading.position : end]
    preamble = pieces[: chosen[0].start] if chosen else pieces
    return regions, preamble
