"""Single sign-on (OpenID Connect), offered on the sign-in page when `.streamlit/secrets.toml` has an [sso]
section — the same keys as Streamlit's st.login [auth] section:

    [sso]
    label = "SSO Pemkot Serang"                                   # the button's name (optional)
    server_metadata_url = "https://sso.serangkota.go.id/.well-known/openid-configuration"
    client_id = "sdm-asn"
    client_secret = "..."
    redirect_uri = "https://sdm.serangkota.go.id/masuk/sso/kembali"

The provider vouches for an e-mail address (Authlib checks the ID token's signature, issuer, audience and
nonce); the account table maps it to a role and scope (`users set NAME --email ...`): an address without an
active account signs nobody in, and is logged. A right address gets the same session cookie as a password
(web.py), so everything after signing in is the same. The dance keeps its state in Streamlit's own signed
session cookie: give every dashboard process the same `server.cookieSecret`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import accounts, sessions
from ..settings import PROJECT_ROOT
from ..store import open_store

__all__ = ["routes", "settings", "START"]

START = "/masuk/sso"
_BACK = "/masuk/sso/kembali"
_KEYS = ("server_metadata_url", "client_id", "client_secret", "redirect_uri")
_clients: dict[tuple, Any] = {}


def settings() -> dict[str, str] | None:
    """The [sso] section of the project's (or the service user's) secrets.toml, or None when there is none."""
    for path in (PROJECT_ROOT / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml"):
        if path.is_file():
            section = tomllib.loads(path.read_text(encoding="utf-8")).get("sso")
            if isinstance(section, dict) and all(section.get(k) for k in _KEYS):
                return {k: str(v) for k, v in section.items()}
    return None


def _client(config: dict[str, str]) -> Any:
    from authlib.integrations.starlette_client import OAuth

    key = tuple(config[k] for k in _KEYS)
    if key not in _clients:
        oauth = OAuth()
        oauth.register("sso", client_id=config["client_id"], client_secret=config["client_secret"],
                       server_metadata_url=config["server_metadata_url"],
                       client_kwargs={"scope": "openid email profile"})
        _clients[key] = oauth.sso
    return _clients[key]


def routes(form_response: Callable[..., Response], session_redirect: Callable[..., Response],
           safe_next: Callable[[str | None], str]) -> list[Route]:
    """The two routes of the dance, with the sign-in page's own helpers (web.py): its form with a message,
    the session cookie and redirect, the check of where to go next."""

    async def start(request: Request) -> Response:
        config = settings()
        if config is None:
            return RedirectResponse("/masuk", status_code=303)
        request.session["sdm_next"] = safe_next(request.query_params.get("next"))
        request.session["sdm_lang"] = "en" if request.query_params.get("lang") == "en" else "id"
        return await _client(config).authorize_redirect(request, config["redirect_uri"])

    async def back(request: Request) -> Response:
        from ..i18n import t

        config = settings()
        lang = request.session.pop("sdm_lang", "id")
        next_url = request.session.pop("sdm_next", "/")
        if config is None:
            return RedirectResponse("/masuk", status_code=303)
        try:
            token = await _client(config).authorize_access_token(request)
        except Exception:  # noqa: BLE001 - a refused, forged or expired answer of the provider
            return await run_in_threadpool(form_response, request, lang, next_url, t("login_sso_failed", lang), 401)
        info = token.get("userinfo") or {}
        email = str(info.get("email") or "") if info.get("email_verified", True) is not False else ""
        store = open_store()
        user = await run_in_threadpool(accounts.by_email, store, email)
        if user is None:
            await run_in_threadpool(accounts.refused_by_sso, store, email)
            message = t("login_sso_unknown", lang, email=email or "?")
            return await run_in_threadpool(form_response, request, lang, next_url, message, 403)
        await run_in_threadpool(accounts.signed_in_by_sso, store, user, email)
        session = await run_in_threadpool(sessions.start, store.ledger, user.username)
        return session_redirect(request, session, next_url, lang)

    return [Route(START, start, methods=["GET"]), Route(_BACK, back, methods=["GET"])]
