"""The findings of an evaluator's and an auditor's review, each as a test of the rule that answers it.

Each test names what was wrong (the dashboard counted units as OPDs, new staff inflated 20 JP, …) and checks
the figure as docs/metrics.md now defines it, on the hand-computed fixture (tests/data/small, worked out in its
README) or on the demo.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sdm_analytics import rules
from sdm_analytics.engine import evaluation, ipasn, needs, quality, tables, units
from sdm_analytics.engine.metrics import MEASURES, METRICS, compute, compute_by, scrap_estimate
from sdm_analytics.filters import DIMENSIONS, Filters, Scope
from sdm_analytics.present import export
from sdm_analytics.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sdm_analytics"
ADMIN = Scope.everything(role="admin")
Y = Filters.make(2025)


# -- OPD vs unit kerja ---------------------------------------------------------------------------------------------
def test_an_opd_is_the_top_of_its_units_chain(small_store):
    """Puskesmas, kelurahan and schools were ranked as OPDs. Now the `opd` dimension is the top of the chain and
    `unit` the unit kerja itself; a filter or scope on an OPD takes every unit below it, two levels down too."""
    by_opd = compute_by(small_store, Y, "opd", ADMIN, ["headcount"])
    assert set(by_opd["opd"]) == {"DISKOMINFO", "BAPPEDA", "KEC_KASEMEN", "DINDIK"}
    by_unit = compute_by(small_store, Y, "unit", ADMIN, ["headcount"]).set_index("unit")["headcount"]
    assert by_unit["SDN_KASEMEN_1"] == 2 and by_unit["KEL_SAWAHLUHUR"] == 2
    dindik = compute(small_store, Filters.make(2025, {"opd": ["DINDIK"]}), ADMIN, ["headcount"]).values["headcount"]
    scoped = compute(small_store, Y, Scope.of(["DINDIK"], role="admin"), ["headcount"]).values["headcount"]
    assert dindik == scoped == 6  # E19, E20 at the office, E17, E18 at the Korwil, E15, E16 at the school
    assert units.unit_counts(small_store) == {"opd": 4, "unit": 7}


def test_place_is_the_unit_kerja_s_own(small_store):
    """A school in Kasemen is rural although its education office sits in the urban centre."""
    rural = compute(small_store, Filters.make(2025, {"opd": ["DINDIK"], "area": ["rural"]}), ADMIN, ["headcount"])
    assert rural.values["headcount"] == 4


# -- 20 JP as the regulations say ----------------------------------------------------------------------------------
def test_new_staff_do_not_inflate_the_20_jp_rate(small_store):
    """A CPNS hired in March with 300 JP of Latsar counted as compliant. Now the rate is over staff in post the
    whole year; new staff are a group of their own with their initial training."""
    result = compute(small_store, Y, ADMIN, ["headcount", "jp20_rate"])
    assert result.values["headcount"] == 17 and result.n["jp20_rate"] == 14  # E06, E16, E17 are new
    new = tables.new_staff(small_store, Y, ADMIN).set_index("employment_type")
    assert new.loc["PNS", "headcount"] == 1 and new.loc["PNS", "initial_done"] == 1  # E16 finished Latsar
    assert new.loc["PPPK", "headcount"] == 2 and new.loc["PPPK", "initial_done"] == 1  # E17 orientation, E06 not
    below = tables.people_below(small_store, Y, ADMIN)
    assert not set(below["nip"]) & {"199909092025071001", "200001252025031001", "199705052025102001"}


def test_the_pppk_minimum_is_a_setting_labelled_as_local_policy(small_store):
    """PPPK's minimum was labelled PP 17/2020, a PNS rule. It is its own setting, said to be local policy; a PPPK
    at exactly 20 JP reaches 20 and misses 24."""
    default = compute(small_store, Y, ADMIN, ["jp20_rate"]).values["jp20_rate"]
    strict = compute(small_store, Y, ADMIN, ["jp20_rate"], Settings(jp_min_pppk=24)).values["jp20_rate"]
    assert default - strict == pytest.approx(1 / 14)  # E15, PPPK, 20 JP
    m = METRICS["jp20_rate"]
    assert "PPPK: kebijakan daerah" in m.description("id") and "PPPK: local policy" in m.description("en")
    assert m.label("id", Settings(jp_min=24, jp_min_pppk=24)) == "Kepatuhan 24 JP"
    assert m.label("id", Settings(jp_min_pppk=24)) == "Kepatuhan 20/24 JP"


# -- Kirkpatrick ---------------------------------------------------------------------------------------------------
def test_normalized_gain_is_the_class_average_not_a_mean_of_people(small_store):
    """One participant with pre 98 and post 90 scored −4 and dragged the mean of individual gains; Hake's ⟨g⟩ is
    computed from the class means."""
    result = compute(small_store, Y, ADMIN, ["normalized_gain"])
    assert result.values["normalized_gain"] == pytest.approx((741 - 620) / (900 - 620)) and result.n["normalized_gain"] == 9
    people = evaluation.participants(small_store, Y, ADMIN)
    pairs = people[(people["status"] == "completed") & people["pre_test"].notna() & people["post_test"].notna()
                   & (people["pre_test"] < 100)]
    individual = ((pairs["post_test"] - pairs["pre_test"]) / (100 - pairs["pre_test"])).mean()
    assert individual < 0 < result.values["normalized_gain"]  # the old figure would have been negative


def test_drivers_are_shown_beside_application_never_in_it(small_store):
    """'Atasan mendukung…' measures support, not application: its answers (kind driver) change no application
    figure, and they are reported apart, alumni and supervisors separately."""
    ids = ["application_score", "application_rate", "supervisor_application_score"]
    with_drivers = compute(small_store, Y, ADMIN, ids).values
    from sdm_analytics.store import Store

    bare = Store(":memory:")
    bare.load_csv_dir(ROOT / "tests" / "data" / "small")
    bare.execute("DELETE FROM survey_responses WHERE item_code IN "
                 "(SELECT item_code FROM survey_items WHERE survey_kind = 'driver')")
    assert compute(bare, Y, ADMIN, ids).values == with_drivers
    drivers = evaluation.drivers(small_store, Y, ADMIN)
    assert set(drivers["role"]) == {"self", "supervisor"} and set(drivers["dimension"]) == {"dukungan_atasan"}


# -- needs against supply ----------------------------------------------------------------------------------------
def test_needs_are_choose_all_that_apply_and_supply_is_jp_without_compulsory_training(small_store):
    """Supply counted participations (a 3 JP sosialisasi weighed as a 40 JP course) and included Latsar and
    orientation; a respondent could name one topic only. Now: JP, compulsory training out, several topics."""
    gap = needs.needs_gap(small_store, Y, ADMIN).set_index("topic")
    assert gap["n_respondents"].iloc[0] == 6  # NS08 names two topics but is one respondent
    assert gap.loc["kepemimpinan", "demand_share"] == pytest.approx(1 / 6)
    assert gap["supply_jp_total"].iloc[0] == pytest.approx(283.5)  # without PG10 (Latsar 300) and PG11 (orientasi 40)
    assert "nilai_dasar_asn" not in gap.index  # the compulsory programmes' topic is not supplied at all
    assert gap.loc["kepemimpinan", "supply_share"] == pytest.approx(80 / 283.5)  # JP, not 2 participations of 11


# -- three figures that were all "never trained" ------------------------------------------------------------------
def test_zero_jp_never_trained_and_no_record_are_three_named_concepts(demo_store):
    """Three pages showed three numbers with near-identical labels. Each now has its id, its label and its base."""
    zero = tables.zero_jp(demo_store, Y, ADMIN).iloc[0]
    never = tables.never_trained_by(demo_store, Y, None, ADMIN).iloc[0]
    check = quality.checks(demo_store, Y, ADMIN).set_index("check").loc["no_training_record"]
    assert zero["n_full"] < never["headcount"] == check["total"]  # F(Y) against P(Y)
    assert zero["zero_jp"] > never["never_n"] > check["problem"] > 0
    assert check["label_id"] == "Tanpa catatan pelatihan sama sekali"
    from sdm_analytics.i18n import t

    labels = {t("zero_jp_line", "id", year=2025, n=1, full=2, share="x"), t("change_list", "id", n=1),
              check["label_id"]}
    assert len(labels) == 3 and "setahun penuh" in t("zero_jp_line", "id", year=2025, n=1, full=2, share="x")


def test_a_survey_check_names_what_it_counts():
    """'Respons survei penerapan 83,3 %' was the share missing. The check now says it counts those who did not
    answer, and the page's column says the share is of problems."""
    by_id = {c.id: c for c in quality.CHECKS}
    assert by_id["application_nonresponse"].label_id == "Alumni tanpa jawaban survei penerapan"
    assert by_id["reaction_nonresponse"].label_id == "Lulusan tanpa jawaban survei reaksi"
    from sdm_analytics.i18n import t

    assert t("col_share", "id") == "Bermasalah (% dari total)"


