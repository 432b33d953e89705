"""The form interpreter: a :class:`SourceDocument` of any input kind → the report it prints.

Every front end (text, HTML, PDF, Word) reduces its input to lines of cells; this module reads
the form out of those, so every layout trick learnt on one kind helps the others. In order:

1. **Sections** are found by their headings (一、总体情况 … 六、其他需要报告的事项), in the
   wordings of the catalog, anywhere in a cell (a whole report may sit on one line).
2. **Title**: organ and year from the title, else from the body (with a finding).
3. **Tables**: the labels of each table section are found in its cells (whole cells, or inside a
   long cell where separators were lost); the text between labels that is only numbers is a run
   of values. Each table's format version is told from its own labels (docs/format.md §5.3).

   * Section 二: every row is found by its label, in any order.
   * Section 三: rows are found by label; rows whose label was lost or cut (PDF converters)
     take the places left between labelled rows, in order, when the count fits exactly.
   * Section 四: one run of 15 values.

   Values align from the right; a row of digits with no separators is split using the form's
   identities (E3 within a row, E4 within 四, E1/E2 across the rows of 三), and when several
   splits still fit, the cells concerned stay ``None`` with the candidates in a finding.

A cell that cannot be determined is ``None`` with a :class:`ReadingFinding` naming it: the
reader never guesses a number.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import cast

from govinfo_report import catalog
from govinfo_report.model import (
    CellValue,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
)
from govinfo_report.parse._document import ParseResult, SourceDocument
from govinfo_report.parse._findings import NARRATIVE_MISSING
from govinfo_report.parse._interpret._labels import versions
from govinfo_report.parse._interpret._narrative import narrative
from govinfo_report.parse._interpret._proactive import read_proactive
from govinfo_report.parse._interpret._reports import split_reports
from govinfo_report.parse._interpret._requests import read_requests
from govinfo_report.parse._interpret._review import read_review
from govinfo_report.parse._interpret._sections import find_sections
from govinfo_report.parse._interpret._tables import Reading
from govinfo_report.parse._interpret._title import read_title
from govinfo_report.parse._interpret._tokens import table_units
from govinfo_report.parse._interpret._unheaded import place_unheaded_tables
from govinfo_report.parse._vocabulary import newest_spec

__all__ = ["interpret", "split_reports"]

_OVERVIEW, _PROACTIVE, _REQUESTS, _REVIEW, _PROBLEMS, _OTHER = catalog.SECTION_IDS


_NARRATIVES = (_OVERVIEW, _PROBLEMS, _OTHER)


def _counts(values: tuple[CellValue, ...]) -> tuple[int | None, ...]:
    # Tables 三 and 四 hold counts only: their columns are all of kind COUNT.
    return cast("tuple[int | None, ...]", values)


def interpret(document: SourceDocument, *, blanks_as_zero: bool = False) -> ParseResult:
    """Read the report a document prints: sections, title, tables, with findings and provenance.

    ``blanks_as_zero`` reads printed blanks (empty, ``-``, ``/``…) as 0 instead of ``None``;
    cells that could not be read stay ``None`` either way.
    """
    reader = Reading(document, blanks_as_zero=blanks_as_zero)
    regions, preamble = find_sections(document)
    place_unheaded_tables(regions, preamble)
    organ, year, title = read_title(reader.findings, preamble, regions)
    proactive_tokens, proactive_units = table_units(regions, _PROACTIVE)
    requests_tokens, requests_units = table_units(regions, _REQUESTS)
    _review_tokens, review_units = table_units(regions, _REVIEW)
    proactive_version, requests_version = versions(reader, proactive_tokens, requests_tokens, year)

    if _PROACTIVE in regions:
        tables = read_proactive(reader, proactive_units, proactive_version)
        proactive = ProactiveDisclosure(proactive_version, tables)
    else:
        reader.missing_table(_PROACTIVE)
        proactive = ProactiveDisclosure.blank(proactive_version)
    if _REQUESTS in regions:
        requests = Requests(
            requests_version, _counts(read_requests(reader, requests_units, requests_version))
        )
    else:
        reader.missing_table(_REQUESTS)
        requests = Requests.blank(requests_version)
    if _REVIEW in regions:
        review = ReviewLitigation(_counts(read_review(reader, review_units)))
    else:
        reader.missing_table(_REVIEW)
        review = ReviewLitigation.blank()

    narratives: dict[str, str | None] = {}
    for section_id in _NARRATIVES:
        if section_id in regions:
            narratives[section_id] = narrative(regions[section_id])
        else:
            narratives[section_id] = None
            heading = newest_spec().section(section_id).heading
            reader.findings.add(
                NARRATIVE_MISSING,
                NARRATIVE_MISSING.message(heading_zh=heading.zh, heading_en=heading.en),
                path=f"$.{section_id}",
            )
    report = Report(
        organ=organ,
        year=year,
        source=Source(title=title, file=document.name),
        proactive_disclosure=proactive,
        requests=requests,
        review_litigation=review,
        **narratives,
    )
    return ParseResult(
        report=report,
        findings=tuple(reader.findings.items),
        provenance=MappingProxyType(dict(reader.provenance)),
        undetermined=MappingProxyType(dict(reader.undetermined)),
    )
