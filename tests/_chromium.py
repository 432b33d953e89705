"""Debian's Chromium as the tests run it: headless, and quiet on this machine's closed network.

Without the background-networking flags Chromium keeps trying to reach its update and sync
services, which the sandbox refuses many at a time.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's package puts it here; `.ci/run` installs it."""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
