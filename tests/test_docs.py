"""The product's own documentation: the README's commands and metrics, docs/ against the registries, and one
count of OPDs everywhere (README, overview, deck). Runs in a fresh clone: nothing here reads outside the repo."""

from __future__ import annotations

import re
from pathlib import Path

from sdm_analytics.contract import CODES, KINDS
from sdm_analytics.engine.metrics import METRICS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
DOCS = ROOT / "docs"


def test_every_metric_is_in_the_readme_with_its_labels():
    for m in METRICS.values():
        row = next((line for line in README.splitlines() if line.startswith(f"| `{m.id}` |")), None)
        assert row is not None, f"{m.id} missing from README"
        assert m.label("id") in row and m.label("en") in row


def test_readme_has_the_two_commands():
    assert "pip install -r requirements.txt && .venv/bin/streamlit run dashboard.py" in README
    assert "pip install -r requirements-dev.txt && .venv/bin/python -m pytest" in README


def test_readme_links_the_docs_and_nothing_outside_the_repository():
    for name in ("docs/metrics.md", "docs/data-contract.md", "docs/deployment.md"):
        assert name in README and (ROOT / name).exists()
    for text in [README] + [p.read_text() for p in DOCS.glob("*.md")]:
        assert "../shared" not in text and "shared/METRICS" not in text


def test_the_data_contract_document_lists_every_column_alias_and_code():
    """docs/data-contract.md names, in backticks, every column and header alias the importer accepts and every
    allowed code; the store's internal columns are not file columns."""
    doc = (DOCS / "data-contract.md").read_text()
    for kind in KINDS.values():
        assert f"`{kind.name}`" in doc, kind.name
        for col in kind.public_columns:
            for name in (col.name, *col.aliases):
                assert f"`{name}`" in doc, f"{kind.name}.{col.name}: `{name}`"
    for column, codes in CODES.items():
        for code in codes:
            assert f"`{code}`" in doc, f"{column}: `{code}`"


def test_the_readme_gives_the_demo_s_count_of_opds(demo_store):
    """One count of OPDs (perangkat daerah) and unit kerja: the demo's structure, the README, the overview and
    the deck say the same."""
    from sdm_analytics.engine import units

    counts = units.unit_counts(demo_store)
    assert (counts["opd"], counts["unit"]) == (37, 55)
    assert f"{counts['opd']} OPD" in README and f"{counts['unit']} unit kerja" in README
    assert re.search(r"\b31 OPD\b", README) is None  # the old count, units taken for OPDs
