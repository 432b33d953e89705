"""The JSON Schema: generated, published, portable, bilingual, as strict as the loader."""

from __future__ import annotations

import copy
import functools
import json
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from _corpus import CORPUS, corpus_document, example_texts
from govinfo_report import (
    LoadError,
    ProactiveDisclosure,
    Problem,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
    catalog,
    from_dict,
    from_json,
    strategies,
    to_dict,
    to_json,
)
from govinfo_report.catalog import CellKind, FormatVersion, Grid
from govinfo_report.model import MAX_YEAR, MIN_YEAR
from govinfo_report.rules import check as check_report
from govinfo_report.schema import (
    ALL_VERSIONS,
    CONTRACT_VERSION,
    DIALECT,
    SCHEMA_VERSIONS,
    SCHEMAS_PACKAGE,
    json_schema,
    published_files,
    rules_text,
    schema_id,
    schema_text,
    validate_document,
)
from govinfo_report.serialize import FORMAT_KEY

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator

ROOT = Path(__file__).parents[1]
VERSIONS = tuple(version.value for version in catalog.FORMATS)
VERSIONED_SECTIONS = ("proactive_disclosure", "requests")

# --- Published files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "folder",
    [ROOT / "schemas", Path(str(resources.files(SCHEMAS_PACKAGE)))],
    ids=["repo", "package"],
)
def test_committed_schemas_are_the_generated_ones(folder: Path) -> None:
    """schemas/ and the package copy hold exactly what the code generates (docs/partners.md)."""
    generated = published_files()
    committed = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.json")}
    assert sorted(generated) == sorted(committed)
    for name, text in generated.items():
        assert committed[name] == text, f"{folder / name} is stale"


def test_schema_examples_are_the_corpus_reports() -> None:
    """The packaged examples are the corpus expected files, converted by tests/_corpus.py."""
    folder = resources.files("govinfo_report.examples")
    for name, text in example_texts().items():
        assert folder.joinpath(name).read_text(encoding="utf-8") == text


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_schema_passes_the_metaschema(version: str) -> None:
    """Every schema is a valid draft 2020-12 schema and says so."""
    schema = json_schema(version)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT


def test_ids_are_stable_and_versioned() -> None:
    """$id is the URN BASE:contract version:report-<version>, one per published schema."""
    ids = [json_schema(version)["$id"] for version in SCHEMA_VERSIONS]
    assert ids == [schema_id(version) for version in SCHEMA_VERSIONS]
    for version, schema_uri in zip(SCHEMA_VERSIONS, ids, strict=True):
        assert schema_uri == f"urn:govinfo-report:schema:{CONTRACT_VERSION}:report-{version}"
    assert schema_id(FormatVersion.V2021) == schema_id("2021")


def test_unknown_version_is_refused_by_name() -> None:
    """Asking for a schema of a version that does not exist names the known ones."""
    with pytest.raises(ValueError, match="known versions"):
        json_schema("2020")


def test_json_schema_returns_a_fresh_copy() -> None:
    """Changing the returned dict does not change the next one."""
    json_schema("2021")["title"] = "changed"
    assert json_schema("2021")["title"] == catalog.format_spec("2021").title.zh
    assert schema_text("2021") == published_files()["report-2021.json"]


# --- Portability: only standard draft 2020-12 vocabulary -----------------------------------

# Applicator and validation keywords that take subschemas, as draft 2020-12 defines them.
_SUBSCHEMA_MAPS = {"properties", "$defs"}
_SUBSCHEMA_LISTS = {"allOf"}
_SUBSCHEMA_SINGLE = {"if", "then"}
_VALUE_KEYWORDS = {
    "$schema", "$id", "$ref", "title", "description", "examples", "type", "const", "enum",
    "required", "additionalProperties", "minimum", "maximum",
}  # fmt: skip


