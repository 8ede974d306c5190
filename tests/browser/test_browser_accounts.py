"""Accounts in a real browser (SPEC §10): an anonymous visitor reaches no page but the sign-in
form; a wrong password, the lockout, sign-in and sign-out; a unit account submitting by upload and
by the form in the browser; a reviewer accepting one and returning the other with a comment; the
public view an admin switches on; and user text full of markdown and HTML (a file name, a body
name, register names) sent at a logger HTTP server on loopback: the browser requests nothing and
shows the characters as typed.

One server (module scope) on the sample data; accounts are made with the CLI
(``user add … --password-stdin``), as an administrator would.
"""

from __future__ import annotations

import http.server
import json
import threading
from typing import ClassVar

import pytest
from browser_helpers import (
    SAMPLE,
    assert_no_errors,
    choose,
    expect,
    goto,
    main,
    run_cli,
    screenshots,
    settle,
    settle_through_navigation,
    sidebar,
    upload,
    vi,
)

pytestmark = pytest.mark.browser

PW = "mat-khau-kiem-thu"
Q3_FILE = SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx"
WRITE_PAGES = ("nop-so-lieu", "quan-tri", "duyet-so-lieu", "nhap-so-lieu")


def add_user(server, username: str, role: str, *units: str, name: str = "") -> None:
    extra = [a for u in units for a in ("--unit", u)] + (["--name", name] if name else [])
    proc = run_cli(server, "user", "add", username, "--role", role, *extra, "--password-stdin", stdin=PW + "\n")
    assert proc.returncode == 0, proc.stderr


