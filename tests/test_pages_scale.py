"""Pages on a register with several areas and many units (AppTest; no timing): the overview opens on
all areas with one row per area and pages an area's units; compare compares areas, then an area's
units with a cut ranking and grouped small charts; the trajectory reads one quarter's body rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.i18n import t

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

AREAS, UNITS_PER_AREA = 3, 45  # 135 units: more than a page of the units table, a cut ranking


@pytest.fixture(scope="module")
def city_db_file(tmp_path_factory) -> Path:
    from bench_pages import build_city_db

    path = tmp_path_factory.mktemp("city") / "city.db"
    build_city_db(path, areas=AREAS, units_per_area=UNITS_PER_AREA, quarters=4, bodies=2)
    return path


@pytest.fixture
def city_db(city_db_file, tmp_path, monkeypatch) -> Path:
    import shutil

    path = tmp_path / "city.db"
    shutil.copy(city_db_file, path)
    monkeypatch.setenv("GENDER_TARGETS_DB", str(path))
    monkeypatch.setenv("GENDER_TARGETS_SAMPLE", "0")
    return path


def open_page(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame_with(at: AppTest, column: str):
    for df in at.dataframe:
        value = df.value
        frame = value.data if hasattr(value, "data") else value  # a Styler holds its frame in .data
        if column in frame.columns:
            return frame
    raise AssertionError(f"no table with column {column}")


def test_overview_opens_on_every_area_with_one_row_each(city_db):
    at = open_page()
    assert at.selectbox(key="overview_area").value == "*"
    areas = frame_with(at, "sent")
    assert list(areas["area"]) == [f"Khu vực {a}" for a in range(1, AREAS + 1)]
    assert set(areas["sent"]) == {f"{UNITS_PER_AREA}/{UNITS_PER_AREA}"}
    assert any(t("scale.territory", "vi") in c.value for c in at.caption)


def test_overview_of_one_area_pages_its_units(city_db):
    at = open_page()
    at.selectbox(key="overview_area").set_value("KV2").run()
    assert not at.exception
    units = frame_with(at, "I1_status")
    assert len(units) == UNITS_PER_AREA  # 45 fit on one page of 50: no pager
    assert all("P2-" in u for u in units["unit"])
    assert "overview_units_page" not in [s.key for s in at.selectbox]


def test_compare_compares_areas_then_an_areas_units(city_db):
    at = open_page("compare")
    assert at.selectbox(key="compare_area").value == "*"
    assert "compare_scope" not in [r.key for r in at.segmented_control]  # areas: no current/former choice
    at.selectbox(key="compare_area").set_value("KV1").run()
    assert not at.exception
    # 45 units: the ranking shows the lowest 15, the grid a group of 24
    assert at.segmented_control(key="compare_which").value == "bottom"
    assert [o for o in at.selectbox(key="compare_group").options] == ["1–24", "25–45"]
    at.segmented_control(key="compare_which").set_value("top").run()
    assert not at.exception


def test_trajectory_shows_one_quarters_bodies(city_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["unit"] = "P3-07"
    at.run()
    at.switch_page("pages/trajectory.py").run()
    assert not at.exception
    bodies = frame_with(at, t("col.body_name", "vi"))
    assert len(bodies) == 2 and set(bodies[t("col.unit_name", "vi")]) == {"phường 3-07"}


def test_admin_lists_the_newest_submissions_and_says_how_to_reach_the_rest(city_db):
    at = open_page("admin")
    n = AREAS * UNITS_PER_AREA * 4  # every unit, four quarters
    assert t("ui.admin.history_cut", "vi", shown=500, n=n) in [c.value for c in at.caption]
    history = frame_with(at, t("ui.admin.h_file_name", "vi"))
    assert len(history) == 500
    assert len(at.selectbox(key="admin_submission").options) == 500
    # a filter reaches the others: one unit's four quarters, all of them
    unit = at.selectbox(key="admin_unit").options[1]
    at.selectbox(key="admin_unit").select(unit).run()
    assert len(frame_with(at, t("ui.admin.h_file_name", "vi"))) == 4


def _deck(at: AppTest, **query) -> AppTest:
    at.switch_page("pages/presentation.py")
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _bars(at: AppTest) -> list[str]:
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [y for tr in spec["data"] if tr.get("type") == "bar" for y in tr["y"]]


def test_deck_for_the_whole_territory_and_for_one_area(city_db):
    """Issue 17: the deck opens on every area pooled (its "units" are the areas), or on one area whose
    many units are summarised: the ranking draws its lowest 10 of 45, the data table holds all 45; a
    chart's summary names what it shows; the completeness slide says how many units of each area sent."""
    at = open_page()
    _deck(at, slide="1")
    html = " ".join(h.value for h in at.get("html"))
    assert t("scale.territory", "vi") in html  # the summary under (and naming) the chart
    _deck(at, slide="4")
    assert len(_bars(at)) == AREAS
    assert "xếp hạng khu vực" in " ".join(h.value for h in at.get("html")) + " ".join(m.value for m in at.markdown)
    _deck(at, slide="8")
    html = " ".join(h.value for h in at.get("html"))
    assert t("access.deck.area_sent", "vi", sent=UNITS_PER_AREA, total=UNITS_PER_AREA) in html
    assert t("access.deck.completeness_areas_count", "vi", sent=AREAS, total=AREAS) in html  # areas, not units
    _deck(at, area="KV1", slide="4")
    bars = _bars(at)
    assert len(bars) == 10 and bars[0].startswith(f"{UNITS_PER_AREA}. ")  # the lowest, numbered by place
    tables = [df.value for df in at.dataframe]
    assert any(len(tb) == UNITS_PER_AREA for tb in tables)  # "Xem bảng số liệu": every unit