def _subschemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield schema
    for keyword, value in schema.items():
        if keyword in _SUBSCHEMA_MAPS:
            for child in value.values():
                yield from _subschemas(child)
        elif keyword in _SUBSCHEMA_LISTS:
            for child in value:
                yield from _subschemas(child)
        elif keyword in _SUBSCHEMA_SINGLE:
            yield from _subschemas(value)


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_schema_uses_only_standard_keywords(version: str) -> None:
    """No vendor keyword, no format, no pattern: what every 2020-12 validator implements."""
    for schema in _subschemas(json_schema(version)):
        unknown = set(schema) - _VALUE_KEYWORDS - _SUBSCHEMA_MAPS - _SUBSCHEMA_LISTS
        assert unknown - _SUBSCHEMA_SINGLE == set(), unknown
        if "$ref" in schema:
            assert schema["$ref"].startswith("#/$defs/")
        if "additionalProperties" in schema:
            assert schema["additionalProperties"] is False


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_every_object_is_closed(version: str) -> None:
    """additionalProperties is false on every object; the all-versions wrapper closes per branch."""
    schema = json_schema(version)
    conditions = [id(branch["if"]) for s in _subschemas(schema) for branch in s.get("allOf", [])]
    objects = 0
    for sub in _subschemas(schema):
        if id(sub) in conditions or "properties" not in sub:
            continue
        objects += 1
        if "allOf" in sub:
            for branch in sub["allOf"]:
                target = branch["then"]["$ref"].removeprefix("#/$defs/")
                assert schema["$defs"][target]["additionalProperties"] is False
        else:
            assert sub["additionalProperties"] is False, sub.get("title")
            assert sub["required"] == list(sub["properties"])
    assert objects > 10


# --- Contents from the catalog ---------------------------------------------------------------


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def _section_schema(schema: dict[str, Any], section: str, version: str) -> dict[str, Any]:
    node = schema["properties"][section]
    if "allOf" in node:
        (branch,) = (
            b for b in node["allOf"] if b["if"]["properties"]["format"]["const"] == version
        )
        node = branch["then"]
    return _resolve(schema, node)


def _grid_schemas(schema: dict[str, Any], version: str) -> Iterator[tuple[Grid, dict[str, Any]]]:
    spec = catalog.format_spec(version)
    for section in spec.sections:
        if not section.grids:
            continue
        node = _section_schema(schema, section.id, version)
        if len(section.grids) == 1:
            yield section.grids[0], node
        else:
            for grid in section.grids:
                yield grid, node["properties"][grid.id]


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_keys_follow_the_official_order(version: str) -> None:
    """Top-level keys follow the model; rows and columns follow the form, in every table."""
    schema = json_schema(version)
    assert list(schema["properties"]) == list(to_dict(Report.blank("2021")))
    for v in VERSIONS if version == ALL_VERSIONS else (version,):
        for grid, node in _grid_schemas(schema, v):
            row_ids = [key for key in node["properties"] if key != FORMAT_KEY]
            assert row_ids == [row.id for row in grid.rows]
            for row in grid.rows:
                cells = _resolve(schema, node["properties"][row.id])
                assert list(cells["properties"]) == [column.id for column in grid.columns]


@pytest.mark.parametrize("version", VERSIONS)
def test_labels_are_bilingual_and_units_stated(version: str) -> None:
    """Tables, rows, columns: the official Chinese label as title, English in the description."""
    schema = json_schema(version)
    for section in catalog.format_spec(version).sections:
        node = schema["properties"][section.id]
        assert node["title"] == section.heading.zh
        assert section.heading.en in node["description"]
    for grid, node in _grid_schemas(schema, version):
        assert node["title"] in {
            grid.label.zh,
            *(s.heading.zh for s in catalog.format_spec(version).sections),
        }
        for identity in grid.identities:
            assert identity.description.zh in node["description"]
        for row in grid.rows:
            row_node = node["properties"][row.id]
            assert row_node["title"] == row.label.zh
            assert row.label.en in row_node["description"]
            for column in grid.columns:
                cell = _resolve(schema, row_node)["properties"][column.id]
                assert cell["title"] == column.label.zh
                assert column.label.en in cell["description"]
                if column.unit is not None:
                    assert f"Unit: {column.unit.zh}" in cell["description"]


