"""The campaign in a real browser (issue 16): a commune officer signs in and lands on her unit's own
page (what is due, by when, in words, the template button; no chart until she asks, at 1366×768 and on
a 390×844 phone), and a reviewer sends the reminders from the Nhắc nộp page through a real SMTP server
(aiosmtpd on loopback): one message per unit that has not sent, none the second time.

One server (module scope) on the sample data, started with the mail settings in its environment.
"""

from __future__ import annotations

import os

import pytest
from browser_helpers import SCREENSHOTS, assert_no_errors, expect, goto, main, run_cli, screenshots, settle, vi
from test_browser_accounts import sign_in

pytestmark = pytest.mark.browser

PW = "mat-khau-kiem-thu"


@pytest.fixture(scope="module")
def mail_inbox():
    from aiosmtpd.controller import Controller

    from tests.campaign_helpers import Inbox, free_port

    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture(scope="module")
def campaign_server(start_server, mail_inbox):
    wanted = {
        "GENDER_TARGETS_SMTP_URL": f"smtp://127.0.0.1:{mail_inbox.port}",
        "GENDER_TARGETS_MAIL_FROM": "hoi@example.org",
        "GENDER_TARGETS_APP_URL": "https://gt.example.org",
    }
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)  # the server takes its environment when it starts
    try:
        server = start_server(sample=True, name="campaign")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    users = [
        ("duyet", "reviewer", [], "duyet@example.org"),
        ("xahm", "unit", ["X-HM"], "hm@example.org"),
        ("xabd", "unit", ["X-BD"], "bd@example.org"),
    ]
    for name, role, units, email in users:
        extra = [a for u in units for a in ("--unit", u)]
        proc = run_cli(
            server, "user", "add", name, "--role", role, *extra, "--email", email, "--password-stdin", stdin=PW + "\n"
        )
        assert proc.returncode == 0, proc.stderr
    yield server
    server.stop()


def test_a_commune_officer_lands_on_her_units_page(gt_page, gt_browser, campaign_server):
    page = gt_page
    plotly: list[str] = []  # the 4.7 MB PlotlyChart chunk, fetched when any plotly chart is drawn
    page.on("request", lambda r: plotly.append(r.url) if "PlotlyChart" in r.url else None)
    sign_in(page, campaign_server, "xahm", PW)
    heading = vi("campaign.unit.title_of", name="xã Hóc Môn")
    expect(main(page).get_by_role("heading", name=heading)).to_be_visible()
    due = main(page).locator(".st-key-unit_due")
    expect(due).to_contain_text("CHƯA NỘP")
    expect(due).to_contain_text("quá hạn")
    expect(due.get_by_role("button", name=vi("campaign.unit.template", period="Quý III/2026"))).to_be_visible()
    expect(main(page)).to_contain_text("thêm")  # what it takes, in people
    assert page.locator(".js-plotly-plot").count() == 0  # no chart (and no plotly chunk) on the first screen
    assert plotly == [], plotly
    assert_no_errors(page, alerts=False)  # the overdue quarter is an error alert, on purpose
    screenshots(page, "campaign_unit_page")
    with page.expect_download() as dl:
        due.get_by_role("button", name=vi("campaign.unit.template", period="Quý III/2026")).click()
    assert dl.value.suggested_filename == "Mau_bieu_X-HM_2026Q3.xlsx"
    main(page).get_by_role("button", name=vi("campaign.unit.show_chart")).click()
    settle(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
    assert plotly  # asked for: now the chunk comes

    phone = gt_browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2, locale="vi-VN"
    )
    try:
        mobile = phone.new_page()
        goto(mobile, campaign_server.url + "/dang-nhap")
        collapse = mobile.locator('[data-testid="stSidebarCollapseButton"] button')
        if collapse.count() and collapse.first.is_visible():  # the sidebar covers a phone's screen
            collapse.first.click()
        sign_in(mobile, campaign_server, "xahm", PW)
        if collapse.count() and collapse.first.is_visible():
            collapse.first.click()
            settle(mobile)
        expect(main(mobile).get_by_role("heading", name=heading)).to_be_visible()
        expect(main(mobile).locator(".st-key-unit_due")).to_contain_text("CHƯA NỘP")
        assert mobile.locator(".js-plotly-plot").count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        mobile.screenshot(path=str(SCREENSHOTS / "campaign_unit_page_390x844.png"))
    finally:
        phone.close()


def test_a_reviewer_sends_the_reminders_from_the_page(gt_page, campaign_server, mail_inbox):
    page = gt_page
    sign_in(page, campaign_server, "duyet", PW)
    goto(page, campaign_server.url + "/nhac-nop")
    expect(main(page).get_by_role("heading", name=vi("campaign.remind.title"))).to_be_visible()
    expect(main(page)).to_contain_text("hm@example.org")
    expect(main(page).locator(".st-key-remind_message")).to_contain_text("Kính gửi: xã Hóc Môn (X-HM)")
    screenshots(page, "campaign_reminders")
    send = main(page).get_by_role("button", name=vi("campaign.remind.send", n=2))
    send.click()
    settle(page)
    main(page).get_by_role("button", name=vi("campaign.remind.send_yes")).click()
    settle(page)
    expect(main(page)).to_contain_text(vi("campaign.remind.done", n=2), timeout=60_000)
    assert sorted(mail_inbox.to()) == ["bd@example.org", "hm@example.org"]
    expect(main(page)).to_contain_text(vi("campaign.remind.all_done_today"))  # nothing more to send today
    screenshots(page, "campaign_reminders_sent")
    assert_no_errors(page, alerts=False)
    assert len(mail_inbox.messages) == 2
