"""Summaries the pages show at any scale (``gender_targets.summary``): the settled series, the whole
territory pooled, headlines, the area table and rankings — with values worked by hand; and the
store's slim reads for the app's model (``Store.active_counts``, ``Store.register_as_saved``)."""

from __future__ import annotations

import math
import shutil

import numpy as np
import pandas as pd
import pytest

from gender_targets.indicators import INDICATOR_COLUMNS, compute_indicators, pool_units
from gender_targets.judgement import status_table
from gender_targets.sample import load_sample
from gender_targets.schema import DEFAULT_TARGETS
from gender_targets.store import open_store
from gender_targets.summary import (
    TERRITORY,
    area_table,
    headline,
    ranking,
    settle,
    settled_series,
    territory_series,
    top_bottom,
    unit_series,
)
from tests import frames
from tests.frames import make_register

TODAY = pd.Timestamp("2026-11-24").date()


def body(unit, period, pt, pf, body_type="Khác"):
    return frames.body(unit, period, body_type, pt=pt, pf=pf, name="b")


@pytest.fixture(scope="module")
def two_areas():
    """Areas N (units A, B) and S (unit C); C ends 2024Q2 and merges into D (from 2024Q3, in S)."""
    reg = make_register(
        [
            ("N", "Bắc", "khu vực", "", "", "", "", ""),
            ("S", "Nam", "khu vực", "", "", "", "", ""),
            ("A", "xã A", "xã", "N", "", "", "", ""),
            ("B", "xã B", "xã", "N", "", "", "", ""),
            ("C", "xã C", "xã", "S", "", "2024Q2", "D", ""),
            ("D", "xã D", "xã", "S", "2024Q3", "", "", ""),
        ]
    )
    rows = [
        body("A", "2024Q1", 10, 2),
        body("B", "2024Q1", 10, 4),
        body("C", "2024Q1", 20, 10),
        body("A", "2024Q2", 10, 3),
        body("B", "2024Q2", 10, 5),
        body("C", "2024Q2", 20, 12),
        body("A", "2024Q3", 10, 4),
        body("D", "2024Q3", 30, 15),
        # 2024Q3: B has not sent yet -> N (and the territory) is partial
    ]
    indicators = compute_indicators(pd.DataFrame(rows), reg)
    return reg, indicators


def i2(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["indicator"] == "I2"].set_index("period")


def test_unit_series_is_in_time_order(two_areas):
    _, ind = two_areas
    shuffled = ind.sample(frac=1.0, random_state=3)
    s = unit_series(shuffled, "N", "I2")
    assert list(s["period"]) == ["2024Q1", "2024Q2", "2024Q3"]
    assert list(s.index) == [0, 1, 2]


def test_settle_cuts_the_quarter_still_coming_in(two_areas):
    _, ind = two_areas
    settled, pending = settled_series(ind, "N", "I2")
    assert list(settled["period"]) == ["2024Q1", "2024Q2"]
    assert pending == ["2024Q3"]
    # S is complete throughout: kept whole
    settled, pending = settled_series(ind, "S", "I2")
    assert list(settled["period"]) == ["2024Q1", "2024Q2", "2024Q3"] and pending == []


@pytest.mark.parametrize(
    ("reporting", "expected", "kept", "pending"),
    [
        ([2, 2, 2], [2, 2, 2], 3, []),  # complete throughout
        ([1, 1, 1], [2, 2, 2], 3, []),  # never complete: nothing to settle on, kept whole
        ([2, 2, 1], [2, 2, 2], 2, ["q2"]),
        ([2, 1, 0], [2, 2, 2], 1, ["q1"]),  # a quarter nobody sent is cut but not "pending"
        ([], [], 0, []),
    ],
)
def test_settle_cases(reporting, expected, kept, pending):
    series = pd.DataFrame(
        {
            "period": [f"q{i}" for i in range(len(reporting))],
            "units_reporting": reporting,
            "units_expected": expected,
        }
    )
    settled, cut = settle(series)
    assert len(settled) == kept and cut == pending


