"""The first browser session after the server starts behaves like any other.

Guards a fixed bug (Streamlit 1.67 with ``st.navigation``): a widget drawn by the entrypoint
(app.py) *before* ``st.navigation`` gets its element id from an active script hash that differs
between the server's very first script run and the following ones, so the first click on the
language switch of a fresh server was lost. app.py now draws the switch after ``st.navigation``.
"""

from __future__ import annotations

import pytest
from browser_helpers import expect, goto, main, settle, sidebar

pytestmark = pytest.mark.browser


def test_first_click_on_language_switch_in_first_session(gt_page, start_server):
    server = start_server(sample=False, name="first-session", warm=False)
    try:
        page = gt_page
        goto(page, server.url + "/", timeout=120_000)
        sidebar(page).get_by_role("radio", name="English").click()
        settle(page)
        expect(sidebar(page).get_by_role("radio", name="English")).to_have_attribute(
            "aria-checked", "true", timeout=5_000
        )
        expect(main(page).get_by_text("There is no data yet")).to_be_visible(timeout=5_000)
    finally:
        server.stop()
