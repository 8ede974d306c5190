"""Figures for the dashboard and the meeting screen (plotly graph_objects; no Streamlit here).

One module per family: ``common`` (colours, sizes, targets, axes, layout, notes, footnote),
``trajectory`` (a trajectory, the overview's sparkline), ``ranking`` (units ranked), ``grid``
(heatmap, small multiples), ``strip`` (the status strip), ``deck`` (the meeting screen's sizes),
``narrow`` (a phone's variant of any figure), ``palette`` (every colour and its contrast; the projector
theme), ``described`` (``Chart``: a figure with its data table and one-line summary). Every public name is importable from here.

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

from .common import (
    BAND_COLOURS,
    COLOURS,
    DECK_TEXT_SIZE,
    DECK_TICK_SIZE,
    DECK_TITLE_SIZE,
    REORGANISATION,
    STATUS_COLOURS,
    Milestone,
    add_footnote,
    add_notes,
    band_label,
    band_of,
    chart_filename,
    config,
    milestones,
    plain,
)
from .deck import deck_style, high_contrast
from .described import (
    Chart,
    heatmap_chart,
    ranking_chart,
    series_summary,
    series_table,
    small_multiples_chart,
    sparkline_chart,
    status_strip_chart,
    trajectory_chart,
)
from .grid import heatmap_figure, small_multiples_figure
from .narrow import NARROW_WIDTH, narrow_variant
from .palette import HIGH_CONTRAST, contrast, recolour
from .ranking import ranking_figure
from .strip import status_strip_figure
from .trajectory import sparkline_figure, trajectory_figure

__all__ = [
    "BAND_COLOURS",
    "COLOURS",
    "DECK_TEXT_SIZE",
    "DECK_TICK_SIZE",
    "DECK_TITLE_SIZE",
    "HIGH_CONTRAST",
    "NARROW_WIDTH",
    "REORGANISATION",
    "STATUS_COLOURS",
    "Chart",
    "Milestone",
    "add_footnote",
    "add_notes",
    "band_label",
    "band_of",
    "chart_filename",
    "config",
    "contrast",
    "deck_style",
    "heatmap_chart",
    "heatmap_figure",
    "high_contrast",
    "milestones",
    "narrow_variant",
    "plain",
    "ranking_chart",
    "ranking_figure",
    "recolour",
    "series_summary",
    "series_table",
    "small_multiples_chart",
    "small_multiples_figure",
    "sparkline_chart",
    "sparkline_figure",
    "status_strip_chart",
    "status_strip_figure",
    "trajectory_chart",
    "trajectory_figure",
]
