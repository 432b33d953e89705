"""``govinfo-report check`` and ``govinfo-report rules``: the rules engine in a shell.

``check`` reads report documents (files, folders of ``*.json``, ``-``) and prints their findings
as a table grouped by table of the form (Chinese labels by default, ``--lang en``), or as JSON
(``--format json``: ``{"files": [...]}``; ``jsonl``: one result per line). ``rules`` prints the
rule catalogue of a format version as JSON, or as a short list with ``--format text``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from govinfo_report import catalog
from govinfo_report.cli import _common
from govinfo_report.cli._reading import load_report
from govinfo_report.errors import Severity
from govinfo_report.rules import CheckResult, Finding, Status, check, rule_catalogue

__all__ = ["check_command", "rules_command"]

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
_RULE_HEADERS = {"zh": ("规则", "检查数"), "en": ("rule", "checks")}
_NUMERIC_COLUMNS = 3
"""The last columns of the findings table hold numbers and are right-aligned."""
_SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)
_LABELS_MIN_WIDTH = 12


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
    row, column = (getattr(label, lang) for label in (finding.row_label, finding.column_label))
    return (
        finding.check,
        _common.SEVERITY_NAMES[lang][finding.severity.value],
        status,
        f"{row} / {column}",
        _number(finding.reported),
        _number(finding.computed),
        _number(finding.difference),
    )


def _rich_table(headers: Sequence[str], numeric_from: int) -> RichTable:
    """Columns for ids, words, one of labels (the one before ``numeric_from``), numbers."""
    table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, header in enumerate(headers):
        if index >= numeric_from:
            table.add_column(Text(header), justify="right", no_wrap=True)
        elif index == numeric_from - 1:  # labels or a description: wrap, keeping some room
            table.add_column(Text(header), overflow="fold", min_width=_LABELS_MIN_WIDTH, ratio=1)
        elif index == 0:  # check ids: whole when they fit, folded on a narrow terminal
            table.add_column(Text(header), overflow="fold")
        else:
            table.add_column(Text(header), no_wrap=True)
    return table


def _print_result(
    console: Console, name: str, result: CheckResult, findings: Sequence[Finding], lang: str
) -> None:
    _common.echo_rich(console, Text(f"{name}: {_summary(result, lang)}"))
    # Findings come table by table within each kind; each table of the form gets its own.
    by_table: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        by_table.setdefault((finding.section, finding.table), []).append(finding)
    headers = _HEADERS[lang]
    for table_findings in by_table.values():
        _common.echo_rich(console, Text(_table_name(table_findings[0], lang), style="bold"))
        table = _rich_table(headers, len(headers) - _NUMERIC_COLUMNS)
        for finding in table_findings:
            table.add_row(*(Text(cell) for cell in _row(finding, lang)))
        _common.echo_rich(console, table)
    explained = [
        f for f in findings if f.status is Status.FAILED and f.severity is not Severity.INFO
    ]
    if explained:
        _common.echo_rich(console, Text(_EXPLANATIONS[lang]))
        for finding in explained:
            _common.echo_rich(console, Text(f"  {finding.check}: {finding.message(lang)}"))


def _shown(result: CheckResult, minimum: Severity) -> list[Finding]:
    lowest = _SEVERITY_ORDER.index(minimum)
    return [f for f in result if _SEVERITY_ORDER.index(f.severity) >= lowest]


@click.command("check", epilog=_common.EXIT_CODES)
@_common.inputs_argument()
@_common.format_option()
@_common.lang_option()
@click.option(
    "--min-severity",
    type=click.Choice([severity.value for severity in Severity]),
    default=Severity.INFO.value,
    help="show findings of this severity or worse  [default: all]",
)
@click.option("--passed", is_flag=True, help="list the checks that hold too")
@_common.verbosity_options()
def check_command(  # noqa: PLR0913 - one parameter per option
    *,
    paths: tuple[str, ...],
    output_format: str,
    lang: str,
    min_severity: str,
    passed: bool,
    quiet: bool,
    verbose: bool,
) -> int:
    """Check report documents against the rules of the form.

    Identities E1–E4 (errors), plausibility checks (warnings) and blank cells. PATH is a
    report document (JSON), a folder of them (*.json, read recursively) or '-' for standard
    input.
    """
    verbosity = _common.verbosity(quiet=quiet, verbose=verbose)
    minimum = Severity(min_severity)
    console = Console(file=sys.stdout, highlight=False)
    statuses: list[int] = []
    documents: list[dict[str, Any]] = []
    for item in _common.expand_inputs(paths, _common.JSON_SUFFIXES):
        report = load_report(item) if item.error is None else ((item.name, item.error),)
        if isinstance(report, tuple):
            documents.append(_common.refuse(item.name, report))
            statuses.append(_common.EXIT_UNREADABLE)
        else:
            result = check(report, passed=passed)
            statuses.append(_common.EXIT_OK if result.ok else _common.EXIT_FINDINGS)
            shown = _shown(result, minimum)
            document = result.to_dict()
            document["findings"] = [finding.to_dict() for finding in shown]
            documents.append({"file": item.name, **document})
            if output_format == "text" and (verbosity or not result.ok):
                _print_result(console, item.name, result, shown, lang)
        if output_format == "jsonl":
            click.echo(_common.json_text(documents.pop(), indent=None))
    if output_format == "json":
        click.echo(_common.json_text({"files": documents}))
    return _common.worst(statuses)


@click.command("rules", epilog=_common.EXIT_CODES)
@click.argument(
    "version",
    required=False,
    type=click.Choice([version.value for version in catalog.FORMATS]),
    default=max(version.value for version in catalog.FORMATS),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("json", "text")),
    default="json",
    show_default=True,
    help="json: the catalogue for programs; text: one line per rule",
)
@_common.lang_option()
def rules_command(version: str, output_format: str, lang: str) -> int:
    """Print the rule catalogue of a format version (default: the latest).

    Ids, formulas over JSON paths, severities and message templates.
    """
    document = rule_catalogue(version)
    if output_format == "json":
        click.echo(_common.json_text(document))
        return _common.EXIT_OK
    table = _rich_table((*_HEADERS[lang][:2], *_RULE_HEADERS[lang]), numeric_from=3)
    for rule in document["rules"]:
        severity = _common.SEVERITY_NAMES[lang][rule["severity"]]
        table.add_row(
            *(Text(cell) for cell in (rule["id"], severity, rule["description"][lang])),
            Text(str(len(rule["checks"]))),
        )
    console = Console(file=sys.stdout, highlight=False)
    _common.echo_rich(console, Text(f"{document['format']} ({document['document_number']})"))
    _common.echo_rich(console, table)
    return _common.EXIT_OK
