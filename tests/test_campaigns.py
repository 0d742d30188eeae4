"""Survey campaigns (sdm_analytics/campaigns.py, `surveys` CLI): links issued as hashes only, answers checked
as an import checks them and written once per link, response rates per unit, re-issued and closed links."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pandas as pd
import pytest

from sdm_analytics import campaigns as camp
from sdm_analytics import cli
from sdm_analytics.store import Store

OPEN = dt.datetime(2025, 7, 1, 9, 0)
LATER = dt.datetime(2025, 7, 3, 10, 0)
NIPS = ("198001012005011001", "198502022010012002", "199003032015013003", "199104042019014004")


def _frames() -> dict[str, pd.DataFrame]:
    """Two units, four people (two in each), one programme ended 2025-06-27 with three completers
    (two in BKPSDM, one in DINKES) and one drop-out, and a small questionnaire of each kind."""
    units = pd.DataFrame({"opd_code": ["BKPSDM", "DINKES"], "opd_name": ["BKPSDM", "Dinas Kesehatan"]})
    employees = pd.DataFrame({
        "nip": list(NIPS), "name": ["Ani", "Budi", "Citra", "Dedi"],
        "opd_code": ["BKPSDM", "BKPSDM", "DINKES", "DINKES"],
        "hire_date": ["2005-01-01", "2010-01-01", "2015-01-01", "2019-01-01"]})
    programs = pd.DataFrame({"program_code": ["P1"], "title": ["Pelatihan Data"], "jp": [20],
                             "start_date": ["2025-06-23"], "end_date": ["2025-06-27"]})
    participations = pd.DataFrame({"program_code": ["P1"] * 4, "nip": list(NIPS),
                                   "status": ["completed", "completed", "completed", "dropped"]})
    items = pd.DataFrame({
        "item_code": ["R1", "R2", "RK", "A1", "D1", "NT", "N1"],
        "survey_kind": ["reaction", "reaction", "reaction", "application", "driver", "needs", "needs"],
        "dimension": ["materi", "fasilitator", "komentar", "penerapan", "dukungan_atasan", "topic", "kesenjangan"],
        "text_id": ["Materi relevan", "Fasilitator baik", "Saran", "Saya menerapkan", "Atasan mendukung",
                    "Topik yang dibutuhkan", "Kompetensi cukup"],
        "scale_min": ["1", "1", "", "1", "1", "", "1"], "scale_max": ["5", "5", "", "5", "5", "", "5"]})
    return {"units": units, "employees": employees, "programs": programs, "participations": participations,
            "survey_items": items}


@pytest.fixture
def store(mem_store: Store) -> Store:
    mem_store.replace_all(_frames())
    return mem_store


def _responses(store: Store) -> pd.DataFrame:
    return store.df("SELECT * FROM survey_responses ORDER BY response_id, item_code, choice")


def test_a_reaction_campaign_links_every_completer_and_stores_only_hashes(store):
    cid, links = camp.open_campaign(store, "reaction", "P1", now=OPEN)
    assert cid == "L1-P1-1"
    assert sorted(links["nip"]) == sorted(NIPS[:3])  # the drop-out gets no link
    assert set(links["role"]) == {"self"} and links["token"].is_unique
    stored = store.df("SELECT * FROM campaign_links ORDER BY link_id")
    assert len(stored) == 3 and sorted(stored["recipient_nip"]) == sorted(NIPS[:3])
    assert set(stored["token_hash"]) == {camp.token_hash(tok) for tok in links["token"]}
    for tok in links["token"]:  # no column of any campaign table holds a token
        for table in ("campaigns", "campaign_links"):
            assert not store.scalar(f"SELECT count(*) FROM {table} AS x WHERE contains(CAST(x AS VARCHAR), $t)",
                                    {"t": tok})


def test_submit_writes_the_answers_once_per_link_and_a_second_submission_edits(store):
    cid, links = camp.open_campaign(store, "reaction", "P1", now=OPEN)
    first = links.iloc[0]
    rid = camp.submit(store, first.token, {"R1": 4, "R2": 5}, "Bagus", now=LATER)
    assert rid == f"{cid}-1"
    rows = _responses(store)
    assert list(rows["item_code"]) == ["R1", "R2", "RK"]
    assert set(rows["nip"]) == {first.nip} and set(rows["program_code"]) == {"P1"}
    assert set(rows["respondent_role"]) == {"self"} and set(rows["unit_code"]) == {first.unit_code}
    assert rows.loc[rows.item_code == "RK", "answer_text"].item() == "Bagus"
    assert store.scalar("SELECT answered_at FROM campaign_links WHERE link_id = 1") == LATER
    camp.submit(store, first.token, {"R1": 2, "R2": 3}, "Kurang", now=LATER + dt.timedelta(hours=1))
    again = _responses(store)
    assert len(again) == 3 and list(again["value"].dropna()) == [2.0, 3.0]
    assert again.loc[again.item_code == "RK", "answer_text"].item() == "Kurang"


@pytest.mark.parametrize("case", ["forged", "expired", "closed"])
def test_a_wrong_expired_or_closed_link_is_refused_and_writes_nothing(store, case):
    cid, links = camp.open_campaign(store, "reaction", "P1", days_open=30, now=OPEN)
    token, when = links["token"][0], LATER
    if case == "forged":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif case == "expired":
        when = OPEN + dt.timedelta(days=30, seconds=1)
    else:
        assert camp.close(store, cid, now=LATER)
    state = {"forged": "unknown"}.get(case, case)
    link = camp.link_for(store, token, now=when)
    assert link.state == state and link.items.empty and link.campaign_id in (None, cid)
    version = store.version
    with pytest.raises(camp.CampaignError) as refused:
        camp.submit(store, token, {"R1": 4}, now=when)
    assert refused.value.key == f"survey.link_{state}"
    assert _responses(store).empty and store.version == version
    assert store.scalar("SELECT count(answered_at) FROM campaign_links") == 0


def test_an_anonymous_campaign_stores_no_nip_and_a_second_answer_edits(store):
    cid, links = camp.open_campaign(store, "needs", year=2025, anonymous=True, now=OPEN)
    assert cid == "TNA-2025-1" and sorted(links["nip"]) == sorted(NIPS)  # the file names them, to hand out
    stored = store.df("SELECT * FROM campaign_links")
    assert stored["recipient_nip"].isna().all() and stored["about_nip"].isna().all()
    token = links["token"][0]
    rid = camp.submit(store, token, {"NT": ["digitalisasi", "kesehatan"], "N1": 2}, now=LATER)
    camp.submit(store, token, {"NT": ["integritas"], "N1": 4}, now=LATER)
    rows = _responses(store)
    assert rid.startswith("anon-") and not rid.startswith(cid) and camp.token_hash(token)[:32] not in rid
    assert rows["nip"].isna().all() and rows["program_code"].isna().all()
    assert list(rows["answer_text"].dropna()) == ["integritas"] and list(rows["value"].dropna()) == [4.0]
    assert set(rows["unit_code"]) == {links["unit_code"][0]}
    assert set(rows["submitted_at"]) == {dt.datetime(2025, 7, 3)}  # the day only, like the link's answered_at
    # two units of two recipients each: per unit, one answer would say which of two people answered; below
    # SDM_MIN_RESPONDENTS (5) the units are pooled, and the pool being that small too, the campaign is one row
    assert camp.missing(store, cid).to_dict("list") == {"unit_code": [None], "missing": [3]}
    whole = camp.status(store, cid)
    assert whole[["unit_code", "recipients", "answered"]].to_dict("list") == {
        "unit_code": [None], "recipients": [4], "answered": [1]}
    per_unit = camp.status(store, cid, min_group=2)  # units as large as the minimum are shown
    assert per_unit["unit_code"].tolist() == ["BKPSDM", "DINKES"] and per_unit["recipients"].tolist() == [2, 2]


@pytest.mark.parametrize("answers, item, reason", [
    ({"R1": 6}, "R1", "ingest.reason_value_scale"),
    ({"R1": 0, "R2": 3}, "R1", "ingest.reason_value_scale"),
    ({"R1": "lima"}, "R1", "survey.value_not_number"),
    ({"A1": 3}, "A1", "survey.item_not_asked"),
])
def test_an_answer_an_import_would_refuse_is_refused_with_its_item(store, answers, item, reason):
    _, links = camp.open_campaign(store, "reaction", "P1", now=OPEN)
    with pytest.raises(camp.CampaignError) as refused:
        camp.submit(store, links["token"][0], answers, now=LATER)
    assert refused.value.problems[0][:2] == (item, reason)
    assert refused.value.message("id").startswith("jawaban tidak dapat disimpan: " + item)
    assert refused.value.message("en").startswith("the answers cannot be saved: " + item)
    assert _responses(store).empty


def test_a_choice_must_be_a_known_option(store):
    _, links = camp.open_campaign(store, "needs", now=OPEN)
    with pytest.raises(camp.CampaignError) as refused:
        camp.submit(store, links["token"][0], {"NT": ["digitalisasi", "memasak"]}, now=LATER)
    assert refused.value.problems == [("NT", "survey.unknown_option", "memasak")]


def test_status_gives_answered_and_recipients_per_unit(store):
    cid, links = camp.open_campaign(store, "application", "P1", now=OPEN)
    # 3 completers: a self and a supervisor link each; BKPSDM holds 2 alumni (4 links), DINKES 1 (2 links)
    assert list(links["role"]).count("supervisor") == 3 and links.loc[links.role == "supervisor", "nip"].isna().all()
    bk = links[links.unit_code == "BKPSDM"]
    camp.submit(store, bk["token"].iloc[0], {"A1": 4, "D1": 3}, now=LATER)
    camp.submit(store, bk["token"].iloc[1], {"A1": 5}, now=LATER)
    camp.submit(store, links[links.unit_code == "DINKES"]["token"].iloc[0], {"A1": 2}, now=LATER)
    got = camp.status(store, cid)[["unit_code", "recipients", "answered", "rate"]]
    assert got.to_dict("list") == {"unit_code": ["BKPSDM", "DINKES"], "recipients": [4, 2], "answered": [2, 1],
                                   "rate": [0.5, 0.5]}
    assert len(camp.missing(store, cid)) == 3


def test_reissued_links_replace_the_old_ones_of_those_who_have_not_answered(store):
    cid, links = camp.open_campaign(store, "reaction", "P1", now=OPEN)
    camp.submit(store, links["token"][0], {"R1": 4}, now=LATER)
    fresh = camp.reissue(store, cid, now=LATER)
    assert sorted(fresh["nip"]) == sorted(links["nip"][1:])  # the one who answered keeps their link
    assert camp.link_for(store, links["token"][1], now=LATER).state == "unknown"
    assert camp.link_for(store, fresh["token"].iloc[0], now=LATER).state == "ok"
    assert camp.link_for(store, links["token"][0], now=LATER).state == "ok"


def test_due_lists_l1_after_the_end_and_l3_after_the_lag(store):
    assert camp.due(store, dt.date(2025, 6, 27)).empty
    assert camp.due(store, dt.date(2025, 6, 28))[["kind", "recipients"]].values.tolist() == [["reaction", 3]]
    assert camp.due(store, dt.date(2025, 8, 26))["kind"].tolist() == ["reaction"]  # day 60: still due
    later = camp.due(store, dt.date(2025, 9, 25), lag=90)  # day 90: L3 due; L1's 60 days are over
    assert later["kind"].tolist() == ["application"]
    camp.open_campaign(store, "reaction", "P1", now=OPEN)
    assert camp.due(store, dt.date(2025, 9, 25))["kind"].tolist() == ["application"]
    assert camp.due(store, dt.date(2025, 11, 25)).empty  # 151 days on: history, no survey to send


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_surveys_command_end_to_end_on_the_demo_store(own_demo_db, tmp_path, capsys):
    probe = Store(own_demo_db, read_only=True)
    program = probe.scalar("SELECT program_code FROM participations WHERE status = 'completed' "
                           "GROUP BY program_code HAVING count(*) BETWEEN 3 AND 30 ORDER BY program_code LIMIT 1")
    completers = probe.scalar("SELECT count(*) FROM participations WHERE program_code = $p AND status = 'completed'",
                              {"p": program})
    probe.close()
    db = ("--db", own_demo_db)
    code, out, _ = _cli(capsys, *db, "surveys", "due", "--today", "2026-06-30", "--format", "json")
    assert code == 0 and out.startswith("[")
    out_file = tmp_path / "links.csv"
    code, out, _ = _cli(capsys, *db, "surveys", "open", "--kind", "reaction", "--program", program,
                        "--out", str(out_file), "--base-url", "https://sdm.serangkota.go.id/")
    assert code == 0
    with out_file.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == completers and rows[0]["tautan"].startswith("https://sdm.serangkota.go.id/Isi_Survei?t=")
    cid = f"L1-{program}-1"
    token = rows[0]["tautan"].split("?t=")[1]
    store = Store(own_demo_db)
    assert camp.link_for(store, token).state == "ok" and camp.submit(store, token, {"R_MAT_1": 4}) == f"{cid}-1"
    store.close()
    code, out, _ = _cli(capsys, *db, "surveys", "status", cid, "--format", "json")
    assert code == 0 and sum(r["answered"] for r in json.loads(out)) == 1
    again = tmp_path / "again.csv"
    assert _cli(capsys, *db, "surveys", "links", cid, "--out", str(again))[0] == 0
    assert len(again.read_text(encoding="utf-8").splitlines()) == completers  # a header + all but the one answered
    assert _cli(capsys, *db, "surveys", "close", cid)[0] == 0
    code, _, err = _cli(capsys, *db, "surveys", "links", cid, "--out", str(again))
    assert code == 2 and err.strip() == f"galat: kampanye {cid} sudah ditutup"
    code, _, err = _cli(capsys, *db, "surveys", "open", "--kind", "reaction", "--program", "NOPE",
                        "--out", str(again), "--lang", "en")
    assert code == 2 and err.strip() == "error: unknown program code: NOPE"
    code, _, err = _cli(capsys, *db, "surveys", "status", "--missing", "--lang", "en")
    assert code == 2 and err.strip() == "error: --missing needs a campaign id"


def _with_supervisors(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Ani supervises Budi (BKPSDM), Dedi supervises Citra (DINKES); Ani's supervisor is not known."""
    frames["employees"] = frames["employees"].assign(supervisor_nip=[None, NIPS[0], NIPS[3], None])
    return frames


