"""Upload a quarter through the real uploader, store it, see it on the overview; then roll it
back from the admin page and see it gone. Also: an invalid workbook gives the Vietnamese error
with its cell.

The storing and the rollback run on a server of their own (module scope), in this order; the
rollback test stores the 2026Q3 file itself (with the CLI) when run alone.
"""

from __future__ import annotations

import csv
import json

import pytest
from browser_helpers import (
    SAMPLE,
    assert_no_errors,
    choose,
    cli,
    expect,
    goto,
    grid_text,
    main,
    screenshots,
    settle,
    upload,
    vi,
    wait_for_grid,
)

pytestmark = pytest.mark.browser

Q3_FILE = SAMPLE / "upload_2026Q3" / "X-HM_2026Q3.xlsx"
UPLOADER = "Chị Lan (kiểm thử)"


@pytest.fixture(scope="module")
def rw_server(start_server):
    server = start_server(sample=True, name="upload")
    yield server
    server.stop()


def _history(server) -> list[dict]:
    return json.loads(cli(server, "history", "--json"))


def _q3(server) -> dict | None:
    hits = [h for h in _history(server) if h["unit"] == "X-HM" and h["period"] == "2026Q3" and h["status"] == "active"]
    return hits[0] if hits else None


def _subtitle(page) -> str:
    goto(page, page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/")
    caption = main(page).get_by_text("số liệu mới nhất:")
    expect(caption).to_be_visible()
    return caption.inner_text()


def test_upload_store_and_see_on_overview(gt_page, rw_server):
    page = gt_page
    goto(page, rw_server.url + "/nop-so-lieu")
    expect(main(page).get_by_text(vi("ui.upload.nothing_yet"))).to_be_visible()
    upload(page, Q3_FILE)

    # the report: the file is valid, for X-HM, Quý III/2026
    head = main(page).locator('[data-testid="stExpander"] summary').filter(has_text=Q3_FILE.name)
    expect(head).to_be_visible()
    expect(head).to_contain_text("Quý III/2026")
    expect(head).to_contain_text("hợp lệ")
    flat = grid_text(main(page), vi("ui.upload.bodies"))
    assert "(X-HM)" in flat and "Quý III/2026" in flat, flat
    assert_no_errors(page)
    screenshots(page, "upload_report_X-HM_2026Q3")

    by = main(page).get_by_label(vi("ui.upload.by"))
    by.fill(UPLOADER)
    by.press("Enter")
    settle(page)
    main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1)).click()
    settle(page)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(Q3_FILE.name)
    assert_no_errors(page)

    stored = _q3(rw_server)
    assert stored, "the CLI history has no active X-HM 2026Q3 submission"
    assert stored["uploaded_by"] == UPLOADER
    assert stored["file_name"] == Q3_FILE.name

    text = _subtitle(page)
    assert "số liệu mới nhất: Quý III/2026" in text, text
    assert_no_errors(page)
    screenshots(page, "overview_after_upload_2026Q3")


def test_rollback_from_admin(gt_page, rw_server):
    page = gt_page
    sub = _q3(rw_server)
    if sub is None:  # run alone: store the 2026Q3 file first
        cli(rw_server, "import", str(Q3_FILE), "--by", UPLOADER)
        sub = _q3(rw_server)
    sid = sub["id"]

    goto(page, rw_server.url + "/quan-tri")
    choose(page, vi("ui.admin.submission"), f"#{sid} ·", typed=f"#{sid}")
    main(page).get_by_role("button", name=vi("ui.admin.rollback")).click()
    settle(page)
    warning = main(page).locator('[data-testid="stAlertContentWarning"]').filter(has_text=f"#{sid}")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("X-HM")
    expect(warning).to_contain_text("Quý III/2026")
    screenshots(page, "admin_rollback_confirm")
    main(page).get_by_role("button", name=vi("ui.admin.rollback_yes")).click()
    settle(page)

    expect(main(page).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        vi("ui.admin.rollback_done", id=sid)
    )
    rolled_back = vi("ui.admin.status_rolled_back")

    def shows_rolled_back(rows):
        header = rows[0]
        id_col, status_col = header.index(vi("ui.admin.h_id")), header.index(vi("ui.admin.h_status"))
        return any(r[id_col] == str(sid) and r[status_col] == rolled_back for r in rows[1:])

    wait_for_grid(main(page), vi("ui.admin.h_supersedes"), shows_rolled_back)
    assert_no_errors(page)
    screenshots(page, "admin_after_rollback")

    statuses = {h["id"]: h["status"] for h in _history(rw_server)}
    assert statuses[sid] == "rolled_back"

    text = _subtitle(page)
    assert "Quý III/2026" not in text, text
    assert "số liệu mới nhất: Quý II/2026" in text, text
    assert "Quý III/2026" not in main(page).inner_text()
    assert_no_errors(page)


def test_invalid_workbook_shows_the_cell(gt_page, sample_server):
    page = gt_page
    expected = {r["file"]: r for r in csv.DictReader((SAMPLE / "invalid" / "expected.csv").open(encoding="utf-8"))}
    cell = expected["female_exceeds_total.xlsx"]["cell"]
    assert cell == "E17"
    goto(page, sample_server.url + "/nop-so-lieu")
    upload(page, SAMPLE / "invalid" / "female_exceeds_total.xlsx")
    head = main(page).locator('[data-testid="stExpander"] summary').filter(has_text="female_exceeds_total.xlsx")
    expect(head).to_be_visible()
    expect(head).to_contain_text("lỗi")
    # the issues table wraps every message in full
    expect(main(page).locator('[data-testid="stTable"]').first).to_contain_text(f"ô {cell}")
    shown = main(page).inner_text()
    assert f"ô {cell}" in shown, shown[-2000:]
    assert "lớn hơn" in shown
    line = next(x for x in shown.splitlines() if f"ô {cell}" in x)
    assert "lớn hơn" in line, line
    expect(main(page).get_by_text(vi("ui.upload.none_valid"))).to_be_visible()
    expect(main(page).get_by_role("button", name=vi("ui.upload.store_button", n=1))).to_have_count(0)
    assert_no_errors(page, alerts=False)
    screenshots(page, "upload_invalid_female_exceeds_total")
