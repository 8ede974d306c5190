"""Charts for every eye (issue 17 phase 2): every colour of the palette keeps its contrast, every
colour a built figure uses is measured (text ≥ 4.5:1, lines and marks ≥ 3:1 on the chart's white),
the projector theme is darker still, and every chart builder returns its words — a summary that says
the latest value and the status in words, and a table with the same numbers."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from gender_targets import charts
from gender_targets.charts import palette
from gender_targets.charts.palette import BACKGROUND, contrast
from gender_targets.i18n import t
from gender_targets.periods import Period, period_range
from gender_targets.schema import DEFAULT_TARGETS

TEXT, MARK = 4.5, 3.0
#: decoration, fills under text (measured as the text's background) and separators
EXEMPT_ROLES = {"grid", "note_box"}
MARK_KEYS = ("tickcolor", "arrowcolor", "linecolor")
#: not measured: backgrounds (what text sits on), grid lines, and plotly's template (its defaults for
#: what a figure leaves unset: every colour we draw is set)
SKIPPED = ("template", "gridcolor", "bgcolor", "paper_bgcolor", "plot_bgcolor", "bordercolor", "zerolinecolor")
SEPARATORS = {"#FFFFFF", "WHITE", "RGBA(0,0,0,0)", "RGBA(255,255,255,0.8)"}


def _series() -> pd.DataFrame:
    rows = []
    for i, p in enumerate(period_range(Period(2023, 1), Period(2026, 2))):
        num, den = 4 + i // 3, 12
        rows.append(
            {
                "period": str(p),
                "value": 100 * num / den,
                "numerator": num,
                "denominator": den,
                "reconstructed": p < Period(2025, 3),
            }
        )
    return pd.DataFrame(rows)


def _indicators() -> pd.DataFrame:
    rows = []
    for unit, base in (("A", 40.0), ("B", 62.0), ("C", 80.0), ("D", math.nan)):
        for i, p in enumerate(period_range(Period(2024, 3), Period(2025, 4))):
            value = base + i if not math.isnan(base) else math.nan
            rows.append(
                {
                    "unit": unit,
                    "period": str(p),
                    "indicator": "I1",
                    "value": value,
                    "numerator": None if math.isnan(value) else round(value / 10),
                    "denominator": None if math.isnan(value) else 10,
                    "reconstructed": p < Period(2025, 3) and unit == "A",
                }
            )
    return pd.DataFrame(rows)


def _ranking_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_name": ["Xã A", "Xã B", "Phường C", "Xã D"],
            "value": [40.0, 62.0, 80.0, math.nan],
            "numerator": [4, 31, 8, None],
            "denominator": [10, 50, 10, None],
            "status": ["limited_progress", "needs_acceleration", "achieved", None],
        }
    )


def _strip() -> pd.DataFrame:
    codes = list(palette.STATUS_COLOURS)
    quarters = period_range(Period(2025, 1), Period(2026, 2))
    return pd.DataFrame(
        {
            "period": [str(p) for p in quarters],
            "status": [codes[i % len(codes)] for i in range(len(quarters))],
            "value": [50.0 + i for i in range(len(quarters))],
            "numerator": [5] * len(quarters),
            "denominator": [10] * len(quarters),
            "judged_period": [str(p) for p in quarters],
        }
    )


def _every_chart(lang: str = "vi") -> dict[str, charts.Chart]:
    series = _series()
    path = pd.DataFrame({"period": ["2026Q2", "2030Q4"], "value": [50.0, 75.0]})
    names = {u: f"Đơn vị {u}" for u in "ABCD"}
    trajectory = charts.trajectory_chart(
        series,
        "I1",
        DEFAULT_TARGETS,
        status="needs_acceleration",
        required_path=path,
        projection=("2030Q4", 68.0),
        lang=lang,
        unit_name="Phường Bến Thành",
    )
    charts.add_notes(trajectory.figure, [("2025Q3", "Sáp nhập xã")], series)
    charts.add_footnote(trajectory.figure, "Nguồn: Hội LHPN; số liệu đến 01/10/2026")
    empty = charts.trajectory_chart(series.iloc[0:0], "I1", DEFAULT_TARGETS, lang=lang)
    return {
        "trajectory": trajectory,
        "empty": empty,
        "sparkline": charts.sparkline_chart(series, "I1", DEFAULT_TARGETS, lang, status="on_track", name="Toàn tỉnh"),
        "ranking": charts.ranking_chart(_ranking_frame(), "I1", DEFAULT_TARGETS, lang, period="2025Q4"),
        "heatmap": charts.heatmap_chart(_indicators(), "I1", DEFAULT_TARGETS, names, lang),
        "multiples": charts.small_multiples_chart(_indicators(), "I1", DEFAULT_TARGETS, names, lang),
        "strip": charts.status_strip_chart(_strip(), "I1", lang),
    }


def colours_used(fig: go.Figure) -> list[tuple[str, str, str]]:
    """Every (kind, colour, where) of a figure: kind "text" (a font's colour) or "mark" (a line's,
    a marker's, a bar's, a tick's, an arrow's, a colour scale's). Skipped: grid lines, backgrounds
    (``bgcolor``: they are what text sits on), white separators, text drawn inside a coloured cell
    (measured against the cell colours in ``test_text_inside_cells``)."""
    found: list[tuple[str, str, str]] = []

    def add(kind: str, value, where: str) -> None:
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if isinstance(v, str) and v.strip().upper().replace(" ", "") not in SEPARATORS:
                found.append((kind, v, where))

    def walk(node, where: str, inside: bool = False) -> None:
        if isinstance(node, dict):
            inside = inside or node.get("textposition") == "inside" or node.get("type") == "heatmap"
            for k, v in node.items():
                here = f"{where}.{k}"
                if k == "color" and where.rsplit(".", 1)[-1].endswith("font"):
                    if not (inside and where.endswith("textfont")) and not where.endswith("insidetextfont"):
                        add("text", v, here)
                elif (k == "color" and where.rsplit(".", 1)[-1] in ("line", "marker")) or k in MARK_KEYS:
                    add("mark", v, here)
                elif k == "colorscale" and isinstance(v, list | tuple):
                    add("mark", [c for _, c in v], here)
                elif k in SKIPPED:
                    continue
                else:
                    walk(v, here, inside)
        elif isinstance(node, list | tuple):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]", inside)

    walk(fig.to_dict(), "fig")
    return found


def failures(fig: go.Figure) -> list[str]:
    """Every colour of ``fig`` below its contrast on the chart's white, said."""
    out = []
    for kind, colour, where in colours_used(fig):
        need = TEXT if kind == "text" else MARK
        if colour.lower() in ("black", "white"):
            colour = "#000000" if colour.lower() == "black" else "#FFFFFF"
        ratio = contrast(colour, BACKGROUND)
        if ratio < need:
            out.append(f"{where}: {colour} {ratio:.2f}:1 < {need}:1")
    return out


def test_palette_contrast():
    """Each role against the white: text roles ≥ 4.5:1, lines and marks ≥ 3:1; bands and statuses
    ≥ 3:1 with their words (black on a band, black or white on a status) ≥ 4.5:1; milestone labels
    (a darker shade of the milestone's colour) ≥ 4.5:1."""
    low = []
    for role, colour in palette.COLOURS.items():
        if role in EXEMPT_ROLES:
            continue
        need = TEXT if role.startswith("text") or role in ("note_text", "reorganisation") else MARK
        if contrast(colour, BACKGROUND) < need:
            low.append(f"{role} {colour}")
    assert contrast(palette.COLOURS["note_text"], palette.COLOURS["note_box"]) >= TEXT
    for band, colour in palette.BAND_COLOURS.items():
        if contrast(colour, BACKGROUND) < MARK or contrast("#000000", colour) < TEXT:
            low.append(f"band {band} {colour}")
        if contrast(charts.common._dark(colour), BACKGROUND) < TEXT:
            low.append(f"label of {band}")
    for status, colour in palette.STATUS_COLOURS.items():
        if contrast(colour, BACKGROUND) < MARK or contrast(palette.text_on(colour), colour) < TEXT:
            low.append(f"status {status} {colour}")
    for colour in (palette.NO_DATA_COLOUR, palette.MIDDLE_MILESTONE):
        if contrast(colour, BACKGROUND) < MARK:
            low.append(colour)
    assert not low, low


def test_high_contrast_theme_is_darker():
    """The projector theme: every colour it replaces becomes ≥ 6.5:1 on white (grid lines ≥ 1.8:1),
    and darker than before."""
    for before, after in palette.HIGH_CONTRAST.items():
        need = 1.8 if before == palette.COLOURS["grid"] else 6.5
        assert contrast(after, BACKGROUND) >= need, (before, after)
        assert contrast(after, BACKGROUND) > contrast(before, BACKGROUND), (before, after)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_colour_of_every_chart(lang):
    """Every figure the pages and the deck draw, walked: no text under 4.5:1, no mark under 3:1 —
    and the same in the projector theme with the deck's sizes."""
    for name, chart in _every_chart(lang).items():
        assert not failures(chart.figure), (name, failures(chart.figure))
        deck = charts.high_contrast(charts.deck_style(go.Figure(chart.figure)))
        assert not failures(deck), (name, "high contrast", failures(deck))


def test_the_walk_can_fail():
    """The measure finds the colours that failed in December 2026 (#E69F00 lines, #777777 text)."""
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], line={"color": "#E69F00"}))
    fig.add_annotation(text="Chưa có số liệu", font={"color": "#777777"}, showarrow=False)
    said = failures(fig)
    assert any("#E69F00" in s for s in said) and any("#777777" in s for s in said), said


