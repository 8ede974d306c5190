"""Figures for the dashboard and the meeting screen (plotly graph_objects; no Streamlit here).

Every figure is built from plain DataFrames so that pages, the CLI and tests call the same code:

- time runs on a numeric axis, a quarter at ``year + (q − 1)/4`` (``Period.axis``), ticks labelled
  "Quý III/2024" / "Q3 2024" (or just the year when the span is longer than 12 quarters); the
  2025-07-01 reorganisation sits at 2025.5 (the start of 2025Q3);
- the y axis is a share, 0–100 with "%" ticks; decimals are shown with a comma in Vietnamese
  (``separators=",."``) and every number in a hover or label is pre-formatted by ``i18n.percent`` /
  ``i18n.number`` so the comma never depends on the browser;
- targets are data: every row of the targets table for the indicator is drawn (a threshold line,
  a milestone marker at ``YQ4`` and a label); "first" and "final" mean the earliest and the latest
  milestone year, whatever they are. Bands: below the first target · between · at or above the
  final target (targets are floors, ``value ≥ target`` meets it);
- reconstructed values (a unit's series before it existed, pooled from its predecessors) are drawn
  grey, dashed, with hollow markers and their own legend entry; the dashed part joins the solid one;
- NaN values (zero denominators) and quarters missing from a series leave gaps, never zeros;
- colours are the Okabe–Ito colour-blind-safe palette; fonts are large (16 px base, 22 px titles)
  for projection at 1920×1080, margins sized for 1366×768 laptops; the legend sits at the bottom.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .exports import slugify
from .i18n import number, percent, t
from .judgement import counts_text
from .periods import Period, parse_period, period_range
from .safety import plain_text
from .schema import INDICATORS

__all__ = [
    "BAND_COLOURS",
    "COLOURS",
    "REORGANISATION",
    "STATUS_COLOURS",
    "Milestone",
    "add_footnote",
    "add_notes",
    "band_label",
    "band_of",
    "chart_filename",
    "config",
    "deck_style",
    "heatmap_figure",
    "milestones",
    "narrow_variant",
    "plain",
    "ranking_figure",
    "small_multiples_figure",
    "sparkline_figure",
    "status_strip_figure",
    "trajectory_figure",
]

#: First quarter after the 1/7/2025 reorganisation; its axis position 2025.5 is the marked line.
REORGANISATION = Period(2025, 3)

#: Okabe–Ito colours by role.
COLOURS: dict[str, str] = {
    "actual": "#0072B2",
    "reconstructed": "#7A7A7A",
    "required": "#CC79A7",
    "projection": "#56B4E9",
    "reorganisation": "#444444",
    "grid": "#E5E5E5",
    "text": "#222222",
}

#: Bands of a value against the targets (heatmap cells, ranking bars).
BAND_COLOURS: dict[str, str] = {"below": "#D55E00", "between": "#E69F00", "final": "#009E73"}
_NO_DATA_COLOUR = "#BBBBBB"

#: Progress status colours, for pages to reuse (badges, cards, tables).
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#1B7837",
    "on_track": "#5AAE61",
    "needs_acceleration": "#E69F00",
    "limited_progress": "#D55E00",
    "deteriorating": "#B2182B",
    "insufficient_data": "#999999",
}

# Milestone colours: the first amber, the final green (matching the bands), any in between olive.
_FIRST_COLOUR, _FINAL_COLOUR, _MIDDLE_COLOUR = BAND_COLOURS["between"], BAND_COLOURS["final"], "#999933"

_FONT = {"family": "Inter, 'Segoe UI', Roboto, Arial, sans-serif", "size": 16, "color": COLOURS["text"]}
_TITLE_SIZE = 22
_TICK_SIZE = 15
_MAX_QUARTER_TICKS = 8
#: Sizes on the meeting screen (the deck): read from the back of a room.
DECK_TITLE_SIZE, DECK_TICK_SIZE, DECK_TEXT_SIZE = 28, 18, 18


# ---- targets --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Milestone:
    """One row of the targets table: the value to reach (a floor, in percent) by the end of ``year``."""

    year: int
    target: float

    @property
    def period(self) -> Period:
        return Period(self.year, 4)

    @property
    def axis(self) -> float:
        return self.period.axis


def milestones(targets: pd.DataFrame, indicator: str) -> list[Milestone]:
    """The indicator's milestones from a targets table (``indicator, year, target_percent``), by year."""
    if targets is None or targets.empty:
        return []
    rows = targets[targets["indicator"].astype(str).str.upper() == indicator.upper()]
    out = {int(r.year): float(r.target_percent) for r in rows.itertuples() if not pd.isna(r.target_percent)}
    return [Milestone(y, v) for y, v in sorted(out.items())]


