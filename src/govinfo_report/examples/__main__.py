"""``python -m govinfo_report.examples``: read the shipped report, print its tables and findings."""

import sys

from govinfo_report.cli import run

sys.exit(run(["show", "--example"], sys.stdout, sys.stderr))
