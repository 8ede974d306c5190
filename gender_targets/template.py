"""The unit workbook template: an .xlsx pre-filled for one unit and one quarter (SPEC §5).

``make_template(register, unit, period)`` returns the bytes of a workbook with three sheets:

- ``Hướng dẫn``: how to fill it in (which bodies, the seven body types and which of them count for
  indicator 1, the meaning of each column, the rules the reader checks, the three indicators and
  their targets);
- ``Thông tin``: label/value rows ``Mã đơn vị``, ``Tên đơn vị``, ``Năm``, ``Quý``, ``Người lập``,
  ``Ngày lập`` in columns A/B;
- ``Số liệu`` (the active sheet): a title block, the two-level header of the official form
  (merged parents "Lãnh đạo chủ chốt" and "Cán bộ trong diện quy hoạch"), the row of column numbers
  ``(1) (2) …``, ``BODY_ROWS`` body rows, and a ``Tổng cộng`` row of SUM formulas. The body rows
  list the unit's own bodies (names and types) from its last accepted quarter when the caller gives
  them (``template_bodies``, from ``Store.active_bodies``), optionally with that quarter's numbers
  ("điền sẵn số liệu quý trước"); a unit with no history gets the usual bodies of its kind, counts
  empty.

On ``Số liệu`` the body-type column has a drop-down of the seven ``BodyType`` values; count cells
accept whole numbers ≥ 0 only, and "Trong đó nữ" / "Nữ được đào tạo" may not exceed the cell they
are part of. The header is frozen and locked (sheet protection without a password, so anyone can
lift it); body cells are unlocked. The SUM formulas carry no cached value until Excel recalculates;
the reader leaves the ``Tổng cộng`` row out anyway.

The layout constants (``HEADER_ROW``, ``FIRST_BODY_ROW``, ``COLUMNS`` …) are public so that sample
generators and tests can fill a template without guessing cells. The Vietnamese text here is
document content (what the printed form says), not interface text, so it lives in this module.

The output is deterministic: the same arguments give the same bytes (fixed zip timestamps and
document properties taken from ``today``).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from .periods import ROMAN, Period, parse_period
from .schema import BODY_COLUMNS, COUNT_COLUMNS, DEFAULT_TARGETS, I1_BODY_TYPES, INDICATORS, BodyType
from .units import Register

__all__ = [
    "BODY_ROWS",
    "COLUMNS",
    "COLUMN_NUMBER_ROW",
    "DATA_SHEET",
    "FIRST_BODY_ROW",
    "GUIDE_SHEET",
    "HEADER_ROW",
    "INFO_LABELS",
    "INFO_SHEET",
    "LONG_LAYOUT_HEADER",
    "TOTAL_LABEL",
    "TemplateColumn",
    "TemplateError",
    "build_template",
    "fit_to_a4_landscape",
    "last_quarter_bodies",
    "make_template",
    "suggested_bodies",
    "template_bodies",
    "template_filename",
    "total_row",
    "workbook_bytes",
]

#: Headers of the long layout (SPEC §5): a consolidated workbook with one row per body, unit and
#: quarter, as the sample history writes it and the reader takes it.
LONG_LAYOUT_HEADER: list[str] = [
    "Mã đơn vị",
    "Kỳ báo cáo",
    "Tên cơ quan, đơn vị",
    "Loại cơ quan",
    "Số lãnh đạo chủ chốt",
    "Số lãnh đạo chủ chốt là nữ",
    "Số cán bộ trong diện quy hoạch",
    "Số nữ trong diện quy hoạch",
    "Số nữ được đào tạo, tập huấn",
    "Ghi chú",
]

GUIDE_SHEET = "Hướng dẫn"
INFO_SHEET = "Thông tin"
DATA_SHEET = "Số liệu"
TOTAL_LABEL = "Tổng cộng"

#: Labels of the ``Thông tin`` sheet, in order (column A; values in column B).
INFO_LABELS: tuple[str, ...] = ("Mã đơn vị", "Tên đơn vị", "Năm", "Quý", "Người lập", "Ngày lập")

#: Number of empty body rows in the template.
BODY_ROWS = 30

# Rows of the ``Số liệu`` sheet (1-based).
_ORG_ROW_1 = 1
_ORG_ROW_2 = 2
_TITLE_ROW = 4
_UNIT_ROW = 5
_PERIOD_ROW = 6
HEADER_ROW = 8  # parent header; child header is HEADER_ROW + 1
COLUMN_NUMBER_ROW = HEADER_ROW + 2
FIRST_BODY_ROW = HEADER_ROW + 3


def total_row(body_rows: int = BODY_ROWS) -> int:
    """The 1-based row of ``Tổng cộng`` for a table with ``body_rows`` body rows."""
    return FIRST_BODY_ROW + body_rows


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the ``Số liệu`` table: its letter, internal name and header words."""

    letter: str
    name: str  # internal column name (schema.BODY_COLUMNS) or "stt"
    parent: str | None  # merged parent header, or None when the header spans both rows
    header: str
    width: float


COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("A", "stt", None, "STT", 6),
    TemplateColumn("B", "body_name", None, "Tên cơ quan, đơn vị", 38),
    TemplateColumn("C", "body_type", None, "Loại cơ quan", 22),
    TemplateColumn("D", "key_leaders", "Lãnh đạo chủ chốt", "Tổng số", 11),
    TemplateColumn("E", "key_leaders_female", "Lãnh đạo chủ chốt", "Trong đó nữ", 11),
    TemplateColumn("F", "pool_total", "Cán bộ trong diện quy hoạch", "Tổng số", 11),
    TemplateColumn("G", "pool_female", "Cán bộ trong diện quy hoạch", "Trong đó nữ", 11),
    TemplateColumn("H", "pool_female_trained", "Cán bộ trong diện quy hoạch", "Nữ được đào tạo, bồi dưỡng", 15),
    TemplateColumn("I", "note", None, "Ghi chú", 24),
)
_COL = {c.name: c for c in COLUMNS}
_LAST = COLUMNS[-1].letter
_COUNT_LETTERS = [_COL[n].letter for n in ("key_leaders", "key_leaders_female", "pool_total", "pool_female")] + [
    _COL["pool_female_trained"].letter
]


class TemplateError(ValueError):
    """The unit or period cannot have a template (unknown unit, an area, or not active then)."""


# ---- document text (Vietnamese: the form is a Vietnamese document) -----------------------------
_ORG_PARENT = "HỘI LHPN THÀNH PHỐ HỒ CHÍ MINH"
_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_MOTTO = "Độc lập - Tự do - Hạnh phúc"
_TITLE = "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ"
_UNIT_LINE = "Đơn vị: {name} ({code})"
_PERIOD_LINE = "Quý {roman} năm {year}"
_FOOTER_LEFT = "Người lập biểu"
_FOOTER_RIGHT = "Thủ trưởng đơn vị"
_FOOTER_SIGN = "(Ký, ghi rõ họ tên)"
_FOOTER_SIGN_SEAL = "(Ký tên, đóng dấu)"

_VALIDATION_TEXT = {
    "type": ("Loại cơ quan", "Chọn một trong 7 loại trong danh sách."),
    "count": ("Số người", "Nhập số nguyên từ 0 trở lên."),
    "key_leaders_female": ("Trong đó nữ", "Số nữ là số nguyên, không lớn hơn tổng số lãnh đạo chủ chốt."),
    "pool_female": ("Trong đó nữ", "Số nữ là số nguyên, không lớn hơn tổng số cán bộ trong diện quy hoạch."),
    "pool_female_trained": (
        "Nữ được đào tạo",
        "Số nữ được đào tạo, bồi dưỡng là số nguyên, không lớn hơn số nữ trong diện quy hoạch.",
    ),
}

_BODY_TYPE_NOTES: dict[BodyType, str] = {
    BodyType.HDND: "Hội đồng nhân dân và các Ban của HĐND (lãnh đạo chủ chốt: Chủ tịch, Phó Chủ tịch; Trưởng ban, Phó Trưởng ban).",
    BodyType.UBND: "Ủy ban nhân dân (lãnh đạo chủ chốt: Chủ tịch, Phó Chủ tịch).",
    BodyType.CHUYEN_MON: "Cơ quan chuyên môn thuộc UBND: Văn phòng, các Phòng (lãnh đạo chủ chốt: Trưởng, Phó).",
    BodyType.DANG: "Đảng ủy, các ban, Ủy ban Kiểm tra của Đảng.",
    BodyType.MTTQ: "Ủy ban MTTQ Việt Nam và các đoàn thể (Hội LHPN, Đoàn TN, Hội Nông dân, Hội CCB…).",
    BodyType.SU_NGHIEP: "Đơn vị sự nghiệp công lập (trạm y tế, trường học, trung tâm…).",
    BodyType.KHAC: "Các cơ quan, đơn vị khác (ví dụ Công an, Quân sự).",
}

