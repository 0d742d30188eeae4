"""The briefing deck of a view: title, the headline indicators, one slide per key finding with its chart,
targets, recommendations, and method & data quality — PPTX (python-pptx), PDF through LibreOffice.

16:9, type for the back of the room (charts laid out again so that none of their text is under 14 pt on the
slide: charts/slide.py; findings at 16 pt or more), the dashboard's palette, and on every slide but the title
a footer with the filters, period, n and as-of date, and the slide's number.
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
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..engine import needs, quality, tables, targets, units
from ..engine.insights import Finding, findings
from ..engine.metrics import METRICS, Result, compute
from ..filters import Filters, Scope
from ..formatting import fmt_date, fmt_delta, fmt_number, fmt_short, fmt_value
from ..i18n import TEXT, code_label, t
from ..settings import Settings, load_settings
from ..store import Store
from . import catalog, export
from .charts import PALETTE
from .charts.slide import for_slide, text_width, wrap
from .source import Source
from .views import Reader, target_words

__all__ = ["build_deck", "recommendations", "title_fit", "to_pdf"]

NAVY, GREY, WHITE = RGBColor(0x1F, 0x4E, 0x79), RGBColor(0x56, 0x65, 0x73), RGBColor(0xFF, 0xFF, 0xFF)
GOOD, WEAK, MUTED = (RGBColor.from_string(PALETTE[k][1:].upper()) for k in ("good", "weak", "muted"))
TILE = RGBColor(0xF2, 0xF4, 0xF7)
W, H = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: exactly 16:9
# Arial: PowerPoint has it everywhere, LibreOffice draws the metric-compatible Liberation Sans, so the widths
# charts/slide.text_width counts are the widths shown
FONT = "Arial"
FOOTER_TOP = H - Inches(0.55)
NUMBER_WIDTH = Inches(1.0)  # the slide number, bottom right, beside the footer
TITLE_WIDTH = W - Inches(1.0)
INSET = 0.1  # python-pptx's text box inset left and right, in inches
# A finding's chart, left, and its words, right (inches); the chart's picture is drawn at CHART["scale"] × the
# pixels for_slide lays it out in
CHART = {"left": 0.3, "width": 8.8, "note_left": 9.3, "note_width": 3.75, "scale": 3}
# The overview's headline indicators (dashboard.py), as tiles: two rows of four
KPIS = ("jp20_rate", "jp_per_asn", "reach_rate", "completion_rate",
        "reaction_score", "application_rate", "cost_per_jp", "headcount")


def _inches(length: int) -> float:
    return length / 914400


def _box(slide, left, top, width, height, text: str, size: float = 20, bold: bool = False,
         color: RGBColor = NAVY, lines: list[str] | None = None, align=None, anchor=None, after: float = 10):
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.word_wrap = True
    if anchor is not None:
        frame.vertical_anchor = anchor
    for i, line in enumerate(lines or [text]):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.space_after = Pt(after)
        if align is not None:
            para.alignment = align
        for run in para.runs:
            run.font.size, run.font.bold, run.font.color.rgb, run.font.name = Pt(size), bold, color, FONT
    return shape


def _rect(slide, left, top, width, height, color: RGBColor) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = color
    shape.line.fill.background()


def title_fit(title: str, width_pt: float) -> tuple[int, int]:
    """(size, lines) of a slide title: the largest size from 30 pt down to 22 pt at which it fits one line of
    width_pt, else two; a title too long even for two lines at 22 pt takes more lines, never cut."""
    for most in (1, 2):
        for size in range(30, 21, -1):
            lines = len(wrap(title, size, width_pt, bold=True))
            if lines <= most:
                return size, lines
    return 22, len(wrap(title, 22, width_pt, bold=True))


def _fit(paragraphs: list[str], width: float, height: float, largest: int = 20, smallest: int = 16,
         after: float = 10) -> int:
    """The largest size (pt) at which the paragraphs fit a box of width × height inches (smallest at worst)."""
    room, inner = (height - 0.1) * 72, (width - 2 * INSET) * 72
    for size in range(largest, smallest - 1, -1):
        lines = sum(len(wrap(p, size, inner)) for p in paragraphs)
        if lines * size * 1.2 + after * len(paragraphs) <= room:
            return size
    return smallest


def _slide(prs: Presentation, title: str, footer: str):
    """A slide with its title bar (as tall as the title needs) and footer; returns it and where content starts."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    size, lines = title_fit(title, _inches(TITLE_WIDTH) * 72 - 2 * INSET * 72)
    height = max(Inches(1.0), Inches(0.3) + Pt(lines * size * 1.2))
    _rect(slide, 0, 0, W, height, NAVY)
    _box(slide, Inches(0.5), 0, TITLE_WIDTH, height, title, size, True, WHITE, anchor=MSO_ANCHOR.MIDDLE, after=0)
    _box(slide, Inches(0.5), FOOTER_TOP, W - Inches(1.0) - NUMBER_WIDTH - Inches(0.1), Inches(0.45), footer, 11,
         False, GREY, anchor=MSO_ANCHOR.BOTTOM, after=0)
    return slide, height + Inches(0.15)


