"""``python -m govinfo_report``: the command line."""

from govinfo_report.cli import main

main()
