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
}
