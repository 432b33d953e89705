"""Page geometry of an image: skew from the text boxes, table rules from the pixels.

A scan is rarely straight. The text boxes the detector returns are quadrilaterals, so the page's
skew is the median slope of the long boxes; boxes and image are turned back by it, and from then
on the page is read as the PDF reader reads a page: characters with boxes, and the thin lines
that draw table borders as :class:`~govinfo_report.parse._pdf_tables.Rule` objects, so the PDF
reader's grid rebuilding (merged cells, blank cells kept in their columns) serves scans too.

Positions are turned into points (1/72 inch) at the image's resolution, so locations read alike
from a scan and from the PDF it was printed from.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import cv2
import numpy as np

from govinfo_report.parse._ocr_engine import Box
from govinfo_report.parse._pdf import Char
from govinfo_report.parse._pdf_tables import Rule

__all__ = [
    "box_chars",
    "ink",
    "is_chinese",
    "rotate_boxes",
    "skew_degrees",
    "straighten",
    "table_rules",
    "without_rules",
    "without_seal",
]

_MAX_SKEW = 8.0
"""Degrees; a page turned further is not a skewed scan but a page on its side."""
_MIN_SKEW = 0.05
_LONG_BOX = 3.0
"""A box this many times wider than tall has a slope worth measuring."""
_INK = 150
"""A pixel darker than this (0–255) in the red channel is ink; a red seal is not."""
_REDNESS = 48
"""Levels (0–255) by which a pixel's red exceeds its green and blue under red ink. Black type
and paper have the three alike, within a scan's noise (σ 12 a channel: 48 is about three σ of
the difference); a grey figure under a seal (red 126, green 23) is far above it."""
_RED_SHARE = 0.001
"""A page holds red ink when at least this share of its pixels is red (a seal is about 4 %)."""
_SAMPLE = 4
"""Red ink is looked for in every 4th row and column of a page first."""
_RULE_CONTRAST = 45
"""A pixel this much darker (0–255) than its neighbourhood belongs to a rule, if it lies on a
long thin line: measured against the neighbourhood, not white, so that borders drawn across a
shaded header row are found as on white paper (a blurred border beside shading stands about
50 darker)."""
_RULE_WIDEST = 2.0
"""Points: the neighbourhood closes over lines up to twice this thick; a seal's ring (about
6 points thick, pale in the red channel) is not closed over, so it is not taken for a rule."""
_RULE_FRACTION = 40
"""A rule is at least 1/40 of the page's width (or height) long."""
_THICKEST = 3.5
"""Points: a border drawn thicker than this (after blur) is not a table's."""
_RULE_POINTS = 1.0
"""Rules are given this thick, whatever blur did to them: the grid needs only their middles."""


def ink(image: np.ndarray) -> np.ndarray:
    """The red channel of an RGB image: black type stays dark, a red seal turns pale."""
    return np.ascontiguousarray(image[:, :, 0])


def without_seal(image: np.ndarray, red: np.ndarray) -> np.ndarray | None:
    """The red channel ``red`` with red ink lifted to paper; None when the page holds none.

    In the red channel a red seal is pale, not gone: its ink darkens paper by about a sixth,
    and a blurred thin figure under its ring hardly stands out from that grey. Pixels under red
    ink (red above green and blue by :data:`_REDNESS`) are divided by the ink's own red level
    (their median), so the seal over paper becomes paper and a figure under it the grey it has
    beside it.
    """
    if _red_share(image[::_SAMPLE, ::_SAMPLE], red[::_SAMPLE, ::_SAMPLE]) < _RED_SHARE:
        # Looked for in every 4th row and column: a page of black type costs a few ms.
        return None
    sealed = _redness(image, red) >= _REDNESS
    under = red[sealed].astype(np.float32)
    lifted = red.copy()
    lifted[sealed] = np.clip(under * (255 / max(float(np.median(under)), 1.0)), 0, 255)
    return lifted


def _redness(image: np.ndarray, red: np.ndarray) -> np.ndarray:
    """How far each pixel's red stands above its green and blue (negative: not red)."""
    redness: np.ndarray = red.astype(np.int16) - np.maximum(image[:, :, 1], image[:, :, 2])
    return redness


def _red_share(image: np.ndarray, red: np.ndarray) -> float:
    return float(np.count_nonzero(_redness(image, red) >= _REDNESS)) / max(red.size, 1)


