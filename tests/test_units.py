"""units: the register's checks (every problem at once), matching across the 2025 merger, lineage."""

from __future__ import annotations

import pandas as pd
import pytest

from gender_targets.periods import Period
from gender_targets.units import REGISTER_COLUMNS, RegisterError, load_register, register_from_frame
from tests.conftest import SAMPLE


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "units.csv", dtype=str, keep_default_na=False)


def problems(frame: pd.DataFrame) -> list[str]:
    with pytest.raises(RegisterError) as err:
        register_from_frame(frame)
    return err.value.messages("en")


def test_sample_register_loads(sample_register):
    assert "HM-BD" in sample_register and "X-BD" in sample_register
    assert sample_register.is_area("HM")
    assert len(sample_register.reporting_units) == 17


def test_unknown_column(frame):
    msgs = problems(frame.assign(population="1"))
    assert any("Unknown column" in m and "population" in m for m in msgs)


def test_missing_column(frame):
    msgs = problems(frame.drop(columns=["successor"]))
    assert any("lacks column" in m and "successor" in m for m in msgs)


def test_duplicate_code_case_insensitive(frame):
    extra = frame[frame["code"] == "X-BD"].assign(code="x-bd")
    msgs = problems(pd.concat([frame, extra], ignore_index=True))
    assert any("Duplicate unit code" in m and "X-BD" in m for m in msgs)


def test_missing_successor(frame):
    frame.loc[frame["code"] == "HM-BD", "successor"] = "X-ZZ"
    msgs = problems(frame)
    assert any("HM-BD" in m and "successor 'X-ZZ' is not in the register" in m for m in msgs)


def test_overlap_with_successor(frame):
    frame.loc[frame["code"] == "HM-BD", "valid_to"] = "2025Q3"  # X-BD starts 2025Q3
    msgs = problems(frame)
    assert any("HM-BD" in m and "overlaps its successor X-BD" in m for m in msgs)


def test_successor_without_end(frame):
    frame.loc[frame["code"] == "HM-BD", "valid_to"] = ""
    msgs = problems(frame)
    assert any("has a successor but no valid_to" in m for m in msgs)


def test_successor_cycle(frame):
    frame.loc[frame["code"] == "X-BD", ["valid_to", "successor"]] = ["2026Q1", "HM-BD"]
    msgs = problems(frame)
    assert any("loops" in m or "overlaps" in m for m in msgs)


def test_bad_kind_parent_and_dates_reported_together(frame):
    frame.loc[frame["code"] == "HM-TC", "kind"] = "tỉnh"
    frame.loc[frame["code"] == "HM-TX", "valid_from"] = "quý ba"
    msgs = problems(frame)
    assert any("unknown kind 'tỉnh'" in m for m in msgs)
    assert any("HM-TX" in m and "is not a quarter" in m for m in msgs)
    frame = pd.read_csv(SAMPLE / "units.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["code"] == "HM-TC", "parent"] = "HM-BD"
    frame.loc[frame["code"] == "HM-TX", "parent"] = "NOPE"
    frame.loc[frame["code"] == "X-HM", ["valid_from", "valid_to"]] = ["2026Q1", "2025Q4"]
    msgs = problems(frame)
    assert any("parent 'HM-BD' must be an area" in m for m in msgs)
    assert any("parent 'NOPE' is not in the register" in m for m in msgs)
    assert any("X-HM: valid_from (2026Q1) is after valid_to (2025Q4)" in m for m in msgs)


def test_same_name_at_the_same_time(frame):
    frame.loc[frame["code"] == "X-BD", "valid_from"] = ""
    frame.loc[frame["code"] == "HM-BD", "successor"] = ""
    msgs = problems(frame)
    assert any("share the name" in m for m in msgs)


def test_messages_in_both_languages(frame):
    with pytest.raises(RegisterError) as err:
        register_from_frame(frame.assign(extra="x"))
    assert err.value.messages("vi")[0].startswith("Cột không được dùng")


def test_empty_and_unreadable_register():
    with pytest.raises(RegisterError):
        load_register(",".join(REGISTER_COLUMNS).encode() + b"\n")
    with pytest.raises(RegisterError):
        load_register(b"\xff\xfe\x00garbage")


def test_load_from_bytes_with_bom(frame):
    data = frame.to_csv(index=False).encode("utf-8-sig")
    assert load_register(data).codes == list(frame["code"])


@pytest.mark.parametrize(
    ("text", "period", "code"),
    [
        ("HM-BD", None, "HM-BD"),
        ("hm-bd", None, "HM-BD"),
        ("xã Bà Điểm", Period(2024, 3), "HM-BD"),
        ("Xa Ba Diem", Period(2025, 3), "X-BD"),
        ("Bà Điểm", Period(2026, 1), "X-BD"),
        ("Bà Điểm", None, None),  # two units share the name: ambiguous without a quarter
        ("Thị trấn Hóc Môn", None, "HM-TT"),
        ("xã Hóc Môn", Period(2025, 4), "X-HM"),
        ("Tân Hiệp", None, "HM-TH"),
        ("Khối cơ quan huyện Hóc Môn", None, "HM-KCQ"),
        ("Quận 1", None, None),
        ("", None, None),
    ],
)
def test_match(sample_register, text, period, code):
    assert sample_register.match(text, period) == code


def test_validity_and_lineage(sample_register):
    reg = sample_register
    assert reg.is_active("HM-BD", Period(2025, 2)) and not reg.is_active("HM-BD", Period(2025, 3))
    assert reg.is_active("X-BD", Period(2025, 3)) and not reg.is_active("X-BD", Period(2025, 2))
    assert sorted(reg.predecessors("X-BD")) == ["HM-BD", "HM-TC", "HM-XTT"]
    assert sorted(reg.ancestors("X-BD")) == ["HM-BD", "HM-TC", "HM-XTT"]
    assert len(reg.active_units(Period(2024, 3))) == 13
    assert sorted(reg.active_units(Period(2025, 3))) == ["X-BD", "X-DT", "X-HM", "X-XTS"]
    assert reg.valid_to("HM-KCQ") == Period(2025, 2)


def test_register_round_trips_through_csv(sample_register):
    again = load_register(sample_register.to_csv_bytes())
    pd.testing.assert_frame_equal(again.frame, sample_register.frame)
