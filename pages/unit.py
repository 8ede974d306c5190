"""Đơn vị của tôi: a unit's own page, the landing page of a ``unit`` account (issue 16).

What a commune officer must see within seconds, at 1366×768 and on a phone: the quarter due, its
deadline and days left or late, what state her file is in (and, when returned, the reviewer's comment
in full), the buttons to get the pre-filled template and to send; then her numbers in words and what it
takes to meet 2030; then every submission. The first screen draws no chart (the plotly chunk is 4.7 MB
on a phone line): the trajectory comes only after an explicit "Xem biểu đồ". Every figure comes from
``gender_targets.campaign`` (timeliness, deadlines, people needed)."""

from __future__ import annotations

import streamlit as st

from gender_targets.accounts import Action, Role
from gender_targets.campaign import deadline_for, due_period, people_needed, state_text, today_vn, unit_states
from gender_targets.i18n import number
from gender_targets.periods import parse_period
from gender_targets.schema import INDICATORS
from gender_targets.template import make_template, template_bodies, template_filename
from ui.auth import require_page
from ui.common import get_model, get_store, lang, pct, period_label, query_choice, tr, unit_label
from ui.gate import page_gate
from ui.safe import md
from ui.timefmt import vn_time

page_gate(__file__)

visitor_now = require_page(Action.SUBMIT)  # a unit account (its own units), or the single-user operator
me = visitor_now.account
store = get_store()
model = get_model()
reg = model.register
if reg is None:
    st.title(tr("campaign.unit.title"))
    st.info(tr("ui.empty.no_data"))
    st.stop()

today = today_vn()
due = due_period(today)
if me is not None and me.role is Role.UNIT:
    mine = [u for u in me.units if u in reg]
else:  # the operator of a single-user app: any unit that exists in the quarter due
    mine = [u for u in reg.reporting_units if reg.is_active(u, due)] or list(reg.reporting_units)
if not mine:
    st.title(tr("campaign.unit.title"))
    st.warning(tr("campaign.unit.no_units"))
    st.stop()
unit = mine[0]
if len(mine) > 1:
    unit = query_choice(
        st.selectbox,
        tr("ui.common.unit"),
        mine,
        param="unit",
        key="unit_pick",
        format_func=lambda c: unit_label(model, c),
    )
name = reg.name(unit)
st.title(tr("campaign.unit.title_of", name=md(name)))  # register text: never markdown

# -- 1. what is due, and by when ------------------------------------------------------------------
log = store.submission_log()
deadlines = store.deadlines()
recent = [due.shift(-k) for k in range(0, 4) if reg.is_active(unit, due.shift(-k))]
states = unit_states(log, reg, recent, deadlines, today, units=[unit])
now = states[states["period"] == str(due)]
accounts = {a.username: a.label for a in store.accounts()}
with st.container(key="unit_due"):
    if now.empty:
        st.info(tr("campaign.unit.not_expected", period=period_label(str(due))))
    else:
        r = now.iloc[0].to_dict()
        label, deadline = period_label(str(due)), r["deadline"].strftime("%d/%m/%Y")
        if r["state"] == "missing" and r["overdue"]:
            st.error(tr("campaign.unit.due_overdue", period=label, deadline=deadline, days=int(r["days_late"])))
        elif r["state"] == "missing":
            days = int(r["days_left"])
            key = "campaign.unit.due_today" if days == 0 else "campaign.unit.due_left"
            st.warning(tr(key, period=label, deadline=deadline, days=days))
        elif r["state"] == "returned":
            who = accounts.get(r["reviewed_by"], r["reviewed_by"]) or "—"
            st.error(tr("campaign.unit.due_returned", period=label, deadline=deadline, who=md(who)))
            st.text(r["review_comment"] or "—")  # the reviewer's comment, in full, as plain text
        elif r["state"] == "pending":
            st.info(tr("campaign.unit.due_pending", period=label, when=vn_time(r["sent_at"]) or "—"))
        else:
            st.success(tr("campaign.unit.due_sent", period=label))
        if r["timing"] == "late" and r["state"] != "missing":
            st.caption(tr("campaign.unit.sent_late", days=int(r["days_late"])))

    b1, b2, b3 = st.columns(3)
    template_period = due if reg.is_active(unit, due) else parse_period(recent[0]) if recent else due
    if reg.is_active(unit, template_period):
        b1.download_button(
            tr("campaign.unit.template", period=period_label(str(template_period))),
            data=lambda: make_template(
                reg,
                unit,
                template_period,
                deadline=deadline_for(template_period, deadlines),
                targets=model.targets,
                # phone: her own agencies, from her last accepted quarter (template.template_bodies)
                bodies=template_bodies(reg, unit, template_period, store.active_bodies(units=[unit])),
            ),
            file_name=template_filename(unit, template_period),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="unit_template",
            icon=":material/download:",
            type="primary",
            width="stretch",
        )
    b2.page_link("pages/upload.py", label=tr("campaign.unit.send_file"), icon=":material/upload_file:")
    b3.page_link("pages/entry.py", label=tr("campaign.unit.send_form"), icon=":material/edit_note:")

