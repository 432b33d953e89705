"""What every writer prints around the tables: the title and the six sections in order."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from govinfo_report import catalog
from govinfo_report.catalog import Section, SectionKind
from govinfo_report.model import Report
from govinfo_report.render._layout import label_text

__all__ = ["document_blocks", "narrative_sections", "title_text"]


def title_text(report: Report, lang: str = "zh") -> str:
    """The report's title as the form prints it: 《organ year年政府信息公开工作年度报告》.

    >>> from govinfo_report import Report
    >>> title_text(Report.blank("2021", organ="淮安市人民政府", year=2024))
    '淮安市人民政府2024年政府信息公开工作年度报告'
    >>> title_text(Report.blank("2021"), "en")
    'Annual report on government information disclosure'
    """
    if lang == "zh":
        year = "" if report.year is None else f"{report.year}年"
        return f"{report.organ or ''}{year}{catalog.REPORT_LABEL.zh}"
    parts = [report.organ, None if report.year is None else str(report.year)]
    prefix = " ".join(part for part in parts if part)
    return f"{prefix}: {catalog.REPORT_LABEL.en}" if prefix else catalog.REPORT_LABEL.en


def narrative_sections(report: Report) -> Iterator[tuple[Section, str | None]]:
    """The six sections in official order, each with its text (``None`` for a table section)."""
    spec = catalog.format_spec(report.proactive_disclosure.format)
    for section in spec.sections:
        text = getattr(report, section.id) if section.kind is SectionKind.NARRATIVE else None
        yield section, text


def document_blocks(report: Report, lang: str, tables: Mapping[str, str]) -> list[str]:
    """The blocks of a plain document in order.

    The title, then each section's heading, its written table (``tables`` by section id) and
    its paragraphs (one per non-empty line).
    """
    blocks = [title_text(report, lang)]
    for section, text in narrative_sections(report):
        blocks.append(label_text(section.heading, lang))
        if section.id in tables:
            blocks.append(tables[section.id])
        blocks.extend(line for line in (text or "").split("\n") if line.strip())
    return blocks
