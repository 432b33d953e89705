"""Test configuration shared by every test module."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Report strategies draw a few hundred cells per example; on shared CI machines the time per
# example varies too much for Hypothesis' deadline and slow-generation checks to mean anything.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("default", **_COMMON)  # type: ignore[arg-type]
# CI runs each commit once, from a clean clone: the same examples every run, so that a red run
# points at the change and not at the luck of the draw. Developers' runs stay random and keep
# exploring (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)  # type: ignore[arg-type]
settings.load_profile("ci" if os.environ.get("CI") else "default")
