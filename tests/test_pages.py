"""AppTest of every page on the demo store: no exception, figures equal the engine's, filters act."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ATTACK
from streamlit.testing.v1 import AppTest

from sdm_analytics.engine import needs, tables, targets, units
from sdm_analytics.engine.metrics import METRICS, compute
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.formatting import fmt_short, fmt_value

ROOT = Path(__file__).resolve().parents[1]
PAGE_FILES = ["dashboard.py"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
VIEWER = Scope.everything(role="pimpinan")


def app_on(db: str, monkeypatch):
    monkeypatch.setenv("SDM_DB", db)
    monkeypatch.chdir(ROOT)

    def make(page: str = "dashboard.py", user: str | None = "admin", **query: str) -> AppTest:
        """The app as a demo account sees it (admin unless told; None: not signed in)."""
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        if user:
            at.session_state["user"] = user  # signed in without the form: nothing is written to the store
        at.run()
        if page != "dashboard.py":
            at.switch_page(page).run()
        return at

    return make


@pytest.fixture
def app(demo_store, monkeypatch):
    """The app on the shared demo store, for tests that only look (no sign-in form, no change)."""
    return app_on(demo_store.path, monkeypatch)


@pytest.fixture
def own_app(own_demo_store, monkeypatch):
    """The app on this test's own copy of the demo store, for tests that sign in through the form (a sign-in
    or a refusal is logged, a wrong password counted) or change accounts."""
    return app_on(own_demo_store.path, monkeypatch)


def _listed(at: AppTest, index: int, total: int) -> None:
    """A people list shows its first LIST_ROWS rows; when there are more, a caption gives the total."""
    from sdm_analytics.ui.widgets import LIST_ROWS

    assert len(at.dataframe[index].value) == min(total, LIST_ROWS)
    more = [c.value for c in at.caption if c.value.startswith(f"Menampilkan {fmt_value(LIST_ROWS, 'people')} baris")]
    assert more == ([] if total <= LIST_ROWS else
                    [f"Menampilkan {fmt_value(LIST_ROWS, 'people')} baris pertama dari {fmt_value(total, 'people')}; "
                     "unduh CSV/XLSX untuk daftar lengkap."])


def _metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}; have {[m.label for m in at.metric]}")


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


# Each page's title (as the menu names it) and whether it draws charts.
TITLES = {
    "dashboard.py": "Ringkasan Eksekutif",
    "pages/2_Partisipasi_20_JP.py": "Partisipasi & 20 JP",
    "pages/3_Pemerataan_Akses.py": "Pemerataan Akses",
    "pages/4_Efektivitas_Pelatihan.py": "Efektivitas Pelatihan",
    "pages/5_Kebutuhan_Pelatihan.py": "Kebutuhan Pelatihan",
    "pages/6_Tantangan_Perubahan.py": "Tantangan & Perubahan",
    "pages/7_Program.py": "Program",
    "pages/8_Target_IP_ASN.py": "Target & IP ASN",
    "pages/9_Data.py": "Data",
    "pages/10_Kualitas_Data.py": "Kualitas Data",
    "pages/11_Akun.py": "Akun",
    "pages/12_Survei.py": "Survei",
}
NO_CHARTS = {"pages/9_Data.py", "pages/11_Akun.py", "pages/12_Survei.py"}  # forms and tables only


def test_every_page_file_has_its_title():
    assert sorted(PAGE_FILES) == sorted(TITLES)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_without_exception(app, page):
    at = app(page)
    assert not at.exception, at.exception
    assert at.title[0].value == TITLES[page]
    assert (len(figures(at)) == 0) == (page in NO_CHARTS)
    for fig in figures(at):
        assert fig["layout"]["title"]["text"], "every chart has a title"
        assert fig["layout"]["separators"] == ",."


def test_overview_kpis_equal_engine(app, demo_store):
    at = app()
    expected = compute(demo_store, Filters.make(2025), VIEWER)
    for mid in ("jp20_rate", "jp_per_asn", "reach_rate", "completion_rate", "reaction_score",
                "application_rate", "cost_per_jp", "headcount"):
        assert _metric(at, METRICS[mid].label("id")) == fmt_value(expected.values[mid], METRICS[mid].unit, "id")
    assert len(figures(at)) == 3


def test_overview_filter_changes_figures(app, demo_store):
    at = app()
    city = _metric(at, "Kepatuhan 20 JP")
    at.sidebar.multiselect(key="w_opd").set_value(["DINKES"]).run()
    assert not at.exception
    expected = compute(demo_store, Filters.make(2025, {"opd": ["DINKES"]}), VIEWER)
    assert _metric(at, "Kepatuhan 20 JP") == fmt_value(expected.values["jp20_rate"], "rate", "id")
    assert _metric(at, "Kepatuhan 20 JP") != city
    assert at.query_params.get("opd") in (["DINKES"], "DINKES")


def test_filters_persist_across_pages(app, demo_store):
    at = app()
    at.sidebar.multiselect(key="w_area").set_value(["rural"]).run()
    at.switch_page("pages/2_Partisipasi_20_JP.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="w_area").value == ["rural"]
    below = tables.people_below(demo_store, Filters.make(2025, {"area": ["rural"]}), VIEWER)
    _listed(at, 0, len(below))


def test_data_and_account_pages_have_no_filters_and_keep_the_view(app):
    at = app()
    at.sidebar.multiselect(key="w_area").set_value(["rural"]).run()
    for page in ("pages/9_Data.py", "pages/11_Akun.py"):
        at.switch_page(page).run()
        assert not at.exception and not at.sidebar.multiselect  # nothing there to filter
    at.switch_page("dashboard.py").run()
    assert at.sidebar.multiselect(key="w_area").value == ["rural"]


def test_url_sets_filters(app, demo_store):
    at = app(year="2024", mode="daring")
    assert at.sidebar.selectbox(key="w_year").value == 2024
    expected = compute(demo_store, Filters.make(2024, {"mode": ["daring"]}), VIEWER)
    assert _metric(at, "Kepatuhan 20 JP") == fmt_value(expected.values["jp20_rate"], "rate", "id")


def test_participation_page_lists_people_below_minimum(app, demo_store):
    """The list holds staff in post the whole year below their minimum; new staff have a table of their own;
    the 0 JP line counts the same people as zero_jp (out of F, not P)."""
    at = app("pages/2_Partisipasi_20_JP.py")
    frame = at.dataframe[0].value
    filters = Filters.make(2025)
    below = tables.people_below(demo_store, filters, VIEWER)
    assert len(below) > 1000  # the city's list is longer than a page shows
    _listed(at, 0, len(below))
    gaps = [float(v.replace(".", "").replace(",", ".")) for v in frame["Kekurangan JP"]]  # shown as 20 or 12,5
    assert all(g > 0 for g in gaps) and not any(v.endswith(",0") for v in frame["Kekurangan JP"])
    assert list(frame["Kekurangan JP"]) == [fmt_value(v, "jp") for v in below["gap"].head(len(frame))]
    dist = tables.jp_distribution(demo_store, filters, VIEWER)
    fig = figures(at)[0]
    assert [int(v) for v in fig["data"][0]["y"]] == dist["people"].tolist()
    assert sum(dist["people"][:3]) > len(below)  # the distribution is over P: new staff too
    zero = tables.zero_jp(demo_store, filters, VIEWER).iloc[0]
    assert any(c.value.startswith(f"0 JP pada 2025: {fmt_value(zero['zero_jp'], 'people')} dari "
                                  f"{fmt_value(zero['n_full'], 'people')}") for c in at.caption)
    new = tables.new_staff(demo_store, filters, VIEWER)
    shown = at.dataframe[1].value
    assert list(shown["Status"]) == list(new["employment_type"])
    assert list(shown["ASN baru"]) == [fmt_value(v, "people") for v in new["headcount"]]


def test_breakdown_choice_changes_chart(app):
    at = app("pages/2_Partisipasi_20_JP.py")
    at.selectbox(key="p2_by").set_value("gender").run()
    assert not at.exception
    fig = figures(at)[1]
    assert set(fig["data"][0]["x"]) == {"Laki-laki", "Perempuan"}


def test_english_switch(app):
    at = app()
    at.sidebar.radio(key="w_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Executive Summary"
    assert any(m.label == "20 JP compliance" for m in at.metric)


def test_empty_selection_shows_no_data_state(app):
    at = app()
    at.sidebar.multiselect(key="w_opd").set_value(["DINKES"]).run()
    at.sidebar.multiselect(key="w_position_type").set_value(["jpt"]).run()
    at.sidebar.multiselect(key="w_gender").set_value(["L", "P"]).run()
    at.sidebar.multiselect(key="w_education").set_value(["SD"]).run()
    assert not at.exception
    assert any("Tidak ada data" in i.value for i in at.info)


def test_first_run_builds_the_demo_store_visibly(tmp_path, monkeypatch):
    """`streamlit run dashboard.py` on a fresh machine: no store yet, so the demo is built and shown."""
    db = tmp_path / "fresh" / "sdm.duckdb"
    monkeypatch.setenv("SDM_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    assert db.exists()
    statuses = [e for e in at.main.children.values() if type(e).__name__ == "Status"]
    assert statuses and statuses[0].label.startswith("Data demo siap")
    # then the sign-in form, offering the demo's accounts; nothing of the data before signing in
    assert not at.metric and "pimpinan-demo-2025" in " ".join(i.body for i in at.info)
    _sign_in(at, "pimpinan", "pimpinan-demo-2025")
    assert _metric(at, "Jumlah ASN") != "–"


def test_a_real_store_with_its_first_admin_is_never_filled_with_the_demo(tmp_path, monkeypatch):
    """An agency creates its first admin on an empty store, then starts the dashboard to import its data: the
    demo must not be written into that store."""
    from sdm_analytics import accounts
    from sdm_analytics.store import Store

    db = tmp_path / "kota" / "sdm.duckdb"
    store = Store(str(db))
    accounts.add(store, "admin", "sandi-rahasia-1", "admin", by="cli:test")
    store.close()
    monkeypatch.setenv("SDM_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception
    assert not [e for e in at.main.children.values() if type(e).__name__ == "Status"]
    from sdm_analytics.store import open_store

    assert open_store(str(db)).is_empty()


def _sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


# Filter combinations a user can set, some of which leave groups (or everything) empty.
GRID = [
    {},
    {"opd": "DINKES"},
    {"area": "rural", "mode": "daring"},
    {"opd": "DINKES", "position_type": "jpt", "education": "SD"},
    {"year": "2022", "category": "latsar"},
    {"gender": "L", "age_band": ">=55", "employment_type": "PPPK"},
    {"kecamatan": "Kasemen", "topic": "digitalisasi"},
]


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("combo", GRID, ids=[",".join(f"{k}={v}" for k, v in g.items()) or "none" for g in GRID])
def test_every_page_survives_the_filter_grid(app, page, combo):
    at = app(page, **combo)
    assert not at.exception, at.exception
    assert at.title[0].value == TITLES[page]


def test_equity_page_matches_engine_and_flags_gaps(app, demo_store):
    at = app("pages/3_Pemerataan_Akses.py")
    frame = at.dataframe[0].value
    expected = compute(demo_store, Filters.make(2025, {"area": ["rural"]}), VIEWER, ["reach_rate"])
    row = frame[frame["Kelompok"] == "Perdesaan"].iloc[0]
    assert row["Nilai"] == fmt_value(expected.values["reach_rate"], "rate", "id")
    assert row["Kesimpulan"] == "selisih nyata"
    assert frame[frame["Kelompok"] == "Perkotaan"].iloc[0]["Kesimpulan"] == "acuan"
    ratio = compute(demo_store, Filters.make(2025, {"mode": ["daring"]}), VIEWER, ["reach_ratio_nonurban"])
    assert fmt_value(ratio.values["reach_ratio_nonurban"], "ratio", "id") in at.main.markdown[-1].value


def test_needs_page_names_the_most_underserved_topic(app, demo_store):
    at = app("pages/5_Kebutuhan_Pelatihan.py")
    gap = needs.needs_gap(demo_store, Filters.make(2025), VIEWER)
    top = gap.iloc[0]
    from sdm_analytics.i18n import code_label

    assert code_label("topic", top["topic"], "id") in at.info[0].value
    assert at.dataframe[0].value.iloc[0]["Topik"] == code_label("topic", top["topic"], "id")


def test_change_page_counts_the_never_trained(app, demo_store):
    at = app("pages/6_Tantangan_Perubahan.py", opd="DINKES")
    people = tables.never_trained(demo_store, Filters.make(2025, {"opd": ["DINKES"]}), VIEWER)
    _listed(at, 0, len(people))
    assert f"{len(people)} dari " in at.info[0].value and "tidak dilatih dua tahun" in at.info[0].value.lower()


def test_effectiveness_page_shows_kirkpatrick_levels(app, demo_store):
    at = app("pages/4_Efektivitas_Pelatihan.py")
    expected = compute(demo_store, Filters.make(2025), VIEWER)
    assert _metric(at, "Tingkat penerapan") == fmt_value(expected.values["application_rate"], "rate", "id")
    scrap = tables.scrap_table(demo_store, Filters.make(2025), VIEWER).iloc[0]
    note = next(i.value for i in at.info if i.value.startswith("Perkiraan kasar"))
    assert fmt_value(scrap["share"], "rate", "id") in note
    assert fmt_short(scrap["estimate"], "idr", "id") in note  # money in a sentence: in words
    assert "bukan kerugian" in note and not at.warning
    titles = [f["layout"]["title"]["text"] for f in figures(at)]
    assert any(t.startswith("L1") for t in titles) and any(t.startswith("L4") for t in titles)
    from sdm_analytics.engine.evaluation import program_summary

    assert len(at.dataframe[0].value) == len(program_summary(demo_store, Filters.make(2025), VIEWER))
    assert any("asosiasi" in c.value for c in at.caption)


def test_program_page_drills_into_one_programme(app, demo_store):
    from sdm_analytics.engine.evaluation import participants, program_summary

    code = program_summary(demo_store, Filters.make(2025), VIEWER)["program_code"].iloc[10]
    at = app("pages/7_Program.py")
    at.selectbox(key="p7_program").set_value(code).run()
    assert not at.exception
    only = Filters.make(2025, {"program": [code]})
    expected = compute(demo_store, only, VIEWER)
    assert _metric(at, "Tingkat kelulusan") == fmt_value(expected.values["completion_rate"], "rate", "id")
    _listed(at, 0, len(participants(demo_store, only, VIEWER)))
    assert at.query_params.get("program") in (code, [code])


def test_program_comments_hidden_below_five_respondents(demo_store):
    from sdm_analytics.engine.evaluation import comments, program_summary

    summary = program_summary(demo_store, Filters.make(2025), Scope.everything(role="admin"))
    few = summary[(summary["reaction_n"] > 0) & (summary["reaction_n"] < 5)]
    many = summary[summary["reaction_n"] >= 20]
    assert not few.empty and not many.empty  # the demo has both kinds: neither loop below is empty
    for code in few["program_code"].head(3):
        frame, hidden = comments(demo_store, Filters.make(2025, {"program": [code]}), scope=VIEWER)
        admin, admin_hidden = comments(demo_store, Filters.make(2025, {"program": [code]}),
                                       scope=Scope.everything(role="admin"))
        assert frame.empty and (hidden or admin.empty) and not admin_hidden
    shown = 0
    for code in many["program_code"].head(10):
        frame, hidden = comments(demo_store, Filters.make(2025, {"program": [code]}), scope=VIEWER)
        assert not hidden
        shown += len(frame)
    assert shown > 0


def test_target_page_lists_targets_and_ipasn(app, demo_store):
    from sdm_analytics.engine import ipasn

    at = app("pages/8_Target_IP_ASN.py")
    progress = targets.target_progress(demo_store, 2025, VIEWER)
    assert len(at.dataframe[0].value) == len(progress)
    city = progress[progress["opd_code"] == ""]
    assert f"{int(city['met'].sum())} dari {len(city)} tercapai" in at.main.subheader[0].value
    summary = ipasn.summary(demo_store, Filters.make(2025), scope=VIEWER).set_index("employment_type")
    from sdm_analytics.formatting import fmt_number

    assert _metric(at, "Poin kompetensi rata-rata PNS (dari 40)") == fmt_number(summary.loc["PNS", "score"], "id", 1)
    scores = ipasn.scores(demo_store, Filters.make(2025), VIEWER)
    _listed(at, 1, int((scores["potential_gain"] > 0).sum()))


@pytest.mark.parametrize("query,flags", [
    ({}, []),
    ({"opd": "DINKES"}, ["--opd", "DINKES"]),
    ({"area": "rural", "mode": "daring"}, ["--area", "rural", "--mode", "daring"]),
    ({"year": "2024", "gender": "P"}, ["--gender", "P"]),
])
def test_page_headlines_equal_the_cli(app, demo_copy, query, flags):
    import subprocess
    import sys

    year = query.get("year", "2025")
    proc = subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", demo_copy, "metrics", "--year", year,
                           "--format", "json", *flags], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    values = json.loads(proc.stdout)["metrics"]
    at = app(**query)
    for mid in ("jp20_rate", "reach_rate", "completion_rate", "application_rate", "headcount"):
        assert _metric(at, METRICS[mid].label("id")) == fmt_value(values[mid], METRICS[mid].unit, "id"), mid
    at = app("pages/4_Efektivitas_Pelatihan.py", **query)
    for mid in ("reaction_score", "normalized_gain", "application_rate"):
        shown = _metric(at, METRICS[mid].label("id"))
        assert shown == fmt_value(values[mid], METRICS[mid].unit, "id") or shown.startswith("n <"), mid


def test_quality_page_matches_the_checks(app, demo_store):
    from sdm_analytics.engine import quality

    at = app("pages/10_Kualitas_Data.py")
    checks = quality.checks(demo_store, Filters.make(2025), VIEWER)
    table = at.dataframe[0].value
    assert len(table) == len(checks)
    row = checks.set_index("check").loc["missing_cost"]
    assert table.iloc[list(checks["check"]).index("missing_cost")]["Bermasalah (% dari total)"] == \
        fmt_value(row["share"], "rate", "id")
    # a survey check names what it counts: those who did not answer, not the response rate
    labels = list(table["Pemeriksaan"])
    assert "Alumni tanpa jawaban survei penerapan" in labels and "Respons survei penerapan" not in labels


def test_trust_note_appears_where_figures_are_affected(app, demo_store):
    from sdm_analytics.engine import quality

    notes = quality.trust_notes(quality.checks(demo_store, Filters.make(2025), VIEWER),
                                ("reaction_score", "learning_gain", "normalized_gain", "application_rate",
                                 "cost_total"))
    assert notes
    at = app("pages/4_Efektivitas_Pelatihan.py")
    text = " ".join(m.value for m in at.main.markdown)
    assert notes[0] in text


def test_data_page_renders_templates_and_history(app):
    at = app("pages/9_Data.py")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    # a template for each of the 9 kinds an admin imports, and the backup of every table
    assert sorted(labels) == sorted(["unit kerja", "pegawai", "program", "peserta", "butir survei", "respon survei",
                                     "kinerja (SKP)", "target", "riwayat diklat",
                                     "Cadangan: semua tabel sebagai CSV kontrak (ZIP)"])


def test_data_page_previews_what_a_siasn_json_history_would_write(app, demo_store):
    """A SIASN JSON answer is accepted; before anything is written the preview says how many programmes the
    certificates reuse and create and how many participations they add."""
    nip, title, organizer, end = demo_store.rows(
        """SELECT pa.nip, pr.title, pr.organizer, strftime(pr.end_date, '%d-%m-%Y')
           FROM participations AS pa JOIN programs AS pr USING (program_code)
           WHERE pa.status = 'completed' AND pr.organizer IS NOT NULL
           ORDER BY pa.program_code, pa.nip LIMIT 1""")[0]
    records = [{"nipBaru": nip, "namaKursus": title, "institusiPenyelenggara": organizer, "tanggalSelesai": end,
                "jumlahJam": 8},
               {"nipBaru": nip, "namaKursus": "Kursus Bahasa Jepang", "institusiPenyelenggara": "LPK Serang",
                "tanggalSelesai": "01-02-2025", "jumlahJam": 30}]
    at = app("pages/9_Data.py")
    at.file_uploader(key="data_files").set_value(
        [("riwayat_kursus.json", json.dumps({"data": records}).encode(), "application/json")]).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "Riwayat diklat, jika diimpor: 1 program yang ada dipakai, 1 program baru dibuat, 1 keikutsertaan " \
           "selesai ditambahkan" in captions, captions


def test_short_ranking_is_not_all_red(app):
    at = app(opd="DINKES")
    at.sidebar.multiselect(key="w_opd").set_value(["DINKES", "RSUD"]).run()
    ranking = next(f for f in figures(at) if "per OPD" in f["layout"]["title"]["text"])
    assert "#c0392b" not in ranking["data"][0]["marker"]["color"]
    assert "terendah" not in ranking["layout"]["title"]["text"]


def test_one_opd_drills_down_to_its_unit_kerja(app, demo_store):
    """The overview shows the three weakest and three strongest OPDs (every one a click away); with one OPD
    chosen it ranks that OPD's unit kerja, and the unit filter offers only them."""
    at = app()
    ranking = next(f for f in figures(at) if "3 OPD terendah (merah) dan 3 tertinggi" in f["layout"]["title"]["text"])
    codes = ranking["data"][0]["customdata"]
    assert len(codes) == 7 and codes[3] is None and ranking["layout"]["meta"]["hidden_groups"] == 31
    assert ranking["data"][0]["marker"]["color"][:3] == ["#c0392b"] * 3
    assert any(t.label == "Tampilkan semua 37 kelompok" for t in at.toggle)
    at = app(opd="DINKES")
    ranking = next(f for f in figures(at) if "per unit kerja" in f["layout"]["title"]["text"])
    shown = set(ranking["data"][0]["customdata"])
    assert shown == {"DINKES"} | {c for c in units.unit_names(demo_store) if c.startswith("PKM_")}
    names = units.unit_names(demo_store)
    assert set(at.sidebar.multiselect(key="w_unit").options) == {names[c] for c in shown}


