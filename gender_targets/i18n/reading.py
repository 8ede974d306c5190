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
}
