"""The campaign (issue 16, SPEC §12) with a real SMTP server (aiosmtpd on loopback, in this process):
deadlines, the one timeliness rule, reminders sent exactly once (also by two ``remind`` processes at
once, on SQLite and PostgreSQL), faults named in words, notifications, and what a unit needs."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from gender_targets import intake
from gender_targets.campaign import (
    CampaignError,
    MailSettings,
    deadline_for,
    deadline_list,
    default_deadline,
    mail_settings,
    notify,
    people_needed,
    plan_reminders,
    rate_sentence,
    send_reminders,
    set_deadline,
    timeliness_table,
    unit_states,
)
from gender_targets.periods import Period
from gender_targets.store import open_store
from gender_targets.template import (
    COLUMNS,
    DATA_SHEET,
    FIRST_BODY_ROW,
    build_template,
    make_template,
    suggested_bodies,
    template_bodies,
)
from tests.campaign_helpers import Inbox, fill_counts, free_port

aiosmtpd = pytest.importorskip("aiosmtpd", reason="aiosmtpd (requirements-test.txt) is needed for the mail tests")
from aiosmtpd.controller import Controller  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
P = Period(2026, 3)  # every sample unit is missing it
PW = "mat-khau-dai"
VN_OFFSET = dt.timedelta(hours=7)


# -- the loopback server -------------------------------------------------------------------------------
class SlowInbox(Inbox):
    delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture(scope="module")
def smtp_server():
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def inbox(smtp_server):
    box, port = smtp_server
    box.messages.clear()
    box.drop_after, box.refuse, box.delay = None, set(), 0.0
    box.port = port
    return box


def settings_for(port: int, **extra) -> MailSettings:
    return mail_settings(
        {
            "GENDER_TARGETS_SMTP_URL": f"smtp://127.0.0.1:{port}",
            "GENDER_TARGETS_MAIL_FROM": "hoi@example.org",
            "GENDER_TARGETS_APP_URL": "https://gt.example.org/",
            **extra,
        }
    )


def campaign_store(url: str):
    """The sample data, two units with an e-mail (one of them twice: a disabled account too), one
    without, and X-XTS that has sent the quarter (so it gets nothing)."""
    from gender_targets.sample import load_sample

    store = open_store(url)
    load_sample(store)
    store.add_account("duyet", "reviewer", PW, display_name="Chị Duyệt", email="duyet@example.org")
    store.add_account("xahm", "unit", PW, units=["X-HM"], email="hm@example.org")
    store.add_account("xahm-cu", "unit", PW, units=["X-HM"], email="old-hm@example.org")
    store.update_account("xahm-cu", disabled=True)  # disabled: nothing
    store.add_account("xabd", "unit", PW, units=["X-BD"], display_name="Chị Bà Điểm", email="bd@example.org")
    store.add_account("xadt", "unit", PW, units=["X-DT"])  # no e-mail: the Zalo list
    store.add_account("xats", "unit", PW, units=["X-XTS"], email="xts@example.org")
    data = (SAMPLE / "upload_2026Q3" / "X-XTS_2026Q3.xlsx").read_bytes()
    assert intake.import_upload(store, data, "X-XTS_2026Q3.xlsx", by="x").ok
    return store


@pytest.fixture(scope="module")
def campaign_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("campaign") / "campaign.db"
    campaign_store(str(path)).close()
    return path


@pytest.fixture
def store(campaign_file, tmp_path):
    import shutil

    shutil.copy(campaign_file, tmp_path / "campaign.db")
    s = open_store(str(tmp_path / "campaign.db"))
    yield s
    s.close()


def cli(*args: str, db: str, port: int | None = None, check: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENDER_TARGETS_")}
    env |= {"GENDER_TARGETS_DB": db, "PYTHONPATH": str(ROOT)}
    if port is not None:
        env |= {"GENDER_TARGETS_SMTP_URL": f"smtp://127.0.0.1:{port}", "GENDER_TARGETS_MAIL_FROM": "hoi@example.org"}
    done = subprocess.run(
        [sys.executable, "-m", "gender_targets", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


# -- deadlines -------------------------------------------------------------------------------------------
def test_default_deadline_is_the_fifth_day_after_the_quarter_and_the_template_agrees():
    assert default_deadline("2026Q3") == dt.date(2026, 10, 5)
    assert default_deadline("2026Q4") == dt.date(2027, 1, 5)
    from gender_targets.units import load_register

    reg = load_register((SAMPLE / "units.csv").read_bytes())
    for p in (Period(2025, 4), P):  # the template's own fallback is the campaign's default
        guide = build_template(reg, "X-HM", p)["Hướng dẫn"]
        text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
        assert default_deadline(p).strftime("%d/%m/%Y") in text


def test_set_deadline_checks_the_date_and_is_audited(store):
    with pytest.raises(CampaignError) as exc:
        set_deadline(store, "2026Q3", "2026-09-29")
    assert exc.value.code == "deadline_before_end"
    for bad, code in (("2026Q5", "unknown_period"), ("2019Q4", "unknown_period"), ("quý ba", "unknown_period")):
        with pytest.raises(CampaignError) as exc:
            set_deadline(store, bad, "2026-10-10")
        assert exc.value.code == code
    with pytest.raises(CampaignError) as exc:
        set_deadline(store, "2026Q3", "10/10/2062")
    assert exc.value.code == "deadline_too_late"
    with pytest.raises(CampaignError) as exc:
        set_deadline(store, "2026Q3", "mười tháng mười")
    assert exc.value.code == "not_a_date"
    set_deadline(store, "2026Q3", "12/10/2026", by="Chị Lan")  # day first, as written in Vietnam
    assert store.deadlines() == {"2026Q3": dt.date(2026, 10, 12)}
    rows = {d.period: d for d in deadline_list(store)}
    assert rows["2026Q3"].stored and rows["2026Q3"].set_by == "Chị Lan"
    assert not rows["2026Q2"].stored and rows["2026Q2"].deadline == dt.date(2026, 7, 5)
    audit = store.audit_log()
    assert "deadline_set" in set(audit["action"])


def test_a_unit_account_cannot_set_a_deadline(store):
    from gender_targets.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        set_deadline(store, "2026Q3", "2026-10-10", actor=store.account("xahm"))


# -- timeliness: the one rule --------------------------------------------------------------------------------
def _log(rows: list[dict]) -> pd.DataFrame:
    base = {
        "status": "active",
        "uploaded_by": "",
        "account": "",
        "is_sample": False,
        "reviewed_by": "",
        "reviewed_at": "",
    }
    base |= {"review_comment": "", "file_name": ""}
    return pd.DataFrame([{**base, "file_id": i + 1, "id": i + 1, **r} for i, r in enumerate(rows)])


def _utc(day: dt.date, hh: int, mm: int = 0) -> str:
    """A UTC stamp for hh:mm Vietnam time on ``day``."""
    return (dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=dt.UTC) - VN_OFFSET).isoformat()


def test_on_time_means_by_the_end_of_the_deadline_day_in_vietnam(sample_register):
    d = dt.date(2026, 10, 5)
    log = _log(
        [
            {"unit": "X-HM", "period": "2026Q3", "uploaded_at": _utc(d, 23, 59)},  # on time
            {"unit": "X-DT", "period": "2026Q3", "uploaded_at": _utc(d + dt.timedelta(days=1), 0, 0)},  # 1 day late
            # returned later: its first sending is what counts, and it was on time
            {
                "unit": "X-BD",
                "period": "2026Q3",
                "uploaded_at": _utc(d, 9),
                "status": "returned",
                "review_comment": "sai",
            },
            # rolled back: an undo, as if never sent
            {"unit": "X-XTS", "period": "2026Q3", "uploaded_at": _utc(d, 9), "status": "rolled_back"},
        ]
    )
    states = unit_states(log, sample_register, ["2026Q3"], {}, today=dt.date(2026, 10, 20)).set_index("unit")
    assert states.loc["X-HM", ["state", "timing"]].tolist() == ["sent", "on_time"]
    assert states.loc["X-DT", ["state", "timing", "days_late"]].tolist() == ["sent", "late", 1]
    assert states.loc["X-BD", ["state", "timing", "review_comment"]].tolist() == ["returned", "on_time", "sai"]
    assert states.loc["X-XTS", ["state", "timing", "overdue", "days_late"]].tolist() == [
        "missing",
        "not_sent",
        True,
        15,
    ]
    (tl,), _ = timeliness_table(log, sample_register, ["2026Q3"], {}, today=dt.date(2026, 10, 20))
    assert (tl.area, tl.expected, tl.on_time, tl.late, tl.missing, tl.returned, tl.overdue) == ("HM", 4, 2, 1, 1, 1, 1)
    assert tl.rate == 50.0
    # before the deadline a missing unit is not overdue: days left
    early = unit_states(log, sample_register, ["2026Q3"], {}, today=dt.date(2026, 10, 2)).set_index("unit")
    assert early.loc["X-XTS", ["overdue", "days_left"]].tolist() == [False, 3]
    # a stored deadline moves everything
    later = unit_states(log, sample_register, ["2026Q3"], {"2026Q3": dt.date(2026, 10, 9)}, today=dt.date(2026, 10, 20))
    assert later.set_index("unit").loc["X-DT", "timing"] == "on_time"


def test_history_loaded_in_bulk_has_no_sending_time(store):
    states = unit_states(store.submission_log(), store.register(), ["2026Q2"], {}).set_index("unit")
    assert set(states["state"]) == {"sent"} and set(states["timing"]) == {"unknown"}
    # a committee must not read "0/4 on time (0 %)" for a quarter whose sending times nobody knows
    (tl,), _ = timeliness_table(store.submission_log(), store.register(), ["2026Q2"], {})
    assert (tl.expected, tl.unknown, tl.known, tl.rate) == (4, 4, 0, None)
    sentence = rate_sentence(tl, "vi")
    assert sentence.startswith("Không rõ tỷ lệ nộp đúng hạn") and "0/4" not in sentence and "0,0" not in sentence
    assert tl.to_dict()["rate"] is None


def test_grid_cli_and_report_agree(store, tmp_path):
    """``timeliness --json`` counts what the grid's rows say; ``deadline list --json`` holds the date."""
    db = str(tmp_path / "campaign.db")
    set_deadline(store, "2026Q3", "2026-10-09")
    out = json.loads(cli("timeliness", "--period", "2026Q3", "--json", db=db, check=True).stdout)
    (row,) = out
    states = unit_states(store.submission_log(), store.register(), ["2026Q3"], store.deadlines())
    assert row["expected"] == len(states) == 4
    assert row["on_time"] == int((states["timing"] == "on_time").sum())
    assert row["missing"] == int((states["state"] == "missing").sum()) == 3
    assert {u["unit"]: u["state"] for u in row["units"]} == dict(zip(states["unit"], states["state"], strict=True))
    assert row["deadline"] == "2026-10-09"
    listed = {d["period"]: d for d in json.loads(cli("deadline", "list", "--json", db=db, check=True).stdout)}
    assert listed["2026Q3"] == {**listed["2026Q3"], "deadline": "2026-10-09", "source": "stored"}
    from gender_targets.reports import content_from_store

    content = content_from_store(store, "2026Q3")
    assert content.timeliness.on_time == row["on_time"] and content.timeliness.expected == row["expected"]


