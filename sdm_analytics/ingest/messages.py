"""What an import tells its user, in Bahasa Indonesia first and English second.

The texts live in the catalogue's `ingest` section (sdm_analytics/i18n/ingest.py); this module looks them up by
short code. Reasons are a rule's `code` ("ingest.reason_" + code), with the placeholder {detail}; file errors
("ingest.file_error_" + code) take {name}, {detail}, {kind}, {headers} and {limit} (numbers are written the
way the language writes them: 1.000.000 and 50,5 in Bahasa Indonesia); labels are the report's
("ingest.label_" + key) or a kind's name ("ingest.kind_" + kind).
"""

from __future__ import annotations

from ..i18n import TEXT, t

__all__ = ["REASONS", "FILE_ERRORS", "reason", "file_error", "label"]

_REASON = "ingest.reason_"
_FILE_ERROR = "ingest.file_error_"
_LABEL = "ingest.label_"
_KIND = "ingest.kind_"


def _codes(prefix: str) -> dict[str, tuple[str, str]]:
    return {key.removeprefix(prefix): pair for key, pair in TEXT.items() if key.startswith(prefix)}


# Code -> (id, en), read from the catalogue: the reasons a row is refused or warned about, and the file errors.
REASONS: dict[str, tuple[str, str]] = _codes(_REASON)
FILE_ERRORS: dict[str, tuple[str, str]] = _codes(_FILE_ERROR)


def reason(code: str, lang: str = "id", detail: str | None = None) -> str:
    """The sentence for a row-level reason code."""
    missing = detail is None or detail != detail  # None or NaN from a frame
    return t(f"{_REASON}{code}", lang).replace("{detail}", "" if missing else str(detail))


def file_error(code: str, lang: str = "id", **params: object) -> str:
    """The one-line message for a file that cannot be imported."""
    from ..formatting import fmt_number

    params = {"name": "", "detail": "", "kind": "", "headers": "", "limit": "", **params}
    shown = {k: fmt_number(v, lang, 0 if float(v).is_integer() else 1) if isinstance(v, (int, float)) else v
             for k, v in params.items()}
    return t(f"{_FILE_ERROR}{code}", lang, **shown)


def label(key: str, lang: str = "id", **params: object) -> str:
    """A report label, formatted; a kind's name when key is a kind."""
    kind = f"{_KIND}{key}"
    return t(kind if kind in TEXT else f"{_LABEL}{key}", lang, **params)
