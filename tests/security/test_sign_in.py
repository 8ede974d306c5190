"""Sign-in the way it was attacked (issue 20, item 5).

Found: five wrong passwords locked the admin out for 15 minutes, repeatable by anyone, and the lock
told which user names exist; ``12345678`` was accepted and nobody could change their own password;
e-mails were not unique (single sign-on picked one, even a disabled one) and ``email_verified`` was
not checked.

- A stranger's wrong passwords lock the account against new browsers only: the admin's own browser
  (its device cookie) still signs in; an admin or the command line ends the lock.
- One answer, one amount of work: an unknown name, a wrong password, a disabled and a locked account
  get the same words after exactly one argon2 verification and one recorded failure.
- Per client: ten failures from one address, whatever the names, hold that address back for 15
  minutes, but not a browser known to the account it signs in to.
- Passwords: at least the 10,000 most common and the user's own name are refused; users change their
  own password (a wrong current one counts as a failure; other browsers are signed out).
- E-mails: unique without case, in the core and in the database; the upgrade keeps one per e-mail.
- Against the running app: the same, from bare websockets, with the device cookie the app sets.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import subprocess
import sys

import pytest

from gender_targets import accounts as acc
from gender_targets.accounts import AccountError
from gender_targets.i18n import describe
from gender_targets.passwords import COMMON_FILE, MIN_PASSWORD, common_passwords, password_problem
from gender_targets.store import StoreError, open_store
from tests.security.stclient import ROOT, Client, start_app
from tests.store_workers import make_register

NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
PW = "mat-khau-quan-tri"
STRANGER, OFFICE = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def st(tmp_path, fast_hashes):
    s = open_store(tmp_path / "gt.db")
    s.save_register(make_register(3), by="setup")
    s.add_account("boss", "admin", PW, email="Boss@Hoi.vn")
    s.add_account("lan", "viewer", PW + "-lan")
    yield s
    s.close()


def _fail(st, name: str, password: str = "sai-roi", *, client: str = STRANGER, device: str = "", at=NOW):
    with pytest.raises(AccountError) as err:
        st.authenticate(name, password, at, client=client, device=device)
    return err.value


# ---- a stranger cannot lock the admin out ----------------------------------------------------------
def test_a_strangers_wrong_passwords_lock_new_browsers_only(st):
    admin = st.authenticate("boss", PW, NOW, client=OFFICE)  # the admin's own browser, some day before
    device = st.remember_device(admin.username, "", NOW)
    for _ in range(acc.MAX_FAILURES):
        _fail(st, "boss")  # a stranger tries passwords
    assert acc.is_locked(st.account("boss"), NOW)
    # a new browser is refused even with the right password, in the same words as a wrong one
    locked = _fail(st, "boss", PW, client=OFFICE, at=NOW + dt.timedelta(minutes=1))
    assert locked.code == "sign_in_failed"
    # the admin's own browser signs in, and the lock stays on for the others
    later = NOW + dt.timedelta(minutes=2)
    assert st.authenticate("boss", PW, later, client=OFFICE, device=device).username == "boss"
    assert acc.is_locked(st.account("boss"), later)
    assert _fail(st, "boss", PW, client=OFFICE, at=later).code == "sign_in_failed"
    # a device token of another account, or a made-up one, opens nothing
    other = st.remember_device("lan", "", NOW)
    assert _fail(st, "boss", PW, client=OFFICE, device=other, at=later).code == "sign_in_failed"
    assert _fail(st, "boss", PW, client=OFFICE, device="x" * 43, at=later).code == "sign_in_failed"
    # the lock is in the log, without data_version moving (no page cache thrown away for it)
    assert "account_locked" in set(st.audit_log()["action"])
    # an admin ends it; the command line too
    st.unlock_account("boss", actor=st.account("boss"))
    assert st.authenticate("boss", PW, later, client=OFFICE).username == "boss"
    for _ in range(acc.MAX_FAILURES):
        _fail(st, "boss", at=later)
    assert acc.is_locked(st.account("boss"), later)
    db = st.sqlite_file
    proc = subprocess.run(
        [sys.executable, "-m", "gender_targets", "user", "unlock", "boss", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "boss" in proc.stdout, proc.stderr
    assert not acc.is_locked(st.account("boss"), later)
    assert {"account_unlock"} <= set(st.audit_log()["action"])


def test_one_answer_and_one_verification_for_every_failure(st, monkeypatch):
    st.add_account("cu", "viewer", PW + "-cu")
    st.update_account("cu", disabled=True)
    for _ in range(acc.MAX_FAILURES):
        _fail(st, "lan")
    assert acc.is_locked(st.account("lan"), NOW)
    calls: list[str] = []
    real = acc.verify_password

    def counting(password_hash: str, password: str) -> bool:
        calls.append(password_hash[:10])
        return real(password_hash, password)

    monkeypatch.setattr(acc, "verify_password", counting)
    cases = {
        "unknown name": ("khong-co-ai", PW),
        "wrong password": ("boss", "sai-roi"),
        "disabled account, right password": ("cu", PW + "-cu"),
        "locked account, right password": ("lan", PW + "-lan"),
    }
    words = {}
    with st.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM sign_in_failures").scalar()
    for what, (name, password) in cases.items():
        calls.clear()
        err = _fail(st, name, password, client=f"192.0.2.{len(words)}", at=NOW + dt.timedelta(minutes=1))
        words[what] = describe(err, "vi")
        assert len(calls) == 1 and calls[0].startswith("$argon2id"), (what, calls)
    assert len(set(words.values())) == 1, words
    with st.engine.connect() as conn:
        after = conn.exec_driver_sql("SELECT count(*) FROM sign_in_failures").scalar()
    assert after - before == len(cases)  # each failure written the same way


def test_ten_failures_from_one_address_hold_it_back_but_not_a_known_browser(st):
    device = st.remember_device("lan", "", NOW)
    for i in range(acc.CLIENT_MAX_FAILURES):
        _fail(st, f"ten-doan-{i}")  # a stranger guessing names from one address
    held = _fail(st, "boss", PW)  # even the right password of another account, from that address
    assert held.code == "too_many_attempts" and "15" in describe(held, "vi")
    assert st.authenticate("boss", PW, NOW, client=OFFICE).username == "boss"  # other addresses go on
    assert st.authenticate("lan", PW + "-lan", NOW, client=STRANGER, device=device).username == "lan"
    later = NOW + dt.timedelta(minutes=acc.CLIENT_WINDOW_MINUTES, seconds=1)
    assert st.authenticate("boss", PW, later, client=STRANGER).username == "boss"


# ---- passwords ------------------------------------------------------------------------------------
def test_the_10000_most_common_passwords_and_the_user_name_are_refused(st):
    common = common_passwords()
    assert len(common) >= 10_000
    head = COMMON_FILE.read_text(encoding="utf-8")
    assert "zxcvbn" in head and "MIT" in head and (COMMON_FILE.parent / "LICENSE.zxcvbn.txt").exists()
    listed = [w for w in common if len(w) >= MIN_PASSWORD]
    assert "12345678" in listed and "password" in listed
    for word in [*listed[:: max(1, len(listed) // 200)], "12345678", "Password2026!", "QWERTYUIOP"]:
        assert password_problem(word, "someone") == "password_common", word
    for password, user in [
        ("boss2026", "boss"),
        ("Boss@123", "boss"),
        ("ssob-ssob", "ssob"),
        ("nguyenlan", "nguyenlan"),
    ]:
        assert password_problem(password, user) in ("password_is_username", "password_common"), password
    assert password_problem("mua-xuan-tren-song-han", "boss") is None
    with pytest.raises(AccountError) as err:
        st.add_account("mai", "viewer", "12345678")
    assert err.value.code == "password_common" and "10.000" in describe(err.value, "vi")
    with pytest.raises(AccountError) as err:
        st.update_account("lan", password="lan-2026")
    assert err.value.code == "password_is_username"


def test_users_change_their_own_password(st):
    here = st.open_session("lan", NOW)
    elsewhere = st.open_session("lan", NOW)
    with pytest.raises(AccountError) as err:
        st.change_password("lan", "sai-roi", "mot-mat-khau-moi-dai", keep_token=here, client=STRANGER, now=NOW)
    assert err.value.code == "password_wrong"
    assert st.account("lan").failed_attempts == 1  # counted like a failed sign-in
    with pytest.raises(AccountError) as err:
        st.change_password("lan", PW + "-lan", "12345678", keep_token=here, now=NOW)
    assert err.value.code == "password_common"
    with pytest.raises(AccountError) as err:
        st.change_password("lan", PW + "-lan", PW + "-lan", keep_token=here, now=NOW)
    assert err.value.code == "password_unchanged"
    st.change_password("lan", PW + "-lan", "mot-mat-khau-moi-dai", keep_token=here, now=NOW)
    assert st.authenticate("lan", "mot-mat-khau-moi-dai", NOW).username == "lan"
    assert st.session_account(here, NOW) is not None  # this browser stays signed in
    assert st.session_account(elsewhere, NOW) is None  # every other one is signed out
    log = st.audit_log()
    assert "password_change" in set(log["action"]) and "mot-mat-khau" not in "".join(log["detail"])


# ---- e-mails ---------------------------------------------------------------------------------------
def test_an_email_names_one_account(st):
    with pytest.raises(AccountError) as err:
        st.add_account("boss2", "admin", PW + "-2", email=" boss@HOI.vn ")
    assert err.value.code == "email_taken"
    with pytest.raises(AccountError) as err:
        st.update_account("lan", email="BOSS@hoi.vn")
    assert err.value.code == "email_taken"
    st.update_account("boss", email="boss@hoi.vn")  # its own e-mail, written differently: fine
    with pytest.raises(StoreError, match="ux_accounts_email"), st.engine.begin() as conn:  # the database too
        conn.exec_driver_sql("UPDATE accounts SET email = 'BOSS@hoi.vn' WHERE username = 'lan'")


def test_the_upgrade_keeps_one_account_per_email(tmp_path, fast_hashes):
    """A version-2 database with three accounts sharing an e-mail: after the upgrade it stays with the
    enabled one that signed in last; the others lose it, in the log."""
    db = tmp_path / "v2.db"
    s = open_store(db)
    s.close()
    con = sqlite3.connect(db)
    con.execute("DROP INDEX ux_accounts_email")
    rows = [
        ("cu", 1, "2026-01-01T00:00:00+00:00"),  # disabled, signed in last
        ("moi", 0, "2026-03-01T00:00:00+00:00"),  # enabled, the latest among the enabled
        ("xua", 0, "2025-01-01T00:00:00+00:00"),
    ]
    for name, disabled, last in rows:
        con.execute(
            "INSERT INTO accounts (username, role, email, password_hash, disabled, last_sign_in_at) "
            "VALUES (?, 'viewer', ?, '', ?, ?)",
            (name, "Lan@Hoi.vn" if name != "xua" else "lan@hoi.vn ", disabled, last),
        )
    con.execute("CREATE TRIGGER evil AFTER INSERT ON account_sessions BEGIN UPDATE accounts SET role='admin'; END")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    s = open_store(db)
    emails = {a.username: a.email for a in s.accounts()}
    assert emails == {"cu": "", "moi": "Lan@Hoi.vn", "xua": ""}
    assert s.account_by_email("lan@hoi.vn").username == "moi"
    detail = " ".join(s.audit_log()["detail"])
    assert "duplicate_email" in detail and "xua" in detail
    with s.engine.connect() as conn:  # the foreign trigger an earlier restore could have copied is gone
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").scalar() == 0
    s.close()


# ---- against the running app --------------------------------------------------------------------
def _device_from(run) -> str:
    """The device cookie the app's page script sets after a sign-in (a bare client runs no script)."""
    for e in run.elements:
        if e.kind == "html":
            found = re.search(r"gt_device=([A-Za-z0-9_-]+)", e.text)
            if found:
                return found.group(1)
    return ""


