"""govinfo_report: China's government information disclosure annual reports as data.

政府信息公开工作年度报告 — read, check and exchange them: an immutable typed model of both
national formats (国办公开办函〔2019〕60号 and 〔2021〕30号), the arithmetic identities of the
form, exact JSON round trips and a JSON Schema for partners.
"""

import importlib.metadata

from govinfo_report.catalog import FormatVersion
from govinfo_report.errors import (
    CellValueError,
    ContinuityError,
    FieldTypeError,
    FieldValueError,
    GovinfoReportError,
    LoadError,
    ParseError,
    Problem,
    RuleError,
    Severity,
    UnknownIdError,
    UnknownVersionError,
)
from govinfo_report.findings import CheckResult, Finding, Status
from govinfo_report.model import (
    Cell,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
)
from govinfo_report.parse import ParseResult, ReportInput, parse
from govinfo_report.rules import (
    check,
    check_continuity,
    iter_continuity,
    iter_findings,
    rule_catalogue,
)
from govinfo_report.schema import json_schema, validate_document
from govinfo_report.serialize import (
    from_dict,
    from_json,
    make_converter,
    problems_of,
    to_dict,
    to_json,
)

__version__: str = importlib.metadata.version("govinfo-report")
"""The installed distribution's version."""

__all__ = [
    "Cell",
    "CellValueError",
    "CheckResult",
    "ContinuityError",
    "FieldTypeError",
    "FieldValueError",
    "Finding",
    "FormatVersion",
    "GovinfoReportError",
    "LoadError",
    "ParseError",
    "ParseResult",
    "ProactiveDisclosure",
    "Problem",
    "Report",
    "ReportInput",
    "Requests",
    "ReviewLitigation",
    "RuleError",
    "Severity",
    "Source",
    "Status",
    "Table",
    "UnknownIdError",
    "UnknownVersionError",
    "__version__",
    "check",
    "check_continuity",
    "from_dict",
    "from_json",
    "iter_continuity",
    "iter_findings",
    "json_schema",
    "make_converter",
    "parse",
    "problems_of",
    "rule_catalogue",
    "to_dict",
    "to_json",
    "validate_document",
]