# -- cost as a budget officer reads it -----------------------------------------------------------------------------
def test_cost_includes_what_was_paid_for_people_who_left(small_store):
    """Cost dropped people who left during the year, so it did not reconcile with the budget."""
    total = compute(small_store, Y, ADMIN, ["cost_total"]).values["cost_total"]
    stayers = small_store.scalar("""
        SELECT sum(pr.cost_per_participant) FROM participations pa JOIN programs pr USING (program_code)
        JOIN employees e ON e.nip = pa.nip
        WHERE year(pr.end_date) = 2025 AND pa.status IN ('completed', 'failed', 'dropped')
          AND (e.exit_date IS NULL OR e.exit_date > DATE '2025-12-31') AND e.hire_date <= DATE '2025-12-31'""")
    assert total == pytest.approx(34_200_000) and total - stayers == pytest.approx(1_500_000)  # E07's PG02


def test_scrap_learning_is_a_rough_estimate_without_compulsory_training(demo_store):
    """The scrap estimate extrapolated to Latsar and orientation and read as a loss. Now both its cost and its
    application rate leave compulsory training out."""
    scrap = scrap_estimate(demo_store, Y, ADMIN)
    cost = compute(demo_store, Y, ADMIN, ["cost_total"]).values["cost_total"]
    compulsory = compute(demo_store, Filters.make(2025, {"category": list(rules.COMPULSORY_CATEGORIES)}), ADMIN,
                         ["cost_total"]).values["cost_total"]
    assert scrap["cost_basis"] == pytest.approx(cost - compulsory) and compulsory > 0
    # 2024's Latsar alumni answered the application survey: their answers stay out of the estimate's rate
    y24 = Filters.make(2024)
    scrap = scrap_estimate(demo_store, y24, ADMIN)
    voluntary = [c for c in evaluation.program_summary(demo_store, y24, ADMIN)["category"].unique()
                 if c not in rules.COMPULSORY_CATEGORIES]
    rate = compute(demo_store, Filters.make(2024, {"category": voluntary}), ADMIN, ["application_rate"])
    assert scrap["application_rate"] == pytest.approx(rate.values["application_rate"])
    everything = compute(demo_store, y24, ADMIN, ["application_rate"]).n["application_rate"]
    assert scrap["n"] == rate.n["application_rate"] < everything
    assert scrap["estimate"] == pytest.approx((1 - scrap["application_rate"]) * scrap["cost_basis"])
    texts = [PACKAGE / "engine" / "insights.py", PACKAGE / "present" / "briefing.py", *(PACKAGE / "i18n").glob("*.py")]
    source = " ".join(p.read_text() for p in texts)
    assert not re.search(r"setara (Rp|\{cost\})|worth \{|kerugian[^,.]", source.replace("bukan kerugian", ""))


