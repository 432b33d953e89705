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
_MIN_SCORE = 0.5
"""RapidOCR's own floor on a recognised text's score (text_score): below it, noise."""
_WIDE = 4
_ORIENTATION_SAMPLE = 12
"""Text lines at least _WIDE times as wide as tall, the widest first, asked for the page's
orientation."""
_SURE = 0.9
_state = threading.local()
_DETECTING = threading.Lock()
"""One detection at a time in the process, by one engine: the detector holds about 400 MB of
activations for an A4 page at 150 dpi, and ONNX Runtime keeps them in its session's memory
arena, so two pages detected at once, or by two engines, doubled the peak (1.9 GB with
``jobs=2``). Recognition, most of a page's time, still runs in parallel, one engine a thread."""
_detector: list[Any] = []
"""The engine every thread detects with: the first one loaded in the process."""


class Box(NamedTuple):
    """A run of text found on an image: its corners (pixels, clockwise from top left)."""

    corners: tuple[tuple[float, float], ...]
    text: str
    score: float
    centres: tuple[float, ...] = ()
    """Where the recogniser saw each character of ``text``: its centre, as a share of the box's
    width from the left (empty when unknown). A run of text the detector boxed over several
    table cells is cut apart by these (:func:`~govinfo_report.parse._ocr_geometry.box_chars`)."""


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
    with _DETECTING:
        if not _detector:
            _detector.append(engine)
    return engine


def read_boxes(
    engine: Any,  # noqa: ANN401
    image: np.ndarray,
    *,
    check_orientation: bool = True,
) -> list[Box] | None:
    """The text boxes of an RGB image (height × width × 3); None when its text is upside down.

    Detection, then (with ``check_orientation``) the angle classifier on the widest boxes only
    (where it is reliable, unlike on lone digits), then recognition of every box.
    """
    with _DETECTING:
        detector = _detector[0] if _detector else engine
        found, _elapsed = detector(image, use_rec=False, use_cls=False, box_thresh=BOX_THRESHOLD)
    if not found:
        return []
    corners = np.array(found, dtype=np.float32)
    crops = engine.get_crop_img_list(image, corners)
    if check_orientation and _upside_down(engine, crops):
        return None
    # With word boxes: the CTC columns where each character was decoded come along.
    results, _elapsed = engine.text_rec(crops, True)  # noqa: FBT003 - RapidOCR's signature
    return [
        Box(tuple((float(x), float(y)) for x, y in box), str(text), float(score), _centres(rest))
        for box, (text, score, *rest) in zip(corners.tolist(), results, strict=True)
        if float(score) >= _MIN_SCORE and str(text).strip()
    ]


def _centres(word_info: list[Any]) -> tuple[float, ...]:
    """Each character's centre as a share of its crop's width, from RapidOCR's word info.

    The info is ``[columns, words, words' columns, …]``: the CTC output columns covering the
    crop, and for each decoded character the column it was decoded at.
    """
    if not word_info or not word_info[0]:
        return ()
    columns, _words, word_columns, *_rest = word_info[0]
    return tuple((column + 0.5) / columns for word in word_columns for column in word)


def _upside_down(engine: Any, crops: list[np.ndarray]) -> bool:  # noqa: ANN401
    """Whether most of the widest text lines read upside down to the angle classifier."""
    wide = [crop for crop in crops if crop.shape[1] >= _WIDE * crop.shape[0]]
    wide.sort(key=lambda crop: -crop.shape[1])
    if len(wide) < _ORIENTATION_SAMPLE // 2:
        return False
    _turned, labels, _elapsed = engine.text_cls(wide[:_ORIENTATION_SAMPLE])
    votes = sum(1 if label == "180" and score > _SURE else -1 for label, score in labels)
    return votes > 0


def recognize(engine: Any, crops: list[np.ndarray]) -> list[tuple[str, float]]:  # noqa: ANN401
    """Recognition alone on cropped images (one text line each): ``(text, score)`` per crop."""
    if not crops:
        return []
    results, _elapsed = engine.text_rec(crops, False)  # noqa: FBT003 - RapidOCR's signature
    return [(str(text), float(score)) for text, score, *_rest in results]
