"""Single sign-on (OIDC) against a local OpenID provider: the button on the sign-in page, the dance, the
address mapped to an account's role and scope, and an address without an account signing nobody in."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest

from sdm_analytics import accounts
from sdm_analytics.store import Store

pytestmark = pytest.mark.browser  # real servers, like the browser tests


class Provider:
    """A minimal OpenID provider on 127.0.0.1: discovery, authorize (approves at once), token (an RS256 ID
    token with the nonce it was asked for), JWKS. `email` is the address it vouches for."""

    def __init__(self) -> None:
        from joserfc.jwk import RSAKey

        self.key = RSAKey.generate_key(2048, parameters={"kid": "uji", "use": "sig", "alg": "RS256"})
        self.email, self.codes, self.port = "budi@serangkota.go.id", {}, 0

    def app(self):
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse, RedirectResponse
        from starlette.routing import Route

        def base():
            return f"http://127.0.0.1:{self.port}"

        async def discovery(_request):
            return JSONResponse({"issuer": base(), "authorization_endpoint": base() + "/authorize",
                                 "token_endpoint": base() + "/token", "jwks_uri": base() + "/jwks",
                                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                                 "id_token_signing_alg_values_supported": ["RS256"]})

        async def authorize(request):
            q = request.query_params
            code = uuid.uuid4().hex
            self.codes[code] = (q.get("nonce"), q.get("client_id"), self.email)
            return RedirectResponse(f"{q['redirect_uri']}?code={code}&state={q['state']}", status_code=302)

        async def token(request):
            from joserfc import jwt

            form = await request.form()
            nonce, client_id, email = self.codes.pop(form["code"])
            now = int(time.time())
            claims = {"iss": base(), "sub": email, "aud": client_id, "iat": now, "exp": now + 300, "nonce": nonce,
                      "email": email, "email_verified": True}
            id_token = jwt.encode({"alg": "RS256", "kid": "uji"}, claims, self.key)
            return JSONResponse({"access_token": uuid.uuid4().hex, "token_type": "Bearer", "expires_in": 300,
                                 "id_token": id_token})

        async def jwks(_request):
            return JSONResponse({"keys": [self.key.as_dict(private=False)]})

        return Starlette(routes=[Route("/.well-known/openid-configuration", discovery), Route("/authorize", authorize),
                                 Route("/token", token, methods=["POST"]), Route("/jwks", jwks)])


@pytest.fixture(scope="module")
def sso_site(_demo_files, tmp_path_factory, serve_app):
    """A local provider, and the dashboard (a copy of the demo store) with an [sso] section pointing at it."""
    import uvicorn
    from conftest import free_port

    from sdm_analytics.store import copy_store

    provider = Provider()
    provider.port = free_port()
    server = uvicorn.Server(uvicorn.Config(provider.app(), host="127.0.0.1", port=provider.port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    home = tmp_path_factory.mktemp("home")
    db = str(tmp_path_factory.mktemp("sso") / "sdm.duckdb")
    copy_store(_demo_files[1], db)
    site_port = free_port()
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(f"""
[sso]
label = "SSO Uji"
server_metadata_url = "http://127.0.0.1:{provider.port}/.well-known/openid-configuration"
client_id = "sdm-asn"
client_secret = "rahasia-klien"
redirect_uri = "http://127.0.0.1:{site_port}/masuk/sso/kembali"
""")
    with serve_app(db, home, env={"HOME": str(home)}, port=site_port) as url:
        yield url, provider, Store(db)
    server.should_exit = True
    thread.join(timeout=10)


def _dance(url: str, next_path: str = "/Program") -> tuple[httpx.Response, httpx.Client]:
    client = httpx.Client(follow_redirects=False, timeout=60)
    start = client.get(f"{url}/masuk/sso", params={"next": next_path})
    assert start.status_code in (302, 303, 307)
    at_provider = client.get(start.headers["location"])
    assert at_provider.status_code == 302
    back = client.get(at_provider.headers["location"])
    return back, client


def test_the_sign_in_page_offers_single_sign_on_when_it_is_configured(sso_site):
    page = httpx.get(f"{sso_site[0]}/masuk", timeout=60).text
    assert "Masuk dengan SSO Uji" in page and "/masuk/sso?next=" in page


def test_an_address_linked_to_an_account_signs_in_with_its_role_and_scope(sso_site):
    url, provider, store = sso_site
    accounts.set_email(store, "evaluator", "Budi@SerangKota.go.id", by="admin")
    provider.email = "budi@serangkota.go.id"
    back, client = _dance(url)
    assert back.status_code == 303 and back.headers["location"] == "/Program"
    cookie = back.headers["set-cookie"]
    assert "sdm_session=" in cookie and "HttpOnly" in cookie
    assert client.get(f"{url}/Program").status_code == 200  # the session opens the pages
    log = accounts.auth_log(store, 5)
    assert (log.iloc[0]["event"], log.iloc[0]["username"]) == ("sso_sign_in", "evaluator")
    assert accounts.by_email(store, "BUDI@serangkota.go.id").opds == ("DINKES",)  # the account's scope


def test_an_address_without_an_account_signs_nobody_in(sso_site):
    url, provider, store = sso_site
    provider.email = "orang.lain@example.org"
    back, client = _dance(url)
    assert back.status_code == 403 and "sdm_session" not in back.headers.get("set-cookie", "")
    assert "orang.lain@example.org belum terdaftar" in back.text
    assert client.get(f"{url}/").status_code == 302  # still sent to the sign-in page
    log = accounts.auth_log(store, 5)
    assert log.iloc[0]["event"] == "sso_unknown" and log.iloc[0]["detail"] == "orang.lain@example.org"


def test_a_forged_answer_to_the_callback_is_refused(sso_site):
    url = sso_site[0]
    client = httpx.Client(follow_redirects=False, timeout=60)
    forged = client.get(f"{url}/masuk/sso/kembali", params={"code": "x", "state": "y"})
    assert forged.status_code == 401 and "sdm_session" not in forged.headers.get("set-cookie", "")


def test_an_email_belongs_to_one_account(tmp_path):
    store = Store(str(tmp_path / "s.duckdb"))
    accounts.add(store, "admin", "sandi-rahasia-1", "admin")
    accounts.add(store, "budi", "sandi-rahasia-2", "pimpinan")
    accounts.set_email(store, "budi", "budi@serangkota.go.id")
    with pytest.raises(accounts.AccountError) as taken:
        accounts.set_email(store, "admin", "BUDI@serangkota.go.id")
    assert taken.value.key == "email_taken"
    with pytest.raises(accounts.AccountError):
        accounts.set_email(store, "admin", "bukan-email")
    accounts.set_active(store, "budi", False, by="admin")
    assert accounts.by_email(store, "budi@serangkota.go.id") is None  # a disabled account: nobody
