"""Totals across organs, series across years, and peer statistics."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _corpus import corpus_document
from govinfo_report import Report, Requests, catalog, check, from_dict
from govinfo_report.collection import AggregateError, aggregate, peer_statistics, series
from govinfo_report.collection._peers import quantile
from govinfo_report.errors import FieldValueError
from govinfo_report.rules.rates import RATES, rate_catalogue
from govinfo_report.strategies import consistent_reports, reports

EXPECTED = Path(__file__).parent / "corpus" / "expected"


def _corpus_report(stem: str) -> Report:
    return from_dict(corpus_document(json.loads((EXPECTED / f"{stem}.json").read_text("utf-8"))))


# --- aggregate ------------------------------------------------------------------------------


@pytest.mark.parametrize("version", list(catalog.FORMATS), ids=str)
@settings(max_examples=20)
@given(parts=st.data())
def test_aggregate_of_consistent_reports_satisfies_the_identities(
    version: catalog.FormatVersion, parts: st.DataObject
) -> None:
    """Sums preserve the identities: the aggregate of consistent reports has no error."""
    drawn = parts.draw(st.lists(consistent_reports(version), min_size=1, max_size=4))
    total = aggregate(drawn, organ="某县")
    assert check(total.report).ok
    assert total.parts == len(drawn)
    assert dict(total.blank_parts) == {}
    handled = [part.requests.cell("total_handled", "total") for part in drawn]
    assert total.report.requests.cell("total_handled", "total") == sum(
        value for value in handled if value is not None
    )


@settings(max_examples=25)
@given(st.lists(reports("2021"), min_size=2, max_size=3))
def test_a_blank_part_makes_the_sum_blank_and_is_counted(drawn: list[Report]) -> None:
    """A sum over a blank is blank unless blanks are zero; either way the blanks are counted."""
    strict = aggregate(drawn)
    lenient = aggregate(drawn, blanks_as_zero=True)
    strict_cells, lenient_cells = strict.report.cell_values(), lenient.report.cell_values()
    for path, value in strict_cells.items():
        parts = [part.cell_values()[path] for part in drawn]
        blanks = sum(part is None for part in parts)
        assert strict.blank_parts.get(path, 0) == blanks
        assert lenient.blank_parts.get(path, 0) == blanks
        present = [part for part in parts if part is not None]
        assert value == (None if blanks else sum(present))
        assert lenient_cells[path] == sum(present)


def test_aggregate_maps_2021_table_three_onto_2019() -> None:
    """2019's single （六）其他处理 row is the sum of 2021's three sub-rows."""
    new = _corpus_report("2024_huaian_city")
    zeros = (0,) * catalog.requests_grid("2019").size
    old = attrs.evolve(new, requests=Requests("2019", zeros))
    total = aggregate([old, new])
    assert total.report.requests.format is catalog.FormatVersion.V2019
    assert total.report.requests.row("other_handling") == new.requests.subtotal("other_handling")
    assert total.report.requests.row("granted") == new.requests.row("granted")
    assert check(new).ok
    assert check(total.report).ok


def test_aggregate_refuses_mixed_section_two_and_nothing() -> None:
    """Section 二 tables of different formats mean different things: refused, by name."""
    with pytest.raises(AggregateError, match="section 二 tables of different formats"):
        aggregate([Report.blank("2019"), Report.blank("2021")])
    with pytest.raises(AggregateError, match="no reports"):
        aggregate([])


def test_aggregate_keeps_a_shared_year() -> None:
    """The parts' year is the total's when they share it."""
    total = aggregate([Report.blank("2021", year=2024), Report.blank("2021", year=2024)])
    assert total.report.year == 2024
    mixed = aggregate([Report.blank("2021", year=2023), Report.blank("2021", year=2024)])
    assert mixed.report.year is None


# --- series ---------------------------------------------------------------------------------


def test_pingtan_continuity_finds_what_the_expected_values_imply() -> None:
    """P1 and P2 on Pingtan's reports, as if consecutive, agree with the expected values.

    The corpus has 2019, 2021, 2023 and 2025: :func:`series` compares none of them (gaps).
    Relabelled as consecutive years, P1 must flag exactly the columns where last report's
    结转下年度 differs from this report's 上年结转, and P2 the rows where the stock of
    documents in force does not follow, each computed here from the expected files.
    """
    stems = ["2021_pingtan_zone", "2023_pingtan_zone", "2025_pingtan_zone"]
    expected = [json.loads((EXPECTED / f"{stem}.json").read_text("utf-8")) for stem in stems]
    gapped = series([_corpus_report(stem) for stem in stems])
    assert gapped.checked == ()
    assert [finding.code for finding in gapped.findings if finding.rule] == []
    relabelled = [
        attrs.evolve(_corpus_report(stem), year=2030 + index) for index, stem in enumerate(stems)
    ]
    result = series(relabelled, factor=1e9)
    assert result.checked == ((2030, 2031), (2031, 2032))
    found = {(f.year, f.path, f.actual, f.expected) for f in result.findings if f.rule}
    implied = set()
    for index in (1, 2):
        before, now = expected[index - 1], expected[index]
        for column, value in now["requests"]["carried_over_from_last_year"].items():
            last = before["requests"]["carried_to_next_year"][column]
            if None not in (value, last) and value != last:
                implied.add(
                    (2030 + index, f"$.requests.carried_over_from_last_year.{column}", value, last)
                )
        table, last_table = (
            now["proactive_disclosure"]["art20_1"],
            before["proactive_disclosure"]["art20_1"],
        )
        for row in ("regulations", "normative_documents"):
            cells, last_cells = table[row], last_table[row]
            parts = (last_cells["in_force"], cells["issued"], cells["repealed"])
            if None in (*parts, cells["in_force"]):
                continue
            computed = parts[0] + parts[1] - parts[2]
            if cells["in_force"] != computed:
                implied.add(
                    (
                        2030 + index,
                        f"$.proactive_disclosure.art20_1.{row}.in_force",
                        cells["in_force"],
                        computed,
                    )
                )
    assert {(y, p, a, e) for y, p, a, e in found} == implied
    assert implied  # the corpus does break continuity somewhere: the test is not vacuous


def test_series_flags_sudden_changes_with_both_values() -> None:
    """A count that grows more than 5× from a base of at least 10 is a warning; tiny bases not."""
    base = Report.blank("2021", organ="某局", year=2023)
    requests = base.requests.with_cells({("new_requests", "total"): 20, ("granted", "total"): 2})
    before = attrs.evolve(base, requests=requests)
    after = attrs.evolve(
        base,
        year=2024,
        requests=requests.with_cells({("new_requests", "total"): 101, ("granted", "total"): 50}),
    )
    result = series([after, before])
    sudden = [finding for finding in result.findings if finding.code == "S-SUDDEN-CHANGE"]
    assert [(f.path, f.expected, f.actual, f.year, f.previous_year) for f in sudden] == [
        ("$.requests.new_requests.total", 20.0, 101.0, 2024, 2023)
    ]
    assert "20" in sudden[0].message_en
    assert "Total" in sudden[0].message_en
    assert "总计" in sudden[0].message_zh
    assert {(change.path, change.difference) for change in result.changes} == {
        ("$.requests.new_requests.total", 81),
        ("$.requests.granted.total", 48),
    }
    shrink = series(
        [before, attrs.evolve(after, requests=requests.with_cells({("new_requests", "total"): 3}))]
    )
    assert [f.actual for f in shrink.findings if f.code == "S-SUDDEN-CHANGE"] == [3.0]


def test_series_refuses_two_reports_for_one_year() -> None:
    """A series has one report per year (a collection counts one)."""
    report = Report.blank("2021", year=2024)
    with pytest.raises(FieldValueError, match="two reports for the same year"):
        series([report, report])
    assert series([Report.blank("2021")]).years == ()


# --- peer statistics ------------------------------------------------------------------------

GROUPS = ("county", "city")


@settings(max_examples=10)
@given(
    drawn=st.lists(
        st.tuples(reports("2021"), st.sampled_from((2023, 2024)), st.sampled_from(GROUPS)),
        min_size=1,
        max_size=8,
    )
)
def test_peer_statistics_equal_pandas(drawn: list[tuple[Report, int, str]]) -> None:
    """Quartiles of every cell and rate per year and group equal pandas' on the same data."""
    collection = [
        attrs.evolve(report, organ=f"organ {index}", year=year)
        for index, (report, year, _group) in enumerate(drawn)
    ]
    groups = {f"organ {index}": group for index, (_r, _y, group) in enumerate(drawn)}
    statistics = peer_statistics(collection, group=groups)
    rows: list[tuple[int | None, str, str, object]] = []
    for report in collection:
        cells = report.cell_values()
        group = groups[report.organ or ""]
        rows.extend((report.year, group, path, value) for path, value in cells.items())
        rows.extend((report.year, group, rate.id, rate.value_of(cells)) for rate in RATES)
    frame = pd.DataFrame(rows, columns=["year", "group", "measure", "value"])
    frame["value"] = frame["value"].astype(float)
    grouped = frame.groupby(["year", "group", "measure"])["value"]
    independent = pd.DataFrame(
        {
            "n": grouped.count(),
            "p25": grouped.quantile(0.25),
            "p50": grouped.quantile(0.5),
            "p75": grouped.quantile(0.75),
        }
    ).reset_index()
    mine = statistics.table.set_index(["year", "group", "measure"]).sort_index()
    theirs = independent.set_index(["year", "group", "measure"]).sort_index()
    assert list(mine.index) == list(theirs.index)
    assert (mine["n"] == theirs["n"]).all()
    for column in ("p25", "p50", "p75"):
        pd.testing.assert_series_equal(
            mine[column].astype(float), theirs[column], check_names=False, rtol=1e-9
        )


