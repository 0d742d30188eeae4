"""Suppression that survives subtraction (docs/metrics.md § 5), on small hand-made stores.

The attack it stops: a programme's reaction score of everyone (n = 6) and of its PNS (n = 5) give the one
PPPK's answer as 6 × all − 5 × PNS. For every role but admin the engine hides a survey figure whose wider view
holds 1 to K − 1 respondents more (the complement rule), hides a second group of a breakdown with one hidden
group, withholds the n of what it hides, and a download carries no more decimals than the page.
"""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from sdm_analytics.engine import api, evaluation, privacy
from sdm_analytics.engine.metrics import compute, compute_by, compute_by_filters
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.settings import Settings

SETTINGS = Settings()  # K = 5
ADMIN = Scope.everything("admin")
LEADER = Scope.everything("pimpinan")
EVALUATOR = Scope.of(["A"], "evaluator")
NON_ADMINS = pytest.mark.parametrize("scope", [LEADER, EVALUATOR], ids=["pimpinan", "evaluator"])
PX = Filters.make(2025, {"program": ["PX"]})  # the Programme page's one programme


def _nip(i: int) -> str:
    return f"1985010120100110{i:02d}"


def _load(store, people: list[dict], answers: list[tuple[str, int | None, float]],
          programmes: tuple[str, ...] = ("PX",)) -> None:
    """People of OPD A (each a dict of employee columns over the defaults: a PNS woman, pelaksana) who all
    completed every programme, and reaction answers (programme, person's index or None for anonymous, value)."""
    employees = pd.DataFrame([{"nip": _nip(i), "name": f"P{i}", "opd_code": "A", "hire_date": "2010-01-01",
                               "employment_type": "PNS", "gender": "P", "position_type": "pelaksana",
                               "rank_group": "III/a", **p} for i, p in enumerate(people)])
    rows = [dict(response_id=f"R{j}", item_code="R1", nip=None if who is None else _nip(who), program_code=code,
                 respondent_role="self", submitted_at="2025-03-01 10:00:00", value=value, answer_text=None)
            for j, (code, who, value) in enumerate(answers)]
    store.replace_all({
        "units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["Dinas A"], "area": ["urban"]}),
        "employees": employees,
        "programs": pd.DataFrame({"program_code": list(programmes), "title": list(programmes), "category": "teknis",
                                  "topic": "digitalisasi", "mode": "daring", "organizer": "BKPSDM", "jp": 20.0,
                                  "start_date": "2025-03-01", "end_date": "2025-03-01",
                                  "cost_per_participant": 1_000_000.0}),
        "participations": pd.DataFrame([{"program_code": c, "nip": n, "status": "completed"}
                                        for c in programmes for n in employees["nip"]]),
        "survey_items": pd.DataFrame({"item_code": ["R1"], "survey_kind": "reaction", "dimension": "materi",
                                      "scale_min": 1, "scale_max": 5}),
        "survey_responses": pd.DataFrame(rows),
    })


@pytest.fixture
def attack(mem_store):
    """Programme PX, 6 respondents: 5 PNS answering 4, 5, 4, 5, 4 (mean 4,4) and 1 PPPK answering 1.
    Everyone: 23 / 6 = 3,8333…; 6 × all − 5 × PNS = 23 − 22 = 1, the PPPK's own answer."""
    people = [{} for _ in range(5)] + [{"employment_type": "PPPK", "rank_group": "IX"}]
    _load(mem_store, people, [("PX", i, v) for i, v in enumerate([4, 5, 4, 5, 4, 1])])
    return mem_store


def _pns(filters: Filters) -> Filters:
    return filters.with_value("employment_type", ["PNS"])


def test_admin_sees_every_figure_and_the_subtraction_works(attack):
    total = compute(attack, PX, ADMIN, ["reaction_score"], SETTINGS)
    pns = compute(attack, _pns(PX), ADMIN, ["reaction_score"], SETTINGS)
    assert (total["reaction_score"], total.n["reaction_score"]) == (pytest.approx(23 / 6), 6)
    assert (pns["reaction_score"], pns.n["reaction_score"]) == (pytest.approx(4.4), 5)
    assert total["reaction_score"] * 6 - pns["reaction_score"] * 5 == pytest.approx(1.0)  # the PPPK's answer
    by_type = compute_by(attack, PX, "employment_type", ADMIN, ["reaction_score"], settings=SETTINGS)
    assert not by_type["suppressed_reaction_score"].any()
    assert by_type.set_index("employment_type")["n_reaction_score"].to_dict() == {"PNS": 5, "PPPK": 1}