@pytest.mark.parametrize("version", VERSIONS)
def test_cells_allow_what_their_kind_allows(version: str) -> None:
    """Counts: integers >= 0; signed counts: any integer; amounts: numbers >= 0; all nullable."""
    schema = json_schema(version)
    expected = {
        CellKind.COUNT: {"type": ["integer", "null"], "minimum": 0},
        CellKind.SIGNED_COUNT: {"type": ["integer", "null"]},
        CellKind.AMOUNT: {"type": ["number", "null"], "minimum": 0},
    }
    for grid, node in _grid_schemas(schema, version):
        for row in grid.rows:
            cells = _resolve(schema, node["properties"][row.id])["properties"]
            for column in grid.columns:
                assertions = {
                    k: v for k, v in cells[column.id].items() if k not in {"title", "description"}
                }
                assert assertions == expected[column.kind]


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_examples_are_real_reports_that_validate(version: str) -> None:
    """The examples are corpus reports, valid for any standard validator and for the loader."""
    schema = json_schema(version)
    assert schema["examples"]
    standard = Draft202012Validator(schema)
    for example in schema["examples"]:
        assert list(standard.iter_errors(example)) == []
        assert to_dict(from_dict(example)) is not None
        assert example["organ"]
    if version == ALL_VERSIONS:
        mixed = {tuple(e[s]["format"] for s in VERSIONED_SECTIONS) for e in schema["examples"]}
        assert any(len(set(formats)) > 1 for formats in mixed)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.json")), ids=lambda path: path.stem)
def test_every_corpus_report_validates(path: Path) -> None:
    """Each real report of the corpus, as a document, is valid in its own format and in all."""
    document = corpus_document(json.loads(path.read_text(encoding="utf-8")))
    assert validate_document(document) == ()
    version = _uniform_version(document)
    if version is not None:
        assert validate_document(document, version=version) == ()
    assert _loads(document)


# --- validate_document ------------------------------------------------------------------------


def test_problems_have_the_loader_shape() -> None:
    """Each problem is a Problem with the same path the loader gives, every one at once."""
    document = to_dict(Report.blank("2021"))
    document["requests"]["granted"]["natural_person"] = -1
    document["requests"]["withheld_state_secret"]["total"] = True
    document["review_litigation"]["review"]["upheld"] = "3"
    del document["review_litigation"]["litigation_direct"]["total"]
    document["source"] = {"title": None, "url": None, "file": None, "page": 3}
    problems = validate_document(document)
    assert all(isinstance(problem, Problem) for problem in problems)
    expected_paths = {
        "$.requests.granted.natural_person",
        "$.requests.withheld_state_secret.total",
        "$.review_litigation.review.upheld",
        "$.review_litigation.litigation_direct.total",
        "$.source.page",
    }
    assert {problem.path for problem in problems} == expected_paths
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert set(raised.value.paths) == expected_paths
    by_path = {problem.path: problem for problem in problems}
    assert str(by_path["$.review_litigation.litigation_direct.total"]).endswith(": missing")
    assert by_path["$.requests.withheld_state_secret.total"].value is True
    assert str(by_path["$.source.page"]) == "$.source.page: unknown key, got 3"


def test_a_year_out_of_range() -> None:
    """Years run from 2008 (the first year of reports) to 2100, in the schema as in the loader."""
    for year, message in ((2101, "expected a number <= 2100"), (2007, "expected a number >= 2008")):
        document = to_dict(Report.blank("2021", year=2024))
        document["year"] = year
        assert validate_document(document) == (Problem("$.year", message, year),)
        assert not _loads(document)


def test_a_type_error_is_reported_once() -> None:
    """A negative fraction in a count is one problem (its type), not two."""
    document = to_dict(Report.blank("2019"))
    document["requests"]["granted"]["total"] = -1.5
    (problem,) = validate_document(document)
    assert problem == Problem("$.requests.granted.total", "expected a whole number or null", -1.5)


