"""The README documents every metric of the registry and the two commands."""

from __future__ import annotations

from pathlib import Path

from sdm_analytics.metrics import METRICS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_metric_is_in_the_readme_with_its_labels():
    for m in METRICS.values():
        row = next((line for line in README.splitlines() if line.startswith(f"| `{m.id}` |")), None)
        assert row is not None, f"{m.id} missing from README"
        assert m.label_id in row and m.label_en in row


def test_readme_has_the_two_commands():
    assert "pip install -r requirements.txt && .venv/bin/streamlit run dashboard.py" in README
    assert "pip install -r requirements-dev.txt && .venv/bin/python -m pytest" in README
