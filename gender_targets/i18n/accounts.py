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
        "Bạn không thể tự khoá tài khoản của chính mình.",
        "You cannot disable your own account.",
    ),
    "error.sign_in_failed": (
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "Wrong user name or password.",
    ),
    "error.locked": (
        "Tài khoản tạm bị khoá vì nhập sai mật khẩu 5 lần liên tiếp. Hãy thử lại sau {minutes} phút "
        "(hoặc nhờ quản trị viên đặt lại mật khẩu).",
        "The account is locked for now after 5 wrong passwords in a row. Try again in {minutes} minutes "
        "(or ask an admin to reset the password).",
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
}