_GUIDE_INTRO = [
    "HƯỚNG DẪN ĐIỀN MẪU BIỂU SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ",
    "Thực hiện Kế hoạch số 63/KH-BTV ngày 21/12/2021 (Chương trình theo Quyết định 2282/QĐ-TTg).",
    "",
    '1. Sheet "Thông tin": kiểm tra Mã đơn vị, Tên đơn vị, Năm, Quý đã điền sẵn; ghi Người lập và Ngày lập.',
    '2. Sheet "Số liệu": mỗi cơ quan, đơn vị ghi MỘT dòng, kể cả cơ quan không có nữ. Ghi đủ các cơ quan của '
    "đơn vị: HĐND và các Ban của HĐND, UBND, các cơ quan chuyên môn (Văn phòng, các Phòng), Đảng ủy, "
    "Ủy ban MTTQ và các đoàn thể, các đơn vị sự nghiệp. Có thể sửa, xoá tên gợi ý hoặc thêm dòng.",
    "3. Không sửa, không xoá dòng tiêu đề và dòng số thứ tự cột (1) (2) …; không đổi tên sheet.",
    "4. Số liệu là số người tại thời điểm cuối quý (không phải số phát sinh trong quý).",
    "5. Chỉ nhập số nguyên từ 0 trở lên (không ghi chữ, không ghi số lẻ). Ô để trống được tính là 0.",
    "6. Số nữ không được lớn hơn tổng số; số nữ được đào tạo, bồi dưỡng không được lớn hơn số nữ trong diện quy hoạch.",
    '7. Dòng "Tổng cộng" được tính tự động, không cần nhập; phần mềm tự cộng lại các dòng.',
    "8. Gửi tệp (định dạng .xlsx) về Hội LHPN đúng thời hạn, chậm nhất ngày {deadline}.",
]

_GUIDE_COLUMNS_TITLE = 'Ý NGHĨA CÁC CỘT CỦA SHEET "SỐ LIỆU"'
_GUIDE_COLUMNS: list[tuple[str, str]] = [
    ("Cột (1) STT", "Số thứ tự."),
    ("Cột (2) Tên cơ quan", "Tên cơ quan, đơn vị; mỗi tên chỉ ghi một lần."),
    ("Cột (3) Loại", "Chọn trong danh sách thả xuống (7 loại, xem bảng dưới)."),
    ("Cột (4) Lãnh đạo: tổng", "Tổng số lãnh đạo chủ chốt của cơ quan (người đứng đầu và cấp phó)."),
    ("Cột (5) Lãnh đạo: nữ", "Trong đó số nữ; không lớn hơn cột (4)."),
    ("Cột (6) Quy hoạch: tổng", "Tổng số cán bộ trong diện quy hoạch các chức danh lãnh đạo, quản lý."),
    ("Cột (7) Quy hoạch: nữ", "Trong đó số nữ; không lớn hơn cột (6)."),
    ("Cột (8) Nữ đào tạo", "Số nữ trong diện quy hoạch đã được đào tạo, bồi dưỡng, tập huấn; không lớn hơn cột (7)."),
    ("Cột (9) Ghi chú", "Ghi chú nếu cần (ví dụ: khuyết chức danh, mới kiện toàn)."),
]

_GUIDE_TYPES_TITLE = "BẢY LOẠI CƠ QUAN"
_GUIDE_TYPES_HEAD = ("Loại", "Tính vào chỉ tiêu 1", "Gồm")
_YES, _NO = "Có", "Không (chỉ tính chỉ tiêu 2, 3)"

_GUIDE_INDICATORS_TITLE = "BA CHỈ TIÊU VÀ MỤC TIÊU"
_GUIDE_INDICATORS_HEAD = ("Chỉ tiêu", "Cách tính", "Mục tiêu")
_GUIDE_FORMULAS = {
    "I1": "Số cơ quan (HĐND, UBND, cơ quan chuyên môn) có lãnh đạo chủ chốt là nữ / số cơ quan có lãnh đạo chủ chốt",
    "I2": "Cột (7) / cột (6)",
    "I3": "Cột (8) / cột (7)",
}
_GUIDE_TARGET = "Năm {year}: từ {value}% trở lên"

