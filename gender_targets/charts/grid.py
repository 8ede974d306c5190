"""Many units at once: the heatmap (units × quarters) and the small multiples (one small trajectory each)."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..i18n import number, t
from ..periods import parse_period, period_range
from ..safety import plain_text
from .common import (
    _TICK_SIZE,
    BAND_COLOURS,
    COLOURS,
    REORGANISATION,
    _add_text,
    _bands,
    _final_target_trace,
    _hover_text,
    _indicator_rows,
    _isnan,
    _layout,
    _legend_below,
    _num,
    _percent_axis,
    _prepare,
    _series_traces,
    _short,
    _time_ticks,
    _unit_order,
    band_label,
    band_of,
    milestones,
)

#: quarters a heatmap writes its values in (more: colours, hover and the data table only)
HEATMAP_TEXT_UP_TO = 12


def heatmap_figure(
    indicators: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    unit_names: dict[str, str],
    lang: str = "vi",
    units: list[str] | None = None,
) -> go.Figure:
    """Units (rows, in ``units`` order) × quarters (columns): cells coloured by band, blank without a
    value, the value with one decimal in the cell, "*" after reconstructed values."""
    marks = milestones(targets, indicator)
    frame = _indicator_rows(indicators, indicator)
    order = _unit_order(frame, units)
    frame = frame[frame["unit"].isin(order)]
    periods = sorted({parse_period(p) for p in frame["period"]})
    quarters = period_range(periods[0], periods[-1]) if periods else []
    lookup = {(r.unit, parse_period(r.period)): r for r in frame.itertuples()}
    bands = _bands(marks) if marks else ["final"]
    code = {b: i for i, b in enumerate(bands)}

    z, text, hover = [], [], []
    any_rec = False
    for u in order:
        name = plain_text(unit_names.get(u, u))
        z_row, text_row, hover_row = [], [], []
        for q in quarters:
            r = lookup.get((u, q))
            value = _num(r.value) if r is not None else None
            rec = bool(r.reconstructed) if r is not None and not _isnan(r.reconstructed) else False
            band = band_of(value, marks) if marks else ("final" if value is not None else None)
            z_row.append(code[band] if band is not None else None)
            label = "" if value is None else number(value, lang, 1) + ("*" if rec else "")
            any_rec |= rec and value is not None
            text_row.append(label)
            counts = (r.numerator, r.denominator) if r is not None else (None, None)
            label = t("chart.hover_unit", lang, unit=name, text=q.label(lang))
            hover_row.append(_hover_text(label, value, *counts, indicator, lang, rec))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)

    n = len(bands)
    colorscale = []
    for i, b in enumerate(bands):
        colour = BAND_COLOURS[b]
        colorscale += [[i / n, colour], [(i + 1) / n, colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[q.axis for q in quarters],
            y=[plain_text(unit_names.get(u, u)) for u in order],
            text=text,
            # values in the cells while they fit (a 1024-pixel screen gives 19 quarters 10 px each,
            # where they ran into each other); beyond, the hover and "Xem bảng số liệu" hold them
            texttemplate="%{text}" if len(quarters) <= HEATMAP_TEXT_UP_TO else "",
            textfont={"size": 13, "color": "black"},
            colorscale=colorscale,
            zmin=-0.5,
            zmax=n - 0.5,
            showscale=False,
            xgap=2,
            ygap=2,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            hoverongaps=False,
            name=_short(indicator, lang),
            meta={"kind": "heatmap", "bands": bands},
        )
    )
    for b in bands if marks else []:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=band_label(b, marks, lang),
                marker={"symbol": "square", "size": 16, "color": BAND_COLOURS[b]},
                meta={"kind": "band", "band": b},
            )
        )
    title = t("chart.heatmap_title", lang, indicator=_short(indicator, lang))
    height = max(320, 36 * len(order) + 220)
    fig.update_layout(**_layout(lang, title, height))
    fig.update_layout(margin={"l": 16, "r": 24, "t": 96, "b": 90})
    _legend_below(fig, _TICK_SIZE, 15)  # in pixels: never over the quarter labels
    if any_rec:
        # above the top right corner of the plot
        where = dict(x=1.0, y=1.0, xref="paper", yref="paper", xanchor="right", yanchor="bottom", yshift=4)
        _add_text(fig, t("chart.heatmap_note", lang), 14, COLOURS["reconstructed"], name="reconstructed-note", **where)
    if quarters and quarters[0] < REORGANISATION <= quarters[-1]:
        fig.add_vline(
            x=REORGANISATION.axis - 0.125,
            line={"color": COLOURS["reorganisation"], "dash": "dashdot", "width": 2},
            name="reorganisation",
        )
    if quarters:
        fig.update_xaxes(
            range=[quarters[0].axis - 0.125, quarters[-1].axis + 0.125],
            fixedrange=True,
            showgrid=False,
            **_time_ticks(quarters[0], quarters[-1], lang),
        )
    fig.update_yaxes(autorange="reversed", automargin=True, fixedrange=True, showgrid=False, ticksuffix="  ")
    return fig


# ---- 5. small multiples ---------------------------------------------------------------------
_MULTIPLE_ROW_PX = 210  # one row of small multiples, its gap included
_MULTIPLE_GAP_PX = 70  # between two rows: the year labels above and the unit name below
_MULTIPLE_TOP_PX, _MULTIPLE_BOTTOM_PX = 96, 80
_TITLE_LINE_PX = 20  # one more line of a panel title
# Three panels to a row: about 175 pixels each on a 1024-pixel laptop with the sidebar open, 300 at
# 1366 and 480 at 1920; a title line of 22 letters of 14 px fits the narrowest.
_MULTIPLE_COLUMNS = 3
_TITLE_CHARS = 22
_TITLE_FONT_PX = 14


def _panel_title(name: str) -> str:
    """A unit's name over a panel, on as many short lines as it needs so that neighbouring titles
    never run into each other ("xã Xuân Thới Sơn (HM-XTS) — đến Quý II/2025" is three lines)."""
    parts = [p.strip() for p in str(name).split(" — ")]
    lines: list[str] = []
    for k, part in enumerate(parts):
        wrapped = textwrap.wrap(part, _TITLE_CHARS, break_long_words=False, break_on_hyphens=False) or [""]
        if k:
            wrapped[0] = "— " + wrapped[0]
        lines.extend(wrapped)
    return "<br>".join(plain_text(line) for line in lines)


def small_multiples_figure(
    indicators: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    unit_names: dict[str, str],
    lang: str = "vi",
    units: list[str] | None = None,
    *,
    columns: int = _MULTIPLE_COLUMNS,
) -> go.Figure:
    """One small trajectory per unit (``columns`` per row), reconstructed part styled, the final
    target dotted; shared time axis and y 0–100."""
    marks = milestones(targets, indicator)
    frame = _indicator_rows(indicators, indicator)
    order = _unit_order(frame, units) or [""]
    periods = sorted({parse_period(p) for p in frame["period"]})
    first = periods[0] if periods else REORGANISATION
    last = periods[-1] if periods else REORGANISATION
    cols = max(1, min(columns, len(order)))
    rows = math.ceil(len(order) / cols)
    # The gap between rows holds the year labels of the row above and the title of the row below:
    # a fixed number of pixels, whatever the number of rows (as a fraction it closed up at two rows).
    titles = [_panel_title(unit_names.get(u, u)) for u in order]
    extra_px = _TITLE_LINE_PX * max(t.count("<br>") for t in titles)  # titles of more than one line
    gap_px = _MULTIPLE_GAP_PX + extra_px
    height = rows * (_MULTIPLE_ROW_PX + extra_px) + _MULTIPLE_TOP_PX + _MULTIPLE_BOTTOM_PX
    plot_px = height - _MULTIPLE_TOP_PX - _MULTIPLE_BOTTOM_PX
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=titles,
        horizontal_spacing=0.03,
        vertical_spacing=min(gap_px / plot_px, 0.9 / (rows - 1)) if rows > 1 else 0.1,
    )
    x0, x1 = first.axis - 0.25, last.axis + 0.25
    final = marks[-1] if marks else None
    seen_rec = False
    # Build every trace and line first and add them in one call each: adding them one by one
    # re-validates the whole figure every time (quadratic in the number of units).
    traces: list[go.Scatter] = []
    trace_rows: list[int] = []
    trace_cols: list[int] = []
    shapes: list[dict] = []
    by_unit = {u: g for u, g in frame.groupby("unit", sort=False)}
    for k, u in enumerate(order):
        row, col = k // cols + 1, k % cols + 1
        series = by_unit.get(u, frame.iloc[0:0])
        prepared = _prepare(series, indicator, lang)
        cell_traces = []
        if final is not None:
            cell_traces.append(
                _final_target_trace(final, x0, x1, lang, hoverinfo="skip", legendgroup="target", showlegend=k == 0)
            )
        for trace in _series_traces(prepared, lang, marker_size=6):
            is_rec = trace.legendgroup == "reconstructed"
            trace.showlegend = (k == 0 and not is_rec) or (is_rec and not seen_rec)
            seen_rec |= is_rec
            cell_traces.append(trace)
        traces.extend(cell_traces)
        trace_rows.extend([row] * len(cell_traces))
        trace_cols.extend([col] * len(cell_traces))
        if x0 < REORGANISATION.axis < x1:
            n = (row - 1) * cols + col  # make_subplots numbers the axes of a grid row by row
            suffix = "" if n == 1 else str(n)
            shapes.append(
                {
                    "type": "line",
                    "x0": REORGANISATION.axis,
                    "x1": REORGANISATION.axis,
                    "y0": 0,
                    "y1": 1,
                    "xref": f"x{suffix}",
                    "yref": f"y{suffix} domain",
                    "line": {"color": COLOURS["reorganisation"], "dash": "dashdot", "width": 1},
                    "name": "reorganisation",
                }
            )
    if traces:
        fig.add_traces(traces, rows=trace_rows, cols=trace_cols)
    if shapes:
        fig.update_layout(shapes=list(fig.layout.shapes) + shapes)
    title = t("chart.small_multiples_title", lang, indicator=_short(indicator, lang))
    fig.update_layout(**_layout(lang, title, height))
    fig.update_layout(margin={"l": 56, "r": 16, "t": _MULTIPLE_TOP_PX, "b": _MULTIPLE_BOTTOM_PX})
    # in pixels: never over the year labels of the last row; three rows of entries (a 1024-pixel
    # screen wraps the three long entries one a row, over the source line when room was kept for two)
    _legend_below(fig, _TICK_SIZE, 15, rows=3)
    fig.update_annotations(font={"size": _TITLE_FONT_PX})
    fig.update_xaxes(
        range=[x0, x1],
        showgrid=False,
        fixedrange=True,
        showticklabels=True,
        **_time_ticks(first, last, lang, years_only=True),
    )
    # a panel is narrow (three a row in 560 pixels at 1024×768): level labels, every other year past
    # four, so plotly never turns them on end over the panel titles below
    years = [int(v) for v in (fig.layout.xaxis.tickvals or ())]
    if len(years) > 4:
        shown = years[:: 2 if len(years) <= 8 else 3]
        fig.update_xaxes(tickvals=[float(y) for y in shown], ticktext=[str(y) for y in shown])
    fig.update_xaxes(tickangle=0)
    fig.update_yaxes(**_percent_axis((0, 50, 100)))
    return fig
