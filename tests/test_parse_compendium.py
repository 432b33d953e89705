"""Several reports in one document: ``parse_all`` reads each, ``parse`` the first and says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_report.parse import ParseResult, parse, parse_all
from report_text import cells_of

SOURCES = sorted((Path(__file__).parent / "corpus" / "sources").glob("*.txt"))
SRC = Path(__file__).parent.parent / "src"


def _same_report(single: ParseResult, part: ParseResult) -> None:
    assert cells_of(part.report) == cells_of(single.report)
    assert part.report.formats == single.report.formats
    assert (part.report.organ, part.report.year) == (single.report.organ, single.report.year)
    assert part.report.source is not None
    assert single.report.source is not None
    assert part.report.source.title == single.report.source.title
    assert part.report.overview == single.report.overview
    # The last section runs to the next report's title: a portal's words above that title
    # (``正文``) may follow it.
    assert (part.report.other_matters or "").startswith(single.report.other_matters or "")


def test_every_corpus_report_in_one_compendium() -> None:
    """All the corpus's text reports, one after the other, read as each reads alone."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    results = list(parse_all(text, name="compendium.txt"))
    assert len(results) == len(SOURCES)
    for path, part in zip(SOURCES, results, strict=True):
        _same_report(parse(path), part)


def test_compendium_provenance_points_into_the_whole_source() -> None:
    """A later report's cells are located by their lines in the whole document."""
    first, second = SOURCES[-2:]
    first_text = first.read_text(encoding="utf-8")
    text = first_text + "\n" + second.read_text(encoding="utf-8")
    offset = first_text.count("\n") + 1
    alone = parse(second).provenance
    together = list(parse_all(text))[1].provenance
    assert together
    for path, provenance in together.items():
        assert provenance.raw == alone[path].raw
        assert provenance.location.line == alone[path].location.line + offset  # type: ignore[operator]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_a_report_printed_twice(source: Path) -> None:
    """A page carrying the same report twice gives it twice; ``parse`` reads the first and says
    how many more the document holds."""
    text = source.read_text(encoding="utf-8")
    twice = text + "\n" + text
    first, second = parse_all(twice)
    alone = parse(source)
    _same_report(alone, first)
    _same_report(alone, second)
    result = parse(twice)
    more = [finding for finding in result.findings if finding.code == "R-MORE-REPORTS"]
    assert [finding.message_en for finding in more] == [
        "the document holds 1 more report(s), not read here; parse_all reads every one"
    ]
    assert cells_of(result.report) == cells_of(alone.report)


def test_a_single_report_gives_one_and_no_finding() -> None:
    """A report alone is one report, with no word of others."""
    results = list(parse_all(SOURCES[0]))
    assert len(results) == 1
    assert "R-MORE-REPORTS" not in {finding.code for finding in results[0].findings}


def test_a_table_of_contents_is_not_a_report() -> None:
    """Headings listed one after the other (a contents page after the title) stay with the
    report they open."""
    source = next(path for path in SOURCES if "huaian_city" in path.name)
    lines = source.read_text(encoding="utf-8").splitlines()
    first_heading = next(i for i, line in enumerate(lines) if line.strip().startswith("一、"))
    contents = [
        "目录",
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    text = "\n".join([*lines[:first_heading], *contents, *lines[first_heading:]])
    results = list(parse_all(text))
    assert len(results) == 1
    assert cells_of(results[0].report) == cells_of(parse(source).report)


def test_parse_all_raises_before_the_first_report() -> None:
    """A source that is no report fails as ``parse`` does, when ``parse_all`` is called."""
    from govinfo_report.errors import ParseError  # noqa: PLC0415

    with pytest.raises(ParseError, match="no report found"):
        parse_all("这不是报告。\n" * 3)


def test_fifty_megabyte_compendium_memory(tmp_path: Path) -> None:
    """A 50 MB compendium built from the corpus is taken in under 500 MB: the document is cut
    into reports, and reports are read one at a time as the caller asks."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    copies = 50 * 1024 * 1024 // len(text.encode()) + 1
    path = tmp_path / "compendium.txt"
    path.write_text("\n".join([text] * copies), encoding="utf-8")
    script = (
        "import itertools, json, sys\n"
        "from govinfo_report.parse import parse_all\n"
        "reports = parse_all(sys.argv[1])\n"
        "read = [r.report.year for r in itertools.islice(reports, 30)]\n"
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(json.dumps({'peak': int(hwm.split()[1]) * 1024, 'read': read}))\n"
    )
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        check=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(SRC)},
    )
    outcome = json.loads(completed.stdout)
    assert len(outcome["read"]) == 30
    assert outcome["peak"] < 500 * 1024 * 1024
