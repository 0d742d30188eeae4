"""The Survei page: who sees it, the programmes due, opening a campaign from the page (its links offered once),
the response rates, and an evaluator kept to its OPDs."""

from __future__ import annotations

import pytest
from test_pages import app_on

from sdm_analytics import accounts, campaigns
from sdm_analytics.engine.units import units_under
from sdm_analytics.present import export, survey_links

PAGE = "pages/12_Survei.py"


@pytest.fixture
def survey_app(own_demo_store, monkeypatch):
    return app_on(own_demo_store.path, monkeypatch)


def _table(at, first_column: str):
    """The page's table whose first column is first_column (the due list, the campaigns, …)."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def _links(at) -> list[str]:
    return [link.proto.page for link in at.sidebar.get("page_link")]


@pytest.mark.parametrize("role,sees", [("admin", True), ("evaluator", True), ("pimpinan", False)])
def test_the_menu_shows_the_page_to_admin_and_evaluator_only(survey_app, role, sees):
    at = survey_app(user=role)
    assert ("Survei" in _links(at)) == sees
    at.switch_page(PAGE).run()
    assert not at.exception
    if sees:
        assert at.title[0].value == "Survei" and not at.error
    else:
        assert "hanya untuk peran: admin, evaluator" in at.error[0].value and not at.get("selectbox")


def test_the_due_table_lists_the_programmes_due_on_the_datas_date(survey_app, own_demo_store):
    at = survey_app(PAGE)
    due = campaigns.due(own_demo_store, own_demo_store.as_of())
    assert len(due) > 0
    shown = _table(at, "Kode program")
    assert list(shown["Kode program"]) == list(due["program_code"])


def test_opening_a_campaign_writes_it_and_offers_its_links_once(survey_app, own_demo_store):
    at = survey_app(PAGE)
    due = campaigns.due(own_demo_store, own_demo_store.as_of())
    first = due[due["kind"] == "reaction"].iloc[0]
    at.selectbox(key="sv_kind").set_value("reaction").run()
    at.selectbox(key="sv_program").set_value(first["program_code"]).run()
    at.button(key="sv_open").click().run()
    assert not at.exception and not at.error
    opened = own_demo_store.df("SELECT campaign_id, program_code, opened_by FROM campaigns")
    assert list(opened["program_code"]) == [first["program_code"]] and list(opened["opened_by"]) == ["admin"]
    cid, links = at.session_state["survey_links"]
    assert cid == opened["campaign_id"][0] and len(links) == first["recipients"]
    assert list(links.columns) == ["nama", "nip", "unit_kerja", "peran", "tentang_nip", "tentang_nama", "tautan"]
    assert links["tautan"].str.contains(f"/{survey_links.QUESTIONNAIRE_PAGE}?t=", regex=False).all()
    assert any("hanya ditampilkan sekali" in w.value for w in at.warning)
    assert [b.proto.label for b in at.get("download_button") if "sv_links_csv" in b.proto.id] == [
        "Unduh CSV", "Unduh XLSX"]
    assert len(export.table_csv(links).decode("utf-8-sig").strip().splitlines()) == len(links) + 1
    status = _table(at, "Kampanye")
    row = status[status["Kampanye"] == cid].iloc[0]
    assert row["Tingkat respons"].endswith(f"(0 dari {first['recipients']})") and row["Status"] == "Dibuka"
    at.button(key="sv_links_hide").click().run()
    assert "survey_links" not in at.session_state and not any("sekali" in w.value for w in at.warning)


def test_closing_needs_a_confirmation(survey_app, own_demo_store):
    due = campaigns.due(own_demo_store, own_demo_store.as_of())
    cid, _ = campaigns.open_campaign(own_demo_store, "reaction", due["program_code"].iloc[0], opened_by="admin")
    at = survey_app(PAGE)
    assert at.button(key="sv_close").disabled
    at.checkbox(key="sv_close_sure").check().run()
    at.button(key="sv_close").click().run()
    assert campaigns.status(own_demo_store, cid)["closed"].all()
    assert _table(at, "Kampanye")["Status"].tolist() == ["Ditutup"]


def test_an_evaluator_sees_only_its_opds_programmes_due(survey_app, own_demo_store):
    scope = accounts.get(own_demo_store, "evaluator").scope()
    units = units_under(own_demo_store, scope.opds)
    at = survey_app(PAGE, user="evaluator")
    assert not at.exception and not at.error
    shown = set(_table(at, "Kode program")["Kode program"])
    due = set(campaigns.due(own_demo_store, own_demo_store.as_of())["program_code"])
    ours = {c for c in due if own_demo_store.scalar(
        "SELECT count(*) FROM participations AS pa JOIN employees AS e ON e.nip = pa.nip "
        "WHERE pa.program_code = $p AND pa.status = 'completed' AND list_contains($u, e.opd_code)",
        {"p": c, "u": sorted(units)})}
    assert shown == ours and 0 < len(shown) < len(due)


def test_links_take_the_public_address_else_the_pages_own(monkeypatch):
    monkeypatch.delenv(survey_links.PUBLIC_URL_ENV, raising=False)
    assert survey_links.base_url(page_url="https://sdm.example.id/app/Survei?lang=en") == "https://sdm.example.id/app"
    assert survey_links.base_url() == survey_links.LOCAL_URL
    monkeypatch.setenv(survey_links.PUBLIC_URL_ENV, "https://survei.serangkota.go.id/")
    assert survey_links.base_url(page_url="http://10.0.0.1:8501/Survei") == "https://survei.serangkota.go.id"


def test_opening_a_campaign_keeps_the_datas_date(own_demo_store):
    """A campaign is not a data delivery: the as-of date (what is due, what the pages say) stays the data's."""
    before = own_demo_store.as_of()
    due = campaigns.due(own_demo_store, before)
    campaigns.open_campaign(own_demo_store, "reaction", due["program_code"].iloc[0], opened_by="admin")
    assert own_demo_store.as_of() == before