def test_a_version_schema_rejects_the_other_version() -> None:
    """The 2021 schema names the tag and the rows a 2019 document has wrong."""
    document = to_dict(Report.blank("2019"))
    paths = {problem.path for problem in validate_document(document, version="2021")}
    assert "$.requests.format" in paths
    assert "$.requests.other_handling" in paths
    assert "$.requests.other_misc" in paths
    assert validate_document(document, version="2019") == ()


def test_the_loader_engine_gives_the_same_verdict_faster() -> None:
    """engine="loader" returns the loader's problems, and checks the tag of a version schema."""
    document = to_dict(Report.blank("2019"))
    assert validate_document(document, engine="loader") == ()
    assert validate_document(document, version="2021", engine="loader") == (
        Problem("$.proactive_disclosure.format", 'expected "2021"', "2019"),
        Problem("$.requests.format", 'expected "2021"', "2019"),
    )
    document["requests"]["granted"]["total"] = -1
    assert validate_document(document, engine="loader") == (
        Problem("$.requests.granted.total", "expected a count >= 0", -1),
    )
    with pytest.raises(ValueError, match="known engines"):
        validate_document(document, engine="rust")


@pytest.mark.parametrize("data", [[], "report", None, 3])
def test_not_an_object(data: object) -> None:
    """A document that is not an object is one problem at the root."""
    assert validate_document(data) == (Problem("$", "expected an object", data),)


def test_json_numbers_as_decoders_give_them() -> None:
    """3.0 and Decimal('3') count as whole numbers; NaN and infinity are no JSON numbers."""
    document = to_dict(Report.blank("2021"))
    document["requests"]["granted"]["total"] = 3.0
    document["requests"]["partially_granted"]["total"] = Decimal("3E+1")
    document["proactive_disclosure"]["art20_8"]["admin_fees"]["fee_amount"] = Decimal("0.50")
    assert validate_document(document) == ()
    assert from_dict(document).requests.cell("partially_granted", "total") == 30
    for bad in (float("nan"), float("inf"), Decimal("NaN"), Decimal("Infinity")):
        document["proactive_disclosure"]["art20_8"]["admin_fees"]["fee_amount"] = bad
        assert [p.path for p in validate_document(document)] == [
            "$.proactive_disclosure.art20_8.admin_fees.fee_amount"
        ]
        with pytest.raises(LoadError):
            from_dict(document)


# --- Agreement with the loader, both ways (hypothesis) ---------------------------------------
#
# A report of ~200 cells drawn cell by cell through Hypothesis costs ~0.2 s, too slow for 500
# examples of several properties. Here Hypothesis draws a seed for the bulk of a document and
# the few choices that matter (where to corrupt, how): the bulk comes from a seeded RNG over
# pools of edge cases, which over 500 documents of ~200 cells covers every pool many times.

PROPERTY = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_seeds = st.randoms(use_true_random=True)

_TEXTS = (None, "", "淮安市人民政府", "一、总体情况\n本机关……", " ", "𝕏\u0000\u202e", "null", "0")


def _random_cell(rng: random.Random, kind: CellKind, blank_rate: float) -> object:
    if rng.random() < blank_rate:
        return None
    size = rng.choice((1, 21, 10**7, 10**30))
    if kind is CellKind.COUNT:
        return rng.randrange(size)
    if kind is CellKind.SIGNED_COUNT:
        return rng.randrange(-size, size)
    return Decimal(rng.randrange(size)).scaleb(-rng.randrange(5))


