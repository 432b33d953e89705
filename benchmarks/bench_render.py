"""How fast the writers and the workbook reader are, each beside its library's floor.

Usage: ``PYTHONPATH=src python benchmarks/bench_render.py [--repeat N]``

Medians of CPU time in ms per report (a large city's report, every cell filled), each writer
timed alternately with its floor in the same run (target: each writer ≤ 2× its floor):

* Word: python-docx opening the unfilled official template and saving it;
* Excel: openpyxl writing the same cells (labels and numbers, six sheets, no styles); for the
  filing workbook, the same cells and its check formulas;
* HTML, Markdown, text: joining the same cell texts into one string (the cost of any writer
  that prints these cells at all); the texts are made beforehand, so a second baseline is
  printed beside it: reading the report's values as text, then the same join (what a writer
  pays before it lays anything out). The target is judged against the join alone;
* reading the library's own .xlsx back: the front end (bytes → lines) beside python-calamine's
  load of the same file (the reading library the issue names; target ≤ 2×), openpyxl's load, and
  the floors of the front end's own tools on the same parts: :mod:`zipfile` + expat with no
  callbacks, and with empty Python callbacks (what any streaming reader in Python pays per
  element); then the whole ``parse()``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import zipfile
from collections.abc import Callable
from functools import partial
from html import escape
from xml.parsers import expat

import docx
import openpyxl

from _common import paired_median_cpu_ms, realistic_report
from govinfo_report.parse import parse
from govinfo_report.parse._xlsx import read_xlsx
from govinfo_report.render import render
from govinfo_report.render._document import narrative_sections
from govinfo_report.render._layout import flat_texts, layout_tables
from govinfo_report.render.docx import _template_bytes
from govinfo_report.render.filing import filing_workbook

REPORT = realistic_report("2021")
TABLES = layout_tables(REPORT)
ROWS = [row for table in TABLES for row in flat_texts(table)]
TEXTS = [text for _section, text in narrative_sections(REPORT) if text]


def _paired_ms(
    mine: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median CPU ms of a writer and its floor, timed alternately."""
    return paired_median_cpu_ms(mine, floor, repeat=repeat)


def _docx_floor() -> bytes:
    document = docx.Document(io.BytesIO(_template_bytes()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _formulas() -> list[tuple[int, int, int, str]]:
    """The filing workbook's check formulas: (table sheet, row, column, formula)."""
    book = openpyxl.load_workbook(io.BytesIO(filing_workbook("2021")))
    return [
        (index, cell.row, cell.column, cell.value)
        for index, sheet in enumerate(book.worksheets[1:4])
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]


FORMULAS = _formulas()


def _xlsx_floor(*, formulas: bool = False) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = []
    for index, table in enumerate(TABLES):
        sheet = book.create_sheet(f"S{index}")
        sheets.append(sheet)
        for row in flat_texts(table):
            sheet.append([int(text) if text.isdigit() else text for text in row])
    for sheet_index, row_number, column, formula in FORMULAS if formulas else ():
        sheets[sheet_index].cell(row_number, column, formula)
    for index, text in enumerate(TEXTS):
        book.create_sheet(f"T{index}").append([text])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _join_floor(*, markup: bool) -> str:
    cell = (lambda text: f"<td>{escape(text)}</td>") if markup else (lambda text: text)
    lines = ["|".join(cell(text) for text in row) for row in ROWS]
    return "\n".join([*lines, *TEXTS])


def _read_and_join(*, markup: bool) -> tuple[list[str], str]:
    """The join floor, the report's values turned into text first (``str`` of each)."""
    values = [str(value) for table in REPORT.tables() for value in table.values]
    return values, _join_floor(markup=markup)


def _calamine_load(data: bytes) -> object:
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - optional in this script

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]


def _ignore(*_arguments: object) -> None:
    """An expat callback that does nothing."""


def _expat_floor(data: bytes, *, callbacks: bool) -> None:
    """Open the workbook and parse the parts the front end reads, doing nothing with them."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels")
        parts = [
            name
            for name in archive.namelist()
            if name in {"xl/workbook.xml", "xl/sharedStrings.xml"}
            or name.startswith("xl/worksheets/sheet")
        ]
        for name in parts:
            parser = expat.ParserCreate(namespace_separator=" ")
            if callbacks:
                parser.StartElementHandler = _ignore
                parser.EndElementHandler = _ignore
                parser.CharacterDataHandler = _ignore
                parser.buffer_text = True
            parser.Parse(archive.read(name), True)  # noqa: FBT003
    del rels


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=15)
    repeat = options.parse_args().repeat

    print(f"{'writer':<10}{'ms/report':>11}{'floor ms':>10}{'ratio':>8}  floor")
    floors: dict[str, tuple[Callable[[], object], str]] = {
        "docx": (_docx_floor, "python-docx open + save the unfilled template"),
        "xlsx": (_xlsx_floor, "openpyxl writes the same cells, unstyled"),
        "html": (lambda: _join_floor(markup=True), "join the escaped cells as <td>"),
        "md": (lambda: _join_floor(markup=False), "join the cell texts"),
        "txt": (lambda: _join_floor(markup=False), "join the cell texts"),
    }
    for to, (floor, what) in floors.items():
        mine, base = _paired_ms(partial(render, REPORT, to=to), floor, repeat)
        print(f"{to:<10}{mine:>11.3f}{base:>10.3f}{mine / base:>7.2f}×  {what}")
    mine, base = _paired_ms(
        partial(filing_workbook, "2021"), partial(_xlsx_floor, formulas=True), repeat
    )
    print(f"{'filing':<10}{mine:>11.3f}{base:>10.3f}{mine / base:>7.2f}×  as xlsx, with the checks")

    print("\nthe text writers beside a second baseline: read the values as text, then join")
    print(f"{'writer':<10}{'ms/report':>11}{'base ms':>10}{'ratio':>8}")
    for to in ("html", "md", "txt"):
        mine, base = _paired_ms(
            partial(render, REPORT, to=to), partial(_read_and_join, markup=to == "html"), repeat
        )
        print(f"{to:<10}{mine:>11.3f}{base:>10.3f}{mine / base:>7.1f}×")

    data = render(REPORT, to="xlsx")
    print(f"\nreading own .xlsx ({len(data):,} bytes){'ms':>14}{'front end':>11}{'ratio':>8}")
    loads: dict[str, Callable[[], object]] = {
        "python-calamine, every sheet": lambda: _calamine_load(data),
        "openpyxl.load_workbook": lambda: openpyxl.load_workbook(io.BytesIO(data)),
        "zipfile + expat, no callbacks": lambda: _expat_floor(data, callbacks=False),
        "zipfile + expat, empty callbacks": lambda: _expat_floor(data, callbacks=True),
    }
    for what, load in loads.items():
        front, base = _paired_ms(lambda: read_xlsx(data), load, repeat)
        print(f"{what:<34}{base:>8.2f}{front:>11.2f}{front / base:>7.2f}×")
    whole = statistics.median(
        _paired_ms(lambda: parse(data), lambda: None, max(3, repeat // 3))[:1]
    )
    print(f"{'parse() (front end + interpreter)':<34}{whole:>8.2f}")


if __name__ == "__main__":
    main()
