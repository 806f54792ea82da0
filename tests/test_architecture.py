"""The package's shape: layers import only downward, no circles, no hidden imports, one kinds table."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest
from kie.model.kinds import GENERATED_SECTIONS, KINDS

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "scripts" / "kie"
LAYERS = ("model", "views", "print", "offline", "serve", "engine", "cli")  # lowest first
ENGINE_ONLY = ("mkdocs", "material")  # the engine seam: nothing else may know them
LAZY_ALLOWED = ("weasyprint", "playwright")  # heavy optional dependencies may be imported where used


def modules() -> dict[str, Path]:
    return _modules(PACKAGE)


@functools.cache
def _modules(package: Path) -> dict[str, Path]:
    return {
        ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__"): path
        for path in sorted(package.rglob("*.py"))
    }


def shown(path: Path) -> str:
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.as_posix()


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@functools.cache
def imports_of(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        nested = id(node) not in top_level
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, nested) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if not node.module or node.level else []
            known = [n for n in names if n in modules()]
            found += [(n, node.lineno, nested) for n in known] or [(target, node.lineno, nested)]
    return found


def test_layers_import_only_downward():
    upward = []
    for module, path in modules().items():
        mine = layer_of(module)
        for target, line, _ in imports_of(module, path):
            theirs = layer_of(target)
            if mine and theirs and LAYERS.index(theirs) > LAYERS.index(mine):
                upward.append(f"{shown(path)}:{line}: {mine} imports {target} ({theirs})")
    assert not upward, "\n".join(upward)


def test_no_import_circles():
    graph = {m: {t for t, _, _ in imports_of(m, p) if t in modules() and t != m} for m, p in modules().items()}
    state: dict[str, int] = {}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" → ".join(trail[trail.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not circles, "\n".join(circles)


def test_only_the_engine_knows_mkdocs_and_material():
    leaks = [
        f"{shown(path)}:{line}: {target}"
        for module, path in modules().items()
        if layer_of(module) != "engine"
        for target, line, _ in imports_of(module, path)
        if target.split(".")[0] in ENGINE_ONLY
    ]
    assert not leaks, "\n".join(leaks)


# What MkDocs and Material write into a built site: only the engine may read it.
ENGINE_FORMATS = ("<article", "<title", '"md-', "search_index.json")


def test_only_the_engine_reads_the_pages_and_files_mkdocs_and_material_write():
    """Printing gets a page's parts from the engine (engine.page_html.read_built_page), the offline copy gets
    the search entries from it (take_search_entries): a new theme or engine changes only kie/engine."""
    leaks = [
        f"{shown(path)}:{number}: {mark}"
        for module, path in modules().items()
        if layer_of(module) not in ("engine", None)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for mark in ENGINE_FORMATS
        if mark in line
    ]
    assert not leaks, "\n".join(leaks)


def test_no_function_local_imports_except_heavy_optional_ones():
    hidden = [
        f"{shown(path)}:{line}: {target}"
        for module, path in modules().items()
        for target, line, nested in imports_of(module, path)
        if nested and target.split(".")[0] not in LAZY_ALLOWED
    ]
    assert not hidden, "\n".join(hidden)


def test_model_and_views_import_without_mkdocs_or_weasyprint():
    """The engine can be swapped (Material's end of life is May 2027): content and pages must not need it."""
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'material', 'mkdocs_static_i18n', 'weasyprint'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pkgutil, importlib, kie.model, kie.views\n"
        "for pkg in (kie.model, kie.views):\n"
        "    for info in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + info.name)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_the_guard_sees_an_upward_import(tmp_path, monkeypatch):
    """The guard itself works: a model module importing a view is caught."""
    fake = tmp_path / "kie"
    (fake / "model").mkdir(parents=True)
    (fake / "views").mkdir()
    for init in (fake / "__init__.py", fake / "model" / "__init__.py", fake / "views" / "__init__.py"):
        init.write_text("")
    (fake / "views" / "page.py").write_text("X = 1\n")
    (fake / "model" / "content.py").write_text("from ..views.page import X\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    with pytest.raises(AssertionError, match="model imports kie.views.page"):
        test_layers_import_only_downward()


# --- the kinds table drives everything that lists kinds or generated folders -------------------------


def test_every_kind_has_its_schema_and_templates():
    templates = PACKAGE / "templates"
    for kind in KINDS:
        assert (REPO / "content" / "schema" / kind.schema).is_file(), kind.schema
        assert (templates / f"{kind.name}.md.j2").is_file(), kind.name
        assert (templates / f"{kind.name}_index.md.j2").is_file(), kind.name


def test_gitignore_lists_exactly_the_generated_folders():
    lines = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = {line.strip("/").removeprefix("docs/") for line in lines if line.startswith("/docs/")}
    assert ignored == set(GENERATED_SECTIONS)


def test_make_clean_removes_every_generated_folder(tmp_path):
    """`make clean` asks the kinds table which folders are generated, so a new kind is never forgotten."""
    done = subprocess.run(["make", "-s", "-n", "clean"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    for section in GENERATED_SECTIONS:
        assert f"docs/{section}" in done, section
