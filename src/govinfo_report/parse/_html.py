"""The HTML front end: a web page as served → a :class:`SourceDocument`.

Government sites serve reports as hand-written HTML, as Word's "save as web page" output (nested
``<span>``, ``<o:p>``, ``&nbsp;`` blank cells, conditional comments) or as a fragment inside a
portal page (navigation, breadcrumbs, footers). Every row of a data table becomes one line of cell
texts located by table, row and cell; every paragraph or other block outside tables becomes a
line with a single cell located by its line in the HTML file.

The page is parsed with lxml's HTML parser (libxml2) in recovering mode: it accepts any
malformed markup without raising, never loads a DTD, never resolves an entity beyond HTML's
own, and never touches the network. It parses pages about twenty times faster than the standard
library's :mod:`html.parser`; ``docs/reading.md`` records the measurements behind that choice.
"""

from __future__ import annotations

import codecs
import itertools
import re
from typing import Any

from lxml import etree

from govinfo_report.parse._document import (
    Location,
    ReadingFinding,
    SourceDocument,
    SourceKind,
    SourceLine,
)
from govinfo_report.parse._findings import HTML_TOO_DEEP
from govinfo_report.parse._notes import UNDECODABLE_BYTES
from govinfo_report.parse._text import read_text
from govinfo_report.parse._vocabulary import section_numerals

__all__ = ["decode_html", "looks_like_html", "read_html"]

# Pages announce legacy Chinese encodings by many names; GB18030 decodes all of them.
_GB_FAMILY = frozenset(
    {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "gb18030"}
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<p[\s>]|<div[\s>]|<meta\s|<br\s*/?>",
    re.IGNORECASE,
)
_SNIFF_BYTES = 4096
_LIBXML2_CODECS = frozenset({"utf-8", "gb18030"})

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
# Their content is never report text: code, styling, form widgets, embedded objects.
_SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "noscript",
        "select",
        "option",
        "optgroup",
        "textarea",
        "button",
        "iframe",
        "object",
        "svg",
        "math",
    ]
)
# A table cell holding more text than any label of the form is page layout, not form data.
_LAYOUT_CELL_CHARS = 300
_SEPARATING_TAGS = (_BLOCK_TAGS | {"br"}) - {"td", "th", "tr", "table"}
_CELL_TAGS = frozenset({"td", "th"})
_HIDING_WORDS = (b"hidden", b"display", b"mso-hide")
_NON_ASCII = bytes(range(0x80, 0x100))
_STYLED = etree.XPath("//*[@hidden or @style]")
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE
)


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file look like markup rather than plain text."""
    return _HTML_MARKERS.search(head[:_SNIFF_BYTES]) is not None


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, bool]:
    """Decode a page: ``(text, encoding used, whether bytes had to be replaced)``.

    Order: a byte-order mark; UTF-8, when the bytes are valid UTF-8 (GB18030 decodes almost any
    bytes, so a page that declares GBK but was saved as UTF-8, a common slip, is only caught
    this way round); the ``<meta>`` charset (GB2312 and GBK read as their superset GB18030);
    GB18030. A page that decodes strictly under none of them is decoded as UTF-8
    with replacement characters rather than refused: the tables may still be readable.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name, False
    candidates: list[str] = ["utf-8"]
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is not None:
        declared = _codec(match.group(1).decode("ascii"))
        # A page cannot be UTF-16 if its <meta> was readable as ASCII.
        if declared is not None and not declared.startswith("utf-16") and declared != "utf-8":
            candidates.append(declared)
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    for name in candidates:
        try:
            return data.decode(name), name, False
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8", True


def _clean(text: str) -> str:
    # str.split() splits at every Unicode space (\xa0 from &nbsp;, \u3000 too), in C.
    return " ".join(text.split())


def _prune(root: Any, markup: str | bytes) -> None:  # noqa: ANN401
    """Remove what is never report text (scripts, styles, widgets, hidden elements) in place."""
    # Asked of the tree, in C: searching the page's text for each tag costs more than the rest.
    present = {element.tag for element in root.iter(*_SKIPPED_TAGS)}
    if present:
        etree.strip_elements(root, *present, with_tail=False)
    if _may_hide(markup):
        for element in _STYLED(root):
            style = element.get("style", "")
            if element.get("hidden") is not None or _HIDDEN_STYLE.search(style):
                _drop(element)


def _may_hide(markup: str | bytes) -> bool:
    """Whether the page may hide an element.

    The words are ASCII in every encoding read, so the other bytes are dropped first, in C:
    what is then lowered and searched is a fraction of a Chinese page. Dropping bytes can join
    two fragments into a word, never split one: at worst the page is searched in vain.
    """
    if isinstance(markup, str):
        ascii_part = markup.encode("ascii", errors="ignore")
    else:
        ascii_part = markup.translate(None, _NON_ASCII)
    lowered = ascii_part.lower()
    return any(word in lowered for word in _HIDING_WORDS)


