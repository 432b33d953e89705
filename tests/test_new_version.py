"""A template year declared only in the catalog is loaded, checked and published like the others."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import jsonschema
import pytest

from govinfo_report import (
    FormatVersion,
    LoadError,
    Report,
    catalog,
    check,
    from_dict,
    from_json,
    json_schema,
    rule_catalogue,
    to_dict,
    to_json,
    validate_document,
)
from govinfo_report.catalog import FormatSpec, Label
from govinfo_report.render import render_report

CHANGED_LABEL = Label("（一）同意公开", "(1) Agreed to disclose")
"""The one row label the fictitious 2027 form words differently from 2021."""


def _clone_2021_as_2027() -> FormatSpec:
    """The 2021 form under a new version, its row ``granted`` relabelled: catalog data only."""
    base = catalog.format_spec("2021")
    requests = base.section(catalog.REQUESTS_ID)
    (grid,) = requests.grids
    rows = tuple(
        attrs.evolve(row, label=CHANGED_LABEL) if row.id == "granted" else row for row in grid.rows
    )
    new_requests = attrs.evolve(requests, grids=(attrs.evolve(grid, rows=rows),))
    return attrs.evolve(
        base,
        version=FormatVersion.declare("2027"),
        document_number="国办公开办函〔2027〕1号",
        first_report_year=2027,
        sections=tuple(
            new_requests if section.id == catalog.REQUESTS_ID else section
            for section in base.sections
        ),
        markers=("同意公开",),
    )


@pytest.fixture
def v2027() -> Iterator[FormatVersion]:
    """The fictitious 2027 format, declared for one test and withdrawn after it."""
    spec = _clone_2021_as_2027()
    catalog.declare_format(spec)
    try:
        yield spec.version
    finally:
        catalog.withdraw_format(spec.version)


def _report(version: FormatVersion) -> Report:
    report = Report.blank(version, organ="某某市人民政府", year=2027)
    requests = report.requests.with_cells(
        {(row.id, column.id): 0 for row, column in report.requests.grid.cells()}
    )
    review = report.review_litigation.with_cells(
        {(row.id, column.id): 0 for row, column in report.review_litigation.grid.cells()}
    )
    return attrs.evolve(report, requests=requests, review_litigation=review)


def test_the_catalog_knows_the_new_version_as_the_latest(v2027: FormatVersion) -> None:
    """Declared, the version is known by its value and is the newest."""
    assert FormatVersion("2027") is v2027
    assert catalog.latest_version() is v2027
    assert list(catalog.FORMATS)[-1] is v2027
    assert catalog.requests_grid("2027").row("granted").label is CHANGED_LABEL


def test_a_new_version_round_trips_and_loads_strictly(v2027: FormatVersion) -> None:
    """Documents of the new version load (fast path and explaining loader) and round-trip."""
    report = _report(v2027)
    document = to_dict(report)
    assert document["requests"]["format"] == "2027"
    assert from_json(to_json(report)) == report
    assert from_dict(document) == report
    document["requests"]["granted"]["total"] = -1
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert raised.value.paths == ("$.requests.granted.total",)


def test_a_new_version_is_checked_with_its_own_labels(v2027: FormatVersion) -> None:
    """The identities apply, and findings name the new version's labels."""
    report = _report(v2027)
    assert check(report).ok
    slipped = attrs.evolve(report, requests=report.requests.with_cells({("granted", "total"): 5}))
    errors = check(slipped).errors
    assert {finding.rule for finding in errors} == {"E2", "E3"}
    on_granted = [finding for finding in errors if finding.row == "granted"]
    assert on_granted[0].format is v2027
    assert on_granted[0].row_label is CHANGED_LABEL
    assert rule_catalogue("2027")["format"] == "2027"


def test_a_new_version_has_its_schema(v2027: FormatVersion) -> None:
    """The schema of the new version (and the combined one) accepts its documents."""
    document = to_dict(_report(v2027))
    schema = json_schema("2027")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert CHANGED_LABEL.zh in str(schema)
    jsonschema.validate(document, schema)
    assert validate_document(document) == ()
    assert validate_document(document, version="2019") != ()


def test_a_new_version_renders_its_labels(v2027: FormatVersion) -> None:
    """The text rendering prints the new version's labels."""
    assert CHANGED_LABEL.zh in render_report(_report(v2027))


def test_a_withdrawn_version_is_unknown_again() -> None:
    """After the fixture, the catalog is as shipped: 2027 documents are rejected."""
    assert [version.value for version in catalog.FORMATS] == ["2019", "2021"]
    with pytest.raises(LoadError, match="expected one of '2019', '2021'"):
        from_dict({**to_dict(Report.blank("2021")), "requests": {"format": "2027"}})
