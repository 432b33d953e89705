"""``python -m govinfo_report.cli``."""

from govinfo_report.cli import main

main()
