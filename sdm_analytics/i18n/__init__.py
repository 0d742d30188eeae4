"""The one catalogue of what a user reads: Bahasa Indonesia first, English second.

Every user-facing string has a key and a pair (id, en). The catalogue is kept in sections by where the text
is read — `ui` (pages, tables), `names` (metrics, dimensions and charts by id), `codes` (labels of the data's
codes), `ingest` (import messages), `templates` (import templates), `findings` (key findings), `deck`
(briefing deck), `export` (what an export says about itself), `quality` (data-quality checks), `survey` (survey campaigns and their links) and `cli` (the
command line) — and merged here into one namespace. Keys outside `ui` start with their section
("deck.title"). A key is defined once (checked on import), and tests/test_i18n.py checks that every key has
both languages with the same {placeholders} and is used.
"""

from __future__ import annotations

from . import cli, deck, export, findings, ingest, names, quality, survey, templates, ui
from .codes import CODE_LABELS

__all__ = ["LANGS", "TEXT", "CODE_LABELS", "t", "code_label", "dim_label", "pick"]

LANGS = ("id", "en")
_SECTIONS = (ui.TEXT, names.TEXT, ingest.TEXT, templates.TEXT, findings.TEXT, deck.TEXT, export.TEXT, quality.TEXT, survey.TEXT, cli.TEXT)


def _merge(sections) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for section in sections:
        twice = merged.keys() & section.keys()
        if twice:
            raise ValueError(f"text keys defined twice: {sorted(twice)}")
        merged.update(section)
    return merged


TEXT: dict[str, tuple[str, str]] = _merge(_SECTIONS)


def pick(pair: tuple[str, str], lang: str = "id") -> str:
    """The text of a pair (id, en) in lang: English for "en", Bahasa Indonesia otherwise."""
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for key in lang, with {placeholders} filled."""
    text = pick(TEXT[key], lang)
    return text.format(**values) if values else text


def code_label(dim: str, code: object, lang: str = "id") -> str:
    """A readable label for a code of a dimension; the code itself when none is known."""
    if code is None or (isinstance(code, float) and code != code):
        return t("unknown", lang)
    pair = CODE_LABELS.get(dim, {}).get(str(code))
    if pair is None:
        return str(code).replace("_", " ") if dim in ("topic", "category") else str(code)
    return pick(pair, lang)


def dim_label(dim: str, lang: str = "id", inline: bool = False) -> str:
    """The label of a filter / breakdown dimension (or 'year'); inline: inside a sentence ('menurut kelompok
    usia', not 'menurut Kelompok usia'), an acronym kept ('OPD')."""
    label = t("year" if dim == "year" else f"dim.{dim}", lang)
    first = label.split(" ", 1)[0]
    if inline and not (len(first) > 1 and first.isupper()):
        return label[:1].lower() + label[1:]
    return label
