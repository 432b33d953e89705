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
from typing import Any

import attrs
import cattrs
import msgspec

from govinfo_report import _fast_load, catalog
from govinfo_report.catalog import CellKind, FormatVersion, Grid
from govinfo_report.errors import LoadError, Problem
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
    "from_dict",
    "from_json",
    "make_converter",
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


def _proactive_keys(version: FormatVersion) -> tuple[str, ...]:
    return tuple(
        grid.id for grid in catalog.format_spec(version).section("proactive_disclosure").grids
    )


def _requests_keys(version: FormatVersion) -> tuple[str, ...]:
    return tuple(row.id for row in catalog.requests_grid(version).rows)


class _Loader:
    """Walks a document once, building the report and noting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str, value: object = _MISSING) -> None:
        if value is _MISSING:
            self.problems.append(Problem(path, message, None, has_value=False))
        else:
            self.problems.append(Problem(path, message, value))

    def mapping(self, data: object, path: str, keys: tuple[str, ...]) -> dict[str, object] | None:
        """``data`` as a dict holding exactly ``keys``; missing keys read as ``_MISSING``."""
        if not isinstance(data, dict):
            self.problem(path, "expected an object", data)
            return None
        for key in data:
            if key not in keys:
                self.problem(f"{path}.{key}", "unknown key", data[key])
        found = {}
        for key in keys:
            if key in data:
                found[key] = data[key]
            else:
                self.problem(f"{path}.{key}", "missing")
                found[key] = _MISSING
        return found

    def text(self, data: object, path: str) -> str | None:
        if data is None or isinstance(data, str):
            return data
        if data is not _MISSING:
            self.problem(path, "expected a string or null", data)
        return None

    def year(self, data: object, path: str) -> int | None:
        if data is None:
            return None
        year = whole_number(data)
        if year is not None and MIN_YEAR <= year <= MAX_YEAR:
            return year
        if data is not _MISSING:
            self.problem(path, f"expected a year from {MIN_YEAR} to {MAX_YEAR} or null", data)
        return None

    def cell(self, data: object, path: str, kind: CellKind) -> int | Decimal | None:
        if data is None:
            return None
        if data is _MISSING:
            return None
        if kind is CellKind.AMOUNT:
            return self.amount(data, path)
        number = whole_number(data)
        if number is None:
            self.problem(path, "expected a whole number or null", data)
            return None
        if kind is CellKind.COUNT and number < 0:
            self.problem(path, "expected a count >= 0", data)
            return None
        return number

    def amount(self, data: object, path: str) -> Decimal | None:
        if type(data) is int:
            amount = Decimal(data)
        elif type(data) is float and math.isfinite(data):
            # repr gives the shortest decimal that reads back as this float: what was written.
            amount = Decimal(repr(data))
        elif isinstance(data, Decimal) and data.is_finite():
            amount = data
        else:
            self.problem(path, "expected a number or null", data)
            return None
        if amount < 0:
            self.problem(path, "expected an amount >= 0", data)
            return None
        return amount

    def grid(self, grid: Grid, rows: Mapping[str, object], path: str) -> tuple[Any, ...]:
        values: list[Any] = []
        column_ids = tuple(column.id for column in grid.columns)
        for row in grid.rows:
            row_path = f"{path}.{row.id}"
            cells = rows[row.id]
            if cells is _MISSING:
                values.extend([None] * len(column_ids))
                continue
            found = self.mapping(cells, row_path, column_ids)
            if found is None:
                values.extend([None] * len(column_ids))
                continue
            values.extend(
                self.cell(found[column.id], f"{row_path}.{column.id}", column.kind)
                for column in grid.columns
            )
        return tuple(values)

    def version(self, data: object, path: str) -> FormatVersion | None:
        try:
            return FormatVersion(data)
        except (ValueError, TypeError):
            known = ", ".join(repr(v.value) for v in FormatVersion)
            self.problem(f"{path}.{FORMAT_KEY}", f"expected one of {known}", data)
            return None

    def versioned_section(
        self, data: object, path: str, keys_of: Callable[[FormatVersion], tuple[str, ...]]
    ) -> tuple[FormatVersion, dict[str, object]] | None:
        """A table tagged with its format version, holding the keys that version declares."""
        if not isinstance(data, dict):
            if data is not _MISSING:
                self.problem(path, "expected an object", data)
            return None
        if FORMAT_KEY not in data:
            self.problem(f"{path}.{FORMAT_KEY}", "missing")
            return None
        version = self.version(data[FORMAT_KEY], path)
        if version is None:
            return None
        found = self.mapping(data, path, (FORMAT_KEY, *keys_of(version)))
        return (version, found) if found is not None else None

    def proactive(self, data: object, path: str) -> ProactiveDisclosure | None:
        loaded = self.versioned_section(data, path, _proactive_keys)
        if loaded is None:
            return None
        version, found = loaded
        tables = []
        for grid in catalog.format_spec(version).section("proactive_disclosure").grids:
            grid_path = f"{path}.{grid.id}"
            rows = found[grid.id]
            if rows is _MISSING:
                continue
            row_ids = tuple(row.id for row in grid.rows)
            row_map = self.mapping(rows, grid_path, row_ids)
            if row_map is not None:
                tables.append(Table(grid, self.grid(grid, row_map, grid_path)))
        if self.problems:
            return None
        return ProactiveDisclosure(version, tuple(tables))

    def requests(self, data: object, path: str) -> Requests | None:
        loaded = self.versioned_section(data, path, _requests_keys)
        if loaded is None:
            return None
        version, found = loaded
        values = self.grid(catalog.requests_grid(version), found, path)
        return None if self.problems else Requests(version, values)

    def review_litigation(self, data: object, path: str) -> ReviewLitigation | None:
        if data is _MISSING:
            return None
        grid = catalog.REVIEW_LITIGATION_GRID
        found = self.mapping(data, path, tuple(row.id for row in grid.rows))
        if found is None:
            return None
        values = self.grid(grid, found, path)
        return None if self.problems else ReviewLitigation(values)

    def source(self, data: object, path: str) -> Source | None:
        if data is None or data is _MISSING:
            return None
        keys = tuple(field.name for field in attrs.fields(Source))
        found = self.mapping(data, path, keys)
        if found is None:
            return None
        texts = {key: self.text(found[key], f"{path}.{key}") for key in keys}
        return Source(**texts)

    def report(self, data: object) -> Report:
        keys = tuple(field.name for field in attrs.fields(Report))
        found = self.mapping(data, "$", keys)
        if found is None:
            raise LoadError(self.problems)
        loaders: dict[str, Callable[[object, str], object]] = {
            "year": self.year,
            "source": self.source,
            "proactive_disclosure": self.proactive,
            "requests": self.requests,
            "review_litigation": self.review_litigation,
        }
        fields = {
            key: loaders.get(key, self.text)(value, f"$.{key}") for key, value in found.items()
        }
        if self.problems:
            raise LoadError(self.problems)
        return Report(**fields)  # type: ignore[arg-type]


def from_dict(data: object) -> Report:
    """Load a report from a dict (e.g. parsed JSON), strictly.

    Unknown keys, missing keys, wrong types, negative counts and booleans used as numbers are
    all rejected: the :class:`~govinfo_report.errors.LoadError` lists every problem, each with
    its JSON path and the value found.
    """
    return _fast_load.load_python(data) or _Loader().report(data)


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


def make_converter() -> cattrs.Converter:
    """A cattrs converter that structures and unstructures reports as this module does.

    Use it to embed reports in your own attrs classes; it is a new converter each call, never
    the global one, so configuring it affects nobody else.

    >>> from govinfo_report import Report, make_converter
    >>> converter = make_converter()
    >>> report = Report.blank("2019")
    >>> converter.structure(converter.unstructure(report), Report) == report
    True
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_unstructure_hook(Report, to_dict)
    converter.register_structure_hook(Report, lambda data, _type: from_dict(data))
    return converter
