"""The text reader on synthetic inputs: each layout, each mechanism, and wrong numbers never.

Reports are drawn at random (``govinfo_report.strategies``), printed in every text layout
found in the wild (``report_text.render``) and read back: layouts that keep every cell must give
every cell back exactly; layouts that lose blanks or separators may leave cells ``None`` with a
finding, but must never give a wrong number.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import catalog, strategies
from govinfo_report.catalog import CellKind, FormatVersion
from govinfo_report.model import CellValue, ProactiveDisclosure, Report, Table
from govinfo_report.parse import _canon
from govinfo_report.parse._canon import canonical, strip_numbering, traditional_pairs
from govinfo_report.parse._document import ParseResult, SourceKind
from govinfo_report.parse._interpret import interpret
from govinfo_report.parse._text import read_text, split_cells
from report_text import cells_of, render, same_value

OVERVIEW, PROACTIVE, REQUESTS, REVIEW, PROBLEMS, OTHER = catalog.SECTION_IDS
CORPUS = Path(__file__).parent / "corpus" / "sources"
T3 = catalog.requests_grid("2021")
T3_2019 = catalog.requests_grid("2019")
T4 = catalog.REVIEW_LITIGATION_GRID


def read(text: str, **options: bool) -> ParseResult:
    return interpret(read_text(text), **options)


def heading(section_id: str) -> str:
    return catalog.format_spec("2021").section(section_id).heading.zh


def codes(result: ParseResult, path: str | None = None) -> set[str]:
    return {f.code for f in result.findings if path is None or f.path == path}


def t3_label(row_id: str, version: str = "2021") -> str:
    return catalog.requests_grid(version).row(row_id).label.zh


def t2_grid(grid_id: str, version: str = "2021") -> catalog.Grid:
    return catalog.format_spec(version).section(PROACTIVE).grid(grid_id)


def report_text(
    t2: str = "",
    t3: str = "",
    t4: str = "",
    *,
    title: str = "某县人民政府2024年政府信息公开工作年度报告",
) -> str:
    """A report around the given table texts, with the official headings."""
    return "\n".join(
        [
            title,
            heading(OVERVIEW),
            "本机关认真贯彻落实条例。",
            heading(PROACTIVE),
            t2,
            heading(REQUESTS),
            t3,
            heading(REVIEW),
            t4,
            heading(PROBLEMS),
            "公开深度有待提高。",
            heading(OTHER),
            "无。",
        ]
    )


def t3_rows(values: dict[str, list[str]], *, sep: str = "\t", version: str = "2021") -> str:
    """Table 三 with the given printed values per row id (other rows all 0)."""
    grid = catalog.requests_grid(version)
    lines = [sep.join(column.label.zh for column in grid.columns)]
    for row in grid.rows:
        printed = values.get(row.id, ["0"] * 7)
        lines.append(sep.join([row.label.zh, *printed]))
    return "\n".join(lines)


# --- splitting lines into cells -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("规章\t1\t0\t11", ("规章", "1", "0", "11")),
        ("\t(二) 部分公开\t0\t", ("", "(二) 部分公开", "0", "")),
        ("| 规章 | 22 |  | 235 |", ("规章", "22", "", "235")),
        ("| a || b |", ("a", "", "b")),
        ("|---|:---:|---|", ()),
        ("规章            1          0        11", ("规章", "1", "0", "11")),
        ("结果 维持   结果 纠正", ("结果 维持", "结果 纠正")),
        ("行政许可\u3000447228", ("行政许可", "447228")),
        ("行政许可\xa0\xa0447228", ("行政许可", "447228")),
        ("   ", ()),
        ("一、总体情况", ("一、总体情况",)),
    ],
)
def test_split_cells(line: str, cells: tuple[str, ...]) -> None:
    """Tabs, pipes, runs of spaces and full-width spaces separate cells; single spaces do not."""
    assert split_cells(line) == cells


@pytest.mark.parametrize("repeat", [1, 40])
def test_canonical_map_of_short_and_long_texts(repeat: int) -> None:
    """A paragraph longer than the cached length maps as a label does, and is not cached."""
    text = "（二） 部分 公开\u3000①1、報告" * repeat
    _canon._canonical_with_map_cached.cache_clear()
    canon, index = _canon.canonical_with_map(text)
    assert canon == canonical(text) == _canon.canonical_text(text)
    assert len(index) == len(canon)
    assert [text[position] for position in index[:5]] == ["（", "二", "）", "部", "分"]
    kept = _canon._canonical_with_map_cached.cache_info().currsize
    assert kept == (0 if len(text) > _canon.CACHED_LENGTH else 1)


def test_read_text_numbers_lines_and_drops_noise() -> None:
    """Lines keep their numbers through CRLF, form feeds and a BOM; blank lines are skipped."""
    document = read_text("\ufeff第一行\r\n\r\n\f第三行\t1", name="x.txt")
    assert document.kind is SourceKind.TEXT
    assert document.name == "x.txt"
    assert [(line.location.line, line.cells) for line in document.lines] == [
        (1, ("第一行",)),
        (3, ("第三行", "1")),
    ]


# --- every layout, random reports -------------------------------------------------------------


def _no_t2_blanks(report: Report) -> Report:
    """Section 二 with 0 for blanks: a one-line copy cannot show where a blank was."""
    tables = tuple(
        Table(
            table.grid,
            tuple(
                (Decimal(0) if cell.column.kind is CellKind.AMOUNT else 0)
                if cell.value is None
                else cell.value
                for cell in table
            ),
        )
        for table in report.proactive_disclosure.tables
    )
    return attrs.evolve(
        report, proactive_disclosure=ProactiveDisclosure(report.proactive_disclosure.format, tables)
    )


def _wrong_numbers(want: dict[str, CellValue], got: dict[str, CellValue]) -> set[str]:
    """The cells read as a number other than the one printed (None read is not a number)."""
    return {
        path
        for path, value in got.items()
        if value is not None and not same_value(value, want[path])
    }


def _dated(report: Report) -> Report:
    return attrs.evolve(report, year=report.year or 2024, organ=None)


@pytest.mark.parametrize("layout", ["tab", "pipe", "layout"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=strategies.reports().map(_dated))
def test_layouts_that_keep_cells_read_back_exactly(layout: str, report: Report) -> None:
    """Tab, pipe and layout text give back every cell: numbers, signs, amounts and blanks."""
    result = read(render(report, layout))
    assert result.report.formats == report.formats
    assert result.report.year == report.year
    want = cells_of(report)
    got = cells_of(result.report)
    assert {p for p in want if not same_value(want[p], got[p])} == set()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=strategies.reports().map(_dated))
def test_one_item_per_line_never_gives_a_wrong_number(report: Report) -> None:
    """One item per line loses blanks: rows short of values stay None, the rest read exactly
    (table 四 is one run of 15 values, so one blank leaves all of it unread)."""
    result = read(render(report, "lines"))
    assert result.report.formats == report.formats
    want = cells_of(report)
    got = cells_of(result.report)
    assert _wrong_numbers(want, got) == set()
    for table in report.tables():
        rows = [table.grid.rows] if table.grid is T4 else [[row] for row in table.grid.rows]
        for group in rows:
            printed = {
                f"$.{catalog.grid_path(table.grid)}.{row.id}.{column}": value
                for row in group
                for column, value in table.row(row.id).items()
            }
            if None not in printed.values():
                assert all(same_value(got[path], value) for path, value in printed.items())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=strategies.consistent_reports().map(_dated).map(_no_t2_blanks))
def test_one_line_copy_never_gives_a_wrong_number(report: Report) -> None:
    """A whole report on one line, digits run together: cells split or left None, never wrong."""
    result = read(render(report, "flat"))
    # Every heading is found, even glued to the narrative before it: it carries its numeral.
    assert "R-SECTION-MISSING" not in {finding.code for finding in result.findings}
    assert result.report.formats == report.formats
    want = cells_of(report)
    got = cells_of(result.report)
    assert _wrong_numbers(want, got) == set()
    for path, candidates in result.undetermined.items():
        assert got[path] is None
        assert any(same_value(candidate, want[path]) for candidate in candidates)


# --- layouts of real reports ------------------------------------------------------------------


def test_tab_rows_that_lost_their_leading_cells_align_from_the_right() -> None:
    """Merged cells leave empty leading and trailing tabs; the seven numbers align right."""
    t3 = "\n".join(
        [
            f"\t{t3_label('new_requests')}\t\t" + "\t".join("1234567") + "\t",
            f"\t{t3_label('carried_over_from_last_year')}\t\t0\t0\t0\t0\t0\t0\t0\t\t",
        ]
    )
    result = read(report_text(t3=t3))
    assert result.report.requests.row("new_requests") == dict(
        zip((c.id for c in T3.columns), range(1, 8), strict=True)
    )
    assert set(result.report.requests.row("carried_over_from_last_year").values()) == {0}


def test_wrapped_labels_with_numbers_on_the_middle_line() -> None:
    """pdftotext -layout: a label over three lines, its numbers alone on the middle one."""
    label = t3_label("partially_granted")
    rows = [f"{t3_label('granted')}    5    0    0    0    0    0    5"]
    rows += [label[:10], "   7    1    0    0    0    0    8", label[10:]]
    rows += [f"{t3_label('withheld_state_secret')}    2    0    0    0    0    0    2"]
    result = read(report_text(t3="\n".join(rows)))
    assert result.report.requests.row("partially_granted")["total"] == 8
    assert result.report.requests.row("withheld_state_secret")["total"] == 2


def test_page_numbers_and_repeated_headers_inside_a_table() -> None:
    """'-3-' lines and a header printed again on the next page are not rows."""
    header = "    ".join(column.label.zh for column in T3.columns)
    rows = [
        header,
        f"{t3_label('granted')}    5    0    0    0    0    0    5",
        "-3-",
        "— 4 —",
        header,
        f"{t3_label('partially_granted')}    1    0    0    0    0    0    1",
    ]
    result = read(report_text(t3="\n".join(rows)))
    assert result.report.requests.row("granted")["total"] == 5
    assert result.report.requests.row("partially_granted")["total"] == 1


def test_unlabelled_number_rows_take_the_places_between_labels() -> None:
    """Markdown from a PDF converter: number rows detached from their labels fill the gaps, in
    order, when their count fits exactly."""
    lines = [
        f"| {t3_label('granted')} | 9 | 0 | 0 | 0 | 0 | 0 | 9 |",
        "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
        f"| {t3_label('withheld_state_secret')} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        f"| {t3_label('withheld_security_stability')} | 4 | 0 | 0 | 0 | 0 | 0 | 4 |",
    ]
    result = read(report_text(t3="\n".join(lines)))
    requests = result.report.requests
    assert requests.row("partially_granted")["total"] == 3
    assert requests.row("withheld_law_prohibited")["total"] == 2


def test_unlabelled_rows_that_do_not_fit_are_not_used() -> None:
    """Two number rows for one missing row: no guess, a finding instead."""
    lines = [
        f"| {t3_label('granted')} | 9 | 0 | 0 | 0 | 0 | 0 | 9 |",
        "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
        "| 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
        f"| {t3_label('withheld_state_secret')} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    ]
    result = read(report_text(t3="\n".join(lines)))
    assert set(result.report.requests.row("partially_granted").values()) == {None}
    assert "R-UNPLACED-ROWS" in codes(result)


def test_one_item_per_line() -> None:
    """Every label and every value on its own line."""
    grid = t2_grid("art20_1")
    lines = [grid.label.zh, *(c.label.zh for c in grid.columns)]
    for row, numbers in zip(grid.rows, (["1", "0", "11"], ["8", "26", "66"]), strict=True):
        lines += [row.label.zh, *numbers]
    result = read(report_text(t2="\n".join(lines)))
    table = result.report.proactive_disclosure.table("art20_1")
    assert table.row("normative_documents") == {"issued": 8, "repealed": 26, "in_force": 66}


# --- digit runs ---------------------------------------------------------------------------


def test_digit_run_with_one_split() -> None:
    """'230 000023': no number starts with 0 and the total is the sum: 23,0,0,0,0,0,23."""
    t3 = f"{t3_label('new_requests')}230 000023{t3_label('carried_over_from_last_year')}0000000"
    result = read(report_text(t3=t3))
    assert list(result.report.requests.row("new_requests").values()) == [23, 0, 0, 0, 0, 0, 23]
    assert result.provenance["$.requests.new_requests.total"].raw == "230 000023"


def _flat_t3(runs: dict[str, str], version: str = "2021") -> str:
    grid = catalog.requests_grid(version)
    return "".join(f"{row.label.zh}{runs.get(row.id, '0000000')}" for row in grid.rows)


def test_digit_run_with_several_splits_decided_by_the_columns() -> None:
    """'270020130' fits its row two ways; only 27,0,0,2,0,1,30 keeps the columns' sums."""
    runs = {
        "new_requests": "27 0 0 2 0 1 30",
        "granted": "270020130",
        "total_handled": "27 0 0 2 0 1 30",
    }
    result = read(report_text(t3=_flat_t3(runs)))
    assert list(result.report.requests.row("granted").values()) == [27, 0, 0, 2, 0, 1, 30]
    assert "R-SPLIT-BY-IDENTITY" in codes(result, "$.requests.granted")


