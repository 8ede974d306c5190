"""Catalogue part: large registers (city and national scale). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

SCALE_MESSAGES: dict[str, tuple[str, str]] = {
    "scale.territory": ("Tất cả các khu vực", "All areas"),
    "scale.opening": ("Đang mở cơ sở dữ liệu…", "Opening the database…"),
    "scale.units_page": ("Đơn vị đang xem (trong {n} đơn vị)", "Units shown (of {n})"),
    # overview
    "scale.overview.areas_title": ("Các khu vực ({n}) — {period}", "Areas ({n}) — {period}"),
    "scale.overview.sent": ("Đã nộp", "Sent"),
    "scale.overview.judged": ("Quý đánh giá", "Judged on"),
    "scale.overview.areas_note": (
        "Giá trị của mỗi khu vực là số cộng gộp của các đơn vị trong khu vực (không phải trung bình), tính trên "
        "quý gần nhất mà mọi đơn vị đã nộp. Bấm vào ô đầu dòng để xem các đơn vị của khu vực đó.",
        "Each area's value pools its units (not an average), on the latest quarter every unit has sent. "
        "Tick a row's first cell to see that area's units.",
    ),
    # compare
    "scale.compare.by_area": (
        "Đang so sánh {n} khu vực (số cộng gộp của mỗi khu vực). Chọn một khu vực để so sánh các đơn vị của nó.",
        "Comparing {n} areas (each area's pooled value). Pick an area to compare its units.",
    ),
    "scale.compare.show": ("Hiển thị", "Show"),
    "scale.compare.bottom": ("{n} đơn vị thấp nhất", "Lowest {n}"),
    "scale.compare.top": ("{n} đơn vị cao nhất", "Highest {n}"),
    "scale.compare.cut": (
        "Đang hiển thị {shown} trong {valued} đơn vị có số liệu quý này (tổng số {n} đơn vị); số đứng trước tên là "
        "thứ hạng. Danh sách đầy đủ ở trang Dữ liệu.",
        "Showing {shown} of the {valued} units with data this quarter ({n} units in all); the number before a name "
        "is its rank. The full list is on the Data page.",
    ),
    "scale.compare.group": (
        "Nhóm đơn vị đang xem (trong {n}) — cho bảng màu theo quý và lộ trình từng đơn vị",
        "Group shown (of {n}) — for the quarter grid and the small charts",
    ),
    "scale.compare.heatmap_areas": ("Các khu vực theo quý", "Areas by quarter"),
    "scale.compare.multiples_areas": ("Lộ trình từng khu vực", "Every area's trajectory"),
    "ui.admin.history_cut": (
        "Hiện {shown} lần nộp mới nhất trong {n}; chọn đơn vị hoặc quý để xem các lần khác.",
        "Showing the {shown} newest of {n} submissions; pick a unit or a quarter to see the others.",
    ),
}