def test_comments_are_suppressed_per_programme(demo_store):
    """Without a programme filter, a programme with fewer than 5 respondents still keeps its comments back."""
    from sdm_analytics.engine.evaluation import comments, program_summary

    summary = program_summary(demo_store, Filters.make(2025), Scope.everything(role="admin"))
    few = set(summary[(summary["reaction_n"] > 0) & (summary["reaction_n"] < 5)]["program_code"])
    frame, hidden = comments(demo_store, Filters.make(2025), scope=VIEWER)
    assert hidden and len(frame) > 0
    assert not (set(frame["program_code"]) & few)


def test_filter_values_with_commas_survive_the_link(app, demo_store):
    organizer = next(o for o in units.options(demo_store)["organizer"] if "," in o)
    at = app(organizer=organizer)
    expected = compute(demo_store, Filters.make(2025, {"organizer": [organizer]}), VIEWER)
    assert _metric(at, "Kepatuhan 20 JP") == fmt_value(expected.values["jp20_rate"], "rate", "id")


def test_targets_are_not_applied_to_a_slice(app):
    """A slice has no target of its own: its cards show the city's as a reference, labelled as the city's and
    never judged met or missed; one OPD with its own target is judged against it (issue 14, finding 7)."""
    at = app(gender="P")
    cards = [c.value for c in at.main.caption if "n =" in c.value]
    assert any("Target kota 60,0%" in c for c in cards)
    assert not any("Target 60,0%" in c or "tercapai" in c for c in cards)
    trend = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Tren"))
    assert "Target kota 60,0%" in [a["text"] for a in trend["layout"]["annotations"]]
    at = app(opd="DINKES")
    assert any("Target 75,0%" in c.value for c in at.main.caption)


