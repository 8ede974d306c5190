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
    initial_sidebar_state="expanded",
)
boot_bar = opening_bar()  # a fresh server's first sessions: visible before the package is imported

from ui.common import (  # noqa: E402 (after the bar on purpose)
    ensure_sample_loaded,
    init_language,
    sample_banner,
    sidebar_language,
    tr,
)

init_language()


@dataclass(frozen=True)
class PageEntry:
    """One page of the app: its file, catalogue title key, icon and URL path."""

    path: str
    title: str
    icon: str
    url: str
    default: bool = False


# The registry: title, icon, URL and order of every page, in one place.
PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/overview.py", "ui.nav.overview", ":material/dashboard:", "tong-quan", default=True),
    PageEntry("pages/trajectory.py", "ui.nav.trajectory", ":material/show_chart:", "lo-trinh"),
    PageEntry("pages/compare.py", "ui.nav.compare", ":material/leaderboard:", "so-sanh"),
    PageEntry("pages/upload.py", "ui.nav.upload", ":material/upload_file:", "nop-so-lieu"),
    PageEntry("pages/data.py", "ui.nav.data", ":material/table:", "du-lieu"),
    PageEntry("pages/admin.py", "ui.nav.admin", ":material/admin_panel_settings:", "quan-tri"),
    PageEntry("pages/method.py", "ui.nav.method", ":material/menu_book:", "phuong-phap"),
    PageEntry("pages/presentation.py", "ui.nav.presentation", ":material/slideshow:", "trinh-chieu"),
    PageEntry("pages/report.py", "ui.nav.report", ":material/description:", "bao-cao"),
)

nav = st.navigation(
    [st.Page(p.path, title=tr(p.title), icon=p.icon, url_path=p.url, default=p.default) for p in PAGES]
)
sidebar_language()  # after st.navigation: see init_language
st.sidebar.caption(tr("ui.sidebar.footer"))
ensure_sample_loaded(boot_bar)  # after st.navigation, so the sidebar shows our pages while it loads
if nav.url_path != "trinh-chieu":  # the meeting screen shows no banner
    sample_banner()
nav.run()
