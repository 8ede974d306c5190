"""Sign-in glue for the pages: who is visiting, what they may open, the sign-in form, sign-out.

The rules live in ``gender_targets.accounts`` (roles, permissions) and the store (passwords, the
lockout, the public-view setting); this module only reads the session and draws.

Modes (``visitor().mode``):
- ``single``: no account in the database. The app is a single-user tool on 127.0.0.1 (see
  ``.streamlit/config.toml``); the visitor is the local operator (``actor()`` is None: every right).
- ``signed_in``: a local account (session) or an OIDC identity (``st.user``) mapped by e-mail.
- ``public``: not signed in, and an admin switched on the read-only public view: dashboards only.
- ``anonymous``: not signed in: the sign-in page only.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from gender_targets.accounts import DEVICE_DAYS, SESSION_HOURS, Account, AccountError, Action
from gender_targets.accounts import allowed as _allowed
from gender_targets.i18n import describe
from ui.common import get_store, lang, tr
from ui.safe import md

SESSION_USER = "auth_username"  # the username of the local account signed in on this session
SESSION_TOKEN = "auth_token"  # its browser token (the cookie), so that a reload stays signed in
SESSION_DEVICE = "auth_device"  # the device token to write into this browser's device cookie
COOKIE = "gt_session"
DEVICE_COOKIE = "gt_device"  # a browser that signed in before: not held back by a lock (accounts.py)
SIGN_IN = "sign_in"  # the page action of the sign-in page


@dataclass(frozen=True)
class Visitor:
    mode: str  # single | signed_in | public | anonymous
    account: Account | None = None
    problem: str = ""  # an OIDC identity with no (usable) account: the words to show

    def may(self, action: str) -> bool:
        """May this visitor open a page needing ``action`` (an ``Action`` value, or ``sign_in``)?"""
        if action == SIGN_IN:
            return self.mode in ("public", "anonymous")
        if self.mode == "single":
            return True
        if self.mode == "public":
            return action == Action.VIEW
        if self.mode == "anonymous":
            return False
        return _allowed(self.account, action)

    def may_any(self, *actions: str) -> bool:
        return any(self.may(a) for a in actions)


def oidc_configured() -> bool:
    """True when ``[auth]`` is set in ``.streamlit/secrets.toml`` (then ``st.login`` works)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _oidc_user() -> tuple[bool, str, bool]:
    """(signed in with the provider, the e-mail, whether the provider verified that e-mail)."""
    try:
        user = st.user
        if not user.get("is_logged_in", False):
            return False, "", False
        verified = user.get("email_verified", False)
        return True, str(user.get("email") or ""), verified is True or str(verified).lower() == "true"
    except Exception:
        return False, "", False


def visitor() -> Visitor:
    """Who is visiting, computed fresh on every run (an account disabled meanwhile is out at once)."""
    store = get_store()
    if not store.has_accounts():
        return Visitor("single")
    token = st.session_state.get(SESSION_TOKEN) or _cookie_token()
    if token:
        account = store.session_account(token)  # None: signed out elsewhere, expired, or disabled
        if account is not None:
            st.session_state[SESSION_USER], st.session_state[SESSION_TOKEN] = account.username, token
            return Visitor("signed_in", account)
        st.session_state.pop(SESSION_USER, None)
        st.session_state.pop(SESSION_TOKEN, None)
    problem = ""
    if oidc_configured():
        logged_in, email, verified = _oidc_user()
        if logged_in and not verified:  # an e-mail the provider did not verify signs nobody in
            problem = describe(AccountError("email_unverified", email=email), lang())
        elif logged_in:
            account = store.account_by_email(email)  # e-mails are unique (store/accounts.py)
            if account is not None and not account.disabled:
                if not st.session_state.get("auth_oidc_stamped"):
                    store.record_sign_in(account.username)
                    st.session_state["auth_oidc_stamped"] = True
                return Visitor("signed_in", account)
            problem = describe(AccountError("no_account_for_email", email=email), lang())
    return Visitor("public" if store.public_view() else "anonymous", problem=problem)


def _cookie(name: str) -> str:
    try:
        return str(st.context.cookies.get(name) or "")
    except Exception:  # no browser (AppTest, scripts)
        return ""


def _cookie_token() -> str:
    return _cookie(COOKIE)


