"""Catalogue part: the sandboxed reader (child process, container pre-checks), the register and
targets errors, the CLI's reading path. Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

READING_MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the reader's child process ---------------------------------------------------------
    "issue.detail.crashed": (
        "tệp làm chương trình đọc dừng bất thường, có thể tệp bị hỏng hoặc được tạo bất thường",
        "the file made the reader stop abnormally; it may be damaged or unusually made",
    ),
    "issue.limit.memory": ("cần quá nhiều bộ nhớ để đọc", "reading it needs too much memory"),
    "issue.limit.time": ("đọc quá lâu", "reading it takes too long"),
    "issue.limit.max_reader": (
        "{memory} MB bộ nhớ và {seconds} giây cho mỗi tệp",
        "{memory} MB of memory and {seconds} seconds per file",
    ),
    # ---- short names of the issue codes added by the reader of wave 3 (the upload page's "Loại") ---
    "issue_name.error_value": ("Ô có lỗi công thức", "Error value in a cell"),
    "issue_name.sheets_disagree": ("Các sheet ghi khác nhau", "Sheets disagree"),
    "issue_name.merged_count": ("Ô số liệu bị gộp", "Merged count cell"),
    "issue_name.duplicate_column": ("Một cột có hai lần", "Column twice"),
    "issue_name.sheet_not_read": ("Sheet không được đọc", "Sheet not read"),
    "issue_name.rows_after_table": ("Số liệu dưới phần ký tên", "Rows below the table"),
    "issue_name.missing_bodies": ("Thiếu cơ quan so với quý trước", "Bodies missing"),
    "issue_name.fewer_bodies": ("Số cơ quan giảm quá nửa", "Far fewer bodies"),
    # ---- the unit register (units.RegisterError: "register.<code>") ---------------------------
    "register.invalid": ("Danh mục đơn vị không dùng được:", "The unit register cannot be used:"),
    "register.unknown_columns": (
        "Cột không được dùng trong danh mục đơn vị: {columns}",
        "Unknown column(s) in the unit register: {columns}",
    ),
    "register.missing_columns": (
        "Danh mục đơn vị thiếu cột: {columns}",
        "The unit register lacks column(s): {columns}",
    ),
    "register.no_rows": ("Danh mục đơn vị không có dòng nào.", "The unit register has no rows."),
    "register.unreadable": (
        "Không đọc được tệp danh mục đơn vị: hãy lưu dưới dạng CSV UTF-8.",
        "Cannot read the register file: save it as CSV UTF-8.",
    ),
    "register.empty_code": ("Dòng {line}: thiếu mã đơn vị.", "Line {line}: the code is empty."),
    "register.empty_name": ("Dòng {line}: thiếu tên đơn vị.", "Line {line}: the name is empty."),
    "register.bad_kind": (
        "Dòng {line} ({code}): loại đơn vị '{kind}' không hợp lệ (dùng: {kinds}).",
        "Line {line} ({code}): unknown kind '{kind}' (use: {kinds}).",
    ),
    "register.bad_period": (
        "Dòng {line} ({code}): {column} '{value}' không phải là quý (ví dụ 2025Q3).",
        "Line {line} ({code}): {column} '{value}' is not a quarter (e.g. 2025Q3).",
    ),
    "register.duplicate_codes": ("Mã đơn vị bị trùng: {codes}", "Duplicate unit code(s): {codes}"),
    "register.parent_missing": (
        "{code}: đơn vị cha '{parent}' không có trong danh mục.",
        "{code}: parent '{parent}' is not in the register.",
    ),
    "register.parent_not_area": (
        "{code}: đơn vị cha '{parent}' phải là khu vực.",
        "{code}: parent '{parent}' must be an area (khu vực).",
    ),
    "register.from_after_to": (
        "{code}: valid_from ({start}) sau valid_to ({end}).",
        "{code}: valid_from ({start}) is after valid_to ({end}).",
    ),
    "register.successor_missing": (
        "{code}: đơn vị kế thừa '{successor}' không có trong danh mục.",
        "{code}: successor '{successor}' is not in the register.",
    ),
    "register.successor_self": ("{code}: đơn vị không thể kế thừa chính nó.", "{code}: a unit cannot succeed itself."),
    "register.successor_without_end": (
        "{code}: có đơn vị kế thừa nhưng thiếu valid_to (quý cuối cùng).",
        "{code}: has a successor but no valid_to (last quarter).",
    ),
    "register.successor_overlap": (
        "{code} (đến {end}) và đơn vị kế thừa {successor} (từ {successor_start}) trùng thời gian.",
        "{code} (to {end}) overlaps its successor {successor} (from {successor_start}).",
    ),
    "register.successor_overlap_open": (
        "{code} (đến {end}) và đơn vị kế thừa {successor} (từ đầu) trùng thời gian.",
        "{code} (to {end}) overlaps its successor {successor} (from the start).",
    ),
    "register.successor_loop": ("{code}: chuỗi kế thừa bị vòng lặp.", "{code}: the successor chain loops."),
    "register.same_name": (
        "{a} và {b} cùng tên '{name}' trong cùng thời gian.",
        "{a} and {b} share the name '{name}' at the same time.",
    ),
    # ---- the targets table (schema.TargetsError: "targets.<code>") -----------------------------
    "targets.invalid": ("Bảng chỉ tiêu không dùng được:", "The targets table cannot be used:"),
    "targets.unreadable": (
        "Không đọc được tệp chỉ tiêu: hãy lưu dưới dạng CSV UTF-8.",
        "Cannot read the targets file: save it as CSV UTF-8.",
    ),
    "targets.missing_columns": ("thiếu cột: {columns}", "missing column(s): {columns}"),
    "targets.unknown_indicators": (
        "không có chỉ tiêu {items} (chỉ dùng I1, I2, I3)",
        "unknown indicator(s): {items} (use I1, I2, I3)",
    ),
    "targets.year_not_whole": ("năm (year) phải là số nguyên", "year must be a whole number"),
    "targets.year_range": ("năm (year) phải từ 2020 đến 2100", "year must lie between 2020 and 2100"),
    "targets.target_not_number": ("mức chỉ tiêu (target_percent) phải là số", "target_percent must be a number"),
    "targets.target_range": (
        "mức chỉ tiêu (target_percent) phải từ 0 đến 100",
        "target_percent must lie between 0 and 100",
    ),
    "targets.duplicate": (
        "mỗi cặp chỉ tiêu và năm (indicator, year) chỉ được có một dòng",
        "each (indicator, year) may appear once",
    ),
    "targets.no_target": ("chưa có mức chỉ tiêu cho: {items}", "no target for indicator(s): {items}"),
    # ---- the command line's reading path (cli.CommandUsageError: "cli.<code>") -----------------
    "cli.cannot_open_units": (
        "Không mở được tệp danh mục đơn vị {path}.",
        "Cannot open the unit register file {path}.",
    ),
    "cli.no_register": (
        "Chưa có danh mục đơn vị: dùng --units units.csv (hoặc import với --units để lưu vào cơ sở dữ liệu).",
        "No unit register: pass --units units.csv (or import with --units to save it in the database).",
    ),
    "cli.not_a_quarter": (
        "{option}: '{text}' không phải là quý (ví dụ 2026Q3).",
        "{option}: '{text}' is not a quarter (e.g. 2026Q3).",
    ),
    "cli.cannot_open": ("Không mở được tệp {path}.", "Cannot open the file {path}."),
    "cli.unknown_unit": ("Không có đơn vị '{unit}' trong danh mục.", "Unknown unit '{unit}'."),
    "cli.area_unit": ("{unit} là khu vực, không phải đơn vị báo cáo.", "{unit} is an area, not a reporting unit."),
    "cli.inactive_unit": ("{unit} không tồn tại trong {period}.", "{unit} does not exist in {period}."),
    "cli.xlsx_needs_output": ("--format xlsx cần -o TỆP.", "--format xlsx needs -o FILE."),
    "cli.mark_ok": ("OK ", "OK "),
    "cli.mark_error": ("LỖI", "ERR"),
    "cli.bodies": ("{n} cơ quan", "{n} bodies"),
}
