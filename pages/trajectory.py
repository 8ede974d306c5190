"""Lộ trình: one unit's (or the area's) trajectory toward the targets, its status, and its bodies."""

from __future__ import annotations

import streamlit as st

from gender_targets import charts
from gender_targets.judgement import judge_series, status_history
from gender_targets.periods import parse_period
from gender_targets.progress import method_text, projection_point, required_path_frame
from gender_targets.schema import COUNT_COLUMNS, INDICATORS
from ui.charts import show_chart
from ui.common import (
    data_page,
    ended_note,
    gap_caption,
    get_store,
    indicator_label,
    lang,
    milestone_badge,
    pct,
    period_label,
    query_choice,
    series_of,
    settled_series,
    signed,
    status_badge,
    tr,
    unit_label,
    unit_options,
)
from ui.gate import page_gate
from ui.judgement import counts_line, provisional_text, show_scale
from ui.notes import notes_form, notes_of, source_line
from ui.safe import md

page_gate(__file__)

STRIP_QUARTERS = 8  # the strip under the chart: the status as it stood at the end of each quarter
PHONE_STRIP_QUARTERS = 4  # … on a phone

model = data_page("ui.trajectory.title")
reg = model.register

options = unit_options(model)
c1, c2 = st.columns([3, 2])
unit = query_choice(
    c1.selectbox,
    tr("ui.common.unit"),
    options,
    param="unit",
    key="trend_unit",
    format_func=lambda c: unit_label(model, c),
)
ind_options = ["all", *INDICATORS]
indicator = query_choice(
    c2.segmented_control,
    tr("ui.common.indicator"),
    ind_options,
    param="indicator",
    key="trend_indicator",
    default="I1",
    format_func=lambda i: tr("ui.trajectory.all") if i == "all" else i,
    required=True,
)
chosen = list(INDICATORS) if indicator == "all" else [indicator]
ended = ended_note(model, unit)  # a unit that has ended is not judged toward the final target
if ended:
    st.info(ended + " " + tr("ui.trajectory.ended_hint"), icon=":material/merge:")
if not reg.is_area(unit) and reg.ancestors(unit):
    st.caption(tr("ui.trajectory.reconstructed_note", names=md(", ".join(reg.name(p) for p in reg.predecessors(unit)))))


def _judged(ind: str):
    """The one judgement of this unit and indicator, and the strip of its last quarters (memoised)."""

    def make():
        full = series_of(model, unit, ind)
        return judge_series(full, ind, model.targets), status_history(full, ind, model.targets, STRIP_QUARTERS)

    return model.memoised(("judged", unit, ind), make)


partial = provisional_text(_judged(chosen[0])[0])
if partial:
    st.warning(partial, icon=":material/hourglass_top:")