def history(server) -> list[dict]:
    proc = run_cli(server, "history", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def acc_server(start_server):
    server = start_server(sample=True, name="accounts")
    add_user(server, "boss", "admin", name="Chị Quản trị")
    add_user(server, "duyet", "reviewer", name="Anh Duyệt")
    add_user(server, "xem", "viewer")
    add_user(server, "khoa", "viewer")
    add_user(server, "xahm", "unit", "X-HM", "X-DT", name="Hội LHPN xã Hóc Môn")
    yield server
    server.stop()


def sign_in(page, server, username: str, password: str = PW) -> None:
    goto(page, server.url + "/dang-nhap")  # "/" is the overview once the public view is on
    form = main(page)
    form.get_by_label(vi("ui.auth.username")).fill(username)
    form.get_by_label(vi("ui.auth.password")).fill(password)
    form.get_by_role("button", name=vi("ui.auth.sign_in")).click()
    settle_through_navigation(page, 300, settle_first=True)  # the cookie is stored, the app reloads


def sign_out(page) -> None:
    sidebar(page).get_by_role("button", name=vi("ui.auth.sign_out")).click()
    settle(page)


def nav_links(page) -> list[str]:
    return [
        t.split("\n")[-1].strip() for t in sidebar(page).locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    ]


def test_anonymous_visitor_reaches_no_write_page(gt_page, acc_server):
    page = gt_page
    for path in ("", *WRITE_PAGES, "du-lieu"):
        goto(page, f"{acc_server.url}/{path}")
        expect(main(page).get_by_role("heading", name=vi("ui.auth.title"))).to_be_visible()
        assert main(page).locator('[data-testid="stFileUploader"]').count() == 0
        assert main(page).get_by_role("button", name=vi("ui.review.accept")).count() == 0
        assert nav_links(page) in ([], [vi("ui.nav.login")]), nav_links(page)
    assert_no_errors(page)
    screenshots(page, "accounts_sign_in_form")


def test_wrong_password_sign_in_and_sign_out(gt_page, acc_server):
    page = gt_page
    sign_in(page, acc_server, "xem", "sai-mat-khau")
    expect(main(page).get_by_text(vi("error.sign_in_failed", minutes=15))).to_be_visible()
    sign_in(page, acc_server, "khong-ai-ca", "sai-mat-khau")  # an unknown name: the same words
    expect(main(page).get_by_text(vi("error.sign_in_failed", minutes=15))).to_be_visible()
    screenshots(page, "accounts_wrong_password")
    sign_in(page, acc_server, "xem")
    expect(main(page).get_by_role("heading", name=vi("ui.overview.title"))).to_be_visible()
    links = nav_links(page)
    assert vi("ui.nav.overview") in links and vi("ui.nav.upload") not in links and vi("ui.nav.admin") not in links
    expect(sidebar(page).get_by_text("xem · " + vi("role.viewer"))).to_be_visible()
    assert_no_errors(page)
    goto(page, acc_server.url + "/nop-so-lieu")  # not this role's page: the URL falls back
    assert main(page).locator('[data-testid="stFileUploader"]').count() == 0
    sign_out(page)
    expect(main(page).get_by_role("heading", name=vi("ui.auth.title"))).to_be_visible()


def test_lockout_after_five_failures(gt_page, acc_server):
    page = gt_page
    for _ in range(5):
        sign_in(page, acc_server, "khoa", "sai-mat-khau")
    locked = main(page).locator('[data-testid="stAlertContentError"]')
    expect(locked).to_contain_text("15 phút")
    sign_in(page, acc_server, "khoa")  # the right password, during the lock
    expect(main(page).locator('[data-testid="stAlertContentError"]')).to_contain_text("phút")
    expect(main(page).get_by_role("heading", name=vi("ui.auth.title"))).to_be_visible()
    screenshots(page, "accounts_lockout")


def test_unit_submits_by_upload_and_by_form_reviewer_accepts_and_returns(gt_page, acc_server):
    page = gt_page
    sign_in(page, acc_server, "xahm")
    links = nav_links(page)
    assert vi("ui.nav.entry") in links and vi("ui.nav.review") not in links and vi("ui.nav.admin") not in links

    # 1. by upload: the workbook waits for review, "Người nộp" comes from the account
    goto(page, acc_server.url + "/nop-so-lieu")
    upload(page, Q3_FILE)
    by = main(page).get_by_label(vi("ui.auth.by_account"))
    expect(by).to_have_value("Hội LHPN xã Hóc Môn")
    expect(by).to_be_disabled()
    main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1)).click()
    settle(page)
    expect(main(page).get_by_text("đang chờ duyệt")).to_be_visible()
    assert_no_errors(page)

    # 2. by the form: X-DT's quarter, one card per agency of last quarter, its numbers copied as is
    goto(page, acc_server.url + "/nhap-so-lieu")
    choose(page, vi("ui.common.unit"), "xã Đông Thạnh (X-DT)", typed="Đông")
    expect(main(page).locator('[class*="st-key-entry_X-DT_"][class*="_card_"]').first).to_be_visible()
    main(page).get_by_role("button", name=vi("phone.entry.same_all")).click()
    settle(page)
    screenshots(page, "accounts_entry_form")
    main(page).get_by_role("button", name=vi("ui.entry.send")).click()
    settle(page)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text("X-DT")
    assert_no_errors(page)
    pending = {h["unit"]: h for h in history(acc_server) if h["status"] == "pending"}
    assert set(pending) == {"X-HM", "X-DT"}
    assert pending["X-DT"]["file_name"].startswith("Nhap_tren_web_X-DT_")
    sign_out(page)

    # 3. the reviewer: accept the upload, return the form with a comment
    sign_in(page, acc_server, "duyet")
    goto(page, acc_server.url + "/duyet-so-lieu")
    expect(main(page).get_by_text(vi("ui.review.count", n=2))).to_be_visible()
    screenshots(page, "accounts_review_queue")
    hm, dt_ = pending["X-HM"]["id"], pending["X-DT"]["id"]
    main(page).locator(f".st-key-review_accept_{hm} button").click()
    settle(page)
    expect(main(page).get_by_text(vi("ui.review.accepted", id=hm))).to_be_visible()
    box = main(page).locator(f".st-key-review_comment_{dt_} textarea")
    box.fill("Số nữ lãnh đạo của UBND chưa khớp với quyết định bổ nhiệm.")
    box.press("Control+Enter")
    settle(page)
    main(page).locator(f".st-key-review_return_{dt_} button").click()
    settle(page)
    expect(main(page).get_by_text(vi("ui.review.returned", id=dt_))).to_be_visible()
    assert_no_errors(page)
    states = {h["id"]: h for h in history(acc_server)}
    assert states[hm]["status"] == "active" and states[hm]["reviewed_by"] == "duyet"
    assert states[dt_]["status"] == "returned" and "UBND" in states[dt_]["review_comment"]
    sign_out(page)

    # 4. the unit sees the review state, the comment in full and who decided, by name
    sign_in(page, acc_server, "xahm")
    goto(page, acc_server.url + "/nhap-so-lieu")
    choose(page, vi("ui.common.unit"), "xã Đông Thạnh (X-DT)", typed="Đông")
    note = main(page).locator(".st-key-entry_returned_note")
    expect(note).to_contain_text("Anh Duyệt")
    expect(note).to_contain_text("Số nữ lãnh đạo của UBND chưa khớp với quyết định bổ nhiệm.")
    choose(page, vi("ui.common.unit"), "xã Hóc Môn (X-HM)", typed="Hóc")
    mine = main(page).locator('[data-testid="stExpander"]').filter(has_text=vi("phone.entry.mine", n=0)[:12])
    mine.locator("summary").click()
    expect(mine).to_contain_text(vi("ui.admin.status_active"))
    expect(mine).to_contain_text("Anh Duyệt")
    screenshots(page, "accounts_unit_submissions")


