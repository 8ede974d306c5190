"""A commune officer's quarter on her phone (issue 23), in Chromium at 390×844 with touch
(``is_mobile``, ``has_touch``): sign-in visible at once; the whole quarter entered on the cards, one
letter typed by mistake and corrected at its field; the signed PDF attached and sent; the reviewer
sees the attachment and the previous quarter; her template lists her own agencies; a file returned
once and sent again is flagged, and an upload replacing her pending entry asks first; a hostile
attachment refused in words. Then every unit page: no sideways scrolling, no tap target under 24×24
px, the primary actions 44 px tall, no English from Streamlit on a Vietnamese page.

One server of its own (module scope, the sample data), accounts made with the CLI as an admin would;
screenshots at 390×844 go to ``artifacts/screenshots/phone_*.png`` (the whole page too).
"""

from __future__ import annotations

import io
import json
import re
import time
import zlib
from pathlib import Path

import openpyxl
import pytest
from browser_helpers import (
    SAMPLE,
    SCREENSHOTS,
    assert_no_errors,
    expect,
    goto,
    main,
    run_cli,
    settle,
    settle_through_navigation,
    vi,
)
from PIL import Image

pytestmark = pytest.mark.browser

PW = "mat-khau-kiem-thu"
PHONE = {"width": 390, "height": 844}
UNIT, QUARTER = "X-HM", "2026Q3"
BASE = f"entry_{UNIT}_{QUARTER}"
UNIT_PAGES = (
    "",
    "tong-quan",
    "lo-trinh",
    "so-sanh",
    "du-lieu",
    "phuong-phap",
    "bao-cao",
    "nop-so-lieu",
    "nhap-so-lieu",
)

#: Every interactive element with a box on the page whose box is under 24×24 px. Measured the plain
#: way, as any tool would (a checkbox's own input, a slider's range input, the keyboard's skip link
#: count too, though Streamlit draws them hidden from the eye); only what is not displayed or is
#: hidden (a collapsed sidebar) has no box to hit.
SMALL_TARGETS_JS = """() => {
  const sel = 'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], '
    + '[role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="option"], [role="combobox"], '
    + '[role="slider"], [tabindex]:not([tabindex="-1"])';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility === 'hidden' || s.display === 'none') continue;
    if (r.width < 24 || r.height < 24) {
      const t = el.closest('[data-testid]');
      out.push(`${el.tagName} ${t ? t.getAttribute('data-testid') : ''} "${el.getAttribute('aria-label') || (el.innerText || '').slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return out;
}"""
#: The page's words as a reader sees them: text nodes of visible elements, without icon ligatures.
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const n = walk.currentNode, el = n.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], script, style, [data-testid="stSidebar"][data-collapsed="true"]')) continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || s.fontSize === '0px') continue;
    if (n.textContent.trim()) out.push(n.textContent.trim());
  }
  return out.join('\\n');
}"""
#: Streamlit's own English that a Vietnamese page must not show.
ENGLISH = (
    "Press Enter",
    "None",
    "Add row",
    "Delete row",
    "Drag and drop",
    "drop file",
    "Browse files",
    "Upload",
    "per file",
    "Limit ",
    "Skip to main content",
    "Running",
    "Choose an option",
    "No results",
    "Page not found",
    "does not seem to exist",
)


def history(server) -> list[dict]:
    proc = run_cli(server, "history", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def phone_server(start_server):
    server = start_server(sample=True, name="phone")
    for username, role, units, name in (
        ("duyet", "reviewer", [], "Anh Duyệt"),
        ("xahm", "unit", [UNIT], "Hội LHPN xã Hóc Môn"),
    ):
        extra = [a for u in units for a in ("--unit", u)] + ["--name", name]
        proc = run_cli(server, "user", "add", username, "--role", role, *extra, "--password-stdin", stdin=PW + "\n")
        assert proc.returncode == 0, proc.stderr
    yield server
    server.stop()


def _new_phone(browser):
    """A phone: 390×844, touch, Vietnamese."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        accept_downloads=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return context, page


