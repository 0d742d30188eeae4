"""Every chart of the product, by id: the dashboard pages, the CLI `export-chart` and the deck draw from here.

A chart is drawn from a `source.Source` (the engine, or in the dashboard its caches). It may take options
(the breakdown dimension, the metric), each with fixed choices, the first the default; `drill` names the
dimension a click on it filters by (or the option that holds it).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from ..engine import insights, ipasn, stats, tables
from ..engine.metrics import METRICS
from ..filters import EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from ..formatting import fmt_number
from ..i18n import LANGS, code_label, dim_label, t
from ..settings import Settings, method_notes
from ..store import Store
from . import charts
from .source import Source

__all__ = ["Chart", "CHARTS", "Source", "build", "render", "command", "equity_frame", "item_labels"]

# The choices of the charts that take options (first = default).
BREAKDOWN_DIMS = EMPLOYEE_DIMS + tuple(d for d in PROGRAM_DIMS if d != "program")  # a programme is a drill target
BREAKDOWN_METRICS = ("jp20_rate", "reach_rate", "jp_per_asn")
EQUITY_DIMS = ("area", "kecamatan", "gender", "employment_type", "rank_group", "position_type", "education",
               "age_band")
EQUITY_METRICS = ("reach_rate", "jp20_rate")
SEGMENTS = ("age_band", "rank_group", "position_type", "area", "employment_type", "gender", "opd")
COMPARE_DIMS = ("category", "mode", "organizer")


@dataclass(frozen=True)
class Chart:
    """One chart: id, titles for the list, its options and the function that draws it (None: nothing to show)."""

    id: str  # its title is the catalogue's "chart.<id>"
    draw: Callable[[Source, Mapping[str, str]], go.Figure | None]
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    drill: str | None = None  # a dimension, or the name of the option that holds it
    needs: tuple[str, ...] = ()  # filters without which the chart means nothing (e.g. one programme)

    def title(self, lang: str = "id") -> str:
        return t(f"chart.{self.id}", lang)

    def resolve(self, options: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """The options with defaults filled in; a value outside its choices raises ValueError."""
        given = {k: v for k, v in (options or {}).items() if v is not None}
        unknown = set(given) - set(self.options)
        if unknown:
            raise ValueError(f"{self.id}: unknown option(s) {', '.join(sorted(unknown))}")
        out = {}
        for name, choices in self.options.items():
            value = given.get(name, choices[0])
            if value not in choices:
                raise ValueError(f"{self.id}: --{name} {value} is not one of {', '.join(choices)}")
            out[name] = value
        return out

    def drill_dim(self, options: Mapping[str, str]) -> str | None:
        return options.get(self.drill, self.drill) if self.drill else None


# -- helpers shared with the pages ---------------------------------------------
def equity_frame(src: Source, by: str, metric_id: str) -> pd.DataFrame:
    """A rate by group with its 95% interval and small-group flag; groups without anyone dropped."""
    frame = src.metrics_by(by, (metric_id, "jp_per_asn"))
    frame = frame[(frame[f"n_{metric_id}"] > 0) | frame[f"suppressed_{metric_id}"]]  # hidden groups say "n < K"
    return stats.with_ci(frame, metric_id, min_n=src.settings.min_group)


def item_labels(frame: pd.DataFrame, lang: str = "id") -> list[str]:
    """Short labels of survey items: the aspect and the item's number within it (e.g. 'Materi 2')."""
    pairs = {}
    for code, dim in zip(frame["item_code"], frame["dimension"]):
        suffix = code.rsplit("_", 1)[-1]
        pairs[code] = f"{code_label('dimension', dim, lang)} {suffix}" if suffix.isdigit() else code
    taken = list(pairs.values())
    # two items may share aspect and number (a revised questionnaire): then the item code tells them apart
    unique = {code: (label if taken.count(label) == 1 else f"{label} ({code})") for code, label in pairs.items()}
    return [unique[code] for code in frame["item_code"]]


def _tr(src: Source, key: str, **values: object) -> str:
    return t(key, src.lang, year=src.filters.year, **values)