def test_territory_pools_every_unit_never_a_mean(two_areas):
    reg, ind = two_areas
    terr = i2(territory_series(ind))
    # 2024Q1: (2+4+10)/(10+10+20) = 40%; a mean of the areas (30%, 50%) would be 40% too, so check Q2
    assert terr.loc["2024Q1", "value"] == pytest.approx(40.0)
    # 2024Q2: (3+5+12)/(40) = 50%; the mean of N (40%) and S (60%) is also 50%: check Q3 instead
    # 2024Q3: A 4/10 and D 15/30 -> 19/40 = 47.5%; mean of N (40%) and S (50%) would be 45%
    assert terr.loc["2024Q3", "value"] == pytest.approx(47.5)
    assert terr.loc["2024Q3", "units_reporting"] == 2 and terr.loc["2024Q3", "units_expected"] == 3
    assert (terr["unit"] == TERRITORY).all() and terr["is_area"].all() and not terr["reconstructed"].any()
    assert list(territory_series(ind).columns) == INDICATOR_COLUMNS
    # the same as pooling every reporting unit by hand, and as pooling the top-level areas
    by_hand = i2(pool_units(ind, reg.reporting_units, reg))
    np.testing.assert_allclose(terr["value"], by_hand.loc[terr.index, "value"])
    areas = ind[ind["unit"].isin(["N", "S"]) & (ind["indicator"] == "I2")].groupby("period")
    np.testing.assert_allclose(
        terr["value"], (100 * areas["numerator"].sum() / areas["denominator"].sum()).loc[terr.index]
    )


def test_headline_judges_the_settled_series(two_areas):
    _, ind = two_areas
    h = headline(unit_series(ind, "N", "I2"), "I2", DEFAULT_TARGETS, today=TODAY)
    assert h.period == "2024Q2" and h.value == pytest.approx(40.0)  # (3+5)/20, not the partial 2024Q3
    assert h.delta_quarter == pytest.approx(10.0)  # 30% -> 40%
    assert h.delta_year is None  # no 2023Q2
    assert h.pending == ("2024Q3",)


def test_area_table_matches_the_headlines(two_areas):
    reg, ind = two_areas
    table = area_table(ind, DEFAULT_TARGETS, reg, ["N", "S"], ["I2", "I3"], today=TODAY).set_index("area")
    assert table.loc["N", "latest"] == "2024Q3"
    assert (table.loc["N", "units_reporting"], table.loc["N", "units_expected"]) == (1, 2)
    assert table.loc["N", "judged_on"] == "2024Q2"
    for area in ("N", "S"):
        for indicator in ("I2", "I3"):
            h = headline(unit_series(ind, area, indicator), indicator, DEFAULT_TARGETS, today=TODAY)
            value = table.loc[area, indicator]
            assert (h.value is None and math.isnan(value)) or value == pytest.approx(h.value)
            assert table.loc[area, f"{indicator}_status"] == h.status


def test_ranking_highest_first_missing_last():
    ind = pd.DataFrame(
        {
            "unit": ["A", "B", "C", "D", "E"],
            "period": "2024Q1",
            "indicator": "I2",
            "value": [30.0, np.nan, 50.0, 30.0, 10.0],
        }
    )
    ranked = ranking(ind, "I2", "2024Q1", ["E", "D", "C", "B", "A"])
    assert list(ranked["unit"]) == ["C", "D", "A", "E", "B"]  # ties keep the order given (D before A)
    assert list(ranked["rank"].astype("object").where(ranked["rank"].notna(), None)) == [1, 2, 3, 4, None]
    assert list(top_bottom(ranked, 2, "top")["unit"]) == ["C", "D"]
    assert list(top_bottom(ranked, 2, "bottom")["unit"]) == ["A", "E"]
    assert len(top_bottom(ranked, 2, "all")) == 5
    with pytest.raises(ValueError):
        top_bottom(ranked, 2, "middle")


# ---- the store's slim reads ------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "sample.db"
    store = open_store(path)
    load_sample(store)
    store.close()
    return path


