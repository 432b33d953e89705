"""The HTML front end: pages as served become lines of cells, located by table and row."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from govinfo_report.parse._document import Location, SourceKind, SourceLine
from govinfo_report.parse._html import decode_html, looks_like_html, read_html

CORPUS = Path(__file__).parent / "corpus" / "sources"

_ROWS = (
    ("一、本年新收政府信息公开申请数量", "12", "3", "", "0", "1", "0", "16"),
    ("（七）总计", "10", "2", "", "0", "1", "0", "13"),
)


def _cells(document_lines: tuple[SourceLine, ...]) -> list[tuple[str, ...]]:
    return [line.cells for line in document_lines]


def _word_table() -> str:
    """A table the way Word's "save as web page" writes it."""
    rows = []
    for row in _ROWS:
        cells = "".join(
            f"<td width=48 valign=top style='border:solid windowtext 1.0pt'>"
            f"<p class=MsoNormal align=center><span lang=EN-US style='font-size:10.5pt'>"
            f"{value or '&nbsp;'}<o:p></o:p></span></p></td>"
            for value in row
        )
        rows.append(f"<tr style='height:20.0pt'>{cells}</tr>")
    return (
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>"
        + "".join(rows)
        + "</table>"
    )


def test_corpus_page_rows_keep_blank_cells() -> None:
    """Each row of the Shanghai page is a line; &nbsp; cells are empty strings, not dropped."""
    document = read_html((CORPUS / "2019_shanghai_gov_office.html").read_bytes())[0]
    assert document.kind is SourceKind.HTML
    by_text = {line.cells[0]: line for line in document.lines}
    granted = by_text["三、本年度办理结果"]
    assert granted.cells == (
        "三、本年度办理结果",
        "（一）予以公开",
        "258",
        "12",
        "",
        "",
        "1",
        "1",
        "",
    )
    assert granted.location == Location(table=2, row=6)
    assert by_text["政府集中采购"].cells == ("政府集中采购", "6", "251000元")
    assert ("六、其他需要报告的事项",) in _cells(document.lines)


def test_word_generated_html() -> None:
    """Nested spans, <o:p>, conditional comments and &nbsp; cells read as plain cell texts."""
    page = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
        "<meta http-equiv=Content-Type content='text/html; charset=utf-8'>"
        "<!--[if gte mso 9]><xml><w:WordDocument>不是正文</w:WordDocument></xml><![endif]-->"
        "<style>p.MsoNormal {margin:0cm}</style></head><body lang=ZH-CN>"
        "<p class=MsoNormal><![if !supportLists]><span>一、</span><![endif]>"
        "<span style='font-family:宋体'>总体</span><span>情况</span></p>"
        + _word_table()
        + "<p class=MsoNormal><span style='display:none'>隐藏</span>六、其他需要报告的事项</p>"
        "</body></html>"
    )
    document = read_html(page.encode("utf-8"))[0]
    assert _cells(document.lines) == [("一、总体情况",), *_ROWS, ("六、其他需要报告的事项",)]
    assert [line.location.row for line in document.lines[1:3]] == [1, 2]


def test_rowspan_and_colspan_give_one_cell_per_td() -> None:
    """Spanning cells are not repeated: the row shows what a reader sees in that row."""
    page = (
        "<table><tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td>"
        "<td>1</td></tr><tr><td>1.属于国家秘密</td><td colspan=3>2</td></tr></table>"
    )
    document = read_html(page)[0]
    assert _cells(document.lines) == [
        ("三、本年度办理结果", "（一）予以公开", "1"),
        ("1.属于国家秘密", "2"),
    ]


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030"])
def test_declared_chinese_encodings(encoding: str) -> None:
    """A page declaring a GB encoding in <meta> is decoded with it."""
    page = f'<html><head><meta charset="{encoding}"></head><body><p>二、主动公开政府信息情况</p>'
    document = read_html(page.encode(encoding))[0]
    assert _cells(document.lines) == [("二、主动公开政府信息情况",)]


def test_undeclared_gbk_is_recognised() -> None:
    """Without a declaration, bytes that are not UTF-8 are tried as GB18030."""
    text, encoding, replaced = decode_html("<p>行政复议</p>".encode("gbk"))
    assert (text, encoding, replaced) == ("<p>行政复议</p>", "gb18030", False)


def test_wrong_declaration_falls_back() -> None:
    """A page that says GBK but is UTF-8 (a common slip) still decodes."""
    page = '<meta http-equiv="Content-Type" content="text/html; charset=gbk"><p>结果纠正 </p>'
    text, encoding, _ = decode_html(page.encode("utf-8"))
    assert "结果纠正" in text
    assert encoding == "utf-8"


def test_bom_wins() -> None:
    """A byte-order mark decides the encoding, whatever the <meta> says."""
    page = '<meta charset="gbk"><p>总计</p>'
    assert decode_html(page.encode("utf-16"))[0] == page
    assert decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"))[0] == page


def test_undecodable_bytes_never_crash() -> None:
    """Bytes valid in no encoding are replaced, and the rest of the page is read."""
    data = "<p>四、结转下年度继续办理</p>".encode() + b"\xff\xfe\xfa\x80\x81<p>end</p>"
    text, _, replaced = decode_html(data)
    assert replaced
    assert read_html(data)[0].lines[0].cells == ("四、结转下年度继续办理",)
    assert "\ufffd" in text


