"""Shared parts of every chart: colours, sizes, targets as milestones, the time and share axes, the
layout, series preparation (gaps, the reconstructed part), notes, the footnote, the plotly config."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ..exports import slugify
from ..i18n import percent, t
from ..judgement import counts_text
from ..periods import Period, parse_period, period_range
from ..schema import INDICATORS
from .palette import BAND_COLOURS, COLOURS, MIDDLE_MILESTONE, NO_DATA_COLOUR, STATUS_COLOURS  # noqa: F401 (re-exported)

#: First quarter after the 1/7/2025 reorganisation; its axis position 2025.5 is the marked line.
REORGANISATION = Period(2025, 3)

# Colours: one place, ``palette.py`` (contrast kept there and tested in tests/test_chart_access.py).
_NO_DATA_COLOUR = NO_DATA_COLOUR

# Milestone colours: the first amber, the final green (matching the bands), any in between olive.
_FIRST_COLOUR, _FINAL_COLOUR, _MIDDLE_COLOUR = BAND_COLOURS["between"], BAND_COLOURS["final"], MIDDLE_MILESTONE

_FONT = {"family": "'Source Sans', Inter, 'Segoe UI', Roboto, Arial, sans-serif", "size": 16, "color": COLOURS["text"]}
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
        "tickcolor": COLOURS["tick"],
        "ticklabelstandoff": 6,
        "minor": {
            "tickvals": [p.axis for p in quarters],
            "ticks": "outside",
            "ticklen": 3,
            "tickcolor": COLOURS["tick_minor"],
        },
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
            arrowcolor=COLOURS["arrow"],
            ax=-30 if k % 2 else 30,
            ay=-46 - 26 * (k % 3),
            font={"size": size, "color": COLOURS["note_text"]},
            bgcolor=COLOURS["note_box"],
            bordercolor=COLOURS["note_border"],
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
    _add_text(fig, "<br>".join(lines), size, COLOURS["text_soft"], align="left", name="footnote", **where)
    return fig


def _legend_below(fig: go.Figure, tick: int, text: int, rows: int = 2) -> None:
    """Put a bottom legend clear of the x tick labels (measured in pixels, not a share of the
    plot), with room for ``rows`` rows of entries."""
    lay = fig.layout
    if lay.legend is None or lay.legend.orientation != "h" or lay.height is None:
        return
    m = lay.margin
    top = m.t if m and m.t is not None else 80
    below = 8 + 6 + tick + 14  # tick length, stand-off, labels, gap
    bottom = below + rows * (text + 12) + 8
    plot = max(120, lay.height - top - max(bottom, m.b or 0))
    fig.update_layout(margin={"b": max(bottom, m.b or 0)}, legend={"y": -below / plot, "yanchor": "top"})


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
