"""``govinfo-report findings``: the registry of reading findings (every code the readers give)."""

from __future__ import annotations

import click

from govinfo_report.parse import reading_findings, reading_findings_json

__all__ = ["findings_command"]


@click.command(
    "findings",
    epilog="Exit codes: 0 ok; 2 bad usage.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per code; json: the whole registry with messages.",
)
def findings_command(output_format: str) -> None:
    """Print every reading finding code: severity, meaning and what to do about it."""
    if output_format == "json":
        click.echo(reading_findings_json())
        return
    for code, entry in reading_findings().items():
        click.echo(f"{code}\t{entry['severity']}\t{entry['description']}\t{entry['action']}")
