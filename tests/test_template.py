"""The unit workbook template (SPEC §5): sheets, header, validations, protection, and read-back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gender_targets.periods import Period
from gender_targets.schema import COUNT_COLUMNS, BodyType
from gender_targets.template import (
    BODY_ROWS,
    COLUMN_NUMBER_ROW,
    COLUMNS,
    DATA_SHEET,
    FIRST_BODY_ROW,
    GUIDE_SHEET,
    HEADER_ROW,
    INFO_LABELS,
    INFO_SHEET,
    TOTAL_LABEL,
    TemplateError,
    build_template,
    make_template,
    suggested_bodies,
    template_filename,
    total_row,
    workbook_bytes,
)

TODAY = dt.date(2026, 11, 24)
Q3 = Period(2026, 3)
LETTER = {c.name: c.letter for c in COLUMNS}


@pytest.fixture(scope="module")
def template_bytes(sample_register) -> bytes:
    return make_template(sample_register, "X-BD", Q3, prepared_by="Nguyễn Thị Thu Hà", today=dt.date(2026, 10, 5))


@pytest.fixture(scope="module")
def wb(template_bytes):
    return load_workbook(io.BytesIO(template_bytes))


@pytest.fixture(scope="module")
def ws(wb):
    return wb[DATA_SHEET]


def test_three_sheets_data_sheet_active(wb):
    assert wb.sheetnames == [GUIDE_SHEET, INFO_SHEET, DATA_SHEET]
    assert wb.active.title == DATA_SHEET


def test_info_sheet_values(wb):
    info = wb[INFO_SHEET]
    labels = [info.cell(r, 1).value for r in range(1, len(INFO_LABELS) + 1)]
    assert labels == ["Mã đơn vị", "Tên đơn vị", "Năm", "Quý", "Người lập", "Ngày lập"]
    values = {info.cell(r, 1).value: info.cell(r, 2).value for r in range(1, len(INFO_LABELS) + 1)}
    assert values["Mã đơn vị"] == "X-BD"
    assert values["Tên đơn vị"] == "xã Bà Điểm"
    assert values["Năm"] == 2026
    assert values["Quý"] == 3
    assert values["Người lập"] == "Nguyễn Thị Thu Hà"
    assert values["Ngày lập"].date() == dt.date(2026, 10, 5)


def test_title_block_names_unit_and_period(ws):
    texts = [ws.cell(r, 1).value for r in range(1, HEADER_ROW)]
    assert "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ LÃNH ĐẠO, QUẢN LÝ" in texts
    assert "Đơn vị: xã Bà Điểm (X-BD)" in texts
    assert "Quý III năm 2026" in texts


def test_two_level_header_is_merged(ws):
    merged = {str(r) for r in ws.merged_cells.ranges}
    top, sub = HEADER_ROW, HEADER_ROW + 1
    assert {f"D{top}:E{top}", f"F{top}:H{top}"} <= merged
    for letter in ("A", "B", "C", "I"):
        assert f"{letter}{top}:{letter}{sub}" in merged
    assert ws[f"D{top}"].value == "Lãnh đạo chủ chốt"
    assert ws[f"F{top}"].value == "Cán bộ trong diện quy hoạch"
    assert [ws[f"{x}{sub}"].value for x in "DEFGH"] == [
        "Tổng số",
        "Trong đó nữ",
        "Tổng số",
        "Trong đó nữ",
        "Nữ được đào tạo, bồi dưỡng",
    ]
    assert [ws[f"{x}{top}"].value for x in "ABCI"] == ["STT", "Tên cơ quan, đơn vị", "Loại cơ quan", "Ghi chú"]


def test_column_number_row(ws):
    assert [c.value for c in ws[COLUMN_NUMBER_ROW]][: len(COLUMNS)] == [f"({i})" for i in range(1, len(COLUMNS) + 1)]


def test_total_row_sums_the_body_rows(ws):
    row = total_row()
    assert row == FIRST_BODY_ROW + BODY_ROWS
    assert ws[f"B{row}"].value == TOTAL_LABEL
    last = row - 1
    for name in COUNT_COLUMNS:
        x = LETTER[name]
        assert ws[f"{x}{row}"].value == f"=SUM({x}{FIRST_BODY_ROW}:{x}{last})"


def test_validations(ws):
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}

    def rows(x: str) -> str:
        return f"{x}{FIRST_BODY_ROW}:{x}{total_row() - 1}"

    types = by_range[rows("C")]
    assert types.type == "list"
    assert types.formula1.strip('"').split(",") == [bt.value for bt in BodyType]
    for name in COUNT_COLUMNS:
        x = LETTER[name]
        dv = by_range[rows(x)]
        assert dv.type == "whole"
        assert dv.formula1 == "0"
        assert dv.showErrorMessage
    # women ≤ total, trained ≤ women: an upper bound relative to the row's own total cell
    assert by_range[rows("E")].formula2 == f"D{FIRST_BODY_ROW}"
    assert by_range[rows("G")].formula2 == f"F{FIRST_BODY_ROW}"
    assert by_range[rows("H")].formula2 == f"G{FIRST_BODY_ROW}"


def test_frozen_header_locked_body_unlocked(ws):
    assert ws.freeze_panes == f"C{FIRST_BODY_ROW}"
    assert ws.protection.sheet is True
    assert not ws.protection.password  # anyone can lift it
    assert ws[f"D{HEADER_ROW}"].protection.locked
    assert ws[f"D{COLUMN_NUMBER_ROW}"].protection.locked
    for x in "ABCDEFGHI":
        assert not ws[f"{x}{FIRST_BODY_ROW}"].protection.locked
        assert not ws[f"{x}{total_row() - 1}"].protection.locked
    assert ws[f"D{total_row()}"].protection.locked


def test_print_setup(ws):
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_suggested_bodies_prefilled(ws, sample_register):
    bodies = suggested_bodies(sample_register, "X-BD", Q3)
    names = [ws[f"B{FIRST_BODY_ROW + i}"].value for i in range(len(bodies))]
    assert names == [b for b, _ in bodies]
    assert ws[f"C{FIRST_BODY_ROW}"].value == "HĐND"
    for i in range(len(bodies)):
        assert all(ws[f"{LETTER[n]}{FIRST_BODY_ROW + i}"].value is None for n in COUNT_COLUMNS)
    assert ws[f"B{FIRST_BODY_ROW + len(bodies)}"].value is None


@pytest.mark.parametrize(
    ("unit", "period", "expected"),
    [
        ("X-BD", Q3, "Phòng Kinh tế"),
        ("HM-TT", Period(2024, 3), "UBND thị trấn"),
        ("HM-KCQ", Period(2024, 3), "UBND huyện"),
    ],
)
def test_suggestions_follow_kind_and_time(sample_register, unit, period, expected):
    names = [n for n, _ in suggested_bodies(sample_register, unit, period)]
    assert expected in names
    assert len(names) == len(set(names))
    if unit == "HM-TT":
        assert not any(t is BodyType.CHUYEN_MON for _, t in suggested_bodies(sample_register, unit, period))


def test_guide_explains_types_and_targets(wb):
    text = "\n".join(str(c.value) for row in wb[GUIDE_SHEET].iter_rows() for c in row if c.value is not None)
    for bt in BodyType:
        assert bt.value in text
    for phrase in ("Tổng cộng", "số nguyên", "Năm 2025: từ 60% trở lên", "Năm 2030: từ 90% trở lên"):
        assert phrase in text


def test_same_input_same_bytes(sample_register, template_bytes):
    again = make_template(sample_register, "X-BD", Q3, prepared_by="Nguyễn Thị Thu Hà", today=dt.date(2026, 10, 5))
    assert again == template_bytes
    other = make_template(sample_register, "X-HM", Q3, today=dt.date(2026, 10, 5))
    assert other != template_bytes


@pytest.mark.parametrize(
    ("unit", "period"),
    [("HM", Q3), ("NOPE", Q3), ("HM-BD", Q3), ("X-BD", Period(2025, 2))],
)
def test_no_template_for_areas_unknown_or_inactive_units(sample_register, unit, period):
    with pytest.raises(TemplateError):
        make_template(sample_register, unit, period, today=TODAY)


def test_template_filename():
    assert template_filename("X-BD", Q3) == "Mau_bieu_X-BD_2026Q3.xlsx"


def test_workbook_bytes_fixed_dates(sample_register):
    wb = build_template(sample_register, "X-DT", Q3, today=TODAY)
    a = workbook_bytes(wb, dt.datetime(2026, 1, 1))
    b = workbook_bytes(build_template(sample_register, "X-DT", Q3, today=TODAY), dt.datetime(2026, 1, 1))
    assert a == b
    assert load_workbook(io.BytesIO(a)).properties.modified == dt.datetime(2026, 1, 1)


# ---- read-back through the reader --------------------------------------------------------------
BODIES = [
    ("HĐND xã", "HĐND", 2, 1, 6, 3, 2, ""),
    ("UBND xã", "UBND", 4, 1, 14, 5, 4, ""),
    ("Phòng Kinh tế", "Cơ quan chuyên môn", 3, 0, 8, 3, 3, "Khuyết 01 Phó Trưởng phòng"),
    ("Hội LHPN xã", "MTTQ - đoàn thể", 3, 3, 6, 5, 4, ""),
    ("Trạm Y tế xã", "Đơn vị sự nghiệp", 2, 1, 5, 4, 0, ""),
]


def _filled(sample_register, bodies=BODIES, *, literal_totals: bool = True, drop_info: bool = False) -> bytes:
    wb = build_template(sample_register, "X-BD", Q3, today=TODAY)
    if drop_info:
        del wb[INFO_SHEET]
    ws = wb[DATA_SHEET]
    for r in range(FIRST_BODY_ROW, total_row()):
        for c in COLUMNS:
            ws[f"{c.letter}{r}"].value = None
    for i, body in enumerate(bodies):
        r = FIRST_BODY_ROW + i
        ws[f"A{r}"] = i + 1
        for c, value in zip(COLUMNS[1:], body, strict=True):
            ws[f"{c.letter}{r}"] = value or (0 if c.name in COUNT_COLUMNS else None)
    if literal_totals:
        for j, name in enumerate(COUNT_COLUMNS):
            ws[f"{LETTER[name]}{total_row()}"] = sum(b[2 + j] for b in bodies)
    return workbook_bytes(wb, dt.datetime(2026, 10, 5))


def test_filled_template_reads_back(sample_register):
    from gender_targets.intake import check_file

    report = check_file(_filled(sample_register), template_filename("X-BD", Q3), sample_register, today=TODAY)
    assert report.errors == []
    assert report.warnings == []
    assert [(s.unit, str(s.period)) for s in report.submissions] == [("X-BD", "2026Q3")]
    got = report.submissions[0].bodies
    assert list(got["body_name"]) == [b[0] for b in BODIES]
    assert list(got["body_type"]) == [b[1] for b in BODIES]
    for j, name in enumerate(COUNT_COLUMNS):
        assert list(got[name]) == [b[2 + j] for b in BODIES]
    assert list(got["source_row"]) == list(range(FIRST_BODY_ROW, FIRST_BODY_ROW + len(BODIES)))


def test_total_row_formulas_without_cached_values_are_not_an_error(sample_register):
    from gender_targets.intake import check_file

    report = check_file(_filled(sample_register, literal_totals=False), "x.xlsx", sample_register, today=TODAY)
    assert report.errors == []
    assert len(report.submissions[0].bodies) == len(BODIES)


def test_blank_template_has_no_data_rows(sample_register):
    from gender_targets.intake import check_file

    data = make_template(sample_register, "X-BD", Q3, today=TODAY)
    report = check_file(data, template_filename("X-BD", Q3), sample_register, today=TODAY)
    assert {i.code for i in report.errors} == {"no_data_rows"}
    assert {i.code for i in report.warnings} <= {"body_skipped"}


def test_title_block_alone_names_unit_and_period(sample_register):
    """A copy of the template whose Thông tin sheet was deleted still says which unit and quarter."""
    from gender_targets.intake import check_file

    report = check_file(_filled(sample_register, drop_info=True), "bao_cao.xlsx", sample_register, today=TODAY)
    assert [i.code for i in report.issues] == []
    assert [(s.unit, str(s.period)) for s in report.submissions] == [("X-BD", "2026Q3")]


def test_guide_prints_whole_sentences_on_one_page_width(wb):
    """The guide is fitted to the width of a landscape A4 page (so no sentence is split across pages),
    every text cell wraps, and each row is tall enough for its wrapped text."""
    from gender_targets.template import GUIDE_WIDTHS

    ws = wb[GUIDE_SHEET]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area and "$C$" in str(ws.print_area)
    assert [ws.column_dimensions[c].width for c in "ABC"] == list(GUIDE_WIDTHS)
    merged = {str(r).split(":")[0]: r for r in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 30:
                assert cell.alignment.wrap_text, cell.coordinate
                rng = merged.get(cell.coordinate)
                cols = range(rng.min_col, rng.max_col + 1) if rng else [cell.column]
                width = sum(GUIDE_WIDTHS[c - 1] for c in cols) * 12 / (cell.font.sz or 12)
                lines = -(-len(cell.value) // int(width * 0.85))
                assert (ws.row_dimensions[cell.row].height or 15) >= lines * 15, cell.coordinate
