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
from gender_targets.i18n import describe
from gender_targets.periods import Period
from gender_targets.schema import DEFAULT_TARGETS, TargetsError
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
def st(db_url, fake_reader):
    """A store with a six-unit register, on each back-end (``db_url``)."""
    s = open_store(db_url)
    s.save_register(make_register(6), by="setup")
    yield s
    s.close()


def _counts(s: store.Store) -> dict[str, int]:
    with s.engine.connect() as conn:
        return {
            t: conn.execute(sa.select(sa.func.count()).select_from(sa.table(t))).scalar()
            for t in ("submissions", "bodies", "files")
        }


# ---- opening -----------------------------------------------------------------------------------
def test_open_creates_schema_with_wal_and_version(db_url):
    s = open_store(db_url)
    assert s.schema_version() == store.SCHEMA_VERSION
    assert s.data_version() == 0 and s.is_empty() and not s.has_sample()
    assert s.register() is None
    pd.testing.assert_frame_equal(s.targets(), DEFAULT_TARGETS)
    if s.engine.dialect.name == "sqlite":
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    s.close()
    # reopening is a no-op
    s = open_store(db_url)
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
        intake.import_upload(s, csv_file(make_rows(["U00", "U01"], HISTORY, 20)), "h.csv", today=TODAY)
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
    intake.import_upload(st, csv_file(make_rows(["U04", "U05"], [Q])), "a.csv", today=TODAY)
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
    with pytest.raises(TargetsError) as err:  # a family member worded by its own catalogue entries
        st.save_targets(frame.assign(target_percent=150))
    assert "100" in describe(err.value, "en")
    assert st.data_version() == v


def test_check_needs_a_register(db_url, fake_reader):
    s = open_store(db_url)
    with pytest.raises(StoreError) as err:
        intake.check_upload(b"x", "x.csv", store=s)
    assert "units.csv" in err.value.message_vi
    s.close()


# ---- imports --------------------------------------------------------------------------------
def test_import_stores_every_unit_period_of_a_file(st):
    rows = make_rows(["U00", "U01", "U02"], HISTORY[-4:], bodies_per=5)
    data = csv_file(rows)
    result = intake.import_upload(st, data, "long.csv", by="an", today=TODAY)
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
    assert _counts(st) == {"submissions": 12, "bodies": 60, "files": 1}
    assert st.data_version() == 2  # register + import
    log = st.audit_log()
    assert log.iloc[0]["action"] == "import"
    assert len(json.loads(log.iloc[0]["detail"])["submissions"]) == 12
    assert result.to_dict()["submissions"][0]["id"] in result.ids.values()


def test_invalid_file_changes_nothing(st):
    v = st.data_version()
    broken = intake.import_upload(st, csv_file(make_rows(["U00"], [Q])), "b.csv", today=TODAY)
    assert broken.ok
    v = st.data_version()
    before = _counts(st)
    for data in (
        csv_file(make_rows(["U00"], [Q]), broken=True),
        csv_file(make_rows(["U01", "NOPE"], [Q])),  # one good unit-period, one bad: all refused
    ):
        result = intake.import_upload(st, data, "bad.csv", today=TODAY)
        assert not result.ok and result.ids == {} and not result.unchanged
    assert st.data_version() == v and _counts(st) == before
    assert st.history(unit="U01").empty


def test_identical_reimport_changes_nothing(st):
    data = csv_file(make_rows(["U00", "U01"], HISTORY[-2:]))
    first = intake.import_upload(st, data, "a.csv", today=TODAY)
    v, counts = st.data_version(), _counts(st)
    report = intake.check_upload(data, "a.csv", store=st, today=TODAY)
    assert not [i for i in report.issues if i.code == "replaces_submission"]
    again = intake.import_upload(st, data, "renamed.csv", today=TODAY)
    assert again.unchanged and again.ids == first.ids
    assert st.data_version() == v and _counts(st) == counts


