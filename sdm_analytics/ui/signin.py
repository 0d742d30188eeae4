"""Signing in and out on the page: who the session is, the account box, and the in-process form.

Served over the network (`streamlit run app.py`), the session is the cookie's (web.py: the sign-in page, the
gate): every page run looks it up in the ledger. A run without any HTTP request — Streamlit's AppTest, in
the same process — has no cookie and signs in with the form below, into its session state.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from ..formatting import escape_markdown
from ..i18n import t
from ..settings import load_settings
from ..store import Store


def _networked() -> bool:
    """Whether this run serves a browser (an HTTP request behind it), not an in-process test."""
    return bool(st.context.headers)


def current_user(store: Store, idle_minutes: int) -> Any:
    """The signed-in accounts.User, re-checked on every page (a disabled account is out at once), or None.

    Over the network: the account of the cookie's live session (a session id without the cookie opens
    nothing; a reload or a new tab stays signed in). In process: the session state's, signed out when idle
    longer than idle_minutes.
    """
    from .. import accounts, sessions

    ss = st.session_state
    if _networked():
        if st.context.headers.get(sessions.GATE_HEADER) != "1":  # `streamlit run dashboard.py`: no cookie can be set
            st.error(t("login_gate_missing", ss.get("lang", "id")), icon=":material/lock:")
            st.stop()
        username = sessions.username_of(store.ledger, st.context.cookies.get(sessions.COOKIE), idle_minutes)
        return accounts.get(store, username) if username else None
    now = time.time()
    if ss.get("user") and now - ss.get("_seen", now) > idle_minutes * 60:
        _forget()
        ss["_login_error"] = "expired"
        return None
    if ss.get("user"):
        user = accounts.get(store, ss["user"])
        if user is not None:
            ss["_seen"] = now
            return user
        ss.pop("user", None)
    return None


def _login(store: Store) -> None:
    from .. import accounts

    ss = st.session_state
    user, reason = accounts.authenticate(store, ss.get("login_user", ""), ss.get("login_password", ""))
    ss["login_password"] = ""
    if user is None:
        ss["_login_error"] = reason
        return
    ss.pop("_login_error", None)
    ss["user"] = user.username


def login_form(store: Store, lang: str) -> None:
    """The sign-in form (or, in a store without accounts, how to make the first); over the network, where the
    sign-in page is web.py's, the way back to it."""
    from .. import accounts
    from ..demo import DEMO_ACCOUNTS

    st.title("SDM ASN Analytics")
    if _networked():  # the session ended here (signed out, idle, disabled): sign in again on the sign-in page
        _forget()
        st.info(t("signed_out", lang), icon=":material/logout:")
        st.markdown(f'<a href="/masuk?lang={lang}" target="_self">{t("sign_in_again", lang)}</a>',
                    unsafe_allow_html=True)  # our own link (no data in it): a same-tab navigation
        return
    st.caption(t("login_intro", lang))
    if not accounts.has_users(store):
        st.warning(t("login_no_accounts", lang), icon=":material/person_add:")
        st.code("python -m sdm_analytics users add admin --role admin --name \"Admin BKPSDM\"", language="bash")
        st.caption(t("login_no_accounts_demo", lang))
        return
    left, _ = st.columns([2, 3])
    with left.form("login", border=True):
        st.text_input(t("login_user", lang), key="login_user", autocomplete="username")
        st.text_input(t("login_password", lang), key="login_password", type="password",
                      autocomplete="current-password")
        st.form_submit_button(t("login_button", lang), type="primary", on_click=_login, args=(store,),
                              icon=":material/login:")
    error = st.session_state.get("_login_error")
    if error:
        key, minutes = {"locked": ("login_locked", accounts.LOCK_MINUTES),
                        "expired": ("login_expired", load_settings().idle_minutes)}.get(error, ("login_wrong", 0))
        left.error(t(key, lang, minutes=minutes), icon=":material/error:")
    # the demo's accounts are offered while their demo passwords still work (never on a real store); a changed
    # demo password is a new hash, so it disappears at once
    demo = accounts.still_open(store, [(u, p, r) for u, p, r, _, _ in DEMO_ACCOUNTS])
    if demo:
        left.info(t("login_demo", lang) + "\n\n" + "\n".join(f"- `{u}` / `{p}` ({r})" for u, p, r in demo),
                  icon=":material/info:")


def _forget() -> None:
    """Forget everything of the session but its language: the next person starts clean."""
    for key in [k for k in st.session_state if k != "lang"]:
        del st.session_state[key]


def _sign_out(store: Store) -> None:
    from .. import sessions

    if _networked():  # the session ends in the ledger: the cookie opens nothing any more, in any tab
        sessions.end(store.ledger, st.context.cookies.get(sessions.COOKIE))
    _forget()
    st.query_params.clear()  # the view's filters too: the link no longer says what the last person looked at


def account_box(store: Store, user: Any, lang: str) -> None:
    """Who is signed in, and the sign-out button, at the top of the sidebar's lower part."""
    with st.sidebar:
        role = t(f"role_{user.role}", lang)  # said once: "Pimpinan (demo)" needs no "(pimpinan)" after it
        key = "signed_in_as_named" if role.lower() in user.name.lower() else "signed_in_as"
        st.caption(t(key, lang, name=escape_markdown(user.name), role=role))
        st.button(t("sign_out", lang), on_click=_sign_out, args=(store,), icon=":material/logout:", key="sign_out",
                  width="stretch")


