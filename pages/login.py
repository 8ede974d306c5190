"""Đăng nhập: the local sign-in form (one generic error, the lockout in words) and, when an
identity provider is configured in ``[auth]``, a button for ``st.login`` (OIDC)."""

from __future__ import annotations

import streamlit as st

from ui.auth import finish_sign_in, oidc_configured, sign_in, visitor
from ui.common import tr
from ui.gate import page_gate
from ui.safe import md

page_gate(__file__)

v = visitor()
st.title(tr("ui.auth.title"))
if v.mode == "signed_in":  # e.g. a page reload after signing in: nothing to do here
    st.success(tr("ui.auth.already"))
    st.stop()
if v.mode == "public":
    st.info(tr("ui.auth.public_hint"))
if v.problem:
    st.error(md(v.problem))
    if st.button(tr("ui.auth.sign_out"), key="login_oidc_out"):
        st.logout()

left, _ = st.columns([2, 3])
with left:
    with st.form("login_form", border=True):
        username = st.text_input(tr("ui.auth.username"), key="login_username", autocomplete="username")
        password = st.text_input(
            tr("ui.auth.password"), type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(tr("ui.auth.sign_in"), type="primary", width="stretch")
    if submitted:
        error = sign_in(username, password) if username.strip() and password else tr("ui.auth.fill_both")
        if error is None:
            finish_sign_in()  # the cookie, then the home page
        st.error(error)
    if oidc_configured():
        st.caption(tr("ui.auth.or"))
        if st.button(tr("ui.auth.oidc"), key="login_oidc", width="stretch", icon=":material/badge:"):
            st.login()
    st.caption(tr("ui.auth.help"))
