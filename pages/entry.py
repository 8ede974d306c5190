"""Nhập trên web: a unit account fills its quarter in a table instead of Excel, and sees its
submissions and their review state. The rows become the unit's workbook (``gender_targets.entry``)
and go through the same check and import as an uploaded file."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from gender_targets import intake
from gender_targets.accounts import Action
from gender_targets.entry import ENTRY_COLUMNS, MAX_ROWS, entry_filename, entry_rows, entry_workbook
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.periods import Period, parse_period, period_range
from gender_targets.schema import COUNT_COLUMNS, BodyType
from gender_targets.validation import issues_frame
from ui.auth import require_page
from ui.common import get_model, get_store, lang, period_label, tr, unit_label
from ui.gate import page_gate
from ui.safe import md
from ui.timefmt import vn_time

page_gate(__file__)

v = require_page(Action.SUBMIT)
me = v.account
store = get_store()
model = get_model()
reg = model.register
st.title(tr("ui.entry.title"))
if reg is None:
    st.info(tr("ui.upload.no_register"))
    st.stop()
if notice := st.session_state.pop("entry_notice", None):  # campaign: the e-mail to the reviewers
    from ui.campaign import show_notice

    show_notice(notice)
if flash := st.session_state.pop("entry_flash", None):
    st.success(flash)

# -- my submissions and their review state --------------------------------------------------------
my_units = list(me.units) if me is not None and me.units else list(reg.reporting_units)
with st.container(border=True):
    st.subheader(tr("ui.entry.mine"))
    hist = store.history()
    mine = hist[hist["unit"].isin(my_units)].head(40)
    if mine.empty:
        st.caption(tr("ui.entry.none_yet"))
    else:
        shown = pd.DataFrame(
            {
                tr("ui.admin.h_id"): mine["id"],
                tr("ui.admin.h_unit"): mine["unit"],
                tr("ui.admin.h_period"): mine["period"].map(period_label),
                tr("ui.admin.h_file_name"): mine["file_name"],
                tr("ui.entry.h_sent"): mine["uploaded_at"].map(vn_time),
                tr("ui.admin.h_status"): mine["status"].map(lambda s: tr(f"ui.admin.status_{s}")),
                tr("ui.entry.h_reviewed_by"): mine["reviewed_by"],
                tr("ui.entry.h_comment"): mine["review_comment"],
            }
        )
        st.dataframe(shown, hide_index=True, key="entry_mine")

# -- the form -------------------------------------------------------------------------------------
st.subheader(tr("ui.entry.form_title"))
today_q = Period.of_date(dt.date.today())
quarters = [str(p) for p in period_range(Period(2021, 4), today_q)][::-1]
c1, c2 = st.columns(2)
quarter = c1.selectbox(
    tr("ui.common.quarter"),
    quarters,
    index=quarters.index(str(today_q.shift(-1))),
    format_func=period_label,
    key="entry_quarter",
)
period = parse_period(quarter)
units = [u for u in my_units if u in reg and reg.is_active(u, period)]
if not units:
    st.info(tr("ui.upload.no_active_units"))
    st.stop()
unit = c2.selectbox(tr("ui.common.unit"), units, format_func=lambda c: unit_label(model, c), key="entry_unit")

start_key = f"entry_start_{unit}_{quarter}"
if start_key not in st.session_state:
    st.session_state[start_key] = entry_rows(reg, unit, period, store.active_bodies(units=[unit]))
st.caption(tr("ui.entry.hint", max=MAX_ROWS))
type_options = [str(t) for t in BodyType]
count_cfg = {c: st.column_config.NumberColumn(tr(f"col.{c}"), min_value=0, step=1, format="%d") for c in COUNT_COLUMNS}
edited = st.data_editor(
    st.session_state[start_key],
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key=f"entry_editor_{unit}_{quarter}",
    column_order=ENTRY_COLUMNS,
    column_config={
        "body_name": st.column_config.TextColumn(tr("col.body_name"), required=True, width="large"),
        "body_type": st.column_config.SelectboxColumn(tr("col.body_type"), options=type_options, required=True),
        **count_cfg,
        "note": st.column_config.TextColumn(tr("col.note")),
    },
)

c1, c2 = st.columns(2)
check_clicked = c1.button(tr("ui.entry.check"), key="entry_check", width="stretch")
send_clicked = c2.button(tr("ui.entry.send"), type="primary", key="entry_send", width="stretch")
if check_clicked or send_clicked:
    name = entry_filename(unit, period)
    try:
        data = entry_workbook(reg, unit, period, edited, prepared_by=me.label if me else "")
    except GenderTargetsError as exc:
        st.error(md(describe(exc, lang())))
        st.stop()
    report = intake.check_upload(data, name, store=store, register=reg)
    if report.issues:
        (st.error if not report.ok else st.warning)("\n".join(f"- {md(i.message(lang()))}" for i in report.issues[:15]))
        st.caption(tr("ui.entry.rows_note"))
        frame = issues_frame(report.issues, lang())
        frame["severity"] = frame["severity"].map(lambda s: tr(f"severity.{s}"))
        frame.columns = [tr("col.found") if c == "value" else tr(f"col.{c}") for c in frame.columns]
        st.dataframe(frame, hide_index=True, key="entry_issues")
    elif check_clicked:
        st.success(tr("ui.entry.valid"))
    if send_clicked and report.ok:
        try:
            result = store.save_report(report, data, name, actor=me)  # the report just checked
        except GenderTargetsError as exc:
            st.error(md(describe(exc, lang())))
        else:
            if result.ok:
                del st.session_state[start_key]
                st.session_state.pop(f"entry_editor_{unit}_{quarter}", None)
                key = "ui.entry.unchanged" if result.unchanged else "ui.entry.sent" if me else "ui.entry.stored"
                st.session_state["entry_flash"] = tr(key, period=period_label(quarter), unit=unit)
                if me is not None and me.role == "unit" and not result.unchanged:  # campaign: tell the reviewers
                    from ui.campaign import notify_after

                    ids = [int(i) for i in result.ids.values()]
                    st.session_state["entry_notice"] = notify_after("submitted", ids, by=me.username)
                st.rerun()
