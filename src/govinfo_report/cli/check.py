"""``govinfo-report check FILE...`` and ``govinfo-report rules``: the rules engine in a shell.

``check`` reads report JSON documents and prints their findings as a table (Chinese labels by
default, ``--lang en``) or as JSON (``--format json``). Exit status: 0 when no report has an
error, 1 when one has, 2 when a file cannot be read (that wins over 1). ``rules`` prints the rule
catalogue of a format version as JSON, or as a short list with ``--format text``.
"""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import msgspec

from govinfo_report import Report, catalog
from govinfo_report.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from govinfo_report.errors import LoadError, Severity
from govinfo_report.rules import CheckResult, Finding, Status, check, rule_catalogue
from govinfo_report.serialize import from_json

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["register"]

_ENCODER = msgspec.json.Encoder(decimal_format="number")

_SEVERITY_NAMES = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_STATUS_NAMES = {
    "zh": {Status.FAILED: "不成立", Status.NOT_ASSESSABLE: "无法核对", Status.PASSED: "成立"},
    "en": {
        Status.FAILED: "failed",
        Status.NOT_ASSESSABLE: "not assessable",
        Status.PASSED: "passed",
    },
}
_BLANK_NAMES = {"zh": "空白", "en": "blank"}
_EXPLANATIONS = {"zh": "说明：", "en": "Explanations:"}
_HEADERS = {
    "zh": ("检查", "级别", "状态", "单元格", "填报", "应为", "差额"),
    "en": ("check", "severity", "status", "cell", "reported", "computed", "difference"),
}
_NUMERIC_COLUMNS = 3
"""The last columns of the table hold numbers and are right-aligned."""
_MAX_CELL_WIDTH = 48
_SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)


def _summary(result: CheckResult, lang: str) -> str:
    counts = (
        len(result.errors),
        len(result.warnings),
        len(result.blanks),
        len(result.not_assessable),
    )
    if lang == "zh":
        return "{} 个错误，{} 个警告，{} 个空白单元格，{} 项无法核对".format(*counts)
    return "{} errors, {} warnings, {} blank cells, {} not assessable".format(*counts)


def _width(text: str) -> int:
    # East Asian wide characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    while _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _cell_name(finding: Finding, lang: str) -> str:
    row, column = (getattr(label, lang) for label in (finding.row_label, finding.column_label))
    return _fit(f"{row} / {column}", _MAX_CELL_WIDTH)


def _table_name(finding: Finding, lang: str) -> str:
    section: str = getattr(finding.section_label, lang)
    if finding.table == finding.section:
        return section
    return f"{section} {getattr(finding.table_label, lang)}"


def _number(value: object) -> str:
    return "" if value is None else str(value)


def _row(finding: Finding, lang: str) -> tuple[str, ...]:
    if finding.status is Status.FAILED and finding.severity is Severity.INFO:
        status = _BLANK_NAMES[lang]
    else:
        status = _STATUS_NAMES[lang][finding.status]
    return (
        finding.check,
        _SEVERITY_NAMES[lang][finding.severity],
        status,
        _cell_name(finding, lang),
        _number(finding.reported),
        _number(finding.computed),
        _number(finding.difference),
    )


def _table(rows: Sequence[tuple[str, ...] | str]) -> list[str]:
    """Rows aligned in columns (numbers to the right); a plain string is a caption line."""
    cells_rows = [row for row in rows if not isinstance(row, str)]
    widths = [max(_width(row[i]) for row in cells_rows) for i in range(len(cells_rows[0]))]
    numeric_from = len(widths) - _NUMERIC_COLUMNS
    lines = []
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
            continue
        cells = []
        for i, (text, width) in enumerate(zip(row, widths, strict=True)):
            gap = " " * (width - _width(text))
            cells.append(gap + text if i >= numeric_from else text + gap)
        lines.append(("  " + "  ".join(cells)).rstrip())
    return lines


def _text_report(name: str, result: CheckResult, findings: Sequence[Finding], lang: str) -> str:
    lines = [f"{name}: {_summary(result, lang)}"]
    if findings:
        rows: list[tuple[str, ...] | str] = [_HEADERS[lang]]
        # Findings come table by table within each kind; group them under each table's heading.
        by_table: dict[tuple[str, str], list[Finding]] = {}
        for finding in findings:
            by_table.setdefault((finding.section, finding.table), []).append(finding)
        for table_findings in by_table.values():
            rows.append(_table_name(table_findings[0], lang))
            rows.extend(_row(finding, lang) for finding in table_findings)
        lines.extend(_table(rows))
    explained = [
        f for f in findings if f.status is Status.FAILED and f.severity is not Severity.INFO
    ]
    if explained:
        lines.append(_EXPLANATIONS[lang])
        lines.extend(f"  {finding.check}: {finding.message(lang)}" for finding in explained)
    return "\n".join(lines)


