"""Every page opens on the sample data with no exception and no error, and draws its charts."""

from __future__ import annotations

import pytest
from browser_helpers import assert_no_errors, expect, goto, main, screenshots, vi, wait_for_plots

pytestmark = pytest.mark.browser

# (URL path, title key, least number of Plotly charts)
PAGES = [
    ("", "ui.overview.title", 3),
    ("lo-trinh", "ui.trajectory.title", 1),
    ("so-sanh", "ui.compare.title", 3),
    ("nop-so-lieu", "ui.upload.title", 0),
    ("du-lieu", "ui.data.title", 0),
    ("quan-tri", "ui.admin.title", 0),
    ("phuong-phap", "ui.method.title", 0),
]


@pytest.mark.parametrize(("path", "title", "charts"), PAGES, ids=[p or "tong-quan" for p, _, _ in PAGES])
def test_page_opens_and_draws(gt_page, sample_server, path, title, charts):
    page = gt_page
    goto(page, f"{sample_server.url}/{path}")
    expect(main(page).get_by_role("heading", name=vi(title), exact=True)).to_be_visible()
    if charts:
        assert wait_for_plots(page, charts) >= charts
    # the sample-data banner is on every page (a warning, not an error)
    expect(main(page).get_by_text("dữ liệu mẫu").first).to_be_visible()
    assert_no_errors(page)
    screenshots(page, f"pages_{path or 'tong-quan'}")
    assert_no_errors(page)
