"""The catalog contract, checked for every declared format version."""

from __future__ import annotations

import pytest

from govinfo_report import catalog
from govinfo_report.catalog import Axis, Column, FormatSpec, FormatVersion, Grid, Label, Row
from govinfo_report.parse._canon import canonical

SPECS = tuple(catalog.FORMATS.values())


def _labels(spec: FormatSpec) -> list[Label]:
    labels = [spec.title]
    for section in spec.sections:
        labels.append(section.heading)
        for grid in section.grids:
            labels.append(grid.label)
            labels.extend(row.label for row in grid.rows)
            labels.extend(column.label for column in grid.columns)
            labels.extend(group.label for group in (*grid.row_groups, *grid.column_groups))
            labels.extend(identity.description for identity in grid.identities)
    return labels


def _grids(spec: FormatSpec) -> list[Grid]:
    return [grid for section in spec.sections for grid in section.grids]


@pytest.mark.parametrize(
    ("version", "cells"),
    [
        ("2019", {"proactive_disclosure": 22, "requests": 161, "review_litigation": 15}),
        ("2021", {"proactive_disclosure": 10, "requests": 175, "review_litigation": 15}),
    ],
)
def test_cell_counts_match_format_md(version: str, cells: dict[str, int]) -> None:
    """Each version declares exactly the numeric cells docs/format.md counts (198 and 200)."""
    spec = catalog.format_spec(version)
    assert cells == {s.id: s.size for s in spec.sections if s.grids}
    assert sum(cells.values()) == spec.size


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.version.value)
def test_section_ids_are_the_same_in_every_version(spec: FormatSpec) -> None:
    """Six sections in official order, the same ids everywhere."""
    assert tuple(section.id for section in spec.sections) == catalog.SECTION_IDS
    assert len(catalog.SECTION_IDS) == 6


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.version.value)
def test_ids_are_unique(spec: FormatSpec) -> None:
    """Row, column, group and grid ids are unique where they are looked up."""
    for section in spec.sections:
        grid_ids = [grid.id for grid in section.grids]
        assert len(grid_ids) == len(set(grid_ids))
        for grid in section.grids:
            row_ids = [row.id for row in grid.rows]
            column_ids = [column.id for column in grid.columns]
            group_ids = [group.id for group in (*grid.row_groups, *grid.column_groups)]
            assert len(row_ids) == len(set(row_ids)), grid.id
            assert len(column_ids) == len(set(column_ids)), grid.id
            assert len(group_ids) == len(set(group_ids)), grid.id
            assert not set(group_ids) & set(row_ids), grid.id


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.version.value)
def test_every_label_is_non_empty(spec: FormatSpec) -> None:
    """Every label has Chinese and English text, without stray whitespace."""
    for label in _labels(spec):
        assert label.zh, label
        assert label.en, label
        assert label.zh == label.zh.strip()
        assert label.en == label.en.strip()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.version.value)
def test_groups_and_identities_refer_to_existing_cells(spec: FormatSpec) -> None:
    """Every group member and every identity operand names a row or column of its grid."""
    for grid in _grids(spec):
        row_ids = {row.id for row in grid.rows}
        column_ids = {column.id for column in grid.columns}
        for group in grid.row_groups:
            assert set(group.members) <= row_ids, group.id
        for group in grid.column_groups:
            assert set(group.members) <= column_ids, group.id
        for identity in grid.identities:
            operands = set(identity.left) | set(identity.right)
            assert operands <= (row_ids if identity.axis is Axis.ROWS else column_ids)
            assert not set(identity.left) & set(identity.right)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.version.value)
def test_version_markers_tell_the_versions_apart(spec: FormatSpec) -> None:
    """A version's markers occur in no other version's table labels (docs/format.md §5.3)."""
    for other in SPECS:
        if other is spec:
            continue
        other_labels = "".join(label.zh for label in _labels(other))
        for marker in spec.markers:
            assert marker not in other_labels, (spec.version, marker)


def test_identity_rule_ids_are_e1_to_e4() -> None:
    """The identities of docs/format.md §7.1 are declared in both versions, under stable ids."""
    for spec in SPECS:
        rule_ids = {i.rule_id for grid in _grids(spec) for i in grid.identities}
        assert rule_ids == {"E1", "E2", "E3", "E4"}


def test_2019_and_2021_differ_only_where_format_md_says() -> None:
    """Table 三 differs only in （六）其他处理: one row in 2019, three in 2021 (§5.1 D7)."""
    rows_2019 = [row.id for row in catalog.requests_grid("2019").rows]
    rows_2021 = [row.id for row in catalog.requests_grid("2021").rows]
    assert [r for r in rows_2019 if r not in rows_2021] == ["other_handling"]
    assert [r for r in rows_2021 if r not in rows_2019] == [
        "other_no_correction",
        "other_fee_unpaid",
        "other_misc",
    ]


def test_unknown_version_is_rejected_by_name() -> None:
    """An unknown version names itself and the known ones."""
    with pytest.raises(ValueError, match=r"unknown format version '2020'.*'2019', '2021'"):
        catalog.format_spec("2020")


def test_lookups_name_what_is_missing() -> None:
    """Unknown ids raise KeyError naming the id and where it was looked for."""
    spec = catalog.format_spec(FormatVersion.V2021)
    grid = catalog.requests_grid("2021")
    with pytest.raises(KeyError, match="no row 'nope'"):
        grid.row("nope")
    with pytest.raises(KeyError, match="no column 'nope'"):
        grid.column("nope")
    with pytest.raises(KeyError, match="no row group 'nope'"):
        grid.row_group("nope")
    with pytest.raises(KeyError, match="no section 'nope'"):
        spec.section("nope")
    with pytest.raises(KeyError, match="no table 'nope'"):
        spec.section("proactive_disclosure").grid("nope")


def test_cell_paths() -> None:
    """JSON paths address a cell from the document root."""
    grid_2019 = catalog.format_spec("2019").section("proactive_disclosure").grid("art20_9")
    assert catalog.cell_path(grid_2019, "central_procurement", "procurement_amount") == (
        "$.proactive_disclosure.art20_9.central_procurement.procurement_amount"
    )
    assert catalog.cell_path(catalog.requests_grid("2021"), "granted", "total") == (
        "$.requests.granted.total"
    )
    assert catalog.cell_path(catalog.REVIEW_LITIGATION_GRID, "review", "upheld") == (
        "$.review_litigation.review.upheld"
    )
    assert str(FormatVersion.V2019) == "2019"


def _rows_and_columns(grid: Grid) -> list[Row | Column]:
    return [*grid.rows, *grid.columns]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.version.value)
def test_no_alias_is_a_spelling_the_reader_folds_anyway(spec: FormatSpec) -> None:
    """An alias that folds to its label (traditional characters, full-width forms) is noise."""
    redundant = [
        alias
        for section in spec.sections
        for grid in section.grids
        for item in _rows_and_columns(grid)
        for alias in item.aliases
        if canonical(alias) == canonical(item.label.zh)
    ]
    assert redundant == []
