"""IP ASN kompetensi dimension against hand-scored cases for each position type."""

from __future__ import annotations

import pandas as pd
import pytest

from sdm_analytics.engine import ipasn
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.store import Store

# nip, position_type, employment_type
PEOPLE = [
    ("197001012000011001", "jpt", "PNS"),            # A: fitting PKN II + technical 24 JP + seminar -> 40
    ("197502022001011001", "administrator", "PNS"),  # B: PKP does not fit; technical 16 + 4 = 20 JP -> 15
    ("198003032005011001", "pengawas", "PNS"),       # C: PKP in 2025; seminar only in 2024 -> 15
    ("198504042010012001", "fungsional", "PNS"),     # D: functional 2020; technical 19.5 JP (partial); seminar -> 25
    ("199005052015011001", "pelaksana", "PNS"),      # E: technical exactly 20 JP + seminar -> 22.5 + 17.5 = 40
    ("199106062016012001", "pelaksana", "PNS"),      # F: seminar only -> 17.5
    ("199207072017011001", "pelaksana", "PNS"),      # G: failed technical -> 0
    ("196808082000011001", "jpt", "PNS"),            # H: old-style 'Diklatpim II' fits; technical only in 2024 -> 15
    ("199309092023212001", "fungsional", "PPPK"),    # I: nothing -> 0
]
PROGRAMS = [  # code, title, category, jp, end_date
    ("PKN", "Pelatihan Kepemimpinan Nasional Tingkat II", "kepemimpinan", 500, "2023-06-30"),
    ("PKP", "Pelatihan Kepemimpinan Pengawas", "kepemimpinan", 290, "2025-05-30"),
    ("PIM2", "Diklatpim II Angkatan XX", "kepemimpinan", 450, "2015-05-30"),
    ("T24", "Bimtek Pengelolaan Keuangan", "teknis", 24, "2025-03-30"),
    ("T16", "Bimtek Arsip Digital", "teknis", 16, "2025-04-30"),
    ("T4", "Webinar Teknis SPBE", "teknis", 4, "2025-05-30"),
    ("T20", "Bimtek Pelayanan Publik", "teknis", 20, "2025-06-30"),
    ("T30_2024", "Bimtek Perencanaan", "teknis", 30, "2024-06-30"),
    ("FUNG", "Pelatihan Fungsional Perawat", "fungsional", 60, "2020-06-30"),
    ("SEM", "Seminar Inovasi Pelayanan", "seminar", 4, "2025-07-30"),
    ("SEM_2024", "Seminar Integritas", "seminar", 4, "2024-07-30"),
]
PARTS = [  # program, nip index, status, jp_earned
    ("PKN", 0, "completed", None), ("T24", 0, "completed", None), ("SEM", 0, "completed", None),
    ("PKP", 1, "completed", None), ("T16", 1, "completed", None), ("T4", 1, "completed", None),
    ("PKP", 2, "completed", None), ("SEM_2024", 2, "completed", None),
    ("FUNG", 3, "completed", None), ("T24", 3, "completed", 19.5), ("SEM", 3, "completed", None),
    ("T20", 4, "completed", None), ("SEM", 4, "completed", None),
    ("SEM", 5, "completed", None),
    ("T24", 6, "failed", None),
    ("PIM2", 7, "completed", None), ("T30_2024", 7, "completed", None),
]
# expected: points (of 40), next_step, potential_gain
EXPECTED = [
    (40.0, None, 0.0),
    (15.0, "leadership", 15.0),
    (15.0, "technical", 15.0),
    (25.0, "technical", 15.0),
    (40.0, None, 0.0),
    (17.5, "technical", 22.5),
    (0.0, "technical", 22.5),
    (15.0, "technical", 15.0),
    (0.0, "functional", 15.0),
]


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store(":memory:")
    s.replace_all({
        "units": pd.DataFrame({"opd_code": ["X"], "opd_name": ["Unit X"], "area": ["urban"]}),
        "employees": pd.DataFrame({
            "nip": [p[0] for p in PEOPLE], "name": [f"P{i}" for i in range(len(PEOPLE))],
            "position_type": [p[1] for p in PEOPLE], "employment_type": [p[2] for p in PEOPLE],
            "opd_code": "X", "hire_date": "2000-01-01",
        }),
        "programs": pd.DataFrame({
            "program_code": [p[0] for p in PROGRAMS], "title": [p[1] for p in PROGRAMS],
            "category": [p[2] for p in PROGRAMS], "jp": [p[3] for p in PROGRAMS],
            "start_date": [p[4] for p in PROGRAMS], "end_date": [p[4] for p in PROGRAMS],
        }),
        "participations": pd.DataFrame({
            "program_code": [p[0] for p in PARTS], "nip": [PEOPLE[p[1]][0] for p in PARTS],
            "status": [p[2] for p in PARTS], "jp_earned": [p[3] for p in PARTS],
        }),
    })
    return s


