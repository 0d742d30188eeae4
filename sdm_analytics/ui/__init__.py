"""The Streamlit layer: the one part of the package that imports streamlit.

Every page opens with `ctx = ui.page(page_id)` (config, sign-in, language, menu, the shared filter
sidebar, the URL) and then calls the cached figures (`ui.metrics`, `ui.table`, …) and the shared
widgets (`ui.chart`, `ui.show_table`, `ui.kpi`, …) re-exported here:

- `view`: Context, who is looking at what; `context`: the page list and roles, page setup, the sidebar and the URL;
- `signin`: the sign-in form and the account box;
- `data`: the cached wrappers around the engine, and the catalogue's cached Source;
- `widgets`: header, KPI cards, charts and tables with their downloads, findings, the deck button;
- `admin`: the Data page's import plan, templates and backup.
- `look`: what Streamlit's own widgets say, in the page's language (the page's CSS, the uploader's hint), and
  the overview's density.
"""

from ..present.views import (
    Display,
    accounts_table,
    auth_log_table,
    gap_table,
    history_table,
    ipasn_people_table,
    issues_table,
    mapping_table,
    needs_table,
    never_trained_table,
    new_staff_table,
    participants_table,
    people_table,
    preview_table,
    program_table,
    quality_table,
    response_rates_table,
    targets_table,
)
from .admin import backup_zip, commit_import, import_plan, template_buttons
from .context import MAIN_FILTERS, MORE_FILTERS, PAGE_ROLES, PAGES, Context, page
from .data import (
    CachedSource,
    comments,
    ipasn_candidates,
    metrics,
    metrics_by,
    table,
    target_progress,
    targets,
    unit_names,
)
from .look import compact, upload_hint
from .widgets import (
    apply_pick,
    breakdown_pick,
    chart,
    deck_button,
    default_program,
    description,
    download_csv,
    filters_text,
    findings_panel,
    findings_rest,
    header,
    kpi,
    logged,
    no_data,
    people_list,
    picked_value,
    program_choice,
    program_picker,
    ranking_level,
    show_table,
    structure_line,
    trust_note,
)

__all__ = [
    "Context", "PAGES", "PAGE_ROLES", "MAIN_FILTERS", "MORE_FILTERS", "page", "CachedSource", "metrics",
    "metrics_by", "table", "comments", "target_progress", "targets",
    "unit_names", "header", "kpi", "logged", "chart", "show_table", "people_list", "download_csv", "description",
    "filters_text", "findings_panel", "findings_rest", "compact", "deck_button", "trust_note", "picked_value", "apply_pick", "breakdown_pick", "program_picker",
    "program_choice", "default_program", "structure_line", "ranking_level", "no_data", "import_plan", "commit_import", "template_buttons",
    "backup_zip", "Display", "accounts_table", "auth_log_table", "gap_table", "history_table", "ipasn_candidates", "ipasn_people_table",
    "issues_table", "mapping_table", "needs_table", "never_trained_table", "new_staff_table", "participants_table", "people_table",
    "preview_table", "program_table", "quality_table", "response_rates_table", "targets_table", "upload_hint",
]
