"""``python -m govinfo_report.cli``."""

import sys

from govinfo_report.cli import main

sys.exit(main())