def _random_report(rng: random.Random) -> Report:
    """Any valid report, built through the model (so its document is one the library emits)."""
    blank_rate = rng.choice((0.0, 0.1, 0.5, 1.0))

    def values(grid: Grid) -> tuple[Any, ...]:
        return tuple(_random_cell(rng, column.kind, blank_rate) for _row, column in grid.cells())

    proactive_version = rng.choice(VERSIONS)
    requests_version = rng.choice(VERSIONS)
    proactive = catalog.format_spec(proactive_version).section("proactive_disclosure")
    source = rng.choice((None, Source(), Source(title=rng.choice(_TEXTS), url="http://x.cn/a")))
    return Report(
        organ=rng.choice(_TEXTS),
        year=rng.choice((None, MIN_YEAR, 2023, MAX_YEAR)),
        source=source,
        overview=rng.choice(_TEXTS),
        proactive_disclosure=ProactiveDisclosure(
            proactive_version, tuple(Table(grid, values(grid)) for grid in proactive.grids)
        ),
        requests=Requests(requests_version, values(catalog.requests_grid(requests_version))),
        review_litigation=ReviewLitigation(values(catalog.REVIEW_LITIGATION_GRID)),
        problems_improvements=rng.choice(_TEXTS),
        other_matters=rng.choice(_TEXTS),
    )


def _uniform_version(document: dict[str, Any]) -> str | None:
    tags = {document[section][FORMAT_KEY] for section in VERSIONED_SECTIONS}
    return tags.pop() if len(tags) == 1 else None


def _loads(document: object) -> bool:
    try:
        from_dict(document)
    except LoadError:
        return False
    return True


def _assert_emitted_document_validates(report: Report) -> None:
    document = to_dict(report)
    assert validate_document(document) == ()
    version = _uniform_version(document)
    if version is not None:
        assert validate_document(document, version=version) == ()
    # As a partner receives it: JSON text, read by a validator without our Python bindings.
    assert list(_STANDARD.iter_errors(json.loads(to_json(report)))) == []


_STANDARD = Draft202012Validator(json_schema())


@PROPERTY
@given(strategies.reports() | strategies.consistent_reports())
def test_every_emitted_document_validates(report: Report) -> None:
    """to_dict and to_json output is valid: for us, for a standard validator, in its version."""
    _assert_emitted_document_validates(report)


@settings(PROPERTY, max_examples=200)
@given(_seeds)
def test_emitted_documents_with_huge_numbers_validate(rng: random.Random) -> None:
    """The same for reports with 30-digit counts and amounts of many decimal places."""
    _assert_emitted_document_validates(_random_report(rng))


_Path = tuple[str, ...]


def _nodes(value: object, path: _Path = ()) -> Iterator[tuple[_Path, object]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))


def _at(document: Any, path: _Path) -> Any:
    for key in path:
        document = document[key]
    return document


def _json_path(path: _Path) -> str:
    return "$" + "".join(f".{key}" for key in path)


def _kind_at(document: dict[str, Any], path: _Path) -> str:
    """What the schema expects at a path: a cell kind, text, year, format tag or object."""
    if path and path[-1] == FORMAT_KEY:
        return "format"
    if path == ("year",):
        return "year"
    if isinstance(_at(document, path), dict) or path in _OBJECTS:
        return "object"
    section, *rest = path
    if section == "review_litigation":
        grid = catalog.REVIEW_LITIGATION_GRID
    elif section == "requests":
        grid = catalog.requests_grid(document[section][FORMAT_KEY])
    elif section == "proactive_disclosure":
        spec = catalog.format_spec(document[section][FORMAT_KEY])
        grid = spec.section(section).grid(rest.pop(0))
    else:
        return "text"
    kind: str = grid.column(rest[-1]).kind.value
    return kind


_TOP_LEVEL = json_schema("all")["properties"]
_OBJECTS = {(key,) for key, node in _TOP_LEVEL.items() if "object" in node.get("type", ())}
"""Top-level keys holding an object, even where the document has null there (``source``)."""
_NULLABLE = {(key,) for key, node in _TOP_LEVEL.items() if "null" in node.get("type", ())}
"""Top-level keys that may be null (``source``, ``organ``…): null is no corruption there."""

