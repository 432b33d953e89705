"""``govinfo-report render`` and ``govinfo-report template``: reports out in the official layout.

``render FILE --to docx|xlsx|html|md|txt [-o OUT]`` writes a report (a report JSON document, or
any published form the readers take) as Word, Excel, HTML, Markdown or text; text formats go to
standard output unless ``-o`` names a file, Word and Excel need ``-o`` (``-o -`` writes the bytes
to standard output). ``template --to xlsx [--version 2021|2019] -o OUT`` writes the filing
workbook a clerk fills in. ``-`` as FILE reads standard input.

Errors are one line, ``govinfo-report: error: <file>: <what>``; exit status 0 when written, 2
when the input cannot be read or the command line is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govinfo_report.errors import LoadError, ParseError
from govinfo_report.model import Report
from govinfo_report.render import FORMATS, Language, render

__all__ = ["render_command", "template_command"]

EXIT_UNREADABLE = 2
_PROGRAM = "govinfo-report"
_BINARY = frozenset({"docx", "xlsx"})
_JSON_START = (b"{", b"\xef\xbb\xbf{")


def _fail(where: str, what: str) -> None:
    click.echo(f"{_PROGRAM}: error: {where}: {what}", err=True)
    sys.exit(EXIT_UNREADABLE)


def _read_input(source: str) -> tuple[bytes, str]:
    if source == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(source).read_bytes(), source
    except OSError as error:
        _fail(source, f"cannot read the file: {error.strerror}")
        raise  # pragma: no cover - _fail exits


def load_report(data: bytes, where: str) -> Report:
    """A report JSON document, or any published form the readers take."""
    from govinfo_report.parse import parse  # noqa: PLC0415 - the readers load lazily
    from govinfo_report.serialize import from_json  # noqa: PLC0415

    try:
        if data.lstrip(b" \t\r\n").startswith(_JSON_START):
            return from_json(data)
        return parse(data, name=where).report
    except LoadError as error:
        _fail(where, "; ".join(line.strip() for line in str(error).splitlines()))
    except ParseError as error:
        _fail(where, error.what)
    raise AssertionError  # pragma: no cover - _fail exits


def _write(content: str | bytes, output: str | None, binary: bool) -> None:
    if output is None:
        if binary:
            _fail("-o", "Word and Excel files are binary: name a file with -o (or -o - for stdout)")
        assert isinstance(content, str)  # noqa: S101 - text formats give text
        click.echo(content, nl=False)
        return
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        _fail(output, f"cannot write the file: {error.strerror}")


_OUTPUT = click.option(
    "-o", "--output", metavar="OUT", help="write to OUT ('-' for standard output)"
)
_LANG = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="labels in Chinese (official, read back) or English",
)


@click.command(
    "render", help="Write a report in the official layout: Word, Excel, HTML, Markdown or text."
)
@click.argument("file", metavar="FILE")
@click.option("--to", "to", type=click.Choice(FORMATS), required=True, help="output format")
@_OUTPUT
@_LANG
def render_command(file: str, to: str, output: str | None, lang: str) -> None:
    """Render FILE (a report JSON document or a published report) as ``--to``."""
    data, where = _read_input(file)
    report = load_report(data, where)
    language: Language = "en" if lang == "en" else "zh"
    _write(render(report, to=to, lang=language), output, to in _BINARY)


@click.command("template", help="Write the filing workbook a clerk fills in.")
@click.option("--to", "to", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option(
    "--version",
    "version",
    type=click.Choice(["2021", "2019"]),
    default="2021",
    show_default=True,
    help="format version of the tables",
)
@_OUTPUT
@_LANG
def template_command(to: str, version: str, output: str | None, lang: str) -> None:
    """Write the filing workbook of ``--version``."""
    from govinfo_report.render.filing import filing_workbook  # noqa: PLC0415 - needs [write]

    assert to == "xlsx"  # noqa: S101 - the only choice click allows
    _write(filing_workbook(version, lang=lang), output, binary=True)
