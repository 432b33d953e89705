"""Pages as images: image files (PNG, JPEG, TIFF, WebP) and the pages of a scanned PDF.

Every limit is checked before pixels are decoded: an image's size comes from its header, so a
20,000 × 20,000 image or a TIFF bomb costs a header read, never gigabytes. A truncated or
damaged file is a :class:`ParseError` naming the page, not a traceback from deep inside Pillow.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from govinfo_report.errors import ParseError
from govinfo_report.parse._pdf import damaged_page

__all__ = ["MAX_IMAGE_PAGES", "MAX_PIXELS", "PageImage", "image_pages", "pdf_pages"]

MAX_PIXELS = 40_000_000
"""The most pixels a page may have (a 300 dpi A3 scan has 17 million; a phone photo 12–48)."""
MAX_IMAGE_PAGES = 60
"""The most pages read through OCR: a report runs to a few dozen, and each page costs seconds."""
DEFAULT_DPI = 150.0
"""The resolution assumed when an image does not state its own (screenshots, photos)."""
_MIN_DPI, _MAX_DPI = 50.0, 1200.0


class PageImage(NamedTuple):
    """One page to read: its number (1-based), its RGB pixels, and its resolution."""

    number: int
    pixels: np.ndarray
    dpi: float


def _pillow(where: str | None) -> Any:  # noqa: ANN401 - the module is typed loosely
    try:
        from PIL import Image  # noqa: PLC0415 - an optional dependency
    except ImportError:
        raise ParseError(
            "reading images needs the optional OCR engine: pip install 'govinfo-report[ocr]'",
            where=where,
        ) from None
    return Image


def _check_size(width: int, height: int, where: str) -> None:
    if width * height > MAX_PIXELS:
        raise ParseError(
            f"the image is {width:,} × {height:,} pixels, over the limit of {MAX_PIXELS:,} "
            "pixels a page: a scanned page at 300 dpi has under 9 million; scale it down first",
            where=where,
        )
    if min(width, height) < 32:
        raise ParseError(f"the image is {width} × {height} pixels: too small to read", where=where)


def _dpi(info: dict[str, Any]) -> float:
    """The resolution an image states, if it is plausible for a page (else the default)."""
    stated = info.get("dpi")
    value = stated[0] if isinstance(stated, tuple) and stated else DEFAULT_DPI
    return float(value) if _MIN_DPI <= float(value) <= _MAX_DPI else DEFAULT_DPI


def image_pages(data: bytes, where: str, first: int = 1) -> Iterator[PageImage]:
    """The frames of an image file as pages numbered from ``first``, each checked then decoded."""
    image_module = _pillow(where)
    with warnings.catch_warnings():
        # Pillow's own bomb check warns, then raises: both are turned into one clear refusal,
        # though the size check below comes first.
        warnings.simplefilter("error", image_module.DecompressionBombWarning)
        try:
            image = image_module.open(io.BytesIO(data))
        except (image_module.DecompressionBombError, image_module.DecompressionBombWarning):
            # Pillow measured the header's size against its own limit, above ours.
            raise ParseError(
                f"the image is over the limit of {MAX_PIXELS:,} pixels a page, by far (a "
                "decompression bomb?); a scanned page at 300 dpi has under 9 million",
                where=where,
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise ParseError(
                "not a readable image: its header is damaged or of no format read here",
                where=where,
            ) from None
        with image:
            frames = getattr(image, "n_frames", 1)
            if first - 1 + frames > MAX_IMAGE_PAGES:
                raise _too_many_pages(first - 1 + frames, where)
            for frame in range(frames):
                page_where = f"{where}, page {first + frame}" if frames > 1 else where
                try:
                    image.seek(frame)
                    _check_size(image.size[0], image.size[1], page_where)
                    pixels = np.asarray(image.convert("RGB"))
                except (
                    OSError,
                    SyntaxError,
                    ValueError,
                    image_module.DecompressionBombWarning,
                    image_module.DecompressionBombError,
                ) as error:
                    raise ParseError(
                        f"not a readable image: the file is damaged or truncated ({error})",
                        where=page_where,
                    ) from None
                yield PageImage(first + frame, pixels, _dpi(image.info))


def pdf_pages(
    pdfium: Any,  # noqa: ANN401 - pypdfium2, loaded by the PDF reader
    source: bytes | str | os.PathLike[str],
    where: str,
    dpi: float = DEFAULT_DPI,
) -> Iterator[PageImage]:
    """The pages of a PDF rendered at ``dpi`` (less for a page too large at that resolution)."""
    document = pdfium.PdfDocument(source if isinstance(source, bytes) else Path(source))
    try:
        count = len(document)
        if count > MAX_IMAGE_PAGES:
            raise _too_many_pages(count, where)
        for index in range(count):
            page = document[index]
            try:
                width, height = page.get_size()
                scale = dpi / 72
                if width * height * scale * scale > MAX_PIXELS:
                    scale = (MAX_PIXELS / max(width * height, 1.0)) ** 0.5
                bitmap = page.render(scale=scale)
                pixels = np.asarray(bitmap.to_pil().convert("RGB"))
                bitmap.close()
            except pdfium.PdfiumError:
                raise damaged_page(where, index + 1) from None
            finally:
                page.close()
            yield PageImage(index + 1, pixels, scale * 72)
    finally:
        document.close()


def _too_many_pages(count: int, where: str) -> ParseError:
    return ParseError(
        f"{count} pages of images: OCR reads at most {MAX_IMAGE_PAGES} pages (a report runs to "
        "a few dozen, and each page costs seconds); split the file",
        where=where,
    )
