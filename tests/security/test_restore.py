"""Restores that cannot open the door (issue 20, item 2), each case as it was found.

- A backup made before any account existed switched sign-in off (zero accounts: single-user mode, the
  admin page for everyone). Now today's accounts are kept unless the admin asks for the backup's, and
  then the backup must hold an enabled admin.
- A crafted SQLite backup carried a trigger (``AFTER INSERT ON account_sessions … SET role='admin'``),
  a view and an extra table; all were copied into the live database. Now the database is rebuilt
  from the known tables and columns only.
- A UTF-16 backup replaced the live file while the admin was told it failed; an odd page size; a
  newer schema: refused before anything is replaced, in words.
- A 1 MB archive expanding to 1 GB took 2.2 GB of memory: now refused within SPEC §6's limits, read
  as a stream (memory measured in a child process).
- The warning before a restore came from the archive's manifest: now counted from the content.
- A signed-out session revived after restoring an earlier backup: sessions are never restored.
- The restore was not in the activity log; failures showed tracebacks: now one line of the log, and
  words (a failure in the middle changes nothing).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gender_targets import accounts as acc
from gender_targets.accounts import Account, Role
from gender_targets.backup import (
    BackupError,
    make_backup,
    restore_backup,
    summarize_backup,
)
from gender_targets.i18n import describe
from gender_targets.store import open_store
from tests.security.stclient import ROOT, Client, start_app

PW = "mat-khau-quan-tri"
INTERNAL = ("Traceback", "sqlite3.", "Error:", "/tmp/", ".py")


@pytest.fixture(scope="module")
def base_file(sample_db_file, tmp_path_factory) -> Path:
    """The sample data and no account: what a union had before it created accounts."""
    path = tmp_path_factory.mktemp("restore") / "base.db"
    shutil.copy(sample_db_file, path)
    return path


@pytest.fixture
def live(base_file, tmp_path, fast_hashes) -> Path:
    """Today's database: the sample data, an admin and a unit account."""
    path = tmp_path / "live.db"
    shutil.copy(base_file, path)
    s = open_store(path)
    s.add_account("boss", "admin", PW)
    s.add_account("xahm", "unit", PW + "-xa", units=["X-HM"])
    s.close()
    return path


def _admin(store) -> Account:
    return store.account("boss")