def _drop(element: Any) -> None:  # noqa: ANN401
    """Remove an element and its content, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


_Rows = tuple[list[str], list[tuple[str, ...]]]


def _marked_up_text(cell: Any) -> str:  # noqa: ANN401
    """The text of a cell holding markup (spans, paragraphs, line breaks) rather than bare text."""
    # Line breaks and paragraphs inside a cell separate words: "本年新<br>制作数量". The tags
    # are tested here: lxml's iterator given forty-five tags spends longer preparing the match.
    for element in cell.iterdescendants():
        if element.tag in _SEPARATING_TAGS:
            element.tail = " " + element.tail if element.tail else " "
    return "".join(cell.itertext())


def _cleaned(texts: list[str]) -> list[str]:
    """:func:`_clean` of each text, in one pass: a table has hundreds of cells.

    The texts are joined by NUL, which no text from lxml holds (its strings end at NUL) and
    ``str.split`` does not take for a space, so one split in C collapses every cell's spaces
    and the cells come apart again at the NULs.
    """
    if not texts:
        return []
    joined = " ".join("\0".join(texts).split())
    return joined.replace(" \0", "\0").replace("\0 ", "\0").split("\0")


def _table_lines(table: Any) -> _Rows | None:  # noqa: ANN401
    """The captions and the rows of cell texts of a data table, or None for a layout table.

    A table lays out the page, rather than holding values, when it nests a table or a cell
    holds prose.
    """
    if next(table.iterdescendants("table"), None) is not None:
        return None
    captions = _cleaned([_marked_up_text(caption) for caption in table.iterchildren("caption")])
    # A table has hundreds of cells, most holding bare text: those are read in place, and only
    # a cell holding markup costs a call. Testing each child's tag is cheaper than lxml's
    # filtered child iterator.
    rows = [
        [
            (cell.text or "") if len(cell) == 0 else _marked_up_text(cell)
            for cell in row
            if cell.tag in _CELL_TAGS
        ]
        for row in table.iter("tr")
    ]
    texts = _cleaned(list(itertools.chain.from_iterable(rows)))
    # The longest cell, measured in C (a table has hundreds of cells).
    if max(map(len, texts), default=0) > _LAYOUT_CELL_CHARS:
        return None
    bounds = itertools.pairwise(itertools.accumulate(map(len, rows), initial=0))
    return captions, [tuple(texts[start:end]) for start, end in bounds]


class _Emitter:
    """Walks the page and produces lines, remembering which element holds each."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.holders: list[tuple[int, ...]] = []
        self.table_count = 0
        self._buffer: list[str] = []
        self._buffer_line = 0
        self._path: list[int] = []
        self._elements = 0

    def _flush(self) -> None:
        if not self._buffer:
            return
        text = _clean("".join(self._buffer))
        self._buffer.clear()
        if text:
            self.lines.append(SourceLine((text,), Location(line=self._buffer_line)))
            self.holders.append(tuple(self._path))

    def walk(self, root: Any) -> None:  # noqa: ANN401
        walker = etree.iterwalk(root, events=("start", "end"))
        buffer = self._buffer
        for event, element in walker:
            if event == "start":
                text = self._start(element, walker)
            else:
                if element.tag in _BLOCK_TAGS:
                    self._flush()
                self._path.pop()
                text = element.tail
            if text:
                if not buffer:
                    self._buffer_line = element.sourceline or 1
                buffer.append(text)
        self._flush()

    def _start(self, element: Any, walker: Any) -> str | None:  # noqa: ANN401
        """Enter an element: the text it opens with, or None when its content is read whole."""
        # The parser drops comments and processing instructions, so every node here is an
        # element; a tag that were not a string would only fail every comparison below.
        tag = element.tag
        self._elements += 1
        self._path.append(self._elements)
        if tag == "title":
            walker.skip_subtree()
            return None
        if tag in _BLOCK_TAGS or tag == "br":
            self._flush()
        if tag == "pre":
            # Preformatted text keeps its line breaks and column gaps: a table pasted as text
            # (tabs, aligned spaces, pipes) is split as the text reader does.
            self._emit_preformatted(element)
            walker.skip_subtree()
            return None
        if tag == "table":
            rows = _table_lines(element)
            if rows is not None:
                self._emit_table(rows)
                walker.skip_subtree()
                return None
        return element.text  # type: ignore[no-any-return]

    def _emit_preformatted(self, element: Any) -> None:  # noqa: ANN401
        first_line = element.sourceline or 1
        path = tuple(self._path)
        for line in read_text("".join(element.itertext())).lines:
            number = first_line + (line.location.line or 1) - 1
            self.lines.append(SourceLine(line.cells, Location(line=number)))
            self.holders.append(path)

    def _emit_table(self, table: _Rows) -> None:
        self.table_count += 1
        path = tuple(self._path)
        captions, rows = table
        for caption in filter(None, captions):
            self.lines.append(SourceLine((caption,), Location(table=self.table_count)))
            self.holders.append(path)
        for row_number, row in enumerate(rows, start=1):
            if any(row):
                self.lines.append(SourceLine(row, Location(table=self.table_count, row=row_number)))
                self.holders.append(path)


