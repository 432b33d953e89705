"""Printed tables as format strings: written once per format version, filled per report.

The HTML, Markdown and text writers print the same labels, spans and header rows for every
report of a format version; only the values change. So a writer writes a table of
:func:`~govinfo_report.render._layout.blank_layout` once per version pair and language, as a
format string: each value cell's text is a replacement field naming its slot (``{17}``), every
other text a :func:`literal`. A report's table is then that string's ``format()`` with the
report's :func:`~govinfo_report.render._layout.value_texts`: one call, whatever the table's size.

>>> import attrs
>>> from govinfo_report import Report
>>> def values_only(table):  # a writer printing the value cells, one space apart
...     cells = [cell for row in table.rows for cell in row]
...     return " ".join(field(cell.slot) for cell in cells if cell.slot is not None)
>>> report = Report.blank("2021")
>>> review = report.review_litigation.with_cells({("review", "corrected"): 3})
>>> report = attrs.evolve(report, review_litigation=review)
>>> written_tables(report, "zh", values_only, blank="—")["review_litigation"][:9]
'— 3 — — —'
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from govinfo_report.catalog import FormatVersion
from govinfo_report.model import Report
from govinfo_report.render._layout import LayoutTable, blank_layout, value_texts

__all__ = ["Write", "field", "literal", "slot_texts", "written_tables"]

Write = Callable[[LayoutTable], str]
"""A writer of one table as a format string (value cells as :func:`field`, the rest literal)."""


def literal(text: str) -> str:
    """``text`` as it stands in a format string (braces doubled).

    >>> literal("{x}").format()
    '{x}'
    """
    return text.replace("{", "{{").replace("}", "}}")


def field(slot: int, spec: str = "") -> str:
    """The replacement field of the value in ``slot``, with a format ``spec`` (``>11``) if any.

    >>> field(17), field(17, ">4"), field(3, ">4").format(*"0123")
    ('{17}', '{17:>4}', '   3')
    """
    return f"{{{slot}:{spec}}}" if spec else f"{{{slot}}}"


def slot_texts(table: LayoutTable, *, blank: str = "") -> list[str]:
    """A laid-out table's value texts by slot, to fill a template written from the table itself.

    A blank value is ``blank``; slots of values the table does not print stay empty.
    """
    by_slot = {
        cell.slot: blank if cell.value is None else cell.text
        for row in table.rows
        for cell in row
        if cell.slot is not None
    }
    return [by_slot.get(slot, "") for slot in range(1 + max(by_slot, default=-1))]


@functools.cache
def _templates(
    proactive: FormatVersion, requests: FormatVersion, lang: str, write: Write
) -> tuple[tuple[str, str], ...]:
    return tuple(
        (table.section_id, write(table)) for table in blank_layout(proactive, requests, lang)
    )


def written_tables(report: Report, lang: str, write: Write, *, blank: str = "") -> dict[str, str]:
    """The report's printed tables as ``write`` writes them, by section id.

    ``write`` is called once per format version pair and language (it is part of the cache's
    key: pass a module-level function, not a new lambda each time); ``blank`` is the text of a
    blank value.
    """
    texts = value_texts(report, blank=blank)
    templates = _templates(report.proactive_disclosure.format, report.requests.format, lang, write)
    return {section_id: template.format(*texts) for section_id, template in templates}
