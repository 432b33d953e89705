"""Stage 5: which row a printed row names, and each table's format version."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from govinfo_report import catalog
from govinfo_report.catalog import FormatVersion, Grid
from govinfo_report.parse._canon import (
    canonical,
    strip_numbering,
)
from govinfo_report.parse._findings import FORMAT_GUESSED, FORMAT_MIXED
from govinfo_report.parse._interpret._tables import Reading
from govinfo_report.parse._interpret._tokens import Kind, Token, Unit
from govinfo_report.parse._vocabulary import (
    Term,
    TermKind,
    markers,
    version_of_year,
)

_, _PROACTIVE, _REQUESTS = catalog.SECTION_IDS[:3]


_TRAILING_NOISE = re.compile(r"[\W_]*|\(?(?:单位:?)?(?:件|个|项|条|万元|元)\)?")


def row_term(unit: Unit, version: FormatVersion, grids: Sequence[Grid]) -> tuple[Term | None, bool]:
    """The row (or group) named by the label printed last before a unit's values.

    Only the last label counts: text or another label between a row label and the values means
    the row's own values were lost on the way (a cut label, a glued run of digits).
    """
    grid_ids = {id(grid) for grid in grids}
    for token in reversed(unit.labels):
        if token.kind == Kind.TEXT and _TRAILING_NOISE.fullmatch(token.canon):
            continue
        if token.kind != Kind.LABEL:
            return None, False
        for term in token.terms:
            if term.version is not version or id(term.grid) not in grid_ids:
                continue
            if term.kind is TermKind.ROW:
                return term, True
            if term.kind is TermKind.GROUP and len(grids) == 1 and term.grid is grids[0]:
                return term, True
        return None, False
    return None, False


@functools.cache
def _row_labels(grid: Grid) -> tuple[tuple[int, str], ...]:
    return tuple(
        (row_index, strip_numbering(canonical(text)))
        for row_index, row in enumerate(grid.rows)
        for text in (row.label.zh, *row.aliases)
    )


def fuzzy_row(unit: Unit, grid: Grid) -> int | None:
    """A row named by a cut label (a fragment printed on the value line), if only one fits."""
    labels = _row_labels(grid)
    for token in reversed(unit.labels):
        fragment = strip_numbering(token.canon)
        if len(fragment) < 4:
            continue
        matches = {
            row_index
            for row_index, label in labels
            if (label.startswith(fragment) or (len(label) >= 4 and fragment.startswith(label)))
            or (len(fragment) >= 5 and fragment in label)
        }
        if len(matches) == 1:
            return next(iter(matches))
    return None


def _marker_votes(tokens: Sequence[Token]) -> dict[FormatVersion, int]:
    text = "".join(token.canon for token in tokens)
    return {
        version: sum(marker in text for marker in found) for version, found in markers().items()
    }


def _requests_structure(tokens: Sequence[Token]) -> FormatVersion | None:
    """The version in which a label that is a group elsewhere names a row printed as one.

    （六）其他处理 is a row with cells in one version and a group of rows in another: followed
    directly by values, or by the label of the row after it, it is that version's row.
    """
    labelled = [t for t in tokens if t.kind in (Kind.LABEL, Kind.VALUE)]
    for position, token in enumerate(labelled):
        if token.kind != Kind.LABEL:
            continue
        groups = {term.item_id for term in token.terms if term.kind is TermKind.GROUP}
        following = labelled[position + 1 : position + 2]
        for term in token.terms:
            if term.kind is not TermKind.ROW or term.item_id not in groups:
                continue
            if following and following[0].kind == Kind.VALUE:
                return term.version
            rows = term.grid.rows
            after = term.grid.row_index(term.item_id) + 1
            if (
                following
                and after < len(rows)
                and any(
                    other.kind is TermKind.ROW
                    and other.version is term.version
                    and other.item_id == rows[after].id
                    for other in following[0].terms
                )
            ):
                return term.version
    return None


def versions(
    reader: Reading,
    proactive_tokens: Sequence[Token],
    requests_tokens: Sequence[Token],
    year: int | None,
) -> tuple[FormatVersion, FormatVersion]:
    def by_markers(tokens: Sequence[Token]) -> FormatVersion | None:
        votes = _marker_votes(tokens)
        ranked = sorted(votes.items(), key=lambda pair: pair[1], reverse=True)
        if ranked[0][1] == 0:
            return None
        if ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    requests_version = by_markers(requests_tokens) or _requests_structure(requests_tokens)
    proactive_version = by_markers(proactive_tokens)
    fallback = requests_version or proactive_version
    if fallback is None:
        fallback = version_of_year(year)
    for section_id, version, tokens in (
        (_PROACTIVE, proactive_version, proactive_tokens),
        (_REQUESTS, requests_version, requests_tokens),
    ):
        if version is None and tokens:
            reader.findings.add(
                FORMAT_GUESSED,
                FORMAT_GUESSED.message(version=fallback.value),
                path=f"$.{section_id}",
            )
    proactive = proactive_version or fallback
    requests = requests_version or fallback
    if proactive is not requests:
        reader.findings.add(
            FORMAT_MIXED,
            FORMAT_MIXED.message(proactive=proactive.value, requests=requests.value),
            path=f"$.{_REQUESTS}",
        )
    return proactive, requests
