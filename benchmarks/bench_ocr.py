"""How fast and how lean the OCR reader is, beside the OCR engine's own time (the floor).

Usage: ``PYTHONPATH=src python benchmarks/bench_ocr.py [--stem NAME] [--repeat N]``

One corpus PDF is rendered at 150 dpi into PNG pages. Timed alternately, in CPU time (the
process's, all threads: on a shared machine wall time mostly measures the wait for a core):

* the floor: RapidOCR's own detection + recognition on each page, decoded pixels handed in;
* ``parse()`` on the same PNG files: decoding, OCR, geometry, second readings of the number
  cells, interpretation and verification (target ≤ 1.3× the floor).

Then wall time with ``jobs=1`` and ``jobs=2`` (pages in parallel, one engine thread each), and
the peak memory of a fresh process reading the document (target < 1.5 GB).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import numpy as np

from _scans import SOURCES, png_bytes, render_pdf
from govinfo_report.parse import parse
from govinfo_report.parse._ocr_engine import BOX_THRESHOLD, load_engine

_PEAK = """
import resource, sys
from pathlib import Path
from govinfo_report.parse import parse
pages = sorted(Path(sys.argv[1]).glob("*.png"))
parse(pages, jobs=int(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _cpu(function: object) -> float:
    started = time.process_time()
    function()  # type: ignore[operator]
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stem", default="2024_huaian_hongze_district")
    parser.add_argument("--repeat", type=int, default=2)
    arguments = parser.parse_args()
    images = render_pdf(SOURCES / f"{arguments.stem}.pdf")
    pages = [png_bytes(image) for image in images]
    pixels = [np.asarray(image) for image in images]
    engine = load_engine(2)

    def floor() -> None:
        for page in pixels:
            engine(page, box_thresh=BOX_THRESHOLD)

    def mine() -> None:
        parse(pages, jobs=1)

    mine()  # models loaded, caches warm
    floors, mines = [], []
    for _ in range(arguments.repeat):
        floors.append(_cpu(floor))
        mines.append(_cpu(mine))
    count = len(pages)
    floor_page, mine_page = statistics.median(floors) / count, statistics.median(mines) / count
    print(f"OCR of {arguments.stem}: {count} pages at 150 dpi, CPU seconds per page")
    print(
        f"  parse()            {mine_page:6.2f} s/page  floor (RapidOCR alone) "
        f"{floor_page:6.2f} s/page  ratio {mine_page / floor_page:4.2f}× (target ≤ 1.3×)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for number, page in enumerate(pages, start=1):
            (Path(folder) / f"page{number:03}.png").write_bytes(page)
        for jobs in (1, 2):
            started = time.perf_counter()
            parse(sorted(Path(folder).glob("*.png")), jobs=jobs)
            wall = (time.perf_counter() - started) / count
            output = subprocess.run(  # noqa: S603 - this interpreter on this script's code
                [sys.executable, "-c", _PEAK, folder, str(jobs)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            peak = int(output.split()[-1]) / 1024
            print(
                f"  jobs={jobs}             {wall:6.2f} s/page wall;  peak memory "
                f"{peak:6.0f} MB (target < 1536 MB)"
            )


if __name__ == "__main__":
    main()
