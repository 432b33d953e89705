"""The fast paths: msgspec validates a whole document in C, and encodes reports at C speed.

msgspec stops at the first problem, and the library promises every problem at once, so this path
only ever *accepts*: on any doubt it returns ``None`` and the caller runs the explaining loader in
:mod:`govinfo_report.serialize`, which is the reference for what is valid. The structs are
generated from the catalog, like everything else, and the tests check that both paths agree on
every single-cell corruption. Dumping goes the other way through the same structs: the model's
flat tuples become row structs positionally, and msgspec writes them in catalog order.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from itertools import chain
from typing import Annotated, Any, TypeVar

import attrs
import msgspec

from govinfo_report import catalog
from govinfo_report.catalog import CellKind, FormatSpec, FormatVersion, Grid
from govinfo_report.model import (
    MAX_YEAR,
    MIN_YEAR,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
)

FORMAT_KEY = "format"
"""The key of the format version tag in each versioned table (re-exported by serialize)."""

_Count = Annotated[int, msgspec.Meta(ge=0)] | None
_Year = Annotated[int, msgspec.Meta(ge=MIN_YEAR, le=MAX_YEAR)] | None
_Text = str | None


class _Unsure(Exception):  # noqa: N818 - control flow, never leaves this module
    """The fast path cannot vouch for a value; the explaining loader decides."""


def _cell_type(kind: CellKind, amount_type: Any) -> Any:
    if kind is CellKind.AMOUNT:
        return amount_type
    if kind is CellKind.SIGNED_COUNT:
        return int | None
    return _Count


def _grid_struct(
    grid: Grid,
    amount_type: Any,
    row_types: dict[int, tuple[type[msgspec.Struct], ...]],
    grid_types: dict[int, type[msgspec.Struct]],
    *,
    tag: str | None = None,
) -> type[msgspec.Struct]:
    """A struct per row (noted in ``row_types``) and one for the grid (in ``grid_types``)."""
    fields = []
    for row in grid.rows:
        row_struct = msgspec.defstruct(
            f"{grid.id}_{row.id}",
            [(column.id, _cell_type(column.kind, amount_type)) for column in grid.columns],
            forbid_unknown_fields=True,
        )
        fields.append((row.id, row_struct))
    row_types[id(grid)] = tuple(row_type for _name, row_type in fields)
    grid_type = _struct(grid.id, fields, tag)
    grid_types[id(grid)] = grid_type
    return grid_type


def _struct(name: str, fields: list[tuple[str, Any]], tag: str | None) -> type[msgspec.Struct]:
    if tag is None:
        return msgspec.defstruct(name, fields, forbid_unknown_fields=True)
    return msgspec.defstruct(
        f"{name}_{tag}", fields, forbid_unknown_fields=True, tag_field=FORMAT_KEY, tag=tag
    )


@attrs.frozen
class _Plan:
    """The structs of one flavour (JSON bytes or Python objects) and how to build the model."""

    report_type: type[msgspec.Struct]
    versions: dict[type[msgspec.Struct], FormatVersion]
    amount: Callable[[Any], Decimal | None]
    row_types: dict[int, tuple[type[msgspec.Struct], ...]]
    """The row structs of each grid, by ``id(grid)``."""
    grid_types: dict[int, type[msgspec.Struct]]
    """The struct of each grid, by ``id(grid)`` (untagged for section 二's sub-tables)."""
    section_types: dict[tuple[str, FormatVersion | None], type[msgspec.Struct]]
    """The struct of each table section, by section id and format version (None: unversioned)."""
    source_type: type[msgspec.Struct]


@cache
def _row_reader(grid: Grid) -> tuple[Callable[[Any], tuple[Any, ...]], tuple[int, ...]]:
    """How to take a grid's rows out of its struct, and which columns hold amounts."""
    row_ids = [row.id for row in grid.rows]
    getter = operator.attrgetter(*row_ids)
    take: Callable[[Any], tuple[Any, ...]] = (
        getter if len(row_ids) > 1 else lambda section: (getter(section),)
    )
    amounts = tuple(i for i, column in enumerate(grid.columns) if column.kind is CellKind.AMOUNT)
    return take, amounts


def _values(
    section: msgspec.Struct, grid: Grid, amount: Callable[[Any], Decimal | None]
) -> tuple[Any, ...]:
    take, amount_columns = _row_reader(grid)
    rows = map(msgspec.structs.astuple, take(section))
    if not amount_columns:
        return tuple(chain.from_iterable(rows))
    values = []
    for row in rows:
        cells = list(row)
        for index in amount_columns:
            cells[index] = amount(cells[index])
        values.extend(cells)
    return tuple(values)


def _make_plan(
    formats: tuple[FormatVersion, ...], amount_type: Any, amount: Callable[[Any], Decimal | None]
) -> _Plan:
    versions: dict[type[msgspec.Struct], FormatVersion] = {}
    row_types: dict[int, tuple[type[msgspec.Struct], ...]] = {}
    grid_types: dict[int, type[msgspec.Struct]] = {}
    section_types: dict[tuple[str, FormatVersion | None], type[msgspec.Struct]] = {}
    proactive_types = []
    requests_types = []
    for version in formats:
        grids = catalog.proactive_grids(version)
        proactive = _struct(
            catalog.PROACTIVE_DISCLOSURE_ID,
            [(grid.id, _grid_struct(grid, amount_type, row_types, grid_types)) for grid in grids],
            version.value,
        )
        requests = _grid_struct(
            catalog.requests_grid(version), amount_type, row_types, grid_types, tag=version.value
        )
        versions[proactive] = version
        versions[requests] = version
        section_types[catalog.PROACTIVE_DISCLOSURE_ID, version] = proactive
        section_types[catalog.REQUESTS_ID, version] = requests
        proactive_types.append(proactive)
        requests_types.append(requests)
    review = _grid_struct(catalog.REVIEW_LITIGATION_GRID, amount_type, row_types, grid_types)
    section_types[catalog.REVIEW_LITIGATION.id, None] = review
    source = msgspec.defstruct(
        "source",
        [(field.name, _Text) for field in attrs.fields(Source)],
        forbid_unknown_fields=True,
    )
    field_types: dict[str, Any] = {
        "year": _Year,
        "source": source | None,
        catalog.PROACTIVE_DISCLOSURE_ID: _union(proactive_types),
        catalog.REQUESTS_ID: _union(requests_types),
        catalog.REVIEW_LITIGATION.id: review,
    }
    report_type = msgspec.defstruct(
        "report",
        [(field.name, field_types.get(field.name, _Text)) for field in attrs.fields(Report)],
        forbid_unknown_fields=True,
    )
    return _Plan(report_type, versions, amount, row_types, grid_types, section_types, source)


def _union(types: list[type[msgspec.Struct]]) -> Any:
    union: Any = types[0]
    for struct_type in types[1:]:
        union = union | struct_type
    return union


def _amount_from_json(raw: msgspec.Raw) -> Decimal | None:
    text = bytes(raw)
    if text == b"null":
        return None
    # Only plain non-negative JSON numbers are vouched for; a string, a sign or anything else
    # goes to the explaining loader.
    if not text[:1].isdigit():
        raise _Unsure
    return Decimal(text.decode("ascii"))


def _amount_from_python(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal) and value.is_finite() and value >= 0:
        return value
    if type(value) is int and value >= 0:
        return Decimal(value)
    raise _Unsure  # floats and the rest: the explaining loader converts or explains


@cache
def _plans(specs: tuple[FormatSpec, ...]) -> tuple[_Plan, _Plan, msgspec.json.Decoder[Any]]:
    """The JSON plan, its decoder and the Python plan for the versions the catalog declares."""
    formats = tuple(spec.version for spec in specs)
    json_plan = _make_plan(formats, msgspec.Raw, _amount_from_json)
    python_plan = _make_plan(formats, Any, _amount_from_python)
    return json_plan, python_plan, msgspec.json.Decoder(json_plan.report_type)


_T = TypeVar("_T")


def _trusted(cls: type[_T], *values: object) -> _T:
    """An instance of an attrs class from values msgspec has already validated.

    The structs enforce the same constraints as the model's validators (the tests check that
    both accept exactly the same documents), so running the validators again would only double
    the cost of loading. Fields are set positionally, in the order attrs declares them.
    """
    instance = object.__new__(cls)
    for name, value in zip(_FIELD_NAMES[cls], values, strict=True):
        object.__setattr__(instance, name, value)
    return instance


_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(field.name for field in attrs.fields(cls))
    for cls in (Report, Source, ProactiveDisclosure, Table, Requests, ReviewLitigation)
}


