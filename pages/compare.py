"""So sánh đơn vị: a ranking for a quarter, a heatmap of units × quarters, small multiples.

With several areas the page opens on all of them, comparing the areas' pooled values; picking an
area compares its units. A long ranking shows its lowest or highest units, and the heatmap and
the small charts show one group of units at a time, so no figure ever holds thousands of rows."""

from __future__ import annotations

import streamlit as st

from gender_targets import charts
from gender_targets.schema import INDICATORS
from gender_targets.summary import TERRITORY, area_table, ranking, top_bottom
from ui.common import (
    data_page,
    indicator_label,
    lang,
    page_of,
    period_label,
    query_choice,
    statuses,
    tr,
    unit_label,
    unit_options,
)
from ui.gate import page_gate
from ui.notes import source_line

page_gate(__file__)

MULTIPLES_PER_PAGE = 24  # small charts (and heatmap rows) per screen: readable on a projector, quick to draw
RANKING_ALL_UP_TO = 40  # (34 provinces fit) longer rankings show their lowest or highest RANKING_CUT units
RANKING_CUT = 15

model = data_page("ui.compare.title")
reg = model.register

areas = reg.areas
c0, c1, c2, c3 = st.columns([2, 2, 2, 2]) if len(areas) > 1 else (None, *st.columns([2, 2, 2]))
area = areas[0] if areas else TERRITORY
if len(areas) > 1:
    area = query_choice(
        c0.selectbox,
        tr("ui.common.area"),
        [TERRITORY, *areas],
        param="area",
        key="compare_area",
        format_func=lambda c: unit_label(model, c),
    )
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
by_area = area == TERRITORY and len(areas) > 1  # the whole territory compares its areas
if by_area:
    units = list(areas)
    c3.caption(tr("scale.compare.by_area", n=len(areas)))
else:
    # a segmented control, not a radio: a radio whose option words change (the language switch)
    # keeps its value but shows no option chosen until the page is reloaded
    scope = c3.segmented_control(
        tr("ui.compare.scope"),
        ["current", "all"],
        default="current",
        format_func=lambda s: tr(f"ui.compare.scope_{s}"),
        key="compare_scope",
        required=True,
    )
    members = None if area == TERRITORY else set(reg.units_in(area))
    units = [
        u
        for u in unit_options(model, include_areas=False, include_ended=(scope == "all"))
        if members is None or u in members
    ]


@st.cache_data(show_spinner=False, max_entries=64)
def _ranking(version: int, indicator: str, quarter: str, units: tuple[str, ...], which: str, lang: str, by_area: bool):
    """The ranking figure of this view (None without units), and how many units it ranks."""
    ranked = ranking(model.indicators, indicator, quarter, units)
    shown = top_bottom(ranked, RANKING_CUT, which)
    frame = shown[["unit", "value", "numerator", "denominator", "reconstructed"]].copy()
    names = {u: reg.name(u) if by_area else unit_label(model, u) for u in frame["unit"]}
    if which != "all":  # a cut ranking says each unit's place
        names = {u: f"{int(r)}. {names[u]}" for u, r in zip(shown["unit"], shown["rank"], strict=True)}
    frame["unit_name"] = frame["unit"].map(names)
    if by_area:  # areas are judged on their latest complete quarter, as on the overview
        table = model.memoised(
            ("areas",), lambda: area_table(model.indicators, model.targets, reg, areas, list(INDICATORS))
        )
        status = dict(zip(table["area"], table[f"{indicator}_status"], strict=True))
    else:
        found = statuses(model, list(frame["unit"]))
        # an ended unit is not judged toward the final target (SPEC §7): no status in its hover text
        found = found[(found["indicator"] == indicator) & found["active"].astype(bool)]
        status = dict(zip(found["unit"], found["status"], strict=True))
    frame["status"] = frame["unit"].map(status)
    if frame.empty:
        return None, len(ranked), int(ranked["rank"].notna().sum())
    what = "areas" if by_area else "units"
    figure = charts.ranking_figure(frame, indicator, model.targets, lang=lang, period=quarter, ranked=what)
    charts.add_footnote(figure, source_line(model))  # downloaded pictures carry the source and date
    return figure, len(ranked), int(ranked["rank"].notna().sum())


@st.cache_data(show_spinner=False, max_entries=64)
def _grid(version: int, indicator: str, page_units: tuple[str, ...], lang: str, by_area: bool):
    """The heatmap and the small multiples of one group of units."""
    names = {u: reg.name(u) if by_area else unit_label(model, u) for u in page_units}
    rows = model.indicators[model.indicators["unit"].isin(page_units)]
    heatmap = charts.heatmap_figure(rows, indicator, model.targets, names, lang=lang, units=list(page_units))
    multiples = charts.small_multiples_figure(rows, indicator, model.targets, names, lang=lang, units=list(page_units))
    for fig in (heatmap, multiples):  # the grid keeps its size: its rows must not close up
        charts.add_footnote(fig, source_line(model), grow=True)
    return heatmap, multiples


st.subheader(tr("ui.compare.ranking", period=period_label(quarter)))
which = "all"
if len(units) > RANKING_ALL_UP_TO:
    which = st.segmented_control(
        tr("scale.compare.show"),
        ["bottom", "top"],
        default="bottom",
        format_func=lambda w: tr(f"scale.compare.{w}", n=RANKING_CUT),
        key="compare_which",
        required=True,
    )
ranking_fig, n_units, n_valued = _ranking(model.version, indicator, quarter, tuple(units), which, lang(), by_area)
if ranking_fig is None:
    st.info(tr("ui.compare.no_units"))
else:
    if which != "all":
        st.caption(tr("scale.compare.cut", shown=min(RANKING_CUT, n_valued), n=n_units, valued=n_valued))
    st.plotly_chart(ranking_fig, key="compare_ranking", config=charts.config(lang(), f"xep-hang-{indicator}-{quarter}"))

page_units = page_of(units, MULTIPLES_PER_PAGE, key="compare_group", label=tr("scale.compare.group"))
heatmap, multiples = _grid(model.version, indicator, tuple(page_units), lang(), by_area)

st.subheader(tr("scale.compare.heatmap_areas") if by_area else tr("ui.compare.heatmap"))
st.plotly_chart(heatmap, key="compare_heatmap", config=charts.config(lang(), f"ban-do-nhiet-{indicator}"))
st.caption(tr("ui.compare.heatmap_note"))

st.subheader(tr("scale.compare.multiples_areas") if by_area else tr("ui.compare.multiples"))
st.plotly_chart(multiples, key="compare_multiples", config=charts.config(lang(), f"lo-trinh-cac-don-vi-{indicator}"))
