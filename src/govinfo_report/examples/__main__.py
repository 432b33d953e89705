"""``python -m govinfo_report.examples``: read the shipped report, print its tables and findings."""

from govinfo_report.cli import main

main(["show", "--example"])
