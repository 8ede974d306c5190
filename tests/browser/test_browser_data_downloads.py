"""The data page downloads exactly the filtered table, as .xlsx and as .csv (UTF-8 with BOM),
with the same numbers as the command line gives for the same filter."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from browser_helpers import assert_no_errors, cli, expect, goto, main, screenshots, vi
from openpyxl import load_workbook

pytestmark = pytest.mark.browser

HEAD = {k: vi(f"col.{k}") for k in ("unit", "period", "indicator", "value", "numerator", "denominator")}


def _expected(server) -> dict:
    rows = json.loads(cli(server, "indicators", "--unit", "HM", "--format", "json"))
    assert rows, "the CLI gives no rows for HM"
    return {(r["unit"], r["period"], r["indicator"]): r for r in rows}


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)


def _compare(got: list[dict], expected: dict, what: str) -> None:
    keys = [(r[HEAD["unit"]], r[HEAD["period"]], r[HEAD["indicator"]]) for r in got]
    assert len(keys) == len(set(keys)), f"{what}: duplicate rows"
    assert set(keys) == set(expected), (
        f"{what}: rows differ from the CLI: missing {sorted(set(expected) - set(keys))[:5]}, "
        f"extra {sorted(set(keys) - set(expected))[:5]}"
    )
    for key, r in zip(keys, got, strict=True):
        e = expected[key]
        assert _close(r[HEAD["value"]], e["value"]), f"{what} {key}: value {r[HEAD['value']]!r} != CLI {e['value']!r}"
        assert int(r[HEAD["numerator"]]) == e["numerator"], f"{what} {key}: numerator"
        assert int(r[HEAD["denominator"]]) == e["denominator"], f"{what} {key}: denominator"


def _cell(v):
    return None if v in (None, "") else v


def test_downloads_match_the_cli(gt_page, sample_server):
    page = gt_page
    goto(page, sample_server.url + "/du-lieu")
    expected = _expected(sample_server)
    expect(main(page).get_by_text(vi("ui.data.count", n=len(expected)), exact=True)).to_be_visible()
    assert_no_errors(page)
    screenshots(page, "data_page")

    # .xlsx
    with page.expect_download() as info:
        main(page).locator('[data-testid="stDownloadButton"] button', has_text=vi("ui.data.download_xlsx")).click()
    dl = info.value
    assert dl.suggested_filename.endswith(".xlsx"), dl.suggested_filename
    wb = load_workbook(io.BytesIO(Path(dl.path()).read_bytes()), data_only=True)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) if h is not None else "" for h in rows[0]]
    for label in HEAD.values():
        assert label in header, f"xlsx header {header} lacks {label!r}"
    got = [{h: _cell(v) for h, v in zip(header, r, strict=False)} for r in rows[1:] if any(c is not None for c in r)]
    _compare(got, expected, "xlsx")
    assert ws.freeze_panes, "xlsx: header row not frozen"
    assert ws.auto_filter.ref, "xlsx: no filter on the table"
    assert len(wb.worksheets) >= 2, "xlsx: no sheet describing the filters and the data"

    # .csv
    with page.expect_download() as info:
        main(page).locator('[data-testid="stDownloadButton"] button', has_text=vi("ui.data.download_csv")).click()
    dl = info.value
    assert dl.suggested_filename.endswith(".csv"), dl.suggested_filename
    raw = Path(dl.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "csv: no UTF-8 BOM"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    for label in HEAD.values():
        assert label in (reader.fieldnames or []), f"csv header {reader.fieldnames} lacks {label!r}"
    got = [{k: _cell(v) for k, v in r.items()} for r in reader]
    _compare(got, expected, "csv")
    assert_no_errors(page)