def skew_degrees(boxes: Sequence[Box]) -> float:
    """The page's skew: the median slope of its long text boxes (clockwise positive), or 0."""
    slopes = []
    for box in boxes:
        (left, top), (right, top_right) = box.corners[0], box.corners[1]
        width = right - left
        height = abs(box.corners[3][1] - top)
        if width > _LONG_BOX * max(height, 1.0):
            slopes.append(math.degrees(math.atan2(top_right - top, width)))
    if len(slopes) < 3:
        return 0.0
    angle = statistics.median(slopes)
    return angle if _MIN_SKEW <= abs(angle) <= _MAX_SKEW else 0.0


def straighten(channel: np.ndarray, degrees: float) -> np.ndarray:
    """The image turned back by ``degrees`` about its centre (white where nothing was)."""
    if not degrees:
        return channel
    height, width = channel.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(
        channel, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255,)
    )


def rotate_boxes(boxes: Sequence[Box], degrees: float, width: int, height: int) -> list[Box]:
    """The boxes as they lie on the image :func:`straighten` returns."""
    if not degrees:
        return list(boxes)
    theta = math.radians(degrees)
    cos, sin = math.cos(theta), math.sin(theta)
    centre_x, centre_y = width / 2, height / 2
    turned = []
    for box in boxes:
        corners = tuple(
            (
                centre_x + (x - centre_x) * cos + (y - centre_y) * sin,
                centre_y - (x - centre_x) * sin + (y - centre_y) * cos,
            )
            for x, y in box.corners
        )
        turned.append(box._replace(corners=corners))
    return turned


def box_chars(boxes: Sequence[Box], scale: float, channel: np.ndarray | None = None) -> list[Char]:
    """Characters in points, each box's text spread over the ink it was read from.

    The detector finds runs of text, not characters, and on a table drawn without borders it
    boxes neighbouring cells together (``商业企业 科研机构 社会公益组织``). Given the page
    (``channel``), a box is cut where its ink leaves a gap between two cells, each character
    going to the piece where the recogniser saw it (:attr:`Box.centres`); a piece's characters
    are spread evenly over it. Without the page, over the whole box.
    """
    chars: list[Char] = []
    for box in boxes:
        xs = [x for x, _y in box.corners]
        ys = [y for _x, y in box.corners]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        placed = _placed(box, left, right)
        if not placed:
            continue
        for text, start, end in _pieces(placed, (left, top, right, bottom), channel):
            step = (end - start) / len(text)
            chars.extend(
                Char(
                    char,
                    (start + index * step) * scale,
                    (start + (index + 1) * step) * scale,
                    top * scale,
                    bottom * scale,
                )
                for index, char in enumerate(text)
            )
    return chars


class _Placed(NamedTuple):
    char: str
    centre: float
    """Pixels: where the recogniser saw the character."""
    after_space: bool
    """Whether the recogniser read a space just before it."""


def _placed(box: Box, left: float, right: float) -> list[_Placed]:
    """A box's visible characters where the recogniser saw them (else spread evenly)."""
    width = right - left
    if len(box.centres) == len(box.text):
        centres = [left + share * width for share in box.centres]
    else:
        step = width / max(len(box.text), 1)
        centres = [left + (index + 0.5) * step for index in range(len(box.text))]
    placed: list[_Placed] = []
    after_space = False
    for char, centre in zip(box.text, centres, strict=True):
        if char.isspace():
            after_space = True
            continue
        placed.append(_Placed(char, centre, after_space))
        after_space = False
    return placed


_PIECE_GAP = 0.24
"""A gap in a box's ink this wide (share of the box's height) may part two cells: the blank
between two words of a header is about 0.25 of it, between two characters of a word 0.15."""


def _parts(before: str, after: _Placed) -> bool:
    """Whether an ink gap between two characters of one box may part two cells.

    Only between Chinese characters and figures, or where the recogniser read a space: Latin
    letters and figures (``11``) leave wide gaps between their strokes, and full-width
    punctuation a blank beside it (its ink stands at one side of its square, or in its middle).
    """
    if after.after_space:
        return True
    if unicodedata.category(before)[0] == "P" or unicodedata.category(after.char)[0] == "P":
        return False
    return is_chinese(before) or is_chinese(after.char)


