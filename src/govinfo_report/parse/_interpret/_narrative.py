"""Stage 2c: the text of a narrative section (一、五、六), with hard line breaks joined.

PDF files and their text copies break every line at the page's width, in the middle of a
sentence. A line is joined to the next when it runs to the width of the section's long lines
and does not end a sentence (。！？；：), and the next line does not open an item of its own
(（一）, 一、, 1., 一是…). Short lines (sub-headings) and lines that end a sentence end their
paragraph, so paragraphs are kept; text from web pages and Word files, one paragraph per line,
is unchanged.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from govinfo_report.parse._interpret._pieces import Piece, is_page_number

__all__ = ["narrative"]

_SENTENCE_END = frozenset("。！？；：!?;:…")
_ITEM_START = re.compile(
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}[.、．](?!\d)"
)
_FULL_WIDTH = 0.8
"""A line at least this share of the section's usual long line ran to the edge of the page."""
_MIN_WRAPPED = 12
"""Lines shorter than this are never wrapped text (a page of that width prints no report)."""


def narrative(pieces: Sequence[Piece]) -> str | None:
    """The text of a narrative section: one paragraph per line, hard line breaks joined."""
    lines: list[str] = []
    current = -1
    for piece in pieces:
        text = piece.raw.strip()
        if not text or is_page_number(text):
            continue
        if piece.line != current:
            lines.append(text)
            current = piece.line
        else:
            lines[-1] += ("" if piece.split else " ") + text
    joined = "\n".join(_paragraphs(lines) if lines else lines).strip()
    return joined or None


def _paragraphs(lines: list[str]) -> list[str]:
    """The lines with every line that wraps at the page's edge joined to the next."""
    lengths = sorted(len(line) for line in lines)
    # Most lines of wrapped text run to the page's width; a few merged or long lines do not
    # set it: the upper quartile does.
    width = lengths[(len(lengths) * 3) // 4]
    edge = max(_MIN_WRAPPED, int(width * _FULL_WIDTH))
    paragraphs = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if _wraps(previous, line, edge):
            space = " " if _ascii_word_break(previous, line) else ""
            paragraphs[-1] += space + line
        else:
            paragraphs.append(line)
    return paragraphs


def _wraps(previous: str, line: str, edge: int) -> bool:
    """Whether ``previous`` is a line broken at the page's edge that ``line`` continues."""
    return (
        len(previous) >= edge
        and previous[-1] not in _SENTENCE_END
        and _ITEM_START.match(line) is None
    )


def _ascii_word_break(previous: str, line: str) -> bool:
    """Whether two ASCII words meet at the break: they keep a space (a cut number does not)."""
    return (
        previous[-1].isascii()
        and previous[-1].isalpha()
        and line[0].isascii()
        and line[0].isalpha()
    )
