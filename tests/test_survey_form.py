"""The questionnaire of a survey link (sdm_analytics/server/survey.py): opened without signing in, answered,
edited, refused for a forged, expired or closed link, protected from cross-site posts; and once in Chromium
on a phone-sized screen."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from sdm_analytics import campaigns as camp
from sdm_analytics import questionnaire
from sdm_analytics.engine import metrics
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.server import survey
from sdm_analytics.server.web import MIDDLEWARE, ROUTES

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("SDM_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
APPLICATION = ("A_DAM_1", "A_DAM_2", "A_PEN_1", "A_PEN_2", "D_DUK_1", "D_KES_1", "D_SAR_1")


@pytest.fixture
def site(own_demo_store, own_demo_db, monkeypatch):
    """The web layer (its routes behind its gate) on this test's own demo store, no session: (client, store)."""
    monkeypatch.setenv("SDM_DB", own_demo_db)
    app = Starlette(routes=ROUTES, middleware=MIDDLEWARE)
    with TestClient(app, base_url="http://testserver") as client:
        yield client, own_demo_store


def _program(store) -> tuple[str, str, int]:
    """A demo programme with a few completers and no application answer yet: (code, title, end year)."""
    return store.rows(
        """
        SELECT pr.program_code, pr.title, year(pr.end_date)
        FROM programs AS pr
        JOIN participations AS pa ON pa.program_code = pr.program_code AND pa.status = 'completed'
        WHERE NOT EXISTS (SELECT 1 FROM survey_responses AS r WHERE r.program_code = pr.program_code
                          AND r.item_code LIKE 'A_%')
        GROUP BY ALL
        HAVING count(*) BETWEEN 5 AND 40
        ORDER BY pr.program_code
        LIMIT 1
        """)[0]


def _csrf(page) -> str:
    return re.search(r"name='csrf' value='([^']+)'", page.text).group(1)


def _post(client, token: str, answers: dict, csrf: str | None = None, **extra):
    data = {"t": token, "lang": "id", **({"csrf": csrf} if csrf is not None else {}), **answers, **extra}
    return client.post("/Isi_Survei", data=data)


def _answer(client, token: str, answers: dict, comment: str = ""):
    page = client.get(f"/Isi_Survei?t={token}")
    assert page.status_code == 200
    return _post(client, token, answers, _csrf(page), comment=comment)


