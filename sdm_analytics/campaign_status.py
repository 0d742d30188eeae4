"""The reading side of survey campaigns (campaigns.py writes them): the response rate per campaign and per
unit, and who has not answered yet, for a reminder. An anonymous campaign shows counts only, small units pooled
so one answer cannot name its recipient. Also the error both sides raise, its message a catalogue key (id/en).
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from .i18n import t
from .settings import load_settings
from .store import Store

__all__ = ["CampaignError", "status", "missing", "unanswered", "campaign_state"]


class CampaignError(Exception):
    """A campaign or an answer that cannot be written; its message is a catalogue key (id/en)."""

    def __init__(self, key: str, problems: Iterable[tuple[str, str, str]] = (), **values: object) -> None:
        self.key, self.values, self.problems = key, values, list(problems)
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """One line in lang; for refused answers, each refused item with its reason."""
        if not self.problems:
            return t(self.key, lang, **self.values)
        lines = "; ".join(f"{item}: {t(reason, lang, detail=detail)}" for item, reason, detail in self.problems)
        return t(self.key, lang, problems=lines)


def campaign_state(store: Store, campaign_id: str) -> tuple:
    """(anonymous, closed_at) of a campaign; CampaignError when there is none of that id."""
    row = store.rows("SELECT anonymous, closed_at FROM campaigns WHERE campaign_id = $c", {"c": campaign_id})
    if not row:
        raise CampaignError("survey.unknown_campaign", campaign=campaign_id)
    return row[0]


def status(store: Store, campaign_id: str | None = None, min_group: int | None = None) -> pd.DataFrame:
    """Per campaign and per unit: recipients, answered, response rate (0..1; None without recipients). In an
    anonymous campaign units of fewer than min_group recipients (SDM_MIN_RESPONDENTS: one answer would name
    its one recipient) are pooled in a row without a unit; when the pool is that small too, the campaign is one
    row. Columns: campaign_id, survey_kind, program_code, year, anonymous, closed, unit_code, unit_name,
    recipients, answered, rate."""
    k = load_settings().min_respondents if min_group is None else min_group
    return store.df(
        """
        WITH per_unit AS (
            SELECT c.campaign_id, c.survey_kind, c.program_code, c.year, c.anonymous, c.closed_at, l.unit_code,
                   count(l.link_id) AS recipients, count(l.answered_at) AS answered
            FROM campaigns AS c LEFT JOIN campaign_links AS l ON l.campaign_id = c.campaign_id
            WHERE $campaign IS NULL OR c.campaign_id = $campaign GROUP BY ALL), pooled AS (
            SELECT * REPLACE (CASE WHEN anonymous AND (recipients < $k OR sum(recipients) FILTER (WHERE recipients < $k)
                                   OVER (PARTITION BY campaign_id) < $k) THEN NULL ELSE unit_code END AS unit_code)
            FROM per_unit)
        SELECT campaign_id, survey_kind, program_code, year, anonymous, closed_at IS NOT NULL AS closed, p.unit_code,
               any_value(u.opd_name) AS unit_name, sum(recipients)::BIGINT AS recipients,
               sum(answered)::BIGINT AS answered,
               CASE WHEN sum(recipients) > 0 THEN sum(answered) / sum(recipients) END AS rate
        FROM pooled AS p LEFT JOIN units AS u ON u.opd_code = p.unit_code
        GROUP BY ALL ORDER BY campaign_id, p.unit_code NULLS LAST
        """,
        {"campaign": campaign_id, "k": int(k)},
    )


def unanswered(store: Store, campaign_id: str) -> pd.DataFrame:
    """The links not answered yet, with their recipients' and subjects' names (none in an anonymous one)."""
    return store.df(
        """
        SELECT l.link_id, e.name, l.recipient_nip AS nip, l.unit_code, l.respondent_role AS role, l.about_nip,
               a.name AS about_name
        FROM campaign_links AS l
        LEFT JOIN employees AS e ON e.nip = l.recipient_nip
        LEFT JOIN employees AS a ON a.nip = l.about_nip
        WHERE l.campaign_id = $c AND l.answered_at IS NULL ORDER BY l.link_id
        """,
        {"c": campaign_id},
    )


def missing(store: Store, campaign_id: str) -> pd.DataFrame:
    """Who has not answered, for a reminder: per link (nip, name, unit_code, role, about_nip, about_name) in an
    identified campaign; in an anonymous one only the count per unit, small units pooled as in status
    (unit_code, missing)."""
    anonymous, _ = campaign_state(store, campaign_id)
    if anonymous:
        rows = status(store, campaign_id)
        return rows.assign(missing=rows["recipients"] - rows["answered"])[["unit_code", "missing"]]
    return unanswered(store, campaign_id).drop(columns="link_id")