def test_digit_run_with_several_splits_left_undetermined() -> None:
    """When every identity holds either way, the cells stay None, with the candidates."""
    runs = {
        "new_requests": "270020130",
        "total_handled": "270020130",
        "granted": "270020130",
        "carried_over_from_last_year": "270020130",
        "carried_to_next_year": "270020130",
    }
    result = read(report_text(t3=_flat_t3(runs)))
    # E1 (new + carried over = handled + carried to next year) and E2 hold for any choice made
    # alike in the rows; different choices break them, so only pairs of equal choices remain.
    row = result.report.requests.row("granted")
    assert row["natural_person"] is None
    assert row["total"] == 30
    path = "$.requests.granted.natural_person"
    assert set(result.undetermined[path]) == {2, 27}
    assert "R-AMBIGUOUS-SPLIT" in codes(result, path)


def test_seventeen_digits_for_fifteen_cells() -> None:
    """Table 四 as one run: the group totals pick the only split."""
    t4 = "".join(row.label.zh for row in T4.rows) + "10203120001200000"
    result = read(report_text(t4=t4))
    values = result.report.review_litigation.values
    assert values == (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)


def test_run_whose_only_split_breaks_the_total_is_not_read() -> None:
    """Digits that split one way only, yet do not add up, are more likely damaged than true."""
    t3 = f"{t3_label('new_requests')}100000000000{t3_label('carried_over_from_last_year')}0000000"
    result = read(report_text(t3=t3))
    assert set(result.report.requests.row("new_requests").values()) == {None}
    assert "R-NO-SPLIT" in codes(result, "$.requests.new_requests.total")


