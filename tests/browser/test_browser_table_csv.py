"""Attack (second pass): a table's own "Download as CSV" wrote cells as they are, so an agency name a
unit sent as ``=HYPERLINK(…)`` became a live formula in the reviewer's Excel. The button is hidden on
every table; the app's own formula-safe downloads stay."""

from __future__ import annotations

import pytest
from browser_helpers import expect, goto, main, vi

pytestmark = pytest.mark.browser


def test_no_table_offers_its_raw_csv(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/du-lieu")
    page.keyboard.press("Escape")  # a first visit's dialog, if any
    grid = main(page).get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    grid.hover(force=True)
    toolbar = grid.locator("xpath=..").get_by_test_id("stElementToolbar")
    expect(toolbar.get_by_role("button", name=vi("access.st.search"))).to_be_visible()  # the toolbar is drawn
    for label in (vi("access.st.download_csv"), "Download as CSV"):
        expect(page.get_by_role("button", name=label, exact=True)).to_have_count(0)
    expect(main(page).get_by_role("button", name=vi("ui.data.download_csv_excel"))).to_be_visible()