def test_active_counts_give_the_same_indicators_as_the_body_rows(sample_store_file, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(sample_store_file, path)
    store = open_store(path)
    reg = store.register()
    counts = store.active_counts()
    bodies = store.active_bodies()
    assert len(counts) == len(bodies)
    assert list(counts.columns) == [
        "unit",
        "period",
        "body_type",
        *[c for c in bodies.columns if c.startswith(("key", "pool"))],
    ]
    pd.testing.assert_frame_equal(compute_indicators(counts, reg), compute_indicators(bodies, reg))
    # and the statuses the CLI prints
    ind = compute_indicators(counts, reg)
    pd.testing.assert_frame_equal(
        status_table(ind, store.targets(), reg, today=TODAY),
        status_table(compute_indicators(bodies, reg), store.targets(), reg, today=TODAY),
    )
    store.close()


def test_register_as_saved_equals_the_validated_register(sample_store_file, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(sample_store_file, path)
    store = open_store(path)
    pd.testing.assert_frame_equal(store.register_as_saved().frame, store.register().frame)
    store.close()


def test_empty_store_reads(tmp_path):
    store = open_store(tmp_path / "empty.db")
    assert store.register_as_saved() is None
    counts = store.active_counts()
    assert counts.empty and "pool_total" in counts.columns
    store.close()


def test_compare_with_stored_pools_the_file_and_reads_what_is_counted():
    from gender_targets.summary import compare_with_stored

    bodies = pd.DataFrame(
        {
            "body_name": ["HĐND xã", "UBND xã", "Đảng uỷ"],
            "body_type": ["HĐND", "UBND", "Cơ quan Đảng"],
            "key_leaders": [2, 3, 2],
            "key_leaders_female": [1, 0, 1],
            "pool_total": [10, 10, 0],
            "pool_female": [4, 1, 0],
            "pool_female_trained": [4, 0, 0],
            "note": ["", "", ""],
        }
    )
    stored = pd.DataFrame(
        {
            "unit": ["U1", "U1", "U1"],
            "period": ["2026Q2"] * 3,
            "indicator": ["I1", "I2", "I3"],
            "numerator": [2, 6, 3],
            "denominator": [2, 20, 6],
            "value": [100.0, 30.0, 50.0],
            "reconstructed": [False] * 3,
            "units_reporting": [1] * 3,
        }
    )
    got = compare_with_stored(bodies, "U1", "2026Q2", stored).set_index("indicator")
    # I1 counts bodies (HĐND, UBND) with a female key leader: 1 of 2; the party body is not an I1 body
    assert (got.at["I1", "numerator"], got.at["I1", "denominator"], got.at["I1", "value"]) == (1, 2, 50.0)
    assert (got.at["I2", "numerator"], got.at["I2", "denominator"], got.at["I2", "value"]) == (5, 20, 25.0)
    assert (got.at["I3", "numerator"], got.at["I3", "denominator"], got.at["I3", "value"]) == (4, 5, 80.0)
    assert got.at["I2", "stored_value"] == 30.0 and got.at["I2", "stored_denominator"] == 20
    # another quarter: nothing stored, and a zero denominator gives no value (never 0 %)
    empty = compare_with_stored(
        bodies.assign(pool_total=0, pool_female=0, pool_female_trained=0), "U1", "2026Q3", stored
    )
    empty = empty.set_index("indicator")
    assert empty["stored_value"].isna().all() and empty["stored_numerator"].isna().all()
    assert empty.at["I2", "value"] is None or math.isnan(empty.at["I2", "value"])


def test_ranking_does_not_rank_apart_units_within_one_person():
    """40 % on 10 and 45 % on 20 differ by less than one person of the smaller pool (10 %): level."""
    ind = pd.DataFrame(
        {
            "unit": ["A", "B", "C", "D"],
            "period": "2024Q1",
            "indicator": "I2",
            "numerator": [9, 4, 2, 0],
            "denominator": [20, 10, 10, 0],
            "value": [45.0, 40.0, 20.0, np.nan],
        }
    )
    ranked = ranking(ind, "I2", "2024Q1", ["A", "B", "C", "D"])
    assert list(ranked["unit"]) == ["A", "B", "C", "D"]
    assert list(ranked["rank"].astype("object").where(ranked["rank"].notna(), None)) == [1, 1, 3, None]
    assert list(ranked["tied"]) == [True, True, False, False]
    # exactly one person apart (5/10 against 4/10) is a difference
    two = ind.iloc[:2].assign(numerator=[5, 4], denominator=[10, 10], value=[50.0, 40.0])
    assert list(ranking(two, "I2", "2024Q1", ["A", "B"])["rank"]) == [1, 2]
