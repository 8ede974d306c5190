"""No wrong number gets in (issue 22): every workbook is read exactly or refused with the right code.

Each kind of trouble is built in memory (``tests/wbfactory.py``) in every format that can carry it —
.xlsx, .xlsm, Strict Open XML, a WPS package, .xls (BIFF8), Excel 95 (BIFF5 in code page 1258) and
.ods — and the reader's bodies are compared with the truth the workbook was built from:

1. Excel error values (``#REF!``, ``#DIV/0!``, ``#N/A`` …) in count, name, type, unit and period
   cells are ``error_value``, never a number; a formula never calculated is
   ``formula_without_value`` in every format; a hypothesis property: any workbook with an error
   value in a count cell is never accepted.
2. A table split over sheets is read as one; duplicates across sheets, sheets that name another
   quarter, hidden sheets, copies and summaries.
3. Printed pages laid out in the cells; group headings, subtotals, a total above the bodies,
   parts numbered 1.1, Excel Tables with a totals row.
4. Body types as offices abbreviate them; unit names stay exact.
5. A quarter-end date names its quarter; any other day names none.
6. The history guard: bodies missing since the previous quarter, a body count halved (the check
   report, ``check --json``).
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gender_targets import intake
from gender_targets.periods import Period
from gender_targets.schema import BODY_COLUMNS, COUNT_COLUMNS, match_body_type
from gender_targets.workbook import read_submissions
from tests import wbfactory as wf

TODAY = dt.date(2026, 11, 24)
DATA = "Số liệu"
ALL_FORMATS = ["xlsx", "xlsm", "strict", "wps", "xls", "xls95", "ods"]
#: the formats that differ in how they store cells (the xlsx variants share calamine's path)
FORMATS = ["xlsx", "xls", "xls95", "ods"]


@pytest.fixture
def rd(sample_register):
    def _read(book_or_bytes, fmt: str = "xlsx", name: str = "bao_cao", today: dt.date = TODAY):
        data = book_or_bytes if isinstance(book_or_bytes, bytes) else wf.WRITERS[fmt](book_or_bytes)
        return read_submissions(data, f"{name}.{wf.EXTENSIONS[fmt]}", sample_register, today=today)

    return _read


def truth(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=BODY_COLUMNS)
    frame["body_type"] = [match_body_type(t).value for t in frame["body_type"]]
    for c in COUNT_COLUMNS:
        frame[c] = frame[c].astype("int64")
    return frame


def assert_read(report, want: dict[tuple[str, str], list[tuple]]) -> None:
    """The report is accepted and holds exactly ``want``: per (unit, period), the bodies in order."""
    assert report.ok, [(i.code, i.sheet, i.cell, i.message_en) for i in report.errors]
    got = {(s.unit, str(s.period)): s for s in report.submissions}
    assert set(got) == set(want)
    for key, rows in want.items():
        bodies = got[key].bodies[BODY_COLUMNS].reset_index(drop=True)
        expected = truth(rows)
        pd.testing.assert_frame_equal(bodies.drop(columns="note"), expected.drop(columns="note"), check_dtype=False)


def assert_refused(report, code: str, sheet: str | None = None, cell: str | None = None) -> None:
    assert not report.ok and report.submissions == []
    found = [i for i in report.errors if i.code == code]
    assert found, [(i.code, i.sheet, i.cell) for i in report.issues]
    if sheet is not None:
        assert (found[0].sheet, found[0].cell) == (sheet, cell), [(i.sheet, i.cell) for i in found]


HM_BD = ("HM-BD", "2024Q3")


# ==== 1. Excel error values are never numbers =============================================================


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@pytest.mark.parametrize(
    ("code", "formula"), [("#REF!", "E99+#REF!"), ("#DIV/0!", None), ("#N/A", "VLOOKUP(B10,T!A:B,2,0)")]
)
def test_error_value_in_a_count_cell_is_refused_naming_the_cell(rd, fmt, code, formula):
    book = wf.official_form()
    book[DATA].set("E10", wf.ErrorValue(code, formula))
    report = rd(book, fmt)
    assert_refused(report, "error_value", DATA, "E10")
    (issue,) = [i for i in report.errors if i.code == "error_value"]
    assert issue.value == code and code in issue.message_vi and code in issue.message_en
    assert "Trong đó nữ" in issue.message_vi  # the column, in words
    assert "gõ lại số" in issue.message_vi


def test_error_value_message_says_what_happened_and_what_to_do(rd):
    book = wf.official_form()
    book[DATA].set("F11", wf.ErrorValue("#REF!", "F99"))
    (issue,) = rd(book).errors
    assert issue.message_vi.startswith('Sheet "Số liệu", ô F11: công thức bị lỗi #REF!')
    assert "ô nguồn của công thức đã bị xoá" in issue.message_vi
    assert "deleted" in issue.message_en


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("where", "cell_of"),
    [
        ("body_name", lambda: (DATA, "B11")),
        ("body_type", lambda: (DATA, "C11")),
        ("quarter", lambda: ("Thông tin", "B5")),
        ("year", lambda: ("Thông tin", "B4")),
        ("unit", lambda: ("Thông tin", "B2")),
    ],
)
def test_error_value_in_a_name_type_unit_or_period_cell(rd, fmt, where, cell_of):
    book = wf.official_form()
    error = wf.ErrorValue("#N/A", "VLOOKUP(1,T!A:B,2,0)")
    sheet, cell = cell_of()
    book[sheet].set(cell, error)
    assert_refused(rd(book, fmt), "error_value", sheet, cell)


@pytest.mark.parametrize("fmt", FORMATS)
def test_error_value_in_a_long_layouts_period_and_unit_columns(rd, fmt):
    book = wf.long_layout()
    book.sheets[0].rows[3][1] = wf.ErrorValue("#REF!", "A1")
    book.sheets[0].rows[8][0] = wf.ErrorValue("#N/A")
    report = rd(book, fmt, "tong_hop")
    assert {(i.sheet, i.cell) for i in report.errors if i.code == "error_value"} == {
        ("Tổng hợp", "B4"),
        ("Tổng hợp", "A9"),
    }


def test_error_value_in_a_title_blocks_period_label(rd):
    report = rd(wf.official_form(info=False, period_title=None))  # baseline: no period but the org
    assert any(i.code == "missing_period" for i in report.errors)
    book = wf.official_form(info=False)
    book[DATA].set("A4", "Kỳ báo cáo:").set("C4", wf.ErrorValue("#REF!", "Z1"))
    assert_refused(rd(book), "error_value", DATA, "C4")


@pytest.mark.parametrize("text", ["#REF!", " #N/A ", "#VALUE!", "Err:502", "#SPILL!"])
def test_an_error_typed_or_pasted_as_text_is_an_error_value(rd, text):
    book = wf.official_form()
    book[DATA].set("G10", text)
    assert_refused(rd(book), "error_value", DATA, "G10")


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_error_in_a_total_row_or_an_unused_column_changes_no_number(rd, fmt):
    book = wf.official_form()
    book[DATA].set("D14", wf.ErrorValue("#REF!", "SUM(D9:D13)"))  # the "Tổng cộng" row
    book[DATA].set("K6", "Tỷ lệ nữ (%)").set("K9", wf.ErrorValue("#DIV/0!", "E9/D9"))
    assert_read(rd(book, fmt), {HM_BD: wf.BODIES})


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_a_formula_never_calculated_is_refused_in_every_format(rd, fmt):
    book = wf.official_form()
    book[DATA].set("F11", wf.Formula("2+2"))
    assert_refused(rd(book, fmt), "formula_without_value", DATA, "F11")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cached_formula_results_are_read(rd, fmt):
    book = wf.official_form(total=None)
    book[DATA].set("D9", wf.Cached("1+1", 2)).set("F10", wf.Cached("4*2", 8))
    book[DATA].rows.append(["Tổng cộng", None, None, wf.Cached("SUM(D9:D13)", 12)])
    assert_read(rd(book, fmt), {HM_BD: wf.BODIES})


ERROR_CODES = ["#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!"]
PROPERTY_LAYOUTS = ["official", "free", "long", "split", "printed"]


def _layout(layout: str, bodies: list[tuple]) -> tuple[wf.Book, str, list[tuple[int, int]]]:
    """A book of ``layout`` holding ``bodies``, its file name, and the (sheet, row) of each body."""
    if layout == "official":
        book = wf.official_form(bodies, total=None)
        return book, "bao_cao", [(len(book.sheets) - 1, wf.FORM_FIRST_ROW - 1 + i) for i in range(len(bodies))]
    if layout == "free":
        book = wf.free_form(bodies)
        rows = [wf.FREE_FIRST_ROW - 1 + i + (1 if i >= 2 else 0) for i in range(len(bodies))]
        return book, "HM-BD_2024Q3", [(0, r) for r in rows]
    if layout == "long":
        book = wf.long_layout([("HM-BD", "2024Q3", bodies)])
        return book, "tong_hop", [(0, 1 + i) for i in range(len(bodies))]
    if layout == "split":
        half = max(1, len(bodies) // 2)
        book = wf.split_form({"Nhóm 1": bodies[:half], "Nhóm 2": bodies[half:]}, total=None)
        where = [(1, wf.FORM_FIRST_ROW - 1 + i) for i in range(half)]
        where += [(2, wf.FORM_FIRST_ROW - 1 + i) for i in range(len(bodies) - half)]
        return book, "bao_cao", where
    book = wf.printed_form(bodies, per_page=2)
    sheet = book[DATA]
    where = []
    for k, body in enumerate(bodies):
        r = next(i for i, row in enumerate(sheet.rows) if len(row) > 1 and row[0] == k + 1 and row[1] == body[0])
        where.append((len(book.sheets) - 1, r))
    return book, "bao_cao", where


_COUNT_COLUMN_OF = {"official": "DEFGH", "split": "DEFGH", "printed": "DEFGH", "free": "EGHIJ", "long": "EFGHI"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    counts=st.lists(
        st.tuples(*[st.integers(0, 6)] * 2, *[st.integers(0, 9)] * 3).map(
            lambda t: (t[0], min(t[1], t[0]), t[2], min(t[3], t[2]), min(t[4], t[3], t[2]))
        ),
        min_size=1,
        max_size=6,
    ),
    hits=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 4), st.sampled_from(ERROR_CODES), st.booleans()), min_size=1
    ),
    layout=st.sampled_from(PROPERTY_LAYOUTS),
    fmt=st.sampled_from(["xlsx", "xls", "ods", "xls95", "strict"]),
)
def test_any_workbook_with_an_error_value_in_a_count_cell_is_never_accepted(rd, counts, hits, layout, fmt):
    types = ["HĐND", "UBND", "Cơ quan chuyên môn", "Cơ quan Đảng", "MTTQ - đoàn thể", "Khác"]
    bodies = [(f"Cơ quan số {k + 1}", types[k % 6], *c, "") for k, c in enumerate(counts)]
    book, name, where = _layout(layout, bodies)
    cells = set()
    for body, column, code, with_formula in hits:
        sheet_no, r = where[body % len(bodies)]
        letter = _COUNT_COLUMN_OF[layout][column]
        book.sheets[sheet_no].set(f"{letter}{r + 1}", wf.ErrorValue(code, "A1+B1" if with_formula else None))
        cells.add((book.sheets[sheet_no].name, f"{letter}{r + 1}"))
    report = rd(book, fmt, name)
    assert not report.ok and report.submissions == []
    named = {(i.sheet, i.cell) for i in report.errors if i.code == "error_value"}
    assert named == cells


# ==== 2. a table split over sheets =======================================================================


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_a_table_split_over_sheets_is_read_as_one(rd, fmt):
    """The trouble that stored 2 bodies of 8: one sheet per group of body types, each with the header."""
    report = rd(wf.split_form(), fmt)
    assert_read(report, {HM_BD: wf.ALL_GROUPED})
    assert report.warnings == []
    assert report.submissions[0].sheet == "Chính quyền"


@pytest.mark.parametrize("fmt", FORMATS)
def test_split_sheets_with_their_own_titles_and_no_info_sheet(rd, fmt):
    titles = {name: {"period_title": "BÁO CÁO QUÝ III/2024"} for name in wf.GROUPED_BODIES}
    assert_read(rd(wf.split_form(info=False, titles=titles), fmt), {HM_BD: wf.ALL_GROUPED})


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_body_on_two_sheets_is_a_duplicate_naming_both(rd, fmt):
    groups = {k: list(v) for k, v in wf.GROUPED_BODIES.items()}
    groups["Sự nghiệp"].append(wf.GROUPED_BODIES["Chính quyền"][1])
    report = rd(wf.split_form(groups), fmt)
    assert_refused(report, "duplicate_body", "Sự nghiệp", "B10")
    (issue,) = [i for i in report.errors if i.code == "duplicate_body"]
    assert 'sheet "Chính quyền", dòng 10' in issue.message_vi


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("titles", "sheet"),
    [
        ({"Sự nghiệp": {"period_title": "Quý II/2024"}}, "Sự nghiệp"),
        ({"Chính quyền": {"period_title": "Quý III/2024"}, "Sự nghiệp": {"period_title": "Quý IV/2024"}}, "Sự nghiệp"),
        ({"Đảng - Đoàn thể": {"unit_label": "Đơn vị: xã Tân Hiệp", "org": None}}, "Đảng - Đoàn thể"),
    ],
)
def test_sheets_that_name_another_quarter_or_unit_are_refused(rd, fmt, titles, sheet):
    report = rd(wf.split_form(titles=titles), fmt)
    assert_refused(report, "sheets_disagree")
    assert [i.sheet for i in report.errors if i.code == "sheets_disagree"] == [sheet]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hidden_sheet_with_a_table_is_named_not_read(rd, fmt):
    book = wf.official_form()
    old = wf.data_sheet("Quý trước", [(b[0], b[1], 1, 0, 1, 0, 0, "") for b in wf.BODIES])
    old.hidden = True
    book.sheets.append(old)
    report = rd(book, fmt)
    assert_read(report, {HM_BD: wf.BODIES})
    (warning,) = report.warnings
    assert (warning.code, warning.sheet) == ("sheet_not_read", "Quý trước")
    assert "ẩn" in warning.message_vi


def test_a_table_of_other_columns_is_named_not_read(rd):
    book = wf.official_form()
    summary = wf.Sheet("Tổng hợp theo loại")
    summary.rows = [
        ["Loại cơ quan", "Số LĐCC", "LĐCC nữ", "Số CB QH", "Nữ QH", "Nữ QH đào tạo"],
        ["HĐND", 2, 1, 5, 2, 1],
    ]
    book.sheets.append(summary)
    report = rd(book)
    assert_read(report, {HM_BD: wf.BODIES})
    assert [(i.code, i.sheet) for i in report.warnings] == [("sheet_not_read", "Tổng hợp theo loại")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_summary_sheet_of_the_group_sheets_is_not_counted_twice(rd, fmt):
    book = wf.split_form()
    book.sheets.append(wf.data_sheet("Tổng hợp", wf.ALL_GROUPED))
    report = rd(book, fmt)
    assert_read(report, {HM_BD: wf.ALL_GROUPED})
    assert [(i.code, i.sheet) for i in report.warnings] == [("sheet_not_read", "Tổng hợp")]
    # a "summary" whose numbers differ from its parts: which is right cannot be told
    bodies = list(wf.ALL_GROUPED)
    bodies[0] = (*bodies[0][:2], 9, *bodies[0][3:])
    book.sheets[-1] = wf.data_sheet("Tổng hợp", bodies)
    assert_refused(rd(book, fmt), "duplicate_body")


def test_an_empty_copy_of_the_form_adds_nothing(rd):
    book = wf.split_form()
    book.sheets.append(wf.data_sheet("Mẫu", [], total=None))
    assert_read(rd(book), {HM_BD: wf.ALL_GROUPED})


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_layout_split_by_year_over_sheets(rd, fmt):
    first = wf.long_layout([("HM-BD", "2024Q3", wf.BODIES)]).sheets[0]
    first.name = "2024"
    second = wf.long_layout([("X-BD", "2025Q3", wf.BODIES)]).sheets[0]
    second.name = "2025"
    report = rd(wf.Book([first, second]), fmt, "tong_hop")
    assert_read(report, {HM_BD: wf.BODIES, ("X-BD", "2025Q3"): wf.BODIES})
    assert report.warnings == []


# ==== 3. printed pages, groups, subtotals, totals =========================================================


PRINTED = {
    "header-numbers-page-marks": {},
    "title-again-and-carried-sums": {"title_again": True, "carry": True},
    "numbers-row-only": {"header_again": False, "page_mark": "Trang {n}/3"},
    "header-without-numbers": {"numbers_again": False, "page_mark": "- {n} -"},
    "no-page-mark": {"page_mark": None, "per_page": 2},
    "no-info-sheet": {"info": False},
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", PRINTED)
def test_printed_pages_are_skipped_not_read(rd, fmt, style):
    options = dict(PRINTED[style])
    info = options.pop("info", True)
    book = wf.printed_form(info=info, **options)
    report = rd(book, fmt, "bao_cao" if info else "HM-BD_2024Q3")
    assert_read(report, {HM_BD: wf.ALL_GROUPED})
    assert report.warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("style", "subtotal"),
    [("roman", "heading"), ("letter-name", "heading"), ("roman", "footer"), ("roman", "none")],
)
def test_groups_with_headings_and_subtotals(rd, fmt, style, subtotal):
    report = rd(wf.grouped_rows_form(style=style, subtotal=subtotal), fmt)
    assert_read(report, {HM_BD: wf.ALL_GROUPED})
    assert report.warnings == []


def test_a_wrong_subtotal_is_a_warning_not_a_body(rd):
    book = wf.grouped_rows_form()
    heading = next(r for r in book[DATA].rows if r and r[0] == "II")
    heading[3] = 99
    report = rd(book)
    assert_read(report, {HM_BD: wf.ALL_GROUPED})
    assert [(i.code, i.value) for i in report.warnings] == [("total_mismatch", "99")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_total_above_the_bodies(rd, fmt):
    book = wf.official_form(total=None)
    rows = book[DATA].rows
    rows.insert(8, ["TỔNG CỘNG", None, None, *(sum(b[2 + j] for b in wf.BODIES) for j in range(5))])
    report = rd(book, fmt)
    assert_read(report, {HM_BD: wf.BODIES})
    assert report.warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_parts_numbered_under_their_parent(rd, fmt):
    parts = [
        ("Văn phòng", "Cơ quan chuyên môn", 2, 1, 4, 2, 2, ""),
        ("Phòng Kinh tế", "CQ chuyên môn", 1, 0, 3, 1, 1, ""),
    ]
    book = wf.official_form(total=None)
    rows = book[DATA].rows[:8]
    rows.append([1, "Các cơ quan chuyên môn", None, 3, 1, 7, 3, 3])
    rows += [[f"1.{k + 1}", *part] for k, part in enumerate(parts)]
    rows.append([2, *wf.BODIES[0]])
    book[DATA].rows = rows
    report = rd(book, fmt)
    assert_read(report, {HM_BD: [*parts, wf.BODIES[0]]})
    assert report.warnings == []


def test_a_parent_that_is_not_the_sum_of_its_parts_is_a_body(rd):
    book = wf.official_form(total=None)
    rows = book[DATA].rows[:8]
    rows.append([1, "Ủy ban nhân dân xã", "UBND", 3, 0, 8, 3, 2])
    rows.append(["1.1", "Văn phòng", "Cơ quan chuyên môn", 2, 1, 4, 2, 2])
    book[DATA].rows = rows
    assert len(rd(book).submissions[0].bodies) == 2


@pytest.mark.parametrize("label", ["Total", "Tổng", "Cộng", "Tổng cộng:"])
def test_an_excel_table_with_a_totals_row(rd, label):
    from openpyxl import Workbook
    from openpyxl.worksheet.table import Table

    wb = Workbook()
    ws = wb.active
    ws.title = DATA
    ws.append(["BÁO CÁO QUÝ III/2024"])
    ws.append(["Đơn vị: xã Bà Điểm"])
    ws.append([])
    ws.append(["STT", "Tên cơ quan, đơn vị", "Loại cơ quan", "LĐCC - Tổng số", "LĐCC - Nữ", "Quy hoạch - Tổng số"])
    ws["G4"], ws["H4"], ws["I4"] = "Quy hoạch - Nữ", "Nữ được đào tạo", "Ghi chú"
    for k, body in enumerate(wf.BODIES):
        ws.append([k + 1, *body])
    last = 4 + len(wf.BODIES)
    ws.append([label, None, None, *[f"=SUBTOTAL(109,{c}5:{c}{last})" for c in "DEFGH"]])
    table = Table(displayName="BangSoLieu", ref=f"A4:I{last + 1}")
    table.totalsRowCount = 1
    ws.add_table(table)
    ws.protection.sheet = True  # a protected sheet reads the same
    buf = io.BytesIO()
    wb.save(buf)
    assert_read(rd(buf.getvalue()), {HM_BD: wf.BODIES})


def test_rows_with_counts_below_the_signatures_are_named(rd):
    book = wf.official_form(total=None)
    book[DATA].rows.append([None, "Ban Chỉ huy Quân sự xã", "Khác", 2, 0, 3, 0, 0])
    report = rd(book)
    assert_read(report, {HM_BD: wf.BODIES})
    assert [(i.code, i.value) for i in report.warnings] == [("rows_after_table", "Ban Chỉ huy Quân sự xã")]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_count_merged_over_two_bodies_is_refused(rd, fmt):
    book = wf.official_form(total=None)
    book[DATA].set("D10", None)
    book[DATA].merges.append("D9:D10")
    assert_refused(rd(book, fmt), "merged_count", DATA, "D9")


# ==== 4. body types as offices write them; unit names exact ============================================


@pytest.mark.parametrize(
    ("written", "means"),
    [
        ("CQ chuyên môn", "Cơ quan chuyên môn"),
        ("CQCM", "Cơ quan chuyên môn"),
        ("Cơ quan chuyên môn thuộc UBND xã", "Cơ quan chuyên môn"),
        ("ĐV sự nghiệp", "Đơn vị sự nghiệp"),
        ("ĐVSN", "Đơn vị sự nghiệp"),
        ("Đơn vị sự nghiệp công lập", "Đơn vị sự nghiệp"),
        ("MTTQ, đoàn thể", "MTTQ - đoàn thể"),
        ("MTTQ và các đoàn thể", "MTTQ - đoàn thể"),
        ("UBMTTQ", "MTTQ - đoàn thể"),
        ("Đoàn thể chính trị - xã hội", "MTTQ - đoàn thể"),
        ("Đảng", "Cơ quan Đảng"),
        ("Khối Đảng", "Cơ quan Đảng"),
        ("CQ Đảng", "Cơ quan Đảng"),
        ("UBND xã", "UBND"),
        ("HĐND phường", "HĐND"),
        ("TT HĐND", "HĐND"),
        ("Loại khác", "Khác"),
    ],
)
def test_body_types_abbreviated_as_offices_write_them(written, means):
    assert match_body_type(written).value == means


@pytest.mark.parametrize("written", ["Cơ quan", "Đơn vị", "Chính quyền", "Bệnh viện", "HĐND - UBND"])
def test_words_that_name_no_one_type_are_not_guessed(written):
    assert match_body_type(written) is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_abbreviated_body_types_in_a_workbook(rd, fmt):
    written = ["HĐND xã", "UBND", "CQ chuyên môn", "Đảng", "MTTQ, đoàn thể"]
    bodies = [(b[0], t, *b[2:]) for b, t in zip(wf.BODIES, written, strict=True)]
    assert_read(rd(wf.official_form(bodies), fmt), {HM_BD: wf.BODIES})


@pytest.mark.parametrize("unit", ["HM-BĐ", "HM-BDD", "xã Bà Điêm Mới", "Bà Điểmm", "xã Bà Điền"])
def test_a_unit_one_letter_off_stays_unknown(rd, unit):
    assert_refused(rd(wf.official_form(unit=unit, org=None)), "unknown_unit", "Thông tin", "B2")


# ==== 5. a period from a quarter-end date ==============================================================


def _as_of_title(text: str) -> wf.Book:
    return wf.official_form(info=False, period_title=text)


def _as_of_cell(value: object, label: str = "Số liệu tính đến ngày") -> wf.Book:
    book = wf.official_form(info=False)
    book[DATA].set("A4", label).set("C4", value)
    return book


def _as_of_info(value: object, label: str = "Số liệu tính đến ngày") -> wf.Book:
    book = wf.official_form()
    info = book["Thông tin"]
    info.rows = [r for r in info.rows if r[0] not in ("Năm", "Quý")] + [[label, value]]
    return book


AS_OF = {
    "title colon": lambda: _as_of_title("Số liệu tính đến ngày: 30/09/2024"),
    "title words": lambda: _as_of_title("(Số liệu tính đến ngày 30 tháng 9 năm 2024)"),
    "title dots": lambda: _as_of_title("Tính đến 30.09.2024"),
    "title range": lambda: _as_of_title("Số liệu từ ngày 01/7/2024 đến ngày 30/9/2024"),
    "excel date": lambda: _as_of_cell(dt.date(2024, 9, 30)),
    "text date": lambda: _as_of_cell("30/09/2024"),
    "period label date": lambda: _as_of_cell(dt.date(2024, 9, 30), "Kỳ báo cáo"),
    "info excel date": lambda: _as_of_info(dt.date(2024, 9, 30)),
    "info text": lambda: _as_of_info("30/9/2024", "Tính đến ngày"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", AS_OF)
def test_a_quarter_end_date_names_its_quarter(rd, fmt, case):
    report = rd(AS_OF[case](), fmt)
    assert_read(report, {HM_BD: wf.BODIES})
    assert report.warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("book", "cell"),
    [
        (lambda: _as_of_title("Số liệu tính đến ngày 15/09/2024"), "A4"),
        (lambda: _as_of_cell(dt.date(2024, 10, 5)), "C4"),
        (lambda: _as_of_cell(dt.date(2024, 9, 29)), "C4"),
    ],
)
def test_any_other_day_names_no_quarter(rd, fmt, book, cell):
    report = rd(book(), fmt)
    assert_refused(report, "missing_period", DATA, cell)
    (issue,) = [i for i in report.errors if i.code == "missing_period"]
    assert "không phải ngày cuối quý" in issue.message_vi


def test_a_signing_date_is_no_period(rd):
    report = rd(_as_of_title("Bà Điểm, ngày 30 tháng 09 năm 2024"))
    assert_refused(report, "missing_period")


def test_a_quarter_in_words_wins_over_a_date(rd):
    report = rd(_as_of_title("Báo cáo quý III năm 2024 (số liệu tính đến 30/6/2024)"))
    assert [(s.unit, str(s.period)) for s in report.submissions] == [HM_BD]


# ==== 6. the guard against a silent partial read ========================================================


@pytest.fixture
def stored(sample_register):
    """A store holding HM-BD 2024Q3 with the eight grouped bodies."""
    from gender_targets.store import open_store

    store = open_store("sqlite://")
    store.save_register(sample_register)
    result = intake.import_upload(store, wf.to_xlsx(wf.split_form()), "q3.xlsx", today=TODAY)
    assert result.report.ok
    return store


def _next_quarter(groups: dict[str, list[tuple]]) -> bytes:
    book = wf.split_form(groups)
    book["Thông tin"].rows[4][1] = 4
    return wf.to_xlsx(book)


def test_bodies_missing_since_the_previous_quarter_are_listed(stored):
    part = {"Chính quyền": wf.GROUPED_BODIES["Chính quyền"], "Sự nghiệp": wf.GROUPED_BODIES["Sự nghiệp"]}
    report = intake.check_upload(_next_quarter(part), "q4.xlsx", store=stored, today=TODAY)
    assert report.ok
    (issue,) = report.warnings
    assert issue.code == "missing_bodies" and issue.value == "3"
    assert "thiếu 3 cơ quan so với Quý III/2024: Đảng ủy xã, Ủy ban MTTQ Việt Nam xã, Hội Liên hiệp" in issue.message_vi
    assert "Quý IV/2024" in issue.message_vi and "Q3 2024" in issue.message_en


def test_a_body_count_falling_by_more_than_half_is_shown(stored, tmp_path, capsys, sample_register):
    part = {"Chính quyền": wf.GROUPED_BODIES["Chính quyền"][:3]}
    data = _next_quarter(part)
    report = intake.check_upload(data, "q4.xlsx", store=stored, today=TODAY)
    assert report.ok
    assert sorted(i.code for i in report.warnings) == ["fewer_bodies", "missing_bodies"]
    (fewer,) = [i for i in report.warnings if i.code == "fewer_bodies"]
    assert "chỉ có 3 cơ quan" in fewer.message_vi and "8 cơ quan của Quý III/2024" in fewer.message_vi


def test_the_same_bodies_again_raise_no_warning(stored):
    report = intake.check_upload(_next_quarter(wf.GROUPED_BODIES), "q4.xlsx", store=stored, today=TODAY)
    assert report.ok and report.warnings == []


def test_check_json_shows_the_missing_bodies(tmp_path, capsys, sample_register, root):
    from gender_targets.cli import main

    db = str(tmp_path / "gt.db")
    units = str(root / "sample_data" / "units.csv")
    first = tmp_path / "q3.xlsx"
    first.write_bytes(wf.to_xlsx(wf.split_form()))
    assert main(["import", "--db", db, "--units", units, str(first), "--by", "test"]) == 0
    later = tmp_path / "q4.xlsx"
    later.write_bytes(_next_quarter({"Chính quyền": wf.GROUPED_BODIES["Chính quyền"][:3]}))
    capsys.readouterr()
    assert main(["check", "--db", db, str(later), "--json"]) == 0
    (out,) = json.loads(capsys.readouterr().out)
    assert {w["code"] for w in out["warnings"]} == {"missing_bodies", "fewer_bodies"}
    assert out["submissions"] == [{"unit": "HM-BD", "period": "2024Q4", "bodies": 3}]


def test_a_long_files_own_previous_quarter_counts(sample_register):
    bodies = wf.BODIES
    book = wf.long_layout([("HM-BD", "2024Q2", bodies), ("HM-BD", "2024Q3", bodies[:2])])
    from gender_targets.store import open_store

    store = open_store("sqlite://")
    store.save_register(sample_register)
    report = intake.check_upload(wf.to_xlsx(book), "tong_hop.xlsx", store=store, today=TODAY)
    codes = sorted(i.code for i in report.warnings)
    assert codes == ["fewer_bodies", "missing_bodies"]
    assert Period(2024, 3).label("vi") in report.warnings[0].message_vi


def test_a_halved_submission_waiting_for_review_shows_the_warnings(stored):
    """A unit account's file waits (pending); the review page checks the stored original with
    ``intake.check_upload`` and the reviewer sees both warnings before accepting."""
    from gender_targets.accounts import Account, Role

    unit = Account(username="bd", role=Role("unit"), units=("HM-BD",))
    data = _next_quarter({"Chính quyền": wf.GROUPED_BODIES["Chính quyền"][:3]})
    result = intake.import_upload(stored, data, "q4.xlsx", today=TODAY, actor=unit)
    (sid,) = result.ids.values()
    assert stored.review_queue()["id"].tolist() == [sid]
    name, original = stored.submission_file(sid)
    report = intake.check_upload(original, name, store=stored, today=TODAY)
    assert sorted(i.code for i in report.warnings) == ["fewer_bodies", "missing_bodies"]


# ==== 7. text typed with the old TCVN3 fonts ==============================================================


def _tcvn3(book: wf.Book, *, header: bool = True) -> wf.Book:
    """Every text of ``book`` as typed with a .VnTime font (the header too, unless ``header`` is
    False: the union's template filled in on a computer still set to TCVN3). Those fonts have no
    upper-case vowel with a tone: "Ủy" is typed "Uû"."""
    import unicodedata

    from gender_targets.reading.legacy import TCVN3

    table = str.maketrans(TCVN3)
    for sheet in book.sheets:
        if header:
            sheet.name = sheet.name.translate(table)
        for r, row in enumerate(sheet.rows):
            for c, v in enumerate(row):
                if isinstance(v, str) and (header or r >= wf.FORM_FIRST_ROW - 1 or sheet.name == "Thông tin"):
                    row[c] = unicodedata.normalize("NFC", v).replace("Ủy", "Uû").translate(table)
    return book


# an Excel 95 file in code page 1252 cannot hold the Unicode header of the template: that case does not exist
@pytest.mark.parametrize(
    ("fmt", "header"), [(f, h) for f in FORMATS for h in (True, False) if not (f == "xls95" and not h)]
)
def test_text_typed_with_tcvn3_fonts_is_read(rd, fmt, header):
    book = _tcvn3(wf.official_form(), header=header)
    # TCVN3 went with Western Windows: an Excel 95 file of that time is in code page 1252
    data = wf.to_xls95(book, codepage=1252) if fmt == "xls95" else wf.WRITERS[fmt](book)
    report = rd(data, fmt)
    spelled = [(b[0].replace("Ủy", "Uỷ"), *b[1:]) for b in wf.BODIES]  # the old spelling, as typed
    assert_read(report, {HM_BD: spelled})
    assert report.warnings == []


def test_tcvn3_decoding_leaves_unicode_and_ambiguous_text_alone():
    from gender_targets.reading.legacy import decode_cells, decode_text

    assert decode_text("L·nh ®¹o chñ chèt") == "Lãnh đạo chủ chốt"
    assert decode_text("Tæng sè") == "Tổng số"
    for text in ("Tổng số", "Bá", "Ghi chú", "UBND", "Ủy ban nhân dân"):
        assert decode_text(text) == text
    rows = [["Tæng sè", 3, None, "Bá"]]
    assert decode_cells(rows) == 1 and rows == [["Tổng số", 3, None, "Bá"]]


def test_an_example_table_on_the_guide_sheet_is_not_data(rd):
    book = wf.official_form()
    example = wf.data_sheet("Ví dụ", [("Cơ quan mẫu", "UBND", 3, 1, 5, 2, 1, "")])
    book.sheets.insert(0, example)
    report = rd(book)
    assert_read(report, {HM_BD: wf.BODIES})
    assert [(i.code, i.sheet) for i in report.warnings] == [("sheet_not_read", "Ví dụ")]
    # the form's own sheet named "Mẫu" and filled in: the only table, it is read
    only = wf.official_form()
    only[DATA].name = "Mẫu"
    assert_read(rd(only), {HM_BD: wf.BODIES})


def test_the_filled_mau_sheet_beside_an_empty_so_lieu_sheet_is_read(rd):
    book = wf.official_form()
    filled = book[DATA]
    filled.name = "Mẫu"
    book.sheets.append(wf.data_sheet(DATA, [], total=None))
    report = rd(book)
    assert_read(report, {HM_BD: wf.BODIES})


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_count_named_by_two_columns(rd, fmt):
    """Another "Tổng số" of the key leaders beside the table (an old column kept, hidden or not):
    the same numbers change nothing; other numbers cannot be told apart and are refused."""
    book = wf.official_form()
    sheet = book[DATA]
    sheet.set("K7", "Số lãnh đạo chủ chốt")
    for k, body in enumerate(wf.BODIES):
        sheet.set(f"K{wf.FORM_FIRST_ROW + k}", body[2])
    assert_read(rd(book, fmt), {HM_BD: wf.BODIES})
    sheet.set(f"K{wf.FORM_FIRST_ROW + 1}", 9)
    assert_refused(rd(book, fmt), "duplicate_column", DATA, "K7")