def test_overview_shows_key_findings(app, demo_store):
    from sdm_analytics.engine import insights

    found = insights.findings(demo_store, Filters.make(2025), VIEWER)
    at = app()
    assert "Temuan utama" in " ".join(m.value for m in at.main.markdown)
    shown = [t.value for t in at.main.text]  # names from the data: shown as text, never as Markdown
    assert f"• {found[0].text}" in shown


def test_overview_offers_the_deck(app):
    import shutil

    at = app()
    helps = [b.proto.help for b in at.get("download_button")]  # short labels in the title row, said in full
    assert "Unduh bahan paparan (PPTX)" in helps
    assert ("Unduh bahan paparan (PDF)" in helps) == bool(shutil.which("soffice"))


# -- signing in, roles and scope ---------------------------------------------------------------------
def test_nothing_shows_before_signing_in_and_a_wrong_password_is_told(own_app, own_demo_store):
    from sdm_analytics import accounts

    at = own_app(user=None)
    assert not at.exception and not at.metric and not figures(at)
    assert at.text_input(key="login_password").proto.type == 1  # a password field (dots, not text)
    _sign_in(at, "pimpinan", "not-the-password")
    assert not at.metric and "salah" in at.error[0].value
    _sign_in(at, "pimpinan", "pimpinan-demo-2025")
    assert _metric(at, "Jumlah ASN") != "–" and not at.error
    log = accounts.auth_log(own_demo_store, 2)  # newest first: the refusal, then the sign-in, were logged
    assert list(zip(log["event"], log["username"])) == [("sign_in", "pimpinan"), ("wrong", "pimpinan")]


