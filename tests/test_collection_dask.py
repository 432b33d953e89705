"""The Dask recipe of docs/collections.md, run as printed there on a local cluster."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from govinfo_report.collection import collect

DOCS = Path(__file__).parents[1] / "docs" / "collections.md"
SOURCES = Path(__file__).parent / "corpus" / "sources"


def _recipe() -> str:
    """The Python block of the "Beyond one machine" section."""
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Beyond one machine") :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_dask_recipe_writes_the_same_collection(tmp_path: Path) -> None:
    """Mapping read_file with dask.bag gives the tables collect gives, duplicates decided."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    for name in (
        "2021_pingtan_zone.txt",
        "2023_pingtan_zone.txt",
        "2024_huaian_city.txt",
        "2024_huaian_city.pdf",
    ):
        shutil.copy(SOURCES / name, downloads / name)
    output = tmp_path / "parquet"
    namespace: dict[str, object] = {"downloads": downloads, "output": output}
    exec(compile(_recipe(), str(DOCS), "exec"), namespace)  # noqa: S102 - our own documentation
    assert namespace["written"] == 4
    by_dask = namespace["collection"]
    direct = collect([downloads], tmp_path / "direct")
    for query in (
        "SELECT file, path, value, raw, location, organ, year FROM cells ORDER BY file, path",
        "SELECT file, organ, year, counted, duplicate_of, sha256 FROM reports ORDER BY file",
        "SELECT file, code, severity, path FROM findings ORDER BY file, code, path",
    ):
        assert by_dask.sql(query).fetchall() == direct.sql(query).fetchall(), query  # type: ignore[attr-defined]
    assert direct.sql("SELECT count(*) FROM reports WHERE NOT counted").fetchall() == [(1,)]
    by_dask.close()  # type: ignore[attr-defined]
    direct.close()
    assert sorted(path.name for path in (output / "cells").iterdir()) == [
        "year=2021",
        "year=2023",
        "year=2024",
    ]
