"""Peer statistics: each organ against the others of its year and group.

Per year and per group the caller chooses (level of government, province, ...), the quartiles
P25 / P50 / P75 of every cell and of every rate declared in
:data:`govinfo_report.rules.rates.RATES`. Blank cells and rates that cannot be computed are
left out of the quartiles and counted (``blank``). Quartiles interpolate linearly between
ranks (as ``numpy.percentile`` and ``pandas.quantile`` do by default).

An organ's rate is an outlier when it lies outside its peers' Tukey fences
(P25 - k·IQR, P75 + k·IQR; ``fence`` k = 1.5) in a group of at least ``min_peers`` values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import pandas as pd

from govinfo_report.model import Report
from govinfo_report.rules.rates import RATES, Rate

__all__ = ["PeerStatistics", "peer_statistics", "quantile"]

QUARTILES = (0.25, 0.5, 0.75)
ALL = "all"
"""The group of every report when no grouping is given."""

Grouping = Mapping[str, str] | Callable[[Report], str | None] | None


def quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted ``values``, interpolating linearly between ranks."""
    position = (len(values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (position - low) * (values[high] - values[low])


@attrs.frozen
class PeerStatistics:
    """Quartiles per year, group and measure, and the organs outside their peers' fences."""

    table: pd.DataFrame
    """Columns: year, group, measure (a cell path or a rate id), kind (cell or rate), n
    (values), blank (reports where it is blank), p25, p50, p75."""
    outliers: pd.DataFrame
    """Columns: year, group, organ, measure, value, low, high (the fences)."""


def _group_of(grouping: Grouping) -> Callable[[Report], str | None]:
    if grouping is None:
        return lambda _report: ALL
    if callable(grouping):
        return grouping
    mapping = grouping
    return lambda report: None if report.organ is None else mapping.get(report.organ)


def peer_statistics(
    reports: Iterable[Report],
    *,
    group: Grouping = None,
    rates: Sequence[Rate] = RATES,
    fence: float = 1.5,
    min_peers: int = 4,
) -> PeerStatistics:
    """Quartiles of every cell and rate among peers, and the outlying rates.

    ``group`` maps an organ to its group (a mapping, or a function of the report); reports
    with no group or no year are left out. Without it every report of a year is one group.
    """
    group_of = _group_of(group)
    measures: dict[tuple[int, str, str, str], list[float | None]] = {}
    organs: dict[tuple[int, str], list[str | None]] = {}
    for report in reports:
        name = group_of(report)
        if name is None or report.year is None:
            continue
        organs.setdefault((report.year, name), []).append(report.organ)
        cells = report.cell_values()
        for path, value in cells.items():
            measures.setdefault((report.year, name, path, "cell"), []).append(
                None if value is None else float(value)
            )
        for rate in rates:
            measures.setdefault((report.year, name, rate.id, "rate"), []).append(
                rate.value_of(cells)
            )
    rows = []
    outliers = []
    for (year, name, measure, kind), values in measures.items():
        present = sorted(value for value in values if value is not None)
        quartiles = [quantile(present, q) if present else None for q in QUARTILES]
        rows.append(
            (year, name, measure, kind, len(present), len(values) - len(present), *quartiles)
        )
        if kind == "rate" and len(present) >= min_peers:
            low_q, _median, high_q = quartiles
            assert low_q is not None  # noqa: S101 - present is not empty
            assert high_q is not None  # noqa: S101
            spread = high_q - low_q
            low, high = low_q - fence * spread, high_q + fence * spread
            for organ, measured in zip(organs[year, name], values, strict=True):
                if measured is not None and not low <= measured <= high:
                    outliers.append((year, name, organ, measure, measured, low, high))
    table = pd.DataFrame(
        rows, columns=["year", "group", "measure", "kind", "n", "blank", "p25", "p50", "p75"]
    )
    outlier_table = pd.DataFrame(
        outliers, columns=["year", "group", "organ", "measure", "value", "low", "high"]
    )
    return PeerStatistics(table, outlier_table)