def test_supersede_then_rollback_restores_the_exact_previous_rows(st):
    old = csv_file(make_rows(["U00", "U01"], [Q], seed=1))
    first = intake.import_upload(st, old, "v1.csv", by="a", today=TODAY)
    before = st.active_bodies()
    new = csv_file(make_rows(["U00"], [Q], seed=2, note="sửa"))
    report = intake.check_upload(new, "v2.csv", store=st, today=TODAY)
    repl = [i for i in report.warnings if i.code == "replaces_submission"]
    assert len(repl) == 1
    assert f"số {first.ids[('U00', '2026Q2')]}" in repl[0].message_vi and "v1.csv" in repl[0].message_en
    assert "Quý II/2026" in repl[0].message_vi and "Q2 2026" in repl[0].message_en
    second = intake.import_upload(st, new, "v2.csv", by="b", today=TODAY)
    new_id, old_id = second.ids[("U00", "2026Q2")], first.ids[("U00", "2026Q2")]
    hist = st.history(unit="U00").set_index("id")
    assert hist.at[new_id, "status"] == "active" and hist.at[new_id, "supersedes"] == old_id
    assert hist.at[old_id, "status"] == "superseded"
    assert set(st.active_bodies(units=["U00"])["note"]) == {"sửa"}
    assert st.rollback(new_id, by="c") == old_id
    pd.testing.assert_frame_equal(st.active_bodies(), before)
    hist = st.history(unit="U00").set_index("id")
    assert hist.at[new_id, "status"] == "rolled_back" and hist.at[old_id, "status"] == "active"
    assert _counts(st)["submissions"] == 3  # nothing deleted
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

    intake.import_upload(st, csv_file(rows("U00", Period(2025, 4), 40)), "q4.csv", today=TODAY)
    # 2026Q1 missing: the most recent earlier quarter (2025Q4) is the comparison
    report = intake.check_upload(csv_file(rows("U00", Q, 70)), "q2.csv", store=st, today=TODAY)
    big = [i for i in report.warnings if i.code == "large_change"]
    assert len(big) == 1  # I2 moved 30 points, I1 and I3 did not move / have no value
    assert "30,0" in big[0].message_vi and "Quý IV/2025" in big[0].message_vi
    assert big[0].row == 2 and big[0].message_vi.startswith('Sheet "Số liệu", dòng 2: I2')
    assert "30.0" in big[0].message_en and "40.0% → 70.0%" in big[0].message_en
    assert not [i for i in intake.check_upload(csv_file(rows("U00", Q, 65)), "x.csv", store=st, today=TODAY).issues]
    # within one file: consecutive quarters of the file compare with each other
    both = csv_file(rows("U01", Period(2026, 1), 10) + rows("U01", Q, 50))
    assert [i.code for i in intake.check_upload(both, "h.csv", store=st, today=TODAY).issues] == ["large_change"]


def test_import_is_atomic_when_the_write_fails(st, monkeypatch):
    intake.import_upload(st, csv_file(make_rows(["U00"], [Q], seed=1)), "v1.csv", today=TODAY)
    v, counts, before = st.data_version(), _counts(st), st.active_bodies()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.uploads, "_insert_bodies", boom)  # where save_report looks it up
    with pytest.raises(RuntimeError):
        intake.import_upload(st, csv_file(make_rows(["U00", "U01"], [Q], seed=2)), "v2.csv", today=TODAY)
    assert st.data_version() == v and _counts(st) == counts
    pd.testing.assert_frame_equal(st.active_bodies(), before)


def test_import_many_reports_progress(st):
    files = [(f"f{i}.csv", csv_file(make_rows([f"U0{i}"], [Q]))) for i in range(3)]
    seen = []
    results = intake.import_uploads(st, files, by="x", progress=lambda d, n: seen.append((d, n)), today=TODAY)
    assert [r.ok for r in results] == [True] * 3
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_files_are_stored_once_per_sha(st):
    data = csv_file(make_rows(["U00"], [Q]))
    intake.import_upload(st, data, "a.csv", today=TODAY)
    intake.import_upload(st, csv_file(make_rows(["U00"], [Q], seed=5)), "b.csv", today=TODAY)
    first = st.history(unit="U00")["id"].min()
    st.rollback(st.history(unit="U00")["id"].max())
    st.save_register(make_register(6))
    assert st.history(unit="U00").set_index("id").at[first, "status"] == "active"
    assert _counts(st)["files"] == 2


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


