"""The ``ui.*`` part of the catalogue (pages and app), merged into ``i18n.MESSAGES``.

Kept in its own file so page text can change without touching the validation messages; there is
still one catalogue and one lookup (``i18n.t``).
"""

from __future__ import annotations

UI_MESSAGES: dict[str, tuple[str, str]] = {
    # navigation and frame
    "ui.nav.overview": ("Tổng quan", "Overview"),
    "ui.nav.trajectory": ("Lộ trình", "Trajectory"),
    "ui.nav.compare": ("So sánh đơn vị", "Compare units"),
    "ui.nav.upload": ("Nộp số liệu", "Submit data"),
    "ui.nav.data": ("Dữ liệu", "Data"),
    "ui.nav.admin": ("Quản trị", "Administration"),
    "ui.nav.method": ("Phương pháp", "Method"),
    "ui.sidebar.footer": (
        "Kế hoạch 63/KH-BTV · QĐ 2282/QĐ-TTg · Hội LHPN",
        "Plan 63/KH-BTV · Decision 2282/QĐ-TTg · Women's Union",
    ),
    "ui.common.area": ("Khu vực", "Area"),
    "ui.common.unit": ("Đơn vị", "Unit"),
    "ui.common.indicator": ("Chỉ tiêu", "Indicator"),
    "ui.common.quarter": ("Quý", "Quarter"),
    "ui.common.cancel": ("Huỷ", "Cancel"),
    "ui.common.yes": ("Có", "Yes"),
    "ui.common.no": ("Không", "No"),
    "ui.empty.no_data": (
        "Chưa có số liệu nào. Hãy vào trang **Nộp số liệu** để tải mẫu biểu và nộp tệp Excel của các đơn vị.",
        "There is no data yet. Go to **Submit data** to download the template and upload the units' workbooks.",
    ),
    "ui.unit.area_label": ("{name} (toàn địa bàn)", "{name} (whole area)"),
    "ui.link.unknown": (
        "Đường liên kết ghi {param}={value}, nhưng không có mục nào như vậy; đang hiển thị {shown}.",
        "The link says {param}={value}, but nothing has that name; showing {shown} instead.",
    ),
    "ui.unit.merged_into": (
        "Đã sáp nhập vào {name} ({code}) từ {start}.",
        "Merged into {name} ({code}) from {start}.",
    ),
    "ui.unit.dissolved": (
        "Đơn vị đã giải thể sau {end} (không sáp nhập vào đơn vị nào).",
        "The unit was dissolved after {end} (not merged into another unit).",
    ),
    "ui.unit.ended_label": ("{name} ({code}) — đến {end}", "{name} ({code}) — until {end}"),
    # sample data
    "ui.sample.loading": ("Đang nạp dữ liệu mẫu lần đầu…", "Loading the sample data for the first time…"),
    "ui.sample.banner": (
        "Đây là **dữ liệu mẫu** (minh hoạ, không phải số liệu thật). Xoá đi trước khi nhập số liệu thật.",
        "This is **sample data** (for illustration, not real figures). Remove it before entering real data.",
    ),
    "ui.sample.remove": ("Xoá dữ liệu mẫu", "Remove sample data"),
    "ui.sample.confirm": (
        "Xoá toàn bộ dữ liệu mẫu? Chỉ các lần nộp được đánh dấu là mẫu bị xoá; số liệu thật không bị ảnh hưởng.",
        "Remove all sample data? Only submissions marked as sample are removed; real data is untouched.",
    ),
    "ui.sample.remove_yes": ("Xoá dữ liệu mẫu", "Remove sample data"),
    # overview
    "ui.overview.title": ("Tổng quan thực hiện chỉ tiêu", "Progress overview"),
    "ui.overview.subtitle": (
        "{area} · số liệu mới nhất: {period} · {sent}/{total} đơn vị đã nộp quý này",
        "{area} · latest data: {period} · {sent}/{total} units have sent this quarter",
    ),
    "ui.overview.partial": (
        "{period} mới có {sent}/{total} đơn vị nộp số liệu: số của khu vực trong quý này chưa đầy đủ, nên các "
        "thẻ dưới đây dùng {used}, quý gần nhất đủ số liệu. Bảng các đơn vị bên dưới dùng số mới nhất của "
        "từng đơn vị.",
        "Only {sent}/{total} units have sent {period}: the area's figure for that quarter is incomplete, so the "
        "cards below use {used}, the latest complete quarter. The unit table below uses each unit's latest data.",
    ),
    "ui.overview.latest": ("Giá trị {period}", "Value, {period}"),
    "ui.overview.delta_q": ("{delta} điểm % so với quý trước", "{delta} pp on the previous quarter"),
    "ui.overview.delta_y": ("{delta} điểm % so với cùng kỳ năm trước", "{delta} pp on a year before"),
    "ui.overview.milestone": ("Mốc {year} ({target}):", "{year} milestone ({target}):"),
    "ui.overview.status": ("Tiến độ tới {year}:", "Progress toward {year}:"),
    "ui.overview.gap": ("Còn thiếu {gap} điểm % để đạt mốc {year}", "{gap} pp short of the {year} milestone"),
    "ui.overview.gap_met": ("Đã vượt mốc {year}", "Already above the {year} milestone"),
    "ui.overview.units_title": ("Các đơn vị hiện nay — {period}", "Current units — {period}"),
    "ui.overview.status_col": ("Tình trạng {ind}", "{ind} status"),
    "ui.overview.link": ("Lộ trình", "Trajectory"),
    "ui.overview.link_text": ("Xem lộ trình", "Open trajectory"),
    "ui.overview.units_note": (
        "Giá trị là quý gần nhất có số liệu của từng đơn vị. Tình trạng so với mục tiêu năm cuối (xem Phương pháp).",
        "Values are each unit's latest quarter with data. Status is toward the final target (see Method).",
    ),
    # trajectory
    "ui.trajectory.title": ("Lộ trình tới mục tiêu", "Trajectory toward the targets"),
    "ui.trajectory.all": ("Cả ba", "All three"),
    "ui.trajectory.reconstructed_note": (
        "Trước 7/2025, số liệu của đơn vị này được dựng lại bằng cách cộng gộp các đơn vị cũ: {names}.",
        "Before July 2025 this unit's series is reconstructed by pooling the former units: {names}.",
    ),
    "ui.trajectory.pending": (
        "Chưa đủ đơn vị nộp số liệu {periods}: quý này chưa được vẽ và chưa tính vào đánh giá tiến độ.",
        "Not every unit has sent {periods} yet: that quarter is not drawn and not used in the assessment.",
    ),
    "ui.trajectory.observed": (
        "Tốc độ thực tế (12 quý gần nhất): **{observed}** điểm %/năm",
        "Observed rate (last 12 quarters): **{observed}** pp/year",
    ),
    "ui.trajectory.required": (
        "Tốc độ cần có để đạt mục tiêu {year}: **{required}** điểm %/năm",
        "Rate needed to reach the {year} target: **{required}** pp/year",
    ),
    "ui.trajectory.projection": ("Dự báo {period}: **{value}**", "Projection for {period}: **{value}**"),
    "ui.trajectory.milestone": ("Mốc {year} ({target}):", "{year} milestone ({target}):"),
    "ui.trajectory.not_q4": ("(chưa có quý IV, dùng quý gần nhất)", "(no Q4, latest quarter used)"),
    "ui.trajectory.ended_hint": (
        "Đơn vị không còn nên không đánh giá tiến độ tới mục tiêu cuối cùng; dưới đây là số liệu và các mốc "
        "đến khi đơn vị kết thúc.",
        "The unit no longer exists, so it is not judged toward the final target; below are its figures and "
        "milestones up to its end.",
    ),
    "ui.trajectory.ended_badge": ("Đơn vị đã kết thúc", "Unit has ended"),
    "ui.trajectory.ended_at": ("(đơn vị kết thúc ở {period})", "(the unit ended in {period})"),
    "ui.trajectory.method": ("Cách đánh giá tiến độ", "How progress is judged"),
    "ui.trajectory.bodies_title": ("Số liệu các cơ quan", "Body rows"),
    "ui.trajectory.bodies_reconstructed": (
        "Quý này thuộc giai đoạn trước sáp nhập: hiển thị các cơ quan của các đơn vị cũ.",
        "This quarter is before the merger: the former units' bodies are shown.",
    ),
    "ui.trajectory.no_bodies": ("Đơn vị này chưa có số liệu.", "This unit has no data yet."),
    # compare
    "ui.compare.title": ("So sánh các đơn vị", "Compare units"),
    "ui.compare.scope": ("Đơn vị", "Units"),
    "ui.compare.scope_current": ("Hiện nay", "Current"),
    "ui.compare.scope_all": ("Tất cả (cả đơn vị cũ)", "All (incl. former units)"),
    "ui.compare.ranking": ("Xếp hạng — {period}", "Ranking — {period}"),
    "ui.compare.no_units": ("Không có đơn vị nào trong quý này.", "No units in this quarter."),
    "ui.compare.heatmap": ("Các đơn vị theo quý", "Units by quarter"),
    "ui.compare.heatmap_note": (
        "Màu: dưới mốc đầu tiên · giữa hai mốc · đạt mốc cuối cùng. Dấu * là giá trị dựng lại từ các đơn vị cũ.",
        "Colours: below the first milestone · between · at or above the final one. * marks reconstructed values.",
    ),
    "ui.compare.group": (
        "Nhóm đơn vị (trong {n} đơn vị) cho lộ trình từng đơn vị",
        "Group of units (of {n}) for the small charts",
    ),
    "ui.compare.multiples": ("Lộ trình từng đơn vị", "Every unit's trajectory"),
    # upload
    "ui.upload.title": ("Nộp số liệu", "Submit data"),
    "ui.upload.no_register": (
        "Chưa có danh mục đơn vị. Hãy tải lên danh mục (units.csv) ngay dưới đây trước khi nộp số liệu.",
        "There is no unit register yet. Upload one (units.csv) right below before submitting data.",
    ),
    "ui.upload.template_title": ("1. Tải mẫu biểu cho đơn vị", "1. Download a template for a unit"),
    "ui.upload.no_active_units": ("Không có đơn vị nào trong quý này.", "No unit exists in this quarter."),
    "ui.upload.template_button": ("Tải mẫu biểu (.xlsx)", "Download template (.xlsx)"),
    "ui.upload.files_title": ("2. Tải lên tệp của các đơn vị", "2. Upload the units' workbooks"),
    "ui.upload.browse_hint": (
        "Bấm nút **Chọn tệp** hoặc kéo thả tệp vào ô bên dưới. Có thể chọn nhiều tệp một lúc: "
        ".xlsx, .xlsm, .xls, .ods, mỗi tệp tối đa 20 MB. Tệp chỉ được lưu khi bạn bấm nút Lưu ở cuối trang.",
        "Click **Upload** or drop files below. Several at once: .xlsx, .xlsm, .xls, .ods, up to 20 MB each. "
        "Nothing is stored until you press Store at the bottom.",
    ),
    "ui.upload.uploader": ("Tệp Excel của đơn vị", "Unit workbooks"),
    "ui.uploader.button": ("Chọn tệp", "Upload"),
    "ui.uploader.limit": ("hoặc kéo thả vào đây · tối đa {mb} MB mỗi tệp", "or drop here · up to {mb} MB per file"),
    "ui.upload.uploader_help": (
        'Ứng dụng tự nhận đơn vị và quý từ sheet Thông tin, tiêu đề bảng ("Quý III/2026", "Số liệu tính đến '
        'ngày 30/09/2026") hoặc tên tệp (ví dụ X-BD_2026Q3.xlsx). Bảng chia nhiều sheet hoặc dàn trang in được '
        "đọc chung; ô có lỗi công thức (#REF!, #N/A…) không bao giờ được tính là số; sheet ẩn không được đọc; "
        "thiếu cơ quan so với quý trước sẽ có cảnh báo.",
        'The unit and quarter are read from the Thông tin sheet, the title block ("Quý III/2026", "Số liệu tính '
        'đến ngày 30/09/2026") or the file name (e.g. X-BD_2026Q3.xlsx). A table split over sheets or laid out in '
        "printed pages is read as one; a cell showing an Excel error (#REF!, #N/A…) is never a number; hidden "
        "sheets are not read; bodies missing since the previous quarter are warned about.",
    ),
    "ui.upload.checking": ("Đang kiểm tra tệp…", "Checking files…"),
    "ui.upload.nothing_yet": ("Chưa có tệp nào được tải lên.", "No file uploaded yet."),
    "ui.upload.kept_note": (
        "{n} tệp được giữ lại từ lần trước bạn mở trang này (ô tải lên chỉ hiện các tệp vừa chọn). Các tệp này "
        "vẫn được lưu cùng; bấm «Bỏ tệp này khỏi danh sách» trong từng tệp nếu không muốn lưu.",
        "{n} file(s) are kept from your earlier visit to this page (the upload box shows only the files just "
        "chosen). They are stored too; use «Remove this file from the list» in a file if you do not want it.",
    ),
    "ui.upload.file_ok": (
        "{name} — {what} — hợp lệ, {warnings} cảnh báo",
        "{name} — {what} — valid, {warnings} warning(s)",
    ),
    "ui.upload.file_bad": (
        "{name} — {errors} lỗi, {warnings} cảnh báo: tệp này sẽ không được lưu",
        "{name} — {errors} error(s), {warnings} warning(s): this file will not be stored",
    ),
    "ui.upload.file_clash": (" — trùng đơn vị và quý với tệp khác", " — same unit and quarter as another file"),
    "ui.upload.file_kept": (" (giữ lại từ lần trước)", " (kept from before)"),
    "ui.upload.and_more": (" và {n} kỳ khác", " and {n} more"),
    "ui.upload.errors_summary": (
        "Tệp có {n} lỗi, liệt kê trong bảng dưới đây. Tệp này sẽ không được lưu: sửa trong Excel rồi tải lên lại.",
        "The file has {n} error(s), listed below. It will not be stored: fix it in Excel and upload it again.",
    ),
    "ui.upload.warnings_summary": (
        "Tệp có {n} cảnh báo, liệt kê trong bảng dưới đây. Tệp vẫn lưu được; hãy đọc và kiểm tra lại.",
        "The file has {n} warning(s), listed below. It can still be stored; please read and check them.",
    ),
    "ui.upload.issue_kind": ("Loại", "Kind"),
    "ui.upload.many_issues": (
        "Tệp có {n} vấn đề. Bảng dưới đây cuộn được; đưa chuột vào một ô để đọc hết nội dung, hoặc tải báo cáo "
        "kiểm tra (.xlsx) ở cuối trang để đọc và in đầy đủ.",
        "The file has {n} issues. The table below scrolls; hover over a cell to read it all, or download the "
        "validation report (.xlsx) at the bottom to read and print it in full.",
    ),
    "col.found": ("Giá trị trong ô", "Value found"),
    "ui.upload.bodies": ("Số cơ quan", "Bodies"),
    "ui.upload.new_value": ("Theo tệp này", "From this file"),
    "ui.upload.stored_value": ("Đang lưu", "Stored now"),
    "ui.upload.remove_file": ("Bỏ tệp này khỏi danh sách", "Remove this file from the list"),
    "ui.upload.clash_title": ("Các tệp trùng đơn vị và quý", "Files for the same unit and quarter"),
    "ui.upload.clash_hint": (
        "Mỗi đơn vị chỉ có một bộ số liệu cho mỗi quý. Chọn tệp sẽ được lưu; tệp không được chọn sẽ không được "
        "lưu (cả tệp).",
        "A unit has one set of figures per quarter. Choose the file to store; a file not chosen is not stored "
        "(the whole file).",
    ),
    "ui.upload.clash_question": (
        "{unit}, {period}: {n} tệp có số liệu này. Lưu tệp nào?",
        "{unit}, {period}: {n} files hold these figures. Which one should be stored?",
    ),
    "ui.upload.clash_unresolved": (
        "{unit}, {period}: tệp đã chọn cho quý này lại không được chọn ở một chỗ trùng khác, nên quý này sẽ "
        "không được lưu. Hãy chọn lại.",
        "{unit}, {period}: the file chosen here is not chosen in another clash, so nothing is stored for this "
        "quarter. Please choose again.",
    ),
    "ui.upload.store_title": ("3. Lưu số liệu", "3. Store the data"),
    "ui.upload.by": ("Người nộp", "Uploaded by"),
    "ui.upload.by_placeholder": ("Họ tên cán bộ nhập số liệu", "Name of the person entering the data"),
    "ui.upload.by_required": (
        "Hãy ghi họ tên vào ô «Người nộp» trước khi lưu: mỗi lần nộp đều ghi rõ ai đã nộp.",
        "Please write your name in «Uploaded by» before storing: every submission records who sent it.",
    ),
    "ui.upload.report_button": ("Tải báo cáo kiểm tra (.xlsx)", "Download the validation report (.xlsx)"),
    "ui.upload.clear": ("Xoá danh sách tệp", "Clear the list"),
    "ui.upload.left_out": (
        "Sẽ không lưu (đã chọn tệp khác cho cùng đơn vị và quý): {names}",
        "Will not be stored (another file was chosen for the same unit and quarter): {names}",
    ),
    "ui.upload.store_button": ("Lưu {n} tệp hợp lệ", "Store {n} valid file(s)"),
    "ui.upload.storing": ("Đang lưu…", "Storing…"),
    "ui.upload.stored_title": ("Đã lưu {n} tệp: {names}.", "{n} file(s) stored: {names}."),
    "ui.upload.not_stored_title": ("{n} tệp không được lưu.", "{n} file(s) not stored."),
    "ui.upload.stored_what": ("Đơn vị, quý", "Unit, quarter"),
    "ui.upload.stored_note": ("Ghi chú", "Note"),
    "ui.upload.unchanged": (
        "Tệp giống hệt đã có, không thay đổi gì",
        "Identical file already stored, nothing changed",
    ),
    "ui.upload.failed": (
        "Không lưu được: khi kiểm tra lại, tệp có lỗi (danh mục vừa thay đổi?)",
        "Not stored: the file has errors when checked again (did the register just change?)",
    ),
    "ui.upload.not_chosen": (
        "Không lưu: đã chọn tệp khác cho cùng đơn vị và quý",
        "Not stored: another file was chosen for the same unit and quarter",
    ),
    "ui.upload.has_errors": ("Không lưu: tệp có lỗi", "Not stored: the file has errors"),
    "ui.upload.none_valid": (
        "Không có tệp hợp lệ để lưu. Sửa các lỗi ở trên rồi tải lại tệp.",
        "No valid file to store. Fix the errors above and upload the file again.",
    ),
    # backup and restore (backup.py, admin page, CLI)
    "error.backup_invalid": (
        "Tệp này không phải là bản sao lưu của ứng dụng này (hoặc bị thiếu phần). Không có gì bị thay đổi.",
        "This file is not a backup of this application (or parts of it are missing). Nothing was changed.",
    ),
    "error.backup_newer": (
        "Bản sao lưu được tạo bởi phiên bản phần mềm mới hơn (cấu trúc {found}, phần mềm này biết {known}). "
        "Hãy cập nhật phần mềm rồi khôi phục lại. Không có gì bị thay đổi.",
        "The backup was made by a newer version of the software (schema {found}, this one knows {known}). "
        "Update the software, then restore again. Nothing was changed.",
    ),
    "error.backup_not_sqlite": (
        "Cơ sở dữ liệu này không phải tệp SQLite: hãy sao lưu dạng tệp nén (.zip).",
        "This database is not an SQLite file: back it up as an archive (.zip).",
    ),
    "cli.backup.summary": (
        "{submissions} lần nộp ({active} đang dùng, {units} đơn vị, từ {first} đến {last})",
        "{submissions} submissions ({active} active, {units} units, {first} to {last})",
    ),
    "cli.backup.summary_empty": (
        "{submissions} lần nộp, chưa có số liệu đang dùng",
        "{submissions} submissions, no active data",
    ),
    "cli.backup.done": ("Đã sao lưu vào {file}: {what}.", "Backed up to {file}: {what}."),
    "cli.backup.cannot_read": ("Không đọc được tệp {file}: {reason}", "Cannot read {file}: {reason}"),
    "cli.backup.plan": (
        "Khôi phục sẽ THAY TOÀN BỘ số liệu hiện có ({current}) bằng bản sao lưu ({incoming}).",
        "Restoring REPLACES ALL current data ({current}) by the backup ({incoming}).",
    ),
    "cli.backup.confirm": (
        "Chưa làm gì. Để khôi phục, chạy lại lệnh với --yes.",
        "Nothing done. To restore, run the command again with --yes.",
    ),
    "cli.backup.restored": ("Đã khôi phục từ {file}.", "Restored from {file}."),
    "export.col.kind": ("Loại vấn đề", "Kind"),
    # short names of the issue codes, for the upload report (the downloaded report keeps the code)
    "issue_name.unreadable_file": ("Không đọc được tệp", "Unreadable file"),
    "issue_name.encrypted_file": ("Tệp có mật khẩu", "Password-protected"),
    "issue_name.file_too_large": ("Tệp quá lớn", "File too large"),
    "issue_name.no_data_sheet": ("Không thấy bảng số liệu", "No data table"),
    "issue_name.missing_column": ("Thiếu cột", "Missing column"),
    "issue_name.unknown_unit": ("Đơn vị không có trong danh mục", "Unknown unit"),
    "issue_name.unit_not_active": ("Đơn vị không tồn tại trong quý", "Unit not active"),
    "ui.audit.key.username": ("Tài khoản", "Account"),
    "ui.audit.key.role": ("Vai trò", "Role"),
    "ui.audit.key.units": ("Đơn vị", "Units"),
    "ui.audit.key.unit": ("Đơn vị", "Unit"),
    "ui.audit.key.files": ("Tệp", "Files"),
    "ui.audit.key.file": ("Tệp", "File"),
    "ui.audit.key.submissions": ("Lần nộp", "Submissions"),
    "ui.audit.key.is_sample": ("Dữ liệu mẫu", "Sample data"),
    "ui.audit.key.superseded": ("Thay thế lần nộp", "Replaced"),
    "ui.audit.key.warnings": ("Số cảnh báo", "Warnings"),
    "ui.audit.key.targets": ("Chỉ tiêu", "Targets"),
    "ui.audit.key.added": ("Thêm", "Added"),
    "ui.audit.key.removed": ("Bỏ", "Removed"),
    "ui.audit.key.changed": ("Đổi", "Changed"),
    "ui.audit.key.renamed": ("Đổi tên", "Renamed"),
    "ui.audit.key.id": ("Lần nộp số", "Submission"),
    "ui.audit.key.period": ("Quý", "Quarter"),
    "ui.audit.key.public_view": ("Cho xem công khai", "Public view"),
    "ui.audit.key.attachment_required": ("Bắt buộc báo cáo đã ký", "Signed report required"),
    "ui.audit.key.comment": ("Nhận xét", "Comment"),
    "ui.audit.key.status": ("Trạng thái", "Status"),
    "ui.audit.key.date": ("Ngày", "Date"),
    "ui.audit.key.deadline": ("Hạn nộp", "Deadline"),
    "ui.audit.key.email": ("E-mail", "E-mail"),
    "ui.audit.key.disabled": ("Đã khoá", "Disabled"),
    "ui.audit.key.display_name": ("Tên hiển thị", "Display name"),
    "ui.audit.key.kind": ("Loại", "Kind"),
    "ui.audit.yes": ("có", "yes"),
    "ui.audit.no": ("không", "no"),
    "ui.audit.more": ("… (thêm {n})", "… ({n} more)"),
    "issue_name.not_your_unit": ("Không phải đơn vị của tài khoản", "Not your unit"),
    "issue_name.other": ("Vấn đề khác", "Other problem"),
    "issue_name.missing_unit": ("Thiếu đơn vị", "Missing unit"),
    "issue_name.missing_period": ("Thiếu kỳ báo cáo", "Missing period"),
    "issue_name.invalid_period": ("Kỳ báo cáo sai", "Invalid period"),
    "issue_name.not_a_number": ("Không phải số", "Not a number"),
    "issue_name.not_whole_number": ("Không phải số nguyên", "Not a whole number"),
    "issue_name.negative_number": ("Số âm", "Negative number"),
    "issue_name.female_exceeds_total": ("Số nữ lớn hơn tổng số", "Women above total"),
    "issue_name.trained_exceeds_female": ("Số nữ được đào tạo lớn hơn số nữ", "Trained above women"),
    "issue_name.duplicate_body": ("Cơ quan ghi trùng", "Duplicate body"),
    "issue_name.unknown_body_type": ("Loại cơ quan sai", "Unknown body type"),
    "issue_name.no_data_rows": ("Không có dòng số liệu", "No data rows"),
    "issue_name.formula_without_value": ("Công thức chưa có giá trị", "Formula without value"),
    "issue_name.total_mismatch": ("Dòng tổng cộng lệch", "Total row differs"),
    "issue_name.no_key_leaders": ("Không có lãnh đạo chủ chốt", "No key leaders"),
    "issue_name.body_skipped": ("Dòng bị bỏ qua", "Row skipped"),
    "issue_name.period_conflict": ("Kỳ báo cáo ghi khác nhau", "Periods differ"),
    "issue_name.unit_conflict": ("Đơn vị ghi khác nhau", "Units differ"),
    "issue_name.large_change": ("Thay đổi lớn", "Large change"),
    "issue_name.replaces_submission": ("Thay thế số liệu đã nộp", "Replaces a submission"),
    # data
    "ui.data.title": ("Bảng số liệu và tải xuống", "Data table and downloads"),
    "ui.data.units": ("Đơn vị / khu vực", "Units / areas"),
    "ui.data.units_placeholder": ("Tất cả đơn vị", "All units"),
    "ui.data.indicators": ("Chỉ tiêu", "Indicators"),
    "ui.data.range": ("Khoảng thời gian", "Quarter range"),
    "ui.data.status": ("Tình trạng hiện nay", "Current status"),
    "ui.data.status_help": (
        "Tình trạng tiến độ là đánh giá ở quý mới nhất của mỗi đơn vị, nên chỉ ghi ở dòng quý đó; chọn một "
        "tình trạng thì bảng chỉ còn các dòng mới nhất có tình trạng ấy. Đơn vị đã sáp nhập không được đánh giá.",
        "The progress status is judged on each unit's latest quarter, so it is shown on that row only; picking a "
        "status keeps only the latest rows with it. Units that have merged are not judged.",
    ),
    "export.col.status_latest": ("Tình trạng (ở quý mới nhất)", "Status (latest quarter)"),
    "ui.data.status_placeholder": ("Mọi tình trạng", "Any status"),
    "ui.data.reconstructed": ("Gồm giá trị dựng lại", "Include reconstructed rows"),
    "ui.data.count": ("{n} dòng", "{n} rows"),
    "ui.data.meta_units": ("Đơn vị", "Units"),
    "ui.data.meta_range": ("Khoảng thời gian", "Quarter range"),
    "ui.data.meta_indicators": ("Chỉ tiêu", "Indicators"),
    "ui.data.meta_status": ("Tình trạng", "Status"),
    "ui.data.meta_reconstructed": ("Gồm giá trị dựng lại", "Reconstructed rows included"),
    "ui.data.meta_version": ("Phiên bản dữ liệu", "Data version"),
    "ui.data.meta_generated": ("Thời điểm trích xuất", "Generated at"),
    "ui.data.all_units": ("Tất cả", "All"),
    "ui.data.all": ("Tất cả", "All"),
    "ui.data.sheet": ("Chỉ tiêu", "Indicators"),
    "ui.data.file_stem": ("chi-tieu-nu-lanh-dao", "women-leadership-indicators"),
    "ui.data.download_xlsx": ("Tải bảng Excel (.xlsx)", "Download the Excel table (.xlsx)"),
    "ui.data.download_csv_excel": ("Tải CSV mở bằng Excel", "Download CSV for Excel"),
    "ui.data.download_csv": ("Tải CSV đầy đủ cho phần mềm", "Download full CSV for software"),
    "ui.data.downloads_hint": (
        "Dùng bảng Excel (.xlsx) cho báo cáo: mở đúng trên mọi máy, có sheet ghi bộ lọc, in vừa khổ A4 ngang. "
        "«CSV mở bằng Excel» dùng dấu ; và dấu phẩy thập phân, số làm tròn (đúng với Excel cài tiếng Việt). "
        "«CSV đầy đủ cho phần mềm» giữ số chưa làm tròn, dấu phẩy giữa các cột, dấu chấm thập phân.",
        "Use the Excel table (.xlsx) for reports: it opens right anywhere, has a sheet with the filters and "
        "prints on landscape A4. «CSV for Excel» is rounded and uses your Excel's separators (comma, decimal "
        "point in English). «Full CSV for software» keeps unrounded numbers, commas between fields and a "
        "decimal point.",
    ),
    # admin
    "ui.admin.title": ("Quản trị", "Administration"),
    "ui.admin.tab_history": ("Lịch sử nộp", "Submission history"),
    "ui.admin.tab_completeness": ("Tình hình nộp", "Completeness"),
    "ui.admin.tab_register": ("Danh mục đơn vị", "Unit register"),
    "ui.admin.tab_targets": ("Mục tiêu", "Targets"),
    "ui.admin.tab_backup": ("Sao lưu", "Backup"),
    "ui.admin.tab_sample": ("Dữ liệu mẫu", "Sample data"),
    "ui.admin.no_history": ("Chưa có lần nộp nào.", "No submissions yet."),
    "ui.admin.h_id": ("Số", "ID"),
    "ui.admin.h_unit": ("Đơn vị", "Unit"),
    "ui.admin.h_period": ("Quý", "Quarter"),
    "ui.admin.h_file_name": ("Tệp", "File"),
    "ui.admin.h_uploaded_by": ("Người nộp", "Uploaded by"),
    "ui.admin.by_sample": ("(nạp dữ liệu mẫu)", "(sample data loaded)"),
    "ui.admin.h_uploaded_at": ("Thời điểm nộp", "Submitted at (Vietnam time)"),
    "ui.admin.h_status": ("Trạng thái", "Status"),
    "ui.admin.h_supersedes": ("Thay thế lần", "Supersedes"),
    "ui.admin.h_n_bodies": ("Số cơ quan", "Bodies"),
    "ui.admin.h_is_sample": ("Mẫu", "Sample"),
    "ui.admin.status_active": ("Đang dùng", "Active"),
    "ui.admin.status_superseded": ("Đã bị thay thế", "Superseded"),
    "ui.admin.status_rolled_back": ("Đã hoàn tác", "Rolled back"),
    "ui.admin.pick": ("Chọn một lần nộp", "Pick a submission"),
    "ui.admin.submission": ("Lần nộp", "Submission"),
    "ui.admin.submission_label": ("#{id} · {unit} · {period} · {status}", "#{id} · {unit} · {period} · {status}"),
    "ui.admin.download_original": ("Tải tệp gốc", "Download the original file"),
    "ui.admin.rollback": ("Hoàn tác lần nộp này…", "Roll back this submission…"),
    "ui.admin.rollback_confirm": (
        "Hoàn tác lần nộp #{id} ({unit}, {period})?",
        "Roll back submission #{id} ({unit}, {period})?",
    ),
    "ui.admin.rollback_restores": ("Lần nộp #{prev} sẽ được dùng lại.", "Submission #{prev} becomes active again."),
    "ui.admin.rollback_empty": (
        "Không có lần nộp trước: đơn vị sẽ không có số liệu quý này (tệp vẫn được lưu trong lịch sử).",
        "There is no earlier submission: the unit will have no data for this quarter (the file stays in the history).",
    ),
    "ui.admin.rollback_yes": ("Xác nhận hoàn tác", "Confirm rollback"),
    "ui.admin.rollback_done": ("Đã hoàn tác lần nộp #{id}.", "Submission #{id} rolled back."),
    "ui.admin.rollback_only_active": (
        "Chỉ hoàn tác được lần nộp đang dùng.",
        "Only an active submission can be rolled back.",
    ),
    "ui.admin.completeness_note": (
        "Quý mới nhất ở bên trái. «Đã nộp» (xanh): số liệu đã được dùng · «Chờ duyệt» (vàng) · «Bị trả lại» (cam) · "
        "«Chưa nộp» (đỏ) · «—»: đơn vị chưa thành lập hoặc không còn trong quý đó.",
        "Latest quarter on the left. «Sent» (green): the data is in use · «Pending review» (yellow) · «Returned» "
        "(orange) · «Missing» (red) · «—»: the unit did not exist in that quarter.",
    ),
    "ui.admin.reg_code": ("Mã", "Code"),
    "ui.admin.reg_name": ("Tên đơn vị", "Name"),
    "ui.admin.reg_kind": ("Loại", "Kind"),
    "ui.admin.reg_parent": ("Thuộc khu vực", "Area"),
    "ui.admin.reg_valid_from": ("Từ quý", "From"),
    "ui.admin.reg_valid_to": ("Đến quý", "Until"),
    "ui.admin.reg_successor": ("Sáp nhập vào", "Merged into"),
    "ui.admin.reg_note": ("Ghi chú", "Note"),
    "ui.admin.backup_title": ("Sao lưu toàn bộ số liệu", "Back up all data"),
    "ui.admin.backup_never": (
        "Chưa có bản sao lưu nào. Hãy bấm nút dưới đây và cất tệp sao lưu ở nơi khác (USB, máy khác).",
        "No backup has been made yet. Press the button below and keep the file somewhere else (USB, another computer).",
    ),
    "ui.admin.backup_last": (
        "Lần sao lưu gần nhất: {when} (giờ Việt Nam).",
        "Latest backup: {when} (Vietnam time).",
    ),
    "ui.admin.backup_hint": (
        "Bản sao lưu chứa mọi thứ: danh mục đơn vị, mục tiêu, mọi lần nộp cùng tệp gốc và nhật ký. Với SQLite, "
        "mỗi ngày mở ứng dụng còn tự lưu một bản trong thư mục backups/ cạnh cơ sở dữ liệu (giữ 14 bản gần nhất), "
        "nhưng thư mục ấy nằm trên cùng ổ đĩa: hãy tải bản sao lưu về và cất nơi khác.",
        "The backup holds everything: the register, the targets, every submission with its original file and "
        "the log. With SQLite, each day the app is used a copy is also kept in backups/ beside the database "
        "(the last 14), but on the same disk: download a backup and keep it elsewhere.",
    ),
    "ui.admin.backup_button": ("Tải bản sao lưu", "Download a backup"),
    "ui.admin.restore_title": ("Khôi phục từ bản sao lưu", "Restore from a backup"),
    "ui.admin.restore_hint": (
        "Chọn tệp sao lưu (.db hoặc .zip) đã tải từ trang này hoặc từ lệnh backup. Trước khi làm, ứng dụng nói "
        "rõ số liệu nào sẽ bị thay. Tệp lớn hơn 20 MB: dùng lệnh restore (xem README).",
        "Choose a backup file (.db or .zip) downloaded from this page or made by the backup command. Before "
        "anything is done, the app says what will be replaced. A file over 20 MB: use the restore command "
        "(see the README).",
    ),
    "ui.admin.restore_upload": ("Tệp sao lưu", "Backup file"),
    "ui.admin.backup_summary": (
        "{submissions} lần nộp ({active} đang dùng, {units} đơn vị, từ {first} đến {last})",
        "{submissions} submissions ({active} active, {units} units, {first} to {last})",
    ),
    "ui.admin.backup_summary_empty": (
        "{submissions} lần nộp, chưa có số liệu đang dùng",
        "{submissions} submissions, no active data",
    ),
    "ui.admin.restore_confirm": (
        "Khôi phục sẽ THAY TOÀN BỘ số liệu hiện có — {current} — bằng số liệu trong bản sao lưu — {incoming}. "
        "Những gì nộp sau lần sao lưu đó sẽ mất.",
        "Restoring REPLACES ALL current data — {current} — by the backup's — {incoming}. Anything submitted "
        "after that backup is lost.",
    ),
    "ui.admin.restore_sure": ("Tôi hiểu, hãy thay bằng bản sao lưu", "I understand, replace it with the backup"),
    "ui.admin.restore_button": ("Khôi phục", "Restore"),
    "ui.admin.restoring": ("Đang khôi phục…", "Restoring…"),
    "ui.admin.restore_done": ("Đã khôi phục: {what}.", "Restored: {what}."),
    "ui.admin.register_download": ("Tải danh mục (.csv)", "Download the register (.csv)"),
    "ui.admin.replace_hint": (
        "Thay danh mục bằng tệp CSV (tải danh mục hiện có ở trên để làm mẫu). Tệp giữ nguyên tên các cột: code "
        "(mã), name (tên), kind (loại), parent (thuộc khu vực), valid_from (từ quý), valid_to (đến quý), "
        "successor (sáp nhập vào), note (ghi chú). Danh mục mới được kiểm tra trước khi lưu.",
        "Replace the register with a CSV file (download the current one above as a model) with the columns code, "
        "name, kind, parent, valid_from, valid_to, successor, note. It is validated before anything is saved.",
    ),
    "ui.admin.register_upload": ("Tệp danh mục đơn vị (.csv)", "Unit register file (.csv)"),
    "ui.admin.register_invalid": ("Danh mục không hợp lệ, chưa lưu gì:", "The register is not valid; nothing saved:"),
    "ui.admin.register_valid": ("Danh mục hợp lệ: {n} đơn vị.", "The register is valid: {n} units."),
    "ui.admin.register_replace": ("Thay danh mục", "Replace the register"),
    "ui.admin.saved": ("Đã lưu.", "Saved."),
    "ui.admin.targets_download": ("Tải mục tiêu (.csv)", "Download the targets (.csv)"),
    "ui.admin.targets_hint": (
        "Mục tiêu là dữ liệu: để thay, tải lên tệp CSV có ba cột indicator (mã chỉ tiêu, ví dụ I1), year (năm "
        "mốc) và target_percent (mục tiêu, %). Có thể thêm mốc năm khác.",
        "Targets are data: a table indicator, year, target_percent. Extra milestone years are allowed.",
    ),
    "ui.admin.targets_upload": ("Tệp mục tiêu (.csv)", "Targets file (.csv)"),
    "ui.admin.targets_invalid": (
        "Bảng mục tiêu không hợp lệ, chưa lưu gì:",
        "The targets table is not valid; nothing saved:",
    ),
    "ui.admin.targets_replace": ("Thay bảng mục tiêu", "Replace the targets"),
    "ui.admin.no_sample": ("Không có dữ liệu mẫu trong cơ sở dữ liệu.", "There is no sample data in the database."),
    # method
    "ui.method.title": ("Phương pháp tính", "Method"),
    "ui.method.sources_title": ("Căn cứ", "Sources"),
    "ui.method.sources": (
        '- **Quyết định 2282/QĐ-TTg** ngày 31/12/2020 của Thủ tướng Chính phủ phê duyệt Chương trình *"Tăng cường '
        "sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai "
        'đoạn 2021–2030"*.\n'
        "- **Kế hoạch 683/KH-BTV** ngày 21/12/2021 của Ban Thường vụ Hội LHPN Thành phố.\n"
        "- **Kế hoạch 63/KH-BTV** ngày 21/12/2021 của Ban Thường vụ Hội LHPN huyện Hóc Môn, mục II — Mục tiêu: "
        "(1) đến 2025 đạt 60%, đến 2030 đạt 75% cơ quan quản lý Nhà nước, chính quyền địa phương có lãnh đạo chủ "
        "chốt là nữ; (2) tỷ lệ cán bộ nữ trong diện quy hoạch lãnh đạo, quản lý đạt ít nhất 40% (2025) và 50% "
        "(2030); (3) tỷ lệ cán bộ nữ trong diện quy hoạch được đào tạo, tập huấn đạt 75% (2025) và 90% (2030).\n"
        "- **Nghị quyết 1685/NQ-UBTVQH15** (2025) về sắp xếp đơn vị hành chính cấp xã: từ 1/7/2025, 12 xã, thị "
        "trấn của huyện Hóc Môn hợp thành 4 xã; cấp huyện không còn.",
        "- **Decision 2282/QĐ-TTg** of 31/12/2020 (Prime Minister) approving the programme *\"Enhancing women's "
        'equal participation in leadership and management positions at policy-making levels, 2021–2030"*.\n'
        "- **Plan 683/KH-BTV** of 21/12/2021 of the city Women's Union Standing Committee.\n"
        "- **Plan 63/KH-BTV** of 21/12/2021 of the Hóc Môn district Women's Union Standing Committee, section II — "
        "Targets: (1) 60% by 2025 and 75% by 2030 of state agencies and local governments with a woman among "
        "their key leaders; (2) at least 40% (2025) and 50% (2030) women in the leadership planning pool; (3) 75% "
        "(2025) and 90% (2030) of the women in the pool trained.\n"
        "- **Resolution 1685/NQ-UBTVQH15** (2025) on the reorganisation of communes: from 1 July 2025 Hóc Môn's "
        "12 communes and town became 4 communes, and the district level ended.",
    ),
    "ui.method.template_title": ("Cách điền mẫu biểu", "How to fill in the template"),
    "ui.method.template_body": (
        "1. Tải mẫu biểu của đơn vị ở trang **Nộp số liệu** (đã ghi sẵn đơn vị và quý).\n"
        "2. Sheet **Số liệu**: mỗi cơ quan một dòng; chọn *Loại cơ quan* trong danh sách; ghi số nguyên (không để "
        "chữ); số nữ không lớn hơn tổng số; số nữ được đào tạo không lớn hơn số nữ trong diện quy hoạch.\n"
        "3. Không sửa dòng tiêu đề; dòng *Tổng cộng* tự tính và không được dùng làm số liệu.\n"
        "4. Lưu tệp (.xlsx) và gửi về Hội; tải lên ở trang **Nộp số liệu**, xem lỗi từng ô và sửa nếu có.",
        "1. Download the unit's template on **Submit data** (unit and quarter pre-filled).\n"
        "2. On the **Số liệu** sheet: one row per body; pick the body type from the list; whole numbers only; "
        "women never above the total; trained women never above the women in the pool.\n"
        "3. Do not edit the header; the *Tổng cộng* (total) row is computed and not used as data.\n"
        "4. Save (.xlsx) and send it; upload it on **Submit data**, read the cell-by-cell report and fix any error.",
    ),
}
