"""Entry point of the dashboard: page config, the navigation registry, the language switch,
session defaults, and the first-run sample data. Pages live in ``pages/`` and stay thin."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from gender_targets.accounts import Action
from ui.auth import SIGN_IN, sidebar_account, visitor
from ui.common import (
    ensure_sample_loaded,
    init_language,
    sample_banner,
    sidebar_language,
    tr,
)

st.set_page_config(
    page_title="Chỉ tiêu nữ lãnh đạo, quản lý",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="expanded",
)

init_language()


@dataclass(frozen=True)
class PageEntry:
    """One page of the app: its file, catalogue title key, icon, URL path, and what a visitor must
    be allowed to do (any of ``actions``: ``gender_targets.accounts.Action`` values, or ``sign_in``
    for the sign-in page) for it to be listed at all."""

    path: str
    title: str
    icon: str
    url: str
    default: bool = False
    actions: tuple[str, ...] = (Action.VIEW,)


_UPLOAD = (Action.SUBMIT, Action.IMPORT)

# The registry: title, icon, URL and order of every page, in one place.
PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "ui.nav.overview", ":material/dashboard:", "tong-quan", default=True),
    PageEntry("pages/trajectory.py", "ui.nav.trajectory", ":material/show_chart:", "lo-trinh"),
    PageEntry("pages/compare.py", "ui.nav.compare", ":material/leaderboard:", "so-sanh"),
    PageEntry("pages/upload.py", "ui.nav.upload", ":material/upload_file:", "nop-so-lieu", actions=_UPLOAD),
    PageEntry("pages/entry.py", "ui.nav.entry", ":material/edit_note:", "nhap-so-lieu", actions=(Action.SUBMIT,)),
    PageEntry("pages/review.py", "ui.nav.review", ":material/fact_check:", "duyet-so-lieu", actions=(Action.REVIEW,)),
    PageEntry("pages/data.py", "ui.nav.data", ":material/table:", "du-lieu"),
    PageEntry(
        "pages/admin.py", "ui.nav.admin", ":material/admin_panel_settings:", "quan-tri", actions=(Action.ROLLBACK,)
    ),
    PageEntry("pages/method.py", "ui.nav.method", ":material/menu_book:", "phuong-phap"),
    PageEntry("pages/login.py", "ui.nav.login", ":material/login:", "dang-nhap", actions=(SIGN_IN,)),
)

# The gate: only the pages this visitor may use are registered (an anonymous visitor gets the
# sign-in page alone, so no URL reaches another page); every write is checked again in the core.
visitor_now = visitor()
allowed_pages = [p for p in PAGES if visitor_now.may_any(*p.actions)]
if visitor_now.mode == "single":  # one local operator: no review queue, no form for a unit account
    allowed_pages = [p for p in allowed_pages if p.path not in ("pages/review.py", "pages/entry.py")]
has_default = any(p.default for p in allowed_pages)
nav = st.navigation(
    [
        st.Page(
            p.path, title=tr(p.title), icon=p.icon, url_path=p.url, default=p.default or (not has_default and i == 0)
        )
        for i, p in enumerate(allowed_pages)
    ]
)
sidebar_language()  # after st.navigation: see init_language
sidebar_account(visitor_now)
st.sidebar.caption(tr("ui.sidebar.footer"))
if visitor_now.mode in ("single", "signed_in", "public"):
    ensure_sample_loaded()  # after st.navigation, so the sidebar shows our pages while it loads
    sample_banner(can_remove=visitor_now.may(Action.SAMPLE), actor=visitor_now.account)
nav.run()