older = states[(states["period"] != str(due)) & states["state"].isin(["missing", "returned"])]
for r in older.to_dict("records"):
    st.warning(tr("campaign.unit.older", period=period_label(r["period"]), state=state_text(r, lang())))

# -- 2. the unit's numbers in words, and what it takes ------------------------------------------------
st.subheader(tr("campaign.unit.numbers_title"))
if model.empty or unit not in set(model.indicators["unit"]):
    st.info(tr("campaign.unit.no_numbers"))
else:
    needs = people_needed(model.indicators, model.targets, unit, today)
    rows = model.indicators[(model.indicators["unit"] == unit) & model.indicators["value"].notna()]
    for ind in INDICATORS:
        mine_rows = rows[rows["indicator"] == ind]
        if mine_rows.empty:
            continue
        latest = mine_rows.iloc[int(mine_rows["period"].map(lambda p: parse_period(p).index).to_numpy().argmax())]
        need = needs.get(ind)
        line = tr(
            f"campaign.unit.value_{ind}",
            period=period_label(latest["period"]),
            num=number(latest["numerator"], lang()),
            den=number(latest["denominator"], lang()),
            value=pct(latest["value"]),
        )
        if need is not None:
            target = pct(need.target).replace(",0%", "%").replace(".0%", "%")
            if need.more == 0:
                line += " " + tr("campaign.unit.need_met", target=target, year=need.final_year)
            else:
                line += " " + tr(
                    f"campaign.unit.need_{ind}",
                    target=target,
                    year=need.final_year,
                    base=number(need.base, lang()),
                    need=number(need.need, lang()),
                    more=number(need.more, lang()),
                    per_year=number(need.per_year, lang()),
                )
        st.markdown(f"- **{ind} · {INDICATORS[ind].short(lang())}**: {line}")
    st.caption(tr("campaign.unit.need_method"))

# -- 3. every submission ---------------------------------------------------------------------------------
st.subheader(tr("campaign.unit.history_title"))
subs = log[(log["unit"] == unit) & (log["status"] != "rolled_back")].sort_values("id", ascending=False)
if subs.empty:
    st.info(tr("campaign.unit.no_history"))
else:
    import pandas as pd

    state_word = {s: tr(f"campaign.unit.status_{s}") for s in ("active", "superseded", "pending", "returned")}
    table = pd.DataFrame(
        {
            tr("ui.common.quarter"): subs["period"].map(period_label),
            tr("campaign.unit.h_sent"): subs["uploaded_at"].map(vn_time),
            tr("campaign.unit.h_file"): subs["file_name"],
            tr("campaign.unit.h_state"): subs["status"].map(state_word),
            tr("campaign.unit.h_reviewer"): subs["reviewed_by"].map(lambda u: accounts.get(u, u) if u else ""),
            tr("campaign.unit.h_comment"): subs["review_comment"],
        }
    )
    st.dataframe(table, hide_index=True, key="unit_history")
    for r in subs[subs["status"] == "returned"].head(5).itertuples():
        st.markdown(
            tr(
                "campaign.unit.returned_comment",
                id=int(r.id),
                period=period_label(r.period),
                who=md(accounts.get(r.reviewed_by, r.reviewed_by) or "—"),
            )
        )
        st.text(r.review_comment or "—")

# -- 4. the trajectory, only when asked for (no plotly on the first screen) --------------------------------
st.subheader(tr("campaign.unit.chart_title"))
if not st.session_state.get("unit_show_chart"):
    if st.button(tr("campaign.unit.show_chart"), key="unit_show_chart_button", icon=":material/show_chart:"):
        st.session_state["unit_show_chart"] = True
        st.rerun()
else:
    from gender_targets import charts
    from gender_targets.judgement import judge_series
    from gender_targets.progress import assess, projection_point, required_path_frame
    from ui.charts import show_chart
    from ui.common import series_of, settled_series

    for ind in INDICATORS:
        series, _ = settled_series(model, unit, ind)
        if series.empty:
            continue
        prog = assess(series[["period", "value", "reconstructed"]], ind, model.targets)
        path = required_path_frame(prog)[["period", "value"]] if prog.required_path else None
        chart = charts.trajectory_chart(  # issue 17: named, summarised, its numbers in a table
            series,
            ind,
            model.targets,
            status=judge_series(series_of(model, unit, ind), ind, model.targets).status,
            required_path=path,
            projection=projection_point(prog),
            lang=lang(),
            unit_name=name,
            height=380,
        )
        show_chart(chart, key=f"unit_chart_{ind}", config=charts.config(lang(), f"don-vi-{ind}-{unit}"))
    if st.button(tr("campaign.unit.hide_chart"), key="unit_hide_chart_button"):
        st.session_state["unit_show_chart"] = False
        st.rerun()
