"""The house rules of the package's layout, so the rooms stay where a newcomer looks."""

from __future__ import annotations

import ast
from pathlib import Path

import click

from conftest import ROOT
from selfassess.cli import main
from selfassess.cli.common import Command

PACKAGE = ROOT / "src" / "selfassess"
#: The spine stays small: a new concern gets a package of its own (as check/, code/, ...).
MOST_TOP_LEVEL_MODULES = 12


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_cli_imports_click() -> None:
    outside = [p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts]
    assert outside and [str(p) for p in outside if "click" in _imports(p)] == []


def test_exit_codes_are_decided_in_one_place() -> None:
    raising = []
    for path in (PACKAGE / "cli").glob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Raise) and "SystemExit" in ast.unparse(node):
                raising.append(path.name)
    assert sorted(set(raising)) == ["common.py"]


def test_every_command_reports_errors_through_command() -> None:
    commands = []
    for command in main.commands.values():
        group = isinstance(command, click.Group)
        commands += list(command.commands.values()) if group else [command]
    assert commands and [c.name for c in commands if not isinstance(c, Command)] == []


def test_the_top_level_holds_at_most_a_dozen_modules() -> None:
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(modules) <= MOST_TOP_LEVEL_MODULES, modules


#: The packages that each hold one kind of document (or check or change the files).
DOCUMENT_KINDS = ("assessment", "practice", "casework", "report", "check", "cycle")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _base(name: str, path: Path, node: ast.ImportFrom) -> str:
    """Return the module an ImportFrom names, its relative dots resolved."""
    if not node.level:
        return node.module or ""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


def _targets(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the package's modules this one imports, at any depth of its code."""
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _base(name, path, node)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {target for target in found if target in modules and target != name}


def import_graph() -> dict[str, set[str]]:
    """Return each module of the package and the package's modules it imports."""
    modules = _modules()
    return {name: _targets(name, path, modules) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle as the modules along it (first repeated at the end), or None."""
    done: set[str] = set()
    for start in sorted(graph):
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(sorted(graph[start])))]
        if start in done:
            continue
        path.append(start)
        on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)
    return None


def test_the_import_graph_holds_no_cycle_counting_imports_inside_functions() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle_and_names_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"b", "d"}, "d": set()}
    assert find_cycle(graph) == ["b", "c", "b"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a", "c"}}) is None


def test_the_graph_sees_imports_inside_functions_and_modules_named_by_from() -> None:
    graph = import_graph()
    # check/dispatch.py imports the report package inside check_file.
    assert "selfassess.report" in graph["selfassess.check.dispatch"]
    # "from selfassess.assessment import view as v" is an import of the module view.
    assert "selfassess.assessment.view" in graph["selfassess.assessment.markdown"]


def _kinds_imported(targets: set[str]) -> list[str]:
    """Return the modules of document-kind packages among the targets."""
    return sorted(t for t in targets if t.split(".")[:2][-1] in DOCUMENT_KINDS)


def test_render_imports_no_document_kind() -> None:
    graph = import_graph()
    render = {n: t for n, t in graph.items() if n.startswith("selfassess.render")}
    assert render and {n: _kinds_imported(t) for n, t in render.items() if _kinds_imported(t)} == {}


def test_the_spine_imports_no_document_kind() -> None:
    graph = import_graph()
    top = {_module_name(path) for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    spine = {n: t for n, t in graph.items() if n in top}
    assert "selfassess.models" in spine
    assert {n: _kinds_imported(t) for n, t in spine.items() if _kinds_imported(t)} == {}


def test_every_folder_of_the_package_is_a_regular_package() -> None:
    folders = {path.parent for path in PACKAGE.rglob("*.py")}
    assert (
        len(folders) > 1
        and sorted(str(f) for f in folders if not (f / "__init__.py").exists()) == []
    )
