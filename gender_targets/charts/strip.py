"""The status strip (judgement, issue 21): the status as it stood at the end of each of the last quarters."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from ..periods import parse_period
from .common import (
    STATUS_COLOURS,
    _hover_text,
    _layout,
)
from .palette import text_on


# ---- 6. the status strip (judgement, issue 21) ------------------------------------------------
def status_strip_figure(history: pd.DataFrame, indicator: str, lang: str = "vi", *, height: int = 150) -> go.Figure:
    """The status as it stood at the end of each of the last quarters (``judgement.status_history``):
    one cell per quarter, in the status colour with the status in words (text, not colour alone), the
    quarter under it; the hover says the value and counts it was judged on."""
    fig = go.Figure()
    rows = history.reset_index(drop=True)
    labels = [parse_period(p).label(lang) for p in rows["period"]]
    words = [t(f"status.{s}", lang) for s in rows["status"]]
    colours = [STATUS_COLOURS.get(s, STATUS_COLOURS["insufficient_data"]) for s in rows["status"]]
    hover = [
        t(
            "judgement.strip_hover",
            lang,
            period=label,
            status=word,
            value=_hover_text(parse_period(r.judged_period).label(lang), r.value, r.numerator, r.denominator,
                              indicator, lang),
            judged=parse_period(r.judged_period).label(lang),
        )
        for label, word, r in zip(labels, words, rows.itertuples(), strict=True)
    ]  # fmt: skip
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[1] * len(rows),
            marker={"color": colours, "line": {"color": "white", "width": 2}},
            # short lines, never turned: eight cells must read on a 390-pixel phone too
            text=["<br>".join(textwrap.wrap(w, 8)) for w in words],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            textfont={"size": 12, "color": [text_on(c) for c in colours]},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name=t("judgement.strip_title", lang),
            meta={"kind": "status_strip", "statuses": list(rows["status"])},
        )
    )
    # "the last eight quarters" is the strip's usual title; a phone's shorter strip says its own number
    title = t("judgement.strip_title", lang) if len(rows) == 8 else t("access.chart.strip_title_n", lang, n=len(rows))
    fig.update_layout(**_layout(lang, title, height, legend=False))
    fig.update_layout(
        bargap=0.04,
        margin={"l": 8, "r": 8, "t": 40, "b": 44},
        title={"font": {"size": 16}},
        uniformtext={"minsize": 10, "mode": "show"},
    )
    # the quarter on two lines under its cell ("Quý IV" / "2024"), so narrow cells keep it level
    ticks = [label.replace("/", "<br>", 1) if "/" in label else label.replace(" ", "<br>", 1) for label in labels]
    fig.update_xaxes(
        type="category", fixedrange=True, showgrid=False, tickfont={"size": 12}, tickangle=0,
        tickvals=labels, ticktext=ticks,
    )  # fmt: skip
    fig.update_yaxes(visible=False, range=[0, 1], fixedrange=True)
    return fig