def test_section_two_runs_have_no_identity_to_decide() -> None:
    """'898989' for three cells fits many splits: all three stay None with their candidates."""
    grid = t2_grid("art20_1", "2019")
    t2 = grid.label.zh + "".join(c.label.zh for c in grid.columns)
    t2 += f"{grid.rows[0].label.zh}000{grid.rows[1].label.zh}898989"
    result = read(report_text(t2=t2))
    table = result.report.proactive_disclosure.table("art20_1")
    assert table.row("regulations") == {"made": 0, "published": 0, "published_total": 0}
    assert set(table.row("normative_documents").values()) == {None}
    assert 89 in result.undetermined["$.proactive_disclosure.art20_1.normative_documents.made"]


def test_number_printed_across_two_cells_is_joined_by_the_identities() -> None:
    """'1 2' for '12' (拆格): the only join that keeps the total."""
    t3 = f"{t3_label('new_requests')}\t1\t2\t0\t0\t0\t0\t0\t12"
    result = read(report_text(t3=t3))
    assert result.report.requests.row("new_requests")["natural_person"] == 12
    assert "R-MERGED-CELLS" in codes(result)


# --- values ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["", "-", "—", "--", "/", "——"])
def test_blanks_are_none_with_their_raw_text(mark: str) -> None:
    """A blank is None, never 0; provenance keeps what was printed."""
    t3 = t3_rows({"granted": ["5", mark, "0", "0", "0", "0", "5"]})
    result = read(report_text(t3=t3))
    assert result.report.requests.row("granted")["commercial_enterprise"] is None
    assert result.provenance["$.requests.granted.commercial_enterprise"].raw == mark


