"""Tables drawn without borders, and text boxes cut at the ink gaps between cells (no OCR run)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2", reason="the [ocr] extra is not installed")

from govinfo_report.parse._ocr_borderless import borderless_tables
from govinfo_report.parse._ocr_engine import Box
from govinfo_report.parse._ocr_geometry import box_chars
from govinfo_report.parse._pdf import Char, _cells, _group_lines
from govinfo_report.parse._pdf_tables import Table, table_rows

EM = 10.0


def _text(top: float, *runs: tuple[float, str]) -> list[Char]:
    """The characters of one line: each run of text starts at its x, one em a character."""
    return [
        Char(char, x + index * EM, x + (index + 1) * EM, top, top + EM)
        for x, text in runs
        for index, char in enumerate(text)
    ]


def _rows(table: Table, chars: list[Char]) -> list[tuple[str, ...]]:
    return [texts for _row, _left, _top, texts in table_rows(table, chars, _group_lines, _cells)]


# A request table as a web page shows it: labels, then columns of figures with blanks, a header
# spanning two columns, a label wrapped over two lines beside its figure.
_HEADER = [
    *_text(0, (200, "申请人"), (260, "法人或其他组织")),
    *_text(15, (200, "自然人"), (260, "商业"), (320, "科研"), (380, "总计")),
]
_BODY = [
    *_text(30, (0, "一、本年新收"), (200, "821"), (260, "35"), (380, "856")),
    *_text(45, (0, "二、上年结转"), (200, "18"), (380, "18")),
    *_text(60, (0, "（二）部分公开区分处理的")),
    *_text(66, (200, "3"), (380, "3")),
    *_text(72, (0, "只计这一情形")),
    *_text(87, (0, "5.要求行政机关确认或重新出具已获取信")),
    *_text(99, (0, "息")),
    *_text(114, (0, "（三）不予公开"), (260, "2"), (320, "1"), (380, "3")),
]


def test_columns_of_a_table_without_borders_keep_its_blank_cells() -> None:
    chars = _HEADER + _BODY
    [table] = borderless_tables(chars, [])
    assert len(table.xs) == 6  # labels, then four columns of figures
    rows = _rows(table, chars)
    assert ("一、本年新收", "821", "35", "", "856") in rows
    assert ("二、上年结转", "18", "", "", "18") in rows
    assert ("（三）不予公开", "", "2", "1", "3") in rows


def test_a_header_spanning_columns_is_one_cell_in_its_row() -> None:
    chars = _HEADER + _BODY
    [table] = borderless_tables(chars, [])
    assert ("", "申请人", "法人或其他组织", "") in _rows(table, chars)
    # 法人或其他组织 (260–330) crosses the stream between 商业 and 科研: one cell there only.


def test_a_wrapped_label_and_the_figure_beside_it_are_one_row() -> None:
    chars = _HEADER + _BODY
    [table] = borderless_tables(chars, [])
    rows = _rows(table, chars)
    assert ("（二）部分公开区分处理的只计这一情形", "3", "", "", "3") in rows
    # A label filling its column goes on over the next line, figures or none.
    assert ("5.要求行政机关确认或重新出具已获取信息", "", "", "", "") in rows


def test_paragraphs_and_ruled_areas_hold_no_borderless_table() -> None:
    paragraph = [
        *_text(0, (0, "一是深入做好条例的贯彻落实")),
        *_text(15, (0, "二是进一步深化解读回应")),
    ]
    assert borderless_tables(paragraph, []) == []
    chars = _HEADER + _BODY
    ruled = Table((-5.0, 500.0), (-5.0, 200.0), (), ())
    assert borderless_tables(chars, [ruled]) == []


def _page(*inks: tuple[int, int]) -> np.ndarray:
    """A white strip 40 pixels tall with black ink over the given [start, end) columns."""
    page = np.full((40, 400), 255, np.uint8)
    for start, end in inks:
        page[10:30, start:end] = 0
    return page


def _box(text: str, left: float, right: float, centres: tuple[float, ...] = ()) -> Box:
    corners = ((left, 8.0), (right, 8.0), (right, 32.0), (left, 8.0 + 24.0))
    return Box(corners, text, 1.0, centres)


def test_a_box_over_two_cells_is_cut_at_the_gap_between_them() -> None:
    # 商业 over 10–50, a 20-pixel gap, 科研 over 70–110: the recogniser saw each character
    # where it stands.
    page = _page((10, 28), (31, 50), (70, 88), (91, 110))
    box = _box("商业科研", 6, 114, (0.1, 0.3, 0.65, 0.85))
    chars = box_chars([box], 1.0, page)
    assert [c.text for c in chars] == list("商业科研")
    assert chars[1].right == 50
    assert chars[2].left == 70
    assert _cells(chars) == ["商业", "科研"]
    # Without the page, the box's text is spread evenly over it.
    even = box_chars([box], 1.0)
    assert even[0].left == 6
    assert even[-1].right == 114


def test_figures_and_punctuation_keep_their_gaps_inside_one_cell() -> None:
    # ``11``: two thin strokes far apart; ``一、本``: the comma's blank beside it.
    page = _page((20, 24), (40, 44), (100, 120), (124, 128), (150, 170))
    figures = box_chars([_box("11", 16, 48, (0.2, 0.8))], 1.0, page)
    assert _cells(figures) == ["11"]
    label = box_chars([_box("一、本", 96, 174, (0.15, 0.4, 0.8))], 1.0, page)
    assert label[1].right == label[2].left


def test_a_space_the_recogniser_read_parts_figures() -> None:
    page = _page((20, 30), (60, 70))
    chars = box_chars([_box("0 1", 16, 74, (0.1, 0.5, 0.9))], 1.0, page)
    assert _cells(chars) == ["0", "1"]


def test_a_label_centred_beside_two_rows_is_a_row_between_them() -> None:
    centred = [
        *_text(130, (0, "4.保护第三方合法权益")),
        *_text(137, (0, "（三）不予公开")),
        *_text(144, (0, "5.属于三类内部事务信息"), (200, "5"), (380, "5")),
    ]
    chars = _HEADER + _BODY + centred
    [table] = borderless_tables(chars, [])
    rows = _rows(table, chars)
    assert ("（三）不予公开", "", "", "", "") in rows
    assert ("5.属于三类内部事务信息", "5", "", "", "5") in rows


def test_lines_whose_pieces_do_not_line_up_are_no_table() -> None:
    staggered = [
        *_text(0, (0, "甲乙"), (40, "丙丁"), (80, "戊己")),
        *_text(15, (15, "甲乙"), (55, "丙丁"), (95, "戊己")),
        *_text(30, (30, "甲乙"), (70, "丙丁"), (110, "戊己")),
    ]
    assert borderless_tables(staggered, []) == []


def test_a_box_without_ink_or_character_places_is_spread_evenly() -> None:
    blank = np.full((40, 400), 255, np.uint8)
    chars = box_chars([_box("商业", 10, 50, (0.2, 0.8))], 1.0, blank)
    assert [(c.left, c.right) for c in chars] == [(10, 30), (30, 50)]
    # Centres the recogniser did not give for every character are not used: the characters
    # are placed evenly, then go to the ink nearest them.
    page = _page((10, 20), (40, 50))
    chars = box_chars([_box("商业", 10, 50, (0.5,))], 1.0, page)
    assert [(c.left, c.right) for c in chars] == [(10, 20), (40, 50)]
    # A box beyond the page's edge keeps its own extent.
    chars = box_chars([_box("商业", 500, 540)], 1.0, page)
    assert [c.left for c in chars] == [500, 520]
