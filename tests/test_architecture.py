"""The package's import graph: one direction, no cycle at run time."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import govinfo_report
from govinfo_report import catalog

SOURCE = Path(govinfo_report.__file__).parent

LAYERS: tuple[tuple[str, ...], ...] = (
    ("govinfo_report.errors",),
    ("govinfo_report.catalog",),
    ("govinfo_report.findings", "govinfo_report.model"),
    (
        "govinfo_report.rules",
        "govinfo_report.serialize",
        "govinfo_report._fast_load",
        "govinfo_report.schema",
        "govinfo_report.schemas",
        "govinfo_report.parse",
        "govinfo_report.render",
        "govinfo_report.strategies",
        "govinfo_report.examples",
    ),
    ("govinfo_report", "govinfo_report.cli", "govinfo_report.__main__"),
)
"""Lower layers first: a module imports only from its own layer or the ones below."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The package's modules an import statement loads (itself, not its parent packages)."""
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names}
    else:
        base = node.module or ""
        if node.level:
            package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}".rstrip(".")
        names = {
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        }
    return {name for name in names if name in MODULES}


def _imports(module: str, *, type_checking: bool) -> set[str]:
    """Every module of the package ``module`` imports, anywhere in its body (functions too).

    Imports under ``if TYPE_CHECKING:`` count only when ``type_checking`` is true.
    """
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node) and not type_checking:
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(_imported(module, node))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(MODULES[module].read_text(encoding="utf-8")))
    found.discard(module)
    return found


def _layer(module: str) -> int:
    for number, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(f"{top}.") for top in layer):
            # A __main__ anywhere is an entry point: it sits with the command line.
            return len(LAYERS) - 1 if module.endswith("__main__") else number
    pytest.fail(f"{module} is in no layer of LAYERS: place it")


def test_the_import_graph_is_read() -> None:
    """The walk sees the imports it must see (a check of the test itself)."""
    assert "govinfo_report.catalog" in _imports("govinfo_report.model", type_checking=False)
    assert "govinfo_report.parse._pdf" in _imports(
        "govinfo_report.parse._sniff", type_checking=False
    )
    assert "govinfo_report.model" not in _imports("govinfo_report.rules", type_checking=False)
    assert "govinfo_report.model" in _imports("govinfo_report.rules", type_checking=True)


def test_no_import_cycle_at_run_time() -> None:
    """No module imports, directly or not, a module that imports it back (outside type hints)."""
    graph = {module: _imports(module, type_checking=False) for module in MODULES}
    sorter = graphlib.TopologicalSorter(graph)
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def test_imports_go_one_way() -> None:
    """catalog ← model ← rules / serialize / schema / parse / render ← cli, type hints included."""
    upward = [
        f"{module} -> {imported}"
        for module in MODULES
        for imported in sorted(_imports(module, type_checking=True))
        if _layer(imported) > _layer(module)
    ]
    assert upward == []


def _catalog_words() -> tuple[set[str], set[str]]:
    """Every section id, and every Chinese label of four characters or more, of the catalog."""
    ids: set[str] = set()
    labels: set[str] = set()
    for spec in catalog.FORMATS.values():
        for section in spec.sections:
            ids.add(section.id)
            labels.add(section.heading.zh)
            for grid in section.grids:
                labels.add(grid.label.zh)
                labels.update(row.label.zh for row in grid.rows)
                labels.update(column.label.zh for column in grid.columns)
                labels.update(group.label.zh for group in grid.row_groups + grid.column_groups)
    return ids, {label for label in labels if len(label) >= 4}


def _string_literals(path: Path) -> list[str]:
    """The string constants of a module that are code, not documentation (doc strings)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documentation
    ]


@pytest.mark.parametrize(
    "module",
    [
        module
        for module in MODULES
        if not module.startswith(("govinfo_report.catalog", "govinfo_report.parse"))
        and not module.startswith("govinfo_report.cli")
        # The review's vocabulary of narrative phrases is a declaration beside the catalog
        # (issue 13): its patterns quote the words reports print, labels among them.
        and module != "govinfo_report.review._vocabulary"
    ],
)
def test_only_the_catalog_types_ids_and_labels(module: str) -> None:
    """Outside the catalog (and the readers), no code types a section id or a form label."""
    ids, labels = _catalog_words()
    literals = _string_literals(MODULES[module])
    assert [literal for literal in literals if literal in ids] == []
    assert [literal for literal in literals if any(label in literal for label in labels)] == []


def test_no_code_is_generated_at_run_time() -> None:
    """No module compiles source text (``exec``, ``eval``, ``compile``): plain code only."""
    generated = [
        f"{module}:{node.lineno}"
        for module, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"exec", "eval", "compile"}
    ]
    assert generated == []


_EVALUATOR = "govinfo_report.rules.arithmetic"
_DECLARATIONS = {"identities", "bounds", "continuities"}


def _reads_declarations_and_sums(path: Path) -> bool:
    """Whether a module reads a grid's identities, bounds or continuities and calls ``sum``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = list(ast.walk(tree))
    reads = any(isinstance(node, ast.Attribute) and node.attr in _DECLARATIONS for node in nodes)
    sums = any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sum"
        for node in nodes
    )
    return reads and sums


def test_the_form_s_arithmetic_is_done_by_one_evaluator() -> None:
    """Only the rules' evaluator adds up the operands of the form's identities and bounds.

    Everyone else (the rules engine and its continuity checks, the readers, the review, the
    strategies) asks :mod:`govinfo_report.rules.arithmetic`. Checked simply: no other module
    both reads a grid's declarations (``.identities``, ``.bounds``, ``.continuities``) and
    calls ``sum``.
    """
    offenders = [
        module
        for module, path in MODULES.items()
        if module != _EVALUATOR and _reads_declarations_and_sums(path)
    ]
    assert offenders == []


def test_the_arithmetic_check_sees_a_second_implementation(tmp_path: Path) -> None:
    """The check above fails on a module that sums a grid's identity operands itself."""
    copy = tmp_path / "copy.py"
    copy.write_text(
        "def total(grid, row):\n"
        "    (identity,) = grid.identities\n"
        "    return sum(row[part] for part in identity.right)\n",
        encoding="utf-8",
    )
    assert _reads_declarations_and_sums(copy)
