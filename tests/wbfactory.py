"""In-memory workbook builders for the reader's tests.

A workbook is described as a ``Book``: sheets of plain cell grids (row-major lists, ``None`` for
an empty cell, ``Formula("SUM(D9:D13)")`` for a formula) plus merged ranges. ``to_xlsx`` writes it
with openpyxl and ``to_xls`` with xlwt, both to bytes; LibreOffice-made copies (.ods and .xlsx
re-saved by LibreOffice) are committed under ``tests/fixtures/office/`` by running
``python -m tests.wbfactory`` (needs ``soffice``), so the tests never need LibreOffice.

Layouts:

- ``official_form``: the template's shape — a ``Thông tin`` sheet, a title block, the merged
  two-level header (rows 6–7), the column-number row (8), body rows from row 9 (columns B…I), a
  ``Tổng cộng`` row and a footer with signatures;
- ``free_form``: a one-row header in free wording without diacritics, an STT column, an empty
  column, an extra column and a blank row between bodies;
- ``long_layout``: one sheet whose rows carry the unit and the period beside the counts.

``BODIES`` is what every layout holds, so that each one must read the same body rows.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "office"


@dataclass(frozen=True)
class Formula:
    """A formula cell (without the leading "="); written without a cached value."""

    text: str


@dataclass(frozen=True)
class ErrorValue:
    """A cell showing an Excel error value (``code``: "#REF!", "#DIV/0!", …) — the cached result of
    ``formula`` (without "="), or a pasted value when ``formula`` is None. Every writer stores it as
    Excel, LibreOffice or the format itself would: ``t="e"`` in xlsx, a BOOLERR record or a FORMULA
    record with an error result in xls, ``calcext:value-type="error"`` in ods."""

    code: str
    formula: str | None = None


@dataclass(frozen=True)
class Cached:
    """A formula cell with its cached number (what Excel saves): ``=SUM(D9:D13)`` showing 12."""

    formula: str
    value: float


#: BIFF error codes of the Excel error values
XLS_ERROR_CODES = {
    "#NULL!": 0x00,
    "#DIV/0!": 0x07,
    "#VALUE!": 0x0F,
    "#REF!": 0x17,
    "#NAME?": 0x1D,
    "#NUM!": 0x24,
    "#N/A": 0x2A,
}


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "D6:E6"
    hidden: bool = False  # a hidden sheet (Excel: right-click › Hide)

    def set(self, ref: str, value: object) -> Sheet:
        """Put ``value`` at A1-style ``ref``, growing the grid as needed."""
        r, c = cell_index(ref)
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = value
        return self

    def get(self, ref: str) -> object:
        r, c = cell_index(ref)
        try:
            return self.rows[r][c]
        except IndexError:
            return None


@dataclass
class Book:
    sheets: list[Sheet]

    def __getitem__(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


def cell_index(ref: str) -> tuple[int, int]:
    """0-based (row, column) of "E12"."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = ref[len(letters) :]
    c = 0
    for ch in letters.upper():
        c = c * 26 + ord(ch) - 64
    return int(digits) - 1, c - 1


# ---- the bodies every layout holds ------------------------------------------------------------------

#: name, type, key_leaders, key_leaders_female, pool_total, pool_female, pool_female_trained, note
BODIES: list[tuple] = [
    ("Hội đồng nhân dân xã", "HĐND", 2, 1, 5, 2, 1, ""),
    ("Ủy ban nhân dân xã", "UBND", 3, 0, 8, 3, 2, ""),
    ("Văn phòng HĐND và UBND", "Cơ quan chuyên môn", 2, 1, 4, 2, 2, "sáp nhập 2024"),
    ("Đảng ủy xã", "Cơ quan Đảng", 3, 1, 10, 4, 3, ""),
    ("Ủy ban MTTQ Việt Nam xã", "MTTQ - đoàn thể", 2, 2, 6, 3, 1, ""),
]
COUNT_COLS = ["key_leaders", "key_leaders_female", "pool_total", "pool_female", "pool_female_trained"]

#: First body row and the columns of the official form (1-based row, letters).
FORM_FIRST_ROW = 9
FORM_COLS = {
    "stt": "A",
    "body_name": "B",
    "body_type": "C",
    "key_leaders": "D",
    "key_leaders_female": "E",
    "pool_total": "F",
    "pool_female": "G",
    "pool_female_trained": "H",
    "note": "I",
}


def form_cell(column: str, index: int = 0) -> str:
    """A1 reference of ``column`` for the ``index``-th body row of the official form."""
    return f"{FORM_COLS[column]}{FORM_FIRST_ROW + index}"


def info_sheet(unit: str | None = "HM-BD", year: object = 2024, quarter: object = 3, name: str | None = None) -> Sheet:
    s = Sheet("Thông tin")
    s.rows = [
        ["Thông tin chung", None],
        ["Mã đơn vị", unit],
        ["Tên đơn vị", name],
        ["Năm", year],
        ["Quý", quarter],
        ["Người lập", "Nguyễn Thị Lan"],
        ["Ngày lập", "05/10/2024"],
    ]
    return s


