"""A unit's (or an area's) trajectory toward every milestone, and the overview card's sparkline."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import percent, t
from ..periods import Period, parse_period
from .common import (
    _FONT,
    _TICK_SIZE,
    COLOURS,
    REORGANISATION,
    _add_reorganisation,
    _add_text,
    _dark,
    _final_target_trace,
    _hover_text,
    _isnan,
    _last_point,
    _layout,
    _legend_below,
    _milestone_colour,
    _num,
    _percent_axis,
    _prepare,
    _series_traces,
    _short,
    _target_text,
    _time_ticks,
    milestones,
    plain,
)


# ---- 1. trajectory --------------------------------------------------------------------------
def trajectory_figure(
    series: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    *,
    required_path: pd.DataFrame | None = None,
    projection: tuple[str, float] | None = None,
    lang: str = "vi",
    unit_name: str = "",
    show_reorganisation: bool = True,
    height: int = 460,
) -> go.Figure:
    """One unit's (or group's) series against every milestone of the indicator.

    ``series``: ``period, value`` and, when known, ``numerator, denominator, reconstructed``.
    ``required_path``: ``period, value`` points (piecewise linear). ``projection``: the projected
    ``(period, value)`` at the final milestone's Q4, drawn from the last value.
    """
    marks = milestones(targets, indicator)
    frame = _prepare(series, indicator, lang)
    path = None
    if required_path is not None and not required_path.empty:
        path = required_path.assign(p=required_path["period"].map(parse_period)).sort_values("p")

    # the time span: the data, the path, the projection and every milestone's Q4
    periods: list[Period] = list(frame["p"])
    if path is not None:
        periods += list(path["p"])
    if projection is not None:
        periods.append(parse_period(projection[0]))
    periods += [m.period for m in marks]
    if not periods:
        periods = [REORGANISATION]
    first, last = min(periods), max(periods)
    x0, x1 = first.axis - 0.25, last.axis + 0.25

    fig = go.Figure()
    title = _short(indicator, lang)
    fig.update_layout(**_layout(lang, title, height))
    fig.update_layout(margin={"t": 60, "b": 100, "r": 96 if marks else 24})
    if unit_name:  # on a line of its own, so a narrow chart (1024 px screens) does not cut it
        fig.update_layout(
            title_subtitle={"text": plain(unit_name), "font": {"size": 17, "color": COLOURS["text_soft"]}}
        )
        fig.update_layout(margin={"t": 78})

    # threshold lines first, so the data is drawn on top of them; milestone markers last
    markers = []
    for i, m in enumerate(marks):
        colour = _milestone_colour(i, len(marks))
        name = t("chart.target_trace", lang, year=m.year, value=_target_text(m.target, lang))
        group = f"target-{m.year}"
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[m.target, m.target],
                mode="lines",
                name=name,
                line={"color": colour, "dash": "longdash", "width": 2},
                hoverinfo="skip",
                legendgroup=group,
                showlegend=False,  # labelled in the right margin at the end of the line
                meta={"kind": "target", "year": m.year, "target": m.target},
            )
        )
        markers.append(
            go.Scatter(
                x=[m.axis],
                y=[m.target],
                mode="markers",
                name=name,
                marker={"symbol": "diamond", "size": 15, "color": colour, "line": {"color": "white", "width": 1.5}},
                hovertemplate=t(
                    "chart.milestone_hover", lang, period=m.period.label(lang), value=_target_text(m.target, lang)
                )
                + "<extra></extra>",
                showlegend=False,
                legendgroup=group,
                meta={"kind": "milestone", "year": m.year, "target": m.target},
            )
        )
        # the label sits in the right margin, after the end of its line: no marker can cross it
        text = t("chart.target_label_margin", lang, year=m.year, value=_target_text(m.target, lang))
        where = dict(x=1.0, xref="paper", y=m.target, xanchor="left", yanchor="middle", xshift=6)
        _add_text(fig, text, 15, _dark(colour), name=f"target-{m.year}", **where)

    if path is not None:
        fig.add_trace(
            go.Scatter(
                x=[p.axis for p in path["p"]],
                y=[_num(v) for v in path["value"]],
                mode="lines",
                name=t("chart.required_path", lang),
                line={"color": COLOURS["required"], "dash": "dash", "width": 2.5},
                customdata=[
                    t("chart.hover_required", lang, period=p.label(lang), value=percent(_num(v), lang))
                    for p, v in zip(path["p"], path["value"], strict=True)
                ],
                hovertemplate="%{customdata}<extra></extra>",
                meta={"kind": "required_path"},
            )
        )

    for trace in _series_traces(frame, lang, marker_size=10):
        fig.add_trace(trace)

    end = _last_point(frame)
    if projection is not None and end is not None and not _isnan(projection[1]):
        target_p, target_v = parse_period(projection[0]), float(projection[1])
        fig.add_trace(
            go.Scatter(
                x=[end[0].axis, target_p.axis],
                y=[end[1], target_v],
                mode="lines+markers",
                name=t("chart.projection", lang),
                line={"color": COLOURS["projection"], "dash": "dot", "width": 3},
                marker={"size": [0, 11], "symbol": "circle", "color": COLOURS["projection"]},
                customdata=[
                    _hover_text(end[0].label(lang), end[1], None, None, indicator, lang),
                    t("chart.hover_projection", lang, period=target_p.label(lang), value=percent(target_v, lang)),
                ],
                hovertemplate="%{customdata}<extra></extra>",
                meta={"kind": "projection"},
            )
        )

    for marker in markers:
        fig.add_trace(marker)

    if frame["value"].notna().sum() == 0:
        _add_text(fig, t("chart.no_data", lang), 20, COLOURS["text_none"], x=0.5, y=0.5, xref="paper", yref="paper")

    if show_reorganisation and x0 < REORGANISATION.axis < x1:
        _add_reorganisation(fig, lang)

    # a point at 0 % or 100 % (a projection clipped to 100) is drawn whole, not cut by the frame
    fig.update_traces(cliponaxis=False, selector={"type": "scatter"})
    _legend_below(fig, _TICK_SIZE, 15)
    fig.update_xaxes(range=[x0, x1], showgrid=False, fixedrange=True, **_time_ticks(first, last, lang))
    fig.update_yaxes(**_percent_axis())
    return fig


# ---- 2. sparkline ---------------------------------------------------------------------------
def sparkline_figure(series: pd.DataFrame, indicator: str, targets: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """A 160 px high trend for an overview card: the series (reconstructed part styled) and the final
    target as a dotted line; no legend, no axes."""
    marks = milestones(targets, indicator)
    frame = _prepare(series, indicator, lang)
    fig = go.Figure()
    if not frame.empty:
        x0, x1 = float(frame["x"].min()) - 0.1, float(frame["x"].max()) + 0.1
    else:
        x0, x1 = 0.0, 1.0
    if marks:
        final = marks[-1]
        hover = t("chart.target_label", lang, year=final.year, value=_target_text(final.target, lang))
        fig.add_trace(_final_target_trace(final, x0, x1, lang, hovertemplate=hover + "<extra></extra>"))
    for trace in _series_traces(frame, lang, marker_size=5, legend=False):
        fig.add_trace(trace)
    end = _last_point(frame)
    if end is not None:
        fig.add_trace(
            go.Scatter(
                x=[end[0].axis],
                y=[end[1]],
                mode="markers",
                marker={"size": 10, "color": COLOURS["actual"]},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_layout(
        font=_FONT,
        separators=".," if lang == "en" else ",.",
        height=160,
        margin={"l": 4, "r": 4, "t": 8, "b": 4},
        showlegend=False,
        plot_bgcolor="white",
        paper_bgcolor="rgba(0,0,0,0)",
        hovermode="closest",
        hoverlabel={"font": {"size": 14}},
    )
    fig.update_xaxes(visible=False, range=[x0, x1], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-3, 103], fixedrange=True)
    return fig
