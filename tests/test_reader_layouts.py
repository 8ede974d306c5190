"""Layouts other offices send (issue 10, items 4–6) and the unit messages of item 13.

- abbreviated headers: ``LĐCC``, ``CB QH`` / ``QH``, ``TS``, ``SL nữ``, ``Nữ ĐT-BD``;
- periods written ``I/2023``, ``III/2024`` in a period column, the title block or the file name;
- a merged cell applies to every cell it covers: a body type beside a group of bodies, a unit
  merged down a long layout (xlsx, xls and LibreOffice's ods);
- the unknown-unit example names a unit that exists today; the inactive-unit message shows
  "Quý III/2026", never "2026Q3".
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gender_targets.periods import Period
from gender_targets.schema import BODY_COLUMNS, COUNT_COLUMNS
from gender_targets.workbook import read_submissions
from tests import wbfactory as wf

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def rd(sample_register):
    def _read(data: bytes, name: str = "bao_cao.xlsx"):
        return read_submissions(data, name, sample_register, today=TODAY)

    return _read


def bodies_of(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=BODY_COLUMNS)
    for c in COUNT_COLUMNS:
        frame[c] = frame[c].astype("int64")
    return frame


def assert_bodies(sub, rows: list[tuple]) -> None:
    got = sub.bodies[BODY_COLUMNS].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, bodies_of(rows), check_dtype=False)


# ---- item 4: abbreviated headers --------------------------------------------------------------------


@pytest.mark.parametrize("style", sorted(wf.ABBREVIATED_HEADERS))
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_abbreviated_headers(rd, style, fmt):
    book = wf.abbreviated_form(style)
    data = wf.to_xlsx(book) if fmt == "xlsx" else wf.to_xls(book)
    report = rd(data, f"bao_cao.{fmt}")
    assert report.ok, [i.message_en for i in report.errors]
    (sub,) = report.submissions
    assert (sub.unit, sub.period) == ("HM-BD", Period(2024, 3))
    assert_bodies(sub, wf.BODIES)


# ---- item 5: roman quarters with a slash --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [("III/2024", Period(2024, 3)), ("I/2023", Period(2023, 1)), ("IV-2025", Period(2025, 4))],
)
def test_roman_period_in_a_period_column(rd, written, expected):
    book = wf.long_layout([("HM-BD" if expected < Period(2025, 3) else "X-BD", written, wf.BODIES)])
    report = rd(wf.to_xlsx(book), "tong_hop.xlsx")
    assert report.ok, [i.message_en for i in report.errors]
    assert [s.period for s in report.submissions] == [expected]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Báo cáo số liệu III/2024", Period(2024, 3)),
        ("Kỳ báo cáo: I/2023", Period(2023, 1)),
        ("BÁO CÁO QUÝ II/2024", Period(2024, 2)),
    ],
)
def test_roman_period_in_the_title_block(rd, title, expected):
    report = rd(wf.to_xlsx(wf.official_form(info=False, period_title=title)))
    assert report.ok, [i.message_en for i in report.errors]
    assert [(s.unit, s.period) for s in report.submissions] == [("HM-BD", expected)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bao_cao_III-2024.xlsx", Period(2024, 3)),
        ("Bà Điểm I-2023.xlsx", Period(2023, 1)),
        ("HM-BD III/2024.xlsx".replace("/", "-"), Period(2024, 3)),
    ],
)
def test_roman_period_in_the_file_name(rd, name, expected):
    report = rd(wf.to_xlsx(wf.official_form(info=False)), name)
    assert report.ok, [i.message_en for i in report.errors]
    assert [(s.unit, s.period) for s in report.submissions] == [("HM-BD", expected)]


def test_a_lone_roman_numeral_beside_a_year_is_no_period():
    from gender_targets.periods import search_period

    assert search_period("Chương I 2024") is None
    assert search_period("Phụ lục V/2024") is None
    assert search_period("Quý III/2024") == (2024, 3)


# ---- item 6: merged cells apply to every cell they cover ----------------------------------------------


def _merged_types(fmt: str) -> bytes:
    book = wf.merged_types_form()
    return {"xlsx": wf.to_xlsx, "xls": wf.to_xls}[fmt](book) if fmt != "ods" else wf.fixture("merged_types.ods")


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_body_type_merged_beside_a_group(rd, fmt):
    report = rd(_merged_types(fmt), f"bao_cao.{fmt}")
    assert report.ok, [i.message_en for i in report.errors]
    (sub,) = report.submissions
    assert_bodies(sub, wf.MERGED_BODIES)


def _merged_unit(fmt: str) -> bytes:
    if fmt == "ods":
        return wf.fixture("merged_unit_long.ods")
    return {"xlsx": wf.to_xlsx, "xls": wf.to_xls}[fmt](wf.merged_unit_long())


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_unit_merged_down_a_long_layout(rd, fmt):
    report = rd(_merged_unit(fmt), f"tong_hop.{fmt}")
    assert report.ok, [i.message_en for i in report.errors]
    assert [(s.unit, s.period, len(s.bodies)) for s in report.submissions] == [
        ("HM-BD", Period(2024, 3), 5),
        ("X-BD", Period(2025, 3), 5),
    ]


def test_merged_counts_are_not_copied(rd):
    """A count merged down two rows is one number, not two: the second row reads 0 (empty)."""
    book = wf.official_form(total=None)
    s = book["Số liệu"]
    s.set("F10", None)
    s.merges.append("F9:F10")
    report = rd(wf.to_xlsx(book))
    assert "female_exceeds_total" in [i.code for i in report.issues]  # row 10: 3 women of 0


# ---- item 13: the unit messages ------------------------------------------------------------------------


def test_unknown_unit_example_names_a_current_unit(rd, sample_register):
    report = rd(wf.to_xlsx(wf.official_form(unit="NOPE", org=None)))
    (issue,) = [i for i in report.errors if i.code == "unknown_unit"]
    example = issue.params["example"].split(" / ")[0]
    assert sample_register.is_active(example, Period.of_date(TODAY))
    assert example in issue.message_vi


def test_inactive_unit_message_shows_the_quarter_in_words(rd):
    report = rd(wf.to_xlsx(wf.official_form(unit="HM-BD", year=2026, quarter=3, org=None)))
    (issue,) = [i for i in report.errors if i.code == "unit_not_active"]
    assert "Quý III/2026" in issue.message_vi and "2026Q3" not in issue.message_vi
    assert "Q3 2026" in issue.message_en
    assert "Quý II/2025" in issue.message_vi  # the unit's last quarter