def test_outliers_are_flagged_against_their_peers() -> None:
    """One organ far outside its peers' fences on a rate is listed, with the fences."""
    reports_by_rate = []
    for index, granted in enumerate((50, 52, 48, 51, 49, 1)):
        report = Report.blank("2021", organ=f"局{index}", year=2024)
        requests = report.requests.with_cells(
            {
                ("granted", "total"): granted,
                ("partially_granted", "total"): 0,
                ("total_handled", "total"): 100,
            }
        )
        reports_by_rate.append(attrs.evolve(report, requests=requests))
    statistics = peer_statistics(reports_by_rate)
    outliers = statistics.outliers
    assert list(outliers["organ"]) == ["局5"]
    assert list(outliers["measure"]) == ["disclosure_rate"]
    row = statistics.table.query("measure == 'disclosure_rate'").iloc[0]
    assert (row["n"], row["blank"], row["p50"]) == (6, 0, pytest.approx(0.495))


def test_groups_may_be_a_function_and_reports_without_group_are_left_out() -> None:
    """A grouping function decides; reports it puts in no group, or without a year, drop out."""
    kept = Report.blank("2021", organ="甲", year=2024)
    dropped = Report.blank("2021", organ="乙", year=2024)
    undated = Report.blank("2021", organ="甲")
    statistics = peer_statistics(
        [kept, dropped, undated], group=lambda report: "A" if report.organ == "甲" else None
    )
    assert set(statistics.table["group"]) == {"A"}
    assert set(statistics.table["n"] + statistics.table["blank"]) == {1}


