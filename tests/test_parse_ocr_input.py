"""Bad input to the OCR front end: each a clear ParseError, in bounded time and memory.

Most are refused before a pixel is decoded (sizes come from headers), so they cost no OCR.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="the [ocr] extra is not installed")

import numpy as np
from PIL import Image

from _scans import SOURCES, expected_report, png_bytes, render_pdf, stamped, table_cells
from govinfo_report.parse import ParseError, _ocr_engine, _sniff, parse
from govinfo_report.parse._ocr_images import MAX_IMAGE_PAGES


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG claiming ``width`` × ``height`` pixels, with one row of data (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * (width + 1))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _tiff_bomb(width: int, height: int) -> bytes:
    """A little-endian TIFF whose one strip claims ``width`` × ``height`` 8-bit pixels."""
    entries = [
        (256, 4, 1, width),  # ImageWidth
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height),  # StripByteCounts
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        ifd += struct.pack("<HHII", tag, kind, count, value)
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 16) + b"\x00" * 8 + ifd


def _raises(source: object, *fragments: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse(source)  # type: ignore[arg-type]
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message
    return message


def test_huge_image_is_refused_before_decoding() -> None:
    _raises(_png_header_only(20_000, 20_000), "over the limit of 40,000,000 pixels")
    # Under Pillow's own bomb limit, over ours: refused by the header's size all the same.
    _raises(_png_header_only(9_000, 9_000), "9,000 × 9,000 pixels", "over the limit")


def test_tiff_bomb_is_refused_before_decoding() -> None:
    _raises(_tiff_bomb(50_000, 50_000), "over the limit")
    _raises(_tiff_bomb(8_000, 8_000), "8,000 × 8,000 pixels")


def test_truncated_png_names_the_damage() -> None:
    image = Image.fromarray(np.full((200, 300, 3), 255, np.uint8))
    data = png_bytes(image)
    _raises(data[: len(data) // 2], "not a readable image")


def test_png_of_garbage_is_not_readable() -> None:
    _raises(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a readable image")


def test_tiny_image_is_refused() -> None:
    _raises(png_bytes(Image.new("RGB", (20, 10), "white")), "too small")


def test_too_many_image_pages_are_refused_before_ocr() -> None:
    pages = [Image.new("L", (64, 64), "white") for _ in range(300)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:])
    _raises(buffer.getvalue(), "300 pages of images", f"at most {MAX_IMAGE_PAGES}")


def test_photo_without_a_report_is_refused() -> None:
    rng = np.random.default_rng(3)
    # A "photo": smooth colour gradients with a few blobs, no text.
    y, x = np.mgrid[0:600, 0:800]
    pixels = np.stack([x * 255 // 800, y * 255 // 600, (x + y) * 255 // 1400], axis=2)
    pixels = (pixels + rng.normal(0, 4, pixels.shape)).clip(0, 255).astype(np.uint8)
    _raises(png_bytes(Image.fromarray(pixels)), "no")


def test_upside_down_page_is_turned_and_read() -> None:
    stem = "2024_huaian_hongze_district"
    pages = render_pdf(SOURCES / f"{stem}.pdf")
    # Stamped: the seal taken out of its cells' crops is turned with the page.
    result = parse(png_bytes(stamped(pages[3]).rotate(180)))
    expected = dict(table_cells(expected_report(stem)))
    read = {path: value for path, value in table_cells(result.report) if value is not None}
    # The page holds the end of table 三 and all of table 四: table 四 read, nothing wrong.
    assert sum(path.startswith("$.review_litigation.") for path in read) == 15
    assert {path: value for path, value in read.items() if value != expected[path]} == {}


def test_list_of_images_must_be_images() -> None:
    with pytest.raises(ParseError, match="not an image"):
        parse([b"plain text"])
    with pytest.raises(ParseError, match="no image files"):
        parse([])


def test_without_the_extra_images_and_scans_name_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sniff, "ocr_installed", lambda: False)
    _raises(png_bytes(Image.new("RGB", (100, 100), "white")), "govinfo-report[ocr]")
    buffer = io.BytesIO()
    Image.new("L", (64, 64), "white").save(buffer, "PDF")
    _raises(buffer.getvalue(), "no text layer", "govinfo-report[ocr]")
    with pytest.raises(ParseError, match=r"govinfo-report\[ocr\]"):
        parse([png_bytes(Image.new("RGB", (100, 100), "white"))])


def test_blank_image_files_read_in_order_hold_no_text(tmp_path: Path) -> None:
    paths = []
    for number in (1, 2):
        path = tmp_path / f"page{number}.png"
        path.write_bytes(png_bytes(Image.new("RGB", (300, 400), "white")))
        paths.append(path)
    _raises(paths, "OCR found no text on the 2 page(s)")
    with pytest.raises(ParseError, match="cannot open the file"):
        parse([tmp_path / "missing.png"])
    with pytest.raises(ParseError, match="not an image"):
        parse(["a line of text, not a file"])


def test_huge_blank_pdf_page_is_rendered_scaled_down() -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=14_400, height=14_400)
    buffer = io.BytesIO()
    writer.write(buffer)
    _raises(buffer.getvalue(), "no text layer", "OCR found no text on the 1 page(s)")


def test_without_the_engine_installed_the_extra_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setattr(_ocr_engine._state, "engine", None, raising=False)
    with pytest.raises(ParseError, match=r"govinfo-report\[ocr\]"):
        _ocr_engine.load_engine(1, "scan.png")


def _blank_tiff(pages: int) -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (200, 280), "white") for _ in range(pages)]
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def test_cli_shows_pages_read_through_ocr_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal, `parse` shows the pages OCR has read (a scan takes seconds a page).

    Blank pages cost no OCR: the bar counts them, then the file is refused as holding no text.
    """
    from cli_runner import invoke  # noqa: PLC0415 - the CLI's test helper

    scan = tmp_path / "scan.tiff"
    scan.write_bytes(_blank_tiff(3))
    terminal = invoke("parse", str(scan), env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert "OCR, pages read" in terminal.stderr
    assert "3/?" in terminal.stderr
    assert "OCR found no text on the 3 page(s)" in terminal.stderr
    plain = invoke("parse", str(scan))
    assert "OCR, pages read" not in plain.stderr
    assert "OCR found no text on the 3 page(s)" in plain.stderr
