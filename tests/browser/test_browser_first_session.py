"""The first browser session after the server starts behaves like any other.

Known failure (Streamlit 1.67 with ``st.navigation``): a widget drawn by the entrypoint (app.py)
before ``nav.run()`` gets its element id from the *active script hash*, which differs between the
server's very first script run and the following ones. The first click on the sidebar language
switch is sent with the first run's id, the next run no longer knows that id, and the click is
lost: the switch springs back to "Tiếng Việt". Later clicks, and every later session, work.
"""

from __future__ import annotations

import pytest
from browser_helpers import expect, goto, main, settle, sidebar

pytestmark = pytest.mark.browser


@pytest.mark.xfail(
    reason="app bug: in the first session after a server start the first click on the language switch is lost",
    raises=AssertionError,
    strict=False,
)
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