# -- settings reach every figure and label ------------------------------------------------------------------------
def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sdm_analytics", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, **env})


def test_settings_reach_the_cli_exports_and_labels(demo_copy):
    """With SDM_MIN_RESPONDENTS=3 the engine hid groups under 3 but the CLI and exports still said 'n < 5'; the
    '≥ 20 JP' labels ignored SDM_JP_MIN."""
    env = {"SDM_MIN_RESPONDENTS": "3", "SDM_JP_MIN": "24", "SDM_JP_MIN_PPPK": "24"}
    proc = _cli("--db", demo_copy, "metrics", "--year", "2025", "--unit", "PKM_CURUG", "--metric", "jp20_rate",
                "--metric", "supervisor_application_score", "--format", "table", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Kepatuhan 24 JP" in proc.stdout and "n < 5" not in proc.stdout
    default = _cli("--db", demo_copy, "metrics", "--year", "2025", "--format", "json", env={})
    strict = _cli("--db", demo_copy, "metrics", "--year", "2025", "--format", "json", env=env)
    assert json.loads(strict.stdout)["metrics"]["jp20_rate"] < json.loads(default.stdout)["metrics"]["jp20_rate"]


def test_settings_reach_the_export_description_and_the_deck(demo_store):
    settings = Settings(min_respondents=3, jp_min=24, jp_min_pppk=24)
    desc = export.describe_view(demo_store, Y, Scope.everything(), "id", settings)
    assert "n < 3" in " ".join(desc.values()) and "n < 5" not in " ".join(desc.values())
    from sdm_analytics.present import catalog
    from sdm_analytics.present.source import Source

    fig = catalog.render("opd_ranking", Source(demo_store, Y, settings=settings))
    assert fig.layout.title.text.startswith("Kepatuhan 24 JP")


# -- one home per rule --------------------------------------------------------------------------------------------
RULE_FRAGMENTS = {
    "coalesce(pa.jp_earned": "the JP credit of a participation",
    "jp_earned, ": "the JP credit of a participation",
    "respondent_role = 'self' AND": "who counts as one respondent",
    "date_sub('year'": "the age bands",
    "'30-39'": "the age bands",
    "has_employee_filter() or": "when an anonymous answer counts",
    "e.hire_date <= $yend": "who is in post",
}


def _code_lines(path: Path) -> list[str]:
    """The module's code without its docstrings and comments (the rule may be described anywhere)."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body[0].value.value = ""
    return [line.split("#")[0] for line in ast.unparse(tree).splitlines()]


@pytest.mark.parametrize("fragment", list(RULE_FRAGMENTS))
def test_each_rule_is_written_once_in_rules(fragment):
    """JP credit had 4 copies, the respondent 2 variants, age bands 3: each is now written in rules.py alone."""
    # i18n: labels are keyed by the codes; cli/floors.py: the bench's hand-written queries restate the rules on
    # purpose, to check the engine's values and time it against an independent floor (tests/test_floors.py)
    found = [p.name for p in PACKAGE.rglob("*.py") if p.parent.name != "i18n" and p.name != "floors.py"
             and any(fragment in line for line in _code_lines(p))]
    assert found in ([], ["rules.py"]), f"{RULE_FRAGMENTS[fragment]} restated in {found}"


def test_the_view_is_described_in_one_place():
    """The 'describe this view' text had 3 copies (CLI, deck, dashboard); Description.build is called by
    export.describe_view alone."""
    callers = [p.name for p in PACKAGE.rglob("*.py") if "Description.build(" in p.read_text()]
    assert callers == ["export.py"]


def test_the_age_bands_are_one_definition():
    from sdm_analytics.contract import AGE_BANDS
    from sdm_analytics.i18n import CODE_LABELS

    assert AGE_BANDS == rules.AGE_BANDS and list(CODE_LABELS["age_band"]) == list(rules.AGE_BANDS)
    assert rules.age_band() == DIMENSIONS["age_band"].sql


def test_every_metric_refers_to_measures_that_exist():
    """A metric is an expression over the template's measures, its n and its respondents: each name it uses is
    one the template defines (a typo would be a silent NULL)."""
    words = re.compile(r"[a-z_][a-z0-9_]*")
    sql_words = {"cast", "as", "double", "nullif", "coalesce"}
    for m in METRICS.values():
        used = set(words.findall(f"{m.expr} {m.n} {m.respondents or ''}")) - sql_words
        assert used <= MEASURES, (m.id, used - MEASURES)
    assert {"n_full", "n_jp20", "pre_avg", "post_avg", "jp_costed"} <= MEASURES


# -- leadership sees aggregates -----------------------------------------------------------------------------------
def test_leadership_never_sees_a_figure_about_fewer_than_five_people(small_store):
    """docs/metrics.md §5: for pimpinan every figure about a group of fewer than K people is hidden like a small
    survey group (a rate of one person is that person's value); the count of people stays."""
    leader, k = Scope.everything("pimpinan"), Settings().min_respondents
    by_unit = compute_by(small_store, Y, "unit", leader, ["headcount", "jp20_rate", "jp_per_asn"]).set_index("unit")
    korwil = by_unit.loc["KORWIL_KASEMEN"]  # E17 (new) and E18
    assert korwil["headcount"] == 2 and pd.isna(korwil["jp20_rate"]) and pd.isna(korwil["jp_per_asn"])
    assert korwil["suppressed_jp20_rate"] and not korwil["suppressed_headcount"]
    admin = compute_by(small_store, Y, "unit", ADMIN, ["jp20_rate"]).set_index("unit")
    assert admin.loc["KORWIL_KASEMEN", "jp20_rate"] == 1.0
    by_opd = compute_by(small_store, Y, "opd", leader, ["jp20_rate", "jp_per_asn"]).set_index("opd")
    assert by_opd.loc["DINDIK", "jp_per_asn"] > 0  # 6 people: shown
    assert pd.isna(by_opd.loc["DINDIK", "jp20_rate"]) and by_opd.loc["DINDIK", "n_jp20_rate"] == 4 < k  # 4 in F
    summary = ipasn.summary(small_store, Y, by="unit", scope=leader).set_index(["unit", "employment_type"])
    assert pd.isna(summary.loc[("KORWIL_KASEMEN", "PNS"), "score"])
    new = tables.new_staff(small_store, Y, leader).set_index("employment_type")
    assert new.loc["PNS", "headcount"] == 1 and pd.isna(new.loc["PNS", "initial_share"]) and new["suppressed"].all()
