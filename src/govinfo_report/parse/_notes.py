"""Reading findings that more than one front end gives."""

from __future__ import annotations

from govinfo_report.parse import _findings

__all__ = ["UNDECODABLE_BYTES"]

UNDECODABLE_BYTES = _findings.UNDECODABLE_BYTES.finding(_findings.UNDECODABLE_BYTES.message())
