"""The meeting screen's sizes (read from the back of a room)."""

from __future__ import annotations

import plotly.graph_objects as go

from .common import (
    COLOURS,
    DECK_TEXT_SIZE,
    DECK_TICK_SIZE,
    DECK_TITLE_SIZE,
    _legend_below,
)


def deck_style(fig: go.Figure, *, fill: bool = False) -> go.Figure:
    """Sizes for the meeting screen: titles 28 px, ticks and legend 18 px, labels at least 16 px.

    ``fill``: the figure takes the height of its container (no fixed height; the screen decides),
    with the legend pinned to the bottom of the figure (``yref="container"``) so that its distance
    to the tick labels does not depend on the height."""
    fig.update_layout(
        title_font={"size": DECK_TITLE_SIZE, "color": COLOURS["text"]},
        legend_font={"size": DECK_TEXT_SIZE, "color": COLOURS["text"]},
        font={"size": DECK_TEXT_SIZE},
    )
    fig.update_xaxes(tickfont={"size": DECK_TICK_SIZE, "color": COLOURS["text"]})
    fig.update_yaxes(tickfont={"size": DECK_TICK_SIZE, "color": COLOURS["text"]})
    if fig.layout.title.subtitle and fig.layout.title.subtitle.text:
        fig.update_layout(title_subtitle_font={"size": 20, "color": "#333333"})
    if fill:
        fig.update_layout(
            height=None,
            autosize=True,
            margin={"b": 8 + 6 + DECK_TICK_SIZE + 18 + 2 * (DECK_TEXT_SIZE + 14)},
            legend={"x": 0.5, "xanchor": "center", "y": 0, "yanchor": "bottom", "yref": "container"},
        )
    else:
        _legend_below(fig, DECK_TICK_SIZE, DECK_TEXT_SIZE)
    for ann in fig.layout.annotations:
        if ann.font is not None and ann.font.size is not None and ann.font.size < 16:
            ann.font.size = 16
    return fig