def test_blanks_as_zero_on_request() -> None:
    """blanks_as_zero=True reads printed blanks as 0, and says so."""
    t3 = t3_rows({"granted": ["5", "-", "0", "0", "0", "0", "5"]})
    result = read(report_text(t3=t3), blanks_as_zero=True)
    assert result.report.requests.row("granted")["commercial_enterprise"] == 0
    assert "R-BLANK-AS-ZERO" in codes(result)


def test_signs_units_and_amounts() -> None:
    """'+1036' and '-8' are signed changes; '251000元' an amount without its unit."""
    lines = []
    for grid in catalog.format_spec("2019").section(PROACTIVE).grids:
        lines.append(grid.label.zh)
        lines.append("\t".join(c.label.zh for c in grid.columns))
        for row in grid.rows:
            printed = {"art20_5": ["10", "+1036", "3"], "art20_9": ["6", "251000元"]}.get(
                grid.id, ["0"] * len(grid.columns)
            )
            lines.append("\t".join([row.label.zh, *printed]))
    lines[lines.index(f"{t2_grid('art20_6', '2019').rows[0].label.zh}\t0\t0\t0")] = (
        f"{t2_grid('art20_6', '2019').rows[0].label.zh}\t4\t-8\t0"
    )
    result = read(report_text(t2="\n".join(lines)))
    proactive = result.report.proactive_disclosure
    assert proactive.format is FormatVersion.V2019
    assert proactive.cell("art20_5", "admin_licensing", "change") == 1036
    assert proactive.cell("art20_6", "admin_penalty", "change") == -8
    amount = proactive.cell("art20_9", "central_procurement", "procurement_amount")
    assert amount == Decimal(251000)
    assert isinstance(amount, Decimal)
    assert "R-UNIT" in codes(
        result, "$.proactive_disclosure.art20_9.central_procurement.procurement_amount"
    )


