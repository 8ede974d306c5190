"""Tables without Streamlit's own "Download as CSV" (second attack pass).

Every ``st.dataframe`` has a toolbar whose "Download as CSV" writes each cell as it is shown: an agency
name or a note a unit sent as ``=HYPERLINK("http://…";"Xem")`` is a live formula when a reviewer opens
that file in Excel. The app's own downloads (``gender_targets.exports``: the data page, reports) never
carry a formula (SPEC §9), and Streamlit has no switch for this button (streamlit/streamlit#8402), so
it is hidden here, for every table on every page, by its label in either language (``ui/access.py``
says Streamlit's words in Vietnamese). Search, columns and full screen stay."""

from __future__ import annotations

import streamlit as st

from gender_targets.i18n import t

__all__ = ["no_raw_table_csv"]


def no_raw_table_csv() -> None:
    """Hide the toolbar's CSV download of every table (drawn once per run by ``app.py``)."""
    labels = sorted({"Download as CSV", t("access.st.download_csv", "vi"), t("access.st.download_csv", "en")})
    rules = ", ".join(f'[data-testid="stElementToolbarButton"]:has(button[aria-label="{label}"])' for label in labels)
    st.html(f"<style>{rules} {{display: none !important;}}</style>")
