"""Building a collection: find the files, read the changed ones in parallel, key and count them.

The steps, each a function below:

1. :func:`find_files` expands paths, folders and globs into report files, once each.
2. Files whose SHA-256 is already in the collection are skipped (a daily crawl re-reads only
   what changed); the others are read by :func:`~govinfo_report.collection._read.read_file`,
   in ``jobs`` processes, and stored batch by batch (memory stays flat).
3. :func:`decide` keys every report by organ (through the alias table) and year, and decides
   which are counted: a byte-identical copy or a second report for the same organ and year is
   kept in ``reports`` but not counted, with a finding saying why.
4. Collection findings (``C-``) and series findings (continuity, gaps, sudden changes) are
   recomputed over the whole collection.
"""

from __future__ import annotations

import collections
import datetime as dt
import glob
import hashlib
import itertools
import operator
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import attrs
import pyarrow as pa

from govinfo_report.collection import _notes
from govinfo_report.collection._read import FindingRow, read_file
from govinfo_report.collection._series import series
from govinfo_report.collection._store import Store
from govinfo_report.collection._tables import (
    Batch,
    FindingsRecord,
    batch_tables,
    findings_table,
    organ_key,
)
from govinfo_report.parse._sniff import _PATH_SUFFIXES
from govinfo_report.serialize import from_json

__all__ = ["REPORT_SUFFIXES", "Summary", "decide", "find_files", "organ_key", "run"]

REPORT_SUFFIXES = frozenset((*_PATH_SUFFIXES, ".json"))
"""File name endings a folder is searched for: every kind ``parse`` reads, and report JSON."""

BATCH_SIZE = 200
"""Files read and stored together: enough for fast inserts, few enough for flat memory (in
processes, a chunk is at most this many files)."""

_REPORTS_AT_ONCE = 200
"""Reports whose documents are fetched together for the series checks."""

Progress = Callable[[int, int], None]
"""Called with (files done, files to read) as reading goes on."""


