"""AppTest for the meetings pages: the deck (slides, keyboard buttons, the frozen snapshot) and the
report page (a Word file made and offered for download); the trajectory page's note form."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.store import open_store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"


@pytest.fixture
def db(sample_db) -> Path:
    return sample_db  # conftest's copy of the sample database, used by the app


def _open(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _html(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def test_deck_steps_and_keeps_its_snapshot(db):
    at = _open("presentation")
    assert "Trang 1/8" in _html(at)
    assert at.button(key="deck_next").proto.shortcut  # keyboard shortcut wired
    at.button(key="deck_next").click().run()
    assert "Trang 2/8" in _html(at)
    assert str(at.query_params.get("slide")).strip("[]'") == "2"
    at.button(key="deck_pgdn").click().run()
    assert "Trang 3/8" in _html(at)
    at.button(key="deck_pgup").click().run()
    at.button(key="deck_prev").click().run()
    assert "Trang 1/8" in _html(at)
    # an import during the meeting: the deck keeps its data and says so
    store = open_store(db)
    store.add_note("HM", "2026Q2", "ghi chú mới", indicator="I1", by="t")
    store.close()
    at.button(key="deck_next").click().run()
    assert any("Có số liệu mới" in i.value for i in at.info)
    at.button(key="deck_refresh").click().run()
    assert not any("Có số liệu mới" in i.value for i in at.info)


def test_report_page_makes_a_word_file(db, monkeypatch):
    import gender_targets.reports.images as images

    monkeypatch.setattr(images, "find_browser", lambda: None)  # no chart pictures: fast
    at = _open("report")
    at.button(key="report_make").click().run()
    assert not at.exception
    assert at.get("download_button")
    assert any("Báo cáo đã sẵn sàng" in s.value for s in at.success)
    assert any("không có hình biểu đồ" in w.value for w in at.warning)
    # another format chosen: the Word file made a moment ago is no longer offered as ready
    at.radio(key="report_format").set_value("pdf").run()
    assert not at.get("download_button") and not any("Báo cáo đã sẵn sàng" in s.value for s in at.success)
    at.radio(key="report_format").set_value("docx").run()
    assert not at.get("download_button")  # made again for these choices, not the stale bytes


def test_trajectory_note_form(db):
    at = _open("trajectory", unit="X-BD", indicator="I2")
    at.text_input(key="trend_note_text").input("UBND xã bầu lại Chủ tịch <b>tháng 8</b>")
    at.selectbox(key="trend_note_indicator").select("I2")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    notes = open_store(db).notes("X-BD")
    assert list(notes["text"]) == ["UBND xã bầu lại Chủ tịch <b>tháng 8</b>"]


def test_deck_per_unit_slides_render(db):
    at = _open("presentation")
    at.toggle(key="deck_per_unit").set_value(True).run()
    assert not at.exception
    assert "Trang 1/12" in _html(at)
    for _ in range(8):
        at.button(key="deck_next").click().run()
    assert "Trang 9/12" in _html(at) and not at.exception
    assert len(at.get("plotly_chart")) == 3  # the unit's three indicators