def _number(prs: Presentation) -> None:
    """'3 / 10' at the bottom right of every slide but the title."""
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:
            _box(slide, W - Inches(0.5) - NUMBER_WIDTH, FOOTER_TOP, NUMBER_WIDTH, Inches(0.45),
                 f"{number} / {total}", 12, True, GREY, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.BOTTOM, after=0)


def _tile(metric_id: str, now: Result, before: Result | None, goal: tuple[float, str] | None, year: int,
          reader: Reader) -> dict:
    """What one headline indicator's tile says: label, value, and the lines under it (change from last year,
    target met or not, n) with their colours; accent: green when the target is met, red when not."""
    m, lang, settings = METRICS[metric_id], reader.lang, reader.settings
    value, hidden = now.values[metric_id], metric_id in now.suppressed
    notes: list[tuple[str, RGBColor]] = []
    delta = None if before is None or hidden else fmt_delta(value, before.values[metric_id], m.unit, lang, words=True)
    if delta is not None:
        arrow = {"+": "▲ ", "-": "▼ "}.get(delta[0], "")
        better = (delta[0] == "+") == (m.better == "higher")
        notes.append((f"{arrow}{delta} {t('vs_prev', lang, year=year - 1)}",
                      GREY if not arrow or m.better is None else GOOD if better else WEAK))
    accent = MUTED
    if goal is not None:
        words, reached = target_words(reader, metric_id, value, goal, hidden)
        if reached is not None:
            accent = GOOD if reached else WEAK
        notes.append((words, GREY if reached is None else accent))
    notes.append((t("suppressed", lang, k=settings.min_respondents) if hidden else
                  "n = " + fmt_number(now.n[metric_id] or 0, lang, 0), GREY))
    shown = f"n < {settings.min_respondents}" if hidden else fmt_short(value, m.unit, lang)
    return {"label": m.label(lang, settings), "value": shown, "hidden": hidden, "notes": notes, "accent": accent}


