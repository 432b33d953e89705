"""Progress of a long reading, page by page: a hook for whoever draws a progress bar.

OCR takes seconds a page, so a scanned report of dozens of pages takes minutes. The readers
call the hook set here after each page; the command line sets it to advance a bar on a terminal
(``govinfo-report parse``). A context variable, not a parameter: the hook reaches the page loop
through every reader's signature untouched, and threads or callers that set none pay nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

__all__ = ["PAGE_READ"]

PAGE_READ: ContextVar[Callable[[int], None] | None] = ContextVar("page_read", default=None)
"""Called with the number of pages of the document read so far, after each page."""
