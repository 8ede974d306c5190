"""The meeting deck (trinh-chieu) in a real browser: full screen without the sidebar, type sizes
measured from the DOM (plotly SVG text), keyboard stepping with ← → and a clicker's PageDown /
PageUp, every slide fitting the screen at 1920×1080 and 1366×768 (screenshots of every slide),
and the frozen snapshot: an import during the meeting changes nothing until "Lấy số liệu mới"."""

from __future__ import annotations

import re
import time

import pytest
from browser_helpers import SAMPLE, SCREENSHOTS, assert_no_errors, goto, settle

pytestmark = pytest.mark.browser

DECK = SCREENSHOTS / "deck"

_MEASURE = """() => {
  const side = document.querySelector('[data-testid="stSidebar"]');
  const header = document.querySelector('header[data-testid="stHeader"]');
  const visible = e => !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0;
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    sidebar: visible(side),
    header: visible(header),
    titles: [...document.querySelectorAll('.js-plotly-plot .gtitle')].map(size),
    ticks: [...document.querySelectorAll('.js-plotly-plot .xtick text, .js-plotly-plot .ytick text')].map(size),
    slideTitle: size(document.querySelector('[data-testid="deck-title"]')),
    overflow: main ? main.scrollHeight - window.innerHeight : 0,
    textColours: [...document.querySelectorAll('.js-plotly-plot .xtick text')].map(e => getComputedStyle(e).fill),
  };
}"""


def _slide(page) -> int:
    # the address bar as the page sees it (Playwright's page.url can trail history.replaceState)
    return int(re.search(r"slide=(\d+)", page.evaluate("location.search")).group(1))


def _wait_slide(page, n: int) -> None:
    page.wait_for_function("n => new URLSearchParams(location.search).get('slide') === String(n)", arg=n)
    settle(page)


def _dark(rgb: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 90


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
def test_every_slide_fits_and_reads_from_the_back_of_the_room(sample_server, gt_page, size):
    page = gt_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    goto(page, sample_server.url + "/trinh-chieu?slide=1")
    page.keyboard.press("Escape")  # a stray "page not found" dialog of a fresh server, if any
    total = int(re.search(r"Trang \d+/(\d+)", page.get_by_test_id("deck-stamp").inner_text()).group(1))
    assert total >= 8
    DECK.mkdir(parents=True, exist_ok=True)
    for n in range(1, total + 1):
        _wait_slide(page, n)
        if n <= 6:  # the three trajectories and the three rankings
            page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .xtick text').length > 0")
        time.sleep(0.5)
        m = page.evaluate(_MEASURE)
        assert not m["sidebar"] and not m["header"], m
        assert m["overflow"] <= 2, f"slide {n} scrolls by {m['overflow']} px"
        assert m["slideTitle"] >= 24
        if n <= 6:
            assert m["titles"] and min(m["titles"]) >= 24, m["titles"]
            assert m["ticks"] and min(m["ticks"]) >= 16, m["ticks"]
            assert all(_dark(c) for c in m["textColours"]), m["textColours"]
        page.screenshot(path=str(DECK / f"slide{n}-{size[0]}x{size[1]}.png"))
        assert_no_errors(page)
        if n < total:
            page.keyboard.press("ArrowRight" if n % 2 else "PageDown")
    _wait_slide(page, total)
    page.keyboard.press("ArrowLeft")
    _wait_slide(page, total - 1)
    page.keyboard.press("PageUp")
    _wait_slide(page, total - 2)
    assert _slide(page) == total - 2


def test_slide_parameter_and_english(sample_server, gt_page):
    page = gt_page
    goto(page, sample_server.url + "/trinh-chieu?slide=4&lang=en")
    page.keyboard.press("Escape")
    assert "units ranked" in page.get_by_test_id("deck-title").inner_text()
    assert "Slide 4 of" in page.get_by_test_id("deck-stamp").inner_text()
    page.get_by_role("button", name=re.compile("Next")).click()
    _wait_slide(page, 5)
    goto(page, sample_server.url + "/trinh-chieu?slide=99")
    assert "Trang 8/8" in page.get_by_test_id("deck-stamp").inner_text() or _slide(page) >= 8


def test_frozen_snapshot_until_refresh(start_server, gt_page):
    from gender_targets import intake
    from gender_targets.store import open_store

    server = start_server(sample=True, name="deck-snapshot")
    page = gt_page
    goto(page, server.url + "/trinh-chieu?slide=8")
    page.keyboard.press("Escape")
    body = page.locator('[data-testid="stMain"]')
    assert "Quý II/2026" in page.get_by_test_id("deck-title").inner_text()
    before = body.inner_text()
    assert "4/4 đơn vị đã gửi" in before
    # someone imports a 2026Q3 workbook during the meeting
    store = open_store(server.db)
    name = "X-HM_2026Q3.xlsx"
    result = intake.import_upload(store, (SAMPLE / "upload_2026Q3" / name).read_bytes(), name, by="test")
    assert result.ok
    store.close()
    page.keyboard.press("ArrowLeft")
    _wait_slide(page, 7)
    page.keyboard.press("ArrowRight")
    _wait_slide(page, 8)
    assert "Quý II/2026" in page.get_by_test_id("deck-title").inner_text()  # unchanged
    assert "4/4 đơn vị đã gửi" in body.inner_text()
    assert "Có số liệu mới" in body.inner_text()  # but the deck says new data exist
    page.get_by_role("button", name=re.compile("Lấy số liệu mới")).click()
    settle(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"deck-title\"]').innerText.includes('Quý III/2026')"
    )
    assert "1/4 đơn vị đã gửi" in body.inner_text()
    assert "Có số liệu mới" not in body.inner_text()
