"""A hostile workbook uploaded to the running app: a Vietnamese message, and the server stays up
for everyone (issue 9: a 15 KB workbook with its sheet at an odd path and one cell at
XFD1048576 made python-calamine abort the whole server)."""

from __future__ import annotations

import pytest
from browser_helpers import assert_no_errors, expect, goto, main, screenshots, upload, vi, wait_for_plots

from tests import wbfactory as wf

pytestmark = pytest.mark.browser


def test_hostile_workbook_gets_a_message_and_the_server_stays_up(gt_browser, gt_page, sample_server, tmp_path):
    path = tmp_path / "HM-BD_2024Q3.xlsx"
    path.write_bytes(wf.xlsx_with_moved_sheet("sheets/data.xml"))
    page = gt_page
    goto(page, sample_server.url + "/nop-so-lieu")
    upload(page, path)
    head = main(page).locator('[data-testid="stExpander"] summary').filter(has_text=path.name)
    expect(head).to_be_visible()
    # the file's issues are listed once, in a table whose messages wrap in full
    expect(main(page).locator('[data-testid="stTable"]').first).to_contain_text("Tệp quá lớn")
    shown = main(page).inner_text()
    assert "Tệp quá lớn" in shown and "5.000.000 ô" in shown, shown[-1500:]
    for internal in ("Traceback", "calamine", "Exception", "Error"):
        assert internal not in shown
    assert_no_errors(page, alerts=False)
    screenshots(page, "upload_hostile_moved_sheet")
    # another user, another session, at the same moment: the overview still draws its charts
    other = gt_browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    try:
        goto(other, sample_server.url + "/")
        assert wait_for_plots(other, 1) >= 1
        assert_no_errors(other)
    finally:
        other.context.close()


def test_targets_problems_are_translated(gt_page, sample_server, tmp_path):
    bad = tmp_path / "targets.csv"
    bad.write_text("indicator,year,target_percent\nI1,2025,60\nI2,2025,140\nI9,2030,50\n", encoding="utf-8")
    page = gt_page
    goto(page, sample_server.url + "/quan-tri")
    main(page).get_by_role("tab", name=vi("ui.admin.tab_targets")).click()
    # the open tab's own uploader (the backup tab has one too)
    main(page).get_by_role("tabpanel").locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    alert = main(page).locator('[data-testid="stAlertContentError"]').last
    expect(alert).to_contain_text("không có chỉ tiêu I9")
    expect(alert).to_contain_text("phải từ 0 đến 100")
    assert "must" not in alert.inner_text()
    screenshots(page, "admin_targets_invalid")