def _kpi_slide(prs: Presentation, src: Source, footer: str, lang: str, settings: Settings) -> None:
    """The overview's eight headline indicators, two rows of four tiles; the lines under the values in one size
    that fits every tile."""
    year = src.filters.year
    slide, top = _slide(prs, t("kpi_heading", lang, year=year), footer)
    now = src.metrics()
    before = src.metrics(KPIS, src.filters.with_year(year - 1)) if year - 1 in src.store.years() else None
    goals = src.references()
    reader = Reader(src.store, lang, settings)
    tiles = [_tile(m, now, before, goals.get(m), year, reader) for m in KPIS]
    gap, side = Inches(0.25), Inches(0.4)
    width = Emu(int((W - 2 * side - 3 * gap) / 4))
    height = Emu(int((FOOTER_TOP - Inches(0.15) - top - gap) / 2))
    inner, room = (_inches(width) - 0.15 - 2 * INSET) * 72, (_inches(height) - 0.2) * 72
    for tile in tiles:
        tile["big"] = next((s for s in range(44, 23, -2) if text_width(tile["value"], s, bold=True) <= inner), 24)

    def fits(small: int) -> bool:
        return all(len(wrap(tile["label"], 18, inner, bold=True)) * 18 * 1.2 + tile["big"] * 1.2 + 12
                   + sum(4 + small * 1.2 * len(wrap(text, small, inner)) for text, _ in tile["notes"]) <= room
                   for tile in tiles)

    small = next((s for s in (16, 15) if fits(s)), 14)
    for i, tile in enumerate(tiles):
        left, y = side + (i % 4) * (width + gap), top + (i // 4) * (height + gap)
        _rect(slide, left, y, width, height, TILE)
        _rect(slide, left, y, Inches(0.08), height, tile["accent"])
        frame = slide.shapes.add_textbox(left + Inches(0.15), y + Inches(0.05), width - Inches(0.15),
                                         height - Inches(0.1)).text_frame
        frame.word_wrap = True
        rows = [(tile["label"], 18, True, GREY), (tile["value"], tile["big"], True, GREY if tile["hidden"] else NAVY)]
        for j, (text, size, bold, color) in enumerate(rows + [(text, small, False, c) for text, c in tile["notes"]]):
            para = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            para.text = text
            para.space_after = Pt(8 if j == 1 else 4)
            for run in para.runs:
                run.font.size, run.font.bold, run.font.color.rgb, run.font.name = Pt(size), bold, color, FONT


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
    _rect(slide, 0, Inches(1.9), W, Inches(3.0), NAVY)
    _box(slide, Inches(0.8), Inches(2.1), W - Inches(1.6), Inches(1.5), t("deck.title", lang), 40, True, WHITE,
         after=0)
    _box(slide, Inches(0.8), Inches(3.8), W - Inches(1.6), Inches(0.8),
         f"{t('deck.city', lang)} · {t('deck.period', lang, year=filters.year)}", 24, False, WHITE)
    _box(slide, Inches(0.8), Inches(5.2), W - Inches(1.6), Inches(1.4), "", 18, False, GREY, lines=[
        filters_text or t("export.none", lang),
        t("deck.prepared", lang, date=fmt_date(dt.date.today(), lang), as_of=fmt_date(store.as_of(), lang)),
    ])

    # 2. the headline indicators
    src = source or Source(store, filters, scope, lang, settings)
    _kpi_slide(prs, src, footer, lang, settings)

    # 3. one slide per key finding, with its chart
    found = findings(store, filters, scope, lang, settings) if found is None else found
    for i, finding in enumerate([f for f in found if f.chart][:max_findings], start=1):
        key = f"deck.headline.{finding.kind}"
        title = (t("deck.finding_headline", lang, i=i, headline=t(key, lang, jp=settings.jp_min_short(lang)))
                 if key in TEXT else t("deck.finding", lang, i=i))
        slide, top = _slide(prs, title, footer)
        fig = catalog.render(finding.chart, src)
        words = [finding.text] + ([finding.detail] if finding.detail else [])
        height = _inches(FOOTER_TOP - top) - 0.1
        if fig is None:  # nothing to draw: the finding in words across the slide
            _box(slide, Inches(0.8), top, W - Inches(1.6), Inches(height), "", 24, lines=words)
            continue
        fig = for_slide(fig, CHART["width"], height)
        png = export.chart_bytes(fig, "png", None, width=fig.layout.width, height=fig.layout.height,
                                 scale=CHART["scale"])
        slide.shapes.add_picture(io.BytesIO(png), Inches(CHART["left"]), top, Inches(CHART["width"]), Inches(height))
        _box(slide, Inches(CHART["note_left"]), top, Inches(CHART["note_width"]), Inches(height), "",
             _fit(words, CHART["note_width"], height), lines=words)

    # 4. targets against actuals
    slide, top = _slide(prs, t("deck.targets", lang, year=filters.year), footer)
    progress = src.target_progress()
    owner = targets.target_unit(filters, scope)
    if owner is not None or not scope.restricted:
        progress = progress[progress["opd_code"] == (owner or "")]
    names = units.unit_names(store)  # an evaluator without filters: the targets of each of its OPDs
    progress = progress.head(12)
    if progress.empty:
        _box(slide, Inches(0.8), top, Inches(11), Inches(1), t("deck.no_targets", lang), 22)
    else:
        rows, cols = len(progress) + 1, 4
        row = min(Inches(0.55), int((FOOTER_TOP - Inches(0.1) - top) / rows))
        table = slide.shapes.add_table(rows, cols, Inches(0.6), top, Inches(12.1), Emu(row * rows)).table
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
                        run.font.size, run.font.name = Pt(18), FONT

    # 5. recommendations
    slide, top = _slide(prs, t("deck.recs", lang), footer)
    recs = recommendations(store, filters, scope, found, lang, settings)
    recs = [f"{i}. {r}" for i, r in enumerate(recs, start=1)] or ["–"]
    width, height = _inches(W) - 1.4, _inches(FOOTER_TOP - top)
    _box(slide, Inches(0.7), top, Inches(width), Inches(height), "", _fit(recs, width, height, 24, 18), lines=recs)

    # 6. method and data quality
    slide, top = _slide(prs, t("deck.method", lang), footer)
    notes = quality.trust_notes(src.table("quality_checks"), list(METRICS), lang)
    counts = units.unit_counts(store, scope)
    lines = [t("deck.method_lines", lang, year=filters.year, opds=fmt_number(counts["opd"], lang, 0),
               units=fmt_number(counts["unit"], lang, 0)),
             t("deck.method_jp", lang, pns=fmt_number(settings.jp_min, lang, 0), pppk=fmt_number(settings.jp_min_pppk, lang, 0)),
             t("deck.method_survey", lang, k=settings.min_respondents)] + (notes[:3] or [t("deck.quality_ok", lang)])
    lines.append(" · ".join(f"{k}: {v}" for k, v in items[4:]))
    height = _inches(FOOTER_TOP - top)
    _box(slide, Inches(0.7), top, Inches(width), Inches(height), "", _fit(lines, width, height, 20, 14),
         lines=lines)

    _number(prs)
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
