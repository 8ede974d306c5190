"""Backups: take one, lose the database, restore it, and every indicator is back exactly.

SQLite: the online backup API (a .db file) and the portable archive (.zip, the PostgreSQL format,
exercised here on SQLite so that its code path is always tested). On each back-end (``db_url``:
SQLite and a real PostgreSQL): back up, lose the database, restore into a fresh one, everything
equal, and a new upload afterwards gets a new id (PostgreSQL's sequences follow the restored ids).
Also: what a restore would replace, refusing a file that is not a backup, the daily copy kept 14 days.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from gender_targets import intake
from gender_targets.backup import (
    KEEP_DAILY,
    BackupError,
    daily_backup,
    last_backup,
    make_backup,
    restore_backup,
    summarize_backup,
    summarize_store,
)
from gender_targets.cli import main as cli_main
from gender_targets.indicators import compute_indicators
from gender_targets.sample import load_sample
from gender_targets.store import open_store
from tests.conftest import sample_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("backup_sample") / "sample.db"
    with sample_store(path) as store:
        # one more upload, superseded history and a rollback, so that every status is in the backup
        intake.import_upload(
            store, (SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx").read_bytes(), "X-HM_2026Q3.xlsx", by="Lan"
        )
    return path


@pytest.fixture
def db(sample_file, tmp_path) -> Path:
    path = tmp_path / "data" / "gt.db"
    path.parent.mkdir()
    shutil.copy(sample_file, path)
    return path


def _everything(path: Path | str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    store = open_store(path)
    try:
        ind = compute_indicators(store.active_bodies(), store.register())
        hist = store.history()
        audit = store.audit_log()
        return ind.reset_index(drop=True), hist, audit
    finally:
        store.close()


def _log_before_restore(audit: pd.DataFrame) -> pd.DataFrame:
    """The activity log as the backup held it: without the row the restore itself adds."""
    assert audit.iloc[0]["action"] == "restore"  # newest first: the restore is in the log
    return audit[audit["action"] != "restore"].reset_index(drop=True)


def _delete_database(path: Path) -> None:
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    assert not path.exists()


@pytest.mark.parametrize("archive", [False, True], ids=["sqlite", "archive"])
def test_backup_delete_restore_gives_every_indicator_back(db, archive):
    before = _everything(db)
    store = open_store(db)
    data = make_backup(store, archive=archive)
    store.close()
    assert data.startswith(b"PK" if archive else b"SQLite format 3\x00")
    _delete_database(db)

    fresh = open_store(db)
    assert fresh.is_empty()
    summary = restore_backup(fresh, data)
    fresh.close()
    after = _everything(db)
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])
    pd.testing.assert_frame_equal(before[2].reset_index(drop=True), _log_before_restore(after[2]))
    assert summary.submissions == len(before[1])
    assert summary.quarters[0] == "2021Q4" and summary.quarters[-1] == "2026Q3"
    # the original files came back too
    store = open_store(db)
    sid = int(before[1].iloc[0]["id"])
    assert store.submission_file(sid)[1] == (SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx").read_bytes()
    store.close()


def test_restore_over_changed_data_replaces_it_and_moves_the_data_version(db):
    store = open_store(db)
    data = make_backup(store)
    before = _everything(db)[0]
    sid = int(store.history().iloc[0]["id"])
    store.rollback(sid, by="test")
    version = store.data_version()
    assert not _everything(db)[0].equals(before)
    restore_backup(store, data)
    assert store.data_version() > version  # cached pages see the restored data at once
    store.close()
    pd.testing.assert_frame_equal(_everything(db)[0], before)


def test_summaries_say_what_a_restore_replaces(db):
    store = open_store(db)
    now = summarize_store(store)
    hist = store.history()
    assert now.submissions == len(hist)
    assert now.active == int((hist["status"] == "active").sum())
    assert now.quarters == tuple(sorted(set(hist.loc[hist["status"] == "active", "period"])))
    for archive in (False, True):
        s = summarize_backup(make_backup(store, archive=archive))
        assert (s.submissions, s.active, s.quarters, s.units) == (now.submissions, now.active, now.quarters, now.units)
    store.close()


@pytest.mark.parametrize("junk", [b"", b"hello", b"SQLite format 3\x00" + b"\x00" * 200, b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(db, junk):
    store = open_store(db)
    version = store.data_version()
    with pytest.raises(BackupError):
        restore_backup(store, junk)
    assert store.data_version() == version
    store.close()


def test_daily_copy_once_a_day_and_the_last_14_kept(db):
    store = open_store(db)
    assert last_backup(store) is None
    start = dt.date(2026, 11, 1)
    made = [daily_backup(store, today=start + dt.timedelta(days=i)) for i in range(20)]
    assert all(made)
    assert daily_backup(store, today=start + dt.timedelta(days=19)) is None  # already done that day
    kept = sorted((db.parent / "backups").glob("*.db"))
    assert len(kept) == KEEP_DAILY
    assert kept[0].name == f"gt_{(start + dt.timedelta(days=6)).isoformat()}.db"
    assert last_backup(store) is not None
    # a daily copy is a complete database: restoring it gives the same indicators
    before = _everything(db)[0]
    data = kept[-1].read_bytes()
    store.close()
    _delete_database(db)
    fresh = open_store(db)
    restore_backup(fresh, data)
    fresh.close()
    pd.testing.assert_frame_equal(_everything(db)[0], before)


def test_cli_backup_and_restore_with_confirmation(db, tmp_path, capsys):
    out = tmp_path / "sao-luu.db"
    assert cli_main(["backup", "-o", str(out), "--db", str(db)]) == 0
    before = _everything(db)[0]
    _delete_database(db)
    capsys.readouterr()
    # without --yes: says what would be replaced, changes nothing
    assert cli_main(["restore", str(out), "--db", str(db)]) == 2
    said = capsys.readouterr()
    assert "--yes" in said.err
    assert open_store(db).is_empty()
    assert cli_main(["restore", str(out), "--yes", "--db", str(db)]) == 0
    pd.testing.assert_frame_equal(_everything(db)[0], before)
    assert cli_main(["restore", str(tmp_path / "missing.db"), "--yes", "--db", str(db)]) == 2
    (tmp_path / "junk.db").write_bytes(b"junk")
    assert cli_main(["restore", str(tmp_path / "junk.db"), "--yes", "--db", str(db)]) == 1


def test_only_an_admin_may_back_up_or_restore(tmp_path):
    """A backup holds every account's password hash and a restore replaces everything: both are an
    admin's, checked in the core (SPEC §10), whatever a page shows."""
    from gender_targets.accounts import Account, Role
    from gender_targets.errors import PermissionDenied

    store = open_store(tmp_path / "roles.db")
    data = make_backup(store)  # the local operator (no account) may
    for role in (Role.VIEWER, Role.UNIT, Role.REVIEWER):
        who = Account(username=f"u_{role}", role=role, units=("X-HM",) if role == Role.UNIT else ())
        with pytest.raises(PermissionDenied):
            make_backup(store, actor=who)
        with pytest.raises(PermissionDenied):
            restore_backup(store, data, actor=who)
    admin = Account(username="boss", role=Role.ADMIN)
    assert make_backup(store, actor=admin)
    restore_backup(store, data, actor=admin)
    store.close()