def test_quantile_interpolates_between_ranks() -> None:
    """Linear interpolation, as numpy's default."""
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.25) == 1.75
    assert quantile([5.0], 0.75) == 5.0


# --- rates ----------------------------------------------------------------------------------


def test_every_rate_operand_is_a_cell_of_every_version() -> None:
    """Rates name cells by JSON path; each exists in every format version."""
    for version in catalog.FORMATS:
        paths = set(Report.blank(version).cell_values())
        for rate in RATES:
            assert set(rate.numerator) | set(rate.denominator) <= paths, (version, rate.id)
    assert [entry["id"] for entry in rate_catalogue()] == [rate.id for rate in RATES]


def test_rates_are_blank_when_not_computable() -> None:
    """A blank operand or a zero denominator gives no rate; otherwise the quotient."""
    report = Report.blank("2021")
    (rate,) = [rate for rate in RATES if rate.id == "review_correction_rate"]
    assert rate.value(report) is None
    zero = report.review_litigation.with_cells({("review", "corrected"): 0, ("review", "total"): 0})
    assert rate.value(attrs.evolve(report, review_litigation=zero)) is None
    some = zero.with_cells({("review", "corrected"): 1, ("review", "total"): 4})
    assert rate.value(attrs.evolve(report, review_litigation=some)) == 0.25
    amounts = report.proactive_disclosure.with_cells(
        {("art20_8", "admin_fees", "fee_amount"): Decimal("1.5")}
    )
    assert attrs.evolve(report, proactive_disclosure=amounts).cell_values()[
        "$.proactive_disclosure.art20_8.admin_fees.fee_amount"
    ] == Decimal("1.5")
