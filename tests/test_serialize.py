"""Serializers: exact round trips and strict loading that lists every problem."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import (
    LoadError,
    Report,
    Requests,
    Source,
    _fast_load,
    catalog,
    from_dict,
    from_json,
    make_converter,
    problems_of,
    to_dict,
    to_json,
)
from govinfo_report import strategies as report_st
from govinfo_report.catalog import CellKind, FormatVersion, Grid
from govinfo_report.serialize import _ENCODER, _explain


@settings(max_examples=500)
@given(report_st.reports("2019"))
def test_json_round_trip_2019(report: Report) -> None:
    """from_json(to_json(r)) == r for every valid 2019 report."""
    assert from_json(to_json(report)) == report


@settings(max_examples=500)
@given(report_st.reports("2021"))
def test_json_round_trip_2021(report: Report) -> None:
    """from_json(to_json(r)) == r for every valid 2021 report."""
    assert from_json(to_json(report)) == report


@settings(max_examples=200)
@given(report_st.reports())
def test_dict_round_trip_any_mix_of_versions(report: Report) -> None:
    """Dicts round-trip too, including reports that mix versions per table."""
    assert from_dict(to_dict(report)) == report
    assert from_json(to_json(report, indent=2)) == report


def _grids(report: Report) -> list[Grid]:
    return [
        *(t.grid for t in report.proactive_disclosure.tables),
        report.requests.grid,
        report.review_litigation.grid,
    ]


def _cell_paths(report: Report) -> list[str]:
    return [
        catalog.cell_path(grid, row.id, column.id)
        for grid in _grids(report)
        for row, column in grid.cells()
    ]


def _at(document: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The dict holding the last key of ``path``, and that key."""
    *parents, key = path.removeprefix("$.").split(".")
    node = document
    for parent in parents:
        node = node[parent]
    return node, key


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_cell_is_in_the_document_in_official_order(version: str) -> None:
    """The document has every numeric cell of the version (198 / 200) under its catalog ids."""
    document = to_dict(Report.blank(version))
    paths = _cell_paths(Report.blank(version))
    assert len(paths) == catalog.format_spec(version).size
    for path in paths:
        holder, key = _at(document, path)
        assert key in holder
    assert list(document) == [
        "organ",
        "year",
        "source",
        "overview",
        "proactive_disclosure",
        "requests",
        "review_litigation",
        "problems_improvements",
        "other_matters",
    ]
    assert list(document["requests"]) == [
        "format",
        *(row.id for row in catalog.requests_grid(version).rows),
    ]
    assert document["requests"]["format"] == version


def test_json_keeps_chinese_unescaped_and_amounts_exact() -> None:
    """Chinese text is written as is; 万元 amounts keep every digit."""
    report = Report.blank("2021", organ="淮安市人民政府").__class__(
        organ="淮安市人民政府",
        proactive_disclosure=Report.blank("2021").proactive_disclosure.with_cells(
            {("art20_8", "admin_fees", "fee_amount"): Decimal("7730.28")}
        ),
        requests=Report.blank("2021").requests,
        review_litigation=Report.blank("2021").review_litigation,
    )
    text = to_json(report)
    assert '"organ":"淮安市人民政府"' in text
    assert '"fee_amount":7730.28' in text
    assert from_json(text).proactive_disclosure.cell("art20_8", "admin_fees", "fee_amount") == (
        Decimal("7730.28")
    )


def test_three_bad_cells_give_one_error_with_three_paths() -> None:
    """Every problem in a document is listed at once, with its path and value."""
    document = to_dict(Report.blank("2021"))
    document["requests"]["granted"]["natural_person"] = -1
    document["requests"]["withheld_state_secret"]["total"] = True
    document["review_litigation"]["review"]["upheld"] = "3"
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert raised.value.paths == (
        "$.requests.granted.natural_person",
        "$.requests.withheld_state_secret.total",
        "$.review_litigation.review.upheld",
    )
    message = str(raised.value)
    assert "3 problems" in message
    assert "got -1" in message
    assert "got True" in message
    assert "got '3'" in message


