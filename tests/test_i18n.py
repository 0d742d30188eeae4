"""The one text catalogue (sdm_analytics.i18n): every key in both languages with the same placeholders, each
key defined once and used, no text left in a language-branching `if` outside the catalogue."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from sdm_analytics.i18n import CODE_LABELS, LANGS, TEXT, t

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sdm_analytics"
CODE = [p for p in PACKAGE.rglob("*.py") if p.parent.name != "i18n" or p.name == "__init__.py"] + [ROOT / "dashboard.py",
                                                                        *(ROOT / "pages").glob("*.py")]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _constants() -> set[str]:
    """Every string constant in the code (f-string parts included), outside the catalogue, and every 'literal'
    of the SQL it holds (a reason code written by a query counts as used)."""
    found: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
                found.update(re.findall(r"'([a-z_]+)'", node.value))
    for path in PACKAGE.rglob("*.sql"):
        found.update(re.findall(r"'([a-z_]+)'", path.read_text()))
    return found


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    pair = TEXT[key]
    assert len(pair) == len(LANGS) and all(isinstance(s, str) and s.strip() for s in pair), key
    assert _placeholders(pair[0]) == _placeholders(pair[1]), key


def test_every_code_label_has_both_languages():
    for dim, labels in CODE_LABELS.items():
        for code, pair in labels.items():
            assert len(pair) == 2 and all(s.strip() for s in pair), (dim, code)
            assert not _placeholders(pair[0]) and not _placeholders(pair[1]), (dim, code)


def test_every_key_is_used():
    """A key is used when the code names it as a string, or builds it as f"{prefix}{code}" where both the prefix
    (an f-string part ending in "_" or ".") and the code appear in the code."""
    constants = _constants()
    unused = [key for key in TEXT if key not in constants and not _built(key, constants)]
    assert unused == []


def _built(key: str, constants: set[str]) -> bool:
    return any(key[:i] in constants and key[i:] in constants for i in range(1, len(key)) if key[i - 1] in "_.")


def test_a_missing_key_is_an_error_not_a_silent_blank():
    with pytest.raises(KeyError):
        t("no_such_key")
    assert t("year", "en") == "Year" and t("year", "id") == "Tahun" and t("year", "fr") == "Tahun"
