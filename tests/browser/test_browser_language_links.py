"""The language switch in the sidebar, and shared URLs that open a given view."""

from __future__ import annotations

import re

import pytest
from browser_helpers import assert_no_errors, en, expect, goto, main, screenshots, settle, sidebar, vi, wait_for_plots

pytestmark = pytest.mark.browser


def test_switch_to_english_and_back(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/")
    expect(main(page).get_by_role("heading", name=vi("ui.overview.title"))).to_be_visible()

    sidebar(page).get_by_role("radio", name="English").click()
    settle(page)
    expect(main(page).get_by_role("heading", name="Progress overview")).to_be_visible()
    expect(sidebar(page).get_by_role("link", name=re.compile(r"Overview"))).to_be_visible()
    expect(main(page).get_by_text("latest data:")).to_be_visible()
    assert "lang=en" in page.url
    wait_for_plots(page, 3)
    assert_no_errors(page)
    screenshots(page, "language_overview_en")

    # the choice follows the user to another page
    sidebar(page).get_by_role("link", name=re.compile(en("ui.nav.trajectory"))).click()
    settle(page)
    expect(main(page).get_by_role("heading", name=en("ui.trajectory.title"))).to_be_visible()
    wait_for_plots(page, 1)
    assert_no_errors(page)

    sidebar(page).get_by_role("radio", name="Tiếng Việt").click()
    settle(page)
    expect(main(page).get_by_role("heading", name=vi("ui.trajectory.title"))).to_be_visible()
    expect(sidebar(page).get_by_role("link", name=re.compile(vi("ui.nav.overview")))).to_be_visible()
    assert_no_errors(page)


def test_shared_trajectory_url_opens_that_view(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/lo-trinh?unit=X-BD&indicator=I2&quarter=2025Q4")
    wait_for_plots(page, 1)
    expect(main(page).get_by_role("combobox", name=vi("ui.common.unit"))).to_have_value("xã Bà Điểm (X-BD)")
    expect(main(page).get_by_role("radio", name="I2", exact=True)).to_have_attribute("aria-checked", "true")
    # waited for, not read at once: under load the chart may still be redrawing with the URL's choices
    titles = page.locator(".js-plotly-plot .gtitle")
    expect(titles.filter(has_text="Nữ trong diện quy hoạch").first).to_be_attached()
    named = page.locator(".js-plotly-plot .gtitle, .js-plotly-plot .gtitle-subtitle")  # the unit, on its own line
    expect(named.filter(has_text="Bà Điểm").first).to_be_attached()
    expect(main(page).get_by_role("combobox", name=vi("ui.common.quarter"))).to_have_value("Quý IV/2025")
    assert "unit=X-BD" in page.url and "indicator=I2" in page.url
    assert_no_errors(page)
    screenshots(page, "shared_url_trajectory_X-BD_I2")


def test_shared_url_in_english(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/lo-trinh?unit=X-XTS&indicator=I3&lang=en")
    wait_for_plots(page, 1)
    expect(main(page).get_by_role("heading", name=en("ui.trajectory.title"))).to_be_visible()
    expect(main(page).get_by_role("combobox", name=en("ui.common.unit"))).to_have_value(re.compile(r"\(X-XTS\)$"))
    expect(main(page).get_by_role("radio", name="I3", exact=True)).to_have_attribute("aria-checked", "true")
    expect(sidebar(page).get_by_role("radio", name="English")).to_have_attribute("aria-checked", "true")
    assert_no_errors(page)
    screenshots(page, "shared_url_trajectory_en_X-XTS_I3")


def _uploader_words(page) -> tuple[str, str]:
    """What the uploader's button and limit line show (our words are drawn by CSS ``::after``)."""
    zone = main(page).locator('[data-testid="stFileUploaderDropzone"]').first
    expect(zone).to_be_visible()
    button = zone.locator('[data-testid="stBaseButton-secondary"] p').first
    limit = zone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span').first
    words = []
    for el in (button, limit):
        hidden = el.evaluate("e => getComputedStyle(e).fontSize")
        shown = el.evaluate("e => getComputedStyle(e, '::after').content")
        assert hidden == "0px", hidden  # Streamlit's English words are not visible
        words.append(shown.strip('"'))
    return words[0], words[1]


def test_the_uploader_speaks_the_page_language(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/nop-so-lieu")
    assert _uploader_words(page) == (vi("ui.uploader.button"), vi("ui.uploader.limit", mb=20))
    goto(page, sample_server.url + "/nop-so-lieu?lang=en")
    assert _uploader_words(page) == (en("ui.uploader.button"), en("ui.uploader.limit", mb=20))


def test_choices_stay_chosen_across_the_language_switch(gt_page, sample_server):
    """A choice whose words change with the language still shows as chosen after the switch (a
    radio kept its value but showed no option chosen until a reload)."""
    page = gt_page
    goto(page, sample_server.url + "/so-sanh")

    def current(lang_words) -> None:
        choice = main(page).get_by_role("radio", name=lang_words("ui.compare.scope_current"), exact=True)
        expect(choice).to_have_attribute("aria-checked", "true")

    current(vi)
    sidebar(page).get_by_role("radio", name="English").click()
    settle(page)
    expect(main(page).get_by_role("heading", name=en("ui.compare.title"))).to_be_visible()
    current(en)
    sidebar(page).get_by_role("radio", name="Tiếng Việt").click()
    settle(page)
    current(vi)
    assert_no_errors(page)
