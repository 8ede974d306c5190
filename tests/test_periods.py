"""periods: parsing what people write, ordering, labels, the time axis and the validity rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_targets.periods import (
    MIN_YEAR,
    Period,
    PeriodError,
    parse_period,
    parse_quarter,
    parse_year,
    period_range,
    search_period,
)

periods = st.builds(Period, st.integers(1990, 2100), st.integers(1, 4))


@pytest.mark.parametrize(
    "text",
    [
        "2024Q3",
        "2024q3",
        "2024-Q3",
        "2024 Q3",
        "Q3 2024",
        "Q3/2024",
        "Quý III/2024",
        "quy 3 nam 2024",
        "Quý 3 - 2024",
        "2024 quý 3",
        "Năm 2024 Quý III",
    ],
)
def test_parse_period_accepts_common_spellings(text):
    assert parse_period(text) == Period(2024, 3)


@pytest.mark.parametrize("text", ["2024Q5", "2024Q0", "abc", "", "2024", "Quý 3", "Q3"])
def test_parse_period_refuses(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_quarter_out_of_range_is_refused_by_the_type():
    with pytest.raises(PeriodError):
        Period(2024, 5)


@given(periods)
def test_str_round_trips(p):
    assert parse_period(str(p)) == p
    assert parse_period(p.label("vi")) == p
    assert parse_period(p.label("en")) == p


@given(periods, st.integers(-50, 50))
def test_index_and_shift(p, n):
    assert Period.from_index(p.index) == p
    assert p.shift(n).index == p.index + n
    assert (p.shift(n) > p) == (n > 0)


@given(periods)
def test_axis_and_dates(p):
    assert p.axis == p.year + (p.quarter - 1) / 4
    assert p.start <= p.end
    assert p.end + dt.timedelta(days=1) == p.shift(1).start
    assert Period.of_date(p.start) == p == Period.of_date(p.end)


def test_labels():
    assert Period(2024, 3).label("vi") == "Quý III/2024"
    assert Period(2024, 3).label("en") == "Q3 2024"
    assert str(Period(2024, 3)) == "2024Q3"
    assert Period(2024, 3).axis == 2024.5


def test_period_range():
    assert [str(p) for p in period_range(Period(2024, 3), Period(2025, 2))] == ["2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    assert period_range(Period(2025, 1), Period(2024, 4)) == []


@pytest.mark.parametrize(
    ("period", "today", "ok"),
    [
        (Period(2024, 3), dt.date(2026, 11, 24), True),
        (Period(2026, 4), dt.date(2026, 11, 24), True),  # started 1/10
        (Period(2027, 1), dt.date(2026, 11, 24), False),  # starts after today
        (Period(MIN_YEAR, 1), dt.date(2026, 11, 24), True),
        (Period(MIN_YEAR - 1, 4), dt.date(2026, 11, 24), False),
    ],
)
def test_check(period, today, ok):
    if ok:
        period.check(today)
    else:
        with pytest.raises(PeriodError):
            period.check(today)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("HM-BD_2024Q3", (2024, 3)),
        ("HM-BD 2024 Q3", (2024, 3)),
        ("Bà Điểm - Quý 3 - 2024", (2024, 3)),
        ("BÁO CÁO SỐ LIỆU QUÝ III NĂM 2024", (2024, 3)),
        ("Năm 2024 - Quý 3", (2024, 3)),
        ("Kỳ báo cáo: 2024Q3", (2024, 3)),
        ("Q4/2025", (2025, 4)),
        ("2024Q5", (2024, 5)),  # found, quarter not checked: reported as invalid, not missing
        ("quý IV năm 2023", (2023, 4)),
        ("Báo cáo năm 2024", None),
        ("Quý 3", None),
        ("HM-BD", None),
        ("", None),
    ],
)
def test_search_period(text, found):
    assert search_period(text) == found


@pytest.mark.parametrize(
    ("value", "year"),
    [
        (2024, 2024),
        (2024.0, 2024),
        ("2024", 2024),
        (" 2024 ", 2024),
        ("Năm 2024", 2024),
        ("2024.0", 2024),
        (2024.5, None),
        ("hai nghìn", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_year(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize(
    ("value", "quarter"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        ("III", 3),
        ("iv", 4),
        ("Quý 3", 3),
        ("Quý III", 3),
        ("Q2", 2),
        ("3.0", 3),
        (5, 5),
        ("V", 5),
        (2.5, None),
        ("ba", None),
        (None, None),
        (False, None),
    ],
)
def test_parse_quarter(value, quarter):
    assert parse_quarter(value) == quarter


def test_the_day_is_vietnams_whatever_the_servers_time_zone():
    """01:30 on 7/12 in Hà Nội is 18:30 on 6/12 UTC: file names, "Ngày lập", the quarter due and
    deadlines read Vietnam's day (the phone walk-through found UTC dates in file names)."""
    import datetime as dt
    import re
    from pathlib import Path

    from gender_targets.clock import today_vn, vn_date

    assert today_vn(dt.datetime(2026, 12, 6, 18, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 7)
    assert today_vn(dt.datetime(2026, 12, 6, 16, 59, tzinfo=dt.UTC)) == dt.date(2026, 12, 6)
    assert vn_date("2026-10-05T17:30:00+00:00") == dt.date(2026, 10, 6) and vn_date("") is None
    # one clock: no module of the core or the pages asks the server's local day or time itself
    root = Path(__file__).resolve().parents[1]
    asked = re.compile(r"\b(?:dt\.)?date\.today\(\)|\b(?:dt\.)?datetime\.now\(\)")
    found = [
        f"{p.relative_to(root)}:{n}"
        for folder in ("gender_targets", "pages", "ui")
        for p in sorted((root / folder).rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if asked.search(line.split("#")[0])
    ]
    assert (root / "app.py").read_text(encoding="utf-8").count("date.today()") == 0
    assert found == [], found