def test_an_evaluator_sees_only_its_opds_and_no_data_page(app, demo_store):
    from sdm_analytics import accounts

    own = set(accounts.get(demo_store, "evaluator").opds)
    at = app(user="evaluator")
    assert own == {"DINKES"}  # an OPD: its puskesmas are in scope with it
    assert set(at.sidebar.multiselect(key="w_opd").options) == {units.unit_names(demo_store)["DINKES"]}
    ranking = next(f for f in figures(at) if "per unit kerja" in f["layout"]["title"]["text"])
    assert set(ranking["data"][0]["customdata"]) == units.units_under(demo_store, own) and len(own) < 7
    scope = accounts.get(demo_store, "evaluator").scope()
    assert _metric(at, "Jumlah ASN") == fmt_value(compute(demo_store, Filters.make(2025), scope, ["headcount"])
                                                  .values["headcount"], "people")
    assert "Cakupan akun" in " ".join(c.value for c in at.caption)
    links = [link.proto.page for link in at.sidebar.get("page_link")]
    assert links and not any("Data.py" in p and "Kualitas" not in p for p in links)
    at.switch_page("pages/9_Data.py").run()
    assert "hanya untuk peran: admin" in at.error[0].value and not at.get("file_uploader")


def test_a_disabled_account_is_signed_out_on_its_next_page(own_app, own_demo_store):
    from sdm_analytics import accounts

    accounts.add(own_demo_store, "sementara", "sandi-rahasia-1", "pimpinan")
    at = own_app(user="sementara")
    assert at.metric
    accounts.set_active(own_demo_store, "sementara", False)
    at.switch_page("pages/2_Partisipasi_20_JP.py").run()
    assert not at.metric and at.text_input(key="login_user")


