"""The PDFium calls the PDF reader makes once per character or page object, in bulk and cheap.

pypdfium2 declares every argument of its functions with a ctypes type, so each call converts
each argument through that type's ``from_param`` and wraps a returned handle in a new pointer
object: for calls made once per character or page object (thousands per report) that costs
several times PDFium's own work. Here the few such functions of the library pypdfium2 has loaded
are declared once more, from PDFium's headers, with their result type only: arguments then pass
as they are, a handle as a ``c_void_p`` holding its address, an index as a Python ``int`` (a C
``int``, which the headers declare), an output buffer as a ``byref`` into one array. ``map``
calls them over a whole page without a Python loop.

Lifetime. A ``c_void_p`` borrows a handle exactly as pypdfium2's own pointer objects do: neither
keeps alive what it points to. A text page or page handle is valid while the pypdfium2 object
owning it (``PdfTextPage``, ``PdfPage``) is open, and the handle of a page object while its page
is. The functions below therefore take the owning pypdfium2 object itself, hold it (a parameter)
for as long as they use its handle, and let no text page or page handle out. The handles of page
objects they return are borrowed from the page: the caller uses them only while it holds the
page (see :func:`govinfo_report.parse._pdf_tables.page_rules`).

When the declarations cannot be made (a pypdfium2 that exposes a function differently, or not at
all), :func:`pdfium_calls` gives the same operations through pypdfium2's own declarations: slower,
same results.
"""

from __future__ import annotations

import array
import ctypes
import functools
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, NamedTuple

__all__ = ["PdfiumCalls", "pdfium_calls"]


class _Handle(ctypes.c_void_p):
    """A borrowed PDFium handle: a subclass, so that ctypes returns it as is, not as an int."""


Handle = Any
"""The handle of a page object (a ``_Handle``, or pypdfium2's pointer), borrowed from its page."""


class PdfiumCalls(NamedTuple):
    """PDFium operations on a text page, a page or page objects, done in bulk."""

    loose_boxes: Callable[[Any, Sequence[int]], list[float]]
    """The loose boxes (``FPDFText_GetLooseCharBox``) of the characters of a ``PdfTextPage`` at
    the given indexes, one list of floats: left, top, right, bottom for each."""
    page_objects: Callable[[Any], tuple[list[Handle], list[int]]]
    """The objects of a ``PdfPage`` and their types (``FPDF_PAGEOBJ_*``)."""
    form_objects: Callable[[Handle], tuple[list[Handle], list[int]]]
    """The objects of a form object and their types."""
    bounds: Callable[[Sequence[Handle]], list[float | None]]
    """The bounds (``FPDFPageObj_GetBounds``) of page objects, one list of floats: left, bottom,
    right, top for each (``None`` four times for an object PDFium gives no bounds)."""


def _function(raw: Any, name: str, result: Any, arguments: int) -> Any:  # noqa: ANN401
    """PDFium's ``name`` with its result type only (arguments pass as they are)."""
    declared = getattr(raw, name)
    entry = ctypes.cast(declared, ctypes.c_void_p).value
    # Where pypdfium2 declares another number of arguments, the library is not the one the
    # headers describe: its own declarations are used instead.
    if entry is None or len(declared.argtypes) != arguments:
        message = f"{name} is not the function PDFium's headers declare"
        raise TypeError(message)
    # A function pointer of pypdfium2's own class, hence of the calling convention it loaded
    # PDFium with; pypdfium2 keeps the library loaded for as long as its module is imported.
    function = type(declared)(entry)
    function.restype = result
    return function


