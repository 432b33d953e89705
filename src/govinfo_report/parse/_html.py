"""The HTML front end: a web page as served → a :class:`SourceDocument`.

Government sites serve reports as hand-written HTML, as Word's "save as web page" output (nested
``<span>``, ``<o:p>``, ``&nbsp;`` blank cells, conditional comments) or as a fragment inside a
portal page (navigation, breadcrumbs, footers). Every row of a data table becomes one line of cell
texts located by table, row and cell; every paragraph or other block outside tables becomes a
line with a single cell located by its line in the HTML file.

The page is parsed with the standard library's :mod:`html.parser`: it never resolves external
entities, never fetches anything, accepts any malformed markup without raising, and needs no
dependency. ``docs/reading.md`` records the measurements behind that choice.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from govinfo_report import catalog
from govinfo_report.parse._document import Location, SourceDocument, SourceKind, SourceLine

__all__ = ["decode_html", "looks_like_html", "read_html"]

# Pages announce legacy Chinese encodings by many names; GB18030 decodes all of them.
_GB_FAMILY = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "gb18030"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<p[\s>]|<div[\s>]|<meta\s|<br\s*/?>",
    re.I,
)
_SNIFF_BYTES = 4096

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p pre section summary table tbody td tfoot th thead title tr ul".split()
)
_VOID_TAGS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
# Their content is never report text: code, styling, form widgets, embedded objects.
_SKIPPED_TAGS = frozenset(
    "script style template noscript select option optgroup textarea button iframe object "
    "svg math".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_CLOSES_P = _BLOCK_TAGS - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "title"}
_MAX_DEPTH = 256
# A table cell holding more text than any label of the form is page layout, not form data.
_LAYOUT_CELL_CHARS = 300
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0\u3000]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)


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

    Order: a byte-order mark; the ``<meta>`` charset (GB2312 and GBK read as their superset
    GB18030); UTF-8; GB18030. A page that decodes strictly under none of them is decoded as UTF-8
    with replacement characters rather than refused: the tables may still be readable.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name, False
    candidates: list[str] = []
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is not None:
        declared = _codec(match.group(1).decode("ascii"))
        # A page cannot be UTF-16 if its <meta> was readable as ASCII.
        if declared is not None and not declared.startswith("utf-16"):
            candidates.append(declared)
    candidates.extend(name for name in ("utf-8", "gb18030") if name not in candidates)
    for name in candidates:
        try:
            return data.decode(name), name, False
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8", True


class _Node:
    """An element of the page, with only what reading needs."""

    __slots__ = ("children", "colspan", "line", "parent", "tag")

    def __init__(self, tag: str, parent: _Node | None, line: int) -> None:
        self.tag = tag
        self.parent = parent
        self.line = line
        self.children: list[_Node | str] = []
        self.colspan = 1


class _TreeBuilder(HTMLParser):
    """Builds a light tree, repairing the markup errors common on government sites."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", None, 1)
        self.title: list[str] = []
        self._current = self.root
        self._depth = 0
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._in_title = False
        self.title_line = 1

    # -- the open-element stack -------------------------------------------------------------

    def _open(self, tag: str) -> _Node | None:
        """The innermost open element named ``tag``, not looking past a table boundary."""
        node: _Node | None = self._current
        while node is not None and node is not self.root:
            if node.tag == tag:
                return node
            if node.tag == "table" and tag != "table":
                return None
            node = node.parent
        return None

    def _close(self, node: _Node) -> None:
        while self._current is not node and self._current.parent is not None:
            self._pop()
        self._pop()

    def _pop(self) -> None:
        if self._current.parent is not None:
            self._current = self._current.parent
            self._depth -= 1

    # -- HTMLParser callbacks ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag == "title":
            self._in_title = True
            self.title_line = self.getpos()[0]
            return
        hidden = any(
            (name == "style" and value and _HIDDEN_STYLE.search(value)) or name == "hidden"
            for name, value in attrs
        )
        if tag in _SKIPPED_TAGS or hidden:
            if tag not in _VOID_TAGS:
                self._skip_tag, self._skip_depth = tag, 1
            return
        self._repair_before(tag)
        node = _Node(tag, self._current, self.getpos()[0])
        if tag in _CELL_TAGS:
            for name, value in attrs:
                if name == "colspan" and value and value.strip().isdigit():
                    node.colspan = max(1, min(int(value.strip()), 1000))
        self._current.children.append(node)
        if tag not in _VOID_TAGS and self._depth < _MAX_DEPTH:
            self._current = node
            self._depth += 1

    def _repair_before(self, tag: str) -> None:
        """Close what HTML closes implicitly before ``tag`` opens (unclosed <p>, <td>, <tr>, <li>)."""
        if tag in _CLOSES_P:
            open_p = self._open("p")
            if open_p is not None:
                self._close(open_p)
        if tag in _CELL_TAGS or tag == "tr":
            for closed in ("td", "th") if tag in _CELL_TAGS else ("td", "th", "tr"):
                open_node = self._open(closed)
                if open_node is not None:
                    self._close(open_node)
        elif tag == "li":
            open_li = self._open("li")
            if open_li is not None:
                self._close(open_li)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS and self._skip_tag is None:
            open_node = self._open(tag)
            if open_node is not None:
                self._close(open_node)
        elif tag == self._skip_tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag == "title":
            self._in_title = False
            return
        open_node = self._open(tag)
        if open_node is not None:
            self._close(open_node)

    def handle_data(self, data: str) -> None:
        if self._skip_tag is not None:
            return
        if self._in_title:
            self.title.append(data)
            return
        self._current.children.append(data)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _contains(node: _Node, tag: str) -> bool:
    stack = list(node.children)
    while stack:
        child = stack.pop()
        if isinstance(child, _Node):
            if child.tag == tag:
                return True
            stack.extend(child.children)
    return False