def _heading_prefixes() -> tuple[str, ...]:
    """The ordinals that open the six section headings: ``一、`` … ``六、`` (from the catalog)."""
    return tuple(numeral + "、" for numeral in section_numerals())


_HEADING_PREFIXES = _heading_prefixes()
_REPORT_WORD = "报告"


def _report_lines(emitter: _Emitter) -> list[SourceLine]:
    """The lines of the article, without the portal page around it.

    The article is the innermost element holding every section heading and every data table;
    the nearest line above it that names a report (the page's own heading) is kept as its title.
    """
    lines, holders = emitter.lines, emitter.holders
    anchors = [
        index
        for index, line in enumerate(lines)
        if line.location.table is not None
        or (
            len(line.cells[0]) <= 60
            and line.cells[0].replace(" ", "").startswith(_HEADING_PREFIXES)
        )
    ]
    headings = {
        lines[i].cells[0].replace(" ", "")[:2] for i in anchors if lines[i].location.table is None
    }
    if len(headings) < 3:
        return lines
    # The paths' common prefix is that of the smallest and the largest of them.
    low = min(holders[i] for i in anchors)
    high = max(holders[i] for i in anchors)
    size = 0
    while size < len(low) and low[size] == high[size]:
        size += 1
    # The root, <html> and <body>: no narrower article was found.
    if size <= 3:
        return lines
    article = low[:size]
    kept = [i for i, path in enumerate(holders) if path[: len(article)] == article]
    first = kept[0]
    title = next(
        (i for i in range(first - 1, max(first - 20, -1), -1) if _REPORT_WORD in lines[i].cells[0]),
        None,
    )
    return ([lines[title]] if title is not None else []) + [lines[i] for i in kept]


def _parse(markup: str | bytes, encoding: str) -> tuple[Any, bool]:
    """The page's root element (None if it has none), and whether nesting cut it short."""
    parser = etree.HTMLParser(
        encoding=encoding,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=False,
        collect_ids=False,
    )
    # Handed over as bytes with the encoding named: an XHTML page's own encoding declaration
    # then cannot contradict the decoding already chosen.
    data = markup.encode("utf-8", errors="replace") if isinstance(markup, str) else markup
    root = etree.fromstring(data, parser)
    too_deep = any("depth" in entry.message.lower() for entry in parser.error_log)
    return root, too_deep


def read_html(
    source: bytes | str, *, name: str | None = None
) -> tuple[SourceDocument, tuple[ReadingFinding, ...]]:
    """Read an HTML page (bytes in any encoding the page declares, or text) into lines."""
    findings: list[ReadingFinding] = []
    markup: str | bytes
    if isinstance(source, str):
        text, markup, encoding = source, source, "utf-8"
    else:
        text, encoding, replaced = decode_html(source)
        # libxml2 decodes the bytes itself, faster than handing it the text; it cannot take
        # text with replacement characters, nor a byte-order mark it would read as content.
        markup = source if encoding in _LIBXML2_CODECS else text
        encoding = encoding if encoding in _LIBXML2_CODECS else "utf-8"
        if replaced:
            findings.append(UNDECODABLE_BYTES)
    root, too_deep = _parse(markup, encoding) if text.strip() else (None, False)
    if too_deep:
        findings.append(_TOO_DEEP)
    if root is None:
        return SourceDocument(SourceKind.HTML, (), name), tuple(findings)
    _prune(root, markup)
    emitter = _Emitter()
    emitter.walk(root)
    lines = _report_lines(emitter)
    title_element = next(root.iter("title"), None)
    if title_element is not None:
        title = _clean("".join(title_element.itertext()))
        if title and not any(_REPORT_WORD in line.cells[0] for line in lines[:5]):
            lines.insert(0, SourceLine((title,), Location(line=title_element.sourceline)))
    return SourceDocument(SourceKind.HTML, tuple(lines), name), tuple(findings)


_TOO_DEEP = HTML_TOO_DEEP.finding(HTML_TOO_DEEP.message())