def _try(app, password: str, cookie: str = "") -> object:
    with Client(app, cookie=cookie) as c:
        form = c.run("")
        return c.submit(form, {"Tên đăng nhập": "boss", "Mật khẩu": password}, "Đăng nhập")


def test_in_the_app_a_stranger_cannot_lock_the_admin_out(tmp_path):
    db = tmp_path / "gt.db"
    s = open_store(db)
    s.add_account("boss", "admin", PW)
    s.close()
    app = start_app(tmp_path / "app", db)
    try:
        first = _try(app, PW)  # the admin's browser, once
        assert first.has_text("Đăng nhập thành công")
        device = _device_from(first)
        assert device and "SameSite=Strict" in next(e.text for e in first.elements if "gt_device" in e.text)
        said = set()
        for _ in range(acc.MAX_FAILURES + 1):  # a stranger on the same network tries passwords
            run = _try(app, "doan-bua")
            said.update(e.text for e in run.elements if e.kind == "alert")
        assert not any("khoá" in w and "boss" in w for w in said)  # nothing says which account exists
        stranger = _try(app, PW)  # even the right password, from a browser the account does not know
        assert not stranger.has_text("Đăng nhập thành công")
        mine = _try(app, PW, cookie=f"gt_device={device}")
        assert mine.has_text("Đăng nhập thành công"), mine.texts()
    finally:
        app.stop()