# what the check of a sent file refuses or warns about (the reader of issue 22)
_GUIDE_CHECKS_TITLE = "KHI KIỂM TRA TỆP, PHẦN MỀM SẼ BÁO"
_GUIDE_CHECKS: list[tuple[str, str]] = [
    (
        "Ô có lỗi công thức",
        "Ô hiện #REF!, #DIV/0!, #N/A, #VALUE!… không có số: tệp bị trả lại kèm tên ô; hãy gõ lại số đúng "
        "(hoặc sửa công thức) rồi lưu lại.",
    ),
    (
        "Bảng chia nhiều sheet",
        "Mỗi khối cơ quan có thể để một sheet (cùng dòng tiêu đề): các sheet được đọc chung và phải cùng đơn vị, "
        "cùng quý. Sheet ẩn, bản sao, bảng tổng hợp không được đọc (có cảnh báo ghi tên sheet).",
    ),
    (
        "Trang in, nhóm, dòng cộng",
        'Dòng tiêu đề lặp lại, dòng "Trang 2", dòng nhóm (I, II…), "Cộng khối…", "Cộng trang" không phải cơ quan '
        "và không được cộng hai lần. Không gộp ô số liệu của nhiều cơ quan.",
    ),
    (
        "Ngày số liệu",
        '"Số liệu tính đến ngày 30/09/2026" được hiểu là Quý III/2026; chỉ ngày cuối quý (31/3, 30/6, 30/9, 31/12) '
        "xác định được quý.",
    ),
    (
        "So với quý trước",
        "Thiếu cơ quan đã báo cáo ở quý trước, hoặc số cơ quan giảm quá một nửa: có cảnh báo để kiểm tra lại "
        "trước khi nhận số liệu.",
    ),
]

#: Usual bodies per kind of unit: (name, type). "{w}" is the kind word ("xã", "thị trấn", "phường").
_COMMUNE_COUNCILS: list[tuple[str, BodyType]] = [
    ("HĐND {w}", BodyType.HDND),
    ("UBND {w}", BodyType.UBND),
]
_COMMUNE_PARTY_AND_FRONT: list[tuple[str, BodyType]] = [
    ("Đảng ủy {w}", BodyType.DANG),
    ("Ủy ban MTTQ Việt Nam {w}", BodyType.MTTQ),
    ("Hội LHPN {w}", BodyType.MTTQ),
    ("Đoàn TNCS Hồ Chí Minh {w}", BodyType.MTTQ),
    ("Hội Nông dân {w}", BodyType.MTTQ),
    ("Hội Cựu chiến binh {w}", BodyType.MTTQ),
]
_COMMUNE_CLINIC = ("Trạm Y tế {w}", BodyType.SU_NGHIEP)
_SUGGESTED_NEW_COMMUNE: list[tuple[str, BodyType]] = [
    *_COMMUNE_COUNCILS,
    ("Văn phòng HĐND và UBND", BodyType.CHUYEN_MON),
    ("Phòng Kinh tế", BodyType.CHUYEN_MON),
    ("Phòng Văn hóa - Xã hội", BodyType.CHUYEN_MON),
    *_COMMUNE_PARTY_AND_FRONT,
    ("Trung tâm Phục vụ hành chính công", BodyType.SU_NGHIEP),
    _COMMUNE_CLINIC,
]
_SUGGESTED_OLD_COMMUNE: list[tuple[str, BodyType]] = [
    *_COMMUNE_COUNCILS,
    *_COMMUNE_PARTY_AND_FRONT,
    _COMMUNE_CLINIC,
]
_SUGGESTED_AGENCIES: list[tuple[str, BodyType]] = [
    ("HĐND huyện", BodyType.HDND),
    ("UBND huyện", BodyType.UBND),
    ("Văn phòng HĐND và UBND huyện", BodyType.CHUYEN_MON),
    ("Phòng Nội vụ", BodyType.CHUYEN_MON),
    ("Phòng Tài chính - Kế hoạch", BodyType.CHUYEN_MON),
    ("Phòng Kinh tế", BodyType.CHUYEN_MON),
    ("Phòng Văn hóa và Thông tin", BodyType.CHUYEN_MON),
    ("Huyện ủy", BodyType.DANG),
    ("Ủy ban MTTQ Việt Nam huyện", BodyType.MTTQ),
    ("Hội LHPN huyện", BodyType.MTTQ),
]
_REORGANISATION = Period(2025, 3)


def suggested_bodies(register: Register, unit: str, period: Period) -> list[tuple[str, BodyType]]:
    """The bodies pre-filled in a unit's template: (name, type), names unique.

    Communes and wards from 2025Q3 have specialised departments (Văn phòng, Phòng Kinh tế, Phòng
    Văn hóa - Xã hội); before that a commune had only HĐND and UBND as I1-bodies. An agency bloc
    gets the district bodies; other kinds get none.
    """
    kind = register.kind(unit)
    if kind in ("xã", "thị trấn", "phường"):
        rows = _SUGGESTED_NEW_COMMUNE if period >= _REORGANISATION else _SUGGESTED_OLD_COMMUNE
        return [(name.format(w=kind), bt) for name, bt in rows]
    if kind == "khối cơ quan":
        return list(_SUGGESTED_AGENCIES)
    return []


