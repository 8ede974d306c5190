"""What a union officer does in a real browser: remove a file with the uploader's × before storing,
send two files for one quarter and choose one, read the admin page (Vietnam time, the completeness
grid in words), and share links (any case, unknown values, Back, a fresh server).

The storing tests share one server of their own (module scope); the read-only ones use the shared
sample server; the fresh-server test starts one more without warming it up.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from browser_helpers import (
    SAMPLE,
    assert_no_errors,
    choose,
    cli,
    expect,
    goto,
    main,
    screenshots,
    settle,
    upload,
    vi,
)

pytestmark = pytest.mark.browser

Q3 = SAMPLE / "upload_2026Q3"


@pytest.fixture(scope="module")
def rw_server(start_server):
    server = start_server(sample=True, name="officer")
    yield server
    server.stop()


def _active(server, unit: str, period: str) -> list[dict]:
    hist = json.loads(cli(server, "history", "--json"))
    return [h for h in hist if h["unit"] == unit and h["period"] == period and h["status"] == "active"]


def _heads(page):
    return main(page).locator('[data-testid="stExpander"] summary')


def _store(page, n: int, by: str = "Chị Lan (kiểm thử)") -> None:
    field = main(page).get_by_label(vi("ui.upload.by"))
    field.fill(by)
    field.press("Enter")
    settle(page)
    main(page).get_by_role("button", name=vi("ui.upload.store_button", n=n)).click()
    settle(page)


def test_a_file_removed_with_its_cross_is_not_stored(gt_page, rw_server):
    page = gt_page
    goto(page, rw_server.url + "/nop-so-lieu")
    keep, drop = Q3 / "X-DT 2026 Q3.xlsx", Q3 / "X-XTS_2026Q3.xlsx"
    upload(page, keep, drop)
    expect(_heads(page)).to_have_count(2)
    expect(main(page).get_by_role("button", name=vi("ui.upload.store_button", n=2))).to_be_visible()

    # the uploader's × on the second file
    chip = main(page).locator('[data-testid="stFileChip"]').filter(has_text=drop.name)
    chip.locator('[data-testid="stFileChipDeleteBtn"]').click()
    settle(page)
    expect(_heads(page)).to_have_count(1)
    expect(_heads(page).first).to_contain_text(keep.name)
    assert drop.name not in main(page).inner_text()
    expect(main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1))).to_be_visible()
    expect(main(page).get_by_text(vi("ui.upload.nothing_yet"))).to_have_count(0)
    screenshots(page, "officer_upload_after_cross")

    # storing without a name is refused with a clear message
    main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1)).click()
    settle(page)
    expect(main(page).get_by_text(vi("ui.upload.by_required"))).to_be_visible()
    assert not _active(rw_server, "X-DT", "2026Q3")

    _store(page, 1)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        vi("ui.upload.stored_title", n=1, names=keep.name)
    )
    assert_no_errors(page)
    assert len(_active(rw_server, "X-DT", "2026Q3")) == 1
    assert not _active(rw_server, "X-XTS", "2026Q3")


def test_two_files_for_one_quarter_the_chosen_one_is_stored(gt_page, rw_server, tmp_path):
    page = gt_page
    original = Q3 / "X-HM_2026Q3.xlsx"
    wb = openpyxl.load_workbook(original)
    wb["Số liệu"]["F11"] = 5  # other figures for the same unit and quarter
    buf = io.BytesIO()
    wb.save(buf)
    changed = tmp_path / "X-HM_2026Q3_ban_sua.xlsx"
    changed.write_bytes(buf.getvalue())

    goto(page, rw_server.url + "/nop-so-lieu")
    upload(page, original, changed)
    expect(_heads(page)).to_have_count(2)
    for head in _heads(page).all():
        expect(head).to_contain_text(vi("ui.upload.file_clash").strip(" —"))
    group = main(page).locator('[data-testid="stRadio"]')
    expect(group).to_have_count(1)
    expect(group).to_contain_text(original.name)
    expect(group).to_contain_text(changed.name)
    expect(group).to_contain_text("Quý III/2026")
    expect(main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1))).to_be_visible()
    group.get_by_text(changed.name, exact=True).click()
    settle(page)
    expect(main(page).get_by_text(vi("ui.upload.left_out", names=original.name))).to_be_visible()
    screenshots(page, "officer_upload_clash")

    _store(page, 1)
    assert_no_errors(page)
    [row] = _active(rw_server, "X-HM", "2026Q3")
    assert row["file_name"] == changed.name
    assert row["sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()
    hist = json.loads(cli(rw_server, "history", "--json"))
    assert [h["file_name"] for h in hist if h["unit"] == "X-HM" and h["period"] == "2026Q3"] == [changed.name]


def test_admin_shows_vietnam_time_and_a_completeness_grid_in_words(gt_page, rw_server):
    page = gt_page
    goto(page, rw_server.url + "/quan-tri")
    text = main(page).inner_text()
    assert "UTC" not in text
    hist = json.loads(cli(rw_server, "history", "--json"))
    import pandas as pd

    stamp = pd.Timestamp(hist[0]["uploaded_at"]).tz_convert("Asia/Ho_Chi_Minh").strftime("%d/%m/%Y %H:%M")
    grid = main(page).locator("[data-testid='stDataFrame']").first
    expect(grid).to_contain_text(stamp)
    screenshots(page, "officer_admin_history")

    main(page).get_by_role("tab", name=vi("ui.admin.tab_completeness")).click()
    settle(page)
    panel = main(page).locator('[role="tabpanel"]:visible')
    expect(panel).to_contain_text(vi("ui.completeness.sent"))
    expect(panel).to_contain_text(vi("ui.completeness.missing"))
    header = panel.locator("[role='columnheader']").nth(1)
    expect(header).to_contain_text("Quý III/2026")  # the newest quarter first, in view
    assert "✅" not in panel.inner_text() and "❌" not in panel.inner_text()
    assert_no_errors(page)
    screenshots(page, "officer_admin_completeness")

    main(page).get_by_role("tab", name=vi("ui.admin.tab_backup")).click()
    settle(page)
    panel = main(page).locator('[role="tabpanel"]:visible')
    expect(panel).to_contain_text("(giờ Việt Nam)")
    with page.expect_download() as dl:
        panel.get_by_role("button", name=vi("ui.admin.backup_button")).click()
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"SQLite format 3\x00")
    screenshots(page, "officer_admin_backup")


def _expect_unit(page, code: str) -> None:
    expect(main(page).get_by_role("combobox", name=vi("ui.common.unit"))).to_have_value(
        re.compile(rf"\({re.escape(code)}\)$")
    )


def test_links_any_case_and_unknown_values(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/lo-trinh?unit=x-bd&indicator=i2")
    _expect_unit(page, "X-BD")
    assert "unit=X-BD" in page.url and "indicator=I2" in page.url
    goto(page, sample_server.url + "/lo-trinh?unit=NOPE")
    warning = main(page).locator('[data-testid="stAlertContentWarning"]').filter(has_text="unit=NOPE")
    expect(warning).to_be_visible()
    assert_no_errors(page)
    screenshots(page, "officer_link_unknown_unit")


def test_browser_back_restores_the_earlier_unit(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/lo-trinh?unit=X-BD&indicator=I2")
    choose(page, vi("ui.common.unit"), re.compile(r"\(X-DT\)"), typed="X-DT")
    choose(page, vi("ui.common.unit"), re.compile(r"\(X-XTS\)"), typed="X-XTS")
    _expect_unit(page, "X-XTS")
    page.go_back()
    settle(page)
    _expect_unit(page, "X-DT")
    assert "unit=X-DT" in page.url
    page.go_back()
    settle(page)
    _expect_unit(page, "X-BD")
    assert "unit=X-BD" in page.url


def test_direct_link_on_a_fresh_server_shows_no_page_not_found(gt_page, start_server):
    server = start_server(sample=True, name="fresh-link", warm=False)
    try:
        page = gt_page
        goto(page, server.url + "/lo-trinh?unit=X-BD&indicator=I2", timeout=180_000)
        page.wait_for_timeout(1500)
        assert page.locator('[role="dialog"]').count() == 0, page.locator('[role="dialog"]').all_inner_texts()
        assert "Page not found" not in page.locator("body").inner_text()
        _expect_unit(page, "X-BD")
        expect(main(page).get_by_role("heading", name=vi("ui.trajectory.title"))).to_be_visible()
    finally:
        server.stop()


def test_the_home_pages_own_address_shows_no_page_not_found(gt_page, sample_server):
    """The default page is served at "/"; its own address (/tong-quan, a shared link) shows it too,
    with no "page not found" dialog, and keeps its query (language)."""
    page = gt_page
    for path, title in (("/tong-quan", vi("ui.overview.title")), ("/tong-quan?lang=en", "Progress overview")):
        goto(page, sample_server.url + path)
        page.wait_for_timeout(1000)
        assert page.locator('[role="dialog"]').count() == 0, page.locator('[role="dialog"]').all_inner_texts()
        expect(main(page).get_by_role("heading", name=title)).to_be_visible()
        assert page.url.split("?")[0].endswith("/tong-quan")
