"""The one-way house: no import cycle in ``gender_targets``, and no module imports one above it.

The flow (STYLE.md, docs/architecture.md)::

    text/errors/i18n/safety → periods/schema → units → reading → validation → workbook (table + rules)
      → accounts → store → indicators → intake/batch/progress → judgement/template/exports/summary
      → charts/entry/campaign → sample/backup/reports → cli

Imports under ``if TYPE_CHECKING:`` are type hints only and do not count. Every module of the
package has a rank (``test_every_module_has_a_rank``): a new module gets one here. A subpackage is one
layer: ``gender_targets.store.uploads`` ranks as ``store`` (``_group``), and its modules may import
each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gender_targets"

RANKS = {
    "errors": 0,
    "clock": 0,
    "text": 0,
    "i18n": 0,
    "safety": 0,
    "passwords": 0,
    "periods": 1,
    "schema": 1,
    "units": 2,
    "reading": 3,
    "attachments": 3,
    "validation": 4,
    "workbook": 5,
    "accounts": 5,
    "store": 6,
    "indicators": 7,
    "intake": 8,
    "batch": 8,
    "progress": 8,
    "judgement": 9,  # the one judgement (issue 21): which quarter, which status; above progress
    "template": 9,
    "exports": 9,
    "summary": 9,
    "changes": 9,
    "charts": 10,
    "campaign": 10,
    "entry": 10,
    "sample": 11,
    "backup": 11,
    "reports": 11,
    "cli": 12,
    "__main__": 13,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def import_graph() -> dict[str, set[str]]:
    """Module → the gender_targets modules it imports (runtime imports, lazy ones included)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_nodes(tree)
        deps: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("gender_targets"):
                    continue
                deps.add(target)
                deps.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("gender_targets"))
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def _group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_module_imports_one_above_it():
    wrong = []
    for module, deps in import_graph().items():
        group = _group(module)
        if group not in RANKS:
            continue
        for dep in deps:
            other = _group(dep)
            if other == group or other not in RANKS or dep == "gender_targets":
                continue
            if RANKS[other] > RANKS[group]:
                wrong.append(f"{module} imports {dep}")
    assert not wrong, wrong


def test_every_module_has_a_rank():
    """An unranked module could import anything above it unseen: every module of the core is ranked."""
    unranked = sorted(m for m in import_graph() if m != "gender_targets" and _group(m) not in RANKS)
    assert not unranked, f"give these a rank in RANKS: {unranked}"


def test_no_import_cycle():
    graph = import_graph()
    graph.pop("gender_targets", None)  # the package's own __init__ re-exports; every import passes it
    for deps in graph.values():
        deps.discard("gender_targets")
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


def test_the_layer_test_sees_a_violation():
    """The rank rule can fail: a store that imports indicators (as it did) is caught."""
    graph = import_graph()
    graph["gender_targets.store"].add("gender_targets.indicators")
    graph["gender_targets.store.reads"].add("gender_targets.progress")  # a module inside the package
    wrong = [
        (m, d)
        for m, deps in graph.items()
        for d in deps
        if _group(m) in RANKS and _group(d) in RANKS and RANKS[_group(d)] > RANKS[_group(m)]
    ]
    assert ("gender_targets.store", "gender_targets.indicators") in wrong
    assert ("gender_targets.store.reads", "gender_targets.progress") in wrong
    assert _group("gender_targets.store.opening") == _group("gender_targets.store") == "store"


def test_only_the_sandbox_touches_a_parser():
    """python-calamine is imported in reading/ only (the child process), nowhere else."""
    users = [_module_name(p) for p in PACKAGE.rglob("*.py") if "python_calamine" in p.read_text(encoding="utf-8")]
    assert users and all(u.startswith("gender_targets.reading.") for u in users), users
