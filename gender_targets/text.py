"""Text folding used wherever people type names and headers by hand.

``fold_text`` turns "Số nữ được\\nĐÀO TẠO, bồi dưỡng" and "so nu duoc dao tao boi duong" into the
same key: Unicode NFKD, combining marks dropped, đ/Đ → d, lower case, every run of punctuation,
line breaks and spaces becomes one space, trimmed. It is idempotent and never raises.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["KIND_WORDS", "a1", "column_letter", "fold_text", "strip_kind_word"]

_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Leading words that name a kind of unit and are ignored when matching unit names.
KIND_WORDS: tuple[str, ...] = ("thi tran", "xa", "phuong")


def fold_text(value: object) -> str:
    """Fold case, diacritics (đ→d), punctuation and spacing: the matching key of a label."""
    if value is None:
        return ""
    text = str(value)
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    return _NON_WORD.sub(" ", text).strip()


def strip_kind_word(folded: str) -> str:
    """Drop one leading kind word ("xã", "thị trấn", "phường") from an already folded name."""
    for word in KIND_WORDS:
        if folded == word:
            return folded
        if folded.startswith(word + " "):
            return folded[len(word) + 1 :]
    return folded


def column_letter(index0: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    n = index0 + 1
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def a1(row0: int, col0: int) -> str:
    """A1 reference of a 0-based (row, column)."""
    return f"{column_letter(col0)}{row0 + 1}"
