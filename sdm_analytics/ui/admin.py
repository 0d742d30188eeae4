"""The Data page's helpers: the checked import plan, the import itself, templates and the backup."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from .context import Context


def import_plan(ctx: Context, uploads: list[tuple[str, bytes]], kind: str | None) -> Any:
    """The checked plan of the uploaded files (kept while the files, the kind and the store stay the same)."""
    import hashlib

    from .. import ingest

    digest = hashlib.sha256()
    for name, data in uploads:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    key = (digest.hexdigest(), kind, ctx.store.version, ctx.lang, ctx.settings)
    cached = st.session_state.get("_import_plan")
    if cached and cached[0] == key:
        return cached[1]
    with st.spinner(ctx.t("data_checking")):
        plan = ingest.run_apart("prepare", ctx.store.path, uploads, kind, ctx.lang, ctx.settings)
    st.session_state["_import_plan"] = (key, plan)
    return plan


def commit_import(ctx: Context, plan: Any, accept_partial: bool) -> dict[str, int] | None:
    """Write a checked plan (a new version of the store file; another import in progress is waited for); the
    totals of what happened, or None when the store stayed busy too long (said on the page, nothing written)."""
    from .. import ingest
    from ..store import StoreLockedError

    with st.spinner(ctx.t("data_writing")):
        try:
            plan = ingest.run_apart("commit", ctx.store.path, plan, accept_partial,
                          ctx.user.username if ctx.user else "")
        except StoreLockedError as exc:
            st.error(exc.message(ctx.lang), icon=":material/hourglass_top:")
            return None
    ctx.store.refresh()
    st.session_state.pop("_import_plan", None)
    totals = {"added": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    for fp in plan.files:
        for k in totals:
            totals[k] += (fp.result or {}).get(k, 0)
    return totals


def template_buttons(ctx: Context) -> None:
    """One download button per kind: an XLSX import template built on click."""
    from ..contract import KIND_ORDER
    from ..ingest import templates
    from ..ingest.messages import label

    names = templates.template_names()
    cols = st.columns(4)
    for i, kind in enumerate(k for k in KIND_ORDER if k in names):
        cols[i % len(cols)].download_button(
            label(kind, ctx.lang), data=partial(templates.template_xlsx, kind, ctx.lang, ctx.settings),
            file_name=names[kind], key=f"tpl_{kind}", on_click="ignore", icon=":material/table:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")


def backup_zip(ctx: Context) -> bytes:
    """Every table as a contract CSV, zipped (the dashboard's export-data)."""
    import io
    import tempfile
    import zipfile
    from pathlib import Path

    from ..contract import KIND_ORDER

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for kind in KIND_ORDER:
            path = Path(tmp) / f"{kind}.csv"
            ctx.store.export_csv(kind, path)
            zf.write(path, f"{kind}.csv")
    return buffer.getvalue()


