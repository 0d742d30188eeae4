"""The shape STYLE.md asks for: streamlit only in ui, no SQL in pages, nothing at import time."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sdm_analytics"
# Modules over STYLE.md's 400 lines, to be split (reference data and the text catalogue may stay long).
KNOWN_LONG = {"demo/reference.py", "i18n.py", "ingest/templates.py", "engine/metrics.py", "present/catalog.py"}
PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]


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
    """STYLE.md: modules of 50–400 lines (the reference data and the text catalogue excepted)."""
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert set(long) <= KNOWN_LONG, long


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
