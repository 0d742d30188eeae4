"""The web server around the pages (app.py, sdm_analytics/server/): the sign-in page, the cookie-bound session, the gate
in front of Streamlit, the security headers; and the sessions themselves (sessions.py)."""

from __future__ import annotations

import datetime as dt
import http.client
import re
import urllib.parse

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from sdm_analytics import accounts, sessions
from sdm_analytics.store import Store


@pytest.fixture(scope="module")
def site(_demo_files, tmp_path_factory, serve_app):
    """The dashboard as the README runs it (`streamlit run app.py`) on a copy of the demo store: (host, port,
    store)."""
    from sdm_analytics.store import copy_store

    db = str(tmp_path_factory.mktemp("web") / "sdm.duckdb")
    copy_store(_demo_files[1], db)
    with serve_app(db, tmp_path_factory.mktemp("weblog")) as url:
        parts = urllib.parse.urlsplit(url)
        yield parts.hostname, parts.port, Store(db)


def _request(site, method: str, path: str, body: dict | None = None, cookies: dict | None = None):
    con = http.client.HTTPConnection(site[0], site[1], timeout=60)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())} if cookies else {}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    con.request(method, path, body=data, headers=headers)
    response = con.getresponse()
    response.read()
    return response


def _set_cookies(response) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("set-cookie") or []:
        name, _, rest = header.partition("=")
        found[name] = header
    return found


def _sign_in(site, user: str = "admin", password: str = "admin-demo-2025", next_url: str = "/"):
    form = _request(site, "GET", "/masuk")
    csrf = re.search(r"sdm_csrf=([^;]+)", form.headers["set-cookie"]).group(1)
    return _request(site, "POST", "/masuk", {"csrf": csrf, "username": user, "password": password,
                                              "next": next_url, "lang": "id"}, {"sdm_csrf": csrf})


def _session(response) -> str:
    return re.search(r"sdm_session=([^;]+)", _set_cookies(response)["sdm_session"]).group(1)


def _websocket(site, cookie: str | None = None):
    headers = {"Cookie": f"sdm_session={cookie}"} if cookie else {}
    return connect(f"ws://{site[0]}:{site[1]}/_stcore/stream", additional_headers=headers, open_timeout=30,
                   subprotocols=["streamlit"])


def test_without_a_session_a_page_goes_to_the_sign_in_page_and_nothing_else_opens(site):
    """F3: any websocket presenting a live Streamlit session id used to resume it (2 423 NIPs to a cookie-less
    client). Now, without the session cookie, a page is sent to the sign-in page (with the way back), and the
    websocket, an upload, a download of generated files are refused; the metrics endpoint is closed."""
    page = _request(site, "GET", "/Program?year=2025&opd=DINKES")
    assert page.status == 302
    assert page.headers["location"] == "/masuk?next=" + urllib.parse.quote("/Program?year=2025&opd=DINKES", safe="")
    with pytest.raises(InvalidStatus) as refused:
        _websocket(site)
    assert refused.value.response.status_code == 403
    assert _request(site, "GET", "/media/0123456789abcdef.csv").status == 401
    assert _request(site, "PUT", "/_stcore/upload_file/abc/def").status == 401
    assert _request(site, "GET", "/_stcore/metrics").status == 404
    assert _request(site, "GET", "/_stcore/health").status == 200


