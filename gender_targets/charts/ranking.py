"""Units (or areas) ranked by value, coloured by band, with a line per milestone (compare page, deck)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import number, percent, t
from ..periods import parse_period
from ..safety import plain_text
from .common import (
    _NO_DATA_COLOUR,
    BAND_COLOURS,
    COLOURS,
    _add_text,
    _bands,
    _dark,
    _hover_text,
    _isnan,
    _layout,
    _milestone_colour,
    _num,
    _percent_axis,
    _short,
    _target_text,
    band_label,
    band_of,
    milestones,
    plain,
)


# ---- 3. ranking -----------------------------------------------------------------------------
def ranking_figure(
    frame: pd.DataFrame,
    indicator: str,
    targets: pd.DataFrame,
    lang: str = "vi",
    *,
    period: str | None = None,
    ranked: str = "units",
) -> go.Figure:
    """Units as horizontal bars sorted by value (highest on top), coloured by band, with a vertical
    line per milestone; units without a value at the bottom, labelled "—" and no bar.

    ``frame``: ``unit_name, value`` and, when known, ``status`` (code), ``numerator, denominator``
    and ``note`` (a line added to the hover, e.g. that a unit is level with others within one person).
    ``ranked``: what the rows are, for the title ("units" or "areas": catalogue ``chart.ranked.*``).
    """
    marks = milestones(targets, indicator)
    data = frame.copy()
    for col in ("status", "numerator", "denominator"):
        if col not in data:
            data[col] = None
    data["value"] = pd.to_numeric(data["value"], errors="coerce")
    data["unit_name"] = data["unit_name"].astype(str).map(plain_text)  # register names: never HTML
    with_value = data[data["value"].notna()].sort_values(["value", "unit_name"], ascending=[True, False])
    without = data[data["value"].isna()].sort_values("unit_name", ascending=False)
    order = list(without["unit_name"]) + list(with_value["unit_name"])  # plotly draws the first at the bottom

    when = parse_period(period).label(lang) if period else None

    def hover(r) -> str:
        label = t("chart.hover_unit", lang, unit=r.unit_name, text=when) if when else r.unit_name
        text = _hover_text(label, r.value, r.numerator, r.denominator, indicator, lang)
        if isinstance(r.status, str) and r.status:
            text = t("chart.hover_status", lang, text=text, status=t(f"status.{r.status}", lang))
        if isinstance(getattr(r, "note", None), str) and r.note:  # e.g. "ngang nhau trong phạm vi 1 người"
            text += "<br>" + plain(r.note)
        return text

    fig = go.Figure()
    groups: list[tuple[str, pd.DataFrame]] = []
    if marks:
        bands = with_value["value"].map(lambda v: band_of(v, marks))
        groups = [(b, with_value[bands == b]) for b in _bands(marks)]
    else:
        groups = [("", with_value)]
    for band, part in groups:
        fig.add_trace(
            go.Bar(
                x=list(part["value"]),
                y=list(part["unit_name"]),
                orientation="h",
                name=band_label(band, marks, lang) if band else t("chart.actual", lang),
                marker={"color": BAND_COLOURS.get(band, COLOURS["actual"])},
                text=[_bar_text(r.value, r.numerator, r.denominator, lang) for r in part.itertuples()],
                # the label is written beside the bar on a white ground (``_bar_labels``), so no
                # target line crosses it and it keeps its size on a narrow screen
                textposition="none",
                cliponaxis=False,
                customdata=[hover(r) for r in part.itertuples()],
                hovertemplate="%{customdata}<extra></extra>",
                meta={"kind": "band", "band": band},
            )
        )
    if not without.empty:
        fig.add_trace(
            go.Bar(
                x=[0] * len(without),
                y=list(without["unit_name"]),
                orientation="h",
                name=t("chart.no_data", lang),
                marker={"color": _NO_DATA_COLOUR},
                text=["—"] * len(without),
                textposition="none",
                cliponaxis=False,
                customdata=[hover(r) for r in without.itertuples()],
                hovertemplate="%{customdata}<extra></extra>",
                meta={"kind": "no_data"},
            )
        )

    short, what = _short(indicator, lang), t(f"chart.ranked.{ranked}", lang)
    title = (
        t("chart.ranking_title", lang, ranked=what, indicator=short, period=parse_period(period).label(lang))
        if period
        else t("chart.ranking_title_no_period", lang, ranked=what, indicator=short)
    )
    height = max(320, 34 * len(order) + 190)
    fig.update_layout(**_layout(lang, title, height))
    fig.update_layout(barmode="overlay", bargap=0.25, margin={"l": 16, "r": 48, "t": 96, "b": 90})
    fig.update_layout(legend={"y": -45 / (height - 96 - 90)})
    for i, m in enumerate(marks):
        colour = _milestone_colour(i, len(marks))
        fig.add_shape(
            type="line",
            x0=m.target,
            x1=m.target,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": colour, "dash": "longdash", "width": 2},
            name=t("chart.target_trace", lang, year=m.year, value=_target_text(m.target, lang)),
            layer="below",  # under the bars: a bar's label inside it is never crossed
        )
        text = t("chart.target_label", lang, year=m.year, value=_target_text(m.target, lang))
        where = dict(x=m.target, y=1.0, yref="paper", yanchor="bottom", yshift=2 + 20 * (i % 2))
        _add_text(fig, text, 15, _dark(colour), name=f"target-{m.year}", **where)
    _bar_labels(fig)
    fig.update_xaxes(**_percent_axis(range=[0, 105]))
    # no tick marks on the unit axis: they crossed the unit names
    fig.update_yaxes(
        categoryorder="array", categoryarray=order, automargin=True, fixedrange=True, ticks="", ticklabelstandoff=8
    )
    return fig


def _bar_text(value, numerator, denominator, lang: str) -> str:
    """A ranking bar's label: "40,9% (195/477)" — the counts beside the percentage when known."""
    shown = percent(_num(value), lang)
    if _isnan(numerator) or _isnan(denominator):
        return shown
    return f"{shown} ({number(float(numerator), lang)}/{number(float(denominator), lang)})"


def _bar_labels(fig: go.Figure) -> None:
    """Each bar's words ("40,9% (195/477)", "—" without a value) just right of its end, on a white
    ground that hides a target line passing under it (the lines are drawn under the bars too)."""
    for trace in fig.data:
        for x, y, text in zip(trace.x or (), trace.y or (), trace.text or (), strict=False):
            fig.add_annotation(
                x=x,
                y=y,
                text=text,
                showarrow=False,
                xanchor="left",
                xshift=3,
                font={"size": 14, "color": COLOURS["text"]},
                bgcolor="#FFFFFF",
                borderpad=1,
                name="bar-label",
            )
