"""The briefing deck of a view: title, one slide per key finding with its chart, targets,
recommendations, and method & data quality — PPTX (python-pptx), PDF through LibreOffice.

16:9, large type for the back of the room, the dashboard's palette, and on every slide a
footer with the filters, period, n and as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from ..engine import needs, quality, tables, targets, units
from ..engine.insights import Finding, findings
from ..engine.metrics import METRICS, compute
from ..filters import Filters, Scope
from ..formatting import fmt_date, fmt_number, fmt_value
from ..i18n import TEXT, code_label, t
from ..settings import Settings, load_settings
from ..store import Store
from . import catalog, export
from .source import Source

__all__ = ["build_deck", "to_pdf", "recommendations"]

NAVY, GREY, WHITE = RGBColor(0x1F, 0x4E, 0x79), RGBColor(0x56, 0x65, 0x73), RGBColor(0xFF, 0xFF, 0xFF)
W, H = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: exactly 16:9


def _box(slide, left, top, width, height, text: str, size: int = 20, bold: bool = False,
         color: RGBColor = NAVY, lines: list[str] | None = None):
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines or [text]):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.space_after = Pt(10)
        for run in para.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color
    return shape


def _slide(prs: Presentation, title: str, footer: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    bar = slide.shapes.add_shape(1, 0, 0, W, Inches(1.0))
    bar.fill.solid()
    bar.fill.fore_color.rgb = NAVY
    bar.line.fill.background()
    _box(slide, Inches(0.5), Inches(0.15), W - Inches(1.0), Inches(0.8), title, 30, True, WHITE)
    _box(slide, Inches(0.5), H - Inches(0.55), W - Inches(1.0), Inches(0.45), footer, 11, False, GREY)
    return slide


def recommendations(store: Store, filters: Filters, scope: Scope, found: list[Finding], lang: str = "id",
                    settings: Settings | None = None) -> list[str]:
    """Recommendations derived from the view: topics to add, OPDs to prioritise, online growth, whom to reach."""
    settings = settings or load_settings()
    recs = []
    gap = needs.needs_gap(store, filters, scope, settings)
    top = gap[gap["gap"].notna() & (gap["gap"] >= 0.03)].head(3)
    if len(top):
        topics = ", ".join(code_label("topic", topic, lang) for topic in top["topic"])
        recs.append(t("deck.rec_topics", lang, topics=topics))
    judged = catalog.judged_opds(Source(store, filters, scope, lang, settings))
    weak = judged.head(3)
    if len(judged) >= 4:
        names = units.unit_names(store)
        recs.append(t("deck.rec_opds", lang, jp=settings.jp_min_short(lang), opds=", ".join(
            f"{names.get(o, o)} ({fmt_value(v, 'rate', lang)})" for o, v in zip(weak["opd"], weak["jp20_rate"]))))
    ratios = {m: compute(store, filters.with_value("mode", [m]), scope, ["reach_ratio_nonurban"], settings).values[
        "reach_ratio_nonurban"] for m in ("luring", "daring")}
    if ratios["daring"] is not None and ratios["luring"] is not None and ratios["daring"] > ratios["luring"]:
        recs.append(t("deck.rec_online", lang, daring=fmt_value(ratios["daring"], "ratio", lang),
                      luring=fmt_value(ratios["luring"], "ratio", lang)))
    never = tables.never_trained_by(store, filters, "age_band", scope)
    never = never[never["headcount"] >= settings.min_group]
    if len(never):
        worst = never.sort_values("share", ascending=False).iloc[0]
        recs.append(t("deck.rec_reach", lang, band=code_label("age_band", worst["age_band"], lang),
                      share=fmt_value(worst["share"], "rate", lang)))
    if any(f.kind == "low_application" for f in found):
        rate = compute(store, filters, scope, ["application_rate"], settings).values["application_rate"]
        recs.append(t("deck.rec_apply", lang, rate=fmt_value(rate, "rate", lang)))
    return recs


def build_deck(store: Store, filters: Filters, scope: Scope | None = None, lang: str = "id",
               max_findings: int = 5, settings: Settings | None = None, source: Source | None = None,
               found: list | None = None) -> bytes:
    """The PPTX bytes of the briefing deck for the view. The dashboard passes its cached `source` and the
    findings it already shows, so the deck recomputes nothing the page has."""
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    filters_text = export.filters_text(store, filters, lang, scope)
    desc = export.describe_view(store, filters, scope, lang, settings)
    items = list(desc.items())
    footer = " · ".join(f"{k}: {v}" for k, v in items[:4])
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H

    # 1. title
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, Inches(2.2), W, Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = NAVY
    band.line.fill.background()
    _box(slide, Inches(0.8), Inches(2.4), W - Inches(1.6), Inches(1.4), t("deck.title", lang), 40, True, WHITE)
    _box(slide, Inches(0.8), Inches(3.7), W - Inches(1.6), Inches(0.9),
         f"{t('deck.city', lang)} · {t('deck.period', lang, year=filters.year)}", 24, False, WHITE)
    _box(slide, Inches(0.8), Inches(5.2), W - Inches(1.6), Inches(1.4), "", 18, False, GREY, lines=[
        filters_text or t("export.none", lang),
        t("deck.prepared", lang, date=fmt_date(dt.date.today(), lang), as_of=fmt_date(store.as_of(), lang)),
    ])

    # 2. one slide per key finding, with its chart
    found = findings(store, filters, scope, lang, settings) if found is None else found
    src = source or Source(store, filters, scope, lang, settings)
    for i, finding in enumerate([f for f in found if f.chart][:max_findings], start=1):
        key = f"deck.headline.{finding.kind}"
        title = (t("deck.finding_headline", lang, i=i, headline=t(key, lang, jp=settings.jp_min_short(lang)))
                 if key in TEXT else t("deck.finding", lang, i=i))
        slide = _slide(prs, title, footer)
        fig = catalog.render(finding.chart, src)
        words = [finding.text] + ([finding.detail] if finding.detail else [])
        if fig is None:  # nothing to draw: the finding in words across the slide
            _box(slide, Inches(0.8), Inches(1.6), W - Inches(1.6), Inches(4.8), "", 24, lines=words)
            continue
        png = export.chart_bytes(fig, "png", None, width=900, height=560, scale=2)
        slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(1.2), height=Inches(5.6))
        _box(slide, Inches(9.6), Inches(1.4), Inches(3.4), Inches(5.2), "", 17, lines=words)

    # 3. targets against actuals
    slide = _slide(prs, t("deck.targets", lang, year=filters.year), footer)
    progress = src.target_progress()
    owner = targets.target_unit(filters, scope)
    if owner is not None or not scope.restricted:
        progress = progress[progress["opd_code"] == (owner or "")]
    names = units.unit_names(store)  # an evaluator without filters: the targets of each of its OPDs
    progress = progress.head(12)
    if progress.empty:
        _box(slide, Inches(0.8), Inches(1.6), Inches(11), Inches(1), t("deck.no_targets", lang), 22)
    else:
        rows, cols = len(progress) + 1, 4
        table = slide.shapes.add_table(rows, cols, Inches(0.6), Inches(1.3), Inches(12.1),
                                       Emu(int(Inches(0.55)) * rows)).table
        for c, key in enumerate(("col_indicator", "col_target", "col_actual", "col_state")):
            table.cell(0, c).text = t(key, lang)
        for r, row in enumerate(progress.itertuples(), start=1):
            unit = METRICS[row.indicator].unit if row.indicator in METRICS else "number"
            label = METRICS[row.indicator].label(lang, settings) if row.indicator in METRICS else row.indicator
            if row.opd_code and owner is None:
                label = f"{label} · {names.get(row.opd_code, row.opd_code)}"
            values = (label, fmt_value(row.target, unit, lang),
                      fmt_value(None if row.actual != row.actual else row.actual, unit, lang),
                      "–" if row.met is None else t("target_met" if row.met else "target_missed", lang))
            for c, text in enumerate(values):
                table.cell(r, c).text = str(text)
        for r in range(rows):
            for c in range(cols):
                for para in table.cell(r, c).text_frame.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(18)

    # 4. recommendations
    slide = _slide(prs, t("deck.recs", lang), footer)
    recs = recommendations(store, filters, scope, found, lang, settings)
    _box(slide, Inches(0.7), Inches(1.4), W - Inches(1.4), Inches(5.4), "", 22,
         lines=[f"{i}. {r}" for i, r in enumerate(recs, start=1)] or ["–"])

    # 5. method and data quality
    slide = _slide(prs, t("deck.method", lang), footer)
    notes = quality.trust_notes(src.table("quality_checks"), list(METRICS), lang)
    counts = units.unit_counts(store, scope)
    lines = [t("deck.method_lines", lang, year=filters.year, opds=fmt_number(counts["opd"], lang, 0),
               units=fmt_number(counts["unit"], lang, 0)),
             t("deck.method_jp", lang, pns=fmt_number(settings.jp_min, lang, 0), pppk=fmt_number(settings.jp_min_pppk, lang, 0)),
             t("deck.method_survey", lang, k=settings.min_respondents)] + (notes[:3] or [t("deck.quality_ok", lang)])
    lines.append(" · ".join(f"{k}: {v}" for k, v in items[4:]))
    _box(slide, Inches(0.7), Inches(1.3), W - Inches(1.4), Inches(5.4), "", 15, lines=lines)

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def to_pdf(pptx: bytes) -> bytes:
    """The same deck as PDF, converted by LibreOffice (Debian's libreoffice-impress)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) tidak terpasang: apt-get install -y libreoffice-impress")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "briefing.pptx"
        src.write_bytes(pptx)
        env = dict(os.environ, HOME=tmp)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180, env=env)
        return (Path(tmp) / "briefing.pdf").read_bytes()
