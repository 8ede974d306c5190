"""AppTest of the campaign's pages (issue 16): a unit account lands on its own page, which says what
is due, by when, in words, with no chart until asked; the admin's completeness tab shows deadlines, the
timeliness line and Quá hạn / Nộp muộn; the reminders page lists recipients and the exact message and
sends through a real SMTP server (aiosmtpd), once."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gender_targets.campaign import due_period, today_vn
from gender_targets.i18n import t
from gender_targets.store import open_store
from tests.conftest import app_on_copy, sample_store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
PW = "mat-khau-dai"


@pytest.fixture(scope="module")
def campaign_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("campaign_sample") / "sample.db"
    with sample_store(path) as store:
        store.add_account("boss", "admin", PW, display_name="Chị Quản trị", email="boss@example.org")
        store.add_account("duyet", "reviewer", PW, display_name="Chị Duyệt", email="duyet@example.org")
        store.add_account(
            "xahm", "unit", PW, units=["X-HM"], display_name="Hội LHPN xã Hóc Môn", email="hm@example.org"
        )
        store.add_account("xabd", "unit", PW, units=["X-BD"], email="bd@example.org")
        store.add_account("xadt", "unit", PW, units=["X-DT"])  # no e-mail: Zalo
    return path


@pytest.fixture
def db(campaign_file, tmp_path, monkeypatch) -> Path:
    for name in ("GENDER_TARGETS_SMTP_URL", "GENDER_TARGETS_MAIL_FROM", "GENDER_TARGETS_APP_URL"):
        monkeypatch.delenv(name, raising=False)
    return app_on_copy(campaign_file, tmp_path, monkeypatch)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(username: str) -> AppTest:
    at = run(AppTest.from_file(str(APP), default_timeout=90))
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PW)
    at.button[0].click()
    run(at)
    if any(s.value == t("ui.auth.signed_in", "vi") for s in at.success):
        run(at)
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.success] + [x.value for x in at.text]
    return "\n".join(str(p) for p in parts)


def test_a_unit_account_lands_on_its_own_page_with_what_is_due(db):
    at = signed_in("xahm")
    due = due_period(today_vn())
    assert at.title[0].value == t("campaign.unit.title_of", "vi", name="xã Hóc Môn")
    shown = texts(at)
    assert due.label("vi") in shown and "quá hạn" in shown.lower()  # the quarter due and its lateness
    assert "thêm" in shown  # what it takes, in people
    assert not at.get("plotly_chart")  # no chart on the first screen
    at.button(key="unit_show_chart_button").click()
    run(at)
    assert len(at.get("plotly_chart")) == 3


def test_a_returned_submission_shows_the_comment_in_full_with_the_reviewers_name(db):
    from gender_targets import intake
    from gender_targets.template import make_template
    from tests.campaign_helpers import fill_counts

    store = open_store(db)
    due = due_period(today_vn())
    data = fill_counts(make_template(store.register(), "X-HM", due))

    unit = store.account("xahm")
    res = intake.import_upload(store, data, "X-HM.xlsx", by="xahm", actor=unit)
    sid = next(iter(res.ids.values()))
    comment = "Dòng 3: số nữ **lớn hơn** tổng số <b>x</b> — xin kiểm tra lại"
    store.return_submission(sid, comment, actor=store.account("duyet"))
    store.close()
    at = signed_in("xahm")
    assert comment in [x.value for x in at.text]  # plain text, in full
    assert "Chị Duyệt" in texts(at)


def test_admin_completeness_tab_has_deadlines_timeliness_and_overdue_cells(db):
    at = signed_in("boss")
    at.switch_page("pages/admin.py")
    run(at)
    shown = texts(at)
    assert "đơn vị nộp đúng hạn" in shown
    due_label = due_period(today_vn()).label("vi")
    grid = next(d.value for d in at.dataframe if list(d.value.columns)[1:2] == [due_label])
    cells = {str(v) for col in grid.columns[1:] for v in grid[col]}
    assert any(c.startswith("Quá hạn ") for c in cells)
    at.selectbox(key="admin_deadline_quarter").set_value(str(due_period(today_vn())))
    at.date_input(key="admin_deadline_day").set_value(due_period(today_vn()).end.replace(day=1))  # before the end
    at.button[[b.label for b in at.button].index(t("campaign.ui.deadline_save", "vi"))].click()
    run(at)
    assert any("không được trước" in e.value for e in at.error)


def test_reminders_page_lists_recipients_message_and_zalo_without_mail(db):
    at = signed_in("duyet")
    at.switch_page("pages/reminders.py")
    run(at)
    listing = next(d.value for d in at.dataframe if t("campaign.remind.h_to", "vi") in d.value.columns)
    recipients = " ".join(str(v) for v in listing[t("campaign.remind.h_to", "vi")])
    assert "hm@example.org" in recipients and "bd@example.org" in recipients
    assert t("campaign.remind.problem_no_email", "vi") in recipients
    assert any("Kính gửi" in x.value for x in at.text)  # the exact message
    assert any("xã Đông Thạnh" in c.value for c in at.code)  # the Zalo text
    assert any(w.value.startswith("Chưa gửi được e-mail") for w in at.warning)  # no mail server set up
    assert not any("GENDER_TARGETS_SMTP_URL" in w.value for w in at.warning)  # her words, not a setting's
    assert any(e.label == "Dành cho người phụ trách kỹ thuật" for e in at.expander)


def test_returning_on_the_review_page_emails_the_unit(db, monkeypatch):
    """The review page's return reaches the unit's inbox with the comment (notifications on by default)."""
    from aiosmtpd.controller import Controller

    from gender_targets import intake
    from gender_targets.template import make_template
    from tests.campaign_helpers import Inbox, fill_counts, free_port

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("GENDER_TARGETS_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("GENDER_TARGETS_MAIL_FROM", "hoi@example.org")
    try:
        store = open_store(db)
        data = fill_counts(make_template(store.register(), "X-BD", due_period(today_vn())))
        res = intake.import_upload(store, data, "bd.xlsx", by="xabd", actor=store.account("xabd"))
        sid = next(iter(res.ids.values()))
        store.close()
        at = signed_in("duyet")
        at.switch_page("pages/review.py")
        run(at)
        at.text_area(key=f"review_comment_{sid}").input("Thiếu Văn phòng UBND")
        at.button(key=f"review_return_{sid}").click()
        run(at)
        assert inbox.to() == ["bd@example.org"]
        assert "Thiếu Văn phòng UBND" in inbox.messages[0][1].get_body(("plain",)).get_content()
        assert any(t("campaign.ui.notice_sent_returned", "vi", n=1) == s.value for s in at.success)
    finally:
        controller.stop()
