"""Catalogue part: sign-in, restores, backups, security (issue 20). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

SECURITY_MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the reader workers, shared fairly (reading/sandbox.py) ----------------------------------
    "issue.reader_busy": (
        "Máy chủ đang bận đọc các tệp khác nên chưa đọc tệp này; chưa có gì được lưu. Hãy tải tệp lên lại sau ít phút.",
        "The server is busy reading other files and did not read this one; nothing was stored. "
        "Upload it again in a few minutes.",
    ),
    "issue.reader_quota": (
        "Tài khoản này đã dùng hết thời gian đọc tệp cho một giờ nên chưa đọc tệp này; chưa có gì được lưu. "
        "Hãy tải lên lại sau khoảng {minutes} phút, hoặc nhờ quản trị viên nếu cần gấp.",
        "This account has used its hour's share of file reading, so this file was not read; nothing was "
        "stored. Upload it again in about {minutes} minutes, or ask an administrator if it is urgent.",
    ),
    # ---- sign-in and passwords (accounts.py, passwords.py, store/accounts.py) --------------------
    "error.too_many_attempts": (
        "Có quá nhiều lần đăng nhập sai từ máy này. Hãy đợi {minutes} phút rồi thử lại, hoặc đăng nhập từ máy "
        "bạn vẫn dùng.",
        "Too many failed sign-ins from this device. Wait {minutes} minutes and try again, or sign in from the "
        "device you usually use.",
    ),
    "error.password_common": (
        "Mật khẩu này quá phổ biến (nằm trong danh sách 10.000 mật khẩu hay bị dò nhất). Hãy chọn mật khẩu "
        "khác, ví dụ vài từ ghép lại dễ nhớ với bạn.",
        "This password is too common (it is among the 10,000 passwords tried first by attackers). Choose "
        "another one, for example a few words that are easy for you to remember.",
    ),
    "error.password_is_username": (
        "Mật khẩu không được là tên đăng nhập (hay gần như tên đăng nhập). Hãy chọn mật khẩu khác.",
        "The password may not be the user name (or little more than it). Choose another one.",
    ),
    "error.password_wrong": (
        "Mật khẩu hiện tại không đúng; mật khẩu chưa được đổi.",
        "The current password is wrong; the password was not changed.",
    ),
    "error.password_unchanged": (
        "Mật khẩu mới trùng mật khẩu hiện tại; hãy chọn mật khẩu khác.",
        "The new password is the current one; choose another one.",
    ),
    "error.email_taken": (
        "Địa chỉ e-mail {email} đã gắn với một tài khoản khác. Mỗi e-mail chỉ dùng cho một tài khoản.",
        "The e-mail address {email} already belongs to another account. An e-mail names one account only.",
    ),
    "error.email_unverified": (
        "Nhà cung cấp đăng nhập chưa xác nhận địa chỉ e-mail {email}, nên ứng dụng không dùng nó để đăng nhập. "
        "Hãy xác nhận e-mail với nhà cung cấp, hoặc đăng nhập bằng tên đăng nhập và mật khẩu.",
        "The sign-in provider has not verified the e-mail address {email}, so the app does not sign in with it. "
        "Verify the e-mail with the provider, or sign in with a user name and password.",
    ),
    "store.action.backup": ("Sao lưu", "Backup"),
    "store.action.restore": ("Khôi phục từ bản sao lưu", "Restored from a backup"),
    "store.action.account_locked": ("Tài khoản tạm khoá (nhập sai mật khẩu)", "Account locked (wrong passwords)"),
    "store.action.account_unlock": ("Mở khoá tài khoản", "Account unlocked"),
    "store.action.password_change": ("Tự đổi mật khẩu", "Own password changed"),
    # ---- changing one's own password (the sidebar's account block, ui/auth.py) ------------------
    "ui.password.open": ("Đổi mật khẩu", "Change password"),
    "ui.password.current": ("Mật khẩu hiện tại", "Current password"),
    "ui.password.new": ("Mật khẩu mới", "New password"),
    "ui.password.again": ("Nhập lại mật khẩu mới", "New password again"),
    "ui.password.rules": (
        "Ít nhất 8 ký tự, không phải mật khẩu phổ biến, không phải tên đăng nhập. Các máy khác đang đăng nhập "
        "tài khoản này sẽ bị đăng xuất.",
        "At least 8 characters, not a common password, not the user name. Other devices signed in to this "
        "account are signed out.",
    ),
    "ui.password.save": ("Đổi mật khẩu", "Change the password"),
    "ui.password.fill_all": ("Hãy nhập mật khẩu hiện tại và mật khẩu mới.", "Enter the current and the new password."),
    "ui.password.mismatch": (
        "Hai lần nhập mật khẩu mới không giống nhau; mật khẩu chưa được đổi.",
        "The two new passwords differ; the password was not changed.",
    ),
    "ui.password.changed": ("Đã đổi mật khẩu.", "Password changed."),
    "cli.user.unlocked": ("Đã mở khoá tài khoản {username}.", "Account {username} unlocked."),
}