def official_form(
    bodies: list[tuple] | None = None,
    *,
    unit: str | None = "HM-BD",
    year: object = 2024,
    quarter: object = 3,
    info: bool = True,
    unit_label: str | None = None,
    period_title: str | None = None,
    total: str | list | None = "sum",
    footer: bool = True,
    guide: bool = True,
    org: str | None = "HỘI LHPN XÃ BÀ ĐIỂM",
) -> Book:
    """The template's layout. ``total``: "sum" (correct numbers), "formula" (SUM formulas, no
    cached value), a list of five numbers, or None (no total row). ``org``: the top-left line naming
    the sender ("HỘI LHPN XÃ …"), which names the unit when it matches the register."""
    bodies = BODIES if bodies is None else bodies
    s = Sheet("Số liệu")
    if org:
        s.set("A1", org)
    s.set("F1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    s.set("F2", "Độc lập - Tự do - Hạnh phúc")
    s.set("A3", "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ VÀ TRONG DIỆN QUY HOẠCH")
    s.merges.append("A3:I3")
    if period_title is not None:
        s.set("A4", period_title)
    if unit_label is not None:
        s.set("A5", unit_label)
    s.set("H5", "Đơn vị tính: người")
    for ref, text in (("A6", "STT"), ("B6", "Tên cơ quan, đơn vị"), ("C6", "Loại cơ quan"), ("I6", "Ghi chú")):
        s.set(ref, text)
        s.merges.append(f"{ref}:{ref[0]}7")
    s.set("D6", "Lãnh đạo chủ chốt").set("F6", "Cán bộ trong diện quy hoạch")
    s.merges += ["D6:E6", "F6:H6"]
    for ref, text in (
        ("D7", "Tổng số"),
        ("E7", "Trong đó nữ"),
        ("F7", "Tổng số"),
        ("G7", "Trong đó nữ"),
        ("H7", "Nữ được đào tạo, bồi dưỡng"),
    ):
        s.set(ref, text)
    for i, col in enumerate("ABCDEFGHI"):
        s.set(f"{col}8", f"({i + 1})")
    row = FORM_FIRST_ROW
    for i, body in enumerate(bodies):
        s.set(f"A{row}", i + 1)
        for key, value in zip(["body_name", "body_type", *COUNT_COLS, "note"], body, strict=True):
            if value not in (None, ""):
                s.set(f"{FORM_COLS[key]}{row}", value)
        row += 1
    last = row - 1
    if total is not None:
        s.set(f"A{row}", "Tổng cộng")
        s.merges.append(f"A{row}:C{row}")
        for j, key in enumerate(COUNT_COLS):
            col = FORM_COLS[key]
            if total == "sum":
                value = sum(int(b[2 + j]) for b in bodies if isinstance(b[2 + j], int))
            elif total == "formula":
                value = Formula(f"SUM({col}{FORM_FIRST_ROW}:{col}{last})")
            else:
                value = total[j]
            s.set(f"{col}{row}", value)
        row += 1
    if footer:
        s.set(f"F{row + 1}", "Bà Điểm, ngày 05 tháng 10 năm 2024")
        s.set(f"B{row + 2}", "NGƯỜI LẬP BIỂU").set(f"F{row + 2}", "THỦ TRƯỞNG ĐƠN VỊ")
        s.set(f"B{row + 3}", "(Ký, ghi rõ họ tên)").set(f"F{row + 3}", "(Ký tên, đóng dấu)")
        s.set(f"B{row + 6}", "Nguyễn Thị Lan").set(f"F{row + 6}", "Trần Thị Mai")
    sheets = []
    if guide:
        g = Sheet("Hướng dẫn")
        g.rows = [
            ["Hướng dẫn điền biểu mẫu"],
            ["1. Ghi Mã đơn vị, Năm, Quý ở sheet Thông tin."],
            ["2. Mỗi cơ quan ghi một dòng: Tên cơ quan, đơn vị; Loại cơ quan; Lãnh đạo chủ chốt; quy hoạch."],
        ]
        sheets.append(g)
    if info:
        sheets.append(info_sheet(unit, year, quarter))
    sheets.append(s)
    return Book(sheets)


#: Columns of ``free_form`` (letters): an empty column B and an extra column F.
FREE_FIRST_ROW = 5
FREE_COLS = {
    "stt": "A",
    "body_name": "C",
    "body_type": "D",
    "key_leaders": "E",
    "key_leaders_female": "G",
    "pool_total": "H",
    "pool_female": "I",
    "pool_female_trained": "J",
    "note": "K",
}


def free_form(bodies: list[tuple] | None = None, *, title: str | None = "Bao cao quy 3 nam 2024") -> Book:
    """A one-row header in the sender's own words, no diacritics, abbreviations, no info sheet.

    Header on row 3; row 4 numbers the columns "1 2 3 …"; bodies from row 5 with a blank row after
    the second body; an empty column B and an extra column F ("So dien thoai").
    """
    bodies = BODIES if bodies is None else bodies
    s = Sheet("Sheet1")
    if title:
        s.set("A1", title)
    header = {
        "A": "STT",
        "C": "Ten co quan, don vi",
        "D": "Loai hinh",
        "E": "So LDCC",
        "F": "So dien thoai",
        "G": "So LDCC la nu",
        "H": "So can bo trong dien quy hoach",
        "I": "SL nu trong dien QH",
        "J": "So nu duoc dao tao, tap huan",
        "K": "Ghi chu",
    }
    for col, text in header.items():
        s.set(f"{col}3", text)
    for i, col in enumerate(header):
        s.set(f"{col}4", i + 1)
    row = FREE_FIRST_ROW
    for i, body in enumerate(bodies):
        s.set(f"A{row}", i + 1)
        s.set(f"F{row}", "0909 000 000")
        for key, value in zip(["body_name", "body_type", *COUNT_COLS, "note"], body, strict=True):
            if value not in (None, ""):
                s.set(f"{FREE_COLS[key]}{row}", value)
        row += 2 if i == 1 else 1
    return Book([s])


LONG_HEADER = [
    "Mã đơn vị",
    "Kỳ báo cáo",
    "Tên cơ quan",
    "Loại cơ quan",
    *(
        "Số lãnh đạo chủ chốt",
        "Số lãnh đạo chủ chốt là nữ",
        "Số cán bộ trong diện quy hoạch",
        "Số nữ trong diện quy hoạch",
        "Số nữ được đào tạo, tập huấn",
    ),
    "Ghi chú",
]


def long_layout(
    groups: list[tuple[str, str, list[tuple]]] | None = None,
    *,
    year_quarter: bool = False,
    unit_header: str = "Mã đơn vị",
) -> Book:
    """Rows that carry their unit and period. ``groups``: (unit, period, bodies) — by default
    HM-BD 2024Q3 and X-BD 2025Q3, both with ``BODIES``. ``year_quarter`` splits the period into
    "Năm" and "Quý" columns (the quarter written as a Roman numeral)."""
    groups = groups if groups is not None else [("HM-BD", "2024Q3", BODIES), ("X-BD", "2025Q3", BODIES)]
    s = Sheet("Tổng hợp")
    header = list(LONG_HEADER)
    header[0] = unit_header
    if year_quarter:
        header[1:2] = ["Năm", "Quý"]
    s.rows.append(header)
    roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    for unit, period, bodies in groups:
        for body in bodies:
            if year_quarter:
                y, q = period.split("Q")
                lead = [unit, float(y), roman.get(q, q)]
            else:
                lead = [unit, period]
            s.rows.append([*lead, *body])
    return Book([s])


#: bodies in groups of one type, for the merged body-type layout
MERGED_BODIES: list[tuple] = [
    ("Phòng Nội vụ", "Cơ quan chuyên môn", 2, 1, 4, 2, 1, ""),
    ("Phòng Tư pháp", "Cơ quan chuyên môn", 2, 0, 3, 1, 1, ""),
    ("Hội Phụ nữ xã", "MTTQ - đoàn thể", 2, 2, 5, 3, 2, ""),
    ("Đoàn Thanh niên xã", "MTTQ - đoàn thể", 2, 1, 4, 2, 1, ""),
    ("Hội Nông dân xã", "MTTQ - đoàn thể", 2, 0, 4, 1, 0, ""),
]


def merged_types_form() -> Book:
    """The official form with each body type written once, merged down beside its group of bodies
    (C9:C10 "Cơ quan chuyên môn", C11:C13 "MTTQ - đoàn thể")."""
    book = official_form(MERGED_BODIES)
    s = book["Số liệu"]
    for ref in ("C10", "C12", "C13"):
        s.set(ref, None)
    s.merges += ["C9:C10", "C11:C13"]
    return book


def merged_unit_long() -> Book:
    """The long layout with the unit code written once per unit, merged down its rows."""
    book = long_layout()
    s = book["Tổng hợp"]
    n = len(BODIES)
    for first in (2, 2 + n):
        for r in range(first + 1, first + n):
            s.set(f"A{r}", None)
        s.merges.append(f"A{first}:A{first + n - 1}")
    return book


#: header words of the abbreviated forms: (D6, F6, D7, E7, F7, G7, H7); None leaves a cell empty
ABBREVIATED_HEADERS: dict[str, tuple] = {
    "LĐCC / CB QH over TS, Nữ, SL nữ, Nữ ĐT-BD": ("LĐCC", "CB QH", "TS", "Nữ", "TS", "SL nữ", "Nữ ĐT-BD"),
    "LĐCC / QH over TS, SL nữ, ĐT-BD": ("LĐCC", "QH", "TS", "SL nữ", "TS", "Nữ", "Nữ ĐT-BD"),
    "one row: TS LĐCC, LĐCC nữ, TS CB QH, SL nữ QH": (
        None,
        None,
        "TS LĐCC",
        "LĐCC nữ",
        "TS CB QH",
        "SL nữ QH",
        "Nữ ĐT-BD",
    ),
    "one row: SL LĐCC, SL nữ LĐCC, SL CB QH, QH nữ": (
        None,
        None,
        "SL LĐCC",
        "SL nữ LĐCC",
        "SL CB QH",
        "QH nữ",
        "SL nữ ĐT-BD",
    ),
}


def abbreviated_form(style: str) -> Book:
    """The official form whose count headers use the abbreviations offices write (``ABBREVIATED_HEADERS``)."""
    book = official_form()
    s = book["Số liệu"]
    words = ABBREVIATED_HEADERS[style]
    for ref, text in zip(("D6", "F6", "D7", "E7", "F7", "G7", "H7"), words, strict=True):
        s.set(ref, text)
    if words[0] is None:
        s.merges = [m for m in s.merges if m not in ("D6:E6", "F6:H6")]
    return book


# ---- layouts of issue 22: a table split over sheets, printed pages, groups ------------------------------

#: a commune's eight bodies in the three groups offices keep on separate sheets
GROUPED_BODIES: dict[str, list[tuple]] = {
    "Chính quyền": [
        ("Hội đồng nhân dân xã", "HĐND", 2, 1, 5, 2, 1, ""),
        ("Ủy ban nhân dân xã", "UBND", 3, 0, 8, 3, 2, ""),
        ("Văn phòng HĐND và UBND", "Cơ quan chuyên môn", 2, 1, 4, 2, 2, ""),
        ("Phòng Kinh tế", "Cơ quan chuyên môn", 2, 0, 4, 1, 1, ""),
    ],
    "Đảng - Đoàn thể": [
        ("Đảng ủy xã", "Cơ quan Đảng", 3, 1, 10, 4, 3, ""),
        ("Ủy ban MTTQ Việt Nam xã", "MTTQ - đoàn thể", 2, 2, 6, 3, 1, ""),
        ("Hội Liên hiệp Phụ nữ xã", "MTTQ - đoàn thể", 2, 2, 4, 4, 3, ""),
    ],
    "Sự nghiệp": [
        ("Trạm Y tế xã", "Đơn vị sự nghiệp", 2, 1, 3, 2, 1, ""),
    ],
}
ALL_GROUPED: list[tuple] = [b for group in GROUPED_BODIES.values() for b in group]


def data_sheet(name: str, bodies: list[tuple], **kw) -> Sheet:
    """The official form's data sheet alone, named ``name`` (``official_form`` options)."""
    sheet = official_form(bodies, info=False, guide=False, **kw)["Số liệu"]
    sheet.name = name
    return sheet


def split_form(
    groups: dict[str, list[tuple]] | None = None,
    *,
    info: bool = True,
    titles: dict[str, dict] | None = None,
    **kw,
) -> Book:
    """One data sheet per group of bodies, each with the form's header (and its own total row), after
    a "Thông tin" sheet (``info``). ``titles``: per sheet, ``official_form`` options for its title
    block (``period_title``, ``unit_label``, ``org``)."""
    groups = GROUPED_BODIES if groups is None else groups
    sheets = [info_sheet()] if info else []
    for name, bodies in groups.items():
        options = {**kw, **(titles or {}).get(name, {})}
        sheets.append(data_sheet(name, bodies, **options))
    return Book(sheets)


def _shift_merge(ref: str, rows: int) -> str:
    a, b = ref.split(":")
    (r0, c0), (r1, c1) = cell_index(a), cell_index(b)
    return f"{_letters(c0)}{r0 + rows + 1}:{_letters(c1)}{r1 + rows + 1}"


def printed_form(
    bodies: list[tuple] | None = None,
    *,
    per_page: int = 3,
    page_mark: str | None = "Trang {n}",
    title_again: bool = False,
    carry: bool = False,
    numbers_again: bool = True,
    header_again: bool = True,
    info: bool = True,
) -> Book:
    """The official form as it comes back from a printout laid out in the cells: after every
    ``per_page`` bodies a blank row, a "Trang 2" line (``page_mark``), the title block again
    (``title_again``, with its date line), the two-level header and the "(1) (2) …" row again; with
    ``carry`` each page ends with "Cộng trang N" and the next starts with "Trang trước chuyển sang"."""
    bodies = ALL_GROUPED if bodies is None else bodies
    base = official_form(bodies[:0], total=None, footer=False, info=info)
    sheet = base["Số liệu"]
    header = [list(r) for r in sheet.rows[5:8]]
    head_merges = [m for m in sheet.merges if cell_index(m.split(":")[0])[0] in (5, 6)]
    rows: list[list] = [list(r) for r in sheet.rows[:8]]
    merges = list(sheet.merges)
    counts = [0] * 5
    done = [0] * 5
    for page, start in enumerate(range(0, len(bodies), per_page)):
        if page:
            rows.append([])
            if page_mark:
                rows.append([page_mark.format(n=page + 1)])
            if title_again:
                rows.append([None, None, None, None, None, "Bà Điểm, ngày 05 tháng 10 năm 2024"])
                rows.append(["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ (tiếp theo)"])
            if header_again:
                at = len(rows)
                rows.extend([list(r) for r in header[:2]])
                merges += [_shift_merge(m, at - 5) for m in head_merges]
            if numbers_again:
                rows.append(list(header[2]))
            if carry:
                rows.append([None, "Trang trước chuyển sang", None, *done])
        counts = [0] * 5
        for k, body in enumerate(bodies[start : start + per_page]):
            rows.append([start + k + 1, *body])
            counts = [a + int(b) for a, b in zip(counts, body[2:7], strict=True)]
        done = [a + b for a, b in zip(done, counts, strict=True)]
        if carry and start + per_page < len(bodies):
            rows.append([None, f"Cộng trang {page + 1}", None, *counts])
    rows.append(["Tổng cộng", None, None, *done])
    rows.append([])
    rows.append([None, "NGƯỜI LẬP BIỂU", None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    sheet.rows = rows
    sheet.merges = merges
    return base


def grouped_rows_form(
    groups: dict[str, list[tuple]] | None = None,
    *,
    style: str = "roman",
    subtotal: str = "heading",
    info: bool = True,
) -> Book:
    """One data sheet with the groups one under another: a heading row per group ("I" in the STT
    column and "Khối …" as name, or "A. Khối …" with ``style="letter-name"``) carrying the group's
    subtotal (``subtotal="heading"``), or a "Cộng khối …" row closing each group (``"footer"``), or no
    sums at all (``"none"``); a "Tổng cộng" row at the end."""
    groups = GROUPED_BODIES if groups is None else groups
    book = official_form([], total=None, footer=False, info=info)
    sheet = book["Số liệu"]
    rows = [list(r) for r in sheet.rows[:8]]
    grand = [0] * 5
    n = 0
    for g, (name, bodies) in enumerate(groups.items()):
        sums = [sum(int(b[2 + j]) for b in bodies) for j in range(5)]
        grand = [a + b for a, b in zip(grand, sums, strict=True)]
        roman = ["I", "II", "III", "IV", "V"][g]
        counts = sums if subtotal == "heading" else [None] * 5
        if style == "roman":
            rows.append([roman, f"Khối {name.lower()}", None, *counts])
        else:
            rows.append([None, f"{'ABCDE'[g]}. KHỐI {name.upper()}", None, *counts])
        for body in bodies:
            n += 1
            rows.append([n, *body])
        if subtotal == "footer":
            rows.append([None, f"Cộng khối {name.lower()}", None, *sums])
    rows.append(["Tổng cộng", None, None, *grand])
    sheet.rows = rows
    return book


# ---- writers ---------------------------------------------------------------------------------------


def to_xlsx(book: Book) -> bytes:
    """The book as an .xlsx written by openpyxl; ``ErrorValue`` and ``Cached`` cells are then given
    their cached value in the sheet XML, as Excel saves them."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    patches: dict[int, dict[str, bytes]] = {}
    for k, sheet in enumerate(book.sheets):
        ws = wb.create_sheet(sheet.name)
        if sheet.hidden:
            ws.sheet_state = "hidden"
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                ref = f"{_letters(c - 1)}{r}"
                if isinstance(value, Formula):
                    value = "=" + value.text
                elif isinstance(value, ErrorValue):
                    formula = f"<f>{_xml(value.formula)}</f>" if value.formula else ""
                    patches.setdefault(k, {})[ref] = (
                        f'<c r="{ref}" t="e">{formula}<v>{_xml(value.code)}</v></c>'.encode()
                    )
                    value = 0
                elif isinstance(value, Cached):
                    patches.setdefault(k, {})[ref] = (
                        f'<c r="{ref}"><f>{_xml(value.formula)}</f><v>{value.value:g}</v></c>'.encode()
                    )
                    value = 0
                ws.cell(r, c, value)
        for ref in sheet.merges:
            ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    for k, cells in patches.items():
        data = _rewrite_zip(data, f"xl/worksheets/sheet{k + 1}.xml", lambda x, cells=cells: _patch_cells(x, cells))
    return data


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _letters(c: int) -> str:
    out = ""
    n = c + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _patch_cells(xml: bytes, cells: dict[str, bytes]) -> bytes:
    import re

    def swap(m: re.Match) -> bytes:
        ref = m.group(1).decode()
        return cells.get(ref, m.group(0))

    return re.sub(rb'<c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)', swap, xml, flags=re.S)


def to_xls(book: Book) -> bytes:
    """The book as a BIFF8 .xls written by xlwt. A pasted ``ErrorValue`` is a BOOLERR record; a formula
    showing an error, and a ``Cached`` formula, get their result written into xlwt's FORMULA record
    (xlwt writes every formula with an "empty" result, as if never calculated)."""
    import datetime as dt

    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    results: dict[tuple[int, int, int], bytes] = {}
    for k, sheet in enumerate(book.sheets):
        ws = wb.add_sheet(sheet.name)
        if sheet.hidden:
            ws.visibility = 1
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for ref in sheet.merges:
            a, b = ref.split(":")
            merged[cell_index(a)] = cell_index(b)
        covered = set()
        for (r0, c0), (r1, c1) in merged.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        covered.add((r, c))
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                if isinstance(value, ErrorValue) and value.formula is None:
                    ws.row(r).set_cell_error(c, XLS_ERROR_CODES[value.code])
                    continue
                if isinstance(value, ErrorValue):
                    results[(k, r, c)] = struct.pack("<BBBBHH", 2, 0, XLS_ERROR_CODES[value.code], 0, 0, 0xFFFF)
                    value = xlwt.Formula("1/0")  # xlwt resolves few formulas (other sheets): only the result is read
                elif isinstance(value, Cached):
                    results[(k, r, c)] = struct.pack("<d", float(value.value))
                    value = xlwt.Formula(value.formula)
                elif isinstance(value, Formula):
                    value = xlwt.Formula(value.text)
                style = date_style if isinstance(value, dt.date) else xlwt.Style.default_style
                if (r, c) in merged:
                    r1, c1 = merged[(r, c)]
                    ws.write_merge(r, r1, c, c1, value, style)
                else:
                    ws.write(r, c, value, style)
    buf = io.BytesIO()
    wb.save(buf)
    data = bytearray(buf.getvalue())
    for (k, r, c), result in results.items():
        _set_formula_result(data, k, r, c, result)
    return bytes(data)


def _set_formula_result(data: bytearray, sheet: int, r: int, c: int, result: bytes) -> None:
    """Write the cached ``result`` (8 bytes) of the FORMULA record at (r, c) of the ``sheet``-th sheet
    (xlwt writes the workbook stream in one piece, so the record is found in the file's bytes)."""
    bofs = [m for m in _find_all(data, struct.pack("<HHHH", 0x0809, 16, 0x0600, 0x0010))]
    start = bofs[sheet]
    end = bofs[sheet + 1] if sheet + 1 < len(bofs) else len(data)
    pos = start
    while pos < end:
        at = data.find(struct.pack("<H", 0x0006), pos, end)
        if at < 0:
            break
        size, rr, cc = struct.unpack_from("<HHH", data, at + 2)
        if (rr, cc) == (r, c) and size >= 20:
            data[at + 10 : at + 18] = result
            return
        pos = at + 1
    raise AssertionError(f"no FORMULA record at {r},{c}")


def _find_all(data: bytes | bytearray, needle: bytes) -> list[int]:
    out, pos = [], 0
    while (at := data.find(needle, pos)) >= 0:
        out.append(at)
        pos = at + 1
    return out


# ---- Excel 95 (BIFF5), in a legacy code page ----------------------------------------------------------

_TONELESS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: precomposed in cp1258


def encode_legacy(text: str, codepage: int = 1258) -> bytes:
    """Text in a Windows code page as Excel 95 stored it: cp1258 (Vietnamese) keeps â, ă, ê, ô, ơ,
    ư, đ precomposed and writes the tone as a combining mark after them."""
    import unicodedata

    if codepage != 1258:
        return text.encode(f"cp{codepage}", "replace")
    letters: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and letters:
            letters[-1].append(ch)
        else:
            letters.append([ch])
    out = []
    for base, *marks in letters:
        shape = "".join(m for m in marks if m in _TONELESS)
        out.append(unicodedata.normalize("NFC", base + shape) + "".join(m for m in marks if m not in _TONELESS))
    return "".join(out).encode("cp1258", "replace")


def _rec(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def to_xls95(book: Book, codepage: int = 1258) -> bytes:
    """The book as an Excel 95 workbook (BIFF5 in a "Book" stream), text in ``codepage``: what old
    offices still send. Merges are not kept (BIFF5 has none); hidden sheets are."""
    import datetime as dt

    def bof(kind: int) -> bytes:
        return _rec(0x0809, struct.pack("<HHHH", 0x0500, kind, 0x0DBB, 0x07CC))

    subs = []
    for sheet in book.sheets:
        body = bof(0x0010)
        cells = {(r, c): v for r, row in enumerate(sheet.rows) for c, v in enumerate(row) if v is not None}
        rows = max((r for r, _ in cells), default=0) + 1
        cols = max((c for _, c in cells), default=0) + 1
        body += _rec(0x0200, struct.pack("<HHHHH", 0, rows, 0, cols, 0))
        for (r, c), v in sorted(cells.items()):
            rgce = b"\x1e" + struct.pack("<H", 0)  # the formula's tokens are not read: tInt 0
            if isinstance(v, ErrorValue) and v.formula is None:
                body += _rec(0x0205, struct.pack("<HHHBB", r, c, 0x0F, XLS_ERROR_CODES[v.code], 1))
            elif isinstance(v, ErrorValue | Cached | Formula):
                if isinstance(v, ErrorValue):
                    result = struct.pack("<BBBBHH", 2, 0, XLS_ERROR_CODES[v.code], 0, 0, 0xFFFF)
                elif isinstance(v, Cached):
                    result = struct.pack("<d", float(v.value))
                else:
                    result = struct.pack("<BBBBHH", 3, 0, 0, 0, 0, 0xFFFF)
                body += _rec(0x0006, struct.pack("<HHH", r, c, 0x0F) + result + struct.pack("<HIH", 0, 0, 3) + rgce)
            elif isinstance(v, str):
                raw = encode_legacy(v, codepage)
                body += _rec(0x0204, struct.pack("<HHHH", r, c, 0x0F, len(raw)) + raw)
            elif isinstance(v, bool):
                body += _rec(0x0205, struct.pack("<HHHBB", r, c, 0x0F, int(v), 0))
            elif isinstance(v, dt.date):
                serial = (dt.datetime(v.year, v.month, v.day) - dt.datetime(1899, 12, 30)).days
                body += _rec(0x0203, struct.pack("<HHHd", r, c, 0x15, float(serial)))
            else:
                body += _rec(0x0203, struct.pack("<HHHd", r, c, 0x0F, float(v)))
        body += _rec(0x000A)
        subs.append((sheet, body))

    def boundsheet(sheet: Sheet, offset: int) -> bytes:
        raw = encode_legacy(sheet.name, codepage)
        return _rec(0x0085, struct.pack("<IBBB", offset, 1 if sheet.hidden else 0, 0, len(raw)) + raw)

    font = _rec(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 5) + b"Arial")
    xfs = [bytes(16)] * 22
    xfs[0x15] = struct.pack("<HH", 0, 14) + bytes(12)  # a date format for date cells
    head = bof(0x0005) + _rec(0x0042, struct.pack("<H", codepage)) + font * 5 + b"".join(_rec(0x00E0, x) for x in xfs)
    eof = _rec(0x000A)
    offset = len(head) + sum(len(boundsheet(s, 0)) for s, _ in subs) + len(eof)
    sheets = b""
    for sheet, body in subs:
        sheets += boundsheet(sheet, offset)
        offset += len(body)
    stream = head + sheets + eof + b"".join(body for _, body in subs)
    return compound_file("Book", stream + bytes(max(0, 4096 - len(stream))))


def compound_file(name: str, stream: bytes) -> bytes:
    """A minimal OLE2 compound file holding one stream of at least 4,096 bytes (regular sectors)."""
    size = 512
    n = -(-len(stream) // size)
    fat_sectors = -(-(n + 2 + 8) // 128)
    first = fat_sectors + 1  # FAT sectors, then the directory, then the stream
    fat = [0xFFFFFFFD] * fat_sectors + [0xFFFFFFFE] + [first + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (fat_sectors * 128 - len(fat))
    header = bytearray(size)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, fat_sectors, fat_sectors, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, *(list(range(fat_sectors)) + [0xFFFFFFFF] * (109 - fat_sectors)))

    def entry(label: str, kind: int, child: int, start: int, length: int) -> bytes:
        e = bytearray(128)
        raw = label.encode("utf-16-le") + b"\x00\x00"
        e[: len(raw)] = raw
        struct.pack_into("<H", e, 64, len(raw))
        e[66], e[67] = kind, 1
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", e, 116, start, length)
        return bytes(e)

    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry(name, 2, 0xFFFFFFFF, first, len(stream))
    directory += bytes(size - len(directory))
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + stream + bytes(n * size - len(stream))
    return bytes(header) + body


# ---- OpenDocument, written directly -------------------------------------------------------------------


def to_ods(book: Book) -> bytes:
    """The book as an .ods written here (content.xml as LibreOffice writes it: merged cells with their
    covered cells, ``Formula`` without a result, ``ErrorValue`` as LibreOffice stores an error,
    ``Cached`` formulas with their value, dates, hidden sheets)."""
    import datetime as dt

    tables = []
    for sheet in book.sheets:
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for ref in sheet.merges:
            a, b = ref.split(":")
            (r0, c0), (r1, c1) = cell_index(a), cell_index(b)
            spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
        width = max((len(r) for r in sheet.rows), default=0)
        for (_r0, c0), (_nr, nc) in spans.items():
            width = max(width, c0 + nc)
        height = max([len(sheet.rows)] + [r0 + nr for (r0, _), (nr, _) in spans.items()])
        rows = []
        for r in range(height):
            row = sheet.rows[r] if r < len(sheet.rows) else []
            cells = []
            for c in range(width):
                v = row[c] if c < len(row) else None
                if (r, c) in covered:
                    cells.append("<table:covered-table-cell/>")
                    continue
                span = ""
                if (r, c) in spans:
                    nr, nc = spans[(r, c)]
                    span = f' table:number-rows-spanned="{nr}" table:number-columns-spanned="{nc}"'
                cells.append(_ods_cell(v, span, dt))
            rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        style = ' table:style-name="hidden"' if sheet.hidden else ""
        tables.append(f'<table:table table:name="{_xml(sheet.name)}"{style}>' + "".join(rows) + "</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">'
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", content)
    return buf.getvalue()


def _ods_cell(v: object, span: str, dt) -> str:
    if v is None:
        return f"<table:table-cell{span}/>"
    if isinstance(v, ErrorValue):
        formula = f' table:formula="of:={_xml(v.formula)}"' if v.formula else ' table:formula="of:=1/0"'
        return (
            f'<table:table-cell{span}{formula} office:value-type="string" office:string-value="" '
            f'calcext:value-type="error"><text:p>{_xml(v.code)}</text:p></table:table-cell>'
        )
    if isinstance(v, Formula):
        return f'<table:table-cell{span} table:formula="of:={_xml(v.text)}"/>'
    if isinstance(v, Cached):
        return (
            f'<table:table-cell{span} table:formula="of:={_xml(v.formula)}" office:value-type="float" '
            f'office:value="{v.value:g}"><text:p>{v.value:g}</text:p></table:table-cell>'
        )
    if isinstance(v, bool):
        word = "true" if v else "false"
        return f'<table:table-cell{span} office:value-type="boolean" office:boolean-value="{word}"/>'
    if isinstance(v, dt.date):
        return (
            f'<table:table-cell{span} office:value-type="date" office:date-value="{v.isoformat()}">'
            f"<text:p>{v.isoformat()}</text:p></table:table-cell>"
        )
    if isinstance(v, int | float):
        return (
            f'<table:table-cell{span} office:value-type="float" office:value="{v:g}">'
            f"<text:p>{v:g}</text:p></table:table-cell>"
        )
    return f'<table:table-cell{span} office:value-type="string"><text:p>{_xml(str(v))}</text:p></table:table-cell>'


# ---- packages of other makers: Strict Open XML, macros, WPS ----------------------------------------------

_STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def to_strict(xlsx: bytes) -> bytes:
    """An .xlsx saved as "Strict Open XML Spreadsheet": the ISO namespaces in every part."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            for old, new in _STRICT.items():
                content = content.replace(old, new)
            zf.writestr(info.filename, content)
    return out.getvalue()


def to_xlsm(xlsx: bytes) -> bytes:
    """An .xlsx turned into a macro-enabled .xlsm: the workbook's macro content type and a VBA part."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                    b'vbaProject" Target="vbaProject.bin"/></Relationships>',
                )
            zf.writestr(info.filename, content)
        zf.writestr("xl/vbaProject.bin", compound_file("VBA", bytes(4096)))
    return out.getvalue()


def to_wps(xlsx: bytes) -> bytes:
    """An .xlsx as WPS Office packages it: absolute relationship targets ("/xl/worksheets/…") and
    WPS's own custom properties part."""
    import re

    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                content = re.sub(rb'Target="(?!/)', b'Target="/xl/', content)
            zf.writestr(info.filename, content)
        zf.writestr(
            "docProps/custom.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
            "<vt:lpwstr>1066-12.2.0.13359</vt:lpwstr></property></Properties>",
        )
    return out.getvalue()


#: every writer of a book, by the format it makes (``xlsx`` variants are still .xlsx bytes)
WRITERS = {
    "xlsx": to_xlsx,
    "xlsm": lambda book: to_xlsm(to_xlsx(book)),
    "strict": lambda book: to_strict(to_xlsx(book)),
    "wps": lambda book: to_wps(to_xlsx(book)),
    "xls": to_xls,
    "xls95": to_xls95,
    "ods": to_ods,
}
#: the file name extension of each writer's output
EXTENSIONS = {
    "xlsx": "xlsx",
    "xlsm": "xlsm",
    "strict": "xlsx",
    "wps": "xlsx",
    "xls": "xls",
    "xls95": "xls",
    "ods": "ods",
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# ---- hostile files ---------------------------------------------------------------------------------


def zip_bomb(size: int = 2_000_000) -> bytes:
    """A small xlsx-looking zip whose sheet expands ~1000 times (trips the ratio rule)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"0" * 65536
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return buf.getvalue()


def zip_with_entries(count: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(count):
            zf.writestr(f"xl/media/p{i}.bin", b"")
    return buf.getvalue()


def zip_declaring(uncompressed: int) -> bytes:
    """An xlsx-looking zip whose directory claims ``uncompressed`` bytes for one stored entry
    (sizes patched in the headers, so nothing large is ever made)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/big.bin", b"x" * 100)
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")  # the last central-directory entry is xl/big.bin
    struct.pack_into("<II", data, cd + 20, 100, uncompressed)  # compressed, uncompressed
    return bytes(data)


def encrypted_xlsx(plain: bytes, password: str = "matkhau") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


def xls_with_filepass(xls: bytes) -> bytes:
    """An xlwt .xls whose WRITEACCESS record is turned into a FILEPASS record (RC4 header) plus a
    filler of the same total size, so the stream keeps its length: what Excel writes first in a
    password-protected .xls."""
    data = bytearray(xls)
    bof = data.find(struct.pack("<HHHH", 0x0809, 16, 0x0600, 0x0005))
    assert bof >= 0, "no BIFF8 globals BOF"
    pos = bof
    for _ in range(50):
        rtype, size = struct.unpack_from("<HH", data, pos)
        if rtype == 0x005C and size >= 64:
            filepass = struct.pack("<HHHH", 0x002F, 54, 1, 1) + struct.pack("<HH", 2, 2) + bytes(46)
            rest = 4 + size - len(filepass) - 4
            filler = struct.pack("<HH", 0x005C, rest) + bytes(rest)
            data[pos : pos + 4 + size] = filepass + filler
            return bytes(data)
        pos += 4 + size
    raise AssertionError("no WRITEACCESS record")


def encrypted_ods() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="999">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
            '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
            '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
            'manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>',
        )
        zf.writestr("content.xml", b"\x00\x01 encrypted bytes")
    return buf.getvalue()


LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>\n"
)


def xlsx_with_xml_bomb(part: str = "xl/workbook.xml") -> bytes:
    """The official form whose ``part`` starts with a billion-laughs DTD and uses its entity."""
    src = zipfile.ZipFile(io.BytesIO(to_xlsx(official_form())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == part:
                text = content.decode("utf-8")
                if text.startswith("<?xml"):
                    text = text.split("?>", 1)[1]
                if "<t>" in text:
                    text = text.replace("<t>", "<t>&lol9;", 1)
                else:
                    text = text.replace(' name="', ' name="&lol9;', 1)
                content = (LAUGHS + text).encode("utf-8")
            zf.writestr(info, content)
    return out.getvalue()


def far_cells_xlsx(ref: str = "XFD1048576") -> bytes:
    """A tiny xlsx with one cell in A1 and one at ``ref``: billions of cells once laid out."""
    book = Book([Sheet("Sheet1")])
    book.sheets[0].set("A1", "x").set(ref, "y")
    return to_xlsx(book)


def _rewrite_zip(data: bytes, part: str, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == part:
                content = change(content)
            zf.writestr(info.filename, content)
    return out.getvalue()


def xlsx_with_far_row(row: int = 4_294_967_295, cell_refs: bool = True) -> bytes:
    """The official form whose data sheet gets one more row numbered ``row`` (10 digits by
    default); with ``cell_refs=False`` its cell has no reference and takes the row's number."""

    def change(content: bytes) -> bytes:
        ref = b' r="B%d"' % row if cell_refs else b""
        extra = b'<row r="%d"><c%s t="inlineStr"><is><t>x</t></is></c></row>' % (row, ref)
        return content.replace(b"</sheetData>", extra + b"</sheetData>")

    return _rewrite_zip(to_xlsx(official_form(guide=False, info=False)), "xl/worksheets/sheet1.xml", change)


def xlsx_with_moved_sheet(target: str = "sheets/data.xml", ref: str | None = "XFD1048576") -> bytes:
    """The official form whose data sheet part is moved to ``xl/<target>`` (the workbook's
    relationships and content types follow it), with one more cell at ``ref``: the 15 KB
    workbook that made python-calamine reserve 512 GiB and abort the whole server."""
    src = zipfile.ZipFile(io.BytesIO(to_xlsx(official_form(guide=False, info=False))))
    out = io.BytesIO()
    old = "worksheets/sheet1.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            name = info.filename
            if name == "xl/" + old:
                name = "xl/" + target
                if ref is not None:
                    extra = b'<c r="%s" t="inlineStr"><is><t>x</t></is></c>' % ref.encode()
                    row = int("".join(ch for ch in ref if ch.isdigit()))
                    content = content.replace(b"</sheetData>", b'<row r="%d">' % row + extra + b"</row></sheetData>")
                    content = content.replace(b'<dimension ref="', b'<dimension ref="A1:%s" x="' % ref.encode())
            elif name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                content = content.replace(old.encode(), target.encode())
            zf.writestr(name, content)
    return out.getvalue()


def xlsx_with_shared_string_count(count: int = 4_000_000_000, uses: int | None = None) -> bytes:
    """The LibreOffice-saved form (it uses shared strings) claiming ``count`` unique strings and,
    if given, ``uses`` uses of them (the plain ``count`` attribute)."""
    import re

    def change(content: bytes) -> bytes:
        content = re.sub(rb'uniqueCount="\d+"', b'uniqueCount="%d"' % count, content)
        if uses is not None:
            content = re.sub(rb' count="\d+"', b' count="%d"' % uses, content)
        return content

    return _rewrite_zip(fixture("official_form_lo.xlsx"), "xl/sharedStrings.xml", change)


def ods_with_repeats(rows: int = 30_000, cols: int = 16_000) -> bytes:
    """The LibreOffice .ods whose first number cell is repeated ``cols`` times in ``rows`` rows."""

    def change(content: bytes) -> bytes:
        text = content.decode("utf-8")
        at = text.index('office:value-type="float"')
        cell = text.rindex("<table:table-cell", 0, at)
        text = text[:cell] + f'<table:table-cell table:number-columns-repeated="{cols}" ' + text[cell + 18 :]
        row = text.rindex("<table:table-row", 0, cell)
        text = text[:row] + f'<table:table-row table:number-rows-repeated="{rows}" ' + text[row + 17 :]
        return text.encode("utf-8")

    return _rewrite_zip(fixture("official_form.ods"), "content.xml", change)


def xls_with_dimensions(first_row: int, last_row: int) -> bytes:
    """The .xls official form whose first sheet's DIMENSIONS record says rows first_row..last_row."""
    data = bytearray(to_xls(official_form(guide=False, info=False)))
    at = data.find(struct.pack("<HH", 0x0200, 14))
    assert at >= 0, "no DIMENSIONS record"
    struct.pack_into("<II", data, at + 4, first_row, last_row)
    return bytes(data)


# ---- LibreOffice fixtures ----------------------------------------------------------------------------

#: fixture name -> (builder, LibreOffice target format)
OFFICE_FIXTURES = {
    "official_form.ods": (lambda: official_form(total="formula"), "ods"),
    "official_form_lo.xlsx": (lambda: official_form(total="formula"), "xlsx"),
    "free_form.ods": (free_form, "ods"),
    "long_layout.ods": (lambda: long_layout(year_quarter=True), "ods"),
    "official_form_lo.xls": (lambda: official_form(total="formula"), "xls"),
    "free_form_lo.xls": (free_form, "xls"),
    "merged_types.ods": (merged_types_form, "ods"),
    "merged_unit_long.ods": (merged_unit_long, "ods"),
}


def make_office_fixtures(out_dir: Path = FIXTURES, only: list[str] | None = None) -> list[Path]:
    """Convert the builders' xlsx with LibreOffice into ``out_dir`` (needs ``soffice``); ``only``
    some of them (``python -m tests.wbfactory merged_types.ods``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for name, (build, fmt) in OFFICE_FIXTURES.items():
            if only and name not in only:
                continue
            stem = Path(name).stem
            src = tmp_path / f"{stem}.xlsx"
            src.write_bytes(to_xlsx(build()))
            conv = tmp_path / "out"
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless",
                    "--convert-to",
                    fmt,
                    "--outdir",
                    str(conv),
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            (out_dir / name).write_bytes((conv / f"{stem}.{fmt}").read_bytes())
            made.append(out_dir / name)
    return made


if __name__ == "__main__":  # python -m tests.wbfactory
    for path in make_office_fixtures(only=sys.argv[1:] or None):
        print(path, path.stat().st_size, file=sys.stderr)
