"""How fast a folder of reports becomes a collection, beside the floor of the same run.

Usage: ``python benchmarks/bench_collect.py [--files N] [--folder DIR]``

Makes ``N`` report files (10,000 by default) from the text and HTML sources of
``tests/corpus/sources``, varying their numbers and organs, written once to a folder (kept for
the next run), then, each in a fresh process:

* the floor: ``parse`` every file one by one and discard the result;
* ``collect`` into a new DuckDB file with ``jobs=1`` (target: ≤ 1.2 × the floor);
* ``collect`` again on the unchanged folder (target: ≤ 5 % of the first run);
* ``collect`` into a new DuckDB file with ``jobs=2`` (target: ≤ 0.6 × ``jobs=1``, on two free
  cores: wall time, so only meaningful on an idle machine);
* peak memory (RSS) of ``collect`` at 1,000 files and at ``N`` (target: flat).

Times are wall seconds, and CPU seconds of the measuring process where that is the fairer
figure on a shared machine (the floor and ``jobs=1`` run in one process).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parents[1] / "tests" / "corpus"
PART_SIZE = 1000
"""Files per sub-folder: the first sub-folder is the 1,000-file collection."""
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.年])")
_PLACES = "东南西北中上下前后新"


def _templates() -> list[tuple[str, str, str]]:
    """(suffix, text, organ as printed) of every text and HTML corpus source with an organ."""
    templates = []
    for path in sorted((CORPUS / "sources").iterdir()):
        if path.suffix not in {".txt", ".html"}:
            continue
        expected = json.loads((CORPUS / "expected" / f"{path.stem}.json").read_text("utf-8"))
        if expected.get("organ"):
            templates.append((path.suffix, path.read_text("utf-8"), expected["organ"]))
    return templates


def _vary(text: str, organ: str, number: int) -> str:
    """The report with another organ and numbers shifted (same number of digits)."""
    shift = number % 7

    def shifted(match: re.Match[str]) -> str:
        digits = match.group(1)
        return str((int(digits) + shift) % 10 ** len(digits)).zfill(len(digits))

    place = _PLACES[number % len(_PLACES)] + _PLACES[number // len(_PLACES) % len(_PLACES)]
    return _NUMBER.sub(shifted, text).replace(organ, f"{place}{number // 100}{organ}")


def make_files(folder: Path, count: int) -> list[Path]:
    """``count`` report files under ``folder`` (made once; an existing set is reused)."""
    marker = folder / f".complete-{count}"
    files = sorted(folder.rglob("report-*"))
    if marker.exists() and len(files) == count:
        return files
    templates = _templates()
    files = []
    for number in range(count):
        suffix, text, organ = templates[number % len(templates)]
        part = folder / f"part{number // PART_SIZE:03d}"
        part.mkdir(parents=True, exist_ok=True)
        path = part / f"report-{number:06d}{suffix}"
        path.write_text(_vary(text, organ, number), encoding="utf-8")
        files.append(path)
    marker.touch()
    return files


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(task: str, folder: str, database: str, jobs: int) -> dict[str, Any]:
    """Run one measurement in this (fresh) process."""
    from govinfo_report.collection import collect, find_files  # noqa: PLC0415
    from govinfo_report.parse import parse  # noqa: PLC0415

    files = find_files([folder])
    wall, cpu = time.perf_counter(), time.process_time()
    if task == "floor":
        for path in files:
            # A file the reader refuses costs what it costs; the collection records it too.
            with contextlib.suppress(ValueError):
                parse(path)
    else:
        collection = collect([folder], database, jobs=jobs)
        collection.close()
    return {
        "files": len(files),
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "rss_mb": _peak_rss_mb(),
    }


def _measure(task: str, folder: Path, database: Path, jobs: int = 1) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", task, str(folder), str(database), str(jobs)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    result: dict[str, Any] = json.loads(output.splitlines()[-1])
    return result


def _line(name: str, result: dict[str, Any], base: dict[str, Any] | None = None) -> str:
    text = (
        f"{name:<34} {result['files']:>6} files  wall {result['wall']:7.2f} s  "
        f"cpu {result['cpu']:7.2f} s  peak {result['rss_mb']:6.0f} MB"
    )
    if base is not None:
        text += (
            f"  ({result['wall'] / base['wall']:.2f}× wall, {result['cpu'] / base['cpu']:.2f}× cpu)"
        )
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--folder", type=Path, help="where the generated files are kept")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, folder, database, jobs = args.child
        print(json.dumps(_child(task, folder, database, int(jobs))))
        return
    folder = args.folder or Path(tempfile.gettempdir()) / f"govinfo-bench-collect-{args.files}"
    started = time.perf_counter()
    files = make_files(folder, args.files)
    print(f"{len(files)} files in {folder} ({time.perf_counter() - started:.1f} s to make)")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        floor = _measure("floor", folder, work / "unused.duckdb")
        print(_line("floor: parse one by one", floor))
        first = _measure("collect", folder, work / "j1.duckdb", jobs=1)
        print(_line("collect -j 1 (target ≤ 1.2× floor)", first, floor))
        again = _measure("collect", folder, work / "j1.duckdb", jobs=1)
        print(_line("re-run, unchanged (target ≤ 0.05×)", again, first))
        two = _measure("collect", folder, work / "j2.duckdb", jobs=2)
        print(_line("collect -j 2 (target ≤ 0.6× -j 1)", two, first))
        if args.files > PART_SIZE:
            small = _measure("collect", folder / "part000", work / "small.duckdb", jobs=1)
            print(_line("collect -j 1, first 1,000 files", small))
            print(
                f"peak memory: {small['rss_mb']:.0f} MB at {small['files']} files, "
                f"{first['rss_mb']:.0f} MB at {first['files']} files"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
