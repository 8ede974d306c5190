"""Progress toward the targets (SPEC §3, §7): every rule with its boundaries, computed by hand.

Most cases use I2 with the default targets (2025: 40, 2030: 50) and today = 2026-11-24, so a
series ending 2026Q3 has ``years_left = (index(2030Q4) − index(2026Q3)) / 4 = 17 / 4 = 4.25``.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest

from gender_targets.indicators import compute_indicators
from gender_targets.judgement import STATUS_COLUMNS, status_table
from gender_targets.periods import Period
from gender_targets.progress import (
    MilestoneResult,
    Status,
    assess,
    method_text,
    milestones_for,
    projection_frame,
    projection_point,
    required_path_frame,
)
from gender_targets.schema import DEFAULT_TARGETS
from gender_targets.units import register_from_frame

TODAY = dt.date(2026, 11, 24)
T = DEFAULT_TARGETS


def series(points: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"period": list(points), "value": list(points.values())})


def line(end: str, n: int, v_end: float, per_year: float) -> pd.DataFrame:
    """n consecutive quarters ending at ``end`` on a straight line of slope ``per_year`` pp/year."""
    last = Period(int(end[:4]), int(end[-1]))
    return series({str(last.shift(-k)): v_end - per_year * k / 4 for k in range(n)})


def targets(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator", "year", "target_percent"])


# -- the worked example of docs/method.md ---------------------------------------------------------------

WORKED = {
    "2021Q4": 25.0,
    "2022Q4": 30.0,
    "2023Q2": 33.0,  # older than the 12-quarter window 2023Q4-2026Q3: not in the rate
    "2025Q4": 36.0,
    "2026Q1": 36.5,
    "2026Q2": 37.0,
    "2026Q3": 38.0,
}


def test_worked_example_of_the_method_document():
    p = assess(series(WORKED), "I2", T, today=TODAY)
    assert (p.period, p.value) == ("2026Q3", 38.0)
    assert (p.baseline_period, p.baseline_value) == ("2021Q4", 25.0)
    assert [(q.period, q.axis, q.value) for q in p.required_path] == [
        ("2021Q4", 2021.75, 25.0),
        ("2025Q4", 2025.75, 40.0),
        ("2030Q4", 2030.75, 50.0),
    ]
    # x = -0.75, -0.5, -0.25, 0 years; mean x = -0.375, mean y = 36.875
    # Σ dx·dy = 0.8125, Σ dx² = 0.3125 → slope 2.6 pp/year
    assert p.n_points == 4 and p.window_start == "2025Q4"
    assert p.observed_rate == pytest.approx(2.6, abs=1e-12)
    assert p.years_left == 4.25
    assert p.required_rate == pytest.approx(12 / 4.25, abs=1e-12)  # 2.8235…
    assert p.ratio == round(2.6 * 4.25 / 12, 9) == 0.920833333
    assert p.status is Status.NEEDS_ACCELERATION
    assert p.projection == pytest.approx(49.05, abs=1e-12)  # 38 + 2.6 · 4.25
    assert [m.to_dict() for m in p.milestones] == [
        {"year": 2025, "target": 40.0, "period": "2025Q4", "value": 36.0, "result": "not_met", "judged_on_q4": True}
    ]
    assert (p.next_milestone_year, p.next_target, p.gap) == (2030, 50.0, 12.0)
    assert (p.final_year, p.final_target) == (2030, 50.0)


# -- status boundaries: R exactly 0.95, 0.6, 0 -----------------------------------------------------------
# v = 41.5 at 2026Q3, T_f = 50, years_left = 4.25 → r_req = 8.5 / 4.25 = 2.0 pp/year, so R = r_obs / 2.


@pytest.mark.parametrize(
    ("per_year", "ratio", "status"),
    [
        (2.4, 1.2, Status.ON_TRACK),
        (1.9, 0.95, Status.ON_TRACK),  # exactly 0.95 (the slope arithmetic gives 1.8999999999999…)
        (1.8998, 0.9499, Status.NEEDS_ACCELERATION),
        (1.2, 0.6, Status.NEEDS_ACCELERATION),  # exactly 0.6
        (1.1998, 0.5999, Status.LIMITED_PROGRESS),
        (0.0, 0.0, Status.LIMITED_PROGRESS),  # exactly 0: flat
        (-0.2, -0.1, Status.DETERIORATING),
    ],
)
def test_status_boundaries(per_year, ratio, status):
    p = assess(line("2026Q3", 8, 41.5, per_year), "I2", T, today=TODAY)
    assert p.required_rate == 2.0
    assert p.ratio == ratio
    assert p.status is status


def test_exact_boundary_needs_the_rounding_of_r():
    p = assess(line("2026Q3", 8, 41.5, 1.9), "I2", T, today=TODAY)
    assert p.observed_rate != 1.9  # floating point: not exactly the slope of the line …
    assert p.observed_rate == pytest.approx(1.9, abs=1e-12)
    assert p.ratio == 0.95  # … but R, rounded to 9 decimals, is


# -- achieved, met: values exactly on a target ---------------------------------------------------------


def test_value_exactly_on_final_target_is_achieved_even_with_one_point():
    p = assess(series({"2026Q3": 50.0}), "I2", T, today=TODAY)
    assert p.status is Status.ACHIEVED
    assert p.required_rate is None and p.ratio is None and p.observed_rate is None
    assert p.gap == 0.0


def test_value_exactly_on_milestone_meets_it():
    p = assess(series({"2025Q4": 40.0, "2026Q3": 45.0}), "I2", T, today=TODAY)
    (m,) = p.milestones
    assert (m.year, m.value, m.result, m.judged_on_q4) == (2025, 40.0, MilestoneResult.MET, True)
    below = assess(series({"2025Q4": 39.99, "2026Q3": 45.0}), "I2", T, today=TODAY)
    assert below.milestones[0].result is MilestoneResult.NOT_MET


def test_achieved_comes_before_insufficient_data_and_above_target_gives_negative_gap():
    p = assess(series({"2026Q2": 49.0, "2026Q3": 55.0}), "I2", T, today=TODAY)
    assert p.status is Status.ACHIEVED and p.gap == -5.0


# -- the 12-quarter window and the 4-point minimum -------------------------------------------------------


def test_three_points_in_the_window_are_insufficient_four_are_enough():
    three = {"2023Q3": 10.0, "2025Q1": 30.0, "2026Q1": 31.0, "2026Q3": 32.0}  # 2023Q3 = t − 12: outside
    p = assess(series(three), "I2", T, today=TODAY)
    assert p.n_points == 3 and p.observed_rate is None and p.projection is None
    assert p.status is Status.INSUFFICIENT_DATA
    assert p.required_rate == pytest.approx(18 / 4.25)  # still shown: what is needed
    four = {**three, "2023Q4": 10.0}  # 2023Q4 = t − 11: inside
    p = assess(series(four), "I2", T, today=TODAY)
    assert p.n_points == 4 and p.observed_rate is not None and p.window_start == "2023Q4"
    assert p.status is not Status.INSUFFICIENT_DATA


def test_points_older_than_twelve_quarters_are_ignored():
    base = line("2026Q3", 12, 41.5, 2.0)  # 2023Q4 … 2026Q3, exactly 0.5 pp per quarter
    p = assess(base, "I2", T, today=TODAY)
    assert p.observed_rate == 2.0 and p.n_points == 12
    wild = pd.concat([series({"2023Q3": 0.0, "2020Q1": 99.0}), base], ignore_index=True)
    assert assess(wild, "I2", T, today=TODAY).observed_rate == 2.0


def test_quarters_without_value_are_left_out_of_the_rate():
    s = line("2026Q3", 6, 41.5, 2.0)
    s.loc[2, "value"] = float("nan")
    p = assess(s, "I2", T, today=TODAY)
    assert p.n_points == 5 and p.observed_rate == pytest.approx(2.0, abs=1e-12)


# -- milestones -------------------------------------------------------------------------------------------


def test_missing_q4_is_judged_on_the_last_quarter_of_the_year_with_data_and_flagged():
    p = assess(series({"2025Q2": 41.0, "2025Q3": 39.0, "2026Q1": 42.0}), "I2", T, today=TODAY)
    (m,) = p.milestones
    assert (m.period, m.value, m.result, m.judged_on_q4) == ("2025Q3", 39.0, MilestoneResult.NOT_MET, False)


def test_milestone_year_without_data_is_no_data():
    p = assess(series({"2024Q4": 35.0, "2026Q1": 42.0}), "I2", T, today=TODAY)
    (m,) = p.milestones
    assert (m.year, m.period, m.value, m.result) == (2025, None, None, MilestoneResult.NO_DATA)
    assert m.to_dict()["result"] == "no_data"


def test_milestone_is_due_at_its_q4_or_when_its_year_is_over():
    s = series({"2025Q2": 38.0, "2025Q3": 39.0})
    during = assess(s, "I2", T, today=dt.date(2025, 11, 1))  # 2025Q4 running: 2025 not yet due
    assert during.milestones == ()
    assert (during.next_milestone_year, during.gap) == (2025, 1.0)
    after = assess(s, "I2", T, today=dt.date(2026, 1, 15))  # 2025 is over: judged on 2025Q3
    assert [(m.year, m.period, m.judged_on_q4) for m in after.milestones] == [(2025, "2025Q3", False)]
    assert (after.next_milestone_year, after.gap) == (2030, 11.0)
    at_q4 = assess(series({"2025Q4": 41.0}), "I2", T, today=dt.date(2025, 12, 31))  # t reached 2025Q4
    assert at_q4.milestones[0].result is MilestoneResult.MET and at_q4.next_milestone_year == 2030


def test_milestones_only_up_to_the_year_of_t():
    p = assess(series({"2024Q2": 30.0, "2024Q4": 31.0}), "I2", T, today=TODAY)  # stopped reporting
    assert p.milestones == ()
    assert p.next_milestone_year == 2030 and p.gap == 19.0  # 2025 is due (the year is over)


# -- baseline and the required path ------------------------------------------------------------------------


def test_baseline_is_2021q4_when_present_else_first_quarter_with_data():
    with_q4 = assess(series({"2021Q1": 20.0, "2021Q4": 22.0, "2026Q3": 40.0}), "I2", T, today=TODAY)
    assert (with_q4.baseline_period, with_q4.baseline_value) == ("2021Q4", 22.0)
    without = assess(series({"2022Q2": 24.0, "2026Q3": 40.0}), "I2", T, today=TODAY)
    assert (without.baseline_period, without.baseline_value) == ("2022Q2", 24.0)
    q4_null = assess(series({"2021Q4": float("nan"), "2022Q1": 21.0, "2026Q3": 40.0}), "I2", T, today=TODAY)
    assert q4_null.baseline_period == "2022Q1"


def test_required_path_starts_at_min_of_baseline_and_first_target():
    p = assess(series({"2021Q4": 45.0, "2026Q3": 46.0}), "I2", T, today=TODAY)
    assert [(q.period, q.value) for q in p.required_path] == [("2021Q4", 40.0), ("2025Q4", 40.0), ("2030Q4", 50.0)]
    frame = required_path_frame(p)
    assert list(frame.columns) == ["period", "axis", "value"] and frame["axis"].tolist() == [2021.75, 2025.75, 2030.75]


def test_required_path_skips_milestones_before_the_baseline():
    p = assess(series({"2026Q1": 44.0, "2026Q3": 46.0}), "I2", T, today=TODAY)
    assert [(q.period, q.value) for q in p.required_path] == [("2026Q1", 44.0), ("2030Q4", 50.0)]


# -- other targets tables: extra milestones and other numbers ----------------------------------------------

OTHER = targets([("I1", 2025, 55.0), ("I1", 2026, 58.0), ("I1", 2027, 62.0), ("I1", 2035, 80.0)])


def test_extra_milestone_years_and_other_numbers():
    p = assess(line("2026Q3", 4, 57.0, 4.0), "I1", OTHER, today=TODAY)
    assert (p.final_year, p.final_target) == (2035, 80.0)
    assert p.years_left == (4 * 2035 + 3 - (4 * 2026 + 2)) / 4 == 9.25
    assert p.required_rate == pytest.approx(23 / 9.25)
    assert p.ratio == round(4.0 / (23 / 9.25), 9)  # 1.608… → on track
    assert p.status is Status.ON_TRACK
    # line: 2025Q4 54, 2026Q1 55, 2026Q2 56, 2026Q3 57; 2026 is not due until 2026Q4 is reached or over
    assert [(m.year, m.period, m.value, m.result) for m in p.milestones] == [
        (2025, "2025Q4", 54.0, MilestoneResult.NOT_MET)
    ]
    assert (p.next_milestone_year, p.next_target, p.gap) == (2026, 58.0, 1.0)
    # baseline 2025Q4 (first quarter with data); milestones from the next Q4 on
    assert [(q.period, q.value) for q in p.required_path] == [
        ("2025Q4", 54.0),
        ("2026Q4", 58.0),
        ("2027Q4", 62.0),
        ("2035Q4", 80.0),
    ]


def test_extra_milestones_path_from_baseline():
    s = series({"2021Q4": 30.0, "2026Q1": 54.0, "2026Q2": 55.0, "2026Q3": 57.0, "2026Q4": 60.0})
    p = assess(s, "I1", OTHER, today=dt.date(2027, 2, 1))
    assert [(q.period, q.value) for q in p.required_path] == [
        ("2021Q4", 30.0),
        ("2025Q4", 55.0),
        ("2026Q4", 58.0),
        ("2027Q4", 62.0),
        ("2035Q4", 80.0),
    ]
    assert [(m.year, m.result) for m in p.milestones] == [(2025, MilestoneResult.NO_DATA), (2026, MilestoneResult.MET)]
    assert (p.next_milestone_year, p.gap) == (2027, 2.0)


def test_milestones_for_sorts_by_year():
    assert milestones_for(OTHER.iloc[::-1], "i1") == [(2025, 55.0), (2026, 58.0), (2027, 62.0), (2035, 80.0)]


def test_no_targets_for_the_indicator_is_an_error():
    with pytest.raises(ValueError, match="no targets"):
        assess(series({"2026Q3": 1.0}), "I2", OTHER, today=TODAY)


# -- the final quarter reached or passed, projection ---------------------------------------------------------

ONLY_2025 = targets([("I2", 2025, 40.0)])


@pytest.mark.parametrize(
    ("per_year", "status"),
    [(2.0, Status.LIMITED_PROGRESS), (0.0, Status.LIMITED_PROGRESS), (-2.0, Status.DETERIORATING)],
)
def test_after_the_final_quarter_without_achieving(per_year, status):
    p = assess(line("2026Q2", 5, 35.0, per_year), "I2", ONLY_2025, today=TODAY)
    assert p.years_left == -0.5
    assert p.required_rate is None and p.ratio is None and p.projection is None
    assert p.status is status


def test_at_the_final_quarter_projection_is_the_value():
    p = assess(line("2025Q4", 5, 35.0, 2.0), "I2", ONLY_2025, today=TODAY)
    assert p.years_left == 0 and p.projection == 35.0 and p.status is Status.LIMITED_PROGRESS


def test_projection_is_clipped_to_0_and_100():
    up = assess(line("2026Q3", 4, 98.0, 10.0), "I3", targets([("I3", 2030, 100.0)]), today=TODAY)
    assert up.projection == 100.0
    down = assess(line("2026Q3", 4, 5.0, -10.0), "I2", T, today=TODAY)
    assert down.projection == 0.0 and down.status is Status.DETERIORATING
    seg = projection_frame(down)
    assert seg["period"].tolist() == ["2026Q3", "2030Q4"] and seg["value"].tolist() == [5.0, 0.0]
    assert projection_point(down) == ("2030Q4", 0.0)


def test_no_value_at_all():
    p = assess(series({"2026Q3": float("nan")}), "I2", T, today=TODAY)
    assert p.status is Status.INSUFFICIENT_DATA
    assert (p.period, p.value, p.milestones, p.gap) == (None, None, (), None)
    assert p.next_milestone_year == 2030
    assert required_path_frame(p).empty and projection_frame(p).empty and projection_point(p) is None


def test_duplicate_period_is_refused():
    with pytest.raises(ValueError):
        assess(series({"2026Q3": 1.0}).pipe(lambda s: pd.concat([s, s])), "I2", T, today=TODAY)


# -- the status table -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merger():
    reg = register_from_frame(
        pd.DataFrame(
            [
                ("AR", "Khu vực AR", "khu vực", "", "", "", "", ""),
                ("OLD1", "xã Một", "xã", "AR", "", "2025Q2", "NEW", ""),
                ("OLD2", "xã Hai", "xã", "AR", "", "2025Q2", "NEW", ""),
                ("NEW", "xã Mới", "xã", "AR", "2025Q3", "", "", ""),
                ("EMPTY", "xã Trống", "xã", "AR", "", "", "", ""),
            ],
            columns=["code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note"],
        )
    )
    rows = []
    quarters = [str(Period(2024, 1).shift(k)) for k in range(11)]  # 2024Q1 … 2026Q3
    for k, q in enumerate(quarters):
        units = ["OLD1", "OLD2"] if q <= "2025Q2" else ["NEW"]
        for u in units:
            pf = 10 + k if u != "OLD2" else 5
            rows.append(
                {
                    "unit": u,
                    "period": q,
                    "body_name": "UBND",
                    "body_type": "UBND",
                    "key_leaders": 2,
                    "key_leaders_female": 1 if k % 2 else 0,
                    "pool_total": 40,
                    "pool_female": pf,
                    "pool_female_trained": pf - 1,
                }
            )
    table = compute_indicators(pd.DataFrame(rows), reg)
    return reg, table


def test_status_table_shape_and_flags(merger):
    reg, table = merger
    st = status_table(table, T, reg, today=TODAY)
    assert list(st.columns) == STATUS_COLUMNS
    assert len(st) == 5 * 3
    assert st["unit"].tolist()[::3] == ["AR", "OLD1", "OLD2", "NEW", "EMPTY"]
    by = st.set_index(["unit", "indicator"])
    assert not by.loc[("OLD1", "I2"), "active"] and by.loc[("NEW", "I2"), "active"] and by.loc[("AR", "I2"), "active"]
    assert by.loc[("AR", "I2"), "is_area"] and not by.loc[("NEW", "I2"), "is_area"]
    empty = by.loc[("EMPTY", "I2")]
    assert empty["status"] == "insufficient_data" and empty["period"] is None and math.isnan(empty["value"])
    assert empty["milestones"] == []
    assert set(st["status"]) <= {s.value for s in Status}


def test_status_table_matches_assess_series_by_series(merger):
    reg, table = merger
    st = status_table(table, T, reg, today=TODAY).set_index(["unit", "indicator"])
    for (unit, ind), row in st.iterrows():
        s = table[(table["unit"] == unit) & (table["indicator"] == ind)]
        p = assess(s[["period", "value", "reconstructed"]], ind, T, today=TODAY)
        assert row["raw_status"] == p.status.value  # the formula; "status" is the steady one (judgement)
        assert row["period"] == p.period
        for col in ("observed_rate", "required_rate", "ratio", "projection", "gap", "baseline_value"):
            got, want = row[col], getattr(p, col)
            assert (want is None and math.isnan(got)) or got == want, (unit, ind, col)
        assert row["milestones"] == [m.to_dict() for m in p.milestones]
        assert row["reconstructed_share"] == p.reconstructed_share or p.reconstructed_share is None


def test_status_table_new_unit_uses_its_reconstructed_history(merger):
    reg, table = merger
    row = status_table(table, T, reg, today=TODAY).set_index(["unit", "indicator"]).loc[("NEW", "I2")]
    # NEW: 2024Q1-2025Q2 reconstructed (OLD1 + OLD2), 2025Q3-2026Q3 own; window 2023Q4-2026Q3 holds 11 values
    assert row["period"] == "2026Q3" and row["n_points"] == 11
    assert row["reconstructed_share"] == pytest.approx(6 / 11)
    assert row["baseline_period"] == "2024Q1" and not row["reconstructed"]
    # 2025Q4: NEW's own pf = 10 + 7 = 17 of 40 → 42.5% ≥ 40: met
    assert row["milestones"] == [
        {"year": 2025, "target": 40.0, "period": "2025Q4", "value": 42.5, "result": "met", "judged_on_q4": True}
    ]


def test_status_table_is_json_ready_like_the_cli(merger):
    reg, table = merger
    st = status_table(table, T, reg, today=TODAY)
    records = st.astype(object).where(st.notna(), None).to_dict("records")
    text = json.dumps(records, ensure_ascii=False)
    back = json.loads(text)
    assert back[0]["unit"] == "AR" and isinstance(back[0]["milestones"], list)
    assert {r["status"] for r in back} <= {s.value for s in Status}


def test_status_table_units_argument(merger):
    reg, table = merger
    st = status_table(table, T, reg, today=TODAY, units=["new"])
    assert st["unit"].unique().tolist() == ["NEW"]


# -- words for the app --------------------------------------------------------------------------------------


def test_method_text_and_labels_in_both_languages():
    vi, en = method_text("vi"), method_text("en")
    assert "0,95" in vi and "0,6" in vi and "12 quý" in vi and "Open SDG" in vi
    assert "0.95" in en and "0.6" in en and "12 quarters" in en and "Statistics Canada" in en
    assert Status.ON_TRACK.label("vi") == "Đúng tiến độ" and Status.DETERIORATING.label("en") == "Deteriorating"
    assert MilestoneResult.NO_DATA.label("vi") == "Không có số liệu"
