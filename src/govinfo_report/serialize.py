"""Reports to and from JSON documents: exact round trips, strict loading, every problem at once.

The document (see ``docs/json-format.md``) keeps the catalog ids as keys in official order, a
``format`` tag on each versioned table, ``null`` for a blank cell, Chinese text unescaped and
money amounts as exact JSON numbers.

>>> from govinfo_report import Report, from_json, to_json
>>> report = Report.blank("2021", organ="某某街道办事处", year=2023)
>>> from_json(to_json(report)) == report
True
>>> from_json('{"organ": 1}')
Traceback (most recent call last):
...
govinfo_report.errors.LoadError: not a valid report document: 9 problems
  $.year: missing
  $.source: missing
  $.overview: missing
  $.proactive_disclosure: missing
  $.requests: missing
  $.review_litigation: missing
  $.problems_improvements: missing
  $.other_matters: missing
  $.organ: expected a string or null, got 1
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from itertools import chain
from typing import Any

import attrs
import cattrs
import msgspec
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.v import format_exception

from govinfo_report import _fast_load, catalog
from govinfo_report.catalog import CellKind, FormatVersion, Grid
from govinfo_report.errors import GovinfoReportError, LoadError, Problem
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

__all__ = [
    "FORMAT_KEY",
    "InvalidValueError",
    "from_dict",
    "from_json",
    "make_converter",
    "problems_of",
    "to_dict",
    "to_json",
]

FORMAT_KEY = _fast_load.FORMAT_KEY
"""The key of the format version tag in each versioned table."""

_MISSING = object()

_MAX_DIGITS = 4300
"""Python's own limit on the digits of an integer read from text (``sys.int_info``): a JSON
``1e1000000`` must not cost minutes of arithmetic to turn into an ``int``."""


def whole_number(value: object) -> int | None:
    """``value`` as an ``int`` if it is a whole number in JSON's sense, else ``None``.

    JSON (and JSON Schema's ``integer``) does not tell ``3`` from ``3.0`` or ``3e0``: validators
    in other languages cannot see the difference, so the loader accepts all three as 3, and the
    schema agrees. Booleans are not numbers.
    """
    if type(value) is int:
        return value
    if type(value) is float:
        # As for amounts, repr is what was written: 1e30 means 10**30, not the nearest double.
        return int(Decimal(repr(value))) if value.is_integer() else None
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value.adjusted() < _MAX_DIGITS
        and value == value.to_integral_value()
    ):
        return int(value)
    return None


def to_dict(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict (money amounts stay :class:`~decimal.Decimal`)."""
    document: dict[str, Any] = msgspec.to_builtins(
        _fast_load.to_struct(report), builtin_types=(Decimal,)
    )
    return document


class InvalidValueError(GovinfoReportError, ValueError):
    """One value of a document that is not what the form allows: a leaf of a cattrs error.

    The explaining hooks raise it with a note naming the key it was found under; cattrs groups
    these in :class:`cattrs.errors.ClassValidationError`, and :func:`problems_of` reads the
    group back as :class:`~govinfo_report.errors.Problem` objects with JSON paths.
    """

    def __init__(self, message: str, value: object = _MISSING) -> None:
        self.message = message
        self.value = value
        super().__init__(message)


Hook = Callable[[object], Any]
"""Structures one value of a document, or raises :class:`InvalidValueError` or a cattrs error."""


def _noted(error: Exception, key: str, kind: object = None) -> Exception:
    error.add_note(AttributeValidationNote(f"Structuring key {key!r}", key, kind))
    return error


def _record(data: object, hooks: Mapping[str, Hook], what: str) -> dict[str, Any]:
    """``data`` as a dict holding exactly the keys of ``hooks``, each value structured.

    Every unknown key, missing key and bad value is collected, in that order, into one
    :class:`~cattrs.errors.ClassValidationError` whose exceptions carry the key as a note.
    """
    if not isinstance(data, dict):
        raise InvalidValueError("expected an object", data)
    errors: list[Exception] = [
        _noted(InvalidValueError("unknown key", value), key)
        for key, value in data.items()
        if key not in hooks
    ]
    errors.extend(_noted(InvalidValueError("missing"), key) for key in hooks if key not in data)
    found: dict[str, Any] = {}
    for key, hook in hooks.items():
        if key in data:
            try:
                found[key] = hook(data[key])
            except (InvalidValueError, BaseValidationError) as error:
                errors.append(_noted(error, key))
    if errors:
        raise ClassValidationError(f"invalid {what}", errors, dict)
    return found


def _text(data: object) -> str | None:
    if data is None or isinstance(data, str):
        return data
    raise InvalidValueError("expected a string or null", data)


def _year(data: object) -> int | None:
    if data is None:
        return None
    year = whole_number(data)
    if year is not None and MIN_YEAR <= year <= MAX_YEAR:
        return year
    raise InvalidValueError(f"expected a year from {MIN_YEAR} to {MAX_YEAR} or null", data)


def _signed_count(data: object) -> int | None:
    if data is None:
        return None
    number = whole_number(data)
    if number is None:
        raise InvalidValueError("expected a whole number or null", data)
    return number


def _count(data: object) -> int | None:
    number = _signed_count(data)
    if number is not None and number < 0:
        raise InvalidValueError("expected a count >= 0", data)
    return number


def _amount(data: object) -> Decimal | None:
    if data is None:
        return None
    if type(data) is int:
        amount = Decimal(data)
    elif type(data) is float and math.isfinite(data):
        # repr gives the shortest decimal that reads back as this float: what was written.
        amount = Decimal(repr(data))
    elif isinstance(data, Decimal) and data.is_finite():
        amount = data
    else:
        raise InvalidValueError("expected a number or null", data)
    if amount < 0:
        raise InvalidValueError("expected an amount >= 0", data)
    return amount


_CELL_HOOKS: Mapping[CellKind, Hook] = {
    CellKind.COUNT: _count,
    CellKind.SIGNED_COUNT: _signed_count,
    CellKind.AMOUNT: _amount,
}


@cache
def _grid_hooks(grid: Grid) -> dict[str, Hook]:
    """A hook per row of ``grid``, each structuring the row's cells into a tuple."""
    cells = {column.id: _CELL_HOOKS[column.kind] for column in grid.columns}

    def row_hook(data: object) -> tuple[Any, ...]:
        return tuple(_record(data, cells, "row").values())

    return dict.fromkeys((row.id for row in grid.rows), row_hook)


def _grid_values(grid: Grid, data: object) -> tuple[Any, ...]:
    rows = _record(data, _grid_hooks(grid), "table")
    return tuple(chain.from_iterable(rows.values()))


def _version_of(data: object) -> FormatVersion:
    """The declared format version a versioned section is tagged with."""
    if not isinstance(data, dict):
        raise InvalidValueError("expected an object", data)
    if FORMAT_KEY not in data:
        missing = _noted(InvalidValueError("missing"), FORMAT_KEY)
        raise ClassValidationError("no format", [missing], dict)
    try:
        return _format_version(data[FORMAT_KEY])
    except InvalidValueError as error:
        raise ClassValidationError("unknown format", [_noted(error, FORMAT_KEY)], dict) from None


def _tagged(version: FormatVersion, hooks: Mapping[str, Hook]) -> dict[str, Hook]:
    return {FORMAT_KEY: lambda _tag: version, **hooks}


def _proactive(data: object) -> ProactiveDisclosure:
    version = _version_of(data)
    grids = catalog.proactive_grids(version)
    hooks = {grid.id: partial(_grid_values, grid) for grid in grids}
    found = _record(data, _tagged(version, hooks), "section")
    return ProactiveDisclosure(version, tuple(Table(grid, found[grid.id]) for grid in grids))


def _requests(data: object) -> Requests:
    version = _version_of(data)
    grid = catalog.requests_grid(version)
    rows = _record(data, _tagged(version, _grid_hooks(grid)), "section")
    del rows[FORMAT_KEY]
    return Requests(version, tuple(chain.from_iterable(rows.values())))


def _review_litigation(data: object) -> ReviewLitigation:
    return ReviewLitigation(_grid_values(catalog.REVIEW_LITIGATION_GRID, data))


_SOURCE_HOOKS: Mapping[str, Hook] = {field.name: _text for field in attrs.fields(Source)}


def _source(data: object) -> Source | None:
    return None if data is None else Source(**_record(data, _SOURCE_HOOKS, "source"))


_REPORT_HOOKS: Mapping[str, Hook] = {
    field.name: {
        "year": _year,
        "source": _source,
        catalog.PROACTIVE_DISCLOSURE_ID: _proactive,
        catalog.REQUESTS_ID: _requests,
        catalog.REVIEW_LITIGATION.id: _review_litigation,
    }.get(field.name, _text)
    for field in attrs.fields(Report)
}


def _explain(data: object) -> Report:
    """The report in ``data``, or a ClassValidationError holding every problem found."""
    return Report(**_record(data, _REPORT_HOOKS, "report document"))


def problems_of(error: BaseException, path: str = "$") -> list[Problem]:
    """Every problem a structuring error holds, each at its JSON path below ``path``.

    ``error`` is what a converter from :func:`make_converter` raised: a
    :class:`~govinfo_report.errors.LoadError` for a report, or a cattrs
    :class:`~cattrs.errors.ClassValidationError` for one of your classes holding reports
    (paths then read ``$.reports[3].requests.granted.total``). Errors of other values are
    described as cattrs describes them.
    """
    if isinstance(error, LoadError):
        return [attrs.evolve(problem, path=path + problem.path[1:]) for problem in error.problems]
    if isinstance(error, InvalidValueError):
        if error.value is _MISSING:
            return [Problem(path, error.message, None, has_value=False)]
        return [Problem(path, error.message, error.value)]
    if isinstance(error, ClassValidationError | IterableValidationError):
        problems: list[Problem] = []
        for inner in error.exceptions:
            problems.extend(problems_of(inner, path + _step(inner)))
        return problems
    return [Problem(path, format_exception(error, None), None, has_value=False)]


def _step(error: BaseException) -> str:
    """The path step cattrs noted on ``error``: ``.key`` for a field, ``[i]`` for an item."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index!r}]"
    return ""


def _structure_report(data: object, _type: object = Report) -> Report:
    report = _fast_load.load_python(data)
    if report is not None:
        return report
    try:
        return _explain(data)
    except (InvalidValueError, ClassValidationError) as error:
        raise LoadError(problems_of(error)) from None


def make_converter() -> cattrs.Converter:
    """A cattrs converter for reports, to build on: register hooks for your own classes.

    Reports structure strictly (every problem at once, as :func:`from_dict`) and unstructure to
    the document of :func:`to_dict`; their parts (a ``Source``, a section, a ``FormatVersion``)
    structure as strictly on their own. It is a new converter each call, never the global one, so
    configuring it affects nobody else. Extra keys are forbidden in your classes too, and
    validation is detailed: :func:`problems_of` turns what it raises into located problems.

    >>> import attrs
    >>> from govinfo_report import Report, make_converter, problems_of
    >>> @attrs.frozen
    ... class Batch:
    ...     reports: list[Report]
    >>> converter = make_converter()
    >>> document = converter.unstructure(Batch([Report.blank("2019")]))
    >>> converter.structure(document, Batch) == Batch([Report.blank("2019")])
    True
    >>> document["reports"][0]["requests"]["granted"]["total"] = -1
    >>> try:
    ...     converter.structure(document, Batch)
    ... except Exception as error:
    ...     print(*problems_of(error))
    $.reports[0].requests.granted.total: expected a count >= 0, got -1
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_unstructure_hook(Report, to_dict)
    converter.register_structure_hook(Report, _structure_report)
    # The parts of a report structure as strictly as in a report (no str() of a number).
    parts: dict[type, Hook] = {
        Source: _source,
        ProactiveDisclosure: _proactive,
        Requests: _requests,
        ReviewLitigation: _review_litigation,
        FormatVersion: _format_version,
    }
    for cls, hook in parts.items():
        converter.register_structure_hook(cls, _as_structure_hook(hook))
    converter.register_unstructure_hook(FormatVersion, str)
    return converter


def _as_structure_hook(hook: Hook) -> Callable[[object, object], Any]:
    def structure(data: object, _type: object) -> Any:  # noqa: ANN401 - the hook's own type
        return hook(data)

    return structure


def _format_version(data: object) -> FormatVersion:
    """A declared version, from its value (``"2021"``)."""
    version = next((v for v in catalog.FORMATS if v.value == data and type(data) is str), None)
    if version is None:
        known = ", ".join(repr(v.value) for v in catalog.FORMATS)
        raise InvalidValueError(f"expected one of {known}", data)
    return version


_CONVERTER = make_converter()


def from_dict(data: object) -> Report:
    """Load a report from a dict (e.g. parsed JSON), strictly.

    Unknown keys, missing keys, wrong types, negative counts and booleans used as numbers are
    all rejected: the :class:`~govinfo_report.errors.LoadError` lists every problem, each with
    its JSON path and the value found.
    """
    return _CONVERTER.structure(data, Report)


_ENCODER = msgspec.json.Encoder(decimal_format="number")
# Floats in a report document are money amounts: read them as exact decimals.
_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as a JSON document (UTF-8 text, Chinese unescaped, ids in official order)."""
    encoded = _ENCODER.encode(_fast_load.to_struct(report))
    if indent is not None:
        encoded = msgspec.json.format(encoded, indent=indent)
    return encoded.decode("utf-8")


def from_json(document: str | bytes) -> Report:
    """Load a report from a JSON document, strictly (see :func:`from_dict`)."""
    report = _fast_load.load_json(document)
    if report is not None:
        return report
    try:
        data = _DECODER.decode(document)
    except (msgspec.DecodeError, InvalidOperation) as error:
        raise LoadError(
            [Problem("$", f"not valid JSON ({error})", None, has_value=False)]
        ) from None
    return from_dict(data)
