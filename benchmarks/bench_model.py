"""Load and dump a v2021 report: govinfo_report next to an equivalent pydantic v2 model.

Run: ``python benchmarks/bench_model.py`` (needs ``pip install -e .[bench]``). Prints the median
µs per report of from_dict, to_dict, from_json and to_json, the same operations on a pydantic
model of the same shape (strict, extra keys forbidden, counts >= 0), plain ``json.loads`` of the
same document as the floor, and the ratios ours / pydantic (each pair timed in alternating rounds,
so that both see the same machine load). Targets: from_json and to_json ≤ 1.0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

sys.path.insert(0, str(Path(__file__).parent))

from _common import median_us, paired_median_us, realistic_report
from govinfo_report import catalog, from_dict, from_json, to_dict, to_json
from govinfo_report.catalog import CellKind, Grid

_STRICT = ConfigDict(extra="forbid", strict=True)
Count = Annotated[int | None, Field(ge=0)]
Amount = Annotated[Decimal | None, Field(ge=0)]


def _grid_models(grid: Grid, name: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for row in grid.rows:
        row_fields: dict[str, Any] = {
            column.id: (Amount if column.kind is CellKind.AMOUNT else Count, ...)
            for column in grid.columns
        }
        model = create_model(f"{name}_{row.id}", __config__=_STRICT, **row_fields)
        fields[row.id] = (model, ...)
    return fields


def pydantic_report_model() -> type[BaseModel]:
    """A pydantic model of the v2021 document, built from the same catalog."""
    spec = catalog.format_spec("2021")
    proactive_fields: dict[str, Any] = {"format": (str, ...)}
    for grid in spec.section("proactive_disclosure").grids:
        grid_model = create_model(
            f"T2_{grid.id}", __config__=_STRICT, **_grid_models(grid, grid.id)
        )
        proactive_fields[grid.id] = (grid_model, ...)
    requests_fields = {"format": (str, ...), **_grid_models(catalog.requests_grid("2021"), "T3")}
    review_fields = _grid_models(catalog.REVIEW_LITIGATION_GRID, "T4")
    # Field specs typed Any: pydantic's stubs differ between releases on what a field tuple is.
    text: Any = (str | None, ...)
    year: Any = (int | None, ...)
    source = create_model("Source", __config__=_STRICT, title=text, url=text, file=text)
    source_field: Any = (source | None, ...)
    return create_model(
        "PydanticReport",
        __config__=ConfigDict(extra="forbid"),
        organ=text,
        year=year,
        source=source_field,
        overview=text,
        proactive_disclosure=(create_model("T2", __config__=_STRICT, **proactive_fields), ...),
        requests=(create_model("T3", __config__=_STRICT, **requests_fields), ...),
        review_litigation=(create_model("T4", __config__=_STRICT, **review_fields), ...),
        problems_improvements=text,
        other_matters=text,
    )


def main() -> None:
    report = realistic_report("2021")
    document = to_dict(report)
    text = to_json(report)
    model = pydantic_report_model()
    # pydantic's strict mode reads a JSON number into Decimal only in lax mode for JSON input.
    pyd = model.model_validate_json(text, strict=False)
    assert from_json(text) == report
    assert pyd.model_dump() == document

    rows: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        ("from_dict", lambda: from_dict(document), lambda: model.model_validate(document)),
        ("to_dict", lambda: to_dict(report), pyd.model_dump),
        ("from_json", lambda: from_json(text), lambda: model.model_validate_json(text)),
        ("to_json", lambda: to_json(report), pyd.model_dump_json),
    ]
    floor = median_us(lambda: json.loads(text))
    print(f"document: {len(text.encode())} bytes, {catalog.format_spec('2021').size} cells (v2021)")
    print(f"floor json.loads: {floor:8.1f} µs")
    print(f"{'operation':<10} {'govinfo µs':>11} {'pydantic µs':>12} {'ratio':>7}  target")
    for name, ours, theirs in rows:
        ours_us, theirs_us = paired_median_us(ours, theirs)
        target = "≤ 1.0" if name in {"from_json", "to_json"} else ""
        verdict = ""
        if target:
            verdict = "met" if ours_us <= theirs_us else "NOT met"
        ratio = ours_us / theirs_us
        print(f"{name:<10} {ours_us:11.1f} {theirs_us:12.1f} {ratio:7.2f}  {target} {verdict}")


if __name__ == "__main__":
    main()
