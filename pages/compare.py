"""So sánh đơn vị: a ranking for a quarter, a heatmap of units × quarters, small multiples.

With several areas the page opens on all of them, comparing the areas' pooled values; picking an
area compares its units. A long ranking shows its lowest or highest units, and the heatmap and
the small charts show one group of units at a time, so no figure ever holds thousands of rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import charts
from gender_targets.i18n import t as tr_lang
from gender_targets.periods import parse_period
from gender_targets.schema import INDICATORS
from gender_targets.summary import TERRITORY, area_table, ranking, top_bottom
from ui.charts import show_chart
from ui.common import (
    data_page,
    indicator_label,
    lang,
    page_of,
    pct,
    period_label,
    query_choice,
    statuses,
    tr,
    unit_label,
    unit_options,
)
from ui.gate import page_gate
from ui.notes import source_line
from ui.safe import md

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
    """The ranking chart of this view (None without units), and how many units it ranks."""
    ranked = ranking(model.indicators, indicator, quarter, units)
    shown = top_bottom(ranked, RANKING_CUT, which)
    frame = shown[["unit", "value", "numerator", "denominator", "reconstructed"]].copy()
    names = {u: reg.name(u) if by_area else unit_label(model, u) for u in frame["unit"]}
    tied = bool(shown["tied"].any())
    if which != "all" or tied:  # a cut ranking says each unit's place; "=" marks units level within one person
        names = {
            u: f"{int(r)}{'=' if t else ''}. {names[u]}" if pd.notna(r) else names[u]
            for u, r, t in zip(shown["unit"], shown["rank"], shown["tied"], strict=True)
        }
    frame["unit_name"] = frame["unit"].map(names)
    frame["note"] = [tr_lang("judgement.tied", lang) if t else "" for t in shown["tied"]]
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
        return None, len(ranked), int(ranked["rank"].notna().sum()), False
    what = "areas" if by_area else "units"
    chart = charts.ranking_chart(frame, indicator, model.targets, lang=lang, period=quarter, ranked=what)
    charts.add_footnote(chart.figure, source_line(model))  # downloaded pictures carry the source and date
    return chart, len(ranked), int(ranked["rank"].notna().sum()), bool(ranked["tied"].any())


@st.cache_data(show_spinner=False, max_entries=64)
def _grid(version: int, indicator: str, page_units: tuple[str, ...], lang: str, by_area: bool):
    """The heatmap and the small multiples of one group of units."""
    names = {u: reg.name(u) if by_area else unit_label(model, u) for u in page_units}
    rows = model.indicators[model.indicators["unit"].isin(page_units)]
    what = "areas" if by_area else "units"
    heatmap = charts.heatmap_chart(rows, indicator, model.targets, names, lang=lang, units=list(page_units), what=what)
    multiples = charts.small_multiples_chart(
        rows, indicator, model.targets, names, lang=lang, units=list(page_units), what=what
    )
    narrow = charts.small_multiples_figure(  # phone: two small charts a row
        rows, indicator, model.targets, names, lang=lang, units=list(page_units), columns=2
    )
    for fig in (heatmap.figure, multiples.figure, narrow):  # the grid keeps its size: its rows must not close up
        charts.add_footnote(fig, source_line(model), grow=True)
    return heatmap, multiples, charts.narrow_variant(narrow, plot_height=220)


def heatmap_list(page_units: list[str], last: int = 4) -> None:
    """phone: the heatmap as a list: each unit's last ``last`` quarters up to the chosen one, and the
    band of its latest value in words."""
    marks = charts.milestones(model.targets, indicator)
    shown = [p for p in model.periods if parse_period(p) <= parse_period(quarter)][-last:]
    rows = model.indicators[
        (model.indicators["indicator"] == indicator)
        & model.indicators["unit"].isin(page_units)
        & model.indicators["period"].isin(shown)
    ]
    values = {(r.unit, r.period): r.value for r in rows.itertuples()}
    lines = []
    for u in page_units:
        name = reg.name(u) if by_area else unit_label(model, u)
        cells = [f"{period_label(p)}: {pct(values.get((u, p)))}" for p in shown]
        latest = values.get((u, shown[-1])) if shown else None
        band = charts.band_of(latest, marks) if latest is not None and latest == latest else None
        said = f" — {charts.band_label(band, marks, lang())}" if band else ""
        lines.append(f"- **{md(name)}**{said}  \n  " + " · ".join(cells))
    st.markdown("\n".join(lines))


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
ranking_chart, n_units, n_valued, any_tied = _ranking(
    model.version, indicator, quarter, tuple(units), which, lang(), by_area
)
if ranking_chart is None:
    st.info(tr("ui.compare.no_units"))
else:
    if which != "all":
        st.caption(tr("scale.compare.cut", shown=min(RANKING_CUT, n_valued), n=n_units, valued=n_valued))
    show_chart(  # phone: a narrow variant on a narrow screen
        ranking_chart,
        narrow=charts.narrow_variant(ranking_chart.figure),
        key="compare_ranking",
        config=charts.config(lang(), f"xep-hang-{indicator}-{quarter}"),
    )
    if any_tied:  # judgement: two units within one person of the smaller pool are not ranked as different
        st.caption(tr("judgement.tied_note"))

page_units = page_of(units, MULTIPLES_PER_PAGE, key="compare_group", label=tr("scale.compare.group"))
heatmap, multiples, multiples_narrow = _grid(model.version, indicator, tuple(page_units), lang(), by_area)

st.subheader(tr("scale.compare.heatmap_areas") if by_area else tr("ui.compare.heatmap"))
show_chart(  # phone: a list instead of the heatmap
    heatmap,
    narrow=lambda: heatmap_list(list(page_units)),
    key="compare_heatmap",
    config=charts.config(lang(), f"ban-do-nhiet-{indicator}"),
)
st.caption(tr("ui.compare.heatmap_note"))

st.subheader(tr("scale.compare.multiples_areas") if by_area else tr("ui.compare.multiples"))
show_chart(
    multiples,
    narrow=multiples_narrow,
    key="compare_multiples",
    config=charts.config(lang(), f"lo-trinh-cac-don-vi-{indicator}"),
)
