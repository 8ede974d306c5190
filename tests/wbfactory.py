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


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "D6:E6"

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


# ---- writers ---------------------------------------------------------------------------------------


def to_xlsx(book: Book) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                if isinstance(value, Formula):
                    value = "=" + value.text
                ws.cell(r, c, value)
        for ref in sheet.merges:
            ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_xls(book: Book) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for sheet in book.sheets:
        ws = wb.add_sheet(sheet.name)
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
                if isinstance(value, Formula):
                    value = xlwt.Formula(value.text)
                if (r, c) in merged:
                    r1, c1 = merged[(r, c)]
                    ws.write_merge(r, r1, c, c1, value)
                else:
                    ws.write(r, c, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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