def test_a_supervisor_link_names_the_known_supervisor_else_stays_empty(mem_store, tmp_path, capsys):
    mem_store.replace_all(_with_supervisors(_frames()))
    cid, links = camp.open_campaign(mem_store, "application", "P1", now=OPEN)
    sup = links[links.role == "supervisor"].set_index("about_nip")
    assert sup.loc[NIPS[1], ["name", "nip"]].tolist() == ["Ani", NIPS[0]]
    assert sup.loc[NIPS[2], ["name", "nip"]].tolist() == ["Dedi", NIPS[3]]
    assert sup.loc[NIPS[0], ["name", "nip"]].isna().all()  # no supervisor known: for the unit head
    stored = dict(mem_store.rows("SELECT about_nip, recipient_nip FROM campaign_links "
                                 "WHERE campaign_id = $c AND respondent_role = 'supervisor'", {"c": cid}))
    assert stored == {NIPS[0]: None, NIPS[1]: NIPS[0], NIPS[2]: NIPS[3]}
    reminder = camp.missing(mem_store, cid).query("role == 'supervisor'").set_index("about_nip")
    assert reminder.loc[NIPS[1], ["name", "nip"]].tolist() == ["Ani", NIPS[0]]
    # the links file the CLI writes names them too
    db = tmp_path / "sdm.duckdb"
    file_store = Store(str(db))
    file_store.replace_all(_with_supervisors(_frames()))
    file_store.close()
    out_file = tmp_path / "links.csv"
    code, _, _ = _cli(capsys, "--db", str(db), "surveys", "open", "--kind", "application", "--program", "P1",
                      "--out", str(out_file), "--lang", "en")
    assert code == 0
    with out_file.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    by_role = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(by_role) == 6
    named = {tuple(r.values())[:2] for r in by_role if tuple(r.values())[3] == "supervisor"}
    assert named == {("Ani", NIPS[0]), ("Dedi", NIPS[3]), ("", "")}


def test_an_anonymous_application_campaign_stores_no_supervisor_nip(mem_store):
    mem_store.replace_all(_with_supervisors(_frames()))
    cid, links = camp.open_campaign(mem_store, "application", "P1", anonymous=True, now=OPEN)
    assert set(links.loc[links.role == "supervisor", "nip"].dropna()) == {NIPS[0], NIPS[3]}  # the file only
    stored = mem_store.df("SELECT * FROM campaign_links WHERE campaign_id = $c", {"c": cid})
    assert len(stored) == 6 and stored["recipient_nip"].isna().all() and stored["about_nip"].isna().all()


def test_a_programme_campaign_limited_to_opds_asks_only_their_people(store):
    """An evaluator opens a campaign for a programme shared with other OPDs: only its own people get links."""
    everyone = camp.open_campaign(store, "reaction", "P1", now=OPEN)[1]
    units = sorted(set(everyone["unit_code"]))
    assert len(units) > 1
    own = camp.open_campaign(store, "application", "P1", opd=(units[0],), now=OPEN)[1]
    assert set(own["unit_code"]) == {units[0]} and len(own) < 2 * len(everyone)