def _declared(raw: Any) -> PdfiumCalls:  # noqa: ANN401 - pypdfium2's raw module
    # FPDF_BOOL FPDFText_GetLooseCharBox(FPDF_TEXTPAGE, int index, FS_RECTF* rect): the result
    # is not read (an index below the count always has a box).
    loose_char_box = _function(raw, "FPDFText_GetLooseCharBox", None, 3)
    # int FPDFPage_CountObjects(FPDF_PAGE); FPDF_PAGEOBJECT FPDFPage_GetObject(FPDF_PAGE, int)
    count_objects = _function(raw, "FPDFPage_CountObjects", ctypes.c_int, 1)
    get_object = _function(raw, "FPDFPage_GetObject", _Handle, 2)
    # int FPDFFormObj_CountObjects(FPDF_PAGEOBJECT);
    # FPDF_PAGEOBJECT FPDFFormObj_GetObject(FPDF_PAGEOBJECT, unsigned long index): rare, so
    # declared with its argument types (an unsigned long is not what a bare int passes as).
    form_count = _function(raw, "FPDFFormObj_CountObjects", ctypes.c_int, 1)
    form_get = _function(raw, "FPDFFormObj_GetObject", _Handle, 2)
    form_get.argtypes = (_Handle, ctypes.c_ulong)
    # int FPDFPageObj_GetType(FPDF_PAGEOBJECT)
    object_type = _function(raw, "FPDFPageObj_GetType", ctypes.c_int, 1)
    # FPDF_BOOL FPDFPageObj_GetBounds(FPDF_PAGEOBJECT, float* left, bottom, right, top)
    get_bounds = _function(raw, "FPDFPageObj_GetBounds", ctypes.c_int, 5)

    def loose_boxes(textpage: Any, indexes: Sequence[int]) -> list[float]:  # noqa: ANN401
        count = len(indexes)
        # PDFium writes into an array.array, which gives its floats back fastest.
        values = array.array("f", bytes(16 * count))
        boxes = (ctypes.c_float * (4 * count)).from_buffer(values)
        # ``textpage`` (a parameter) stays open while its handle is used.
        handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        slots = map(ctypes.byref, repeat(boxes, count), range(0, 16 * count, 16))
        list(map(loose_char_box, repeat(handle, count), indexes, slots))
        return values.tolist()

    def objects(count: int, get: Any, parent: Any) -> tuple[list[Handle], list[int]]:  # noqa: ANN401
        items = list(map(get, repeat(parent, count), range(count)))
        return items, list(map(object_type, items))

    def page_objects(page: Any) -> tuple[list[Handle], list[int]]:  # noqa: ANN401
        # ``page`` (a parameter) stays open while its handle is used; the objects' handles are
        # the caller's to use while it holds the page.
        handle = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
        return objects(count_objects(handle), get_object, handle)

    def form_objects(form: Handle) -> tuple[list[Handle], list[int]]:
        return objects(form_count(form), form_get, form)

    def bounds(items: Sequence[Handle]) -> list[float | None]:
        count = len(items)
        edges = (ctypes.c_float * (4 * count))()
        slots = [
            map(ctypes.byref, repeat(edges, count), range(offset, 16 * count, 16))
            for offset in (0, 4, 8, 12)
        ]
        found = list(map(get_bounds, items, *slots))
        values: list[float | None] = list(edges)
        for index, success in enumerate(found):
            if not success:
                values[4 * index : 4 * index + 4] = [None] * 4
        return values

    return PdfiumCalls(loose_boxes, page_objects, form_objects, bounds)


def _pypdfium2s_own(raw: Any) -> PdfiumCalls:  # noqa: ANN401 - pypdfium2's raw module
    def loose_boxes(textpage: Any, indexes: Sequence[int]) -> list[float]:  # noqa: ANN401
        box = raw.FS_RECTF()
        boxes: list[float] = []
        for index in indexes:
            raw.FPDFText_GetLooseCharBox(textpage.raw, index, box)
            boxes += (box.left, box.top, box.right, box.bottom)
        return boxes

    def page_objects(page: Any) -> tuple[list[Handle], list[int]]:  # noqa: ANN401
        count = raw.FPDFPage_CountObjects(page.raw)
        items = [raw.FPDFPage_GetObject(page.raw, index) for index in range(count)]
        return items, [raw.FPDFPageObj_GetType(item) for item in items]

    def form_objects(form: Handle) -> tuple[list[Handle], list[int]]:
        count = raw.FPDFFormObj_CountObjects(form)
        items = [raw.FPDFFormObj_GetObject(form, index) for index in range(count)]
        return items, [raw.FPDFPageObj_GetType(item) for item in items]

    def bounds(items: Sequence[Handle]) -> list[float | None]:
        edges = [ctypes.c_float() for _ in range(4)]
        values: list[float | None] = []
        for item in items:
            if raw.FPDFPageObj_GetBounds(item, *edges):
                values += [edge.value for edge in edges]
            else:
                values += [None] * 4
        return values

    return PdfiumCalls(loose_boxes, page_objects, form_objects, bounds)


@functools.cache
def pdfium_calls(pdfium: Any) -> PdfiumCalls:  # noqa: ANN401 - the pypdfium2 module
    """The bulk operations on the PDFium library that ``pdfium`` (pypdfium2) has loaded."""
    try:
        return _declared(pdfium.raw)
    except (AttributeError, TypeError, ValueError):
        return _pypdfium2s_own(pdfium.raw)