# -- phone: the unit's own bodies (issue 23) ------------------------------------------------------
def last_quarter_bodies(stored: pd.DataFrame, unit: str, period: Period) -> pd.DataFrame:
    """The bodies of ``unit``'s latest quarter before ``period`` among ``stored`` (the active, i.e.
    accepted, body rows of ``Store.active_bodies``), in their order: ``BODY_COLUMNS`` and ``period``.
    Empty (same columns) when the unit has no earlier quarter there."""
    columns = [*BODY_COLUMNS, "period"]
    if stored is None or not len(stored) or "unit" not in stored:
        return pd.DataFrame(columns=columns)
    mine = stored[stored["unit"].astype(str).str.upper() == str(unit).upper()]
    earlier = [p for p in pd.unique(mine["period"]) if parse_period(p) < period]
    if not earlier:
        return pd.DataFrame(columns=columns)
    last = max(earlier, key=lambda p: parse_period(p).index)
    rows = mine[mine["period"] == last].reindex(columns=columns).reset_index(drop=True)
    rows["note"] = rows["note"].fillna("").astype(str)
    return rows


def template_bodies(register: Register, unit: str, period: Period, stored: pd.DataFrame | None = None) -> pd.DataFrame:
    """The bodies a unit's template and its web form start from (``BODY_COLUMNS``): its own bodies
    of its last accepted quarter before ``period`` (names, types and that quarter's counts and
    notes), else the usual bodies of its kind (``suggested_bodies``) with empty counts."""
    rows = last_quarter_bodies(stored, unit, period)
    if len(rows):
        return rows[BODY_COLUMNS]
    suggested = suggested_bodies(register, unit, period)
    frame = pd.DataFrame(
        {"body_name": [n for n, _ in suggested], "body_type": [str(t) for _, t in suggested]},
        columns=BODY_COLUMNS,
    )
    for c in COUNT_COLUMNS:
        frame[c] = pd.array([None] * len(frame), dtype="Int64")
    frame["note"] = ""
    return frame


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or str(value).strip() == ""


def _cell_value(name: str, value: object) -> object:
    """What a body cell holds: None for a blank; a count as an int when whole, a float otherwise,
    the text itself when not a number (the reader then says ``not_a_number``, as for any workbook)."""
    if _blank(value):
        return None
    if name in COUNT_COLUMNS and not isinstance(value, str):
        number = float(value)
        return int(number) if number.is_integer() else number
    if name in COUNT_COLUMNS:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            return str(value)
        return int(number) if number.is_integer() else number
    return str(value)


# ---- styles -------------------------------------------------------------------------------------
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "Times New Roman"
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_UNLOCKED = Protection(locked=False)


def _font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=_FONT, size=size, bold=bold, italic=italic)


def template_filename(unit: str, period: Period) -> str:
    """The suggested file name: ``Mau_bieu_X-BD_2026Q3.xlsx``."""
    return f"Mau_bieu_{unit}_{period}.xlsx"


def make_template(register: Register, unit: str, period: Period, **options: Any) -> bytes:
    """The .xlsx template of ``build_template`` (same arguments and errors), as bytes dated ``today``."""
    wb = build_template(register, unit, period, **options)
    today = options.get("today") or dt.date.today()
    return workbook_bytes(wb, dt.datetime(today.year, today.month, today.day))


def build_template(
    register: Register,
    unit: str,
    period: Period,
    *,
    prepared_by: str = "",
    today: dt.date | None = None,
    targets: pd.DataFrame | None = None,
    deadline: dt.date | None = None,
    bodies: pd.DataFrame | None = None,
    with_numbers: bool = False,
) -> Workbook:
    """The template for ``unit`` and ``period`` as an openpyxl ``Workbook`` (``make_template`` saves it).

    ``today`` is written as "Ngày lập" and used for the document properties (default: today);
    ``targets`` is the targets table shown on the guide (default: the plan's six rows);
    ``deadline`` is the sending deadline shown on the guide (default: the 5th day after the quarter).
    ``bodies`` (``BODY_COLUMNS``, e.g. ``template_bodies``): the body rows to list instead of the
    suggested ones, their names and types, and with ``with_numbers`` their counts and notes too; a
    table longer than ``BODY_ROWS`` gets as many rows as it needs.
    Raises ``TemplateError`` for an unknown unit, an area, or a unit that does not exist in
    ``period``.
    """
    if unit not in register:
        raise TemplateError(f"unknown unit {unit!r}")
    code = register.canonical(unit)
    if register.is_area(code):
        raise TemplateError(f"{code} is an area, not a reporting unit")
    if not register.is_active(code, period):
        raise TemplateError(f"{code} does not exist in {period}")
    today = today or dt.date.today()
    deadline = deadline or (period.end + dt.timedelta(days=5))
    targets = DEFAULT_TARGETS if targets is None else targets

    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    _write_guide(guide, targets, deadline)
    info = wb.create_sheet(INFO_SHEET)
    _write_info(info, code, register.name(code), period, prepared_by, today)
    data = wb.create_sheet(DATA_SHEET)
    if bodies is None:
        listed = pd.DataFrame(suggested_bodies(register, code, period), columns=["body_name", "body_type"])
        with_numbers = False
    else:
        listed = bodies.reindex(columns=BODY_COLUMNS)
    _write_data_sheet(data, register, code, period, listed, with_numbers=with_numbers)
    wb.active = wb.sheetnames.index(DATA_SHEET)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == DATA_SHEET
    wb.properties.creator = "gender_targets"
    wb.properties.title = f"{_TITLE} - {code} - {period}"
    return wb