def test_text_inside_cells():
    """Words drawn inside a cell: the status strip's words on each status colour, the heatmap's
    black values on each band colour."""
    strip = charts.status_strip_chart(_strip(), "I1").figure
    bar = strip.data[0]
    for fill, ink in zip(bar.marker.color, bar.textfont.color, strict=True):
        assert contrast(fill, ink) >= TEXT, (fill, ink)
    ranking = charts.ranking_chart(_ranking_frame(), "I1", DEFAULT_TARGETS).figure
    labels = [a for a in ranking.layout.annotations if a.name == "bar-label"]
    assert len(labels) == 4 and all(a.bgcolor == "#FFFFFF" for a in labels)  # on white, beside the bars
    assert all(s.layer == "below" for s in ranking.layout.shapes)  # target lines under bars and labels
    heat = charts.heatmap_chart(_indicators(), "I1", DEFAULT_TARGETS, {}, "vi").figure.data[0]
    for _, fill in heat.colorscale:
        assert contrast(fill, heat.textfont.color or "#000000") >= TEXT, fill


def test_high_contrast_widens_lines_and_keeps_the_original():
    fig = _every_chart()["trajectory"].figure
    widths = [tr.line.width for tr in fig.data if tr.line is not None and tr.line.width]
    dark = charts.high_contrast(fig)
    assert [tr.line.width for tr in dark.data if tr.line is not None and tr.line.width] == [
        round(w * palette.HIGH_CONTRAST_WIDTH, 2) for w in widths
    ]
    assert fig.data[0].line.width == widths[0]  # the original is untouched
    assert palette.COLOURS["actual"].upper() not in str(dark.to_dict()).upper()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_carry_their_words(lang):
    """Every builder: a summary that says the latest value and the status in words (never colour
    alone), and a table with the same numbers, columns named from the catalogue."""
    made = _every_chart(lang)
    traj = made["trajectory"]
    last = _series().iloc[-1]
    value = f"{last['value']:.1f}".replace(".", "," if lang == "vi" else ".")
    assert value in traj.summary and t("status.needs_acceleration", lang) in traj.summary
    assert "Phường Bến Thành" in traj.summary and "I1" in traj.summary
    assert list(traj.table.columns[:4]) == [
        t(f"col.{c}", lang) for c in ("period", "value", "numerator", "denominator")
    ]
    assert len(traj.table) == len(_series()) and traj.table.iloc[-1, 1] == value
    assert t("access.chart.col.required", lang) in traj.table.columns
    assert t("chart.no_data", lang).lower() in made["empty"].summary.lower() or "no data" in made["empty"].summary

    spark = made["sparkline"]
    assert t("status.on_track", lang) in spark.summary and value in spark.summary

    rank = made["ranking"]
    assert "Phường C" in rank.summary.split(";")[0].split(",")[-2] or "Phường C" in rank.summary
    assert list(rank.table[t("col.unit_name", lang)]) == ["Phường C", "Xã B", "Xã A", "Xã D"]
    assert list(rank.table[t("access.chart.col.rank", lang)]) == ["1", "2", "3", "—"]
    assert t("status.achieved", lang) in set(rank.table[t("col.status", lang)])
    assert t("chart.no_data", lang) in rank.summary  # Xã D, said, not left out

    heat = made["heatmap"]
    assert len(heat.table) == 4 and heat.table.shape[1] == 1 + 6  # a unit column and six quarters
    assert heat.table.iloc[0, 1].endswith("*")  # reconstructed, as in the cell
    assert "4" in heat.summary and t("chart.no_data", lang) in heat.summary
    assert made["multiples"].table.equals(heat.table)

    strip = made["strip"]
    assert all(t(f"status.{s}", lang) in strip.summary for s in _strip()["status"])
    assert len(strip.table) == len(_strip())


