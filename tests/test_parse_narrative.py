"""Narrative text from PDFs and layout copies: hard line breaks joined, paragraphs kept."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from govinfo_report.parse import parse

CORPUS = Path(__file__).parent / "corpus" / "sources"
SENTENCE_END = "。！？；：!?;:…"
_REST = (
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
)
"""The headings after the overview: a source needs some of the form to be read as a report."""


def _breaks(text: str) -> tuple[str, set[int]]:
    """The text without line breaks, and the offsets where it had them."""
    joined, offsets = "", set()
    for line in text.split("\n"):
        if joined:
            offsets.add(len(joined))
        joined += line
    return joined, offsets


def _wrapped_copy(narrative: str, width: int) -> str:
    """A report whose overview is the narrative broken at ``width`` characters, as PDFs are."""
    lines = [
        piece for paragraph in narrative.split("\n") for piece in textwrap.wrap(paragraph, width)
    ]
    return "\n".join(
        [
            "某市人民政府2019年政府信息公开工作年度报告",
            "一、总体情况",
            *lines,
            "二、主动公开政府信息情况",
        ]
    )


@pytest.mark.parametrize("width", [24, 31, 40])
def test_wrapped_paragraphs_are_joined(width: int) -> None:
    """A web page's overview, broken at a page width, reads as its paragraphs again: the same
    text, broken only where a paragraph or a sentence ends."""
    original = parse(CORPUS / "2019_shanghai_gov_office.html").report.overview
    assert original is not None
    read = parse(_wrapped_copy(original, width)).report.overview
    assert read is not None
    text, breaks = _breaks(read)
    original_text, paragraph_breaks = _breaks(original)
    assert text == original_text
    for offset in breaks - paragraph_breaks:
        assert text[offset - 1] in SENTENCE_END, text[offset - 20 : offset + 5]
    assert len(breaks) < len(read) // width


def test_short_lines_and_items_keep_their_lines() -> None:
    """A sub-heading, a line that ends a sentence and a line opening an item are not joined."""
    overview = [
        "（一）主动公开情况",
        "本年度本县主动公开政府信息一千二百余条，涵盖政策文件、",
        "财政预决算、重大项目等各个领域，持续提升公开质效。",
        "（二）依申请公开情况",
        "全年共收到政府信息公开申请四十件，均在法定期限内答复，",
        "1.规范办理流程，完善申请登记、审核、答复等各环节工作制度",
    ]
    lines = ["某县人民政府2024年政府信息公开工作年度报告", "一、总体情况", *overview, *_REST]
    expected = [
        overview[0],
        overview[1] + overview[2],
        overview[3],
        overview[4],
        overview[5],
    ]
    assert parse("\n".join(lines)).report.overview == "\n".join(expected)


def test_ascii_words_keep_a_space() -> None:
    """A break between two ASCII words keeps them apart; a number cut by a break is whole."""
    overview = [
        "本县政府门户网站设有信息公开专栏，网址为 https://www.example",
        "gov.cn 等，公众可以通过网站查询政府信息公开指南和目录内容，全年访问量达12",
        "3456次，较上年有所增长，网站运行平稳，未发生安全事故和信息泄露事件。",
    ]
    lines = ["某县人民政府2024年政府信息公开工作年度报告", "一、总体情况", *overview, *_REST]
    read = parse("\n".join(lines)).report.overview
    assert read is not None
    assert "example gov.cn" in read
    assert "123456次" in read