_CORRUPTIONS = ("negative", "boolean", "string", "fraction", "missing", "extra", "object")


def _corrupt(document: dict[str, Any], path: str, kind: str, column_kind: CellKind) -> str:
    """Corrupt one cell in place; return the path the loader must report."""
    holder, key = _at(document, path)
    if kind == "negative":
        holder[key] = -1 if column_kind is not CellKind.SIGNED_COUNT else "−1"
    elif kind == "boolean":
        holder[key] = False
    elif kind == "string":
        holder[key] = "12"
    elif kind == "fraction":
        holder[key] = 1.5 if column_kind is not CellKind.AMOUNT else "1.5"
    elif kind == "missing":
        del holder[key]
    elif kind == "extra":
        holder[key + "_extra"] = 0
        return path + "_extra"
    else:
        holder[key] = {"value": 1}
    return path


@settings(max_examples=500)
@given(report_st.reports(), st.data())
def test_any_single_corruption_is_rejected_at_its_path(report: Report, data: st.DataObject) -> None:
    """Loading rejects each kind of corruption of any one cell, naming exactly that path."""
    document = copy.deepcopy(to_dict(report))
    grids = _grids(report)
    grid = data.draw(st.sampled_from(grids))
    row, column = data.draw(st.sampled_from(list(grid.cells())))
    kind = data.draw(st.sampled_from(_CORRUPTIONS))
    expected_path = _corrupt(
        document, catalog.cell_path(grid, row.id, column.id), kind, column.kind
    )
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert raised.value.paths == (expected_path,)
    # The JSON loader's fast path must reject it too, and explain it the same way.
    with pytest.raises(LoadError) as raised_from_json:
        from_json(_ENCODER.encode(document))
    assert raised_from_json.value.paths == (expected_path,)


def _reference_document(report: Report) -> dict[str, Any]:
    """The document built the plain way, from the model's accessors: an oracle for to_dict."""
    document: dict[str, Any] = {
        "organ": report.organ,
        "year": report.year,
        "source": None if report.source is None else attrs.asdict(report.source),
        "overview": report.overview,
        "proactive_disclosure": {
            "format": report.proactive_disclosure.format.value,
            **{t.grid.id: t.rows() for t in report.proactive_disclosure.tables},
        },
        "requests": {"format": report.requests.format.value, **report.requests.rows()},
        "review_litigation": report.review_litigation.rows(),
        "problems_improvements": report.problems_improvements,
        "other_matters": report.other_matters,
    }
    return document


def _key_orders(node: object) -> list[list[str]]:
    if not isinstance(node, dict):
        return []
    orders = [list(node)]
    for value in node.values():
        orders.extend(_key_orders(value))
    return orders


@settings(max_examples=300)
@given(report_st.reports())
def test_documents_are_what_the_model_says(report: Report) -> None:
    """to_dict and to_json give the model's values under catalog ids, in official order."""
    reference = _reference_document(report)
    document = to_dict(report)
    assert document == reference
    assert _key_orders(document) == _key_orders(reference)
    assert to_json(report) == _ENCODER.encode(reference).decode("utf-8")


