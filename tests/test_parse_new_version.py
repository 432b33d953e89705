"""A format version the reader has never seen is read from its catalog declaration alone.

The fixture declares a fictitious third version (2099) only as catalog data: a copy of the newest
version with new wordings for the columns of section 二 and for the last row of table 三, and
its own markers. No reader module is touched: the reader must find its labels, tell its tables
from the others, and read every cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import attrs
import pytest

from _corpus import CORPUS, corpus_document
from govinfo_report import catalog, from_dict
from govinfo_report.catalog import FormatSpec, FormatVersion, Label
from govinfo_report.model import ProactiveDisclosure, Report, Requests, Table
from govinfo_report.parse import _vocabulary as vocabulary
from govinfo_report.parse import parse
from report_text import cells_of, render

_VALUE = "2099"
_NEW_COLUMNS = {
    "made": "本年新发布件数",
    "repealed": "本年已废止件数",
    "in_force": "截至年底有效件数",
}
_NEW_LAST_ROW = "四、转入下一年度继续处理"


def _spec(version: FormatVersion) -> FormatSpec:
    newest = vocabulary.newest_spec()
    sections = []
    for section in newest.sections:
        grids = []
        for grid in section.grids:
            if section.id == "proactive_disclosure":
                columns = tuple(
                    attrs.evolve(
                        column, label=Label(_NEW_COLUMNS[column.id], column.label.en), aliases=()
                    )
                    if column.id in _NEW_COLUMNS
                    else column
                    for column in grid.columns
                )
                grid = attrs.evolve(grid, columns=columns)  # noqa: PLW2901 - the new version's grid
            elif section.id == "requests":
                rows = (
                    *grid.rows[:-1],
                    attrs.evolve(grid.rows[-1], label=Label(_NEW_LAST_ROW, "carried over")),
                )
                grid = attrs.evolve(grid, rows=rows)  # noqa: PLW2901 - the new version's grid
            else:
                grid = attrs.evolve(grid)  # noqa: PLW2901 - a grid of its own, as a catalog module declares
            grids.append(grid)
        sections.append(attrs.evolve(section, grids=tuple(grids)))
    return FormatSpec(
        version=version,
        document_number="国办公开办函〔2099〕1号",
        title=Label("虚构的第三版格式", "A fictitious third format"),
        first_report_year=2099,
        sections=tuple(sections),
        markers=(*_NEW_COLUMNS.values(), "转入下一年度继续处理"),
    )


def _clear_caches() -> None:
    for function in (vocabulary.vocabulary, vocabulary.markers, vocabulary.heading_cores):
        function.cache_clear()


@pytest.fixture
def third_version() -> Iterator[FormatVersion]:
    """The fictitious version, declared in the catalog for one test and withdrawn after it."""
    spec = _spec(FormatVersion.declare(_VALUE))
    catalog.declare_format(spec)
    _clear_caches()
    try:
        yield spec.version
    finally:
        catalog.withdraw_format(spec.version)
        _clear_caches()


def _in_version(report: Report, version: FormatVersion) -> Report:
    """The same numbers in the new version (its grids have the newest version's shape)."""
    spec = catalog.format_spec(version)
    tables = tuple(
        Table(grid, old.values)
        for grid, old in zip(
            spec.section("proactive_disclosure").grids,
            report.proactive_disclosure.tables,
            strict=True,
        )
    )
    return attrs.evolve(
        report,
        proactive_disclosure=ProactiveDisclosure(version, tables),
        requests=Requests(version, report.requests.values),
    )


@pytest.mark.parametrize("layout", ["tab", "pipe", "layout", "lines", "flat"])
def test_a_third_version_reads_from_its_declaration(
    third_version: FormatVersion, layout: str
) -> None:
    """A report in the new version reads as the same report in the newest known one (every cell,
    but for what a one-line copy cannot show), and both tables are told to be in the new one."""
    expected = json.loads((CORPUS / "2024_huaian_city.json").read_text(encoding="utf-8"))
    known = from_dict(corpus_document(expected))
    report = _in_version(known, third_version)
    result = parse(render(report, layout), name="third.txt")
    assert result.report.formats == {
        "proactive_disclosure": third_version,
        "requests": third_version,
    }
    assert cells_of(result.report) == cells_of(parse(render(known, layout)).report)
    if layout != "flat":
        assert cells_of(result.report) == cells_of(report)
    assert "R-FORMAT-GUESSED" not in {finding.code for finding in result.findings}


def test_the_newest_version_is_the_catalogs_last(third_version: FormatVersion) -> None:
    """With no label to go by, a report is read in the newest version in force in its year."""
    assert vocabulary.newest_spec().version is third_version
    assert vocabulary.version_of_year(None) is third_version
    assert vocabulary.version_of_year(2099) is third_version
    assert vocabulary.version_of_year(2098) is FormatVersion.V2021
    assert vocabulary.version_of_year(2018) is FormatVersion.V2019
