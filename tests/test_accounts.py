"""Accounts (SPEC §10): roles checked in the core for every write, passwords and the lockout,
review of unit submissions (pending → active / returned), the ``user`` command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from gender_targets import accounts as acc
from gender_targets import intake
from gender_targets.accounts import Account, AccountError, Action, Role
from gender_targets.cli import main as cli_main
from gender_targets.errors import PermissionDenied
from gender_targets.i18n import describe
from gender_targets.periods import Period
from gender_targets.schema import DEFAULT_TARGETS
from gender_targets.store import open_store
from tests.store_workers import TODAY, csv_file, fake_check_file, make_register, make_rows

Q = Period(2026, 2)
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)


def account(role: str, units: tuple[str, ...] = (), **kw) -> Account:
    return Account(username=f"{role}1", role=Role(role), units=units, **kw)


ADMIN, REVIEWER, VIEWER = account("admin"), account("reviewer"), account("viewer")
UNIT = account("unit", ("U00",))


@pytest.fixture
def st(db_path, monkeypatch):
    monkeypatch.setattr(intake, "check_file", fake_check_file)
    s = open_store(db_path)
    s.save_register(make_register(6), by="setup")
    yield s
    s.close()


def quarter(unit: str = "U00", seed: int = 0, period: Period = Q) -> bytes:
    return csv_file(make_rows([unit], [period], seed=seed))


# ---- the permission table ------------------------------------------------------------------------
EXPECTED = {
    Role.VIEWER: {Action.VIEW},
    Role.UNIT: {Action.VIEW, Action.SUBMIT},
    Role.REVIEWER: {Action.VIEW, Action.IMPORT, Action.REVIEW, Action.ROLLBACK},
    Role.ADMIN: set(Action) - {Action.SUBMIT},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_every_role_and_action(role, action):
    a = account(role, ("U00",) if role is Role.UNIT else ())
    if action in EXPECTED[role]:
        acc.require(a, action)
        assert acc.allowed(a, action)
    else:
        with pytest.raises(PermissionDenied) as exc:
            acc.require(a, action)
        assert exc.value.code == f"forbidden_{action}"
        assert describe(exc.value, "vi") != exc.value.key  # a sentence from the catalogue
        assert not acc.allowed(a, action)


def test_operator_may_do_everything_and_disabled_nothing():
    for action in Action:
        acc.require(None, action)
        with pytest.raises(PermissionDenied) as exc:
            acc.require(account("admin", disabled=True), action)
        assert exc.value.code == "account_disabled"


def test_unit_account_submits_for_its_own_units_only():
    a = account("unit", ("U00", "U01"))
    acc.require(a, Action.SUBMIT, unit="u01")
    with pytest.raises(PermissionDenied) as exc:
        acc.require(a, Action.SUBMIT, unit="U02")
    assert exc.value.code == "not_your_unit" and "U02" in describe(exc.value, "vi")
    assert acc.foreign_units(a, ["U00", "U02", "U03"]) == ["U02", "U03"]
    assert acc.foreign_units(REVIEWER, ["U02"]) == [] and acc.foreign_units(None, ["U02"]) == []
    assert acc.submission_status(a) == "pending"
    assert {acc.submission_status(x) for x in (None, REVIEWER, ADMIN)} == {"active"}


# ---- passwords and lockout ---------------------------------------------------------------------
def test_password_hash_is_argon2_and_verifies():
    h = acc.hash_password("mật khẩu dài")
    assert h.startswith("$argon2id$") and "mật" not in h
    assert acc.verify_password(h, "mật khẩu dài")
    assert not acc.verify_password(h, "mật khẩu dai")
    assert not acc.verify_password("", "x") and not acc.verify_password("garbage", "x")
    with pytest.raises(AccountError) as exc:
        acc.hash_password("short")
    assert exc.value.code == "password_too_short"


def test_lockout_rule():
    failed, until = 0, ""
    for _ in range(acc.MAX_FAILURES - 1):
        failed, until = acc.lock_after_failure(failed, NOW)
        assert until == ""
    failed, until = acc.lock_after_failure(failed, NOW)
    assert failed == 0 and dt.datetime.fromisoformat(until) == NOW + dt.timedelta(minutes=15)
    locked = account("viewer", locked_until=until)
    assert acc.is_locked(locked, NOW + dt.timedelta(minutes=14, seconds=59))
    assert acc.minutes_left(locked, NOW) == 15 and acc.minutes_left(locked, NOW + dt.timedelta(seconds=899)) == 1
    assert not acc.is_locked(locked, NOW + dt.timedelta(minutes=15))


def test_sign_in_generic_error_lockout_and_reset(st):
    """One answer for every failure; the fifth wrong password locks the account against browsers that
    never signed in to it (the whole rule, with a stranger and a known browser, is in
    tests/security/test_sign_in.py)."""
    st.add_account("lan", "viewer", "dung-mat-khau", display_name="Chị Lan")
    assert st.authenticate("LAN", "dung-mat-khau", NOW).label == "Chị Lan"
    for name, pw in (("lan", "sai"), ("nobody", "dung-mat-khau")):
        with pytest.raises(AccountError) as exc:
            st.authenticate(name, pw, NOW)
        assert exc.value.code == "sign_in_failed"  # the same words for a wrong name and a wrong password
    for _ in range(4):  # the fifth failure in a row locks
        with pytest.raises(AccountError):
            st.authenticate("lan", "sai", NOW)
    assert acc.is_locked(st.account("lan"), NOW)
    with pytest.raises(AccountError) as exc:  # even the right password, during the lock: the same words
        st.authenticate("lan", "dung-mat-khau", NOW + dt.timedelta(minutes=10))
    assert exc.value.code == "sign_in_failed"
    assert "15 phút" in describe(exc.value, "vi")
    ok = st.authenticate("lan", "dung-mat-khau", NOW + dt.timedelta(minutes=15))
    assert ok.failed_attempts == 0 and ok.last_sign_in_at
    # a success resets the counter: four more failures do not lock
    for _ in range(4):
        with pytest.raises(AccountError) as exc:
            st.authenticate("lan", "sai", NOW + dt.timedelta(minutes=16))
        assert exc.value.code == "sign_in_failed"
    assert not acc.is_locked(st.account("lan"), NOW + dt.timedelta(minutes=16))
    # an admin's new password unlocks
    st.update_account("lan", password="mat-khau-khac-han")
    assert st.account("lan").failed_attempts == 0
    # a disabled account cannot sign in, and says no more than a wrong password does
    st.update_account("lan", disabled=True)
    with pytest.raises(AccountError) as exc:
        st.authenticate("lan", "mat-khau-khac-han", NOW + dt.timedelta(hours=1))
    assert exc.value.code == "sign_in_failed"


def test_browser_sessions(st):
    st.add_account("lan", "viewer", "mat-khau-du-dai")
    token = st.open_session("lan", NOW)
    assert st.session_account(token, NOW).username == "lan"
    assert st.session_account(token + "x", NOW) is None and st.session_account("", NOW) is None
    assert st.session_account(token, NOW + dt.timedelta(hours=acc.SESSION_HOURS, seconds=1)) is None
    with st.engine.connect() as conn:  # only the hash is stored
        assert token not in str(conn.exec_driver_sql("SELECT * FROM account_sessions").all())
    st.close_session(token)
    assert st.session_account(token, NOW) is None
    other = st.open_session("lan", NOW)
    st.update_account("lan", password="mat-khau-khac-han")  # a new password signs every browser out
    assert st.session_account(other, NOW) is None
    third = st.open_session("lan", NOW)
    st.update_account("lan", disabled=True)
    assert st.session_account(third, NOW) is None


def test_account_rules(st):
    assert not st.has_accounts()
    st.add_account("boss", "admin", "mat-khau-du-dai", email="Boss@Hoi.vn")
    assert st.has_accounts()
    assert st.account_by_email("boss@hoi.VN").username == "boss"
    cases = [
        (("boss", "viewer", "mat-khau-du-dai"), {}, "account_exists"),
        (("BOSS", "viewer", "mat-khau-du-dai"), {}, "account_exists"),
        (("x y", "viewer", "mat-khau-du-dai"), {}, "bad_username"),
        (("u", "unit", "mat-khau-du-dai"), {}, "bad_username"),
        (("unit1", "unit", "mat-khau-du-dai"), {}, "unit_required"),
        (("unit1", "unit", "mat-khau-du-dai"), {"units": ["NOPE"]}, "unknown_units"),
        (("unit1", "unit", "mat-khau-du-dai"), {"units": ["A"]}, "unknown_units"),  # an area is not a reporting unit
        (("view1", "viewer", "mat-khau-du-dai"), {"units": ["U00"]}, "units_only_for_unit_role"),
        (("view1", "boss", "mat-khau-du-dai"), {}, "bad_role"),
        (("view1", "viewer", "1234"), {}, "password_too_short"),
    ]
    for args, kw, code in cases:
        with pytest.raises(AccountError) as exc:
            st.add_account(*args, **kw)
        assert exc.value.code == code, args
    unit = st.add_account("unit1", "unit", "mat-khau-du-dai", units=["u01", "U00"])
    assert unit.units == ("U01", "U00")
    admin = st.account("boss")
    with pytest.raises(AccountError) as exc:
        st.update_account("boss", disabled=True, actor=admin)
    assert exc.value.code == "cannot_disable_self"
    with pytest.raises(AccountError) as exc:
        st.update_account("nobody", disabled=True)
    assert exc.value.code == "account_unknown"
    assert [a.username for a in st.accounts()] == ["boss", "unit1"]
    log = st.audit_log()
    assert log.iloc[0]["action"] == "user_add" and "mat-khau-du-dai" not in "".join(log["detail"])


# ---- every write checks the role -----------------------------------------------------------------
def _writes(st):
    """Every write of the store, as a callable of the actor."""
    reg = make_register(6)
    return {
        Action.IMPORT: lambda a: intake.import_upload(st, quarter("U03"), "x.csv", today=TODAY, actor=a),
        Action.ROLLBACK: lambda a: st.rollback(st.history()["id"].max(), actor=a),
        Action.REGISTER: lambda a: st.save_register(reg, actor=a),
        Action.TARGETS: lambda a: st.save_targets(DEFAULT_TARGETS, actor=a),
        Action.USERS: lambda a: st.add_account("someone", "viewer", "mat-khau-du-dai", actor=a),
        Action.SETTINGS: lambda a: st.set_public_view(True, actor=a),
        Action.SAMPLE: lambda a: st.delete_sample(actor=a),
        Action.REVIEW: lambda a: st.accept(1, actor=a),
    }


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UNIT, Role.REVIEWER])
def test_store_refuses_every_write_beyond_the_role(st, role):
    intake.import_upload(st, quarter("U03"), "first.csv", today=TODAY)
    a = account(role, ("U00",) if role is Role.UNIT else ())
    before = (st.data_version(), len(st.history()))
    for action, write in _writes(st).items():
        if action in acc.ROLE_ACTIONS[role] or (role is Role.UNIT and action is Action.IMPORT):
            continue
        with pytest.raises(PermissionDenied) as exc:
            write(a)
        assert exc.value.code == f"forbidden_{action}", action
    assert (st.data_version(), len(st.history())) == before
    assert not st.public_view()


def test_unit_file_for_another_unit_is_refused_and_nothing_stored(st):
    v = st.data_version()
    with pytest.raises(PermissionDenied) as exc:
        intake.import_upload(st, csv_file(make_rows(["U00", "U01"], [Q])), "two.csv", today=TODAY, actor=UNIT)
    assert exc.value.code == "not_your_unit" and exc.value.params["unit"] == "U01"
    assert st.data_version() == v and st.history().empty


def test_admin_may_do_every_write(st):
    for action, write in _writes(st).items():
        if action is Action.REVIEW:
            continue
        write(ADMIN)
    assert st.public_view()
    log = st.audit_log()
    assert set(log["who"]) >= {"admin1"}


# ---- review ---------------------------------------------------------------------------------------
def test_unit_submission_waits_for_review_then_accepted(st):
    first = intake.import_upload(st, quarter(seed=1), "old.csv", today=TODAY)
    stored = st.active_bodies()
    res = intake.import_upload(st, quarter(seed=2), "new.csv", by="ignored", today=TODAY, actor=UNIT)
    sid = res.ids[("U00", str(Q))]
    hist = st.history().set_index("id")
    assert hist.at[sid, "status"] == "pending" and hist.at[sid, "account"] == "unit1"
    assert hist.at[sid, "uploaded_by"] == "unit1"  # from the account, not free text
    pd.testing.assert_frame_equal(st.active_bodies(), stored)  # dashboards count active only
    assert st.review_queue()["id"].tolist() == [sid]
    assert st.submission_states().set_index(["unit", "period"]).at[("U00", str(Q)), "status"] == "pending"
    with pytest.raises(PermissionDenied):
        st.accept(sid, actor=UNIT)  # a unit cannot accept its own submission
    with pytest.raises(PermissionDenied):
        st.rollback(first.ids[("U00", str(Q))], actor=UNIT)  # accepted quarter locked for the unit
    old = st.accept(sid, actor=REVIEWER, comment="Đã xem")
    assert old == first.ids[("U00", str(Q))]
    hist = st.history().set_index("id")
    assert hist.at[sid, "status"] == "active" and hist.at[old, "status"] == "superseded"
    assert hist.at[sid, "reviewed_by"] == "reviewer1" and hist.at[sid, "review_comment"] == "Đã xem"
    assert st.review_queue().empty
    assert st.audit_log().iloc[0]["action"] == "accept"
    with pytest.raises(AccountError) as exc:
        st.accept(sid, actor=REVIEWER)
    assert exc.value.code == "not_pending"
    # rollback of the accepted one restores the previous active data
    assert st.rollback(sid, actor=REVIEWER) == old
    assert st.history().set_index("id").at[old, "status"] == "active"


def test_unit_submission_returned_with_a_comment(st):
    res = intake.import_upload(st, quarter(), "q.csv", today=TODAY, actor=UNIT)
    sid = res.ids[("U00", str(Q))]
    with pytest.raises(AccountError) as exc:
        st.return_submission(sid, "  ", actor=REVIEWER)
    assert exc.value.code == "comment_required"
    with pytest.raises(PermissionDenied):
        st.return_submission(sid, "sai", actor=VIEWER)
    st.return_submission(sid, "Số nữ dòng 3 sai", actor=ADMIN)
    row = st.history().set_index("id").loc[sid]
    assert row["status"] == "returned" and row["review_comment"] == "Số nữ dòng 3 sai"
    assert st.active_bodies().empty
    assert st.submission_states().iloc[0]["status"] == "returned"
    # a correction is a new submission for review
    again = intake.import_upload(st, quarter(seed=5), "q2.csv", today=TODAY, actor=UNIT)
    assert st.review_queue()["id"].tolist() == list(again.ids.values())
    assert st.submission_states().iloc[0]["status"] == "pending"


def test_newer_pending_replaces_the_older_one(st):
    a = intake.import_upload(st, quarter(seed=1), "a.csv", today=TODAY, actor=UNIT).ids[("U00", str(Q))]
    b = intake.import_upload(st, quarter(seed=2), "b.csv", today=TODAY, actor=UNIT).ids[("U00", str(Q))]
    hist = st.history().set_index("id")
    assert hist.at[a, "status"] == "superseded" and hist.at[b, "status"] == "pending"
    assert st.review_queue()["id"].tolist() == [b]


# ---- command line -----------------------------------------------------------------------------------
def _cli(db, *args, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "gender_targets", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_user_commands(db_path, tmp_path):
    r = _cli(db_path, "user", "add", "boss", "--role", "admin", "--password-stdin", stdin="mat khau 123\n")
    assert r.returncode == 0, r.stderr
    s = open_store(db_path)
    assert s.authenticate("boss", "mat khau 123").role is Role.ADMIN  # only the one newline is dropped
    s.close()
    assert (
        _cli(db_path, "user", "add", "boss", "--role", "viewer", "--password-stdin", stdin="mat-khau-du-dai").returncode
        == 1
    )
    assert _cli(db_path, "user", "add", "v", "--role", "viewer", "--password-stdin", stdin="").returncode == 2
    assert _cli(db_path, "user", "add", "vv", "--role", "viewer", "--password-stdin", stdin="1234").returncode == 1
    assert (
        _cli(db_path, "user", "add", "vv", "--role", "king", "--password-stdin", stdin="mat-khau-du-dai").returncode
        == 2
    )
    assert (
        _cli(db_path, "user", "add", "vv", "--role", "unit", "--password-stdin", stdin="mat-khau-du-dai").returncode
        == 2
    )
    assert _cli(db_path, "user", "add", "vv", "--role", "viewer", stdin="mat-khau-du-dai").returncode == 2
    out = _cli(db_path, "user", "list", "--json")
    assert out.returncode == 0
    listed = json.loads(out.stdout)
    assert [u["username"] for u in listed] == ["boss"] and "password_hash" not in out.stdout
    assert _cli(db_path, "user", "disable", "boss").returncode == 0
    assert json.loads(_cli(db_path, "user", "list", "--json").stdout)[0]["disabled"] is True
    assert _cli(db_path, "user", "disable", "nobody").returncode == 1
    r = _cli(db_path, "user", "password", "boss", "--password-stdin", stdin="mat-khau-khac-han\r\n")
    assert r.returncode == 0
    assert "mat-khau-khac-han" not in r.stdout


def test_cli_unit_account_needs_a_register_unit(db_path, monkeypatch):
    s = open_store(db_path)
    s.save_register(make_register(3))
    s.close()
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("mat-khau-du-dai\n"))
    assert (
        cli_main(["user", "add", "xa", "--role", "unit", "--unit", "U01", "--password-stdin", "--db", str(db_path)])
        == 0
    )
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("mat-khau-du-dai\n"))
    assert (
        cli_main(["user", "add", "xb", "--role", "unit", "--unit", "ZZ", "--password-stdin", "--db", str(db_path)]) == 1
    )
    s = open_store(db_path)
    assert s.account("xa").units == ("U01",) and s.account("xb") is None
    s.close()
    # --db before the subcommand is kept too
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("mat-khau-du-dai\n"))
    assert cli_main(["--db", str(db_path), "user", "add", "xc", "--role", "viewer", "--password-stdin"]) == 0
    assert open_store(db_path).account("xc").role is Role.VIEWER


# ---- plain text (safety.py) ------------------------------------------------------------------------
HOSTILE = [
    "![x](http://127.0.0.1:9/p.png)",
    "[link](http://127.0.0.1:9/l)",
    "<img src=http://127.0.0.1:9/i.png>",
    "**đậm** _nghiêng_ `code` :red[đỏ] $x^2$ # tiêu đề",
    "Bà Điểm - Quý 3 - 2026.xlsx",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_literal_escapes_every_markup_character(text):
    import re
    import string

    from gender_targets.safety import markdown_literal

    escaped = markdown_literal(text)
    # every ASCII punctuation character carries a backslash (CommonMark: shown as itself) ...
    assert not re.search(
        r"(?<!\\)[" + re.escape(string.punctuation.replace("\\", "")) + "]", escaped.replace("\\\\", "")
    )
    # ... and removing the backslashes gives the text back
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == text
    # no bare address is left for GitHub-flavoured markdown to turn into a link
    shown = re.sub(r"\\(.)", r"\1", escaped)
    assert not re.search(r"(?i)https?://|www\.|@\w", shown)


def test_plain_text_for_plotly():
    from gender_targets.safety import plain_text

    assert plain_text("<b>x</b> & <a href='h'>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href='h'&gt;"
    assert plain_text(None) == ""


def test_chart_labels_and_hover_carry_no_html():
    import plotly.io as pio

    from gender_targets import charts

    names = ["<img src=http://127.0.0.1:9/r.png>", "xã <b>B</b>"]
    frame = pd.DataFrame({"unit_name": names, "value": [40.0, 55.0]})
    spec = pio.to_json(charts.ranking_figure(frame, "I1", DEFAULT_TARGETS, "vi", period="2026Q2"))
    assert "<img" not in spec and "<b>B" not in spec and "&lt;img src=" in spec


# ---- entry in the browser (entry.py) ------------------------------------------------------------------
def test_form_rows_become_the_unit_workbook_checked_like_any_upload(sample_register):
    from gender_targets.entry import entry_rows, entry_workbook
    from gender_targets.intake import check_file as real_check

    reg, q = sample_register, Period(2026, 3)
    unit = next(u for u in reg.reporting_units if reg.is_active(u, q))
    rows = entry_rows(reg, unit, q, pd.DataFrame(columns=["unit", "period"]))
    assert len(rows) and rows["key_leaders"].isna().all()  # the template's bodies, counts to fill
    rows[["key_leaders", "key_leaders_female", "pool_total", "pool_female", "pool_female_trained"]] = [3, 1, 10, 4, 2]
    rows.loc[0, "body_name"] = '=HYPERLINK("http://x")'  # typed text stays text, never a formula
    report = real_check(entry_workbook(reg, unit, q, rows, today=TODAY), "form.xlsx", reg, TODAY)
    assert report.ok, [i.message("vi") for i in report.issues]
    [sub] = report.submissions
    assert (sub.unit, sub.period) == (unit, q) and sub.bodies["body_name"].iloc[0] == '=HYPERLINK("http://x")'
    rows = rows.astype(object)
    rows.loc[1, "key_leaders_female"] = 9  # the same rules and messages as a workbook
    rows.loc[2, "pool_total"] = 2.5
    report = real_check(entry_workbook(reg, unit, q, rows, today=TODAY), "form.xlsx", reg, TODAY)
    assert {i.code for i in report.errors} == {"female_exceeds_total", "not_whole_number"}
    assert any("E12" in i.message("vi") for i in report.errors)
    # last quarter's bodies (with their counts) are the starting rows when stored
    stored = sub.bodies.assign(unit=unit, period=str(Period(2026, 2)))
    again = entry_rows(reg, unit, q, stored)
    assert again["body_name"].tolist() == sub.bodies["body_name"].tolist()


def test_notes_are_written_by_reviewers_and_admins_only(st):
    """A note is shown on charts, slides and the report: viewers and unit accounts may not add or
    hide one; the check is the store's, whatever a page shows (SPEC §10, §11)."""
    for who in (VIEWER, UNIT):
        with pytest.raises(PermissionDenied):
            st.add_note("U00", Q, "Bầu lại Chủ tịch", actor=who)
    nid = st.add_note("U00", Q, "Bầu lại Chủ tịch", actor=REVIEWER)
    assert st.notes(unit="U00")["created_by"].tolist() == [REVIEWER.username]
    with pytest.raises(PermissionDenied):
        st.delete_note(nid, actor=VIEWER)
    assert st.delete_note(nid, actor=ADMIN) and st.notes(unit="U00").empty