for ind in chosen:
    series, _ = settled_series(model, unit, ind)
    judged, strip = _judged(ind)
    prog = judged.progress
    path = required_path_frame(prog)[["period", "value"]] if prog.required_path and not ended else None
    projection = None if ended else projection_point(prog)
    left, right = st.columns([3, 1]) if len(chosen) == 1 else st.columns([2, 1])
    with left:
        chart = charts.trajectory_chart(
            series,
            ind,
            model.targets,
            status=None if ended else judged.status,
            required_path=path,
            projection=projection,
            lang=lang(),
            unit_name=reg.name(unit),
        )
        fig = chart.figure
        notes = notes_of(model, unit, ind)  # meetings: notes and the source line on the chart
        charts.add_notes(fig, list(zip(notes["period"], notes["text"], strict=True)), series)
        charts.add_footnote(fig, source_line(model))
        show_chart(  # phone: a narrow variant on a narrow screen
            chart,
            narrow=charts.narrow_variant(fig, plot_height=280),
            key=f"trend_chart_{ind}",
            config=charts.config(lang(), f"lo-trinh-{ind}-{unit}"),
        )
        if not ended and not strip.empty:  # how steady the judgement has been, quarter by quarter
            show_chart(  # the caption below says the cells in words: the summary names the figure only
                charts.status_strip_chart(strip, ind, lang()),
                # phone: the last four quarters, cells wide enough for their words (eight were cramped)
                narrow=charts.status_strip_figure(strip.tail(PHONE_STRIP_QUARTERS), ind, lang()),
                key=f"trend_strip_{ind}",
                config=charts.config(lang(), f"tinh-trang-{ind}-{unit}", minimal=True),
                summary=False,
            )
            cells = "; ".join(
                tr("judgement.strip_cell", period=period_label(p), status=tr(f"status.{st_}"))
                for p, st_ in zip(strip["period"], strip["status"], strict=True)
            )
            st.caption(tr("judgement.strip_caption") + " " + cells + ".")
    with right, st.container(border=True):
        st.markdown(f"**{indicator_label(ind)}**")
        if ended:
            st.markdown(":gray-badge[" + tr("ui.trajectory.ended_badge") + "]")
        else:
            st.markdown(status_badge(judged.status))
        if prog.period:
            st.metric(tr("ui.overview.latest", period=period_label(prog.period)), pct(prog.value))
            counts = counts_line(ind, judged.numerator, judged.denominator)
            if counts:  # the people beside the percentage
                st.caption(counts)
        if prog.observed_rate is not None and not ended:
            st.markdown(tr("ui.trajectory.observed", observed=signed(prog.observed_rate)))
        if prog.required_rate is not None and not ended:
            st.markdown(tr("ui.trajectory.required", required=signed(prog.required_rate), year=prog.final_year))
        if projection is not None:
            st.markdown(tr("ui.trajectory.projection", period=period_label(projection[0]), value=pct(projection[1])))
        for m in prog.milestones:
            flag = "" if m.judged_on_q4 or not m.period else " " + tr("ui.trajectory.not_q4")
            if ended and not m.judged_on_q4 and m.period:
                flag = " " + tr("ui.trajectory.ended_at", period=period_label(m.period))
            st.markdown(
                tr("ui.trajectory.milestone", year=m.year, target=pct(m.target))
                + " "
                + milestone_badge(str(m.result))
                + (f" — {pct(m.value)} ({period_label(m.period)}){flag}" if m.period else "")
            )
        if not ended:
            gap_caption(prog)
            show_scale(judged)
        if not ended:
            with st.expander(tr("ui.trajectory.method")):
                st.markdown(method_text(lang()))

notes_form(model, unit, sorted(set(series_of(model, unit, chosen[0])["period"])), list(INDICATORS))  # meetings

st.subheader(tr("ui.trajectory.bodies_title"))
unit_periods = sorted(set(series_of(model, unit, chosen[0])["period"]), key=lambda s: parse_period(s).index)
if not unit_periods:
    st.info(tr("ui.trajectory.no_bodies"))
else:
    quarter = query_choice(
        st.selectbox,
        tr("ui.common.quarter"),
        unit_periods[::-1],
        param="quarter",
        key="trend_quarter",
        format_func=period_label,
    )
    members = [unit]
    if reg.is_area(unit):
        members = [u for u in reg.units_in(unit) if reg.is_active(u, parse_period(quarter))]
    elif not reg.is_active(unit, parse_period(quarter)):
        members = [u for u in reg.ancestors(unit) if reg.is_active(u, parse_period(quarter))]
        st.caption(tr("ui.trajectory.bodies_reconstructed"))
    rows = get_store().active_bodies(units=members, periods=[quarter])  # one quarter's rows, read on demand
    show = rows[["unit", "body_name", "body_type", *COUNT_COLUMNS, "note"]].copy()
    show["unit"] = show["unit"].map(reg.name)
    show.columns = [tr("col.unit_name")] + [tr(f"col.{c}") for c in ["body_name", "body_type", *COUNT_COLUMNS, "note"]]
    st.dataframe(show, hide_index=True, key="trend_bodies")