@settings(max_examples=300)
@given(report_st.reports())
def test_fast_path_accepts_every_valid_document(report: Report) -> None:
    """Valid documents never fall back to the slow explaining loader (speed), and load equal."""
    from_text = _fast_load.load_json(to_json(report))
    from_python = _fast_load.load_python(to_dict(report))
    assert from_text == report
    assert from_python == report
    # The fast path builds the model without re-running its validators: what it built must pass
    # them, section by section.
    for loaded in (from_text, from_python):
        assert loaded is not None
        sections = {
            name: attrs.evolve(getattr(loaded, name))
            for name in ("proactive_disclosure", "requests", "review_litigation")
        }
        tables = tuple(attrs.evolve(t) for t in loaded.proactive_disclosure.tables)
        assert attrs.evolve(loaded, **sections) == loaded
        assert tables == loaded.proactive_disclosure.tables


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (lambda d: d["requests"].update(format="2020"), "$.requests.format", "expected one of"),
        (lambda d: d["requests"].pop("format"), "$.requests.format", "missing"),
        (lambda d: d.update(requests=[]), "$.requests", "expected an object"),
        (lambda d: d.update(year=2023.5), "$.year", "expected a year"),
        (lambda d: d.update(source={"url": 1}), "$.source.url", "expected a string"),
        (lambda d: d.update(extra=1), "$.extra", "unknown key"),
        (
            lambda d: d["review_litigation"].update(review=None),
            "$.review_litigation.review",
            "expected an object",
        ),
        (
            lambda d: d["proactive_disclosure"].pop("art20_5"),
            "$.proactive_disclosure.art20_5",
            "missing",
        ),
        (
            lambda d: d["proactive_disclosure"]["art20_1"].update(regulations=[]),
            "$.proactive_disclosure.art20_1.regulations",
            "expected an object",
        ),
    ],
)
def test_structural_problems_are_named(mutate: Any, path: str, message: str) -> None:
    """Wrong tags, wrong containers and unknown keys are rejected with their path."""
    document = to_dict(Report.blank("2021"))
    mutate(document)
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert path in raised.value.paths
    assert message in str(raised.value)


def test_a_2019_table_under_a_2021_tag_is_rejected() -> None:
    """Switching a table's format tag without its rows is caught row by row."""
    document = to_dict(Report.blank("2019"))
    document["requests"]["format"] = "2021"
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert "$.requests.other_handling" in raised.value.paths
    assert "$.requests.other_misc" in raised.value.paths


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '"report"', b"\xff\xfe"])
def test_not_a_report_document(text: str | bytes) -> None:
    """Malformed JSON and non-objects are a LoadError at the root, not a decoder traceback."""
    with pytest.raises(LoadError) as raised:
        from_json(text)
    assert raised.value.paths == ("$",)


def test_amounts_load_from_ints_and_floats_exactly() -> None:
    """An amount written as an int or float in a dict loads as the Decimal that was written."""
    document = to_dict(Report.blank("2021"))
    document["proactive_disclosure"]["art20_8"]["admin_fees"]["fee_amount"] = 0.1
    assert from_dict(document).proactive_disclosure.cell("art20_8", "admin_fees", "fee_amount") == (
        Decimal("0.1")
    )
    document["proactive_disclosure"]["art20_8"]["admin_fees"]["fee_amount"] = 316441
    loaded = from_dict(document).proactive_disclosure.cell("art20_8", "admin_fees", "fee_amount")
    assert loaded == Decimal(316441)
    assert isinstance(loaded, Decimal)


@pytest.mark.parametrize("written", [3.0, Decimal(3), Decimal("3.00"), Decimal("0.3E+1")])
def test_whole_numbers_written_with_a_point_load_as_ints(written: object) -> None:
    """3.0 or 3E+0 is the count 3, as in JSON Schema's integer; 3.5 is not a count."""
    document = to_dict(Report.blank("2021"))
    document["requests"]["granted"]["total"] = written
    document["year"] = Decimal("2024.0")
    report = from_dict(document)
    assert report.requests.cell("granted", "total") == 3
    assert type(report.requests.cell("granted", "total")) is int
    assert report.year == 2024
    assert from_json(to_json(report).replace('"year":2024', '"year":2024.0')).year == 2024
    document["requests"]["granted"]["total"] = 3.5
    with pytest.raises(LoadError, match=r"\$\.requests\.granted\.total"):
        from_dict(document)


def test_converter_embeds_reports() -> None:
    """make_converter() structures reports inside the caller's own types, strictly."""
    converter = make_converter()
    report = Report.blank("2021", year=2024)
    assert converter.structure(converter.unstructure(report), Report) == report
    assert (
        json.loads(json.dumps(converter.unstructure(Report.blank("2019"))))["requests"]["format"]
        == FormatVersion.V2019.value
    )
    with pytest.raises(LoadError):
        converter.structure({"organ": None}, Report)
    assert make_converter() is not converter


