"""Catalogue part: sign-in, restores, backups, security (issue 20). Merged into ``gender_targets.i18n.MESSAGES``."""

from __future__ import annotations

SECURITY_MESSAGES: dict[str, tuple[str, str]] = {
    # ---- counts too large to be head counts (schema.MAX_COUNT; second attack pass) ------------------
    "issue.not_a_number.too_large": (
        "{value} ở cột {column} quá lớn để là số người (tối đa {max}). Hãy kiểm tra lại ô này.",
        "{value} in column {column} is too large to be a number of people (at most {max}). Check this cell.",
    ),
    "error.entry_too_large": (
        "«{value}» quá lớn để là số người (tối đa {max}). Hãy kiểm tra lại.",
        "“{value}” is too large to be a number of people (at most {max}). Check it again.",
    ),
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
    # ---- backups and restores (backup.py, the admin page's backup tab, CLI backup/restore) ----------
    "error.backup_damaged": (
        "Bản sao lưu bị hỏng (SQLite báo lỗi khi kiểm tra toàn vẹn). Không có gì bị thay đổi. Hãy dùng một "
        "bản sao lưu khác, ví dụ bản tự động trong thư mục backups/.",
        "The backup is damaged (SQLite's integrity check failed). Nothing was changed. Use another backup, "
        "for example a daily copy in the backups/ folder.",
    ),
    "error.backup_encoding": (
        "Bản sao lưu dùng mã chữ UTF-16, ứng dụng này chỉ tạo bản sao lưu UTF-8: tệp không do ứng dụng tạo. "
        "Không có gì bị thay đổi.",
        "The backup uses the UTF-16 text encoding; this application only makes UTF-8 backups, so the file "
        "was not made by it. Nothing was changed.",
    ),
    "error.backup_page_size": (
        "Bản sao lưu khai báo cỡ trang {size} không hợp lệ: tệp bị hỏng hoặc không do ứng dụng tạo. "
        "Không có gì bị thay đổi.",
        "The backup declares an invalid page size ({size}): the file is damaged or not made by this "
        "application. Nothing was changed.",
    ),
    "error.backup_foreign_table": (
        'Trong bản sao lưu, bảng "{table}" không phải là bảng số liệu bình thường (một view hoặc cột tự '
        "tính): tệp không do ứng dụng tạo. Không có gì bị thay đổi.",
        'In the backup, "{table}" is not a plain data table (a view or a computed column): the file was '
        "not made by this application. Nothing was changed.",
    ),
    "error.backup_bad_value": (
        'Bản sao lưu có giá trị không hợp lệ ở bảng "{table}", cột "{column}": tệp bị hỏng hoặc đã bị sửa. '
        "Không có gì bị thay đổi.",
        'The backup holds an invalid value in table "{table}", column "{column}": the file is damaged or '
        "was edited. Nothing was changed.",
    ),
    "error.backup_too_large": (
        "Tệp nén sao lưu vượt giới hạn (quá nhiều phần, một phần giãn ra quá 100 lần, hoặc tổng cộng quá "
        "200 MB khi giải nén) nên không được đọc. Không có gì bị thay đổi. Một bản sao lưu thật lớn hơn "
        "hãy khôi phục bằng lệnh restore trên máy chủ.",
        "The backup archive is past the limits (too many parts, a part expanding more than 100 times, or "
        "more than 200 MB expanded), so it was not read. Nothing was changed. Restore a genuinely larger "
        "backup with the restore command on the server.",
    ),
    "error.backup_no_admin": (
        "Bản sao lưu không có tài khoản quản trị nào đang dùng được, nên không thể khôi phục cả tài khoản "
        "(ứng dụng sẽ mất đăng nhập). Hãy khôi phục mà giữ tài khoản hiện có. Không có gì bị thay đổi.",
        "The backup holds no enabled admin account, so its accounts cannot be restored (sign-in would be "
        "lost). Restore it keeping today's accounts. Nothing was changed.",
    ),
    "error.restore_no_admin": (
        "Sau khi khôi phục sẽ không còn tài khoản quản trị nào dùng được. Hãy tạo hoặc mở khoá một tài "
        "khoản quản trị trước (lệnh user add … --role admin). Không có gì bị thay đổi.",
        "After the restore no admin account would be usable. Create or enable an admin account first "
        "(user add … --role admin). Nothing was changed.",
    ),
    "cli.restore.accounts_kept": (
        "Tài khoản: giữ {current} tài khoản hiện có (bản sao lưu có {accounts} tài khoản, không dùng). "
        "Thêm --with-accounts để khôi phục cả tài khoản.",
        "Accounts: today's {current} accounts are kept (the backup's {accounts} are not used). Add "
        "--with-accounts to restore the accounts too.",
    ),
    "cli.restore.accounts_restored": (
        "Tài khoản: thay bằng {accounts} tài khoản của bản sao lưu ({admins} quản trị viên dùng được).",
        "Accounts: replaced by the backup's {accounts} accounts ({admins} enabled admins).",
    ),
    "cli.restore.left_out": (
        "Bản sao lưu còn có những thứ ứng dụng không tạo ra; chúng sẽ không được khôi phục: {objects}.",
        "The backup also holds objects this application does not make; they are not restored: {objects}.",
    ),
    # ---- the admin page's backup tab -----------------------------------------------------------------
    "ui.backup.private": (
        "Bản sao lưu chứa mật khẩu (đã mã hoá) của mọi tài khoản: ứng dụng tạo tệp khi bạn bấm, chỉ gửi "
        "một lần đến trình duyệt này và ghi vào nhật ký. Hãy cất tệp ở nơi chỉ người có trách nhiệm mở được.",
        "A backup holds every account's (hashed) password: the app makes the file when you press the button, "
        "sends it once to this browser and writes it in the log. Keep the file where only responsible people "
        "can open it.",
    ),
    "ui.backup.made_unknown": ("không rõ", "unknown"),
    "ui.backup.holds": (
        "Bản sao lưu này (tạo lúc {made}) thực sự chứa: {what}, {files} tệp gốc.",
        "This backup (made {made}) really holds: {what}, {files} original files.",
    ),
    "ui.backup.accounts_in_backup": (
        "Trong đó có {accounts} tài khoản ({admins} quản trị viên đang dùng được).",
        "It has {accounts} accounts ({admins} enabled admins).",
    ),
    "ui.backup.left_out": (
        "Bản sao lưu còn có những thứ ứng dụng này không tạo ra (có thể tệp đã bị sửa). Chúng sẽ KHÔNG được khôi phục:",
        "The backup also holds things this application does not make (the file may have been edited). They "
        "will NOT be restored:",
    ),
    "ui.backup.with_accounts": (
        "Khôi phục cả tài khoản trong bản sao lưu (thay các tài khoản hiện có)",
        "Restore the backup's accounts too (replacing today's accounts)",
    ),
    "ui.backup.with_accounts_help": (
        "Mặc định giữ nguyên các tài khoản và mật khẩu hiện có. Chỉ chọn khi muốn quay về đúng danh sách "
        "tài khoản lúc sao lưu; bản sao lưu phải có ít nhất một quản trị viên đang dùng được.",
        "By default today's accounts and passwords are kept. Choose this only to go back to the accounts "
        "as they were at the backup; the backup must hold at least one enabled admin.",
    ),
    "ui.backup.no_admin_in_backup": (
        "Bản sao lưu không có quản trị viên nào dùng được, nên chỉ có thể khôi phục số liệu và giữ tài khoản hiện có.",
        "The backup holds no enabled admin, so only its data can be restored, keeping today's accounts.",
    ),
    "ui.backup.accounts_kept": (
        "Tài khoản hiện có được giữ nguyên; mọi người (trừ bạn) phải đăng nhập lại.",
        "Today's accounts are kept; everybody (but you) signs in again.",
    ),
    "ui.backup.accounts_replaced": (
        "Tài khoản cũng được thay bằng tài khoản trong bản sao lưu; mọi người phải đăng nhập lại.",
        "The accounts are replaced by the backup's too; everybody signs in again.",
    ),
    # ---- sample data (sample.py, the admin page's sample tab) -------------------------------------
    "store.sample_register_exists": (
        "Cơ sở dữ liệu đã có danh mục đơn vị riêng: dữ liệu mẫu không được nạp đè lên. Dữ liệu mẫu chỉ nạp "
        "vào cơ sở dữ liệu mới, chưa có số liệu và danh mục.",
        "The database already has its own unit register: sample data is never loaded over it. Sample data "
        "only goes into a new database without data or register.",
    ),
    "ui.sample.load": ("Nạp dữ liệu mẫu", "Load the sample data"),
    "ui.sample.load_hint": (
        "Cơ sở dữ liệu chưa có số liệu. Quản trị viên có thể nạp dữ liệu mẫu (huyện Hóc Môn, 2021–2026) để "
        "làm quen với ứng dụng, rồi xoá đi khi có số liệu thật.",
        "The database holds no data yet. An admin may load the sample data (Hóc Môn district, 2021–2026) to "
        "try the application, and remove it once real data arrives.",
    ),
    "ui.sample.not_loadable": (
        "Dữ liệu mẫu chỉ nạp được vào cơ sở dữ liệu chưa có số liệu và chưa có danh mục đơn vị riêng.",
        "Sample data can only be loaded into a database without data and without its own unit register.",
    ),
    "ui.sample.loaded": ("Đã nạp dữ liệu mẫu.", "Sample data loaded."),
    # ---- the admin page's users tab: locks ------------------------------------------------------------
    "ui.users.h_locked": ("Tạm khoá đến (giờ VN)", "Locked until (Vietnam time)"),
    "ui.users.locked": (
        "Tài khoản này đang tạm khoá đến {until} (giờ Việt Nam) vì nhập sai mật khẩu nhiều lần; máy đã từng "
        "đăng nhập vào nó vẫn vào được.",
        "This account is locked until {until} (Vietnam time) after wrong passwords; devices that signed in "
        "to it before still can.",
    ),
    "ui.users.unlock": ("Mở khoá ngay", "Unlock now"),
    "ui.users.unlocked": ("Đã mở khoá tài khoản {username}.", "Account {username} unlocked."),
}
