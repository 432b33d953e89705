"""Reading findings: one place builds them, so codes and wording stay uniform."""

from __future__ import annotations

from govinfo_report.parse._document import (
    Location,
    ReadingFinding,
    Severity,
)


class Findings:
    """Collects reading findings; one place builds them so codes and wording stay uniform."""

    def __init__(self) -> None:
        self.items: list[ReadingFinding] = []

    def add(  # noqa: PLR0913 - a finding has that many parts
        self,
        code: str,
        severity: Severity,
        zh: str,
        en: str,
        *,
        path: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.items.append(
            ReadingFinding(
                code=code,
                severity=severity,
                message_zh=zh,
                message_en=en,
                path=path,
                location=location,
            )
        )
