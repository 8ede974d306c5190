"""Issue 22 in the upload preview: an error value refused with its cell and what to do, a table split
over sheets read whole, and the bodies missing since the previous quarter shown before storing
(desktop and phone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import (
    SAMPLE,
    SCREENSHOTS,
    assert_no_errors,
    expect,
    goto,
    main,
    screenshots,
    settle,
    sidebar,
    upload,
)

from tests import wbfactory as wf

pytestmark = pytest.mark.browser


def _files(tmp_path: Path) -> list[Path]:
    split = tmp_path / "X-BD_2026Q3_chia_sheet.xlsx"
    book = wf.split_form()
    info = book["Thông tin"]
    info.rows[1][1], info.rows[3][1], info.rows[4][1] = "X-BD", 2026, 3
    for sheet in book.sheets[1:]:
        sheet.set("A1", "HỘI LHPN XÃ BÀ ĐIỂM")
    split.write_bytes(wf.to_xlsx(book))
    return [SAMPLE / "invalid" / "error_value.xlsx", split]


def _open_split(page) -> None:
    """Open the split file's section (a rerun draws it closed again)."""
    details = main(page).locator('[data-testid="stExpander"] details').filter(has_text="chia_sheet")
    if details.count() and details.first.get_attribute("open") is None:
        details.first.locator("summary").click()
        settle(page)


def _check_preview(page) -> str:
    shown = main(page).inner_text()
    assert "công thức bị lỗi #REF!" in shown and "gõ lại số" in shown, shown[-2000:]
    assert "thiếu" in shown and "so với Quý II/2026" in shown, shown[-2000:]
    assert "Traceback" not in shown
    return shown


def test_upload_preview_shows_error_values_split_sheets_and_missing_bodies(gt_page, sample_server, tmp_path):
    page = gt_page
    goto(page, sample_server.url + "/nop-so-lieu")
    upload(page, *_files(tmp_path))
    heads = main(page).locator('[data-testid="stExpander"] summary')
    expect(heads.filter(has_text="error_value.xlsx")).to_contain_text("lỗi")
    expect(heads.filter(has_text="chia_sheet")).to_contain_text("hợp lệ")
    _open_split(page)
    expect(main(page).get_by_text("Thiếu cơ quan so với quý trước").first).to_be_visible()
    _check_preview(page)
    assert_no_errors(page, alerts=False)
    screenshots(page, "upload_issue22")
    # in English, and back: the same files, the English messages
    sidebar(page).get_by_role("radio", name="English").click()
    settle(page)
    expect(main(page).get_by_text("shows the Excel error #REF!", exact=False).first).to_be_visible()
    _open_split(page)
    expect(main(page).get_by_text("Bodies missing").first).to_be_visible()
    shown = main(page).inner_text()
    assert "bodies missing compared with Q2 2026" in shown, shown[-2000:]
    screenshots(page, "upload_issue22_en")
    sidebar(page).get_by_role("radio", name="Tiếng Việt").click()
    settle(page)
    _open_split(page)
    expect(main(page).get_by_text("Thiếu cơ quan so với quý trước").first).to_be_visible()
    _check_preview(page)


def test_upload_preview_on_a_phone(gt_browser, sample_server, tmp_path):
    context = gt_browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        goto(page, sample_server.url + "/nop-so-lieu")
        close = page.locator('[data-testid="stSidebarCollapseButton"] button')
        if close.count() and close.first.is_visible():  # the menu covers the page on a phone until closed
            close.first.click()
        upload(page, *_files(tmp_path))
        _open_split(page)
        _check_preview(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "upload_issue22_390x844.png"), full_page=True)
    finally:
        context.close()