def _build(plan: _Plan, document: Any) -> Report:
    proactive = document.proactive_disclosure
    proactive_version = plan.versions[type(proactive)]
    proactive_grids = catalog.proactive_grids(proactive_version)
    requests = document.requests
    requests_version = plan.versions[type(requests)]
    source = document.source
    return _trusted(
        Report,
        document.organ,
        document.year,
        None if source is None else _trusted(Source, *msgspec.structs.astuple(source)),
        document.overview,
        _trusted(
            ProactiveDisclosure,
            proactive_version,
            tuple(
                _trusted(Table, grid, _values(getattr(proactive, grid.id), grid, plan.amount))
                for grid in proactive_grids
            ),
        ),
        _trusted(
            Requests,
            requests_version,
            _values(requests, catalog.requests_grid(requests_version), plan.amount),
        ),
        _trusted(
            ReviewLitigation,
            _values(document.review_litigation, catalog.REVIEW_LITIGATION_GRID, plan.amount),
        ),
        document.problems_improvements,
        document.other_matters,
    )


def load_json(document: str | bytes) -> Report | None:
    """The report in a JSON document, or None if the explaining loader must look at it."""
    plan, _python_plan, decoder = _plans(tuple(catalog.FORMATS.values()))
    try:
        return _build(plan, decoder.decode(document))
    except (msgspec.MsgspecError, _Unsure, UnicodeError):
        return None


