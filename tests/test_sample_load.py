"""Sample data: loaded only into an empty database, marked as sample, removed exactly and alone."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from gender_targets import intake, sample
from gender_targets.periods import Period, period_range
from gender_targets.store import StoreError, open_store
from tests.store_workers import TODAY, csv_file, fake_check_file, make_rows

OLD = ["HM-TT", "HM-TH", "HM-BD", "HM-KCQ"]
NEW = ["X-HM", "X-BD"]


@pytest.fixture
def fake_sample_dir(tmp_path, monkeypatch):
    """A sample folder whose history file is in the stand-in reader's format (see store_workers)."""
    monkeypatch.setattr(intake, "check_file", fake_check_file)
    folder = tmp_path / "sample"
    (folder / sample.UPLOAD_DIR).mkdir(parents=True)
    for name in (sample.UNITS_FILE, sample.TARGETS_FILE):
        shutil.copy(sample.SAMPLE_DIR / name, folder / name)
    rows = make_rows(OLD, period_range(Period(2021, 4), Period(2025, 2)), bodies_per=4, seed=1)
    rows += make_rows(NEW, period_range(Period(2025, 3), Period(2026, 2)), bodies_per=4, seed=2)
    (folder / sample.HISTORY_FILE).write_bytes(csv_file(rows))
    (folder / sample.UPLOAD_DIR / "X-HM_2026Q3.xlsx").write_bytes(csv_file(make_rows(["X-HM"], [Period(2026, 3)])))
    return folder


@pytest.fixture
def st(db_path):
    s = open_store(db_path)
    yield s
    s.close()


def test_load_sample_into_an_empty_store(st, fake_sample_dir, sample_register):
    seen = []
    results = sample.load_sample(st, fake_sample_dir, progress=lambda d, n: seen.append((d, n)), today=TODAY)
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert len(results) == 1 and results[0].ok
    n = len(OLD) * 15 + len(NEW) * 4
    assert len(results[0].ids) == n
    hist = st.history()
    assert len(hist) == n and hist["is_sample"].all() and (hist["status"] == "active").all()
    assert set(hist["file_name"]) == {sample.HISTORY_FILE}  # upload_2026Q3 is left for the user
    assert "2026Q3" not in set(hist["period"])
    assert st.has_sample() and not st.is_empty()
    assert st.register().codes == sample_register.codes
    assert st.targets()["target_percent"].tolist() == [60.0, 75.0, 40.0, 50.0, 75.0, 90.0]
    actions = st.audit_log()["action"].tolist()
    assert actions == ["sample_load", "import", "targets_change", "register_change"]
    assert json.loads(st.audit_log().iloc[0]["detail"])["submissions"] == n


def test_load_sample_refuses_a_store_with_data(st, fake_sample_dir):
    sample.load_sample(st, fake_sample_dir, today=TODAY)
    v = st.data_version()
    with pytest.raises(StoreError) as err:
        sample.load_sample(st, fake_sample_dir, today=TODAY)
    assert "trống" in err.value.message_vi and "empty" in err.value.message_en
    assert st.data_version() == v


def test_two_sessions_loading_the_sample_at_once_store_it_once(st, fake_sample_dir, monkeypatch):
    sample.load_sample(st, fake_sample_dir, today=TODAY)
    v, n = st.data_version(), len(st.history())
    monkeypatch.setattr(type(st), "is_empty", lambda self: True)  # the second session looked before
    results = sample.load_sample(st, fake_sample_dir, today=TODAY)
    assert results[0].unchanged and st.data_version() == v and len(st.history()) == n
    assert st.audit_log()["action"].tolist().count("sample_load") == 1


def test_missing_or_invalid_sample_file(st, fake_sample_dir):
    (fake_sample_dir / sample.HISTORY_FILE).write_bytes(b"BROKEN\n")
    with pytest.raises(StoreError) as err:
        sample.load_sample(st, fake_sample_dir, today=TODAY)
    assert sample.HISTORY_FILE in err.value.message_en and err.value.details
    assert st.is_empty()
    (fake_sample_dir / sample.HISTORY_FILE).unlink()
    with pytest.raises(StoreError) as err:
        sample.load_sample(st, fake_sample_dir, today=TODAY)
    assert sample.HISTORY_FILE in err.value.message_vi