def band_of(value: float | None, marks: Sequence[Milestone]) -> str | None:
    """ "final" (≥ final target), "between" (≥ first target), "below", or None without a value."""
    if value is None or _isnan(value):
        return None
    if not marks:
        return None
    if value >= marks[-1].target:
        return "final"
    if len(marks) > 1 and value >= marks[0].target:
        return "between"
    return "below"


def band_label(band: str, marks: Sequence[Milestone], lang: str = "vi") -> str:
    """Legend text of a band: "Dưới mục tiêu 2025 (< 60%)", "Đạt mục tiêu 2030 (≥ 75%)"…"""
    first, final = marks[0], marks[-1]
    if band == "final":
        return t("chart.band.final", lang, year=final.year, value=_target_text(final.target, lang))
    if band == "between":
        return t("chart.band.between", lang, first_year=first.year, final_year=final.year)
    below = first if len(marks) > 1 else final
    return t("chart.band.below", lang, year=below.year, value=_target_text(below.target, lang))


def _bands(marks: Sequence[Milestone]) -> list[str]:
    return ["below", "between", "final"] if len(marks) > 1 else ["below", "final"]


def _milestone_colour(i: int, n: int) -> str:
    if i == n - 1:
        return _FINAL_COLOUR
    return _FIRST_COLOUR if i == 0 else _MIDDLE_COLOUR


def _target_text(value: float, lang: str) -> str:
    """60 → "60%", 62.5 → "62,5%"."""
    return percent(value, lang, 0 if float(value).is_integer() else 1)


# ---- small helpers --------------------------------------------------------------------------
def _isnan(value: object) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _flags(values: pd.Series) -> pd.Series:
    """True where a value is true; missing values are False."""
    return values.map(lambda v: False if _isnan(v) else bool(v)).astype(bool)


def _num(value: object) -> float | None:
    return None if _isnan(value) else float(value)


def _hover_text(label: str, value, numerator, denominator, indicator: str, lang: str, reconstructed=False) -> str:
    """ "Quý III/2024: 58,3% (7/12 cơ quan)" (``label`` first; the counts in the judgement's words,
    "16/40 nữ trong diện quy hoạch"), noting a reconstructed value."""
    ind = INDICATORS.get(indicator)
    if _isnan(numerator) or _isnan(denominator) or ind is None:
        text = t("chart.hover_no_counts", lang, period=label, value=percent(_num(value), lang))
    else:
        words = counts_text(indicator, numerator, denominator, lang)
        text = t("chart.hover_no_counts", lang, period=label, value=percent(_num(value), lang)) + f" ({words})"
    if reconstructed:
        text += "<br><i>" + t("chart.hover_reconstructed", lang) + "</i>"
    return text


def _short(indicator: str, lang: str) -> str:
    ind = INDICATORS.get(indicator)
    return ind.short(lang) if ind else indicator


def _time_ticks(first: Period, last: Period, lang: str, *, years_only: bool = False) -> dict:
    """Tick settings for a numeric time axis: every quarter labelled when few, else the years."""
    quarters = period_range(first, last)
    if not years_only and len(quarters) <= _MAX_QUARTER_TICKS:
        return {"tickvals": [p.axis for p in quarters], "ticktext": [p.label(lang) for p in quarters]}
    years = list(range(first.year, last.year + 1))
    step = 1 if len(years) <= 12 else 2
    years = years[::step]
    return {
        "tickvals": [float(y) for y in years],
        "ticktext": [str(y) for y in years],
        # year ticks long, quarter ticks short, labels set off below both so they never touch
        "ticks": "outside",
        "ticklen": 8,
        "tickcolor": "#888",
        "ticklabelstandoff": 6,
        "minor": {"tickvals": [p.axis for p in quarters], "ticks": "outside", "ticklen": 3, "tickcolor": "#bbb"},
    }