def _fill(db: str) -> None:
    """The sample data, one more upload and a rollback: every submission status, a file, an audit."""
    store = open_store(db)
    try:
        load_sample(store)
        res = intake.import_upload(
            store, (SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx").read_bytes(), "X-HM_2026Q3.xlsx", by="Lan"
        )
        assert res.report.ok
        intake.import_upload(
            store, (SAMPLE / "upload_2026Q3" / "X-XTS_2026Q3.xlsx").read_bytes(), "X-XTS_2026Q3.xlsx", by="Mai"
        )
        hist = store.history()
        store.rollback(int(hist.loc[hist["file_name"] == "X-HM_2026Q3.xlsx", "id"].iloc[0]), by="test")
    finally:
        store.close()


@pytest.fixture
def fresh_db(db_url, request, tmp_path):
    """A second, empty database on the same back-end as ``db_url`` (where a restore goes)."""
    if "://" not in db_url:
        yield str(tmp_path / "restored" / "gt.db")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database("restored")
    yield url
    server.drop_database(url)


def _lose(db: str, request) -> None:
    if "://" in db:
        request.getfixturevalue("pg_server").drop_database(db)
    else:
        _delete_database(Path(db))


def test_backup_lose_the_database_restore_on_each_backend(db_url, fresh_db, request):
    _fill(db_url)
    before = _everything(db_url)
    store = open_store(db_url)
    data = make_backup(store)  # SQLite: the database file; PostgreSQL: the portable archive
    version = store.data_version()
    store.close()
    assert data.startswith(b"PK" if "://" in db_url else b"SQLite format 3\x00")
    _lose(db_url, request)

    if "://" not in fresh_db:
        Path(fresh_db).parent.mkdir()
    target = open_store(fresh_db)
    assert target.is_empty()
    summary = restore_backup(target, data)
    assert target.data_version() > version
    target.close()
    after = _everything(fresh_db)
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])
    pd.testing.assert_frame_equal(before[2].reset_index(drop=True), _log_before_restore(after[2]))
    assert summary.submissions == len(before[1]) and "rolled_back" in set(before[1]["status"])
    assert summary.quarters[0] == "2021Q4" and summary.quarters[-1] == "2026Q3"

    # after the restore the database goes on: new ids follow the restored ones
    target = open_store(fresh_db)
    try:
        sid = int(before[1].loc[before[1]["file_name"] == "X-HM_2026Q3.xlsx", "id"].iloc[0])
        assert target.submission_file(sid)[1] == (SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx").read_bytes()
        res = intake.import_upload(
            target, (SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx").read_bytes(), "X-HM_2026Q3.xlsx", by="Lan"
        )
        assert res.report.ok  # the same file as the rolled-back one: stored again as a new submission
        new_ids = set(target.history()["id"]) - set(before[1]["id"])
        assert new_ids and min(new_ids) > max(before[1]["id"])
        audit = target.audit_log()
        assert len(audit) > len(before[2])
    finally:
        target.close()


def test_cli_backup_and_restore_on_each_backend(db_url, fresh_db, request, tmp_path, capsys):
    _fill(db_url)
    before = _everything(db_url)[0]
    out = tmp_path / ("sao-luu.zip" if "://" in db_url else "sao-luu.db")
    assert cli_main(["backup", "-o", str(out), "--db", db_url]) == 0
    _lose(db_url, request)
    if "://" not in fresh_db:
        Path(fresh_db).parent.mkdir()
    capsys.readouterr()
    assert cli_main(["restore", str(out), "--db", fresh_db]) == 2  # no --yes: nothing replaced
    assert "--yes" in capsys.readouterr().err
    assert open_store(fresh_db).is_empty()
    assert cli_main(["restore", str(out), "--yes", "--db", fresh_db]) == 0
    pd.testing.assert_frame_equal(_everything(fresh_db)[0], before)
