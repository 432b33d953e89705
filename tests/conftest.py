"""Test configuration shared by every test module."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Report strategies draw a few hundred cells per example; on shared CI machines the time per
# example varies too much for Hypothesis' deadline and slow-generation checks to mean anything.
settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")