def load_python(data: object) -> Report | None:
    """The report in a dict document, or None if the explaining loader must look at it."""
    _json_plan, plan, _decoder = _plans(tuple(catalog.FORMATS.values()))
    try:
        return _build(plan, msgspec.convert(data, plan.report_type))
    except (msgspec.MsgspecError, _Unsure):
        return None


def _grid_instance(
    plan: _Plan, grid: Grid, values: tuple[Any, ...], section_type: type[msgspec.Struct]
) -> msgspec.Struct:
    width = len(grid.columns)
    rows = [
        row_type(*values[start : start + width])
        for row_type, start in zip(
            plan.row_types[id(grid)], range(0, len(values), width), strict=True
        )
    ]
    return section_type(*rows)


def to_struct(report: Report) -> msgspec.Struct:
    """The report as the document's structs, for msgspec to encode at C speed."""
    _json_plan, plan, _decoder = _plans(tuple(catalog.FORMATS.values()))
    proactive = report.proactive_disclosure
    proactive_grids = [
        _grid_instance(plan, table.grid, table.values, plan.grid_types[id(table.grid)])
        for table in proactive.tables
    ]
    source = report.source
    return plan.report_type(
        report.organ,
        report.year,
        None if source is None else plan.source_type(source.title, source.url, source.file),
        report.overview,
        plan.section_types[catalog.PROACTIVE_DISCLOSURE_ID, proactive.format](*proactive_grids),
        _grid_instance(
            plan,
            report.requests.grid,
            report.requests.values,
            plan.section_types[catalog.REQUESTS_ID, report.requests.format],
        ),
        _grid_instance(
            plan,
            report.review_litigation.grid,
            report.review_litigation.values,
            plan.section_types[catalog.REVIEW_LITIGATION.id, None],
        ),
        report.problems_improvements,
        report.other_matters,
    )
