"""The web server around the pages (`app.py`: `streamlit run app.py`): sign-in by cookie, a gate, headers.

Streamlit resumes a session for any websocket that presents the session's id, and that id shows in upload
URLs. So a signed-in session is bound to a cookie instead: the sign-in page (`/masuk`, plain HTML, outside
Streamlit) checks the password and sets `sdm_session` (random, HttpOnly, SameSite=Lax; Secure behind
https), and the gate in front of Streamlit lets a page, its websocket, its uploads and its downloads through
only with a live session: without one a page is sent to `/masuk`, anything else refused. Every page run
looks the session up again (signin.current_user), so a session id alone opens nothing, while a reload or a
new tab stays signed in until the idle timeout. A survey link's questionnaire (survey.py) is public: the
token in its address is its key. `/_stcore/metrics` is closed; every answer carries headers
that forbid framing and sniffing.
"""

from __future__ import annotations

import html
import os
import secrets
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator
from urllib.parse import quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import accounts, sessions
from ..i18n import LANGS, t
from ..ledger import Ledger, ledger_path
from ..settings import load_settings, resolve_db_path
from ..store import open_store
from .sso import START as SSO_START
from .sso import routes as sso_routes
from .sso import settings as sso_settings
from .survey import PATHS as SURVEY_PATHS
from .survey import routes as survey_routes

__all__ = ["ROUTES", "MIDDLEWARE", "LIFESPAN", "GATE_HEADER"]

GATE_HEADER = sessions.GATE_HEADER
_CSRF = "sdm_csrf"
_PUBLIC = ("/masuk", "/masuk/", "/keluar", "/_stcore/health", "/_stcore/script-health-check", "/_stcore/host-config",
           "/static/", "/favicon.png", "/manifest.json", "/robots.txt",
           *SURVEY_PATHS)  # the questionnaire of a survey link (survey.py): the link is its only key
_CLOSED = ("/_stcore/metrics",)
_SECURITY_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
_ledgers: dict[str, Ledger] = {}


def _ledger() -> Ledger:
    path = ledger_path(resolve_db_path())
    if path not in _ledgers:
        _ledgers[path] = Ledger(path)
    return _ledgers[path]


def _cookies(scope: dict[str, Any]) -> dict[str, str]:
    from http.cookies import SimpleCookie

    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header opens nothing
                return {}
    return {k: m.value for k, m in jar.items()}


def _public(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in _PUBLIC)


class Gate:
    """ASGI middleware in front of Streamlit: a live session or nothing (see the module's docstring)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "/")
        headers = [(k, v) for k, v in scope.get("headers", []) if k != GATE_HEADER.encode()]
        scope = dict(scope, headers=headers + [(GATE_HEADER.encode(), b"1")])
        if scope["type"] == "http":
            send = _with_headers(send)
        if path.startswith(_CLOSED):
            await Response("Not Found", status_code=404)(scope, receive, send)
            return
        if _public(path):
            await self.app(scope, receive, send)
            return
        token = _cookies(scope).get(sessions.COOKIE)
        user = await run_in_threadpool(sessions.username_of, _ledger(), token, load_settings().idle_minutes)
        if user is not None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope.get("method") == "GET" and not path.startswith(("/_stcore/", "/media/", "/component")):
            target = path + (("?" + scope["query_string"].decode("latin-1")) if scope.get("query_string") else "")
            await RedirectResponse("/masuk?next=" + quote(target, safe=""), status_code=302)(scope, receive, send)
            return
        await Response("Unauthorized", status_code=401)(scope, receive, send)


def _with_headers(send: Any) -> Any:
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            have = {k.lower() for k, _ in message.get("headers", [])}
            message = dict(message, headers=list(message.get("headers", []))
                           + [(k, v) for k, v in _SECURITY_HEADERS if k not in have])
        await send(message)
    return wrapped


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of this site only."""
    value = value or "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value


def _lang(request: Request) -> str:
    """Bahasa Indonesia unless the link asks for English (as the dashboard: the browser's language aside)."""
    lang = request.query_params.get("lang") or ""
    return lang if lang in LANGS else "id"


def _page(lang: str, next_url: str, csrf: str, error: str = "") -> str:
    from ..demo import DEMO_ACCOUNTS

    store = open_store()
    e = html.escape
    parts = [f"<p class='intro'>{e(t('login_intro', lang))}</p>"]
    if error:
        parts.append(f"<p class='error' role='alert'>{e(error)}</p>")
    if not accounts.has_users(store):
        parts.append(f"<p class='warn'>{e(t('login_no_accounts', lang))}</p><pre>python -m sdm_analytics users add "
                     "admin --role admin --name \"Admin BKPSDM\"</pre>")
    else:
        parts.append(
            f"<form method='post' action='/masuk'><input type='hidden' name='csrf' value='{e(csrf)}'>"
            f"<input type='hidden' name='next' value='{e(next_url)}'><input type='hidden' name='lang' value='{lang}'>"
            f"<label for='u'>{e(t('login_user', lang))}</label>"
            "<input id='u' name='username' autocomplete='username' autofocus required maxlength='64'>"
            f"<label for='p'>{e(t('login_password', lang))}</label>"
            "<input id='p' name='password' type='password' autocomplete='current-password' required maxlength='256'>"
            f"<button type='submit'>{e(t('login_button', lang))}</button></form>")
        sso = sso_settings()
        if sso:
            label = sso.get("label") or "SSO"
            link = f"{SSO_START}?next={quote(next_url, safe='')}&amp;lang={lang}"
            parts.append(f"<p class='sso'><a class='button' href='{link}'>{e(t('login_sso', lang, label=label))}</a></p>")
        demo = accounts.still_open(store, [(u, p, r) for u, p, r, _, _ in DEMO_ACCOUNTS])
        if demo:
            items = "".join(f"<li><code>{e(u)}</code> / <code>{e(p)}</code> ({e(r)})</li>" for u, p, r in demo)
            parts.append(f"<div class='info'><p>{e(t('login_demo', lang))}</p><ul>{items}</ul></div>")
    other = "en" if lang == "id" else "id"
    switch = f"/masuk?lang={other}&amp;next={e(quote(next_url, safe=''))}"
    parts.append(f"<p class='lang'><a href='{switch}'>{'English' if other == 'en' else 'Bahasa Indonesia'}</a></p>")
    return ("<!doctype html><html lang='" + lang + "'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{e(t('login_button', lang))} · SDM ASN Analytics</title><style>{_STYLE}</style></head>"
            "<body><main><h1>SDM ASN Analytics</h1>" + "".join(parts) + "</main></body></html>")