def test_page_chrome_around_the_article_is_dropped() -> None:
    """Navigation, side bars and footers around the article are not report lines."""
    headings = "".join(
        f"<p>{h}</p><p>正文。</p>"
        for h in ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况")
    )
    page = (
        "<html><head><title>某区2023年政府信息公开工作年度报告_某区人民政府</title></head><body>"
        "<div class=nav><a>首页</a> &gt; <a>政务公开</a></div>"
        "<div class=main><h1>某区2023年政府信息公开工作年度报告</h1>"
        "<div class=info>发布日期：2024-01-20</div>"
        f"<div class=article><div class=content>{headings}{_word_table()}</div></div>"
        "<div class=side><p>相关链接</p><p>某区2022年政府信息公开工作年度报告</p></div></div>"
        "<div class=footer><p>主办：某区人民政府办公室 一、版权所有</p></div></body></html>"
    )
    lines = _cells(read_html(page)[0].lines)
    assert lines[0] == ("某区2023年政府信息公开工作年度报告",)
    assert lines[1] == ("一、总体情况",)
    assert lines[-1] == _ROWS[-1]
    assert all("首页" not in cells[0] and "主办" not in cells[0] for cells in lines)
    assert ("某区2022年政府信息公开工作年度报告",) not in lines


def test_title_element_is_kept_when_the_body_has_no_title() -> None:
    """The <title> names the report when the page body does not."""
    page = "<title>XX镇2021年政府信息公开工作年度报告</title><p>一、总体情况</p>"
    assert _cells(read_html(page)[0].lines)[0] == ("XX镇2021年政府信息公开工作年度报告",)


def test_layout_tables_are_not_data() -> None:
    """A page laid out with tables: outer cells are blocks, inner tables give the rows."""
    article = "".join(f"<p>第{i}段正文，" + "内容" * 200 + "。</p>" for i in range(3))
    page = (
        "<table width=100%><tr><td><p>一、总体情况</p>"
        + article
        + _word_table()
        + "</td></tr></table>"
    )
    lines = _cells(read_html(page)[0].lines)
    assert lines[0] == ("一、总体情况",)
    assert lines[-2:] == list(_ROWS)
    assert len(lines) == 6


def test_malformed_markup_is_repaired() -> None:
    """Unclosed cells, rows and paragraphs and stray end tags read as a browser shows them."""
    page = (
        "<p>一、总体情况<p>正文</span></div><table><tr><td>规章<td>1<td>0<td>11"
        "<tr><td>行政规范性文件<td>8<td>26<td>66</table></b><p>尾"
    )
    lines = _cells(read_html(page)[0].lines)
    assert lines == [
        ("一、总体情况",),
        ("正文",),
        ("规章", "1", "0", "11"),
        ("行政规范性文件", "8", "26", "66"),
        ("尾",),
    ]


def test_deep_nesting_is_bounded() -> None:
    """Tens of thousands of unclosed elements neither recurse nor hang; the cut is reported."""
    page = "<div>" * 50_000 + "<p>三、收到和处理政府信息公开申请情况</p>" + "<span>" * 50_000
    started = time.perf_counter()
    _document, findings = read_html(page)
    assert time.perf_counter() - started < 5
    assert [finding.code for finding in findings] == ["R-HTML-TOO-DEEP"]


def test_ordinary_nesting_is_read_whole() -> None:
    """Pages nested as deep as real portals (dozens of levels) lose nothing."""
    page = "<div>" * 100 + "<p>三、收到和处理政府信息公开申请情况</p>" + "</div>" * 100
    document, findings = read_html(page)
    assert _cells(document.lines) == [("三、收到和处理政府信息公开申请情况",)]
    assert findings == ()


def test_no_entity_is_resolved_and_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    """DOCTYPE and entity declarations are inert: no network, no file, no expansion."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the reader tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    page = (
        '<!DOCTYPE html SYSTEM "http://example.invalid/evil.dtd" ['
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<html><body><p>&xxe;</p><img src="http://example.invalid/x.png"><p>总计</p></body></html>'
    )
    lines = _cells(read_html(page)[0].lines)
    assert ("&xxe;",) in lines
    assert ("总计",) in lines
    assert not any("root:" in cells[0] for cells in lines)


def test_looks_like_html() -> None:
    """Markup is recognised from its first bytes; plain text is not mistaken for it."""
    assert looks_like_html(b"<!DOCTYPE html><html>")
    assert looks_like_html(b"  <p>\xe4\xb8\x80</p>")
    assert not looks_like_html("一、总体情况\n自然人\t1\n".encode())


def test_unknown_declared_charset_is_ignored() -> None:
    """A <meta> naming an encoding Python does not know falls back to UTF-8, then GB18030."""
    page = '<meta charset="x-no-such-codec"><p>科研机构</p>'
    assert decode_html(page.encode("gbk"))[:2] == (page, "gb18030")


def test_hidden_elements_keep_the_text_after_them() -> None:
    """Hidden elements are dropped; the text that follows them stays in its line."""
    page = (
        '<p>一、<span style="display:none">隐</span>总体<b hidden>藏</b>情况</p>'
        '<table><caption>表一</caption><tr><td>规章<span style="display: none">x</span></td>'
        "<td>1</td></tr></table>"
    )
    lines = read_html(page)[0].lines
    assert [line.cells for line in lines] == [("一、总体情况",), ("表一",), ("规章", "1")]
    assert lines[1].location == Location(table=1)


def test_long_text_cell_makes_a_layout_table() -> None:
    """A one-cell table holding the article is read as paragraphs, not as a row."""
    prose = "本机关" * 150
    page = f"<table><tr><td><p>一、总体情况</p><p>{prose}</p></td></tr></table>"
    assert _cells(read_html(page)[0].lines) == [("一、总体情况",), (prose,)]


def test_page_of_comments_only_is_empty() -> None:
    """A page with no element text reads as no lines."""
    assert read_html("<!-- 空 -->")[0].lines == ()
