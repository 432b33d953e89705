"""Load and dump a v2021 report: govinfo_report next to an equivalent pydantic v2 model.

Run: ``python benchmarks/bench_model.py`` (needs ``pip install -e .[bench]``). Prints the median
µs per report of from_dict, to_dict, from_json and to_json, the same operations on a pydantic
model of the same shape (strict, extra keys forbidden, counts >= 0), plain ``json.loads`` of the
same document as the floor, and the ratios ours / pydantic (each pair timed in alternating rounds,
so that both see the same machine load). Targets: from_json and to_json ≤ 1.0.

Then the whole job a user runs: JSON → validated report + every check. Ours is ``check(from_json
(text))`` (identities, plausibility bounds and blanks); pydantic's is ``model_validate_json`` and
the 42 identities of a v2021 report (E1 and E2 in each of the 7 columns of table 三, E3 in each
of its 25 rows, E4 in each of the 3 rows of table 四) written out by hand over its model, blanks
making a check not assessable as ours do. Targets: pydantic / ours ≥ 1.5, and 10,000 documents
loaded and checked in under 1 s on one core. These are timed in CPU time of this process
(``time.process_time``), so that other programs on a shared machine do not count.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import msgspec
from pydantic import BaseModel, ConfigDict, Field, create_model

sys.path.insert(0, str(Path(__file__).parent))

import time

from _common import batch_seconds, median_us, paired_median_us, realistic_report
from govinfo_report import catalog, check, from_dict, from_json, to_dict, to_json
from govinfo_report.catalog import CellKind, Grid
from govinfo_report.serialize import _explain

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


# What a pydantic user would type: the ids of table 三 and 四 and the 42 identities over them.
APPLICANTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
)
RESULTS = (
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_law_prohibited",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_query_matter",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_still_unclear",
    "not_processed_complaint",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
    "other_no_correction",
    "other_fee_unpaid",
    "other_misc",
)
REQUEST_ROWS = (
    "new_requests",
    "carried_over_from_last_year",
    *RESULTS,
    "total_handled",
    "carried_to_next_year",
)
OUTCOMES = ("upheld", "corrected", "other", "pending")
REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")


def _holds(total: int | None, parts: list[int | None]) -> bool | None:
    """Whether total == sum(parts); None (not assessable) when a cell is blank."""
    if total is None or None in parts:
        return None
    return total == sum(parts)  # type: ignore[arg-type]


def pydantic_identities(document: BaseModel) -> list[tuple[str, bool | None]]:
    """The 42 identities of a v2021 report, written by hand over the pydantic model."""
    results: list[tuple[str, bool | None]] = []
    requests = getattr(document, "requests")  # noqa: B009 - a model built at run time
    rows = {row_id: getattr(requests, row_id) for row_id in REQUEST_ROWS}
    for column in (*APPLICANTS, "total"):
        new = rows["new_requests"].__dict__[column]
        carried = rows["carried_over_from_last_year"].__dict__[column]
        handled = rows["total_handled"].__dict__[column]
        to_next = rows["carried_to_next_year"].__dict__[column]
        if None in (new, carried, handled):
            results.append((f"E1.{column}", None))
        else:
            results.append((f"E1.{column}", _holds(to_next, [new + carried - handled])))
        results.append(
            (f"E2.{column}", _holds(handled, [rows[r].__dict__[column] for r in RESULTS]))
        )
    for row_id, row in rows.items():
        cells = row.__dict__
        results.append((f"E3.{row_id}", _holds(cells["total"], [cells[c] for c in APPLICANTS])))
    for row_id in REVIEW_ROWS:
        cells = getattr(getattr(document, "review_litigation"), row_id).__dict__  # noqa: B009
        results.append((f"E4.{row_id}", _holds(cells["total"], [cells[c] for c in OUTCOMES])))
    return results


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

    identities = pydantic_identities(model.model_validate_json(text))
    assert len(identities) == 42, len(identities)
    assert all(holds for _check, holds in identities)
    assert check(from_json(text)).ok
    ours_us, theirs_us = paired_median_us(
        lambda: check(from_json(text)),
        lambda: pydantic_identities(model.model_validate_json(text)),
        clock=time.process_time,
    )
    speedup = theirs_us / ours_us
    verdict = "met" if speedup >= 1.5 else "NOT met"
    print()
    print("JSON -> validated report + every check (CPU time of this process: one core)")
    print(f"  govinfo_report check(from_json(text)):       {ours_us:8.1f} µs")
    print(f"  pydantic v2 model_validate_json + 42 by hand: {theirs_us:8.1f} µs")
    print(f"  ratio pydantic / govinfo_report: {speedup:.2f}  (target ≥ 1.5: {verdict})")
    texts = [to_json(realistic_report("2021", seed=seed)) for seed in range(100)]
    seconds = batch_seconds(
        lambda text: check(from_json(text)), texts, 10_000, clock=time.process_time
    )
    verdict = "met" if seconds < 1.0 else "NOT met"
    print(f"  10,000 documents loaded and checked: {seconds:.3f} s (target < 1 s: {verdict})")
    # Why the msgspec accept-only path stays: the explaining loader alone, on a valid document.
    decoded = [msgspec.json.decode(text) for text in texts]
    explained = batch_seconds(_explain, decoded, 1_000, clock=time.process_time) * 10
    print(
        f"  the same with the explaining (cattrs) loader alone: {explained:.3f} s for 10,000 "
        "(without JSON decoding or checks)"
    )


if __name__ == "__main__":
    main()