def _text_of(node: _Node) -> str:
    """The text of a table cell: blocks and line breaks inside it become spaces."""
    parts: list[str] = []
    stack: list[_Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            if item.tag in _BLOCK_TAGS or item.tag == "br":
                parts.append(" ")
            stack.extend(reversed(item.children))
    return _clean("".join(parts))


def _rows(table: _Node) -> Iterator[_Node]:
    """The rows of a table (inside thead/tbody/tfoot too), not those of nested tables."""
    stack: list[_Node | str] = list(reversed(table.children))
    while stack:
        item = stack.pop()
        if not isinstance(item, _Node):
            continue
        if item.tag == "tr":
            yield item
        elif item.tag != "table":
            stack.extend(reversed(item.children))


def _cells(row: _Node) -> list[_Node]:
    cells: list[_Node] = []
    stack: list[_Node | str] = list(reversed(row.children))
    while stack:
        item = stack.pop()
        if not isinstance(item, _Node):
            continue
        if item.tag in _CELL_TAGS:
            cells.append(item)
        elif item.tag not in {"table", "tr"}:
            # Stray wrappers (<span>, <font>) between <tr> and <td> in hand-written pages.
            stack.extend(reversed(item.children))
    return cells


class _Emitter:
    """Walks the tree and produces lines, remembering which element holds each."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.holders: list[tuple[int, ...]] = []
        self.table_count = 0
        self._buffer: list[str] = []
        self._buffer_line = 0
        self._path: list[int] = []

    def flush(self) -> None:
        text = _clean("".join(self._buffer))
        self._buffer.clear()
        if text:
            self.lines.append(SourceLine((text,), Location(line=self._buffer_line)))
            self.holders.append(tuple(self._path))

    def text(self, data: str, line: int) -> None:
        if not self._buffer:
            self._buffer_line = line
        self._buffer.append(data)

    def walk(self, root: _Node) -> None:
        # Iterative: malformed pages nest deeply. Entries are nodes, text, or exit markers.
        stack: list[tuple[_Node | str, int]] = [(root, 0)]
        while stack:
            item, exiting = stack.pop()
            if isinstance(item, str):
                self.text(item, self._last_line)
                continue
            if exiting:
                if item.tag in _BLOCK_TAGS:
                    self.flush()
                self._path.pop()
                continue
            self._last_line = item.line
            if item.tag == "table" and self._is_data_table(item):
                self.flush()
                self._path.append(id(item))
                self._emit_table(item)
                self._path.pop()
                continue
            if item.tag in _BLOCK_TAGS or item.tag == "br":
                self.flush()
            if item.tag == "br":
                continue
            self._path.append(id(item))
            stack.append((item, 1))
            stack.extend((child, 0) for child in reversed(item.children))
        self.flush()

    _last_line = 1

    @staticmethod
    def _is_data_table(table: _Node) -> bool:
        if _contains(table, "table"):
            return False
        return all(
            len(_text_of(cell)) <= _LAYOUT_CELL_CHARS for row in _rows(table) for cell in _cells(row)
        )

    def _emit_table(self, table: _Node) -> None:
        self.table_count += 1
        for child in table.children:
            if isinstance(child, _Node) and child.tag == "caption":
                caption = _text_of(child)
                if caption:
                    self.lines.append(SourceLine((caption,), Location(line=child.line)))
                    self.holders.append(tuple(self._path))
        row_number = 0
        for row in _rows(table):
            row_number += 1
            texts = tuple(_text_of(cell) for cell in _cells(row))
            if not any(texts):
                continue
            location = Location(table=self.table_count, row=row_number)
            self.lines.append(SourceLine(texts, location))
            self.holders.append(tuple(self._path))


def _heading_prefixes() -> tuple[str, ...]:
    """The ordinals that open the six section headings: ``一、`` … ``六、`` (from the catalog)."""
    spec = catalog.format_spec(catalog.FormatVersion.V2021)
    return tuple(section.heading.zh.split("、")[0] + "、" for section in spec.sections)


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
    headings = {lines[i].cells[0].replace(" ", "")[:2] for i in anchors if lines[i].location.table is None}
    if len(headings) < 3:
        return lines
    common = list(holders[anchors[0]])
    for index in anchors[1:]:
        path = holders[index]
        size = 0
        while size < len(common) and size < len(path) and common[size] == path[size]:
            size += 1
        del common[size:]
    # The root, <html> and <body>: no narrower article was found.
    if len(common) <= 3:
        return lines
    article = tuple(common)
    kept = [i for i, path in enumerate(holders) if path[: len(article)] == article]
    first = kept[0]
    title = next(
        (i for i in range(first - 1, max(first - 20, -1), -1) if _REPORT_WORD in lines[i].cells[0]),
        None,
    )
    return ([lines[title]] if title is not None else []) + [lines[i] for i in kept]


def read_html(source: bytes | str, *, name: str | None = None) -> SourceDocument:
    """Read an HTML page (bytes in any encoding the page declares, or text) into lines."""
    text = source if isinstance(source, str) else decode_html(source)[0]
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    emitter = _Emitter()
    emitter.walk(builder.root)
    lines = _report_lines(emitter)
    title = _clean("".join(builder.title))
    if title and not any(_REPORT_WORD in line.cells[0] for line in lines[:5]):
        lines.insert(0, SourceLine((title,), Location(line=builder.title_line)))
    return SourceDocument(SourceKind.HTML, tuple(lines), name)
