"""Context: who is looking at what — the page, the language, the filters, the scope, the store and the settings.

`ui.page(...)` returns one; the cached data and the widgets take it. It satisfies present.views.Viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..filters import Filters, Scope
from ..i18n import t
from ..settings import Settings
from ..store import Store, open_store

__all__ = ["Context"]


@dataclass(frozen=True)
class Context:
    """Who is looking at what: returned by page()."""

    page_id: str
    lang: str
    filters: Filters
    scope: Scope
    db_path: str
    version: str
    settings: Settings
    years: tuple[int, ...]
    user: Any = None  # the signed-in accounts.User

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @property
    def store(self) -> Store:
        return open_store(self.db_path)
