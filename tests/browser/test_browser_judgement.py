"""The one judgement in a real browser (issue 21): the trajectory page draws the strip of the last
eight quarters' statuses under the chart, each cell with its status in words, and says what one
person means under the status (no error, at 1366×768 and on a 390-pixel phone)."""

from __future__ import annotations

import pytest
from browser_helpers import assert_no_errors, expect, goto, main, screenshots, vi, wait_for_plots

pytestmark = pytest.mark.browser


def test_trajectory_strip_and_one_person_captions(gt_page, sample_server):
    page = gt_page
    goto(page, f"{sample_server.url}/lo-trinh?unit=X-DT&indicator=I1")
    assert wait_for_plots(page, 2) >= 2  # the trajectory and the strip under it
    strip = page.locator(".js-plotly-plot", has=page.locator("text.gtitle", has_text=vi("judgement.strip_title")))
    expect(strip).to_have_count(1)
    # eight cells, each with a status in words (text, not colour alone)
    cells = strip.locator("g.point text, text.bartext")
    expect(cells).to_have_count(8)
    words = {
        vi(f"status.{s}").replace(" ", "")
        for s in (
            "on_track",
            "limited_progress",
            "needs_acceleration",
            "achieved",
            "deteriorating",
            "insufficient_data",
        )
    }
    for k in range(8):
        assert cells.nth(k).text_content().replace(" ", "") in words
    expect(main(page).get_by_text(vi("judgement.strip_caption"), exact=False)).to_be_visible()
    expect(main(page).get_by_text("1 cơ quan = 12,5 điểm %", exact=False)).to_be_visible()
    expect(main(page).get_by_text("để đạt 75% năm 2030", exact=False).first).to_be_visible()
    assert_no_errors(page)
    screenshots(page, "judgement_trajectory_strip")
    # a phone: the strip of the last four quarters (eight cells were too cramped at 390 px), level,
    # readable and within the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(800)
    narrow = page.locator(
        ".js-plotly-plot", has=page.locator("text.gtitle", has_text=vi("access.chart.strip_title_n", n=4))
    )
    expect(narrow).to_have_count(1)
    expect(narrow.locator("g.point text, text.bartext")).to_have_count(4)
    box = narrow.bounding_box()
    assert box is not None and box["width"] <= 390
    assert_no_errors(page)
