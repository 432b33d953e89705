"""Validate a report document: the JSON Schema (jsonschema) next to loading it with from_dict.

Run: ``python benchmarks/bench_schema.py``. Prints the median µs per report of

- ``validate_document`` with the default engine (jsonschema over the published schema, the
  compiled validator cached), as a partner's validator would check the document;
- ``validate_document(engine="loader")``, the opt-in fast path with the same verdict;
- ``from_dict`` alone, and ``from_dict`` + ``check`` (the rules of the form);

for a large consistent 2021 report, a 2019 one, and the corpus examples, with the ratios of the
schema engine to the loader.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _common import median_us, realistic_report
from govinfo_report import check, from_dict, to_json
from govinfo_report.schema import validate_document


def _documents() -> dict[str, dict[str, Any]]:
    documents = {
        "realistic 2021": json.loads(to_json(realistic_report("2021"))),
        "realistic 2019": json.loads(to_json(realistic_report("2019"))),
    }
    folder = resources.files("govinfo_report.examples")
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".json"):
            documents[entry.name.removesuffix(".json")] = json.loads(entry.read_text("utf-8"))
    return documents


def _load_and_check(document: object) -> object:
    return check(from_dict(document))


def main() -> None:
    """Time every way of validating each document; print a table."""
    print(
        f"{'document':30} {'schema':>9} {'loader':>9} {'from_dict':>10} {'+check':>9}"
        f" {'schema/loader':>14} {'schema/(from_dict+check)':>25}"
    )
    ratios = []
    for name, document in _documents().items():
        assert validate_document(document) == ()
        schema = median_us(partial(validate_document, document), repeat=7, number=20)
        loader = median_us(partial(validate_document, document, engine="loader"))
        loading = median_us(partial(from_dict, document))
        checked = median_us(partial(_load_and_check, document))
        ratios.append(schema / loader)
        print(
            f"{name:30} {schema:9.0f} {loader:9.0f} {loading:10.0f} {checked:9.0f}"
            f" {schema / loader:14.1f} {schema / checked:25.1f}"
        )
    print(
        f"median µs per report; schema engine / loader engine: {min(ratios):.0f}–{max(ratios):.0f}×"
    )


if __name__ == "__main__":
    main()