@pytest.fixture
def phone(gt_browser):
    context, page = _new_phone(gt_browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def unit_phone(gt_browser, phone_server):
    """The unit's phone, signed in once for the tests of her quarter (they follow each other)."""
    context, page = _new_phone(gt_browser)
    sign_in(page, phone_server, "xahm")
    yield page
    context.close()


@pytest.fixture(scope="module")
def reviewer_phone(gt_browser, phone_server):
    context, page = _new_phone(gt_browser)
    sign_in(page, phone_server, "duyet")
    yield page
    context.close()


def shot(page, name: str, full: bool = True) -> None:
    """What the phone shows, and (``full``) the whole page (the window as tall as the content)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    time.sleep(0.3)
    page.screenshot(path=str(SCREENSHOTS / f"phone_{name}.png"))
    tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    if full and tall > PHONE["height"] + 10:
        page.set_viewport_size({"width": PHONE["width"], "height": min(int(tall) + 20, 8000)})
        time.sleep(0.5)
        page.screenshot(path=str(SCREENSHOTS / f"phone_{name}_full.png"))
        page.set_viewport_size(PHONE)
        time.sleep(0.3)


def sign_in(page, server, username: str) -> None:
    goto(page, server.url + "/dang-nhap")
    form = main(page)
    form.get_by_label(vi("ui.auth.username")).fill(username)
    form.get_by_label(vi("ui.auth.password")).fill(PW)
    form.get_by_role("button", name=vi("ui.auth.sign_in")).click()  # fails if the sidebar covers it
    settle_through_navigation(page, 300, settle_first=True)


def assert_phone_layout(page, where: str) -> None:
    """No sideways scrolling, no target under 24×24 px, primary actions 44 px, no Streamlit English."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, innerWidth,"
        " document.querySelector('[data-testid=\"stMain\"]').scrollWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], f"{where}: scrolls sideways {widths}"
    small = page.evaluate(SMALL_TARGETS_JS)
    assert not small, f"{where}: targets under 24×24 px: {small[:8]}"
    primary = page.evaluate(
        "() => [...document.querySelectorAll('button[kind^=\"primary\"]')]"
        ".filter(b => b.getBoundingClientRect().height > 0).map(b => Math.round(b.getBoundingClientRect().height))"
    )
    assert all(h >= 44 for h in primary), f"{where}: primary actions {primary}"
    text = page.evaluate(VISIBLE_TEXT_JS)
    found = [w for w in ENGLISH if w in text]
    assert not found, f"{where}: English on a Vietnamese page: {found}"


def pdf_report(js: bool = False) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buf, "PDF")
    data = buf.getvalue()
    if js:
        data = data.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    return data


def field(page, rid: int, count: str):
    return page.locator(f".st-key-{BASE}_cnt_{rid}_{count} input")


def commit(page, locator, text: str) -> None:
    locator.fill(text)
    locator.press("Tab")
    settle(page)


# -- the tests, in the order of her quarter ------------------------------------------------------------
def test_sign_in_is_visible_on_a_phone(phone, phone_server):
    page = phone
    goto(page, phone_server.url + "/")
    expect(main(page).get_by_role("heading", name=vi("ui.auth.title"))).to_be_visible()
    assert page.locator('[data-testid="stSidebar"]').get_attribute("data-collapsed") == "true"
    assert_phone_layout(page, "sign-in")
    shot(page, "sign_in")
    sign_in(page, phone_server, "xahm")
    expect(main(page).get_by_role("heading", name=vi("ui.auth.title"))).to_have_count(0)  # signed in
    assert_phone_layout(page, "her first page")
    assert_no_errors(page, alerts=False)  # her page says in red what is overdue


def test_a_whole_quarter_on_the_cards_with_a_letter_corrected_and_a_signed_pdf(unit_phone, phone_server, tmp_path):
    page = unit_phone
    goto(page, phone_server.url + "/nhap-so-lieu")
    cards = page.locator(f'[class*="st-key-{BASE}_card_"]')
    n = cards.count()
    assert n == 17, n  # her 17 agencies of last quarter
    first = field(page, 0, "key_leaders")
    assert (first.get_attribute("type"), first.get_attribute("inputmode")) == ("tel", "numeric")  # numeric keypad
    assert first.input_value() == ""  # nothing filled in for her
    assert_phone_layout(page, "entry")
    shot(page, "entry_cards")

    # a letter typed by mistake: refused at that very field, then corrected
    commit(page, first, "3a")
    box = page.locator(f".st-key-{BASE}_box_0_key_leaders")
    expect(box.locator('[data-testid="stAlertContentError"]')).to_contain_text("«3a» không phải là số")
    shot(page, "entry_letter")
    commit(page, first, "3")
    expect(box.locator('[data-testid="stAlertContentError"]')).to_have_count(0)

    # every agency: last quarter's numbers where nothing is typed, then two numbers of her own
    page.get_by_role("button", name=vi("phone.entry.same_all")).click()
    settle(page)
    expect(first).to_have_value("3")  # what she typed stays
    commit(page, field(page, 1, "pool_total"), "19")
    values = page.evaluate("() => [...document.querySelectorAll('[class*=\"_cnt_\"] input')].map(i => i.value)")
    assert len(values) == 17 * 5 and all(v.isdigit() for v in values), values

    # the signed report, then send
    signed = tmp_path / "bao-cao-da-ky.pdf"
    signed.write_bytes(pdf_report())
    page.set_input_files(f".st-key-{BASE}_attach input[type=file]", str(signed))
    settle(page)
    expect(main(page).get_by_text("Sẽ gửi kèm: bao-cao-da-ky.pdf")).to_be_visible()
    page.locator(".st-key-entry_send button").click()
    settle(page)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]').first).to_contain_text("X-HM")
    assert_no_errors(page)
    shot(page, "entry_sent")

    [sent] = [h for h in history(phone_server) if h["status"] == "pending" and h["unit"] == UNIT]
    assert sent["period"] == QUARTER and sent["file_name"] == f"Nhap_tren_web_{UNIT}_{QUARTER}.xlsx"
    assert sent["attachment"] == {
        "file_name": "bao-cao-da-ky.pdf",
        "media_type": "application/pdf",
        "size": signed.stat().st_size,
    }
    from gender_targets.store import open_store

    store = open_store(phone_server.db)
    try:
        rows = store.submission_bodies(sent["id"])
    finally:
        store.close()
    assert len(rows) == 17 and int(rows.loc[0, "key_leaders"]) == 3 and int(rows.loc[1, "pool_total"]) == 19


