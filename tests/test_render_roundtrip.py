"""Every writable format reads back to the report it was written from.

``parse(render(report, to=f))`` gives ``report`` back for every format ``f``, both versions and
mixed ones, blanks and amounts, as a Hypothesis property and for every corpus report. What a
published document cannot carry is named in docs/writing.md and left out of the comparison:
``source`` (the reader records where it read the report, not where it was first published).
Organs and narratives are drawn as reports have them (a name, sentences), not as arbitrary
Unicode: the title is read back from its printed form.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _corpus import CORPUS, corpus_document
from govinfo_report import Report, from_dict, strategies
from govinfo_report.errors import FieldValueError
from govinfo_report.parse import parse
from govinfo_report.render import FORMATS, render

ORGANS = ("某某县人民政府办公室", "淮安市人民政府", "上海市科学技术委员会", "某某街道办事处")
SENTENCES = (
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "全年主动公开政府信息1234条。",
    "一是加强组织领导；二是完善制度建设。",
    "无。",
)
_narratives = st.none() | st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(
    "\n".join
)


def report_strategy(version: str | None) -> st.SearchStrategy[Report]:
    """Reports as documents carry them: any tables (blanks, amounts, signed counts), a named
    organ or none, a year, and narratives of sentences."""
    return st.builds(
        Report,
        organ=st.none() | st.sampled_from(ORGANS),
        year=st.integers(2019, 2030),
        overview=_narratives,
        proactive_disclosure=strategies.proactive_disclosures(version),
        requests=strategies.requests_tables(version),
        review_litigation=strategies.review_litigations(),
        problems_improvements=_narratives,
        other_matters=_narratives,
    )


def read_back(report: Report, to: str) -> Report:
    """The report read from what ``render`` wrote, with ``source`` (the reader's) dropped."""
    written = render(report, to=to)
    data = written if isinstance(written, bytes) else written.encode("utf-8")
    result = parse(data, name=f"report.{to}")
    return attrs.evolve(result.report, source=None)


# Examples per format and version: Word and Excel take ~30 ms a report, the rest a few.
_EXAMPLES = {"docx": 15, "xlsx": 15, "html": 25, "md": 25, "txt": 25}


@pytest.mark.parametrize("to", FORMATS)
@pytest.mark.parametrize("version", ["2019", "2021", None])
def test_any_report_reads_back(to: str, version: str | None) -> None:
    """Any report, of either version or mixing them, written in any format, reads back."""

    @settings(max_examples=_EXAMPLES[to])
    @given(report_strategy(version))
    def check(report: Report) -> None:
        assert read_back(report, to) == report

    check()


def _corpus_reports() -> list[tuple[str, Report]]:
    reports = []
    for path in sorted(CORPUS.glob("*.json")):
        document: dict[str, Any] = corpus_document(json.loads(path.read_text("utf-8")))
        document["source"] = None
        reports.append((path.stem, from_dict(document)))
    return reports


@pytest.mark.parametrize("to", FORMATS)
def test_every_corpus_report_reads_back(to: str) -> None:
    """The published reports of the corpus (both versions, hybrids, blanks, 元 amounts)."""
    for stem, report in _corpus_reports():
        narrated = attrs.evolve(report, overview=SENTENCES[0], other_matters=SENTENCES[3])
        assert read_back(narrated, to) == narrated, stem


def test_a_written_file_reads_back_from_disk(tmp_path: Path) -> None:
    """The kind of a written file is told from its content, whatever its name."""
    report = _corpus_reports()[0][1]
    for to in FORMATS:
        written = render(report, to=to)
        path = tmp_path / f"report-{to}.bin"
        path.write_bytes(written if isinstance(written, bytes) else written.encode("utf-8"))
        assert attrs.evolve(parse(path).report, source=None) == report, to


def test_unknown_format_is_named() -> None:
    with pytest.raises(FieldValueError, match="unknown format 'pdf'; formats: docx, xlsx"):
        render(Report.blank("2021"), to="pdf")


@pytest.mark.parametrize("to", FORMATS)
def test_a_value_spanning_to_the_edge_reads_back(to: str) -> None:
    """A 2019 procurement amount spans the section's last two columns: the position it covers
    must not print as one more blank value (Markdown did, and the amount was lost)."""
    report = Report.blank("2019", organ="某某街道办事处", year=2019)
    tables = list(report.proactive_disclosure.tables)
    tables[-1] = attrs.evolve(tables[-1], values=(None, Decimal(0)))
    report = attrs.evolve(
        report,
        proactive_disclosure=attrs.evolve(report.proactive_disclosure, tables=tuple(tables)),
    )
    assert read_back(report, to) == attrs.evolve(report, source=None)