_WRONG_TYPES: dict[str, tuple[object, ...]] = {
    "object": ("x", 1, True, [], None),
    "text": (1, 1.5, True, [], {}),
    "year": ("2023", True, 2023.5, [], {}, MAX_YEAR + 1),
    "format": (2021, "2020", None, True, [], "2021 "),
    CellKind.COUNT.value: ("12", True, False, 1.5, [], {}, "−1"),
    CellKind.SIGNED_COUNT.value: ("12", True, 1.5, [], {}, "-8", float("nan")),
    CellKind.AMOUNT.value: ("12.5", True, [], {}, "251000元", float("inf")),
}
_NEGATIVES: dict[str, tuple[object, ...]] = {
    CellKind.COUNT.value: (-1, -1.0, Decimal(-3), -(10**30)),
    CellKind.AMOUNT.value: (-0.01, -1, Decimal("-0.0001")),
    "year": (MIN_YEAR - 1,),
}
_EXTRA_KEYS = ("extra", "total_extra", "Format", "organ ", "其他")


@st.composite
def _corruptions(draw: st.DrawFn) -> tuple[object, str]:
    """A document the library emits with one thing wrong, and the path where it is wrong."""
    document = to_dict(_random_report(draw(_seeds)))
    path, _value = draw(st.sampled_from(list(_nodes(document))))
    kind = "object" if not path else _kind_at(document, path)
    # A null object (no source) has no keys to add to.
    extra = kind == "object" and _at(document, path) is not None
    corruptions = ["wrong type", "extra key" if extra else "wrong type"]
    if path:
        corruptions.append("missing key")
    if kind in _NEGATIVES:
        corruptions.append("negative")
    corruption = draw(st.sampled_from(corruptions))
    if corruption == "extra key":
        key = draw(st.sampled_from(_EXTRA_KEYS))
        _at(document, path)[key] = 0
        return document, _json_path((*path, key))
    if not path:
        return copy.deepcopy(draw(st.sampled_from(_WRONG_TYPES[kind]))), "$"
    holder = _at(document, path[:-1])
    if corruption == "missing key":
        del holder[path[-1]]
    elif corruption == "negative":
        holder[path[-1]] = draw(st.sampled_from(_NEGATIVES[kind]))
    else:
        wrong = _WRONG_TYPES[kind]
        if path in _NULLABLE:
            wrong = tuple(value for value in wrong if value is not None)
        holder[path[-1]] = copy.deepcopy(draw(st.sampled_from(wrong)))
    return document, _json_path(path)


@PROPERTY
@given(_corruptions(), st.sampled_from(VERSIONS))
def test_every_single_corruption_is_rejected_by_both(
    case: tuple[object, str], version: str
) -> None:
    """Wrong type, negative, extra key, missing key, wrong tag: both reject, at the same path."""
    document, path = case
    assert path in [problem.path for problem in validate_document(document)]
    with pytest.raises(LoadError) as raised:
        from_dict(document)
    assert path in raised.value.paths
    assert validate_document(document, version=version) != ()


# A generator that reads the published schema (not the catalog) and builds any instance it allows,
# with the edge cases other decoders hand over: huge integers, 3.0 or 3E+0 for 3, exponents,
# decimals, -0.0, the smallest and largest doubles.
_GENERATED_KEYWORDS = {
    "$schema", "$id", "$defs", "title", "description", "examples", "type", "properties",
    "required", "additionalProperties", "$ref", "allOf", "const", "enum", "minimum", "maximum",
}  # fmt: skip


def _random_integer(rng: random.Random, low: int | None, high: int | None) -> object:
    low_ = -(10**40) if low is None else low
    high_ = 10**40 if high is None else high
    value = rng.choice(
        (
            low_,
            high_,
            rng.randint(low_, min(high_, low_ + 20)),
            rng.randint(low_, high_),
            min(max(10**30, low_), high_),
        )
    )
    forms: list[object] = [
        value,
        Decimal(value),
        Decimal(f"{value}.000"),
        Decimal(value).normalize(),
    ]
    if abs(value) <= 2**53 or value == 10**30:
        forms.append(float(value))
    return rng.choice(forms)


def _random_number(rng: random.Random, low: int | None) -> object:
    assert low == 0  # the schema bounds every amount below by 0
    return rng.choice(
        (
            _random_integer(rng, 0, None),
            rng.uniform(0, 1e6),
            5e-324,
            1.7976931348623157e308,
            -0.0,
            0.1 + 0.2,
            Decimal(rng.randrange(10**12)).scaleb(-rng.randrange(6)),
            Decimal("1E+400"),
            Decimal("-0.00"),
        )
    )