# -- reminders through a real server ------------------------------------------------------------------------------
def _attachment(msg) -> tuple[str, bytes]:
    (part,) = [p for p in msg.iter_attachments()]
    return part.get_filename(), part.get_payload(decode=True)


def _body_names(template: bytes) -> list[str]:
    ws = load_workbook(io.BytesIO(template))[DATA_SHEET]
    letter = next(c.letter for c in COLUMNS if c.name == "body_name")
    names, row = [], FIRST_BODY_ROW
    while ws[f"{letter}{row}"].value:
        names.append(str(ws[f"{letter}{row}"].value))
        row += 1
    return names


def test_remind_sends_one_message_per_unit_not_sent_and_none_the_second_time(store, inbox, tmp_path):
    db = str(tmp_path / "campaign.db")
    set_deadline(store, "2026Q3", "2026-10-09")
    dry = cli("remind", "--period", "2026Q3", "--dry-run", "--json", db=db, port=inbox.port)
    assert dry.returncode == 0, dry.stderr
    assert inbox.messages == []  # a dry run sends nothing
    planned = {r["unit"]: r for r in json.loads(dry.stdout)}
    assert set(planned) == {"X-HM", "X-DT", "X-BD"}  # X-XTS sent the quarter
    assert planned["X-HM"]["result"] == "would_send" and planned["X-DT"]["result"] == "no_email"

    first = cli("remind", "--period", "2026Q3", "--json", db=db, port=inbox.port)
    assert first.returncode == 0, first.stderr
    results = {r["unit"]: r["result"] for r in json.loads(first.stdout)}
    assert results == {"X-HM": "sent", "X-BD": "sent", "X-DT": "no_email"}
    assert sorted(inbox.to()) == ["bd@example.org", "hm@example.org"]  # not the disabled account, not X-XTS
    by_to = {rcpts[0]: msg for rcpts, msg in inbox.messages}
    msg = by_to["bd@example.org"]
    assert msg["Subject"] == "[Nhắc nộp số liệu] xã Bà Điểm — Quý III/2026, hạn 09/10/2026"
    body = msg.get_body(("plain",)).get_content()
    assert "Kính gửi: xã Bà Điểm (X-BD)" in body and "Hạn nộp: 09/10/2026" in body
    assert "https://gt.example.org/don-vi" not in body  # no app URL set for this run: no link
    name, data = _attachment(msg)
    assert name == "Mau_bieu_X-BD_2026Q3.xlsx"
    report = intake.check_upload(fill_counts(data), name, store=store)
    assert report.ok, [i.message("vi") for i in report.errors]
    assert [(s.unit, str(s.period)) for s in report.submissions] == [("X-BD", "2026Q3")]
    # her own agencies of her last accepted quarter, as the app's and the CLI's template list them
    own = list(template_bodies(store.register(), "X-BD", P, store.active_bodies(units=["X-BD"]))["body_name"])
    assert own and own != [n for n, _ in suggested_bodies(store.register(), "X-BD", P)]
    assert _body_names(data) == own
    log = store.mail_log("2026Q3", kind="reminder")
    assert sorted(log["unit"]) == ["X-BD", "X-HM"] and set(log["status"]) == {"sent"}

    again = cli("remind", "--period", "2026Q3", "--json", db=db, port=inbox.port)
    assert again.returncode == 0
    assert {r["unit"]: r["result"] for r in json.loads(again.stdout)} == {
        "X-HM": "already_sent",
        "X-BD": "already_sent",
        "X-DT": "no_email",
    }
    assert len(inbox.messages) == 2  # nothing twice
    text = cli("remind", "--period", "2026Q3", db=db, port=inbox.port).stdout
    assert "xã Đông Thạnh: chưa nộp" in text  # the Zalo text for the unit without e-mail


