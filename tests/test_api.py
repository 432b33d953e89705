"""The public API: what the docs use is exported, and every deliberate error is the library's."""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import pytest

import govinfo_report
from govinfo_report import (
    FieldTypeError,
    FieldValueError,
    FormatVersion,
    GovinfoReportError,
    ParseError,
    ProactiveDisclosure,
    Report,
    ReportInput,
    Requests,
    ReviewLitigation,
    Source,
    UnknownIdError,
    UnknownVersionError,
    catalog,
    parse,
)
from govinfo_report.examples import EXAMPLE, example_path

ROOT = Path(__file__).parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_name_imported_from_the_package_in_the_docs_is_exported() -> None:
    """``from govinfo_report import …`` in README and docs names only exported names."""
    imported: set[str] = set()
    for document in DOCUMENTS:
        for names in re.findall(
            r"from govinfo_report import \(?([\w, \n]+)\)?", document.read_text("utf-8")
        ):
            imported.update(name.strip() for name in names.split(",") if name.strip())
    assert imported
    submodules = {name for name in imported if find_spec(f"govinfo_report.{name}") is not None}
    assert imported - submodules <= set(govinfo_report.__all__)
    for name in ("parse", "ParseResult", "ParseError", "json_schema", "ContinuityError"):
        assert name in govinfo_report.__all__


def test_the_docs_never_import_from_the_command_line() -> None:
    """README and docs reach the library through its API, never through ``cli``."""
    # The command line's own page drives it through click's test runner, as a user's script would.
    for document in DOCUMENTS:
        if document.name == "cli.md":
            continue
        assert "govinfo_report.cli" not in document.read_text("utf-8"), document.name


def test_exported_names_do_not_clash() -> None:
    """The model's Source is the package's Source; the reader's input type has its own name."""
    assert govinfo_report.Source is Source
    assert not hasattr(sys.modules["govinfo_report.parse"], "Source")
    assert ReportInput == str | bytes | os.PathLike[str]


def test_example_path_is_the_shipped_report() -> None:
    """The shipped report reads through the public API."""
    path = example_path()
    assert path.name == EXAMPLE
    assert parse(path).report.organ == "淮安市人民政府"
    with pytest.raises(FileNotFoundError, match="no example"):
        example_path("absent.txt")


BAD_CONSTRUCTIONS: list[tuple[Callable[[], object], type[Exception], type[Exception]]] = [
    (lambda: Report.blank("2021", year=1999), FieldValueError, ValueError),
    (lambda: Report.blank("2021", organ=1), FieldTypeError, TypeError),
    (lambda: Report.blank("2021", source="url"), FieldTypeError, TypeError),
    (
        lambda: Report(
            proactive_disclosure=None,  # type: ignore[arg-type]
            requests=Requests.blank("2021"),
            review_litigation=ReviewLitigation.blank(),
        ),
        FieldTypeError,
        TypeError,
    ),
    (lambda: Source(url=1), FieldTypeError, TypeError),  # type: ignore[arg-type]
    (lambda: ProactiveDisclosure("2021", ()), FieldValueError, ValueError),
    (lambda: Requests.blank("2020"), UnknownVersionError, ValueError),
    (lambda: FormatVersion("2020"), UnknownVersionError, ValueError),
    (lambda: Requests.blank("2021").cell("granted", "nobody"), UnknownIdError, KeyError),
    (lambda: ProactiveDisclosure.blank("2021").table("art20_2"), UnknownIdError, KeyError),
    (lambda: catalog.format_spec("2021").section("annex"), UnknownIdError, KeyError),
    (lambda: parse(b""), ParseError, ValueError),
]


@pytest.mark.parametrize(("build", "error", "base"), BAD_CONSTRUCTIONS)
def test_every_error_is_the_librarys(
    build: Callable[[], object], error: type[Exception], base: type[Exception]
) -> None:
    """Model validators and look-ups raise GovinfoReportError, keeping the builtin base."""
    with pytest.raises(error) as raised:
        build()
    assert isinstance(raised.value, GovinfoReportError)
    assert isinstance(raised.value, base)


def test_unknown_id_reads_as_a_sentence() -> None:
    """A KeyError subclass that prints its message, not its repr."""
    with pytest.raises(UnknownIdError) as raised:
        Requests.blank("2021").cell("granted", "nobody")
    assert str(raised.value) == "grid 'requests' has no column 'nobody'"


def test_format_versions_are_singletons_that_survive_pickling() -> None:
    """A version compares by identity, is immutable, and pickles to itself."""
    version = FormatVersion("2021")
    assert version is FormatVersion.V2021
    assert FormatVersion(version) is version
    assert pickle.loads(pickle.dumps(version)) is version  # noqa: S301 - our own bytes
    assert repr(version) == "FormatVersion('2021')"
    with pytest.raises(AttributeError):
        version.value = "2022"


def test_the_latest_version_comes_from_the_catalog() -> None:
    """The newest declared version, by first report year."""
    assert catalog.latest_version() is FormatVersion.V2021
    assert list(catalog.FORMATS) == [FormatVersion.V2019, FormatVersion.V2021]


def test_options_a_function_does_not_know_are_the_librarys_errors() -> None:
    """An unknown language or validation engine is a FieldValueError (a ValueError)."""
    finding = govinfo_report.check(Report.blank("2021")).findings[0]
    with pytest.raises(FieldValueError, match="unknown language"):
        finding.message("fr")
    with pytest.raises(FieldValueError, match="unknown engine"):
        govinfo_report.validate_document({}, engine="fast")
    document = finding.to_dict()
    document["reported"] = "3"
    with pytest.raises(FieldTypeError, match="expected a whole number"):
        govinfo_report.Finding.from_dict(document)


def _format_reference_sections() -> set[str]:
    """The section numbers of docs/format.md: headings (``### 7.3``) and variant rows (A.12)."""
    text = (ROOT / "docs" / "format.md").read_text("utf-8")
    headings = re.findall(r"^#+ (\d+(?:\.\d+)?)\.? ", text, flags=re.MULTILINE)
    variants = re.findall(r"^\| (A\.\d+) \|", text, flags=re.MULTILINE)
    return {*headings, *variants}


def test_citations_of_the_form_reference_resolve() -> None:
    """Every ``format.md §N`` cited in the code and the docs names a section the page has."""
    sections = _format_reference_sections()
    assert {"2", "3", "4", "5.2", "5.3", "7.1", "7.3", "A.6", "A.12", "A.15"} <= sections
    cited: set[str] = set()
    for path in [*sorted((ROOT / "src").rglob("*.py")), *DOCUMENTS]:
        for reference in re.findall(r"format\.md\)? §([A-Z0-9.]*[0-9])", path.read_text("utf-8")):
            cited.add(reference)
    assert cited
    assert cited <= sections
    for document in DOCUMENTS:
        assert "FORMAT.md" not in document.read_text("utf-8"), document.name
