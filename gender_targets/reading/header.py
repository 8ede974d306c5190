"""Header detection: which row of which sheet is the body table's header, and what each column is.

The best-scoring row among the first ``HEADER_SEARCH_ROWS`` rows of any sheet wins (a sheet named
"Số liệu" is preferred when it has a header). Header words are folded (``text.fold_text``) and
matched by keyword rules (``classify_header``), not a closed list, abbreviations included
(``LĐCC`` lãnh đạo chủ chốt, ``CB QH`` / ``QH`` quy hoạch, ``TS`` tổng số, ``SL`` số lượng,
``ĐT-BD`` đào tạo, bồi dưỡng). A child header ("Tổng số", "Trong đó nữ", "Nữ") takes its meaning
from the parent above it: the merged parent cell, or — where merges are unknown (ods) — the last
"Lãnh đạo chủ chốt" / "quy hoạch" label to its left in the parent row.

Which sheets are read (``choose_tables``): the sheet named "Số liệu" when it has a header, else the
best-scoring one, together with every other visible sheet holding the same kind of body table (a
table split over sheets: one sheet per group of body types, or per printed page); a hidden sheet
or a table of another kind (a summary by body type, a long layout beside a form) is not read and is
named, so that the reader can say so.

Also here: the words of a footer ("Người lập biểu", "Thủ trưởng đơn vị", a date line) and of a
total row ("Tổng cộng", "Cộng", "Total"). Only words: no rule of SPEC §6 is applied here. Runs in
the reader's child process, so it imports nothing heavier than ``text`` and ``schema``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..schema import COUNT_COLUMNS
from ..text import fold_text
from .grid import SheetCells

__all__ = [
    "DATA_SHEET_NAME",
    "HEADER_SEARCH_ROWS",
    "INFO_SHEET_NAME",
    "REQUIRED_COLUMNS",
    "Header",
    "choose_header",
    "choose_tables",
    "classify_header",
    "find_header",
    "footer_kind",
    "is_enumerated_heading",
    "is_footer_text",
    "is_group_heading",
    "is_group_number",
    "is_page_mark",
    "is_total_text",
    "may_be_total_text",
]

DATA_SHEET_NAME = "Số liệu"
INFO_SHEET_NAME = "Thông tin"
HEADER_SEARCH_ROWS = 30
#: Columns a body table must have (``note`` is optional).
REQUIRED_COLUMNS: list[str] = ["body_name", "body_type", *COUNT_COLUMNS]
_MIN_HEADER_SCORE = 3  # required columns recognised in one row for it to count as a header

# ==== header words ================================================================================


def _has(padded: str, *needles: str) -> bool:
    return any(f" {n} " in padded for n in needles)


def classify_header(label: object) -> str | None:
    """The column a header cell names, from its folded words; None when it names nothing we use.

    Returns a body column (``body_name``, ``body_type``, a count column, ``note``), ``stt``, a
    unit or period column of the long layout (``unit_code``, ``unit_text``, ``name_or_unit``,
    ``period``, ``year``, ``quarter``), or a generic child (``_total``: "Tổng số"; ``_female``:
    "Trong đó nữ") that needs its parent to mean something.
    """
    s = fold_text(label)
    if not s:
        return None
    role = _classify_folded(s)
    if role is None:
        # an Excel Table makes its header names unique by a number: "Tổng số2", "Trong đó nữ3"
        m = _TABLE_SUFFIX.fullmatch(s)
        if m is not None:
            role = _classify_folded(m.group(1))
    return role


_TABLE_SUFFIX = re.compile(r"(.*[a-z])\s?\d{1,2}")


def _classify_folded(s: str) -> str | None:
    p = f" {s} "
    if s in ("stt", "tt", "so tt", "so thu tu", "thu tu"):
        return "stt"
    if _has(p, "ghi chu"):
        return "note"
    if _has(p, "ty le", "phan tram"):
        return None
    if _has(p, "loai", "phan loai") and (_has(p, "co quan", "hinh", "don vi", "cq") or s in ("loai", "phan loai")):
        return "body_type"
    key = _has(p, "lanh dao chu chot", "ldcc", "chu chot")
    pool = _has(p, "quy hoach", "qh", "dien quy hoach")
    trained = _has(p, "dao tao", "boi duong", "tap huan", "dt", "dtbd", "dao tao boi duong")
    female = _has(p, "nu")
    if pool:
        if trained:
            return "pool_female_trained"
        return "pool_female" if female else "pool_total"
    if key:
        return "key_leaders_female" if female else "key_leaders"
    if trained:
        return "pool_female_trained"
    if female:
        return "_female"
    if s in ("tong so", "ts", "tong", "so luong", "sl", "tong cong", "so nguoi", "tong so nguoi", "cong"):
        return "_total"
    if s in ("ma don vi", "ma dv", "ma", "ma don vi bao cao", "ma so don vi", "ma xa", "unit", "unit code"):
        return "unit_code"
    if s in ("ky bao cao", "ky", "ky bc", "quy nam", "thoi gian", "thoi ky", "period"):
        return "period"
    if s in ("nam", "nam bao cao", "year"):
        return "year"
    if s in ("quy", "quy bao cao", "quarter"):
        return "quarter"
    if _has(p, "co quan", "cq", "to chuc"):
        return "body_name"
    if s in ("ten don vi", "ten dv"):
        return "name_or_unit"
    if s in ("don vi", "don vi bao cao", "dv", "xa phuong", "xa thi tran", "xa"):
        return "unit_text"
    if s in ("ten", "ten goi", "ten co so"):
        return "body_name"
    return None


def _group_of(folded: str) -> str | None:
    """Whether a parent header cell groups key-leader or planning-pool columns."""
    if not folded or len(folded.split()) > 10:
        return None
    p = f" {folded} "
    if _has(p, "quy hoach", "qh"):
        return "pool"
    if _has(p, "lanh dao chu chot", "ldcc", "chu chot"):
        return "key"
    return None


_CHILD = {
    ("key", "_total"): "key_leaders",
    ("key", "_female"): "key_leaders_female",
    ("pool", "_total"): "pool_total",
    ("pool", "_female"): "pool_female",
}

_FOOTER_WORDS = (
    "nguoi lap bieu",
    "nguoi lap",
    "nguoi bao cao",
    "thu truong",
    "ky ten",
    "ky ghi ro ho ten",
    "ky va ghi ro ho ten",
    "ky ho ten",
    "ky dong dau",
    "noi nhan",
    "tm ban thuong vu",
    "kt chu tich",
    "tm ban chap hanh",
)
_FOOTER_DATE = re.compile(r"\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b")
_TOTAL_LABEL = re.compile(r"(tong cong|tong so|tong|cong)")
_TOTAL_PREFIX = re.compile(r"^(tong cong(?! ty)|tong so|tong|cong)\s+(khoi|toan|chung|cac|tat ca|so)\b")


def footer_kind(raw: str) -> str | None:
    """``"sign"`` for the words of a signature block or a "Ghi chú: …" line, ``"date"`` for a date
    line ("Bà Điểm, ngày 05 tháng 10 năm 2024", which a title block repeated on every printed page
    also has), None for anything else."""
    s = fold_text(raw)
    if not s:
        return None
    p = f" {s} "
    if _has(p, *_FOOTER_WORDS):
        return "sign"
    if s.startswith(("ghi chu ", "luu y ", "chu thich ")) and ":" in raw:
        return "sign"
    if _FOOTER_DATE.search(s):
        return "date"
    return None


def is_footer_text(raw: str) -> bool:
    return footer_kind(raw) is not None


_ENGLISH_TOTAL = re.compile(r"(grand total|sub ?total|totals?|sum)(\s.*)?")
_CARRY = re.compile(r"\b(chuyen sang|mang sang|cong trang|cong don|luy ke|trang truoc)\b")


# what a total label holds somewhere (with or without its diacritics): a cheap test before folding
_TOTALISH = re.compile(r"t[oôổ]ng|c[oôộ]ng|total|sum|chuy|mang|trang|l[uũ]y", re.IGNORECASE)


def _composed(raw: str) -> bool:
    """Whether the diacritics of a text are written composed (so a pattern with "ộ" can see them)."""
    return raw.isascii() or unicodedata.is_normalized("NFC", raw)


def is_total_text(raw: str) -> bool:
    """A label that names a total row: "Tổng cộng", "Cộng", "Tổng số", "Cộng khối …", "Tổng cộng toàn
    xã", an Excel Table's "Total", and the carried sums of a printed layout ("Cộng trang 1",
    "Trang trước chuyển sang", "Mang sang")."""
    if _TOTALISH.search(raw) is None and _composed(raw):
        return False
    s = fold_text(raw)
    if not s:
        return False
    if _TOTAL_LABEL.fullmatch(s) or (s.startswith("tong cong ") and not s.startswith("tong cong ty")):
        return True
    if _ENGLISH_TOTAL.fullmatch(s) or _CARRY.search(s):
        return True
    return bool(_TOTAL_PREFIX.match(s))


def may_be_total_text(raw: str) -> bool:
    """A label that starts like a total ("Cộng nhóm I", "Tổng (A)", "Cộng I+II") but could be a body
    name once diacritics are folded ("Công đoàn xã" folds like "Cộng …"): a total row only when
    its numbers are the sum of the bodies above it."""
    if _TOTALISH.search(raw[:8]) is None and _composed(raw):
        return False
    s = fold_text(raw)
    return s.startswith(("tong ", "cong ")) and not s.startswith(("tong cong ty", "cong ty"))


_PAGE_MARK = re.compile(
    r"(?:trang|page|tr)\s*\d{1,3}(?:\s*(?:tren|of|trong)?\s*\d{1,3})?"
    r"|(?:xem\s+)?tiep(?:\s+theo)?(?:\s+(?:o\s+)?trang\s+(?:sau|truoc|\d{1,3}))?"
    r"|(?:con\s+)?nua"
)


_DASHED_NUMBER = re.compile(r"\s*[-\u2013\u2014]\s*\d{1,3}\s*[-\u2013\u2014]\s*")


def is_page_mark(raw: str) -> bool:
    """What a printed page leaves in the cells: "Trang 2", "Trang 2/5", "Page 3 of 4", "- 2 -",
    "(tiếp theo)", "Xem tiếp trang sau"."""
    return bool(_PAGE_MARK.fullmatch(fold_text(raw)) or _DASHED_NUMBER.fullmatch(raw))


_ROMAN_OR_LETTER = re.compile(r"(?:[IVX]{1,5}|[A-H])[.)]?")
_ENUMERATED = re.compile(r"(?:[IVX]{1,5}|[A-H])\s*[.)\-\u2013:/]\s*\S")
_GROUP_WORDS = ("khoi ", "nhom ", "linh vuc ", "cac co quan", "cac don vi", "cac doan the", "cac to chuc")
# the first letters of those words, any diacritics (a test before folding; decomposed text folds anyway)
_GROUPISH = re.compile(r"\s*(?:kh|nh|l[iĩ]|c[aá])", re.IGNORECASE)


def is_group_number(raw: object) -> bool:
    """An STT written as a group's number ("I", "II.", "A", "B)"), not a body's ("1", "2.1")."""
    return isinstance(raw, str) and bool(_ROMAN_OR_LETTER.fullmatch(raw.strip()))


def is_enumerated_heading(raw: object) -> bool:
    """A body-name cell numbered as a group: "I. Khối chính quyền", "A- CÁC ĐOÀN THỂ"."""
    return isinstance(raw, str) and bool(_ENUMERATED.match(raw.strip()))


def is_group_heading(raw: object) -> bool:
    """A body-name cell that names a group: "I. Khối chính quyền", "A- CÁC ĐOÀN THỂ", "Khối Đảng"."""
    if not isinstance(raw, str):
        return False
    text = raw.strip()
    if _ENUMERATED.match(text):
        return True
    head = text[:24]
    return _GROUPISH.match(head) is not None and fold_text(head).startswith(_GROUP_WORDS)


# ==== finding the header ==========================================================================


@dataclass
class Header:
    sheet: SheetCells
    row: int  # 0-based row of the (lowest) header row
    top: int  # 0-based first row of the header (row - 1 for a two-level header)
    columns: dict[str, int]  # role -> 0-based column
    score: float
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # count role -> its other columns


def header_grid(sheet: SheetCells) -> list[list[str]]:
    """Folded text of the first rows, merged cells filled with their top-left value."""
    rows = sheet.head
    n = min(len(rows), HEADER_SEARCH_ROWS + 1)
    width = max((len(r) for r in rows[:n]), default=0)
    raw = [list(r[:width]) + [""] * (width - len(r)) for r in rows[:n]]
    for (r0, c0), (r1, c1) in sheet.merges or ():
        if r0 >= n or c0 >= width:
            continue
        value = raw[r0][c0]
        for r in range(r0, min(r1, n - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                if raw[r][c] in ("", None):
                    raw[r][c] = value
    return [[fold_text(v) if v not in ("", None) else "" for v in row] for row in raw]


def columns_of_row(
    grid: list[list[str]], r: int, duplicates: dict[str, list[int]] | None = None
) -> tuple[dict[str, int], bool]:
    """Roles found in header row ``r`` (with row ``r - 1`` as possible parent), and whether the
    parent row was needed. The first column of a role wins; ``duplicates`` (if given) receives the
    other columns naming a count (a second "Tổng số" of the key leaders, a hidden old column)."""
    bottom = grid[r]
    top = grid[r - 1] if r > 0 else [""] * len(bottom)
    groups: list[str | None] = []
    current: str | None = None
    for text in top:
        if text:
            current = _group_of(text)
        groups.append(current)
    roles: dict[str, int] = {}
    used_top = False
    for c, text in enumerate(bottom):
        role = None
        if text:
            role = classify_header(text)
            if role in ("_total", "_female") and groups[c]:
                role = _CHILD[(groups[c], role)]
                used_top = True
            elif role == "pool_female_trained" and groups[c]:
                used_top = True
        elif top[c] and len(top[c].split()) <= 10:
            role = classify_header(top[c])
            if role is not None and role.startswith("_"):
                role = None
        if role is None or role.startswith("_"):
            continue
        if role in roles:
            if duplicates is not None and role in COUNT_COLUMNS:
                duplicates.setdefault(role, []).append(c)
            continue
        roles[role] = c
    # "Tên đơn vị" names the body unless another column does; "Đơn vị" names the unit
    if "body_name" in roles:
        if "name_or_unit" in roles:
            roles.setdefault("unit_text", roles.pop("name_or_unit"))
    elif "name_or_unit" in roles:
        roles["body_name"] = roles.pop("name_or_unit")
    elif "unit_text" in roles and "unit_code" not in roles:
        roles["body_name"] = roles.pop("unit_text")
    return roles, used_top


def _score(roles: dict[str, int]) -> float:
    required = sum(1 for r in REQUIRED_COLUMNS if r in roles)
    return required + 0.01 * (len(roles) - required)


def find_header(sheet: SheetCells) -> Header | None:
    grid = header_grid(sheet)
    best: Header | None = None
    for r in range(min(len(grid), HEADER_SEARCH_ROWS)):
        if not any(grid[r]):
            continue
        roles, used_top = columns_of_row(grid, r)
        score = _score(roles)
        if best is None or score > best.score:
            best = Header(sheet, r, r - 1 if used_top else r, roles, score)
    if best is None or best.score < _MIN_HEADER_SCORE:
        return None
    columns_of_row(grid, best.row, best.duplicates)
    return best


def choose_header(sheets: list[SheetCells]) -> Header | None:
    found = [s.header for s in sheets if s.header is not None]
    if not found:
        return None
    preferred = [h for h in found if fold_text(h.sheet.name) == fold_text(DATA_SHEET_NAME)]
    if preferred:
        return preferred[0]
    return max(found, key=lambda h: h.score)  # first sheet wins a tie


#: roles that make a table a long layout (rows carry their own unit and period)
_LONG_ROLES = ("unit_code", "unit_text", "period", "year", "quarter")


def is_long(header: Header) -> bool:
    """Whether the table's rows carry their own unit or period (the long layout)."""
    return any(role in header.columns for role in _LONG_ROLES)


