"""A narrow variant of any figure for a phone (issue 23): the same data, laid out for 360 pixels."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from .common import (
    _wrap,
    plain,
)

# ---- phone: a narrow variant of a figure (issue 23) ---------------------------------------------
#: How wide a phone draws a chart: a 390-pixel screen less the page's padding.
NARROW_WIDTH = 360


def narrow_variant(fig: go.Figure, *, plot_height: int | None = None) -> go.Figure:
    """A copy of ``fig`` laid out for a phone (about ``NARROW_WIDTH`` pixels wide); the data is the
    same, only the layout changes: the title wrapped at 28 characters and smaller, ticks 12 px and
    at most six labels on a time axis (three in a grid of small charts), the legend one entry per row
    under the plot, the source note wrapped at 34 characters under the legend, the labels in the right margin 12 px, the label of
    the reorganisation line on two lines. The plot keeps ``plot_height`` pixels (each row of a grid
    of small charts too; None: the height it had); the figure grows by what goes under it."""
    out = go.Figure(fig.to_dict())  # a deep copy: the wide figure stays as it was
    lay = out.layout
    tick, text = 12, 12
    m = lay.margin
    had = (lay.height or 450) - (m.t if m and m.t is not None else 80) - (m.b if m and m.b is not None else 80)
    title = str(lay.title.text or "")
    lines = _wrap(title.replace("<br>", " "), 28) if title else []
    top = 24 + len(lines) * 22 + (36 if lay.title.subtitle and lay.title.subtitle.text else 0)
    out.update_layout(
        title={
            "text": "<br>".join(lines),
            "font": {"size": 17},
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10},
            # automargin would move it back to y = 1 with its own anchor: a wrapped title lost its first line
            "automargin": False,
        },
        title_subtitle_font={"size": 14},
        legend={"orientation": "v", "x": 0, "xanchor": "left", "font": {"size": text}},
        hoverlabel={"font": {"size": 13}},
    )
    out.update_xaxes(tickfont={"size": tick})
    out.update_yaxes(tickfont={"size": tick})
    x_axes = [k for k in lay.to_plotly_json() if k.startswith("xaxis")]
    columns = max(1, len({round((lay[k].domain or (0, 1))[0], 3) for k in x_axes}))
    most = 6 if columns == 1 else 3  # year labels that fit side by side, unturned
    for axis in x_axes:
        values, labels = lay[axis].tickvals, lay[axis].ticktext
        if values is not None and labels is not None and len(values) > most:
            step = math.ceil(len(values) / most)
            out.layout[axis].update(tickvals=list(values)[::step], ticktext=list(labels)[::step], tickangle=0)
    right = 24
    footnote = None
    for ann in out.layout.annotations:
        name = ann.name or ""
        if name.startswith("target-") and ann.xref == "paper" and ann.x == 1.0:
            ann.font.size = text
            right = 72
        elif name == "reorganisation":
            ann.font.size = 11
            ann.text = "<br>".join(_wrap(str(ann.text), 16))
        elif name == "footnote":
            footnote = ann
        elif ann.font is not None and ann.font.size and ann.font.size > 14:
            ann.font.size = 13  # a grid's panel titles
    # under the plot: the tick labels, the legend (one row per entry), the source note
    entries = [tr for tr in out.data if tr.showlegend is not False and tr.name]  # one row each
    below = 8 + 6 + tick + 12
    legend_px = len(entries) * (text + 17) if lay.showlegend is not False else 0
    note_lines = _wrap(plain(_unbreak(footnote.text)), 34) if footnote is not None else []
    bottom = below + legend_px + len(note_lines) * 16 + 16
    rows = _grid_rows(out)
    plot = plot_height * rows if plot_height else max(160, had)
    out.update_layout(
        height=top + plot + bottom,
        margin={"t": top, "b": bottom, "l": 44, "r": right, "autoexpand": True},
        legend={"y": -below / plot, "yanchor": "top"},
    )
    if len(lines) > 1:  # plotly.js places a wrapped title anchored at the top one line too high: centre it
        middle = 10 + len(lines) * 22 / 2
        out.update_layout(title={"y": 1 - middle / (top + plot + bottom), "yanchor": "middle", "pad": {"t": 0}})
    if footnote is not None:
        footnote.text = "<br>".join(note_lines)
        footnote.font.size = 12
        footnote.yshift = -bottom + 4
    return out


def _unbreak(text: object) -> str:
    """An annotation's text as one line again (its ``<br>`` made spaces; entities decoded)."""
    return str(text or "").replace("<br>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _grid_rows(fig: go.Figure) -> int:
    """How many rows of plots a figure has (1 for a single plot)."""
    keys = [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]
    return max(1, len({round((fig.layout[k].domain or (0, 1))[0], 3) for k in keys}))
