"""How fast the readers are, each beside its floor, measured in the same run.

Usage: ``PYTHONPATH=src python benchmarks/bench_parse.py [--repeat N] [--compare-pdf]``

Figures are medians of CPU time over the corpus in ``tests/corpus/sources`` (ms per report;
CPU time, because on a shared machine wall time mostly measures the wait for a core):

* HTML: the front end (bytes → lines) beside lxml's own parse of the page (target ≤ 3×);
* PDF: the front end beside pypdfium2's own text extraction of every page (target ≤ 2×), and
  pdfplumber's ``extract_tables`` on the same pages (target: the front end ≥ 10× faster);
* Word: the front end beside unzipping document.xml and running expat over it with no handlers;
* text: the text front end beside reading the file, decoding and NFKC-normalising it
  (target ≤ 5 ms per report);
* full ``parse()`` (front end + interpreter) per kind, when the interpreter is present;
* peak memory of a fresh process reading 50 MB inputs (target < 500 MB);
* a compendium of the corpus's text reports, 5 MB and 50 MB, read whole by ``parse_all`` in a
  fresh process: time per MB at both sizes (linear: the same) and peak memory (< 500 MB).

``--compare-pdf`` feeds the same line builder with the characters of pypdfium2, pdfplumber and
pypdf, and scores each against the corpus's expected values through the interpreter.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from xml.parsers import expat

from lxml import etree

from govinfo_report.parse import _docx, _html, _pdf, _sniff

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "corpus" / "sources"
EXPECTED = ROOT / "tests" / "corpus" / "expected"
TEMPLATE = ROOT / "tests" / "corpus" / "official_template_2021.docx"


def _median_ms(function: Callable[[], object], repeat: int) -> float:
    function()  # warm caches and imports
    times = []
    for _ in range(repeat):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def _paired_ms(
    mine: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of the reader and its floor, timed alternately in CPU time.

    CPU time leaves out the time the process waits for a core on a shared machine; alternating
    makes what load remains (caches, frequency) weigh on both alike.
    """
    mine()
    floor()
    mine_times, floor_times = [], []
    for _ in range(repeat):
        started = time.process_time()
        floor()
        middle = time.process_time()
        mine()
        floor_times.append(middle - started)
        mine_times.append(time.process_time() - middle)
    _BEST.append(min(mine_times) / min(floor_times))
    return statistics.median(mine_times) * 1000, statistics.median(floor_times) * 1000


# The ratio of the fastest runs, printed beside the medians: load rarely slows the best run.
_BEST: list[float] = []


def _row(label: str, mine: float, floor: float, target: str) -> None:
    ratio = mine / floor
    best = f"(best runs {_BEST[-1]:4.2f}×)" if _BEST else ""
    print(
        f"  {label:<34} {mine:8.2f} ms  floor {floor:8.2f} ms  ratio {ratio:5.2f}× {best} {target}"
    )


def _html_floor(data: bytes) -> None:
    etree.fromstring(data, etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True))


