"""Phương pháp: indicator definitions, sources, the progress method, how to fill in the template."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages.common import lang, tr

DOC = Path(__file__).resolve().parents[1] / "docs" / "method.md"

st.title(tr("ui.method.title"))
text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
# docs/method.md holds the Vietnamese part first, then "# English" / a line "---" and the English part.
parts = text.split("\n---\n", 1)
body = parts[1] if lang() == "en" and len(parts) > 1 else parts[0]
st.markdown(body)
st.divider()
st.subheader(tr("ui.method.template_title"))
st.markdown(tr("ui.method.template_body"))
st.page_link("pages/upload.py", label=tr("ui.nav.upload"), icon=":material/upload_file:")
