"""The form's words as the reader looks for them: headings and table labels, from the catalog.

Every label of every format version is registered in canonical form (see :mod:`._canon`), with
the variants published reports print: without the numbering prefix (``予以公开`` for
``（一）予以公开``), without a trailing parenthetical (``（二）部分公开`` for the long label), and
the catalog's aliases for known typos. Nothing here types a label: all of them come from
:mod:`govinfo_report.catalog`.
"""

from __future__ import annotations

import enum
import re
from functools import cache
from typing import TYPE_CHECKING

import attrs

from govinfo_report import catalog
from govinfo_report.catalog import FormatSpec, FormatVersion, Grid, Section, SectionKind
from govinfo_report.parse._canon import canonical, strip_numbering

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "TABLE_SECTIONS",
    "Term",
    "TermKind",
    "Vocabulary",
    "heading_cores",
    "heading_pattern",
    "heading_section",
    "markers",
    "newest_spec",
    "section_numerals",
    "version_of_year",
    "vocabulary",
]


def newest_spec() -> FormatSpec:
    """The newest format version's declaration (the catalog lists them oldest first)."""
    return tuple(catalog.FORMATS.values())[-1]


def version_of_year(year: int | None) -> FormatVersion:
    """The format version a report of ``year`` is most likely in: the newest in force then."""
    specs = tuple(catalog.FORMATS.values())
    if year is None:
        return specs[-1].version
    in_force = [spec for spec in specs if spec.first_report_year <= year]
    return (in_force[-1] if in_force else specs[0]).version


TABLE_SECTIONS = tuple(
    section.id for section in newest_spec().sections if section.kind is SectionKind.TABLES
)
"""The sections that hold tables, in official order."""

_MIN_VARIANT = 4
"""Shorter variants (``其他``, ``总计``) collide with column labels: only full labels count."""
_TRAILING_PARENTHETICAL = re.compile(r"\([^()]*\)$")


class TermKind(enum.Enum):
    """What a label found in a table region names."""

    ROW = "row"
    GROUP = "group"
    """A row or column group label, with no cells of its own (``（三）不予公开``)."""
    COLUMN = "column"
    CAPTION = "caption"
    """The caption of a section 二 sub-table (``第二十条第（一）项``)."""
    NOTE = "note"


@attrs.frozen
class Term:
    """One meaning of a label: a row, column, group, caption or note of one version's grid."""

    kind: TermKind
    version: FormatVersion
    grid: Grid = attrs.field(eq=False, repr=lambda grid: grid.id)
    item_id: str
    exact: bool
    """Registered from the full label or an alias, not from a shortened variant."""


def _variants(label: str) -> Iterable[tuple[str, bool]]:
    """Canonical forms under which a label is recognised, each flagged exact or shortened."""
    full = canonical(label)
    yield full, True
    for variant in {strip_numbering(full), _TRAILING_PARENTHETICAL.sub("", full)}:
        shortened = _TRAILING_PARENTHETICAL.sub("", variant)
        for candidate in (variant, shortened):
            if candidate != full and len(strip_numbering(candidate)) >= _MIN_VARIANT:
                yield candidate, False


@attrs.frozen(eq=False)
class Vocabulary:
    """The labels of one table section, for every format version."""

    terms: Mapping[str, tuple[Term, ...]]
    """Canonical label → its meanings."""
    pattern: re.Pattern[str]
    """Finds any of the labels in canonical text, longest first."""


def _register(  # noqa: PLR0913, PLR0917 - what a term is made of
    terms: dict[str, list[Term]],
    labels: Iterable[str],
    kind: TermKind,
    version: FormatVersion,
    grid: Grid,
    item_id: str,
) -> None:
    for label in labels:
        for text, exact in _variants(label):
            term = Term(kind, version, grid, item_id, exact=exact)
            bucket = terms.setdefault(text, [])
            if term not in bucket:
                bucket.append(term)


def _grid_terms(
    terms: dict[str, list[Term]], version: FormatVersion, section: Section, grid: Grid
) -> None:
    if grid.label.zh != section.heading.zh:
        # A sub-table of section 二, captioned by its 第二十条 item.
        _register(terms, [grid.label.zh], TermKind.CAPTION, version, grid, grid.id)
    for row in grid.rows:
        _register(terms, [row.label.zh, *row.aliases], TermKind.ROW, version, grid, row.id)
    for column in grid.columns:
        _register(
            terms, [column.label.zh, *column.aliases], TermKind.COLUMN, version, grid, column.id
        )
    for group in (*grid.row_groups, *grid.column_groups):
        _register(terms, [group.label.zh], TermKind.GROUP, version, grid, group.id)
    if grid.note is not None:
        _register(terms, [grid.note.zh], TermKind.NOTE, version, grid, "note")


