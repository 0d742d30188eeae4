"""Akun: everyone changes their own password; an admin manages every account, its role and OPD scope."""

import streamlit as st

from sdm_analytics import accounts, ui
from sdm_analytics.accounts import AccountError
from sdm_analytics.formatting import escape_markdown, fmt_number

ctx = ui.page("accounts")
st.title(ctx.t("page_accounts"))
st.caption(ctx.t("acc_intro"))
me, n_min = ctx.user, accounts.MIN_PASSWORD


def done(*changes, message: str = "") -> None:
    """Run account changes in order; on the first refusal say why (in the user's language) and stop,
    else show the page again with the new state and say it is saved."""
    try:
        for action, *args in changes:
            action(ctx.store, *args, by=me.username)
    except AccountError as exc:
        st.error(escape_markdown(exc.message(ctx.lang)), icon=":material/error:")  # it quotes what was typed
        return
    st.session_state["_acc_flash"] = message or ctx.t("acc_saved")
    st.rerun()


if "_acc_flash" in st.session_state:
    st.success(st.session_state.pop("_acc_flash"), icon=":material/check_circle:")
def submit(label: str, password: tuple[str, str], change: tuple) -> None:
    """A form's button: the change once the new password was typed the same twice."""
    if st.form_submit_button(label, type="primary"):
        if password[0] != password[1]:
            st.error(ctx.t("acc_mismatch"), icon=":material/error:")
        else:
            done(change)


def new_password(key: str) -> tuple[str, str]:
    return (st.text_input(ctx.t("acc_new", n=n_min), type="password", key=f"{key}_new"),
            st.text_input(ctx.t("acc_repeat"), type="password", key=f"{key}_again"))


st.subheader(ctx.t("acc_own"))
left, _ = st.columns([2, 3])
with left.form("own_password", clear_on_submit=True, border=True):
    current = st.text_input(ctx.t("acc_current"), type="password", key="own_current")
    password = new_password("own")
    submit(ctx.t("acc_save"), password, (accounts.change_own_password, me.username, current, password[0]))

if me.role != "admin":
    st.stop()

names = ui.unit_names(ctx)
listing = accounts.listing(ctx.store)
st.subheader(ctx.t("acc_list", n=fmt_number(len(listing), ctx.lang, 0)))
ui.show_table(ctx, ui.accounts_table(ctx, listing), "akun_pengguna.csv", key="acc_csv")


def opd_picker(key: str, default=()) -> list[str]:
    return st.multiselect(ctx.t("acc_opds"), sorted(names, key=names.get), default=list(default),
                          format_func=lambda c: names.get(c, c), help=ctx.t("acc_opds_help"), key=key,
                          placeholder=ctx.t("acc_opds_placeholder"))


with st.expander(ctx.t("acc_add"), icon=":material/person_add:"):
    with st.form("add_account", clear_on_submit=True, border=False):
        username = st.text_input(ctx.t("login_user"), key="add_user")
        name = st.text_input(ctx.t("col_name"), key="add_name")
        role = st.selectbox(ctx.t("acc_role"), accounts.ROLES, format_func=lambda r: ctx.t(f"role_{r}"),
                            key="add_role")
        opds = opd_picker("add_opds")
        password = new_password("add")
        submit(ctx.t("acc_add"), password, (accounts.add, username, password[0], role, name, opds))

with st.expander(ctx.t("acc_edit"), icon=":material/manage_accounts:"):
    rows = listing.set_index("username")
    who = st.selectbox(ctx.t("acc_pick"), list(rows.index), key="edit_user",
                       format_func=lambda u: f"{u} · {rows.loc[u, 'name']}")
    if who:
        row = rows.loc[who]
        with st.form("edit_account", border=False):
            name = st.text_input(ctx.t("col_name"), value=row["name"], key=f"edit_name_{who}")
            role = st.selectbox(ctx.t("acc_role"), accounts.ROLES, index=accounts.ROLES.index(row["role"]),
                                format_func=lambda r: ctx.t(f"role_{r}"), key=f"edit_role_{who}")
            opds = opd_picker(f"edit_opds_{who}", row["opds"])
            active = st.toggle(ctx.t("acc_enabled_toggle"), value=bool(row["active"]), key=f"edit_active_{who}")
            password = st.text_input(ctx.t("acc_password_opt"), type="password", key=f"edit_password_{who}")
            if st.form_submit_button(ctx.t("acc_save"), type="primary"):
                done((accounts.update, who, role, name, opds), (accounts.set_active, who, active),
                     *([(accounts.set_password, who, password)] if password else []))
        if who != me.username and st.checkbox(ctx.t("acc_remove_confirm", user=escape_markdown(who)),
                                                key=f"rm_confirm_{who}"):
            if st.button(ctx.t("acc_remove"), key=f"rm_{who}", icon=":material/delete:"):
                done((accounts.remove, who), message=ctx.t("acc_removed", user=escape_markdown(who)))

log = accounts.auth_log(ctx.store)
st.subheader(ctx.t("acc_log", n=fmt_number(len(log), ctx.lang, 0)))
ui.show_table(ctx, ui.auth_log_table(ctx, log), "riwayat_akun.csv", key="acc_log_csv", height=320)