@NON_ADMINS
def test_the_subtraction_attack_finds_nothing(attack, scope):
    """The PPPK group is hidden; so is the PNS figure, as a filter (6 − 5 = 1 respondent left out) and as a
    group (a breakdown never has exactly one hidden group): all × 6 − PNS × 5 cannot be computed."""
    total = compute(attack, PX, scope, ["reaction_score"], SETTINGS)
    assert total["reaction_score"] == pytest.approx(23 / 6) and total.n["reaction_score"] == 6
    for view in (_pns(PX), PX.with_value("employment_type", ["PPPK"])):
        hidden = compute(attack, view, scope, ["reaction_score"], SETTINGS)
        assert hidden["reaction_score"] is None and hidden.suppressed == {"reaction_score"}
    by_type = compute_by(attack, PX, "employment_type", scope, ["reaction_score"], settings=SETTINGS)
    assert by_type["suppressed_reaction_score"].all() and by_type["reaction_score"].isna().all()
    table = evaluation.program_summary(attack, _pns(PX), scope, SETTINGS).set_index("program_code")
    assert pd.isna(table.loc["PX", "reaction_score"])
    aspects = evaluation.survey_summary(attack, _pns(PX), "reaction", scope, settings=SETTINGS)
    assert aspects["suppressed"].all() and aspects["score"].isna().all()
    whole = evaluation.survey_summary(attack, PX, "reaction", scope, settings=SETTINGS)
    assert not whole["suppressed"].any() and whole["score"].iloc[0] == pytest.approx(23 / 6)


@pytest.mark.parametrize("left_out, hidden", [(0, False), (1, True), (2, True), (4, True), (5, False), (7, False)])
def test_a_filter_leaving_out_1_to_k_minus_1_respondents_is_hidden(mem_store, left_out, hidden):
    """Six women answer; `left_out` men too. Filtered to the women, the figure is hidden exactly when the men
    are 1 to 4: the unfiltered figure minus the women's would be theirs."""
    people = [{} for _ in range(6)] + [{"gender": "L"} for _ in range(left_out)]
    _load(mem_store, people, [("PX", i, 3 + i % 3) for i in range(len(people))])
    women = Filters.make(2025, {"gender": ["P"]})
    for scope in (LEADER, EVALUATOR):
        result = compute(mem_store, women, scope, ["reaction_score"], SETTINGS)
        assert ("reaction_score" in result.suppressed) is hidden
        assert (result.n["reaction_score"] is None) is hidden
    assert not compute(mem_store, women, ADMIN, ["reaction_score"], SETTINGS).suppressed


def test_anonymous_answers_are_part_of_what_a_filter_leaves_out(mem_store):
    """Leadership's unfiltered view counts 2 anonymous answers that no employee filter can hold: the view of
    every woman (6 of 8 respondents) is hidden; an evaluator's scope never counts them, and sees it."""
    _load(mem_store, [{} for _ in range(6)], [("PX", i, 4) for i in range(6)] + [("PX", None, 2), ("PX", None, 3)])
    women = Filters.make(2025, {"gender": ["P"]})
    assert compute(mem_store, women, LEADER, ["reaction_score"], SETTINGS).suppressed == {"reaction_score"}
    assert not compute(mem_store, women, EVALUATOR, ["reaction_score"], SETTINGS).suppressed


def test_with_two_filters_each_one_taken_away_is_a_wider_view(mem_store):
    """6 PNS women, 1 PPPK woman, 6 PNS men: the PNS women (6) are 7 fewer than everyone (shown by the
    unfiltered view) but 1 fewer than the women: hidden."""
    people = [{} for _ in range(6)] + [{"employment_type": "PPPK"}] + [{"gender": "L"} for _ in range(6)]
    _load(mem_store, people, [("PX", i, 4) for i in range(len(people))])
    both = Filters.make(2025, {"gender": ["P"], "employment_type": ["PNS"]})
    assert privacy.wider(both) == [Filters.make(2025), Filters.make(2025, {"gender": ["P"]}),
                                   Filters.make(2025, {"employment_type": ["PNS"]})]
    assert compute(mem_store, both, EVALUATOR, ["reaction_score"], SETTINGS).suppressed == {"reaction_score"}
    assert not compute(mem_store, Filters.make(2025, {"gender": ["P"]}), EVALUATOR, ["reaction_score"],
                       SETTINGS).suppressed  # 7 of 13


def test_the_unfiltered_view_keeps_the_year_and_the_programme_selection():
    view = Filters.make(2024, {"program": ["PX"], "opd": ["A"], "mode": ["daring"]})
    assert privacy.wider(view)[0] == Filters.make(2024, {"program": ["PX"]})
    assert privacy.wider(Filters.make(2024, {"program": ["PX"]})) == []  # a page's own programme: nothing wider
    assert privacy.wider(Filters.make(2024, {"opd": ["A"]}), by="opd") == []  # the breakdown's total instead


