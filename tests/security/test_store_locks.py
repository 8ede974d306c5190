"""One store per process, its locks kept (issue 20, item 1), tested the way it broke.

SQLite's locks are POSIX advisory locks held per process: closing *any* descriptor of the database
file drops all of them. The app used to read the file's header with Python's ``open()`` whenever it
opened the store, which any client can make it do (``BackMsg(clear_cache=True)`` clears
``st.cache_resource``, no sign-in needed). The next command-line process then believed it was the
last connection, checkpointed and deleted the WAL under the app: a sign-in written by the app never
reached the file, an account the CLI added was lost when the server stopped, and ``PRAGMA
integrity_check`` reported "wrong # of entries in index".

- In one process: a store held open keeps its WAL alive while other processes write and close,
  however often the app opens the store again (and a plain ``open()`` — the old bug — is shown to
  break exactly that, so this test can tell).
- Against a real server: a stranger's bare websocket sends ``clear_cache`` between command-line and
  app writes; after the server stops, ``integrity_check`` is ``ok`` and every write is there.
- The same with two replicas of the app on one SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gender_targets.store import open_store
from tests.security.stclient import ROOT, Client, start_app

PW = "mat-khau-quan-tri"
ADMIN = "boss"


def _cli(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "gender_targets", *args, "--db", str(db)],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def _other_process_writes(db: Path, value: str) -> None:
    """Another process (as the command line is) writes one row and closes its connection."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], timeout=30)\n"
        "c.execute('CREATE TABLE IF NOT EXISTS probe (v TEXT)')\n"
        "c.execute('INSERT INTO probe VALUES (?)', (sys.argv[2],))\n"
        "c.commit(); c.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db), value], check=True, timeout=60)


def _wal(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def test_a_store_held_open_keeps_its_wal_however_often_it_is_opened_again(tmp_path):
    from gender_targets.backup import daily_backup, last_backup, make_backup, summarize_store

    db = tmp_path / "gt.db"
    held = open_store(db)
    assert held.is_empty()  # a pooled connection of this process now holds SQLite's shared lock
    _other_process_writes(db, "one")
    assert _wal(db).exists(), "the other process's close must not checkpoint and delete the WAL"

    # everything the app does again and again in its process: open the store anew (a cleared
    # cache), the daily copy, a backup, the summaries
    for _ in range(3):
        again = open_store(db)
        assert again is held  # one store per database per process
        summarize_store(again)
        last_backup(again)
    make_backup(held)
    daily_backup(held)
    _other_process_writes(db, "two")
    assert _wal(db).exists(), "this process lost its locks: another process deleted the WAL under it"
    assert held.is_empty()
    with sqlite3.connect(db) as con:
        assert [r[0] for r in con.execute("SELECT v FROM probe")] == ["one", "two"]

    # the control: a plain open() and close() of the file — the old header check — drops this
    # process's locks, and the next process to close deletes the WAL although the store is open
    with db.open("rb") as fh:
        fh.read(100)
    _other_process_writes(db, "three")
    assert not _wal(db).exists(), "the control did not reproduce the lost locks; this test could not tell"
    held.close()


def test_the_same_database_is_one_store_until_closed_or_replaced(tmp_path):
    db = tmp_path / "gt.db"
    first = open_store(db)
    assert open_store(str(db)) is first
    first.close()
    second = open_store(db)
    assert second is not first
    # the file replaced behind the store's back (a restore by hand): a fresh store, not the old engine
    second_path = tmp_path / "other.db"
    open_store(second_path).close()
    db.unlink()
    for extra in tmp_path.glob("gt.db-*"):
        extra.unlink()
    second_path.rename(db)
    third = open_store(db)
    assert third is not second and third.is_empty()
    third.close()


def test_a_new_database_file_is_readable_by_its_owner_only(tmp_path):
    db = tmp_path / "new" / "gt.db"
    open_store(db).close()
    assert db.stat().st_mode & 0o777 == 0o600


# -- against the running app ------------------------------------------------------------------------
def _sign_in(app, password: str = PW) -> None:
    """An app write: a browser (a bare websocket) signs in; the app stores its session."""
    with Client(app) as c:
        form = c.run("")
        done = c.submit(form, {"Tên đăng nhập": ADMIN, "Mật khẩu": password}, "Đăng nhập")
        assert done.has_text("Đăng nhập thành công"), done.texts()


def _stranger_clears_the_cache(app) -> None:
    """A visitor with no cookie, who never signed in, clears every cache and makes the app reopen."""
    with Client(app) as c:
        c.clear_cache()
        page = c.run("")
        assert page.has_text("Đăng nhập"), [(e.kind, e.text[:200]) for e in page.elements]


def _check_after_stop(db: Path, users: list[str], sessions: int) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        found = {r[0] for r in con.execute("SELECT username FROM accounts")}
        assert set(users) <= found, f"accounts lost: {set(users) - found}"
        assert con.execute("SELECT count(*) FROM account_sessions").fetchone()[0] == sessions
        stamp = con.execute("SELECT last_sign_in_at FROM accounts WHERE username = ?", (ADMIN,)).fetchone()[0]
        assert stamp, "the app's sign-in stamp was lost"
    finally:
        con.close()


@pytest.fixture
def admin_db(tmp_path) -> Path:
    db = tmp_path / "gt.db"
    _cli(db, "user", "add", ADMIN, "--role", "admin", "--password-stdin", stdin=PW + "\n")
    return db


def test_clear_cache_from_a_stranger_between_cli_and_app_writes_loses_nothing(admin_db, tmp_path):
    app = start_app(tmp_path / "app", admin_db)
    users = [ADMIN]
    try:
        _stranger_clears_the_cache(app)  # the store is open in the server now
        for i in range(2):
            _sign_in(app)
            _stranger_clears_the_cache(app)
            name = f"nguoi{i}"
            _cli(admin_db, "user", "add", name, "--role", "viewer", "--password-stdin", stdin=PW + "x\n")
            users.append(name)
        _sign_in(app)  # the app writes again after the CLI's last close
        # what the app wrote is visible to another process while the app runs
        listed = json.loads(_cli(admin_db, "user", "list", "--json").stdout)
        assert next(u for u in listed if u["username"] == ADMIN)["last_sign_in_at"]
    finally:
        app.stop()
    _check_after_stop(admin_db, users, sessions=3)


def test_two_replicas_on_one_sqlite_file_lose_nothing(admin_db, tmp_path):
    first = start_app(tmp_path / "one", admin_db)
    second = start_app(tmp_path / "two", admin_db)
    users = [ADMIN]
    try:
        for i, (app, other) in enumerate([(first, second), (second, first)]):
            _stranger_clears_the_cache(other)
            _sign_in(app)
            _stranger_clears_the_cache(app)
            name = f"rep{i}"
            _cli(admin_db, "user", "add", name, "--role", "viewer", "--password-stdin", stdin=PW + "x\n")
            users.append(name)
        first.stop()  # one replica goes away while the other works on
        _sign_in(second)
        _cli(admin_db, "user", "add", "sau-cung", "--role", "viewer", "--password-stdin", stdin=PW + "x\n")
        users.append("sau-cung")
    finally:
        first.stop()
        second.stop()
    _check_after_stop(admin_db, users, sessions=3)