def test_signing_out_forgets_the_session(app):
    at = app(opd="DINKES")
    assert at.session_state["f_opd"] == ["DINKES"]
    at.sidebar.button(key="sign_out").click().run()
    assert not at.metric and "user" not in at.session_state and "f_opd" not in at.session_state


def test_an_admin_adds_an_account_that_can_then_sign_in(own_app, own_demo_store):
    from sdm_analytics import accounts

    at = own_app("pages/11_Akun.py")
    assert list(accounts.listing(own_demo_store)["username"]) == ["admin", "evaluator", "pimpinan"]
    at.text_input(key="add_user").input("kasubbag")
    at.text_input(key="add_name").input("Kasubbag Diklat")
    at.selectbox(key="add_role").set_value("evaluator")
    at.multiselect(key="add_opds").set_value(["DINKES"])
    at.text_input(key="add_new").input("sandi-rahasia-1")
    at.text_input(key="add_again").input("sandi-rahasia-1")
    next(b for b in at.button if b.label == "Tambah akun").click().run()
    assert not at.exception and "Tersimpan" in at.success[0].value
    added = ["admin", "evaluator", "kasubbag", "pimpinan"]
    assert sorted(accounts.listing(own_demo_store)["username"]) == added
    assert accounts.authenticate(own_demo_store, "kasubbag", "sandi-rahasia-1")[0] == accounts.User(
        "kasubbag", "Kasubbag Diklat", "evaluator", ("DINKES",))
    # a refused one says why, in Bahasa Indonesia, and writes nothing
    at.text_input(key="add_user").input("kasubbag")
    at.text_input(key="add_new").input("sandi-rahasia-1")
    at.text_input(key="add_again").input("sandi-rahasia-1")
    next(b for b in at.button if b.label == "Tambah akun").click().run()
    assert "sudah dipakai" in at.error[0].value and sorted(accounts.listing(own_demo_store)["username"]) == added


