"""The OCR engine behind the image front end: RapidOCR (PP-OCRv4 models shipped in its wheel).

Settings measured on the corpus (docs/reading.md): the angle classifier off (it turned lone
digits upside down) and the detector's box threshold lowered to 0.3 (lone ``0`` and ``1`` were
missed at the default 0.5). Confidence does not separate wrong readings from right ones, so no
score threshold is trusted here: the form's identities verify the numbers afterwards
(:mod:`govinfo_report.parse._ocr_verify`).

The engine is the optional extra ``govinfo-report[ocr]``; nothing is downloaded at run time.
One engine per thread (ONNX Runtime sessions are thread-safe, but the engine keeps per-call
state), each using ``threads`` cores.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, NamedTuple

import numpy as np

from govinfo_report.errors import ParseError

__all__ = ["Box", "load_engine", "read_boxes", "recognize"]

BOX_THRESHOLD = 0.3
"""The detector's box threshold: lower than RapidOCR's 0.5 so that lone digits are found."""
_MAX_SIDE = 2000
"""The longest side the detector sees unscaled; taller images are read in bands."""
_state = threading.local()


class Box(NamedTuple):
    """A run of text found on an image: its corners (pixels, clockwise from top left)."""

    corners: tuple[tuple[float, float], ...]
    text: str
    score: float


def load_engine(threads: int = 1, where: str | None = None) -> Any:  # noqa: ANN401 - untyped
    """This thread's RapidOCR engine, or a ParseError naming the extra that installs it."""
    engine = getattr(_state, "engine", None)
    if engine is not None and _state.threads == threads:
        return engine
    try:
        from rapidocr_onnxruntime import RapidOCR  # noqa: PLC0415 - an optional dependency
    except ImportError:
        raise ParseError(
            "reading scanned reports and images needs the optional OCR engine: "
            "pip install 'govinfo-report[ocr]'",
            where=where,
        ) from None
    # RapidOCR logs every call at INFO level; a library stays quiet.
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    engine = RapidOCR(
        use_cls=False,
        max_side_len=_MAX_SIDE,
        intra_op_num_threads=threads,
        inter_op_num_threads=1,
    )
    _state.engine, _state.threads = engine, threads
    return engine


def read_boxes(engine: Any, image: np.ndarray) -> list[Box]:  # noqa: ANN401
    """The text boxes of an RGB image (height × width × 3), top to bottom."""
    result, _elapsed = engine(image, box_thresh=BOX_THRESHOLD)
    if not result:
        return []
    return [
        Box(tuple((float(x), float(y)) for x, y in corners), str(text), float(score))
        for corners, text, score in result
    ]


def recognize(engine: Any, crops: list[np.ndarray]) -> list[tuple[str, float]]:  # noqa: ANN401
    """Recognition alone on cropped images (one text line each): ``(text, score)`` per crop."""
    if not crops:
        return []
    results, _elapsed = engine.text_rec(crops, False)  # noqa: FBT003 - RapidOCR's signature
    return [(str(text), float(score)) for text, score, *_rest in results]