def test_fee_amount_is_decimal() -> None:
    """本年收费金额 in 万元 keeps its decimals exactly."""
    grid = t2_grid("art20_8")
    t2 = "\n".join([grid.label.zh, f"{grid.rows[0].label.zh}\t96171.60"])
    result = read(report_text(t2=t2))
    assert result.report.proactive_disclosure.cell(
        "art20_8", "admin_fees", "fee_amount"
    ) == Decimal("96171.60")


def test_bad_values_are_not_read() -> None:
    """A decimal in a count or a negative count is not a value of the form."""
    t3 = t3_rows({"granted": ["5.5", "-3", "0", "0", "0", "0", "5"]})
    result = read(report_text(t3=t3))
    row = result.report.requests.row("granted")
    assert row["natural_person"] is None
    assert row["commercial_enterprise"] is None
    assert "R-BAD-VALUE" in codes(result, "$.requests.granted.natural_person")


def test_short_row_is_not_guessed() -> None:
    """Two numbers for three columns: which one is missing cannot be told."""
    grid = t2_grid("art20_1")
    t2 = "\n".join([grid.label.zh, f"| {grid.rows[0].label.zh} | 22 | 235 |"])
    result = read(report_text(t2=t2))
    assert set(result.report.proactive_disclosure.table("art20_1").row("regulations").values()) == {
        None
    }
    assert "R-SHORT-ROW" in codes(result, "$.proactive_disclosure.art20_1.regulations.issued")


# --- labels, headings, versions -----------------------------------------------------------------


_TO_TRADITIONAL = {simplified: traditional for traditional, simplified in traditional_pairs()}


def _traditional(text: str) -> str:
    return "".join(_TO_TRADITIONAL.get(char, char) for char in text)


def test_traditional_characters() -> None:
    """A mirror site's traditional characters read like the simplified labels."""
    grid = t2_grid("art20_1")
    t2 = "\n".join(
        [
            _traditional(grid.label.zh),
            "\t".join(_traditional(c.label.zh) for c in grid.columns),
            f"{_traditional(grid.rows[0].label.zh)}\t1\t0\t11",
        ]
    )
    t3 = t3_rows({"granted": ["5", "0", "0", "0", "0", "0", "5"]})
    t3 = "\n".join(_traditional(line) for line in t3.split("\n"))
    result = read(_traditional(report_text(t2=t2, t3=t3)))
    assert result.report.proactive_disclosure.format is FormatVersion.V2021
    assert result.report.proactive_disclosure.table("art20_1").row("regulations")["in_force"] == 11
    assert result.report.requests.row("granted")["total"] == 5
    assert canonical(_traditional(T3.row("granted").label.zh)) == canonical(
        T3.row("granted").label.zh
    )