def test_a_pimpinan_changes_only_its_own_password(own_app, own_demo_store):
    from sdm_analytics import accounts

    accounts.add(own_demo_store, "sekda", "sandi-rahasia-1", "pimpinan")
    at = own_app("pages/11_Akun.py", user="sekda")
    assert not at.get("expandable") and len(at.dataframe) == 0  # no account list, no admin forms
    at.text_input(key="own_current").input("bukan-sandinya")
    at.text_input(key="own_new").input("sandi-baru-1234")
    at.text_input(key="own_again").input("sandi-baru-1234")
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert "saat ini salah" in at.error[0].value and accounts.check(own_demo_store, "sekda", "sandi-rahasia-1")
    at.text_input(key="own_current").input("sandi-rahasia-1")
    at.text_input(key="own_new").input("sandi-baru-1234")
    at.text_input(key="own_again").input("sandi-baru-1234")
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert at.success and accounts.check(own_demo_store, "sekda", "sandi-baru-1234")
    assert not accounts.check(own_demo_store, "sekda", "sandi-rahasia-1")
    assert accounts.check(own_demo_store, "pimpinan", "pimpinan-demo-2025")  # nobody else's password changed


def test_guessing_the_current_password_on_the_accounts_page_locks_the_account(own_app, own_demo_store):
    """F11: the change-password form allowed unlimited, unlogged guesses; the fifth wrong one now locks the
    account (the page says for how long) and every guess is in the account log."""
    from sdm_analytics import accounts

    accounts.add(own_demo_store, "sekda", "sandi-rahasia-1", "pimpinan")
    at = own_app("pages/11_Akun.py", user="sekda")
    for _ in range(accounts.MAX_FAILURES):
        at.text_input(key="own_current").input("tebakan-salah")
        at.text_input(key="own_new").input("sandi-baru-1234")
        at.text_input(key="own_again").input("sandi-baru-1234")
        next(b for b in at.button if b.label == "Simpan").click().run()
    assert "terkunci 15 menit" in at.error[0].value
    events = list(accounts.auth_log(own_demo_store, 10)["event"])
    assert events.count("password_check_wrong") == 4 and events[0] == "password_check_locked"


def test_a_store_without_accounts_says_how_to_make_the_first(own_demo_store, monkeypatch):
    with own_demo_store.ledger.write() as con:
        con.execute("DELETE FROM users")
    monkeypatch.setenv("SDM_DB", own_demo_store.path)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception and not at.metric and not at.get("text_input")
    assert "Belum ada akun" in at.warning[0].value
    assert "users add admin --role admin" in at.code[0].value
    assert "sdm_analytics demo" in at.caption[-1].value  # an old demo store: rebuild it with its accounts


@pytest.mark.parametrize("page", ["pages/2_Partisipasi_20_JP.py", "pages/6_Tantangan_Perubahan.py",
                                  "pages/7_Program.py", "pages/8_Target_IP_ASN.py"])
def test_leadership_reads_counts_not_names(app, page):
    at = app(page, user="pimpinan")
    assert not at.exception
    assert any("Daftar nama ASN terbuka untuk evaluator" in i.value for i in at.info)
    for frame in (d.value for d in at.dataframe):
        assert "NIP" not in frame.columns


def test_an_idle_session_is_signed_out_and_keeps_its_link(own_demo_store, monkeypatch):
    import time

    monkeypatch.setenv("SDM_DB", own_demo_store.path)  # signing in again is logged: its own store
    monkeypatch.setenv("SDM_IDLE_MINUTES", "30")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["opd"] = "DINKES"
    at.session_state["user"] = "admin"
    at.session_state["_seen"] = time.time() - 31 * 60
    at.run()
    assert not at.metric and "30 menit tanpa aktivitas" in at.error[0].value
    _sign_in(at, "admin", "admin-demo-2025")
    assert at.metric and at.session_state["f_opd"] == ["DINKES"]  # back to the view the link named
    at.session_state["_seen"] = time.time() - 29 * 60  # within the limit: still signed in
    at.run()
    assert at.metric


def test_an_evaluator_lists_only_the_programmes_its_people_took_part_in(demo_store):
    from sdm_analytics.engine.evaluation import program_summary

    everything = program_summary(demo_store, Filters.make(2025), VIEWER)
    own = program_summary(demo_store, Filters.make(2025), Scope.of(["DINKES"]))
    assert 0 < len(own) < len(everything) and (own["participants"] > 0).all()


