"""The pieces behind ``parse`` and ``show``: finding lines, worker processes' side."""

from __future__ import annotations

import signal

from cli_runner import SOURCES, error_line, invoke
from govinfo_report.cli import EXIT_UNREADABLE, _common, _reading


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
