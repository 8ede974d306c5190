"""The pages of issue 20 as an admin and a stranger meet them (AppTest):

- the backup tab: a crafted backup's own names shown as plain text, never as markdown; a refused
  file said in words, without a traceback; a restore keeps the accounts and the admin signed in;
- sample data: a viewer's first visit loads nothing over an admin's own register, nor into an empty
  database with accounts; in single-user mode it loads only into a new database;
- the users tab: a locked account is shown and unlocked;
- the sidebar: a user changes their own password.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.accounts import AccountError
from gender_targets.backup import make_backup
from gender_targets.i18n import t
from gender_targets.store import open_store
from gender_targets.units import load_register

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PW = "mat-khau-quan-tri"
DB_MIME = "application/octet-stream"
OWN_REGISTER = (
    "code,name,kind,parent,valid_from,valid_to,successor,note\nKV,Khu vực Một,khu vực,,,,,\nX1,xã Một,xã,KV,2021Q1,,,\n"
).encode()


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(username: str, password: str) -> AppTest:
    at = run(AppTest.from_file(str(APP), default_timeout=90))
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.button[0].click()
    run(at)
    assert any(s.value == t("ui.auth.signed_in", "vi") for s in at.success), [e.value for e in at.error]
    return run(at)  # the browser reloads the app after a sign-in


def markdown_texts(at: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    return out


@pytest.fixture
def admin_db(sample_db_file, tmp_path, monkeypatch, fast_hashes) -> Path:
    path = tmp_path / "app.db"
    shutil.copy(sample_db_file, path)
    s = open_store(path)
    s.add_account("boss", "admin", PW)
    s.add_account("xem", "viewer", PW + "-xem")
    s.close()
    monkeypatch.setenv("GENDER_TARGETS_DB", str(path))
    monkeypatch.delenv("GENDER_TARGETS_SAMPLE", raising=False)
    return path


def _restore_upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.switch_page("pages/admin.py")
    run(at)
    at.file_uploader(key="admin_restore_upload_0").set_value([(name, data, DB_MIME)])
    return run(at)


def test_a_crafted_backups_names_are_plain_text_and_a_restore_keeps_the_door(admin_db, tmp_path):
    crafted = tmp_path / "crafted.db"
    s = open_store(admin_db)
    crafted.write_bytes(make_backup(s))
    s.close()
    con = sqlite3.connect(crafted)
    con.execute('CREATE TABLE "[bấm vào](http://evil.example/x.png) **đậm**" (x TEXT)')
    con.execute("CREATE TRIGGER evil AFTER INSERT ON account_sessions BEGIN UPDATE accounts SET role='admin'; END")
    con.execute("DELETE FROM accounts")  # made "before any account existed"
    con.commit()
    con.close()
    at = _restore_upload(sign_in("boss", PW), "sao-luu.db", crafted.read_bytes())
    shown = markdown_texts(at)
    assert not any("](http" in text for text in shown), shown  # never a link or a picture
    assert any("evil.example" in str(e.value) for e in at.text)  # listed, as plain text
    accounts_box = at.checkbox(key="admin_restore_accounts_0")
    assert accounts_box.disabled  # the backup has no admin: its accounts cannot be restored
    at.checkbox(key="admin_restore_sure_0").check()
    run(at)
    at.button(key="admin_restore_yes").click()
    run(at)
    assert any(t("ui.admin.restore_done", "vi").split(":")[0] in str(s.value) for s in at.success), markdown_texts(at)
    assert at.title and at.title[0].value == t("ui.admin.title", "vi")  # still signed in, still admin
    s = open_store(admin_db)
    assert {a.username for a in s.accounts()} == {"boss", "xem"}
    with s.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert "evil" not in names and not any("evil.example" in n for n in names)
    s.close()


@pytest.mark.parametrize("case", ["utf16", "junk"])
def test_a_refused_backup_is_said_in_words(admin_db, tmp_path, case):
    if case == "utf16":
        path = tmp_path / "u16.db"
        con = sqlite3.connect(path)
        con.execute("PRAGMA encoding = 'UTF-16le'")
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.commit()
        con.close()
        data = path.read_bytes()
    else:
        data = b"PK\x03\x04" + b"\x00" * 200
    at = _restore_upload(sign_in("boss", PW), "x.db", data)
    errors = [str(e.value) for e in at.error]
    assert errors and "Không có gì bị thay đổi" in errors[0], errors
    assert not any(w in errors[0] for w in ("Traceback", "sqlite3", "Error:", ".py")), errors
    assert "admin_restore_yes" not in {b.key for b in at.button}  # nothing to confirm


def test_no_sample_data_over_an_admins_register_or_once_accounts_exist(tmp_path, monkeypatch, fast_hashes):
    path = tmp_path / "own.db"
    s = open_store(path)
    own = load_register(OWN_REGISTER)
    s.save_register(own, by="admin")
    s.add_account("xem", "viewer", PW + "-xem")
    s.close()
    monkeypatch.setenv("GENDER_TARGETS_DB", str(path))
    monkeypatch.delenv("GENDER_TARGETS_SAMPLE", raising=False)
    sign_in("xem", PW + "-xem")  # a viewer's first visit
    s = open_store(path)
    assert s.is_empty() and not s.has_sample() and s.register().codes == own.codes
    assert "sample_load" not in set(s.audit_log()["action"])
    s.close()
    # accounts and an empty database with no register: nothing loaded either
    empty = tmp_path / "empty.db"
    s = open_store(empty)
    s.add_account("xem", "viewer", PW + "-xem")
    s.close()
    monkeypatch.setenv("GENDER_TARGETS_DB", str(empty))
    run(AppTest.from_file(str(APP), default_timeout=90))  # a stranger's visit
    s = open_store(empty)
    assert s.is_empty() and s.register() is None
    s.close()


def test_single_user_mode_loads_the_sample_into_a_new_database_only(tmp_path, monkeypatch):
    path = tmp_path / "own.db"
    s = open_store(path)
    s.save_register(load_register(OWN_REGISTER), by="me")
    s.close()
    monkeypatch.setenv("GENDER_TARGETS_DB", str(path))
    monkeypatch.delenv("GENDER_TARGETS_SAMPLE", raising=False)
    run(AppTest.from_file(str(APP), default_timeout=90))
    s = open_store(path)
    assert s.is_empty() and s.register().codes == ["KV", "X1"]  # my own register, untouched
    s.close()


def test_an_admin_sees_and_ends_a_lock(admin_db):
    s = open_store(admin_db)
    for _ in range(5):
        with contextlib.suppress(AccountError):
            s.authenticate("xem", "sai-roi", client="203.0.113.9")
    s.close()
    at = sign_in("boss", PW)
    at.switch_page("pages/admin.py")
    run(at)
    at.selectbox(key="admin_user_pick").select("xem")
    run(at)
    at.button(key="admin_user_unlock_xem").click()
    run(at)
    s = open_store(admin_db)
    assert not s.account("xem").locked_until or s.account("xem").failed_attempts == 0
    assert "account_unlock" in set(s.audit_log()["action"])
    s.close()


def test_a_user_changes_their_own_password_in_the_sidebar(admin_db):
    at = sign_in("xem", PW + "-xem")
    at.text_input(key="auth_pw_current").input(PW + "-xem")
    at.text_input(key="auth_pw_new").input("12345678")
    at.text_input(key="auth_pw_again").input("12345678")
    at.button(key="FormSubmitter:auth_password_form-" + t("ui.password.save", "vi")).click()
    run(at)
    assert any("10.000" in str(e.value).replace("\\", "") for e in at.error), [e.value for e in at.error]
    at.text_input(key="auth_pw_current").input(PW + "-xem")
    at.text_input(key="auth_pw_new").input("mua-thu-ha-noi-2026")
    at.text_input(key="auth_pw_again").input("mua-thu-ha-noi-2026")
    at.button(key="FormSubmitter:auth_password_form-" + t("ui.password.save", "vi")).click()
    run(at)
    s = open_store(admin_db)
    assert s.authenticate("xem", "mua-thu-ha-noi-2026").username == "xem"
    s.close()
