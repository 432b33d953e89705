"""Real published reports shipped with the package.

- ``2024_huaian_city.txt``: 淮安市人民政府 2024年政府信息公开工作年度报告, the text layer of the
  PDF the city published (``pdftotext -layout``), unchanged: labels wrapped over two or three
  lines, numbers on the middle line, page numbers inside the tables. Run
  ``govinfo-report show --example`` (or ``python -m govinfo_report.examples``) to read it;
  :func:`example_path` gives its path.
- ``<stem>.json``: the hand-verified values of published reports (the corpus of
  ``shared/corpus``) in the document form :func:`govinfo_report.to_json` writes, shown as
  ``examples`` in the JSON Schema; narratives are ``null`` because the corpus records the tables
  only. ``tests/_corpus.py`` regenerates them.

>>> from govinfo_report.examples import example_path
>>> example_path().name
'2024_huaian_city.txt'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["EXAMPLE", "example_path"]

EXAMPLE = "2024_huaian_city.txt"
"""The file name of the shipped published report."""


def example_path(name: str = EXAMPLE) -> Path:
    """A file shipped in this package (by default the published report), as a path on disk."""
    path = Path(str(resources.files(__name__).joinpath(name)))
    if not path.is_file():
        msg = f"no example {name!r} in govinfo_report.examples"
        raise FileNotFoundError(msg)
    return path
