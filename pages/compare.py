"""So sánh đơn vị: ranking for a quarter, a heatmap of units × quarters, small multiples."""

from __future__ import annotations

import streamlit as st

from gender_targets import charts
from gender_targets.periods import parse_period
from gender_targets.schema import INDICATORS
from pages.common import (
    get_model,
    indicator_label,
    lang,
    period_label,
    query_choice,
    require_data,
    status_row,
    tr,
    unit_label,
    unit_options,
)

model = get_model()
require_data(model)
reg = model.register

st.title(tr("ui.compare.title"))
c1, c2, c3 = st.columns([2, 2, 2])
indicator = query_choice(
    c1.selectbox,
    tr("ui.common.indicator"),
    list(INDICATORS),
    param="indicator",
    key="compare_indicator",
    format_func=indicator_label,
)
quarter = query_choice(
    c2.selectbox,
    tr("ui.common.quarter"),
    model.periods[::-1],
    param="quarter",
    key="compare_quarter",
    format_func=period_label,
)
scope = c3.radio(
    tr("ui.compare.scope"),
    ["current", "all"],
    format_func=lambda s: tr(f"ui.compare.scope_{s}"),
    horizontal=True,
    key="compare_scope",
)
units = unit_options(model, include_areas=False, include_ended=(scope == "all"))
names = {u: unit_label(model, u) for u in [*units, *reg.areas]}

ind = model.indicators
at_q = ind[(ind["indicator"] == indicator) & (ind["period"] == quarter) & (ind["unit"].isin(units))]
frame = at_q[["unit", "value", "numerator", "denominator", "reconstructed"]].copy()
missing = [u for u in units if u not in set(frame["unit"]) and reg.is_active(u, parse_period(quarter))]
frame["unit_name"] = frame["unit"].map(names)
frame["status"] = frame["unit"].map(lambda u: (status_row(model, u, indicator) or {}).get("status"))
for u in missing:
    frame.loc[len(frame)] = {
        "unit": u,
        "value": float("nan"),
        "numerator": 0,
        "denominator": 0,
        "reconstructed": False,
        "unit_name": names[u],
        "status": None,
    }

st.subheader(tr("ui.compare.ranking", period=period_label(quarter)))
if frame.empty:
    st.info(tr("ui.compare.no_units"))
else:
    st.plotly_chart(
        charts.ranking_figure(frame, indicator, model.targets, lang=lang()),
        key="compare_ranking",
        config=charts.config(lang(), f"xep-hang-{indicator}-{quarter}"),
    )

st.subheader(tr("ui.compare.heatmap"))
st.plotly_chart(
    charts.heatmap_figure(model.indicators, indicator, model.targets, names, lang=lang(), units=units),
    key="compare_heatmap",
    config=charts.config(lang(), f"ban-do-nhiet-{indicator}"),
)
st.caption(tr("ui.compare.heatmap_note"))

st.subheader(tr("ui.compare.multiples"))
st.plotly_chart(
    charts.small_multiples_figure(model.indicators, indicator, model.targets, names, lang=lang(), units=units),
    key="compare_multiples",
    config=charts.config(lang(), f"lo-trinh-cac-don-vi-{indicator}"),
)