def test_a_link_opens_its_questionnaire_without_signing_in_and_the_answer_reaches_the_figures(site):
    client, store = site
    code, title, year = _program(store)
    cid, links = camp.open_campaign(store, "application", code, days_open=30)
    self_link = links[links.role == "self"].iloc[0]
    page = client.get(f"/Isi_Survei?t={self_link.token}")
    assert page.status_code == 200
    body = page.text
    assert title in body or title.replace("&", "&amp;") in body
    items = store.df("SELECT text_id FROM survey_items WHERE survey_kind IN ('application', 'driver')")
    assert all(text in body for text in items["text_id"])
    assert "Sangat tidak setuju" in body and "Sangat setuju" in body and "<a " not in body and "<script" not in body
    assert "tentang alumni" not in body  # a self link is about its recipient
    assert "script-src" not in page.headers["content-security-policy"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    scope, filters = Scope.everything(role="admin"), Filters.make(year, {"program": [code]})
    before = metrics.compute(store, filters, scope, ["application_rate"]).n["application_rate"] or 0
    done = _answer(client, self_link.token, {c: "4" for c in APPLICATION})
    assert done.status_code == 200 and "Terima kasih, jawaban Anda tersimpan" in done.text
    rows = store.df("SELECT * FROM survey_responses WHERE response_id = $r", {"r": f"{cid}-{int(self_link.name) + 1}"})
    assert len(rows) == len(APPLICATION) and set(rows["value"]) == {4.0} and set(rows["nip"]) == {self_link.nip}
    after = metrics.compute(store, filters, scope, ["application_rate"]).n["application_rate"]
    assert after == before + 1
    again = client.get(f"/Isi_Survei?t={self_link.token}")  # pre-filled, editable until the campaign closes
    closes = store.scalar("SELECT closes_at FROM campaigns WHERE campaign_id = $c", {"c": cid}).date()
    assert "dapat diubah sampai" in again.text and str(closes.year) in again.text
    assert again.text.count("value='4' checked") == len(APPLICATION)
    edited = _post(client, self_link.token, {c: "2" for c in APPLICATION}, _csrf(again))
    assert edited.status_code == 200
    rows = store.df("SELECT * FROM survey_responses WHERE program_code = $p AND nip = $n AND item_code LIKE 'A_%'",
                    {"p": code, "n": self_link.nip})
    assert len(rows) == 4 and set(rows["value"]) == {2.0}


def test_a_supervisor_link_names_the_alumnus_and_english_is_one_parameter_away(site):
    client, store = site
    code, _, _ = _program(store)
    _, links = camp.open_campaign(store, "application", code)
    boss = links[links.role == "supervisor"].iloc[0]
    body = client.get(f"/Isi_Survei?t={boss.token}").text
    assert f"tentang alumni: {boss.about_name}" in body.replace("&#x27;", "'")
    english = client.get(f"/isi-survei?t={boss.token}&lang=en").text
    assert "Strongly disagree" in english and "Send my answers" in english and "<html lang='en'>" in english


def test_a_refused_answer_shows_the_form_again_with_its_row_and_the_values_kept(site):
    client, store = site
    code, _, _ = _program(store)
    _, links = camp.open_campaign(store, "application", code)
    token = links["token"].iloc[0]
    page = client.get(f"/Isi_Survei?t={token}")
    refused = _post(client, token, {"A_DAM_1": "9", "A_PEN_1": "3"}, _csrf(page))
    assert refused.status_code == 422 and "Jawaban belum tersimpan" in refused.text
    assert "Butir 1:" in refused.text and "value='3' checked" in refused.text
    nothing = _post(client, token, {}, _csrf(page))  # a Likert item may be skipped, but not all of them
    assert nothing.status_code == 422 and "belum ada jawaban" in nothing.text
    assert store.scalar("SELECT count(*) FROM survey_responses WHERE program_code = $p AND item_code LIKE 'A_%'",
                        {"p": code}) == 0


@pytest.mark.parametrize("case", ["missing", "wrong"])
def test_a_post_without_the_form_s_own_token_writes_nothing(site, case):
    client, store = site
    code, _, _ = _program(store)
    _, links = camp.open_campaign(store, "application", code)
    token, other = links["token"].iloc[0], links["token"].iloc[1]
    client.get(f"/Isi_Survei?t={token}")  # the browser holds its cookie
    csrf = None if case == "missing" else _csrf(client.get(f"/Isi_Survei?t={other}"))  # another link's token
    posted = _post(client, token, {"A_DAM_1": "4"}, csrf)
    assert posted.status_code == {"missing": 400, "wrong": 403}[case] and "kedaluwarsa" in posted.text
    assert store.scalar("SELECT count(*) FROM survey_responses WHERE program_code = $p", {"p": code}) == 0


def test_forged_tokens_get_one_polite_page_with_no_campaign_data(site):
    client, store = site
    code, title, _ = _program(store)
    camp.open_campaign(store, "application", code)
    bodies = set()
    for _ in range(10):
        page = client.get(f"/Isi_Survei?t={secrets.token_urlsafe(32)}")
        assert page.status_code == 404 and title not in page.text and "<form" not in page.text
        bodies.add(page.text)
    posted = client.post("/Isi_Survei", data={"t": secrets.token_urlsafe(32), "A_DAM_1": "4"})
    bodies.add(posted.text)
    assert posted.status_code == 404
    none = client.get("/Isi_Survei")
    assert none.status_code == 404 and "Tautan survei ini tidak dikenal" in none.text
    assert bodies == {none.text}  # one page, whatever the token


@pytest.mark.parametrize("case", ["expired", "closed"])
def test_an_expired_or_closed_link_gets_its_own_message_and_410(site, monkeypatch, case):
    client, store = site
    code, title, _ = _program(store)
    opened = dt.datetime(2025, 7, 1, 9, 0)
    cid, links = camp.open_campaign(store, "application", code, days_open=30, now=opened)
    token = links["token"].iloc[0]
    monkeypatch.setattr(survey, "clock", lambda: opened + dt.timedelta(days=2))
    page = client.get(f"/Isi_Survei?t={token}")
    assert page.status_code == 200
    if case == "expired":
        monkeypatch.setattr(survey, "clock", lambda: opened + dt.timedelta(days=31))
        message = "Masa pengisian survei ini sudah berakhir"
    else:
        camp.close(store, cid)
        message = "Survei ini sudah ditutup"
    shut = client.get(f"/Isi_Survei?t={token}")
    assert shut.status_code == 410 and message in shut.text and title not in shut.text and "<form" not in shut.text
    posted = _post(client, token, {"A_DAM_1": "4"}, _csrf(page))
    assert posted.status_code == 410
    assert store.scalar("SELECT count(*) FROM survey_responses WHERE program_code = $p", {"p": code}) == 0


def test_an_anonymous_needs_survey_keeps_no_nip_and_a_second_answer_edits(site):
    client, store = site
    cid, links = camp.open_campaign(store, "needs", year=2025, opd=["BKPSDM"], anonymous=True)
    token = links["token"].iloc[0]
    page = client.get(f"/Isi_Survei?t={token}")
    assert "Tahun 2025" in page.text and "type='checkbox' name='NEEDS_TOPIC'" in page.text
    assert "type='radio' name='NEEDS_MODE'" in page.text and "Pengadaan barang/jasa" in page.text
    assert "tentang alumni" not in page.text and "<textarea" not in page.text  # no free item in a needs survey
    done = _post(client, token, {"N_KEB_1": "2", "NEEDS_TOPIC": ["digitalisasi", "kesehatan"],
                                 "NEEDS_MODE": "daring"}, _csrf(page))
    assert done.status_code == 200 and "Terima kasih" in done.text
    link = camp.link_for(store, token)
    rid = questionnaire.response_id(token, link)
    rows = store.df("SELECT * FROM survey_responses WHERE response_id = $r ORDER BY item_code, choice", {"r": rid})
    assert len(rows) == 4 and rows["nip"].isna().all() and rid.startswith("anon-")
    again = client.get(f"/Isi_Survei?t={token}")  # pre-filled through the same derivation as submit's
    assert "value='digitalisasi' checked" in again.text and "value='daring' checked" in again.text
    _post(client, token, {"NEEDS_TOPIC": ["integritas"], "N_KEB_1": "5"}, _csrf(again))
    rows = store.df("SELECT * FROM survey_responses WHERE response_id = $r", {"r": rid})
    assert len(rows) == 2 and set(rows["answer_text"].dropna()) == {"integritas"}
    assert store.scalar("SELECT count(answered_at) FROM campaign_links WHERE campaign_id = $c", {"c": cid}) == 1


def test_a_reaction_survey_has_its_comment_box_and_text_from_data_is_escaped(site):
    client, store = site
    code, _, _ = _program(store)
    with store.transaction() as cur:
        cur.execute("UPDATE programs SET title = '<b>Judul</b> & <script>x</script>' WHERE program_code = $p",
                    {"p": code})
    _, links = camp.open_campaign(store, "reaction", code)
    token = links["token"].iloc[0]
    page = client.get(f"/Isi_Survei?t={token}")
    assert "&lt;b&gt;Judul&lt;/b&gt; &amp; &lt;script&gt;" in page.text and "<script" not in page.text
    assert "<textarea" in page.text and "Saran dan komentar" in page.text
    done = _post(client, token, {"R_MAT_1": "5"}, _csrf(page), comment="<i>Bagus</i>")
    assert done.status_code == 200
    again = client.get(f"/Isi_Survei?t={token}").text
    assert "&lt;i&gt;Bagus&lt;/i&gt;</textarea>" in again


# -- in a browser ------------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_a_phone_opens_answers_and_is_thanked_and_forged_links_show_only_the_message(own_demo_db, tmp_path,
                                                                                      serve_app):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    from sdm_analytics.store import Store

    store = Store(own_demo_db)
    code, title, _ = _program(store)
    _, links = camp.open_campaign(store, "application", code)
    token = links[links.role == "supervisor"]["token"].iloc[0]
    store.close()
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    with serve_app(own_demo_db, tmp_path) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        page.goto(f"{url}/Isi_Survei?t={token}")
        assert page.locator("h1").inner_text() == "Survei penerapan hasil pelatihan"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # one column, no sideways scroll
        for number, item in enumerate(APPLICATION):
            page.locator(f"label.pt:has(input[name='{item}'][value='{4 + number % 2}'])").click()
        page.screenshot(path=str(artifacts / "survey_form_390.png"), full_page=True)
        page.locator("button[type=submit]").click()
        assert "Terima kasih, jawaban Anda tersimpan" in page.locator("main").inner_text()
        page.screenshot(path=str(artifacts / "survey_thanks_390.png"))
        for _ in range(10):
            response = page.goto(f"{url}/Isi_Survei?t={secrets.token_urlsafe(32)}")
            text = page.locator("main").inner_text()
            assert response.status == 404 and "Tautan survei ini tidak dikenal" in text and title not in text
            assert page.locator("a, form, img, canvas").count() == 0
        page.screenshot(path=str(artifacts / "survey_forged_390.png"))
        browser.close()
    assert outside == []
    answered = Store(own_demo_db, read_only=True)
    assert answered.scalar("SELECT count(*) FROM survey_responses WHERE program_code = $p AND respondent_role = "
                           "'supervisor'", {"p": code}) == len(APPLICATION)
    answered.close()
