"""validation: issues built from the catalogue, severities by code, locations, the issues table."""

from __future__ import annotations

import string

import pytest

from gender_targets.i18n import MESSAGES
from gender_targets.validation import (
    ERROR_CODES,
    WARNING_CODES,
    Localized,
    Severity,
    a1,
    column_letter,
    issues_frame,
    make_issue,
)


@pytest.mark.parametrize("code", sorted(ERROR_CODES | WARNING_CODES))
def test_every_code_has_a_message_in_both_languages(code):
    vi, en = MESSAGES[f"issue.{code}"]
    assert vi and en
    names_vi = {f for _, f, _, _ in string.Formatter().parse(vi) if f}
    names_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
    assert names_vi == names_en


@pytest.mark.parametrize("code", sorted(ERROR_CODES | WARNING_CODES | {"not_your_unit"}))
def test_every_code_a_file_report_can_hold_has_a_short_name(code):
    """The upload page's "Loại" column names every issue in words (it showed ``not_your_unit``)."""
    vi, en = MESSAGES[f"issue_name.{code}"]
    assert vi and en and "_" not in vi


def test_issue_message_variants_share_placeholders_with_english():
    for key, (vi, en) in MESSAGES.items():
        if key.startswith("issue."):
            fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (vi, en)]
            assert fields[0] == fields[1], key


def test_codes_do_not_overlap():
    assert not ERROR_CODES & WARNING_CODES
    assert len(ERROR_CODES) == 22 and len(WARNING_CODES) == 11


@pytest.mark.parametrize(("code", "severity"), [("not_a_number", Severity.ERROR), ("total_mismatch", Severity.WARNING)])
def test_severity_follows_the_code(code, severity):
    issue = make_issue(code, sheet="Số liệu", cell="D9", value="abc", column="x", expected=1)
    assert issue.severity is severity
    assert issue.is_error == (severity is Severity.ERROR)


def test_unknown_code_is_refused():
    with pytest.raises(KeyError):
        make_issue("no_such_code")


def test_location_prefix_and_values():
    issue = make_issue(
        "female_exceeds_total",
        sheet="Số liệu",
        cell="E12",
        row=12,
        value=5,
        total=3,
        total_name=Localized.of("total.key_leaders"),
    )
    assert issue.message_vi == 'Sheet "Số liệu", ô E12: số nữ (5) lớn hơn tổng số lãnh đạo chủ chốt (3).'
    assert (
        issue.message_en
        == 'Sheet "Số liệu", cell E12: the number of women (5) is larger than the total number of key leaders (3).'
    )
    assert issue.value == "5" and issue.row == 12
    assert issue.message("en") == issue.message_en


def test_row_location_and_file_level_capitalised():
    by_row = make_issue("body_skipped", sheet="Số liệu", row=14, value="Hội Nông dân")
    assert by_row.message_vi.startswith('Sheet "Số liệu", dòng 14: dòng "Hội Nông dân"')
    file_level = make_issue("missing_period")
    assert file_level.message_vi.startswith("Không xác định được kỳ báo cáo")
    assert file_level.message_en.startswith("The reporting period is missing")


def test_localized_params_and_message_key():
    issue = make_issue(
        "not_a_number", sheet="S", cell="D9", value="abc", column=Localized("Lãnh đạo chủ chốt", "Key leaders")
    )
    assert "cột Lãnh đạo chủ chốt" in issue.message_vi and "column Key leaders" in issue.message_en
    variant = make_issue("unknown_unit", value="", message_key="issue.missing_unit")
    assert variant.code == "unknown_unit" and "Mã đơn vị" in variant.message_vi
    assert Localized.of("col.note") == Localized("Ghi chú", "Note")
    assert str(Localized("vi", "en")) == "vi"


def test_missing_parameter_stays_visible_rather_than_crashing():
    issue = make_issue("not_a_number", value="abc")
    assert "{column}" in issue.message_vi


def test_to_dict_shape():
    issue = make_issue("no_data_rows", sheet="Số liệu", row=7)
    d = issue.to_dict("vi")
    assert set(d) >= {"code", "severity", "sheet", "cell", "value", "message"}
    assert d["severity"] == "error" and d["cell"] == "row 7"


def test_issues_frame():
    issues = [make_issue("no_data_rows", sheet="S", cell="A7"), make_issue("missing_period")]
    frame = issues_frame(issues, "en", file="a.xlsx")
    assert list(frame.columns) == ["file", "severity", "code", "sheet", "cell", "value", "message"]
    assert list(frame["code"]) == ["no_data_rows", "missing_period"]
    assert list(issues_frame([]).columns) == ["severity", "code", "sheet", "cell", "value", "message"]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")])
def test_column_letter(index, letters):
    assert column_letter(index) == letters


def test_a1():
    assert a1(0, 0) == "A1"
    assert a1(11, 4) == "E12"
