"""The registry of reading findings: every code declared once, documented, printable."""

from __future__ import annotations

import json
import re
from pathlib import Path

from govinfo_report.parse import reading_findings, reading_findings_json
from govinfo_report.parse._findings import READING_FINDINGS, Message, registry_table

SRC = Path(__file__).parents[1] / "src" / "govinfo_report"
DOCS = Path(__file__).parents[1] / "docs" / "reading.md"


def test_codes_are_written_only_in_the_registry() -> None:
    """No module but the registry spells a finding code: the others name its declaration."""
    registry = SRC / "parse" / "_findings.py"
    for path in SRC.rglob("*.py"):
        if path != registry:
            assert re.findall(r'"R-[A-Z-]+"', path.read_text(encoding="utf-8")) == [], path


def test_docs_publish_the_registry() -> None:
    """docs/reading.md shows the registry's table as generated."""
    assert registry_table() in DOCS.read_text(encoding="utf-8")


def test_every_code_once_with_one_severity() -> None:
    """Codes are unique and well-formed; each has a description, an action and messages."""
    codes = list(READING_FINDINGS)
    assert len(codes) == len(set(codes))
    for code, kind in READING_FINDINGS.items():
        assert re.fullmatch(r"R-[A-Z]+(?:-[A-Z]+)*", code)
        assert kind.code == code
        assert kind.description
        assert kind.action
        assert kind.messages
        for message in kind.messages.values():
            assert message.zh
            assert message.en


def test_json_registry() -> None:
    """The JSON form has every code with its severity and messages in both languages."""
    document = json.loads(reading_findings_json())
    assert document == reading_findings()
    assert set(document) == set(READING_FINDINGS)
    assert document["R-NO-SPLIT"]["messages"]["total"]["en"].startswith("the only split")
    assert (
        document["R-UNIT"]["messages"]["default"]["zh"] == "数值后印有单位“{unit}”，已从数值中去除"
    )


def test_message_templates_fill() -> None:
    """A message fills its placeholders; messages join in both languages at once."""
    kind = READING_FINDINGS["R-SHORT-ROW"]
    message = kind.message(printed=3, size=7)
    assert message.en == "only 3 values printed for 7 cells: their columns cannot be told"
    joined = message + Message("！", "!")
    assert joined.zh.endswith("！")
    assert joined.en.endswith("!")
    assert Message("a", "b").__add__("c") is NotImplemented
    finding = kind.finding(message, path="$.requests")
    assert (finding.code, finding.severity, finding.path) == (
        "R-SHORT-ROW",
        kind.severity,
        "$.requests",
    )
