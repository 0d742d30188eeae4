"""Findings in words, computed from the engine (Bahasa Indonesia first, English second).

Each kind of finding is a small pure function of engine results that returns a
Finding or None (it does not fire); `findings()` runs them for a view and ranks
them by importance. The same findings feed the Temuan Utama panel and, later,
the briefing deck.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..formatting import fmt_idr_compact, fmt_number, fmt_value
from ..i18n import code_label, t

__all__ = ["Finding", "findings", "underserved_topics", "year_change", "weakest_strongest", "equity_gap",
           "low_application", "scrap_sentence", "targets_missed", "never_trained_share"]


@dataclass(frozen=True)
class Finding:
    """One statement about the view, with its figure, n and how much it matters (0–1)."""

    kind: str
    text: str
    importance: float
    value: float | None = None
    n: int | None = None
    chart: str | None = None  # the catalogue chart that shows it
    detail: str = ""  # one or two supporting sentences (the deck prints them under the finding)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return t("finding.list_last", lang, items=", ".join(items[:-1]), last=items[-1])


def _n(value: object, lang: str) -> str:
    return fmt_number(value, lang, 0)  # type: ignore[arg-type]


def underserved_topics(gap: pd.DataFrame, lang: str = "id", k: int = 3, min_gap: float = 0.02) -> str:
    """The k topics whose demand share most exceeds their supply share, in one sentence."""
    usable = gap[gap["gap"].notna() & (gap["gap"] >= min_gap)].sort_values("gap", ascending=False).head(k)
    if usable.empty:
        return t("finding.topics_suppressed" if gap["gap"].isna().all() else "finding.topics_none", lang)
    parts = []
    for i, row in enumerate(usable.itertuples()):
        parts.append(t("finding.topic_first" if i == 0 else "finding.topic_next", lang,
                       name=code_label("topic", row.topic, lang), demand=fmt_value(row.demand_share, "rate", lang),
                       supply=fmt_value(row.supply_share, "rate", lang)))
    return t("finding.topics", lang, topics=_join(parts, lang))


def year_change(current: float | None, previous: float | None, n: int, year: int, lang: str = "id",
                min_change: float = 0.02, jp: str = "20") -> Finding | None:
    """The yearly-minimum compliance moved by at least min_change since last year (jp: the minimum as a label)."""
    if current is None or previous is None or abs(current - previous) < min_change:
        return None
    text = t("finding.year_change_up" if current > previous else "finding.year_change_down", lang, jp=jp,
             before=fmt_value(previous, "rate", lang), now=fmt_value(current, "rate", lang), last_year=year - 1,
             year=year, n=_n(n, lang))
    return Finding("year_change", text, min(1.0, 0.5 + abs(current - previous) * 4), current - previous, n, "trend")


def weakest_strongest(judged: pd.DataFrame, names: dict[str, str], lang: str = "id", jp: str = "20",
                      total: int | None = None) -> Finding | None:
    """The weakest and strongest OPD in minimum-JP compliance, among the OPDs large enough to judge
    (judged: the same OPDs the deck's chart ranks); total: how many OPDs there are."""
    data = judged.sort_values("jp20_rate")
    if len(data) < 3:
        return None
    low, high = data.iloc[0], data.iloc[-1]

    def part(row: pd.Series) -> str:
        return f"{names.get(row['opd'], row['opd'])} ({fmt_value(row['jp20_rate'], 'rate', lang)}, n = {_n(row['n_jp20_rate'], lang)})"

    if total is None:
        key = "finding.weakest_strongest"
    elif total == len(data):
        key = "finding.weakest_strongest_of"
    else:
        key = "finding.weakest_strongest_among"
    text = t(key, lang, jp=jp, low=part(low), high=part(high), judged=len(data), total=total)
    spread = float(high["jp20_rate"] - low["jp20_rate"])
    return Finding("weakest_strongest", text, min(1.0, 0.4 + spread), float(low["jp20_rate"]),
                   int(low["n_jp20_rate"]), "opd_extremes")


def equity_gap(ratio: float | None, by_area: pd.DataFrame, lang: str = "id", threshold: float = 0.9) -> Finding | None:
    """The outskirts are reached clearly less than the centre (ratio below threshold)."""
    if ratio is None or ratio >= threshold:
        return None
    rows = {r["area"]: r for r in by_area.to_dict("records")}
    detail = "; ".join(f"{code_label('area', a, lang).lower()} {fmt_value(r['reach_rate'], 'rate', lang)} (n = {_n(r['n_reach_rate'], lang)})"
                       for a, r in rows.items() if r["reach_rate"] == r["reach_rate"] and r["reach_rate"] is not None)
    text = t("finding.equity_gap", lang, ratio=fmt_value(ratio, "ratio", lang), detail=detail)
    return Finding("equity_gap", text, min(1.0, 0.5 + (threshold - ratio) * 2), ratio, None, "area_mode")


def scrap_sentence(scrap: dict, lang: str = "id") -> str:
    """The scrap-learning estimate in words, always with its basis, never as a loss ('' without one)."""
    if scrap.get("estimate") is None:
        return ""
    return t("finding.scrap", lang, estimate=fmt_idr_compact(scrap["estimate"], lang),
             share=fmt_value(scrap["share"], "rate", lang), basis=fmt_idr_compact(scrap["cost_basis"], lang),
             n=_n(scrap["n"], lang))


def low_application(rate: float | None, n: int, target: float | None, lang: str = "id",
                    floor: float = 0.7) -> Finding | None:
    """Too few alumni apply what they learned (below the target, or below floor without one)."""
    bar = target if target is not None else floor
    if rate is None or rate >= bar:
        return None
    text = t("finding.low_application_target" if target is not None else "finding.low_application_benchmark", lang,
             rate=fmt_value(rate, "rate", lang), n=_n(n, lang), bar=fmt_value(bar, "rate", lang))
    return Finding("low_application", text, min(1.0, 0.45 + (bar - rate) * 2), rate, n, "application")


def targets_missed(progress: pd.DataFrame, labels: dict[str, str], lang: str = "id") -> Finding | None:
    """City targets of the year not reached."""
    city = progress[(progress["opd_code"] == "") & progress["met"].notna()]
    missed = city[~city["met"].astype(bool)]
    if missed.empty:
        return None
    names = _join([labels.get(i, i) for i in missed["indicator"]], lang)
    text = t("finding.targets_missed", lang, missed=len(missed), total=len(city), names=names)
    return Finding("targets_missed", text, min(1.0, 0.4 + 0.6 * len(missed) / len(city)), float(len(missed)),
                   len(city), None)


def never_trained_share(never_n: int, headcount: int, year: int, lang: str = "id",
                        threshold: float = 0.1) -> Finding | None:
    """A large share of ASN completed no training in Y and Y-1."""
    if not headcount or never_n / headcount < threshold:
        return None
    share = never_n / headcount
    text = t("finding.never_trained", lang, n=_n(never_n, lang), share=fmt_value(share, "rate", lang),
             headcount=_n(headcount, lang), first=year - 1, year=year)
    return Finding("never_trained", text, min(1.0, 0.3 + share * 2), share, headcount, "never_trained")


def judged(by_opd: pd.DataFrame, min_group: int, metric_id: str = "jp20_rate") -> pd.DataFrame:
    """The groups of a breakdown large enough to judge (n ≥ min_group, a value), lowest first: the OPDs a
    finding, the deck's chart and its ranking name."""
    frame = by_opd[by_opd[metric_id].notna() & (by_opd[f"n_{metric_id}"] >= min_group)]
    return frame.sort_values(metric_id)


def findings(store, filters, scope=None, lang: str = "id", settings=None, now=None) -> list[Finding]:
    """Every finding that fires for the view, most important first. `now`: the view's metrics (every one),
    when the caller already has them (the dashboard's cache)."""
    from ..filters import Scope
    from ..settings import load_settings
    from . import needs, tables, targets, units
    from .metrics import METRICS, compute, compute_by

    scope = scope or Scope.everything()
    settings = settings or load_settings()
    year = filters.year
    if year not in store.years():  # no training data for the year: nothing true to say
        return []
    now = now if now is not None else compute(store, filters, scope, settings=settings)
    if not now.values["headcount"]:
        return []
    before = compute(store, filters.with_year(year - 1), scope, ["jp20_rate"], settings=settings)
    unit = targets.target_unit(filters, scope)
    goals = {} if unit is None else targets.targets(store, year, unit)
    jp = settings.jp_min_short(lang)
    by_opd = compute_by(store, filters, "opd", scope, ["jp20_rate"], settings=settings)
    judged_ = judged(by_opd, settings.min_group)
    out = [
        year_change(now["jp20_rate"], before["jp20_rate"], now.n["jp20_rate"], year, lang, jp=jp),
        weakest_strongest(judged_, units.unit_names(store), lang, jp, len(by_opd)),
        equity_gap(now["reach_ratio_nonurban"], compute_by(store, filters, "area", scope, ["reach_rate"], settings=settings),
                   lang),
        low_application(now["application_rate"], now.n["application_rate"], goals.get("application_rate"), lang),
    ]
    gap = needs.needs_gap(store, filters, scope, settings)
    usable = gap[gap["gap"].notna() & (gap["gap"] >= 0.05)]
    if not usable.empty:
        out.append(Finding("underserved_topics", underserved_topics(gap, lang), min(1.0, 0.4 + float(usable["gap"].max()) * 2),
                           float(usable["gap"].max()), None, "needs_gap"))
    if not filters.active():
        labels = {m: METRICS[m].label(lang, settings) for m in METRICS}
        out.append(targets_missed(targets.target_progress(store, year, scope, settings, city=now), labels, lang))
    never = tables.never_trained_by(store, filters, None, scope)
    if len(never):
        out.append(never_trained_share(int(never["never_n"].iloc[0]), int(never["headcount"].iloc[0]), year, lang))
    found = [f for f in out if f is not None]
    details = _details(store, filters, scope, lang, now, goals, gap, settings, judged_)
    found = [replace(f, detail=details.get(f.kind, "")) for f in found]
    return sorted(found, key=lambda f: -f.importance)


def _details(store, filters, scope, lang: str, now, targets: dict, gap: pd.DataFrame, settings,
             judged: pd.DataFrame) -> dict[str, str]:
    """The supporting sentence of each kind of finding, from the figures around it."""
    from . import tables
    from .metrics import compute_by, plain_value

    out: dict[str, str] = {}
    jp20, goal = now["jp20_rate"], targets.get("jp20_rate")
    if jp20 is not None and goal is not None:
        short = max(0.0, goal - jp20) * 100
        out["year_change"] = t("finding.target_short" if short else "finding.target_reached", lang,
                               goal=fmt_value(goal, "rate", lang), points=fmt_number(short, lang, 1))
    # each mode as its own filter: one grouped query (a mode without programmes has no ratio)
    by_mode = compute_by(store, filters.with_value("mode", ["luring", "daring"]), "mode", scope,
                         ["reach_ratio_nonurban"], settings=settings).set_index("mode")["reach_ratio_nonurban"]
    ratios = {m: plain_value(by_mode.get(m)) for m in ("luring", "daring")}
    if ratios["luring"] is not None and ratios["daring"] is not None:
        narrows = ratios["daring"] > ratios["luring"]
        out["equity_gap"] = t("finding.online_narrows" if narrows else "finding.online_not_narrows", lang,
                              daring=fmt_value(ratios["daring"], "ratio", lang),
                              luring=fmt_value(ratios["luring"], "ratio", lang))
    over = gap[gap["gap"].notna()].sort_values("gap").head(1)
    if len(over) and float(over["gap"].iloc[0]) < -0.05:
        row = over.iloc[0]
        out["underserved_topics"] = t("finding.topic_oversupplied", lang, topic=code_label("topic", row["topic"], lang),
                                      supply=fmt_value(row["supply_share"], "rate", lang),
                                      demand=fmt_value(row["demand_share"], "rate", lang))
    from .metrics import scrap_estimate

    if len(judged) >= 3:
        spread = (judged["jp20_rate"].max() - judged["jp20_rate"].min()) * 100
        below = int((judged["jp20_rate"] < goal).sum()) if goal is not None else None
        out["weakest_strongest"] = t("finding.opd_spread" if below is None else "finding.opd_spread_below", lang,
                                     points=fmt_number(spread, lang, 1), min=settings.min_group, below=below,
                                     judged=len(judged), goal=fmt_value(goal, "rate", lang))
    self_, sup = now["application_score"], now["supervisor_application_score"]
    lines = []
    if self_ is not None and sup is not None:
        lines.append(t("finding.supervisor_rating", lang, supervisor=fmt_value(sup, "score", lang),
                       alumni=fmt_value(self_, "score", lang)))
    lines.append(scrap_sentence(scrap_estimate(store, filters, scope, settings), lang))
    out["low_application"] = " ".join(line for line in lines if line)
    bands = tables.never_trained_by(store, filters, "age_band", scope)
    bands = bands[bands["headcount"] >= settings.min_group]
    if len(bands):
        top = bands.sort_values("share", ascending=False).iloc[0]
        out["never_trained"] = t("finding.never_trained_age", lang, band=code_label("age_band", top["age_band"], lang),
                                 share=fmt_value(top["share"], "rate", lang), n=_n(top["headcount"], lang))
    return out