def _shown(result: CheckResult, minimum: Severity) -> list[Finding]:
    lowest = _SEVERITY_ORDER.index(minimum)
    return [f for f in result if _SEVERITY_ORDER.index(f.severity) >= lowest]


def _load(path: str) -> Report:
    return from_json(Path(path).read_bytes())


def _run_check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    status = EXIT_OK
    documents: list[dict[str, Any]] = []
    minimum = Severity(args.min_severity)
    for name in args.files:
        try:
            report = _load(name)
        except OSError as error:
            reason = error.strerror or str(error)
            stderr.write(f"govinfo-report check: {name}: cannot read: {reason}\n")
            documents.append({"file": name, "error": {"message": reason, "problems": []}})
            status = EXIT_UNREADABLE
            continue
        except LoadError as error:
            stderr.write(f"govinfo-report check: {name}: {error}\n")
            problems = [
                {
                    "path": p.path,
                    "message": p.message,
                    **({"value": p.value} if p.has_value else {}),
                }
                for p in error.problems
            ]
            documents.append({"file": name, "error": {"message": str(error), "problems": problems}})
            status = EXIT_UNREADABLE
            continue
        result = check(report, passed=args.passed)
        if not result.ok and status == EXIT_OK:
            status = EXIT_FINDINGS
        shown = _shown(result, minimum)
        if args.format == "json":
            document = result.to_dict()
            document["findings"] = [finding.to_dict() for finding in shown]
            documents.append({"file": name, **document})
        else:
            stdout.write(_text_report(name, result, shown, args.lang) + "\n")
    if args.format == "json":
        stdout.write(_json({"files": documents}) + "\n")
    return status


def _json(document: object) -> str:
    return msgspec.json.format(_ENCODER.encode(document), indent=2).decode("utf-8")


def _run_rules(args: argparse.Namespace, stdout: TextIO, _stderr: TextIO) -> int:
    document = rule_catalogue(args.version)
    if args.format == "json":
        stdout.write(_json(document) + "\n")
        return EXIT_OK
    lang = args.lang
    rows = [_HEADERS[lang][:2] + (("规则", "检查数") if lang == "zh" else ("rule", "checks"))]
    for rule in document["rules"]:
        severity = _SEVERITY_NAMES[lang][Severity(rule["severity"])]
        rows.append((rule["id"], severity, rule["description"][lang], str(len(rule["checks"]))))
    header = f"{document['format']} ({document['document_number']})"
    stdout.write("\n".join([header, *(line for line in _table_plain(rows))]) + "\n")
    return EXIT_OK


def _table_plain(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            text + " " * (width - _width(text)) for text, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` and ``rules`` commands."""
    versions = [version.value for version in catalog.FORMATS]
    checker = subparsers.add_parser(
        "check",
        help="check report JSON files against the rules of the form",
        description="Check report JSON documents: identities E1–E4 (errors), plausibility "
        "checks (warnings) and blank cells. Exit status 0: no errors; 1: errors found; "
        "2: a file could not be read.",
    )
    checker.add_argument("files", nargs="+", metavar="FILE", help="report JSON documents")
    checker.add_argument("--format", choices=("text", "json"), default="text")
    checker.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    checker.add_argument(
        "--min-severity",
        choices=[severity.value for severity in Severity],
        default=Severity.INFO.value,
        help="show findings of this severity or worse (default: all)",
    )
    checker.add_argument("--passed", action="store_true", help="list checks that hold too")
    checker.set_defaults(handler=_run_check)

    rules = subparsers.add_parser(
        "rules",
        help="print the rule catalogue",
        description="Print every rule of a format version: ids, formulas over JSON paths, "
        "severities and message templates.",
    )
    rules.add_argument("version", nargs="?", choices=versions, default=max(versions))
    rules.add_argument("--format", choices=("json", "text"), default="json")
    rules.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of --format text"
    )
    rules.set_defaults(handler=_run_rules)
