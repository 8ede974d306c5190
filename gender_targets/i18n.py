"""The catalogue of user-facing text: Vietnamese and English side by side, keyed by stable codes.

``t(key, lang, **params)`` renders one entry with ``str.format``. Missing keys raise KeyError in
tests (a typo must not reach a user); a missing parameter leaves the placeholder visible rather
than crashing. Code never concatenates Vietnamese fragments inline: add an entry here instead.

Sections: ``issue.*`` (validation codes, SPEC §6), ``col.*`` (column names for messages and export
headers), ``status.*`` (progress statuses), ``milestone.*``, ``ui.*`` (pages), ``cli.*``.
"""

from __future__ import annotations

import string

__all__ = ["LANGS", "MESSAGES", "t", "number", "percent"]

LANGS = ("vi", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- where an issue is ------------------------------------------------------------
    "loc.sheet_cell": ('Sheet "{sheet}", ô {cell}: ', 'Sheet "{sheet}", cell {cell}: '),
    "loc.sheet_row": ('Sheet "{sheet}", dòng {row}: ', 'Sheet "{sheet}", row {row}: '),
    "loc.sheet": ('Sheet "{sheet}": ', 'Sheet "{sheet}": '),
    "loc.file": ("", ""),
    # ---- errors -----------------------------------------------------------------------
    "issue.unreadable_file": (
        "Không đọc được tệp này ({detail}). Hãy lưu lại bằng Excel dưới dạng .xlsx rồi tải lên lại.",
        "This file cannot be read ({detail}). Save it again from Excel as .xlsx and upload it again.",
    ),
    "issue.encrypted_file": (
        "Tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.",
        "The file is password-protected. Open it in Excel, remove the password and save it again.",
    ),
    "issue.file_too_large": (
        "Tệp quá lớn ({detail}; giới hạn {limit}). Hãy xoá các sheet, ảnh không cần thiết hoặc tách tệp.",
        "The file is too large ({detail}; limit {limit}). Remove unneeded sheets or pictures, or split it.",
    ),
    "issue.no_data_sheet": (
        "Không tìm thấy bảng số liệu (dòng tiêu đề có 'Tên cơ quan, đơn vị', 'Lãnh đạo chủ chốt', "
        "'Cán bộ trong diện quy hoạch'…) trong 30 dòng đầu của bất kỳ sheet nào. Hãy dùng mẫu biểu của Hội.",
        "No data table found (a header row with the body name, key leaders and planning pool columns) "
        "in the first 30 rows of any sheet. Please use the union's template.",
    ),
    "issue.missing_column": (
        "thiếu cột \"{column}\". Hãy thêm cột này vào dòng tiêu đề (xem mẫu biểu).",
        'the column "{column}" is missing. Add it to the header row (see the template).',
    ),
    "issue.unknown_unit": (
        "không nhận ra đơn vị \"{value}\". Hãy ghi đúng mã hoặc tên đơn vị trong danh mục (ví dụ {example}).",
        'unit "{value}" is not in the register. Write the unit code or name from the register (e.g. {example}).',
    ),
    "issue.unit_not_active": (
        "đơn vị {unit} không tồn tại trong {period} (hiệu lực {valid}). Kiểm tra lại quý hoặc đơn vị"
        "{successor_hint}.",
        "unit {unit} does not exist in {period} (valid {valid}). Check the quarter or the unit{successor_hint}.",
    ),
    "issue.missing_period": (
        "không xác định được kỳ báo cáo. Ghi Năm và Quý ở sheet \"Thông tin\" (hoặc đặt tên tệp như HM-BD_2024Q3.xlsx).",
        'the reporting period is missing. Fill in Năm and Quý on the "Thông tin" sheet '
        "(or name the file like HM-BD_2024Q3.xlsx).",
    ),
    "issue.missing_unit": (
        "không xác định được đơn vị báo cáo. Ghi Mã đơn vị ở sheet \"Thông tin\" (hoặc đặt tên tệp như "
        "HM-BD_2024Q3.xlsx).",
        'the reporting unit is missing. Fill in Mã đơn vị on the "Thông tin" sheet '
        "(or name the file like HM-BD_2024Q3.xlsx).",
    ),
    "issue.invalid_period": (
        "kỳ báo cáo \"{value}\" không hợp lệ ({reason}). Quý phải từ 1 đến 4, năm từ 2020, và không sau hôm nay.",
        'the period "{value}" is invalid ({reason}). Quarter 1-4, year 2020 or later, not after today.',
    ),
    "issue.not_a_number": (
        "\"{value}\" ở cột {column} không phải là số. Hãy nhập một số nguyên (ví dụ 3).",
        '"{value}" in column {column} is not a number. Enter a whole number (e.g. 3).',
    ),
    "issue.not_whole_number": (
        "{value} ở cột {column} không phải là số nguyên. Số người phải là số nguyên.",
        "{value} in column {column} is not a whole number. Head counts must be whole numbers.",
    ),
    "issue.negative_number": (
        "{value} ở cột {column} là số âm. Hãy nhập số từ 0 trở lên.",
        "{value} in column {column} is negative. Enter 0 or more.",
    ),
    "issue.female_exceeds_total": (
        "số nữ ({value}) lớn hơn {total_name} ({total}).",
        "the number of women ({value}) is larger than {total_name} ({total}).",
    ),
    "issue.trained_exceeds_female": (
        "số nữ được đào tạo ({value}) lớn hơn số nữ trong diện quy hoạch ({total}).",
        "the number of trained women ({value}) is larger than the women in the planning pool ({total}).",
    ),
    "issue.duplicate_body": (
        "cơ quan \"{value}\" xuất hiện nhiều lần (cũng ở dòng {other_row}). Mỗi cơ quan chỉ ghi một dòng.",
        'body "{value}" appears more than once (also row {other_row}). List each body once.',
    ),
    "issue.unknown_body_type": (
        "loại cơ quan \"{value}\" không hợp lệ. Chọn một trong: {choices}.",
        'body type "{value}" is not valid. Choose one of: {choices}.',
    ),
    "issue.no_data_rows": (
        "bảng số liệu không có dòng cơ quan nào có số liệu. Hãy nhập ít nhất một cơ quan.",
        "the data table has no body rows with counts. Enter at least one body.",
    ),
    "issue.formula_without_value": (
        "ô có công thức ({value}) nhưng không có giá trị đã tính. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.",
        "the cell holds a formula ({value}) with no computed value. Open the file in Excel, save it and upload again.",
    ),
    # ---- warnings -----------------------------------------------------------------------
    "issue.total_mismatch": (
        "dòng Tổng cộng ghi {value} nhưng tổng các dòng là {expected} (cột {column}). Dòng Tổng cộng không được "
        "dùng; hãy kiểm tra lại.",
        "the total row says {value} but the rows add up to {expected} (column {column}). The total row is not "
        "used; please check.",
    ),
    "issue.no_key_leaders": (
        "cơ quan \"{value}\" ({body_type}) có 0 lãnh đạo chủ chốt nên không được tính vào chỉ tiêu 1.",
        'body "{value}" ({body_type}) has 0 key leaders, so it is left out of indicator 1.',
    ),
    "issue.body_skipped": (
        "dòng \"{value}\" có tên nhưng không có số liệu nên bị bỏ qua.",
        'row "{value}" has a name but no counts, so it was skipped.',
    ),
    "issue.period_conflict": (
        "kỳ báo cáo ghi ở đây ({value}) khác với {other} ở {other_source}; dùng {used}.",
        "the period written here ({value}) differs from {other} in {other_source}; using {used}.",
    ),
    "issue.unit_conflict": (
        "đơn vị ghi ở đây ({value}) khác với {other} ở {other_source}; dùng {used}.",
        "the unit written here ({value}) differs from {other} in {other_source}; using {used}.",
    ),
    "issue.large_change": (
        "{indicator} của {unit} thay đổi {delta} điểm phần trăm so với {previous_period} ({previous} → {value}). "
        "Hãy kiểm tra lại số liệu.",
        "{indicator} of {unit} moves {delta} percentage points from {previous_period} ({previous} → {value}). "
        "Please check the figures.",
    ),
    "issue.replaces_submission": (
        "{unit} {period} đã có số liệu (lần nộp số {previous_id}, {previous_file}); lần nộp này sẽ thay thế "
        "(bản cũ vẫn được lưu trong lịch sử).",
        "{unit} {period} is already stored (submission {previous_id}, {previous_file}); this upload supersedes it "
        "(the old one stays in the history).",
    ),
    # ---- column names, for messages and export headers ---------------------------------
    "col.body_name": ("Tên cơ quan, đơn vị", "Body name"),
    "col.body_type": ("Loại cơ quan", "Body type"),
    "col.key_leaders": ("Lãnh đạo chủ chốt - Tổng số", "Key leaders - total"),
    "col.key_leaders_female": ("Lãnh đạo chủ chốt - Trong đó nữ", "Key leaders - women"),
    "col.pool_total": ("Cán bộ trong diện quy hoạch - Tổng số", "Planning pool - total"),
    "col.pool_female": ("Cán bộ trong diện quy hoạch - Trong đó nữ", "Planning pool - women"),
    "col.pool_female_trained": ("Nữ được đào tạo, bồi dưỡng", "Women in the pool trained"),
    "col.note": ("Ghi chú", "Note"),
    "col.unit": ("Mã đơn vị", "Unit code"),
    "col.unit_name": ("Tên đơn vị", "Unit name"),
    "col.period": ("Kỳ báo cáo", "Period"),
    "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.numerator": ("Tử số", "Numerator"),
    "col.denominator": ("Mẫu số", "Denominator"),
    "col.value": ("Giá trị (%)", "Value (%)"),
    "col.reconstructed": ("Dựng lại từ đơn vị cũ", "Reconstructed"),
    "col.status": ("Tình trạng", "Status"),
    "col.code": ("Mã lỗi", "Code"),
    "col.severity": ("Mức độ", "Severity"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.cell": ("Ô", "Cell"),
    "col.message": ("Nội dung", "Message"),
    "col.file": ("Tệp", "File"),
    "total.key_leaders": ("tổng số lãnh đạo chủ chốt", "the total number of key leaders"),
    "total.pool_total": ("tổng số cán bộ trong diện quy hoạch", "the total planning pool"),
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "source.per_row": ("cột trên từng dòng", "the per-row columns"),
    "source.info_sheet": ('sheet "Thông tin"', 'the "Thông tin" sheet'),
    "source.title_block": ("phần tiêu đề của bảng", "the title block of the table"),
    "source.file_name": ("tên tệp", "the file name"),
    # ---- progress --------------------------------------------------------------------
    "status.achieved": ("Đã đạt", "Achieved"),
    "status.insufficient_data": ("Chưa đủ dữ liệu", "Insufficient data"),
    "status.on_track": ("Đúng tiến độ", "On track"),
    "status.needs_acceleration": ("Cần tăng tốc", "Needs acceleration"),
    "status.limited_progress": ("Tiến bộ chậm", "Limited progress"),
    "status.deteriorating": ("Đang giảm", "Deteriorating"),
    "milestone.met": ("Đạt", "Met"),
    "milestone.not_met": ("Chưa đạt", "Not met"),
    "milestone.no_data": ("Không có số liệu", "No data"),
}


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = "vi", **params: object) -> str:
    """Render catalogue entry ``key`` in ``lang`` ("vi" or "en")."""
    vi, en = MESSAGES[key]
    template = en if lang == "en" else vi
    if not params:
        return template
    return string.Formatter().vformat(template, (), _Keep(params))


def number(value: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """Format a number: "1.234,5" in Vietnamese, "1,234.5" in English; "—" for None/NaN."""
    if value is None or value != value:  # NaN
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """"45,5%" (vi) or "45.5%" (en); "—" for None/NaN."""
    if value is None or value != value:
        return "—"
    return number(value, lang, decimals) + "%"
