"""Canonical text for comparing labels: what a printed label and a catalog label have in common.

Published reports print the form's labels with every kind of noise: full-width or ASCII
punctuation, spaces inside words (``结果 维持``, ``本年度办 理结果``), ``1、`` for ``1.``,
curly or straight quotes, traditional characters on mirror sites. The canonical form removes all
of it: NFKC (full-width → ASCII), no whitespace, straight quotes, ``1.`` numbering, simplified
characters for the form's vocabulary. Labels are compared only in this form.

:func:`canonical_with_map` also returns, for every canonical character, its index in the raw
text, so that a value found between two labels can be quoted and split as printed.

>>> canonical("（二） 部分公开（区分处理的，只计这一情形，不计其他情形）")
'(二)部分公开(区分处理的,只计这一情形,不计其他情形)'
>>> canonical("1、申请人無正當理由")
'1.申请人无正当理由'
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "NUMBERING",
    "canonical",
    "canonical_text",
    "canonical_with_map",
    "fold",
    "strip_numbering",
    "traditional_pairs",
]

# Traditional forms of the characters of the form's labels and headings (mirror sites publish
# reports in traditional characters, docs/format.md §A.15). Only these are needed to match labels.
_TRADITIONAL = (
    "萬万 舉举 為为 爲为 業业 於于 會会 體体 關关 內内 決决 況况 減减 辦办 務务 動动 區区 單单 "
    "發发 後后 國国 處处 復复 複复 審审 對对 屬属 廢废 強强 當当 總总 執执 護护 報报 據据 數数 "
    "無无 機机 權权 條条 構构 沒没 現现 確确 穩稳 類类 係系 糾纠 納纳 組组 織织 經经 結结 繼继 "
    "續续 維维 繳缴 罰罚 範范 獲获 補补 規规 計计 認认 議议 許许 訟讼 訪访 訴诉 詢询 請请 購购 "
    "費费 轉转 過过 這这 "
    "進进 採采 問问 題题 額额 項项 開开 與与 製制 門门 實实 責责 險险 資资 訊讯 歸归 劃划 "
    "義义 價价 產产 準准 務务 圍围 線线 網网 擊击 聯联 絡络 區区 縣县 鄉乡 鎮镇 廳厅 黨党 "
    "衛卫 環环 稅税 醫医 療疗 衆众 眾众 勞劳 農农 邊边 應应 歲岁 號号 屆届 貫贯 徹彻 條条"
)


def traditional_pairs() -> tuple[tuple[str, str], ...]:
    """(traditional, simplified) character pairs known to the reader."""
    return tuple((pair[0], pair[1]) for pair in _TRADITIONAL.split())


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Full-width ASCII variants (！ to ～) → ASCII, the same as NFKC does for them.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for space in "\u3000\xa0\u2002\u2003\u2009\u200a\u200b\u202f\u205f\ufeff":
        table[ord(space)] = " "
    for quote in "“”„‟＂‘’‚‛「」『』":
        table[ord(quote)] = '"'
    for pair in _TRADITIONAL.split():
        table[ord(pair[0])] = pair[1]
    return table


_TABLE = _build_table()
_WHITESPACE = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S+")
# ``1、`` and ``1．`` number sub-rows as often as the official ``1.``.
_DIGIT_COMMA = re.compile(r"(?<=\d)、")

NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}\.(?!\d)|\(\d{1,2}\))"
)
"""A numbering prefix of a canonical label: ``一、``, ``(一)``, ``1.``, ``(1)``."""


def fold(text: str) -> str:
    """The text with the one-to-one replacements applied, same length as the input.

    A span found in the folded text quotes the same span of the text as printed.
    """
    return text if text.isascii() else text.translate(_TABLE)


def canonical_text(text: str) -> str:
    """``text`` in canonical form; for a whole document, which no cache should keep."""
    folded = fold(text)
    if not unicodedata.is_normalized("NFKC", folded):
        folded = unicodedata.normalize("NFKC", folded)
    return _DIGIT_COMMA.sub(".", _WHITESPACE.sub("", folded))


CACHED_LENGTH = 256
"""Texts up to this length are cached: labels and headings recur from report to report, while
a longer text is a paragraph of one report, whose cached map (an int per character) would only
fill memory as a collection reads thousands of reports."""


def canonical(text: str) -> str:
    """``text`` in canonical form, for comparing labels (cached: labels recur)."""
    return _canonical_cached(text) if len(text) <= CACHED_LENGTH else canonical_text(text)


@functools.lru_cache(maxsize=8192)
def _canonical_cached(text: str) -> str:
    return canonical_text(text)


def canonical_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """``canonical(text)`` and, for each of its characters, the index of its source in ``text``."""
    if len(text) <= CACHED_LENGTH:
        return _canonical_with_map_cached(text)
    return _canonical_with_map(text)


@functools.lru_cache(maxsize=4096)
def _canonical_with_map_cached(text: str) -> tuple[str, tuple[int, ...]]:
    return _canonical_with_map(text)


def _canonical_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    folded = fold(text)
    if not unicodedata.is_normalized("NFKC", folded):
        # Rare (circled digits, ligatures…): normalise one character at a time to keep the map.
        parts: list[str] = []
        index: list[int] = []
        for position, char in enumerate(folded):
            normal = unicodedata.normalize("NFKC", char)
            for out in normal:
                if not out.isspace():
                    parts.append(out)
                    index.append(position)
        return _DIGIT_COMMA.sub(".", "".join(parts)), tuple(index)
    index = []
    parts = []
    for match in _NON_SPACE.finditer(folded):
        parts.append(match.group())
        index.extend(range(match.start(), match.end()))
    return _DIGIT_COMMA.sub(".", "".join(parts)), tuple(index)


def strip_numbering(text: str) -> str:
    """A canonical label without its numbering prefix: ``(一)予以公开`` → ``予以公开``."""
    return NUMBERING.sub("", text, count=1)
