"""Wide survey exports (Google Forms, spreadsheets): one column per question, one row per form.

A wide file has a timestamp column, usually a NIP and a program code, and
columns whose header is an item's code or its exact question text. Each
answered cell becomes one survey_responses row; the response_id is a hash of
the form's content (timestamp, NIP, program, answers), so importing the same
export again adds nothing. A checkbox question ("choose all that apply") arrives
as one cell "Digitalisasi, Keuangan daerah": when every part is a known option of
the item's dimension (a topic or a mode), it becomes one row per option.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ..contract import CODE_ALIASES, CODES, SURVEY_EXPORT_COLUMNS
from ..rules import CHOICE_KINDS
from .readers import norm_header

__all__ = ["Item", "WideLayout", "items_known", "match_wide", "to_long"]


@dataclass(frozen=True)
class Item:
    """A survey item as a wide export's header may name it."""

    code: str
    text_id: str | None
    text_en: str | None
    likert: bool
    kind: str | None = None
    dimension: str | None = None

    @property
    def choice(self) -> bool:
        """A "choose all that apply" item: a choice kind without a Likert scale."""
        return not self.likert and self.kind in CHOICE_KINDS


def option_keys(dimension: str | None) -> list[str]:
    """The compact keys (validate.code_key) of every code and alias a choice item of this dimension may name."""
    from .validate import code_key

    if dimension not in ("topic", "mode"):
        return []
    names = list(CODES[dimension]) + list(CODE_ALIASES.get(dimension, {}))
    return sorted({code_key(n) for n in names})


@dataclass(frozen=True)
class WideLayout:
    """Which column of a wide file holds what."""

    meta: dict[str, int]  # contract column -> header index
    items: tuple[tuple[int, Item], ...]  # (header index, item)


def _text_key(text: str) -> str:
    return " ".join(str(text).replace("\ufeff", "").split()).casefold().rstrip(" *")


def items_known(cur: duckdb.DuckDBPyConnection, staged: list[str]) -> list[Item]:
    """Items in the store and in survey_items files of this call (the call's rows win)."""
    columns = "item_code, text_id, text_en, scale_max, survey_kind, dimension"
    parts = [f"SELECT {columns} FROM {t}" for t in staged]
    parts.append(f"SELECT {columns} FROM main.survey_items")
    rows = cur.execute(" UNION ALL ".join(parts)).fetchall()
    seen: dict[str, Item] = {}
    for code, text_id, text_en, scale_max, kind, dimension in rows:
        seen.setdefault(code, Item(code, text_id, text_en, scale_max is not None, kind, dimension))
    return list(seen.values())


def match_wide(headers: list[str], items: list[Item]) -> WideLayout | None:
    """The layout when the headers are a wide export (a timestamp and at least one item), else None."""
    by_code = {norm_header(i.code): i for i in items}
    by_text = {}
    for item in items:
        for text in (item.text_id, item.text_en):
            if text:
                by_text.setdefault(_text_key(text), item)
    meta: dict[str, int] = {}
    found: list[tuple[int, Item]] = []
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = norm_header(header)
        role = next((col for col, names in SURVEY_EXPORT_COLUMNS.items() if key in names), None)
        if role and role not in meta:
            meta[role] = index
            continue
        text = _text_key(header)
        inner = text[text.rfind("[") + 1:-1].strip() if text.endswith("]") and "[" in text else None
        item = by_code.get(key) or by_text.get(text) or (by_text.get(inner) if inner else None)
        if item and item.code not in taken:
            found.append((index, item))
            taken.add(item.code)
    if "submitted_at" not in meta or not found:
        return None
    return WideLayout(meta, tuple(found))


def to_long(cur: duckdb.DuckDBPyConnection, raw: str, headers: list[str], layout: WideLayout,
            out: str) -> dict[str, str]:
    """Unpivot a wide file into `out` (survey_responses columns as text); returns the column sources."""
    meta = {col: f"sdm_clean(c{i})" for col, i in layout.meta.items()}
    answers = [f"sdm_clean(c{i}) AS a{n}" for n, (i, _) in enumerate(layout.items)]
    ts = meta["submitted_at"]
    fingerprint = ", ".join(
        [f"coalesce(strftime(sdm_ts({ts}), '%Y-%m-%d %H:%M:%S'), {ts}, '')",
         f"coalesce(sdm_nip({meta['nip']}), '')" if "nip" in meta else "''",
         f"coalesce({meta['program_code']}, '')" if "program_code" in meta else "''"]
        + [f"coalesce(sdm_clean(c{i}), '')" for i, _ in layout.items]
    )
    carried = {col: meta.get(col, "NULL::VARCHAR") for col in ("nip", "program_code", "respondent_role")}
    selects, params = [], {}
    for n, (index, item) in enumerate(layout.items):
        answer = f"w.a{n}"
        if item.likert:
            value = (f"CASE WHEN regexp_matches({answer}, '^[0-9]+([.,][0-9]+)?\\s*([-–:.)]|$)') "
                     f"THEN regexp_extract({answer}, '^([0-9]+([.,][0-9]+)?)', 1) "
                     f"ELSE coalesce((SELECT CAST(l.value AS VARCHAR) FROM _likert AS l "
                     f"WHERE l.variant = sdm_key({answer})), {answer}) END")
            text = "NULL::VARCHAR"
        else:
            value, text = "NULL::VARCHAR", answer
        params[f"item{n}"] = item.code
        params[f"hdr{n}"] = headers[index]
        source = "w"
        if item.choice and option_keys(item.dimension):  # a checkbox cell: one row per known option
            params[f"opt{n}"] = option_keys(item.dimension)
            parts = f"string_split({answer}, ', ')"
            known = f"list_bool_and(list_transform({parts}, lambda x: list_contains($opt{n}, sdm_key(x))))"
            source = (f"(SELECT w.* EXCLUDE (a{n}), unnest(CASE WHEN {known} THEN {parts} ELSE [{answer}] END) "
                      f"AS a{n} FROM w WHERE {answer} IS NOT NULL) AS w")
        selects.append(
            f"SELECT w.__row, w.rid AS c0, $item{n} AS c1, w.nip AS c2, w.program_code AS c3, "
            f"w.respondent_role AS c4, w.ts AS c5, {value} AS c6, {text} AS c7, $hdr{n} AS __col "
            f"FROM {source} WHERE {answer} IS NOT NULL"
        )
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        WITH w AS (
            SELECT __row,
                   'GF-' || left(md5(concat_ws(chr(31), {fingerprint})), 16) AS rid,
                   {ts} AS ts, {carried['nip']} AS nip, {carried['program_code']} AS program_code,
                   {carried['respondent_role']} AS respondent_role,
                   {', '.join(answers)}
            FROM {raw}
        )
        {' UNION ALL '.join(selects)}
        """,
        params,
    )
    sources = {"response_id": "c0", "item_code": "c1", "submitted_at": "c5", "value": "c6", "answer_text": "c7"}
    for col, name in (("nip", "c2"), ("program_code", "c3"), ("respondent_role", "c4")):
        if col in layout.meta:
            sources[col] = name
    return sources