_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f6f7f9;color:#1f2430;margin:0}
main{max-width:26rem;margin:8vh auto;background:#fff;padding:2rem 2.2rem;border-radius:10px;
box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.5rem;margin:0 0 .5rem}.intro{color:#555;margin-top:0}
label{display:block;margin:.9rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.55rem .6rem;border:1px solid #c8ccd4;border-radius:6px;font-size:1rem}
button{margin-top:1.2rem;width:100%;padding:.6rem;border:0;border-radius:6px;background:#0b5cad;color:#fff;
font-size:1rem;cursor:pointer}.error{background:#fdecea;color:#8a1c14;padding:.6rem .8rem;border-radius:6px}
.warn{background:#fff4e0;padding:.6rem .8rem;border-radius:6px}.info{background:#e8f1fb;padding:.4rem .9rem;
border-radius:6px;margin-top:1.2rem;font-size:.92rem}pre{background:#f0f0f0;padding:.6rem;overflow:auto}
.lang{margin-top:1.2rem;font-size:.9rem}.sso{margin-top:1rem}a.button{display:block;text-align:center;padding:.55rem;
border:1px solid #0b5cad;border-radius:6px;color:#0b5cad;text-decoration:none}
"""


def form_response(request: Request, lang: str, next_url: str, error: str = "", status: int = 200) -> Response:
    # the browser's own token, kept while it has one (a second showing of the form, in another tab or by a
    # prefetch, must not invalidate the first); a new one otherwise
    csrf = request.cookies.get(_CSRF, "")
    csrf = csrf if 20 <= len(csrf) <= 64 and csrf.replace("-", "").replace("_", "").isalnum() \
        else secrets.token_urlsafe(24)
    response = HTMLResponse(_page(lang, next_url, csrf, error), status_code=status,
                            headers={"cache-control": "no-store"})
    response.set_cookie(_CSRF, csrf, httponly=True, samesite="strict", path="/masuk",
                        secure=request.url.scheme == "https")
    return response


async def _sign_in(request: Request) -> Response:
    """GET: the form; POST: check the password (one Argon2 check, counted and logged), then the cookie."""
    if request.method == "GET":
        lang = _lang(request)
        return await run_in_threadpool(form_response, request, lang, safe_next(request.query_params.get("next")))
    form = await request.form()
    lang = str(form.get("lang") or "id")
    lang = lang if lang in LANGS else "id"
    next_url = safe_next(str(form.get("next") or "/"))
    if not secrets.compare_digest(str(form.get("csrf") or ""), request.cookies.get(_CSRF, "")) \
            or not request.cookies.get(_CSRF):
        return await run_in_threadpool(form_response, request, lang, next_url, t("login_form_expired", lang), 400)
    store = open_store()
    user, reason = await run_in_threadpool(accounts.authenticate, store, str(form.get("username") or "")[:64],
                                           str(form.get("password") or "")[:256])
    if user is None:
        message = t("login_locked", lang, minutes=accounts.LOCK_MINUTES) if reason == "locked" \
            else t("login_wrong", lang)
        return await run_in_threadpool(form_response, request, lang, next_url, message, 401)
    token = await run_in_threadpool(sessions.start, store.ledger, user.username)
    return session_redirect(request, token, next_url, lang)


def session_redirect(request: Request, token: str, next_url: str, lang: str) -> Response:
    """Signed in (a password, or single sign-on): the session cookie, and on to the page asked for."""
    target = next_url if lang == "id" or "lang=" in next_url else \
        next_url + ("&" if "?" in next_url else "?") + "lang=en"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(sessions.COOKIE, token, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https")
    response.delete_cookie(_CSRF, path="/masuk")
    return response


async def _sign_out(request: Request) -> Response:
    """End the session (in the ledger, so the cookie is dead everywhere) and forget the cookie."""
    await run_in_threadpool(sessions.end, _ledger(), request.cookies.get(sessions.COOKIE))
    response = RedirectResponse("/masuk" + (f"?lang={_lang(request)}" if _lang(request) != "id" else ""),
                                status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


def _prepare_store() -> None:
    """The store before the first visitor: an older one migrated, the demo built where there is no store."""
    from ..demo import needs_demo

    path = resolve_db_path()
    fresh = path != ":memory:" and not os.path.exists(path)
    store = open_store(path)
    if needs_demo(store, fresh):
        from ..demo import write_demo

        write_demo(store)


@asynccontextmanager
async def _lifespan(_app: Any) -> AsyncIterator[None]:
    await run_in_threadpool(_prepare_store)
    yield


LIFESPAN = _lifespan

ROUTES = [Route("/masuk", _sign_in, methods=["GET", "POST"]), Route("/keluar", _sign_out, methods=["GET", "POST"]),
          *sso_routes(form_response, session_redirect, safe_next), *survey_routes()]
MIDDLEWARE = [Middleware(Gate)]