def fit_to_a4_landscape(ws) -> None:
    """Print ``ws`` on landscape A4, fitted to the page width (as many pages down as it takes)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def workbook_bytes(wb: Workbook, when: dt.datetime) -> bytes:
    """Save ``wb`` with fixed document dates and zip timestamps, so equal input gives equal bytes."""
    wb.properties.created = when
    wb.properties.modified = when
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive; unlike Workbook.save keeps `modified`
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


# ---- sheets -------------------------------------------------------------------------------------
#: widths of the guide's columns A, B, C (Excel character units); printed on landscape A4 fitted
#: to the width, so a sentence never runs onto a second page
GUIDE_WIDTHS = (26, 34, 70)
_LINE_HEIGHT = 16.5  # points per line of 12 pt text


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a cell ``width`` characters wide (12 pt text is a little wider
    than the 11 pt a width unit is measured in; counted generously, since Excel never grows a merged
    cell's row by itself)."""
    per_line = max(1, int(width * 0.85))
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def _fit_row(ws, row: int, cells: list[tuple[str, float]], size: float = 12) -> None:
    """Give ``row`` the height its tallest wrapped text needs."""
    lines = max((_lines(text, width) for text, width in cells if text), default=1)
    ws.row_dimensions[row].height = max(1, lines) * _LINE_HEIGHT * size / 12


def _guide_title(ws, row: int, text: str) -> None:
    """A section title across the three columns, wrapped."""
    cell = ws.cell(row, 1, text)
    cell.font, cell.alignment = _font(bold=True), Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    _fit_row(ws, row, [(text, sum(GUIDE_WIDTHS))])


def _guide_row(ws, row: int, values: tuple[str, ...], *, head: bool = False) -> None:
    """One row of a guide table across the three columns, bordered and wrapped; a head row bold
    on the head fill."""
    for col, value in enumerate(values, start=1):
        c = ws.cell(row, col, value)
        c.font, c.border, c.alignment = _font(bold=head), _BORDER, Alignment(wrap_text=True, vertical="top")
        if head:
            c.fill = _HEAD_FILL
    _fit_row(ws, row, list(zip(values, GUIDE_WIDTHS, strict=True)))


def _guide_terms(ws, row: int, terms: list[tuple[str, str]]) -> int:
    """A term in bold in the first column and its meaning across the other two, one row each,
    from ``row``; returns the row after the last."""
    wa, wb_, wc = GUIDE_WIDTHS
    wrap = Alignment(wrap_text=True, vertical="top")
    for label, meaning in terms:
        a = ws.cell(row, 1, label)
        a.font, a.alignment = _font(bold=True), wrap
        b = ws.cell(row, 2, meaning)
        b.font, b.alignment = _font(), wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        _fit_row(ws, row, [(label, wa), (meaning, wb_ + wc)])
        row += 1
    return row