@attrs.frozen
class Summary:
    """What a run of :func:`collect` did, and what the collection holds now."""

    found: int
    """Files found in the paths given."""
    read: int
    """Files read in this run (new or changed)."""
    unchanged: int
    """Files skipped because their SHA-256 is already in the collection."""
    unreadable: int
    """Files in the collection that could not be read as reports."""
    reports: int
    """Reports counted (one per organ and year, or without a key)."""
    not_counted: int
    """Reports kept but not counted: duplicates and conflicting second reports."""
    findings: Mapping[str, int]
    """Findings in the collection by severity."""
    codes: Mapping[str, int]
    """Collection findings (``C-`` codes) by code."""
    seconds: float

    def lines(self) -> list[str]:
        """The summary for a person, one fact a line."""
        severities = ", ".join(f"{count} {name}" for name, count in self.findings.items())
        lines = [
            (
                f"{self.found} file(s) found: {self.read} read, {self.unchanged} unchanged "
                f"(skipped), {self.unreadable} unreadable in the collection"
            ),
            (
                f"{self.reports} report(s) counted, {self.not_counted} not counted "
                "(duplicates or conflicts)"
            ),
            f"findings: {severities}",
        ]
        lines.extend(f"  {code}: {count}" for code, count in sorted(self.codes.items()))
        lines.append(f"{self.seconds:.1f} s")
        return lines


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every report file in ``paths`` (files, folders searched recursively, glob patterns).

    A path named explicitly is kept whatever its ending (it may be unreadable: that is then a
    finding); folders and globs give only files with a :data:`REPORT_SUFFIXES` ending. A file
    reached twice is listed once.
    """
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates: Iterable[Path] = sorted(path.rglob("*"))
        elif glob.has_magic(str(given)):
            # Path.glob takes no absolute pattern; glob.glob takes any the shell would.
            matches = glob.glob(str(given), recursive=True)  # noqa: PTH207
            candidates = sorted(Path(match) for match in matches)
        else:
            found.setdefault(path, None)
            continue
        for candidate in candidates:
            if candidate.is_file() and candidate.suffix.lower() in REPORT_SUFFIXES:
                found.setdefault(candidate, None)
    return list(found)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # read_file reports why


@attrs.frozen
class _Reading:
    """How the files of one run are read and keyed (sent along to each reading process)."""

    blanks_as_zero: bool
    aliases: Mapping[str, str]
    read_at: dt.datetime


def _read_batch(
    paths: Sequence[str], how: _Reading, on_file: Callable[[], None] | None = None
) -> Batch:
    """Read ``paths`` and make their tables: what a reading process runs for a chunk."""
    readings = []
    for path in paths:
        readings.append(read_file(path, blanks_as_zero=how.blanks_as_zero))
        if on_file is not None:
            on_file()
    return batch_tables(readings, how.aliases, how.read_at)


def _read_batches(
    paths: Sequence[str], jobs: int, how: _Reading, progress: Progress | None
) -> Iterator[tuple[Sequence[str], Batch]]:
    """(paths, their tables), batch after batch, in path order.

    In processes, each task is a chunk of paths and sends back only its tables; a few chunks
    are ahead at most, so results never pile up in a parent slower than its workers.
    """
    total = len(paths)
    done = 0

    def tell(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    if jobs <= 1 or total <= 1:
        for start in range(0, total, BATCH_SIZE):
            chunk = paths[start : start + BATCH_SIZE]
            yield chunk, _read_batch(chunk, how, lambda: tell(1))
        return
    # A few chunks a process: the last one to finish waits little for the others.
    size = max(1, min(BATCH_SIZE, -(-total // (jobs * 4))))
    chunks = (paths[start : start + size] for start in range(0, total, size))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        ahead = collections.deque(
            (chunk, pool.submit(_read_batch, chunk, how))
            for chunk in itertools.islice(chunks, 2 * jobs)
        )
        while ahead:
            chunk, future = ahead.popleft()
            batch = future.result()
            ahead.extend(
                (more, pool.submit(_read_batch, more, how)) for more in itertools.islice(chunks, 1)
            )
            tell(len(chunk))
            yield chunk, batch


def run(  # noqa: PLR0913 - the options of one collection run
    store: Store,
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    aliases: Mapping[str, str] | None = None,
    blanks_as_zero: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Add the files in ``paths`` to ``store``: read what is new or changed, then re-key."""
    started = time.perf_counter()
    aliases = dict(aliases or {})
    files = find_files(paths)
    known = store.known_files()
    # A new file is read without hashing it first; a known one only if its hash changed.
    to_read = [
        str(path) for path in files if str(path) not in known or known[str(path)] != _sha256(path)
    ]
    how = _Reading(
        blanks_as_zero, aliases, dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    )
    # DuckDB stores a batch in a thread of its own (it lets go of the GIL) while the next
    # batch is read; one batch waits at most, so memory stays flat.
    with store.loading(), ThreadPoolExecutor(max_workers=1) as writer:
        pending: Future[None] | None = None
        for chunk, batch in _read_batches(to_read, jobs, how, progress):
            if pending is not None:
                pending.result()
            replacing = not known.keys().isdisjoint(chunk)
            pending = writer.submit(store.add, batch, replacing=replacing)
        if pending is not None:
            pending.result()
    if not known.keys().isdisjoint(to_read):
        store.remove_unused_texts()
    undecided = store.connection.execute(
        "SELECT count(*) FROM reports WHERE counted IS NULL"
    ).fetchall()[0][0]
    if to_read or aliases or undecided:
        decide(store, aliases)
        _collection_findings(store)
        _series_findings(store)
    store.write()
    return _summary(store, len(files), len(to_read), time.perf_counter() - started)


_DECISION_COLUMNS = "file, sha256, organ_printed, year, content_hash, blank_cells, read_error"


