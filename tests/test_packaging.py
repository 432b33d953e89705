"""What a user installing the package gets: licence, version, readers, extras."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import govinfo_report
import govinfo_report.strategies

ROOT = Path(__file__).parent.parent
METADATA = importlib.metadata.metadata("govinfo-report")


def _requirement_names(requirements: list[str]) -> set[str]:
    return {
        requirement.split(">")[0].split(";")[0].split("[")[0].strip()
        for requirement in requirements
    }


def test_licence_file_and_metadata() -> None:
    """The MIT licence ships as a file and is declared in the installed metadata."""
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert METADATA["License-Expression"] == "MIT"
    assert METADATA.get_all("License-File") == ["LICENSE"]
    assert "Typing :: Typed" in (METADATA.get_all("Classifier") or [])


def test_version_is_the_installed_one() -> None:
    """govinfo_report.__version__ is the installed distribution's version."""
    assert govinfo_report.__version__ == importlib.metadata.version("govinfo-report")


def test_plain_install_reads_every_form_and_runs_the_command_line() -> None:
    """`pip install .` brings the PDF reader and the command line's libraries."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {"pypdfium2", "lxml", "click", "rich"} <= _requirement_names(project["dependencies"])
    assert project["scripts"] == {"govinfo-report": "govinfo_report.cli:main"}


def test_strategies_extra_brings_hypothesis() -> None:
    """The extra the docs name for govinfo_report.strategies installs Hypothesis."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert _requirement_names(extras["strategies"]) == {"hypothesis"}
    assert "govinfo-report[strategies]" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "govinfo-report[strategies]" in (govinfo_report.strategies.__doc__ or "")