def test_version_2_database_missing_a_table_gets_it(db_path):
    """A database at version 2 made before one of its tables existed: the upgrade to 3 adds it."""
    open_store(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("DROP TABLE notes")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    s = open_store(db_path)
    assert s.schema_version() == store.SCHEMA_VERSION == 3
    with s.engine.connect() as conn:
        assert "notes" in sa.inspect(conn).get_table_names()
    s.close()


def test_current_version_database_missing_a_table_gets_it(db_path):
    """A database at this version made by a build from before one of its tables existed: opening it
    adds the table (and its indexes), and keeps what it holds."""
    s = open_store(db_path)
    s.save_register(make_register(3))
    s.close()
    con = sqlite3.connect(db_path)
    con.execute("DROP TABLE deadlines")
    con.commit()
    con.close()
    s = open_store(db_path)
    assert s.schema_version() == store.SCHEMA_VERSION
    with s.engine.connect() as conn:
        assert "deadlines" in sa.inspect(conn).get_table_names()
    assert s.register().codes == make_register(3).codes
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


def test_newer_schema_version_is_refused_on_every_backend(db_url):
    open_store(db_url).close()
    engine = sa.create_engine(store._to_url(db_url))
    with engine.begin() as conn:
        conn.execute(sa.update(store.meta).where(store.meta.c.key == "schema_version").values(value="99"))
    with pytest.raises(StoreError) as err:
        open_store(db_url)
    assert err.value.code == "newer_version" and err.value.params["found"] == 99
    with engine.connect() as conn:
        assert dict(conn.execute(sa.select(store.meta.c.key, store.meta.c.value)).all()) == {
            "data_version": "0",
            "schema_version": "99",
        }
    engine.dispose()


# ---- database errors ------------------------------------------------------------------------
def test_every_database_error_code_has_words_in_both_languages():
    from gender_targets.i18n import MESSAGES, describe

    codes = {*store._SQLITE_CODES.values(), *store._PG_STATES.values(), *(c for _, c in store._PG_CONNECT_TEXT)}
    codes |= {"database_error", "unavailable", "connection_lost", "out_of_memory", "driver_missing", "bad_url"}
    params = {"server": "S", "detail": "D", "host": "H", "port": 5432, "database": "B", "user": "U", "path": "P"}
    for code in sorted(codes):
        assert f"store.{code}" in MESSAGES, code
        err = StoreError(code, backend="x", url="u", **params)
        for lang in ("vi", "en"):
            text = describe(err, lang)
            assert "{" not in text and text.strip(), (code, lang, text)


def test_unreachable_server_missing_database_and_bad_user_get_their_own_words(pg_url):
    from gender_targets.i18n import describe

    url = sa.engine.make_url(pg_url)
    closed = url.set(port=_closed_port())
    cases = [
        (closed, "connect_refused", "không trả lời"),
        (url.set(database="no_such_db"), "database_missing", "no_such_db"),
        (url.set(username="nobody"), "auth_failed", "nobody"),
        ("postgresql+nosuchdriver://u@h/db", "driver_missing", "nosuchdriver"),
    ]
    for target, code, words in cases:
        text = target if isinstance(target, str) else target.render_as_string(hide_password=False)
        with pytest.raises(StoreError) as err:
            open_store(text)
        assert err.value.code == code, (text, err.value)
        assert words in describe(err.value, "vi") and "hỏng" not in describe(err.value, "vi")
    secret = url.set(password="s3cret!").render_as_string(hide_password=False)
    with pytest.raises(StoreError) as err:
        open_store(secret.replace(f":{url.port}/", f":{_closed_port()}/"))
    assert "s3cret" not in describe(err.value, "vi") + describe(err.value, "en")


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when this returns: nobody listens there


@pytest.mark.parametrize(
    ("sqlstate", "code"),
    [
        ("53100", "disk_full"),
        ("XX001", "damaged_server"),
        ("55P03", "busy"),
        ("42501", "permission"),
        ("22012", "database_error"),
    ],
)
def test_postgresql_errors_by_sqlstate(pg_url, sqlstate, code):
    """A real server error with that SQLSTATE, raised inside a store transaction, reaches the caller
    as a StoreError with its own code (and rolls the transaction back)."""
    s = open_store(pg_url)
    v = s.data_version()
    with pytest.raises(StoreError) as err, s._write() as conn:
        s._audit(conn, "sample_load", "t", {})
        conn.exec_driver_sql(f"DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '{sqlstate}'; END $$")
    assert err.value.code == code and "simulated" in err.value.params["detail"]
    assert s.data_version() == v
    s.close()


def test_sqlite_full_disk_and_busy_are_not_damage(tmp_path, monkeypatch, fake_reader):
    """SQLITE_FULL (a page limit stands in for the disk) and a write lock held past the busy timeout
    give ``disk_full`` and ``busy``; the database stays healthy."""
    db = tmp_path / "full.db"
    s = open_store(db)
    s.save_register(make_register(6))
    s.close()
    monkeypatch.setattr(store.opening, "BUSY_TIMEOUT_S", 0.2)  # where open_store looks it up
    s = open_store(db)

    @sa.event.listens_for(s.engine, "connect")
    def _limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA max_page_count = 60")

    s.engine.dispose()
    big = csv_file(make_rows([f"U{i:02d}" for i in range(6)], HISTORY, bodies_per=20, note="x" * 200))
    with pytest.raises(StoreError) as err:
        intake.import_upload(s, big, "big.csv", today=TODAY)
    assert err.value.code == "disk_full"
    s.close()
    s = open_store(db)  # healthy, nothing from the file
    assert s.is_empty()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as err:
            intake.import_upload(s, csv_file(make_rows(["U00"], [Q])), "a.csv", today=TODAY)
        assert err.value.code == "busy"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert intake.import_upload(s, csv_file(make_rows(["U00"], [Q])), "a.csv", today=TODAY).ok
    s.close()


def test_sqlite_opening_waits_while_another_writer_holds_the_old_journal_mode(tmp_path):
    """Turning a file into WAL gets "database is locked" at once, without SQLite's busy timeout,
    while another connection writes in the old (rollback) mode: what two processes opening a fresh
    file together, or an older tool, can cause. Opening waits for the writer instead of failing."""
    import threading

    db = tmp_path / "old-mode.db"
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other_tool (x)")  # a rollback-journal file, as SQLite makes it
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO other_tool VALUES (1)")
    done = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    done.start()
    try:
        s = open_store(db)
    finally:
        done.join()
        holder.close()
    assert s.schema_version() == store.SCHEMA_VERSION and s.is_empty()
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    s.close()


# ---- processes ------------------------------------------------------------------------------
def _setup_db(db: Path | str, n_units: int) -> None:
    s = open_store(db)
    s.save_register(make_register(n_units))
    s.close()


def _run_together(tmp_path: Path, commands: list[list[str]], timeout: float = 120) -> list[str]:
    """Start every worker, wait until each has imported Python, release them at once; their stdout."""
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(WORKER.parents[1])}
    started = [tmp_path / f"started{i}" for i in range(len(commands))]
    procs = [
        subprocess.Popen(
            [PY, str(WORKER), *cmd, "--go", str(go), "--started", str(flag)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for cmd, flag in zip(commands, started, strict=True)
    ]
    deadline = time.monotonic() + timeout
    while not all(f.exists() for f in started) and time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.02)
    go.write_text("go")
    outs = [p.communicate(timeout=timeout) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), [err[-3000:] for _, err in outs]
    return [out for out, _ in outs]


def test_two_processes_import_at_once_into_a_fresh_database(tmp_path, db_url):
    """The database does not exist yet (SQLite) or is empty (PostgreSQL): both processes also race
    to create the schema."""
    db = db_url if "://" in db_url else str(tmp_path / "c.db")
    files = {0: [], 1: []}
    for w in (0, 1):
        for k in range(4):
            units = [f"U{w * 4 + k:02d}"]
            f = tmp_path / f"w{w}_{k}.csv"
            f.write_bytes(csv_file(make_rows(units, HISTORY, bodies_per=8, seed=w * 10 + k)))
            files[w].append(str(f))
    outs = _run_together(tmp_path, [["import", db, *files[w], "--register", "8"] for w in (0, 1)])
    results = [json.loads(line) for out in outs for line in out.splitlines()]
    assert len(results) == 8 and all(r["ok"] and r["ids"] == len(HISTORY) for r in results)
    s = open_store(db)
    hist = s.history()
    assert len(hist) == 8 * len(HISTORY) and (hist["status"] == "active").all()
    assert len(s.active_bodies()) == 8 * len(HISTORY) * 8
    assert s.data_version() == 1 + 8
    s.close()


def test_three_importers_of_the_same_unit_periods_at_once(tmp_path, db_url):
    """Three processes open a fresh database and import, at once, three different files for the same
    unit-periods: all succeed, and every unit-period ends with exactly one active submission, the
    others superseded in a chain."""
    db = db_url if "://" in db_url else str(tmp_path / "three.db")
    units = ["U00", "U01", "U02"]
    paths = []
    for w in range(3):
        f = tmp_path / f"same{w}.csv"
        f.write_bytes(csv_file(make_rows(units, HISTORY[-4:], bodies_per=6, seed=100 + w)))
        paths.append(str(f))
    outs = _run_together(tmp_path, [["import", db, paths[w], "--register", "3"] for w in range(3)])
    results = [json.loads(line) for out in outs for line in out.splitlines()]
    assert len(results) == 3 and all(r["ok"] and r["ids"] == 12 for r in results)
    s = open_store(db)
    hist = s.history()
    assert len(hist) == 3 * 12
    per_key = hist.groupby(["unit", "period"])["status"].agg(lambda x: sorted(x))
    assert len(per_key) == 12 and all(v == ["active", "superseded", "superseded"] for v in per_key)
    active = hist[hist["status"] == "active"]
    assert len(active) == 12 and not active.duplicated(["unit", "period"]).any()
    # each later submission supersedes the one active before it
    for _, group in hist.groupby(["unit", "period"]):
        chain = group.sort_values("id")
        assert pd.isna(chain["supersedes"].iloc[0])
        assert chain["supersedes"].iloc[1:].tolist() == chain["id"].iloc[:-1].tolist()
    assert len(s.active_bodies()) == 12 * 6
    s.close()


def test_old_database_upgraded_by_several_processes_at_once(tmp_path, db_url):
    """A version-1 database (a column and an index of version 2 missing) opened by three processes at
    once: one upgrades, the others wait and find it done; none fails."""
    db = db_url if "://" in db_url else str(tmp_path / "old.db")
    _setup_db(db, 3)
    engine = sa.create_engine(store._to_url(db))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_submissions_sha256")
        conn.exec_driver_sql("ALTER TABLE submissions DROP COLUMN n_bodies")
        conn.execute(sa.update(store.meta).where(store.meta.c.key == "schema_version").values(value="1"))
    engine.dispose()
    outs = _run_together(tmp_path, [["open", db] for _ in range(3)])
    assert [json.loads(o)["schema_version"] for o in outs] == [store.SCHEMA_VERSION] * 3
    s = open_store(db)
    with s.engine.connect() as conn:
        insp = sa.inspect(conn)
        assert "n_bodies" in {c["name"] for c in insp.get_columns("submissions")}
        assert "ix_submissions_sha256" in {i["name"] for i in insp.get_indexes("submissions")}
        upgrade = conn.execute(sa.select(store.meta.c.value).where(store.meta.c.key == "last_upgrade")).scalar()
    assert json.loads(upgrade)["from"] == 1
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
    result = intake.import_upload(s, big.read_bytes(), big.name, today=TODAY)
    assert result.ok and len(result.ids) == n_units * len(HISTORY)
    s.close()


# ---- through the real reader ----------------------------------------------------------------
def test_long_layout_workbook_through_check_file(db_url):
    pytest.importorskip("gender_targets.workbook")
    s = open_store(db_url)
    s.save_register(make_register(3))
    rows = make_rows(["U00", "U01"], HISTORY[-3:], bodies_per=4)
    result = intake.import_upload(s, xlsx_long(rows), "lich_su.xlsx", today=TODAY)
    assert result.ok, [i.message_en for i in result.report.errors]
    assert len(result.ids) == 6 and len(s.active_bodies()) == len(rows)
    s.close()


def test_postgresql_backup_with_pg_dump_restores_with_pg_restore(pg_server, fake_reader, tmp_path):
    """The README's backup and restore: ``pg_dump -Fc`` then ``pg_restore --no-owner`` into an empty
    database gives the same history, and the restored database takes new imports (its id sequences
    came along)."""
    from tests.pg_cluster import _psycopg_conninfo, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None or not (bin_dir / "pg_dump").exists():
        pytest.skip("pg_dump is not installed")
    source = pg_server.create_database("dump")
    s = open_store(source)
    s.save_register(make_register(6))
    intake.import_upload(s, csv_file(make_rows(["U00", "U01"], HISTORY[-3:])), "a.csv", today=TODAY)
    intake.import_upload(s, csv_file(make_rows(["U00"], [Q], seed=9)), "b.csv", today=TODAY)
    before = s.history()
    s.close()
    dump = tmp_path / "gt.dump"
    target = pg_server.create_database("restored")
    try:
        subprocess.run([str(bin_dir / "pg_dump"), "-Fc", "-f", str(dump), _psycopg_conninfo(source)], check=True)
        subprocess.run(
            [str(bin_dir / "pg_restore"), "--no-owner", "-d", _psycopg_conninfo(target), str(dump)], check=True
        )
        r = open_store(target)
        pd.testing.assert_frame_equal(r.history(), before)
        again = intake.import_upload(r, csv_file(make_rows(["U02"], [Q], seed=3)), "c.csv", today=TODAY)
        assert again.ok and min(again.ids.values()) > before["id"].max()
        r.close()
    finally:
        pg_server.drop_database(source)
        pg_server.drop_database(target)