@pytest.fixture
def positions(mem_store):
    """Respondents by position: fungsional 1, pelaksana 6, pengawas 6, administrator 8 (21 in all)."""
    sizes = {"fungsional": 1, "pelaksana": 6, "pengawas": 6, "administrator": 8}
    people = [{"position_type": p} for p, n in sizes.items() for _ in range(n)]
    _load(mem_store, people, [("PX", i, 1 + i % 5) for i in range(len(people))])
    return mem_store


@NON_ADMINS
def test_a_breakdown_never_has_exactly_one_hidden_group(positions, scope):
    """fungsional (1) is hidden; the next-smallest group is hidden with it — pelaksana and pengawas both have
    6: the first by its code — so the total minus the shown groups is 7 people, not one."""
    frame = compute_by(positions, Filters.make(2025), "position_type", scope, ["reaction_score"], settings=SETTINGS)
    hidden = set(frame.loc[frame["suppressed_reaction_score"], "position_type"])
    assert hidden == {"fungsional", "pelaksana"}
    shown = frame[~frame["suppressed_reaction_score"]].set_index("position_type")
    assert shown["n_reaction_score"].to_dict() == {"administrator": 8, "pengawas": 6}
    admin = compute_by(positions, Filters.make(2025), "position_type", ADMIN, ["reaction_score"], settings=SETTINGS)
    assert not admin["suppressed_reaction_score"].any()


def test_the_total_minus_its_groups_is_checked_too(mem_store):
    """No group is small (6 PNS, 8 PPPK) but 3 anonymous answers are in the total and in no group: total −
    groups would be those 3. The smaller group is hidden with them (9 respondents); one hidden group is enough
    then, since the total minus the other is not that group alone."""
    people = [{} for _ in range(6)] + [{"employment_type": "PPPK"} for _ in range(8)]
    answers = [("PX", i, 4) for i in range(14)] + [("PX", None, 1), ("PX", None, 2), ("PX", None, 1)]
    _load(mem_store, people, answers)
    frame = compute_by(mem_store, Filters.make(2025), "employment_type", LEADER, ["reaction_score"],
                       settings=SETTINGS).set_index("employment_type")
    assert frame["suppressed_reaction_score"].to_dict() == {"PNS": True, "PPPK": False}
    # an evaluator's scope holds no anonymous answer: nothing to hide
    scoped = compute_by(mem_store, Filters.make(2025), "employment_type", EVALUATOR, ["reaction_score"],
                        settings=SETTINGS)
    assert not scoped["suppressed_reaction_score"].any()


def test_the_programme_table_never_has_exactly_one_hidden_programme(mem_store):
    """PY has 1 respondent, PX 6, PZ 7: PY and PX are hidden, PZ shown."""
    people = [{} for _ in range(14)]
    answers = [("PY", 0, 5)] + [("PX", i, 4) for i in range(1, 7)] + [("PZ", i, 3) for i in range(7, 14)]
    _load(mem_store, people, answers, programmes=("PX", "PY", "PZ"))
    table = evaluation.program_summary(mem_store, Filters.make(2025), EVALUATOR, SETTINGS).set_index("program_code")
    assert table["reaction_score"].isna().to_dict() == {"PX": True, "PY": True, "PZ": False}
    assert table["reaction_n"].isna().to_dict() == {"PX": True, "PY": True, "PZ": False}
    admin = evaluation.program_summary(mem_store, Filters.make(2025), ADMIN, SETTINGS).set_index("program_code")
    assert admin["reaction_n"].to_dict() == {"PX": 6, "PY": 1, "PZ": 7}
    # the same as a breakdown by programme: one grouped query, and its definition (a query per programme)
    grouped = compute_by(mem_store, Filters.make(2025), "program", EVALUATOR, ["reaction_score"], settings=SETTINGS)
    per_value = compute_by_filters(mem_store, Filters.make(2025), "program", EVALUATOR, ["reaction_score"],
                                   settings=SETTINGS)
    for frame in (grouped, per_value):
        assert frame.set_index("program")["suppressed_reaction_score"].to_dict() == {"PX": True, "PY": True,
                                                                                     "PZ": False}
        assert frame["n_reaction_score"].isna().sum() == 2


