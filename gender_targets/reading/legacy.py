"""Vietnamese typed with the old TCVN3 (ABC) fonts, turned back into Unicode.

Before Unicode, offices typed Vietnamese with the ".VnTime" fonts of TCVN 5712:1993 (TCVN3,
"ABC"): each accented letter is stored as a Latin-1 character that the font draws as a Vietnamese
one — "Tæng sè" is "Tổng số", "L·nh ®¹o chñ chèt" is "Lãnh đạo chủ chốt". Old forms, and
workbooks filled in on a computer still set to TCVN3, carry such text: headers no one can match,
body types that are no type, unit names that are no unit.

``decode_cells(rows)`` rewrites, in place, every text cell that is TCVN3: a text made only of
Latin-1 characters that holds at least one character Vietnamese Unicode never uses (``µ``, ``¸``,
``·``, ``®``, ``©``, ``ª``, ``«``, ``¬`` …). A text that could be either (``"Bá"``: Unicode "Bá",
or TCVN3 "Bỏ") is left as it is, as is any text with a character beyond Latin-1 (it is Unicode).
``looks_legacy(rows)`` says whether a sheet's first rows hold such text at all (a quick test
before the rewrite). The mapping is the published TCVN3 table; the upper-case vowels with a tone
have no code of their own (the ".VnTimeH" font draws the lower-case codes in capitals), so they
come back in lower case — folding ignores case, and names keep what was typed.
"""

from __future__ import annotations

import re

__all__ = ["TCVN3", "decode_cells", "decode_text", "looks_legacy"]

#: Unicode letter → its TCVN3 code (a Latin-1 character)
TCVN3: dict[str, str] = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ấ": "Ê", "ẩ": "È", "ẫ": "É", "ậ": "Ë",
    "đ": "®",
    "è": "Ì", "é": "Ð", "ẻ": "Î", "ẽ": "Ï", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ế": "Õ", "ể": "Ó", "ễ": "Ô", "ệ": "Ö",
    "ì": "×", "í": "Ý", "ỉ": "Ø", "ĩ": "Ü", "ị": "Þ",
    "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä",
    "ô": "«", "ồ": "å", "ố": "è", "ổ": "æ", "ỗ": "ç", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ớ": "í", "ở": "ë", "ỡ": "ì", "ợ": "î",
    "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò", "ụ": "ô",
    "ư": "\xad", "ừ": "õ", "ứ": "ø", "ử": "ö", "ữ": "÷", "ự": "ù",
    "ỳ": "ú", "ý": "ý", "ỷ": "û", "ỹ": "ü", "ỵ": "þ",
    "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§",
}  # fmt: skip
_DECODE = str.maketrans({code: letter for letter, code in TCVN3.items()})
# TCVN3 codes that are no letter of Vietnamese written in Unicode: their presence decides
_ONLY_TCVN3 = "".join(
    sorted(code for code in TCVN3.values() if code not in "àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵĂÂÊÔƠƯĐÀÁÃÈÉÌÍÒÓÕÙÚÝ")
)
_MARK = re.compile("[" + re.escape(_ONLY_TCVN3) + "]")
_LATIN1 = re.compile(r"[\x00-\xff]*")
_SAMPLE_ROWS = 200


def _is_tcvn3(text: str) -> bool:
    return not text.isascii() and _MARK.search(text) is not None and _LATIN1.fullmatch(text) is not None


def decode_text(text: str) -> str:
    """``text`` in Unicode if it is TCVN3 (module docstring), else unchanged."""
    return text.translate(_DECODE) if _is_tcvn3(text) else text


def looks_legacy(rows: list[list], limit: int = _SAMPLE_ROWS) -> bool:
    """Whether any text cell of the first ``limit`` rows is TCVN3."""
    for row in rows[:limit]:
        for v in row:
            if type(v) is str and not v.isascii() and _is_tcvn3(v):
                return True
    return False


def decode_cells(rows: list[list]) -> int:
    """Every TCVN3 text cell of ``rows`` rewritten in Unicode, in place; how many were."""
    n = 0
    for row in rows:
        for c, v in enumerate(row):
            if type(v) is str and not v.isascii() and _is_tcvn3(v):
                row[c] = v.translate(_DECODE)
                n += 1
    return n
