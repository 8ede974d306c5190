"""AppTest for the one judgement on the pages (issue 21): the trajectory's strip of the last eight
quarters and its small-number captions, the overview's provisional quarter, the compare page's
ties within one person, the data page's judged row."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.cli import main
from gender_targets.i18n import t
from gender_targets.judgement import status_history
from tests.conftest import app_on_copy

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
X_HM_2026Q3 = ROOT / "sample_data" / "upload_2026Q3" / "X-HM_2026Q3.xlsx"


@pytest.fixture(scope="module")
def partial_file(sample_db_file, tmp_path_factory) -> Path:
    """The sample data and xã Hóc Môn's 2026Q3 (one commune of four)."""
    import shutil

    path = tmp_path_factory.mktemp("partial_app") / "partial.db"
    shutil.copy(sample_db_file, path)
    assert main(["import", "--db", str(path), str(X_HM_2026Q3), "--by", "test"]) == 0
    return path


@pytest.fixture
def partial_db(partial_file, tmp_path, monkeypatch) -> Path:
    return app_on_copy(partial_file, tmp_path, monkeypatch)


def _open(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "info", "warning"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_trajectory_strip_and_small_number_captions(partial_db):
    import json

    from gender_targets.indicators import compute_indicators
    from gender_targets.store import open_store

    at = _open("trajectory", unit="X-DT", indicator="I1")
    figs = {e.key: json.loads(e.proto.spec) for e in at.get("plotly_chart")}
    strip = figs["trend_strip_I1"]
    bars = strip["data"][0]
    # eight quarters, each status in words (not colour alone), as status_history says
    store = open_store(partial_db)
    frame = compute_indicators(store.active_bodies(), store.register())
    series = frame[(frame["unit"] == "X-DT") & (frame["indicator"] == "I1")]
    hist = status_history(series, "I1", store.targets(), 8)
    store.close()
    assert bars["meta"]["statuses"] == list(hist["status"]) and len(hist) == 8
    assert [x.replace("<br>", " ") for x in bars["text"]] == [t(f"status.{s}", "vi") for s in hist["status"]]
    text = _texts(at)
    assert t("judgement.strip_caption", "vi") in text
    assert "5/8 cơ quan" in text  # the counts beside the value
    assert "1 cơ quan = 12,5 điểm %" in text
    assert "cần thêm 1 cơ quan có lãnh đạo chủ chốt nữ để đạt 75% năm 2030" in text
    assert t("judgement.small.I1", "vi").capitalize() in text  # fewer than 20: said in words


def test_trajectory_says_one_person_in_english(partial_db):
    at = _open("trajectory", unit="X-BD", indicator="I2", lang="en")
    text = _texts(at)
    assert "1 person = 0.8 points" in text and "women in the planning pool needed to reach 50% by 2030" in text


def test_overview_judges_the_area_on_its_latest_complete_quarter(partial_db):
    at = _open("overview")
    warning = "\n".join(str(w.value) for w in at.warning)
    assert "Quý III/2026 mới có 1/4 đơn vị gửi báo cáo" in warning and "đánh giá theo Quý II/2026" in warning
    metrics = [m for m in at.metric]
    assert metrics and all("Quý II/2026" in m.label for m in metrics)
    assert "20/32 cơ quan" in _texts(at)


def test_compare_says_level_within_one_person(partial_db):
    at = _open("compare", indicator="I1", quarter="2026Q2")
    import json

    fig = json.loads(next(e for e in at.get("plotly_chart") if e.key == "compare_ranking").proto.spec)
    names = [y for tr in fig["data"] for y in (tr.get("y") or [])]
    assert any(n.startswith("2=. ") for n in names)  # xã Bà Điểm and xã Đông Thạnh: 5/8 each
    assert t("judgement.tied_note", "vi") in _texts(at)
    hovers = " ".join(h for tr in fig["data"] for h in (tr.get("customdata") or []))
    assert t("judgement.tied", "vi") in hovers


def test_data_page_judged_row_carries_the_fields(partial_db):
    at = _open("data")
    at.multiselect(key="data_units").set_value(["HM"]).run()
    table = next(d.value for d in at.dataframe if t("col.status_judged", "vi") in d.value.columns)
    judged = table[table[t("col.status_judged", "vi")] != ""]
    assert sorted(judged[t("export.col.period_label", "vi")].unique()) == ["Quý II/2026"]
    assert set(judged[t("col.people_needed", "vi")]) and (judged[t("col.one_person_points", "vi")] != "").all()
    provisional = table[table[t("col.provisional", "vi")] == "✓"]
    assert len(provisional) == 3  # 2026Q3, one row per indicator
