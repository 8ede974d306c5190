"""Nộp số liệu: download a pre-filled template; upload workbooks, see every issue, preview, store."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from gender_targets.accounts import Action, foreign_unit_issues, foreign_units
from gender_targets.errors import GenderTargetsError
from gender_targets.exports import export_filename, issues_to_xlsx
from gender_targets.i18n import describe
from gender_targets.indicators import COUNT_PAIRS, aggregate_bodies, ratio
from gender_targets.periods import Period, parse_period, period_range
from gender_targets.schema import INDICATORS
from gender_targets.template import make_template, template_filename
from gender_targets.validation import issues_frame
from ui.auth import require_page
from ui.common import get_model, get_store, lang, pct, period_label, register_upload_form, tr, unit_label
from ui.safe import md

STATE = "upload_parsed"  # our own copy of the uploads: survives a page switch
MAX_LISTED = 15  # issues listed in words per file; all of them are in the table and the report

me = require_page(Action.SUBMIT, Action.IMPORT).account  # accounts: None = the local operator
store = get_store()
model = get_model()
reg = model.register
st.title(tr("ui.upload.title"))

# -- 1. template ----------------------------------------------------------------------------
if reg is None:
    st.warning(tr("ui.upload.no_register"))
    register_upload_form(store, key="upload_register", actor=me)
    st.stop()

with st.container(border=True):
    st.subheader(tr("ui.upload.template_title"))
    today_q = Period.of_date(dt.date.today())
    quarters = [str(p) for p in period_range(Period(2021, 4), today_q)][::-1]
    default_q = str(today_q.shift(-1))
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="bottom")
    t_quarter = c1.selectbox(
        tr("ui.common.quarter"),
        quarters,
        index=quarters.index(default_q),
        format_func=period_label,
        key="upload_tpl_quarter",
    )
    active = [u for u in reg.reporting_units if reg.is_active(u, parse_period(t_quarter))]
    active = [u for u in active if not foreign_units(me, [u])]  # a unit account: its own units
    if not active:
        c2.info(tr("ui.upload.no_active_units"))
    else:
        t_unit = c2.selectbox(
            tr("ui.common.unit"), active, format_func=lambda c: unit_label(model, c), key="upload_tpl_unit"
        )
        data = make_template(reg, t_unit, parse_period(t_quarter))
        c3.download_button(
            tr("ui.upload.template_button"),
            data=data,
            file_name=template_filename(t_unit, parse_period(t_quarter)),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="upload_tpl_download",
            icon=":material/download:",
        )

# -- 2. upload --------------------------------------------------------------------------------
st.subheader(tr("ui.upload.files_title"))
st.caption(tr("ui.upload.browse_hint"))
files = st.file_uploader(
    tr("ui.upload.uploader"),
    accept_multiple_files=True,
    key="upload_files",
    help=tr("ui.upload.uploader_help"),
)
parsed: list[dict] = st.session_state.setdefault(STATE, [])
seen: set = st.session_state.setdefault("upload_seen", set())  # every upload already parsed once
new_files = [f for f in files or [] if f"{f.name}:{f.size}:{f.file_id}" not in seen]
if new_files:
    bar = st.progress(0.0, text=tr("ui.upload.checking"))
    for i, f in enumerate(new_files, 1):
        data = f.getvalue()
        report = store.check(data, f.name, register=reg)
        report.issues.extend(foreign_unit_issues(me, [s.unit for s in report.submissions]))  # accounts
        seen.add(f"{f.name}:{f.size}:{f.file_id}")
        parsed.append(
            {
                "key": f"{f.name}:{f.size}:{f.file_id}",
                "name": f.name,
                "data": data,
                "sha": hashlib.sha256(data).hexdigest(),
                "report": report,
            }
        )
        bar.progress(i / len(new_files), text=tr("ui.upload.checking"))
    bar.empty()

if msgs := st.session_state.pop("upload_last_result", None):
    st.success("\n\n".join(msgs))

if not parsed:
    st.info(tr("ui.upload.nothing_yet"))
    st.stop()


def preview(sub) -> pd.DataFrame:
    """Indicators the submission would give, beside what is stored now for the same unit-quarter."""
    bodies = sub.bodies.assign(unit=sub.unit, period=str(sub.period))
    agg = aggregate_bodies(bodies).iloc[0]
    stored = model.indicators
    rows = []
    for ind, (num, den) in COUNT_PAIRS.items():
        now = (
            stored[
                (stored["unit"] == sub.unit)
                & (stored["period"] == str(sub.period))
                & (stored["indicator"] == ind)
                & (~stored["reconstructed"])
            ]
            if not stored.empty
            else stored
        )
        rows.append(
            {
                tr("col.indicator"): f"{ind} · {INDICATORS[ind].short(lang())}",
                tr("ui.upload.new_value"): f"{pct(ratio([agg[num]], [agg[den]])[0])} ({int(agg[num])}/{int(agg[den])})",
                tr("ui.upload.stored_value"): (
                    f"{pct(now['value'].iloc[0])} ({int(now['numerator'].iloc[0])}/{int(now['denominator'].iloc[0])})"
                    if len(now) and now["units_reporting"].iloc[0] > 0
                    else "—"
                ),
            }
        )
    return pd.DataFrame(rows)


ok_files = [p for p in parsed if p["report"].ok]
for idx, p in enumerate(parsed):
    rep = p["report"]
    subs = rep.submissions
    if rep.ok:
        what = ", ".join(f"{reg.name(s.unit)} {period_label(str(s.period))}" for s in subs[:3])
        if len(subs) > 3:
            what += tr("ui.upload.and_more", n=len(subs) - 3)
        head = tr("ui.upload.file_ok", name=md(p["name"]), what=md(what), warnings=len(rep.warnings))
        icon = ":material/warning:" if rep.warnings else ":material/check_circle:"
    else:
        head = tr("ui.upload.file_bad", name=md(p["name"]), errors=len(rep.errors), warnings=len(rep.warnings))
        icon = ":material/error:"
    with st.expander(head, expanded=not rep.ok or len(parsed) == 1, icon=icon):
        if subs:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("col.unit_name"): unit_label(model, s.unit),
                            tr("col.period"): period_label(str(s.period)),
                            tr("ui.upload.bodies"): len(s.bodies),
                        }
                        for s in subs
                    ]
                ),
                hide_index=True,
                key=f"upload_subs_{idx}",
            )
        if rep.errors:
            st.error("\n".join(f"- {md(i.message(lang()))}" for i in rep.errors[:MAX_LISTED]))
        if rep.warnings:
            st.warning("\n".join(f"- {md(i.message(lang()))}" for i in rep.warnings[:MAX_LISTED]))
        if len(rep.issues) > MAX_LISTED:
            st.caption(tr("ui.upload.more_in_table", n=len(rep.issues)))
        if rep.issues:
            frame = issues_frame(rep.issues, lang())
            frame["severity"] = frame["severity"].map(lambda s: tr(f"severity.{s}"))
            frame.columns = [tr("col.found") if c == "value" else tr(f"col.{c}") for c in frame.columns]
            st.dataframe(frame, hide_index=True, key=f"upload_issues_{idx}")
        if rep.ok and len(subs) <= 8:
            for s in subs:
                st.markdown(f"**{md(unit_label(model, s.unit))} · {period_label(str(s.period))}**")
                st.dataframe(preview(s), hide_index=True, key=f"upload_preview_{idx}_{s.unit}_{s.period}")
        if st.button(tr("ui.upload.remove_file"), key=f"upload_remove_{idx}"):
            parsed.pop(idx)
            st.rerun()

# -- 3. store ---------------------------------------------------------------------------------
report_rows = []
for p in parsed:
    fr = issues_frame(p["report"].issues, lang(), file=p["name"])
    report_rows.append(fr)
all_issues = pd.concat(report_rows, ignore_index=True) if report_rows else pd.DataFrame()

c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
if me is None:
    by = c1.text_input(tr("ui.upload.by"), key="upload_by", placeholder=tr("ui.upload.by_placeholder"))
else:  # signed in: the account is who submits, no free text
    by = c1.text_input(tr("ui.auth.by_account"), value=me.label, disabled=True, key="upload_by_account")
c2.download_button(
    tr("ui.upload.report_button"),
    data=issues_to_xlsx(all_issues, lang()),
    file_name=export_filename("bao-cao-kiem-tra", "xlsx", dt.datetime.now()),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="upload_report_download",
    icon=":material/download:",
)
if c3.button(tr("ui.upload.clear"), key="upload_clear"):
    st.session_state[STATE] = []
    st.rerun()

if ok_files:
    if st.button(tr("ui.upload.store_button", n=len(ok_files)), type="primary", key="upload_store"):
        bar = st.progress(0.0, text=tr("ui.upload.storing"))
        stored_msgs = []
        for i, p in enumerate(ok_files, 1):
            try:
                res = store.import_file(p["data"], p["name"], by=by.strip(), actor=me)
            except GenderTargetsError as exc:  # e.g. a unit account and another unit's file
                stored_msgs.append(md(describe(exc, lang())))
                continue
            if res.report.ok and me is not None and me.role == "unit" and not res.unchanged:
                stored_msgs.append(tr("ui.upload.sent_for_review", name=md(p["name"]), n=len(res.ids)))
            elif res.report.ok:
                stored_msgs.append(
                    tr(
                        "ui.upload.stored_one",
                        name=md(p["name"]),
                        n=len(res.ids),
                        unchanged=tr("ui.upload.unchanged") if res.unchanged else "",
                    )
                )
            else:
                stored_msgs.append("❌ " + md(p["name"]))
            bar.progress(i / len(ok_files), text=tr("ui.upload.storing"))
        st.session_state[STATE] = [p for p in parsed if not p["report"].ok]
        st.session_state["upload_last_result"] = stored_msgs
        st.rerun()
else:
    st.warning(tr("ui.upload.none_valid"))
