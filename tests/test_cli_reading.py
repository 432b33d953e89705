"""The pieces behind ``parse`` and ``show``: finding lines, worker processes' side."""

from __future__ import annotations

import importlib
import signal
from collections.abc import Iterator

import pytest

from cli_runner import SOURCES, error_line, invoke
from govinfo_report import Report
from govinfo_report.cli import EXIT_UNREADABLE, _common, _reading
from govinfo_report.errors import ParseError
from govinfo_report.parse import ParseResult


def test_finding_lines_place_findings_without_a_path() -> None:
    """A reading finding without a cell is placed by its location, or '-' when it has none."""
    message = {"zh": "第3页没有文字", "en": "page 3 has no text"}
    record = {
        "findings": [
            {
                "code": "R-X",
                "severity": "warning",
                "path": None,
                "location": {"page": 3},
                "message": message,
            },
            {"code": "R-Y", "severity": "info", "path": None, "location": None, "message": message},
        ],
        "check": {"findings": []},
    }
    assert _reading.finding_lines(record, "en") == [
        "warning  page 3: R-X: page 3 has no text",
        "info  -: R-Y: page 3 has no text",
    ]
    assert _reading.finding_lines(record, "zh")[0] == "警告  page 3: R-X: 第3页没有文字"


def test_worker_side() -> None:
    """In a worker the report stays behind (its document crosses) and Ctrl-C is ignored."""
    item = _common.Input("x.txt", SOURCES / "2024_huaian_city.txt")
    (outcome,) = _reading._read_in_worker(item, None, blanks_as_zero=False)
    assert outcome.report is None
    assert outcome.result is None
    assert outcome.document is not None
    assert '"organ": "淮安市人民政府"' in outcome.document
    previous = signal.getsignal(signal.SIGINT)
    try:
        _reading._ignore_interrupts()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_document_that_is_not_a_report() -> None:
    """show on JSON that is not a report: one error line per problem, with its path."""
    result = invoke("show", "-", stdin='{"organ": 1}')
    assert result.exit_code == EXIT_UNREADABLE
    assert error_line("<stdin>", "$.organ: expected a string or null, got 1") in result.stderr
    assert all(
        line.startswith("govinfo-report: error: <stdin>: $") for line in result.stderr.splitlines()
    )


def test_a_compendium_is_read_one_report_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports come out as they are read (a compendium is not held whole); a source that
    fails after its first reports gives those, then its error."""

    asked: list[int] = []

    def reports(*_args: object, **_kwargs: object) -> Iterator[ParseResult]:
        for year in (2023, 2024):
            asked.append(year)
            yield ParseResult(report=Report.blank("2021", organ="某局", year=year))
        raise ParseError("the third report stops half way", where="book.txt, line 900")

    # `govinfo_report.parse` is the function the package exports; the module is in sys.modules.
    monkeypatch.setattr(importlib.import_module("govinfo_report.parse"), "parse_all", reports)
    outcomes = _reading.read_input(_common.Input("book.txt", None), b"text", blanks_as_zero=False)
    first = next(outcomes)
    assert (first.index, first.several, first.report and first.report.year) == (1, True, 2023)
    assert asked == [2023, 2024]  # one report ahead, no more
    second, failed = list(outcomes)
    assert (second.index, second.label) == (2, "book.txt#2")
    assert second.record is not None
    assert second.record["index"] == 2
    assert failed.errors == (("book.txt, line 900", "the third report stops half way"),)
    assert (failed.status, failed.index) == (EXIT_UNREADABLE, 3)