def _layout(lang: str, title: str, height: int, *, legend: bool = True) -> dict:
    return {
        "title": {
            "text": title,
            "font": {"size": _TITLE_SIZE, "color": COLOURS["text"]},
            "x": 0.01,
            "xanchor": "left",
            "automargin": True,
        },
        "font": _FONT,
        "separators": ".," if lang == "en" else ",.",
        "height": height,
        "margin": {"l": 64, "r": 24, "t": 72, "b": 40, "autoexpand": True},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": legend,
        "legend": {
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.14,
            "yanchor": "top",
            "font": {"size": 15, "color": COLOURS["text"]},
        },
        "hoverlabel": {"font": {"size": 16}},
        "hovermode": "closest",
        # explicit, so that no template (Streamlit's theme sets 12 px grey ticks) overrides them
        "xaxis": {"tickfont": {"size": _TICK_SIZE, "color": COLOURS["text"]}, "color": COLOURS["text"]},
        "yaxis": {"tickfont": {"size": _TICK_SIZE, "color": COLOURS["text"]}, "color": COLOURS["text"]},
    }


def _percent_axis(ticks: Sequence[int] = (0, 20, 40, 60, 80, 100), **extra) -> dict:
    """A 0–100 share axis with "%" tick labels (explicit ``ticktext``: plotly skips ``ticksuffix``
    on array ticks)."""
    return {
        "range": [0, 100],
        "tickmode": "array",
        "tickvals": list(ticks),
        "ticktext": [f"{v}%" for v in ticks],
        "gridcolor": COLOURS["grid"],
        "zeroline": False,
        "fixedrange": True,
        **extra,
    }


def config(lang: str = "vi", filename: str = "bieu-do", *, minimal: bool = False) -> dict:
    """The ``config`` for ``st.plotly_chart``: PNG download at scale 2 under an ASCII file name, no
    plotly logo, Vietnamese locale where plotly.js has it; ``minimal`` hides the mode bar (cards)."""
    cfg: dict = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": slugify(filename) or "bieu-do", "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }
    if lang != "en":
        cfg["locale"] = "vi"
    if minimal:
        cfg["displayModeBar"] = False
    return cfg


def chart_filename(kind: str, indicator: str, unit_name: str = "", lang: str = "vi") -> str:
    """ "lo-trinh-nu-trong-dien-quy-hoach-xa-ba-diem": kind, indicator short name and unit, ASCII."""
    parts = [t(f"chart.file.{kind}", lang), _short(indicator, lang), unit_name]
    return slugify(" ".join(p for p in parts if p))