@NON_ADMINS
def test_a_hidden_figure_carries_no_exact_n(attack, scope):
    """Wherever a non-admin meets a hidden survey figure, its n is withheld: the engine's results, the API,
    the CLI's JSON, the survey tables, the charts (which say "n < 5" instead)."""
    from sdm_analytics.present import catalog

    pns = _pns(PX)
    assert compute(attack, pns, scope, ["reaction_score"], SETTINGS).n == {"reaction_score": None}
    by_type = compute_by(attack, PX, "employment_type", scope, ["reaction_score"], settings=SETTINGS)
    assert by_type["n_reaction_score"].isna().all()
    frame = api.compute(attack, 2025, ["reaction_score"], pns.to_dict(), role=scope.role,
                        opds=sorted(scope.opds) if scope.restricted else None, settings=SETTINGS)
    assert math.isnan(frame["n_reaction_score"].iloc[0])
    for table in (evaluation.survey_summary(attack, pns, "reaction", scope, settings=SETTINGS),
                  evaluation.survey_summary(attack, PX, "reaction", scope, by="employment_type", settings=SETTINGS)):
        assert table["suppressed"].all() and table[["respondents", "answers"]].isna().all().all()
    row = evaluation.program_summary(attack, pns, scope, SETTINGS).iloc[0]
    assert pd.isna(row["reaction_n"])
    fig = catalog.build("reaction_aspects", attack, pns, scope, settings=SETTINGS)
    texts = [str(x) for trace in fig.data for x in (trace.text or ())]
    assert "n < 5" in texts and not any("n = " in x for x in texts)


def test_a_target_on_a_hidden_figure_shows_n_below_k(mem_store):
    """Three respondents in the whole city: the reaction target's actual and its n are hidden from leadership,
    and the targets table says "n < 5" where an admin reads 3."""
    from sdm_analytics.engine import targets
    from sdm_analytics.present.views import Reader, targets_table

    _load(mem_store, [{} for _ in range(3)], [("PX", i, 4) for i in range(3)])
    mem_store.execute("INSERT INTO targets (indicator, year, opd_code, target) VALUES ('reaction_score', 2025, '', 4)")
    reader = Reader(mem_store, "id", SETTINGS)
    for scope, n in ((LEADER, "n < 5"), (ADMIN, "3")):
        shown = targets_table(reader, targets.target_progress(mem_store, 2025, scope, SETTINGS)).shown
        assert list(shown["n"]) == [n]


def test_admin_keeps_every_n(attack):
    pns = _pns(PX)
    assert compute(attack, pns, ADMIN, ["reaction_score"], SETTINGS).n == {"reaction_score": 5}
    assert evaluation.program_summary(attack, pns, ADMIN, SETTINGS).iloc[0]["reaction_n"] == 5


def test_the_cli_says_n_is_withheld(tmp_path, capsys):
    """`metrics --format json` as leadership: the hidden figure and its n are null; as admin, both are there."""
    import json

    from sdm_analytics.cli.main import main
    from sdm_analytics.store import Store

    path = str(tmp_path / "sdm.duckdb")
    store = Store(path)
    _load(store, [{} for _ in range(6)] + [{"gender": "L"}], [("PX", i, 4) for i in range(7)])
    store.close()
    for role, n in (("pimpinan", None), ("admin", 6)):
        assert main(["metrics", "--db", path, "--year", "2025", "--gender", "P", "--metric", "reaction_score",
                     "--role", role]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["n"] == {"reaction_score": n}
        assert (out["metrics"]["reaction_score"] is None) is (n is None)


def _xlsx_values(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def test_a_non_admin_download_has_the_page_s_decimals(mem_store):
    """Reaction 23 / 6 = 3,8333… (page: 3,83) and completion 5 / 6 = 0,8333… (page: 83,3%): a non-admin's XLSX
    holds 3.83 and 0.833, the CSV the page's text; an admin's XLSX keeps every digit."""
    from sdm_analytics.present import export
    from sdm_analytics.present.views import Reader, program_table

    people = [{} for _ in range(6)]
    _load(mem_store, people, [("PX", i, v) for i, v in enumerate([4, 5, 4, 5, 4, 1])])
    mem_store.execute("UPDATE participations SET status = 'dropped' WHERE nip = $n", {"n": _nip(5)})
    reader = Reader(mem_store, "id", SETTINGS)
    for scope, exact in ((EVALUATOR, False), (ADMIN, True)):
        table = program_table(reader, evaluation.program_summary(mem_store, Filters.make(2025), scope, SETTINGS))
        header = list(table.values.columns)
        row = dict(zip(header, _xlsx_values(export.table_xlsx(table, {}, exact=not scope.suppresses))[0]))
        reaction, completion = row[reader.t("col_reaction")], row[reader.t("col_completion")]
        if exact:
            assert reaction == pytest.approx(23 / 6, abs=1e-12) and completion == pytest.approx(5 / 6, abs=1e-12)
        else:
            assert (reaction, completion) == (3.83, 0.833)
        csv = export.table_csv(table).decode("utf-8-sig")
        assert "3,83" in csv and "83,3%" in csv and "3,833" not in csv