def _hidden(src: Source) -> str:
    """How a suppressed survey group reads: 'n < 5', with the configured minimum."""
    return f"n < {src.settings.min_respondents}"


def _label(src: Source, metric_id: str) -> str:
    return METRICS[metric_id].label(src.lang, src.settings)


# -- overview ------------------------------------------------------------------
def _trend(src: Source, o: Mapping[str, str]) -> go.Figure:
    ids = ("jp20_rate", "reach_rate")
    refs = src.references()
    return charts.trend(src.metrics_by("year", ids), ids, src.lang, {k: v for k, (v, _) in refs.items()},
                        method_notes("jp20_rate", src.lang), settings=src.settings,
                        target_keys={k: key for k, (_, key) in refs.items()})


def _area_mode(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    frames = {"all": src.metrics_by("area", ("reach_rate",))}
    for mode in ("luring", "daring"):
        frame = src.metrics_by("area", ("reach_rate",), src.filters.with_value("mode", [mode]))
        if not frame.empty:
            frames[mode] = frame
    if frames["all"]["reach_rate"].isna().all():
        return None
    return charts.grouped(frames, "area", "reach_rate", src.lang, title=_tr(src, "area_mode_title"),
                          series_labels={"all": t("all", src.lang)}, settings=src.settings)


def _ranking(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    """Every OPD (or, drilled into one OPD, its unit kerja); `show=ends`: the three weakest and three strongest
    of those large enough to judge (leadership's overview), the rest a click away — every group when no more
    than eight are large enough."""
    by = o["by"]  # OPDs, or (a drill-down into one OPD) its unit kerja
    frame = src.metrics_by(by, ("jp20_rate",))
    if frame["jp20_rate"].isna().all():
        return None
    target, target_key = src.references().get("jp20_rate", (None, "target"))
    judged = insights.judged(frame, src.settings.min_group) if o["show"] == "ends" else frame.iloc[0:0]
    if len(judged) > 8:  # a few groups large enough to judge: every group, as below (no gap of one or two)
        title = _tr(src, "ends_title_opd" if by == "opd" else "ends_title_unit", jp=_jp(src))
        return charts.ranking(judged, by, "jp20_rate", src.unit_names(), src.lang, weakest=3,
                              target=target, title=title, settings=src.settings, target_key=target_key,
                              keep=None if src.max_bars is None else (3, 3), wrap=36, gap_key="ends_gap",
                              all=fmt_number(len(judged), src.lang, 0), min=src.settings.min_group)
    weak = charts.weakest_count(int(frame["jp20_rate"].notna().sum()))
    key = "opd_rank_title" if by == "opd" else "unit_rank_title_weak"
    key = key if weak else {"opd": "opd_rank_title_plain"}.get(by, "unit_rank_title")
    return charts.ranking(frame, by, "jp20_rate", src.unit_names(), src.lang, weakest=weak, target=target,
                          title=_tr(src, key, k=weak, jp=_jp(src)), settings=src.settings, keep=src.max_bars,
                          target_key=target_key)


def judged_opds(src: Source) -> pd.DataFrame:
    """The OPDs large enough to judge, lowest 20 JP compliance first (insights.judged), from the view's cache."""
    return insights.judged(src.metrics_by("opd", ("jp20_rate",)), src.settings.min_group)


def _jp(src: Source) -> str:
    return src.settings.jp_min_short(src.lang)


def _extremes(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    frame = judged_opds(src)
    if frame.empty:
        return None
    low, high = 5, 3  # a slide holds nine rows of two-line names at 14 pt
    short = len(frame) > low + high + 1
    weak = low if short else charts.weakest_count(len(frame))
    key = "opd_extremes_title" if short else ("opd_rank_title" if weak else "opd_rank_title_plain")
    target, target_key = src.references().get("jp20_rate", (None, "target"))
    return charts.ranking(frame, "opd", "jp20_rate", src.unit_names(), src.lang, weakest=weak, target=target,
                          title=_tr(src, key, k=weak, top=high, jp=_jp(src), n=len(frame), min=src.settings.min_group),
                          settings=src.settings, keep=(low, high), target_key=target_key, wrap=36)


# -- participation and equity ---------------------------------------------------
def _distribution(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    dist = src.table("jp_distribution")
    if dist["people"].isna().any() or not int(dist["people"].sum()):  # nobody, or too few to show (leadership)
        return None
    n = int(dist["people"].sum())
    return charts.distribution(dist, src.lang, min(src.settings.jp_min, src.settings.jp_min_pppk),
                               title=_tr(src, "dist_title", n=fmt_number(n, src.lang, 0)))


def _breakdown(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by, metric_id = o["by"], o["metric"]
    frame = src.metrics_by(by, (metric_id,))
    if frame[metric_id].isna().all():
        return None
    title = _tr(src, "by_title", metric=_label(src, metric_id), dim=dim_label(by, src.lang, inline=True))
    if by in ("opd", "unit"):
        weak = charts.weakest_count(int(frame[metric_id].notna().sum()))
        if weak:
            title = _tr(src, "by_title_weak", metric=_label(src, metric_id), dim=dim_label(by, src.lang, inline=True),
                        k=weak)
        return charts.ranking(frame, by, metric_id, src.unit_names(), src.lang, title=title, weakest=weak,
                              settings=src.settings, keep=src.max_bars)
    return charts.by_dimension(frame, by, metric_id, src.lang, title=title, settings=src.settings)


def _equity(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by, metric_id = o["by"], o["metric"]
    frame = equity_frame(src, by, metric_id)
    if frame.empty or frame[metric_id].isna().all():
        return None
    label = _label(src, metric_id)
    return charts.bars_ci(frame, by, metric_id, "rate", src.lang, _tr(src, "eq_chart", metric=label,
                                                                       dim=dim_label(by, src.lang, inline=True)),
                          names=src.unit_names(), y_label=label)


# -- effectiveness (Kirkpatrick) ------------------------------------------------------
def _reaction(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    aspects = src.table("survey_summary", kind="reaction")
    if aspects.empty:
        return None
    return charts.bars_ci(aspects, "dimension", "score", "score", src.lang, _tr(src, "eff_l1"),
                          n_col="respondents", y_label=t("score_axis", src.lang), hidden_label=_hidden(src))


def _gain_bands(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    bands = src.table("gain_bands")
    if bands["share"].isna().all():
        return None
    return charts.bars_ci(bands.rename(columns={"share": "gain_share"}), "band", "gain_share", "rate", src.lang,
                          _tr(src, "eff_l2"), n_col="n")


def _reaction_heatmap(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    heat = src.table("survey_summary", kind="reaction", level="item", by="opd")
    if heat.empty:
        return None
    labelled = heat.assign(item=item_labels(heat, src.lang))
    matrix = tables.pivot_shares(labelled, "opd", column="item", value="score")
    counts = tables.pivot_shares(labelled, "opd", column="item", value="respondents")
    return charts.heatmap(matrix, src.lang, _tr(src, "eff_l1_heat", k=src.settings.min_respondents), unit="score",
                          row_names=src.unit_names(), n_matrix=counts, hidden_label=_hidden(src))


def _application(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by, ids = o["by"], ("application_score", "supervisor_application_score")
    frame = src.metrics_by(by, ids)
    if frame[list(ids)].isna().all().all():
        return None
    return charts.score_pairs(frame, by, ids, src.lang, _tr(src, "eff_l3", dim=dim_label(by, src.lang, inline=True)),
                              hidden_label=_hidden(src), settings=src.settings)


def _drivers(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    drivers = src.table("drivers")
    if drivers.empty:
        return None
    return charts.grouped_long(drivers, "dimension", "role", "score", "score", src.lang, _tr(src, "eff_drivers"),
                               n_col="respondents", y_label=t("score_axis", src.lang), hidden_label=_hidden(src))


def _level4(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    l4 = src.table("level4_by_training")
    if l4.empty:
        return None
    return charts.grouped_long(l4, "rating", "group", "share", "rate", src.lang,
                               _tr(src, "eff_l4", jp=src.settings.jp_min_text(src.lang)), n_col="n",
                               y_label=t("rating_share", src.lang), hidden_label=_hidden(src))


# -- needs -------------------------------------------------------------------------------
def _needs(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    gap = src.table("needs_gap")
    return None if gap.empty else charts.demand_supply(gap, src.lang, _tr(src, "needs_chart"))


def _needs_mode(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    modes = src.table("choices", dimension="mode", by="area")
    return None if modes.empty else charts.stacked_shares(modes, "area", "mode", src.lang,
                                                          _tr(src, "needs_mode_chart"))


def _needs_heatmap(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by_opd = src.table("choices", dimension="topic", by="opd")
    if by_opd.empty:
        return None
    return charts.heatmap(tables.pivot_shares(by_opd, "opd"), src.lang, _tr(src, "needs_heat"),
                          row_names=src.unit_names(), col_dim="topic",
                          n_matrix=tables.pivot_shares(by_opd, "opd", value="n"), hidden_label=_hidden(src))


# -- change ------------------------------------------------------------------------------
def _never(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by = o["by"]
    frame = stats.with_ci(src.table("never_trained_by", by=by), "share", min_n=src.settings.min_group,
                          n_col="headcount")
    if frame.empty or frame["share"].isna().all():
        return None
    title = t("change_never_chart", src.lang, prev=src.filters.year - 1, year=src.filters.year,
              dim=dim_label(by, src.lang, inline=True))
    return charts.bars_ci(frame, by, "share", "rate", src.lang, title, names=src.unit_names(), n_col="headcount")


def _dropout(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by = o["by"]
    frame = stats.with_ci(src.metrics_by(by, ("dropout_rate",)), "dropout_rate", min_n=src.settings.min_group)
    if frame["dropout_rate"].isna().all():
        return None
    return charts.bars_ci(frame, by, "dropout_rate", "rate", src.lang,
                          _tr(src, "change_dropout_chart", dim=dim_label(by, src.lang, inline=True)), names=src.unit_names())


def _readiness(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by = o["by"]
    frame = src.metrics_by(by, ("readiness_score",))
    if frame["readiness_score"].isna().all():
        return None
    return charts.bars_ci(frame, by, "readiness_score", "score", src.lang,
                          _tr(src, "change_ready_chart", dim=dim_label(by, src.lang, inline=True)), names=src.unit_names(),
                          hidden_label=_hidden(src))


def _readiness_participation(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    part = src.table("readiness_by_participation")
    if part.empty:
        return None
    return charts.bars_ci(part, "group", "readiness_score", "score", src.lang, _tr(src, "change_ready_part"),
                          n_col="respondents", hidden_label=_hidden(src))


# -- one programme ---------------------------------------------------------------------
def _program_tests(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    return charts.pre_post(src.table("participants"), src.lang)


def _program_application(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    applied = src.table("survey_summary", kind="application", roles=("self", "supervisor"), by_role=True)
    if applied.empty:
        return None
    return charts.grouped_long(applied, "dimension", "role", "score", "score", src.lang,
                               _tr(src, "prog_application"), n_col="respondents", y_label=t("score_axis", src.lang),
                               hidden_label=_hidden(src))


# -- targets and IP ASN ---------------------------------------------------------------
def _targets(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    progress = src.target_progress()
    city = progress[progress["opd_code"] == ""] if not progress.empty else progress
    if city.empty:
        return None
    return charts.attainment(city, src.lang, _tr(src, "tg_chart"), t("tg_attain_axis", src.lang), settings=src.settings)


def _ipasn_components(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    overall = src.table("ipasn_summary")
    return None if overall.empty else charts.coverage(overall, src.lang, _tr(src, "ip_components"))


def _ipasn_trend(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    trend = src.table("ipasn_trend")
    if trend.empty:
        return None
    return charts.lines(trend, "year", "employment_type", "score", src.lang, t("ip_trend", src.lang),
                        t("ip_points_axis", src.lang), method_notes("ipasn", src.lang), y_max=ipasn.RULES["max"])


def _ipasn_opd(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    by_opd = src.table("ipasn_summary", by="opd")
    return None if by_opd.empty else charts.opd_by_type(by_opd, src.unit_names(), src.lang, _tr(src, "ip_by_opd"),
                                                         keep=src.max_bars)


def _quality(src: Source, o: Mapping[str, str]) -> go.Figure | None:
    checks = src.table("quality_checks")
    if checks.empty or not checks["total"].any():
        return None
    return charts.quality_bars(checks, src.lang, _tr(src, "q_chart"))


CHARTS: dict[str, Chart] = {c.id: c for c in (
    Chart("trend", _trend, drill="year"),
    Chart("area_mode", _area_mode, drill="area"),
    Chart("opd_ranking", _ranking, {"by": ("opd", "unit"), "show": ("all", "ends")}, drill="by"),
    Chart("opd_extremes", _extremes, drill="opd"),
    Chart("jp_distribution", _distribution),
    Chart("breakdown", _breakdown, {"by": BREAKDOWN_DIMS, "metric": BREAKDOWN_METRICS}, drill="by"),
    Chart("equity", _equity, {"by": EQUITY_DIMS, "metric": EQUITY_METRICS}, drill="by"),
    Chart("reaction_aspects", _reaction),
    Chart("gain_bands", _gain_bands),
    Chart("reaction_heatmap", _reaction_heatmap),
    Chart("application", _application, {"by": COMPARE_DIMS}, drill="by"),
    Chart("application_drivers", _drivers),
    Chart("level4", _level4),
    Chart("needs_gap", _needs),
    Chart("needs_mode", _needs_mode),
    Chart("needs_heatmap", _needs_heatmap),
    Chart("never_trained", _never, {"by": SEGMENTS}, drill="by"),
    Chart("dropout", _dropout, {"by": SEGMENTS}, drill="by"),
    Chart("readiness", _readiness, {"by": SEGMENTS}, drill="by"),
    Chart("readiness_participation", _readiness_participation),
    Chart("program_tests", _program_tests, needs=("program",)),
    Chart("program_application", _program_application),
    Chart("targets", _targets),
    Chart("ipasn_components", _ipasn_components),
    Chart("ipasn_trend", _ipasn_trend, drill="year"),
    Chart("ipasn_opd", _ipasn_opd, drill="opd"),
    Chart("data_quality", _quality),
)}


def chart_of(chart_id: str) -> Chart:
    """The catalogued chart; ValueError for an unknown id."""
    if chart_id not in CHARTS:
        raise ValueError(f"unknown chart: {chart_id}")
    return CHARTS[chart_id]


def render(chart_id: str, src: Source, options: Mapping[str, str | None] | None = None) -> go.Figure | None:
    """The figure of a chart for a source's view (None when there is nothing to draw)."""
    chart = chart_of(chart_id)
    missing = [d for d in chart.needs if len(getattr(src.filters, d)) != 1]
    if missing:
        raise ValueError(f"{chart_id}: needs exactly one {', '.join(missing)} filter")
    return chart.draw(src, chart.resolve(options))


def build(chart_id: str, store: Store, filters: Filters, scope: Scope | None = None, lang: str = "id",
          settings: Settings | None = None, **options: str | None) -> go.Figure | None:
    """The figure of one chart for the filters and scope, from the engine (CLI, deck, notebooks)."""
    return render(chart_id, Source(store, filters, scope, lang, settings), options)


def command(chart_id: str, filters: Filters, options: Mapping[str, str | None] | None = None, lang: str = "id",
            fmt: str = "png", all_bars: bool = False) -> str:
    """The CLI command that exports this chart for this view: the view stays reproducible outside the app
    (all_bars: a long ranking with every group, as the page's toggle shows it)."""
    chart = chart_of(chart_id)
    parts = ["python", "-m", "sdm_analytics", "export-chart", chart_id, "--year", str(filters.year)]
    for dim, values in filters.active().items():
        for value in values:
            parts += ["--" + dim.replace("_", "-"), value]
    for name, value in chart.resolve(options).items():
        if value != chart.options[name][0]:
            parts += [f"--{name}", value]
    if lang != LANGS[0]:  # the CLI's default language goes without saying
        parts += ["--lang", lang]
    if all_bars:
        parts += ["--all-bars"]
    parts += ["--format", fmt, "--out", f"{chart_id}_{filters.year}.{fmt}"]
    return shlex.join(parts)