def _objects(path: Path) -> set[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return set(con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())
    finally:
        con.close()


def _words(err: Exception) -> str:
    text = describe(err, "vi") + describe(err, "en")
    assert not any(bad in text for bad in INTERNAL), text
    assert "{" not in text, text
    return text


# ---- the door stays shut ------------------------------------------------------------------------------
def test_a_backup_made_before_any_account_keeps_todays_accounts(base_file, live, tmp_path):
    old = base_file.read_bytes()  # no account in it
    store = open_store(live)
    summary = restore_backup(store, old, actor=_admin(store))
    assert store.has_accounts() and {a.username for a in store.accounts()} == {"boss", "xahm"}
    assert summary.accounts == 2 and summary.admins == 1
    with pytest.raises(BackupError) as err:  # asking for the backup's accounts: it has no admin
        restore_backup(store, old, actor=_admin(store), accounts=True)
    assert err.value.code == "backup_no_admin" and "Nothing was changed" in _words(err.value)
    assert {a.username for a in store.accounts()} == {"boss", "xahm"}
    log = store.audit_log()
    assert log.iloc[0]["action"] == "restore" and log.iloc[0]["who"] == "boss"
    assert json.loads(log.iloc[0]["detail"])["accounts"] == "kept"
    store.close()
    # the app still asks a stranger to sign in, on every page
    app = start_app(tmp_path / "app", live)
    try:
        with Client(app) as c:
            page = c.run("quan-tri")
            assert page.has_text("Đăng nhập") and not page.has_text("Quản trị"), page.texts()
    finally:
        app.stop()


def test_restoring_the_backups_accounts_needs_an_enabled_admin_in_it(live):
    store = open_store(live)
    admin = _admin(store)
    with_accounts = make_backup(store, actor=admin)
    store.update_account("xahm", disabled=True, actor=admin)
    store.add_account("moi", "viewer", PW + "-moi", actor=admin)
    restore_backup(store, with_accounts, actor=admin, accounts=True)
    assert {a.username: a.disabled for a in store.accounts()} == {"boss": False, "xahm": False}
    store.update_account("boss", disabled=True)  # the local operator: the only admin disabled
    only_a_disabled_admin = make_backup(store)
    store.update_account("boss", disabled=False)
    with pytest.raises(BackupError) as err:
        restore_backup(store, only_a_disabled_admin, accounts=True)
    assert err.value.code == "backup_no_admin"
    assert not store.account("boss").disabled
    store.close()


def test_a_restore_never_leaves_accounts_without_an_enabled_admin(live):
    store = open_store(live)
    data = make_backup(store)
    store.update_account("boss", disabled=True)  # today: accounts, and no usable admin
    with pytest.raises(BackupError) as err:
        restore_backup(store, data)  # keeping today's accounts would leave none
    assert err.value.code == "restore_no_admin" and "user add" in _words(err.value)
    restore_backup(store, data, accounts=True)  # the backup's accounts have one
    assert not store.account("boss").disabled
    store.close()


def test_a_crafted_backup_brings_no_code_no_view_no_foreign_table(live, tmp_path):
    store = open_store(live)
    crafted = tmp_path / "crafted.db"
    crafted.write_bytes(make_backup(store))
    con = sqlite3.connect(crafted)
    con.executescript(
        """
        CREATE TRIGGER lam_admin AFTER INSERT ON account_sessions
          BEGIN UPDATE accounts SET role = 'admin'; END;
        CREATE TRIGGER lam_admin2 AFTER UPDATE ON accounts
          BEGIN UPDATE accounts SET role = 'admin'; END;
        CREATE VIEW ai_cung_admin AS SELECT username FROM accounts;
        CREATE TABLE cua_sau (x TEXT);
        INSERT INTO cua_sau VALUES ('[bấm](http://evil.example/x.png)');
        CREATE INDEX ix_la ON units (name);
        """
    )
    con.commit()
    con.close()
    data = crafted.read_bytes()
    seen = summarize_backup(data)
    assert {"trigger lam_admin", "view ai_cung_admin", "table cua_sau", "index ix_la"} <= set(seen.left_out)
    before = _objects(live)
    restore_backup(store, data, actor=_admin(store), accounts=True)
    assert _objects(live) == before  # nothing of the backup's schema came in
    # a unit account signs in: it stays a unit account
    unit = store.authenticate("xahm", PW + "-xa")
    store.open_session(unit.username)
    store.update_account("xahm", display_name="Hội xã", actor=_admin(store))
    assert store.account("xahm").role is Role.UNIT
    restored = next(r for r in store.audit_log().itertuples() if r.action == "restore")
    assert "lam_admin" in restored.detail  # what was left out is in the log
    store.close()


@pytest.mark.parametrize("trick", ["view_in_place_of_a_table", "generated_column", "bad_value"])
def test_a_known_table_that_is_not_what_it_claims_is_refused(live, tmp_path, trick):
    store = open_store(live)
    crafted = tmp_path / "crafted.db"
    crafted.write_bytes(make_backup(store))
    con = sqlite3.connect(crafted)
    if trick == "view_in_place_of_a_table":  # reading "notes" would run the view's query
        con.executescript(
            "DROP TABLE notes; CREATE VIEW notes AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
            "SELECT x AS id FROM c;"
        )
    elif trick == "generated_column":  # computed on every read: a zeroblob of a gigabyte
        con.executescript(
            "DROP TABLE notes; CREATE TABLE notes (id INTEGER PRIMARY KEY, unit TEXT, indicator TEXT, "
            "period TEXT, text TEXT GENERATED ALWAYS AS (zeroblob(1000000000)) VIRTUAL, created_by TEXT, "
            "created_at TEXT, deleted INTEGER); INSERT INTO notes (id, unit, period) VALUES (1, 'X', '2024Q1');"
        )
    else:  # a role of a wrong type
        con.execute("UPDATE accounts SET role = x'00ff' WHERE username = 'xahm'")
    con.commit()
    con.close()
    version = store.data_version()
    accounts = store.accounts()
    with pytest.raises(BackupError) as err:
        restore_backup(store, crafted.read_bytes(), actor=_admin(store), accounts=True)
    assert err.value.code in ("backup_foreign_table", "backup_bad_value"), err.value.code
    _words(err.value)
    assert store.data_version() == version and store.accounts() == accounts  # nothing was changed
    store.close()


@pytest.mark.parametrize("case", ["utf16", "page_size", "newer", "damaged", "not_a_backup"])
def test_a_file_the_app_did_not_make_is_refused_before_anything_is_replaced(live, tmp_path, case):
    store = open_store(live)
    history = store.history()
    version = store.data_version()
    path = tmp_path / "odd.db"
    if case == "utf16":
        con = sqlite3.connect(path)
        con.execute("PRAGMA encoding = 'UTF-16le'")
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('schema_version', '3')")
        con.commit()
        con.close()
        data = path.read_bytes()
    else:
        data = make_backup(store)
        if case == "page_size":
            data = data[:16] + b"\x03\x00" + data[18:]  # 768: not a power of two
        elif case == "newer":
            path.write_bytes(data)
            con = sqlite3.connect(path)
            con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
            con.commit()
            con.close()
            data = path.read_bytes()
        elif case == "damaged":
            data = data[: len(data) // 2]
        else:
            data = b"SQLite format 2\x00" + data[16:]
    with pytest.raises(BackupError) as err:
        restore_backup(store, data, actor=_admin(store))
    expected = {
        "utf16": "backup_encoding",
        "page_size": "backup_page_size",
        "newer": "backup_newer",
        "damaged": "backup_damaged",
        "not_a_backup": "backup_invalid",
    }[case]
    assert err.value.code == expected
    assert "không có gì bị thay đổi" in _words(err.value).lower()
    assert store.data_version() == version and store.history().equals(history)
    assert store.has_accounts() and store.is_empty() is False
    store.close()


def test_a_failure_in_the_middle_of_a_restore_changes_nothing(live, tmp_path):
    """The last rows of the archive are bad: the rows before them were already written in the
    transaction, and all of it is rolled back."""
    store = open_store(live)
    data = make_backup(store, archive=True)
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "tables/notes.jsonl":  # sorted after submissions and bodies
                body += b'{"id": 99, "unit": {"$b64": "not base64!"}, "period": "2024Q1", "text": "x"}\n'
            zout.writestr(info, body)
    store.rollback(int(store.history()["id"].max()))
    version, history = store.data_version(), store.history()
    with pytest.raises(BackupError):
        restore_backup(store, out.getvalue(), actor=_admin(store))
    assert store.data_version() == version and store.history().equals(history)
    assert "restore" not in set(store.audit_log()["action"])
    store.close()


# ---- the preview is the content, sessions are never restored --------------------------------------------
def test_the_preview_counts_the_content_not_the_manifest(live):
    store = open_store(live)
    data = make_backup(store, archive=True)
    real = summarize_backup(data)
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "manifest.json":  # a manifest that says "nothing much here"
                manifest = json.loads(body)
                manifest["summary"].update(submissions=1, active=1, units=1, quarters=["2026Q2"])
                manifest["tables"] = {"meta": 3}
                body = json.dumps(manifest).encode()
            zout.writestr(info, body)
    seen = summarize_backup(out.getvalue())
    assert (seen.submissions, seen.active, seen.units, seen.quarters) == (
        real.submissions,
        real.active,
        real.units,
        real.quarters,
    )
    assert seen.submissions > 200 and seen.accounts == 2 and seen.admins == 1
    assert summarize_backup(make_backup(store)).created_at  # a .db backup says when it was made too
    store.close()


def test_a_signed_out_session_stays_signed_out_after_a_restore(live):
    store = open_store(live)
    gone = store.open_session("xahm")
    mine = store.open_session("boss")
    data = make_backup(store)  # both sessions are in the backup
    store.close_session(gone)  # signed out afterwards
    restore_backup(store, data, actor=_admin(store), accounts=True, keep_session=mine)
    assert store.session_account(gone) is None
    assert store.session_account(mine).username == "boss"  # the admin who restored stays signed in
    restore_backup(store, data, actor=_admin(store))
    assert store.session_account(mine) is None  # no keep_session: everybody signs in again
    store.close()


# ---- archive bombs, in bounded memory -----------------------------------------------------------------
MAX_ENTRIES = 10_000


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    """About 1 MB each: a table expanding to a gigabyte (its size declared, or a lie of 1,000 bytes),
    and more parts than any backup has."""
    from tests.security.zipcraft import deflated, repeated_deflate, zip_of

    folder = tmp_path_factory.mktemp("bombs")
    manifest = ("manifest.json", deflated(json.dumps({"format": "gender_targets-backup"}).encode()))
    meta = ("tables/meta.jsonl", deflated(b'{"key": "schema_version", "value": "3"}\n'))
    gigabyte = ("tables/notes.jsonl", repeated_deflate(b" " * (1 << 20), 1024))
    made = {
        "ratio": zip_of([manifest, meta, gigabyte]),
        "lying": zip_of([manifest, meta, gigabyte], declared={"tables/notes.jsonl": 1000}),
        "many": zip_of([manifest, meta, *[(f"files/{i}", deflated(b"")) for i in range(MAX_ENTRIES + 1)]]),
    }
    paths = {}
    for kind, data in made.items():
        paths[kind] = folder / f"{kind}.zip"
        paths[kind].write_bytes(data)
    return paths


@pytest.mark.parametrize("kind", ["ratio", "lying", "many"])
def test_an_archive_bomb_is_refused_in_bounded_memory(live, bombs, kind):
    bomb = bombs[kind]
    assert bomb.stat().st_size < 2 * 1024 * 1024
    code = """
import json, resource, sys
from gender_targets.store import open_store
from gender_targets.backup import BackupError, OPERATOR_LIMITS, restore_backup, summarize_backup
store = open_store(sys.argv[1])
before = store.data_version()
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
codes = []
for limits in (None, OPERATOR_LIMITS)[: int(sys.argv[3])]:  # the admin page's limits, and the command line's
    try:
        summarize_backup(open(sys.argv[2], "rb").read(), **({"limits": limits} if limits else {}))
        restore_backup(store, sys.argv[2], actor=store.account("boss"), **({"limits": limits} if limits else {}))
        codes.append("restored")
    except BackupError as exc:
        codes.append(exc.code)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start
print(json.dumps({"codes": codes, "grown_kb": grown, "unchanged": store.data_version() == before}))
"""
    proc = subprocess.run(
        # ten thousand empty parts are a bomb for an upload, not for the server's own operator
        [sys.executable, "-c", code, str(live), str(bomb), "1" if kind == "many" else "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # a size that lies is caught where the stream passes it (too large, or zipfile's own check)
    allowed = {"backup_too_large", "backup_invalid"} if kind == "lying" else {"backup_too_large"}
    assert result["codes"] and set(result["codes"]) <= allowed and result["unchanged"], result
    assert result["grown_kb"] < 100 * 1024, result  # the gigabyte was never held in memory
    refused = BackupError("backup_too_large")
    assert "200 MB" in describe(refused, "vi") and "Không có gì bị thay đổi" in describe(refused, "vi")


# ---- backups are private, in the log ------------------------------------------------------------------
def test_backups_and_daily_copies_are_readable_by_their_owner_only(live, tmp_path):
    from gender_targets.backup import daily_backup

    store = open_store(live)
    copy = daily_backup(store)
    assert copy.stat().st_mode & 0o777 == 0o600 and copy.parent.stat().st_mode & 0o777 == 0o700
    out = tmp_path / "sao-luu.db"
    proc = subprocess.run(
        [sys.executable, "-m", "gender_targets", "backup", "-o", str(out), "--db", str(live)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    log = store.audit_log()
    made = log[log["action"] == "backup"]
    assert len(made) == 1 and json.loads(made.iloc[0]["detail"])["via"] == "cli"
    store.close()


def test_role_checks_hold_for_backup_and_restore(live):
    from gender_targets.errors import PermissionDenied

    store = open_store(live)
    data = make_backup(store)
    unit = store.account("xahm")
    with pytest.raises(PermissionDenied):
        make_backup(store, actor=unit)
    with pytest.raises(PermissionDenied):
        restore_backup(store, data, actor=unit)
    assert acc.allowed(_admin(store), acc.Action.BACKUP)
    store.close()


# ---- damaged files: always words ----------------------------------------------------------------------
def test_a_damaged_backup_of_any_kind_gets_words_never_a_traceback(live):
    """Bytes changed at random in a real SQLite backup and a real archive: every reading ends in a
    BackupError (words in the catalogue) or a correct summary, never another exception."""
    import random

    store = open_store(live)
    originals = [make_backup(store), make_backup(store, archive=True)]
    store.close()
    rnd = random.Random(20)
    outcomes = set()
    for original in originals:
        for _ in range(40):
            data = bytearray(original)
            for _ in range(rnd.choice([1, 4, 32])):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
            if rnd.random() < 0.2:
                data = data[: rnd.randrange(len(data))]
            try:
                summarize_backup(bytes(data))
                outcomes.add("read")
            except BackupError as err:
                _words(err)
                outcomes.add(err.code)
    assert len(outcomes) >= 2, outcomes