def test_signing_in_sets_an_httponly_samesite_cookie_that_opens_the_pages_and_the_websocket(site):
    response = _sign_in(site, next_url="/Program?year=2025")
    assert response.status == 303 and response.headers["location"] == "/Program?year=2025"
    cookie = _set_cookies(response)["sdm_session"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    token = _session(response)
    assert _request(site, "GET", "/", cookies={"sdm_session": token}).status == 200
    with _websocket(site, token):
        pass  # the handshake went through
    stored = site[2].ledger.rows("SELECT token_hash, username FROM sessions")
    assert ("admin" in {u for _, u in stored}) and token not in {h for h, _ in stored}  # only a hash is kept


def test_signing_out_kills_the_cookie_everywhere(site):
    token = _session(_sign_in(site))
    out = _request(site, "POST", "/keluar", cookies={"sdm_session": token})
    assert out.status == 303 and out.headers["location"] == "/masuk"
    assert "Max-Age=0" in _set_cookies(out)["sdm_session"]
    assert _request(site, "GET", "/", cookies={"sdm_session": token}).status == 302  # a copy of the cookie
    with pytest.raises(InvalidStatus):
        _websocket(site, token)


def test_a_wrong_password_or_a_forged_form_opens_nothing(site):
    wrong = _sign_in(site, "pimpinan", "bukan-sandinya")
    assert wrong.status == 401 and "sdm_session" not in _set_cookies(wrong)
    forged = _request(site, "POST", "/masuk", {"csrf": "x" * 32, "username": "admin", "password": "admin-demo-2025"},
                      {"sdm_csrf": "y" * 32})
    assert forged.status == 400 and "sdm_session" not in _set_cookies(forged)
    log = accounts.auth_log(site[2], 20)
    assert "wrong" in set(log.loc[log["username"] == "pimpinan", "event"])


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:alert(1)", "x"])
def test_after_signing_in_only_a_page_of_this_site_is_a_destination(site, target):
    assert _sign_in(site, next_url=target).headers["location"] == "/"


def test_every_answer_forbids_framing_and_sniffing(site):
    for path in ("/masuk", "/", "/_stcore/health"):
        headers = _request(site, "GET", path).headers
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_the_sign_in_page_shows_data_text_escaped_and_speaks_both_languages(site):
    con = http.client.HTTPConnection(site[0], site[1], timeout=60)
    con.request("GET", "/masuk?lang=en&next=%3Cscript%3E")
    body = con.getresponse().read().decode()
    assert "Username" in body and "Sign in" in body and "<script>" not in body
    con.request("GET", "/masuk")
    body = con.getresponse().read().decode()
    assert "Nama pengguna" in body and "admin-demo-2025" in body  # the demo's accounts, while their passwords work


# -- sessions (no server) ----------------------------------------------------------------------------------------
def test_a_session_lives_until_it_is_idle_too_long(tmp_path):
    store = Store(str(tmp_path / "s.duckdb"))
    token = sessions.start(store.ledger, "budi")
    assert sessions.username_of(store.ledger, token, 60) == "budi"
    assert sessions.username_of(store.ledger, token + "x", 60) is None
    assert sessions.username_of(store.ledger, None, 60) is None
    old = (dt.datetime.now() - dt.timedelta(minutes=61)).isoformat(sep=" ")
    with store.ledger.write() as con:
        con.execute("UPDATE sessions SET last_seen = ?", (old,))
    assert sessions.username_of(store.ledger, token, 60) is None
    assert store.ledger.scalar("SELECT count(*) FROM sessions") == 0  # an idle one is deleted


def test_a_new_password_or_a_disabled_account_ends_its_sessions(tmp_path):
    store = Store(str(tmp_path / "s.duckdb"))
    accounts.add(store, "admin", "sandi-rahasia-1", "admin")
    accounts.add(store, "budi", "sandi-rahasia-2", "pimpinan")
    first, second = sessions.start(store.ledger, "budi"), sessions.start(store.ledger, "budi")
    accounts.set_password(store, "budi", "sandi-rahasia-3", by="admin")
    assert sessions.username_of(store.ledger, first, 60) is None and sessions.username_of(store.ledger, second, 60) is None
    third = sessions.start(store.ledger, "budi")
    accounts.set_active(store, "budi", False, by="admin")
    assert sessions.username_of(store.ledger, third, 60) is None


def test_the_readme_command_on_a_fresh_machine_builds_the_demo_before_the_first_visitor(tmp_path, serve_app):
    """`streamlit run app.py` with no store yet: the demo is built as the server starts (the sign-in page then
    offers the demo's accounts), and its accounts sign in."""
    db = tmp_path / "fresh" / "sdm.duckdb"
    with serve_app(str(db), tmp_path) as url:
        parts = urllib.parse.urlsplit(url)
        site = (parts.hostname, parts.port, None)
        con = http.client.HTTPConnection(site[0], site[1], timeout=60)
        con.request("GET", "/masuk")
        assert "pimpinan-demo-2025" in con.getresponse().read().decode()
        assert _sign_in(site, "pimpinan", "pimpinan-demo-2025").status == 303
    assert Store(str(db)).count("employees") > 4000
