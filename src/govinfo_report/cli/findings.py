"""``govinfo-report findings``: the registry of reading findings (every code the readers give).

Like ``rules`` for the rules catalogue: ``--format json`` prints the whole registry (code →
severity, description, action, messages in both languages), ``jsonl`` one code per line, ``text``
a table of codes, severities and what to do. The registry's descriptions are in English; the
messages a finding carries are in both languages.
"""

from __future__ import annotations

import sys

import click
from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from govinfo_report.cli import _common

__all__ = ["findings_command"]

_HEADERS = {
    "zh": ("代码", "级别", "含义", "处理"),
    "en": ("code", "severity", "meaning", "what to do"),
}


@click.command("findings", epilog=_common.EXIT_CODES)
@_common.format_option(
    "text",
    help_text="text: one row per code; json: the registry {code: entry}; jsonl: one entry per line",
)
@_common.lang_option()
def findings_command(*, output_format: str, lang: str) -> int:
    """Print every reading finding code: severity, meaning and what to do about it."""
    from govinfo_report.parse import reading_findings  # noqa: PLC0415 - keep `--help` fast

    registry = reading_findings()
    if output_format == "json":
        click.echo(_common.json_text(registry))
    elif output_format == "jsonl":
        for code, entry in registry.items():
            click.echo(_common.json_text({"code": code, **entry}, indent=None))
    else:
        table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for index, header in enumerate(_HEADERS[lang]):
            # The code and severity stay whole; the meaning and what to do share the rest.
            wraps = index >= 2
            table.add_column(Text(header), no_wrap=not wraps, ratio=1 if wraps else None)
        for code, entry in registry.items():
            severity = _common.SEVERITY_NAMES[lang][entry["severity"]]
            table.add_row(
                *(Text(cell) for cell in (code, severity, entry["description"], entry["action"]))
            )
        _common.echo_rich(Console(file=sys.stdout, highlight=False), table)
    return _common.EXIT_OK
