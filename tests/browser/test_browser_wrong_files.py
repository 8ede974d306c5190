"""Files that are not workbooks at all: a Vietnamese message, no traceback, nothing to store."""

from __future__ import annotations

import pytest
from browser_helpers import SAMPLE, assert_no_errors, expect, goto, main, screenshots, upload, vi

pytestmark = pytest.mark.browser

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
CASES = {
    # name: (how to make the file, words of the Vietnamese message)
    "unreadable_file.xlsx": (None, "Không đọc được tệp này"),
    "bao-cao.pdf.xlsx": (PDF, "Không đọc được tệp này"),
    "ghi-chu.xlsx": ("Báo cáo quý III: xem thư đính kèm.\n".encode(), "Không đọc được tệp này"),
    "encrypted_file.xlsx": (None, "mật khẩu"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_wrong_file_gives_a_vietnamese_message(gt_page, sample_server, tmp_path, name):
    content, words = CASES[name]
    path = SAMPLE / "invalid" / name
    if content is not None:
        path = tmp_path / name
        path.write_bytes(content)
    page = gt_page
    goto(page, sample_server.url + "/nop-so-lieu")
    upload(page, path)
    head = main(page).locator('[data-testid="stExpander"] summary').filter(has_text=name)
    expect(head).to_be_visible()
    expect(head).to_contain_text("lỗi")
    expect(main(page).get_by_text(vi("ui.upload.none_valid"))).to_be_visible()  # the report is drawn
    expect(main(page).locator('[data-testid="stTable"]')).to_be_visible()
    shown = main(page).inner_text()  # the issues table wraps every message in full
    assert words in shown, shown[-1500:]
    for english in ("Error", "error:", "Exception", "Traceback", "zipfile", "BadZipFile"):
        assert english not in shown, f"{english!r} shown to the user:\n{shown[-1500:]}"
    expect(main(page).get_by_text(vi("ui.upload.none_valid"))).to_be_visible()
    assert_no_errors(page, alerts=False)
    screenshots(page, f"upload_wrong_file_{name.removesuffix('.xlsx')}")
