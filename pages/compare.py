"""So sánh đơn vị: ranking for a quarter, a heatmap of units × quarters, small multiples."""

from __future__ import annotations

import streamlit as st

from gender_targets import charts
from gender_targets.schema import INDICATORS
from ui.common import (
    get_model,
    indicator_label,
    lang,
    period_label,
    query_choice,
    require_data,
    tr,
    unit_label,
    unit_options,
)

model = get_model()
st.title(tr("ui.compare.title"))
require_data(model)
reg = model.register

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
MULTIPLES_PER_PAGE = 24  # small charts per screen: readable on a projector, quick to draw


@st.cache_data(show_spinner=False, max_entries=64)
def _figures(
    version: int, indicator: str, quarter: str, units: tuple[str, ...], page_units: tuple[str, ...], lang: str
):
    """The three figures of this view, cached by the data version and the choices."""
    ind = model.indicators
    names = {u: unit_label(model, u) for u in [*units, *reg.areas]}
    at_q = ind[(ind["indicator"] == indicator) & (ind["period"] == quarter) & (ind["unit"].isin(units))]
    frame = at_q[["unit", "value", "numerator", "denominator", "reconstructed"]].copy()
    frame["unit_name"] = frame["unit"].map(names)
    status = model.status.set_index(["unit", "indicator"])["status"]
    active = model.status.drop_duplicates("unit").set_index("unit")["active"]
    # an ended unit is not judged toward the final target (SPEC §7): no status in its hover text
    frame["status"] = [status.get((u, indicator)) if active.get(u, True) else None for u in frame["unit"]]
    ranking = charts.ranking_figure(frame, indicator, model.targets, lang=lang) if not frame.empty else None
    heatmap = charts.heatmap_figure(ind, indicator, model.targets, names, lang=lang, units=list(units))
    multiples = charts.small_multiples_figure(ind, indicator, model.targets, names, lang=lang, units=list(page_units))
    return ranking, heatmap, multiples


page_units = units
if len(units) > MULTIPLES_PER_PAGE:
    groups = [units[i : i + MULTIPLES_PER_PAGE] for i in range(0, len(units), MULTIPLES_PER_PAGE)]
    pick = st.selectbox(
        tr("ui.compare.group", n=len(units)),
        range(len(groups)),
        format_func=lambda g: f"{g * MULTIPLES_PER_PAGE + 1}–{g * MULTIPLES_PER_PAGE + len(groups[g])}",
        key="compare_group",
    )
    page_units = groups[pick]
ranking, heatmap, multiples = _figures(model.version, indicator, quarter, tuple(units), tuple(page_units), lang())

st.subheader(tr("ui.compare.ranking", period=period_label(quarter)))
if ranking is None:
    st.info(tr("ui.compare.no_units"))
else:
    st.plotly_chart(ranking, key="compare_ranking", config=charts.config(lang(), f"xep-hang-{indicator}-{quarter}"))

st.subheader(tr("ui.compare.heatmap"))
st.plotly_chart(heatmap, key="compare_heatmap", config=charts.config(lang(), f"ban-do-nhiet-{indicator}"))
st.caption(tr("ui.compare.heatmap_note"))

st.subheader(tr("ui.compare.multiples"))
st.plotly_chart(multiples, key="compare_multiples", config=charts.config(lang(), f"lo-trinh-cac-don-vi-{indicator}"))