# ---- series preparation ---------------------------------------------------------------------
def _prepare(series: pd.DataFrame, indicator: str, lang: str) -> pd.DataFrame:
    """One row per quarter from the first to the last period of ``series`` (missing quarters NaN),
    with ``p`` (Period), ``x`` (axis), ``value``, ``rec`` (bool) and ``hover`` columns."""
    cols = ["p", "x", "value", "numerator", "denominator", "rec", "hover"]
    if series is None or series.empty:
        return pd.DataFrame(columns=cols)
    frame = series.copy()
    frame["p"] = frame["period"].map(parse_period)
    for col in ("numerator", "denominator"):
        if col not in frame:
            frame[col] = math.nan
    frame["rec"] = _flags(frame["reconstructed"]) if "reconstructed" in frame else False
    frame = frame.drop_duplicates("p", keep="last").set_index("p")
    full = period_range(min(frame.index), max(frame.index))
    frame = frame.reindex(full)
    frame["rec"] = _flags(frame["rec"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame = frame.reset_index(names="p")
    frame["x"] = [p.axis for p in frame["p"]]
    frame["hover"] = [
        _hover_text(r.p.label(lang), r.value, r.numerator, r.denominator, indicator, lang, r.rec)
        for r in frame.itertuples()
    ]
    return frame[cols]


def _split(frame: pd.DataFrame) -> tuple[list, list]:
    """(actual y, reconstructed y) lists with None where the point belongs to the other part.

    The reconstructed list also holds the actual points next to reconstructed ones, so the dashed
    part runs into the solid one without a gap."""
    values = [_num(v) for v in frame["value"]]
    rec = list(frame["rec"])
    actual = [None if r else v for v, r in zip(values, rec, strict=True)]
    recon: list = [None] * len(values)
    for i, r in enumerate(rec):
        if r:
            for j in (i - 1, i, i + 1):
                if 0 <= j < len(values):
                    recon[j] = values[j]
    return actual, recon


def _series_traces(frame: pd.DataFrame, lang: str, *, marker_size: int = 9, legend: bool = True, **common) -> list:
    actual, recon = _split(frame)
    traces = []
    if any(v is not None for v in recon) and frame["rec"].any():
        traces.append(
            go.Scatter(
                x=list(frame["x"]),
                y=recon,
                mode="lines+markers",
                name=t("chart.reconstructed", lang),
                line={"color": COLOURS["reconstructed"], "dash": "dash", "width": 2.5},
                marker={
                    "size": marker_size,
                    "symbol": "circle-open",
                    "color": COLOURS["reconstructed"],
                    "line": {"width": 2},
                },
                customdata=list(frame["hover"]),
                hovertemplate="%{customdata}<extra></extra>",
                connectgaps=False,
                showlegend=legend,
                legendgroup="reconstructed",
                **common,
            )
        )
    traces.append(
        go.Scatter(
            x=list(frame["x"]),
            y=actual,
            mode="lines+markers",
            name=t("chart.actual", lang),
            line={"color": COLOURS["actual"], "width": 3.5},
            marker={"size": marker_size, "color": COLOURS["actual"]},
            customdata=list(frame["hover"]),
            hovertemplate="%{customdata}<extra></extra>",
            connectgaps=False,
            showlegend=legend,
            legendgroup="actual",
            **common,
        )
    )
    return traces


def _last_point(frame: pd.DataFrame) -> tuple[Period, float] | None:
    valid = frame[frame["value"].notna()]
    if valid.empty:
        return None
    row = valid.iloc[-1]
    return row["p"], float(row["value"])


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
        fig.update_layout(title_subtitle={"text": plain(unit_name), "font": {"size": 17, "color": "#333333"}})
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
        _add_text(fig, t("chart.no_data", lang), 20, "#777777", x=0.5, y=0.5, xref="paper", yref="paper")

    if show_reorganisation and x0 < REORGANISATION.axis < x1:
        _add_reorganisation(fig, lang)

    # a point at 0 % or 100 % (a projection clipped to 100) is drawn whole, not cut by the frame
    fig.update_traces(cliponaxis=False, selector={"type": "scatter"})
    _legend_below(fig, _TICK_SIZE, 15)
    fig.update_xaxes(range=[x0, x1], showgrid=False, fixedrange=True, **_time_ticks(first, last, lang))
    fig.update_yaxes(**_percent_axis())
    return fig


def _dark(colour: str) -> str:
    """A darker shade of a band colour for text on white (amber and green are too light to read)."""
    c = colour.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02X}{:02X}{:02X}".format(*(int(v * 0.62) for v in (r, g, b)))


def plain(text: object) -> str:
    """User text (a note, a unit name) made safe for plotly labels: plotly reads a small HTML subset
    (``<b>``, ``<br>``, ``<a href>``), so ``&``, ``<`` and ``>`` are escaped; markdown means nothing
    to plotly, and line breaks become spaces."""
    out = " ".join(str(text).split())
    return out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def add_notes(
    fig: go.Figure,
    notes: Sequence[tuple[str, str]],
    series: pd.DataFrame | None = None,
    *,
    max_chars: int = 48,
    size: int = 13,
) -> go.Figure:
    """Notes ``(period, text)`` as annotations on a time chart: an arrow to the quarter's value (or
    to the top of the chart without one), the text shortened to ``max_chars`` (full text on hover).
    The text is user input: escaped with ``plain``."""
    values = {}
    if series is not None and len(series):
        values = {str(p): _num(v) for p, v in zip(series["period"], series["value"], strict=True)}
    for k, (period, text) in enumerate(notes):
        p = parse_period(period)
        raw = " ".join(str(text).split())
        full = plain(raw)  # shorten the typed text first, then escape (never cut an entity)
        short = plain(raw if len(raw) <= max_chars else raw[: max_chars - 1].rstrip() + "…")
        y = values.get(str(p))
        fig.add_annotation(
            x=p.axis,
            y=y if y is not None else 96,
            text=short,
            hovertext=full,
            showarrow=True,
            arrowhead=2,
            arrowcolor="#333333",
            ax=-30 if k % 2 else 30,
            ay=-46 - 26 * (k % 3),
            font={"size": size, "color": "#111111"},
            bgcolor="#FFF4C2",
            bordercolor="#8A6D00",
            borderwidth=1,
            borderpad=3,
            name="note",
        )
    return fig


def _wrap(text: str, width: int) -> list[str]:
    """Break a footnote at "; " (the source, then the data date), and any part longer than
    ``width`` characters at spaces."""
    parts = text.split("; ")
    lines: list[str] = []
    for k, part in enumerate(parts):
        part = part + (";" if k < len(parts) - 1 else "")
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


def add_footnote(
    fig: go.Figure, text: str, *, size: int = 13, width: int = 95, clear: int = 100, grow: bool = False
) -> go.Figure:
    """The source and the data date under the chart (bottom left), so that a downloaded or embedded
    picture carries them. Adds room at the bottom for it: lines of at most ``width`` characters,
    under at least ``clear`` pixels kept for the axis labels (small charts without axes: less).
    ``grow``: the figure grows by that room, so the plot keeps its size (a grid of small charts,
    whose rows would otherwise close up, or a card)."""
    margin = fig.layout.margin
    lines = _wrap(plain(text), width)
    before = margin.b if margin and margin.b is not None else 80
    bottom = max(before, clear) + len(lines) * (size + 4) + 12
    if grow and fig.layout.height:
        fig.update_layout(height=fig.layout.height + bottom - before)
    fig.update_layout(margin={"b": bottom})
    legend = fig.layout.legend
    if legend is not None and legend.orientation == "h" and legend.yref != "container" and fig.layout.height:
        # keep the legend the same number of pixels under the axis in the smaller plot
        tick = (fig.layout.xaxis.tickfont.size if fig.layout.xaxis.tickfont else None) or _TICK_SIZE
        plot = max(120, fig.layout.height - (margin.t if margin and margin.t is not None else 80) - bottom)
        fig.update_layout(legend={"y": -(8 + 6 + tick + 14) / plot, "yanchor": "top"})
    where = dict(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="bottom", yshift=-bottom + 4)
    _add_text(fig, "<br>".join(lines), size, "#333333", align="left", name="footnote", **where)
    return fig


def _legend_below(fig: go.Figure, tick: int, text: int) -> None:
    """Put a bottom legend clear of the x tick labels (measured in pixels, not a share of the
    plot), with room for two rows of entries."""
    lay = fig.layout
    if lay.legend is None or lay.legend.orientation != "h" or lay.height is None:
        return
    m = lay.margin
    top = m.t if m and m.t is not None else 80
    below = 8 + 6 + tick + 14  # tick length, stand-off, labels, gap
    bottom = below + 2 * (text + 12) + 8
    plot = max(120, lay.height - top - max(bottom, m.b or 0))
    fig.update_layout(margin={"b": max(bottom, m.b or 0)}, legend={"y": -below / plot, "yanchor": "top"})


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


def _add_text(fig: go.Figure, text: str, size: int, colour: str, **where) -> None:
    """A text without an arrow; ``where`` holds plotly's placing keywords (x, y, refs, anchors, shifts, name)."""
    fig.add_annotation(text=text, showarrow=False, font={"size": size, "color": colour}, **where)


def _add_reorganisation(fig: go.Figure, lang: str, *, label: bool = True, **where) -> None:
    x = REORGANISATION.axis
    fig.add_vline(
        x=x,
        line={"color": COLOURS["reorganisation"], "dash": "dashdot", "width": 1.5},
        name="reorganisation",
        **where,
    )
    if label:
        # at the top of the plot, just right of the line
        where = dict(x=x, y=1.0, yref="paper", xanchor="left", yanchor="top", xshift=4, bgcolor="rgba(255,255,255,0.8)")
        _add_text(fig, t("chart.reorganisation", lang), 14, COLOURS["reorganisation"], name="reorganisation", **where)


def _final_target_trace(final: Milestone, x0: float, x1: float, lang: str, **extra) -> go.Scatter:
    """The final target as a dotted line from ``x0`` to ``x1``; ``extra`` sets its hover and legend."""
    return go.Scatter(
        x=[x0, x1],
        y=[final.target, final.target],
        mode="lines",
        name=t("chart.target_trace", lang, year=final.year, value=_target_text(final.target, lang)),
        line={"color": _FINAL_COLOUR, "dash": "dot", "width": 2},
        meta={"kind": "target", "year": final.year, "target": final.target},
        **extra,
    )


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
                textposition="outside",
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
                textposition="outside",
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
            layer="above",
        )
        text = t("chart.target_label", lang, year=m.year, value=_target_text(m.target, lang))
        where = dict(x=m.target, y=1.0, yref="paper", yanchor="bottom", yshift=2 + 20 * (i % 2))
        _add_text(fig, text, 15, _dark(colour), name=f"target-{m.year}", **where)
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


