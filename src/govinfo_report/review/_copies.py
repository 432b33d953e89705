"""Copies from last year: tables identical cell for cell (C1), narrative repeated (C2).

The 2021 format warns against reports whose content is 雷同 (the same as before). Given the
same organ's previous report, C1 flags tables that equal last year's in every cell (at least one
of them not zero: two years of an office that received nothing prove nothing), and C2 flags a
narrative section whose sentences repeat last year's, word for word or nearly, beyond a share of
its text (and at least :data:`MIN_REPEATED` characters). Sentences are compared with rapidfuzz
(a normalised edit distance); years are blanked first, so that a report copied with its year
changed is still found, while the other figures are kept, so that a sentence whose figures were
updated is new.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion
from govinfo_report.review._figures import narrative_sections
from govinfo_report.review._rules import Passage, ReviewFinding, make_finding

if TYPE_CHECKING:
    from govinfo_report.model import Report

__all__ = ["SENTENCE_SIMILARITY", "SHARE_REPEATED", "check_copies", "sentences"]

SENTENCE_SIMILARITY = 90.0
"""A sentence repeats one of last year's when their similarity (rapidfuzz ``ratio``, 0–100)
reaches this."""
SHARE_REPEATED = 0.5
"""A section is flagged when repeated sentences make up this share of its text or more."""
MIN_REPEATED = 100
"""Nor is a section whose repeated text is shorter than this many characters: a standard
statement (2025年，无收取信息处理费情况。) said again every year is no copy."""
MIN_SENTENCE = 12
"""Shorter sentences (headings, 一是…) are not compared: every report has them."""

_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
_YEAR = re.compile(r"\d{4}(?=\s*年)")
_SPACE = re.compile(r"\s+")


def _comparable(text: str) -> str:
    text = unicodedata.normalize("NFKC", _SPACE.sub("", text))
    return _YEAR.sub("〇", text)


def sentences(section: str, text: str) -> Iterator[Passage]:
    """The sentences of a section's text long enough to compare, with their places."""
    for match in _SENTENCE.finditer(text):
        body = match.group(0).strip()
        if len(_SPACE.sub("", body)) < MIN_SENTENCE:
            continue
        start = match.start() + match.group(0).index(body[0])
        yield Passage(
            section=section,
            start=start,
            end=start + len(body),
            line=text.count("\n", 0, start) + 1,
            text=body,
        )


def _identical_tables(previous: Report, current: Report) -> ReviewFinding | None:
    if previous.formats != current.formats:
        return None
    cells = non_zero = 0
    for old, new in zip(previous.tables(), current.tables(), strict=True):
        if old.values != new.values:
            return None
        cells += len(new.values)
        non_zero += sum(1 for value in new.values if value)
    if not non_zero:
        return None
    return make_finding(
        "C1",
        "C1.tables",
        fill={"cells": cells, "non_zero": non_zero, "previous_year": previous.year or "?"},
    )


def _heading(section: str) -> tuple[str, str]:
    heading = catalog.format_spec(FormatVersion.V2021).section(section).heading
    return heading.zh, heading.en


def _repeated_sections(
    previous: Report, current: Report, similarity: float, share: float
) -> Iterator[ReviewFinding]:
    old_texts = narrative_sections(previous)
    for section, text in narrative_sections(current).items():
        old = list(sentences(section, old_texts.get(section, "")))
        new = list(sentences(section, text))
        if not old or not new:
            continue
        choices = [_comparable(passage.text) for passage in old]
        repeated: list[tuple[Passage, Passage]] = []
        for passage in new:
            best = process.extractOne(
                _comparable(passage.text), choices, scorer=fuzz.ratio, score_cutoff=similarity
            )
            if best is not None:
                repeated.append((passage, old[best[2]]))
        total = sum(len(passage.text) for passage in new)
        copied = sum(len(passage.text) for passage, _ in repeated)
        if copied >= MIN_REPEATED and copied / total >= share:
            yield make_finding(
                "C2",
                f"C2.{section}",
                fill={
                    "heading": _heading(section),
                    "share": round(100 * copied / total),
                    "previous_year": previous.year or "?",
                    "passages": len(repeated),
                },
                passages=tuple(passage for passage, _ in repeated),
                previous=tuple(old_passage for _, old_passage in repeated),
            )


def check_copies(
    previous: Report,
    current: Report,
    *,
    similarity: float = SENTENCE_SIMILARITY,
    share: float = SHARE_REPEATED,
) -> tuple[ReviewFinding, ...]:
    """C1 and C2: how much of ``current`` is ``previous`` again (the same organ's last report).

    The reports need not be of consecutive years (an organ's series may have gaps).
    """
    findings: list[ReviewFinding] = []
    identical = _identical_tables(previous, current)
    if identical is not None:
        findings.append(identical)
    findings.extend(_repeated_sections(previous, current, similarity, share))
    return tuple(findings)
