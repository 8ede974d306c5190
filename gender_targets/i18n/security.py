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
}