def test_an_evaluator_reads_its_own_targets_not_the_citys(app, demo_store):
    from sdm_analytics import accounts

    scope = accounts.get(demo_store, "evaluator").scope()
    progress = targets.target_progress(demo_store, 2025, scope)
    at = app("pages/8_Target_IP_ASN.py", user="evaluator")
    met = int(progress["met"].fillna(False).astype(bool).sum())
    assert at.main.subheader[0].value.startswith("Target OPD dalam cakupan Anda 2025")
    assert f"{met} dari {len(progress)} tercapai" in at.main.subheader[0].value and len(progress) > 0


def test_a_suppressed_kpi_says_so_in_a_few_characters(app, demo_store):
    from sdm_analytics import accounts
    from sdm_analytics.engine.evaluation import program_summary

    scope = accounts.get(demo_store, "evaluator").scope()
    programs = program_summary(demo_store, Filters.make(2025), replace(scope, role="admin"))  # the counts it hides
    few = programs[(programs["reaction_n"] > 0) & (programs["reaction_n"] < 5)]
    at = app("pages/7_Program.py", user="evaluator", program=str(few["program_code"].iloc[0]))
    assert not at.exception
    assert _metric(at, "Skor reaksi") == "n < 5"
    captions = [c.value for c in at.caption if "n < 5: disembunyikan" in c.value]
    assert captions and not any("n = " in c for c in captions)  # the hidden figure's count is withheld too


def test_the_command_beside_an_evaluators_chart_names_its_opds(app, demo_store):
    from sdm_analytics import accounts

    own = accounts.get(demo_store, "evaluator").opds
    at = app(user="evaluator")
    commands = [c.value for c in at.code if "export-chart opd_ranking" in c.value]
    assert commands and all(f"--opd {code}" in commands[0] for code in own)
    admin = app(user="admin")
    assert not any("--opd" in c.value for c in admin.code if "export-chart opd_ranking" in c.value)


def test_leadership_downloads_charts_without_a_shell_command(app):
    """Issue 14, finding 13: every download menu showed an `export-chart` command, even to leadership; the
    command (with its copy button) is for admins and evaluators, who prepare figures."""
    pimpinan = app(user="pimpinan")
    assert not [c for c in pimpinan.code if "export-chart" in c.value]
    assert [d for d in pimpinan.get("download_button") if d.proto.label == "PNG"]  # the downloads stay
    assert [c for c in app(user="admin").code if "export-chart" in c.value]


def test_an_admin_reads_the_account_log(own_app, own_demo_store):
    from sdm_analytics import accounts

    assert accounts.authenticate(own_demo_store, "pimpinan", "bukan-sandinya") == (None, "wrong")
    at = own_app("pages/11_Akun.py")
    log = at.dataframe[-1].value
    assert list(log.columns) == ["Waktu", "Kejadian", "Nama pengguna", "Oleh", "Rincian"]
    # newest first: the refusal (no one signed in made it: "–"), then the demo's three accounts as the demo made them
    rows = [tuple(r) for r in log[["Kejadian", "Nama pengguna", "Oleh"]].itertuples(index=False)]
    assert rows[0] == ("kata sandi salah", "pimpinan", "–")
    assert sorted(rows[1:]) == [("akun dibuat", name, "demo") for name in ("admin", "evaluator", "pimpinan")]


def test_a_changed_demo_password_is_no_longer_offered(own_app, own_demo_store):
    from sdm_analytics import accounts

    at = own_app(user=None)
    assert "pimpinan-demo-2025" in at.info[0].value
    accounts.set_password(own_demo_store, "pimpinan", "sandi-baru-pimpinan")
    at.run()
    assert "pimpinan-demo-2025" not in at.info[0].value and "admin-demo-2025" in at.info[0].value


def test_a_long_ranking_shows_its_ends_and_the_rest_on_a_click(app, demo_store):
    """55 unit kerja: the weakest 20 and the strongest 20 with a row saying how many are between; a toggle shows
    all of them."""
    from sdm_analytics.engine.metrics import compute_by

    at = app("pages/2_Partisipasi_20_JP.py")
    at.selectbox(key="p2_by").set_value("unit").run()
    assert not at.exception
    by_unit = compute_by(demo_store, Filters.make(2025), "unit", VIEWER, ["jp20_rate"])
    ranked = by_unit[by_unit["jp20_rate"].notna()].sort_values("jp20_rate", kind="stable")
    assert len(ranked) > 40
    fig = next(f for f in figures(at) if "menurut unit kerja" in f["layout"]["title"]["text"])
    keys = fig["data"][0]["customdata"]
    hidden = len(ranked) - 40
    assert len(keys) == 41 and keys[20] is None and fig["layout"]["meta"] == {"hidden_groups": hidden}
    assert fig["data"][0]["y"][20] == f"⋯ {hidden} lainnya di antaranya ⋯"
    assert keys[:20] == list(ranked["unit"][:20]) and keys[21:] == list(ranked["unit"][-20:])
    toggle = at.toggle(key="breakdown_every_bar")
    assert toggle.label == f"Tampilkan semua {len(ranked)} kelompok"
    toggle.set_value(True).run()
    fig = next(f for f in figures(at) if "menurut unit kerja" in f["layout"]["title"]["text"])
    assert fig["data"][0]["customdata"] == list(ranked["unit"]) and fig["layout"]["meta"] == {"hidden_groups": 0}
    assert any("export-chart breakdown" in c.value and "--all-bars" in c.value for c in at.code)


