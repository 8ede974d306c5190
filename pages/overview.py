"""Tổng quan: the area's three indicators as cards, a trajectory per indicator, the current units."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import charts
from gender_targets.periods import parse_period
from gender_targets.progress import assess
from gender_targets.schema import INDICATORS
from ui.common import (
    current_units,
    get_model,
    indicator_label,
    lang,
    milestone_badge,
    pct,
    period_label,
    require_data,
    series_of,
    settled_series,
    signed,
    status_badge,
    status_css,
    status_row,
    tr,
    unit_label,
)
from ui.safe import md

model = get_model()
st.title(tr("ui.overview.title"))
require_data(model)
reg = model.register

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
        area=md(reg.name(area)),
        period=period_label(latest),
        sent=sent,
        total=len([u for u in units_now if reg.is_active(u, parse_period(latest))]),
    )
)

# The cards judge the area on its latest COMPLETE quarter: while a quarter is still coming in
# (some units have not sent), its pooled value is shown as partial, not as the area's figure.
settled, pending = settled_series(model, area, "I1")
headline = settled["period"].iloc[-1] if not settled.empty else latest
if pending:
    part = series_of(model, area, "I1").set_index("period").loc[pending[-1]]
    st.warning(
        tr(
            "ui.overview.partial",
            period=period_label(pending[-1]),
            sent=int(part["units_reporting"]),
            total=int(part["units_expected"]),
            used=period_label(headline),
        ),
        icon=":material/hourglass_top:",
    )

cols = st.columns(3)
first_year = int(model.targets["year"].min())
for col, ind in zip(cols, INDICATORS, strict=True):
    series, _ = settled_series(model, area, ind)
    prog = assess(series[["period", "value", "reconstructed"]], ind, model.targets)
    by_period = dict(zip(series["period"], series["value"], strict=True))
    with col.container(border=True):
        st.markdown(f"**{indicator_label(ind, short=False)}**")
        value = prog.value
        here = parse_period(prog.period) if prog.period else parse_period(headline)
        prev = by_period.get(str(here.shift(-1)))
        year_ago = by_period.get(str(here.shift(-4)))
        delta = value - prev if value is not None and prev is not None and prev == prev else None
        flat = delta is not None and round(delta, 1) == 0
        st.metric(
            tr("ui.overview.latest", period=period_label(str(here))),
            pct(value),
            delta=None if delta is None else tr("ui.overview.delta_q", delta=signed(0.0 if flat else delta)),
            delta_color="off" if flat else "normal",
            delta_arrow="off" if flat else "auto",
        )
        if value is not None and year_ago is not None and year_ago == year_ago:
            st.caption(tr("ui.overview.delta_y", delta=signed(value - year_ago)))
        # milestone of the first target year, status toward the final one, gap
        for m in prog.milestones:
            if m.year == first_year:
                st.markdown(
                    tr("ui.overview.milestone", year=m.year, target=pct(m.target))
                    + " "
                    + milestone_badge(str(m.result))
                    + (f" ({pct(m.value)}, {period_label(m.period)})" if m.period else "")
                )
        st.markdown(tr("ui.overview.status", year=prog.final_year) + " " + status_badge(str(prog.status)))
        if prog.gap is not None and prog.next_milestone_year:
            if prog.gap > 0:
                st.caption(tr("ui.overview.gap", gap=signed(prog.gap).lstrip("+"), year=prog.next_milestone_year))
            else:
                st.caption(tr("ui.overview.gap_met", year=prog.next_milestone_year))
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
    colcfg[ind] = st.column_config.TextColumn(ind, width="small")
    colcfg[f"{ind}_status"] = st.column_config.TextColumn(tr("ui.overview.status_col", ind=ind), width="medium")
colcfg["link"] = st.column_config.LinkColumn(tr("ui.overview.link"), display_text=tr("ui.overview.link_text"))
styled = table.style
for ind in INDICATORS:
    styled = styled.apply(
        lambda col, ind=ind: [status_css(codes.get((i, ind))) for i in range(len(col))], subset=[f"{ind}_status"]
    )
st.dataframe(styled, hide_index=True, column_config=colcfg, key="overview_units")
st.caption(tr("ui.overview.units_note"))
