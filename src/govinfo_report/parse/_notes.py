"""Reading findings that more than one front end gives."""

from __future__ import annotations

from govinfo_report.parse._document import ReadingFinding, Severity

__all__ = ["UNDECODABLE_BYTES"]

UNDECODABLE_BYTES = ReadingFinding(
    code="R-UNDECODABLE-BYTES",
    severity=Severity.WARNING,
    message_zh="文件中有无法解码的字节，已替换为“\ufffd”；相关文字可能缺失",
    message_en="some bytes could not be decoded in any known encoding and were replaced by "
    "U+FFFD; text there may be missing",
)
