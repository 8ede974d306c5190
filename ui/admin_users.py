"""The admin page's accounts sections: users (list, add, change, disable), the public-view switch,
and the audit log (who did what, when, in Vietnam time). Every write goes through the store, which
checks the signed-in account's role again."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from gender_targets.accounts import Account, Role, is_locked
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import MESSAGES, describe
from ui.attach import attachment_setting
from ui.common import lang, tr
from ui.safe import md
from ui.timefmt import vn_time

ROLES = [r.value for r in Role]


def _error(exc: GenderTargetsError) -> None:
    st.error(md(describe(exc, lang())))


def users_section(store, me: Account | None) -> None:
    accounts = store.accounts()
    now = dt.datetime.now(dt.UTC)
    if not accounts:
        st.info(tr("ui.users.single_mode"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    tr("ui.users.h_username"): [a.username for a in accounts],
                    tr("ui.users.h_display_name"): [a.display_name for a in accounts],
                    tr("ui.users.h_role"): [tr("role." + a.role) for a in accounts],
                    tr("ui.users.h_units"): [", ".join(a.units) for a in accounts],
                    tr("ui.users.h_email"): [a.email for a in accounts],
                    tr("ui.users.h_disabled"): [tr("ui.common.yes") if a.disabled else "" for a in accounts],
                    tr("ui.users.h_last"): [vn_time(a.last_sign_in_at) for a in accounts],
                    tr("ui.users.h_locked"): [vn_time(a.locked_until) if is_locked(a, now) else "" for a in accounts],
                }
            ),
            hide_index=True,
            key="admin_users_table",
        )
        on = st.toggle(tr("ui.users.public_view"), value=store.public_view(), key="admin_public_view")
        if on != store.public_view():
            try:
                store.set_public_view(on, actor=me)
            except GenderTargetsError as exc:
                _error(exc)
            else:
                st.rerun()
        attachment_setting(store, me)  # phone: the signed report required on unit submissions
    if flash := st.session_state.pop("admin_users_flash", None):
        st.success(flash)

    reg = store.register()
    unit_codes = list(reg.reporting_units) if reg is not None else []
    c1, c2 = st.columns(2)
    with c1, st.form("admin_user_add", border=True):
        st.markdown(f"**{tr('ui.users.add_title')}**")
        username = st.text_input(tr("ui.users.h_username"), key="admin_user_name")
        display = st.text_input(tr("ui.users.h_display_name"), key="admin_user_display")
        role = st.selectbox(tr("ui.users.h_role"), ROLES, format_func=lambda r: tr("role." + r), key="admin_user_role")
        units = st.multiselect(
            tr("ui.users.h_units"), unit_codes, key="admin_user_units", placeholder=tr("ui.users.units_placeholder")
        )
        email = st.text_input(tr("ui.users.h_email"), key="admin_user_email")
        password = st.text_input(tr("ui.auth.password"), type="password", key="admin_user_password")
        if st.form_submit_button(tr("ui.users.add"), type="primary"):
            try:
                made = store.add_account(
                    username,
                    role,
                    password,
                    units=units if role == Role.UNIT else [],
                    display_name=display,
                    email=email,
                    actor=me,
                )
            except GenderTargetsError as exc:
                _error(exc)
            else:
                st.session_state["admin_users_flash"] = tr("ui.users.added", username=md(made.username))
                st.rerun()
    if not accounts:
        return
    with c2, st.container(border=True):
        st.markdown(f"**{tr('ui.users.change_title')}**")
        names = [a.username for a in accounts]
        pick = st.selectbox(tr("ui.users.pick"), names, key="admin_user_pick")  # outside the form: the
        current = next(a for a in accounts if a.username == pick)  # fields below show this account
        _change_form(store, me, current, unit_codes)


def _change_form(store, me: Account | None, current: Account, unit_codes: list[str]) -> None:
    pick = current.username
    if is_locked(current, dt.datetime.now(dt.UTC)):  # wrong passwords locked it against new browsers
        st.warning(tr("ui.users.locked", until=vn_time(current.locked_until)), icon=":material/lock_clock:")
        if st.button(tr("ui.users.unlock"), key=f"admin_user_unlock_{pick}", icon=":material/lock_open:"):
            try:
                store.unlock_account(pick, actor=me)
            except GenderTargetsError as exc:
                _error(exc)
            else:
                st.session_state["admin_users_flash"] = tr("ui.users.unlocked", username=md(pick))
                st.rerun()
    with st.form(f"admin_user_change_{pick}", border=False):
        role = st.selectbox(
            tr("ui.users.h_role"),
            ROLES,
            index=ROLES.index(current.role),
            format_func=lambda r: tr("role." + r),
            key=f"admin_user_change_role_{pick}",
        )
        units = st.multiselect(
            tr("ui.users.h_units"),
            unit_codes,
            default=[u for u in current.units if u in unit_codes],
            key=f"admin_user_change_units_{pick}",
            placeholder=tr("ui.users.units_placeholder"),
        )
        password = st.text_input(tr("ui.users.new_password"), type="password", key=f"admin_user_change_pw_{pick}")
        disabled = st.checkbox(tr("ui.users.disable"), value=current.disabled, key=f"admin_user_change_disabled_{pick}")
        if st.form_submit_button(tr("ui.users.save")):
            try:
                store.update_account(
                    pick,
                    role=role,
                    units=units if role == Role.UNIT else [],
                    password=password or None,
                    disabled=disabled,
                    actor=me,
                )
            except GenderTargetsError as exc:
                _error(exc)
            else:
                st.session_state["admin_users_flash"] = tr("ui.users.saved", username=md(pick))
                st.rerun()


def _value_words(value, depth: int = 0) -> str:
    """One value of an audit entry in words: yes/no, lists shortened, a submission as "#212 X-HM 2026Q3"."""
    if isinstance(value, bool):
        return tr("ui.audit.yes") if value else tr("ui.audit.no")
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, dict):
        if {"indicator", "year", "target_percent"} <= set(value):
            return f"{value['indicator']} {value['year']}: {value['target_percent']:g}%"
        if "id" in value and ("unit" in value or "period" in value):
            return " ".join(str(x) for x in (f"#{value['id']}", value.get("unit", ""), value.get("period", "")) if x)
        if depth:
            return ", ".join(f"{k} {_value_words(v, depth + 1)}" for k, v in value.items())
        return "; ".join(f"{_key_words(k)}: {_value_words(v, depth + 1)}" for k, v in value.items())
    if isinstance(value, list):
        shown = [_value_words(v, depth + 1) for v in value[:6]]
        more = tr("ui.audit.more", n=len(value) - 6) if len(value) > 6 else ""
        return ", ".join(shown) + (f" {more}" if more else "")
    return str(value)


def _key_words(key: str) -> str:
    return tr(f"ui.audit.key.{key}") if f"ui.audit.key.{key}" in MESSAGES else key


def _detail(text: str) -> str:
    """An audit entry's detail (JSON) in words, as an admin reads it (not a Python dict)."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return str(text)
    if isinstance(value, dict):
        return "; ".join(f"{_key_words(k)}: {_value_words(v, 1)}" for k, v in value.items() if k != "sha256")
    return _value_words(value)


def audit_section(store) -> None:
    log = store.audit_log().head(500)
    if log.empty:
        st.info(tr("ui.admin.no_history"))
        return
    accounts = {a.username: a.label for a in store.accounts()}

    def who(name: str) -> str:
        if not name or name in ("app", "setup"):
            return tr("ui.audit.operator") + (f" {name}" if name else "")
        return f"{accounts[name]} ({name})" if name in accounts and accounts[name] != name else name

    def action(code: str) -> str:
        key = f"store.action.{code}"
        return tr(key) if key in MESSAGES else code

    st.dataframe(
        pd.DataFrame(
            {
                tr("ui.audit.h_at"): log["at"].map(vn_time),
                tr("ui.audit.h_action"): log["action"].map(action),
                tr("ui.audit.h_who"): log["who"].map(who),
                tr("ui.audit.h_detail"): log["detail"].map(_detail),
            }
        ),
        hide_index=True,
        key="admin_audit_table",
    )
