"""Catalogue part: accessibility and the meeting for every eye (issue 17), mobile data (issue 24). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

ACCESS_MESSAGES: dict[str, tuple[str, str]] = {
    # -- issue 17: the browser tab's title (``<title>``: "<page> · <app>") ---------------------------
    "access.app_name": ("Chỉ tiêu nữ lãnh đạo, quản lý", "Women in leadership targets"),
    "access.title": ("{page} · {app}", "{page} · {app}"),
    # -- issue 17: Streamlit's own words, said in the page's language (ui/access.py) -----------------
    # whole words: an aria-label, a placeholder or the skip link's text equal to the English one
    "access.st.skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "access.st.collapse_sidebar": ("Thu gọn thanh bên", "Collapse sidebar"),
    "access.st.expand_sidebar": ("Mở thanh bên", "Expand sidebar"),
    "access.st.sidebar": ("Thanh bên", "Sidebar"),
    "access.st.app_pages": ("Các trang", "App pages"),
    "access.st.heading_link": ("Liên kết đến mục này", "Link to heading"),
    "access.st.selected": ("Các giá trị đã chọn", "Selected values"),
    # (words that hold none of our labels: "Mật khẩu", "Tất cả"; a label search must still find one control)
    "access.st.clear_all": ("Bỏ chọn hết", "Clear all"),
    "access.st.open": ("Mở danh sách", "Open"),
    "access.st.close": ("Đóng", "Close"),
    "access.st.choose": ("Chọn một mục", "Choose an option"),
    "access.st.download_csv": ("Tải xuống dạng CSV", "Download as CSV"),
    "access.st.download_png": ("Tải biểu đồ dạng PNG", "Download plot as a PNG"),
    "access.st.fullscreen": ("Toàn màn hình", "Fullscreen"),
    "access.st.close_fullscreen": ("Thoát toàn màn hình", "Close fullscreen"),
    "access.st.search": ("Tìm kiếm", "Search"),
    "access.st.columns": ("Hiện/ẩn cột", "Show/hide columns"),
    "access.st.show_password": ("Hiện ký tự đã gõ", "Show password"),
    "access.st.hide_password": ("Ẩn ký tự đã gõ", "Hide password"),
    "access.st.file_upload": ("Tải tệp lên", "file upload"),
    # the start or the end of a label Streamlit adds to ours ("Remove I1 · …", "Khoảng thời gian — start")
    "access.st.remove": ("Bỏ chọn ", "Remove "),
    "access.st.help_for": ("Trợ giúp: ", "Help for "),
    "access.st.shortcut": ("Phím tắt ", "Shortcut "),
    "access.st.range_start": (" — từ", " — start"),
    "access.st.range_end": (" — đến", " — end"),
    # -- issue 17 phase 2: charts carry their words (gender_targets/charts/described.py, ui/charts.py) --
    "access.chart.table": ("Xem bảng số liệu", "Show data table"),
    "access.chart.summary_label": ("Tóm tắt biểu đồ", "Chart summary"),
    "access.chart.col.rank": ("Thứ hạng", "Rank"),
    "access.chart.col.band": ("So với mục tiêu", "Against the targets"),
    "access.chart.col.required": ("Lộ trình cần đạt (%)", "Required path (%)"),
    "access.chart.yes": ("có", "yes"),
    "access.chart.kind.trajectory": ("Biểu đồ lộ trình", "Trajectory chart"),
    "access.chart.kind.sparkline": ("Biểu đồ xu hướng", "Trend chart"),
    "access.chart.trajectory": (
        "{kind} {indicator}{of}: mới nhất {value} ({period}){target}; tình trạng: {status}.",
        "{kind}, {indicator}{of}: latest {value} ({period}){target}; status: {status}.",
    ),
    "access.chart.trajectory_empty": (
        "{kind} {indicator}{of}: chưa có số liệu.",
        "{kind}, {indicator}{of}: no data yet.",
    ),
    "access.chart.of": (" của {name}", " for {name}"),
    "access.chart.target": (", mục tiêu {year} là {value}", ", {year} target {value}"),
    "access.chart.ranking": (
        "Biểu đồ xếp hạng {n} {what} theo {indicator}{when}: cao nhất {top}, thấp nhất {bottom}; {bands}.",
        "Ranking chart of {n} {what} by {indicator}{when}: highest {top}, lowest {bottom}; {bands}.",
    ),
    "access.chart.ranking_empty": (
        "Biểu đồ xếp hạng theo {indicator}: chưa có số liệu.",
        "Ranking chart by {indicator}: no data yet.",
    ),
    "access.chart.what.units": ("đơn vị", "units"),
    "access.chart.what.areas": ("khu vực", "areas"),
    "access.chart.when": (", {period}", ", {period}"),
    "access.chart.band_count": ("{band}: {n}", "{band}: {n}"),
    "access.chart.heatmap": (
        "Bản đồ nhiệt {indicator} của {n} {what}, {first}–{last}; {period}: {bands}.",
        "Heatmap of {indicator} for {n} {what}, {first}–{last}; {period}: {bands}.",
    ),
    "access.chart.multiples": (
        "Lộ trình {indicator} của {n} {what}, mỗi {one} một biểu đồ nhỏ, {first}–{last}; {period}: {bands}.",
        "Trajectories of {indicator} for {n} {what}, one small chart each, {first}–{last}; {period}: {bands}.",
    ),
    "access.chart.one.units": ("đơn vị", "unit"),
    "access.chart.one.areas": ("khu vực", "area"),
    "access.chart.grid_empty": ("Biểu đồ {indicator}: chưa có số liệu.", "Chart of {indicator}: no data yet."),
    "access.chart.strip": (
        "Tình trạng {indicator} qua {n} quý gần nhất: {cells}.",
        "Status of {indicator} over the last {n} quarters: {cells}.",
    ),
    "access.chart.strip_title_n": ("Tình trạng {n} quý gần nhất", "Status over the last {n} quarters"),
    "access.chart.strip_cell": ("{period} {status}", "{period} {status}"),
    # -- issue 17 phase 2: a deck for a province of many units (summarised, never every row drawn) ---
    "access.deck.ranking_cut": (
        "{shown} {what} thấp nhất trong {n} (bảng số liệu có đủ {n})",
        "The {shown} lowest of {n} {what} (the data table has all {n})",
    ),
    "access.deck.more_behind": (
        "… và {n} đơn vị khác chậm tiến độ (xem trang So sánh đơn vị).",
        "… and {n} more units falling behind (see the Compare page).",
    ),
    "access.deck.area_sent": ("đủ {sent}/{total} đơn vị", "all {sent}/{total} units"),
    "access.deck.area_partial": ("mới có {sent}/{total} đơn vị", "{sent} of {total} units so far"),
    "access.deck.behind_areas_title": ("Khu vực chậm tiến độ ({period})", "Areas falling behind ({period})"),
    "access.deck.ranking_areas_title": ("{indicator} — xếp hạng khu vực", "{indicator} — areas ranked"),
    "access.deck.completeness_areas_count": (
        "{sent}/{total} khu vực đã gửi đủ",
        "{sent} of {total} areas have sent in full",
    ),
    "access.deck.more_areas": ("… và {n} khu vực khác.", "… and {n} more areas."),
    "access.deck.scope": ("Phạm vi", "Scope"),
    "access.deck.completeness_summary": ("{word}: {n}", "{word}: {n}"),
    "access.deck.more_cells": ("… và {n} đơn vị khác.", "… and {n} more units."),
    # -- issue 17 phase 2: the projector theme (presentation page) -----------------------------------
    "access.deck.high_contrast": ("Tương phản cao (máy chiếu)", "High contrast (projector)"),
    "access.deck.high_contrast_help": (
        "Chữ đen đậm, màu đậm hơn, đường kẻ dày hơn: dễ đọc khi máy chiếu làm nhạt màu.",
        "Black text, darker colours, thicker lines: readable when a projector washes colours out.",
    ),
}
