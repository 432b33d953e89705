"""A folder of review pages: each report in Chinese and English, and an index of them all."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo_report.review._index import IndexRow, render_index
from govinfo_report.review._page import render_page
from govinfo_report.review._review import Review, review

if TYPE_CHECKING:
    from govinfo_report.model import Report
    from govinfo_report.parse import ParseResult

__all__ = ["INDEX", "page_name", "review_series", "write_site"]

INDEX = {"zh": "index.html", "en": "index.en.html"}
"""The index page's file name in each language."""
_UNSAFE = re.compile(r"[^\w.-]+")


def page_name(name: str, lang: str) -> str:
    """The page file of a report read from ``name``: ``2024_x.html``, ``2024_x.en.html``."""
    stem = _UNSAFE.sub("_", Path(name).name) or "report"
    return f"{stem}.html" if lang == "zh" else f"{stem}.en.html"


def _previous(report: Report, reports: Sequence[Report]) -> Report | None:
    """The same organ's latest report before ``report``'s year, among ``reports``."""
    if report.organ is None or report.year is None:
        return None
    earlier = [
        other
        for other in reports
        if other.organ == report.organ and other.year is not None and other.year < report.year
    ]
    return max(earlier, key=lambda other: other.year or 0, default=None)


def review_series(results: Sequence[ParseResult]) -> list[Review]:
    """Review each report, with the copy checks against its organ's previous report among them.

    Reports are of one organ when their organ names are printed the same.
    """
    reports = [result.report for result in results]
    return [review(result, previous=_previous(result.report, reports)) for result in results]


def write_site(reviews: Sequence[Review], names: Sequence[str], directory: Path) -> list[Path]:
    """Write every review page (zh and en) and the two index pages into ``directory``.

    ``names`` name the sources, one per review (a page is named after its source file). Returns
    the paths written, the Chinese index first.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    rows = []
    for reviewed, name in zip(reviews, names, strict=True):
        pages = {lang: page_name(name, lang) for lang in INDEX}
        for lang, other in (("zh", "en"), ("en", "zh")):
            path = directory / pages[lang]
            links = {"index": INDEX[lang], "other": pages[other]}
            path.write_text(render_page(reviewed, lang=lang, links=links), encoding="utf-8")
            written.append(path)
        rows.append(
            IndexRow(
                href=pages["zh"],
                name=Path(name).name,
                organ=reviewed.report.organ,
                year=reviewed.report.year,
                counts=reviewed.counts(),
            )
        )
    for lang, other in (("zh", "en"), ("en", "zh")):
        path = directory / INDEX[lang]
        localised = [
            IndexRow(
                href=row.href if lang == "zh" else page_name(row.name, "en"),
                name=row.name,
                organ=row.organ,
                year=row.year,
                counts=row.counts,
            )
            for row in rows
        ]
        path.write_text(render_index(localised, lang=lang, other=INDEX[other]), encoding="utf-8")
        written.insert(0 if lang == "zh" else 1, path)
    return written