def client_address() -> str:
    """The address of this browser, for the per-client throttle of failed sign-ins. Behind the reverse
    proxy (the connection comes from this machine) the last X-Forwarded-For entry, which nginx appends
    itself; otherwise the connection's own address (a client cannot choose it); '' for this machine
    itself (not throttled per client)."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # no browser (AppTest, scripts)
        return ""
    peer = peer if isinstance(peer, str) else ""
    forwarded = forwarded if isinstance(forwarded, str) else ""
    if peer in ("", "127.0.0.1", "::1") and forwarded:
        return forwarded.split(",")[-1].strip()
    return peer


def _cookie_script(value: str, age: int, reload: bool = False, name: str = COOKIE) -> str:
    """Set a cookie from the page (Streamlit lets an app set no HttpOnly cookie: docs/security.md):
    the whole app's path, SameSite=Strict, Secure when the page came over HTTPS. The value is a
    random URL-safe token (or empty), never text a user typed."""
    assert all(ch.isalnum() or ch in "-_" for ch in value), "a cookie value is a token"
    secure = "(window.location.protocol === 'https:' ? '; Secure' : '')"
    script = f"document.cookie = '{name}={value}; path=/; max-age={age}; SameSite=Strict' + {secure};"
    if reload:  # the app's root (behind a proxy path too), keeping ?lang=
        script += "window.location.replace(window.location.pathname.replace(/[^/]*$/, '') + window.location.search);"
    return f"<script>{script}</script>"


def cookie_sync() -> None:
    """Clear a cookie that signs nobody in any more (after signing out, or an expired session)."""
    if not st.session_state.get(SESSION_TOKEN) and _cookie_token():
        st.sidebar.html(_cookie_script("", 0), unsafe_allow_javascript=True)


def finish_sign_in() -> None:
    """After a successful sign-in: the browser stores the session cookie and opens the app's home
    page afresh, so that every later page load (a link, a reload) stays signed in."""
    token = st.session_state.get(SESSION_TOKEN, "")
    device = st.session_state.pop(SESSION_DEVICE, "")
    script = _cookie_script(device, 86400 * DEVICE_DAYS, name=DEVICE_COOKIE) if device else ""
    script += _cookie_script(token, 3600 * SESSION_HOURS, reload=True)
    st.html(script, unsafe_allow_javascript=True)
    st.success(tr("ui.auth.signed_in"))
    st.stop()


def actor() -> Account | None:
    """The account every write of this run is made as (None: the local operator, single-user mode)."""
    v = visitor()
    return v.account


def require_page(*actions: str) -> Visitor:
    """Stop the page with a clear message unless the visitor may do one of ``actions``."""
    v = visitor()
    if not v.may_any(*actions):
        st.error(tr("ui.auth.page_forbidden"))
        st.stop()
    return v


def sign_in(username: str, password: str) -> str | None:
    """Check a local password (throttled per client and account, ``Store.authenticate``); on success
    remember the account in the session and this browser as one of the account's. The error words,
    or None."""
    store = get_store()
    device = _cookie(DEVICE_COOKIE)
    try:
        account = store.authenticate(username, password, client=client_address(), device=device)
    except AccountError as exc:
        return describe(exc, lang())
    st.session_state[SESSION_USER] = account.username
    st.session_state[SESSION_TOKEN] = store.open_session(account.username)
    st.session_state[SESSION_DEVICE] = store.remember_device(account.username, device)
    return None


def sign_out() -> None:
    if token := st.session_state.pop(SESSION_TOKEN, None) or _cookie_token():
        get_store().close_session(token)
    st.session_state.pop(SESSION_USER, None)
    st.session_state.pop("auth_oidc_stamped", None)
    if oidc_configured() and _oidc_user()[0]:
        # st.logout queues the redirect to /auth/logout (and on to the provider's end of session).
        # No rerun after it: a new run clears the session's outgoing queue when it starts, so on a
        # busy server the redirect is dropped before it is sent and the provider's session stays open.
        st.logout()
        st.stop()
    st.rerun()


def sidebar_account(v: Visitor) -> None:
    """Who is signed in, changing one's own password, and the sign-out button (nothing in
    single-user mode)."""
    if v.mode != "signed_in" or v.account is None:
        return
    with st.sidebar:
        st.caption(tr("ui.auth.signed_in_as"))
        st.text(f"{v.account.label} · {tr('role.' + v.account.role)}")
        if st.session_state.get(SESSION_TOKEN):  # a local sign-in (OIDC users change it at their provider)
            with st.popover(tr("ui.password.open"), icon=":material/password:"):
                _password_form(v.account)
        if st.button(tr("ui.auth.sign_out"), key="auth_sign_out", icon=":material/logout:"):
            sign_out()
    if flash := st.session_state.pop("auth_password_flash", None):
        st.sidebar.success(flash)


def _password_form(account: Account) -> None:
    """Change one's own password: the current one, the new one twice (rules: ``passwords.py``)."""
    with st.form("auth_password_form", border=False, clear_on_submit=True):
        current = st.text_input(
            tr("ui.password.current"), type="password", key="auth_pw_current", autocomplete="current-password"
        )
        new = st.text_input(tr("ui.password.new"), type="password", key="auth_pw_new", autocomplete="new-password")
        again = st.text_input(
            tr("ui.password.again"), type="password", key="auth_pw_again", autocomplete="new-password"
        )
        st.caption(tr("ui.password.rules"))
        if not st.form_submit_button(tr("ui.password.save"), type="primary"):
            return
    if not current or not new:
        st.error(tr("ui.password.fill_all"))
        return
    if new != again:
        st.error(tr("ui.password.mismatch"))
        return
    try:
        get_store().change_password(
            account.username,
            current,
            new,
            keep_token=st.session_state.get(SESSION_TOKEN, ""),
            client=client_address(),
        )
    except AccountError as exc:
        st.error(md(describe(exc, lang())))
        return
    st.session_state["auth_password_flash"] = tr("ui.password.changed")
    st.rerun()
