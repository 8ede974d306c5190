"""Báo cáo: the quarterly report (Word laid out as Nghị định 30/2020/NĐ-CP, or PDF) for a quarter
and an area, with a download button. The document is made by ``gender_targets.reports``."""

from __future__ import annotations

import streamlit as st

from gender_targets.errors import GenderTargetsError
from gender_targets.exports import slugify
from gender_targets.i18n import describe, t
from gender_targets.judgement import judge_series
from gender_targets.reports import ReportOptions, find_soffice, make_report
from ui.common import data_page, get_store, lang, period_label, series_of, tr, unit_label
from ui.gate import page_gate
from ui.judgement import provisional_text

page_gate(__file__)

model = data_page("ui.report.title")
reg = model.register
st.caption(tr("ui.report.intro"))

c1, c2, c3 = st.columns([2, 2, 1])
periods = model.periods[::-1]
period = c1.selectbox(tr("ui.common.quarter"), periods, format_func=period_label, key="report_period")
areas = reg.areas
area = c2.selectbox(tr("ui.common.area"), areas, format_func=lambda c: unit_label(model, c), key="report_area")
fmt = c3.radio(
    tr("ui.report.format"),
    ["docx", "pdf"],
    key="report_format",
    horizontal=True,
    format_func=lambda f: "Word (.docx)" if f == "docx" else "PDF",
)
with st.expander(tr("ui.report.heading_options")):
    agency = st.text_input(
        tr("ui.report.agency"), key="report_agency", placeholder=t("report.agency", lang(), area=reg.name(area))
    )
    parent = st.text_input(
        tr("ui.report.parent_agency"), key="report_parent", placeholder=t("report.parent_agency", lang())
    )
    place = st.text_input(tr("ui.report.place"), key="report_place")
# the one judgement: a quarter still coming in is reported as provisional, the area judged on an earlier one
partial = provisional_text(judge_series(series_of(model, area, "I1"), "I1", model.targets, as_of=period))
if partial:
    st.info(partial, icon=":material/hourglass_top:")
if fmt == "pdf" and find_soffice() is None:
    st.warning(describe(GenderTargetsError("report_no_soffice"), lang()))

# the report made is shown only for the choices it was made with: switching to PDF after making
# the Word file must not offer the Word file under "ready" (phone walk-through)
choices = (period, area, fmt, lang(), agency, parent, place)
if st.session_state.get("report_file", (None,) * 5)[4] != choices:
    st.session_state.pop("report_file", None)

if st.button(tr("ui.report.make"), type="primary", key="report_make", icon=":material/description:"):
    options = ReportOptions(parent_agency=parent or None, agency=agency or None, place=place or None)
    with st.spinner(tr("ui.report.working")):
        try:
            rep = make_report(get_store(), period, area, lang(), fmt, options=options)
        except GenderTargetsError as exc:
            st.error(describe(exc, lang()))
            rep = None
    if rep is not None:
        name = slugify(t("report.file_name", lang(), period=period, area=reg.name(area))) + "." + fmt
        st.session_state["report_file"] = (name, rep.data, fmt, rep.chart_problem, choices)

if "report_file" in st.session_state:
    name, data, kind, problem, _ = st.session_state["report_file"]
    if problem:
        st.warning(t("report.chart_warning", lang(), reason=t(f"report.chart_missing.{problem}", lang())))
    st.success(tr("ui.report.ready", name=name))
    mime = (
        "application/pdf"
        if kind == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    st.download_button(
        tr("ui.report.download"),
        data,
        file_name=name,
        mime=mime,
        key="report_download",
        type="primary",
        icon=":material/download:",
    )