def _instance(root: dict[str, Any], node: dict[str, Any], rng: random.Random) -> object:
    assert set(node) <= _GENERATED_KEYWORDS, set(node) - _GENERATED_KEYWORDS
    if "$ref" in node:
        return _instance(root, root["$defs"][node["$ref"].removeprefix("#/$defs/")], rng)
    if "allOf" in node:
        # The tag dispatch: build from one branch's target, which constrains the whole object.
        return _instance(root, rng.choice(node["allOf"])["then"], rng)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return rng.choice(node["enum"])
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return _BUILDERS[rng.choice(types)](root, node, rng)


def _object(root: dict[str, Any], node: dict[str, Any], rng: random.Random) -> object:
    assert node["required"] == list(node["properties"])
    assert node["additionalProperties"] is False
    return {key: _instance(root, child, rng) for key, child in node["properties"].items()}


_BUILDERS = {
    "null": lambda _root, _node, _rng: None,
    "string": lambda _root, _node, rng: rng.choice(_TEXTS[1:]),
    "integer": lambda _root, node, rng: _random_integer(
        rng, node.get("minimum"), node.get("maximum")
    ),
    "number": lambda _root, node, rng: _random_number(rng, node.get("minimum")),
    "object": _object,
}


_ENCODER = msgspec.json.Encoder(decimal_format="number")


@PROPERTY
@given(st.sampled_from(SCHEMA_VERSIONS), _seeds)
def test_whatever_the_schema_accepts_the_loader_accepts(version: str, rng: random.Random) -> None:
    """Documents built from the schema alone load, from a dict and from JSON text."""
    schema = json_schema(version)
    document = _instance(schema, schema, rng)
    assert validate_document(document, version=version) == ()
    report = from_dict(document)
    assert validate_document(to_dict(report), version=version) == ()
    assert from_json(_ENCODER.encode(document)) == report


_DELETE = object()
_ANY_VALUE = st.one_of(
    st.just(_DELETE),
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([1.5, 3.0, -0.0, 1e300, float("nan"), Decimal("2.0"), Decimal(-1)]),
    st.sampled_from(["2019", "2021", "", "3"]),
    st.builds(list),
    st.builds(dict),
)


@PROPERTY
@given(_seeds, st.data())
def test_schema_and_loader_agree_on_any_edit(rng: random.Random, data: st.DataObject) -> None:
    """After one to three arbitrary edits, the schema accepts exactly when the loader does."""
    document: Any = to_dict(_random_report(rng))
    for _ in range(data.draw(st.integers(1, 3))):
        path, value = data.draw(st.sampled_from(list(_nodes(document))))
        new = data.draw(_ANY_VALUE)
        if isinstance(value, dict) and data.draw(st.booleans()):
            path = (*path, data.draw(st.sampled_from((FORMAT_KEY, "total", "x"))))
            new = 0 if new is _DELETE else new
        if not path:
            document = document if new is _DELETE else new
        elif new is _DELETE:
            del _at(document, path[:-1])[path[-1]]
        else:
            _at(document, path[:-1])[path[-1]] = new
        if not isinstance(document, dict):
            break
    accepted = validate_document(document) == ()
    assert accepted == _loads(document)
    version = data.draw(st.sampled_from(VERSIONS))
    verdict = validate_document(document, version=version) == ()
    assert verdict == (validate_document(document, version=version, engine="loader") == ())


def test_generator_covers_every_keyword_of_the_schema() -> None:
    """The schema-driven generator knows each keyword the schema uses (else it would skip one)."""
    used = {
        key for v in SCHEMA_VERSIONS for schema in _subschemas(json_schema(v)) for key in schema
    }
    assert used - {"if", "then"} <= _GENERATED_KEYWORDS


# --- The rules files ---------------------------------------------------------------------------


@functools.cache
def _rules_documents() -> list[dict[str, Any]]:
    return [json.loads(rules_text(version)) for version in VERSIONS]


