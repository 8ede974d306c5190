"""The store's promises: all or nothing per file, nothing deleted, supersede and rollback, identical
re-imports, refusals that leave files untouched, schema upgrades, concurrent writers and SIGKILL."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from gender_targets import intake, store
from gender_targets.periods import Period
from gender_targets.schema import DEFAULT_TARGETS
from gender_targets.store import StoreError, open_store
from tests.store_workers import (
    HISTORY,
    TODAY,
    csv_file,
    fake_check_file,
    make_register,
    make_rows,
    xlsx_long,
)

WORKER = Path(__file__).with_name("store_workers.py")
PY = sys.executable
Q = Period(2026, 2)


@pytest.fixture
def fake_reader(monkeypatch):
    monkeypatch.setattr(intake, "check_file", fake_check_file)


@pytest.fixture
def st(db_path, fake_reader):
    s = open_store(db_path)
    s.save_register(make_register(6), by="setup")
    yield s
    s.close()


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("submissions", "bodies", "files")}
    finally:
        con.close()


# ---- opening -----------------------------------------------------------------------------------
def test_open_creates_schema_with_wal_and_version(db_path):
    s = open_store(db_path)
    assert s.schema_version() == store.SCHEMA_VERSION
    assert s.data_version() == 0 and s.is_empty() and not s.has_sample()
    assert s.register() is None
    pd.testing.assert_frame_equal(s.targets(), DEFAULT_TARGETS)
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    s.close()
    # reopening is a no-op
    s = open_store(str(db_path))
    assert s.data_version() == 0
    s.close()


def test_default_db_url_env_and_cwd(monkeypatch, tmp_path):
    monkeypatch.delenv("GENDER_TARGETS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert store.default_db_url() == f"sqlite:///{tmp_path}/data/gender_targets.db"
    s = open_store()
    assert (tmp_path / "data" / "gender_targets.db").exists()
    s.close()
    monkeypatch.setenv("GENDER_TARGETS_DB", str(tmp_path / "x" / "y.db"))
    assert store.default_db_url().endswith("/x/y.db")
    monkeypatch.setenv("GENDER_TARGETS_DB", "sqlite://")
    assert store.default_db_url() == "sqlite://"
    mem = open_store()  # in-memory database works too
    assert mem.is_empty()
    mem.close()


def test_schema_is_portable_to_postgresql():
    dialect = postgresql.dialect()
    for table in store.metadata.sorted_tables:
        ddl = str(sa.schema.CreateTable(table).compile(dialect=dialect))
        assert "CREATE TABLE" in ddl
    lock = sa.select(store.meta.c.value).where(store.meta.c.key == "data_version").with_for_update()
    assert "FOR UPDATE" in str(lock.compile(dialect=dialect))


@pytest.mark.parametrize(
    "damage",
    ["random", "truncated", "header_only", "text"],
)
def test_damaged_database_is_refused_and_untouched(tmp_path, fake_reader, damage):
    db = tmp_path / "d.db"
    if damage == "random":
        db.write_bytes(random.Random(1).randbytes(8192))
    elif damage == "text":
        db.write_text("code,name\nA,b\n")
    else:
        s = open_store(db)
        s.save_register(make_register(6))
        s.import_file(csv_file(make_rows(["U00", "U01"], HISTORY, 20)), "h.csv", today=TODAY)
        s.close()
        data = db.read_bytes()
        assert len(data) > 8192
        db.write_bytes(data[: len(data) // 2] if damage == "truncated" else data[:100] + b"\x00" * 4000)
    before = db.read_bytes()
    with pytest.raises(StoreError) as err:
        open_store(db)
    assert "hỏng" in err.value.message_vi and "damaged" in err.value.message_en
    assert "not changed" in err.value.message_en
    assert db.read_bytes() == before


# ---- register and targets -------------------------------------------------------------------
def test_register_roundtrip_and_audit(st):
    reg = st.register()
    assert reg.codes == make_register(6).codes
    v = st.data_version()
    st.save_register(make_register(6), by="me")  # identical: nothing to do
    assert st.data_version() == v
    st.save_register(make_register(8), by="me")
    assert st.data_version() == v + 1
    log = st.audit_log()
    assert log.iloc[0]["action"] == "register_change" and log.iloc[0]["who"] == "me"
    assert json.loads(log.iloc[0]["detail"])["added"] == ["U06", "U07"]


def test_register_change_that_orphans_is_refused_with_codes(st):
    st.import_file(csv_file(make_rows(["U04", "U05"], [Q])), "a.csv", today=TODAY)
    v = st.data_version()
    with pytest.raises(StoreError) as err:
        st.save_register(make_register(4))  # drops U04, U05
    assert err.value.details == ["U04", "U05"]
    assert "U04" in err.value.message_vi and "U05" in err.value.message_en
    # a validity that no longer covers a stored quarter
    frame = make_register(6).frame.copy()
    frame.loc[frame["code"] == "U05", "valid_from"] = "2026Q3"
    from gender_targets.units import register_from_frame

    with pytest.raises(StoreError) as err:
        st.save_register(register_from_frame(frame))
    assert err.value.details == ["U05"] and "2026Q2" in err.value.message_en
    assert st.data_version() == v and st.register().codes == make_register(6).codes
    # a register that keeps every stored unit-period valid is fine
    st.save_register(make_register(7))
    assert "U06" in st.register()


def test_targets_saved_validated_and_audited(st):
    frame = DEFAULT_TARGETS.copy()
    frame.loc[frame.index[-1], "target_percent"] = 95.0
    st.save_targets(frame, by="me")
    assert st.targets()["target_percent"].tolist()[-1] == 95.0
    v = st.data_version()
    st.save_targets(frame, by="me")  # the same table again: nothing written
    assert st.data_version() == v
    assert st.audit_log().iloc[0]["action"] == "targets_change"
    v = st.data_version()
    with pytest.raises(StoreError) as err:
        st.save_targets(frame.assign(target_percent=150))
    assert "100" in err.value.message_en
    assert st.data_version() == v


def test_check_needs_a_register(db_path, fake_reader):
    s = open_store(db_path)
    with pytest.raises(StoreError) as err:
        s.check(b"x", "x.csv")
    assert "units.csv" in err.value.message_vi
    s.close()


# ---- imports --------------------------------------------------------------------------------
def test_import_stores_every_unit_period_of_a_file(st, db_path):
    rows = make_rows(["U00", "U01", "U02"], HISTORY[-4:], bodies_per=5)
    data = csv_file(rows)
    result = st.import_file(data, "long.csv", by="an", today=TODAY)
    assert result.ok and not result.unchanged and len(result.ids) == 12
    assert set(result.ids) == {(u, str(p)) for u in ("U00", "U01", "U02") for p in HISTORY[-4:]}
    act = st.active_bodies()
    assert len(act) == len(rows)
    assert list(act.columns) == store.ACTIVE_BODY_COLUMNS
    assert act["key_leaders"].dtype == "int64"
    expected = pd.DataFrame(rows).sort_values(["unit", "period"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(act[expected.columns.tolist()].reset_index(drop=True), expected, check_dtype=False)
    sub = st.active_bodies(units=["U01"], periods=["2026Q1"])
    assert len(sub) == 5 and set(sub["unit"]) == {"U01"} and set(sub["period"]) == {"2026Q1"}
    hist = st.history()
    assert list(hist.columns) == store.HISTORY_COLUMNS
    assert (hist["status"] == "active").all() and (hist["uploaded_by"] == "an").all()
    assert hist["id"].is_monotonic_decreasing
    assert len(st.history(unit="u00")) == 4 and len(st.history(period="2026Q1")) == 3
    one = result.ids[("U02", "2026Q2")]
    assert st.submission_file(one) == ("long.csv", data)
    assert st.submission_bodies(one)["body_name"].tolist() == [f"Cơ quan {i:02d}" for i in range(5)]
    assert _counts(db_path) == {"submissions": 12, "bodies": 60, "files": 1}
    assert st.data_version() == 2  # register + import
    log = st.audit_log()
    assert log.iloc[0]["action"] == "import"
    assert len(json.loads(log.iloc[0]["detail"])["submissions"]) == 12
    assert result.to_dict()["submissions"][0]["id"] in result.ids.values()


def test_invalid_file_changes_nothing(st, db_path):
    v = st.data_version()
    broken = st.import_file(csv_file(make_rows(["U00"], [Q])), "b.csv", today=TODAY)
    assert broken.ok
    v = st.data_version()
    before = _counts(db_path)
    for data in (
        csv_file(make_rows(["U00"], [Q]), broken=True),
        csv_file(make_rows(["U01", "NOPE"], [Q])),  # one good unit-period, one bad: all refused
    ):
        result = st.import_file(data, "bad.csv", today=TODAY)
        assert not result.ok and result.ids == {} and not result.unchanged
    assert st.data_version() == v and _counts(db_path) == before
    assert st.history(unit="U01").empty


def test_identical_reimport_changes_nothing(st, db_path):
    data = csv_file(make_rows(["U00", "U01"], HISTORY[-2:]))
    first = st.import_file(data, "a.csv", today=TODAY)
    v, counts = st.data_version(), _counts(db_path)
    report = st.check(data, "a.csv", today=TODAY)
    assert not [i for i in report.issues if i.code == "replaces_submission"]
    again = st.import_file(data, "renamed.csv", today=TODAY)
    assert again.unchanged and again.ids == first.ids
    assert st.data_version() == v and _counts(db_path) == counts


def test_supersede_then_rollback_restores_the_exact_previous_rows(st, db_path):
    old = csv_file(make_rows(["U00", "U01"], [Q], seed=1))
    first = st.import_file(old, "v1.csv", by="a", today=TODAY)
    before = st.active_bodies()
    new = csv_file(make_rows(["U00"], [Q], seed=2, note="sửa"))
    report = st.check(new, "v2.csv", today=TODAY)
    repl = [i for i in report.warnings if i.code == "replaces_submission"]
    assert len(repl) == 1
    assert f"số {first.ids[('U00', '2026Q2')]}" in repl[0].message_vi and "v1.csv" in repl[0].message_en
    assert "Quý II/2026" in repl[0].message_vi and "Q2 2026" in repl[0].message_en
    second = st.import_file(new, "v2.csv", by="b", today=TODAY)
    new_id, old_id = second.ids[("U00", "2026Q2")], first.ids[("U00", "2026Q2")]
    hist = st.history(unit="U00").set_index("id")
    assert hist.at[new_id, "status"] == "active" and hist.at[new_id, "supersedes"] == old_id
    assert hist.at[old_id, "status"] == "superseded"
    assert set(st.active_bodies(units=["U00"])["note"]) == {"sửa"}
    assert st.rollback(new_id, by="c") == old_id
    pd.testing.assert_frame_equal(st.active_bodies(), before)
    hist = st.history(unit="U00").set_index("id")
    assert hist.at[new_id, "status"] == "rolled_back" and hist.at[old_id, "status"] == "active"
    assert _counts(db_path)["submissions"] == 3  # nothing deleted
    assert st.audit_log().iloc[0]["action"] == "rollback"
    # rolling back something not active is refused, nothing changes
    v = st.data_version()
    for bad in (new_id, 9999):
        with pytest.raises(StoreError) as err:
            st.rollback(bad)
        assert str(bad) in err.value.message_vi
    with pytest.raises(StoreError) as err:
        st.rollback(new_id)
    assert "Đã hoàn tác" in err.value.message_vi
    assert st.data_version() == v
    # rolling back the first upload leaves the unit-period without active data
    assert st.rollback(old_id) is None
    assert st.active_bodies(units=["U00"]).empty and len(st.active_bodies(units=["U01"])) == 6


def test_large_change_against_previous_stored_quarter(st):
    def rows(unit, period, female):
        return [
            {
                "unit": unit,
                "period": str(period),
                "body_name": "UBND",
                "body_type": "UBND",
                "key_leaders": 2,
                "key_leaders_female": 1,
                "pool_total": 100,
                "pool_female": female,
                "pool_female_trained": 0,
                "note": "",
            }
        ]

    st.import_file(csv_file(rows("U00", Period(2025, 4), 40)), "q4.csv", today=TODAY)
    # 2026Q1 missing: the most recent earlier quarter (2025Q4) is the comparison
    report = st.check(csv_file(rows("U00", Q, 70)), "q2.csv", today=TODAY)
    big = [i for i in report.warnings if i.code == "large_change"]
    assert len(big) == 1  # I2 moved 30 points, I1 and I3 did not move / have no value
    assert "30,0" in big[0].message_vi and "Quý IV/2025" in big[0].message_vi
    assert big[0].row == 2 and big[0].message_vi.startswith('Sheet "Số liệu", dòng 2: I2')
    assert "30.0" in big[0].message_en and "40.0% → 70.0%" in big[0].message_en
    assert not [i for i in st.check(csv_file(rows("U00", Q, 65)), "x.csv", today=TODAY).issues]
    # within one file: consecutive quarters of the file compare with each other
    both = csv_file(rows("U01", Period(2026, 1), 10) + rows("U01", Q, 50))
    assert [i.code for i in st.check(both, "h.csv", today=TODAY).issues] == ["large_change"]


def test_import_is_atomic_when_the_write_fails(st, db_path, monkeypatch):
    st.import_file(csv_file(make_rows(["U00"], [Q], seed=1)), "v1.csv", today=TODAY)
    v, counts, before = st.data_version(), _counts(db_path), st.active_bodies()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_bodies", boom)
    with pytest.raises(RuntimeError):
        st.import_file(csv_file(make_rows(["U00", "U01"], [Q], seed=2)), "v2.csv", today=TODAY)
    assert st.data_version() == v and _counts(db_path) == counts
    pd.testing.assert_frame_equal(st.active_bodies(), before)


def test_import_many_reports_progress(st):
    files = [(f"f{i}.csv", csv_file(make_rows([f"U0{i}"], [Q]))) for i in range(3)]
    seen = []
    results = st.import_many(files, by="x", progress=lambda d, n: seen.append((d, n)), today=TODAY)
    assert [r.ok for r in results] == [True] * 3
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_files_are_stored_once_per_sha(st, db_path):
    data = csv_file(make_rows(["U00"], [Q]))
    st.import_file(data, "a.csv", today=TODAY)
    st.import_file(csv_file(make_rows(["U00"], [Q], seed=5)), "b.csv", today=TODAY)
    first = st.history(unit="U00")["id"].min()
    st.rollback(st.history(unit="U00")["id"].max())
    st.save_register(make_register(6))
    assert st.history(unit="U00").set_index("id").at[first, "status"] == "active"
    assert _counts(db_path)["files"] == 2


# ---- schema versions ------------------------------------------------------------------------
def test_version_0_database_is_upgraded(db_path):
    con = sqlite3.connect(db_path)
    con.executescript(
        """
        CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT, kind TEXT, parent TEXT, valid_from TEXT,
                            valid_to TEXT, successor TEXT, note TEXT);
        CREATE TABLE submissions (id INTEGER PRIMARY KEY, unit TEXT NOT NULL, period TEXT NOT NULL,
                                  file_name TEXT, sha256 TEXT, status TEXT, uploaded_at TEXT);
        INSERT INTO submissions VALUES (1, 'U00', '2025Q1', 'old.xlsx', 'abc', NULL, '2025-04-01');
        """
    )
    con.commit()
    con.close()
    s = open_store(db_path)
    assert s.schema_version() == store.SCHEMA_VERSION and s.data_version() == 0
    hist = s.history()
    assert hist.loc[0, "file_name"] == "old.xlsx" and not hist.loc[0, "is_sample"]
    assert hist.loc[0, "status"] == "active"
    assert hist.loc[0, "n_bodies"] == 0 and pd.isna(hist.loc[0, "supersedes"])
    assert s.audit_log().empty and s.active_bodies().empty
    with s.engine.connect() as conn:
        idx = {i["name"] for i in sa.inspect(conn).get_indexes("submissions")}
    assert "ix_submissions_unit_period_status" in idx
    s.close()


def test_newer_schema_version_is_refused_and_nothing_written(db_path):
    open_store(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as err:
        open_store(db_path)
    assert "99" in err.value.message_vi and "newer" in err.value.message_en
    assert db_path.read_bytes() == before


# ---- processes ------------------------------------------------------------------------------
def _setup_db(db: Path, n_units: int) -> None:
    s = open_store(db)
    s.save_register(make_register(n_units))
    s.close()


def test_two_processes_import_into_one_file_at_once(tmp_path):
    db = tmp_path / "c.db"  # not created yet: both processes also race to create the schema
    go = tmp_path / "go"
    files = {0: [], 1: []}
    for w in (0, 1):
        for k in range(4):
            units = [f"U{w * 4 + k:02d}"]
            f = tmp_path / f"w{w}_{k}.csv"
            f.write_bytes(csv_file(make_rows(units, HISTORY, bodies_per=8, seed=w * 10 + k)))
            files[w].append(str(f))
    env = {**os.environ, "PYTHONPATH": str(WORKER.parents[1])}
    procs = [
        subprocess.Popen(
            [PY, str(WORKER), "import", str(db), *files[w], "--go", str(go), "--register", "8"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for w in (0, 1)
    ]
    time.sleep(0.5)  # let both interpreters start, then release them together
    go.write_text("go")
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    results = [json.loads(line) for out in outs for line in out.splitlines()]
    assert len(results) == 8 and all(r["ok"] and r["ids"] == len(HISTORY) for r in results)
    s = open_store(db)
    hist = s.history()
    assert len(hist) == 8 * len(HISTORY) and (hist["status"] == "active").all()
    assert len(s.active_bodies()) == 8 * len(HISTORY) * 8
    assert s.data_version() == 1 + 8
    s.close()


def test_sigkill_mid_import_leaves_all_or_nothing(tmp_path, monkeypatch):
    """Kill an import of a long-layout workbook (760 unit-periods, 11,400 bodies) at random moments,
    mostly inside its write transaction (after its first INSERT): the database stays intact and holds
    all of the file's submissions or none of them. Uses the real reader when workbook.py is there."""
    n_units = 40
    rows = make_rows([f"U{i:02d}" for i in range(n_units)], HISTORY, bodies_per=15, seed=3)
    try:
        import gender_targets.workbook  # noqa: F401

        reader, big = "real", tmp_path / "big.xlsx"
        big.write_bytes(xlsx_long(rows))
    except ImportError:
        reader, big = "fake", tmp_path / "big.csv"
        big.write_bytes(csv_file(rows))
    env = {**os.environ, "PYTHONPATH": str(WORKER.parents[1])}
    rng = random.Random(7)
    complete = (n_units * len(HISTORY), len(rows), 1)
    killed_inside = 0
    write_time = None
    for attempt in range(5):
        db, ready, mark = tmp_path / f"k{attempt}.db", tmp_path / f"ready{attempt}", tmp_path / f"mark{attempt}"
        _setup_db(db, n_units)
        proc = subprocess.Popen(
            [
                PY,
                str(WORKER),
                "import",
                str(db),
                str(big),
                *("--ready", str(ready), "--mark", str(mark)),
                "--reader",
                reader,
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        wait_for = ready if attempt % 2 else mark  # odd attempts: anywhere from reading the file on
        while not wait_for.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.001)
        start = time.monotonic()
        if write_time is None:  # first run: measure how long the write transaction takes
            proc.communicate(timeout=60)
            write_time = time.monotonic() - start
            assert proc.returncode == 0
        else:
            time.sleep(rng.uniform(0.0, 0.8) * (write_time if wait_for == mark else 1.5))
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=30)
        con = sqlite3.connect(db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts = (
                con.execute("SELECT count(*) FROM submissions").fetchone()[0],
                con.execute("SELECT count(*) FROM bodies").fetchone()[0],
                con.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0],
            )
        finally:
            con.close()
        assert counts in {(0, 0, 0), complete}, (attempt, counts)
        if proc.returncode == -signal.SIGKILL and mark.exists() and counts == (0, 0, 0):
            killed_inside += 1
    assert killed_inside >= 1, "no kill landed inside the write transaction; the test proved nothing"
    # a killed database opens and takes the same import afterwards
    if reader == "fake":
        monkeypatch.setattr(intake, "check_file", fake_check_file)
    s = open_store(db)
    result = s.import_file(big.read_bytes(), big.name, today=TODAY)
    assert result.ok and len(result.ids) == n_units * len(HISTORY)
    s.close()


# ---- through the real reader ----------------------------------------------------------------
def test_long_layout_workbook_through_check_file(db_path):
    pytest.importorskip("gender_targets.workbook")
    s = open_store(db_path)
    s.save_register(make_register(3))
    rows = make_rows(["U00", "U01"], HISTORY[-3:], bodies_per=4)
    result = s.import_file(xlsx_long(rows), "lich_su.xlsx", today=TODAY)
    assert result.ok, [i.message_en for i in result.report.errors]
    assert len(result.ids) == 6 and len(s.active_bodies()) == len(rows)
    s.close()