def test_summary_escapes_nothing_it_should_not():
    """A unit's name is plain text in the summary (the page escapes it once, when it draws)."""
    chart = charts.trajectory_chart(_series(), "I1", DEFAULT_TARGETS, unit_name="Xã <b>A</b> & B", lang="vi")
    assert "Xã <b>A</b> & B" in chart.summary


def test_deck_projector_theme_is_switched_and_remembered(sample_db):
    """The presentation page's switch: the slide's chart redrawn in the projector colours, slide
    styling darker, and the choice kept when the user leaves the deck and comes back."""
    import json
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parents[1] / "app.py"
    at = AppTest.from_file(str(app), default_timeout=90)
    at.run()
    at.switch_page("pages/presentation.py").run()

    def spec() -> str:
        return json.dumps(json.loads(at.get("plotly_chart")[0].proto.spec)).upper()

    actual, dark = palette.COLOURS["actual"].upper(), palette.HIGH_CONTRAST[palette.COLOURS["actual"]].upper()
    assert actual in spec() and dark not in spec()
    at.toggle(key="deck_high_contrast").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert dark in spec() and actual not in spec()
    assert any(".deck-title, .deck-stamp" in str(h.proto.body) for h in at.get("html"))
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/presentation.py").run()
    assert dark in spec() and at.toggle(key="deck_high_contrast").value is True
