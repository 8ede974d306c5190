"""An empty database (GENDER_TARGETS_SAMPLE=0): every page explains what to do, none breaks."""

from __future__ import annotations

import pytest
from browser_helpers import assert_no_errors, expect, goto, main, screenshots

pytestmark = pytest.mark.browser

PATHS = ["", "lo-trinh", "so-sanh", "nop-so-lieu", "du-lieu", "quan-tri", "phuong-phap"]


@pytest.fixture(scope="module")
def empty_server(start_server):
    server = start_server(sample=False, name="empty")
    yield server
    server.stop()


def test_pages_on_an_empty_database(gt_page, empty_server):
    page = gt_page
    for path in PATHS:
        goto(page, f"{empty_server.url}/{path}")
        assert_no_errors(page)
        text = main(page).inner_text()
        assert "dữ liệu mẫu" not in text, f"/{path}: sample banner on an empty database"
        if path in ("", "lo-trinh", "so-sanh", "du-lieu"):
            expect(main(page).get_by_text("Chưa có số liệu nào")).to_be_visible()
        assert main(page).locator("h1").count() or path in ("", "lo-trinh", "so-sanh", "du-lieu"), f"/{path}: no title"
    goto(page, empty_server.url + "/")
    screenshots(page, "empty_overview")
    goto(page, empty_server.url + "/nop-so-lieu")
    screenshots(page, "empty_upload")
    assert_no_errors(page)