# ---- 4. heatmap -----------------------------------------------------------------------------
def _unit_order(frame: pd.DataFrame, units: Iterable[str] | None) -> list[str]:
    if units is not None:
        return [str(u) for u in units]
    return list(dict.fromkeys(frame["unit"].astype(str)))


def _indicator_rows(indicators: pd.DataFrame, indicator: str) -> pd.DataFrame:
    frame = indicators[indicators["indicator"].astype(str) == indicator].copy()
    frame["unit"] = frame["unit"].astype(str)
    if "reconstructed" not in frame:
        frame["reconstructed"] = False
    return frame


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
            texttemplate="%{text}",
            textfont={"size": 13 if len(quarters) <= 20 else 10, "color": "black"},
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
    _legend_below(fig, _TICK_SIZE, 15)  # in pixels: never over the year labels of the last row
    fig.update_annotations(font={"size": _TITLE_FONT_PX})
    fig.update_xaxes(
        range=[x0, x1],
        showgrid=False,
        fixedrange=True,
        showticklabels=True,
        **_time_ticks(first, last, lang, years_only=True),
    )
    fig.update_yaxes(**_percent_axis((0, 50, 100)))
    return fig


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
    top = 24 + len(lines) * 22 + (24 if lay.title.subtitle and lay.title.subtitle.text else 0)
    out.update_layout(
        title={
            "text": "<br>".join(lines),
            "font": {"size": 17},
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10},
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


# ---- 6. the status strip (judgement, issue 21) ------------------------------------------------
def _text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG contrast)."""
    c = colour.lstrip("#")

    def lum(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (lum(int(c[i : i + 2], 16)) for i in (0, 2, 4))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (y + 0.05) / 0.05 >= 1.05 / (y + 0.05) else "#FFFFFF"


def status_strip_figure(history: pd.DataFrame, indicator: str, lang: str = "vi", *, height: int = 150) -> go.Figure:
    """The status as it stood at the end of each of the last quarters (``judgement.status_history``):
    one cell per quarter, in the status colour with the status in words (text, not colour alone), the
    quarter under it; the hover says the value and counts it was judged on."""
    fig = go.Figure()
    rows = history.reset_index(drop=True)
    labels = [parse_period(p).label(lang) for p in rows["period"]]
    words = [t(f"status.{s}", lang) for s in rows["status"]]
    colours = [STATUS_COLOURS.get(s, "#999999") for s in rows["status"]]
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
            textfont={"size": 12, "color": [_text_on(c) for c in colours]},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name=t("judgement.strip_title", lang),
            meta={"kind": "status_strip", "statuses": list(rows["status"])},
        )
    )
    fig.update_layout(**_layout(lang, t("judgement.strip_title", lang), height, legend=False))
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
