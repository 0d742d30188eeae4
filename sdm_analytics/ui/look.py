"""What Streamlit's own widgets say, in the page's language: a page's CSS, and the uploader's hint.

Streamlit 1.67 has no locale option: the table toolbar's tooltips and the file uploader's button and hint are
English whatever the page's language. The table toolbar is hidden (the CSV/XLSX downloads under each table
replace it); the uploader's button, its hint and the line shown while a file is dragged over it are written
over from the catalogue, and the accepted types and the size limit are said under it (`upload_hint`).
The CSS is static: its only texts are the catalogue's, never data.
"""

from __future__ import annotations

import streamlit as st

from ..formatting import fmt_number
from ..i18n import t
from ..settings import Settings
from .view import Context

__all__ = ["dress", "compact", "page_css", "upload_hint", "upload_limit_mb"]

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_HINT = '[data-testid="stFileUploaderDropzoneInstructions"]'
_BUTTON_LABEL = f'{_DROPZONE} button[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"]'
# The line shown while a file is dragged over the uploader: the only child of the dropzone's one div without
# a test id (the list of uploaded files is another such div, of several children).
_DRAGGING = f"{_DROPZONE} > div:not([data-testid]) > span:only-child"

_CSS = """
[data-testid="stMainBlockContainer"] {{ padding-top: 2.5rem; }}
@media (max-width: 640px) {{ [data-testid="stMainBlockContainer"] {{ padding-top: 3.75rem !important; }} }}
[data-testid="stElementToolbar"] {{ display: none !important; }}
{button} > p {{ display: none; }}
{button}::after {{ content: {choose}; }}
{hint} > div > span {{ display: none; }}
{hint} > div::after {{ content: {drop}; font-size: 0.875rem; opacity: 0.7; }}
{dragging} {{ font-size: 0; }}
{dragging}::after {{ content: {release}; font-size: 0.875rem; }}
"""


def _css_string(text: str) -> str:
    """A CSS string literal of text: quotes, backslashes, angle brackets and line ends as CSS escapes."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' else c for c in text) + '"'


def page_css(lang: str) -> str:
    """The page's CSS in lang: the table toolbar hidden, the uploader's texts from the catalogue."""
    return _CSS.format(button=_BUTTON_LABEL, hint=_HINT, dragging=_DRAGGING,
                       choose=_css_string(t("upload_choose", lang)), drop=_css_string(t("upload_drop", lang)),
                       release=_css_string(t("upload_release", lang)))


def dress(lang: str) -> None:
    """Put the page's CSS on the page (once a run, from page setup; style only, so it takes no room)."""
    st.html(f"<style>{page_css(lang)}</style>")


# Leadership's overview holds eight cards, three findings and two charts above the fold at 1440 × 900:
# smaller values, less air.
_COMPACT = """
[data-testid="stMainBlockContainer"] { padding: 2.2rem 2.5rem 4rem 2.5rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.8rem; padding: 0; }
[data-testid="stMetric"] { padding: 0.45rem 0.75rem !important; }
[data-testid="stMetric"] > div { padding: 0 !important; }
[data-testid="stMetricValue"] { font-size: 1.5rem !important; }
[data-testid="stMetricLabel"] p { font-size: 0.85rem; }
[data-testid="stColumn"] [data-testid="stCaptionContainer"] { line-height: 1.35; }
.st-key-findings_small [data-testid="stText"] { font-size: 0.875rem; line-height: 1.4; color: #31333f; }
@media (max-width: 640px) { [data-testid="stMainBlockContainer"] { padding-top: 3.75rem !important; } }
"""


def compact() -> None:
    """The overview's density (see _COMPACT), on the page that asks for it."""
    st.html(f"<style>{_COMPACT}</style>")


def upload_limit_mb(settings: Settings) -> float:
    """The largest file an import takes, in MB: SDM_IMPORT_MAX_MB, or Streamlit's server.maxUploadSize when
    smaller (a larger file never reaches the import)."""
    return min(float(settings.import_max_mb), float(st.get_option("server.maxUploadSize")))


def upload_hint(ctx: Context, types: tuple[str, ...]) -> str:
    """'CSV, XLSX, JSON · maks. 50 MB per berkas': what the uploader takes, in the page's language."""
    limit = upload_limit_mb(ctx.settings)
    mb = fmt_number(limit, ctx.lang, 0 if limit.is_integer() else 1)
    return ctx.t("upload_hint", types=", ".join(x.upper() for x in types), mb=mb)
