"""Attack: a count too large to be a number of people (second attack pass).

Typed in the web form ("99999999999999999999999") or written in a workbook cell, a count past 2**63
passed the check with a warning and was stored as -9223372036854775808: a negative number of women
that every indicator, chart and report then used. Now any count past ``MAX_COUNT`` (a million) is
refused: on the spot in the form, as an error of the check in a workbook."""

from __future__ import annotations

import pytest

from gender_targets.entry import EntryError, entry_workbook, parse_count
from gender_targets.i18n import describe
from gender_targets.intake import check_file
from gender_targets.schema import MAX_COUNT
from tests.test_entry import Q3, TODAY, _cards


@pytest.mark.parametrize("typed", ["99999999999999999999999", "9223372036854775808", "1.000.001"])
def test_the_form_refuses_a_count_too_large_on_the_spot(typed):
    with pytest.raises(EntryError) as exc:
        parse_count(typed)
    assert exc.value.code == "entry_too_large"
    assert "1.000.000" in describe(exc.value, "vi")
    assert parse_count(str(MAX_COUNT)) == MAX_COUNT


@pytest.mark.parametrize("count", [2**63, 10**23, MAX_COUNT + 1])
def test_a_workbook_with_a_count_too_large_stores_nothing(sample_register, count):
    rows = _cards().astype(object)
    rows.loc[1, "key_leaders_female"] = count  # what a crafted workbook holds in one cell
    report = check_file(
        entry_workbook(sample_register, "X-BD", Q3, rows, today=TODAY), "f.xlsx", sample_register, TODAY
    )
    assert [i.code for i in report.errors] == ["not_a_number"]
    assert "quá lớn" in report.errors[0].message_vi and "too large" in report.errors[0].message_en