def decide(store: Store, aliases: Mapping[str, str]) -> None:
    """Key every report and decide which are counted; the cells views follow.

    Files are taken in path order. A file byte-identical to an earlier one is not counted.
    Among reports of one organ and year, the one with the fewest blank cells is counted (the
    first path on a tie); another with the same cells is a duplicate, one with other cells a
    conflict. Unreadable files are never counted.
    """
    connection = store.connection
    rows = connection.execute(f"SELECT {_DECISION_COLUMNS} FROM reports ORDER BY file").fetchall()
    first_with_sha: dict[str, str] = {}
    by_key: dict[tuple[str, int], list[tuple[int, str]]] = {}
    decisions: dict[str, tuple[str | None, bool, str | None]] = {}
    for file, sha256, printed, year, _content, blanks, error in rows:
        organ = organ_key(printed, aliases)
        if error is not None:
            decisions[file] = (organ, False, None)  # nothing to count
        elif sha256 in first_with_sha:
            decisions[file] = (organ, False, first_with_sha[sha256])
        else:
            first_with_sha[sha256] = file
            decisions[file] = (organ, True, None)
            if organ is not None and year is not None:
                by_key.setdefault((organ, year), []).append((blanks, file))
    for candidates in by_key.values():
        candidates.sort()
        kept = candidates[0][1]
        for _blanks, file in candidates[1:]:
            decisions[file] = (decisions[file][0], False, kept)
    table = pa.table(
        {
            "file": list(decisions),
            "organ": [decision[0] for decision in decisions.values()],
            "counted": [decision[1] for decision in decisions.values()],
            "duplicate_of": [decision[2] for decision in decisions.values()],
        }
    )
    connection.register("decisions", table)
    # Only the rows that change are written: on a re-run, usually none.
    connection.execute(
        "UPDATE reports SET organ = d.organ, counted = d.counted, duplicate_of = d.duplicate_of "
        "FROM decisions d WHERE reports.file = d.file AND (reports.organ IS DISTINCT FROM d.organ "
        "OR reports.counted IS DISTINCT FROM d.counted "
        "OR reports.duplicate_of IS DISTINCT FROM d.duplicate_of)"
    )
    connection.unregister("decisions")


def _collection_findings(store: Store) -> None:
    connection = store.connection
    store.remove_findings("collection")
    rows: list[FindingsRecord] = []
    reports = connection.execute(
        "SELECT r.organ, r.year, r.file, r.sha256, r.read_error, r.organ_printed, "
        "r.duplicate_of, r.content_hash, k.content_hash, k.sha256 "
        "FROM reports r LEFT JOIN reports k ON k.file = r.duplicate_of ORDER BY r.file"
    ).fetchall()
    for (
        organ,
        year,
        file,
        sha256,
        error,
        printed,
        other,
        content,
        other_content,
        other_sha,
    ) in reports:
        notes: list[tuple[_notes.Note, dict[str, object]]] = []
        if error is not None:
            notes.append((_notes.UNREADABLE, {"error": error}))
        else:
            if year is None:
                notes.append((_notes.NO_YEAR, {}))
            if printed is None:
                notes.append((_notes.NO_ORGAN, {}))
            if other is not None:
                note = (
                    _notes.DUPLICATE_FILE
                    if sha256 == other_sha
                    else _notes.DUPLICATE_REPORT
                    if content == other_content
                    else _notes.CONFLICT
                )
                notes.append((note, {"other": other, "organ": organ, "year": year}))
        for note, values in notes:
            zh, en = note.messages(**values)
            finding: FindingRow = (
                "collection",
                note.code,
                None,
                note.severity.value,
                None,
                None,
                zh,
                en,
                None,
                None,
                None,
                None,
            )
            rows.append((file, finding, None))
    _insert_findings(store, rows)


def _insert_findings(store: Store, rows: list[FindingsRecord]) -> None:
    if rows:
        store.add_findings(findings_table(rows))