def _schema_paths(schema: dict[str, Any], node: dict[str, Any], path: str) -> Iterator[str]:
    node = _resolve(schema, node)
    yield path
    for branch in node.get("allOf", []):
        yield from _schema_paths(schema, branch["then"], path)
    for key, child in node.get("properties", {}).items():
        yield from _schema_paths(schema, child, f"{path}.{key}")


@pytest.mark.parametrize("version", VERSIONS)
def test_rules_name_only_cells_of_the_schema(version: str) -> None:
    """Every JSON path in rules-<version>.json is a number cell of report-<version>.json."""
    schema = json_schema(version)
    cells = {
        path
        for path in _schema_paths(schema, schema, "$")
        if "number" in str(_resolve(schema, _node_at(schema, path)).get("type"))
        or "integer" in str(_resolve(schema, _node_at(schema, path)).get("type"))
    }
    rules = json.loads(rules_text(version))
    assert rules["format"] == version
    operands = 0
    for rule in rules["rules"]:
        for check in rule["checks"]:
            for key in ("left", "right", "previous", "added", "subtracted"):
                for path in check.get(key, []):
                    operands += 1
                    assert path in cells, (check["id"], path)
            assert check["cell"] in cells
            for path in re.findall(r"\$[.\w]+", check["formula"]):
                assert path in cells
    assert operands > 300


def _node_at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node = schema
    for key in path.split(".")[1:]:
        node = _resolve(schema, node)
        if "allOf" in node:
            node = _resolve(schema, node["allOf"][0]["then"])
        node = node["properties"][key]
    return node


def _partner_status(check: dict[str, Any], value: Callable[[str], Any]) -> str | None:
    """The status of one check of a rules file, or None when it passes (or needs last year)."""
    relation = check["relation"]
    if relation == "not_blank":
        return "failed" if value(check["cell"]) is None else None
    if relation == "continuity":
        return None
    left = [value(path) for path in check["left"]]
    right = [value(path) for path in check["right"]]
    if None in left or None in right:
        return "not_assessable"
    holds = sum(left) == sum(right) if relation == "==" else sum(left) <= sum(right)
    return None if holds else "failed"


def _partner_check(document: dict[str, Any]) -> dict[str, str]:
    """Run the rules files as a partner would, with JSON paths only: {check id: status}."""

    def value(path: str) -> Any:
        node: Any = document
        for key in path.split(".")[1:]:
            node = node[key]
        return node

    statuses: dict[str, str] = {}
    for rules in _rules_documents():
        for rule in rules["rules"]:
            for check in rule["checks"]:
                section = document[check["cell"].split(".")[1]]
                # The rules of each table's own format apply to it.
                if section.get(FORMAT_KEY, rules["format"]) != rules["format"]:
                    continue
                status = _partner_status(check, value)
                if status is not None:
                    statuses[check["id"]] = status
    return statuses


def _library_check(report: Report) -> dict[str, str]:
    return {finding.check: finding.status.value for finding in check_report(report).findings}


@settings(PROPERTY, max_examples=200)
@given(strategies.reports() | strategies.consistent_reports())
def test_the_rules_files_give_the_library_s_findings(report: Report) -> None:
    """Evaluating rules-<version>.json over the JSON finds exactly what check() finds."""
    document = json.loads(to_json(report), parse_float=Decimal)
    assert _partner_check(document) == _library_check(report)


def test_the_rules_files_find_the_corpus_slips() -> None:
    """洪泽区 2023 (2021 table 二, 2019 table 三) prints two wrong totals in table 四: E4 twice."""
    for example in json_schema()["examples"]:
        document = json.loads(json.dumps(example), parse_float=Decimal)
        assert _partner_check(document) == _library_check(from_dict(document))
    hongze = next(e for e in json_schema()["examples"] if e["organ"] == "洪泽区人民政府")
    failed = {k for k, v in _partner_check(hongze).items() if v == "failed" and k[0] == "E"}
    assert {check.split(".")[0] for check in failed} == {"E4"}
    assert len(failed) == 2