def test_a_long_filter_asks_for_a_search_and_keeps_what_was_chosen(app, demo_store, monkeypatch):
    """A province's or the nation's OPDs (24 000 at national scale) are not sent whole on every rerun: past
    LONG_LIST choices the filter offers the first ones and a search box; a chosen value stays offered."""
    monkeypatch.setattr("sdm_analytics.ui.context.LONG_LIST", 5)
    names = units.unit_names(demo_store)
    at = app()
    total = len(at.sidebar.multiselect(key="w_opd").options)
    assert total == 5 and any(c.value.startswith("5 pertama dari") for c in at.sidebar.caption)
    at.sidebar.text_input(key="q_opd").input("kesehatan").run()
    found = at.sidebar.multiselect(key="w_opd").options
    assert found and all("kesehatan" in label.lower() for label in found)
    assert any(c.value.endswith(f"yang cocok dari {fmt_value(len(units.options(demo_store, VIEWER)['opd']), 'people')}.")
               for c in at.sidebar.caption)
    at.sidebar.multiselect(key="w_opd").set_value(["DINKES"]).run()
    at.sidebar.text_input(key="q_opd").input("").run()
    offered = at.sidebar.multiselect(key="w_opd").options
    assert offered[0] == names["DINKES"] and len(offered) == 6  # the chosen one, then the first five
    assert names["DINKES"] in at.main.caption[0].value  # the page is filtered to it


def _markdown_texts(at: AppTest) -> list[str]:
    """Every text the page hands to Streamlit's Markdown: headings, captions, markdown, alerts, and the labels and
    tooltips of expanders, tabs, metrics and widgets (st.text, st.code, tables and option lists are literal)."""
    out = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None or node.type in ("text", "code") or not hasattr(proto, "DESCRIPTOR"):
            continue
        for field in ("body", "label", "help"):
            if field in proto.DESCRIPTOR.fields_by_name and isinstance(getattr(proto, field), str):
                out.append(getattr(proto, field))
    return out


def _forms_markup(body: str) -> bool:
    """Whether Markdown would make a link, an image, a colour or HTML of the attack in this text."""
    import re

    bare = re.sub(r"\\.", "", body)  # what the parser reads unescaped
    parsed = re.sub(r"\\(.)", r"\1", body)  # what the renderer's own rewrites (bare URLs) read after parsing
    return any(s in bare for s in ("](", "![", ":red[", "<a", "<img", "x.example")) or "http://" in parsed


def _shows_literally(at: AppTest, text: str = ATTACK) -> set[str]:
    """Where the text reads as typed: in Markdown once its escapes are read, st.text, tables, option lists."""
    import re

    found = set()
    if any(text in re.sub(r"\\(.)", r"\1", b).replace("\u2060", "") for b in _markdown_texts(at)):
        found.add("markdown")
    if any(text in t.value for t in at.text):
        found.add("text")
    if any(frame.value.astype(str).apply(lambda c: c.str.contains(text, regex=False)).any().any()
           for frame in at.dataframe):
        found.add("table")
    if any(text in str(o) for box in at.sidebar.multiselect for o in box.options):
        found.add("options")
    return found


def _plotly_markup(spec: str) -> list[str]:
    """Where a chart holds an HTML link or image (for the failure message)."""
    return [spec[max(0, i - 80):i + 40] for i in range(len(spec)) if spec.startswith(("<a ", "<img"), i)][:3]


def _no_markup(at: AppTest) -> None:
    assert not at.exception, at.exception
    bad = [b for b in _markdown_texts(at) if _forms_markup(b)]
    assert bad == [], bad
    for fig in figures(at):  # plotly reads <a href> and <b> in its text: none may come from the data
        for trace in fig["data"]:
            trace.pop("customdata", None)  # the codes a click hands back: never drawn
        spec = json.dumps(fig, ensure_ascii=False)
        assert "<a " not in spec and "<img" not in spec, _plotly_markup(spec)


def test_text_from_the_data_shows_as_typed_everywhere(attacked_store, monkeypatch):
    """A programme title, an organizer, a survey comment, OPD and kecamatan names, a topic and an uploaded file's
    name holding a Markdown link, an image, a :red[] directive and an HTML link are shown as typed: no page makes
    a link, an image, a colour or markup of them, in Markdown or in a chart, and the text itself is there to read."""
    store, code = attacked_store
    app = app_on(store.path, monkeypatch)

    at = app()  # the findings name OPDs; the OPD filter's options and the ranking show their names
    _no_markup(at)
    assert {"text", "options"} <= _shows_literally(at)
    at.sidebar.multiselect(key="w_opd").set_value(["DINKES"]).run()  # the header says what the view is
    _no_markup(at)
    assert "markdown" in _shows_literally(at)

    at = app("pages/7_Program.py", program=code)  # title, organizer, comments
    _no_markup(at)
    assert {"markdown", "text", "table"} <= _shows_literally(at)
    assert any(t.value == f"“{ATTACK}”" for t in at.text)

    at = app("pages/4_Efektivitas_Pelatihan.py")
    _no_markup(at)
    assert "table" in _shows_literally(at)

    at = app("pages/5_Kebutuhan_Pelatihan.py")  # the most underserved topic, named in a sentence
    _no_markup(at)
    assert "markdown" in _shows_literally(at)

    at = app("pages/3_Pemerataan_Akses.py")
    at.selectbox(key="eq_by").set_value("kecamatan").run()  # the gaps' heading names the reference kecamatan
    _no_markup(at)
    assert "markdown" in _shows_literally(at)

    at = app("pages/9_Data.py")
    pegawai = (ROOT / "tests" / "data" / "import" / "pegawai.csv").read_bytes()
    name = ATTACK.replace("/", "|")  # a file name has no slashes
    at.file_uploader(key="data_files").set_value([(f"{name}.csv", pegawai, "text/csv"),
                                                  (f"{name} kosong.csv", b"", "text/csv")]).run()
    _no_markup(at)
    assert all("markdown" in _shows_literally(at, f"{name}{end}") for end in (".csv", " kosong.csv"))