def test_a_returned_unit_is_reminded_with_the_reviewers_comment(store, inbox):
    data = fill_counts(make_template(store.register(), "X-HM", P))
    res = intake.import_upload(store, data, "hm.xlsx", by="xahm", actor=store.account("xahm"))
    sid = next(iter(res.ids.values()))
    store.return_submission(sid, "Thiếu Phòng Kinh tế", actor=store.account("duyet"))
    results = {r.reminder.unit: r for r in send_reminders(store, P, settings_for(inbox.port))}
    assert results["X-HM"].reminder.state == "returned" and results["X-HM"].result == "sent"
    body = next(m for r, m in inbox.messages if r == ["hm@example.org"]).get_body(("plain",)).get_content()
    assert 'trả lại với nhận xét: "Thiếu Phòng Kinh tế"' in body and "Chị Duyệt" in body
    assert "https://gt.example.org/don-vi" in body


def test_two_remind_processes_at_once_send_each_message_once(db_url, inbox):
    store = campaign_store(db_url)
    store.close()
    inbox.delay = 0.4  # a slow server: the two runs overlap
    args = [sys.executable, "-m", "gender_targets", "remind", "--period", "2026Q3", "--json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENDER_TARGETS_")}
    env |= {"GENDER_TARGETS_DB": db_url, "PYTHONPATH": str(ROOT)}
    env |= {"GENDER_TARGETS_SMTP_URL": f"smtp://127.0.0.1:{inbox.port}", "GENDER_TARGETS_MAIL_FROM": "hoi@example.org"}
    procs = [
        subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert sorted(inbox.to()) == ["bd@example.org", "hm@example.org"]  # once each, whoever sent it
    sent = [r["unit"] for out, _ in outs for r in json.loads(out) if r["result"] == "sent"]
    assert sorted(sent) == ["X-BD", "X-HM"]


def test_a_server_dropping_mid_batch_is_named_and_a_rerun_sends_only_the_missing(store, inbox, tmp_path):
    db = str(tmp_path / "campaign.db")
    inbox.drop_after = 1  # accepts the first message, then hangs up
    done = cli("remind", "--period", "2026Q3", db=db, port=inbox.port)
    assert done.returncode == 1
    assert len(inbox.messages) == 1
    first_to = inbox.messages[0][0][0]
    first, other = ("X-HM", "X-BD") if first_to == "hm@example.org" else ("X-BD", "X-HM")
    assert "ngắt kết nối giữa chừng" in done.stdout
    assert f"Chưa gửi được cho: {other}" in done.stderr  # names what was not sent
    log = store.mail_log("2026Q3").set_index("unit")
    assert log.loc[first, "status"] == "sent" and log.loc[other, "status"] == "failed"  # nothing logged as sent
    inbox.drop_after = None
    again = json.loads(cli("remind", "--period", "2026Q3", "--json", db=db, port=inbox.port, check=True).stdout)
    assert {r["unit"]: r["result"] for r in again if r["result"] != "no_email"} == {
        first: "already_sent",
        other: "sent",
    }
    assert sorted(inbox.to()) == ["bd@example.org", "hm@example.org"]


def test_wrong_port_wrong_password_and_bad_addresses_are_said_in_words(store, inbox, tmp_path):
    closed = free_port()
    results = send_reminders(store, P, settings_for(closed))
    assert {r.result for r in results if not r.reminder.problem} == {"not_sent"}
    assert "Không kết nối được máy chủ thư 127.0.0.1" in results[0].error_vi or any(
        "Không kết nối được" in r.error_vi for r in results
    )
    assert store.mail_log("2026Q3")["status"].eq("failed").all()  # released: a rerun may send them
    # a refused recipient and an address that is not one
    inbox.refuse = {"bd@example.org"}
    store.update_account("xahm", email="not an address")
    results = {r.reminder.unit: r for r in send_reminders(store, P, settings_for(inbox.port))}
    assert results["X-BD"].result == "failed" and "bd@example.org" in results["X-BD"].error_vi
    assert results["X-HM"].result == "invalid_address" and "không hợp lệ" in results["X-HM"].error_vi
    assert inbox.messages == []
    # no server configured at all: the command says how to set it up
    done = cli("remind", "--period", "2026Q3", db=str(tmp_path / "campaign.db"))
    assert done.returncode == 1 and "GENDER_TARGETS_SMTP_URL" in done.stderr


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_wrong_password_is_named(store):
    from aiosmtpd.smtp import AuthResult

    class Auth:
        def __call__(self, server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == b"hoi" and auth_data.password == b"dung"
            return AuthResult(success=ok, handled=False)  # not handled: the server answers 535

    port = free_port()
    controller = Controller(
        Inbox(), hostname="127.0.0.1", port=port, authenticator=Auth(), auth_require_tls=False, auth_required=True
    )
    controller.start()
    try:
        bad = mail_settings(
            {
                "GENDER_TARGETS_SMTP_URL": f"smtp://hoi:sai@127.0.0.1:{port}",
                "GENDER_TARGETS_MAIL_FROM": "hoi@example.org",
            }
        )
        results = [r for r in send_reminders(store, P, bad) if not r.reminder.problem]
        assert {r.result for r in results} == {"not_sent"}
        assert "từ chối tên đăng nhập hoặc mật khẩu" in results[0].error_vi
        good = mail_settings(
            {
                "GENDER_TARGETS_SMTP_URL": f"smtp://hoi:dung@127.0.0.1:{port}",
                "GENDER_TARGETS_MAIL_FROM": "hoi@example.org",
            }
        )
        assert {r.result for r in send_reminders(store, P, good) if not r.reminder.problem} == {"sent"}
    finally:
        controller.stop()


def test_smtp_settings_from_url_and_secrets():
    s = mail_settings({"GENDER_TARGETS_SMTP_URL": "smtp://u%40x.org:p%3Aw@mail.example.org:587?starttls=1"}, {})
    assert (s.host, s.port, s.username, s.password, s.starttls, s.ssl) == (
        "mail.example.org",
        587,
        "u@x.org",
        "p:w",
        True,
        False,
    )
    assert s.configured and s.sender == "u@x.org"  # no sender given: the user name, an address
    assert mail_settings({"GENDER_TARGETS_SMTP_URL": "smtp://127.0.0.1:2525"}, {}).sender == "gender-targets@127.0.0.1"
    assert not mail_settings({}, {}).configured
    s = mail_settings(
        {}, {"host": "m.example.org", "port": 465, "ssl": True, "from": "a@b.org", "app_url": "https://x/"}
    )
    assert s.configured and s.ssl and s.port == 465 and s.app_url == "https://x"
    assert (
        mail_settings({"GENDER_TARGETS_MAIL_FROM": "env@b.org"}, {"from": "a@b.org", "host": "h"}).sender == "env@b.org"
    )
    from gender_targets.campaign import MailError

    with pytest.raises(MailError):
        mail_settings({"GENDER_TARGETS_SMTP_URL": "http://nope"}, {})


# -- notifications ------------------------------------------------------------------------------------------------
def test_notifications_of_a_return_and_of_a_submission(store, inbox):
    data = fill_counts(make_template(store.register(), "X-BD", P))
    res = intake.import_upload(store, data, "bd.xlsx", by="xabd", actor=store.account("xabd"))
    sid = next(iter(res.ids.values()))
    notice = notify(store, "submitted", [sid], settings_for(inbox.port))
    assert notice.sent == 1 and inbox.to() == ["duyet@example.org"]
    assert "xã Bà Điểm (X-BD) đã gửi số liệu Quý III/2026" in inbox.messages[0][1].get_body(("plain",)).get_content()
    assert notify(store, "submitted", [sid], settings_for(inbox.port)).deliveries[0].result == "already_sent"
    store.return_submission(sid, "Số nữ được đào tạo lớn hơn số nữ", actor=store.account("duyet"))
    notice = notify(store, "returned", [sid], settings_for(inbox.port))
    assert notice.sent == 1 and inbox.messages[-1][0] == ["bd@example.org"]
    body = inbox.messages[-1][1].get_body(("plain",)).get_content()
    assert '"Số nữ được đào tạo lớn hơn số nữ"' in body and "Chị Duyệt" in body
    store.set_notify("returned", False)
    assert notify(store, "returned", [sid], settings_for(inbox.port)).skipped == "off"
    assert len(inbox.messages) == 2
    assert notify(store, "submitted", [sid], MailSettings()).skipped == "not_configured"


# -- what it takes ------------------------------------------------------------------------------------------------------
def test_people_needed_counts_people_at_the_current_size(sample_targets):
    rows = pd.DataFrame(
        [
            {"unit": "U", "period": "2026Q2", "indicator": "I1", "numerator": 3, "denominator": 8, "value": 37.5},
            {"unit": "U", "period": "2026Q2", "indicator": "I2", "numerator": 12, "denominator": 30, "value": 40.0},
            {"unit": "U", "period": "2026Q2", "indicator": "I3", "numerator": 9, "denominator": 12, "value": 75.0},
            {"unit": "U", "period": "2026Q1", "indicator": "I2", "numerator": 1, "denominator": 30, "value": 3.3},
        ]
    )
    need = people_needed(rows, sample_targets, "U", today=dt.date(2026, 12, 6))
    assert (need["I1"].need, need["I1"].more) == (6, 3)  # 75% of 8 bodies
    assert (need["I2"].need, need["I2"].more, need["I2"].years) == (15, 3, 4.0)  # 50% of 30; 2027–2030
    assert need["I2"].per_year == 1
    assert (need["I3"].base, need["I3"].need, need["I3"].more) == (15, 14, 5)  # 90% of the 15 women I2 needs
    assert people_needed(rows, sample_targets, "nobody")["I2"] is None


def test_plan_lists_units_without_accounts_and_ignores_disabled_ones(store):
    plan = {r.unit: r for r in plan_reminders(store, P)}
    assert plan["X-HM"].recipients == ("hm@example.org",)  # the disabled account's address is not there
    assert plan["X-DT"].problem == "no_email"
    store.update_account("xabd", disabled=True)
    assert {r.unit: r.problem for r in plan_reminders(store, P)}["X-BD"] == "no_account"
    assert deadline_for(P, store.deadlines()) == dt.date(2026, 10, 5)
    with store.engine.connect() as conn:  # the mail log's key is unique: the database refuses a second row
        uniques = sa.inspect(conn).get_unique_constraints("mail_log")
    assert any(set(u["column_names"]) == {"unit", "period", "day", "kind", "ref"} for u in uniques)


def test_only_a_reviewer_or_an_admin_may_send_reminders_even_without_the_page(store, inbox):
    """The page gate is not the only check: the core refuses a unit account and a disabled reviewer
    (an attacker calling the function through another page, or a future one), and nothing is sent."""
    from gender_targets.accounts import Account, Role
    from gender_targets.errors import PermissionDenied

    settings = settings_for(inbox.port)
    for actor in (
        Account(username="xahm", role=Role.UNIT, units=("X-HM",)),
        Account(username="xem", role=Role.VIEWER),
        Account(username="duyet", role=Role.REVIEWER, disabled=True),
    ):
        with pytest.raises(PermissionDenied):
            send_reminders(store, P, settings, by=actor.username, actor=actor)
        with pytest.raises(PermissionDenied):
            send_reminders(store, P, settings, by=actor.username, actor=actor, dry_run=True)
    assert inbox.messages == [] and store.mail_log("2026Q3").empty
    done = send_reminders(store, P, settings, by="duyet", actor=Account(username="duyet", role=Role.REVIEWER))
    assert {r.reminder.unit for r in done if r.result == "sent"} == {"X-HM", "X-BD"}


def test_a_quarter_resent_for_review_still_counts_as_sent_on_the_deck(store):
    """X-HM's accepted 2026Q2 and a newer submission of it waiting for review: the grid says 'Chờ
    duyệt', the deck's count still has X-HM's numbers (4/4 sent, not 3/4)."""
    from gender_targets.accounts import Account, Role
    from gender_targets.campaign.timeliness import completeness_rows

    unit = Account(username="xahm", role=Role.UNIT, units=("X-HM",))
    data = fill_counts(make_template(store.register(), "X-HM", Period(2026, 2)))
    assert intake.import_upload(store, data, "X-HM_2026Q2.xlsx", actor=unit).ok
    rows, _ = completeness_rows(store.submission_log(), store.register(), "HM", "2026Q2")
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit["X-HM"]["state"] == "pending" and by_unit["X-HM"]["sent"]
    assert sum(r["sent"] for r in rows) == 4
