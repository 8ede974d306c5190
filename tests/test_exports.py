"""Exports: .xlsx read back with openpyxl (headers, frozen pane, filter, info sheet, exact percents,
no formula ever) and .csv (BOM, dangerous text prefixed, numbers intact)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gender_targets.exports import (
    DANGEROUS_PREFIXES,
    PERCENT_FORMAT,
    export_filename,
    issues_to_xlsx,
    label_columns,
    localise_values,
    safe_text,
    to_csv,
    to_csv_excel,
    to_xlsx,
    translate_columns,
)

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "=1+2", "a\r\nb"]
PERCENTS = [58.333333333333336, 100 * 2 / 3, 0.1 + 0.2, 50.0, math.nan, 100 * 7 / 12, 12.345678901234567]
XML_LEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _indicator_frame() -> pd.DataFrame:
    n = len(PERCENTS)
    return pd.DataFrame(
        {
            "unit": [f"HM-{i}" for i in range(n)],
            "period": ["2024Q3"] * n,
            "indicator": ["I1"] * n,
            "numerator": list(range(n)),
            "denominator": [12] * n,
            "value": PERCENTS,
            "reconstructed": [i % 2 == 0 for i in range(n)],
        }
    )


META = {
    "units": "HM-BD, HM-DT",
    "from": "2024Q1",
    "to": "2026Q3",
    "data_version": "17",
    "source": "data/gender_targets.db",
    "generated_at": "2026-11-24T09:00:00",
    "app_version": "0.1.0",
}


def _load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _sheet_xml(data: bytes) -> list[bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]


def _no_formula(data: bytes) -> None:
    for xml in _sheet_xml(data):
        assert b"<f>" not in xml and b"<f " not in xml
    for ws in _load(data).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate


# ---- xlsx -----------------------------------------------------------------------------------
def test_xlsx_vietnamese_headers_frozen_filter_and_info_sheet():
    frame = _indicator_frame()
    data = to_xlsx(translate_columns(frame, "vi"), sheet_name="Chỉ tiêu", meta=META, percent_columns=["value"])
    wb = _load(data)
    ws = wb["Chỉ tiêu"]
    header = [c.value for c in ws[1]]
    assert header == ["Mã đơn vị", "Kỳ báo cáo", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị (%)", "Dựng lại từ đơn vị cũ"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:G{len(frame) + 1}"
    for col in "ABCDEFG":
        assert 8 <= ws.column_dimensions[col].width <= 60

    info = wb["Thông tin trích xuất"]
    rows = {r[0]: r[1] for r in info.iter_rows(min_row=2, values_only=True)}
    assert rows["Phiên bản dữ liệu"] == "17"
    assert rows["Từ quý"] == "2024Q1" and rows["Đến quý"] == "2026Q3"
    assert rows["Đơn vị"] == "HM-BD, HM-DT"
    assert rows["Thời điểm trích xuất"] == "2026-11-24T09:00:00"
    assert rows["Nguồn dữ liệu"] == "data/gender_targets.db"
    assert rows["Phiên bản phần mềm"] == "0.1.0"
    assert [c.value for c in info[1]] == ["Mục", "Giá trị"]


def test_xlsx_percent_values_read_back_unrounded():
    frame = _indicator_frame()
    data = to_xlsx(translate_columns(frame, "vi"), sheet_name="x", meta={}, percent_columns=["Giá trị (%)"])
    ws = _load(data).active
    cells = [row[5] for row in ws.iter_rows(min_row=2)]
    for cell, expected in zip(cells, PERCENTS, strict=True):
        if math.isnan(expected):
            assert cell.value is None
        else:
            assert cell.value == expected  # exactly, not approximately
            assert cell.number_format == PERCENT_FORMAT
    counts = [row[3].value for row in ws.iter_rows(min_row=2)]
    assert counts == list(range(len(PERCENTS)))
    assert [row[6].value for row in ws.iter_rows(min_row=2)][:2] == ["Có", "Không"]


def test_xlsx_english():
    frame = _indicator_frame()
    data = to_xlsx(translate_columns(frame, "en"), sheet_name="Indicators", meta=META, lang="en")
    wb = _load(data)
    assert wb.sheetnames == ["Indicators", "Export info"]
    assert wb.active["A1"].value == "Unit code"
    assert wb.active["G2"].value == "Yes" and wb.active["G3"].value == "No"
    assert {r[0] for r in wb["Export info"].iter_rows(min_row=2, values_only=True)} >= {"Data version", "Generated at"}


def test_xlsx_title_row_moves_header_and_pane():
    data = to_xlsx(_indicator_frame(), sheet_name="x", meta={}, title="=Báo cáo")
    ws = _load(data).active
    assert ws["A1"].value == "=Báo cáo" and ws["A1"].data_type == "s"
    assert ws["A2"].value == "unit"
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref.startswith("A2:")
    _no_formula(data)


def test_xlsx_dangerous_text_is_never_a_formula():
    frame = pd.DataFrame(
        {"body_name": DANGEROUS, "note": list(reversed(DANGEROUS)), "pool_total": range(len(DANGEROUS))}
    )
    frame = frame.rename(columns={"note": "=note"})  # even a header
    meta = {"units": '=HYPERLINK("http://x","y")', "@filter": "-1"}
    data = to_xlsx(translate_columns(frame, "vi"), sheet_name="=x", meta=meta)
    _no_formula(data)
    wb = _load(data)
    ws = wb.active
    assert ws["A1"].value == "Tên cơ quan, đơn vị" and ws["B1"].value == "=note"
    assert [c.value for c in ws["A"][1:]] == DANGEROUS
    assert [c.value for c in ws["B"][1:]] == list(reversed(DANGEROUS))
    assert all(c.data_type == "s" for c in ws["A"])
    info = {r[0]: r[1] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert info["Đơn vị"] == '=HYPERLINK("http://x","y")' and info["@filter"] == "-1"


def test_xlsx_error_codes_and_number_like_text_stay_text():
    frame = pd.DataFrame({"x": ["#N/A", "#DIV/0!", "12", "1e5", "TRUE"]})
    ws = _load(to_xlsx(frame, sheet_name="x", meta={})).active
    assert [c.value for c in ws["A"][1:]] == ["#N/A", "#DIV/0!", "12", "1e5", "TRUE"]
    assert all(c.data_type == "s" for c in ws["A"][1:])


def test_xlsx_odd_values():
    frame = pd.DataFrame(
        {
            "a": [None, math.inf, pd.NA],
            "b": [dt.date(2026, 1, 2), pd.Timestamp("2026-01-02 03:04", tz="UTC"), pd.NaT],
            "c": ["x\x00y\x1fz", "\ufffe", "ok"],
        }
    )
    ws = _load(to_xlsx(frame, sheet_name="a/b:c*?[d]" * 4, meta={})).active
    assert [c.value for c in ws["A"][1:]] == [None, None, None]
    assert ws["B2"].value == dt.datetime(2026, 1, 2) and ws["B3"].value == dt.datetime(2026, 1, 2, 3, 4)
    assert ws["B4"].value is None
    assert [c.value for c in ws["C"][1:]] == ["xyz", None, "ok"]
    assert len(ws.title) <= 31 and not set("[]:*?/\\") & set(ws.title)


def test_xlsx_empty_frame():
    frame = pd.DataFrame(columns=["unit", "value"])
    wb = _load(to_xlsx(translate_columns(frame), sheet_name="x", meta={"data_version": "1"}))
    assert [c.value for c in wb.active[1]] == ["Mã đơn vị", "Giá trị (%)"]
    assert wb.active.max_row == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_arbitrary_text_never_yields_a_formula(texts):
    frame = pd.DataFrame({"body_name": texts})
    data = to_xlsx(frame, sheet_name="x", meta={"note": texts[0]}, title=texts[-1] or None)
    _no_formula(data)
    ws = _load(data).active
    start = 3 if texts[-1] else 2
    for cell, text in zip(ws["A"][start - 1 :], texts, strict=True):
        clean = XML_LEGAL.sub("", text)
        assert cell.value == (clean or None)


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_float_reads_back_exactly(value):
    ws = _load(to_xlsx(pd.DataFrame({"value": [value]}), sheet_name="x", meta={}, percent_columns=["value"])).active
    assert ws["A2"].value == value


# ---- csv ------------------------------------------------------------------------------------
def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_bom_prefixes_and_numbers():
    frame = _indicator_frame()
    frame["body_name"] = DANGEROUS[: len(frame)]
    data = to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
    rows = _csv_rows(data)
    assert rows[0] == [*frame.columns]
    names = [r[-1] for r in rows[1:]]
    for name, original in zip(names, frame["body_name"], strict=True):
        assert name == "'" + original
    values = [r[5] for r in rows[1:]]
    for text, expected in zip(values, PERCENTS, strict=True):
        assert text == ("" if math.isnan(expected) else repr(expected))
        if text:
            assert float(text) == expected
    assert [r[3] for r in rows[1:]] == [str(i) for i in range(len(frame))]
    assert [r[6] for r in rows[1:3]] == ["Có", "Không"]
    en = _csv_rows(to_csv(frame, lang="en"))
    assert en[1][6:] == ["Yes", "'" + DANGEROUS[0]]


def test_csv_negative_numbers_stay_numbers():
    rows = _csv_rows(to_csv(pd.DataFrame({"a": [-1, -2], "b": [-2.5, 0.5], "c": ["-1", "ok"]})))
    assert rows[1] == ["-1", "-2.5", "'-1"] and rows[2] == ["-2", "0.5", "ok"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_csv_arbitrary_text_is_safe(text):
    rows = _csv_rows(to_csv(pd.DataFrame({"t": [text]})))
    field = rows[1][0] if len(rows) > 1 and rows[1] else ""
    assert not field.startswith(DANGEROUS_PREFIXES)
    assert field == safe_text(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[(x, "'" + x) for x in ("=1", "+1", "-x", "@a", "\tx", "\rx", "\nx")],
        *[("a=1", "a=1"), ("", ""), (" =1", " =1"), (-1, -1), (1.5, 1.5), (None, None)],
    ],
)
def test_safe_text(value, expected):
    assert safe_text(value) == expected


# ---- names and helpers ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stem", "ext", "when", "expected"),
    [
        ("chi-tieu-nu-lanh-dao", "xlsx", dt.date(2026, 11, 24), "chi-tieu-nu-lanh-dao_2026-11-24.xlsx"),
        ("Chỉ tiêu nữ lãnh đạo", ".csv", dt.datetime(2026, 11, 24, 23, 59), "chi-tieu-nu-lanh-dao_2026-11-24.csv"),
        ("Đông Thạnh / Bà Điểm", "XLSX", dt.date(2025, 7, 1), "dong-thanh-ba-diem_2025-07-01.xlsx"),
        ("", "csv", dt.date(2025, 7, 1), "du-lieu_2025-07-01.csv"),
    ],
)
def test_export_filename(stem, ext, when, expected):
    name = export_filename(stem, ext, when)
    assert name == expected and name.isascii()


def test_translate_columns():
    frame = pd.DataFrame(columns=["unit", "body_name", "status", "is_area", "mystery"])
    assert list(translate_columns(frame, "vi").columns) == [
        "Mã đơn vị",
        "Tên cơ quan, đơn vị",
        "Tình trạng",
        "Khu vực (tổng hợp)",
        "mystery",
    ]
    assert list(translate_columns(frame, "en").columns)[:3] == ["Unit code", "Body name", "Status"]


def test_localise_values():
    frame = pd.DataFrame({"status": ["on_track", "zzz", None], "severity": ["error", "warning", "error"]})
    out = localise_values(frame, "vi")
    assert list(out["status"])[:2] == ["Đúng tiến độ", "zzz"] and out["status"].isna().iloc[2]
    assert list(out["severity"]) == ["Lỗi", "Cảnh báo", "Lỗi"]


def test_issues_to_xlsx():
    report = pd.DataFrame(
        {
            "file": ["a.xlsx", "a.xlsx", "b.xlsx"],
            "severity": ["error", "warning", "error"],
            "code": ["female_exceeds_total", "total_mismatch", "unknown_unit"],
            "sheet": ["Số liệu", "Số liệu", ""],
            "cell": ["E12", "C20", None],
            "value": ["5", "=SUM(C5:C19)", "-HM"],
            "message": ['Sheet "Số liệu", ô E12: số nữ (5) lớn hơn…', "=x", "@y"],
        }
    )
    data = issues_to_xlsx(report, "vi")
    _no_formula(data)
    wb = _load(data)
    ws = wb.active
    assert ws.title == "Kết quả kiểm tra"
    assert [c.value for c in ws[1]] == [
        "Tệp",
        "Mức độ",
        "Mã lỗi",
        "Loại vấn đề",
        "Sheet",
        "Ô",
        "Giá trị ghi trong tệp",
        "Nội dung",
    ]
    assert [c.value for c in ws["B"][1:]] == ["Lỗi", "Cảnh báo", "Lỗi"]
    assert [c.value for c in ws["C"][1:]] == ["female_exceeds_total", "total_mismatch", "unknown_unit"]  # codes kept
    assert ws["D2"].value == "Số nữ lớn hơn tổng số"
    assert ws["G3"].value == "=SUM(C5:C19)" and ws["H4"].value == "@y"
    # the message column wraps in a fixed width, so a printed report keeps every word on the page
    assert all(c.alignment.wrap_text for c in ws["H"][1:])
    assert ws.column_dimensions["H"].width == 70
    info = {r[0]: r[1] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert info["Số tệp"] == 2 and info["Số lỗi"] == 2 and info["Số cảnh báo"] == 1
    en = _load(issues_to_xlsx(report, "en"))
    assert en.active.title == "Validation report" and en.active["B2"].value == "Error"


# ---- print setup, labels, the CSV for Vietnamese Excel -----------------------------------------
def test_every_xlsx_sheet_is_set_up_for_printing():
    data = to_xlsx(translate_columns(_indicator_frame()), sheet_name="Chỉ tiêu", meta=META, percent_columns=["value"])
    wb = _load(data)
    assert len(wb.worksheets) == 2
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
    titled = _load(to_xlsx(_indicator_frame(), sheet_name="x", meta={}, title="Tiêu đề"))
    assert titled.active.print_title_rows == "$2:$2"


def test_label_columns_puts_names_and_quarters_in_words_beside_codes():
    out = label_columns(_indicator_frame().head(2), {"HM-0": "xã Một"}, "vi")
    assert list(out.columns[:4]) == ["unit", "unit_name", "period", "period_label"]
    assert list(out["unit_name"]) == ["xã Một", ""]
    assert set(out["period_label"]) == {"Quý III/2024"}
    assert set(label_columns(_indicator_frame().head(1), None, "en")["period_label"]) == {"Q3 2024"}
    shown = translate_columns(out, "vi")
    assert {"Tên đơn vị", "Quý"} <= set(shown.columns)


def test_csv_for_vietnamese_excel_semicolons_decimal_comma_rounded():
    frame = translate_columns(_indicator_frame(), "vi")
    raw = to_csv_excel(frame, "vi")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].split(";")[:3] == ["Mã đơn vị", "Kỳ báo cáo", "Chỉ tiêu"]
    first = lines[1].split(";")
    assert first[5] == "58,3"  # 58.333333333333336, rounded for reading, decimal comma
    assert first[3] == "0" and first[4] == "12"
    assert lines[5].split(";")[5] == ""  # NaN
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == len(PERCENTS) + 1 and all(len(r) == 7 for r in rows)
    en = to_csv_excel(translate_columns(_indicator_frame(), "en"), "en").decode("utf-8-sig").split("\r\n")
    assert en[1].split(",")[5] == "58.3"
    danger = to_csv_excel(pd.DataFrame({"x": ["=1+2", "-HM", "a;b"]}), "vi").decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(danger, newline=""), delimiter=";")) == [["x"], ["'=1+2"], ["'-HM"], ["a;b"]]