def _is_body_table(header: Header) -> bool:
    return "body_name" in header.columns and sum(1 for c in COUNT_COLUMNS if c in header.columns) >= 3


_EXAMPLE_SHEETS = re.compile(r"(?:huong dan|vi du|mau|bieu mau|hd|guide|example|sample|instructions?)(?: \d+)?")


def _has_counts(header: Header) -> bool:
    """Whether a number stands in a count column of the first rows under the header."""
    cols = [c for role, c in header.columns.items() if role in COUNT_COLUMNS]
    for row in header.sheet.head[header.row + 1 :]:
        for c in cols:
            if c < len(row) and type(row[c]) in (int, float):
                return True
    return False


def _is_example(name: str) -> bool:
    """A sheet named as a guide or an example ("Hướng dẫn", "Ví dụ", "Mẫu", "Example")."""
    return bool(_EXAMPLE_SHEETS.fullmatch(fold_text(name)))


def choose_tables(sheets: list[SheetCells]) -> tuple[list[Header], list[tuple[str, str]]]:
    """The headers of the sheets read as one body table (workbook order), and (sheet, reason) for
    every other sheet with a header: ``"hidden"`` or ``"other_table"``.

    The first table is ``choose_header``'s among the visible sheets (among all when every sheet with
    a header is hidden), leaving out a guide's or an example's sheet ("Hướng dẫn", "Ví dụ", "Mẫu")
    while another sheet has a table; every other such sheet with a body table of the same layout
    (long or not) joins it — even one that lacks a column, so that the missing column is reported rather
    than the sheet's bodies silently left out."""
    found = [s.header for s in sheets if s.header is not None]
    if not found:
        return [], []
    visible = [h for h in found if h.sheet.visible] or found
    # a guide's or an example's table ("Hướng dẫn", "Ví dụ", "Mẫu") is not data while another
    # sheet's table holds counts
    regular = [h for h in visible if not _is_example(h.sheet.name)]
    if any(_has_counts(h) for h in regular):
        visible = regular
    first = choose_header([h.sheet for h in visible])
    assert first is not None
    if _is_body_table(first):
        chosen = [h for h in visible if h is first or (_is_body_table(h) and is_long(h) == is_long(first))]
    else:
        chosen = [first]
    read = {id(h) for h in chosen}
    shown = {id(h) for h in visible}
    not_read = [(h.sheet.name, "other_table" if id(h) in shown else "hidden") for h in found if id(h) not in read]
    return chosen, not_read
