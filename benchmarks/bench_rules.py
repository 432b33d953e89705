"""Check a v2021 report against every single-report rule, next to loading it with from_dict.

Run: ``python benchmarks/bench_rules.py``. Prints the median µs per report of ``from_dict`` (the
baseline) and of ``rules.check`` on the same realistic report (no blank, every identity holding,
as most published reports are), the ratio check / from_dict (target ≤ 1.0), the same for a report
with blanks and slips (the slower path that builds findings), and reports checked per second over
batches of 100, 1,000 and 10,000 reports (target: flat, i.e. linear time).
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from _common import batch_seconds, median_us, paired_median_us, realistic_report
from govinfo_report import Report, from_dict, to_dict
from govinfo_report.rules import check

BATCHES = (100, 1_000, 10_000)
DISTINCT = 100
"""Distinct reports in a batch (cycled), so the batch is not one object checked again and again."""


def with_slips(report: Report) -> Report:
    """The report with one blank cell and one wrong total: findings to build."""
    requests = report.requests.with_cells(
        {("granted", "total"): None, ("withheld_state_secret", "natural_person"): 999}
    )
    return attrs.evolve(report, requests=requests)


def reports_per_second(reports: list[Report], size: int) -> float:
    return size / batch_seconds(check, reports, size)


def main() -> None:
    report = realistic_report("2021")
    document = to_dict(report)
    assert from_dict(document) == report
    result = check(report)
    assert result.ok, result.errors
    slipped = with_slips(report)
    slipped_result = check(slipped)
    assert len(slipped_result.errors) > 0

    # Timed in alternating rounds, so that the ratio compares like with like on a shared machine.
    check_us, load_us = paired_median_us(lambda: check(report), lambda: from_dict(document))
    slipped_us = median_us(lambda: check(slipped))
    print(f"v2021 report, {len(result)} findings when clean, {len(slipped_result)} with slips")
    print(f"{'operation':<26} {'µs/report':>10} {'ratio to from_dict':>19}  target")
    print(f"{'from_dict (baseline)':<26} {load_us:10.1f} {1.0:19.2f}")
    verdict = "met" if check_us <= load_us else "NOT met"
    print(f"{'check (all rules)':<26} {check_us:10.1f} {check_us / load_us:19.2f}  ≤ 1.0 {verdict}")
    print(f"{'check, blanks and slips':<26} {slipped_us:10.1f} {slipped_us / load_us:19.2f}")

    reports = [realistic_report("2021", seed=seed) for seed in range(DISTINCT)]
    rates = {size: reports_per_second(reports, size) for size in BATCHES}
    print(f"{'batch':>8} {'reports/s':>12} {'µs/report':>10}")
    for size, rate in rates.items():
        print(f"{size:>8,} {rate:12,.0f} {1e6 / rate:10.1f}")
    spread = max(rates.values()) / min(rates.values())
    print(f"largest / smallest rate: {spread:.2f} (1.00 is perfectly linear)")


if __name__ == "__main__":
    main()