def _pdf_floor(path: Path) -> None:
    pdfium = _pdf.load_pdfium()
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def _pdfplumber_tables(path: Path) -> None:
    import pdfplumber  # noqa: PLC0415 - the [bench] comparison

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def _docx_floor(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    expat.ParserCreate(namespace_separator=" ").Parse(xml, True)  # noqa: FBT003


def _read_text(path: Path) -> None:
    from govinfo_report.parse import _text  # noqa: PLC0415 - the text front end

    _text.read_text(_sniff.decode_text(path.read_bytes())[0])


def _text_floor(path: Path) -> None:
    text, _ = _sniff.decode_text(path.read_bytes())
    unicodedata.normalize("NFKC", text).splitlines()


def _filled_template() -> bytes:
    import docx  # noqa: PLC0415 - the [docx] test dependency

    document = docx.Document(str(TEMPLATE))
    for row in document.tables[1].rows[3:]:
        for number, cell in enumerate(row.cells[-7:]):
            cell.text = str(number)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _interpreter() -> Any:  # noqa: ANN401
    try:
        from govinfo_report.parse import _interpret  # noqa: PLC0415
    except ImportError:
        return None
    return _interpret


def front_ends(repeat: int) -> None:
    print("front ends (source → lines), median per report:")
    html = sorted(SOURCES.glob("*.html"))
    for path in html:
        data = path.read_bytes()
        mine, floor = _paired_ms(partial(_html.read_html, data), partial(_html_floor, data), repeat)
        _row(f"HTML {path.stem}", mine, floor, "target ≤ 3×")
    for path in sorted(SOURCES.glob("*.pdf")):
        mine, floor = _paired_ms(partial(_pdf.read_pdf, path), partial(_pdf_floor, path), repeat)
        _row(f"PDF {path.stem}", mine, floor, "target ≤ 2×")
        plumber = _median_ms(partial(_pdfplumber_tables, path), 3)
        print(
            f"  {'  pdfplumber extract_tables':<34} {plumber:8.2f} ms  "
            f"the front end is {plumber / mine:5.1f}× faster (target ≥ 10×)"
        )
    data = _filled_template()
    mine, floor = _paired_ms(partial(_docx.read_docx, data), partial(_docx_floor, data), repeat)
    _row("Word official template, filled", mine, floor, "")
    texts = sorted(SOURCES.glob("*.txt"))
    if texts and _interpreter() is not None:
        pairs = [
            _paired_ms(partial(_read_text, path), partial(_text_floor, path), repeat)
            for path in texts
        ]
        mine = statistics.median(pair[0] for pair in pairs)
        floor = statistics.median(pair[1] for pair in pairs)
        _row(f"text ({len(texts)} reports)", mine, floor, "target ≤ 5 ms")


def full_parse(repeat: int) -> None:
    if _interpreter() is None:
        print("full parse(): the interpreter is not present on this branch")
        return
    from govinfo_report.parse import parse  # noqa: PLC0415

    print("full parse() (front end + interpreter), median per report:")
    by_kind: dict[str, list[float]] = {}
    for path in sorted(SOURCES.iterdir()):
        by_kind.setdefault(path.suffix, []).append(
            _median_ms(partial(parse, path), max(5, repeat // 5))
        )
    for kind, values in sorted(by_kind.items()):
        print(f"  {kind:<6} {statistics.median(values):8.2f} ms  ({len(values)} reports)")


def _report_with_attachment(size: int) -> bytes:
    """The Huai'an 2024 PDF carrying a ``size``-byte attachment: a real report of that size."""
    import pypdf  # noqa: PLC0415

    source = pypdf.PdfReader(SOURCES / "2024_huaian_city.pdf")
    writer = pypdf.PdfWriter(clone_from=source)
    writer.add_attachment("scan.bin", os.urandom(size))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def peak_memory() -> None:
    script = (
        "import json, sys\n"
        "from govinfo_report.parse import parse, ParseError\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        parse(name)\n"
        "    except ParseError:\n"
        "        pass\n"
        # VmHWM, unlike ru_maxrss, starts afresh at exec: the parent's pages do not count.
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(int(hwm.split()[1]) * 1024)\n"
    )
    size = 50 * 1024 * 1024
    files = {
        "big.txt": "一".encode() * (size // 3),
        "big.html": b"<table>" + b"<tr><td>1</td></tr>" * (size // 19),
        "big.pdf": b"%PDF-1.7\n" + b"0 0 obj\n" * (size // 8),
        "big.docx": b"PK\x03\x04" + b"\x00" * size,
        "report.pdf": _report_with_attachment(size),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        for name in files:
            started = time.perf_counter()
            completed = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", script, str(Path(folder) / name)],
                capture_output=True,
                check=True,
                text=True,
                env={"PYTHONPATH": str(ROOT / "src")},
            )
            seconds = time.perf_counter() - started
            peak = int(completed.stdout.strip()) / 1_048_576
            print(
                f"  50 MB {name:<10} peak {peak:6.1f} MB (target < 500 MB), {seconds:5.2f} s "
                "with interpreter start-up"
            )


_COMPENDIUM_SCRIPT = (
    "import json, sys, time\n"
    "from govinfo_report.parse import parse_all\n"
    "started = time.process_time()\n"
    "count = sum(1 for _ in parse_all(sys.argv[1]))\n"
    "seconds = time.process_time() - started\n"
    "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
    "print(json.dumps([count, seconds, int(hwm.split()[1]) * 1024]))\n"
)


def compendium(sizes: tuple[int, ...]) -> None:
    """parse_all over compendia of the corpus's text reports: linear time, bounded memory."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt")))
    size = len(text.encode())
    per_mb = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            path = Path(folder) / f"compendium-{megabytes}.txt"
            copies = megabytes * 1_048_576 // size + 1
            path.write_text("\n".join([text] * copies), encoding="utf-8")
            completed = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", _COMPENDIUM_SCRIPT, str(path)],
                capture_output=True,
                check=True,
                text=True,
                env={"PYTHONPATH": str(ROOT / "src")},
            )
            count, seconds, peak = json.loads(completed.stdout)
            actual = path.stat().st_size / 1_048_576
            per_mb.append(seconds / actual)
            print(
                f"  {actual:5.1f} MB, {count:5d} reports: {seconds:6.1f} s CPU, "
                f"{seconds / actual:5.2f} s/MB, {1000 * seconds / count:5.2f} ms/report, "
                f"peak {peak / 1_048_576:6.1f} MB (target < 500 MB)"
            )
    if len(per_mb) > 1:
        print(f"  time per MB, largest / smallest: {per_mb[-1] / per_mb[0]:4.2f} (linear: ≈ 1)")


# -- PDF library comparison --------------------------------------------------------------


def _chars_pypdfium2(path: Path) -> list[tuple[list[_pdf.Char], float]]:
    pdfium = _pdf.load_pdfium()
    document = pdfium.PdfDocument(path)
    pages = []
    for index in range(len(document)):
        page = document[index]
        height = page.get_size()[1]
        pages.append((_pdf.page_chars(pdfium, page, height), height))
        page.close()
    document.close()
    return pages


def _chars_pdfplumber(path: Path) -> list[tuple[list[_pdf.Char], float]]:
    import pdfplumber  # noqa: PLC0415

    with pdfplumber.open(path) as pdf:
        return [
            (
                [_pdf.Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars],
                float(page.height),
            )
            for page in pdf.pages
        ]


def _chars_pypdf(path: Path) -> list[tuple[list[_pdf.Char], float]]:
    import pypdf  # noqa: PLC0415

    pages = []
    for page in pypdf.PdfReader(path).pages:
        height = float(page.mediabox.height)
        chars: list[_pdf.Char] = []

        def visit(  # noqa: PLR0913, PLR0917 - pypdf's visitor signature
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            size: float,
            chars: list[_pdf.Char] = chars,
            height: float = height,
        ) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = abs(size * tm[3] * cm[3]) or size
            for offset, char in enumerate(text):
                # pypdf gives a run's origin only: full-width glyphs are 1 em, others about ½.
                width = em if unicodedata.east_asian_width(char) in "WF" else em / 2
                left = x + offset * width
                chars.append(_pdf.Char(char, left, left + width, height - y - em, height - y))

        page.extract_text(visitor_text=visit)
        pages.append((chars, height))
    return pages


def _score(lines_document: Any, expected: dict[str, Any]) -> tuple[int, int]:  # noqa: ANN401
    interpreter = _interpreter()
    result = interpreter.interpret(lines_document)
    from govinfo_report import serialize  # noqa: PLC0415

    got = serialize.to_dict(result.report)
    right = total = 0
    uncertain = set(expected.get("uncertain_cells", ()))
    for section in ("proactive_disclosure", "requests", "review_litigation"):
        for path, value in _leaves(expected[section], f"$.{section}"):
            if path in uncertain:
                continue
            total += 1
            right += _lookup(got, path) == value
    return right, total


def _leaves(node: Any, path: str) -> list[tuple[str, Any]]:  # noqa: ANN401
    if isinstance(node, dict):
        return [leaf for key, child in node.items() for leaf in _leaves(child, f"{path}.{key}")]
    return [(path, node)]


def _lookup(document: Any, path: str) -> Any:  # noqa: ANN401
    node = document
    for key in path.split(".")[1:]:
        if not isinstance(node, dict) or key not in node:
            return "<missing>"
        node = node[key]
    return float(node) if isinstance(node, Decimal) else node


def compare_pdf(repeat: int) -> None:
    print("PDF libraries, same line builder (cells right via the interpreter; ms per report):")
    sources = {
        "pypdfium2": _chars_pypdfium2,
        "pdfplumber": _chars_pdfplumber,
        "pypdf": _chars_pypdf,
    }
    from govinfo_report.parse._document import SourceDocument, SourceKind  # noqa: PLC0415

    for label, source in sources.items():
        right = total = 0
        times = []
        for path in sorted(SOURCES.glob("*.pdf")):
            times.append(_median_ms(partial(source, path), max(3, repeat // 20)))
            lines = [
                line
                for number, (chars, height) in enumerate(source(path), start=1)
                for line in _pdf.lines_from_chars(chars, page=number, page_height=height)
            ]
            if _interpreter() is not None:
                expected = json.loads((EXPECTED / f"{path.stem}.json").read_text(encoding="utf-8"))
                document = SourceDocument(SourceKind.PDF, tuple(lines), path.name)
                got, of = _score(document, expected)
                right, total = right + got, total + of
        accuracy = f"{right}/{total} cells right" if total else "accuracy n/a (no interpreter)"
        print(f"  {label:<11} {statistics.median(times):8.1f} ms   {accuracy}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--compare-pdf", action="store_true")
    parser.add_argument(
        "--compendium-mb", type=int, nargs="*", default=[5, 50], help="compendium sizes (MB)"
    )
    args = parser.parse_args()
    front_ends(args.repeat)
    full_parse(args.repeat)
    print("peak memory:")
    peak_memory()
    if args.compendium_mb:
        print("compendium (parse_all over the corpus's text reports, one fresh process each):")
        compendium(tuple(args.compendium_mb))
    if args.compare_pdf:
        compare_pdf(args.repeat)


if __name__ == "__main__":
    main()
