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
from .palette import HIGH_CONTRAST, HIGH_CONTRAST_WIDTH, recolour


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
        fig.update_layout(title_subtitle_font={"size": 20, "color": COLOURS["text_soft"]})
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


def high_contrast(fig: go.Figure) -> go.Figure:
    """The projector theme (presentation page's switch): every palette colour replaced by its darker
    twin (``palette.HIGH_CONTRAST``, ≥ 6.5:1 on white), lines ``HIGH_CONTRAST_WIDTH`` times thicker,
    bars outlined in black, texts black. A new figure; ``fig`` is left as it was."""
    spec = recolour(fig.to_dict(), HIGH_CONTRAST, widen=HIGH_CONTRAST_WIDTH)
    out = go.Figure(spec)
    out.update_layout(font_color="#000000", legend_font_color="#000000", title_font_color="#000000")
    out.update_xaxes(tickfont_color="#000000", linecolor="#000000")
    out.update_yaxes(tickfont_color="#000000", linecolor="#000000")
    out.update_traces(marker_line={"color": "#000000", "width": 1.5}, selector={"type": "bar"})
    return out
