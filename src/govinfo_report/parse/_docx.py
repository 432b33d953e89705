"""The Word front end: a ``.docx`` report (the official template, filled in) → lines of cells.

Tables and paragraphs are read in document order. Every table row becomes a line of cell texts
located by table and row; a cell merged horizontally (``gridSpan``) is one cell, and a cell that
continues a vertical merge (``vMerge``) is left out, just as a browser shows a ``rowspan``: the
HTML and Word readers hand the interpreter the same shape. Paragraphs outside tables become
single-cell lines located by their paragraph number (in ``Location.line``).

The reader needs no dependency: :mod:`zipfile` and the standard library's expat parser, fed in
chunks. Word files come from strangers, so every size is capped before it is read (a zip bomb
stops at the cap, whatever its headers claim), and any DTD or entity declaration is refused:
WordprocessingML never has one, so its presence means a crafted file.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import BinaryIO, Protocol, TypeVar
from xml.parsers import expat

from govinfo_report.errors import ParseError
from govinfo_report.parse._document import Location, SourceDocument, SourceKind, SourceLine

__all__ = ["MAX_ENTRIES", "MAX_PART_SIZE", "XmlHandler", "parse_part", "read_docx", "read_zip"]

T = TypeVar("T")

MAX_PART_SIZE = 64 * 1024 * 1024
"""The largest uncompressed XML part read (bytes); a long report's document.xml is under 5 MB."""
MAX_ENTRIES = 10_000
"""The most zip entries accepted; a Word file has a few dozen."""
_CHUNK = 1 << 16

_WORD_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    }
)
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OFFICE_DOCUMENT = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*?Target="/?([^"]+)"|'
    rb'Target="/?([^"]+)"[^>]*?Type="[^"]*/officeDocument"'
)
_STARTS = {
    f"{namespace} {local}": local
    for namespace in _WORD_NAMESPACES
    for local in ("t", "tab", "br", "cr", "tbl", "tr", "tc", "vMerge", "vanish", "r")
} | {f"{_MARKUP_COMPATIBILITY} Fallback": "Fallback"}
_ENDS = {
    f"{namespace} {local}": local
    for namespace in _WORD_NAMESPACES
    for local in ("t", "p", "tbl", "tr", "tc")
}
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0\u3000]+")
_END_OF_DIRECTORY = b"PK\x05\x06"


def _check_entry_count(data: BinaryIO) -> None:
    """Refuse a zip whose central directory lists more entries than a Word file ever has.

    Read from the end-of-directory record before :mod:`zipfile` builds an object per entry.
    """
    data.seek(0, os.SEEK_END)
    size = data.tell()
    tail_size = min(size, 65_557)
    data.seek(size - tail_size)
    tail = data.read(tail_size)
    data.seek(0)
    position = tail.rfind(_END_OF_DIRECTORY)
    if position < 0 or position + 22 > len(tail):
        return  # zipfile reports a damaged archive in its own words
    (entries,) = struct.unpack_from("<H", tail, position + 10)
    if entries > MAX_ENTRIES and entries != 0xFFFF:
        raise ParseError(f"the zip file lists {entries:,} entries: not a Word document")
    if entries == 0xFFFF:
        raise ParseError("the zip file uses ZIP64 for a huge entry count: not a Word document")