@pytest.mark.parametrize("index", range(len(PEOPLE)), ids=[f"{p[1]}-{i}" for i, p in enumerate(PEOPLE)])
def test_hand_scored_cases(store, index):
    frame = ipasn.scores(store, Filters.make(2025), Scope.everything(role="admin")).set_index("nip")
    row = frame.loc[PEOPLE[index][0]]
    score, step, gain = EXPECTED[index]
    assert row["score"] == pytest.approx(score)
    assert "score_100" not in frame and "category" not in frame  # the whole index's categories are not this one's
    assert (row["next_step"] if isinstance(row["next_step"], str) else None) == step
    assert row["potential_gain"] == pytest.approx(gain)


def test_summary_reports_points_and_coverage_pns_and_pppk_apart(store):
    frame = ipasn.summary(store, Filters.make(2025), scope=Scope.everything(role="admin"))
    rows = frame.set_index("employment_type")
    pns = [e[0] for e, p in zip(EXPECTED, PEOPLE) if p[2] == "PNS"]
    assert rows.loc["PNS", "n"] == len(pns)
    assert rows.loc["PNS", "score"] == pytest.approx(sum(pns) / len(pns))  # points of 40, not a 0-100 rescale
    # leadership among the 4 structurals: A (PKN II) and H (Diklatpim II) fit; B's PKP does not, C's does
    assert rows.loc["PNS", "leadership_cov"] == pytest.approx(3 / 4) and rows.loc["PNS", "leadership_n"] == 4
    assert rows.loc["PNS", "functional_cov"] == pytest.approx(1 / 1)
    assert rows.loc["PNS", "technical_cov"] == pytest.approx(3 / 8)  # A (24), B (16 + 4), E (20)
    assert rows.loc["PNS", "seminar_cov"] == pytest.approx(4 / 8)  # A, D, E, F
    assert rows.loc["PPPK", "n"] == 1 and rows.loc["PPPK", "score"] == 0
    assert rows.loc["PPPK", "leadership_n"] == 0 and rows.loc["PPPK", "leadership_cov"] != rows.loc["PPPK", "leadership_cov"]


@pytest.mark.parametrize("title,level", [
    ("Diklat Kepemimpinan Tingkat IV Angkatan XII", 4), ("DIKLATPIM TK. III", 3), ("Diklat PIM Tingkat II", 2),
    ("Diklatpim Tk. IV", 4), ("Diklatpim 4", 4), ("Diklat Kepemimpinan Tk.IV", 4), ("Diklat PIM Tk II Angkatan 3", 2),
    ("Pelatihan Kepemimpinan Nasional Tingkat II Angkatan I Tahun 2023", 2), ("PKN Tk. I", 1),
    ("Pelatihan Kepemimpinan Administrator Angkatan II", 3), ("PKA", 3),
    ("Pelatihan Kepemimpinan Pengawas Angkatan IV Tahun 2025", 4), ("PKP Angkatan 3", 4),
    ("Pelatihan Kepemimpinan Transformasional", None), ("Seminar Kepemimpinan Perempuan", None),
    ("Bimtek Pengelolaan Keuangan Angkatan II", None),
])
def test_leadership_titles_of_every_generation(title, level):
    """DOMAIN.md: Diklatpim / Diklat PIM / Diklat Kepemimpinan Tingkat I-IV (Tk., Roman or Arabic), PKN, PKA, PKP;
    the batch number (Angkatan XII) is not a level."""
    assert ipasn.leadership_level(title) == level


def test_seminar_component_counts_courses_and_internships(mem_store):
    """The rule reads seminar / workshop / lokakarya / kursus / magang / sejenisnya: a kursus alone earns it."""
    mem_store.replace_all({
        "units": pd.DataFrame({"opd_code": ["X"], "opd_name": ["Unit X"], "area": ["urban"]}),
        "employees": pd.DataFrame({"nip": ["199005052015011001", "199106062016012001"], "name": ["A", "B"],
                                   "position_type": "pelaksana", "employment_type": "PNS", "opd_code": "X",
                                   "hire_date": "2010-01-01"}),
        "programs": pd.DataFrame({"program_code": ["K", "M"], "title": ["Kursus Bahasa Inggris", "Magang di MPP"],
                                  "category": ["kursus", "magang"], "jp": [30, 20], "start_date": "2025-03-01",
                                  "end_date": "2025-03-20"}),
        "participations": pd.DataFrame({"program_code": ["K", "M"], "status": "completed",
                                        "nip": ["199005052015011001", "199106062016012001"]}),
    })
    frame = ipasn.scores(mem_store, Filters.make(2025), Scope.everything(role="admin"))
    assert list(frame["seminar_pts"]) == [17.5, 17.5]


def test_year_matters(store):
    """In 2024 H's technical 30 JP counts, the 2025 programmes do not."""
    frame = ipasn.scores(store, Filters.make(2024), Scope.everything(role="admin")).set_index("nip")
    assert frame.loc[PEOPLE[7][0], "score"] == pytest.approx(30.0)
    assert frame.loc[PEOPLE[0][0], "score"] == pytest.approx(15.0)  # only the 2023 PKN II