def is_chinese(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _pieces(
    placed: Sequence[_Placed],
    rectangle: tuple[float, float, float, float],
    channel: np.ndarray | None,
) -> list[tuple[str, float, float]]:
    """A box's text cut where its ink has a gap between two cells: (text, left, right) each."""
    left, _top, right, _bottom = rectangle
    spans = _ink_spans(channel, rectangle) if channel is not None else []
    if spans:
        # The detector's boxes stand a few pixels wide of the ink: the ink is where text is.
        left, right = spans[0][0], spans[-1][1]
    if len(spans) < 2 or len(placed) < 2:
        return [("".join(p.char for p in placed), left, right)]
    pieces: list[tuple[str, float, float]] = []
    last_span = -1
    for index, one in enumerate(placed):
        # The span nearest where the recogniser saw the character, never left of the last one.
        span = min(
            range(max(last_span, 0), len(spans)), key=lambda at: _distance(spans[at], one.centre)
        )
        start, end = spans[span]
        if pieces and (span == last_span or not _parts(placed[index - 1].char, one)):
            text, piece_start, _end = pieces[-1]
            pieces[-1] = (text + one.char, piece_start, end)
        else:
            pieces.append((one.char, start, end))
        last_span = span
    return pieces


def _ink_spans(
    channel: np.ndarray, rectangle: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """The runs of ink across a box (pixels), parted by gaps of :data:`_PIECE_GAP` or wider."""
    left, top, right, bottom = rectangle
    row_top, row_bottom = max(round(top), 0), min(round(bottom), channel.shape[0])
    column_left, column_right = max(round(left), 0), min(round(right), channel.shape[1])
    if row_bottom <= row_top or column_right <= column_left:
        return []
    inked = np.flatnonzero(
        (channel[row_top:row_bottom, column_left:column_right] < _INK).any(axis=0)
    )
    if len(inked) == 0:
        return []
    gaps = np.flatnonzero(np.diff(inked) - 1 > _PIECE_GAP * (bottom - top))
    starts = [inked[0], *inked[gaps + 1].tolist()]
    ends = [*inked[gaps].tolist(), inked[-1]]
    return [
        (column_left + float(s), column_left + float(e) + 1)
        for s, e in zip(starts, ends, strict=True)
    ]


def _distance(span: tuple[float, float], x: float) -> float:
    return max(span[0] - x, x - span[1], 0.0)


def _line_masks(channel: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The long thin dark lines of a page: the horizontal ones, and the vertical ones (0/1).

    ``scale``: points per pixel.
    """
    height, width = channel.shape[:2]
    # The neighbourhood is the page with its thin dark lines closed over (a black-hat): a
    # shaded cell is its own background, so its fill is not taken for a thick border.
    # Rules are fainter than type once blurred: a light contrast still counts here.
    side = 2 * round(_RULE_WIDEST / scale) + 1
    contrast = cv2.morphologyEx(
        channel, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    )
    dark = (contrast > _RULE_CONTRAST).astype(np.uint8)
    masks = []
    for kernel in ((max(width // _RULE_FRACTION, 8), 1), (1, max(height // _RULE_FRACTION, 8))):
        # Closing first bridges the gaps noise and JPEG leave in a rule.
        bridged = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((3, 3)[::-1], np.uint8))
        masks.append(cv2.morphologyEx(bridged, cv2.MORPH_OPEN, np.ones(kernel[::-1], np.uint8)))
    return masks[0], masks[1]


def without_rules(channel: np.ndarray, scale: float) -> np.ndarray:
    """The page with its rules painted white: cells cropped from it hold their text alone."""
    across, down = _line_masks(channel, scale)
    mask = cv2.dilate(across | down, np.ones((3, 3), np.uint8))
    cleaned = channel.copy()
    cleaned[mask > 0] = 255
    return cleaned


def table_rules(channel: np.ndarray, scale: float) -> list[Rule]:
    """The long thin dark lines of a straightened page (table borders), in points."""
    rules: list[Rule] = []
    half = _RULE_POINTS / 2
    for lines, across in zip(_line_masks(channel, scale), (True, False), strict=True):
        count, _labels, stats, _centres = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for left, top, wide, tall, area in stats[1:count].tolist():
            # A border is thin on average (where a seal's ring crosses it, only there it is
            # not); a stroke of the ring itself, or a bar of shading, is thick all along.
            if area / (wide if across else tall) * scale > _THICKEST:
                continue
            start, end = left * scale, (left + wide) * scale
            if across:
                middle = (top + tall / 2) * scale
                rules.append(Rule(start, middle - half, end, middle + half))
            else:
                middle = (left + wide / 2) * scale
                rules.append(Rule(middle - half, top * scale, middle + half, (top + tall) * scale))
    return rules