@pytest.mark.parametrize(
    "variant",
    [
        lambda h: h.replace("、", "", 1),
        lambda h: h.replace("、", "、 ", 1) + " ",
        lambda h: h[:4] + "  " + h[4:],
        lambda h: "  " + h.replace("、", ".", 1),
        lambda h: h.replace("、", ""),
    ],
)
def test_heading_variants(variant: object) -> None:
    """Headings without 、, with spaces inside, or with 1. style punctuation are found."""
    text = report_text(t3=t3_rows({"granted": ["5", "0", "0", "0", "0", "0", "5"]}))
    for section_id in catalog.SECTION_IDS:
        text = text.replace(heading(section_id), variant(heading(section_id)))  # type: ignore[operator]
    result = read(text)
    assert "R-SECTION-MISSING" not in codes(result)
    assert result.report.requests.row("granted")["total"] == 5
    assert result.report.problems_improvements == "公开深度有待提高。"


def test_heading_alias_from_the_catalog() -> None:
    """A longer wording of section 五 (上海 2019) is the same section."""
    alias = catalog.format_spec("2021").section(PROBLEMS).aliases[0]
    text = report_text().replace(heading(PROBLEMS), f"五、{alias}")
    assert read(text).report.problems_improvements == "公开深度有待提高。"


def test_section_mentions_in_sentences_are_not_headings() -> None:
    """The introduction lists the six parts by name; only numbered headings start sections."""
    names = "、".join(re.sub(r"^.、", "", heading(s)) for s in catalog.SECTION_IDS)
    text = report_text().replace("本机关认真贯彻落实条例。", f"本报告包括{names}等六个部分。")
    result = read(text)
    assert result.report.overview == f"本报告包括{names}等六个部分。"


def test_heading_glued_to_the_sentence_before_is_found() -> None:
    """A copy that lost a line break and the full stop glues ``二、主动公开…`` to the sentence
    before it: a heading printed with its own numeral and comma is still a heading."""
    text = report_text(t3=t3_rows({"granted": ["5", "0", "0", "0", "0", "0", "5"]}))
    for section_id in catalog.SECTION_IDS[1:]:
        text = re.sub(rf"。?\n(?={re.escape(heading(section_id))})", "", text)
    assert "条例二、" in text
    result = read(text)
    assert "R-SECTION-MISSING" not in codes(result)
    assert result.report.overview == "本机关认真贯彻落实条例"
    assert result.report.requests.row("granted")["total"] == 5
    assert result.report.problems_improvements == "公开深度有待提高"


def test_glued_mention_with_another_numeral_is_not_a_heading() -> None:
    """Glued to a word, a section's name under another section's numeral is a mention."""
    mention = "本机关按照五、" + re.sub(r"^.、", "", heading(REVIEW)) + "的要求开展工作。"
    text = report_text().replace("本机关认真贯彻落实条例。", mention)
    assert read(text).report.overview == mention


def test_missing_table_is_blank_with_a_finding() -> None:
    """No section 四 at all: its cells are None and a finding says so."""
    text = report_text().replace(heading(REVIEW), "")
    result = read(text)
    assert set(result.report.review_litigation.values) == {None}
    assert "R-SECTION-MISSING" in codes(result, f"$.{REVIEW}")


def test_mixed_format_versions() -> None:
    """A 2021 table 二 with a 2019 table 三 (single （六）其他处理 row) is read as such."""
    grid = t2_grid("art20_1")
    t2 = "\n".join(
        [
            grid.label.zh,
            "\t".join(c.label.zh for c in grid.columns),
            f"{grid.rows[0].label.zh}\t1\t0\t11",
        ]
    )
    t3 = t3_rows({"other_handling": ["2", "0", "0", "0", "0", "0", "2"]}, version="2019")
    result = read(report_text(t2=t2, t3=t3))
    assert result.report.proactive_disclosure.format is FormatVersion.V2021
    assert result.report.requests.format is FormatVersion.V2019
    assert result.report.requests.row("other_handling")["total"] == 2
    assert "R-FORMAT-MIXED" in codes(result)


def test_label_typo_alias() -> None:
    """The catalog's alias for a known typo (本年度止件数 for 本年废止件数) marks 2021."""
    grid = t2_grid("art20_1")
    header = "\t".join(c.aliases[0] if c.id == "repealed" else c.label.zh for c in grid.columns)
    t2 = "\n".join([grid.label.zh, header, f"{grid.rows[0].label.zh}\t1\t2\t11"])
    result = read(report_text(t2=t2))
    assert result.report.proactive_disclosure.format is FormatVersion.V2021
    assert result.report.proactive_disclosure.cell("art20_1", "regulations", "repealed") == 2


