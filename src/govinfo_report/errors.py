"""The exceptions of govinfo_report: one base, one subclass per kind of failure.

Every exception subclasses :class:`GovinfoReportError`, and :class:`ValueError` where a caller
handing in bad data would expect one. Errors about data carry every problem found, each with
the JSON path of the place it concerns, never only the first.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "CellValueError",
    "ContinuityError",
    "FieldTypeError",
    "FieldValueError",
    "GovinfoReportError",
    "LoadError",
    "ParseError",
    "Problem",
    "RuleError",
    "Severity",
    "UnknownIdError",
    "UnknownVersionError",
]


class Severity(enum.Enum):
    """How much a finding matters (shared by reading findings and rule findings)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Problem:
    """One thing wrong with input data: where (a JSON path), what, and the value found."""

    path: str
    message: str
    value: object = attrs.field(default=None, eq=False)
    has_value: bool = True
    """False when nothing was found at ``path`` (a missing key), so ``value`` means nothing."""

    def __str__(self) -> str:
        if self.has_value:
            return f"{self.path}: {self.message}, got {self.value!r}"
        return f"{self.path}: {self.message}"


class GovinfoReportError(Exception):
    """Base class of every error this library raises on purpose."""

    default_message = "govinfo_report error"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class _ProblemsError(GovinfoReportError, ValueError):
    """An error that lists every problem found in some data."""

    def __init__(self, problems: Sequence[Problem], message: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        head = message or self.default_message
        count = len(self.problems)
        lines = [f"{head}: {count} problem{'s' if count != 1 else ''}"]
        lines.extend(f"  {problem}" for problem in self.problems)
        super().__init__("\n".join(lines))

    @property
    def paths(self) -> tuple[str, ...]:
        """The JSON path of every problem, in the order found."""
        return tuple(problem.path for problem in self.problems)


class CellValueError(_ProblemsError):
    """A table was built with cells that are not what the form allows."""

    default_message = "invalid cell values"


class LoadError(_ProblemsError):
    """A report document (dict or JSON) does not have the shape of a report."""

    default_message = "not a valid report document"


class FieldTypeError(GovinfoReportError, TypeError):
    """A field or an argument of the wrong type (``year="2024"``)."""

    default_message = "a field of the wrong type"


class FieldValueError(GovinfoReportError, ValueError):
    """A field value the form does not allow (``year=1999``), or an unknown option (``lang``)."""

    default_message = "a field value the form does not allow"


class UnknownVersionError(GovinfoReportError, ValueError):
    """A format version the catalog does not declare."""

    default_message = "unknown format version"


class UnknownIdError(GovinfoReportError, KeyError):
    """A section, table, row or column id the catalog does not declare for that place."""

    default_message = "unknown id"

    def __str__(self) -> str:
        # KeyError's own str() quotes its argument; this one is a sentence.
        return str(self.args[0])


class _Located(Protocol):
    """What a rule error lists of each finding (a :class:`~govinfo_report.findings.Finding`)."""

    @property
    def check(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def message_en(self) -> str: ...


class RuleError(GovinfoReportError, ValueError):
    """A report breaks arithmetic identities of the form; every failing finding is listed."""

    default_message = "the report breaks arithmetic identities of the form"

    def __init__(self, findings: Sequence[_Located], message: str | None = None) -> None:
        """Keep ``findings`` and list each in the message, with its check id and path."""
        self.findings: tuple[_Located, ...] = tuple(findings)
        head = message or self.default_message
        count = len(self.findings)
        lines = [f"{head}: {count} error{'s' if count != 1 else ''}"]
        lines.extend(
            f"  {finding.check} {finding.path}: {finding.message_en}" for finding in self.findings
        )
        super().__init__("\n".join(lines))


class ContinuityError(GovinfoReportError, ValueError):
    """Two reports handed to a continuity check are not of consecutive years."""

    default_message = "the reports are not of consecutive years"


class ParseError(GovinfoReportError, ValueError):
    """A source could not be read as a report: what went wrong, and where.

    ``where`` names the place (a file name, a page, a table cell) when one is known; the message
    then reads ``"report.pdf, page 3: <what>"``.
    """

    default_message = "the source cannot be read as a report"

    def __init__(self, message: str | None = None, *, where: str | None = None) -> None:
        self.what: str = message or self.default_message
        self.where: str | None = where
        super().__init__(f"{where}: {self.what}" if where else self.what)