_SERIES_REPORTS = (
    "SELECT organ, year, file, sha256 FROM reports "
    "WHERE counted AND organ IS NOT NULL AND year IS NOT NULL AND organ IN ("
    "SELECT organ FROM reports WHERE counted AND organ IS NOT NULL AND year IS NOT NULL "
    "GROUP BY organ HAVING count(*) > 1) ORDER BY organ, year"
)

SeriesMember = tuple[int, str, str]
"""(year, file, sha256) of a report in a series."""


def _series_members(store: Store) -> Iterator[tuple[str, list[SeriesMember]]]:
    """Every organ with more than one counted report, and its reports by year, streamed."""
    cursor = store.connection.cursor()
    cursor.execute(_SERIES_REPORTS)
    rows = itertools.chain.from_iterable(iter(lambda: cursor.fetchmany(_REPORTS_AT_ONCE), []))
    for organ, group in itertools.groupby(rows, key=operator.itemgetter(0)):
        yield organ, [(year, file, sha256) for _organ, year, file, sha256 in group]


def _series_batches(store: Store) -> Iterator[list[tuple[str, list[SeriesMember]]]]:
    """Organs with their series, so many reports at a time."""
    batch: list[tuple[str, list[SeriesMember]]] = []
    size = 0
    for organ, members in _series_members(store):
        batch.append((organ, members))
        size += len(members)
        if size >= _REPORTS_AT_ONCE:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _series_findings(store: Store) -> None:
    """The series checks of every organ, a few hundred reports at a time.

    Only the keys of the series are sorted; the documents of one batch are fetched together,
    so a national collection's documents are never all in memory.
    """
    connection = store.connection
    store.remove_findings("series")
    for batch in _series_batches(store):
        files = [file for _organ, members in batch for _year, file, _sha in members]
        documents = dict(
            connection.execute(
                "SELECT file, document FROM reports WHERE file IN (SELECT unnest($files))",
                {"files": files},
            ).fetchall()
        )
        rows: list[FindingsRecord] = []
        for organ, members in batch:
            reports = [
                attrs.evolve(from_json(documents[file]), organ=organ) for _y, file, _s in members
            ]
            source = {year: (file, sha256) for year, file, sha256 in members}
            for finding in series(reports).findings:
                file, _sha256 = source[finding.year]
                row: FindingRow = (
                    "series",
                    finding.code,
                    finding.rule,
                    finding.severity,
                    "failed" if finding.rule else None,
                    finding.path,
                    finding.message_zh,
                    finding.message_en,
                    finding.expected,
                    finding.actual,
                    finding.difference,
                    None,
                )
                rows.append((file, row, finding.previous_year))
        _insert_findings(store, rows)


_STORED_FINDINGS = "FROM finding_rows f JOIN finding_texts t ON t.id = f.text"
"""Every finding with its texts: the counts of the summary need no key from ``reports``."""


def _summary(store: Store, found: int, read: int, seconds: float) -> Summary:
    connection = store.connection
    unreadable, counted, not_counted = connection.execute(
        "SELECT count(*) FILTER (read_error IS NOT NULL), count(*) FILTER (counted), "
        "count(*) FILTER (NOT counted AND read_error IS NULL) FROM reports"
    ).fetchall()[0]
    by_severity = dict(
        connection.execute(
            f"SELECT severity, count(*) {_STORED_FINDINGS} GROUP BY severity"
        ).fetchall()
    )
    codes = dict(
        connection.execute(
            f"SELECT code, count(*) {_STORED_FINDINGS} WHERE origin = 'collection' GROUP BY code"
        ).fetchall()
    )
    return Summary(
        found=found,
        read=read,
        unchanged=found - read,
        unreadable=unreadable,
        reports=counted,
        not_counted=not_counted,
        findings={name: by_severity.get(name, 0) for name in ("error", "warning", "info")},
        codes=codes,
        seconds=seconds,
    )
