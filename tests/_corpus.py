"""Corpus expected values as report documents; run as a script to refresh the schema examples.

``tests/corpus/expected/`` holds verbatim copies of the corpus expected values; the JSON Schema
shows three of them as ``examples``: one per format version and one that mixes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo_report import catalog, from_dict, to_json
from govinfo_report.serialize import FORMAT_KEY

if TYPE_CHECKING:
    from govinfo_report.catalog import Grid

CORPUS = Path(__file__).parent / "corpus" / "expected"
EXAMPLE_STEMS = ("2019_shanghai_gov_office", "2023_huaian_hongze_district", "2024_huaian_city")
EXAMPLES = Path(__file__).parents[1] / "src" / "govinfo_report" / "examples"

# The corpus records a printed unit beside some amounts (``procurement_amount_unit``: 元); the
# document has no place for it, so it is the one kind of key left out.
_UNIT_SUFFIX = "_unit"


def _rows(grid: Grid, rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    document = {}
    for row in grid.rows:
        cells = rows[row.id]
        extra = set(cells) - {column.id for column in grid.columns}
        if any(not key.endswith(_UNIT_SUFFIX) for key in extra):
            msg = f"{grid.id}.{row.id}: keys the catalog does not know: {sorted(extra)}"
            raise ValueError(msg)
        document[row.id] = {column.id: cells[column.id] for column in grid.columns}
    return document


def corpus_document(expected: dict[str, Any]) -> dict[str, Any]:
    """The report document of a corpus expected file (narratives unknown, so null)."""
    formats = expected["formats"]
    proactive_version = formats["proactive_disclosure"]
    proactive: dict[str, Any] = {FORMAT_KEY: proactive_version}
    for grid in catalog.format_spec(proactive_version).section("proactive_disclosure").grids:
        proactive[grid.id] = _rows(grid, expected["proactive_disclosure"][grid.id])
    requests_version = formats["requests"]
    requests = {
        FORMAT_KEY: requests_version,
        **_rows(catalog.requests_grid(requests_version), expected["requests"]),
    }
    return {
        "organ": expected["organ"],
        "year": expected["year"],
        "source": {"title": None, "url": None, "file": expected["file"]},
        "overview": None,
        "proactive_disclosure": proactive,
        "requests": requests,
        "review_litigation": _rows(catalog.REVIEW_LITIGATION_GRID, expected["review_litigation"]),
        "problems_improvements": None,
        "other_matters": None,
    }


def example_texts() -> dict[str, str]:
    """``{file name: text}`` of every schema example, as the library writes it."""
    texts = {}
    for stem in EXAMPLE_STEMS:
        path = CORPUS / f"{stem}.json"
        expected = json.loads(path.read_text(encoding="utf-8"))
        report = from_dict(corpus_document(expected))
        texts[path.name] = to_json(report, indent=2) + "\n"
    return texts


if __name__ == "__main__":
    for name, text in example_texts().items():
        (EXAMPLES / name).write_text(text, encoding="utf-8")
        print(f"wrote {EXAMPLES / name}")  # noqa: T201
