"""AppTest for every page: renders without an exception, the key widgets are there, the charts carry
the targets table's thresholds; the empty states; an upload, an invalid upload, a rollback; the
language switch and shareable URLs (``?lang=en``, ``?unit=X-BD&indicator=I2``).

Each test gets its own copy of a database built once per session (sample data) or an empty one
(``GENDER_TARGETS_SAMPLE=0``), through ``GENDER_TARGETS_DB``. Exports are tested in
``test_exports.py``; real-browser behaviour is not tested here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.i18n import t
from gender_targets.store import open_store
from gender_targets.units import load_register

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
APP = ROOT / "app.py"
PAGES = ["overview", "trajectory", "compare", "upload", "data", "admin", "method"]
DATA_PAGES = ["overview", "trajectory", "compare", "data"]  # they need submissions to show anything
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_URL = "nop-so-lieu"  # url_path of pages/upload.py in app.py's registry
ADMIN_URL = "quan-tri"


# ---- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def empty_db(tmp_path, monkeypatch) -> Path:
    """A database that does not exist yet, and no sample data loaded on first run."""
    path = tmp_path / "empty.db"
    monkeypatch.setenv("GENDER_TARGETS_DB", str(path))
    monkeypatch.setenv("GENDER_TARGETS_SAMPLE", "0")
    return path


@pytest.fixture
def register_only_db(empty_db) -> Path:
    """The sample register and targets, but no submission yet (a real first install)."""
    from gender_targets.schema import load_targets

    store = open_store(empty_db)
    store.save_register(load_register((SAMPLE / "units.csv").read_bytes()), by="test")
    store.save_targets(load_targets((SAMPLE / "targets.csv").read_bytes()), by="test")
    store.close()
    return empty_db


@pytest.fixture(scope="session")
def targets_by_indicator(sample_targets) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for r in sample_targets.itertuples():
        out.setdefault(r.indicator, {})[int(r.year)] = float(r.target_percent)
    return out


# ---- helpers --------------------------------------------------------------------------------
def open_app(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert_no_exception(at)
    return at


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py").run()
    assert_no_exception(at)
    return at


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, "\n\n".join(f"{e.value}\n{''.join(e.stack_trace)}" for e in at.exception)


def charts(at: AppTest) -> dict[str, dict]:
    """The page's plotly figures as JSON, by widget key."""
    # phone: a chart's narrow variant (``<key>_narrow``, shown on a phone instead) is not counted here
    return {e.key: json.loads(e.proto.spec) for e in at.get("plotly_chart") if not str(e.key).endswith("_narrow")}


def keys(widgets) -> set[str]:
    return {w.key for w in widgets}


def table_with(at: AppTest, column: str):
    """The one table shown with ``column`` (``st.dataframe`` keeps no key without selections)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, f"{len(found)} tables with column {column!r}"
    return found[0]


def md(name: str) -> str:
    """A file name as the page writes it inside a markdown label (``safety.markdown_literal``)."""
    from gender_targets.safety import markdown_literal

    return markdown_literal(name)


def upload_samples(*names: str, folder: str = "upload_2026Q3") -> AppTest:
    """The upload page with the sample workbooks ``names`` (from ``sample_data/<folder>``) chosen."""
    at = visit(open_app(), "upload")
    at.file_uploader(key="upload_files").set_value([(n, (SAMPLE / folder / n).read_bytes(), XLSX) for n in names]).run()
    assert_no_exception(at)
    return at


def plain_label(box) -> str:
    """An expander's label without the escapes that keep user text out of markdown (SPEC §10)."""
    return box.label.replace("\\", "").replace("\u2060", "")


