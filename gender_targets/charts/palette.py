"""Every colour a chart uses, in one place, with the contrast they keep (WCAG 2.1 AA, issue 17).

- Text (tick labels, titles, footnotes, annotations, legend, labels on bars): ≥ 4.5:1 against the
  background it sits on (``BACKGROUND``, white).
- Lines, markers, bars and cells that carry meaning: ≥ 3:1 (WCAG 1.4.11, non-text contrast).
  Grid lines (``grid``) are decoration and exempt.
- The Okabe–Ito colour-blind-safe hues stay, darkened where the originals fell short on white
  (#E69F00 2.3:1, #56B4E9 2.3:1, #5AAE61 2.7:1, #999999 2.9:1, #BBBBBB 1.9:1, #7A7A7A as text 4.3:1).
- ``HIGH_CONTRAST``: the projector theme (presentation page): the same roles, every colour ≥ 6.5:1
  on white, black text, thicker lines (``high_contrast``). A projector washes out pale colours.

``tests/test_chart_access.py`` computes every pair, and walks built figures for any colour not here.
"""

from __future__ import annotations

from collections.abc import Mapping

#: what every chart is drawn on
BACKGROUND = "#FFFFFF"

#: roles → colours (lines and markers ≥ 3:1; the ``text*`` roles ≥ 4.5:1)
COLOURS: dict[str, str] = {
    "actual": "#0072B2",
    "reconstructed": "#6B6B6B",
    "required": "#B5508C",
    "projection": "#3C8DC5",
    "reorganisation": "#444444",
    "grid": "#E5E5E5",
    "text": "#222222",
    "text_soft": "#333333",  # footnotes, subtitles
    "text_none": "#595959",  # "no data" written on an empty chart
    "tick": "#767676",  # tick marks (major)
    "tick_minor": "#8A8A8A",
    "note_text": "#111111",  # a meeting note's label, on its pale yellow box
    "note_box": "#FFF4C2",
    "note_border": "#8A6D00",
    "arrow": "#333333",
}

#: bands of a value against the targets (heatmap cells, ranking bars); black text on each ≥ 4.5:1
BAND_COLOURS: dict[str, str] = {"below": "#D55E00", "between": "#A36A00", "final": "#009E73"}
NO_DATA_COLOUR = "#8A8A8A"
#: a milestone between the first and the final one
MIDDLE_MILESTONE = "#7A7A29"

#: progress status colours (the strip's cells; pages' badges use ``ui.common.STATUS_CELL``)
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#1B7837",
    "on_track": "#4D9221",
    "needs_acceleration": "#A36A00",
    "limited_progress": "#D55E00",
    "deteriorating": "#B2182B",
    "insufficient_data": "#767676",
}

#: the projector theme: each colour above → a darker one (≥ 6.5:1 on white); text black
HIGH_CONTRAST: dict[str, str] = {
    COLOURS["actual"]: "#00467F",
    COLOURS["reconstructed"]: "#4D4D4D",
    COLOURS["required"]: "#8E2C6A",
    COLOURS["projection"]: "#1F5F99",
    COLOURS["reorganisation"]: "#000000",
    COLOURS["grid"]: "#BDBDBD",
    COLOURS["text"]: "#000000",
    COLOURS["text_soft"]: "#000000",
    COLOURS["text_none"]: "#000000",
    COLOURS["tick"]: "#000000",
    COLOURS["tick_minor"]: "#4D4D4D",
    COLOURS["note_text"]: "#000000",
    COLOURS["note_border"]: "#000000",
    BAND_COLOURS["below"]: "#A13D00",
    BAND_COLOURS["between"]: "#7A4F00",
    BAND_COLOURS["final"]: "#006B4E",
    NO_DATA_COLOUR: "#595959",
    MIDDLE_MILESTONE: "#4D4D00",
    STATUS_COLOURS["achieved"]: "#0E4D22",
    STATUS_COLOURS["on_track"]: "#1F6B2E",
    STATUS_COLOURS["deteriorating"]: "#8B0F1F",
    STATUS_COLOURS["insufficient_data"]: "#4D4D4D",
}
#: how much thicker lines are drawn in the projector theme
HIGH_CONTRAST_WIDTH = 1.6


def rgb(colour: str | tuple[int, int, int]) -> tuple[int, int, int]:
    """ "#RRGGBB", "#RGB", "rgb(r, g, b)" or an (r, g, b) tuple → (r, g, b)."""
    if isinstance(colour, tuple):
        return colour[0], colour[1], colour[2]
    c = colour.strip()
    named = {"black": (0, 0, 0), "white": (255, 255, 255)}
    if c.lower() in named:
        return named[c.lower()]
    if c.lower().startswith("rgb"):
        parts = c[c.index("(") + 1 : c.index(")")].split(",")
        r, g, b = (int(float(p)) for p in parts[:3])
        return r, g, b
    c = c.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return r, g, b


def luminance(colour: str | tuple[int, int, int]) -> float:
    """WCAG 2.x relative luminance."""

    def lin(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | tuple[int, int, int], b: str | tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio of two colours: 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return "#000000" if contrast(colour, "#000000") >= contrast(colour, "#FFFFFF") else "#FFFFFF"


def _norm(value: str) -> str:
    return value.strip().upper()


def recolour(spec, mapping: Mapping[str, str], *, widen: float = 1.0):
    """A plotly figure's dict (``fig.to_dict()``) with every colour in ``mapping`` replaced (any
    case), and every line ``width`` multiplied by ``widen``. Walks the whole spec: traces, shapes,
    annotations, colour scales, fonts."""
    table = {_norm(k): v for k, v in mapping.items()}

    def walk(node, parent: str = ""):
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "width" and parent == "line" and isinstance(v, int | float) and widen != 1.0:
                    out[k] = round(v * widen, 2)
                else:
                    out[k] = walk(v, k)
            return out
        if isinstance(node, list | tuple):
            return [walk(v, parent) for v in node]
        if isinstance(node, str) and node.startswith("#"):
            return table.get(_norm(node), node)
        return node

    return walk(spec)