def test_the_reviewer_sees_the_attachment_and_the_previous_quarter(reviewer_phone, phone_server):
    [sent] = [h for h in history(phone_server) if h["status"] == "pending" and h["unit"] == UNIT]
    sid = sent["id"]
    page = reviewer_phone
    goto(page, phone_server.url + "/duyet-so-lieu")
    item = main(page).locator('[data-testid="stExpander"]').filter(has_text=f"Số {sid} ")
    expect(item).to_contain_text(vi("phone.review.attachment"))
    expect(item).to_contain_text("bao-cao-da-ky.pdf")
    expect(item.get_by_role("button", name=vi("phone.attach.download"))).to_be_visible()
    assert item.locator("iframe, embed, object").count() == 0  # a PDF is only ever a download
    expect(item).to_contain_text(vi("phone.review.beside", period="Quý II/2026"))
    expect(item.locator('[data-testid="stDataFrame"]').last).to_be_visible()
    expect(item).to_contain_text(re.compile(r"[1-9]\d* cơ quan thay đổi"))  # her two numbers of her own
    shot(page, "review")
    with page.expect_download() as got:
        item.get_by_role("button", name=vi("phone.attach.download")).click()
    assert got.value.suggested_filename == "bao-cao-da-ky.pdf"
    served = page.request.get(got.value.url)  # the address behind the button: never a page that opens it
    assert served.headers.get("content-disposition", "").startswith("attachment"), served.headers
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF-")
    # returned, with a comment the unit will read in full
    box = page.locator(f".st-key-review_comment_{sid} textarea")
    box.fill("UBND xã: số nữ trong diện quy hoạch chưa khớp với nghị quyết.")
    box.press("Control+Enter")
    settle(page)
    page.locator(f".st-key-review_return_{sid} button").click()
    settle(page)
    expect(main(page).get_by_text(vi("ui.review.returned", id=sid))).to_be_visible()
    assert_no_errors(page)


def test_her_template_lists_her_own_agencies(unit_phone, phone_server):
    page = unit_phone
    goto(page, phone_server.url + "/nop-so-lieu")
    assert_phone_layout(page, "upload")
    with page.expect_download() as got:
        page.locator(".st-key-upload_tpl_download button").click()
    ws = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))["Số liệu"]
    names = [ws.cell(r, 2).value for r in range(11, 41) if ws.cell(r, 2).value]
    from gender_targets.store import open_store

    store = open_store(phone_server.db)
    try:
        stored = store.active_bodies(units=[UNIT], periods=["2026Q2"])
    finally:
        store.close()
    assert names == stored["body_name"].tolist() and len(names) == 17  # hers, not the 13 generic ones
    assert ws.cell(11, 4).value is None  # no numbers unless asked
    page.get_by_text(vi("phone.template.with_numbers")).click()
    settle(page)
    with page.expect_download() as got:
        page.locator(".st-key-upload_tpl_download button").click()
    ws = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))["Số liệu"]
    assert ws.cell(11, 4).value == int(stored["key_leaders"].iloc[0])
    shot(page, "upload_template")
    # the same from her own page, where she lands
    goto(page, phone_server.url + "/")
    with page.expect_download() as got:
        page.locator(".st-key-unit_template button").click()
    ws = openpyxl.load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))["Số liệu"]
    assert [ws.cell(r, 2).value for r in range(11, 41) if ws.cell(r, 2).value] == names


