"""Catalogue part: accounts, sign-in, roles and approval. Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

ACCOUNTS_MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors raised by accounts.py and the store's account methods -----------------------------
    "error.account": ("Không thực hiện được thao tác với tài khoản.", "The account operation could not be done."),
    "error.forbidden_view": ("Tài khoản của bạn không được xem dữ liệu.", "Your account may not view the data."),
    "error.forbidden_submit": (
        "Tài khoản của bạn không được nộp số liệu cho đơn vị.",
        "Your account may not submit data for a unit.",
    ),
    "error.forbidden_import": (
        "Tài khoản của bạn không được lưu số liệu trực tiếp (không qua duyệt).",
        "Your account may not store data directly (without review).",
    ),
    "error.forbidden_review": (
        "Chỉ cán bộ duyệt (hoặc quản trị) mới được duyệt hay trả lại số liệu.",
        "Only a reviewer (or an admin) may accept or return submissions.",
    ),
    "error.forbidden_rollback": (
        "Chỉ cán bộ duyệt (hoặc quản trị) mới được hoàn tác một lần nộp.",
        "Only a reviewer (or an admin) may roll back a submission.",
    ),
    "error.forbidden_register": (
        "Chỉ quản trị viên mới được thay danh mục đơn vị.",
        "Only an admin may replace the unit register.",
    ),
    "error.forbidden_targets": ("Chỉ quản trị viên mới được sửa mục tiêu.", "Only an admin may change the targets."),
    "error.forbidden_users": ("Chỉ quản trị viên mới được quản lý tài khoản.", "Only an admin may manage accounts."),
    "error.forbidden_settings": ("Chỉ quản trị viên mới được đổi cài đặt.", "Only an admin may change the settings."),
    "error.forbidden_sample": (
        "Chỉ quản trị viên mới được nạp hay xoá dữ liệu mẫu.",
        "Only an admin may load or remove sample data.",
    ),
    "error.account_disabled": (
        "Tài khoản {username} đã bị khoá bởi quản trị viên.",
        "Account {username} has been disabled by an admin.",
    ),
    "error.not_your_unit": (
        "Tài khoản của bạn chỉ được nộp số liệu cho đơn vị {units}; tệp này là số liệu của đơn vị {unit}. "
        "Hãy kiểm tra lại mã đơn vị trong tệp, hoặc nhờ đơn vị {unit} tự nộp.",
        "Your account may submit data for {units} only; this file holds data of unit {unit}. "
        "Check the unit code in the file, or ask unit {unit} to submit it.",
    ),
    "error.bad_role": (
        'Vai trò "{role}" không có. Chọn một trong: {roles}.',
        'There is no role "{role}". Choose one of: {roles}.',
    ),
    "error.bad_username": (
        'Tên đăng nhập "{username}" không hợp lệ: dùng 2–64 ký tự chữ không dấu, số, dấu chấm, gạch ngang, '
        "gạch dưới hoặc @.",
        'User name "{username}" is not valid: use 2–64 letters without accents, digits, dot, dash, underscore or @.',
    ),
    "error.password_too_short": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    "error.password_empty": (
        "Chưa nhận được mật khẩu: hãy đưa mật khẩu vào đầu vào chuẩn (stdin).",
        "No password received: give the password on standard input.",
    ),
    "error.account_exists": ("Tên đăng nhập {username} đã có.", "User name {username} is already taken."),
    "error.account_unknown": ("Không có tài khoản {username}.", "There is no account {username}."),
    "error.units_only_for_unit_role": (
        "Chỉ tài khoản vai trò đơn vị (unit) mới gắn với đơn vị.",
        "Only accounts with the unit role are tied to units.",
    ),
    "error.unit_required": (
        "Tài khoản vai trò đơn vị cần ít nhất một mã đơn vị (--unit MÃ).",
        "A unit account needs at least one unit code (--unit CODE).",
    ),
    "error.unknown_units": (
        "Không có đơn vị báo cáo mã {units} trong danh mục đơn vị.",
        "There is no reporting unit {units} in the unit register.",
    ),
    "error.cannot_disable_self": (
        "Bạn không thể tự khoá hay tự đổi vai trò tài khoản của chính mình.",
        "You cannot disable your own account or change its role.",
    ),
    "error.sign_in_failed": (
        "Không đăng nhập được: tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần sai liên tiếp, tài khoản "
        "tạm khoá {minutes} phút với máy chưa từng đăng nhập vào nó; quản trị viên có thể mở khoá.",
        "Sign-in failed: wrong user name or password. After 5 wrong passwords in a row the account is "
        "locked for {minutes} minutes on devices that never signed in to it; an admin can unlock it.",
    ),
    "error.not_pending": (
        "Lần nộp số {id} không còn chờ duyệt (trạng thái: {status}).",
        "Submission {id} is no longer waiting for review (status: {status}).",
    ),
    "error.comment_required": (
        "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.",
        "Write why it is returned, so that the unit knows what to fix.",
    ),
    "error.no_account_for_email": (
        "Chưa có tài khoản nào gắn với địa chỉ e-mail {email}. Hãy nhờ quản trị viên tạo tài khoản.",
        "No account is tied to the e-mail address {email}. Ask an admin to create one.",
    ),
    # -- statuses and audit actions --------------------------------------------------------------
    "store.status.pending": ("Chờ duyệt", "Pending review"),
    "store.status.returned": ("Bị trả lại", "Returned"),
    "ui.admin.status_pending": ("Chờ duyệt", "Pending review"),
    "ui.admin.status_returned": ("Bị trả lại", "Returned"),
    "store.action.submit": ("Đơn vị nộp số liệu (chờ duyệt)", "Unit submission (pending review)"),
    "store.action.accept": ("Duyệt số liệu", "Submission accepted"),
    "store.action.return": ("Trả lại số liệu", "Submission returned"),
    "store.action.user_add": ("Tạo tài khoản", "Account created"),
    "store.action.user_change": ("Sửa tài khoản", "Account changed"),
    "store.action.settings_change": ("Đổi cài đặt", "Settings changed"),
    "role.admin": ("Quản trị viên", "Admin"),
    "role.reviewer": ("Cán bộ duyệt", "Reviewer"),
    "role.unit": ("Đơn vị", "Unit"),
    "role.viewer": ("Người xem", "Viewer"),
    # -- command line ---------------------------------------------------------------------------
    "cli.user.added": ("Đã tạo tài khoản {username} ({role}).", "Account {username} ({role}) created."),
    "cli.user.disabled": ("Đã khoá tài khoản {username}.", "Account {username} disabled."),
    "cli.user.enabled": ("Đã mở lại tài khoản {username}.", "Account {username} enabled."),
    "cli.user.password": ("Đã đổi mật khẩu của {username}.", "Password of {username} changed."),
    "cli.user.none": ("Chưa có tài khoản nào (chế độ một người dùng).", "No accounts yet (single-user mode)."),
    # -- pages: navigation, sign-in ----------------------------------------------------------
    "ui.nav.login": ("Đăng nhập", "Sign in"),
    "ui.nav.review": ("Duyệt số liệu", "Review"),
    "ui.nav.entry": ("Nhập trên web", "Enter online"),
    "ui.auth.title": ("Đăng nhập", "Sign in"),
    "ui.auth.username": ("Tên đăng nhập", "User name"),
    "ui.auth.password": ("Mật khẩu", "Password"),
    "ui.auth.sign_in": ("Đăng nhập", "Sign in"),
    "ui.auth.sign_out": ("Đăng xuất", "Sign out"),
    "ui.auth.signed_in_as": ("Đang đăng nhập:", "Signed in as:"),
    "ui.auth.fill_both": ("Hãy nhập cả tên đăng nhập và mật khẩu.", "Enter both the user name and the password."),
    "ui.auth.or": ("Hoặc đăng nhập bằng tài khoản của cơ quan:", "Or sign in with your organisation's account:"),
    "ui.auth.oidc": ("Đăng nhập bằng tài khoản cơ quan", "Sign in with the organisation's account"),
    "ui.auth.help": (
        "Quên mật khẩu hoặc chưa có tài khoản: hãy liên hệ quản trị viên của Hội. Nhập sai mật khẩu 5 lần "
        "liên tiếp thì tài khoản bị khoá 15 phút với máy chưa từng đăng nhập vào nó.",
        "Forgot the password or no account yet: ask the union's admin. Five wrong passwords in a row lock the "
        "account for 15 minutes on devices that never signed in to it.",
    ),
    "ui.auth.signed_in": ("Đăng nhập thành công. Đang mở trang chủ…", "Signed in. Opening the home page…"),
    "ui.auth.already": (
        "Bạn đã đăng nhập. Chọn trang ở thanh bên trái.",
        "You are signed in. Pick a page on the left.",
    ),
    "ui.auth.public_hint": (
        "Các trang số liệu đang mở công khai (chỉ xem). Đăng nhập để nộp, duyệt hoặc quản trị.",
        "The dashboards are open to the public (read only). Sign in to submit, review or administer.",
    ),
    "ui.auth.page_forbidden": (
        "Tài khoản của bạn không dùng được trang này.",
        "Your account cannot use this page.",
    ),
    "ui.auth.by_account": ("Người nộp (theo tài khoản đăng nhập)", "Submitted by (the signed-in account)"),
    # -- review queue ---------------------------------------------------------------------------
    "ui.review.title": ("Duyệt số liệu đơn vị gửi", "Review unit submissions"),
    "ui.review.intro": (
        "Số liệu do tài khoản đơn vị gửi chỉ được tính sau khi duyệt. Duyệt: số liệu được dùng (thay lần "
        "trước nếu có). Trả lại: đơn vị thấy lý do và gửi lại bản sửa.",
        "Data sent by unit accounts counts only once accepted. Accept: the data is used (replacing the "
        "previous one, if any). Return: the unit sees why and sends a corrected version.",
    ),
    "ui.review.empty": ("Không có số liệu nào đang chờ duyệt.", "Nothing is waiting for review."),
    "ui.review.count": ("{n} lần nộp đang chờ duyệt.", "{n} submissions are waiting for review."),
    "ui.review.item": ("Số {id} · {unit} · {period} · {name}", "No. {id} · {unit} · {period} · {name}"),
    "ui.review.sent_by": ("Gửi bởi {who}, lúc {when} (giờ Việt Nam)", "Sent by {who} at {when} (Vietnam time)"),
    "ui.review.no_issues": (
        "Kiểm tra lại tệp: không có lỗi hay cảnh báo nào.",
        "Checked again: no errors or warnings.",
    ),
    "ui.review.issues": (
        "Kiểm tra lại tệp: {n} lỗi/cảnh báo (xem bảng).",
        "Checked again: {n} errors/warnings (see the table).",
    ),
    "ui.review.preview": (
        "Chỉ tiêu nếu duyệt, bên cạnh số liệu đang dùng",
        "Indicators if accepted, beside the data in use",
    ),
    "ui.review.bodies": ("Xem {n} cơ quan", "See the {n} bodies"),
    "ui.review.comment": (
        "Nhận xét (bắt buộc khi trả lại)",
        "Comment (required to return it)",
    ),
    "ui.review.accept": ("Duyệt", "Accept"),
    "ui.review.return": ("Trả lại đơn vị", "Return to the unit"),
    "ui.review.accepted": ("Đã duyệt lần nộp số {id}.", "Submission {id} accepted."),
    "ui.review.returned": ("Đã trả lại lần nộp số {id}.", "Submission {id} returned."),
    # -- entry in the browser ----------------------------------------------------------------------
    "ui.entry.title": ("Nhập số liệu trên web", "Enter data online"),
    "ui.entry.mine": ("Các lần nộp của đơn vị", "Your unit's submissions"),
    "ui.entry.none_yet": ("Đơn vị chưa nộp lần nào.", "Your unit has not submitted yet."),
    "ui.entry.h_sent": ("Lúc gửi (giờ VN)", "Sent (Vietnam time)"),
    "ui.entry.h_reviewed_by": ("Người duyệt", "Reviewed by"),
    "ui.entry.h_comment": ("Nhận xét", "Comment"),
    "ui.entry.form_title": ("Bảng nhập số liệu của quý", "The quarter's table"),
    "ui.entry.hint": (
        "Bảng đã điền sẵn các cơ quan của quý trước. Sửa số liệu, thêm dòng ở cuối bảng, xoá dòng thừa "
        "(tối đa {max} cơ quan). Ô để trống được tính là 0.",
        "The table starts from last quarter's bodies. Correct the counts, add rows at the bottom, delete "
        "extra rows (at most {max} bodies). An empty cell counts as 0.",
    ),
    "ui.entry.rows_note": (
        "Số liệu được kiểm tra như một tệp Excel theo mẫu: dòng 11 của sheet là dòng đầu tiên của bảng.",
        "The data is checked as a template workbook: row 11 of the sheet is the first row of the table.",
    ),
    "ui.entry.check": ("Kiểm tra", "Check"),
    "ui.entry.send": ("Gửi duyệt", "Send for review"),
    "ui.entry.valid": ("Số liệu hợp lệ: có thể gửi duyệt.", "The data is valid: it can be sent for review."),
    "ui.entry.sent": (
        "Đã gửi số liệu {period} của {unit}; số liệu sẽ được tính sau khi cán bộ duyệt chấp nhận.",
        "Data of {unit} for {period} sent; it will count once a reviewer accepts it.",
    ),
    "ui.entry.stored": ("Đã lưu số liệu {period} của {unit}.", "Data of {unit} for {period} stored."),
    "ui.entry.unchanged": (
        "Số liệu {period} của {unit} giống hệt số liệu đang dùng: không có gì thay đổi.",
        "Data of {unit} for {period} is identical to the data in use: nothing changed.",
    ),
    "error.entry_too_many_rows": (
        "Bảng có {n} cơ quan; mẫu biểu chỉ nhận tối đa {max}. Hãy nộp bằng tệp Excel.",
        "The table has {n} bodies; the template takes at most {max}. Please upload a workbook instead.",
    ),
    # -- upload page, for accounts -----------------------------------------------------------------
    "ui.upload.pending_note": ("Đã gửi, chờ duyệt", "Sent, waiting for review"),
    "ui.upload.sent_title": (
        "Đã gửi {n} tệp, đang chờ duyệt (Hội sẽ chấp nhận hoặc trả lại kèm góp ý): {names}",
        "Sent {n} file(s), waiting for the union's review: {names}",
    ),
    "ui.upload.not_yours": (
        "Tệp này có số liệu của đơn vị khác ({units}): tài khoản của bạn không nộp được cho đơn vị đó.",
        "This file holds data of another unit ({units}): your account cannot submit for it.",
    ),
    # -- admin page: users, settings, audit ------------------------------------------------------
    "ui.admin.tab_users": ("Tài khoản", "Users"),
    "ui.admin.tab_audit": ("Nhật ký", "Activity log"),
    "ui.users.single_mode": (
        "Chưa có tài khoản nào: ứng dụng đang ở chế độ một người dùng và chỉ mở trên máy này (127.0.0.1). "
        "Tạo tài khoản quản trị đầu tiên để bắt đầu dùng chung.",
        "No account yet: the app is in single-user mode and listens on this computer only (127.0.0.1). "
        "Create the first admin account to start sharing it.",
    ),
    "ui.users.h_username": ("Tên đăng nhập", "User name"),
    "ui.users.h_display_name": ("Họ tên", "Name"),
    "ui.users.h_role": ("Vai trò", "Role"),
    "ui.users.h_units": ("Đơn vị", "Units"),
    "ui.users.h_email": ("E-mail", "E-mail"),
    "ui.users.h_disabled": ("Đã khoá", "Disabled"),
    "ui.users.h_last": ("Đăng nhập gần nhất (giờ VN)", "Last sign-in (Vietnam time)"),
    "ui.users.units_placeholder": ("Chọn đơn vị (chỉ cho vai trò Đơn vị)", "Pick units (unit role only)"),
    "ui.users.add_title": ("Thêm tài khoản", "Add an account"),
    "ui.users.add": ("Tạo tài khoản", "Create the account"),
    "ui.users.added": ("Đã tạo tài khoản {username}.", "Account {username} created."),
    "ui.users.change_title": ("Sửa tài khoản", "Change an account"),
    "ui.users.pick": ("Tài khoản", "Account"),
    "ui.users.new_password": ("Mật khẩu mới (để trống nếu không đổi)", "New password (leave empty to keep)"),
    "ui.users.disable": ("Khoá tài khoản này", "Disable this account"),
    "ui.users.save": ("Lưu thay đổi", "Save the changes"),
    "ui.users.saved": ("Đã lưu tài khoản {username}.", "Account {username} saved."),
    "ui.users.public_view": (
        "Cho phép xem công khai các trang số liệu, không cần đăng nhập (chỉ xem, ví dụ màn hình phòng họp)",
        "Let anyone see the dashboards without signing in (read only, e.g. a meeting-room screen)",
    ),
    "ui.audit.h_at": ("Thời điểm (giờ VN)", "When (Vietnam time)"),
    "ui.audit.h_action": ("Việc", "Action"),
    "ui.audit.h_who": ("Tài khoản", "Account"),
    "ui.audit.h_detail": ("Chi tiết", "Detail"),
    "ui.audit.operator": ("(máy chủ / dòng lệnh)", "(server / command line)"),
    "ui.completeness.sent": ("Đã nộp", "Sent"),
    "ui.completeness.pending": ("Chờ duyệt", "Pending"),
    "ui.completeness.returned": ("Bị trả lại", "Returned"),
    "ui.completeness.missing": ("Chưa nộp", "Missing"),
}
