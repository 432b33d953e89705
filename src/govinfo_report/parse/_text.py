r"""The text front end: plain text as found in the wild → a :class:`SourceDocument`.

Text copies of reports come in a few layouts, all handled by splitting each line into cells:

* web pages copied with **tab-separated** cells (empty cells kept: they hold the place of
  merged cells and blanks);
* **pipe or markdown tables** from converters (``| 规章 | 0 | 0 | 0 |``; separator rows such as
  ``|---|---|`` are dropped, empty ``||`` cells kept);
* ``pdftotext -layout`` output, where cells are separated by **runs of two or more spaces** (a
  no-break space counts as a space) or by full-width spaces (U+3000);
* **one item per line** copies, where every line is one cell;
* a whole report on **one line**: one long cell, which the interpreter segments at the labels of
  the form.

Nothing is normalised here: every cell keeps its raw text, so provenance quotes the source as
printed; the interpreter compares labels after normalising (NFKC, whitespace removed, …).

>>> document = read_text("规章\t1\t0\t11\n| 行政许可 | 97 |\n行政处罚          3985758")
>>> [line.cells for line in document.lines]
[('规章', '1', '0', '11'), ('行政许可', '97'), ('行政处罚', '3985758')]
>>> str(document.lines[2].location)
'line 3'
"""

from __future__ import annotations

import functools
import re

from govinfo_report.parse._document import Location, SourceDocument, SourceKind, SourceLine

__all__ = ["read_text", "split_cells"]

_MARKDOWN_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
# A form feed starts each page in pdftotext output; it is not part of any cell.
_CONTROL = str.maketrans({"\f": " ", "\v": " ", "\ufeff": None})
_CONTROL_CHARS = re.compile("[\f\v\ufeff]")


def split_cells(line: str) -> tuple[str, ...]:
    r"""The cells of one text line: pipes, else tabs, else runs of spaces; ``()`` for no content.

    >>> split_cells("| 规章 |  | 0 |")
    ('规章', '', '0')
    >>> split_cells("\t(二) 部分公开\t0\t")
    ('', '(二) 部分公开', '0', '')
    >>> split_cells("|---|---|")
    ()
    """
    return _cells(line.translate(_CONTROL) if _CONTROL_CHARS.search(line) else line)


def _cells(text: str) -> tuple[str, ...]:
    """The cells of a line that holds no form feed, vertical tab or byte-order mark."""
    stripped = text.strip()
    if not stripped:
        return ()
    if stripped.startswith("|") or stripped.count("|") >= 2:
        if _MARKDOWN_RULE.fullmatch(stripped):
            return ()
        body = stripped.removeprefix("|")
        body = body.removesuffix("|")
        return tuple(cell.strip() for cell in body.split("|"))
    if "\t" in text:
        # Leading and trailing tabs are kept: they are the empty cells of merged columns.
        return tuple(cell.strip() for cell in text.split("\t"))
    if "\u3000" in stripped or "\xa0" in stripped:
        stripped = stripped.replace("\u3000", "  ").replace("\xa0", " ")
    if "  " not in stripped:
        return (stripped,)
    # str.split is many times faster than a regular expression on long lines of CJK text.
    return tuple(cell for part in stripped.split("  ") if (cell := part.strip()))


# Every report has a line 1, 2, 3…: one immutable Location each serves them all (building an
# attrs instance per line costs as much as splitting the line).
@functools.lru_cache(maxsize=8192)
def _line_location(number: int) -> Location:
    return Location(line=number)


def read_text(text: str, *, name: str | None = None) -> SourceDocument:
    """Split a text report into lines of cells, each located by its line number (1-based)."""
    lines: list[SourceLine] = []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_CHARS.search(normalised):
        normalised = normalised.replace("\f", " ").replace("\v", " ").replace("\ufeff", "")
    for number, line in enumerate(normalised.split("\n"), start=1):
        if not line or line.isspace():
            continue
        cells = _cells(line)  # the control characters are gone from the whole text already
        if cells:
            lines.append(SourceLine(cells, _line_location(number)))
    return SourceDocument(SourceKind.TEXT, tuple(lines), name=name)