def test_public_view_switched_on_by_an_admin(gt_page, gt_browser, acc_server):
    page = gt_page
    sign_in(page, acc_server, "boss")
    goto(page, acc_server.url + "/quan-tri")
    main(page).get_by_role("tab", name=vi("ui.admin.tab_users")).click()
    settle(page)
    screenshots(page, "accounts_admin_users")
    main(page).get_by_text(vi("ui.users.public_view")).click()
    settle(page)
    main(page).get_by_role("tab", name=vi("ui.admin.tab_audit")).click()
    settle(page)
    screenshots(page, "accounts_admin_audit")

    visitor = gt_browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        anon = visitor.new_page()
        goto(anon, acc_server.url + "/")
        expect(main(anon).get_by_role("heading", name=vi("ui.overview.title"))).to_be_visible()
        links = nav_links(anon)
        assert vi("ui.nav.login") in links and vi("ui.nav.upload") not in links and vi("ui.nav.admin") not in links
        for path in WRITE_PAGES:
            goto(anon, f"{acc_server.url}/{path}")
            assert main(anon).locator('[data-testid="stFileUploader"]').count() == 0
            assert main(anon).get_by_role("button", name=vi("ui.review.accept")).count() == 0
        assert anon.get_by_role("button", name=vi("ui.sample.remove")).count() == 0
        screenshots(anon, "accounts_public_view")
    finally:
        visitor.close()
    assert run_cli(acc_server, "user", "list").returncode == 0


# -- plain text: markdown and HTML in user content fetch nothing -------------------------------------
class _Logger(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        _Logger.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def logger():
    _Logger.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Logger)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Logger.hits
    server.shutdown()


def test_markdown_and_html_in_user_content_are_shown_as_text(gt_page, acc_server, logger):
    from gender_targets.entry import entry_rows, entry_workbook
    from gender_targets.periods import Period
    from gender_targets.store import open_store
    from gender_targets.units import register_from_frame

    port, hits = logger
    host = f"127.0.0.1:{port}"
    unit_name = f"xã ![r](http://{host}/reg.png) <img src=http://{host}/reg2.png> **Hóc Môn**"
    area_name = f"Khu vực [link](http://{host}/area) <b>HM</b> ![a](http://{host}/area.png)"
    body_name = f"UBND ![b](http://{host}/body.png) <img src='http://{host}/body2.png'>"
    file_name = f"![f](http:{host}) <img src=http:{host}>.xlsx"  # a file name holds no "/"

    store = open_store(acc_server.db)
    frame = store.register().frame.copy()
    frame.loc[frame["code"] == "X-HM", "name"] = unit_name
    frame.loc[frame["code"] == "HM", "name"] = area_name
    store.save_register(register_from_frame(frame.astype(str)))
    reg = store.register()
    rows = entry_rows(reg, "X-HM", Period(2026, 1), store.active_bodies(units=["X-HM"]))
    rows.loc[0, "body_name"] = body_name
    rows.loc[0, "note"] = f"<a href=http://{host}/note>ghi chú</a>"
    data = entry_workbook(reg, "X-HM", Period(2026, 1), rows)
    store.close()
    path = acc_server.db.parent / "hostile.xlsx"
    path.write_bytes(data)

    page = gt_page
    sign_in(page, acc_server, "xahm")
    goto(page, acc_server.url + "/nop-so-lieu")
    page.set_input_files(
        '[data-testid="stFileUploaderDropzoneInput"]',
        files=[{"name": file_name, "mimeType": "application/octet-stream", "buffer": data}],
    )
    settle(page)
    body = main(page).inner_text().replace("\u2060", "")  # word joiners keep addresses from linking
    assert file_name in body, body[:800]
    main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1)).click()
    settle(page)
    sign_out(page)

    sign_in(page, acc_server, "duyet")
    for path_ in ("", "lo-trinh?unit=X-HM", "so-sanh", "du-lieu", "duyet-so-lieu", "quan-tri"):
        goto(page, f"{acc_server.url}/{path_}")
        page.wait_for_timeout(500)
    goto(page, acc_server.url + "/duyet-so-lieu")
    text = main(page).inner_text().replace("\u2060", "")
    assert file_name in text, text[:800]
    assert main(page).locator(f"img[src*=':{port}'], a[href*=':{port}']").count() == 0
    goto(page, acc_server.url + "/")
    text = main(page).inner_text().replace("\u2060", "")
    assert "[link](http://" in text and "<b>HM</b>" in text, text[:600]
    screenshots(page, "accounts_hostile_names_overview")
    assert page.locator(f"img[src*=':{port}'], a[href*=':{port}']").count() == 0
    assert hits == [], f"the browser fetched {hits}"
    assert_no_errors(page)
