"""The admin page's completeness tab (issue 16): the timeliness of a quarter per area, the deadlines
(an admin changes them), and the completeness grid with Quá hạn and Nộp muộn — every figure from
``gender_targets.campaign.timeliness``, the rule the deck, the report and the CLI use too."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets.campaign import (
    ALL_UNITS,
    CampaignError,
    deadline_for,
    deadline_list,
    due_period,
    rate_sentence,
    set_deadline,
    state_text,
    timeliness_table,
    today_vn,
    unit_states,
)
from gender_targets.errors import GenderTargetsError
from gender_targets.i18n import describe
from gender_targets.periods import parse_period
from ui.campaign import cell_category, cell_css
from ui.common import lang, page_of, period_label, tr, unit_label, unit_options
from ui.safe import md

ABSENT = "—"


def _quarters(model, log: pd.DataFrame, due) -> list[str]:
    found = {*model.periods, *log["period"].astype(str), str(due)}
    return sorted(found, key=lambda q: parse_period(q).index, reverse=True)


def timeliness_lines(store, model, quarter: str, log=None, today=None) -> list[str]:
    """ "Khu vực Hóc Môn: 38/42 đơn vị nộp đúng hạn (…)" per area (and the whole register)."""
    reg = model.register
    log = store.submission_log() if log is None else log
    rows, _ = timeliness_table(log, reg, [quarter], store.deadlines(), today or today_vn())
    out = []
    for tl in rows:
        name = tr("scale.territory") if tl.area == ALL_UNITS else reg.name(tl.area)
        out.append(f"**{md(name)}**: {md(rate_sentence(tl, lang()))}")
    return out


def completeness_section(store, model, me, is_admin: bool) -> None:
    reg = model.register
    if reg is None or (model.empty and store.is_empty()):
        st.info(tr("ui.empty.no_data"))
        return
    today = today_vn()
    due = due_period(today)
    log = store.submission_log()
    stored = store.deadlines()
    quarters = _quarters(model, log, due)

    # -- timeliness of one quarter -----------------------------------------------------------------
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    quarter = c1.selectbox(
        tr("campaign.ui.quarter"),
        quarters,
        index=quarters.index(str(due)),
        format_func=period_label,
        key="admin_timely_quarter",
    )
    deadline = deadline_for(quarter, stored)
    c2.markdown(tr("campaign.ui.deadline_of", period=period_label(quarter), date=deadline.strftime("%d/%m/%Y")))
    with st.container(key="admin_timeliness"):
        for line in timeliness_lines(store, model, quarter, log, today):
            st.markdown(line)

    # -- deadlines -----------------------------------------------------------------------------------
    with st.expander(tr("campaign.ui.deadlines_title"), expanded=False, icon=":material/event:"):
        wanted = [parse_period(q) for q in {*quarters, *stored, str(due.shift(1))}]  # the log read once
        rows = [
            d
            for d in deadline_list(store, periods=wanted, today=today)
            if d.stored or parse_period(d.period) >= due.shift(-4)
        ]
        st.dataframe(
            pd.DataFrame(
                {
                    tr("campaign.ui.h_quarter"): [period_label(d.period) for d in reversed(rows)],
                    tr("campaign.ui.h_deadline"): [d.deadline.strftime("%d/%m/%Y") for d in reversed(rows)],
                    tr("campaign.ui.h_source"): [
                        tr("campaign.ui.source_stored", who=d.set_by or "—")
                        if d.stored
                        else tr("campaign.ui.source_default")
                        for d in reversed(rows)
                    ],
                }
            ),
            hide_index=True,
            key="admin_deadlines_table",
        )
        if is_admin:
            choices = sorted({*quarters, str(due.shift(1))}, key=lambda q: parse_period(q).index, reverse=True)
            with st.form("admin_deadline_form", border=False):
                f1, f2 = st.columns(2)
                q = f1.selectbox(
                    tr("campaign.ui.quarter"),
                    choices,
                    index=choices.index(str(due)),
                    format_func=period_label,
                    key="admin_deadline_quarter",
                )
                day = f2.date_input(
                    tr("campaign.ui.h_deadline"),
                    value=deadline_for(due, stored),
                    format="DD/MM/YYYY",
                    key="admin_deadline_day",
                )
                if st.form_submit_button(tr("campaign.ui.deadline_save"), type="primary"):
                    try:
                        d = set_deadline(store, q, day, actor=me)
                    except (CampaignError, GenderTargetsError) as exc:
                        st.error(md(describe(exc, lang())))
                    else:
                        st.session_state["admin_deadline_flash"] = tr(
                            "cli.deadline.set", period=period_label(d.period), date=d.deadline.strftime("%d/%m/%Y")
                        )
                        st.rerun()
        else:
            st.caption(tr("campaign.ui.deadline_admin_only"))
    if flash := st.session_state.pop("admin_deadline_flash", None):
        st.success(flash)

    # -- the grid --------------------------------------------------------------------------------------
    grid_units = page_of(
        unit_options(model, include_areas=False), 50, key="admin_completeness_page", label=tr("scale.units_page")
    )
    states = unit_states(log, reg, quarters, stored, today, units=grid_units)
    by_key = {(r["unit"], r["period"]): r for r in states.to_dict("records")}
    labels = [(q, period_label(q)) for q in quarters]
    text_rows, css_rows = [], []
    for u in grid_units:
        texts, css = {tr("col.unit_name"): unit_label(model, u)}, {tr("col.unit_name"): ""}
        for q, label in labels:
            r = by_key.get((u, q))
            if r is None:
                texts[label], css[label] = ABSENT, "color: #6b6b6b"  # 5.3:1 (WCAG 1.4.3; #888 was 3.5:1)
            else:
                texts[label] = state_text(r, lang())
                css[label] = cell_css(cell_category(r["state"], r["timing"], r["overdue"]))
        text_rows.append(texts)
        css_rows.append(css)
    grid = pd.DataFrame(text_rows)
    styles = pd.DataFrame(css_rows, index=grid.index, columns=grid.columns)
    st.caption(tr("campaign.ui.grid_note"))
    st.dataframe(
        grid.style.apply(lambda _: styles, axis=None),
        hide_index=True,
        key="admin_completeness",
        height=min(36 * (len(grid) + 1) + 4, 760),
        column_config={
            tr("col.unit_name"): st.column_config.TextColumn(pinned=True, width="medium"),
            **{label: st.column_config.TextColumn(width=140) for _, label in labels},  # "Quá hạn 245 ngày" fits
        },
    )
