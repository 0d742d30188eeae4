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
    assert "pip install -r requirements.txt && .venv/bin/streamlit run app.py" in README
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


# -- the registries against their documentation: every registered item documented, every documented one real --
def _backticked_first_cells(text: str, heading: str) -> list[str]:
    """The `names` in the first column of the Markdown table under a heading."""
    section = text[text.index(heading):]
    section = section[:section.find("\n#", 1)] if "\n#" in section[1:] else section
    return [m for line in section.splitlines() if line.startswith("| `")
            for m in re.findall(r"^\| `([^`]+)`", line)]


def test_every_named_table_is_documented_and_every_documented_table_exists():
    from sdm_analytics.engine.registry import TABLES

    listed = _backticked_first_cells((DOCS / "metrics.md").read_text(), "### 3.6")
    assert sorted(listed) == sorted(TABLES) and len(listed) == len(set(listed))


def test_every_chart_is_documented_and_every_documented_chart_exists():
    from sdm_analytics.present.catalog import CHARTS

    doc = (DOCS / "charts.md").read_text()
    listed = _backticked_first_cells(doc, "| Chart |")
    assert listed == list(CHARTS)
    for chart in CHARTS.values():  # the titles a reader sees in the list are the registry's
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{chart.id}` |"))
        assert f"| {chart.title('id')} | {chart.title('en')} |" in row, chart.id
    assert "docs/charts.md" in README


def test_every_setting_is_documented_and_every_documented_one_is_read():
    from sdm_analytics.settings import DB_ENV, SETTINGS, Settings

    doc = (DOCS / "deployment.md").read_text()
    listed = [name for name in _backticked_first_cells(doc, "## 7.") if name.startswith("SDM_")]
    assert sorted(listed) == sorted([s.env for s in SETTINGS] + [DB_ENV])
    for s in SETTINGS:  # the default the document gives is the one the code uses
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{s.env}` |"))
        default = getattr(Settings(), s.field)
        shown = f"{default:g}" if isinstance(default, float) else str(default)  # 1000000, not 1e+06
        assert f"| `{shown}` |" in row, (s.env, default)
        assert f"`{s.env}`" in README


def test_every_command_is_documented_and_every_documented_command_exists():
    from sdm_analytics.cli.main import COMMANDS

    for name, text in (("README.md", README), ("docs/deployment.md", (DOCS / "deployment.md").read_text())):
        shown = set(re.findall(r"python -m sdm_analytics(?: \[--db PATH\])? ([a-z][a-z-]+)", text))
        shown -= {"COMMAND"}
        assert shown == set(COMMANDS), name


def test_the_cli_offers_every_table_the_documentation_marks_for_it():
    """A table marked "CLI: no" in docs/metrics.md §3.6 is not offered by `metrics --table`; every other is."""
    from sdm_analytics.engine.registry import CLI_TABLES, TABLES

    doc = (DOCS / "metrics.md").read_text()
    not_cli = {name for name in TABLES
               if "CLI: no" in next(line for line in doc.splitlines() if line.startswith(f"| `{name}` |"))}
    assert set(CLI_TABLES) == set(TABLES) - not_cli


def test_the_architecture_document_names_files_that_exist():
    """docs/architecture.md tells a newcomer which files to touch: each file it names is there."""
    doc = (DOCS / "architecture.md").read_text()
    named = set(re.findall(r"`((?:sdm_analytics/|tests/|docs/)?[\w/]+\.(?:py|sql|md|json))`", doc))
    assert len(named) > 15
    package_dirs = ("engine/", "ingest/", "demo/", "present/", "cli/", "ui/", "i18n/")
    missing = [name for name in named
               if not (ROOT / name).exists() and not (ROOT / "sdm_analytics" / name).exists()
               and not (name.startswith(package_dirs) and (ROOT / "sdm_analytics" / name).exists())]
    assert missing == []
    assert "docs/architecture.md" in README
