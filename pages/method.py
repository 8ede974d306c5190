"""Phương pháp: indicator definitions, sources, the progress method, how to fill in the template."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.common import lang, tr
from ui.gate import page_gate

page_gate(__file__)

DOC = Path(__file__).resolve().parents[1] / "docs" / "method.md"

st.title(tr("ui.method.title"))
st.subheader(tr("ui.method.sources_title"))
st.markdown(tr("ui.method.sources"))
text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
# docs/method.md: a short preface, "## Tiếng Việt" …, then "## English" ….
vi_part = text.split("## Tiếng Việt", 1)[-1].split("## English", 1)[0]
en_part = text.split("## English", 1)[-1] if "## English" in text else vi_part
body = en_part if lang() == "en" else vi_part
st.markdown(body)
st.divider()
st.subheader(tr("ui.method.template_title"))
st.markdown(tr("ui.method.template_body"))
st.page_link("pages/upload.py", label=tr("ui.nav.upload"), icon=":material/upload_file:")
