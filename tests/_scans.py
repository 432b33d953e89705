"""Scans made from the corpus: PDF pages rendered to images, degraded deterministically.

A degradation imitates what a scanner or a phone does to a printed page: a slight turn, blur,
sensor noise, JPEG compression, and a red seal stamped over part of a table. Each is a pure
function of the page image and a fixed seed, so the same scans come out on every machine.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from govinfo_report import from_dict, to_dict
from govinfo_report.model import Report
from govinfo_report.serialize import FORMAT_KEY

SOURCES = Path(__file__).parent / "corpus" / "sources"
EXPECTED = Path(__file__).parent / "corpus" / "expected"
CORPUS_PDFS = tuple(sorted(SOURCES.glob("*.pdf")))
DPI = 150


def render_pdf(path: Path, dpi: int = DPI) -> list[Image.Image]:
    """The pages of a PDF as RGB images at ``dpi``."""
    import pypdfium2  # noqa: PLC0415 - the [pdf] extra

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [
            document[index].render(scale=dpi / 72).to_pil().convert("RGB")
            for index in range(len(document))
        ]
    finally:
        document.close()


def _jpeg(image: Image.Image, quality: int = 60) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def rotated(image: Image.Image, degrees: float = 1.5) -> Image.Image:
    """Turned by ``degrees`` (counter-clockwise), white where the page uncovered."""
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor="white")


def blurred(image: Image.Image) -> Image.Image:
    """Out of focus by a Gaussian of radius 1 pixel."""
    return image.filter(ImageFilter.GaussianBlur(1.0))


def noisy(image: Image.Image, seed: int = 14) -> Image.Image:
    """Sensor noise (σ = 12 levels, fixed seed), then JPEG at quality 60."""
    pixels = np.asarray(image).astype(np.int16)
    noise = np.random.default_rng(seed).normal(0, 12, pixels.shape).astype(np.int16)
    return _jpeg(Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8)))


def stamped(image: Image.Image) -> Image.Image:
    """A red seal (a thick ring around a star) printed over the right half of the page.

    Seal ink is translucent: it is multiplied into the page, so black type shows through.
    """
    seal = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(seal)
    width, height = image.size
    centre_x, centre_y, radius = int(width * 0.7), int(height * 0.55), int(width * 0.12)
    box = (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)
    draw.ellipse(box, outline=(215, 40, 40), width=max(radius // 12, 4))
    draw.regular_polygon((centre_x, centre_y, radius // 3), 5, fill=(215, 40, 40))
    return ImageChops.multiply(image.convert("RGB"), seal)


def scanned(image: Image.Image) -> Image.Image:
    """A scan: a seal, a half-degree turn, blur, noise and JPEG at quality 60."""
    return noisy(blurred(rotated(stamped(image), 0.5)))


DEGRADATIONS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "clean": lambda image: image,
    "rotated 1.5°": rotated,
    "blurred": blurred,
    "noise + JPEG q60": noisy,
    "red seal": stamped,
    "all (0.5° + blur + noise + JPEG + seal)": scanned,
}


def png_bytes(image: Image.Image, dpi: int = DPI) -> bytes:
    """The image as a PNG file stating its resolution."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def expected_report(stem: str) -> Report:
    """The corpus's expected values of a source as a report."""
    from _corpus import corpus_document  # noqa: PLC0415 - the corpus helper

    return from_dict(corpus_document(json.loads((EXPECTED / f"{stem}.json").read_text("utf-8"))))


def table_cells(report: Report) -> Iterator[tuple[str, Any]]:
    """(path, value) of every table cell of a report."""

    def walk(node: object, path: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key != FORMAT_KEY:
                    yield from walk(value, f"{path}.{key}")
        else:
            yield path, node

    data = to_dict(report)
    for key in ("proactive_disclosure", "requests", "review_litigation"):
        yield from walk(data[key], f"$.{key}")


def score(read: Report, expected: Report) -> tuple[int, int, int]:
    """(right, wrong, missing) cells of ``read`` against ``expected``.

    A cell is right when it equals the expected value (blank for blank), wrong when it holds a
    different number, missing when it is blank where a number was printed.
    """
    right = wrong = missing = 0
    found = dict(table_cells(read))
    for path, value in table_cells(expected):
        got = found.get(path)
        if (got is not None and value is not None and Decimal(got) == Decimal(value)) or (
            got is None and value is None
        ):
            right += 1
        elif got is None:
            missing += 1
        else:
            wrong += 1
    return right, wrong, missing
