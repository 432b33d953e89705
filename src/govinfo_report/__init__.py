"""govinfo_report: China's government information disclosure annual reports as data.

政府信息公开工作年度报告 — read, check and exchange them: an immutable typed model of both
national formats (国办公开办函〔2019〕60号 and 〔2021〕30号), the arithmetic identities of the
form, exact JSON round trips and a JSON Schema for partners.
"""

import importlib.metadata

from govinfo_report.catalog import FormatVersion
from govinfo_report.errors import CellValueError, GovinfoReportError, LoadError, Problem
from govinfo_report.model import (
    Cell,
    ProactiveDisclosure,
    Report,
    Requests,
    ReviewLitigation,
    Source,
    Table,
)
from govinfo_report.rules import (
    CheckResult,
    Finding,
    RuleError,
    check,
    check_continuity,
    rule_catalogue,
)
from govinfo_report.serialize import from_dict, from_json, make_converter, to_dict, to_json

__version__: str = importlib.metadata.version("govinfo-report")
"""The installed distribution's version."""

__all__ = [
    "Cell",
    "CellValueError",
    "CheckResult",
    "Finding",
    "FormatVersion",
    "GovinfoReportError",
    "LoadError",
    "ProactiveDisclosure",
    "Problem",
    "Report",
    "Requests",
    "ReviewLitigation",
    "RuleError",
    "Source",
    "Table",
    "check",
    "check_continuity",
    "from_dict",
    "from_json",
    "make_converter",
    "rule_catalogue",
    "to_dict",
    "to_json",
]