@pytest.mark.parametrize(
    ("title", "organ", "year"),
    [
        ("淮安市人民政府\n  2024 年政府信息公开工作年度报告", "淮安市人民政府", 2024),
        ("2025 年上海市人民政府办公厅政府信息公开\n工作年度报告", "上海市人民政府办公厅", 2025),
        (
            "首页 信息公开年报 平潭综合实验区2021年度政府信息公开工作年度报告 来源",
            "平潭综合实验区",
            2021,
        ),
        ("某乡2019年政府信息公开工作年度报告", "某乡", 2019),
    ],
)
def test_organ_and_year_from_the_title(title: str, organ: str, year: int) -> None:
    """Organ before or after the year, titles over two lines, page chrome around them."""
    result = read(report_text(title=title))
    assert (result.report.organ, result.report.year) == (organ, year)


def test_no_organ_is_invented() -> None:
    """A report that names no organ ('我乡') has organ None, and the year from the body."""
    text = report_text(title="").replace(
        "本机关认真贯彻落实条例。", "2019年,我乡明确专人负责政务公开工作。"
    )
    result = read(text)
    assert result.report.organ is None
    assert result.report.year == 2019
    assert {"R-ORGAN-MISSING", "R-YEAR-FROM-BODY"} <= codes(result)


# --- robustness: damaged copies of real reports ---------------------------------------------------


def _table_lines(text: str) -> list[int]:
    """Lines from the heading of section 二 to that of section 六 (五 may be missing)."""
    lines = text.split("\n")
    start_core = strip_numbering(canonical(heading(PROACTIVE)))
    end_core = strip_numbering(canonical(heading(OTHER)))
    start = next(i for i, line in enumerate(lines) if start_core in canonical(line))
    end = next(i for i, line in enumerate(lines) if i > start and end_core in canonical(line))
    return [i for i in range(start + 1, end) if lines[i].strip()]


@pytest.mark.parametrize(
    "stem",
    [
        "2024_huaian_city",
        "2023_wenfeng_ziwei_street",
        "2024_shanghai_kewei",
        "2025_shanghai_gov_office",
    ],
)
def test_deleting_or_swapping_a_table_line_never_gives_a_wrong_number(stem: str) -> None:
    """Lose any one line of the tables, or swap two neighbours: cells may go None, never wrong."""
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    truth = cells_of(read(text).report)
    lines = text.split("\n")
    for index in _table_lines(text):
        damaged = [
            lines[:index] + lines[index + 1 :],
            [*lines[:index], lines[index + 1], lines[index], *lines[index + 2 :]],
        ]
        for variant in damaged:
            got = cells_of(read("\n".join(variant)).report)
            wrong = {
                p
                for p, v in got.items()
                if v is not None and truth[p] is not None and not same_value(v, truth[p])
            }
            assert wrong == set(), (index, lines[index])


@pytest.mark.parametrize("stem", ["2021_pingtan_zone", "2025_pingtan_zone"])
def test_losing_a_label_in_a_one_line_report_never_gives_a_wrong_number(stem: str) -> None:
    """Cut any run of label text from a one-line report: the values around it are not misread."""
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    truth = cells_of(read(text).report)
    start = text.index(heading(PROACTIVE))
    end = text.index(heading(PROBLEMS)) if heading(PROBLEMS) in text else len(text)
    spans = [
        m.span()
        for m in re.finditer(r"[^\d\s.]+", text[start:end])
        if re.search(r"[\u4e00-\u9fff]", m.group())
    ]
    for a, b in spans[:: max(1, len(spans) // 40)]:
        damaged = text[: start + a] + text[start + b :]
        got = cells_of(read(damaged).report)
        wrong = {
            p
            for p, v in got.items()
            if v is not None and truth[p] is not None and not same_value(v, truth[p])
        }
        assert wrong == set(), text[start + a : start + b]


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_reads_without_crashing(text: str) -> None:
    """Arbitrary text gives a report (mostly blank) and findings, never an exception."""
    result = read(text)
    assert isinstance(result.report, Report)