def test_a_returned_file_sent_again_is_flagged_and_replacing_a_pending_entry_asks_first(
    unit_phone, reviewer_phone, phone_server
):
    book = SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx"
    page = unit_phone
    # her web entry was returned: she sends it again from the form (pending), then uploads a file
    goto(page, phone_server.url + "/nhap-so-lieu")
    note = page.locator(".st-key-entry_returned_note")  # the decision, who made it, the comment in full
    expect(note).to_contain_text("Anh Duyệt")
    expect(note).to_contain_text("UBND xã: số nữ trong diện quy hoạch chưa khớp với nghị quyết.")
    shot(page, "entry_returned")
    commit(page, field(page, 1, "pool_total"), "20")
    page.locator(".st-key-entry_send button").click()
    settle(page)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible()

    goto(page, phone_server.url + "/nop-so-lieu")
    page.set_input_files('[class*="st-key-upload_files"] input[type=file]', str(book))
    settle(page)
    expect(main(page).get_by_text(vi("phone.upload.replaces_ok"))).to_be_visible()  # her entry waits: asked
    store_button = page.locator(".st-key-upload_store button")
    expect(store_button).to_be_disabled()
    assert_phone_layout(page, "upload with a file")
    shot(page, "upload_replaces_pending")
    page.get_by_text(vi("phone.upload.replaces_ok")).click()
    settle(page)
    store_button.click()
    settle(page)
    expect(main(page).get_by_text(vi("ui.upload.nothing_yet"))).to_have_count(0)  # not under "sent"
    sent = [h for h in history(phone_server) if h["status"] == "pending" and h["unit"] == UNIT]
    assert [h["file_name"] for h in sent] == [book.name]

    # the reviewer returns the file; she sends the very same file again: flagged before she stores it
    sid = sent[0]["id"]
    r = reviewer_phone
    goto(r, phone_server.url + "/duyet-so-lieu")
    r.locator(f".st-key-review_comment_{sid} textarea").fill("Thiếu chữ ký của thủ trưởng.")
    r.locator(f".st-key-review_comment_{sid} textarea").press("Control+Enter")
    settle(r)
    r.locator(f".st-key-review_return_{sid} button").click()
    settle(r)
    goto(page, phone_server.url + "/nop-so-lieu")
    page.set_input_files('[class*="st-key-upload_files"] input[type=file]', str(book))
    settle(page)
    flag = main(page).locator('[data-testid="stAlertContentWarning"]').filter(has_text="giống hệt tệp đã bị trả lại")
    expect(flag).to_be_visible()
    expect(flag).to_contain_text("Thiếu chữ ký của thủ trưởng.")
    shot(page, "upload_returned_again")
    assert_no_errors(page)


def test_a_hostile_attachment_is_refused_in_words(unit_phone, phone_server, tmp_path):
    page = unit_phone
    goto(page, phone_server.url + "/nhap-so-lieu")
    bad = tmp_path / "bao-cao.pdf"
    bad.write_bytes(pdf_report(js=True))
    page.set_input_files(f".st-key-{BASE}_attach input[type=file]", str(bad))
    settle(page)
    refusal = main(page).locator('[data-testid="stAlertContentError"]').filter(has_text="mã chạy được")
    expect(refusal).to_be_visible()
    bomb = tmp_path / "anh.png"
    side = (40_000).to_bytes(4, "big")
    ihdr = b"IHDR" + side + side + b"\x08\x00\x00\x00\x00"
    idat = b"IDAT" + zlib.compress(b"\0" * 4096)
    bomb.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + b"".join(len(c[4:]).to_bytes(4, "big") + c + zlib.crc32(c).to_bytes(4, "big") for c in (ihdr, idat, b"IEND"))
    )
    page.set_input_files(f".st-key-{BASE}_attach input[type=file]", str(bomb))
    settle(page)
    expect(main(page).locator('[data-testid="stAlertContentError"]').filter(has_text="Ảnh quá lớn")).to_be_visible()
    shot(page, "attachment_refused")
    assert_no_errors(page, alerts=False)


def test_every_unit_page_fits_a_phone(unit_phone, phone_server):
    page = unit_phone
    failures = []
    for path in UNIT_PAGES:
        goto(page, f"{phone_server.url}/{path}")
        page.wait_for_timeout(600)  # charts drawn
        try:
            assert_phone_layout(page, path or "her page")
            assert_no_errors(page, alerts=False)  # her page says in red what is overdue
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
        shot(page, f"page_{path or 'home'}", full=path in ("", "lo-trinh", "so-sanh", "nhap-so-lieu"))
    assert not failures, failures
