"""Tổng quan: an area's (or the whole territory's) three indicators as cards with a trend each,
then one row per area (territory) or the area's current units, paged."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gender_targets import charts
from gender_targets.schema import INDICATORS
from gender_targets.summary import TERRITORY, area_table, headline
from ui.charts import show_chart
from ui.common import (
    current_units,
    data_page,
    gap_caption,
    indicator_label,
    lang,
    milestone_badge,
    page_of,
    pct,
    period_label,
    query_choice,
    series_of,
    settled_series,
    signed,
    status_badge,
    status_css,
    statuses,
    tr,
    unit_label,
)
from ui.gate import page_gate
from ui.judgement import counts_line, provisional_text, show_scale, value_cell
from ui.notes import source_line
from ui.safe import md

page_gate(__file__)

UNITS_PER_PAGE = 50  # rows of the units table at a time: a few screens, quick to send

model = data_page("ui.overview.title")
reg = model.register

# A register with several areas (a province's districts, a country's provinces) opens on all of
# them pooled; with one area, on that area.
areas = reg.areas
scopes = [TERRITORY, *areas] if len(areas) > 1 else (areas or [TERRITORY])
area = scopes[0]
if len(scopes) > 1:
    area = query_choice(
        st.selectbox,
        tr("ui.common.area"),
        scopes,
        param="area",
        key="overview_area",
        format_func=lambda c: unit_label(model, c),
    )
area_name = tr("scale.territory") if area == TERRITORY else reg.name(area)

latest = model.latest
last = series_of(model, area, "I1")
now = last[last["period"] == latest]
st.caption(
    tr(
        "ui.overview.subtitle",
        area=md(area_name),
        period=period_label(latest),
        sent=int(now["units_reporting"].sum()),
        total=int(now["units_expected"].sum()),
    )
)

# The cards show the one judgement (gender_targets.judgement): the area is judged on its latest
# COMPLETE quarter; a quarter still coming in (some units have not sent) is provisional, not the
# area's figure.
heads = {ind: headline(series_of(model, area, ind), ind, model.targets) for ind in INDICATORS}
partial = provisional_text(heads["I1"].judgement)
if partial:
    st.warning(partial, icon=":material/hourglass_top:")


def _sourced(chart):
    """The sparkline with the source and data date under it (a downloaded picture carries them);
    the card grows by the room the footnote takes, so the line keeps its size."""
    charts.add_footnote(chart.figure, source_line(model), size=10, width=30, clear=8, grow=True)
    return chart


cols = st.columns(3)
first_year = int(model.targets["year"].min())
for col, ind in zip(cols, INDICATORS, strict=True):
    h = heads[ind]
    prog = h.progress
    with col.container(border=True):
        st.markdown(f"**{indicator_label(ind, short=False)}**")
        delta = h.delta_quarter
        flat = delta is not None and round(delta, 1) == 0
        st.metric(
            tr("ui.overview.latest", period=period_label(h.period or latest)),
            pct(h.value),
            delta=None if delta is None else tr("ui.overview.delta_q", delta=signed(0.0 if flat else delta)),
            delta_color="off" if flat else "normal",
            delta_arrow="off" if flat else "auto",
        )
        j = h.judgement
        counts = counts_line(ind, j.numerator, j.denominator)
        if counts:  # the people beside the percentage
            st.caption(counts)
        if h.delta_year is not None:
            st.caption(tr("ui.overview.delta_y", delta=signed(h.delta_year)))
        # milestone of the first target year, status toward the final one, gap
        for m in prog.milestones:
            if m.year == first_year:
                st.markdown(
                    tr("ui.overview.milestone", year=m.year, target=pct(m.target))
                    + " "
                    + milestone_badge(str(m.result))
                    + (f" ({pct(m.value)}, {period_label(m.period)})" if m.period else "")
                )
        st.markdown(tr("ui.overview.status", year=prog.final_year) + " " + status_badge(h.status))
        gap_caption(prog)
        show_scale(j)
        settled, _ = settled_series(model, area, ind)
        chart = model.memoised(
            ("spark", area, ind, lang()),
            lambda s=settled, i=ind, code=h.status: _sourced(
                charts.sparkline_chart(s, i, model.targets, lang(), status=code, name=area_name)
            ),
        )
        show_chart(chart, key=f"overview_spark_{ind}", config=charts.config(lang(), f"tong-quan-{ind}"))


def table_height(rows: int, most: int = 20) -> int | str:
    """Up to ``most`` rows in view without scrolling inside the table ("auto" for a short one)."""
    return "auto" if rows <= 10 else 35 * (min(rows, most) + 1) + 3


def status_columns(table: pd.DataFrame, codes: dict, first: dict) -> tuple:
    """``table`` styled with its ``{I}_status`` cells coloured by status code (``codes[(row, I)]``),
    and the column configuration (``first`` for the leading columns)."""
    colcfg = {**first}
    for ind in INDICATORS:
        colcfg[ind] = st.column_config.TextColumn(ind, width="medium")
        colcfg[f"{ind}_status"] = st.column_config.TextColumn(tr("ui.overview.status_col", ind=ind), width="medium")
    styled = table.style
    for ind in INDICATORS:
        styled = styled.apply(
            lambda col, ind=ind: [status_css(codes.get((i, ind))) for i in range(len(col))], subset=[f"{ind}_status"]
        )
    return styled, colcfg


if area == TERRITORY and len(areas) > 1:
    # one row per area: its pooled values on its latest complete quarter, and who has sent
    summary = model.memoised(
        ("areas",), lambda: area_table(model.indicators, model.targets, reg, areas, list(INDICATORS))
    )
    st.subheader(tr("scale.overview.areas_title", n=len(areas), period=period_label(latest)))
    partial = bool((summary["judged_on"] != latest).any())
    rows, codes = [], {}
    for r in summary.itertuples(index=False):
        row = {"area": reg.name(r.area), "sent": f"{r.units_reporting}/{r.units_expected}"}
        if partial:  # the column only says something while some area is judged on an earlier quarter
            row["judged"] = period_label(r.judged_on) if r.judged_on else "—"
        for ind in INDICATORS:
            row[ind] = value_cell(
                ind, getattr(r, ind), getattr(r, f"{ind}_numerator"), getattr(r, f"{ind}_denominator")
            )
            code = getattr(r, f"{ind}_status")
            row[f"{ind}_status"] = tr("status." + code) if code else ""
            codes[(len(rows), ind)] = code
        row["link"] = f"lo-trinh?unit={r.area}" + ("&lang=en" if lang() == "en" else "")
        rows.append(row)
    styled, colcfg = status_columns(
        pd.DataFrame(rows),
        codes,
        {
            "area": st.column_config.TextColumn(tr("ui.common.area"), width="medium"),
            "sent": st.column_config.TextColumn(tr("scale.overview.sent"), width="small"),
            **({"judged": st.column_config.TextColumn(tr("scale.overview.judged"), width="small")} if partial else {}),
        },
    )
    colcfg["link"] = st.column_config.LinkColumn(tr("ui.overview.link"), display_text=tr("ui.overview.link_text"))

    def open_area() -> None:
        """A row picked in the table opens that area on this page (rows are in ``areas`` order)."""
        picked = st.session_state["overview_areas"].selection.rows
        if picked:
            st.session_state["overview_area"] = areas[picked[0]]

    st.dataframe(
        styled,
        hide_index=True,
        column_config=colcfg,
        height=table_height(len(rows)),
        key="overview_areas",
        on_select=open_area,
        selection_mode="single-row",
    )
    st.caption(tr("scale.overview.areas_note"))
else:
    members = set(reg.units_in(area)) if area != TERRITORY else None
    units_now = [u for u in current_units(model) if members is None or u in members]
    st.subheader(tr("ui.overview.units_title", period=period_label(latest)))
    shown = page_of(units_now, UNITS_PER_PAGE, key="overview_units_page", label=tr("scale.units_page"))
    found = statuses(model, shown)
    latest_of = {
        (r["unit"], r["indicator"]): (r["value"], r["numerator"], r["denominator"], r["status"])
        for r in found.to_dict("records")
    }
    rows, codes = [], {}
    for u in shown:
        row = {"unit": unit_label(model, u)}
        for ind in INDICATORS:
            value, num, den, code = latest_of.get((u, ind), (None, None, None, None))
            row[ind] = value_cell(ind, value, num, den)
            row[f"{ind}_status"] = tr("status." + code) if code else ""
            codes[(len(rows), ind)] = code
        row["link"] = f"lo-trinh?unit={u}" + ("&lang=en" if lang() == "en" else "")
        rows.append(row)
    styled, colcfg = status_columns(
        pd.DataFrame(rows), codes, {"unit": st.column_config.TextColumn(tr("col.unit_name"), width="medium")}
    )
    colcfg["link"] = st.column_config.LinkColumn(tr("ui.overview.link"), display_text=tr("ui.overview.link_text"))
    st.dataframe(styled, hide_index=True, column_config=colcfg, height=table_height(len(rows)), key="overview_units")
    st.caption(tr("ui.overview.units_note"))
