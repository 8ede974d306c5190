"""The workbook reader (gender_targets.workbook, gender_targets.limits): layouts, formats, sources of
the unit and the period, every issue code with its sheet and cell, and hostile input."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gender_targets.intake import check_file
from gender_targets.schema import BODY_COLUMNS, COUNT_COLUMNS, BodyType
from gender_targets.workbook import classify_header, parse_number_text, read_submissions
from tests import wbfactory as wf

TODAY = dt.date(2026, 11, 24)
DATA = "Số liệu"
INFO = "Thông tin"


@pytest.fixture
def rd(sample_register):
    def _read(data: bytes, name: str = "bao_cao.xlsx", today: dt.date = TODAY):
        return read_submissions(data, name, sample_register, today=today)

    return _read


def expected_bodies() -> pd.DataFrame:
    frame = pd.DataFrame(wf.BODIES, columns=BODY_COLUMNS)
    for c in COUNT_COLUMNS:
        frame[c] = frame[c].astype("int64")
    return frame


def codes(report) -> list[str]:
    return [i.code for i in report.issues]


def where(report, code: str) -> list[tuple[str, str]]:
    return [(i.sheet, i.cell) for i in report.issues if i.code == code]


def with_bodies(changes: dict[int, dict[str, object]], **kw) -> bytes:
    """The official form with some body cells changed: {body index: {column: value}}."""
    keys = ["body_name", "body_type", *COUNT_COLUMNS, "note"]
    bodies = []
    for i, body in enumerate(wf.BODIES):
        row = dict(zip(keys, body, strict=True))
        row.update(changes.get(i, {}))
        bodies.append(tuple(row[k] for k in keys))
    return wf.to_xlsx(wf.official_form(bodies, total=kw.pop("total", None), **kw))


# ---- every layout and format reads the same bodies ----------------------------------------------------

LAYOUTS = {
    "official-xlsx": lambda: (wf.to_xlsx(wf.official_form()), "bao_cao.xlsx"),
    "official-xlsx-formula-total": lambda: (wf.to_xlsx(wf.official_form(total="formula")), "bao_cao.xlsx"),
    "official-xls": lambda: (wf.to_xls(wf.official_form()), "bao_cao.xls"),
    "official-ods-libreoffice": lambda: (wf.fixture("official_form.ods"), "bao_cao.ods"),
    "official-xlsx-libreoffice": lambda: (wf.fixture("official_form_lo.xlsx"), "bao_cao.xlsx"),
    "official-xlsm-name": lambda: (wf.to_xlsx(wf.official_form()), "bao_cao.xlsm"),
    "official-wrong-extension": lambda: (wf.to_xls(wf.official_form()), "bao_cao.xlsx"),
    "free-xlsx": lambda: (wf.to_xlsx(wf.free_form()), "HM-BD_2024Q3.xlsx"),
    "free-xls": lambda: (wf.to_xls(wf.free_form()), "HM-BD 2024 Q3.xls"),
    "free-ods-libreoffice": lambda: (wf.fixture("free_form.ods"), "HM-BD_2024Q3.ods"),
    "official-xls-libreoffice": lambda: (wf.fixture("official_form_lo.xls"), "bao_cao.xls"),
    "free-xls-libreoffice": lambda: (wf.fixture("free_form_lo.xls"), "HM-BD_2024Q3.xls"),
    "long-xlsx": lambda: (wf.to_xlsx(wf.long_layout()), "tong_hop.xlsx"),
    "long-year-quarter-xlsx": lambda: (wf.to_xlsx(wf.long_layout(year_quarter=True)), "tong_hop.xlsx"),
    "long-year-quarter-ods-libreoffice": lambda: (wf.fixture("long_layout.ods"), "tong_hop.ods"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_reads_the_same_bodies(rd, layout):
    data, name = LAYOUTS[layout]()
    report = rd(data, name)
    assert report.ok, [i.message_en for i in report.issues]
    assert report.warnings == []
    subs = {(s.unit, str(s.period)): s for s in report.submissions}
    want = {("HM-BD", "2024Q3")} | ({("X-BD", "2025Q3")} if layout.startswith("long") else set())
    assert set(subs) == want
    assert [(s.unit, str(s.period)) for s in report.submissions] == sorted(want)
    for sub in report.submissions:
        got = sub.bodies
        assert list(got.columns) == [*BODY_COLUMNS, "source_row"]
        for c in COUNT_COLUMNS:
            assert got[c].dtype == "int64"
        pd.testing.assert_frame_equal(got[BODY_COLUMNS], expected_bodies())
        assert got["source_row"].is_monotonic_increasing


def test_source_rows_and_sheet_of_the_official_form(rd):
    report = rd(wf.to_xlsx(wf.official_form()))
    (sub,) = report.submissions
    assert sub.sheet == DATA
    assert list(sub.bodies["source_row"]) == [9, 10, 11, 12, 13]


def test_footer_ends_the_table_but_a_note_does_not(rd):
    bodies = [
        *wf.BODIES[:4],
        ("Hội Nông dân", "MTTQ - đoàn thể", None, None, None, None, None, "Ghi chú: chưa có"),
        wf.BODIES[4],
    ]
    report = rd(wf.to_xlsx(wf.official_form(bodies, total=None)))
    assert len(report.submissions[0].bodies) == 5
    assert [i.code for i in report.issues] == ["body_skipped"]
    assert len(rd(wf.to_xlsx(wf.official_form(footer=False))).submissions[0].bodies) == 5


def test_free_form_skips_blank_row_and_extra_column(rd):
    report = rd(wf.to_xlsx(wf.free_form()), "HM-BD_2024Q3.xlsx")
    (sub,) = report.submissions
    assert list(sub.bodies["source_row"]) == [5, 6, 8, 9, 10]  # row 7 is blank


def test_check_file_calls_the_reader(sample_register):
    report = check_file(wf.to_xlsx(wf.official_form()), "a.xlsx", sample_register, today=TODAY)
    assert report.ok and report.size > 0 and len(report.sha256) == 64


# ---- header words ----------------------------------------------------------------------------

HEADER_WORDS = [
    ("Tên cơ quan, đơn vị", "body_name"),
    ("TEN CO QUAN DON VI", "body_name"),
    ("Cơ quan, đơn vị", "body_name"),
    ("Cơ quan", "body_name"),
    ("Tên đơn vị", "name_or_unit"),
    ("Loại cơ quan", "body_type"),
    ("Loại hình", "body_type"),
    ("loai hinh co quan", "body_type"),
    ("Số lãnh đạo chủ chốt", "key_leaders"),
    ("SL LĐCC", "key_leaders"),
    ("Số lãnh đạo\nchủ chốt là nữ", "key_leaders_female"),
    ("LĐCC nữ", "key_leaders_female"),
    ("Số cán bộ trong diện quy hoạch", "pool_total"),
    ("Tổng số cán bộ QH", "pool_total"),
    ("Số nữ trong diện quy hoạch", "pool_female"),
    ("SL nu trong dien QH", "pool_female"),
    ("Số nữ được đào tạo, tập huấn", "pool_female_trained"),
    ("Nữ được đào tạo, bồi dưỡng", "pool_female_trained"),
    ("Nữ QH được ĐT", "pool_female_trained"),
    ("Ghi chú", "note"),
    ("STT", "stt"),
    ("Tổng số", "_total"),
    ("Trong đó nữ", "_female"),
    ("Nữ", "_female"),
    ("Mã đơn vị", "unit_code"),
    ("Đơn vị", "unit_text"),
    ("Kỳ báo cáo", "period"),
    ("Năm", "year"),
    ("Quý", "quarter"),
    ("Tỷ lệ nữ (%)", None),
    ("Số điện thoại", None),
    ("", None),
]


@pytest.mark.parametrize(("label", "role"), HEADER_WORDS)
def test_classify_header(label, role):
    assert classify_header(label) == role


def test_header_after_30_rows_is_not_found(rd):
    book = wf.official_form()
    sheet = book[DATA]
    sheet.rows[:0] = [[None]] * 30
    sheet.merges = []
    report = rd(wf.to_xlsx(book))
    assert codes(report) == ["no_data_sheet"]


def test_ods_header_without_merges_carries_the_parent_right(rd):
    # the LibreOffice .ods has no merge information for calamine: "Trong đó nữ" under an empty
    # parent cell still belongs to "Lãnh đạo chủ chốt" on its left
    report = rd(wf.fixture("official_form.ods"))
    assert report.ok
    assert int(report.submissions[0].bodies["key_leaders_female"].sum()) == 5


def test_two_level_header_without_merged_cells(rd):
    book = wf.official_form()
    book[DATA].merges = []  # "centre across selection" instead of merging: no merge ranges
    report = rd(wf.to_xlsx(book))
    assert report.ok, [i.message_en for i in report.issues]


def test_data_sheet_named_so_lieu_is_preferred(rd):
    book = wf.official_form()
    other = wf.free_form().sheets[0]
    other.name = "Bản cũ"
    book.sheets.insert(0, other)
    for row in other.rows[4:]:
        if len(row) > 4 and isinstance(row[4], int):
            row[4] = 99  # different numbers: must not be read
    report = rd(wf.to_xlsx(book))
    assert report.ok
    assert report.submissions[0].sheet == DATA
    assert int(report.submissions[0].bodies["key_leaders"].sum()) == 12


# ---- numbers typed as text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12.0),
        (" 12 ", 12.0),
        ("12,0", 12.0),
        ("12.0", 12.0),
        ("1.234", 1234.0),
        ("1,234", 1234.0),
        ("1 234", 1234.0),
        ("\u00a012\u00a0", 12.0),
        ("2,5", 2.5),
        ("-3", -3.0),
        ("", None),
        ("  ", None),
        ("-", None),
        ("—", None),
    ],
)
def test_parse_number_text(text, value):
    assert parse_number_text(text) == value


@pytest.mark.parametrize("text", ["abc", "12 người", "1/2", "x", "3-4", "1,2,3"])
def test_parse_number_text_refuses(text):
    with pytest.raises(ValueError):
        parse_number_text(text)


def _written(n: int, style: int) -> str:
    forms = [
        str(n),
        f" {n} ",
        f"{n},0",
        f"{n}.0",
        f"{n}.00",
        f"{n:,}",
        f"{n:,}".replace(",", "."),
        f"{n:,}".replace(",", " "),
        f"\u00a0{n}",
        f"+{n}" if n >= 0 else f" {n}",
    ]
    return forms[style % len(forms)]


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=0, max_value=9))
def test_integers_written_any_way_round_trip(n, style):
    assert parse_number_text(_written(n, style)) == n


def test_counts_typed_as_text_and_empty_cells(rd):
    data = with_bodies(
        {
            0: {"key_leaders": " 2 ", "key_leaders_female": "1,0", "pool_total": "5.0"},
            1: {"key_leaders_female": None},  # empty count reads 0
        }
    )
    report = rd(data)
    assert report.ok, [i.message_en for i in report.issues]
    bodies = report.submissions[0].bodies
    assert list(bodies.loc[0, COUNT_COLUMNS]) == [2, 1, 5, 2, 1]
    assert bodies.loc[1, "key_leaders_female"] == 0


# ---- every issue code, with its sheet and cell -----------------------------------------------------


def _book_no_sources() -> bytes:
    return wf.to_xlsx(wf.official_form(info=False, org=None))


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    return buf.getvalue()


def _no_table() -> bytes:
    book = wf.Book([wf.Sheet("Sheet1", [["Báo cáo"], ["Không có bảng nào ở đây"], [1, 2, 3]])])
    return wf.to_xlsx(book)


def _missing_type() -> bytes:
    book = wf.official_form()
    book[DATA].set("C6", None)
    return wf.to_xlsx(book)


def _info(**kw) -> bytes:
    book = wf.official_form()
    sheet = book[INFO]
    labels = {"unit": 1, "name": 2, "year": 3, "quarter": 4}
    for key, value in kw.items():
        sheet.rows[labels[key]][1] = value
    return wf.to_xlsx(book)


ERROR_CASES = {
    # code: (make bytes, file name, expected (sheet, cell) of the issue)
    "unreadable_file:csv": (lambda: b"Ten co quan,So LDCC\nUBND,3\n", "bao_cao.csv", ("", "")),
    "unreadable_file:pdf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "bao_cao.pdf", ("", "")),
    "unreadable_file:docx": (_docx, "bao_cao.docx", ("", "")),
    "unreadable_file:truncated": (lambda: wf.to_xlsx(wf.official_form())[:3000], "bao_cao.xlsx", ("", "")),
    "unreadable_file:empty": (lambda: b"", "bao_cao.xlsx", ("", "")),
    "unreadable_file:xml-bomb": (wf.xlsx_with_xml_bomb, "bao_cao.xlsx", ("", "")),
    "encrypted_file:xlsx": (lambda: wf.encrypted_xlsx(wf.to_xlsx(wf.official_form())), "bao_cao.xlsx", ("", "")),
    "encrypted_file:xls": (lambda: wf.xls_with_filepass(wf.to_xls(wf.official_form())), "bao_cao.xls", ("", "")),
    "encrypted_file:ods": (wf.encrypted_ods, "bao_cao.ods", ("", "")),
    "file_too_large:upload": (lambda: b"PK\x03\x04" + bytes(20 * 1024 * 1024), "bao_cao.xlsx", ("", "")),
    "file_too_large:ratio": (wf.zip_bomb, "bao_cao.xlsx", ("", "")),
    "file_too_large:entries": (lambda: wf.zip_with_entries(10_001), "bao_cao.xlsx", ("", "")),
    "file_too_large:expanded": (lambda: wf.zip_declaring(300 * 1024 * 1024), "bao_cao.xlsx", ("", "")),
    "file_too_large:cells-far-apart-xlsx": (wf.far_cells_xlsx, "bao_cao.xlsx", ("", "")),
    "file_too_large:repeated-cells-ods": (wf.ods_with_repeats, "bao_cao.ods", ("", "")),
    "file_too_large:ten-digit-row-xlsx": (wf.xlsx_with_far_row, "bao_cao.xlsx", ("", "")),
    "file_too_large:row-without-cell-refs-xlsx": (
        lambda: wf.xlsx_with_far_row(3_000_000, cell_refs=False),
        "bao_cao.xlsx",
        ("", ""),
    ),
    "unreadable_file:string-count-xlsx": (wf.xlsx_with_shared_string_count, "bao_cao.xlsx", ("", "")),
    "unreadable_file:dimensions-xls": (lambda: wf.xls_with_dimensions(70, 5), "bao_cao.xls", ("", "")),
    "no_data_sheet": (_no_table, "bao_cao.xlsx", ("", "")),
    "missing_column": (_missing_type, "bao_cao.xlsx", (DATA, "A7")),
    "unknown_unit:register": (lambda: _info(unit="XX-99"), "bao_cao.xlsx", (INFO, "B2")),
    "unknown_unit:nowhere": (_book_no_sources, "bao_cao_2024Q3.xlsx", ("", "")),
    "unit_not_active": (lambda: _info(year=2025, quarter=3), "bao_cao.xlsx", (INFO, "B2")),
    "missing_period": (_book_no_sources, "HM-BD.xlsx", ("", "")),
    "invalid_period:quarter": (lambda: _info(quarter=5), "bao_cao.xlsx", (INFO, "B5")),
    "invalid_period:year": (lambda: _info(year=2019), "bao_cao.xlsx", (INFO, "B4")),
    "invalid_period:future": (lambda: _info(year=2027, quarter=1), "bao_cao.xlsx", (INFO, "B4")),
    "invalid_period:text": (lambda: _info(quarter="quý ba"), "bao_cao.xlsx", (INFO, "B5")),
    "not_a_number": (lambda: with_bodies({0: {"key_leaders": "abc"}}), "bao_cao.xlsx", (DATA, "D9")),
    "not_whole_number": (lambda: with_bodies({0: {"pool_total": 2.5}}), "bao_cao.xlsx", (DATA, "F9")),
    "negative_number": (lambda: with_bodies({1: {"pool_female": -1}}), "bao_cao.xlsx", (DATA, "G10")),
    "female_exceeds_total:key": (
        lambda: with_bodies({0: {"key_leaders_female": 5}}),
        "bao_cao.xlsx",
        (DATA, "E9"),
    ),
    "female_exceeds_total:pool": (lambda: with_bodies({2: {"pool_female": 9}}), "bao_cao.xlsx", (DATA, "G11")),
    "trained_exceeds_female": (
        lambda: with_bodies({3: {"pool_female_trained": 7}}),
        "bao_cao.xlsx",
        (DATA, "H12"),
    ),
    "duplicate_body": (lambda: with_bodies({4: {"body_name": "HỘI ĐỒNG NHÂN DÂN  XÃ"}}), "bao_cao.xlsx", (DATA, "B13")),
    "unknown_body_type": (lambda: with_bodies({1: {"body_type": "Bệnh viện"}}), "bao_cao.xlsx", (DATA, "C10")),
    "unknown_body_type:empty": (lambda: with_bodies({1: {"body_type": None}}), "bao_cao.xlsx", (DATA, "C10")),
    "no_data_rows": (
        lambda: wf.to_xlsx(wf.official_form([(b[0], b[1], None, None, None, None, None, "") for b in wf.BODIES])),
        "bao_cao.xlsx",
        (DATA, "A7"),
    ),
    "formula_without_value": (
        lambda: with_bodies({2: {"pool_total": wf.Formula("2+2")}}),
        "bao_cao.xlsx",
        (DATA, "F11"),
    ),
}


@pytest.mark.parametrize("case", ERROR_CASES)
def test_each_error_code(rd, case):
    code = case.split(":")[0]
    make, name, (sheet, cell) = ERROR_CASES[case]
    report = rd(make(), name)
    assert not report.ok
    assert report.submissions == []
    found = [i for i in report.issues if i.code == code]
    assert found, [(i.code, i.message_en) for i in report.issues]
    issue = found[0]
    assert issue.severity == "error"
    assert (issue.sheet, issue.cell) == (sheet, cell)
    assert issue.message_vi and issue.message_en and "{" not in issue.message_vi + issue.message_en
    if sheet and cell:
        assert issue.message_vi.startswith(f'Sheet "{sheet}", ô {cell}: ')


def test_error_messages_say_what_and_where(rd):
    report = rd(with_bodies({0: {"key_leaders_female": 5, "key_leaders": 3}}))
    (issue,) = [i for i in report.issues if i.code == "female_exceeds_total"]
    assert issue.message_vi == 'Sheet "Số liệu", ô E9: số nữ (5) lớn hơn tổng số lãnh đạo chủ chốt (3).'
    assert issue.value == "5"
    report = rd(with_bodies({2: {"pool_female": 9}}))
    (issue,) = [i for i in report.issues if i.code == "female_exceeds_total"]
    assert "tổng số cán bộ trong diện quy hoạch (4)" in issue.message_vi
    assert "the total planning pool (4)" in issue.message_en


def test_missing_columns_each_named(rd):
    book = wf.official_form()
    book[DATA].set("C6", None).set("H7", None)
    report = rd(wf.to_xlsx(book))
    missing = [i for i in report.issues if i.code == "missing_column"]
    assert {i.value for i in missing} == {"Loại cơ quan", "Nữ được đào tạo, bồi dưỡng"}
    assert any('"Loại cơ quan"' in i.message_vi for i in missing)


def test_unknown_body_type_lists_the_seven_choices(rd):
    report = rd(with_bodies({1: {"body_type": "Bệnh viện"}}))
    (issue,) = [i for i in report.issues if i.code == "unknown_body_type"]
    for bt in BodyType:
        assert bt.value in issue.message_vi
    assert issue.value == "Bệnh viện"


def test_body_types_match_loosely(rd):
    report = rd(with_bodies({0: {"body_type": "hdnd"}, 1: {"body_type": "Uy ban nhan dan"}, 3: {"body_type": "Đảng"}}))
    assert report.ok
    assert list(report.submissions[0].bodies["body_type"][:4]) == ["HĐND", "UBND", "Cơ quan chuyên môn", "Cơ quan Đảng"]


def _total_wrong() -> bytes:
    return wf.to_xlsx(wf.official_form(total=[99, 5, 33, 14, 9]))


def _skipped() -> bytes:
    bodies = [*wf.BODIES, ("Hội Nông dân xã", "MTTQ - đoàn thể", None, None, None, None, None, "")]
    return wf.to_xlsx(wf.official_form(bodies, total=None))


WARNING_CASES = {
    "total_mismatch": (_total_wrong, "bao_cao.xlsx", (DATA, "D14")),
    "no_key_leaders": (
        lambda: with_bodies({1: {"key_leaders": 0, "key_leaders_female": 0}}),
        "bao_cao.xlsx",
        (DATA, "D10"),
    ),
    "body_skipped": (_skipped, "bao_cao.xlsx", (DATA, "B14")),
    "period_conflict": (
        lambda: wf.to_xlsx(wf.official_form(period_title="BÁO CÁO QUÝ II NĂM 2024")),
        "bao_cao.xlsx",
        (DATA, "A4"),
    ),
    "period_conflict:file_name": (lambda: wf.to_xlsx(wf.official_form()), "HM-BD_2024Q2.xlsx", ("", "")),
    "unit_conflict": (
        lambda: wf.to_xlsx(wf.official_form(unit_label="Đơn vị: xã Tân Hiệp")),
        "bao_cao.xlsx",
        (DATA, "A5"),
    ),
    "unit_conflict:file_name": (lambda: wf.to_xlsx(wf.official_form()), "HM-TH_2024Q3.xlsx", ("", "")),
}


@pytest.mark.parametrize("case", WARNING_CASES)
def test_each_warning_code(rd, case):
    code = case.split(":")[0]
    make, name, (sheet, cell) = WARNING_CASES[case]
    report = rd(make(), name)
    assert report.ok, [(i.code, i.message_en) for i in report.errors]
    assert report.submissions
    found = [i for i in report.issues if i.code == code]
    assert found, [(i.code, i.message_en) for i in report.issues]
    assert found[0].severity == "warning"
    assert (found[0].sheet, found[0].cell) == (sheet, cell)
    assert "{" not in found[0].message_vi + found[0].message_en


def test_total_mismatch_names_column_and_sum(rd):
    report = rd(_total_wrong())
    mism = [i for i in report.issues if i.code == "total_mismatch"]
    assert [i.cell for i in mism] == ["D14"]
    assert "tổng các dòng là 12" in mism[0].message_vi and mism[0].value == "99"


def test_total_row_is_not_a_body_and_formula_totals_are_fine(rd):
    for total in ("sum", "formula", None):
        report = rd(wf.to_xlsx(wf.official_form(total=total)))
        assert report.ok and report.warnings == []
        assert len(report.submissions[0].bodies) == 5


def test_first_source_wins_and_conflicts_point_at_the_loser(rd):
    report = rd(wf.to_xlsx(wf.official_form(period_title="Quý II năm 2024")), "HM-TH_2023Q1.xlsx")
    sub = report.submissions[0]
    assert (sub.unit, str(sub.period)) == ("HM-BD", "2024Q3")
    conflicts = [(i.code, i.sheet, i.cell, i.value) for i in report.warnings]
    assert ("period_conflict", DATA, "A4", "2024Q2") in conflicts
    assert ("period_conflict", "", "", "2023Q1") in conflicts
    assert ("unit_conflict", "", "", "HM-TH") in conflicts


def test_all_issues_of_a_file_at_once(rd):
    bodies = [
        ("Hội đồng nhân dân xã", "HĐND", "abc", 1, 5, 2, 1, ""),  # not_a_number D9
        ("Ủy ban nhân dân xã", "Bệnh viện", 3, 0, 2.5, 3, 2, ""),  # unknown type C10, not whole F10
        ("Văn phòng", "Cơ quan chuyên môn", 2, 4, 4, -1, 2, ""),  # female > total E11, negative G11
        ("Đảng ủy xã", "Cơ quan Đảng", 3, 1, 10, 4, 6, ""),  # trained > female H12
        ("dang uy xa", "Cơ quan Đảng", 1, 0, 1, 0, 0, ""),  # duplicate B13
        ("Hội Nông dân", "MTTQ - đoàn thể", None, None, None, None, None, ""),  # skipped B14
    ]
    book = wf.official_form(bodies, total=[1, 1, 1, 1, 1], quarter=5)
    report = rd(wf.to_xlsx(book))
    got = {(i.code, i.cell) for i in report.issues}
    assert {
        ("not_a_number", "D9"),
        ("unknown_body_type", "C10"),
        ("not_whole_number", "F10"),
        ("female_exceeds_total", "E11"),
        ("negative_number", "G11"),
        ("trained_exceeds_female", "H12"),
        ("body_skipped", "B14"),
        ("invalid_period", "B5"),
    } <= got
    assert report.submissions == []


def test_duplicates_are_checked_within_a_unit_period_in_the_long_layout(rd):
    book = wf.long_layout()  # the same names for HM-BD 2024Q3 and X-BD 2025Q3: not duplicates
    assert rd(wf.to_xlsx(book)).ok
    book.sheets[0].rows.append(["HM-BD", "2024Q3", "ủy ban nhân dân xã", "UBND", 1, 0, 1, 0, 0, ""])
    report = rd(wf.to_xlsx(book))
    assert [(i.code, i.cell) for i in report.errors] == [("duplicate_body", "C12")]
    assert "dòng 3" in report.errors[0].message_vi


def test_long_layout_unit_names_resolved_with_each_rows_period(rd):
    groups = [("xã Bà Điểm", "2024Q3", wf.BODIES), ("Ba Diem", "2025Q3", wf.BODIES), ("Hóc Môn", "2025Q4", wf.BODIES)]
    report = rd(wf.to_xlsx(wf.long_layout(groups, unit_header="Đơn vị", year_quarter=True)))
    assert report.ok, [(i.code, i.message_en) for i in report.issues]
    assert [(s.unit, str(s.period)) for s in report.submissions] == [
        ("HM-BD", "2024Q3"),
        ("X-BD", "2025Q3"),
        ("X-HM", "2025Q4"),
    ]


def test_long_layout_unit_and_period_issues_once_per_value(rd):
    groups = [
        ("HM-BD", "2024Q3", wf.BODIES),
        ("ZZ-1", "2024Q3", wf.BODIES),  # unknown unit, 5 rows: one issue
        ("HM-TC", "2025Q3", wf.BODIES),  # merged away after 2025Q2
        ("X-BD", "2024Q7", wf.BODIES),
    ]
    report = rd(wf.to_xlsx(wf.long_layout(groups)))
    got = [(i.code, i.cell, i.value) for i in report.errors]
    assert ("unknown_unit", "A7", "ZZ-1") in got
    assert ("unit_not_active", "A12", "HM-TC") in got
    assert ("invalid_period", "B17", "2024Q7") in got
    assert len(got) == 3
    (na,) = [i for i in report.errors if i.code == "unit_not_active"]
    assert "X-BD" in na.message_vi  # tells where the unit went


# ---- where the unit and the period come from ---------------------------------------------------------


@pytest.mark.parametrize(
    ("book", "name", "want"),
    [
        (lambda: wf.official_form(), "x.xlsx", ("HM-BD", "2024Q3")),
        (lambda: wf.official_form(unit="X-BD", year=2025, quarter=3), "x.xlsx", ("X-BD", "2025Q3")),
        (lambda: wf.official_form(year=2024.0, quarter="III"), "x.xlsx", ("HM-BD", "2024Q3")),
        (lambda: wf.official_form(year="2024", quarter="Quý 3"), "x.xlsx", ("HM-BD", "2024Q3")),
        (
            lambda: wf.official_form(info=False, unit_label="Đơn vị: xã Bà Điểm", period_title="Quý III năm 2024"),
            "x.xlsx",
            ("HM-BD", "2024Q3"),
        ),
        (
            lambda: wf.official_form(info=False, unit_label="Đơn vị: xã Bà Điểm", period_title="Năm 2025 - Quý 3"),
            "x.xlsx",
            ("X-BD", "2025Q3"),
        ),
        (
            lambda: wf.official_form(info=False, org=None, unit_label="Đơn vị:", period_title="Kỳ báo cáo: 2024Q3"),
            "HM-TX_2024Q1.xlsx",
            ("HM-TX", "2024Q3"),
        ),
        (
            lambda: wf.official_form(info=False, org=None, period_title="Quý: III", unit_label="Năm:    2024"),
            "HM-BD.xlsx",
            ("HM-BD", "2024Q3"),
        ),
        (lambda: wf.official_form(info=False, org=None), "HM-BD_2024Q3.xlsx", ("HM-BD", "2024Q3")),
        (lambda: wf.official_form(info=False, org="HỘI LHPN XÃ TÂN HIỆP"), "x_2024Q3.xlsx", ("HM-TH", "2024Q3")),
        (
            lambda: wf.official_form(info=False, org=None, unit_label="Đơn vị: xã Bà Điểm (X-BD)"),
            "bc_2026Q3.xlsx",
            ("X-BD", "2026Q3"),
        ),
        (lambda: wf.free_form(title=None), "HM-BD 2024 Q3.xlsx", ("HM-BD", "2024Q3")),
        (lambda: wf.free_form(title=None), "Bà Điểm - Quý 3 - 2024.xlsx", ("HM-BD", "2024Q3")),
        (lambda: wf.free_form(title=None), "Bà Điểm - Quý 3 - 2025.xlsx", ("X-BD", "2025Q3")),
        (lambda: wf.free_form(title=None), "xa Ba Diem 2025Q4.xlsx", ("X-BD", "2025Q4")),
    ],
    ids=[
        "info",
        "info-new-unit",
        "info-float-year-roman-quarter",
        "info-text-year-quy-3",
        "title-block",
        "title-block-name-resolved-by-period",
        "title-kỳ-báo-cáo-and-file-unit",
        "title-quarter-and-year-labels",
        "file-name-code",
        "title-org-line",
        "title-name-and-code-in-brackets",
        "file-name-spaces",
        "file-name-words-old",
        "file-name-words-new",
        "file-name-no-separators",
    ],
)
def test_unit_and_period_sources(rd, book, name, want):
    report = rd(wf.to_xlsx(book()), name)
    assert report.ok, [(i.code, i.message_en) for i in report.issues]
    assert [(s.unit, str(s.period)) for s in report.submissions] == [want]


def test_info_sheet_with_name_only(rd):
    book = wf.official_form()
    book[INFO].rows[1][1] = None
    book[INFO].rows[2][1] = "Xã Bà Điểm"
    report = rd(wf.to_xlsx(book))
    assert [(s.unit, str(s.period)) for s in report.submissions] == [("HM-BD", "2024Q3")]


def test_unknown_unit_without_any_source_uses_the_missing_unit_message(rd):
    report = rd(_book_no_sources(), "bao_cao_2024Q3.xlsx")
    (issue,) = [i for i in report.issues if i.code == "unknown_unit"]
    assert issue.value == "" and "Mã đơn vị" in issue.message_vi


def test_area_is_not_a_reporting_unit(rd):
    report = rd(_info(unit="HM"))
    assert [i.code for i in report.errors] == ["unknown_unit"]
    assert "khu vực" in report.errors[0].message_vi


# ---- hostile input never raises --------------------------------------------------------------------

_REAL = {
    "xlsx": wf.to_xlsx(wf.official_form(total="formula")),
    "xls": wf.to_xls(wf.official_form()),
    "ods": wf.fixture("official_form.ods"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["a.xlsx", "a.xls", "a.ods", "a.csv", "", "a"]))
def test_random_bytes_never_raise(sample_register, data, name):
    report = read_submissions(data, name, sample_register, today=TODAY)
    assert not report.ok
    assert report.issues[0].code in {"unreadable_file", "encrypted_file", "file_too_large"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(_REAL)), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_real_files_never_raise(sample_register, fmt, cut):
    data = _REAL[fmt]
    report = read_submissions(data[: int(len(data) * cut)], f"a.{fmt}", sample_register, today=TODAY)
    assert isinstance(report.issues, list)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(_REAL)), st.integers(min_value=0, max_value=2**32), st.integers(1, 40))
def test_corrupted_real_files_never_raise(sample_register, fmt, seed, flips):
    rnd = random.Random(seed)
    data = bytearray(_REAL[fmt])
    for _ in range(flips):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    report = read_submissions(bytes(data), f"a.{fmt}", sample_register, today=TODAY)
    assert isinstance(report.issues, list)


def test_shared_strings_used_many_times_are_fine(rd):
    report = rd(wf.xlsx_with_shared_string_count(count=40, uses=4_000_000_000))
    assert report.ok


def test_not_bytes_input_never_raises(sample_register):
    for data in (None, bytearray(b"abc"), memoryview(b"PK\x03\x04")):
        report = read_submissions(data, None, sample_register)  # type: ignore[arg-type]
        assert not report.ok


def test_limits_report_sizes(rd):
    report = rd(wf.zip_bomb())
    (issue,) = report.issues
    assert issue.code == "file_too_large" and "100" in issue.message_en
    report = rd(b"PK\x03\x04" + bytes(20 * 1024 * 1024))
    assert "20" in report.issues[0].message_vi


def test_stdlib_xml_parsers_are_defused():
    import xml.etree.ElementTree as ET

    import gender_targets.workbook  # noqa: F401  (defuses on import)

    with pytest.raises(Exception, match=r"(?i)entit"):
        ET.fromstring(wf.LAUGHS + "<a>&lol9;</a>")


def test_benchmark_runs_on_a_small_workbook(root):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_intake", root / "benchmarks" / "bench_intake.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.run(rows=300)
    assert result["errors"] == 0 and result["pandas_rows"] == 300
    assert result["submissions"] == result["expected_submissions"]
    assert {"check_file_s", "read_excel_openpyxl_s", "ratio"} <= set(result)
