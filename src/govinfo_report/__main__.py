"""``python -m govinfo_report``: the command line."""

import sys

from govinfo_report.cli import main

sys.exit(main())