@cache
def vocabulary(section_id: str) -> Vocabulary:
    """The labels of a table section (``requests``…) across every format version."""
    terms: dict[str, list[Term]] = {}
    for spec in catalog.FORMATS.values():
        section = spec.section(section_id)
        for grid in section.grids:
            _grid_terms(terms, spec.version, section, grid)
    # A row label always wins over a group or column label spelled the same: in 2019 the
    # （六）其他处理 row has cells, in 2021 it is a group; the version decides which applies.
    ordered = {text: tuple(found) for text, found in terms.items()}
    alternatives = sorted(ordered, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(text) for text in alternatives))
    return Vocabulary(ordered, pattern)


def _sections() -> tuple[Section, ...]:
    return newest_spec().sections


@cache
def heading_cores() -> tuple[tuple[str, ...], ...]:
    """For each of the six sections in order, its heading texts without numeral (canonical)."""
    cores = []
    for section in _sections():
        texts = [strip_numbering(canonical(section.heading.zh))]
        texts.extend(strip_numbering(canonical(alias)) for alias in section.aliases)
        cores.append(tuple(dict.fromkeys(texts)))
    return tuple(cores)


_INNER_PUNCTUATION = "、.,"
"""Marks copies drop or change inside a heading; headings are compared without them."""
_PUNCTUATION = re.compile(f"[{_INNER_PUNCTUATION}]")


@cache
def section_numerals() -> tuple[str, ...]:
    """For each of the six sections in order, the numeral its official heading opens with."""
    return tuple(canonical(section.heading.zh).split("、")[0] for section in _sections())


@cache
def heading_pattern() -> re.Pattern[str]:
    """A section heading inside canonical text: a Chinese numeral, an optional 、, the heading."""
    alternatives = sorted(
        {core for cores in heading_cores() for core in cores}, key=len, reverse=True
    )
    # Copies drop or change the enumeration comma inside a heading (行政复议、行政诉讼).
    body = "|".join(
        re.escape(core).replace("、", f"[{_INNER_PUNCTUATION}]?") for core in alternatives
    )
    return re.compile(rf"(?P<numeral>[一二三四五六七八九十]{{1,2}})[、.]?(?P<core>{body})")


@cache
def heading_lookup() -> Mapping[str, int]:
    """Heading text without numeral and inner punctuation → section index."""
    return {
        _PUNCTUATION.sub("", core): index
        for index, cores in enumerate(heading_cores())
        for core in cores
    }


@cache
def _heading_lengths() -> frozenset[int]:
    return frozenset(len(core) for core in heading_lookup())


def heading_section(core: str) -> int | None:
    """The section a heading (without numeral) names, whatever its inner punctuation."""
    # Most texts asked about are paragraphs, or a whole report on one line: a length that no
    # heading has (once the punctuation _PUNCTUATION removes is discounted) answers at once.
    if len(core) - sum(core.count(mark) for mark in _INNER_PUNCTUATION) not in _heading_lengths():
        return None
    return heading_lookup().get(_PUNCTUATION.sub("", core))


@cache
def markers() -> Mapping[FormatVersion, tuple[str, ...]]:
    """For each format version, texts only its tables print (docs/format.md §5.3), canonical.

    The catalog's declared markers (fragments that survive a wrapped or cut label) and every
    label of the version's tables, as reports print them; kept only if no other version's
    labels contain them, so that a version added to the catalog does not make the markers of
    the versions it copies vote for it too.
    """
    labels = {
        spec.version: {
            text
            for section in spec.sections
            for grid in section.grids
            for label in _grid_labels(section, grid)
            for text, _exact in _variants(label)
            if len(strip_numbering(text)) >= _MIN_VARIANT
        }
        for spec in catalog.FORMATS.values()
    }
    found: dict[FormatVersion, tuple[str, ...]] = {}
    for spec in catalog.FORMATS.values():
        others = [
            text for version, own in labels.items() if version is not spec.version for text in own
        ]
        candidates = {canonical(marker) for marker in spec.markers} | labels[spec.version]
        found[spec.version] = tuple(
            sorted(text for text in candidates if not any(text in other for other in others))
        )
    return found


def _grid_labels(section: Section, grid: Grid) -> Iterable[str]:
    """Every label a grid prints: caption, rows, columns, groups, with their aliases."""
    if grid.label.zh != section.heading.zh:
        yield grid.label.zh
    for row in grid.rows:
        yield row.label.zh
        yield from row.aliases
    for column in grid.columns:
        yield column.label.zh
        yield from column.aliases
    for group in (*grid.row_groups, *grid.column_groups):
        yield group.label.zh