@attrs.frozen
class _Filing:
    """A user's own class holding one report."""

    clerk: str
    report: Report


@attrs.frozen
class _Batch:
    """A user's own class holding a list of reports and a dict of reports by organ."""

    reports: list[Report]
    by_organ: dict[str, Report]


def test_converter_explains_reports_inside_the_users_classes() -> None:
    """Bad cells of embedded reports are located from the user's root: lists, dicts, fields."""
    converter = make_converter()
    reports = [Report.blank("2021", organ=f"机关{i}", year=2024) for i in range(5)]
    batch = _Batch(reports, {"淮安市": Report.blank("2019")})
    document = converter.unstructure(batch)
    assert converter.structure(document, _Batch) == batch
    document["reports"][3]["requests"]["granted"]["total"] = -1
    document["reports"][3]["year"] = "2024"
    document["by_organ"]["淮安市"]["review_litigation"]["review"]["upheld"] = True
    with pytest.raises(ClassValidationError) as raised:
        converter.structure(document, _Batch)
    problems = problems_of(raised.value)
    assert [str(problem) for problem in problems] == [
        "$.reports[3].year: expected a year from 2008 to 2100 or null, got '2024'",
        "$.reports[3].requests.granted.total: expected a count >= 0, got -1",
        (
            "$.by_organ['淮安市'].review_litigation.review.upheld: "
            "expected a whole number or null, got True"
        ),
    ]
    filing = converter.unstructure(_Filing("张三", reports[0]))
    del filing["report"]["organ"]
    with pytest.raises(ClassValidationError) as raised_filing:
        converter.structure(filing, _Filing)
    (missing,) = problems_of(raised_filing.value)
    assert (missing.path, missing.message, missing.has_value) == (
        "$.report.organ",
        "missing",
        False,
    )


def test_converter_describes_the_users_own_fields_too() -> None:
    """A problem outside any report is described as cattrs describes it, at its path."""
    converter = make_converter()
    document = converter.unstructure(_Filing("张三", Report.blank("2021")))
    document["extra"] = 1
    with pytest.raises(ClassValidationError) as raised:
        converter.structure(document, _Filing)
    (problem,) = problems_of(raised.value)
    assert problem.path == "$"
    assert "extra" in problem.message


def test_the_explaining_loader_and_the_fast_path_agree_on_valid_documents() -> None:
    """Both loader paths build the same report from a valid document."""
    for version in ("2019", "2021"):
        document = to_dict(Report.blank(version, organ="某某", year=2020))
        assert _explain(document) == _fast_load.load_python(document) == from_dict(document)


def test_problems_of_ignores_notes_that_are_not_paths() -> None:
    """A note someone else added to an error does not move its problem."""
    error = ValueError("bad")
    error.add_note("checked by a user's hook")
    (problem,) = problems_of(ClassValidationError("in a report", [error], dict), "$.reports[0]")
    assert (problem.path, problem.has_value) == ("$.reports[0]", False)


@attrs.frozen
class _Parts:
    """A user's class holding parts of reports rather than whole reports."""

    version: FormatVersion
    source: Source | None
    requests: Requests


def test_converter_structures_the_parts_of_reports_strictly() -> None:
    """Versions, sources and tables inside a user's class load as strictly as in a report."""
    converter = make_converter()
    requests_document = to_dict(Report.blank("2019"))["requests"]
    document = {"version": "2021", "source": {"title": None, "url": None, "file": None}}
    parts = converter.structure({**document, "requests": requests_document}, _Parts)
    assert parts == _Parts(FormatVersion.V2021, Source(), Requests.blank("2019"))
    assert converter.unstructure(parts.version) == "2021"
    bad = {"version": "2020", "source": {"title": 1}, "requests": {"format": "2019"}}
    with pytest.raises(ClassValidationError) as raised:
        converter.structure(bad, _Parts)
    assert [problem.path for problem in problems_of(raised.value)] == [
        "$.version",
        "$.source.url",
        "$.source.file",
        "$.source.title",
        *(f"$.requests.{row.id}" for row in catalog.requests_grid("2019").rows),
    ]