def test_remove_sample_removes_exactly_the_sample(st, fake_sample_dir, db_path):
    results = sample.load_sample(st, fake_sample_dir, today=TODAY)
    sample_ids = set(results[0].ids.values())
    # the user replaces one sample quarter and adds a new one
    mine = csv_file(make_rows(["X-HM"], [Period(2026, 2), Period(2026, 3)], seed=9, note="của tôi"))
    user = intake.import_upload(st, mine, "X-HM.csv", by="user", today=TODAY)
    replaced = results[0].ids[("X-HM", "2026Q2")]
    assert st.history().set_index("id").at[user.ids[("X-HM", "2026Q2")], "supersedes"] == replaced
    register, targets = st.register().codes, st.targets()
    v = st.data_version()
    assert not st.sample_was_removed()
    assert sample.remove_sample(st, by="admin") == len(sample_ids)
    assert st.sample_was_removed()
    assert st.data_version() == v + 1
    hist = st.history()
    assert set(hist["id"]) == set(user.ids.values()) and not hist["is_sample"].any()
    assert (hist["status"] == "active").all() and hist["supersedes"].isna().all()
    assert set(st.active_bodies()["note"]) == {"của tôi"}
    assert not st.has_sample() and st.register().codes == register and st.targets().equals(targets)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM files").fetchone()[0] == 1  # the sample file went with it
    assert con.execute("SELECT count(*) FROM bodies").fetchone()[0] == 2 * 6
    con.close()
    log = st.audit_log()
    assert log.iloc[0]["action"] == "sample_remove" and log.iloc[0]["who"] == "admin"
    assert sample.remove_sample(st) == 0  # nothing left to remove, nothing written
    assert st.data_version() == v + 1


def test_remove_sample_keeps_a_file_the_user_also_imported(st, fake_sample_dir, db_path):
    results = sample.load_sample(st, fake_sample_dir, today=TODAY)
    st.rollback(results[0].ids[("X-BD", "2026Q2")])
    data = (fake_sample_dir / sample.HISTORY_FILE).read_bytes()
    again = intake.import_upload(st, data, "lich-su.xlsx", by="user", today=TODAY)  # same bytes, not identical state
    assert again.ok and not again.unchanged
    sample.remove_sample(st)
    hist = st.history()
    assert len(hist) == len(again.ids) and (hist["status"] == "active").all()
    name, stored = st.submission_file(int(hist["id"].iloc[0]))
    assert name == "lich-su.xlsx" and stored == data
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM files").fetchone()[0] == 1
    con.close()


def test_the_real_sample_history_loads(st):
    pytest.importorskip("gender_targets.workbook")
    results = sample.load_sample(st, today=TODAY)
    assert results[0].ok, [e.message_en for e in results[0].report.errors][:5]
    hist = st.history()
    assert hist["is_sample"].all() and len(hist) == len(results[0].ids) > 200
    assert hist["period"].min() == "2021Q4" and hist["period"].max() == "2026Q2"
    assert len(st.active_bodies()) > 1000
    n = sample.remove_sample(st)
    assert n == len(results[0].ids) and st.is_empty()


def test_real_uploads_after_the_sample_and_invalid_files_store_nothing(st):
    pytest.importorskip("gender_targets.workbook")
    import pandas as pd

    sample.load_sample(st, today=TODAY)
    uploads = sorted((sample.SAMPLE_DIR / sample.UPLOAD_DIR).glob("*.xlsx"))
    results = intake.import_uploads(st, [(f.name, f.read_bytes()) for f in uploads], by="user", today=TODAY)
    assert [r.ok for r in results] == [True] * len(uploads) and len(uploads) == 4
    assert {p for r in results for _, p in r.ids} == {"2026Q3"}
    v, n = st.data_version(), len(st.history())
    expected = pd.read_csv(sample.SAMPLE_DIR / "invalid" / "expected.csv")
    for name in expected.loc[expected["severity"] == "error", "file"]:
        result = intake.import_upload(st, (sample.SAMPLE_DIR / "invalid" / name).read_bytes(), name, today=TODAY)
        assert not result.ok and not result.ids, name
    assert st.data_version() == v and len(st.history()) == n
    again = intake.import_upload(st, uploads[0].read_bytes(), uploads[0].name, today=TODAY)
    assert again.unchanged and st.data_version() == v
