"""Text folding used wherever people type names and headers by hand.

``fold_text`` turns "Số nữ được\\nĐÀO TẠO, bồi dưỡng" and "so nu duoc dao tao boi duong" into the
same key: Unicode NFKD, combining marks dropped, đ/Đ → d, lower case, every run of punctuation,
line breaks and spaces becomes one space, trimmed. It is idempotent and never raises.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["KIND_WORDS", "a1", "column_letter", "fold_text", "strip_kind_word"]

_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Leading words that name a kind of unit and are ignored when matching unit names.
KIND_WORDS: tuple[str, ...] = ("thi tran", "xa", "phuong")


def _fold_table() -> dict[int, str]:
    """Each precomposed Latin letter (Vietnamese ones included) → what folding makes of it, when that
    is plain ASCII: one ``str.translate`` then does the work of NFKD and dropping the marks."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for lo, hi in ((0x00A0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(lo, hi):
            ch = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
            if base != ch and base.isascii():
                table.setdefault(code, base)
    return table


_FOLD_TABLE = _fold_table()


def fold_text(value: object) -> str:
    """Fold case, diacritics (đ→d), punctuation and spacing: the matching key of a label.

    The same as NFKD, marks dropped, lower case — done for the letters of Vietnamese (and other
    precomposed Latin letters) with one translation table, and by NFKD for whatever else remains
    (combining marks typed apart, other scripts): a name is folded thousands of times per file."""
    if value is None:
        return ""
    if type(value) is str:
        return _fold_str(value) if value else ""
    text = str(value)
    return _fold_str(text) if text else ""


@functools.lru_cache(maxsize=1 << 16)
def _fold_str(text: str) -> str:
    """``fold_text`` of a non-empty string (cached: a file names the same body on every sheet, and the
    reader folds a name to find totals, copies and duplicates)."""
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)
        if not text.isascii():
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
