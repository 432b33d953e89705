"""How fast a folder of reports becomes a collection, beside the floor of the same run.

Usage: ``python benchmarks/bench_collect.py [--files N] [--folder DIR] [--only PART]...
[--repeat R]``

Makes ``N`` report files (10,000 by default) from the text and HTML sources of
``tests/corpus/sources``, varying their numbers and organs, written once to a folder (kept and
reused by the next run: ``--folder``), then measures, each run in a fresh process:

* ``overhead``: the floor (``parse`` every file one by one and discard the result) and
  ``collect`` into a new DuckDB file with ``jobs=1``, alternately ``R`` times (target: ≤ 1.2 ×
  the floor; medians);
* ``rerun``: ``collect`` again on the unchanged folder (target: ≤ 5 % of the first run);
* ``jobs``: ``collect`` with ``jobs=1`` and ``jobs=2``, alternately ``R`` times (target: ≤ 0.6 ×
  ``jobs=1`` in wall time, on two free cores: only meaningful on an idle machine);
* ``memory``: peak memory (RSS) of ``collect`` at 1,000 files and at ``N`` (target: flat).

``--only`` runs some parts alone (``--only jobs`` for a quick rerun of the parallel figure).
Times are wall seconds, and CPU seconds of the measuring process (its threads included) where
that is the fairer figure on a shared machine; for ``jobs=2`` the CPU of the reading processes
is printed too. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import statistics
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


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _child(task: str, folder: str, database: str, jobs: int) -> dict[str, Any]:
    """Run one measurement in this (fresh) process."""
    from govinfo_report.collection import collect, find_files  # noqa: PLC0415
    from govinfo_report.parse import parse  # noqa: PLC0415

    files = find_files([folder])
    wall, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if task == "floor":
        for path in files:
            # A file the reader refuses costs what it costs; the collection records it too.
            with contextlib.suppress(ValueError):
                parse(path)
    else:
        collection = collect([folder], database, jobs=jobs)
        collection.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "files": len(files),
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "workers_cpu": after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime,
        "rss_mb": _peak_rss_mb(),
        "workers_rss_mb": _peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


def _measure(task: str, folder: Path, database: Path, jobs: int = 1) -> dict[str, Any]:
    """One run in a fresh process; ``rerun`` collects into the database of an earlier run."""
    if task == "rerun":
        task = "collect"
    else:
        database.unlink(missing_ok=True)
    command = [
        sys.executable,
        __file__,
        "--child",
        task,
        str(folder),
        str(database),
        str(jobs),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    result: dict[str, Any] = json.loads(output.splitlines()[-1])
    return result


def _median(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over repeated runs."""
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def _line(name: str, result: dict[str, Any], base: dict[str, Any] | None = None) -> str:
    text = (
        f"{name:<38} {result['files']:>6.0f} files  wall {result['wall']:7.2f} s  "
        f"cpu {result['cpu']:7.2f} s  peak {result['rss_mb']:6.0f} MB"
    )
    if result["workers_cpu"] > 0:
        text += (
            f"  (+ readers: cpu {result['workers_cpu']:.2f} s, "
            f"peak {result['workers_rss_mb']:.0f} MB)"
        )
    if base is not None:
        text += (
            f"  {result['wall'] / base['wall']:.2f}× wall, {result['cpu'] / base['cpu']:.2f}× cpu"
        )
    return text


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def _alternate(
    runs: list[tuple[str, str, int]], folder: Path, work: Path, repeat: int
) -> list[dict[str, Any]]:
    """Each (name, task, jobs) run ``repeat`` times in turn; the median of each."""
    results: list[list[dict[str, Any]]] = [[] for _ in runs]
    for _ in range(repeat):
        for (_name, task, jobs), done in zip(runs, results, strict=True):
            done.append(_measure(task, folder, work / f"{task}-{jobs}.duckdb", jobs))
    return [_median(done) for done in results]


PARTS = ("overhead", "rerun", "jobs", "memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--folder", type=Path, help="where the generated files are kept")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts")
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs (medians)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, folder, database, jobs = args.child
        print(json.dumps(_child(task, folder, database, int(jobs))))
        return
    parts = set(args.only or PARTS)
    folder = args.folder or Path(tempfile.gettempdir()) / f"govinfo-bench-collect-{args.files}"
    started = time.perf_counter()
    files = make_files(folder, args.files)
    print(f"{len(files)} files in {folder} ({time.perf_counter() - started:.1f} s to make)")
    print(f"before: {_load()}")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        first: dict[str, Any] | None = None
        if "overhead" in parts:
            floor, first = _alternate(
                [("floor", "floor", 1), ("collect", "collect", 1)], folder, work, args.repeat
            )
            print(_line("floor: parse one by one", floor))
            print(_line("collect -j 1 (target ≤ 1.2× floor)", first, floor))
        if "jobs" in parts:
            one, two = _alternate(
                [("collect", "collect", 1), ("collect", "collect", 2)], folder, work, args.repeat
            )
            first = first or one
            print(_line("collect -j 1", one))
            print(_line("collect -j 2 (target ≤ 0.6× -j 1, wall)", two, one))
        if "rerun" in parts:
            if first is None:
                first = _measure("collect", folder, work / "collect-1.duckdb")
                print(_line("collect -j 1", first))
            again = _measure("rerun", folder, work / "collect-1.duckdb")
            print(_line("re-run, unchanged (target ≤ 0.05×)", again, first))
        if "memory" in parts and args.files > PART_SIZE:
            if first is None:
                first = _measure("collect", folder, work / "collect-1.duckdb")
                print(_line("collect -j 1", first))
            small = _measure("collect", folder / "part000", work / "small.duckdb")
            print(_line("collect -j 1, first 1,000 files", small))
            print(
                f"peak memory: {small['rss_mb']:.0f} MB at {small['files']:.0f} files, "
                f"{first['rss_mb']:.0f} MB at {first['files']:.0f} files "
                f"({first['rss_mb'] / small['rss_mb']:.2f}×, target: flat)"
            )
    print(f"after: {_load()}")


if __name__ == "__main__":
    main()
