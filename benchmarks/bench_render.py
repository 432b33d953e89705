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
* reading the library's own .xlsx back: the front end (bytes → lines) beside openpyxl's and
  python-calamine's load of the same file (target ≤ 2× the reading library's load), and the
  whole ``parse()``.
"""

from __future__ import annotations

import argparse
import io
import statistics
from collections.abc import Callable
from functools import partial
from html import escape

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
        print(f"{to:<10}{mine:>11.3f}{base:>10.3f}{mine / base:>7.1f}×  {what}")
    mine, base = _paired_ms(
        partial(filing_workbook, "2021"), partial(_xlsx_floor, formulas=True), repeat
    )
    print(f"{'filing':<10}{mine:>11.3f}{base:>10.3f}{mine / base:>7.1f}×  as xlsx, with the checks")

    print("\nthe text writers beside a second baseline: read the values as text, then join")
    print(f"{'writer':<10}{'ms/report':>11}{'base ms':>10}{'ratio':>8}")
    for to in ("html", "md", "txt"):
        mine, base = _paired_ms(
            partial(render, REPORT, to=to), partial(_read_and_join, markup=to == "html"), repeat
        )
        print(f"{to:<10}{mine:>11.3f}{base:>10.3f}{mine / base:>7.1f}×")

    data = render(REPORT, to="xlsx")
    print(f"\nreading own .xlsx ({len(data):,} bytes){'ms':>14}")
    front, openpyxl_load = _paired_ms(
        lambda: read_xlsx(data), lambda: openpyxl.load_workbook(io.BytesIO(data)), repeat
    )
    _front, calamine = _paired_ms(lambda: read_xlsx(data), lambda: _calamine_load(data), repeat)
    whole = statistics.median(
        _paired_ms(lambda: parse(data), lambda: None, max(3, repeat // 3))[:1]
    )
    print(f"{'front end (bytes → lines)':<34}{front:>8.2f}")
    print(
        f"{'openpyxl.load_workbook':<34}{openpyxl_load:>8.2f}   ratio {front / openpyxl_load:.2f}×"
    )
    print(f"{'python-calamine, every sheet':<34}{calamine:>8.2f}   ratio {front / calamine:.2f}×")
    print(f"{'parse() (front end + interpreter)':<34}{whole:>8.2f}")


if __name__ == "__main__":
    main()
