"""The unit structure: OPDs (perangkat daerah) and the unit kerja below them, as the filters, the rankings and
the counts use it (units.parent_code; unit_tree is derived from it on every write)."""

from __future__ import annotations

from .. import rules
from ..filters import DIMENSIONS, Scope
from ..store import Store

__all__ = ["unit_names", "opd_codes", "unit_opds", "unit_counts", "units_under", "options"]


def unit_names(store: Store) -> dict[str, str]:
    """Unit code -> name, for OPDs and unit kerja alike."""
    return dict(store.rows("SELECT opd_code, opd_name FROM units ORDER BY opd_name"))


def opd_codes(store: Store) -> list[str]:
    """The OPDs (perangkat daerah: units without a parent), by name."""
    return [r[0] for r in store.rows("SELECT opd_code FROM units WHERE parent_code IS NULL ORDER BY opd_name")]


def unit_opds(store: Store) -> dict[str, str]:
    """Unit code -> the code of its OPD (the top of its chain; an OPD maps to itself)."""
    return dict(store.rows("SELECT unit_code, opd_code FROM unit_tree"))


def unit_counts(store: Store, scope: Scope | None = None) -> dict[str, int]:
    """How many OPDs (perangkat daerah) and unit kerja (every unit, OPDs included) the structure holds, in a
    viewer's scope: the one count the overview, the deck and the README give."""
    scope = scope or Scope.everything()
    where, params = "true", {}
    if scope.restricted:
        where, params = "list_has_any(t.path, CAST($s AS VARCHAR[]))", {"s": sorted(scope.opds or ())}
    row = store.rows(f"""SELECT count(DISTINCT t.opd_code), count(*) FROM unit_tree AS t WHERE {where}""", params)[0]
    return {"opd": int(row[0]), "unit": int(row[1])}


def units_under(store: Store, codes: list[str] | tuple[str, ...] | frozenset[str]) -> set[str]:
    """Every unit at or below the given units (an OPD with all its unit kerja)."""
    rows = store.rows("SELECT unit_code FROM unit_tree WHERE list_has_any(path, CAST($c AS VARCHAR[]))",
                      {"c": sorted(codes)})
    return {r[0] for r in rows}


def options(store: Store, scope: Scope | None = None) -> dict[str, list[str]]:
    """The values each filter can take in the store: OPDs and units of the scope that have staff."""
    scope = scope or Scope.everything()
    out: dict[str, list[str]] = {}
    people = rules.PEOPLE
    for dim, source in (
        ("opd", people), ("unit", people), ("area", "units AS u"), ("kecamatan", "units AS u"),
        ("employment_type", people), ("rank_group", people),
        ("position_type", people), ("gender", people),
        ("education", people), ("category", "programs AS pr"),
        ("topic", "programs AS pr"), ("mode", "programs AS pr"), ("organizer", "programs AS pr"),
    ):
        expr = DIMENSIONS[dim].sql
        sql = f"SELECT DISTINCT {expr} AS v FROM {source} WHERE v IS NOT NULL ORDER BY v"
        out[dim] = [r[0] for r in store.rows(sql)]
    if scope.restricted:
        seen = units_under(store, scope.opds or ())
        out["unit"] = [u for u in out["unit"] if u in seen]
        tops = {r[0] for r in store.rows("SELECT DISTINCT opd_code FROM unit_tree WHERE list_contains("
                                         "CAST($u AS VARCHAR[]), unit_code)", {"u": sorted(seen)})}
        out["opd"] = [o for o in out["opd"] if o in tops]
    out["age_band"] = list(rules.AGE_BANDS)
    out["year"] = [str(y) for y in store.years()]
    return out
