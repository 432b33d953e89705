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
from collections.abc import Sequence

import cv2
import numpy as np

from govinfo_report.parse._ocr_engine import Box
from govinfo_report.parse._pdf import Char
from govinfo_report.parse._pdf_tables import Rule

__all__ = [
    "box_chars",
    "ink",
    "rotate_boxes",
    "skew_degrees",
    "straighten",
    "table_rules",
    "without_rules",
]

_MAX_SKEW = 8.0
"""Degrees; a page turned further is not a skewed scan but a page on its side."""
_MIN_SKEW = 0.05
_LONG_BOX = 3.0
"""A box this many times wider than tall has a slope worth measuring."""
_INK = 150
"""A pixel darker than this (0–255) in the red channel is ink; a red seal is not."""
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


def box_chars(boxes: Sequence[Box], scale: float) -> list[Char]:
    """Characters in points, each box's text spread evenly over the box's width.

    The detector finds runs of text, not characters; spreading a run's characters over its box
    keeps the run whole (its characters touch) while a table's grid can still cut a run that
    strays over a cell border.
    """
    chars: list[Char] = []
    for box in boxes:
        text = "".join(box.text.split())
        if not text:
            continue
        xs = [x for x, _y in box.corners]
        ys = [y for _x, y in box.corners]
        left, right = min(xs) * scale, max(xs) * scale
        top, bottom = min(ys) * scale, max(ys) * scale
        step = (right - left) / len(text)
        chars.extend(
            Char(char, left + index * step, left + (index + 1) * step, top, bottom)
            for index, char in enumerate(text)
        )
    return chars


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