def texts(at: AppTest) -> str:
    """Every title, header, markdown, caption, alert and expander label, for text searches."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [e.label for e in at.expander]
    return "\n".join(parts)


def target_name(year: int, value: float, lang: str = "vi") -> str:
    """The legend name of a threshold: "Mục tiêu 2025 (60%)" / "Target 2025 (60%)"."""
    shown = f"{value:g}".replace(".", "," if lang == "vi" else ".")
    return ("Mục tiêu" if lang == "vi" else "Target") + f" {year} ({shown}%)"


def target_traces(fig: dict) -> dict[int, str]:
    """Threshold lines drawn as traces (``meta.kind == "target"``): year → legend name."""
    return {
        d["meta"]["year"]: d.get("name", "")
        for d in fig["data"]
        if isinstance(d.get("meta"), dict) and d["meta"].get("kind") == "target"
    }


def target_shapes(fig: dict) -> set[str]:
    """Threshold lines drawn as layout shapes (the ranking's vertical lines), by name."""
    return {s.get("name", "") for s in fig.get("layout", {}).get("shapes", []) if s.get("name")}


# ---- every page with the sample data --------------------------------------------------------
def test_overview(sample_db, targets_by_indicator):
    at = open_app()
    assert at.title[0].value == t("ui.overview.title", "vi")
    assert "Quý II/2026" in texts(at)  # the sample's latest quarter
    units = table_with(at, "I1_status")
    assert list(units["link"]) == [f"lo-trinh?unit={u}" for u in ("X-HM", "X-DT", "X-BD", "X-XTS")]
    assert "sample_remove" in keys(at.button)  # the sample banner
    figs = charts(at)
    assert set(figs) == {f"overview_spark_{i}" for i in ("I1", "I2", "I3")}
    for ind, marks in targets_by_indicator.items():
        final = max(marks)
        assert target_traces(figs[f"overview_spark_{ind}"]) == {final: target_name(final, marks[final])}


def test_trajectory(sample_db, targets_by_indicator):
    at = visit(open_app(), "trajectory")
    assert at.title[0].value == t("ui.trajectory.title", "vi")
    assert {"trend_unit", "trend_quarter"} <= keys(at.selectbox)
    assert at.segmented_control(key="trend_indicator").value == "I1"
    assert len(table_with(at, t("col.body_name", "vi"))) > 0  # the bodies of the chosen quarter
    fig = charts(at)["trend_chart_I1"]
    marks = targets_by_indicator["I1"]
    assert target_traces(fig) == {y: target_name(y, v) for y, v in marks.items()}
    milestones = {d["meta"]["year"] for d in fig["data"] if (d.get("meta") or {}).get("kind") == "milestone"}
    assert milestones == set(marks)

    at.segmented_control(key="trend_indicator").set_value("all").run()
    assert_no_exception(at)
    figs = charts(at)
    # a chart and, under it, the strip of the last eight quarters' statuses per indicator (judgement)
    assert set(figs) == {f"trend_{kind}_{i}" for i in targets_by_indicator for kind in ("chart", "strip")}
    for ind, marks in targets_by_indicator.items():
        assert target_traces(figs[f"trend_chart_{ind}"]) == {y: target_name(y, v) for y, v in marks.items()}


def test_compare(sample_db, targets_by_indicator):
    at = visit(open_app(), "compare")
    assert at.title[0].value == t("ui.compare.title", "vi")
    assert {"compare_indicator", "compare_quarter"} <= keys(at.selectbox)
    assert "compare_scope" in keys(at.segmented_control)
    figs = charts(at)
    assert set(figs) == {"compare_ranking", "compare_heatmap", "compare_multiples"}
    marks = targets_by_indicator["I1"]
    assert {target_name(y, v) for y, v in marks.items()} <= target_shapes(figs["compare_ranking"])
    kinds = [(d.get("meta") or {}).get("kind") for d in figs["compare_heatmap"]["data"]]
    assert "heatmap" in kinds and "band" in kinds
    final = max(marks)
    assert target_traces(figs["compare_multiples"]) == {final: target_name(final, marks[final])}

    at.selectbox(key="compare_indicator").set_value("I3").run()
    assert_no_exception(at)
    marks = targets_by_indicator["I3"]
    assert {target_name(y, v) for y, v in marks.items()} <= target_shapes(charts(at)["compare_ranking"])
    at.segmented_control(key="compare_scope").set_value("all").run()
    assert_no_exception(at)


def test_upload_page(sample_db):
    at = visit(open_app(), "upload")
    assert at.title[0].value == t("ui.upload.title", "vi")
    assert "upload_files" in keys(at.file_uploader)
    assert at.file_uploader(key="upload_files").accept_multiple_files
    assert {"upload_tpl_quarter", "upload_tpl_unit"} <= keys(at.selectbox)
    assert "upload_tpl_download" in keys(at.get("download_button"))
    assert t("ui.upload.nothing_yet", "vi") in texts(at)
    assert "upload_store" not in keys(at.button)


def test_data(sample_db):
    at = visit(open_app(), "data")
    assert at.title[0].value == t("ui.data.title", "vi")
    assert {"data_units", "data_inds", "data_status"} <= keys(at.multiselect)
    assert at.multiselect(key="data_units").value == ["HM"]
    assert "data_range" in keys(at.select_slider)
    assert "data_recon" in keys(at.checkbox)
    assert {"data_download_xlsx", "data_download_csv"} <= keys(at.get("download_button"))
    unit_col = t("col.unit", "vi")
    assert set(table_with(at, unit_col)[unit_col]) == {"HM"}
    at.multiselect(key="data_units").set_value(["X-BD"]).run()
    assert_no_exception(at)
    assert set(table_with(at, unit_col)[unit_col]) == {"X-BD"}


def test_admin(sample_db):
    at = visit(open_app(), "admin")
    assert at.title[0].value == t("ui.admin.title", "vi")
    assert len(at.tabs) == 8  # + backup (officer), users and activity log (accounts)
    assert {"admin_unit", "admin_period", "admin_submission"} <= keys(at.selectbox)
    assert len(at.dataframe) == 6  # history, deadlines, completeness, register, targets, activity log
    assert len(table_with(at, t("ui.admin.h_file_name", "vi"))) == len(open_store(sample_db).history())
    assert {"admin_download", "admin_register_download", "admin_targets_download", "admin_backup_download"} <= keys(
        at.get("download_button")
    )
    assert {"admin_register_upload", "admin_targets_upload"} <= keys(at.file_uploader)
    assert "admin_sample_remove" in keys(at.button)


def test_method(sample_db):
    at = visit(open_app(), "method")
    assert at.title[0].value == t("ui.method.title", "vi")
    assert t("ui.method.template_title", "vi") in texts(at)
    assert [p.proto.page for p in at.get("page_link")] == [UPLOAD_URL]


# ---- empty database -----------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_empty_database(empty_db, page):
    at = open_app() if page == "overview" else visit(open_app(), page)
    assert not charts(at)
    links = [p.proto.page for p in at.get("page_link")]
    if page in DATA_PAGES:
        assert [i.value for i in at.info] == [t("ui.empty.no_data", "vi")]
        assert links == [UPLOAD_URL]
    elif page == "upload":
        # without a register there is nothing to upload against: the page asks for one right there
        assert at.title[0].value == t("ui.upload.title", "vi")
        assert t("ui.upload.no_register", "vi") in texts(at)
        assert "upload_register_upload" in keys(at.file_uploader)
    elif page == "admin":
        assert at.title[0].value == t("ui.admin.title", "vi")
        assert t("ui.admin.no_history", "vi") in texts(at)
        assert "admin_register_upload" in keys(at.file_uploader)
    else:
        assert at.title[0].value == t("ui.method.title", "vi")
    assert "sample_remove" not in keys(at.button)
    assert not empty_db.exists() or open_store(empty_db).is_empty()  # nothing loaded behind our back


@pytest.mark.parametrize("page", PAGES)
def test_register_without_submissions(register_only_db, page):
    at = open_app() if page == "overview" else visit(open_app(), page)
    if page in DATA_PAGES:
        assert [i.value for i in at.info] == [t("ui.empty.no_data", "vi")]
        assert [p.proto.page for p in at.get("page_link")] == [UPLOAD_URL]
    elif page == "upload":
        assert "upload_files" in keys(at.file_uploader)
        assert "upload_tpl_download" in keys(at.get("download_button"))
    else:
        assert at.title


# ---- actions ----------------------------------------------------------------------------------
def test_upload_stores_a_workbook_and_the_overview_shows_its_quarter(sample_db):
    name = "X-HM_2026Q3.xlsx"
    at = upload_samples(name)
    [file_box] = at.expander
    assert name in plain_label(file_box) and "Quý III/2026" in plain_label(file_box)
    assert "error" not in file_box.icon
    assert len(table_with(at, t("ui.upload.new_value", "vi"))) == 3  # the three indicators, before storing
    at.text_input(key="upload_by").input("Chị Lan")
    at.button(key="upload_store").click().run()
    assert_no_exception(at)
    assert [s.value for s in at.success] == [t("ui.upload.stored_title", "vi", n=1, names=md(name))]
    assert list(table_with(at, t("col.file", "vi"))[t("col.file", "vi")]) == [name]

    history = open_store(sample_db).history()
    stored = history[(history["unit"] == "X-HM") & (history["period"] == "2026Q3")]
    assert list(stored["status"]) == ["active"]
    assert list(stored["uploaded_by"]) == ["Chị Lan"]

    visit(at, "overview")
    assert "Quý III/2026" in texts(at)


def test_invalid_upload_shows_the_cell_and_offers_no_store_button(sample_db):
    name = "female_exceeds_total.xlsx"
    at = upload_samples(name, folder="invalid")
    [file_box] = at.expander
    assert name in plain_label(file_box) and "error" in file_box.icon
    cell = t("col.cell", "vi")
    [issues] = [tb.value for tb in at.table if cell in tb.value.columns]  # every message wrapped in full
    assert "E17" in set(issues[cell])
    assert any("ô E17" in m and "lớn hơn" in m for m in issues[t("col.message", "vi")])
    assert "upload_store" not in keys(at.button)
    assert t("ui.upload.none_valid", "vi") in texts(at)
    assert "upload_report_download" in keys(at.get("download_button"))
    before = open_store(sample_db).data_version()
    at.run()
    assert open_store(sample_db).data_version() == before


def test_rollback_from_the_admin_page(sample_db):
    history = open_store(sample_db).history()
    sid = int(history[history["status"] == "active"]["id"].max())
    at = visit(open_app(), "admin")
    at.selectbox(key="admin_submission").set_value(sid).run()
    assert_no_exception(at)
    at.button(key="admin_rollback").click().run()
    assert_no_exception(at)
    assert "admin_rollback_yes" in keys(at.button)
    assert open_store(sample_db).history().set_index("id").loc[sid, "status"] == "active"  # asked, not done
    at.button(key="admin_rollback_yes").click().run()
    assert_no_exception(at)
    assert open_store(sample_db).history().set_index("id").loc[sid, "status"] == "rolled_back"
    assert t("ui.admin.rollback_done", "vi", id=sid) in texts(at)
    assert "admin_rollback" not in keys(at.button)  # only an active submission can be rolled back
    visit(at, "overview")


def test_rollback_done_elsewhere_meanwhile_is_not_reported_done(sample_db):
    """Two officers: the second confirms a rollback the first already made. The page now shows the
    submission as rolled back, offers no rollback, and does not say this officer did it."""
    history = open_store(sample_db).history()
    sid = int(history[history["status"] == "active"]["id"].max())
    at = visit(open_app(), "admin")
    at.selectbox(key="admin_submission").set_value(sid).run()
    at.button(key="admin_rollback").click().run()
    open_store(sample_db).rollback(sid, by="người khác")
    at.button(key="admin_rollback_yes").click().run()
    assert_no_exception(at)
    assert t("ui.admin.rollback_done", "vi", id=sid) not in texts(at)
    assert t("ui.admin.rollback_only_active", "vi") in texts(at)
    assert "admin_rollback" not in keys(at.button) and "admin_rollback_yes" not in keys(at.button)


# ---- language and shareable URLs --------------------------------------------------------------
def test_language_switch(sample_db):
    at = open_app()
    assert at.segmented_control(key="lang").value == "vi"
    at.segmented_control(key="lang").set_value("en").run()
    assert_no_exception(at)
    assert at.title[0].value == "Progress overview"
    assert at.query_params.get("lang") == "en"
    assert target_traces(charts(at)["overview_spark_I1"]) == {2030: target_name(2030, 75, "en")}
    at.segmented_control(key="lang").set_value("vi").run()
    assert_no_exception(at)
    assert at.title[0].value == t("ui.overview.title", "vi")
    assert at.query_params.get("lang") == "vi"
    visit(at, "trajectory")
    assert at.title[0].value == t("ui.trajectory.title", "vi")


def test_language_from_the_url(sample_db):
    at = open_app(lang="en")
    assert at.title[0].value == "Progress overview"
    assert at.segmented_control(key="lang").value == "en"
    # Stay on the trajectory page: AppTest re-serialises a selectbox's value with its format_func
    # outside the script run, where the page's language lookup sees no session and says "vi", so
    # leaving an English page with a quarter selectbox fails inside AppTest (not in a browser).
    visit(at, "trajectory")
    assert at.title[0].value == t("ui.trajectory.title", "en")
    assert target_traces(charts(at)["trend_chart_I1"]) == {
        y: target_name(y, v, "en") for y, v in ((2025, 60), (2030, 75))
    }


def test_trajectory_from_the_url(sample_db, targets_by_indicator):
    at = visit(open_app(unit="X-BD", indicator="I2"), "trajectory")
    assert at.selectbox(key="trend_unit").value == "X-BD"
    assert at.segmented_control(key="trend_indicator").value == "I2"
    figs = charts(at)
    assert set(figs) == {"trend_chart_I2", "trend_strip_I2"}
    fig = figs["trend_chart_I2"]
    assert "xã Bà Điểm" in fig["layout"]["title"]["subtitle"]["text"]  # the unit is the subtitle (charts.py)
    assert target_traces(fig) == {y: target_name(y, v) for y, v in targets_by_indicator["I2"].items()}
    assert at.query_params.get("unit") == "X-BD"
    assert at.query_params.get("indicator") == "I2"


def test_unknown_codes_in_the_url_fall_back(sample_db):
    at = visit(open_app(unit="NOPE", indicator="I9", quarter="1999Q1"), "trajectory")
    assert at.segmented_control(key="trend_indicator").value == "I1"
    assert re.fullmatch(r"[A-Z-]+", at.selectbox(key="trend_unit").value)
    # the page says the link names something unknown, for each such value
    warnings = [w.value for w in at.warning]
    assert any("unit=NOPE" in w for w in warnings), warnings
    assert any("indicator=I9" in w for w in warnings), warnings
    assert any("quarter=1999Q1" in w for w in warnings), warnings


def test_url_codes_match_without_case(sample_db):
    at = visit(open_app(unit="x-bd", indicator="i2"), "trajectory")
    assert at.selectbox(key="trend_unit").value == "X-BD"
    assert at.segmented_control(key="trend_indicator").value == "I2"
    assert not [w.value for w in at.warning if "unit=" in w.value or "indicator=" in w.value]
    assert at.query_params.get("unit") == "X-BD"


def test_the_address_changed_from_outside_wins_over_the_widget(sample_db):
    """Browser Back changes the address and reruns the page: the address's unit is shown."""
    at = visit(open_app(unit="X-BD"), "trajectory")
    at.selectbox(key="trend_unit").set_value("X-DT").run()
    assert at.query_params.get("unit") == "X-DT"
    at.query_params["unit"] = "X-BD"  # what Back does to the address
    at.run()
    assert at.selectbox(key="trend_unit").value == "X-BD"


# ---- the upload flow: what is stored is what is listed --------------------------------------
def _changed_copy(path: Path, cell: str = "F11", value: int = 5) -> bytes:
    """The workbook with one count changed (same unit and quarter, other figures)."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb["Số liệu"][cell] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _active(db: Path, unit: str, period: str):
    history = open_store(db).history()
    return history[(history["unit"] == unit) & (history["period"] == period) & (history["status"] == "active")]


def test_a_file_removed_from_the_uploader_leaves_the_report_and_is_not_stored(sample_db):
    at = visit(open_app(), "upload")
    a, b = "X-HM_2026Q3.xlsx", "X-XTS_2026Q3.xlsx"
    files = {n: (SAMPLE / "upload_2026Q3" / n).read_bytes() for n in (a, b)}
    at.file_uploader(key="upload_files").set_value([(n, d, XLSX) for n, d in files.items()]).run()
    assert len(at.expander) == 2
    assert at.button(key="upload_store").label == t("ui.upload.store_button", "vi", n=2)
    at.file_uploader(key="upload_files").set_value([(a, files[a], XLSX)]).run()  # b removed with its ×
    assert_no_exception(at)
    assert [md(a) in e.label for e in at.expander] == [True]
    assert at.button(key="upload_store").label == t("ui.upload.store_button", "vi", n=1)
    at.text_input(key="upload_by").input("Chị Lan")
    at.button(key="upload_store").click().run()
    assert_no_exception(at)
    assert len(_active(sample_db, "X-HM", "2026Q3")) == 1
    assert _active(sample_db, "X-XTS", "2026Q3").empty
    # every file removed: the list is empty again and says so
    at.file_uploader(key="upload_files_1").set_value([]).run()
    assert t("ui.upload.nothing_yet", "vi") in texts(at)


def test_files_are_kept_across_a_page_switch_and_still_removable(sample_db):
    a = "X-HM_2026Q3.xlsx"
    at = upload_samples(a)
    visit(at, "overview")
    visit(at, "upload")
    assert [md(a) in e.label for e in at.expander] == [True]
    assert t("ui.upload.nothing_yet", "vi") not in texts(at)
    assert at.button(key="upload_store").label == t("ui.upload.store_button", "vi", n=1)
    remove = [b for b in at.button if b.key.startswith("upload_remove_")]
    assert len(remove) == 1
    remove[0].click().run()
    assert not at.expander
    assert t("ui.upload.nothing_yet", "vi") in texts(at)


def test_storing_needs_the_submitters_name(sample_db):
    a = "X-HM_2026Q3.xlsx"
    at = upload_samples(a)
    at.button(key="upload_store").click().run()
    assert_no_exception(at)
    assert [e.value for e in at.error] == [t("ui.upload.by_required", "vi")]
    assert _active(sample_db, "X-HM", "2026Q3").empty
    at.text_input(key="upload_by").input("   ").run()
    at.button(key="upload_store").click().run()
    assert _active(sample_db, "X-HM", "2026Q3").empty


def test_two_files_for_one_quarter_clash_and_the_choice_is_stored(sample_db):
    at = visit(open_app(), "upload")
    original = SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx"
    a, b = original.name, "X-HM_2026Q3_ban_sua.xlsx"
    data = {a: original.read_bytes(), b: _changed_copy(original)}
    at.file_uploader(key="upload_files").set_value([(n, d, XLSX) for n, d in data.items()]).run()
    assert_no_exception(at)
    assert all(t("ui.upload.file_clash", "vi") in e.label for e in at.expander)
    [clash] = at.radio
    assert clash.options == [md(a), md(b)]
    assert "xã Hóc Môn" in clash.label and "Quý III/2026" in clash.label
    assert at.button(key="upload_store").label == t("ui.upload.store_button", "vi", n=1)
    clash.set_value(1).run()  # the second file of the batch
    at.text_input(key="upload_by").input("Chị Lan")
    at.button(key="upload_store").click().run()
    assert_no_exception(at)
    import hashlib

    [row] = _active(sample_db, "X-HM", "2026Q3").itertuples()
    assert row.sha256 == hashlib.sha256(data[b]).hexdigest()
    assert row.file_name == b
    assert len(open_store(sample_db).history(unit="X-HM", period="2026Q3")) == 1  # the other was never stored


# ---- words on screen: ended units, statuses of past quarters, missed milestones ---------------
def test_a_unit_that_ended_in_2025_is_not_judged_toward_2030(sample_db):
    at = visit(open_app(unit="HM-TT", indicator="I2"), "trajectory")
    assert at.selectbox(key="trend_unit").value == "HM-TT"
    shown = texts(at)
    assert t("ui.unit.merged_into", "vi", name="xã Hóc Môn", code="X-HM", start="Quý III/2025") in shown
    assert "Dự báo" not in shown and "Tốc độ cần có" not in shown
    for status in ("on_track", "needs_acceleration", "limited_progress", "deteriorating", "achieved"):
        assert t(f"status.{status}", "vi") not in shown
    assert "Mốc 2025" in shown and "Quý II/2025" in shown  # its milestone up to its end
    fig = charts(at)["trend_chart_I2"]
    names = {tr.get("name") for tr in fig["data"]}
    assert t("chart.required_path", "vi") not in names and t("chart.projection", "vi") not in names
    # a unit dissolved without a successor
    at = visit(open_app(unit="HM-KCQ"), "trajectory")
    assert t("ui.unit.dissolved", "vi", end="Quý II/2025") in texts(at)


def test_a_current_unit_is_still_judged(sample_db):
    at = visit(open_app(unit="X-BD", indicator="I2"), "trajectory")
    fig = charts(at)["trend_chart_I2"]
    assert t("chart.required_path", "vi") in {tr.get("name") for tr in fig["data"]}


def test_missed_milestone_reads_khong_dat():
    assert t("milestone.not_met", "vi") == "Không đạt"


def test_data_page_status_only_on_each_series_latest_row(sample_db):
    at = visit(open_app(), "data")
    at.multiselect(key="data_units").set_value(["X-BD", "HM-BD"]).run()
    assert_no_exception(at)
    table = table_with(at, t("col.unit", "vi"))
    status_col = t("col.status_judged", "vi")  # the one judgement: on the judged row only
    with_status = table[table[status_col] != ""]
    # one row per current unit and indicator, none for the unit that ended
    assert sorted(with_status[t("col.unit", "vi")]) == ["X-BD"] * 3
    assert (table[t("col.unit", "vi")] == "HM-BD").sum() > 0
    assert t("export.col.period_label", "vi") in table.columns
    assert "Quý IV/2021" in set(table[t("export.col.period_label", "vi")])
    at.multiselect(key="data_status").set_value(
        ["needs_acceleration", "limited_progress", "on_track", "deteriorating", "achieved", "insufficient_data"]
    ).run()
    table = table_with(at, t("col.unit", "vi"))
    assert len(table) == 3


def test_admin_words_times_and_completeness(sample_db):
    at = visit(open_app(), "admin")
    history = table_with(at, t("ui.admin.h_file_name", "vi"))
    when = history[t("ui.admin.h_uploaded_at", "vi")]
    assert "UTC" not in t("ui.admin.h_uploaded_at", "vi")
    stored = open_store(sample_db).history()["uploaded_at"].iloc[0]  # UTC ISO time
    import pandas as pd

    expected = pd.Timestamp(stored).tz_convert("Asia/Ho_Chi_Minh").strftime("%d/%m/%Y %H:%M")
    assert when.iloc[0] == expected
    # register and targets in Vietnamese
    register = table_with(at, t("ui.admin.reg_valid_from", "vi"))
    assert list(register.columns) == [
        t(f"ui.admin.reg_{c}", "vi")
        for c in ("code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "note")
    ]
    assert "Quý II/2025" in set(register[t("ui.admin.reg_valid_to", "vi")])
    targets = table_with(at, t("export.col.target_percent", "vi"))
    assert list(targets.columns) == [
        t("col.indicator", "vi"),
        t("export.col.year", "vi"),
        t("export.col.target_percent", "vi"),
    ]
    for word in ("code", "name", "kind", "valid_from", "indicator", "year", "target_percent"):
        assert word not in register.columns and word not in targets.columns
    # completeness: words, not symbols; the newest quarter first
    grids = [d.value for d in at.dataframe if "Quý II/2026" in d.value.columns]
    assert len(grids) == 1
    grid = grids[0]
    from gender_targets.campaign import due_period, today_vn

    assert list(grid.columns)[1] == due_period(today_vn()).label("vi")  # the quarter due, then older ones
    values = set(grid.iloc[:, 1:].to_numpy().ravel())
    words = {t("campaign.cell.sent", "vi"), t("campaign.cell.missing", "vi"), "—"}
    assert all(v in words or v.startswith("Quá hạn ") for v in values), values  # campaign: SPEC §12
    assert "✅" not in t("ui.admin.completeness_note", "vi") and "❌" not in t("ui.admin.completeness_note", "vi")
    # the first page view of the day started the daily copy beside the database (in the background)
    from ui.common import _daily_backup, db_url

    _daily_backup(db_url(), today_vn().isoformat()).join()  # the day in Vietnam, as the page's
    copies = list((sample_db.parent / "backups").glob("*.db"))
    assert len(copies) == 1
    at.run()
    assert t("ui.admin.backup_never", "vi") not in texts(at)
    assert "(giờ Việt Nam)" in texts(at)


def test_method_page_is_written_for_a_union_officer(sample_db):
    at = visit(open_app(), "method")
    shown = texts(at)
    assert "Ba chỉ tiêu" in shown and "Cần tăng tốc" in shown and "49,05%" in shown
    for word in ("key_leaders", "pool_total", "pool_female", "r_obs", "r_req", "years_left", "null", "valid_from"):
        assert word not in shown, word
