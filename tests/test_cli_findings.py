"""``govinfo-report findings``: the registry of reading findings, through the command group."""

from __future__ import annotations

import json

from cli_runner import invoke
from govinfo_report.cli import EXIT_OK, EXIT_UNREADABLE
from govinfo_report.parse import reading_findings
from govinfo_report.parse._findings import READING_FINDINGS


def test_json_is_the_registry() -> None:
    result = invoke("findings", "--format", "json")
    assert result.exit_code == EXIT_OK
    assert json.loads(result.stdout) == reading_findings()


def test_jsonl_is_one_code_per_line() -> None:
    lines = invoke("findings", "--format", "jsonl").stdout.splitlines()
    entries = [json.loads(line) for line in lines]
    assert [entry.pop("code") for entry in entries] == list(READING_FINDINGS)
    assert entries == list(reading_findings().values())


def test_text_is_a_row_per_code_in_each_language() -> None:
    """A table: every code in registry order, its severity named in --lang."""
    chinese = invoke("findings").stdout
    codes = [line.split()[0] for line in chinese.splitlines() if line.startswith("R-")]
    assert codes == list(READING_FINDINGS)
    assert chinese.splitlines()[0].split() == ["代码", "级别", "含义", "处理"]
    more = next(line for line in chinese.splitlines() if line.startswith("R-MORE-REPORTS"))
    assert more.split()[1] == "提示"
    english = invoke("findings", "--lang", "en").stdout
    more = next(line for line in english.splitlines() if line.startswith("R-MORE-REPORTS"))
    assert more.split()[:2] == ["R-MORE-REPORTS", "info"]
    assert "parse_all" in english


def test_an_unknown_format_is_a_usage_error() -> None:
    result = invoke("findings", "--format", "xml")
    assert result.exit_code == EXIT_UNREADABLE
    (line,) = result.stderr.splitlines()
    assert line.endswith("(see 'govinfo-report findings --help')")
