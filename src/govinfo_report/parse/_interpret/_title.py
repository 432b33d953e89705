"""Stage 3: organ, year and title, from the title or else from the body."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from govinfo_report import catalog
from govinfo_report.model import (
    MAX_YEAR,
    MIN_YEAR,
)
from govinfo_report.parse._canon import (
    fold,
)
from govinfo_report.parse._findings import (
    ORGAN_FROM_BODY,
    ORGAN_MISSING,
    YEAR_FROM_BODY,
    YEAR_MISSING,
    Findings,
)
from govinfo_report.parse._interpret._narrative import narrative
from govinfo_report.parse._interpret._pieces import Piece

_OVERVIEW = catalog.SECTION_IDS[0]


# The organ-first title tries up to 40 characters of organ at every place of the opening text:
# it is only tried when what must follow the organ is there at all.
_AFTER_ORGAN = (
    r"(?P<year>20\d{2}|2100)\s*年\s*度?\s*"
    r"(?:的\s*)?政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?(?:报\s*告|年\s*报)"
)


_TITLE_AFTER_ORGAN = re.compile(_AFTER_ORGAN)


_TITLE_ORGAN_FIRST = re.compile(
    r"(?P<organ>[^\s，,。：:；;|《》〈〉“”\"()（）]{2,40}?)\s*" + _AFTER_ORGAN
)


_TITLE_YEAR_FIRST = re.compile(
    r"(?P<year>20\d{2}|2100)\s*年\s*度?\s*(?P<organ>[^\s，,。：:；;|《》〈〉“”\"()（）]{2,40}?)\s*"
    r"政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?(?:报\s*告|年\s*报)"
)


_TITLE_YEAR_ONLY = re.compile(
    r"(?P<year>20\d{2}|2100)\s*年\s*度?\s*政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?年\s*度\s*报\s*告"
)


_NOT_ORGAN = re.compile(r"关于|印发|通知|条例|办法|规定|编制|公布|格式|根据|本报告|^[我本该]")


_PERIOD = re.compile(r"统计(?:期限|周期|时限|时间|区间)[^。\n]{0,12}?(20\d{2}|2100)\s*年")


_FIRST_YEAR = re.compile(r"(20\d{2}|2100)\s*年")


_BODY_ORGAN = re.compile(
    r"(?:20\d{2}|2100)\s*年度?\s*[，,]\s*(?P<organ>[\u4e00-\u9fff]{2,24}?"
    r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管委会|实验区|新区|开发区|办事处|街道|局|委|区|市|县|州|盟|旗|镇|乡))"
    r"(?=坚持|认真|深入|全面|严格|紧紧|紧密|以|在|按照|围绕|持续|进一步|高度|始终|不断|积极|扎实|切实)"
)


def title_text(preamble: Sequence[Piece]) -> str:
    """The opening text where a title is looked for: the first lines, joined by newlines."""
    lines: list[str] = []
    current = -1
    size = 0
    for piece in preamble:
        if piece.line != current:
            if len(lines) >= 8 or size > 600:
                break
            lines.append(piece.raw)
            current = piece.line
        else:
            lines[-1] += " " + piece.raw
        size += len(piece.raw)
    return "\n".join(lines)[:1500]


def title_parts(text: str) -> tuple[str | None, int | None, str | None]:
    # Matched in folded form (full-width digits, traditional characters of mirror sites), quoted
    # as printed: folding keeps every character in its place.
    folded = fold(text)
    for pattern in (_TITLE_ORGAN_FIRST, _TITLE_YEAR_FIRST):
        if pattern is _TITLE_ORGAN_FIRST and _TITLE_AFTER_ORGAN.search(folded) is None:
            continue
        for match in pattern.finditer(folded):
            if _NOT_ORGAN.search(match.group("organ")):
                continue
            organ = text[match.start("organ") : match.end("organ")]
            title = re.sub(r"\s+", "", text[match.start() : match.end()])
            return organ, _year(match.group("year")), title
    year_only = _TITLE_YEAR_ONLY.search(folded)
    if year_only is not None:
        title = re.sub(r"\s+", "", text[year_only.start() : year_only.end()])
        return None, _year(year_only.group("year")), title
    return None, None, None


def _year(text: str) -> int | None:
    """A report year the model accepts (2008, the first year of reports, onwards)."""
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def period_year(text: str) -> int | None:
    folded = fold(text)
    match = _PERIOD.search(folded) or _FIRST_YEAR.search(folded[:300])
    return _year(match.group(1)) if match is not None else None


def body_organ(text: str) -> str | None:
    match = _BODY_ORGAN.search(fold(text[:400]))
    if match is None or _NOT_ORGAN.search(match.group("organ")):
        return None
    return text[match.start("organ") : match.end("organ")]


def read_title(
    findings: Findings, preamble: Sequence[Piece], regions: Mapping[str, list[Piece]]
) -> tuple[str | None, int | None, str | None]:
    """Organ, year and title of the report, with a finding for what came from the body."""
    text = title_text(preamble)
    organ, year, title = title_parts(text)
    if year is None:
        year = period_year(text) or period_year(narrative(regions.get(_OVERVIEW, [])) or "")
        if year is not None:
            findings.add(YEAR_FROM_BODY, YEAR_FROM_BODY.message(year=year), path="$.year")
        else:
            findings.add(YEAR_MISSING, YEAR_MISSING.message(), path="$.year")
    if organ is None:
        organ = body_organ(narrative(regions.get(_OVERVIEW, [])) or "")
        if organ is not None:
            findings.add(ORGAN_FROM_BODY, ORGAN_FROM_BODY.message(organ=organ), path="$.organ")
        else:
            findings.add(ORGAN_MISSING, ORGAN_MISSING.message(), path="$.organ")
    return organ, year, title
