"""Survey campaigns as people read them: the links file (one row per recipient, headers in the reader's language,
the same for the command line and the Survei page) and the response-rate tables of the Survei page.

A link is `<base>/Isi_Survei?t=TOKEN`; the base is the dashboard's address as recipients reach it
(SDM_PUBLIC_URL), else the address the page was opened at, else the local default.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from ..formatting import fmt_date, fmt_number, fmt_pct
from ..i18n import code_label, t

__all__ = ["PUBLIC_URL_ENV", "QUESTIONNAIRE_PAGE", "LOCAL_URL", "base_url", "links_frame", "campaign_table",
           "unit_table", "missing_table", "due_table"]

PUBLIC_URL_ENV = "SDM_PUBLIC_URL"  # the dashboard's address as recipients reach it
QUESTIONNAIRE_PAGE = "Isi_Survei"
LOCAL_URL = "http://localhost:8501"
_COLUMNS = ("name", "nip", "unit_code", "role", "about_nip", "about_name", "link")
_HEADER = {"name": "survey.col_name", "nip": "survey.col_nip", "unit_code": "survey.col_unit",
           "role": "survey.col_role", "about_nip": "survey.col_about_nip", "about_name": "survey.col_about_name",
           "link": "survey.col_link"}


def base_url(explicit: str | None = None, page_url: str | None = None) -> str:
    """The links' base: `explicit`, else SDM_PUBLIC_URL, else the app's address taken from the URL of the page
    it was opened at (the page's own name, its query and fragment dropped), else the local default."""
    base = explicit or os.environ.get(PUBLIC_URL_ENV)
    if not base and page_url:
        parts = urlsplit(page_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/").rsplit("/", 1)[0], "", ""))
    return (base or LOCAL_URL).rstrip("/")


def links_frame(frame: pd.DataFrame, base: str, lang: str = "id") -> pd.DataFrame:
    """The links to hand out (campaigns.open_campaign's or reissue's frame, with its tokens): one row per
    recipient, its link in place of the token, headers in lang."""
    frame = frame.assign(link=[f"{base.rstrip('/')}/{QUESTIONNAIRE_PAGE}?t={token}" for token in frame["token"]])
    return frame[list(_COLUMNS)].rename(columns={c: t(_HEADER[c], lang) for c in _COLUMNS})


def _kind(kind: str, lang: str) -> str:
    return t(f"survey.kind_{kind}", lang)


def due_table(due: pd.DataFrame, lang: str) -> pd.DataFrame:
    """campaigns.due as the page shows it: code, title, end date, survey, recipients."""
    return pd.DataFrame({
        t("survey.page.col_program", lang): due["program_code"],
        t("survey.page.col_title", lang): due["title"],
        t("survey.page.col_end", lang): [fmt_date(d, lang) for d in pd.to_datetime(due["end_date"]).dt.date],
        t("survey.page.col_kind", lang): [_kind(k, lang) for k in due["kind"]],
        t("survey.page.col_recipients", lang): due["recipients"].astype(int),
    })


def _rate(answered: int, recipients: int, lang: str) -> str:
    if not recipients:
        return "–"
    return t("survey.page.rate", lang, pct=fmt_pct(answered / recipients, lang),
             answered=fmt_number(answered, lang, 0), recipients=fmt_number(recipients, lang, 0))


def campaign_table(status: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per campaign of campaigns.status (its units summed): id, survey, programme or year, anonymous,
    response rate with n, open or closed."""
    rows = []
    for cid, part in status.groupby("campaign_id", sort=True):
        first = part.iloc[0]
        answered, recipients = int(part["answered"].sum()), int(part["recipients"].sum())
        rows.append({
            t("survey.page.col_campaign", lang): cid,
            t("survey.page.col_kind", lang): _kind(first["survey_kind"], lang),
            t("survey.page.col_subject", lang): first["program_code"] or str(first["year"]),
            t("survey.page.col_anonymous", lang): t("survey.page.yes" if first["anonymous"] else "survey.page.no", lang),
            t("survey.page.col_rate", lang): _rate(answered, recipients, lang),
            t("survey.page.col_state", lang): t("survey.page.closed" if first["closed"] else "survey.page.open", lang),
        })
    return pd.DataFrame(rows)


def unit_table(status: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows of one campaign per unit (a pooled row of small units named as such)."""
    return pd.DataFrame({
        t("survey.page.col_unit", lang): [name if isinstance(name, str) else t("survey.page.pooled", lang)
                                          for name in status["unit_name"]],
        t("survey.page.col_rate", lang): [_rate(int(a), int(r), lang)
                                          for a, r in zip(status["answered"], status["recipients"])],
    })


def missing_table(missing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """campaigns.missing with headers in lang (its roles named)."""
    frame = missing.copy()
    if "role" in frame:
        frame["role"] = [code_label("role", r, lang) for r in frame["role"]]
    headers = {**_HEADER, "missing": "survey.page.col_missing"}
    return frame.rename(columns={c: t(headers[c], lang) for c in frame.columns if c in headers})
