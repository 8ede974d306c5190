"""Entry point of the dashboard: page config, the navigation registry, the language switch,
session defaults, and the first-run sample data. Pages live in ``pages/`` and stay thin."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.boot import opening_bar

st.set_page_config(
    page_title="Chỉ tiêu nữ lãnh đạo, quản lý",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="auto",  # phone: collapsed on a narrow screen, so sign-in shows first
)
boot_bar = opening_bar()  # a fresh server's first sessions: visible before the package is imported

from gender_targets.accounts import Action  # noqa: E402 (after the bar on purpose)
from ui.auth import SIGN_IN, cookie_sync, sidebar_account, visitor  # noqa: E402
from ui.common import (  # noqa: E402
    ensure_sample_loaded,
    init_language,
    phone_css,
    sample_banner,
    sidebar_language,
    tr,
    uploader_words,
)
from ui.gate import admitted, may_open  # noqa: E402

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
    # campaign: a unit's own page, the landing page of a unit account (issue 16)
    PageEntry("pages/unit.py", "campaign.nav.unit", ":material/assignment_ind:", "don-vi", actions=(Action.SUBMIT,)),
    PageEntry("pages/overview.py", "ui.nav.overview", ":material/dashboard:", "tong-quan", default=True),
    PageEntry("pages/trajectory.py", "ui.nav.trajectory", ":material/show_chart:", "lo-trinh"),
    PageEntry("pages/compare.py", "ui.nav.compare", ":material/leaderboard:", "so-sanh"),
    PageEntry("pages/upload.py", "ui.nav.upload", ":material/upload_file:", "nop-so-lieu", actions=_UPLOAD),
    PageEntry("pages/entry.py", "ui.nav.entry", ":material/edit_note:", "nhap-so-lieu", actions=(Action.SUBMIT,)),
    PageEntry("pages/review.py", "ui.nav.review", ":material/fact_check:", "duyet-so-lieu", actions=(Action.REVIEW,)),
    # campaign: reminders by e-mail (issue 16)
    PageEntry(
        "pages/reminders.py", "campaign.nav.remind", ":material/forward_to_inbox:", "nhac-nop", actions=(Action.REVIEW,)
    ),
    PageEntry("pages/data.py", "ui.nav.data", ":material/table:", "du-lieu"),
    PageEntry(
        "pages/admin.py", "ui.nav.admin", ":material/admin_panel_settings:", "quan-tri", actions=(Action.ROLLBACK,)
    ),
    PageEntry("pages/method.py", "ui.nav.method", ":material/menu_book:", "phuong-phap"),
    PageEntry("pages/presentation.py", "ui.nav.presentation", ":material/slideshow:", "trinh-chieu"),
    PageEntry("pages/report.py", "ui.nav.report", ":material/description:", "bao-cao"),
    PageEntry("pages/login.py", "ui.nav.login", ":material/login:", "dang-nhap", actions=(SIGN_IN,)),
)

# The gate: the sidebar lists only the pages this visitor may use; the others stay registered
# but hidden, so that a shared link leads to the sign-in page (or a clear refusal) rather than to
# Streamlit's "page not found". Every write is checked again in the core.
visitor_now = visitor()


def listed(page: PageEntry) -> bool:
    return may_open(visitor_now, page.path, page.actions)  # the same rule as every page's own gate


home = next(p for p in PAGES if p.default)  # always the overview: "/" never changes meaning
if visitor_now.mode == "signed_in" and visitor_now.account is not None and visitor_now.account.role == "unit":
    home = next(p for p in PAGES if p.url == "don-vi")  # campaign: a unit account lands on its own page
# Streamlit serves its default page at "/" only: its own address (/tong-quan, or /don-vi for a unit, the
# link of the reminder e-mails) answered "Page not found". So the home page is registered twice: as the
# default (at "/", under a name no link uses) and, hidden, at its own address.
HOME_ALIAS = "trang-chu"
nav = st.navigation(
    [
        st.Page(
            p.path,
            title=tr(p.title),
            icon=p.icon,
            url_path=HOME_ALIAS if p is home else p.url,
            default=p is home,
            visibility="visible" if listed(p) else "hidden",
        )
        for p in PAGES
    ]
    + [st.Page(home.path, title=tr(home.title), icon=home.icon, url_path=home.url, visibility="hidden")]
)
sidebar_language()  # after st.navigation: see init_language
uploader_words()
phone_css()  # phone: tap targets, no sideways scrolling, touch words
# -- security (second attack pass): no raw CSV of a table (a unit's text could be a formula in Excel)
from ui.table_toolbar import no_raw_table_csv  # noqa: E402

no_raw_table_csv()
sidebar_account(visitor_now)
cookie_sync()
st.sidebar.caption(tr("ui.sidebar.footer"))
current = next((p for p in PAGES if p.url == nav.url_path or (p is home and not nav.url_path)), home)
# -- accessibility (issue 17): <title>, <html lang>, Streamlit's words in the page's language, focus ring
from ui.access import page_access  # noqa: E402

page_access(tr(current.title))
if current.path == "pages/login.py" and visitor_now.mode in ("single", "signed_in"):
    st.switch_page(home.path)  # signed in (or no accounts): nothing to do on the sign-in page
if not listed(current):
    if visitor_now.mode in ("anonymous", "public"):
        st.switch_page("pages/login.py")  # sign in first; the page is one click away afterwards
    st.error(tr("ui.auth.page_forbidden"))
    st.page_link(home.path, label=tr(home.title), icon=home.icon)
    st.stop()
if visitor_now.mode in ("single", "signed_in", "public"):
    ensure_sample_loaded(boot_bar)  # after st.navigation, so the sidebar shows our pages while it loads
    if current.url != "trinh-chieu":  # the meeting screen shows no banner
        sample_banner(can_remove=visitor_now.may(Action.SAMPLE), actor=visitor_now.account)
elif boot_bar is not None:
    boot_bar.empty()
with admitted(current.path, visitor_now, current.actions):  # the page's own gate checks this (ui/gate.py)
    nav.run()
