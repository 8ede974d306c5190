"""The web form's core (``gender_targets.entry``) and the unit's own template (issue 23): one count
field parsed like a workbook cell (a letter refused), nothing empty stored as 0 unless asked, every
issue of the check worded with the agency and the field (never a sheet, a cell or a code), and the
template listing the unit's own agencies from its last accepted quarter."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from gender_targets.entry import (
    EntryError,
    empty_fields,
    entry_workbook,
    fill_empty,
    form_issues,
    kept_rows,
    parse_count,
    previous_counts,
    start_rows,
)
from gender_targets.intake import check_file
from gender_targets.periods import Period
from gender_targets.schema import COUNT_COLUMNS
from gender_targets.template import (
    BODY_ROWS,
    COLUMNS,
    DATA_SHEET,
    FIRST_BODY_ROW,
    last_quarter_bodies,
    make_template,
    suggested_bodies,
    template_bodies,
    total_row,
)

TODAY = dt.date(2026, 11, 24)
Q3, Q2 = Period(2026, 3), Period(2026, 2)
LETTER = {c.name: c.letter for c in COLUMNS}
AGENCIES = [
    ("HĐND xã", "HĐND", 2, 1, 6, 3, 2),
    ("UBND xã", "UBND", 4, 1, 14, 5, 4),
    ("Phòng Kinh tế", "Cơ quan chuyên môn", 3, 0, 8, 3, 3),
    ("Hội LHPN xã", "MTTQ - đoàn thể", 3, 3, 6, 5, 4),
]


def stored_quarter(unit: str = "X-BD", period: Period = Q2, agencies=AGENCIES) -> pd.DataFrame:
    """Active body rows as ``Store.active_bodies`` gives them."""
    rows = [
        {"submission_id": 1, "unit": unit, "period": str(period), "body_name": a[0], "body_type": a[1], "note": ""}
        | dict(zip(COUNT_COLUMNS, a[2:], strict=True))
        for a in agencies
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3", 3), (" 12 ", 12), ("12,0", 12), ("0", 0), ("", None), ("  ", None), ("-", None), (None, None), (7, 7)],
)
def test_a_count_field_as_typed(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1a", "entry_not_a_number"),
        ("e", "entry_not_a_number"),
        ("ba", "entry_not_a_number"),
        ("2,5", "entry_not_whole"),
        ("-1", "entry_negative"),
    ],
)
def test_a_letter_is_refused_on_the_spot(text, code):
    with pytest.raises(EntryError) as exc:
        parse_count(text)
    assert exc.value.code == code and exc.value.params["value"] == text.strip()
    from gender_targets.i18n import describe

    said = describe(exc.value, "vi")
    assert text.strip() in said and "error" not in said.lower() and code not in said


def test_cards_start_from_her_agencies_with_empty_counts(sample_register):
    stored = stored_quarter()
    rows, source = start_rows(sample_register, "X-BD", Q3, stored)
    assert source == "previous"
    assert rows["body_name"].tolist() == [a[0] for a in AGENCIES]
    assert rows["body_type"].tolist() == [a[1] for a in AGENCIES]
    assert rows[COUNT_COLUMNS].isna().all().all()  # nothing typed yet: nothing filled in silently
    assert previous_counts(stored, "X-BD", Q3)["ubnd xa"] == dict(zip(COUNT_COLUMNS, AGENCIES[1][2:], strict=True))
    # her own latest submission of this very quarter (returned): the counts as she sent them
    own = stored_quarter(period=Q3).drop(columns=["unit", "period", "submission_id"])
    rows, source = start_rows(sample_register, "X-BD", Q3, stored, own=own)
    assert source == "own" and rows["key_leaders"].tolist() == [a[2] for a in AGENCIES]
    # no history: the usual agencies of a commune
    rows, source = start_rows(sample_register, "X-BD", Q3, stored.iloc[0:0])
    assert source == "suggested" and rows["body_name"].tolist() == [
        n for n, _ in suggested_bodies(sample_register, "X-BD", Q3)
    ]


def test_empty_fields_are_asked_about_then_zero_only_when_she_says_so():
    rows = pd.DataFrame(
        [
            {"body_name": "UBND xã", "body_type": "UBND", "key_leaders": 3, "key_leaders_female": None, "note": ""},
            {"body_name": "", "body_type": "", "note": ""},  # an empty card: left out, nothing asked
        ]
    )
    blanks = empty_fields(rows)
    assert blanks == [(0, c) for c in COUNT_COLUMNS if c != "key_leaders"]
    assert kept_rows(rows) == [0]
    filled = fill_empty(rows)
    assert filled.loc[0, COUNT_COLUMNS].tolist() == [3, 0, 0, 0, 0]
    assert empty_fields(filled) == []


def _cards(agencies=AGENCIES) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"body_name": a[0], "body_type": a[1], "note": ""} | dict(zip(COUNT_COLUMNS, a[2:], strict=True))
            for a in agencies
        ]
    )


def test_the_cards_are_checked_as_her_workbook_and_every_issue_names_the_agency_and_the_field(sample_register):
    rows = _cards().astype(object)
    rows.loc[1, "key_leaders_female"] = 9  # UBND xã: more women than leaders
    rows.loc[3, "body_name"] = "HĐND xã"  # the same agency twice
    report = check_file(
        entry_workbook(sample_register, "X-BD", Q3, rows, today=TODAY), "f.xlsx", sample_register, TODAY
    )
    assert {i.code for i in report.errors} == {"female_exceeds_total", "duplicate_body"}
    found = form_issues(report, rows, "xã Bà Điểm")
    by_code = {i.code: i for i in found}
    exceeds = by_code["female_exceeds_total"]
    assert (exceeds.row, exceeds.field, exceeds.agency) == (1, "key_leaders_female", "UBND xã")
    assert (
        exceeds.message("vi")
        == "UBND xã · Số lãnh đạo chủ chốt là nữ: số nữ (9) lớn hơn tổng số lãnh đạo chủ chốt (4)."
    )
    assert exceeds.message("en").startswith("UBND xã · Key leaders who are women: the number of women (9)")
    dup = by_code["duplicate_body"]
    assert dup.row == 3 and "cơ quan thứ 1" in dup.message("vi")
    for issue in found:
        for lang in ("vi", "en"):
            text = issue.message(lang)
            assert not re.search(r"\bSheet\b|\bô [A-Z]+\d+|\bcell\b|\bdòng \d+|\brow \d+", text), text
            assert issue.code not in text and "_" not in text, text


def test_no_agency_with_numbers_and_an_unnamed_card(sample_register):
    rows = pd.DataFrame([{"body_name": "", "body_type": "UBND", "key_leaders": 2, "key_leaders_female": 1}])
    report = check_file(
        entry_workbook(sample_register, "X-BD", Q3, rows, today=TODAY), "f.xlsx", sample_register, TODAY
    )
    found = form_issues(report, rows, "xã Bà Điểm")
    assert found and all("thứ 1" in i.message("vi") or i.row is None for i in found), [i.message("vi") for i in found]
    empty = pd.DataFrame([{"body_name": "UBND xã", "body_type": "UBND"}])
    report = check_file(
        entry_workbook(sample_register, "X-BD", Q3, empty, today=TODAY), "f.xlsx", sample_register, TODAY
    )
    messages = [i.message("vi") for i in form_issues(report, empty, "xã Bà Điểm")]
    assert any("Chưa có cơ quan nào có số liệu" in m for m in messages), messages


def test_a_long_list_of_agencies_fits(sample_register):
    many = [(f"Cơ quan {i:02d}", "Khác", 1, 0, 2, 1, 1) for i in range(BODY_ROWS + 5)]
    rows = _cards(many)
    report = check_file(
        entry_workbook(sample_register, "X-BD", Q3, rows, today=TODAY), "f.xlsx", sample_register, TODAY
    )
    assert report.ok, [i.message("vi") for i in report.issues]
    assert len(report.submissions[0].bodies) == BODY_ROWS + 5


# -- her own template ---------------------------------------------------------------------------------
def _data_sheet(data: bytes):
    return load_workbook(io.BytesIO(data))[DATA_SHEET]


def test_her_template_lists_her_agencies_and_optionally_last_quarters_numbers(sample_register):
    stored = stored_quarter()
    assert last_quarter_bodies(stored, "X-BD", Q3)["period"].unique().tolist() == [str(Q2)]
    assert last_quarter_bodies(stored, "X-BD", Q2).empty  # nothing before the quarter itself
    bodies = template_bodies(sample_register, "X-BD", Q3, stored)
    ws = _data_sheet(make_template(sample_register, "X-BD", Q3, bodies=bodies, today=TODAY))
    names = [ws[f"B{FIRST_BODY_ROW + i}"].value for i in range(len(AGENCIES) + 1)]
    assert names == [a[0] for a in AGENCIES] + [None]
    assert [ws[f"C{FIRST_BODY_ROW + i}"].value for i in range(len(AGENCIES))] == [a[1] for a in AGENCIES]
    assert all(ws[f"{LETTER[c]}{FIRST_BODY_ROW}"].value is None for c in COUNT_COLUMNS)
    ws = _data_sheet(make_template(sample_register, "X-BD", Q3, bodies=bodies, with_numbers=True, today=TODAY))
    assert [ws[f"{LETTER[c]}{FIRST_BODY_ROW + 1}"].value for c in COUNT_COLUMNS] == list(AGENCIES[1][2:])
    assert ws[f"B{total_row()}"].value == "Tổng cộng"
    # a unit with no history: the generic list
    generic = template_bodies(sample_register, "X-BD", Q3, stored.iloc[0:0])
    assert generic["body_name"].tolist() == [n for n, _ in suggested_bodies(sample_register, "X-BD", Q3)]
    # another unit's history is not hers
    assert template_bodies(sample_register, "X-HM", Q3, stored)["body_name"].tolist() == [
        n for n, _ in suggested_bodies(sample_register, "X-HM", Q3)
    ]


def test_a_template_with_her_numbers_reads_back_as_that_quarter(sample_register):
    bodies = template_bodies(sample_register, "X-BD", Q3, stored_quarter())
    data = make_template(sample_register, "X-BD", Q3, bodies=bodies, with_numbers=True, today=TODAY)
    report = check_file(data, "Mau_bieu_X-BD_2026Q3.xlsx", sample_register, TODAY)
    assert report.ok, [i.message("vi") for i in report.issues]
    got = report.submissions[0].bodies
    assert got["body_name"].tolist() == [a[0] for a in AGENCIES]
    assert got["pool_total"].tolist() == [a[4] for a in AGENCIES]


def test_the_command_line_template_lists_her_agencies_too(sample_register, tmp_path):
    from gender_targets import intake
    from gender_targets.cli import main as cli_main
    from gender_targets.store import open_store

    db = tmp_path / "t.db"
    store = open_store(db)
    try:
        store.save_register(sample_register)
        data = entry_workbook(sample_register, "X-BD", Q2, _cards(), today=TODAY)
        assert intake.import_upload(store, data, "X-BD_2026Q2.xlsx", today=TODAY).ok
    finally:
        store.close()
    out = tmp_path / "mau.xlsx"
    assert cli_main(["template", "--unit", "X-BD", "--period", "2026Q3", "-o", str(out), "--db", str(db)]) == 0
    ws = _data_sheet(out.read_bytes())
    assert [ws[f"B{FIRST_BODY_ROW + i}"].value for i in range(len(AGENCIES))] == [a[0] for a in AGENCIES]
    assert ws[f"D{FIRST_BODY_ROW}"].value is None
    assert (
        cli_main(
            ["template", "--unit", "X-BD", "--period", "2026Q3", "-o", str(out), "--db", str(db), "--with-numbers"]
        )
        == 0
    )
    assert _data_sheet(out.read_bytes())[f"D{FIRST_BODY_ROW}"].value == AGENCIES[0][2]


def test_an_agency_left_out_is_said_for_the_cards(sample_register, tmp_path):
    """The check's history warning (an agency of last quarter missing) in the form's words."""
    from gender_targets import intake
    from gender_targets.store import open_store

    store = open_store(tmp_path / "t.db")
    try:
        store.save_register(sample_register)
        data = entry_workbook(sample_register, "X-BD", Q2, _cards(), today=TODAY)
        assert intake.import_upload(store, data, "X-BD_2026Q2.xlsx", today=TODAY).ok
        rows = _cards(AGENCIES[:3])
        report = intake.check_upload(
            entry_workbook(sample_register, "X-BD", Q3, rows, today=TODAY), "f.xlsx", store=store, today=TODAY
        )
    finally:
        store.close()
    [missing] = [i for i in form_issues(report, rows, "xã Bà Điểm") if i.code == "missing_bodies"]
    assert missing.row is None and not missing.is_error
    text = missing.message("vi")
    assert text.startswith("Thiếu 1 cơ quan so với Quý II/2026: Hội LHPN xã.") and "sheet" not in text, text


def test_a_draft_is_hers_alone_and_never_the_unions(db_url):
    """The web form's draft (store/drafts.py): kept per account, unit and quarter; another unit's
    officer may not write one for her unit; too large is not kept; no audit entry, no new data
    version (the dashboards do not move), and a restore does not bring one back."""
    from gender_targets.accounts import Account, Role
    from gender_targets.backup import make_backup, restore_backup
    from gender_targets.errors import PermissionDenied
    from gender_targets.sample import load_sample
    from gender_targets.store import open_store

    store = open_store(db_url)
    try:
        load_sample(store)
        her = Account(username="xahm", role=Role.UNIT, units=("X-HM",))
        other = Account(username="xabd", role=Role.UNIT, units=("X-BD",))
        content = {"cards": [0, 1], "next": 2, "values": {"entry_X-HM_2026Q3_cnt_0_key_leaders": "7"}}
        backup = make_backup(store)
        version, audited = store.data_version(), len(store.audit_log())
        assert store.save_draft(her, "X-HM", "2026Q3", content)
        assert store.save_draft(her, "X-HM", "2026Q3", {**content, "next": 3})  # the latest kept
        found, saved_at = store.draft(her, "X-HM", "2026Q3")
        assert found["next"] == 3 and saved_at
        assert store.draft(other, "X-HM", "2026Q3") is None and store.draft(her, "X-HM", "2026Q2") is None
        with pytest.raises(PermissionDenied):
            store.save_draft(other, "X-HM", "2026Q3", content)
        assert not store.save_draft(her, "X-HM", "2026Q3", {"values": {"x": "9" * 300_000}})
        assert store.data_version() == version and len(store.audit_log()) == audited
        restore_backup(store, backup)
        assert store.draft(her, "X-HM", "2026Q3") is None
        store.save_draft(her, "X-HM", "2026Q3", content)
        store.drop_draft(her, "X-HM", "2026Q3")
        assert store.draft(her, "X-HM", "2026Q3") is None
    finally:
        store.close()
