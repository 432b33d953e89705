"""The OCR reader's accuracy on scans made from the corpus, one row per kind of degradation.

Usage: ``PYTHONPATH=src python benchmarks/ocr_accuracy.py [--only NAME ...] [--jobs N] [--dpi N]``

Each corpus PDF is rendered at 150 dpi (or ``--dpi``), degraded (``tests/_scans.py``: a turn,
blur, noise and JPEG, a red seal, all at once) and read back through ``parse()``. A cell is
*right* when it holds the expected value (blank for blank), *wrong* when it holds another
number, *missing* when it was left blank (unread, or read but not verified). The target: ≥ 99 %
right on clean renderings and ≥ 95 % on degraded ones, and 0 wrong everywhere. About 3 s a page
on an idle core pair: the full table reads 96 pages, so CI reads only a part
(tests/test_parse_ocr.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _scans import CORPUS_PDFS, DEGRADATIONS, DPI, expected_report, png_bytes, render_pdf, score
from govinfo_report.parse import Verification, parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help="degradations to run (default: all)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--dpi", type=int, default=DPI, help="resolution of the renderings")
    arguments = parser.parse_args()
    renderings = {pdf.stem: render_pdf(pdf, arguments.dpi) for pdf in CORPUS_PDFS}
    print(f"{'degradation':<42} {'cells':>6} {'right':>7} {'wrong':>6} {'missing':>8}  statuses")
    for name, degrade in DEGRADATIONS.items():
        if arguments.only and name not in arguments.only:
            continue
        totals: Counter[str] = Counter()
        started = time.perf_counter()
        pages = 0
        for stem, images in renderings.items():
            result = parse(
                [png_bytes(degrade(image), arguments.dpi) for image in images],
                name=stem,
                jobs=arguments.jobs,
            )
            pages += len(images)
            right, wrong, missing = score(result.report, expected_report(stem))
            totals.update(right=right, wrong=wrong, missing=missing)
            totals.update(
                provenance.verification.value
                for provenance in result.provenance.values()
                if provenance.verification is not None
            )
        cells = totals["right"] + totals["wrong"] + totals["missing"]
        statuses = ", ".join(f"{status.value} {totals[status.value]}" for status in Verification)
        print(
            f"{name:<42} {cells:>6} {100 * totals['right'] / cells:6.1f}% {totals['wrong']:>6} "
            f"{totals['missing']:>8}  {statuses}  "
            f"({(time.perf_counter() - started) / pages:.1f} s/page)",
            flush=True,
        )


if __name__ == "__main__":
    main()