def _write_guide(ws, targets: pd.DataFrame, deadline: dt.date) -> None:
    wa, wb_, wc = GUIDE_WIDTHS
    for letter, width in zip("ABC", GUIDE_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    for i, line in enumerate(_GUIDE_INTRO):
        text = line.format(deadline=deadline.strftime("%d/%m/%Y"))
        size = 14 if i == 0 else 12
        cell = ws.cell(row, 1, text or None)
        cell.font = _font(size, bold=i == 0)
        cell.alignment = wrap
        if text:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            _fit_row(ws, row, [(text, (wa + wb_ + wc) * 12 / size)], size)
        row += 1

    row += 1
    _guide_title(ws, row, _GUIDE_COLUMNS_TITLE)
    row += 1
    row = _guide_terms(ws, row, _GUIDE_COLUMNS)

    row += 1
    _guide_title(ws, row, _GUIDE_TYPES_TITLE)
    row += 1
    _guide_row(ws, row, _GUIDE_TYPES_HEAD, head=True)
    row += 1
    for bt in BodyType:
        values = (bt.value, _YES if bt in I1_BODY_TYPES else _NO, _BODY_TYPE_NOTES[bt])
        _guide_row(ws, row, values)
        row += 1

    row += 1
    _guide_title(ws, row, _GUIDE_INDICATORS_TITLE)
    row += 1
    _guide_row(ws, row, _GUIDE_INDICATORS_HEAD, head=True)
    row += 1
    for ind in INDICATORS.values():
        rows = targets[targets["indicator"] == ind.id].sort_values("year")
        goal = "; ".join(
            _GUIDE_TARGET.format(year=int(r.year), value=f"{float(r.target_percent):g}".replace(".", ","))
            for r in rows.itertuples()
        )
        values = (f"{ind.id}. {ind.name_vi}", _GUIDE_FORMULAS[ind.id], goal)
        _guide_row(ws, row, values)
        row += 1

    # what the check refuses or warns about (issue 22): error values, split sheets, dates, history
    row += 1
    _guide_title(ws, row, _GUIDE_CHECKS_TITLE)
    row += 1
    row = _guide_terms(ws, row, _GUIDE_CHECKS)
    ws.sheet_view.showGridLines = False
    # print: landscape A4, the three columns fitted to the page width, as many pages down as needed
    ws.print_area = f"A1:C{row - 1}"
    fit_to_a4_landscape(ws)


def _write_info(ws, code: str, name: str, period: Period, prepared_by: str, today: dt.date) -> None:
    values: list[object] = [code, name, period.year, period.quarter, prepared_by or None, today]
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 36
    for row, (label, value) in enumerate(zip(INFO_LABELS, values, strict=True), start=1):
        a = ws.cell(row, 1, label)
        a.font, a.border = _font(bold=True), _BORDER
        b = ws.cell(row, 2, value)
        b.font, b.border, b.alignment = _font(), _BORDER, Alignment(horizontal="left")
        if isinstance(value, dt.date):
            b.number_format = "DD/MM/YYYY"


def _write_data_sheet(
    ws, register: Register, code: str, period: Period, bodies: pd.DataFrame, *, with_numbers: bool = False
) -> None:
    name = register.name(code)
    n_rows = max(BODY_ROWS, len(bodies))
    for col in COLUMNS:
        ws.column_dimensions[col.letter].width = col.width

    # title block
    def put(cell: str, value: str, font: Font, merge_to: str | None = None) -> None:
        ws[cell] = value
        ws[cell].font = font
        ws[cell].alignment = Alignment(horizontal="center", vertical="center")
        if merge_to:
            ws.merge_cells(f"{cell}:{merge_to}")

    put(f"A{_ORG_ROW_1}", _ORG_PARENT, _font(11), f"C{_ORG_ROW_1}")
    put(f"A{_ORG_ROW_2}", f"HỘI LHPN {name.upper()}", _font(11, bold=True), f"C{_ORG_ROW_2}")
    put(f"E{_ORG_ROW_1}", _NATION, _font(11, bold=True), f"{_LAST}{_ORG_ROW_1}")
    put(f"E{_ORG_ROW_2}", _MOTTO, _font(11, bold=True), f"{_LAST}{_ORG_ROW_2}")
    put(f"A{_TITLE_ROW}", _TITLE, _font(14, bold=True), f"{_LAST}{_TITLE_ROW}")
    put(f"A{_UNIT_ROW}", _UNIT_LINE.format(name=name, code=code), _font(12, bold=True), f"{_LAST}{_UNIT_ROW}")
    put(
        f"A{_PERIOD_ROW}",
        _PERIOD_LINE.format(roman=ROMAN[period.quarter], year=period.year),
        _font(12, italic=True),
        f"{_LAST}{_PERIOD_ROW}",
    )
    ws.row_dimensions[_TITLE_ROW].height = 22

    # two-level header
    top, sub = HEADER_ROW, HEADER_ROW + 1
    for col in COLUMNS:
        if col.parent is None:
            ws[f"{col.letter}{top}"] = col.header
            ws.merge_cells(f"{col.letter}{top}:{col.letter}{sub}")
        else:
            ws[f"{col.letter}{sub}"] = col.header
    parents: dict[str, list[str]] = {}
    for col in COLUMNS:
        if col.parent:
            parents.setdefault(col.parent, []).append(col.letter)
    for parent, letters in parents.items():
        ws[f"{letters[0]}{top}"] = parent
        ws.merge_cells(f"{letters[0]}{top}:{letters[-1]}{top}")
    for row in (top, sub):
        ws.row_dimensions[row].height = 36
        for col in COLUMNS:
            c = ws[f"{col.letter}{row}"]
            c.font, c.alignment, c.border, c.fill = _font(11, bold=True), _CENTER, _BORDER, _HEAD_FILL

    # column numbers
    for i, col in enumerate(COLUMNS, start=1):
        c = ws[f"{col.letter}{COLUMN_NUMBER_ROW}"]
        c.value = f"({i})"
        c.font, c.alignment, c.border = _font(10, italic=True), _CENTER, _BORDER

    # body rows
    first, last = FIRST_BODY_ROW, FIRST_BODY_ROW + n_rows - 1
    for row in range(first, last + 1):
        for col in COLUMNS:
            c = ws[f"{col.letter}{row}"]
            c.border = _BORDER
            c.protection = _UNLOCKED
            c.font = _font(11)
            if col.name in ("body_name", "note"):
                c.alignment = _LEFT
            else:
                c.alignment = _CENTER
            if col.name in _COUNTS:
                c.number_format = "0"
    written = ["body_name", "body_type", *((*COUNT_COLUMNS, "note") if with_numbers else ())]
    for i, r in enumerate(bodies.to_dict("records")):
        row = first + i
        ws[f"A{row}"] = i + 1
        for col in written:
            cell = ws[f"{_COL[col].letter}{row}"]
            cell.value = _cell_value(col, r.get(col))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text typed as "=…" stays text, never a formula

    # Tổng cộng
    tot = total_row(n_rows)
    ws[f"{_COL['body_name'].letter}{tot}"] = TOTAL_LABEL
    for letter in _COUNT_LETTERS:
        ws[f"{letter}{tot}"] = f"=SUM({letter}{first}:{letter}{last})"
    for col in COLUMNS:
        c = ws[f"{col.letter}{tot}"]
        c.font, c.border, c.fill = _font(11, bold=True), _BORDER, _TOTAL_FILL
        c.alignment = _CENTER if col.name != "body_name" else _LEFT
        if col.name in _COUNTS:
            c.number_format = "0"

    # footer
    foot = tot + 2
    ws[f"B{foot}"] = _FOOTER_LEFT
    ws[f"F{foot}"] = _FOOTER_RIGHT
    ws.merge_cells(f"F{foot}:{_LAST}{foot}")
    ws[f"B{foot + 1}"] = _FOOTER_SIGN
    ws[f"F{foot + 1}"] = _FOOTER_SIGN_SEAL
    ws.merge_cells(f"F{foot + 1}:{_LAST}{foot + 1}")
    for row, bold in ((foot, True), (foot + 1, False)):
        for letter in ("B", "F"):
            ws[f"{letter}{row}"].font = _font(12, bold=bold, italic=not bold)
            ws[f"{letter}{row}"].alignment = Alignment(horizontal="center")

    _add_validations(ws, first, last)

    ws.freeze_panes = f"C{FIRST_BODY_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{COLUMN_NUMBER_ROW}"
    ws.print_area = f"A1:{_LAST}{foot + 1}"
    fit_to_a4_landscape(ws)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4

    # header locked, body unlocked; no password, so anyone can lift the protection
    prot = ws.protection
    prot.sheet = True
    prot.formatColumns = False
    prot.formatRows = False
    prot.formatCells = False
    prot.insertRows = False
    prot.deleteRows = False
    prot.sort = False
    prot.autoFilter = False


_COUNTS = ("key_leaders", "key_leaders_female", "pool_total", "pool_female", "pool_female_trained")


def _add_validations(ws, first: int, last: int) -> None:
    def dv(kind: str, **kw) -> DataValidation:
        title, message = _VALIDATION_TEXT[kind]
        v = DataValidation(allow_blank=True, showErrorMessage=True, showInputMessage=True, **kw)
        v.errorTitle, v.error = title, message
        v.promptTitle, v.prompt = title, message
        ws.add_data_validation(v)
        return v

    letter = _COL["body_type"].letter
    types = ",".join(bt.value for bt in BodyType)
    dv("type", type="list", formula1=f'"{types}"').add(f"{letter}{first}:{letter}{last}")

    for name in ("key_leaders", "pool_total"):
        letter = _COL[name].letter
        dv("count", type="whole", operator="greaterThanOrEqual", formula1="0").add(f"{letter}{first}:{letter}{last}")
    for name, of in (
        ("key_leaders_female", "key_leaders"),
        ("pool_female", "pool_total"),
        ("pool_female_trained", "pool_female"),
    ):
        letter, ref = _COL[name].letter, _COL[of].letter
        dv(name, type="whole", operator="between", formula1="0", formula2=f"{ref}{first}").add(
            f"{letter}{first}:{letter}{last}"
        )