def _read_capped(archive: zipfile.ZipFile, name: str, where: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_SIZE:
        raise ParseError(
            f"{name} would unpack to {info.file_size:,} bytes, over the limit of "
            f"{MAX_PART_SIZE:,}: not read (a zip bomb?)",
            where=where,
        )
    # zipfile never unpacks past the size the header declares, so the cap above holds.
    with archive.open(info) as part:
        return part.read()


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the main document part, from the package relationships."""
    if "_rels/.rels" not in archive.NameToInfo:
        return None
    if archive.getinfo("_rels/.rels").file_size > 1 << 20:
        return None
    with archive.open("_rels/.rels") as rels:
        match = _OFFICE_DOCUMENT.search(rels.read(1 << 20))
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("utf-8", errors="replace")
    return name if name in archive.NameToInfo else None


def _refuse_dtd(*_args: object) -> None:
    raise ParseError("the Word XML declares a DTD or entities; refused as unsafe")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _value(attributes: dict[str, str], default: str) -> str:
    """The ``w:val`` attribute, whatever the namespace prefix; ``default`` when absent."""
    return next((v for k, v in attributes.items() if k.endswith(" val")), default)


class _BodyReader:
    """Streams WordprocessingML and collects lines, keeping only what reading needs."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self._text: list[str] = []
        self._paragraphs = 0
        self._tables = 0
        self._table_depth = 0
        self._row = 0
        self._cells: list[str] = []
        self._cell_continues = False
        self._skip_depth = 0
        self._hidden_run = False
        self._in_text = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self._skip_depth:
            self._skip_depth += 1
            return
        # Most elements (run and paragraph properties) matter not: one lookup sends them away.
        local = _STARTS.get(name)
        if local is None:
            return
        if local == "Fallback":
            # The same content again, for old readers (VML text boxes): read it once.
            self._skip_depth = 1
        elif self._table_depth == 1 and local in {"tr", "tc", "vMerge"}:
            self._start_table_part(local, attributes)
        else:
            self._start_text_part(local, attributes)

    def _start_text_part(self, local: str, attributes: dict[str, str]) -> None:
        if local == "t":
            self._in_text = not self._hidden_run
        elif local in {"tab", "br", "cr"}:
            self._text.append(" ")
        elif local == "tbl":
            self._table_depth += 1
            if self._table_depth == 1:
                self._tables += 1
                self._row = 0
        elif local == "vanish":
            self._hidden_run = _value(attributes, "true") not in {"false", "0", "off"}
        elif local == "r":
            self._hidden_run = False

    def _start_table_part(self, local: str, attributes: dict[str, str]) -> None:
        if local == "tr":
            self._row += 1
            self._cells = []
        elif local == "tc":
            self._text = []
            self._cell_continues = False
        else:
            # A vMerge without "restart" continues the cell above: left out, like a rowspan.
            self._cell_continues = _value(attributes, "continue") != "restart"

    def end(self, name: str) -> None:
        if self._skip_depth:
            self._skip_depth -= 1
            return
        local = _ENDS.get(name)
        if local is not None:
            if self._table_depth == 1 and local in {"tr", "tc"}:
                self._end_table_part(local)
            else:
                self._end_text_part(local)

    def _end_text_part(self, local: str) -> None:
        if local == "t":
            self._in_text = False
        elif local == "p":
            if self._table_depth == 0:
                self._flush_paragraph()
            else:
                self._text.append(" ")
        elif local == "tbl":
            self._table_depth -= 1
        elif local in {"tc", "tr"}:
            # A nested table's cells run into the outer cell's text, word by word.
            self._text.append(" ")

    def _end_table_part(self, local: str) -> None:
        if local == "tc":
            if not self._cell_continues:
                self._cells.append(_clean("".join(self._text)))
            self._text = []
        elif any(self._cells):
            location = Location(table=self._tables, row=self._row)
            self.lines.append(SourceLine(tuple(self._cells), location))

    def data(self, text: str) -> None:
        if self._in_text and not self._skip_depth:
            self._text.append(text)

    def _flush_paragraph(self) -> None:
        self._paragraphs += 1
        text = _clean("".join(self._text))
        self._text = []
        if text:
            self.lines.append(SourceLine((text,), Location(line=self._paragraphs)))


class XmlHandler(Protocol):
    """The expat callbacks a streaming reader of an Office XML part provides."""

    def start(self, name: str, attributes: dict[str, str]) -> None: ...
    def end(self, name: str) -> None: ...
    def data(self, text: str) -> None: ...


def parse_part(xml: bytes, handler: XmlHandler, where: str, what: str) -> None:
    """Stream an XML part of an Office file through ``handler`` in chunks, refusing any DTD.

    ``what`` names the XML in the message if it is damaged ("the Word document's XML").
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd  # type: ignore[assignment]
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    parser.buffer_text = True
    try:
        for offset in range(0, len(xml), _CHUNK):
            parser.Parse(xml[offset : offset + _CHUNK], False)  # noqa: FBT003
        parser.Parse(b"", True)  # noqa: FBT003
    except ParseError as error:
        raise ParseError(error.what, where=where) from None
    except expat.ExpatError as error:
        raise ParseError(
            f"{what} is damaged ({expat.errors.messages[error.code]}, "
            f"line {error.lineno}); the file may be truncated",
            where=where,
        ) from None


def _parse_body(xml: bytes, where: str) -> list[SourceLine]:
    reader = _BodyReader()
    parse_part(xml, reader, where, "the Word document's XML")
    return reader.lines


def _read_main_part(archive: zipfile.ZipFile, where: str) -> bytes:
    part = _main_part(archive) or "word/document.xml"
    if part not in archive.NameToInfo:
        raise ParseError("a zip file without word/document.xml: not a Word document", where=where)
    return _read_capped(archive, part, where)


def read_zip(
    source: bytes | BinaryIO, where: str, kind: str, read: Callable[[zipfile.ZipFile], T]
) -> T:
    """``read`` applied to an Office file's zip archive; any failure a :class:`ParseError`.

    ``kind`` names the file in messages ("Word file", "workbook").
    """
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        _check_entry_count(data)
        with zipfile.ZipFile(data) as archive:
            return read(archive)
    except ParseError as error:
        raise ParseError(error.what, where=where) from None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as error:
        raise ParseError(
            f"not a readable {kind}: the zip archive is damaged or truncated ({error})",
            where=where,
        ) from None
    except RuntimeError as error:  # zipfile's word for an encrypted entry
        raise ParseError(f"the {kind} is encrypted: {error}", where=where) from None


def read_docx(source: bytes | BinaryIO, *, name: str | None = None) -> SourceDocument:
    """Read a ``.docx`` file (its bytes or an open binary file) into lines of cells."""
    where = name or "Word document"
    xml = read_zip(source, where, "Word file", lambda archive: _read_main_part(archive, where))
    lines = _parse_body(xml, where)
    return SourceDocument(SourceKind.DOCX, tuple(lines), name)
