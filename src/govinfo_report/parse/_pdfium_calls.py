"""The few PDFium functions the PDF reader calls once per character or page object, made cheap.

pypdfium2 declares every handle as a typed pointer, so each call checks its arguments against
those types and wraps a returned handle in a new pointer object. For calls made once per
character or page object (thousands per report) that costs more than PDFium's own work:
``FPDFPage_GetObject`` takes about 2 µs through pypdfium2's declaration, 0.7 µs through the one
here. The same functions of the library pypdfium2 has loaded are declared once more, from
PDFium's headers, with untyped pointers (``c_void_p``): a handle or an output buffer is passed
and returned as its address (an ``int``), and ``map`` can call a function over a whole page
without a Python loop. Only the declarations differ; the functions and their results are PDFium's.

Lifetime. An address borrows a handle exactly as pypdfium2's own pointer objects do: neither
keeps alive what it points to. A text page or page handle is valid while the pypdfium2 object
owning it (``PdfTextPage``, ``PdfPage``) is open, and the handle of a page object while its page
is. Every caller therefore takes an address from an owning object it holds in a local variable
of the same function, uses the address only inside that function, and closes (or lets its caller
close) the owner only after the last use. No address is stored anywhere else.

When the declarations cannot be made (a pypdfium2 that exposes a function differently, or not at
all), :func:`pdfium_calls` gives pypdfium2's own declarations behind the same signatures, handles
staying pypdfium2 pointer objects: slower, same results.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import Any, NamedTuple

__all__ = ["Handle", "PdfiumCalls", "pdfium_calls"]

_ADDRESS = ctypes.c_void_p
_INT = ctypes.c_int

Handle = Any
"""A borrowed PDFium handle: an address (``int``, ``None`` for NULL), or a pypdfium2 pointer."""


class PdfiumCalls(NamedTuple):
    """PDFium functions taking handles from :attr:`handle` and output buffers as addresses."""

    handle: Callable[[Any], Handle]
    """The handle to pass for a pypdfium2 object's ``raw`` pointer (the owner stays held)."""
    loose_char_box: Callable[[Handle, int, int], int]
    """``FPDFText_GetLooseCharBox(text page, index, FS_RECTF*)`` → success; the box is four
    floats: left, top, right, bottom."""
    count_objects: Callable[[Handle], int]
    """``FPDFPage_CountObjects(page)``."""
    get_object: Callable[[Handle, int], Handle]
    """``FPDFPage_GetObject(page, index)``, borrowed from the page."""
    form_count_objects: Callable[[Handle], int]
    """``FPDFFormObj_CountObjects(form object)``."""
    form_get_object: Callable[[Handle, int], Handle]
    """``FPDFFormObj_GetObject(form object, index)``, borrowed from the page."""
    object_type: Callable[[Handle], int]
    """``FPDFPageObj_GetType(object)`` (``FPDF_PAGEOBJ_UNKNOWN`` for NULL)."""
    object_bounds: Callable[[Handle, int, int, int, int], int]
    """``FPDFPageObj_GetBounds(object, float* left, bottom, right, top)`` → success."""


def _address(pointer: Any) -> int | None:  # noqa: ANN401 - a ctypes pointer object
    return ctypes.cast(pointer, _ADDRESS).value


# Return type and argument types of each function, as PDFium's public headers declare them.
_SIGNATURES: dict[str, tuple[Any, ...]] = {
    "FPDFText_GetLooseCharBox": (_INT, _ADDRESS, _INT, _ADDRESS),
    "FPDFPage_CountObjects": (_INT, _ADDRESS),
    "FPDFPage_GetObject": (_ADDRESS, _ADDRESS, _INT),
    "FPDFFormObj_CountObjects": (_INT, _ADDRESS),
    "FPDFFormObj_GetObject": (_ADDRESS, _ADDRESS, ctypes.c_ulong),
    "FPDFPageObj_GetType": (_INT, _ADDRESS),
    "FPDFPageObj_GetBounds": (_INT, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS),
}


def _declared(raw: Any) -> PdfiumCalls:  # noqa: ANN401 - pypdfium2's raw module
    declared = {}
    for name, (result, *arguments) in _SIGNATURES.items():
        function = getattr(raw, name)
        # pypdfium2 declares the same number of arguments, or the library is not the one the
        # headers describe: then its own declarations are used.
        entry = _address(function)
        if entry is None or len(function.argtypes) != len(arguments):
            message = f"{name} is not the function PDFium's headers declare"
            raise TypeError(message)
        # PDFium is loaded as a CDLL (C calling convention, which CFUNCTYPE declares); pypdfium2
        # keeps the library loaded for as long as its module is imported.
        declared[name] = ctypes.CFUNCTYPE(result, *arguments)(entry)
    return PdfiumCalls(
        _address,
        declared["FPDFText_GetLooseCharBox"],
        declared["FPDFPage_CountObjects"],
        declared["FPDFPage_GetObject"],
        declared["FPDFFormObj_CountObjects"],
        declared["FPDFFormObj_GetObject"],
        declared["FPDFPageObj_GetType"],
        declared["FPDFPageObj_GetBounds"],
    )


def _pypdfium2s_own(raw: Any) -> PdfiumCalls:  # noqa: ANN401 - pypdfium2's raw module
    def loose_char_box(textpage: Handle, index: int, box: int) -> int:
        return int(raw.FPDFText_GetLooseCharBox(textpage, index, raw.FS_RECTF.from_address(box)))

    def object_bounds(item: Handle, *boxes: int) -> int:
        floats = [ctypes.c_float.from_address(box) for box in boxes]
        return int(raw.FPDFPageObj_GetBounds(item, *floats))

    return PdfiumCalls(
        lambda pointer: pointer,
        loose_char_box,
        raw.FPDFPage_CountObjects,
        raw.FPDFPage_GetObject,
        raw.FPDFFormObj_CountObjects,
        raw.FPDFFormObj_GetObject,
        raw.FPDFPageObj_GetType,
        object_bounds,
    )


@functools.cache
def pdfium_calls(pdfium: Any) -> PdfiumCalls:  # noqa: ANN401 - the pypdfium2 module
    """The functions of the PDFium library that ``pdfium`` (pypdfium2) has loaded."""
    try:
        return _declared(pdfium.raw)
    except (AttributeError, TypeError, ValueError):
        return _pypdfium2s_own(pdfium.raw)
