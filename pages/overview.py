"""Tổng quan: the area's three indicators as cards, a trajectory per indicator, the current units."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import charts
from gender_targets.periods import parse_period
from gender_targets.schema import INDICATORS
from pages.common import (
    current_units,
    get_model,
    indicator_label,
    lang,
    milestone_badge,
    pct,
    period_label,
    require_data,
    series_of,
    signed,
    status_badge,
    status_css,
    status_row,
    tr,
    unit_label,
)

model = get_model()
require_data(model)
reg = model.register

st.title(tr("ui.overview.title"))
areas = reg.areas
area = areas[0]
if len(areas) > 1:
    area = st.selectbox(tr("ui.common.area"), areas, format_func=lambda c: unit_label(model, c), key="overview_area")

latest = model.latest
units_now = current_units(model)
sent = model.bodies[model.bodies["period"] == latest]["unit"].nunique()
st.caption(
    tr(
        "ui.overview.subtitle",
        area=reg.name(area),
        period=period_label(latest),
        sent=sent,
        total=len([u for u in units_now if reg.is_active(u, parse_period(latest))]),
    )
)

cols = st.columns(3)
first_year = int(model.targets["year"].min())
for col, ind in zip(cols, INDICATORS, strict=True):
    series = series_of(model, area, ind)
    srow = status_row(model, area, ind) or {}
    with col.container(border=True):
        st.markdown(f"**{indicator_label(ind, short=False)}**")
        last = series.dropna(subset=["value"]).tail(5)
        value = last["value"].iloc[-1] if not last.empty else None
        prev = series[series["period"] == str(parse_period(latest).shift(-1))]["value"]
        year_ago = series[series["period"] == str(parse_period(latest).shift(-4))]["value"]
        delta = None
        if value is not None and not prev.empty and prev.notna().iloc[0]:
            delta = value - prev.iloc[0]
        st.metric(
            tr("ui.overview.latest", period=period_label(srow.get("period") or latest)),
            pct(value),
            delta=None if delta is None else tr("ui.overview.delta_q", delta=signed(delta)),
        )
        if value is not None and not year_ago.empty and year_ago.notna().iloc[0]:
            d = value - year_ago.iloc[0]
            st.caption(tr("ui.overview.delta_y", delta=signed(d)))
        # milestone of the first target year, status toward the final one, gap
        for m in srow.get("milestones") or []:
            if m["year"] == first_year:
                st.markdown(
                    tr("ui.overview.milestone", year=m["year"], target=pct(m["target"]))
                    + " "
                    + milestone_badge(m["result"])
                    + (f" ({pct(m['value'])}, {period_label(m['period'])})" if m.get("period") else "")
                )
        final_year = int(model.targets[model.targets["indicator"] == ind]["year"].max())
        st.markdown(tr("ui.overview.status", year=final_year) + " " + status_badge(srow.get("status")))
        gap = srow.get("gap")
        if gap is not None and gap == gap and srow.get("next_milestone_year"):
            if gap > 0:
                st.caption(tr("ui.overview.gap", gap=pct(gap).rstrip("%"), year=int(srow["next_milestone_year"])))
            else:
                st.caption(tr("ui.overview.gap_met", year=int(srow["next_milestone_year"])))
        fig = charts.sparkline_figure(series, ind, model.targets, lang=lang())
        st.plotly_chart(fig, key=f"overview_spark_{ind}", config=charts.config(lang(), f"tong-quan-{ind}"))

st.subheader(tr("ui.overview.units_title", period=period_label(latest)))
rows = []
codes: dict = {}
for u in units_now:
    row = {"unit": unit_label(model, u)}
    for ind in INDICATORS:
        s = status_row(model, u, ind) or {}
        row[ind] = pct(s.get("value"))
        row[f"{ind}_status"] = tr("status." + s["status"]) if s.get("status") else ""
        codes[(len(rows), ind)] = s.get("status")
    row["link"] = f"lo-trinh?unit={u}" + ("&lang=en" if lang() == "en" else "")
    rows.append(row)
table = pd.DataFrame(rows)
colcfg = {"unit": st.column_config.TextColumn(tr("col.unit_name"), width="medium")}
for ind in INDICATORS:
    colcfg[ind] = st.column_config.TextColumn(ind)
    colcfg[f"{ind}_status"] = st.column_config.TextColumn(tr("ui.overview.status_col", ind=ind))
colcfg["link"] = st.column_config.LinkColumn(tr("ui.overview.link"), display_text=tr("ui.overview.link_text"))
styled = table.style
for ind in INDICATORS:
    styled = styled.apply(
        lambda col, ind=ind: [status_css(codes.get((i, ind))) for i in range(len(col))], subset=[f"{ind}_status"]
    )
st.dataframe(styled, hide_index=True, column_config=colcfg, key="overview_units")
st.caption(tr("ui.overview.units_note"))
