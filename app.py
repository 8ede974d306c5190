"""Entry point of the dashboard: page config, the navigation registry, the language switch,
session defaults, and the first-run sample data. Pages live in ``pages/`` and stay thin."""

from __future__ import annotations

import streamlit as st

from pages.common import (
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

# The registry: title, icon, URL and order of every page, in one place.
PAGES = [
    ("pages/overview.py", "ui.nav.overview", ":material/dashboard:", "tong-quan", True),
    ("pages/trajectory.py", "ui.nav.trajectory", ":material/show_chart:", "lo-trinh", False),
    ("pages/compare.py", "ui.nav.compare", ":material/leaderboard:", "so-sanh", False),
    ("pages/upload.py", "ui.nav.upload", ":material/upload_file:", "nop-so-lieu", False),
    ("pages/data.py", "ui.nav.data", ":material/table:", "du-lieu", False),
    ("pages/admin.py", "ui.nav.admin", ":material/admin_panel_settings:", "quan-tri", False),
    ("pages/method.py", "ui.nav.method", ":material/menu_book:", "phuong-phap", False),
]

nav = st.navigation(
    [
        st.Page(path, title=tr(title), icon=icon, url_path=url, default=default)
        for path, title, icon, url, default in PAGES
    ]
)
sidebar_language()  # after st.navigation: see init_language
st.sidebar.caption(tr("ui.sidebar.footer"))
ensure_sample_loaded()  # after st.navigation, so the sidebar shows our pages while it loads
sample_banner()
nav.run()
