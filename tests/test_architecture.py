"""The shape of the house (docs/architecture.md): packages in layers, imports pointing down only, streamlit only
in ui, no private name used outside its module, no import cycle, short modules, no SQL in pages."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sdm_analytics"
# Modules over STYLE.md's 400 lines, each with its reason.
KNOWN_LONG = {
    "demo/reference.py": "the city's reference data (units, names, programme templates): data, not logic",
    "i18n/ui.py": "the pages' part of the one text catalogue: every string of the dashboard, in both languages",
    "present/catalog.py": "the chart registry: one small builder per chart, beside its entry",
}
# Layers, lowest first. A package imports its own layer's modules only within itself, and lower layers freely.
LAYERS = {"base": 0, "engine": 1, "ingest": 2, "demo": 2, "present": 3, "ui": 4, "cli": 4, "server": 4,
          "__main__": 5}
# The one exception: the root __init__ is the package's published facade (`sdm_analytics.open_store`, `.compute`
# for analysts), so it may import from any layer; it does so lazily (PEP 562 __getattr__), which keeps
# `import sdm_analytics.rules` light (tests/test_api.py checks that).
FACADE = "sdm_analytics"
PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str:
    """The layer package of a module: engine, ingest, demo, present, ui, cli, server, __main__ or base."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "base"


def _runtime_imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names, line) of every import that runs, anywhere in the file (TYPE_CHECKING blocks
    excepted), with relative imports resolved to full module names."""
    tree = ast.parse(path.read_text())
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    module, is_pkg = _module(path), path.name == "__init__.py"
    out = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_pkg else module.split(".")[:-1]
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            names = [a.name for a in node.names]
            # `from package import module` imports that module
            submodules = [n for n in names if (ROOT / Path(*source.split("."), n)).with_suffix(".py").exists()
                          or (ROOT / Path(*source.split("."), n, "__init__.py")).exists()]
            out.extend((f"{source}.{n}", [], node.lineno) for n in submodules)
            out.append((source, [n for n in names if n not in submodules], node.lineno))
    return out


def _package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_imports_point_down_the_layers():
    """base → engine → ingest, demo → present → ui, cli, server: no module imports a layer above its own, and
    the packages of one layer do not import each other (ingest ↛ demo, ui ↛ cli ↛ server)."""
    wrong = []
    for path in _package_files():
        here = _module(path)
        for target, _, line in _runtime_imports(path):
            if not target.startswith("sdm_analytics") or here == FACADE:
                continue
            a, b = _package(here), _package(target)
            if LAYERS[b] > LAYERS[a] or (a != b and LAYERS[a] == LAYERS[b] and a != "base"):
                wrong.append(f"{path.relative_to(ROOT)}:{line} ({a}) imports {target} ({b})")
    assert wrong == []


def test_the_layer_test_catches_an_upward_import(tmp_path, monkeypatch):
    """The check above can fail: an engine module importing the presentation layer is reported."""
    fake = tmp_path / "sdm_analytics" / "engine"
    fake.mkdir(parents=True)
    (fake / "x.py").write_text("from ..present.catalog import CHARTS\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    imports = _runtime_imports(fake / "x.py")
    assert ("sdm_analytics.present.catalog", ["CHARTS"], 1) in imports
    assert LAYERS[_package("sdm_analytics.present.catalog")] > LAYERS[_package("sdm_analytics.engine.x")]


def test_no_private_name_is_imported_from_another_module():
    """A name starting with _ is private to its module: nothing imports it (tests included)."""
    used = []
    for path in [*_package_files(), *PAGES, *sorted((ROOT / "tests").glob("*.py")),
                 *sorted((ROOT / "scripts").glob("*.py"))]:
        for target, names, line in _runtime_imports(path):
            used += [f"{path.relative_to(ROOT)}:{line} {target}.{n}" for n in names
                     if n.startswith("_") and not n.startswith("__")]
    assert used == []


def test_there_is_no_import_cycle():
    graph: dict[str, set[str]] = defaultdict(set)
    for path in _package_files():
        here = _module(path)
        for target, _, _ in _runtime_imports(path):
            if target.startswith("sdm_analytics") and target != here and not target.startswith(here + "."):
                graph[here].add(target)
    seen: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, trail: list[str]) -> list[str] | None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                return trail + [node, nxt]
            if nxt not in seen and (cycle := visit(nxt, trail + [node])):
                return cycle
        seen[node] = 2
        return None

    for start in sorted(graph):
        if start not in seen:
            cycle = visit(start, [])
            assert cycle is None, " → ".join(cycle)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_streamlit():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.parent.name != "ui" and "streamlit" in _imports(p)]
    assert offenders == []
    assert (PACKAGE / "ui" / "__init__.py").exists()


def test_modules_stay_short():
    """STYLE.md: modules of at most 400 lines, except those with a stated reason (KNOWN_LONG)."""
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert set(long) == set(KNOWN_LONG), long  # a module that got short again leaves the list


def test_pages_have_no_sql_and_call_page_setup_first():
    sql = re.compile(r"\b(SELECT|FROM|GROUP BY|duckdb)\b")
    for page in PAGES:
        text = page.read_text()
        assert not sql.search(text), f"SQL in {page.name}"
        assert ".groupby(" not in text, f"pandas aggregation in {page.name}"
        body = [n for n in ast.parse(text).body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr))]
        first = ast.unparse(body[0])
        assert "ui.page(" in first, f"{page.name} must start with ui.page(...)"


def test_page_files_are_numbered_and_plain():
    for page in PAGES[1:]:
        assert re.fullmatch(r"\d+_[A-Za-z0-9_]+\.py", page.name), page.name


def test_ui_lists_every_page():
    from sdm_analytics.ui import PAGES as MENU

    assert {p for p, _, _ in MENU} == {str(p.relative_to(ROOT)) for p in PAGES}


def test_no_connection_at_import_time():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.Assign, ast.Expr)):
                assert "connect(" not in ast.unparse(node), f"{path.name} connects at import time"
