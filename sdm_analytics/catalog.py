"""The charts that can be exported by id (CLI `export-chart`, briefings): each built from the engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from . import charts, evaluation, ipasn, quality, stats, tables
from .filters import Filters, Scope
from .formatting import fmt_number
from .i18n import dim_label, t
from .metrics import METRICS, compute_by
from .settings import load_settings
from .store import Store

__all__ = ["Chart", "CHARTS", "build"]


@dataclass(frozen=True)
class Chart:
    """One exportable chart: id, titles, and the function that draws it."""

    id: str
    title_id: str
    title_en: str
    draw: Callable[[Store, Filters, Scope, str], go.Figure]

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id


def _city_targets(store: Store, filters: Filters) -> dict[str, float]:
    active = filters.active()
    if not active:
        return tables.targets(store, filters.year)
    if set(active) == {"opd"} and len(filters.opd) == 1:
        return tables.targets(store, filters.year, filters.opd[0])
    return {}


def _trend(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frame = compute_by(store, f, "year", scope, ["jp20_rate", "reach_rate"])
    return charts.trend(frame, ("jp20_rate", "reach_rate"), lang, _city_targets(store, f))


def _ranking(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frame = compute_by(store, f, "opd", scope, ["jp20_rate"])
    weak = charts.weakest_count(int(frame["jp20_rate"].notna().sum()))
    key = "opd_rank_title" if weak else "opd_rank_title_plain"
    return charts.ranking(frame, "opd", "jp20_rate", tables.unit_names(store), lang, weakest=weak,
                          target=_city_targets(store, f).get("jp20_rate"), title=t(key, lang, year=f.year, k=weak))


def _extremes(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frame = compute_by(store, f, "opd", scope, ["jp20_rate"])
    frame = frame[frame["jp20_rate"].notna()].sort_values("jp20_rate")
    short = frame if len(frame) <= 12 else pd.concat([frame.head(8), frame.tail(4)])
    weak = min(8, charts.weakest_count(len(frame)))
    key = "opd_extremes_title" if len(frame) > 12 else "opd_rank_title_plain"
    return charts.ranking(short, "opd", "jp20_rate", tables.unit_names(store), lang, weakest=weak,
                          target=_city_targets(store, f).get("jp20_rate"), title=t(key, lang, year=f.year))


def _application(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frame = compute_by(store, f, "category", scope, ["application_score", "supervisor_application_score"])
    return charts.score_pairs(frame, "category", ("application_score", "supervisor_application_score"), lang,
                              t("eff_l3", lang, dim=dim_label("category", lang), year=f.year))


def _area_mode(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frames = {"all": compute_by(store, f, "area", scope, ["reach_rate"])}
    for mode in ("luring", "daring"):
        frames[mode] = compute_by(store, f.with_value("mode", [mode]), "area", scope, ["reach_rate"])
    return charts.grouped(frames, "area", "reach_rate", lang, title=t("area_mode_title", lang, year=f.year),
                          series_labels={"all": t("all", lang)})


def _distribution(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    dist = tables.jp_distribution(store, f, scope)
    n = int(dist["people"].sum())
    return charts.distribution(dist, lang, load_settings().jp_min,
                               title=t("dist_title", lang, year=f.year, n=fmt_number(n, lang, 0)))


def _equity(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frame = stats.with_ci(compute_by(store, f, "area", scope, ["reach_rate"]), "reach_rate",
                          min_n=load_settings().min_group)
    label = METRICS["reach_rate"].label(lang)
    return charts.bars_ci(frame, "area", "reach_rate", "rate", lang,
                          t("eq_chart", lang, metric=label, dim=t("col_area", lang), year=f.year), y_label=label)


def _needs(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    return charts.demand_supply(tables.needs_gap(store, f, scope), lang, t("needs_chart", lang, year=f.year))


def _never(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    frame = stats.with_ci(tables.never_trained_by(store, f, "age_band", scope), "share",
                          min_n=load_settings().min_group, n_col="headcount")
    title = t("change_never_chart", lang, prev=f.year - 1, year=f.year, dim=dim_label("age_band", lang))
    return charts.bars_ci(frame, "age_band", "share", "rate", lang, title, n_col="headcount")


def _reaction(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    aspects = evaluation.survey_summary(store, f, "reaction", scope)
    return charts.bars_ci(aspects, "dimension", "score", "score", lang, t("eff_l1", lang, year=f.year),
                          n_col="respondents", y_label=t("score_axis", lang))


def _ipasn(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    return charts.opd_by_type(ipasn.summary(store, f, by="opd", scope=scope), tables.unit_names(store), lang,
                              t("ip_by_opd", lang, year=f.year))


def _quality(store: Store, f: Filters, scope: Scope, lang: str) -> go.Figure:
    return charts.quality_bars(quality.checks(store, f, scope), lang, t("q_chart", lang, year=f.year))


CHARTS: dict[str, Chart] = {c.id: c for c in (
    Chart("trend", "Tren kepatuhan 20 JP dan jangkauan", "20 JP compliance and reach over the years", _trend),
    Chart("opd_ranking", "Kepatuhan 20 JP per OPD", "20 JP compliance by agency", _ranking),
    Chart("opd_extremes", "OPD terlemah dan terkuat (kepatuhan 20 JP)", "Weakest and strongest agencies (20 JP)",
          _extremes),
    Chart("application", "Penerapan menurut alumni dan atasan", "Application by alumni and supervisors", _application),
    Chart("area_mode", "Jangkauan per wilayah dan metode", "Reach by area and training mode", _area_mode),
    Chart("jp_distribution", "Sebaran JP per ASN", "Distribution of JP per ASN", _distribution),
    Chart("equity_area", "Jangkauan per wilayah dengan selang kepercayaan 95%", "Reach by area with 95% CI", _equity),
    Chart("needs_gap", "Permintaan vs penawaran per topik", "Demand vs supply by topic", _needs),
    Chart("never_trained", "Belum pernah dilatih menurut kelompok usia", "Never trained by age band", _never),
    Chart("reaction_aspects", "Reaksi peserta per aspek (L1)", "Participant reaction by aspect (L1)", _reaction),
    Chart("ipasn_opd", "Skor kompetensi IP ASN per OPD", "IP ASN competence score by agency", _ipasn),
    Chart("data_quality", "Kualitas data", "Data quality", _quality),
)}


def build(chart_id: str, store: Store, filters: Filters, scope: Scope | None = None, lang: str = "id") -> go.Figure:
    """The figure of one catalogued chart for the filters and scope."""
    if chart_id not in CHARTS:
        raise ValueError(f"unknown chart: {chart_id}")
    return CHARTS[chart_id].draw(store, filters, scope or Scope.everything(), lang)
